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

/* What a message cannot say to a program: which control of the composer
 * an invalid value is about, and which provider has no key. Callers read
 * these instead of comparing message texts. */
typedef struct
{
  char *control;
  char *missing_key;
  char *budget;
} RushesErrorPrivate;

static void
rushes_error_private_init (RushesErrorPrivate *priv)
{
}

static void
rushes_error_private_copy (const RushesErrorPrivate *src,
                           RushesErrorPrivate       *dest)
{
  dest->control = g_strdup (src->control);
  dest->missing_key = g_strdup (src->missing_key);
  dest->budget = g_strdup (src->budget);
}

static void
rushes_error_private_clear (RushesErrorPrivate *priv)
{
  g_clear_pointer (&priv->control, g_free);
  g_clear_pointer (&priv->missing_key, g_free);
  g_clear_pointer (&priv->budget, g_free);
}

G_DEFINE_EXTENDED_ERROR (RushesError, rushes_error)

/**
 * rushes_error_set_invalid_input:
 * @error: (nullable): a return location for a #GError
 * @control: (nullable): the control the value is about ("prompt", "image",
 *   "duration", or a catalog entry's own control)
 * @format: printf()-style format of the message for the user
 *
 * Like g_set_error() with %RUSHES_ERROR_INVALID_INPUT, and the error says
 * which control it is about (rushes_error_get_control()), so that a
 * program can point at it without reading the message.
 */
void
rushes_error_set_invalid_input (GError     **error,
                                const char  *control,
                                const char  *format,
                                ...)
{
  GError *new_error;
  va_list args;

  g_return_if_fail (format != NULL);

  if (error == NULL)
    return;

  va_start (args, format);
  new_error = g_error_new_valist (RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, format, args);
  va_end (args);

  rushes_error_set_control (new_error, control);
  g_propagate_error (error, new_error);
}

/**
 * rushes_error_set_control:
 * @error: a #RUSHES_ERROR
 * @control: (nullable): the control the error is about ("image", "duration", …)
 */
void
rushes_error_set_control (GError     *error,
                          const char *control)
{
  RushesErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == RUSHES_ERROR);

  priv = rushes_error_get_private (error);
  g_free (priv->control);
  priv->control = g_strdup (control);
}

/**
 * rushes_error_get_control:
 * @error: (nullable): an error
 *
 * Returns: (nullable): the control a %RUSHES_ERROR_INVALID_INPUT is about,
 *   if it is about one
 */
const char *
rushes_error_get_control (const GError *error)
{
  RushesErrorPrivate *priv;

  if (error == NULL || error->domain != RUSHES_ERROR)
    return NULL;

  priv = rushes_error_get_private (error);
  return priv != NULL ? priv->control : NULL;
}

/**
 * rushes_error_set_missing_key:
 * @error: a %RUSHES_ERROR_AUTH
 * @provider_id: the provider without a key
 */
void
rushes_error_set_missing_key (GError     *error,
                              const char *provider_id)
{
  RushesErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == RUSHES_ERROR);

  priv = rushes_error_get_private (error);
  g_free (priv->missing_key);
  priv->missing_key = g_strdup (provider_id);
}

/**
 * rushes_error_get_missing_key:
 * @error: (nullable): an error
 *
 * Returns: (nullable): the provider whose API key is missing, when that is
 *   what @error says
 */
const char *
rushes_error_get_missing_key (const GError *error)
{
  RushesErrorPrivate *priv;

  if (error == NULL || error->domain != RUSHES_ERROR)
    return NULL;

  priv = rushes_error_get_private (error);
  return priv != NULL ? priv->missing_key : NULL;
}

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

/**
 * rushes_error_set_budget:
 * @error: a %RUSHES_ERROR_INVALID_INPUT refusing a run
 * @budget: the budget it would pass: "per-run", "daily" or "monthly"
 */
void
rushes_error_set_budget (GError     *error,
                         const char *budget)
{
  RushesErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == RUSHES_ERROR);

  priv = rushes_error_get_private (error);
  g_free (priv->budget);
  priv->budget = g_strdup (budget);
}

/**
 * rushes_error_get_budget:
 * @error: (nullable): an error
 *
 * Returns: (nullable): the budget a refused run would have passed; the
 *   app then offers to send it anyway
 */
const char *
rushes_error_get_budget (const GError *error)
{
  RushesErrorPrivate *priv;

  if (error == NULL || error->domain != RUSHES_ERROR)
    return NULL;

  priv = rushes_error_get_private (error);
  return priv != NULL ? priv->budget : NULL;
}
