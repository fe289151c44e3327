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

G_BEGIN_DECLS

#define RUSHES_SHOT_MAX_TAKES 8

/**
 * RushesTake:
 * @model: the model of this take
 * @params: its parameters, with its own seed where the model has one
 *
 * One take of a shot: one task, once created.
 */
typedef struct
{
  RushesModel            *model;
  RushesGenerationParams *params;
} RushesTake;

void       rushes_take_free  (RushesTake              *take);
GPtrArray *rushes_shot_plan  (RushesModel            **models,
                              guint                    n_models,
                              RushesGenerationParams  *params,
                              guint                    variations,
                              GError                 **error);
GPtrArray *rushes_shot_plan_full (RushesModel            **models,
                                  guint                    n_models,
                                  RushesGenerationParams **params,
                                  guint                    variations,
                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesTake, rushes_take_free)

G_END_DECLS
