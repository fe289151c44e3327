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

#define G_LOG_DOMAIN "test-player-group"

#include "config.h"

#include <math.h>

#include <gst/gst.h>

#include "rushes-paintable.h"
#include "rushes-player-group.h"
#include "rushes-test-async.h"
#include "rushes-test-sync.h"

/* Takes compared side by side stay together: after play, seek, pause,
 * frame steps, a speed change and a loop, the frames every player shows
 * and the positions their pipelines report are compared, sample after
 * sample, against one frame's duration. */

#define FRAME_30  (GST_SECOND / 30)
#define FRAME_24  (GST_SECOND / 24)

static const char *clip_paths[4];   /* 2 s, 3 s and 3 s at 30 fps; 2 s at 24 fps */

static gboolean
group_settled (gpointer data)
{
  RushesPlayerGroup *group = data;

  if (rushes_player_group_get_busy (group))
    return FALSE;
  for (guint i = 0; i < rushes_player_group_get_n_players (group); i++)
    {
      RushesPlayer *player = rushes_player_group_get_player (group, i);

      g_assert_no_error (rushes_player_get_error (player));
      if (rushes_paintable_get_texture (RUSHES_PAINTABLE (rushes_player_get_paintable (player))) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
group_running (gpointer data)
{
  RushesPlayerGroup *group = data;

  for (guint i = 0; i < rushes_player_group_get_n_players (group); i++)
    if (!rushes_player_get_playing (rushes_player_group_get_player (group, i)))
      return FALSE;
  return TRUE;
}

static RushesPlayerGroup *
load_group (const char * const *paths,
            guint               n_paths)
{
  RushesPlayerGroup *group = rushes_player_group_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_paths; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  rushes_player_group_set_files (group, (GFile **) files->pdata, files->len);
  g_assert_cmpuint (rushes_player_group_get_n_players (group), ==, n_paths);
  rushes_test_wait_until (group_settled, group, "every take shows its first frame");

  return group;
}

static gint64
shown_time (RushesPlayer *player)
{
  return rushes_test_sync_shown_time (player);
}

/* Samples the playing takes for @seconds, and checks that the pipelines
 * never differ by a frame, nor the frames shown but for the instant
 * between two players' hand-overs of the same frame time. */
static void
assert_in_sync (RushesPlayerGroup *group,
                double             seconds,
                gint64             frame,
                const char        *when)
{
  RushesTestSync sync;

  rushes_test_sync_measure (group, seconds, frame, &sync);
  g_test_message ("%s: %u samples; pipelines apart by at most %.2f ms; frames shown apart by at most "
                  "%.2f ms (99th percentile %.2f ms), %u samples over one frame (%.2f ms)",
                  when, sync.samples, sync.pipeline_worst / 1e6, sync.shown_worst / 1e6, sync.shown_p99 / 1e6,
                  sync.shown_over, frame / 1e6);
  rushes_test_sync_assert (&sync, frame);
}

/* Paused or stepped, every take shows the frame of one instant. */
static void
assert_same_frame (RushesPlayerGroup *group,
                   gint64             frame,
                   const char        *when)
{
  gint64 reference = rushes_player_group_get_position (group);

  for (guint i = 0; i < rushes_player_group_get_n_players (group); i++)
    {
      RushesPlayer *player = rushes_player_group_get_player (group, i);
      gint64 shown = shown_time (player);

      /* A shorter take past its end shows its last frame. */
      if (reference >= rushes_player_get_duration (player))
        continue;

      if (ABS (shown - reference) > frame / 2)
        g_error ("%s: take %u shows %" GST_TIME_FORMAT ", the group is at %" GST_TIME_FORMAT,
                 when, i, GST_TIME_ARGS (shown), GST_TIME_ARGS (reference));
      g_assert_cmpint (ABS (rushes_player_get_position (player) - reference), <=, frame / 2);
    }
}

typedef struct
{
  RushesPlayerGroup *group;
  gint64             position;
} PositionWait;

static gboolean
reached (gpointer data)
{
  PositionWait *wait = data;

  return group_running (wait->group) && rushes_player_group_get_position (wait->group) >= wait->position;
}

static void
wait_for_position (RushesPlayerGroup *group,
                   gint64             position)
{
  PositionWait wait = { group, position };

  rushes_test_wait_until (reached, &wait, "the takes play past a position");
}

/* Frames queued for the main context hold their players until they run:
 * let them, then the group and its players must go away. */
static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
finalize_group (RushesPlayerGroup *group)
{
  gpointer weak = group;

  g_object_add_weak_pointer (G_OBJECT (group), &weak);
  g_object_unref (group);
  rushes_test_wait_until (is_null, &weak, "the group is finalised");
}

static void
group_plays_in_sync (void)
{
  RushesPlayerGroup *group = load_group (clip_paths, 3);

  g_assert_false (rushes_player_group_get_playing (group));
  g_assert_cmpint (rushes_player_group_get_position (group), ==, 0);
  /* The longest take sets the length. */
  g_assert_cmpint (rushes_player_group_get_duration (group), >=, 3 * GST_SECOND - 100 * GST_MSECOND);
  assert_same_frame (group, FRAME_30, "loaded");

  /* One take is heard. */
  g_assert_false (rushes_player_get_muted (rushes_player_group_get_player (group, 0)));
  g_assert_true (rushes_player_get_muted (rushes_player_group_get_player (group, 1)));
  g_assert_true (rushes_player_get_muted (rushes_player_group_get_player (group, 2)));

  rushes_player_group_play (group);
  g_assert_true (rushes_player_group_get_playing (group));
  wait_for_position (group, 200 * GST_MSECOND);
  assert_in_sync (group, 1.2, FRAME_30, "after play");

  /* A seek while playing: all start again from there together. */
  rushes_player_group_seek (group, 300 * GST_MSECOND);
  g_assert_true (rushes_player_group_get_playing (group));
  rushes_test_wait_until (group_settled, group, "the seek is done");
  wait_for_position (group, 350 * GST_MSECOND);
  assert_in_sync (group, 1.0, FRAME_30, "after a seek while playing");

  rushes_player_group_pause (group);
  g_assert_false (rushes_player_group_get_playing (group));
  rushes_test_wait_until (group_settled, group, "the pause is aligned");
  assert_same_frame (group, FRAME_30, "paused");

  finalize_group (group);
}

static void
group_steps_together (void)
{
  RushesPlayerGroup *group = load_group (clip_paths, 3);
  gint64 before;

  rushes_player_group_seek (group, GST_SECOND);
  rushes_test_wait_until (group_settled, group, "the seek is done");
  assert_same_frame (group, FRAME_30, "seeked while paused");

  for (guint i = 0; i < 3; i++)
    {
      before = rushes_player_group_get_position (group);
      rushes_player_group_step_frame (group, TRUE);
      rushes_test_wait_until (group_settled, group, "the step is done");
      g_assert_cmpint (llabs (rushes_player_group_get_position (group) - (before + FRAME_30)), <=, GST_MSECOND);
      assert_same_frame (group, FRAME_30, "stepped forward");
    }

  before = rushes_player_group_get_position (group);
  rushes_player_group_step_frame (group, FALSE);
  rushes_test_wait_until (group_settled, group, "the step back is done");
  g_assert_cmpint (llabs (rushes_player_group_get_position (group) - (before - FRAME_30)), <=, GST_MSECOND);
  assert_same_frame (group, FRAME_30, "stepped back");

  /* Stepping while playing pauses, every take on one frame. */
  rushes_player_group_play (group);
  wait_for_position (group, before + 200 * GST_MSECOND);
  rushes_player_group_step_frame (group, TRUE);
  g_assert_false (rushes_player_group_get_playing (group));
  rushes_test_wait_until (group_settled, group, "the pause is aligned");
  assert_same_frame (group, FRAME_30, "a step while playing");

  finalize_group (group);
}

typedef struct
{
  RushesPlayerGroup *group;
  gint64             furthest;
} LoopWait;

/* The position went back to the start after the longest take's end. */
static gboolean
has_looped (gpointer data)
{
  LoopWait *loop = data;
  gint64 position = rushes_player_group_get_position (loop->group);

  if (position + GST_SECOND < loop->furthest)
    return TRUE;

  loop->furthest = MAX (loop->furthest, position);
  return FALSE;
}

static void
group_rate_and_loop (void)
{
  RushesPlayerGroup *group = load_group (clip_paths, 3);
  LoopWait loop = { 0 };

  rushes_player_group_set_rate (group, 2.0);
  g_assert_cmpfloat (rushes_player_get_rate (rushes_player_group_get_player (group, 2)), ==, 2.0);
  rushes_player_group_play (group);
  wait_for_position (group, 200 * GST_MSECOND);
  assert_in_sync (group, 0.6, FRAME_30, "at double speed");

  /* Past the end of the 2 s take, on to the end of the 3 s ones, then
   * from the start again: every take together again after the loop. */
  g_assert_true (rushes_player_group_get_loop (group));
  loop.group = group;
  rushes_test_wait_until (has_looped, &loop, "the takes start again");
  wait_for_position (group, 100 * GST_MSECOND);
  assert_in_sync (group, 0.5, FRAME_30, "after looping");

  rushes_player_group_set_rate (group, 0.5);
  rushes_test_wait_until (group_settled, group, "the speed change is done");
  wait_for_position (group, 0);
  assert_in_sync (group, 0.8, FRAME_30, "at half speed");

  finalize_group (group);
}

/* Takes at 30 and 24 frames per second: the frames shown differ by less
 * than the longer frame. */
static void
group_mixed_rates (void)
{
  const char *paths[] = { clip_paths[1], clip_paths[3] };
  RushesPlayerGroup *group = load_group (paths, 2);

  rushes_player_group_play (group);
  wait_for_position (group, 200 * GST_MSECOND);
  assert_in_sync (group, 1.0, FRAME_24, "30 and 24 fps");

  rushes_player_group_pause (group);
  rushes_test_wait_until (group_settled, group, "the pause is aligned");
  assert_same_frame (group, FRAME_24 * 2, "30 and 24 fps, paused");

  finalize_group (group);
}

/* Paused, stepped, one take taken out, played again: together. */
static void
group_resumes_after_step (void)
{
  RushesPlayerGroup *group = load_group (clip_paths, 3);

  rushes_player_group_play (group);
  wait_for_position (group, 500 * GST_MSECOND);
  rushes_player_group_pause (group);
  rushes_test_wait_until (group_settled, group, "the pause is aligned");
  assert_same_frame (group, FRAME_30, "paused");
  rushes_player_group_step_frame (group, TRUE);
  rushes_test_wait_until (group_settled, group, "the step is done");
  assert_same_frame (group, FRAME_30, "stepped");
  rushes_player_group_remove (group, 2);
  rushes_player_group_play (group);
  wait_for_position (group, rushes_player_group_get_position (group) + 100 * GST_MSECOND);
  assert_in_sync (group, 0.8, FRAME_30, "played again after a pause, a step and a removal");

  finalize_group (group);
}

/* A rejected take leaves; the others go on. */
static void
group_remove (void)
{
  RushesPlayerGroup *group = load_group (clip_paths, 3);

  rushes_player_group_set_audio_index (group, 2);
  rushes_player_group_play (group);
  wait_for_position (group, 100 * GST_MSECOND);
  rushes_player_group_remove (group, 0);
  g_assert_cmpuint (rushes_player_group_get_n_players (group), ==, 2);
  g_assert_cmpuint (rushes_player_group_get_audio_index (group), ==, 1);
  g_assert_false (rushes_player_get_muted (rushes_player_group_get_player (group, 1)));
  g_assert_true (rushes_player_group_get_playing (group));
  assert_in_sync (group, 0.5, FRAME_30, "after a take left");

  finalize_group (group);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  if (argc < 5)
    {
      g_printerr ("Usage: %s CLIP-2S CLIP-3S CLIP-3S-B CLIP-24FPS\n", argv[0]);
      return 1;
    }
  for (guint i = 0; i < 4; i++)
    clip_paths[i] = argv[i + 1];

  g_test_add_func ("/rushes/player-group/plays-in-sync", group_plays_in_sync);
  g_test_add_func ("/rushes/player-group/steps-together", group_steps_together);
  g_test_add_func ("/rushes/player-group/rate-and-loop", group_rate_and_loop);
  g_test_add_func ("/rushes/player-group/mixed-frame-rates", group_mixed_rates);
  g_test_add_func ("/rushes/player-group/remove", group_remove);
  g_test_add_func ("/rushes/player-group/resumes-after-step", group_resumes_after_step);

  return g_test_run ();
}
