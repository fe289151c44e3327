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

#include "rushes-preferences-window.h"

struct _RushesPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *notifications_switch;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (RushesPreferencesWindow, rushes_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rushes_preferences_window_constructed (GObject *object)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (rushes_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID_BASE);

  g_settings_bind (self->settings, "notifications",
                   self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
rushes_preferences_window_dispose (GObject *object)
{
  RushesPreferencesWindow *self = RUSHES_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rushes_preferences_window_parent_class)->dispose (object);
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
  object_class->get_property = rushes_preferences_window_get_property;
  object_class->set_property = rushes_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesPreferencesWindow, notifications_switch);
}

static void
rushes_preferences_window_init (RushesPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RushesPreferencesWindow *
rushes_preferences_window_new (GtkWindow *transient_for,
                               GSettings *settings)
{
  g_return_val_if_fail (!transient_for || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (RUSHES_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "settings", settings,
                       NULL);
}
