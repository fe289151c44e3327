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

#include "rushes-core.h"

G_BEGIN_DECLS

void  rushes_widget_set_task_state_class (GtkWidget       *widget,
                                          RushesTaskState  state);
char *rushes_format_position             (gint64           nanoseconds);

GdkRGBA rushes_widget_get_fg_color    (GtkWidget  *widget,
                                       double      alpha);
GdkRGBA rushes_widget_get_named_color (GtkWidget  *widget,
                                       const char *name,
                                       const char *fallback);

G_END_DECLS
