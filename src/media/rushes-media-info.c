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

#define G_LOG_DOMAIN "rushes-media-info"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-media-error.h"
#include "rushes-media-info.h"

/* Generous: two shared cores may be busy rendering. */
#define PROBE_TIMEOUT (30 * GST_SECOND)

G_DEFINE_BOXED_TYPE (RushesMediaInfo, rushes_media_info, rushes_media_info_copy, rushes_media_info_free)

RushesMediaInfo *
rushes_media_info_copy (const RushesMediaInfo *info)
{
  RushesMediaInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->video_codec = g_strdup (info->video_codec);
  copy->audio_codec = g_strdup (info->audio_codec);

  return copy;
}

void
rushes_media_info_free (RushesMediaInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->video_codec);
  g_free (info->audio_codec);
  g_free (info);
}

static char *
describe_codec (GstDiscovererStreamInfo *stream)
{
  g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (stream);

  return caps != NULL && !gst_caps_is_empty (caps) ? gst_pb_utils_get_codec_description (caps) : NULL;
}

/**
 * rushes_media_info_probe:
 * @file: a video file
 * @error: a #RUSHES_MEDIA_ERROR naming the file when it is missing, cannot
 *   be read or has no picture
 *
 * Reads what @file holds from its headers. Blocks for as long as
 * GStreamer takes: call it off the main thread, or use the async variant.
 *
 * Returns: (transfer full): what the video is
 */
RushesMediaInfo *
rushes_media_info_probe (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RushesMediaInfo) media = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  GList *videos, *audios;
  GstDiscovererVideoInfo *video;
  guint par_n, par_d;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  uri = g_file_get_uri (file);
  name = g_file_get_parse_name (file);

  discoverer = gst_discoverer_new (PROBE_TIMEOUT, error);
  if (discoverer == NULL)
    return NULL;

  info = gst_discoverer_discover_uri (discoverer, uri, &local_error);
  if (info == NULL || gst_discoverer_info_get_result (info) == GST_DISCOVERER_URI_INVALID ||
      gst_discoverer_info_get_result (info) == GST_DISCOVERER_ERROR ||
      gst_discoverer_info_get_result (info) == GST_DISCOVERER_TIMEOUT)
    {
      g_set_error (error, RUSHES_MEDIA_ERROR,
                   g_file_query_exists (file, NULL) ? RUSHES_MEDIA_ERROR_INVALID : RUSHES_MEDIA_ERROR_NOT_FOUND,
                   /* Translators: a file, then the reason */
                   _("The video %s cannot be read: %s"), name,
                   local_error != NULL ? local_error->message : _("not a video GStreamer can read"));
      return NULL;
    }

  videos = gst_discoverer_info_get_video_streams (info);
  if (videos == NULL)
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("The video %s has no picture"), name);
      return NULL;
    }

  media = g_new0 (RushesMediaInfo, 1);
  video = videos->data;
  par_n = gst_discoverer_video_info_get_par_num (video);
  par_d = gst_discoverer_video_info_get_par_denom (video);
  media->width = gst_discoverer_video_info_get_width (video);
  media->height = gst_discoverer_video_info_get_height (video);
  if (par_n > 0 && par_d > 0 && par_n != par_d)
    media->width = (int) gst_util_uint64_scale_int_round (media->width, par_n, par_d);
  media->fps_n = gst_discoverer_video_info_get_framerate_num (video);
  media->fps_d = gst_discoverer_video_info_get_framerate_denom (video);
  if (media->fps_n <= 0 || media->fps_d <= 0)
    media->fps_n = media->fps_d = 0;
  media->video_codec = describe_codec (videos->data);
  gst_discoverer_stream_info_list_free (videos);

  audios = gst_discoverer_info_get_audio_streams (info);
  media->has_audio = audios != NULL;
  if (audios != NULL)
    media->audio_codec = describe_codec (audios->data);
  gst_discoverer_stream_info_list_free (audios);

  media->duration = GST_CLOCK_TIME_IS_VALID (gst_discoverer_info_get_duration (info))
                    ? (gint64) (gst_discoverer_info_get_duration (info) / GST_USECOND) : 0;

  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (file_info != NULL)
    media->size = (guint64) g_file_info_get_size (file_info);

  g_debug ("%s: %d×%d at %d/%d, %" G_GINT64_FORMAT " ms, %s, %s", name, media->width, media->height,
           media->fps_n, media->fps_d, media->duration / 1000,
           media->video_codec != NULL ? media->video_codec : "?",
           media->has_audio ? (media->audio_codec != NULL ? media->audio_codec : "?") : "silent");

  return g_steal_pointer (&media);
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  RushesMediaInfo *info = rushes_media_info_probe (task_data, cancellable, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) rushes_media_info_free);
}

/**
 * rushes_media_info_probe_async:
 * @file: a video file
 *
 * Reads what @file holds on a worker thread.
 */
void
rushes_media_info_probe_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_media_info_probe_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, probe_thread);
}

/**
 * rushes_media_info_probe_finish:
 *
 * Returns: (transfer full): what the video is, or %NULL with @error set
 */
RushesMediaInfo *
rushes_media_info_probe_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_media_info_probe_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
