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

#include <json-glib/json-glib.h>

/* JSON of the tests, which must parse; and the balance answers of
 * WaveSpeed and APIXO, which read alike: the numbers each
 * provider writes read as dollars, and garbage or a refusal is an error
 * (the engine shows it as a note). */

typedef gboolean (*RushesTestBalanceParser) (JsonNode  *root,
                                             guint      http_status,
                                             double    *usd,
                                             GError   **error);

typedef struct
{
  const char *text;
  double      usd;
} RushesTestBalance;

static inline JsonNode *
rushes_test_parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* @good: the provider's own forms, with what they read as */
static inline void
rushes_test_balance_check (RushesTestBalanceParser  parse_balance,
                           const RushesTestBalance *good,
                           gsize                    n_good)
{
  const char *bad[] = {
    "{\"code\": 200, \"data\": \"NaN\"}",
    "{\"code\": 200, \"data\": {\"balance\": \"NaN\"}}",
    "{\"code\": 200, \"data\": null}",
    "{\"code\": 200, \"data\": [1]}",
    "{\"code\": 401, \"message\": \"Unauthorized\"}",
  };

  for (gsize i = 0; i < n_good; i++)
    {
      g_autoptr(JsonNode) root = rushes_test_parse_json (good[i].text);
      g_autoptr(GError) error = NULL;
      double usd = -1;

      g_assert_true (parse_balance (root, 200, &usd, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (usd, good[i].usd, 1e-9);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = rushes_test_parse_json (bad[i]);
      g_autoptr(GError) error = NULL;
      double usd = -1;

      g_assert_false (parse_balance (root, 200, &usd, &error));
      g_assert_nonnull (error);
    }
}
