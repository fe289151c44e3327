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

void
test_fake_provider_add_catalog_tests (void)
{
  ADD_TEST ("wiro/tool-list", test_wiro_tool_list);
  ADD_TEST ("wiro/tool-detail", test_wiro_tool_detail);
  ADD_TEST ("wiro/tool-faults", test_wiro_tool_faults);
  ADD_TEST ("wiro/live-only-model", test_wiro_live_only_model);
}
