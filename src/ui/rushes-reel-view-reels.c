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

#include "rushes-reel-view-private.h"

/* The reel view's reels: read from the reel store, and merged with what
 * the view holds when it is shown again (rushes-cli may have made some);
 * new, switched to, renamed and deleted. */

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RushesReelView) self = user_data;
  g_autoptr(GPtrArray) load_errors = NULL;
  g_autoptr(GPtrArray) reels = NULL;
  g_autoptr(GError) error = NULL;

  self->listing = FALSE;
  reels = rushes_reel_store_list_finish (RUSHES_REEL_STORE (object), result, &load_errors, &error);
  if (reels == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rushes_reel_view_toast (self, error->message);
      return;
    }

  for (guint i = 0; load_errors != NULL && i < load_errors->len; i++)
    g_message ("%s", ((GError *) g_ptr_array_index (load_errors, i))->message);

  /* Reels this window has open stay as they are here (they are saved as
   * they change); the others come as the files say, rushes-cli's too. */
  for (guint i = 0; i < reels->len; i++)
    {
      RushesReel *reel = g_ptr_array_index (reels, i);
      gboolean known = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->reels)) && !known; j++)
        {
          g_autoptr(RushesReel) mine = g_list_model_get_item (G_LIST_MODEL (self->reels), j);

          known = g_str_equal (rushes_reel_get_id (mine), rushes_reel_get_id (reel));
        }

      if (!known)
        g_list_store_append (self->reels, reel);
    }

  self->loaded = TRUE;
  if (self->reel == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->reels)) > 0)
    {
      g_autoptr(RushesReel) first = g_list_model_get_item (G_LIST_MODEL (self->reels), 0);

      rushes_reel_view_open_reel (self, first);
    }
  else
    _rushes_reel_view_refresh (self);
}

void
_rushes_reel_view_list_reels (RushesReelView *self)
{
  RushesReelStore *store;

  if (self->engine == NULL || self->listing)
    return;

  self->listing = TRUE;
  store = rushes_engine_get_reel_store (self->engine);
  rushes_reel_store_list_async (store, self->cancellable, list_done_cb, g_object_ref (self));
}

static char *
untitled_name (RushesReelView *self)
{
  for (guint n = g_list_model_get_n_items (G_LIST_MODEL (self->reels)) + 1; ; n++)
    {
      /* Translators: the name of a new reel, “Reel 2” */
      g_autofree char *name = g_strdup_printf (_("Reel %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->reels)) && !taken; i++)
        {
          g_autoptr(RushesReel) reel = g_list_model_get_item (G_LIST_MODEL (self->reels), i);

          taken = g_str_equal (rushes_reel_get_name (reel), name);
        }

      if (!taken)
        return g_steal_pointer (&name);
    }
}

/**
 * rushes_reel_view_new_reel:
 * @name: (nullable): its name; “Reel N” when %NULL
 *
 * Makes an empty reel, saves it and opens it.
 *
 * Returns: (transfer none): the new reel
 */
RushesReel *
rushes_reel_view_new_reel (RushesReelView *self,
                           const char     *name)
{
  g_autofree char *untitled = NULL;
  g_autoptr(RushesReel) reel = NULL;

  g_return_val_if_fail (RUSHES_IS_REEL_VIEW (self), NULL);

  if (name == NULL)
    name = untitled = untitled_name (self);

  reel = rushes_reel_new (name);
  g_list_store_insert (self->reels, 0, reel);
  rushes_reel_view_open_reel (self, reel);
  _rushes_reel_view_save (self);

  return reel;
}

static void
rebuild_reels_list (RushesReelView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reels_list))) != NULL)
    gtk_list_box_remove (self->reels_list, child);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->reels)); i++)
    {
      g_autoptr(RushesReel) reel = g_list_model_get_item (G_LIST_MODEL (self->reels), i);
      guint n = rushes_reel_get_n_entries (reel);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clip", "%u clips", n), n);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (rushes_reel_get_name (reel));
      GtkWidget *details = gtk_label_new (count);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (details, "dim-label");
      gtk_widget_add_css_class (details, "caption");
      gtk_widget_set_opacity (check, reel == self->reel ? 1 : 0);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), details);
      gtk_box_append (GTK_BOX (box), check);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "reel", g_object_ref (reel), g_object_unref);
      gtk_list_box_append (self->reels_list, row);
    }
}

static void
reels_popover_shown_cb (RushesReelView *self)
{
  rebuild_reels_list (self);
}

static void
reel_row_activated_cb (RushesReelView *self,
                       GtkListBoxRow  *row)
{
  RushesReel *reel = g_object_get_data (G_OBJECT (row), "reel");

  gtk_popover_popdown (self->reels_popover);
  rushes_reel_view_open_reel (self, reel);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RushesReelView   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  RushesReel *reel = g_object_get_data (G_OBJECT (dialog), "reel");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "rename") && name[0] != '\0')
    rushes_reel_set_name (reel, name);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->reel == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Rename Reel"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), rushes_reel_get_name (self->reel));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "reel", g_object_ref (self->reel), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RushesReelView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _rushes_reel_view_toast (self, error->message);
}

static void
delete_reel (RushesReelView *self,
             RushesReel     *reel)
{
  g_autoptr(GFile) file = rushes_reel_store_get_file (rushes_engine_get_reel_store (self->engine),
                                                      rushes_reel_get_id (reel));
  guint position;

  if (g_list_store_find (self->reels, reel, &position))
    g_list_store_remove (self->reels, position);

  if (reel == self->reel)
    {
      g_autoptr(RushesReel) next = g_list_model_get_item (G_LIST_MODEL (self->reels), 0);

      /* A save under way would bring the file back */
      self->save_again = FALSE;
      rushes_reel_view_open_reel (self, next);
    }

  g_file_delete_async (file, G_PRIORITY_DEFAULT, self->cancellable, deleted_cb, g_object_ref (self));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RushesReelView   *self)
{
  if (g_str_equal (response, "delete"))
    delete_reel (self, g_object_get_data (G_OBJECT (dialog), "reel"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->reel == NULL)
    return;

  heading = g_strdup_printf (_("Delete “%s”?"), rushes_reel_get_name (self->reel));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The reel is deleted. Its clips stay in the library."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "reel", g_object_ref (self->reel), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);

  gtk_popover_popdown (self->reels_popover);
  rushes_reel_view_new_reel (self, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->reels)); i++)
    {
      g_autoptr(RushesReel) reel = g_list_model_get_item (G_LIST_MODEL (self->reels), i);

      if (g_str_equal (rushes_reel_get_id (reel), id))
        rushes_reel_view_open_reel (self, reel);
    }
}


/* Actions of the reels, installed by the view's class_init */
void
_rushes_reel_view_reels_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reel.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "reel.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "reel.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "reel.delete", NULL, delete_action);
}

void
_rushes_reel_view_reels_init (RushesReelView *self)
{
  g_signal_connect_object (self->reels_popover, "show", G_CALLBACK (reels_popover_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reels_list, "row-activated", G_CALLBACK (reel_row_activated_cb), self, G_CONNECT_SWAPPED);
}
