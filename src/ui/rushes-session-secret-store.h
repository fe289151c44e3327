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

#define RUSHES_TYPE_SESSION_SECRET_STORE (rushes_session_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (RushesSessionSecretStore, rushes_session_secret_store, RUSHES, SESSION_SECRET_STORE, GObject)

RushesSecretStore *rushes_session_secret_store_new                (RushesSecretStore        *persistent);
RushesSecretStore *rushes_session_secret_store_get_persistent     (RushesSessionSecretStore *self);
void               rushes_session_secret_store_store_for_session  (RushesSessionSecretStore *self,
                                                                   const char               *provider_id,
                                                                   RushesSecretKind          kind,
                                                                   const char               *secret);
gboolean           rushes_session_secret_store_has_session_secret (RushesSessionSecretStore *self,
                                                                   const char               *provider_id,
                                                                   RushesSecretKind          kind);

G_END_DECLS
