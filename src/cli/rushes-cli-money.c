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

#define G_LOG_DOMAIN "rushes-cli-money"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "rushes-cli-private.h"

/* balance ---------------------------------------------------------------- */

int
rushes_cli_command_balance (RushesCli  *cli,
                            int         argc,
                            char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the balances as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) balances = NULL;
  RushesEngine *engine;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Show what is left on the account of every provider you have a key for.\n"
                                  "A provider that publishes no balance, or a read that fails, is a note."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return rushes_cli_usage_error (_("“balance” takes no arguments"));

  engine = rushes_cli_get_engine (cli, &error);
  if (engine == NULL)
    return rushes_cli_report_error (error);

  rushes_balances_read_async (rushes_engine_get_balances (engine), cli->cancellable, rushes_cli_store_result_cb, &result);
  balances = rushes_balances_read_finish (rushes_engine_get_balances (engine), rushes_cli_wait_for (&result), &error);
  if (balances == NULL)
    return rushes_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < balances->len; i++)
        {
          RushesBalance *balance = g_ptr_array_index (balances, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "provider");
          json_builder_add_string_value (builder, balance->provider_id);
          json_builder_set_member_name (builder, "balance_usd");
          if (isnan (balance->balance_usd))
            json_builder_add_null_value (builder);
          else
            json_builder_add_double_value (builder, balance->balance_usd);
          json_builder_set_member_name (builder, "note");
          if (balance->note != NULL)
            json_builder_add_string_value (builder, balance->note);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      rushes_cli_print_json (root);
      return EXIT_OK;
    }

  if (balances->len == 0)
    {
      g_printerr (_("No provider has a key; “rushes-cli keys set PROVIDER” stores one.\n"));
      return EXIT_OK;
    }

  for (guint i = 0; i < balances->len; i++)
    {
      RushesBalance *balance = g_ptr_array_index (balances, i);
      g_autofree char *text = rushes_balance_format (balance);

      g_print ("%-12s %s\n", rushes_provider_id_get_name (balance->provider_id), text);
    }

  return EXIT_OK;
}

/* spend ------------------------------------------------------------------ */

static void
print_lines (const char *title,
             GPtrArray  *lines,
             gboolean    provider_names)
{
  if (lines->len == 0)
    return;

  g_print ("\n%s\n", title);
  for (guint i = 0; i < lines->len; i++)
    {
      RushesSpendLine *line = g_ptr_array_index (lines, i);
      const char *key = provider_names && rushes_provider_id_get_name (line->key) != NULL
                        ? rushes_provider_id_get_name (line->key) : line->key;

      g_autofree char *runs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", line->runs),
                                               line->runs);

      g_print ("  %-32s %6s $%8.2f  %s\n", key, line->estimated ? _("about") : "", line->total_usd, runs);
    }
}

int
rushes_cli_command_spend (RushesCli  *cli,
                          int         argc,
                          char      **argv)
{
  g_autofree char *since_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_("Count runs from this local day on"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the totals as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesSpendReport) report = NULL;
  g_autoptr(GDateTime) since = NULL;
  RushesLibrary *library;
  gboolean estimated;
  double total;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Add up what your runs cost, from the library's records: by provider,\n"
                                  "by model and by day. Costs a provider has not reported yet are\n"
                                  "estimates, and marked so; failed runs it did not bill cost nothing."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return rushes_cli_usage_error (_("“spend” takes no arguments; use --since YYYY-MM-DD"));

  if (since_text != NULL)
    {
      int year, month, day;
      char tail;
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      if (sscanf (since_text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
          (since = g_date_time_new (local, year, month, day, 0, 0, 0)) == NULL)
        return rushes_cli_usage_error (_("--since takes a date as YYYY-MM-DD, not “%s”"), since_text);
    }

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  report = rushes_spend_report_new (G_LIST_MODEL (library), rushes_engine_get_catalog (cli->engine),
                                    since, NULL, NULL);
  if (json)
    {
      g_autoptr(JsonNode) root = rushes_spend_report_to_json (report);

      rushes_cli_print_json (root);
      return EXIT_OK;
    }

  total = rushes_spend_report_get_total (report, &estimated);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s$%.2f spent on %u run", "%s$%.2f spent on %u runs",
                        rushes_spend_report_get_runs (report)),
           estimated ? _("About ") : "", total, rushes_spend_report_get_runs (report));
  if (since != NULL)
    g_print (_(" since %s"), since_text);
  g_print ("\n");
  print_lines (_("By provider"), rushes_spend_report_get_by_provider (report), TRUE);
  print_lines (_("By model"), rushes_spend_report_get_by_model (report), FALSE);
  print_lines (_("By day"), rushes_spend_report_get_by_day (report), FALSE);
  if (estimated)
    g_print (_("\n“about”: part of it is the catalog's estimate, until the provider reports the cost.\n"));

  return EXIT_OK;
}

/* budget ------------------------------------------------------------------ */

static void
print_budget (const char *name,
              double      amount)
{
  if (amount > 0)
    g_print ("%-16s $%.2f\n", name, amount);
  else
    g_print ("%-16s %s\n", name, _("none"));
}

static gboolean
parse_amount (const char  *text,
              const char  *option,
              double      *amount,
              int         *exit_code)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return TRUE;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < 0 || value > 100000)
    {
      *exit_code = rushes_cli_usage_error (_("%s takes an amount in US dollars, such as 5 or 12.50, not “%s”"),
                                           option, text);
      return FALSE;
    }

  *amount = value;
  return TRUE;
}

int
rushes_cli_command_budget (RushesCli  *cli,
                           int         argc,
                           char      **argv)
{
  g_autofree char *per_run = NULL;
  g_autofree char *daily = NULL;
  g_autofree char *monthly = NULL;
  const GOptionEntry entries[] = {
    { "per-run", 0, 0, G_OPTION_ARG_STRING, &per_run, N_("The most one run may cost (0: no limit)"), N_("USD") },
    { "daily", 0, 0, G_OPTION_ARG_STRING, &daily, N_("The most a day's runs may cost together (0: no limit)"), N_("USD") },
    { "monthly", 0, 0, G_OPTION_ARG_STRING, &monthly, N_("The most a month's runs may cost together (0: no limit)"), N_("USD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("[show | set | clear]"));
  g_autoptr(GError) error = NULL;
  RushesBudget budget;
  RushesEngine *engine;
  GSettings *settings;
  const char *action;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Show, set or clear your budgets, shared with the app. Before any run is\n"
                                  "sent, its estimate plus what was spent today (this month) must fit;\n"
                                  "“generate --allow-over-budget” sends one anyway, on purpose."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 2)
    return rushes_cli_usage_error (_("Usage: rushes-cli budget [show | set --per-run USD --daily USD --monthly USD | clear]"));
  action = argc == 2 ? argv[1] : "show";

  engine = rushes_cli_get_engine (cli, &error);
  if (engine == NULL)
    return rushes_cli_report_error (error);
  settings = rushes_engine_get_settings (engine);

  if (g_str_equal (action, "show"))
    {
      if (per_run != NULL || daily != NULL || monthly != NULL)
        return rushes_cli_usage_error (_("Give amounts with “budget set”"));
      rushes_engine_get_budget (engine, &budget);
      print_budget (_("Per run"), budget.per_run);
      print_budget (_("Daily"), budget.daily);
      print_budget (_("Monthly"), budget.monthly);
      return EXIT_OK;
    }

  if (settings == NULL)
    {
      g_printerr (_("rushes-cli: the settings schema %s is not installed, so budgets cannot be kept\n"),
                  APPLICATION_ID_BASE);
      return EXIT_FAILED;
    }

  if (g_str_equal (action, "set"))
    {
      double values[3] = { -1, -1, -1 };

      if (per_run == NULL && daily == NULL && monthly == NULL)
        return rushes_cli_usage_error (_("“budget set” takes --per-run, --daily or --monthly"));
      if (!parse_amount (per_run, "--per-run", &values[0], &exit_code) ||
          !parse_amount (daily, "--daily", &values[1], &exit_code) ||
          !parse_amount (monthly, "--monthly", &values[2], &exit_code))
        return exit_code;

      g_settings_delay (settings);
      if (values[0] >= 0)
        g_settings_set_double (settings, "budget-per-run", values[0]);
      if (values[1] >= 0)
        g_settings_set_double (settings, "budget-daily", values[1]);
      if (values[2] >= 0)
        g_settings_set_double (settings, "budget-monthly", values[2]);
      g_settings_apply (settings);
      g_settings_sync ();
    }
  else if (g_str_equal (action, "clear"))
    {
      if (per_run != NULL || daily != NULL || monthly != NULL)
        return rushes_cli_usage_error (_("“budget clear” removes every limit; use “budget set --daily 0” for one"));
      g_settings_reset (settings, "budget-per-run");
      g_settings_reset (settings, "budget-daily");
      g_settings_reset (settings, "budget-monthly");
      g_settings_sync ();
    }
  else
    {
      return rushes_cli_usage_error (_("Unknown budget action “%s”; use show, set or clear"), action);
    }

  rushes_engine_get_budget (engine, &budget);
  print_budget (_("Per run"), budget.per_run);
  print_budget (_("Daily"), budget.daily);
  print_budget (_("Monthly"), budget.monthly);
  return EXIT_OK;
}
