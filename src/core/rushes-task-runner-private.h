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

#include "rushes-library-private.h"
#include "rushes-model-private.h"
#include "rushes-provider.h"
#include "rushes-task-lock.h"
#include "rushes-task-private.h"
#include "rushes-task-runner.h"

G_BEGIN_DECLS

struct _RushesTaskRunner
{
  GObject             parent_instance;

  RushesLibrary      *library;
  RushesModelCatalog *catalog;
  RushesSecretStore  *secrets;
  RushesConfig       *config;
  RushesHttp         *http;
  GHashTable         *providers;  /* provider id → RushesProvider */
  GHashTable         *runs;       /* task id → GTask of its active run (borrowed) */
  RushesBudgetCheckFunc budget_check;
  RushesBudgetCheckFinish budget_check_finish;
  gpointer           budget_check_data;
};

/* One run of one task: from the follower lock to the end of the follow. */
typedef struct
{
  RushesTaskRunner  *self;
  RushesTask        *task;
  RushesModel       *model;
  RushesProvider    *provider;
  RushesCredentials *credentials;
  RushesRunFlags     flags;
  GCancellable      *cancellable;        /* the run's: user's cancellable or a cancel request */
  GCancellable      *user_cancellable;
  gulong             user_cancelled_id;
  gulong             cancelled_id;
  GCancellable      *watch_cancellable;
  GSource           *poll_source;
  GSource           *cancel_source;
  RushesTaskLock    *lock;                /* the follower lock, once taken */
  gint64             video_size;          /* as the provider reports it, or -1 */
  guint              base_interval_ms;
  guint              interval_ms;
  guint              watching : 1;
  guint              status_in_flight : 1;
  guint              status_again : 1;
  guint              downloading : 1;
  guint              cancel_requested : 1;
  guint              refetch : 1;           /* a succeeded clip's missing video */
  guint              done : 1;
} RunData;

/* rushes-task-runner.c */
gboolean  _rushes_task_runner_save               (GTask                    *task);
void      _rushes_task_runner_complete           (GTask                    *task,
                                                  GError                   *error);
GError   *_rushes_task_runner_cancellation_error (RunData                  *data);
void      _rushes_task_runner_fail               (GTask                    *task,
                                                  const GError             *failure);
void      _rushes_task_runner_apply_progress     (GTask                    *task,
                                                  const RushesRemoteStatus *status);
GSource  *_rushes_task_runner_add_timeout        (GTask                    *task,
                                                  guint                     delay_ms,
                                                  GSourceFunc               func);
void      _rushes_task_runner_clear_source       (GSource                 **source);

/* rushes-task-runner-follow.c */
void      _rushes_task_runner_follow_start       (GTask                    *task,
                                                  guint                     first_delay_ms);
void      _rushes_task_runner_follow_status      (GTask                    *task);

G_END_DECLS
