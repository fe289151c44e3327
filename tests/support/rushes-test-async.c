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

#define G_LOG_DOMAIN "rushes-test-async"

#include "config.h"

#include "rushes-test-async.h"

/* Engine tests call the async API one step at a time: these run the main
 * context until an answer comes, or fail the test after 30 s. */

/**
 * rushes_test_store_result_cb:
 * @user_data: a `GAsyncResult **` that receives a reference to the result
 */
void
rushes_test_store_result_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * rushes_test_await:
 * @slot: where rushes_test_store_result_cb() puts the result
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
rushes_test_await (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return *slot;
}

/**
 * rushes_test_open_library:
 *
 * Returns: (transfer full): the library of the test's data folder, loaded
 */
RushesLibrary *
rushes_test_open_library (void)
{
  RushesLibrary *library = rushes_library_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rushes_library_load_async (library, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_library_load_finish (library, rushes_test_await (&result), &error));
  g_assert_no_error (error);

  return library;
}

/**
 * rushes_test_reload_task:
 * @task: a task of a library of the test's data folder
 *
 * Loads the library again, so that a test sees the task as the next start
 * of Rushes would: only what was saved counts.
 *
 * Returns: (transfer full): the task with @task's id in the new library
 */
RushesTask *
rushes_test_reload_task (RushesTask *task)
{
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  RushesTask *loaded = rushes_library_lookup (library, rushes_task_get_id (task));

  g_assert_nonnull (loaded);
  return g_object_ref (loaded);
}

/**
 * rushes_test_store_secret:
 * @secrets: the store to write to
 * @provider_id: a provider id, such as `wiro`
 * @kind: which of the provider's secrets @value is
 * @value: the secret
 */
void
rushes_test_store_secret (RushesSecretStore *secrets,
                          const char        *provider_id,
                          RushesSecretKind   kind,
                          const char        *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rushes_secret_store_store_async (secrets, provider_id, kind, value, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_secret_store_store_finish (secrets, rushes_test_await (&result), &error));
  g_assert_no_error (error);
}
