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

#define G_LOG_DOMAIN "rushes-fake-provider"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "rushes-fake-provider.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
check_options (int          port,
               int          step_ms,
               gint64       serve_size,
               double       wavespeed_balance,
               double       apixo_balance,
               const char  *key,
               const char  *secret,
               char       **faults,
               GError     **error)
{
  if (port < 0 || port > G_MAXUINT16)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--port must be between 0 and 65535");
      return FALSE;
    }
  if (step_ms < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--step-ms must not be negative");
      return FALSE;
    }
  if (serve_size < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--serve-size must not be negative");
      return FALSE;
    }
  if (!isnan (wavespeed_balance) && !isfinite (wavespeed_balance))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--wavespeed-balance must be a number");
      return FALSE;
    }
  if (!isnan (apixo_balance) && !isfinite (apixo_balance))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--apixo-balance must be a number");
      return FALSE;
    }
  if (secret != NULL && key == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--wiro-secret needs --wiro-key");
      return FALSE;
    }

  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      if (!rushes_fake_provider_check_fault (faults[i], error))
        return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RushesFakeProvider) provider = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *video = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *wavespeed_key = NULL;
  g_autofree char *apixo_key = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *wavespeed_url = NULL;
  g_autofree char *apixo_url = NULL;
  g_autofree char *socket_url = NULL;
  g_autofree char *control_url = NULL;
  g_auto(GStrv) faults = NULL;
  gint64 serve_size = 0;
  double wavespeed_balance = NAN;
  double apixo_balance = NAN;
  double wiro_cost = -1;
  gboolean wavespeed_lenient = FALSE;
  int port = 0;
  int step_ms = 20;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (default 0: a free one)", "N" },
    { "video", 0, 0, G_OPTION_ARG_FILENAME, &video, "MP4 that finished tasks serve", "PATH" },
    { "serve-size", 0, 0, G_OPTION_ARG_INT64, &serve_size, "Serve a generated blob of BYTES instead of the video", "BYTES" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Inject a fault, NAME or NAME*N (repeatable)", "NAME" },
    { "step-ms", 0, 0, G_OPTION_ARG_INT, &step_ms, "Milliseconds between task state changes (default 20)", "N" },
    { "wiro-key", 0, 0, G_OPTION_ARG_STRING, &key, "Wiro API key to accept (default: any)", "K" },
    { "wiro-secret", 0, 0, G_OPTION_ARG_STRING, &secret, "Wiro API secret (omit for a key-only project)", "S" },
    { "wavespeed-key", 0, 0, G_OPTION_ARG_STRING, &wavespeed_key, "WaveSpeed API key to accept (default: any)", "K" },
    { "apixo-key", 0, 0, G_OPTION_ARG_STRING, &apixo_key, "APIXO API key to accept (default: any)", "K" },
    { "wavespeed-balance", 0, 0, G_OPTION_ARG_DOUBLE, &wavespeed_balance, "WaveSpeed balance in USD (default 42.5)", "USD" },
    { "apixo-balance", 0, 0, G_OPTION_ARG_DOUBLE, &apixo_balance, "APIXO balance in USD (default 74.87)", "USD" },
    { "wiro-cost", 0, 0, G_OPTION_ARG_DOUBLE, &wiro_cost, "What every successful Wiro task bills (default: the catalog's price)", "USD" },
    { "wavespeed-lenient", 0, 0, G_OPTION_ARG_NONE, &wavespeed_lenient,
      "Drop WaveSpeed fields a model's schema does not name, as the live API does, instead of refusing them", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Serves the provider protocols Rushes speaks on 127.0.0.1 until SIGTERM or SIGINT.\n"
                                "Prints RUSHES_WIRO_BASE_URL, RUSHES_WIRO_SOCKET_URL, RUSHES_WAVESPEED_BASE_URL,\n"
                                "RUSHES_APIXO_BASE_URL and, last, RUSHES_FAKE_CONTROL_URL.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !check_options (port, step_ms, serve_size, wavespeed_balance, apixo_balance, key, secret, faults, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 2;
    }

  provider = rushes_fake_provider_new (video);
  rushes_fake_provider_set_port (provider, port);
  rushes_fake_provider_set_step_interval (provider, step_ms);
  rushes_fake_provider_set_output_size (provider, serve_size);
  rushes_fake_provider_set_wiro_credentials (provider, key, secret);
  rushes_fake_provider_set_wavespeed_key (provider, wavespeed_key);
  rushes_fake_provider_set_apixo_key (provider, apixo_key);
  rushes_fake_provider_set_wavespeed_strict (provider, !wavespeed_lenient);
  rushes_fake_provider_set_wiro_cost (provider, wiro_cost);
  if (!isnan (wavespeed_balance))
    rushes_fake_provider_set_balance (provider, "wavespeed", wavespeed_balance);
  if (!isnan (apixo_balance))
    rushes_fake_provider_set_balance (provider, "apixo", apixo_balance);
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    rushes_fake_provider_add_fault (provider, faults[i]);

  if (!rushes_fake_provider_start (provider, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 1;
    }

  base_url = rushes_fake_provider_get_base_url (provider, "wiro");
  socket_url = rushes_fake_provider_get_socket_url (provider);
  wavespeed_url = rushes_fake_provider_get_base_url (provider, "wavespeed");
  apixo_url = rushes_fake_provider_get_base_url (provider, "apixo");
  control_url = rushes_fake_provider_get_control_url (provider);
  printf ("RUSHES_WIRO_BASE_URL=%s\n", base_url);
  printf ("RUSHES_WIRO_SOCKET_URL=%s\n", socket_url);
  printf ("RUSHES_WAVESPEED_BASE_URL=%s\n", wavespeed_url);
  printf ("RUSHES_APIXO_BASE_URL=%s\n", apixo_url);
  /* Last, so that a reader can stop at it. */
  printf ("RUSHES_FAKE_CONTROL_URL=%s\n", control_url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
