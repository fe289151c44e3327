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

#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_CONFIG (rushes_config_get_type ())

G_DECLARE_FINAL_TYPE (RushesConfig, rushes_config, RUSHES, CONFIG, GObject)

/* Provider ids known to the configuration (endpoint defaults, variable names). */
#define RUSHES_PROVIDER_WIRO      "wiro"
#define RUSHES_PROVIDER_WAVESPEED "wavespeed"
#define RUSHES_PROVIDER_APIXO     "apixo"
#define RUSHES_PROVIDER_SANDBOX   "sandbox"

RushesConfig *rushes_config_new                  (void);
RushesConfig *rushes_config_new_from_environment (GError       **error);

const char   *rushes_config_get_base_url         (RushesConfig  *self,
                                                  const char    *provider_id);
gboolean      rushes_config_set_base_url         (RushesConfig  *self,
                                                  const char    *provider_id,
                                                  const char    *url,
                                                  GError       **error);
const char   *rushes_config_get_socket_url       (RushesConfig  *self,
                                                  const char    *provider_id);
gboolean      rushes_config_set_socket_url       (RushesConfig  *self,
                                                  const char    *provider_id,
                                                  const char    *url,
                                                  GError       **error);

const char   *rushes_config_get_env_secret       (RushesConfig  *self,
                                                  const char    *provider_id,
                                                  RushesSecretKind kind);

guint         rushes_config_get_poll_interval_ms (RushesConfig  *self);
void          rushes_config_set_poll_interval_ms (RushesConfig  *self,
                                                  guint          msec);
guint         rushes_config_get_http_timeout_ms  (RushesConfig  *self);
void          rushes_config_set_http_timeout_ms  (RushesConfig  *self,
                                                  guint          msec);
guint         rushes_config_get_download_stall_ms (RushesConfig *self);
void          rushes_config_set_download_stall_ms (RushesConfig *self,
                                                   guint         msec);
guint         rushes_config_get_download_min_rate (RushesConfig *self);
void          rushes_config_set_download_min_rate (RushesConfig *self,
                                                   guint         bytes_per_second);
gboolean      rushes_config_get_debug_http       (RushesConfig  *self);
void          rushes_config_set_debug_http       (RushesConfig  *self,
                                                  gboolean       debug_http);
gboolean      rushes_config_check_url            (const char    *url,
                                                  const char    *what,
                                                  GError       **error);
gboolean      rushes_config_get_debug_catalog    (RushesConfig  *self);
void          rushes_config_set_debug_catalog    (RushesConfig  *self,
                                                  gboolean       debug_catalog);

G_END_DECLS
