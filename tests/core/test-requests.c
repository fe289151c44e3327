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

#include "config.h"

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-model-private.h"

/* Golden wire requests: golden-requests.json, beside this file, holds for every
 * built-in model and every mode it offers, typical settings and the exact
 * route and body they must produce. A model added to data/models/ without
 * its cases fails here. */

/* Stands for a local PNG in the golden file: the Sandbox takes files only. */
#define LOCAL_IMAGE "@start.png@"

static char *local_image_path;
static const char *golden_path;   /* meson passes it: the file moves with the test */

/* In each test's own isolated folder. */
static void
write_local_image (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autoptr(GError) error = NULL;

  g_free (local_image_path);
  local_image_path = g_build_filename (g_get_user_cache_dir (), "start.png", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (local_image_path, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
}

/* Puts the PNG's path in place of LOCAL_IMAGE, in settings and bodies. */
static void
replace_local_image (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        replace_local_image (json_object_get_member (json_node_get_object (node), l->data));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        replace_local_image (json_array_get_element (json_node_get_array (node), i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           g_str_equal (json_node_get_string (node), LOCAL_IMAGE))
    json_node_set_string (node, local_image_path);
}

static JsonNode *
load_golden (void)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = NULL;
  g_autofree char *text = NULL;

  g_file_get_contents (golden_path, &text, NULL, &error);
  g_assert_no_error (error);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  write_local_image ();
  replace_local_image (root);

  return root;
}

static RushesGenerationParams *
params_from_json (JsonObject *object)
{
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      rushes_generation_params_set_value (params, l->data, json_object_get_string_member (object, l->data), &error);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&params);
}

/* Returns: NULL when the case holds, else what differs. */
static char *
check_case (RushesModelCatalog *catalog,
            JsonObject         *golden)
{
  const char *model_id = json_object_get_string_member (golden, "model");
  RushesModel *model = rushes_model_catalog_lookup (catalog, model_id);
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  JsonNode *expected_body = json_object_get_member (golden, "body");

  if (model == NULL)
    return g_strdup_printf ("%s: not in the catalog", model_id);

  params = params_from_json (json_object_get_object_member (golden, "params"));
  if (!rushes_model_validate (model, params, &error))
    return g_strdup_printf ("%s: the settings do not validate: %s", model_id, error->message);

  complete = rushes_model_complete_params (model, params);
  request = _rushes_model_build_request (model, complete, &error);
  if (request == NULL)
    return g_strdup_printf ("%s: %s", model_id, error->message);
  if (g_strcmp0 (request->path, json_object_get_string_member (golden, "path")) != 0)
    return g_strdup_printf ("%s: route “%s”, expected “%s”", model_id, request->path,
                            json_object_get_string_member (golden, "path"));

  body = _rushes_wire_request_to_json (request, &error);
  if (body == NULL)
    return g_strdup_printf ("%s: %s", model_id, error->message);

  if (json_node_equal (body, expected_body))
    return NULL;

  expected = json_to_string (expected_body, FALSE);
  actual = json_to_string (body, FALSE);
  return g_strdup_printf ("%s (%s):\n  expected %s\n  sent     %s", model_id,
                          rushes_generation_mode_to_string (rushes_generation_params_get_mode (params)),
                          expected, actual);
}

static void
test_golden (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(JsonNode) root = load_golden ();
  JsonArray *cases = json_object_get_array_member (json_node_get_object (root), "cases");
  guint failures = 0;

  g_assert_cmpuint (rushes_model_catalog_get_load_errors (catalog)->len, ==, 0);
  g_assert_cmpuint (json_array_get_length (cases), >, 0);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      g_autofree char *problem = check_case (catalog, json_array_get_object_element (cases, i));

      if (problem != NULL)
        {
          g_test_message ("case %u, %s", i, problem);
          failures++;
        }
    }

  if (failures > 0)
    g_test_fail_printf ("%u of %u golden requests differ", failures, json_array_get_length (cases));
}

/* Every model, in every mode it offers, has a golden case. */
static void
test_coverage (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(JsonNode) root = load_golden ();
  JsonArray *cases = json_object_get_array_member (json_node_get_object (root), "cases");
  g_autoptr(GHashTable) covered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *models = G_LIST_MODEL (catalog);
  guint missing = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *golden = json_array_get_object_element (cases, i);
      JsonObject *params = json_object_get_object_member (golden, "params");
      const char *mode = json_object_has_member (params, "image") ? "image-to-video" : "text-to-video";

      g_hash_table_add (covered, g_strdup_printf ("%s %s", json_object_get_string_member (golden, "model"), mode));
    }

  g_assert_cmpuint (g_list_model_get_n_items (models), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (models, i);

      for (RushesGenerationMode mode = RUSHES_GENERATION_MODE_TEXT_TO_VIDEO;
           mode <= RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO; mode++)
        {
          g_autofree char *key = NULL;

          if (!rushes_model_supports_mode (model, mode))
            continue;

          key = g_strdup_printf ("%s %s", rushes_model_get_id (model), rushes_generation_mode_to_string (mode));
          if (!g_hash_table_contains (covered, key))
            {
              g_test_message ("no golden request for %s", key);
              missing++;
            }
        }
    }

  if (missing > 0)
    g_test_fail_printf ("%u model modes have no golden request in golden-requests.json", missing);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  rushes_providers_register_builtin ();

  g_assert_cmpint (argc, ==, 2);
  golden_path = argv[1];

  g_test_add_func ("/rushes/requests/golden", test_golden);
  g_test_add_func ("/rushes/requests/coverage", test_coverage);

  ret = g_test_run ();
  g_free (local_image_path);

  return ret;
}
