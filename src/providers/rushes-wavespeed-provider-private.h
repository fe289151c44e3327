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

#include "rushes-http.h"
#include "rushes-wavespeed-provider.h"

G_BEGIN_DECLS

RushesRemoteStatus *_rushes_wavespeed_parse_prediction (JsonNode        *root,
                                                        guint            status,
                                                        RushesHttpKind   kind,
                                                        GError         **error);
char               *_rushes_wavespeed_parse_upload     (JsonNode        *root,
                                                        guint            status,
                                                        GError         **error);
gboolean            _rushes_wavespeed_parse_upload_ticket (JsonNode     *root,
                                                           guint         status,
                                                           char        **put_url,
                                                           JsonObject  **headers,
                                                           char        **download_url,
                                                           GError      **error);

gboolean            _rushes_wavespeed_parse_balance    (JsonNode        *root,
                                                        guint            status,
                                                        double          *balance_usd,
                                                        GError         **error);
JsonNode           *_rushes_wavespeed_get_data         (JsonNode        *root,
                                                        guint            status,
                                                        RushesHttpKind   kind,
                                                        GError         **error);
RushesHttp         *_rushes_wavespeed_provider_get_http (RushesWavespeedProvider *self);

/* rushes-wavespeed-catalog.c */
JsonArray          *_rushes_wavespeed_models_to_entries (JsonArray      *models);
gboolean            _rushes_wavespeed_parse_price      (JsonNode        *root,
                                                        guint            status,
                                                        double          *cost_usd,
                                                        GError         **error);
void                _rushes_wavespeed_list_models_async  (RushesProvider          *provider,
                                                          const RushesCredentials *credentials,
                                                          GCancellable            *cancellable,
                                                          GAsyncReadyCallback      callback,
                                                          gpointer                 user_data);
JsonArray          *_rushes_wavespeed_list_models_finish (RushesProvider          *provider,
                                                          GAsyncResult            *result,
                                                          GError                 **error);
void                _rushes_wavespeed_quote_async      (RushesProvider          *provider,
                                                        const RushesCredentials *credentials,
                                                        RushesModel             *model,
                                                        RushesGenerationParams  *params,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);

G_END_DECLS
