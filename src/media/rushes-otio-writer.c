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

#define G_LOG_DOMAIN "rushes-otio-writer"

#include "config.h"

#include <string.h>

#include "rushes-file.h"
#include "rushes-json.h"
#include "rushes-otio-writer.h"

/*
 * OpenTimelineIO, the interchange JSON Kdenlive (25.04 and later, through
 * OTIO's C++ library), DaVinci Resolve (18.5 and later) and Premiere Pro
 * read. Written directly with json-glib: GES's OTIO formatter is Python.
 *
 *   Timeline.1 ─ tracks: Stack.1 ─ Track.1 "Video" ─ Clip.1 … Transition.1 …
 *                                 └ Track.1 "Audio" ─ Clip.1 or Gap.1 …
 *
 * Clip.1 (media_reference) rather than Clip.2 (media_references): every
 * OTIO reader takes Clip.1, and the current library upgrades it to
 * Clip.2 itself; a reader older than OTIO 0.15 refuses Clip.2.
 *
 * Times are RationalTime frames at each clip's own frame rate.
 *
 * A crossfade in OTIO does not overlap its clips: the clips lie end to end
 * and the dissolve reaches over the cut into media beyond each one's
 * range. A reel's crossfade of d overlaps the last d of one clip and the
 * first d of the next, so the cut goes in the middle: the first clip ends
 * out_offset early and the next starts in_offset late, and the transition
 * (in_offset + out_offset = d) plays exactly the frames the render does.
 * The timeline is as long as the render.
 *
 * On the audio track a clip without sound is a Gap of the same length, and
 * only two clips that both have sound get a transition.
 */

#define TRANSITION_TYPE  "SMPTE_Dissolve"
#define MAX_NAME_CHARS   80

typedef struct
{
  int    fps_n;
  int    fps_d;
} Rate;

static Rate
clip_rate (const RushesReelClip *clip,
           Rate                  fallback)
{
  if (clip->fps_n > 0 && clip->fps_d > 0)
    return (Rate) { clip->fps_n, clip->fps_d };

  return fallback;
}

/* Microseconds to the nearest frame */
static gint64
to_frames (gint64 microseconds,
           Rate   rate)
{
  return (gint64) ((microseconds * (double) rate.fps_n) / (rate.fps_d * (double) G_TIME_SPAN_SECOND) + 0.5);
}

static void
add_rate (JsonBuilder *builder,
          Rate         rate)
{
  json_builder_set_member_name (builder, "rate");
  if (rate.fps_d == 1)
    json_builder_add_int_value (builder, rate.fps_n);
  else
    json_builder_add_double_value (builder, rate.fps_n / (double) rate.fps_d);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       frames,
          Rate         rate)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "OTIO_SCHEMA");
  json_builder_add_string_value (builder, "RationalTime.1");
  add_rate (builder, rate);
  json_builder_set_member_name (builder, "value");
  json_builder_add_int_value (builder, frames);
  json_builder_end_object (builder);
}

static void
add_range (JsonBuilder *builder,
           const char  *member,
           gint64       start,
           gint64       duration,
           Rate         rate)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "OTIO_SCHEMA");
  json_builder_add_string_value (builder, "TimeRange.1");
  add_time (builder, "duration", duration, rate);
  add_time (builder, "start_time", start, rate);
  json_builder_end_object (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The members every Item has, after OTIO_SCHEMA */
static void
begin_item (JsonBuilder *builder,
            const char  *schema,
            const char  *name)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "OTIO_SCHEMA");
  json_builder_add_string_value (builder, schema);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
}

static void
add_item_lists (JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "effects");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "markers");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, TRUE);
}

static void
add_empty_metadata (JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
}

/* The prompt, shortened on a character boundary, names the clip in the
 * editor's bin; the task id when there is none. */
static char *
clip_name (const RushesReelClip *clip)
{
  const char *text = clip->prompt != NULL && clip->prompt[0] != '\0' ? clip->prompt : clip->task_id;
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  glong length = g_utf8_strlen (valid, -1);
  g_autofree char *cut = NULL;

  if (length <= MAX_NAME_CHARS)
    return g_steal_pointer (&valid);

  cut = g_utf8_substring (valid, 0, MAX_NAME_CHARS - 1);
  return g_strconcat (cut, "…", NULL);
}

static void
add_clip (JsonBuilder          *builder,
          const RushesReelClip *clip,
          gint64                start,
          gint64                duration,
          Rate                  rate)
{
  g_autofree char *name = clip_name (clip);
  g_autofree char *uri = g_file_get_uri (clip->file);
  g_autofree char *basename = g_file_get_basename (clip->file);
  g_autofree char *prompt = clip->prompt != NULL ? g_utf8_make_valid (clip->prompt, -1) : NULL;

  begin_item (builder, "Clip.1", name);

  /* Where it came from, for whoever edits the cut */
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rushes");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "task_id", clip->task_id);
  add_string_or_null (builder, "prompt", prompt);
  add_string_or_null (builder, "model", clip->model);
  add_string_or_null (builder, "seed", clip->seed);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  add_range (builder, "source_range", start, duration, rate);
  add_item_lists (builder);

  json_builder_set_member_name (builder, "media_reference");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "OTIO_SCHEMA");
  json_builder_add_string_value (builder, "ExternalReference.1");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, basename);
  add_empty_metadata (builder);
  add_range (builder, "available_range", 0, to_frames (clip->duration, rate), rate);
  json_builder_set_member_name (builder, "available_image_bounds");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "target_url");
  json_builder_add_string_value (builder, uri);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
add_gap (JsonBuilder *builder,
         gint64       duration,
         Rate         rate)
{
  begin_item (builder, "Gap.1", "");
  add_empty_metadata (builder);
  add_range (builder, "source_range", 0, duration, rate);
  add_item_lists (builder);
  json_builder_end_object (builder);
}

static void
add_transition (JsonBuilder *builder,
                gint64       in_offset,
                gint64       out_offset,
                Rate         rate)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "OTIO_SCHEMA");
  json_builder_add_string_value (builder, "Transition.1");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Crossfade");
  add_empty_metadata (builder);
  add_time (builder, "in_offset", in_offset, rate);
  add_time (builder, "out_offset", out_offset, rate);
  json_builder_set_member_name (builder, "transition_type");
  json_builder_add_string_value (builder, TRANSITION_TYPE);
  json_builder_end_object (builder);
}

/* Where the cut of each crossfade goes: the dissolve starts @before frames
 * before it (in_offset) and ends @after frames after it (out_offset), at
 * the first clip's rate. */
typedef struct
{
  gint64 before;   /* in_offset, frames */
  gint64 after;    /* out_offset, frames */
  gint64 before_us;
  gint64 after_us;
} Cut;

static void
add_track (JsonBuilder          *builder,
           GPtrArray            *clips,
           const RushesReelSpan *spans,
           const Cut            *cuts,
           Rate                  fallback,
           gboolean              audio)
{
  begin_item (builder, "Track.1", audio ? "A1" : "V1");
  add_empty_metadata (builder);
  json_builder_set_member_name (builder, "source_range");
  json_builder_add_null_value (builder);
  add_item_lists (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, audio ? "Audio" : "Video");

  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint i = 0; i < clips->len; i++)
    {
      const RushesReelClip *clip = g_ptr_array_index (clips, i);
      Rate rate = clip_rate (clip, fallback);
      /* The next clip starts in_offset late, this one ends out_offset
       * early: the dissolve then plays this clip to its out point and
       * the next from its in point. */
      gint64 head = i > 0 ? cuts[i - 1].before_us : 0;
      gint64 tail = cuts[i].after_us;
      gint64 start = to_frames (spans[i].in_point + head, rate);
      gint64 end = to_frames (spans[i].out_point - tail, rate);

      if (audio && !clip->has_audio)
        add_gap (builder, end - start, rate);
      else
        add_clip (builder, clip, start, end - start, rate);

      if (i + 1 < clips->len && spans[i].overlap > 0)
        {
          const RushesReelClip *next = g_ptr_array_index (clips, i + 1);

          if (!audio || (clip->has_audio && next->has_audio))
            add_transition (builder, cuts[i].before, cuts[i].after, rate);
        }
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/**
 * rushes_otio_writer_build:
 * @clips: (element-type RushesReelClip): probed clips, in reel order
 *   (rushes_reel_clip_resolve_async())
 * @name: (nullable): the reel's name, for the timeline
 * @flags: whether a crossfade or out point that does not fit is refused
 *   or shortened, as for the render
 * @error: the layout's error (a clip no longer in the library, a
 *   crossfade that does not fit)
 *
 * The reel as an OpenTimelineIO timeline: one video track and one audio
 * track, each clip's source_range at its frame rate, a `file://`
 * reference to its library video, and where it came from (task id,
 * prompt, model, seed) under `metadata.rushes`.
 *
 * Returns: (transfer full) (nullable): the timeline
 */
JsonNode *
rushes_otio_writer_build (GPtrArray              *clips,
                          const char             *name,
                          RushesReelLayoutFlags   flags,
                          GError                **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree RushesReelSpan *spans = NULL;
  g_autofree Cut *cuts = NULL;
  g_autofree char *valid_name = NULL;
  Rate timeline_rate = { 30, 1 };

  g_return_val_if_fail (clips != NULL, NULL);

  if (!rushes_reel_clip_layout (clips, flags, &spans, NULL, error))
    return NULL;

  if (clips->len > 0)
    timeline_rate = clip_rate (g_ptr_array_index (clips, 0), timeline_rate);

  /* Each crossfade split in whole frames of its first clip */
  cuts = g_new0 (Cut, clips->len + 1);
  for (guint i = 0; i + 1 < clips->len; i++)
    {
      Rate rate = clip_rate (g_ptr_array_index (clips, i), timeline_rate);
      gint64 frames = to_frames (spans[i].overlap, rate);

      cuts[i].before = frames / 2;
      cuts[i].after = frames - cuts[i].before;
      cuts[i].before_us = cuts[i].before * rate.fps_d * G_TIME_SPAN_SECOND / rate.fps_n;
      cuts[i].after_us = spans[i].overlap - cuts[i].before_us;
    }

  valid_name = g_utf8_make_valid (name != NULL && name[0] != '\0' ? name : "Reel", -1);
  builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "OTIO_SCHEMA");
  json_builder_add_string_value (builder, "Timeline.1");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, valid_name);
  add_empty_metadata (builder);
  add_time (builder, "global_start_time", 0, timeline_rate);

  json_builder_set_member_name (builder, "tracks");
  begin_item (builder, "Stack.1", "tracks");
  add_empty_metadata (builder);
  json_builder_set_member_name (builder, "source_range");
  json_builder_add_null_value (builder);
  add_item_lists (builder);
  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  add_track (builder, clips, spans, cuts, timeline_rate, FALSE);
  add_track (builder, clips, spans, cuts, timeline_rate, TRUE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * rushes_otio_writer_write_async:
 * @destination: the `.otio` file; replaced if it exists (the file chooser
 *   asked)
 *
 * Writes rushes_otio_writer_build() to @destination, off the main thread,
 * through a temporary file renamed at the end.
 */
void
rushes_otio_writer_write_async (GPtrArray              *clips,
                                const char             *name,
                                RushesReelLayoutFlags   flags,
                                GFile                  *destination,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  char *text;

  g_return_if_fail (clips != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_otio_writer_write_async);

  root = rushes_otio_writer_build (clips, name, flags, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  text = rushes_json_to_string (root, TRUE);
  rushes_file_replace_for_task (destination, text, g_steal_pointer (&task));
}

gboolean
rushes_otio_writer_write_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_otio_writer_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
