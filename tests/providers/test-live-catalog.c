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
    }

  /* Seedream (images) and Video Merge are not video models. */
  g_assert_cmpuint (video, ==, 9);
}

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/live/wiro/catalog", test_wiro_catalog);
  g_test_add_func ("/rushes/live/wavespeed/catalog", test_wavespeed_catalog);

  return g_test_run ();
}
