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

/* Every test waits the same way: the default main context runs until a
 * condition holds, and the test fails, naming what it waited for, once a
 * deadline has passed. No test sleeps for a fixed time: a machine twice as
 * slow waits twice as long and still passes. */

/**
 * rushes_test_get_timeout_scale:
 *
 * Sanitizer builds run several times slower: tests/meson.build sets
 * `RUSHES_TEST_TIMEOUT_SCALE` for them, and every deadline of the tests is
 * multiplied by it.
 *
 * Returns: the value of `RUSHES_TEST_TIMEOUT_SCALE`, or 1 when unset
 */
double
rushes_test_get_timeout_scale (void)
{
  const char *text = g_getenv ("RUSHES_TEST_TIMEOUT_SCALE");
  char *end = NULL;
  double scale;

  if (text == NULL || *text == '\0')
    return 1.0;

  scale = g_ascii_strtod (text, &end);
  if (*end != '\0' || !(scale > 0))
    g_error ("RUSHES_TEST_TIMEOUT_SCALE=%s is not a positive number", text);

  return scale;
}

/**
 * rushes_test_scaled_usec:
 * @seconds: a time limit for a normal build
 *
 * For the limits of a test's own (a wait longer than the default, a
 * duration a test asserts an upper bound on, a timeout handed to a
 * library).
 *
 * Returns: @seconds times the timeout scale, in microseconds
 */
gint64
rushes_test_scaled_usec (double seconds)
{
  return (gint64) (seconds * rushes_test_get_timeout_scale () * G_USEC_PER_SEC);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * rushes_test_wait_until_at:
 * @domain: the test's log domain
 * @file: (nullable): the caller's file
 * @line: the caller's line
 * @func: (nullable): the caller's function
 * @seconds: the deadline before the scale: %RUSHES_TEST_WAIT_SECONDS for
 *   rushes_test_wait_until()
 * @condition: what to wait for; called with @data before each iteration
 * @data: for @condition
 * @what: the awaited state in words, for the failure ("the clip is loaded")
 *
 * Use rushes_test_wait_until() (or rushes_test_wait_until_for()), which
 * names its caller's place.
 *
 * Runs the default main context until @condition returns %TRUE. Fails
 * the test after @seconds times the timeout scale.
 */
void
rushes_test_wait_until_at (const char          *domain,
                           const char          *file,
                           int                  line,
                           const char          *func,
                           double               seconds,
                           RushesTestCondition  condition,
                           gpointer             data,
                           const char          *what)
{
  gint64 deadline;
  gboolean acquired;
  guint wake;

  if (condition (data))
    return;

  deadline = g_get_monotonic_time () + rushes_test_scaled_usec (seconds);
  /* Owned all along, as a running main loop owns it: a thread that hands
   * work to the main context with g_main_context_invoke() then queues it
   * here, instead of running it itself between two iterations. */
  acquired = g_main_context_acquire (NULL);
  /* Conditions no source of the context reports (a file on disk, another
   * context, a counter a thread bumps) are looked at again every 10 ms;
   * the wake-up also lets the deadline pass when nothing else happens. */
  wake = g_timeout_add (10, wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () >= deadline)
        {
          g_autofree char *message = g_strdup_printf ("Timed out after %g s waiting until %s",
                                                      seconds * rushes_test_get_timeout_scale (), what);

          g_source_remove (wake);
          if (acquired)
            g_main_context_release (NULL);
          g_assertion_message (domain, file, line, func, message);
          return;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
  if (acquired)
    g_main_context_release (NULL);
}

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

static gboolean
result_stored (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/**
 * rushes_test_await_at:
 * @seconds: the deadline before the scale
 * @slot: where rushes_test_store_result_cb() puts the result
 *
 * Use rushes_test_await() (or rushes_test_await_for()), which names its
 * caller's place: it waits like rushes_test_wait_until() until @slot is
 * filled.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
rushes_test_await_at (const char    *domain,
                      const char    *file,
                      int            line,
                      const char    *func,
                      double         seconds,
                      GAsyncResult **slot)
{
  rushes_test_wait_until_at (domain, file, line, func, seconds, result_stored, slot, "the async call answers");

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

/**
 * rushes_test_params_new:
 * @prompt: (nullable): the prompt
 * @first_control: (nullable): a control, then its value, and so on, ending
 *   with %NULL; each is set as a user would type it
 *
 * Returns: (transfer full): the settings
 */
RushesGenerationParams *
rushes_test_params_new (const char *prompt,
                        const char *first_control,
                        ...)
{
  RushesGenerationParams *params = rushes_generation_params_new ();
  const char *control = first_control;
  va_list args;

  if (prompt != NULL)
    rushes_generation_params_set_prompt (params, prompt);

  va_start (args, first_control);
  while (control != NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *value = va_arg (args, const char *);

      g_assert_true (rushes_generation_params_set_value (params, control, value, &error));
      g_assert_no_error (error);
      control = va_arg (args, const char *);
    }
  va_end (args);

  return params;
}

void
rushes_test_job_init (RushesTestJob *job)
{
  job->result = NULL;
  job->progress = g_array_new (FALSE, FALSE, sizeof (double));
}

void
rushes_test_job_clear (RushesTestJob *job)
{
  g_clear_object (&job->result);
  g_clear_pointer (&job->progress, g_array_unref);
}

/* The job's GAsyncReadyCallback: keeps its result, once. */
void
rushes_test_job_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  RushesTestJob *job = user_data;

  g_assert_null (job->result);
  job->result = g_object_ref (result);
}

/* The job's progress function: keeps each fraction, never after the
 * result. */
void
rushes_test_job_progress_cb (double   fraction,
                             gpointer user_data)
{
  RushesTestJob *job = user_data;

  g_assert_null (job->result);
  g_array_append_val (job->progress, fraction);
}
