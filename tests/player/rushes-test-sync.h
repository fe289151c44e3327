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

#include "rushes-player-group.h"

G_BEGIN_DECLS

/**
 * RushesTestSync:
 * @samples: how many times the takes were compared
 * @shown_worst: the largest difference between the frames shown, in ns
 * @shown_p99: its 99th percentile
 * @pipeline_worst: the largest difference between the pipelines'
 *   positions, in ns
 * @shown_over: the samples whose frames were more than a frame apart
 *
 * How close takes played together stayed: the measure of the player
 * group's and Compare's tests.
 */
typedef struct
{
  guint  samples;
  gint64 shown_worst;
  gint64 shown_p99;
  gint64 pipeline_worst;
  guint  shown_over;
} RushesTestSync;

gint64 rushes_test_sync_shown_time (RushesPlayer      *player);
void   rushes_test_sync_measure    (RushesPlayerGroup *group,
                                    double             seconds,
                                    gint64             frame,
                                    RushesTestSync    *sync);
void   rushes_test_sync_assert     (const RushesTestSync *sync,
                                    gint64                frame);

G_END_DECLS
