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
#include "rushes-fake-wavespeed-catalog-private.h"
#include "rushes-fake-wavespeed-private.h"

#define INFERENCE_MS 41250
/* What output-file-url puts where the video's URL belongs. */
#define FILE_URL     "file:///etc/passwd"
/* Where the two-step upload's PUT goes: a bucket, not the API. */
#define STORAGE_PREFIX "/storage/wavespeed-media/"

typedef enum {
  OUTCOME_COMPLETED,
  OUTCOME_FAILED,
  OUTCOME_CANCELLED,
  OUTCOME_TIMEOUT,
  OUTCOME_DELETED,
} WavespeedOutcome;

/* An upload announced by POST /media/uploads, waiting for its PUT. */
typedef struct
{
  char   *id;
  char   *content_type;
  char   *token;                       /* the x-fake-upload-token header it must carry */
  char   *signature;                   /* the X-Amz-Signature its URL carries */
  char   *file;                        /* its name under /files/ once it arrived */
  gint64  size;
} WavespeedTicket;

typedef struct
{
  RushesFakeWavespeedCatalog *catalog;
  GHashTable                 *tickets;  /* id -> WavespeedTicket */
  gboolean                    strict;
} WavespeedState;

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
wavespeed_ticket_free (gpointer data)
{
  WavespeedTicket *ticket = data;

  g_free (ticket->id);
  g_free (ticket->content_type);
  g_free (ticket->token);
  g_free (ticket->signature);
  g_free (ticket->file);
  g_free (ticket);
}

static void
wavespeed_state_free (gpointer data)
{
  WavespeedState *state = data;

  _rushes_fake_wavespeed_catalog_free (state->catalog);
  g_hash_table_unref (state->tickets);
  g_free (state);
}

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

/* HTTP 400 with one of the codes WaveSpeed documents for parameters. */
static void
respond_refused (SoupServerMessage *msg,
                 int                code,
                 const char        *message)
{
  _rushes_fake_respond_envelope (msg, SOUP_STATUS_BAD_REQUEST, code, message, NULL, FALSE);
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
  if (g_str_equal (task->status, "failed") && task->hostile)
    json_builder_add_string_value (builder, _rushes_fake_hostile_text ());
  else if (g_str_equal (task->status, "failed"))
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

        /* A client must fetch http(s) outputs only. */
        if (task->file_url)
          task->output_url = g_strdup (FILE_URL);
        else
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
    case OUTCOME_DELETED:
      task->status = "deleted";
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
  WavespeedState *state = _rushes_fake_envelope_api_get_data (api);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *error = NULL;
  WavespeedTask *task;
  int code;

  root = _rushes_fake_request_parse_body (msg, &error);
  if (root == NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid parameter: %s", error);
      return;
    }

  /* A model with a published schema is held to it; others (the retired
   * Sora routes among them) to the checks every model shares. */
  if (_rushes_fake_wavespeed_catalog_has_schema (state->catalog, model))
    {
      error = _rushes_fake_wavespeed_catalog_check (state->catalog, model, json_node_get_object (root),
                                                     state->strict, TRUE, &code);
      if (error != NULL)
        {
          respond_refused (msg, code, error);
          return;
        }
    }
  else if ((error = wavespeed_validate (model, json_node_get_object (root))) != NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid parameter: %s", error);
      return;
    }

  task = _rushes_fake_envelope_api_add_task (api, random_hex (32), model, "created");
  task->created_at = g_date_time_new_now_utc ();
  if (task->parent.hostile || _rushes_fake_provider_take_fault (provider, "task-failed"))
    task->outcome = OUTCOME_FAILED;
  else if (_rushes_fake_provider_take_fault (provider, "task-cancelled"))
    task->outcome = OUTCOME_CANCELLED;
  else if (_rushes_fake_provider_take_fault (provider, "task-timeout"))
    task->outcome = OUTCOME_TIMEOUT;
  else if (_rushes_fake_provider_take_fault (provider, "task-deleted"))
    task->outcome = OUTCOME_DELETED;

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
wavespeed_models (RushesFakeEnvelopeApi *api,
                  SoupServerMessage     *msg)
{
  WavespeedState *state = _rushes_fake_envelope_api_get_data (api);

  _rushes_fake_respond_envelope_text (msg, SOUP_STATUS_OK, 200, "success",
                                      _rushes_fake_wavespeed_catalog_get_models_text (state->catalog));
}

/* POST /model/price {model_id, inputs}: the price of one run with these
 * inputs; partial inputs are priced at the schema's defaults. */
static void
wavespeed_price (RushesFakeEnvelopeApi *api,
                 SoupServerMessage     *msg)
{
  WavespeedState *state = _rushes_fake_envelope_api_get_data (api);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonNode) id_node = NULL;
  g_autofree char *error = NULL;
  g_autofree char *quoted_id = NULL;
  g_autofree char *price_text = NULL;
  g_autofree char *discounted_text = NULL;
  g_autofree char *data = NULL;
  JsonObject *body;
  JsonNode *inputs;
  const char *model_id;
  double price;
  double discounted;
  int code;

  root = _rushes_fake_request_parse_body (msg, &error);
  if (root == NULL)
    {
      respond_refused (msg, RUSHES_FAKE_WAVESPEED_INVALID_PARAMETER, error);
      return;
    }
  body = json_node_get_object (root);
  model_id = json_object_get_string_member_with_default (body, "model_id", NULL);
  inputs = json_object_get_member (body, "inputs");
  if (model_id == NULL || *model_id == '\0')
    {
      respond_refused (msg, RUSHES_FAKE_WAVESPEED_MISSING_PARAMETER, "Invalid request body: field \"model_id\" is required");
      return;
    }
  if (inputs != NULL && !JSON_NODE_HOLDS_OBJECT (inputs))
    {
      respond_refused (msg, RUSHES_FAKE_WAVESPEED_INVALID_PARAMETER, "Invalid request body: field \"inputs\" must be an object");
      return;
    }
  if (!_rushes_fake_wavespeed_catalog_lists (state->catalog, model_id))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "Model %s not found", model_id);
      return;
    }

  error = _rushes_fake_wavespeed_catalog_check (state->catalog, model_id,
                                                 inputs != NULL ? json_node_get_object (inputs) : empty,
                                                 state->strict, FALSE, &code);
  if (error != NULL)
    {
      respond_refused (msg, code, error);
      return;
    }

  _rushes_fake_wavespeed_catalog_price (state->catalog, model_id,
                                        inputs != NULL ? json_node_get_object (inputs) : empty,
                                        &price, &discounted);
  id_node = json_node_init_string (json_node_alloc (), model_id);
  quoted_id = json_to_string (id_node, FALSE);
  price_text = _rushes_fake_format_number (price);
  discounted_text = _rushes_fake_format_number (discounted);
  data = g_strdup_printf ("{\"model_id\":%s,\"price\":%s,\"discounted_price\":%s,\"currency\":\"USD\"}",
                          quoted_id, price_text, discounted_text);
  _rushes_fake_respond_envelope_text (msg, SOUP_STATUS_OK, 200, "success", data);
}

/* GET /balance: {"balance": USD}, as the official CLI reads it. */
static void
wavespeed_balance (RushesFakeEnvelopeApi *api,
                   SoupServerMessage     *msg)
{
  RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (api);
  g_autofree char *balance = _rushes_fake_format_number (_rushes_fake_provider_get_balance (provider, "wavespeed"));
  g_autofree char *data = NULL;

  if (_rushes_fake_provider_take_fault (provider, "wavespeed-balance-garbage"))
    {
      _rushes_fake_respond_envelope_text (msg, SOUP_STATUS_OK, 200, "success", "{\"balance\":\"NaN\"}");
      return;
    }

  data = g_strdup_printf ("{\"balance\":%s}", balance);
  _rushes_fake_respond_envelope_text (msg, SOUP_STATUS_OK, 200, "success", data);
}

static char *
build_storage_url (RushesFakeProvider    *provider,
                   const WavespeedTicket *ticket,
                   const char            *name)
{
  g_autofree char *path = g_strdup_printf (STORAGE_PREFIX "%s/%s?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                                           "&X-Amz-Credential=FAKEKEY%%2F20260101%%2Fus-east-1%%2Fs3%%2Faws4_request"
                                           "&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%%3Bhost%%3Bx-fake-upload-token"
                                           "&X-Amz-Signature=%s",
                                           ticket->id, name, ticket->signature);

  return _rushes_fake_provider_build_url (provider, path);
}

/* POST /media/uploads {filename, size, content_type?}: the first step of
 * the SDK's upload. The bytes go to data.upload.url, with exactly
 * data.upload.headers and no credentials; data.download_url serves them
 * once they arrived. */
static void
wavespeed_upload_ticket (RushesFakeEnvelopeApi *api,
                         SoupServerMessage     *msg)
{
  WavespeedState *state = _rushes_fake_envelope_api_get_data (api);
  RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (api);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *download_path = NULL;
  g_autofree char *download_url = NULL;
  WavespeedTicket *ticket;
  JsonObject *body;
  JsonNode *filename;
  JsonNode *size;
  JsonNode *content_type;

  root = _rushes_fake_request_parse_body (msg, &error);
  if (root == NULL)
    {
      respond_refused (msg, RUSHES_FAKE_WAVESPEED_INVALID_PARAMETER, error);
      return;
    }
  body = json_node_get_object (root);
  filename = json_object_get_member (body, "filename");
  size = json_object_get_member (body, "size");
  content_type = json_object_get_member (body, "content_type");
  if (filename == NULL || !JSON_NODE_HOLDS_VALUE (filename) || json_node_get_value_type (filename) != G_TYPE_STRING ||
      *json_node_get_string (filename) == '\0')
    {
      respond_refused (msg, RUSHES_FAKE_WAVESPEED_MISSING_PARAMETER, "Invalid request body: field \"filename\" is required");
      return;
    }
  if (size == NULL || !JSON_NODE_HOLDS_VALUE (size) || json_node_get_value_type (size) != G_TYPE_INT64 ||
      json_node_get_int (size) < 0)
    {
      respond_refused (msg, RUSHES_FAKE_WAVESPEED_INVALID_PARAMETER,
                       "Invalid request body: field \"size\" must be an integer of bytes");
      return;
    }
  if (content_type != NULL &&
      (!JSON_NODE_HOLDS_VALUE (content_type) || json_node_get_value_type (content_type) != G_TYPE_STRING))
    {
      respond_refused (msg, RUSHES_FAKE_WAVESPEED_INVALID_PARAMETER,
                       "Invalid request body: field \"content_type\" must be a string");
      return;
    }

  ticket = g_new0 (WavespeedTicket, 1);
  ticket->id = random_hex (32);
  ticket->content_type = g_strdup (content_type != NULL ? json_node_get_string (content_type)
                                                        : "application/octet-stream");
  ticket->token = random_hex (24);
  ticket->signature = random_hex (64);
  ticket->size = json_node_get_int (size);
  name = g_strdup (json_node_get_string (filename));
  g_strcanon (name, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "._-", '_');
  ticket->file = g_strdup_printf ("ws-media-%s-%s", ticket->id, name);
  g_hash_table_insert (state->tickets, ticket->id, ticket);

  url = build_storage_url (provider, ticket, name);
  download_path = g_strconcat ("/files/", ticket->file, NULL);
  download_url = _rushes_fake_provider_build_url (provider, download_path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "upload");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, "PUT");
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Content-Type");
  json_builder_add_string_value (builder, ticket->content_type);
  json_builder_set_member_name (builder, "x-fake-upload-token");
  json_builder_add_string_value (builder, ticket->token);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "download_url");
  json_builder_add_string_value (builder, download_url);
  json_builder_end_object (builder);

  _rushes_fake_respond_envelope (msg, SOUP_STATUS_OK, 200, "success", json_builder_get_root (builder), FALSE);
}

/* What an S3-style bucket answers a PUT it refuses. */
static void
respond_storage_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *code,
                       const char        *message)
{
  g_autofree char *text = g_markup_printf_escaped ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                                   "<Error><Code>%s</Code><Message>%s</Message></Error>\n",
                                                   code, message);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/xml", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
storage_handler_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  RushesFakeEnvelopeApi *api = user_data;
  WavespeedState *state = _rushes_fake_envelope_api_get_data (api);
  RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (api);
  const RushesFakeRequest *request = _rushes_fake_provider_record (provider, msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *md5 = NULL;
  g_autofree char *etag = NULL;
  g_auto(GStrv) parts = NULL;
  WavespeedTicket *ticket = NULL;
  const char *signature = query != NULL ? g_hash_table_lookup (query, "X-Amz-Signature") : NULL;

  if (g_str_has_prefix (path, STORAGE_PREFIX))
    {
      parts = g_strsplit (path + strlen (STORAGE_PREFIX), "/", 2);
      ticket = g_hash_table_lookup (state->tickets, parts[0]);
    }

  if (soup_server_message_get_method (msg) != SOUP_METHOD_PUT)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "PUT");
      respond_storage_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "MethodNotAllowed",
                             "The specified method is not allowed against this resource.");
    }
  else if (ticket == NULL)
    respond_storage_error (msg, SOUP_STATUS_NOT_FOUND, "NoSuchUpload", "The specified upload does not exist.");
  /* The URL is signed already: an API key on top is refused, and would leak. */
  else if (g_hash_table_contains (request->headers, "authorization"))
    respond_storage_error (msg, SOUP_STATUS_BAD_REQUEST, "InvalidArgument",
                           "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                           "Signature query string parameter or the Authorization header should be specified");
  else if (g_strcmp0 (signature, ticket->signature) != 0 ||
           g_strcmp0 (g_hash_table_lookup (request->headers, "x-fake-upload-token"), ticket->token) != 0 ||
           g_strcmp0 (soup_message_headers_get_one (headers, "Content-Type"), ticket->content_type) != 0)
    respond_storage_error (msg, SOUP_STATUS_FORBIDDEN, "SignatureDoesNotMatch",
                           "The request signature we calculated does not match the signature you provided.");
  else
    {
      body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      if ((gint64) g_bytes_get_size (body) != ticket->size)
        {
          respond_storage_error (msg, SOUP_STATUS_BAD_REQUEST, "IncompleteBody",
                                 "You did not provide the number of bytes the upload was announced with.");
          return;
        }

      url = _rushes_fake_provider_publish_bytes (provider, ticket->file, body, ticket->content_type);
      md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, body);
      etag = g_strdup_printf ("\"%s\"", md5);
      g_debug ("Stored %s", url);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
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
  RushesFakeProvider *provider = _rushes_fake_envelope_api_get_provider (api);
  g_auto(GStrv) parts = g_strsplit (route, "/", -1);
  gboolean is_result = g_strv_length (parts) == 3 && g_str_equal (parts[0], "predictions") &&
                       g_str_equal (parts[2], "result");
  gboolean is_upload = g_str_equal (route, "media/upload/binary");
  gboolean is_ticket = g_str_equal (route, "media/uploads");
  gboolean is_price = g_str_equal (route, "model/price") || g_str_equal (route, "model/pricing");
  gboolean is_catalog = g_str_equal (route, "models");
  gboolean is_balance = g_str_equal (route, "balance");
  RushesFakeEnvelopeCall call = RUSHES_FAKE_ENVELOPE_CALL_OTHER;

  /* Any other POST is a model's submit as far as faults go, even one
   * that names no model. */
  if (is_result && method == SOUP_METHOD_GET)
    call = RUSHES_FAKE_ENVELOPE_CALL_STATUS;
  else if (!is_result && !is_upload && !is_ticket && !is_price && method == SOUP_METHOD_POST)
    call = RUSHES_FAKE_ENVELOPE_CALL_SUBMIT;

  /* A server that retired the route, or an account the key no longer opens. */
  if ((is_upload && _rushes_fake_provider_take_fault (provider, "multipart-upload-gone")) ||
      (is_ticket && _rushes_fake_provider_take_fault (provider, "two-step-upload-gone")))
    {
      _rushes_fake_respond_envelope (msg, SOUP_STATUS_NOT_FOUND, 404, "Not Found", NULL, FALSE);
      return;
    }
  if (is_balance && method == SOUP_METHOD_GET && _rushes_fake_provider_take_fault (provider, "wavespeed-balance-401"))
    {
      _rushes_fake_respond_envelope (msg, SOUP_STATUS_UNAUTHORIZED, 401, "Unauthorized: invalid API key", NULL, FALSE);
      return;
    }

  if (!_rushes_fake_envelope_api_admit (api, msg, request, call))
    return;

  if (call == RUSHES_FAKE_ENVELOPE_CALL_STATUS)
    wavespeed_result (api, msg, parts[1]);
  else if (is_upload && method == SOUP_METHOD_POST)
    wavespeed_upload (api, msg, request);
  else if (is_ticket && method == SOUP_METHOD_POST)
    wavespeed_upload_ticket (api, msg);
  else if (is_price && method == SOUP_METHOD_POST)
    wavespeed_price (api, msg);
  else if (is_catalog && method == SOUP_METHOD_GET)
    wavespeed_models (api, msg);
  else if (is_balance && method == SOUP_METHOD_GET)
    wavespeed_balance (api, msg);
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
  RushesFakeEnvelopeApi *api = _rushes_fake_envelope_api_new (provider, &wavespeed_info);
  WavespeedState *state = g_new0 (WavespeedState, 1);

  state->catalog = _rushes_fake_wavespeed_catalog_new ();
  state->tickets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, wavespeed_ticket_free);
  state->strict = TRUE;
  _rushes_fake_envelope_api_set_data (api, state, wavespeed_state_free);

  return api;
}

void
_rushes_fake_wavespeed_set_strict (RushesFakeEnvelopeApi *api,
                                   gboolean               strict)
{
  WavespeedState *state = _rushes_fake_envelope_api_get_data (api);

  state->strict = strict;
}

/* The bucket the two-step upload PUTs to: same port, outside the API. */
void
_rushes_fake_wavespeed_add_storage_handler (RushesFakeEnvelopeApi *api,
                                            SoupServer            *server)
{
  soup_server_add_handler (server, "/storage", storage_handler_cb, api, NULL);
}
