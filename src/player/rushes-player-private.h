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

#pragma once

#include <gst/gst.h>

#include "rushes-media-error-private.h"
#include "rushes-paintable.h"
#include "rushes-player.h"
#include "rushes-video-sink.h"

G_BEGIN_DECLS

/* The player's state, shared by the files of the player object only:
 * rushes-player.c, its frame grabs (rushes-player-frame.c) and its side of
 * playing in step with others (rushes-player-sync.c). */
struct _RushesPlayer
{
  GObject          parent_instance;

  /* Owned */
  GstElement      *playbin;
  GstBus          *bus;
  RushesVideoSink *video_sink;
  GstElement      *custom;           /* a pipeline given instead of a URI */
  GstBus          *custom_bus;
  RushesVideoSink *custom_sink;
  char            *custom_name;
  GstElement      *pipeline;         /* borrowed: playbin or custom */
  RushesPaintable *paintable;
  char            *uri;
  GFile           *file;
  GError          *error;
  gint64           position;
  gint64           duration;
  gint64           seek_target;
  double           volume;
  double           rate;
  guint            position_source;
  guint            preroll_watchdog;

  guint            playing : 1;
  guint            loop : 1;
  guint            muted : 1;
  guint            prerolled : 1;
  guint            seeking : 1;
  guint            seek_queued : 1;
  guint            stepping : 1;
  guint            pausing : 1;
  guint            ended : 1;
  guint            seekable : 1;
  guint            busy : 1;
};

static inline gboolean
_rushes_player_has_source (RushesPlayer *self)
{
  return self->uri != NULL || self->custom != NULL;
}

void        _rushes_player_set_playing_internal (RushesPlayer *self,
                                                 gboolean      playing);

GstElement *_rushes_player_get_pipeline (RushesPlayer *self);
gboolean    _rushes_player_get_busy     (RushesPlayer *self);
void        _rushes_player_use_clock    (RushesPlayer *self,
                                         GstClock     *clock);
void        _rushes_player_play_at      (RushesPlayer *self,
                                         GstClockTime  base_time);

G_END_DECLS
