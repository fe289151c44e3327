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

#include "rushes-core.h"

G_BEGIN_DECLS

/**
 * RushesExportFormat:
 * @RUSHES_EXPORT_FORMAT_MP4: the clip itself, remuxed (not re-encoded) with
 *   the prompt as its title and the model as its comment
 * @RUSHES_EXPORT_FORMAT_PNG: one frame at the video's display size
 * @RUSHES_EXPORT_FORMAT_GIF: an endlessly looping animated GIF, at most
 *   %RUSHES_EXPORT_GIF_MAX_SIZE pixels on its longer side and
 *   %RUSHES_EXPORT_GIF_FPS frames per second, without sound
 * @RUSHES_EXPORT_FORMAT_WEBM: VP9 video and Opus sound in WebM, at the
 *   clip's size and frame rate
 */
typedef enum
{
  RUSHES_EXPORT_FORMAT_MP4,
  RUSHES_EXPORT_FORMAT_PNG,
  RUSHES_EXPORT_FORMAT_GIF,
  RUSHES_EXPORT_FORMAT_WEBM,
} RushesExportFormat;

#define RUSHES_EXPORT_N_FORMATS (RUSHES_EXPORT_FORMAT_WEBM + 1)

/**
 * RushesExportFlags:
 * @RUSHES_EXPORT_FLAGS_NONE: fail with %G_IO_ERROR_EXISTS when the
 *   destination exists
 * @RUSHES_EXPORT_FLAGS_OVERWRITE: replace an existing destination (once the
 *   user has agreed to, as the file chooser asks)
 */
typedef enum
{
  RUSHES_EXPORT_FLAGS_NONE      = 0,
  RUSHES_EXPORT_FLAGS_OVERWRITE = 1 << 0,
} RushesExportFlags;

/**
 * RushesExportMetadata:
 * @title: (nullable): the title tag; the prompt
 * @comment: (nullable): the comment tag; the model id
 * @frame_position: for %RUSHES_EXPORT_FORMAT_PNG, the frame's time in
 *   nanoseconds; negative for the poster frame (one second in, or a tenth
 *   of a shorter clip: the frame the gallery shows)
 * @settings: (nullable): the clip's settings (rushes-settings.h), written
 *   as the description tag, where `rushes-cli generate --like` and the
 *   composer read them back
 *
 * Written into MP4 and WebM as tags, into PNG as iTXt chunks and into GIF
 * as a comment. Only for the duration of the call: the exporter copies it.
 */
typedef struct
{
  const char *title;
  const char *comment;
  gint64      frame_position;
  char       *settings;
} RushesExportMetadata;

/**
 * RushesExportProgressFunc:
 * @fraction: how much is done, from 0 to 1
 * @user_data: the data given with the function
 *
 * Called in the thread-default main context of the caller of
 * rushes_exporter_export_async(), never after its callback has run.
 */
typedef void (*RushesExportProgressFunc) (double   fraction,
                                          gpointer user_data);

#define RUSHES_EXPORT_GIF_MAX_SIZE 480
#define RUSHES_EXPORT_GIF_FPS      12

void        rushes_export_metadata_init_for_task (RushesExportMetadata *meta,
                                                  RushesTask           *task);
void        rushes_export_metadata_clear         (RushesExportMetadata *meta);

const char *rushes_export_format_get_extension (RushesExportFormat        format);
const char *rushes_export_format_get_mime_type (RushesExportFormat        format);

void        rushes_exporter_export_async       (GFile                    *video,
                                                GFile                    *destination,
                                                RushesExportFormat        format,
                                                RushesExportFlags         flags,
                                                const RushesExportMetadata *meta,
                                                RushesExportProgressFunc  progress_func,
                                                gpointer                  progress_data,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean    rushes_exporter_export_finish      (GAsyncResult             *result,
                                                GError                  **error);

void        rushes_exporter_probe_async        (GFile                    *video,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean    rushes_exporter_probe_finish       (GAsyncResult             *result,
                                                gint64                   *duration,
                                                int                      *width,
                                                int                      *height,
                                                gboolean                 *has_audio,
                                                GError                  **error);

void        rushes_exporter_get_gif_size       (int                       width,
                                                int                       height,
                                                int                      *gif_width,
                                                int                      *gif_height);
guint64     rushes_exporter_estimate_size      (gint64                    duration,
                                                int                       width,
                                                int                       height,
                                                RushesExportFormat        format);

G_END_DECLS
