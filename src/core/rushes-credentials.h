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
#include "rushes-secret-store.h"

G_BEGIN_DECLS

/**
 * RushesCredentials:
 * @api_key: the API key (never %NULL)
 * @api_secret: (nullable): the API secret, for providers that sign requests
 */
typedef struct
{
  char *api_key;
  char *api_secret;
} RushesCredentials;

#define RUSHES_TYPE_CREDENTIALS (rushes_credentials_get_type ())

GType              rushes_credentials_get_type (void) G_GNUC_CONST;
RushesCredentials *rushes_credentials_new      (const char              *api_key,
                                                const char              *api_secret);
RushesCredentials *rushes_credentials_copy     (const RushesCredentials *self);
void               rushes_credentials_free     (RushesCredentials       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesCredentials, rushes_credentials_free)

void               rushes_credentials_lookup_async  (RushesConfig         *config,
                                                     RushesSecretStore    *secrets,
                                                     const char           *provider_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
RushesCredentials *rushes_credentials_lookup_finish (GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
