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

#define G_LOG_DOMAIN "rushes-task-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-task-row.h"
#include "rushes-ui-utils.h"

/* One task in the tasks pane: its prompt, model and settings, its state,
 * and while it runs a progress bar (or, while the provider gives no
 * percentage, a still line saying what it waits for) with the elapsed
 * time and a cancel button.
 *
 * Nothing here animates or keeps a timer: a pulsing bar runs a tick
 * callback on every frame, and twenty waiting tasks redrew the window
 * sixty times a second. The library view updates the elapsed time of the
 * rows it shows, once a second, through rushes_task_row_update_elapsed(). */

struct _RushesTaskRow
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkLabel       *prompt_label;
  GtkLabel       *state_label;
  GtkLabel       *details_label;
  GtkBox         *progress_box;
  GtkProgressBar *progress_bar;
  GtkLabel       *waiting_label;
  GtkInscription *elapsed_label;
  GtkButton      *cancel_button;
  GtkLabel       *error_label;

  /* Owned */
  RushesTask     *task;
  GSignalGroup   *task_signals;
};

G_DEFINE_FINAL_TYPE (RushesTaskRow, rushes_task_row, GTK_TYPE_WIDGET)

static const char *
state_title (RushesTaskState state)
{
  switch (state)
    {
    case RUSHES_TASK_STATE_DRAFT:
      return C_("task state", "Preparing");
    case RUSHES_TASK_STATE_SUBMITTING:
      return C_("task state", "Sending");
    case RUSHES_TASK_STATE_QUEUED:
      return C_("task state", "Queued");
    case RUSHES_TASK_STATE_RUNNING:
      return C_("task state", "Generating");
    case RUSHES_TASK_STATE_DOWNLOADING:
      return C_("task state", "Downloading");
    case RUSHES_TASK_STATE_SUCCEEDED:
      return C_("task state", "Done");
    case RUSHES_TASK_STATE_FAILED:
      return C_("task state", "Failed");
    case RUSHES_TASK_STATE_CANCELLED:
      return C_("task state", "Cancelled");
    case RUSHES_TASK_STATE_UNCERTAIN:
      return C_("task state", "Uncertain");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
state_is_active (RushesTaskState state)
{
  return state == RUSHES_TASK_STATE_DRAFT ||
         state == RUSHES_TASK_STATE_SUBMITTING ||
         state == RUSHES_TASK_STATE_QUEUED ||
         state == RUSHES_TASK_STATE_RUNNING ||
         state == RUSHES_TASK_STATE_DOWNLOADING;
}

static char *
format_elapsed (RushesTask *task)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *created = rushes_task_get_created_at (task);
  gint64 seconds = created != NULL ? g_date_time_difference (now, created) / G_TIME_SPAN_SECOND : 0;

  seconds = MAX (seconds, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT, seconds / 60, seconds % 60);
}

static char *
format_details (RushesTask *task)
{
  RushesGenerationParams *params = rushes_task_get_params (task);
  g_autoptr(GString) text = g_string_new (rushes_task_get_model_id (task));
  const char *ratio = rushes_generation_params_get_value (params, RUSHES_CONTROL_ASPECT_RATIO);
  const char *duration = rushes_generation_params_get_value (params, RUSHES_CONTROL_DURATION);
  const char *resolution = rushes_generation_params_get_value (params, RUSHES_CONTROL_RESOLUTION);
  double cost = rushes_task_get_cost_usd (task);

  if (duration != NULL)
    /* Translators: a clip's duration in seconds */
    g_string_append_printf (text, _(" · %s s"), duration);
  if (ratio != NULL)
    g_string_append_printf (text, " · %s", ratio);
  if (resolution != NULL)
    g_string_append_printf (text, " · %s", resolution);
  if (cost >= 0)
    g_string_append_printf (text, " · $%.2f", cost);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What a task without a percentage is doing, instead of a pulsing bar. */
static const char *
waiting_title (RushesTaskState state)
{
  switch (state)
    {
    case RUSHES_TASK_STATE_DRAFT:
    case RUSHES_TASK_STATE_SUBMITTING:
      return _("Sending to the provider");
    case RUSHES_TASK_STATE_QUEUED:
      return _("Waiting upstream");
    case RUSHES_TASK_STATE_DOWNLOADING:
      return _("Downloading the video");
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_SUCCEEDED:
    case RUSHES_TASK_STATE_FAILED:
    case RUSHES_TASK_STATE_CANCELLED:
    case RUSHES_TASK_STATE_UNCERTAIN:
    default:
      return _("Generating upstream");
    }
}

static void
rushes_task_row_sync (RushesTaskRow *self)
{
  RushesTaskState state;
  const char *prompt;
  const char *error;
  g_autofree char *details = NULL;
  gboolean active;
  double progress;

  if (self->task == NULL)
    return;

  state = rushes_task_get_state (self->task);
  active = state_is_active (state);
  progress = rushes_task_get_progress (self->task);
  prompt = rushes_task_get_prompt (self->task);
  error = rushes_task_get_error_message (self->task);
  details = format_details (self->task);

  gtk_label_set_label (self->prompt_label, prompt != NULL && *prompt != '\0' ? prompt : _("No prompt"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->prompt_label), prompt);
  gtk_label_set_label (self->details_label, details);
  gtk_label_set_label (self->state_label, state_title (state));

  rushes_widget_set_task_state_class (GTK_WIDGET (self->state_label), state);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), active);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), progress >= 0);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), progress < 0);
  if (progress >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, progress);
  else
    gtk_label_set_label (self->waiting_label, waiting_title (state));
  {
    g_autofree char *accessible = progress >= 0
      ? g_strdup_printf (_("%s, %d percent"), state_title (state), (int) (progress * 100))
      : g_strdup (state_title (state));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
  }

  /* Target first: the action takes the task id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "s", rushes_task_get_id (self->task));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "win.cancel-task");
  /* WaveSpeed and APIXO offer no way to cancel: no button that cannot work. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button),
                          (state == RUSHES_TASK_STATE_QUEUED || state == RUSHES_TASK_STATE_RUNNING) &&
                          rushes_provider_id_can_cancel (rushes_task_get_provider_id (self->task)));

  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label),
                          error != NULL && (state == RUSHES_TASK_STATE_FAILED || state == RUSHES_TASK_STATE_UNCERTAIN));

  rushes_task_row_update_elapsed (self);
}

static void
task_notify_cb (RushesTaskRow *self)
{
  rushes_task_row_sync (self);
}

static void
rushes_task_row_dispose (GObject *object)
{
  RushesTaskRow *self = RUSHES_TASK_ROW (object);

  g_signal_group_set_target (self->task_signals, NULL);
  g_clear_object (&self->task_signals);
  g_clear_object (&self->task);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_TASK_ROW);

  G_OBJECT_CLASS (rushes_task_row_parent_class)->dispose (object);
}

static void
rushes_task_row_class_init (RushesTaskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_task_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "taskrow");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-task-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, box);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RushesTaskRow, error_label);
}

static void
rushes_task_row_init (RushesTaskRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->task_signals = g_signal_group_new (RUSHES_TYPE_TASK);
  g_signal_group_connect_swapped (self->task_signals, "notify", G_CALLBACK (task_notify_cb), self);
}

GtkWidget *
rushes_task_row_new (void)
{
  return g_object_new (RUSHES_TYPE_TASK_ROW, NULL);
}

/**
 * rushes_task_row_get_task:
 * @self: a #RushesTaskRow
 *
 * Returns: (transfer none) (nullable): the task shown
 */
RushesTask *
rushes_task_row_get_task (RushesTaskRow *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK_ROW (self), NULL);

  return self->task;
}

void
rushes_task_row_set_task (RushesTaskRow *self,
                          RushesTask    *task)
{
  g_return_if_fail (RUSHES_IS_TASK_ROW (self));
  g_return_if_fail (!task || RUSHES_IS_TASK (task));

  if (!g_set_object (&self->task, task))
    return;

  if (task == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), NULL);

  g_signal_group_set_target (self->task_signals, task);
  rushes_task_row_sync (self);
}

/**
 * rushes_task_row_update_elapsed:
 * @self: a #RushesTaskRow
 *
 * Shows the time since the task was created, while it runs. Only the
 * elapsed time is redrawn: its width is fixed, so nothing is laid out
 * again.
 */
void
rushes_task_row_update_elapsed (RushesTaskRow *self)
{
  g_autofree char *elapsed = NULL;

  g_return_if_fail (RUSHES_IS_TASK_ROW (self));

  if (self->task == NULL || !state_is_active (rushes_task_get_state (self->task)))
    return;

  elapsed = format_elapsed (self->task);
  gtk_inscription_set_text (self->elapsed_label, elapsed);
}
