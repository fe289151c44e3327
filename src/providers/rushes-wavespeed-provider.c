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

#define G_LOG_DOMAIN "rushes-wavespeed-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-config.h"
#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-image-format.h"
#include "rushes-model-private.h"
#include "rushes-provider-utils.h"
#include "rushes-text.h"
#include "rushes-wavespeed-provider-private.h"

#define PROVIDER_ID   "wavespeed"
#define PROVIDER_NAME "WaveSpeed"
#define UPLOAD_PATH   "media/upload/binary"
#define UPLOADS_PATH  "media/uploads"
/* A bucket's answer to a PUT is a few bytes of XML at most. */
#define MAX_BUCKET_ANSWER (64 * 1024)

/**
 * RushesWavespeedProvider:
 *
 * WaveSpeed (protocols.md §2): Bearer auth, the model's input as a JSON
 * body posted to the model's path, every answer in a `{code, message,
 * data}` envelope, `GET /predictions/{id}/result` polling. Images travel as
 * URLs: a local one is uploaded first, in two steps (`/media/uploads`, then
 * a PUT of the bytes to the signed URL it gives), or as multipart to
 * `/media/upload/binary` where the two-step route is missing. WaveSpeed
 * documents no way to cancel a task, and reports no percentage.
 */
struct _RushesWavespeedProvider
{
  GObject     parent_instance;

  RushesHttp *http;
};

static void provider_iface_init (RushesProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesWavespeedProvider, rushes_wavespeed_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_PROVIDER, provider_iface_init))

typedef struct
{
  RushesWavespeedProvider *self;
  RushesCredentials       *credentials;
  RushesWireRequest       *request;
  RushesTask              *task;
  guint                    next_field;
} SubmitData;

typedef struct
{
  RushesCredentials *credentials;
  GFile             *file;
  GBytes            *bytes;
  char              *content_type;
  char              *download_url;
} UploadData;

/* The PUT of a two-step upload: the bytes and exactly the headers
 * WaveSpeed gave, no credentials (the URL is signed). */
typedef struct
{
  char       *url;
  JsonObject *headers;
  GBytes     *bytes;
} PutRequest;

/* WaveSpeed's task error codes (its error-codes page). */
static const struct {
  gint64      code;
  const char *reason;
} task_codes[] = {
  { 1200, N_("content moderation refused the prompt or the image") },
  { 1400, N_("a required setting is missing") },
  { 1401, N_("a setting has a value the model does not take") },
  { 1402, N_("WaveSpeed could not fetch the input image") },
  { 1403, N_("the task failed while running") },
  { 1405, N_("the task failed") },
  { 5000, N_("WaveSpeed had an internal error") },
  { 5003, N_("the model is not available right now") },
  { 5004, N_("the generation timed out") },
};

static void
submit_data_free (SubmitData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->credentials, rushes_credentials_free);
  g_clear_pointer (&data->request, _rushes_wire_request_free);
  g_clear_object (&data->task);
  g_free (data);
}

static void
upload_data_free (UploadData *data)
{
  g_clear_pointer (&data->credentials, rushes_credentials_free);
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->content_type);
  g_free (data->download_url);
  g_free (data);
}

static void
put_request_free (PutRequest *request)
{
  g_free (request->url);
  g_clear_pointer (&request->headers, json_object_unref);
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_free (request);
}

/* ------------------------------------------------------------------ */
/* Parsing (unit-tested on its own) */

static const char *
task_code_reason (gint64 code)
{
  for (guint i = 0; i < G_N_ELEMENTS (task_codes); i++)
    if (task_codes[i].code == code)
      return _(task_codes[i].reason);

  return NULL;
}

/* "content moderation refused … (code 1200): Flagged" — the code's meaning,
 * the code, and WaveSpeed's own words, as far as they are known. */
static char *
describe_code (gboolean    has_code,
               gint64      code,
               const char *text)
{
  g_autofree char *detail = _rushes_shorten_message (text);
  const char *reason = has_code ? task_code_reason (code) : NULL;

  if (reason != NULL && detail != NULL)
    return g_strdup_printf (_("%s (code %" G_GINT64_FORMAT "): %s"), reason, code, detail);
  if (reason != NULL)
    return g_strdup_printf (_("%s (code %" G_GINT64_FORMAT ")"), reason, code);
  if (has_code && detail != NULL)
    return g_strdup_printf (_("code %" G_GINT64_FORMAT ": %s"), code, detail);
  if (has_code)
    return g_strdup_printf (_("code %" G_GINT64_FORMAT), code);
  return g_steal_pointer (&detail);
}

/**
 * _rushes_wavespeed_get_data:
 *
 * Reads the `{code, message, data}` envelope and the HTTP status. A
 * failure may come with HTTP 200 and the real status in `code`.
 *
 * Returns: (transfer none) (nullable): the `data` of a successful answer
 *   (an object, or the array of `/models`), or %NULL with a clear error
 */
JsonNode *
_rushes_wavespeed_get_data (JsonNode        *root,
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

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && (!has_code || code == 0 || code == 200))
    {
      if (data_node != NULL && (JSON_NODE_HOLDS_OBJECT (data_node) || JSON_NODE_HOLDS_ARRAY (data_node)))
        return data_node;

      g_set_error_literal (error, RUSHES_ERROR,
                           kind == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL,
                           object == NULL ? _("WaveSpeed's answer is not an object")
                                          : _("WaveSpeed's answer holds no data"));
      return NULL;
    }

  if (data_error != NULL && data_error[0] != '\0')
    detail = g_steal_pointer (&data_error);
  else if (message != NULL && g_ascii_strcasecmp (message, "success") != 0)
    detail = g_steal_pointer (&message);

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && has_code && code >= 100 && code <= 599)
    effective = (guint) code;

  if (has_code && code >= 1000)
    {
      g_autofree char *described = describe_code (TRUE, code, detail);

      if (kind == RUSHES_HTTP_READ)
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                     _("WaveSpeed answered with an error: %s"), described);
      else if (kind == RUSHES_HTTP_WRITE)
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                     _("WaveSpeed refused the upload: %s"), described);
      else
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                     _("WaveSpeed rejected the request: %s"), described);
    }
  else if (effective == SOUP_STATUS_UNAUTHORIZED || effective == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("WaveSpeed refused the API key (HTTP %u)%s%s. Check the key."),
                 effective, detail != NULL ? ": " : "", detail != NULL ? detail : "");
  else if (SOUP_STATUS_IS_SUCCESSFUL (effective))
    g_set_error (error, RUSHES_ERROR,
                 kind == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL,
                 _("WaveSpeed answered with the unknown code %" G_GINT64_FORMAT), code);
  else
    rushes_http_set_status_error (error, kind, effective, PROVIDER_NAME, detail);

  return NULL;
}

/* `data` as an object. */
static JsonObject *
get_data (JsonNode        *root,
          guint            status,
          RushesHttpKind   kind,
          GError         **error)
{
  JsonNode *data = _rushes_wavespeed_get_data (root, status, kind, error);

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    return json_node_get_object (data);
  if (data != NULL)
    g_set_error_literal (error, RUSHES_ERROR,
                         kind == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL,
                         _("WaveSpeed's answer holds no data"));
  return NULL;
}

/* Outputs are URL strings; accept {"url": …} objects too. */
static char *
first_output (JsonArray *outputs)
{
  JsonNode *node;

  if (outputs == NULL || json_array_get_length (outputs) == 0)
    return NULL;

  node = json_array_get_element (outputs, 0);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return rushes_text_sanitize (json_node_get_string (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _rushes_json_dup_string (json_node_get_object (node), "url");
  return NULL;
}

/**
 * _rushes_wavespeed_parse_prediction:
 * @root: an answer to a submit or to `/predictions/{id}/result`
 * @status: its HTTP status
 * @kind: %RUSHES_HTTP_SUBMIT or %RUSHES_HTTP_READ
 *
 * `data` is a prediction: `{"id", "model", "outputs": [url…], "status",
 * "error", "code"?, …}`; `status` is created, processing, completed or
 * failed, and cancelled or timeout end a task too.
 *
 * Returns: (transfer full) (nullable): the status; for a submit, with the
 *   task id (%RUSHES_ERROR_UNCERTAIN when there is none)
 */
RushesRemoteStatus *
_rushes_wavespeed_parse_prediction (JsonNode        *root,
                                    guint            status,
                                    RushesHttpKind   kind,
                                    GError         **error)
{
  g_autoptr(RushesRemoteStatus) remote = NULL;
  g_autofree char *state = NULL;
  g_autofree char *text = NULL;
  JsonObject *data;
  gint64 code = 0;
  gboolean has_code;

  g_return_val_if_fail (root != NULL, NULL);

  data = get_data (root, status, kind, error);
  if (data == NULL)
    return NULL;

  remote = rushes_remote_status_new (RUSHES_REMOTE_STATE_RUNNING);
  remote->remote_id = _rushes_json_dup_string (data, "id");
  if (kind == RUSHES_HTTP_SUBMIT && (remote->remote_id == NULL || remote->remote_id[0] == '\0'))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                           _("WaveSpeed accepted the request but did not say which task it started"));
      return NULL;
    }

  state = _rushes_json_dup_string (data, "status");
  text = _rushes_json_dup_string (data, "error");
  has_code = _rushes_json_get_int (data, "code", &code) && code != 0 && code != 200;

  if (g_strcmp0 (state, "created") == 0)
    {
      remote->state = RUSHES_REMOTE_STATE_QUEUED;
      remote->message = g_strdup (_("Waiting at WaveSpeed"));
    }
  else if (g_strcmp0 (state, "completed") == 0)
    {
      remote->state = RUSHES_REMOTE_STATE_SUCCEEDED;
      remote->terminal = TRUE;
      remote->video_url = first_output (_rushes_json_get_array (data, "outputs"));
      remote->message = g_strdup (_("Finished at WaveSpeed"));
    }
  else if (g_strcmp0 (state, "failed") == 0 || g_strcmp0 (state, "timeout") == 0)
    {
      g_autofree char *described = describe_code (has_code, code, text);

      remote->state = RUSHES_REMOTE_STATE_FAILED;
      remote->terminal = TRUE;
      if (g_str_equal (state, "timeout"))
        remote->message = described != NULL
          ? g_strdup_printf (_("WaveSpeed gave up on the generation: it timed out (%s)"), described)
          : g_strdup (_("WaveSpeed gave up on the generation: it timed out"));
      else
        remote->message = described != NULL
          ? g_strdup_printf (_("WaveSpeed reports the generation failed: %s"), described)
          : g_strdup (_("WaveSpeed reports the generation failed without saying why"));
    }
  else if (g_strcmp0 (state, "deleted") == 0)
    {
      /* WaveSpeed's SDK counts it among the ends: the prediction is gone,
       * and polling it again would go on for ever. */
      remote->state = RUSHES_REMOTE_STATE_FAILED;
      remote->terminal = TRUE;
      remote->message = g_strdup (_("WaveSpeed deleted the prediction before its video could be fetched"));
    }
  else if (g_strcmp0 (state, "cancelled") == 0 || g_strcmp0 (state, "canceled") == 0)
    {
      remote->state = RUSHES_REMOTE_STATE_CANCELLED;
      remote->terminal = TRUE;
      remote->message = g_strdup (_("Cancelled at WaveSpeed"));
    }
  else
    {
      /* "processing", and states WaveSpeed may add later. */
      remote->state = RUSHES_REMOTE_STATE_RUNNING;
      remote->message = g_strdup (_("Generating at WaveSpeed"));
    }

  return g_steal_pointer (&remote);
}

/**
 * _rushes_wavespeed_parse_upload:
 * @root: the answer to `POST /media/upload/binary`:
 *   `{"code": 200, "data": {"type", "download_url", "filename", "size"}}`
 *
 * Returns: (transfer full) (nullable): the URL of the uploaded file
 */
char *
_rushes_wavespeed_parse_upload (JsonNode  *root,
                                guint      status,
                                GError   **error)
{
  g_autofree char *url = NULL;
  JsonObject *data;

  g_return_val_if_fail (root != NULL, NULL);

  data = get_data (root, status, RUSHES_HTTP_WRITE, error);
  if (data == NULL)
    return NULL;

  /* One page of the docs calls it "url". */
  url = _rushes_json_dup_string (data, "download_url");
  if (url == NULL)
    url = _rushes_json_dup_string (data, "url");
  if (url == NULL || (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://")))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("WaveSpeed took the upload but did not say where the file is"));
      return NULL;
    }

  return g_steal_pointer (&url);
}

/* ------------------------------------------------------------------ */
/* Requests */


static RushesRemoteStatus *
parse_submitted (JsonNode  *root,
                 guint      http_status,
                 GError   **error)
{
  return _rushes_wavespeed_parse_prediction (root, http_status, RUSHES_HTTP_SUBMIT, error);
}

static RushesRemoteStatus *
parse_read (JsonNode  *root,
            guint      http_status,
            GError   **error)
{
  return _rushes_wavespeed_parse_prediction (root, http_status, RUSHES_HTTP_READ, error);
}

static gboolean
is_url (const char *value)
{
  return g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://");
}

/* ------------------------------------------------------------------ */
/* upload */

/* A header name of token characters, a value without line breaks. */
static gboolean
header_is_valid (const char *name,
                 const char *value)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return strpbrk (value, "\r\n") == NULL;
}

/**
 * _rushes_wavespeed_parse_upload_ticket:
 * @root: the answer to `POST /media/uploads`: `data: {"upload": {"method":
 *   "PUT", "url", "headers": {…}}, "download_url"}`
 * @put_url: (out): where to PUT the bytes (https://, or http:// to loopback)
 * @headers: (out): the headers to send with them, every value a string
 * @download_url: (out): the URL a submit names the file by
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
_rushes_wavespeed_parse_upload_ticket (JsonNode    *root,
                                       guint        status,
                                       char       **put_url,
                                       JsonObject **headers,
                                       char       **download_url,
                                       GError     **error)
{
  JsonObject *data = get_data (root, status, RUSHES_HTTP_WRITE, error);
  JsonObject *upload = _rushes_json_get_object (data, "upload");
  JsonObject *given = _rushes_json_get_object (upload, "headers");
  g_autofree char *method = _rushes_json_dup_string (upload, "method");
  g_autofree char *url = _rushes_json_dup_string (upload, "url");
  g_autofree char *download = _rushes_json_dup_string (data, "download_url");
  g_autoptr(JsonObject) checked = json_object_new ();
  g_autoptr(GList) names = NULL;

  if (data == NULL)
    return FALSE;

  if (upload == NULL || url == NULL || (method != NULL && g_ascii_strcasecmp (method, "PUT") != 0) ||
      download == NULL || (!g_str_has_prefix (download, "https://") && !g_str_has_prefix (download, "http://")))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("WaveSpeed's upload answer does not say where to send the file, or where it will be"));
      return FALSE;
    }
  if (!rushes_config_check_url (url, _("WaveSpeed's upload address"), error))
    return FALSE;

  names = given != NULL ? json_object_get_members (given) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = _rushes_json_dup_string (given, l->data);

      /* The PUT goes without credentials, whatever the answer asks. */
      if (value == NULL || g_ascii_strcasecmp (l->data, "Authorization") == 0 ||
          !header_is_valid (l->data, value))
        {
          /* The name is provider text too (found by fuzz-wavespeed-answer). */
          g_autofree char *name = rushes_text_sanitize (l->data);

          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                       _("WaveSpeed's upload answer asks for a header Rushes does not send (“%s”)"), name);
          return FALSE;
        }
      json_object_set_string_member (checked, l->data, value);
    }

  *put_url = g_steal_pointer (&url);
  *headers = g_steal_pointer (&checked);
  *download_url = g_steal_pointer (&download);
  return TRUE;
}

static SoupMessage *
build_put_message (gpointer   user_data,
                   GError   **error)
{
  PutRequest *request = user_data;
  g_autoptr(GList) names = json_object_get_members (request->headers);
  SoupMessage *message = soup_message_new (SOUP_METHOD_PUT, request->url);

  if (message == NULL)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("WaveSpeed's upload address is not a valid URL"));
      return NULL;
    }

  soup_message_set_request_body_from_bytes (message, NULL, request->bytes);
  for (GList *l = names; l != NULL; l = l->next)
    soup_message_headers_replace (soup_message_get_request_headers (message), l->data,
                                  json_object_get_string_member (request->headers, l->data));
  return message;
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  char *url;

  root = rushes_http_send_json_finish (RUSHES_HTTP (object), result, &http_status, &error);
  url = root != NULL ? _rushes_wavespeed_parse_upload (root, http_status, &error) : NULL;
  if (url == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, url, g_free);
}

/* The older way: the file as a multipart part to `/media/upload/binary`. */
static void
upload_multipart (GTask *task)
{
  RushesWavespeedProvider *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autofree char *url = _rushes_provider_endpoint (self->http, PROVIDER_ID, UPLOAD_PATH);
  RushesBearerRequest *request;

  request = _rushes_bearer_request_new (data->credentials, PROVIDER_NAME, SOUP_METHOD_POST, url);
  request->file = g_bytes_ref (data->bytes);
  request->file_field = g_strdup ("file");
  request->filename = g_file_get_basename (data->file);
  request->content_type = g_strdup (data->content_type);

  /* An upload costs nothing, but it is sent once like any other write. */
  rushes_http_send_json_async (self->http, RUSHES_HTTP_WRITE, NULL,
                               _rushes_bearer_request_build_message, request,
                               (GDestroyNotify) _rushes_bearer_request_free,
                               g_task_get_cancellable (task), upload_cb, task);
}

static void
upload_put_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;

  answer = rushes_http_send_finish (RUSHES_HTTP (object), result, &http_status, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (http_status))
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                               _("WaveSpeed's storage refused the file (HTTP %u)"), http_status);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&data->download_url), g_free);
}

static void
upload_ticket_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RushesWavespeedProvider *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  GCancellable *cancellable;
  PutRequest *put;

  root = rushes_http_send_json_finish (RUSHES_HTTP (object), result, &http_status, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A server without the two-step route takes the multipart upload. */
  if (http_status == SOUP_STATUS_NOT_FOUND)
    {
      rushes_http_log (self->http, "   no two-step upload here; sending the file as multipart");
      upload_multipart (g_steal_pointer (&task));
      return;
    }

  put = g_new0 (PutRequest, 1);
  if (!_rushes_wavespeed_parse_upload_ticket (root, http_status, &put->url, &put->headers, &data->download_url,
                                              &error))
    {
      put_request_free (put);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  put->bytes = g_bytes_ref (data->bytes);

  cancellable = g_task_get_cancellable (task);
  rushes_http_send_async (self->http, RUSHES_HTTP_WRITE, MAX_BUCKET_ANSWER, build_put_message, put,
                          (GDestroyNotify) put_request_free, cancellable, upload_put_cb, g_steal_pointer (&task));
}

static void
upload_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RushesWavespeedProvider *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *filename = NULL;
  RushesBearerRequest *request;
  GCancellable *cancellable;
  const char *format;
  const guint8 *header;
  gsize size;

  data->bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (data->bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->file);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                 _("Cannot read %s: %s"), name, error->message);
      return;
    }

  header = g_bytes_get_data (data->bytes, &size);
  format = rushes_image_format_sniff (header, size);
  data->content_type = g_strdup (format != NULL ? rushes_image_format_get_mime_type (format)
                                                : "application/octet-stream");
  filename = g_file_get_basename (data->file);

  /* The way WaveSpeed's SDK uploads today: announce the file, then PUT it
   * where the answer says. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, filename);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, size);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, data->content_type);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  url = _rushes_provider_endpoint (self->http, PROVIDER_ID, UPLOADS_PATH);
  request = _rushes_bearer_request_new (data->credentials, PROVIDER_NAME, SOUP_METHOD_POST, url);
  request->json = rushes_json_to_string (body, FALSE);
  cancellable = g_task_get_cancellable (task);
  rushes_http_send_json_async (self->http, RUSHES_HTTP_WRITE, NULL,
                               _rushes_bearer_request_build_message, request,
                               (GDestroyNotify) _rushes_bearer_request_free,
                               cancellable, upload_ticket_cb, g_steal_pointer (&task));
}

static void
rushes_wavespeed_provider_upload_async (RushesProvider          *provider,
                                        const RushesCredentials *credentials,
                                        GFile                   *file,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  GTask *task;
  UploadData *data;

  task = g_task_new (provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wavespeed_provider_upload_async);

  data = g_new0 (UploadData, 1);
  data->credentials = rushes_credentials_copy (credentials);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);

  g_file_load_bytes_async (file, cancellable, upload_loaded_cb, task);
}

static char *
rushes_wavespeed_provider_upload_finish (RushesProvider  *provider,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* submit */

static void submit_next (GTask *task);

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _rushes_provider_return_status (task, RUSHES_HTTP (object), result, parse_submitted);
}

static void
submit_upload_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SubmitData *data = g_task_get_task_data (task);
  RushesWireField *field = g_ptr_array_index (data->request->fields, data->next_field);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = rushes_provider_upload_finish (RUSHES_PROVIDER (object), result, &error);
  if (url == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, g_str_equal (field->image_control, RUSHES_CONTROL_IMAGE)
                                  ? _("The start image could not be uploaded to WaveSpeed: ")
                                  : _("The end image could not be uploaded to WaveSpeed: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  json_node_set_string (field->value, url);
  data->next_field++;
  submit_next (g_steal_pointer (&task));
}

/* Uploads the local images one after the other, then sends the submit. */
static void
submit_next (GTask *task)
{
  SubmitData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  RushesBearerRequest *request;

  for (; data->next_field < data->request->fields->len; data->next_field++)
    {
      RushesWireField *field = g_ptr_array_index (data->request->fields, data->next_field);
      g_autoptr(GFile) file = NULL;
      const char *value;

      if (field->image_control == NULL)
        continue;
      value = json_node_get_string (field->value);
      if (is_url (value))
        continue;

      /* Local images go from the library's copies, never from a path a
       * record names. */
      if (rushes_task_get_image_file (data->task, field->image_control) == NULL)
        {
          g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                   _("The library kept no copy of the image “%s”; nothing was sent"), value);
          g_object_unref (task);
          return;
        }
      file = g_object_ref (rushes_task_get_image_file (data->task, field->image_control));

      rushes_provider_upload_async (RUSHES_PROVIDER (data->self), data->credentials, file, cancellable,
                                    submit_upload_cb, task);
      return;
    }

  body = _rushes_wire_request_to_json (data->request, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  url = _rushes_provider_endpoint (data->self->http, PROVIDER_ID, data->request->path);
  request = _rushes_bearer_request_new (data->credentials, PROVIDER_NAME, SOUP_METHOD_POST, url);
  request->json = rushes_json_to_string (body, FALSE);

  rushes_http_send_json_async (data->self->http, RUSHES_HTTP_SUBMIT, NULL,
                               _rushes_bearer_request_build_message, request,
                               (GDestroyNotify) _rushes_bearer_request_free,
                               cancellable, submit_cb, task);
}

static void
rushes_wavespeed_provider_submit_async (RushesProvider          *provider,
                                        const RushesCredentials *credentials,
                                        RushesModel             *model,
                                        RushesTask              *rushes_task,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  RushesWavespeedProvider *self = RUSHES_WAVESPEED_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SubmitData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wavespeed_provider_submit_async);

  data = g_new0 (SubmitData, 1);
  data->self = g_object_ref (self);
  data->credentials = rushes_credentials_copy (credentials);
  data->task = g_object_ref (rushes_task);
  data->request = _rushes_model_build_request (model, rushes_task_get_params (rushes_task), &error);
  g_task_set_task_data (task, data, (GDestroyNotify) submit_data_free);

  if (data->request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  submit_next (g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* status */

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _rushes_provider_return_status (task, RUSHES_HTTP (object), result, parse_read);
}

static void
rushes_wavespeed_provider_status_async (RushesProvider          *provider,
                                        const RushesCredentials *credentials,
                                        RushesModel             *model,
                                        RushesTask              *rushes_task,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  RushesWavespeedProvider *self = RUSHES_WAVESPEED_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  RushesBearerRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_wavespeed_provider_status_async);

  id = g_uri_escape_string (rushes_task_get_remote_id (rushes_task), NULL, FALSE);
  path = g_strdup_printf ("predictions/%s/result", id);
  url = _rushes_provider_endpoint (self->http, PROVIDER_ID, path);
  request = _rushes_bearer_request_new (credentials, PROVIDER_NAME, SOUP_METHOD_GET, url);

  rushes_http_send_json_async (self->http, RUSHES_HTTP_READ, NULL,
                               _rushes_bearer_request_build_message, request,
                               (GDestroyNotify) _rushes_bearer_request_free,
                               cancellable, status_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* balance */

/**
 * _rushes_wavespeed_parse_balance:
 *
 * `GET /balance` answers `data: {"balance": 42.5}` (a number, or a string
 * holding one).
 */
gboolean
_rushes_wavespeed_parse_balance (JsonNode  *root,
                                 guint      status,
                                 double    *balance_usd,
                                 GError   **error)
{
  JsonObject *data = get_data (root, status, RUSHES_HTTP_READ, error);

  if (data == NULL)
    return FALSE;

  if (!_rushes_json_get_double (data, "balance", balance_usd) || !isfinite (*balance_usd))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("WaveSpeed's balance answer holds no amount"));
      return FALSE;
    }

  return TRUE;
}

static void
rushes_wavespeed_provider_balance_async (RushesProvider          *provider,
                                         const RushesCredentials *credentials,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  RushesWavespeedProvider *self = RUSHES_WAVESPEED_PROVIDER (provider);
  g_autofree char *url = _rushes_provider_endpoint (self->http, PROVIDER_ID, "balance");

  _rushes_provider_get_balance (provider, self->http, credentials, PROVIDER_NAME, url,
                                _rushes_wavespeed_parse_balance, cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ */

static const char *
rushes_wavespeed_provider_get_id (RushesProvider *provider)
{
  return PROVIDER_ID;
}

static const char *
rushes_wavespeed_provider_get_name (RushesProvider *provider)
{
  return PROVIDER_NAME;
}

static void
provider_iface_init (RushesProviderInterface *iface)
{
  iface->get_id = rushes_wavespeed_provider_get_id;
  iface->get_name = rushes_wavespeed_provider_get_name;
  iface->submit_async = rushes_wavespeed_provider_submit_async;
  iface->status_async = rushes_wavespeed_provider_status_async;
  iface->upload_async = rushes_wavespeed_provider_upload_async;
  iface->upload_finish = rushes_wavespeed_provider_upload_finish;
  iface->balance_async = rushes_wavespeed_provider_balance_async;
  iface->balance_finish = _rushes_provider_amount_finish;
  iface->list_models_async = _rushes_wavespeed_list_models_async;
  iface->list_models_finish = _rushes_wavespeed_list_models_finish;
  iface->quote_async = _rushes_wavespeed_quote_async;
  iface->quote_finish = _rushes_provider_amount_finish;
}

static void
rushes_wavespeed_provider_dispose (GObject *object)
{
  RushesWavespeedProvider *self = (RushesWavespeedProvider *)object;

  g_clear_object (&self->http);

  G_OBJECT_CLASS (rushes_wavespeed_provider_parent_class)->dispose (object);
}

static void
rushes_wavespeed_provider_class_init (RushesWavespeedProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_wavespeed_provider_dispose;
}

static void
rushes_wavespeed_provider_init (RushesWavespeedProvider *self)
{
}

RushesHttp *
_rushes_wavespeed_provider_get_http (RushesWavespeedProvider *self)
{
  return self->http;
}

/**
 * rushes_wavespeed_provider_new:
 * @http: the engine's HTTP layer
 *
 * Returns: (transfer full): the WaveSpeed provider
 */
RushesProvider *
rushes_wavespeed_provider_new (RushesHttp *http)
{
  RushesWavespeedProvider *self;

  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  self = g_object_new (RUSHES_TYPE_WAVESPEED_PROVIDER, NULL);
  self->http = g_object_ref (http);

  return RUSHES_PROVIDER (self);
}
