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
#include "rushes-reel-renderer.h"
#include "rushes-thumbnail-queue.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_REEL_VIEW (rushes_reel_view_get_type ())

G_DECLARE_FINAL_TYPE (RushesReelView, rushes_reel_view, RUSHES, REEL_VIEW, AdwBin)

void        rushes_reel_view_set_engine  (RushesReelView       *self,
                                          RushesEngine         *engine,
                                          RushesThumbnailQueue *thumbnails);
gboolean    rushes_reel_view_get_loaded  (RushesReelView       *self);
GListModel *rushes_reel_view_get_reels   (RushesReelView       *self);
RushesReel *rushes_reel_view_get_reel    (RushesReelView       *self);
void        rushes_reel_view_open_reel   (RushesReelView       *self,
                                          RushesReel           *reel);
RushesReel *rushes_reel_view_new_reel    (RushesReelView       *self,
                                          const char           *name);
void        rushes_reel_view_insert_clip (RushesReelView       *self,
                                          guint                 position,
                                          RushesTask           *task);
void        rushes_reel_view_render      (RushesReelView       *self,
                                          GFile                *destination,
                                          RushesReelFormat      format);
void        rushes_reel_view_export      (RushesReelView       *self,
                                          GFile                *destination,
                                          const char           *kind);
gboolean    rushes_reel_view_get_busy    (RushesReelView       *self);
GStrv       rushes_reel_view_list_uses   (RushesReelView       *self,
                                          const char           *task_id);

G_END_DECLS
