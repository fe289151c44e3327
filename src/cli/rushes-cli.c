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

#define G_LOG_DOMAIN "rushes-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "rushes-cli-private.h"
#include "rushes-providers.h"

static void
rushes_cli_clear (RushesCli *cli)
{
  g_clear_handle_id (&cli->sigint_source, g_source_remove);
  g_clear_handle_id (&cli->sigterm_source, g_source_remove);
  g_clear_object (&cli->engine);
  g_clear_object (&cli->cancellable);
}

void
rushes_cli_store_result_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The CLI is sequential: run the main context until an async call answers. */
GAsyncResult *
rushes_cli_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

int
rushes_cli_report_error (const GError *error)
{
  g_printerr ("rushes-cli: %s\n", error->message);
  return rushes_error_get_exit_code (error);
}

int
rushes_cli_usage_error (const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("rushes-cli: %s\n", message);
  return EXIT_USAGE;
}

static gboolean
interrupt_cb (gpointer user_data)
{
  RushesCli *cli = user_data;

  /* A second Ctrl+C while we are stopping should not be needed, but
   * must not be ignored either. */
  if (cli->interrupted)
    exit (EXIT_INTERRUPTED);

  cli->interrupted = TRUE;
  g_cancellable_cancel (cli->cancellable);

  return G_SOURCE_CONTINUE;
}

gboolean
rushes_cli_parse_options (GOptionContext  *context,
                          int             *argc,
                          char          ***argv,
                          int             *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = rushes_cli_usage_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

void
rushes_cli_print_json (JsonNode *node)
{
  g_autofree char *text = rushes_json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

static void
print_load_errors (GPtrArray *errors)
{
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);

      g_printerr ("rushes-cli: warning: %s\n", error->message);
    }
}

/* Said at once, on stderr: the record is what survives a crash. */
static void
record_error_cb (RushesEngine *engine,
                 RushesTask   *task,
                 const GError *error,
                 gpointer      user_data)
{
  g_printerr ("rushes-cli: warning: %s\n", error->message);
}

/* The same engine as the app's: the environment's configuration, the
 * keyring, the app's settings where its schema is installed. */
RushesEngine *
rushes_cli_get_engine (RushesCli  *cli,
                       GError    **error)
{
  g_autoptr(RushesConfig) config = NULL;
  g_autoptr(RushesSecretStore) secrets = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (cli->engine != NULL)
    return cli->engine;

  config = rushes_config_new_from_environment (error);
  if (config == NULL)
    return NULL;

  secrets = rushes_libsecret_store_new ();
  settings = rushes_engine_new_settings ();
  cli->engine = rushes_engine_new (config, secrets, settings);
  g_signal_connect (cli->engine, "record-error", G_CALLBACK (record_error_cb), NULL);
  print_load_errors (rushes_model_catalog_get_load_errors (rushes_engine_get_catalog (cli->engine)));

  return cli->engine;
}

RushesLibrary *
rushes_cli_load_library (RushesCli  *cli,
                         GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  RushesLibrary *library;

  if (rushes_cli_get_engine (cli, error) == NULL)
    return NULL;

  library = rushes_engine_get_library (cli->engine);
  if (cli->library_loaded)
    return library;

  rushes_library_load_async (library, cli->cancellable, rushes_cli_store_result_cb, &result);
  if (!rushes_library_load_finish (library, rushes_cli_wait_for (&result), error))
    return NULL;

  cli->library_loaded = TRUE;
  print_load_errors (rushes_library_get_load_errors (library));
  return library;
}

/* Before anything is created or sent: a provider without a usable key
 * would only fail later, after leaving a task behind. The engine's own
 * lookup decides, so the CLI checks the key the engine will sign with. */
gboolean
rushes_cli_check_credentials (RushesCli   *cli,
                              const char  *provider_id,
                              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RushesCredentials) credentials = NULL;
  g_autoptr(GError) local_error = NULL;
  RushesEngine *engine = rushes_cli_get_engine (cli, error);

  if (engine == NULL)
    return FALSE;

  rushes_engine_lookup_credentials_async (engine, provider_id, cli->cancellable,
                                          rushes_cli_store_result_cb, &result);
  credentials = rushes_engine_lookup_credentials_finish (engine, rushes_cli_wait_for (&result), &local_error);
  if (credentials != NULL)
    return TRUE;

  if (!g_error_matches (local_error, RUSHES_ERROR, RUSHES_ERROR_AUTH))
    {
      g_autofree char *variable = g_ascii_strup (provider_id, -1);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                   _("Cannot read the %s API key from the keyring (%s). Set RUSHES_%s_API_KEY instead."),
                   rushes_provider_id_get_name (provider_id), local_error->message, variable);
      return FALSE;
    }

  /* On a terminal, the command that fixes it. */
  if (rushes_error_get_missing_key (local_error) != NULL)
    {
      g_autofree char *variable = g_ascii_strup (provider_id, -1);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                   _("No API key for %s. Store one with “rushes-cli keys set %s” or set RUSHES_%s_API_KEY."),
                   rushes_provider_id_get_name (provider_id), provider_id, variable);
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

char *
rushes_cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
rushes_cli_excerpt (const char *text,
                    guint       max_chars)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  g_autofree char *cut = NULL;

  g_strdelimit (flat, "\n\r\t", ' ');
  if (g_utf8_strlen (flat, -1) <= max_chars)
    return g_steal_pointer (&flat);

  cut = g_utf8_substring (flat, 0, max_chars - 1);
  return g_strconcat (cut, "…", NULL);
}

/* main ------------------------------------------------------------------ */

static const struct {
  const char       *name;
  RushesCliCommand  func;
  const char       *summary;
} commands[] = {
  { "models", rushes_cli_command_models, N_("List the models and what each offers") },
  { "generate", rushes_cli_command_generate, N_("Send a generation and follow it to the end") },
  { "list", rushes_cli_command_list, N_("List the tasks in the library") },
  { "show", rushes_cli_command_show, N_("Show one task") },
  { "wait", rushes_cli_command_wait, N_("Follow unfinished tasks (resume after an interruption)") },
  { "cancel", rushes_cli_command_cancel, N_("Cancel a queued or running task") },
  { "export", rushes_cli_command_export, N_("Copy a task's video out of the library") },
  { "keys", rushes_cli_command_keys, N_("Store, remove or check provider keys") },
  { "balance", rushes_cli_command_balance, N_("Show what is left on each provider account") },
  { "spend", rushes_cli_command_spend, N_("Add up what your runs cost") },
  { "budget", rushes_cli_command_budget, N_("Show, set or clear your budgets") },
  { "assemble", rushes_cli_command_assemble, N_("Put clips end to end into a video, or a cut for an editor") },
  { "reel", rushes_cli_command_reel, N_("List, show, create and render reels") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: rushes-cli COMMAND [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "%s", _("\n“rushes-cli COMMAND --help” describes a command's options.\n"
                           "Exit codes: 0 success, 1 generation failed or cancelled, 2 invalid usage or input,\n"
                           "3 authentication or account problem, 4 provider unreachable or outcome uncertain.\n"));
}

int
main (int   argc,
      char *argv[])
{
  RushesCli cli = { 0 };
  int exit_code;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("rushes-cli");
  rushes_providers_register_builtin ();

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("rushes-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[1], commands[i].name))
        continue;

      cli.cancellable = g_cancellable_new ();
      cli.sigint_source = g_unix_signal_add (SIGINT, interrupt_cb, &cli);
      cli.sigterm_source = g_unix_signal_add (SIGTERM, interrupt_cb, &cli);

      /* The command sees itself as argv[0], as GOptionContext expects. */
      {
        g_autofree char *prgname = g_strconcat ("rushes-cli ", commands[i].name, NULL);

        g_set_prgname (prgname);
      }
      exit_code = commands[i].func (&cli, argc - 1, argv + 1);
      rushes_cli_clear (&cli);
      return exit_code;
    }

  g_printerr (_("rushes-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
