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

#define G_LOG_DOMAIN "test-player-reel"

#include "config.h"

#include <string.h>

#include <gst/gst.h>

#include "rushes-error.h"
#include "rushes-paintable.h"
#include "rushes-reel-timeline.h"
#include "rushes-test-player.h"

/* A reel played as one piece: its GES timeline in the player, frames in
 * the same paintable as a clip's. The clips tests/media/meson.build makes:
 * 4 s each at 30 fps; 16:9 and 9:16 with sound, 1:1 without. */

#define CROSSFADE (500 * G_TIME_SPAN_MILLISECOND)
/* 4 + 4 + 4 s less one crossfade */
#define REEL_DURATION (11500 * GST_MSECOND)

static const char *clip_paths[3];

static GdkTexture *
shown (RushesPlayer *player)
{
  return rushes_paintable_get_texture (RUSHES_PAINTABLE (rushes_player_get_paintable (player)));
}

static GPtrArray *
reel_clips (void)
{
  GPtrArray *clips = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_reel_clip_free);

  for (guint i = 0; i < G_N_ELEMENTS (clip_paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (clip_paths[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("clip-%u", i);
      RushesReelClip *clip = rushes_reel_clip_new (id, file);

      g_assert_true (rushes_reel_clip_probe (clip, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (clips, clip);
    }

  ((RushesReelClip *) g_ptr_array_index (clips, 0))->transition = RUSHES_REEL_TRANSITION_CROSSFADE;
  ((RushesReelClip *) g_ptr_array_index (clips, 0))->transition_duration = CROSSFADE;
  return clips;
}

static GstElement *
make_preview (GPtrArray  *clips,
              gint64     *duration,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_reel_preview_new_async (clips, NULL, NULL, rushes_test_store_result_cb, &result);
  return rushes_reel_preview_new_finish (rushes_test_await_for (60, &result), duration, error);
}

/* The share of a column of the frame, top to bottom, that is black. */
static double
black_share (GdkTexture *texture,
             int         x)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  guint black = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    {
      const guchar *p = pixels + y * stride + x * 4;

      if (p[0] < 24 && p[1] < 24 && p[2] < 24)
        black++;
    }

  return (double) black / height;
}

static void
reel_plays (void)
{
  g_autoptr(GPtrArray) clips = reel_clips ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GFile) wide = g_file_new_for_path (clip_paths[0]);
  RushesPlayer *player = rushes_player_new ();
  gint64 duration = 0;
  guint ended = 0;
  guint frames = 0;
  GdkTexture *texture;

  pipeline = make_preview (clips, &duration, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  g_assert_cmpint (duration, ==, REEL_DURATION / GST_USECOND);

  rushes_player_set_pipeline (player, pipeline, "Reel");
  g_assert_true (rushes_player_get_pipeline (player) == pipeline);
  g_assert_null (rushes_player_get_uri (player));
  rushes_test_wait_until_for (60, rushes_test_player_settled, player, "the reel shows its first frame");
  g_assert_no_error (rushes_player_get_error (player));

  /* One piece: the reel's length, in the first clip's 1280×720 frame */
  g_assert_true (rushes_player_get_seekable (player));
  g_assert_cmpint (ABS (rushes_player_get_duration (player) - REEL_DURATION), <, 50 * GST_MSECOND);
  texture = shown (player);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1280);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 720);
  g_assert_cmpfloat (black_share (texture, 40), <, 0.1);

  /* Into the 9:16 clip: pillarboxed, its bars in the middle */
  texture = shown (player);
  rushes_player_seek (player, 6 * GST_SECOND);
  rushes_test_wait_for_new_frame (player, texture);
  texture = shown (player);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1280);
  g_assert_cmpfloat (black_share (texture, 40), >, 0.95);
  g_assert_cmpfloat (black_share (texture, 640), <, 0.5);
  g_assert_cmpint (ABS (rushes_player_get_position (player) - 6 * GST_SECOND), <=, GST_SECOND / 30);

  /* A frame step lands one frame on */
  texture = shown (player);
  rushes_player_step_frame (player, TRUE);
  rushes_test_wait_for_new_frame (player, texture);
  g_assert_cmpint (ABS (rushes_player_get_position (player) - (6 * GST_SECOND + GST_SECOND / 30)), <=, GST_MSECOND);

  /* Played through its last clip to the end, frames along the way */
  g_signal_connect (player, "ended", G_CALLBACK (rushes_test_count_cb), &ended);
  g_signal_connect (rushes_player_get_paintable (player), "invalidate-contents", G_CALLBACK (rushes_test_count_cb), &frames);
  rushes_player_seek (player, REEL_DURATION - 1500 * GST_MSECOND);
  rushes_player_play (player);
  rushes_test_wait_until_for (60, rushes_test_counted, &ended, "the reel ends");
  g_assert_no_error (rushes_player_get_error (player));
  g_assert_false (rushes_player_get_playing (player));
  g_assert_cmpuint (frames, >, 20);
  g_assert_cmpint (rushes_player_get_position (player), ==, rushes_player_get_duration (player));

  /* A clip again: the reel's pipeline is let go of, stopped */
  rushes_player_set_file (player, wide);
  g_assert_null (rushes_player_get_pipeline (player));
  rushes_test_wait_until (rushes_test_player_settled, player, "the clip shows its first frame");
  g_assert_no_error (rushes_player_get_error (player));
  g_assert_cmpint (ABS (rushes_player_get_duration (player) - 4 * GST_SECOND), <, 300 * GST_MSECOND);
  g_assert_cmpint (GST_STATE (pipeline), ==, GST_STATE_NULL);

  rushes_test_finalize_player (player);
}

/* A reel with a gap cannot be laid out, and says which clip is missing. */
static void
reel_with_gap (void)
{
  g_autoptr(GPtrArray) clips = reel_clips ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  RushesReelClip *gap = g_ptr_array_index (clips, 1);

  g_clear_object (&gap->file);
  pipeline = make_preview (clips, NULL, &error);
  g_assert_null (pipeline);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Clip 2"));
}

int
main (int   argc,
      char *argv[])
{
  rushes_test_quiet_audio_sinks ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (&argc, &argv);

  g_assert_cmpint (argc, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (clip_paths); i++)
    clip_paths[i] = argv[i + 1];

  g_test_add_func ("/rushes/player/reel/plays", reel_plays);
  g_test_add_func ("/rushes/player/reel/gap", reel_with_gap);

  return g_test_run ();
}
