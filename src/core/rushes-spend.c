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

#define G_LOG_DOMAIN "rushes-spend"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-provider.h"
#include "rushes-spend.h"

/*
 * Spend comes from the library's own records: what each run cost as the
 * provider reported it, or, until it does, the catalog's estimate (and
 * the total says so). Runs a provider did not bill (failed or cancelled
 * without a cost) count as nothing; drafts never went out. The offline
 * Sandbox costs nothing and is left out.
 */

struct _RushesSpendReport
{
  double      total_usd;
  guint       runs;
  gboolean    estimated;
  GPtrArray  *by_provider;  /* RushesSpendLine */
  GPtrArray  *by_model;
  GPtrArray  *by_day;
};

static void
spend_line_free (RushesSpendLine *line)
{
  g_free (line->key);
  g_free (line);
}

/**
 * rushes_spend_task_cost:
 * @estimated: (out) (optional): whether the amount is an estimate
 * @counted: (out) (optional): whether the task went out to a paying
 *   provider (a run)
 *
 * Returns: what @task cost, or is expected to cost, in USD
 */
double
rushes_spend_task_cost (RushesTask         *task,
                        RushesModelCatalog *catalog,
                        gboolean           *estimated,
                        gboolean           *counted)
{
  double cost = rushes_task_get_cost_usd (task);
  double estimate = 0;
  RushesModel *model;
  gboolean sent;

  g_return_val_if_fail (RUSHES_IS_TASK (task), 0);

  if (estimated != NULL)
    *estimated = FALSE;

  sent = rushes_task_get_state (task) != RUSHES_TASK_STATE_DRAFT &&
         rushes_provider_id_needs_key (rushes_task_get_provider_id (task)) &&
         !(rushes_task_get_state (task) == RUSHES_TASK_STATE_CANCELLED && rushes_task_get_remote_id (task) == NULL) &&
         !(rushes_task_get_state (task) == RUSHES_TASK_STATE_FAILED && rushes_task_get_remote_id (task) == NULL);
  if (counted != NULL)
    *counted = sent;
  if (!sent)
    return 0;

  if (cost >= 0)
    return cost;

  switch (rushes_task_get_state (task))
    {
    /* Not billed unless the provider said so. */
    case RUSHES_TASK_STATE_FAILED:
    case RUSHES_TASK_STATE_CANCELLED:
      return 0;

    /* Made, or on their way: the estimate until the provider tells. An
     * uncertain submit may have been billed: counted, to be safe. */
    case RUSHES_TASK_STATE_SUCCEEDED:
    case RUSHES_TASK_STATE_SUBMITTING:
    case RUSHES_TASK_STATE_UNCERTAIN:
    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_DOWNLOADING:
    case RUSHES_TASK_STATE_DRAFT:
    default:
      break;
    }

  model = catalog != NULL ? rushes_model_catalog_lookup (catalog, rushes_task_get_model_id (task)) : NULL;
  if (model != NULL && !rushes_model_estimate_cost (model, rushes_task_get_params (task), &estimate))
    estimate = 0;
  if (estimated != NULL)
    *estimated = TRUE;
  return MAX (estimate, 0);
}

static void
add_to (GHashTable *lines,
        const char *key,
        double      cost,
        gboolean    estimated)
{
  RushesSpendLine *line = g_hash_table_lookup (lines, key);

  if (line == NULL)
    {
      line = g_new0 (RushesSpendLine, 1);
      line->key = g_strdup (key);
      g_hash_table_insert (lines, line->key, line);
    }
  line->total_usd += cost;
  line->runs++;
  line->estimated |= estimated;
}

static int
compare_by_total (gconstpointer a,
                  gconstpointer b)
{
  const RushesSpendLine *la = *(const RushesSpendLine **) a;
  const RushesSpendLine *lb = *(const RushesSpendLine **) b;

  if (la->total_usd != lb->total_usd)
    return la->total_usd > lb->total_usd ? -1 : 1;
  return g_strcmp0 (la->key, lb->key);
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 ((*(const RushesSpendLine **) a)->key, (*(const RushesSpendLine **) b)->key);
}

static GPtrArray *
lines_to_array (GHashTable       *lines,
                GCompareFunc      compare)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) spend_line_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, lines);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (array, value);
    }
  g_ptr_array_sort (array, compare);
  return array;
}

/**
 * rushes_spend_report_new:
 * @tasks: (element-type RushesTask): the library
 * @catalog: (nullable): for estimates of costs not reported yet
 * @since: (nullable): the first moment counted
 * @until: (nullable): the first moment not counted
 * @zone: (nullable): the zone whose days count (the local one by default)
 *
 * Adds up the runs created from @since to @until, by provider, by model
 * and by local day.
 *
 * Returns: (transfer full): the report
 */
RushesSpendReport *
rushes_spend_report_new (GListModel         *tasks,
                         RushesModelCatalog *catalog,
                         GDateTime          *since,
                         GDateTime          *until,
                         GTimeZone          *zone)
{
  g_autoptr(GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) models = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GTimeZone) local = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  RushesSpendReport *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), NULL);

  self = g_new0 (RushesSpendReport, 1);
  n = g_list_model_get_n_items (tasks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (tasks, i);
      GDateTime *created = rushes_task_get_created_at (task);
      g_autoptr(GDateTime) day_time = NULL;
      g_autofree char *day = NULL;
      gboolean estimated;
      gboolean counted;
      double cost;

      if (created == NULL ||
          (since != NULL && g_date_time_compare (created, since) < 0) ||
          (until != NULL && g_date_time_compare (created, until) >= 0))
        continue;

      cost = rushes_spend_task_cost (task, catalog, &estimated, &counted);
      if (!counted)
        continue;

      day_time = g_date_time_to_timezone (created, local);
      day = g_date_time_format (day_time, "%Y-%m-%d");

      self->total_usd += cost;
      self->runs++;
      self->estimated |= estimated;
      add_to (providers, rushes_task_get_provider_id (task), cost, estimated);
      add_to (models, rushes_task_get_model_id (task), cost, estimated);
      add_to (days, day, cost, estimated);
    }

  self->by_provider = lines_to_array (providers, compare_by_total);
  self->by_model = lines_to_array (models, compare_by_total);
  self->by_day = lines_to_array (days, compare_by_key);
  return self;
}

void
rushes_spend_report_free (RushesSpendReport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->by_provider, g_ptr_array_unref);
  g_clear_pointer (&self->by_model, g_ptr_array_unref);
  g_clear_pointer (&self->by_day, g_ptr_array_unref);
  g_free (self);
}

/**
 * rushes_spend_report_get_total:
 * @estimated: (out) (optional): whether part of it is an estimate
 */
double
rushes_spend_report_get_total (RushesSpendReport *self,
                               gboolean          *estimated)
{
  g_return_val_if_fail (self != NULL, 0);

  if (estimated != NULL)
    *estimated = self->estimated;
  return self->total_usd;
}

guint
rushes_spend_report_get_runs (RushesSpendReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->runs;
}

/**
 * rushes_spend_report_get_by_provider:
 *
 * Returns: (transfer none) (element-type RushesSpendLine): highest first
 */
GPtrArray *
rushes_spend_report_get_by_provider (RushesSpendReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->by_provider;
}

/**
 * rushes_spend_report_get_by_model:
 *
 * Returns: (transfer none) (element-type RushesSpendLine): highest first
 */
GPtrArray *
rushes_spend_report_get_by_model (RushesSpendReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->by_model;
}

/**
 * rushes_spend_report_get_by_day:
 *
 * Returns: (transfer none) (element-type RushesSpendLine): oldest first,
 *   only days with runs
 */
GPtrArray *
rushes_spend_report_get_by_day (RushesSpendReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->by_day;
}

static void
add_lines (JsonBuilder *builder,
           const char  *name,
           const char  *key_name,
           GPtrArray   *lines)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    {
      RushesSpendLine *line = g_ptr_array_index (lines, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, key_name);
      json_builder_add_string_value (builder, line->key);
      json_builder_set_member_name (builder, "total_usd");
      json_builder_add_double_value (builder, line->total_usd);
      json_builder_set_member_name (builder, "runs");
      json_builder_add_int_value (builder, line->runs);
      json_builder_set_member_name (builder, "estimated");
      json_builder_add_boolean_value (builder, line->estimated);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * rushes_spend_report_to_json:
 *
 * `{"total_usd", "estimated", "runs", "by_provider": [{"provider",
 * "total_usd", "runs", "estimated"}], "by_model": [{"model", …}],
 * "by_day": [{"date", …}]}`, as `rushes-cli spend --json` prints it.
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
rushes_spend_report_to_json (RushesSpendReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total_usd");
  json_builder_add_double_value (builder, self->total_usd);
  json_builder_set_member_name (builder, "estimated");
  json_builder_add_boolean_value (builder, self->estimated);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, self->runs);
  add_lines (builder, "by_provider", "provider", self->by_provider);
  add_lines (builder, "by_model", "model", self->by_model);
  add_lines (builder, "by_day", "date", self->by_day);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * rushes_spend_start_of_day:
 * @zone: (nullable): the zone whose days count (local by default)
 *
 * Returns: (transfer full): local midnight at the start of @time's day
 */
GDateTime *
rushes_spend_start_of_day (GDateTime *time,
                           GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) there = g_date_time_to_timezone (time, local);

  return g_date_time_new (local, g_date_time_get_year (there), g_date_time_get_month (there),
                          g_date_time_get_day_of_month (there), 0, 0, 0);
}

/**
 * rushes_spend_start_of_week:
 *
 * Returns: (transfer full): local midnight at the start of @time's week
 *   (Monday, as ISO 8601 counts)
 */
GDateTime *
rushes_spend_start_of_week (GDateTime *time,
                            GTimeZone *zone)
{
  g_autoptr(GDateTime) day = rushes_spend_start_of_day (time, zone);
  g_autoptr(GTimeZone) local = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));

  /* Days of different lengths (a change of daylight saving time) move
   * the hour: land on midnight again. */
  return g_date_time_new (local, g_date_time_get_year (monday), g_date_time_get_month (monday),
                          g_date_time_get_day_of_month (monday), 0, 0, 0);
}

/**
 * rushes_spend_start_of_month:
 *
 * Returns: (transfer full): local midnight on the first of @time's month
 */
GDateTime *
rushes_spend_start_of_month (GDateTime *time,
                             GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) there = g_date_time_to_timezone (time, local);

  return g_date_time_new (local, g_date_time_get_year (there), g_date_time_get_month (there), 1, 0, 0, 0);
}

/**
 * rushes_budget_load:
 * @settings: (nullable): the app's settings; without them, no budget
 */
void
rushes_budget_load (RushesBudget *budget,
                    GSettings    *settings)
{
  g_return_if_fail (budget != NULL);

  budget->per_run = settings != NULL ? g_settings_get_double (settings, "budget-per-run") : 0;
  budget->daily = settings != NULL ? g_settings_get_double (settings, "budget-daily") : 0;
  budget->monthly = settings != NULL ? g_settings_get_double (settings, "budget-monthly") : 0;
}

gboolean
rushes_budget_is_set (const RushesBudget *budget)
{
  g_return_val_if_fail (budget != NULL, FALSE);

  return budget->per_run > 0 || budget->daily > 0 || budget->monthly > 0;
}

static double
spent_since (GListModel         *tasks,
             RushesModelCatalog *catalog,
             GDateTime          *since)
{
  g_autoptr(RushesSpendReport) report = rushes_spend_report_new (tasks, catalog, since, NULL, NULL);

  return rushes_spend_report_get_total (report, NULL);
}

/* A cent of tolerance: estimates are shown rounded to cents. */
#define WITHIN(amount, limit) ((amount) <= (limit) + 0.005)

static double
budget_limit (const RushesBudget *budget,
              RushesBudgetKind    kind)
{
  switch (kind)
    {
    case RUSHES_BUDGET_PER_RUN:
      return budget->per_run;
    case RUSHES_BUDGET_DAILY:
      return budget->daily;
    case RUSHES_BUDGET_MONTHLY:
      return budget->monthly;
    default:
      g_assert_not_reached ();
    }
}

/* What one budget would hold after the runs: the per-run maximum against
 * the dearest run, a period's budget against what was spent in it plus
 * every run. */
static void
measure_one (const RushesBudget *budget,
             RushesBudgetKind    kind,
             GListModel         *tasks,
             RushesModelCatalog *catalog,
             const double       *estimates,
             guint               n_estimates,
             GDateTime          *at,
             GTimeZone          *zone,
             RushesBudgetUse    *use)
{
  use->kind = kind;
  use->limit = budget_limit (budget, kind);
  use->spent = 0;
  use->estimate = 0;

  for (guint i = 0; i < n_estimates; i++)
    {
      if (kind == RUSHES_BUDGET_PER_RUN)
        use->estimate = MAX (use->estimate, estimates[i]);
      else
        use->estimate += estimates[i];
    }

  if (kind == RUSHES_BUDGET_DAILY)
    {
      g_autoptr(GDateTime) day = rushes_spend_start_of_day (at, zone);

      use->spent = spent_since (tasks, catalog, day);
    }
  else if (kind == RUSHES_BUDGET_MONTHLY)
    {
      g_autoptr(GDateTime) month = rushes_spend_start_of_month (at, zone);

      use->spent = spent_since (tasks, catalog, month);
    }
}

/**
 * rushes_budget_kind_to_string:
 *
 * Returns: the budget's name in settings and errors: "per-run", "daily"
 *   or "monthly"
 */
const char *
rushes_budget_kind_to_string (RushesBudgetKind kind)
{
  static const char * const names[] = { "per-run", "daily", "monthly" };

  g_return_val_if_fail (kind <= RUSHES_BUDGET_MONTHLY, NULL);

  return names[kind];
}

/**
 * rushes_budget_use_get_fraction:
 *
 * Returns: how much of the budget the runs would use, 1 being all of it
 */
double
rushes_budget_use_get_fraction (const RushesBudgetUse *use)
{
  g_return_val_if_fail (use != NULL && use->limit > 0, 0);

  return (use->spent + use->estimate) / use->limit;
}

/**
 * rushes_budget_use_fits:
 *
 * Returns: whether the runs stay within the budget (a cent of tolerance:
 *   estimates are shown rounded to cents)
 */
gboolean
rushes_budget_use_fits (const RushesBudgetUse *use)
{
  g_return_val_if_fail (use != NULL, TRUE);

  return WITHIN (use->spent + use->estimate, use->limit);
}

/**
 * rushes_budget_measure:
 * @tasks: (element-type RushesTask): the library (what was spent)
 * @estimates: (array length=n_estimates): each run's estimate
 * @now: (nullable): the time (now by default)
 * @zone: (nullable): whose days and months count (local by default)
 * @use: (out caller-allocates): the budget the runs would use most of
 *
 * How close runs about to be sent come to the user's budgets: the
 * composer's cost line warns as a budget nears.
 *
 * Returns: %FALSE when no budget is set
 */
gboolean
rushes_budget_measure (const RushesBudget *budget,
                       GListModel         *tasks,
                       RushesModelCatalog *catalog,
                       const double       *estimates,
                       guint               n_estimates,
                       GDateTime          *now,
                       GTimeZone          *zone,
                       RushesBudgetUse    *use)
{
  g_autoptr(GDateTime) at = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  gboolean found = FALSE;

  g_return_val_if_fail (budget != NULL, FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), FALSE);
  g_return_val_if_fail (estimates != NULL || n_estimates == 0, FALSE);
  g_return_val_if_fail (use != NULL, FALSE);

  for (RushesBudgetKind kind = RUSHES_BUDGET_PER_RUN; kind <= RUSHES_BUDGET_MONTHLY; kind++)
    {
      RushesBudgetUse one;

      if (budget_limit (budget, kind) <= 0)
        continue;

      measure_one (budget, kind, tasks, catalog, estimates, n_estimates, at, zone, &one);
      if (!found || rushes_budget_use_get_fraction (&one) > rushes_budget_use_get_fraction (use))
        *use = one;
      found = TRUE;
    }

  return found;
}

/**
 * rushes_budget_check:
 * @tasks: (element-type RushesTask): the library (what was spent)
 * @estimates: (array length=n_estimates): the estimate of each run about
 *   to be sent (several for a fan-out of takes, checked as a whole)
 * @now: (nullable): the time of the check (now by default)
 * @zone: (nullable): whose days and months count (local by default)
 * @error: a %RUSHES_ERROR_INVALID_INPUT naming the budget, the amount
 *   spent and the estimate, with rushes_error_get_budget() set
 *
 * The same rule for the app and the CLI: each run's estimate under the
 * per-run maximum, and what was spent in the period plus the estimates
 * under the daily and monthly budgets.
 *
 * Returns: %TRUE when the runs fit
 */
gboolean
rushes_budget_check (const RushesBudget *budget,
                     GListModel         *tasks,
                     RushesModelCatalog *catalog,
                     const double       *estimates,
                     guint               n_estimates,
                     GDateTime          *now,
                     GTimeZone          *zone,
                     GError            **error)
{
  g_autoptr(GDateTime) at = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();

  g_return_val_if_fail (budget != NULL, FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), FALSE);
  g_return_val_if_fail (estimates != NULL || n_estimates == 0, FALSE);

  for (RushesBudgetKind kind = RUSHES_BUDGET_PER_RUN; kind <= RUSHES_BUDGET_MONTHLY; kind++)
    {
      RushesBudgetUse use;

      if (budget_limit (budget, kind) <= 0)
        continue;

      measure_one (budget, kind, tasks, catalog, estimates, n_estimates, at, zone, &use);
      if (rushes_budget_use_fits (&use))
        continue;

      switch (kind)
        {
        case RUSHES_BUDGET_PER_RUN:
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("This run would pass your per-run maximum of $%.2f: it costs about $%.2f. "
                         "Nothing was sent."),
                       use.limit, use.estimate);
          break;

        case RUSHES_BUDGET_DAILY:
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "This would pass your daily budget of $%.2f: $%.2f spent today plus "
                                    "about $%.2f for this run. Nothing was sent.",
                                    "This would pass your daily budget of $%.2f: $%.2f spent today plus "
                                    "about $%.2f for these runs. Nothing was sent.", n_estimates),
                       use.limit, use.spent, use.estimate);
          break;

        case RUSHES_BUDGET_MONTHLY:
        default:
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "This would pass your monthly budget of $%.2f: $%.2f spent this month "
                                    "plus about $%.2f for this run. Nothing was sent.",
                                    "This would pass your monthly budget of $%.2f: $%.2f spent this month "
                                    "plus about $%.2f for these runs. Nothing was sent.", n_estimates),
                       use.limit, use.spent, use.estimate);
          break;
        }

      rushes_error_set_budget (*error, rushes_budget_kind_to_string (kind));
      return FALSE;
    }

  return TRUE;
}
