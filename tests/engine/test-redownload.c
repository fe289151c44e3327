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

typedef struct
{
  RushesFakeProvider *fake;
  RushesConfig       *config;
  RushesModelCatalog *catalog;
  RushesSecretStore  *secrets;
  RushesTask         *task;       /* succeeded, in a library since closed */
  char               *path;       /* its video, deleted */
} Fixture;

static gboolean
run (Fixture        *fixture,
     RushesLibrary  *library,
     RushesTask     *task,
     GError        **error)
{
  g_autoptr(RushesTaskRunner) runner = rushes_task_runner_new (library, fixture->catalog, fixture->secrets,
                                                               fixture->config);
  g_autoptr(GAsyncResult) result = NULL;

  rushes_task_runner_run_async (runner, task, RUSHES_RUN_FLAGS_NONE, NULL, rushes_test_store_result_cb, &result);
  return rushes_task_runner_run_finish (runner, rushes_test_await (&result), error);
}

/* A clip made and paid for through the fake Wiro, then its video lost. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *socket_url = NULL;

  fixture->fake = rushes_fake_provider_new (video_path);
  fixture->config = rushes_config_new ();
  fixture->catalog = rushes_model_catalog_new_default ();
  fixture->secrets = rushes_memory_secret_store_new ();

  rushes_fake_provider_set_wiro_credentials (fixture->fake, "key", NULL);
  rushes_fake_provider_set_step_interval (fixture->fake, 5);
  g_assert_true (rushes_fake_provider_start (fixture->fake, &error));
  base_url = rushes_fake_provider_get_base_url (fixture->fake, "wiro");
  socket_url = rushes_fake_provider_get_socket_url (fixture->fake);
  g_assert_true (rushes_config_set_base_url (fixture->config, "wiro", base_url, &error));
  g_assert_true (rushes_config_set_socket_url (fixture->config, "wiro", socket_url, &error));
  rushes_config_set_poll_interval_ms (fixture->config, 20);
  rushes_secret_store_store_async (fixture->secrets, "wiro", RUSHES_SECRET_API_KEY, "key", NULL,
                                   rushes_test_store_result_cb, &result);
  g_assert_true (rushes_secret_store_store_finish (fixture->secrets, rushes_test_await (&result), NULL));
  g_clear_object (&result);

  rushes_generation_params_set_prompt (params, "Paid for, then lost");
  rushes_library_create_task_async (library, rushes_model_catalog_lookup (fixture->catalog, "wiro/openai/sora-2"),
                                    params, NULL, rushes_test_store_result_cb, &result);
  fixture->task = rushes_library_create_task_finish (library, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_true (run (fixture, library, fixture->task, &error));
  g_assert_no_error (error);

  fixture->path = g_file_get_path (rushes_task_get_video_file (fixture->task));
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Whatever happened to the video, the clip was never sent again. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2"), ==, 1);

  g_clear_object (&fixture->task);
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->catalog);
  g_clear_object (&fixture->config);
  g_clear_object (&fixture->fake);
  g_free (fixture->path);
}

/* The next start notices and fetches it again. */
static void
test_missing_video_downloaded_again (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RushesLibrary) restarted = rushes_test_open_library ();
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *served = NULL;
  g_autofree char *again = NULL;
  gsize served_len, again_len;
  RushesTask *reloaded;

  reloaded = rushes_library_lookup (restarted, rushes_task_get_id (fixture->task));
  g_assert_nonnull (reloaded);
  g_assert_null (rushes_task_get_video_file (reloaded));
  unfinished = rushes_library_list_unfinished (restarted);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_true (g_ptr_array_index (unfinished, 0) == reloaded);

  g_assert_true (run (fixture, restarted, reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_true (g_file_get_contents (fixture->path, &again, &again_len, NULL));
  g_assert_true (g_file_get_contents (video_path, &served, &served_len, NULL));
  g_assert_cmpmem (again, again_len, served, served_len);
}

/* The provider deleted its copy: the clip stays a succeeded one (it was
 * made and paid for), says why its video is missing, and is asked for
 * again at the next start. */
static void
test_missing_video_gone_upstream (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RushesLibrary) restarted = rushes_test_open_library ();
  g_autoptr(RushesLibrary) again = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *reloaded;

  reloaded = rushes_library_lookup (restarted, rushes_task_get_id (fixture->task));
  rushes_fake_provider_add_fault (fixture->fake, "download-gone");
  g_assert_false (run (fixture, restarted, reloaded, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_null (rushes_task_get_video_file (reloaded));

  /* So it is on disk too. */
  again = rushes_test_open_library ();
  reloaded = rushes_library_lookup (again, rushes_task_get_id (fixture->task));
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, ==, 2);
  video_path = argv[1];

  g_test_add ("/rushes/runner/missing-video-downloaded-again", Fixture, NULL,
              fixture_set_up, test_missing_video_downloaded_again, fixture_tear_down);
  g_test_add ("/rushes/runner/missing-video-gone-upstream", Fixture, NULL,
              fixture_set_up, test_missing_video_gone_upstream, fixture_tear_down);

  return g_test_run ();
}
