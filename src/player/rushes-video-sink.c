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

#define G_LOG_DOMAIN "rushes-video-sink"

#include "config.h"

#include <gst/video/video.h>

#include "rushes-paintable-private.h"
#include "rushes-video-sink.h"

/**
 * RushesVideoSink:
 *
 * A video sink that feeds a #RushesPaintable, after GTK's GtkGstSink
 * without the GL path (bookworm has no gtk4paintablesink, and memory
 * textures are enough for clips of a few seconds).
 *
 * Frames arrive on a streaming thread. No GDK call happens there: the
 * sink keeps the newest sample and asks the main context to show it. When
 * the main thread falls behind, newer frames replace the waiting one
 * instead of queueing up, so a busy UI drops frames rather than memory.
 */
struct _RushesVideoSink
{
  GstVideoSink     parent_instance;

  /* Owned */
  RushesPaintable *paintable;
  GMainContext    *context;

  /* Under the object lock */
  GstVideoInfo     info;
  GstSample       *pending;
  guint            delivery_queued : 1;
};

G_DEFINE_FINAL_TYPE (RushesVideoSink, rushes_video_sink, GST_TYPE_VIDEO_SINK)

enum {
  PROP_0,
  PROP_PAINTABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Formats that gdk_memory_texture_new() takes at GTK 4.8 without a copy
 * (no X8 formats yet), best first. */
#define SINK_CAPS GST_VIDEO_CAPS_MAKE ("{ BGRA, RGBA, ARGB, RGB, BGR }")

static GstStaticPadTemplate sink_template =
  GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (SINK_CAPS));

static gboolean
deliver_frame_cb (gpointer user_data)
{
  RushesVideoSink *self = user_data;
  g_autoptr(GstSample) sample = NULL;

  GST_OBJECT_LOCK (self);
  sample = g_steal_pointer (&self->pending);
  self->delivery_queued = FALSE;
  GST_OBJECT_UNLOCK (self);

  /* NULL when the pipeline stopped after the frame was queued, or when
   * rushes_video_sink_deliver_pending() took it first. */
  if (sample != NULL)
    _rushes_paintable_set_sample (self->paintable, sample);

  return G_SOURCE_REMOVE;
}

static gboolean
rushes_video_sink_set_caps (GstBaseSink *sink,
                            GstCaps     *caps)
{
  RushesVideoSink *self = RUSHES_VIDEO_SINK (sink);
  GstVideoInfo info;

  if (!gst_video_info_from_caps (&info, caps))
    return FALSE;

  GST_OBJECT_LOCK (self);
  self->info = info;
  GST_OBJECT_UNLOCK (self);

  return TRUE;
}

static void
rushes_video_sink_get_times (GstBaseSink  *sink,
                             GstBuffer    *buffer,
                             GstClockTime *start,
                             GstClockTime *end)
{
  RushesVideoSink *self = RUSHES_VIDEO_SINK (sink);

  if (!GST_BUFFER_PTS_IS_VALID (buffer))
    return;

  *start = GST_BUFFER_PTS (buffer);
  if (GST_BUFFER_DURATION_IS_VALID (buffer))
    *end = *start + GST_BUFFER_DURATION (buffer);
  else if (self->info.fps_n > 0)
    *end = *start + gst_util_uint64_scale_int (GST_SECOND, self->info.fps_d, self->info.fps_n);
}

static GstFlowReturn
rushes_video_sink_show_frame (GstVideoSink *video_sink,
                              GstBuffer    *buffer)
{
  RushesVideoSink *self = RUSHES_VIDEO_SINK (video_sink);
  GstBaseSink *base_sink = GST_BASE_SINK (video_sink);
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (GST_BASE_SINK_PAD (base_sink));
  GstSample *sample;
  gboolean queue;

  if (caps == NULL)
    return GST_FLOW_NOT_NEGOTIATED;

  /* The segment travels with the frame, for its stream time. */
  GST_OBJECT_LOCK (self);
  sample = gst_sample_new (buffer, caps, &base_sink->segment, NULL);
  g_clear_pointer (&self->pending, gst_sample_unref);
  self->pending = sample;
  queue = !self->delivery_queued;
  self->delivery_queued = TRUE;
  GST_OBJECT_UNLOCK (self);

  /* Always through a source on the player's context, never here: a
   * context nobody holds would run the hand-over on this streaming
   * thread, which may then drop the last reference to the player. */
  if (queue)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_frame_cb, gst_object_ref (self), gst_object_unref);
      g_source_set_static_name (source, "[rushes] deliver frame");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }

  return GST_FLOW_OK;
}

static gboolean
rushes_video_sink_stop (GstBaseSink *sink)
{
  RushesVideoSink *self = RUSHES_VIDEO_SINK (sink);

  GST_OBJECT_LOCK (self);
  g_clear_pointer (&self->pending, gst_sample_unref);
  GST_OBJECT_UNLOCK (self);

  return TRUE;
}

static void
rushes_video_sink_finalize (GObject *object)
{
  RushesVideoSink *self = RUSHES_VIDEO_SINK (object);

  g_clear_pointer (&self->pending, gst_sample_unref);
  g_clear_object (&self->paintable);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (rushes_video_sink_parent_class)->finalize (object);
}

static void
rushes_video_sink_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RushesVideoSink *self = RUSHES_VIDEO_SINK (object);

  switch (prop_id)
    {
    case PROP_PAINTABLE:
      g_value_set_object (value, self->paintable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_video_sink_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RushesVideoSink *self = RUSHES_VIDEO_SINK (object);

  switch (prop_id)
    {
    case PROP_PAINTABLE:
      g_clear_object (&self->paintable);
      self->paintable = g_value_dup_object (value);
      if (self->paintable == NULL)
        self->paintable = rushes_paintable_new ();
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_video_sink_class_init (RushesVideoSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSinkClass *base_sink_class = GST_BASE_SINK_CLASS (klass);
  GstVideoSinkClass *video_sink_class = GST_VIDEO_SINK_CLASS (klass);

  object_class->finalize = rushes_video_sink_finalize;
  object_class->get_property = rushes_video_sink_get_property;
  object_class->set_property = rushes_video_sink_set_property;

  base_sink_class->set_caps = rushes_video_sink_set_caps;
  base_sink_class->get_times = rushes_video_sink_get_times;
  base_sink_class->stop = rushes_video_sink_stop;

  video_sink_class->show_frame = rushes_video_sink_show_frame;

  /**
   * RushesVideoSink:paintable:
   *
   * The paintable that shows this sink's frames.
   */
  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL,
                         RUSHES_TYPE_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gst_element_class_set_static_metadata (element_class,
                                         "Rushes video sink",
                                         "Sink/Video",
                                         "Shows video frames in a GdkPaintable",
                                         "The Rushes authors");
  gst_element_class_add_static_pad_template (element_class, &sink_template);
}

static void
rushes_video_sink_init (RushesVideoSink *self)
{
  /* Frames go to whichever context created the sink: the main one. */
  self->context = g_main_context_ref_thread_default ();
  gst_video_info_init (&self->info);
}

/**
 * rushes_video_sink_new:
 * @paintable: (nullable): the paintable to feed, or %NULL for a new one
 *
 * Create it on the main thread: frames are handed to the thread-default
 * main context of the thread that creates the sink.
 *
 * Returns: (transfer floating): a new sink
 */
GstElement *
rushes_video_sink_new (RushesPaintable *paintable)
{
  g_return_val_if_fail (paintable == NULL || RUSHES_IS_PAINTABLE (paintable), NULL);

  return g_object_new (RUSHES_TYPE_VIDEO_SINK, "paintable", paintable, NULL);
}

/**
 * rushes_video_sink_get_paintable:
 *
 * Returns: (transfer none): the paintable this sink feeds
 */
RushesPaintable *
rushes_video_sink_get_paintable (RushesVideoSink *self)
{
  g_return_val_if_fail (RUSHES_IS_VIDEO_SINK (self), NULL);

  return self->paintable;
}

/**
 * rushes_video_sink_deliver_pending:
 *
 * Shows the frame waiting for the main loop now. The sink shows its
 * preroll frame before the pipeline posts ASYNC_DONE; calling this from
 * the bus handler means the paintable already shows the frame that a
 * seek or step produced. Main thread only.
 */
void
rushes_video_sink_deliver_pending (RushesVideoSink *self)
{
  g_autoptr(GstSample) sample = NULL;

  g_return_if_fail (RUSHES_IS_VIDEO_SINK (self));

  GST_OBJECT_LOCK (self);
  sample = g_steal_pointer (&self->pending);
  GST_OBJECT_UNLOCK (self);

  if (sample != NULL)
    _rushes_paintable_set_sample (self->paintable, sample);
}
