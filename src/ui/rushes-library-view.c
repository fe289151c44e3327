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
#include <math.h>

#include "rushes-clip-card.h"
#include "rushes-library-view-private.h"
#include "rushes-shot-model.h"
#include "rushes-task-row.h"

/* The tasks pane: tasks still running on top, with their progress, and
 * below them the library gallery of every finished task, searchable,
 * filtered by state and provider, sorted by date or cost, and optionally
 * grouped by shot (one card per shot, opened to show its takes). Several
 * clips can be selected and compared. */

G_DEFINE_FINAL_TYPE (RushesLibraryView, rushes_library_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW,
  PROP_SORT,
  PROP_PROVIDER,
  PROP_GROUP_SHOTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PLAY_TASK,
  USE_AS_DRAFT,
  EXPORT_TASK,
  DELETE_TASK,
  CHECK_AGAIN,
  MARK_FAILED,
  COMPARE,
  SHOW_DETAILS,
  OPEN_TASK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
state_is_active (RushesTaskState state)
{
  return state == RUSHES_TASK_STATE_DRAFT ||
         state == RUSHES_TASK_STATE_SUBMITTING ||
         state == RUSHES_TASK_STATE_QUEUED ||
         state == RUSHES_TASK_STATE_RUNNING ||
         state == RUSHES_TASK_STATE_DOWNLOADING;
}

static gboolean
active_filter_func (gpointer item,
                    gpointer user_data)
{
  return state_is_active (rushes_task_get_state (item));
}

static gboolean
gallery_filter_func (gpointer item,
                     gpointer user_data)
{
  RushesLibraryView *self = user_data;
  RushesTask *task = item;
  RushesTaskState state = rushes_task_get_state (task);

  if (state_is_active (state))
    return FALSE;

  if (self->show == SHOW_SUCCEEDED && state != RUSHES_TASK_STATE_SUCCEEDED)
    return FALSE;
  if (self->show == SHOW_PROBLEMS && state != RUSHES_TASK_STATE_FAILED && state != RUSHES_TASK_STATE_UNCERTAIN)
    return FALSE;
  if (self->show == SHOW_FAVOURITES && !rushes_task_get_favourite (task))
    return FALSE;
  if (self->provider != NULL && g_strcmp0 (rushes_task_get_provider_id (task), self->provider) != 0)
    return FALSE;

  if (self->search != NULL && self->search[0] != '\0' &&
      !rushes_task_matches (task, self->search) &&
      !g_strv_contains ((const char * const *) self->search_providers, rushes_task_get_provider_id (task)))
    return FALSE;

  return TRUE;
}

/* Provider names match once per search, not once per task. */
static void
update_search_providers (RushesLibraryView *self)
{
  const char * const *providers = rushes_provider_list_ids ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *needle = self->search != NULL ? g_utf8_casefold (self->search, -1) : NULL;

  for (guint i = 0; needle != NULL && providers[i] != NULL; i++)
    {
      g_autofree char *name = g_utf8_casefold (rushes_provider_id_get_name (providers[i]), -1);

      if (strstr (name, needle) != NULL)
        g_strv_builder_add (builder, providers[i]);
    }

  g_clear_pointer (&self->search_providers, g_strfreev);
  self->search_providers = g_strv_builder_end (builder);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  RushesLibraryView *self = user_data;
  RushesTask *ta = (RushesTask *) a;
  RushesTask *tb = (RushesTask *) b;
  int by_date = g_date_time_compare (rushes_task_get_created_at (ta), rushes_task_get_created_at (tb));

  switch (self->sort)
    {
    case SORT_OLDEST:
      return by_date;

    case SORT_COST:
      {
        double ca = rushes_task_get_cost_usd (ta);
        double cb = rushes_task_get_cost_usd (tb);

        if (ca != cb)
          return ca < cb ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
        return -by_date;
      }

    case SORT_NEWEST:
    default:
      return -by_date;
    }
}

/* The library keeps its tasks newest first: that order needs no sorting,
 * which spares a large library a sort of every clip at start. */
static void
apply_sort (RushesLibraryView *self)
{
  if (self->sort == SORT_NEWEST)
    {
      gtk_sort_list_model_set_sorter (self->gallery_model, NULL);
      return;
    }

  if (gtk_sort_list_model_get_sorter (self->gallery_model) == NULL)
    gtk_sort_list_model_set_sorter (self->gallery_model, GTK_SORTER (self->sorter));
  else
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* GtkGridView keeps max-columns × 30 cards alive around what it shows,
 * bound and laid out on every frame, whatever its width: with room for
 * three columns, a maximum of eight meant 240 cards, and scrolling a large
 * library missed frames. The maximum follows the width instead: never fewer
 * columns than fit, never many more cards than that. */
#define GALLERY_MIN_COLUMN_WIDTH 120
#define GALLERY_MAX_COLUMNS      12

static gboolean
apply_max_columns_cb (gpointer user_data)
{
  RushesLibraryView *self = user_data;

  self->columns_source = 0;
  gtk_grid_view_set_max_columns (self->gallery, self->wanted_columns);

  return G_SOURCE_REMOVE;
}

static void
gallery_width_changed_cb (RushesLibraryView *self,
                          GtkAdjustment     *hadjustment)
{
  double width = gtk_adjustment_get_page_size (hadjustment);
  guint columns;

  if (width <= 0)
    return;

  columns = CLAMP ((guint) ceil (width / GALLERY_MIN_COLUMN_WIDTH), 1, GALLERY_MAX_COLUMNS);
  if (columns == (self->columns_source != 0 ? self->wanted_columns : gtk_grid_view_get_max_columns (self->gallery)))
    return;

  /* Not while the grid is being laid out: in the next main loop turn. */
  self->wanted_columns = columns;
  if (self->columns_source == 0)
    self->columns_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_max_columns_cb, self, NULL);
}

/* The elapsed time of running tasks, for the rows in sight: one timer for
 * the whole list, on whole seconds (GLib wakes every such timer of the
 * process at once), and none while the list is not shown. */
static gboolean
row_in_sight (RushesLibraryView *self,
              GtkWidget         *row)
{
  GtkWidget *scroller = GTK_WIDGET (self->active_scroller);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, scroller, &bounds))
    return FALSE;

  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (scroller);
}

static gboolean
elapsed_tick_cb (gpointer user_data)
{
  RushesLibraryView *self = user_data;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->active_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child;

      if (!GTK_IS_LIST_BOX_ROW (row) || !row_in_sight (self, row))
        continue;

      child = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (RUSHES_IS_TASK_ROW (child))
        rushes_task_row_update_elapsed (RUSHES_TASK_ROW (child));
    }

  return G_SOURCE_CONTINUE;
}

static void
update_elapsed_timer (RushesLibraryView *self)
{
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                    g_list_model_get_n_items (G_LIST_MODEL (self->active_model)) > 0;

  if (wanted && self->elapsed_source == 0)
    {
      self->elapsed_source = g_timeout_add_seconds (1, elapsed_tick_cb, self);
      elapsed_tick_cb (self);
    }
  else if (!wanted)
    {
      g_clear_handle_id (&self->elapsed_source, g_source_remove);
    }
}

static void
update_stack (RushesLibraryView *self)
{
  guint n_all = self->library != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->library)) : 0;
  guint n_active = g_list_model_get_n_items (G_LIST_MODEL (self->active_model));
  guint n_gallery = g_list_model_get_n_items (G_LIST_MODEL (self->gallery_model));
  gboolean loading;

  gtk_revealer_set_reveal_child (self->active_revealer, n_active > 0);
  if (n_active > 0)
    {
      /* Translators: the heading above the tasks still running */
      g_autofree char *header = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Task in Progress",
                                                              "%u Tasks in Progress", n_active),
                                                 n_active);

      gtk_label_set_label (self->active_header, header);
    }
  update_elapsed_timer (self);
  gtk_widget_set_visible (GTK_WIDGET (self->gallery_scroller), n_gallery > 0 || n_active == 0);

  loading = n_all == 0 && self->library != NULL && rushes_library_get_loading (self->library);
  /* A spinning spinner animates its style on every frame, shown or not,
   * and each step reallocates the stack it sits in, gallery and all: it
   * spins only while its page is the one shown. */
  gtk_spinner_set_spinning (self->loading_spinner, loading);

  if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_active == 0 && n_gallery == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "clips");
}

static void
task_state_changed_cb (RushesLibraryView *self)
{
  /* A task moved from running to finished (or back, on resume). */
  gtk_filter_changed (GTK_FILTER (self->active_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->gallery_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
favourite_changed_cb (RushesLibraryView *self)
{
  if (self->show == SHOW_FAVOURITES)
    gtk_filter_changed (GTK_FILTER (self->gallery_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
watch_tasks (RushesLibraryView *self,
             guint              position,
             guint              n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (G_LIST_MODEL (self->library), i);

      /* Only unfinished tasks change state; a library of thousands of
       * finished clips needs no handler each. */
      if (!rushes_task_is_finished (task) || rushes_task_get_state (task) == RUSHES_TASK_STATE_UNCERTAIN)
        g_signal_connect_object (task, "notify::state", G_CALLBACK (task_state_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (task, "notify::favourite", G_CALLBACK (favourite_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
library_items_changed_cb (RushesLibraryView *self,
                          guint              position,
                          guint              removed,
                          guint              added,
                          GListModel        *library)
{
  watch_tasks (self, position, added);
  update_stack (self);
}

static GtkWidget *
create_active_row_cb (gpointer item,
                      gpointer user_data)
{
  GtkWidget *row = rushes_task_row_new ();

  rushes_task_row_set_task (RUSHES_TASK_ROW (row), item);
  return row;
}

static void
card_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  RushesLibraryView *self = user_data;
  GtkWidget *card = rushes_clip_card_new (self->engine, self->thumbnails);

  _rushes_library_view_setup_card (self, card);
  gtk_list_item_set_child (item, card);
}

static void
card_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  rushes_clip_card_bind_item (RUSHES_CLIP_CARD (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
card_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  rushes_clip_card_bind_item (RUSHES_CLIP_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
gallery_activate_cb (RushesLibraryView *self,
                     guint              position,
                     GtkGridView       *gallery)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(RushesTask) task = item != NULL ? rushes_shot_model_item_get_task (item) : NULL;

  if (task != NULL)
    {
      g_signal_emit (self, signals[PLAY_TASK], 0, task);
      g_signal_emit (self, signals[OPEN_TASK], 0, task);
    }
}

static void
search_changed_cb (RushesLibraryView *self)
{
  rushes_library_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Context menu ----------------------------------------------------------- */

static void
set_context_task (RushesLibraryView *self,
                  RushesTask        *task)
{
  gboolean has_video = task != NULL && rushes_task_get_video_file (task) != NULL;

  g_set_object (&self->context_task, task);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.play", has_video);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.export", has_video);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.show-in-files", task != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.use-as-draft", task != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.copy-prompt", task != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete", task != NULL);
  _rushes_library_view_sync_takes_actions (self, task);
  /* An uncertain task: the submit got no answer and was not sent again. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.check-again",
                                 task != NULL && rushes_task_get_state (task) == RUSHES_TASK_STATE_UNCERTAIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.mark-failed",
                                 task != NULL && rushes_task_get_state (task) == RUSHES_TASK_STATE_UNCERTAIN);
}

static void
popup_context_menu (RushesLibraryView *self,
                    GtkWidget         *card,
                    double             x,
                    double             y)
{
  graphene_point_t point;
  GdkRectangle rect;

  set_context_task (self, rushes_clip_card_get_task (RUSHES_CLIP_CARD (card)));
  if (self->context_task == NULL)
    return;

  if (!gtk_widget_compute_point (card, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  rect = (GdkRectangle) { (int) point.x, (int) point.y, 1, 1 };
  gtk_popover_set_pointing_to (self->context_popover, &rect);
  gtk_popover_popup (self->context_popover);
}

static GtkWidget *
card_at (RushesLibraryView *self,
         double             x,
         double             y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->gallery), x, y, GTK_PICK_DEFAULT);

  while (widget != NULL && !RUSHES_IS_CLIP_CARD (widget))
    widget = gtk_widget_get_parent (widget);

  return widget;
}

static void
gallery_secondary_click_cb (RushesLibraryView *self,
                            int                n_press,
                            double             x,
                            double             y,
                            GtkGestureClick   *gesture)
{
  GtkWidget *card = card_at (self, x, y);
  graphene_point_t point;

  if (card == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_compute_point (GTK_WIDGET (self->gallery), card, &GRAPHENE_POINT_INIT (x, y), &point))
    popup_context_menu (self, card, point.x, point.y);
}

static void
gallery_long_press_cb (RushesLibraryView  *self,
                       double              x,
                       double              y,
                       GtkGestureLongPress *gesture)
{
  GtkWidget *card = card_at (self, x, y);
  graphene_point_t point;

  if (card != NULL && gtk_widget_compute_point (GTK_WIDGET (self->gallery), card, &GRAPHENE_POINT_INIT (x, y), &point))
    popup_context_menu (self, card, point.x, point.y);
}

/* Menu key or Shift+F10 on the selected clip. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);
  g_autoptr(GPtrArray) selected = _rushes_library_view_selected_tasks (self, TRUE);
  RushesTask *task = selected->len > 0 ? g_ptr_array_index (selected, 0) : NULL;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  while (focus != NULL && !RUSHES_IS_CLIP_CARD (focus) && focus != widget)
    focus = gtk_widget_get_first_child (focus);

  if (focus != NULL && RUSHES_IS_CLIP_CARD (focus))
    popup_context_menu (self, focus, 12, 12);
  else if (task != NULL)
    {
      set_context_task (self, task);
      gtk_popover_set_pointing_to (self->context_popover, NULL);
      gtk_popover_popup (self->context_popover);
    }
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    g_signal_emit (self, signals[PLAY_TASK], 0, self->context_task);
}

static void
use_as_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    g_signal_emit (self, signals[USE_AS_DRAFT], 0, self->context_task);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    g_signal_emit (self, signals[EXPORT_TASK], 0, self->context_task);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    g_signal_emit (self, signals[DELETE_TASK], 0, self->context_task);
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    g_signal_emit (self, signals[CHECK_AGAIN], 0, self->context_task);
}

static void
mark_failed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);

  if (self->context_task != NULL)
    g_signal_emit (self, signals[MARK_FAILED], 0, self->context_task);
}

static void
copy_prompt_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);
  const char *prompt;

  if (self->context_task == NULL)
    return;

  prompt = rushes_task_get_prompt (self->context_task);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), prompt != NULL ? prompt : "");
}

static void
show_in_files_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GFile) folder = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);

  /* No file manager answers on D-Bus: open the folder instead. */
  if (reply == NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
    }
}

static void
show_in_files_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (widget);
  GDBusConnection *bus;
  GFile *video;
  GFile *folder;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (self->context_task == NULL)
    return;

  folder = rushes_task_get_folder (self->context_task);
  video = rushes_task_get_video_file (self->context_task);
  uri = g_file_get_uri (video != NULL ? video : folder);
  uris[0] = uri;

  bus = g_application_get_dbus_connection (g_application_get_default ());
  if (bus == NULL)
    {
      g_autofree char *folder_uri = g_file_get_uri (folder);

      g_app_info_launch_default_for_uri_async (folder_uri, NULL, NULL, NULL, NULL);
      return;
    }

  /* The file manager's own interface selects the clip in its folder. */
  g_dbus_connection_call (bus,
                          "org.freedesktop.FileManager1",
                          "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1",
                          "ShowItems",
                          g_variant_new ("(^ass)", uris, ""),
                          NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                          show_in_files_done_cb, g_object_ref (folder));
}

/* Filter and sort ---------------------------------------------------------- */

static const char *
show_to_string (ShowFilter show)
{
  return show == SHOW_SUCCEEDED ? "succeeded"
       : show == SHOW_PROBLEMS ? "problems"
       : show == SHOW_FAVOURITES ? "favourites"
       : "all";
}

static const char *
sort_to_string (SortOrder sort)
{
  return sort == SORT_OLDEST ? "oldest" : sort == SORT_COST ? "cost" : "newest";
}

static void
build_provider_menu (RushesLibraryView *self)
{
  const char * const *providers = rushes_provider_list_ids ();
  g_autoptr(GMenuItem) all = g_menu_item_new (_("All Providers"), NULL);

  g_menu_remove_all (self->provider_section);
  g_menu_item_set_action_and_target (all, "library.provider", "s", "");
  g_menu_append_item (self->provider_section, all);

  for (guint i = 0; providers[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (rushes_provider_id_get_name (providers[i]), NULL);

      g_menu_item_set_action_and_target (item, "library.provider", "s", providers[i]);
      g_menu_append_item (self->provider_section, item);
    }
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (RUSHES_LIBRARY_VIEW (widget)->search_entry));
}

/* GObject ----------------------------------------------------------------- */

static void
rushes_library_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rushes_library_view_parent_class)->map (widget);

  update_elapsed_timer (RUSHES_LIBRARY_VIEW (widget));
}

static void
rushes_library_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rushes_library_view_parent_class)->unmap (widget);

  update_elapsed_timer (RUSHES_LIBRARY_VIEW (widget));
}

static void
rushes_library_view_dispose (GObject *object)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (object);

  g_clear_handle_id (&self->columns_source, g_source_remove);
  g_clear_handle_id (&self->elapsed_source, g_source_remove);
  g_clear_pointer ((GtkWidget **) &self->context_popover, gtk_widget_unparent);
  g_clear_object (&self->context_task);
  g_clear_object (&self->selected_task);
  g_clear_object (&self->selection);
  g_clear_object (&self->shot_tree);
  g_clear_object (&self->shot_model);
  g_clear_object (&self->gallery_model);
  g_clear_object (&self->gallery_filtered);
  g_clear_object (&self->active_model);
  g_clear_object (&self->library);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_LIBRARY_VIEW);

  G_OBJECT_CLASS (rushes_library_view_parent_class)->dispose (object);
}

static void
rushes_library_view_finalize (GObject *object)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (object);

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_providers, g_strfreev);
  g_clear_pointer (&self->provider, g_free);

  G_OBJECT_CLASS (rushes_library_view_parent_class)->finalize (object);
}

static void
rushes_library_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW:
      g_value_set_string (value, show_to_string (self->show));
      break;

    case PROP_SORT:
      g_value_set_string (value, sort_to_string (self->sort));
      break;

    case PROP_PROVIDER:
      g_value_set_string (value, self->provider != NULL ? self->provider : "");
      break;

    case PROP_GROUP_SHOTS:
      g_value_set_boolean (value, self->group_shots);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_library_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RushesLibraryView *self = RUSHES_LIBRARY_VIEW (object);
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  switch (prop_id)
    {
    case PROP_GROUP_SHOTS:
      if (self->group_shots == g_value_get_boolean (value))
        return;
      self->group_shots = g_value_get_boolean (value);
      _rushes_library_view_apply_grouping (self);
      break;

    case PROP_SHOW:
      {
        ShowFilter show = g_strcmp0 (text, "succeeded") == 0 ? SHOW_SUCCEEDED
                        : g_strcmp0 (text, "problems") == 0 ? SHOW_PROBLEMS
                        : g_strcmp0 (text, "favourites") == 0 ? SHOW_FAVOURITES
                        : SHOW_ALL;

        if (show == self->show)
          return;
        self->show = show;
        gtk_filter_changed (GTK_FILTER (self->gallery_filter), GTK_FILTER_CHANGE_DIFFERENT);
      }
      break;

    case PROP_SORT:
      {
        SortOrder sort = g_strcmp0 (text, "oldest") == 0 ? SORT_OLDEST
                       : g_strcmp0 (text, "cost") == 0 ? SORT_COST
                       : SORT_NEWEST;

        if (sort == self->sort)
          return;
        self->sort = sort;
        apply_sort (self);
      }
      break;

    case PROP_PROVIDER:
      if (g_strcmp0 (self->provider != NULL ? self->provider : "", text != NULL ? text : "") == 0)
        return;
      g_free (self->provider);
      self->provider = text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
      gtk_filter_changed (GTK_FILTER (self->gallery_filter), GTK_FILTER_CHANGE_DIFFERENT);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_object_notify_by_pspec (object, pspec);
}

static void
rushes_library_view_class_init (RushesLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_library_view_dispose;
  object_class->finalize = rushes_library_view_finalize;
  object_class->get_property = rushes_library_view_get_property;
  object_class->set_property = rushes_library_view_set_property;

  widget_class->map = rushes_library_view_map;
  widget_class->unmap = rushes_library_view_unmap;

  properties[PROP_SHOW] =
    g_param_spec_string ("show", NULL, NULL, "all",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "newest",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * RushesLibraryView:group-shots:
   *
   * Whether the gallery shows one card per shot, opened to show its takes.
   */
  properties[PROP_GROUP_SHOTS] =
    g_param_spec_boolean ("group-shots", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesLibraryView::play-task:
   * @task: the clip to play
   */
  signals[PLAY_TASK] =
    g_signal_new ("play-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesLibraryView::use-as-draft:
   * @task: the task whose prompt, images and settings go back into the composer
   */
  signals[USE_AS_DRAFT] =
    g_signal_new ("use-as-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesLibraryView::export-task:
   * @task: the clip to export
   */
  signals[EXPORT_TASK] =
    g_signal_new ("export-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesLibraryView::delete-task:
   * @task: the clip the user wants to move to the trash
   */
  signals[DELETE_TASK] =
    g_signal_new ("delete-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesLibraryView::check-again:
   * @task: an uncertain task to look at again
   */
  signals[CHECK_AGAIN] =
    g_signal_new ("check-again", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesLibraryView::mark-failed:
   * @task: an uncertain task the user found no trace of upstream
   */
  signals[MARK_FAILED] =
    g_signal_new ("mark-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesLibraryView::compare:
   * @tasks: (element-type RushesTask): two to four clips with a video, to
   *   play side by side
   */
  signals[COMPARE] =
    g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * RushesLibraryView::show-details:
   * @task: the clip whose details the user asked for
   */
  signals[SHOW_DETAILS] =
    g_signal_new ("show-details", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesLibraryView::open-task:
   * @task: a clip the user opened: clicked, or activated with Enter or a
   *   double click (selecting it with the keyboard only plays it)
   */
  signals[OPEN_TASK] =
    g_signal_new ("open-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, stack);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, active_revealer);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, active_header);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, active_scroller);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, active_list);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, gallery_scroller);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, gallery);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, compare_revealer);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, clip_menu);
  gtk_widget_class_bind_template_child (widget_class, RushesLibraryView, provider_section);

  gtk_widget_class_install_action (widget_class, "library.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "library.use-as-draft", NULL, use_as_draft_action);
  gtk_widget_class_install_action (widget_class, "library.show-in-files", NULL, show_in_files_action);
  gtk_widget_class_install_action (widget_class, "library.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "library.copy-prompt", NULL, copy_prompt_action);
  gtk_widget_class_install_action (widget_class, "library.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "library.check-again", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "library.mark-failed", NULL, mark_failed_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "library.delete-selected", NULL);
  gtk_widget_class_install_action (widget_class, "library.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_property_action (widget_class, "library.state", "show");
  gtk_widget_class_install_property_action (widget_class, "library.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "library.provider", "provider");
  gtk_widget_class_install_property_action (widget_class, "library.group-shots", "group-shots");
  _rushes_library_view_class_init_takes (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "library.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "library.context-menu", NULL);
  gtk_widget_class_install_action (widget_class, "library.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "library.focus-search", NULL);
}

static void
rushes_library_view_init (RushesLibraryView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkGesture *click;
  GtkGesture *long_press;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->active_filter = gtk_custom_filter_new (active_filter_func, self, NULL);
  self->gallery_filter = gtk_custom_filter_new (gallery_filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);

  self->active_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->active_filter));
  self->gallery_filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->gallery_filter));
  self->gallery_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->gallery_filtered)), NULL);
  apply_sort (self);
  _rushes_library_view_init_takes (self);

  g_signal_connect (factory, "setup", G_CALLBACK (card_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (card_unbind_cb), NULL);
  gtk_grid_view_set_factory (self->gallery, factory);
  gtk_grid_view_set_model (self->gallery, GTK_SELECTION_MODEL (self->selection));

  gtk_list_box_bind_model (self->active_list, G_LIST_MODEL (self->active_model), create_active_row_cb, NULL, NULL);

  g_signal_connect_object (self->gallery, "activate", G_CALLBACK (gallery_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->gallery_scroller), "changed",
                           G_CALLBACK (gallery_width_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->active_model, "items-changed", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gallery_model, "items-changed", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (gallery_secondary_click_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->gallery), GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (gallery_long_press_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->gallery), GTK_EVENT_CONTROLLER (long_press));

  self->context_popover = GTK_POPOVER (gtk_popover_menu_new_from_model (self->clip_menu));
  gtk_popover_set_has_arrow (self->context_popover, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_popover), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_popover), GTK_WIDGET (self));

  build_provider_menu (self);
  set_context_task (self, NULL);
  _rushes_library_view_sync_selection (self);
  update_stack (self);
}

/* Public ------------------------------------------------------------------ */

/**
 * rushes_library_view_set_engine:
 * @self: a #RushesLibraryView
 * @engine: the engine whose library is shown
 * @thumbnails: (nullable): where missing poster frames are made
 */
void
rushes_library_view_set_engine (RushesLibraryView    *self,
                                RushesEngine         *engine,
                                RushesThumbnailQueue *thumbnails)
{
  RushesLibrary *library;

  g_return_if_fail (RUSHES_IS_LIBRARY_VIEW (self));
  g_return_if_fail (RUSHES_IS_ENGINE (engine));
  g_return_if_fail (!thumbnails || RUSHES_IS_THUMBNAIL_QUEUE (thumbnails));
  g_return_if_fail (self->library == NULL);

  self->engine = g_object_ref (engine);
  g_set_object (&self->thumbnails, thumbnails);
  library = rushes_engine_get_library (engine);
  self->library = g_object_ref (library);
  gtk_filter_list_model_set_model (self->active_model, G_LIST_MODEL (library));
  gtk_filter_list_model_set_model (self->gallery_filtered, G_LIST_MODEL (library));
  g_signal_connect_object (library, "items-changed", G_CALLBACK (library_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::loading", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  watch_tasks (self, 0, g_list_model_get_n_items (G_LIST_MODEL (library)));
  update_stack (self);

  /* Grouped or not, as the user left it. */
  if (rushes_engine_get_settings (engine) != NULL)
    g_settings_bind (rushes_engine_get_settings (engine), "gallery-group-shots", self, "group-shots",
                     G_SETTINGS_BIND_DEFAULT);
}

/**
 * rushes_library_view_set_search:
 * @self: a #RushesLibraryView
 * @text: (nullable): words to find in prompts, models and providers
 */
void
rushes_library_view_set_search (RushesLibraryView *self,
                                const char        *text)
{
  g_return_if_fail (RUSHES_IS_LIBRARY_VIEW (self));

  if (g_strcmp0 (self->search, text) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (text);
  update_search_providers (self);
  /* Setting the entry's text clears it first, and a search entry reports
   * a cleared text at once: keep that from undoing this search. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  gtk_filter_changed (GTK_FILTER (self->gallery_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * rushes_library_view_get_gallery:
 * @self: a #RushesLibraryView
 *
 * Returns: (transfer none): the finished tasks shown, filtered and sorted
 */
GListModel *
rushes_library_view_get_gallery (RushesLibraryView *self)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY_VIEW (self), NULL);

  return G_LIST_MODEL (self->gallery_model);
}

/**
 * rushes_library_view_get_active:
 * @self: a #RushesLibraryView
 *
 * Returns: (transfer none): the tasks still running
 */
GListModel *
rushes_library_view_get_active (RushesLibraryView *self)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY_VIEW (self), NULL);

  return G_LIST_MODEL (self->active_model);
}

/**
 * rushes_library_view_get_shots:
 * @self: a #RushesLibraryView
 *
 * Returns: (transfer none): the shots of the gallery, a #GListModel of
 *   #RushesShotGroup; empty unless #RushesLibraryView:group-shots is set
 */
GListModel *
rushes_library_view_get_shots (RushesLibraryView *self)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY_VIEW (self), NULL);

  return G_LIST_MODEL (self->shot_model);
}

/**
 * rushes_library_view_get_shown:
 * @self: a #RushesLibraryView
 *
 * Returns: (transfer none): what the gallery shows and selects: tasks, or
 *   grouped by shot, #GtkTreeListRow of shots and of opened shots' takes
 */
GtkSelectionModel *
rushes_library_view_get_shown (RushesLibraryView *self)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}
