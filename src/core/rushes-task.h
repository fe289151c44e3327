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
#include <json-glib/json-glib.h>

#include "rushes-generation-params.h"
#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_TASK (rushes_task_get_type ())

G_DECLARE_FINAL_TYPE (RushesTask, rushes_task, RUSHES, TASK, GObject)

const char             *rushes_task_get_id            (RushesTask *self);
const char             *rushes_task_get_model_id      (RushesTask *self);
const char             *rushes_task_get_provider_id   (RushesTask *self);
RushesTaskState         rushes_task_get_state         (RushesTask *self);
const char             *rushes_task_get_prompt        (RushesTask *self);
RushesGenerationParams *rushes_task_get_params        (RushesTask *self);
const char             *rushes_task_get_remote_id     (RushesTask *self);
GDateTime              *rushes_task_get_created_at    (RushesTask *self);
GDateTime              *rushes_task_get_finished_at   (RushesTask *self);
double                  rushes_task_get_progress      (RushesTask *self);
double                  rushes_task_get_cost_usd      (RushesTask *self);
const char             *rushes_task_get_status_text   (RushesTask *self);
const char             *rushes_task_get_error_code    (RushesTask *self);
const char             *rushes_task_get_error_message (RushesTask *self);
GFile                  *rushes_task_get_folder        (RushesTask *self);
GFile                  *rushes_task_get_input_file    (RushesTask *self);
GFile                  *rushes_task_get_image_file    (RushesTask *self,
                                                       const char *control);
GFile                  *rushes_task_get_video_file    (RushesTask *self);
GFile                  *rushes_task_get_thumbnail_file (RushesTask *self);

gboolean                rushes_task_is_finished       (RushesTask *self);
gboolean                rushes_task_get_favourite     (RushesTask *self);
const char             *rushes_task_get_shot          (RushesTask *self);
gboolean                rushes_task_matches           (RushesTask *self,
                                                       const char *text);
JsonNode               *rushes_task_to_json           (RushesTask *self);

G_END_DECLS
