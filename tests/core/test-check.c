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

#define G_LOG_DOMAIN "test-check"

#include "config.h"

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-test-async.h"
#include "rushes-fake-provider.h"

/* The key test Preferences offers: one harmless signed request. */

static const char *video_path;

static gboolean
check (RushesProvider *provider,
       const char     *key,
       const char     *secret,
       GError        **error)
{
  g_autoptr(RushesCredentials) credentials = rushes_credentials_new (key, secret);
  g_autoptr(GAsyncResult) result = NULL;

  rushes_provider_check_async (provider, credentials, NULL, rushes_test_store_result_cb, &result);
  return rushes_provider_check_finish (provider, rushes_test_await (&result), error);
}

static void
test_wiro_check (void)
{
  g_autoptr(RushesFakeProvider) fake = rushes_fake_provider_new (video_path);
  g_autoptr(RushesConfig) config = rushes_config_new ();
  g_autoptr(RushesHttp) http = NULL;
  g_autoptr(RushesProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;

  rushes_fake_provider_set_wiro_credentials (fake, "good-key", "good-secret");
  g_assert_true (rushes_fake_provider_start (fake, &error));
  base_url = rushes_fake_provider_get_base_url (fake, "wiro");
  g_assert_true (rushes_config_set_base_url (config, "wiro", base_url, &error));
  http = rushes_http_new (config);
  provider = rushes_provider_new_for_id ("wiro", http);

  g_assert_true (rushes_provider_can_check (provider));
  g_assert_true (check (provider, "good-key", "good-secret", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fake, "/Tool/Detail"), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fake, "/Run/openai/sora-2"), ==, 0);

  /* A wrong secret: an authorization error that does not show the key. */
  g_assert_false (check (provider, "good-key", "wrong-secret", &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_null (strstr (error->message, "good-key"));
}

static void
test_only_some_can_check (void)
{
  g_autoptr(RushesConfig) config = rushes_config_new ();
  g_autoptr(RushesHttp) http = rushes_http_new (config);
  g_autoptr(RushesProvider) sandbox = rushes_provider_new_for_id ("sandbox", http);

  /* The Sandbox has no key to test. */
  g_assert_false (rushes_provider_can_check (sandbox));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_assert_cmpint (argc, ==, 2);
  video_path = argv[1];

  g_test_add_func ("/rushes/check/wiro", test_wiro_check);
  g_test_add_func ("/rushes/check/only-some", test_only_some_can_check);

  return g_test_run ();
}
