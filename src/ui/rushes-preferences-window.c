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

#define G_LOG_DOMAIN "rushes-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-account-group.h"
#include "rushes-preferences-window.h"
#include "rushes-session-secret-store.h"

struct _RushesPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *notifications_switch;
  AdwComboRow          *default_model_row;
  AdwActionRow         *export_folder_row;
  GtkButton            *reset_export_folder_button;
  AdwPreferencesPage   *accounts_page;
  GtkSpinButton        *budget_per_run_spin;
  GtkSpinButton        *budget_daily_spin;
  GtkSpinButton        *budget_monthly_spin;

  /* Owned */
  GSettings            *settings;
  RushesConfig         *config;
  RushesModelCatalog   *catalog;
  RushesSecretStore    *secrets;
  RushesEngine         *engine;      /* nullable: no balances without it */
  GPtrArray            *account_groups;
  GPtrArray            *model_ids;  /* default-model value of each combo row item */
  GtkNativeDialog      *export_chooser;

  guint                 updating_model : 1;
  guint                 balances_read : 1;
};

G_DEFINE_FINAL_TYPE (RushesPreferencesWindow, rushes_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CONFIG,
  PROP_CATALOG,
  PROP_SECRET_STORE,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
provider_rank (const char *provider_id)
{
  const char * const *ids = rushes_provider_list_ids ();
  int i;

  for (i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], provider_id) == 0)
      return i;

  return i;
}

/* Grouped by provider, in the order the engine lists them; the sort is
 * stable, so the catalog's order holds within a provider. */
static int
compare_models_by_provider (gconstpointer a,
                            gconstpointer b)
{
  RushesModel *model_a = *(RushesModel **) a;
  RushesModel *model_b = *(RushesModel **) b;

  return provider_rank (rushes_model_get_provider_id (model_a)) -
         provider_rank (rushes_model_get_provider_id (model_b));
}

static char *
model_label (RushesModel *model)
{
  const char *provider_id = rushes_model_get_provider_id (model);
  const char *provider = rushes_provider_id_get_name (provider_id);

  if (provider == NULL)
    provider = provider_id;

  if (rushes_model_get_retired (model))
    /* Translators: provider name, then model name, e.g. "Wiro — Sora 2 (retired)" */
    return g_strdup_printf (_("%s — %s (retired)"), provider, rushes_model_get_name (model));

  /* Translators: provider name, then model name, e.g. "Wiro — Sora 2" */
  return g_strdup_printf (_("%s — %s"), provider, rushes_model_get_name (model));
}

static void
select_default_model (RushesPreferencesWindow *self,
                      guint                    position)
{
  self->updating_model = TRUE;
  adw_combo_row_set_selected (self->default_model_row, position);
  self->updating_model = FALSE;
}

static void
rebuild_default_models (RushesPreferencesWindow *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "default-model");
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->model_ids, 0);

  gtk_string_list_append (labels, _("Automatic"));
  g_ptr_array_add (self->model_ids, g_strdup (""));

  for (guint i = 0; self->catalog != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->catalog)); i++)
    g_ptr_array_add (models, g_list_model_get_item (G_LIST_MODEL (self->catalog), i));
  g_ptr_array_sort (models, compare_models_by_provider);

  for (guint i = 0; i < models->len; i++)
    {
      RushesModel *model = g_ptr_array_index (models, i);
      const char *id = rushes_model_get_id (model);
      g_autofree char *label = NULL;

      /* A retired model is no choice for new drafts, unless it is the
       * current one: the row must still say what is set. */
      if (rushes_model_get_retired (model) && g_strcmp0 (id, current) != 0)
        continue;

      if (g_strcmp0 (id, current) == 0)
        selected = self->model_ids->len;

      label = model_label (model);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->model_ids, g_strdup (id));
    }

  /* A model from a user file that is gone: keep showing the setting. */
  if (current[0] != '\0' && selected == 0)
    {
      selected = self->model_ids->len;
      gtk_string_list_append (labels, current);
      g_ptr_array_add (self->model_ids, g_strdup (current));
    }

  self->updating_model = TRUE;
  adw_combo_row_set_model (self->default_model_row, G_LIST_MODEL (labels));
  self->updating_model = FALSE;
  select_default_model (self, selected);
}

static void
default_model_selected_cb (RushesPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->default_model_row);
  g_autofree char *current = NULL;
  const char *id;

  if (self->updating_model || position >= self->model_ids->len)
    return;

  id = g_ptr_array_index (self->model_ids, position);
  current = g_settings_get_string (self->settings, "default-model");
  if (g_strcmp0 (id, current) != 0)
    g_settings_set_string (self->settings, "default-model", id);
}

static void
default_model_changed_cb (RushesPreferencesWindow *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "default-model");

  for (guint i = 0; i < self->model_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->model_ids, i), current))
      {
        select_default_model (self, i);
        return;
      }

  rebuild_default_models (self);
}

static void
update_export_folder (RushesPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "export-folder");
  g_autofree char *name = NULL;
  g_autofree char *full = NULL;
  gboolean custom = path[0] != '\0';

  if (custom)
    {
      name = g_filename_display_basename (path);
      full = g_filename_display_name (path);
    }
  else
    {
      const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);

      name = videos != NULL ? g_filename_display_basename (videos) : g_strdup (_("Videos"));
      full = videos != NULL ? g_filename_display_name (videos) : NULL;
    }

  adw_action_row_set_subtitle (self->export_folder_row, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_folder_row), full);
  gtk_widget_set_visible (GTK_WIDGET (self->reset_export_folder_button), custom);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.reset-export-folder", custom);
}

static void
export_chooser_response_cb (RushesPreferencesWindow *self,
                            int                      response,
                            GtkNativeDialog         *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "export-folder", path);
      else
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (_("Choose a folder on this computer")));
    }

  if (self->export_chooser == chooser)
    g_clear_object (&self->export_chooser);
}

static void
choose_export_folder_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (widget);
  g_autofree char *path = g_settings_get_string (self->settings, "export-folder");
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_show (self->export_chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Choose Export Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (path[0] != '\0')
    folder = g_file_new_for_path (path);
  else if (g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS) != NULL)
    folder = g_file_new_for_path (g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->export_chooser);
}

static void
reset_export_folder_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "export-folder");
}

static void
add_account_groups (RushesPreferencesWindow *self)
{
  const char * const *ids = rushes_provider_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      RushesAccountGroup *group;

      /* The offline Sandbox has no account. */
      if (!rushes_provider_id_needs_key (ids[i]))
        continue;

      group = rushes_account_group_new (ids[i], self->secrets, self->config, self->settings);
      adw_preferences_page_add (self->accounts_page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->account_groups, group);
    }
}

/* The engine keeps the last balances read; the window shows them and
 * follows each refresh. A provider without a row has no key. */
static void
balances_changed_cb (RushesPreferencesWindow *self)
{
  RushesBalances *balances = rushes_engine_get_balances (self->engine);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.refresh-balances",
                                 !rushes_balances_get_refreshing (balances));

  for (guint i = 0; i < self->account_groups->len; i++)
    {
      RushesAccountGroup *group = g_ptr_array_index (self->account_groups, i);

      rushes_account_group_set_balance (group,
                                        rushes_balances_lookup (balances,
                                                                rushes_account_group_get_provider_id (group)));
    }
}

static void
refresh_balances (RushesPreferencesWindow *self)
{
  if (self->engine == NULL)
    return;

  rushes_balances_refresh (rushes_engine_get_balances (self->engine));
  balances_changed_cb (self);
}

static void
accounts_shown_cb (RushesPreferencesWindow *self)
{
  const char *page = adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (self));

  if (self->balances_read || g_strcmp0 (page, "accounts") != 0)
    return;

  self->balances_read = TRUE;
  if (self->engine == NULL)
    return;

  g_signal_connect_object (rushes_engine_get_balances (self->engine), "changed",
                           G_CALLBACK (balances_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rushes_engine_get_balances (self->engine), "notify::refreshing",
                           G_CALLBACK (balances_changed_cb), self, G_CONNECT_SWAPPED);
  /* What was read at start shows at once; none yet is read now. */
  if (rushes_balances_get_last (rushes_engine_get_balances (self->engine)) == NULL)
    refresh_balances (self);
  else
    balances_changed_cb (self);
}

static void
keys_changed_cb (RushesPreferencesWindow *self)
{
  if (self->balances_read)
    refresh_balances (self);
}

static void
refresh_balances_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  refresh_balances (RUSHES_PREFERENCES_WINDOW (widget));
}

static void
rushes_preferences_window_constructed (GObject *object)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (rushes_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID_BASE);
  if (self->config == NULL)
    self->config = rushes_config_new_from_environment (NULL);
  if (self->config == NULL)
    self->config = rushes_config_new ();
  if (self->secrets == NULL)
    {
      g_autoptr(RushesSecretStore) keyring = rushes_libsecret_store_new ();

      self->secrets = rushes_session_secret_store_new (keyring);
    }

  g_settings_bind (self->settings, "notifications",
                   self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "budget-per-run", self->budget_per_run_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "budget-daily", self->budget_daily_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "budget-monthly", self->budget_monthly_spin, "value", G_SETTINGS_BIND_DEFAULT);

  rebuild_default_models (self);
  g_signal_connect_object (self->settings, "changed::default-model",
                           G_CALLBACK (default_model_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->catalog != NULL)
    g_signal_connect_object (self->catalog, "items-changed",
                             G_CALLBACK (rebuild_default_models), self, G_CONNECT_SWAPPED);

  update_export_folder (self);
  g_signal_connect_object (self->settings, "changed::export-folder",
                           G_CALLBACK (update_export_folder), self, G_CONNECT_SWAPPED);

  add_account_groups (self);
  /* Balances need the keys: read only once the Accounts page shows, as
   * the account groups do (a locked keyring would ask for its password
   * for nothing on the General page), and again when a key changes. */
  g_signal_connect_object (self, "notify::visible-page-name", G_CALLBACK (accounts_shown_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->secrets, "changed", G_CALLBACK (keys_changed_cb), self, G_CONNECT_SWAPPED);
  accounts_shown_cb (self);
}

static void
rushes_preferences_window_dispose (GObject *object)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (object);

  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (self->export_chooser);
  g_clear_object (&self->export_chooser);

  g_clear_pointer (&self->account_groups, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->config);
  g_clear_object (&self->catalog);
  g_clear_object (&self->secrets);

  G_OBJECT_CLASS (rushes_preferences_window_parent_class)->dispose (object);
}

static void
rushes_preferences_window_finalize (GObject *object)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->model_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_preferences_window_parent_class)->finalize (object);
}

static void
rushes_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    case PROP_CONFIG:
      g_set_object (&self->config, g_value_get_object (value));
      break;

    case PROP_CATALOG:
      g_set_object (&self->catalog, g_value_get_object (value));
      break;

    case PROP_SECRET_STORE:
      g_set_object (&self->secrets, g_value_get_object (value));
      break;
    case PROP_ENGINE:
      g_set_object (&self->engine, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;

    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secrets);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_preferences_window_class_init (RushesPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rushes_preferences_window_constructed;
  object_class->dispose = rushes_preferences_window_dispose;
  object_class->finalize = rushes_preferences_window_finalize;
  object_class->get_property = rushes_preferences_window_get_property;
  object_class->set_property = rushes_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL,
                         RUSHES_TYPE_CONFIG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         RUSHES_TYPE_MODEL_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL,
                         RUSHES_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         RUSHES_TYPE_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, default_model_row);
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, export_folder_row);
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, reset_export_folder_button);
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, budget_per_run_spin);
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, budget_daily_spin);
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, budget_monthly_spin);
  gtk_widget_class_bind_template_callback (widget_class, default_model_selected_cb);

  gtk_widget_class_install_action (widget_class, "preferences.choose-export-folder", NULL,
                                   choose_export_folder_action);
  gtk_widget_class_install_action (widget_class, "preferences.refresh-balances", NULL,
                                   refresh_balances_action);
  gtk_widget_class_install_action (widget_class, "preferences.reset-export-folder", NULL,
                                   reset_export_folder_action);
}

static void
rushes_preferences_window_init (RushesPreferencesWindow *self)
{
  self->account_groups = g_ptr_array_new ();

  self->model_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rushes_preferences_window_new:
 * @transient_for: (nullable): the parent window
 * @engine: the engine the window configures
 *
 * The Accounts page is named "accounts": show it with
 * adw_preferences_window_set_visible_page_name().
 *
 * Returns: (transfer full): a new preferences window
 */
RushesPreferencesWindow *
rushes_preferences_window_new (GtkWindow    *transient_for,
                               RushesEngine *engine)
{
  g_return_val_if_fail (!transient_for || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (RUSHES_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (rushes_engine_get_settings (engine) != NULL, NULL);

  return g_object_new (RUSHES_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "settings", rushes_engine_get_settings (engine),
                       "config", rushes_engine_get_config (engine),
                       "catalog", rushes_engine_get_catalog (engine),
                       "secret-store", rushes_engine_get_secret_store (engine),
                       "engine", engine,
                       NULL);
}
