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

/* meson test --benchmark reel: renders ten 8 s 720p clips joined by hard
 * cuts, then has ges-launch-1.0 render the same timeline with the same
 * encoders and settings in the same run, and reports both against real
 * time and against each other (target: within 1.2× of ges-launch). Each
 * side renders twice, alternately, and its faster run counts: the machine
 * is shared. */

#define G_LOG_DOMAIN "bench-reel"

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-reel-clip.h"
#include "rushes-reel-renderer.h"
#include "rushes-test-async.h"

#define N_CLIPS       10
#define CLIP_SECONDS  8
#define ROUNDS        2
#define TARGET        1.2
#define TIMEOUT_S     900

static const char * const patterns[N_CLIPS] = {
  "smpte", "ball", "snow", "pinwheel", "spokes", "circular", "zone-plate", "gradient", "colors", "bar",
};

/* An 8 s 1280×720 H.264/AAC clip with movement and a tone; not timed. */
static GFile *
make_clip (guint index)
{
  g_autofree char *name = g_strdup_printf ("clip-%02u.mp4", index);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GstElementFactory) x264 = gst_element_factory_find ("x264enc");
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  description = g_strdup_printf ("videotestsrc num-buffers=%d pattern=%s kx2=10 ky2=10 kt=1 ! "
                                 "video/x-raw,width=1280,height=720,framerate=30/1,format=I420 ! %s ! "
                                 "h264parse ! mp4mux name=m ! filesink location=\"%s\" "
                                 "audiotestsrc num-buffers=%d samplesperbuffer=1024 freq=%u ! "
                                 "audio/x-raw,rate=48000,channels=2 ! avenc_aac ! aacparse ! m.",
                                 CLIP_SECONDS * 30, patterns[index],
                                 x264 != NULL ? "x264enc speed-preset=ultrafast bitrate=4000" : "openh264enc bitrate=4000000",
                                 path, CLIP_SECONDS * 48000 / 1024 - 1, 220 + 40 * index);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, rushes_test_scaled_usec (TIMEOUT_S) * GST_USECOND,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return g_file_new_for_path (path);
}

static void
assert_duration (GFile        *file,
                 GstClockTime  expected)
{
  g_autoptr(GstDiscoverer) discoverer = gst_discoverer_new (60 * GST_SECOND, NULL);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GstClockTime duration;

  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  duration = gst_discoverer_info_get_duration (info);
  g_assert_cmpuint (duration, >=, expected - GST_SECOND / 2);
  g_assert_cmpuint (duration, <=, expected + GST_SECOND / 2);
}

static double
render_with_rushes (GPtrArray                     *clips,
                    GFile                         *output,
                    const RushesReelRenderOptions *options,
                    char                         **encoder)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  rushes_reel_renderer_render_async (clips, output, options, NULL, NULL, NULL, rushes_test_store_result_cb, &result);
  rushes_test_await_for (TIMEOUT_S, &result);
  seconds = (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND;

  g_clear_pointer (encoder, g_free);
  g_assert_true (rushes_reel_renderer_render_finish (result, encoder, NULL, &error));
  g_assert_no_error (error);

  return seconds;
}

static double
render_with_ges_launch (char **argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  return (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND;
}

static void
bench_reel (void)
{
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_reel_clip_free);
  g_autofree char *ges_launch = g_find_program_in_path ("ges-launch-1.0");
  g_autofree char *output_path = g_build_filename (g_get_user_cache_dir (), "reel.mp4", NULL);
  g_autofree char *launch_path = g_build_filename (g_get_user_cache_dir (), "reel-ges-launch.mp4", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (output_path);
  g_autoptr(GFile) launch_output = g_file_new_for_path (launch_path);
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, RUSHES_REEL_RENDER_FLAGS_OVERWRITE };
  g_autofree char *encoder = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  double reel_seconds = N_CLIPS * CLIP_SECONDS;
  double rushes_best = G_MAXDOUBLE, launch_best = G_MAXDOUBLE;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  for (guint i = 0; i < N_CLIPS; i++)
    {
      g_autoptr(GFile) file = make_clip (i);
      RushesReelClip *clip = rushes_reel_clip_new ("bench", file);

      g_assert_true (rushes_reel_clip_probe (clip, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (clips, clip);
    }

  argv = rushes_reel_renderer_get_ges_launch_argv (clips, launch_output, &options, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      double rushes = render_with_rushes (clips, output, &options, &encoder);

      g_test_message ("round %u: Rushes %.2f s (%.2f× real time)", round + 1, rushes, reel_seconds / rushes);
      rushes_best = MIN (rushes_best, rushes);

      if (ges_launch != NULL)
        {
          double launch;

          g_unlink (launch_path);
          launch = render_with_ges_launch (argv);
          g_test_message ("round %u: ges-launch-1.0 %.2f s (%.2f× real time)", round + 1, launch,
                          reel_seconds / launch);
          launch_best = MIN (launch_best, launch);
        }
    }

  assert_duration (output, N_CLIPS * CLIP_SECONDS * GST_SECOND);

  g_test_message ("%d × %d s of 1280×720 with hard cuts, encoded with %s", N_CLIPS, CLIP_SECONDS, encoder);
  g_test_message ("Rushes: %.2f s, %.2f× faster than real time (render time / real time %.3f)",
                  rushes_best, reel_seconds / rushes_best, rushes_best / reel_seconds);

  if (ges_launch == NULL)
    {
      g_test_message ("ges-launch-1.0 is not installed (Debian package ges1.0-tools): no comparison");
      return;
    }

  assert_duration (launch_output, N_CLIPS * CLIP_SECONDS * GST_SECOND);
  g_test_message ("ges-launch-1.0: %.2f s, %.2f× faster than real time", launch_best, reel_seconds / launch_best);
  g_test_message ("Rushes / ges-launch-1.0: %.2f (target ≤ %.1f): %s", rushes_best / launch_best, TARGET,
                  rushes_best / launch_best <= TARGET ? "met" : "NOT met");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (NULL, NULL);
  gst_pb_utils_init ();

  g_test_add_func ("/rushes/reel/benchmark", bench_reel);

  return g_test_run ();
}
