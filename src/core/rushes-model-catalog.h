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

#include "rushes-model.h"
#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_MODEL_CATALOG (rushes_model_catalog_get_type ())

G_DECLARE_FINAL_TYPE (RushesModelCatalog, rushes_model_catalog, RUSHES, MODEL_CATALOG, GObject)

/**
 * RushesModelSearchFlags:
 * @RUSHES_MODEL_SEARCH_NONE: every model that matches
 * @RUSHES_MODEL_SEARCH_HIDE_RETIRED: leave out models retired upstream
 * @RUSHES_MODEL_SEARCH_HIDE_UNAVAILABLE: leave out models that cannot be
 *   used (rushes_model_get_available())
 */
typedef enum /*< flags >*/
{
  RUSHES_MODEL_SEARCH_NONE             = 0,
  RUSHES_MODEL_SEARCH_HIDE_RETIRED     = 1 << 0,
  RUSHES_MODEL_SEARCH_HIDE_UNAVAILABLE = 1 << 1,
} RushesModelSearchFlags;

RushesModelCatalog *rushes_model_catalog_new             (void);
RushesModelCatalog *rushes_model_catalog_new_default     (void);
void                rushes_model_catalog_load_default    (RushesModelCatalog *self);
void                rushes_model_catalog_set_debug       (RushesModelCatalog *self,
                                                          gboolean            debug);
void                rushes_model_catalog_load_builtin    (RushesModelCatalog *self);
void                rushes_model_catalog_load_directory  (RushesModelCatalog *self,
                                                          GFile              *directory);
gboolean            rushes_model_catalog_load_data       (RushesModelCatalog *self,
                                                          const char         *origin,
                                                          GBytes             *data,
                                                          GError            **error);
GPtrArray          *rushes_model_catalog_get_load_errors (RushesModelCatalog *self);

GFile              *rushes_model_catalog_get_cache_directory (void);
gboolean            rushes_model_catalog_load_live       (RushesModelCatalog *self,
                                                          const char         *provider_id,
                                                          GBytes             *cache,
                                                          const char         *origin,
                                                          GError            **error);
void                rushes_model_catalog_load_live_directory (RushesModelCatalog *self,
                                                              GFile              *directory);
GBytes             *rushes_model_catalog_write_live      (const char         *provider_id,
                                                          GDateTime          *fetched_at,
                                                          JsonArray          *entries);
GDateTime          *rushes_model_catalog_get_fetched_at  (RushesModelCatalog *self,
                                                          const char         *provider_id);
GPtrArray          *rushes_model_catalog_search          (RushesModelCatalog *self,
                                                          const char         *text,
                                                          RushesModelSearchFlags flags);

RushesModel        *rushes_model_catalog_lookup          (RushesModelCatalog *self,
                                                          const char         *model_id);
RushesModel        *rushes_model_catalog_find            (RushesModelCatalog *self,
                                                          const char         *model_id,
                                                          GError            **error);
RushesModel        *rushes_model_catalog_get_default_model (RushesModelCatalog *self,
                                                            const char * const *provider_ids);

G_END_DECLS
