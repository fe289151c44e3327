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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One model of a cached live catalog: its summary, and its entry's text
 * for when the model is needed. */
typedef struct
{
  char     *id;
  char     *name;
  char     *vendor;
  char     *unavailable;
  gboolean  retired;
  guint     modes;        /* RUSHES_MODEL_MODE_BIT()s; 0 when the index does not say */
  GBytes   *text;
} RushesModelCacheEntry;

void      _rushes_model_cache_entry_free (RushesModelCacheEntry *entry);
gboolean  _rushes_model_cache_read       (GBytes                *text,
                                          const char            *provider_id,
                                          GDateTime            **fetched_at,
                                          GPtrArray            **entries,
                                          GError               **error);
GBytes   *_rushes_model_cache_write      (const char            *provider_id,
                                          GDateTime             *fetched_at,
                                          JsonArray             *entries);

/* rushes-model-merge.c */
JsonNode *_rushes_model_merge_entries    (JsonObject            *builtin,
                                          JsonObject            *live,
                                          GPtrArray             *notes);

G_END_DECLS
