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

typedef RushesComposerKeyState KeyState;

#define KEY_UNKNOWN RUSHES_COMPOSER_KEY_UNKNOWN
#define KEY_PRESENT RUSHES_COMPOSER_KEY_PRESENT
#define KEY_MISSING RUSHES_COMPOSER_KEY_MISSING

G_DEFINE_FINAL_TYPE (RushesComposer, rushes_composer, ADW_TYPE_BIN)

enum {
  GENERATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sync_also_row (RushesComposer *self);

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

  if (ready != NULL)
    {
      rushes_model_picker_set_ready_providers (self->model_picker, (const char * const *) ready);
      rushes_model_picker_set_ready_providers (self->also_picker, (const char * const *) ready);
    }
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

/* Model pickers ---------------------------------------------------------- */

static void
model_chosen_cb (RushesComposer *self,
                 RushesModel    *model)
{
  _rushes_composer_apply_model (self, model, TRUE);
}

static void
also_chosen_cb (RushesComposer    *self,
                RushesModelPicker *picker)
{
  g_autoptr(GPtrArray) models = rushes_model_picker_dup_chosen (picker);

  _rushes_composer_set_also (self, models);
}

static void
rushes_composer_build_pickers (RushesComposer *self)
{
  self->model_picker = rushes_model_picker_new (self->engine, FALSE);
  gtk_menu_button_set_popover (self->model_button, GTK_WIDGET (self->model_picker));
  g_signal_connect_object (self->model_picker, "model-chosen", G_CALLBACK (model_chosen_cb), self,
                           G_CONNECT_SWAPPED);

  self->also_picker = rushes_model_picker_new (self->engine, TRUE);
  gtk_menu_button_set_popover (self->models_button, GTK_WIDGET (self->also_picker));
  g_signal_connect_object (self->also_picker, "chosen-changed", G_CALLBACK (also_chosen_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_rushes_composer_sync_model_list (RushesComposer *self)
{
  if (self->model_picker != NULL)
    rushes_model_picker_set_current (self->model_picker, self->model);
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

/* The shot ---------------------------------------------------------------- */

static guint
n_variations (RushesComposer *self)
{
  return (guint) gtk_spin_button_get_value_as_int (self->takes_spin);
}

/* What another model of the shot is asked for: the prompt, images and
 * settings it has; the composer's defaults for controls it lacks are no
 * choice of the user's. */
static RushesGenerationParams *
params_for_model (RushesComposer *self,
                  RushesModel    *model)
{
  RushesGenerationParams *params = rushes_generation_params_copy (self->params);
  g_auto(GStrv) controls = NULL;

  if (model == self->model)
    return params;

  controls = rushes_generation_params_list_controls (params);
  for (guint i = 0; controls[i] != NULL; i++)
    if (!g_str_equal (controls[i], RUSHES_CONTROL_PROMPT) && !rushes_model_has_control (model, controls[i]))
      rushes_generation_params_set_value (params, controls[i], NULL, NULL);

  return params;
}

/* Each model of the shot with its parameters: the chosen one first. */
static void
list_models (RushesComposer  *self,
             GPtrArray      **models,
             GPtrArray      **params)
{
  *models = g_ptr_array_new ();
  *params = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (*models, self->model);
  g_ptr_array_add (*params, params_for_model (self, self->model));
  for (guint i = 0; i < self->also->len; i++)
    {
      RushesModel *model = g_ptr_array_index (self->also, i);

      g_ptr_array_add (*models, model);
      g_ptr_array_add (*params, params_for_model (self, model));
    }
}

/**
 * _rushes_composer_plan:
 *
 * @variations: takes per model (one to check that each model takes the
 *   settings)
 *
 * Returns: (transfer full) (element-type RushesTake): the takes Generate
 *   sends now, each validated and with its own seed
 */
GPtrArray *
_rushes_composer_plan (RushesComposer  *self,
                       guint            variations,
                       GError         **error)
{
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) params = NULL;

  list_models (self, &models, &params);
  return rushes_shot_plan_full ((RushesModel **) models->pdata, models->len,
                                (RushesGenerationParams **) params->pdata, variations, error);
}

/* The quote ---------------------------------------------------------------
 *
 * The price of the chosen model's run is asked of the engine a moment
 * after the settings stop changing: a provider that prices runs itself
 * (WaveSpeed) is asked for these very settings; otherwise the catalog's
 * price list or estimate answers at once. Until the answer, the
 * estimate shows. */

#define QUOTE_DELAY_MS 300

static char *
quote_key (RushesComposer *self)
{
  return rushes_settings_to_string (rushes_model_get_id (self->model), self->params);
}

static void update_cost (RushesComposer *self);

static void
quote_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RushesComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  RushesQuote *quote;

  quote = rushes_engine_quote_finish (RUSHES_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No price, or settings the model refuses: the estimate stays, and
   * validation says what is wrong. */
  g_clear_pointer (&self->quote, rushes_quote_free);
  self->quote = quote;
  if (self->model != NULL)
    update_cost (self);
}

static gboolean
quote_timeout_cb (gpointer user_data)
{
  RushesComposer *self = user_data;
  g_autoptr(RushesGenerationParams) params = NULL;

  self->quote_source = 0;
  g_cancellable_cancel (self->quote_cancellable);
  g_clear_object (&self->quote_cancellable);
  if (self->model == NULL)
    return G_SOURCE_REMOVE;

  self->quote_cancellable = g_cancellable_new ();
  params = rushes_generation_params_copy (self->params);
  rushes_engine_quote_async (self->engine, self->model, params, self->quote_cancellable,
                             quote_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Asks again only when the model or a setting changed. */
static void
schedule_quote (RushesComposer *self)
{
  g_autofree char *key = quote_key (self);

  if (g_strcmp0 (key, self->quote_key) == 0)
    return;

  g_free (self->quote_key);
  self->quote_key = g_steal_pointer (&key);
  g_clear_pointer (&self->quote, rushes_quote_free);
  g_cancellable_cancel (self->quote_cancellable);
  g_clear_handle_id (&self->quote_source, g_source_remove);
  self->quote_source = g_timeout_add (QUOTE_DELAY_MS, quote_timeout_cb, self);
}

/* The estimate of every take, and the budget they come nearest to: the
 * chosen model's takes at its quote where one came. What was spent is
 * read from the whole library: it is read again only when the library, a
 * run or a budget changed, or the estimates did, not on each key press. */
static gboolean
estimate_shot (RushesComposer  *self,
               double          *total,
               RushesBudgetUse *use,
               gboolean        *budgeted)
{
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GArray) estimates = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean known = TRUE;
  double dearest = 0;

  *total = 0;
  list_models (self, &models, &params);
  for (guint m = 0; m < models->len; m++)
    {
      double cost = 0;

      if (m == 0 && self->quote != NULL)
        cost = self->quote->amount_usd;
      else if (!rushes_engine_estimate_cost (self->engine, g_ptr_array_index (models, m),
                                             g_ptr_array_index (params, m), &cost))
        known = FALSE;
      *total += cost * n_variations (self);
      dearest = MAX (dearest, cost);

      for (guint v = 0; v < n_variations (self); v++)
        g_array_append_val (estimates, cost);
    }

  if (!self->budget_cached || self->budget_total != *total || self->budget_dearest != dearest)
    {
      self->budgeted = rushes_engine_measure_budget (self->engine, (const double *) estimates->data,
                                                     estimates->len, &self->budget_use);
      self->budget_total = *total;
      self->budget_dearest = dearest;
      self->budget_cached = TRUE;
    }

  *use = self->budget_use;
  *budgeted = self->budgeted;
  return known;
}

static void
set_cost_style (RushesComposer *self,
                const char     *style)
{
  const char * const styles[] = { "dim-label", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_strcmp0 (style, styles[i]) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (self->cost_label), styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->cost_label), style);
}

static char *
format_budget (const RushesBudgetUse *use)
{
  switch (use->kind)
    {
    case RUSHES_BUDGET_PER_RUN:
      /* Translators: the per-run maximum, in US dollars */
      return g_strdup_printf (_("your per-run maximum of $%.2f"), use->limit);
    case RUSHES_BUDGET_DAILY:
      /* Translators: a budget, in US dollars */
      return g_strdup_printf (_("your daily budget of $%.2f"), use->limit);
    case RUSHES_BUDGET_MONTHLY:
    default:
      /* Translators: a budget, in US dollars */
      return g_strdup_printf (_("your monthly budget of $%.2f"), use->limit);
    }
}

/* A budget counts as near from this share of it on. */
#define BUDGET_WARNING 0.8

/* The cost line: the estimate, and how it stands against the budgets.
 * The Generate button carries the price of what it sends. */
static void
update_cost (RushesComposer *self)
{
  g_autofree char *line = NULL;
  g_autofree char *button = NULL;
  const char *style = NULL;
  guint n_takes = n_variations (self) * (1 + self->also->len);
  RushesBudgetUse use;
  gboolean budgeted;
  double total;

  if (!estimate_shot (self, &total, &use, &budgeted))
    {
      line = g_strdup (_("No price estimate for this model"));
      style = "dim-label";
    }
  else if (total <= 0)
    line = g_strdup (_("Free"));
  else if (self->quote != NULL && self->quote->live && n_takes > 1)
    /* Translators: the provider's own price in US dollars for several takes */
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Live price: $%.2f for %u take",
                                         "Live price: $%.2f for %u takes", n_takes),
                            total, n_takes);
  else if (self->quote != NULL && self->quote->live)
    /* Translators: the provider's own price in US dollars */
    line = g_strdup_printf (_("Live price: $%.2f"), total);
  else if (n_takes > 1)
    /* Translators: an estimate in US dollars for several takes */
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Estimated cost: $%.2f for %u take",
                                         "Estimated cost: $%.2f for %u takes", n_takes),
                            total, n_takes);
  else
    /* Translators: an estimate in US dollars */
    line = g_strdup_printf (_("Estimated cost: $%.2f"), total);

  if (budgeted && use.estimate > 0)
    {
      g_autofree char *budget = format_budget (&use);
      g_autofree char *base = g_steal_pointer (&line);

      if (!rushes_budget_use_fits (&use))
        {
          if (use.kind == RUSHES_BUDGET_PER_RUN)
            /* Translators: the estimate, then "your per-run maximum of $1.00" */
            line = g_strdup_printf (_("%s. This passes %s."), base, budget);
          else
            /* Translators: the estimate, then "your daily budget of $1.00", then the amount already spent */
            line = g_strdup_printf (_("%s. This passes %s: $%.2f is spent already."), base, budget, use.spent);
          style = "error";
        }
      else if (rushes_budget_use_get_fraction (&use) >= BUDGET_WARNING)
        {
          /* Translators: the estimate, then "your daily budget of $1.00", then what is left of it */
          line = g_strdup_printf (_("%s. Nearly all of %s: $%.2f left after this."), base, budget,
                                  MAX (0, use.limit - use.spent - use.estimate));
          style = "warning";
        }
      else
        line = g_steal_pointer (&base);
    }

  gtk_label_set_label (self->cost_label, line);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cost_label),
                               self->quote != NULL ? self->quote->note : rushes_model_get_price_note (self->model));
  set_cost_style (self, style);

  if (total > 0 && n_takes > 1)
    /* Translators: the Generate button with the number of takes and their price */
    button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Generate %u Take · $%.2f",
                                           "_Generate %u Takes · $%.2f", n_takes),
                              n_takes, total);
  else if (total > 0)
    /* Translators: the Generate button with the price of the run */
    button = g_strdup_printf (_("_Generate · $%.2f"), total);
  else if (n_takes > 1)
    button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Generate %u Take", "_Generate %u Takes", n_takes),
                              n_takes);
  else
    button = g_strdup (_("_Generate"));
  gtk_button_set_label (self->generate_button, button);
}

static void
update_count (RushesComposer *self)
{
  const char *prompt = rushes_generation_params_get_prompt (self->params);
  guint length = prompt != NULL ? g_utf8_strlen (prompt, -1) : 0;
  guint limit = rushes_model_get_max_length (self->model, RUSHES_CONTROL_PROMPT);

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
}

/* The first model of the shot whose provider has no key, if any. */
static RushesModel *
find_model_without_key (RushesComposer *self,
                        KeyState        state)
{
  if (key_state (self, rushes_model_get_provider_id (self->model)) == state)
    return self->model;

  for (guint i = 0; i < self->also->len; i++)
    {
      RushesModel *model = g_ptr_array_index (self->also, i);

      if (key_state (self, rushes_model_get_provider_id (model)) == state)
        return model;
    }

  return NULL;
}

void
_rushes_composer_update_state (RushesComposer *self)
{
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GError) error = NULL;
  RushesModel *missing;

  if (self->model == NULL)
    return;

  /* The chosen model is not one of the others. */
  if (g_ptr_array_remove (self->also, self->model))
    sync_also_row (self);
  /* A start image added or removed changes which settings apply. */
  _rushes_composer_generic_update (self);

  update_count (self);
  schedule_quote (self);
  update_cost (self);

  /* A value that could not be read comes first: it is not in the
   * parameters, which may be valid without it. Each model of the shot is
   * checked with its own settings; the takes of one model differ only in
   * their seeds, which the plan draws in range. */
  if (self->input_error != NULL)
    error = g_error_copy (self->input_error);
  else if (rushes_model_validate (self->model, self->params, &error))
    plan = _rushes_composer_plan (self, 1, &error);

  _rushes_composer_show_error (self, error);
  if (error != NULL)
    {
      rushes_composer_set_blocker (self, error->message);
      return;
    }

  if ((missing = find_model_without_key (self, KEY_MISSING)) != NULL)
    {
      /* Translators: %s is a provider's name */
      g_autofree char *text = g_strdup_printf (_("Add your %s API key in Preferences to generate"),
                                               rushes_provider_id_get_name (rushes_model_get_provider_id (missing)));
      rushes_composer_set_blocker (self, text);
      return;
    }

  if (find_model_without_key (self, KEY_UNKNOWN) != NULL)
    {
      rushes_composer_set_blocker (self, _("Looking for the provider's key…"));
      return;
    }

  rushes_composer_set_blocker (self, NULL);
}

static void
takes_changed_cb (RushesComposer *self)
{
  _rushes_composer_update_state (self);
  _rushes_composer_schedule_save (self);
}

/* What was spent changes what the budgets leave. */
static void
spend_changed_cb (RushesComposer *self)
{
  self->budget_cached = FALSE;
  if (self->model != NULL)
    update_cost (self);
}

static void
sync_also_row (RushesComposer *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_models = 1 + self->also->len;

  for (guint i = 0; i < self->also->len; i++)
    {
      if (names->len > 0)
        /* Translators: between the names of models */
        g_string_append (names, _(", "));
      g_string_append (names, rushes_model_get_name (g_ptr_array_index (self->also, i)));
    }

  adw_action_row_set_subtitle (self->models_row,
                               names->len > 0 ? names->str : _("Only the model above"));

  /* A shot has at most RUSHES_SHOT_MAX_TAKES takes over all its models. */
  gtk_spin_button_set_range (self->takes_spin, 1, MAX (1, RUSHES_SHOT_MAX_TAKES / n_models));

  if (self->also_picker != NULL)
    rushes_model_picker_set_chosen (self->also_picker, self->also);
}

/**
 * _rushes_composer_set_also:
 * @models: (element-type RushesModel): the other models of the shot
 */
void
_rushes_composer_set_also (RushesComposer *self,
                           GPtrArray      *models)
{
  g_ptr_array_set_size (self->also, 0);
  for (guint i = 0; i < models->len && i + 1 < RUSHES_SHOT_MAX_TAKES; i++)
    {
      RushesModel *model = g_ptr_array_index (models, i);

      if (model != self->model && !g_ptr_array_find (self->also, model, NULL))
        g_ptr_array_add (self->also, g_object_ref (model));
    }

  sync_also_row (self);
  _rushes_composer_update_state (self);
  _rushes_composer_schedule_save (self);
}

/* Actions ---------------------------------------------------------------- */

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RushesComposer *self = RUSHES_COMPOSER (widget);
  g_autoptr(GPtrArray) takes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL || self->blocker != NULL)
    return;

  /* Planned now: each Generate draws new seeds. */
  takes = _rushes_composer_plan (self, n_variations (self), &error);
  if (takes == NULL)
    {
      _rushes_composer_show_error (self, error);
      rushes_composer_set_blocker (self, error->message);
      return;
    }

  rushes_composer_save_draft (self);
  g_signal_emit (self, signals[GENERATE], 0, takes);
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
  g_cancellable_cancel (self->quote_cancellable);
  g_clear_object (&self->quote_cancellable);
  g_clear_handle_id (&self->quote_source, g_source_remove);
  g_clear_object (&self->model);
  g_clear_object (&self->params);
  g_clear_pointer (&self->also, g_ptr_array_unref);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_COMPOSER);

  G_OBJECT_CLASS (rushes_composer_parent_class)->dispose (object);
}

static void
rushes_composer_finalize (GObject *object)
{
  RushesComposer *self = RUSHES_COMPOSER (object);

  g_clear_pointer (&self->key_states, g_hash_table_unref);
  g_clear_pointer (&self->generic_rows, g_hash_table_unref);
  g_clear_pointer (&self->quote, rushes_quote_free);
  g_clear_pointer (&self->quote_key, g_free);
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
   * @takes: (element-type RushesTake): the shot to send, planned with
   *   rushes_shot_plan_full(): each take validated, with its own seed
   *
   * The user asked to send the generation.
   */
  signals[GENERATE] =
    g_signal_new ("generate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  g_type_ensure (RUSHES_TYPE_IMAGE_SLOT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, model_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, model_button);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, notice_label);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, count_label);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, images_box);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, image_slot);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, end_image_slot);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, image_url_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, settings_group);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, generic_group);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, takes_group);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, takes_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, takes_spin);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, models_row);
  gtk_widget_class_bind_template_child (widget_class, RushesComposer, models_button);
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
  self->also = g_ptr_array_new_with_free_func (g_object_unref);
  self->generic_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Ctrl+Enter must reach us before the prompt turns it into a newline. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                               gtk_named_action_new ("composer.generate"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (self->prompt_view, "paste-clipboard", G_CALLBACK (prompt_paste_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->takes_spin, "value-changed", G_CALLBACK (takes_changed_cb), self, G_CONNECT_SWAPPED);
  _rushes_composer_controls_init (self);
  _rushes_composer_reuse_init (self);
  sync_also_row (self);

  rushes_composer_set_blocker (self, _("Choose a model"));
}

/* The catalog read again (the providers' live listings refreshed): the
 * chosen models become the catalog's new ones, with today's settings and
 * prices, and what the user set stays where the model still allows it
 * (the pane says what changed). */
static void
catalog_changed_cb (RushesComposer *self)
{
  RushesModelCatalog *catalog = rushes_engine_get_catalog (self->engine);
  g_autoptr(GPtrArray) also = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean also_changed = FALSE;

  if (self->model != NULL)
    {
      RushesModel *now = rushes_model_catalog_lookup (catalog, rushes_model_get_id (self->model));

      if (now != NULL && now != self->model)
        _rushes_composer_apply_model (self, now, TRUE);
    }

  for (guint i = 0; i < self->also->len; i++)
    {
      RushesModel *was = g_ptr_array_index (self->also, i);
      RushesModel *now = rushes_model_catalog_lookup (catalog, rushes_model_get_id (was));

      also_changed |= now != NULL && now != was;
      g_ptr_array_add (also, g_object_ref (now != NULL ? now : was));
    }
  if (also_changed)
    _rushes_composer_set_also (self, also);
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

  /* What the budgets leave changes with each run and each budget. */
  g_signal_connect_object (rushes_engine_get_library (engine), "items-changed",
                           G_CALLBACK (spend_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "task-ended", G_CALLBACK (spend_changed_cb), self, G_CONNECT_SWAPPED);
  if (rushes_engine_get_settings (engine) != NULL)
    g_signal_connect_object (rushes_engine_get_settings (engine), "changed",
                             G_CALLBACK (spend_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (rushes_engine_get_catalog (engine), "items-changed",
                           G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);

  rushes_composer_build_pickers (self);
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
 * rushes_composer_set_other_models:
 * @self: a #RushesComposer
 * @model_ids: (array zero-terminated=1): catalog ids of the other models
 *   each Generate also sends to
 *
 * Returns: %FALSE when the catalog lacks one of them (none is set then)
 */
gboolean
rushes_composer_set_other_models (RushesComposer     *self,
                                  const char * const *model_ids)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new ();

  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (self->engine != NULL, FALSE);

  for (guint i = 0; model_ids != NULL && model_ids[i] != NULL; i++)
    {
      RushesModel *model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine), model_ids[i]);

      if (model == NULL)
        return FALSE;
      g_ptr_array_add (models, model);
    }

  _rushes_composer_set_also (self, models);
  return TRUE;
}

/**
 * rushes_composer_get_key_state:
 * @self: a #RushesComposer
 * @provider_id: a provider
 *
 * Returns: whether the composer found a key for @provider_id, or has not
 *   looked yet (the lookups answer after the keyring does)
 */
RushesComposerKeyState
rushes_composer_get_key_state (RushesComposer *self,
                               const char     *provider_id)
{
  g_return_val_if_fail (RUSHES_IS_COMPOSER (self), RUSHES_COMPOSER_KEY_UNKNOWN);
  g_return_val_if_fail (provider_id != NULL, RUSHES_COMPOSER_KEY_UNKNOWN);

  return key_state (self, provider_id);
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

