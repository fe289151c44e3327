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

#include <gst/gst.h>

#include "rushes-exporter.h"

G_BEGIN_DECLS

/* The exporter is one job engine (rushes-exporter.c: the public API, the
 * worker thread, the temporary file, progress, the probe, running a
 * pipeline and reading its bus) and one file per format, each describing
 * itself with a RushesExportFormatInfo: rushes-export-mp4.c and -webm.c
 * (sharing rushes-export-streams.c), rushes-export-frame.c (PNG, and the
 * frames GIF is made of) and rushes-export-gif.c. */

#define RUSHES_EXPORT_POLL_INTERVAL (100 * GST_MSECOND)
/* Generous: two shared cores may be busy with a thumbnail or a test. */
#define RUSHES_EXPORT_STALL_TIMEOUT (60 * G_TIME_SPAN_SECOND)

#define RUSHES_EXPORT_PACKAGE_BASE "gstreamer1.0-plugins-base"
#define RUSHES_EXPORT_PACKAGE_GOOD "gstreamer1.0-plugins-good"

typedef struct
{
  const char *element;
  const char *package;
} RushesExportElement;

typedef struct
{
  gint64   duration;
  int      width;      /* display size: pixel aspect ratio applied */
  int      height;
  gboolean has_audio;
} RushesExportProbe;

typedef struct
{
  GFile                    *video;
  GFile                    *destination;
  GFile                    *temp;
  char                     *uri;
  char                     *title;
  char                     *comment;
  char                     *settings;
  gint64                    frame_position;
  RushesExportFormat        format;
  RushesExportFlags         flags;
  RushesExportProgressFunc  progress_func;
  gpointer                  progress_data;
  RushesExportProbe         probe;

  /* Borrowed from the pipeline being run, for the pad-added handlers */
  GstElement               *pipeline;
  GstElement               *mux;
  GstElement               *sink;

  /* Shared with streaming threads and the main thread */
  GMutex                    mutex;
  double                    progress;
  gint64                    position;
  GError                   *link_error;
  guint                     linked_video : 1;
  guint                     linked_audio : 1;
  guint                     progress_pending : 1;
} RushesExportJob;

typedef struct
{
  const char                *name;       /* in messages: “Exporting to WebM needs …” */
  const char                *extension;
  const char                *mime_type;
  const RushesExportElement *elements;   /* what it needs; ends with a NULL element */
  /* Writes job->temp on the worker thread */
  gboolean                 (*run)           (GTask            *task,
                                             RushesExportJob  *job,
                                             GError          **error);
  guint64                  (*estimate_size) (double            seconds,
                                             int               width,
                                             int               height);
} RushesExportFormatInfo;

extern const RushesExportFormatInfo _rushes_export_mp4;
extern const RushesExportFormatInfo _rushes_export_webm;
extern const RushesExportFormatInfo _rushes_export_frame;
extern const RushesExportFormatInfo _rushes_export_gif;

typedef enum
{
  RUSHES_EXPORT_STREAM_OTHER,
  RUSHES_EXPORT_STREAM_VIDEO,
  RUSHES_EXPORT_STREAM_AUDIO,
} RushesExportStream;

/* rushes-exporter.c: the job */
char               *_rushes_export_display_name        (GFile            *file);
GstElement         *_rushes_export_make_element        (const char       *factory,
                                                        GError          **error);
GOutputStream      *_rushes_export_open_temp           (RushesExportJob  *job,
                                                        GCancellable     *cancellable,
                                                        GError          **error);
void                _rushes_export_set_progress        (GTask            *task,
                                                        double            fraction);
GError             *_rushes_export_error_from_message  (RushesExportJob  *job,
                                                        GstMessage       *message);
gboolean            _rushes_export_check_bus           (RushesExportJob  *job,
                                                        GstBus           *bus,
                                                        GError          **error);
gboolean            _rushes_export_run_pipeline        (GTask            *task,
                                                        RushesExportJob  *job,
                                                        GstElement       *pipeline,
                                                        double            from,
                                                        double            to,
                                                        GError          **error);

/* rushes-export-streams.c: the clip's streams into a muxer, for MP4 and WebM */
GstElement         *_rushes_export_add_muxer           (RushesExportJob  *job,
                                                        GstElement       *pipeline,
                                                        const char       *factory,
                                                        GError          **error);
gboolean            _rushes_export_add_and_link        (GstBin           *bin,
                                                        GstPad           *source_pad,
                                                        GstElement      **chain,
                                                        guint             n_elements);
RushesExportStream  _rushes_export_claim_stream        (RushesExportJob  *job,
                                                        GstPad           *pad,
                                                        GstCaps         **caps);
void                _rushes_export_link_to_fakesink    (RushesExportJob  *job,
                                                        GstPad           *pad);
void                _rushes_export_stream_linked       (RushesExportJob  *job,
                                                        GstPad           *pad,
                                                        RushesExportStream stream);
void                _rushes_export_set_link_error      (RushesExportJob  *job,
                                                        GError           *error);

/* rushes-export-frame.c: decoded frames of the clip, for PNG and GIF */
GstElement         *_rushes_export_make_frame_pipeline (RushesExportJob  *job,
                                                        GstElement       *video_sink,
                                                        GError          **error);
GstElement         *_rushes_export_make_appsink        (GstCaps          *caps);

G_END_DECLS
