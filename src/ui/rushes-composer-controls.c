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

#define G_LOG_DOMAIN "rushes-composer-controls"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-composer-private.h"

/* The rows of the chosen model's controls: which are shown, the choices
 * they offer, the values in them, and what happens to those values when
 * another model is chosen. */

static const char *
control_label (const char *control)
{
  const char *label = rushes_control_get_label (control);

  return label != NULL ? label : control;
}

static char *
format_value (const char *control,
              const char *value)
{
  if (value == NULL)
    return g_strdup (_("none"));
  if (g_str_equal (control, RUSHES_CONTROL_ASPECT_RATIO) && g_str_equal (value, "auto"))
    return g_strdup (_("Automatic"));
  return rushes_control_format_value (control, value);
}

static const char *
aspect_ratio_icon (const char *ratio)
{
  int w = 0, h = 0;

  if (g_str_equal (ratio, "auto"))
    return "rushes-aspect-auto-symbolic";
  if (sscanf (ratio, "%d:%d", &w, &h) != 2 || w == h)
    return "rushes-aspect-square-symbolic";
  return w > h ? "rushes-aspect-landscape-symbolic" : "rushes-aspect-portrait-symbolic";
}

static char *
aspect_ratio_description (const char *ratio)
{
  int w = 0, h = 0;

  if (g_str_equal (ratio, "auto"))
    return g_strdup (_("Automatic: follow the start image"));
  if (sscanf (ratio, "%d:%d", &w, &h) != 2 || w == h)
    /* Translators: %s is an aspect ratio such as 1:1 */
    return g_strdup_printf (_("%s Square"), ratio);
  if (w > h)
    /* Translators: %s is an aspect ratio such as 16:9 */
    return g_strdup_printf (_("%s Landscape"), ratio);
  /* Translators: %s is an aspect ratio such as 9:16 */
  return g_strdup_printf (_("%s Portrait"), ratio);
}

static gboolean
value_allowed (RushesModel *model,
               const char  *control,
               const char  *value)
{
  const char * const *allowed = rushes_model_get_allowed_values (model, control);

  return allowed == NULL || g_strv_contains (allowed, value);
}

static void
set_param (RushesComposer *self,
           const char     *control,
           const char     *value)
{
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;

  /* Only the seed takes free input that can fail to be read. What cannot
   * is not sent in its place: the error stays, on the row and as the
   * reason Generate is not available, until the value changes. */
  if (!rushes_generation_params_set_value (self->params, control, value, &error))
    rushes_generation_params_set_value (self->params, control, NULL, NULL);

  if (error != NULL || g_strcmp0 (rushes_error_get_control (self->input_error), control) == 0)
    {
      g_clear_error (&self->input_error);
      self->input_error = g_steal_pointer (&error);
    }

  _rushes_composer_update_state (self);
  _rushes_composer_schedule_save (self);
}

static void
aspect_ratio_toggled_cb (GtkToggleButton *button,
                         RushesComposer  *self)
{
  if (gtk_toggle_button_get_active (button))
    set_param (self, RUSHES_CONTROL_ASPECT_RATIO, g_object_get_data (G_OBJECT (button), "rushes-value"));
}

static void
duration_selected_cb (RushesComposer *self)
{
  guint position = gtk_drop_down_get_selected (self->duration_dropdown);

  if (self->duration_values != NULL && position < g_strv_length (self->duration_values))
    set_param (self, RUSHES_CONTROL_DURATION, self->duration_values[position]);
}

static void
resolution_selected_cb (RushesComposer *self)
{
  guint position = gtk_drop_down_get_selected (self->resolution_dropdown);

  if (self->resolution_values != NULL && position < g_strv_length (self->resolution_values))
    set_param (self, RUSHES_CONTROL_RESOLUTION, self->resolution_values[position]);
}

static void
audio_active_cb (RushesComposer *self)
{
  set_param (self, RUSHES_CONTROL_AUDIO, gtk_switch_get_active (self->audio_switch) ? "true" : "false");
}

static void
negative_prompt_changed_cb (RushesComposer *self)
{
  set_param (self, RUSHES_CONTROL_NEGATIVE_PROMPT, gtk_editable_get_text (GTK_EDITABLE (self->negative_prompt_row)));
}

static void
image_url_changed_cb (RushesComposer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->image_url_row));

  set_param (self, RUSHES_CONTROL_IMAGE, text[0] != '\0' ? text : NULL);
}

static void
seed_changed_cb (RushesComposer *self)
{
  set_param (self, RUSHES_CONTROL_SEED, gtk_editable_get_text (GTK_EDITABLE (self->seed_row)));
}

static void
prompt_changed_cb (RushesComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->updating)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rushes_generation_params_set_prompt (self->params, text);

  _rushes_composer_update_state (self);
  _rushes_composer_schedule_save (self);
}

static void
image_changed_cb (RushesComposer  *self,
                  GParamSpec      *pspec,
                  RushesImageSlot *slot)
{
  GFile *file = rushes_image_slot_get_file (slot);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  const char *control = slot == self->image_slot ? RUSHES_CONTROL_IMAGE : RUSHES_CONTROL_END_IMAGE;

  if (file != NULL && path == NULL)
    path = g_file_get_uri (file);

  set_param (self, control, path);
}

static void
populate_dropdown (GtkDropDown  *dropdown,
                   GStrv        *values_out,
                   RushesModel  *model,
                   const char   *control)
{
  const char * const *values = rushes_model_get_allowed_values (model, control);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_clear_pointer (values_out, g_strfreev);
  if (values == NULL)
    {
      gtk_drop_down_set_model (dropdown, NULL);
      return;
    }

  *values_out = g_strdupv ((char **) values);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *label = format_value (control, values[i]);

      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

static void
select_in_dropdown (GtkDropDown *dropdown,
                    GStrv        values,
                    const char  *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (g_strcmp0 (values[i], value) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
}

static void
rebuild_aspect_ratio_buttons (RushesComposer *self)
{
  const char * const *values = rushes_model_get_allowed_values (self->model, RUSHES_CONTROL_ASPECT_RATIO);
  GtkToggleButton *group = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->aspect_ratio_box))) != NULL)
    gtk_box_remove (self->aspect_ratio_box, child);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name (aspect_ratio_icon (values[i]));
      g_autofree char *label_text = format_value (RUSHES_CONTROL_ASPECT_RATIO, values[i]);
      g_autofree char *description = aspect_ratio_description (values[i]);
      GtkWidget *label = gtk_label_new (g_str_equal (values[i], "auto") ? _("Auto") : label_text);

      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_tooltip_text (button, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "rushes-value", g_strdup (values[i]), g_free);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled", G_CALLBACK (aspect_ratio_toggled_cb), self, 0);
      gtk_box_append (self->aspect_ratio_box, button);
    }
}

/* Shows the rows the model has and puts the params' values in them. */
static void
rushes_composer_sync_widgets (RushesComposer *self)
{
  RushesModel *model = self->model;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  const char *value;
  gboolean any_setting = FALSE;
  gboolean takes_image, takes_end_image;

  self->updating = TRUE;

  /* The rows show the parameters from here on, not what could not be read. */
  g_clear_error (&self->input_error);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->model_row), rushes_model_get_name (model));
  {
    g_autofree char *subtitle = NULL;
    const char *provider = rushes_provider_id_get_name (rushes_model_get_provider_id (model));

    if (rushes_model_get_retired (model))
      /* Translators: the provider's name, then a warning */
      subtitle = g_strdup_printf (_("%s · retired upstream"), provider);
    else
      subtitle = g_strdup (provider);
    adw_action_row_set_subtitle (self->model_row, subtitle);
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->model_row),
                               rushes_model_get_retired (model) ? rushes_model_get_retired_note (model)
                                                                : rushes_model_get_description (model));
  _rushes_composer_sync_model_list (self);

  value = rushes_generation_params_get_prompt (self->params);
  {
    GtkTextIter start, end;
    g_autofree char *current = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    if (g_strcmp0 (current, value != NULL ? value : "") != 0)
      gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
  }

  takes_image = rushes_model_has_control (model, RUSHES_CONTROL_IMAGE) &&
                rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);
  takes_end_image = rushes_model_has_control (model, RUSHES_CONTROL_END_IMAGE);

  /* A provider that fetches images itself (APIXO) takes a URL, not a file. */
  {
    gboolean url_only = takes_image && !rushes_model_accepts_image_source (model, RUSHES_CONTROL_IMAGE, FALSE);
    const char *image = rushes_generation_params_get_value (self->params, RUSHES_CONTROL_IMAGE);

    gtk_widget_set_visible (GTK_WIDGET (self->image_url_row), url_only);
    gtk_editable_set_text (GTK_EDITABLE (self->image_url_row),
                           url_only && image != NULL ? image : "");
    takes_image &= !url_only;
  }
  gtk_widget_set_visible (GTK_WIDGET (self->image_slot), takes_image);
  gtk_widget_set_visible (GTK_WIDGET (self->end_image_slot), takes_end_image);
  gtk_widget_set_visible (GTK_WIDGET (self->images_box), takes_image || takes_end_image);
  gtk_box_set_homogeneous (self->images_box, takes_image && takes_end_image);

  {
    const char *controls[] = { RUSHES_CONTROL_IMAGE, RUSHES_CONTROL_END_IMAGE };
    RushesImageSlot *slots[] = { self->image_slot, self->end_image_slot };

    for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
      {
        const char *path = rushes_generation_params_get_value (self->params, controls[i]);
        g_autoptr(GFile) file = NULL;

        if (path != NULL)
          file = g_str_has_prefix (path, "http://") || g_str_has_prefix (path, "https://")
                 ? g_file_new_for_uri (path) : g_file_new_for_path (path);
        rushes_image_slot_set_file (slots[i], file);
      }
  }

  if (rushes_model_has_control (model, RUSHES_CONTROL_ASPECT_RATIO))
    {
      value = rushes_generation_params_get_value (self->params, RUSHES_CONTROL_ASPECT_RATIO);
      rebuild_aspect_ratio_buttons (self);
      for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->aspect_ratio_box));
           button != NULL;
           button = gtk_widget_get_next_sibling (button))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                      g_strcmp0 (g_object_get_data (G_OBJECT (button), "rushes-value"), value) == 0);
      any_setting = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->aspect_ratio_row), rushes_model_has_control (model, RUSHES_CONTROL_ASPECT_RATIO));

  populate_dropdown (self->duration_dropdown, &self->duration_values, model, RUSHES_CONTROL_DURATION);
  select_in_dropdown (self->duration_dropdown, self->duration_values,
                      rushes_generation_params_get_value (self->params, RUSHES_CONTROL_DURATION));
  gtk_widget_set_visible (GTK_WIDGET (self->duration_row), self->duration_values != NULL);
  any_setting |= self->duration_values != NULL;

  populate_dropdown (self->resolution_dropdown, &self->resolution_values, model, RUSHES_CONTROL_RESOLUTION);
  select_in_dropdown (self->resolution_dropdown, self->resolution_values,
                      rushes_generation_params_get_value (self->params, RUSHES_CONTROL_RESOLUTION));
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_row), self->resolution_values != NULL);
  any_setting |= self->resolution_values != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->audio_row), rushes_model_has_control (model, RUSHES_CONTROL_AUDIO));
  gtk_switch_set_active (self->audio_switch,
                         g_strcmp0 (rushes_generation_params_get_value (self->params, RUSHES_CONTROL_AUDIO), "true") == 0);
  any_setting |= rushes_model_has_control (model, RUSHES_CONTROL_AUDIO);

  gtk_widget_set_visible (GTK_WIDGET (self->negative_prompt_row), rushes_model_has_control (model, RUSHES_CONTROL_NEGATIVE_PROMPT));
  value = rushes_generation_params_get_value (self->params, RUSHES_CONTROL_NEGATIVE_PROMPT);
  gtk_editable_set_text (GTK_EDITABLE (self->negative_prompt_row), value != NULL ? value : "");
  any_setting |= rushes_model_has_control (model, RUSHES_CONTROL_NEGATIVE_PROMPT);

  gtk_widget_set_visible (GTK_WIDGET (self->seed_row), rushes_model_has_control (model, RUSHES_CONTROL_SEED));
  value = rushes_generation_params_get_value (self->params, RUSHES_CONTROL_SEED);
  gtk_editable_set_text (GTK_EDITABLE (self->seed_row), value != NULL ? value : "");
  any_setting |= rushes_model_has_control (model, RUSHES_CONTROL_SEED);

  gtk_widget_set_visible (GTK_WIDGET (self->settings_group), any_setting);
  _rushes_composer_generic_sync (self);

  self->updating = FALSE;
}

/* Keeps every value @model also accepts; everything else takes the
 * model's default, and with @announce the pane says what changed. */
void
_rushes_composer_apply_model (RushesComposer *self,
                              RushesModel    *model,
                              gboolean        announce)
{
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GString) changes = g_string_new (NULL);
  g_auto(GStrv) old_controls = NULL;
  g_auto(GStrv) controls = NULL;

  g_assert (RUSHES_IS_MODEL (model));

  rushes_generation_params_set_prompt (params, rushes_generation_params_get_prompt (self->params));

  /* What the user had set, in terms the new model understands. */
  old_controls = rushes_generation_params_list_controls (self->params);
  for (guint i = 0; old_controls[i] != NULL; i++)
    {
      const char *control = old_controls[i];
      const char *value = rushes_generation_params_get_value (self->params, control);
      gboolean image = g_str_equal (control, RUSHES_CONTROL_IMAGE) || g_str_equal (control, RUSHES_CONTROL_END_IMAGE);

      if (g_str_equal (control, RUSHES_CONTROL_PROMPT))
        continue;

      if (!rushes_model_has_control (model, control) ||
          (g_str_equal (control, RUSHES_CONTROL_IMAGE) &&
           !rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO)))
        {
          if (image || self->model == NULL || rushes_model_has_control (self->model, control))
            {
              g_string_append (changes, changes->len > 0 ? "; " : "");
              /* Translators: a setting the new model does not have, e.g. "End image removed" */
              g_string_append_printf (changes, _("%s removed"), control_label (control));
            }
          continue;
        }

      if (!image && !value_allowed (model, control, value))
        {
          const char *fallback = rushes_model_get_default_value (model, control);
          g_autofree char *from = format_value (control, value);
          g_autofree char *to = format_value (control, fallback);

          g_string_append (changes, changes->len > 0 ? "; " : "");
          /* Translators: a setting that changed, e.g. "Duration 12 s → 8 s" */
          g_string_append_printf (changes, _("%s %s → %s"), control_label (control), from, to);
          continue;
        }

      rushes_generation_params_set_value (params, control, value, NULL);
    }

  /* Every control shows a value: fill in the model's defaults. */
  controls = rushes_model_list_controls (model);
  for (guint i = 0; controls[i] != NULL; i++)
    {
      const char *fallback = rushes_model_get_default_value (model, controls[i]);

      if (fallback != NULL && rushes_generation_params_get_value (params, controls[i]) == NULL)
        rushes_generation_params_set_value (params, controls[i], fallback, NULL);
    }

  g_set_object (&self->model, model);
  g_set_object (&self->params, params);

  if (announce && changes->len > 0)
    {
      /* Translators: %s is a model's name, then a list of changes */
      g_autofree char *notice = g_strdup_printf (_("%s does not offer everything you had set: %s."),
                                                 rushes_model_get_name (model), changes->str);
      _rushes_composer_set_notice (self, notice);
    }
  else if (announce)
    {
      _rushes_composer_set_notice (self, NULL);
    }

  rushes_composer_sync_widgets (self);
  _rushes_composer_update_state (self);
  _rushes_composer_schedule_save (self);
}

/* Connects the rows of the template to the parameters. */
void
_rushes_composer_controls_init (RushesComposer *self)
{
  g_signal_connect_object (gtk_text_view_get_buffer (self->prompt_view), "changed",
                           G_CALLBACK (prompt_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_slot, "notify::file", G_CALLBACK (image_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_image_slot, "notify::file", G_CALLBACK (image_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->duration_dropdown, "notify::selected", G_CALLBACK (duration_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->resolution_dropdown, "notify::selected", G_CALLBACK (resolution_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audio_switch, "notify::active", G_CALLBACK (audio_active_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->negative_prompt_row, "changed", G_CALLBACK (negative_prompt_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->seed_row, "changed", G_CALLBACK (seed_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_url_row, "changed", G_CALLBACK (image_url_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * _rushes_composer_show_error:
 * @error: (nullable): why the parameters cannot be sent, or %NULL
 *
 * Marks the row of the control @error is about, and no other: the row
 * gets the error style and the message as its tooltip; an image slot
 * shows the message.
 */
void
_rushes_composer_show_error (RushesComposer *self,
                             const GError   *error)
{
  const char *control = rushes_error_get_control (error);
  const char *message = error != NULL ? error->message : NULL;
  const struct {
    const char *control;
    GtkWidget  *row;
  } rows[] = {
    { RUSHES_CONTROL_IMAGE, GTK_WIDGET (self->image_url_row) },
    { RUSHES_CONTROL_ASPECT_RATIO, GTK_WIDGET (self->aspect_ratio_row) },
    { RUSHES_CONTROL_DURATION, GTK_WIDGET (self->duration_row) },
    { RUSHES_CONTROL_RESOLUTION, GTK_WIDGET (self->resolution_row) },
    { RUSHES_CONTROL_AUDIO, GTK_WIDGET (self->audio_row) },
    { RUSHES_CONTROL_NEGATIVE_PROMPT, GTK_WIDGET (self->negative_prompt_row) },
    { RUSHES_CONTROL_SEED, GTK_WIDGET (self->seed_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gboolean about = message != NULL && g_strcmp0 (control, rows[i].control) == 0;

      if (about)
        gtk_widget_add_css_class (rows[i].row, "error");
      else
        gtk_widget_remove_css_class (rows[i].row, "error");
      gtk_widget_set_tooltip_text (rows[i].row, about ? message : NULL);
    }

  {
    GHashTableIter iter;
    gpointer name, row;

    g_hash_table_iter_init (&iter, self->generic_rows);
    while (g_hash_table_iter_next (&iter, &name, &row))
      {
        gboolean about = message != NULL && g_strcmp0 (control, name) == 0;

        if (about)
          gtk_widget_add_css_class (row, "error");
        else
          gtk_widget_remove_css_class (row, "error");
        gtk_widget_set_tooltip_text (row, about ? message
                                                : rushes_model_get_control_description (self->model, name));
      }
  }

  rushes_image_slot_set_error (self->image_slot,
                               g_strcmp0 (control, RUSHES_CONTROL_IMAGE) == 0 ? message : NULL);
  rushes_image_slot_set_error (self->end_image_slot,
                               g_strcmp0 (control, RUSHES_CONTROL_END_IMAGE) == 0 ? message : NULL);
}
