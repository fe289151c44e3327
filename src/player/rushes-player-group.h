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

#include <gdk/gdk.h>

#include "rushes-player.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_PLAYER_GROUP (rushes_player_group_get_type ())

G_DECLARE_FINAL_TYPE (RushesPlayerGroup, rushes_player_group, RUSHES, PLAYER_GROUP, GObject)

RushesPlayerGroup *rushes_player_group_new             (void);

void               rushes_player_group_set_files       (RushesPlayerGroup  *self,
                                                        GFile             **files,
                                                        guint               n_files);
guint              rushes_player_group_get_n_players   (RushesPlayerGroup  *self);
RushesPlayer      *rushes_player_group_get_player      (RushesPlayerGroup  *self,
                                                        guint               index);
void               rushes_player_group_remove          (RushesPlayerGroup  *self,
                                                        guint               index);

gboolean           rushes_player_group_get_playing     (RushesPlayerGroup  *self);
void               rushes_player_group_set_playing     (RushesPlayerGroup  *self,
                                                        gboolean            playing);
void               rushes_player_group_play            (RushesPlayerGroup  *self);
void               rushes_player_group_pause           (RushesPlayerGroup  *self);
void               rushes_player_group_toggle          (RushesPlayerGroup  *self);
gboolean           rushes_player_group_get_busy        (RushesPlayerGroup  *self);

gint64             rushes_player_group_get_position    (RushesPlayerGroup  *self);
gint64             rushes_player_group_get_duration    (RushesPlayerGroup  *self);
void               rushes_player_group_seek            (RushesPlayerGroup  *self,
                                                        gint64              position);
void               rushes_player_group_step_frame      (RushesPlayerGroup  *self,
                                                        gboolean            forward);

double             rushes_player_group_get_rate        (RushesPlayerGroup  *self);
void               rushes_player_group_set_rate        (RushesPlayerGroup  *self,
                                                        double              rate);
gboolean           rushes_player_group_get_loop        (RushesPlayerGroup  *self);
void               rushes_player_group_set_loop        (RushesPlayerGroup  *self,
                                                        gboolean            loop);
gboolean           rushes_player_group_get_muted       (RushesPlayerGroup  *self);
void               rushes_player_group_set_muted       (RushesPlayerGroup  *self,
                                                        gboolean            muted);
guint              rushes_player_group_get_audio_index (RushesPlayerGroup  *self);
void               rushes_player_group_set_audio_index (RushesPlayerGroup  *self,
                                                        guint               index);

G_END_DECLS
