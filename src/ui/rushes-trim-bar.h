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

/**
 * RushesTrimHandle:
 * @RUSHES_TRIM_HANDLE_IN: where the clip starts
 * @RUSHES_TRIM_HANDLE_OUT: where it ends
 */
typedef enum
{
  RUSHES_TRIM_HANDLE_IN,
  RUSHES_TRIM_HANDLE_OUT,
} RushesTrimHandle;

#define RUSHES_TYPE_TRIM_BAR (rushes_trim_bar_get_type ())

G_DECLARE_FINAL_TYPE (RushesTrimBar, rushes_trim_bar, RUSHES, TRIM_BAR, GtkWidget)

GtkWidget *rushes_trim_bar_new                (void);
void       rushes_trim_bar_set_clip           (RushesTrimBar    *self,
                                               gint64            duration,
                                               int               fps_n,
                                               int               fps_d);
gint64     rushes_trim_bar_get_duration       (RushesTrimBar    *self);
gint64     rushes_trim_bar_get_frame_duration (RushesTrimBar    *self);
void       rushes_trim_bar_set_range          (RushesTrimBar    *self,
                                               gint64            in_point,
                                               gint64            out_point);
gint64     rushes_trim_bar_get_in_point       (RushesTrimBar    *self);
gint64     rushes_trim_bar_get_out_point      (RushesTrimBar    *self);
void       rushes_trim_bar_move_handle        (RushesTrimBar    *self,
                                               RushesTrimHandle  handle,
                                               gint64            position,
                                               gboolean          done);

G_END_DECLS
