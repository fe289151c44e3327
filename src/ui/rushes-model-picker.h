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

#define RUSHES_TYPE_MODEL_PICKER (rushes_model_picker_get_type ())

G_DECLARE_FINAL_TYPE (RushesModelPicker, rushes_model_picker, RUSHES, MODEL_PICKER, GtkPopover)

RushesModelPicker *rushes_model_picker_new             (RushesEngine      *engine,
                                                        gboolean           multiple);
void               rushes_model_picker_set_current     (RushesModelPicker *self,
                                                        RushesModel       *model);
void               rushes_model_picker_set_chosen      (RushesModelPicker *self,
                                                        GPtrArray         *models);
GPtrArray         *rushes_model_picker_dup_chosen      (RushesModelPicker *self);
void               rushes_model_picker_set_ready_providers (RushesModelPicker  *self,
                                                            const char * const *provider_ids);
void               rushes_model_picker_set_search_text (RushesModelPicker *self,
                                                        const char        *text);
guint              rushes_model_picker_get_n_shown     (RushesModelPicker *self);
RushesModel       *rushes_model_picker_get_shown       (RushesModelPicker *self,
                                                        guint              position);

G_END_DECLS
