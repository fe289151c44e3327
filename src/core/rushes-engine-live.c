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

#define G_LOG_DOMAIN "rushes-engine-live"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rushes-engine.h"
#include "rushes-error.h"
#include "rushes-file.h"
#include "rushes-provider.h"

/* What the engine does with providers' live data: refreshing their
 * listings into the catalog's cache, and quoting a run from the freshest
 * price there is — the provider's answer, its price list, or the
 * catalog's hint — for estimates and budgets alike. */

G_DEFINE_BOXED_TYPE (RushesQuote, rushes_quote, rushes_quote_copy, rushes_quote_free)

RushesQuote *
rushes_quote_copy (const RushesQuote *quote)
{
  RushesQuote *copy;

  g_return_val_if_fail (quote != NULL, NULL);

  copy = g_memdup2 (quote, sizeof *quote);
  copy->note = g_strdup (quote->note);
  return copy;
}

void
rushes_quote_free (RushesQuote *quote)
{
  if (quote == NULL)
    return;

  g_free (quote->note);
  g_free (quote);
}

void
rushes_catalog_refresh_free (RushesCatalogRefresh *refresh)
{
  if (refresh == NULL)
    return;

  g_free (refresh->provider_id);
  g_clear_error (&refresh->error);
  g_free (refresh);
}

/* ------------------------------------------------------------------ */
/* Quotes */

typedef struct
{
  RushesModel            *model;
  RushesGenerationParams *params;
  RushesProvider         *provider;
  char                   *live_failure;   /* why the provider gave no quote */
} QuoteData;

static void
quote_data_free (QuoteData *data)
{
  g_clear_object (&data->model);
  g_clear_object (&data->params);
  g_clear_object (&data->provider);
  g_free (data->live_failure);
  g_free (data);
}

/* The catalog's price: the provider's price list if it has one for these
 * settings, else a hint. */
static void
quote_from_catalog (GTask *task)
{
  QuoteData *data = g_task_get_task_data (task);
  g_autoptr(RushesQuote) quote = g_new0 (RushesQuote, 1);
  gboolean from_price_list = FALSE;
  const char *note = rushes_model_get_price_note (data->model);

  if (!rushes_model_estimate_cost_full (data->model, data->params, &quote->amount_usd, &from_price_list))
    {
      if (data->live_failure != NULL)
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                                 _("No price is known for %s with these settings (%s)"),
                                 rushes_model_get_name (data->model), data->live_failure);
      else
        g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                                 _("No price is known for %s with these settings"), rushes_model_get_name (data->model));
      return;
    }

  quote->source = from_price_list ? RUSHES_QUOTE_SOURCE_PRICE_LIST : RUSHES_QUOTE_SOURCE_CATALOG;
  quote->live = from_price_list;
  if (data->live_failure != NULL && note != NULL)
    quote->note = g_strdup_printf ("%s %s", data->live_failure, note);
  else
    quote->note = g_strdup (data->live_failure != NULL ? data->live_failure : note);
  g_task_return_pointer (task, g_steal_pointer (&quote), (GDestroyNotify) rushes_quote_free);
}

static void
quote_provider_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuoteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RushesQuote *quote;
  double amount;

  if (!rushes_provider_quote_finish (RUSHES_PROVIDER (object), result, &amount, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("%s: no live quote: %s", rushes_model_get_id (data->model), error->message);
      data->live_failure = g_strdup_printf (_("%s could not quote it (%s)."),
                                            rushes_provider_get_name (data->provider), error->message);
      quote_from_catalog (task);
      return;
    }

  quote = g_new0 (RushesQuote, 1);
  quote->amount_usd = amount;
  quote->live = TRUE;
  quote->source = RUSHES_QUOTE_SOURCE_PROVIDER;
  quote->note = g_strdup_printf (_("%s's own price for these settings."), rushes_provider_get_name (data->provider));
  g_task_return_pointer (task, quote, (GDestroyNotify) rushes_quote_free);
}

static void
quote_credentials_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuoteData *data = g_task_get_task_data (task);
  g_autoptr(RushesCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  credentials = rushes_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (credentials == NULL)
    {
      quote_from_catalog (task);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  rushes_provider_quote_async (data->provider, credentials, data->model, data->params, cancellable,
                               quote_provider_cb, g_steal_pointer (&task));
}

/**
 * rushes_engine_quote_async:
 * @model: a model of the catalog
 * @params: what the run asks for
 *
 * Prices a run before it is sent, as exactly as can be: for a model whose
 * settings come from a live listing, the provider's own quote where it
 * gives one (WaveSpeed, with the body that would be sent); else the
 * provider's price list from the listing matched against the settings
 * (Wiro's `dynamicprice`); else the catalog's hint. Nothing is sent to a
 * provider without a key, and a quote that cannot be had falls back to
 * the next. Invalid @params are refused as rushes_model_validate() does.
 */
void
rushes_engine_quote_async (RushesEngine           *self,
                           RushesModel            *model,
                           RushesGenerationParams *params,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  QuoteData *data;

  g_return_if_fail (RUSHES_IS_ENGINE (self));
  g_return_if_fail (RUSHES_IS_MODEL (model));
  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (params));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_engine_quote_async);
  data = g_new0 (QuoteData, 1);
  data->model = g_object_ref (model);
  data->params = rushes_generation_params_copy (params);
  g_task_set_task_data (task, data, (GDestroyNotify) quote_data_free);

  if (!rushes_model_validate (model, params, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->provider = rushes_provider_new_for_id (rushes_model_get_provider_id (model), rushes_engine_get_http (self));
  if (data->provider == NULL || !rushes_model_get_live (model) || !rushes_provider_can_quote (data->provider))
    {
      quote_from_catalog (task);
      return;
    }

  rushes_credentials_lookup_async (rushes_engine_get_config (self), rushes_engine_get_secret_store (self),
                                   rushes_model_get_provider_id (model), cancellable,
                                   quote_credentials_cb, g_steal_pointer (&task));
}

/**
 * rushes_engine_quote_finish:
 *
 * Returns: (transfer full): the quote, or %NULL with an error:
 *   %RUSHES_ERROR_INVALID_INPUT for settings the model refuses,
 *   %RUSHES_ERROR_NOT_FOUND when no price is known at all,
 *   %G_IO_ERROR_CANCELLED
 */
RushesQuote *
rushes_engine_quote_finish (RushesEngine  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Budgets */

typedef struct
{
  GPtrArray *models;      /* RushesModel */
  GPtrArray *params;      /* RushesGenerationParams */
  double    *estimates;
  guint      next;
} BudgetData;

static void
budget_data_free (BudgetData *data)
{
  g_clear_pointer (&data->models, g_ptr_array_unref);
  g_clear_pointer (&data->params, g_ptr_array_unref);
  g_free (data->estimates);
  g_free (data);
}

static void budget_next (GTask *task);

static void
budget_quote_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BudgetData *data = g_task_get_task_data (task);
  g_autoptr(RushesQuote) quote = NULL;
  g_autoptr(GError) error = NULL;

  quote = rushes_engine_quote_finish (RUSHES_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A run without a known price counts as nothing. */
  data->estimates[data->next] = quote != NULL ? quote->amount_usd : 0;
  data->next++;
  budget_next (g_steal_pointer (&task));
}

static void
budget_next (GTask *task)
{
  RushesEngine *self = g_task_get_source_object (task);
  BudgetData *data = g_task_get_task_data (task);
  RushesBudget budget;
  GError *error = NULL;

  if (data->next < data->models->len)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      rushes_engine_quote_async (self, g_ptr_array_index (data->models, data->next),
                                 g_ptr_array_index (data->params, data->next), cancellable,
                                 budget_quote_cb, task);
      return;
    }

  rushes_engine_get_budget (self, &budget);
  if (rushes_budget_check (&budget, G_LIST_MODEL (rushes_engine_get_library (self)), rushes_engine_get_catalog (self),
                           data->estimates, data->models->len, NULL, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/**
 * rushes_engine_check_budget_async:
 * @models: (array length=n_runs): the model of each run about to be sent
 * @params: (array length=n_runs): what each run asks for
 *
 * rushes_engine_check_budget() with each run priced by
 * rushes_engine_quote_async(): a live quote where one exists. Nothing is
 * asked of a provider when no budget is set.
 */
void
rushes_engine_check_budget_async (RushesEngine            *self,
                                  RushesModel            **models,
                                  RushesGenerationParams **params,
                                  guint                    n_runs,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  GTask *task;
  BudgetData *data;
  RushesBudget budget;

  g_return_if_fail (RUSHES_IS_ENGINE (self));
  g_return_if_fail (n_runs == 0 || (models != NULL && params != NULL));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_engine_check_budget_async);

  rushes_engine_get_budget (self, &budget);
  if (!rushes_budget_is_set (&budget))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  data = g_new0 (BudgetData, 1);
  data->models = g_ptr_array_new_with_free_func (g_object_unref);
  data->params = g_ptr_array_new_with_free_func (g_object_unref);
  data->estimates = g_new0 (double, MAX (n_runs, 1));
  for (guint i = 0; i < n_runs; i++)
    {
      g_ptr_array_add (data->models, g_object_ref (models[i]));
      g_ptr_array_add (data->params, g_object_ref (params[i]));
    }
  g_task_set_task_data (task, data, (GDestroyNotify) budget_data_free);

  budget_next (task);
}

/**
 * rushes_engine_check_budget_finish:
 *
 * Returns: %TRUE when the runs fit the budgets; else a
 *   %RUSHES_ERROR_INVALID_INPUT with rushes_error_get_budget() set, or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean
rushes_engine_check_budget_finish (RushesEngine  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Refreshing the live catalog */

typedef struct
{
  GPtrArray *results;   /* RushesCatalogRefresh */
  guint      pending;
} RefreshData;

typedef struct
{
  GTask                *task;
  RushesCatalogRefresh *result;
  RushesProvider       *provider;
} RefreshCall;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_pointer (&data->results, g_ptr_array_unref);
  g_free (data);
}

static void
refresh_call_free (RefreshCall *call)
{
  g_clear_object (&call->provider);
  g_free (call);
}

static void
refresh_step (GTask *task)
{
  RefreshData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;

  /* Providers without a key were not asked: they are not in the answer. */
  for (guint i = data->results->len; i > 0; i--)
    {
      RushesCatalogRefresh *result = g_ptr_array_index (data->results, i - 1);

      if (result->error != NULL && g_error_matches (result->error, RUSHES_ERROR, RUSHES_ERROR_AUTH) &&
          rushes_error_get_missing_key (result->error) != NULL)
        g_ptr_array_remove_index (data->results, i - 1);
    }

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&data->results), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

/* Writes the listing where the catalog finds it next time, then puts it
 * in the catalog. A failure leaves the cache and the catalog as they were. */
static gboolean
store_listing (RushesEngine  *self,
               const char    *provider_id,
               JsonArray     *entries,
               GError       **error)
{
  g_autoptr(GFile) directory = rushes_model_catalog_get_cache_directory ();
  g_autofree char *name = g_strconcat (provider_id, ".json", NULL);
  g_autoptr(GFile) file = g_file_get_child (directory, name);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) cache = rushes_model_catalog_write_live (provider_id, now, entries);
  gsize length;
  const char *text = g_bytes_get_data (cache, &length);

  if (g_mkdir_with_parents (g_file_peek_path (directory), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot make the folder %s: %s"), g_file_peek_path (directory), g_strerror (saved_errno));
      return FALSE;
    }

  return rushes_file_set_contents (file, text, length, 0600, error) &&
         rushes_model_catalog_load_live (rushes_engine_get_catalog (self), provider_id, cache,
                                         g_file_peek_path (file), error);
}

static void
refresh_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RefreshCall *call = user_data;
  RushesEngine *self = g_task_get_source_object (call->task);
  g_autoptr(JsonArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = rushes_provider_list_models_finish (RUSHES_PROVIDER (object), result, &error);
  if (entries != NULL && store_listing (self, call->result->provider_id, entries, &error))
    call->result->n_models = json_array_get_length (entries);
  else
    {
      g_debug ("%s's listing not refreshed: %s", call->result->provider_id, error->message);
      call->result->error = g_steal_pointer (&error);
    }

  refresh_step (call->task);
  refresh_call_free (call);
}

static void
refresh_credentials_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  RefreshCall *call = user_data;
  g_autoptr(RushesCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = rushes_credentials_lookup_finish (result, &error);
  if (credentials == NULL)
    {
      call->result->error = g_steal_pointer (&error);
      refresh_step (call->task);
      refresh_call_free (call);
      return;
    }

  rushes_provider_list_models_async (call->provider, credentials, g_task_get_cancellable (call->task),
                                     refresh_listed_cb, call);
}

/**
 * rushes_engine_refresh_catalog_async:
 *
 * Reads the live listing of every provider that publishes one and has a
 * key (Wiro, WaveSpeed), side by side, and puts each in the catalog and
 * in its cache (`$XDG_CACHE_HOME/rushes/models/<provider>.json`, written
 * atomically). A listing that cannot be read leaves that provider's
 * cached models as they were. The app calls this at most once a day
 * (rushes_engine_get_catalog_age()) and when the user asks.
 */
void
rushes_engine_refresh_catalog_async (RushesEngine        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const char * const *ids = rushes_provider_list_ids ();
  GTask *task;
  RefreshData *data;

  g_return_if_fail (RUSHES_IS_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_engine_refresh_catalog_async);
  data = g_new0 (RefreshData, 1);
  data->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_catalog_refresh_free);
  data->pending = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(RushesProvider) provider = NULL;
      RefreshCall *call;

      if (!rushes_provider_id_needs_key (ids[i]))
        continue;
      provider = rushes_provider_new_for_id (ids[i], rushes_engine_get_http (self));
      if (provider == NULL || !rushes_provider_can_list_models (provider))
        continue;

      call = g_new0 (RefreshCall, 1);
      call->task = task;
      call->provider = g_steal_pointer (&provider);
      call->result = g_new0 (RushesCatalogRefresh, 1);
      call->result->provider_id = g_strdup (ids[i]);
      g_ptr_array_add (data->results, call->result);
      data->pending++;
      rushes_credentials_lookup_async (rushes_engine_get_config (self), rushes_engine_get_secret_store (self),
                                       ids[i], cancellable, refresh_credentials_cb, call);
    }

  refresh_step (task);
}

/**
 * rushes_engine_refresh_catalog_finish:
 *
 * Returns: (transfer full) (element-type RushesCatalogRefresh): one row
 *   per provider that was asked (those with a key), each with its count
 *   of models or its error; %NULL only with %G_IO_ERROR_CANCELLED
 */
GPtrArray *
rushes_engine_refresh_catalog_finish (RushesEngine  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rushes_engine_get_catalog_age:
 *
 * How old the catalog's live models are: the age of the oldest cached
 * listing (rushes_model_catalog_get_fetched_at() says it per provider).
 *
 * Returns: the age in microseconds, or -1 when no listing was ever read
 */
GTimeSpan
rushes_engine_get_catalog_age (RushesEngine *self)
{
  const char * const *ids = rushes_provider_list_ids ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan age = -1;

  g_return_val_if_fail (RUSHES_IS_ENGINE (self), -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GDateTime *fetched_at = rushes_model_catalog_get_fetched_at (rushes_engine_get_catalog (self), ids[i]);

      if (fetched_at != NULL)
        age = MAX (age, MAX (g_date_time_difference (now, fetched_at), 0));
    }

  return age;
}
