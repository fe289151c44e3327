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

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rushes-providers.h"
#include "rushes-core.h"

static void
assert_values (RushesModel        *model,
               const char         *control,
               const char * const *expected,
               const char         *default_value)
{
  const char * const *values = rushes_model_get_allowed_values (model, control);

  g_assert_nonnull (values);
  g_assert_cmpstrv (values, expected);
  g_assert_cmpstr (rushes_model_get_default_value (model, control), ==, default_value);
}

static void
test_builtin (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  const char * const durations[] = { "4", "8", "12", NULL };
  const char * const ratios[] = { "16:9", "9:16", "auto", NULL };
  const char * const sora_resolutions[] = { "720p", NULL };
  const char * const pro_resolutions[] = { "720p", "1080p", NULL };
  const char * const controls[] = { "prompt", "image", "duration", "resolution", "aspect_ratio", NULL };
  const char *ids[] = { "wiro/openai/sora-2", "wiro/openai/sora-2-pro" };
  /* Files load in name order, entries in file order. */
  const char * const all_ids[] = {
    "apixo/veo-3-1", "apixo/kling-2-6", "apixo/seedance-1-5-pro", "apixo/hailuo-2-3", "apixo/sora-2",
    "sandbox/preview",
    "wavespeed/google/veo3.1-fast", "wavespeed/bytedance/seedance-v1.5-pro", "wavespeed/alibaba/wan-2.6",
    "wavespeed/kwaivgi/kling-v3.0-pro", "wavespeed/openai/sora-2", "wavespeed/openai/sora-2-split",
    "wavespeed/openai/sora",
    "wiro/openai/sora-2", "wiro/openai/sora-2-pro", "wiro/google/veo3-1", "wiro/google/veo3-1-fast",
    "wiro/klingai/kling-v3", "wiro/bytedance/seedance-pro-v1-5", "wiro/minimax/hailuo-2-3",
    NULL
  };
  g_autoptr(GStrvBuilder) loaded = g_strv_builder_new ();
  g_auto(GStrv) loaded_ids = NULL;

  g_assert_cmpuint (rushes_model_catalog_get_load_errors (catalog)->len, ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      g_strv_builder_add (loaded, rushes_model_get_id (model));
    }
  loaded_ids = g_strv_builder_end (loaded);
  g_assert_cmpstrv (loaded_ids, all_ids);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      RushesModel *model = rushes_model_catalog_lookup (catalog, ids[i]);
      g_auto(GStrv) names = NULL;

      g_assert_nonnull (model);
      g_assert_cmpstr (rushes_model_get_provider_id (model), ==, "wiro");
      g_assert_true (rushes_model_get_retired (model));
      g_assert_nonnull (strstr (rushes_model_get_retired_note (model), "2026-09-24"));
      g_assert_true (rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO));
      g_assert_true (rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO));
      names = rushes_model_list_controls (model);
      g_assert_cmpstrv (names, controls);
      assert_values (model, "duration", durations, "4");
      assert_values (model, "aspect_ratio", ratios, "auto");
      g_assert_cmpint (rushes_model_get_control_kind (model, "image"), ==, RUSHES_CONTROL_KIND_IMAGE);
      g_assert_cmpuint (rushes_model_get_max_length (model, "prompt"), ==, 10000);
      g_assert_cmpuint (rushes_model_get_max_image_bytes (model, "image"), ==, 10000000);
      g_assert_true (g_str_has_prefix (rushes_model_get_origin (model), "/io/github/rushes/Rushes/models/"));
    }

  g_assert_cmpstr (rushes_model_get_name (rushes_model_catalog_lookup (catalog, ids[0])), ==, "Sora 2");
  g_assert_cmpstr (rushes_model_get_name (rushes_model_catalog_lookup (catalog, ids[1])), ==, "Sora 2 Pro");
  assert_values (rushes_model_catalog_lookup (catalog, ids[0]), "resolution", sora_resolutions, "720p");
  assert_values (rushes_model_catalog_lookup (catalog, ids[1]), "resolution", pro_resolutions, "720p");
}

static void
write_user_file (const char *name,
                 const char *contents)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "rushes", "models", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

#define MODEL(ID, NAME, EXTRA) \
  "{ \"format\": 1, \"models\": [ { \"id\": \"" ID "\", \"provider\": \"wiro\", \"name\": \"" NAME "\"," \
  "  \"modes\": [\"text-to-video\"], \"path\": \"test/model\"," \
  "  \"controls\": { \"prompt\": {}, \"duration\": { \"values\": [5, 10], \"default\": 5 } }," \
  "  \"request\": [ { \"field\": \"prompt\", \"from\": \"prompt\" } ]" EXTRA " } ] }"

static gboolean
error_mentions (GPtrArray  *errors,
                const char *path,
                const char *reason)
{
  for (guint i = 0; i < errors->len; i++)
    {
      GError *error = g_ptr_array_index (errors, i);

      if (strstr (error->message, path) != NULL && strstr (error->message, reason) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_user_files (void)
{
  g_autoptr(RushesModelCatalog) catalog = NULL;
  g_autoptr(RushesModelCatalog) builtin = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "rushes", "models", NULL);
  g_autofree char *truncated = g_build_filename (dir, "20-truncated.json", NULL);
  g_autofree char *bad_default = g_build_filename (dir, "30-bad-default.json", NULL);
  g_autofree char *unknown_provider = g_build_filename (dir, "40-provider.json", NULL);
  GPtrArray *errors;
  RushesModel *model;

  write_user_file ("10-good.json", MODEL ("wiro/test/good", "Good", ""));
  write_user_file ("20-truncated.json", "{ \"format\": 1, \"models\": [ { \"id\": \"wiro/test/cut\", ");
  write_user_file ("30-bad-default.json",
                   "{ \"format\": 1, \"models\": [ { \"id\": \"wiro/test/x\", \"provider\": \"wiro\", \"name\": \"X\","
                   "  \"modes\": [\"text-to-video\"], \"path\": \"x\","
                   "  \"controls\": { \"prompt\": {}, \"duration\": { \"values\": [5, 10], \"default\": 7 } },"
                   "  \"request\": [ { \"field\": \"prompt\", \"from\": \"prompt\" } ] } ] }");
  write_user_file ("40-provider.json",
                   "{ \"format\": 1, \"models\": [ { \"id\": \"nowhere/x\", \"provider\": \"nowhere\", \"name\": \"X\","
                   "  \"modes\": [\"text-to-video\"], \"path\": \"x\","
                   "  \"controls\": { \"prompt\": {} },"
                   "  \"request\": [ { \"field\": \"prompt\", \"from\": \"prompt\" } ] } ] }");
  /* A user entry with a built-in id replaces it. */
  write_user_file ("50-override.json", MODEL ("wiro/openai/sora-2", "Sora 2 (my gateway)", ""));
  write_user_file ("notes.txt", "not a catalog file");

  catalog = rushes_model_catalog_new_default ();
  errors = rushes_model_catalog_get_load_errors (catalog);

  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_true (error_mentions (errors, truncated, "not valid JSON"));
  g_assert_true (error_mentions (errors, bad_default, "controls.duration: “default” is not one of the allowed values"));
  g_assert_true (error_mentions (errors, unknown_provider, "unknown provider “nowhere”"));

  /* One added; the override replaced its entry. */
  builtin = rushes_model_catalog_new ();
  rushes_model_catalog_load_builtin (builtin);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (builtin)) + 1);
  g_assert_nonnull (rushes_model_catalog_lookup (catalog, "wiro/test/good"));
  g_assert_nonnull (rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2-pro"));
  model = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  g_assert_cmpstr (rushes_model_get_name (model), ==, "Sora 2 (my gateway)");
  g_assert_false (rushes_model_get_retired (model));
}

static void
test_malformed_entries (void)
{
  const struct {
    const char *json;
    const char *reason;
  } cases[] = {
    { "[]", "must hold a JSON object" },
    { "{ \"format\": 2, \"models\": [] }", "“format” must be 1" },
    { "{ \"format\": 1 }", "“models” must be an array" },
    { "{ \"format\": 1, \"models\": [ 3 ] }", "a model entry must be an object" },
    { MODEL ("other/x", "X", ""), "the id must start with the provider" },
    { MODEL ("wiro/x", "X", ", \"price\": { }"), "“price” must be an array" },
    { MODEL ("wiro/x", "X", ", \"polling\": { \"interval\": \"5\" }"), "“interval” must be a number" },
    { MODEL ("wiro/x", "X", ", \"constraints\": [ { \"when\": { \"duration\": 5 } } ]"), "needs both “when” and “allow”" },
    { MODEL ("wiro/x", "X", ", \"constraints\": [ { \"when\": { \"colour\": 5 }, \"allow\": { \"duration\": [5] } } ]"),
      "unknown control “colour”" },
    { MODEL ("wiro/x", "X", ", \"constraints\": [ { \"when\": { \"mode\": \"text-to-video\" }, \"allow\": { \"duration\": [7] } } ]"),
      "“7” is not a value of “duration”" },
    { MODEL ("wiro/x", "X", ", \"constraints\": [ { \"when\": { \"duration\": [5] }, \"allow\": { \"duration\": [] } } ]"),
      "“allow.duration” must not be empty" },
    { "{ \"format\": 1, \"models\": [ { \"id\": \"wiro/x\", \"provider\": \"wiro\", \"name\": \"X\", \"modes\": [\"image-to-video\"],"
      " \"path\": \"x\", \"controls\": { \"prompt\": {} }, \"request\": [ { \"field\": \"prompt\", \"from\": \"prompt\" } ] } ] }",
      "image-to-video needs an “image” control" },
    { "{ \"format\": 1, \"models\": [ { \"id\": \"wiro/x\", \"provider\": \"wiro\", \"name\": \"X\", \"modes\": [\"text-to-video\"],"
      " \"path\": \"x\", \"controls\": { \"prompt\": {}, \"aspect_ratio\": { \"values\": [\"16:9\", \"9:16\"] } },"
      " \"request\": [ { \"field\": \"ar\", \"from\": \"aspect_ratio\", \"map\": { \"16:9\": \"landscape\" } } ] } ] }",
      "“map” lacks the value “9:16”" },
    { "{ \"format\": 1, \"models\": [ { \"id\": \"wiro/x\", \"provider\": \"wiro\", \"name\": \"X\", \"modes\": [\"text-to-video\"],"
      " \"path\": \"x\", \"controls\": { \"prompt\": {}, \"style\": { \"values\": [\"a\"] } },"
      " \"request\": [ { \"field\": \"prompt\", \"from\": \"prompt\" } ] } ] }",
      "unknown control; give its “kind”" },
    { "{ \"format\": 1, \"models\": [ { \"id\": \"wiro/x\", \"provider\": \"wiro\", \"name\": \"X\", \"modes\": [\"text-to-video\"],"
      " \"path\": \"x\", \"controls\": { \"prompt\": {}, \"duration\": { \"values\": [\"long\"] } },"
      " \"request\": [ { \"field\": \"prompt\", \"from\": \"prompt\" } ] } ] }",
      "durations are whole seconds" },
    { "{ \"format\": 1, \"models\": [ { \"id\": \"wiro/x\", \"provider\": \"wiro\", \"name\": \"X\", \"modes\": [\"sideways\"],"
      " \"path\": \"x\", \"controls\": { \"prompt\": {} }, \"request\": [ { \"field\": \"prompt\", \"from\": \"prompt\" } ] } ] }",
      "unknown mode “sideways”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new ();
      g_autoptr(GBytes) data = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;

      g_assert_false (rushes_model_catalog_load_data (catalog, "case.json", data, &error));
      g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
      if (strstr (error->message, cases[i].reason) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].reason);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
    }
}

/* Whatever is planted in the user's model folder costs only itself. */
static void
test_hostile_files (void)
{
  g_autoptr(RushesModelCatalog) catalog = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "rushes", "models", NULL);
  g_autofree char *zero = g_build_filename (dir, "20-zero.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "30-fifo.json", NULL);
  g_autofree char *deep_path = g_build_filename (dir, "40-deep.json", NULL);
  GString *deep = g_string_new ("{\"format\": 1, \"models\": ");
  GPtrArray *errors;

  write_user_file ("10-good.json", MODEL ("wiro/test/good", "Good", ""));
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  write_user_file ("40-deep.json", deep->str);
  g_string_free (deep, TRUE);

  catalog = rushes_model_catalog_new_default ();
  errors = rushes_model_catalog_get_load_errors (catalog);

  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_true (error_mentions (errors, zero, "symbolic link"));
  g_assert_true (error_mentions (errors, fifo, "not a regular file"));
  g_assert_true (error_mentions (errors, deep_path, "nested deeper"));
  g_assert_nonnull (rushes_model_catalog_lookup (catalog, "wiro/test/good"));
}

/* The live cache is written as JSON by Rushes: a number json-glib 1.6
 * would write as "1e-08.0" (a price, a step) left a cache that did not
 * read back, and the provider's live models were gone until the next
 * refresh. */
static void
test_live_cache_numbers (void)
{
  g_autoptr(JsonArray) entries = json_array_new ();
  g_autoptr(GDateTime) fetched_at = g_date_time_new_utc (2026, 12, 6, 12, 0, 0);
  g_autoptr(GBytes) cache = NULL;
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new ();
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GError) error = NULL;
  RushesModel *model;
  double usd = -1;

  json_array_add_element (entries, json_from_string (
    "{\"id\": \"wiro/tiny/price\", \"provider\": \"wiro\", \"name\": \"Tiny price\", "
    "\"modes\": [\"text-to-video\"], \"path\": \"tiny/price\", "
    "\"controls\": {\"prompt\": {\"required\": true}, \"duration\": {\"values\": [4], \"default\": 4}}, "
    "\"request\": [{\"field\": \"prompt\", \"from\": \"prompt\"}, "
    "{\"field\": \"seconds\", \"from\": \"duration\", \"type\": \"string\"}], "
    "\"price\": [{\"per_second\": 1e-08}]}", &error));
  g_assert_no_error (error);

  cache = rushes_model_catalog_write_live ("wiro", fetched_at, entries);
  g_assert_true (rushes_model_catalog_load_live (catalog, "wiro", cache, "tiny.json", &error));
  g_assert_no_error (error);
  model = rushes_model_catalog_lookup (catalog, "wiro/tiny/price");
  g_assert_nonnull (model);
  g_assert_true (rushes_model_get_available (model));
  rushes_generation_params_set_prompt (params, "A fox");
  g_assert_true (rushes_model_validate (model, params, &error));
  g_assert_no_error (error);
  g_assert_true (rushes_model_estimate_cost (model, params, &usd));
  g_assert_cmpfloat_with_epsilon (usd, 4e-08, 1e-15);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/catalog/builtin", test_builtin);
  g_test_add_func ("/rushes/catalog/user-files", test_user_files);
  g_test_add_func ("/rushes/catalog/malformed-entries", test_malformed_entries);
  g_test_add_func ("/rushes/catalog/hostile-files", test_hostile_files);
  g_test_add_func ("/rushes/catalog/live-cache-numbers", test_live_cache_numbers);

  return g_test_run ();
}
