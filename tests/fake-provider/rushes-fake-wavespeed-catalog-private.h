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

/* WaveSpeed's live catalog (catalog/wavespeed-models.json): GET /models,
 * the request schema of each model, and POST /model/price. */
typedef struct _RushesFakeWavespeedCatalog RushesFakeWavespeedCatalog;

/* The codes WaveSpeed documents for a refused parameter. */
#define RUSHES_FAKE_WAVESPEED_MISSING_PARAMETER 1400
#define RUSHES_FAKE_WAVESPEED_INVALID_PARAMETER 1401

RushesFakeWavespeedCatalog *_rushes_fake_wavespeed_catalog_new            (void);
void                        _rushes_fake_wavespeed_catalog_free           (RushesFakeWavespeedCatalog *self);
const char                 *_rushes_fake_wavespeed_catalog_get_models_text (RushesFakeWavespeedCatalog *self);
gboolean                    _rushes_fake_wavespeed_catalog_lists          (RushesFakeWavespeedCatalog *self,
                                                                           const char                 *model_id);
gboolean                    _rushes_fake_wavespeed_catalog_has_schema     (RushesFakeWavespeedCatalog *self,
                                                                           const char                 *model_id);
char                       *_rushes_fake_wavespeed_catalog_check          (RushesFakeWavespeedCatalog *self,
                                                                           const char                 *model_id,
                                                                           JsonObject                 *inputs,
                                                                           gboolean                    strict,
                                                                           gboolean                    require,
                                                                           int                        *code);
void                        _rushes_fake_wavespeed_catalog_price          (RushesFakeWavespeedCatalog *self,
                                                                           const char                 *model_id,
                                                                           JsonObject                 *inputs,
                                                                           double                     *price,
                                                                           double                     *discounted);

G_END_DECLS
