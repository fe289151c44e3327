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

#define G_LOG_DOMAIN "test-redownload"

#include "config.h"

#include <glib/gstdio.h>

#include "rushes-engine.h"
#include "rushes-test-async.h"
#include "rushes-fake-provider.h"

/* A paid clip whose video went missing comes back at the next start,
 * from the provider, without a second submit. */

static const char *video_path;

static gboolean
run (RushesLibrary      *library,
     RushesModelCatalog *catalog,
     RushesSecretStore  *secrets,
     RushesConfig       *config,
     RushesTask         *task,
     GError            **error)
{
  g_autoptr(RushesTaskRunner) runner = rushes_task_runner_new (library, catalog, secrets, config);
  g_autoptr(GAsyncResult) result = NULL;

  rushes_task_runner_run_async (runner, task, RUSHES_RUN_FLAGS_NONE, NULL, rushes_test_store_result_cb, &result);
  return rushes_task_runner_run_finish (runner, rushes_test_await (&result), error);
}

static void
test_missing_video_downloaded_again (void)
{
  g_autoptr(RushesFakeProvider) fake = rushes_fake_provider_new (video_path);
  g_autoptr(RushesConfig) config = rushes_config_new ();
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesLibrary) restarted = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *socket_url = NULL;
  g_autofree char *served = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;
  gsize served_len, again_len;
  RushesTask *reloaded;

  rushes_fake_provider_set_wiro_credentials (fake, "key", NULL);
  rushes_fake_provider_set_step_interval (fake, 5);
  g_assert_true (rushes_fake_provider_start (fake, &error));
  base_url = rushes_fake_provider_get_base_url (fake, "wiro");
  socket_url = rushes_fake_provider_get_socket_url (fake);
  g_assert_true (rushes_config_set_base_url (config, "wiro", base_url, &error));
  g_assert_true (rushes_config_set_socket_url (config, "wiro", socket_url, &error));
  rushes_config_set_poll_interval_ms (config, 20);
  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_KEY, "key", NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_secret_store_store_finish (secrets, rushes_test_await (&result), NULL));
  g_clear_object (&result);

  rushes_generation_params_set_prompt (params, "Paid for, then lost");
  rushes_library_create_task_async (library, rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"),
                                    params, NULL, rushes_test_store_result_cb, &result);
  task = rushes_library_create_task_finish (library, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_true (run (library, catalog, secrets, config, task, &error));
  g_assert_no_error (error);

  path = g_file_get_path (rushes_task_get_video_file (task));
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* The next start notices and fetches it again. */
  restarted = rushes_test_open_library ();
  reloaded = rushes_library_lookup (restarted, rushes_task_get_id (task));
  g_assert_nonnull (reloaded);
  g_assert_null (rushes_task_get_video_file (reloaded));
  unfinished = rushes_library_list_unfinished (restarted);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_true (g_ptr_array_index (unfinished, 0) == reloaded);

  g_assert_true (run (restarted, catalog, secrets, config, reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_true (g_file_get_contents (path, &again, &again_len, NULL));
  g_assert_true (g_file_get_contents (video_path, &served, &served_len, NULL));
  g_assert_cmpmem (again, again_len, served, served_len);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fake, "/Run/openai/sora-2"), ==, 1);
}

/* The provider deleted its copy: the clip stays a succeeded one (it was
 * made and paid for), says why its video is missing, and is never sent
 * again. */
static void
test_missing_video_gone_upstream (void)
{
  g_autoptr(RushesFakeProvider) fake = rushes_fake_provider_new (video_path);
  g_autoptr(RushesConfig) config = rushes_config_new ();
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesLibrary) restarted = NULL;
  g_autoptr(RushesLibrary) again = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *path = NULL;
  RushesTask *reloaded;

  rushes_fake_provider_set_wiro_credentials (fake, "key", NULL);
  rushes_fake_provider_set_step_interval (fake, 5);
  g_assert_true (rushes_fake_provider_start (fake, &error));
  base_url = rushes_fake_provider_get_base_url (fake, "wiro");
  g_assert_true (rushes_config_set_base_url (config, "wiro", base_url, &error));
  rushes_config_set_poll_interval_ms (config, 20);
  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_KEY, "key", NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_secret_store_store_finish (secrets, rushes_test_await (&result), NULL));
  g_clear_object (&result);

  rushes_generation_params_set_prompt (params, "Paid for, lost, and gone upstream");
  rushes_library_create_task_async (library, rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"),
                                    params, NULL, rushes_test_store_result_cb, &result);
  task = rushes_library_create_task_finish (library, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_true (run (library, catalog, secrets, config, task, &error));
  g_assert_no_error (error);
  path = g_file_get_path (rushes_task_get_video_file (task));
  g_assert_cmpint (g_unlink (path), ==, 0);

  restarted = rushes_test_open_library ();
  reloaded = rushes_library_lookup (restarted, rushes_task_get_id (task));
  rushes_fake_provider_add_fault (fake, "download-gone");
  g_assert_false (run (restarted, catalog, secrets, config, reloaded, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_null (rushes_task_get_video_file (reloaded));

  /* So it is on disk too: a succeeded clip, to be asked for again. */
  again = rushes_test_open_library ();
  reloaded = rushes_library_lookup (again, rushes_task_get_id (task));
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (rushes_fake_provider_count_requests (fake, "/Run/openai/sora-2"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, ==, 2);
  video_path = argv[1];

  g_test_add_func ("/rushes/runner/missing-video-downloaded-again", test_missing_video_downloaded_again);
  g_test_add_func ("/rushes/runner/missing-video-gone-upstream", test_missing_video_gone_upstream);

  return g_test_run ();
}
