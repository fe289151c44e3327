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

#define G_LOG_DOMAIN "rushes-gif-writer"

#include "config.h"

#include <string.h>

#include "rushes-gif-writer.h"

/*
 * One palette for the whole clip, made by median cut over every frame
 * (a first pass), so that colours do not shimmer from frame to frame as
 * they would with a palette per frame. No dithering: it would make a
 * still background different in every frame, and bigger.
 *
 * Each frame after the first holds only the rectangle that changed; its
 * pixels that did not change are transparent, which LZW turns into long
 * cheap runs. Index 255 is kept for that transparency.
 */

#define BIN_BITS       5
#define BIN_LEVELS     (1 << BIN_BITS)
#define N_BINS         (BIN_LEVELS * BIN_LEVELS * BIN_LEVELS)
#define MAX_COLORS     255
#define TRANSPARENT    255
/* About 4 levels in each primary (weights 3, 4, 2) */
#define UNCHANGED_DISTANCE (9 * 4 * 4)

#define LZW_MAX_CODES  4096
#define LZW_HASH_SIZE  8192
#define LZW_CLEAR      256
#define LZW_END        257

struct _RushesGifPalette
{
  guint32 *counts;
  guint64 *sums;    /* r, g, b per bin, at full precision */
  gint16  *lut;     /* bin → palette index, -1 until first needed */
  guint8   colors[256][3];
  guint    n_colors;
};

typedef struct
{
  guint8  min[3];
  guint8  max[3];
  guint64 count;
} Box;

typedef struct
{
  guint32 key;      /* (prefix << 8 | byte) + 1; 0 is an empty slot */
  guint16 code;
} LzwEntry;

typedef struct
{
  GByteArray *out;
  guint8      block[255];
  guint       block_len;
  guint32     bits;
  guint       n_bits;
} BitWriter;

struct _RushesGifWriter
{
  GOutputStream    *stream;
  RushesGifPalette *palette;
  char             *comment;
  int               width;
  int               height;

  guint8           *canvas;     /* the indices a viewer shows now */
  guint8           *indices;
  LzwEntry         *lzw_table;

  /* The last frame, waiting for the next one to know how long it shows */
  GByteArray       *pending;
  gint64            pending_time;
  guint             n_frames;

  guint             header_written : 1;
  guint             has_pending : 1;
};

static inline guint
bin_of (guint8 r,
        guint8 g,
        guint8 b)
{
  return ((r >> (8 - BIN_BITS)) << (2 * BIN_BITS)) |
         ((g >> (8 - BIN_BITS)) << BIN_BITS) |
         (b >> (8 - BIN_BITS));
}

static inline guint
bin_at (guint r,
        guint g,
        guint b)
{
  return (r << (2 * BIN_BITS)) | (g << BIN_BITS) | b;
}

RushesGifPalette *
rushes_gif_palette_new (void)
{
  RushesGifPalette *palette = g_new0 (RushesGifPalette, 1);

  palette->counts = g_new0 (guint32, N_BINS);
  palette->sums = g_new0 (guint64, N_BINS * 3);
  palette->lut = g_new (gint16, N_BINS);
  memset (palette->lut, 0xff, N_BINS * sizeof (gint16));

  return palette;
}

void
rushes_gif_palette_free (RushesGifPalette *palette)
{
  if (palette == NULL)
    return;

  g_free (palette->counts);
  g_free (palette->sums);
  g_free (palette->lut);
  g_free (palette);
}

void
rushes_gif_palette_add_pixels (RushesGifPalette *palette,
                               const guint8     *rgb,
                               int               width,
                               int               height,
                               gsize             stride)
{
  g_return_if_fail (palette != NULL);
  g_return_if_fail (rgb != NULL);

  for (int y = 0; y < height; y++)
    {
      const guint8 *p = rgb + y * stride;

      for (int x = 0; x < width; x++, p += 3)
        {
          guint bin = bin_of (p[0], p[1], p[2]);

          /* A bin saturates after four billion pixels: stop counting there
           * rather than wrap. */
          if (G_UNLIKELY (palette->counts[bin] == G_MAXUINT32))
            continue;

          palette->counts[bin]++;
          palette->sums[bin * 3] += p[0];
          palette->sums[bin * 3 + 1] += p[1];
          palette->sums[bin * 3 + 2] += p[2];
        }
    }
}

/* Tightens @box around the bins that hold pixels, and counts them. */
static void
box_shrink (RushesGifPalette *palette,
            Box              *box)
{
  guint8 min[3] = { BIN_LEVELS - 1, BIN_LEVELS - 1, BIN_LEVELS - 1 };
  guint8 max[3] = { 0, 0, 0 };
  guint64 count = 0;

  for (guint r = box->min[0]; r <= box->max[0]; r++)
    for (guint g = box->min[1]; g <= box->max[1]; g++)
      for (guint b = box->min[2]; b <= box->max[2]; b++)
        {
          guint32 n = palette->counts[bin_at (r, g, b)];

          if (n == 0)
            continue;

          count += n;
          min[0] = MIN (min[0], r); max[0] = MAX (max[0], r);
          min[1] = MIN (min[1], g); max[1] = MAX (max[1], g);
          min[2] = MIN (min[2], b); max[2] = MAX (max[2], b);
        }

  box->count = count;
  if (count == 0)
    return;

  memcpy (box->min, min, sizeof min);
  memcpy (box->max, max, sizeof max);
}

/* The eye tells greens apart best and blues worst. */
static const guint axis_weight[3] = { 3, 4, 2 };

static int
box_longest_axis (const Box *box,
                  guint     *length)
{
  int axis = 0;
  guint best = 0;

  for (int i = 0; i < 3; i++)
    {
      guint l = (guint) (box->max[i] - box->min[i]) * axis_weight[i];

      if (l > best)
        {
          best = l;
          axis = i;
        }
    }

  *length = best;
  return axis;
}

/* Cuts @box at the median of its pixels along its longest side; the upper
 * part goes to @upper. */
static void
box_split (RushesGifPalette *palette,
           Box              *box,
           Box              *upper)
{
  guint64 plane_counts[BIN_LEVELS] = { 0 };
  guint64 seen = 0;
  guint length;
  int axis = box_longest_axis (box, &length);
  guint cut;

  g_assert (length > 0);

  for (guint r = box->min[0]; r <= box->max[0]; r++)
    for (guint g = box->min[1]; g <= box->max[1]; g++)
      for (guint b = box->min[2]; b <= box->max[2]; b++)
        {
          guint plane = axis == 0 ? r : axis == 1 ? g : b;

          plane_counts[plane] += palette->counts[bin_at (r, g, b)];
        }

  /* The last plane below the median, but never the box's last plane. */
  for (cut = box->min[axis]; cut < box->max[axis] - 1u; cut++)
    {
      seen += plane_counts[cut];
      if (seen * 2 >= box->count)
        break;
    }

  *upper = *box;
  upper->min[axis] = cut + 1;
  box->max[axis] = cut;
  box_shrink (palette, box);
  box_shrink (palette, upper);
}

void
rushes_gif_palette_build (RushesGifPalette *palette)
{
  Box boxes[MAX_COLORS];
  guint n_boxes = 1;

  g_return_if_fail (palette != NULL);

  memset (boxes[0].min, 0, 3);
  memset (boxes[0].max, BIN_LEVELS - 1, 3);
  box_shrink (palette, &boxes[0]);

  if (boxes[0].count == 0)
    {
      palette->n_colors = 1;
      memset (palette->colors[0], 0, 3);
      return;
    }

  while (n_boxes < MAX_COLORS)
    {
      guint64 best_score = 0;
      guint best = 0;

      /* Split where many pixels spread over many colours. */
      for (guint i = 0; i < n_boxes; i++)
        {
          guint length;
          guint64 score;

          box_longest_axis (&boxes[i], &length);
          score = boxes[i].count * length;
          if (score > best_score)
            {
              best_score = score;
              best = i;
            }
        }

      if (best_score == 0)
        break;

      box_split (palette, &boxes[best], &boxes[n_boxes]);
      n_boxes++;
    }

  for (guint i = 0; i < n_boxes; i++)
    {
      const Box *box = &boxes[i];
      guint64 sums[3] = { 0, 0, 0 };

      for (guint r = box->min[0]; r <= box->max[0]; r++)
        for (guint g = box->min[1]; g <= box->max[1]; g++)
          for (guint b = box->min[2]; b <= box->max[2]; b++)
            {
              guint bin = bin_at (r, g, b);

              sums[0] += palette->sums[bin * 3];
              sums[1] += palette->sums[bin * 3 + 1];
              sums[2] += palette->sums[bin * 3 + 2];
            }

      for (int c = 0; c < 3; c++)
        palette->colors[i][c] = (guint8) ((sums[c] + box->count / 2) / box->count);
    }

  palette->n_colors = n_boxes;
  memset (palette->lut, 0xff, N_BINS * sizeof (gint16));
}

guint
rushes_gif_palette_get_n_colors (RushesGifPalette *palette)
{
  g_return_val_if_fail (palette != NULL, 0);

  return palette->n_colors;
}

static inline guint
color_distance (const guint8 *a,
                const guint8 *b)
{
  int dr = a[0] - b[0];
  int dg = a[1] - b[1];
  int db = a[2] - b[2];

  return axis_weight[0] * dr * dr + axis_weight[1] * dg * dg + axis_weight[2] * db * db;
}

static guint8
palette_lookup (RushesGifPalette *palette,
                const guint8     *p)
{
  guint bin = bin_of (p[0], p[1], p[2]);
  gint16 index = palette->lut[bin];

  if (G_UNLIKELY (index < 0))
    {
      /* The centre of the bin stands for every colour in it. */
      int r = (p[0] & ~((1 << (8 - BIN_BITS)) - 1)) + (1 << (7 - BIN_BITS));
      int g = (p[1] & ~((1 << (8 - BIN_BITS)) - 1)) + (1 << (7 - BIN_BITS));
      int b = (p[2] & ~((1 << (8 - BIN_BITS)) - 1)) + (1 << (7 - BIN_BITS));
      guint best_distance = G_MAXUINT;

      for (guint i = 0; i < palette->n_colors; i++)
        {
          int dr = r - palette->colors[i][0];
          int dg = g - palette->colors[i][1];
          int db = b - palette->colors[i][2];
          guint distance = axis_weight[0] * dr * dr + axis_weight[1] * dg * dg + axis_weight[2] * db * db;

          if (distance < best_distance)
            {
              best_distance = distance;
              index = i;
            }
        }

      palette->lut[bin] = index;
    }

  return (guint8) index;
}

/* LZW codes, packed LSB first into GIF's sub-blocks of at most 255 bytes */

static void
bit_writer_byte (BitWriter *writer,
                 guint8     byte)
{
  writer->block[writer->block_len++] = byte;
  if (writer->block_len == sizeof writer->block)
    {
      guint8 length = sizeof writer->block;

      g_byte_array_append (writer->out, &length, 1);
      g_byte_array_append (writer->out, writer->block, length);
      writer->block_len = 0;
    }
}

static void
bit_writer_code (BitWriter *writer,
                 guint      code,
                 guint      size)
{
  writer->bits |= (guint32) code << writer->n_bits;
  writer->n_bits += size;
  while (writer->n_bits >= 8)
    {
      bit_writer_byte (writer, writer->bits & 0xff);
      writer->bits >>= 8;
      writer->n_bits -= 8;
    }
}

static void
bit_writer_finish (BitWriter *writer)
{
  guint8 terminator = 0;

  if (writer->n_bits > 0)
    bit_writer_byte (writer, writer->bits & 0xff);
  if (writer->block_len > 0)
    {
      guint8 length = writer->block_len;

      g_byte_array_append (writer->out, &length, 1);
      g_byte_array_append (writer->out, writer->block, length);
    }
  g_byte_array_append (writer->out, &terminator, 1);
}

static inline guint
lzw_hash (guint32 key)
{
  return (key * 2654435761u) >> (32 - 13);
}

/* GIF's variable-length LZW with 8-bit symbols: codes grow from 9 to 12
 * bits; a full table is cleared, as every decoder expects. */
static void
lzw_encode (LzwEntry     *table,
            GByteArray   *out,
            const guint8 *data,
            gsize         n)
{
  BitWriter writer = { .out = out };
  const guint8 min_code_size = 8;
  guint code_size = 9;
  guint next = LZW_END + 1;
  guint prefix;

  G_STATIC_ASSERT ((1 << 13) == LZW_HASH_SIZE);
  g_assert (n > 0);

  g_byte_array_append (out, &min_code_size, 1);
  memset (table, 0, LZW_HASH_SIZE * sizeof (LzwEntry));
  bit_writer_code (&writer, LZW_CLEAR, code_size);

  prefix = data[0];
  for (gsize i = 1; i < n; i++)
    {
      guint32 key = ((prefix << 8) | data[i]) + 1;
      guint slot = lzw_hash (key);

      while (table[slot].key != 0 && table[slot].key != key)
        slot = (slot + 1) & (LZW_HASH_SIZE - 1);

      if (table[slot].key == key)
        {
          prefix = table[slot].code;
          continue;
        }

      bit_writer_code (&writer, prefix, code_size);
      if (next < LZW_MAX_CODES)
        {
          if (next == (1u << code_size))
            code_size++;
          table[slot].key = key;
          table[slot].code = next++;
        }
      else
        {
          bit_writer_code (&writer, LZW_CLEAR, code_size);
          memset (table, 0, LZW_HASH_SIZE * sizeof (LzwEntry));
          code_size = 9;
          next = LZW_END + 1;
        }
      prefix = data[i];
    }

  bit_writer_code (&writer, prefix, code_size);
  bit_writer_code (&writer, LZW_END, code_size);
  bit_writer_finish (&writer);
}

static void
append_u16 (GByteArray *out,
            guint       value)
{
  guint8 bytes[2] = { value & 0xff, (value >> 8) & 0xff };

  g_byte_array_append (out, bytes, 2);
}

static void
append_bytes (GByteArray *out,
              const char *bytes,
              gsize       length)
{
  g_byte_array_append (out, (const guint8 *) bytes, length);
}

RushesGifWriter *
rushes_gif_writer_new (GOutputStream    *stream,
                       int               width,
                       int               height,
                       RushesGifPalette *palette,
                       const char       *comment)
{
  RushesGifWriter *writer;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (width > 0 && width <= G_MAXUINT16, NULL);
  g_return_val_if_fail (height > 0 && height <= G_MAXUINT16, NULL);
  g_return_val_if_fail (palette != NULL && palette->n_colors > 0, NULL);

  writer = g_new0 (RushesGifWriter, 1);
  writer->stream = g_object_ref (stream);
  writer->palette = palette;
  writer->comment = g_strdup (comment);
  writer->width = width;
  writer->height = height;
  writer->canvas = g_malloc ((gsize) width * height);
  writer->indices = g_malloc ((gsize) width * height);
  writer->lzw_table = g_new (LzwEntry, LZW_HASH_SIZE);
  writer->pending = g_byte_array_new ();

  return writer;
}

void
rushes_gif_writer_free (RushesGifWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_object (&writer->stream);
  g_free (writer->comment);
  g_free (writer->canvas);
  g_free (writer->indices);
  g_free (writer->lzw_table);
  g_byte_array_unref (writer->pending);
  g_free (writer);
}

static void
write_header (RushesGifWriter *writer,
              GByteArray      *out)
{
  RushesGifPalette *palette = writer->palette;
  guint8 screen[3] = {
    0xf7, /* a global table of 256 colours, 8 bits per primary */
    0,    /* background colour */
    0,    /* square pixels */
  };
  guint8 table[256 * 3] = { 0 };

  append_bytes (out, "GIF89a", 6);
  append_u16 (out, writer->width);
  append_u16 (out, writer->height);
  g_byte_array_append (out, screen, sizeof screen);

  memcpy (table, palette->colors, palette->n_colors * 3);
  g_byte_array_append (out, table, sizeof table);

  /* Loop for ever */
  append_bytes (out, "\x21\xff\x0b" "NETSCAPE2.0" "\x03\x01\x00\x00\x00", 19);

  if (writer->comment != NULL && *writer->comment != '\0')
    {
      gsize length = strlen (writer->comment);

      append_bytes (out, "\x21\xfe", 2);
      for (gsize done = 0; done < length; done += 255)
        {
          guint8 block = MIN (255, length - done);

          g_byte_array_append (out, &block, 1);
          append_bytes (out, writer->comment + done, block);
        }
      append_bytes (out, "\x00", 1);
    }
}

/* Timestamps are in nanoseconds, GIF delays in hundredths of a second. */
#define NS_PER_CS G_GINT64_CONSTANT (10000000)

static guint
centiseconds (gint64 time)
{
  return (guint) ((MAX (time, 0) + NS_PER_CS / 2) / NS_PER_CS);
}

/* Writes the pending frame, now that we know until when it shows. */
static gboolean
flush_pending (RushesGifWriter  *writer,
               gint64            until,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint delay;

  if (!writer->has_pending)
    return TRUE;

  /* Browsers show delays under 2 cs as 10 cs. */
  delay = centiseconds (until) - MIN (centiseconds (until), centiseconds (writer->pending_time));
  delay = CLAMP (delay, 2, G_MAXUINT16);

  /* Graphic control: leave the frame in place, index 255 is transparent */
  append_bytes (out, "\x21\xf9\x04\x05", 4);
  append_u16 (out, delay);
  append_bytes (out, "\xff\x00", 2);
  g_byte_array_append (out, writer->pending->data, writer->pending->len);

  writer->has_pending = FALSE;
  g_byte_array_set_size (writer->pending, 0);

  return g_output_stream_write_all (writer->stream, out->data, out->len, NULL, cancellable, error);
}

gboolean
rushes_gif_writer_add_frame (RushesGifWriter  *writer,
                             const guint8     *rgb,
                             gsize             stride,
                             gint64            timestamp,
                             GCancellable     *cancellable,
                             GError          **error)
{
  int width, left, top, right = -1, bottom = -1;
  gsize n = 0;
  guint8 descriptor_flags = 0;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (rgb != NULL, FALSE);

  width = left = writer->width;
  top = writer->height;

  for (int y = 0; y < writer->height; y++)
    {
      const guint8 *p = rgb + y * stride;
      guint8 *row = writer->indices + (gsize) y * width;
      const guint8 *shown = writer->canvas + (gsize) y * width;

      for (int x = 0; x < width; x++, p += 3)
        {
          row[x] = palette_lookup (writer->palette, p);

          /* Compression noise moves a colour across a palette boundary
           * and back: keep what is shown when the eye cannot tell. */
          if (writer->n_frames > 0 && row[x] != shown[x] &&
              color_distance (writer->palette->colors[shown[x]], p) <= UNCHANGED_DISTANCE)
            row[x] = shown[x];
        }
    }

  if (!writer->header_written)
    {
      g_autoptr(GByteArray) header = g_byte_array_new ();

      write_header (writer, header);
      if (!g_output_stream_write_all (writer->stream, header->data, header->len, NULL, cancellable, error))
        return FALSE;
      writer->header_written = TRUE;

      left = top = 0;
      right = width - 1;
      bottom = writer->height - 1;
    }
  else
    {
      for (int y = 0; y < writer->height; y++)
        {
          const guint8 *row = writer->indices + (gsize) y * width;
          const guint8 *shown = writer->canvas + (gsize) y * width;

          for (int x = 0; x < width; x++)
            if (row[x] != shown[x])
              {
                left = MIN (left, x);
                right = MAX (right, x);
                top = MIN (top, y);
                bottom = MAX (bottom, y);
              }
        }

      /* Nothing changed: the frame before simply shows longer. */
      if (right < 0)
        return TRUE;
    }

  if (!flush_pending (writer, timestamp, cancellable, error))
    return FALSE;

  /* The changed rectangle, unchanged pixels in it transparent; packed in
   * place at the start of the index buffer, which is read ahead of it. */
  for (int y = top; y <= bottom; y++)
    {
      guint8 *row = writer->indices + (gsize) y * width;
      guint8 *shown = writer->canvas + (gsize) y * width;

      for (int x = left; x <= right; x++)
        {
          guint8 index = row[x];

          if (writer->n_frames > 0 && index == shown[x])
            index = TRANSPARENT;
          else
            shown[x] = index;
          writer->indices[n++] = index;
        }
    }

  append_bytes (writer->pending, "\x2c", 1);
  append_u16 (writer->pending, left);
  append_u16 (writer->pending, top);
  append_u16 (writer->pending, right - left + 1);
  append_u16 (writer->pending, bottom - top + 1);
  g_byte_array_append (writer->pending, &descriptor_flags, 1);
  lzw_encode (writer->lzw_table, writer->pending, writer->indices, n);

  writer->pending_time = timestamp;
  writer->has_pending = TRUE;
  writer->n_frames++;

  return TRUE;
}

gboolean
rushes_gif_writer_finish (RushesGifWriter  *writer,
                          gint64            end_time,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (writer->n_frames > 0, FALSE);

  return flush_pending (writer, end_time, cancellable, error) &&
         g_output_stream_write_all (writer->stream, "\x3b", 1, NULL, cancellable, error);
}

guint
rushes_gif_writer_get_n_frames (RushesGifWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);

  return writer->n_frames;
}
