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

#define G_LOG_DOMAIN "rushes-reel-renderer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <ges/ges.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-error.h"
#include "rushes-file.h"
#include "rushes-media-error.h"
#include "rushes-reel-renderer.h"
#include "rushes-reel-timeline-private.h"

/*
 * A reel is rendered with GStreamer Editing Services, on the timeline
 * rushes-reel-timeline.c lays out. Once every clip's asset is loaded (on
 * the caller's main context) the rest of the job, timeline included,
 * lives on one worker thread: GES wants a timeline used from the thread
 * that made it, and nothing here may block the main loop. The thread polls
 * the pipeline's bus so that cancellation is noticed within a tenth of a
 * second; progress reaches the caller's main context through one pending
 * idle at a time.
 *
 * The encoders are named in the encoding profile, never left to ranks:
 * openh264enc ranks MARGINAL, below avenc_h264_omx, which encodebin then
 * picks and which fails with not-negotiated; avenc_aac ranks NONE, which
 * encodebin does not consider at all. The same profile string goes to
 * ges-launch-1.0 for the benchmark, so both encode alike.
 *
 * The output goes to a hidden file beside the destination, renamed over
 * it at the very end: a render that fails or is cancelled leaves nothing.
 */

#define POLL_INTERVAL   (100 * GST_MSECOND)
/* Generous: two shared cores may be busy with a thumbnail or a test. */
#define STALL_TIMEOUT   (60 * G_TIME_SPAN_SECOND)
#define DEFAULT_FPS     30

/* H.264 at 3 bits per second for every pixel of the frame (2.8 Mb/s at
 * 720p, 6.2 Mb/s at 1080p), x264's "veryfast" preset: generated footage
 * keeps its detail, and a reel renders several times faster than real
 * time. VP9 as the exporter encodes it. */
#define H264_BITS_PER_PIXEL_SECOND 3.0
#define VP9_BITS_PER_PIXEL_SECOND  1.5
#define MIN_VIDEO_BITRATE          300000
#define MAX_VIDEO_BITRATE          25000000
#define AAC_BITRATE                128000
#define OPUS_BITRATE               96000
#define X264_PRESET_VERYFAST       3
#define OPENH264_RC_BITRATE        1
#define OPENH264_COMPLEXITY_LOW    0
#define VP9_END_USAGE_VBR          0

typedef struct
{
  const char *element;
  const char *package;
} RequiredElement;

static const RequiredElement common_elements[] = {
  { "nlecomposition", "libges-1.0-0" },
  { "encodebin", "gstreamer1.0-plugins-base" },
  { "uridecodebin", "gstreamer1.0-plugins-base" },
  { "compositor", "gstreamer1.0-plugins-base" },
  { "audiomixer", "gstreamer1.0-plugins-base" },
  { NULL, NULL }
};

static const RequiredElement mp4_elements[] = {
  { "mp4mux", "gstreamer1.0-plugins-good" },
  { NULL, NULL }
};

static const RequiredElement webm_elements[] = {
  { "webmmux", "gstreamer1.0-plugins-good" },
  { "vp9enc", "gstreamer1.0-plugins-good" },
  { "opusenc", "gstreamer1.0-plugins-base" },
  { NULL, NULL }
};

/* In order of preference */
static const char * const h264_encoders[] = { "x264enc", "openh264enc", NULL };
static const char * const aac_encoders[] = { "fdkaacenc", "voaacenc", "avenc_aac", NULL };

typedef struct
{
  char *video_encoder;
  char *audio_encoder;
} RenderResult;

typedef struct
{
  GPtrArray                    *clips;          /* RushesReelClip, copies */
  GPtrArray                    *assets;         /* GESAsset or NULL, one per clip */
  GFile                        *destination;
  GFile                        *temp;
  RushesReelRenderOptions       options;        /* video_encoder points to requested */
  char                         *requested_encoder;
  RushesReelRenderProgressFunc  progress_func;
  gpointer                      progress_data;
  gint64                        total;          /* µs */

  /* Shared with streaming threads and the main thread */
  GMutex                        mutex;
  double                        progress;
  char                         *used_video_encoder;
  char                         *used_audio_encoder;
  guint                         progress_pending : 1;
} RenderData;

static void
render_result_free (RenderResult *result)
{
  g_free (result->video_encoder);
  g_free (result->audio_encoder);
  g_free (result);
}

static void
render_data_free (RenderData *data)
{
  g_clear_pointer (&data->clips, g_ptr_array_unref);
  g_clear_pointer (&data->assets, g_ptr_array_unref);
  g_clear_object (&data->destination);
  g_clear_object (&data->temp);
  g_free (data->requested_encoder);
  g_free (data->used_video_encoder);
  g_free (data->used_audio_encoder);
  g_mutex_clear (&data->mutex);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderData, render_data_free)

static const char *
format_name (RushesReelFormat format)
{
  return format == RUSHES_REEL_FORMAT_WEBM ? "WebM" : "MP4";
}

static char *
display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "");
}

static gboolean
require_elements (const RequiredElement  *elements,
                  RushesReelFormat        format,
                  GError                **error)
{
  for (guint i = 0; elements[i].element != NULL; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (elements[i].element);

      if (factory == NULL)
        {
          g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                       /* Translators: “Rendering a reel to MP4 needs the GStreamer element
                        * “mp4mux”, which is not installed (Debian package
                        * gstreamer1.0-plugins-good)” */
                       _("Rendering a reel to %s needs the GStreamer element “%s”, which is not installed (Debian package %s)"),
                       format_name (format), elements[i].element, elements[i].package);
          return FALSE;
        }
    }

  return TRUE;
}

/* encodebin only considers encoders of rank MARGINAL or more: one chosen
 * by name is brought up to that, in this process only. */
static gboolean
make_usable (const char *element)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (element);

  if (factory == NULL || !gst_element_factory_list_is_type (factory, GST_ELEMENT_FACTORY_TYPE_ENCODER))
    return FALSE;

  if (gst_plugin_feature_get_rank (GST_PLUGIN_FEATURE (factory)) < GST_RANK_MARGINAL)
    {
      g_debug ("Raising %s to rank MARGINAL for encodebin", element);
      gst_plugin_feature_set_rank (GST_PLUGIN_FEATURE (factory), GST_RANK_MARGINAL);
    }

  return TRUE;
}

static const char *
first_available (const char * const *elements)
{
  for (guint i = 0; elements[i] != NULL; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (elements[i]);

      if (factory != NULL)
        return elements[i];
    }

  return NULL;
}

static int
video_bitrate (RushesReelFormat format,
               int              width,
               int              height)
{
  double bits = format == RUSHES_REEL_FORMAT_WEBM ? VP9_BITS_PER_PIXEL_SECOND : H264_BITS_PER_PIXEL_SECOND;

  return (int) CLAMP ((double) width * height * bits, MIN_VIDEO_BITRATE, MAX_VIDEO_BITRATE);
}

/* gst_encoding_profile_from_string() is not public before GStreamer 1.26:
 * the profile type's own deserialiser reads the same syntax. */
static GstEncodingProfile *
profile_from_string (const char *string)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, GST_TYPE_ENCODING_PROFILE);
  if (!gst_value_deserialize (&value, string))
    return NULL;

  return g_value_dup_object (&value);
}

/* Progress */

static gboolean
report_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  RenderData *data = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&data->mutex);
  fraction = data->progress;
  data->progress_pending = FALSE;
  g_mutex_unlock (&data->mutex);

  /* The callback may already have freed what progress_data points to. */
  if (!g_task_get_completed (task))
    data->progress_func (fraction, data->progress_data);

  return G_SOURCE_REMOVE;
}

static void
set_progress (GTask  *task,
              double  fraction)
{
  RenderData *data = g_task_get_task_data (task);
  gboolean post;

  if (data->progress_func == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);

  g_mutex_lock (&data->mutex);
  if (fraction - data->progress < 0.002)
    {
      g_mutex_unlock (&data->mutex);
      return;
    }
  data->progress = fraction;
  post = !data->progress_pending;
  data->progress_pending = TRUE;
  g_mutex_unlock (&data->mutex);

  if (post)
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                report_progress_cb, g_object_ref (task), g_object_unref);
}

/* Notes the encoders encodebin made, whichever thread adds them. */
static void
deep_element_added_cb (GstBin     *bin,
                       GstBin     *sub_bin,
                       GstElement *element,
                       gpointer    user_data)
{
  RenderData *data = user_data;
  GstElementFactory *factory = gst_element_get_factory (element);
  const char *klass;
  char **slot = NULL;

  if (factory == NULL || !gst_element_factory_list_is_type (factory, GST_ELEMENT_FACTORY_TYPE_ENCODER))
    return;

  klass = gst_element_factory_get_metadata (factory, GST_ELEMENT_METADATA_KLASS);
  if (klass == NULL)
    return;

  g_mutex_lock (&data->mutex);
  if (strstr (klass, "Video") != NULL)
    slot = &data->used_video_encoder;
  else if (strstr (klass, "Audio") != NULL)
    slot = &data->used_audio_encoder;
  if (slot != NULL && *slot == NULL)
    *slot = g_strdup (gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)));
  g_mutex_unlock (&data->mutex);
}

/* The job */

/* Reserves a hidden name beside the destination: the rename at the end
 * then stays within one folder, and one file system. */
static gboolean
create_temp (RenderData    *data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (data->destination);
  g_autofree char *basename = g_file_get_basename (data->destination);

  if (parent == NULL || g_file_peek_path (data->destination) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” is not a local file in a folder"), basename);
      return FALSE;
    }

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
      g_autoptr(GFile) temp = g_file_get_child (parent, name);
      g_autoptr(GFileOutputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;

      stream = g_file_create (temp, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream != NULL)
        {
          data->temp = g_steal_pointer (&temp);
          return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt >= 8)
        {
          g_autofree char *folder = g_file_get_parse_name (parent);

          /* GIO's message names the hidden file, which means nothing to
           * the user: name the folder instead. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, G_IO_ERROR, local_error->code,
                         /* Translators: a folder, then the reason */
                         _("Nothing can be saved in “%s”: %s"), folder, local_error->message);
          return FALSE;
        }
    }
}

static GError *
error_from_message (RenderData *data,
                    GstMessage *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  g_autofree char *name = display_name (data->destination);

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("Render error from %s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
           gst_error->message, debug != NULL ? debug : "");

  if (gst_error->domain == GST_RESOURCE_ERROR &&
      (gst_error->code == GST_RESOURCE_ERROR_OPEN_WRITE || gst_error->code == GST_RESOURCE_ERROR_WRITE ||
       gst_error->code == GST_RESOURCE_ERROR_NO_SPACE_LEFT))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                        /* Translators: a file name, then the reason */
                        _("“%s” cannot be written: %s"), name, gst_error->message);

  return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                      /* Translators: a file name, then the reason */
                      _("“%s” cannot be rendered: %s"), name, gst_error->message);
}

/* Plays the pipeline to its end; cancellation stops it within a poll. */
static gboolean
run_pipeline (GTask       *task,
              RenderData  *data,
              GstElement  *pipeline,
              GError     **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 last_position = -1;
  gint64 last_change = g_get_monotonic_time ();
  gboolean ok = FALSE;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        g_propagate_error (error, error_from_message (data, message));
      else
        g_set_error_literal (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED, _("The render cannot start"));
      gst_element_set_state (pipeline, GST_STATE_NULL);
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;
      gint64 position = -1;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      /* Whatever GES queued on this thread's context */
      while (g_main_context_iteration (g_main_context_get_thread_default (), FALSE))
        ;

      message = gst_bus_timed_pop_filtered (bus, POLL_INTERVAL, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        {
          ok = TRUE;
          break;
        }
      if (message != NULL)
        {
          g_propagate_error (error, error_from_message (data, message));
          break;
        }

      if (!gst_element_query_position (pipeline, GST_FORMAT_TIME, &position) || position < 0)
        continue;

      if (position != last_position)
        {
          last_position = position;
          last_change = g_get_monotonic_time ();
          if (data->total > 0)
            set_progress (task, (double) position / (data->total * GST_USECOND));
        }
      else if (g_get_monotonic_time () - last_change > STALL_TIMEOUT)
        {
          g_set_error_literal (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                               _("The render stopped making progress"));
          break;
        }
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

static gboolean
render_run (GTask       *task,
            RenderData  *data,
            GError     **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean overwrite = (data->options.flags & RUSHES_REEL_RENDER_FLAGS_OVERWRITE) != 0;
  RushesReelLayoutFlags layout_flags = (data->options.flags & RUSHES_REEL_RENDER_FLAGS_CLAMP) != 0
                                       ? RUSHES_REEL_LAYOUT_CLAMP : RUSHES_REEL_LAYOUT_STRICT;
  g_autofree RushesReelSpan *spans = NULL;
  g_autofree char *profile_string = NULL;
  g_autofree char *temp_uri = NULL;
  g_autoptr(GstEncodingProfile) profile = NULL;
  g_autoptr(GESTimeline) timeline = NULL;
  g_autoptr(GESPipeline) pipeline = NULL;
  int width, height, fps_n, fps_d;

  if (data->clips->len == 0)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("The reel has no clips"));
      return FALSE;
    }

  /* Before any work: a long render must not end in “file exists”. */
  if (!overwrite && g_file_query_exists (data->destination, cancellable))
    {
      g_autofree char *name = display_name (data->destination);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), name);
      return FALSE;
    }

  if (!rushes_reel_clip_layout (data->clips, layout_flags, &spans, &data->total, error) ||
      !require_elements (common_elements, data->options.format, error) ||
      !require_elements (data->options.format == RUSHES_REEL_FORMAT_WEBM ? webm_elements : mp4_elements,
                         data->options.format, error))
    return FALSE;

  rushes_reel_renderer_get_frame (data->clips, &data->options, &width, &height, &fps_n, &fps_d);
  profile_string = rushes_reel_renderer_get_profile (&data->options, width, height, error);
  if (profile_string == NULL)
    return FALSE;

  profile = profile_from_string (profile_string);
  if (profile == NULL)
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("GStreamer cannot encode “%s”"), profile_string);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !create_temp (data, cancellable, error))
    return FALSE;

  g_debug ("Rendering %u clips, %" G_GINT64_FORMAT " ms, %d×%d at %d/%d, as %s",
           data->clips->len, data->total / 1000, width, height, fps_n, fps_d, profile_string);

  timeline = _rushes_reel_timeline_build (data->clips, data->assets, spans, width, height, fps_n, fps_d, error);
  if (timeline == NULL)
    return FALSE;

  pipeline = gst_object_ref_sink (ges_pipeline_new ());
  g_signal_connect (pipeline, "deep-element-added", G_CALLBACK (deep_element_added_cb), data);
  temp_uri = g_file_get_uri (data->temp);

  /* The pipeline takes a reference of its own: ours is not floating. */
  if (!ges_pipeline_set_timeline (pipeline, timeline) ||
      !ges_pipeline_set_render_settings (pipeline, temp_uri, profile) ||
      !ges_pipeline_set_mode (pipeline, GES_PIPELINE_MODE_RENDER))
    {
      g_set_error_literal (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                           _("The render pipeline cannot be built"));
      return FALSE;
    }

  if (!run_pipeline (task, data, GST_ELEMENT (pipeline), error))
    return FALSE;

  /* A pipeline stopped by cancellation may still have ended cleanly. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Flushed, renamed, the folder flushed: on failure the temporary file
   * is gone and the destination untouched. */
  if (!rushes_file_commit (data->temp, data->destination, overwrite, error))
    {
      g_clear_object (&data->temp);
      return FALSE;
    }
  return TRUE;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *data = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  RenderResult *result;
  gboolean ok;

  /* Whatever GES or GStreamer attaches to the thread-default context
   * stays on this thread, off the caller's main loop. */
  g_main_context_push_thread_default (context);
  ok = render_run (task, data, &error);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (!ok)
    {
      if (data->temp != NULL)
        {
          g_autoptr(GError) delete_error = NULL;

          if (!g_file_delete (data->temp, NULL, &delete_error) &&
              !g_error_matches (delete_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_debug ("Cannot remove %s: %s", g_file_peek_path (data->temp), delete_error->message);
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (RenderResult, 1);
  g_mutex_lock (&data->mutex);
  result->video_encoder = g_strdup (data->used_video_encoder);
  result->audio_encoder = g_strdup (data->used_audio_encoder);
  g_mutex_unlock (&data->mutex);

  g_debug ("Rendered %s with %s and %s", g_file_peek_path (data->destination),
           result->video_encoder, result->audio_encoder);
  g_task_return_pointer (task, result, (GDestroyNotify) render_result_free);
}

static void
assets_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenderData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->assets = _rushes_reel_load_assets_finish (result, &error);
  if (data->assets == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_run_in_thread (task, render_thread);
}

/* Public API */

/**
 * rushes_reel_format_get_extension:
 *
 * Returns: the file name extension for @format, without the dot
 */
const char *
rushes_reel_format_get_extension (RushesReelFormat format)
{
  switch (format)
    {
    case RUSHES_REEL_FORMAT_MP4:
      return "mp4";
    case RUSHES_REEL_FORMAT_WEBM:
      return "webm";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rushes_reel_renderer_get_frame:
 * @clips: (element-type RushesReelClip): probed clips, in reel order
 * @options: (nullable): the frame asked for, if any
 * @width: (out): the output frame's width
 * @height: (out): its height
 * @fps_n: (out): its frame rate
 * @fps_d: (out): the frame rate's denominator
 *
 * The frame of a render, and of the MLT hand-off: as asked, else the
 * first clip's, even on both sides (4:2:0 video has no odd sizes), at the
 * first clip's frame rate (30/1 when it is not known).
 */
void
rushes_reel_renderer_get_frame (GPtrArray                     *clips,
                                const RushesReelRenderOptions *options,
                                int                           *width,
                                int                           *height,
                                int                           *fps_n,
                                int                           *fps_d)
{
  const RushesReelClip *first;
  RushesReelRenderOptions none = { 0 };

  g_return_if_fail (clips != NULL);
  g_return_if_fail (width != NULL && height != NULL && fps_n != NULL && fps_d != NULL);

  if (options == NULL)
    options = &none;
  first = clips->len > 0 ? g_ptr_array_index (clips, 0) : NULL;

  *width = options->width > 0 ? options->width : first != NULL ? first->width : 0;
  *height = options->height > 0 ? options->height : first != NULL ? first->height : 0;
  *width = MAX (2, *width & ~1);
  *height = MAX (2, *height & ~1);

  if (options->fps_n > 0 && options->fps_d > 0)
    {
      *fps_n = options->fps_n;
      *fps_d = options->fps_d;
    }
  else if (first != NULL && first->fps_n > 0 && first->fps_d > 0)
    {
      *fps_n = first->fps_n;
      *fps_d = first->fps_d;
    }
  else
    {
      *fps_n = DEFAULT_FPS;
      *fps_d = 1;
    }
}

/**
 * rushes_reel_renderer_find_video_encoder:
 * @format: the output format
 * @error: a %RUSHES_MEDIA_ERROR_MISSING_PLUGIN naming the packages to
 *   install
 *
 * The encoder a render picks when none is asked for: for MP4, x264enc
 * when installed (gstreamer1.0-plugins-ugly), else openh264enc
 * (gstreamer1.0-plugins-bad); for WebM, vp9enc.
 *
 * Returns: (transfer full) (nullable): the element's name
 */
char *
rushes_reel_renderer_find_video_encoder (RushesReelFormat   format,
                                         GError           **error)
{
  const char *found;

  g_return_val_if_fail (format == RUSHES_REEL_FORMAT_MP4 || format == RUSHES_REEL_FORMAT_WEBM, NULL);

  _rushes_reel_ensure_gstreamer ();

  if (format == RUSHES_REEL_FORMAT_WEBM)
    {
      if (!require_elements (webm_elements, format, error))
        return NULL;
      return g_strdup ("vp9enc");
    }

  found = first_available (h264_encoders);
  if (found == NULL)
    {
      g_set_error_literal (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                           _("Rendering a reel to MP4 needs an H.264 encoder: install gstreamer1.0-plugins-ugly (x264enc) or gstreamer1.0-plugins-bad (openh264enc)"));
      return NULL;
    }

  return g_strdup (found);
}

/**
 * rushes_reel_renderer_get_profile:
 * @options: the format and, optionally, the video encoder
 * @width: the output frame's width
 * @height: its height
 * @error: a %RUSHES_MEDIA_ERROR_MISSING_PLUGIN when an encoder is missing
 *
 * The encoding profile of a render, in GStreamer's serialisation: the
 * muxer's caps, then the video and audio encoders by element name with
 * their settings. ges-launch-1.0 -f takes it as it is.
 *
 * Returns: (transfer full) (nullable): the profile
 */
char *
rushes_reel_renderer_get_profile (const RushesReelRenderOptions  *options,
                                  int                             width,
                                  int                             height,
                                  GError                        **error)
{
  g_autofree char *video_encoder = NULL;
  int bitrate;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  _rushes_reel_ensure_gstreamer ();

  video_encoder = options->video_encoder != NULL ? g_strdup (options->video_encoder)
                                                 : rushes_reel_renderer_find_video_encoder (options->format, error);
  if (video_encoder == NULL)
    return NULL;

  if (!make_usable (video_encoder))
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                   _("“%s” is not an installed GStreamer encoder"), video_encoder);
      return NULL;
    }

  bitrate = video_bitrate (options->format, width, height);

  if (options->format == RUSHES_REEL_FORMAT_WEBM)
    return g_strdup_printf ("video/webm:"
                            "%s|element-properties,deadline=1,cpu-used=5,row-mt=true,threads=%u,"
                            "target-bitrate=%d,end-usage=%d:"
                            "opusenc|element-properties,bitrate=%d",
                            video_encoder, MIN (g_get_num_processors (), 8), bitrate,
                            VP9_END_USAGE_VBR, OPUS_BITRATE);
  else
    {
      const char *audio_encoder = first_available (aac_encoders);
      g_autofree char *video_settings = NULL;

      if (audio_encoder == NULL || !make_usable (audio_encoder))
        {
          g_set_error_literal (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                               _("Rendering a reel to MP4 needs an AAC encoder: install gstreamer1.0-plugins-bad (voaacenc) or gstreamer1.0-libav (avenc_aac)"));
          return NULL;
        }

      if (g_str_equal (video_encoder, "x264enc"))
        video_settings = g_strdup_printf ("|element-properties,speed-preset=%d,bitrate=%d",
                                          X264_PRESET_VERYFAST, bitrate / 1000);
      else if (g_str_equal (video_encoder, "openh264enc"))
        video_settings = g_strdup_printf ("|element-properties,rate-control=%d,complexity=%d,bitrate=%d",
                                          OPENH264_RC_BITRATE, OPENH264_COMPLEXITY_LOW, bitrate);
      else
        video_settings = g_strdup ("");

      return g_strdup_printf ("video/quicktime,variant=iso:%s%s:%s|element-properties,bitrate=%d",
                              video_encoder, video_settings, audio_encoder, AAC_BITRATE);
    }
}

static double
to_seconds (gint64 microseconds)
{
  return microseconds / (double) G_TIME_SPAN_SECOND + 0.5e-9;
}

/**
 * rushes_reel_renderer_get_ges_launch_argv:
 * @clips: (element-type RushesReelClip): probed clips, in reel order
 * @destination: the file ges-launch-1.0 is to write
 * @options: as for rushes_reel_renderer_render_async()
 * @error: the layout's or the encoder's error
 *
 * The ges-launch-1.0 command that renders the same timeline with the same
 * encoders and settings, for comparing with GES's own tool.
 *
 * Returns: (transfer full) (nullable): the command's arguments, the
 *   program first
 */
char **
rushes_reel_renderer_get_ges_launch_argv (GPtrArray                      *clips,
                                          GFile                          *destination,
                                          const RushesReelRenderOptions  *options,
                                          GError                        **error)
{
  RushesReelLayoutFlags layout_flags;
  g_autofree RushesReelSpan *spans = NULL;
  g_autoptr(GStrvBuilder) argv = NULL;
  g_autofree char *video_caps = NULL;
  g_autofree char *audio_caps = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *output = NULL;
  int width, height, fps_n, fps_d;

  g_return_val_if_fail (clips != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (destination), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  layout_flags = (options->flags & RUSHES_REEL_RENDER_FLAGS_CLAMP) != 0 ? RUSHES_REEL_LAYOUT_CLAMP
                                                                         : RUSHES_REEL_LAYOUT_STRICT;
  if (!rushes_reel_clip_layout (clips, layout_flags, &spans, NULL, error))
    return NULL;

  rushes_reel_renderer_get_frame (clips, options, &width, &height, &fps_n, &fps_d);
  profile = rushes_reel_renderer_get_profile (options, width, height, error);
  if (profile == NULL)
    return NULL;

  video_caps = _rushes_reel_video_caps_string (width, height, fps_n, fps_d);
  audio_caps = _rushes_reel_audio_caps_string ();
  output = g_file_get_uri (destination);

  argv = g_strv_builder_new ();
  g_strv_builder_add_many (argv, "ges-launch-1.0", "--no-interactive",
                           "--video-caps", video_caps, "--audio-caps", audio_caps, NULL);

  for (guint i = 0; i < clips->len; i++)
    {
      const RushesReelClip *clip = g_ptr_array_index (clips, i);
      g_autofree char *uri = g_file_get_uri (clip->file);
      char start[G_ASCII_DTOSTR_BUF_SIZE], inpoint[G_ASCII_DTOSTR_BUF_SIZE], duration[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *start_arg = NULL, *inpoint_arg = NULL, *duration_arg = NULL;

      /* Seconds, in the C locale whatever the user's. GES multiplies
       * them by 10⁹ and truncates: half a nanosecond more keeps one clip's
       * end and the next one's start on the same nanosecond, where a
       * nanosecond of overlap would be an auto-transition. */
      g_ascii_formatd (start, sizeof start, "%.10f", to_seconds (spans[i].start));
      g_ascii_formatd (inpoint, sizeof inpoint, "%.10f", to_seconds (spans[i].in_point));
      g_ascii_formatd (duration, sizeof duration, "%.10f",
                       to_seconds (spans[i].out_point - spans[i].in_point));
      start_arg = g_strconcat ("start=", start, NULL);
      inpoint_arg = g_strconcat ("inpoint=", inpoint, NULL);
      duration_arg = g_strconcat ("duration=", duration, NULL);
      g_strv_builder_add_many (argv, "+clip", uri, start_arg, inpoint_arg, duration_arg, NULL);
    }

  g_strv_builder_add_many (argv, "-o", output, "-f", profile, NULL);
  return g_strv_builder_end (argv);
}

/**
 * rushes_reel_renderer_render_async:
 * @clips: (element-type RushesReelClip): probed clips, in reel order
 *   (rushes_reel_clip_resolve_async()); copied
 * @destination: the file to write
 * @options: the format, frame, encoder and flags
 * @progress_func: (nullable): told how far the render is, in the caller's
 *   thread-default main context
 * @progress_data: for @progress_func; must stay valid until @callback runs
 *
 * Renders the reel off the main thread: the clips end to end, each trimmed,
 * crossfades overlapping their two clips, in a frame the size of the first
 * clip (or @options'), others letterboxed or pillarboxed, never stretched;
 * one continuous sound track, silent where a clip has no sound.
 *
 * The result appears at @destination only when complete; on failure or
 * cancellation neither it nor a temporary file is left. Fails with
 * %G_IO_ERROR_EXISTS when @destination exists and the flags lack
 * %RUSHES_REEL_RENDER_FLAGS_OVERWRITE, %RUSHES_MEDIA_ERROR_MISSING_PLUGIN
 * naming the Debian package when an element is missing, the layout's
 * %RUSHES_ERROR_INVALID_INPUT or %RUSHES_ERROR_NOT_FOUND,
 * %RUSHES_MEDIA_ERROR_INVALID for a clip GES cannot read,
 * %RUSHES_MEDIA_ERROR_FAILED when the pipeline fails, and
 * %G_IO_ERROR_CANCELLED.
 */
void
rushes_reel_renderer_render_async (GPtrArray                     *clips,
                                   GFile                         *destination,
                                   const RushesReelRenderOptions *options,
                                   RushesReelRenderProgressFunc   progress_func,
                                   gpointer                       progress_data,
                                   GCancellable                  *cancellable,
                                   GAsyncReadyCallback            callback,
                                   gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderData *data;

  g_return_if_fail (clips != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (options != NULL);
  g_return_if_fail (options->format == RUSHES_REEL_FORMAT_MP4 || options->format == RUSHES_REEL_FORMAT_WEBM);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _rushes_reel_ensure_gstreamer ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_reel_renderer_render_async);

  data = g_new0 (RenderData, 1);
  g_mutex_init (&data->mutex);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);

  data->clips = g_ptr_array_new_full (clips->len, (GDestroyNotify) rushes_reel_clip_free);
  for (guint i = 0; i < clips->len; i++)
    g_ptr_array_add (data->clips, rushes_reel_clip_copy (g_ptr_array_index (clips, i)));
  data->destination = g_object_ref (destination);
  data->options = *options;
  data->requested_encoder = g_strdup (options->video_encoder);
  data->options.video_encoder = data->requested_encoder;
  data->progress_func = progress_func;
  data->progress_data = progress_data;

  _rushes_reel_load_assets_async (data->clips, cancellable, assets_loaded_cb, g_object_ref (task));
}

/**
 * rushes_reel_renderer_render_finish:
 * @video_encoder: (out) (optional) (transfer full): the element that
 *   encoded the picture (x264enc, openh264enc, vp9enc …)
 * @audio_encoder: (out) (optional) (transfer full): the one that encoded
 *   the sound
 *
 * Returns: whether the reel was rendered
 */
gboolean
rushes_reel_renderer_render_finish (GAsyncResult  *result,
                                    char         **video_encoder,
                                    char         **audio_encoder,
                                    GError       **error)
{
  RenderResult *render;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_reel_renderer_render_async, FALSE);

  render = g_task_propagate_pointer (G_TASK (result), error);
  if (render == NULL)
    return FALSE;

  if (video_encoder != NULL)
    *video_encoder = g_steal_pointer (&render->video_encoder);
  if (audio_encoder != NULL)
    *audio_encoder = g_steal_pointer (&render->audio_encoder);
  render_result_free (render);

  return TRUE;
}
