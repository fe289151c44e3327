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

RushesModelCatalog *rushes_model_catalog_new             (void);
RushesModelCatalog *rushes_model_catalog_new_default     (void);
void                rushes_model_catalog_load_builtin    (RushesModelCatalog *self);
void                rushes_model_catalog_load_directory  (RushesModelCatalog *self,
                                                          GFile              *directory);
gboolean            rushes_model_catalog_load_data       (RushesModelCatalog *self,
                                                          const char         *origin,
                                                          GBytes             *data,
                                                          GError            **error);
GPtrArray          *rushes_model_catalog_get_load_errors (RushesModelCatalog *self);

RushesModel        *rushes_model_catalog_lookup          (RushesModelCatalog *self,
                                                          const char         *model_id);
RushesModel        *rushes_model_catalog_find            (RushesModelCatalog *self,
                                                          const char         *model_id,
                                                          GError            **error);
RushesModel        *rushes_model_catalog_get_default_model (RushesModelCatalog *self,
                                                            const char * const *provider_ids);

G_END_DECLS
