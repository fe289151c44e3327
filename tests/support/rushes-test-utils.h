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

#include "rushes-test-async.h"

G_BEGIN_DECLS

void       rushes_test_init_system_data    (void);
void       rushes_test_add_icon_theme_path (void);
void       rushes_test_start_gtk           (void);
void       rushes_test_start_gtk_styled    (void);

/* Finders: depth first from @root, %NULL when nothing matches. */
GtkWidget *rushes_test_find_widget         (GtkWidget  *root,
                                            GType       type,
                                            const char *name);
GPtrArray *rushes_test_find_widgets        (GtkWidget  *root,
                                            GType       type);
GtkWidget *rushes_test_find_with_action    (GtkWidget  *root,
                                            const char *action_name);
GtkWidget *rushes_test_find_label          (GtkWidget  *root,
                                            const char *prefix);
gpointer   rushes_test_find_toplevel       (GType       type);

#define rushes_test_wait_for_frames(widget, n_frames) \
  rushes_test_wait_for_frames_at (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, (widget), (n_frames))

void       rushes_test_wait_for_frames_at  (const char *domain,
                                            const char *file,
                                            int         line,
                                            const char *func,
                                            GtkWidget  *widget,
                                            guint       n_frames);

GdkTexture *rushes_test_render_widget     (GtkWidget  *widget,
                                            const char *png_name);

GPtrArray *rushes_test_notifications_start (void);
void       rushes_test_notifications_sync  (void);

G_END_DECLS
