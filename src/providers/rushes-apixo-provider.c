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

#define G_LOG_DOMAIN "rushes-apixo-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-apixo-provider-private.h"
#include "rushes-config.h"
#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-model-private.h"
#include "rushes-provider-utils.h"
#include "rushes-text.h"

#define PROVIDER_ID   "apixo"
#define PROVIDER_NAME "APIXO"

/**
 * RushesApixoProvider:
 *
 * APIXO (protocols.md §3): Bearer auth, `POST /generateTask/{model}` with
 * `{request_type, provider, input: {…}}`, `GET /statusTask/{model}?taskId=`,
 * every answer in a `{code, message, data}` envelope. A failed task answers
 * HTTP 200 with `state: failed`; `resultJson` is a string holding JSON.
 * APIXO takes images as URLs only and documents no upload and no cancel.
 */
struct _RushesApixoProvider
{
  GObject     parent_instance;

  RushesHttp *http;
};

static void provider_iface_init (RushesProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesApixoProvider, rushes_apixo_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_PROVIDER, provider_iface_init))

/* ------------------------------------------------------------------ */
/* Parsing (unit-tested on its own) */

/* Reads the `{code, message, data}` envelope and the HTTP status into the
 * data object or a clear error; `code` may carry the real status of an
 * answer sent with HTTP 200. */
static JsonNode *
get_data_node (JsonNode        *root,
               guint            status,
               RushesHttpKind   kind,
               GError         **error)
{
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *data_node = object != NULL ? json_object_get_member (object, "data") : NULL;
  JsonObject *data = data_node != NULL && JSON_NODE_HOLDS_OBJECT (data_node) ? json_node_get_object (data_node) : NULL;
  g_autofree char *message = _rushes_json_dup_string (object, "message");
  g_autofree char *data_error = _rushes_json_dup_string (data, "error");
  g_autofree char *detail = NULL;
  gint64 code = 0;
  gboolean has_code = _rushes_json_get_int (object, "code", &code);
  guint effective = status;

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && (!has_code || code == 200))
    {
      if (data_node != NULL && !JSON_NODE_HOLDS_NULL (data_node))
        return data_node;

      g_set_error_literal (error, RUSHES_ERROR,
                           kind == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL,
                           object == NULL ? _("APIXO's answer is not an object")
                                          : _("APIXO's answer holds no data"));
      return NULL;
    }

  if (data_error != NULL && data_error[0] != '\0')
    detail = g_steal_pointer (&data_error);
  else if (message != NULL && g_ascii_strcasecmp (message, "success") != 0)
    detail = g_steal_pointer (&message);

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && has_code && code >= 100 && code <= 599)
    effective = (guint) code;

  if (effective == SOUP_STATUS_UNAUTHORIZED || effective == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("APIXO refused the API key (HTTP %u)%s%s. Check the key."),
                 effective, detail != NULL ? ": " : "", detail != NULL ? detail : "");
  else if (effective == SOUP_STATUS_PAYMENT_REQUIRED)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("Your APIXO balance is too low (insufficient balance, HTTP 402)%s%s. Add credit to the "
                   "APIXO account and try again."),
                 detail != NULL ? ": " : "", detail != NULL ? detail : "");
  else if (SOUP_STATUS_IS_SUCCESSFUL (effective))
    g_set_error (error, RUSHES_ERROR,
                 kind == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL,
                 _("APIXO answered with the unknown code %" G_GINT64_FORMAT), code);
  else
    rushes_http_set_status_error (error, kind, effective, PROVIDER_NAME, detail);

  return NULL;
}

static JsonObject *
get_data (JsonNode        *root,
          guint            status,
          RushesHttpKind   kind,
          GError         **error)
{
  JsonNode *data = get_data_node (root, status, kind, error);

  if (data == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, RUSHES_ERROR,
                           kind == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL,
                           _("APIXO's answer holds no data"));
      return NULL;
    }

  return json_node_get_object (data);
}

/**
 * _rushes_apixo_parse_result_json:
 * @result_json: `data.resultJson`: a string holding `{"resultUrls": [url…]}`
 *   (or, tolerated, that object itself)
 *
 * Returns: (transfer full) (nullable): the first result URL
 */
char *
_rushes_apixo_parse_result_json (JsonNode *result_json)
{
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *object = NULL;
  JsonArray *urls;
  JsonNode *first;

  if (result_json == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (result_json) && json_node_get_value_type (result_json) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (result_json);

      /* JSON inside a string: parsed with the same guard as the answer. */
      parsed = rushes_json_parse (text, strlen (text), RUSHES_JSON_MAX_ANSWER, NULL);
      if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed))
        object = json_node_get_object (parsed);
    }
  else if (JSON_NODE_HOLDS_OBJECT (result_json))
    object = json_node_get_object (result_json);

  urls = _rushes_json_get_array (object, "resultUrls");
  if (urls == NULL || json_array_get_length (urls) == 0)
    return NULL;

  first = json_array_get_element (urls, 0);
  if (!JSON_NODE_HOLDS_VALUE (first) || json_node_get_value_type (first) != G_TYPE_STRING)
    return NULL;

  return rushes_text_sanitize (json_node_get_string (first));
}

/**
 * _rushes_apixo_parse_submit:
 * @root: the answer to generateTask: `{"code": 200, "data": {"taskId"}}`
 *
 * Returns: (transfer full) (nullable): a queued status with the task id,
 *   or %NULL with %RUSHES_ERROR_UNCERTAIN when it is missing
 */
RushesRemoteStatus *
_rushes_apixo_parse_submit (JsonNode  *root,
                            guint      status,
                            GError   **error)
{
  g_autoptr(RushesRemoteStatus) remote = NULL;
  JsonObject *data;

  g_return_val_if_fail (root != NULL, NULL);

  data = get_data (root, status, RUSHES_HTTP_SUBMIT, error);
  if (data == NULL)
    return NULL;

  remote = rushes_remote_status_new (RUSHES_REMOTE_STATE_QUEUED);
  remote->remote_id = _rushes_json_dup_string (data, "taskId");
  if (remote->remote_id == NULL || remote->remote_id[0] == '\0')
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                           _("APIXO accepted the request but did not say which task it started"));
      return NULL;
    }

  remote->message = g_strdup (_("Waiting at APIXO"));
  return g_steal_pointer (&remote);
}

/**
 * _rushes_apixo_parse_status:
 * @root: the answer to statusTask: `data` has `taskId`, `state` (pending,
 *   processing, success, failed), `resultJson`, `failCode`, `failMsg`, …
 *
 * A failed task is an answer like any other (HTTP 200): its `failMsg` and
 * `failCode` become the status message.
 *
 * Returns: (transfer full) (nullable): the status
 */
RushesRemoteStatus *
_rushes_apixo_parse_status (JsonNode  *root,
                            guint      status,
                            GError   **error)
{
  g_autoptr(RushesRemoteStatus) remote = NULL;
  g_autofree char *state = NULL;
  JsonObject *data;

  g_return_val_if_fail (root != NULL, NULL);

  data = get_data (root, status, RUSHES_HTTP_READ, error);
  if (data == NULL)
    return NULL;

  remote = rushes_remote_status_new (RUSHES_REMOTE_STATE_RUNNING);
  remote->remote_id = _rushes_json_dup_string (data, "taskId");
  state = _rushes_json_dup_string (data, "state");

  if (g_strcmp0 (state, "pending") == 0)
    {
      remote->state = RUSHES_REMOTE_STATE_QUEUED;
      remote->message = g_strdup (_("Waiting at APIXO"));
    }
  else if (g_strcmp0 (state, "success") == 0)
    {
      remote->state = RUSHES_REMOTE_STATE_SUCCEEDED;
      remote->terminal = TRUE;
      remote->video_url = _rushes_apixo_parse_result_json (json_object_get_member (data, "resultJson"));
      remote->message = g_strdup (_("Finished at APIXO"));
    }
  else if (g_strcmp0 (state, "failed") == 0)
    {
      g_autofree char *fail_code = _rushes_json_dup_string (data, "failCode");
      g_autofree char *fail_message = _rushes_json_dup_string (data, "failMsg");
      g_autofree char *reason = _rushes_shorten_message (fail_message);

      remote->state = RUSHES_REMOTE_STATE_FAILED;
      remote->terminal = TRUE;
      if (reason != NULL && fail_code != NULL && fail_code[0] != '\0')
        remote->message = g_strdup_printf (_("APIXO reports the generation failed: %s (%s)"), reason, fail_code);
      else if (reason != NULL)
        remote->message = g_strdup_printf (_("APIXO reports the generation failed: %s"), reason);
      else if (fail_code != NULL && fail_code[0] != '\0')
        remote->message = g_strdup_printf (_("APIXO reports the generation failed (%s)"), fail_code);
      else
        remote->message = g_strdup (_("APIXO reports the generation failed without saying why"));
    }
  else
    {
      /* "processing", and states APIXO may add later. */
      remote->state = RUSHES_REMOTE_STATE_RUNNING;
      remote->message = g_strdup (_("Generating at APIXO"));
    }

  return g_steal_pointer (&remote);
}

/* ------------------------------------------------------------------ */
/* Requests */


/* ------------------------------------------------------------------ */
/* submit */

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _rushes_provider_return_status (task, RUSHES_HTTP (object), result, _rushes_apixo_parse_submit);
}

static void
rushes_apixo_provider_submit_async (RushesProvider          *provider,
                                    const RushesCredentials *credentials,
                                    RushesModel             *model,
                                    RushesTask              *rushes_task,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data)
{
  RushesApixoProvider *self = RUSHES_APIXO_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  RushesBearerRequest *bearer;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_apixo_provider_submit_async);

  request = _rushes_model_build_request (model, rushes_task_get_params (rushes_task), &error);
  if (request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Validation refuses local files for catalog entries that say so; a user's
   * own entry may not, and APIXO has nowhere to upload them to. */
  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i);
      const char *value = field->image_control != NULL ? json_node_get_string (field->value) : NULL;

      if (value != NULL && !g_str_has_prefix (value, "https://") && !g_str_has_prefix (value, "http://"))
        {
          g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                                   _("APIXO takes image URLs only and cannot send the local file “%s”; "
                                     "give the image as an https:// address"), value);
          return;
        }
    }

  body = _rushes_wire_request_to_json (request, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  path = g_strconcat ("generateTask/", request->path, NULL);
  url = _rushes_provider_endpoint (self->http, PROVIDER_ID, path);
  bearer = _rushes_bearer_request_new (credentials, PROVIDER_NAME, SOUP_METHOD_POST, url);
  bearer->json = rushes_json_to_string (body, FALSE);

  rushes_http_send_json_async (self->http, RUSHES_HTTP_SUBMIT, NULL,
                               _rushes_bearer_request_build_message, bearer,
                               (GDestroyNotify) _rushes_bearer_request_free,
                               cancellable, submit_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* status */

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _rushes_provider_return_status (task, RUSHES_HTTP (object), result, _rushes_apixo_parse_status);
}

static void
rushes_apixo_provider_status_async (RushesProvider          *provider,
                                    const RushesCredentials *credentials,
                                    RushesModel             *model,
                                    RushesTask              *rushes_task,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data)
{
  RushesApixoProvider *self = RUSHES_APIXO_PROVIDER (provider);
  RushesGenerationMode mode = rushes_generation_params_get_mode (rushes_task_get_params (rushes_task));
  g_autoptr(GTask) task = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  RushesBearerRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_apixo_provider_status_async);

  /* The model is named again in the path, the task in the query. */
  id = g_uri_escape_string (rushes_task_get_remote_id (rushes_task), NULL, FALSE);
  path = g_strdup_printf ("statusTask/%s?taskId=%s", _rushes_model_get_path (model, mode), id);
  url = _rushes_provider_endpoint (self->http, PROVIDER_ID, path);
  request = _rushes_bearer_request_new (credentials, PROVIDER_NAME, SOUP_METHOD_GET, url);

  rushes_http_send_json_async (self->http, RUSHES_HTTP_READ, NULL,
                               _rushes_bearer_request_build_message, request,
                               (GDestroyNotify) _rushes_bearer_request_free,
                               cancellable, status_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */

static const char *
rushes_apixo_provider_get_id (RushesProvider *provider)
{
  return PROVIDER_ID;
}

static const char *
rushes_apixo_provider_get_name (RushesProvider *provider)
{
  return PROVIDER_NAME;
}

/**
 * _rushes_apixo_parse_balance:
 *
 * `GET /apikeys/current-balance` answers with `data` a bare number
 * (74.87), or a string holding one.
 */
gboolean
_rushes_apixo_parse_balance (JsonNode  *root,
                             guint      status,
                             double    *balance_usd,
                             GError   **error)
{
  JsonNode *data = get_data_node (root, status, RUSHES_HTTP_READ, error);
  g_autoptr(JsonObject) holder = NULL;

  if (data == NULL)
    return FALSE;

  /* Read through the helper that takes numbers and number strings alike. */
  holder = json_object_new ();
  json_object_set_member (holder, "balance", json_node_copy (data));
  if (!_rushes_json_get_double (holder, "balance", balance_usd) || !isfinite (*balance_usd))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("APIXO's balance answer holds no amount"));
      return FALSE;
    }

  return TRUE;
}

static void
rushes_apixo_provider_balance_async (RushesProvider          *provider,
                                     const RushesCredentials *credentials,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  RushesApixoProvider *self = RUSHES_APIXO_PROVIDER (provider);
  g_autofree char *url = _rushes_provider_endpoint (self->http, PROVIDER_ID, "apikeys/current-balance");

  _rushes_provider_get_balance (provider, self->http, credentials, PROVIDER_NAME, url,
                                _rushes_apixo_parse_balance, cancellable, callback, user_data);
}

static void
provider_iface_init (RushesProviderInterface *iface)
{
  iface->get_id = rushes_apixo_provider_get_id;
  iface->get_name = rushes_apixo_provider_get_name;
  iface->submit_async = rushes_apixo_provider_submit_async;
  iface->status_async = rushes_apixo_provider_status_async;
  iface->balance_async = rushes_apixo_provider_balance_async;
  iface->balance_finish = _rushes_provider_amount_finish;
}

static void
rushes_apixo_provider_dispose (GObject *object)
{
  RushesApixoProvider *self = (RushesApixoProvider *)object;

  g_clear_object (&self->http);

  G_OBJECT_CLASS (rushes_apixo_provider_parent_class)->dispose (object);
}

static void
rushes_apixo_provider_class_init (RushesApixoProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_apixo_provider_dispose;
}

static void
rushes_apixo_provider_init (RushesApixoProvider *self)
{
}

/**
 * rushes_apixo_provider_new:
 * @http: the engine's HTTP layer
 *
 * Returns: (transfer full): the APIXO provider
 */
RushesProvider *
rushes_apixo_provider_new (RushesHttp *http)
{
  RushesApixoProvider *self;

  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  self = g_object_new (RUSHES_TYPE_APIXO_PROVIDER, NULL);
  self->http = g_object_ref (http);

  return RUSHES_PROVIDER (self);
}
