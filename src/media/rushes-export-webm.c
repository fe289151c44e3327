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

/* WebM: decode, then VP9 and Opus */

/*
 * WebM is encoded at a target bitrate, so its size follows from the
 * bitrate this file asks the encoder for: 1.5 bits per second for every
 * pixel of the frame (0.06 bits per pixel per frame at 25 fps: 1.4 Mb/s at
 * 720p, 3.1 Mb/s at 1080p, which VP9 holds without visible loss on
 * generated footage), never under 150 kb/s; Opus at 96 kb/s; 2 % for the
 * container.
 */
#define WEBM_BITS_PER_PIXEL_SECOND 1.5
#define WEBM_MIN_VIDEO_BITRATE     150000
#define WEBM_MAX_VIDEO_BITRATE     12000000
#define WEBM_AUDIO_BITRATE         96000
#define WEBM_OVERHEAD              1.02

static const RushesExportElement webm_elements[] = {
  { "uridecodebin", RUSHES_EXPORT_PACKAGE_BASE },
  { "videoconvert", RUSHES_EXPORT_PACKAGE_BASE },
  { "audioconvert", RUSHES_EXPORT_PACKAGE_BASE },
  { "audioresample", RUSHES_EXPORT_PACKAGE_BASE },
  { "opusenc", RUSHES_EXPORT_PACKAGE_BASE },
  { "vp9enc", RUSHES_EXPORT_PACKAGE_GOOD },
  { "webmmux", RUSHES_EXPORT_PACKAGE_GOOD },
  { NULL, NULL }
};

static int
webm_video_bitrate (int width,
                    int height)
{
  double bitrate = (double) width * height * WEBM_BITS_PER_PIXEL_SECOND;

  return (int) CLAMP (bitrate, WEBM_MIN_VIDEO_BITRATE, WEBM_MAX_VIDEO_BITRATE);
}

static void
webm_pad_added_cb (GstElement *decodebin,
                   GstPad     *pad,
                   gpointer    user_data)
{
  RushesExportJob *job = user_data;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) encoder_src = NULL;
  g_autoptr(GstPad) mux_pad = NULL;
  RushesExportStream stream;
  GstElement *chain[4];
  GstElement *encoder;
  guint n = 0;

  stream = _rushes_export_claim_stream (job, pad, &caps);
  if (stream == RUSHES_EXPORT_STREAM_OTHER)
    return;

  chain[n++] = gst_element_factory_make ("queue", NULL);
  if (stream == RUSHES_EXPORT_STREAM_VIDEO)
    {
      chain[n++] = gst_element_factory_make ("videoconvert", NULL);
      chain[n++] = encoder = gst_element_factory_make ("vp9enc", NULL);
      g_object_set (encoder,
                    "target-bitrate", webm_video_bitrate (job->probe.width, job->probe.height),
                    "row-mt", TRUE,
                    "threads", (int) MIN (g_get_num_processors (), 8),
                    /* Realtime speed: good enough at this bitrate, and a
                     * 10 s 1080p clip takes seconds, not minutes. */
                    "deadline", (gint64) 1,
                    "cpu-used", 5,
                    NULL);
      gst_util_set_object_arg (G_OBJECT (encoder), "end-usage", "vbr");
    }
  else
    {
      chain[n++] = gst_element_factory_make ("audioconvert", NULL);
      chain[n++] = gst_element_factory_make ("audioresample", NULL);
      chain[n++] = encoder = gst_element_factory_make ("opusenc", NULL);
      g_object_set (encoder, "bitrate", WEBM_AUDIO_BITRATE, NULL);
    }

  mux_pad = gst_element_request_pad_simple (job->mux, stream == RUSHES_EXPORT_STREAM_VIDEO ? "video_%u" : "audio_%u");
  encoder_src = gst_element_get_static_pad (encoder, "src");
  if (!_rushes_export_add_and_link (GST_BIN (job->pipeline), pad, chain, n) || mux_pad == NULL ||
      gst_pad_link (encoder_src, mux_pad) != GST_PAD_LINK_OK)
    {
      const char *media = gst_structure_get_name (gst_caps_get_structure (caps, 0));

      _rushes_export_set_link_error (job, g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                                                       _("The clip’s %s stream cannot be converted"), media));
      return;
    }

  _rushes_export_stream_linked (job, pad, stream);
}

static gboolean
export_webm (GTask            *task,
             RushesExportJob  *job,
             GError          **error)
{
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new ("export-webm"));
  GstElement *decodebin, *mux;

  if ((decodebin = _rushes_export_make_element ("uridecodebin", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), decodebin);
  g_object_set (decodebin, "uri", job->uri, NULL);

  if ((mux = _rushes_export_add_muxer (job, pipeline, "webmmux", error)) == NULL)
    return FALSE;
  g_object_set (mux, "writing-app", "Rushes", NULL);

  g_signal_connect (decodebin, "pad-added", G_CALLBACK (webm_pad_added_cb), job);

  return _rushes_export_run_pipeline (task, job, pipeline, 0.0, 1.0, error);
}

static guint64
estimate_webm_size (double seconds,
                    int    width,
                    int    height)
{
  double bitrate = webm_video_bitrate (width, height) + WEBM_AUDIO_BITRATE;

  return (guint64) (seconds * bitrate / 8 * WEBM_OVERHEAD) + 4096;
}

const RushesExportFormatInfo _rushes_export_webm = {
  .name = "WebM",
  .extension = "webm",
  .mime_type = "video/webm",
  .elements = webm_elements,
  .run = export_webm,
  .estimate_size = estimate_webm_size,
};
