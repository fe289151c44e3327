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

#define G_LOG_DOMAIN "rushes-exporter"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/pbutils/pbutils.h>
#include <gst/video/video.h>

#include "rushes-exporter.h"
#include "rushes-gif-writer.h"
#include "rushes-media-error-private.h"

/*
 * Exports run on a worker thread each, as short GStreamer pipelines that
 * the thread drives by polling the bus (as the thumbnailer does), so that
 * cancellation is noticed within a tenth of a second. Nothing touches GTK;
 * progress reaches the caller's main context through one pending idle at a
 * time, however fast the pipeline runs.
 *
 * The output goes to a hidden file beside the destination, renamed over it
 * at the very end: an export that fails or is cancelled leaves nothing
 * behind, and one that succeeds never shows a half-written file.
 */

#define POLL_INTERVAL   (100 * GST_MSECOND)
/* Generous: two shared cores may be busy with a thumbnail or a test. */
#define STALL_TIMEOUT   (60 * G_TIME_SPAN_SECOND)
#define PROBE_TIMEOUT   (30 * GST_SECOND)
#define CONVERT_TIMEOUT (30 * GST_SECOND)
#define POSTER_OFFSET   GST_SECOND

/* The GIF's first pass only builds the palette: it is the cheaper third. */
#define GIF_PALETTE_SHARE 0.3

/*
 * Sizes. WebM is encoded at a target bitrate, so its size follows from the
 * bitrate this file asks the encoder for: 1.5 bits per second for every
 * pixel of the frame (0.06 bits per pixel per frame at 25 fps: 1.4 Mb/s at
 * 720p, 3.1 Mb/s at 1080p, which VP9 holds without visible loss on
 * generated footage), never under 150 kb/s; Opus at 96 kb/s; 2 % for the
 * container. GIF has no bitrate: its size comes from a measured number of
 * bytes per pixel per frame, after the palette and LZW, for the clips the
 * providers make (soft gradients, moving camera); a still background costs
 * much less, a noisy one more.
 */
#define WEBM_BITS_PER_PIXEL_SECOND 1.5
#define WEBM_MIN_VIDEO_BITRATE     150000
#define WEBM_MAX_VIDEO_BITRATE     12000000
#define WEBM_AUDIO_BITRATE         96000
#define WEBM_OVERHEAD              1.02
#define GIF_BYTES_PER_PIXEL        0.16
#define PNG_BYTES_PER_PIXEL        1.5

typedef struct
{
  const char *element;
  const char *package;
} RequiredElement;

#define PACKAGE_BASE "gstreamer1.0-plugins-base"
#define PACKAGE_GOOD "gstreamer1.0-plugins-good"

static const RequiredElement mp4_elements[] = {
  { "qtdemux", PACKAGE_GOOD },
  { "mp4mux", PACKAGE_GOOD },
  { NULL, NULL }
};

static const RequiredElement png_elements[] = {
  { "playbin", PACKAGE_BASE },
  { "appsink", PACKAGE_BASE },
  { "videoconvert", PACKAGE_BASE },
  { "videoscale", PACKAGE_BASE },
  { "pngenc", PACKAGE_GOOD },
  { NULL, NULL }
};

static const RequiredElement gif_elements[] = {
  { "playbin", PACKAGE_BASE },
  { "appsink", PACKAGE_BASE },
  { "videorate", PACKAGE_BASE },
  { "videoscale", PACKAGE_BASE },
  { "videoconvert", PACKAGE_BASE },
  { NULL, NULL }
};

static const RequiredElement webm_elements[] = {
  { "uridecodebin", PACKAGE_BASE },
  { "videoconvert", PACKAGE_BASE },
  { "audioconvert", PACKAGE_BASE },
  { "audioresample", PACKAGE_BASE },
  { "opusenc", PACKAGE_BASE },
  { "vp9enc", PACKAGE_GOOD },
  { "webmmux", PACKAGE_GOOD },
  { NULL, NULL }
};

typedef struct
{
  gint64   duration;
  int      width;      /* display size: pixel aspect ratio applied */
  int      height;
  gboolean has_audio;
} VideoProbe;

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
  VideoProbe                probe;

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
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->video);
  g_clear_object (&data->destination);
  g_clear_object (&data->temp);
  g_free (data->uri);
  g_free (data->title);
  g_free (data->comment);
  g_free (data->settings);
  g_clear_error (&data->link_error);
  g_mutex_clear (&data->mutex);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
ensure_gstreamer (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      gst_init (NULL, NULL);
      gst_pb_utils_init ();
      g_once_init_leave (&initialised, 1);
    }
}

static const char *
format_name (RushesExportFormat format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return "MP4";
    case RUSHES_EXPORT_FORMAT_PNG:
      return "PNG";
    case RUSHES_EXPORT_FORMAT_GIF:
      return "GIF";
    case RUSHES_EXPORT_FORMAT_WEBM:
      return "WebM";
    default:
      g_assert_not_reached ();
    }
}

static gboolean
require_elements (RushesExportFormat   format,
                  GError             **error)
{
  const RequiredElement *elements = NULL;

  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      elements = mp4_elements;
      break;
    case RUSHES_EXPORT_FORMAT_PNG:
      elements = png_elements;
      break;
    case RUSHES_EXPORT_FORMAT_GIF:
      elements = gif_elements;
      break;
    case RUSHES_EXPORT_FORMAT_WEBM:
      elements = webm_elements;
      break;
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; elements[i].element != NULL; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (elements[i].element);

      if (factory == NULL)
        {
          g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                       /* Translators: “Exporting to WebM needs the GStreamer element
                        * “vp9enc”, which is not installed (Debian package
                        * gstreamer1.0-plugins-good)” */
                       _("Exporting to %s needs the GStreamer element “%s”, which is not installed (Debian package %s)"),
                       format_name (format), elements[i].element, elements[i].package);
          return FALSE;
        }
    }

  return TRUE;
}

static GstElement *
make_element (const char  *factory,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                 _("The GStreamer element “%s” is not installed"), factory);

  return element;
}

static char *
display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "");
}

/* The display size of the first video stream, its duration, and whether
 * there is sound. */
static gboolean
probe_video (GFile       *video,
             VideoProbe  *probe,
             GError     **error)
{
  g_autofree char *uri = g_file_get_uri (video);
  g_autofree char *name = display_name (video);
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) discover_error = NULL;
  GList *streams;
  GstDiscovererVideoInfo *video_info;
  guint par_n, par_d;

  discoverer = gst_discoverer_new (PROBE_TIMEOUT, error);
  if (discoverer == NULL)
    return FALSE;

  info = gst_discoverer_discover_uri (discoverer, uri, &discover_error);
  if (info == NULL)
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, discover_error->message);
      return FALSE;
    }

  switch (gst_discoverer_info_get_result (info))
    {
    case GST_DISCOVERER_OK:
    case GST_DISCOVERER_MISSING_PLUGINS:
      /* A missing decoder matters only to the formats that decode; their
       * pipelines say which one. */
      break;

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_ERROR:
      if (!g_file_query_exists (video, NULL))
        g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                     _("“%s” cannot be read: %s"), name,
                     discover_error != NULL ? discover_error->message : _("it is not a video"));
      return FALSE;

    case GST_DISCOVERER_TIMEOUT:
    case GST_DISCOVERER_BUSY:
    default:
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("Reading the video took too long"));
      return FALSE;
    }

  streams = gst_discoverer_info_get_video_streams (info);
  video_info = streams != NULL ? streams->data : NULL;
  if (video_info == NULL || gst_discoverer_video_info_is_image (video_info) ||
      gst_discoverer_video_info_get_width (video_info) == 0)
    {
      gst_discoverer_stream_info_list_free (streams);
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("“%s” has no picture"), name);
      return FALSE;
    }

  probe->width = gst_discoverer_video_info_get_width (video_info);
  probe->height = gst_discoverer_video_info_get_height (video_info);
  par_n = gst_discoverer_video_info_get_par_num (video_info);
  par_d = gst_discoverer_video_info_get_par_denom (video_info);
  if (par_n > 0 && par_d > 0 && par_n != par_d)
    probe->width = MAX (1, (int) gst_util_uint64_scale_round (probe->width, par_n, par_d));
  gst_discoverer_stream_info_list_free (streams);

  streams = gst_discoverer_info_get_audio_streams (info);
  probe->has_audio = streams != NULL;
  gst_discoverer_stream_info_list_free (streams);

  probe->duration = GST_CLOCK_TIME_IS_VALID (gst_discoverer_info_get_duration (info)) ?
                    (gint64) gst_discoverer_info_get_duration (info) : 0;

  return TRUE;
}

/* Progress */

static gboolean
report_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  ExportData *data = g_task_get_task_data (task);
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
  ExportData *data = g_task_get_task_data (task);
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

static GstPadProbeReturn
position_probe_cb (GstPad          *pad,
                   GstPadProbeInfo *info,
                   gpointer         user_data)
{
  ExportData *data = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  if (GST_BUFFER_PTS_IS_VALID (buffer))
    {
      g_mutex_lock (&data->mutex);
      data->position = MAX (data->position, (gint64) GST_BUFFER_PTS (buffer));
      g_mutex_unlock (&data->mutex);
    }

  return GST_PAD_PROBE_OK;
}

static void
watch_position (ExportData *data,
                GstPad     *pad)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, position_probe_cb, data, NULL);
}

static void
set_link_error (ExportData *data,
                GError     *error)
{
  g_mutex_lock (&data->mutex);
  if (data->link_error == NULL)
    data->link_error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&data->mutex);
}

/* Turns a bus message into an error, or returns %NULL for one that does
 * not stop the export. */
static GError *
error_from_message (ExportData *data,
                    GstMessage *message)
{
  switch ((int) GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      if (data->sink != NULL && GST_MESSAGE_SRC (message) == GST_OBJECT (data->sink))
        {
          g_autoptr(GError) gst_error = NULL;
          g_autofree char *name = display_name (data->destination);

          gst_message_parse_error (message, &gst_error, NULL);
          return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                              /* Translators: a file name, then the reason */
                              _("“%s” cannot be written: %s"), name, gst_error->message);
        }
      return _rushes_media_error_from_message (message, data->uri, NULL);

    case GST_MESSAGE_ELEMENT:
      {
        gboolean blocks_video = FALSE;
        g_autofree char *missing = _rushes_media_missing_plugin (message, &blocks_video);

        if (missing == NULL)
          return NULL;

        if (!blocks_video)
          {
            g_debug ("Exporting %s without sound: %s is missing", data->uri, missing);
            return NULL;
          }

        return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                            /* Translators: a GStreamer plugin description such as
                             * “H.264 (High Profile) decoder” */
                            _("The clip needs a plugin that is not installed: %s (on Debian, usually in gstreamer1.0-libav)"),
                            missing);
      }

    default:
      return NULL;
    }
}

/* Plays @pipeline to its end, reporting progress between @from and @to. */
static gboolean
run_pipeline (GTask       *task,
              ExportData  *data,
              GstElement  *pipeline,
              double       from,
              double       to,
              GError     **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 last_position = -1;
  gint64 last_change = g_get_monotonic_time ();
  gboolean ok = FALSE;

  data->pipeline = pipeline;
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;
      gint64 position;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      message = gst_bus_timed_pop_filtered (bus, POLL_INTERVAL,
                                            GST_MESSAGE_ERROR | GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT);
      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        {
          ok = TRUE;
          break;
        }
      if (message != NULL)
        {
          GError *message_error = error_from_message (data, message);

          if (message_error != NULL)
            {
              g_propagate_error (error, message_error);
              break;
            }
        }

      g_mutex_lock (&data->mutex);
      position = data->position;
      if (data->link_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&data->link_error));
          g_mutex_unlock (&data->mutex);
          break;
        }
      g_mutex_unlock (&data->mutex);

      if (position != last_position)
        {
          last_position = position;
          last_change = g_get_monotonic_time ();
          if (data->probe.duration > 0)
            set_progress (task, from + (to - from) * position / data->probe.duration);
        }
      else if (g_get_monotonic_time () - last_change > STALL_TIMEOUT)
        {
          g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                       _("The export stopped making progress"));
          break;
        }
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  data->pipeline = NULL;

  return ok;
}

static gboolean
add_and_link (GstBin      *bin,
              GstPad      *source_pad,
              GstElement **chain,
              guint        n_elements)
{
  g_autoptr(GstPad) sink_pad = NULL;

  for (guint i = 0; i < n_elements; i++)
    gst_bin_add (bin, chain[i]);

  for (guint i = 0; i + 1 < n_elements; i++)
    if (!gst_element_link (chain[i], chain[i + 1]))
      return FALSE;

  for (guint i = n_elements; i > 0; i--)
    gst_element_sync_state_with_parent (chain[i - 1]);

  sink_pad = gst_element_get_static_pad (chain[0], "sink");
  return gst_pad_link (source_pad, sink_pad) == GST_PAD_LINK_OK;
}

/* A stream the export does not keep still has to flow somewhere. */
static void
link_to_fakesink (ExportData *data,
                  GstPad     *pad)
{
  GstElement *fakesink = gst_element_factory_make ("fakesink", NULL);

  g_object_set (fakesink, "sync", FALSE, "async", FALSE, NULL);
  add_and_link (GST_BIN (data->pipeline), pad, &fakesink, 1);
}

static GstTagList *
make_tags (ExportData *data)
{
  GstTagList *tags = gst_tag_list_new_empty ();

  if (data->title != NULL && *data->title != '\0')
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_TITLE, data->title, NULL);
  if (data->comment != NULL && *data->comment != '\0')
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_COMMENT, data->comment, NULL);
  if (data->settings != NULL && *data->settings != '\0')
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_DESCRIPTION, data->settings, NULL);

  return tags;
}

static GstElement *
make_file_sink (ExportData  *data,
                GError     **error)
{
  g_autofree char *path = g_file_get_path (data->temp);
  GstElement *sink;

  if (path != NULL)
    {
      sink = make_element ("filesink", error);
      if (sink != NULL)
        g_object_set (sink, "location", path, NULL);
    }
  else
    {
      /* Not a local file (a remote folder through GVfs) */
      sink = make_element ("giosink", error);
      if (sink != NULL)
        g_object_set (sink, "file", data->temp, NULL);
    }

  if (sink != NULL)
    g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);

  return sink;
}

/* MP4: the streams as they are, into a new MP4 with tags */

static void
mp4_pad_added_cb (GstElement *demux,
                  GstPad     *pad,
                  gpointer    user_data)
{
  ExportData *data = user_data;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const char *media;
  GstElement *queue;
  g_autoptr(GstPad) queue_src = NULL;
  g_autoptr(GstPad) mux_pad = NULL;
  gboolean is_video, is_audio;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  is_video = g_str_has_prefix (media, "video/");
  is_audio = g_str_has_prefix (media, "audio/");

  g_mutex_lock (&data->mutex);
  if ((is_video && data->linked_video) || (is_audio && data->linked_audio))
    is_video = is_audio = FALSE;
  g_mutex_unlock (&data->mutex);

  /* Timecodes, subtitles, a second video: left out */
  if (!is_video && !is_audio)
    {
      link_to_fakesink (data, pad);
      return;
    }

  mux_pad = gst_element_get_compatible_pad (data->mux, pad, caps);
  if (mux_pad == NULL)
    {
      set_link_error (data, g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                                         /* Translators: %s is a media type such as video/x-h265 */
                                         _("An MP4 file cannot hold this clip’s %s stream"), media));
      link_to_fakesink (data, pad);
      return;
    }

  /* The demuxer pushes video and sound from one thread: a queue each, so
   * the muxer can wait for one while the other arrives. */
  queue = gst_element_factory_make ("queue", NULL);
  add_and_link (GST_BIN (data->pipeline), pad, &queue, 1);
  queue_src = gst_element_get_static_pad (queue, "src");
  if (gst_pad_link (queue_src, mux_pad) != GST_PAD_LINK_OK)
    {
      set_link_error (data, g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                                         _("The clip’s %s stream cannot be copied"), media));
      return;
    }

  g_mutex_lock (&data->mutex);
  if (is_video)
    data->linked_video = TRUE;
  else
    data->linked_audio = TRUE;
  g_mutex_unlock (&data->mutex);

  if (is_video)
    watch_position (data, pad);
}

static gboolean
export_mp4 (GTask       *task,
            ExportData  *data,
            GError     **error)
{
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new ("export-mp4"));
  g_autoptr(GstTagList) tags = make_tags (data);
  GstElement *source, *demux, *mux, *sink;

  source = gst_element_make_from_uri (GST_URI_SRC, data->uri, NULL, error);
  if (source == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), source);

  if ((demux = make_element ("qtdemux", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), demux);
  if ((mux = make_element ("mp4mux", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), mux);
  if ((sink = make_file_sink (data, error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), sink);

  /* Index first, so that a browser plays the copy while it downloads. */
  g_object_set (mux, "faststart", TRUE, NULL);
  gst_tag_setter_merge_tags (GST_TAG_SETTER (mux), tags, GST_TAG_MERGE_REPLACE);

  if (!gst_element_link (source, demux) || !gst_element_link (mux, sink))
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("The export pipeline cannot be built"));
      return FALSE;
    }

  data->mux = mux;
  data->sink = sink;
  g_signal_connect (demux, "pad-added", G_CALLBACK (mp4_pad_added_cb), data);

  return run_pipeline (task, data, pipeline, 0.0, 1.0, error);
}

/* WebM: decode, then VP9 and Opus */

static int
webm_video_bitrate (int width,
                    int height)
{
  double bitrate = (double) width * height * WEBM_BITS_PER_PIXEL_SECOND;

  return (int) CLAMP (bitrate, WEBM_MIN_VIDEO_BITRATE, WEBM_MAX_VIDEO_BITRATE);
}

static void
webm_pad_added_cb (GstElement *decodebin,
                   GstPad     *pad,
                   gpointer    user_data)
{
  ExportData *data = user_data;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const char *media;
  GstElement *chain[4];
  g_autoptr(GstPad) encoder_src = NULL;
  g_autoptr(GstPad) mux_pad = NULL;
  gboolean is_video, is_audio;
  guint n = 0;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  is_video = g_str_has_prefix (media, "video/");
  is_audio = g_str_has_prefix (media, "audio/");

  g_mutex_lock (&data->mutex);
  if ((is_video && data->linked_video) || (is_audio && data->linked_audio))
    is_video = is_audio = FALSE;
  g_mutex_unlock (&data->mutex);

  if (!is_video && !is_audio)
    {
      link_to_fakesink (data, pad);
      return;
    }

  chain[n++] = gst_element_factory_make ("queue", NULL);
  if (is_video)
    {
      GstElement *encoder;

      chain[n++] = gst_element_factory_make ("videoconvert", NULL);
      chain[n++] = encoder = gst_element_factory_make ("vp9enc", NULL);
      g_object_set (encoder,
                    "target-bitrate", webm_video_bitrate (data->probe.width, data->probe.height),
                    "row-mt", TRUE,
                    "threads", (int) MIN (g_get_num_processors (), 8),
                    /* Realtime speed: good enough at this bitrate, and a
                     * 10 s 1080p clip takes seconds, not minutes. */
                    "deadline", (gint64) 1,
                    "cpu-used", 5,
                    NULL);
      gst_util_set_object_arg (G_OBJECT (encoder), "end-usage", "vbr");
    }
  else
    {
      GstElement *encoder;

      chain[n++] = gst_element_factory_make ("audioconvert", NULL);
      chain[n++] = gst_element_factory_make ("audioresample", NULL);
      chain[n++] = encoder = gst_element_factory_make ("opusenc", NULL);
      g_object_set (encoder, "bitrate", WEBM_AUDIO_BITRATE, NULL);
    }

  mux_pad = gst_element_request_pad_simple (data->mux, is_video ? "video_%u" : "audio_%u");
  if (!add_and_link (GST_BIN (data->pipeline), pad, chain, n) || mux_pad == NULL)
    {
      set_link_error (data, g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                                         _("The clip’s %s stream cannot be converted"), media));
      return;
    }

  encoder_src = gst_element_get_static_pad (chain[n - 1], "src");
  if (gst_pad_link (encoder_src, mux_pad) != GST_PAD_LINK_OK)
    {
      set_link_error (data, g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                                         _("The clip’s %s stream cannot be converted"), media));
      return;
    }

  g_mutex_lock (&data->mutex);
  if (is_video)
    data->linked_video = TRUE;
  else
    data->linked_audio = TRUE;
  g_mutex_unlock (&data->mutex);

  if (is_video)
    watch_position (data, pad);
}

static gboolean
export_webm (GTask       *task,
             ExportData  *data,
             GError     **error)
{
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new ("export-webm"));
  g_autoptr(GstTagList) tags = make_tags (data);
  GstElement *decodebin, *mux, *sink;

  if ((decodebin = make_element ("uridecodebin", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), decodebin);
  if ((mux = make_element ("webmmux", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), mux);
  if ((sink = make_file_sink (data, error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), sink);

  g_object_set (decodebin, "uri", data->uri, NULL);
  g_object_set (mux, "writing-app", "Rushes", NULL);
  gst_tag_setter_merge_tags (GST_TAG_SETTER (mux), tags, GST_TAG_MERGE_REPLACE);

  if (!gst_element_link (mux, sink))
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("The export pipeline cannot be built"));
      return FALSE;
    }

  data->mux = mux;
  data->sink = sink;
  g_signal_connect (decodebin, "pad-added", G_CALLBACK (webm_pad_added_cb), data);

  return run_pipeline (task, data, pipeline, 0.0, 1.0, error);
}

/* Frames: playbin with only its picture, into an appsink */

static GstElement *
make_frame_pipeline (ExportData  *data,
                     GstElement  *video_sink,
                     GError     **error)
{
  GstElement *playbin = make_element ("playbin", error);

  if (playbin == NULL)
    {
      gst_object_unref (gst_object_ref_sink (video_sink));
      return NULL;
    }

  gst_object_ref_sink (playbin);
  /* Only the picture: no audio decoding. The fake audio sink stops
   * playbin from opening the sound card all the same. */
  gst_util_set_object_arg (G_OBJECT (playbin), "flags", "video");
  g_object_set (playbin,
                "uri", data->uri,
                "video-sink", video_sink,
                "audio-sink", gst_element_factory_make ("fakesink", NULL),
                NULL);

  return playbin;
}

static GstElement *
make_appsink (GstCaps *caps)
{
  GstElement *appsink = gst_element_factory_make ("appsink", NULL);

  g_object_set (appsink,
                "caps", caps,
                "sync", FALSE,
                "enable-last-sample", FALSE,
                /* The decoder waits while a frame is being encoded. */
                "max-buffers", 4,
                NULL);

  return appsink;
}

static gboolean
check_bus (ExportData  *data,
           GstBus      *bus,
           GError     **error)
{
  GstMessage *message;

  while ((message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_ELEMENT)) != NULL)
    {
      GError *message_error = error_from_message (data, message);

      gst_message_unref (message);
      if (message_error != NULL)
        {
          g_propagate_error (error, message_error);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
wait_for_preroll (ExportData    *data,
                  GstElement    *pipeline,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 deadline = g_get_monotonic_time () + STALL_TIMEOUT;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GstMessage) message = NULL;
      GError *message_error;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      message = gst_bus_timed_pop_filtered (bus, POLL_INTERVAL,
                                            GST_MESSAGE_ERROR | GST_MESSAGE_ASYNC_DONE |
                                            GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT);
      if (message == NULL)
        continue;

      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE ||
          GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        return TRUE;

      message_error = error_from_message (data, message);
      if (message_error != NULL)
        {
          g_propagate_error (error, message_error);
          return FALSE;
        }
    }

  g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
               _("Reading the video took too long"));
  return FALSE;
}

/* PNG: one frame at the display size, with the prompt and model as text */

static guint32
crc32_update (guint32       crc,
              const guint8 *bytes,
              gsize         length)
{
  static guint32 table[256];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialised, 1);
    }

  crc ^= 0xffffffffu;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffffu;
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, bytes, 4);
}

/* An uncompressed international text chunk: UTF-8, as prompts are. */
static void
append_itxt (GByteArray *out,
             const char *keyword,
             const char *text)
{
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  static const guint8 flags[] = { 0, 0, 0, 0, 0 };

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return;

  g_byte_array_append (chunk, (const guint8 *) "iTXt", 4);
  g_byte_array_append (chunk, (const guint8 *) keyword, strlen (keyword));
  /* keyword terminator, no compression, method 0, no language, no
   * translated keyword */
  g_byte_array_append (chunk, flags, sizeof flags);
  g_byte_array_append (chunk, (const guint8 *) text, strlen (text));

  append_be32 (out, chunk->len - 4);
  g_byte_array_append (out, chunk->data, chunk->len);
  append_be32 (out, crc32_update (0, chunk->data, chunk->len));
}

static GBytes *
png_with_text (const guint8 *png,
               gsize         size,
               ExportData   *data)
{
  /* Signature (8) and the IHDR chunk (4 + 4 + 13 + 4) */
  const gsize header = 33;
  g_autoptr(GByteArray) out = g_byte_array_sized_new (size + 1024);

  if (size <= header || memcmp (png + 12, "IHDR", 4) != 0)
    return g_bytes_new (png, size);

  g_byte_array_append (out, png, header);
  append_itxt (out, "Title", data->title);
  append_itxt (out, "Comment", data->comment);
  append_itxt (out, "Description", data->settings);
  append_itxt (out, "Software", "Rushes");
  g_byte_array_append (out, png + header, size - header);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
write_temp (ExportData    *data,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileOutputStream) stream = g_file_replace (data->temp, NULL, FALSE, G_FILE_CREATE_NONE,
                                                        cancellable, error);

  return stream != NULL &&
         g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), NULL, cancellable, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

static gboolean
export_png (GTask       *task,
            ExportData  *data,
            GError     **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GstCaps) sink_caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "RGBA", NULL);
  g_autoptr(GstCaps) png_caps = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GstSample) png = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) convert_error = NULL;
  GstElement *appsink;
  GstBuffer *buffer;
  GstMapInfo map;
  gint64 position = data->frame_position;
  gboolean ok = FALSE;

  appsink = make_appsink (sink_caps);
  if ((pipeline = make_frame_pipeline (data, appsink, error)) == NULL)
    return FALSE;

  if (position < 0)
    position = MIN (POSTER_OFFSET, data->probe.duration / 10);
  if (data->probe.duration > 0)
    position = MIN (position, data->probe.duration);

  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  if (!wait_for_preroll (data, pipeline, cancellable, error))
    goto out;
  set_progress (task, 0.3);

  if (position > 0 &&
      gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, position) &&
      !wait_for_preroll (data, pipeline, cancellable, error))
    goto out;
  set_progress (task, 0.6);

  sample = gst_app_sink_pull_preroll (GST_APP_SINK (appsink));
  if (sample == NULL)
    {
      g_autofree char *name = display_name (data->video);

      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("“%s” has no picture"), name);
      goto out;
    }

  png_caps = gst_caps_new_simple ("image/png",
                                  "width", G_TYPE_INT, data->probe.width,
                                  "height", G_TYPE_INT, data->probe.height,
                                  "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                  NULL);
  png = gst_video_convert_sample (sample, png_caps, CONVERT_TIMEOUT, &convert_error);
  if (png == NULL || (buffer = gst_sample_get_buffer (png)) == NULL ||
      !gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                   _("The frame cannot be converted to PNG: %s"),
                   convert_error != NULL ? convert_error->message : _("no data"));
      goto out;
    }

  bytes = png_with_text (map.data, map.size, data);
  gst_buffer_unmap (buffer, &map);
  ok = write_temp (data, bytes, cancellable, error);

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

/* GIF: a first pass for the palette, a second to encode */

typedef gboolean (*FrameFunc) (const guint8  *rgb,
                               gsize          stride,
                               gint64         timestamp,
                               gpointer       user_data,
                               GError       **error);

static GstElement *
make_gif_sink (int width,
               int height)
{
  GstElement *bin = gst_bin_new ("gif-sink");
  GstElement *rate = gst_element_factory_make ("videorate", NULL);
  GstElement *scale = gst_element_factory_make ("videoscale", NULL);
  GstElement *convert = gst_element_factory_make ("videoconvert", NULL);
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) pad = NULL;
  GstElement *appsink;

  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, "RGB",
                              "width", G_TYPE_INT, width,
                              "height", G_TYPE_INT, height,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              "framerate", GST_TYPE_FRACTION, RUSHES_EXPORT_GIF_FPS, 1,
                              NULL);
  appsink = make_appsink (caps);
  gst_object_set_name (GST_OBJECT (appsink), "appsink");

  /* Several source pixels into each GIF pixel: plain bilinear would
   * alias fine detail into shimmering noise. */
  gst_util_set_object_arg (G_OBJECT (scale), "method", "lanczos");

  gst_bin_add_many (GST_BIN (bin), rate, scale, convert, appsink, NULL);
  gst_element_link_many (rate, scale, convert, appsink, NULL);

  pad = gst_element_get_static_pad (rate, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));

  return bin;
}

/* Plays the clip through the GIF's scaler and frame rate, handing each
 * frame to @func, with progress from @from to @to. */
static gboolean
pull_gif_frames (GTask       *task,
                 ExportData  *data,
                 int          width,
                 int          height,
                 FrameFunc    func,
                 gpointer     func_data,
                 double       from,
                 double       to,
                 gint64      *end_time,
                 GError     **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  GstElement *sink_bin = make_gif_sink (width, height);
  g_autoptr(GstElement) appsink = gst_bin_get_by_name (GST_BIN (sink_bin), "appsink");
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  gint64 first_pts = -1;
  gint64 last_change = g_get_monotonic_time ();
  guint n_frames = 0;
  gboolean ok = FALSE;

  if ((pipeline = make_frame_pipeline (data, sink_bin, error)) == NULL)
    return FALSE;

  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      GstVideoInfo info;
      GstVideoFrame frame;
      GstBuffer *buffer;
      gint64 pts;
      gboolean frame_ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !check_bus (data, bus, error))
        goto out;

      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (appsink), POLL_INTERVAL);
      if (sample == NULL)
        {
          if (gst_app_sink_is_eos (GST_APP_SINK (appsink)))
            break;

          if (g_get_monotonic_time () - last_change > STALL_TIMEOUT)
            {
              g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                           _("The export stopped making progress"));
              goto out;
            }
          continue;
        }

      last_change = g_get_monotonic_time ();
      buffer = gst_sample_get_buffer (sample);
      if (buffer == NULL || !GST_BUFFER_PTS_IS_VALID (buffer) ||
          !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
          info.width != width || info.height != height ||
          !gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ))
        continue;

      pts = GST_BUFFER_PTS (buffer);
      if (first_pts < 0)
        first_pts = pts;

      frame_ok = func (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                       GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
                       pts - first_pts, func_data, error);
      gst_video_frame_unmap (&frame);
      if (!frame_ok)
        goto out;

      n_frames++;
      *end_time = pts - first_pts + (GST_BUFFER_DURATION_IS_VALID (buffer) ?
                                     (gint64) GST_BUFFER_DURATION (buffer) :
                                     GST_SECOND / RUSHES_EXPORT_GIF_FPS);
      if (data->probe.duration > 0)
        set_progress (task, from + (to - from) * (pts - first_pts) / data->probe.duration);
    }

  if (!check_bus (data, bus, error))
    goto out;

  if (n_frames == 0)
    {
      g_autofree char *name = display_name (data->video);

      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                   _("“%s” has no picture"), name);
      goto out;
    }

  ok = TRUE;

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

typedef struct
{
  RushesGifPalette *palette;
  int               width;
  int               height;
} PaletteFrame;

static gboolean
gif_palette_frame_cb (const guint8  *rgb,
                      gsize          stride,
                      gint64         timestamp,
                      gpointer       user_data,
                      GError       **error)
{
  PaletteFrame *state = user_data;

  rushes_gif_palette_add_pixels (state->palette, rgb, state->width, state->height, stride);
  return TRUE;
}

typedef struct
{
  RushesGifWriter *writer;
  GCancellable    *cancellable;
} EncodeFrame;

static gboolean
gif_encode_frame_cb (const guint8  *rgb,
                     gsize          stride,
                     gint64         timestamp,
                     gpointer       user_data,
                     GError       **error)
{
  EncodeFrame *state = user_data;

  return rushes_gif_writer_add_frame (state->writer, rgb, stride, timestamp, state->cancellable, error);
}

static gboolean
export_gif (GTask       *task,
            ExportData  *data,
            GError     **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(RushesGifPalette) palette = rushes_gif_palette_new ();
  g_autoptr(RushesGifWriter) writer = NULL;
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *comment = NULL;
  PaletteFrame palette_frame;
  EncodeFrame encode_frame;
  gint64 end_time = 0;
  int width, height;

  rushes_exporter_get_gif_size (data->probe.width, data->probe.height, &width, &height);

  palette_frame = (PaletteFrame) { palette, width, height };
  if (!pull_gif_frames (task, data, width, height, gif_palette_frame_cb, &palette_frame,
                        0.0, GIF_PALETTE_SHARE, &end_time, error))
    return FALSE;
  rushes_gif_palette_build (palette);

  file_stream = g_file_replace (data->temp, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (file_stream == NULL)
    return FALSE;
  stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), 256 * 1024);

  if (data->title != NULL && data->comment != NULL)
    comment = g_strdup_printf ("%s\n%s", data->title, data->comment);
  else
    comment = g_strdup (data->title != NULL ? data->title : data->comment);

  writer = rushes_gif_writer_new (stream, width, height, palette, comment);
  encode_frame = (EncodeFrame) { writer, cancellable };
  if (!pull_gif_frames (task, data, width, height, gif_encode_frame_cb, &encode_frame,
                        GIF_PALETTE_SHARE, 1.0, &end_time, error))
    return FALSE;

  g_debug ("GIF: %d×%d, %u colours, %u frames", width, height,
           rushes_gif_palette_get_n_colors (palette), rushes_gif_writer_get_n_frames (writer));

  return rushes_gif_writer_finish (writer, end_time, cancellable, error) &&
         g_output_stream_close (stream, cancellable, error);
}

/* The job */

/* Reserves a hidden name beside the destination: the rename at the end
 * then stays within one folder, and one file system. */
static gboolean
create_temp (ExportData    *data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (data->destination);
  g_autofree char *basename = g_file_get_basename (data->destination);

  if (parent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” is not in a folder"), basename);
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
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("The folder “%s” does not exist"), folder);
          else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
            g_set_error (error, G_IO_ERROR, local_error->code,
                         _("You cannot save files in “%s”"), folder);
          else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         /* Translators: a folder, then the reason */
                         _("Nothing can be saved in “%s”: %s"), folder, local_error->message);
          return FALSE;
        }
    }
}

static gboolean
export_run (GTask       *task,
            ExportData  *data,
            GError     **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean overwrite = (data->flags & RUSHES_EXPORT_FLAGS_OVERWRITE) != 0;
  gboolean ok = FALSE;

  /* Before any work: an hour's GIF must not end in “file exists”. */
  if (!overwrite && g_file_query_exists (data->destination, cancellable))
    {
      g_autofree char *name = display_name (data->destination);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), name);
      return FALSE;
    }

  if (!require_elements (data->format, error) ||
      !probe_video (data->video, &data->probe, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !create_temp (data, cancellable, error))
    return FALSE;

  g_debug ("Exporting %s as %s (%d×%d, %" G_GINT64_FORMAT " ms)", data->uri,
           format_name (data->format), data->probe.width, data->probe.height,
           data->probe.duration / GST_MSECOND);

  switch (data->format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      ok = export_mp4 (task, data, error);
      break;
    case RUSHES_EXPORT_FORMAT_PNG:
      ok = export_png (task, data, error);
      break;
    case RUSHES_EXPORT_FORMAT_GIF:
      ok = export_gif (task, data, error);
      break;
    case RUSHES_EXPORT_FORMAT_WEBM:
      ok = export_webm (task, data, error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* A pipeline stopped by cancellation may still have ended cleanly. */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  if (ok)
    ok = g_file_move (data->temp, data->destination,
                      overwrite ? G_FILE_COPY_OVERWRITE : G_FILE_COPY_NONE,
                      cancellable, NULL, NULL, error);

  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (export_run (task, data, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (data->temp != NULL)
    {
      g_autoptr(GError) delete_error = NULL;

      if (!g_file_delete (data->temp, NULL, &delete_error) &&
          !g_error_matches (delete_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Cannot remove %s: %s", g_file_peek_path (data->temp), delete_error->message);
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *video = task_data;
  VideoProbe *probe = g_new0 (VideoProbe, 1);
  g_autoptr(GError) error = NULL;

  if (!probe_video (video, probe, &error))
    {
      g_free (probe);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, probe, g_free);
}

/**
 * rushes_export_metadata_init_for_task:
 * @meta: (out caller-allocates): the metadata to fill
 * @task: a task of the library
 *
 * What every export of @task carries, whoever makes it (the app's Export
 * and `rushes-cli export` alike): the prompt as the title, the model id as
 * the comment, its settings (seed included) as the description, and the
 * poster frame for a PNG. @meta borrows @task's strings: use it while
 * @task is alive, then rushes_export_metadata_clear().
 */
void
rushes_export_metadata_init_for_task (RushesExportMetadata *meta,
                                      RushesTask           *task)
{
  g_return_if_fail (meta != NULL);
  g_return_if_fail (RUSHES_IS_TASK (task));

  meta->title = rushes_task_get_prompt (task);
  meta->comment = rushes_task_get_model_id (task);
  meta->frame_position = -1;
  meta->settings = rushes_settings_for_task (task);
}

/**
 * rushes_export_metadata_clear:
 *
 * Frees what rushes_export_metadata_init_for_task() made.
 */
void
rushes_export_metadata_clear (RushesExportMetadata *meta)
{
  g_return_if_fail (meta != NULL);

  g_clear_pointer (&meta->settings, g_free);
}

/**
 * rushes_export_format_get_extension:
 *
 * Returns: the file name extension for @format, without the dot
 */
const char *
rushes_export_format_get_extension (RushesExportFormat format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return "mp4";
    case RUSHES_EXPORT_FORMAT_PNG:
      return "png";
    case RUSHES_EXPORT_FORMAT_GIF:
      return "gif";
    case RUSHES_EXPORT_FORMAT_WEBM:
      return "webm";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rushes_export_format_get_mime_type:
 *
 * Returns: the media type of files in @format
 */
const char *
rushes_export_format_get_mime_type (RushesExportFormat format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return "video/mp4";
    case RUSHES_EXPORT_FORMAT_PNG:
      return "image/png";
    case RUSHES_EXPORT_FORMAT_GIF:
      return "image/gif";
    case RUSHES_EXPORT_FORMAT_WEBM:
      return "video/webm";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rushes_exporter_export_async:
 * @video: the clip
 * @destination: the file to write
 * @format: what to write
 * @flags: whether an existing @destination may be replaced
 * @meta: (nullable): tags, and the frame for PNG
 * @progress_func: (nullable): told how far the export is, in the caller's
 *   thread-default main context
 * @progress_data: for @progress_func; must stay valid until @callback runs
 *
 * Exports @video off the main thread. The result appears at @destination
 * only when complete; on failure or cancellation nothing is left behind.
 * Fails with %G_IO_ERROR_EXISTS when @destination exists and @flags lack
 * %RUSHES_EXPORT_FLAGS_OVERWRITE, with %RUSHES_MEDIA_ERROR_MISSING_PLUGIN
 * naming the element and its Debian package when GStreamer lacks one, and
 * with %G_IO_ERROR_CANCELLED when @cancellable is cancelled.
 */
void
rushes_exporter_export_async (GFile                      *video,
                              GFile                      *destination,
                              RushesExportFormat          format,
                              RushesExportFlags           flags,
                              const RushesExportMetadata *meta,
                              RushesExportProgressFunc    progress_func,
                              gpointer                    progress_data,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ExportData) data = NULL;

  g_return_if_fail (G_IS_FILE (video));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (format >= RUSHES_EXPORT_FORMAT_MP4 && format <= RUSHES_EXPORT_FORMAT_WEBM);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_gstreamer ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_exporter_export_async);

  data = g_new0 (ExportData, 1);
  g_mutex_init (&data->mutex);
  data->video = g_object_ref (video);
  data->destination = g_object_ref (destination);
  data->uri = g_file_get_uri (video);
  data->format = format;
  data->flags = flags;
  data->title = meta != NULL ? g_strdup (meta->title) : NULL;
  data->comment = meta != NULL ? g_strdup (meta->comment) : NULL;
  data->settings = meta != NULL ? g_strdup (meta->settings) : NULL;
  data->frame_position = meta != NULL ? meta->frame_position : -1;
  data->progress_func = progress_func;
  data->progress_data = progress_data;
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) export_data_free);

  g_task_run_in_thread (task, export_thread);
}

gboolean
rushes_exporter_export_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_exporter_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rushes_exporter_probe_async:
 *
 * Reads what rushes_exporter_estimate_size() needs to know about @video,
 * off the main thread.
 */
void
rushes_exporter_probe_async (GFile               *video,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (video));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_gstreamer ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_exporter_probe_async);
  g_task_set_task_data (task, g_object_ref (video), g_object_unref);
  g_task_run_in_thread (task, probe_thread);
}

/**
 * rushes_exporter_probe_finish:
 * @duration: (out) (optional): in nanoseconds; 0 when unknown
 * @width: (out) (optional): the display width, pixel aspect ratio applied
 * @height: (out) (optional): the height
 * @has_audio: (out) (optional): whether the clip has sound
 */
gboolean
rushes_exporter_probe_finish (GAsyncResult  *result,
                              gint64        *duration,
                              int           *width,
                              int           *height,
                              gboolean      *has_audio,
                              GError       **error)
{
  g_autofree VideoProbe *probe = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_exporter_probe_async, FALSE);

  probe = g_task_propagate_pointer (G_TASK (result), error);
  if (probe == NULL)
    return FALSE;

  if (duration != NULL)
    *duration = probe->duration;
  if (width != NULL)
    *width = probe->width;
  if (height != NULL)
    *height = probe->height;
  if (has_audio != NULL)
    *has_audio = probe->has_audio;

  return TRUE;
}

/**
 * rushes_exporter_get_gif_size:
 *
 * The size of the GIF made of a clip of @width × @height: the same shape,
 * at most %RUSHES_EXPORT_GIF_MAX_SIZE pixels on the longer side, never
 * larger than the clip.
 */
void
rushes_exporter_get_gif_size (int  width,
                              int  height,
                              int *gif_width,
                              int *gif_height)
{
  double scale;

  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (gif_width != NULL && gif_height != NULL);

  scale = MIN (1.0, (double) RUSHES_EXPORT_GIF_MAX_SIZE / MAX (width, height));
  *gif_width = MAX (1, (int) round (width * scale));
  *gif_height = MAX (1, (int) round (height * scale));
}

/**
 * rushes_exporter_estimate_size:
 * @duration: the clip's duration, in nanoseconds
 * @width: its display width
 * @height: its height
 *
 * Estimates the size of an export before it is made, for the user to
 * choose a format.
 *
 * WebM follows from the bitrates the exporter asks for: video at 1.5 bits
 * per second per pixel of the frame (at least 150 kb/s, at most 12 Mb/s),
 * Opus at 96 kb/s, and 2 % for the container; VP9 holds its target within
 * a few per cent over a clip, less when the picture is simple.
 *
 * GIF counts %RUSHES_EXPORT_GIF_FPS frames a second at the GIF's size
 * (rushes_exporter_get_gif_size()) at 0.35 bytes per pixel, measured on
 * generated footage after the palette and LZW; a still background takes
 * less, film grain and noise more (up to about 1 byte).
 *
 * PNG is 1.5 bytes per pixel, typical of a photographic frame.
 *
 * Returns: the estimated size in bytes; 0 for MP4, which is a copy as big
 *   as the clip
 */
guint64
rushes_exporter_estimate_size (gint64             duration,
                               int                width,
                               int                height,
                               RushesExportFormat format)
{
  double seconds = MAX (duration, 0) / (double) GST_SECOND;

  g_return_val_if_fail (width > 0 && height > 0, 0);

  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return 0;

    case RUSHES_EXPORT_FORMAT_PNG:
      return (guint64) (width * (double) height * PNG_BYTES_PER_PIXEL) + 1024;

    case RUSHES_EXPORT_FORMAT_GIF:
      {
        int gif_width, gif_height;
        double frames = MAX (1.0, ceil (seconds * RUSHES_EXPORT_GIF_FPS));

        rushes_exporter_get_gif_size (width, height, &gif_width, &gif_height);
        /* Header, palette and the looping extension */
        return (guint64) (frames * gif_width * gif_height * GIF_BYTES_PER_PIXEL) + 1024;
      }

    case RUSHES_EXPORT_FORMAT_WEBM:
      {
        double bitrate = webm_video_bitrate (width, height) + WEBM_AUDIO_BITRATE;

        return (guint64) (seconds * bitrate / 8 * WEBM_OVERHEAD) + 4096;
      }

    default:
      g_return_val_if_reached (0);
    }
}
