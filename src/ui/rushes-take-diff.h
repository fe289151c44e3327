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

#include "rushes-core.h"

G_BEGIN_DECLS

char       *rushes_take_diff_control_label (const char             *control);
char      **rushes_take_diff_list_controls (RushesGenerationParams *params);
GPtrArray  *rushes_take_diff_params        (GPtrArray  *tasks,
                                            guint       index);
char       *rushes_take_diff_prompt_markup (GPtrArray  *tasks,
                                            guint       index);

G_END_DECLS
