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

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rushes-config.h"
#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_HTTP (rushes_http_get_type ())

/* The largest video rushes_http_download_async() accepts. Clips of today's
 * models weigh tens of megabytes (a minute of 1080p at a generous 20 Mbit/s
 * is 150 MB); 4 GiB leaves room for long, high-bitrate outputs while a
 * broken or hostile server cannot fill the disk. */
#define RUSHES_HTTP_MAX_VIDEO_SIZE ((goffset) 4 * 1024 * 1024 * 1024)

G_DECLARE_FINAL_TYPE (RushesHttp, rushes_http, RUSHES, HTTP, GObject)

/**
 * RushesHttpKind:
 * @RUSHES_HTTP_READ: an idempotent read (status, detail): retried on
 *   429, 5xx and transport errors, with backoff that honours Retry-After
 * @RUSHES_HTTP_SUBMIT: a request that may cost money: sent exactly once;
 *   a failure after the request went out is %RUSHES_ERROR_UNCERTAIN
 * @RUSHES_HTTP_WRITE: a request that changes state upstream but costs
 *   nothing (cancel, upload): sent once, failures are plain errors
 * @RUSHES_HTTP_LOOKUP: an idempotent read the caller can do without (a
 *   model listing, a price quote): like a read, but tried twice at most,
 *   so that an unreachable provider is given up on at once
 */
typedef enum
{
  RUSHES_HTTP_READ,
  RUSHES_HTTP_SUBMIT,
  RUSHES_HTTP_WRITE,
  RUSHES_HTTP_LOOKUP,
} RushesHttpKind;

/* Builds a fresh message for each attempt (fresh nonce and signature). */
typedef SoupMessage *(*RushesHttpMessageFunc)  (gpointer  user_data,
                                                GError  **error);
/* Parses an answer's body; for providers whose JSON needs mending. The text
 * has passed rushes_json_check() with the request's size cap; parse it with
 * rushes_json_parse() all the same. */
typedef JsonNode    *(*RushesHttpParseFunc)    (const char *text,
                                                gssize      length,
                                                GError    **error);
typedef void         (*RushesHttpProgressFunc) (goffset   received,
                                                goffset   total,
                                                gpointer  user_data);

RushesHttp   *rushes_http_new                   (RushesConfig          *config);
RushesConfig *rushes_http_get_config            (RushesHttp            *self);
SoupSession  *rushes_http_get_session           (RushesHttp            *self);
void          rushes_http_set_retry_policy      (RushesHttp            *self,
                                                 guint                  max_attempts,
                                                 guint                  base_delay_ms);

void          rushes_http_send_json_async       (RushesHttp            *self,
                                                 RushesHttpKind         kind,
                                                 RushesHttpParseFunc    parse,
                                                 RushesHttpMessageFunc  build_message,
                                                 gpointer               build_data,
                                                 GDestroyNotify         build_data_destroy,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
void          rushes_http_send_json_full_async  (RushesHttp            *self,
                                                 RushesHttpKind         kind,
                                                 gsize                  max_size,
                                                 RushesHttpParseFunc    parse,
                                                 RushesHttpMessageFunc  build_message,
                                                 gpointer               build_data,
                                                 GDestroyNotify         build_data_destroy,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
JsonNode     *rushes_http_send_json_finish      (RushesHttp            *self,
                                                 GAsyncResult          *result,
                                                 guint                 *status,
                                                 GError               **error);
void          rushes_http_send_async            (RushesHttp            *self,
                                                 RushesHttpKind         kind,
                                                 gsize                  max_size,
                                                 RushesHttpMessageFunc  build_message,
                                                 gpointer               build_data,
                                                 GDestroyNotify         build_data_destroy,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
GBytes       *rushes_http_send_finish           (RushesHttp            *self,
                                                 GAsyncResult          *result,
                                                 guint                 *status,
                                                 GError               **error);

void          rushes_http_download_async        (RushesHttp            *self,
                                                 const char            *url,
                                                 GFile                 *destination,
                                                 RushesHttpProgressFunc progress,
                                                 gpointer               progress_data,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean      rushes_http_download_finish       (RushesHttp            *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);

void          rushes_http_websocket_connect_async  (RushesHttp          *self,
                                                    const char          *url,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
SoupWebsocketConnection *
              rushes_http_websocket_connect_finish (RushesHttp          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void          rushes_http_set_status_error      (GError               **error,
                                                 RushesHttpKind         kind,
                                                 guint                  status,
                                                 const char            *provider_name,
                                                 const char            *detail);
void          rushes_http_log                   (RushesHttp            *self,
                                                 const char            *format,
                                                 ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
