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

#define G_LOG_DOMAIN "rushes-test-utils"

#include "config.h"

#include <adwaita.h>

#include "rushes-test-utils.h"

/**
 * rushes_test_init_system_data:
 *
 * G_TEST_OPTION_ISOLATE_DIRS points XDG_DATA_DIRS at empty folders that
 * are deleted after every test case, and GIO looks for no MIME data at
 * all in a test program. GdkPixbuf then cannot tell an SVG icon from
 * anything else. Point GIO at the system's MIME database; call it at the
 * start of each UI test case.
 */
void
rushes_test_init_system_data (void)
{
  const char *mime_dirs[] = { "/usr/share/mime", NULL };

  g_content_type_set_mime_dirs (mime_dirs);
}


/**
 * rushes_test_add_icon_theme_path:
 *
 * The isolated XDG_DATA_DIRS hide the system icon themes; add their
 * folder to the display's icon theme once, so that symbolic icons look
 * as they do for a user. Call it after GTK is initialised.
 */
void
rushes_test_add_icon_theme_path (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_auto(GStrv) paths = gtk_icon_theme_get_search_path (theme);

  if (!g_strv_contains ((const char * const *) paths, "/usr/share/icons"))
    gtk_icon_theme_add_search_path (theme, "/usr/share/icons");
}

/* Finders ---------------------------------------------------------------- */

/**
 * rushes_test_find_widget:
 * @root: where to start
 * @type: the type the widget has (%GTK_TYPE_WIDGET for any)
 * @name: (nullable): the widget's name (gtk_widget_set_name(), or the
 *   `name` property of a template), or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first widget of @type named
 *   @name, @root included
 */
GtkWidget *
rushes_test_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *name)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rushes_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/**
 * rushes_test_find_widgets:
 * @root: where to start
 * @type: the type (or interface) the widgets have
 *
 * Returns: (transfer container) (element-type GtkWidget): every widget of
 *   @type, @root included, in depth-first order; maybe empty
 */
GPtrArray *
rushes_test_find_widgets (GtkWidget *root,
                          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (root), found);

  collect_widgets (root, type, found);
  return found;
}

/**
 * rushes_test_find_with_action:
 * @root: where to start
 * @action_name: a detailed action name, such as `player.toggle-play`
 *
 * Returns: (transfer none) (nullable): the first actionable widget (a
 *   button, a toggle) bound to @action_name
 */
GtkWidget *
rushes_test_find_with_action (GtkWidget  *root,
                              const char *action_name)
{
  g_autoptr(GPtrArray) actionables = rushes_test_find_widgets (root, GTK_TYPE_ACTIONABLE);

  for (guint i = 0; i < actionables->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (actionables->pdata[i]), action_name) == 0)
      return actionables->pdata[i];

  return NULL;
}

/**
 * rushes_test_find_label:
 * @root: where to start
 * @prefix: how the label's text starts
 *
 * Only a label on screen counts: one on a stack page that is not shown,
 * or in a hidden row, is not what the user reads.
 *
 * Returns: (transfer none) (nullable): the first drawable #GtkLabel whose
 *   text starts with @prefix
 */
GtkWidget *
rushes_test_find_label (GtkWidget  *root,
                        const char *prefix)
{
  g_autoptr(GPtrArray) labels = rushes_test_find_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (labels->pdata[i]) &&
        g_str_has_prefix (gtk_label_get_label (labels->pdata[i]), prefix))
      return labels->pdata[i];

  return NULL;
}

/**
 * rushes_test_find_toplevel:
 * @type: a #GtkWindow type
 *
 * For the windows that are not the application's: dialogs, Preferences,
 * About.
 *
 * Returns: (transfer none) (nullable) (type GtkWindow): the first toplevel
 *   of @type
 */
gpointer
rushes_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* Frames ----------------------------------------------------------------- */

typedef struct
{
  guint frames;
  guint wanted;
} FrameCount;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  ((FrameCount *) user_data)->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  FrameCount *count = data;

  return count->frames >= count->wanted;
}

/**
 * rushes_test_wait_for_frames_at:
 * @widget: a widget on screen
 * @n_frames: how many frames to wait
 *
 * Use rushes_test_wait_for_frames(), which names its caller's place.
 *
 * Runs the main context until @widget's frame clock has ticked
 * @n_frames times: layout, allocations and a paint are done, whatever the
 * machine's speed. Fails like rushes_test_wait_until() when the frames
 * never come (a widget that is not mapped has no frame clock running).
 */
void
rushes_test_wait_for_frames_at (const char *domain,
                                const char *file,
                                int         line,
                                const char *func,
                                GtkWidget  *widget,
                                guint       n_frames)
{
  FrameCount count = { 0, n_frames };
  g_autofree char *what = g_strdup_printf ("%s has drawn %u frames", G_OBJECT_TYPE_NAME (widget), n_frames);
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, &count, NULL);

  rushes_test_wait_until_at (domain, file, line, func, RUSHES_TEST_WAIT_SECONDS, enough_frames, &count, what);
  gtk_widget_remove_tick_callback (widget, id);
}

/**
 * rushes_test_render_widget:
 * @widget: a widget on screen, laid out
 * @png_name: (nullable): a file name in the test's build folder to save
 *   the picture to, or %NULL
 *
 * Draws @widget as its window's renderer does, the way screenshots of
 * the app are taken.
 *
 * Returns: (transfer full): the picture
 */
GdkTexture *
rushes_test_render_widget (GtkWidget  *widget,
                           const char *png_name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);

  if (png_name != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, png_name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Rendered %s", path);
    }

  return texture;
}

/* A stand-in for the desktop's notification server, on the test's
 * private session bus: it records what the application sends. */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  GPtrArray *received = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (received, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", received->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "rushes-test", "Rushes", "1", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

/**
 * rushes_test_notifications_start:
 *
 * Owns org.freedesktop.Notifications on the session bus.
 *
 * Returns: (transfer none): the notifications received so far, each as
 *   "summary\nbody"; valid for the whole test program
 */
GPtrArray *
rushes_test_notifications_start (void)
{
  static GPtrArray *received;
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;
  GVariant *reply;

  if (received != NULL)
    {
      g_ptr_array_set_size (received, 0);
      return received;
    }

  received = g_ptr_array_new_with_free_func (g_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, received, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_unref (reply);

  return received;
}

/**
 * rushes_test_notifications_sync:
 *
 * Asks the stand-in notification server something through the bus and
 * waits for the answer. The bus keeps each sender's messages in order:
 * every notification sent before the call has been received by then, so
 * a test can check that none came.
 */
void
rushes_test_notifications_sync (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_call (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                          "org.freedesktop.Notifications", "GetServerInformation", NULL,
                          G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          rushes_test_store_result_cb, &result);
  reply = g_dbus_connection_call_finish (bus, rushes_test_await (&result), &error);
  g_assert_no_error (error);
}

/**
 * rushes_test_start_gtk:
 *
 * Starts GTK and libadwaita once, from inside a test: under
 * G_TEST_OPTION_ISOLATE_DIRS, GLib gives each test its own folders and
 * drops those it had cached, and what GTK had read of them at start-up
 * would be reported as leaked by the sanitizer build.
 */
void
rushes_test_start_gtk (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      gtk_init ();
      adw_init ();
      g_once_init_leave (&started, 1);
    }
}

/**
 * rushes_test_start_gtk_styled:
 *
 * rushes_test_start_gtk(), then, once, what widget tests that render need:
 * the application's own style sheet as AdwApplication loads it, its
 * icons, and no animations (renders show where things end up, not a
 * crossfade half done).
 */
void
rushes_test_start_gtk_styled (void)
{
  static gsize styled;

  rushes_test_start_gtk ();
  if (g_once_init_enter (&styled))
    {
      GtkCssProvider *css = gtk_css_provider_new ();

      rushes_test_add_icon_theme_path ();
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (css);
      g_once_init_leave (&styled, 1);
    }
}
