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

G_BEGIN_DECLS

/* Waiting without sleeping: run the default main context until something
 * observable holds, and fail the test, naming what was awaited, after a
 * deadline that RUSHES_TEST_TIMEOUT_SCALE stretches (sanitizer builds set
 * it to 4). */

/* Each wait's deadline, in seconds, before the scale. */
#define RUSHES_TEST_WAIT_SECONDS 30

typedef gboolean (*RushesTestCondition) (gpointer data);

double         rushes_test_get_timeout_scale (void);
gint64         rushes_test_scaled_usec       (double               seconds);

#define rushes_test_wait_until(condition, data, what) \
  rushes_test_wait_until_for (RUSHES_TEST_WAIT_SECONDS, (condition), (data), (what))
#define rushes_test_await(slot) \
  rushes_test_await_for (RUSHES_TEST_WAIT_SECONDS, (slot))

/* For the few waits that take longer on any machine (a GES render). */
#define rushes_test_wait_until_for(seconds, condition, data, what) \
  rushes_test_wait_until_at (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, (seconds), (condition), (data), (what))
#define rushes_test_await_for(seconds, slot) \
  rushes_test_await_at (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, (seconds), (slot))

void           rushes_test_wait_until_at     (const char          *domain,
                                              const char          *file,
                                              int                  line,
                                              const char          *func,
                                              double               seconds,
                                              RushesTestCondition  condition,
                                              gpointer             data,
                                              const char          *what);
GAsyncResult  *rushes_test_await_at          (const char          *domain,
                                              const char          *file,
                                              int                  line,
                                              const char          *func,
                                              double               seconds,
                                              GAsyncResult       **slot);

void           rushes_test_store_result_cb   (GObject             *object,
                                              GAsyncResult        *result,
                                              gpointer             user_data);

/* A job with progress (an export, a render): its result, and every
 * fraction it reported, which must all come before the result. */
typedef struct
{
  GAsyncResult *result;
  GArray       *progress;   /* double */
} RushesTestJob;

void           rushes_test_job_init          (RushesTestJob       *job);
void           rushes_test_job_clear         (RushesTestJob       *job);
void           rushes_test_job_done_cb       (GObject             *object,
                                              GAsyncResult        *result,
                                              gpointer             user_data);
void           rushes_test_job_progress_cb   (double               fraction,
                                              gpointer             user_data);
RushesLibrary *rushes_test_open_library      (void);
RushesTask    *rushes_test_reload_task       (RushesTask          *task);
void           rushes_test_store_secret      (RushesSecretStore   *secrets,
                                              const char          *provider_id,
                                              RushesSecretKind     kind,
                                              const char          *value);
RushesGenerationParams *
               rushes_test_params_new        (const char          *prompt,
                                              const char          *first_control,
                                              ...);

G_END_DECLS
