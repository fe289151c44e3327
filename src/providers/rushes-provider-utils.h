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

#include "rushes-provider.h"

G_BEGIN_DECLS

/* Helpers shared by the provider implementations. */

/* Answers document numbers as strings and strings as numbers: these
 * accept either (protocols.md §4.6). */
char         *_rushes_json_dup_string      (JsonObject              *object,
                                            const char              *member);
gboolean      _rushes_json_get_double      (JsonObject              *object,
                                            const char              *member,
                                            double                  *value);
gboolean      _rushes_json_get_int         (JsonObject              *object,
                                            const char              *member,
                                            gint64                  *value);
JsonArray    *_rushes_json_get_array       (JsonObject              *object,
                                            const char              *member);
JsonObject   *_rushes_json_get_object      (JsonObject              *object,
                                            const char              *member);
char         *_rushes_shorten_message      (const char              *text);

/**
 * RushesBearerRequest:
 *
 * One request to a provider that authorises with `Authorization: Bearer`
 * (WaveSpeed, APIXO): a JSON body, a multipart body with one file, or none.
 * Use _rushes_bearer_request_build_message() as the #RushesHttpMessageFunc.
 */
typedef struct
{
  RushesCredentials *credentials;
  const char        *provider_name;
  const char        *method;
  char              *url;
  char              *json;
  GBytes            *file;
  char              *file_field;
  char              *filename;
  char              *content_type;
} RushesBearerRequest;

RushesBearerRequest *_rushes_bearer_request_new           (const RushesCredentials *credentials,
                                                           const char              *provider_name,
                                                           const char              *method,
                                                           const char              *url);
void                 _rushes_bearer_request_free          (RushesBearerRequest     *request);
SoupMessage         *_rushes_bearer_request_build_message (gpointer                 user_data,
                                                           GError                 **error);

typedef RushesRemoteStatus *(*RushesStatusParser) (JsonNode  *root,
                                                  guint      http_status,
                                                  GError   **error);

typedef gboolean (*RushesBalanceParser) (JsonNode  *root,
                                         guint      http_status,
                                         double    *balance_usd,
                                         GError   **error);

void     _rushes_provider_get_balance    (RushesProvider          *self,
                                          RushesHttp              *http,
                                          const RushesCredentials *credentials,
                                          const char              *provider_name,
                                          const char              *url,
                                          RushesBalanceParser      parse,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data);
void     _rushes_provider_read_amount    (RushesProvider          *self,
                                          RushesHttp              *http,
                                          RushesBearerRequest     *request,
                                          RushesHttpKind           kind,
                                          RushesBalanceParser      parse,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data);
gboolean _rushes_provider_amount_finish  (RushesProvider          *self,
                                          GAsyncResult            *result,
                                          double                  *balance_usd,
                                          GError                 **error);

void  _rushes_provider_return_status (GTask              *task,
                                      RushesHttp         *http,
                                      GAsyncResult       *result,
                                      RushesStatusParser  parse);
char *_rushes_provider_endpoint      (RushesHttp         *http,
                                      const char         *provider_id,
                                      const char         *path);

G_END_DECLS
