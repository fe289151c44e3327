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

#define G_LOG_DOMAIN "rushes-wiro-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-config.h"
#include "rushes-error.h"
#include "rushes-image-format.h"
#include "rushes-json.h"
#include "rushes-model-private.h"
#include "rushes-provider-utils.h"
#include "rushes-task-private.h"
#include "rushes-text.h"
#include "rushes-wiro-provider-private.h"

/* Far above any model's image limit: only a bound on what is read. */
#define MAX_IMAGE_FILE_SIZE (64u * 1024 * 1024)

#define PROVIDER_ID   "wiro"
#define PROVIDER_NAME "Wiro"
#define MAX_SOCKET_PAYLOAD (8 * 1024 * 1024)

/**
 * RushesWiroProvider:
 *
 * Wiro (protocols.md §1): signed REST calls (HMAC-SHA256 of secret+nonce
 * keyed with the API key, or the key alone for key-only projects), Run as
 * multipart form with the start image as a file part or a URL, Task/Detail
 * polling, Cancel/Kill, and live progress over the WebSocket.
 */
struct _RushesWiroProvider
{
  GObject     parent_instance;

  RushesHttp *http;
};

static void provider_iface_init (RushesProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesWiroProvider, rushes_wiro_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_PROVIDER, provider_iface_init))

typedef struct
{
  char              *name;
  char              *value;
  GBytes            *file;
  char              *filename;
  char              *content_type;
} FormField;

typedef struct
{
  RushesHttp        *http;
  RushesCredentials *credentials;
  char              *url;
  GPtrArray         *form;   /* FormField, for multipart */
  char              *json;   /* body, for JSON requests */
} RequestData;

typedef struct
{
  RushesWiroProvider *self;
  RushesCredentials  *credentials;
  RushesTask         *task;
  gboolean            killing;
} CancelData;

typedef struct
{
  SoupWebsocketConnection *connection;
  GCancellable            *cancellable;
  RushesProviderWatchFunc  func;
  gpointer                 func_data;
  char                    *task_token;
  gulong                   message_id;
  gulong                   closed_id;
  gulong                   cancelled_id;
} WatchData;

static void
form_field_free (FormField *field)
{
  g_free (field->name);
  g_free (field->value);
  g_clear_pointer (&field->file, g_bytes_unref);
  g_free (field->filename);
  g_free (field->content_type);
  g_free (field);
}

static void
request_data_free (RequestData *data)
{
  g_clear_object (&data->http);
  g_clear_pointer (&data->credentials, rushes_credentials_free);
  g_free (data->url);
  g_clear_pointer (&data->form, g_ptr_array_unref);
  g_free (data->json);
  g_free (data);
}

static void
cancel_data_free (CancelData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->credentials, rushes_credentials_free);
  g_clear_object (&data->task);
  g_free (data);
}

static void
watch_data_disconnect (WatchData *data)
{
  if (data->connection == NULL)
    return;

  g_clear_signal_handler (&data->message_id, data->connection);
  g_clear_signal_handler (&data->closed_id, data->connection);
  if (soup_websocket_connection_get_state (data->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (data->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&data->connection);
}

static void
watch_data_free (WatchData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  watch_data_disconnect (data);
  g_free (data->task_token);
  g_free (data);
}

/* ------------------------------------------------------------------ */
/* Signing and parsing (unit-tested on their own) */

/**
 * _rushes_wiro_sign:
 *
 * Returns: (transfer full): lowercase hex of HMAC-SHA256 keyed with the API
 *   key over the API secret followed by the nonce, as the seed's
 *   `echo -n "$SECRET$NONCE" | openssl dgst -sha256 -hmac "$KEY"`
 */
char *
_rushes_wiro_sign (const char *api_key,
                   const char *api_secret,
                   const char *nonce)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (api_secret != NULL, NULL);
  g_return_val_if_fail (nonce != NULL, NULL);

  message = g_strconcat (api_secret, nonce, NULL);
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) api_key, strlen (api_key), message, -1);
}

/* The seed prints "categories": "["tool","image-to-image"]" — quotes left
 * unescaped inside a string. If an answer fails to parse, escape them and
 * try once more. */
static char *
mend_categories (const char *text,
                 gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  const char *key = strstr (copy, "\"categories\"");
  const char *open, *close;
  GString *mended;

  if (key == NULL)
    return NULL;

  open = key + strlen ("\"categories\"");
  while (*open == ' ' || *open == '\t' || *open == ':' || *open == '\n' || *open == '\r')
    open++;
  if (open[0] != '"' || open[1] != '[')
    return NULL;

  close = strstr (open, "]\"");
  if (close == NULL)
    return NULL;

  mended = g_string_new_len (copy, open + 1 - copy);
  for (const char *p = open + 1; p <= close; p++)
    {
      if (*p == '"' && p[-1] != '\\')
        g_string_append_c (mended, '\\');
      g_string_append_c (mended, *p);
    }
  g_string_append (mended, close + 1);

  return g_string_free (mended, FALSE);
}

/**
 * _rushes_wiro_parse_json:
 *
 * Parses an answer or a socket frame from Wiro (at most
 * %RUSHES_JSON_MAX_ANSWER, nested no deeper than %RUSHES_JSON_MAX_DEPTH),
 * mending the seed's unescaped `categories`.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
_rushes_wiro_parse_json (const char  *text,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mended = NULL;
  JsonNode *root;
  gsize size;

  g_return_val_if_fail (text != NULL, NULL);

  /* Answers and socket frames alike: bounded and not too deep. */
  size = length < 0 ? strlen (text) : (gsize) length;
  root = rushes_json_parse (text, size, RUSHES_JSON_MAX_ANSWER, &local_error);
  if (root != NULL)
    return root;
  if (g_error_matches (local_error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL) &&
      !rushes_json_check (text, size, RUSHES_JSON_MAX_ANSWER, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  mended = mend_categories (text, size);
  if (mended != NULL && (root = rushes_json_parse (mended, strlen (mended), RUSHES_JSON_MAX_ANSWER, NULL)) != NULL)
    return root;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* The video among the outputs: a video content type, else a video file
 * name; @size, when given, gets the size Wiro reports for it (or -1). */
static char *
pick_video_url (JsonArray *outputs,
                gint64    *size)
{
  const char * const extensions[] = { ".mp4", ".mov", ".webm", ".m4v" };

  if (outputs == NULL)
    return NULL;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (outputs); i++)
      {
        JsonNode *node = json_array_get_element (outputs, i);
        JsonObject *output = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        g_autofree char *url = _rushes_json_dup_string (output, "url");
        g_autofree char *type = _rushes_json_dup_string (output, "contenttype");
        g_autofree char *name = _rushes_json_dup_string (output, "name");
        gboolean match = FALSE;

        if (url == NULL || url[0] == '\0')
          continue;

        if (pass == 0)
          match = type != NULL && g_str_has_prefix (type, "video/");
        else
          for (guint j = 0; j < G_N_ELEMENTS (extensions) && !match; j++)
            match = (name != NULL && g_str_has_suffix (name, extensions[j])) ||
                    g_str_has_suffix (url, extensions[j]);

        if (match)
          {
            if (size != NULL && !_rushes_json_get_int (output, "size", size))
              *size = -1;
            return g_steal_pointer (&url);
          }
      }

  return NULL;
}

typedef enum
{
  STAGE_UNKNOWN,
  STAGE_QUEUED,
  STAGE_RUNNING,
  STAGE_LOG,
  STAGE_ERROR_LOG,
  STAGE_DONE,
  STAGE_CANCELLED,
} Stage;

static Stage
stage_from_status (const char *status)
{
  static const char * const queued[] = {
    "task_queue", "task_accept", "task_preprocess_start", "task_preprocess_end", "task_assign", NULL
  };
  static const char * const running[] = {
    "task_start", "task_output_full", "task_end", "task_postprocess_start", NULL
  };

  if (status == NULL)
    return STAGE_UNKNOWN;
  if (g_strv_contains (queued, status))
    return STAGE_QUEUED;
  if (g_strv_contains (running, status))
    return STAGE_RUNNING;
  if (g_str_equal (status, "task_output"))
    return STAGE_LOG;
  if (g_str_equal (status, "task_error") || g_str_equal (status, "task_error_full"))
    return STAGE_ERROR_LOG;
  if (g_str_equal (status, "task_postprocess_end"))
    return STAGE_DONE;
  if (g_str_equal (status, "task_cancel"))
    return STAGE_CANCELLED;
  return STAGE_UNKNOWN;
}

static const char *
describe_stage (const char *status)
{
  static const struct { const char *status; const char *text; } texts[] = {
    { "task_queue", N_("Waiting in the queue") },
    { "task_accept", N_("Accepted by a worker") },
    { "task_preprocess_start", N_("Preparing") },
    { "task_preprocess_end", N_("Prepared") },
    { "task_assign", N_("Waiting for a GPU") },
    { "task_start", N_("Generating") },
    { "task_output_full", N_("Generated") },
    { "task_end", N_("Generated") },
    { "task_postprocess_start", N_("Finishing") },
    { "task_postprocess_end", N_("Finished") },
    { "task_cancel", N_("Cancelled") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_strcmp0 (status, texts[i].status) == 0)
      return _(texts[i].text);
  return NULL;
}

/**
 * _rushes_wiro_check_envelope:
 * @root: the parsed answer (any node)
 * @status: its HTTP status
 *
 * Reads Wiro's error envelope (`result: false`, `errors: [{code, message}]`)
 * and the HTTP status into a clear error.
 *
 * Returns: %TRUE when the answer is a success
 */
gboolean
_rushes_wiro_check_envelope (JsonNode        *root,
                             guint            status,
                             RushesHttpKind   kind,
                             GError         **error)
{
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *errors = _rushes_json_get_array (object, "errors");
  g_autofree char *result = _rushes_json_dup_string (object, "result");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  JsonObject *first = NULL;

  if (errors != NULL && json_array_get_length (errors) > 0)
    {
      JsonNode *node = json_array_get_element (errors, 0);

      if (JSON_NODE_HOLDS_OBJECT (node))
        first = json_node_get_object (node);
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        message = rushes_text_sanitize (json_node_get_string (node));
    }
  if (first != NULL)
    {
      code = _rushes_json_dup_string (first, "code");
      message = _rushes_json_dup_string (first, "message");
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && object != NULL &&
      g_strcmp0 (result, "false") != 0 && first == NULL && message == NULL)
    return TRUE;

  if (g_strcmp0 (code, "97") == 0)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("Your Wiro balance is too low (insufficient balance). Add credit to the Wiro account "
                   "and try again."));
  else if (g_strcmp0 (code, "96") == 0)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("Wiro's concurrency limit is reached: too many tasks are running on this account. "
                   "Wait for one to finish, then try again."));
  else if (g_strcmp0 (code, "98") == 0)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("Wiro requires signing in: the API key was not accepted. Check the key."));
  else if (g_strcmp0 (code, "99") == 0 || status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("Wiro refused the API key or signature (authorization failed). Check the key and "
                   "secret, and the computer's clock."));
  else if (g_strcmp0 (code, "1") == 0 && kind == RUSHES_HTTP_SUBMIT)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                 _("Wiro does not know this model (%s); it may have been retired"),
                 message != NULL ? message : _("not found"));
  else if (g_strcmp0 (code, "1") == 0)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                 _("Wiro does not know this task (%s)"), message != NULL ? message : _("not found"));
  else if (message != NULL || g_strcmp0 (result, "false") == 0)
    {
      if (kind == RUSHES_HTTP_READ)
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                     _("Wiro answered with an error: %s"), message != NULL ? message : _("no reason given"));
      else
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                     _("Wiro rejected the request: %s"), message != NULL ? message : _("no reason given"));
    }
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    rushes_http_set_status_error (error, kind, status, PROVIDER_NAME, NULL);
  else
    g_set_error_literal (error, RUSHES_ERROR, kind == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL,
                         _("Wiro's answer is not an object"));

  return FALSE;
}

/**
 * _rushes_wiro_parse_run:
 * @root: the answer to Run: `{"errors": [], "taskid", "socketaccesstoken", "result": true}`
 *
 * Returns: (transfer full) (nullable): a queued status with the task id and
 *   token, or %NULL with %RUSHES_ERROR_UNCERTAIN when they are missing (the
 *   task may exist but cannot be followed)
 */
RushesRemoteStatus *
_rushes_wiro_parse_run (JsonNode  *root,
                        GError   **error)
{
  JsonObject *object;
  g_autoptr(RushesRemoteStatus) status = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  status = rushes_remote_status_new (RUSHES_REMOTE_STATE_QUEUED);
  status->remote_id = _rushes_json_dup_string (object, "taskid");
  status->remote_token = _rushes_json_dup_string (object, "socketaccesstoken");

  if (status->remote_id == NULL || status->remote_id[0] == '\0' ||
      status->remote_token == NULL || status->remote_token[0] == '\0')
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                           _("Wiro accepted the request but did not say which task it started"));
      return NULL;
    }

  status->message = g_strdup (describe_stage ("task_queue"));
  return g_steal_pointer (&status);
}

/**
 * _rushes_wiro_parse_task_list:
 * @root: the answer to Task/Detail, Task/Cancel or Task/Kill:
 *   `{"total", "errors": [], "tasklist": [TASK], "result": true}`
 *
 * The outcome comes from `pexit` at `task_postprocess_end` ("0" = success);
 * `task_end` is not an outcome.
 *
 * Returns: (transfer full) (nullable): the status of the first task
 */
RushesRemoteStatus *
_rushes_wiro_parse_task_list (JsonNode  *root,
                              GError   **error)
{
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autofree char *state = NULL;
  g_autofree char *pexit = NULL;
  g_autofree char *debugerror = NULL;
  JsonObject *object;
  JsonArray *tasklist;
  JsonNode *first;
  JsonObject *detail;
  double cost;

  g_return_val_if_fail (root != NULL, NULL);

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  tasklist = _rushes_json_get_array (object, "tasklist");
  if (tasklist == NULL || json_array_get_length (tasklist) == 0)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                           _("Wiro does not know this task (empty task list)"));
      return NULL;
    }

  first = json_array_get_element (tasklist, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("Wiro's task list holds something that is not a task"));
      return NULL;
    }
  detail = json_node_get_object (first);

  state = _rushes_json_dup_string (detail, "status");
  pexit = _rushes_json_dup_string (detail, "pexit");
  debugerror = _rushes_json_dup_string (detail, "debugerror");

  status = rushes_remote_status_new (RUSHES_REMOTE_STATE_RUNNING);
  status->remote_id = _rushes_json_dup_string (detail, "id");
  status->remote_token = _rushes_json_dup_string (detail, "socketaccesstoken");
  if (_rushes_json_get_double (detail, "totalcost", &cost) && cost >= 0)
    status->cost_usd = cost;
  status->message = g_strdup (describe_stage (state));

  switch (stage_from_status (state))
    {
    case STAGE_QUEUED:
      status->state = RUSHES_REMOTE_STATE_QUEUED;
      break;

    case STAGE_DONE:
      status->terminal = TRUE;
      status->video_url = pick_video_url (_rushes_json_get_array (detail, "outputs"), &status->video_size);
      if (g_strcmp0 (pexit, "0") == 0 || (pexit == NULL && status->video_url != NULL))
        status->state = RUSHES_REMOTE_STATE_SUCCEEDED;
      else
        {
          g_autofree char *reason = _rushes_shorten_message (debugerror);

          status->state = RUSHES_REMOTE_STATE_FAILED;
          g_free (status->message);
          if (reason != NULL)
            status->message = g_strdup_printf (_("Wiro reports the generation failed (exit code %s): %s"),
                                               pexit != NULL ? pexit : "?", reason);
          else
            status->message = g_strdup_printf (_("Wiro reports the generation failed (exit code %s)"),
                                               pexit != NULL ? pexit : "?");
        }
      break;

    case STAGE_CANCELLED:
      status->state = RUSHES_REMOTE_STATE_CANCELLED;
      status->terminal = TRUE;
      break;

    case STAGE_ERROR_LOG:
      /* On the socket, task_error is a stderr line. As the status Task/Detail
       * stores, it is a fatal failure before the task ever ran (Wiro's
       * official client counts it among the terminal states), with the
       * reason in debugerror; a non-zero exit code says the same. */
      if (g_str_equal (state, "task_error") ||
          (pexit != NULL && pexit[0] != '\0' && !g_str_equal (pexit, "0")))
        {
          g_autofree char *reason = _rushes_shorten_message (debugerror);

          status->state = RUSHES_REMOTE_STATE_FAILED;
          status->terminal = TRUE;
          g_free (status->message);
          status->message = g_strdup_printf (_("Wiro reports the task failed: %s"),
                                             reason != NULL ? reason : state);
        }
      break;

    case STAGE_RUNNING:
    case STAGE_LOG:
    case STAGE_UNKNOWN:
    default:
      break;
    }

  return g_steal_pointer (&status);
}

/**
 * _rushes_wiro_parse_socket_message:
 * @text: one text frame
 * @task_token: the token the socket was registered with
 *
 * Frames are `{"type": STATE, "id", "tasktoken", "message": M, "result"}`
 * where M is null, a log line, an object (progressGenerate with string
 * numbers, {"raw": …}) or, at task_postprocess_end, the outputs array.
 * "connected", unknown types, other tasks' frames and garbage are ignored.
 *
 * Returns: (transfer full) (nullable): an update, or %NULL for a frame to ignore
 */
RushesRemoteStatus *
_rushes_wiro_parse_socket_message (const char *text,
                                   gsize       length,
                                   const char *task_token)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autofree char *type = NULL;
  g_autofree char *token = NULL;
  JsonObject *object;
  JsonNode *message;
  Stage stage;

  g_return_val_if_fail (text != NULL, NULL);

  root = _rushes_wiro_parse_json (text, length, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);

  type = _rushes_json_dup_string (object, "type");
  token = _rushes_json_dup_string (object, "tasktoken");
  if (token != NULL && task_token != NULL && !g_str_equal (token, task_token))
    return NULL;

  stage = stage_from_status (type);
  if (stage == STAGE_UNKNOWN)
    return NULL;

  status = rushes_remote_status_new (RUSHES_REMOTE_STATE_RUNNING);
  status->message = g_strdup (describe_stage (type));
  message = json_object_get_member (object, "message");

  switch (stage)
    {
    case STAGE_QUEUED:
      status->state = RUSHES_REMOTE_STATE_QUEUED;
      break;

    case STAGE_LOG:
      if (message != NULL && JSON_NODE_HOLDS_OBJECT (message))
        {
          JsonObject *info = json_node_get_object (message);
          g_autofree char *info_type = _rushes_json_dup_string (info, "type");
          double percentage;

          if (g_strcmp0 (info_type, "progressGenerate") == 0 &&
              _rushes_json_get_double (info, "percentage", &percentage))
            status->progress = CLAMP (percentage / 100.0, 0, 1);
        }
      else if (message != NULL && JSON_NODE_HOLDS_VALUE (message) &&
               json_node_get_value_type (message) == G_TYPE_STRING)
        {
          g_free (status->message);
          status->message = _rushes_shorten_message (json_node_get_string (message));
        }
      break;

    case STAGE_DONE:
      status->terminal = TRUE;
      if (message != NULL && JSON_NODE_HOLDS_ARRAY (message))
        status->video_url = pick_video_url (json_node_get_array (message), NULL);
      break;

    case STAGE_CANCELLED:
      status->state = RUSHES_REMOTE_STATE_CANCELLED;
      status->terminal = TRUE;
      break;

    case STAGE_RUNNING:
    case STAGE_ERROR_LOG:
    case STAGE_UNKNOWN:
    default:
      break;
    }

  return g_steal_pointer (&status);
}

/* ------------------------------------------------------------------ */
/* Requests */

static void
sign_message (SoupMessage             *message,
              const RushesCredentials *credentials)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "x-api-key", credentials->api_key);

  /* Key-only projects have no secret: the key alone authorises. */
  if (credentials->api_secret != NULL && credentials->api_secret[0] != '\0')
    {
      g_autofree char *nonce = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000);
      g_autofree char *signature = _rushes_wiro_sign (credentials->api_key, credentials->api_secret, nonce);

      soup_message_headers_replace (headers, "x-nonce", nonce);
      soup_message_headers_replace (headers, "x-signature", signature);
    }
}

static SoupMessage *
build_message (gpointer   user_data,
               GError   **error)
{
  RequestData *data = user_data;
  SoupMessage *message;

  if (data->form != NULL)
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);

      for (guint i = 0; i < data->form->len; i++)
        {
          FormField *field = g_ptr_array_index (data->form, i);

          if (field->file != NULL)
            soup_multipart_append_form_file (multipart, field->name, field->filename,
                                             field->content_type, field->file);
          else
            soup_multipart_append_form_string (multipart, field->name, field->value);
        }
      message = soup_message_new_from_multipart (data->url, multipart);
    }
  else
    {
      g_autoptr(GBytes) body = g_bytes_new (data->json, strlen (data->json));

      message = soup_message_new (SOUP_METHOD_POST, data->url);
      if (message != NULL)
        soup_message_set_request_body_from_bytes (message, "application/json", body);
    }

  if (message == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The Wiro endpoint “%s” is not a valid URL"), data->url);
      return NULL;
    }

  sign_message (message, data->credentials);
  return message;
}

static RequestData *
request_data_new (RushesWiroProvider      *self,
                  const RushesCredentials *credentials,
                  const char              *path)
{
  RequestData *data = g_new0 (RequestData, 1);

  data->http = g_object_ref (self->http);
  data->credentials = rushes_credentials_copy (credentials);
  data->url = _rushes_provider_endpoint (self->http, PROVIDER_ID, path);
  return data;
}

static RequestData *
task_request_data_new (RushesWiroProvider      *self,
                       const RushesCredentials *credentials,
                       const char              *path,
                       RushesTask              *task,
                       gboolean                 with_id)
{
  RequestData *data = request_data_new (self, credentials, path);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *token = _rushes_task_get_remote_token (task);

  json_builder_begin_object (builder);
  if (token != NULL)
    {
      json_builder_set_member_name (builder, "tasktoken");
      json_builder_add_string_value (builder, token);
    }
  /* The seed identifies a task by id, the docs by token: send both where
   * either may be read. */
  if (with_id || token == NULL)
    {
      json_builder_set_member_name (builder, "taskid");
      json_builder_add_string_value (builder, rushes_task_get_remote_id (task));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  data->json = rushes_json_to_string (root, FALSE);
  return data;
}

static char *
node_to_form_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return rushes_json_to_string (node, FALSE);

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
      return rushes_json_to_string (node, FALSE);
    }
}

/**
 * _rushes_wiro_send_json:
 * @path: the call, under the base URL ("Tool/Detail")
 * @json: its JSON body
 * @max_size: the largest answer accepted (%RUSHES_JSON_MAX_ANSWER,
 *   %RUSHES_JSON_MAX_LISTING)
 *
 * Sends a signed JSON lookup (%RUSHES_HTTP_LOOKUP: an idempotent read,
 * given up on soon); finish with rushes_http_send_json_finish() on @http.
 */
void
_rushes_wiro_send_json (RushesHttp              *http,
                        const RushesCredentials *credentials,
                        const char              *path,
                        const char              *json,
                        gsize                    max_size,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  RequestData *data = g_new0 (RequestData, 1);

  data->http = g_object_ref (http);
  data->credentials = rushes_credentials_copy (credentials);
  data->url = _rushes_provider_endpoint (http, PROVIDER_ID, path);
  data->json = g_strdup (json);
  rushes_http_send_json_full_async (http, RUSHES_HTTP_LOOKUP, max_size, _rushes_wiro_parse_json,
                                    build_message, data, (GDestroyNotify) request_data_free,
                                    cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ */
/* submit */

/* A Run answer: the envelope first, then the task it made. */
static RushesRemoteStatus *
parse_submitted (JsonNode  *root,
                 guint      http_status,
                 GError   **error)
{
  if (!_rushes_wiro_check_envelope (root, http_status, RUSHES_HTTP_SUBMIT, error))
    return NULL;
  return _rushes_wiro_parse_run (root, error);
}

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _rushes_provider_return_status (task, RUSHES_HTTP (object), result, parse_submitted);
}

static void
rushes_wiro_provider_submit_async (RushesProvider          *provider,
                                   const RushesCredentials *credentials,
                                   RushesModel             *model,
                                   RushesTask              *rushes_task,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  RushesWiroProvider *self = RUSHES_WIRO_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RequestData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wiro_provider_submit_async);

  request = _rushes_model_build_request (model, rushes_task_get_params (rushes_task), &error);
  if (request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  path = g_strconcat ("Run/", request->path, NULL);
  data = request_data_new (self, credentials, path);
  data->form = g_ptr_array_new_with_free_func ((GDestroyNotify) form_field_free);

  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *wire = g_ptr_array_index (request->fields, i);
      FormField *field;

      if (strpbrk (wire->field, ".[") != NULL)
        {
          request_data_free (data);
          g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                                   _("The catalog entry for %s uses the nested field “%s”; Wiro takes "
                                     "flat form fields"), rushes_model_get_name (model), wire->field);
          return;
        }

      field = g_new0 (FormField, 1);
      field->name = g_strdup (wire->field);
      g_ptr_array_add (data->form, field);

      if (wire->image_control != NULL && json_node_get_string (wire->value) != NULL &&
          !g_str_has_prefix (json_node_get_string (wire->value), "https://") &&
          !g_str_has_prefix (json_node_get_string (wire->value), "http://"))
        {
          /* A local image travels as a file part, from the library's copy. */
          GFile *input = rushes_task_get_image_file (rushes_task, wire->image_control);
          guint8 header[RUSHES_IMAGE_FORMAT_HEADER_SIZE] = { 0 };
          gsize size = 0;
          const guint8 *bytes;

          if (input != NULL)
            {
              g_autofree char *contents = NULL;
              gsize length = 0;

              /* No link is followed: the copy is the task's own file. */
              if (rushes_file_load_contents (input, MAX_IMAGE_FILE_SIZE, &contents, &length, &error))
                field->file = g_bytes_new_take (g_steal_pointer (&contents), length);
            }
          if (field->file == NULL)
            {
              request_data_free (data);
              g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                       _("Cannot read the start image from the library: %s"),
                                       error != NULL ? error->message : _("no copy was kept"));
              return;
            }
          bytes = g_bytes_get_data (field->file, &size);
          memcpy (header, bytes, MIN (size, sizeof header));
          field->filename = g_file_get_basename (input);
          field->content_type = g_strdup (rushes_image_format_get_mime_type (
                                            rushes_image_format_sniff (header, MIN (size, sizeof header))));
          if (field->content_type == NULL)
            field->content_type = g_strdup ("application/octet-stream");
        }
      else
        field->value = node_to_form_text (wire->value);
    }

  rushes_http_send_json_async (self->http, RUSHES_HTTP_SUBMIT, _rushes_wiro_parse_json,
                               build_message, data, (GDestroyNotify) request_data_free,
                               cancellable, submit_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* status */

/* A Task/Detail answer: the envelope first, then the task list. */
static RushesRemoteStatus *
parse_read (JsonNode  *root,
            guint      http_status,
            GError   **error)
{
  if (!_rushes_wiro_check_envelope (root, http_status, RUSHES_HTTP_READ, error))
    return NULL;
  return _rushes_wiro_parse_task_list (root, error);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _rushes_provider_return_status (task, RUSHES_HTTP (object), result, parse_read);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;

  root = rushes_http_send_json_finish (RUSHES_HTTP (object), result, &http_status, &error);
  if (root == NULL || !_rushes_wiro_check_envelope (root, http_status, RUSHES_HTTP_READ, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Tool/Detail reads a model's schema: signed like every call, free, and
 * without effect. */
static void
rushes_wiro_provider_check_async (RushesProvider          *provider,
                                  const RushesCredentials *credentials,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  RushesWiroProvider *self = RUSHES_WIRO_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  RequestData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wiro_provider_check_async);

  data = request_data_new (self, credentials, "Tool/Detail");
  data->json = g_strdup ("{\"slugowner\":\"openai\",\"slugproject\":\"sora-2\"}");
  rushes_http_send_json_async (self->http, RUSHES_HTTP_READ, _rushes_wiro_parse_json,
                               build_message, data, (GDestroyNotify) request_data_free,
                               cancellable, check_cb, g_steal_pointer (&task));
}

static gboolean
rushes_wiro_provider_check_finish (RushesProvider  *provider,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rushes_wiro_provider_status_async (RushesProvider          *provider,
                                   const RushesCredentials *credentials,
                                   RushesModel             *model,
                                   RushesTask              *rushes_task,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  RushesWiroProvider *self = RUSHES_WIRO_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  RequestData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wiro_provider_status_async);

  data = task_request_data_new (self, credentials, "Task/Detail", rushes_task, FALSE);
  rushes_http_send_json_async (self->http, RUSHES_HTTP_READ, _rushes_wiro_parse_json,
                               build_message, data, (GDestroyNotify) request_data_free,
                               cancellable, status_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* cancel */

static void cancel_send (GTask *task);

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CancelData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesRemoteStatus) status = NULL;
  guint http_status = 0;

  root = rushes_http_send_json_finish (RUSHES_HTTP (object), result, &http_status, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!_rushes_wiro_check_envelope (root, http_status, RUSHES_HTTP_WRITE, &error))
    {
      /* Cancel is for queued tasks only: one that just started needs Kill. */
      if (!data->killing &&
          (g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_FAILED) ||
           g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND)))
        {
          data->killing = TRUE;
          cancel_send (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Either answer form is fine: the task list (with task_cancel, or still
   * running while the kill lands) or a bare {"result": true}. A task that
   * ended first keeps its outcome. */
  status = _rushes_wiro_parse_task_list (root, NULL);
  if (status == NULL || !status->terminal)
    {
      g_clear_pointer (&status, rushes_remote_status_free);
      status = rushes_remote_status_new (RUSHES_REMOTE_STATE_CANCELLED);
      status->terminal = TRUE;
    }

  g_task_return_pointer (task, g_steal_pointer (&status), (GDestroyNotify) rushes_remote_status_free);
}

static void
cancel_send (GTask *task)
{
  CancelData *data = g_task_get_task_data (task);
  RequestData *request;

  request = task_request_data_new (data->self, data->credentials,
                                   data->killing ? "Task/Kill" : "Task/Cancel", data->task, TRUE);
  rushes_http_send_json_async (data->self->http, RUSHES_HTTP_WRITE, _rushes_wiro_parse_json,
                               build_message, request, (GDestroyNotify) request_data_free,
                               g_task_get_cancellable (task), cancel_cb, task);
}

static void
rushes_wiro_provider_cancel_async (RushesProvider          *provider,
                                   const RushesCredentials *credentials,
                                   RushesModel             *model,
                                   RushesTask              *rushes_task,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  RushesWiroProvider *self = RUSHES_WIRO_PROVIDER (provider);
  GTask *task;
  CancelData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wiro_provider_cancel_async);

  data = g_new0 (CancelData, 1);
  data->self = g_object_ref (self);
  data->credentials = rushes_credentials_copy (credentials);
  data->task = g_object_ref (rushes_task);
  data->killing = rushes_task_get_state (rushes_task) != RUSHES_TASK_STATE_QUEUED;
  g_task_set_task_data (task, data, (GDestroyNotify) cancel_data_free);

  cancel_send (task);
}

/* ------------------------------------------------------------------ */
/* watch */

static void
watch_message_cb (SoupWebsocketConnection *connection,
                  SoupWebsocketDataType    type,
                  GBytes                  *message,
                  GTask                   *task)
{
  WatchData *data = g_task_get_task_data (task);
  g_autoptr(RushesRemoteStatus) status = NULL;
  gsize length;
  const char *text;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;

  text = g_bytes_get_data (message, &length);
  if (text == NULL)
    return;

  status = _rushes_wiro_parse_socket_message (text, length, data->task_token);
  if (status == NULL)
    return;

  data->func (status, data->func_data);

  if (status->terminal && !g_task_get_completed (task))
    {
      watch_data_disconnect (data);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
watch_closed_cb (SoupWebsocketConnection *connection,
                 GTask                   *task)
{
  WatchData *data = g_task_get_task_data (task);

  watch_data_disconnect (data);
  if (!g_task_get_completed (task))
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                                 _("Wiro's live channel closed before the task ended"));
      g_object_unref (task);
    }
}

static void
watch_cancelled_cb (GCancellable *cancellable,
                    GTask        *task)
{
  WatchData *data = g_task_get_task_data (task);

  /* Closing ends in watch_closed_cb(), which reports the cancellation. */
  if (data->connection != NULL)
    soup_websocket_connection_close (data->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
}

static void
watch_connect_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  WatchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *registration = NULL;

  data->connection = rushes_http_websocket_connect_finish (RUSHES_HTTP (object), result, &error);
  if (data->connection == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  soup_websocket_connection_set_max_incoming_payload_size (data->connection, MAX_SOCKET_PAYLOAD);
  data->message_id = g_signal_connect (data->connection, "message", G_CALLBACK (watch_message_cb), task);
  data->closed_id = g_signal_connect (data->connection, "closed", G_CALLBACK (watch_closed_cb), task);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "task_info");
  json_builder_set_member_name (builder, "tasktoken");
  json_builder_add_string_value (builder, data->task_token);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  registration = rushes_json_to_string (root, FALSE);

  soup_websocket_connection_send_text (data->connection, registration);

  if (data->cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (data->cancellable, G_CALLBACK (watch_cancelled_cb), task, NULL);
}

static void
watch_task_free (gpointer user_data)
{
  WatchData *data = user_data;

  watch_data_free (data);
}

static void
rushes_wiro_provider_watch_async (RushesProvider          *provider,
                                  const RushesCredentials *credentials,
                                  RushesModel             *model,
                                  RushesTask              *rushes_task,
                                  RushesProviderWatchFunc  func,
                                  gpointer                 func_data,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  RushesWiroProvider *self = RUSHES_WIRO_PROVIDER (provider);
  RushesConfig *config = rushes_http_get_config (self->http);
  const char *url = rushes_config_get_socket_url (config, PROVIDER_ID);
  GTask *task;
  WatchData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wiro_provider_watch_async);

  if (_rushes_task_get_remote_token (rushes_task) == NULL || url == NULL)
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                               _("No live channel for this task"));
      g_object_unref (task);
      return;
    }

  data = g_new0 (WatchData, 1);
  data->func = func;
  data->func_data = func_data;
  data->task_token = g_strdup (_rushes_task_get_remote_token (rushes_task));
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, data, watch_task_free);

  /* The task holds itself until the socket ends (see watch_*_cb). */
  rushes_http_websocket_connect_async (self->http, url, cancellable, watch_connect_cb, task);
}

static gboolean
rushes_wiro_provider_watch_finish (RushesProvider  *provider,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */

static const char *
rushes_wiro_provider_get_id (RushesProvider *provider)
{
  return PROVIDER_ID;
}

static const char *
rushes_wiro_provider_get_name (RushesProvider *provider)
{
  return PROVIDER_NAME;
}

static void
provider_iface_init (RushesProviderInterface *iface)
{
  iface->get_id = rushes_wiro_provider_get_id;
  iface->get_name = rushes_wiro_provider_get_name;
  iface->submit_async = rushes_wiro_provider_submit_async;
  iface->status_async = rushes_wiro_provider_status_async;
  iface->cancel_async = rushes_wiro_provider_cancel_async;
  iface->watch_async = rushes_wiro_provider_watch_async;
  iface->check_async = rushes_wiro_provider_check_async;
  iface->check_finish = rushes_wiro_provider_check_finish;
  iface->watch_finish = rushes_wiro_provider_watch_finish;
  iface->list_models_async = _rushes_wiro_list_models_async;
  iface->list_models_finish = _rushes_wiro_list_models_finish;
}

static void
rushes_wiro_provider_dispose (GObject *object)
{
  RushesWiroProvider *self = (RushesWiroProvider *)object;

  g_clear_object (&self->http);

  G_OBJECT_CLASS (rushes_wiro_provider_parent_class)->dispose (object);
}

static void
rushes_wiro_provider_class_init (RushesWiroProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_wiro_provider_dispose;
}

static void
rushes_wiro_provider_init (RushesWiroProvider *self)
{
}

RushesHttp *
_rushes_wiro_provider_get_http (RushesWiroProvider *self)
{
  return self->http;
}

/**
 * rushes_wiro_provider_new:
 * @http: the engine's HTTP layer
 *
 * Returns: (transfer full): the Wiro provider
 */
RushesProvider *
rushes_wiro_provider_new (RushesHttp *http)
{
  RushesWiroProvider *self;

  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  self = g_object_new (RUSHES_TYPE_WIRO_PROVIDER, NULL);
  self->http = g_object_ref (http);

  return RUSHES_PROVIDER (self);
}
