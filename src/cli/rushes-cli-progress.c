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

#define G_LOG_DOMAIN "rushes-cli-progress"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "rushes-cli-progress.h"

/* How a task's progress is shown on stderr: a bar redrawn in place on a
 * terminal, or one plain line per change when stderr is a file or pipe
 * (logs stay readable and diffable). */

#define BAR_WIDTH 24

struct _RushesCliProgress
{
  GObject     parent_instance;

  /* Owned */
  RushesTask *task;
  char       *last_line;
  GTimer     *timer;

  /* Borrowed */
  gulong      notify_handler;
  guint       tick_source;

  guint       interactive : 1;
  guint       bar_drawn : 1;
};

G_DEFINE_FINAL_TYPE (RushesCliProgress, rushes_cli_progress, G_TYPE_OBJECT)

static char *
format_elapsed (RushesCliProgress *self)
{
  guint seconds = (guint) g_timer_elapsed (self->timer, NULL);

  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static const char *
state_label (RushesTaskState state)
{
  switch (state)
    {
    case RUSHES_TASK_STATE_DRAFT:
      return _("draft");
    case RUSHES_TASK_STATE_SUBMITTING:
      return _("submitting");
    case RUSHES_TASK_STATE_QUEUED:
      return _("queued");
    case RUSHES_TASK_STATE_RUNNING:
      return _("running");
    case RUSHES_TASK_STATE_DOWNLOADING:
      return _("downloading");
    case RUSHES_TASK_STATE_SUCCEEDED:
      return _("succeeded");
    case RUSHES_TASK_STATE_FAILED:
      return _("failed");
    case RUSHES_TASK_STATE_CANCELLED:
      return _("cancelled");
    case RUSHES_TASK_STATE_UNCERTAIN:
      return _("uncertain");
    default:
      g_assert_not_reached ();
    }
}

static void
draw_bar (RushesCliProgress *self)
{
  RushesTaskState state = rushes_task_get_state (self->task);
  double progress = rushes_task_get_progress (self->task);
  g_autofree char *elapsed = format_elapsed (self);
  char bar[BAR_WIDTH + 1];
  int filled;

  if (progress >= 0)
    {
      filled = (int) round (CLAMP (progress, 0.0, 1.0) * BAR_WIDTH);
      memset (bar, '#', filled);
      memset (bar + filled, '-', BAR_WIDTH - filled);
    }
  else
    {
      /* No percentage from the provider: a marker that moves while
       * time passes, so the user sees it is alive. */
      int pos = ((int) (g_timer_elapsed (self->timer, NULL) * 4)) % BAR_WIDTH;

      memset (bar, '-', BAR_WIDTH);
      bar[pos] = '=';
    }
  bar[BAR_WIDTH] = '\0';

  if (progress >= 0)
    g_printerr ("\r\033[K[%s] %3d%%  %-11s %s", bar, (int) round (progress * 100), state_label (state), elapsed);
  else
    g_printerr ("\r\033[K[%s]       %-11s %s", bar, state_label (state), elapsed);

  self->bar_drawn = TRUE;
}

static void
print_line (RushesCliProgress *self)
{
  RushesTaskState state = rushes_task_get_state (self->task);
  double progress = rushes_task_get_progress (self->task);
  g_autofree char *line = NULL;

  /* Plain lines change in steps of 10 % so a log is not flooded. */
  if (progress >= 0 && state == RUSHES_TASK_STATE_RUNNING)
    line = g_strdup_printf ("%s: %s %d%%",
                            rushes_task_get_id (self->task),
                            state_label (state),
                            ((int) floor (progress * 10)) * 10);
  else
    line = g_strdup_printf ("%s: %s", rushes_task_get_id (self->task), state_label (state));

  if (g_strcmp0 (line, self->last_line) == 0)
    return;

  g_printerr ("%s\n", line);
  g_free (self->last_line);
  self->last_line = g_steal_pointer (&line);
}

static void
task_notify_cb (RushesCliProgress *self,
                GParamSpec        *pspec,
                RushesTask        *task)
{
  if (self->interactive)
    draw_bar (self);
  else
    print_line (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  RushesCliProgress *self = user_data;

  draw_bar (self);

  return G_SOURCE_CONTINUE;
}

static void
rushes_cli_progress_dispose (GObject *object)
{
  RushesCliProgress *self = RUSHES_CLI_PROGRESS (object);

  rushes_cli_progress_finish (self);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (rushes_cli_progress_parent_class)->dispose (object);
}

static void
rushes_cli_progress_finalize (GObject *object)
{
  RushesCliProgress *self = RUSHES_CLI_PROGRESS (object);

  g_clear_pointer (&self->last_line, g_free);
  g_clear_pointer (&self->timer, g_timer_destroy);

  G_OBJECT_CLASS (rushes_cli_progress_parent_class)->finalize (object);
}

static void
rushes_cli_progress_class_init (RushesCliProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_cli_progress_dispose;
  object_class->finalize = rushes_cli_progress_finalize;
}

static void
rushes_cli_progress_init (RushesCliProgress *self)
{
  self->timer = g_timer_new ();
}

/**
 * rushes_cli_progress_new:
 * @task: the task to follow
 * @interactive: %TRUE to draw a bar (stderr is a terminal)
 *
 * Shows @task's state and progress on stderr until
 * rushes_cli_progress_finish() or the object is disposed.
 */
RushesCliProgress *
rushes_cli_progress_new (RushesTask *task,
                         gboolean    interactive)
{
  RushesCliProgress *self;

  g_return_val_if_fail (RUSHES_IS_TASK (task), NULL);

  self = g_object_new (RUSHES_TYPE_CLI_PROGRESS, NULL);
  self->task = g_object_ref (task);
  self->interactive = !!interactive;
  self->notify_handler = g_signal_connect_object (task, "notify",
                                                  G_CALLBACK (task_notify_cb), self,
                                                  G_CONNECT_SWAPPED);
  if (self->interactive)
    {
      self->tick_source = g_timeout_add (250, tick_cb, self);
      draw_bar (self);
    }
  else
    {
      print_line (self);
    }

  return self;
}

/**
 * rushes_cli_progress_finish:
 * @self: a #RushesCliProgress
 *
 * Stops following the task and ends the bar's line, so that what is
 * printed next starts on a fresh line.
 */
void
rushes_cli_progress_finish (RushesCliProgress *self)
{
  g_return_if_fail (RUSHES_IS_CLI_PROGRESS (self));

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->notify_handler != 0 && self->task != NULL)
    g_clear_signal_handler (&self->notify_handler, self->task);

  if (self->bar_drawn)
    {
      draw_bar (self);
      g_printerr ("\n");
      self->bar_drawn = FALSE;
    }
}
