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

/* WaveSpeed's GET /models answer, the live schema of its models, as the
 * live catalog reads it: the guarded parse, the envelope, the models made
 * catalog entries (each text-to-video and image-to-video pair as one),
 * cached, read back and used; and the same text read as a price quote. */

#define G_LOG_DOMAIN "fuzz-live-wavespeed"

#include "config.h"

#include "rushes-fuzz-models.h"
#include "rushes-json.h"
#include "rushes-providers.h"
#include "rushes-wavespeed-provider-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rushes_fuzz_init ();
  rushes_providers_register_builtin ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) price_error = NULL;
  JsonNode *models;
  double cost = NAN;

  if (size == 0)
    return 0;

  root = rushes_json_parse ((const char *) data, size, RUSHES_JSON_MAX_LISTING, &error);
  if (root == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  if (_rushes_wavespeed_parse_price (root, 200, &cost, &price_error))
    g_assert_true (isfinite (cost) && cost >= 0);
  else
    rushes_fuzz_assert_clean_text (price_error->message);

  models = _rushes_wavespeed_get_data (root, 200, RUSHES_HTTP_LOOKUP, &error);
  if (models != NULL && JSON_NODE_HOLDS_ARRAY (models))
    {
      g_autoptr(JsonArray) entries = _rushes_wavespeed_models_to_entries (json_node_get_array (models));

      rushes_fuzz_use_listing ("wavespeed", entries);
    }

  return 0;
}
