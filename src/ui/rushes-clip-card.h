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
#include "rushes-shot-group.h"
#include "rushes-thumbnail-queue.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_CLIP_CARD (rushes_clip_card_get_type ())

G_DECLARE_FINAL_TYPE (RushesClipCard, rushes_clip_card, RUSHES, CLIP_CARD, GtkWidget)

GtkWidget  *rushes_clip_card_new      (RushesEngine         *engine,
                                       RushesThumbnailQueue *thumbnails);
RushesTask *rushes_clip_card_get_task (RushesClipCard *self);
void        rushes_clip_card_set_task (RushesClipCard *self,
                                       RushesTask     *task);
RushesShotGroup *rushes_clip_card_get_shot        (RushesClipCard  *self);
void             rushes_clip_card_set_shot        (RushesClipCard  *self,
                                                   RushesShotGroup *shot);
void             rushes_clip_card_set_take_number (RushesClipCard  *self,
                                                   guint            number);
void             rushes_clip_card_bind_item       (RushesClipCard  *self,
                                                   gpointer         item);
gboolean         rushes_clip_card_get_expanded    (RushesClipCard  *self);
void             rushes_clip_card_set_expanded    (RushesClipCard  *self,
                                                   gboolean         expanded);

G_END_DECLS
