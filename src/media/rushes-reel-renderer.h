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

#include "rushes-reel-clip.h"

G_BEGIN_DECLS

/**
 * RushesReelFormat:
 * @RUSHES_REEL_FORMAT_MP4: H.264 video and AAC sound in MP4
 * @RUSHES_REEL_FORMAT_WEBM: VP9 video and Opus sound in WebM
 */
typedef enum
{
  RUSHES_REEL_FORMAT_MP4,
  RUSHES_REEL_FORMAT_WEBM,
} RushesReelFormat;

/**
 * RushesReelRenderFlags:
 * @RUSHES_REEL_RENDER_FLAGS_NONE: fail with %G_IO_ERROR_EXISTS when the
 *   destination exists; refuse a crossfade or trim that does not fit
 * @RUSHES_REEL_RENDER_FLAGS_OVERWRITE: replace an existing destination
 * @RUSHES_REEL_RENDER_FLAGS_CLAMP: shorten a crossfade or out point that
 *   does not fit (%RUSHES_REEL_LAYOUT_CLAMP) instead of refusing it
 */
typedef enum
{
  RUSHES_REEL_RENDER_FLAGS_NONE      = 0,
  RUSHES_REEL_RENDER_FLAGS_OVERWRITE = 1 << 0,
  RUSHES_REEL_RENDER_FLAGS_CLAMP     = 1 << 1,
} RushesReelRenderFlags;

/**
 * RushesReelRenderOptions:
 * @format: the container and codecs
 * @flags: overwriting and clamping
 * @width: the output frame's width; 0 for the first clip's (made even)
 * @height: its height; 0 for the first clip's
 * @fps_n: the output frame rate; 0 for the first clip's (30/1 when it is
 *   not known)
 * @fps_d: its denominator
 * @video_encoder: (nullable): the GStreamer element to encode the picture
 *   with; %NULL to choose (rushes_reel_renderer_find_video_encoder())
 *
 * How to render. Clips of another shape than the frame are letterboxed or
 * pillarboxed, never stretched.
 */
typedef struct
{
  RushesReelFormat       format;
  RushesReelRenderFlags  flags;
  int                    width;
  int                    height;
  int                    fps_n;
  int                    fps_d;
  const char            *video_encoder;
} RushesReelRenderOptions;

/**
 * RushesReelRenderProgressFunc:
 * @fraction: how much of the reel is rendered, from 0 to 1; never goes back
 * @user_data: the data given with the function
 *
 * Called on the thread-default main context of the caller of
 * rushes_reel_renderer_render_async(), never after its callback; the data
 * must stay valid until then.
 */
typedef void (*RushesReelRenderProgressFunc) (double   fraction,
                                              gpointer user_data);

const char *rushes_reel_format_get_extension          (RushesReelFormat               format);

void        rushes_reel_renderer_get_frame            (GPtrArray                     *clips,
                                                       const RushesReelRenderOptions *options,
                                                       int                           *width,
                                                       int                           *height,
                                                       int                           *fps_n,
                                                       int                           *fps_d);
char       *rushes_reel_renderer_find_video_encoder   (RushesReelFormat               format,
                                                       GError                       **error);
char       *rushes_reel_renderer_get_profile          (const RushesReelRenderOptions *options,
                                                       int                            width,
                                                       int                            height,
                                                       GError                       **error);
char      **rushes_reel_renderer_get_ges_launch_argv  (GPtrArray                     *clips,
                                                       GFile                         *destination,
                                                       const RushesReelRenderOptions *options,
                                                       GError                       **error);

void        rushes_reel_renderer_render_async         (GPtrArray                     *clips,
                                                       GFile                         *destination,
                                                       const RushesReelRenderOptions *options,
                                                       RushesReelRenderProgressFunc   progress_func,
                                                       gpointer                       progress_data,
                                                       GCancellable                  *cancellable,
                                                       GAsyncReadyCallback            callback,
                                                       gpointer                       user_data);
gboolean    rushes_reel_renderer_render_finish        (GAsyncResult                  *result,
                                                       char                         **video_encoder,
                                                       char                         **audio_encoder,
                                                       GError                       **error);

G_END_DECLS
