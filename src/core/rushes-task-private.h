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
#define RUSHES_TASK_RECORD_NAME    "task.json"
#define RUSHES_TASK_VIDEO_NAME     "video.mp4"

/**
 * RushesTaskFields:
 * @RUSHES_TASK_FIELDS_RUN: what the follower of a task writes: state,
 *   progress, remote id, error, cost, video
 * @RUSHES_TASK_FIELDS_USER: what the user changes: the favourite mark
 *
 * Each writer of a record owns some fields; a write after another
 * process's changes takes the record as stored and applies only its own.
 */
typedef enum
{
  RUSHES_TASK_FIELDS_RUN  = 1 << 0,
  RUSHES_TASK_FIELDS_USER = 1 << 1,
  RUSHES_TASK_FIELDS_ALL  = RUSHES_TASK_FIELDS_RUN | RUSHES_TASK_FIELDS_USER,
} RushesTaskFields;

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
gboolean    _rushes_task_is_input_name     (const char              *name,
                                            const char              *stem);
void        _rushes_task_set_input_name    (RushesTask              *self,
                                            const char              *control,
                                            const char              *basename);
guint64     _rushes_task_get_revision      (RushesTask              *self);
void        _rushes_task_set_revision      (RushesTask              *self,
                                            guint64                  revision);
gboolean    _rushes_task_can_replace       (RushesTask              *self,
                                            RushesTask              *stored,
                                            GError                 **error);
void        _rushes_task_take_fields       (RushesTask              *self,
                                            RushesTask              *from,
                                            RushesTaskFields         fields);
void        _rushes_task_set_has_video     (RushesTask              *self,
                                            gboolean                 has_video);
void        _rushes_task_set_favourite     (RushesTask              *self,
                                            gboolean                 favourite);
void        _rushes_task_set_shot          (RushesTask              *self,
                                            const char              *shot);
void        _rushes_task_update_from       (RushesTask              *self,
                                            RushesTask              *other);

G_END_DECLS
