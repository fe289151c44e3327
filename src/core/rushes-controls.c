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

#define G_LOG_DOMAIN "rushes-controls"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-controls.h"

/* The controls Rushes knows by name: their kind, which a catalog entry
 * cannot change, and their label, translated here once for the model's
 * messages, the composer and rushes-cli. */
static const struct {
  const char        *name;
  RushesControlKind  kind;
  const char        *label;
} builtin_controls[] = {
  { RUSHES_CONTROL_PROMPT, RUSHES_CONTROL_KIND_TEXT, N_("Prompt") },
  { RUSHES_CONTROL_IMAGE, RUSHES_CONTROL_KIND_IMAGE, N_("Start image") },
  { RUSHES_CONTROL_ASPECT_RATIO, RUSHES_CONTROL_KIND_CHOICE, N_("Aspect ratio") },
  { RUSHES_CONTROL_DURATION, RUSHES_CONTROL_KIND_CHOICE, N_("Duration") },
  { RUSHES_CONTROL_RESOLUTION, RUSHES_CONTROL_KIND_CHOICE, N_("Resolution") },
  { RUSHES_CONTROL_END_IMAGE, RUSHES_CONTROL_KIND_IMAGE, N_("End image") },
  { RUSHES_CONTROL_AUDIO, RUSHES_CONTROL_KIND_BOOLEAN, N_("Audio") },
  { RUSHES_CONTROL_NEGATIVE_PROMPT, RUSHES_CONTROL_KIND_TEXT, N_("Negative prompt") },
  { RUSHES_CONTROL_SEED, RUSHES_CONTROL_KIND_INTEGER, N_("Seed") },
};

static int
find_builtin (const char *control)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_controls); i++)
    if (g_str_equal (builtin_controls[i].name, control))
      return i;

  return -1;
}

/**
 * rushes_control_get_label:
 * @control: a control name such as %RUSHES_CONTROL_ASPECT_RATIO
 *
 * Returns: (nullable): the translated label of a control Rushes knows, in
 *   sentence case ("Aspect ratio"), or %NULL for a control a catalog entry
 *   brings with a label of its own
 */
const char *
rushes_control_get_label (const char *control)
{
  int i;

  g_return_val_if_fail (control != NULL, NULL);

  i = find_builtin (control);
  return i >= 0 ? _(builtin_controls[i].label) : NULL;
}

/**
 * rushes_control_get_builtin_kind:
 * @control: a control name
 * @kind: (out) (optional): its kind
 *
 * Returns: %TRUE for a control Rushes knows; a catalog entry cannot give
 *   it another kind
 */
gboolean
rushes_control_get_builtin_kind (const char        *control,
                                 RushesControlKind *kind)
{
  int i;

  g_return_val_if_fail (control != NULL, FALSE);

  i = find_builtin (control);
  if (i < 0)
    return FALSE;

  if (kind != NULL)
    *kind = builtin_controls[i].kind;
  return TRUE;
}

/**
 * rushes_control_format_value:
 * @control: a control name
 * @value: a normalised value ("8", "true", "16:9")
 *
 * Returns: (transfer full): @value as a sentence shows it: "8 s" for a
 *   duration, "on" or "off" for the audio, others as they are
 */
char *
rushes_control_format_value (const char *control,
                             const char *value)
{
  g_return_val_if_fail (control != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (g_str_equal (control, RUSHES_CONTROL_DURATION))
    return g_strdup_printf (_("%s s"), value);
  if (g_str_equal (control, RUSHES_CONTROL_AUDIO))
    return g_strdup (g_str_equal (value, "true") ? _("on") : _("off"));
  return g_strdup (value);
}
