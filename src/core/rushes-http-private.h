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

#include "rushes-http.h"

G_BEGIN_DECLS

/* Shared by the files of RushesHttp:
 *   rushes-http.c           the session, its policies, JSON requests and
 *                           WebSocket connections
 *   rushes-http-download.c  streamed, resumable downloads */

struct _RushesHttp
{
  GObject       parent_instance;

  RushesConfig *config;
  SoupSession  *session;
  guint         max_attempts;
  guint         base_delay_ms;
};

char        *_rushes_http_loggable_uri           (GUri         *uri);
const char  *_rushes_http_host_of                (SoupMessage  *message);
guint        _rushes_http_retry_after_ms         (SoupMessage  *message,
                                                  guint         fallback_ms);
guint        _rushes_http_backoff_ms             (RushesHttp   *self,
                                                  guint         attempt);
gboolean     _rushes_http_status_is_retryable    (guint         status);
void         _rushes_http_send_user_cancelled_cb (GCancellable *cancellable,
                                                  GCancellable *attempt_cancellable);

G_END_DECLS
