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

#define G_LOG_DOMAIN "test-reel-renderer"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <gst/video/video.h>

#include "rushes-error.h"
#include "rushes-media-error.h"
#include "rushes-reel-clip.h"
#include "rushes-reel-renderer.h"
#include "rushes-test-async.h"

/* A GES render takes long on any machine: each wait allows this many
 * seconds, times the timeout scale. */
#define TIMEOUT_S 240

#define SECOND G_TIME_SPAN_SECOND
/* Container durations carry the AAC encoder's priming: a few tens of ms */
#define TOLERANCE (300 * GST_MSECOND)

/* The clips tests/media/meson.build makes: 4 s each, 30 fps; 16:9 SMPTE
 * bars with sound, 9:16 bars with sound, and a plain white 1:1 square
 * without sound. */
static const char *clip_wide;
static const char *clip_tall;
static const char *clip_square;

static void
cancel_at_first_progress_cb (double   fraction,
                             gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static GFile *
output_folder (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "renders", NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return g_file_new_for_path (path);
}

static GFile *
output_file (const char *name)
{
  g_autoptr(GFile) folder = output_folder ();

  return g_file_get_child (folder, name);
}

static RushesReelClip *
probed_clip (const char *task_id,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RushesReelClip *clip = rushes_reel_clip_new (task_id, file);

  g_assert_true (rushes_reel_clip_probe (clip, NULL, &error));
  g_assert_no_error (error);
  return clip;
}

/* 16:9, 9:16, 1:1: the acceptance reel. */
static GPtrArray *
mixed_clips (gint64 crossfade)
{
  GPtrArray *clips = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_reel_clip_free);

  g_ptr_array_add (clips, probed_clip ("t-wide", clip_wide));
  g_ptr_array_add (clips, probed_clip ("t-tall", clip_tall));
  g_ptr_array_add (clips, probed_clip ("t-square", clip_square));

  if (crossfade > 0)
    for (guint i = 0; i + 1 < clips->len; i++)
      {
        RushesReelClip *clip = g_ptr_array_index (clips, i);

        clip->transition = RUSHES_REEL_TRANSITION_CROSSFADE;
        clip->transition_duration = crossfade;
      }

  return clips;
}

static GError *
render_full (GPtrArray                     *clips,
             GFile                         *destination,
             const RushesReelRenderOptions *options,
             RushesReelRenderProgressFunc   func,
             gpointer                       func_data,
             GCancellable                  *cancellable,
             char                         **video_encoder,
             char                         **audio_encoder)
{
  RushesTestJob render;
  GError *error = NULL;

  rushes_test_job_init (&render);
  rushes_reel_renderer_render_async (clips, destination, options,
                                     func != NULL ? func : rushes_test_job_progress_cb,
                                     func != NULL ? func_data : &render,
                                     cancellable, rushes_test_job_done_cb, &render);
  rushes_test_await_for (TIMEOUT_S, &render.result);

  if (!rushes_reel_renderer_render_finish (render.result, video_encoder, audio_encoder, &error))
    g_assert_nonnull (error);

  /* Progress only goes forward, within 0..1 */
  for (guint i = 0; i < render.progress->len; i++)
    {
      double fraction = g_array_index (render.progress, double, i);

      g_assert_cmpfloat (fraction, >=, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (fraction, >=, g_array_index (render.progress, double, i - 1));
    }
  if (error == NULL && func == NULL)
    g_assert_cmpuint (render.progress->len, >, 0);
  rushes_test_job_clear (&render);

  return error;
}

static void
assert_folder_holds (GFile      *folder,
                     const char *only)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  guint n = 0;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);

  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_assert_cmpstr (g_file_info_get_name (info), ==, only);
      g_object_unref (info);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, only != NULL ? 1 : 0);
}

static GstDiscovererInfo *
discover (GFile *file)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  GstDiscovererInfo *info;

  discoverer = gst_discoverer_new (60 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);

  return info;
}

static char *
caps_name (GstDiscovererStreamInfo *stream)
{
  g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (stream);

  return g_strdup (gst_structure_get_name (gst_caps_get_structure (caps, 0)));
}

/* Checks the container, the frame, the codecs and the duration. */
static void
assert_render (GFile        *file,
               const char   *container,
               const char   *video_codec,
               const char   *audio_codec,
               int           width,
               int           height,
               GstClockTime  duration)
{
  g_autoptr(GstDiscovererInfo) info = discover (file);
  g_autoptr(GstDiscovererStreamInfo) top = gst_discoverer_info_get_stream_info (info);
  g_autofree char *top_name = caps_name (top);
  g_autofree char *video_name = NULL;
  g_autofree char *audio_name = NULL;
  GList *videos = gst_discoverer_info_get_video_streams (info);
  GList *audios = gst_discoverer_info_get_audio_streams (info);
  GstClockTime found = gst_discoverer_info_get_duration (info);

  g_assert_cmpstr (top_name, ==, container);

  g_assert_cmpuint (g_list_length (videos), ==, 1);
  video_name = caps_name (videos->data);
  g_assert_cmpstr (video_name, ==, video_codec);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (videos->data), ==, width);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (videos->data), ==, height);

  /* One sound track, though a clip has none */
  g_assert_cmpuint (g_list_length (audios), ==, 1);
  audio_name = caps_name (audios->data);
  g_assert_cmpstr (audio_name, ==, audio_codec);

  if (found + TOLERANCE < duration || found > duration + TOLERANCE)
    g_error ("The render lasts %" GST_TIME_FORMAT ", not %" GST_TIME_FORMAT,
             GST_TIME_ARGS (found), GST_TIME_ARGS (duration));

  gst_discoverer_stream_info_list_free (videos);
  gst_discoverer_stream_info_list_free (audios);
}

/* Decodes the whole sound track: its length in samples at 8 kHz, and the
 * loudest sample in each second. */
static GArray *
decode_sound (GFile  *file,
              gint64 *n_samples)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) error = NULL;
  GArray *peaks = g_array_new (FALSE, TRUE, sizeof (int));
  GstSample *sample;

  description = g_strdup_printf ("uridecodebin uri=%s caps=audio/x-raw ! audioconvert ! audioresample ! "
                                 "audio/x-raw,format=S16LE,channels=1,rate=8000 ! "
                                 "appsink name=sink sync=false", uri);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  *n_samples = 0;
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstBuffer *buffer = gst_sample_get_buffer (sample);
      GstMapInfo map;

      g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
      for (gsize i = 0; i + 1 < map.size; i += 2)
        {
          gint16 value = (gint16) (map.data[i] | (map.data[i + 1] << 8));
          guint second = (guint) (*n_samples / 8000);

          if (second >= peaks->len)
            g_array_set_size (peaks, second + 1);
          g_array_index (peaks, int, second) = MAX (g_array_index (peaks, int, second), ABS (value));
          (*n_samples)++;
        }
      gst_buffer_unmap (buffer, &map);
      gst_sample_unref (sample);
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return peaks;
}

/* One RGB frame of the render at @position. */
static GstSample *
frame_at (GFile        *file,
          GstClockTime  position)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) error = NULL;
  GstSample *sample;

  description = g_strdup_printf ("uridecodebin uri=%s caps=video/x-raw ! videoconvert ! "
                                 "video/x-raw,format=RGB ! appsink name=sink sync=false", uri);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");

  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  g_assert_cmpint (gst_element_get_state (pipeline, NULL, NULL, rushes_test_scaled_usec (TIMEOUT_S) * GST_USECOND), ==,
                   GST_STATE_CHANGE_SUCCESS);
  g_assert_true (gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                          GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, position));
  g_assert_cmpint (gst_element_get_state (pipeline, NULL, NULL, rushes_test_scaled_usec (TIMEOUT_S) * GST_USECOND), ==,
                   GST_STATE_CHANGE_SUCCESS);
  sample = gst_app_sink_pull_preroll (GST_APP_SINK (sink));
  g_assert_nonnull (sample);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return sample;
}

/* The brightness (0..255) of the pixel at @x, @y, averaged over R, G, B. */
static int
brightness (GstSample *sample,
            int        x,
            int        y)
{
  GstVideoInfo info;
  GstVideoFrame frame;
  const guint8 *pixel;
  int value;

  g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
  g_assert_true (gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ));
  pixel = (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0) +
          y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0) + x * 3;
  value = (pixel[0] + pixel[1] + pixel[2]) / 3;
  gst_video_frame_unmap (&frame);

  return value;
}

static void
sigint_cb (int signum)
{
}

/* GES starts an embedded Python, which takes SIGINT for itself: Ctrl+C in
 * rushes-cli must still reach the CLI's handler. First of the tests, so
 * that this render is the one that starts GES. */
static void
renderer_keeps_signals (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (0);
  g_autoptr(GFile) output = output_file ("signals.mp4");
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0, 160, 90, 0, 0, NULL };
  struct sigaction handler = { .sa_handler = sigint_cb };
  struct sigaction before_int, after_int, after_pipe;
  g_autoptr(GError) error = NULL;

  sigemptyset (&handler.sa_mask);
  g_assert_cmpint (sigaction (SIGINT, &handler, &before_int), ==, 0);

  error = render_full (clips, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_no_error (error);

  g_assert_cmpint (sigaction (SIGINT, &before_int, &after_int), ==, 0);
  g_assert_true (after_int.sa_handler == sigint_cb);
  g_assert_cmpint (sigaction (SIGPIPE, NULL, &after_pipe), ==, 0);
  g_assert_true (after_pipe.sa_handler == SIG_DFL);
}

static void
renderer_mixed_shapes (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (0);
  g_autoptr(GFile) output = output_file ("reel.mp4");
  g_autoptr(GFile) folder = output_folder ();
  g_autoptr(GArray) peaks = NULL;
  g_autoptr(GstSample) square = NULL;
  g_autoptr(GstSample) tall = NULL;
  g_autofree char *video_encoder = NULL;
  g_autofree char *audio_encoder = NULL;
  g_autofree char *expected = NULL;
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0 };
  g_autoptr(GError) error = NULL;
  gint64 n_samples;

  error = render_full (clips, output, &options, NULL, NULL, NULL, &video_encoder, &audio_encoder);
  g_assert_no_error (error);
  assert_folder_holds (folder, "reel.mp4");

  /* 12 s in the first clip's 1280×720 */
  assert_render (output, "video/quicktime", "video/x-h264", "audio/mpeg", 1280, 720, 12 * GST_SECOND);

  /* The encoder was chosen, not left to ranks, and is the one named */
  expected = rushes_reel_renderer_find_video_encoder (RUSHES_REEL_FORMAT_MP4, NULL);
  g_assert_cmpstr (video_encoder, ==, expected);
  g_assert_nonnull (audio_encoder);
  g_test_message ("Encoded with %s and %s", video_encoder, audio_encoder);

  /* The 1:1 white square is pillarboxed, not stretched: 720 wide in the
   * middle of 1280, black beyond */
  square = frame_at (output, 10 * GST_SECOND);
  g_assert_cmpint (brightness (square, 640, 360), >, 200);
  g_assert_cmpint (brightness (square, 290 + 10, 360), >, 200);
  g_assert_cmpint (brightness (square, 1280 - 290 - 10, 360), >, 200);
  g_assert_cmpint (brightness (square, 270 - 10, 360), <, 30);
  g_assert_cmpint (brightness (square, 1280 - 270 + 10, 360), <, 30);
  g_assert_cmpint (brightness (square, 10, 360), <, 30);

  /* The 9:16 bars: 405 wide in the middle, black on both sides */
  tall = frame_at (output, 6 * GST_SECOND);
  g_assert_cmpint (brightness (tall, 100, 200), <, 30);
  g_assert_cmpint (brightness (tall, 1180, 200), <, 30);
  g_assert_cmpint (brightness (tall, 460, 200), >, 100);

  /* One sound track for the whole reel: the tone, then silence for the
   * clip without sound */
  peaks = decode_sound (output, &n_samples);
  g_assert_cmpint (n_samples, >=, (12 * GST_SECOND - TOLERANCE) * 8000 / GST_SECOND);
  g_assert_cmpint (n_samples, <=, (12 * GST_SECOND + TOLERANCE) * 8000 / GST_SECOND);
  g_assert_cmpint (g_array_index (peaks, int, 1), >, 1000);
  g_assert_cmpint (g_array_index (peaks, int, 5), >, 1000);
  g_assert_cmpint (g_array_index (peaks, int, 10), <, 100);
}

/* Crossfades overlap their clips: three 4 s clips, two 0.5 s crossfades,
 * 11 s. */
static void
renderer_crossfades (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (SECOND / 2);
  g_autoptr(GFile) output = output_file ("crossfades.mp4");
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0 };
  g_autoptr(GstSample) middle = NULL;
  g_autoptr(GError) error = NULL;

  error = render_full (clips, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_no_error (error);
  assert_render (output, "video/quicktime", "video/x-h264", "audio/mpeg", 1280, 720, 11 * GST_SECOND);

  /* Half way through the second crossfade (7.0–7.5 s), the white square
   * shows at about half its brightness over black */
  middle = frame_at (output, 7250 * GST_MSECOND);
  g_assert_cmpint (brightness (middle, 640 - 350, 700), >, 60);
  g_assert_cmpint (brightness (middle, 640 - 350, 700), <, 200);
}

/* A chosen frame and WebM: VP9 and Opus, the clips boxed into 320×320. */
static void
renderer_webm (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (0);
  g_autoptr(GFile) output = output_file ("reel.webm");
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_WEBM, 0, 320, 320, 15, 1, NULL };
  g_autofree char *video_encoder = NULL;
  g_autofree char *audio_encoder = NULL;
  g_autoptr(GstSample) wide = NULL;
  g_autoptr(GError) error = NULL;

  /* Shorter clips keep the test quick: 1.5 s of each */
  for (guint i = 0; i < clips->len; i++)
    {
      RushesReelClip *clip = g_ptr_array_index (clips, i);

      clip->in_point = SECOND;
      clip->out_point = SECOND + 3 * SECOND / 2;
    }

  error = render_full (clips, output, &options, NULL, NULL, NULL, &video_encoder, &audio_encoder);
  g_assert_no_error (error);
  assert_render (output, "video/webm", "video/x-vp9", "audio/x-opus", 320, 320,
                 9 * GST_SECOND / 2);
  g_assert_cmpstr (video_encoder, ==, "vp9enc");
  g_assert_cmpstr (audio_encoder, ==, "opusenc");

  /* The 16:9 clip is letterboxed: 180 high in the middle of 320 */
  wide = frame_at (output, GST_SECOND / 2);
  g_assert_cmpint (brightness (wide, 160, 10), <, 30);
  g_assert_cmpint (brightness (wide, 160, 310), <, 30);
  g_assert_cmpint (brightness (wide, 20, 120), >, 100);
}

/* On a machine without x264enc, openh264enc is named in the profile
 * rather than left to encodebin, which would pick a failing encoder. */
static void
renderer_openh264 (void)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find ("openh264enc");
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GFile) output = output_file ("openh264.mp4");
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0, 320, 180, 0, 0, "openh264enc" };
  g_autofree char *video_encoder = NULL;
  g_autoptr(GError) error = NULL;

  if (factory == NULL)
    {
      g_test_skip ("openh264enc is not installed");
      return;
    }

  clips = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_reel_clip_free);
  g_ptr_array_add (clips, probed_clip ("t-tall", clip_tall));
  g_ptr_array_add (clips, probed_clip ("t-wide", clip_wide));

  error = render_full (clips, output, &options, NULL, NULL, NULL, &video_encoder, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (video_encoder, ==, "openh264enc");
  assert_render (output, "video/quicktime", "video/x-h264", "audio/mpeg", 320, 180, 8 * GST_SECOND);
}

static void
renderer_cancel (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (0);
  g_autoptr(GFile) output = output_file ("cancelled.mp4");
  g_autoptr(GFile) folder = output_folder ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0 };
  g_autoptr(GError) error = NULL;

  /* Cancelled in the middle of the render */
  error = render_full (clips, output, &options, cancel_at_first_progress_cb, cancellable,
                       cancellable, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* Neither the destination nor a temporary file */
  assert_folder_holds (folder, NULL);

  /* Cancelled before it starts */
  error = render_full (clips, output, &options, NULL, NULL, cancellable, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_folder_holds (folder, NULL);
}

static void
renderer_keeps_existing (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (0);
  g_autoptr(GFile) output = output_file ("mine.mp4");
  g_autoptr(GFile) folder = output_folder ();
  g_autofree char *contents = NULL;
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0, 160, 90, 0, 0, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (g_file_peek_path (output), "my own work", -1, NULL));

  error = render_full (clips, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "mine.mp4"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (g_file_peek_path (output), &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my own work");
  assert_folder_holds (folder, "mine.mp4");

  /* Unless the user agreed to replace it */
  options.flags = RUSHES_REEL_RENDER_FLAGS_OVERWRITE;
  error = render_full (clips, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_no_error (error);
  assert_render (output, "video/quicktime", "video/x-h264", "audio/mpeg", 160, 90, 12 * GST_SECOND);
  assert_folder_holds (folder, "mine.mp4");
}

/* What cannot be laid out is refused before anything is written. */
static void
renderer_refuses (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (0);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GFile) output = output_file ("refused.mp4");
  g_autoptr(GFile) folder = output_folder ();
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0 };
  RushesReelClip *middle = g_ptr_array_index (clips, 1);
  RushesReelClip *first = g_ptr_array_index (clips, 0);
  g_autoptr(GError) error = NULL;

  error = render_full (empty, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A crossfade longer than its clips */
  first->transition = RUSHES_REEL_TRANSITION_CROSSFADE;
  first->transition_duration = 5 * SECOND;
  error = render_full (clips, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "between clips 1 and 2"));
  g_clear_error (&error);
  first->transition = RUSHES_REEL_TRANSITION_CUT;

  /* A clip deleted from the library */
  g_clear_object (&middle->file);
  error = render_full (clips, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Clip 2"));
  g_clear_error (&error);

  /* An encoder that does not exist */
  g_ptr_array_remove_index (clips, 1);
  options.video_encoder = "nosuchenc";
  error = render_full (clips, output, &options, NULL, NULL, NULL, NULL, NULL);
  g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN);
  g_assert_nonnull (strstr (error->message, "nosuchenc"));

  assert_folder_holds (folder, NULL);
}

/* The ges-launch-1.0 command of the benchmark: same timeline, same
 * encoders. */
static void
renderer_ges_launch_argv (void)
{
  g_autoptr(GPtrArray) clips = mixed_clips (SECOND / 2);
  g_autoptr(GFile) output = output_file ("launch.mp4");
  RushesReelRenderOptions options = { RUSHES_REEL_FORMAT_MP4, 0 };
  g_auto(GStrv) argv = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *encoder = rushes_reel_renderer_find_video_encoder (RUSHES_REEL_FORMAT_MP4, NULL);
  g_autoptr(GError) error = NULL;

  /* Exactly 4 s each: the sound of the clips runs a little longer */
  for (guint i = 0; i < clips->len; i++)
    ((RushesReelClip *) g_ptr_array_index (clips, i))->out_point = 4 * SECOND;

  argv = rushes_reel_renderer_get_ges_launch_argv (clips, output, &options, &error);
  g_assert_no_error (error);
  joined = g_strjoinv (" ", argv);
  g_test_message ("%s", joined);

  g_assert_cmpstr (argv[0], ==, "ges-launch-1.0");
  g_assert_true (g_strv_contains ((const char * const *) argv, "+clip"));
  g_assert_nonnull (strstr (joined, "width=1280,height=720,framerate=30/1"));
  /* The crossfades as overlaps: the second clip starts at 3.5 s, the
   * third at 7 s */
  g_assert_nonnull (strstr (joined, "start=3.5000000005 inpoint=0.0000000005 duration=4.0000000005"));
  g_assert_nonnull (strstr (joined, "start=7.0000000005"));
  g_assert_nonnull (strstr (joined, encoder));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (NULL, NULL);
  gst_pb_utils_init ();

  g_assert_cmpint (argc, ==, 4);
  clip_wide = argv[1];
  clip_tall = argv[2];
  clip_square = argv[3];

  g_test_add_func ("/rushes/reel/renderer/keeps-signals", renderer_keeps_signals);
  g_test_add_func ("/rushes/reel/renderer/mixed-shapes", renderer_mixed_shapes);
  g_test_add_func ("/rushes/reel/renderer/crossfades", renderer_crossfades);
  g_test_add_func ("/rushes/reel/renderer/webm", renderer_webm);
  g_test_add_func ("/rushes/reel/renderer/openh264", renderer_openh264);
  g_test_add_func ("/rushes/reel/renderer/cancel", renderer_cancel);
  g_test_add_func ("/rushes/reel/renderer/keeps-existing", renderer_keeps_existing);
  g_test_add_func ("/rushes/reel/renderer/refuses", renderer_refuses);
  g_test_add_func ("/rushes/reel/renderer/ges-launch-argv", renderer_ges_launch_argv);

  return g_test_run ();
}
