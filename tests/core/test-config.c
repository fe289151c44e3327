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

#include "config.h"

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-test-async.h"

static void
test_defaults (void)
{
  g_autoptr(RushesConfig) config = rushes_config_new ();

  g_assert_cmpstr (rushes_config_get_base_url (config, "wiro"), ==, "https://api.wiro.ai/v1");
  g_assert_cmpstr (rushes_config_get_socket_url (config, "wiro"), ==, "wss://socket.wiro.ai/v1");
  g_assert_cmpstr (rushes_config_get_base_url (config, "wavespeed"), ==, "https://api.wavespeed.ai/api/v3");
  g_assert_cmpstr (rushes_config_get_base_url (config, "apixo"), ==, "https://api.apixo.ai/api/v1");
  g_assert_cmpuint (rushes_config_get_poll_interval_ms (config), ==, 0);
  g_assert_cmpuint (rushes_config_get_http_timeout_ms (config), ==, 60000);
  g_assert_cmpuint (rushes_config_get_download_stall_ms (config), ==, 30000);
  g_assert_cmpuint (rushes_config_get_download_min_rate (config), ==, 16 * 1024);
  g_assert_false (rushes_config_get_debug_http (config));
}

static void
test_environment (void)
{
  g_autoptr(RushesConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("RUSHES_WIRO_API_KEY", "k", TRUE);
  g_setenv ("RUSHES_WIRO_API_SECRET", "", TRUE);
  g_setenv ("RUSHES_WIRO_BASE_URL", "http://127.0.0.1:8080/wiro/v1/", TRUE);
  g_setenv ("RUSHES_WIRO_SOCKET_URL", "ws://[::1]:8080/wiro/socket", TRUE);
  g_setenv ("RUSHES_APIXO_BASE_URL", "", TRUE);
  g_setenv ("RUSHES_POLL_INTERVAL", "0.25", TRUE);
  g_setenv ("RUSHES_HTTP_TIMEOUT", "3", TRUE);
  g_setenv ("RUSHES_DOWNLOAD_STALL", "0.5", TRUE);
  g_setenv ("RUSHES_DEBUG", "http", TRUE);

  config = rushes_config_new_from_environment (&error);
  g_assert_no_error (error);

  g_assert_cmpstr (rushes_config_get_env_secret (config, "wiro", RUSHES_SECRET_API_KEY), ==, "k");
  /* Empty means unset: the test environment sets every variable to "". */
  g_assert_null (rushes_config_get_env_secret (config, "wiro", RUSHES_SECRET_API_SECRET));
  g_assert_cmpstr (rushes_config_get_base_url (config, "apixo"), ==, "https://api.apixo.ai/api/v1");
  g_assert_cmpstr (rushes_config_get_base_url (config, "wiro"), ==, "http://127.0.0.1:8080/wiro/v1");
  g_assert_cmpstr (rushes_config_get_socket_url (config, "wiro"), ==, "ws://[::1]:8080/wiro/socket");
  g_assert_cmpuint (rushes_config_get_poll_interval_ms (config), ==, 250);
  g_assert_cmpuint (rushes_config_get_http_timeout_ms (config), ==, 3000);
  g_assert_cmpuint (rushes_config_get_download_stall_ms (config), ==, 500);
  g_assert_true (rushes_config_get_debug_http (config));
}

static void
test_plain_http_only_to_loopback (void)
{
  const struct {
    const char *variable;
    const char *value;
  } refused[] = {
    { "RUSHES_WIRO_BASE_URL", "http://api.wiro.ai/v1" },
    { "RUSHES_WIRO_BASE_URL", "http://10.0.0.1/v1" },
    { "RUSHES_WIRO_BASE_URL", "ftp://127.0.0.1/v1" },
    { "RUSHES_WIRO_BASE_URL", "not a url" },
    { "RUSHES_WIRO_SOCKET_URL", "ws://socket.wiro.ai/v1" },
    { "RUSHES_WAVESPEED_BASE_URL", "http://example.com/api/v3" },
    { "RUSHES_POLL_INTERVAL", "soon" },
    { "RUSHES_HTTP_TIMEOUT", "-1" },
    { "RUSHES_DOWNLOAD_STALL", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(RushesConfig) config = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv (refused[i].variable, refused[i].value, TRUE);
      config = rushes_config_new_from_environment (&error);
      g_assert_null (config);
      g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, refused[i].variable));
      g_setenv (refused[i].variable, "", TRUE);
    }

  {
    g_autoptr(RushesConfig) config = rushes_config_new ();
    g_autoptr(GError) error = NULL;

    g_assert_true (rushes_config_set_base_url (config, "wiro", "https://gateway.example.com/wiro/", &error));
    g_assert_cmpstr (rushes_config_get_base_url (config, "wiro"), ==, "https://gateway.example.com/wiro");
    g_assert_true (rushes_config_set_base_url (config, "wiro", "http://localhost:9/v1", &error));
    g_assert_false (rushes_config_set_base_url (config, "wiro", "http://gateway.example.com/v1", &error));
    g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  }
}

static void
test_exit_codes (void)
{
  const struct {
    GQuark domain;
    int    code;
    int    exit_code;
  } cases[] = {
    { RUSHES_ERROR, RUSHES_ERROR_FAILED, 1 },
    { RUSHES_ERROR, RUSHES_ERROR_CANCELLED, 1 },
    { RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, 2 },
    { RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND, 2 },
    { RUSHES_ERROR, RUSHES_ERROR_AUTH, 3 },
    { RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE, 4 },
    { RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN, 4 },
    { RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, 4 },
  };

  g_assert_cmpint (rushes_error_get_exit_code (NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");

      g_assert_cmpint (rushes_error_get_exit_code (error), ==, cases[i].exit_code);
    }

  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

    g_assert_cmpint (rushes_error_get_exit_code (error), ==, 1);
  }

  g_assert_cmpstr (rushes_error_code_to_string (RUSHES_ERROR_UNCERTAIN), ==, "uncertain");
  g_assert_cmpstr (rushes_error_code_to_string (RUSHES_ERROR_AUTH), ==, "auth");
  g_assert_cmpstr (rushes_task_state_to_string (RUSHES_TASK_STATE_DOWNLOADING), ==, "downloading");
}

static char *
lookup (RushesSecretStore *store,
        RushesSecretKind   kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  rushes_secret_store_lookup_async (store, "wiro", kind, NULL, rushes_test_store_result_cb, &result);
  secret = rushes_secret_store_lookup_finish (store, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static void
test_memory_secret_store (void)
{
  RushesSecretStore *store = rushes_memory_secret_store_new ();
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *after = NULL;

  g_assert_null (lookup (store, RUSHES_SECRET_API_KEY));

  rushes_secret_store_store_async (store, "wiro", RUSHES_SECRET_API_KEY, "k-1", NULL, rushes_test_store_result_cb,
                                   &stored);
  g_assert_true (rushes_secret_store_store_finish (store, rushes_test_await (&stored), &error));
  key = lookup (store, RUSHES_SECRET_API_KEY);
  g_assert_cmpstr (key, ==, "k-1");
  secret = lookup (store, RUSHES_SECRET_API_SECRET);
  g_assert_null (secret);

  rushes_secret_store_clear_async (store, "wiro", RUSHES_SECRET_API_KEY, NULL, rushes_test_store_result_cb,
                                   &cleared);
  g_assert_true (rushes_secret_store_clear_finish (store, rushes_test_await (&cleared), &error));
  after = lookup (store, RUSHES_SECRET_API_KEY);
  g_assert_null (after);

  g_clear_object (&stored);
  g_clear_object (&cleared);
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/config/defaults", test_defaults);
  g_test_add_func ("/rushes/config/environment", test_environment);
  g_test_add_func ("/rushes/config/plain-http-only-to-loopback", test_plain_http_only_to_loopback);
  g_test_add_func ("/rushes/config/exit-codes", test_exit_codes);
  g_test_add_func ("/rushes/config/memory-secret-store", test_memory_secret_store);

  return g_test_run ();
}
