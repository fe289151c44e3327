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

#include "rushes-reel.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_REEL_STORE (rushes_reel_store_get_type ())

G_DECLARE_FINAL_TYPE (RushesReelStore, rushes_reel_store, RUSHES, REEL_STORE, GObject)

RushesReelStore *rushes_reel_store_new           (GFile               *directory);
GFile           *rushes_reel_store_get_directory (RushesReelStore     *self);
GFile           *rushes_reel_store_get_file      (RushesReelStore     *self,
                                                  const char          *reel_id);
void             rushes_reel_store_list_async    (RushesReelStore     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray       *rushes_reel_store_list_finish   (RushesReelStore     *self,
                                                  GAsyncResult        *result,
                                                  GPtrArray          **load_errors,
                                                  GError             **error);

G_END_DECLS
