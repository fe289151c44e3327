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

#include <adwaita.h>

#include "rushes-player.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_PLAYER_VIEW (rushes_player_view_get_type ())

G_DECLARE_FINAL_TYPE (RushesPlayerView, rushes_player_view, RUSHES, PLAYER_VIEW, AdwBin)

GtkWidget    *rushes_player_view_new        (void);
void          rushes_player_view_set_file   (RushesPlayerView *self,
                                             GFile            *video,
                                             const char       *title);
void          rushes_player_view_set_pipeline (RushesPlayerView *self,
                                               GstElement       *pipeline,
                                               const char       *title);
RushesPlayer *rushes_player_view_get_player (RushesPlayerView *self);
const char   *rushes_player_view_get_title  (RushesPlayerView *self);

G_END_DECLS
