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

G_BEGIN_DECLS

#define RUSHES_TYPE_FAKE_PROVIDER (rushes_fake_provider_get_type ())

G_DECLARE_FINAL_TYPE (RushesFakeProvider, rushes_fake_provider, RUSHES, FAKE_PROVIDER, GObject)

RushesFakeProvider *rushes_fake_provider_new                  (const char          *video_path);
void                rushes_fake_provider_set_port             (RushesFakeProvider  *self,
                                                               guint                port);
gboolean            rushes_fake_provider_start                (RushesFakeProvider  *self,
                                                               GError             **error);
char               *rushes_fake_provider_get_base_url         (RushesFakeProvider  *self,
                                                               const char          *provider);
char               *rushes_fake_provider_get_socket_url       (RushesFakeProvider  *self);
char               *rushes_fake_provider_get_control_url      (RushesFakeProvider  *self);
void                rushes_fake_provider_set_wiro_credentials (RushesFakeProvider  *self,
                                                               const char          *key,
                                                               const char          *secret);
void                rushes_fake_provider_set_wiro_cost        (RushesFakeProvider  *self,
                                                               double               cost_usd);
void                rushes_fake_provider_set_wavespeed_key    (RushesFakeProvider  *self,
                                                               const char          *key);
void                rushes_fake_provider_set_apixo_key        (RushesFakeProvider  *self,
                                                               const char          *key);
void                rushes_fake_provider_set_balance          (RushesFakeProvider  *self,
                                                               const char          *provider,
                                                               double               balance);
void                rushes_fake_provider_set_wavespeed_strict (RushesFakeProvider  *self,
                                                               gboolean             strict);
void                rushes_fake_provider_set_step_interval    (RushesFakeProvider  *self,
                                                               guint                msec);
void                rushes_fake_provider_set_output_size      (RushesFakeProvider  *self,
                                                               guint64              size);
gboolean            rushes_fake_provider_check_fault          (const char          *fault,
                                                               GError             **error);
void                rushes_fake_provider_add_fault            (RushesFakeProvider  *self,
                                                               const char          *fault);
guint               rushes_fake_provider_count_requests       (RushesFakeProvider  *self,
                                                               const char          *path_suffix);
guint               rushes_fake_provider_count_foreign_requests (RushesFakeProvider *self,
                                                                 const char         *header);
GHashTable         *rushes_fake_provider_dup_last_fields      (RushesFakeProvider  *self,
                                                               const char          *path_suffix);
char               *rushes_fake_provider_dup_last_header      (RushesFakeProvider  *self,
                                                               const char          *path_suffix,
                                                               const char          *name);
GBytes             *rushes_fake_provider_get_video_bytes      (RushesFakeProvider  *self);

G_END_DECLS
