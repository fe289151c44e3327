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

#include "rushes-model.h"

G_BEGIN_DECLS

/**
 * RushesWireField:
 * @field: the wire field, a dotted path with optional array slots
 *   ("prompt", "input.aspect_ratio", "input.image_urls[0]")
 * @value: the wire value, already translated and typed
 * @image_control: (nullable): set when @value is an image reference (the
 *   app-level path or URL as a string): the provider decides how it travels
 *   (file part, upload, URL)
 */
typedef struct
{
  char       *field;
  JsonNode   *value;
  const char *image_control;
} RushesWireField;

/**
 * RushesWireRequest:
 * @path: the model's route for the mode ("openai/sora-2")
 * @fields: (element-type RushesWireField): the fields, in catalog order
 */
typedef struct
{
  char      *path;
  GPtrArray *fields;
} RushesWireRequest;

void               _rushes_wire_request_free          (RushesWireRequest       *request);
JsonNode          *_rushes_wire_request_to_json       (RushesWireRequest       *request,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesWireRequest, _rushes_wire_request_free)

RushesModel       *_rushes_model_new_from_json        (JsonNode                *node,
                                                       const char              *origin,
                                                       GError                 **error);
RushesWireRequest *_rushes_model_build_request        (RushesModel             *self,
                                                       RushesGenerationParams  *params,
                                                       GError                 **error);
const char        *_rushes_model_get_path             (RushesModel             *self,
                                                       RushesGenerationMode     mode);
guint              _rushes_model_get_poll_delay_ms    (RushesModel             *self);
guint              _rushes_model_get_poll_interval_ms (RushesModel             *self);

G_END_DECLS
