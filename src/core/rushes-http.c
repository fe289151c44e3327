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

#define G_LOG_DOMAIN "rushes-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rushes-error.h"
#include "rushes-http-private.h"
#include "rushes-text.h"
#include "rushes-json.h"

#define DEFAULT_MAX_ATTEMPTS   6
#define DEFAULT_BASE_DELAY_MS  1000
#define LOOKUP_MAX_ATTEMPTS    2
#define MAX_DELAY_MS           (60 * 1000)
#define HTTP_TOO_MANY_REQUESTS 429  /* not in libsoup 3.2's SoupStatus */
#define SEND_READ_SIZE         (64 * 1024)

/**
 * RushesHttp:
 *
 * The one #SoupSession of the engine, and its policies: a fresh message
 * per attempt; idempotent reads retried on 429, 5xx and transport errors
 * with backoff that honours Retry-After; submits sent exactly once, a
 * failure after the request went out being %RUSHES_ERROR_UNCERTAIN; answers
 * given up after #RushesConfig:http-timeout-ms; streamed, resumable
 * downloads; request summaries on stderr with `RUSHES_DEBUG=http` (URLs
 * without query strings, never headers or bodies: no key or signature can
 * leak there).
 */

G_DEFINE_FINAL_TYPE (RushesHttp, rushes_http, G_TYPE_OBJECT)

typedef struct
{
  RushesHttp            *self;
  RushesHttpKind         kind;
  RushesHttpParseFunc    parse;
  RushesHttpMessageFunc  build;
  gpointer               build_data;
  GDestroyNotify         build_destroy;
  gsize                  max_size;
  SoupMessage           *message;
  GInputStream          *input;
  GByteArray            *body;
  gsize                  body_length;          /* of body before the read in flight */
  GCancellable          *attempt_cancellable;
  gulong                 cancelled_id;
  guint                  timeout_id;
  guint                  retry_id;
  guint                  attempt;
  guint                  status;
  gint64                 started;
  guint                  sent : 1;
  guint                  timed_out : 1;
  guint                  raw : 1;              /* the body as bytes, not JSON */
} SendData;

typedef struct
{
  RushesHttp   *self;
  GCancellable *attempt_cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  guint         timed_out : 1;
} ConnectData;

static void send_attempt (GTask *task);

static void
send_data_free (SendData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_handle_id (&data->retry_id, g_source_remove);
  g_clear_object (&data->message);
  g_clear_object (&data->input);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_object (&data->attempt_cancellable);
  if (data->build_destroy != NULL)
    data->build_destroy (data->build_data);
  g_clear_object (&data->self);
  g_free (data);
}

static void
connect_data_free (ConnectData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->attempt_cancellable);
  g_clear_object (&data->self);
  g_free (data);
}

enum {
  PROP_0,
  PROP_CONFIG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Helpers */

/* Query strings can hold signed tokens: logs show scheme, host and path. */
char *
_rushes_http_loggable_uri (GUri *uri)
{
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}

const char *
_rushes_http_host_of (SoupMessage *message)
{
  const char *host = g_uri_get_host (soup_message_get_uri (message));

  return host != NULL ? host : "?";
}

guint
_rushes_http_retry_after_ms (SoupMessage *message,
                             guint        fallback_ms)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return fallback_ms;

  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (guint) MIN (seconds * 1000, (guint64) MAX_DELAY_MS);

  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (when != NULL)
      return (guint) CLAMP (g_date_time_difference (when, now) / 1000, 0, MAX_DELAY_MS);
  }

  return fallback_ms;
}

guint
_rushes_http_backoff_ms (RushesHttp *self,
                         guint       attempt)
{
  guint64 delay = (guint64) self->base_delay_ms << MIN (attempt - 1, 16u);

  return (guint) MIN (delay, (guint64) MAX_DELAY_MS);
}

gboolean
_rushes_http_status_is_retryable (guint status)
{
  return status == HTTP_TOO_MANY_REQUESTS || (status >= 500 && status <= 599);
}

static void
update_session_timeout (RushesHttp *self)
{
  guint msec = rushes_config_get_http_timeout_ms (self->config);

  /* The session's timeout is per read/write inactivity (downloads); answers
   * to JSON requests are timed as a whole in send_attempt(). */
  g_object_set (self->session, "timeout", MAX (1u, (msec + 999) / 1000), NULL);
}

static void
config_timeout_changed_cb (RushesHttp *self)
{
  update_session_timeout (self);
}

/**
 * rushes_http_set_status_error:
 * @kind: what the request was
 * @status: an HTTP status that is not 2xx
 * @provider_name: "Wiro", for the message
 * @detail: (nullable): the provider's own words, if any
 *
 * The generic mapping of an HTTP status to a #RushesError, for answers the
 * provider's error envelope did not explain.
 */
void
rushes_http_set_status_error (GError         **error,
                              RushesHttpKind   kind,
                              guint            status,
                              const char      *provider_name,
                              const char      *detail)
{
  g_autofree char *suffix = detail != NULL && detail[0] != '\0'
    ? g_strdup_printf (": %s", detail)
    : g_strdup ("");

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("%s refused the API key (HTTP %u)%s. Check the key and secret."),
                 provider_name, status, suffix);
  else if (status == SOUP_STATUS_PAYMENT_REQUIRED)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                 _("%s says the account cannot pay for this (HTTP 402)%s"), provider_name, suffix);
  else if (status == SOUP_STATUS_NOT_FOUND && kind == RUSHES_HTTP_SUBMIT)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                 _("%s does not offer this model (HTTP 404)%s; it may have been retired"),
                 provider_name, suffix);
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                 _("%s does not know this task (HTTP 404)%s"), provider_name, suffix);
  else if (status == HTTP_TOO_MANY_REQUESTS)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                 _("%s is rate limiting requests (HTTP 429)%s; try again later"), provider_name, suffix);
  else if (status >= 500 && kind == RUSHES_HTTP_SUBMIT && status != SOUP_STATUS_SERVICE_UNAVAILABLE)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                 _("%s failed while taking the request (HTTP %u)%s; the task may exist upstream "
                   "and was not sent again"), provider_name, status, suffix);
  else if (status >= 500)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                 _("%s is having trouble (HTTP %u)%s"), provider_name, status, suffix);
  else if (kind == RUSHES_HTTP_READ || kind == RUSHES_HTTP_LOOKUP)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                 _("%s refused a status request (HTTP %u)%s"), provider_name, status, suffix);
  else
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                 _("%s rejected the request (HTTP %u)%s"), provider_name, status, suffix);
}

/**
 * rushes_http_log:
 *
 * Writes a line to stderr when `RUSHES_DEBUG=http` is set. Never pass keys,
 * signatures, tokens or full prompts.
 */
void
rushes_http_log (RushesHttp *self,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (RUSHES_IS_HTTP (self));

  if (!rushes_config_get_debug_http (self->config))
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("rushes: %s\n", message);
}

/* ------------------------------------------------------------------ */
/* JSON requests */

/* Whether the attempt that just failed may be followed by another. */
static gboolean
may_retry (SendData *data)
{
  if (data->kind == RUSHES_HTTP_READ)
    return data->attempt < data->self->max_attempts;
  if (data->kind == RUSHES_HTTP_LOOKUP)
    return data->attempt < MIN (data->self->max_attempts, LOOKUP_MAX_ATTEMPTS);
  return FALSE;
}

static void
send_wrote_headers_cb (SoupMessage *message,
                       SendData    *data)
{
  data->sent = TRUE;
}

static gboolean
send_timeout_cb (gpointer user_data)
{
  SendData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

void
_rushes_http_send_user_cancelled_cb (GCancellable *cancellable,
                                     GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

static gboolean
send_retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  data->retry_id = 0;
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

/* Ends the attempt's clock and reading; the message stays for its status. */
static void
send_end_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;
  g_clear_object (&data->input);
  g_clear_pointer (&data->body, g_byte_array_unref);
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  SendData *data = g_task_get_task_data (task);

  send_end_attempt (task);
  rushes_http_log (data->self, "   retrying in %u ms (attempt %u of %u)",
                   delay_ms, data->attempt + 1, data->self->max_attempts);
  /* The source holds the task until it fires or the task data is freed. */
  data->retry_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, send_retry_cb,
                                       g_object_ref (task), g_object_unref);
}

/* The request or its answer broke off, timed out or was cancelled. */
static void
send_failed (GTask  *task,
             GError *error)
{
  SendData *data = g_task_get_task_data (task);
  const char *host = _rushes_http_host_of (data->message);
  gboolean user_cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));

  send_end_attempt (task);
  rushes_http_log (data->self, "<- %s after %" G_GINT64_FORMAT " ms",
                   data->timed_out ? "no answer" : error->message,
                   (g_get_monotonic_time () - data->started) / 1000);

  if (data->kind == RUSHES_HTTP_SUBMIT && data->sent)
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                               user_cancelled
                                 ? _("The request to %s was interrupted after it went out; the task may "
                                     "exist upstream and was not sent again")
                                 : data->timed_out
                                   ? _("%s did not answer the request in time; the task may exist "
                                       "upstream and was not sent again")
                                   : _("The connection to %s broke before it answered; the task may "
                                       "exist upstream and was not sent again"),
                               host);
      g_error_free (error);
      return;
    }

  if (user_cancelled)
    {
      g_task_return_error (task, error);
      return;
    }

  if (may_retry (data))
    {
      schedule_retry (task, _rushes_http_backoff_ms (data->self, data->attempt));
      g_error_free (error);
      return;
    }

  if (data->timed_out)
    g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                             _("%s did not answer in time"), host);
  else
    g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                             _("Cannot reach %s: %s"), host, error->message);
  g_error_free (error);
}

/* An answer that cannot be used whatever its status. A submit's answer
 * came after the request went out, so its task may exist upstream. */
static void
send_refuse_answer (GTask      *task,
                    const char *reason)
{
  SendData *data = g_task_get_task_data (task);

  send_end_attempt (task);
  rushes_http_log (data->self, "<- %u refused: %s", soup_message_get_status (data->message), reason);

  if (data->kind == RUSHES_HTTP_SUBMIT)
    g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                             _("%s; the task may exist upstream and was not sent again"), reason);
  else
    g_task_return_error (task, g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, reason));
}

static void
send_refuse_too_large (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size (data->max_size);
  g_autofree char *reason = g_strdup_printf (_("%s answered with more than %s of JSON"),
                                             _rushes_http_host_of (data->message), limit);

  send_refuse_answer (task, reason);
}

/* The whole body is in: parse it and hand it over. */
static void
send_answered (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *host = _rushes_http_host_of (data->message);
  const char *text = (const char *) data->body->data;
  gsize size = data->body->len;
  guint status = soup_message_get_status (data->message);
  g_autofree char *reason = rushes_text_sanitize (soup_message_get_reason_phrase (data->message));

  rushes_http_log (data->self, "<- %u %s in %" G_GINT64_FORMAT " ms (%" G_GSIZE_FORMAT " bytes)",
                   status, reason,
                   (g_get_monotonic_time () - data->started) / 1000, size);

  if (data->raw)
    {
      GBytes *bytes = g_bytes_new (text, size);

      send_end_attempt (task);
      data->status = status;
      g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
      return;
    }

  /* Every answer goes through the size and nesting guard, a provider's
   * own parser too: json-glib recurses and deep nesting overflows the stack. */
  if (size == 0)
    g_set_error_literal (&parse_error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("the answer is empty"));
  else if (data->parse == NULL)
    root = rushes_json_parse (text, size, data->max_size, &parse_error);
  else if (rushes_json_check (text, size, data->max_size, &parse_error))
    root = data->parse (text, size, &parse_error);

  if (root == NULL)
    {
      if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          send_end_attempt (task);
          data->status = status;
          g_task_return_pointer (task, json_node_new (JSON_NODE_NULL), (GDestroyNotify) json_node_unref);
          return;
        }

      if (may_retry (data))
        {
          schedule_retry (task, _rushes_http_backoff_ms (data->self, data->attempt));
          return;
        }

      send_end_attempt (task);
      if (data->kind == RUSHES_HTTP_SUBMIT)
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                                 _("%s answered the request with something that is not JSON; the task "
                                   "may exist upstream and was not sent again"), host);
      else
        {
          /* json-glib may quote the offending text. */
          g_autofree char *detail = rushes_text_sanitize (parse_error != NULL ? parse_error->message
                                                                              : _("not valid JSON"));

          g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                                   _("%s answered with something that is not JSON (HTTP %u): %s"),
                                   host, status, detail);
        }
      return;
    }

  send_end_attempt (task);
  data->status = status;
  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

static void send_read (GTask *task);

static void
send_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  g_byte_array_set_size (data->body, data->body_length + MAX (n_read, 0));

  if (n_read < 0)
    send_failed (task, error);
  else if (n_read == 0)
    send_answered (task);
  else if (data->body->len > data->max_size)
    send_refuse_too_large (task);
  else
    send_read (task);
}

/* Reads the body a chunk at a time, never more than one byte past the cap:
 * a 1 GiB answer costs the cap, not a gigabyte. */
static void
send_read (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  gsize room = MIN ((gsize) SEND_READ_SIZE, data->max_size + 1 - data->body->len);

  data->body_length = data->body->len;
  g_byte_array_set_size (data->body, data->body_length + room);
  g_input_stream_read_async (data->input, data->body->data + data->body_length, room, G_PRIORITY_DEFAULT,
                             data->attempt_cancellable, send_read_cb, g_object_ref (task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  data->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->input == NULL)
    {
      send_failed (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);

  if (_rushes_http_status_is_retryable (status) && may_retry (data))
    {
      g_autofree char *reason = rushes_text_sanitize (soup_message_get_reason_phrase (data->message));

      rushes_http_log (data->self, "<- %u %s in %" G_GINT64_FORMAT " ms",
                       status, reason, (g_get_monotonic_time () - data->started) / 1000);
      schedule_retry (task, _rushes_http_retry_after_ms (data->message,
                                                         _rushes_http_backoff_ms (data->self, data->attempt)));
      return;
    }

  /* Requests carry the key or a signature: a redirect is never followed
   * (SOUP_MESSAGE_NO_REDIRECT), so they cannot reach another host. */
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) target = NULL;
      g_autofree char *where = NULL;
      g_autofree char *reason = NULL;

      if (location != NULL)
        target = g_uri_parse_relative (soup_message_get_uri (data->message), location, SOUP_HTTP_URI_FLAGS, NULL);
      if (target != NULL)
        {
          g_autofree char *joined = _rushes_http_loggable_uri (target);

          where = rushes_text_sanitize (joined);
        }
      else
        where = g_strdup (_("another address"));
      reason = g_strdup_printf (_("%s redirected the request to %s (HTTP %u); requests that carry the API "
                                  "key are not sent on"), _rushes_http_host_of (data->message), where, status);
      send_refuse_answer (task, reason);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) data->max_size)
    {
      send_refuse_too_large (task);
      return;
    }

  data->body = g_byte_array_new ();
  send_read (task);
}

static void
send_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  data->attempt++;
  data->sent = FALSE;
  data->timed_out = FALSE;
  g_clear_object (&data->message);
  data->message = data->build (data->build_data, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (data->message, "wrote-headers", G_CALLBACK (send_wrote_headers_cb), data);

  g_clear_object (&data->attempt_cancellable);
  data->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (_rushes_http_send_user_cancelled_cb),
                                                data->attempt_cancellable, NULL);
  data->timeout_id = g_timeout_add (rushes_config_get_http_timeout_ms (data->self->config),
                                    send_timeout_cb, data);

  uri = _rushes_http_loggable_uri (soup_message_get_uri (data->message));
  rushes_http_log (data->self, "-> %s %s", soup_message_get_method (data->message), uri);
  data->started = g_get_monotonic_time ();

  soup_session_send_async (data->self->session, data->message, G_PRIORITY_DEFAULT,
                           data->attempt_cancellable, send_cb, g_object_ref (task));
}

/* What both kinds of answers share: the first attempt of a request. */
static void
send_start (RushesHttp            *self,
            RushesHttpKind         kind,
            gsize                  max_size,
            RushesHttpParseFunc    parse,
            gboolean               raw,
            RushesHttpMessageFunc  build_message,
            gpointer               build_data,
            GDestroyNotify         build_data_destroy,
            GCancellable          *cancellable,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  data = g_new0 (SendData, 1);
  data->self = g_object_ref (self);
  data->kind = kind;
  data->max_size = max_size;
  data->parse = parse;
  data->raw = raw;
  data->build = build_message;
  data->build_data = build_data;
  data->build_destroy = build_data_destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, raw ? (gpointer) rushes_http_send_async : (gpointer) rushes_http_send_json_async);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  send_attempt (task);
}

/**
 * rushes_http_send_json_full_async:
 * @kind: how the request may be repeated and how its failures are read
 * @max_size: the largest answer accepted, in bytes: %RUSHES_JSON_MAX_ANSWER,
 *   or %RUSHES_JSON_MAX_LISTING for a model listing
 * @parse: (nullable): parses the body; %NULL for plain JSON
 * @build_message: makes the message for each attempt
 * @build_data: data for @build_message
 * @build_data_destroy: (nullable): frees @build_data when the operation ends
 *
 * Sends a request that answers with JSON. The answer is read a chunk at a
 * time and refused past @max_size (%RUSHES_ERROR_PROTOCOL, or
 * %RUSHES_ERROR_UNCERTAIN for a submit), and checked by
 * rushes_json_check() before @parse sees it. Redirects are not followed:
 * the request carries credentials, and a 3xx is an error naming where it
 * pointed.
 */
void
rushes_http_send_json_full_async (RushesHttp            *self,
                                  RushesHttpKind         kind,
                                  gsize                  max_size,
                                  RushesHttpParseFunc    parse,
                                  RushesHttpMessageFunc  build_message,
                                  gpointer               build_data,
                                  GDestroyNotify         build_data_destroy,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  g_return_if_fail (RUSHES_IS_HTTP (self));
  g_return_if_fail (max_size > 0 && max_size < G_MAXSIZE);
  g_return_if_fail (build_message != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_start (self, kind, max_size, parse, FALSE, build_message, build_data, build_data_destroy,
              cancellable, callback, user_data);
}

/**
 * rushes_http_send_json_async:
 *
 * rushes_http_send_json_full_async() with answers up to
 * %RUSHES_JSON_MAX_ANSWER.
 */
void
rushes_http_send_json_async (RushesHttp            *self,
                             RushesHttpKind         kind,
                             RushesHttpParseFunc    parse,
                             RushesHttpMessageFunc  build_message,
                             gpointer               build_data,
                             GDestroyNotify         build_data_destroy,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  rushes_http_send_json_full_async (self, kind, RUSHES_JSON_MAX_ANSWER, parse, build_message, build_data,
                                    build_data_destroy, cancellable, callback, user_data);
}

/**
 * rushes_http_send_json_finish:
 * @status: (out) (optional): the HTTP status of the answer
 *
 * Returns: (transfer full) (nullable): the parsed answer. A non-2xx answer
 *   that was not retried is returned too (a null node when its body is not
 *   JSON): read the provider's error envelope, then fall back to
 *   rushes_http_set_status_error(). %NULL with an error when there is no
 *   usable answer: %RUSHES_ERROR_UNREACHABLE, %RUSHES_ERROR_UNCERTAIN (a
 *   submit that went out), %RUSHES_ERROR_PROTOCOL, or %G_IO_ERROR_CANCELLED.
 */
JsonNode *
rushes_http_send_json_finish (RushesHttp    *self,
                              GAsyncResult  *result,
                              guint         *status,
                              GError       **error)
{
  JsonNode *node;

  g_return_val_if_fail (RUSHES_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  node = g_task_propagate_pointer (G_TASK (result), error);
  if (status != NULL)
    *status = node != NULL ? ((SendData *) g_task_get_task_data (G_TASK (result)))->status : 0;
  return node;
}

/**
 * rushes_http_send_async:
 * @kind: how the request may be repeated and how its failures are read
 * @max_size: the largest answer accepted, in bytes
 * @build_message: makes the message for each attempt
 *
 * rushes_http_send_json_full_async() for an answer that is not JSON (an
 * upload to a storage bucket): the body comes back as it is, empty or
 * not, with its status. The same policies hold: redirects are not
 * followed, reads are retried, a submit or write is sent once.
 */
void
rushes_http_send_async (RushesHttp            *self,
                        RushesHttpKind         kind,
                        gsize                  max_size,
                        RushesHttpMessageFunc  build_message,
                        gpointer               build_data,
                        GDestroyNotify         build_data_destroy,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_return_if_fail (RUSHES_IS_HTTP (self));
  g_return_if_fail (max_size > 0 && max_size < G_MAXSIZE);
  g_return_if_fail (build_message != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_start (self, kind, max_size, NULL, TRUE, build_message, build_data, build_data_destroy,
              cancellable, callback, user_data);
}

/**
 * rushes_http_send_finish:
 * @status: (out) (optional): the HTTP status of the answer
 *
 * Returns: (transfer full) (nullable): the body of the answer, whatever
 *   its status; %NULL with an error when there is none
 */
GBytes *
rushes_http_send_finish (RushesHttp    *self,
                         GAsyncResult  *result,
                         guint         *status,
                         GError       **error)
{
  GBytes *bytes;

  g_return_val_if_fail (RUSHES_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (status != NULL)
    *status = bytes != NULL ? ((SendData *) g_task_get_task_data (G_TASK (result)))->status : 0;
  return bytes;
}

/* ------------------------------------------------------------------ */
/* WebSocket */

static gboolean
connect_timeout_cb (gpointer user_data)
{
  ConnectData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;

  if (connection == NULL)
    {
      rushes_http_log (data->self, "<- socket: %s", data->timed_out ? "no answer" : error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->timed_out)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                                 _("Cannot open the live channel: %s"),
                                 data->timed_out ? _("no answer in time") : error->message);
      return;
    }

  rushes_http_log (data->self, "<- socket open");
  g_task_return_pointer (task, connection, g_object_unref);
}

/**
 * rushes_http_websocket_connect_async:
 * @url: a ws:// or wss:// address
 *
 * Opens a WebSocket on the engine's session, giving up after the HTTP
 * timeout.
 */
void
rushes_http_websocket_connect_async (RushesHttp          *self,
                                     const char          *url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;
  ConnectData *data;

  g_return_if_fail (RUSHES_IS_HTTP (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_http_websocket_connect_async);

  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                               _("The live channel address “%s” is not a valid URL"), url);
      return;
    }

  data = g_new0 (ConnectData, 1);
  data->self = g_object_ref (self);
  data->attempt_cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) connect_data_free);
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (_rushes_http_send_user_cancelled_cb),
                                                data->attempt_cancellable, NULL);
  data->timeout_id = g_timeout_add (rushes_config_get_http_timeout_ms (self->config),
                                    connect_timeout_cb, data);

  uri = _rushes_http_loggable_uri (soup_message_get_uri (message));
  rushes_http_log (self, "-> socket %s", uri);

  soup_session_websocket_connect_async (self->session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        data->attempt_cancellable, connect_cb, g_steal_pointer (&task));
}

/**
 * rushes_http_websocket_connect_finish:
 *
 * Returns: (transfer full) (nullable): the open connection
 */
SoupWebsocketConnection *
rushes_http_websocket_connect_finish (RushesHttp    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
rushes_http_constructed (GObject *object)
{
  RushesHttp *self = (RushesHttp *)object;
  g_autofree char *user_agent = g_strdup_printf ("Rushes/%s ", PACKAGE_VERSION);

  G_OBJECT_CLASS (rushes_http_parent_class)->constructed (object);

  if (self->config == NULL)
    self->config = rushes_config_new ();

  /* A trailing space makes libsoup append its own product token. */
  self->session = soup_session_new_with_options ("user-agent", user_agent, NULL);
  update_session_timeout (self);
  g_signal_connect_object (self->config, "notify::http-timeout-ms",
                           G_CALLBACK (config_timeout_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
rushes_http_dispose (GObject *object)
{
  RushesHttp *self = (RushesHttp *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (rushes_http_parent_class)->dispose (object);
}

static void
rushes_http_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RushesHttp *self = RUSHES_HTTP (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_http_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RushesHttp *self = RUSHES_HTTP (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_http_class_init (RushesHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rushes_http_constructed;
  object_class->dispose = rushes_http_dispose;
  object_class->get_property = rushes_http_get_property;
  object_class->set_property = rushes_http_set_property;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, RUSHES_TYPE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_http_init (RushesHttp *self)
{
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
}

/**
 * rushes_http_new:
 * @config: (nullable): endpoints, timeout and debug settings
 *
 * Returns: (transfer full): a new HTTP layer
 */
RushesHttp *
rushes_http_new (RushesConfig *config)
{
  g_return_val_if_fail (!config || RUSHES_IS_CONFIG (config), NULL);

  return g_object_new (RUSHES_TYPE_HTTP, "config", config, NULL);
}

/**
 * rushes_http_get_config:
 *
 * Returns: (transfer none): the configuration
 */
RushesConfig *
rushes_http_get_config (RushesHttp *self)
{
  g_return_val_if_fail (RUSHES_IS_HTTP (self), NULL);

  return self->config;
}

/**
 * rushes_http_get_session:
 *
 * Returns: (transfer none): the session
 */
SoupSession *
rushes_http_get_session (RushesHttp *self)
{
  g_return_val_if_fail (RUSHES_IS_HTTP (self), NULL);

  return self->session;
}

/**
 * rushes_http_set_retry_policy:
 * @max_attempts: attempts for a read before giving up (at least 1); for
 *   downloads, attempts in a row that make no progress
 * @base_delay_ms: the first backoff delay, doubled each time, when the
 *   answer carries no Retry-After
 */
void
rushes_http_set_retry_policy (RushesHttp *self,
                              guint       max_attempts,
                              guint       base_delay_ms)
{
  g_return_if_fail (RUSHES_IS_HTTP (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
}
