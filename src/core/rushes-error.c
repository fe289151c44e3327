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

#define G_LOG_DOMAIN "rushes-error"

#include "config.h"

#include <gio/gio.h>

#include "rushes-enums.h"
#include "rushes-error.h"

G_DEFINE_QUARK (rushes-error-quark, rushes_error)

/**
 * rushes_error_get_exit_code:
 * @error: (nullable): the outcome of an operation
 *
 * Maps an outcome to the exit code of `rushes-cli`: 0 success; 1 the
 * generation failed or was cancelled; 2 invalid usage or input (nothing
 * sent); 3 authentication or account problem; 4 provider unreachable or
 * outcome uncertain.
 */
int
rushes_error_get_exit_code (const GError *error)
{
  if (error == NULL)
    return 0;

  if (error->domain != RUSHES_ERROR)
    return 1;

  switch ((RushesError) error->code)
    {
    case RUSHES_ERROR_FAILED:
    case RUSHES_ERROR_CANCELLED:
      return 1;
    case RUSHES_ERROR_INVALID_INPUT:
    case RUSHES_ERROR_NOT_FOUND:
      return 2;
    case RUSHES_ERROR_AUTH:
      return 3;
    case RUSHES_ERROR_UNREACHABLE:
    case RUSHES_ERROR_UNCERTAIN:
    case RUSHES_ERROR_PROTOCOL:
      return 4;
    default:
      return 1;
    }
}

/**
 * rushes_error_code_to_string:
 * @code: a #RushesError
 *
 * Returns: the stable nick of @code ("failed", "auth", …), as written in
 *   the `error.code` of task records
 */
const char *
rushes_error_code_to_string (RushesError code)
{
  GEnumClass *klass = g_type_class_ref (RUSHES_TYPE_ERROR);
  GEnumValue *value = g_enum_get_value (klass, code);
  const char *nick = value != NULL ? value->value_nick : "failed";

  g_type_class_unref (klass);
  return nick;
}
