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

#define G_LOG_DOMAIN "rushes-reel-timeline"

#include "config.h"

#include <signal.h>

#include <glib/gi18n-lib.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-error.h"
#include "rushes-media-error.h"
#include "rushes-reel-timeline-private.h"
#include "rushes-reel-timeline.h"

/*
 * A reel's GES timeline, for the renderer and for playback: one layer
 * with auto-transitions, so that two clips laid over each other crossfade
 * by themselves, picture and sound; the video track's restriction caps fix
 * the frame, and GES fits each clip into it keeping its shape (the rest is
 * black), while the audio track fills what has no sound with silence.
 *
 * GES starts on a worker thread, once per process (see init_ges_once()).
 * The clips' assets are requested asynchronously on the caller's main
 * context: GES discovers a file by running a main loop on the global
 * default context, which from another thread would either deadlock or
 * dispatch the application's sources there.
 */

#define AUDIO_RATE      48000
#define AUDIO_CHANNELS  2

static GOnce ges_once = G_ONCE_INIT;

typedef struct
{
  GPtrArray *clips;          /* RushesReelClip, copies */
  GPtrArray *assets;         /* GESAsset or NULL, one per clip */
  GError    *error;
  guint      pending;
} LoadData;

static void
unref_asset (gpointer asset)
{
  if (asset != NULL)
    g_object_unref (asset);
}

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->clips, g_ptr_array_unref);
  g_clear_pointer (&data->assets, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static GPtrArray *
copy_clips (GPtrArray *clips)
{
  GPtrArray *copy = g_ptr_array_new_full (clips->len, (GDestroyNotify) rushes_reel_clip_free);

  for (guint i = 0; i < clips->len; i++)
    g_ptr_array_add (copy, rushes_reel_clip_copy (g_ptr_array_index (clips, i)));
  return copy;
}

void
_rushes_reel_ensure_gstreamer (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      gst_init (NULL, NULL);
      gst_pb_utils_init ();
      g_once_init_leave (&initialised, 1);
    }
}

/* GES 1.22 starts an embedded Python in ges_init() to load its OTIO
 * formatter: some 200 ms, hence off the main thread, and Python takes
 * over SIGINT (and ignores SIGPIPE and SIGXFSZ). A Ctrl+C that no longer
 * stops rushes-cli, or reaches a handler that never runs, would be this
 * library's doing: the dispositions are put back as they were. */
static gpointer
init_ges_once (gpointer user_data)
{
  static const int signals[] = { SIGINT, SIGPIPE, SIGXFSZ };
  struct sigaction saved[G_N_ELEMENTS (signals)];

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], NULL, &saved[i]);

  _rushes_reel_ensure_gstreamer ();
  ges_init ();

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &saved[i], NULL);

  return NULL;
}

char *
_rushes_reel_video_caps_string (int width,
                                int height,
                                int fps_n,
                                int fps_d)
{
  return g_strdup_printf ("video/x-raw,width=%d,height=%d,framerate=%d/%d,pixel-aspect-ratio=1/1",
                          width, height, fps_n, fps_d);
}

char *
_rushes_reel_audio_caps_string (void)
{
  return g_strdup_printf ("audio/x-raw,rate=%d,channels=%d", AUDIO_RATE, AUDIO_CHANNELS);
}

/* Assets -------------------------------------------------------------------- */

typedef struct
{
  GTask *task;
  guint  index;
} AssetRequest;

static void
asset_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree AssetRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GESAsset *asset;

  asset = ges_asset_request_finish (result, &error);
  if (asset != NULL)
    g_ptr_array_index (data->assets, request->index) = asset;
  else if (data->error == NULL)
    {
      const RushesReelClip *clip = g_ptr_array_index (data->clips, request->index);
      g_autofree char *name = g_file_get_parse_name (clip->file);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        data->error = g_steal_pointer (&error);
      else
        data->error = g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                                   /* Translators: “Clip 2 (/path/video.mp4) cannot be read: …” */
                                   _("Clip %u (%s) cannot be read: %s"), request->index + 1,
                                   name, error->message);
    }

  g_assert (data->pending > 0);
  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (data->assets), (GDestroyNotify) g_ptr_array_unref);
}

/* One request per clip, even for a video used twice: GES answers the
 * second from its cache. A file changed since it was last read is read
 * again. */
static void
request_assets (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = 0; i < data->clips->len; i++)
    {
      const RushesReelClip *clip = g_ptr_array_index (data->clips, i);
      g_autofree char *uri = NULL;
      AssetRequest *request;

      if (clip->file == NULL)
        continue;

      uri = g_file_get_uri (clip->file);
      ges_asset_needs_reload (GES_TYPE_URI_CLIP, uri);
      data->pending++;
      request = g_new0 (AssetRequest, 1);
      request->task = g_object_ref (task);
      request->index = i;
      ges_asset_request_async (GES_TYPE_URI_CLIP, uri, g_task_get_cancellable (task),
                               asset_loaded_cb, request);
    }

  /* Nothing to load: no clips, or none left in the library. */
  if (data->pending == 0)
    g_task_return_pointer (task, g_ptr_array_ref (data->assets), (GDestroyNotify) g_ptr_array_unref);
}

static void
init_ges_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_once (&ges_once, init_ges_once, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
ges_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  request_assets (task);
}

/**
 * _rushes_reel_load_assets_async:
 * @clips: (element-type RushesReelClip): the reel's clips; copied
 *
 * Starts GES if need be, then loads the GES asset of each clip's video on
 * the caller's thread-default main context.
 */
void
_rushes_reel_load_assets_async (GPtrArray           *clips,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_assert (clips != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _rushes_reel_load_assets_async);

  data = g_new0 (LoadData, 1);
  data->clips = copy_clips (clips);
  data->assets = g_ptr_array_new_full (clips->len, unref_asset);
  g_ptr_array_set_size (data->assets, clips->len);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  if (ges_once.status == G_ONCE_STATUS_READY)
    request_assets (task);
  else
    {
      g_autoptr(GTask) init = g_task_new (NULL, cancellable, ges_ready_cb, g_object_ref (task));

      g_task_set_source_tag (init, init_ges_once);
      g_task_run_in_thread (init, init_ges_thread);
    }
}

/**
 * _rushes_reel_load_assets_finish:
 *
 * Returns: (transfer container) (element-type GESAsset): one asset per
 *   clip, %NULL where a clip has no video
 */
GPtrArray *
_rushes_reel_load_assets_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_assert (g_task_get_source_tag (G_TASK (result)) == _rushes_reel_load_assets_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Timeline ------------------------------------------------------------------ */

/**
 * _rushes_reel_timeline_build:
 * @clips: (element-type RushesReelClip): the clips, with their files
 * @assets: (element-type GESAsset): their loaded assets
 * @spans: where each clip lies (rushes_reel_clip_layout())
 *
 * The reel on one layer of a new timeline, committed. GES wants a timeline
 * used from the thread that made it: call this where it will play.
 *
 * Returns: (transfer full) (nullable): the timeline
 */
GESTimeline *
_rushes_reel_timeline_build (GPtrArray            *clips,
                             GPtrArray            *assets,
                             const RushesReelSpan *spans,
                             int                   width,
                             int                   height,
                             int                   fps_n,
                             int                   fps_d,
                             GError              **error)
{
  g_autoptr(GESTimeline) timeline = gst_object_ref_sink (ges_timeline_new_audio_video ());
  g_autofree char *video_caps = _rushes_reel_video_caps_string (width, height, fps_n, fps_d);
  g_autofree char *audio_caps = _rushes_reel_audio_caps_string ();
  GESLayer *layer;
  GList *tracks;

  g_assert (clips->len == assets->len);

  /* Overlapping clips on one layer crossfade by themselves. */
  ges_timeline_set_auto_transition (timeline, TRUE);

  tracks = ges_timeline_get_tracks (timeline);
  for (GList *l = tracks; l != NULL; l = l->next)
    {
      GESTrack *track = l->data;
      g_autoptr(GstCaps) caps = NULL;

      caps = gst_caps_from_string (GES_IS_VIDEO_TRACK (track) ? video_caps : audio_caps);
      ges_track_set_restriction_caps (track, caps);
    }
  g_list_free_full (tracks, gst_object_unref);

  layer = ges_timeline_append_layer (timeline);

  for (guint i = 0; i < clips->len; i++)
    {
      const RushesReelClip *clip = g_ptr_array_index (clips, i);
      const RushesReelSpan *span = &spans[i];
      GESAsset *asset = g_ptr_array_index (assets, i);
      g_autoptr(GError) local_error = NULL;
      GESClip *ges_clip;

      g_assert (asset != NULL);
      ges_clip = ges_layer_add_asset_full (layer, asset,
                                           span->start * GST_USECOND,
                                           span->in_point * GST_USECOND,
                                           (span->out_point - span->in_point) * GST_USECOND,
                                           GES_TRACK_TYPE_UNKNOWN, &local_error);
      if (ges_clip == NULL)
        {
          g_autofree char *name = g_file_get_parse_name (clip->file);

          g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                       /* Translators: “Clip 2 (/path/video.mp4) cannot be placed in the reel: …” */
                       _("Clip %u (%s) cannot be placed in the reel: %s"), i + 1, name,
                       local_error != NULL ? local_error->message : _("unknown error"));
          return NULL;
        }
    }

  ges_timeline_commit (timeline);
  return g_steal_pointer (&timeline);
}

/* Preview ------------------------------------------------------------------- */

typedef struct
{
  GPtrArray               *clips;
  RushesReelRenderOptions  options;
  RushesReelSpan          *spans;
  gint64                   total;
} PreviewData;

typedef struct
{
  GstElement *pipeline;
  gint64      duration;
} PreviewResult;

static void
preview_data_free (PreviewData *data)
{
  g_clear_pointer (&data->clips, g_ptr_array_unref);
  g_free (data->spans);
  g_free (data);
}

static void
preview_result_free (PreviewResult *result)
{
  gst_clear_object (&result->pipeline);
  g_free (result);
}

static void
preview_assets_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PreviewData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GESTimeline) timeline = NULL;
  g_autoptr(GESPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  PreviewResult *preview;
  int width, height, fps_n, fps_d;

  assets = _rushes_reel_load_assets_finish (result, &error);
  if (assets == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rushes_reel_renderer_get_frame (data->clips, &data->options, &width, &height, &fps_n, &fps_d);
  timeline = _rushes_reel_timeline_build (data->clips, assets, data->spans,
                                          width, height, fps_n, fps_d, &error);
  if (timeline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pipeline = gst_object_ref_sink (ges_pipeline_new ());
  if (!ges_pipeline_set_timeline (pipeline, timeline) ||
      !ges_pipeline_set_mode (pipeline, GES_PIPELINE_MODE_PREVIEW))
    {
      g_task_return_new_error (task, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                               _("The reel cannot be played: its pipeline cannot be built"));
      return;
    }

  preview = g_new0 (PreviewResult, 1);
  preview->pipeline = GST_ELEMENT (g_steal_pointer (&pipeline));
  preview->duration = data->total;
  g_task_return_pointer (task, preview, (GDestroyNotify) preview_result_free);
}

/**
 * rushes_reel_preview_new_async:
 * @clips: (element-type RushesReelClip): probed clips, in reel order
 *   (rushes_reel_clip_resolve_async()); copied
 * @options: (nullable): the frame (the first clip's when %NULL or 0) and
 *   %RUSHES_REEL_RENDER_FLAGS_CLAMP; the rest is ignored
 *
 * Lays the reel out on a GES timeline, as rendering does, and makes the
 * pipeline that plays it: a #GESPipeline in preview mode, for a player
 * that gives it its sinks (its “video-sink” and “audio-sink”). Loading
 * happens on the caller's thread-default main context, which is where the
 * pipeline must then be played.
 *
 * Fails as rushes_reel_renderer_render_async() does for the layout (a gap
 * is %RUSHES_ERROR_NOT_FOUND, a crossfade that does not fit
 * %RUSHES_ERROR_INVALID_INPUT), or with a %RUSHES_MEDIA_ERROR.
 */
void
rushes_reel_preview_new_async (GPtrArray                     *clips,
                               const RushesReelRenderOptions *options,
                               GCancellable                  *cancellable,
                               GAsyncReadyCallback            callback,
                               gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PreviewData *data;

  g_return_if_fail (clips != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _rushes_reel_ensure_gstreamer ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_reel_preview_new_async);

  data = g_new0 (PreviewData, 1);
  data->clips = copy_clips (clips);
  if (options != NULL)
    data->options = *options;
  data->options.video_encoder = NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) preview_data_free);

  if (clips->len == 0)
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("The reel has no clips"));
      return;
    }

  if (!rushes_reel_clip_layout (data->clips,
                                (data->options.flags & RUSHES_REEL_RENDER_FLAGS_CLAMP) != 0
                                ? RUSHES_REEL_LAYOUT_CLAMP : RUSHES_REEL_LAYOUT_STRICT,
                                &data->spans, &data->total, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _rushes_reel_load_assets_async (data->clips, cancellable, preview_assets_cb, g_object_ref (task));
}

/**
 * rushes_reel_preview_new_finish:
 * @duration: (out) (optional): the reel's length, in microseconds
 *
 * Returns: (transfer full) (nullable): a #GESPipeline in preview mode, in
 *   the NULL state, without sinks yet
 */
GstElement *
rushes_reel_preview_new_finish (GAsyncResult  *result,
                                gint64        *duration,
                                GError       **error)
{
  PreviewResult *preview;
  GstElement *pipeline;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_reel_preview_new_async, NULL);

  preview = g_task_propagate_pointer (G_TASK (result), error);
  if (preview == NULL)
    return NULL;

  pipeline = g_steal_pointer (&preview->pipeline);
  if (duration != NULL)
    *duration = preview->duration;
  preview_result_free (preview);

  return pipeline;
}
