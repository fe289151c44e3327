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

#define G_LOG_DOMAIN "rushes-types"

#include "config.h"

#include "rushes-enums.h"
#include "rushes-types.h"

static const char *
enum_to_nick (GType       type,
              int         value,
              const char *fallback)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);
  const char *nick = enum_value != NULL ? enum_value->value_nick : fallback;

  /* Enum classes are static once created: the nick outlives the unref. */
  g_type_class_unref (klass);
  return nick;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value != NULL)
    *value = enum_value->value;
  g_type_class_unref (klass);

  return enum_value != NULL;
}

const char *
rushes_task_state_to_string (RushesTaskState state)
{
  return enum_to_nick (RUSHES_TYPE_TASK_STATE, state, "draft");
}

gboolean
rushes_task_state_from_string (const char      *string,
                               RushesTaskState *state)
{
  int value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (!enum_from_nick (RUSHES_TYPE_TASK_STATE, string, &value))
    return FALSE;

  *state = value;
  return TRUE;
}

/**
 * rushes_task_state_is_finished:
 *
 * Returns: %TRUE for succeeded, failed and cancelled: nothing more will
 *   happen to such a task. An uncertain task is not finished, but it is not
 *   followed either: only the user can settle it.
 */
gboolean
rushes_task_state_is_finished (RushesTaskState state)
{
  return state == RUSHES_TASK_STATE_SUCCEEDED ||
         state == RUSHES_TASK_STATE_FAILED ||
         state == RUSHES_TASK_STATE_CANCELLED;
}

const char *
rushes_generation_mode_to_string (RushesGenerationMode mode)
{
  return enum_to_nick (RUSHES_TYPE_GENERATION_MODE, mode, "text-to-video");
}

gboolean
rushes_generation_mode_from_string (const char           *string,
                                    RushesGenerationMode *mode)
{
  int value;

  g_return_val_if_fail (mode != NULL, FALSE);

  if (!enum_from_nick (RUSHES_TYPE_GENERATION_MODE, string, &value))
    return FALSE;

  *mode = value;
  return TRUE;
}

/**
 * rushes_control_kind_to_string:
 *
 * Returns: "text", "image", "choice", "integer", "boolean" or "number", as
 *   catalog entries and `rushes-cli models --json` write it
 */
const char *
rushes_control_kind_to_string (RushesControlKind kind)
{
  return enum_to_nick (RUSHES_TYPE_CONTROL_KIND, kind, "text");
}

gboolean
rushes_control_kind_from_string (const char        *string,
                                 RushesControlKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!enum_from_nick (RUSHES_TYPE_CONTROL_KIND, string, &value))
    return FALSE;

  *kind = value;
  return TRUE;
}

/**
 * rushes_quote_source_to_string:
 *
 * Returns: "catalog", "price-list" or "provider"
 */
const char *
rushes_quote_source_to_string (RushesQuoteSource source)
{
  return enum_to_nick (RUSHES_TYPE_QUOTE_SOURCE, source, "catalog");
}
