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

#define G_LOG_DOMAIN "rushes-fake-wavespeed"

#include "config.h"

#include <string.h>

#include "rushes-fake-provider-private.h"
#include "rushes-fake-wavespeed-private.h"

#define INFERENCE_MS 41250

typedef enum {
  OUTCOME_COMPLETED,
  OUTCOME_FAILED,
  OUTCOME_CANCELLED,
  OUTCOME_TIMEOUT,
} WavespeedOutcome;

typedef struct
{
  RushesFakeEnvelopeTask  parent;      /* first: the shared code frees the task */
  WavespeedOutcome        outcome;
  GDateTime              *created_at;
} WavespeedTask;

static const char * const sora_sizes[] = {
  "480*480", "480*854", "854*480", "720*720", "720*1280", "1280*720", "1080*1080", "1080*1920", "1920*1080", NULL
};

static void
wavespeed_task_clear (RushesFakeEnvelopeTask *task)
{
  WavespeedTask *wavespeed_task = (WavespeedTask *) task;

  g_clear_pointer (&wavespeed_task->created_at, g_date_time_unref);
}

static char *
random_hex (guint length)
{
  GString *text = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    g_string_append_c (text, "0123456789abcdef"[g_random_int_range (0, 16)]);

  return g_string_free (text, FALSE);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *format,
               ...) G_GNUC_PRINTF (3, 4);

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _rushes_fake_respond_envelope (msg, status, status, message, NULL, FALSE);
}

static JsonNode *
wavespeed_task_to_json (RushesFakeEnvelopeTask *task)
{
  WavespeedTask *wavespeed_task = (WavespeedTask *) task;
  RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (task->api);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created_at = g_date_time_format_iso8601 (wavespeed_task->created_at);
  g_autofree char *path = g_strdup_printf (RUSHES_FAKE_WAVESPEED_PREFIX "/predictions/%s/result", task->id);
  g_autofree char *get_url = _rushes_fake_provider_build_url (provider, path);
  gboolean completed = g_str_equal (task->status, "completed");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, task->id);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, task->model);

  json_builder_set_member_name (builder, "outputs");
  json_builder_begin_array (builder);
  if (completed)
    json_builder_add_string_value (builder, task->output_url);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "urls");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "get");
  json_builder_add_string_value (builder, get_url);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "has_nsfw_contents");
  json_builder_begin_array (builder);
  if (completed)
    json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, task->status);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at);

  json_builder_set_member_name (builder, "error");
  if (g_str_equal (task->status, "failed"))
    json_builder_add_string_value (builder, "The prompt was flagged by the content moderation system");
  else if (g_str_equal (task->status, "timeout"))
    json_builder_add_string_value (builder, "Task timed out");
  else
    json_builder_add_string_value (builder, "");

  if (g_str_equal (task->status, "failed") || g_str_equal (task->status, "timeout"))
    {
      int code = g_str_equal (task->status, "failed") ? 1200 : 5004;

      json_builder_set_member_name (builder, "code");
      if (task->variants)
        {
          g_autofree char *text = g_strdup_printf ("%d", code);

          json_builder_add_string_value (builder, text);
        }
      else
        json_builder_add_int_value (builder, code);
    }

  json_builder_set_member_name (builder, "timings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "inference");
  if (task->variants)
    json_builder_add_string_value (builder, completed ? G_STRINGIFY (INFERENCE_MS) : "0");
  else
    json_builder_add_int_value (builder, completed ? INFERENCE_MS : 0);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
wavespeed_task_finish (RushesFakeEnvelopeTask *task)
{
  WavespeedTask *wavespeed_task = (WavespeedTask *) task;

  switch (wavespeed_task->outcome)
    {
    case OUTCOME_COMPLETED:
      {
        RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (task->api);
        g_autofree char *name = g_strconcat ("ws-", task->id, ".mp4", NULL);
        guint64 size;

        task->output_url = _rushes_fake_provider_publish_output (provider, name, &size);
        task->status = "completed";
      }
      break;
    case OUTCOME_FAILED:
      task->status = "failed";
      break;
    case OUTCOME_CANCELLED:
      task->status = "cancelled";
      break;
    case OUTCOME_TIMEOUT:
      task->status = "timeout";
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_url (JsonNode *node)
{
  const char *text;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (node);
  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://");
}

static gboolean
is_integer_in (JsonNode     *node,
               const gint64 *values,
               gsize         n_values)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  for (gsize i = 0; i < n_values; i++)
    if (json_node_get_int (node) == values[i])
      return TRUE;

  return n_values == 0;
}

static gboolean
is_string_in (JsonNode           *node,
              const char * const *values)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strv_contains (values, json_node_get_string (node));
}

/* WaveSpeed's types: URLs for images, JSON integers for durations and
 * seeds, JSON booleans for switches; the Sora routes' documented values. */
static char *
wavespeed_validate (const char *model,
                    JsonObject *body)
{
  static const char * const image_fields[] = { "image", "last_image", "end_image", NULL };
  static const char * const integer_fields[] = { "duration", "seed", NULL };
  static const char * const boolean_fields[] = { "generate_audio", "sound", "enable_prompt_expansion", NULL };
  static const gint64 sora_durations[] = { 4, 8, 12 };
  JsonNode *prompt = json_object_get_member (body, "prompt");
  JsonNode *node;

  if (prompt == NULL || !JSON_NODE_HOLDS_VALUE (prompt) || json_node_get_value_type (prompt) != G_TYPE_STRING ||
      *json_node_get_string (prompt) == '\0')
    return g_strdup ("prompt is required");

  for (guint i = 0; image_fields[i] != NULL; i++)
    if ((node = json_object_get_member (body, image_fields[i])) != NULL && !is_url (node))
      return g_strdup_printf ("%s must be the URL of an image", image_fields[i]);
  for (guint i = 0; integer_fields[i] != NULL; i++)
    if ((node = json_object_get_member (body, integer_fields[i])) != NULL && !is_integer_in (node, NULL, 0))
      return g_strdup_printf ("%s must be an integer", integer_fields[i]);
  for (guint i = 0; boolean_fields[i] != NULL; i++)
    if ((node = json_object_get_member (body, boolean_fields[i])) != NULL &&
        (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
      return g_strdup_printf ("%s must be a boolean", boolean_fields[i]);

  if (g_str_equal (model, "openai/sora-2"))
    {
      static const char * const ratios[] = { "9:16", "16:9", NULL };

      if ((node = json_object_get_member (body, "aspect_ratio")) != NULL && !is_string_in (node, ratios))
        return g_strdup ("aspect_ratio must be one of 9:16, 16:9");
    }
  else if (g_str_equal (model, "openai/sora"))
    {
      if ((node = json_object_get_member (body, "size")) != NULL && !is_string_in (node, sora_sizes))
        return g_strdup ("size must be one of 480*480, 480*854, 854*480, 720*720, 720*1280, 1280*720, "
                         "1080*1080, 1080*1920, 1920*1080");
    }
  else if (g_str_equal (model, "openai/sora-2/text-to-video") || g_str_equal (model, "openai/sora-2/image-to-video"))
    {
      static const char * const sizes[] = { "720*1280", "1280*720", NULL };
      gboolean i2v = g_str_has_suffix (model, "/image-to-video");

      if ((node = json_object_get_member (body, "duration")) != NULL &&
          !is_integer_in (node, sora_durations, G_N_ELEMENTS (sora_durations)))
        return g_strdup ("duration must be one of 4, 8, 12");
      if (i2v && json_object_get_member (body, "image") == NULL)
        return g_strdup ("image is required");
      if (!i2v && (node = json_object_get_member (body, "size")) != NULL && !is_string_in (node, sizes))
        return g_strdup ("size must be one of 720*1280, 1280*720");
    }
  else if (g_str_has_suffix (model, "/image-to-video") && json_object_get_member (body, "image") == NULL)
    return g_strdup ("image is required");

  return NULL;
}

static void
wavespeed_submit (RushesFakeEnvelopeApi *api,
                  SoupServerMessage     *msg,
                  const char            *model)
{
  RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (api);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *error = NULL;
  WavespeedTask *task;

  root = _rushes_fake_request_parse_body (msg, &error);
  if (root == NULL || (error = wavespeed_validate (model, json_node_get_object (root))) != NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid parameter: %s", error);
      return;
    }

  task = _rushes_fake_envelope_api_add_task (api, random_hex (32), model, "created");
  task->created_at = g_date_time_new_now_utc ();
  if (_rushes_fake_provider_take_fault (provider, "task-failed"))
    task->outcome = OUTCOME_FAILED;
  else if (_rushes_fake_provider_take_fault (provider, "task-cancelled"))
    task->outcome = OUTCOME_CANCELLED;
  else if (_rushes_fake_provider_take_fault (provider, "task-timeout"))
    task->outcome = OUTCOME_TIMEOUT;

  _rushes_fake_respond_envelope (msg, SOUP_STATUS_OK, 200, "success", wavespeed_task_to_json (&task->parent),
                                 task->parent.variants);
}

static void
wavespeed_result (RushesFakeEnvelopeApi *api,
                  SoupServerMessage     *msg,
                  const char            *id)
{
  RushesFakeEnvelopeTask *task = _rushes_fake_envelope_api_lookup_task (api, id);

  if (task == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "Prediction %s not found", id);
      return;
    }

  _rushes_fake_respond_envelope (msg, SOUP_STATUS_OK, 200, "success", wavespeed_task_to_json (task), task->variants);
}

static void
wavespeed_upload (RushesFakeEnvelopeApi   *api,
                  SoupServerMessage       *msg,
                  const RushesFakeRequest *request)
{
  const RushesFakeField *file = _rushes_fake_request_get_field (request, "file");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  const char *dot;

  if (file == NULL || file->data == NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "file is required (multipart/form-data)");
      return;
    }

  id = random_hex (16);
  dot = strrchr (file->filename, '.');
  name = g_strconcat ("ws-upload-", id, dot != NULL && strlen (dot) <= 5 ? dot : "", NULL);
  g_strcanon (name, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS ".-", '_');
  url = _rushes_fake_provider_publish_bytes (_rushes_fake_envelope_api_get_provider (api), name, file->data,
                                             file->content_type != NULL ? file->content_type
                                                                        : "application/octet-stream");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "image");
  json_builder_set_member_name (builder, "download_url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, file->filename);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, g_bytes_get_size (file->data));
  json_builder_end_object (builder);

  _rushes_fake_respond_envelope (msg, SOUP_STATUS_OK, 200, "success", json_builder_get_root (builder), FALSE);
}

static void
wavespeed_route (RushesFakeEnvelopeApi   *api,
                 SoupServerMessage       *msg,
                 const RushesFakeRequest *request,
                 const char              *method,
                 const char              *path,
                 const char              *route,
                 GHashTable              *query)
{
  g_auto(GStrv) parts = g_strsplit (route, "/", -1);
  gboolean is_result = g_strv_length (parts) == 3 && g_str_equal (parts[0], "predictions") &&
                       g_str_equal (parts[2], "result");
  gboolean is_upload = g_str_equal (route, "media/upload/binary");
  RushesFakeEnvelopeCall call = RUSHES_FAKE_ENVELOPE_CALL_OTHER;

  /* Any other POST is a model's submit as far as faults go, even one
   * that names no model. */
  if (is_result && method == SOUP_METHOD_GET)
    call = RUSHES_FAKE_ENVELOPE_CALL_STATUS;
  else if (!is_result && !is_upload && method == SOUP_METHOD_POST)
    call = RUSHES_FAKE_ENVELOPE_CALL_SUBMIT;

  if (!_rushes_fake_envelope_api_admit (api, msg, request, call))
    return;

  if (call == RUSHES_FAKE_ENVELOPE_CALL_STATUS)
    wavespeed_result (api, msg, parts[1]);
  else if (is_upload && method == SOUP_METHOD_POST)
    wavespeed_upload (api, msg, request);
  else if (call == RUSHES_FAKE_ENVELOPE_CALL_SUBMIT && route[0] != '\0')
    wavespeed_submit (api, msg, route);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "No route for %s %s", method, path);
}

static const RushesFakeEnvelopeApiInfo wavespeed_info = {
  .prefix = RUSHES_FAKE_WAVESPEED_PREFIX,
  .unauthorized = "Unauthorized: invalid API key",
  .task_size = sizeof (WavespeedTask),
  .route = wavespeed_route,
  .finish = wavespeed_task_finish,
  .task_clear = wavespeed_task_clear,
};

RushesFakeEnvelopeApi *
_rushes_fake_wavespeed_new (RushesFakeProvider *provider)
{
  return _rushes_fake_envelope_api_new (provider, &wavespeed_info);
}
