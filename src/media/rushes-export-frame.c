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

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>

#include "rushes-exporter-private.h"
#include "rushes-media-error.h"
#include "rushes-png.h"

/* Frames: playbin with only its picture, into an appsink. For PNG here,
 * and for GIF (rushes-export-gif.c). */

/* The poster frame: one second in, or a tenth of a shorter clip (the frame
 * the gallery shows) */
#define POSTER_OFFSET GST_SECOND
/* A photographic frame */
#define PNG_BYTES_PER_PIXEL 1.5

static const RushesExportElement png_elements[] = {
  { "playbin", RUSHES_EXPORT_PACKAGE_BASE },
  { "appsink", RUSHES_EXPORT_PACKAGE_BASE },
  { "videoconvert", RUSHES_EXPORT_PACKAGE_BASE },
  { "videoscale", RUSHES_EXPORT_PACKAGE_BASE },
  { "pngenc", RUSHES_EXPORT_PACKAGE_GOOD },
  { NULL, NULL }
};

GstElement *
_rushes_export_make_frame_pipeline (RushesExportJob  *job,
                                    GstElement       *video_sink,
                                    GError          **error)
{
  GstElement *playbin = _rushes_export_make_element ("playbin", error);

  if (playbin == NULL)
    {
      gst_object_unref (gst_object_ref_sink (video_sink));
      return NULL;
    }

  gst_object_ref_sink (playbin);
  /* Only the picture: no audio decoding. The fake audio sink stops
   * playbin from opening the sound card all the same. */
  gst_util_set_object_arg (G_OBJECT (playbin), "flags", "video");
  g_object_set (playbin,
                "uri", job->uri,
                "video-sink", video_sink,
                "audio-sink", gst_element_factory_make ("fakesink", NULL),
                NULL);

  return playbin;
}

GstElement *
_rushes_export_make_appsink (GstCaps *caps)
{
  GstElement *appsink = gst_element_factory_make ("appsink", NULL);

  g_object_set (appsink,
                "caps", caps,
                "sync", FALSE,
                "enable-last-sample", FALSE,
                /* The decoder waits while a frame is being encoded. */
                "max-buffers", 4,
                NULL);

  return appsink;
}

static gboolean
wait_for_preroll (RushesExportJob  *job,
                  GstElement       *pipeline,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 deadline = g_get_monotonic_time () + RUSHES_EXPORT_STALL_TIMEOUT;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GstMessage) message = NULL;
      GError *message_error;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      message = gst_bus_timed_pop_filtered (bus, RUSHES_EXPORT_POLL_INTERVAL,
                                            GST_MESSAGE_ERROR | GST_MESSAGE_ASYNC_DONE |
                                            GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT);
      if (message == NULL)
        continue;

      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE ||
          GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        return TRUE;

      message_error = _rushes_export_error_from_message (job, message);
      if (message_error != NULL)
        {
          g_propagate_error (error, message_error);
          return FALSE;
        }
    }

  g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
               _("Reading the video took too long"));
  return FALSE;
}

/* PNG: one frame at the display size, with the prompt and model as text */

static gboolean
write_png (RushesExportJob  *job,
           GstSample        *sample,
           GCancellable     *cancellable,
           GError          **error)
{
  const char * const text[] = {
    "Title", job->title,
    "Comment", job->comment,
    "Description", job->settings,
    "Software", "Rushes",
    NULL
  };
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GOutputStream) stream = NULL;

  png = rushes_media_sample_to_png (sample, 0, text, error);
  if (png == NULL)
    return FALSE;

  stream = _rushes_export_open_temp (job, cancellable, error);
  return stream != NULL &&
         g_output_stream_write_all (stream, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                    NULL, cancellable, error) &&
         g_output_stream_close (stream, cancellable, error);
}

static gboolean
export_png (GTask            *task,
            RushesExportJob  *job,
            GError          **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GstCaps) sink_caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "RGBA", NULL);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstSample) sample = NULL;
  GstElement *appsink;
  gint64 position = job->frame_position;
  gboolean ok = FALSE;

  appsink = _rushes_export_make_appsink (sink_caps);
  if ((pipeline = _rushes_export_make_frame_pipeline (job, appsink, error)) == NULL)
    return FALSE;

  if (position < 0)
    position = MIN (POSTER_OFFSET, job->probe.duration / 10);
  if (job->probe.duration > 0)
    position = MIN (position, job->probe.duration);

  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  if (!wait_for_preroll (job, pipeline, cancellable, error))
    goto out;
  _rushes_export_set_progress (task, 0.3);

  if (position > 0 &&
      gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, position) &&
      !wait_for_preroll (job, pipeline, cancellable, error))
    goto out;
  _rushes_export_set_progress (task, 0.6);

  sample = gst_app_sink_pull_preroll (GST_APP_SINK (appsink));
  if (sample == NULL)
    {
      g_autofree char *name = _rushes_export_display_name (job->video);

      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("“%s” has no picture"), name);
      goto out;
    }

  ok = write_png (job, sample, cancellable, error);

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

static guint64
estimate_png_size (double seconds,
                   int    width,
                   int    height)
{
  return (guint64) (width * (double) height * PNG_BYTES_PER_PIXEL) + 1024;
}

const RushesExportFormatInfo _rushes_export_frame = {
  .name = "PNG",
  .extension = "png",
  .mime_type = "image/png",
  .elements = png_elements,
  .run = export_png,
  .estimate_size = estimate_png_size,
};
