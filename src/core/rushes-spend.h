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
#include <json-glib/json-glib.h>

#include "rushes-model-catalog.h"
#include "rushes-task.h"

G_BEGIN_DECLS

/**
 * RushesSpendLine:
 * @key: a provider id, a model id, or a local date (YYYY-MM-DD)
 * @total_usd: what was spent
 * @runs: how many runs went out
 * @estimated: whether part of @total_usd is an estimate (a cost the
 *   provider has not reported yet)
 */
typedef struct
{
  char     *key;
  double    total_usd;
  guint     runs;
  gboolean  estimated;
} RushesSpendLine;

typedef struct _RushesSpendReport RushesSpendReport;

double             rushes_spend_task_cost            (RushesTask         *task,
                                                      RushesModelCatalog *catalog,
                                                      gboolean           *estimated,
                                                      gboolean           *counted);

RushesSpendReport *rushes_spend_report_new           (GListModel         *tasks,
                                                      RushesModelCatalog *catalog,
                                                      GDateTime          *since,
                                                      GDateTime          *until,
                                                      GTimeZone          *zone);
void               rushes_spend_report_free          (RushesSpendReport  *self);
double             rushes_spend_report_get_total     (RushesSpendReport  *self,
                                                      gboolean           *estimated);
guint              rushes_spend_report_get_runs      (RushesSpendReport  *self);
GPtrArray         *rushes_spend_report_get_by_provider (RushesSpendReport *self);
GPtrArray         *rushes_spend_report_get_by_model  (RushesSpendReport  *self);
GPtrArray         *rushes_spend_report_get_by_day    (RushesSpendReport  *self);
JsonNode          *rushes_spend_report_to_json       (RushesSpendReport  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesSpendReport, rushes_spend_report_free)

GDateTime         *rushes_spend_start_of_day         (GDateTime          *time,
                                                      GTimeZone          *zone);
GDateTime         *rushes_spend_start_of_week        (GDateTime          *time,
                                                      GTimeZone          *zone);
GDateTime         *rushes_spend_start_of_month       (GDateTime          *time,
                                                      GTimeZone          *zone);

/**
 * RushesBudget:
 * @per_run: the most one run may cost, or 0 for no limit
 * @daily: the most a local day may cost, or 0
 * @monthly: the most a calendar month may cost, or 0
 *
 * The user's budgets, in USD (GSettings budget-per-run, budget-daily,
 * budget-monthly).
 */
typedef struct
{
  double per_run;
  double daily;
  double monthly;
} RushesBudget;

/**
 * RushesBudgetKind:
 * @RUSHES_BUDGET_PER_RUN: the most one run may cost
 * @RUSHES_BUDGET_DAILY: the most a local day may cost
 * @RUSHES_BUDGET_MONTHLY: the most a calendar month may cost
 */
typedef enum
{
  RUSHES_BUDGET_PER_RUN,
  RUSHES_BUDGET_DAILY,
  RUSHES_BUDGET_MONTHLY,
} RushesBudgetKind;

/**
 * RushesBudgetUse:
 * @kind: which budget
 * @limit: its amount, in USD
 * @spent: what its period already cost (0 for the per-run maximum)
 * @estimate: what the runs about to be sent would add (the dearest run
 *   for the per-run maximum)
 */
typedef struct
{
  RushesBudgetKind kind;
  double           limit;
  double           spent;
  double           estimate;
} RushesBudgetUse;

const char        *rushes_budget_kind_to_string      (RushesBudgetKind    kind);
double             rushes_budget_use_get_fraction    (const RushesBudgetUse *use);
gboolean           rushes_budget_use_fits            (const RushesBudgetUse *use);

void               rushes_budget_load                (RushesBudget       *budget,
                                                      GSettings          *settings);
gboolean           rushes_budget_is_set              (const RushesBudget *budget);
gboolean           rushes_budget_check               (const RushesBudget *budget,
                                                      GListModel         *tasks,
                                                      RushesModelCatalog *catalog,
                                                      const double       *estimates,
                                                      guint               n_estimates,
                                                      GDateTime          *now,
                                                      GTimeZone          *zone,
                                                      GError            **error);
gboolean           rushes_budget_measure             (const RushesBudget *budget,
                                                      GListModel         *tasks,
                                                      RushesModelCatalog *catalog,
                                                      const double       *estimates,
                                                      guint               n_estimates,
                                                      GDateTime          *now,
                                                      GTimeZone          *zone,
                                                      RushesBudgetUse    *use);

G_END_DECLS
