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

#include <gio/gio.h>

#include "rushes-config.h"
#include "rushes-http.h"
#include "rushes-library.h"
#include "rushes-model-catalog.h"
#include "rushes-secret-store.h"
#include "rushes-task.h"
#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_TASK_RUNNER (rushes_task_runner_get_type ())

G_DECLARE_FINAL_TYPE (RushesTaskRunner, rushes_task_runner, RUSHES, TASK_RUNNER, GObject)

RushesTaskRunner *rushes_task_runner_new           (RushesLibrary       *library,
                                                    RushesModelCatalog  *catalog,
                                                    RushesSecretStore   *secrets,
                                                    RushesConfig        *config);
RushesHttp       *rushes_task_runner_get_http      (RushesTaskRunner    *self);

void              rushes_task_runner_run_async     (RushesTaskRunner    *self,
                                                    RushesTask          *task,
                                                    RushesRunFlags       flags,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          rushes_task_runner_run_finish    (RushesTaskRunner    *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void              rushes_task_runner_cancel_async  (RushesTaskRunner    *self,
                                                    RushesTask          *task,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          rushes_task_runner_cancel_finish (RushesTaskRunner    *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/**
 * RushesBudgetCheckFunc:
 * @task: a draft about to be sent
 * @cancellable: the run's
 * @callback: to call when the check is done
 *
 * Starts checking whether @task fits the user's budgets (a live quote
 * may need the network).
 */
typedef void     (*RushesBudgetCheckFunc)   (RushesTask          *task,
                                             gpointer             user_data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             callback_data);
/**
 * RushesBudgetCheckFinish:
 * @error: why the draft may not be sent
 *
 * Returns: whether it fits the user's budgets
 */
typedef gboolean (*RushesBudgetCheckFinish) (GAsyncResult        *result,
                                             gpointer             user_data,
                                             GError             **error);

void              rushes_task_runner_set_budget_check (RushesTaskRunner        *self,
                                                       RushesBudgetCheckFunc    func,
                                                       RushesBudgetCheckFinish  finish,
                                                       gpointer                 user_data);

gboolean          rushes_task_runner_mark_failed   (RushesTaskRunner    *self,
                                                    RushesTask          *task,
                                                    GError             **error);

G_END_DECLS
