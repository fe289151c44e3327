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

/* An APIXO answer (generateTask, statusTask, balance), end to end as the
 * provider reads it: RushesHttp's guarded parse, then the submit, status
 * and balance readers at each HTTP status (statusTask parses resultJson,
 * JSON in a string, a second time). */

#define G_LOG_DOMAIN "fuzz-apixo-answer"

#include "config.h"

#include <math.h>

#include "rushes-apixo-provider-private.h"
#include "rushes-fuzz.h"
#include "rushes-json.h"
#include "rushes-providers.h"

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
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (size == 0)
    return 0;

  root = rushes_json_parse ((const char *) data, size, RUSHES_JSON_MAX_ANSWER, &error);
  if (root == NULL)
    {
      g_assert_nonnull (error);
      /* RushesHttp hands a failed answer that is not JSON on as null. */
      root = json_node_new (JSON_NODE_NULL);
    }

  for (guint s = 0; s < G_N_ELEMENTS (rushes_fuzz_statuses); s++)
    {
      guint status = rushes_fuzz_statuses[s];
      g_autoptr(GError) submit_error = NULL;
      g_autoptr(GError) status_error = NULL;
      g_autoptr(GError) balance_error = NULL;
      double balance = NAN;
      g_autoptr(RushesRemoteStatus) submitted = NULL;
      g_autoptr(RushesRemoteStatus) remote = NULL;

      submitted = _rushes_apixo_parse_submit (root, status, &submit_error);
      g_assert_true ((submitted != NULL) != (submit_error != NULL));
      rushes_fuzz_check_status (submitted);
      if (submit_error != NULL)
        rushes_fuzz_assert_clean_text (submit_error->message);

      remote = _rushes_apixo_parse_status (root, status, &status_error);
      g_assert_true ((remote != NULL) != (status_error != NULL));
      rushes_fuzz_check_status (remote);
      if (status_error != NULL)
        rushes_fuzz_assert_clean_text (status_error->message);

      if (_rushes_apixo_parse_balance (root, status, &balance, &balance_error))
        g_assert_true (isfinite (balance));
      else
        rushes_fuzz_assert_clean_text (balance_error->message);
    }

  return 0;
}
