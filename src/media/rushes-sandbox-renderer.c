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

#define G_LOG_DOMAIN "rushes-sandbox-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/app/app.h>

#include "rushes-core.h"
#include "rushes-sandbox-renderer-private.h"

/*
 * Two pipelines, both driven from the caller's main context through their
 * bus (the scenes and the sound are in rushes-sandbox-*.c):
 *
 * decode (only with a start image, whose bytes are read with GIO first):
 *   appsrc (PNG/JPEG/WebP bytes) ! pngdec|jpegdec|webpdec ! videoconvert
 *     ! BGRA ! appsink
 *
 * render:
 *   appsrc (small drifting gradient) ! videoconvert ! videoscale
 *   or appsrc (Ken Burns: crops of the picture, scaled)
 *     ! textoverlay (prompt) ! textoverlay (caption) ! queue ! videoconvert
 *     ! openh264enc ! h264parse ! mp4mux ! filesink (temporary file)
 *   audiotestsrc ×6 (sines of a Cmaj9 chord, each swelling slowly)
 *     ! audiomixer ! volume (fades) ! audioconvert ! avenc_aac ! aacparse ! mp4mux
 *
 * The frames are painted in appsrc callbacks on their streaming thread, from
 * state that the appsrc owns and nothing else touches. The compositor is not
 * used for the Ken Burns effect: in 1.22 it only accepts inputs of the output
 * size, and a crop per frame of a larger picture stays sharp.
 */

#define PROGRESS_INTERVAL_MS     100
#define MIN_SIZE                 16
#define MAX_SIZE                 4096
#define MAX_DURATION             120
#define FILE_WRITTEN_MESSAGE     "rushes-sandbox-file-written"

typedef struct
{
  const char *element;
  const char *package;
} ElementPackage;

static const ElementPackage element_packages[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "appsink", "gstreamer1.0-plugins-base" },
  { "audioconvert", "gstreamer1.0-plugins-base" },
  { "audiomixer", "gstreamer1.0-plugins-base" },
  { "audiotestsrc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "videoscale", "gstreamer1.0-plugins-base" },
  { "volume", "gstreamer1.0-plugins-base" },
  { "textoverlay", "gstreamer1.0-x" },
  { "aacparse", "gstreamer1.0-plugins-good" },
  { "jpegdec", "gstreamer1.0-plugins-good" },
  { "mp4mux", "gstreamer1.0-plugins-good" },
  { "pngdec", "gstreamer1.0-plugins-good" },
  { "h264parse", "gstreamer1.0-plugins-bad" },
  { "openh264enc", "gstreamer1.0-plugins-bad" },
  { "voaacenc", "gstreamer1.0-plugins-bad" },
  { "webpdec", "gstreamer1.0-plugins-bad" },
  { "x264enc", "gstreamer1.0-plugins-ugly" },
  { "avenc_aac", "gstreamer1.0-libav" },
  { "capsfilter", "libgstreamer1.0-0" },
  { "filesink", "libgstreamer1.0-0" },
  { "queue", "libgstreamer1.0-0" },
};

/* The first one is named when none is installed. */
static const char * const h264_encoders[] = { "openh264enc", "x264enc", NULL };

void
_rushes_sandbox_job_stop_pipeline (RushesSandboxJob *data)
{
  if (data->bus_source != NULL)
    {
      g_source_destroy (data->bus_source);
      g_clear_pointer (&data->bus_source, g_source_unref);
    }

  data->appsink = NULL;
  data->mux = NULL;
  data->filesink = NULL;

  if (data->pipeline != NULL)
    {
      gst_element_set_state (data->pipeline, GST_STATE_NULL);
      gst_clear_object (&data->pipeline);
    }
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
render_data_free (RushesSandboxJob *data)
{
  _rushes_sandbox_job_stop_pipeline (data);
  clear_source (&data->progress_source);
  clear_source (&data->cancel_source);

  if (data->temp != NULL)
    g_unlink (g_file_peek_path (data->temp));

  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);

  g_clear_object (&data->temp);
  g_clear_error (&data->commit_error);
  g_clear_pointer (&data->picture, gst_sample_unref);
  g_clear_object (&data->image);
  g_clear_object (&data->output);
  g_clear_pointer (&data->prompt, g_free);
  g_free (data);
}

static const char *
package_for_element (const char *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_packages); i++)
    {
      if (g_str_equal (element_packages[i].element, element))
        return element_packages[i].package;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
set_missing_element_error (GError     **error,
                           const char  *element)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("The GStreamer element %s (%s) is not installed"),
               element, package_for_element (element));
}

GstElement *
_rushes_sandbox_add_element (GstElement  *bin,
                             const char  *factory,
                             GError     **error)
{
  GstElement *element;

  element = gst_element_factory_make (factory, NULL);
  if (element == NULL)
    {
      set_missing_element_error (error, factory);
      return NULL;
    }

  gst_bin_add (GST_BIN (bin), element);

  return element;
}

GstElement *
_rushes_sandbox_add_first_available (GstElement          *bin,
                                     const char * const  *factories,
                                     GError             **error)
{
  for (guint i = 0; factories[i] != NULL; i++)
    {
      GstElement *element = gst_element_factory_make (factories[i], NULL);

      if (element != NULL)
        {
          gst_bin_add (GST_BIN (bin), element);
          return element;
        }
    }

  set_missing_element_error (error, factories[0]);

  return NULL;
}

GstElement *
_rushes_sandbox_add_capsfilter (GstElement  *bin,
                                const char  *caps_string,
                                GError     **error)
{
  g_autoptr(GstCaps) caps = NULL;
  GstElement *capsfilter;

  if (!(capsfilter = _rushes_sandbox_add_element (bin, "capsfilter", error)))
    return NULL;

  caps = gst_caps_from_string (caps_string);
  g_assert (caps != NULL);
  g_object_set (capsfilter, "caps", caps, NULL);

  return capsfilter;
}

gboolean
_rushes_sandbox_link_elements (GError     **error,
                               GstElement  *first,
                               ...)
{
  GstElement *previous = first;
  GstElement *next;
  va_list args;
  gboolean linked = TRUE;

  va_start (args, first);
  while (linked && (next = va_arg (args, GstElement *)) != NULL)
    {
      if (!gst_element_link (previous, next))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not connect %s to %s"),
                       GST_OBJECT_NAME (previous), GST_OBJECT_NAME (next));
          linked = FALSE;
        }
      previous = next;
    }
  va_end (args);

  return linked;
}

/* For the scenes' painters: pushes @buffer, the picture of frame @frame
 * of @n_frames, stamped with its time, and ends the stream after the
 * last. */
void
_rushes_sandbox_push_frame (GstAppSrc *appsrc,
                            GstBuffer *buffer,
                            guint     *frame,
                            guint      n_frames)
{
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (*frame, GST_SECOND, RUSHES_SANDBOX_FPS);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (*frame + 1, GST_SECOND, RUSHES_SANDBOX_FPS) -
                                 GST_BUFFER_PTS (buffer);
  (*frame)++;

  gst_app_src_push_buffer (appsrc, buffer);

  if (*frame == n_frames)
    gst_app_src_end_of_stream (appsrc);
}

static GstElement *
add_video_encoder (RushesSandboxJob  *data,
                   GstElement        *bin,
                   GError           **error)
{
  /* A preview: ~2.2 Mb/s at 720p, scaled with the picture area. */
  guint bitrate = (guint) CLAMP ((double) data->width * data->height * RUSHES_SANDBOX_FPS * 0.08, 400000.0, 8000000.0);
  GstElement *encoder;

  if (!(encoder = _rushes_sandbox_add_first_available (bin, h264_encoders, error)))
    return NULL;

  if (g_str_equal (GST_OBJECT_NAME (gst_element_get_factory (encoder)), "openh264enc"))
    {
      g_object_set (encoder,
                    "bitrate", bitrate,
                    "gop-size", (guint) (2 * RUSHES_SANDBOX_FPS),
                    NULL);
      gst_util_set_object_arg (G_OBJECT (encoder), "rate-control", "bitrate");
      gst_util_set_object_arg (G_OBJECT (encoder), "complexity", "low");
    }
  else
    {
      g_object_set (encoder,
                    "bitrate", bitrate / 1000,
                    "key-int-max", (guint) (2 * RUSHES_SANDBOX_FPS),
                    NULL);
      gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "veryfast");
    }

  return encoder;
}

/* The pipeline's own EOS can be lost when it races the last state change
 * of a short pipeline; the sink seeing EOS means the file is complete. */
static GstPadProbeReturn
file_written_probe_cb (GstPad          *pad,
                       GstPadProbeInfo *info,
                       gpointer         user_data)
{
  GstElement *sink = user_data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    gst_element_post_message (sink,
                              gst_message_new_application (GST_OBJECT (sink),
                                                           gst_structure_new_empty (FILE_WRITTEN_MESSAGE)));

  return GST_PAD_PROBE_OK;
}

static GstElement *
build_render_pipeline (RushesSandboxJob  *data,
                       GError           **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("sandbox-render");
  g_autofree char *prompt_markup = NULL;
  g_autofree char *caption_markup = NULL;
  g_autoptr(GstPad) sink_pad = NULL;
  GstElement *background, *prompt, *caption, *queue, *convert, *encoder, *parse, *mux, *sink;
  guint n_frames = data->duration * RUSHES_SANDBOX_FPS;
  guint min_side = MIN (data->width, data->height);
  guint margin = (guint) (min_side * 0.035);
  guint caption_px = MAX (11, (guint) (min_side * 0.026));
  guint prompt_px;
  gboolean has_image = data->picture != NULL;
  guint scrim_height = data->height * 45 / 100;

  if (has_image)
    {
      /* Over a picture the prompt sits in the lower third, above the caption. */
      prompt_markup = _rushes_sandbox_layout_prompt (data->prompt, data->width,
                                                     scrim_height - 2 * margin - 2 * caption_px,
                                                     min_side, &prompt_px);
      background = _rushes_sandbox_add_ken_burns (data, pipeline, n_frames, scrim_height, error);
    }
  else
    {
      prompt_markup = _rushes_sandbox_layout_prompt (data->prompt, data->width,
                                                     data->height * 62 / 100, min_side, &prompt_px);
      background = _rushes_sandbox_add_backdrop (data, pipeline, n_frames, error);
    }
  if (background == NULL)
    return NULL;

  caption_markup = g_markup_escape_text (_("Rushes Sandbox · offline preview"), -1);

  if (!(prompt = _rushes_sandbox_add_text_overlay (pipeline, prompt_markup, prompt_px, "Bold",
                                                   0xfff6f5f4, 0, has_image ? 1 : 0,
                                                   margin, has_image ? margin + 2 * caption_px : 0,
                                                   error)) ||
      !(caption = _rushes_sandbox_add_text_overlay (pipeline, caption_markup, caption_px, "Medium",
                                                    0xb3ffffff, 1, 1, margin, margin, error)) ||
      !(queue = _rushes_sandbox_add_element (pipeline, "queue", error)) ||
      !(convert = _rushes_sandbox_add_element (pipeline, "videoconvert", error)) ||
      !(encoder = add_video_encoder (data, pipeline, error)) ||
      !(parse = _rushes_sandbox_add_element (pipeline, "h264parse", error)) ||
      !(mux = _rushes_sandbox_add_element (pipeline, "mp4mux", error)) ||
      !(sink = _rushes_sandbox_add_element (pipeline, "filesink", error)))
    return NULL;

  /* Painting and encoding each get a thread (and a core, on two). */
  g_object_set (queue,
                "max-size-buffers", 8u,
                "max-size-bytes", 0u,
                "max-size-time", (guint64) 0,
                NULL);

  if (!_rushes_sandbox_link_elements (error, background, prompt, caption, queue, convert, encoder,
                                      parse, mux, sink, NULL))
    return NULL;

  if (!_rushes_sandbox_add_audio (data, pipeline, mux, error))
    return NULL;

  sink_pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sink_pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     file_written_probe_cb, sink, NULL);

  data->mux = mux;
  data->filesink = sink;

  return g_steal_pointer (&pipeline);
}

static gboolean
committed_cb (gpointer user_data)
{
  GTask *task = user_data;
  RushesSandboxJob *data = g_task_get_task_data (task);

  /* Renamed into place, or deleted */
  g_clear_object (&data->temp);

  if (data->commit_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->commit_error));
      return G_SOURCE_REMOVE;
    }

  if (data->progress != NULL)
    data->progress (1.0, data->progress_data);

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/* Flushing a whole video to disk can take a while: not on the caller's
 * main context. */
static gpointer
commit_thread (gpointer user_data)
{
  GTask *task = user_data;
  RushesSandboxJob *data = g_task_get_task_data (task);

  rushes_file_commit (data->temp, data->output, TRUE, &data->commit_error);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              committed_cb, task, g_object_unref);

  return NULL;
}

void
_rushes_sandbox_render_complete (GTask  *task,
                                 GError *error)
{
  RushesSandboxJob *data = g_task_get_task_data (task);

  g_assert (!data->done);

  data->done = TRUE;
  _rushes_sandbox_job_stop_pipeline (data);
  clear_source (&data->progress_source);
  clear_source (&data->cancel_source);

  if (error != NULL)
    {
      if (data->temp != NULL)
        g_unlink (g_file_peek_path (data->temp));
      g_clear_object (&data->temp);
      g_task_return_error (task, error);
      return;
    }

  g_thread_unref (g_thread_new ("sandbox-commit", commit_thread, g_object_ref (task)));
}

static GError *
error_from_message (RushesSandboxJob *data,
                    GstMessage       *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  g_autofree char *name = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("%s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
           gst_error->message, debug ? debug : "");

  if (data->stage == RUSHES_SANDBOX_STAGE_DECODE)
    {
      /* GStreamer's own words here ("Internal data stream error") would
       * not help anyone; they are in the debug log. */
      name = g_file_get_parse_name (data->image);
      return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                          _("Could not decode the image “%s”: the file is damaged or not supported"),
                          name);
    }

  if (GST_MESSAGE_SRC (message) == GST_OBJECT (data->filesink) ||
      gst_error->domain == GST_RESOURCE_ERROR)
    {
      name = g_file_get_parse_name (data->output);
      return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                          _("Could not write “%s”: %s"), name, gst_error->message);
    }

  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                      _("Could not render the preview: %s"), gst_error->message);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  GTask *task = user_data;
  RushesSandboxJob *data = g_task_get_task_data (task);

  if (data->done || GST_MESSAGE_SRC (message) == NULL)
    return G_SOURCE_CONTINUE;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      _rushes_sandbox_render_complete (task, error_from_message (data, message));
    }
  else if (data->stage == RUSHES_SANDBOX_STAGE_DECODE &&
           GST_MESSAGE_TYPE (message) == GST_MESSAGE_ASYNC_DONE &&
           GST_MESSAGE_SRC (message) == GST_OBJECT (data->pipeline))
    {
      _rushes_sandbox_decode_finished (task);
    }
  else if (data->stage == RUSHES_SANDBOX_STAGE_RENDER &&
           (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS ||
            gst_message_has_name (message, FILE_WRITTEN_MESSAGE)))
    {
      _rushes_sandbox_render_complete (task, NULL);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  RushesSandboxJob *data = g_task_get_task_data (task);
  gint64 position = 0;
  double fraction;

  if (data->done || data->mux == NULL)
    return G_SOURCE_CONTINUE;

  if (!gst_element_query_position (data->mux, GST_FORMAT_TIME, &position) || position <= 0)
    return G_SOURCE_CONTINUE;

  /* 1.0 is kept for when the file is in place. */
  fraction = 0.99 * CLAMP ((double) position / (data->duration * GST_SECOND), 0.0, 1.0);
  if (fraction > data->last_fraction)
    {
      data->last_fraction = fraction;
      data->progress (fraction, data->progress_data);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  RushesSandboxJob *data = g_task_get_task_data (task);

  if (!data->done)
    _rushes_sandbox_render_complete (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                _("The preview was cancelled")));

  return G_SOURCE_REMOVE;
}

gboolean
_rushes_sandbox_start_pipeline (GTask       *task,
                                GstElement  *pipeline,
                                GstState     target,
                                GError     **error)
{
  RushesSandboxJob *data = g_task_get_task_data (task);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);

  g_assert (data->pipeline == NULL);

  data->pipeline = pipeline;
  data->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (data->bus_source, (GSourceFunc) bus_message_cb,
                         g_object_ref (task), g_object_unref);
  g_source_attach (data->bus_source, g_task_get_context (task));

  if (gst_element_set_state (pipeline, target) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        {
          g_propagate_error (error, error_from_message (data, message));
        }
      else
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not start GStreamer"));
        }
      return FALSE;
    }

  return TRUE;
}

void
_rushes_sandbox_start_render (GTask *task)
{
  RushesSandboxJob *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GstElement *pipeline;

  data->stage = RUSHES_SANDBOX_STAGE_RENDER;

  if (!(pipeline = build_render_pipeline (data, &error)))
    {
      _rushes_sandbox_render_complete (task, g_steal_pointer (&error));
      return;
    }
  /* The Ken Burns painter holds its own reference to the picture. */
  g_clear_pointer (&data->picture, gst_sample_unref);

  /* Next to the output, so the final rename is atomic and a partial file
   * never carries the output's name. */
  data->temp = rushes_file_new_temp_beside (data->output, &error);
  if (data->temp == NULL)
    {
      gst_object_unref (pipeline);
      _rushes_sandbox_render_complete (task, g_steal_pointer (&error));
      return;
    }
  g_object_set (data->filesink, "location", g_file_peek_path (data->temp), NULL);

  g_debug ("Rendering %ux%u, %u s%s", data->width, data->height, data->duration,
           data->image != NULL ? " over a picture" : "");

  if (!_rushes_sandbox_start_pipeline (task, pipeline, GST_STATE_PLAYING, &error))
    {
      _rushes_sandbox_render_complete (task, g_steal_pointer (&error));
      return;
    }

  if (data->progress != NULL)
    {
      data->progress_source = g_timeout_source_new (PROGRESS_INTERVAL_MS);
      g_source_set_callback (data->progress_source, progress_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (data->progress_source, g_task_get_context (task));
    }
}

/**
 * rushes_sandbox_render_async:
 * @prompt: the text shown on screen
 * @image: (nullable): a JPEG, PNG or WebP start image, panned and zoomed
 * @width: the frame width, even
 * @height: the frame height, even
 * @duration_seconds: the clip length
 * @output: the local .mp4 file to write
 * @progress: (nullable): called with the fraction done
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data when the task is done
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Renders the Sandbox provider's offline preview; see the header.
 */
void
rushes_sandbox_render_async (const char                *prompt,
                             GFile                     *image,
                             guint                      width,
                             guint                      height,
                             guint                      duration_seconds,
                             GFile                     *output,
                             RushesSandboxProgressFunc  progress,
                             gpointer                   progress_data,
                             GDestroyNotify             progress_destroy,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RushesSandboxJob *data;

  g_return_if_fail (prompt != NULL);
  g_return_if_fail (image == NULL || G_IS_FILE (image));
  g_return_if_fail (G_IS_FILE (output));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_sandbox_render_async);
  /* Once the file is renamed into place the render succeeded, whatever
   * happens to the cancellable afterwards. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (RushesSandboxJob, 1);
  data->prompt = g_strdup (prompt);
  data->image = image != NULL ? g_object_ref (image) : NULL;
  data->output = g_object_ref (output);
  data->width = width;
  data->height = height;
  data->duration = duration_seconds;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  data->stage = RUSHES_SANDBOX_STAGE_LOAD;
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);

  if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE ||
      width % 2 != 0 || height % 2 != 0)
    {
      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The size %u×%u is not supported: width and height must be even, from %u to %u"),
                               width, height, MIN_SIZE, MAX_SIZE);
      return;
    }

  if (duration_seconds < 1 || duration_seconds > MAX_DURATION)
    {
      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The duration %u s is not supported: choose 1 to %u s"),
                               duration_seconds, MAX_DURATION);
      return;
    }

  if (g_file_peek_path (output) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (output);

      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Could not write “%s”: only local files are supported"), name);
      return;
    }

  if (!gst_init_check (NULL, NULL, &error))
    {
      data->done = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Could not start GStreamer: %s"), error->message);
      return;
    }

  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, (GSourceFunc) cancelled_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }

  if (image != NULL)
    _rushes_sandbox_load_image (task);
  else
    _rushes_sandbox_start_render (task);
}

/**
 * rushes_sandbox_render_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the video is in place
 */
gboolean
rushes_sandbox_render_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_sandbox_render_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
