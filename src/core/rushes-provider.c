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
#include <math.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-provider.h"

/**
 * RushesProvider:
 *
 * The protocol of one provider. Implementations turn a model and a task's
 * parameters into wire requests and wire answers into #RushesRemoteStatus;
 * they keep no state of their own (the task and the library do).
 */

G_DEFINE_INTERFACE (RushesProvider, rushes_provider, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RushesRemoteStatus, rushes_remote_status,
                     rushes_remote_status_copy, rushes_remote_status_free)

/* The providers the engine speaks, in the order a user meets them. The
 * providers layer registers them (rushes_providers_register_builtin());
 * core only knows them through this table. */
static GPtrArray *registry; /* RushesProviderInfo, owned */
static const char **registry_ids;

static void
provider_info_free (RushesProviderInfo *info)
{
  g_free ((char *) info->id);
  g_free ((char *) info->name);
  g_free (info);
}

static const RushesProviderInfo *
find_known (const char *provider_id)
{
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    {
      const RushesProviderInfo *info = g_ptr_array_index (registry, i);

      if (g_str_equal (info->id, provider_id))
        return info;
    }

  return NULL;
}

/**
 * rushes_provider_register:
 * @info: the provider's id, display name (untranslated, marked with N_()),
 *   flags and constructor
 *
 * Makes a provider known to the engine. Registering an id again replaces
 * it. Call it before the catalog is loaded: catalog entries of unknown
 * providers are refused.
 */
void
rushes_provider_register (const RushesProviderInfo *info)
{
  RushesProviderInfo *copy;

  g_return_if_fail (info != NULL);
  g_return_if_fail (info->id != NULL && info->name != NULL);
  g_return_if_fail (info->new_provider != NULL);

  if (registry == NULL)
    registry = g_ptr_array_new_with_free_func ((GDestroyNotify) provider_info_free);

  copy = g_new0 (RushesProviderInfo, 1);
  copy->id = g_strdup (info->id);
  copy->name = g_strdup (info->name);
  copy->flags = info->flags;
  copy->new_provider = info->new_provider;

  for (guint i = 0; i < registry->len; i++)
    {
      RushesProviderInfo *known = g_ptr_array_index (registry, i);

      if (g_str_equal (known->id, info->id))
        {
          provider_info_free (known);
          registry->pdata[i] = copy;
          return;
        }
    }

  g_ptr_array_add (registry, copy);
  g_clear_pointer (&registry_ids, g_free);
}

RushesRemoteStatus *
rushes_remote_status_new (RushesRemoteState state)
{
  RushesRemoteStatus *self = g_new0 (RushesRemoteStatus, 1);

  self->state = state;
  self->progress = -1;
  self->cost_usd = -1;
  self->video_size = -1;
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

static RushesRemoteStatus *
propagate_status (RushesProvider  *self,
                  GAsyncResult    *result,
                  GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Providers answer submit, status and cancel with a GTask holding a
 * RushesRemoteStatus: that is the finish they get unless they say
 * otherwise. */
static void
rushes_provider_default_init (RushesProviderInterface *iface)
{
  iface->submit_finish = propagate_status;
  iface->status_finish = propagate_status;
  iface->cancel_finish = propagate_status;
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
 * rushes_provider_can_cancel:
 *
 * Returns: %TRUE when the provider has a way to stop a task (WaveSpeed and
 *   APIXO document none: their tasks run to their end)
 */
gboolean
rushes_provider_can_cancel (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->cancel_async != NULL;
}

/**
 * rushes_provider_cancel_async:
 *
 * Asks the provider to stop the task. Only call it when
 * rushes_provider_can_cancel() is %TRUE.
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
  g_return_if_fail (rushes_provider_can_cancel (self));
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
rushes_provider_can_check (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->check_async != NULL;
}

/**
 * rushes_provider_check_async:
 * @self: a provider that rushes_provider_can_check()
 * @credentials: the key (and secret) to test
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes one harmless authenticated request (it costs nothing and
 * changes nothing) to tell whether the provider accepts @credentials.
 * Fails with %RUSHES_ERROR_AUTH when it does not.
 */
void
rushes_provider_check_async (RushesProvider          *self,
                             const RushesCredentials *credentials,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_return_if_fail (rushes_provider_can_check (self));
  g_return_if_fail (credentials != NULL);

  RUSHES_PROVIDER_GET_IFACE (self)->check_async (self, credentials, cancellable, callback, user_data);
}

gboolean
rushes_provider_check_finish (RushesProvider  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->check_finish (self, result, error);
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
 * rushes_provider_can_report_balance:
 *
 * Returns: whether the provider says what is left on an account
 *   (WaveSpeed and APIXO do; Wiro publishes no such call)
 */
gboolean
rushes_provider_can_report_balance (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->balance_async != NULL;
}

/**
 * rushes_provider_balance_async:
 * @self: a provider that rushes_provider_can_report_balance()
 *
 * Reads the balance of the account the key belongs to.
 */
void
rushes_provider_balance_async (RushesProvider          *self,
                               const RushesCredentials *credentials,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_return_if_fail (rushes_provider_can_report_balance (self));
  g_return_if_fail (credentials != NULL);

  RUSHES_PROVIDER_GET_IFACE (self)->balance_async (self, credentials, cancellable, callback, user_data);
}

/**
 * rushes_provider_balance_finish:
 * @balance_usd: (out): the balance in US dollars
 *
 * Returns: %TRUE with @balance_usd set, or %FALSE with @error set
 */
gboolean
rushes_provider_balance_finish (RushesProvider  *self,
                                GAsyncResult    *result,
                                double          *balance_usd,
                                GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (balance_usd != NULL, FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->balance_finish (self, result, balance_usd, error);
}

/**
 * rushes_provider_can_list_models:
 *
 * Returns: whether the provider publishes a listing of its models (Wiro
 *   and WaveSpeed do; APIXO does not)
 */
gboolean
rushes_provider_can_list_models (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->list_models_async != NULL;
}

/**
 * rushes_provider_list_models_async:
 * @self: a provider that rushes_provider_can_list_models()
 *
 * Reads the provider's video models as they are today, with their
 * schemas and prices. A read only: nothing is billed.
 */
void
rushes_provider_list_models_async (RushesProvider          *self,
                                   const RushesCredentials *credentials,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_return_if_fail (rushes_provider_can_list_models (self));
  g_return_if_fail (credentials != NULL);

  RUSHES_PROVIDER_GET_IFACE (self)->list_models_async (self, credentials, cancellable, callback, user_data);
}

/**
 * rushes_provider_list_models_finish:
 *
 * Returns: (transfer full): the models as catalog entries
 *   (data/models/FORMAT.md), those that cannot be used included, marked
 *   "unavailable" with the reason; %NULL with an error when the listing
 *   itself cannot be read (%RUSHES_ERROR_AUTH, %RUSHES_ERROR_UNREACHABLE,
 *   %RUSHES_ERROR_PROTOCOL)
 */
JsonArray *
rushes_provider_list_models_finish (RushesProvider  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), NULL);

  return RUSHES_PROVIDER_GET_IFACE (self)->list_models_finish (self, result, error);
}

/**
 * rushes_provider_can_quote:
 *
 * Returns: whether the provider prices a run before it is sent (WaveSpeed)
 */
gboolean
rushes_provider_can_quote (RushesProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->quote_async != NULL;
}

/**
 * rushes_provider_quote_async:
 * @self: a provider that rushes_provider_can_quote()
 * @params: what the run asks for (validated)
 *
 * Asks the provider what the run would cost, with the body that would be
 * sent. Nothing is created or billed.
 */
void
rushes_provider_quote_async (RushesProvider          *self,
                             const RushesCredentials *credentials,
                             RushesModel             *model,
                             RushesGenerationParams  *params,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_return_if_fail (rushes_provider_can_quote (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (RUSHES_IS_MODEL (model));
  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (params));

  RUSHES_PROVIDER_GET_IFACE (self)->quote_async (self, credentials, model, params, cancellable, callback, user_data);
}

/**
 * rushes_provider_quote_finish:
 * @cost_usd: (out): what the provider says the run costs, in USD
 *
 * Returns: %TRUE with @cost_usd set, or %FALSE with @error set
 */
gboolean
rushes_provider_quote_finish (RushesProvider  *self,
                              GAsyncResult    *result,
                              double          *cost_usd,
                              GError         **error)
{
  g_return_val_if_fail (RUSHES_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (cost_usd != NULL, FALSE);

  return RUSHES_PROVIDER_GET_IFACE (self)->quote_finish (self, result, cost_usd, error);
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
  const RushesProviderInfo *info;

  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  info = find_known (provider_id);
  return info != NULL ? info->new_provider (http) : NULL;
}

/**
 * rushes_provider_list_ids:
 *
 * Returns: (transfer none): the ids of the providers the engine speaks
 */
const char * const *
rushes_provider_list_ids (void)
{
  guint n = registry != NULL ? registry->len : 0;

  if (registry_ids == NULL)
    {
      registry_ids = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        registry_ids[i] = ((RushesProviderInfo *) g_ptr_array_index (registry, i))->id;
    }

  return registry_ids;
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
  const RushesProviderInfo *info;

  g_return_val_if_fail (provider_id != NULL, NULL);

  info = find_known (provider_id);
  return info != NULL ? _(info->name) : NULL;
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
  const RushesProviderInfo *info;

  g_return_val_if_fail (provider_id != NULL, FALSE);

  info = find_known (provider_id);
  return info != NULL && (info->flags & RUSHES_PROVIDER_USES_SECRET) != 0;
}

/**
 * rushes_provider_id_needs_key:
 *
 * Returns: %TRUE when the provider needs an API key; %FALSE for the
 *   offline Sandbox (and for unknown ids)
 */
gboolean
rushes_provider_id_needs_key (const char *provider_id)
{
  const RushesProviderInfo *info;

  g_return_val_if_fail (provider_id != NULL, FALSE);

  info = find_known (provider_id);
  return info != NULL && (info->flags & RUSHES_PROVIDER_NEEDS_KEY) != 0;
}

/**
 * rushes_provider_id_can_cancel:
 *
 * Returns: %TRUE when tasks of the provider can be cancelled (see
 *   rushes_provider_can_cancel()); a UI offers no Cancel otherwise
 */
gboolean
rushes_provider_id_can_cancel (const char *provider_id)
{
  const RushesProviderInfo *info;

  g_return_val_if_fail (provider_id != NULL, FALSE);

  info = find_known (provider_id);
  return info != NULL && (info->flags & RUSHES_PROVIDER_CAN_CANCEL) != 0;
}

/**
 * rushes_provider_id_is_local:
 *
 * Returns: %TRUE when the provider makes videos on this computer (the
 *   Sandbox); only such a provider may hand over a `file:` URL
 */
gboolean
rushes_provider_id_is_local (const char *provider_id)
{
  const RushesProviderInfo *info;

  g_return_val_if_fail (provider_id != NULL, FALSE);

  info = find_known (provider_id);
  return info != NULL && (info->flags & RUSHES_PROVIDER_LOCAL) != 0;
}
