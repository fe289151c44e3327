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

#define G_LOG_DOMAIN "rushes-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-composer-private.h"

/* The composer turns what the creator types and picks into a model and
 * RushesGenerationParams. It offers exactly the controls the model has
 * (rushes-composer-controls.c), keeps the draft on disk as it changes
 * (rushes-composer-draft.c), and says why Generate is not available while
 * it is not. */

typedef enum {
  KEY_UNKNOWN,
  KEY_PRESENT,
  KEY_MISSING,
} KeyState;

G_DEFINE_FINAL_TYPE (RushesComposer, rushes_composer, ADW_TYPE_BIN)

enum {
  GENERATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Keys ------------------------------------------------------------------ */

static void
ready_providers_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RushesComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ready = NULL;
  const char * const *providers = rushes_provider_list_ids ();

  ready = rushes_engine_list_ready_providers_finish (RUSHES_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A new draft starts with the engine's default model, which depends
   * on the keys: known only now. */
  if (self->model == NULL && ready != NULL)
    {
      RushesModel *model = rushes_engine_get_default_model (self->engine, (const char * const *) ready);

      if (model != NULL)
        _rushes_composer_apply_model (self, model, FALSE);
    }

  for (guint i = 0; providers[i] != NULL; i++)
    g_hash_table_insert (self->key_states, g_strdup (providers[i]),
                         GINT_TO_POINTER (ready != NULL && g_strv_contains ((const char * const *) ready, providers[i])
                                          ? KEY_PRESENT : KEY_MISSING));

  gtk_list_box_invalidate_headers (self->model_list);
  _rushes_composer_update_state (self);
}

/**
 * rushes_composer_refresh_keys:
 * @self: a #RushesComposer
 *
 * Looks again at which providers have a key, after Preferences changed
 * them.
 */
void
rushes_composer_refresh_keys (RushesComposer *self)
{
  g_return_if_fail (RUSHES_IS_COMPOSER (self));

  if (self->engine == NULL)
    return;

  rushes_engine_list_ready_providers_async (self->engine, self->cancellable,
                                            ready_providers_cb, g_object_ref (self));
}

static KeyState
key_state (RushesComposer *self,
           const char     *provider_id)
{
  if (!rushes_provider_id_needs_key (provider_id))
    return KEY_PRESENT;

  return GPOINTER_TO_INT (g_hash_table_lookup (self->key_states, provider_id));
}

/* Model list ------------------------------------------------------------- */

static void
model_list_header_cb (GtkListBoxRow *row,
                      GtkListBoxRow *before,
                      gpointer       user_data)
{
  RushesComposer *self = user_data;
  RushesModel *model = g_object_get_data (G_OBJECT (row), "rushes-model");
  RushesModel *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "rushes-model") : NULL;
  const char *provider_id = rushes_model_get_provider_id (model);
  GtkWidget *box, *title, *status;
  const char *status_text;

  if (previous != NULL && g_str_equal (rushes_model_get_provider_id (previous), provider_id))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  switch (key_state (self, provider_id))
    {
    case KEY_PRESENT:
      status_text = rushes_provider_id_needs_key (provider_id) ? _("Key set") : _("No account needed");
      break;
    case KEY_MISSING:
      status_text = _("No key");
      break;
    case KEY_UNKNOWN:
    default:
      status_text = "";
      break;
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "model-list-header");
  title = gtk_label_new (rushes_provider_id_get_name (provider_id));
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  status = gtk_label_new (status_text);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), status);
  gtk_list_box_row_set_header (row, box);
}

static int
compare_by_provider (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  RushesModel *ma = *(RushesModel **) a;
  RushesModel *mb = *(RushesModel **) b;
  GPtrArray *order = user_data;
  guint ia = 0, ib = 0;

  /* Providers in registry order, models in catalog order within each. */
  g_ptr_array_find_with_equal_func (order, rushes_model_get_provider_id (ma), g_str_equal, &ia);
  g_ptr_array_find_with_equal_func (order, rushes_model_get_provider_id (mb), g_str_equal, &ib);

  return (int) ia - (int) ib;
}

static void
model_row_activated_cb (RushesComposer *self,
                        GtkListBoxRow  *row,
                        GtkListBox     *list)
{
  RushesModel *model = g_object_get_data (G_OBJECT (row), "rushes-model");

  gtk_popover_popdown (self->model_popover);
  _rushes_composer_apply_model (self, model, TRUE);
}

static void
rushes_composer_build_model_list (RushesComposer *self)
{
  GListModel *catalog = G_LIST_MODEL (rushes_engine_get_catalog (self->engine));
  const char * const *providers = rushes_provider_list_ids ();
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->model_list))) != NULL)
    gtk_list_box_remove (self->model_list, child);

  for (guint i = 0; providers[i] != NULL; i++)
    g_ptr_array_add (order, (gpointer) providers[i]);
  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    g_ptr_array_add (models, g_list_model_get_item (catalog, i));
  /* g_ptr_array_sort_with_data is a stable merge sort. */
  g_ptr_array_sort_with_data (models, compare_by_provider, order);

  for (guint i = 0; i < models->len; i++)
    {
      RushesModel *model = g_ptr_array_index (models, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (rushes_model_get_name (model));
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_box_append (GTK_BOX (box), name);

      if (rushes_model_get_retired (model))
        {
          GtkWidget *tag = gtk_label_new (_("Retired"));

          gtk_widget_add_css_class (tag, "caption");
          gtk_widget_add_css_class (tag, "dim-label");
          gtk_widget_set_tooltip_text (tag, rushes_model_get_retired_note (model));
          gtk_box_append (GTK_BOX (box), tag);
        }

      gtk_widget_set_opacity (check, 0);
      gtk_box_append (GTK_BOX (box), check);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "rushes-model", g_object_ref (model), g_object_unref);
      g_object_set_data (G_OBJECT (row), "rushes-check", check);
      gtk_widget_set_tooltip_text (row, rushes_model_get_description (model));
      gtk_list_box_append (self->model_list, row);
    }
}

void
_rushes_composer_sync_model_list (RushesComposer *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->model_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "rushes-check");
      RushesModel *model = g_object_get_data (G_OBJECT (row), "rushes-model");

      if (check != NULL)
        gtk_widget_set_opacity (check, model == self->model ? 1 : 0);
    }
}

/* State: count, cost, why Generate is not available ---------------------- */

void
_rushes_composer_set_notice (RushesComposer *self,
                             const char     *notice)
{
  g_free (self->notice);
  self->notice = g_strdup (notice);
  if (notice != NULL)
    gtk_label_set_label (self->notice_label, notice);
  gtk_revealer_set_reveal_child (self->notice_revealer, notice != NULL);
}

static void
rushes_composer_set_blocker (RushesComposer *self,
                             const char     *blocker)
{
  if (g_strcmp0 (self->blocker, blocker) == 0)
    return;

  g_free (self->blocker);
  self->blocker = g_strdup (blocker);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.generate", blocker == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->generate_button),
                               blocker != NULL ? blocker : _("Send the generation (Ctrl+Enter)"));
  gtk_label_set_label (self->reason_label, blocker != NULL ? blocker : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), blocker != NULL);
}

void
_rushes_composer_update_state (RushesComposer *self)
{
  g_autoptr(GError) error = NULL;
  const char *prompt;
  guint length, limit;
  double cost;

  if (self->model == NULL)
    return;

  prompt = rushes_generation_params_get_prompt (self->params);
  length = prompt != NULL ? g_utf8_strlen (prompt, -1) : 0;
  limit = rushes_model_get_max_length (self->model, RUSHES_CONTROL_PROMPT);
  if (limit > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%'u / %'u"), length, limit);

      gtk_label_set_label (self->count_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label),
                                   length > limit ? _("The prompt is longer than this model takes")
                                                  : _("Characters used of the model's limit"));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters", length),
                                               length);
      gtk_label_set_label (self->count_label, text);
    }

  if (limit > 0 && length > limit)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }

  if (rushes_model_estimate_cost (self->model, self->params, &cost))
    {
      g_autofree char *text = NULL;

      if (cost <= 0)
        text = g_strdup (_("Free"));
      else
        /* Translators: an estimate in US dollars */
        text = g_strdup_printf (_("Estimated cost: $%.2f"), cost);
      gtk_label_set_label (self->cost_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->cost_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->cost_label, _("No price estimate for this model"));
      gtk_widget_add_css_class (GTK_WIDGET (self->cost_label), "dim-label");
    }

  /* A value that could not be read comes first: it is not in the
   * parameters, which may be valid without it. */
  if (self->input_error != NULL)
    error = g_error_copy (self->input_error);
  else
    rushes_model_validate (self->model, self->params, &error);

  _rushes_composer_show_error (self, error);
  if (error != NULL)
    {
      rushes_composer_set_blocker (self, error->message);
      return;
    }

  switch (key_state (self, rushes_model_get_provider_id (self->model)))
    {
    case KEY_MISSING:
      {
        /* Translators: %s is a provider's name */
        g_autofree char *text = g_strdup_printf (_("Add your %s API key in Preferences to generate"),
                                                 rushes_provider_id_get_name (rushes_model_get_provider_id (self->model)));
        rushes_composer_set_blocker (self, text);
      }
      return;

    case KEY_UNKNOWN:
      rushes_composer_set_blocker (self, _("Looking for the provider's key…"));
      return;

    case KEY_PRESENT:
    default:
      rushes_composer_set_blocker (self, NULL);
    }
}

/* Actions ---------------------------------------------------------------- */

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RushesComposer *self = RUSHES_COMPOSER (widget);
  g_autoptr(RushesGenerationParams) params = NULL;

  if (self->model == NULL || self->blocker != NULL)
    return;

  rushes_composer_save_draft (self);
  params = rushes_composer_dup_params (self);
  g_signal_emit (self, signals[GENERATE], 0, self->model, params);
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _rushes_composer_set_notice (RUSHES_COMPOSER (widget), NULL);
}

/* A picture pasted into the prompt becomes the start image. */
static void
prompt_paste_cb (RushesComposer *self,
                 GtkTextView    *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
      !gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) &&
      gtk_widget_get_visible (GTK_WIDGET (self->image_slot)))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      rushes_image_slot_paste (self->image_slot);
    }
}

/* GObject ----------------------------------------------------------------- */

static void
rushes_composer_dispose (GObject *object)
{
  RushesComposer *self = RUSHES_COMPOSER (object);

  if (self->save_source != 0)
    rushes_composer_save_draft (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->params);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_COMPOSER);

  G_OBJECT_CLASS (rushes_composer_parent_class)->dispose (object);
}

static void
rushes_composer_finalize (GObject *object)
{
  RushesComposer *self = RUSHES_COMPOSER (object);

  g_clear_pointer (&self->key_states, g_hash_table_unref);
  g_clear_pointer (&self->duration_values, g_strfreev);
  g_clear_pointer (&self->resolution_values, g_strfreev);
  g_clear_pointer (&self->blocker, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_error (&self->input_error);

  G_OBJECT_CLASS (rushes_composer_parent_class)->finalize (object);
}

static void
rushes_composer_class_init (RushesComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_composer_dispose;
  object_class->finalize = rushes_composer_finalize;

  /**
   * RushesComposer::generate:
   * @self: the composer
   * @model: the chosen model
   * @params: a copy of what the user asked for, already validated
   *
   * The user asked to send the generation.
   */
  signals[GENERATE] =
    g_signal_new ("generate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RUSHES_TYPE_MODEL, RUSHES_TYPE_GENERATION_PARAMS);

  g_type_ensure (RUSHES_TYPE_IMAGE_SLOT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, model_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, model_button);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, model_popover);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, model_list);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, notice_label);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, count_label);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, images_box);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, image_slot);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, end_image_slot);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, image_url_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, settings_group);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, aspect_ratio_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, aspect_ratio_box);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, duration_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, duration_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, resolution_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, audio_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, audio_switch);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, negative_prompt_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, seed_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, cost_label);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, generate_button);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, reason_label);

  gtk_widget_class_install_action (widget_class, "composer.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "composer.dismiss-notice", NULL, dismiss_notice_action);
}

static void
rushes_composer_init (RushesComposer *self)
{
  GtkEventController *shortcuts;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->key_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->params = rushes_generation_params_new ();

  /* Ctrl+Enter must reach us before the prompt turns it into a newline. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                               gtk_named_action_new ("composer.generate"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_list_box_set_header_func (self->model_list, model_list_header_cb, self, NULL);
  g_signal_connect_object (self->model_list, "row-activated", G_CALLBACK (model_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prompt_view, "paste-clipboard", G_CALLBACK (prompt_paste_cb), self, G_CONNECT_SWAPPED);
  _rushes_composer_controls_init (self);

  rushes_composer_set_blocker (self, _("Choose a model"));
}

/* Public ------------------------------------------------------------------ */

/**
 * rushes_composer_set_engine:
 * @self: a #RushesComposer
 * @engine: the engine, whose catalog, keys and settings it uses
 *
 * Fills the model list and restores the last draft, or starts a new one
 * with the engine's default model.
 */
void
rushes_composer_set_engine (RushesComposer *self,
                            RushesEngine   *engine)
{
  g_return_if_fail (RUSHES_IS_COMPOSER (self));
  g_return_if_fail (RUSHES_IS_ENGINE (engine));
  g_return_if_fail (self->engine == NULL);

  self->engine = g_object_ref (engine);

  /* Keys saved or removed in Preferences change what can be sent. */
  g_signal_connect_object (rushes_engine_get_secret_store (engine), "changed",
                           G_CALLBACK (rushes_composer_refresh_keys), self, G_CONNECT_SWAPPED);

  rushes_composer_build_model_list (self);
  _rushes_composer_restore_draft (self);
  rushes_composer_refresh_keys (self);
}

/**
 * rushes_composer_get_model:
 * @self: a #RushesComposer
 *
 * Returns: (transfer none) (nullable): the chosen model
 */
RushesModel *
rushes_composer_get_model (RushesComposer *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), NULL);

  return self->model;
}

/**
 * rushes_composer_select_model:
 * @self: a #RushesComposer
 * @model_id: a catalog id
 *
 * Switches model the way the model list does: values the new model does
 * not offer change, and the pane says so.
 *
 * Returns: %FALSE when the catalog has no such model
 */
gboolean
rushes_composer_select_model (RushesComposer *self,
                              const char     *model_id)
{
  RushesModel *model;

  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (self->engine != NULL, FALSE);

  model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine), model_id);
  if (model == NULL)
    return FALSE;

  _rushes_composer_apply_model (self, model, TRUE);
  return TRUE;
}

/**
 * rushes_composer_dup_params:
 * @self: a #RushesComposer
 *
 * Returns: (transfer full): a copy of the current parameters
 */
RushesGenerationParams *
rushes_composer_dup_params (RushesComposer *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), NULL);

  return rushes_generation_params_copy (self->params);
}

/**
 * rushes_composer_load:
 * @self: a #RushesComposer
 * @model_id: a catalog id
 * @params: what to put in the composer (a task's, or a saved draft's)
 *
 * Replaces the draft, as "Use as new draft" does.
 */
void
rushes_composer_load (RushesComposer         *self,
                      const char             *model_id,
                      RushesGenerationParams *params)
{
  RushesModel *model;

  g_return_if_fail (RUSHES_IS_COMPOSER (self));
  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (params));

  model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine), model_id);
  g_return_if_fail (model != NULL);

  g_clear_object (&self->model);
  g_set_object (&self->params, params);
  _rushes_composer_apply_model (self, model, FALSE);
}

/**
 * rushes_composer_get_blocker:
 * @self: a #RushesComposer
 *
 * Returns: (nullable): why Generate is not available, or %NULL
 */
const char *
rushes_composer_get_blocker (RushesComposer *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), NULL);

  return self->blocker;
}

/**
 * rushes_composer_get_notice:
 * @self: a #RushesComposer
 *
 * Returns: (nullable): what the last model switch changed, as shown
 */
const char *
rushes_composer_get_notice (RushesComposer *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), NULL);

  return self->notice;
}

/**
 * rushes_composer_set_start_image:
 * @self: a #RushesComposer
 * @file: a picture, e.g. a frame of an earlier clip
 *
 * Puts @file in the start image slot: how clips are chained.
 *
 * Returns: %FALSE when the chosen model takes no start image file
 */
gboolean
rushes_composer_set_start_image (RushesComposer *self,
                                 GFile          *file)
{
  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->image_slot)))
    return FALSE;

  rushes_image_slot_set_file (self->image_slot, file);
  return TRUE;
}

