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

#define G_LOG_DOMAIN "rushes-export-dialog"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rushes-export-dialog-private.h"

/*
 * Export Clip: the clip at the top, a format below with what it will
 * weigh, then a file chooser (the portal's, under Flatpak), then progress
 * until the file is written. The dialog closes itself at the end and
 * leaves the telling to its parent: ::exported or ::failed, for a toast.
 */

/* A name the user recognises without being the whole prompt */
#define NAME_MAX_WORDS 6
#define NAME_MAX_CHARS 40

struct _RushesExportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkButton            *export_button;
  GtkStack             *stack;
  GtkStack             *thumbnail_stack;
  GtkPicture           *picture;
  GtkLabel             *prompt_label;
  GtkLabel             *details_label;
  AdwActionRow         *png_row;
  AdwActionRow         *gif_row;
  GtkCheckButton       *mp4_check;
  GtkCheckButton       *png_check;
  GtkCheckButton       *gif_check;
  GtkCheckButton       *webm_check;
  GtkLabel             *mp4_size_label;
  GtkLabel             *gif_size_label;
  GtkLabel             *webm_size_label;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;

  /* Owned */
  RushesTask           *task;
  GSettings            *settings;
  RushesModelCatalog   *catalog;
  GCancellable         *cancellable;         /* probe, thumbnail, size */
  GCancellable         *export_cancellable;
  GtkNativeDialog      *chooser;
  GFile                *destination;

  RushesExportFormat    format;
  gint64                frame_position;
  gint64                duration;
  int                   width;
  int                   height;

  guint                 probing : 1;
  guint                 probed : 1;
  guint                 exporting : 1;
  guint                 closed : 1;
};

G_DEFINE_FINAL_TYPE (RushesExportDialog, rushes_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_TASK,
  PROP_SETTINGS,
  PROP_CATALOG,
  PROP_FORMAT,
  PROP_FRAME_POSITION,
  N_PROPS
};

enum {
  EXPORTED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkCheckButton *
check_for_format (RushesExportDialog *self,
                  RushesExportFormat  format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return self->mp4_check;
    case RUSHES_EXPORT_FORMAT_PNG:
      return self->png_check;
    case RUSHES_EXPORT_FORMAT_GIF:
      return self->gif_check;
    case RUSHES_EXPORT_FORMAT_WEBM:
      return self->webm_check;
    default:
      g_assert_not_reached ();
    }
}

static const char *
format_title (RushesExportFormat format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return _("Export as MP4");
    case RUSHES_EXPORT_FORMAT_PNG:
      return _("Export Frame as PNG");
    case RUSHES_EXPORT_FORMAT_GIF:
      return _("Export as Animated GIF");
    case RUSHES_EXPORT_FORMAT_WEBM:
      return _("Export as WebM");
    default:
      g_assert_not_reached ();
    }
}

static const char *
format_progress_title (RushesExportFormat format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return _("Copying the Clip…");
    case RUSHES_EXPORT_FORMAT_PNG:
      return _("Saving the Frame…");
    case RUSHES_EXPORT_FORMAT_GIF:
      return _("Making the GIF…");
    case RUSHES_EXPORT_FORMAT_WEBM:
      return _("Converting to WebM…");
    default:
      g_assert_not_reached ();
    }
}

static const char *
format_filter_name (RushesExportFormat format)
{
  switch (format)
    {
    case RUSHES_EXPORT_FORMAT_MP4:
      return _("MP4 videos");
    case RUSHES_EXPORT_FORMAT_PNG:
      return _("PNG images");
    case RUSHES_EXPORT_FORMAT_GIF:
      return _("GIF images");
    case RUSHES_EXPORT_FORMAT_WEBM:
      return _("WebM videos");
    default:
      g_assert_not_reached ();
    }
}

static char *
format_time (gint64 nanoseconds)
{
  gint64 seconds = (MAX (nanoseconds, 0) + 500000000) / 1000000000;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

static void
update_actions (RushesExportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose",
                                 !self->exporting && rushes_task_get_video_file (self->task) != NULL);
}

/* What the clip is: the model, its length and size once probed. */
static void
update_details (RushesExportDialog *self)
{
  g_autoptr(GString) details = g_string_new (NULL);
  RushesModel *model = NULL;

  /* The model's name where the catalog still knows it, its id if not. */
  if (self->catalog != NULL)
    model = rushes_model_catalog_lookup (self->catalog, rushes_task_get_model_id (self->task));
  g_string_append (details, model != NULL ? rushes_model_get_name (model) : rushes_task_get_model_id (self->task));

  if (self->probed)
    {
      g_autofree char *duration = format_time (self->duration);

      /* Translators: the clip's duration, then its width × height in pixels */
      g_string_append_printf (details, _(" · %s · %d × %d"), duration, self->width, self->height);
    }

  gtk_label_set_label (self->details_label, details->str);
}

/* “About 250 kB”: two significant digits, no false precision. */
static char *
format_estimate (guint64 bytes)
{
  double kb = bytes / 1000.0;
  double mb = bytes / 1000000.0;

  if (kb < 10)
    /* Translators: an estimated file size in kilobytes */
    return g_strdup_printf (_("About %.0f kB"), MAX (1.0, kb));
  if (kb < 1000)
    {
      double scale = kb < 100 ? 1 : 10;

      return g_strdup_printf (_("About %.0f kB"), round (kb / scale) * scale);
    }
  if (mb < 10)
    /* Translators: an estimated file size in megabytes */
    return g_strdup_printf (_("About %.1f MB"), mb);
  if (mb < 1000)
    {
      double scale = mb < 100 ? 1 : 10;

      return g_strdup_printf (_("About %.0f MB"), round (mb / scale) * scale);
    }
  /* Translators: an estimated file size in gigabytes */
  return g_strdup_printf (_("About %.1f GB"), mb / 1000);
}

static void
set_estimate (GtkLabel           *label,
              RushesExportDialog *self,
              RushesExportFormat  format)
{
  g_autofree char *text = NULL;

  if (!self->probed)
    {
      gtk_label_set_label (label, NULL);
      return;
    }

  text = format_estimate (rushes_exporter_estimate_size (self->duration, self->width, self->height, format));
  gtk_label_set_label (label, text);
}

static void
update_formats (RushesExportDialog *self)
{
  g_autofree char *png_subtitle = NULL;
  g_autofree char *gif_subtitle = NULL;

  if (self->frame_position >= 0)
    {
      g_autofree char *time = format_time (self->frame_position);

      /* Translators: %s is a time in the clip, such as 0:03 */
      png_subtitle = g_strdup_printf (_("The frame at %s"), time);
    }
  else
    png_subtitle = g_strdup (_("The frame the gallery shows"));

  if (self->probed)
    {
      g_autofree char *with_size = g_strdup_printf (_("%s, %d × %d"), png_subtitle, self->width, self->height);
      int gif_width, gif_height;

      g_free (png_subtitle);
      png_subtitle = g_steal_pointer (&with_size);

      rushes_exporter_get_gif_size (self->width, self->height, &gif_width, &gif_height);
      /* Translators: a GIF's width × height, then its frame rate */
      gif_subtitle = g_strdup_printf (_("%d × %d, %d frames a second, no sound"),
                                      gif_width, gif_height, RUSHES_EXPORT_GIF_FPS);
    }
  else
    gif_subtitle = g_strdup (_("Smaller and without sound, plays almost anywhere"));

  adw_action_row_set_subtitle (self->png_row, png_subtitle);
  adw_action_row_set_subtitle (self->gif_row, gif_subtitle);
  set_estimate (self->gif_size_label, self, RUSHES_EXPORT_FORMAT_GIF);
  set_estimate (self->webm_size_label, self, RUSHES_EXPORT_FORMAT_WEBM);
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RushesExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->probing = FALSE;
  if (!rushes_exporter_probe_finish (result, &self->duration, &self->width, &self->height, NULL, &error))
    {
      /* The export says what is wrong, should the user try. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot read the clip: %s", error->message);
      return;
    }

  self->probed = TRUE;
  update_details (self);
  update_formats (self);
}

static void
size_queried_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RushesExportDialog) self = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);
  g_autofree char *size = NULL;

  if (info == NULL)
    return;

  size = g_format_size (g_file_info_get_size (info));
  gtk_label_set_label (self->mp4_size_label, size);
}

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RushesExportDialog) self = user_data;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream_finish (result, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL)
    return;

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "thumbnail");
}

static void
thumbnail_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RushesExportDialog) self = user_data;
  g_autoptr(GFileInputStream) stream = g_file_read_finish (G_FILE (object), result, NULL);

  /* No poster frame yet: the placeholder stays. */
  if (stream == NULL)
    return;

  gdk_pixbuf_new_from_stream_async (G_INPUT_STREAM (stream), self->cancellable,
                                    thumbnail_loaded_cb, g_object_ref (self));
}

static void
format_toggled_cb (RushesExportDialog *self,
                   GtkCheckButton     *check)
{
  if (!gtk_check_button_get_active (check))
    return;

  for (RushesExportFormat format = 0; format < RUSHES_EXPORT_N_FORMATS; format++)
    if (check_for_format (self, format) == check)
      rushes_export_dialog_set_format (self, format);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  RushesExportDialog *self = user_data;
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  /* Translators: a percentage done, such as “42 %” */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100));
  gtk_label_set_label (self->progress_label, text);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RushesExportDialog) self = user_data;
  g_autoptr(GFile) destination = g_steal_pointer (&self->destination);
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  g_clear_object (&self->export_cancellable);

  if (!rushes_exporter_export_finish (result, &error))
    {
      /* Cancelled: the user closed the dialog and expects no news. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Export failed: %s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error->message);
    }
  else
    {
      g_signal_emit (self, signals[EXPORTED], 0, destination);
    }

  if (!self->closed)
    gtk_window_close (GTK_WINDOW (self));
}

/* The chooser leaves the extension to the user: put it back if removed. */
static GFile *
with_extension (GFile              *file,
                RushesExportFormat  format,
                gboolean           *renamed)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *suffix = g_strconcat (".", rushes_export_format_get_extension (format), NULL);
  g_autofree char *lower = g_utf8_strdown (basename, -1);
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  *renamed = FALSE;
  if (g_str_has_suffix (lower, suffix) || (format == RUSHES_EXPORT_FORMAT_MP4 && g_str_has_suffix (lower, ".m4v")))
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_object_ref (file);

  *renamed = TRUE;
  name = g_strconcat (basename, suffix, NULL);
  return g_file_get_child (parent, name);
}

static void
chooser_response_cb (RushesExportDialog *self,
                     int                 response,
                     GtkNativeDialog    *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);

  if (file != NULL)
    {
      gboolean renamed;
      g_autoptr(GFile) destination = with_extension (file, self->format, &renamed);

      /* The chooser asked before replacing the file it was given, not one
       * with another name. */
      _rushes_export_dialog_export_to (self, destination,
                                       renamed ? RUSHES_EXPORT_FLAGS_NONE : RUSHES_EXPORT_FLAGS_OVERWRITE);
    }
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesExportDialog *self = RUSHES_EXPORT_DIALOG (widget);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (format_title (self->format), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  name = _rushes_export_dialog_suggest_name (rushes_task_get_prompt (self->task), self->format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  folder = _rushes_export_dialog_get_folder (self);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  filter = gtk_file_filter_new ();
  pattern = g_strconcat ("*.", rushes_export_format_get_extension (self->format), NULL);
  gtk_file_filter_set_name (filter, format_filter_name (self->format));
  gtk_file_filter_add_mime_type (filter, rushes_export_format_get_mime_type (self->format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
rushes_export_dialog_close_request (GtkWindow *window)
{
  RushesExportDialog *self = RUSHES_EXPORT_DIALOG (window);

  self->closed = TRUE;

  /* Closing mid-export cancels it; its hidden file is removed. */
  g_cancellable_cancel (self->export_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_hide (self->chooser);

  return GTK_WINDOW_CLASS (rushes_export_dialog_parent_class)->close_request (window);
}

static void
rushes_export_dialog_constructed (GObject *object)
{
  RushesExportDialog *self = RUSHES_EXPORT_DIALOG (object);
  const char *prompt = rushes_task_get_prompt (self->task);
  GFile *video = rushes_task_get_video_file (self->task);
  g_autoptr(GFile) thumbnail = NULL;

  G_OBJECT_CLASS (rushes_export_dialog_parent_class)->constructed (object);

  gtk_label_set_label (self->prompt_label, prompt != NULL && *prompt != '\0' ? prompt : _("No prompt"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->prompt_label), prompt);
  update_details (self);
  update_formats (self);
  update_actions (self);

  self->cancellable = g_cancellable_new ();

  thumbnail = rushes_task_get_thumbnail_file (self->task);
  g_file_read_async (thumbnail, G_PRIORITY_DEFAULT, self->cancellable,
                     thumbnail_read_cb, g_object_ref (self));

  if (video != NULL)
    {
      g_file_query_info_async (video, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, self->cancellable, size_queried_cb, g_object_ref (self));
      self->probing = TRUE;
      rushes_exporter_probe_async (video, self->cancellable, probe_done_cb, g_object_ref (self));
    }
}

static void
rushes_export_dialog_dispose (GObject *object)
{
  RushesExportDialog *self = RUSHES_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->destination);
  g_clear_object (&self->task);
  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (rushes_export_dialog_parent_class)->dispose (object);
}

static void
rushes_export_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RushesExportDialog *self = RUSHES_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_FORMAT:
      g_value_set_int (value, self->format);
      break;
    case PROP_FRAME_POSITION:
      g_value_set_int64 (value, self->frame_position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_export_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RushesExportDialog *self = RUSHES_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TASK:
      self->task = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_FORMAT:
      rushes_export_dialog_set_format (self, g_value_get_int (value));
      break;
    case PROP_FRAME_POSITION:
      rushes_export_dialog_set_frame_position (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_export_dialog_class_init (RushesExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rushes_export_dialog_constructed;
  object_class->dispose = rushes_export_dialog_dispose;
  object_class->get_property = rushes_export_dialog_get_property;
  object_class->set_property = rushes_export_dialog_set_property;

  window_class->close_request = rushes_export_dialog_close_request;

  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL,
                         RUSHES_TYPE_TASK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         RUSHES_TYPE_MODEL_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * RushesExportDialog:format:
   *
   * The #RushesExportFormat chosen.
   */
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL,
                      RUSHES_EXPORT_FORMAT_MP4, RUSHES_EXPORT_FORMAT_WEBM, RUSHES_EXPORT_FORMAT_MP4,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * RushesExportDialog:frame-position:
   *
   * The frame a PNG export takes, in nanoseconds; -1 for the poster frame.
   */
  properties[PROP_FRAME_POSITION] =
    g_param_spec_int64 ("frame-position", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesExportDialog::exported:
   * @file: the file written
   *
   * The export is complete; the dialog closes.
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * RushesExportDialog::failed:
   * @message: why, to be shown as it is
   *
   * The export failed and left nothing behind; the dialog closes. Not
   * emitted when the user cancels.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, picture);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, png_row);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, gif_row);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, mp4_check);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, png_check);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, gif_check);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, webm_check);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, mp4_size_label);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, gif_size_label);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, webm_size_label);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RushesExportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, format_toggled_cb);

  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
rushes_export_dialog_init (RushesExportDialog *self)
{
  self->format = RUSHES_EXPORT_FORMAT_MP4;
  self->frame_position = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_check_button_set_active (self->mp4_check, TRUE);
}

/**
 * rushes_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @task: a clip with a video
 * @settings: (nullable): the application's settings, for “export-folder”
 * @catalog: (nullable): the catalog, for the model's name
 */
RushesExportDialog *
rushes_export_dialog_new (GtkWindow          *parent,
                          RushesTask         *task,
                          GSettings          *settings,
                          RushesModelCatalog *catalog)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RUSHES_IS_TASK (task), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (catalog == NULL || RUSHES_IS_MODEL_CATALOG (catalog), NULL);

  return g_object_new (RUSHES_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "task", task,
                       "settings", settings,
                       "catalog", catalog,
                       NULL);
}

/**
 * rushes_export_dialog_present:
 *
 * Makes and shows an export dialog. Connect to its signals to hear how the
 * export went.
 *
 * Returns: (transfer none): the dialog, owned by GTK until it closes
 */
RushesExportDialog *
rushes_export_dialog_present (GtkWindow          *parent,
                              RushesTask         *task,
                              GSettings          *settings,
                              RushesModelCatalog *catalog)
{
  RushesExportDialog *self = rushes_export_dialog_new (parent, task, settings, catalog);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

RushesTask *
rushes_export_dialog_get_task (RushesExportDialog *self)
{
  g_return_val_if_fail (RUSHES_IS_EXPORT_DIALOG (self), NULL);

  return self->task;
}

RushesExportFormat
rushes_export_dialog_get_format (RushesExportDialog *self)
{
  g_return_val_if_fail (RUSHES_IS_EXPORT_DIALOG (self), RUSHES_EXPORT_FORMAT_MP4);

  return self->format;
}

void
rushes_export_dialog_set_format (RushesExportDialog *self,
                                 RushesExportFormat  format)
{
  g_return_if_fail (RUSHES_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format >= RUSHES_EXPORT_FORMAT_MP4 && format <= RUSHES_EXPORT_FORMAT_WEBM);

  gtk_check_button_set_active (check_for_format (self, format), TRUE);

  if (self->format == format)
    return;

  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

gint64
rushes_export_dialog_get_frame_position (RushesExportDialog *self)
{
  g_return_val_if_fail (RUSHES_IS_EXPORT_DIALOG (self), -1);

  return self->frame_position;
}

/**
 * rushes_export_dialog_set_frame_position:
 * @position: in nanoseconds; -1 for the poster frame
 *
 * Chooses the frame a PNG export takes, as the player does for the frame
 * it shows.
 */
void
rushes_export_dialog_set_frame_position (RushesExportDialog *self,
                                         gint64              position)
{
  g_return_if_fail (RUSHES_IS_EXPORT_DIALOG (self));

  position = MAX (position, -1);
  if (self->frame_position == position)
    return;

  self->frame_position = position;
  if (self->task != NULL)
    update_formats (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME_POSITION]);
}

/* Private API */

static gboolean
is_forbidden_in_name (gunichar c)
{
  /* Forbidden on one file system or another, or confusing in a name */
  return g_unichar_iscntrl (c) || (c < 128 && strchr ("/\\:*?\"<>|", (char) c) != NULL);
}

char *
_rushes_export_dialog_suggest_name (const char         *prompt,
                                    RushesExportFormat  format)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (prompt != NULL ? prompt : "", " \t\r\n", -1);
  guint n_words = 0;

  for (guint i = 0; words[i] != NULL && n_words < NAME_MAX_WORDS; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      if (!g_utf8_validate (words[i], -1, NULL))
        continue;

      for (const char *p = words[i]; *p != '\0'; p = g_utf8_next_char (p))
        if (!is_forbidden_in_name (g_utf8_get_char (p)))
          g_string_append_unichar (word, g_utf8_get_char (p));

      if (word->len == 0)
        continue;

      if (n_words > 0 && g_utf8_strlen (name->str, -1) + 1 + g_utf8_strlen (word->str, -1) > NAME_MAX_CHARS)
        break;

      if (n_words > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, word->str);
      n_words++;
    }

  /* One very long word */
  if (g_utf8_strlen (name->str, -1) > NAME_MAX_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (name->str, 0, NAME_MAX_CHARS);

      g_string_assign (name, cut);
    }

  /* No trailing comma, no leading dot hiding the file */
  while (name->len > 0 && strchr (".,;:!-", name->str[name->len - 1]) != NULL)
    g_string_truncate (name, name->len - 1);
  while (name->len > 0 && name->str[0] == '.')
    g_string_erase (name, 0, 1);

  if (name->len == 0)
    g_string_assign (name, _("Clip"));

  g_string_append_printf (name, ".%s", rushes_export_format_get_extension (format));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* The folder the chooser opens: the one chosen in Preferences, else Videos */
GFile *
_rushes_export_dialog_get_folder (RushesExportDialog *self)
{
  g_autofree char *path = NULL;
  const char *videos;

  g_return_val_if_fail (RUSHES_IS_EXPORT_DIALOG (self), NULL);

  if (self->settings != NULL)
    path = g_settings_get_string (self->settings, "export-folder");
  if (path != NULL && path[0] != '\0')
    return g_file_new_for_path (path);

  videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);
  return g_file_new_for_path (videos != NULL ? videos : g_get_home_dir ());
}

void
_rushes_export_dialog_export_to (RushesExportDialog *self,
                                 GFile              *destination,
                                 RushesExportFlags   flags)
{
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_basename = NULL;
  RushesExportMetadata meta = { 0 };

  g_return_if_fail (RUSHES_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!self->exporting);
  g_return_if_fail (rushes_task_get_video_file (self->task) != NULL);

  self->exporting = TRUE;
  g_set_object (&self->destination, destination);
  self->export_cancellable = g_cancellable_new ();
  update_actions (self);

  name = g_file_get_parse_name (destination);
  basename = g_file_get_basename (destination);
  display_basename = g_filename_display_name (basename);
  adw_status_page_set_icon_name (self->progress_page,
                                 self->format == RUSHES_EXPORT_FORMAT_MP4 || self->format == RUSHES_EXPORT_FORMAT_WEBM ?
                                 "video-x-generic-symbolic" : "image-x-generic-symbolic");
  adw_status_page_set_title (self->progress_page, format_progress_title (self->format));
  adw_status_page_set_description (self->progress_page, display_basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_page), name);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), FALSE);
  progress_cb (0.0, self);
  gtk_stack_set_visible_child_name (self->stack, "progress");

  rushes_export_metadata_init_for_task (&meta, self->task);
  meta.frame_position = self->frame_position;

  /* The exporter copies the metadata: it is cleared at once. */
  rushes_exporter_export_async (rushes_task_get_video_file (self->task), destination,
                                self->format, flags, &meta, progress_cb, self,
                                self->export_cancellable, export_done_cb, g_object_ref (self));
  rushes_export_metadata_clear (&meta);
}

gboolean
_rushes_export_dialog_get_probing (RushesExportDialog *self)
{
  g_return_val_if_fail (RUSHES_IS_EXPORT_DIALOG (self), FALSE);

  return self->probing;
}

gboolean
_rushes_export_dialog_get_exporting (RushesExportDialog *self)
{
  g_return_val_if_fail (RUSHES_IS_EXPORT_DIALOG (self), FALSE);

  return self->exporting;
}
