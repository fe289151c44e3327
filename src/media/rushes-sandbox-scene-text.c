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

#define G_LOG_DOMAIN "rushes-sandbox-renderer"

#include "config.h"

#include <math.h>

#include <gst/app/app.h>

#include "rushes-sandbox-renderer-private.h"

/*
 * The scene without a start image: the prompt, word-wrapped and centred,
 * over a dark backdrop of drifting glows; the caption in a corner. The
 * prompt's layout and the overlays serve the image scene too.
 */

#define MAX_PROMPT_CHARS         220
#define BACKDROP_DIVISOR         4        /* painted at 1/4 size, upscaled smoothly */
#define FONT_FAMILIES            "Cantarell, Noto Sans, DejaVu Sans, Sans"

/* Painted on the background's streaming thread; owned by its appsrc. */
typedef struct
{
  guint   width;
  guint   height;
  double  aspect;
  guint   n_frames;
  guint   frame;
  double  phase;
  double *falloff_x;
  double *falloff_y;
} Backdrop;

/* Backdrop: the dark GNOME palette (Dark 4 fading to near-black), lit by
 * soft glows of Blue 5, Purple 5 and Blue 3 drifting on slow Lissajous
 * paths. Painted small; the upscaler keeps gradients smooth for free. */

typedef struct
{
  double r, g, b;
  double strength;
  double radius;
  double period_x, period_y;
  double amplitude_x, amplitude_y;
} Glow;

#define N_GLOWS 3

static const Glow glows[N_GLOWS] = {
  { 0x1a / 255., 0x5f / 255., 0xb4 / 255., 0.48, 0.52, 11.0, 13.0, 0.32, 0.26 },
  { 0x61 / 255., 0x35 / 255., 0x83 / 255., 0.62, 0.48, 13.0, 9.0, 0.30, 0.30 },
  { 0x35 / 255., 0x84 / 255., 0xe4 / 255., 0.22, 0.30, 7.0, 10.0, 0.36, 0.28 },
};

static void
backdrop_paint (Backdrop *self,
                double    t,
                guint8   *pixels,
                gsize     stride)
{
  static const double top[3] = { 0x24 / 255., 0x1f / 255., 0x31 / 255. };
  static const double bottom[3] = { 0x12 / 255., 0x10 / 255., 0x1a / 255. };
  double scale_x = MAX (self->aspect, 1.0);
  double scale_y = MAX (1.0 / self->aspect, 1.0);

  /* A gaussian glow is separable: exp(-(dx² + dy²)) = exp(-dx²) · exp(-dy²),
   * so a frame needs (width + height) exponentials per glow, not width × height. */
  for (guint i = 0; i < N_GLOWS; i++)
    {
      double phase = self->phase + i * 2.1;
      double center_x = 0.5 + glows[i].amplitude_x * sin (2 * G_PI * t / glows[i].period_x + phase);
      double center_y = 0.5 + glows[i].amplitude_y * cos (2 * G_PI * t / glows[i].period_y + phase * 0.7);
      double r2 = glows[i].radius * glows[i].radius;

      for (guint x = 0; x < self->width; x++)
        {
          double dx = ((x + 0.5) / self->width - center_x) * scale_x;
          self->falloff_x[i * self->width + x] = glows[i].strength * exp (-dx * dx / r2);
        }
      for (guint y = 0; y < self->height; y++)
        {
          double dy = ((y + 0.5) / self->height - center_y) * scale_y;
          self->falloff_y[i * self->height + y] = exp (-dy * dy / r2);
        }
    }

  for (guint y = 0; y < self->height; y++)
    {
      double v = (y + 0.5) / self->height;
      guint8 *row = pixels + y * stride;
      double base[3];

      for (guint c = 0; c < 3; c++)
        base[c] = top[c] + (bottom[c] - top[c]) * v;

      for (guint x = 0; x < self->width; x++)
        {
          double rgb[3] = { base[0], base[1], base[2] };

          for (guint i = 0; i < N_GLOWS; i++)
            {
              double f = self->falloff_x[i * self->width + x] * self->falloff_y[i * self->height + y];

              rgb[0] += glows[i].r * f;
              rgb[1] += glows[i].g * f;
              rgb[2] += glows[i].b * f;
            }

          for (guint c = 0; c < 3; c++)
            row[x * 4 + c] = (guint8) CLAMP (rgb[c] * 255.0 + 0.5, 0.0, 255.0);
          row[x * 4 + 3] = 0xff;
        }
    }
}

static void
backdrop_free (gpointer user_data)
{
  Backdrop *self = user_data;

  g_free (self->falloff_x);
  g_free (self->falloff_y);
  g_free (self);
}

static void
backdrop_need_data_cb (GstAppSrc *appsrc,
                       guint      length,
                       gpointer   user_data)
{
  Backdrop *self = user_data;
  GstBuffer *buffer;
  GstMapInfo map;
  gsize stride = self->width * 4;

  if (self->frame >= self->n_frames)
    {
      gst_app_src_end_of_stream (appsrc);
      return;
    }

  buffer = gst_buffer_new_allocate (NULL, stride * self->height, NULL);
  if (!gst_buffer_map (buffer, &map, GST_MAP_WRITE))
    {
      gst_buffer_unref (buffer);
      GST_ELEMENT_ERROR (appsrc, RESOURCE, FAILED, (NULL), ("cannot map a frame"));
      return;
    }
  backdrop_paint (self, (double) self->frame / RUSHES_SANDBOX_FPS, map.data, stride);
  gst_buffer_unmap (buffer, &map);

  _rushes_sandbox_push_frame (appsrc, buffer, &self->frame, self->n_frames);
}

GstElement *
_rushes_sandbox_add_backdrop (RushesSandboxJob  *data,
                              GstElement        *bin,
                              guint              n_frames,
                              GError           **error)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autofree char *output_caps = NULL;
  GstAppSrcCallbacks callbacks = { .need_data = backdrop_need_data_cb };
  GstElement *appsrc, *convert, *scale, *capsfilter;
  Backdrop *backdrop;

  if (!(appsrc = _rushes_sandbox_add_element (bin, "appsrc", error)) ||
      !(convert = _rushes_sandbox_add_element (bin, "videoconvert", error)) ||
      !(scale = _rushes_sandbox_add_element (bin, "videoscale", error)))
    return NULL;

  output_caps = g_strdup_printf ("video/x-raw,format=I420,width=%u,height=%u,"
                                 "framerate=30/1,pixel-aspect-ratio=1/1,colorimetry=bt709",
                                 data->width, data->height);
  if (!(capsfilter = _rushes_sandbox_add_capsfilter (bin, output_caps, error)))
    return NULL;

  backdrop = g_new0 (Backdrop, 1);
  backdrop->width = MAX (2, data->width / BACKDROP_DIVISOR);
  backdrop->height = MAX (2, data->height / BACKDROP_DIVISOR);
  backdrop->aspect = (double) data->width / data->height;
  backdrop->n_frames = n_frames;
  backdrop->phase = (g_str_hash (data->prompt) % 628) / 100.0;
  backdrop->falloff_x = g_new (double, N_GLOWS * backdrop->width);
  backdrop->falloff_y = g_new (double, N_GLOWS * backdrop->height);

  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, "RGBx",
                              "width", G_TYPE_INT, (int) backdrop->width,
                              "height", G_TYPE_INT, (int) backdrop->height,
                              "framerate", GST_TYPE_FRACTION, RUSHES_SANDBOX_FPS, 1,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  g_object_set (appsrc,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "max-buffers", (guint64) 4,
                NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc), &callbacks, backdrop, backdrop_free);
  /* Bilinear from a quarter size stays smooth and keeps the backdrop cheap. */
  gst_util_set_object_arg (G_OBJECT (scale), "method", "bilinear");

  if (!_rushes_sandbox_link_elements (error, appsrc, convert, scale, capsfilter, NULL))
    return NULL;

  return capsfilter;
}

/* Word-wraps the prompt for the frame: pango would only wrap at the frame's
 * edges, and a long prompt is shrunk, then shortened, to stay inside
 * @max_height. Returns escaped markup (textoverlay parses markup). */
char *
_rushes_sandbox_layout_prompt (const char *prompt,
                               guint       width,
                               guint       max_height,
                               guint       min_side,
                               guint      *font_px)
{
  g_autofree char *valid = g_utf8_make_valid (prompt, -1);
  g_auto(GStrv) words = g_strsplit_set (valid, " \t\n\r\f\v", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint n_chars = 0;
  gboolean shortened = FALSE;
  double px = min_side * 0.062;
  double min_px = MAX (12.0, min_side * 0.034);

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong len = g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;
      if (n_chars + len > MAX_PROMPT_CHARS)
        {
          shortened = TRUE;
          break;
        }
      g_ptr_array_add (kept, words[i]);
      n_chars += len + 1;
    }

  for (;;)
    {
      guint per_line = MAX (8, (guint) (width * 0.84 / (px * 0.58)));
      guint max_lines = MAX (1, (guint) (max_height / (px * 1.3)));
      g_autoptr(GString) line = g_string_new (NULL);
      guint line_chars = 0;

      g_ptr_array_set_size (lines, 0);

      for (guint i = 0; i < kept->len; i++)
        {
          const char *word = g_ptr_array_index (kept, i);
          glong len = g_utf8_strlen (word, -1);

          /* Words longer than a line are cut; the rest wrap whole. */
          while (len > 0)
            {
              glong take;

              if (line_chars > 0 && line_chars + 1 + MIN ((guint) len, per_line) > per_line)
                {
                  g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
                  line = g_string_new (NULL);
                  line_chars = 0;
                }

              take = MIN ((guint) len, per_line);
              if (line_chars > 0)
                {
                  g_string_append_c (line, ' ');
                  line_chars++;
                }
              g_string_append_len (line, word, g_utf8_offset_to_pointer (word, take) - word);
              line_chars += take;
              word = g_utf8_offset_to_pointer (word, take);
              len -= take;
            }
        }
      if (line_chars > 0)
        g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));

      if (lines->len <= max_lines)
        break;

      if (px > min_px)
        {
          px = MAX (min_px, px * 0.9);
          continue;
        }

      g_ptr_array_set_size (lines, max_lines);
      shortened = TRUE;
      break;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (lines, i));
    }
  if (shortened)
    g_string_append (text, "…");

  *font_px = (guint) px;

  return g_markup_escape_text (text->str, -1);
}

GstElement *
_rushes_sandbox_add_text_overlay (GstElement  *bin,
                                  const char  *markup,
                                  guint        font_px,
                                  const char  *weight,
                                  guint        color,
                                  int          halign,
                                  int          valign,
                                  guint        xpad,
                                  guint        ypad,
                                  GError     **error)
{
  g_autofree char *font = NULL;
  GstElement *overlay;

  if (!(overlay = _rushes_sandbox_add_element (bin, "textoverlay", error)))
    return NULL;

  font = g_strdup_printf (FONT_FAMILIES " %s %upx", weight, font_px);
  g_object_set (overlay,
                "text", markup,
                "font-desc", font,
                "auto-resize", FALSE,
                "draw-outline", FALSE,
                "draw-shadow", TRUE,
                "color", color,
                "xpad", xpad,
                "ypad", ypad,
                NULL);
  /* Enum properties by nick: the enum types are private to the plugin. */
  gst_util_set_object_arg (G_OBJECT (overlay), "halignment", halign == 0 ? "center" : "right");
  gst_util_set_object_arg (G_OBJECT (overlay), "valignment", valign == 0 ? "center" : "bottom");
  gst_util_set_object_arg (G_OBJECT (overlay), "line-alignment", halign == 0 ? "center" : "right");
  gst_util_set_object_arg (G_OBJECT (overlay), "wrap-mode", "wordchar");

  return overlay;
}

