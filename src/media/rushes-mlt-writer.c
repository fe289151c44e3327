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

#define G_LOG_DOMAIN "rushes-mlt-writer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rushes-file.h"
#include "rushes-mlt-writer.h"

/*
 * MLT XML, the project format of Shotcut (and the engine of Kdenlive,
 * which imports it as a clip), laid out as Shotcut writes its own, so that
 * Shotcut opens it as an editable timeline and `melt reel.mlt -consumer
 * avformat:out.mp4` renders the same cut as Rushes:
 *
 *   profile        the output frame and rate (the first clip's unless set)
 *   producer ×n    one per clip, the whole video
 *   tractor ×k     one per crossfade: the tail of a clip over the head of
 *                  the next, with luma (a dissolve: no wipe file) and mix
 *                  (the sound crossfade)
 *   playlist V1    the clips' solo parts and the crossfade tractors, end
 *                  to end; a crossfade overlaps its clips, as in the render
 *   playlist background  black and silence, the length of the reel
 *   tractor main   background under V1, mixed for sound so that a clip
 *                  without sound is silence, not a hole
 *
 * MLT fits each clip into the frame keeping its shape. Times are frames of
 * the profile's rate; in and out points are inclusive. Text goes through
 * g_markup_escape_text() once control characters (which XML 1.0 forbids
 * even as references) are dropped.
 */

#define MLT_VERSION "7.12.0"

typedef struct
{
  int fps_n;
  int fps_d;
} Rate;

static gint64
to_frames (gint64 microseconds,
           Rate   rate)
{
  return (gint64) ((microseconds * (double) rate.fps_n) / (rate.fps_d * (double) G_TIME_SPAN_SECOND) + 0.5);
}

/* Appends @text escaped for an attribute or element: valid UTF-8, no
 * control characters but tab and newline. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *escaped = NULL;
  GString *clean = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
          c == 0xfffe || c == 0xffff)
        continue;
      g_string_append_unichar (clean, c);
    }

  escaped = g_markup_escape_text (clean->str, clean->len);
  g_string_append (out, escaped);
  g_string_free (clean, TRUE);
}

static void
append_property (GString    *out,
                 const char *indent,
                 const char *name,
                 const char *value)
{
  g_string_append_printf (out, "%s<property name=\"", indent);
  append_escaped (out, name);
  g_string_append (out, "\">");
  append_escaped (out, value);
  g_string_append (out, "</property>\n");
}

static void
append_int_property (GString    *out,
                     const char *indent,
                     const char *name,
                     gint64      value)
{
  g_string_append_printf (out, "%s<property name=\"%s\">%" G_GINT64_FORMAT "</property>\n",
                          indent, name, value);
}

static int
gcd (int a,
     int b)
{
  while (b != 0)
    {
      int t = a % b;

      a = b;
      b = t;
    }
  return MAX (a, 1);
}

static gboolean
check_paths (GPtrArray  *clips,
             GError    **error)
{
  for (guint i = 0; i < clips->len; i++)
    {
      const RushesReelClip *clip = g_ptr_array_index (clips, i);
      const char *path = clip->file != NULL ? g_file_peek_path (clip->file) : NULL;

      /* Producers name local files, in UTF-8 like the rest of the XML. */
      if (clip->file != NULL && (path == NULL || !g_utf8_validate (path, -1, NULL)))
        {
          g_autofree char *uri = g_file_get_uri (clip->file);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("Clip %u (%s) cannot be named in an MLT project: not a local path in UTF-8"),
                       i + 1, uri);
          return FALSE;
        }
    }

  return TRUE;
}

static void
append_producer (GString              *out,
                 guint                 index,
                 const RushesReelClip *clip,
                 Rate                  rate)
{
  gint64 length = MAX (to_frames (clip->duration, rate), 1);
  const char *caption = clip->prompt != NULL && clip->prompt[0] != '\0' ? clip->prompt : clip->task_id;

  g_string_append_printf (out, "  <producer id=\"producer%u\" in=\"0\" out=\"%" G_GINT64_FORMAT "\">\n",
                          index, length - 1);
  append_int_property (out, "    ", "length", length);
  append_property (out, "    ", "eof", "pause");
  append_property (out, "    ", "resource", g_file_peek_path (clip->file));
  append_property (out, "    ", "mlt_service", "avformat");
  append_property (out, "    ", "seekable", "1");
  append_property (out, "    ", "shotcut:caption", caption);
  /* Where it came from, for whoever edits the cut */
  append_property (out, "    ", "rushes:task_id", clip->task_id);
  if (clip->prompt != NULL)
    append_property (out, "    ", "rushes:prompt", clip->prompt);
  if (clip->model != NULL)
    append_property (out, "    ", "rushes:model", clip->model);
  if (clip->seed != NULL)
    append_property (out, "    ", "rushes:seed", clip->seed);
  g_string_append (out, "  </producer>\n");
}

/* A crossfade: the last @frames of clip @index over the first of the next */
static void
append_crossfade (GString  *out,
                  guint     index,
                  gint64    tail_in,
                  gint64    head_in,
                  gint64    frames)
{
  g_string_append_printf (out, "  <tractor id=\"crossfade%u\" in=\"0\" out=\"%" G_GINT64_FORMAT "\">\n",
                          index, frames - 1);
  append_property (out, "    ", "shotcut:transition", "lumaMix");
  g_string_append_printf (out, "    <track producer=\"producer%u\" in=\"%" G_GINT64_FORMAT "\" out=\"%" G_GINT64_FORMAT "\"/>\n",
                          index, tail_in, tail_in + frames - 1);
  g_string_append_printf (out, "    <track producer=\"producer%u\" in=\"%" G_GINT64_FORMAT "\" out=\"%" G_GINT64_FORMAT "\"/>\n",
                          index + 1, head_in, head_in + frames - 1);

  g_string_append_printf (out, "    <transition id=\"crossfade%u-video\" out=\"%" G_GINT64_FORMAT "\">\n",
                          index, frames - 1);
  append_property (out, "      ", "a_track", "0");
  append_property (out, "      ", "b_track", "1");
  append_property (out, "      ", "factory", "loader");
  append_property (out, "      ", "mlt_service", "luma");
  g_string_append (out, "    </transition>\n");

  g_string_append_printf (out, "    <transition id=\"crossfade%u-audio\" out=\"%" G_GINT64_FORMAT "\">\n",
                          index, frames - 1);
  append_property (out, "      ", "a_track", "0");
  append_property (out, "      ", "b_track", "1");
  append_property (out, "      ", "start", "-1");
  append_property (out, "      ", "accepts_blanks", "1");
  append_property (out, "      ", "mlt_service", "mix");
  g_string_append (out, "    </transition>\n");
  g_string_append (out, "  </tractor>\n");
}

/**
 * rushes_mlt_writer_build:
 * @clips: (element-type RushesReelClip): probed clips, in reel order
 *   (rushes_reel_clip_resolve_async())
 * @name: (nullable): the reel's name, the project's title
 * @options: (nullable): the frame and rate, and whether a crossfade that
 *   does not fit is shortened, as for the render; format and encoder play
 *   no part
 * @error: the layout's error, or a clip without a local UTF-8 path
 *
 * The reel as an MLT XML project (see the top of this file).
 *
 * Returns: (transfer full) (nullable): the XML text
 */
char *
rushes_mlt_writer_build (GPtrArray                      *clips,
                         const char                     *name,
                         const RushesReelRenderOptions  *options,
                         GError                        **error)
{
  RushesReelLayoutFlags flags = RUSHES_REEL_LAYOUT_STRICT;
  g_autofree RushesReelSpan *spans = NULL;
  g_autoptr(GString) out = NULL;
  gint64 total_frames = 0;
  int width, height, divisor;
  Rate rate;

  g_return_val_if_fail (clips != NULL, NULL);

  if (options != NULL && (options->flags & RUSHES_REEL_RENDER_FLAGS_CLAMP) != 0)
    flags = RUSHES_REEL_LAYOUT_CLAMP;

  if (!rushes_reel_clip_layout (clips, flags, &spans, NULL, error) ||
      !check_paths (clips, error))
    return NULL;

  rushes_reel_renderer_get_frame (clips, options, &width, &height, &rate.fps_n, &rate.fps_d);
  divisor = gcd (width, height);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  g_string_append (out, "<mlt LC_NUMERIC=\"C\" version=\"" MLT_VERSION "\" title=\"");
  append_escaped (out, name != NULL && name[0] != '\0' ? name : "Reel");
  g_string_append (out, "\" producer=\"main_bin\">\n");
  g_string_append_printf (out, "  <profile description=\"%dx%d %.2f fps\" width=\"%d\" height=\"%d\" "
                          "progressive=\"1\" sample_aspect_num=\"1\" sample_aspect_den=\"1\" "
                          "display_aspect_num=\"%d\" display_aspect_den=\"%d\" "
                          "frame_rate_num=\"%d\" frame_rate_den=\"%d\" colorspace=\"709\"/>\n",
                          width, height, rate.fps_n / (double) rate.fps_d, width, height,
                          width / divisor, height / divisor, rate.fps_n, rate.fps_d);

  /* Clips */
  for (guint i = 0; i < clips->len; i++)
    append_producer (out, i, g_ptr_array_index (clips, i), rate);

  /* Shotcut's project bin */
  g_string_append (out, "  <playlist id=\"main_bin\">\n");
  append_property (out, "    ", "xml_retain", "1");
  g_string_append (out, "  </playlist>\n");

  /* Crossfades */
  for (guint i = 0; i + 1 < clips->len; i++)
    {
      gint64 frames = to_frames (spans[i].overlap, rate);

      if (frames > 0)
        append_crossfade (out, i, to_frames (spans[i].out_point, rate) - frames,
                          to_frames (spans[i + 1].in_point, rate), frames);
    }

  /* The cut */
  g_string_append (out, "  <playlist id=\"playlist0\">\n");
  append_property (out, "    ", "shotcut:video", "1");
  append_property (out, "    ", "shotcut:name", "V1");
  for (guint i = 0; i < clips->len; i++)
    {
      gint64 head = i > 0 ? to_frames (spans[i - 1].overlap, rate) : 0;
      gint64 tail = to_frames (spans[i].overlap, rate);
      gint64 in = to_frames (spans[i].in_point, rate) + head;
      gint64 out_point = to_frames (spans[i].out_point, rate) - tail;

      if (out_point > in)
        {
          g_string_append_printf (out, "    <entry producer=\"producer%u\" in=\"%" G_GINT64_FORMAT "\" out=\"%" G_GINT64_FORMAT "\"/>\n",
                                  i, in, out_point - 1);
          total_frames += out_point - in;
        }
      if (tail > 0)
        {
          g_string_append_printf (out, "    <entry producer=\"crossfade%u\" in=\"0\" out=\"%" G_GINT64_FORMAT "\"/>\n",
                                  i, tail - 1);
          total_frames += tail;
        }
    }
  g_string_append (out, "  </playlist>\n");

  /* Black and silence under it all */
  total_frames = MAX (total_frames, 1);
  g_string_append_printf (out, "  <producer id=\"black\" in=\"0\" out=\"%" G_GINT64_FORMAT "\">\n", total_frames - 1);
  append_int_property (out, "    ", "length", total_frames);
  append_property (out, "    ", "eof", "pause");
  append_property (out, "    ", "resource", "0");
  append_property (out, "    ", "aspect_ratio", "1");
  append_property (out, "    ", "mlt_service", "color");
  append_property (out, "    ", "mlt_image_format", "rgba");
  append_property (out, "    ", "set.test_audio", "0");
  g_string_append (out, "  </producer>\n");
  g_string_append (out, "  <playlist id=\"background\">\n");
  g_string_append_printf (out, "    <entry producer=\"black\" in=\"0\" out=\"%" G_GINT64_FORMAT "\"/>\n", total_frames - 1);
  g_string_append (out, "  </playlist>\n");

  g_string_append_printf (out, "  <tractor id=\"tractor0\" title=\"Rushes\" in=\"0\" out=\"%" G_GINT64_FORMAT "\">\n",
                          total_frames - 1);
  append_property (out, "    ", "shotcut", "1");
  g_string_append (out, "    <track producer=\"background\"/>\n");
  g_string_append (out, "    <track producer=\"playlist0\"/>\n");
  g_string_append (out, "    <transition id=\"transition0\">\n");
  append_property (out, "      ", "a_track", "0");
  append_property (out, "      ", "b_track", "1");
  append_property (out, "      ", "mlt_service", "mix");
  append_property (out, "      ", "always_active", "1");
  append_property (out, "      ", "sum", "1");
  g_string_append (out, "    </transition>\n");
  g_string_append (out, "  </tractor>\n");
  g_string_append (out, "</mlt>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rushes_mlt_writer_write_async:
 * @destination: the `.mlt` file; replaced if it exists (the file chooser
 *   asked)
 *
 * Writes rushes_mlt_writer_build() to @destination, off the main thread,
 * through a temporary file renamed at the end.
 */
void
rushes_mlt_writer_write_async (GPtrArray                      *clips,
                               const char                     *name,
                               const RushesReelRenderOptions  *options,
                               GFile                          *destination,
                               GCancellable                   *cancellable,
                               GAsyncReadyCallback             callback,
                               gpointer                        user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  char *text;

  g_return_if_fail (clips != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_mlt_writer_write_async);

  text = rushes_mlt_writer_build (clips, name, options, &error);
  if (text == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rushes_file_replace_for_task (destination, text, g_steal_pointer (&task));
}

gboolean
rushes_mlt_writer_write_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_mlt_writer_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
