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

#include "rushes-exporter-private.h"
#include "rushes-media-error.h"

/* MP4: the streams as they are, into a new MP4 with tags */

static const RushesExportElement mp4_elements[] = {
  { "qtdemux", RUSHES_EXPORT_PACKAGE_GOOD },
  { "mp4mux", RUSHES_EXPORT_PACKAGE_GOOD },
  { NULL, NULL }
};

static void
mp4_pad_added_cb (GstElement *demux,
                  GstPad     *pad,
                  gpointer    user_data)
{
  RushesExportJob *job = user_data;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) queue_src = NULL;
  g_autoptr(GstPad) mux_pad = NULL;
  RushesExportStream stream;
  const char *media;
  GstElement *queue;

  stream = _rushes_export_claim_stream (job, pad, &caps);
  if (stream == RUSHES_EXPORT_STREAM_OTHER)
    return;

  media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  mux_pad = gst_element_get_compatible_pad (job->mux, pad, caps);
  if (mux_pad == NULL)
    {
      _rushes_export_set_link_error (job, g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                                                       /* Translators: %s is a media type such as video/x-h265 */
                                                       _("An MP4 file cannot hold this clip’s %s stream"), media));
      /* Flowing, so that the export stops on this error, not on GStreamer's */
      _rushes_export_link_to_fakesink (job, pad);
      return;
    }

  /* The demuxer pushes video and sound from one thread: a queue each, so
   * the muxer can wait for one while the other arrives. */
  queue = gst_element_factory_make ("queue", NULL);
  _rushes_export_add_and_link (GST_BIN (job->pipeline), pad, &queue, 1);
  queue_src = gst_element_get_static_pad (queue, "src");
  if (gst_pad_link (queue_src, mux_pad) != GST_PAD_LINK_OK)
    {
      _rushes_export_set_link_error (job, g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                                                       _("The clip’s %s stream cannot be copied"), media));
      return;
    }

  _rushes_export_stream_linked (job, pad, stream);
}

static gboolean
export_mp4 (GTask            *task,
            RushesExportJob  *job,
            GError          **error)
{
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new ("export-mp4"));
  GstElement *source, *demux, *mux;

  source = gst_element_make_from_uri (GST_URI_SRC, job->uri, NULL, error);
  if (source == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), source);

  if ((demux = _rushes_export_make_element ("qtdemux", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), demux);
  if (!gst_element_link (source, demux))
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("The export pipeline cannot be built"));
      return FALSE;
    }

  if ((mux = _rushes_export_add_muxer (job, pipeline, "mp4mux", error)) == NULL)
    return FALSE;
  /* Index first, so that a browser plays the copy while it downloads. */
  g_object_set (mux, "faststart", TRUE, NULL);

  g_signal_connect (demux, "pad-added", G_CALLBACK (mp4_pad_added_cb), job);

  return _rushes_export_run_pipeline (task, job, pipeline, 0.0, 1.0, error);
}

/* A copy: as big as the clip, which the caller knows better. */
static guint64
estimate_mp4_size (double seconds,
                   int    width,
                   int    height)
{
  return 0;
}

const RushesExportFormatInfo _rushes_export_mp4 = {
  .name = "MP4",
  .extension = "mp4",
  .mime_type = "video/mp4",
  .elements = mp4_elements,
  .run = export_mp4,
  .estimate_size = estimate_mp4_size,
};
