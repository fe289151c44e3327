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

#define RUSHES_TYPE_POSTER_CACHE (rushes_poster_cache_get_type ())

G_DECLARE_FINAL_TYPE (RushesPosterCache, rushes_poster_cache, RUSHES, POSTER_CACHE, GObject)

RushesPosterCache *rushes_poster_cache_new         (guint                capacity);
RushesPosterCache *rushes_poster_cache_get_default (void);
guint              rushes_poster_cache_get_size    (RushesPosterCache   *self);
GdkTexture        *rushes_poster_cache_lookup      (RushesPosterCache   *self,
                                                    GFile               *file,
                                                    int                  width);
void               rushes_poster_cache_load_async  (RushesPosterCache   *self,
                                                    GFile               *file,
                                                    int                  width,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GdkTexture        *rushes_poster_cache_load_finish (RushesPosterCache   *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void               rushes_poster_cache_forget      (RushesPosterCache   *self,
                                                    GFile               *file);

G_END_DECLS
