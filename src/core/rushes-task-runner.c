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

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "rushes-error.h"
#include "rushes-library-private.h"
#include "rushes-model-private.h"
#include "rushes-provider.h"
#include "rushes-task-private.h"
#include "rushes-task-runner.h"

/* While a live channel is open, status reads are only a safety net
 * against a connection that died without closing. */
#define WATCH_POLL_FACTOR   10
#define WATCH_POLL_MIN_MS   (30 * 1000)
#define ADAPTIVE_POLL_LIMIT 4

/**
 * RushesTaskRunner:
 *
 * Drives tasks: submit (exactly once), follow (live channel, with adaptive
 * polling as a safety net and as the fallback when the channel fails or
 * drops), download, and resume of unfinished tasks after a restart. Every
 * state change is written to the task's record at once, the remote id
 * before anything else.
 */
struct _RushesTaskRunner
{
  GObject             parent_instance;

  RushesLibrary      *library;
  RushesModelCatalog *catalog;
  RushesSecretStore  *secrets;
  RushesConfig       *config;
  RushesHttp         *http;
  GHashTable         *providers;  /* provider id → RushesProvider */
  GHashTable         *runs;       /* task id → GTask of its active run (borrowed) */
};

G_DEFINE_FINAL_TYPE (RushesTaskRunner, rushes_task_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_CATALOG,
  PROP_SECRETS,
  PROP_CONFIG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  RushesTaskRunner  *self;
  RushesTask        *task;
  RushesModel       *model;
  RushesProvider    *provider;
  RushesCredentials *credentials;
  RushesRunFlags     flags;
  GCancellable      *cancellable;        /* the run's: user's cancellable or a cancel request */
  GCancellable      *user_cancellable;
  gulong             user_cancelled_id;
  gulong             cancelled_id;
  GCancellable      *watch_cancellable;
  GSource           *poll_source;
  GSource           *cancel_source;
  int                lock_fd;
  guint              base_interval_ms;
  guint              interval_ms;
  guint              watching : 1;
  guint              status_in_flight : 1;
  guint              status_again : 1;
  guint              downloading : 1;
  guint              cancel_requested : 1;
  guint              refetch : 1;           /* a succeeded clip's missing video */
  guint              done : 1;
} RunData;

typedef struct
{
  RushesTaskRunner  *self;
  RushesTask        *task;
  RushesModel       *model;
  RushesProvider    *provider;
} CancelData;

static void follow_status (GTask *task);
static void follow_start (GTask *task,
                          guint  first_delay_ms);

static void
run_data_free (RunData *data)
{
  g_assert (data->poll_source == NULL);
  g_assert (data->cancel_source == NULL);

  if (data->user_cancelled_id != 0)
    g_cancellable_disconnect (data->user_cancellable, data->user_cancelled_id);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->user_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->watch_cancellable);
  g_clear_pointer (&data->credentials, rushes_credentials_free);
  g_clear_object (&data->provider);
  g_clear_object (&data->model);
  g_clear_object (&data->task);
  g_clear_object (&data->self);
  g_free (data);
}

static void
cancel_data_free (CancelData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->task);
  g_clear_object (&data->model);
  g_clear_object (&data->provider);
  g_free (data);
}

/* ------------------------------------------------------------------ */
/* Helpers */

static RushesProvider *
get_provider (RushesTaskRunner  *self,
              const char        *provider_id,
              GError           **error)
{
  RushesProvider *provider = g_hash_table_lookup (self->providers, provider_id);

  if (provider == NULL)
    {
      provider = rushes_provider_new_for_id (provider_id, self->http);
      if (provider == NULL)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                       _("Rushes does not know the provider “%s”"), provider_id);
          return NULL;
        }
      g_hash_table_insert (self->providers, g_strdup (provider_id), provider);
    }

  return provider;
}

static RushesModel *
get_model (RushesTaskRunner  *self,
           RushesTask        *task,
           GError           **error)
{
  RushesModel *model = rushes_model_catalog_lookup (self->catalog, rushes_task_get_model_id (task));

  if (model == NULL)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                 _("The model “%s” of task %s is not in the catalog any more"),
                 rushes_task_get_model_id (task), rushes_task_get_id (task));
  return model;
}

static gboolean
save (RushesTaskRunner  *self,
      RushesTask        *task,
      GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (_rushes_library_save_task (self->library, task, &local_error))
    return TRUE;

  g_debug ("%s", local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static GSource *
add_timeout (GTask       *task,
             guint        delay_ms,
             GSourceFunc  func)
{
  GSource *source = delay_ms == 0 ? g_idle_source_new () : g_timeout_source_new (delay_ms);

  g_source_set_callback (source, func, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* One follower per task across processes (the app and rushes-cli may both
 * look at the library): two would both download into the same .part file,
 * and one would take the other's submit for an interrupted one. */
static gboolean
lock_task (RunData  *data,
           GError  **error)
{
  g_autoptr(GFile) file = g_file_get_child (rushes_task_get_folder (data->task), ".lock");
  int saved_errno;

  data->lock_fd = g_open (g_file_peek_path (file), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (data->lock_fd >= 0 && flock (data->lock_fd, LOCK_EX | LOCK_NB) == 0)
    return TRUE;

  saved_errno = errno;
  if (data->lock_fd >= 0)
    {
      close (data->lock_fd);
      data->lock_fd = -1;
    }

  if (saved_errno == EWOULDBLOCK)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                 _("Task %s is being followed by another Rushes process"), rushes_task_get_id (data->task));
  else
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                 _("Cannot lock task %s: %s"), rushes_task_get_id (data->task), g_strerror (saved_errno));
  return FALSE;
}

static void
run_stop (RunData *data)
{
  clear_source (&data->poll_source);
  clear_source (&data->cancel_source);
  if (data->watch_cancellable != NULL)
    g_cancellable_cancel (data->watch_cancellable);
  if (g_hash_table_lookup (data->self->runs, rushes_task_get_id (data->task)) != NULL)
    g_hash_table_remove (data->self->runs, rushes_task_get_id (data->task));
  if (data->lock_fd >= 0)
    {
      close (data->lock_fd);
      data->lock_fd = -1;
    }
}

/* Ends the run. @error (owned) NULL means success. */
/* The task cannot end well; its record says why. A clip that had
 * succeeded (its missing video fetched again) stays succeeded: it was made
 * and paid for, and the next start asks for its video again. */
static void
fail_task (RunData      *data,
           const GError *failure)
{
  _rushes_task_set_error (data->task, failure);
  _rushes_task_set_state (data->task, data->refetch ? RUSHES_TASK_STATE_SUCCEEDED : RUSHES_TASK_STATE_FAILED);
  save (data->self, data->task, NULL);
}

static void
run_complete (GTask  *task,
              GError *error)
{
  RunData *data = g_task_get_task_data (task);

  if (data->done)
    {
      g_clear_error (&error);
      return;
    }

  data->done = TRUE;
  run_stop (data);

  /* A refetch that stopped before it could fail (no key, a quit) must not
   * leave a made and paid-for clip among the running tasks. */
  if (error != NULL && data->refetch && rushes_task_get_state (data->task) == RUSHES_TASK_STATE_DOWNLOADING)
    {
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_SUCCEEDED);
      save (data->self, data->task, NULL);
    }

  if (error == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The run's own cancellable fired: either the caller stopped following (the
 * task goes on upstream) or the task was cancelled upstream. */
static GError *
cancellation_error (RunData *data)
{
  if (data->cancel_requested)
    return g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_CANCELLED, _("The task was cancelled"));

  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                              _("Stopped following the task; it goes on upstream and can be resumed"));
}

static gboolean
cancel_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->cancel_source, g_source_unref);

  /* Waiting for the next poll: nothing else would notice. */
  if (data->poll_source != NULL)
    run_complete (task, cancellation_error (data));

  return G_SOURCE_REMOVE;
}

static void
run_cancelled_cb (GCancellable *cancellable,
                  GTask        *task)
{
  RunData *data = g_task_get_task_data (task);
  GSource *source;

  /* May fire on another thread: hop to the run's context. */
  if (data->cancel_source != NULL || data->done)
    return;

  source = g_idle_source_new ();
  g_source_set_callback (source, cancel_idle_cb, g_object_ref (task), g_object_unref);
  data->cancel_source = source;
  g_source_attach (source, g_task_get_context (task));
}

static void
forward_cancel_cb (GCancellable *user_cancellable,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
apply_remote_progress (RunData                  *data,
                       const RushesRemoteStatus *status)
{
  RushesTaskState state = rushes_task_get_state (data->task);

  if (status->message != NULL)
    _rushes_task_set_status_text (data->task, status->message);
  if (status->progress >= 0)
    _rushes_task_set_progress (data->task, status->progress);
  if (status->cost_usd >= 0)
    _rushes_task_set_cost_usd (data->task, status->cost_usd);

  if (status->state == RUSHES_REMOTE_STATE_RUNNING && state == RUSHES_TASK_STATE_QUEUED)
    {
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_RUNNING);
      save (data->self, data->task, NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Download */

static void
download_progress_cb (goffset  received,
                      goffset  total,
                      gpointer user_data)
{
  RunData *data = user_data;

  if (total > 0)
    _rushes_task_set_progress (data->task, (double) received / (double) total);
}

static void
download_succeeded (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  _rushes_task_set_has_video (data->task, TRUE);
  _rushes_task_set_progress (data->task, 1);
  _rushes_task_set_error (data->task, NULL);
  _rushes_task_set_status_text (data->task, _("Done"));
  _rushes_task_set_state (data->task, RUSHES_TASK_STATE_SUCCEEDED);
  save (data->self, data->task, NULL);

  run_complete (task, NULL);
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
        run_complete (task, cancellation_error (data));
      else if (g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_FAILED))
        {
          /* The video is gone or cannot be stored: the task ends here. */
          fail_task (data, error);
          run_complete (task, g_steal_pointer (&error));
        }
      else
        run_complete (task, g_steal_pointer (&error));
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
  clear_source (&data->poll_source);
  if (data->watch_cancellable != NULL)
    g_cancellable_cancel (data->watch_cancellable);

  /* State first: progress now means the download's, and watchers must
   * never see a running task fall back to 0 %. */
  _rushes_task_set_status_text (data->task, _("Downloading the video"));
  if (rushes_task_get_state (data->task) != RUSHES_TASK_STATE_DOWNLOADING)
    {
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_DOWNLOADING);
      _rushes_task_set_progress (data->task, 0);
      save (data->self, data->task, NULL);
    }

  if (g_str_has_prefix (url, "file:"))
    {
      g_autoptr(GError) error = NULL;

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
              fail_task (data, failure);
            }
          run_complete (task, failure);
          return;
        }

      download_succeeded (task);
      return;
    }

  rushes_http_download_async (data->self->http, url, destination, download_progress_cb, data,
                              data->cancellable, download_cb, g_object_ref (task));
}

/* ------------------------------------------------------------------ */
/* Following */

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->poll_source, g_source_unref);
  follow_status (task);
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
      run_complete (task, cancellation_error (data));
      return;
    }

  clear_source (&data->poll_source);
  data->poll_source = add_timeout (task, delay_ms, poll_cb);
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
        run_complete (task, cancellation_error (data));
      else
        run_complete (task, g_steal_pointer (&error));
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

          fail_task (data, failure);
          run_complete (task, g_steal_pointer (&failure));
          return;
        }
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
        fail_task (data, failure);
        run_complete (task, g_steal_pointer (&failure));
      }
      return;

    case RUSHES_REMOTE_STATE_CANCELLED:
      _rushes_task_set_status_text (data->task, status->message);
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_CANCELLED);
      save (data->self, data->task, NULL);
      run_complete (task, g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_CANCELLED,
                                               _("The task was cancelled")));
      return;

    case RUSHES_REMOTE_STATE_QUEUED:
    case RUSHES_REMOTE_STATE_RUNNING:
    default:
      apply_remote_progress (data, status);
      break;
    }

  /* A download interrupted by a restart needs the outcome first; a task
   * upstream says is still running cannot be downloading. */
  if (before == RUSHES_TASK_STATE_DOWNLOADING)
    {
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_RUNNING);
      save (data->self, data->task, NULL);
    }

  changed |= rushes_task_get_state (data->task) != before;
  if (data->status_again)
    {
      data->status_again = FALSE;
      follow_status (task);
      return;
    }
  schedule_poll (task, next_interval (data, changed));
}

static void
follow_status (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  if (data->done || data->downloading)
    return;

  if (data->status_in_flight)
    {
      data->status_again = TRUE;
      return;
    }

  clear_source (&data->poll_source);
  data->status_in_flight = TRUE;
  rushes_provider_status_async (data->provider, data->credentials, data->model, data->task,
                                data->cancellable, status_cb, g_object_ref (task));
}

static void
watch_update_cb (const RushesRemoteStatus *status,
                 gpointer                  user_data)
{
  RunData *data = user_data;

  if (data->done || data->downloading)
    return;

  /* Outcomes come from the status read that follows a terminal event. */
  if (status->state == RUSHES_REMOTE_STATE_QUEUED || status->state == RUSHES_REMOTE_STATE_RUNNING)
    apply_remote_progress (data, status);
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
      follow_status (task);
      return;
    }

  /* The live channel failed or dropped: polling takes over at full rate. */
  g_debug ("Live channel for task %s ended: %s", rushes_task_get_id (data->task), error->message);
  if (data->poll_source != NULL)
    schedule_poll (task, data->base_interval_ms);
}

static void
follow_start (GTask *task,
              guint  first_delay_ms)
{
  RunData *data = g_task_get_task_data (task);
  guint override = rushes_config_get_poll_interval_ms (data->self->config);

  data->base_interval_ms = override > 0 ? override : _rushes_model_get_poll_interval_ms (data->model);
  data->interval_ms = data->base_interval_ms;

  if (g_cancellable_is_cancelled (data->cancellable))
    {
      run_complete (task, cancellation_error (data));
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
                                   watch_update_cb, data, data->watch_cancellable,
                                   watch_cb, g_object_ref (task));
    }

  if (data->watching && first_delay_ms > 0)
    first_delay_ms = MAX (first_delay_ms, watch_poll_interval (data));
  schedule_poll (task, first_delay_ms);
}

/* ------------------------------------------------------------------ */
/* Submit */

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  guint override;

  status = rushes_provider_submit_finish (RUSHES_PROVIDER (object), result, &error);
  if (status == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Nothing went out (a request that did is reported uncertain). */
          g_autoptr(GError) cancelled = g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_CANCELLED,
                                                             _("Cancelled before anything was sent"));

          _rushes_task_set_error (data->task, cancelled);
          _rushes_task_set_state (data->task, RUSHES_TASK_STATE_CANCELLED);
          save (data->self, data->task, NULL);
          run_complete (task, data->cancel_requested ? g_steal_pointer (&cancelled) : g_steal_pointer (&error));
          return;
        }

      _rushes_task_set_error (data->task, error);
      _rushes_task_set_state (data->task,
                              g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN)
                                ? RUSHES_TASK_STATE_UNCERTAIN
                                : RUSHES_TASK_STATE_FAILED);
      save (data->self, data->task, NULL);
      run_complete (task, g_steal_pointer (&error));
      return;
    }

  /* Before anything else: a crash from here on must not lose the task. */
  _rushes_task_set_remote (data->task, status->remote_id, status->remote_token);
  _rushes_task_set_state (data->task, RUSHES_TASK_STATE_QUEUED);
  if (!save (data->self, data->task, &error))
    g_debug ("The remote id of task %s could not be written: %s", rushes_task_get_id (data->task), error->message);
  apply_remote_progress (data, status);

  if (data->flags & RUSHES_RUN_FLAGS_DETACH)
    {
      run_complete (task, NULL);
      return;
    }

  override = rushes_config_get_poll_interval_ms (data->self->config);
  follow_start (task, override > 0 ? override : _rushes_model_get_poll_delay_ms (data->model));
}

static void
submit (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  _rushes_task_set_status_text (data->task, _("Sending"));
  _rushes_task_set_state (data->task, RUSHES_TASK_STATE_SUBMITTING);
  if (!save (data->self, data->task, &error))
    {
      /* Without a record that a submit is under way, do not send one. */
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_DRAFT);
      run_complete (task, error);
      return;
    }

  rushes_provider_submit_async (data->provider, data->credentials, data->model, data->task,
                                data->cancellable, submit_cb, g_object_ref (task));
}

/* ------------------------------------------------------------------ */
/* Run */

static void
run_failed_before_submit (GTask  *task,
                          GError *error)
{
  RunData *data = g_task_get_task_data (task);

  /* A draft that cannot be sent ends here; a followed task stays as it is. */
  if (rushes_task_get_state (data->task) == RUSHES_TASK_STATE_DRAFT &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _rushes_task_set_error (data->task, error);
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_FAILED);
      save (data->self, data->task, NULL);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      error = cancellation_error (data);
    }

  run_complete (task, error);
}

static void
run_credentials_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->credentials = rushes_credentials_lookup_finish (result, &error);
  if (data->credentials == NULL)
    {
      run_failed_before_submit (task, error);
      return;
    }

  if (rushes_task_get_state (data->task) == RUSHES_TASK_STATE_DRAFT)
    submit (task);
  else
    follow_start (task, 0);
}

static GError *
outcome_error (RushesTask *task)
{
  const char *message = rushes_task_get_error_message (task);

  switch (rushes_task_get_state (task))
    {
    case RUSHES_TASK_STATE_FAILED:
      return g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                  message != NULL ? message : _("The generation failed"));
    case RUSHES_TASK_STATE_CANCELLED:
      return g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_CANCELLED, _("The task was cancelled"));
    case RUSHES_TASK_STATE_UNCERTAIN:
      return g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                                  message != NULL ? message
                                                  : _("The submit got no answer; the task may exist upstream"));
    case RUSHES_TASK_STATE_SUCCEEDED:
    case RUSHES_TASK_STATE_DRAFT:
    case RUSHES_TASK_STATE_SUBMITTING:
    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_DOWNLOADING:
    default:
      return NULL;
    }
}

static void
run_start (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  RushesTaskRunner *self = data->self;
  GError *error = NULL;

  switch (rushes_task_get_state (data->task))
    {
    case RUSHES_TASK_STATE_SUCCEEDED:
      /* Succeeded but without its video (it went missing): ask the
       * provider for it again, as after an interrupted download. */
      if (rushes_task_get_video_file (data->task) == NULL && rushes_task_get_remote_id (data->task) != NULL)
        {
          data->refetch = TRUE;
          _rushes_task_set_state (data->task, RUSHES_TASK_STATE_DOWNLOADING);
          break;
        }
      run_complete (task, NULL);
      return;

    case RUSHES_TASK_STATE_FAILED:
    case RUSHES_TASK_STATE_CANCELLED:
    case RUSHES_TASK_STATE_UNCERTAIN:
      run_complete (task, outcome_error (data->task));
      return;

    case RUSHES_TASK_STATE_DRAFT:
    case RUSHES_TASK_STATE_SUBMITTING:
    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_DOWNLOADING:
    default:
      break;
    }

  if (!lock_task (data, &error))
    {
      run_complete (task, error);
      return;
    }

  switch (rushes_task_get_state (data->task))
    {
    case RUSHES_TASK_STATE_SUBMITTING:
      {
        /* A submit was under way when Rushes stopped (no process holds the
         * task): it may have been received and billed. Never send it again. */
        g_autoptr(GError) uncertain =
          g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                               _("Rushes stopped while the request was being sent; the task may exist "
                                 "upstream and was not sent again"));

        _rushes_task_set_error (data->task, uncertain);
        _rushes_task_set_state (data->task, RUSHES_TASK_STATE_UNCERTAIN);
        save (self, data->task, NULL);
        run_complete (task, g_steal_pointer (&uncertain));
      }
      return;

    case RUSHES_TASK_STATE_DRAFT:
    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_DOWNLOADING:
    case RUSHES_TASK_STATE_SUCCEEDED:
    case RUSHES_TASK_STATE_FAILED:
    case RUSHES_TASK_STATE_CANCELLED:
    case RUSHES_TASK_STATE_UNCERTAIN:
    default:
      break;
    }

  data->model = get_model (self, data->task, &error);
  if (data->model != NULL)
    {
      g_object_ref (data->model);
      data->provider = get_provider (self, rushes_task_get_provider_id (data->task), &error);
    }
  if (data->provider == NULL)
    {
      run_failed_before_submit (task, error);
      return;
    }
  g_object_ref (data->provider);

  rushes_credentials_lookup_async (self->config, self->secrets, rushes_task_get_provider_id (data->task),
                                   data->cancellable, run_credentials_cb, g_object_ref (task));
}

/* ------------------------------------------------------------------ */
/* Cancel */

static void
cancel_remote_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CancelData *data = g_task_get_task_data (task);
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  GTask *run;

  status = rushes_provider_cancel_finish (RUSHES_PROVIDER (object), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (status->state != RUSHES_REMOTE_STATE_CANCELLED)
    {
      /* It ended first; a run (now or later) collects the outcome. */
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                               _("Task %s already ended upstream; there is nothing to cancel"),
                               rushes_task_get_id (data->task));
      return;
    }

  _rushes_task_set_status_text (data->task, _("Cancelled"));
  _rushes_task_set_state (data->task, RUSHES_TASK_STATE_CANCELLED);
  save (data->self, data->task, NULL);

  run = g_hash_table_lookup (data->self->runs, rushes_task_get_id (data->task));
  if (run != NULL)
    {
      RunData *run_data = g_task_get_task_data (run);

      run_data->cancel_requested = TRUE;
      g_cancellable_cancel (run_data->cancellable);
    }

  g_task_return_boolean (task, TRUE);
}

static void
cancel_credentials_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CancelData *data = g_task_get_task_data (task);
  g_autoptr(RushesCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  credentials = rushes_credentials_lookup_finish (result, &error);
  if (credentials == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  rushes_provider_cancel_async (data->provider, credentials, data->model, data->task,
                                cancellable, cancel_remote_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
rushes_task_runner_constructed (GObject *object)
{
  RushesTaskRunner *self = (RushesTaskRunner *)object;

  G_OBJECT_CLASS (rushes_task_runner_parent_class)->constructed (object);

  if (self->config == NULL)
    self->config = rushes_config_new ();
  self->http = rushes_http_new (self->config);
}

static void
rushes_task_runner_dispose (GObject *object)
{
  RushesTaskRunner *self = (RushesTaskRunner *)object;

  /* Active runs hold a reference on the runner: none are left here. */
  g_clear_pointer (&self->providers, g_hash_table_unref);
  g_clear_pointer (&self->runs, g_hash_table_unref);
  g_clear_object (&self->http);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);
  g_clear_object (&self->secrets);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (rushes_task_runner_parent_class)->dispose (object);
}

static void
rushes_task_runner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RushesTaskRunner *self = RUSHES_TASK_RUNNER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_SECRETS:
      g_value_set_object (value, self->secrets);
      break;
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_task_runner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RushesTaskRunner *self = RUSHES_TASK_RUNNER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_SECRETS:
      self->secrets = g_value_dup_object (value);
      break;
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_task_runner_class_init (RushesTaskRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rushes_task_runner_constructed;
  object_class->dispose = rushes_task_runner_dispose;
  object_class->get_property = rushes_task_runner_get_property;
  object_class->set_property = rushes_task_runner_set_property;

  properties[PROP_LIBRARY] = g_param_spec_object ("library", NULL, NULL, RUSHES_TYPE_LIBRARY, flags);
  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, RUSHES_TYPE_MODEL_CATALOG, flags);
  properties[PROP_SECRETS] = g_param_spec_object ("secrets", NULL, NULL, RUSHES_TYPE_SECRET_STORE, flags);
  properties[PROP_CONFIG] = g_param_spec_object ("config", NULL, NULL, RUSHES_TYPE_CONFIG, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_task_runner_init (RushesTaskRunner *self)
{
  self->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * rushes_task_runner_new:
 * @library: where tasks are written
 * @catalog: the models tasks refer to
 * @secrets: the stored API keys (the environment in @config overrides them)
 * @config: endpoints, intervals, timeouts
 *
 * Returns: (transfer full): a new runner
 */
RushesTaskRunner *
rushes_task_runner_new (RushesLibrary      *library,
                        RushesModelCatalog *catalog,
                        RushesSecretStore  *secrets,
                        RushesConfig       *config)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (catalog), NULL);
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (secrets), NULL);
  g_return_val_if_fail (RUSHES_IS_CONFIG (config), NULL);

  return g_object_new (RUSHES_TYPE_TASK_RUNNER,
                       "library", library,
                       "catalog", catalog,
                       "secrets", secrets,
                       "config", config,
                       NULL);
}

/**
 * rushes_task_runner_get_http:
 *
 * Returns: (transfer none): the runner's HTTP layer (for its retry policy)
 */
RushesHttp *
rushes_task_runner_get_http (RushesTaskRunner *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK_RUNNER (self), NULL);

  return self->http;
}

/**
 * rushes_task_runner_run_async:
 * @task: a task of the runner's library
 * @flags: %RUSHES_RUN_FLAGS_DETACH to stop once the submit is answered
 * @cancellable: (nullable): stops following; the task goes on upstream
 *   and a later run resumes it (use rushes_task_runner_cancel_async() to
 *   cancel the generation itself)
 *
 * Takes @task as far as it goes: a draft is submitted (once), then it is
 * followed, then its video downloaded. A queued, running or downloading
 * task is followed from where it is, never submitted again; one caught
 * mid-submit by a restart becomes uncertain.
 */
void
rushes_task_runner_run_async (RushesTaskRunner    *self,
                              RushesTask          *task,
                              RushesRunFlags       flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;
  RunData *data;

  g_return_if_fail (RUSHES_IS_TASK_RUNNER (self));
  g_return_if_fail (RUSHES_IS_TASK (task));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  gtask = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, rushes_task_runner_run_async);

  if (g_hash_table_contains (self->runs, rushes_task_get_id (task)))
    {
      g_task_return_new_error (gtask, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                               _("Task %s is already being followed"), rushes_task_get_id (task));
      return;
    }

  data = g_new0 (RunData, 1);
  data->self = g_object_ref (self);
  data->task = g_object_ref (task);
  data->flags = flags;
  data->lock_fd = -1;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (gtask, data, (GDestroyNotify) run_data_free);

  if (cancellable != NULL)
    {
      data->user_cancellable = g_object_ref (cancellable);
      data->user_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                                       data->cancellable, NULL);
    }
  data->cancelled_id = g_cancellable_connect (data->cancellable, G_CALLBACK (run_cancelled_cb), gtask, NULL);

  g_hash_table_insert (self->runs, g_strdup (rushes_task_get_id (task)), gtask);
  run_start (gtask);
}

/**
 * rushes_task_runner_run_finish:
 *
 * Returns: %TRUE when the task succeeded (its video is in the library), or
 *   was detached after its submit. Otherwise an error: %RUSHES_ERROR_FAILED
 *   (the reason in the message and in the task), %RUSHES_ERROR_CANCELLED,
 *   %RUSHES_ERROR_UNCERTAIN, %RUSHES_ERROR_AUTH, %RUSHES_ERROR_UNREACHABLE
 *   or %RUSHES_ERROR_PROTOCOL (the task is unchanged and can be resumed),
 *   or %G_IO_ERROR_CANCELLED when the caller's cancellable stopped the run.
 */
gboolean
rushes_task_runner_run_finish (RushesTaskRunner  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (RUSHES_IS_TASK_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rushes_task_runner_cancel_async:
 *
 * Cancels the generation: Cancel (queued) or Kill (running) upstream, then
 * the task is written as cancelled; a run of it ends with
 * %RUSHES_ERROR_CANCELLED. A draft is cancelled locally.
 */
void
rushes_task_runner_cancel_async (RushesTaskRunner    *self,
                                 RushesTask          *task,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;
  g_autoptr(GError) error = NULL;
  CancelData *data;
  RushesModel *model;
  RushesProvider *provider = NULL;

  g_return_if_fail (RUSHES_IS_TASK_RUNNER (self));
  g_return_if_fail (RUSHES_IS_TASK (task));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  gtask = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, rushes_task_runner_cancel_async);

  switch (rushes_task_get_state (task))
    {
    case RUSHES_TASK_STATE_DRAFT:
      _rushes_task_set_state (task, RUSHES_TASK_STATE_CANCELLED);
      if (save (self, task, &error))
        g_task_return_boolean (gtask, TRUE);
      else
        g_task_return_error (gtask, g_steal_pointer (&error));
      return;

    case RUSHES_TASK_STATE_SUCCEEDED:
    case RUSHES_TASK_STATE_FAILED:
    case RUSHES_TASK_STATE_CANCELLED:
    case RUSHES_TASK_STATE_DOWNLOADING:
      g_task_return_new_error (gtask, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                               _("Task %s already ended upstream (%s); there is nothing to cancel"),
                               rushes_task_get_id (task),
                               rushes_task_state_to_string (rushes_task_get_state (task)));
      return;

    case RUSHES_TASK_STATE_SUBMITTING:
    case RUSHES_TASK_STATE_UNCERTAIN:
      g_task_return_new_error (gtask, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                               _("Task %s has no remote id yet, so it cannot be cancelled upstream; "
                                 "check the provider's dashboard"), rushes_task_get_id (task));
      return;

    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    default:
      break;
    }

  model = get_model (self, task, &error);
  if (model != NULL)
    provider = get_provider (self, rushes_task_get_provider_id (task), &error);
  if (provider == NULL)
    {
      g_task_return_error (gtask, g_steal_pointer (&error));
      return;
    }

  if (!rushes_provider_can_cancel (provider))
    {
      g_task_return_new_error (gtask, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                               _("%s offers no way to cancel a task: task %s keeps running there, and "
                                 "Rushes still downloads its video when it ends"),
                               rushes_provider_get_name (provider), rushes_task_get_id (task));
      return;
    }

  data = g_new0 (CancelData, 1);
  data->self = g_object_ref (self);
  data->task = g_object_ref (task);
  data->model = g_object_ref (model);
  data->provider = g_object_ref (provider);
  g_task_set_task_data (gtask, data, (GDestroyNotify) cancel_data_free);

  rushes_credentials_lookup_async (self->config, self->secrets, rushes_task_get_provider_id (task),
                                   cancellable, cancel_credentials_cb, g_steal_pointer (&gtask));
}

gboolean
rushes_task_runner_cancel_finish (RushesTaskRunner  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (RUSHES_IS_TASK_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rushes_task_runner_mark_failed:
 * @self: a #RushesTaskRunner
 * @task: an uncertain task
 * @error: where to put an error
 *
 * The user checked the provider and found no trace of @task's submit:
 * it ends as failed, and its record says why.
 *
 * Returns: %FALSE when @task is not uncertain or cannot be written
 */
gboolean
rushes_task_runner_mark_failed (RushesTaskRunner  *self,
                                RushesTask        *task,
                                GError           **error)
{
  g_autoptr(GError) reason = NULL;

  g_return_val_if_fail (RUSHES_IS_TASK_RUNNER (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_TASK (task), FALSE);

  if (rushes_task_get_state (task) != RUSHES_TASK_STATE_UNCERTAIN)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("Task %s is not uncertain (%s)"), rushes_task_get_id (task),
                   rushes_task_state_to_string (rushes_task_get_state (task)));
      return FALSE;
    }

  reason = g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                _("Marked as failed: the provider had no trace of the request"));
  _rushes_task_set_error (task, reason);
  _rushes_task_set_state (task, RUSHES_TASK_STATE_FAILED);

  return save (self, task, error);
}
