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

#define G_LOG_DOMAIN "rushes-image-format"

#include "config.h"

#include <string.h>

#include "rushes-image-format.h"

/* The pictures a start or end image may be, told by their first bytes
 * rather than by a file name that anyone can choose. */

static const struct {
  const char *name;
  const char *label;
  const char *mime_type;
} image_formats[] = {
  { "jpeg", "JPEG", "image/jpeg" },
  { "png", "PNG", "image/png" },
  { "webp", "WebP", "image/webp" },
};

static const char * const image_format_names[] = { "jpeg", "png", "webp", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (image_format_names) == G_N_ELEMENTS (image_formats) + 1);

static int
find_format (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (image_formats); i++)
    if (g_strcmp0 (format, image_formats[i].name) == 0)
      return i;

  return -1;
}

/**
 * rushes_image_format_sniff:
 * @data: (array length=length): the first bytes of a file, at most
 *   %RUSHES_IMAGE_FORMAT_HEADER_SIZE are looked at
 *
 * Returns: (nullable): "jpeg", "png" or "webp" from the first bytes of a
 *   file, or %NULL for anything else
 */
const char *
rushes_image_format_sniff (const guint8 *data,
                           gsize         length)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "jpeg";
  if (length >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return "png";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "webp";
  return NULL;
}

/**
 * rushes_image_format_get_mime_type:
 * @format: (nullable): a format name ("jpeg", "png", "webp")
 *
 * Returns: (nullable): its MIME type, or %NULL for an unknown format
 */
const char *
rushes_image_format_get_mime_type (const char *format)
{
  int i = find_format (format);

  return i >= 0 ? image_formats[i].mime_type : NULL;
}

/**
 * rushes_image_format_get_label:
 * @format: (nullable): a format name ("jpeg", "png", "webp")
 *
 * Returns: (nullable): how people write it ("JPEG", "WebP"), or %NULL for
 *   an unknown format
 */
const char *
rushes_image_format_get_label (const char *format)
{
  int i = find_format (format);

  return i >= 0 ? image_formats[i].label : NULL;
}

/**
 * rushes_image_format_list:
 *
 * Returns: (transfer none): every format name, in the order messages list them
 */
const char * const *
rushes_image_format_list (void)
{
  return image_format_names;
}
