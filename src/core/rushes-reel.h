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
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The version written into reel files. Files of a later version are
 * refused rather than half understood. */
#define RUSHES_REEL_FORMAT_VERSION 1

/* Bounds on what a reel file may hold: it is read like any other
 * untrusted input. */
#define RUSHES_REEL_MAX_ENTRIES   1000
#define RUSHES_REEL_MAX_NAME      1024                       /* bytes */
#define RUSHES_REEL_MAX_TIME      (24 * G_TIME_SPAN_HOUR)    /* µs */

/* Every clip keeps at least this much of itself outside its crossfades:
 * a clip that is all dissolve is no longer a clip, and GES refuses one
 * clip lying entirely over another. */
#define RUSHES_REEL_MIN_SOLO      (100 * G_TIME_SPAN_MILLISECOND)

/**
 * RushesReelTransition:
 * @RUSHES_REEL_TRANSITION_CUT: the next clip starts where this one ends
 * @RUSHES_REEL_TRANSITION_CROSSFADE: the end of this clip dissolves into
 *   the start of the next one, picture and sound; the two overlap, so the
 *   reel is shorter by the crossfade's duration
 *
 * How a reel goes from one clip to the next. The nicks (“cut”,
 * “crossfade”) are the strings of reel files.
 */
typedef enum
{
  RUSHES_REEL_TRANSITION_CUT,
  RUSHES_REEL_TRANSITION_CROSSFADE,
} RushesReelTransition;

/**
 * RushesReelLayoutFlags:
 * @RUSHES_REEL_LAYOUT_STRICT: refuse, with a message naming the clips,
 *   a crossfade or an out point that does not fit
 * @RUSHES_REEL_LAYOUT_CLAMP: shorten such a crossfade, and end an out point
 *   beyond a clip's end at its end; #RushesReelSpan.clamped tells which
 */
typedef enum
{
  RUSHES_REEL_LAYOUT_STRICT = 0,
  RUSHES_REEL_LAYOUT_CLAMP  = 1 << 0,
} RushesReelLayoutFlags;

/**
 * RushesReelClipTiming:
 * @clip_duration: the whole video, in microseconds
 * @in_point: where the clip starts in its video, in microseconds; -1 for
 *   the start
 * @out_point: where it ends, in microseconds; -1 for the end
 * @transition: how it goes over to the next clip
 * @transition_duration: for a crossfade, its length in microseconds
 *
 * What the layout needs to know about one clip of a reel.
 */
typedef struct
{
  gint64               clip_duration;
  gint64               in_point;
  gint64               out_point;
  RushesReelTransition transition;
  gint64               transition_duration;
} RushesReelClipTiming;

/**
 * RushesReelSpan:
 * @in_point: where the clip starts in its video, in microseconds
 * @out_point: where it ends
 * @start: where it starts in the reel, in microseconds
 * @overlap: how long it overlaps the next clip (its crossfade), in
 *   microseconds; 0 for a cut and for the last clip
 * @clamped: the layout shortened the crossfade into the next clip, or the
 *   out point, to make them fit
 *
 * Where one clip lies in a laid-out reel. The clip plays from @start to
 * @start + (@out_point - @in_point).
 */
typedef struct
{
  gint64   in_point;
  gint64   out_point;
  gint64   start;
  gint64   overlap;
  gboolean clamped;
} RushesReelSpan;

gboolean    rushes_reel_layout                 (const RushesReelClipTiming *timings,
                                                guint                       n_clips,
                                                RushesReelLayoutFlags       flags,
                                                RushesReelSpan             *spans,
                                                gint64                     *total_duration,
                                                GError                    **error);

const char *rushes_reel_transition_to_string   (RushesReelTransition        transition);
gboolean    rushes_reel_transition_from_string (const char                 *string,
                                                RushesReelTransition       *transition);
gboolean    rushes_reel_id_is_valid            (const char                 *id);


#define RUSHES_TYPE_REEL_ENTRY (rushes_reel_entry_get_type ())

G_DECLARE_FINAL_TYPE (RushesReelEntry, rushes_reel_entry, RUSHES, REEL_ENTRY, GObject)

RushesReelEntry     *rushes_reel_entry_new                     (const char      *task_id);
const char          *rushes_reel_entry_get_task_id             (RushesReelEntry *self);
gint64               rushes_reel_entry_get_in_point            (RushesReelEntry *self);
gint64               rushes_reel_entry_get_out_point           (RushesReelEntry *self);
RushesReelTransition rushes_reel_entry_get_transition          (RushesReelEntry *self);
gint64               rushes_reel_entry_get_transition_duration (RushesReelEntry *self);


#define RUSHES_TYPE_REEL (rushes_reel_get_type ())

G_DECLARE_FINAL_TYPE (RushesReel, rushes_reel, RUSHES, REEL, GObject)

RushesReel      *rushes_reel_new               (const char           *name);
const char      *rushes_reel_get_id            (RushesReel           *self);
const char      *rushes_reel_get_name          (RushesReel           *self);
void             rushes_reel_set_name          (RushesReel           *self,
                                                const char           *name);
GDateTime       *rushes_reel_get_created       (RushesReel           *self);
GDateTime       *rushes_reel_get_modified      (RushesReel           *self);

guint            rushes_reel_get_n_entries     (RushesReel           *self);
RushesReelEntry *rushes_reel_get_entry         (RushesReel           *self,
                                                guint                 position);
void             rushes_reel_insert            (RushesReel           *self,
                                                guint                 position,
                                                const char           *task_id);
void             rushes_reel_append            (RushesReel           *self,
                                                const char           *task_id);
void             rushes_reel_remove            (RushesReel           *self,
                                                guint                 position);
void             rushes_reel_move              (RushesReel           *self,
                                                guint                 from,
                                                guint                 to);
gboolean         rushes_reel_set_trim          (RushesReel           *self,
                                                guint                 position,
                                                gint64                in_point,
                                                gint64                out_point,
                                                GError              **error);
gboolean         rushes_reel_set_transition    (RushesReel           *self,
                                                guint                 position,
                                                RushesReelTransition  transition,
                                                gint64                duration,
                                                GError              **error);
guint            rushes_reel_count_uses        (RushesReel           *self,
                                                const char           *task_id);

gboolean         rushes_reel_compute_layout    (RushesReel           *self,
                                                const gint64         *clip_durations,
                                                RushesReelLayoutFlags flags,
                                                RushesReelSpan      **spans,
                                                gint64               *total_duration,
                                                GError              **error);

JsonNode        *rushes_reel_to_json           (RushesReel           *self);
RushesReel      *rushes_reel_new_from_json     (JsonNode             *node,
                                                GError              **error);

RushesReel      *rushes_reel_load              (GFile                *file,
                                                GCancellable         *cancellable,
                                                GError              **error);
void             rushes_reel_load_async        (GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
RushesReel      *rushes_reel_load_finish       (GAsyncResult         *result,
                                                GError              **error);
gboolean         rushes_reel_save              (RushesReel           *self,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GError              **error);
void             rushes_reel_save_async        (RushesReel           *self,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean         rushes_reel_save_finish       (RushesReel           *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
