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

#define G_LOG_DOMAIN "rushes-cli-keys"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "rushes-cli-private.h"

/* Reads one line from stdin; on a terminal, without echo. The secret
 * never comes from argv, where other users and shell history see it. */
static char *
read_secret (const char *prompt)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved;
  int c;

  if (terminal)
    {
      struct termios quiet;

      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  g_strstrip (line->str);
  if (c == EOF && line->str[0] == '\0')
    return NULL;

  return g_strdup (line->str);
}

static gboolean
store_secret (RushesCli         *cli,
              const char        *provider_id,
              RushesSecretKind   kind,
              const char        *value,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  RushesSecretStore *secrets = rushes_engine_get_secret_store (cli->engine);

  if (value == NULL || *value == '\0')
    {
      rushes_secret_store_clear_async (secrets, provider_id, kind, cli->cancellable, rushes_cli_store_result_cb, &result);
      return rushes_secret_store_clear_finish (secrets, rushes_cli_wait_for (&result), error);
    }

  rushes_secret_store_store_async (secrets, provider_id, kind, value, cli->cancellable, rushes_cli_store_result_cb, &result);
  return rushes_secret_store_store_finish (secrets, rushes_cli_wait_for (&result), error);
}

static void
print_key_status (RushesCli        *cli,
                  const char       *provider_id,
                  RushesSecretKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *variable = g_ascii_strup (provider_id, -1);
  const char *what = kind == RUSHES_SECRET_API_KEY ? _("API key") : _("API secret");
  const char *suffix = kind == RUSHES_SECRET_API_KEY ? "API_KEY" : "API_SECRET";

  RushesSecretStore *secrets = rushes_engine_get_secret_store (cli->engine);
  g_autoptr(GAsyncResult) result = NULL;

  if (rushes_config_get_env_secret (rushes_engine_get_config (cli->engine), provider_id, kind) != NULL)
    {
      g_print (_("%s %s: set by RUSHES_%s_%s (overrides the keyring)\n"),
               rushes_provider_id_get_name (provider_id), what, variable, suffix);
      return;
    }

  rushes_secret_store_lookup_async (secrets, provider_id, kind, cli->cancellable,
                                    rushes_cli_store_result_cb, &result);
  stored = rushes_secret_store_lookup_finish (secrets, rushes_cli_wait_for (&result), &error);
  if (error != NULL)
    g_print (_("%s %s: unknown, the keyring cannot be read (%s)\n"),
             rushes_provider_id_get_name (provider_id), what, error->message);
  else if (stored != NULL)
    g_print (_("%s %s: stored in the keyring\n"), rushes_provider_id_get_name (provider_id), what);
  else
    g_print (_("%s %s: not set\n"), rushes_provider_id_get_name (provider_id), what);
}

int
rushes_cli_command_keys (RushesCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("set|clear|status PROVIDER"));
  g_autoptr(GError) error = NULL;
  g_autofree char *providers_text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) providers = NULL;
  const char * const *ids = rushes_provider_list_ids ();
  const char *action;
  const char *provider_id;
  int exit_code = EXIT_OK;

  /* The Sandbox has no account. */
  for (guint i = 0; ids[i] != NULL; i++)
    if (rushes_provider_id_needs_key (ids[i]))
      g_strv_builder_add (builder, ids[i]);
  providers = g_strv_builder_end (builder);
  providers_text = g_strjoinv (", ", providers);
  {
    g_autofree char *summary = g_strdup_printf (_("Store, remove or check a provider's API key in the keyring.\n"
                                                  "“set” reads the key (and Wiro's secret) from the terminal or\n"
                                                  "standard input, one per line, never from the command line.\n"
                                                  "Providers: %s."), providers_text);
    g_option_context_set_summary (context, summary);
  }
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;

  if (rushes_cli_get_engine (cli, &error) == NULL)
    return rushes_cli_report_error (error);

  if (argc == 2 && g_str_equal (argv[1], "status"))
    {
      for (guint i = 0; providers[i] != NULL; i++)
        {
          print_key_status (cli, providers[i], RUSHES_SECRET_API_KEY);
          if (rushes_provider_id_uses_secret (providers[i]))
            print_key_status (cli, providers[i], RUSHES_SECRET_API_SECRET);
        }
      return EXIT_OK;
    }

  if (argc != 3)
    return rushes_cli_usage_error (_("Usage: rushes-cli keys set|clear|status PROVIDER (one of %s)"), providers_text);

  action = argv[1];
  provider_id = argv[2];
  if (rushes_provider_id_is_known (provider_id) && !rushes_provider_id_needs_key (provider_id))
    return rushes_cli_usage_error (_("%s needs no key: it works offline, without an account"),
                        rushes_provider_id_get_name (provider_id));
  if (!rushes_provider_id_is_known (provider_id))
    return rushes_cli_usage_error (_("Unknown provider “%s”; choose one of %s"), provider_id, providers_text);

  if (g_str_equal (action, "status"))
    {
      print_key_status (cli, provider_id, RUSHES_SECRET_API_KEY);
      if (rushes_provider_id_uses_secret (provider_id))
        print_key_status (cli, provider_id, RUSHES_SECRET_API_SECRET);
      return EXIT_OK;
    }
  else if (g_str_equal (action, "set"))
    {
      g_autofree char *key_prompt = g_strdup_printf (_("%s API key: "), rushes_provider_id_get_name (provider_id));
      g_autofree char *key = read_secret (key_prompt);
      g_autofree char *secret = NULL;

      if (key == NULL || *key == '\0')
        return rushes_cli_usage_error (_("No API key given; nothing was stored"));

      if (rushes_provider_id_uses_secret (provider_id))
        {
          g_autofree char *secret_prompt =
            g_strdup_printf (_("%s API secret (leave empty for a key-only project): "),
                             rushes_provider_id_get_name (provider_id));
          secret = read_secret (secret_prompt);
        }

      if (!store_secret (cli, provider_id, RUSHES_SECRET_API_KEY, key, &error) ||
          (rushes_provider_id_uses_secret (provider_id) &&
           !store_secret (cli, provider_id, RUSHES_SECRET_API_SECRET, secret, &error)))
        {
          g_printerr (_("rushes-cli: cannot store the key in the keyring: %s\n"), error->message);
          return EXIT_AUTH;
        }

      g_printerr (_("Stored the %s key in the keyring.\n"), rushes_provider_id_get_name (provider_id));
      return EXIT_OK;
    }
  else if (g_str_equal (action, "clear"))
    {
      if (!store_secret (cli, provider_id, RUSHES_SECRET_API_KEY, NULL, &error) ||
          (rushes_provider_id_uses_secret (provider_id) &&
           !store_secret (cli, provider_id, RUSHES_SECRET_API_SECRET, NULL, &error)))
        {
          g_printerr (_("rushes-cli: cannot remove the key from the keyring: %s\n"), error->message);
          return EXIT_AUTH;
        }

      g_printerr (_("Removed the %s key from the keyring.\n"), rushes_provider_id_get_name (provider_id));
      return EXIT_OK;
    }

  return rushes_cli_usage_error (_("Unknown keys action “%s”; use set, clear or status"), action);
}
