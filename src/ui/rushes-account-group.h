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

#include <adwaita.h>

#include "rushes-core.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_ACCOUNT_GROUP (rushes_account_group_get_type ())

G_DECLARE_FINAL_TYPE (RushesAccountGroup, rushes_account_group, RUSHES, ACCOUNT_GROUP, AdwPreferencesGroup)

RushesAccountGroup *rushes_account_group_new             (const char         *provider_id,
                                                          RushesSecretStore  *secrets,
                                                          RushesConfig       *config,
                                                          GSettings          *settings);
const char         *rushes_account_group_get_provider_id (RushesAccountGroup *self);

void                rushes_account_group_set_balance     (RushesAccountGroup  *self,
                                                          const RushesBalance *balance);

G_END_DECLS
