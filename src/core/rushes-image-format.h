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

G_BEGIN_DECLS

/* The bytes rushes_image_format_sniff() needs from the start of a file. */
#define RUSHES_IMAGE_FORMAT_HEADER_SIZE 16

const char         *rushes_image_format_sniff         (const guint8 *data,
                                                       gsize         length);
const char         *rushes_image_format_get_mime_type (const char   *format);
const char         *rushes_image_format_get_label     (const char   *format);
const char * const *rushes_image_format_list          (void);

G_END_DECLS
