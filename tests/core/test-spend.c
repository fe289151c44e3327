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

#define G_LOG_DOMAIN "test-spend"

#include "config.h"

#include <math.h>

#include "rushes-core.h"
#include "rushes-providers.h"
#include "rushes-task-private.h"

/* Spend arithmetic and budget rules over hand-made records: reported
 * costs, estimates, failures not billed, local days in two zones. */

static RushesTask *
make_task (const char *id,
           const char *created,
           const char *model,
           const char *state,
           const char *cost,
           const char *remote_id,
           const char *params)
{
  g_autofree char *text = g_strdup_printf (
    "{\"version\": 1, \"id\": \"%s\", \"model\": \"%s\", \"provider\": \"%.*s\", \"state\": \"%s\", "
    "\"prompt\": \"p\", \"params\": %s, \"remote_id\": %s, \"created_at\": \"%s\", \"cost_usd\": %s}",
    id, model, (int) (strchr (model, '/') - model), model, state, params,
    remote_id != NULL ? remote_id : "null", created, cost != NULL ? cost : "null");
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path ("/nonexistent");
  g_autoptr(GError) error = NULL;
  RushesTask *task = _rushes_task_new_from_record (root, folder, &error);

  g_assert_no_error (error);
  return task;
}

#define SORA "{\"aspect_ratio\": \"auto\", \"duration\": 4, \"resolution\": \"720p\", \"image\": null}"
#define VEO  "{\"aspect_ratio\": \"16:9\", \"duration\": 8, \"resolution\": \"720p\", \"audio\": true}"

static GListStore *
library (void)
{
  GListStore *store = g_list_store_new (RUSHES_TYPE_TASK);
  RushesTask *tasks[] = {
    /* Reported costs, two local days in Europe/Paris, one UTC day. */
    make_task ("a", "2026-03-01T22:30:00Z", "wiro/openai/sora-2", "succeeded", "0.00351", "\"1\"", SORA),
    make_task ("b", "2026-03-01T23:30:00Z", "wiro/openai/sora-2", "succeeded", "0.00351", "\"2\"", SORA),
    /* Failed and not billed: nothing; failed but billed: its cost. */
    make_task ("c", "2026-03-01T10:00:00Z", "wiro/openai/sora-2", "failed", NULL, "\"3\"", SORA),
    make_task ("d", "2026-03-01T11:00:00Z", "wiro/openai/sora-2", "failed", "0.02", "\"4\"", SORA),
    /* Not reported yet: the catalog's estimate, flagged. */
    make_task ("e", "2026-03-01T12:00:00Z", "wavespeed/google/veo3.1-fast", "running", NULL, "\"5\"", VEO),
    /* Never sent: not a run. */
    make_task ("f", "2026-03-01T12:30:00Z", "wavespeed/google/veo3.1-fast", "draft", NULL, NULL, VEO),
    make_task ("g", "2026-03-01T12:40:00Z", "wavespeed/google/veo3.1-fast", "cancelled", NULL, NULL, VEO),
    /* Free, offline. */
    make_task ("h", "2026-03-01T13:00:00Z", "sandbox/preview", "succeeded", "0", "\"6\"", SORA),
    /* Another month. */
    make_task ("i", "2026-02-28T09:00:00Z", "wiro/openai/sora-2", "succeeded", "0.14", "\"7\"", SORA),
  };

  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    {
      g_list_store_append (store, tasks[i]);
      g_object_unref (tasks[i]);
    }
  return store;
}

static RushesSpendLine *
find_line (GPtrArray  *lines,
           const char *key)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (((RushesSpendLine *) g_ptr_array_index (lines, i))->key, key))
      return g_ptr_array_index (lines, i);
  return NULL;
}

static void
test_report (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(GListStore) tasks = library ();
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) march = g_date_time_new (paris, 2026, 3, 1, 0, 0, 0);
  g_autoptr(RushesSpendReport) all = rushes_spend_report_new (G_LIST_MODEL (tasks), catalog, NULL, NULL, paris);
  g_autoptr(RushesSpendReport) since = rushes_spend_report_new (G_LIST_MODEL (tasks), catalog, march, NULL, paris);
  g_autoptr(RushesSpendReport) in_utc = rushes_spend_report_new (G_LIST_MODEL (tasks), catalog, NULL, NULL, utc);
  RushesSpendLine *line;
  gboolean estimated;

  /* 0.00351 × 2 + 0.02 billed failure + 1.20 estimate (Veo 8 s, sound) + 0.14 */
  g_assert_cmpfloat_with_epsilon (rushes_spend_report_get_total (all, &estimated), 1.36702, 1e-9);
  g_assert_true (estimated);
  g_assert_cmpuint (rushes_spend_report_get_runs (all), ==, 6);

  line = find_line (rushes_spend_report_get_by_provider (all), "wiro");
  g_assert_cmpfloat_with_epsilon (line->total_usd, 0.16702, 1e-9);
  g_assert_cmpuint (line->runs, ==, 5);
  g_assert_false (line->estimated);
  line = find_line (rushes_spend_report_get_by_provider (all), "wavespeed");
  g_assert_cmpfloat_with_epsilon (line->total_usd, 1.2, 1e-9);
  g_assert_true (line->estimated);
  g_assert_null (find_line (rushes_spend_report_get_by_provider (all), "sandbox"));
  /* Highest first. */
  g_assert_cmpstr (((RushesSpendLine *) g_ptr_array_index (rushes_spend_report_get_by_provider (all), 0))->key,
                   ==, "wavespeed");

  /* In Paris, 22:30 and 23:30 UTC are the 1st and the 2nd of March. */
  g_assert_cmpfloat_with_epsilon (find_line (rushes_spend_report_get_by_day (all), "2026-03-01")->total_usd,
                                  0.00351 + 0.02 + 1.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (find_line (rushes_spend_report_get_by_day (all), "2026-03-02")->total_usd,
                                  0.00351, 1e-9);
  /* In UTC, both on the 1st. */
  g_assert_null (find_line (rushes_spend_report_get_by_day (in_utc), "2026-03-02"));
  g_assert_cmpuint (find_line (rushes_spend_report_get_by_day (in_utc), "2026-03-01")->runs, ==, 5);
  /* Days oldest first. */
  g_assert_cmpstr (((RushesSpendLine *) g_ptr_array_index (rushes_spend_report_get_by_day (all), 0))->key,
                   ==, "2026-02-28");

  g_assert_cmpfloat_with_epsilon (rushes_spend_report_get_total (since, NULL), 1.22702, 1e-9);
}

static void
test_periods (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  /* Sunday 29 March 2026, 01:30 UTC: 03:30 in Paris, just after the
   * change to summer time. */
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 3, 29, 1, 30, 0);
  g_autoptr(GDateTime) day = rushes_spend_start_of_day (at, paris);
  g_autoptr(GDateTime) week = rushes_spend_start_of_week (at, paris);
  g_autoptr(GDateTime) month = rushes_spend_start_of_month (at, paris);
  g_autofree char *day_text = g_date_time_format_iso8601 (day);
  g_autofree char *week_text = g_date_time_format_iso8601 (week);
  g_autofree char *month_text = g_date_time_format_iso8601 (month);

  g_assert_cmpstr (day_text, ==, "2026-03-29T00:00:00+01");
  g_assert_cmpstr (week_text, ==, "2026-03-23T00:00:00+01");
  g_assert_cmpstr (month_text, ==, "2026-03-01T00:00:00+01");
}

static void
test_budget_rules (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(GListStore) tasks = library ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 18, 0, 0);
  RushesBudget none = { 0, 0, 0 };
  RushesBudget daily = { 0, 2.0, 0 };
  RushesBudget monthly = { 0, 0, 1.5 };
  RushesBudget per_run = { 1.0, 0, 0 };
  const double one = 0.5;
  const double takes[] = { 0.3, 0.3, 0.3 };
  g_autoptr(GError) error = NULL;

  g_assert_false (rushes_budget_is_set (&none));
  g_assert_true (rushes_budget_check (&none, G_LIST_MODEL (tasks), catalog, takes, 3, now, utc, &error));

  /* Spent on the 1st of March (UTC): 0.00351 × 2 + 0.02 + 1.20 (an
   * estimate until WaveSpeed reports it) = 1.22702. */
  g_assert_true (rushes_budget_check (&daily, G_LIST_MODEL (tasks), catalog, &one, 1, now, utc, &error));
  g_assert_no_error (error);
  /* A fan-out is checked as a whole: three takes of 0.30 pass 2.00. */
  g_assert_false (rushes_budget_check (&daily, G_LIST_MODEL (tasks), catalog, takes, 3, now, utc, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_cmpstr (rushes_error_get_budget (error), ==, "daily");
  g_assert_cmpstr (error->message, ==,
                   "This would pass your daily budget of $2.00: $1.23 spent today plus about $0.90 for these "
                   "runs. Nothing was sent.");
  g_clear_error (&error);

  /* The month also has February's 0.14 outside it. */
  g_assert_false (rushes_budget_check (&monthly, G_LIST_MODEL (tasks), catalog, &one, 1, now, utc, &error));
  g_assert_cmpstr (rushes_error_get_budget (error), ==, "monthly");
  g_assert_nonnull (strstr (error->message, "$1.23 spent this month"));
  g_clear_error (&error);

  g_assert_false (rushes_budget_check (&per_run, G_LIST_MODEL (tasks), catalog, (double[]) { 1.2 }, 1, now, utc,
                                       &error));
  g_assert_cmpstr (rushes_error_get_budget (error), ==, "per-run");
  g_clear_error (&error);
  g_assert_true (rushes_budget_check (&per_run, G_LIST_MODEL (tasks), catalog, takes, 3, now, utc, &error));
  g_assert_no_error (error);

  /* Once WaveSpeed reports less than the estimate, the actual cost counts. */
  _rushes_task_set_cost_usd (g_list_model_get_item (G_LIST_MODEL (tasks), 4), 0.80);
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (tasks), 4));
  g_assert_true (rushes_budget_check (&daily, G_LIST_MODEL (tasks), catalog, takes, 3, now, utc, &error));
  g_assert_no_error (error);
}

/* The composer's warning: the budget the runs would use most of. */
static void
test_budget_measure (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(GListStore) tasks = library ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 18, 0, 0);
  RushesBudget none = { 0, 0, 0 };
  RushesBudget all = { 1.0, 2.0, 10.0 };
  RushesBudget roomy_day = { 1.0, 5.0, 10.0 };
  const double takes[] = { 0.3, 0.6 };
  RushesBudgetUse use;

  g_assert_false (rushes_budget_measure (&none, G_LIST_MODEL (tasks), catalog, takes, 2, now, utc, &use));

  /* Per run 0.6 of 1.00; the day 1.22702 + 0.90 of 2.00; the month
   * 1.22702 + 0.90 of 10.00: the day is the nearest. */
  g_assert_true (rushes_budget_measure (&all, G_LIST_MODEL (tasks), catalog, takes, 2, now, utc, &use));
  g_assert_cmpint (use.kind, ==, RUSHES_BUDGET_DAILY);
  g_assert_cmpfloat_with_epsilon (use.limit, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (use.spent, 1.22702, 1e-9);
  g_assert_cmpfloat_with_epsilon (use.estimate, 0.9, 1e-9);
  g_assert_false (rushes_budget_use_fits (&use));
  g_assert_cmpfloat_with_epsilon (rushes_budget_use_get_fraction (&use), 2.12702 / 2.0, 1e-9);

  /* One dear take: the per-run maximum is the nearest, counted alone. */
  g_assert_true (rushes_budget_measure (&roomy_day, G_LIST_MODEL (tasks), catalog, (double[]) { 0.1, 0.95 }, 2, now,
                                        utc, &use));
  g_assert_cmpint (use.kind, ==, RUSHES_BUDGET_PER_RUN);
  g_assert_cmpfloat_with_epsilon (use.spent, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (use.estimate, 0.95, 1e-9);
  g_assert_true (rushes_budget_use_fits (&use));
  g_assert_cmpstr (rushes_budget_kind_to_string (use.kind), ==, "per-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/spend/report", test_report);
  g_test_add_func ("/rushes/spend/periods", test_periods);
  g_test_add_func ("/rushes/spend/budget-rules", test_budget_rules);
  g_test_add_func ("/rushes/spend/budget-measure", test_budget_measure);

  return g_test_run ();
}
