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

#define G_LOG_DOMAIN "test-player"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "rushes-core.h"
#include "rushes-paintable.h"
#include "rushes-player-private.h"
#include "rushes-test-async.h"
#include "rushes-test-player.h"
#include "rushes-thumbnailer.h"

/* The fake provider's clip: 2 s of videotestsrc at 320x180 and 30 fps,
 * H.264 + AAC in MP4; its AAC track runs to 2.2 s. */
#define CLIP_WIDTH 320
#define CLIP_HEIGHT 180
#define CLIP_DURATION (2 * GST_SECOND)
#define FRAME_DURATION (GST_SECOND / 30)

static const char *clip_path;

static RushesPaintable *
player_paintable (RushesPlayer *player)
{
  return RUSHES_PAINTABLE (rushes_player_get_paintable (player));
}

static RushesPlayer *
load_clip (void)
{
  RushesPlayer *player = rushes_player_new ();
  g_autoptr(GFile) file = g_file_new_for_path (clip_path);

  rushes_player_set_file (player, file);
  rushes_test_wait_until (rushes_test_player_settled, player, "the clip is loaded");
  g_assert_no_error (rushes_player_get_error (player));

  return player;
}

static guchar *
download (GdkTexture *texture)
{
  gsize stride = gdk_texture_get_width (texture) * 4;
  guchar *pixels = g_malloc (stride * gdk_texture_get_height (texture));

  gdk_texture_download (texture, pixels, stride);
  return pixels;
}

static gboolean
same_pixels (GdkTexture *a,
             GdkTexture *b)
{
  g_autofree guchar *pa = download (a);
  g_autofree guchar *pb = download (b);

  return gdk_texture_get_width (a) == gdk_texture_get_width (b) &&
         gdk_texture_get_height (a) == gdk_texture_get_height (b) &&
         memcmp (pa, pb, (gsize) gdk_texture_get_width (a) * 4 * gdk_texture_get_height (a)) == 0;
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-player", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static void
player_loads (void)
{
  RushesPlayer *player = load_clip ();
  GdkPaintable *paintable = rushes_player_get_paintable (player);
  GdkTexture *texture = rushes_paintable_get_texture (RUSHES_PAINTABLE (paintable));

  g_assert_false (rushes_player_get_playing (player));
  g_assert_true (rushes_player_get_seekable (player));
  g_assert_cmpint (rushes_player_get_position (player), ==, 0);
  g_assert_cmpint (rushes_player_get_duration (player), >=, CLIP_DURATION - 100 * GST_MSECOND);
  g_assert_cmpint (rushes_player_get_duration (player), <=, CLIP_DURATION + 300 * GST_MSECOND);
  g_assert_cmpint (rushes_player_get_frame_duration (player), ==, FRAME_DURATION);

  /* The first frame at the video's size, which GtkPicture letterboxes by. */
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, CLIP_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, CLIP_HEIGHT);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, CLIP_WIDTH);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, CLIP_HEIGHT);
  g_assert_cmpfloat_with_epsilon (gdk_paintable_get_intrinsic_aspect_ratio (paintable), 16.0 / 9.0, 0.01);

  rushes_test_finalize_player (player);
}

typedef struct
{
  gint64 last;
  gint64 max;
  guint  backwards;
} PositionLog;

static void
log_position_cb (RushesPlayer *player,
                 GParamSpec   *pspec,
                 PositionLog  *log)
{
  gint64 position = rushes_player_get_position (player);

  if (position < log->last)
    log->backwards++;
  log->last = position;
  log->max = MAX (log->max, position);
}

static void
player_plays_to_end (void)
{
  RushesPlayer *player = load_clip ();
  PositionLog log = { 0, };
  guint ended = 0;
  guint frames = 0;

  g_signal_connect (player, "notify::position", G_CALLBACK (log_position_cb), &log);
  g_signal_connect (player, "ended", G_CALLBACK (rushes_test_count_cb), &ended);
  g_signal_connect (rushes_player_get_paintable (player), "invalidate-contents",
                    G_CALLBACK (rushes_test_count_cb), &frames);

  rushes_player_play (player);
  g_assert_true (rushes_player_get_playing (player));
  rushes_test_wait_until (rushes_test_counted, &ended, "the clip ends");

  g_assert_cmpuint (ended, ==, 1);
  g_assert_false (rushes_player_get_playing (player));
  g_assert_no_error (rushes_player_get_error (player));
  g_assert_cmpint (rushes_player_get_position (player), ==, rushes_player_get_duration (player));

  /* The position moved forward while playing, through the whole clip. */
  g_assert_cmpuint (log.backwards, ==, 0);
  g_assert_cmpint (log.max, ==, rushes_player_get_duration (player));
  /* Frames were shown along the way, not only the first and last. */
  g_assert_cmpuint (frames, >, 10);

  /* Playing again starts from the beginning. */
  ended = 0;
  log = (PositionLog) { rushes_player_get_position (player), 0, 0 };
  rushes_player_play (player);
  rushes_test_wait_until (rushes_test_counted, &ended, "the clip ends again");
  g_assert_cmpuint (log.backwards, ==, 1);

  rushes_test_finalize_player (player);
}

typedef struct
{
  RushesPlayer *player;
  gint64        highest;
  gboolean      wrapped;
} LoopWatch;

static void
loop_position_cb (RushesPlayer *player,
                  GParamSpec   *pspec,
                  LoopWatch    *watch)
{
  gint64 position = rushes_player_get_position (player);

  if (watch->highest >= CLIP_DURATION - 200 * GST_MSECOND && position < 500 * GST_MSECOND)
    watch->wrapped = TRUE;
  watch->highest = MAX (watch->highest, position);
}

static gboolean
loop_wrapped (gpointer data)
{
  LoopWatch *watch = data;

  return watch->wrapped && rushes_player_get_position (watch->player) > 100 * GST_MSECOND;
}

static void
player_loops (void)
{
  RushesPlayer *player = load_clip ();
  LoopWatch watch = { player, 0, FALSE };
  guint ended = 0;

  rushes_player_set_loop (player, TRUE);
  g_signal_connect (player, "notify::position", G_CALLBACK (loop_position_cb), &watch);
  g_signal_connect (player, "ended", G_CALLBACK (rushes_test_count_cb), &ended);

  /* Near the end, so the test does not wait for the whole clip. */
  rushes_player_seek (player, CLIP_DURATION - 300 * GST_MSECOND);
  rushes_player_play (player);
  rushes_test_wait_until (loop_wrapped, &watch, "the clip starts again");

  g_assert_cmpuint (ended, ==, 0);
  g_assert_true (rushes_player_get_playing (player));
  g_assert_no_error (rushes_player_get_error (player));

  rushes_test_finalize_player (player);
}

static void
player_steps_frames (void)
{
  RushesPlayer *player = load_clip ();
  RushesPaintable *paintable = player_paintable (player);
  g_autoptr(GdkTexture) start = NULL;
  g_autoptr(GdkTexture) next = NULL;
  gint64 start_position, next_position, back_position;

  rushes_player_seek (player, GST_SECOND);
  rushes_test_wait_for_new_frame (player, rushes_paintable_get_texture (paintable));
  start = g_object_ref (rushes_paintable_get_texture (paintable));
  start_position = rushes_player_get_position (player);
  g_assert_cmpint (ABS (start_position - GST_SECOND), <, FRAME_DURATION);

  /* Forward: another picture, one frame later. */
  rushes_player_step_frame (player, TRUE);
  rushes_test_wait_for_new_frame (player, start);
  next = g_object_ref (rushes_paintable_get_texture (paintable));
  next_position = rushes_player_get_position (player);
  g_assert_false (same_pixels (start, next));
  g_assert_cmpint (ABS (next_position - start_position - FRAME_DURATION), <, FRAME_DURATION / 2);

  /* Back: exactly the first picture again, one frame earlier. */
  rushes_player_step_frame (player, FALSE);
  rushes_test_wait_for_new_frame (player, next);
  back_position = rushes_player_get_position (player);
  g_assert_true (same_pixels (start, rushes_paintable_get_texture (paintable)));
  g_assert_cmpint (ABS (next_position - back_position - FRAME_DURATION), <, FRAME_DURATION / 2);

  /* Twice back: two frames before the start, not one. */
  rushes_player_step_frame (player, FALSE);
  rushes_player_step_frame (player, FALSE);
  rushes_test_wait_for_new_frame (player, rushes_paintable_get_texture (paintable));
  g_assert_cmpint (ABS (back_position - rushes_player_get_position (player) - 2 * FRAME_DURATION), <, FRAME_DURATION / 2);

  g_assert_false (rushes_player_get_playing (player));
  rushes_test_finalize_player (player);
}

static void
player_step_pauses (void)
{
  RushesPlayer *player = load_clip ();

  rushes_player_play (player);
  g_assert_true (rushes_player_get_playing (player));
  rushes_player_step_frame (player, TRUE);
  g_assert_false (rushes_player_get_playing (player));

  rushes_test_finalize_player (player);
}

typedef struct
{
  GstElement   *pipeline;
  GstClockTime  until;
} ClockWait;

static gboolean
running_time_reached (gpointer data)
{
  ClockWait *wait = data;
  GstClockTime now = gst_element_get_current_running_time (wait->pipeline);

  return GST_CLOCK_TIME_IS_VALID (now) && now >= wait->until;
}

static gboolean
position_past (gpointer data)
{
  return rushes_player_get_position (data) >= 100 * GST_MSECOND && rushes_test_player_settled (data);
}

/* How far the position moves per unit of pipeline running time over
 * @window: the clock the sinks play by, so a slow machine drops frames
 * but cannot change the ratio. */
static double
measure_speed (RushesPlayer *player,
               GstClockTime  window)
{
  GstElement *pipeline = _rushes_player_get_pipeline (player);
  ClockWait wait = { pipeline, 0 };
  GstClockTime start_time, end_time;
  gint64 start_position, end_position;

  start_time = gst_element_get_current_running_time (pipeline);
  g_assert_true (gst_element_query_position (pipeline, GST_FORMAT_TIME, &start_position));
  wait.until = start_time + window;
  rushes_test_wait_until (running_time_reached, &wait, "the pipeline has run long enough");
  end_time = gst_element_get_current_running_time (pipeline);
  g_assert_true (gst_element_query_position (pipeline, GST_FORMAT_TIME, &end_position));

  return (double) (end_position - start_position) / (double) (end_time - start_time);
}

static void
player_changes_rate (void)
{
  RushesPlayer *player = load_clip ();
  double speed;

  rushes_player_set_rate (player, 2.0);
  g_assert_cmpfloat (rushes_player_get_rate (player), ==, 2.0);
  rushes_player_play (player);
  rushes_test_wait_until (position_past, player, "playback runs at double speed");
  speed = measure_speed (player, 300 * GST_MSECOND);
  g_test_message ("Speed at 2x: %.2f", speed);
  g_assert_cmpfloat (speed, >, 1.6);
  g_assert_cmpfloat (speed, <, 2.4);

  /* Slower while playing, from the current position. */
  rushes_player_seek (player, 0);
  rushes_player_set_rate (player, 0.5);
  rushes_test_wait_until (position_past, player, "playback runs at half speed");
  speed = measure_speed (player, 300 * GST_MSECOND);
  g_test_message ("Speed at 0.5x: %.2f", speed);
  g_assert_cmpfloat (speed, >, 0.4);
  g_assert_cmpfloat (speed, <, 0.6);

  /* Out of range is clamped. */
  rushes_player_set_rate (player, 8.0);
  g_assert_cmpfloat (rushes_player_get_rate (player), ==, 2.0);
  rushes_player_set_rate (player, 0.01);
  g_assert_cmpfloat (rushes_player_get_rate (player), ==, 0.25);

  rushes_test_finalize_player (player);
}

typedef struct
{
  GError       *error;
  GAsyncResult *task;
} GrabResult;

static void
grabbed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GrabResult *grab = user_data;

  if (!rushes_player_grab_frame_finish (RUSHES_PLAYER (source), result, &grab->error))
    g_assert_nonnull (grab->error);
  else
    grab->error = g_error_new_literal (G_IO_ERROR, 0, "no error");

  /* The worker thread may still hold the task, and the task the player. */
  grab->task = result;
  g_object_add_weak_pointer (G_OBJECT (result), (gpointer *) &grab->task);
}

static gboolean
grab_finished (gpointer data)
{
  GrabResult *grab = data;

  return grab->error != NULL && grab->task == NULL;
}

static int
file_mode (GFile *file)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  return st.st_mode & 0777;
}

static void
player_grabs_frame (void)
{
  RushesPlayer *player = load_clip ();
  RushesPaintable *paintable = player_paintable (player);
  g_autofree char *path = temp_path ("frame.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GrabResult result = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) saved = NULL;

  rushes_player_seek (player, GST_SECOND / 2);
  rushes_test_wait_for_new_frame (player, rushes_paintable_get_texture (paintable));

  rushes_player_grab_frame_async (player, file, NULL, grabbed_cb, &result);
  rushes_test_wait_until (grab_finished, &result, "the frame is saved");
  g_assert_error (result.error, G_IO_ERROR, 0);
  g_clear_error (&result.error);

  /* A PNG of the video's size with the very pixels shown. */
  saved = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (saved), ==, CLIP_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (saved), ==, CLIP_HEIGHT);
  g_assert_true (same_pixels (saved, rushes_paintable_get_texture (paintable)));
  /* The user's file, as any program would make it */
  g_assert_cmpint (file_mode (file), ==, rushes_file_get_default_mode ());

  rushes_test_finalize_player (player);
}

static void
player_grab_without_frame (void)
{
  RushesPlayer *player = rushes_player_new ();
  g_autofree char *path = temp_path ("nothing.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GrabResult result = { NULL, NULL };

  rushes_player_grab_frame_async (player, file, NULL, grabbed_cb, &result);
  rushes_test_wait_until (grab_finished, &result, "the grab fails");
  g_assert_error (result.error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NO_FRAME);
  g_clear_error (&result.error);
  g_assert_false (g_file_query_exists (file, NULL));

  rushes_test_finalize_player (player);
}

static char *
write_garbage (const char *name)
{
  char *path = temp_path (name);
  g_autoptr(GError) error = NULL;
  char garbage[4096];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7919 % 251);
  g_file_set_contents (path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  return path;
}

static void
assert_load_fails (const char *path,
                   int         code)
{
  RushesPlayer *player = rushes_player_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_path_get_basename (path);
  const GError *error;

  rushes_player_set_file (player, file);
  rushes_test_wait_until (rushes_test_player_failed, player, "the player reports an error");

  error = rushes_player_get_error (player);
  g_test_message ("%s: %s", basename, error->message);
  g_assert_error (error, RUSHES_MEDIA_ERROR, code);
  /* The reason names the file. */
  g_assert_nonnull (strstr (error->message, basename));
  g_assert_null (rushes_paintable_get_texture (player_paintable (player)));

  /* Nothing plays after an error... */
  rushes_player_play (player);
  g_assert_false (rushes_player_get_playing (player));

  /* ...until a good clip clears it. */
  {
    g_autoptr(GFile) clip = g_file_new_for_path (clip_path);

    rushes_player_set_file (player, clip);
    g_assert_null (rushes_player_get_error (player));
    rushes_test_wait_until (rushes_test_player_settled, player, "the good clip is loaded");
    g_assert_no_error (rushes_player_get_error (player));
  }

  rushes_test_finalize_player (player);
}

static void
player_missing_file (void)
{
  g_autofree char *path = temp_path ("no-such-clip.mp4");

  assert_load_fails (path, RUSHES_MEDIA_ERROR_NOT_FOUND);
}

static void
player_garbage_file (void)
{
  g_autofree char *path = write_garbage ("garbage.mp4");

  assert_load_fails (path, RUSHES_MEDIA_ERROR_INVALID);
}

static void
player_truncated_file (void)
{
  g_autofree char *path = temp_path ("truncated.mp4");
  g_autofree char *contents = NULL;
  gsize length;

  /* The first half of a real clip: an MP4 whose index is cut off. GStreamer
   * sometimes loses this error; the player still reports one. */
  g_assert_true (g_file_get_contents (clip_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  assert_load_fails (path, RUSHES_MEDIA_ERROR_INVALID);
}

static void
player_unreadable_file (void)
{
  /* A folder: unreadable as a file even for root, who ignores modes. */
  g_autofree char *path = temp_path ("folder.mp4");

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  assert_load_fails (path, RUSHES_MEDIA_ERROR_UNREADABLE);
}

static void
player_missing_codec (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GstCaps) h264 = gst_caps_from_string ("video/x-h264");
      GList *decoders = gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DECODER,
                                                                GST_RANK_NONE);
      RushesPlayer *player;
      const GError *error;

      /* As on a system without an H.264 decoder: playbin skips factories
       * ranked below marginal. */
      for (GList *l = decoders; l != NULL; l = l->next)
        if (gst_element_factory_can_sink_any_caps (l->data, h264))
          gst_plugin_feature_set_rank (l->data, GST_RANK_NONE);
      gst_plugin_feature_list_free (decoders);

      player = rushes_player_new ();
      {
        g_autoptr(GFile) file = g_file_new_for_path (clip_path);

        rushes_player_set_file (player, file);
      }
      rushes_test_wait_until (rushes_test_player_failed, player, "the player reports the missing decoder");

      error = rushes_player_get_error (player);
      g_test_message ("%s", error->message);
      g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN);
      g_assert_nonnull (strstr (error->message, "H.264"));
      g_assert_false (rushes_player_get_playing (player));

      rushes_test_finalize_player (player);
      return;
    }

  /* In a child, so the lowered ranks cannot reach the other tests. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* What reaches the sound card, measured: the loudness of every sample
 * the audio sink is handed while the clip plays. */
typedef struct
{
  GMutex  lock;
  double  sum_squares;
  guint64 n_samples;
} Loudness;

static void
audio_handoff_cb (GstElement *sink,
                  GstBuffer  *buffer,
                  GstPad     *pad,
                  Loudness   *loudness)
{
  GstMapInfo map;

  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;

  g_mutex_lock (&loudness->lock);
  for (gsize i = 0; i + sizeof (float) <= map.size; i += sizeof (float))
    {
      float sample;

      memcpy (&sample, map.data + i, sizeof sample);
      loudness->sum_squares += (double) sample * sample;
      loudness->n_samples++;
    }
  g_mutex_unlock (&loudness->lock);
  gst_buffer_unmap (buffer, &map);
}

static double
play_and_measure (RushesPlayer *player,
                  Loudness     *loudness)
{
  guint ended = 0;
  gulong handler = g_signal_connect (player, "ended", G_CALLBACK (rushes_test_count_cb), &ended);
  double rms;

  g_mutex_lock (&loudness->lock);
  loudness->sum_squares = 0;
  loudness->n_samples = 0;
  g_mutex_unlock (&loudness->lock);

  rushes_player_play (player);
  rushes_test_wait_until (rushes_test_counted, &ended, "the clip ends");
  g_signal_handler_disconnect (player, handler);
  g_assert_no_error (rushes_player_get_error (player));

  g_mutex_lock (&loudness->lock);
  /* Two seconds and more of 48 kHz or 44.1 kHz sound, in every channel. */
  g_assert_cmpuint (loudness->n_samples, >, 80000);
  rms = sqrt (loudness->sum_squares / loudness->n_samples);
  g_mutex_unlock (&loudness->lock);

  return rms;
}

/* The clip's sound is played (here into a sink that measures it, for lack
 * of a sound card), and volume and mute change what is heard. */
static void
player_plays_sound (void)
{
  RushesPlayer *player = rushes_player_new ();
  GstElement *pipeline = _rushes_player_get_pipeline (player);
  g_autoptr(GFile) file = g_file_new_for_path (clip_path);
  g_autoptr(GError) error = NULL;
  GstElement *sink;
  GstElement *bin;
  Loudness loudness = { 0, };
  double full, muted, half;

  g_mutex_init (&loudness.lock);
  bin = gst_parse_bin_from_description ("audioconvert ! audio/x-raw,format=F32LE ! "
                                        "fakesink name=measure sync=true signal-handoffs=true",
                                        TRUE, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (bin), "measure");
  g_signal_connect (sink, "handoff", G_CALLBACK (audio_handoff_cb), &loudness);
  g_object_set (pipeline, "audio-sink", bin, NULL);

  rushes_player_set_loop (player, FALSE);
  rushes_player_set_file (player, file);
  rushes_test_wait_until (rushes_test_player_settled, player, "the clip is loaded");
  g_assert_no_error (rushes_player_get_error (player));

  /* A 440 Hz tone at 0.8: about 0.57 RMS. */
  full = play_and_measure (player, &loudness);
  g_assert_cmpfloat (full, >, 0.3);

  rushes_player_set_muted (player, TRUE);
  muted = play_and_measure (player, &loudness);
  g_assert_cmpfloat (muted, <, 0.001);

  /* Half the slider is an eighth of the signal (a cubic scale). */
  rushes_player_set_muted (player, FALSE);
  rushes_player_set_volume (player, 0.5);
  half = play_and_measure (player, &loudness);
  g_assert_cmpfloat (half / full, >, 0.1);
  g_assert_cmpfloat (half / full, <, 0.15);

  g_test_message ("sound: %.3f RMS at full volume, %.4f muted, %.3f at half", full, muted, half);

  gst_object_unref (sink);
  rushes_test_finalize_player (player);
  g_mutex_clear (&loudness.lock);
}

static void
player_volume (void)
{
  RushesPlayer *player = load_clip ();
  GstElement *pipeline = _rushes_player_get_pipeline (player);
  double linear;
  gboolean mute;

  rushes_player_set_volume (player, 0.5);
  g_object_get (pipeline, "volume", &linear, NULL);
  /* Heard loudness is cubic: half the slider is an eighth of the signal. */
  g_assert_cmpfloat_with_epsilon (linear, 0.125, 0.001);

  rushes_player_set_muted (player, TRUE);
  g_object_get (pipeline, "mute", &mute, NULL);
  g_assert_true (mute);
  g_assert_cmpfloat (rushes_player_get_volume (player), ==, 0.5);

  rushes_player_set_volume (player, 3.0);
  g_assert_cmpfloat (rushes_player_get_volume (player), ==, 1.0);

  rushes_test_finalize_player (player);
}

typedef struct
{
  gboolean done;
  GError  *error;
} MakeResult;

static void
made_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  MakeResult *make = user_data;

  rushes_thumbnailer_make_finish (result, &make->error);
  make->done = TRUE;
}

static gboolean
make_done (gpointer data)
{
  return ((MakeResult *) data)->done;
}

static GError *
make_thumbnail (const char *video_path,
                GFile      *output,
                int         max_size)
{
  g_autoptr(GFile) video = g_file_new_for_path (video_path);
  MakeResult make = { FALSE, NULL };

  rushes_thumbnailer_make_async (video, output, max_size, NULL, made_cb, &make);
  rushes_test_wait_until (make_done, &make, "the thumbnailer finishes");

  return make.error;
}

static void
assert_only_file (GFile      *output,
                  const char *expected)
{
  g_autoptr(GFile) dir = g_file_get_parent (output);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  guint count = 0;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      if (expected != NULL)
        g_assert_cmpstr (g_file_info_get_name (info), ==, expected);
      count++;
      g_object_unref (info);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, expected != NULL ? 1 : 0);
}

static void
thumbnailer_makes_poster (void)
{
  g_autofree char *dir = temp_path ("task");
  g_autofree char *path = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) poster = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, "thumbnail.png", NULL);
  output = g_file_new_for_path (path);

  error = make_thumbnail (clip_path, output, 160);
  g_assert_no_error (error);
  poster = gdk_texture_new_from_file (output, &error);
  g_assert_no_error (error);
  /* Fits 160 px, keeps 16:9. */
  g_assert_cmpint (gdk_texture_get_width (poster), ==, 160);
  g_assert_cmpint (gdk_texture_get_height (poster), ==, 90);
  /* Written beside and renamed: no temporary file is left. Private, as
   * the library is. */
  assert_only_file (output, "thumbnail.png");
  g_assert_cmpint (file_mode (output), ==, 0600);

  /* Never enlarged; an existing thumbnail is replaced. */
  g_clear_object (&poster);
  error = make_thumbnail (clip_path, output, 1000);
  g_assert_no_error (error);
  poster = gdk_texture_new_from_file (output, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (poster), ==, CLIP_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (poster), ==, CLIP_HEIGHT);
  assert_only_file (output, "thumbnail.png");
}

static void
thumbnailer_survives_bad_files (void)
{
  g_autofree char *dir = temp_path ("bad-task");
  g_autofree char *garbage = write_garbage ("garbage-video.mp4");
  g_autofree char *missing = temp_path ("missing-video.mp4");
  g_autofree char *truncated = temp_path ("truncated.mp4");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) output = NULL;
  gsize length;
  GError *error;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, "thumbnail.png", NULL);
  output = g_file_new_for_path (path);

  error = make_thumbnail (garbage, output, 160);
  g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID);
  g_test_message ("garbage: %s", error->message);
  g_clear_error (&error);

  error = make_thumbnail (missing, output, 160);
  g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The first half of a real clip: an MP4 whose index is cut off. The
   * error sometimes gets lost in GStreamer: the thumbnailer must give up
   * all the same, or it would hold a worker for ever. */
  g_assert_true (g_file_get_contents (clip_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  error = make_thumbnail (truncated, output, 160);
  g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID);
  g_test_message ("truncated: %s", error->message);
  g_clear_error (&error);

  /* No thumbnail and no leftovers. */
  assert_only_file (output, NULL);
}

int
main (int   argc,
      char *argv[])
{
  rushes_test_quiet_audio_sinks ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The main thread owns the main context all along, as GApplication's
   * does in the app: the player's frames and state changes, handed over
   * from GStreamer's threads with g_main_context_invoke(), then always
   * run here. Were the context free, a streaming thread would run them
   * itself, and could drop the last reference to the player there. */
  g_assert_true (g_main_context_acquire (NULL));
  gst_init (&argc, &argv);

  /* Subprocesses get no arguments; the clip's path goes by environment. */
  if (argc == 2)
    g_setenv ("RUSHES_TEST_CLIP", argv[1], TRUE);
  clip_path = g_getenv ("RUSHES_TEST_CLIP");
  g_assert_nonnull (clip_path);

  g_test_add_func ("/rushes/player/loads", player_loads);
  g_test_add_func ("/rushes/player/plays-to-end", player_plays_to_end);
  g_test_add_func ("/rushes/player/loops", player_loops);
  g_test_add_func ("/rushes/player/steps-frames", player_steps_frames);
  g_test_add_func ("/rushes/player/step-pauses", player_step_pauses);
  g_test_add_func ("/rushes/player/rate", player_changes_rate);
  g_test_add_func ("/rushes/player/volume", player_volume);
  g_test_add_func ("/rushes/player/sound", player_plays_sound);
  g_test_add_func ("/rushes/player/grab-frame", player_grabs_frame);
  g_test_add_func ("/rushes/player/grab-without-frame", player_grab_without_frame);
  g_test_add_func ("/rushes/player/error/missing-file", player_missing_file);
  g_test_add_func ("/rushes/player/error/garbage-file", player_garbage_file);
  g_test_add_func ("/rushes/player/error/truncated-file", player_truncated_file);
  g_test_add_func ("/rushes/player/error/unreadable-file", player_unreadable_file);
  g_test_add_func ("/rushes/player/error/missing-codec", player_missing_codec);
  g_test_add_func ("/rushes/thumbnailer/poster", thumbnailer_makes_poster);
  g_test_add_func ("/rushes/thumbnailer/bad-files", thumbnailer_survives_bad_files);

  return g_test_run ();
}
