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

#include <json-glib/json-glib.h>

#include "rushes-generation-params.h"
#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_MODEL (rushes_model_get_type ())

G_DECLARE_FINAL_TYPE (RushesModel, rushes_model, RUSHES, MODEL, GObject)

const char          *rushes_model_get_id               (RushesModel            *self);
const char          *rushes_model_get_provider_id      (RushesModel            *self);
const char          *rushes_model_get_name             (RushesModel            *self);
const char          *rushes_model_get_description      (RushesModel            *self);
gboolean             rushes_model_get_retired          (RushesModel            *self);
const char          *rushes_model_get_retired_note     (RushesModel            *self);
const char          *rushes_model_get_price_note       (RushesModel            *self);
const char          *rushes_model_get_origin           (RushesModel            *self);
const char          *rushes_model_get_vendor           (RushesModel            *self);
gboolean             rushes_model_get_available        (RushesModel            *self);
gboolean             rushes_model_peek_available       (RushesModel            *self);
gboolean             rushes_model_get_loaded           (RushesModel            *self);
const char          *rushes_model_get_unavailable_reason (RushesModel          *self);
gboolean             rushes_model_get_live             (RushesModel            *self);
GDateTime           *rushes_model_get_fetched_at       (RushesModel            *self);

gboolean             rushes_model_supports_mode        (RushesModel            *self,
                                                        RushesGenerationMode    mode);
char               **rushes_model_list_controls        (RushesModel            *self);
gboolean             rushes_model_has_control          (RushesModel            *self,
                                                        const char             *control);
RushesControlKind    rushes_model_get_control_kind     (RushesModel            *self,
                                                        const char             *control);
const char * const  *rushes_model_get_allowed_values   (RushesModel            *self,
                                                        const char             *control);
const char          *rushes_model_get_default_value    (RushesModel            *self,
                                                        const char             *control);
guint                rushes_model_get_max_length       (RushesModel            *self,
                                                        const char             *control);
guint64              rushes_model_get_max_image_bytes  (RushesModel            *self,
                                                        const char             *control);
gboolean             rushes_model_get_range            (RushesModel            *self,
                                                        const char             *control,
                                                        gint64                 *min,
                                                        gint64                 *max);
gboolean             rushes_model_accepts_image_source (RushesModel            *self,
                                                        const char             *control,
                                                        gboolean                url);
const char          *rushes_model_get_control_label    (RushesModel            *self,
                                                        const char             *control);
const char          *rushes_model_get_control_description (RushesModel         *self,
                                                           const char          *control);
gboolean             rushes_model_get_control_required (RushesModel            *self,
                                                        const char             *control);
gboolean             rushes_model_control_is_generic   (RushesModel            *self,
                                                        const char             *control);
gboolean             rushes_model_control_supports_mode (RushesModel           *self,
                                                         const char            *control,
                                                         RushesGenerationMode   mode);
const char          *rushes_model_get_value_label      (RushesModel            *self,
                                                        const char             *control,
                                                        const char             *value);
gboolean             rushes_model_get_number_range     (RushesModel            *self,
                                                        const char             *control,
                                                        double                 *min,
                                                        double                 *max,
                                                        double                 *step);

gboolean             rushes_model_validate             (RushesModel            *self,
                                                        RushesGenerationParams *params,
                                                        GError                **error);
RushesGenerationParams *rushes_model_complete_params   (RushesModel            *self,
                                                        RushesGenerationParams *params);
gboolean             rushes_model_estimate_cost        (RushesModel            *self,
                                                        RushesGenerationParams *params,
                                                        double                 *cost_usd);
gboolean             rushes_model_estimate_cost_full   (RushesModel            *self,
                                                        RushesGenerationParams *params,
                                                        double                 *cost_usd,
                                                        gboolean               *from_price_list);

JsonNode            *rushes_model_to_json              (RushesModel            *self);

G_END_DECLS
