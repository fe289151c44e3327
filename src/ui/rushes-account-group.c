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

#define G_LOG_DOMAIN "rushes-account-group"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "rushes-account-group.h"
#include "rushes-session-secret-store.h"

/**
 * RushesAccountGroup:
 *
 * One provider on the Accounts page of Preferences: its API key (and
 * secret, where the provider signs requests), where the key comes from,
 * and the endpoint override. Keys go to the secret store only; the page
 * never shows a stored key.
 */

typedef enum
{
  SECRET_STATE_UNKNOWN,
  SECRET_STATE_NONE,
  SECRET_STATE_STORED,
  SECRET_STATE_SESSION,
  SECRET_STATE_ERROR,
} SecretState;

struct _RushesAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwActionRow        *balance_row;
  GtkLabel            *balance_label;
  GtkButton           *test_button;
  GtkButton           *remove_button;
  AdwEntryRow         *key_row;
  AdwEntryRow         *secret_row;
  AdwExpanderRow      *advanced_row;
  AdwEntryRow         *base_url_row;
  AdwEntryRow         *socket_url_row;
  AdwActionRow        *endpoint_hint_row;

  /* Owned */
  char                *provider_id;
  RushesSecretStore   *secrets;
  RushesConfig        *config;
  GSettings           *settings;
  GCancellable        *cancellable;
  RushesHttp          *http;
  RushesProvider      *provider;
  char                *base_url_key;
  char                *socket_url_key;
  char                *endpoint_hint;

  guint                serial;
  guint                n_removing;
  SecretState          key_state;
  SecretState          secret_state;

  guint                loaded : 1;
};

typedef struct
{
  RushesAccountGroup *self;
  RushesSecretKind    kind;
  guint               serial;
  char               *secret;
} SecretData;

static void
secret_data_free (SecretData *data)
{
  if (data->secret != NULL)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_clear_object (&data->self);
  g_free (data);
}

static SecretData *
secret_data_new (RushesAccountGroup *self,
                 RushesSecretKind    kind)
{
  SecretData *data = g_new0 (SecretData, 1);

  data->self = g_object_ref (self);
  data->kind = kind;
  data->serial = self->serial;
  return data;
}

G_DEFINE_FINAL_TYPE (RushesAccountGroup, rushes_account_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_PROVIDER_ID,
  PROP_SECRET_STORE,
  PROP_CONFIG,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_status (RushesAccountGroup *self);

static gboolean
uses_secret (RushesAccountGroup *self)
{
  return rushes_provider_id_uses_secret (self->provider_id);
}

static const char *
provider_name (RushesAccountGroup *self)
{
  const char *name = rushes_provider_id_get_name (self->provider_id);

  return name != NULL ? name : self->provider_id;
}

static char *
env_variable_name (RushesAccountGroup *self,
                   const char         *suffix)
{
  g_autofree char *upper = g_ascii_strup (self->provider_id, -1);

  return g_strdup_printf ("RUSHES_%s_%s", upper, suffix);
}

static gboolean
is_cancelled (RushesAccountGroup *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

static void
add_toast (RushesAccountGroup *self,
           const char         *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
}

static gboolean
is_kept (SecretState state)
{
  return state == SECRET_STATE_STORED || state == SECRET_STATE_SESSION;
}

static void
update_status (RushesAccountGroup *self)
{
  g_autofree char *text = NULL;

  if (rushes_config_get_env_secret (self->config, self->provider_id, RUSHES_SECRET_API_KEY) != NULL)
    {
      g_autofree char *variable = env_variable_name (self, "API_KEY");

      /* Translators: %s is an environment variable, e.g. RUSHES_WIRO_API_KEY */
      text = g_strdup_printf (_("Set by %s (overrides the keyring)"), variable);
    }
  else
    {
      switch (self->key_state)
        {
        case SECRET_STATE_UNKNOWN:
          text = g_strdup (_("Checking the keyring…"));
          break;

        case SECRET_STATE_SESSION:
          text = g_strdup (_("Kept for this session only"));
          break;

        case SECRET_STATE_STORED:
          if (is_kept (self->secret_state))
            text = g_strdup (_("Stored in the keyring, with the API secret"));
          else
            text = g_strdup (_("Stored in the keyring"));
          break;

        case SECRET_STATE_ERROR:
          text = g_strdup (_("The keyring is not available"));
          break;

        case SECRET_STATE_NONE:
        default:
          if (is_kept (self->secret_state))
            text = g_strdup (_("Not set (only the API secret is stored)"));
          else
            text = g_strdup (_("Not set"));
          break;
        }
    }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), text);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.remove",
                                 self->n_removing == 0 &&
                                 (is_kept (self->key_state) || is_kept (self->secret_state)));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SecretData *data = user_data;
  RushesAccountGroup *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  SecretState state;

  secret = rushes_secret_store_lookup_finish (RUSHES_SECRET_STORE (object), result, &error);

  if (is_cancelled (self) || data->serial != self->serial)
    goto out;

  if (error != NULL)
    {
      g_debug ("Cannot look up the %s credentials: %s", self->provider_id, error->message);
      state = SECRET_STATE_ERROR;
    }
  else if (secret == NULL)
    state = SECRET_STATE_NONE;
  else if (RUSHES_IS_SESSION_SECRET_STORE (self->secrets) &&
           rushes_session_secret_store_has_session_secret (RUSHES_SESSION_SECRET_STORE (self->secrets),
                                                           self->provider_id, data->kind))
    state = SECRET_STATE_SESSION;
  else
    state = SECRET_STATE_STORED;

  if (data->kind == RUSHES_SECRET_API_SECRET)
    self->secret_state = state;
  else
    self->key_state = state;

  update_status (self);

out:
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  secret_data_free (data);
}

static void
refresh_status (RushesAccountGroup *self)
{
  self->serial++;
  self->key_state = SECRET_STATE_UNKNOWN;
  self->secret_state = uses_secret (self) ? SECRET_STATE_UNKNOWN : SECRET_STATE_NONE;
  update_status (self);

  rushes_secret_store_lookup_async (self->secrets, self->provider_id, RUSHES_SECRET_API_KEY,
                                    self->cancellable, lookup_cb,
                                    secret_data_new (self, RUSHES_SECRET_API_KEY));
  if (uses_secret (self))
    rushes_secret_store_lookup_async (self->secrets, self->provider_id, RUSHES_SECRET_API_SECRET,
                                      self->cancellable, lookup_cb,
                                      secret_data_new (self, RUSHES_SECRET_API_SECRET));
}

static AdwEntryRow *
row_for_kind (RushesAccountGroup *self,
              RushesSecretKind    kind)
{
  return kind == RUSHES_SECRET_API_SECRET ? self->secret_row : self->key_row;
}

/* Once a secret is kept somewhere, the entry must not hold on to it. */
static void
secret_kept (RushesAccountGroup *self,
             RushesSecretKind    kind,
             const char         *toast)
{
  gtk_editable_set_text (GTK_EDITABLE (row_for_kind (self, kind)), "");
  add_toast (self, toast);
  refresh_status (self);
}

static void
session_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SecretData       *data)
{
  RushesAccountGroup *self = data->self;
  g_autofree char *toast = NULL;

  if (is_cancelled (self) || g_strcmp0 (response, "session") != 0)
    return;

  rushes_session_secret_store_store_for_session (RUSHES_SESSION_SECRET_STORE (self->secrets),
                                                 self->provider_id, data->kind, data->secret);

  /* Translators: %s is a provider name, e.g. Wiro */
  toast = g_strdup_printf (data->kind == RUSHES_SECRET_API_SECRET
                             ? _("The %s API secret is kept until Rushes quits")
                             : _("The %s API key is kept until Rushes quits"),
                           provider_name (self));
  secret_kept (self, data->kind, toast);
}

static void
offer_session_only (RushesAccountGroup *self,
                    SecretData         *data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a provider name, e.g. Wiro */
  body = g_strdup_printf (data->kind == RUSHES_SECRET_API_SECRET
                            ? _("No keyring is available, so the %s API secret cannot be stored. Keep it for this session only? Rushes forgets it when it quits.")
                            : _("No keyring is available, so the %s API key cannot be stored. Keep it for this session only? Rushes forgets it when it quits."),
                          provider_name (self));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("No Keyring Available"), body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "session", _("_Keep for This Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "session",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "session");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (session_response_cb),
                         data, (GClosureNotify) secret_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SecretData *data = user_data;
  RushesAccountGroup *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (!rushes_secret_store_store_finish (RUSHES_SECRET_STORE (object), result, &error))
    {
      if (is_cancelled (self) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          secret_data_free (data);
          return;
        }

      g_debug ("Cannot store the %s credentials: %s", self->provider_id, error->message);

      if (RUSHES_IS_SESSION_SECRET_STORE (self->secrets))
        offer_session_only (self, data);
      else
        {
          add_toast (self, rushes_error_get_missing_key (error) != NULL
                       ? _("There is no key to test yet") : error->message);
          secret_data_free (data);
        }
      return;
    }

  if (!is_cancelled (self))
    {
      /* Translators: %s is a provider name, e.g. Wiro */
      toast = g_strdup_printf (data->kind == RUSHES_SECRET_API_SECRET
                                 ? _("The %s API secret is stored in the keyring")
                                 : _("The %s API key is stored in the keyring"),
                               provider_name (self));
      secret_kept (self, data->kind, toast);
    }

  secret_data_free (data);
}

static void
store_from_row (RushesAccountGroup *self,
                RushesSecretKind    kind)
{
  SecretData *data;
  char *secret;

  /* Keys are pasted from web pages, often with a stray space or newline. */
  secret = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row_for_kind (self, kind)))));
  if (secret[0] == '\0')
    {
      g_free (secret);
      return;
    }

  data = secret_data_new (self, kind);
  data->secret = secret;

  rushes_secret_store_store_async (self->secrets, self->provider_id, kind, data->secret,
                                   self->cancellable, store_cb, data);
}

static void
key_row_apply_cb (RushesAccountGroup *self)
{
  store_from_row (self, RUSHES_SECRET_API_KEY);
}

static void
secret_row_apply_cb (RushesAccountGroup *self)
{
  store_from_row (self, RUSHES_SECRET_API_SECRET);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SecretData *data = user_data;
  RushesAccountGroup *self = data->self;
  g_autoptr(GError) error = NULL;

  rushes_secret_store_clear_finish (RUSHES_SECRET_STORE (object), result, &error);

  if (is_cancelled (self))
    goto out;

  g_assert (self->n_removing > 0);
  self->n_removing--;

  if (error != NULL)
    {
      g_debug ("Cannot remove the %s credentials: %s", self->provider_id, error->message);
      add_toast (self, rushes_error_get_missing_key (error) != NULL
                       ? _("There is no key to test yet") : error->message);
    }
  else if (self->n_removing == 0)
    {
      g_autofree char *toast = NULL;

      /* Translators: %s is a provider name, e.g. Wiro */
      toast = g_strdup_printf (_("Removed the %s credentials"), provider_name (self));
      add_toast (self, toast);
    }

  if (self->n_removing == 0)
    refresh_status (self);

out:
  secret_data_free (data);
}

/* Test: one harmless signed request with the key the engine signs with -- */

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RushesAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.test", TRUE);

  if (rushes_provider_check_finish (RUSHES_PROVIDER (object), result, &error))
    /* Translators: %s is a provider name */
    text = g_strdup_printf (_("%s accepts the key"), provider_name (self));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    text = g_strdup (error->message);

  add_toast (self, text);
}

static void
test_credentials_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RushesAccountGroup) self = user_data;
  g_autoptr(RushesCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = rushes_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (credentials == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.test", TRUE);
      add_toast (self, rushes_error_get_missing_key (error) != NULL
                       ? _("There is no key to test yet") : error->message);
      return;
    }

  rushes_provider_check_async (self->provider, credentials, self->cancellable,
                               checked_cb, g_object_ref (self));
}

/* The same lookup as the engine's: the environment's key and secret
 * together, else the stored pair. */
static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (widget);

  gtk_widget_action_set_enabled (widget, "account.test", FALSE);
  rushes_credentials_lookup_async (self->config, self->secrets, self->provider_id, self->cancellable,
                                   test_credentials_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (widget);
  RushesSecretKind kinds[] = { RUSHES_SECRET_API_KEY, RUSHES_SECRET_API_SECRET };
  SecretState states[] = { self->key_state, self->secret_state };

  /* Only what is kept: clearing what the keyring never had fails for
   * nothing when there is no keyring. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (is_kept (states[i]))
      self->n_removing++;
  update_status (self);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (!is_kept (states[i]))
        continue;

      gtk_editable_set_text (GTK_EDITABLE (row_for_kind (self, kinds[i])), "");
      rushes_secret_store_clear_async (self->secrets, self->provider_id, kinds[i], self->cancellable,
                                       clear_cb, secret_data_new (self, kinds[i]));
    }
}

static void
set_endpoint_error (RushesAccountGroup *self,
                    AdwEntryRow        *row,
                    const char         *message)
{
  AdwEntryRow *rows[] = { self->base_url_row, self->socket_url_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->endpoint_hint_row), "error");
      adw_action_row_set_subtitle (self->endpoint_hint_row, message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_hint_row), "error");
      adw_action_row_set_subtitle (self->endpoint_hint_row, self->endpoint_hint);
    }
}

static void
url_row_changed_cb (RushesAccountGroup *self,
                    GtkEditable        *row)
{
  /* The message explains the last value applied; editing starts over. */
  if (gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    set_endpoint_error (self, ADW_ENTRY_ROW (row), NULL);
}

static void
apply_endpoint (RushesAccountGroup *self,
                AdwEntryRow        *row,
                const char         *settings_key,
                gboolean            socket)
{
  g_autoptr(RushesConfig) scratch = rushes_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gboolean valid;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (url[0] == '\0')
    {
      g_settings_reset (self->settings, settings_key);
      set_endpoint_error (self, row, NULL);
      return;
    }

  /* Checked the way the engine will read it, before it is saved: a
   * setting the engine refuses would be ignored silently at every start. */
  if (socket)
    valid = rushes_config_set_socket_url (scratch, self->provider_id, url, &error);
  else
    valid = rushes_config_set_base_url (scratch, self->provider_id, url, &error);

  if (!valid)
    {
      set_endpoint_error (self, row, error->message);
      return;
    }

  g_settings_set_string (self->settings, settings_key, url);
  set_endpoint_error (self, row, NULL);
}

static void
base_url_row_apply_cb (RushesAccountGroup *self)
{
  apply_endpoint (self, self->base_url_row, self->base_url_key, FALSE);
}

static void
socket_url_row_apply_cb (RushesAccountGroup *self)
{
  apply_endpoint (self, self->socket_url_row, self->socket_url_key, TRUE);
}

static gboolean
settings_have_key (RushesAccountGroup *self,
                   const char         *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static char *
build_endpoint_hint (RushesAccountGroup *self,
                     RushesConfig       *defaults,
                     gboolean            with_socket)
{
  g_autoptr(RushesConfig) from_env = rushes_config_new_from_environment (NULL);
  GString *hint = g_string_new (NULL);

  if (with_socket)
    g_string_append_printf (hint,
                            _("Empty means the default endpoints, %s and %s. Plain http:// and ws:// are accepted only for this computer (loopback addresses)."),
                            rushes_config_get_base_url (defaults, self->provider_id),
                            rushes_config_get_socket_url (defaults, self->provider_id));
  else
    g_string_append_printf (hint,
                            _("Empty means the default endpoint, %s. Plain http:// is accepted only for this computer (loopback addresses)."),
                            rushes_config_get_base_url (defaults, self->provider_id));

  /* The application lets the environment win, as rushes-cli does. */
  if (from_env != NULL &&
      g_strcmp0 (rushes_config_get_base_url (from_env, self->provider_id),
                 rushes_config_get_base_url (defaults, self->provider_id)) != 0)
    {
      g_autofree char *variable = env_variable_name (self, "BASE_URL");

      g_string_append_c (hint, ' ');
      /* Translators: %s is an environment variable, e.g. RUSHES_WIRO_BASE_URL */
      g_string_append_printf (hint, _("%s is set in the environment and takes precedence."), variable);
    }

  return g_string_free (hint, FALSE);
}

static void
setup_endpoints (RushesAccountGroup *self)
{
  g_autoptr(RushesConfig) defaults = rushes_config_new ();
  gboolean has_base, has_socket;

  if (rushes_config_get_base_url (defaults, self->provider_id) == NULL)
    return;

  self->base_url_key = g_strdup_printf ("%s-base-url", self->provider_id);
  self->socket_url_key = g_strdup_printf ("%s-socket-url", self->provider_id);
  has_base = settings_have_key (self, self->base_url_key);
  has_socket = settings_have_key (self, self->socket_url_key) &&
               rushes_config_get_socket_url (defaults, self->provider_id) != NULL;

  if (!has_base)
    return;

  self->endpoint_hint = build_endpoint_hint (self, defaults, has_socket);
  set_endpoint_error (self, self->base_url_row, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->advanced_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_row), TRUE);
  {
    g_autofree char *url = g_settings_get_string (self->settings, self->base_url_key);

    gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), url);
  }

  if (has_socket)
    {
      g_autofree char *url = g_settings_get_string (self->settings, self->socket_url_key);

      gtk_widget_set_visible (GTK_WIDGET (self->socket_url_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->socket_url_row), url);
    }
}

static void
secret_changed_cb (RushesAccountGroup *self)
{
  if (self->loaded)
    refresh_status (self);
}

/* The keyring is read when the group is first shown, not when
 * Preferences opens: a locked keyring may ask for its password, and
 * that should not happen to someone who only came for the General page. */
static void
rushes_account_group_map (GtkWidget *widget)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (widget);

  GTK_WIDGET_CLASS (rushes_account_group_parent_class)->map (widget);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      refresh_status (self);
    }
}

static void
rushes_account_group_constructed (GObject *object)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (object);
  g_autofree char *tooltip = NULL;

  G_OBJECT_CLASS (rushes_account_group_parent_class)->constructed (object);

  g_assert (self->provider_id != NULL);
  g_assert (RUSHES_IS_SECRET_STORE (self->secrets));
  g_assert (RUSHES_IS_CONFIG (self->config));
  g_assert (G_IS_SETTINGS (self->settings));

  gtk_widget_set_name (GTK_WIDGET (self), self->provider_id);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), provider_name (self));
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), uses_secret (self));

  /* Translators: %s is a provider name, e.g. Wiro */
  tooltip = g_strdup_printf (_("Remove the %s credentials from the keyring"), provider_name (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), tooltip);

  /* Test only where the provider has a free request without effect. */
  self->http = rushes_http_new (self->config);
  self->provider = rushes_provider_new_for_id (self->provider_id, self->http);
  gtk_widget_set_visible (GTK_WIDGET (self->test_button), rushes_provider_can_check (self->provider));
  {
    /* Translators: %s is a provider name, e.g. Wiro */
    g_autofree char *test_tooltip = g_strdup_printf (_("Check that %s accepts the stored key"), provider_name (self));

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->test_button), test_tooltip);
  }

  setup_endpoints (self);

  /* Another window (or the composer) may change keys while this is open. */
  if (RUSHES_IS_SESSION_SECRET_STORE (self->secrets))
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", self->provider_id);

      g_signal_connect_object (self->secrets, signal, G_CALLBACK (secret_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->key_state = SECRET_STATE_UNKNOWN;
  self->secret_state = uses_secret (self) ? SECRET_STATE_UNKNOWN : SECRET_STATE_NONE;
  update_status (self);
}

static void
rushes_account_group_dispose (GObject *object)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_ACCOUNT_GROUP);

  G_OBJECT_CLASS (rushes_account_group_parent_class)->dispose (object);
}

static void
rushes_account_group_finalize (GObject *object)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (object);

  g_clear_object (&self->provider);
  g_clear_object (&self->http);
  g_clear_object (&self->secrets);
  g_clear_object (&self->config);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->provider_id);
  g_free (self->base_url_key);
  g_free (self->socket_url_key);
  g_free (self->endpoint_hint);

  G_OBJECT_CLASS (rushes_account_group_parent_class)->finalize (object);
}

static void
rushes_account_group_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (object);

  switch (prop_id)
    {
    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;

    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secrets);
      break;

    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_account_group_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RushesAccountGroup *self = RUSHES_ACCOUNT_GROUP (object);

  switch (prop_id)
    {
    case PROP_PROVIDER_ID:
      self->provider_id = g_value_dup_string (value);
      break;

    case PROP_SECRET_STORE:
      self->secrets = g_value_dup_object (value);
      break;

    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_account_group_class_init (RushesAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rushes_account_group_constructed;
  object_class->dispose = rushes_account_group_dispose;
  object_class->finalize = rushes_account_group_finalize;
  object_class->get_property = rushes_account_group_get_property;
  object_class->set_property = rushes_account_group_set_property;

  widget_class->map = rushes_account_group_map;

  properties[PROP_PROVIDER_ID] =
    g_param_spec_string ("provider-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL,
                         RUSHES_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL,
                         RUSHES_TYPE_CONFIG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-account-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, balance_row);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, balance_label);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, test_button);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, remove_button);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, key_row);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, secret_row);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, socket_url_row);
  gtk_widget_class_bind_template_child (widget_class, RushesAccountGroup, endpoint_hint_row);
  gtk_widget_class_bind_template_callback (widget_class, key_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, secret_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, socket_url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "account.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "account.test", NULL, test_action);
}

static void
rushes_account_group_init (RushesAccountGroup *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rushes_account_group_new:
 * @provider_id: the provider, from rushes_provider_list_ids()
 * @secrets: where the keys go
 * @config: the application's configuration (environment overrides)
 * @settings: the application's settings (endpoint overrides)
 *
 * Returns: (transfer floating): a new preferences group
 */
RushesAccountGroup *
rushes_account_group_new (const char        *provider_id,
                          RushesSecretStore *secrets,
                          RushesConfig      *config,
                          GSettings         *settings)
{
  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (secrets), NULL);
  g_return_val_if_fail (RUSHES_IS_CONFIG (config), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (RUSHES_TYPE_ACCOUNT_GROUP,
                       "provider-id", provider_id,
                       "secret-store", secrets,
                       "config", config,
                       "settings", settings,
                       NULL);
}

const char *
rushes_account_group_get_provider_id (RushesAccountGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_ACCOUNT_GROUP (self), NULL);

  return self->provider_id;
}

/**
 * rushes_account_group_set_balance:
 * @balance: (nullable): the account's balance, or %NULL to hide the row
 *   (no key)
 *
 * Shows what is left on the account, or why it is unknown (a note, never
 * an error dialog).
 */
void
rushes_account_group_set_balance (RushesAccountGroup  *self,
                                  const RushesBalance *balance)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RUSHES_IS_ACCOUNT_GROUP (self));

  gtk_widget_set_visible (GTK_WIDGET (self->balance_row), balance != NULL);
  if (balance == NULL)
    return;

  /* An amount beside the title; a note (Wiro publishes no balance, a
   * refused key) under it, where a sentence fits. */
  if (!isnan (balance->balance_usd))
    text = g_strdup_printf ("$%.2f", balance->balance_usd);
  adw_action_row_set_subtitle (self->balance_row,
                               isnan (balance->balance_usd)
                                 ? (balance->note != NULL ? balance->note : _("Unknown"))
                                 : "");
  gtk_widget_set_visible (GTK_WIDGET (self->balance_label), text != NULL);
  gtk_label_set_label (self->balance_label, text != NULL ? text : "");
}
