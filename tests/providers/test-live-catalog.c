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

/* Live catalogs without the network: Wiro's Tool/Detail and WaveSpeed's
 * /models (the fake provider's own catalog files, and hand-made variants)
 * as catalog entries; their merge with built-in entries; their prices;
 * their cache. */

#include "config.h"

#include <glib/gstdio.h>

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-test-async.h"
#include "rushes-model-private.h"
#include "rushes-wavespeed-provider-private.h"
#include "rushes-wiro-provider-private.h"

static JsonNode *
load_fake_catalog (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fake-provider", "catalog", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  root = rushes_json_parse (text, length, RUSHES_JSON_MAX_LISTING, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return root;
}

/* The fake's Tool/Detail object of a Wiro model, to change at will. */
static JsonObject *
wiro_tool (JsonNode   *tools,
           const char *owner,
           const char *project)
{
  JsonArray *array = json_node_get_array (tools);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *tool = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (tool, "cleanslugowner"), owner) &&
          g_str_equal (json_object_get_string_member (tool, "cleanslugproject"), project))
        return tool;
    }

  g_assert_not_reached ();
}

static void
dump (JsonNode *entry)
{
  if (g_getenv ("RUSHES_TEST_DUMP") != NULL)
    {
      g_autofree char *text = json_to_string (entry, TRUE);

      g_printerr ("%s\n", text);
    }
}

static RushesModel *
model_from_entry (JsonNode *entry)
{
  g_autoptr(GError) error = NULL;
  RushesModel *model;

  dump (entry);
  model = _rushes_model_new_from_json (entry, "live", &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static RushesModel *
wiro_model (JsonObject *tool)
{
  g_autoptr(JsonNode) entry = _rushes_wiro_tool_to_entry (tool);

  g_assert_nonnull (entry);
  return model_from_entry (entry);
}

/* Every video tool of the fake's catalog makes a usable entry; the others none. */
static JsonArray *
wavespeed_entries (void)
{
  g_autoptr(JsonNode) models = load_fake_catalog ("wavespeed-models.json");

  return _rushes_wavespeed_models_to_entries (json_node_get_array (models));
}

static RushesModel *
find_entry (JsonArray  *entries,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *entry = json_array_get_element (entries, i);

      if (g_str_equal (json_object_get_string_member (json_node_get_object (entry), "id"), id))
        return model_from_entry (entry);
    }

  g_assert_not_reached ();
}

/* Video models only, each pair of routes as one model. */
static void
test_wavespeed_catalog (void)
{
  g_autoptr(JsonArray) entries = wavespeed_entries ();
  const char * const ids[] = {
    "wavespeed/google/veo3.1-fast", "wavespeed/google/veo3.1", "wavespeed/bytedance/seedance-v1.5-pro",
    "wavespeed/bytedance/seedance-v1.5-pro/image-to-video-fast", "wavespeed/alibaba/wan-2.6",
    "wavespeed/kwaivgi/kling-v3.0-pro", "wavespeed/minimax/hailuo-2.3/t2v-standard",
    "wavespeed/minimax/hailuo-2.3/i2v-standard", NULL
  };

  g_assert_cmpuint (json_array_get_length (entries), ==, g_strv_length ((char **) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(RushesModel) model = find_entry (entries, ids[i]);

      g_assert_cmpstr (rushes_model_get_id (model), ==, ids[i]);
    }
}

/* Every video tool of the fake's catalog makes a usable entry; the others none. */
static void
test_wiro_catalog (void)
{
  g_autoptr(JsonNode) tools = load_fake_catalog ("wiro-tools.json");
  JsonArray *array = json_node_get_array (tools);
  guint video = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *tool = json_array_get_object_element (array, i);
      g_autoptr(JsonNode) entry = _rushes_wiro_tool_to_entry (tool);
      g_autoptr(RushesModel) model = NULL;
      g_autofree char *id = NULL;

      if (entry == NULL)
        continue;
      video++;
      model = model_from_entry (entry);
      id = g_strdup_printf ("wiro/%s/%s", json_object_get_string_member (tool, "cleanslugowner"),
                            json_object_get_string_member (tool, "cleanslugproject"));
      g_assert_cmpstr (rushes_model_get_id (model), ==, id);
      g_assert_true (rushes_model_get_available (model));
      g_assert_cmpstr (rushes_model_get_control_label (model, "prompt"), ==, "Prompt");
      g_assert_false (rushes_model_control_is_generic (model, "prompt"));
    }

  /* Seedream (images) and Video Merge are not video models. */
  g_assert_cmpuint (video, ==, 9);
}

static JsonObject *
tool_new (const char *items_json)
{
  g_autofree char *text = g_strdup_printf ("{\"id\": \"1\", \"title\": \"Test Model\", \"slugowner\": \"Test\", "
                                           "\"slugproject\": \"Model 1.5\", "
                                           "\"categories\": \"[\\\"tool\\\",\\\"text-to-video\\\",\\\"image-to-video\\\"]\", "
                                           "\"parameters\": [{\"title\": \"Input\", \"items\": %s}]}", items_json);
  g_autoptr(JsonNode) node = rushes_json_parse (text, strlen (text), RUSHES_JSON_MAX_ANSWER, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

/* Each item type Wiro documents, and one it does not: what control each
 * becomes, with the schema's label, description, values, range and
 * default, and what travels. */
static void
test_wiro_types (void)
{
  g_autoptr(JsonObject) tool = tool_new (
    "[{\"id\": \"prompt\", \"type\": \"textarea\", \"label\": \"Prompt\", \"required\": \"true\"},"
    " {\"id\": \"style\", \"type\": \"text\", \"label\": \"Style\", \"note\": \"A word or two.\"},"
    " {\"id\": \"inputImage\", \"type\": \"fileinput\", \"label\": \"First Frame\"},"
    " {\"id\": \"inputImageLastUrl\", \"type\": \"text\", \"label\": \"Last Frame URL\"},"
    " {\"id\": \"refs\", \"type\": \"multifileinput\", \"label\": \"References\"},"
    " {\"id\": \"extra\", \"type\": \"combinefileinput\", \"label\": \"Extra\", \"maxcount\": 3},"
    " {\"id\": \"quality\", \"type\": \"select\", \"label\": \"Quality\", \"default\": 2,"
    "  \"options\": [{\"label\": \"Draft\", \"value\": 1}, {\"label\": \"Final\", \"value\": \"2\"}]},"
    " {\"id\": \"loop\", \"type\": \"select\", \"label\": \"Loop\", \"default\": false,"
    "  \"options\": [{\"label\": \"Yes\", \"value\": \"true\"}, {\"label\": \"No\", \"value\": \"false\"}]},"
    " {\"id\": \"steps\", \"type\": \"range\", \"label\": \"Steps\", \"min\": 10, \"max\": 50, \"step\": 5, \"default\": \"30\"},"
    " {\"id\": \"scale\", \"type\": \"range\", \"label\": \"Scale\", \"min\": 0, \"max\": 1, \"step\": 0.1, \"default\": \"0.5\"},"
    " {\"id\": \"strength\", \"type\": \"float\", \"label\": \"Strength\"},"
    " {\"id\": \"seed\", \"type\": \"number\", \"label\": \"Seed\", \"default\": -1},"
    " {\"id\": \"sound\", \"type\": \"select\", \"label\": \"Sound\", \"required\": true, \"default\": \"off\","
    "  \"options\": [{\"label\": \"On\", \"value\": \"on\"}, {\"label\": \"Off\", \"value\": \"off\"}]},"
    " {\"id\": \"camerafixed\", \"type\": \"checkbox\", \"label\": \"Fixed Camera\"}]");
  g_autoptr(RushesModel) model = wiro_model (tool);
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const char * const quality[] = { "1", "2", NULL };
  double min, max, step;

  /* Clean slugs, the raw owner as the vendor, the categories as a string. */
  g_assert_cmpstr (rushes_model_get_id (model), ==, "wiro/test/model-1-5");
  g_assert_cmpstr (rushes_model_get_vendor (model), ==, "Test");
  g_assert_true (rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO));

  g_assert_cmpint (rushes_model_get_control_kind (model, "style"), ==, RUSHES_CONTROL_KIND_TEXT);
  g_assert_true (rushes_model_control_is_generic (model, "style"));
  g_assert_cmpstr (rushes_model_get_control_label (model, "style"), ==, "Style");
  g_assert_cmpstr (rushes_model_get_control_description (model, "style"), ==, "A word or two.");

  /* Images: a file input takes files and URLs, a "…Url" text field URLs only. */
  g_assert_true (rushes_model_accepts_image_source (model, "image", FALSE));
  g_assert_true (rushes_model_accepts_image_source (model, "image", TRUE));
  g_assert_false (rushes_model_accepts_image_source (model, "end_image", FALSE));
  g_assert_true (rushes_model_accepts_image_source (model, "end_image", TRUE));

  /* Several files, and a type nobody documents, are left out. */
  g_assert_false (rushes_model_has_control (model, "refs"));
  g_assert_false (rushes_model_has_control (model, "extra"));
  g_assert_false (rushes_model_has_control (model, "camerafixed"));

  /* A select: a choice of its values (as strings), with their labels and
   * a default given as a number; "true"/"false" options: a switch. */
  g_assert_cmpint (rushes_model_get_control_kind (model, "quality"), ==, RUSHES_CONTROL_KIND_CHOICE);
  g_assert_cmpstrv (rushes_model_get_allowed_values (model, "quality"), quality);
  g_assert_cmpstr (rushes_model_get_value_label (model, "quality", "1"), ==, "Draft");
  g_assert_cmpstr (rushes_model_get_default_value (model, "quality"), ==, "2");
  g_assert_cmpint (rushes_model_get_control_kind (model, "loop"), ==, RUSHES_CONTROL_KIND_BOOLEAN);
  g_assert_cmpstr (rushes_model_get_default_value (model, "loop"), ==, "false");

  /* Ranges: whole numbers or fractions, with their step. */
  g_assert_cmpint (rushes_model_get_control_kind (model, "steps"), ==, RUSHES_CONTROL_KIND_INTEGER);
  g_assert_true (rushes_model_get_number_range (model, "steps", &min, &max, &step));
  g_assert_cmpfloat (min, ==, 10);
  g_assert_cmpfloat (max, ==, 50);
  g_assert_cmpfloat (step, ==, 5);
  g_assert_cmpint (rushes_model_get_control_kind (model, "scale"), ==, RUSHES_CONTROL_KIND_NUMBER);
  g_assert_true (rushes_model_get_number_range (model, "scale", &min, &max, &step));
  g_assert_cmpfloat_with_epsilon (step, 0.1, 1e-9);
  g_assert_cmpstr (rushes_model_get_default_value (model, "scale"), ==, "0.5");
  g_assert_cmpint (rushes_model_get_control_kind (model, "strength"), ==, RUSHES_CONTROL_KIND_NUMBER);
  g_assert_cmpint (rushes_model_get_control_kind (model, "seed"), ==, RUSHES_CONTROL_KIND_INTEGER);
  g_assert_false (rushes_model_control_is_generic (model, "seed"));

  /* "on"/"off" is the audio switch, required and off by default. */
  g_assert_cmpint (rushes_model_get_control_kind (model, "audio"), ==, RUSHES_CONTROL_KIND_BOOLEAN);
  g_assert_true (rushes_model_get_control_required (model, "audio"));
  g_assert_cmpstr (rushes_model_get_default_value (model, "audio"), ==, "false");

  /* Everything travels as Wiro's form text, under the schema's own names. */
  rushes_generation_params_set_prompt (params, "A fox");
  g_assert_true (rushes_generation_params_set_value (params, "audio", "on", NULL));
  g_assert_true (rushes_generation_params_set_value (params, "scale", "0.7", NULL));
  g_assert_true (rushes_generation_params_set_value (params, "steps", "45", NULL));
  g_assert_true (rushes_model_validate (model, params, &error));
  g_assert_no_error (error);
  complete = rushes_model_complete_params (model, params);
  request = _rushes_model_build_request (model, complete, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->path, ==, "test/model-1-5");
  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i);

      g_assert_true (JSON_NODE_HOLDS_VALUE (field->value));
      g_assert_cmpint (json_node_get_value_type (field->value), ==, G_TYPE_STRING);
      if (g_str_equal (field->field, "sound"))
        g_assert_cmpstr (json_node_get_string (field->value), ==, "on");
      else if (g_str_equal (field->field, "scale"))
        g_assert_cmpstr (json_node_get_string (field->value), ==, "0.7");
      else if (g_str_equal (field->field, "loop"))
        g_assert_cmpstr (json_node_get_string (field->value), ==, "false");
      else if (g_str_equal (field->field, "quality"))
        g_assert_cmpstr (json_node_get_string (field->value), ==, "2");
    }

  /* A value the schema does not offer is refused, naming those it does. */
  g_assert_true (rushes_generation_params_set_value (params, "quality", "3", NULL));
  g_assert_false (rushes_model_validate (model, params, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_cmpstr (rushes_error_get_control (error), ==, "quality");
  g_assert_nonnull (strstr (error->message, "1 or 2"));
}

/* WaveSpeed's fields go as its schema types them. */
static void
test_wavespeed_types (void)
{
  g_autoptr(JsonArray) entries = wavespeed_entries ();
  g_autoptr(RushesModel) kling = find_entry (entries, "wavespeed/kwaivgi/kling-v3.0-pro");
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  rushes_generation_params_set_prompt (params, "A fox");
  g_assert_true (rushes_generation_params_set_value (params, "image", "https://example.com/a.png", NULL));
  g_assert_true (rushes_generation_params_set_value (params, "duration", "7", NULL));
  g_assert_true (rushes_generation_params_set_value (params, "audio", "true", NULL));
  g_assert_true (rushes_generation_params_set_value (params, "cfg_scale", "0.25", NULL));
  rushes_model_validate (kling, params, &error);
  g_assert_no_error (error);
  complete = rushes_model_complete_params (kling, params);
  request = _rushes_model_build_request (kling, complete, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->path, ==, "kwaivgi/kling-v3.0-pro/image-to-video");

  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i);

      if (g_str_equal (field->field, "duration"))
        {
          g_assert_cmpint (json_node_get_value_type (field->value), ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_int (field->value), ==, 7);
          checked++;
        }
      else if (g_str_equal (field->field, "sound"))
        {
          g_assert_cmpint (json_node_get_value_type (field->value), ==, G_TYPE_BOOLEAN);
          g_assert_true (json_node_get_boolean (field->value));
          checked++;
        }
      else if (g_str_equal (field->field, "cfg_scale"))
        {
          g_assert_cmpint (json_node_get_value_type (field->value), ==, G_TYPE_DOUBLE);
          g_assert_cmpfloat_with_epsilon (json_node_get_double (field->value), 0.25, 1e-9);
          checked++;
        }
      else
        g_assert_cmpstr (field->field, !=, "aspect_ratio");
    }
  g_assert_cmpuint (checked, ==, 3);
}

/* Two routes, one model: a path by mode, the image in image-to-video
 * only, settings one route lacks in the other's mode only, and values one
 * route lacks refused in its mode. */
static void
test_wavespeed_pairs (void)
{
  static const char listing[] =
    "[{\"model_id\": \"acme/clip-2/text-to-video\", \"name\": \"Acme Clip 2 Text-to-Video\", \"type\": \"text-to-video\","
    "  \"base_price\": 0.3, \"api_schema\": {\"api_schemas\": [{\"request_schema\": {\"type\": \"object\","
    "  \"required\": [\"prompt\"], \"properties\": {\"prompt\": {\"type\": \"string\"},"
    "  \"duration\": {\"type\": \"integer\", \"enum\": [4, 6, 8], \"default\": 4},"
    "  \"size\": {\"type\": \"string\", \"enum\": [\"1280*720\", \"720*1280\"], \"default\": \"1280*720\"}}}}]}},"
    " {\"model_id\": \"acme/clip-2/image-to-video\", \"name\": \"Acme Clip 2 Image-to-Video\", \"type\": \"image-to-video\","
    "  \"base_price\": 0.5, \"api_schema\": {\"components\": {\"schemas\": {\"Request\": {\"type\": \"object\","
    "  \"required\": [\"prompt\", \"image\"], \"properties\": {\"prompt\": {\"type\": \"string\"},"
    "  \"image\": {\"type\": \"string\", \"x-ui-component\": \"uploader\", \"x-accept\": \"image/png\"},"
    "  \"duration\": {\"type\": \"integer\", \"enum\": [4, 8], \"default\": 4}}}}}}},"
    " {\"model_id\": \"acme/upscaler\", \"type\": \"upscale-video\", \"api_schema\": {}}]";
  g_autoptr(JsonNode) root = rushes_json_parse (listing, strlen (listing), RUSHES_JSON_MAX_LISTING, NULL);
  g_autoptr(JsonArray) entries = _rushes_wavespeed_models_to_entries (json_node_get_array (root));
  g_autoptr(RushesModel) model = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char * const sizes[] = { "720p", NULL };
  const char * const ratios[] = { "16:9", "9:16", NULL };
  double usd;

  /* The upscaler is no video model of Rushes'. */
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  model = find_entry (entries, "wavespeed/acme/clip-2");
  g_assert_cmpstr (rushes_model_get_name (model), ==, "Acme Clip 2");
  g_assert_cmpstr (rushes_model_get_vendor (model), ==, "acme");
  g_assert_true (rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO));
  g_assert_true (rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO));
  g_assert_true (rushes_model_control_supports_mode (model, "image", RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO));
  g_assert_true (rushes_model_accepts_image_source (model, "image", FALSE));

  /* The W*H size is a resolution and an aspect ratio, in text-to-video only. */
  g_assert_cmpstrv (rushes_model_get_allowed_values (model, "resolution"), sizes);
  g_assert_cmpstrv (rushes_model_get_allowed_values (model, "aspect_ratio"), ratios);
  g_assert_true (rushes_model_control_supports_mode (model, "aspect_ratio", RUSHES_GENERATION_MODE_TEXT_TO_VIDEO));
  g_assert_false (rushes_model_control_supports_mode (model, "aspect_ratio", RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO));

  rushes_generation_params_set_prompt (params, "A fox");
  g_assert_true (rushes_generation_params_set_value (params, "aspect_ratio", "9:16", NULL));
  g_assert_true (rushes_generation_params_set_value (params, "duration", "6", NULL));
  g_assert_true (rushes_model_validate (model, params, &error));
  g_assert_no_error (error);
  complete = rushes_model_complete_params (model, params);
  request = _rushes_model_build_request (model, complete, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->path, ==, "acme/clip-2/text-to-video");
  body = _rushes_wire_request_to_json (request, &error);
  text = json_to_string (body, FALSE);
  g_assert_cmpstr (text, ==, "{\"prompt\":\"A fox\",\"duration\":6,\"size\":\"720*1280\"}");

  /* 6 s is the text-to-video route's only: with a start image it is refused. */
  g_assert_true (rushes_generation_params_set_value (params, "aspect_ratio", NULL, NULL));
  g_assert_true (rushes_generation_params_set_value (params, "image", "https://example.com/a.png", NULL));
  g_assert_false (rushes_model_validate (model, params, &error));
  g_assert_cmpstr (rushes_error_get_control (error), ==, "duration");
  g_clear_error (&error);
  g_assert_true (rushes_generation_params_set_value (params, "duration", "8", NULL));
  g_assert_true (rushes_model_validate (model, params, &error));
  g_assert_no_error (error);

  /* Each route's base price, for its mode. */
  g_assert_true (rushes_model_estimate_cost_full (model, params, &usd, NULL));
  g_assert_cmpfloat_with_epsilon (usd, 0.5, 1e-9);
}

/* The cache of the fake's Wiro listing, as a refresh writes it. */
static GBytes *
wiro_cache (JsonNode   *tools,
            GDateTime  *fetched_at)
{
  g_autoptr(JsonArray) entries = json_array_new ();
  JsonArray *array = json_node_get_array (tools);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = _rushes_wiro_tool_to_entry (json_array_get_object_element (array, i));

      if (entry != NULL)
        json_array_add_element (entries, entry);
    }

  return rushes_model_catalog_write_live ("wiro", fetched_at, entries);
}

static RushesModelCatalog *
catalog_with_wiro (JsonNode *tools)
{
  RushesModelCatalog *catalog = rushes_model_catalog_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) cache = wiro_cache (tools, now);
  g_autoptr(GError) error = NULL;

  rushes_model_catalog_load_builtin (catalog);
  g_assert_true (rushes_model_catalog_load_live (catalog, "wiro", cache, "wiro.json", &error));
  g_assert_no_error (error);
  return catalog;
}

static const char *
wire_value (RushesModel            *model,
            RushesGenerationParams *params,
            const char             *wire)
{
  g_autoptr(RushesGenerationParams) complete = rushes_model_complete_params (model, params);
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  static char text[256];

  request = _rushes_model_build_request (model, complete, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i);

      if (g_str_equal (field->field, wire))
        {
          g_autofree char *value = json_node_get_value_type (field->value) == G_TYPE_STRING
            ? g_strdup (json_node_get_string (field->value)) : json_to_string (field->value, FALSE);

          g_strlcpy (text, value, sizeof text);
          return text;
        }
    }

  return NULL;
}

/* A built-in and a live entry of one id: the live schema decides which
 * settings and values exist and how they travel, the built-in entry keeps
 * its name, notes and the constraints still possible, and its limits
 * narrow the live ones; a user's file replaces both. */
static void
test_merge (void)
{
  g_autoptr(JsonNode) tools = load_fake_catalog ("wiro-tools.json");
  g_autoptr(RushesModelCatalog) catalog = catalog_with_wiro (tools);
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GError) error = NULL;
  RushesModel *veo, *hailuo, *kling, *turbo, *sora;
  const char * const personal[] = { "allow_adult", "dont_allow", NULL };
  static const char user_file[] =
    "{\"format\": 1, \"models\": [{\"id\": \"wiro/google/veo3-1\", \"provider\": \"wiro\", \"name\": \"My Veo\","
    " \"modes\": [\"text-to-video\"], \"path\": \"gateway/veo\", \"controls\": {\"prompt\": {}},"
    " \"request\": [{\"field\": \"prompt\", \"from\": \"prompt\"}]}]}";
  g_autoptr(GBytes) user = g_bytes_new_static (user_file, strlen (user_file));

  veo = rushes_model_catalog_lookup (catalog, "wiro/google/veo3-1");
  g_assert_true (rushes_model_get_live (veo));
  g_assert_cmpstr (rushes_model_get_name (veo), ==, "Veo 3.1");
  g_assert_nonnull (strstr (rushes_model_get_description (veo), "Google's Veo 3.1 on Wiro"));
  g_assert_cmpstrv (rushes_model_get_allowed_values (veo, "personGeneration"), personal);
  g_assert_cmpstr (rushes_model_get_value_label (veo, "personGeneration", "dont_allow"), ==, "Don't allow");
  g_assert_nonnull (rushes_model_get_fetched_at (veo));

  /* The live schema's first frame is a URL field: a merge keeps it so,
   * and the built-in rule on 10 s clips holds. */
  hailuo = rushes_model_catalog_lookup (catalog, "wiro/minimax/hailuo-2-3");
  g_assert_false (rushes_model_accepts_image_source (hailuo, "image", FALSE));
  params = rushes_test_params_new ("A fox at dawn", "image", "https://example.com/a.png", NULL);
  g_assert_cmpstr (wire_value (hailuo, params, "inputImageFirstUrl"), ==, "https://example.com/a.png");
  g_assert_null (wire_value (hailuo, params, "inputImageFirst"));
  g_clear_object (&params);
  params = rushes_test_params_new ("A fox at dawn", "duration", "10", "resolution", "1080p", NULL);
  g_assert_false (rushes_model_validate (hailuo, params, &error));
  g_assert_cmpstr (error->message, ==, "Hailuo 2.3 makes 10 s clips at 768p only");
  g_clear_error (&error);
  g_clear_object (&params);

  /* Settings only the live schema has are there, under its names. */
  kling = rushes_model_catalog_lookup (catalog, "wiro/klingai/kling-v3");
  g_assert_cmpstr (rushes_model_get_name (kling), ==, "Kling 3");
  g_assert_true (rushes_model_has_control (kling, "scale"));
  g_assert_true (rushes_model_control_is_generic (kling, "mode"));

  /* A model only the listing has comes after the built-in ones. */
  turbo = rushes_model_catalog_lookup (catalog, "wiro/klingai/kling-v2-5-turbo");
  g_assert_nonnull (turbo);
  g_assert_true (rushes_model_get_live (turbo));
  g_assert_cmpstr (rushes_model_get_origin (turbo), ==, "wiro.json");

  /* The retired mark stays with the built-in entry. */
  sora = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  g_assert_true (rushes_model_get_retired (sora));
  g_assert_true (rushes_model_get_live (sora));

  /* A user's file replaces built-in and live entries alike. */
  g_assert_true (rushes_model_catalog_load_data (catalog, "mine.json", user, &error));
  g_assert_no_error (error);
  veo = rushes_model_catalog_lookup (catalog, "wiro/google/veo3-1");
  g_assert_cmpstr (rushes_model_get_name (veo), ==, "My Veo");
  g_assert_false (rushes_model_get_live (veo));
  g_assert_false (rushes_model_has_control (veo, "personGeneration"));
}

/* A live entry that cannot be used leaves the built-in one as it is. */
static void
test_merge_unusable (void)
{
  g_autoptr(JsonNode) tools = load_fake_catalog ("wiro-tools.json");
  g_autoptr(RushesModelCatalog) catalog = NULL;
  RushesModel *veo;

  json_object_set_null_member (wiro_tool (tools, "google", "veo3-1"), "parameters");
  catalog = catalog_with_wiro (tools);
  veo = rushes_model_catalog_lookup (catalog, "wiro/google/veo3-1");
  g_assert_true (rushes_model_get_available (veo));
  g_assert_false (rushes_model_get_live (veo));
  g_assert_cmpstr (rushes_model_get_origin (veo), ==, "/io/github/rushes/Rushes/models/wiro.json");
}

static double
estimate (RushesModel            *model,
          RushesGenerationParams *params,
          gboolean               *from_price_list)
{
  double usd = -1;

  g_assert_true (rushes_model_estimate_cost_full (model, params, &usd, from_price_list));
  return usd;
}

/* Wiro's dynamicprice rows matched against the settings (per run, per
 * second of video), approximatelycost when none matches; garbage or no
 * price list: approximatelycost alone. */
static void
test_prices (void)
{
  g_autoptr(JsonNode) tools = load_fake_catalog ("wiro-tools.json");
  g_autoptr(RushesModel) turbo = wiro_model (wiro_tool (tools, "klingai", "kling-v2-5-turbo"));
  g_autoptr(RushesModel) veo = wiro_model (wiro_tool (tools, "google", "veo3-1"));
  g_autoptr(RushesModel) hailuo = wiro_model (wiro_tool (tools, "minimax", "hailuo-2-3"));
  g_autoptr(RushesModel) fast = wiro_model (wiro_tool (tools, "minimax", "hailuo-2-3-fast"));
  g_autoptr(RushesModel) pro = wiro_model (wiro_tool (tools, "openai", "sora-2-pro"));
  g_autoptr(RushesModel) garbage = NULL;
  g_autoptr(RushesGenerationParams) defaults = rushes_test_params_new ("A fox at dawn", NULL);
  g_autoptr(RushesGenerationParams) std10 = rushes_test_params_new ("A fox at dawn",
                                                                    "mode", "std", "duration", "10", NULL);
  g_autoptr(RushesGenerationParams) quiet6 = rushes_test_params_new ("A fox at dawn",
                                                                     "audio", "false", "duration", "6", NULL);
  g_autoptr(RushesGenerationParams) full_hd = rushes_test_params_new ("A fox at dawn",
                                                                      "resolution", "1080p", "duration", "6", NULL);
  g_autoptr(RushesGenerationParams) image = rushes_test_params_new ("A fox at dawn",
                                                                    "image", "https://example.com/a.png", NULL);
  gboolean listed;

  /* cpr by mode × duration; the defaults are pro and 5 s. */
  g_assert_cmpfloat_with_epsilon (estimate (turbo, defaults, &listed), 0.35, 1e-9);
  g_assert_true (listed);
  g_assert_cmpfloat_with_epsilon (estimate (turbo, std10, &listed), 0.42, 1e-9);

  /* cp-outputVideoLength: per second of the duration asked for. */
  g_assert_cmpfloat_with_epsilon (estimate (veo, defaults, &listed), 0.4 * 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate (veo, quiet6, &listed), 0.2 * 6, 1e-9);
  g_assert_true (listed);

  /* Rows on wire values Rushes maps (768P, 1080P). */
  g_assert_cmpfloat_with_epsilon (estimate (hailuo, full_hd, &listed), 0.49, 1e-9);

  /* No price list, or an empty one: Wiro's approximate cost. */
  g_assert_cmpfloat_with_epsilon (estimate (fast, image, &listed), 0.19, 1e-9);
  g_assert_false (listed);
  g_assert_cmpfloat_with_epsilon (estimate (pro, defaults, &listed), 0.14, 1e-9);
  g_assert_false (listed);

  /* dynamicprice that is not JSON: the approximate cost. */
  json_object_set_string_member (wiro_tool (tools, "klingai", "kling-v2-5-turbo"), "dynamicprice",
                                 "[{\"inputs\":{},\"price\":\"call us\"");
  garbage = wiro_model (wiro_tool (tools, "klingai", "kling-v2-5-turbo"));
  g_assert_cmpfloat_with_epsilon (estimate (garbage, std10, &listed), 0.35, 1e-9);
  g_assert_false (listed);
}

static void
write_cache (const char *provider_id,
             GBytes     *cache)
{
  g_autoptr(GFile) directory = rushes_model_catalog_get_cache_directory ();
  g_autofree char *name = g_strconcat (provider_id, ".json", NULL);
  g_autofree char *path = g_build_filename (g_file_peek_path (directory), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (directory), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (cache, NULL), g_bytes_get_size (cache), &error));
  g_assert_no_error (error);
}

/* With no network at all, the models a refresh cached are there at the
 * next start, from their summaries; one damaged entry spoils only its
 * model, a damaged file only its provider. */
static void
test_cache (void)
{
  g_autoptr(JsonNode) tools = load_fake_catalog ("wiro-tools.json");
  g_autoptr(GDateTime) fetched_at = g_date_time_new_utc (2026, 10, 1, 8, 0, 0);
  g_autoptr(GBytes) cache = wiro_cache (tools, fetched_at);
  g_autoptr(RushesModelCatalog) catalog = NULL;
  g_autoptr(RushesModelCatalog) damaged = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_test_params_new ("A fox at dawn", "duration", "10", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RushesModel *turbo, *fast;
  char *entry;
  double usd;

  write_cache ("wiro", cache);
  catalog = rushes_model_catalog_new_default ();
  g_assert_cmpuint (rushes_model_catalog_get_load_errors (catalog)->len, ==, 0);
  g_assert_true (g_date_time_equal (rushes_model_catalog_get_fetched_at (catalog, "wiro"), fetched_at));
  g_assert_null (rushes_model_catalog_get_fetched_at (catalog, "wavespeed"));

  turbo = rushes_model_catalog_lookup (catalog, "wiro/klingai/kling-v2-5-turbo");
  g_assert_nonnull (turbo);
  g_assert_cmpstr (rushes_model_get_name (turbo), ==, "Kling V2.5 Turbo");
  g_assert_true (rushes_model_validate (turbo, params, &error));
  g_assert_no_error (error);
  g_assert_true (rushes_model_estimate_cost (turbo, params, &usd));
  g_assert_cmpfloat_with_epsilon (usd, 0.7, 1e-9);

  /* One entry damaged (a provider that is not a string), its summary
   * intact. */
  text = g_strndup (g_bytes_get_data (cache, NULL), g_bytes_get_size (cache));
  entry = strstr (text, "\n{\"id\":\"wiro/minimax/hailuo-2-3-fast\"");
  g_assert_nonnull (entry);
  entry = strstr (entry, "\"provider\":\"wiro\"");
  g_assert_nonnull (entry);
  memcpy (entry, "\"provider\":123456", 17);
  {
    g_autoptr(GBytes) spoiled = g_bytes_new (text, strlen (text));

    write_cache ("wiro", spoiled);
  }
  damaged = rushes_model_catalog_new_default ();
  g_assert_cmpuint (rushes_model_catalog_get_load_errors (damaged)->len, ==, 0);
  fast = rushes_model_catalog_lookup (damaged, "wiro/minimax/hailuo-2-3-fast");
  g_assert_nonnull (fast);
  g_assert_false (rushes_model_get_available (fast));
  g_assert_nonnull (strstr (rushes_model_get_unavailable_reason (fast), "refresh"));
  g_assert_false (rushes_model_validate (fast, params, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (rushes_model_get_available (rushes_model_catalog_lookup (damaged, "wiro/klingai/kling-v2-5-turbo")));
  g_clear_object (&damaged);

  /* A file that is not a cache at all: reported, the rest loads. */
  {
    g_autoptr(GBytes) garbage = g_bytes_new_static ("{\"format\": 1, \"models\": [", 26);

    write_cache ("wiro", garbage);
  }
  damaged = rushes_model_catalog_new_default ();
  g_assert_cmpuint (rushes_model_catalog_get_load_errors (damaged)->len, ==, 1);
  g_assert_nonnull (rushes_model_catalog_lookup (damaged, "wiro/google/veo3-1"));
  g_assert_null (rushes_model_catalog_lookup (damaged, "wiro/klingai/kling-v2-5-turbo"));

  /* A listing of another provider under this name is refused. */
  g_assert_false (rushes_model_catalog_load_live (damaged, "wavespeed", cache, "wavespeed.json", &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
}

/* Unusable listings: left out, or listed as unavailable with the reason,
 * never hiding the others. */
static void
test_malformed (void)
{
  g_autoptr(JsonNode) tools = load_fake_catalog ("wiro-tools.json");
  JsonObject *tool = wiro_tool (tools, "klingai", "kling-v2-5-turbo");
  g_autoptr(RushesModel) model = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_test_params_new ("A fox at dawn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) required = NULL;
  JsonArray *items;

  /* "parameters": null, as Wiro's own docs show it. */
  json_object_set_null_member (tool, "parameters");
  model = wiro_model (tool);
  g_assert_false (rushes_model_get_available (model));
  g_assert_cmpstr (rushes_model_get_unavailable_reason (model), ==, "Wiro publishes no settings for it");
  g_assert_false (rushes_model_validate (model, params, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "cannot be used"));
  g_clear_error (&error);
  g_clear_object (&model);

  /* No prompt. */
  tool = wiro_tool (tools, "google", "veo3-1-fast");
  items = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (tool, "parameters"), 0),
                                        "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i), "id"), "prompt"))
      {
        json_array_remove_element (items, i);
        break;
      }
  model = wiro_model (tool);
  g_assert_cmpstr (rushes_model_get_unavailable_reason (model), ==, "its schema has no prompt");
  g_clear_object (&model);

  /* A required setting Rushes cannot give, without a default. */
  required = tool_new ("[{\"id\": \"prompt\", \"type\": \"textarea\"},"
                       " {\"id\": \"refs\", \"type\": \"multifileinput\", \"label\": \"References\", \"required\": true}]");
  model = wiro_model (required);
  g_assert_nonnull (strstr (rushes_model_get_unavailable_reason (model), "References"));
  g_clear_object (&model);

  /* Categories that are no JSON, no slugs, or not a video: left out. */
  tool = wiro_tool (tools, "openai", "sora-2");
  json_object_set_string_member (tool, "categories", "[\"text-to-video\"");
  g_assert_null (_rushes_wiro_tool_to_entry (tool));
  g_assert_null (_rushes_wiro_tool_to_entry (wiro_tool (tools, "wiro", "video-merge")));
  tool = wiro_tool (tools, "openai", "sora-2-pro");
  json_object_remove_member (tool, "cleanslugowner");
  json_object_remove_member (tool, "slugowner");
  g_assert_null (_rushes_wiro_tool_to_entry (tool));

  /* WaveSpeed: a model without a schema is listed as unavailable. */
  {
    g_autoptr(JsonArray) entries = wavespeed_entries ();
    g_autoptr(RushesModel) fast = find_entry (entries, "wavespeed/bytedance/seedance-v1.5-pro/image-to-video-fast");

    g_assert_false (rushes_model_get_available (fast));
    g_assert_cmpstr (rushes_model_get_unavailable_reason (fast), ==, "WaveSpeed publishes no request schema for it");
  }
}

static guint
count_matches (RushesModelCatalog     *catalog,
               const char             *text,
               RushesModelSearchFlags  flags,
               const char             *must_have)
{
  g_autoptr(GPtrArray) found = rushes_model_catalog_search (catalog, text, flags);
  gboolean seen = must_have == NULL;

  for (guint i = 0; i < found->len; i++)
    seen |= must_have != NULL && g_str_equal (rushes_model_get_id (g_ptr_array_index (found, i)), must_have);
  g_assert_true (seen);
  return found->len;
}

/* The picker's filter: every word in the name, vendor, id or provider,
 * whatever the case and accents. */
static void
test_search (void)
{
  g_autoptr(JsonNode) tools = load_fake_catalog ("wiro-tools.json");
  g_autoptr(RushesModelCatalog) catalog = catalog_with_wiro (tools);
  guint all = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  g_assert_cmpuint (count_matches (catalog, "", RUSHES_MODEL_SEARCH_NONE, NULL), ==, all);
  g_assert_cmpuint (count_matches (catalog, "  ", RUSHES_MODEL_SEARCH_NONE, NULL), ==, all);
  g_assert_cmpuint (count_matches (catalog, "TURBO", RUSHES_MODEL_SEARCH_NONE, "wiro/klingai/kling-v2-5-turbo"), ==, 1);
  g_assert_cmpuint (count_matches (catalog, "google fast", RUSHES_MODEL_SEARCH_NONE, "wiro/google/veo3-1-fast"), ==, 2);
  g_assert_cmpuint (count_matches (catalog, "bytedance wiro", RUSHES_MODEL_SEARCH_NONE,
                                   "wiro/bytedance/seedance-pro-v1-5"), ==, 1);
  g_assert_cmpuint (count_matches (catalog, "Séedance", RUSHES_MODEL_SEARCH_NONE, NULL), >=, 3);
  g_assert_cmpuint (count_matches (catalog, "sora", RUSHES_MODEL_SEARCH_NONE, NULL), >, 0);
  g_assert_cmpuint (count_matches (catalog, "sora", RUSHES_MODEL_SEARCH_HIDE_RETIRED, NULL), ==, 0);
  g_assert_cmpuint (count_matches (catalog, "nothing like it", RUSHES_MODEL_SEARCH_NONE, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/live/wiro/catalog", test_wiro_catalog);
  g_test_add_func ("/rushes/live/wiro/types", test_wiro_types);
  g_test_add_func ("/rushes/live/wavespeed/catalog", test_wavespeed_catalog);
  g_test_add_func ("/rushes/live/wavespeed/types", test_wavespeed_types);
  g_test_add_func ("/rushes/live/wavespeed/pairs", test_wavespeed_pairs);
  g_test_add_func ("/rushes/live/merge", test_merge);
  g_test_add_func ("/rushes/live/merge-unusable", test_merge_unusable);
  g_test_add_func ("/rushes/live/prices", test_prices);
  g_test_add_func ("/rushes/live/cache", test_cache);
  g_test_add_func ("/rushes/live/malformed", test_malformed);
  g_test_add_func ("/rushes/live/search", test_search);

  return g_test_run ();
}
