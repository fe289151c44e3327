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

#define G_LOG_DOMAIN "rushes-fake-provider"

#include "config.h"

#include <string.h>

#include "rushes-fake-provider-private.h"

/* What WaveSpeed and APIXO share: routing under a prefix, the Bearer key,
 * the faults of submits and status reads, the task table and its clock,
 * {code, message, data} answers. */

#define STATUS_TOO_MANY_REQUESTS 429
/* A WaveSpeed or APIXO task answers "processing" this many times before it ends. */
#define ENVELOPE_PROCESSING_STEPS 3

struct _RushesFakeEnvelopeApi
{
  RushesFakeProvider              *provider;  /* borrowed: owns the API */
  const RushesFakeEnvelopeApiInfo *info;
  char                            *key;       /* NULL: any non-empty key */
  GHashTable                      *tasks;     /* id -> RushesFakeEnvelopeTask */
  gpointer                         data;      /* the provider's own state */
  GDestroyNotify                   data_free;
};

/* @data: (transfer full) (nullable): null in the envelope when %NULL */
void
_rushes_fake_respond_envelope (SoupServerMessage *msg,
                               guint              status,
                               int                code,
                               const char        *message,
                               JsonNode          *data,
                               gboolean           variants)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  if (variants)
    {
      g_autofree char *text = g_strdup_printf ("%d", code);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "data");
  if (data != NULL)
    json_builder_add_value (builder, data);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  _rushes_fake_respond_json (msg, status, builder);
}

/* @data_json: JSON text, so that numbers go out as written */
void
_rushes_fake_respond_envelope_text (SoupServerMessage *msg,
                                    guint              status,
                                    int                code,
                                    const char        *message,
                                    const char        *data_json)
{
  g_autoptr(JsonNode) message_node = json_node_init_string (json_node_alloc (), message);
  g_autofree char *quoted = json_to_string (message_node, FALSE);
  char *text = g_strdup_printf ("{\"code\":%d,\"message\":%s,\"data\":%s}", code, quoted, data_json);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* @key: NULL accepts any non-empty key. */
static gboolean
rushes_fake_envelope_check_bearer (const RushesFakeRequest *request,
                                   const char              *key)
{
  const char *header = g_hash_table_lookup (request->headers, "authorization");

  if (header == NULL || !g_str_has_prefix (header, "Bearer ") || header[strlen ("Bearer ")] == '\0')
    return FALSE;

  return key == NULL || g_str_equal (header + strlen ("Bearer "), key);
}

/* Faults that stand for the network, the account or the service itself
 * come before any check. */
static gboolean
rushes_fake_envelope_apply_submit_fault (RushesFakeProvider *self,
                                         SoupServerMessage  *msg)
{
  if (_rushes_fake_provider_take_fault (self, "submit-no-answer"))
    _rushes_fake_provider_hold_connection (self, msg);
  else if (_rushes_fake_provider_take_fault (self, "submit-drop"))
    _rushes_fake_provider_drop_connection (msg);
  else if (_rushes_fake_provider_take_fault (self, "submit-401"))
    _rushes_fake_respond_envelope (msg, SOUP_STATUS_UNAUTHORIZED, 401, "Invalid or missing API Key", NULL, FALSE);
  else if (_rushes_fake_provider_take_fault (self, "submit-402"))
    _rushes_fake_respond_envelope (msg, SOUP_STATUS_PAYMENT_REQUIRED, 402, "Insufficient balance", NULL, FALSE);
  else if (_rushes_fake_provider_take_fault (self, "submit-error-hostile"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, _rushes_fake_hostile_text ());
      json_builder_end_object (builder);
      _rushes_fake_respond_envelope (msg, SOUP_STATUS_BAD_REQUEST, 400, _rushes_fake_hostile_text (),
                                     json_builder_get_root (builder), FALSE);
    }
  else if (_rushes_fake_provider_take_fault (self, "submit-error-in-200"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, "Missing required field: input.prompt");
      json_builder_end_object (builder);
      _rushes_fake_respond_envelope (msg, SOUP_STATUS_OK, 400, "Invalid request",
                                     json_builder_get_root (builder), FALSE);
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
rushes_fake_envelope_apply_status_fault (RushesFakeProvider *self,
                                         SoupServerMessage  *msg)
{
  static const char malformed[] = "{\"code\": 200, \"message\": \"success\", \"data\": {\"id\": ";
  static const char server_error[] = "<html><body><h1>500 Internal Server Error</h1></body></html>\n";

  if (_rushes_fake_provider_take_fault (self, "status-429"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      _rushes_fake_respond_envelope (msg, STATUS_TOO_MANY_REQUESTS, 429, "Too Many Requests", NULL, FALSE);
      /* libsoup 3.2 has no phrase for 429. */
      soup_server_message_set_status (msg, STATUS_TOO_MANY_REQUESTS, "Too Many Requests");
    }
  else if (_rushes_fake_provider_take_fault (self, "status-500"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        server_error, sizeof server_error - 1);
    }
  else if (_rushes_fake_provider_take_fault (self, "status-malformed"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        malformed, sizeof malformed - 1);
    }
  else if (_rushes_fake_provider_take_fault (self, "status-deep-nesting"))
    _rushes_fake_respond_nested (msg, "{\"code\":200,\"message\":\"success\",\"data\":", "}");
  else if (_rushes_fake_provider_take_fault (self, "status-huge"))
    _rushes_fake_respond_huge (self, msg, "{\"code\":200,\"message\":\"success\",\"data\":", "null}");
  else
    return FALSE;

  return TRUE;
}

static void
rushes_fake_envelope_task_free (gpointer data)
{
  RushesFakeEnvelopeTask *task = data;

  _rushes_fake_clear_source (&task->source);
  if (task->api->info->task_clear != NULL)
    task->api->info->task_clear (task);
  g_free (task->id);
  g_free (task->model);
  g_free (task->output_url);
  g_free (task);
}

static void rushes_fake_envelope_task_schedule (RushesFakeEnvelopeTask *task);

static gboolean
rushes_fake_envelope_task_step_cb (gpointer user_data)
{
  RushesFakeEnvelopeTask *task = user_data;

  g_clear_pointer (&task->source, g_source_unref);
  task->step++;

  if (task->step <= ENVELOPE_PROCESSING_STEPS)
    {
      task->status = "processing";
      rushes_fake_envelope_task_schedule (task);
    }
  else
    task->api->info->finish (task);

  g_debug ("Task %s: %s", task->id, task->status);
  return G_SOURCE_REMOVE;
}

static void
rushes_fake_envelope_task_schedule (RushesFakeEnvelopeTask *task)
{
  RushesFakeProvider *provider = task->api->provider;

  g_assert (task->source == NULL);

  task->source = g_timeout_source_new (_rushes_fake_provider_get_step_interval (provider));
  g_source_set_callback (task->source, rushes_fake_envelope_task_step_cb, task, NULL);
  g_source_attach (task->source, _rushes_fake_provider_get_context (provider));
}

static void
rushes_fake_envelope_api_handler_cb (SoupServer        *server,
                                     SoupServerMessage *msg,
                                     const char        *path,
                                     GHashTable        *query,
                                     gpointer           user_data)
{
  RushesFakeEnvelopeApi *api = user_data;
  RushesFakeRequest *request = _rushes_fake_provider_record (api->provider, msg);
  gsize prefix_length = strlen (api->info->prefix);

  if (_rushes_fake_provider_redirect (api->provider, msg, request))
    return;

  /* libsoup also hands over the bare prefix, which names no route. */
  if (!g_str_has_prefix (path, api->info->prefix) || path[prefix_length] != '/')
    {
      _rushes_fake_respond_envelope (msg, SOUP_STATUS_NOT_FOUND, SOUP_STATUS_NOT_FOUND, "Not found", NULL, FALSE);
      return;
    }

  api->info->route (api, msg, request, soup_server_message_get_method (msg), path,
                    path + prefix_length + 1, query);
}

RushesFakeEnvelopeApi *
_rushes_fake_envelope_api_new (RushesFakeProvider              *provider,
                               const RushesFakeEnvelopeApiInfo *info)
{
  RushesFakeEnvelopeApi *api = g_new0 (RushesFakeEnvelopeApi, 1);

  g_assert (info->task_size >= sizeof (RushesFakeEnvelopeTask));

  api->provider = provider;
  api->info = info;
  api->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, rushes_fake_envelope_task_free);

  return api;
}

void
_rushes_fake_envelope_api_free (RushesFakeEnvelopeApi *api)
{
  g_hash_table_unref (api->tasks);
  if (api->data_free != NULL)
    api->data_free (api->data);
  g_free (api->key);
  g_free (api);
}

RushesFakeProvider *
_rushes_fake_envelope_api_get_provider (RushesFakeEnvelopeApi *api)
{
  return api->provider;
}

/* @data: (transfer full): freed with @data_free with @api */
void
_rushes_fake_envelope_api_set_data (RushesFakeEnvelopeApi *api,
                                    gpointer               data,
                                    GDestroyNotify         data_free)
{
  g_assert (api->data == NULL);

  api->data = data;
  api->data_free = data_free;
}

gpointer
_rushes_fake_envelope_api_get_data (RushesFakeEnvelopeApi *api)
{
  return api->data;
}

/* @key: (nullable): NULL accepts any non-empty key */
void
_rushes_fake_envelope_api_set_key (RushesFakeEnvelopeApi *api,
                                   const char            *key)
{
  g_free (api->key);
  api->key = g_strdup (key);
}

void
_rushes_fake_envelope_api_add_handler (RushesFakeEnvelopeApi *api,
                                       SoupServer            *server)
{
  soup_server_add_handler (server, api->info->prefix, rushes_fake_envelope_api_handler_cb, api, NULL);
}

/* Returns: %FALSE once @msg has been answered, by a pending fault @call is
 * open to or by a 401; the caller then stops. */
gboolean
_rushes_fake_envelope_api_admit (RushesFakeEnvelopeApi   *api,
                                 SoupServerMessage       *msg,
                                 const RushesFakeRequest *request,
                                 RushesFakeEnvelopeCall   call)
{
  if (call == RUSHES_FAKE_ENVELOPE_CALL_SUBMIT && rushes_fake_envelope_apply_submit_fault (api->provider, msg))
    return FALSE;
  if (call == RUSHES_FAKE_ENVELOPE_CALL_STATUS && rushes_fake_envelope_apply_status_fault (api->provider, msg))
    return FALSE;

  if (!rushes_fake_envelope_check_bearer (request, api->key))
    {
      _rushes_fake_respond_envelope (msg, SOUP_STATUS_UNAUTHORIZED, SOUP_STATUS_UNAUTHORIZED,
                                     api->info->unauthorized, NULL, FALSE);
      return FALSE;
    }

  return TRUE;
}

/* @id: (transfer full)
 *
 * Returns: (transfer none): a task of info->task_size bytes, filed and on the
 *   clock; its part past the RushesFakeEnvelopeTask is zeroed, for the caller
 *   to fill in before the main loop runs the first step. */
gpointer
_rushes_fake_envelope_api_add_task (RushesFakeEnvelopeApi *api,
                                    char                  *id,
                                    const char            *model,
                                    const char            *status)
{
  RushesFakeEnvelopeTask *task = g_malloc0 (api->info->task_size);

  task->api = api;
  task->id = id;
  task->model = g_strdup (model);
  task->status = status;
  task->variants = _rushes_fake_provider_take_fault (api->provider, "response-variants");
  task->hostile = _rushes_fake_provider_take_fault (api->provider, "task-failed-hostile");
  task->file_url = _rushes_fake_provider_take_fault (api->provider, "output-file-url");
  g_hash_table_insert (api->tasks, task->id, task);
  rushes_fake_envelope_task_schedule (task);

  return task;
}

/* Returns: (transfer none) (nullable): the task, as the provider's task struct */
gpointer
_rushes_fake_envelope_api_lookup_task (RushesFakeEnvelopeApi *api,
                                       const char            *id)
{
  return g_hash_table_lookup (api->tasks, id);
}
