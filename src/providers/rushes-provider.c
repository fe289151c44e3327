/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copyright 2026 The Rushes authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */

#define G_LOG_DOMAIN "rushes-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-provider.h"
#include "rushes-wiro-provider.h"

/**
 * RushesProvider:
 *
 * The protocol of one provider. Implementations turn a model and a task's
 * parameters into wire requests and wire answers into #RushesRemoteStatus;
 * they keep no state of their own (the task and the library do).
 */

G_DEFINE_INTERFACE (RushesProvider, rushes_provider, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RushesCredentials, rushes_credentials,
                     rushes_credentials_copy, rushes_credentials_free)

G_DEFINE_BOXED_TYPE (RushesRemoteStatus, rushes_remote_status,
                     rushes_remote_status_copy, rushes_remote_status_free)

static const struct {
  const char     *id;
  const char     *name;
  gboolean        uses_secret;
  RushesProvider *(*new) (RushesHttp *http);
} known_providers[] = {
  { "wiro", N_("Wiro"), TRUE, rushes_wiro_provider_new },
};

/**
 * rushes_credentials_new:
 * @api_key: the API key
 * @api_secret: (nullable): the API secret
 */
RushesCredentials *
rushes_credentials_new (const char *api_key,
                        const char *api_secret)
{
  RushesCredentials *self;

  g_return_val_if_fail (api_key != NULL, NULL);

  self = g_new0 (RushesCredentials, 1);
  self->api_key = g_strdup (api_key);
  self->api_secret = g_strdup (api_secret);
  return self;
}

RushesCredentials *
rushes_credentials_copy (const RushesCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return rushes_credentials_new (self->api_key, self->api_secret);
}

void
rushes_credentials_free (RushesCredentials *self)
{
  if (self == NULL)
    return;

  /* Do not leave secrets behind in freed memory. */
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  if (self->api_secret != NULL)
    memset (self->api_secret, 0, strlen (self->api_secret));
  g_free (self->api_key);
  g_free (self->api_secret);
  g_free (self);
}

RushesRemoteStatus *
rushes_remote_status_new (RushesRemoteState state)
{
  RushesRemoteStatus *self = g_new0 (RushesRemoteStatus, 1);

  self->state = state;
  self->progress = -1;
  self->cost_usd = -1;
  return self;
}

RushesRemoteStatus *
rushes_remote_status_copy (const RushesRemoteStatus *self)
{
  RushesRemoteStatus *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->remote_id = g_strdup (self->remote_id);
  copy->remote_token = g_strdup (self->remote_token);
  copy->video_url = g_strdup (self->video_url);
  copy->message = g_strdup (self->message);
  return copy;
}

void
rushes_remote_status_free (RushesRemoteStatus *self)
{
  if (self == NULL)
    return;

  g_free (self->remote_id);
  g_free (self->remote_token);
  g_free (self->video_url);
  g_free (self->message);
  g_free (self);
}

static void
rushes_provider_default_init (RushesProviderInterface *iface)
{
}

const char *
rushes_provider_get_id (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), NULL);

  return RUSHES_PROVIDER_GET_IFACE (self)->get_id (self);
}

/**
 * rushes_provider_get_name:
 *
 * Returns: the provider's name for messages ("Wiro")
 */
const char *
rushes_provider_get_name (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), NULL);

  return RUSHES_PROVIDER_GET_IFACE (self)->get_name (self);
}

/**
 * rushes_provider_submit_async:
 * @task: the task to send; its parameters must be complete and valid
 *
 * Sends the generation request. It is sent exactly once: a failure after
 * the request went out finishes with %RUSHES_ERROR_UNCERTAIN.
 */
void
rushes_provider_submit_async (RushesProvider          *self,
                              const RushesCredentials *credentials,
                              RushesModel             *model,
                              RushesTask              *task,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  g_return_if_fail (RUSHES_IS_PROVIDER (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (RUSHES_IS_MODEL (model));
  g_return_if_fail (RUSHES_IS_TASK (task));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_PROVIDER_GET_IFACE (self)->submit_async (self, credentials, model, task,
                                                  cancellable, callback, user_data);
}

/**
 * rushes_provider_submit_finish:
 *
 * Returns: (transfer full) (nullable): the first status, with the remote
 *   id (and token) the task is known by from now on
 */
RushesRemoteStatus *
rushes_provider_submit_finish (RushesProvider  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), NULL);

  return RUSHES_PROVIDER_GET_IFACE (self)->submit_finish (self, result, error);
}

/**
 * rushes_provider_status_async:
 *
 * Reads the task's status upstream (an idempotent read, retried on 429,
 * 5xx and transport errors).
 */
void
rushes_provider_status_async (RushesProvider          *self,
                              const RushesCredentials *credentials,
                              RushesModel             *model,
                              RushesTask              *task,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  g_return_if_fail (RUSHES_IS_PROVIDER (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (RUSHES_IS_MODEL (model));
  g_return_if_fail (RUSHES_IS_TASK (task));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_PROVIDER_GET_IFACE (self)->status_async (self, credentials, model, task,
                                                  cancellable, callback, user_data);
}

/**
 * rushes_provider_status_finish:
 *
 * Returns: (transfer full) (nullable): the status
 */
RushesRemoteStatus *
rushes_provider_status_finish (RushesProvider  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), NULL);

  return RUSHES_PROVIDER_GET_IFACE (self)->status_finish (self, result, error);
}

/**
 * rushes_provider_cancel_async:
 *
 * Asks the provider to stop the task.
 */
void
rushes_provider_cancel_async (RushesProvider          *self,
                              const RushesCredentials *credentials,
                              RushesModel             *model,
                              RushesTask              *task,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  g_return_if_fail (RUSHES_IS_PROVIDER (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (RUSHES_IS_MODEL (model));
  g_return_if_fail (RUSHES_IS_TASK (task));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_PROVIDER_GET_IFACE (self)->cancel_async (self, credentials, model, task,
                                                  cancellable, callback, user_data);
}

/**
 * rushes_provider_cancel_finish:
 *
 * Returns: (transfer full) (nullable): the status after the cancel: normally
 *   %RUSHES_REMOTE_STATE_CANCELLED; a task that ended first keeps its outcome
 */
RushesRemoteStatus *
rushes_provider_cancel_finish (RushesProvider  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), NULL);

  return RUSHES_PROVIDER_GET_IFACE (self)->cancel_finish (self, result, error);
}

gboolean
rushes_provider_can_upload (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->upload_async != NULL;
}

/**
 * rushes_provider_upload_async:
 *
 * Uploads a local file for providers that take inputs as URLs only.
 * Only call it when rushes_provider_can_upload() is %TRUE.
 */
void
rushes_provider_upload_async (RushesProvider          *self,
                              const RushesCredentials *credentials,
                              GFile                   *file,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  g_return_if_fail (RUSHES_IS_PROVIDER (self));
  g_return_if_fail (rushes_provider_can_upload (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_PROVIDER_GET_IFACE (self)->upload_async (self, credentials, file,
                                                  cancellable, callback, user_data);
}

/**
 * rushes_provider_upload_finish:
 *
 * Returns: (transfer full) (nullable): the URL of the uploaded file
 */
char *
rushes_provider_upload_finish (RushesProvider  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), NULL);

  return RUSHES_PROVIDER_GET_IFACE (self)->upload_finish (self, result, error);
}

gboolean
rushes_provider_can_watch (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->watch_async != NULL;
}

/**
 * rushes_provider_watch_async:
 * @func: called for each live update, on the caller's main context
 * @func_data: data for @func; it must stay valid until the operation finishes
 *
 * Follows the task over the provider's live channel. Finishes with %TRUE
 * after a terminal event (then read the status for the outcome), or with
 * an error when the channel cannot be opened or drops before one. Only call
 * it when rushes_provider_can_watch() is %TRUE.
 */
void
rushes_provider_watch_async (RushesProvider          *self,
                             const RushesCredentials *credentials,
                             RushesModel             *model,
                             RushesTask              *task,
                             RushesProviderWatchFunc  func,
                             gpointer                 func_data,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_return_if_fail (RUSHES_IS_PROVIDER (self));
  g_return_if_fail (rushes_provider_can_watch (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (RUSHES_IS_MODEL (model));
  g_return_if_fail (RUSHES_IS_TASK (task));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_PROVIDER_GET_IFACE (self)->watch_async (self, credentials, model, task, func, func_data,
                                                 cancellable, callback, user_data);
}

gboolean
rushes_provider_watch_finish (RushesProvider  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->watch_finish (self, result, error);
}

/**
 * rushes_provider_new_for_id:
 * @provider_id: "wiro", …
 *
 * Returns: (transfer full) (nullable): the provider, or %NULL for an
 *   unknown id
 */
RushesProvider *
rushes_provider_new_for_id (const char *provider_id,
                            RushesHttp *http)
{
  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_providers); i++)
    if (g_str_equal (known_providers[i].id, provider_id))
      return known_providers[i].new (http);

  return NULL;
}

/**
 * rushes_provider_list_ids:
 *
 * Returns: (transfer none): the ids of the providers the engine speaks
 */
const char * const *
rushes_provider_list_ids (void)
{
  static const char *ids[G_N_ELEMENTS (known_providers) + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (known_providers); i++)
      ids[i] = known_providers[i].id;

  return ids;
}

gboolean
rushes_provider_id_is_known (const char *provider_id)
{
  g_return_val_if_fail (provider_id != NULL, FALSE);

  return rushes_provider_id_get_name (provider_id) != NULL;
}

/**
 * rushes_provider_id_get_name:
 *
 * Returns: (nullable): the display name of @provider_id ("Wiro")
 */
const char *
rushes_provider_id_get_name (const char *provider_id)
{
  g_return_val_if_fail (provider_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_providers); i++)
    if (g_str_equal (known_providers[i].id, provider_id))
      return _(known_providers[i].name);

  return NULL;
}

/**
 * rushes_provider_id_uses_secret:
 *
 * Returns: %TRUE when the provider signs requests with an API secret
 *   besides the key (optional: Wiro's key-only projects have none)
 */
gboolean
rushes_provider_id_uses_secret (const char *provider_id)
{
  g_return_val_if_fail (provider_id != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (known_providers); i++)
    if (g_str_equal (known_providers[i].id, provider_id))
      return known_providers[i].uses_secret;

  return FALSE;
}
