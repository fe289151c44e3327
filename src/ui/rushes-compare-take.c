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

#define G_LOG_DOMAIN "rushes-compare-take"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-compare-take.h"

/* One take in Compare: its picture, its letter (A to D), its model, seed,
 * cost and length, what sets it apart from the other takes, and its
 * buttons — listen, keep (star), reject, details — which act through the
 * compare view's actions with the take's index as their target. */

struct _RushesCompareTake
{
  AdwBin      parent_instance;

  /* Template widgets */
  GtkWidget  *picture_overlay;
  GtkPicture *picture;
  GtkLabel   *picture_letter;
  GtkLabel   *letter_label;
  GtkLabel   *model_label;
  GtkButton  *listen_button;
  GtkButton  *star_button;
  GtkButton  *reject_button;
  GtkButton  *details_button;
  GtkLabel   *summary_label;
  GtkLabel   *prompt_label;
  GtkLabel   *diff_label;

  /* Owned */
  RushesTask *task;
};

G_DEFINE_FINAL_TYPE (RushesCompareTake, rushes_compare_take, ADW_TYPE_BIN)

static void
sync_star (RushesCompareTake *self)
{
  gboolean starred = self->task != NULL && rushes_task_get_favourite (self->task);
  const char *label = starred ? _("Kept (Starred)") : _("Keep (Star)");

  gtk_button_set_icon_name (self->star_button, starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (starred)
    gtk_widget_add_css_class (GTK_WIDGET (self), "starred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "starred");
}

static void
set_target (GtkButton  *button,
            const char *action,
            guint       index)
{
  /* The target first: the actions take the take's index. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (index));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
}

static void
rushes_compare_take_dispose (GObject *object)
{
  RushesCompareTake *self = RUSHES_COMPARE_TAKE (object);

  if (self->task != NULL)
    g_signal_handlers_disconnect_by_func (self->task, sync_star, self);
  g_clear_object (&self->task);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_COMPARE_TAKE);

  G_OBJECT_CLASS (rushes_compare_take_parent_class)->dispose (object);
}

static void
rushes_compare_take_class_init (RushesCompareTakeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_compare_take_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-compare-take.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, picture_overlay);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, picture);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, picture_letter);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, letter_label);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, model_label);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, listen_button);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, star_button);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, reject_button);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, details_button);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareTake, diff_label);

  gtk_widget_class_set_css_name (widget_class, "comparetake");
}

static void
rushes_compare_take_init (RushesCompareTake *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Rounded corners on the picture itself. */
  gtk_widget_set_overflow (GTK_WIDGET (self->picture), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
rushes_compare_take_new (void)
{
  return g_object_new (RUSHES_TYPE_COMPARE_TAKE, NULL);
}

/**
 * rushes_compare_take_set_take:
 * @task: the take
 * @index: its place in the comparison, 0 for A
 * @paintable: its player's picture
 * @model_name: (nullable): its model's name; its id when %NULL
 */
void
rushes_compare_take_set_take (RushesCompareTake *self,
                              RushesTask        *task,
                              guint              index,
                              GdkPaintable      *paintable,
                              const char        *model_name)
{
  RushesGenerationParams *params;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *letter = g_strdup_printf ("%c", 'A' + (int) MIN (index, 25));
  const char *seed, *duration, *resolution;
  double cost;

  g_return_if_fail (RUSHES_IS_COMPARE_TAKE (self));
  g_return_if_fail (RUSHES_IS_TASK (task));
  g_return_if_fail (GDK_IS_PAINTABLE (paintable));

  if (self->task != NULL)
    g_signal_handlers_disconnect_by_func (self->task, sync_star, self);
  g_set_object (&self->task, task);
  g_signal_connect_swapped (task, "notify::favourite", G_CALLBACK (sync_star), self);

  gtk_picture_set_paintable (self->picture, paintable);
  gtk_label_set_label (self->picture_letter, letter);
  gtk_label_set_label (self->letter_label, letter);
  gtk_label_set_label (self->model_label, model_name != NULL ? model_name : rushes_task_get_model_id (task));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->model_label), rushes_task_get_model_id (task));

  params = rushes_task_get_params (task);
  seed = rushes_generation_params_get_value (params, RUSHES_CONTROL_SEED);
  duration = rushes_generation_params_get_value (params, RUSHES_CONTROL_DURATION);
  resolution = rushes_generation_params_get_value (params, RUSHES_CONTROL_RESOLUTION);
  cost = rushes_task_get_cost_usd (task);

  if (seed != NULL)
    /* Translators: a take's seed in Compare */
    g_string_append_printf (summary, _("Seed %s"), seed);
  else
    g_string_append (summary, _("No seed"));
  if (cost > 0)
    g_string_append_printf (summary, " · $%.2f", cost);
  else
    g_string_append_printf (summary, " · %s", _("free"));
  if (duration != NULL)
    {
      g_autofree char *text = rushes_control_format_value (RUSHES_CONTROL_DURATION, duration);

      g_string_append_printf (summary, " · %s", text);
    }
  if (resolution != NULL)
    g_string_append_printf (summary, " · %s", resolution);
  gtk_label_set_label (self->summary_label, summary->str);

  set_target (self->listen_button, "compare.listen", index);
  set_target (self->star_button, "compare.star", index);
  set_target (self->reject_button, "compare.reject", index);
  set_target (self->details_button, "compare.details", index);
  sync_star (self);

  {
    /* Translators: the accessible name of a take in Compare: its letter and model */
    g_autofree char *accessible = g_strdup_printf (_("Take %s: %s"), letter,
                                                   gtk_label_get_label (self->model_label));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
  }
}

/**
 * rushes_compare_take_get_task:
 *
 * Returns: (transfer none) (nullable): the take shown
 */
RushesTask *
rushes_compare_take_get_task (RushesCompareTake *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPARE_TAKE (self), NULL);

  return self->task;
}

/**
 * rushes_compare_take_set_differences:
 * @lines: (element-type utf8): the settings that set the take apart,
 *   "Label: value"
 * @prompt_markup: (nullable): the take's prompt with its own words in
 *   bold, when the prompts differ
 */
void
rushes_compare_take_set_differences (RushesCompareTake *self,
                                     GPtrArray         *lines,
                                     const char        *prompt_markup)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (RUSHES_IS_COMPARE_TAKE (self));
  g_return_if_fail (lines != NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, g_ptr_array_index (lines, i));
    }

  if (lines->len == 0 && prompt_markup == NULL)
    g_string_assign (text, _("Same prompt and settings as the others"));
  gtk_label_set_label (self->diff_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->diff_label), text->len > 0);

  gtk_label_set_markup (self->prompt_label, prompt_markup != NULL ? prompt_markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_label), prompt_markup != NULL);
}

/**
 * rushes_compare_take_set_show_picture:
 *
 * Whether the take shows its own picture; in the wipe, the pictures are
 * shown together above the takes.
 */
void
rushes_compare_take_set_show_picture (RushesCompareTake *self,
                                      gboolean           show_picture)
{
  g_return_if_fail (RUSHES_IS_COMPARE_TAKE (self));

  gtk_widget_set_visible (self->picture_overlay, show_picture);
  gtk_widget_set_visible (GTK_WIDGET (self->letter_label), !show_picture);
  gtk_widget_set_vexpand (GTK_WIDGET (self), show_picture);
}

/**
 * rushes_compare_take_set_listening:
 *
 * Whether the take's sound is the one heard.
 */
void
rushes_compare_take_set_listening (RushesCompareTake *self,
                                   gboolean           listening)
{
  const char *label = listening ? _("This Take Is Heard") : _("Listen to This Take");

  g_return_if_fail (RUSHES_IS_COMPARE_TAKE (self));

  gtk_button_set_icon_name (self->listen_button,
                            listening ? "audio-volume-high-symbolic" : "audio-volume-muted-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->listen_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->listen_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
