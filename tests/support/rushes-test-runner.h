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

#pragma once

#include "rushes-core.h"
#include "rushes-fake-provider.h"
#include "rushes-test-async.h"

G_BEGIN_DECLS

/* The task runner and all it works with, for one test: the GTest fixture
 * of the runner, runs and sandbox-provider tests, which read its fields. */
typedef struct
{
  RushesFakeProvider *fake;      /* NULL where no server is needed (the Sandbox) */
  RushesConfig       *config;
  RushesModelCatalog *catalog;
  RushesLibrary      *library;
  RushesSecretStore  *secrets;   /* empty until the test stores a key */
  RushesTaskRunner   *runner;
  GArray             *states;    /* RushesTaskState, in order */
  GArray             *progress;  /* double, reported while running */
  gconstpointer       data;      /* for the test's own use; the helpers leave it be */
} RushesTestRunner;

const char *rushes_test_runner_init                (int                *argc,
                                                    char             ***argv);
void        rushes_test_runner_set_up              (RushesTestRunner   *self);
void        rushes_test_runner_set_up_fake         (RushesTestRunner   *self,
                                                    const char         *video_path);
void        rushes_test_runner_tear_down           (RushesTestRunner   *self);
void        rushes_test_runner_set_secrets         (RushesTestRunner   *self,
                                                    RushesSecretStore  *secrets);
void        rushes_test_runner_restart             (RushesTestRunner   *self);

RushesTask *rushes_test_runner_create_task         (RushesTestRunner   *self,
                                                    const char         *model_id,
                                                    const char         *first_control,
                                                    ...) G_GNUC_NULL_TERMINATED;
gboolean    rushes_test_runner_run                 (RushesTestRunner   *self,
                                                    RushesTask         *task,
                                                    RushesRunFlags      flags,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
gboolean    rushes_test_runner_cancel              (RushesTestRunner   *self,
                                                    RushesTask         *task,
                                                    GError            **error);
void        rushes_test_runner_cancel_when_running (RushesTestRunner   *self,
                                                    RushesTask         *task,
                                                    GAsyncResult      **slot);
gboolean    rushes_test_runner_saw_state           (RushesTestRunner   *self,
                                                    RushesTaskState     state);

G_END_DECLS
