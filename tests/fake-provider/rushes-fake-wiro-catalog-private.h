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

#include "rushes-fake-provider-private.h"

G_BEGIN_DECLS

/* Wiro's live catalog: Tool/List, Tool/Detail, and what a Run of a listed
 * model must satisfy and costs. The tools are catalog/wiro-tools.json. */
typedef struct _RushesFakeWiroCatalog RushesFakeWiroCatalog;

RushesFakeWiroCatalog *_rushes_fake_wiro_catalog_new       (RushesFakeProvider      *provider);
void                   _rushes_fake_wiro_catalog_free      (RushesFakeWiroCatalog   *self);
void                   _rushes_fake_wiro_catalog_list      (RushesFakeWiroCatalog   *self,
                                                            SoupServerMessage       *msg,
                                                            const RushesFakeRequest *request);
void                   _rushes_fake_wiro_catalog_detail    (RushesFakeWiroCatalog   *self,
                                                            SoupServerMessage       *msg,
                                                            const RushesFakeRequest *request);
gboolean               _rushes_fake_wiro_catalog_check_run (RushesFakeWiroCatalog   *self,
                                                            const char              *owner,
                                                            const char              *project,
                                                            const RushesFakeRequest *request,
                                                            char                   **error);
char                  *_rushes_fake_wiro_catalog_dup_cost  (RushesFakeWiroCatalog   *self,
                                                            const char              *owner,
                                                            const char              *project,
                                                            JsonObject              *parameters);

G_END_DECLS
