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

#define G_LOG_DOMAIN "rushes-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-application.h"
#include "rushes-window.h"

struct _RushesWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwToastOverlay      *toast_overlay;
  GtkBox               *composer_pane;
  GtkBox               *tasks_pane;
  GtkBox               *preview_pane;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (RushesWindow, rushes_window, ADW_TYPE_APPLICATION_WINDOW)

static void
rushes_window_save_state (RushesWindow *self)
{
  int width;
  int height;

  g_assert (RUSHES_IS_WINDOW (self));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  /* A maximized window's default size is its restored size. */
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
rushes_window_restore_state (RushesWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  g_assert (RUSHES_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 800), MAX (height, 600));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
rushes_window_close_request (GtkWindow *window)
{
  rushes_window_save_state (RUSHES_WINDOW (window));

  return GTK_WINDOW_CLASS (rushes_window_parent_class)->close_request (window);
}

static void
rushes_window_constructed (GObject *object)
{
  RushesWindow *self = RUSHES_WINDOW (object);
  GtkApplication *application;

  G_OBJECT_CLASS (rushes_window_parent_class)->constructed (object);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (RUSHES_IS_APPLICATION (application))
    self->settings = g_object_ref (rushes_application_get_settings (RUSHES_APPLICATION (application)));
  else
    self->settings = g_settings_new (APPLICATION_ID_BASE);

  rushes_window_restore_state (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
rushes_window_dispose (GObject *object)
{
  RushesWindow *self = RUSHES_WINDOW (object);

  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_WINDOW);

  G_OBJECT_CLASS (rushes_window_parent_class)->dispose (object);
}

static void
rushes_window_class_init (RushesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rushes_window_constructed;
  object_class->dispose = rushes_window_dispose;

  window_class->close_request = rushes_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, composer_pane);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, tasks_pane);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, preview_pane);
}

static void
rushes_window_init (RushesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RushesWindow *
rushes_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (RUSHES_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
