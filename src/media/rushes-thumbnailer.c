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

#define G_LOG_DOMAIN "rushes-thumbnailer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-core.h"
#include "rushes-media-error-private.h"
#include "rushes-png.h"
#include "rushes-thumbnailer.h"

/*
 * Poster frames for the library: a paused playbin with only its video
 * branch, into an appsink, seeked a little way in (the very first frame of
 * a generated clip is often the start image itself), saved as a PNG no
 * larger than asked. It runs on worker threads and touches no GTK.
 *
 * At most two thumbnails are made at a time: a gallery asking for a
 * thousand must not start a thousand pipelines.
 */

#define MAX_PARALLEL 2
#define POSTER_OFFSET GST_SECOND
/* decodebin can lose a demuxer's error when it races with autoplugging
 * (qtdemux on a truncated MP4 does, about one time in three), and the
 * pipeline then waits for ever without another message. A pipeline quiet
 * for IDLE_TIMEOUT is taken as unreadable; a slow but working one keeps
 * posting state changes and stream messages. */
#define IDLE_TIMEOUT (5 * G_USEC_PER_SEC)
#define TOTAL_TIMEOUT (30 * G_USEC_PER_SEC)
#define POLL_INTERVAL (100 * GST_MSECOND)

typedef struct
{
  GFile *video;
  GFile *output;
  int    max_size;
} MakeData;

static void
make_data_free (MakeData *data)
{
  g_clear_object (&data->video);
  g_clear_object (&data->output);
  g_free (data);
}

/* Waits for the pipeline to preroll (again, after a seek). */
static gboolean
wait_for_preroll (GstElement    *pipeline,
                  const char    *uri,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 start = g_get_monotonic_time ();
  gint64 last_activity = start;

  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;
      gint64 now;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      message = gst_bus_timed_pop (bus, POLL_INTERVAL);
      now = g_get_monotonic_time ();

      if (message == NULL)
        {
          if (now - last_activity > IDLE_TIMEOUT || now - start > TOTAL_TIMEOUT)
            break;
          continue;
        }

      last_activity = now;

      switch ((int) GST_MESSAGE_TYPE (message))
        {
        case GST_MESSAGE_ASYNC_DONE:
        case GST_MESSAGE_EOS:
          return TRUE;

        case GST_MESSAGE_ERROR:
          g_propagate_error (error, _rushes_media_error_from_message (message, uri, NULL));
          return FALSE;

        case GST_MESSAGE_ELEMENT:
          {
            gboolean blocks_video = FALSE;
            g_autofree char *description = _rushes_media_missing_plugin (message, &blocks_video);

            if (description != NULL && blocks_video)
              {
                g_propagate_error (error, _rushes_media_missing_plugin_error (uri, description));
                return FALSE;
              }
          }
          break;

        default:
          break;
        }
    }

  g_debug ("%s did not preroll; taking it as damaged", uri);
  g_propagate_error (error, _rushes_media_stalled_error (uri));
  return FALSE;
}

static gboolean
make_poster (MakeData      *data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *uri = g_file_get_uri (data->video);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstCaps) sink_caps = NULL;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GBytes) png = NULL;
  GstElement *appsink;
  gint64 duration = 0;
  gboolean ok = FALSE;

  pipeline = gst_element_factory_make ("playbin", NULL);
  appsink = gst_element_factory_make ("appsink", NULL);
  if (pipeline == NULL || appsink == NULL)
    {
      if (appsink != NULL)
        gst_object_unref (gst_object_ref_sink (appsink));
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                   _("GStreamer’s playbin and appsink elements are not installed"));
      return FALSE;
    }
  gst_object_ref_sink (pipeline);

  sink_caps = gst_caps_new_simple ("video/x-raw",
                                   "format", G_TYPE_STRING, "RGBA",
                                   NULL);
  g_object_set (appsink,
                "caps", sink_caps,
                "sync", FALSE,
                "enable-last-sample", FALSE,
                NULL);
  /* Only the picture: no audio decoding, no sound device. */
  gst_util_set_object_arg (G_OBJECT (pipeline), "flags", "video");
  g_object_set (pipeline, "uri", uri, "video-sink", appsink, NULL);

  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  if (!wait_for_preroll (pipeline, uri, cancellable, error))
    goto out;

  if (gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration) && duration > 0)
    {
      /* One second in, or a tenth of a shorter clip. */
      gint64 target = MIN (POSTER_OFFSET, duration / 10);

      if (target > 0 &&
          gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                   GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, target) &&
          !wait_for_preroll (pipeline, uri, cancellable, error))
        goto out;
    }

  sample = gst_app_sink_pull_preroll (GST_APP_SINK (appsink));
  if (sample == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->video);

      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("“%s” has no picture"), name);
      goto out;
    }

  /* Beside the output, renamed over it: the gallery never reads half a
   * thumbnail, even after a crash. Private, as the library is. */
  png = rushes_media_sample_to_png (sample, data->max_size, NULL, error);
  ok = png != NULL &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       rushes_file_set_contents (data->output, g_bytes_get_data (png, NULL),
                                 g_bytes_get_size (png), 0600, error);

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

static void
make_poster_job (gpointer job,
                 gpointer user_data)
{
  g_autoptr(GTask) task = job;
  g_autoptr(GError) error = NULL;

  if (make_poster (g_task_get_task_data (task), g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool;

      gst_init (NULL, NULL);
      gst_pb_utils_init ();
      new_pool = g_thread_pool_new (make_poster_job, NULL, MAX_PARALLEL, FALSE, NULL);
      g_once_init_leave (&pool, new_pool);
    }

  return pool;
}

/**
 * rushes_thumbnailer_make_async:
 * @video: the clip
 * @output: where to write the poster frame as PNG; replaced atomically
 * @max_size: the largest width or height, in pixels
 *
 * Makes a poster frame off the main thread: the frame one second in (a
 * tenth of the way for clips under ten seconds), scaled to fit @max_size
 * and never enlarged. Fails with a #RUSHES_MEDIA_ERROR when the clip
 * cannot be read, and leaves @output untouched then.
 */
void
rushes_thumbnailer_make_async (GFile               *video,
                               GFile               *output,
                               int                  max_size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MakeData *data;

  g_return_if_fail (G_IS_FILE (video));
  g_return_if_fail (G_IS_FILE (output));
  g_return_if_fail (max_size > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_thumbnailer_make_async);

  data = g_new0 (MakeData, 1);
  data->video = g_object_ref (video);
  data->output = g_object_ref (output);
  data->max_size = max_size;
  g_task_set_task_data (task, data, (GDestroyNotify) make_data_free);

  g_thread_pool_push (get_pool (), g_steal_pointer (&task), NULL);
}

gboolean
rushes_thumbnailer_make_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_thumbnailer_make_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
