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

#define G_LOG_DOMAIN "rushes-player"

#include "config.h"

#include "rushes-player-private.h"

/* The player's side of playing in step with others (Compare's
 * RushesPlayerGroup): a clock shared with them and a base time given, and
 * what the group and the tests read of its state. */

/* For tests: the pipeline, to read its clock. */
GstElement *
_rushes_player_get_pipeline (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), NULL);

  return self->pipeline;
}

/* For tests: whether a load, seek or step has yet to show its frame. */
gboolean
_rushes_player_get_busy (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), FALSE);

  return self->busy;
}

/*
 * _rushes_player_use_clock:
 * @clock: the clock shared with the other players of a group
 *
 * From now on the player runs on @clock and never chooses its base time
 * itself: _rushes_player_play_at() gives it. Players with the same clock
 * and base time show the frames of the same running time at the same
 * moment (GStreamer's way of synchronising pipelines).
 */
void
_rushes_player_use_clock (RushesPlayer *self,
                          GstClock     *clock)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));
  g_return_if_fail (GST_IS_CLOCK (clock));

  if (self->pipeline == NULL)
    return;

  gst_pipeline_use_clock (GST_PIPELINE (self->pipeline), clock);
  /* Without a start time the pipeline keeps the base time it is given,
   * across pauses and flushing seeks. */
  gst_element_set_start_time (self->pipeline, GST_CLOCK_TIME_NONE);
}

/*
 * _rushes_player_play_at:
 * @base_time: the clock time at which running time 0 (the position of
 *   the latest flushing seek) is shown
 *
 * Plays from the frame shown, for players on a shared clock. Only after
 * a seek has settled (#RushesPlayer:busy is %FALSE): the group seeks every
 * player to one position first.
 */
void
_rushes_player_play_at (RushesPlayer *self,
                        GstClockTime  base_time)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));
  g_return_if_fail (GST_CLOCK_TIME_IS_VALID (base_time));

  if (!_rushes_player_has_source (self) || self->error != NULL || self->playing)
    return;

  self->ended = FALSE;
  gst_element_set_base_time (self->pipeline, base_time);
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  _rushes_player_set_playing_internal (self, TRUE);
}
