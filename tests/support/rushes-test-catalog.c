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

#define G_LOG_DOMAIN "rushes-test-catalog"

#include "config.h"

#include "rushes-test-catalog.h"
#include "rushes-wiro-provider-private.h"

/* A large live catalog for the benchmarks: the fake's Wiro listing, its
 * tools repeated under names and vendors of their own. */

static const char * const words[] = {
  "Aurora", "Kite", "Harbour", "Ember", "Quartz", "Lumen", "Drift", "Nimbus", "Vesper", "Orbit",
  "Cinder", "Halo", "Prism", "Tide", "Zephyr",
};

/**
 * rushes_test_make_live_cache:
 * @n_models: how many models the listing has
 *
 * Returns: (transfer full): a Wiro cache file of @n_models models shaped
 *   like the fake's listing, each its own
 */
GBytes *
rushes_test_make_live_cache (guint n_models)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fake-provider", "catalog", "wiro-tools.json", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonArray) entries = json_array_new ();
  g_autoptr(GPtrArray) shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) tools = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  tools = rushes_json_parse (text, length, RUSHES_JSON_MAX_LISTING, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (tools)); i++)
    {
      JsonObject *tool = json_array_get_object_element (json_node_get_array (tools), i);
      JsonNode *entry = _rushes_wiro_tool_to_entry (tool);

      if (entry != NULL)
        g_ptr_array_add (shapes, entry);
    }

  for (guint i = 0; i < n_models; i++)
    {
      JsonNode *shape = g_ptr_array_index (shapes, i % shapes->len);
      g_autofree char *text_copy = json_to_string (shape, FALSE);
      JsonNode *entry = json_from_string (text_copy, NULL);
      JsonObject *object = json_node_get_object (entry);
      g_autofree char *id = g_strdup_printf ("wiro/vendor-%u/model-%u", i % 40, i);
      g_autofree char *name = g_strdup_printf ("%s %s %u", words[i % G_N_ELEMENTS (words)],
                                               words[(i / 7) % G_N_ELEMENTS (words)], i);
      g_autofree char *vendor = g_strdup_printf ("Vendor %u", i % 40);

      json_object_set_string_member (object, "id", id);
      json_object_set_string_member (object, "name", name);
      json_object_set_string_member (object, "vendor", vendor);
      json_array_add_element (entries, entry);
    }

  return rushes_model_catalog_write_live ("wiro", now, entries);
}

/**
 * rushes_test_install_live_cache:
 *
 * Puts @cache where the next catalog opens it from, as a refresh would.
 */
void
rushes_test_install_live_cache (const char *provider_id,
                                GBytes     *cache)
{
  g_autoptr(GFile) directory = rushes_model_catalog_get_cache_directory ();
  g_autofree char *name = g_strconcat (provider_id, ".json", NULL);
  g_autofree char *file = g_build_filename (g_file_peek_path (directory), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (directory), 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (cache, NULL), g_bytes_get_size (cache), &error));
  g_assert_no_error (error);
}
