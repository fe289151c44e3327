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
#define G_LOG_DOMAIN "test-sandbox-provider"

#include "config.h"

#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-test-runner.h"

/* The Sandbox through the runner, as the app and rushes-cli drive it: no
 * key, staged progress, the render as the task's video, cancel, and a
 * render cut short by a quit made again when the task is followed anew. */

typedef RushesTestRunner Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  /* No server and no key anywhere. */
  rushes_test_runner_set_up (f);
  rushes_config_set_poll_interval_ms (f->config, 50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  rushes_test_runner_tear_down (f);
}

/* The task's folder holds its record and video only: the render was taken. */
static void
assert_folder_clean (RushesTask *task)
{
  g_autoptr(GFile) render = g_file_get_child (rushes_task_get_folder (task), "sandbox-preview.mp4");

  g_assert_false (g_file_query_exists (render, NULL));
}

static void
assert_video (RushesTask *task,
              guint       width,
              guint       height,
              guint       seconds)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GList *video;
  GList *audio;
  double duration;

  g_assert_nonnull (rushes_task_get_video_file (task));
  uri = g_file_get_uri (rushes_task_get_video_file (task));
  discoverer = gst_discoverer_new (rushes_test_scaled_usec (30) * GST_USECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);

  video = gst_discoverer_info_get_video_streams (info);
  audio = gst_discoverer_info_get_audio_streams (info);
  g_assert_cmpuint (g_list_length (video), ==, 1);
  g_assert_cmpuint (g_list_length (audio), ==, 1);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (video->data), ==, width);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (video->data), ==, height);
  duration = (double) gst_discoverer_info_get_duration (info) / GST_SECOND;
  g_assert_cmpfloat_with_epsilon (duration, seconds, 0.25);
  gst_discoverer_stream_info_list_free (video);
  gst_discoverer_stream_info_list_free (audio);
}

static void
test_render (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "sandbox/preview", "prompt", "A lighthouse at dusk",
                                                               "aspect_ratio", "9:16", "resolution", "480p",
                                                               "duration", "4", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_true (g_str_has_prefix (rushes_task_get_remote_id (task), "sandbox-"));
  g_assert_cmpfloat (rushes_task_get_cost_usd (task), ==, 0);
  assert_video (task, 480, 854, 4);
  assert_folder_clean (task);

  /* Staged like a provider: queued, then running with rising progress. */
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_QUEUED));
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_RUNNING));
  g_assert_true (rushes_test_runner_saw_state (f, RUSHES_TASK_STATE_DOWNLOADING));
  g_assert_cmpuint (f->progress->len, >, 0);
  for (guint i = 1; i < f->progress->len; i++)
    g_assert_cmpfloat (g_array_index (f->progress, double, i), >=, g_array_index (f->progress, double, i - 1));
}

static void
test_image (Fixture       *f,
            gconstpointer  user_data)
{
  /* A real 4×4 PNG. */
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
    0x29, 0x00, 0x00, 0x00, 0x29, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x0d, 0xc7, 0x31, 0x01, 0x00,
    0x00, 0x0c, 0xc2, 0x30, 0x84, 0x55, 0x18, 0x72, 0x2a, 0x02, 0x81, 0x5b, 0xbe, 0x24, 0x91, 0xd8,
    0xb8, 0x98, 0x20, 0x58, 0x1c, 0x9f, 0x4a, 0x6d, 0x5d, 0x3f, 0x93, 0xd9, 0xb9, 0x79, 0xd9, 0x63,
    0x15, 0x41, 0xda, 0x1c, 0xf7, 0xc3, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
    0x60, 0x82
  };
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "start.png", NULL);
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);

  task = rushes_test_runner_create_task (f, "sandbox/preview", "prompt", "Slowly closer", "image", path,
                                         "aspect_ratio", "1:1", "resolution", "480p", "duration", "4", NULL);
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  assert_video (task, 480, 480, 4);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  user_data)
{
  RushesModel *model = rushes_model_catalog_lookup (f->catalog, "sandbox/preview");
  g_autoptr(RushesGenerationParams) url = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) long_clip = rushes_generation_params_new ();
  g_autoptr(GError) error = NULL;
  const char * const ratios[] = { "16:9", "9:16", "1:1", NULL };
  const char * const resolutions[] = { "480p", "720p", "1080p", NULL };
  const char * const durations[] = { "4", "8", "12", NULL };
  double cost = -1;

  /* What issue 4 promises, said plainly. */
  g_assert_cmpstrv (rushes_model_get_allowed_values (model, "aspect_ratio"), ratios);
  g_assert_cmpstrv (rushes_model_get_allowed_values (model, "resolution"), resolutions);
  g_assert_cmpstrv (rushes_model_get_allowed_values (model, "duration"), durations);
  g_assert_nonnull (strstr (rushes_model_get_name (model), "not AI"));
  g_assert_nonnull (strstr (rushes_model_get_description (model), "not an AI generation"));
  g_assert_true (rushes_model_estimate_cost (model, url, &cost));
  g_assert_cmpfloat (cost, ==, 0);
  g_assert_false (rushes_provider_id_needs_key ("sandbox"));
  g_assert_true (rushes_provider_id_can_cancel ("sandbox"));
  g_assert_true (rushes_model_accepts_image_source (model, "image", FALSE));
  g_assert_false (rushes_model_accepts_image_source (model, "image", TRUE));

  /* Offline: a picture on the web cannot be fetched. */
  rushes_generation_params_set_prompt (url, "x");
  rushes_generation_params_set_image (url, "https://example.com/a.png");
  g_assert_false (rushes_model_validate (model, url, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  rushes_generation_params_set_prompt (long_clip, "x");
  rushes_generation_params_set_duration (long_clip, 30);
  g_assert_false (rushes_model_validate (model, long_clip, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
}

static void
test_default_model (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(RushesEngine) engine = rushes_engine_new_full (f->config, f->secrets, NULL, f->library, f->catalog);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ready = NULL;
  const char * const wiro_only[] = { "wiro", "sandbox", NULL };

  /* With no key anywhere, the Sandbox is ready and it is the default. */
  rushes_engine_list_ready_providers_async (engine, NULL, rushes_test_store_result_cb, &result);
  ready = rushes_engine_list_ready_providers_finish (engine, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (ready, ((const char * const []) { "sandbox", NULL }));
  g_assert_cmpstr (rushes_model_get_id (rushes_engine_get_default_model (engine, (const char * const *) ready)),
                   ==, "sandbox/preview");
  /* With a Wiro key, Wiro's first current model comes before the Sandbox. */
  g_assert_cmpstr (rushes_model_get_id (rushes_model_catalog_get_default_model (f->catalog, wiro_only)),
                   ==, "wiro/google/veo3-1");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "sandbox/preview", "prompt", "Stop me",
                                                               "resolution", "1080p", "duration", "12", NULL);
  g_autoptr(GAsyncResult) cancel_result = NULL;
  g_autoptr(GError) error = NULL;

  rushes_test_runner_cancel_when_running (f, task, &cancel_result);
  g_assert_false (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_CANCELLED);
  g_assert_true (rushes_task_runner_cancel_finish (f->runner, rushes_test_await (&cancel_result), NULL));

  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_CANCELLED);
  g_assert_null (rushes_task_get_video_file (task));
  assert_folder_clean (task);
}

static void
test_resume_renders_again (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autoptr(RushesTask) task = rushes_test_runner_create_task (f, "sandbox/preview", "prompt", "Again",
                                                               "aspect_ratio", "1:1", "resolution", "480p",
                                                               "duration", "4", NULL);
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_id = NULL;
  RushesTask *resumed;

  /* Rushes quits right after the submit: the render dies with it. */
  g_assert_true (rushes_test_runner_run (f, task, RUSHES_RUN_FLAGS_DETACH, NULL, &error));
  g_assert_no_error (error);
  remote_id = g_strdup (rushes_task_get_remote_id (task));
  g_clear_object (&task);
  rushes_test_runner_restart (f);

  unfinished = rushes_library_list_unfinished (f->library);
  g_assert_cmpuint (unfinished->len, ==, 1);
  resumed = g_ptr_array_index (unfinished, 0);
  g_assert_true (rushes_test_runner_run (f, resumed, RUSHES_RUN_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (rushes_task_get_remote_id (resumed), ==, remote_id);
  assert_video (resumed, 480, 480, 4);
  assert_folder_clean (resumed);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  rushes_providers_register_builtin ();
  gst_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/rushes/sandbox-provider/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("render", test_render);
  ADD ("image", test_image);
  ADD ("refusals", test_refusals);
  ADD ("default-model", test_default_model);
  ADD ("cancel", test_cancel);
  ADD ("resume-renders-again", test_resume_renders_again);

#undef ADD

  ret = g_test_run ();
  gst_deinit ();

  return ret;
}
