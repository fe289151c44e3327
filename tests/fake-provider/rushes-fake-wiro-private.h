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

#include <libsoup/soup.h>

#include "rushes-fake-provider.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_FAKE_WIRO (rushes_fake_wiro_get_type ())

G_DECLARE_FINAL_TYPE (RushesFakeWiro, rushes_fake_wiro, RUSHES, FAKE_WIRO, GObject)

RushesFakeWiro *_rushes_fake_wiro_new             (RushesFakeProvider *provider);
void            _rushes_fake_wiro_set_cost        (RushesFakeWiro     *self,
                                                   const char         *cost);
void            _rushes_fake_wiro_set_credentials (RushesFakeWiro     *self,
                                                   const char         *key,
                                                   const char         *secret);
void            _rushes_fake_wiro_add_handlers    (RushesFakeWiro     *self,
                                                   SoupServer         *server);
void            _rushes_fake_wiro_respond_error   (SoupServerMessage  *msg,
                                                   guint               status,
                                                   int                 code,
                                                   const char         *message);

G_END_DECLS
