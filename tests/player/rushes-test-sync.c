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

#define G_LOG_DOMAIN "rushes-test-sync"

#include "config.h"

#include <gst/gst.h>

#include "rushes-paintable-private.h"
#include "rushes-player-private.h"
#include "rushes-test-async.h"
#include "rushes-test-sync.h"

/* Takes played together, compared every 5 ms: the frames their pictures
 * show (what the user sees), and the positions their pipelines report
 * (the clock they run on). */

/**
 * rushes_test_sync_shown_time:
 *
 * Returns: the time of the frame @player's picture shows, in ns
 */
gint64
rushes_test_sync_shown_time (RushesPlayer *player)
{
  GstClockTime time = GST_CLOCK_TIME_NONE;

  g_assert_true (_rushes_paintable_get_frame_time (RUSHES_PAINTABLE (rushes_player_get_paintable (player)),
                                                   &time, NULL));
  return (gint64) time;
}

static gint64
pipeline_position (RushesPlayer *player)
{
  gint64 position = -1;

  g_assert_true (gst_element_query_position (_rushes_player_get_pipeline (player), GST_FORMAT_TIME, &position));
  return position;
}

typedef struct
{
  RushesPlayerGroup *group;
  GArray            *shown;      /* gint64 spread of the frames shown, per sample */
  GArray            *pipeline;   /* gint64 spread of the pipelines' positions */
  gint64             until;
  gint64             until_at_most;
} Sampler;

/* Fewer than this many samples say nothing of the spread. */
#define MIN_SAMPLES 20

/* The largest difference between the takes still playing. */
static gboolean
sample_cb (gpointer user_data)
{
  Sampler *sampler = user_data;
  gint64 shown_min = G_MAXINT64, shown_max = G_MININT64;
  gint64 pipe_min = G_MAXINT64, pipe_max = G_MININT64;
  guint n = 0;

  for (guint i = 0; i < rushes_player_group_get_n_players (sampler->group); i++)
    {
      RushesPlayer *player = rushes_player_group_get_player (sampler->group, i);
      gint64 shown, position;

      /* A shorter take that ended holds its last frame (until the main
       * loop hears of its end). */
      if (!rushes_player_get_playing (player))
        continue;

      shown = rushes_test_sync_shown_time (player);
      if (shown + rushes_player_get_frame_duration (player) * 3 / 2 >= rushes_player_get_duration (player))
        continue;
      position = pipeline_position (player);
      shown_min = MIN (shown_min, shown);
      shown_max = MAX (shown_max, shown);
      pipe_min = MIN (pipe_min, position);
      pipe_max = MAX (pipe_max, position);
      n++;
    }

  if (n >= 2)
    {
      gint64 shown_spread = shown_max - shown_min;
      gint64 pipe_spread = pipe_max - pipe_min;

      g_array_append_val (sampler->shown, shown_spread);
      g_array_append_val (sampler->pipeline, pipe_spread);
    }

  return G_SOURCE_CONTINUE;
}

/* A slow build (the sanitizers') samples less often in the same time: it
 * goes on sampling, up to the time its scale allows, until it has enough. */
static gboolean
sampling_done (gpointer data)
{
  Sampler *sampler = data;
  gint64 now = g_get_monotonic_time ();

  return now >= sampler->until && (sampler->shown->len > MIN_SAMPLES || now >= sampler->until_at_most);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Timestamps are whole nanoseconds: 1/30 s rounds either way. */
static gint64
one_frame (gint64 frame)
{
  return frame + GST_USECOND;
}

/**
 * rushes_test_sync_measure:
 * @seconds: how long to sample the playing takes
 * @frame: one frame's duration, in ns
 */
void
rushes_test_sync_measure (RushesPlayerGroup *group,
                          double             seconds,
                          gint64             frame,
                          RushesTestSync    *sync)
{
  gint64 start = g_get_monotonic_time ();
  Sampler sampler = { group, g_array_new (FALSE, FALSE, sizeof (gint64)),
                      g_array_new (FALSE, FALSE, sizeof (gint64)),
                      start + (gint64) (seconds * G_USEC_PER_SEC),
                      start + rushes_test_scaled_usec (seconds) };
  guint source = g_timeout_add (5, sample_cb, &sampler);

  rushes_test_wait_until (sampling_done, &sampler, "the takes have been sampled");
  g_source_remove (source);

  g_assert_cmpuint (sampler.shown->len, >, MIN_SAMPLES);
  g_array_sort (sampler.shown, compare_int64);
  g_array_sort (sampler.pipeline, compare_int64);

  sync->samples = sampler.shown->len;
  sync->shown_worst = g_array_index (sampler.shown, gint64, sampler.shown->len - 1);
  sync->shown_p99 = g_array_index (sampler.shown, gint64, (guint) (sampler.shown->len * 0.99));
  sync->pipeline_worst = g_array_index (sampler.pipeline, gint64, sampler.pipeline->len - 1);
  sync->shown_over = 0;
  for (guint i = 0; i < sampler.shown->len; i++)
    sync->shown_over += g_array_index (sampler.shown, gint64, i) > one_frame (frame);

  g_array_unref (sampler.shown);
  g_array_unref (sampler.pipeline);
}

/**
 * rushes_test_sync_assert:
 *
 * The takes stayed within one frame: the pipelines, which run on one clock
 * and one base time, and the frames shown, which reach the main loop one
 * player after the other.
 */
void
rushes_test_sync_assert (const RushesTestSync *sync,
                         gint64                frame)
{
  g_assert_cmpint (sync->pipeline_worst, <=, one_frame (frame));
  g_assert_cmpint (sync->shown_worst, <=, one_frame (frame));
}
