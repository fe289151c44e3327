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

#define G_LOG_DOMAIN "test-sandbox-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/app/app.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-providers.h"
#include "rushes-sandbox-renderer.h"
#include "rushes-test-async.h"

typedef struct
{
  char  *dir;
  GFile *output;
} Fixture;

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_at_first;  /* cancelled from the first progress report */
  guint         destroyed;
  gint64        cancelled_at;
} Progress;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rushes-sandbox-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->output = g_file_new_build_filename (fixture->dir, "out.mp4", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->output);
  g_clear_pointer (&fixture->dir, g_free);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The folder's entries, sorted and joined with spaces: temp files show up. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

/* How long GStreamer may take to answer, on a machine as slow as the
 * timeout scale says. */
static GstClockTime
scaled_limit (double seconds)
{
  return rushes_test_scaled_usec (seconds) * GST_USECOND;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (progress->destroyed, ==, 0);
  g_array_append_val (progress->fractions, fraction);

  if (progress->cancel_at_first != NULL)
    {
      progress->cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (progress->cancel_at_first);
    }
}

static void
progress_destroy_cb (gpointer user_data)
{
  Progress *progress = user_data;

  progress->destroyed++;
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *res = user_data;

  g_assert_null (object);
  res->ok = rushes_sandbox_render_finish (result, &res->error);
  res->done = TRUE;
}

static gboolean
render_done (gpointer data)
{
  return ((Result *) data)->done;
}

static gboolean
render (const char    *prompt,
        GFile         *image,
        guint          width,
        guint          height,
        guint          duration,
        GFile         *output,
        Progress      *progress,
        GCancellable  *cancellable,
        GError       **error)
{
  Result res = { 0 };

  rushes_sandbox_render_async (prompt, image, width, height, duration, output,
                               progress ? progress_cb : NULL, progress,
                               progress ? progress_destroy_cb : NULL,
                               cancellable, render_cb, &res);
  rushes_test_wait_until (render_done, &res, "the render ends");

  g_assert_true (res.ok == (res.error == NULL));
  if (res.error != NULL)
    g_propagate_error (error, res.error);

  return res.ok;
}

/* Runs a pipeline description to its end; fails the test on an error. */
static void
run_pipeline (const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, scaled_limit (10), GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      gst_message_parse_error (message, &error, NULL);
      g_assert_no_error (error);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static GFile *
make_png (const char *dir,
          const char *name,
          guint       width,
          guint       height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("videotestsrc num-buffers=1 pattern=smpte ! "
                                 "video/x-raw,width=%u,height=%u ! videoconvert ! "
                                 "pngenc ! filesink location=\"%s\"", width, height, path);
  run_pipeline (description);

  return g_file_new_for_path (path);
}

/* The loudness (RMS, 0 to 1) of the file's whole sound track. */
static double
decode_loudness (GFile *file)
{
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  double sum_squares = 0;
  guint64 n_samples = 0;
  GstSample *sample;

  description = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! audioconvert ! "
                                 "audio/x-raw,format=F32LE ! appsink name=sink sync=false",
                                 g_file_peek_path (file));
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while ((sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), scaled_limit (10))) != NULL)
    {
      GstMapInfo map;

      g_assert_true (gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ));
      for (gsize i = 0; i + sizeof (float) <= map.size; i += sizeof (float))
        {
          float value;

          memcpy (&value, map.data + i, sizeof value);
          sum_squares += (double) value * value;
          n_samples++;
        }
      gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
      gst_sample_unref (sample);
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_cmpuint (n_samples, >, 0);

  return sqrt (sum_squares / n_samples);
}

/* Luma of the frames nearest to @times (seconds), by decoding the file. */
static GPtrArray *
decode_frames (GFile        *file,
               const double *times,
               guint         n_times,
               guint        *width,
               guint        *height)
{
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GstSample *sample;

  description = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert ! "
                                 "video/x-raw,format=GRAY8 ! appsink name=sink sync=false",
                                 g_file_peek_path (file));
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while (frames->len < n_times &&
         (sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), scaled_limit (10))) != NULL)
    {
      GstBuffer *buffer = gst_sample_get_buffer (sample);
      GstClockTime pts = GST_BUFFER_PTS (buffer);
      GstClockTime want = (GstClockTime) (times[frames->len] * GST_SECOND);

      if (pts + GST_SECOND / 60 >= want)
        {
          GstVideoInfo info;
          GstVideoFrame frame;
          GByteArray *luma = g_byte_array_new ();

          g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
          g_assert_true (gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ));
          *width = GST_VIDEO_INFO_WIDTH (&info);
          *height = GST_VIDEO_INFO_HEIGHT (&info);
          for (guint y = 0; y < *height; y++)
            g_byte_array_append (luma,
                                 (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0) +
                                 y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
                                 *width);
          gst_video_frame_unmap (&frame);
          g_ptr_array_add (frames, g_byte_array_free_to_bytes (luma));
        }
      gst_sample_unref (sample);
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_cmpuint (frames->len, ==, n_times);

  return frames;
}

static double
mean_difference (GBytes *a,
                 GBytes *b)
{
  gsize size_a, size_b;
  const guint8 *pa = g_bytes_get_data (a, &size_a);
  const guint8 *pb = g_bytes_get_data (b, &size_b);
  guint64 sum = 0;

  g_assert_cmpuint (size_a, ==, size_b);
  for (gsize i = 0; i < size_a; i++)
    sum += ABS ((int) pa[i] - (int) pb[i]);

  return (double) sum / size_a;
}

static double
standard_deviation (GBytes *frame)
{
  gsize size;
  const guint8 *p = g_bytes_get_data (frame, &size);
  double sum = 0, sum2 = 0, mean;

  for (gsize i = 0; i < size; i++)
    {
      sum += p[i];
      sum2 += (double) p[i] * p[i];
    }
  mean = sum / size;

  return sqrt (sum2 / size - mean * mean);
}

static void
assert_moves (GFile  *file,
              double *stddev_out)
{
  static const double times[] = { 0.5, 1.5 };
  g_autoptr(GPtrArray) frames = NULL;
  guint width = 0, height = 0;
  double difference;

  frames = decode_frames (file, times, G_N_ELEMENTS (times), &width, &height);
  difference = mean_difference (g_ptr_array_index (frames, 0), g_ptr_array_index (frames, 1));
  g_test_message ("mean luma difference between 0.5 s and 1.5 s: %.2f", difference);
  /* Encoder noise alone stays well under 1. */
  g_assert_cmpfloat (difference, >, 2.0);

  if (stddev_out != NULL)
    *stddev_out = standard_deviation (g_ptr_array_index (frames, 0));
}

static void
test_render_portrait (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *uri = g_file_get_uri (fixture->output);
  g_autofree char *listing = NULL;
  GList *videos, *audios;
  GstDiscovererVideoInfo *video;
  g_autoptr(GstCaps) caps = NULL;
  GstClockTime duration;

  render ("A lighthouse on a cliff at dawn, waves & gulls <slow pan>", NULL,
          720, 1280, 2, fixture->output, NULL, NULL, &error);
  g_assert_no_error (error);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "out.mp4");

  discoverer = gst_discoverer_new (scaled_limit (10), &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);

  duration = gst_discoverer_info_get_duration (info);
  g_assert_cmpuint (duration, >=, 1800 * GST_MSECOND);
  g_assert_cmpuint (duration, <=, 2200 * GST_MSECOND);

  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  video = videos->data;
  g_assert_cmpuint (gst_discoverer_video_info_get_width (video), ==, 720);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (video), ==, 1280);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_num (video), ==, 30);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_denom (video), ==, 1);
  caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (video));
  g_assert_cmpstr (gst_structure_get_name (gst_caps_get_structure (caps, 0)), ==, "video/x-h264");
  gst_discoverer_stream_info_list_free (videos);

  audios = gst_discoverer_info_get_audio_streams (info);
  g_assert_cmpuint (g_list_length (audios), ==, 1);
  gst_discoverer_stream_info_list_free (audios);

  /* A sound track one can hear, not a silent one. */
  {
    double loudness = decode_loudness (fixture->output);

    g_test_message ("sound track: %.3f RMS", loudness);
    g_assert_cmpfloat (loudness, >, 0.01);
    g_assert_cmpfloat (loudness, <, 0.9);
  }

  /* The backdrop drifts: no still frame. */
  assert_moves (fixture->output, NULL);
}

static void
test_render_image (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) image = make_png (fixture->dir, "start.png", 480, 360);
  g_autoptr(GFile) plain = g_file_new_build_filename (fixture->dir, "plain.mp4", NULL);
  g_autofree char *listing = NULL;
  double image_stddev, plain_stddev;

  render ("Colour bars, slowly", image, 640, 360, 2, fixture->output, NULL, NULL, &error);
  g_assert_no_error (error);
  render ("Colour bars, slowly", NULL, 640, 360, 2, plain, NULL, NULL, &error);
  g_assert_no_error (error);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "out.mp4 plain.mp4 start.png");

  /* Panned and zoomed, and it is the picture that shows, not the backdrop:
   * colour bars have far more contrast than the soft gradient. */
  assert_moves (fixture->output, &image_stddev);
  assert_moves (plain, &plain_stddev);
  g_test_message ("luma deviation with the picture %.1f, without %.1f", image_stddev, plain_stddev);
  g_assert_cmpfloat (image_stddev, >, 2 * plain_stddev);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, 0 };

  render ("Progress", NULL, 1280, 720, 3, fixture->output, &progress, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (progress.destroyed, ==, 1);
  g_assert_cmpuint (progress.fractions->len, >=, 3);
  for (guint i = 0; i < progress.fractions->len; i++)
    {
      double fraction = g_array_index (progress.fractions, double, i);

      g_assert_cmpfloat (fraction, >, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (fraction, >, g_array_index (progress.fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (progress.fractions, double, progress.fractions->len - 1), ==, 1.0);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, progress.fractions->len - 2), <, 1.0);

  g_array_unref (progress.fractions);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *listing = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), cancellable, 0, 0 };

  /* Long enough that it cannot finish before the first progress report. */
  g_assert_false (render ("Cancelled", NULL, 1280, 720, 30, fixture->output,
                          &progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The answer comes once the pipeline stops, not once it would have
   * ended: timed from the cancel, as starting up takes what the machine
   * takes. */
  g_assert_cmpint (g_get_monotonic_time () - progress.cancelled_at, <, rushes_test_scaled_usec (5));

  g_assert_cmpuint (progress.fractions->len, ==, 1);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 0), <, 0.5);
  g_assert_cmpuint (progress.destroyed, ==, 1);

  g_assert_false (g_file_query_exists (fixture->output, NULL));
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");

  g_array_unref (progress.fractions);
}

static void
test_cancel_while_decoding (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) image = make_png (fixture->dir, "start.png", 320, 240);
  g_autofree char *listing = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (render ("Cancelled", image, 320, 240, 2, fixture->output,
                          NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "start.png");
}

static void
assert_bad_image (Fixture    *fixture,
                  GFile      *image,
                  GQuark      domain,
                  int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (image);

  g_assert_false (render ("Bad", image, 320, 240, 1, fixture->output, NULL, NULL, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_false (g_file_query_exists (fixture->output, NULL));
}

static void
test_bad_image (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) good = make_png (fixture->dir, "good.png", 320, 240);
  g_autoptr(GFile) text = g_file_new_build_filename (fixture->dir, "notes.png", NULL);
  g_autoptr(GFile) truncated = g_file_new_build_filename (fixture->dir, "truncated.png", NULL);
  g_autoptr(GFile) corrupt = g_file_new_build_filename (fixture->dir, "corrupt.png", NULL);
  g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "missing.jpg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  char *idat;
  gsize length;

  g_file_replace_contents (text, "just some words\n", 16, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_load_contents (good, NULL, &contents, &length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 400);

  /* Intact chunks, but the compressed pixels scrambled: the decoder fails. */
  idat = NULL;
  for (gsize i = 8; i + 4 < length && idat == NULL; i++)
    if (memcmp (contents + i, "IDAT", 4) == 0)
      idat = contents + i;
  g_assert_nonnull (idat);
  g_assert_cmpuint (idat - contents + 300, <, length);
  for (guint i = 20; i < 300; i++)
    idat[i] ^= 0x55;
  g_file_replace_contents (corrupt, contents, length, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  /* A PNG signature and header, then garbage instead of the chunks: the
   * decoder never finds a complete picture. */
  memset (contents + 60, 0x5a, length - 60);
  g_file_replace_contents (truncated, contents, length, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  assert_bad_image (fixture, text, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_bad_image (fixture, corrupt, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_bad_image (fixture, truncated, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_bad_image (fixture, missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "corrupt.png good.png notes.png truncated.png");
}

static void
test_invalid_size (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (render ("Odd", NULL, 641, 360, 2, fixture->output, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (render ("Zero", NULL, 640, 360, 0, fixture->output, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_missing_element (Fixture       *fixture,
                      gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      GstRegistry *registry = gst_registry_get ();
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;

      /* As if gstreamer1.0-plugins-bad (and -ugly) were not installed. */
      for (guint i = 0; i < 2; i++)
        {
          const char *name = i == 0 ? "openh264enc" : "x264enc";
          GstPluginFeature *feature = gst_registry_lookup_feature (registry, name);

          if (feature != NULL)
            {
              gst_registry_remove_feature (registry, feature);
              gst_object_unref (feature);
            }
        }

      g_assert_false (render ("Missing", NULL, 320, 240, 1, fixture->output, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      g_assert_nonnull (strstr (error->message, "openh264enc (gstreamer1.0-plugins-bad)"));

      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, "");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
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
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/rushes/sandbox/render-portrait", test_render_portrait);
  ADD ("/rushes/sandbox/render-image", test_render_image);
  ADD ("/rushes/sandbox/progress", test_progress);
  ADD ("/rushes/sandbox/cancel", test_cancel);
  ADD ("/rushes/sandbox/cancel-while-decoding", test_cancel_while_decoding);
  ADD ("/rushes/sandbox/bad-image", test_bad_image);
  ADD ("/rushes/sandbox/invalid-size", test_invalid_size);
  ADD ("/rushes/sandbox/missing-element", test_missing_element);

#undef ADD

  ret = g_test_run ();
  gst_deinit ();

  return ret;
}
