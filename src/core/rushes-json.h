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

G_BEGIN_DECLS

/* json-glib 1.6 parses recursively: deeply nested text overflows the stack.
 * Every parse of text Rushes did not write itself goes through
 * rushes_json_parse(), which refuses nesting deeper than this first. */
#define RUSHES_JSON_MAX_DEPTH 64

/* Size caps for each kind of untrusted text. */
#define RUSHES_JSON_MAX_ANSWER   (4u * 1024 * 1024)   /* one provider answer or socket frame */
#define RUSHES_JSON_MAX_LISTING  (64u * 1024 * 1024)  /* a live model listing */
#define RUSHES_JSON_MAX_RECORD   (1u * 1024 * 1024)   /* task.json, a reel file */
#define RUSHES_JSON_MAX_CATALOG  (16u * 1024 * 1024)  /* a catalog file, a cached live catalog */

gboolean  rushes_json_check        (const char  *text,
                                    gsize        length,
                                    gsize        max_length,
                                    GError     **error);
JsonNode *rushes_json_parse        (const char  *text,
                                    gsize        length,
                                    gsize        max_length,
                                    GError     **error);
JsonNode *rushes_json_parse_bytes  (GBytes      *bytes,
                                    gsize        max_length,
                                    GError     **error);
char     *rushes_json_to_string    (JsonNode    *node,
                                    gboolean     pretty);

G_END_DECLS
