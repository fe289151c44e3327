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
#include "rushes-player-group.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_COMPARE_VIEW (rushes_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (RushesCompareView, rushes_compare_view, RUSHES, COMPARE_VIEW, AdwBin)

GtkWidget         *rushes_compare_view_new        (void);
void               rushes_compare_view_set_engine (RushesCompareView *self,
                                                   RushesEngine      *engine);
void               rushes_compare_view_set_tasks  (RushesCompareView *self,
                                                   GPtrArray         *tasks);
GPtrArray         *rushes_compare_view_get_tasks  (RushesCompareView *self);
RushesPlayerGroup *rushes_compare_view_get_group  (RushesCompareView *self);
const char        *rushes_compare_view_get_mode   (RushesCompareView *self);
void               rushes_compare_view_set_mode   (RushesCompareView *self,
                                                   const char        *mode);

G_END_DECLS
