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

#include <gst/app/app.h>
#include <gst/gst.h>

#include "rushes-sandbox-renderer.h"

G_BEGIN_DECLS

/* The Sandbox renderer is one job (rushes-sandbox-renderer.c: the request,
 * the pipelines' life, progress, the file) and what it puts in a clip: the
 * prompt over a drifting backdrop (rushes-sandbox-scene-text.c), the start
 * image panned and zoomed (rushes-sandbox-scene-image.c, which also reads
 * and decodes it), and the sound (rushes-sandbox-audio.c). */

#define RUSHES_SANDBOX_FPS 30

typedef enum
{
  RUSHES_SANDBOX_STAGE_LOAD,
  RUSHES_SANDBOX_STAGE_DECODE,
  RUSHES_SANDBOX_STAGE_RENDER,
} RushesSandboxStage;

typedef struct
{
  /* Request */
  char                      *prompt;
  GFile                     *image;
  GFile                     *output;
  guint                      width;
  guint                      height;
  guint                      duration;
  RushesSandboxProgressFunc  progress;
  gpointer                   progress_data;
  GDestroyNotify             progress_destroy;

  /* Owned */
  const char                *image_caps;
  const char                *image_decoder;
  GstSample                 *picture;
  GstElement                *pipeline;
  GSource                   *bus_source;
  GSource                   *progress_source;
  GSource                   *cancel_source;
  GFile                     *temp;
  GError                    *commit_error;

  /* Borrowed from the pipeline */
  GstElement                *appsink;
  GstElement                *mux;
  GstElement                *filesink;

  RushesSandboxStage         stage;
  double                     last_fraction;
  guint                      done : 1;
} RushesSandboxJob;

/* rushes-sandbox-renderer.c: building pipelines */
GstElement *_rushes_sandbox_add_element         (GstElement          *bin,
                                                 const char          *factory,
                                                 GError             **error);
GstElement *_rushes_sandbox_add_first_available (GstElement          *bin,
                                                 const char * const  *factories,
                                                 GError             **error);
GstElement *_rushes_sandbox_add_capsfilter      (GstElement          *bin,
                                                 const char          *caps_string,
                                                 GError             **error);
gboolean    _rushes_sandbox_link_elements       (GError             **error,
                                                 GstElement          *first,
                                                 ...) G_GNUC_NULL_TERMINATED;
void        _rushes_sandbox_push_frame          (GstAppSrc           *appsrc,
                                                 GstBuffer           *buffer,
                                                 guint               *frame,
                                                 guint                n_frames);

/* rushes-sandbox-renderer.c: the job's steps, on the caller's main context */
gboolean    _rushes_sandbox_start_pipeline      (GTask               *task,
                                                 GstElement          *pipeline,
                                                 GstState             target,
                                                 GError             **error);
void        _rushes_sandbox_job_stop_pipeline   (RushesSandboxJob    *data);
void        _rushes_sandbox_start_render        (GTask               *task);
void        _rushes_sandbox_render_complete     (GTask               *task,
                                                 GError              *error);

/* rushes-sandbox-scene-text.c */
char       *_rushes_sandbox_layout_prompt       (const char          *prompt,
                                                 guint                width,
                                                 guint                max_height,
                                                 guint                min_side,
                                                 guint               *font_px);
GstElement *_rushes_sandbox_add_text_overlay    (GstElement          *bin,
                                                 const char          *markup,
                                                 guint                font_px,
                                                 const char          *weight,
                                                 guint                color,
                                                 int                  halign,
                                                 int                  valign,
                                                 guint                xpad,
                                                 guint                ypad,
                                                 GError             **error);
GstElement *_rushes_sandbox_add_backdrop        (RushesSandboxJob    *data,
                                                 GstElement          *bin,
                                                 guint                n_frames,
                                                 GError             **error);

/* rushes-sandbox-scene-image.c */
void        _rushes_sandbox_load_image          (GTask               *task);
void        _rushes_sandbox_decode_finished     (GTask               *task);
GstElement *_rushes_sandbox_add_ken_burns       (RushesSandboxJob    *data,
                                                 GstElement          *bin,
                                                 guint                n_frames,
                                                 guint                scrim_height,
                                                 GError             **error);

/* rushes-sandbox-audio.c */
gboolean    _rushes_sandbox_add_audio           (RushesSandboxJob    *data,
                                                 GstElement          *bin,
                                                 GstElement          *mux,
                                                 GError             **error);

G_END_DECLS
