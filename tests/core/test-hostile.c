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

#define G_LOG_DOMAIN "test-hostile"

#include "config.h"

#include <string.h>

#include "rushes-core.h"
#include "rushes-providers.h"
#include "rushes-test-runner.h"

/* The engine against a hostile or broken server (the fake's hostile
 * faults): what it stores and prints is data, what it keeps is a video,
 * and a task that cannot end well stays resumable. */

#define WIRO_KEY      "wiro-test-key"
#define WIRO_SECRET   "wiro-test-secret"
#define WAVESPEED_KEY "ws-test-key-0b7e"
#define APIXO_KEY     "ax-test-key-91c2"

static const char *video_path;

typedef RushesTestRunner Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  rushes_test_runner_set_up_fake (f, video_path);
  rushes_fake_provider_set_wiro_credentials (f->fake, WIRO_KEY, WIRO_SECRET);
  rushes_fake_provider_set_wavespeed_key (f->fake, WAVESPEED_KEY);
  rushes_fake_provider_set_apixo_key (f->fake, APIXO_KEY);
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_KEY, WIRO_KEY);
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_SECRET, WIRO_SECRET);
  rushes_test_store_secret (f->secrets, "wavespeed", RUSHES_SECRET_API_KEY, WAVESPEED_KEY);
  rushes_test_store_secret (f->secrets, "apixo", RUSHES_SECRET_API_KEY, APIXO_KEY);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  rushes_test_runner_tear_down (f);
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p == 0x7f)
      return TRUE;
  return text != NULL && (strstr (text, "\xc2\x9b") != NULL || strstr (text, "\xc2\x9d") != NULL);
}

static gboolean
video_exists (RushesTask *task)
{
  g_autoptr(GFile) video = g_file_get_child (rushes_task_get_folder (task), "video.mp4");

  return g_file_query_exists (video, NULL);
}

/* A 39-byte "Access denied" page is not a clip; a file of another size
 * than Wiro reported is not the clip either. Neither succeeds; the task
 * stays downloading, and a later run fetches the real video (once the
 * server serves it), without a second submit. */
static void
test_not_a_video (Fixture       *f,
                  gconstpointer  user_data)
{
  const char *fault = user_data;
  /* The wrong size stays in Wiro's answer for that task: it never ends. */
  gboolean lasting = g_str_equal (fault, "output-size-mismatch");
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(RushesTask) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, fault);
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_DOWNLOADING);
  g_assert_false (video_exists (task));
  reloaded = rushes_test_reload_task (task);
  g_assert_cmpint (rushes_task_get_state (reloaded), ==, RUSHES_TASK_STATE_DOWNLOADING);
  g_assert_nonnull (rushes_task_get_remote_id (reloaded));
  g_assert_nonnull (strstr (rushes_task_get_error_message (reloaded), "can be fetched again"));
  g_clear_error (&error);

  if (lasting)
    {
      g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
      g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
      g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_DOWNLOADING);
      g_assert_false (video_exists (task));
    }
  else
    {
      g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
      g_assert_true (video_exists (task));
    }
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/Run/openai/sora-2"), ==, 1);
}

/* A cloud provider naming file:///etc/passwd as the video: nothing is
 * taken from the disk. */
static void
test_file_url (Fixture       *f,
               gconstpointer  user_data)
{
  const char *model = user_data;
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, model, "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "output-file-url");
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_cmpint (rushes_task_get_state (task), !=, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_false (video_exists (task));
}

/* Escape sequences in a provider's failure reason are stored and shown as
 * text, never as terminal commands. */
static void
test_hostile_messages (Fixture       *f,
                       gconstpointer  user_data)
{
  const char *model = user_data;
  const char *faults[] = { "task-failed-hostile", "submit-error-hostile" };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, model, "prompt", "A fox", NULL);
      g_autoptr(RushesTask) reloaded = NULL;
      g_autoptr(GError) error = NULL;

      rushes_fake_provider_add_fault (f->fake, faults[i]);
      g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
      g_assert_nonnull (error);
      reloaded = rushes_test_reload_task (task);
      g_assert_nonnull (rushes_task_get_error_message (reloaded));
      g_assert_false (has_control_characters (rushes_task_get_error_message (reloaded)));
      g_assert_false (has_control_characters (rushes_task_get_status_text (task)));
    }
}

/* 300,000 nested arrays in a socket frame: the channel is dropped, polling
 * takes over, the clip arrives. */
static void
test_deep_socket_frame (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "socket-deep-nesting");
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (video_exists (task));
}

/* Wiro's stored task_error is a fatal failure before the task ran:
 * terminal, with Wiro's reason, not polled for ever. */
static void
test_wiro_task_error (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wiro/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "task-error");
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "User has no output folder"));
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_FAILED);
}

/* A WaveSpeed prediction that ends "deleted" ends the task. */
static void
test_wavespeed_deleted (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "wavespeed/openai/sora-2", "prompt", "A fox", NULL);
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->fake, "task-deleted");
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_FAILED);
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

#define ADD(path, data, func) \
  g_test_add ("/rushes/hostile/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("download-html", "download-html", test_not_a_video);
  ADD ("output-size-mismatch", "output-size-mismatch", test_not_a_video);
  ADD ("file-url/wavespeed", "wavespeed/openai/sora-2", test_file_url);
  ADD ("file-url/apixo", "apixo/sora-2", test_file_url);
  ADD ("messages/wiro", "wiro/openai/sora-2", test_hostile_messages);
  ADD ("messages/wavespeed", "wavespeed/openai/sora-2", test_hostile_messages);
  ADD ("messages/apixo", "apixo/sora-2", test_hostile_messages);
  ADD ("deep-socket-frame", NULL, test_deep_socket_frame);
  ADD ("wiro-task-error", NULL, test_wiro_task_error);
  ADD ("wavespeed-deleted", NULL, test_wavespeed_deleted);

  return g_test_run ();
}
