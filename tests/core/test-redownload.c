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

#include "rushes-test-runner.h"

/* A paid clip whose video went missing comes back at the next start,
 * from the provider, without a second submit. */

static const char *video_path;

/* The runner's test fixture, with a clip made and paid for through the fake
 * Wiro whose video was then lost; the library is opened again, as at the
 * next start. */
typedef struct
{
  RushesTestRunner  runner;
  char             *task_id;
  char             *path;       /* its video, deleted */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  RushesTestRunner *f = &fixture->runner;
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;

  rushes_test_runner_set_up_fake (f, video_path);
  rushes_fake_provider_set_wiro_credentials (f->fake, "key", NULL);
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_KEY, "key");

  task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "Paid for, then lost", NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  fixture->task_id = g_strdup (rushes_task_get_id (task));
  fixture->path = g_file_get_path (rushes_task_get_video_file (task));
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);

  rushes_test_runner_restart (f);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Whatever happened to the video, the clip was never sent again. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->runner.fake, "/Run/openai/sora-2"), ==, 1);

  rushes_test_runner_tear_down (&fixture->runner);
  g_free (fixture->task_id);
  g_free (fixture->path);
}

/* The next start notices and fetches it again. */
static void
test_missing_video_downloaded_again (Fixture       *fixture,
                                     gconstpointer  data)
{
  RushesTestRunner *f = &fixture->runner;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *served = NULL;
  g_autofree char *again = NULL;
  gsize served_len, again_len;
  RushesTask *reloaded;

  reloaded = rushes_library_lookup (f->library, fixture->task_id);
  g_assert_nonnull (reloaded);
  g_assert_null (rushes_task_get_video_file (reloaded));
  unfinished = rushes_library_list_unfinished (f->library);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_true (g_ptr_array_index (unfinished, 0) == reloaded);

  g_assert_true (rushes_test_runner_run (f, reloaded, RUSHES_RUN_FLAGS_NONE, NULL, &error));
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
  RushesTestRunner *f = &fixture->runner;
  g_autoptr(GError) error = NULL;
  RushesTask *reloaded;

  reloaded = rushes_library_lookup (f->library, fixture->task_id);
  rushes_fake_provider_add_fault (f->fake, "download-gone");
  g_assert_false (rushes_test_runner_run (f, reloaded, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_null (rushes_task_get_video_file (reloaded));

  /* So it is on disk too. */
  rushes_test_runner_restart (f);
  reloaded = rushes_library_lookup (f->library, fixture->task_id);
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  video_path = rushes_test_runner_init (&argc, &argv);
  g_assert_nonnull (video_path);

  g_test_add ("/rushes/runner/missing-video-downloaded-again", Fixture, NULL,
              fixture_set_up, test_missing_video_downloaded_again, fixture_tear_down);
  g_test_add ("/rushes/runner/missing-video-gone-upstream", Fixture, NULL,
              fixture_set_up, test_missing_video_gone_upstream, fixture_tear_down);

  return g_test_run ();
}
