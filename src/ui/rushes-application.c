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

#define G_LOG_DOMAIN "rushes-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "rushes-application.h"
#include "rushes-preferences-window.h"
#include "rushes-providers.h"
#include "rushes-session-secret-store.h"
#include "rushes-window.h"

struct _RushesApplication
{
  AdwApplication      parent_instance;

  /* Owned */
  GSettings            *settings;
  RushesSecretStore    *secrets;          /* set by tests before startup */
  RushesEngine         *engine;
  RushesThumbnailQueue *thumbnails;
  GCancellable         *cancellable;
  GQueue                fetch_queue;      /* RushesTask: succeeded, its video to fetch again */
  GHashTable           *fetching;         /* ids of those being fetched now */
  guint                 held : 1;         /* held while tasks are followed */

  guint               sigterm_source;
  guint               sigint_source;
  guint               catalog_source;     /* the hourly look at the catalog's age */
};

G_DEFINE_FINAL_TYPE (RushesApplication, rushes_application, ADW_TYPE_APPLICATION)

/* The providers' live model listings are read again in the background
 * at most once a day: looked at every hour, so that a computer asleep
 * overnight catches up when it wakes. */
#define CATALOG_MAX_AGE     (24 * G_TIME_SPAN_HOUR)
#define CATALOG_CHECK_EVERY (60 * 60)

static void task_ended_cb          (RushesApplication *self,
                                    RushesTask        *task,
                                    const GError      *error);
static void n_following_changed_cb (RushesApplication *self);

static const struct {
  const char *provider_id;
  const char *base_url_key;
  const char *socket_url_key;
} endpoint_settings[] = {
  { RUSHES_PROVIDER_WIRO, "wiro-base-url", "wiro-socket-url" },
  { RUSHES_PROVIDER_WAVESPEED, "wavespeed-base-url", NULL },
  { RUSHES_PROVIDER_APIXO, "apixo-base-url", NULL },
};

/* Endpoint overrides from Preferences apply unless the environment set
 * one: the environment is how tests and gateways pin an endpoint. */
static void
apply_endpoint_settings (RushesApplication *self)
{
  RushesConfig *config = rushes_engine_get_config (self->engine);
  g_autoptr(RushesConfig) defaults = rushes_config_new ();
  g_autoptr(RushesConfig) from_env = rushes_config_new_from_environment (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_settings); i++)
    {
      const char *id = endpoint_settings[i].provider_id;
      const char *keys[] = { endpoint_settings[i].base_url_key, endpoint_settings[i].socket_url_key };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *url = NULL;
          g_autoptr(GError) error = NULL;
          gboolean socket = k == 1;
          const char *env_url;
          const char *default_url;

          if (keys[k] == NULL)
            continue;

          default_url = socket ? rushes_config_get_socket_url (defaults, id) : rushes_config_get_base_url (defaults, id);
          if (from_env != NULL)
            {
              env_url = socket ? rushes_config_get_socket_url (from_env, id) : rushes_config_get_base_url (from_env, id);
              if (g_strcmp0 (env_url, default_url) != 0)
                continue;
            }

          url = g_settings_get_string (self->settings, keys[k]);
          if (url[0] == '\0')
            {
              g_free (url);
              url = g_strdup (default_url);
            }

          if (socket)
            rushes_config_set_socket_url (config, id, url, &error);
          else
            rushes_config_set_base_url (config, id, url, &error);

          if (error != NULL)
            g_debug ("Ignoring the %s endpoint setting: %s", id, error->message);
        }
    }
}

static void
endpoint_setting_changed_cb (RushesApplication *self,
                             const char        *key,
                             GSettings         *settings)
{
  if (g_str_has_suffix (key, "-url"))
    apply_endpoint_settings (self);
}

#define MAX_FETCHES 2

static void
fetch_next (RushesApplication *self)
{
  while (g_hash_table_size (self->fetching) < MAX_FETCHES &&
         !g_queue_is_empty (&self->fetch_queue) &&
         !g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(RushesTask) task = g_queue_pop_head (&self->fetch_queue);

      g_hash_table_add (self->fetching, g_strdup (rushes_task_get_id (task)));
      rushes_engine_follow (self->engine, task);
    }
}

static void
library_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RushesApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  GPtrArray *load_errors;

  if (!rushes_library_load_finish (RUSHES_LIBRARY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot load the library: %s", error->message);
      return;
    }

  /* A damaged task.json damages one task; say which, keep the rest. */
  load_errors = rushes_library_get_load_errors (RUSHES_LIBRARY (object));
  for (guint i = 0; load_errors != NULL && i < load_errors->len; i++)
    g_message ("%s", ((GError *) g_ptr_array_index (load_errors, i))->message);

  /* What was running when Rushes last stopped goes on: followed again,
   * never submitted again. (A cancelled load means shutdown, so @self is
   * still alive here: the application's cancellable guards it.) */
  /* rushes-cli may work on the same library while the app runs. */
  if (!rushes_library_watch (RUSHES_LIBRARY (object), &error))
    g_message ("Changes made by rushes-cli will show after a restart: %s", error->message);

  /* Clips whose video went missing are fetched a few at a time: a
   * library restored without its videos must not open thousands of
   * downloads (and files) at once. */
  unfinished = rushes_library_list_unfinished (RUSHES_LIBRARY (object));
  for (guint i = 0; i < unfinished->len; i++)
    {
      RushesTask *task = g_ptr_array_index (unfinished, i);

      if (rushes_task_get_state (task) == RUSHES_TASK_STATE_SUCCEEDED)
        g_queue_push_tail (&self->fetch_queue, g_object_ref (task));
      else
        rushes_engine_follow (self->engine, task);
    }
  fetch_next (self);
}

static gboolean
refresh_stale_catalog_cb (gpointer user_data)
{
  RushesApplication *self = user_data;
  GTimeSpan age = rushes_engine_get_catalog_age (self->engine);

  /* Never read (-1) or a day old; providers without a key are skipped. */
  if (age < 0 || age >= CATALOG_MAX_AGE)
    rushes_engine_refresh_catalog (self->engine);

  return G_SOURCE_CONTINUE;
}

static void
rushes_application_setup_engine (RushesApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesConfig) config = NULL;
  g_autoptr(RushesSecretStore) persistent = NULL;
  g_autoptr(RushesSecretStore) secrets = NULL;
  GPtrArray *catalog_errors;

  config = rushes_config_new_from_environment (&error);
  if (config == NULL)
    {
      g_message ("Ignoring the environment: %s", error->message);
      config = rushes_config_new ();
    }

  persistent = self->secrets != NULL ? g_object_ref (self->secrets) : rushes_libsecret_store_new ();
  /* Without a Secret Service, Preferences can keep a key for this run. */
  secrets = rushes_session_secret_store_new (persistent);

  rushes_providers_register_builtin ();
  self->engine = rushes_engine_new (config, secrets, self->settings);
  g_signal_connect_object (self->engine, "task-ended", G_CALLBACK (task_ended_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::n-following", G_CALLBACK (n_following_changed_cb), self,
                           G_CONNECT_SWAPPED);

  apply_endpoint_settings (self);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (endpoint_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Balances are read at start and after each paid run: Preferences and
   * the model picker show the last read. */
  rushes_balances_refresh (rushes_engine_get_balances (self->engine));

  /* Rushes starts from the cached listings; a stale one is read again
   * behind the user's back. */
  refresh_stale_catalog_cb (self);
  self->catalog_source = g_timeout_add_seconds (CATALOG_CHECK_EVERY, refresh_stale_catalog_cb, self);

  catalog_errors = rushes_model_catalog_get_load_errors (rushes_engine_get_catalog (self->engine));
  for (guint i = 0; catalog_errors != NULL && i < catalog_errors->len; i++)
    g_message ("%s", ((GError *) g_ptr_array_index (catalog_errors, i))->message);

  self->thumbnails = rushes_thumbnail_queue_new ();

  rushes_library_load_async (rushes_engine_get_library (self->engine), self->cancellable,
                             library_loaded_cb, self);
}

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  RushesApplication *self = user_data;

  g_debug ("Termination signal received, quitting");
  g_application_quit (G_APPLICATION (self));

  return G_SOURCE_CONTINUE;
}

static gboolean
window_is_focused (RushesApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return window != NULL && gtk_window_is_active (window);
}

/* Told when a task ends while nobody is looking at the window. */
static void
notify_task_ended (RushesApplication *self,
                   RushesTask        *task,
                   const GError      *error)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  const char *prompt = rushes_task_get_prompt (task);
  RushesTaskState state = rushes_task_get_state (task);

  if (window_is_focused (self) || !g_settings_get_boolean (self->settings, "notifications"))
    return;

  if (state == RUSHES_TASK_STATE_SUCCEEDED)
    notification = g_notification_new (_("Your Clip Is Ready"));
  else if (state == RUSHES_TASK_STATE_FAILED)
    notification = g_notification_new (_("Generation Failed"));
  else if (state == RUSHES_TASK_STATE_UNCERTAIN)
    notification = g_notification_new (_("Generation Needs a Check"));
  else
    return;

  if (error != NULL)
    g_notification_set_body (notification, error->message);
  else if (prompt != NULL)
    g_notification_set_body (notification, prompt);

  g_notification_set_default_action (notification, "app.activate");
  id = g_strconcat ("task-", rushes_task_get_id (task), NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
task_ended_cb (RushesApplication *self,
               RushesTask        *task,
               const GError      *error)
{
  gboolean fetched_again = g_hash_table_remove (self->fetching, rushes_task_get_id (task));

  /* Nobody was waiting for a video fetched again in the background. */
  if (!fetched_again)
    notify_task_ended (self, task, error);
  if (!fetched_again && rushes_provider_id_needs_key (rushes_task_get_provider_id (task)) &&
      rushes_task_get_remote_id (task) != NULL)
    rushes_balances_refresh (rushes_engine_get_balances (self->engine));
  if (rushes_task_get_state (task) == RUSHES_TASK_STATE_SUCCEEDED)
    rushes_thumbnail_queue_request (self->thumbnails, task);
  if (fetched_again)
    fetch_next (self);
}

/* The application stays alive while tasks are followed, even with no
 * window open. */
static void
n_following_changed_cb (RushesApplication *self)
{
  gboolean busy = rushes_engine_get_n_following (self->engine) > 0;

  if (busy && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!busy && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = busy;
}

static void
rushes_application_quit_now (RushesApplication *self)
{
  GList *windows;

  /* Stop following: the tasks go on at the providers and are picked up
   * again at the next start. */
  rushes_engine_stop_following (self->engine);

  /* Closing each window first lets it save its state (size, drafts). */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }

  g_application_quit (G_APPLICATION (self));
}

static void
quit_response_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  RushesApplication *self)
{
  if (g_str_equal (response, "quit"))
    rushes_application_quit_now (self);
}

static void
rushes_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  RushesApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  guint n_running = rushes_engine_get_n_following (self->engine);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (n_running == 0 || parent == NULL)
    {
      rushes_application_quit_now (self);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A generation is still running. It goes on at its provider, and Rushes downloads the video the next time it starts.",
                                       "%u generations are still running. They go on at their providers, and Rushes downloads the videos the next time it starts.",
                                       n_running),
                          n_running);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Quit While Generating?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Running"),
                                    "quit", _("_Quit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (quit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rushes_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  RushesApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Rushes authors", NULL };
  static const char *artists[] = { "The Rushes authors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Rushes"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Rushes authors"),
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_BUGREPORT,
                         "comments", _("Compose AI video generations, follow them live, preview the results and keep every clip you paid for."),
                         "copyright", "© 2026 The Rushes authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "artists", artists,
                         /* Translators: Replace "translator-credits" with your names, one name per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
rushes_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  RushesApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  RushesPreferencesWindow *preferences;

  preferences = rushes_preferences_window_new (parent, self->engine);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
rushes_application_activate_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "activate", rushes_application_activate_action },
  { "quit", rushes_application_quit_action },
  { "about", rushes_application_about_action },
  { "preferences", rushes_application_preferences_action },
};

static gint
rushes_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
rushes_application_startup (GApplication *application)
{
  RushesApplication *self = RUSHES_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rushes_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  rushes_application_setup_engine (self);

  self->sigterm_source = g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);
  self->sigint_source = g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
}

static void
rushes_application_shutdown (GApplication *application)
{
  RushesApplication *self = RUSHES_APPLICATION (application);

  g_clear_handle_id (&self->catalog_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    rushes_engine_stop_following (self->engine);
  if (self->thumbnails != NULL)
    rushes_thumbnail_queue_cancel (self->thumbnails);

  G_APPLICATION_CLASS (rushes_application_parent_class)->shutdown (application);
}

static void
rushes_application_activate (GApplication *application)
{
  RushesApplication *self = RUSHES_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (rushes_window_new (GTK_APPLICATION (self), self->engine, self->thumbnails));

  gtk_window_present (window);
}

static void
rushes_application_dispose (GObject *object)
{
  RushesApplication *self = RUSHES_APPLICATION (object);

  g_queue_clear_full (&self->fetch_queue, g_object_unref);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->engine);
  g_clear_object (&self->secrets);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rushes_application_parent_class)->dispose (object);
}

static void
rushes_application_finalize (GObject *object)
{
  RushesApplication *self = RUSHES_APPLICATION (object);

  g_clear_pointer (&self->fetching, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_application_parent_class)->finalize (object);
}

static void
rushes_application_class_init (RushesApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rushes_application_dispose;
  object_class->finalize = rushes_application_finalize;

  app_class->handle_local_options = rushes_application_handle_local_options;
  app_class->startup = rushes_application_startup;
  app_class->shutdown = rushes_application_shutdown;
  app_class->activate = rushes_application_activate;
}

static void
rushes_application_init (RushesApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (APPLICATION_ID_BASE);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->fetch_queue);
  self->fetching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

RushesApplication *
rushes_application_new (void)
{
  /* The resource base path stays the same for the .Devel id, so the
   * templates, CSS and icons are found under one prefix. */
  return g_object_new (RUSHES_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * rushes_application_get_engine:
 * @self: a #RushesApplication
 *
 * Returns: (transfer none) (nullable): the engine, from startup on
 */
RushesEngine *
rushes_application_get_engine (RushesApplication *self)
{
  g_return_val_if_fail (RUSHES_IS_APPLICATION (self), NULL);

  return self->engine;
}

/**
 * rushes_application_get_thumbnail_queue:
 * @self: a #RushesApplication
 *
 * Returns: (transfer none) (nullable): where poster frames are made, from
 *   startup on
 */
RushesThumbnailQueue *
rushes_application_get_thumbnail_queue (RushesApplication *self)
{
  g_return_val_if_fail (RUSHES_IS_APPLICATION (self), NULL);

  return self->thumbnails;
}

/**
 * rushes_application_set_secret_store:
 * @self: a #RushesApplication
 * @secrets: the store to use instead of the keyring
 *
 * Replaces the keyring, before the application starts; tests use a
 * memory store.
 */
void
rushes_application_set_secret_store (RushesApplication *self,
                                     RushesSecretStore *secrets)
{
  g_return_if_fail (RUSHES_IS_APPLICATION (self));
  g_return_if_fail (RUSHES_IS_SECRET_STORE (secrets));
  g_return_if_fail (self->engine == NULL);

  g_set_object (&self->secrets, secrets);
}
