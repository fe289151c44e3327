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

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "rushes-providers.h"
#include "rushes-application.h"
#include "rushes-test-utils.h"
#include "rushes-window.h"

typedef void (*AppTestFunc) (RushesApplication *app);

static void
run_test_cb (GApplication *application,
             gpointer      user_data)
{
  AppTestFunc func = user_data;

  GList *windows;

  func (RUSHES_APPLICATION (application));

  /* Each window holds a reference on the application. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));

  g_application_quit (application);
}

/* Runs @func once the application has started and shown its window, the
 * way a user starts Rushes, then quits and checks nothing leaked. */
static void
run_app_test (AppTestFunc func)
{
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  RushesApplication *app;

  rushes_test_init_system_data ();
  app = rushes_application_new ();
  /* Not the keyring: a lookup would start one on the test's bus. */
  rushes_application_set_secret_store (app, secrets);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "startup", G_CALLBACK (rushes_test_add_icon_theme_path), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_test_cb), func);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_finalize_object (app);
}

static void
destroy_toplevel (GType type)
{
  GtkWindow *window = rushes_test_find_toplevel (type);

  g_assert_nonnull (window);
  gtk_window_destroy (window);
}

static void
window_layout (RushesApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char *panes[] = { "composer-pane", "tasks-pane", "preview-pane" };

  g_assert_true (RUSHES_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Rushes");

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    g_assert_nonnull (rushes_test_find_widget (GTK_WIDGET (window), GTK_TYPE_WIDGET, panes[i]));

  g_assert_nonnull (rushes_test_find_widget (rushes_test_find_widget (GTK_WIDGET (window), GTK_TYPE_WIDGET, "composer-pane"),
                                             RUSHES_TYPE_COMPOSER, NULL));
  /* An empty library and no clip to play: those panes say what they are for. */
  g_assert_nonnull (rushes_test_find_widget (rushes_test_find_widget (GTK_WIDGET (window), GTK_TYPE_WIDGET, "tasks-pane"),
                                             ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_nonnull (rushes_test_find_widget (rushes_test_find_widget (GTK_WIDGET (window), GTK_TYPE_WIDGET, "preview-pane"),
                                             ADW_TYPE_STATUS_PAGE, NULL));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
}

static void
window_accels (RushesApplication *app)
{
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_auto(GStrv) prefs = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");

  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) prefs, "<Control>comma"));
}

static void
window_preferences (RushesApplication *app)
{
  GSettings *settings = rushes_engine_get_settings (rushes_application_get_engine (app));
  GtkWindow *main_window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *preferences = NULL;
  GtkSwitch *notifications;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = rushes_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);

  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == main_window);

  /* The switch writes straight to GSettings. */
  notifications = GTK_SWITCH (rushes_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SWITCH, NULL));
  g_assert_nonnull (notifications);
  g_assert_true (gtk_switch_get_active (notifications));
  gtk_switch_set_active (notifications, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notifications"));
  g_settings_reset (settings, "notifications");

  destroy_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
}

static void
window_about (RushesApplication *app)
{
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = rushes_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  /* The icon comes from the app's own resources: it must resolve. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          APPLICATION_ID));

  destroy_toplevel (ADW_TYPE_ABOUT_WINDOW);
}

static void
window_state_saved (RushesApplication *app)
{
  GSettings *settings = rushes_engine_get_settings (rushes_application_get_engine (app));
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_close (window);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window comes back at the saved size. */
  window = GTK_WINDOW (rushes_window_new (GTK_APPLICATION (app), rushes_application_get_engine (app),
                                        rushes_application_get_thumbnail_queue (app)));
  {
    int width, height;

    gtk_window_get_default_size (window, &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 700);
  }

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");}

static void
window_renders (RushesApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int width, height;
  gsize stride;

  gtk_window_set_default_size (window, 1280, 800);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  g_assert_cmpint (width, >=, 800);
  g_assert_cmpint (height, >=, 600);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  path = g_test_build_filename (G_TEST_BUILT, "main-window.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered the main window to %s", path);

  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* A blank or broken render has one or two colours; the real frame has
   * text, icons and pane backgrounds. */
  for (gsize i = 0; i < stride * height; i += 4)
    {
      guint32 pixel;

      memcpy (&pixel, pixels + i, sizeof pixel);
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
    }
  g_assert_cmpuint (g_hash_table_size (colours), >, 32);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_data_func ("/rushes/window/layout", window_layout, (GTestDataFunc) run_app_test);
  g_test_add_data_func ("/rushes/window/accels", window_accels, (GTestDataFunc) run_app_test);
  g_test_add_data_func ("/rushes/window/preferences", window_preferences, (GTestDataFunc) run_app_test);
  g_test_add_data_func ("/rushes/window/about", window_about, (GTestDataFunc) run_app_test);
  g_test_add_data_func ("/rushes/window/state-saved", window_state_saved, (GTestDataFunc) run_app_test);
  g_test_add_data_func ("/rushes/window/renders", window_renders, (GTestDataFunc) run_app_test);

  return g_test_run ();
}
