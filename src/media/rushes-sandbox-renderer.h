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
 * RushesSandboxProgressFunc:
 * @fraction: how much of the video is written, 0..1; strictly increasing,
 *   the last call is 1.0 and comes only after a successful render
 * @user_data: the @progress_data given to rushes_sandbox_render_async()
 *
 * Called on the thread-default main context of the caller of
 * rushes_sandbox_render_async().
 */
typedef void (*RushesSandboxProgressFunc) (double   fraction,
                                           gpointer user_data);

/*
 * Renders the offline "Sandbox" preview: an H.264/AAC MP4 showing @prompt
 * over a slowly drifting background (or over @image, panned and zoomed),
 * with a soft chord as its sound and an "offline preview" caption.
 *
 * @width and @height must be even (16..4096), @duration_seconds 1..120;
 * 30 frames per second. @image (nullable) is a JPEG, PNG or WebP file.
 * @output must be a local file; it is written under a temporary name in
 * the same folder, flushed to disk and renamed when complete, replacing an
 * existing file.
 *
 * Errors (domain G_IO_ERROR):
 * - CANCELLED: @cancellable was cancelled; nothing is left behind
 * - INVALID_ARGUMENT: odd or out-of-range size or duration
 * - NOT_SUPPORTED: a GStreamer element is missing (the message names it and
 *   its Debian package), or @output is not a local file
 * - INVALID_DATA: @image is not a JPEG/PNG/WebP image or cannot be decoded
 * - the GIO error when @image cannot be read (the message names the file)
 * - FAILED: the pipeline failed or @output could not be written
 */
void     rushes_sandbox_render_async  (const char                *prompt,
                                       GFile                     *image,
                                       guint                      width,
                                       guint                      height,
                                       guint                      duration_seconds,
                                       GFile                     *output,
                                       RushesSandboxProgressFunc  progress,
                                       gpointer                   progress_data,
                                       GDestroyNotify             progress_destroy,
                                       GCancellable              *cancellable,
                                       GAsyncReadyCallback        callback,
                                       gpointer                   user_data);
gboolean rushes_sandbox_render_finish (GAsyncResult              *result,
                                       GError                   **error);

G_END_DECLS
