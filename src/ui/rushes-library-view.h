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

#define RUSHES_TYPE_LIBRARY_VIEW (rushes_library_view_get_type ())

G_DECLARE_FINAL_TYPE (RushesLibraryView, rushes_library_view, RUSHES, LIBRARY_VIEW, AdwBin)

void        rushes_library_view_set_engine   (RushesLibraryView    *self,
                                              RushesEngine         *engine,
                                              RushesThumbnailQueue *thumbnails);
void        rushes_library_view_set_search   (RushesLibraryView *self,
                                              const char        *text);
GListModel *rushes_library_view_get_gallery  (RushesLibraryView *self);
GListModel *rushes_library_view_get_active   (RushesLibraryView *self);
GListModel *rushes_library_view_get_shots    (RushesLibraryView *self);
GtkSelectionModel *rushes_library_view_get_shown (RushesLibraryView *self);

G_END_DECLS
