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
#include "rushes-task-runner-private.h"

/**
 * RushesTaskRunner:
 *
 * Drives tasks: submit (exactly once), follow (live channel, with adaptive
 * polling as a safety net and as the fallback when the channel fails or
 * drops), download, and resume of unfinished tasks after a restart. Every
 * state change is written to the task's record at once, the remote id
 * before anything else.
 */

G_DEFINE_FINAL_TYPE (RushesTaskRunner, rushes_task_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_CATALOG,
  PROP_SECRETS,
  PROP_CONFIG,
  N_PROPS
};

enum {
  RECORD_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


typedef struct
{
  RushesTaskRunner  *self;
  RushesTask        *task;
  RushesModel       *model;
  RushesProvider    *provider;
} CancelData;

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

/* A task's outcome as its record says it, for a run that finds the task
 * already ended; %NULL for success. */
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

static gboolean
save_full (GTask   *task,
           GError **error)
{
  RunData *data = g_task_get_task_data (task);

  return _rushes_library_save_task (data->self->library, data->task, RUSHES_TASK_FIELDS_RUN, error);
}

/*
 * _rushes_task_runner_save:
 *
 * Writes the task's record as the run has it now. When another process
 * ended the task meanwhile (a cancel from rushes-cli), the task takes over
 * that record and the run ends with its outcome. A write that fails (a
 * full disk, a folder gone) does not stop the run, but it is never only a
 * debug line: #RushesTaskRunner::record-error tells the user, and the next
 * state change writes again.
 *
 * Returns: %FALSE when the run ended, and the caller must stop
 */
gboolean
_rushes_task_runner_save (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (data->done || save_full (task, &error))
    return TRUE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    {
      g_debug ("%s", error->message);
      _rushes_task_runner_complete (task, outcome_error (data->task));
      return FALSE;
    }

  g_message ("%s", error->message);
  g_signal_emit (data->self, signals[RECORD_ERROR], 0, data->task, error);
  return TRUE;
}

/* Delays of a second or more run on whole seconds, never early: GLib wakes
 * the process once for every such timer due in the same second, so twenty
 * tasks followed side by side wake it together rather than each at its own
 * moment. Shorter delays (the Sandbox, tests) stay exact. */
GSource *
_rushes_task_runner_add_timeout (GTask       *task,
                                 guint        delay_ms,
                                 GSourceFunc  func)
{
  GSource *source = delay_ms == 0 ? g_idle_source_new ()
                  : delay_ms >= 1000 ? g_timeout_source_new_seconds ((delay_ms + 999) / 1000)
                  : g_timeout_source_new (delay_ms);

  g_source_set_callback (source, func, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

void
_rushes_task_runner_clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
run_stop (RunData *data)
{
  _rushes_task_runner_clear_source (&data->poll_source);
  _rushes_task_runner_clear_source (&data->cancel_source);
  if (data->watch_cancellable != NULL)
    g_cancellable_cancel (data->watch_cancellable);
  if (g_hash_table_lookup (data->self->runs, rushes_task_get_id (data->task)) != NULL)
    g_hash_table_remove (data->self->runs, rushes_task_get_id (data->task));
  g_clear_pointer (&data->lock, _rushes_task_lock_release);
}

/*
 * _rushes_task_runner_fail:
 *
 * The task cannot end well; its record says why. A clip that had
 * succeeded (its missing video fetched again) stays succeeded: it was made
 * and paid for, and the next start asks for its video again.
 */
void
_rushes_task_runner_fail (GTask        *task,
                          const GError *failure)
{
  RunData *data = g_task_get_task_data (task);

  _rushes_task_set_error (data->task, failure);
  _rushes_task_set_state (data->task, data->refetch ? RUSHES_TASK_STATE_SUCCEEDED : RUSHES_TASK_STATE_FAILED);
  _rushes_task_runner_save (task);
}

/* Ends the run. @error (owned) NULL means success. */
void
_rushes_task_runner_complete (GTask  *task,
                              GError *error)
{
  RunData *data = g_task_get_task_data (task);

  if (data->done)
    {
      g_clear_error (&error);
      return;
    }

  /* A refetch that stopped before it could fail (no key, a quit) must not
   * leave a made and paid-for clip among the running tasks. */
  if (error != NULL && data->refetch && rushes_task_get_state (data->task) == RUSHES_TASK_STATE_DOWNLOADING)
    {
      _rushes_task_set_state (data->task, RUSHES_TASK_STATE_SUCCEEDED);
      _rushes_task_runner_save (task);
    }

  data->done = TRUE;
  run_stop (data);

  if (error == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The run's own cancellable fired: either the caller stopped following (the
 * task goes on upstream) or the task was cancelled upstream. */
GError *
_rushes_task_runner_cancellation_error (RunData *data)
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
    _rushes_task_runner_complete (task, _rushes_task_runner_cancellation_error (data));

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

void
_rushes_task_runner_apply_progress (GTask                    *task,
                                    const RushesRemoteStatus *status)
{
  RunData *data = g_task_get_task_data (task);
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
      _rushes_task_runner_save (task);
    }
}

/* Submit ------------------------------------------------------------------ */

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
  guint attempt;

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
          if (_rushes_task_runner_save (task))
            _rushes_task_runner_complete (task, data->cancel_requested ? g_steal_pointer (&cancelled)
                                                                       : g_steal_pointer (&error));
          return;
        }

      _rushes_task_set_error (data->task, error);
      _rushes_task_set_state (data->task,
                              g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN)
                                ? RUSHES_TASK_STATE_UNCERTAIN
                                : RUSHES_TASK_STATE_FAILED);
      if (_rushes_task_runner_save (task))
        _rushes_task_runner_complete (task, g_steal_pointer (&error));
      return;
    }

  /* Before anything else: a crash from here on must not lose the task.
   * The remote id is the receipt of a paid run: a write that fails is
   * tried again, then told to the user with the id itself, so that it is
   * written down somewhere even if the disk refuses it. */
  _rushes_task_set_remote (data->task, status->remote_id, status->remote_token);
  _rushes_task_set_state (data->task, RUSHES_TASK_STATE_QUEUED);
  for (attempt = 0; attempt < 3; attempt++)
    {
      g_clear_error (&error);
      if (save_full (task, &error))
        break;
    }
  if (error != NULL)
    {
      g_autoptr(GError) unsaved =
        g_error_new (RUSHES_ERROR, RUSHES_ERROR_FAILED,
                     _("%s accepted task %s (remote id %s), but Rushes cannot write its record: %s. "
                       "Rushes goes on following it; keep the remote id in case it is lost."),
                     rushes_provider_get_name (data->provider), rushes_task_get_id (data->task),
                     status->remote_id != NULL ? status->remote_id : "?", error->message);

      g_message ("%s", unsaved->message);
      g_signal_emit (data->self, signals[RECORD_ERROR], 0, data->task, unsaved);
    }
  _rushes_task_runner_apply_progress (task, status);
  if (data->done)
    return;

  if (data->flags & RUSHES_RUN_FLAGS_DETACH)
    {
      _rushes_task_runner_complete (task, NULL);
      return;
    }

  override = rushes_config_get_poll_interval_ms (data->self->config);
  _rushes_task_runner_follow_start (task, override > 0 ? override : _rushes_model_get_poll_delay_ms (data->model));
}

static void run_failed_before_submit (GTask  *task,
                                      GError *error);

static void
submit_send (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  _rushes_task_set_status_text (data->task, _("Sending"));
  _rushes_task_set_state (data->task, RUSHES_TASK_STATE_SUBMITTING);
  if (!save_full (task, &error))
    {
      /* Without a record that a submit is under way, do not send one. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        _rushes_task_set_state (data->task, RUSHES_TASK_STATE_DRAFT);
      _rushes_task_runner_complete (task, error);
      return;
    }

  rushes_provider_submit_async (data->provider, data->credentials, data->model, data->task,
                                data->cancellable, submit_cb, g_object_ref (task));
}

static void
budget_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!data->self->budget_check_finish (result, data->self->budget_check_data, &error))
    run_failed_before_submit (task, error);
  else
    submit_send (task);
}

static void
submit (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  /* The last guard before money is spent: the app and the CLI check a
   * whole fan-out first; a draft resumed later is checked here, with a
   * live quote where the provider gives one. */
  if (!(data->flags & RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET) && data->self->budget_check != NULL)
    {
      data->self->budget_check (data->task, data->self->budget_check_data, data->cancellable,
                                budget_checked_cb, g_object_ref (task));
      return;
    }

  submit_send (task);
}

/* Run --------------------------------------------------------------------- */

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
      if (!_rushes_task_runner_save (task))
        {
          g_error_free (error);
          return;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      error = _rushes_task_runner_cancellation_error (data);
    }

  _rushes_task_runner_complete (task, error);
}

/*
 * A draft read from the library may have been written by anyone: before
 * anything is sent it must be as valid as one made in the composer, and
 * its local images must be the copies in its own folder.
 */
static gboolean
check_draft (RunData  *data,
             GError  **error)
{
  RushesGenerationParams *params = rushes_task_get_params (data->task);
  const char *images[] = { RUSHES_CONTROL_IMAGE, RUSHES_CONTROL_END_IMAGE };

  if (!rushes_model_validate (data->model, params, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      const char *value = rushes_generation_params_get_value (params, images[i]);
      GFile *copy;

      if (value == NULL || g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
        continue;

      copy = rushes_task_get_image_file (data->task, images[i]);
      if (copy == NULL || g_file_query_file_type (copy, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_REGULAR)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("Task %s has no copy of its %s in its folder; nothing was sent"),
                       rushes_task_get_id (data->task),
                       g_str_equal (images[i], RUSHES_CONTROL_IMAGE) ? _("start image") : _("end image"));
          rushes_error_set_control (*error, images[i]);
          return FALSE;
        }
    }

  return TRUE;
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
    _rushes_task_runner_follow_start (task, 0);
}

/* Decides what to do from the record as it is now, under the lock. */
static void
run_decide (GTask *task)
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
      _rushes_task_runner_complete (task, NULL);
      return;

    case RUSHES_TASK_STATE_FAILED:
    case RUSHES_TASK_STATE_CANCELLED:
      _rushes_task_runner_complete (task, outcome_error (data->task));
      return;

    case RUSHES_TASK_STATE_UNCERTAIN:
      /* Never sent again. With a remote id (a process that got the answer
       * and could not write it before a crash, or Check Again), it can be
       * followed; without one, it stays for the user to check. */
      if (rushes_task_get_remote_id (data->task) != NULL)
        break;
      _rushes_task_runner_complete (task, outcome_error (data->task));
      return;

    case RUSHES_TASK_STATE_SUBMITTING:
      {
        /* A submit was under way when its process stopped (no process
         * holds the task): it may have been received and billed. Never
         * send it again. */
        g_autoptr(GError) uncertain =
          g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN,
                               _("Rushes stopped while the request was being sent; the task may exist "
                                 "upstream and was not sent again"));

        _rushes_task_set_error (data->task, uncertain);
        _rushes_task_set_state (data->task, RUSHES_TASK_STATE_UNCERTAIN);
        if (_rushes_task_runner_save (task))
          _rushes_task_runner_complete (task, g_steal_pointer (&uncertain));
      }
      return;

    case RUSHES_TASK_STATE_DRAFT:
    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_DOWNLOADING:
    default:
      break;
    }

  data->model = get_model (self, data->task, &error);
  if (data->model != NULL)
    {
      g_object_ref (data->model);
      data->provider = get_provider (self, rushes_task_get_provider_id (data->task), &error);
    }
  if (data->provider != NULL)
    g_object_ref (data->provider);
  if (data->provider != NULL && rushes_task_get_state (data->task) == RUSHES_TASK_STATE_DRAFT)
    check_draft (data, &error);
  if (data->provider == NULL || error != NULL)
    {
      run_failed_before_submit (task, error);
      return;
    }

  rushes_credentials_lookup_async (self->config, self->secrets, rushes_task_get_provider_id (data->task),
                                   data->cancellable, run_credentials_cb, g_object_ref (task));
}

static void
run_locked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean waited = FALSE;

  data->lock = _rushes_task_lock_acquire_finish (result, &waited, &error);
  if (data->lock == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_error_free (error);
          error = _rushes_task_runner_cancellation_error (data);
        }
      _rushes_task_runner_complete (task, error);
      return;
    }

  /* What this process read earlier may be stale: another process may have
   * submitted, followed or finished the task since. Only the record as it
   * is now, read under the lock, decides. */
  if (!_rushes_library_reload_task (data->self->library, data->task, &error))
    {
      _rushes_task_runner_complete (task, error);
      return;
    }
  if (waited)
    g_debug ("Task %s: another process let go of it; going on from its record (%s)",
             rushes_task_get_id (data->task), rushes_task_state_to_string (rushes_task_get_state (data->task)));

  run_decide (task);
}

/* One follower per task across processes (the app and rushes-cli may both
 * look at the library): two would both download into the same .part file,
 * and one would take the other's submit for an interrupted one. A process
 * that finds the task followed elsewhere waits its turn. */
static void
run_start (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  /* Finished tasks need no lock to say how they ended, unless a clip lost
   * its video or an uncertain task has a remote id to follow. */
  if (rushes_task_is_finished (data->task) &&
      !(rushes_task_get_state (data->task) == RUSHES_TASK_STATE_SUCCEEDED &&
        rushes_task_get_video_file (data->task) == NULL) &&
      !(rushes_task_get_state (data->task) == RUSHES_TASK_STATE_UNCERTAIN &&
        rushes_task_get_remote_id (data->task) != NULL))
    {
      run_decide (task);
      return;
    }

  _rushes_task_lock_acquire_async (rushes_task_get_folder (data->task), data->cancellable,
                                   run_locked_cb, g_object_ref (task));
}

/* Cancel ------------------------------------------------------------------ */

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
  /* A follower in another process sees the record end and stops. */
  if (!_rushes_library_save_task (data->self->library, data->task, RUSHES_TASK_FIELDS_RUN, &error))
    g_signal_emit (data->self, signals[RECORD_ERROR], 0, data->task, error);

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

  /**
   * RushesTaskRunner::record-error:
   * @self: the runner
   * @task: the task whose record could not be written
   * @error: why; for a submitted task it names the remote id
   *
   * A task's record could not be written (a full disk, a folder gone).
   * The run goes on and writes again at the next change; the user must
   * hear of it, since the record is what survives a crash.
   */
  signals[RECORD_ERROR] =
    g_signal_new ("record-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RUSHES_TYPE_TASK, G_TYPE_ERROR);
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
  data->video_size = -1;
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

  if (!_rushes_library_reload_task (self->library, task, &error))
    {
      g_task_return_error (gtask, g_steal_pointer (&error));
      return;
    }

  switch (rushes_task_get_state (task))
    {
    case RUSHES_TASK_STATE_DRAFT:
      _rushes_task_set_state (task, RUSHES_TASK_STATE_CANCELLED);
      if (_rushes_library_save_task (self->library, task, RUSHES_TASK_FIELDS_RUN, &error))
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
 * rushes_task_runner_set_budget_check:
 * @func: (nullable): starts checking a draft against the budgets before
 *   its submit
 * @finish: says whether the draft may be sent
 *
 * Runs without %RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET send a draft only when
 * the check lets it through.
 */
void
rushes_task_runner_set_budget_check (RushesTaskRunner        *self,
                                     RushesBudgetCheckFunc    func,
                                     RushesBudgetCheckFinish  finish,
                                     gpointer                 user_data)
{
  g_return_if_fail (RUSHES_IS_TASK_RUNNER (self));
  g_return_if_fail (func == NULL || finish != NULL);

  self->budget_check = func;
  self->budget_check_finish = finish;
  self->budget_check_data = user_data;
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

  /* Decide on the record as it is now: another process may have found
   * the task upstream meanwhile. */
  if (!_rushes_library_reload_task (self->library, task, error))
    return FALSE;

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

  return _rushes_library_save_task (self->library, task, RUSHES_TASK_FIELDS_RUN, error);
}
