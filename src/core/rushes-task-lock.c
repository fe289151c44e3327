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

#define G_LOG_DOMAIN "rushes-task-lock"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "rushes-error.h"
#include "rushes-task-lock.h"

#define FOLLOWER_LOCK_NAME ".lock"
#define RECORD_LOCK_NAME   ".record-lock"

/* How often a process waiting for another one's follower lock looks
 * again: once a second, on GLib's second timers, so that many waiting
 * tasks wake the process once, not once each. */
#define FOLLOWER_RETRY_S 1

/* A record write takes milliseconds; a holder this slow is stuck. */
#define RECORD_LOCK_TIMEOUT_MS 5000
#define RECORD_RETRY_MS        5

struct _RushesTaskLock
{
  int fd;
};

static int
open_lock_file (GFile       *folder,
                const char  *name,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_get_child (folder, name);
  int fd;

  /* A planted link must not make Rushes create or lock a file elsewhere. */
  fd = g_open (g_file_peek_path (file), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name_of_folder = g_file_get_basename (folder);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                   _("Cannot lock task %s: %s"), name_of_folder, g_strerror (saved_errno));
    }
  return fd;
}

static RushesTaskLock *
lock_new (int fd)
{
  RushesTaskLock *lock = g_new0 (RushesTaskLock, 1);

  lock->fd = fd;
  return lock;
}

/**
 * _rushes_task_lock_try:
 * @folder: a task's folder
 * @busy: (out): set when another process (or another run here) holds it
 *
 * Takes the follower lock if it is free.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL (with @error
 *   set only for a failure other than "busy")
 */
RushesTaskLock *
_rushes_task_lock_try (GFile     *folder,
                       gboolean  *busy,
                       GError   **error)
{
  int fd;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (busy != NULL, NULL);

  *busy = FALSE;
  fd = open_lock_file (folder, FOLLOWER_LOCK_NAME, error);
  if (fd < 0)
    return NULL;

  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    return lock_new (fd);

  if (errno == EWOULDBLOCK)
    *busy = TRUE;
  else
    {
      int saved_errno = errno;
      g_autofree char *name = g_file_get_basename (folder);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                   _("Cannot lock task %s: %s"), name, g_strerror (saved_errno));
    }
  close (fd);
  return NULL;
}

typedef struct
{
  GFile   *folder;
  GSource *retry;
  gulong   cancelled_id;
  gboolean waited;
} AcquireData;

static void
acquire_data_free (AcquireData *data)
{
  g_assert (data->retry == NULL);

  g_clear_object (&data->folder);
  g_free (data);
}

static void acquire_try (GTask *task);

/* Returns the lock or the error, and drops the task's own reference. */
static void
acquire_return (GTask          *task,
                RushesTaskLock *lock,
                GError         *error)
{
  AcquireData *data = g_task_get_task_data (task);

  if (data->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
      data->cancelled_id = 0;
    }

  if (lock != NULL)
    g_task_return_pointer (task, lock, (GDestroyNotify) _rushes_task_lock_release);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
acquire_retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  AcquireData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->retry, g_source_unref);
  acquire_try (task);
  return G_SOURCE_REMOVE;
}

static void
acquire_try (GTask *task)
{
  AcquireData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  RushesTaskLock *lock;
  gboolean busy;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      acquire_return (task, NULL, g_steal_pointer (&error));
      return;
    }

  lock = _rushes_task_lock_try (data->folder, &busy, &error);
  if (lock != NULL || !busy)
    {
      acquire_return (task, lock, g_steal_pointer (&error));
      return;
    }

  /* Another process follows the task: once it lets go, this one goes on
   * from what that one wrote. */
  data->waited = TRUE;
  data->retry = g_timeout_source_new_seconds (FOLLOWER_RETRY_S);
  g_source_set_callback (data->retry, acquire_retry_cb, task, NULL);
  g_source_attach (data->retry, g_task_get_context (task));
}

static void
acquire_cancelled_cb (GCancellable *cancellable,
                      GTask        *task)
{
  AcquireData *data = g_task_get_task_data (task);

  /* Look again at once: acquire_try() sees the cancellation. */
  if (data->retry != NULL)
    g_source_set_ready_time (data->retry, 0);
}

/**
 * _rushes_task_lock_acquire_async:
 * @folder: a task's folder
 *
 * Takes the follower lock, waiting for as long as another process holds
 * it (until @cancellable fires).
 */
void
_rushes_task_lock_acquire_async (GFile               *folder,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  AcquireData *data;

  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _rushes_task_lock_acquire_async);
  data = g_new0 (AcquireData, 1);
  data->folder = g_object_ref (folder);
  g_task_set_task_data (task, data, (GDestroyNotify) acquire_data_free);

  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (acquire_cancelled_cb), task, NULL);

  acquire_try (task);
}

/**
 * _rushes_task_lock_acquire_finish:
 * @waited: (out) (optional): whether another process held it first
 *
 * Returns: (transfer full): the lock, or %NULL with @error set
 */
RushesTaskLock *
_rushes_task_lock_acquire_finish (GAsyncResult  *result,
                                  gboolean      *waited,
                                  GError       **error)
{
  GTask *task = G_TASK (result);
  AcquireData *data = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (waited != NULL)
    *waited = data->waited;

  return g_task_propagate_pointer (task, error);
}

/**
 * _rushes_task_lock_record:
 * @folder: a task's folder
 *
 * Takes the record lock for one read-modify-write of task.json. Waits a
 * little for another writer; gives up if one holds it for seconds.
 *
 * Returns: (transfer full): the lock, or %NULL with @error set
 */
RushesTaskLock *
_rushes_task_lock_record (GFile   *folder,
                          GError **error)
{
  gint64 deadline = g_get_monotonic_time () + RECORD_LOCK_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int fd;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  fd = open_lock_file (folder, RECORD_LOCK_NAME, error);
  if (fd < 0)
    return NULL;

  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno != EWOULDBLOCK || g_get_monotonic_time () > deadline)
        {
          g_autofree char *name = g_file_get_basename (folder);

          close (fd);
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                       _("Cannot lock the record of task %s: %s"), name,
                       saved_errno == EWOULDBLOCK ? _("another process holds it") : g_strerror (saved_errno));
          return NULL;
        }
      g_usleep (RECORD_RETRY_MS * 1000);
    }

  return lock_new (fd);
}

void
_rushes_task_lock_release (RushesTaskLock *lock)
{
  if (lock == NULL)
    return;

  /* Closing the descriptor drops the flock. */
  if (lock->fd >= 0)
    close (lock->fd);
  g_free (lock);
}
