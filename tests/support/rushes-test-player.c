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

#define G_LOG_DOMAIN "rushes-test-player"

#include "config.h"

#include "rushes-paintable.h"
#include "rushes-player-private.h"
#include "rushes-test-player.h"

static GdkTexture *
shown (RushesPlayer *player)
{
  return rushes_paintable_get_texture (RUSHES_PAINTABLE (rushes_player_get_paintable (player)));
}

/**
 * rushes_test_quiet_audio_sinks:
 *
 * The test environment ranks the sound cards' sinks down; these too, so
 * that autoaudiosink settles on a fake sink at once, without trying a
 * sound server or OSS. Call it before gst_init().
 */
void
rushes_test_quiet_audio_sinks (void)
{
  const char *ranks = g_getenv ("GST_PLUGIN_FEATURE_RANK");
  g_autofree char *more = g_strconcat (ranks != NULL ? ranks : "", ",jackaudiosink:NONE,oss4sink:NONE,osssink:NONE", NULL);

  g_setenv ("GST_PLUGIN_FEATURE_RANK", more, TRUE);
}

/**
 * rushes_test_count_cb:
 * @count: what counts the emissions
 *
 * A signal handler, for signals without arguments (“ended”,
 * “invalidate-contents”): one more in @count.
 */
void
rushes_test_count_cb (gpointer  instance,
                      guint    *count)
{
  (*count)++;
}

/**
 * rushes_test_counted:
 * @count: a guint counted by rushes_test_count_cb()
 *
 * A #RushesTestCondition: the signal came at least once.
 */
gboolean
rushes_test_counted (gpointer count)
{
  return *(guint *) count > 0;
}

/**
 * rushes_test_player_settled:
 * @player: a #RushesPlayer
 *
 * A #RushesTestCondition: the player failed, or shows a frame with no
 * load, seek or step under way.
 */
gboolean
rushes_test_player_settled (gpointer player)
{
  return rushes_player_get_error (player) != NULL ||
         (!_rushes_player_get_busy (player) && shown (player) != NULL);
}

/**
 * rushes_test_player_failed:
 * @player: a #RushesPlayer
 *
 * A #RushesTestCondition: the player says why it cannot play.
 */
gboolean
rushes_test_player_failed (gpointer player)
{
  return rushes_player_get_error (player) != NULL;
}

typedef struct
{
  RushesPlayer *player;
  GdkTexture   *before;
} FrameWait;

static gboolean
new_frame_settled (gpointer data)
{
  FrameWait *wait = data;

  return rushes_test_player_settled (wait->player) && shown (wait->player) != wait->before;
}

/**
 * rushes_test_wait_for_new_frame_at:
 * @before: (nullable): the frame shown before
 *
 * Use rushes_test_wait_for_new_frame(): until another frame than @before
 * is shown and nothing is pending; the player must not have failed.
 */
void
rushes_test_wait_for_new_frame_at (const char   *domain,
                                   const char   *file,
                                   int           line,
                                   const char   *func,
                                   RushesPlayer *player,
                                   GdkTexture   *before)
{
  FrameWait wait = { player, before };

  rushes_test_wait_until_at (domain, file, line, func, RUSHES_TEST_WAIT_SECONDS,
                             new_frame_settled, &wait, "a new frame is shown");
  g_assert_no_error (rushes_player_get_error (player));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/**
 * rushes_test_finalize_player_at:
 * @player: (transfer full): the test's player
 *
 * Use rushes_test_finalize_player(). Frames and state changes reach the
 * main context through idles that hold the player until they run: on a
 * busy machine some are still queued when a test ends. They run, then the
 * player must go away.
 */
void
rushes_test_finalize_player_at (const char   *domain,
                                const char   *file,
                                int           line,
                                const char   *func,
                                RushesPlayer *player)
{
  gpointer weak = player;

  g_object_add_weak_pointer (G_OBJECT (player), &weak);
  g_object_unref (player);

  rushes_test_wait_until_at (domain, file, line, func, RUSHES_TEST_WAIT_SECONDS,
                             is_null, &weak, "the player is finalised");
}
