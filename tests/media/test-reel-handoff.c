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

#define G_LOG_DOMAIN "test-reel-handoff"

#include "config.h"

#include <string.h>

#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-error.h"
#include "rushes-mlt-writer.h"
#include "rushes-otio-writer.h"
#include "rushes-reel-clip.h"
#include "rushes-test-async.h"

#define TIMEOUT_S 240
#define SECOND    G_TIME_SPAN_SECOND
#define TOLERANCE (300 * GST_MSECOND)

/* What a prompt may hold: markup, quotes, a control character, accents */
#define PROMPT "A lighthouse <at dawn> & \"waves\" — l'été\x01 crashing below"
#define PROMPT_CLEAN "A lighthouse <at dawn> & \"waves\" — l'été crashing below"
#define MODEL  "wiro/openai/sora-2"

/* The clips tests/media/meson.build makes: 4 s each at 30 fps; 16:9 and
 * 9:16 with sound, 1:1 without. */
static const char *clip_paths[3];
static const char *task_ids[3] = { "20260314-101500-aaaa", "20260314-101600-bbbb", "20260314-101700-cccc" };

static GPtrArray *
reel_clips (gint64 crossfade)
{
  GPtrArray *clips = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_reel_clip_free);

  for (guint i = 0; i < G_N_ELEMENTS (clip_paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (clip_paths[i]);
      g_autoptr(GError) error = NULL;
      RushesReelClip *clip = rushes_reel_clip_new (task_ids[i], file);

      g_assert_true (rushes_reel_clip_probe (clip, NULL, &error));
      g_assert_no_error (error);
      clip->prompt = g_strdup (PROMPT);
      clip->model = g_strdup (MODEL);
      clip->seed = i == 1 ? NULL : g_strdup_printf ("%u", 42 + i);
      if (crossfade > 0 && i + 1 < G_N_ELEMENTS (clip_paths))
        {
          clip->transition = RUSHES_REEL_TRANSITION_CROSSFADE;
          clip->transition_duration = crossfade;
        }
      g_ptr_array_add (clips, clip);
    }

  return clips;
}

static GFile *
output_file (const char *name)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "handoff", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return g_file_new_for_path (path);
}

/* OTIO reading helpers */

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_object_member (object, member);
}

static void
assert_schema (JsonObject *object,
               const char *schema)
{
  g_assert_cmpstr (json_object_get_string_member (object, "OTIO_SCHEMA"), ==, schema);
}

/* A RationalTime's value, checking its rate */
static gint64
frames (JsonObject *time,
        double      rate)
{
  assert_schema (time, "RationalTime.1");
  g_assert_cmpfloat (json_object_get_double_member (time, "rate"), ==, rate);
  return json_object_get_int_member (time, "value");
}

static JsonArray *
track_children (JsonObject *timeline,
                guint       index,
                const char *kind)
{
  JsonObject *stack = member_object (timeline, "tracks");
  JsonArray *tracks;
  JsonObject *track;

  assert_schema (stack, "Stack.1");
  tracks = json_object_get_array_member (stack, "children");
  g_assert_cmpuint (json_array_get_length (tracks), ==, 2);
  track = json_array_get_object_element (tracks, index);
  assert_schema (track, "Track.1");
  g_assert_cmpstr (json_object_get_string_member (track, "kind"), ==, kind);

  return json_object_get_array_member (track, "children");
}

/* Sums the items' durations: transitions take no time in OTIO */
static gint64
track_length (JsonArray *children)
{
  gint64 total = 0;

  for (guint i = 0; i < json_array_get_length (children); i++)
    {
      JsonObject *item = json_array_get_object_element (children, i);
      const char *schema = json_object_get_string_member (item, "OTIO_SCHEMA");

      if (g_str_equal (schema, "Transition.1"))
        continue;
      total += frames (member_object (member_object (item, "source_range"), "duration"), 30);
    }

  return total;
}

static void
assert_clip (JsonObject *clip,
             guint       index,
             gint64      start,
             gint64      duration)
{
  g_autoptr(GFile) video = g_file_new_for_path (clip_paths[index]);
  g_autofree char *uri = g_file_get_uri (video);
  JsonObject *range = member_object (clip, "source_range");
  JsonObject *reference = member_object (clip, "media_reference");
  JsonObject *rushes = member_object (member_object (clip, "metadata"), "rushes");

  assert_schema (clip, "Clip.1");
  assert_schema (range, "TimeRange.1");
  g_assert_cmpint (frames (member_object (range, "start_time"), 30), ==, start);
  g_assert_cmpint (frames (member_object (range, "duration"), 30), ==, duration);

  /* The library video itself */
  assert_schema (reference, "ExternalReference.1");
  g_assert_cmpstr (json_object_get_string_member (reference, "target_url"), ==, uri);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (reference, "target_url"), "file:///"));
  g_assert_cmpint (frames (member_object (member_object (reference, "available_range"), "duration"), 30), ==, 120);

  /* Where it came from */
  g_assert_cmpstr (json_object_get_string_member (rushes, "task_id"), ==, task_ids[index]);
  g_assert_cmpstr (json_object_get_string_member (rushes, "prompt"), ==, PROMPT);
  g_assert_cmpstr (json_object_get_string_member (rushes, "model"), ==, MODEL);
  if (index == 1)
    g_assert_true (json_object_get_null_member (rushes, "seed"));
  else
    g_assert_cmpint (atoi (json_object_get_string_member (rushes, "seed")), ==, 42 + index);
}

static JsonObject *
child (JsonArray  *children,
       guint       index,
       const char *schema)
{
  JsonObject *item = json_array_get_object_element (children, index);

  assert_schema (item, schema);
  return item;
}

/* Reads the file as an editor would: JSON, one Timeline */
static JsonNode *
read_otio (GFile *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, g_file_peek_path (file), &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
otio_cuts (void)
{
  g_autoptr(GPtrArray) clips = reel_clips (0);
  g_autoptr(GFile) output = output_file ("reel.otio");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *timeline;
  JsonArray *video, *audio;

  rushes_otio_writer_write_async (clips, "Lighthouse", RUSHES_REEL_LAYOUT_STRICT, output,
                                  NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_otio_writer_write_finish (rushes_test_await_for (TIMEOUT_S, &result), &error));
  g_assert_no_error (error);

  root = read_otio (output);
  timeline = json_node_get_object (root);
  assert_schema (timeline, "Timeline.1");
  g_assert_cmpstr (json_object_get_string_member (timeline, "name"), ==, "Lighthouse");
  g_assert_cmpint (frames (member_object (timeline, "global_start_time"), 30), ==, 0);

  /* Three 4 s clips pointing at the three library videos */
  video = track_children (timeline, 0, "Video");
  g_assert_cmpuint (json_array_get_length (video), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_clip (child (video, i, "Clip.1"), i, 0, 120);
  g_assert_cmpint (track_length (video), ==, 360);

  /* Sound: the square has none, a gap of its length stands in */
  audio = track_children (timeline, 1, "Audio");
  g_assert_cmpuint (json_array_get_length (audio), ==, 3);
  assert_clip (child (audio, 0, "Clip.1"), 0, 0, 120);
  assert_clip (child (audio, 1, "Clip.1"), 1, 0, 120);
  g_assert_cmpint (frames (member_object (member_object (child (audio, 2, "Gap.1"), "source_range"),
                                          "duration"), 30), ==, 120);
  g_assert_cmpint (track_length (audio), ==, 360);
}

/* Crossfades: the cut in the middle of each overlap, the dissolve reaching
 * over it, the timeline as long as the render (11 s). */
static void
otio_crossfades (void)
{
  g_autoptr(GPtrArray) clips = reel_clips (SECOND / 2);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *timeline, *transition;
  JsonArray *video, *audio;

  /* Trimmed, so that the ranges do not start at 0 */
  ((RushesReelClip *) g_ptr_array_index (clips, 1))->in_point = SECOND / 2;

  root = rushes_otio_writer_build (clips, NULL, RUSHES_REEL_LAYOUT_STRICT, &error);
  g_assert_no_error (error);
  timeline = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (timeline, "name"), ==, "Reel");

  video = track_children (timeline, 0, "Video");
  g_assert_cmpuint (json_array_get_length (video), ==, 5);
  /* 15 frames each: 7 before the cut, 8 after */
  assert_clip (child (video, 0, "Clip.1"), 0, 0, 120 - 8);
  transition = child (video, 1, "Transition.1");
  g_assert_cmpstr (json_object_get_string_member (transition, "transition_type"), ==, "SMPTE_Dissolve");
  g_assert_cmpint (frames (member_object (transition, "in_offset"), 30), ==, 7);
  g_assert_cmpint (frames (member_object (transition, "out_offset"), 30), ==, 8);
  assert_clip (child (video, 2, "Clip.1"), 1, 15 + 7, 105 - 7 - 8);
  child (video, 3, "Transition.1");
  assert_clip (child (video, 4, "Clip.1"), 2, 7, 120 - 7);
  /* 4 + 3.5 + 4 s, less two half-second crossfades */
  g_assert_cmpint (track_length (video), ==, 315);

  /* No dissolve into the clip without sound: its gap simply follows */
  audio = track_children (timeline, 1, "Audio");
  g_assert_cmpuint (json_array_get_length (audio), ==, 4);
  child (audio, 1, "Transition.1");
  child (audio, 3, "Gap.1");
  g_assert_cmpint (track_length (audio), ==, 315);
}

static void
handoff_refuses_gaps (void)
{
  g_autoptr(GPtrArray) clips = reel_clips (0);
  RushesReelClip *middle = g_ptr_array_index (clips, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *xml = NULL;

  /* Deleted from the library */
  g_clear_object (&middle->file);

  root = rushes_otio_writer_build (clips, NULL, RUSHES_REEL_LAYOUT_STRICT, &error);
  g_assert_null (root);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND);
  g_clear_error (&error);

  xml = rushes_mlt_writer_build (clips, NULL, NULL, &error);
  g_assert_null (xml);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND);
}

/* MLT */

typedef struct
{
  GHashTable *properties;   /* name of the last producer's property → text */
  char       *property;
  GString    *text;
  guint       producers;
  guint       transitions;
} MltScan;

static void
mlt_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  MltScan *scan = user_data;

  if (g_str_equal (element, "producer"))
    scan->producers++;
  else if (g_str_equal (element, "transition"))
    scan->transitions++;
  else if (g_str_equal (element, "property"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          scan->property = g_strdup (values[i]);
      g_string_truncate (scan->text, 0);
    }
}

static void
mlt_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  MltScan *scan = user_data;

  g_string_append_len (scan->text, text, length);
}

static void
mlt_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  MltScan *scan = user_data;

  if (g_str_equal (element, "property") && scan->property != NULL)
    g_hash_table_replace (scan->properties, g_steal_pointer (&scan->property), g_strdup (scan->text->str));
}

/* The file is well-formed XML: what melt, Shotcut and Kdenlive parse */
static void
scan_mlt (const char *xml,
          MltScan    *scan)
{
  static const GMarkupParser parser = { mlt_start_cb, mlt_end_cb, mlt_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  scan->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan->text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, scan, NULL);
  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
scan_clear (MltScan *scan)
{
  g_clear_pointer (&scan->properties, g_hash_table_unref);
  g_string_free (scan->text, TRUE);
  g_free (scan->property);
}

static void
mlt_escaping (void)
{
  g_autoptr(GPtrArray) clips = reel_clips (SECOND / 2);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  MltScan scan = { 0 };

  xml = rushes_mlt_writer_build (clips, "Reel <1> & \"2\"", NULL, &error);
  g_assert_no_error (error);
  scan_mlt (xml, &scan);

  /* Three clips and black; two crossfades of two transitions each, and
   * the main mix */
  g_assert_cmpuint (scan.producers, ==, 4);
  g_assert_cmpuint (scan.transitions, ==, 5);
  /* The prompt comes back as written, less the control character */
  g_assert_cmpstr (g_hash_table_lookup (scan.properties, "rushes:prompt"), ==, PROMPT_CLEAN);
  g_assert_cmpstr (g_hash_table_lookup (scan.properties, "rushes:model"), ==, MODEL);
  g_assert_cmpstr (g_hash_table_lookup (scan.properties, "shotcut"), ==, "1");
  g_assert_nonnull (strstr (xml, "frame_rate_num=\"30\""));
  g_assert_nonnull (strstr (xml, "width=\"1280\" height=\"720\""));
  g_assert_nonnull (strstr (xml, "title=\"Reel &lt;1&gt; &amp; &quot;2&quot;\""));
  scan_clear (&scan);
}

static GstClockTime
render_with_melt (const char                    *name,
                  GPtrArray                     *clips,
                  const RushesReelRenderOptions *options,
                  int                            width,
                  int                            height)
{
  g_autofree char *mlt_name = g_strconcat (name, ".mlt", NULL);
  g_autofree char *mp4_name = g_strconcat (name, ".mp4", NULL);
  g_autoptr(GFile) project = output_file (mlt_name);
  g_autoptr(GFile) output = output_file (mp4_name);
  g_autofree char *consumer = g_strconcat ("avformat:", g_file_peek_path (output), NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSubprocess) melt = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *uri = g_file_get_uri (output);
  g_autoptr(GError) error = NULL;
  GList *videos, *audios;
  GstClockTime duration;

  rushes_mlt_writer_write_async (clips, name, options, project, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_mlt_writer_write_finish (rushes_test_await_for (TIMEOUT_S, &result), &error));
  g_assert_no_error (error);

  /* As the issue has it: melt reel.mlt -consumer avformat:out.mp4 */
  melt = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           "melt", "-quiet", g_file_peek_path (project), "-consumer", consumer,
                           "vcodec=libx264", "acodec=aac", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (melt, NULL, &error);
  g_assert_no_error (error);

  discoverer = gst_discoverer_new (60 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);

  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (videos->data), ==, width);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (videos->data), ==, height);
  audios = gst_discoverer_info_get_audio_streams (info);
  g_assert_cmpuint (g_list_length (audios), ==, 1);
  gst_discoverer_stream_info_list_free (videos);
  gst_discoverer_stream_info_list_free (audios);

  duration = gst_discoverer_info_get_duration (info);
  g_test_message ("melt rendered %s: %" GST_TIME_FORMAT, name, GST_TIME_ARGS (duration));
  return duration;
}

static void
assert_about (GstClockTime found,
              GstClockTime expected)
{
  if (found + TOLERANCE < expected || found > expected + TOLERANCE)
    g_error ("melt's render lasts %" GST_TIME_FORMAT ", not %" GST_TIME_FORMAT,
             GST_TIME_ARGS (found), GST_TIME_ARGS (expected));
}

static void
mlt_melt (void)
{
  g_autofree char *melt = g_find_program_in_path ("melt");
  g_autoptr(GPtrArray) cuts = NULL;
  g_autoptr(GPtrArray) crossfades = NULL;
  RushesReelRenderOptions small = { RUSHES_REEL_FORMAT_MP4, 0, 320, 180, 0, 0, NULL };

  if (melt == NULL)
    {
      g_test_skip ("melt is not installed (Debian package melt)");
      return;
    }

  /* The acceptance reel: 12 s in the first clip's frame */
  cuts = reel_clips (0);
  assert_about (render_with_melt ("cuts", cuts, NULL, 1280, 720), 12 * GST_SECOND);

  /* Crossfades overlap, as in the render: 11 s (in a smaller frame, to
   * spare the shared machine) */
  crossfades = reel_clips (SECOND / 2);
  assert_about (render_with_melt ("crossfades", crossfades, &small, 320, 180), 11 * GST_SECOND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (NULL, NULL);
  gst_pb_utils_init ();

  g_assert_cmpint (argc, ==, 4);
  for (guint i = 0; i < 3; i++)
    clip_paths[i] = argv[i + 1];

  g_test_add_func ("/rushes/reel/otio/cuts", otio_cuts);
  g_test_add_func ("/rushes/reel/otio/crossfades", otio_crossfades);
  g_test_add_func ("/rushes/reel/handoff/refuses-gaps", handoff_refuses_gaps);
  g_test_add_func ("/rushes/reel/mlt/escaping", mlt_escaping);
  g_test_add_func ("/rushes/reel/mlt/melt", mlt_melt);

  return g_test_run ();
}
