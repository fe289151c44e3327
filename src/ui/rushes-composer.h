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

/**
 * RushesComposerKeyState:
 * @RUSHES_COMPOSER_KEY_UNKNOWN: not looked up yet
 * @RUSHES_COMPOSER_KEY_PRESENT: the provider has a key, or needs none
 * @RUSHES_COMPOSER_KEY_MISSING: the provider needs a key it does not have
 */
typedef enum
{
  RUSHES_COMPOSER_KEY_UNKNOWN,
  RUSHES_COMPOSER_KEY_PRESENT,
  RUSHES_COMPOSER_KEY_MISSING,
} RushesComposerKeyState;

#define RUSHES_TYPE_COMPOSER (rushes_composer_get_type ())

G_DECLARE_FINAL_TYPE (RushesComposer, rushes_composer, RUSHES, COMPOSER, AdwBin)

void                    rushes_composer_set_engine      (RushesComposer         *self,
                                                         RushesEngine           *engine);
RushesModel            *rushes_composer_get_model       (RushesComposer         *self);
gboolean                rushes_composer_select_model    (RushesComposer         *self,
                                                         const char             *model_id);
RushesGenerationParams *rushes_composer_dup_params      (RushesComposer         *self);
void                    rushes_composer_load            (RushesComposer         *self,
                                                         const char             *model_id,
                                                         RushesGenerationParams *params);
gboolean                rushes_composer_set_other_models (RushesComposer     *self,
                                                          const char * const *model_ids);
RushesComposerKeyState  rushes_composer_get_key_state (RushesComposer         *self,
                                                       const char             *provider_id);
const char             *rushes_composer_get_blocker     (RushesComposer         *self);
const char             *rushes_composer_get_notice      (RushesComposer         *self);
void                    rushes_composer_refresh_keys    (RushesComposer         *self);
void                    rushes_composer_save_draft      (RushesComposer         *self);
void                    rushes_composer_reuse_file      (RushesComposer         *self,
                                                         GFile                  *video);
gboolean                rushes_composer_set_start_image (RushesComposer         *self,
                                                         GFile                  *file);

G_END_DECLS
