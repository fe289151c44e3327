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

/* What the composer and rushes-cli do with every model of a catalog, for
 * the targets whose input ends up as catalog entries (catalog files, live
 * listings and their cache): show it, read its controls, price, check and
 * build requests from parameters without and with a prompt and an image. */

#include <math.h>

#include "rushes-fuzz.h"
#include "rushes-json.h"
#include "rushes-model-catalog.h"
#include "rushes-model-private.h"

static void
read_controls (RushesModel *model)
{
  g_auto(GStrv) controls = rushes_model_list_controls (model);

  for (guint i = 0; controls != NULL && controls[i] != NULL; i++)
    {
      const char * const *values = rushes_model_get_allowed_values (model, controls[i]);
      gint64 min, max;

      g_assert_true (rushes_model_has_control (model, controls[i]));
      (void) rushes_model_get_control_kind (model, controls[i]);
      (void) rushes_model_get_default_value (model, controls[i]);
      (void) rushes_model_get_max_length (model, controls[i]);
      (void) rushes_model_get_max_image_bytes (model, controls[i]);
      if (rushes_model_get_range (model, controls[i], &min, &max))
        g_assert_cmpint (min, <=, max);
      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        g_assert_true (g_utf8_validate (values[j], -1, NULL));
    }
}

/* What the composer does with what the user asked for: price it, check it,
 * and once it passes, build the request the provider sends. */
static void
use_params (RushesModel            *model,
            RushesGenerationParams *params)
{
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  double cost = -1;

  if (rushes_model_estimate_cost (model, params, &cost))
    g_assert_true (isfinite (cost) && cost >= 0);

  if (!rushes_model_validate (model, params, &error))
    {
      g_assert_nonnull (error);
      return;
    }

  complete = rushes_model_complete_params (model, params);
  g_assert_true (rushes_model_validate (model, complete, NULL));

  /* A model that accepts parameters builds a request from them. */
  request = _rushes_model_build_request (model, complete, &error);
  if (request == NULL)
    g_error ("Model %s validates parameters it cannot build a request from: %s",
             rushes_model_get_id (model), error->message);
  body = _rushes_wire_request_to_json (request, &error);
  if (body == NULL)
    g_assert_nonnull (error);
}

static void
use_model (RushesModelCatalog *catalog,
           RushesModel        *model)
{
  g_autoptr(RushesGenerationParams) text = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) image = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *shown_text = NULL;

  g_assert_true (rushes_model_catalog_lookup (catalog, rushes_model_get_id (model)) == model);
  g_assert_nonnull (rushes_model_get_provider_id (model));
  g_assert_nonnull (rushes_model_get_name (model));

  /* rushes-cli models --json */
  shown = rushes_model_to_json (model);
  shown_text = rushes_json_to_string (shown, TRUE);
  g_assert_nonnull (shown_text);

  read_controls (model);

  use_params (model, text);
  rushes_generation_params_set_prompt (text, "A red fox crosses a snowy field at dawn");
  use_params (model, text);

  image = rushes_generation_params_copy (text);
  rushes_generation_params_set_image (image, "https://example.com/start.png");
  use_params (model, image);
}

/* Every model of @catalog, as the model picker lists them; with
 * @live_only, those a live listing brought (the built-in ones are
 * fuzz-catalog's). */
static inline void
rushes_fuzz_use_catalog (RushesModelCatalog *catalog,
                         gboolean            live_only)
{
  guint n_models = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  for (guint i = 0; i < n_models; i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      if (!live_only || rushes_model_get_live (model))
        use_model (catalog, model);
    }
}

/* A provider's models as entries (what its listing became): cached as
 * Rushes caches them, read back from that cache over the built-in models
 * (a model in both is merged), then used. What Rushes writes into its
 * cache, it reads back. */
static inline void
rushes_fuzz_use_listing (const char *provider_id,
                         JsonArray  *entries)
{
  g_autoptr(GDateTime) fetched_at = g_date_time_new_utc (2026, 12, 6, 12, 0, 0);
  g_autoptr(GBytes) cache = rushes_model_catalog_write_live (provider_id, fetched_at, entries);
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new ();
  g_autoptr(GError) error = NULL;

  rushes_model_catalog_load_builtin (catalog);
  if (!rushes_model_catalog_load_live (catalog, provider_id, cache, "/fuzz/cache/live.json", &error))
    g_error ("Rushes cannot read the listing it cached (%s)", error->message);

  rushes_fuzz_use_catalog (catalog, TRUE);
  g_assert_finalize_object (g_steal_pointer (&catalog));
}
