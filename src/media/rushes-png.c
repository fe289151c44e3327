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

#define G_LOG_DOMAIN "rushes-png"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/video/video.h>

#include "rushes-media-error.h"
#include "rushes-png.h"

/*
 * One way from a decoded frame to a PNG file's bytes, for the exporter's
 * PNG, the library's poster frames and the player's frame grabs: the
 * frame at its display size (non-square pixels spread to square ones, so
 * the picture keeps its shape in other applications), optionally fitted
 * into a square, and text chunks written in after the header.
 */

/* Generous: two shared cores may be busy with a thumbnail or a test. */
#define CONVERT_TIMEOUT (30 * GST_SECOND)

/* Signature (8) and the IHDR chunk (4 + 4 + 13 + 4) */
#define PNG_HEADER_SIZE 33

static guint32
crc32_update (guint32       crc,
              const guint8 *bytes,
              gsize         length)
{
  static guint32 table[256];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialised, 1);
    }

  crc ^= 0xffffffffu;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffffu;
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, bytes, 4);
}

/* An uncompressed international text chunk: UTF-8, as prompts are. */
static void
append_itxt (GByteArray *out,
             const char *keyword,
             const char *text)
{
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  static const guint8 flags[] = { 0, 0, 0, 0, 0 };

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return;

  g_byte_array_append (chunk, (const guint8 *) "iTXt", 4);
  g_byte_array_append (chunk, (const guint8 *) keyword, strlen (keyword));
  /* keyword terminator, no compression, method 0, no language, no
   * translated keyword */
  g_byte_array_append (chunk, flags, sizeof flags);
  g_byte_array_append (chunk, (const guint8 *) text, strlen (text));

  append_be32 (out, chunk->len - 4);
  g_byte_array_append (out, chunk->data, chunk->len);
  append_be32 (out, crc32_update (0, chunk->data, chunk->len));
}

static GBytes *
png_with_text (const guint8       *png,
               gsize               size,
               const char * const *text_keys_values)
{
  g_autoptr(GByteArray) out = NULL;

  if (text_keys_values == NULL || text_keys_values[0] == NULL ||
      size <= PNG_HEADER_SIZE || memcmp (png + 12, "IHDR", 4) != 0)
    return g_bytes_new (png, size);

  out = g_byte_array_sized_new (size + 1024);
  g_byte_array_append (out, png, PNG_HEADER_SIZE);
  for (guint i = 0; text_keys_values[i] != NULL; i += 2)
    append_itxt (out, text_keys_values[i], text_keys_values[i + 1]);
  g_byte_array_append (out, png + PNG_HEADER_SIZE, size - PNG_HEADER_SIZE);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The display size (pixel aspect ratio applied), fitted into a square of
 * @max_size when it is positive, never enlarged. */
static void
png_size (const GstVideoInfo *info,
          int                 max_size,
          int                *width,
          int                *height)
{
  double display_width = GST_VIDEO_INFO_WIDTH (info);
  double display_height = GST_VIDEO_INFO_HEIGHT (info);
  double scale = 1.0;

  if (info->par_n > 0 && info->par_d > 0)
    display_width = display_width * info->par_n / info->par_d;

  if (max_size > 0)
    scale = MIN (1.0, MIN (max_size / display_width, max_size / display_height));

  *width = MAX (1, (int) round (display_width * scale));
  *height = MAX (1, (int) round (display_height * scale));
}

/**
 * rushes_media_sample_to_png:
 * @sample: a decoded video frame
 * @max_size: the largest width or height in pixels; 0 for the frame's
 *   display size
 * @text_keys_values: (nullable) (array zero-terminated=1): keywords, each
 *   followed by its text, ended by a %NULL keyword; a %NULL or empty text
 *   is left out
 *
 * Encodes @sample as a PNG with square pixels: at its display size, or
 * scaled down to fit @max_size. Each text is written as an uncompressed
 * iTXt chunk (UTF-8, as prompts are), which image viewers and file
 * managers show. Blocks while the frame is encoded: call it from a worker
 * thread.
 *
 * Returns: (transfer full): the PNG file's bytes, or %NULL with @error set
 *   (%RUSHES_MEDIA_ERROR_NO_FRAME when @sample holds no readable frame)
 */
GBytes *
rushes_media_sample_to_png (GstSample          *sample,
                            int                 max_size,
                            const char * const *text_keys_values,
                            GError            **error)
{
  g_autoptr(GstCaps) png_caps = NULL;
  g_autoptr(GstSample) png = NULL;
  g_autoptr(GError) convert_error = NULL;
  GstVideoInfo info;
  GstBuffer *buffer;
  GstMapInfo map;
  GBytes *bytes;
  int width, height;

  g_return_val_if_fail (GST_IS_SAMPLE (sample), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (gst_sample_get_caps (sample) == NULL || gst_sample_get_buffer (sample) == NULL ||
      !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)))
    {
      g_set_error_literal (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NO_FRAME,
                           _("The frame cannot be read"));
      return NULL;
    }

  png_size (&info, max_size, &width, &height);
  png_caps = gst_caps_new_simple ("image/png",
                                  "width", G_TYPE_INT, width,
                                  "height", G_TYPE_INT, height,
                                  "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                  NULL);
  png = gst_video_convert_sample (sample, png_caps, CONVERT_TIMEOUT, &convert_error);
  if (png == NULL || (buffer = gst_sample_get_buffer (png)) == NULL ||
      !gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("The frame cannot be converted to PNG: %s"),
                   convert_error != NULL ? convert_error->message : _("no data"));
      return NULL;
    }

  bytes = png_with_text (map.data, map.size, text_keys_values);
  gst_buffer_unmap (buffer, &map);

  return bytes;
}
