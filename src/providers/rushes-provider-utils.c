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

#define G_LOG_DOMAIN "rushes-provider-utils"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-provider-utils.h"
#include "rushes-text.h"

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

/* ------------------------------------------------------------------ */
/* Helpers for the implementations */

#define MAX_MESSAGE_LENGTH 300

/**
 * _rushes_json_dup_string:
 *
 * Provider text is data: control characters and escape sequences are
 * removed here, where it enters Rushes (rushes_text_sanitize()).
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
      return rushes_text_sanitize (json_node_get_string (node));
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

  /* (double) G_MAXINT64 is 2^63, one past the largest gint64. */
  if (!_rushes_json_get_double (object, member, &number) || number != floor (number) ||
      number < (double) G_MININT64 || number >= (double) G_MAXINT64)
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
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *clean = rushes_text_sanitize (lines[i]);

      g_free (lines[i]);
      lines[i] = clean;
    }
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

typedef struct
{
  RushesHttp          *http;
  RushesBalanceParser  parse;
} BalanceData;

static void
balance_data_free (BalanceData *data)
{
  g_clear_object (&data->http);
  g_free (data);
}

static void
balance_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BalanceData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  double *usd = g_new0 (double, 1);

  root = rushes_http_send_json_finish (data->http, result, &http_status, &error);
  if (root == NULL || !data->parse (root, http_status, usd, &error))
    {
      g_free (usd);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, usd, g_free);
}

/**
 * _rushes_provider_read_amount:
 * @request: (transfer full): the request (a GET, or a POST with its body)
 * @parse: reads the provider's answer into a number of USD
 *
 * Reads an amount — a balance, a price — with one authenticated request;
 * @kind says how it may be repeated (%RUSHES_HTTP_READ for a balance,
 * %RUSHES_HTTP_LOOKUP for a quote one can do without). Finish with
 * _rushes_provider_amount_finish().
 */
void
_rushes_provider_read_amount (RushesProvider      *self,
                              RushesHttp          *http,
                              RushesBearerRequest *request,
                              RushesHttpKind       kind,
                              RushesBalanceParser  parse,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  BalanceData *data;

  g_task_set_source_tag (task, _rushes_provider_read_amount);
  data = g_new0 (BalanceData, 1);
  data->http = g_object_ref (http);
  data->parse = parse;
  g_task_set_task_data (task, data, (GDestroyNotify) balance_data_free);

  rushes_http_send_json_async (http, kind, NULL, _rushes_bearer_request_build_message, request,
                               (GDestroyNotify) _rushes_bearer_request_free,
                               cancellable, balance_cb, g_steal_pointer (&task));
}

/**
 * _rushes_provider_get_balance:
 * @url: the balance endpoint
 * @parse: reads the provider's answer into a number of USD
 *
 * Reads an account's balance with one authenticated GET (an idempotent
 * read: retried on 429 and 5xx like a status read).
 */
void
_rushes_provider_get_balance (RushesProvider          *self,
                              RushesHttp              *http,
                              const RushesCredentials *credentials,
                              const char              *provider_name,
                              const char              *url,
                              RushesBalanceParser      parse,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  _rushes_provider_read_amount (self, http,
                                _rushes_bearer_request_new (credentials, provider_name, SOUP_METHOD_GET, url),
                                RUSHES_HTTP_READ, parse, cancellable, callback, user_data);
}

gboolean
_rushes_provider_amount_finish (RushesProvider  *self,
                                GAsyncResult    *result,
                                double          *balance_usd,
                                GError         **error)
{
  g_autofree double *usd = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  usd = g_task_propagate_pointer (G_TASK (result), error);
  if (usd == NULL)
    return FALSE;

  *balance_usd = *usd;
  return TRUE;
}
