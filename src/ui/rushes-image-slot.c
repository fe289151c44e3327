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

#define G_LOG_DOMAIN "rushes-image-slot"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-image-slot.h"

/* One image input of the composer (start or end frame): a drop area that
 * opens a file chooser, takes dropped files and pasted pictures, then a
 * thumbnail with a remove button. What the slot holds is a file; a
 * pasted picture is saved first, so a draft keeps it across restarts. */

#define THUMBNAIL_SIZE 480

struct _RushesImageSlot
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkPicture           *picture;
  GtkLabel             *name_label;
  GtkLabel             *error_label;

  /* Owned */
  char                 *title;
  char                 *error;
  GFile                *file;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RushesImageSlot, rushes_image_slot, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_FILE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RushesImageSlot) self = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = gdk_pixbuf_new_from_stream_finish (result, &error);
  if (pixbuf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The composer's validation names the problem; the slot only
           * shows that there is no picture to show. */
          g_debug ("No thumbnail: %s", error->message);
          gtk_picture_set_paintable (self->picture, NULL);
        }
      return;
    }

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RushesImageSlot) self = user_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_read_finish (G_FILE (object), result, &error);
  if (stream == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_picture_set_paintable (self->picture, NULL);
      return;
    }

  gdk_pixbuf_new_from_stream_at_scale_async (G_INPUT_STREAM (stream),
                                             THUMBNAIL_SIZE, THUMBNAIL_SIZE, TRUE,
                                             self->cancellable,
                                             thumbnail_loaded_cb,
                                             g_object_ref (self));
}

static void
rushes_image_slot_update (RushesImageSlot *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_picture_set_paintable (self->picture, NULL);

  if (self->file == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_visible (GTK_WIDGET (self->name_label), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "slot.remove", FALSE);
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (self->file);
    g_autofree char *display = g_filename_display_name (basename);

    gtk_label_set_label (self->name_label, display);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), display);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->name_label), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "filled");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "slot.remove", TRUE);

  self->cancellable = g_cancellable_new ();
  g_file_read_async (self->file, G_PRIORITY_DEFAULT, self->cancellable,
                     file_read_cb, g_object_ref (self));
}

static void
chooser_response_cb (RushesImageSlot      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      rushes_image_slot_set_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesImageSlot *self = RUSHES_IMAGE_SLOT (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("JPEG, PNG and WebP Images"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");

  self->chooser = gtk_file_chooser_native_new (self->title,
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rushes_image_slot_set_file (RUSHES_IMAGE_SLOT (widget), NULL);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  rushes_image_slot_paste (RUSHES_IMAGE_SLOT (widget));
}

/* Pasted pictures live with the app's state, so the draft that refers to
 * them still works after a restart. */
static GFile *
new_pasted_file (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("pasted-%s-%04x.png", stamp, g_random_int_range (0, 0x10000));
  g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "rushes", "pasted", NULL);

  g_mkdir_with_parents (folder, 0700);

  return g_file_new_build_filename (folder, name, NULL);
}

static void
texture_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RushesImageSlot) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  if (texture == NULL)
    {
      rushes_image_slot_set_error (self, _("The clipboard holds no picture"));
      return;
    }

  file = new_pasted_file ();
  path = g_file_get_path (file);
  if (!gdk_texture_save_to_png (texture, path))
    {
      rushes_image_slot_set_error (self, _("The pasted picture cannot be saved"));
      return;
    }

  rushes_image_slot_set_file (self, file);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  RushesImageSlot *self = user_data;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;

      rushes_image_slot_set_file (self, files->data);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      rushes_image_slot_set_file (self, g_value_get_object (value));
      return TRUE;
    }

  return FALSE;
}

static void
rushes_image_slot_dispose (GObject *object)
{
  RushesImageSlot *self = RUSHES_IMAGE_SLOT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_IMAGE_SLOT);

  G_OBJECT_CLASS (rushes_image_slot_parent_class)->dispose (object);
}

static void
rushes_image_slot_finalize (GObject *object)
{
  RushesImageSlot *self = RUSHES_IMAGE_SLOT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (rushes_image_slot_parent_class)->finalize (object);
}

static void
rushes_image_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RushesImageSlot *self = RUSHES_IMAGE_SLOT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_image_slot_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RushesImageSlot *self = RUSHES_IMAGE_SLOT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      if (g_strcmp0 (self->title, g_value_get_string (value)) != 0)
        {
          g_free (self->title);
          self->title = g_value_dup_string (value);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                          -1);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_FILE:
      rushes_image_slot_set_file (self, g_value_get_object (value));
      break;

    case PROP_ERROR:
      rushes_image_slot_set_error (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_image_slot_class_init (RushesImageSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_image_slot_dispose;
  object_class->finalize = rushes_image_slot_finalize;
  object_class->get_property = rushes_image_slot_get_property;
  object_class->set_property = rushes_image_slot_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-image-slot.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesImageSlot, stack);
  gtk_widget_class_bind_template_child (widget_class, RushesImageSlot, picture);
  gtk_widget_class_bind_template_child (widget_class, RushesImageSlot, name_label);
  gtk_widget_class_bind_template_child (widget_class, RushesImageSlot, error_label);

  gtk_widget_class_install_action (widget_class, "slot.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "slot.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "slot.paste", NULL, paste_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rushes_image_slot_init (RushesImageSlot *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  rushes_image_slot_update (self);
}

/**
 * rushes_image_slot_get_file:
 * @self: a #RushesImageSlot
 *
 * Returns: (transfer none) (nullable): the image
 */
GFile *
rushes_image_slot_get_file (RushesImageSlot *self)
{
  g_return_val_if_fail (RUSHES_IS_IMAGE_SLOT (self), NULL);

  return self->file;
}

void
rushes_image_slot_set_file (RushesImageSlot *self,
                            GFile           *file)
{
  g_return_if_fail (RUSHES_IS_IMAGE_SLOT (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  rushes_image_slot_set_error (self, NULL);
  rushes_image_slot_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

const char *
rushes_image_slot_get_error (RushesImageSlot *self)
{
  g_return_val_if_fail (RUSHES_IS_IMAGE_SLOT (self), NULL);

  return self->error;
}

/**
 * rushes_image_slot_set_error:
 * @self: a #RushesImageSlot
 * @error: (nullable): what is wrong with the image, shown under it
 */
void
rushes_image_slot_set_error (RushesImageSlot *self,
                             const char      *error)
{
  g_return_if_fail (RUSHES_IS_IMAGE_SLOT (self));

  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * rushes_image_slot_paste:
 * @self: a #RushesImageSlot
 *
 * Takes the picture on the clipboard, if any.
 */
void
rushes_image_slot_paste (RushesImageSlot *self)
{
  GdkClipboard *clipboard;

  g_return_if_fail (RUSHES_IS_IMAGE_SLOT (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read_cb, g_object_ref (self));
}
