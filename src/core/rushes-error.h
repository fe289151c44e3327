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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUSHES_ERROR (rushes_error_quark ())

/**
 * RushesError:
 * @RUSHES_ERROR_FAILED: the generation failed upstream, or a local file
 *   operation failed (exit code 1)
 * @RUSHES_ERROR_CANCELLED: the task was cancelled (exit code 1)
 * @RUSHES_ERROR_INVALID_INPUT: the request is invalid; nothing was sent (exit code 2)
 * @RUSHES_ERROR_NOT_FOUND: no such task or model (exit code 2)
 * @RUSHES_ERROR_AUTH: missing or refused credentials, or an account problem:
 *   insufficient balance, concurrency limit (exit code 3)
 * @RUSHES_ERROR_UNREACHABLE: the provider could not be reached, or kept
 *   answering with errors; the task is unchanged and can be followed later (exit code 4)
 * @RUSHES_ERROR_UNCERTAIN: a submit went out without an answer; the task may
 *   exist upstream and is not re-sent (exit code 4)
 * @RUSHES_ERROR_PROTOCOL: the provider answered something that cannot be
 *   understood (exit code 4)
 *
 * The nicks ("failed", "auth", …) are the `error.code` strings of task records.
 */
typedef enum
{
  RUSHES_ERROR_FAILED,
  RUSHES_ERROR_CANCELLED,
  RUSHES_ERROR_INVALID_INPUT,
  RUSHES_ERROR_NOT_FOUND,
  RUSHES_ERROR_AUTH,
  RUSHES_ERROR_UNREACHABLE,
  RUSHES_ERROR_UNCERTAIN,
  RUSHES_ERROR_PROTOCOL,
} RushesError;

GQuark      rushes_error_quark         (void);
int         rushes_error_get_exit_code (const GError *error);
const char *rushes_error_code_to_string (RushesError code);

void        rushes_error_set_invalid_input (GError    **error,
                                            const char *control,
                                            const char *format,
                                            ...) G_GNUC_PRINTF (3, 4);
void        rushes_error_set_control     (GError       *error,
                                          const char   *control);
const char *rushes_error_get_control     (const GError *error);
void        rushes_error_set_missing_key (GError       *error,
                                          const char   *provider_id);
const char *rushes_error_get_missing_key (const GError *error);
void        rushes_error_set_budget      (GError       *error,
                                          const char   *budget);
const char *rushes_error_get_budget      (const GError *error);

G_END_DECLS
