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

#define G_LOG_DOMAIN "rushes-library-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-clip-card.h"
#include "rushes-library-view-private.h"

/* The gallery's takes: grouped by shot (the shots of the gallery as it is
 * filtered and sorted, each opened to its takes on demand; nothing is
 * grouped while grouping is off), several clips selected and compared,
 * a shot's takes compared from its card or the clip menu, clip details,
 * and a clip opened by a plain click. */

/* A plain click on a card (not on its buttons, without Ctrl or Shift)
 * opens the clip, whether or not it was selected already. */
static void
card_released_cb (RushesLibraryView *self,
                  int                n_press,
                  double             x,
                  double             y,
                  GtkGestureClick   *gesture)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  RushesTask *task = rushes_clip_card_get_task (RUSHES_CLIP_CARD (card));

  if (n_press != 1 || task == NULL || (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0)
    return;

  for (GtkWidget *picked = gtk_widget_pick (card, x, y, GTK_PICK_DEFAULT);
       picked != NULL && picked != card;
       picked = gtk_widget_get_parent (picked))
    if (GTK_IS_BUTTON (picked))
      return;

  g_signal_emit_by_name (self, "open-task", task);
}

void
_rushes_library_view_setup_card (RushesLibraryView *self,
                                 GtkWidget         *card)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (card_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));
}

/* The clips selected, in gallery order. A card of a shot of several takes
 * counts as its poster, or with @whole_shots FALSE, not at all: such a
 * shot is deleted take by take (opened), never all at once by its card. */
GPtrArray *
_rushes_library_view_selected_tasks (RushesLibraryView *self,
                                     gboolean           whole_shots)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      g_autoptr(GObject) inner = GTK_IS_TREE_LIST_ROW (item) ? gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item)) : NULL;
      RushesTask *task;

      if (!whole_shots && RUSHES_IS_SHOT_GROUP (inner) && rushes_shot_group_get_n_takes (RUSHES_SHOT_GROUP (inner)) > 1)
        continue;

      task = item != NULL ? rushes_shot_model_item_get_task (item) : NULL;
      if (task != NULL && !g_ptr_array_find (tasks, task, NULL))
        g_ptr_array_add (tasks, task);
      else
        g_clear_object (&task);
    }

  return tasks;
}

static guint
count_playable (GPtrArray *tasks)
{
  guint n = 0;

  for (guint i = 0; i < tasks->len; i++)
    n += rushes_task_get_video_file (g_ptr_array_index (tasks, i)) != NULL;

  return n;
}

void
_rushes_library_view_sync_selection (RushesLibraryView *self)
{
  g_autoptr(GPtrArray) tasks = _rushes_library_view_selected_tasks (self, TRUE);
  guint playable = count_playable (tasks);

  /* One clip chosen: it plays. Adding others to the selection does not
   * take the player away from it. */
  if (tasks->len == 1 && g_ptr_array_index (tasks, 0) != self->selected_task)
    {
      g_set_object (&self->selected_task, g_ptr_array_index (tasks, 0));
      g_signal_emit_by_name (self, "play-task", self->selected_task);
    }
  else if (tasks->len == 0)
    g_clear_object (&self->selected_task);

  gtk_revealer_set_reveal_child (self->compare_revealer, tasks->len > 1);
  if (tasks->len > 1)
    {
      g_autofree char *label = NULL;

      if (playable > COMPARE_MAX_TAKES)
        /* Translators: in the bar under the gallery when too many clips are selected */
        label = g_strdup_printf (_("%u selected · compare up to %d"), tasks->len, COMPARE_MAX_TAKES);
      else
        /* Translators: in the bar under the gallery, the number of clips selected */
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clip selected", "%u clips selected", tasks->len),
                                 tasks->len);
      gtk_label_set_label (self->selection_label, label);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.compare",
                                 playable >= 2 && playable <= COMPARE_MAX_TAKES);
}

static void
emit_compare (RushesLibraryView *self,
              GPtrArray         *tasks)
{
  g_autoptr(GPtrArray) playable = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < tasks->len && playable->len < COMPARE_MAX_TAKES; i++)
    if (rushes_task_get_video_file (g_ptr_array_index (tasks, i)) != NULL)
      g_ptr_array_add (playable, g_object_ref (g_ptr_array_index (tasks, i)));

  if (playable->len >= 2)
    g_signal_emit_by_name (self, "compare", playable);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);
  g_autoptr(GPtrArray) tasks = _rushes_library_view_selected_tasks (self, TRUE);

  emit_compare (self, tasks);
}

static void
compare_shot (RushesLibraryView *self,
              const char        *shot)
{
  g_autoptr(RushesShotGroup) group = rushes_shot_model_collect (G_LIST_MODEL (self->gallery_model), shot);
  g_autoptr(GPtrArray) takes = rushes_shot_group_get_compare_takes (group, COMPARE_MAX_TAKES);

  emit_compare (self, takes);
}

/* The compare button of a shot card. */
static void
compare_shot_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  compare_shot (RUSHES_LIBRARY_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
unselect_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (RUSHES_LIBRARY_VIEW (widget)->selection));
}

/* Grouping by shot: the shots of the gallery as it is filtered and
 * sorted, each opened to its takes on demand. Nothing is grouped while it
 * is off. */
static GListModel *
create_takes_cb (gpointer item,
                 gpointer user_data)
{
  return RUSHES_IS_SHOT_GROUP (item) ? g_object_ref (G_LIST_MODEL (item)) : NULL;
}

void
_rushes_library_view_apply_grouping (RushesLibraryView *self)
{
  if (self->group_shots)
    {
      rushes_shot_model_set_model (self->shot_model, G_LIST_MODEL (self->gallery_model));
      gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->shot_tree));
    }
  else
    {
      gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->gallery_model));
      rushes_shot_model_set_model (self->shot_model, NULL);
    }
  _rushes_library_view_sync_selection (self);
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    g_signal_emit_by_name (self, "show-details", self->context_task);
}

static void
compare_takes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    compare_shot (self, rushes_task_get_shot (self->context_task));
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);
  g_autoptr(GPtrArray) tasks = _rushes_library_view_selected_tasks (self, FALSE);

  for (guint i = 0; i < tasks->len; i++)
    g_signal_emit_by_name (self, "delete-task", g_ptr_array_index (tasks, i));
}

/* In the clip menu: Compare Takes, for a clip whose shot has others. */
void
_rushes_library_view_sync_takes_actions (RushesLibraryView *self,
                                         RushesTask        *task)
{
  gboolean comparable = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.details", task != NULL);
  if (task != NULL && rushes_task_get_video_file (task) != NULL && self->gallery_model != NULL)
    {
      g_autoptr(RushesShotGroup) group = rushes_shot_model_collect (G_LIST_MODEL (self->gallery_model),
                                                                    rushes_task_get_shot (task));
      g_autoptr(GPtrArray) takes = rushes_shot_group_get_compare_takes (group, 2);

      comparable = takes->len > 1;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.compare-takes", comparable);
}

void
_rushes_library_view_init_takes (RushesLibraryView *self)
{
  self->shot_model = rushes_shot_model_new (NULL);
  self->shot_tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->shot_model)), FALSE, FALSE,
                                             create_takes_cb, NULL, NULL);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->gallery_model)));

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (_rushes_library_view_sync_selection), self, G_CONNECT_SWAPPED);
  /* Removed clips leave the selection without a selection-changed. */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (_rushes_library_view_sync_selection), self, G_CONNECT_SWAPPED);
}

void
_rushes_library_view_class_init_takes (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "library.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "library.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "library.compare-shot", "s", compare_shot_action);
  gtk_widget_class_install_action (widget_class, "library.compare-takes", NULL, compare_takes_action);
  gtk_widget_class_install_action (widget_class, "library.unselect-all", NULL, unselect_all_action);
  gtk_widget_class_install_action (widget_class, "library.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "library.unselect-all", NULL);
}
