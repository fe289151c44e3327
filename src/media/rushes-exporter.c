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

#include <errno.h>
#include <math.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-exporter-private.h"
#include "rushes-media-error-private.h"

/*
 * Exports run on a worker thread each, as short GStreamer pipelines that
 * the thread drives by polling the bus (as the thumbnailer does), so that
 * cancellation is noticed within a tenth of a second. Nothing touches GTK;
 * progress reaches the caller's main context through one pending idle at a
 * time, however fast the pipeline runs: 0 first, whatever happens next,
 * then the pipeline's position, then 1 once the file is in place.
 *
 * The output goes to a hidden file beside the destination, renamed over it
 * at the very end (rushes_file_commit()): an export that fails or is
 * cancelled leaves nothing behind, and one that succeeds never shows a
 * half-written file, even after a power cut.
 */

#define PROBE_TIMEOUT (30 * GST_SECOND)
/* 1 is kept for when the file is in place. */
#define MAX_PROGRESS_BEFORE_COMMIT 0.99
/* Smaller steps are not worth a trip to the main context. */
#define MIN_PROGRESS_STEP 0.002

static const RushesExportFormatInfo *
format_info (RushesExportFormat format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return &_rushes_export_mp4;
    case RUSHES_EXPORT_FORMAT_PNG:
      return &_rushes_export_frame;
    case RUSHES_EXPORT_FORMAT_GIF:
      return &_rushes_export_gif;
    case RUSHES_EXPORT_FORMAT_WEBM:
      return &_rushes_export_webm;
    default:
      return NULL;
    }
}

static void
export_job_free (RushesExportJob *job)
{
  g_clear_object (&job->video);
  g_clear_object (&job->destination);
  g_clear_object (&job->temp);
  g_free (job->uri);
  g_free (job->title);
  g_free (job->comment);
  g_free (job->settings);
  g_clear_error (&job->link_error);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesExportJob, export_job_free)

static void
ensure_gstreamer (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      gst_init (NULL, NULL);
      gst_pb_utils_init ();
      g_once_init_leave (&initialised, 1);
    }
}

static gboolean
require_elements (const RushesExportFormatInfo  *info,
                  GError                       **error)
{
  for (guint i = 0; info->elements[i].element != NULL; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (info->elements[i].element);

      if (factory == NULL)
        {
          g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                       /* Translators: “Exporting to WebM needs the GStreamer element
                        * “vp9enc”, which is not installed (Debian package
                        * gstreamer1.0-plugins-good)” */
                       _("Exporting to %s needs the GStreamer element “%s”, which is not installed (Debian package %s)"),
                       info->name, info->elements[i].element, info->elements[i].package);
          return FALSE;
        }
    }

  return TRUE;
}

GstElement *
_rushes_export_make_element (const char  *factory,
                             GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                 _("The GStreamer element “%s” is not installed"), factory);

  return element;
}

char *
_rushes_export_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "");
}

/* The display size of the first video stream, its duration, and whether
 * there is sound. */
static gboolean
probe_video (GFile              *video,
             RushesExportProbe  *probe,
             GError            **error)
{
  g_autofree char *uri = g_file_get_uri (video);
  g_autofree char *name = _rushes_export_display_name (video);
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) discover_error = NULL;
  GList *streams;
  GstDiscovererVideoInfo *video_info;
  guint par_n, par_d;

  discoverer = gst_discoverer_new (PROBE_TIMEOUT, error);
  if (discoverer == NULL)
    return FALSE;

  info = gst_discoverer_discover_uri (discoverer, uri, &discover_error);
  if (info == NULL)
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, discover_error->message);
      return FALSE;
    }

  switch (gst_discoverer_info_get_result (info))
    {
    case GST_DISCOVERER_OK:
    case GST_DISCOVERER_MISSING_PLUGINS:
      /* A missing decoder matters only to the formats that decode; their
       * pipelines say which one. */
      break;

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_ERROR:
      if (!g_file_query_exists (video, NULL))
        g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                     _("“%s” cannot be read: %s"), name,
                     discover_error != NULL ? discover_error->message : _("it is not a video"));
      return FALSE;

    case GST_DISCOVERER_TIMEOUT:
    case GST_DISCOVERER_BUSY:
    default:
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("Reading the video took too long"));
      return FALSE;
    }

  streams = gst_discoverer_info_get_video_streams (info);
  video_info = streams != NULL ? streams->data : NULL;
  if (video_info == NULL || gst_discoverer_video_info_is_image (video_info) ||
      gst_discoverer_video_info_get_width (video_info) == 0)
    {
      gst_discoverer_stream_info_list_free (streams);
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("“%s” has no picture"), name);
      return FALSE;
    }

  probe->width = gst_discoverer_video_info_get_width (video_info);
  probe->height = gst_discoverer_video_info_get_height (video_info);
  par_n = gst_discoverer_video_info_get_par_num (video_info);
  par_d = gst_discoverer_video_info_get_par_denom (video_info);
  if (par_n > 0 && par_d > 0 && par_n != par_d)
    probe->width = MAX (1, (int) gst_util_uint64_scale_round (probe->width, par_n, par_d));
  gst_discoverer_stream_info_list_free (streams);

  streams = gst_discoverer_info_get_audio_streams (info);
  probe->has_audio = streams != NULL;
  gst_discoverer_stream_info_list_free (streams);

  probe->duration = GST_CLOCK_TIME_IS_VALID (gst_discoverer_info_get_duration (info)) ?
                    (gint64) gst_discoverer_info_get_duration (info) : 0;

  return TRUE;
}

/* Progress */

static gboolean
report_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  RushesExportJob *job = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&job->mutex);
  fraction = job->progress;
  job->progress_pending = FALSE;
  g_mutex_unlock (&job->mutex);

  /* The callback may already have freed what progress_data points to. */
  if (!g_task_get_completed (task))
    job->progress_func (fraction, job->progress_data);

  return G_SOURCE_REMOVE;
}

static gboolean
report_start_cb (gpointer user_data)
{
  GTask *task = user_data;
  RushesExportJob *job = g_task_get_task_data (task);

  if (!g_task_get_completed (task))
    job->progress_func (0.0, job->progress_data);

  return G_SOURCE_REMOVE;
}

/* Attached before the worker starts, at the priority of every later
 * report and of the result: it runs first. */
static void
report_start (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_start_cb, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

/* Only forward; the same idle carries the newest fraction when the main
 * context is slower than the pipeline. */
static void
post_progress (GTask  *task,
               double  fraction)
{
  RushesExportJob *job = g_task_get_task_data (task);
  gboolean post;

  if (job->progress_func == NULL)
    return;

  g_mutex_lock (&job->mutex);
  if (fraction <= job->progress || (fraction < 1.0 && fraction - job->progress < MIN_PROGRESS_STEP))
    {
      g_mutex_unlock (&job->mutex);
      return;
    }
  job->progress = fraction;
  post = !job->progress_pending;
  job->progress_pending = TRUE;
  g_mutex_unlock (&job->mutex);

  if (post)
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                report_progress_cb, g_object_ref (task), g_object_unref);
}

void
_rushes_export_set_progress (GTask  *task,
                             double  fraction)
{
  post_progress (task, CLAMP (fraction, 0.0, MAX_PROGRESS_BEFORE_COMMIT));
}

/* Pipelines */

/* Turns a bus message into an error, or returns %NULL for one that does
 * not stop the export. */
GError *
_rushes_export_error_from_message (RushesExportJob *job,
                                   GstMessage      *message)
{
  switch ((int) GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      if (job->sink != NULL && GST_MESSAGE_SRC (message) == GST_OBJECT (job->sink))
        {
          g_autoptr(GError) gst_error = NULL;
          g_autofree char *name = _rushes_export_display_name (job->destination);

          gst_message_parse_error (message, &gst_error, NULL);
          return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                              /* Translators: a file name, then the reason */
                              _("“%s” cannot be written: %s"), name, gst_error->message);
        }
      return _rushes_media_error_from_message (message, job->uri, NULL);

    case GST_MESSAGE_ELEMENT:
      {
        gboolean blocks_video = FALSE;
        g_autofree char *missing = _rushes_media_missing_plugin (message, &blocks_video);

        if (missing == NULL)
          return NULL;

        if (!blocks_video)
          {
            g_debug ("Exporting %s without sound: %s is missing", job->uri, missing);
            return NULL;
          }

        return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                            /* Translators: a GStreamer plugin description such as
                             * “H.264 (High Profile) decoder” */
                            _("The clip needs a plugin that is not installed: %s (on Debian, usually in gstreamer1.0-libav)"),
                            missing);
      }

    default:
      return NULL;
    }
}

/* Fails on the first message that stops the export, without waiting. */
gboolean
_rushes_export_check_bus (RushesExportJob  *job,
                          GstBus           *bus,
                          GError          **error)
{
  GstMessage *message;

  while ((message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_ELEMENT)) != NULL)
    {
      GError *message_error = _rushes_export_error_from_message (job, message);

      gst_message_unref (message);
      if (message_error != NULL)
        {
          g_propagate_error (error, message_error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Plays @pipeline to its end, reporting progress between @from and @to. */
gboolean
_rushes_export_run_pipeline (GTask            *task,
                             RushesExportJob  *job,
                             GstElement       *pipeline,
                             double            from,
                             double            to,
                             GError          **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 last_position = -1;
  gint64 last_change = g_get_monotonic_time ();
  gboolean ok = FALSE;

  job->pipeline = pipeline;
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;
      gint64 position;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      message = gst_bus_timed_pop_filtered (bus, RUSHES_EXPORT_POLL_INTERVAL,
                                            GST_MESSAGE_ERROR | GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT);
      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        {
          ok = TRUE;
          break;
        }
      if (message != NULL)
        {
          GError *message_error = _rushes_export_error_from_message (job, message);

          if (message_error != NULL)
            {
              g_propagate_error (error, message_error);
              break;
            }
        }

      g_mutex_lock (&job->mutex);
      position = job->position;
      if (job->link_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&job->link_error));
          g_mutex_unlock (&job->mutex);
          break;
        }
      g_mutex_unlock (&job->mutex);

      if (position != last_position)
        {
          last_position = position;
          last_change = g_get_monotonic_time ();
          if (job->probe.duration > 0)
            _rushes_export_set_progress (task, from + (to - from) * position / job->probe.duration);
        }
      else if (g_get_monotonic_time () - last_change > RUSHES_EXPORT_STALL_TIMEOUT)
        {
          g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                       _("The export stopped making progress"));
          break;
        }
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  job->pipeline = NULL;

  return ok;
}

/* The temporary file */

/* Reserves a hidden name beside the destination: the rename at the end
 * then stays within one folder, and one file system. */
static gboolean
create_temp (RushesExportJob  *job,
             GError          **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (job->destination);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;

  if (parent == NULL)
    {
      g_autofree char *basename = g_file_get_basename (job->destination);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” is not in a folder"), basename);
      return FALSE;
    }

  job->temp = rushes_file_new_temp_beside (job->destination, &local_error);
  if (job->temp != NULL)
    {
      /* The user's file, not one of Rushes' own: it gets the mode any
       * program would give it, where the temporary file is private. The
       * sinks and streams that write it keep the mode. */
      if (g_chmod (g_file_peek_path (job->temp), rushes_file_get_default_mode ()) != 0)
        {
          int saved_errno = errno;

          g_debug ("Cannot set the mode of %s: %s", g_file_peek_path (job->temp), g_strerror (saved_errno));
        }
      return TRUE;
    }

  /* The message names the hidden file, which means nothing to the user:
   * name the folder instead. */
  folder = g_file_get_parse_name (parent);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The folder “%s” does not exist"), folder);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    g_set_error (error, G_IO_ERROR, local_error->code,
                 _("You cannot save files in “%s”"), folder);
  else
    g_set_error (error, G_IO_ERROR, local_error->code,
                 /* Translators: a folder, then the reason */
                 _("Nothing can be saved in “%s”: %s"), folder, local_error->message);
  return FALSE;
}

/* For formats written by Rushes itself rather than by a sink. */
GOutputStream *
_rushes_export_open_temp (RushesExportJob  *job,
                          GCancellable     *cancellable,
                          GError          **error)
{
  /* Appending to the empty file keeps it, and its mode: replacing it
   * would make another. */
  return G_OUTPUT_STREAM (g_file_append_to (job->temp, G_FILE_CREATE_NONE, cancellable, error));
}

/* The job */

static gboolean
export_run (GTask            *task,
            RushesExportJob  *job,
            GError          **error)
{
  const RushesExportFormatInfo *info = format_info (job->format);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean overwrite = (job->flags & RUSHES_EXPORT_FLAGS_OVERWRITE) != 0;
  g_autoptr(GError) commit_error = NULL;
  g_autoptr(GFile) temp = NULL;

  /* Before any work: an hour's GIF must not end in “file exists”. */
  if (!overwrite && g_file_query_exists (job->destination, cancellable))
    {
      g_autofree char *name = _rushes_export_display_name (job->destination);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), name);
      return FALSE;
    }

  if (!require_elements (info, error) ||
      !probe_video (job->video, &job->probe, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !create_temp (job, error))
    return FALSE;

  g_debug ("Exporting %s as %s (%d×%d, %" G_GINT64_FORMAT " ms)", job->uri,
           info->name, job->probe.width, job->probe.height,
           job->probe.duration / GST_MSECOND);

  if (!info->run (task, job, error) ||
      /* A pipeline stopped by cancellation may still have ended cleanly. */
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Flushed, renamed and the folder flushed; on failure the temporary
   * file is gone too. */
  temp = g_steal_pointer (&job->temp);
  if (!rushes_file_commit (temp, job->destination, overwrite, &commit_error))
    {
      /* Someone else wrote the destination meanwhile */
      if (g_error_matches (commit_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_autofree char *name = _rushes_export_display_name (job->destination);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), name);
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&commit_error));
        }
      return FALSE;
    }

  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RushesExportJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (export_run (task, job, &error))
    {
      post_progress (task, 1.0);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (job->temp != NULL)
    {
      g_autoptr(GError) delete_error = NULL;

      if (!g_file_delete (job->temp, NULL, &delete_error) &&
          !g_error_matches (delete_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Cannot remove %s: %s", g_file_peek_path (job->temp), delete_error->message);
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *video = task_data;
  RushesExportProbe *probe = g_new0 (RushesExportProbe, 1);
  g_autoptr(GError) error = NULL;

  if (!probe_video (video, probe, &error))
    {
      g_free (probe);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, probe, g_free);
}

/**
 * rushes_export_metadata_init_for_task:
 * @meta: (out caller-allocates): the metadata to fill
 * @task: a task of the library
 *
 * What every export of @task carries, whoever makes it (the app's Export
 * and `rushes-cli export` alike): the prompt as the title, the model id as
 * the comment, its settings (seed included) as the description, and the
 * poster frame for a PNG. @meta borrows @task's strings: use it while
 * @task is alive, then rushes_export_metadata_clear().
 */
void
rushes_export_metadata_init_for_task (RushesExportMetadata *meta,
                                      RushesTask           *task)
{
  g_return_if_fail (meta != NULL);
  g_return_if_fail (RUSHES_IS_TASK (task));

  meta->title = rushes_task_get_prompt (task);
  meta->comment = rushes_task_get_model_id (task);
  meta->frame_position = -1;
  meta->settings = rushes_settings_for_task (task);
}

/**
 * rushes_export_metadata_clear:
 *
 * Frees what rushes_export_metadata_init_for_task() made.
 */
void
rushes_export_metadata_clear (RushesExportMetadata *meta)
{
  g_return_if_fail (meta != NULL);

  g_clear_pointer (&meta->settings, g_free);
}

/**
 * rushes_export_format_get_extension:
 *
 * Returns: the file name extension for @format, without the dot
 */
const char *
rushes_export_format_get_extension (RushesExportFormat format)
{
  const RushesExportFormatInfo *info = format_info (format);

  g_return_val_if_fail (info != NULL, NULL);

  return info->extension;
}

/**
 * rushes_export_format_get_mime_type:
 *
 * Returns: the media type of files in @format
 */
const char *
rushes_export_format_get_mime_type (RushesExportFormat format)
{
  const RushesExportFormatInfo *info = format_info (format);

  g_return_val_if_fail (info != NULL, NULL);

  return info->mime_type;
}

/**
 * rushes_exporter_export_async:
 * @video: the clip
 * @destination: the local file to write
 * @format: what to write
 * @flags: whether an existing @destination may be replaced
 * @meta: (nullable): tags, and the frame for PNG
 * @progress_func: (nullable): told how far the export is, in the caller's
 *   thread-default main context: 0 first, then forward only, and 1 last,
 *   once the export is in place and only then
 * @progress_data: for @progress_func; must stay valid until @callback runs
 *
 * Exports @video off the main thread. The result appears at @destination
 * only when complete, flushed to disk; on failure or cancellation nothing
 * is left behind. Fails with %G_IO_ERROR_EXISTS when @destination exists
 * and @flags lack %RUSHES_EXPORT_FLAGS_OVERWRITE, with
 * %RUSHES_MEDIA_ERROR_MISSING_PLUGIN naming the element and its Debian
 * package when GStreamer lacks one, and with %G_IO_ERROR_CANCELLED when
 * @cancellable is cancelled.
 */
void
rushes_exporter_export_async (GFile                      *video,
                              GFile                      *destination,
                              RushesExportFormat          format,
                              RushesExportFlags           flags,
                              const RushesExportMetadata *meta,
                              RushesExportProgressFunc    progress_func,
                              gpointer                    progress_data,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(RushesExportJob) job = NULL;

  g_return_if_fail (G_IS_FILE (video));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (format_info (format) != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_gstreamer ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_exporter_export_async);

  job = g_new0 (RushesExportJob, 1);
  g_mutex_init (&job->mutex);
  job->video = g_object_ref (video);
  job->destination = g_object_ref (destination);
  job->uri = g_file_get_uri (video);
  job->format = format;
  job->flags = flags;
  job->title = meta != NULL ? g_strdup (meta->title) : NULL;
  job->comment = meta != NULL ? g_strdup (meta->comment) : NULL;
  job->settings = meta != NULL ? g_strdup (meta->settings) : NULL;
  job->frame_position = meta != NULL ? meta->frame_position : -1;
  job->progress_func = progress_func;
  job->progress_data = progress_data;
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) export_job_free);

  if (progress_func != NULL)
    report_start (task);

  g_task_run_in_thread (task, export_thread);
}

gboolean
rushes_exporter_export_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_exporter_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rushes_exporter_probe_async:
 *
 * Reads what rushes_exporter_estimate_size() needs to know about @video,
 * off the main thread.
 */
void
rushes_exporter_probe_async (GFile               *video,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (video));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_gstreamer ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_exporter_probe_async);
  g_task_set_task_data (task, g_object_ref (video), g_object_unref);
  g_task_run_in_thread (task, probe_thread);
}

/**
 * rushes_exporter_probe_finish:
 * @duration: (out) (optional): in nanoseconds; 0 when unknown
 * @width: (out) (optional): the display width, pixel aspect ratio applied
 * @height: (out) (optional): the height
 * @has_audio: (out) (optional): whether the clip has sound
 */
gboolean
rushes_exporter_probe_finish (GAsyncResult  *result,
                              gint64        *duration,
                              int           *width,
                              int           *height,
                              gboolean      *has_audio,
                              GError       **error)
{
  g_autofree RushesExportProbe *probe = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_exporter_probe_async, FALSE);

  probe = g_task_propagate_pointer (G_TASK (result), error);
  if (probe == NULL)
    return FALSE;

  if (duration != NULL)
    *duration = probe->duration;
  if (width != NULL)
    *width = probe->width;
  if (height != NULL)
    *height = probe->height;
  if (has_audio != NULL)
    *has_audio = probe->has_audio;

  return TRUE;
}

/**
 * rushes_exporter_get_gif_size:
 *
 * The size of the GIF made of a clip of @width × @height: the same shape,
 * at most %RUSHES_EXPORT_GIF_MAX_SIZE pixels on the longer side, never
 * larger than the clip.
 */
void
rushes_exporter_get_gif_size (int  width,
                              int  height,
                              int *gif_width,
                              int *gif_height)
{
  double scale;

  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (gif_width != NULL && gif_height != NULL);

  scale = MIN (1.0, (double) RUSHES_EXPORT_GIF_MAX_SIZE / MAX (width, height));
  *gif_width = MAX (1, (int) round (width * scale));
  *gif_height = MAX (1, (int) round (height * scale));
}

/**
 * rushes_exporter_estimate_size:
 * @duration: the clip's duration, in nanoseconds
 * @width: its display width
 * @height: its height
 *
 * Estimates the size of an export before it is made, for the user to
 * choose a format.
 *
 * WebM follows from the bitrates the exporter asks for: video at 1.5 bits
 * per second per pixel of the frame (at least 150 kb/s, at most 12 Mb/s),
 * Opus at 96 kb/s, and 2 % for the container; VP9 holds its target within
 * a few per cent over a clip, less when the picture is simple.
 *
 * GIF counts %RUSHES_EXPORT_GIF_FPS frames a second at the GIF's size
 * (rushes_exporter_get_gif_size()) at 0.16 bytes per pixel, measured on
 * generated footage after the palette and LZW; a still background takes
 * less, film grain and noise more (up to about 1 byte).
 *
 * PNG is 1.5 bytes per pixel, typical of a photographic frame.
 *
 * Returns: the estimated size in bytes; 0 for MP4, which is a copy as big
 *   as the clip
 */
guint64
rushes_exporter_estimate_size (gint64             duration,
                               int                width,
                               int                height,
                               RushesExportFormat format)
{
  const RushesExportFormatInfo *info = format_info (format);

  g_return_val_if_fail (width > 0 && height > 0, 0);
  g_return_val_if_fail (info != NULL, 0);

  return info->estimate_size (MAX (duration, 0) / (double) GST_SECOND, width, height);
}
