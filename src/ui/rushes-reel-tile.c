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

#define G_LOG_DOMAIN "rushes-reel-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-poster-cache.h"
#include "rushes-reel-tile.h"

/* One clip of a reel in the reel view's strip: its poster frame, its
 * place, how long it lasts once trimmed, the start of its prompt. A clip
 * that left the library is a gap: it says so where its poster was. */

#define POSTER_WIDTH 128

struct _RushesReelTile
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkWidget            *box;
  GtkStack             *poster_stack;
  GtkPicture           *picture;
  GtkLabel             *position_label;
  GtkImage             *trimmed_icon;
  GtkLabel             *length_label;
  GtkLabel             *prompt_label;

  /* Owned */
  RushesThumbnailQueue *thumbnails;
  RushesReelEntry      *entry;
  RushesTask           *task;
  GCancellable         *cancellable;
  guint                 position;
};

G_DEFINE_FINAL_TYPE (RushesReelTile, rushes_reel_tile, GTK_TYPE_WIDGET)

static void
poster_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RushesReelTile) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = rushes_poster_cache_load_finish (RUSHES_POSTER_CACHE (object), result, &error);
  if (texture == NULL)
    {
      /* Not made yet: the queue makes it and says so. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && self->thumbnails != NULL && self->task != NULL)
        rushes_thumbnail_queue_request (self->thumbnails, self->task);
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->poster_stack, "poster");
}

static void
load_poster (RushesReelTile *self)
{
  RushesPosterCache *cache = rushes_poster_cache_get_default ();
  int width = POSTER_WIDTH * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  GFile *file = rushes_task_get_thumbnail_file (self->task);
  g_autoptr(GdkTexture) texture = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  texture = rushes_poster_cache_lookup (cache, file, width);
  if (texture != NULL)
    {
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child_name (self->poster_stack, "poster");
      return;
    }

  gtk_stack_set_visible_child_name (self->poster_stack, "placeholder");
  self->cancellable = g_cancellable_new ();
  rushes_poster_cache_load_async (cache, file, width, self->cancellable, poster_loaded_cb, g_object_ref (self));
}

static void
thumbnail_ready_cb (RushesReelTile *self,
                    RushesTask     *task)
{
  if (task != self->task)
    return;

  rushes_poster_cache_forget (rushes_poster_cache_get_default (), rushes_task_get_thumbnail_file (task));
  load_poster (self);
}

static void
rushes_reel_tile_dispose (GObject *object)
{
  RushesReelTile *self = RUSHES_REEL_TILE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->entry);
  g_clear_object (&self->task);
  g_clear_object (&self->thumbnails);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_REEL_TILE);

  G_OBJECT_CLASS (rushes_reel_tile_parent_class)->dispose (object);
}

static void
rushes_reel_tile_class_init (RushesReelTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_reel_tile_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reeltile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-reel-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesReelTile, box);
  gtk_widget_class_bind_template_child (widget_class, RushesReelTile, poster_stack);
  gtk_widget_class_bind_template_child (widget_class, RushesReelTile, picture);
  gtk_widget_class_bind_template_child (widget_class, RushesReelTile, position_label);
  gtk_widget_class_bind_template_child (widget_class, RushesReelTile, trimmed_icon);
  gtk_widget_class_bind_template_child (widget_class, RushesReelTile, length_label);
  gtk_widget_class_bind_template_child (widget_class, RushesReelTile, prompt_label);
}

static void
rushes_reel_tile_init (RushesReelTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self->poster_stack), GTK_OVERFLOW_HIDDEN);
}

/**
 * rushes_reel_tile_new:
 * @thumbnails: (nullable): where missing poster frames are made
 */
GtkWidget *
rushes_reel_tile_new (RushesThumbnailQueue *thumbnails)
{
  RushesReelTile *self;

  g_return_val_if_fail (thumbnails == NULL || RUSHES_IS_THUMBNAIL_QUEUE (thumbnails), NULL);

  self = g_object_new (RUSHES_TYPE_REEL_TILE, NULL);
  if (thumbnails != NULL)
    {
      self->thumbnails = g_object_ref (thumbnails);
      g_signal_connect_object (thumbnails, "ready", G_CALLBACK (thumbnail_ready_cb), self, G_CONNECT_SWAPPED);
    }

  return GTK_WIDGET (self);
}

/**
 * rushes_reel_tile_set_entry:
 * @position: the entry's place in the reel, from 0
 * @entry: the entry
 * @task: (nullable): its clip in the library; %NULL for a gap
 * @length: how long the clip plays in the reel, in microseconds; -1
 *   while unknown
 */
void
rushes_reel_tile_set_entry (RushesReelTile  *self,
                            guint            position,
                            RushesReelEntry *entry,
                            RushesTask      *task,
                            gint64           length)
{
  g_autofree char *number = NULL;
  g_autofree char *accessible = NULL;
  const char *prompt;
  gboolean trimmed;

  g_return_if_fail (RUSHES_IS_REEL_TILE (self));
  g_return_if_fail (RUSHES_IS_REEL_ENTRY (entry));
  g_return_if_fail (task == NULL || RUSHES_IS_TASK (task));

  self->position = position;
  g_set_object (&self->entry, entry);
  if (g_set_object (&self->task, task) || task == NULL)
    {
      g_cancellable_cancel (self->cancellable);
      if (task != NULL)
        load_poster (self);
      else
        gtk_stack_set_visible_child_name (self->poster_stack, "gap");
    }

  number = g_strdup_printf ("%u", position + 1);
  gtk_label_set_label (self->position_label, number);

  gtk_widget_set_visible (GTK_WIDGET (self->length_label), task != NULL && length >= 0);
  if (length >= 0)
    {
      g_autofree char *text = g_strdup_printf (_("%.1f s"), length / (double) G_TIME_SPAN_SECOND);

      gtk_label_set_label (self->length_label, text);
    }

  trimmed = rushes_reel_entry_get_in_point (entry) > 0 || rushes_reel_entry_get_out_point (entry) >= 0;
  gtk_widget_set_visible (GTK_WIDGET (self->trimmed_icon), task != NULL && trimmed);

  prompt = task != NULL ? rushes_task_get_prompt (task) : NULL;
  if (task == NULL)
    gtk_label_set_label (self->prompt_label, _("Removed from the library"));
  else
    gtk_label_set_label (self->prompt_label, prompt != NULL && *prompt != '\0' ? prompt : _("No prompt"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               task == NULL ? _("This clip is no longer in the library: remove it, or undo its deletion")
                                            : prompt);

  if (task == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "gap");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "gap");

  /* Translators: “Clip 2: A lighthouse at dusk” */
  accessible = task != NULL ? g_strdup_printf (_("Clip %u: %s"), position + 1, prompt != NULL ? prompt : "")
                            : g_strdup_printf (_("Clip %u: missing from the library"), position + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

RushesReelEntry *
rushes_reel_tile_get_entry (RushesReelTile *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_TILE (self), NULL);

  return self->entry;
}

guint
rushes_reel_tile_get_position (RushesReelTile *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_TILE (self), 0);

  return self->position;
}

gboolean
rushes_reel_tile_is_gap (RushesReelTile *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_TILE (self), FALSE);

  return self->task == NULL;
}

void
rushes_reel_tile_set_selected (RushesReelTile *self,
                               gboolean        selected)
{
  g_return_if_fail (RUSHES_IS_REEL_TILE (self));

  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}
