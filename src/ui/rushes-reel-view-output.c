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

#define G_LOG_DOMAIN "rushes-reel-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-exporter.h"
#include "rushes-mlt-writer.h"
#include "rushes-otio-writer.h"
#include "rushes-reel-timeline.h"
#include "rushes-reel-view-private.h"

/* What the reel view makes of the open reel: the reel played as one piece
 * in the preview (a GES pipeline the window hands to the player), a video
 * rendered off the main thread with its progress in a banner and a Cancel
 * button, the hand-off to editors (OpenTimelineIO, MLT), and the next
 * shot's start image from the reel's last frame. Each first resolves the
 * reel's clips afresh: a clip deleted meanwhile is a gap, and says so. */

typedef void (*ResolvedFunc) (RushesReelView *self,
                              GPtrArray      *clips,
                              gpointer        data);

typedef struct
{
  RushesReelView *self;
  ResolvedFunc    func;
  gpointer        data;
  GDestroyNotify  destroy;
} Resolve;

static void
resolve_free (Resolve *resolve)
{
  if (resolve->destroy != NULL)
    resolve->destroy (resolve->data);
  g_clear_object (&resolve->self);
  g_free (resolve);
}

static void
end_pending (RushesReelView *self)
{
  g_assert (self->pending > 0);
  self->pending--;
}

static void
report (RushesReelView *self,
        const GError   *error)
{
  g_debug ("%s", error->message);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _rushes_reel_view_toast (self, error->message);
}

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Resolve *resolve = user_data;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total;

  /* A gap or a crossfade that does not fit is said before any work. */
  clips = rushes_reel_clip_resolve_finish (result, &error);
  if (clips != NULL && !rushes_reel_clip_layout (clips, RUSHES_REEL_LAYOUT_STRICT, NULL, &total, &error))
    g_clear_pointer (&clips, g_ptr_array_unref);

  if (clips == NULL)
    report (resolve->self, error);
  resolve->func (resolve->self, clips, resolve->data);
  resolve_free (resolve);
}

/* Calls @func with the open reel's clips, resolved and laid out, or with
 * %NULL once the reason is told. */
static void
resolve_reel (RushesReelView *self,
              ResolvedFunc    func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  Resolve *resolve = g_new0 (Resolve, 1);

  resolve->self = g_object_ref (self);
  resolve->func = func;
  resolve->data = data;
  resolve->destroy = destroy;
  rushes_reel_clip_resolve_async (self->reel, self->library, self->cancellable, resolved_cb, resolve);
}

static char *
reel_file_name (RushesReelView *self,
                const char     *extension)
{
  g_autofree char *name = g_strdup (rushes_reel_get_name (self->reel));

  g_strdelimit (name, "/\\", '_');
  return g_strconcat (name[0] != '\0' ? name : _("Reel"), ".", extension, NULL);
}

/* Play --------------------------------------------------------------------- */

static void
preview_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RushesReelView) self = user_data;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GError) error = NULL;

  end_pending (self);
  pipeline = rushes_reel_preview_new_finish (result, NULL, &error);
  if (pipeline == NULL)
    {
      report (self, error);
      return;
    }

  g_signal_emit (self, _rushes_reel_view_signals[REEL_VIEW_PLAY_PIPELINE], 0, pipeline,
                 self->reel != NULL ? rushes_reel_get_name (self->reel) : "");
}

static void
play_resolved (RushesReelView *self,
               GPtrArray      *clips,
               gpointer        data)
{
  if (clips == NULL)
    {
      end_pending (self);
      return;
    }

  rushes_reel_preview_new_async (clips, NULL, self->cancellable, preview_ready_cb, g_object_ref (self));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);

  if (self->reel == NULL)
    return;

  self->pending++;
  resolve_reel (self, play_resolved, NULL, NULL);
}

/* Next shot ---------------------------------------------------------------- */

typedef struct
{
  RushesReelView *self;
  GFile          *frame;
} FrameData;

static void
frame_data_free (FrameData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->frame);
  g_free (data);
}

static void
frame_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FrameData *data = user_data;
  g_autoptr(GError) error = NULL;

  end_pending (data->self);
  if (rushes_exporter_export_finish (result, &error))
    g_signal_emit (data->self, _rushes_reel_view_signals[REEL_VIEW_USE_FRAME], 0, data->frame);
  else
    report (data->self, error);

  frame_data_free (data);
}

typedef struct
{
  GFile  *video;
  gint64  position;     /* ns */
  char   *title;
  char   *comment;
} FrameGrab;

static void
frame_grab_free (FrameGrab *grab)
{
  g_clear_object (&grab->video);
  g_free (grab->title);
  g_free (grab->comment);
  g_free (grab);
}

/* The frames folder may be new: made off the main thread. */
static void
make_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GFile) folder = g_file_get_parent (source_object);
  g_autoptr(GError) error = NULL;

  if (!g_file_make_directory_with_parents (folder, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
folder_made_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FrameData *data = user_data;
  FrameGrab *grab = g_task_get_task_data (G_TASK (result));
  RushesExportMetadata meta = { grab->title, grab->comment, grab->position, NULL };
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      end_pending (data->self);
      report (data->self, error);
      frame_data_free (data);
      return;
    }

  rushes_exporter_export_async (grab->video, data->frame, RUSHES_EXPORT_FORMAT_PNG,
                                RUSHES_EXPORT_FLAGS_OVERWRITE, &meta, NULL, NULL, data->self->cancellable,
                                frame_written_cb, data);
}

/* The last frame the reel shows: its last clip's, trimmed. */
static void
next_shot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);
  g_autoptr(GTask) task = NULL;
  RushesReelEntry *last;
  const RushesReelClip *probe;
  RushesTask *library_task;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  FrameGrab *grab;
  FrameData *data;
  gint64 end, frame;
  guint n;

  n = self->reel != NULL ? rushes_reel_get_n_entries (self->reel) : 0;
  if (n == 0)
    return;

  last = rushes_reel_get_entry (self->reel, n - 1);
  library_task = _rushes_reel_view_lookup_task (self, last);
  probe = _rushes_reel_view_lookup_probe (self, rushes_reel_entry_get_task_id (last));
  if (library_task == NULL || probe == NULL)
    return;

  end = rushes_reel_entry_get_out_point (last) >= 0 ? MIN (rushes_reel_entry_get_out_point (last), probe->duration)
                                                    : probe->duration;
  frame = probe->fps_n > 0 && probe->fps_d > 0 ? G_TIME_SPAN_SECOND * probe->fps_d / probe->fps_n
                                               : G_TIME_SPAN_SECOND / 30;

  /* A new file each time: an earlier frame may still be in a draft. */
  basename = g_strdup_printf ("reel-%s-last-%" G_GINT64_FORMAT ".png", rushes_reel_get_id (self->reel),
                              g_get_real_time ());
  path = g_build_filename (g_get_user_state_dir (), "rushes", "frames", basename, NULL);

  data = g_new0 (FrameData, 1);
  data->self = g_object_ref (self);
  data->frame = g_file_new_for_path (path);

  grab = g_new0 (FrameGrab, 1);
  grab->video = g_object_ref (rushes_task_get_video_file (library_task));
  grab->position = MAX (end - frame, 0) * 1000;
  grab->title = g_strdup (rushes_task_get_prompt (library_task));
  grab->comment = g_strdup (rushes_task_get_model_id (library_task));

  self->pending++;
  task = g_task_new (data->frame, self->cancellable, folder_made_cb, data);
  g_task_set_source_tag (task, next_shot_action);
  g_task_set_task_data (task, grab, (GDestroyNotify) frame_grab_free);
  g_task_run_in_thread (task, make_folder_thread);
}

/* Render ------------------------------------------------------------------- */

typedef struct
{
  GFile            *destination;
  RushesReelFormat  format;
} RenderRequest;

static void
render_request_free (RenderRequest *request)
{
  g_clear_object (&request->destination);
  g_free (request);
}

static void
render_progress_cb (double   fraction,
                    gpointer user_data)
{
  RushesReelView *self = user_data;

  /* Not after the view is gone (the render is cancelled then) */
  if (self->render_progress != NULL)
    gtk_progress_bar_set_fraction (self->render_progress, fraction);
}

static void
render_finished (RushesReelView *self)
{
  self->rendering = FALSE;
  g_clear_object (&self->render_cancellable);
  if (self->render_revealer == NULL)
    return;
  gtk_revealer_set_reveal_child (self->render_revealer, FALSE);
  _rushes_reel_view_sync_actions (self);
}

typedef struct
{
  RushesReelView *self;
  char           *name;
} RenderDone;

static void
rendered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RenderDone *done = user_data;
  RushesReelView *self = done->self;
  g_autofree char *video_encoder = NULL;
  g_autoptr(GError) error = NULL;

  render_finished (self);
  if (!rushes_reel_renderer_render_finish (result, &video_encoder, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rushes_reel_view_toast (self, _("Render cancelled: nothing was written"));
      else
        _rushes_reel_view_toast (self, error->message);
    }
  else
    {
      /* Translators: a file name */
      g_autofree char *text = g_strdup_printf (_("Rendered “%s”"), done->name);
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      g_debug ("Rendered %s with %s", done->name, video_encoder);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
    }

  g_object_unref (done->self);
  g_free (done->name);
  g_free (done);
}

static void
render_resolved (RushesReelView *self,
                 GPtrArray      *clips,
                 gpointer        data)
{
  RenderRequest *request = data;
  RushesReelRenderOptions options = {
    .format = request->format,
    /* The file chooser asked about replacing it */
    .flags = RUSHES_REEL_RENDER_FLAGS_OVERWRITE,
  };
  RenderDone *done;

  if (clips == NULL || self->render_cancellable == NULL || g_cancellable_is_cancelled (self->render_cancellable))
    {
      if (clips != NULL)
        _rushes_reel_view_toast (self, _("Render cancelled: nothing was written"));
      render_finished (self);
      return;
    }

  done = g_new0 (RenderDone, 1);
  done->self = g_object_ref (self);
  done->name = g_file_get_basename (request->destination);
  /* The progress goes to the view, which the callback's data keeps. */
  rushes_reel_renderer_render_async (clips, request->destination, &options, render_progress_cb, self,
                                     self->render_cancellable, rendered_cb, done);
}

/**
 * rushes_reel_view_render:
 * @destination: the video to write; replaced if it exists
 * @format: MP4 or WebM
 *
 * Renders the open reel off the main thread; a banner shows the progress
 * and a Cancel button, a toast the outcome.
 */
void
rushes_reel_view_render (RushesReelView   *self,
                         GFile            *destination,
                         RushesReelFormat  format)
{
  RenderRequest *request;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (RUSHES_IS_REEL_VIEW (self));
  g_return_if_fail (G_IS_FILE (destination));

  if (self->reel == NULL || self->rendering)
    return;

  name = g_file_get_basename (destination);
  /* Translators: a file name */
  label = g_strdup_printf (_("Rendering “%s”…"), name);
  gtk_label_set_label (self->render_label, label);
  gtk_progress_bar_set_fraction (self->render_progress, 0);
  gtk_revealer_set_reveal_child (self->render_revealer, TRUE);

  self->rendering = TRUE;
  self->render_cancellable = g_cancellable_new ();
  _rushes_reel_view_sync_actions (self);

  request = g_new0 (RenderRequest, 1);
  request->destination = g_object_ref (destination);
  request->format = format;
  resolve_reel (self, render_resolved, request, (GDestroyNotify) render_request_free);
}

static void
cancel_render_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);

  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
}

/* Export for editors ------------------------------------------------------- */

typedef struct
{
  GFile *destination;
  char  *kind;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->destination);
  g_free (request->kind);
  g_free (request);
}

typedef struct
{
  RushesReelView *self;
  ExportRequest  *request;
} ExportDone;

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportDone *done = user_data;
  gboolean otio = g_str_equal (done->request->kind, "otio");
  g_autoptr(GError) error = NULL;
  gboolean written;

  end_pending (done->self);
  written = otio ? rushes_otio_writer_write_finish (result, &error) : rushes_mlt_writer_write_finish (result, &error);
  if (written)
    {
      g_autofree char *name = g_file_get_basename (done->request->destination);
      /* Translators: a file name, then the editors that open it */
      g_autofree char *text = g_strdup_printf (otio ? _("Exported “%s”: open it in Kdenlive or DaVinci Resolve")
                                                    : _("Exported “%s”: open it in Shotcut"), name);

      _rushes_reel_view_toast (done->self, text);
    }
  else
    report (done->self, error);

  g_object_unref (done->self);
  export_request_free (done->request);
  g_free (done);
}

static void
export_resolved (RushesReelView *self,
                 GPtrArray      *clips,
                 gpointer        data)
{
  ExportRequest *request = data;
  ExportDone *done;

  if (clips == NULL)
    {
      end_pending (self);
      return;
    }

  done = g_new0 (ExportDone, 1);
  done->self = g_object_ref (self);
  done->request = g_new0 (ExportRequest, 1);
  done->request->destination = g_object_ref (request->destination);
  done->request->kind = g_strdup (request->kind);

  if (g_str_equal (request->kind, "otio"))
    rushes_otio_writer_write_async (clips, rushes_reel_get_name (self->reel), RUSHES_REEL_LAYOUT_STRICT,
                                    request->destination, self->cancellable, exported_cb, done);
  else
    rushes_mlt_writer_write_async (clips, rushes_reel_get_name (self->reel), NULL,
                                   request->destination, self->cancellable, exported_cb, done);
}

/**
 * rushes_reel_view_export:
 * @destination: the file to write; replaced if it exists
 * @kind: “otio” (OpenTimelineIO: Kdenlive, DaVinci Resolve) or “mlt”
 *   (Shotcut)
 *
 * Hands the open reel to an editor.
 */
void
rushes_reel_view_export (RushesReelView *self,
                         GFile          *destination,
                         const char     *kind)
{
  ExportRequest *request;

  g_return_if_fail (RUSHES_IS_REEL_VIEW (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (g_strcmp0 (kind, "otio") == 0 || g_strcmp0 (kind, "mlt") == 0);

  if (self->reel == NULL)
    return;

  request = g_new0 (ExportRequest, 1);
  request->destination = g_object_ref (destination);
  request->kind = g_strdup (kind);
  self->pending++;
  resolve_reel (self, export_resolved, request, (GDestroyNotify) export_request_free);
}

/* File choosers ------------------------------------------------------------ */

/* The chosen file, with the extension of what is written. */
static GFile *
with_extension (GFile      *file,
                const char *extension)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (basename, -1);
  g_autofree char *suffix = g_strconcat (".", extension, NULL);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  char *dot;

  if (g_str_has_suffix (lower, suffix) || parent == NULL)
    return g_object_ref (file);

  /* “reel.mp4” chosen with WebM ticked is “reel.webm” */
  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename &&
      (g_str_equal (dot, ".mp4") || g_str_equal (dot, ".webm") || g_str_equal (dot, ".otio") || g_str_equal (dot, ".mlt")))
    *dot = '\0';

  {
    g_autofree char *name = g_strconcat (basename, suffix, NULL);

    return g_file_get_child (parent, name);
  }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     RushesReelView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) destination = NULL;
  const char *kind = g_object_get_data (G_OBJECT (chooser), "kind");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && g_str_equal (kind, "video"))
    {
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
      RushesReelFormat format = g_strcmp0 (choice, "webm") == 0 ? RUSHES_REEL_FORMAT_WEBM : RUSHES_REEL_FORMAT_MP4;

      destination = with_extension (file, rushes_reel_format_get_extension (format));
      rushes_reel_view_render (self, destination, format);
    }
  else if (file != NULL)
    {
      destination = with_extension (file, kind);
      rushes_reel_view_export (self, destination, kind);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
choose_file (RushesReelView *self,
             const char     *kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *title;

  if (self->chooser != NULL || self->reel == NULL)
    return;

  if (g_str_equal (kind, "video"))
    {
      const char *formats[] = { "mp4", "webm", NULL };
      const char *labels[] = { _("MP4 (H.264 and AAC)"), _("WebM (VP9 and Opus)"), NULL };

      title = _("Render Reel");
      name = reel_file_name (self, "mp4");
      gtk_file_filter_set_name (filter, _("Videos"));
      gtk_file_filter_add_suffix (filter, "mp4");
      gtk_file_filter_add_suffix (filter, "webm");
      self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Render"), _("_Cancel"));
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "format", _("Format"), formats, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "format", "mp4");
    }
  else
    {
      gboolean otio = g_str_equal (kind, "otio");

      title = otio ? _("Export Reel as OpenTimelineIO") : _("Export Reel as MLT");
      name = reel_file_name (self, kind);
      gtk_file_filter_set_name (filter, otio ? _("OpenTimelineIO Timelines") : _("MLT Projects"));
      gtk_file_filter_add_suffix (filter, kind);
      self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data_full (G_OBJECT (self->chooser), "kind", g_strdup (kind), g_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
render_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (RUSHES_REEL_VIEW (widget), "video");
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *kind = g_variant_get_string (parameter, NULL);

  if (g_str_equal (kind, "otio") || g_str_equal (kind, "mlt"))
    choose_file (RUSHES_REEL_VIEW (widget), kind);
}

/* For the view ------------------------------------------------------------- */

void
_rushes_reel_view_output_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reel.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "reel.next-shot", NULL, next_shot_action);
  gtk_widget_class_install_action (widget_class, "reel.render", NULL, render_action);
  gtk_widget_class_install_action (widget_class, "reel.cancel-render", NULL, cancel_render_action);
  gtk_widget_class_install_action (widget_class, "reel.export", "s", export_action);
}

void
_rushes_reel_view_output_dispose (RushesReelView *self)
{
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
}

/**
 * rushes_reel_view_get_busy:
 *
 * Returns: whether a render, a hand-off, a play or a frame grab is under
 *   way
 */
gboolean
rushes_reel_view_get_busy (RushesReelView *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_VIEW (self), FALSE);

  return self->rendering || self->pending > 0;
}
