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

#include "rushes-exporter.h"
#include "rushes-core.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_EXPORT_DIALOG (rushes_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RushesExportDialog, rushes_export_dialog, RUSHES, EXPORT_DIALOG, AdwWindow)

RushesExportDialog *rushes_export_dialog_new                (GtkWindow          *parent,
                                                             RushesTask         *task,
                                                             GSettings          *settings,
                                                             RushesModelCatalog *catalog);
RushesExportDialog *rushes_export_dialog_present            (GtkWindow          *parent,
                                                             RushesTask         *task,
                                                             GSettings          *settings,
                                                             RushesModelCatalog *catalog);

RushesTask         *rushes_export_dialog_get_task           (RushesExportDialog *self);
RushesExportFormat  rushes_export_dialog_get_format         (RushesExportDialog *self);
void                rushes_export_dialog_set_format         (RushesExportDialog *self,
                                                             RushesExportFormat  format);
gint64              rushes_export_dialog_get_frame_position (RushesExportDialog *self);
void                rushes_export_dialog_set_frame_position (RushesExportDialog *self,
                                                             gint64              position);

G_END_DECLS
