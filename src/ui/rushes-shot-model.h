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

#include "rushes-shot-group.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_SHOT_MODEL (rushes_shot_model_get_type ())

G_DECLARE_FINAL_TYPE (RushesShotModel, rushes_shot_model, RUSHES, SHOT_MODEL, GObject)

RushesShotModel *rushes_shot_model_new       (GListModel      *tasks);
GListModel      *rushes_shot_model_get_model (RushesShotModel *self);
void             rushes_shot_model_set_model (RushesShotModel *self,
                                              GListModel      *tasks);
RushesShotGroup *rushes_shot_model_lookup    (RushesShotModel *self,
                                              const char      *shot);

RushesTask      *rushes_shot_model_item_get_task (gpointer    item);
RushesShotGroup *rushes_shot_model_collect       (GListModel *tasks,
                                                  const char *shot);

G_END_DECLS
