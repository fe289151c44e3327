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
