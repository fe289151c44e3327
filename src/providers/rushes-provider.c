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

#include "rushes-apixo-provider.h"
#include "rushes-error.h"
#include "rushes-provider-private.h"
#include "rushes-sandbox-provider.h"
#include "rushes-wavespeed-provider.h"
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

/* Keep in step with the providers themselves (tests/engine/test-providers.c
 * checks it): the app asks these before it has a provider object. */
static const struct {
  const char     *id;
  const char     *name;
  gboolean        uses_secret;
  gboolean        needs_key;
  gboolean        can_cancel;
  RushesProvider *(*new) (RushesHttp *http);
} known_providers[] = {
  { "wiro", N_("Wiro"), TRUE, TRUE, TRUE, rushes_wiro_provider_new },
  { "wavespeed", N_("WaveSpeed"), FALSE, TRUE, FALSE, rushes_wavespeed_provider_new },
  { "apixo", N_("APIXO"), FALSE, TRUE, FALSE, rushes_apixo_provider_new },
  { "sandbox", N_("Sandbox"), FALSE, FALSE, TRUE, rushes_sandbox_provider_new },
};

static gssize
find_known (const char *provider_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_providers); i++)
    if (g_str_equal (known_providers[i].id, provider_id))
      return i;

  return -1;
}

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

/**
 * _rushes_provider_return_status:
 * @task: the provider's GTask for a submit, status or cancel
 * @http: the HTTP layer the request went through
 * @result: its result
 * @parse: reads the provider's answer
 *
 * Finishes a JSON request and returns what @parse makes of the answer
 * (or the error) through @task.
 */
void
_rushes_provider_return_status (GTask              *task,
                                RushesHttp         *http,
                                GAsyncResult       *result,
                                RushesStatusParser  parse)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  RushesRemoteStatus *status;
  guint http_status = 0;

  root = rushes_http_send_json_finish (http, result, &http_status, &error);
  status = root != NULL ? parse (root, http_status, &error) : NULL;
  if (status == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, status, (GDestroyNotify) rushes_remote_status_free);
}

/**
 * _rushes_provider_endpoint:
 *
 * Returns: (transfer full): @path under the provider's configured base URL
 */
char *
_rushes_provider_endpoint (RushesHttp *http,
                           const char *provider_id,
                           const char *path)
{
  RushesConfig *config = rushes_http_get_config (http);

  return g_strconcat (rushes_config_get_base_url (config, provider_id), "/", path, NULL);
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
  gssize i;

  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  i = find_known (provider_id);
  return i >= 0 ? known_providers[i].new (http) : NULL;
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
  gssize i;

  g_return_val_if_fail (provider_id != NULL, NULL);

  i = find_known (provider_id);
  return i >= 0 ? _(known_providers[i].name) : NULL;
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
  gssize i;

  g_return_val_if_fail (provider_id != NULL, FALSE);

  i = find_known (provider_id);
  return i >= 0 && known_providers[i].uses_secret;
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
  gssize i;

  g_return_val_if_fail (provider_id != NULL, FALSE);

  i = find_known (provider_id);
  return i >= 0 && known_providers[i].needs_key;
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
  gssize i;

  g_return_val_if_fail (provider_id != NULL, FALSE);

  i = find_known (provider_id);
  return i >= 0 && known_providers[i].can_cancel;
}

/* ------------------------------------------------------------------ */
/* Helpers for the implementations */

#define MAX_MESSAGE_LENGTH 300

/**
 * _rushes_json_dup_string:
 *
 * Returns: (transfer full) (nullable): a string, number or boolean member
 *   as text
 */
char *
_rushes_json_dup_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

gboolean
_rushes_json_get_double (JsonObject *object,
                         const char *member,
                         double     *value)
{
  g_autofree char *text = _rushes_json_dup_string (object, member);
  char *end = NULL;
  double number;

  if (text == NULL)
    return FALSE;

  g_strstrip (text);
  number = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (number))
    return FALSE;

  *value = number;
  return TRUE;
}

gboolean
_rushes_json_get_int (JsonObject *object,
                      const char *member,
                      gint64     *value)
{
  double number;

  if (!_rushes_json_get_double (object, member, &number) || number != floor (number) ||
      number < (double) G_MININT64 || number > (double) G_MAXINT64)
    return FALSE;

  *value = (gint64) number;
  return TRUE;
}

JsonArray *
_rushes_json_get_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
_rushes_json_get_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * _rushes_shorten_message:
 *
 * Returns: (transfer full) (nullable): the last non-empty line of @text
 *   (usually the reason in a log), cut to a readable length
 */
char *
_rushes_shorten_message (const char *text)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = g_strv_length (lines); i > 0; i--)
    {
      g_strstrip (lines[i - 1]);
      if (lines[i - 1][0] != '\0')
        {
          line = g_strdup (lines[i - 1]);
          break;
        }
    }

  if (line == NULL)
    return NULL;
  if (g_utf8_validate (line, -1, NULL) && g_utf8_strlen (line, -1) > MAX_MESSAGE_LENGTH)
    {
      char *end = g_utf8_offset_to_pointer (line, MAX_MESSAGE_LENGTH);

      *end = '\0';
      return g_strconcat (line, "…", NULL);
    }
  return g_steal_pointer (&line);
}

/**
 * _rushes_bearer_request_new:
 * @provider_name: for messages; a static string
 * @method: %SOUP_METHOD_GET or %SOUP_METHOD_POST
 *
 * Set `json`, or `file` with `file_field`, `filename` and `content_type`,
 * before sending.
 */
RushesBearerRequest *
_rushes_bearer_request_new (const RushesCredentials *credentials,
                            const char              *provider_name,
                            const char              *method,
                            const char              *url)
{
  RushesBearerRequest *request = g_new0 (RushesBearerRequest, 1);

  request->credentials = rushes_credentials_copy (credentials);
  request->provider_name = provider_name;
  request->method = method;
  request->url = g_strdup (url);
  return request;
}

void
_rushes_bearer_request_free (RushesBearerRequest *request)
{
  g_clear_pointer (&request->credentials, rushes_credentials_free);
  g_free (request->url);
  g_free (request->json);
  g_clear_pointer (&request->file, g_bytes_unref);
  g_free (request->file_field);
  g_free (request->filename);
  g_free (request->content_type);
  g_free (request);
}

SoupMessage *
_rushes_bearer_request_build_message (gpointer   user_data,
                                      GError   **error)
{
  RushesBearerRequest *request = user_data;
  g_autofree char *authorization = NULL;
  SoupMessage *message;

  if (request->file != NULL)
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);

      soup_multipart_append_form_file (multipart, request->file_field, request->filename,
                                       request->content_type, request->file);
      message = soup_message_new_from_multipart (request->url, multipart);
    }
  else
    {
      message = soup_message_new (request->method, request->url);
      if (message != NULL && request->json != NULL)
        {
          g_autoptr(GBytes) body = g_bytes_new (request->json, strlen (request->json));

          soup_message_set_request_body_from_bytes (message, "application/json", body);
        }
    }

  if (message == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The %s endpoint “%s” is not a valid URL"), request->provider_name, request->url);
      return NULL;
    }

  authorization = g_strconcat ("Bearer ", request->credentials->api_key, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  memset (authorization, 0, strlen (authorization));

  return message;
}
