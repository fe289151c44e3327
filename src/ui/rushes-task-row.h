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

#define RUSHES_TYPE_TASK_ROW (rushes_task_row_get_type ())

G_DECLARE_FINAL_TYPE (RushesTaskRow, rushes_task_row, RUSHES, TASK_ROW, GtkWidget)

GtkWidget  *rushes_task_row_new      (void);
RushesTask *rushes_task_row_get_task (RushesTaskRow *self);
void        rushes_task_row_set_task (RushesTaskRow *self,
                                      RushesTask    *task);
void        rushes_task_row_update_elapsed (RushesTaskRow *self);

G_END_DECLS
