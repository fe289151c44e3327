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

#include "rushes-controls.h"
#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_GENERATION_PARAMS (rushes_generation_params_get_type ())

G_DECLARE_FINAL_TYPE (RushesGenerationParams, rushes_generation_params, RUSHES, GENERATION_PARAMS, GObject)

RushesGenerationParams *rushes_generation_params_new            (void);
RushesGenerationParams *rushes_generation_params_copy           (RushesGenerationParams *self);

const char             *rushes_generation_params_get_prompt      (RushesGenerationParams *self);
void                    rushes_generation_params_set_prompt      (RushesGenerationParams *self,
                                                                  const char             *prompt);
const char             *rushes_generation_params_get_image       (RushesGenerationParams *self);
void                    rushes_generation_params_set_image       (RushesGenerationParams *self,
                                                                  const char             *image);
const char             *rushes_generation_params_get_aspect_ratio (RushesGenerationParams *self);
void                    rushes_generation_params_set_aspect_ratio (RushesGenerationParams *self,
                                                                  const char             *aspect_ratio);
guint                   rushes_generation_params_get_duration    (RushesGenerationParams *self);
void                    rushes_generation_params_set_duration    (RushesGenerationParams *self,
                                                                  guint                   seconds);
const char             *rushes_generation_params_get_resolution  (RushesGenerationParams *self);
void                    rushes_generation_params_set_resolution  (RushesGenerationParams *self,
                                                                  const char             *resolution);

const char             *rushes_generation_params_get_value       (RushesGenerationParams *self,
                                                                  const char             *control);
gboolean                rushes_generation_params_set_value       (RushesGenerationParams *self,
                                                                  const char             *control,
                                                                  const char             *value,
                                                                  GError                **error);
char                  **rushes_generation_params_list_controls   (RushesGenerationParams *self);

RushesGenerationMode    rushes_generation_params_get_mode        (RushesGenerationParams *self);
gboolean                rushes_generation_params_image_is_url    (RushesGenerationParams *self);

JsonNode               *rushes_generation_params_to_json         (RushesGenerationParams *self);
RushesGenerationParams *rushes_generation_params_new_from_json   (JsonNode               *node,
                                                                  GError                **error);

G_END_DECLS
