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

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RUSHES_TYPE_WIPE (rushes_wipe_get_type ())

G_DECLARE_FINAL_TYPE (RushesWipe, rushes_wipe, RUSHES, WIPE, GtkWidget)

GtkWidget    *rushes_wipe_new          (void);
GdkPaintable *rushes_wipe_get_start    (RushesWipe   *self);
void          rushes_wipe_set_start    (RushesWipe   *self,
                                        GdkPaintable *paintable);
GdkPaintable *rushes_wipe_get_end      (RushesWipe   *self);
void          rushes_wipe_set_end      (RushesWipe   *self,
                                        GdkPaintable *paintable);
double        rushes_wipe_get_position (RushesWipe   *self);
void          rushes_wipe_set_position (RushesWipe   *self,
                                        double        position);

G_END_DECLS
