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

#include "rushes-core.h"
#include "rushes-thumbnail-queue.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_REEL_TILE (rushes_reel_tile_get_type ())

G_DECLARE_FINAL_TYPE (RushesReelTile, rushes_reel_tile, RUSHES, REEL_TILE, GtkWidget)

GtkWidget       *rushes_reel_tile_new          (RushesThumbnailQueue *thumbnails);
void             rushes_reel_tile_set_entry    (RushesReelTile       *self,
                                                guint                 position,
                                                RushesReelEntry      *entry,
                                                RushesTask           *task,
                                                gint64                length);
RushesReelEntry *rushes_reel_tile_get_entry    (RushesReelTile       *self);
guint            rushes_reel_tile_get_position (RushesReelTile       *self);
gboolean         rushes_reel_tile_is_gap       (RushesReelTile       *self);
void             rushes_reel_tile_set_selected (RushesReelTile       *self,
                                                gboolean              selected);

G_END_DECLS
