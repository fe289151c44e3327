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

#define G_LOG_DOMAIN "rushes-cli-models"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-cli-private.h"

/* One line on what a control takes, for “models”; NULL for the prompt. */
static char *
describe_control (RushesModel *model,
                  const char  *control)
{
  const char * const *values = rushes_model_get_allowed_values (model, control);
  const char *default_value = rushes_model_get_default_value (model, control);
  gint64 min, max;

  if (values != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) values);

      if (default_value != NULL)
        return g_strdup_printf (_("%s (default %s)"), joined, default_value);
      return g_steal_pointer (&joined);
    }

  switch (rushes_model_get_control_kind (model, control))
    {
    case RUSHES_CONTROL_KIND_IMAGE:
      if (!rushes_model_accepts_image_source (model, control, FALSE))
        return g_strdup (_("an https:// URL only (no local file)"));
      if (!rushes_model_accepts_image_source (model, control, TRUE))
        return g_strdup (_("a local file only (no URL)"));
      return g_strdup (_("a local file or an https:// URL"));

    case RUSHES_CONTROL_KIND_BOOLEAN:
      if (default_value != NULL)
        return g_strdup_printf (_("on or off (default %s)"), g_str_equal (default_value, "true") ? _("on") : _("off"));
      return g_strdup (_("on or off"));

    case RUSHES_CONTROL_KIND_INTEGER:
      rushes_model_get_range (model, control, &min, &max);
      return g_strdup_printf (_("a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT), min, max);

    case RUSHES_CONTROL_KIND_NUMBER:
      {
        g_autofree char *suffix = default_value != NULL ? g_strdup_printf (_(" (default %s)"), default_value)
                                                        : g_strdup ("");
        double number_min, number_max, step;

        rushes_model_get_number_range (model, control, &number_min, &number_max, &step);
        if (number_min > -G_MAXDOUBLE && number_max < G_MAXDOUBLE && step > 0)
          return g_strdup_printf (_("a number from %g to %g in steps of %g%s"), number_min, number_max, step, suffix);
        if (number_min > -G_MAXDOUBLE && number_max < G_MAXDOUBLE)
          return g_strdup_printf (_("a number from %g to %g%s"), number_min, number_max, suffix);
        return g_strdup_printf (_("a number%s"), suffix);
      }

    case RUSHES_CONTROL_KIND_TEXT:
      return g_str_equal (control, RUSHES_CONTROL_PROMPT) ? NULL : g_strdup (_("text"));

    case RUSHES_CONTROL_KIND_CHOICE:
    default:
      return NULL;
    }
}

/* Refreshes the live listings and says how each went; the exit code of
 * the whole: 0 when one was read, 3 when every one was refused on the
 * key (or none has a key), 4 otherwise. */
static int
refresh (RushesCli *cli)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any = FALSE;
  gboolean all_auth = TRUE;

  rushes_engine_refresh_catalog_async (cli->engine, cli->cancellable, rushes_cli_store_result_cb, &result);
  results = rushes_engine_refresh_catalog_finish (cli->engine, rushes_cli_wait_for (&result), &error);
  if (results == NULL)
    return rushes_cli_report_error (error);

  if (results->len == 0)
    {
      g_printerr (_("rushes-cli: no provider with a live listing has a key; “rushes-cli keys set wiro” or "
                    "“rushes-cli keys set wavespeed” stores one.\n"));
      return EXIT_AUTH;
    }

  for (guint i = 0; i < results->len; i++)
    {
      RushesCatalogRefresh *refresh = g_ptr_array_index (results, i);
      const char *name = rushes_provider_id_get_name (refresh->provider_id);

      if (refresh->error == NULL)
        {
          g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: %u model listed.\n", "%s: %u models listed.\n",
                                   refresh->n_models),
                      name, refresh->n_models);
          any = TRUE;
          continue;
        }

      g_printerr (_("rushes-cli: %s's models were not refreshed: %s; the models it had stay.\n"),
                  name, refresh->error->message);
      all_auth &= g_error_matches (refresh->error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
    }

  if (any)
    return EXIT_OK;
  return all_auth ? EXIT_AUTH : EXIT_UNREACHABLE;
}

static void
print_model (RushesModel *model)
{
  g_auto(GStrv) controls = rushes_model_list_controls (model);
  g_autoptr(RushesGenerationParams) defaults = rushes_generation_params_new ();
  const char *provider = rushes_provider_id_get_name (rushes_model_get_provider_id (model));
  gboolean from_price_list = FALSE;
  double usd;

  g_print ("%s\n", rushes_model_get_id (model));
  g_print ("    %s (%s%s)%s\n",
           rushes_model_get_name (model), provider,
           rushes_model_get_live (model) ? _(", live") : "",
           rushes_model_get_retired (model) ? _(" — retired upstream") : "");
  if (!rushes_provider_id_needs_key (rushes_model_get_provider_id (model)))
    g_print ("    %s\n", _("Offline preview made on this computer, not AI: free, no account, no network"));
  if (!rushes_model_get_available (model))
    {
      g_print ("    %-15s %s\n", _("unavailable"), rushes_model_get_unavailable_reason (model));
      return;
    }

  for (guint j = 0; controls[j] != NULL; j++)
    {
      g_autofree char *described = describe_control (model, controls[j]);

      if (described != NULL)
        g_print ("    %-15s %s\n", controls[j], described);
    }

  if (rushes_model_estimate_cost_full (model, defaults, &usd, &from_price_list))
    g_print (from_price_list ? _("    %-15s $%.2f with the defaults, from %s's price list\n")
                             : _("    %-15s about $%.2f with the defaults\n"),
             _("price"), usd, provider);
  if (rushes_model_get_retired (model) && rushes_model_get_retired_note (model) != NULL)
    g_print ("    %-15s %s\n", _("note"), rushes_model_get_retired_note (model));
}

int
rushes_cli_command_models (RushesCli  *cli,
                           int         argc,
                           char      **argv)
{
  gboolean json = FALSE;
  gboolean refresh_first = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the catalog as JSON"), NULL },
    { "refresh", 0, 0, G_OPTION_ARG_NONE, &refresh_first,
      N_("First read the live model listings of every provider with a key"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  GListModel *models;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("List the video models Rushes knows: built in, from the providers' live\n"
                                  "listings as last read (--refresh reads them again), and your own files."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return rushes_cli_usage_error (_("“models” takes no arguments"));

  if (rushes_cli_get_engine (cli, &error) == NULL)
    return rushes_cli_report_error (error);
  if (refresh_first)
    {
      exit_code = refresh (cli);
      if (cli->interrupted)
        return EXIT_INTERRUPTED;
    }
  models = G_LIST_MODEL (rushes_engine_get_catalog (cli->engine));

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < g_list_model_get_n_items (models); i++)
        {
          g_autoptr(RushesModel) model = g_list_model_get_item (models, i);
          JsonNode *entry = rushes_model_to_json (model);

          json_object_set_boolean_member (json_node_get_object (entry), "needs_key",
                                          rushes_provider_id_needs_key (rushes_model_get_provider_id (model)));
          json_array_add_element (array, entry);
        }
      json_node_set_array (node, array);
      rushes_cli_print_json (node);
      return exit_code;
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (models, i);

      print_model (model);
    }

  return exit_code;
}
