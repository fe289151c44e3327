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
