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

#include "rushes-library.h"
#include "rushes-reel.h"

G_BEGIN_DECLS

/**
 * RushesReelClip:
 * @task_id: the library clip
 * @file: (nullable): its video; %NULL when the clip is no longer in the
 *   library (deleted, or never finished): the reel shows a gap there, and
 *   nothing can be rendered or handed off until the entry is removed
 * @in_point: where the clip starts in its video, in microseconds; -1 for
 *   the start
 * @out_point: where it ends, in microseconds; -1 for the end
 * @transition: how it goes over to the next clip
 * @transition_duration: for a crossfade, its length in microseconds
 * @duration: the whole video, in microseconds; 0 when not known
 * @width: the video's display width (pixel aspect ratio applied); 0 when
 *   not known
 * @height: its height
 * @fps_n: its frame rate, numerator; 0 when not known
 * @fps_d: its frame rate, denominator
 * @has_audio: whether the video has sound
 * @prompt: (nullable): the prompt it was generated from
 * @model: (nullable): the model id
 * @seed: (nullable): the seed, when one was set
 *
 * One entry of a reel with everything the renderer and the hand-off
 * writers need: its video, its trim and transition (in microseconds, as in
 * #RushesReel), what the video is, and where it came from.
 */
typedef struct
{
  char                 *task_id;
  GFile                *file;
  gint64                in_point;
  gint64                out_point;
  RushesReelTransition  transition;
  gint64                transition_duration;

  gint64                duration;
  int                   width;
  int                   height;
  int                   fps_n;
  int                   fps_d;
  gboolean              has_audio;

  char                 *prompt;
  char                 *model;
  char                 *seed;
} RushesReelClip;

#define RUSHES_TYPE_REEL_CLIP (rushes_reel_clip_get_type ())

GType           rushes_reel_clip_get_type       (void) G_GNUC_CONST;
RushesReelClip *rushes_reel_clip_new            (const char           *task_id,
                                                 GFile                *file);
RushesReelClip *rushes_reel_clip_copy           (const RushesReelClip *clip);
void            rushes_reel_clip_free           (RushesReelClip       *clip);
gboolean        rushes_reel_clip_probe          (RushesReelClip       *clip,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

gboolean        rushes_reel_clip_layout         (GPtrArray            *clips,
                                                 RushesReelLayoutFlags flags,
                                                 RushesReelSpan      **spans,
                                                 gint64               *total_duration,
                                                 GError              **error);

void            rushes_reel_clip_resolve_async  (RushesReel           *reel,
                                                 RushesLibrary        *library,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray      *rushes_reel_clip_resolve_finish (GAsyncResult         *result,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesReelClip, rushes_reel_clip_free)

G_END_DECLS
