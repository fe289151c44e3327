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
#include <gst/gst.h>

#include "rushes-media-error.h"

G_BEGIN_DECLS


#define RUSHES_PLAYER_MIN_RATE 0.25
#define RUSHES_PLAYER_MAX_RATE 2.0

#define RUSHES_TYPE_PLAYER (rushes_player_get_type ())

G_DECLARE_FINAL_TYPE (RushesPlayer, rushes_player, RUSHES, PLAYER, GObject)


RushesPlayer *rushes_player_new            (void);

const char   *rushes_player_get_uri        (RushesPlayer        *self);
void          rushes_player_set_uri        (RushesPlayer        *self,
                                            const char          *uri);
GFile        *rushes_player_get_file       (RushesPlayer        *self);
void          rushes_player_set_file       (RushesPlayer        *self,
                                            GFile               *file);
void          rushes_player_set_pipeline   (RushesPlayer        *self,
                                            GstElement          *pipeline,
                                            const char          *name);
GstElement   *rushes_player_get_pipeline   (RushesPlayer        *self);
GdkPaintable *rushes_player_get_paintable  (RushesPlayer        *self);
const GError *rushes_player_get_error      (RushesPlayer        *self);

gboolean      rushes_player_get_playing    (RushesPlayer        *self);
void          rushes_player_set_playing    (RushesPlayer        *self,
                                            gboolean             playing);
void          rushes_player_play           (RushesPlayer        *self);
void          rushes_player_pause          (RushesPlayer        *self);
void          rushes_player_toggle         (RushesPlayer        *self);

gint64        rushes_player_get_position   (RushesPlayer        *self);
gint64        rushes_player_get_duration   (RushesPlayer        *self);
gint64        rushes_player_get_frame_duration (RushesPlayer    *self);
gboolean      rushes_player_get_seekable   (RushesPlayer        *self);
void          rushes_player_seek           (RushesPlayer        *self,
                                            gint64               position);
void          rushes_player_step_frame     (RushesPlayer        *self,
                                            gboolean             forward);

gboolean      rushes_player_get_loop       (RushesPlayer        *self);
void          rushes_player_set_loop       (RushesPlayer        *self,
                                            gboolean             loop);
double        rushes_player_get_volume     (RushesPlayer        *self);
void          rushes_player_set_volume     (RushesPlayer        *self,
                                            double               volume);
gboolean      rushes_player_get_muted      (RushesPlayer        *self);
void          rushes_player_set_muted      (RushesPlayer        *self,
                                            gboolean             muted);
double        rushes_player_get_rate       (RushesPlayer        *self);
void          rushes_player_set_rate       (RushesPlayer        *self,
                                            double               rate);

void          rushes_player_grab_frame_async  (RushesPlayer        *self,
                                               GFile               *destination,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      rushes_player_grab_frame_finish (RushesPlayer        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
