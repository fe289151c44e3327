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

#include <glib/gstdio.h>

#include "rushes-core.h"
#include "rushes-library-private.h"
#include "rushes-task-private.h"
#include "rushes-test-runner.h"
#include "rushes-wiro-provider-private.h"

#define KEY    "wiro-test-key"
#define SECRET "wiro-test-secret"
#define RUN    "/Run/openai/sora-2"

static const char *video_path;

typedef RushesTestRunner Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  rushes_test_runner_set_up_fake (f, video_path);
  rushes_fake_provider_set_wiro_credentials (f->fake, KEY, SECRET);
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_KEY, KEY);
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_SECRET, SECRET);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  rushes_test_runner_tear_down (f);
}

static void
assert_video_is_served_one (Fixture    *f,
                            RushesTask *task)
{
  GBytes *served = rushes_fake_provider_get_video_bytes (f->fake);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *part = NULL;

  g_assert_nonnull (rushes_task_get_video_file (task));
  stored = g_file_load_bytes (rushes_task_get_video_file (task), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (served, stored));

  part = g_strconcat (g_file_peek_path (rushes_task_get_video_file (task)), ".part", NULL);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_success (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox in the snow",
                                                               "duration", "8", "aspect_ratio", "9:16",
                                                               "resolution", "720p", NULL);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) record = NULL;
  JsonObject *object;

  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);

  /* The request carried the user's choices, as form text, signed. */
  fields = rushes_fake_provider_dup_last_fields (f->fake, RUN);
  g_assert_cmpstr (g_hash_table_lookup (fields, "prompt"), ==, "A fox in the snow");
  g_assert_cmpstr (g_hash_table_lookup (fields, "seconds"), ==, "8");
  g_assert_cmpstr (g_hash_table_lookup (fields, "ratio"), ==, "9:16");
  g_assert_cmpstr (g_hash_table_lookup (fields, "resolution"), ==, "720p");
  g_assert_false (g_hash_table_contains (fields, "inputImage"));
  nonce = rushes_fake_provider_dup_last_header (f->fake, RUN, "x-nonce");
  signature = rushes_fake_provider_dup_last_header (f->fake, RUN, "x-signature");
  expected = _rushes_wiro_sign (KEY, SECRET, nonce);
  g_assert_cmpstr (signature, ==, expected);

  /* Progress came over the socket (Task/Detail has no percentage). */
  g_assert_cmpuint (f->progress->len, >, 0);
  g_assert_cmpfloat (g_array_index (f->progress, double, 0), >, 0);
  g_assert_cmpfloat (g_array_index (f->progress, double, 0), <, 1);
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_SUBMITTING));
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_QUEUED));
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_RUNNING));
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_DOWNLOADING));

  assert_video_is_served_one (f, task);
  g_assert_cmpfloat_with_epsilon (rushes_task_get_cost_usd (task), 0.14, 1e-9);
  g_assert_nonnull (rushes_task_get_finished_at (task));

  loaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  record = rushes_task_to_json (loaded);
  object = json_node_get_object (record);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "succeeded");
  g_assert_cmpstr (json_object_get_string_member (object, "remote_id"), ==, rushes_task_get_remote_id (task));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "cost_usd"), 0.14, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (object, "video"), ==,
                   g_file_peek_path (rushes_task_get_video_file (task)));
  g_assert_true (json_object_get_null_member (object, "error"));
}

static void
test_image_file_part (Fixture       *f,
                      gconstpointer  user_data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3 };
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "start.png", NULL);
  g_autofree char *checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, png, sizeof png);
  g_autofree char *expected = g_strdup_printf ("file:input.png:%" G_GSIZE_FORMAT ":%s", sizeof png, checksum);
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(RushesTask) url_task = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);

  task = rushes_test_runner_create_task (f, "wiro/openai/sora-2-pro", "prompt", "She turns around", "image", path,
                                         "resolution", "1080p", NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);

  fields = rushes_fake_provider_dup_last_fields (f->fake, "/Run/openai/sora-2-pro");
  g_assert_cmpstr (g_hash_table_lookup (fields, "inputImage"), ==, expected);
  g_assert_cmpstr (g_hash_table_lookup (fields, "resolution"), ==, "1080p");
  g_assert_cmpstr (g_hash_table_lookup (fields, "ratio"), ==, "auto");
  g_assert_cmpstr (g_hash_table_lookup (fields, "seconds"), ==, "4");
  g_clear_pointer (&fields, g_hash_table_unref);

  /* A URL travels as text in the same field. */
  url_task = rushes_test_runner_create_task (f, "wiro/openai/sora-2-pro", "prompt", "She turns around",
                                             "image", "https://example.com/start.png", NULL);
  g_assert_true (rushes_test_runner_run (f, url_task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  fields = rushes_fake_provider_dup_last_fields (f->fake, "/Run/openai/sora-2-pro");
  g_assert_cmpstr (g_hash_table_lookup (fields, "inputImage"), ==, "https://example.com/start.png");
}

static void
test_failure (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "pexit-1");
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "exit code 1"));
  g_assert_cmpint (rushes_error_get_exit_code (error), ==, 1);

  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_FAILED);
  g_assert_cmpstr (rushes_task_get_error_code (task), ==, "failed");
  g_assert_cmpstr (rushes_task_get_error_message (task), ==, error->message);
  g_assert_null (rushes_task_get_video_file (task));
  g_assert_cmpfloat (rushes_task_get_cost_usd (task), ==, 0);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/files/"), ==, 0);

  loaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_FAILED);
  g_assert_cmpstr (rushes_task_get_error_message (loaded), ==, error->message);
}

static void
test_cancel_detached (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  guint cancels;

  /* A slow task stays queued while we cancel it. */
  rushes_fake_provider_set_step_interval (f->fake, 5000);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_QUEUED);

  /* The remote id is on disk the moment the submit answered. */
  loaded = rushes_test_reload_task (task);
  g_assert_cmpstr (rushes_task_get_remote_id (loaded), ==, rushes_task_get_remote_id (task));
  g_assert_nonnull (rushes_task_get_remote_id (loaded));
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_QUEUED);
  g_clear_object (&loaded);

  g_assert_true (rushes_test_runner_cancel (f, task, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_CANCELLED);

  cancels = rushes_fake_provider_count_requests (f->fake, "/Task/Cancel");
  g_assert_cmpuint (cancels, ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/Task/Kill"), ==, 0);
  fields = rushes_fake_provider_dup_last_fields (f->fake, "/Task/Cancel");
  g_assert_cmpstr (g_hash_table_lookup (fields, "tasktoken"), ==, _rushes_task_get_remote_token (task));

  loaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_CANCELLED);

  /* A finished task has nothing to cancel. */
  g_assert_false (rushes_test_runner_cancel (f, task, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
}

static void
test_cancel_running (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GAsyncResult) cancel_result = NULL;
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_set_step_interval (f->fake, 60);
  rushes_test_runner_cancel_when_running (f, task, &cancel_result);

  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_CANCELLED);
  g_assert_true (rushes_task_runner_cancel_finish (f->runner, rushes_test_await (&cancel_result), NULL));

  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_CANCELLED);
  /* Running: Kill, the only way to stop a started task. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/Task/Kill"), ==, 1);
  g_assert_null (rushes_task_get_video_file (task));
}

/* Without Wiro's socket, polling takes over at its full rate: the safety
 * net beside a live channel polls only every 30 s. */
static void
assert_polling_takes_over (Fixture    *f,
                           const char *fault)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  rushes_fake_provider_add_fault (f->fake, fault);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
  g_assert_cmpint (g_get_monotonic_time () - start, <, rushes_test_scaled_usec (10));
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/Task/Detail"), >=, 3);
}

static void
test_socket_drop (Fixture       *f,
                  gconstpointer  user_data)
{
  assert_polling_takes_over (f, "socket-drop");
}

static void
test_socket_refused (Fixture       *f,
                     gconstpointer  user_data)
{
  assert_polling_takes_over (f, "socket-refuse");
}

static void
test_socket_variants (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "socket-frames-variants");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->progress->len, >, 0);
  assert_video_is_served_one (f, task);
}

static void
test_status_backoff (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* Without the socket every status read counts. */
  rushes_fake_provider_add_fault (f->fake, "socket-refuse");
  rushes_fake_provider_add_fault (f->fake, "status-429");
  start = g_get_monotonic_time ();
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  /* Retry-After: 1 was honoured (the backoff alone is 20 ms), and the
   * answer did not end the task. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);
}

static void
test_status_errors_retried (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "socket-refuse");
  rushes_fake_provider_add_fault (f->fake, "status-500*2");
  rushes_fake_provider_add_fault (f->fake, "status-malformed");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
}

static void
test_download_resume (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *range = NULL;

  rushes_fake_provider_add_fault (f->fake, "download-drop");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/files/"), ==, 2);
  range = rushes_fake_provider_dup_last_header (f->fake, "/files/", "Range");
  g_assert_nonnull (range);
  g_assert_true (g_str_has_prefix (range, "bytes="));
  g_assert_cmpint (g_ascii_strtoll (range + strlen ("bytes="), NULL, 10), >, 0);
  assert_video_is_served_one (f, task);
}

static void
test_download_stall (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *part = NULL;
  gint64 kept = 0;

  /* 64 bytes, then a byte every 250 ms: under the default 16 KiB/s in the
   * first 50 ms window already, however fast or slow the machine. */
  rushes_config_set_download_stall_ms (f->config, 50);
  rushes_fake_provider_add_fault (f->fake, "download-stall");

  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "stalled"));
  g_clear_error (&error);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/files/"), ==, 1);

  /* Still downloading, on disk too, with what came so far kept. */
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_DOWNLOADING);
  loaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_DOWNLOADING);
  part = g_build_filename (g_file_peek_path (rushes_task_get_folder (task)), "video.mp4.part", NULL);
  g_assert_true (g_file_test (part, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(GFile) file = g_file_new_for_path (part);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                   NULL, &error);

    g_assert_no_error (error);
    kept = g_file_info_get_size (info);
  }

  /* The next run, with the default window, resumes from there and finishes. */
  rushes_config_set_download_stall_ms (f->config, 30 * 1000);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  if (kept > 0)
    {
      g_autofree char *range = rushes_fake_provider_dup_last_header (f->fake, "/files/", "Range");
      g_autofree char *expected = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-", kept);

      g_assert_cmpstr (range, ==, expected);
    }
  assert_video_is_served_one (f, task);
}

static gint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field))
      return g_ascii_strtoll (lines[i] + strlen (field), NULL, 10);

  g_assert_not_reached ();
}

/* A task submitted and left, so that the next run starts with a status read. */
static RushesTask *
create_detached_task (Fixture *f)
{
  RushesTask *task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);
  return task;
}

static void
test_status_redirect (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = create_detached_task (f);
  g_autoptr(GError) error = NULL;

  /* The fake sends the next API request to http://localhost:P, another
   * origin: libsoup would follow with Wiro's key and signature. */
  rushes_fake_provider_add_fault (f->fake, "redirect-302");
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "redirected"));
  g_assert_nonnull (strstr (error->message, "http://localhost:"));
  g_clear_error (&error);
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->fake, NULL), ==, 0);

  /* Nothing was lost: the next run follows the task to its video. */
  g_assert_false (rushes_task_is_finished (task));
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
}

static void
test_submit_redirect (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  /* 303 after a POST may mean "taken, see there": never sent again. */
  rushes_fake_provider_add_fault (f->fake, "redirect-303");
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
  g_assert_nonnull (strstr (error->message, "redirected"));
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_UNCERTAIN);
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->fake, NULL), ==, 0);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);
}

static void
test_status_huge (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = create_detached_task (f);
  g_autoptr(GError) error = NULL;
  gint64 rss_before, peak;

  /* Valid JSON with 1 GiB of spaces, streamed without a length. */
  rushes_fake_provider_add_fault (f->fake, "status-huge");
  g_file_set_contents ("/proc/self/clear_refs", "5", -1, NULL);
  rss_before = read_status_kib ("VmRSS:");

  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "more than 4.2"));
  g_clear_error (&error);

  /* The cap and a few socket buffers, not a gigabyte. */
  peak = read_status_kib ("VmHWM:");
  g_assert_cmpint ((peak - rss_before) * 1024, <, 32 * 1024 * 1024);

  /* The task is unchanged: the next run follows it to its video. */
  g_assert_false (rushes_task_is_finished (task));
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
}

static void
test_status_deep (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  guint reads_before;

  /* WaveSpeed's answers go through RushesHttp's own parser. */
  rushes_test_store_secret (f->secrets, "wavespeed", RUSHES_SECRET_API_KEY, "wavespeed-test-key");
  task = rushes_test_runner_create_task (f, "wavespeed/openai/sora-2", "prompt", "A fox", NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);
  reads_before = rushes_fake_provider_count_requests (f->fake, "/result");

  /* 300,000 nested arrays overflowed json-glib's stack: refused, read
   * again (a read is idempotent), and the task goes on. */
  rushes_fake_provider_add_fault (f->fake, "status-deep-nesting");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/result"), >=, reads_before + 2);
  assert_video_is_served_one (f, task);
}

static void
assert_uncertain_after (Fixture    *f,
                        const char *fault)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GError) error = NULL;

  rushes_config_set_http_timeout_ms (f->config, 300);
  rushes_fake_provider_add_fault (f->fake, fault);

  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
  g_assert_cmpint (rushes_error_get_exit_code (error), ==, 4);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_UNCERTAIN);
  g_assert_cmpstr (rushes_task_get_error_code (task), ==, "uncertain");
  g_clear_error (&error);

  loaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_UNCERTAIN);

  /* Never sent again, not even when asked to run once more. */
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);
}

static void
test_submit_no_answer (Fixture       *f,
                       gconstpointer  user_data)
{
  assert_uncertain_after (f, "submit-no-answer");
}

static void
test_submit_dropped (Fixture       *f,
                     gconstpointer  user_data)
{
  assert_uncertain_after (f, "submit-drop");
}

static void
assert_auth_error (Fixture    *f,
                   const char *fault,
                   const char *fragment)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  if (fault != NULL)
    rushes_fake_provider_add_fault (f->fake, fault);

  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_cmpint (rushes_error_get_exit_code (error), ==, 3);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  g_assert_null (strstr (error->message, KEY));
  g_assert_null (strstr (error->message, SECRET));
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_FAILED);
  g_assert_cmpstr (rushes_task_get_error_code (task), ==, "auth");
}

static void
test_account_errors (Fixture       *f,
                     gconstpointer  user_data)
{
  assert_auth_error (f, "submit-401", "Check the key and secret");
  assert_auth_error (f, "submit-error-97", "insufficient balance");
  assert_auth_error (f, "submit-error-96", "concurrency limit");
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 3);
}

static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  user_data)
{
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_SECRET, "not-the-secret");
  assert_auth_error (f, NULL, "Check the key and secret");
}

static void
test_missing_key (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(RushesSecretStore) empty = rushes_memory_secret_store_new ();

  rushes_test_runner_set_secrets (f, empty);

  assert_auth_error (f, NULL, "No API key for Wiro");
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 0);
}

static void
test_key_only (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(RushesSecretStore) key_only = rushes_memory_secret_store_new ();
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *key = NULL;

  rushes_fake_provider_set_wiro_credentials (f->fake, KEY, NULL);
  rushes_test_store_secret (key_only, "wiro", RUSHES_SECRET_API_KEY, KEY);
  rushes_test_runner_set_secrets (f, key_only);

  task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  key = rushes_fake_provider_dup_last_header (f->fake, RUN, "x-api-key");
  signature = rushes_fake_provider_dup_last_header (f->fake, RUN, "x-signature");
  g_assert_cmpstr (key, ==, KEY);
  g_assert_null (signature);
}

static void
test_resume (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *resumed;

  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);

  /* A new start of Rushes: a fresh library and runner over the same files. */
  g_clear_object (&task);
  rushes_test_runner_restart (f);

  unfinished = rushes_library_list_unfinished (f->library);
  g_assert_cmpuint (unfinished->len, ==, 1);
  resumed = g_ptr_array_index (unfinished, 0);
  g_assert_true (rushes_test_runner_run (f, resumed, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rushes_task_get_state (resumed), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);
  assert_video_is_served_one (f, resumed);
}

static void
test_interrupted_submit (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* As left on disk by a crash during the submit. */
  _rushes_task_set_state (task, RUSHES_TASK_STATE_SUBMITTING);
  g_assert_true (_rushes_library_save_task (f->library, task, RUSHES_TASK_FIELDS_ALL, &error));

  loaded = rushes_test_reload_task (task);
  g_assert_false (rushes_test_runner_run (f, loaded, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_UNCERTAIN);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
} StopWhenRunning;

static void
stop_when_running_cb (RushesTask      *task,
                      GParamSpec      *pspec,
                      StopWhenRunning *data)
{
  if (rushes_task_get_state (task) == RUSHES_TASK_STATE_RUNNING)
    g_cancellable_cancel (data->cancellable);
}

static void
test_stop_following (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  StopWhenRunning data = { cancellable };
  g_autoptr(GError) error = NULL;
  gulong handler;

  handler = g_signal_connect (task, "notify::state", G_CALLBACK (stop_when_running_cb), &data);
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_signal_handler_disconnect (task, handler);

  /* Stopping to follow is not cancelling: the task goes on upstream. */
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_RUNNING);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/Task/Kill"), ==, 0);

  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);
  assert_video_is_served_one (f, task);
}

static void
test_one_follower (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(RushesLibrary) other_library = rushes_test_open_library ();
  g_autoptr(RushesTaskRunner) other = rushes_task_runner_new (other_library, f->catalog, f->secrets, f->config);
  RushesTask *other_task = rushes_library_lookup (other_library, rushes_task_get_id (task));
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  /* Another process (here: another library and runner) tries to follow the
   * same task while this one submits it: it waits for its turn, then goes
   * on from the record as the first one left it, and sends nothing. */
  rushes_task_runner_run_async (f->runner, task, RUSHES_RUN_FLAGS_NONE, NULL, rushes_test_store_result_cb, &first);
  rushes_task_runner_run_async (other, other_task, RUSHES_RUN_FLAGS_NONE, NULL, rushes_test_store_result_cb, &second);

  g_assert_true (rushes_task_runner_run_finish (f->runner, rushes_test_await (&first), &error));
  g_assert_no_error (error);
  g_assert_true (rushes_task_runner_run_finish (other, rushes_test_await (&second), &error));
  g_assert_no_error (error);
  g_assert_cmpint (rushes_task_get_state (other_task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/files/"), ==, 1);
  assert_video_is_served_one (f, task);
}

static void
test_debug_log (Fixture       *f,
                gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
      g_autoptr(GError) error = NULL;

      rushes_config_set_debug_http (f->config, TRUE);
      g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      return;
    }

  g_test_trap_subprocess (NULL, rushes_test_scaled_usec (30), G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*rushes: -> POST http://127.0.0.1:*/wiro/v1/Run/openai/sora-2*");
  g_test_trap_assert_stderr ("*rushes: <- 200 OK*");
  g_test_trap_assert_stderr ("*rushes: -> socket ws://127.0.0.1:*/wiro/socket*");
  g_test_trap_assert_stderr ("*download complete*");
  /* Summaries only: no header, key, secret or signature. */
  g_test_trap_assert_stderr_unmatched ("*" KEY "*");
  g_test_trap_assert_stderr_unmatched ("*" SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*x-signature*");
  g_test_trap_assert_stderr_unmatched ("*x-api-key*");
}

typedef struct
{
  GPtrArray *messages;
} RecordErrors;

static void
record_error_cb (RushesTaskRunner *runner,
                 RushesTask       *task,
                 const GError     *error,
                 RecordErrors     *errors)
{
  g_ptr_array_add (errors->messages, g_strdup (error->message));
}

/* The record becomes unwritable the moment the submit is answered: a
 * folder where task.json was. */
static void
break_record_when_queued_cb (RushesTask *task,
                             GParamSpec *pspec,
                             gpointer    user_data)
{
  g_autoptr(GFile) record = NULL;

  if (rushes_task_get_state (task) != RUSHES_TASK_STATE_QUEUED)
    return;

  record = g_file_get_child (rushes_task_get_folder (task), "task.json");
  g_assert_true (g_file_delete (record, NULL, NULL));
  g_assert_cmpint (g_mkdir (g_file_peek_path (record), 0700), ==, 0);
}

static void
test_unwritable_record (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  RecordErrors errors = { g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;
  gulong state_handler;
  gulong error_handler;

  state_handler = g_signal_connect (task, "notify::state", G_CALLBACK (break_record_when_queued_cb), NULL);
  error_handler = g_signal_connect (f->runner, "record-error", G_CALLBACK (record_error_cb), &errors);

  /* The run goes on (the clip is paid for) and the user hears of it, with
   * the remote id, the receipt of the run. */
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
  g_assert_cmpuint (errors.messages->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (errors.messages, 0), rushes_task_get_remote_id (task)));
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, RUN), ==, 1);

  g_signal_handler_disconnect (task, state_handler);
  g_signal_handler_disconnect (f->runner, error_handler);
  g_ptr_array_unref (errors.messages);
}

int
main (int   argc,
      char *argv[])
{
  video_path = rushes_test_runner_init (&argc, &argv);
  if (video_path == NULL)
    {
      g_printerr ("usage: %s FAKE-VIDEO.mp4\n", argv[0]);
      return 1;
    }

#define ADD(path, func) \
  g_test_add ("/rushes/runner/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("success", test_success);
  ADD ("image-file-part", test_image_file_part);
  ADD ("failure", test_failure);
  ADD ("cancel-detached", test_cancel_detached);
  ADD ("cancel-running", test_cancel_running);
  ADD ("socket-drop", test_socket_drop);
  ADD ("socket-refused", test_socket_refused);
  ADD ("socket-variants", test_socket_variants);
  ADD ("status-backoff", test_status_backoff);
  ADD ("status-errors-retried", test_status_errors_retried);
  ADD ("download-resume", test_download_resume);
  ADD ("download-stall", test_download_stall);
  ADD ("status-redirect", test_status_redirect);
  ADD ("submit-redirect", test_submit_redirect);
  ADD ("status-huge", test_status_huge);
  ADD ("status-deep", test_status_deep);
  ADD ("submit-no-answer", test_submit_no_answer);
  ADD ("submit-dropped", test_submit_dropped);
  ADD ("account-errors", test_account_errors);
  ADD ("wrong-secret", test_wrong_secret);
  ADD ("missing-key", test_missing_key);
  ADD ("key-only", test_key_only);
  ADD ("resume", test_resume);
  ADD ("interrupted-submit", test_interrupted_submit);
  ADD ("stop-following", test_stop_following);
  ADD ("one-follower", test_one_follower);
  ADD ("debug-log", test_debug_log);
  ADD ("unwritable-record", test_unwritable_record);

  return g_test_run ();
}
