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

#define G_LOG_DOMAIN "rushes-task-runner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-task-runner-private.h"
#include "rushes-text.h"

/* Following a task upstream (its live channel, with adaptive polling as a
 * safety net and as the fallback when the channel fails or drops) and
 * downloading its video. */

/* While a live channel is open, status reads are only a safety net
 * against a connection that died without closing. */
#define WATCH_POLL_FACTOR   10
#define WATCH_POLL_MIN_MS   (30 * 1000)
#define ADAPTIVE_POLL_LIMIT 4

/* Download ---------------------------------------------------------------- */

static void
download_progress_cb (goffset  received,
                      goffset  total,
                      gpointer user_data)
{
  RunData *data = user_data;

  if (total > 0)
    _rushes_task_set_progress (data->task, (double) received / (double) total);
}

/*
 * A video is a video: an MP4 (or QuickTime) starts with a box such as
 * ftyp, a WebM with the Matroska magic. A 39-byte "Access denied" page
 * served with 200 is not, and neither is a file of another size than the
 * provider said.
 */
static gboolean
check_video (RunData  *data,
             GFile    *video,
             GError  **error)
{
  static const char * const mp4_boxes[] = { "ftyp", "moov", "mdat", "free", "skip", "wide", "pdin", NULL };
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *provider = rushes_provider_get_name (data->provider);
  guint8 head[16] = { 0 };
  gsize n_read = 0;
  goffset size;

  info = g_file_query_info (video, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            NULL, &local_error);
  if (info != NULL)
    stream = g_file_read (video, NULL, &local_error);
  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n_read, NULL, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                   _("Cannot read the downloaded video: %s"), local_error->message);
      return FALSE;
    }

  size = g_file_info_get_size (info);
  if (data->video_size > 0 && size != data->video_size)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("The video from %s has %" G_GOFFSET_FORMAT " bytes, not the %" G_GINT64_FORMAT
                     " it reported; the task is kept and its video can be fetched again"),
                   provider, size, data->video_size);
      return FALSE;
    }

  if (n_read >= 8)
    {
      g_autofree char *box = g_strndup ((const char *) head + 4, 4);

      if (g_strv_contains (mp4_boxes, box))
        return TRUE;
    }
  if (n_read >= 4 && memcmp (head, "\x1a\x45\xdf\xa3", 4) == 0)
    return TRUE;

  {
    g_autofree char *start = g_strndup ((const char *) head, n_read);
    g_autofree char *shown = rushes_text_sanitize (start);

    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                 _("What %s served as the video is not a video (%" G_GOFFSET_FORMAT " bytes starting “%s”); "
                   "the task is kept and its video can be fetched again"),
                 provider, size, shown);
  }
  return FALSE;
}

static void
download_succeeded (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GFile) video = g_file_get_child (rushes_task_get_folder (data->task), RUSHES_TASK_VIDEO_NAME);
  g_autoptr(GError) error = NULL;

  if (!check_video (data, video, &error))
    {
      /* Never succeeded with what is not the clip: the record keeps the
       * task downloading, with the reason, for the next run to fetch. */
      g_file_delete (video, NULL, NULL);
      _rushes_task_set_error (data->task, error);
      if (_rushes_task_runner_save (task))
        _rushes_task_runner_complete (task, g_steal_pointer (&error));
      return;
    }

  _rushes_task_set_has_video (data->task, TRUE);
  _rushes_task_set_progress (data->task, 1);
  _rushes_task_set_error (data->task, NULL);
  _rushes_task_set_status_text (data->task, _("Done"));
  _rushes_task_set_state (data->task, RUSHES_TASK_STATE_SUCCEEDED);
  if (_rushes_task_runner_save (task))
    _rushes_task_runner_complete (task, NULL);
}

static void
download_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!rushes_http_download_finish (RUSHES_HTTP (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rushes_task_runner_complete (task, _rushes_task_runner_cancellation_error (data));
      else if (g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_FAILED))
        {
          /* The video is gone or cannot be stored: the task ends here. */
          _rushes_task_runner_fail (task, error);
          _rushes_task_runner_complete (task, g_steal_pointer (&error));
        }
      else
        _rushes_task_runner_complete (task, g_steal_pointer (&error));
      return;
    }

  download_succeeded (task);
}

/* A provider that makes the video on this computer (the Sandbox) hands over
 * a file in the task's own folder; nothing else is taken from the disk, so
 * that no answer from a server can make Rushes copy one of the user's files. */
static GFile *
local_video_file (RushesTask *task,
                  const char *url)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;

  if (!g_str_has_prefix (url, "file:"))
    return NULL;

  file = g_file_new_for_uri (url);
  parent = g_file_get_parent (file);
  if (parent == NULL || !g_file_equal (parent, rushes_task_get_folder (task)))
    return NULL;

  return g_steal_pointer (&file);
}

static void
start_download (GTask      *task,
                const char *url)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GFile) destination = g_file_get_child (rushes_task_get_folder (data->task), RUSHES_TASK_VIDEO_NAME);
  g_autoptr(GFile) local = NULL;

  data->downloading = TRUE;
  _rushes_task_runner_clear_source (&data->poll_source);
  if (data->watch_cancellable != NULL)
    g_cancellable_cancel (data->watch_cancellable);

  /* State first: progress now means the download's, and watchers must
   * never see a running task fall back to 0 %. */
  _rushes_task_set_status_text (data->task, _("Downloading the video"));
  if (rushes_task_get_state (data->task) != RUSHES_TASK_STATE_DOWNLOADING)
    {
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_DOWNLOADING);
      _rushes_task_set_progress (data->task, 0);
      if (!_rushes_task_runner_save (task))
        return;
    }

  if (g_str_has_prefix (url, "file:"))
    {
      g_autoptr(GError) error = NULL;

      /* Only a provider that renders on this computer hands over a file:
       * a server's answer naming one (the task's own input.png) is refused. */
      if (rushes_provider_id_is_local (rushes_task_get_provider_id (data->task)))
        local = local_video_file (data->task, url);
      if (local == NULL)
        error = g_error_new (RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                             _("%s named a local file as the video, outside the task's folder"),
                             rushes_provider_get_name (data->provider));
      else if (!g_file_move (local, destination, G_FILE_COPY_OVERWRITE, data->cancellable, NULL, NULL, &error))
        g_prefix_error (&error, _("Cannot keep the video: "));

      if (error != NULL)
        {
          GError *failure = g_error_new_literal (RUSHES_ERROR,
                                                 g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL)
                                                   ? RUSHES_ERROR_PROTOCOL : RUSHES_ERROR_FAILED,
                                                 error->message);

          if (failure->code == RUSHES_ERROR_FAILED)
            {
              _rushes_task_runner_fail (task, failure);
            }
          _rushes_task_runner_complete (task, failure);
          return;
        }

      download_succeeded (task);
      return;
    }

  rushes_http_download_async (data->self->http, url, destination, download_progress_cb, data,
                              data->cancellable, download_cb, g_object_ref (task));
}

/* Following --------------------------------------------------------------- */

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->poll_source, g_source_unref);
  _rushes_task_runner_follow_status (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (GTask *task,
               guint  delay_ms)
{
  RunData *data = g_task_get_task_data (task);

  /* A cancellation that came while an operation was finishing. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      _rushes_task_runner_complete (task, _rushes_task_runner_cancellation_error (data));
      return;
    }

  _rushes_task_runner_clear_source (&data->poll_source);
  data->poll_source = _rushes_task_runner_add_timeout (task, delay_ms, poll_cb);
}

static guint
watch_poll_interval (RunData *data)
{
  return MAX (data->base_interval_ms * WATCH_POLL_FACTOR, WATCH_POLL_MIN_MS);
}

static guint
next_interval (RunData  *data,
               gboolean  changed)
{
  if (data->watching)
    return watch_poll_interval (data);

  /* Slow down while nothing changes, unless the interval was set by hand. */
  if (changed || rushes_config_get_poll_interval_ms (data->self->config) > 0)
    data->interval_ms = data->base_interval_ms;
  else
    data->interval_ms = MIN (data->interval_ms + data->interval_ms / 2,
                             data->base_interval_ms * ADAPTIVE_POLL_LIMIT);

  return data->interval_ms;
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  RushesTaskState before;
  gboolean changed;

  data->status_in_flight = FALSE;
  status = rushes_provider_status_finish (RUSHES_PROVIDER (object), result, &error);

  if (data->done)
    return;

  if (status == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rushes_task_runner_complete (task, _rushes_task_runner_cancellation_error (data));
      else
        _rushes_task_runner_complete (task, g_steal_pointer (&error));
      return;
    }

  before = rushes_task_get_state (data->task);
  changed = g_strcmp0 (status->message, rushes_task_get_status_text (data->task)) != 0 ||
            (status->progress >= 0 && status->progress != rushes_task_get_progress (data->task));

  switch (status->state)
    {
    case RUSHES_REMOTE_STATE_SUCCEEDED:
      if (status->cost_usd >= 0)
        _rushes_task_set_cost_usd (data->task, status->cost_usd);
      if (status->video_url == NULL)
        {
          g_autoptr(GError) failure = g_error_new (RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                                   _("%s finished the task without a video"),
                                                   rushes_provider_get_name (data->provider));

          _rushes_task_runner_fail (task, failure);
          _rushes_task_runner_complete (task, g_steal_pointer (&failure));
          return;
        }
      data->video_size = status->video_size;
      start_download (task, status->video_url);
      return;

    case RUSHES_REMOTE_STATE_FAILED:
      {
        g_autoptr(GError) failure = g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                                         status->message != NULL
                                                           ? status->message
                                                           : _("The generation failed"));

        if (status->cost_usd >= 0)
          _rushes_task_set_cost_usd (data->task, status->cost_usd);
        _rushes_task_set_status_text (data->task, NULL);
        _rushes_task_runner_fail (task, failure);
        _rushes_task_runner_complete (task, g_steal_pointer (&failure));
      }
      return;

    case RUSHES_REMOTE_STATE_CANCELLED:
      _rushes_task_set_status_text (data->task, status->message);
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_CANCELLED);
      if (_rushes_task_runner_save (task))
        _rushes_task_runner_complete (task, g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_CANCELLED,
                                               _("The task was cancelled")));
      return;

    case RUSHES_REMOTE_STATE_QUEUED:
    case RUSHES_REMOTE_STATE_RUNNING:
    default:
      _rushes_task_runner_apply_progress (task, status);
      if (data->done)
        return;
      break;
    }

  /* A download interrupted by a restart needs the outcome first; a task
   * upstream says is still running cannot be downloading. */
  if (before == RUSHES_TASK_STATE_DOWNLOADING)
    {
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_RUNNING);
      if (!_rushes_task_runner_save (task))
        return;
    }

  changed |= rushes_task_get_state (data->task) != before;
  if (data->status_again)
    {
      data->status_again = FALSE;
      _rushes_task_runner_follow_status (task);
      return;
    }
  schedule_poll (task, next_interval (data, changed));
}

void
_rushes_task_runner_follow_status (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  if (data->done || data->downloading)
    return;

  if (data->status_in_flight)
    {
      data->status_again = TRUE;
      return;
    }

  _rushes_task_runner_clear_source (&data->poll_source);
  data->status_in_flight = TRUE;
  rushes_provider_status_async (data->provider, data->credentials, data->model, data->task,
                                data->cancellable, status_cb, g_object_ref (task));
}

static void
watch_update_cb (const RushesRemoteStatus *status,
                 gpointer                  user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);

  if (data->done || data->downloading)
    return;

  /* Outcomes come from the status read that follows a terminal event. */
  if (status->state == RUSHES_REMOTE_STATE_QUEUED || status->state == RUSHES_REMOTE_STATE_RUNNING)
    _rushes_task_runner_apply_progress (task, status);
}

static void
watch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean terminal;

  terminal = rushes_provider_watch_finish (RUSHES_PROVIDER (object), result, &error);
  data->watching = FALSE;

  if (data->done || data->downloading || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (terminal)
    {
      _rushes_task_runner_follow_status (task);
      return;
    }

  /* The live channel failed or dropped: polling takes over at full rate. */
  g_debug ("Live channel for task %s ended: %s", rushes_task_get_id (data->task), error->message);
  if (data->poll_source != NULL)
    schedule_poll (task, data->base_interval_ms);
}

void
_rushes_task_runner_follow_start (GTask *task,
                                  guint  first_delay_ms)
{
  RunData *data = g_task_get_task_data (task);
  guint override = rushes_config_get_poll_interval_ms (data->self->config);

  data->base_interval_ms = override > 0 ? override : _rushes_model_get_poll_interval_ms (data->model);
  data->interval_ms = data->base_interval_ms;

  if (g_cancellable_is_cancelled (data->cancellable))
    {
      _rushes_task_runner_complete (task, _rushes_task_runner_cancellation_error (data));
      return;
    }

  if (rushes_task_get_state (data->task) != RUSHES_TASK_STATE_DOWNLOADING &&
      rushes_provider_can_watch (data->provider))
    {
      g_clear_object (&data->watch_cancellable);
      data->watch_cancellable = g_cancellable_new ();
      g_signal_connect_object (data->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                               data->watch_cancellable, G_CONNECT_SWAPPED);
      data->watching = TRUE;
      rushes_provider_watch_async (data->provider, data->credentials, data->model, data->task,
                                   watch_update_cb, task, data->watch_cancellable,
                                   watch_cb, g_object_ref (task));
    }

  /* With a live channel open, one status read soon after still checks
   * the task: a task that failed before it ran (Wiro's task_error) sends
   * no frame at all. Later reads are only the slow safety net. */
  if (data->watching)
    first_delay_ms = MAX (first_delay_ms, data->base_interval_ms);
  schedule_poll (task, first_delay_ms);
}

