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

#define G_LOG_DOMAIN "test-fake-provider"

#include "config.h"

#include <string.h>

#include "test-fake-provider.h"

/* Wiro ------------------------------------------------------------------- */

static const char * const wiro_video_models[] = {
  "openai/sora-2", "openai/sora-2-pro", "google/veo3-1", "google/veo3-1-fast", "minimax/hailuo-2-3",
  "minimax/hailuo-2-3-fast", "klingai/kling-v3", "klingai/kling-v2-5-turbo", "bytedance/seedance-pro-v1-5",
  NULL
};

static JsonArray *
tool_list (JsonNode   *root,
           gint64      total)
{
  JsonObject *object = json_node_get_object (root);

  g_assert_true (json_object_get_boolean_member (object, "result"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "errors")), ==, 0);
  if (total >= 0)
    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, total);

  return json_object_get_array_member (object, "tool");
}

/* Returns: the tool object of Tool/Detail's answer */
static JsonNode *
tool_detail (Fixture    *f,
             const char *slug)
{
  g_auto(GStrv) parts = g_strsplit (slug, "/", 2);
  g_autofree char *json = g_strdup_printf ("{\"slugowner\":\"%s\",\"slugproject\":\"%s\"}", parts[0], parts[1]);
  g_autoptr(JsonNode) root = wiro_call (f, "/Tool/Detail", json);
  JsonArray *tools = tool_list (root, -1);

  g_assert_false (json_object_has_member (json_node_get_object (root), "total"));
  g_assert_cmpuint (json_array_get_length (tools), ==, 1);

  return json_node_copy (json_array_get_element (tools, 0));
}

/* Categories come as an array or as a JSON-encoded string. */
static JsonArray *
dup_categories (JsonObject *tool)
{
  JsonNode *node = json_object_get_member (tool, "categories");
  g_autoptr(JsonNode) parsed = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));

  parsed = json_from_string (json_node_get_string (node), NULL);
  g_assert_nonnull (parsed);
  return json_array_ref (json_node_get_array (parsed));
}

static gboolean
has_category (JsonObject *tool,
              const char *category)
{
  g_autoptr(JsonArray) categories = dup_categories (tool);

  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      if (g_str_equal (json_array_get_string_element (categories, i), category))
        return TRUE;
    }

  return FALSE;
}

static void
test_wiro_tool_list (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) video = NULL;
  g_autoptr(JsonNode) second_page = NULL;
  g_autoptr(JsonNode) images = NULL;
  g_autoptr(JsonNode) kling = NULL;
  g_autoptr(JsonNode) by_id = NULL;
  g_autoptr(JsonNode) bad_start = NULL;
  g_autoptr(SoupMessage) unsigned_msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean string_categories = FALSE;
  gboolean array_categories = FALSE;
  JsonArray *tools;

  /* The body the official client (Wiro-MCP searchModels) sends. */
  video = wiro_call (f, "/Tool/List", "{\"start\":\"0\",\"limit\":\"20\",\"search\":\"\","
                                      "\"categories\":[\"text-to-video\",\"image-to-video\"],"
                                      "\"sort\":\"relevance\",\"hideworkflows\":true,\"summary\":true}");
  tools = tool_list (video, g_strv_length ((char **) wiro_video_models));
  g_assert_cmpuint (json_array_get_length (tools), ==, g_strv_length ((char **) wiro_video_models));
  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);
      JsonNode *categories = json_object_get_member (tool, "categories");

      g_assert_true (has_category (tool, "text-to-video") || has_category (tool, "image-to-video"));
      /* A summary leaves the parameters to Tool/Detail. */
      g_assert_false (json_object_has_member (tool, "parameters"));
      member_string (tool, "id");
      member_string (tool, "title");
      g_hash_table_add (seen, g_strdup_printf ("%s/%s", member_string (tool, "cleanslugowner"),
                                               member_string (tool, "cleanslugproject")));
      if (JSON_NODE_HOLDS_ARRAY (categories))
        array_categories = TRUE;
      else
        string_categories = TRUE;
    }
  for (guint i = 0; wiro_video_models[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (seen, wiro_video_models[i]));
  g_assert_true (array_categories && string_categories);

  /* Pages, with numbers where strings are documented. */
  second_page = wiro_call (f, "/Tool/List", "{\"start\":8,\"limit\":4,\"categories\":[\"text-to-video\",\"image-to-video\"]}");
  g_assert_cmpuint (json_array_get_length (tool_list (second_page, 9)), ==, 1);

  images = wiro_call (f, "/Tool/List", "{\"categories\":[\"text-to-image\"],\"summary\":false}");
  tools = tool_list (images, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (tools, 0), "cleanslugproject"), ==, "seedream-v4-5");
  g_assert_true (json_object_has_member (json_array_get_object_element (tools, 0), "parameters"));

  kling = wiro_call (f, "/Tool/List", "{\"search\":\"KLING\",\"slugowner\":\"klingai\"}");
  g_assert_cmpuint (json_array_get_length (tool_list (kling, 2)), ==, 2);

  by_id = wiro_call (f, "/Tool/List", "{\"sort\":\"id\",\"order\":\"ASC\",\"limit\":\"100\"}");
  tools = tool_list (by_id, 11);
  for (guint i = 1; i < json_array_get_length (tools); i++)
    g_assert_cmpint (g_ascii_strtoll (member_string (json_array_get_object_element (tools, i - 1), "id"), NULL, 10),
                     <, g_ascii_strtoll (member_string (json_array_get_object_element (tools, i), "id"), NULL, 10));

  bad_start = wiro_call (f, "/Tool/List", "{\"start\":\"first\"}");
  assert_wiro_error (bad_start, 0, "[start]");

  unsigned_msg = json_message_new (f, "/Tool/List", "{}");
  soup_message_headers_remove (soup_message_get_request_headers (unsigned_msg), "x-signature");
  body = send_message (f, unsigned_msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (unsigned_msg), ==, SOUP_STATUS_UNAUTHORIZED);
}

typedef struct
{
  GHashTable *types;                   /* item types seen */
  GHashTable *variants;                /* "required:string", "default:number", … */
  GHashTable *price_methods;
} SchemaCoverage;

static void
cover_item (SchemaCoverage *coverage,
            JsonObject     *item)
{
  JsonNode *required = json_object_get_member (item, "required");
  JsonNode *fallback = json_object_get_member (item, "default");
  const char *type = member_string (item, "type");

  g_hash_table_add (coverage->types, g_strdup (type));
  member_string (item, "id");
  member_string (item, "label");
  if (required != NULL)
    g_hash_table_add (coverage->variants, g_strdup (json_node_get_value_type (required) == G_TYPE_STRING
                                                    ? "required:string" : "required:boolean"));
  if (fallback != NULL)
    g_hash_table_add (coverage->variants, g_strdup_printf ("default:%s", g_type_name (json_node_get_value_type (fallback))));

  if (g_str_equal (type, "select"))
    {
      JsonArray *options = json_object_get_array_member (item, "options");

      g_assert_cmpuint (json_array_get_length (options), >, 0);
      for (guint i = 0; i < json_array_get_length (options); i++)
        {
          member_string (json_array_get_object_element (options, i), "label");
          member_string (json_array_get_object_element (options, i), "value");
        }
    }
  if (g_str_equal (type, "range"))
    {
      g_assert_true (json_object_has_member (item, "min"));
      g_assert_true (json_object_has_member (item, "max"));
      g_assert_true (json_object_has_member (item, "step"));
    }
}

static void
test_wiro_tool_detail (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const types[] = {
    "text", "textarea", "select", "range", "number", "checkbox", "fileinput", "multifileinput", "combinefileinput", NULL
  };
  static const char * const variants[] = {
    "required:string", "required:boolean", "default:gchararray", "default:gint64", "default:gboolean", NULL
  };
  SchemaCoverage coverage = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autoptr(JsonNode) raw = NULL;
  g_autoptr(JsonNode) missing = NULL;
  guint priced = 0;

  for (guint i = 0; wiro_video_models[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = tool_detail (f, wiro_video_models[i]);
      JsonObject *tool = json_node_get_object (node);
      JsonArray *groups = json_object_get_array_member (tool, "parameters");
      gboolean prompt = FALSE;

      g_assert_true (has_category (tool, "text-to-video") || has_category (tool, "image-to-video"));
      for (guint j = 0; j < json_array_get_length (groups); j++)
        {
          JsonArray *items = json_object_get_array_member (json_array_get_object_element (groups, j), "items");

          member_string (json_array_get_object_element (groups, j), "title");
          for (guint k = 0; k < json_array_get_length (items); k++)
            {
              JsonObject *item = json_array_get_object_element (items, k);

              cover_item (&coverage, item);
              prompt |= g_str_equal (member_string (item, "id"), "prompt");
            }
        }
      g_assert_true (prompt);

      /* dynamicprice is a JSON-encoded string of price rows; without it,
       * approximatelycost estimates a run. */
      if (json_object_has_member (tool, "dynamicprice") && *member_string (tool, "dynamicprice") != '\0')
        {
          g_autoptr(JsonNode) rows = json_from_string (member_string (tool, "dynamicprice"), NULL);

          g_assert_true (JSON_NODE_HOLDS_ARRAY (rows));
          for (guint j = 0; j < json_array_get_length (json_node_get_array (rows)); j++)
            {
              JsonObject *row = json_array_get_object_element (json_node_get_array (rows), j);

              g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (row, "inputs")));
              g_assert_cmpfloat (json_object_get_double_member (row, "price"), >, 0);
              g_hash_table_add (coverage.price_methods, g_strdup (member_string (row, "priceMethod")));
            }
          priced++;
        }
      else
        g_assert_cmpfloat (g_ascii_strtod (member_string (tool, "approximatelycost"), NULL), >, 0);
    }

  for (guint i = 0; types[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (coverage.types, types[i]));
  for (guint i = 0; variants[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (coverage.variants, variants[i]));
  g_assert_true (g_hash_table_contains (coverage.price_methods, "cpr"));
  g_assert_true (g_hash_table_contains (coverage.price_methods, "cp-outputVideoLength"));
  g_assert_cmpuint (priced, >, 0);

  /* The raw slug names the same tool as the clean one. */
  raw = tool_detail (f, "MiniMax/hailuo-2.3");
  g_assert_cmpstr (member_string (json_node_get_object (raw), "cleanslugproject"), ==, "hailuo-2-3");
  missing = wiro_call (f, "/Tool/Detail", "{\"slugowner\":\"openai\",\"slugproject\":\"sora-3\"}");
  assert_wiro_error (missing, 1, "not-exist");

  g_hash_table_unref (coverage.types);
  g_hash_table_unref (coverage.variants);
  g_hash_table_unref (coverage.price_methods);
}

static void
test_wiro_tool_faults (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) no_parameters = NULL;
  g_autoptr(JsonNode) garbage = NULL;
  g_autoptr(JsonNode) garbage_list = NULL;
  g_autoptr(JsonNode) no_prompt = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) malformed = NULL;
  JsonArray *tools;
  JsonArray *items;

  rushes_fake_provider_add_fault (f->provider, "tool-parameters-null");
  no_parameters = tool_detail (f, "google/veo3-1");
  g_assert_true (json_node_is_null (json_object_get_member (json_node_get_object (no_parameters), "parameters")));

  rushes_fake_provider_add_fault (f->provider, "tool-dynamicprice-garbage*2");
  garbage = tool_detail (f, "google/veo3-1");
  g_assert_null (json_from_string (member_string (json_node_get_object (garbage), "dynamicprice"), NULL));
  garbage_list = wiro_call (f, "/Tool/List", "{\"categories\":[\"image-to-video\"]}");
  tools = tool_list (garbage_list, -1);
  g_assert_null (json_from_string (member_string (json_array_get_object_element (tools, 0), "dynamicprice"), NULL));

  rushes_fake_provider_add_fault (f->provider, "tool-no-prompt");
  no_prompt = tool_detail (f, "openai/sora-2");
  items = json_object_get_array_member (json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (no_prompt), "parameters"), 0), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (member_string (json_array_get_object_element (items, i), "id"), !=, "prompt");

  /* Each fault applies once. */
  again = tool_detail (f, "openai/sora-2");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (again), "parameters")));

  /* Entries of every wrong shape, then one a client can use. */
  rushes_fake_provider_add_fault (f->provider, "tool-list-malformed");
  msg = json_message_new (f, "/Tool/List", "{}");
  malformed = send_json (f, msg, SOUP_STATUS_OK);
  g_assert_cmpstr (member_string (json_node_get_object (malformed), "total"), ==, "lots");
  tools = json_object_get_array_member (json_node_get_object (malformed), "tool");
  g_assert_true (json_node_is_null (json_array_get_element (tools, 0)));
  g_assert_cmpstr (member_string (json_array_get_object_element (tools, json_array_get_length (tools) - 1),
                                  "cleanslugproject"), ==, "sora-2");
}

/* Runs @json on @model to its end; returns the Task/Detail task. */
static JsonNode *
run_to_end (Fixture    *f,
            const char *model,
            const char *json)
{
  g_autofree char *path = g_strconcat ("/Run/", model, NULL);
  g_autoptr(JsonNode) root = wiro_call (f, path, json);
  JsonObject *object = json_node_get_object (root);

  g_assert_true (json_object_get_boolean_member (object, "result"));

  return wait_for_status (f, member_string (object, "socketaccesstoken"), "task_postprocess_end");
}

static void
test_wiro_live_only_model (Fixture       *f,
                           gconstpointer  data)
{
  const struct {
    const char *body;
    const char *field;
  } refused[] = {
    { "{\"prompt\":\"x\",\"duration\":\"5\"}", "[mode]" },
    { "{\"mode\":\"std\",\"prompt\":\"x\",\"duration\":\"15\"}", "[duration]" },
    { "{\"mode\":\"std\",\"prompt\":\"x\",\"scale\":\"1.5\"}", "[scale]" },
    { "{\"mode\":\"std\",\"prompt\":\"x\",\"inputImage\":\"https://example.com/a.png\","
      "\"inputImageUrl\":\"https://example.com/b.png\"}", "[inputImage]" },
  };
  g_autoptr(JsonNode) task = NULL;
  g_autoptr(JsonNode) veo = NULL;
  g_autoptr(GBytes) video = NULL;
  JsonObject *object;

  rushes_fake_provider_set_step_interval (f->provider, 1);

  /* Kling 2.5 Turbo is in no static catalog: only Tool/Detail tells a
   * client its fields, and its Run goes through like any other. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonNode) root = wiro_call (f, "/Run/klingai/kling-v2-5-turbo", refused[i].body);

      assert_wiro_error (root, 0, refused[i].field);
    }

  task = run_to_end (f, "klingai/kling-v2-5-turbo",
                     "{\"mode\":\"std\",\"prompt\":\"A fox in the snow\",\"duration\":\"10\",\"ratio\":\"9:16\","
                     "\"inputImageUrl\":\"https://example.com/start.png\",\"scale\":0.25}");
  object = json_node_get_object (task);
  g_assert_cmpstr (member_string (object, "pexit"), ==, "0");
  g_assert_cmpstr (member_string (object, "modelslugproject"), ==, "kling-v2-5-turbo");
  /* Billed from its dynamicprice row: std, 10 s, per request. */
  g_assert_cmpstr (member_string (object, "totalcost"), ==, "0.420000000000");
  video = download (f, member_string (json_array_get_object_element (json_object_get_array_member (object, "outputs"), 0),
                                      "url"), NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (video, rushes_fake_provider_get_video_bytes (f->provider)));

  /* Per second of video: $0.10 without audio, 6 s. */
  veo = run_to_end (f, "google/veo3-1-fast", "{\"prompt\":\"x\",\"generateAudio\":\"false\",\"durationSeconds\":\"6\"}");
  g_assert_cmpstr (member_string (json_node_get_object (veo), "totalcost"), ==, "0.600000000000");
}

/* WaveSpeed -------------------------------------------------------------- */

/* Returns: the request schema, from the live form or the older one */
static JsonObject *
request_schema (JsonObject *model)
{
  JsonObject *api_schema = json_object_get_object_member (model, "api_schema");

  if (json_object_has_member (api_schema, "api_schemas"))
    {
      JsonArray *schemas = json_object_get_array_member (api_schema, "api_schemas");

      if (json_array_get_length (schemas) == 0)
        return NULL;
      return json_object_get_object_member (json_array_get_object_element (schemas, 0), "request_schema");
    }

  return json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (api_schema,
                                                                                                       "components"),
                                                                       "schemas"),
                                        "Request");
}

static void
test_wavespeed_models (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) root = bearer_call (f, "wavespeed", SOUP_METHOD_GET, "/models", NULL, BEARER_KEY, SOUP_STATUS_OK);
  g_autoptr(JsonNode) unauthorized = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const wanted[] = {
    "type:integer", "type:number", "type:boolean", "type:string", "enum", "minimum", "maximum", "step", "default",
    "uploader", "x-hidden", "size", "form:live", "form:older", "form:none", "other-type", NULL
  };
  JsonArray *models = json_node_get_array (json_object_get_member (json_node_get_object (root), "data"));
  guint video = 0;

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "code"), ==, 200);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);
      const char *type = member_string (model, "type");
      JsonObject *schema = request_schema (model);
      JsonObject *properties;
      g_autoptr(GList) names = NULL;

      g_hash_table_add (ids, (gpointer) member_string (model, "model_id"));
      member_string (model, "name");
      g_assert_cmpfloat (json_object_get_double_member (model, "base_price"), >, 0);
      if (g_str_equal (type, "text-to-video") || g_str_equal (type, "image-to-video"))
        video++;
      else
        g_hash_table_add (seen, g_strdup ("other-type"));

      if (schema == NULL)
        {
          g_hash_table_add (seen, g_strdup ("form:none"));
          continue;
        }
      g_hash_table_add (seen, g_strdup (json_object_has_member (json_object_get_object_member (model, "api_schema"),
                                                                "api_schemas") ? "form:live" : "form:older"));
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (schema, "required")));
      properties = json_object_get_object_member (schema, "properties");
      names = json_object_get_members (properties);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *property = json_object_get_object_member (properties, l->data);

          g_hash_table_add (seen, g_strdup_printf ("type:%s", member_string (property, "type")));
          if (json_object_has_member (property, "enum"))
            g_hash_table_add (seen, g_strdup ("enum"));
          if (json_object_has_member (property, "minimum"))
            g_hash_table_add (seen, g_strdup ("minimum"));
          if (json_object_has_member (property, "maximum"))
            g_hash_table_add (seen, g_strdup ("maximum"));
          if (json_object_has_member (property, "step"))
            g_hash_table_add (seen, g_strdup ("step"));
          if (json_object_has_member (property, "default"))
            g_hash_table_add (seen, g_strdup ("default"));
          if (json_object_get_boolean_member_with_default (property, "x-hidden", FALSE))
            g_hash_table_add (seen, g_strdup ("x-hidden"));
          if (g_strcmp0 (json_object_get_string_member_with_default (property, "x-ui-component", NULL), "uploader") == 0)
            g_hash_table_add (seen, g_strdup ("uploader"));
          if (g_str_equal (l->data, "size") && json_object_has_member (property, "enum"))
            {
              /* Width*height, with a star. */
              g_assert_nonnull (strchr (json_array_get_string_element (json_object_get_array_member (property, "enum"), 0), '*'));
              g_hash_table_add (seen, g_strdup ("size"));
            }
        }
    }

  for (guint i = 0; wanted[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (seen, wanted[i]));
  g_assert_cmpuint (video, >=, 10);

  /* Text and image routes of one model differ only in their last segment. */
  g_assert_true (g_hash_table_contains (ids, "google/veo3.1-fast/text-to-video"));
  g_assert_true (g_hash_table_contains (ids, "google/veo3.1-fast/image-to-video"));
  g_assert_true (g_hash_table_contains (ids, "google/veo3.1/text-to-video"));
  g_assert_true (g_hash_table_contains (ids, "google/veo3.1/image-to-video"));

  unauthorized = bearer_call (f, "wavespeed", SOUP_METHOD_GET, "/models", NULL, NULL, SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (envelope_data (unauthorized, 401));
}

static void
assert_refused (Fixture    *f,
                const char *path,
                const char *json,
                gint64      code,
                const char *message_part)
{
  g_autoptr(JsonNode) root = bearer_call (f, "wavespeed", SOUP_METHOD_POST, path, json, BEARER_KEY,
                                          SOUP_STATUS_BAD_REQUEST);

  g_assert_null (envelope_data (root, code));
  g_assert_nonnull (strstr (member_string (json_node_get_object (root), "message"), message_part));
}

static void
test_wavespeed_schema_checks (Fixture       *f,
                              gconstpointer  data)
{
  const struct {
    const char *path;
    const char *json;
    gint64      code;
    const char *part;
  } refused[] = {
    { "/google/veo3.1-fast/text-to-video", "{\"duration\":8}", 1400, "\"prompt\"" },
    { "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"\"}", 1400, "\"prompt\"" },
    { "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"x\",\"duration\":\"8\"}", 1401, "string \"8\"" },
    { "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"x\",\"duration\":5}", 1401, "one of 4, 6, 8" },
    { "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"x\",\"generate_audio\":\"true\"}", 1401, "boolean" },
    { "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"x\",\"seed\":3000000000}", 1401, "between" },
    { "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"x\",\"ratio\":\"16:9\"}", 1401, "\"ratio\" is not a parameter" },
    { "/google/veo3.1-fast/image-to-video", "{\"prompt\":\"x\"}", 1400, "\"image\"" },
    { "/google/veo3.1-fast/image-to-video", "{\"prompt\":\"x\",\"image\":\"/home/me/a.png\"}", 1401, "URL" },
    { "/kwaivgi/kling-v3.0-pro/text-to-video", "{\"prompt\":\"x\",\"cfg_scale\":\"0.5\"}", 1401, "number" },
    { "/kwaivgi/kling-v3.0-pro/text-to-video", "{\"prompt\":\"x\",\"duration\":16}", 1401, "between 3 and 15" },
    { "/alibaba/wan-2.6/text-to-video", "{\"prompt\":\"x\",\"size\":\"1280x720\"}", 1401, "\"size\"" },
    { "/google/veo3.1/image-to-video", "{\"prompt\":\"x\",\"image\":\"https://a/b.png\",\"enable_sync_mode\":1}",
      1401, "enable_sync_mode" },
  };
  const struct {
    const char *path;
    const char *json;
  } accepted[] = {
    { "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"x\",\"duration\":4,\"resolution\":\"4k\",\"generate_audio\":false,"
      "\"negative_prompt\":\"blur\",\"seed\":-1,\"aspect_ratio\":\"9:16\",\"enable_sync_mode\":false}" },
    { "/google/veo3.1-fast/image-to-video", "{\"prompt\":\"x\",\"image\":\"data:image/png;base64,iVBORw0KGgo=\","
      "\"last_image\":\"https://example.com/end.png\"}" },
    { "/google/veo3.1/image-to-video", "{\"prompt\":\"x\",\"image\":\"https://example.com/a.png\",\"last_image\":null}" },
    { "/kwaivgi/kling-v3.0-pro/image-to-video", "{\"prompt\":\"x\",\"image\":\"https://example.com/a.png\",\"cfg_scale\":1,"
      "\"duration\":15,\"sound\":true,\"end_image\":\"https://example.com/b.png\"}" },
    { "/bytedance/seedance-v1.5-pro/text-to-video", "{\"prompt\":\"x\",\"duration\":-1,\"camera_fixed\":true}" },
    { "/alibaba/wan-2.6/text-to-video", "{\"prompt\":\"x\",\"size\":\"1080*1920\",\"duration\":15}" },
    { "/minimax/hailuo-2.3/i2v-standard", "{\"prompt\":\"x\",\"image\":\"https://example.com/a.png\",\"duration\":10}" },
    /* Without a published schema, only the checks every model shares. */
    { "/bytedance/seedance-v1.5-pro/image-to-video-fast", "{\"prompt\":\"x\",\"image\":\"https://example.com/a.png\","
      "\"whatever\":1}" },
  };
  g_autoptr(JsonNode) lenient = NULL;
  g_autoptr(JsonNode) legacy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (f, refused[i].path, refused[i].json, refused[i].code, refused[i].part);
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    g_free (wavespeed_submit (f, accepted[i].path + 1, accepted[i].json));

  /* The live API drops unknown fields; lenient, so does the fake, but a
   * wrong type is still refused. */
  rushes_fake_provider_set_wavespeed_strict (f->provider, FALSE);
  lenient = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/google/veo3.1-fast/text-to-video",
                         "{\"prompt\":\"x\",\"ratio\":\"16:9\"}", BEARER_KEY, SOUP_STATUS_OK);
  envelope_data (lenient, 200);
  assert_refused (f, "/google/veo3.1-fast/text-to-video", "{\"prompt\":\"x\",\"duration\":\"8\"}", 1401, "duration");

  /* The retired Sora routes keep their own checks and code. */
  legacy = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/openai/sora-2", "{\"prompt\":\"\"}",
                        BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  g_assert_null (envelope_data (legacy, 400));
}

/* Returns: the `data` of a price quote, after checking its text spells
 * the price as @price_text. */
static JsonNode *
quote (Fixture    *f,
       const char *route,
       const char *json,
       const char *price_text)
{
  g_autofree char *base = rushes_fake_provider_get_base_url (f->provider, "wavespeed");
  g_autofree char *url = g_strconcat (base, route, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strdup_printf ("\"price\":%s,", price_text);

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " BEARER_KEY);
  body = send_message (f, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  /* As a person writes it, not 0.80000000000000004. */
  g_assert_nonnull (strstr (text, expected));
  root = parse_json (body);

  return json_node_copy (json_object_get_member (envelope_data (root, 200) != NULL ? json_node_get_object (root) : NULL,
                                                 "data"));
}

static void
test_wavespeed_price (Fixture       *f,
                      gconstpointer  data)
{
  const struct {
    const char *json;
    const char *price;
    double      discounted;
  } cases[] = {
    /* Veo 3.1 Fast: $0.10 a second, $0.15 with audio, 8 s and audio by default. */
    { "{\"model_id\":\"google/veo3.1-fast/text-to-video\",\"inputs\":{\"prompt\":\"x\",\"generate_audio\":false}}", "0.8", 0.8 },
    { "{\"model_id\":\"google/veo3.1-fast/text-to-video\",\"inputs\":{\"prompt\":\"x\"}}", "1.2", 1.2 },
    { "{\"model_id\":\"google/veo3.1-fast/image-to-video\",\"inputs\":{}}", "1.2", 1.2 },
    { "{\"model_id\":\"google/veo3.1-fast/text-to-video\"}", "1.2", 1.2 },
    { "{\"model_id\":\"google/veo3.1-fast/text-to-video\",\"inputs\":{\"duration\":4,\"generate_audio\":false,"
      "\"resolution\":\"4k\"}}", "0.8", 0.8 },
    { "{\"model_id\":\"google/veo3.1/text-to-video\",\"inputs\":{\"duration\":6}}", "2.4", 2.4 },
    /* Seedance: 20 % off. */
    { "{\"model_id\":\"bytedance/seedance-v1.5-pro/text-to-video\",\"inputs\":{\"duration\":10}}", "0.52", 0.416 },
    { "{\"model_id\":\"bytedance/seedance-v1.5-pro/text-to-video\",\"inputs\":{\"duration\":-1,"
      "\"resolution\":\"480p\",\"generate_audio\":false}}", "0.144", 0.1152 },
    /* Wan: no discount, written as 0. */
    { "{\"model_id\":\"alibaba/wan-2.6/text-to-video\",\"inputs\":{\"size\":\"1920*1080\",\"duration\":10}}", "1.5", 0 },
    { "{\"model_id\":\"alibaba/wan-2.6/image-to-video\",\"inputs\":{}}", "0.5", 0 },
    { "{\"model_id\":\"kwaivgi/kling-v3.0-pro/image-to-video\",\"inputs\":{\"sound\":true,\"duration\":10}}", "2.1", 2.1 },
    { "{\"model_id\":\"minimax/hailuo-2.3/t2v-standard\",\"inputs\":{\"duration\":10}}", "0.56", 0.56 },
    { "{\"model_id\":\"wavespeed-ai/z-image/turbo\",\"inputs\":{\"prompt\":\"x\"}}", "0.005", 0.005 },
  };
  g_autoptr(JsonNode) legacy = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) no_model = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) answer = quote (f, "/model/price", cases[i].json, cases[i].price);
      JsonObject *object = json_node_get_object (answer);

      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "price"),
                                      g_ascii_strtod (cases[i].price, NULL), 1e-9);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "discounted_price"),
                                      cases[i].discounted, 1e-9);
      g_assert_cmpstr (member_string (object, "currency"), ==, "USD");
      g_assert_true (g_str_has_prefix (cases[i].json + strlen ("{\"model_id\":\""), member_string (object, "model_id")));
    }

  /* The legacy alias, and the same checks as a submit but for required fields. */
  legacy = quote (f, "/model/pricing", "{\"model_id\":\"google/veo3.1-fast/text-to-video\",\"inputs\":{\"duration\":6,"
                                       "\"generate_audio\":false}}", "0.6");
  assert_refused (f, "/model/price", "{\"model_id\":\"google/veo3.1-fast/text-to-video\",\"inputs\":{\"duration\":\"8\"}}",
                  1401, "duration");
  assert_refused (f, "/model/price", "{\"inputs\":{}}", 1400, "model_id");
  unknown = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/model/price", "{\"model_id\":\"openai/sora-2\"}",
                         BEARER_KEY, SOUP_STATUS_NOT_FOUND);
  g_assert_null (envelope_data (unknown, 404));
  no_model = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/model/price", "{\"model_id\":\"x\"}", NULL,
                          SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (envelope_data (no_model, 401));
  /* A quote creates no prediction. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->provider, "/result"), ==, 0);
}

static SoupMessage *
put_message (const char *url,
             const char *content_type,
             const char *token,
             GBytes     *bytes)
{
  SoupMessage *msg = soup_message_new (SOUP_METHOD_PUT, url);

  soup_message_set_request_body_from_bytes (msg, content_type, bytes);
  if (token != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "x-fake-upload-token", token);

  return msg;
}

static guint
put_status (Fixture     *f,
            SoupMessage *msg)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = send_message (f, msg, &error);
  g_assert_no_error (error);

  return soup_message_get_status (msg);
}

static void
test_wavespeed_upload_two_step (Fixture       *f,
                                gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 5, 6, 7, 8 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) short_bytes = g_bytes_new_static (png, sizeof png - 1);
  g_autofree char *json = g_strdup_printf ("{\"filename\":\"start frame.png\",\"size\":%zu,\"content_type\":\"image/png\"}",
                                           sizeof png);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) served = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *content_type = NULL;
  JsonObject *answer;
  JsonObject *upload;
  JsonObject *headers;
  const char *url;
  const char *token;
  const char *download_url;

  rushes_fake_provider_set_wavespeed_key (f->provider, BEARER_KEY);
  /* The body the official SDK sends. */
  root = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/media/uploads", json, BEARER_KEY, SOUP_STATUS_OK);
  answer = envelope_data (root, 200);
  upload = json_object_get_object_member (answer, "upload");
  g_assert_cmpstr (member_string (upload, "method"), ==, "PUT");
  url = member_string (upload, "url");
  headers = json_object_get_object_member (upload, "headers");
  g_assert_cmpstr (member_string (headers, "Content-Type"), ==, "image/png");
  token = member_string (headers, "x-fake-upload-token");
  download_url = member_string (answer, "download_url");

  /* A bucket on the same port, not the API. */
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_assert_nonnull (uri);
  g_assert_false (g_str_has_prefix (g_uri_get_path (uri), "/wavespeed/"));
  g_assert_nonnull (g_uri_get_query (uri));

  /* Nothing to download before the bytes arrive. */
  before = download (f, download_url, NULL, SOUP_STATUS_NOT_FOUND);

  {
    g_autoptr(SoupMessage) with_key = put_message (url, "image/png", token, bytes);
    g_autoptr(SoupMessage) no_token = put_message (url, "image/png", NULL, bytes);
    g_autoptr(SoupMessage) other_type = put_message (url, "application/octet-stream", token, bytes);
    g_autoptr(SoupMessage) truncated = put_message (url, "image/png", token, short_bytes);
    g_autoptr(SoupMessage) unsigned_url = NULL;
    g_autoptr(SoupMessage) good = put_message (url, "image/png", token, bytes);

    /* Credentials on a signed URL: refused, and recorded. */
    soup_message_headers_replace (soup_message_get_request_headers (with_key), "Authorization", "Bearer " BEARER_KEY);
    g_assert_cmpuint (put_status (f, with_key), ==, SOUP_STATUS_BAD_REQUEST);
    authorization = rushes_fake_provider_dup_last_header (f->provider, "/storage/", "authorization");
    g_assert_cmpstr (authorization, ==, "Bearer " BEARER_KEY);

    g_assert_cmpuint (put_status (f, no_token), ==, SOUP_STATUS_FORBIDDEN);
    g_assert_cmpuint (put_status (f, other_type), ==, SOUP_STATUS_FORBIDDEN);
    g_assert_cmpuint (put_status (f, truncated), ==, SOUP_STATUS_BAD_REQUEST);
    stripped = g_strndup (url, strchr (url, '?') - url);
    unsigned_url = put_message (stripped, "image/png", token, bytes);
    g_assert_cmpuint (put_status (f, unsigned_url), ==, SOUP_STATUS_FORBIDDEN);

    g_assert_cmpuint (put_status (f, good), ==, SOUP_STATUS_OK);
    g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (good), "ETag"));
  }

  g_assert_null (rushes_fake_provider_dup_last_header (f->provider, "/storage/", "authorization"));
  content_type = rushes_fake_provider_dup_last_header (f->provider, "/storage/", "content-type");
  g_assert_cmpstr (content_type, ==, "image/png");
  served = download (f, download_url, NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (served, bytes));

  assert_refused (f, "/media/uploads", "{\"size\":3}", 1400, "filename");
  assert_refused (f, "/media/uploads", "{\"filename\":\"a.png\",\"size\":\"3\"}", 1401, "size");
}

static void
test_wavespeed_multipart_gone (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *base = rushes_fake_provider_get_base_url (f->provider, "wavespeed");
  g_autofree char *url = g_strconcat (base, "/media/upload/binary", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("png", 3);

  rushes_fake_provider_add_fault (f->provider, "multipart-upload-gone");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(JsonNode) root = NULL;

      soup_multipart_append_form_file (multipart, "file", "a.png", "image/png", bytes);
      msg = soup_message_new_from_multipart (url, multipart);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " BEARER_KEY);
      /* Retired the first time; the fault applies once. */
      root = send_json (f, msg, i == 0 ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_OK);
      if (i == 0)
        g_assert_null (envelope_data (root, 404));
      else
        envelope_data (root, 200);
    }
}

/* Balances --------------------------------------------------------------- */

static void
test_balances (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) wavespeed = NULL;
  g_autoptr(JsonNode) apixo = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonNode) controlled = NULL;
  g_autoptr(GBytes) ok = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(GBytes) wiro = NULL;

  wavespeed = bearer_call (f, "wavespeed", SOUP_METHOD_GET, "/balance", NULL, BEARER_KEY, SOUP_STATUS_OK);
  g_assert_cmpfloat (json_object_get_double_member (envelope_data (wavespeed, 200), "balance"), ==, 42.5);
  /* APIXO's data is the bare number. */
  apixo = bearer_call (f, "apixo", SOUP_METHOD_GET, "/apikeys/current-balance", NULL, BEARER_KEY, SOUP_STATUS_OK);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (apixo), "code"), ==, 200);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (apixo), "data"), ==, 74.87);

  rushes_fake_provider_set_balance (f->provider, "apixo", 0.25);
  changed = bearer_call (f, "apixo", SOUP_METHOD_GET, "/apikeys/current-balance", NULL, BEARER_KEY, SOUP_STATUS_OK);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (changed), "data"), ==, 0.25);

  ok = control_call (f, SOUP_METHOD_POST, "/balance/wavespeed", "3.5\n", SOUP_STATUS_OK);
  bad = control_call (f, SOUP_METHOD_POST, "/balance/wavespeed", "lots", SOUP_STATUS_BAD_REQUEST);
  wiro = control_call (f, SOUP_METHOD_POST, "/balance/wiro", "1", SOUP_STATUS_NOT_FOUND);
  controlled = bearer_call (f, "wavespeed", SOUP_METHOD_GET, "/balance", NULL, BEARER_KEY, SOUP_STATUS_OK);
  g_assert_cmpfloat (json_object_get_double_member (envelope_data (controlled, 200), "balance"), ==, 3.5);
}

static void
test_balance_faults (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) unauthorized = NULL;
  g_autoptr(JsonNode) garbage = NULL;
  g_autoptr(JsonNode) apixo_unauthorized = NULL;
  g_autoptr(JsonNode) apixo_garbage = NULL;
  g_autoptr(JsonNode) no_key = NULL;

  /* Each provider takes its own faults. */
  rushes_fake_provider_add_fault (f->provider, "apixo-balance-401");
  rushes_fake_provider_add_fault (f->provider, "wavespeed-balance-401");
  unauthorized = bearer_call (f, "wavespeed", SOUP_METHOD_GET, "/balance", NULL, BEARER_KEY, SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (envelope_data (unauthorized, 401));
  apixo_unauthorized = bearer_call (f, "apixo", SOUP_METHOD_GET, "/apikeys/current-balance", NULL, BEARER_KEY,
                                    SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (envelope_data (apixo_unauthorized, 401));

  rushes_fake_provider_add_fault (f->provider, "wavespeed-balance-garbage");
  garbage = bearer_call (f, "wavespeed", SOUP_METHOD_GET, "/balance", NULL, BEARER_KEY, SOUP_STATUS_OK);
  g_assert_cmpstr (member_string (envelope_data (garbage, 200), "balance"), ==, "NaN");
  rushes_fake_provider_add_fault (f->provider, "apixo-balance-garbage");
  apixo_garbage = bearer_call (f, "apixo", SOUP_METHOD_GET, "/apikeys/current-balance", NULL, BEARER_KEY, SOUP_STATUS_OK);
  g_assert_cmpstr (member_string (json_node_get_object (apixo_garbage), "data"), ==, "NaN");

  rushes_fake_provider_set_apixo_key (f->provider, BEARER_KEY);
  no_key = bearer_call (f, "apixo", SOUP_METHOD_GET, "/apikeys/current-balance", NULL, "other", SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (envelope_data (no_key, 401));
}

void
test_fake_provider_add_catalog_tests (void)
{
  ADD_TEST ("wiro/tool-list", test_wiro_tool_list);
  ADD_TEST ("wiro/tool-detail", test_wiro_tool_detail);
  ADD_TEST ("wiro/tool-faults", test_wiro_tool_faults);
  ADD_TEST ("wiro/live-only-model", test_wiro_live_only_model);
  ADD_TEST ("wavespeed/models", test_wavespeed_models);
  ADD_TEST ("wavespeed/schema-checks", test_wavespeed_schema_checks);
  ADD_TEST ("wavespeed/price", test_wavespeed_price);
  ADD_TEST ("wavespeed/upload-two-step", test_wavespeed_upload_two_step);
  ADD_TEST ("wavespeed/multipart-upload-gone", test_wavespeed_multipart_gone);
  ADD_TEST ("balances", test_balances);
  ADD_TEST ("fault/balances", test_balance_faults);
}
