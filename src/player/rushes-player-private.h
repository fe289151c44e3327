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
#include "rushes-player.h"

G_BEGIN_DECLS

GstElement *_rushes_player_get_pipeline (RushesPlayer *self);
gboolean    _rushes_player_get_busy     (RushesPlayer *self);
void        _rushes_player_use_clock    (RushesPlayer *self,
                                         GstClock     *clock);
void        _rushes_player_play_at      (RushesPlayer *self,
                                         GstClockTime  base_time);

G_END_DECLS
