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

/* One text frame of Wiro's task socket, read as the watch reads it: for
 * the task it was registered with, and with no token to compare. */

#define G_LOG_DOMAIN "fuzz-wiro-socket"

#include "config.h"

#include "rushes-fuzz.h"
#include "rushes-providers.h"
#include "rushes-wiro-provider-private.h"

/* The seed's token: the corpus frames carry it. */
#define TASK_TOKEN "eDcCm5yyUfIvMFspTwww49OUfgXkQt"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rushes_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(RushesRemoteStatus) mine = NULL;
  g_autoptr(RushesRemoteStatus) any = NULL;

  /* The watch drops frames whose data is NULL, never empty ones. */
  mine = _rushes_wiro_parse_socket_message ((const char *) data, size, TASK_TOKEN);
  rushes_fuzz_check_status (mine);

  any = _rushes_wiro_parse_socket_message ((const char *) data, size, NULL);
  rushes_fuzz_check_status (any);

  /* A frame for this task is a frame for any task. */
  if (mine != NULL)
    g_assert_nonnull (any);

  return 0;
}
