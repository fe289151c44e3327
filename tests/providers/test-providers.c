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
#include "rushes-test-async.h"

/* The provider registry as the app and the CLI see it before they have a
 * provider object, and the default model it leads to. */

static void
test_registry (void)
{
  g_autoptr(RushesConfig) config = rushes_config_new ();
  g_autoptr(RushesHttp) http = rushes_http_new (config);
  const char * const *ids = rushes_provider_list_ids ();

  g_assert_true (g_strv_contains (ids, "wiro"));
  g_assert_true (g_strv_contains (ids, "wavespeed"));
  g_assert_true (g_strv_contains (ids, "apixo"));
  g_assert_false (rushes_provider_id_is_known ("nosuch"));
  g_assert_null (rushes_provider_new_for_id ("nosuch", http));

  g_assert_cmpstr (rushes_provider_id_get_name ("wavespeed"), ==, "WaveSpeed");
  g_assert_cmpstr (rushes_provider_id_get_name ("apixo"), ==, "APIXO");
  g_assert_true (rushes_provider_id_uses_secret ("wiro"));
  g_assert_false (rushes_provider_id_uses_secret ("wavespeed"));
  g_assert_false (rushes_provider_id_uses_secret ("apixo"));
  g_assert_true (rushes_provider_id_needs_key ("wavespeed"));
  g_assert_true (rushes_provider_id_needs_key ("apixo"));
  /* The Sandbox works offline, without an account. */
  g_assert_true (g_strv_contains (ids, "sandbox"));
  g_assert_false (rushes_provider_id_needs_key ("sandbox"));
  g_assert_false (rushes_provider_id_uses_secret ("sandbox"));

  /* What the registry says matches what the providers do. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(RushesProvider) provider = rushes_provider_new_for_id (ids[i], http);

      g_assert_nonnull (provider);
      g_assert_cmpstr (rushes_provider_get_id (provider), ==, ids[i]);
      g_assert_cmpstr (rushes_provider_get_name (provider), ==, rushes_provider_id_get_name (ids[i]));
      g_assert_cmpint (rushes_provider_can_cancel (provider), ==, rushes_provider_id_can_cancel (ids[i]));
    }

  /* WaveSpeed and APIXO document no cancel; only WaveSpeed takes uploads. */
  g_assert_true (rushes_provider_id_can_cancel ("wiro"));
  g_assert_false (rushes_provider_id_can_cancel ("wavespeed"));
  g_assert_false (rushes_provider_id_can_cancel ("apixo"));
  {
    g_autoptr(RushesProvider) wavespeed = rushes_provider_new_for_id ("wavespeed", http);
    g_autoptr(RushesProvider) apixo = rushes_provider_new_for_id ("apixo", http);

    g_assert_true (rushes_provider_can_upload (wavespeed));
    g_assert_false (rushes_provider_can_upload (apixo));
    g_assert_false (rushes_provider_can_watch (wavespeed));
    g_assert_false (rushes_provider_can_watch (apixo));
  }
}

static void
test_default_model (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  const char * const wavespeed[] = { "wavespeed", NULL };
  const char * const both[] = { "apixo", "wavespeed", NULL };
  const char * const wiro[] = { "wiro", NULL };
  const char * const none[] = { NULL };

  g_assert_cmpstr (rushes_model_get_id (rushes_model_catalog_get_default_model (catalog, wavespeed)), ==,
                   "wavespeed/google/veo3.1-fast");
  g_assert_cmpstr (rushes_model_get_id (rushes_model_catalog_get_default_model (catalog, both)), ==,
                   "apixo/veo-3-1");
  /* Wiro's Sora models are retired: its first current one is the default. */
  g_assert_cmpstr (rushes_model_get_id (rushes_model_catalog_get_default_model (catalog, wiro)), ==,
                   "wiro/google/veo3-1");
  g_assert_null (rushes_model_catalog_get_default_model (catalog, none));
}

static char **
list_ready (RushesConfig      *config,
            RushesSecretStore *secrets)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new ();
  g_autoptr(RushesLibrary) library = rushes_library_new (NULL);
  g_autoptr(RushesEngine) engine = rushes_engine_new_full (config, secrets, NULL, library, catalog);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char **ready;

  rushes_engine_list_ready_providers_async (engine, NULL, rushes_test_store_result_cb, &result);
  ready = rushes_engine_list_ready_providers_finish (engine, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ready);
  return ready;
}

static void
test_ready_providers (void)
{
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(RushesConfig) config = rushes_config_new ();
  g_autoptr(RushesConfig) env_config = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) nothing = NULL;
  g_auto(GStrv) stored = NULL;
  g_auto(GStrv) with_env = NULL;

  /* Without a key only the Sandbox is ready. */
  nothing = list_ready (config, secrets);
  g_assert_cmpstrv (nothing, ((const char * const []) { "sandbox", NULL }));

  rushes_test_store_secret (secrets, "apixo", RUSHES_SECRET_API_KEY, "apixo-key");
  stored = list_ready (config, secrets);
  g_assert_cmpstrv (stored, ((const char * const []) { "apixo", "sandbox", NULL }));

  /* The environment counts too, and the registry's order decides. */
  g_setenv ("RUSHES_WAVESPEED_API_KEY", "wavespeed-key", TRUE);
  env_config = rushes_config_new_from_environment (&error);
  g_assert_no_error (error);
  g_unsetenv ("RUSHES_WAVESPEED_API_KEY");
  with_env = list_ready (env_config, secrets);
  g_assert_cmpstrv (with_env, ((const char * const []) { "wavespeed", "apixo", "sandbox", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/providers/registry", test_registry);
  g_test_add_func ("/rushes/providers/default-model", test_default_model);
  g_test_add_func ("/rushes/providers/ready", test_ready_providers);

  return g_test_run ();
}
