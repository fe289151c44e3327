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

#define G_LOG_DOMAIN "rushes-paintable"

#include "config.h"

#include <math.h>

#include <gst/video/video.h>

#include "rushes-paintable-private.h"

/**
 * RushesPaintable:
 *
 * The picture of a playing video as a #GdkPaintable, modelled on GTK's own
 * GtkGstPaintable: #RushesVideoSink hands it decoded frames on the main
 * thread, and it shows the latest as a #GdkMemoryTexture. Its intrinsic
 * size is the video's display size (pixel aspect ratio applied), so a
 * #GtkPicture letterboxes it correctly.
 *
 * It also keeps the #GstSample behind the texture: the player saves
 * frames from it and steps relative to its timestamp.
 */
struct _RushesPaintable
{
  GObject     parent_instance;

  /* Owned */
  GdkTexture *texture;
  GstSample  *sample;
  double      pixel_aspect_ratio;
};

static void rushes_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesPaintable, rushes_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      rushes_paintable_paintable_init))

static GdkMemoryFormat
memory_format_from_video (GstVideoFormat format)
{
  switch ((int) format)
    {
    case GST_VIDEO_FORMAT_BGRA:
      return GDK_MEMORY_B8G8R8A8;
    case GST_VIDEO_FORMAT_RGBA:
      return GDK_MEMORY_R8G8B8A8;
    case GST_VIDEO_FORMAT_ARGB:
      return GDK_MEMORY_A8R8G8B8;
    case GST_VIDEO_FORMAT_RGB:
      return GDK_MEMORY_R8G8B8;
    case GST_VIDEO_FORMAT_BGR:
      return GDK_MEMORY_B8G8R8;
    default:
      /* The sink's caps only allow the formats above. */
      g_assert_not_reached ();
    }
}

static void
video_frame_free (GstVideoFrame *frame)
{
  gst_video_frame_unmap (frame);
  g_free (frame);
}

/* The texture wraps the mapped frame without a copy; the frame (and so
 * the decoder's buffer) lives as long as the texture. */
static GdkTexture *
texture_from_sample (GstSample *sample,
                     double    *pixel_aspect_ratio)
{
  GstVideoInfo info;
  GstVideoFrame *frame;
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps))
    return NULL;

  frame = g_new (GstVideoFrame, 1);
  if (!gst_video_frame_map (frame, &info, buffer, GST_MAP_READ))
    {
      g_free (frame);
      return NULL;
    }

  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (frame, 0),
                                      (gsize) GST_VIDEO_FRAME_HEIGHT (frame) * GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0),
                                      (GDestroyNotify) video_frame_free,
                                      frame);
  texture = gdk_memory_texture_new (GST_VIDEO_FRAME_WIDTH (frame),
                                    GST_VIDEO_FRAME_HEIGHT (frame),
                                    memory_format_from_video (GST_VIDEO_FRAME_FORMAT (frame)),
                                    bytes,
                                    GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0));

  *pixel_aspect_ratio = info.par_d > 0 && info.par_n > 0 ? (double) info.par_n / info.par_d : 1.0;

  return texture;
}

static void
rushes_paintable_snapshot (GdkPaintable *paintable,
                           GdkSnapshot  *snapshot,
                           double        width,
                           double        height)
{
  RushesPaintable *self = RUSHES_PAINTABLE (paintable);

  if (self->texture != NULL)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static GdkPaintable *
rushes_paintable_get_current_image (GdkPaintable *paintable)
{
  RushesPaintable *self = RUSHES_PAINTABLE (paintable);

  if (self->texture != NULL)
    return g_object_ref (GDK_PAINTABLE (self->texture));

  return gdk_paintable_new_empty (0, 0);
}

static int
rushes_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  RushesPaintable *self = RUSHES_PAINTABLE (paintable);

  if (self->texture == NULL)
    return 0;

  return (int) round (self->pixel_aspect_ratio * gdk_texture_get_width (self->texture));
}

static int
rushes_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  RushesPaintable *self = RUSHES_PAINTABLE (paintable);

  if (self->texture == NULL)
    return 0;

  return gdk_texture_get_height (self->texture);
}

static double
rushes_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  RushesPaintable *self = RUSHES_PAINTABLE (paintable);

  if (self->texture == NULL || gdk_texture_get_height (self->texture) == 0)
    return 0.0;

  return self->pixel_aspect_ratio * gdk_texture_get_width (self->texture) / gdk_texture_get_height (self->texture);
}

static void
rushes_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = rushes_paintable_snapshot;
  iface->get_current_image = rushes_paintable_get_current_image;
  iface->get_intrinsic_width = rushes_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = rushes_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = rushes_paintable_get_intrinsic_aspect_ratio;
}

static void
rushes_paintable_dispose (GObject *object)
{
  RushesPaintable *self = RUSHES_PAINTABLE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->sample, gst_sample_unref);

  G_OBJECT_CLASS (rushes_paintable_parent_class)->dispose (object);
}

static void
rushes_paintable_class_init (RushesPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_paintable_dispose;
}

static void
rushes_paintable_init (RushesPaintable *self)
{
  self->pixel_aspect_ratio = 1.0;
}

RushesPaintable *
rushes_paintable_new (void)
{
  return g_object_new (RUSHES_TYPE_PAINTABLE, NULL);
}

/**
 * rushes_paintable_get_texture:
 *
 * Returns: (transfer none) (nullable): the frame shown now, at the video's
 *   pixel size, or %NULL before the first frame
 */
GdkTexture *
rushes_paintable_get_texture (RushesPaintable *self)
{
  g_return_val_if_fail (RUSHES_IS_PAINTABLE (self), NULL);

  return self->texture;
}

/* Main thread only: the sink hops here before calling it. */
void
_rushes_paintable_set_sample (RushesPaintable *self,
                              GstSample       *sample)
{
  g_autoptr(GdkTexture) texture = NULL;
  double pixel_aspect_ratio = 1.0;
  gboolean size_changed;

  g_return_if_fail (RUSHES_IS_PAINTABLE (self));
  g_return_if_fail (sample != NULL);

  texture = texture_from_sample (sample, &pixel_aspect_ratio);
  if (texture == NULL)
    {
      g_debug ("Could not map a video frame; keeping the previous one");
      return;
    }

  size_changed = self->texture == NULL ||
                 gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
                 gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture) ||
                 self->pixel_aspect_ratio != pixel_aspect_ratio;

  g_set_object (&self->texture, texture);
  g_clear_pointer (&self->sample, gst_sample_unref);
  self->sample = gst_sample_ref (sample);
  self->pixel_aspect_ratio = pixel_aspect_ratio;

  if (size_changed)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/* Returns: (transfer full) (nullable): the sample behind the shown frame */
GstSample *
_rushes_paintable_get_sample (RushesPaintable *self)
{
  g_return_val_if_fail (RUSHES_IS_PAINTABLE (self), NULL);

  return self->sample != NULL ? gst_sample_ref (self->sample) : NULL;
}

/*
 * The stream time of the shown frame and how long it lasts, from its
 * buffer or else the frame rate. Returns %FALSE before the first frame.
 */
gboolean
_rushes_paintable_get_frame_time (RushesPaintable *self,
                                  GstClockTime    *stream_time,
                                  GstClockTime    *duration)
{
  GstBuffer *buffer;
  const GstSegment *segment;
  GstVideoInfo info;
  GstClockTime frame_duration;
  GstClockTime start;

  g_return_val_if_fail (RUSHES_IS_PAINTABLE (self), FALSE);

  if (self->sample == NULL || (buffer = gst_sample_get_buffer (self->sample)) == NULL ||
      !GST_BUFFER_PTS_IS_VALID (buffer))
    return FALSE;

  frame_duration = GST_CLOCK_TIME_NONE;
  if (gst_video_info_from_caps (&info, gst_sample_get_caps (self->sample)) &&
      info.fps_n > 0 && info.fps_d > 0)
    frame_duration = gst_util_uint64_scale_int (GST_SECOND, info.fps_d, info.fps_n);
  else if (GST_BUFFER_DURATION_IS_VALID (buffer))
    frame_duration = GST_BUFFER_DURATION (buffer);

  /* After an accurate seek the decoder clips the frame that contains the
   * target: it starts at the target, shorter than a frame. Its end is
   * still the frame's end. */
  start = GST_BUFFER_PTS (buffer);
  if (GST_CLOCK_TIME_IS_VALID (frame_duration) && GST_BUFFER_DURATION_IS_VALID (buffer) &&
      GST_BUFFER_DURATION (buffer) < frame_duration &&
      start + GST_BUFFER_DURATION (buffer) >= frame_duration)
    start = start + GST_BUFFER_DURATION (buffer) - frame_duration;

  segment = gst_sample_get_segment (self->sample);
  if (stream_time != NULL)
    {
      guint64 time = start;

      /* That start is before the segment: the plain conversion gives up. */
      if (segment != NULL && segment->format == GST_FORMAT_TIME &&
          gst_segment_to_stream_time_full (segment, GST_FORMAT_TIME, start, &time) < 0)
        time = 0;

      *stream_time = time;
    }

  if (duration != NULL)
    *duration = GST_CLOCK_TIME_IS_VALID (frame_duration) ? frame_duration : GST_SECOND / 30;

  return TRUE;
}

/* Forgets the frame, so a clip never shows the previous clip's picture. */
void
_rushes_paintable_clear (RushesPaintable *self)
{
  g_return_if_fail (RUSHES_IS_PAINTABLE (self));

  if (self->texture == NULL)
    return;

  g_clear_object (&self->texture);
  g_clear_pointer (&self->sample, gst_sample_unref);
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}
