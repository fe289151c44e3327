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

#define G_LOG_DOMAIN "rushes-thumbnail-queue"

#include "config.h"

#include "rushes-thumbnail-queue.h"
#include "rushes-thumbnailer.h"

/**
 * RushesThumbnailQueue:
 *
 * Makes the poster frames (thumbnail.png) of finished clips, one at a
 * time: poster frames are for browsing, never in the way. Each request
 * is made once; #RushesThumbnailQueue::ready says when its file exists.
 */

/* The longer side of a poster frame: sharp on a HiDPI gallery card. */
#define THUMBNAIL_SIZE 480

struct _RushesThumbnailQueue
{
  GObject       parent_instance;

  /* Owned */
  GQueue        queue;        /* RushesTask waiting for a poster frame */
  GHashTable   *requested;    /* ids queued or in progress */
  GCancellable *cancellable;

  guint         busy : 1;
};

typedef struct
{
  RushesThumbnailQueue *self;
  RushesTask           *task;
} MakeData;

static void
make_data_free (MakeData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->task);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MakeData, make_data_free)

G_DEFINE_FINAL_TYPE (RushesThumbnailQueue, rushes_thumbnail_queue, G_TYPE_OBJECT)

enum {
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void make_next (RushesThumbnailQueue *self);

static void
made_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MakeData) data = user_data;
  RushesThumbnailQueue *self = data->self;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;

  if (!rushes_thumbnailer_make_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("No poster frame for %s: %s", rushes_task_get_id (data->task), error->message);
    }
  else
    {
      g_signal_emit (self, signals[READY], 0, data->task);
    }

  make_next (self);
}

static void
make_next (RushesThumbnailQueue *self)
{
  g_autoptr(GFile) output = NULL;
  MakeData *data;

  if (self->busy || g_queue_is_empty (&self->queue))
    return;

  data = g_new0 (MakeData, 1);
  data->self = g_object_ref (self);
  data->task = g_queue_pop_head (&self->queue);
  output = rushes_task_get_thumbnail_file (data->task);
  self->busy = TRUE;
  rushes_thumbnailer_make_async (rushes_task_get_video_file (data->task), output, THUMBNAIL_SIZE,
                                 self->cancellable, made_cb, data);
}

static void
rushes_thumbnail_queue_dispose (GObject *object)
{
  RushesThumbnailQueue *self = RUSHES_THUMBNAIL_QUEUE (object);

  rushes_thumbnail_queue_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->requested, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_thumbnail_queue_parent_class)->dispose (object);
}

static void
rushes_thumbnail_queue_class_init (RushesThumbnailQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_thumbnail_queue_dispose;

  /**
   * RushesThumbnailQueue::ready:
   * @self: the queue
   * @task: the task whose thumbnail.png was just made
   */
  signals[READY] =
    g_signal_new ("ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
}

static void
rushes_thumbnail_queue_init (RushesThumbnailQueue *self)
{
  g_queue_init (&self->queue);
  self->requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

RushesThumbnailQueue *
rushes_thumbnail_queue_new (void)
{
  return g_object_new (RUSHES_TYPE_THUMBNAIL_QUEUE, NULL);
}

/**
 * rushes_thumbnail_queue_request:
 * @self: a #RushesThumbnailQueue
 * @task: a succeeded task without a poster frame
 *
 * Makes thumbnail.png in the task's folder from its video, then emits
 * #RushesThumbnailQueue::ready. A task already requested is not made again.
 */
void
rushes_thumbnail_queue_request (RushesThumbnailQueue *self,
                                RushesTask           *task)
{
  g_return_if_fail (RUSHES_IS_THUMBNAIL_QUEUE (self));
  g_return_if_fail (RUSHES_IS_TASK (task));

  if (rushes_task_get_video_file (task) == NULL ||
      g_cancellable_is_cancelled (self->cancellable) ||
      !g_hash_table_add (self->requested, g_strdup (rushes_task_get_id (task))))
    return;

  g_queue_push_tail (&self->queue, g_object_ref (task));
  make_next (self);
}

/**
 * rushes_thumbnail_queue_cancel:
 * @self: a #RushesThumbnailQueue
 *
 * Stops making poster frames (at shutdown); later requests are ignored.
 */
void
rushes_thumbnail_queue_cancel (RushesThumbnailQueue *self)
{
  g_return_if_fail (RUSHES_IS_THUMBNAIL_QUEUE (self));

  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->queue, g_object_unref);
}
