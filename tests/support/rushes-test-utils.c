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

#include <gtk/gtk.h>

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
