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

#include <glib.h>

#include "rushes-types.h"

G_BEGIN_DECLS

/* App-level control names. Values are provider-neutral strings:
 * aspect ratio "16:9", "9:16", "1:1", "auto"; duration whole seconds ("8");
 * resolution "480p", "720p", "1080p"; image an absolute path or an http(s) URL;
 * booleans "true"/"false"; integers in decimal. A catalog entry may add
 * controls of its own, with their kind and label. */
#define RUSHES_CONTROL_PROMPT          "prompt"
#define RUSHES_CONTROL_IMAGE           "image"
#define RUSHES_CONTROL_ASPECT_RATIO    "aspect_ratio"
#define RUSHES_CONTROL_DURATION        "duration"
#define RUSHES_CONTROL_RESOLUTION      "resolution"
#define RUSHES_CONTROL_END_IMAGE       "end_image"
#define RUSHES_CONTROL_AUDIO           "audio"
#define RUSHES_CONTROL_NEGATIVE_PROMPT "negative_prompt"
#define RUSHES_CONTROL_SEED            "seed"

const char *rushes_control_get_label        (const char        *control);
gboolean    rushes_control_get_builtin_kind (const char        *control,
                                             RushesControlKind *kind);
char       *rushes_control_format_value     (const char        *control,
                                             const char        *value);

G_END_DECLS
