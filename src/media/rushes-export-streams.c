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

/* What MP4 and WebM share: the clip's streams, as a demuxer or a decoder
 * finds them, into a muxer that writes the temporary file. The pads appear
 * on streaming threads; errors found there wait in the job for
 * _rushes_export_run_pipeline(). */

static GstPadProbeReturn
position_probe_cb (GstPad          *pad,
                   GstPadProbeInfo *info,
                   gpointer         user_data)
{
  RushesExportJob *job = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  if (GST_BUFFER_PTS_IS_VALID (buffer))
    {
      g_mutex_lock (&job->mutex);
      job->position = MAX (job->position, (gint64) GST_BUFFER_PTS (buffer));
      g_mutex_unlock (&job->mutex);
    }

  return GST_PAD_PROBE_OK;
}

void
_rushes_export_set_link_error (RushesExportJob *job,
                               GError          *error)
{
  g_mutex_lock (&job->mutex);
  if (job->link_error == NULL)
    job->link_error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&job->mutex);
}

gboolean
_rushes_export_add_and_link (GstBin      *bin,
                             GstPad      *source_pad,
                             GstElement **chain,
                             guint        n_elements)
{
  g_autoptr(GstPad) sink_pad = NULL;

  for (guint i = 0; i < n_elements; i++)
    gst_bin_add (bin, chain[i]);

  for (guint i = 0; i + 1 < n_elements; i++)
    if (!gst_element_link (chain[i], chain[i + 1]))
      return FALSE;

  for (guint i = n_elements; i > 0; i--)
    gst_element_sync_state_with_parent (chain[i - 1]);

  sink_pad = gst_element_get_static_pad (chain[0], "sink");
  return gst_pad_link (source_pad, sink_pad) == GST_PAD_LINK_OK;
}

/* A stream the export does not keep still has to flow somewhere. */
void
_rushes_export_link_to_fakesink (RushesExportJob *job,
                                 GstPad          *pad)
{
  GstElement *fakesink = gst_element_factory_make ("fakesink", NULL);

  g_object_set (fakesink, "sync", FALSE, "async", FALSE, NULL);
  _rushes_export_add_and_link (GST_BIN (job->pipeline), pad, &fakesink, 1);
}

/* For a demuxer's or decoder's new pad: whether it is the first video or
 * the first sound, which the export keeps, with its @caps. Any other
 * stream (timecodes, subtitles, a second video) goes to a fake sink. */
RushesExportStream
_rushes_export_claim_stream (RushesExportJob  *job,
                             GstPad           *pad,
                             GstCaps         **caps)
{
  RushesExportStream stream = RUSHES_EXPORT_STREAM_OTHER;
  const char *media;

  *caps = gst_pad_get_current_caps (pad);
  if (*caps == NULL)
    *caps = gst_pad_query_caps (pad, NULL);
  media = gst_structure_get_name (gst_caps_get_structure (*caps, 0));

  g_mutex_lock (&job->mutex);
  if (g_str_has_prefix (media, "video/") && !job->linked_video)
    stream = RUSHES_EXPORT_STREAM_VIDEO;
  else if (g_str_has_prefix (media, "audio/") && !job->linked_audio)
    stream = RUSHES_EXPORT_STREAM_AUDIO;
  g_mutex_unlock (&job->mutex);

  if (stream == RUSHES_EXPORT_STREAM_OTHER)
    _rushes_export_link_to_fakesink (job, pad);

  return stream;
}

/* The stream from @pad reaches the muxer; progress follows the video. */
void
_rushes_export_stream_linked (RushesExportJob    *job,
                              GstPad             *pad,
                              RushesExportStream  stream)
{
  g_mutex_lock (&job->mutex);
  if (stream == RUSHES_EXPORT_STREAM_VIDEO)
    job->linked_video = TRUE;
  else
    job->linked_audio = TRUE;
  g_mutex_unlock (&job->mutex);

  if (stream == RUSHES_EXPORT_STREAM_VIDEO)
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, position_probe_cb, job, NULL);
}

static GstTagList *
make_tags (RushesExportJob *job)
{
  GstTagList *tags = gst_tag_list_new_empty ();

  if (job->title != NULL && *job->title != '\0')
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_TITLE, job->title, NULL);
  if (job->comment != NULL && *job->comment != '\0')
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_COMMENT, job->comment, NULL);
  if (job->settings != NULL && *job->settings != '\0')
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_DESCRIPTION, job->settings, NULL);

  return tags;
}

static GstElement *
make_file_sink (RushesExportJob  *job,
                GError          **error)
{
  GstElement *sink = _rushes_export_make_element ("filesink", error);

  /* filesink truncates the temporary file and keeps its mode. */
  if (sink != NULL)
    g_object_set (sink,
                  "location", g_file_peek_path (job->temp),
                  "sync", FALSE,
                  "async", FALSE,
                  NULL);

  return sink;
}

/* For the formats made from the clip's streams: the muxer, with the tags,
 * into the temporary file. */
GstElement *
_rushes_export_add_muxer (RushesExportJob  *job,
                          GstElement       *pipeline,
                          const char       *factory,
                          GError          **error)
{
  g_autoptr(GstTagList) tags = make_tags (job);
  GstElement *mux, *sink;

  if ((mux = _rushes_export_make_element (factory, error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), mux);
  if ((sink = make_file_sink (job, error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), sink);

  if (!gst_element_link (mux, sink))
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("The export pipeline cannot be built"));
      return NULL;
    }

  gst_tag_setter_merge_tags (GST_TAG_SETTER (mux), tags, GST_TAG_MERGE_REPLACE);
  job->mux = mux;
  job->sink = sink;

  return mux;
}
