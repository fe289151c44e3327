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

#define G_LOG_DOMAIN "rushes-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-http-private.h"
#include "rushes-text.h"

#define DOWNLOAD_BUFFER_SIZE   (1024 * 1024)
/* Attempts of one download in all, with or without progress: a server that
 * drops every connection after a few bytes makes progress each time and
 * would otherwise be retried for ever. Twenty drops of a healthy CDN in one
 * run do not happen; the next run resumes from the .part anyway. */
#define DOWNLOAD_MAX_ATTEMPTS  20

typedef struct
{
  RushesHttp            *self;
  char                  *url;
  GFile                 *destination;
  GFile                 *part;
  RushesHttpProgressFunc progress;
  gpointer               progress_data;
  GCancellable          *cancellable;          /* the caller's */
  /* One attempt (one request) */
  SoupMessage           *message;
  GInputStream          *input;
  GOutputStream         *output;
  GCancellable          *attempt_cancellable;  /* stops the read in flight */
  gulong                 cancelled_id;
  GError                *error;                /* why the attempt ends */
  guint8                *buffers[2];
  guint                  current;              /* the buffer reads go to */
  gsize                  filled;               /* bytes read into it, not yet written */
  gsize                  writing;              /* bytes of the write in flight */
  /* The whole download */
  goffset                offset;               /* bytes in the .part file */
  goffset                total;
  guint                  failures;             /* attempts in a row without progress */
  guint                  attempts;
  guint                  retry_id;
  guint                  stall_id;
  guint64                window_received;      /* bytes since the stall window began */
  guint                  restart : 1;          /* the .part cannot be resumed */
  guint                  waited_on_disk : 1;   /* both buffers full in this stall window */
  guint                  read_pending : 1;
  guint                  write_pending : 1;
  guint                  read_done : 1;
  guint                  discard : 1;          /* a write failed: keep nothing more */
  guint                  error_final : 1;      /* no retry after this attempt */
} DownloadData;

static void
download_data_free (DownloadData *data)
{
  g_assert (!data->read_pending && !data->write_pending);

  g_clear_handle_id (&data->retry_id, g_source_remove);
  g_clear_handle_id (&data->stall_id, g_source_remove);
  g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->self);
  g_free (data->url);
  g_clear_object (&data->destination);
  g_clear_object (&data->part);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->message);
  g_clear_object (&data->input);
  g_clear_object (&data->output);
  g_clear_object (&data->attempt_cancellable);
  g_clear_error (&data->error);
  g_free (data->buffers[0]);
  g_free (data->buffers[1]);
  g_free (data);
}

static void download_attempt (GTask *task);

/* ------------------------------------------------------------------ */
/* Downloads */

/* Network reads and disk writes overlap: reads fill one buffer while the
 * other is being written (on GIO's worker thread, as GLocalFileOutputStream
 * has no pollable writes). A write takes everything read since the last
 * one, so writes grow to a whole buffer when the disk is the slower side
 * and stay small (the .part up to date) on a slow link. */
static void download_pump (GTask *task);

static gboolean
download_retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  DownloadData *data = g_task_get_task_data (task);

  data->retry_id = 0;
  download_attempt (task);
  return G_SOURCE_REMOVE;
}

static void
download_end_attempt (DownloadData *data)
{
  g_clear_handle_id (&data->stall_id, g_source_remove);
  g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  data->cancelled_id = 0;
  g_clear_object (&data->attempt_cancellable);
  g_clear_object (&data->input);
  g_clear_object (&data->output);
  g_clear_object (&data->message);
  data->filled = 0;
  data->read_done = FALSE;
  data->discard = FALSE;
}

/* A drop mid-body is retried from where it stopped; only attempts that make
 * no progress count against the limit. */
static void
download_retry_or_fail (GTask   *task,
                        guint    delay_ms,
                        GError  *error)
{
  DownloadData *data = g_task_get_task_data (task);

  download_end_attempt (data);

  if (g_task_return_error_if_cancelled (task))
    {
      g_error_free (error);
      return;
    }

  if (++data->failures >= data->self->max_attempts)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->attempts >= DOWNLOAD_MAX_ATTEMPTS)
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                               _("Gave up the download after %u interrupted attempts (%s); the next "
                                 "run resumes it"), data->attempts, error->message);
      g_error_free (error);
      return;
    }

  rushes_http_log (data->self, "   download interrupted at %" G_GOFFSET_FORMAT " bytes (%s); "
                   "resuming in %u ms", data->offset, error->message, delay_ms);
  g_error_free (error);
  data->retry_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, download_retry_cb,
                                       g_object_ref (task), g_object_unref);
}

static void
download_done (GTask *task)
{
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->destination);

  download_end_attempt (data);

  if (!g_file_move (data->part, data->destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                               _("Cannot save the video as %s: %s"), path, error->message);
      return;
    }

  rushes_http_log (data->self, "   download complete: %" G_GOFFSET_FORMAT " bytes", data->offset);
  g_task_return_boolean (task, TRUE);
}

/* Records why the attempt ends and stops reading; the first reason wins,
 * except that a final one (disk, cancellation) replaces a retryable one. */
static void
download_set_error (DownloadData *data,
                    GError       *error,
                    gboolean      final)
{
  data->read_done = TRUE;

  if (data->error != NULL && (data->error_final || !final))
    {
      g_error_free (error);
      return;
    }

  g_clear_error (&data->error);
  data->error = error;
  data->error_final = final;
  if (data->attempt_cancellable != NULL)
    g_cancellable_cancel (data->attempt_cancellable);
}

static gboolean
download_stall_cb (gpointer user_data)
{
  DownloadData *data = user_data;
  RushesConfig *config = data->self->config;
  guint window_ms = rushes_config_get_download_stall_ms (config);
  guint64 least = (guint64) rushes_config_get_download_min_rate (config) * window_ms / 1000;
  g_autofree char *rate = NULL;

  /* A window in which reading waited for the disk says nothing of the link. */
  if (data->window_received >= least || data->waited_on_disk)
    {
      data->window_received = 0;
      data->waited_on_disk = FALSE;
      return G_SOURCE_CONTINUE;
    }

  data->stall_id = 0;
  rate = g_format_size (rushes_config_get_download_min_rate (config));
  rushes_http_log (data->self, "   download stalled: %" G_GUINT64_FORMAT " bytes in %u ms",
                   data->window_received, window_ms);
  /* Final: the same connection would stall again within the run; the
   * next run resumes from the .part. */
  download_set_error (data, g_error_new (RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                                         _("The download from %s stalled (less than %s/s for %.0f s); "
                                           "the next run resumes it"),
                                         _rushes_http_host_of (data->message), rate, window_ms / 1000.0),
                      TRUE);
  return G_SOURCE_REMOVE;
}

static void
download_close_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) close_error = NULL;
  GError *error = g_steal_pointer (&data->error);
  gboolean final = data->error_final;

  data->error_final = FALSE;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &close_error) && error == NULL)
    {
      g_autofree char *path = g_file_get_path (data->part);

      download_end_attempt (data);
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                               _("Cannot write %s: %s"), path, close_error->message);
      return;
    }

  if (error == NULL)
    download_done (task);
  else if (final)
    {
      download_end_attempt (data);
      g_task_return_error (task, error);
    }
  else
    download_retry_or_fail (task, _rushes_http_backoff_ms (data->self, data->failures + 1), error);
}

static void
download_write_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  data->write_pending = FALSE;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, &error))
    {
      g_autofree char *path = g_file_get_path (data->part);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        download_set_error (data, g_steal_pointer (&error), TRUE);
      else
        download_set_error (data, g_error_new (RUSHES_ERROR, RUSHES_ERROR_FAILED, _("Cannot write %s: %s"),
                                               path, error->message), TRUE);
      /* Nothing more goes to the .part after a hole. */
      data->discard = TRUE;
    }
  else
    {
      data->offset += written;
      data->failures = 0;
      if (data->progress != NULL)
        data->progress (data->offset, data->total, data->progress_data);
    }

  download_pump (task);
}

static void
download_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n_read;

  data->read_pending = FALSE;
  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n_read < 0)
    {
      if (g_cancellable_is_cancelled (data->cancellable))
        {
          data->discard = TRUE;
          download_set_error (data, error, TRUE);
        }
      else if (data->error != NULL)
        g_error_free (error);  /* the attempt was stopped on purpose */
      else
        {
          download_set_error (data, g_error_new (RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                                                 _("The download from %s broke off: %s"),
                                                 _rushes_http_host_of (data->message), error->message), FALSE);
          g_error_free (error);
        }
    }
  else if (n_read == 0)
    {
      goffset received = data->offset + (goffset) data->filled + (data->write_pending ? data->writing : 0);

      data->read_done = TRUE;
      if (data->total >= 0 && received != data->total)
        download_set_error (data, g_error_new (RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                                               _("The download of %s stopped at %" G_GOFFSET_FORMAT
                                                 " of %" G_GOFFSET_FORMAT " bytes"),
                                               _rushes_http_host_of (data->message), received, data->total),
                            FALSE);
    }
  else
    {
      data->filled += n_read;
      data->window_received += n_read;
      if (data->offset + (goffset) data->filled + (data->write_pending ? (goffset) data->writing : 0) >
          RUSHES_HTTP_MAX_VIDEO_SIZE)
        {
          g_autofree char *limit = g_format_size (RUSHES_HTTP_MAX_VIDEO_SIZE);

          data->filled = 0;
          download_set_error (data, g_error_new (RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                                                 _("The video from %s is larger than %s"),
                                                 _rushes_http_host_of (data->message), limit),
                              TRUE);
        }
    }

  download_pump (task);
}

static void
download_pump (GTask *task)
{
  DownloadData *data = g_task_get_task_data (task);

  /* A write never takes the buffer a read is filling. */
  if (!data->write_pending && !data->read_pending && data->filled > 0 && !data->discard)
    {
      data->write_pending = TRUE;
      data->writing = data->filled;
      g_output_stream_write_all_async (data->output, data->buffers[data->current], data->filled,
                                       G_PRIORITY_DEFAULT, data->cancellable,
                                       download_write_cb, g_object_ref (task));
      data->current ^= 1;
      data->filled = 0;
    }

  if (!data->read_pending && !data->read_done && data->filled < DOWNLOAD_BUFFER_SIZE)
    {
      data->read_pending = TRUE;
      g_input_stream_read_async (data->input, data->buffers[data->current] + data->filled,
                                 DOWNLOAD_BUFFER_SIZE - data->filled, G_PRIORITY_DEFAULT,
                                 data->attempt_cancellable, download_read_cb, g_object_ref (task));
    }
  else if (!data->read_pending && !data->read_done)
    data->waited_on_disk = TRUE;

  /* The .part is closed before the outcome, so that a retry or the next
   * run resumes from every byte that was written. */
  if (data->read_done && !data->read_pending && !data->write_pending)
    {
      g_clear_handle_id (&data->stall_id, g_source_remove);
      g_output_stream_close_async (data->output, G_PRIORITY_DEFAULT, NULL,
                                   download_close_cb, g_object_ref (task));
    }
}

static void
download_open_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GFileOutputStream *output;

  if (data->offset > 0)
    output = g_file_append_to_finish (G_FILE (object), result, &error);
  else
    output = g_file_replace_finish (G_FILE (object), result, &error);

  if (output == NULL)
    {
      g_autofree char *path = g_file_get_path (data->part);

      download_end_attempt (data);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                 _("Cannot write %s: %s"), path, error->message);
      return;
    }

  data->output = G_OUTPUT_STREAM (output);
  download_pump (task);
}

static void
download_send_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  guint status;
  goffset start = 0, end = 0, total = -1;

  data->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->input == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, error);
      else
        download_retry_or_fail (task, _rushes_http_backoff_ms (data->self, data->failures + 1),
                                g_error_new (RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                                             _("Cannot download the video from %s: %s"),
                                             _rushes_http_host_of (data->message), error->message));
      g_clear_error (&error);
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);
  if (rushes_config_get_debug_http (data->self->config))
    {
      g_autofree char *reason = rushes_text_sanitize (soup_message_get_reason_phrase (data->message));

      rushes_http_log (data->self, "<- %u %s (download from byte %" G_GOFFSET_FORMAT ")",
                       status, reason, data->offset);
    }

  if (status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE && data->offset > 0)
    {
      /* The .part may already be whole: the drop came after the last byte. */
      if (soup_message_headers_get_content_range (headers, &start, &end, &total) && total == data->offset)
        {
          g_clear_object (&data->input);
          download_done (task);
          return;
        }
      data->restart = TRUE;
      download_retry_or_fail (task, 0, g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                                                            _("The server refused to resume the download")));
      return;
    }

  if (_rushes_http_status_is_retryable (status))
    {
      download_retry_or_fail (task,
                              _rushes_http_retry_after_ms (data->message,
                                                           _rushes_http_backoff_ms (data->self, data->failures + 1)),
                              g_error_new (RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE,
                                           _("%s answered HTTP %u to the download"),
                                           _rushes_http_host_of (data->message), status));
      return;
    }

  if (status == SOUP_STATUS_PARTIAL_CONTENT && data->offset > 0)
    {
      if (!soup_message_headers_get_content_range (headers, &start, &end, &total) || start != data->offset)
        {
          data->restart = TRUE;
          download_retry_or_fail (task, 0,
                                  g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                                                       _("The server resumed the download at the wrong place")));
          return;
        }
      data->total = total;
    }
  else if (status == SOUP_STATUS_OK)
    {
      /* No resume offered: start the file again. */
      data->offset = 0;
      data->total = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
        ? soup_message_headers_get_content_length (headers) : -1;
    }
  else
    {
      g_clear_object (&data->input);
      if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE || status == SOUP_STATUS_FORBIDDEN)
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                 _("The video is no longer available from %s (HTTP %u)"),
                                 _rushes_http_host_of (data->message), status);
      else
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                 _("%s refused the download (HTTP %u)"), _rushes_http_host_of (data->message), status);
      return;
    }

  /* Refused before a byte is written: a hostile or broken server must not
   * fill the disk. */
  if (data->total > RUSHES_HTTP_MAX_VIDEO_SIZE)
    {
      g_autofree char *size = g_format_size (data->total);
      g_autofree char *limit = g_format_size (RUSHES_HTTP_MAX_VIDEO_SIZE);

      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                               _("%s offers a video of %s, larger than the %s Rushes accepts"),
                               _rushes_http_host_of (data->message), size, limit);
      download_end_attempt (data);
      return;
    }

  data->attempt_cancellable = g_cancellable_new ();
  if (data->cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (data->cancellable, G_CALLBACK (_rushes_http_send_user_cancelled_cb),
                                                data->attempt_cancellable, NULL);
  data->window_received = 0;
  data->waited_on_disk = FALSE;
  if (rushes_config_get_download_min_rate (data->self->config) > 0)
    data->stall_id = g_timeout_add (rushes_config_get_download_stall_ms (data->self->config),
                                    download_stall_cb, data);

  if (data->offset > 0)
    g_file_append_to_async (data->part, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                            g_task_get_cancellable (task), download_open_cb, g_object_ref (task));
  else
    g_file_replace_async (data->part, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, G_PRIORITY_DEFAULT,
                          g_task_get_cancellable (task), download_open_cb, g_object_ref (task));
}

static void
download_attempt (GTask *task)
{
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *uri = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Whatever is in the .part file is the resume point, unless the server
   * could not resume from it: then the file starts again. */
  data->attempts++;
  if (!data->restart)
    info = g_file_query_info (data->part, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  /* Only a .part of our own is resumed: a link planted in its place is
   * removed (not what it names), and the download starts again. */
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_clear_object (&info);
      g_file_delete (data->part, NULL, NULL);
    }
  data->offset = info != NULL ? g_file_info_get_size (info) : 0;
  data->restart = FALSE;

  g_clear_object (&data->message);
  data->message = soup_message_new (SOUP_METHOD_GET, data->url);
  if (data->message == NULL)
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                               _("The video address “%s” is not a valid URL"), data->url);
      return;
    }
  if (data->offset > 0)
    soup_message_headers_set_range (soup_message_get_request_headers (data->message), data->offset, -1);

  uri = _rushes_http_loggable_uri (soup_message_get_uri (data->message));
  rushes_http_log (data->self, "-> GET %s (from byte %" G_GOFFSET_FORMAT ")", uri, data->offset);

  soup_session_send_async (data->self->session, data->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), download_send_cb, g_object_ref (task));
}

/**
 * rushes_http_download_async:
 * @url: the video's address
 * @destination: the final file; bytes go to `<destination>.part` first
 * @progress: (nullable): called after each write to the .part with the
 *   bytes it holds and the total (-1 when unknown)
 * @progress_data: data for @progress; must stay valid until the end
 *
 * Streams @url to disk through two fixed buffers (constant memory
 * whatever the size), reading the network while the disk writes. A dropped
 * connection resumes with a Range request from the bytes already in the
 * .part file (also across runs); the length is checked against
 * Content-Length / Content-Range; the .part file is renamed to
 * @destination only when whole.
 *
 * The download is given up with %RUSHES_ERROR_UNREACHABLE, its .part kept
 * for the next run, when it receives less than
 * #RushesConfig:download-min-rate on average over a
 * #RushesConfig:download-stall-ms window, or after
 * 20 interrupted attempts in all; a video larger than
 * %RUSHES_HTTP_MAX_VIDEO_SIZE is refused with %RUSHES_ERROR_PROTOCOL,
 * before anything is written when the server announces its size.
 * %RUSHES_ERROR_FAILED means the video is gone or cannot be stored.
 */
void
rushes_http_download_async (RushesHttp             *self,
                            const char             *url,
                            GFile                  *destination,
                            RushesHttpProgressFunc  progress,
                            gpointer                progress_data,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *part_path = NULL;
  DownloadData *data;

  g_return_if_fail (RUSHES_IS_HTTP (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  part_path = g_strdup_printf ("%s.part", g_file_peek_path (destination));

  data = g_new0 (DownloadData, 1);
  data->self = g_object_ref (self);
  data->url = g_strdup (url);
  data->destination = g_object_ref (destination);
  data->part = g_file_new_for_path (part_path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->buffers[0] = g_malloc (DOWNLOAD_BUFFER_SIZE);
  data->buffers[1] = g_malloc (DOWNLOAD_BUFFER_SIZE);
  data->total = -1;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_http_download_async);
  g_task_set_task_data (task, data, (GDestroyNotify) download_data_free);
  download_attempt (task);
}

gboolean
rushes_http_download_finish (RushesHttp    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_HTTP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

