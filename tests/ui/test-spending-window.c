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

#define G_LOG_DOMAIN "test-spending-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rushes-providers.h"
#include "rushes-spending-window.h"
#include "rushes-test-async.h"
#include "rushes-test-utils.h"

/* Writes a finished run's record as Rushes would have. */
static void
plant_run (const char *id,
           const char *created,
           const char *provider,
           const char *model,
           const char *state,
           const char *cost)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "rushes", "library", id, NULL);
  g_autofree char *path = g_build_filename (folder, "task.json", NULL);
  g_autofree char *record = g_strdup_printf ("{\"version\": 1, \"id\": \"%s\", \"model\": \"%s\", \"provider\": \"%s\", "
                                             "\"state\": \"%s\", \"prompt\": \"A run\", \"params\": {}, "
                                             "\"remote_id\": \"r-%s\", \"created_at\": \"%s\", \"cost_usd\": %s}",
                                             id, model, provider, state, id, created, cost);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, record, -1, &error));
  g_assert_no_error (error);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = rushes_test_find_widgets (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

/* The month's total, a row per provider and per model, and the budgets
 * against what their periods spent. */
static void
test_report_and_budgets (void)
{
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(GSettings) settings = rushes_engine_new_settings ();
  g_autoptr(RushesLibrary) library = NULL;
  g_autoptr(RushesEngine) engine = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 3, 10, 18, 0, 0);
  RushesSpendingWindow *window;
  GtkWidget *budgets, *row;

  plant_run ("20260310-100000-aaaa", "2026-03-10T10:00:00.000Z", "wiro", "wiro/openai/sora-2", "succeeded", "0.5");
  plant_run ("20260310-110000-bbbb", "2026-03-10T11:00:00.000Z", "wavespeed", "wavespeed/google/veo3.1-fast",
             "succeeded", "1.2");
  plant_run ("20260302-100000-cccc", "2026-03-02T10:00:00.000Z", "wavespeed", "wavespeed/google/veo3.1-fast",
             "succeeded", "0.8");
  /* Failed before anything was billed: nothing. */
  plant_run ("20260310-120000-dddd", "2026-03-10T12:00:00.000Z", "wiro", "wiro/openai/sora-2", "failed", "0");
  plant_run ("20260220-100000-eeee", "2026-02-20T10:00:00.000Z", "wiro", "wiro/openai/sora-2", "succeeded", "9");

  g_settings_set_double (settings, "budget-daily", 1.5);
  g_settings_set_double (settings, "budget-monthly", 10);
  library = rushes_test_open_library ();
  rushes_test_start_gtk ();
  engine = rushes_engine_new_full (NULL, secrets, settings, library, NULL);

  window = rushes_spending_window_new (NULL, engine);
  rushes_spending_window_set_now (window, now);
  rushes_spending_window_set_period (window, "month");
  gtk_window_present (GTK_WINDOW (window));

  g_assert_nonnull (rushes_test_find_label (GTK_WIDGET (window), "$2.50"));
  row = find_row (GTK_WIDGET (window), "WaveSpeed");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2 runs");
  g_assert_nonnull (find_row (GTK_WIDGET (window), "Veo 3.1 Fast"));

  /* Today 1.70 of 1.50: over; the month 2.50 of 10. */
  budgets = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), RUSHES_TYPE_SPENDING_WINDOW,
                                                       "budget_group"));
  g_assert_true (gtk_widget_get_visible (budgets));
  row = find_row (budgets, "Daily Budget");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "$1.70 of $1.50: over");
  row = find_row (budgets, "Monthly Budget");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "$2.50 of $10.00: $7.50 left");

  /* Without budgets, no budget rows. */
  g_settings_reset (settings, "budget-daily");
  g_settings_reset (settings, "budget-monthly");
  rushes_spending_window_set_period (window, "all");
  g_assert_false (gtk_widget_get_visible (budgets));
  g_assert_nonnull (rushes_test_find_label (GTK_WIDGET (window), "$11.50"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_test_init_system_data ();
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/spending-window/report-and-budgets", test_report_and_budgets);

  return g_test_run ();
}
