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
#include "rushes-wiro-provider.h"

G_BEGIN_DECLS

char               *_rushes_wiro_sign                 (const char      *api_key,
                                                       const char      *api_secret,
                                                       const char      *nonce);
JsonNode           *_rushes_wiro_parse_json           (const char      *text,
                                                       gssize           length,
                                                       GError         **error);
gboolean            _rushes_wiro_check_envelope       (JsonNode        *root,
                                                       guint            status,
                                                       RushesHttpKind   kind,
                                                       GError         **error);
RushesRemoteStatus *_rushes_wiro_parse_run            (JsonNode        *root,
                                                       GError         **error);
RushesRemoteStatus *_rushes_wiro_parse_task_list      (JsonNode        *root,
                                                       GError         **error);
RushesRemoteStatus *_rushes_wiro_parse_socket_message (const char      *text,
                                                       gsize            length,
                                                       const char      *task_token);
void                _rushes_wiro_send_json            (RushesHttp              *http,
                                                       const RushesCredentials *credentials,
                                                       const char              *path,
                                                       const char              *json,
                                                       gsize                    max_size,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);

/* rushes-wiro-catalog.c */
JsonNode           *_rushes_wiro_tool_to_entry        (JsonObject              *tool);
void                _rushes_wiro_list_models_async    (RushesProvider          *provider,
                                                       const RushesCredentials *credentials,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
JsonArray          *_rushes_wiro_list_models_finish   (RushesProvider          *provider,
                                                       GAsyncResult            *result,
                                                       GError                 **error);
RushesHttp         *_rushes_wiro_provider_get_http    (RushesWiroProvider      *self);

G_END_DECLS
