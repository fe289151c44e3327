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
#include <gst/app/app.h>
#include <gst/video/video.h>

#include "rushes-sandbox-renderer-private.h"

/*
 * The scene over a start image: its bytes read with GIO (at most
 * MAX_IMAGE_BYTES), decoded by a pipeline of their own, then panned and
 * zoomed slowly (Ken Burns), darkened at the bottom for the prompt.
 */

#define MAX_IMAGE_BYTES          (64 * 1024 * 1024)
#define KEN_BURNS_ZOOM_NEAR      1.22     /* zoom over the picture that covers the frame */
#define KEN_BURNS_ZOOM_FAR       1.04

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

static double
smoothstep (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
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

  _rushes_sandbox_push_frame (appsrc, buffer, &self->frame, self->n_frames);
}

/* Ken Burns over the start image. The direction comes from the prompt, so
 * the same request always renders the same clip. */
GstElement *
_rushes_sandbox_add_ken_burns (RushesSandboxJob  *data,
                               GstElement        *bin,
                               guint              n_frames,
                               guint              scrim_height,
                               GError           **error)
{
  g_autoptr(GstCaps) caps = NULL;
  GstAppSrcCallbacks callbacks = { .need_data = ken_burns_need_data_cb };
  GstElement *appsrc;
  KenBurns *self;
  guint seed = g_str_hash (data->prompt);
  double cover, mid_zoom, room_x, room_y, pan_x, pan_y;

  if (!(appsrc = _rushes_sandbox_add_element (bin, "appsrc", error)))
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
  gst_caps_set_simple (caps, "framerate", GST_TYPE_FRACTION, RUSHES_SANDBOX_FPS, 1, NULL);
  g_object_set (appsrc,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "max-buffers", (guint64) 4,
                NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc), &callbacks, self, ken_burns_free);

  return appsrc;
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
build_decode_pipeline (RushesSandboxJob  *data,
                       GBytes            *bytes,
                       GError           **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("sandbox-decode");
  g_autoptr(GstCaps) caps = gst_caps_new_empty_simple (data->image_caps);
  GstAppSrcCallbacks callbacks = { .need_data = push_once_need_data_cb };
  GstBuffer **once;
  GstElement *appsrc, *decoder, *convert, *capsfilter, *appsink;

  if (!(appsrc = _rushes_sandbox_add_element (pipeline, "appsrc", error)) ||
      !(decoder = _rushes_sandbox_add_element (pipeline, data->image_decoder, error)) ||
      !(convert = _rushes_sandbox_add_element (pipeline, "videoconvert", error)) ||
      !(capsfilter = _rushes_sandbox_add_capsfilter (pipeline, "video/x-raw,format=BGRA", error)) ||
      !(appsink = _rushes_sandbox_add_element (pipeline, "appsink", error)))
    return NULL;

  g_object_set (appsrc, "caps", caps, NULL);
  g_object_set (appsink, "sync", FALSE, "max-buffers", 2u, NULL);

  if (!_rushes_sandbox_link_elements (error, appsrc, decoder, convert, capsfilter, appsink, NULL))
    return NULL;

  once = g_new0 (GstBuffer *, 1);
  *once = gst_buffer_new_wrapped_bytes (bytes);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc), &callbacks, once, push_once_free);

  data->appsink = appsink;

  return g_steal_pointer (&pipeline);
}

void
_rushes_sandbox_decode_finished (GTask *task)
{
  RushesSandboxJob *data = g_task_get_task_data (task);
  GstSample *sample;

  sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (data->appsink), 0);
  _rushes_sandbox_job_stop_pipeline (data);

  if (sample == NULL || gst_sample_get_buffer (sample) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->image);

      /* A decoder skips a damaged or incomplete picture and ends empty. */
      g_clear_pointer (&sample, gst_sample_unref);
      _rushes_sandbox_render_complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                          _("Could not decode the image “%s”: the file is damaged or not supported"),
                                                          name));
      return;
    }

  data->picture = sample;
  _rushes_sandbox_start_render (task);
}

static gboolean
sniff_image (RushesSandboxJob *data,
             GBytes           *bytes)
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
  RushesSandboxJob *data = g_task_get_task_data (task);
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
      _rushes_sandbox_render_complete (task, g_steal_pointer (&error));
      return;
    }

  if (data->done)
    return;

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  if (!sniff_image (data, bytes))
    {
      name = g_file_get_parse_name (data->image);
      _rushes_sandbox_render_complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                          _("“%s” is not a JPEG, PNG or WebP image"), name));
      return;
    }

  data->stage = RUSHES_SANDBOX_STAGE_DECODE;

  if (!(pipeline = build_decode_pipeline (data, bytes, &error)) ||
      !_rushes_sandbox_start_pipeline (task, pipeline, GST_STATE_PAUSED, &error))
    _rushes_sandbox_render_complete (task, g_steal_pointer (&error));
}

static void
image_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RushesSandboxJob *data = g_task_get_task_data (task);
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
      _rushes_sandbox_render_complete (task, g_steal_pointer (&error));
      return;
    }

  if (g_file_info_get_size (info) > MAX_IMAGE_BYTES)
    {
      name = g_file_get_parse_name (data->image);
      _rushes_sandbox_render_complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                          _("The image “%s” is too large"), name));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_file_load_contents_async (data->image, cancellable, image_loaded_cb, g_steal_pointer (&task));
}

/* Reads, checks and decodes the start image, then renders over it. */
void
_rushes_sandbox_load_image (GTask *task)
{
  RushesSandboxJob *data = g_task_get_task_data (task);

  g_file_query_info_async (data->image, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                           image_info_cb, g_object_ref (task));
}
