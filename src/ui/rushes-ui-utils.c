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

#define G_LOG_DOMAIN "rushes-ui-utils"

#include "config.h"

#include "rushes-ui-utils.h"

/**
 * rushes_widget_set_task_state_class:
 * @widget: a state badge
 * @state: the state it shows
 *
 * Gives @widget the style class `state-<state>` (style.css colours the
 * badges by it) and none of the other states'. Nothing is restyled when
 * the state is the one shown already: galleries rebind cards with one
 * succeeded clip after another while scrolling.
 */
void
rushes_widget_set_task_state_class (GtkWidget       *widget,
                                    RushesTaskState  state)
{
  g_autofree char *wanted = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  wanted = g_strconcat ("state-", rushes_task_state_to_string (state), NULL);
  if (gtk_widget_has_css_class (widget, wanted))
    return;

  for (RushesTaskState s = RUSHES_TASK_STATE_DRAFT; s <= RUSHES_TASK_STATE_UNCERTAIN; s++)
    {
      g_autofree char *name = g_strconcat ("state-", rushes_task_state_to_string (s), NULL);

      gtk_widget_remove_css_class (widget, name);
    }
  gtk_widget_add_css_class (widget, wanted);
}

/**
 * rushes_format_position:
 * @nanoseconds: a position in a clip
 *
 * Returns: (transfer full): the position in minutes, seconds and
 *   hundredths ("0:04.27"): clips are seconds long and stepped frame by
 *   frame
 */
char *
rushes_format_position (gint64 nanoseconds)
{
  gint64 centiseconds = (MAX (nanoseconds, 0) + 5000000) / 10000000;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d.%02d",
                          centiseconds / 6000,
                          (int) (centiseconds / 100 % 60),
                          (int) (centiseconds % 100));
}

/**
 * rushes_widget_get_fg_color:
 * @alpha: multiplies the colour's own alpha
 *
 * Returns: @widget's text colour, for widgets that draw their own texts
 */
GdkRGBA
rushes_widget_get_fg_color (GtkWidget *widget,
                            double     alpha)
{
  const GdkRGBA black = { 0, 0, 0, 1 };
  GdkRGBA color;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), black);

  /* GTK 4.10 has gtk_widget_get_color(); 4.8 only this. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= alpha;

  return color;
}

/**
 * rushes_widget_get_named_color:
 * @name: a colour the style sheet defines (Adwaita's "accent_bg_color"…)
 * @fallback: the colour, as gdk_rgba_parse() reads it, when it does not
 *
 * Returns: the colour
 */
GdkRGBA
rushes_widget_get_named_color (GtkWidget  *widget,
                               const char *name,
                               const char *fallback)
{
  const GdkRGBA black = { 0, 0, 0, 1 };
  GdkRGBA color;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), black);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    gdk_rgba_parse (&color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}
