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

/* The core layer's public API: include this one header. Core knows the
 * providers only through the RushesProvider interface and its registry. */

#include "rushes-balances.h"
#include "rushes-config.h"
#include "rushes-controls.h"
#include "rushes-credentials.h"
#include "rushes-engine.h"
#include "rushes-enums.h"
#include "rushes-error.h"
#include "rushes-file.h"
#include "rushes-generation-params.h"
#include "rushes-http.h"
#include "rushes-image-format.h"
#include "rushes-json.h"
#include "rushes-library.h"
#include "rushes-libsecret-store.h"
#include "rushes-memory-secret-store.h"
#include "rushes-model.h"
#include "rushes-model-catalog.h"
#include "rushes-provider.h"
#include "rushes-reel.h"
#include "rushes-reel-store.h"
#include "rushes-secret-store.h"
#include "rushes-settings.h"
#include "rushes-shot.h"
#include "rushes-spend.h"
#include "rushes-task.h"
#include "rushes-task-runner.h"
#include "rushes-text.h"
#include "rushes-types.h"
