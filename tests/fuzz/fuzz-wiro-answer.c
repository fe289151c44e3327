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

/* A Wiro REST answer (Run, Task/Detail, Cancel, Kill), end to end as the
 * provider reads it: mended parse, envelope, then the run and task-list
 * readers. */

#define G_LOG_DOMAIN "fuzz-wiro-answer"

#include "config.h"

#include "rushes-fuzz.h"
#include "rushes-providers.h"
#include "rushes-wiro-provider-private.h"

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
  static const RushesHttpKind kinds[] = {
    RUSHES_HTTP_READ, RUSHES_HTTP_SUBMIT, RUSHES_HTTP_WRITE, RUSHES_HTTP_LOOKUP,
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesRemoteStatus) run = NULL;
  g_autoptr(RushesRemoteStatus) detail = NULL;

  /* RushesHttp never hands over an empty body. */
  if (size == 0)
    return 0;

  root = _rushes_wiro_parse_json ((const char *) data, size, &error);
  if (root == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint s = 0; s < G_N_ELEMENTS (rushes_fuzz_statuses); s++)
      {
        g_autoptr(GError) envelope_error = NULL;

        if (!_rushes_wiro_check_envelope (root, rushes_fuzz_statuses[s], kinds[k], &envelope_error))
          {
            g_assert_nonnull (envelope_error);
            rushes_fuzz_assert_clean_text (envelope_error->message);
          }
        else
          g_assert_no_error (envelope_error);
      }

  run = _rushes_wiro_parse_run (root, &error);
  g_assert_true ((run != NULL) != (error != NULL));
  if (error != NULL)
    rushes_fuzz_assert_clean_text (error->message);
  g_clear_error (&error);
  rushes_fuzz_check_status (run);

  detail = _rushes_wiro_parse_task_list (root, &error);
  g_assert_true ((detail != NULL) != (error != NULL));
  if (error != NULL)
    rushes_fuzz_assert_clean_text (error->message);
  rushes_fuzz_check_status (detail);

  return 0;
}
