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

#include "rushes-generation-params.h"
#include "rushes-task.h"

G_BEGIN_DECLS

#define RUSHES_SETTINGS_FORMAT  "rushes-settings"
#define RUSHES_SETTINGS_VERSION 1

char                   *rushes_settings_to_string   (const char              *model_id,
                                                     RushesGenerationParams  *params);
char                   *rushes_settings_for_task    (RushesTask              *task);
RushesGenerationParams *rushes_settings_from_task   (RushesTask              *task);
GStrv                   rushes_settings_drop_missing_images (RushesGenerationParams *params);
gboolean                rushes_settings_parse       (const char              *text,
                                                     char                   **model_id,
                                                     RushesGenerationParams **params,
                                                     GError                 **error);

G_END_DECLS
