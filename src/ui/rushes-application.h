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

#include "rushes-engine.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_APPLICATION (rushes_application_get_type ())

G_DECLARE_FINAL_TYPE (RushesApplication, rushes_application, RUSHES, APPLICATION, AdwApplication)

RushesApplication  *rushes_application_new              (void);
GSettings          *rushes_application_get_settings     (RushesApplication *self);
RushesConfig       *rushes_application_get_config       (RushesApplication *self);
RushesModelCatalog *rushes_application_get_catalog      (RushesApplication *self);
RushesLibrary      *rushes_application_get_library      (RushesApplication *self);
RushesSecretStore  *rushes_application_get_secret_store (RushesApplication *self);
void                rushes_application_set_secret_store (RushesApplication *self,
                                                         RushesSecretStore *secrets);
RushesTaskRunner   *rushes_application_get_runner       (RushesApplication *self);
void                rushes_application_run_task         (RushesApplication *self,
                                                         RushesTask        *task);
guint               rushes_application_get_n_running    (RushesApplication *self);
void                rushes_application_request_thumbnail (RushesApplication *self,
                                                          RushesTask        *task);

G_END_DECLS
