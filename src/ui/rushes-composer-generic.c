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

#define G_LOG_DOMAIN "rushes-composer-generic"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-composer-private.h"

/* The settings of a model that Rushes knows by no name of its own: a live
 * schema's "mode", "scale", "enhancePrompt"… Each gets the row of its
 * kind, under "More Settings": a choice in a drop-down, a number in a
 * spin button, on/off in a switch, text in an entry. Their values go into
 * the parameters like any other, and validation speaks of them by their
 * schema's label. */

#define CONTROL_KEY "rushes-control"
#define VALUES_KEY  "rushes-values"

static void
set_value (RushesComposer *self,
           GtkWidget      *row,
           const char     *value)
{
  const char *control = g_object_get_data (G_OBJECT (row), CONTROL_KEY);

  if (self->updating || control == NULL)
    return;

  rushes_generation_params_set_value (self->params, control, value, NULL);
  _rushes_composer_update_state (self);
  _rushes_composer_schedule_save (self);
}

static void
choice_selected_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    GtkWidget   *row)
{
  GStrv values = g_object_get_data (G_OBJECT (row), VALUES_KEY);
  guint position = gtk_drop_down_get_selected (dropdown);

  if (values != NULL && position < g_strv_length (values))
    set_value (g_object_get_data (G_OBJECT (row), "rushes-composer"), row, values[position]);
}

static void
switch_active_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  GtkWidget  *row)
{
  set_value (g_object_get_data (G_OBJECT (row), "rushes-composer"), row,
             gtk_switch_get_active (toggle) ? "true" : "false");
}

static void
number_changed_cb (GtkSpinButton *spin,
                   GtkWidget     *row)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (gtk_spin_button_get_digits (spin) == 0)
    g_snprintf (text, sizeof text, "%d", gtk_spin_button_get_value_as_int (spin));
  else
    g_ascii_formatd (text, sizeof text, "%g", gtk_spin_button_get_value (spin));
  set_value (g_object_get_data (G_OBJECT (row), "rushes-composer"), row, text);
}

static void
text_changed_cb (GtkEditable *editable,
                 GtkWidget   *row)
{
  const char *text = gtk_editable_get_text (editable);

  set_value (g_object_get_data (G_OBJECT (row), "rushes-composer"), row, text[0] != '\0' ? text : NULL);
}

/* Decimals enough for the step: 0.05 shows two. */
static guint
digits_for_step (double step)
{
  guint digits = 0;

  while (step > 0 && step < 1 && digits < 4)
    {
      step *= 10;
      digits++;
    }

  return digits;
}

static GtkWidget *
choice_row (RushesComposer *self,
            const char     *control,
            const char     *value)
{
  const char * const *values = rushes_model_get_allowed_values (self->model, control);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown;

  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *label = rushes_model_get_value_label (self->model, control, values[i]);

      gtk_string_list_append (labels, label != NULL ? label : values[i]);
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);

  g_object_set_data_full (G_OBJECT (row), VALUES_KEY, g_strdupv ((char **) values), (GDestroyNotify) g_strfreev);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (choice_selected_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  return row;
}

static GtkWidget *
switch_row (RushesComposer *self,
            const char     *control,
            const char     *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), g_strcmp0 (value, "true") == 0);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_active_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  return row;
}

/* A bounded number in a spin button; an unbounded one, or one without a
 * value, in an entry (empty leaves the provider's default). */
static GtkWidget *
number_row (RushesComposer *self,
            const char     *control,
            const char     *value)
{
  double min = -G_MAXDOUBLE, max = G_MAXDOUBLE, step = 0;
  GtkWidget *row, *spin;
  guint digits;

  rushes_model_get_number_range (self->model, control, &min, &max, &step);
  if (value == NULL || min <= -G_MAXDOUBLE || max >= G_MAXDOUBLE)
    {
      row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), rushes_model_get_control_kind (self->model, control) ==
                                                               RUSHES_CONTROL_KIND_INTEGER
                                                             ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), row);
      return row;
    }

  digits = rushes_model_get_control_kind (self->model, control) == RUSHES_CONTROL_KIND_INTEGER
           ? 0 : MAX (digits_for_step (step), 1);
  row = adw_action_row_new ();
  spin = gtk_spin_button_new_with_range (min, max, step > 0 ? step : (digits > 0 ? 0.1 : 1));
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), g_ascii_strtod (value, NULL));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_signal_connect (spin, "value-changed", G_CALLBACK (number_changed_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static GtkWidget *
text_row (RushesComposer *self,
          const char     *control,
          const char     *value)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), row);
  return row;
}

/**
 * _rushes_composer_generic_sync:
 *
 * Builds the rows of the model's generic controls, with the parameters'
 * values in them.
 */
void
_rushes_composer_generic_sync (RushesComposer *self)
{
  g_auto(GStrv) controls = rushes_model_list_controls (self->model);
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->generic_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    adw_preferences_group_remove (self->generic_group, row);
  g_hash_table_remove_all (self->generic_rows);

  for (guint i = 0; controls[i] != NULL; i++)
    {
      const char *control = controls[i];
      const char *value = rushes_generation_params_get_value (self->params, control);
      const char *label = rushes_model_get_control_label (self->model, control);
      const char *description = rushes_model_get_control_description (self->model, control);
      GtkWidget *widget;

      if (!rushes_model_control_is_generic (self->model, control))
        continue;

      switch (rushes_model_get_control_kind (self->model, control))
        {
        case RUSHES_CONTROL_KIND_CHOICE:
          widget = choice_row (self, control, value);
          break;
        case RUSHES_CONTROL_KIND_BOOLEAN:
          widget = switch_row (self, control, value);
          break;
        case RUSHES_CONTROL_KIND_INTEGER:
        case RUSHES_CONTROL_KIND_NUMBER:
          widget = number_row (self, control, value);
          break;
        case RUSHES_CONTROL_KIND_TEXT:
          widget = text_row (self, control, value);
          break;
        case RUSHES_CONTROL_KIND_IMAGE:
        default:
          /* Uploads beyond the start and end image: not offered. */
          continue;
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), label != NULL ? label : control);
      if (ADW_IS_ACTION_ROW (widget) && description != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), description);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (widget), 2);
        }
      if (description != NULL)
        gtk_widget_set_tooltip_text (widget, description);
      g_object_set_data_full (G_OBJECT (widget), CONTROL_KEY, g_strdup (control), g_free);
      g_object_set_data (G_OBJECT (widget), "rushes-composer", self);
      adw_preferences_group_add (self->generic_group, widget);
      g_hash_table_insert (self->generic_rows, g_strdup (control), widget);
    }

  _rushes_composer_generic_update (self);
}

/**
 * _rushes_composer_generic_update:
 *
 * Shows the generic rows that apply with or without the start image as
 * it is now.
 */
void
_rushes_composer_generic_update (RushesComposer *self)
{
  RushesGenerationMode mode = rushes_generation_params_get_mode (self->params);
  GHashTableIter iter;
  gpointer control, row;
  gboolean any = FALSE;

  g_hash_table_iter_init (&iter, self->generic_rows);
  while (g_hash_table_iter_next (&iter, &control, &row))
    {
      gboolean applies = rushes_model_control_supports_mode (self->model, control, mode);

      gtk_widget_set_visible (row, applies);
      any |= applies;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->generic_group), any);
}

/**
 * _rushes_composer_generic_get_row:
 *
 * Returns: (nullable): the row of a generic control, for its errors
 */
GtkWidget *
_rushes_composer_generic_get_row (RushesComposer *self,
                                  const char     *control)
{
  return control != NULL ? g_hash_table_lookup (self->generic_rows, control) : NULL;
}
