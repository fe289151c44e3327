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

#define G_LOG_DOMAIN "rushes-fake-apixo"

#include "config.h"

#include <string.h>

#include "rushes-fake-apixo-private.h"
#include "rushes-fake-provider-private.h"

#define MAX_PROMPT_CHARS 10000
/* What output-file-url puts where the video's URL belongs. */
#define FILE_URL         "file:///etc/passwd"

/* parent.status holds what APIXO calls the state. */
typedef struct
{
  RushesFakeEnvelopeTask parent;       /* first: the shared code frees the task */
  gboolean               fail;
  gint64                 create_ms;
  gint64                 complete_ms;
} ApixoTask;

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *message,
               const char        *detail)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (detail == NULL)
    {
      _rushes_fake_respond_envelope (msg, status, status, message, NULL, FALSE);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, detail);
  json_builder_end_object (builder);
  _rushes_fake_respond_envelope (msg, status, status, message, json_builder_get_root (builder), FALSE);
}

/* Milliseconds, as numbers, or as strings in the variants. */
static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       value,
          gboolean     as_string)
{
  json_builder_set_member_name (builder, name);
  if (as_string)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_int_value (builder, value);
}

static JsonNode *
apixo_task_to_json (RushesFakeEnvelopeTask *task)
{
  ApixoTask *apixo_task = (ApixoTask *) task;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "taskId");
  json_builder_add_string_value (builder, task->id);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, task->status);
  add_time (builder, "createTime", apixo_task->create_ms, task->variants);

  if (g_str_equal (task->status, "success"))
    {
      g_autoptr(JsonBuilder) result = json_builder_new ();
      g_autoptr(JsonNode) result_root = NULL;

      json_builder_begin_object (result);
      json_builder_set_member_name (result, "resultUrls");
      json_builder_begin_array (result);
      json_builder_add_string_value (result, task->output_url);
      json_builder_end_array (result);
      json_builder_end_object (result);
      result_root = json_builder_get_root (result);

      /* Documented as a string holding JSON; the variants send the object. */
      json_builder_set_member_name (builder, "resultJson");
      if (task->variants)
        json_builder_add_value (builder, json_node_copy (result_root));
      else
        {
          g_autofree char *text = json_to_string (result_root, FALSE);

          json_builder_add_string_value (builder, text);
        }
    }
  else if (g_str_equal (task->status, "failed"))
    {
      json_builder_set_member_name (builder, "failCode");
      json_builder_add_string_value (builder, "CONTENT_VIOLATION");
      json_builder_set_member_name (builder, "failMsg");
      json_builder_add_string_value (builder, task->hostile ? _rushes_fake_hostile_text () : "Content violates usage policy");
    }

  if (apixo_task->complete_ms > 0)
    {
      add_time (builder, "completeTime", apixo_task->complete_ms, task->variants);
      add_time (builder, "costTime", apixo_task->complete_ms - apixo_task->create_ms, task->variants);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
apixo_task_finish (RushesFakeEnvelopeTask *task)
{
  ApixoTask *apixo_task = (ApixoTask *) task;

  if (apixo_task->fail)
    task->status = "failed";
  else
    {
      RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (task->api);
      g_autofree char *name = g_strconcat ("apixo-", task->id, ".mp4", NULL);
      guint64 size;

      /* A client must fetch http(s) outputs only. */
      if (task->file_url)
        task->output_url = g_strdup (FILE_URL);
      else
        task->output_url = _rushes_fake_provider_publish_output (provider, name, &size);
      task->status = "success";
    }
  apixo_task->complete_ms = g_get_real_time () / 1000;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_one_of (JsonNode           *node,
           const char * const *values)
{
  return is_string (node) && g_strv_contains (values, json_node_get_string (node));
}

/* The docs disagree: "10" and "15" as strings (n_frames), or 10 and 15 as
 * numbers (duration); both are accepted, in either type. */
static gboolean
is_sora_length (JsonNode *node)
{
  static const char * const lengths[] = { "10", "15", NULL };

  if (is_one_of (node, lengths))
    return TRUE;

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
         (json_node_get_int (node) == 10 || json_node_get_int (node) == 15);
}

static char *
validate_image_urls (JsonObject *input,
                     gint        required)
{
  JsonNode *node = json_object_get_member (input, "image_urls");
  JsonArray *urls;

  if (node == NULL)
    return required > 0 ? g_strdup ("input.image_urls is required for image-to-video") : NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("input.image_urls must be an array of URLs");

  urls = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (urls); i++)
    {
      JsonNode *url = json_array_get_element (urls, i);

      if (!is_string (url) || (!g_str_has_prefix (json_node_get_string (url), "https://") &&
                               !g_str_has_prefix (json_node_get_string (url), "http://")))
        return g_strdup ("input.image_urls must hold http(s) URLs");
    }

  if (required >= 0 && json_array_get_length (urls) != (guint) required)
    return g_strdup_printf ("input.image_urls must hold exactly %d URL%s", required, required == 1 ? "" : "s");

  return NULL;
}

/* The envelope every model shares, then Sora 2's input (seed 003). */
static char *
apixo_validate (const char *model,
                JsonObject *body)
{
  static const char * const request_types[] = { "async", "callback", NULL };
  static const char * const routings[] = { "auto", "value", "official", NULL };
  static const char * const modes[] = { "text-to-video", "image-to-video", NULL };
  static const char * const ratios[] = { "landscape", "portrait", NULL };
  JsonNode *node;
  JsonObject *input;
  JsonNode *prompt;
  gboolean i2v;

  node = json_object_get_member (body, "request_type");
  if (node != NULL && !is_one_of (node, request_types))
    return g_strdup ("request_type must be async or callback");
  if (node != NULL && g_str_equal (json_node_get_string (node), "callback") &&
      !is_string (json_object_get_member (body, "callback_url")))
    return g_strdup ("callback_url is required when request_type is callback");
  node = json_object_get_member (body, "provider");
  if (node != NULL && !is_one_of (node, routings))
    return g_strdup ("provider must be auto, value or official");

  node = json_object_get_member (body, "input");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("Missing required field: input");
  input = json_node_get_object (node);

  prompt = json_object_get_member (input, "prompt");
  if (!is_string (prompt) || *json_node_get_string (prompt) == '\0')
    return g_strdup ("Missing required field: input.prompt");

  if (!g_str_equal (model, "sora-2"))
    return validate_image_urls (input, -1);

  node = json_object_get_member (input, "mode");
  if (!is_one_of (node, modes))
    return g_strdup ("input.mode must be text-to-video or image-to-video");
  i2v = g_str_equal (json_node_get_string (node), "image-to-video");

  if (g_utf8_strlen (json_node_get_string (prompt), -1) > MAX_PROMPT_CHARS)
    return g_strdup ("input.prompt is longer than 10000 characters");
  if ((node = json_object_get_member (input, "aspect_ratio")) != NULL && !is_one_of (node, ratios))
    return g_strdup ("input.aspect_ratio must be landscape or portrait");
  if ((node = json_object_get_member (input, "n_frames")) != NULL && !is_sora_length (node))
    return g_strdup ("input.n_frames must be 10 or 15");
  if ((node = json_object_get_member (input, "duration")) != NULL && !is_sora_length (node))
    return g_strdup ("input.duration must be 10 or 15");
  if ((node = json_object_get_member (input, "remove_watermark")) != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    return g_strdup ("input.remove_watermark must be a boolean");

  return validate_image_urls (input, i2v ? 1 : 0);
}

static void
apixo_generate (RushesFakeEnvelopeApi *api,
                SoupServerMessage     *msg,
                const char            *model)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *error = NULL;
  g_autofree char *hex = NULL;
  ApixoTask *task;

  root = _rushes_fake_request_parse_body (msg, &error);
  if (root == NULL || (error = apixo_validate (model, json_node_get_object (root))) != NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid request", error);
      return;
    }

  hex = g_uuid_string_random ();
  task = _rushes_fake_envelope_api_add_task (api, g_strdup_printf ("task_%.8s%.4s", hex, hex + 9), model, "pending");
  task->create_ms = g_get_real_time () / 1000;
  task->fail = task->parent.hostile ||
               _rushes_fake_provider_take_fault (_rushes_fake_envelope_api_get_provider (api), "task-failed");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "taskId");
  json_builder_add_string_value (builder, task->parent.id);
  json_builder_end_object (builder);
  _rushes_fake_respond_envelope (msg, SOUP_STATUS_OK, 200, "success", json_builder_get_root (builder),
                                 task->parent.variants);
}

static void
apixo_status (RushesFakeEnvelopeApi *api,
              SoupServerMessage     *msg,
              const char            *model,
              GHashTable            *query)
{
  const char *id = query != NULL ? g_hash_table_lookup (query, "taskId") : NULL;
  RushesFakeEnvelopeTask *task;

  if (id == NULL || *id == '\0')
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid request", "Missing required parameter: taskId");
      return;
    }

  /* The model in the path must be the task's. */
  task = _rushes_fake_envelope_api_lookup_task (api, id);
  if (task == NULL || !g_str_equal (task->model, model))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "Task not found", NULL);
      return;
    }

  _rushes_fake_respond_envelope (msg, SOUP_STATUS_OK, 200, "success", apixo_task_to_json (task), task->variants);
}

/* GET /apikeys/current-balance: `data` is the bare number, USD, of this key. */
static void
apixo_balance (RushesFakeEnvelopeApi *api,
               SoupServerMessage     *msg)
{
  RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (api);
  g_autofree char *balance = _rushes_fake_format_number (_rushes_fake_provider_get_balance (provider, "apixo"));

  if (_rushes_fake_provider_take_fault (provider, "apixo-balance-garbage"))
    _rushes_fake_respond_envelope_text (msg, SOUP_STATUS_OK, 200, "success", "\"NaN\"");
  else
    _rushes_fake_respond_envelope_text (msg, SOUP_STATUS_OK, 200, "success", balance);
}

static void
apixo_route (RushesFakeEnvelopeApi   *api,
             SoupServerMessage       *msg,
             const RushesFakeRequest *request,
             const char              *method,
             const char              *path,
             const char              *route,
             GHashTable              *query)
{
  g_auto(GStrv) parts = g_strsplit (route, "/", -1);
  gboolean named = g_strv_length (parts) == 2 && *parts[1] != '\0';
  gboolean is_balance = g_str_equal (route, "apikeys/current-balance") && method == SOUP_METHOD_GET;
  RushesFakeEnvelopeCall call = RUSHES_FAKE_ENVELOPE_CALL_OTHER;

  if (is_balance &&
      _rushes_fake_provider_take_fault (_rushes_fake_envelope_api_get_provider (api), "apixo-balance-401"))
    {
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "Invalid or missing API Key", NULL);
      return;
    }

  if (named && g_str_equal (parts[0], "generateTask") && method == SOUP_METHOD_POST)
    call = RUSHES_FAKE_ENVELOPE_CALL_SUBMIT;
  else if (named && g_str_equal (parts[0], "statusTask") && method == SOUP_METHOD_GET)
    call = RUSHES_FAKE_ENVELOPE_CALL_STATUS;

  if (!_rushes_fake_envelope_api_admit (api, msg, request, call))
    return;

  if (call == RUSHES_FAKE_ENVELOPE_CALL_SUBMIT)
    apixo_generate (api, msg, parts[1]);
  else if (call == RUSHES_FAKE_ENVELOPE_CALL_STATUS)
    apixo_status (api, msg, parts[1], query);
  else if (is_balance)
    apixo_balance (api, msg);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not found", NULL);
}

static const RushesFakeEnvelopeApiInfo apixo_info = {
  .prefix = RUSHES_FAKE_APIXO_PREFIX,
  .unauthorized = "Invalid or missing API Key",
  .task_size = sizeof (ApixoTask),
  .route = apixo_route,
  .finish = apixo_task_finish,
};

RushesFakeEnvelopeApi *
_rushes_fake_apixo_new (RushesFakeProvider *provider)
{
  return _rushes_fake_envelope_api_new (provider, &apixo_info);
}
