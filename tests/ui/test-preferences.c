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

#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rushes-providers.h"
#include "rushes-account-group.h"
#include "rushes-application.h"
#include "rushes-preferences-window.h"
#include "rushes-session-secret-store.h"
#include "rushes-test-utils.h"

#define TEST_KEY    "rk-test-4f1c9e2a7b"
#define TEST_SECRET "rs-test-8d3b6a0c5e"

/* A keyring that is not there: every call fails the way the libsecret
 * store fails without a Secret Service. */
#define TEST_TYPE_FAILING_STORE (test_failing_store_get_type ())
G_DECLARE_FINAL_TYPE (TestFailingStore, test_failing_store, TEST, FAILING_STORE, GObject)

struct _TestFailingStore
{
  GObject parent_instance;
  guint   n_lookup_calls;
  guint   n_store_calls;
};

static void test_failing_store_iface_init (RushesSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFailingStore, test_failing_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_SECRET_STORE, test_failing_store_iface_init))

static void
fail_async (gpointer             store,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, NULL, callback, user_data);

  g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                           "The keyring is not available: no Secret Service");
}

static void
failing_lookup_async (RushesSecretStore   *store,
                      const char          *provider_id,
                      RushesSecretKind     kind,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TEST_FAILING_STORE (store)->n_lookup_calls++;
  fail_async (store, callback, user_data);
}

static char *
failing_lookup_finish (RushesSecretStore  *store,
                       GAsyncResult       *result,
                       GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
failing_store_async (RushesSecretStore   *store,
                     const char          *provider_id,
                     RushesSecretKind     kind,
                     const char          *secret,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TEST_FAILING_STORE (store)->n_store_calls++;
  fail_async (store, callback, user_data);
}

static void
failing_clear_async (RushesSecretStore   *store,
                     const char          *provider_id,
                     RushesSecretKind     kind,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  fail_async (store, callback, user_data);
}

static gboolean
failing_boolean_finish (RushesSecretStore  *store,
                        GAsyncResult       *result,
                        GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_failing_store_iface_init (RushesSecretStoreInterface *iface)
{
  iface->lookup_async = failing_lookup_async;
  iface->lookup_finish = failing_lookup_finish;
  iface->store_async = failing_store_async;
  iface->store_finish = failing_boolean_finish;
  iface->clear_async = failing_clear_async;
  iface->clear_finish = failing_boolean_finish;
}

static void
test_failing_store_class_init (TestFailingStoreClass *klass)
{
}

static void
test_failing_store_init (TestFailingStore *self)
{
}

/* Helpers */

static char *
lookup_now (RushesSecretStore  *store,
            RushesSecretKind    kind,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_secret_store_lookup_async (store, "wiro", kind, NULL, rushes_test_store_result_cb, &result);
  return rushes_secret_store_lookup_finish (store, rushes_test_await (&result), error);
}

static gboolean
store_now (RushesSecretStore  *store,
           RushesSecretKind    kind,
           const char         *secret,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_secret_store_store_async (store, "wiro", kind, secret, NULL, rushes_test_store_result_cb, &result);
  return rushes_secret_store_store_finish (store, rushes_test_await (&result), error);
}

static gboolean
clear_now (RushesSecretStore  *store,
           RushesSecretKind    kind,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_secret_store_clear_async (store, "wiro", kind, NULL, rushes_test_store_result_cb, &result);
  return rushes_secret_store_clear_finish (store, rushes_test_await (&result), error);
}

typedef void (*AppTestFunc) (RushesApplication *app);

static RushesSecretStore *test_store;

static void
run_test_cb (GApplication *application,
             gpointer      user_data)
{
  AppTestFunc func = user_data;
  GtkWindow *window;
  GList *windows;

  func (RUSHES_APPLICATION (application));

  /* Preferences and its dialogs are not application windows. */
  while ((window = rushes_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (window);
  while ((window = rushes_test_find_toplevel (RUSHES_TYPE_PREFERENCES_WINDOW)) != NULL)
    gtk_window_destroy (window);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));

  g_application_quit (application);
}

/* Runs @func in the real application, its keys in @store (the keyring's
 * place), then quits and checks nothing leaked. */
static void
run_app_test (AppTestFunc        func,
              RushesSecretStore *store)
{
  RushesApplication *app;

  rushes_test_init_system_data ();
  app = rushes_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  rushes_application_set_secret_store (app, store);
  g_signal_connect_after (app, "startup", G_CALLBACK (rushes_test_add_icon_theme_path), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_test_cb), func);

  test_store = store;
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  test_store = NULL;
  g_assert_finalize_object (app);
}

static RushesPreferencesWindow *
open_preferences_at (RushesApplication *app,
                     const char        *page)
{
  RushesPreferencesWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = rushes_test_find_toplevel (RUSHES_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);

  return preferences;
}

static RushesPreferencesWindow *
open_preferences (RushesApplication *app)
{
  return open_preferences_at (app, "accounts");
}

static AdwPreferencesGroup *
find_account (RushesPreferencesWindow *preferences,
              const char              *provider_id)
{
  GtkWidget *group = rushes_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_WIDGET, provider_id);

  g_assert_true (RUSHES_IS_ACCOUNT_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
find_in_account (AdwPreferencesGroup *group,
                 const char          *name)
{
  GtkWidget *widget = rushes_test_find_widget (GTK_WIDGET (group), GTK_TYPE_WIDGET, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
status_is (AdwPreferencesGroup *group,
           const char          *status)
{
  return g_strcmp0 (adw_preferences_group_get_description (group), status) == 0;
}

typedef struct
{
  AdwPreferencesGroup *group;
  const char          *status;
} StatusWait;

static gboolean
status_shown (gpointer data)
{
  StatusWait *wait = data;

  return status_is (wait->group, wait->status);
}

/* Until the account's status line reads @status_, a string literal. */
#define wait_for_status(group_, status_) \
  G_STMT_START { \
    StatusWait wait_ = { (group_), (status_) }; \
    rushes_test_wait_until (status_shown, &wait_, "the account says “" status_ "”"); \
  } G_STMT_END

static gboolean
dialog_open (gpointer data)
{
  return rushes_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return !dialog_open (data);
}

static void
apply_text (GtkWidget  *row,
            const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* The way a user answers: through the dialog's button. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  g_autoptr(GPtrArray) buttons = rushes_test_find_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      {
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
        return;
      }

  g_error ("No %s button in the dialog", label);
}

/* Every key of the schema, as it is now. */
static GHashTable *
settings_snapshot (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_variant_unref);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_insert (snapshot, g_strdup (keys[i]), g_settings_get_value (settings, keys[i]));

  return snapshot;
}

static void
assert_settings_unchanged (GSettings  *settings,
                           GHashTable *before)
{
  g_autoptr(GHashTable) after = settings_snapshot (settings);
  GHashTableIter iter;
  const char *key;
  GVariant *value;

  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
    {
      g_autofree char *printed = g_variant_print (g_hash_table_lookup (after, key), FALSE);

      g_assert_true (g_variant_equal (value, g_hash_table_lookup (after, key)));
      g_assert_null (strstr (printed, TEST_KEY));
      g_assert_null (strstr (printed, TEST_SECRET));
    }
}

/* Files may hold NUL bytes: no string search. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

static guint
scan_for_secrets (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return 0;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          if (contains_bytes (contents, length, TEST_KEY) ||
              contains_bytes (contents, length, TEST_SECRET))
            g_error ("A secret was written to %s", path);
        }
      return 1;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n_files += scan_for_secrets (child);
    }

  return n_files;
}

static void
assert_no_secret_in_files (void)
{
  const char *dirs[] = {
    g_get_home_dir (),
    g_get_user_config_dir (),
    g_get_user_data_dir (),
    g_get_user_cache_dir (),
    g_get_user_state_dir (),
    g_get_user_runtime_dir (),
  };
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    n_files += scan_for_secrets (dirs[i]);

  g_test_message ("Scanned %u files for the secrets", n_files);
}

/* Tests */

static void
store_key_in_app (RushesApplication *app)
{
  GSettings *settings = rushes_engine_get_settings (rushes_application_get_engine (app));
  g_autoptr(GHashTable) before = settings_snapshot (settings);
  RushesPreferencesWindow *preferences = open_preferences (app);
  AdwPreferencesGroup *wiro = find_account (preferences, "wiro");
  GtkWidget *key_row = find_in_account (wiro, "api-key");
  GtkWidget *secret_row = find_in_account (wiro, "api-secret");
  GtkWidget *remove = find_in_account (wiro, "remove");
  g_autofree char *stored_key = NULL;
  g_autofree char *stored_secret = NULL;
  g_autofree char *seen_by_engine = NULL;

  wait_for_status (wiro, "Not set");
  g_assert_false (gtk_widget_get_sensitive (remove));
  g_assert_true (gtk_widget_get_visible (secret_row));

  apply_text (key_row, "  " TEST_KEY "\n");
  wait_for_status (wiro, "Stored in the keyring");
  /* The entry lets go of the key once it is stored. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (remove));

  apply_text (secret_row, TEST_SECRET);
  wait_for_status (wiro, "Stored in the keyring, with the API secret");

  /* In the store the application was given, trimmed … */
  stored_key = lookup_now (test_store, RUSHES_SECRET_API_KEY, NULL);
  stored_secret = lookup_now (test_store, RUSHES_SECRET_API_SECRET, NULL);
  g_assert_cmpstr (stored_key, ==, TEST_KEY);
  g_assert_cmpstr (stored_secret, ==, TEST_SECRET);
  seen_by_engine = lookup_now (rushes_engine_get_secret_store (rushes_application_get_engine (app)), RUSHES_SECRET_API_KEY, NULL);
  g_assert_cmpstr (seen_by_engine, ==, TEST_KEY);

  /* … and nowhere else. */
  assert_settings_unchanged (settings, before);
  assert_no_secret_in_files ();
}

static void
test_store_key (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  run_app_test (store_key_in_app, store);
}

static void
env_key_in_app (RushesApplication *app)
{
  RushesPreferencesWindow *preferences = open_preferences (app);
  AdwPreferencesGroup *wiro = find_account (preferences, "wiro");

  wait_for_status (wiro, "Set by RUSHES_WIRO_API_KEY (overrides the keyring)");
  g_assert_null (strstr (adw_preferences_group_get_description (wiro), "env-key"));
  /* Nothing in the keyring to remove; the environment is not ours to clear. */
  g_assert_false (gtk_widget_get_sensitive (find_in_account (wiro, "remove")));
}

static void
test_env_key (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  g_setenv ("RUSHES_WIRO_API_KEY", "env-key-0123456789", TRUE);
  run_app_test (env_key_in_app, store);
  g_setenv ("RUSHES_WIRO_API_KEY", "", TRUE);
}

static void
endpoint_in_app (RushesApplication *app)
{
  GSettings *settings = rushes_engine_get_settings (rushes_application_get_engine (app));
  RushesConfig *config = rushes_engine_get_config (rushes_application_get_engine (app));
  RushesPreferencesWindow *preferences = open_preferences (app);
  AdwPreferencesGroup *wiro = find_account (preferences, "wiro");
  GtkWidget *advanced = find_in_account (wiro, "advanced");
  GtkWidget *endpoint = find_in_account (wiro, "endpoint");
  GtkWidget *socket = find_in_account (wiro, "socket-endpoint");
  AdwActionRow *hint = ADW_ACTION_ROW (find_in_account (wiro, "endpoint-hint"));
  g_autofree char *default_hint = g_strdup (adw_action_row_get_subtitle (hint));
  g_autofree char *saved = NULL;

  g_assert_true (gtk_widget_get_visible (advanced));
  g_assert_true (gtk_widget_get_visible (socket));
  g_assert_nonnull (strstr (default_hint, "https://api.wiro.ai/v1"));

  /* Plain http to another host would send the key in the clear. */
  apply_text (endpoint, "http://gateway.example.com/v1");
  g_assert_true (gtk_widget_has_css_class (endpoint, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (hint), "loopback"));
  saved = g_settings_get_string (settings, "wiro-base-url");
  g_assert_cmpstr (saved, ==, "");
  g_clear_pointer (&saved, g_free);

  apply_text (endpoint, "not a url");
  g_assert_true (gtk_widget_has_css_class (endpoint, "error"));
  saved = g_settings_get_string (settings, "wiro-base-url");
  g_assert_cmpstr (saved, ==, "");
  g_clear_pointer (&saved, g_free);

  /* A local gateway is fine, and the engine uses it at once. */
  apply_text (endpoint, "http://127.0.0.1:8080/v1");
  g_assert_false (gtk_widget_has_css_class (endpoint, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (hint), ==, default_hint);
  saved = g_settings_get_string (settings, "wiro-base-url");
  g_assert_cmpstr (saved, ==, "http://127.0.0.1:8080/v1");
  g_clear_pointer (&saved, g_free);
  g_assert_cmpstr (rushes_config_get_base_url (config, "wiro"), ==, "http://127.0.0.1:8080/v1");

  apply_text (socket, "ws://socket.example.com/v1");
  g_assert_true (gtk_widget_has_css_class (socket, "error"));
  saved = g_settings_get_string (settings, "wiro-socket-url");
  g_assert_cmpstr (saved, ==, "");
  g_clear_pointer (&saved, g_free);

  apply_text (socket, "wss://gateway.example.com/socket");
  g_assert_false (gtk_widget_has_css_class (socket, "error"));
  saved = g_settings_get_string (settings, "wiro-socket-url");
  g_assert_cmpstr (saved, ==, "wss://gateway.example.com/socket");
  g_clear_pointer (&saved, g_free);

  /* Emptying the row goes back to the default endpoint. */
  apply_text (endpoint, "");
  saved = g_settings_get_string (settings, "wiro-base-url");
  g_assert_cmpstr (saved, ==, "");
  g_assert_cmpstr (rushes_config_get_base_url (config, "wiro"), ==, "https://api.wiro.ai/v1");

  g_settings_reset (settings, "wiro-socket-url");
}

static void
test_endpoint (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  run_app_test (endpoint_in_app, store);
}

static void
session_only_in_app (RushesApplication *app)
{
  GSettings *settings = rushes_engine_get_settings (rushes_application_get_engine (app));
  g_autoptr(GHashTable) before = settings_snapshot (settings);
  RushesPreferencesWindow *preferences = open_preferences (app);
  AdwPreferencesGroup *wiro = find_account (preferences, "wiro");
  GtkWidget *key_row = find_in_account (wiro, "api-key");
  RushesSecretStore *secrets = rushes_engine_get_secret_store (rushes_application_get_engine (app));
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  wait_for_status (wiro, "The keyring is not available");

  /* Declined: nothing is kept anywhere. */
  apply_text (key_row, TEST_KEY);
  rushes_test_wait_until (dialog_open, NULL, "a dialog asks");
  dialog = rushes_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (preferences));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "No Keyring Available");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "for this session only"));
  click_response (dialog, "_Cancel");
  rushes_test_wait_until (dialog_closed, NULL, "the dialog is answered");
  key = lookup_now (secrets, RUSHES_SECRET_API_KEY, &error);
  g_assert_null (key);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_true (status_is (wiro, "The keyring is not available"));

  /* Accepted: kept in memory for this run, the engine sees it. */
  apply_text (key_row, TEST_KEY);
  rushes_test_wait_until (dialog_open, NULL, "a dialog asks");
  click_response (rushes_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "_Keep for This Session");
  rushes_test_wait_until (dialog_closed, NULL, "the dialog is answered");
  wait_for_status (wiro, "Kept for this session only");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  key = lookup_now (secrets, RUSHES_SECRET_API_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, TEST_KEY);
  g_clear_pointer (&key, g_free);
  g_assert_cmpuint (TEST_FAILING_STORE (test_store)->n_store_calls, ==, 2);
  g_assert_true (gtk_widget_get_sensitive (find_in_account (wiro, "remove")));

  assert_settings_unchanged (settings, before);
  assert_no_secret_in_files ();

  /* Remove forgets it, though the keyring still cannot be reached. */
  gtk_widget_activate_action (GTK_WIDGET (wiro), "account.remove", NULL);
  wait_for_status (wiro, "The keyring is not available");
  key = lookup_now (secrets, RUSHES_SECRET_API_KEY, &error);
  g_assert_null (key);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
}

static void
keyring_untouched_in_app (RushesApplication *app)
{
  TestFailingStore *keyring = TEST_FAILING_STORE (test_store);
  GtkWindow *main_window = gtk_application_get_active_window (GTK_APPLICATION (app));
  RushesPreferencesWindow *preferences;
  AdwPreferencesGroup *wiro;
  guint n_lookups;

  /* The main window may read the keyring for itself: let it settle. */
  rushes_test_wait_for_frames (GTK_WIDGET (main_window), 5);
  n_lookups = keyring->n_lookup_calls;

  /* A locked keyring would ask for its password: not for the General page. */
  preferences = open_preferences_at (app, "general");
  wiro = find_account (preferences, "wiro");
  rushes_test_wait_for_frames (GTK_WIDGET (preferences), 5);
  g_assert_cmpuint (keyring->n_lookup_calls, ==, n_lookups);
  g_assert_true (status_is (wiro, "Checking the keyring…"));
  g_assert_false (gtk_widget_get_sensitive (find_in_account (wiro, "remove")));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "accounts");
  wait_for_status (wiro, "The keyring is not available");
  g_assert_cmpuint (keyring->n_lookup_calls, >, n_lookups);
}

static void
test_keyring_untouched (void)
{
  g_autoptr(RushesSecretStore) store = g_object_new (TEST_TYPE_FAILING_STORE, NULL);

  run_app_test (keyring_untouched_in_app, store);
}

static void
test_session_only (void)
{
  g_autoptr(RushesSecretStore) store = g_object_new (TEST_TYPE_FAILING_STORE, NULL);

  run_app_test (session_only_in_app, store);
}

static void
remove_in_app (RushesApplication *app)
{
  RushesPreferencesWindow *preferences = open_preferences (app);
  AdwPreferencesGroup *wiro = find_account (preferences, "wiro");
  GtkWidget *remove = find_in_account (wiro, "remove");
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;

  wait_for_status (wiro, "Stored in the keyring, with the API secret");
  g_assert_true (gtk_widget_get_sensitive (remove));
  /* The page says where the key is, never what it is. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_in_account (wiro, "api-key"))), ==, "");

  gtk_widget_activate_action (GTK_WIDGET (wiro), "account.remove", NULL);
  wait_for_status (wiro, "Not set");
  g_assert_false (gtk_widget_get_sensitive (remove));

  key = lookup_now (test_store, RUSHES_SECRET_API_KEY, NULL);
  secret = lookup_now (test_store, RUSHES_SECRET_API_SECRET, NULL);
  g_assert_null (key);
  g_assert_null (secret);
}

static void
test_remove (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  g_assert_true (store_now (store, RUSHES_SECRET_API_KEY, TEST_KEY, NULL));
  g_assert_true (store_now (store, RUSHES_SECRET_API_SECRET, TEST_SECRET, NULL));
  run_app_test (remove_in_app, store);
}

static void
all_providers_in_app (RushesApplication *app)
{
  RushesPreferencesWindow *preferences = open_preferences (app);
  const char * const *ids = rushes_provider_list_ids ();
  g_autoptr(GPtrArray) groups = rushes_test_find_widgets (GTK_WIDGET (preferences), RUSHES_TYPE_ACCOUNT_GROUP);
  guint n_with_key = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      AdwPreferencesGroup *group;

      /* Nothing to set up for a provider without keys (the Sandbox). */
      if (!rushes_provider_id_needs_key (ids[i]))
        {
          g_assert_null (rushes_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_WIDGET, ids[i]));
          continue;
        }

      n_with_key++;
      group = find_account (preferences, ids[i]);

      g_assert_cmpstr (adw_preferences_group_get_title (group), ==, rushes_provider_id_get_name (ids[i]));
      g_assert_cmpint (gtk_widget_get_visible (find_in_account (group, "api-secret")), ==,
                       rushes_provider_id_uses_secret (ids[i]));
      /* Test only where the provider has a free request without effect
       * (Wiro's Tool/Detail). */
      g_assert_cmpint (gtk_widget_get_visible (find_in_account (group, "test")), ==,
                       g_str_equal (ids[i], "wiro"));
      wait_for_status (group, "Not set");
    }

  g_assert_cmpuint (groups->len, ==, n_with_key);
}

static void
test_all_providers (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  run_app_test (all_providers_in_app, store);
}

static guint
string_position (GListModel *items,
                 const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        return i;
    }

  return G_MAXUINT;
}

static void
general_in_app (RushesApplication *app)
{
  GSettings *settings = rushes_engine_get_settings (rushes_application_get_engine (app));
  RushesModelCatalog *catalog = rushes_engine_get_catalog (rushes_application_get_engine (app));
  RushesPreferencesWindow *preferences = open_preferences_at (app, "general");
  AdwComboRow *models = ADW_COMBO_ROW (rushes_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_WIDGET, "default-model"));
  AdwActionRow *folder = ADW_ACTION_ROW (rushes_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_WIDGET, "export-folder"));
  GtkWidget *reset = rushes_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_WIDGET, "reset-export-folder");
  g_autofree char *value = NULL;
  const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);
  g_autofree char *default_folder = videos ? g_path_get_basename (videos) : g_strdup ("Videos");
  g_autofree char *clips = g_build_filename (g_get_home_dir (), "Clips", NULL);

  /* Empty means automatic. */
  g_assert_cmpuint (adw_combo_row_get_selected (models), ==, 0);
  g_assert_cmpuint (string_position (adw_combo_row_get_model (models), "Automatic"), ==, 0);

  /* Every current model, named after its provider; retired ones only
   * when they are the setting. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const char *provider = rushes_provider_id_get_name (rushes_model_get_provider_id (model));
      g_autofree char *label = NULL;
      guint position;

      if (provider == NULL)
        provider = rushes_model_get_provider_id (model);

      if (rushes_model_get_retired (model))
        {
          label = g_strdup_printf ("%s — %s (retired)", provider, rushes_model_get_name (model));
          g_assert_cmpuint (string_position (adw_combo_row_get_model (models), label), ==, G_MAXUINT);
          g_settings_set_string (settings, "default-model", rushes_model_get_id (model));
          position = string_position (adw_combo_row_get_model (models), label);
          g_assert_cmpuint (position, !=, G_MAXUINT);
          g_assert_cmpuint (adw_combo_row_get_selected (models), ==, position);
          g_settings_reset (settings, "default-model");
        }
      else
        {
          label = g_strdup_printf ("%s — %s", provider, rushes_model_get_name (model));
          position = string_position (adw_combo_row_get_model (models), label);
          g_assert_cmpuint (position, !=, G_MAXUINT);
          adw_combo_row_set_selected (models, position);
          value = g_settings_get_string (settings, "default-model");
          g_assert_cmpstr (value, ==, rushes_model_get_id (model));
          g_clear_pointer (&value, g_free);
        }
    }

  /* A model that is gone still shows as the setting, until changed. */
  g_settings_set_string (settings, "default-model", "user/gone");
  g_assert_cmpuint (adw_combo_row_get_selected (models), ==,
                    string_position (adw_combo_row_get_model (models), "user/gone"));
  adw_combo_row_set_selected (models, 0);
  value = g_settings_get_string (settings, "default-model");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  /* Export folder: its name, and a way back to the default. */
  g_assert_cmpstr (adw_action_row_get_subtitle (folder), ==, default_folder);
  g_assert_false (gtk_widget_get_visible (reset));
  g_settings_set_string (settings, "export-folder", clips);
  g_assert_cmpstr (adw_action_row_get_subtitle (folder), ==, "Clips");
  g_assert_true (gtk_widget_get_visible (reset));
  gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.reset-export-folder", NULL);
  value = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (value, ==, "");
  g_assert_cmpstr (adw_action_row_get_subtitle (folder), ==, default_folder);
}

static void
test_general (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  run_app_test (general_in_app, store);
}

static gboolean
button_is_icon_only (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  return gtk_button_get_label (button) == NULL &&
         (gtk_button_get_icon_name (button) != NULL || GTK_IS_IMAGE (child));
}

static void
labelled_in_app (RushesApplication *app)
{
  RushesPreferencesWindow *preferences = open_preferences (app);
  g_autoptr(GPtrArray) buttons = rushes_test_find_widgets (GTK_WIDGET (preferences), GTK_TYPE_BUTTON);
  guint n_icon_only = 0;

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      /* GTK labels its own window buttons for screen readers, and a spin
       * button's steppers belong to the spin button, which is labelled. */
      if (!button_is_icon_only (GTK_BUTTON (button)) ||
          gtk_widget_get_ancestor (button, GTK_TYPE_WINDOW_CONTROLS) != NULL ||
          gtk_widget_get_ancestor (button, GTK_TYPE_SPIN_BUTTON) != NULL)
        continue;

      g_test_message ("Icon-only button %s: “%s”", gtk_button_get_icon_name (GTK_BUTTON (button)),
                      gtk_widget_get_tooltip_text (button));

      n_icon_only++;
      if (gtk_widget_get_tooltip_text (button) == NULL)
        g_error ("Icon-only button %s (%s) in %s has no tooltip",
                 gtk_widget_get_name (button), gtk_button_get_icon_name (GTK_BUTTON (button)),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (button)));
    }

  g_assert_cmpuint (n_icon_only, >=, 2);
}

static void
test_labelled (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  run_app_test (labelled_in_app, store);
}

/* No account still says it is looking at the keyring. */
static gboolean
accounts_checked (gpointer data)
{
  g_autoptr(GPtrArray) groups = rushes_test_find_widgets (GTK_WIDGET (data), RUSHES_TYPE_ACCOUNT_GROUP);

  for (guint i = 0; i < groups->len; i++)
    if (status_is (groups->pdata[i], "Checking the keyring…"))
      return FALSE;

  return groups->len > 0;
}

static void
render_page (RushesPreferencesWindow *preferences,
             const char              *page,
             const char              *file_name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  int width, height;
  gsize stride;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  if (g_str_equal (page, "accounts"))
    rushes_test_wait_until (accounts_checked, preferences, "every account's status line is filled in");
  /* Past the page transition. */
  rushes_test_wait_for_frames (GTK_WIDGET (preferences), 30);

  width = gtk_widget_get_width (GTK_WIDGET (preferences));
  height = gtk_widget_get_height (GTK_WIDGET (preferences));

  paintable = gtk_widget_paintable_new (GTK_WIDGET (preferences));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (preferences)), node, NULL);
  path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered the %s page to %s", page, path);

  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    {
      guint32 pixel;

      memcpy (&pixel, pixels + i, sizeof pixel);
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
    }
  g_assert_cmpuint (g_hash_table_size (colours), >, 32);
}

static void
renders_in_app (RushesApplication *app)
{
  RushesPreferencesWindow *preferences = open_preferences (app);
  AdwPreferencesGroup *wiro;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (preferences), &width, &height);
  rushes_test_wait_for_frames (GTK_WIDGET (preferences), 3);

  /* At its default size, nothing in it asks for more room: no page is
   * wider than the window, and the window kept the size it asked for. */
  for (const char *page = "general"; page != NULL; page = g_str_equal (page, "general") ? "accounts" : NULL)
    {
      int minimum;

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
      gtk_widget_measure (GTK_WIDGET (preferences), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, width);
      gtk_widget_measure (GTK_WIDGET (preferences), GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, height);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (preferences)), <=, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (preferences)), <=, height);

  render_page (preferences, "accounts", "preferences-accounts.png");
  render_page (preferences, "general", "preferences-general.png");

  /* The endpoint override open, with a refused value explained. */
  wiro = find_account (preferences, "wiro");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_in_account (wiro, "advanced")), TRUE);
  apply_text (find_in_account (wiro, "endpoint"), "http://gateway.example.com/v1");
  render_page (preferences, "accounts", "preferences-accounts-endpoint.png");
}

static void
test_renders (void)
{
  g_autoptr(RushesSecretStore) store = rushes_memory_secret_store_new ();

  g_assert_true (store_now (store, RUSHES_SECRET_API_KEY, TEST_KEY, NULL));
  run_app_test (renders_in_app, store);
}

/* The session layer on its own. */

static void
test_session_store_layers (void)
{
  g_autoptr(RushesSecretStore) keyring = rushes_memory_secret_store_new ();
  g_autoptr(RushesSecretStore) store = rushes_session_secret_store_new (keyring);
  RushesSessionSecretStore *session = RUSHES_SESSION_SECRET_STORE (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  /* Stored through it: in the keyring, not the session layer. */
  g_assert_true (store_now (store, RUSHES_SECRET_API_KEY, TEST_KEY, &error));
  g_assert_no_error (error);
  value = lookup_now (keyring, RUSHES_SECRET_API_KEY, NULL);
  g_assert_cmpstr (value, ==, TEST_KEY);
  g_clear_pointer (&value, g_free);
  g_assert_false (rushes_session_secret_store_has_session_secret (session, "wiro", RUSHES_SECRET_API_KEY));

  /* A session secret shadows the keyring and never reaches it. */
  rushes_session_secret_store_store_for_session (session, "wiro", RUSHES_SECRET_API_KEY, "session-value");
  g_assert_true (rushes_session_secret_store_has_session_secret (session, "wiro", RUSHES_SECRET_API_KEY));
  value = lookup_now (store, RUSHES_SECRET_API_KEY, NULL);
  g_assert_cmpstr (value, ==, "session-value");
  g_clear_pointer (&value, g_free);
  value = lookup_now (keyring, RUSHES_SECRET_API_KEY, NULL);
  g_assert_cmpstr (value, ==, TEST_KEY);
  g_clear_pointer (&value, g_free);

  /* Storing again replaces the session copy. */
  g_assert_true (store_now (store, RUSHES_SECRET_API_KEY, "new-value", NULL));
  g_assert_false (rushes_session_secret_store_has_session_secret (session, "wiro", RUSHES_SECRET_API_KEY));
  value = lookup_now (store, RUSHES_SECRET_API_KEY, NULL);
  g_assert_cmpstr (value, ==, "new-value");
  g_clear_pointer (&value, g_free);

  /* Clearing clears both layers. */
  rushes_session_secret_store_store_for_session (session, "wiro", RUSHES_SECRET_API_KEY, "session-value");
  g_assert_true (clear_now (store, RUSHES_SECRET_API_KEY, NULL));
  value = lookup_now (store, RUSHES_SECRET_API_KEY, NULL);
  g_assert_null (value);
  value = lookup_now (keyring, RUSHES_SECRET_API_KEY, NULL);
  g_assert_null (value);

  g_clear_object (&store);
  g_assert_finalize_object (g_steal_pointer (&keyring));
}

static void
count_changed_cb (RushesSecretStore *store,
                  const char        *provider_id,
                  RushesSecretKind   kind,
                  guint             *n_changed)
{
  g_assert_cmpstr (provider_id, ==, "wiro");
  (*n_changed)++;
}

static void
test_session_store_without_keyring (void)
{
  g_autoptr(RushesSecretStore) keyring = g_object_new (TEST_TYPE_FAILING_STORE, NULL);
  g_autoptr(RushesSecretStore) store = rushes_session_secret_store_new (keyring);
  RushesSessionSecretStore *session = RUSHES_SESSION_SECRET_STORE (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  guint n_changed = 0;

  g_signal_connect (store, "changed::wiro", G_CALLBACK (count_changed_cb), &n_changed);

  g_assert_false (store_now (store, RUSHES_SECRET_API_KEY, TEST_KEY, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpuint (n_changed, ==, 0);

  rushes_session_secret_store_store_for_session (session, "wiro", RUSHES_SECRET_API_KEY, TEST_KEY);
  g_assert_cmpuint (n_changed, ==, 1);
  value = lookup_now (store, RUSHES_SECRET_API_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, TEST_KEY);
  g_clear_pointer (&value, g_free);

  /* Forgetting a session secret works without a keyring … */
  g_assert_true (clear_now (store, RUSHES_SECRET_API_KEY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);
  value = lookup_now (store, RUSHES_SECRET_API_KEY, &error);
  g_assert_null (value);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_clear_error (&error);

  /* … but with nothing in the session there is nothing it could clear. */
  g_assert_false (clear_now (store, RUSHES_SECRET_API_KEY, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_cmpuint (n_changed, ==, 2);

  g_clear_object (&store);
  g_assert_finalize_object (g_steal_pointer (&keyring));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/session-secret-store/layers", test_session_store_layers);
  g_test_add_func ("/rushes/session-secret-store/without-keyring", test_session_store_without_keyring);
  g_test_add_func ("/rushes/preferences/store-key", test_store_key);
  g_test_add_func ("/rushes/preferences/env-key", test_env_key);
  g_test_add_func ("/rushes/preferences/endpoint", test_endpoint);
  g_test_add_func ("/rushes/preferences/session-only", test_session_only);
  g_test_add_func ("/rushes/preferences/keyring-untouched", test_keyring_untouched);
  g_test_add_func ("/rushes/preferences/remove", test_remove);
  g_test_add_func ("/rushes/preferences/all-providers", test_all_providers);
  g_test_add_func ("/rushes/preferences/general", test_general);
  g_test_add_func ("/rushes/preferences/labelled", test_labelled);
  g_test_add_func ("/rushes/preferences/renders", test_renders);

  return g_test_run ();
}
