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
#include "rushes-secret-store.h"

G_BEGIN_DECLS

/**
 * RushesBalance:
 * @provider_id: a provider with a key
 * @balance_usd: what is left on its account, or NAN when unknown
 * @note: (nullable): why it is unknown ("not reported by Wiro", or the
 *   error of the read), never an error dialog's matter
 */
typedef struct
{
  char   *provider_id;
  double  balance_usd;
  char   *note;
} RushesBalance;

void                 rushes_balance_free             (RushesBalance       *balance);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesBalance, rushes_balance_free)

#define RUSHES_TYPE_BALANCES (rushes_balances_get_type ())

G_DECLARE_FINAL_TYPE (RushesBalances, rushes_balances, RUSHES, BALANCES, GObject)

RushesBalances      *rushes_balances_new             (RushesConfig        *config,
                                                      RushesSecretStore   *secrets,
                                                      RushesHttp          *http);

void                 rushes_balances_read_async      (RushesBalances      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray           *rushes_balances_read_finish     (RushesBalances      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

void                 rushes_balances_refresh         (RushesBalances      *self);
gboolean             rushes_balances_get_refreshing  (RushesBalances      *self);
GPtrArray           *rushes_balances_get_last        (RushesBalances      *self);
const RushesBalance *rushes_balances_lookup          (RushesBalances      *self,
                                                      const char          *provider_id);
char                *rushes_balance_format           (const RushesBalance *balance);

G_END_DECLS
