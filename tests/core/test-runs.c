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
#include "rushes-test-runner.h"

/* The runner against the in-process fake, for the providers that answer in
 * a {code, message, data} envelope: each case runs once per provider (see
 * main()), so that every one of them backs off, resumes downloads, never
 * sends a submit twice and keeps the uncertain state. */

#define WAVESPEED_KEY "ws-test-key-0b7e"
#define APIXO_KEY     "ax-test-key-91c2"

typedef struct
{
  const char *provider;
  const char *name;
  const char *model;
  const char *submit;      /* path suffix of the submit */
  const char *status;      /* path suffix of a status read */
  const char *key;
  const char *failure;     /* part of the message of a failed generation */
} ProviderCase;

static const ProviderCase wavespeed = {
  "wavespeed", "WaveSpeed", "wavespeed/openai/sora-2", "/wavespeed/api/v3/openai/sora-2", "/result",
  WAVESPEED_KEY, "content moderation refused the prompt or the image (code 1200)",
};

static const ProviderCase apixo = {
  "apixo", "APIXO", "apixo/sora-2", "/generateTask/sora-2", "/statusTask/sora-2",
  APIXO_KEY, "Content violates usage policy (CONTENT_VIOLATION)",
};

static const char *video_path;

/* Its data is the ProviderCase the test runs for (see main()). */
typedef RushesTestRunner Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  f->data = user_data;
  rushes_test_runner_set_up_fake (f, video_path);
  rushes_fake_provider_set_wavespeed_key (f->fake, WAVESPEED_KEY);
  rushes_fake_provider_set_apixo_key (f->fake, APIXO_KEY);
  rushes_test_store_secret (f->secrets, "wavespeed", RUSHES_SECRET_API_KEY, WAVESPEED_KEY);
  rushes_test_store_secret (f->secrets, "apixo", RUSHES_SECRET_API_KEY, APIXO_KEY);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  rushes_test_runner_tear_down (f);
}

static RushesTask *
create_task (Fixture *f)
{
  const ProviderCase *pc = f->data;

  return rushes_test_runner_create_task (f, pc->model, "prompt", "A red kite over dunes", "aspect_ratio", "9:16",
                                         NULL);
}

static void
assert_video_is_served_one (Fixture    *f,
                            RushesTask *task)
{
  GBytes *served = rushes_fake_provider_get_video_bytes (f->fake);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *part = NULL;

  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_nonnull (rushes_task_get_video_file (task));
  stored = g_file_load_bytes (rushes_task_get_video_file (task), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (served, stored));

  part = g_strconcat (g_file_peek_path (rushes_task_get_video_file (task)), ".part", NULL);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static guint
count_submits (Fixture *f)
{
  const ProviderCase *pc = f->data;

  return rushes_fake_provider_count_requests (f->fake, pc->submit);
}

static void
test_success (Fixture       *f,
              gconstpointer  user_data)
{
  const ProviderCase *pc = f->data;
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *expected_authorization = g_strconcat ("Bearer ", pc->key, NULL);

  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
  g_assert_cmpuint (count_submits (f), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, pc->status), >=, 1);
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_SUBMITTING));
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_QUEUED));
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_DOWNLOADING));

  authorization = rushes_fake_provider_dup_last_header (f->fake, pc->submit, "authorization");
  g_assert_cmpstr (authorization, ==, expected_authorization);
  g_clear_pointer (&authorization, g_free);
  authorization = rushes_fake_provider_dup_last_header (f->fake, pc->status, "authorization");
  g_assert_cmpstr (authorization, ==, expected_authorization);

  fields = rushes_fake_provider_dup_last_fields (f->fake, pc->submit);
  if (g_str_equal (pc->provider, "wavespeed"))
    {
      /* Seed 002: exactly the prompt and the aspect ratio. */
      g_assert_cmpuint (g_hash_table_size (fields), ==, 2);
      g_assert_cmpstr (g_hash_table_lookup (fields, "prompt"), ==, "A red kite over dunes");
      g_assert_cmpstr (g_hash_table_lookup (fields, "aspect_ratio"), ==, "9:16");
    }
  else
    {
      g_autoptr(JsonNode) input = json_from_string (g_hash_table_lookup (fields, "input"), NULL);
      JsonObject *object = json_node_get_object (input);

      g_assert_cmpstr (g_hash_table_lookup (fields, "request_type"), ==, "async");
      g_assert_cmpstr (g_hash_table_lookup (fields, "provider"), ==, "auto");
      g_assert_cmpstr (json_object_get_string_member (object, "mode"), ==, "text-to-video");
      g_assert_cmpstr (json_object_get_string_member (object, "aspect_ratio"), ==, "portrait");
      g_assert_cmpint (json_object_get_int_member (object, "duration"), ==, 10);
      g_assert_false (json_object_has_member (object, "image_urls"));
    }

  loaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (rushes_task_get_remote_id (loaded), ==, rushes_task_get_remote_id (task));
  g_assert_nonnull (rushes_task_get_remote_id (loaded));
}

static void
test_status_backoff (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* A 429 on the first status read. */
  rushes_fake_provider_add_fault (f->fake, "status-429");
  start = g_get_monotonic_time ();
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  /* Retry-After: 1 was honoured (the backoff alone is 20 ms), and the
   * answer did not end the task. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  assert_video_is_served_one (f, task);
  g_assert_cmpuint (count_submits (f), ==, 1);
}

static void
test_status_errors_retried (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "status-500*2");
  rushes_fake_provider_add_fault (f->fake, "status-malformed");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
  g_assert_cmpuint (count_submits (f), ==, 1);
}

static void
test_download_resume (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *range = NULL;

  rushes_fake_provider_add_fault (f->fake, "download-drop");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/files/"), ==, 2);
  range = rushes_fake_provider_dup_last_header (f->fake, "/files/", "Range");
  g_assert_nonnull (range);
  g_assert_cmpint (g_ascii_strtoll (range + strlen ("bytes="), NULL, 10), >, 0);
  assert_video_is_served_one (f, task);
}

static void
assert_uncertain_after (Fixture    *f,
                        const char *fault)
{
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GError) error = NULL;

  rushes_config_set_http_timeout_ms (f->config, 300);
  rushes_fake_provider_add_fault (f->fake, fault);

  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
  g_assert_cmpint (rushes_error_get_exit_code (error), ==, 4);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_UNCERTAIN);
  g_clear_error (&error);

  loaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_UNCERTAIN);

  /* Never sent again, not even when asked to run once more. */
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
  g_assert_cmpuint (count_submits (f), ==, 1);
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
assert_refused (Fixture     *f,
                const char  *fault,
                RushesError  code,
                const char  *fragment)
{
  const ProviderCase *pc = f->data;
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, fault);
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, code);
  assert_contains (error->message, fragment);
  g_assert_null (strstr (error->message, pc->key));
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_FAILED);
  g_assert_cmpstr (rushes_task_get_error_message (task), ==, error->message);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/files/"), ==, 0);
}

static void
test_account_errors (Fixture       *f,
                     gconstpointer  user_data)
{
  assert_refused (f, "submit-401", RUSHES_ERROR_AUTH, "Check the key");
  assert_refused (f, "submit-402", RUSHES_ERROR_AUTH, "balance");
  /* A refusal that comes with HTTP 200: only the envelope's code says so. */
  assert_refused (f, "submit-error-in-200", RUSHES_ERROR_FAILED, "Missing required field: input.prompt");
  g_assert_cmpuint (count_submits (f), ==, 3);
}

static void
test_generation_failed (Fixture       *f,
                        gconstpointer  user_data)
{
  const ProviderCase *pc = f->data;
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "task-failed");
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_cmpint (rushes_error_get_exit_code (error), ==, 1);
  assert_contains (error->message, pc->failure);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_FAILED);
  g_assert_null (rushes_task_get_video_file (task));

  loaded = rushes_test_reload_task (task);
  g_assert_cmpstr (rushes_task_get_error_message (loaded), ==, error->message);
}

static void
test_variants (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(GError) error = NULL;

  /* Numbers as strings (and APIXO's resultJson as an object). */
  rushes_fake_provider_add_fault (f->fake, "response-variants");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
}

static void
test_resume (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = create_task (f);
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
  assert_video_is_served_one (f, resumed);
  g_assert_cmpuint (count_submits (f), ==, 1);
}

static void
test_no_cancel (Fixture       *f,
                gconstpointer  user_data)
{
  const ProviderCase *pc = f->data;
  g_autoptr(RushesTask) task = create_task (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint requests;

  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);
  requests = rushes_fake_provider_count_requests (f->fake, "/");

  g_assert_false (rushes_test_runner_cancel (f, task, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  expected = g_strdup_printf ("%s offers no way to cancel a task", pc->name);
  assert_contains (error->message, expected);
  g_clear_error (&error);

  /* Nothing was sent and the task goes on; its video still arrives. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/"), ==, requests);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_QUEUED);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
}

static void
test_missing_key (Fixture       *f,
                  gconstpointer  user_data)
{
  const ProviderCase *pc = f->data;
  g_autoptr(RushesSecretStore) empty = rushes_memory_secret_store_new ();
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  rushes_test_runner_set_secrets (f, empty);

  task = create_task (f);
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  expected = g_strdup_printf ("No API key for %s", pc->name);
  assert_contains (error->message, expected);
  g_assert_cmpuint (count_submits (f), ==, 0);
}

static void
test_debug_log (Fixture       *f,
                gconstpointer  user_data)
{
  const ProviderCase *pc = f->data;
  g_autofree char *request = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(RushesTask) task = create_task (f);
      g_autoptr(GError) error = NULL;

      rushes_config_set_debug_http (f->config, TRUE);
      g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      return;
    }

  g_test_trap_subprocess (NULL, rushes_test_scaled_usec (30), G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  request = g_strdup_printf ("*rushes: -> POST http://127.0.0.1:*%s*", pc->submit);
  g_test_trap_assert_stderr (request);
  g_test_trap_assert_stderr ("*download complete*");
  /* Summaries only: never the key, nor the header that carries it. */
  g_test_trap_assert_stderr_unmatched ("*" WAVESPEED_KEY "*");
  g_test_trap_assert_stderr_unmatched ("*" APIXO_KEY "*");
  g_test_trap_assert_stderr_unmatched ("*Bearer*");
  g_test_trap_assert_stderr_unmatched ("*uthorization*");
}

/* WaveSpeed ----------------------------------------------------------------- */

static char *
write_png (const char *name,
           guint8      variant)
{
  const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', variant };
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_wavespeed_upload (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autofree char *start = write_png ("start.png", 1);
  g_autofree char *end = write_png ("end.png", 2);
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(RushesTask) both = NULL;
  g_autoptr(GHashTable) upload = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_sha = NULL;
  g_autofree char *expected = NULL;
  const char *image;
  const char *last_image;

  /* A local start image is uploaded first, from the library's copy, the
   * way WaveSpeed's SDK does it today: announced, then PUT to the signed
   * URL with the headers given and no key; the submit sends the URL the
   * announcement gave. */
  task = rushes_test_runner_create_task (f, "wavespeed/openai/sora-2", "prompt", "She turns around",
                                         "image", start, NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);

  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/media/uploads"), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/storage/"), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/media/upload/binary"), ==, 0);
  g_assert_null (rushes_fake_provider_dup_last_header (f->fake, "/storage/", "authorization"));
  copy = g_file_load_bytes (rushes_task_get_input_file (task), NULL, NULL, &error);
  g_assert_no_error (error);
  upload = rushes_fake_provider_dup_last_fields (f->fake, "/media/uploads");
  expected = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (copy));
  g_assert_cmpstr (g_hash_table_lookup (upload, "size"), ==, expected);
  g_assert_cmpstr (g_hash_table_lookup (upload, "content_type"), ==, "image/png");
  fields = rushes_fake_provider_dup_last_fields (f->fake, "/wavespeed/api/v3/openai/sora-2");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (fields, "image"), "http://127.0.0.1:"));
  g_assert_nonnull (strstr (g_hash_table_lookup (fields, "image"), "/files/ws-media-"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (fields, "image"), ".png"));
  g_clear_pointer (&fields, g_hash_table_unref);
  g_clear_pointer (&upload, g_hash_table_unref);
  g_clear_pointer (&expected, g_free);

  /* Where the two-step route is missing, the file goes as multipart. */
  rushes_fake_provider_add_fault (f->fake, "two-step-upload-gone");
  g_clear_object (&task);
  task = rushes_test_runner_create_task (f, "wavespeed/openai/sora-2", "prompt", "She turns around",
                                         "image", start, NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/media/upload/binary"), ==, 1);
  copy_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, copy);
  expected = g_strdup_printf ("file:input.png:%" G_GSIZE_FORMAT ":%s", g_bytes_get_size (copy), copy_sha);
  upload = rushes_fake_provider_dup_last_fields (f->fake, "/media/upload/binary");
  g_assert_cmpstr (g_hash_table_lookup (upload, "file"), ==, expected);
  fields = rushes_fake_provider_dup_last_fields (f->fake, "/wavespeed/api/v3/openai/sora-2");
  g_assert_nonnull (strstr (g_hash_table_lookup (fields, "image"), "/files/ws-upload-"));
  g_clear_pointer (&fields, g_hash_table_unref);

  /* Start and end frame: two uploads, two URLs. */
  both = rushes_test_runner_create_task (f, "wavespeed/google/veo3.1-fast", "prompt", "The door opens",
                                         "image", start, "end_image", end, NULL);
  g_assert_true (rushes_test_runner_run (f, both, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, both);

  /* The one that answered 404 counts too. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/media/uploads"), ==, 4);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/storage/"), ==, 3);
  g_clear_pointer (&upload, g_hash_table_unref);
  upload = rushes_fake_provider_dup_last_fields (f->fake, "/media/uploads");
  g_assert_cmpstr (g_hash_table_lookup (upload, "filename"), ==, "input-end.png");
  fields = rushes_fake_provider_dup_last_fields (f->fake, "/google/veo3.1-fast/image-to-video");
  image = g_hash_table_lookup (fields, "image");
  last_image = g_hash_table_lookup (fields, "last_image");
  g_assert_true (g_str_has_prefix (image, "http://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (last_image, "http://127.0.0.1:"));
  g_assert_cmpstr (image, !=, last_image);
}

static void
test_wavespeed_upload_url_kept (Fixture       *f,
                                gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;

  /* A URL needs no upload. */
  task = rushes_test_runner_create_task (f, "wavespeed/openai/sora-2", "prompt", "Zoom out",
                                         "image", "https://example.com/start.png", NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/media/upload/binary"), ==, 0);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/media/uploads"), ==, 0);
  fields = rushes_fake_provider_dup_last_fields (f->fake, "/wavespeed/api/v3/openai/sora-2");
  g_assert_cmpstr (g_hash_table_lookup (fields, "image"), ==, "https://example.com/start.png");
}

static void
test_wavespeed_endings (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(RushesTask) cancelled = create_task (f);
  g_autoptr(RushesTask) timed_out = create_task (f);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "task-cancelled");
  g_assert_false (rushes_test_runner_run (f, cancelled, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_CANCELLED);
  g_assert_cmpint (rushes_task_get_state (cancelled), ==, RUSHES_TASK_STATE_CANCELLED);
  g_clear_error (&error);

  rushes_fake_provider_add_fault (f->fake, "task-timeout");
  g_assert_false (rushes_test_runner_run (f, timed_out, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  assert_contains (error->message, "timed out");
  g_assert_cmpint (rushes_task_get_state (timed_out), ==, RUSHES_TASK_STATE_FAILED);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/files/"), ==, 0);
}

/* APIXO --------------------------------------------------------------------- */

static void
test_apixo_image_url (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *urls;

  task = rushes_test_runner_create_task (f, "apixo/sora-2", "prompt", "The lights come on",
                                         "image", "https://example.com/start.png", NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video_is_served_one (f, task);

  fields = rushes_fake_provider_dup_last_fields (f->fake, "/generateTask/sora-2");
  input = json_from_string (g_hash_table_lookup (fields, "input"), NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (input), "mode"), ==, "image-to-video");
  urls = json_object_get_array_member (json_node_get_object (input), "image_urls");
  g_assert_cmpuint (json_array_get_length (urls), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (urls, 0), ==, "https://example.com/start.png");
}

static void
test_apixo_local_image (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autofree char *start = write_png ("start.png", 1);
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) own_entry = NULL;
  static const char own_catalog[] =
    "{\"format\": 1, \"models\": [{\"id\": \"apixo/my-sora\", \"provider\": \"apixo\","
    " \"name\": \"My Sora\", \"modes\": [\"text-to-video\", \"image-to-video\"],"
    " \"path\": \"sora-2\", \"controls\": {\"prompt\": {}, \"image\": {}},"
    " \"request\": [{\"field\": \"input.mode\", \"from\": \"mode\"},"
    " {\"field\": \"input.prompt\", \"from\": \"prompt\"},"
    " {\"field\": \"input.image_urls[0]\", \"from\": \"image\"}]}]}";

  /* The catalog says "URLs only": validation refuses before anything exists. */
  rushes_generation_params_set_prompt (params, "The lights come on");
  rushes_generation_params_set_image (params, start);
  rushes_library_create_task_async (f->library, rushes_model_catalog_lookup (f->catalog, "apixo/sora-2"), params,
                                    NULL, rushes_test_store_result_cb, &result);
  g_assert_null (rushes_library_create_task_finish (f->library, rushes_test_await (&result), &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  assert_contains (error->message, "APIXO takes image URLs only");
  g_clear_error (&error);

  /* A user's own entry that forgot to say so: the provider refuses. */
  own_entry = g_bytes_new_static (own_catalog, sizeof own_catalog - 1);
  g_assert_true (rushes_model_catalog_load_data (f->catalog, "own.json", own_entry, &error));
  g_assert_no_error (error);
  task = rushes_test_runner_create_task (f, "apixo/my-sora", "prompt", "The lights come on", "image", start,
                                         NULL);
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  assert_contains (error->message, "APIXO takes image URLs only");
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/generateTask/"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  const ProviderCase *providers[] = { &wavespeed, &apixo };

  video_path = rushes_test_runner_init (&argc, &argv);
  if (video_path == NULL)
    {
      g_printerr ("usage: %s FAKE-VIDEO.mp4\n", argv[0]);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      const ProviderCase *provider_case = providers[i];
      g_autofree char *prefix = g_strdup_printf ("/rushes/runs/%s/", provider_case->provider);
      const struct {
        const char *name;
        void      (*func) (Fixture *f, gconstpointer user_data);
      } cases[] = {
        { "success", test_success },
        { "status-backoff", test_status_backoff },
        { "status-errors-retried", test_status_errors_retried },
        { "download-resume", test_download_resume },
        { "submit-no-answer", test_submit_no_answer },
        { "submit-dropped", test_submit_dropped },
        { "account-errors", test_account_errors },
        { "generation-failed", test_generation_failed },
        { "variants", test_variants },
        { "resume", test_resume },
        { "no-cancel", test_no_cancel },
        { "missing-key", test_missing_key },
        { "debug-log", test_debug_log },
      };

      for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
        {
          g_autofree char *path = g_strconcat (prefix, cases[j].name, NULL);

          g_test_add (path, Fixture, provider_case, fixture_setup, cases[j].func, fixture_teardown);
        }
    }

  g_test_add ("/rushes/runs/wavespeed/upload", Fixture, &wavespeed, fixture_setup, test_wavespeed_upload,
              fixture_teardown);
  g_test_add ("/rushes/runs/wavespeed/upload-not-needed", Fixture, &wavespeed, fixture_setup,
              test_wavespeed_upload_url_kept, fixture_teardown);
  g_test_add ("/rushes/runs/wavespeed/endings", Fixture, &wavespeed, fixture_setup, test_wavespeed_endings,
              fixture_teardown);
  g_test_add ("/rushes/runs/apixo/image-url", Fixture, &apixo, fixture_setup, test_apixo_image_url,
              fixture_teardown);
  g_test_add ("/rushes/runs/apixo/local-image", Fixture, &apixo, fixture_setup, test_apixo_local_image,
              fixture_teardown);

  return g_test_run ();
}
