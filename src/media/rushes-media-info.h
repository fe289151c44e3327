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

/**
 * RushesMediaInfo:
 * @duration: the video's length in microseconds; 0 when not known
 * @width: its display width (pixel aspect ratio applied)
 * @height: its height
 * @fps_n: its frame rate, numerator; 0 when not known
 * @fps_d: its frame rate, denominator
 * @video_codec: (nullable): the picture's codec, as GStreamer describes it
 *   ("H.264 (High Profile)")
 * @has_audio: whether the video has sound
 * @audio_codec: (nullable): the sound's codec, when GStreamer can name it
 * @size: the file's size in bytes
 *
 * What a video file holds, read from the file itself.
 */
typedef struct
{
  gint64   duration;
  int      width;
  int      height;
  int      fps_n;
  int      fps_d;
  char    *video_codec;
  gboolean has_audio;
  char    *audio_codec;
  guint64  size;
} RushesMediaInfo;

#define RUSHES_TYPE_MEDIA_INFO (rushes_media_info_get_type ())

GType            rushes_media_info_get_type     (void) G_GNUC_CONST;
RushesMediaInfo *rushes_media_info_copy         (const RushesMediaInfo *info);
void             rushes_media_info_free         (RushesMediaInfo       *info);

RushesMediaInfo *rushes_media_info_probe        (GFile                 *file,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
void             rushes_media_info_probe_async  (GFile                 *file,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
RushesMediaInfo *rushes_media_info_probe_finish (GAsyncResult          *result,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesMediaInfo, rushes_media_info_free)

G_END_DECLS
