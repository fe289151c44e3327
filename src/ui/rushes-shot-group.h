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

#include "rushes-core.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_SHOT_GROUP (rushes_shot_group_get_type ())

G_DECLARE_FINAL_TYPE (RushesShotGroup, rushes_shot_group, RUSHES, SHOT_GROUP, GObject)

const char *rushes_shot_group_get_id            (RushesShotGroup *self);
guint       rushes_shot_group_get_n_takes       (RushesShotGroup *self);
RushesTask *rushes_shot_group_get_take          (RushesShotGroup *self,
                                                 guint            index);
RushesTask *rushes_shot_group_get_poster        (RushesShotGroup *self);
guint       rushes_shot_group_get_take_number   (RushesShotGroup *self,
                                                 RushesTask      *task);
GPtrArray  *rushes_shot_group_get_compare_takes (RushesShotGroup *self,
                                                 guint            max_takes);

G_END_DECLS
