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

#define RUSHES_TYPE_PICKER_ROW (rushes_picker_row_get_type ())

G_DECLARE_FINAL_TYPE (RushesPickerRow, rushes_picker_row, RUSHES, PICKER_ROW, GtkWidget)

/* The parts of a row a click can land on. */
typedef enum
{
  RUSHES_PICKER_ROW_PART_NONE,
  RUSHES_PICKER_ROW_PART_STAR,
  RUSHES_PICKER_ROW_PART_CHECK,
} RushesPickerRowPart;

GtkWidget           *rushes_picker_row_new           (gboolean         with_check);
void                 rushes_picker_row_set           (RushesPickerRow *self,
                                                      const char      *name,
                                                      const char      *detail,
                                                      const char      *price,
                                                      const char      *tag,
                                                      gboolean         current);
const char          *rushes_picker_row_get_price     (RushesPickerRow *self);
void                 rushes_picker_row_set_favourite (RushesPickerRow *self,
                                                      gboolean         favourite);
gboolean             rushes_picker_row_get_favourite (RushesPickerRow *self);
void                 rushes_picker_row_set_checked   (RushesPickerRow *self,
                                                      gboolean         checked);
gboolean             rushes_picker_row_get_checked   (RushesPickerRow *self);
RushesPickerRowPart  rushes_picker_row_pick_part     (RushesPickerRow *self,
                                                      double           x,
                                                      double           y);
void                 rushes_picker_row_serve_list    (GtkWidget       *list);

G_END_DECLS
