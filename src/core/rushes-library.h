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

#include <gio/gio.h>

#include "rushes-generation-params.h"
#include "rushes-model.h"
#include "rushes-task.h"
#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_LIBRARY (rushes_library_get_type ())

G_DECLARE_FINAL_TYPE (RushesLibrary, rushes_library, RUSHES, LIBRARY, GObject)

RushesLibrary *rushes_library_new                  (GFile               *directory);
GFile         *rushes_library_get_directory        (RushesLibrary       *self);

void           rushes_library_load_async           (RushesLibrary       *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       rushes_library_load_finish          (RushesLibrary       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
GPtrArray     *rushes_library_get_load_errors      (RushesLibrary       *self);
gboolean       rushes_library_get_loading          (RushesLibrary       *self);

RushesTask    *rushes_library_lookup               (RushesLibrary       *self,
                                                    const char          *task_id);
RushesTask    *rushes_library_find                 (RushesLibrary       *self,
                                                    const char          *id_or_prefix,
                                                    GError             **error);
GListModel    *rushes_library_search               (RushesLibrary       *self,
                                                    const char          *text);
GPtrArray     *rushes_library_list_unfinished      (RushesLibrary       *self);

void           rushes_library_create_task_async    (RushesLibrary          *self,
                                                    RushesModel            *model,
                                                    RushesGenerationParams *params,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
void           rushes_library_create_take_async   (RushesLibrary          *self,
                                                   RushesModel            *model,
                                                   RushesGenerationParams *params,
                                                   const char             *shot,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
RushesTask    *rushes_library_create_task_finish   (RushesLibrary       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);


gboolean       rushes_library_watch                (RushesLibrary       *self,
                                                    GError             **error);
gboolean       rushes_library_set_favourite        (RushesLibrary       *self,
                                                    RushesTask          *task,
                                                    gboolean             favourite,
                                                    GError             **error);
void           rushes_library_remove               (RushesLibrary       *self,
                                                    RushesTask          *task);
void           rushes_library_restore              (RushesLibrary       *self,
                                                    RushesTask          *task);
void           rushes_library_trash_async          (RushesLibrary       *self,
                                                    RushesTask          *task,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       rushes_library_trash_finish         (RushesLibrary       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
