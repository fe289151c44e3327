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

G_BEGIN_DECLS

#define RUSHES_TYPE_IMAGE_SLOT (rushes_image_slot_get_type ())

G_DECLARE_FINAL_TYPE (RushesImageSlot, rushes_image_slot, RUSHES, IMAGE_SLOT, AdwBin)

GFile      *rushes_image_slot_get_file  (RushesImageSlot *self);
void        rushes_image_slot_set_file  (RushesImageSlot *self,
                                         GFile           *file);
const char *rushes_image_slot_get_error (RushesImageSlot *self);
void        rushes_image_slot_set_error (RushesImageSlot *self,
                                         const char      *error);
void        rushes_image_slot_paste     (RushesImageSlot *self);

G_END_DECLS
