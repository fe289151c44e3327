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

#include "rushes-player.h"
#include "rushes-test-async.h"

G_BEGIN_DECLS

/* Players in tests: GStreamer without a sound card, and the waits on what
 * a player shows, for the player's own tests and the UI's. */

void     rushes_test_quiet_audio_sinks     (void);

void     rushes_test_count_cb              (gpointer      instance,
                                            guint        *count);
gboolean rushes_test_counted               (gpointer      count);

gboolean rushes_test_player_settled        (gpointer      player);
gboolean rushes_test_player_failed         (gpointer      player);

#define rushes_test_wait_for_new_frame(player, before) \
  rushes_test_wait_for_new_frame_at (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, (player), (before))
#define rushes_test_finalize_player(player) \
  rushes_test_finalize_player_at (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, (player))

void     rushes_test_wait_for_new_frame_at (const char   *domain,
                                            const char   *file,
                                            int           line,
                                            const char   *func,
                                            RushesPlayer *player,
                                            GdkTexture   *before);
void     rushes_test_finalize_player_at    (const char   *domain,
                                            const char   *file,
                                            int           line,
                                            const char   *func,
                                            RushesPlayer *player);

G_END_DECLS
