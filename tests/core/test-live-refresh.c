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

#define G_LOG_DOMAIN "test-live-refresh"

#include "config.h"

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-test-async.h"
#include "rushes-fake-provider.h"

/* The engine and the providers' live data, against the fake provider:
 * refreshing the listings into the cache (and failing to, keeping it),
 * quotes from the freshest price there is, budgets that use them. */

#define WIRO_KEY      "wiro-key"
#define WIRO_SECRET   "wiro-secret"
#define WAVESPEED_KEY "wavespeed-key"

static const char *video_path;

typedef struct
{
  RushesFakeProvider *fake;
  RushesConfig       *config;
  RushesSecretStore  *secrets;
  GSettings          *settings;
  RushesEngine       *engine;
} Fixture;

static RushesEngine *
engine_new (Fixture *f)
{
  return rushes_engine_new (f->config, f->secrets, f->settings);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *providers[] = { "wiro", "wavespeed", "apixo" };

  f->fake = rushes_fake_provider_new (video_path);
  rushes_fake_provider_set_wiro_credentials (f->fake, WIRO_KEY, WIRO_SECRET);
  rushes_fake_provider_set_wavespeed_key (f->fake, WAVESPEED_KEY);
  g_assert_true (rushes_fake_provider_start (f->fake, &error));
  g_assert_no_error (error);

  f->config = rushes_config_new ();
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *url = rushes_fake_provider_get_base_url (f->fake, providers[i]);

      g_assert_true (rushes_config_set_base_url (f->config, providers[i], url, &error));
      g_assert_no_error (error);
    }

  f->secrets = rushes_memory_secret_store_new ();
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_KEY, WIRO_KEY);
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_SECRET, WIRO_SECRET);
  rushes_test_store_secret (f->secrets, "wavespeed", RUSHES_SECRET_API_KEY, WAVESPEED_KEY);
  f->settings = rushes_engine_new_settings ();
  g_assert_nonnull (f->settings);
  f->engine = engine_new (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (f->engine);
  g_clear_object (&f->settings);
  g_clear_object (&f->secrets);
  g_clear_object (&f->config);
  g_clear_object (&f->fake);
}

static GPtrArray *
refresh (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  rushes_engine_refresh_catalog_async (f->engine, NULL, rushes_test_store_result_cb, &result);
  results = rushes_engine_refresh_catalog_finish (f->engine, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static RushesCatalogRefresh *
result_of (GPtrArray  *results,
           const char *provider_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      RushesCatalogRefresh *result = g_ptr_array_index (results, i);

      if (g_str_equal (result->provider_id, provider_id))
        return result;
    }

  return NULL;
}

static char *
read_cache (const char *provider_id)
{
  g_autoptr(GFile) directory = rushes_model_catalog_get_cache_directory ();
  g_autofree char *name = g_strconcat (provider_id, ".json", NULL);
  g_autofree char *path = g_build_filename (g_file_peek_path (directory), name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static RushesModel *
lookup (Fixture    *f,
        const char *id)
{
  RushesModel *model = rushes_model_catalog_lookup (rushes_engine_get_catalog (f->engine), id);

  g_assert_nonnull (model);
  return model;
}

/* Both listings read, cached and in the catalog; the next engine starts
 * from the cache without asking anything. */
static void
test_refresh (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(RushesEngine) next = NULL;
  g_autofree char *wiro = NULL;
  guint requests;

  /* No listing was ever read. */
  g_assert_cmpint (rushes_engine_get_catalog_age (f->engine), ==, -1);
  g_assert_null (rushes_model_catalog_lookup (rushes_engine_get_catalog (f->engine), "wiro/klingai/kling-v2-5-turbo"));

  results = refresh (f);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_no_error (result_of (results, "wiro")->error);
  g_assert_cmpuint (result_of (results, "wiro")->n_models, ==, 9);
  g_assert_no_error (result_of (results, "wavespeed")->error);
  g_assert_cmpuint (result_of (results, "wavespeed")->n_models, ==, 8);
  g_assert_null (result_of (results, "apixo"));

  /* Wiro: one Tool/List page, one Tool/Detail per video model. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/Tool/List"), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/Tool/Detail"), ==, 9);

  g_assert_true (rushes_model_get_live (lookup (f, "wiro/klingai/kling-v2-5-turbo")));
  g_assert_true (rushes_model_get_live (lookup (f, "wavespeed/google/veo3.1")));
  g_assert_cmpint (rushes_engine_get_catalog_age (f->engine), >=, 0);
  g_assert_cmpint (rushes_engine_get_catalog_age (f->engine), <, 60 * G_TIME_SPAN_SECOND);

  wiro = read_cache ("wiro");
  g_assert_nonnull (wiro);
  g_assert_true (g_str_has_prefix (wiro, "{\"format\":1,\"provider\":\"wiro\",\"fetched_at\":"));

  requests = rushes_fake_provider_count_requests (f->fake, "/");
  next = engine_new (f);
  g_assert_true (rushes_model_get_live (rushes_model_catalog_lookup (rushes_engine_get_catalog (next),
                                                                     "wiro/klingai/kling-v2-5-turbo")));
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/"), ==, requests);
  g_assert_finalize_object (g_steal_pointer (&next));
}

/* A refresh that fails keeps the cache and the catalog as they were, and
 * says why; a listing that is partly garbage keeps what can be read. */
static void
test_refresh_failures (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = refresh (f);
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GPtrArray) malformed = NULL;
  g_autoptr(GPtrArray) unreachable = NULL;
  g_autofree char *before = read_cache ("wiro");
  g_autofree char *after = NULL;
  g_autofree char *ws_before = read_cache ("wavespeed");
  g_autofree char *ws_after = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused keys. */
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_SECRET, "wrong");
  rushes_test_store_secret (f->secrets, "wavespeed", RUSHES_SECRET_API_KEY, "wrong");
  refused = refresh (f);
  g_assert_error (result_of (refused, "wiro")->error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_error (result_of (refused, "wavespeed")->error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  after = read_cache ("wiro");
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  ws_after = read_cache ("wavespeed");
  g_assert_cmpstr (ws_after, ==, ws_before);
  g_assert_true (rushes_model_get_live (lookup (f, "wiro/klingai/kling-v2-5-turbo")));

  /* Nobody there. */
  rushes_test_store_secret (f->secrets, "wiro", RUSHES_SECRET_API_SECRET, WIRO_SECRET);
  g_assert_true (rushes_config_set_base_url (f->config, "wiro", "http://127.0.0.1:9/wiro/v1", &error));
  unreachable = refresh (f);
  g_assert_error (result_of (unreachable, "wiro")->error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  after = read_cache ("wiro");
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A Tool/List of broken entries and one sound one, and a Tool/Detail
   * without parameters: the rest is kept, one model is unavailable. */
  {
    g_autofree char *url = rushes_fake_provider_get_base_url (f->fake, "wiro");

    g_assert_true (rushes_config_set_base_url (f->config, "wiro", url, &error));
  }
  rushes_fake_provider_add_fault (f->fake, "tool-list-malformed");
  rushes_fake_provider_add_fault (f->fake, "tool-no-prompt");
  malformed = refresh (f);
  g_assert_no_error (result_of (malformed, "wiro")->error);
  g_assert_cmpuint (result_of (malformed, "wiro")->n_models, ==, 2);
  /* Sora 2's Tool/Detail came first and lost its prompt: the built-in
   * entry stands; the listing's Veo 3.1 Fast merges as usual. */
  g_assert_false (rushes_model_get_live (lookup (f, "wiro/openai/sora-2")));
  g_assert_true (rushes_model_get_available (lookup (f, "wiro/openai/sora-2")));
  g_assert_true (rushes_model_get_live (lookup (f, "wiro/google/veo3-1-fast")));
  g_assert_null (rushes_model_catalog_lookup (rushes_engine_get_catalog (f->engine), "wiro/klingai/kling-v2-5-turbo"));
}

static RushesQuote *
quote (Fixture                *f,
       const char             *model_id,
       RushesGenerationParams *params,
       GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_engine_quote_async (f->engine, lookup (f, model_id), params, NULL, rushes_test_store_result_cb, &result);
  return rushes_engine_quote_finish (f->engine, rushes_test_await (&result), error);
}

/* A start image on disk: a PNG as far as its first bytes tell. */
static char *
write_png (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0
  };
  char *path = g_build_filename (g_get_user_data_dir (), "start.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, (const char *) png, sizeof png, &error));
  g_assert_no_error (error);
  return path;
}

/* The freshest price there is: WaveSpeed's quote for the body that would
 * be sent, Wiro's price list for the settings, else the catalog's hint. */
static void
test_quotes (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(RushesGenerationParams) turbo_params = rushes_test_params_new ("A fox at dawn",
                                                                           "mode", "std", "duration", "10", NULL);
  g_autoptr(RushesGenerationParams) veo_params = rushes_test_params_new ("A fox at dawn",
                                                                         "duration", "6", "audio", "false", NULL);
  g_autofree char *png = write_png ();
  g_autoptr(RushesGenerationParams) image_params = rushes_test_params_new ("A fox at dawn", "image", png, NULL);
  g_autoptr(RushesGenerationParams) apixo_params = rushes_test_params_new ("A fox at dawn", NULL);
  g_autoptr(RushesGenerationParams) bad_params = rushes_test_params_new ("A fox at dawn", "duration", "7", NULL);
  g_autoptr(RushesQuote) before = NULL;
  g_autoptr(RushesQuote) turbo = NULL;
  g_autoptr(RushesQuote) veo = NULL;
  g_autoptr(RushesQuote) apixo = NULL;
  g_autoptr(RushesQuote) keyless = NULL;
  g_autoptr(RushesQuote) image = NULL;
  g_autoptr(GHashTable) body = NULL;
  g_autoptr(GError) error = NULL;

  /* Before any listing: the built-in hint, and WaveSpeed is not asked. */
  before = quote (f, "wavespeed/google/veo3.1-fast", veo_params, &error);
  g_assert_no_error (error);
  g_assert_false (before->live);
  g_assert_cmpint (before->source, ==, RUSHES_QUOTE_SOURCE_CATALOG);
  g_assert_cmpfloat_with_epsilon (before->amount_usd, 0.8, 1e-9);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/model/price"), ==, 0);

  results = refresh (f);

  turbo = quote (f, "wiro/klingai/kling-v2-5-turbo", turbo_params, &error);
  g_assert_no_error (error);
  g_assert_true (turbo->live);
  g_assert_cmpint (turbo->source, ==, RUSHES_QUOTE_SOURCE_PRICE_LIST);
  g_assert_cmpfloat_with_epsilon (turbo->amount_usd, 0.42, 1e-9);

  /* The fake prices Veo 3.1 Fast at 0.10 a second without sound. */
  veo = quote (f, "wavespeed/google/veo3.1-fast", veo_params, &error);
  g_assert_no_error (error);
  g_assert_true (veo->live);
  g_assert_cmpint (veo->source, ==, RUSHES_QUOTE_SOURCE_PROVIDER);
  g_assert_cmpfloat_with_epsilon (veo->amount_usd, 0.6, 1e-6);
  body = rushes_fake_provider_dup_last_fields (f->fake, "/model/price");
  g_assert_cmpstr (g_hash_table_lookup (body, "model_id"), ==, "google/veo3.1-fast/text-to-video");
  g_assert_nonnull (strstr (g_hash_table_lookup (body, "inputs"), "\"duration\":6"));
  g_assert_nonnull (strstr (g_hash_table_lookup (body, "inputs"), "\"generate_audio\":false"));

  /* A local start image is not in the body (it has no URL before its
   * upload); the image-to-video route is priced. */
  g_clear_pointer (&body, g_hash_table_unref);
  image = quote (f, "wavespeed/google/veo3.1-fast", image_params, &error);
  g_assert_no_error (error);
  g_assert_true (image->live);
  body = rushes_fake_provider_dup_last_fields (f->fake, "/model/price");
  g_assert_cmpstr (g_hash_table_lookup (body, "model_id"), ==, "google/veo3.1-fast/image-to-video");
  g_assert_null (strstr (g_hash_table_lookup (body, "inputs"), "\"image\""));

  /* APIXO quotes nothing: the catalog's price. */
  apixo = quote (f, "apixo/veo-3-1", apixo_params, &error);
  g_assert_no_error (error);
  g_assert_false (apixo->live);
  g_assert_cmpfloat_with_epsilon (apixo->amount_usd, 1.5, 1e-9);

  /* Without a WaveSpeed key: the catalog's, and nothing is asked. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    guint asked = rushes_fake_provider_count_requests (f->fake, "/model/price");

    rushes_secret_store_clear_async (f->secrets, "wavespeed", RUSHES_SECRET_API_KEY, NULL,
                                      rushes_test_store_result_cb, &result);
    g_assert_true (rushes_secret_store_clear_finish (f->secrets, rushes_test_await (&result), &error));
    keyless = quote (f, "wavespeed/google/veo3.1-fast", veo_params, &error);
    g_assert_no_error (error);
    g_assert_false (keyless->live);
    g_assert_cmpuint (rushes_fake_provider_count_requests (f->fake, "/model/price"), ==, asked);
  }

  /* Settings the model refuses are refused, before anything is asked. */
  g_assert_null (quote (f, "wiro/klingai/kling-v2-5-turbo", bad_params, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
}

/* A budget counts a run at its live quote, not at the catalog's hint. */
static void
test_budget (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_test_params_new ("A fox at dawn", "resolution", "1080p", NULL);
  g_autoptr(RushesGenerationParams) four_k = rushes_test_params_new ("A fox at dawn", "resolution", "4k", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RushesModel *model;
  double hint;

  g_settings_set_double (f->settings, "budget-per-run", 2.0);
  results = refresh (f);
  model = lookup (f, "wavespeed/google/veo3.1-fast");

  /* The built-in hint: $1.20 with sound, whatever the resolution. */
  g_assert_true (rushes_model_estimate_cost (model, four_k, &hint));
  g_assert_cmpfloat_with_epsilon (hint, 1.2, 1e-9);
  g_assert_true (rushes_engine_check_budget (f->engine, &model, &four_k, 1, &error));

  /* WaveSpeed's quote: 8 s × $0.15 × 2 at 4k = $2.40, over $2.00. */
  rushes_engine_check_budget_async (f->engine, &model, &four_k, 1, NULL, rushes_test_store_result_cb, &result);
  g_assert_false (rushes_engine_check_budget_finish (f->engine, rushes_test_await (&result), &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_nonnull (rushes_error_get_budget (error));
  g_clear_error (&error);
  g_clear_object (&result);

  /* At 1080p it fits: $1.20. */
  rushes_engine_check_budget_async (f->engine, &model, &params, 1, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_engine_check_budget_finish (f->engine, rushes_test_await (&result), &error));
  g_assert_no_error (error);
  g_settings_reset (f->settings, "budget-per-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_assert_cmpint (argc, ==, 2);
  video_path = argv[1];

  g_test_add ("/rushes/live-refresh/refresh", Fixture, NULL, fixture_set_up, test_refresh, fixture_tear_down);
  g_test_add ("/rushes/live-refresh/failures", Fixture, NULL, fixture_set_up, test_refresh_failures,
              fixture_tear_down);
  g_test_add ("/rushes/live-refresh/quotes", Fixture, NULL, fixture_set_up, test_quotes, fixture_tear_down);
  g_test_add ("/rushes/live-refresh/budget", Fixture, NULL, fixture_set_up, test_budget, fixture_tear_down);

  return g_test_run ();
}
