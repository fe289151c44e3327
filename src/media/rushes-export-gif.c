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

#define G_LOG_DOMAIN "rushes-exporter"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "rushes-exporter-private.h"
#include "rushes-gif-writer.h"
#include "rushes-media-error.h"

/* GIF: a first pass for the palette, a second to encode */

/* The first pass only builds the palette: it is the cheaper third. */
#define GIF_PALETTE_SHARE 0.3
/*
 * GIF has no bitrate: its size comes from a measured number of bytes per
 * pixel per frame, after the palette and LZW, for the clips the providers
 * make (soft gradients, moving camera); a still background costs much
 * less, a noisy one more.
 */
#define GIF_BYTES_PER_PIXEL 0.16

static const RushesExportElement gif_elements[] = {
  { "playbin", RUSHES_EXPORT_PACKAGE_BASE },
  { "appsink", RUSHES_EXPORT_PACKAGE_BASE },
  { "videorate", RUSHES_EXPORT_PACKAGE_BASE },
  { "videoscale", RUSHES_EXPORT_PACKAGE_BASE },
  { "videoconvert", RUSHES_EXPORT_PACKAGE_BASE },
  { NULL, NULL }
};

typedef gboolean (*FrameFunc) (const guint8  *rgb,
                               gsize          stride,
                               gint64         timestamp,
                               gpointer       user_data,
                               GError       **error);

static GstElement *
make_gif_sink (int width,
               int height)
{
  GstElement *bin = gst_bin_new ("gif-sink");
  GstElement *rate = gst_element_factory_make ("videorate", NULL);
  GstElement *scale = gst_element_factory_make ("videoscale", NULL);
  GstElement *convert = gst_element_factory_make ("videoconvert", NULL);
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) pad = NULL;
  GstElement *appsink;

  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, "RGB",
                              "width", G_TYPE_INT, width,
                              "height", G_TYPE_INT, height,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              "framerate", GST_TYPE_FRACTION, RUSHES_EXPORT_GIF_FPS, 1,
                              NULL);
  appsink = _rushes_export_make_appsink (caps);
  gst_object_set_name (GST_OBJECT (appsink), "appsink");

  /* Several source pixels into each GIF pixel: plain bilinear would
   * alias fine detail into shimmering noise. */
  gst_util_set_object_arg (G_OBJECT (scale), "method", "lanczos");

  gst_bin_add_many (GST_BIN (bin), rate, scale, convert, appsink, NULL);
  gst_element_link_many (rate, scale, convert, appsink, NULL);

  pad = gst_element_get_static_pad (rate, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));

  return bin;
}

/* Plays the clip through the GIF's scaler and frame rate, handing each
 * frame to @func, with progress from @from to @to. */
static gboolean
pull_gif_frames (GTask            *task,
                 RushesExportJob  *job,
                 int               width,
                 int               height,
                 FrameFunc         func,
                 gpointer          func_data,
                 double            from,
                 double            to,
                 gint64           *end_time,
                 GError          **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  GstElement *sink_bin = make_gif_sink (width, height);
  g_autoptr(GstElement) appsink = gst_bin_get_by_name (GST_BIN (sink_bin), "appsink");
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  gint64 first_pts = -1;
  gint64 last_change = g_get_monotonic_time ();
  guint n_frames = 0;
  gboolean ok = FALSE;

  if ((pipeline = _rushes_export_make_frame_pipeline (job, sink_bin, error)) == NULL)
    return FALSE;

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      GstVideoInfo info;
      GstVideoFrame frame;
      GstBuffer *buffer;
      gint64 pts;
      gboolean frame_ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !_rushes_export_check_bus (job, bus, error))
        goto out;

      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (appsink), RUSHES_EXPORT_POLL_INTERVAL);
      if (sample == NULL)
        {
          if (gst_app_sink_is_eos (GST_APP_SINK (appsink)))
            break;

          if (g_get_monotonic_time () - last_change > RUSHES_EXPORT_STALL_TIMEOUT)
            {
              g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                           _("The export stopped making progress"));
              goto out;
            }
          continue;
        }

      last_change = g_get_monotonic_time ();
      buffer = gst_sample_get_buffer (sample);
      if (buffer == NULL || !GST_BUFFER_PTS_IS_VALID (buffer) ||
          !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
          info.width != width || info.height != height ||
          !gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ))
        continue;

      pts = GST_BUFFER_PTS (buffer);
      if (first_pts < 0)
        first_pts = pts;

      frame_ok = func (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                       GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
                       pts - first_pts, func_data, error);
      gst_video_frame_unmap (&frame);
      if (!frame_ok)
        goto out;

      n_frames++;
      *end_time = pts - first_pts + (GST_BUFFER_DURATION_IS_VALID (buffer) ?
                                     (gint64) GST_BUFFER_DURATION (buffer) :
                                     GST_SECOND / RUSHES_EXPORT_GIF_FPS);
      if (job->probe.duration > 0)
        _rushes_export_set_progress (task, from + (to - from) * (pts - first_pts) / job->probe.duration);
    }

  if (!_rushes_export_check_bus (job, bus, error))
    goto out;

  if (n_frames == 0)
    {
      g_autofree char *name = _rushes_export_display_name (job->video);

      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("“%s” has no picture"), name);
      goto out;
    }

  ok = TRUE;

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

typedef struct
{
  RushesGifPalette *palette;
  int               width;
  int               height;
} PaletteFrame;

static gboolean
gif_palette_frame_cb (const guint8  *rgb,
                      gsize          stride,
                      gint64         timestamp,
                      gpointer       user_data,
                      GError       **error)
{
  PaletteFrame *state = user_data;

  rushes_gif_palette_add_pixels (state->palette, rgb, state->width, state->height, stride);
  return TRUE;
}

typedef struct
{
  RushesGifWriter *writer;
  GCancellable    *cancellable;
} EncodeFrame;

static gboolean
gif_encode_frame_cb (const guint8  *rgb,
                     gsize          stride,
                     gint64         timestamp,
                     gpointer       user_data,
                     GError       **error)
{
  EncodeFrame *state = user_data;

  return rushes_gif_writer_add_frame (state->writer, rgb, stride, timestamp, state->cancellable, error);
}

static gboolean
export_gif (GTask            *task,
            RushesExportJob  *job,
            GError          **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(RushesGifPalette) palette = rushes_gif_palette_new ();
  g_autoptr(RushesGifWriter) writer = NULL;
  g_autoptr(GOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *comment = NULL;
  PaletteFrame palette_frame;
  EncodeFrame encode_frame;
  gint64 end_time = 0;
  int width, height;

  rushes_exporter_get_gif_size (job->probe.width, job->probe.height, &width, &height);

  palette_frame = (PaletteFrame) { palette, width, height };
  if (!pull_gif_frames (task, job, width, height, gif_palette_frame_cb, &palette_frame,
                        0.0, GIF_PALETTE_SHARE, &end_time, error))
    return FALSE;
  rushes_gif_palette_build (palette);

  file_stream = _rushes_export_open_temp (job, cancellable, error);
  if (file_stream == NULL)
    return FALSE;
  stream = g_buffered_output_stream_new_sized (file_stream, 256 * 1024);

  if (job->title != NULL && job->comment != NULL)
    comment = g_strdup_printf ("%s\n%s", job->title, job->comment);
  else
    comment = g_strdup (job->title != NULL ? job->title : job->comment);

  writer = rushes_gif_writer_new (stream, width, height, palette, comment);
  encode_frame = (EncodeFrame) { writer, cancellable };
  if (!pull_gif_frames (task, job, width, height, gif_encode_frame_cb, &encode_frame,
                        GIF_PALETTE_SHARE, 1.0, &end_time, error))
    return FALSE;

  g_debug ("GIF: %d×%d, %u colours, %u frames", width, height,
           rushes_gif_palette_get_n_colors (palette), rushes_gif_writer_get_n_frames (writer));

  return rushes_gif_writer_finish (writer, end_time, cancellable, error) &&
         g_output_stream_close (stream, cancellable, error);
}

static guint64
estimate_gif_size (double seconds,
                   int    width,
                   int    height)
{
  int gif_width, gif_height;
  double frames = MAX (1.0, ceil (seconds * RUSHES_EXPORT_GIF_FPS));

  rushes_exporter_get_gif_size (width, height, &gif_width, &gif_height);
  /* Header, palette and the looping extension */
  return (guint64) (frames * gif_width * gif_height * GIF_BYTES_PER_PIXEL) + 1024;
}

const RushesExportFormatInfo _rushes_export_gif = {
  .name = "GIF",
  .extension = "gif",
  .mime_type = "image/gif",
  .elements = gif_elements,
  .run = export_gif,
  .estimate_size = estimate_gif_size,
};
