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

#include <gio/gio.h>

G_BEGIN_DECLS

/* An animated GIF encoder for the exporter: Debian's GStreamer 1.22 has
 * no GIF encoder (gst-libav leaves avenc_gif out, gifenc is in the
 * unpackaged Rust plugins). Frames are packed RGB. */

typedef struct _RushesGifPalette RushesGifPalette;
typedef struct _RushesGifWriter  RushesGifWriter;

RushesGifPalette *rushes_gif_palette_new        (void);
void              rushes_gif_palette_free       (RushesGifPalette  *palette);
void              rushes_gif_palette_add_pixels (RushesGifPalette  *palette,
                                                 const guint8      *rgb,
                                                 int                width,
                                                 int                height,
                                                 gsize              stride);
void              rushes_gif_palette_build      (RushesGifPalette  *palette);
guint             rushes_gif_palette_get_n_colors (RushesGifPalette *palette);

RushesGifWriter  *rushes_gif_writer_new         (GOutputStream     *stream,
                                                 int                width,
                                                 int                height,
                                                 RushesGifPalette  *palette,
                                                 const char        *comment);
void              rushes_gif_writer_free        (RushesGifWriter   *writer);
gboolean          rushes_gif_writer_add_frame   (RushesGifWriter   *writer,
                                                 const guint8      *rgb,
                                                 gsize              stride,
                                                 gint64             timestamp,
                                                 GCancellable      *cancellable,
                                                 GError           **error);
gboolean          rushes_gif_writer_finish      (RushesGifWriter   *writer,
                                                 gint64             end_time,
                                                 GCancellable      *cancellable,
                                                 GError           **error);
guint             rushes_gif_writer_get_n_frames (RushesGifWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesGifPalette, rushes_gif_palette_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesGifWriter, rushes_gif_writer_free)

G_END_DECLS
