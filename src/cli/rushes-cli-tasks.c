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

#define G_LOG_DOMAIN "rushes-cli-tasks"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-cli-private.h"
#include "rushes-exporter.h"

int
rushes_cli_command_list (RushesCli  *cli,
                         int         argc,
                         char      **argv)
{
  gboolean json = FALSE;
  g_autofree char *search = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the task records as JSON"), NULL },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("Only tasks whose prompt, model, state or id contains TEXT"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tasks = NULL;
  RushesLibrary *library;
  int exit_code = EXIT_OK;
  guint n_tasks;

  g_option_context_set_summary (context, _("List the tasks in the library, newest first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return rushes_cli_usage_error (_("“list” takes no arguments; use --search TEXT to filter"));

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  tasks = rushes_library_search (library, search);
  n_tasks = g_list_model_get_n_items (tasks);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < n_tasks; i++)
        {
          g_autoptr(RushesTask) task = g_list_model_get_item (tasks, i);

          json_array_add_element (array, rushes_task_to_json (task));
        }
      json_node_set_array (node, array);
      rushes_cli_print_json (node);
      return EXIT_OK;
    }

  if (n_tasks == 0)
    {
      g_printerr (search != NULL ? _("No task matches “%s”.\n") : _("The library is empty.\n"), search);
      return EXIT_OK;
    }

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (tasks, i);
      g_autofree char *created = rushes_cli_format_time (rushes_task_get_created_at (task));
      g_autofree char *prompt = rushes_cli_excerpt (rushes_task_get_prompt (task), 40);

      g_print ("%s  %-11s  %s  %-24s  %s\n",
               rushes_task_get_id (task),
               rushes_task_state_to_string (rushes_task_get_state (task)),
               created,
               rushes_task_get_model_id (task),
               prompt);
    }

  return EXIT_OK;
}

int
rushes_cli_command_show (RushesCli  *cli,
                         int         argc,
                         char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the task record as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("ID"));
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *finished = NULL;
  RushesGenerationParams *params;
  g_auto(GStrv) controls = NULL;
  GFile *video;
  RushesLibrary *library;
  RushesTask *task;
  int exit_code = EXIT_OK;
  double progress, cost;

  g_option_context_set_summary (context, _("Show one task: its parameters, state, cost and files."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return rushes_cli_usage_error (_("“show” takes one task id (or a unique start of one)"));

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  task = rushes_library_find (library, argv[1], &error);
  if (task == NULL)
    return rushes_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonNode) record = rushes_task_to_json (task);

      rushes_cli_print_json (record);
      return EXIT_OK;
    }

  created = rushes_cli_format_time (rushes_task_get_created_at (task));
  finished = rushes_cli_format_time (rushes_task_get_finished_at (task));
  progress = rushes_task_get_progress (task);
  cost = rushes_task_get_cost_usd (task);
  video = rushes_task_get_video_file (task);

  g_print ("%-12s %s\n", _("Task"), rushes_task_get_id (task));
  g_print ("%-12s %s\n", _("Model"), rushes_task_get_model_id (task));
  g_print ("%-12s %s\n", _("Provider"), rushes_provider_id_get_name (rushes_task_get_provider_id (task)));
  g_print ("%-12s %s", _("State"), rushes_task_state_to_string (rushes_task_get_state (task)));
  if (progress >= 0 && !rushes_task_is_finished (task))
    g_print (" (%d%%)", (int) (progress * 100));
  g_print ("\n");
  g_print ("%-12s %s\n", _("Prompt"), rushes_task_get_prompt (task));

  params = rushes_task_get_params (task);
  controls = rushes_generation_params_list_controls (params);
  for (guint i = 0; controls[i] != NULL; i++)
    {
      if (g_str_equal (controls[i], "prompt"))
        continue;
      g_print ("%-12s %s\n", controls[i], rushes_generation_params_get_value (params, controls[i]));
    }

  if (rushes_task_get_remote_id (task) != NULL)
    g_print ("%-12s %s\n", _("Remote id"), rushes_task_get_remote_id (task));
  g_print ("%-12s %s\n", _("Created"), created);
  if (rushes_task_get_finished_at (task) != NULL)
    g_print ("%-12s %s\n", _("Finished"), finished);
  if (cost >= 0)
    g_print ("%-12s $%.4f\n", _("Cost"), cost);
  if (video != NULL)
    {
      g_autofree char *path = g_file_get_path (video);

      g_print ("%-12s %s\n", _("Video"), path);
    }
  if (rushes_task_get_error_message (task) != NULL)
    g_print ("%-12s %s (%s)\n", _("Error"), rushes_task_get_error_message (task),
             rushes_task_get_error_code (task));

  return EXIT_OK;
}

/* cancel / export ---------------------------------------------------------- */

int
rushes_cli_command_cancel (RushesCli  *cli,
                           int         argc,
                           char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  RushesLibrary *library;
  RushesTask *task;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context, _("Cancel a task that is queued or running at its provider."));
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return rushes_cli_usage_error (_("“cancel” takes one task id"));

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  task = rushes_library_find (library, argv[1], &error);
  if (task == NULL)
    return rushes_cli_report_error (error);

  /* Without a cancel at the provider, the runner says so; no key needed. */
  if (rushes_provider_id_can_cancel (rushes_task_get_provider_id (task)) &&
      !rushes_cli_check_credentials (cli, rushes_task_get_provider_id (task), &error))
    return rushes_cli_report_error (error);

  rushes_task_runner_cancel_async (rushes_engine_get_runner (cli->engine), task, cli->cancellable, rushes_cli_store_result_cb, &result);
  if (!rushes_task_runner_cancel_finish (rushes_engine_get_runner (cli->engine), rushes_cli_wait_for (&result), &error))
    return rushes_cli_report_error (error);

  g_printerr (_("Cancelled %s.\n"), rushes_task_get_id (task));
  return EXIT_OK;
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
}

int
rushes_cli_command_export (RushesCli  *cli,
                           int         argc,
                           char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("ID DESTINATION"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autofree char *path = NULL;
  RushesExportMetadata meta;
  RushesLibrary *library;
  RushesTask *task;
  GFile *video;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Write a task's video out of the library, tagged with its prompt\n"
                                  "and model as the app's export is. DESTINATION is a file, or a\n"
                                  "folder that receives ID.mp4. Nothing is overwritten."));
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 3)
    return rushes_cli_usage_error (_("“export” takes a task id and a destination"));

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  task = rushes_library_find (library, argv[1], &error);
  if (task == NULL)
    return rushes_cli_report_error (error);

  video = rushes_task_get_video_file (task);
  if (video == NULL || !g_file_query_exists (video, NULL))
    return rushes_cli_usage_error (_("%s has no video in the library yet"), rushes_task_get_id (task));

  destination = g_file_new_for_commandline_arg (argv[2]);
  if (g_file_query_file_type (destination, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_strconcat (rushes_task_get_id (task), ".mp4", NULL);
      GFile *child = g_file_get_child (destination, name);

      g_set_object (&destination, child);
      g_object_unref (child);
    }
  path = g_file_get_path (destination);

  /* The same exporter and tags as the app's Export. */
  rushes_export_metadata_init_for_task (&meta, task);
  rushes_exporter_export_async (video, destination, RUSHES_EXPORT_FORMAT_MP4, RUSHES_EXPORT_FLAGS_NONE,
                                &meta, export_progress_cb, NULL, cli->cancellable,
                                rushes_cli_store_result_cb, &result);
  rushes_export_metadata_clear (&meta);
  if (!rushes_exporter_export_finish (rushes_cli_wait_for (&result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return rushes_cli_usage_error (_("%s exists already; nothing was overwritten"), path);
      return rushes_cli_report_error (error);
    }

  g_print ("%s\n", path);
  return EXIT_OK;
}
