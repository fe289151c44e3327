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
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/app/app.h>
#include <gst/controller/controller.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "rushes-core.h"
#include "rushes-sandbox-renderer.h"

/*
 * Two pipelines, both driven from the caller's main context through their
 * bus:
 *
 * decode (only with a start image, whose bytes are read with GIO first):
 *   appsrc (PNG/JPEG/WebP bytes) ! pngdec|jpegdec|webpdec ! videoconvert
 *     ! BGRA ! appsink
 *
 * render:
 *   appsrc (small drifting gradient) ! videoconvert ! videoscale
 *   or appsrc (Ken Burns: crops of the picture, scaled)
 *     ! textoverlay (prompt) ! textoverlay (caption) ! queue ! videoconvert
 *     ! openh264enc ! h264parse ! mp4mux ! filesink (temporary file)
 *   audiotestsrc ×6 (sines of a Cmaj9 chord, each swelling slowly)
 *     ! audiomixer ! volume (fades) ! audioconvert ! avenc_aac ! aacparse ! mp4mux
 *
 * The frames are painted in appsrc callbacks on their streaming thread, from
 * state that the appsrc owns and nothing else touches. The compositor is not
 * used for the Ken Burns effect: in 1.22 it only accepts inputs of the output
 * size, and a crop per frame of a larger picture stays sharp.
 */

#define FPS                      30
#define SAMPLE_RATE              48000
#define SAMPLES_PER_BUFFER       480      /* 10 ms, so the volume swells change smoothly */
#define PROGRESS_INTERVAL_MS     100
#define MAX_IMAGE_BYTES          (64 * 1024 * 1024)
#define MAX_PROMPT_CHARS         220
#define MIN_SIZE                 16
#define MAX_SIZE                 4096
#define MAX_DURATION             120
#define BACKDROP_DIVISOR         4        /* painted at 1/4 size, upscaled smoothly */
#define KEN_BURNS_ZOOM_NEAR      1.22     /* zoom over the picture that covers the frame */
#define KEN_BURNS_ZOOM_FAR       1.04
#define MASTER_VOLUME            0.30
#define FONT_FAMILIES            "Cantarell, Noto Sans, DejaVu Sans, Sans"
#define FILE_WRITTEN_MESSAGE     "rushes-sandbox-file-written"

typedef enum
{
  STAGE_LOAD,
  STAGE_DECODE,
  STAGE_RENDER,
} RenderStage;

typedef struct
{
  /* Request */
  char                      *prompt;
  GFile                     *image;
  GFile                     *output;
  guint                      width;
  guint                      height;
  guint                      duration;
  RushesSandboxProgressFunc  progress;
  gpointer                   progress_data;
  GDestroyNotify             progress_destroy;

  /* Owned */
  const char                *image_caps;
  const char                *image_decoder;
  GstSample                 *picture;
  GstElement                *pipeline;
  GSource                   *bus_source;
  GSource                   *progress_source;
  GSource                   *cancel_source;
  GFile                     *temp;
  GError                    *commit_error;

  /* Borrowed from the pipeline */
  GstElement                *appsink;
  GstElement                *mux;
  GstElement                *filesink;

  RenderStage                stage;
  double                     last_fraction;
  guint                      done : 1;
} RenderData;

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

/* Painted on the picture's streaming thread; owned by its appsrc. */
typedef struct
{
  GstBuffer    *picture;
  GstVideoInfo  picture_info;
  GstBuffer    *canvas;
  GstVideoInfo  canvas_info;
  GstVideoInfo  out_info;
  guint         n_frames;
  guint         frame;
  guint         scrim_height;
  double        zoom_from;
  double        zoom_to;
  double        fx_from;
  double        fx_to;
  double        fy_from;
  double        fy_to;
} KenBurns;

typedef struct
{
  const char *element;
  const char *package;
} ElementPackage;

static const ElementPackage element_packages[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "appsink", "gstreamer1.0-plugins-base" },
  { "audioconvert", "gstreamer1.0-plugins-base" },
  { "audiomixer", "gstreamer1.0-plugins-base" },
  { "audiotestsrc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "videoscale", "gstreamer1.0-plugins-base" },
  { "volume", "gstreamer1.0-plugins-base" },
  { "textoverlay", "gstreamer1.0-x" },
  { "aacparse", "gstreamer1.0-plugins-good" },
  { "jpegdec", "gstreamer1.0-plugins-good" },
  { "mp4mux", "gstreamer1.0-plugins-good" },
  { "pngdec", "gstreamer1.0-plugins-good" },
  { "h264parse", "gstreamer1.0-plugins-bad" },
  { "openh264enc", "gstreamer1.0-plugins-bad" },
  { "voaacenc", "gstreamer1.0-plugins-bad" },
  { "webpdec", "gstreamer1.0-plugins-bad" },
  { "x264enc", "gstreamer1.0-plugins-ugly" },
  { "avenc_aac", "gstreamer1.0-libav" },
  { "capsfilter", "libgstreamer1.0-0" },
  { "filesink", "libgstreamer1.0-0" },
  { "queue", "libgstreamer1.0-0" },
};

/* The first of each list is the one named when none is installed. */
static const char * const h264_encoders[] = { "openh264enc", "x264enc", NULL };
static const char * const aac_encoders[] = { "avenc_aac", "voaacenc", NULL };

static void
render_data_stop_pipeline (RenderData *data)
{
  if (data->bus_source != NULL)
    {
      g_source_destroy (data->bus_source);
      g_clear_pointer (&data->bus_source, g_source_unref);
    }

  data->appsink = NULL;
  data->mux = NULL;
  data->filesink = NULL;

  if (data->pipeline != NULL)
    {
      gst_element_set_state (data->pipeline, GST_STATE_NULL);
      gst_clear_object (&data->pipeline);
    }
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
render_data_free (RenderData *data)
{
  render_data_stop_pipeline (data);
  clear_source (&data->progress_source);
  clear_source (&data->cancel_source);

  if (data->temp != NULL)
    g_unlink (g_file_peek_path (data->temp));

  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);

  g_clear_object (&data->temp);
  g_clear_error (&data->commit_error);
  g_clear_pointer (&data->picture, gst_sample_unref);
  g_clear_object (&data->image);
  g_clear_object (&data->output);
  g_clear_pointer (&data->prompt, g_free);
  g_free (data);
}

static const char *
package_for_element (const char *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_packages); i++)
    {
      if (g_str_equal (element_packages[i].element, element))
        return element_packages[i].package;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
set_missing_element_error (GError     **error,
                           const char  *element)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("The GStreamer element %s (%s) is not installed"),
               element, package_for_element (element));
}

static GstElement *
add_element (GstElement  *bin,
             const char  *factory,
             GError     **error)
{
  GstElement *element;

  element = gst_element_factory_make (factory, NULL);
  if (element == NULL)
    {
      set_missing_element_error (error, factory);
      return NULL;
    }

  gst_bin_add (GST_BIN (bin), element);

  return element;
}

static GstElement *
add_first_available (GstElement         *bin,
                     const char * const *factories,
                     GError            **error)
{
  for (guint i = 0; factories[i] != NULL; i++)
    {
      GstElement *element = gst_element_factory_make (factories[i], NULL);

      if (element != NULL)
        {
          gst_bin_add (GST_BIN (bin), element);
          return element;
        }
    }

  set_missing_element_error (error, factories[0]);

  return NULL;
}

static GstElement *
add_capsfilter (GstElement  *bin,
                const char  *caps_string,
                GError     **error)
{
  g_autoptr(GstCaps) caps = NULL;
  GstElement *capsfilter;

  if (!(capsfilter = add_element (bin, "capsfilter", error)))
    return NULL;

  caps = gst_caps_from_string (caps_string);
  g_assert (caps != NULL);
  g_object_set (capsfilter, "caps", caps, NULL);

  return capsfilter;
}

static gboolean
link_elements (GError **error,
               GstElement *first,
               ...) G_GNUC_NULL_TERMINATED;

static gboolean
link_elements (GError     **error,
               GstElement  *first,
               ...)
{
  GstElement *previous = first;
  GstElement *next;
  va_list args;
  gboolean linked = TRUE;

  va_start (args, first);
  while (linked && (next = va_arg (args, GstElement *)) != NULL)
    {
      if (!gst_element_link (previous, next))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not connect %s to %s"),
                       GST_OBJECT_NAME (previous), GST_OBJECT_NAME (next));
          linked = FALSE;
        }
      previous = next;
    }
  va_end (args);

  return linked;
}

static double
smoothstep (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

static GstClockTime
frame_time (guint frame)
{
  return gst_util_uint64_scale (frame, GST_SECOND, FPS);
}

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
  backdrop_paint (self, (double) self->frame / FPS, map.data, stride);
  gst_buffer_unmap (buffer, &map);

  GST_BUFFER_PTS (buffer) = frame_time (self->frame);
  GST_BUFFER_DURATION (buffer) = frame_time (self->frame + 1) - frame_time (self->frame);
  self->frame++;

  gst_app_src_push_buffer (appsrc, buffer);

  if (self->frame == self->n_frames)
    gst_app_src_end_of_stream (appsrc);
}

/* Word-wraps the prompt for the frame: pango would only wrap at the frame's
 * edges, and a long prompt is shrunk, then shortened, to stay inside
 * @max_height. Returns escaped markup (textoverlay parses markup). */
static char *
layout_prompt (const char *prompt,
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

static GstElement *
add_text_overlay (GstElement  *bin,
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

  if (!(overlay = add_element (bin, "textoverlay", error)))
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

static void
ken_burns_free (gpointer user_data)
{
  KenBurns *self = user_data;

  gst_clear_buffer (&self->picture);
  gst_clear_buffer (&self->canvas);
  g_free (self);
}

/* The picture, flattened over Dark 4 where it is transparent, scaled once
 * (with a good filter) to cover the frame at the closest zoom: each frame
 * is then a crop of it, scaled down a little with a cheap filter. */
static gboolean
ken_burns_prepare (KenBurns *self)
{
  static const guint8 background[3] = { 0x31, 0x1f, 0x24 };  /* B, G, R */
  g_autoptr(GstBuffer) flat = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&self->picture_info), NULL);
  GstVideoFrame picture, flattened, canvas;
  GstVideoConverter *converter;
  guint width = GST_VIDEO_INFO_WIDTH (&self->picture_info);
  guint height = GST_VIDEO_INFO_HEIGHT (&self->picture_info);

  if (!gst_video_frame_map (&picture, &self->picture_info, self->picture, GST_MAP_READ))
    return FALSE;
  if (!gst_video_frame_map (&flattened, &self->picture_info, flat, GST_MAP_WRITE))
    {
      gst_video_frame_unmap (&picture);
      return FALSE;
    }
  for (guint y = 0; y < height; y++)
    {
      const guint8 *in = (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&picture, 0) +
                         y * GST_VIDEO_FRAME_PLANE_STRIDE (&picture, 0);
      guint8 *out = (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&flattened, 0) +
                    y * GST_VIDEO_FRAME_PLANE_STRIDE (&flattened, 0);

      for (guint x = 0; x < width; x++)
        {
          guint alpha = in[x * 4 + 3];

          for (guint c = 0; c < 3; c++)
            out[x * 4 + c] = (in[x * 4 + c] * alpha + background[c] * (255 - alpha) + 127) / 255;
          out[x * 4 + 3] = 0xff;
        }
    }
  gst_video_frame_unmap (&picture);

  self->canvas = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&self->canvas_info), NULL);
  if (!gst_video_frame_map (&canvas, &self->canvas_info, self->canvas, GST_MAP_WRITE))
    {
      gst_video_frame_unmap (&flattened);
      return FALSE;
    }
  converter = gst_video_converter_new (&self->picture_info, &self->canvas_info, NULL);
  gst_video_converter_frame (converter, &flattened, &canvas);
  gst_video_converter_free (converter);
  gst_video_frame_unmap (&canvas);
  gst_video_frame_unmap (&flattened);

  /* Only the canvas is needed from now on. */
  gst_clear_buffer (&self->picture);

  return TRUE;
}

/* Darkens the lower part of the frame towards black, so the prompt stays
 * readable over any picture. In YUV, "over black" scales Y towards 16 and
 * U, V towards 128. */
static void
ken_burns_add_scrim (const KenBurns *self,
                     GstVideoFrame  *frame)
{
  guint height = GST_VIDEO_FRAME_HEIGHT (frame);
  guint top = height - self->scrim_height;

  for (guint plane = 0; plane < 3; plane++)
    {
      guint8 *data = GST_VIDEO_FRAME_PLANE_DATA (frame, plane);
      int stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, plane);
      guint plane_width = GST_VIDEO_FRAME_COMP_WIDTH (frame, plane);
      guint plane_height = GST_VIDEO_FRAME_COMP_HEIGHT (frame, plane);
      guint sub = height / plane_height;
      int floor_value = plane == 0 ? 16 : 128;

      for (guint y = top / sub; y < plane_height; y++)
        {
          double position = ((y * sub + 0.5) - top) / self->scrim_height;
          int keep = (int) (256 * (1.0 - 0.78 * smoothstep (position / 0.6)));
          guint8 *row = data + y * stride;

          for (guint x = 0; x < plane_width; x++)
            row[x] = (guint8) (floor_value + (((int) row[x] - floor_value) * keep) / 256);
        }
    }
}

static void
ken_burns_paint (const KenBurns *self,
                 guint           index,
                 GstVideoFrame  *frame)
{
  double t = self->n_frames > 1 ? (double) index / (self->n_frames - 1) : 0.0;
  /* Half linear, half eased: it never stands still, nor jerks. */
  double e = 0.5 * t + 0.5 * smoothstep (t);
  double zoom = self->zoom_from + (self->zoom_to - self->zoom_from) * e;
  double fx = self->fx_from + (self->fx_to - self->fx_from) * e;
  double fy = self->fy_from + (self->fy_to - self->fy_from) * e;
  int canvas_width = GST_VIDEO_INFO_WIDTH (&self->canvas_info);
  int canvas_height = GST_VIDEO_INFO_HEIGHT (&self->canvas_info);
  int crop_width = MIN (canvas_width, (int) round (GST_VIDEO_INFO_WIDTH (&self->out_info) * KEN_BURNS_ZOOM_NEAR / zoom));
  int crop_height = MIN (canvas_height, (int) round (GST_VIDEO_INFO_HEIGHT (&self->out_info) * KEN_BURNS_ZOOM_NEAR / zoom));
  int crop_x = (int) round ((canvas_width - crop_width) * fx);
  int crop_y = (int) round ((canvas_height - crop_height) * fy);
  GstVideoFrame canvas;
  GstVideoConverter *converter;

  if (!gst_video_frame_map (&canvas, &self->canvas_info, self->canvas, GST_MAP_READ))
    return;

  converter = gst_video_converter_new (&self->canvas_info, &self->out_info,
                                       gst_structure_new ("GstVideoConverter",
                                                          GST_VIDEO_CONVERTER_OPT_SRC_X, G_TYPE_INT, crop_x,
                                                          GST_VIDEO_CONVERTER_OPT_SRC_Y, G_TYPE_INT, crop_y,
                                                          GST_VIDEO_CONVERTER_OPT_SRC_WIDTH, G_TYPE_INT, crop_width,
                                                          GST_VIDEO_CONVERTER_OPT_SRC_HEIGHT, G_TYPE_INT, crop_height,
                                                          GST_VIDEO_CONVERTER_OPT_RESAMPLER_METHOD,
                                                          GST_TYPE_VIDEO_RESAMPLER_METHOD,
                                                          GST_VIDEO_RESAMPLER_METHOD_LINEAR,
                                                          NULL));
  gst_video_converter_frame (converter, &canvas, frame);
  gst_video_converter_free (converter);
  gst_video_frame_unmap (&canvas);

  ken_burns_add_scrim (self, frame);
}

static void
ken_burns_need_data_cb (GstAppSrc *appsrc,
                        guint      length,
                        gpointer   user_data)
{
  KenBurns *self = user_data;
  GstBuffer *buffer;
  GstVideoFrame frame;

  if (self->frame >= self->n_frames)
    {
      gst_app_src_end_of_stream (appsrc);
      return;
    }

  if (self->canvas == NULL && !ken_burns_prepare (self))
    {
      GST_ELEMENT_ERROR (appsrc, RESOURCE, FAILED, (NULL), ("cannot map the picture"));
      return;
    }

  buffer = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&self->out_info), NULL);
  if (!gst_video_frame_map (&frame, &self->out_info, buffer, GST_MAP_WRITE))
    {
      gst_buffer_unref (buffer);
      GST_ELEMENT_ERROR (appsrc, RESOURCE, FAILED, (NULL), ("cannot map a frame"));
      return;
    }
  ken_burns_paint (self, self->frame, &frame);
  gst_video_frame_unmap (&frame);

  GST_BUFFER_PTS (buffer) = frame_time (self->frame);
  GST_BUFFER_DURATION (buffer) = frame_time (self->frame + 1) - frame_time (self->frame);
  self->frame++;

  gst_app_src_push_buffer (appsrc, buffer);

  if (self->frame == self->n_frames)
    gst_app_src_end_of_stream (appsrc);
}

/* Ken Burns over the start image. The direction comes from the prompt, so
 * the same request always renders the same clip. */
static GstElement *
add_ken_burns_background (RenderData  *data,
                          GstElement  *bin,
                          guint        n_frames,
                          guint        scrim_height,
                          GError     **error)
{
  g_autoptr(GstCaps) caps = NULL;
  GstAppSrcCallbacks callbacks = { .need_data = ken_burns_need_data_cb };
  GstElement *appsrc;
  KenBurns *self;
  guint seed = g_str_hash (data->prompt);
  double cover, mid_zoom, room_x, room_y, pan_x, pan_y;

  if (!(appsrc = add_element (bin, "appsrc", error)))
    return NULL;

  self = g_new0 (KenBurns, 1);
  if (!gst_video_info_from_caps (&self->picture_info, gst_sample_get_caps (data->picture)) ||
      GST_VIDEO_INFO_FORMAT (&self->picture_info) != GST_VIDEO_FORMAT_BGRA)
    {
      g_autofree char *name = g_file_get_parse_name (data->image);

      ken_burns_free (self);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Could not decode the image “%s”"), name);
      return NULL;
    }
  self->picture = gst_buffer_ref (gst_sample_get_buffer (data->picture));

  cover = MAX ((double) data->width / GST_VIDEO_INFO_WIDTH (&self->picture_info),
               (double) data->height / GST_VIDEO_INFO_HEIGHT (&self->picture_info));
  gst_video_info_set_format (&self->canvas_info, GST_VIDEO_FORMAT_I420,
                             MAX (data->width, (guint) ceil (GST_VIDEO_INFO_WIDTH (&self->picture_info) * cover * KEN_BURNS_ZOOM_NEAR)),
                             MAX (data->height, (guint) ceil (GST_VIDEO_INFO_HEIGHT (&self->picture_info) * cover * KEN_BURNS_ZOOM_NEAR)));
  gst_video_colorimetry_from_string (&self->canvas_info.colorimetry, GST_VIDEO_COLORIMETRY_BT709);
  gst_video_info_set_format (&self->out_info, GST_VIDEO_FORMAT_I420, data->width, data->height);
  /* Like the backdrop, whatever the size: players assume BT.709 for H.264 previews. */
  gst_video_colorimetry_from_string (&self->out_info.colorimetry, GST_VIDEO_COLORIMETRY_BT709);
  self->n_frames = n_frames;
  self->scrim_height = scrim_height;
  self->zoom_from = (seed & 2) ? KEN_BURNS_ZOOM_NEAR : KEN_BURNS_ZOOM_FAR;
  self->zoom_to = (seed & 2) ? KEN_BURNS_ZOOM_FAR : KEN_BURNS_ZOOM_NEAR;

  /* Pan across at most half the room there is, and slowly: about 5% of the
   * frame width per second (3% of its height), whatever the picture's shape. */
  mid_zoom = (KEN_BURNS_ZOOM_NEAR + KEN_BURNS_ZOOM_FAR) / 2;
  room_x = MAX (1.0, GST_VIDEO_INFO_WIDTH (&self->canvas_info) - data->width * KEN_BURNS_ZOOM_NEAR / mid_zoom);
  room_y = MAX (1.0, GST_VIDEO_INFO_HEIGHT (&self->canvas_info) - data->height * KEN_BURNS_ZOOM_NEAR / mid_zoom);
  pan_x = MIN (0.5, 0.05 * data->width * data->duration / room_x);
  pan_y = MIN (0.3, 0.03 * data->height * data->duration / room_y);
  self->fx_from = (seed & 1) ? 0.5 + pan_x / 2 : 0.5 - pan_x / 2;
  self->fx_to = 1.0 - self->fx_from;
  self->fy_from = (seed & 4) ? 0.5 + pan_y / 2 : 0.5 - pan_y / 2;
  self->fy_to = 1.0 - self->fy_from;

  /* The converter wants the same frame rate on both sides: only the caps have it. */
  caps = gst_video_info_to_caps (&self->out_info);
  gst_caps_set_simple (caps, "framerate", GST_TYPE_FRACTION, FPS, 1, NULL);
  g_object_set (appsrc,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "max-buffers", (guint64) 4,
                NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc), &callbacks, self, ken_burns_free);

  return appsrc;
}

static GstElement *
add_backdrop_background (RenderData  *data,
                         GstElement  *bin,
                         guint        n_frames,
                         GError     **error)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autofree char *output_caps = NULL;
  GstAppSrcCallbacks callbacks = { .need_data = backdrop_need_data_cb };
  GstElement *appsrc, *convert, *scale, *capsfilter;
  Backdrop *backdrop;

  if (!(appsrc = add_element (bin, "appsrc", error)) ||
      !(convert = add_element (bin, "videoconvert", error)) ||
      !(scale = add_element (bin, "videoscale", error)))
    return NULL;

  output_caps = g_strdup_printf ("video/x-raw,format=I420,width=%u,height=%u,"
                                 "framerate=30/1,pixel-aspect-ratio=1/1,colorimetry=bt709",
                                 data->width, data->height);
  if (!(capsfilter = add_capsfilter (bin, output_caps, error)))
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
                              "framerate", GST_TYPE_FRACTION, FPS, 1,
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

  if (!link_elements (error, appsrc, convert, scale, capsfilter, NULL))
    return NULL;

  return capsfilter;
}

static GstElement *
add_video_encoder (RenderData  *data,
                   GstElement  *bin,
                   GError     **error)
{
  /* A preview: ~2.2 Mb/s at 720p, scaled with the picture area. */
  guint bitrate = (guint) CLAMP ((double) data->width * data->height * FPS * 0.08, 400000.0, 8000000.0);
  GstElement *encoder;

  if (!(encoder = add_first_available (bin, h264_encoders, error)))
    return NULL;

  if (g_str_equal (GST_OBJECT_NAME (gst_element_get_factory (encoder)), "openh264enc"))
    {
      g_object_set (encoder,
                    "bitrate", bitrate,
                    "gop-size", (guint) (2 * FPS),
                    NULL);
      gst_util_set_object_arg (G_OBJECT (encoder), "rate-control", "bitrate");
      gst_util_set_object_arg (G_OBJECT (encoder), "complexity", "low");
    }
  else
    {
      g_object_set (encoder,
                    "bitrate", bitrate / 1000,
                    "key-int-max", (guint) (2 * FPS),
                    NULL);
      gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "veryfast");
    }

  return encoder;
}

/* A soft Cmaj9 pad: sines, each swelling on its own slow cycle, with a
 * detuned root for a gentle chorus; faded in and out, kept quiet. */
static gboolean
add_audio (RenderData  *data,
           GstElement  *bin,
           GstElement  *mux,
           GError     **error)
{
  static const struct
  {
    double freq;
    double level;
    double swell_hz;
  } voices[] = {
    { 130.81, 0.30, 0.11 },  /* C3 */
    { 131.37, 0.16, 0.07 },  /* C3, detuned */
    { 196.00, 0.22, 0.09 },  /* G3 */
    { 329.63, 0.13, 0.13 },  /* E4 */
    { 493.88, 0.08, 0.17 },  /* B4 */
    { 587.33, 0.05, 0.05 },  /* D5 */
  };
  g_autoptr(GstControlSource) fade = NULL;
  GstClockTime total = data->duration * GST_SECOND;
  GstClockTime fade_time = MIN (3 * GST_SECOND / 2, total / 3);
  GstElement *mixer, *volume, *convert, *stereo, *encoder, *parse;
  guint n_buffers = data->duration * (SAMPLE_RATE / SAMPLES_PER_BUFFER);

  if (!(mixer = add_element (bin, "audiomixer", error)) ||
      !(volume = add_element (bin, "volume", error)) ||
      !(convert = add_element (bin, "audioconvert", error)) ||
      !(stereo = add_capsfilter (bin, "audio/x-raw,channels=2,rate=48000", error)) ||
      !(encoder = add_first_available (bin, aac_encoders, error)) ||
      !(parse = add_element (bin, "aacparse", error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    {
      g_autoptr(GstControlSource) swell = gst_lfo_control_source_new ();
      GstElement *source, *caps;

      if (!(source = add_element (bin, "audiotestsrc", error)) ||
          !(caps = add_capsfilter (bin, "audio/x-raw,format=F32LE,layout=interleaved,"
                                        "rate=48000,channels=1", error)))
        return FALSE;

      g_object_set (source,
                    "freq", voices[i].freq,
                    "volume", voices[i].level,
                    "samplesperbuffer", SAMPLES_PER_BUFFER,
                    "num-buffers", (int) n_buffers,
                    NULL);
      gst_util_set_object_arg (G_OBJECT (source), "wave", "sine");

      g_object_set (swell,
                    "waveform", GST_LFO_WAVEFORM_SINE,
                    "frequency", voices[i].swell_hz,
                    "timeshift", (GstClockTime) (i * GST_SECOND * 7 / 5),
                    "amplitude", voices[i].level * 0.3,
                    "offset", voices[i].level * 0.7,
                    NULL);
      gst_object_add_control_binding (GST_OBJECT (source),
                                      gst_direct_control_binding_new_absolute (GST_OBJECT (source),
                                                                               "volume", swell));

      if (!link_elements (error, source, caps, mixer, NULL))
        return FALSE;
    }

  fade = gst_interpolation_control_source_new ();
  g_object_set (fade, "mode", GST_INTERPOLATION_MODE_CUBIC_MONOTONIC, NULL);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), 0, 0.0);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), fade_time, MASTER_VOLUME);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), total - fade_time, MASTER_VOLUME);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), total, 0.0);
  gst_object_add_control_binding (GST_OBJECT (volume),
                                  gst_direct_control_binding_new_absolute (GST_OBJECT (volume),
                                                                           "volume", fade));

  g_object_set (encoder, "bitrate", 128000, NULL);

  return link_elements (error, mixer, volume, convert, stereo, encoder, parse, mux, NULL);
}

/* The pipeline's own EOS can be lost when it races the last state change
 * of a short pipeline; the sink seeing EOS means the file is complete. */
static GstPadProbeReturn
file_written_probe_cb (GstPad          *pad,
                       GstPadProbeInfo *info,
                       gpointer         user_data)
{
  GstElement *sink = user_data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    gst_element_post_message (sink,
                              gst_message_new_application (GST_OBJECT (sink),
                                                           gst_structure_new_empty (FILE_WRITTEN_MESSAGE)));

  return GST_PAD_PROBE_OK;
}

static GstElement *
build_render_pipeline (RenderData  *data,
                       GError     **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("sandbox-render");
  g_autofree char *prompt_markup = NULL;
  g_autofree char *caption_markup = NULL;
  g_autoptr(GstPad) sink_pad = NULL;
  GstElement *background, *prompt, *caption, *queue, *convert, *encoder, *parse, *mux, *sink;
  guint n_frames = data->duration * FPS;
  guint min_side = MIN (data->width, data->height);
  guint margin = (guint) (min_side * 0.035);
  guint caption_px = MAX (11, (guint) (min_side * 0.026));
  guint prompt_px;
  gboolean has_image = data->picture != NULL;
  guint scrim_height = data->height * 45 / 100;

  if (has_image)
    {
      /* Over a picture the prompt sits in the lower third, above the caption. */
      prompt_markup = layout_prompt (data->prompt, data->width,
                                     scrim_height - 2 * margin - 2 * caption_px,
                                     min_side, &prompt_px);
      background = add_ken_burns_background (data, pipeline, n_frames, scrim_height, error);
    }
  else
    {
      prompt_markup = layout_prompt (data->prompt, data->width,
                                     data->height * 62 / 100, min_side, &prompt_px);
      background = add_backdrop_background (data, pipeline, n_frames, error);
    }
  if (background == NULL)
    return NULL;

  caption_markup = g_markup_escape_text (_("Rushes Sandbox · offline preview"), -1);

  if (!(prompt = add_text_overlay (pipeline, prompt_markup, prompt_px, "Bold",
                                   0xfff6f5f4, 0, has_image ? 1 : 0,
                                   margin, has_image ? margin + 2 * caption_px : 0,
                                   error)) ||
      !(caption = add_text_overlay (pipeline, caption_markup, caption_px, "Medium",
                                    0xb3ffffff, 1, 1, margin, margin, error)) ||
      !(queue = add_element (pipeline, "queue", error)) ||
      !(convert = add_element (pipeline, "videoconvert", error)) ||
      !(encoder = add_video_encoder (data, pipeline, error)) ||
      !(parse = add_element (pipeline, "h264parse", error)) ||
      !(mux = add_element (pipeline, "mp4mux", error)) ||
      !(sink = add_element (pipeline, "filesink", error)))
    return NULL;

  /* Painting and encoding each get a thread (and a core, on two). */
  g_object_set (queue,
                "max-size-buffers", 8u,
                "max-size-bytes", 0u,
                "max-size-time", (guint64) 0,
                NULL);

  if (!link_elements (error, background, prompt, caption, queue, convert, encoder, parse, mux, sink, NULL))
    return NULL;

  if (!add_audio (data, pipeline, mux, error))
    return NULL;

  sink_pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sink_pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     file_written_probe_cb, sink, NULL);

  data->mux = mux;
  data->filesink = sink;

  return g_steal_pointer (&pipeline);
}

/* The encoded picture as a single buffer, pushed from the callback rather
 * than before the pipeline starts, so that it follows the segment. */
static void
push_once_need_data_cb (GstAppSrc *appsrc,
                        guint      length,
                        gpointer   user_data)
{
  GstBuffer **buffer = user_data;

  if (*buffer != NULL)
    gst_app_src_push_buffer (appsrc, g_steal_pointer (buffer));
  gst_app_src_end_of_stream (appsrc);
}

static void
push_once_free (gpointer user_data)
{
  GstBuffer **buffer = user_data;

  gst_clear_buffer (buffer);
  g_free (buffer);
}

static GstElement *
build_decode_pipeline (RenderData  *data,
                       GBytes      *bytes,
                       GError     **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("sandbox-decode");
  g_autoptr(GstCaps) caps = gst_caps_new_empty_simple (data->image_caps);
  GstAppSrcCallbacks callbacks = { .need_data = push_once_need_data_cb };
  GstBuffer **once;
  GstElement *appsrc, *decoder, *convert, *capsfilter, *appsink;

  if (!(appsrc = add_element (pipeline, "appsrc", error)) ||
      !(decoder = add_element (pipeline, data->image_decoder, error)) ||
      !(convert = add_element (pipeline, "videoconvert", error)) ||
      !(capsfilter = add_capsfilter (pipeline, "video/x-raw,format=BGRA", error)) ||
      !(appsink = add_element (pipeline, "appsink", error)))
    return NULL;

  g_object_set (appsrc, "caps", caps, NULL);
  g_object_set (appsink, "sync", FALSE, "max-buffers", 2u, NULL);

  if (!link_elements (error, appsrc, decoder, convert, capsfilter, appsink, NULL))
    return NULL;

  once = g_new0 (GstBuffer *, 1);
  *once = gst_buffer_new_wrapped_bytes (bytes);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc), &callbacks, once, push_once_free);

  data->appsink = appsink;

  return g_steal_pointer (&pipeline);
}

static gboolean
committed_cb (gpointer user_data)
{
  GTask *task = user_data;
  RenderData *data = g_task_get_task_data (task);

  /* Renamed into place, or deleted */
  g_clear_object (&data->temp);

  if (data->commit_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->commit_error));
      return G_SOURCE_REMOVE;
    }

  if (data->progress != NULL)
    data->progress (1.0, data->progress_data);

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/* Flushing a whole video to disk can take a while: not on the caller's
 * main context. */
static gpointer
commit_thread (gpointer user_data)
{
  GTask *task = user_data;
  RenderData *data = g_task_get_task_data (task);

  rushes_file_commit (data->temp, data->output, TRUE, &data->commit_error);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              committed_cb, task, g_object_unref);

  return NULL;
}

static void
render_complete (GTask  *task,
                 GError *error)
{
  RenderData *data = g_task_get_task_data (task);

  g_assert (!data->done);

  data->done = TRUE;
  render_data_stop_pipeline (data);
  clear_source (&data->progress_source);
  clear_source (&data->cancel_source);

  if (error != NULL)
    {
      if (data->temp != NULL)
        g_unlink (g_file_peek_path (data->temp));
      g_clear_object (&data->temp);
      g_task_return_error (task, error);
      return;
    }

  g_thread_unref (g_thread_new ("sandbox-commit", commit_thread, g_object_ref (task)));
}

static GError *
error_from_message (RenderData *data,
                    GstMessage *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  g_autofree char *name = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("%s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
           gst_error->message, debug ? debug : "");

  if (data->stage == STAGE_DECODE)
    {
      /* GStreamer's own words here ("Internal data stream error") would
       * not help anyone; they are in the debug log. */
      name = g_file_get_parse_name (data->image);
      return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                          _("Could not decode the image “%s”: the file is damaged or not supported"),
                          name);
    }

  if (GST_MESSAGE_SRC (message) == GST_OBJECT (data->filesink) ||
      gst_error->domain == GST_RESOURCE_ERROR)
    {
      name = g_file_get_parse_name (data->output);
      return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                          _("Could not write “%s”: %s"), name, gst_error->message);
    }

  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                      _("Could not render the preview: %s"), gst_error->message);
}

static void start_render (GTask *task);

static void
decode_finished (GTask *task)
{
  RenderData *data = g_task_get_task_data (task);
  GstSample *sample;

  sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (data->appsink), 0);
  render_data_stop_pipeline (data);

  if (sample == NULL || gst_sample_get_buffer (sample) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->image);

      /* A decoder skips a damaged or incomplete picture and ends empty. */
      g_clear_pointer (&sample, gst_sample_unref);
      render_complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                          _("Could not decode the image “%s”: the file is damaged or not supported"),
                                          name));
      return;
    }

  data->picture = sample;
  start_render (task);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  GTask *task = user_data;
  RenderData *data = g_task_get_task_data (task);

  if (data->done || GST_MESSAGE_SRC (message) == NULL)
    return G_SOURCE_CONTINUE;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      render_complete (task, error_from_message (data, message));
    }
  else if (data->stage == STAGE_DECODE &&
           GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE &&
           GST_MESSAGE_SRC (message) == GST_OBJECT (data->pipeline))
    {
      decode_finished (task);
    }
  else if (data->stage == STAGE_RENDER &&
           (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS ||
            gst_message_has_name (message, FILE_WRITTEN_MESSAGE)))
    {
      render_complete (task, NULL);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  RenderData *data = g_task_get_task_data (task);
  gint64 position = 0;
  double fraction;

  if (data->done || data->mux == NULL)
    return G_SOURCE_CONTINUE;

  if (!gst_element_query_position (data->mux, GST_FORMAT_TIME, &position) || position <= 0)
    return G_SOURCE_CONTINUE;

  /* 1.0 is kept for when the file is in place. */
  fraction = 0.99 * CLAMP ((double) position / (data->duration * GST_SECOND), 0.0, 1.0);
  if (fraction > data->last_fraction)
    {
      data->last_fraction = fraction;
      data->progress (fraction, data->progress_data);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  RenderData *data = g_task_get_task_data (task);

  if (!data->done)
    render_complete (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("The preview was cancelled")));

  return G_SOURCE_REMOVE;
}

static gboolean
start_pipeline (GTask       *task,
                GstElement  *pipeline,
                GstState     target,
                GError     **error)
{
  RenderData *data = g_task_get_task_data (task);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);

  g_assert (data->pipeline == NULL);

  data->pipeline = pipeline;
  data->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (data->bus_source, (GSourceFunc) bus_message_cb,
                         g_object_ref (task), g_object_unref);
  g_source_attach (data->bus_source, g_task_get_context (task));

  if (gst_element_set_state (pipeline, target) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        {
          g_propagate_error (error, error_from_message (data, message));
        }
      else
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not start GStreamer"));
        }
      return FALSE;
    }

  return TRUE;
}

static void
start_render (GTask *task)
{
  RenderData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GstElement *pipeline;

  data->stage = STAGE_RENDER;

  if (!(pipeline = build_render_pipeline (data, &error)))
    {
      render_complete (task, g_steal_pointer (&error));
      return;
    }
  /* The Ken Burns painter holds its own reference to the picture. */
  g_clear_pointer (&data->picture, gst_sample_unref);

  /* Next to the output, so the final rename is atomic and a partial file
   * never carries the output's name. */
  data->temp = rushes_file_new_temp_beside (data->output, &error);
  if (data->temp == NULL)
    {
      gst_object_unref (pipeline);
      render_complete (task, g_steal_pointer (&error));
      return;
    }
  g_object_set (data->filesink, "location", g_file_peek_path (data->temp), NULL);

  g_debug ("Rendering %ux%u, %u s%s", data->width, data->height, data->duration,
           data->image != NULL ? " over a picture" : "");

  if (!start_pipeline (task, pipeline, GST_STATE_PLAYING, &error))
    {
      render_complete (task, g_steal_pointer (&error));
      return;
    }

  if (data->progress != NULL)
    {
      data->progress_source = g_timeout_source_new (PROGRESS_INTERVAL_MS);
      g_source_set_callback (data->progress_source, progress_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (data->progress_source, g_task_get_context (task));
    }
}

static gboolean
sniff_image (RenderData *data,
             GBytes     *bytes)
{
  gsize size;
  const guint8 *head = g_bytes_get_data (bytes, &size);

  if (size >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    {
      data->image_caps = "image/png";
      data->image_decoder = "pngdec";
    }
  else if (size >= 3 && memcmp (head, "\xff\xd8\xff", 3) == 0)
    {
      data->image_caps = "image/jpeg";
      data->image_decoder = "jpegdec";
    }
  else if (size >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0)
    {
      data->image_caps = "image/webp";
      data->image_decoder = "webpdec";
    }
  else
    {
      return FALSE;
    }

  return TRUE;
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenderData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  GstElement *pipeline;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (data->done)
        return;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          name = g_file_get_parse_name (data->image);
          g_prefix_error (&error, _("Could not read the image “%s”: "), name);
        }
      render_complete (task, g_steal_pointer (&error));
      return;
    }

  if (data->done)
    return;

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  if (!sniff_image (data, bytes))
    {
      name = g_file_get_parse_name (data->image);
      render_complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                          _("“%s” is not a JPEG, PNG or WebP image"), name));
      return;
    }

  data->stage = STAGE_DECODE;

  if (!(pipeline = build_decode_pipeline (data, bytes, &error)) ||
      !start_pipeline (task, pipeline, GST_STATE_PAUSED, &error))
    render_complete (task, g_steal_pointer (&error));
}

static void
image_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenderData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GCancellable *cancellable;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (data->done)
    return;

  if (info == NULL)
    {
      name = g_file_get_parse_name (data->image);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The image “%s” does not exist"), name);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_prefix_error (&error, _("Could not read the image “%s”: "), name);
        }
      render_complete (task, g_steal_pointer (&error));
      return;
    }

  if (g_file_info_get_size (info) > MAX_IMAGE_BYTES)
    {
      name = g_file_get_parse_name (data->image);
      render_complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                          _("The image “%s” is too large"), name));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_file_load_contents_async (data->image, cancellable, image_loaded_cb, g_steal_pointer (&task));
}

/**
 * rushes_sandbox_render_async:
 * @prompt: the text shown on screen
 * @image: (nullable): a JPEG, PNG or WebP start image, panned and zoomed
 * @width: the frame width, even
 * @height: the frame height, even
 * @duration_seconds: the clip length
 * @output: the local .mp4 file to write
 * @progress: (nullable): called with the fraction done
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data when the task is done
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Renders the Sandbox provider's offline preview; see the header.
 */
void
rushes_sandbox_render_async (const char                *prompt,
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
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RenderData *data;

  g_return_if_fail (prompt != NULL);
  g_return_if_fail (image == NULL || G_IS_FILE (image));
  g_return_if_fail (G_IS_FILE (output));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_sandbox_render_async);
  /* Once the file is renamed into place the render succeeded, whatever
   * happens to the cancellable afterwards. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (RenderData, 1);
  data->prompt = g_strdup (prompt);
  data->image = image != NULL ? g_object_ref (image) : NULL;
  data->output = g_object_ref (output);
  data->width = width;
  data->height = height;
  data->duration = duration_seconds;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  data->stage = STAGE_LOAD;
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);

  if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE ||
      width % 2 != 0 || height % 2 != 0)
    {
      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The size %u×%u is not supported: width and height must be even, from %u to %u"),
                               width, height, MIN_SIZE, MAX_SIZE);
      return;
    }

  if (duration_seconds < 1 || duration_seconds > MAX_DURATION)
    {
      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The duration %u s is not supported: choose 1 to %u s"),
                               duration_seconds, MAX_DURATION);
      return;
    }

  if (g_file_peek_path (output) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (output);

      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Could not write “%s”: only local files are supported"), name);
      return;
    }

  if (!gst_init_check (NULL, NULL, &error))
    {
      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Could not start GStreamer: %s"), error->message);
      return;
    }

  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, (GSourceFunc) cancelled_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }

  if (image != NULL)
    g_file_query_info_async (image, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                             G_PRIORITY_DEFAULT, cancellable,
                             image_info_cb, g_steal_pointer (&task));
  else
    start_render (task);
}

/**
 * rushes_sandbox_render_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the video is in place
 */
gboolean
rushes_sandbox_render_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_sandbox_render_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
