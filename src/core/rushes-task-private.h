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
#include "rushes-task.h"

G_BEGIN_DECLS

#define RUSHES_TASK_RECORD_VERSION 1
#define RUSHES_TASK_VIDEO_NAME     "video.mp4"

RushesTask *_rushes_task_new               (const char              *id,
                                            RushesModel             *model,
                                            RushesGenerationParams  *params,
                                            GFile                   *folder,
                                            GDateTime               *created_at);
RushesTask *_rushes_task_new_from_record   (JsonNode                *record,
                                            GFile                   *folder,
                                            GError                 **error);
JsonNode   *_rushes_task_to_record         (RushesTask              *self);

const char *_rushes_task_get_remote_token  (RushesTask              *self);
void        _rushes_task_set_state         (RushesTask              *self,
                                            RushesTaskState          state);
void        _rushes_task_set_remote        (RushesTask              *self,
                                            const char              *remote_id,
                                            const char              *remote_token);
void        _rushes_task_set_progress      (RushesTask              *self,
                                            double                   progress);
void        _rushes_task_set_cost_usd      (RushesTask              *self,
                                            double                   cost_usd);
void        _rushes_task_set_status_text   (RushesTask              *self,
                                            const char              *status_text);
void        _rushes_task_set_error         (RushesTask              *self,
                                            const GError            *error);
void        _rushes_task_set_input_name    (RushesTask              *self,
                                            const char              *basename);
void        _rushes_task_set_has_video     (RushesTask              *self,
                                            gboolean                 has_video);
void        _rushes_task_set_favourite     (RushesTask              *self,
                                            gboolean                 favourite);
void        _rushes_task_update_from       (RushesTask              *self,
                                            RushesTask              *other);

G_END_DECLS
