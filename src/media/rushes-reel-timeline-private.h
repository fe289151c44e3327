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

#include <ges/ges.h>

#include "rushes-reel-clip.h"

G_BEGIN_DECLS

/* What the renderer and the preview share: GES started off the main
 * thread, the clips' assets, and the timeline they are laid out on. */

void         _rushes_reel_ensure_gstreamer    (void);
char        *_rushes_reel_video_caps_string   (int                   width,
                                               int                   height,
                                               int                   fps_n,
                                               int                   fps_d);
char        *_rushes_reel_audio_caps_string   (void);

void         _rushes_reel_load_assets_async   (GPtrArray            *clips,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray   *_rushes_reel_load_assets_finish  (GAsyncResult         *result,
                                               GError              **error);

GESTimeline *_rushes_reel_timeline_build      (GPtrArray            *clips,
                                               GPtrArray            *assets,
                                               const RushesReelSpan *spans,
                                               int                   width,
                                               int                   height,
                                               int                   fps_n,
                                               int                   fps_d,
                                               GError              **error);

G_END_DECLS
