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

G_BEGIN_DECLS

#define RUSHES_TYPE_COMPARE_TAKE (rushes_compare_take_get_type ())

G_DECLARE_FINAL_TYPE (RushesCompareTake, rushes_compare_take, RUSHES, COMPARE_TAKE, AdwBin)

GtkWidget  *rushes_compare_take_new              (void);
void        rushes_compare_take_set_take         (RushesCompareTake *self,
                                                  RushesTask        *task,
                                                  guint              index,
                                                  GdkPaintable      *paintable,
                                                  const char        *model_name);
RushesTask *rushes_compare_take_get_task         (RushesCompareTake *self);
void        rushes_compare_take_set_differences  (RushesCompareTake *self,
                                                  GPtrArray         *lines,
                                                  const char        *prompt_markup);
void        rushes_compare_take_set_show_picture (RushesCompareTake *self,
                                                  gboolean           show_picture);
void        rushes_compare_take_set_listening    (RushesCompareTake *self,
                                                  gboolean           listening);

G_END_DECLS
