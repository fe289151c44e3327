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

#define G_LOG_DOMAIN "rushes-test-runner"

#include "config.h"

#include "rushes-providers.h"
#include "rushes-test-runner.h"

/* The set-up the tests of the task runner share, and the steps they take
 * one at a time: make a task, run it, cancel it. What a test checks stays
 * in the test. */

/**
 * rushes_test_runner_init:
 * @argc: main()'s
 * @argv: main()'s
 *
 * Calls g_test_init() for a test against the fake, in isolated folders.
 *
 * Returns: (nullable): the video for the fake to serve: the first argument,
 *   or in a g_test_trap_subprocess() the one the parent was given
 */
const char *
rushes_test_runner_init (int    *argc,
                         char ***argv)
{
  /* Isolated XDG dirs hide the system's GSettings schemas, which GNOME's
   * proxy resolver needs; the fake is on loopback, no proxy is involved. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  /* Subprocesses (g_test_trap_subprocess) get the video through the
   * environment: their command line has only GTest's options. */
  if (*argc >= 2)
    g_setenv ("RUSHES_TEST_FAKE_VIDEO", (*argv)[1], TRUE);
  return g_getenv ("RUSHES_TEST_FAKE_VIDEO");
}

static RushesTaskRunner *
runner_new (RushesTestRunner *self)
{
  RushesTaskRunner *runner = rushes_task_runner_new (self->library, self->catalog, self->secrets, self->config);

  /* Backoff without Retry-After in tests: 20 ms, doubling. (The Sandbox
   * sends no requests: it does not mind.) */
  rushes_http_set_retry_policy (rushes_task_runner_get_http (runner), 6, 20);
  return runner;
}

/**
 * rushes_test_runner_set_up:
 *
 * Sets up a runner without a server, as the Sandbox wants it: a default
 * config, the default catalog, the library of the test's data folder and an
 * empty secret store.
 */
void
rushes_test_runner_set_up (RushesTestRunner *self)
{
  self->config = rushes_config_new ();
  self->catalog = rushes_model_catalog_new_default ();
  self->library = rushes_test_open_library ();
  self->secrets = rushes_memory_secret_store_new ();
  self->runner = runner_new (self);
  self->states = g_array_new (FALSE, FALSE, sizeof (RushesTaskState));
  self->progress = g_array_new (FALSE, FALSE, sizeof (double));
}

/**
 * rushes_test_runner_set_up_fake:
 * @video_path: the video the fake serves as every task's output
 *
 * Like rushes_test_runner_set_up(), with a started fake, and a config that
 * sends every provider the fake plays to it. The fake takes any key until
 * the test tells it which to expect; the secret store stays empty until the
 * test stores one.
 */
void
rushes_test_runner_set_up_fake (RushesTestRunner *self,
                                const char       *video_path)
{
  const char * const providers[] = { "wiro", "wavespeed", "apixo" };
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_url = NULL;

  self->fake = rushes_fake_provider_new (video_path);
  rushes_fake_provider_set_step_interval (self->fake, 15);
  g_assert_true (rushes_fake_provider_start (self->fake, &error));
  g_assert_no_error (error);

  rushes_test_runner_set_up (self);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *base_url = rushes_fake_provider_get_base_url (self->fake, providers[i]);

      g_assert_true (rushes_config_set_base_url (self->config, providers[i], base_url, &error));
      g_assert_no_error (error);
    }
  socket_url = rushes_fake_provider_get_socket_url (self->fake);
  g_assert_true (rushes_config_set_socket_url (self->config, "wiro", socket_url, &error));
  g_assert_no_error (error);
  /* Quick polls, and a request the fake leaves unanswered gives up in
   * 2 s (times the timeout scale) rather than hold a test up. */
  rushes_config_set_poll_interval_ms (self->config, 40);
  rushes_config_set_http_timeout_ms (self->config, rushes_test_scaled_usec (2) / 1000);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/**
 * rushes_test_runner_tear_down:
 *
 * Drops all, and checks that nothing kept the runner or the fake alive.
 */
void
rushes_test_runner_tear_down (RushesTestRunner *self)
{
  gpointer runner = g_steal_pointer (&self->runner);

  /* A live channel still closing (a run ended by a status read while the
   * socket was open) holds the runner until its close handshake is done. */
  g_object_add_weak_pointer (runner, &runner);
  g_object_unref (runner);
  rushes_test_wait_until (is_null, &runner, "the runner is finalised");
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);
  g_clear_object (&self->secrets);
  g_clear_object (&self->config);

  if (self->fake != NULL)
    {
      /* Let the server see the client's connections close: the runner
       * closed them as it went, and the server reads each end from a
       * source that is ready now. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (g_steal_pointer (&self->fake));
    }

  g_array_unref (self->states);
  g_array_unref (self->progress);
}

/**
 * rushes_test_runner_set_secrets:
 * @secrets: the store the runner reads keys from from now on
 *
 * Replaces the runner with one over @secrets: a runner keeps the store it
 * was made with.
 */
void
rushes_test_runner_set_secrets (RushesTestRunner  *self,
                                RushesSecretStore *secrets)
{
  g_assert_finalize_object (g_steal_pointer (&self->runner));
  g_set_object (&self->secrets, secrets);
  self->runner = runner_new (self);
}

/**
 * rushes_test_runner_restart:
 *
 * A new start of Rushes: a fresh library and runner over the same files.
 * The test drops the tasks it holds first, so that the old runner can go.
 */
void
rushes_test_runner_restart (RushesTestRunner *self)
{
  g_assert_finalize_object (g_steal_pointer (&self->runner));
  g_clear_object (&self->library);
  self->library = rushes_test_open_library ();
  self->runner = runner_new (self);
}

static void
state_changed_cb (RushesTask       *task,
                  GParamSpec       *pspec,
                  RushesTestRunner *self)
{
  RushesTaskState state = rushes_task_get_state (task);

  g_array_append_val (self->states, state);
}

static void
progress_changed_cb (RushesTask       *task,
                     GParamSpec       *pspec,
                     RushesTestRunner *self)
{
  double progress = rushes_task_get_progress (task);

  if (rushes_task_get_state (task) == RUSHES_TASK_STATE_RUNNING && progress >= 0)
    g_array_append_val (self->progress, progress);
}

/**
 * rushes_test_runner_create_task:
 * @model_id: a model of the catalog
 * @first_control: the name of the first control to set, then its value as
 *   text, then more pairs, ending in %NULL
 *
 * Creates a task in the library, and records its states and its progress
 * in @self's `states` and `progress`.
 *
 * Returns: (transfer full): the task
 */
RushesTask *
rushes_test_runner_create_task (RushesTestRunner *self,
                                const char       *model_id,
                                const char       *first_control,
                                ...)
{
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *control = first_control;
  RushesTask *task;
  va_list args;

  va_start (args, first_control);
  while (control != NULL)
    {
      g_assert_true (rushes_generation_params_set_value (params, control, va_arg (args, const char *), &error));
      control = va_arg (args, const char *);
    }
  va_end (args);

  rushes_library_create_task_async (self->library, rushes_model_catalog_lookup (self->catalog, model_id), params,
                                    NULL, rushes_test_store_result_cb, &result);
  task = rushes_library_create_task_finish (self->library, rushes_test_await (&result), &error);
  g_assert_no_error (error);

  g_signal_connect (task, "notify::state", G_CALLBACK (state_changed_cb), self);
  g_signal_connect (task, "notify::progress", G_CALLBACK (progress_changed_cb), self);
  return task;
}

/**
 * rushes_test_runner_run:
 *
 * Runs @task and waits for the run to end.
 *
 * Returns: what rushes_task_runner_run_finish() says
 */
gboolean
rushes_test_runner_run (RushesTestRunner  *self,
                        RushesTask        *task,
                        RushesRunFlags     flags,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_task_runner_run_async (self->runner, task, flags, cancellable, rushes_test_store_result_cb, &result);
  return rushes_task_runner_run_finish (self->runner, rushes_test_await (&result), error);
}

/**
 * rushes_test_runner_cancel:
 *
 * Cancels @task and waits for the answer.
 *
 * Returns: what rushes_task_runner_cancel_finish() says
 */
gboolean
rushes_test_runner_cancel (RushesTestRunner  *self,
                           RushesTask        *task,
                           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_task_runner_cancel_async (self->runner, task, NULL, rushes_test_store_result_cb, &result);
  return rushes_task_runner_cancel_finish (self->runner, rushes_test_await (&result), error);
}

typedef struct
{
  RushesTaskRunner  *runner;
  GAsyncResult     **slot;
} CancelWhenRunning;

static void
cancel_when_running_cb (RushesTask        *task,
                        GParamSpec        *pspec,
                        CancelWhenRunning *data)
{
  if (rushes_task_get_state (task) != RUSHES_TASK_STATE_RUNNING)
    return;

  rushes_task_runner_cancel_async (data->runner, task, NULL, rushes_test_store_result_cb, data->slot);
  /* Once only: a test awaits one answer, and @slot is on its stack. */
  g_signal_handlers_disconnect_by_func (task, cancel_when_running_cb, data);
}

/**
 * rushes_test_runner_cancel_when_running:
 * @slot: where the answer of the cancel goes, for rushes_test_await()
 *
 * Cancels @task as soon as it is running, while a run of it goes on.
 */
void
rushes_test_runner_cancel_when_running (RushesTestRunner  *self,
                                        RushesTask        *task,
                                        GAsyncResult     **slot)
{
  CancelWhenRunning *data = g_new0 (CancelWhenRunning, 1);

  data->runner = self->runner;
  data->slot = slot;
  g_signal_connect_data (task, "notify::state", G_CALLBACK (cancel_when_running_cb), data,
                         (GClosureNotify) g_free, G_CONNECT_DEFAULT);
}

/**
 * rushes_test_runner_saw_state:
 *
 * Returns: whether a task made by rushes_test_runner_create_task() was in
 *   @state at some time
 */
gboolean
rushes_test_runner_saw_state (RushesTestRunner *self,
                              RushesTaskState   state)
{
  for (guint i = 0; i < self->states->len; i++)
    if (g_array_index (self->states, RushesTaskState, i) == state)
      return TRUE;
  return FALSE;
}
