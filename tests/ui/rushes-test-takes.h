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

#include "rushes-application.h"
#include "rushes-test-utils.h"

G_BEGIN_DECLS

/**
 * RushesTestTake:
 *
 * One clip of a fabricated library, as the app or rushes-cli leaves it on
 * disk: a task.json, a poster frame and a video (hard links to shared
 * files, so that 10,000 clips cost little).
 */
typedef struct
{
  const char *model;         /* catalog id, e.g. "wavespeed/google/veo3.1-fast" */
  const char *prompt;
  const char *shot;          /* NULL: a shot of its own */
  gint64      seed;          /* < 0: none */
  guint       duration;      /* seconds */
  const char *resolution;
  const char *aspect_ratio;
  double      cost_usd;
  gboolean    favourite;
  const char *state;         /* NULL: "succeeded" */
  const char *video;         /* a file to link or copy as video.mp4, or NULL */
  const char *poster;        /* a PNG to link or copy as thumbnail.png, or NULL */
  GDateTime  *created_at;
} RushesTestTake;

char       *rushes_test_write_take      (const RushesTestTake *take);
char       *rushes_test_write_poster    (const char           *name,
                                         double                hue);

typedef void (*RushesTestAppFunc) (RushesApplication *app,
                                   GtkWindow         *window);

void        rushes_test_run_app         (RushesTestAppFunc     func);
void        rushes_test_wait_for_library (RushesApplication   *app,
                                          guint                n_clips);
void        rushes_test_set_window_size (GtkWindow            *window,
                                         int                   width,
                                         int                   height);
void        rushes_test_render_png      (GtkWidget            *widget,
                                         const char           *name);

G_END_DECLS
