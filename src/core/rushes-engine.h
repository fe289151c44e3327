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

#include <gio/gio.h>

#include "rushes-balances.h"
#include "rushes-config.h"
#include "rushes-credentials.h"
#include "rushes-http.h"
#include "rushes-library.h"
#include "rushes-model-catalog.h"
#include "rushes-reel-store.h"
#include "rushes-secret-store.h"
#include "rushes-shot.h"
#include "rushes-spend.h"
#include "rushes-task-runner.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_ENGINE (rushes_engine_get_type ())

G_DECLARE_FINAL_TYPE (RushesEngine, rushes_engine, RUSHES, ENGINE, GObject)

GSettings          *rushes_engine_new_settings               (void);

RushesEngine       *rushes_engine_new                        (RushesConfig        *config,
                                                              RushesSecretStore   *secrets,
                                                              GSettings           *settings);
RushesEngine       *rushes_engine_new_full                   (RushesConfig        *config,
                                                              RushesSecretStore   *secrets,
                                                              GSettings           *settings,
                                                              RushesLibrary       *library,
                                                              RushesModelCatalog  *catalog);

RushesConfig       *rushes_engine_get_config                 (RushesEngine        *self);
RushesSecretStore  *rushes_engine_get_secret_store           (RushesEngine        *self);
GSettings          *rushes_engine_get_settings               (RushesEngine        *self);
RushesLibrary      *rushes_engine_get_library                (RushesEngine        *self);
RushesModelCatalog *rushes_engine_get_catalog                (RushesEngine        *self);
RushesReelStore    *rushes_engine_get_reel_store             (RushesEngine        *self);
RushesTaskRunner   *rushes_engine_get_runner                 (RushesEngine        *self);
RushesHttp         *rushes_engine_get_http                   (RushesEngine        *self);
RushesBalances     *rushes_engine_get_balances               (RushesEngine        *self);

void                rushes_engine_lookup_credentials_async   (RushesEngine        *self,
                                                              const char          *provider_id,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
RushesCredentials  *rushes_engine_lookup_credentials_finish  (RushesEngine        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void                rushes_engine_list_ready_providers_async  (RushesEngine        *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
char              **rushes_engine_list_ready_providers_finish (RushesEngine        *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

void                rushes_engine_follow                     (RushesEngine        *self,
                                                              RushesTask          *task);
guint               rushes_engine_get_n_following            (RushesEngine        *self);
gboolean            rushes_engine_is_following               (RushesEngine        *self,
                                                              RushesTask          *task);
void                rushes_engine_stop_following             (RushesEngine        *self);

void                rushes_engine_follow_full                (RushesEngine        *self,
                                                              RushesTask          *task,
                                                              RushesRunFlags       flags);

void                rushes_engine_send_async                 (RushesEngine        *self,
                                                              GPtrArray           *takes,
                                                              RushesRunFlags       flags,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
void                rushes_engine_send_to_shot_async         (RushesEngine        *self,
                                                              GPtrArray           *takes,
                                                              const char          *shot,
                                                              RushesRunFlags       flags,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GPtrArray          *rushes_engine_send_finish                (RushesEngine        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

gboolean            rushes_engine_estimate_cost              (RushesEngine        *self,
                                                              RushesModel         *model,
                                                              RushesGenerationParams *params,
                                                              double              *cost_usd);
void                rushes_engine_get_budget                 (RushesEngine        *self,
                                                              RushesBudget        *budget);
gboolean            rushes_engine_check_budget               (RushesEngine        *self,
                                                              RushesModel        **models,
                                                              RushesGenerationParams **params,
                                                              guint                n_runs,
                                                              GError             **error);
gboolean            rushes_engine_measure_budget             (RushesEngine        *self,
                                                              const double        *estimates,
                                                              guint                n_runs,
                                                              RushesBudgetUse     *use);


RushesModel        *rushes_engine_get_default_model          (RushesEngine        *self,
                                                              const char * const  *ready_providers);

/**
 * RushesQuote:
 * @amount_usd: what the run would cost, in US dollars
 * @live: %TRUE when the amount is the provider's own price for these
 *   settings (@source is %RUSHES_QUOTE_SOURCE_PRICE_LIST or
 *   %RUSHES_QUOTE_SOURCE_PROVIDER), %FALSE for an estimate
 * @source: where the amount comes from
 * @note: (nullable): a sentence to show beside it: where the catalog's
 *   price comes from, or why no live quote could be had
 */
typedef struct
{
  double             amount_usd;
  gboolean           live;
  RushesQuoteSource  source;
  char              *note;
} RushesQuote;

#define RUSHES_TYPE_QUOTE (rushes_quote_get_type ())

GType               rushes_quote_get_type                    (void) G_GNUC_CONST;
RushesQuote        *rushes_quote_copy                        (const RushesQuote   *quote);
void                rushes_quote_free                        (RushesQuote         *quote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesQuote, rushes_quote_free)

void                rushes_engine_quote_async                (RushesEngine        *self,
                                                              RushesModel         *model,
                                                              RushesGenerationParams *params,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
RushesQuote        *rushes_engine_quote_finish               (RushesEngine        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void                rushes_engine_check_budget_async         (RushesEngine        *self,
                                                              RushesModel        **models,
                                                              RushesGenerationParams **params,
                                                              guint                n_runs,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            rushes_engine_check_budget_finish        (RushesEngine        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/**
 * RushesCatalogRefresh:
 * @provider_id: a provider with a key and a live listing
 * @n_models: how many models its listing has now (0 when it failed)
 * @error: (nullable): why it could not be read; its cached listing stays
 */
typedef struct
{
  char   *provider_id;
  guint   n_models;
  GError *error;
} RushesCatalogRefresh;

void                rushes_catalog_refresh_free              (RushesCatalogRefresh *refresh);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesCatalogRefresh, rushes_catalog_refresh_free)

void                rushes_engine_refresh_catalog_async      (RushesEngine        *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GPtrArray          *rushes_engine_refresh_catalog_finish     (RushesEngine        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
GTimeSpan           rushes_engine_get_catalog_age            (RushesEngine        *self);
void                rushes_engine_refresh_catalog            (RushesEngine        *self);
gboolean            rushes_engine_get_catalog_refreshing     (RushesEngine        *self);
GPtrArray          *rushes_engine_get_catalog_refresh_results (RushesEngine       *self);

G_END_DECLS
