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

#define G_LOG_DOMAIN "test-shot"

#include "config.h"

#include "rushes-core.h"
#include "rushes-providers.h"

static void
test_plan (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  RushesModel *veo = rushes_model_catalog_lookup (catalog, "wavespeed/google/veo3.1-fast");
  RushesModel *sora = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  RushesModel *both[2] = { veo, sora };
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GPtrArray) takes = NULL;
  g_autoptr(GHashTable) seeds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  rushes_generation_params_set_prompt (params, "A dancer");

  /* Three takes: three seeds of their own, recorded in their params. */
  takes = rushes_shot_plan (&veo, 1, params, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (takes->len, ==, 3);
  for (guint i = 0; i < takes->len; i++)
    {
      RushesTake *take = g_ptr_array_index (takes, i);
      const char *seed = rushes_generation_params_get_value (take->params, "seed");

      g_assert_nonnull (seed);
      g_assert_true (g_hash_table_add (seeds, (gpointer) seed));
    }
  g_clear_pointer (&takes, g_ptr_array_unref);

  /* A seed given counts up over the takes. */
  rushes_generation_params_set_value (params, "seed", "41", &error);
  takes = rushes_shot_plan (&veo, 1, params, 2, &error);
  g_assert_cmpstr (rushes_generation_params_get_value (((RushesTake *) takes->pdata[0])->params, "seed"), ==, "41");
  g_assert_cmpstr (rushes_generation_params_get_value (((RushesTake *) takes->pdata[1])->params, "seed"), ==, "42");
  g_clear_pointer (&takes, g_ptr_array_unref);

  /* Over two models: the seed goes where there is one; each take valid. */
  takes = rushes_shot_plan (both, 2, params, 1, &error);
  g_assert_no_error (error);
  g_assert_true (((RushesTake *) takes->pdata[0])->model == veo);
  g_assert_null (rushes_generation_params_get_value (((RushesTake *) takes->pdata[1])->params, "seed"));
  g_clear_pointer (&takes, g_ptr_array_unref);

  /* A value one model lacks names that model; nothing is planned. */
  rushes_generation_params_set_value (params, "seed", NULL, NULL);
  rushes_generation_params_set_value (params, "duration", "6", &error);
  takes = rushes_shot_plan (both, 2, params, 1, &error);
  g_assert_null (takes);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "Sora 2: "));
  g_clear_error (&error);

  /* At most eight takes. */
  takes = rushes_shot_plan (both, 2, params, 5, &error);
  g_assert_null (takes);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
}

static void
test_settings_round_trip (void)
{
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *model_id = NULL;

  rushes_generation_params_set_prompt (params, "A \"quoted\" prompt, with ünïcode");
  rushes_generation_params_set_value (params, "duration", "6", &error);
  rushes_generation_params_set_value (params, "seed", "1234", &error);
  g_assert_no_error (error);

  text = rushes_settings_to_string ("wavespeed/google/veo3.1-fast", params);
  g_assert_true (rushes_settings_parse (text, &model_id, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (model_id, ==, "wavespeed/google/veo3.1-fast");
  g_assert_cmpstr (rushes_generation_params_get_prompt (read), ==, "A \"quoted\" prompt, with ünïcode");
  g_assert_cmpstr (rushes_generation_params_get_value (read, "duration"), ==, "6");
  g_assert_cmpstr (rushes_generation_params_get_value (read, "seed"), ==, "1234");

  g_assert_false (rushes_settings_parse ("audiotest wave", &model_id, &read, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (rushes_settings_parse ("{\"format\": \"rushes-settings\", \"version\": 9, \"model\": \"x\"}",
                                         &model_id, &read, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
}

/* The tags of a video come from anywhere: members of the wrong type are
 * refused or ignored, without a critical (json-glib's
 * *_member_with_default() raised one on an object; found by
 * fuzz-settings), and no number is converted beyond what it holds. */
static void
test_settings_hostile (void)
{
  const char * const refused[] = {
    "{\"format\": {\"a\": 1}, \"model\": \"x\", \"params\": {}}",
    "{\"format\": \"rushes-settings\", \"version\": {\"fo\": \"auto\"}, \"model\": \"x\", \"params\": {}}",
    "{\"format\": \"rushes-settings\", \"version\": [2], \"model\": \"x\", \"params\": {}}",
    "{\"format\": \"rushes-settings\", \"version\": 1e300, \"model\": \"x\", \"params\": {}}",
    "{\"format\": \"rushes-settings\", \"version\": 1, \"model\": [\"x\"], \"params\": {}}",
  };
  g_autoptr(RushesGenerationParams) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (rushes_settings_parse (refused[i], &model_id, &read, &error));
      g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }

  g_assert_true (rushes_settings_parse ("{\"format\": \"rushes-settings\", \"version\": 1, \"model\": \"x\", "
                                        "\"prompt\": {\"not\": \"text\"}, \"params\": {}}",
                                        &model_id, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (model_id, ==, "x");
  g_assert_null (rushes_generation_params_get_prompt (read));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/shot/plan", test_plan);
  g_test_add_func ("/rushes/shot/settings-round-trip", test_settings_round_trip);
  g_test_add_func ("/rushes/shot/settings-hostile", test_settings_hostile);

  return g_test_run ();
}
