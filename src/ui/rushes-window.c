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

#define G_LOG_DOMAIN "rushes-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-clip-details.h"
#include "rushes-compare-view.h"
#include "rushes-composer.h"
#include "rushes-export-dialog.h"
#include "rushes-library-view.h"
#include "rushes-player-view.h"
#include "rushes-reel-view.h"
#include "rushes-spending-window.h"
#include "rushes-window.h"

struct _RushesWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  RushesCompareView    *compare_view;
  GtkBox               *composer_pane;
  RushesComposer       *composer;
  GtkBox               *tasks_pane;
  RushesLibraryView    *library_view;
  GtkStack             *preview_stack;
  RushesPlayerView     *player_view;
  RushesReelView       *reel_view;
  GtkBox               *preview_pane;

  /* Owned */
  RushesEngine         *engine;
  RushesThumbnailQueue *thumbnails;
  GSettings            *settings;
  GCancellable         *cancellable;
};

/* Sending a shot outlives the window that asked for it; the window is
 * only told, if it still exists. The engine follows the takes. */
typedef struct
{
  GWeakRef      window;
  RushesEngine *engine;
  GPtrArray    *takes;    /* RushesTake */
  char         *shot;     /* the shot the takes join, or NULL for a new one */
} SendData;

static void
send_data_free (SendData *data)
{
  g_weak_ref_clear (&data->window);
  g_clear_pointer (&data->shot, g_free);
  g_clear_object (&data->engine);
  g_clear_pointer (&data->takes, g_ptr_array_unref);
  g_free (data);
}

static void send_shot (RushesWindow   *self,
                       GPtrArray      *takes,
                       const char     *shot,
                       RushesRunFlags  flags);

G_DEFINE_FINAL_TYPE (RushesWindow, rushes_window, ADW_TYPE_APPLICATION_WINDOW)

static void
rushes_window_show_error (RushesWindow *self,
                          const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  /* Keys, balance and authorization are fixed in Preferences. */
  if (g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_AUTH))
    {
      adw_toast_set_button_label (toast, _("Open _Preferences"));
      adw_toast_set_action_name (toast, "app.preferences");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
task_ended_cb (RushesWindow *self,
               RushesTask   *task,
               const GError *error)
{
  if (error != NULL && !g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_CANCELLED))
    rushes_window_show_error (self, error);
}

/* A record that cannot be written is what a crash would lose: never a
 * debug line only. */
static void
record_error_cb (RushesWindow *self,
                 RushesTask   *task,
                 const GError *error)
{
  rushes_window_show_error (self, error);
}

static void
over_budget_response_cb (RushesWindow     *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  GPtrArray *takes = g_object_get_data (G_OBJECT (dialog), "rushes-takes");
  const char *shot = g_object_get_data (G_OBJECT (dialog), "rushes-shot");

  /* On purpose, this once: the budgets stay as they are. */
  if (g_strcmp0 (response, "send") == 0)
    send_shot (self, takes, shot, RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET);
}

/* The engine refused a shot over a budget, and nothing was sent: the
 * user decides. */
static void
ask_over_budget (RushesWindow *self,
                 GPtrArray    *takes,
                 const char   *shot,
                 const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Over Budget"), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rushes-takes", g_ptr_array_ref (takes),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "rushes-shot", g_strdup (shot), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (over_budget_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
shot_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SendData *data = user_data;
  g_autoptr(RushesWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;

  tasks = rushes_engine_send_finish (RUSHES_ENGINE (object), result, &error);
  if (tasks == NULL && self != NULL)
    {
      if (rushes_error_get_budget (error) != NULL)
        ask_over_budget (self, data->takes, data->shot, error);
      else
        rushes_window_show_error (self, error);
    }

  send_data_free (data);
}

static void
send_shot (RushesWindow   *self,
           GPtrArray      *takes,
           const char     *shot,
           RushesRunFlags  flags)
{
  SendData *data = g_new0 (SendData, 1);

  g_weak_ref_init (&data->window, self);
  data->engine = g_object_ref (self->engine);
  data->takes = g_ptr_array_ref (takes);
  data->shot = g_strdup (shot);

  /* The takes appear in the tasks pane as soon as they are created; the
   * composer keeps its content for the next shot. */
  rushes_engine_send_to_shot_async (self->engine, takes, shot, flags, NULL, shot_sent_cb, data);
}

static void
composer_generate_cb (RushesWindow   *self,
                      GPtrArray      *takes,
                      RushesComposer *composer)
{
  send_shot (self, takes, NULL, RUSHES_RUN_FLAGS_NONE);
}

static void
cancel_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RushesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rushes_task_runner_cancel_finish (RUSHES_TASK_RUNNER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rushes_window_show_error (self, error);
}

static void
cancel_task_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RushesWindow *self = RUSHES_WINDOW (widget);
  RushesTask *task;

  task = rushes_library_lookup (rushes_engine_get_library (self->engine),
                                g_variant_get_string (parameter, NULL));
  if (task == NULL)
    return;

  rushes_task_runner_cancel_async (rushes_engine_get_runner (self->engine), task,
                                   self->cancellable, cancel_done_cb, g_object_ref (self));
}

static void
show_spending_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RushesWindow *self = RUSHES_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (rushes_spending_window_new (GTK_WINDOW (self), self->engine)));
}

typedef struct
{
  RushesLibrary *library;
  RushesTask    *task;
  gboolean       undone;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->library);
  g_clear_object (&data->task);
  g_free (data);
}

static void
trashed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RushesTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Where nothing can be trashed, the clip stays: put it back. */
  if (!rushes_library_trash_finish (RUSHES_LIBRARY (object), result, &error))
    {
      g_message ("Cannot move %s to the trash: %s", rushes_task_get_id (task), error->message);
      rushes_library_restore (RUSHES_LIBRARY (object), task);
    }
}

static void
delete_toast_dismissed_cb (AdwToast   *toast,
                           DeleteData *data)
{
  if (!data->undone)
    rushes_library_trash_async (data->library, data->task, NULL, trashed_cb, g_object_ref (data->task));
}

static void
delete_undo_cb (AdwToast   *toast,
                DeleteData *data)
{
  data->undone = TRUE;
  rushes_library_restore (data->library, data->task);
}

/* The clip leaves the library at once, and its folder goes to the trash
 * when the toast goes away without Undo. */
static void
move_to_trash (RushesWindow *self,
               RushesTask   *task)
{
  DeleteData *data = g_new0 (DeleteData, 1);
  AdwToast *toast = adw_toast_new (_("Clip moved to the trash"));

  data->library = g_object_ref (rushes_engine_get_library (self->engine));
  data->task = g_object_ref (task);
  rushes_library_remove (data->library, task);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (delete_undo_cb), data, NULL, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb), data,
                         (GClosureNotify) delete_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Reels ------------------------------------------------------------------- */

typedef struct
{
  RushesWindow *self;
  RushesTask   *task;
} AskData;

static void
ask_data_free (AskData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->task);
  g_free (data);
}

static void
trash_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   AskData          *data)
{
  if (g_str_equal (response, "trash"))
    move_to_trash (data->self, data->task);
}

static void
ask_before_trash (AskData            *data,
                  const char * const *names)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *body = NULL;
  guint n = g_strv_length ((char **) names);
  GtkWidget *dialog;

  for (guint i = 0; i < n; i++)
    {
      /* Translators: a reel's name in a list of them */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), names[i]);

      if (i > 0)
        g_string_append (list, _(", "));
      g_string_append (list, quoted);
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The reel %s uses this clip. It will show a gap where the clip was until you remove it from the reel.",
                                       "The reels %s use this clip. They will show a gap where the clip was until you remove it from them.",
                                       n),
                          list->str);
  dialog = adw_message_dialog_new (GTK_WINDOW (data->self), _("Move Clip to Trash?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "trash", _("_Move to Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "trash", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (trash_response_cb), data,
                         (GClosureNotify) ask_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The reels were not read yet: read from their files */
static void
reels_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AskData *data = user_data;
  g_autoptr(GPtrArray) reels = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) used = NULL;
  g_autoptr(GError) error = NULL;

  reels = rushes_reel_store_list_finish (RUSHES_REEL_STORE (object), result, NULL, &error);
  if (reels == NULL)
    g_message ("Cannot read the reels: %s", error->message);

  for (guint i = 0; reels != NULL && i < reels->len; i++)
    if (rushes_reel_count_uses (g_ptr_array_index (reels, i), rushes_task_get_id (data->task)) > 0)
      g_strv_builder_add (names, rushes_reel_get_name (g_ptr_array_index (reels, i)));
  used = g_strv_builder_end (names);

  /* Reels that cannot be read show the gap all the same: the clip goes. */
  if (used[0] != NULL)
    ask_before_trash (data, (const char * const *) used);
  else
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        move_to_trash (data->self, data->task);
      ask_data_free (data);
    }
}

/* A clip a reel uses is not moved to the trash unasked: the reels would
 * show a gap where it was. Any other goes at once, with Undo. */
static void
delete_task_cb (RushesWindow *self,
                RushesTask   *task)
{
  g_auto(GStrv) used = rushes_reel_view_list_uses (self->reel_view, rushes_task_get_id (task));
  AskData *data;

  if (used != NULL && used[0] == NULL)
    {
      move_to_trash (self, task);
      return;
    }

  data = g_new0 (AskData, 1);
  data->self = g_object_ref (self);
  data->task = g_object_ref (task);
  if (used != NULL)
    ask_before_trash (data, (const char * const *) used);
  else
    rushes_reel_store_list_async (rushes_engine_get_reel_store (self->engine), self->cancellable,
                                  reels_listed_cb, data);
}

/* Below about 1000 px the panes are views of their own: show the one the
 * user needs next. Side by side, all are shown anyway. */
static void
rushes_window_show_pane (RushesWindow *self,
                         const char   *pane)
{
  gtk_stack_set_visible_child_name (self->main_stack, "studio");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, pane);
}

/* A clip of the reel, paused on the frame a trim handle stands on */
static void
reel_preview_clip_cb (RushesWindow *self,
                      RushesTask   *task,
                      gint64        position)
{
  RushesPlayer *player = rushes_player_view_get_player (self->player_view);
  GFile *video = rushes_task_get_video_file (task);
  GFile *shown = rushes_player_get_file (player);

  if (video == NULL)
    return;

  if (shown == NULL || !g_file_equal (shown, video))
    rushes_player_view_set_file (self->player_view, video, rushes_task_get_prompt (task));
  rushes_player_pause (player);
  rushes_player_seek (player, position * 1000);
  gtk_stack_set_visible_child_name (self->preview_stack, "player");
  rushes_window_show_pane (self, "preview");
}

/* The whole reel, as one piece, through its GES timeline */
static void
reel_play_pipeline_cb (RushesWindow *self,
                       GstElement   *pipeline,
                       const char   *title)
{
  rushes_player_view_set_pipeline (self->player_view, pipeline, title);
  rushes_player_play (rushes_player_view_get_player (self->player_view));
  gtk_stack_set_visible_child_name (self->preview_stack, "player");
  rushes_window_show_pane (self, "preview");
}

static void
play_task_cb (RushesWindow *self,
              RushesTask   *task)
{
  GFile *video = rushes_task_get_video_file (task);

  if (video == NULL)
    return;

  rushes_player_view_set_file (self->player_view, video, rushes_task_get_prompt (task));
  gtk_stack_set_visible_child_name (self->preview_stack, "player");
}

/* A frame of one clip starts the next: the way to chain clips. */
static void
use_frame_cb (RushesWindow *self,
              GFile        *frame)
{
  if (!rushes_composer_set_start_image (self->composer, frame))
    {
      AdwToast *toast = adw_toast_new (_("The chosen model takes no start image; choose another model first"));

      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
exported_cb (RushesWindow *self,
             GFile        *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
export_failed_cb (RushesWindow *self,
                  const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_task_cb (RushesWindow *self,
                RushesTask   *task)
{
  RushesExportDialog *dialog = rushes_export_dialog_present (GTK_WINDOW (self), task, self->settings,
                                                              rushes_engine_get_catalog (self->engine));

  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (export_failed_cb), self, G_CONNECT_SWAPPED);
}

/* The engine never re-sends a submit that got no answer; following the
 * task again says what it can (a task with a remote id is followed, one
 * without says why not), and the result comes back as a toast. */
static void
check_again_cb (RushesWindow *self,
                RushesTask   *task)
{
  rushes_engine_follow (self->engine, task);
}

static void
mark_failed_cb (RushesWindow *self,
                RushesTask   *task)
{
  g_autoptr(GError) error = NULL;

  if (!rushes_task_runner_mark_failed (rushes_engine_get_runner (self->engine), task, &error))
    rushes_window_show_error (self, error);
}

static void
use_as_draft_cb (RushesWindow *self,
                 RushesTask   *task)
{
  g_autoptr(RushesGenerationParams) params = rushes_settings_from_task (task);

  rushes_composer_load (self->composer, rushes_task_get_model_id (task), params);
}

/* Takes: narrow layout, Compare, clip details, Generate Again ------------- */

static void
show_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rushes_window_show_pane (RUSHES_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A clip opened in the gallery (clicked, or Enter) is played and shown. */
static void
open_task_cb (RushesWindow *self,
              RushesTask   *task)
{
  if (rushes_task_get_video_file (task) == NULL)
    return;

  play_task_cb (self, task);
  rushes_window_show_pane (self, "preview");
}

/* What was sent is followed in the tasks pane. */
static void
generated_cb (RushesWindow *self)
{
  rushes_window_show_pane (self, "tasks");
}

static void
draft_loaded_cb (RushesWindow *self,
                 RushesTask   *task)
{
  rushes_window_show_pane (self, "composer");
}

/* Another take of a clip's shot: the same settings with a new seed,
 * planned like any shot, created and followed as Generate does. */
static void
generate_again_cb (RushesWindow *self,
                   RushesTask   *task)
{
  RushesModel *model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine),
                                                    rushes_task_get_model_id (task));
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GPtrArray) takes = NULL;
  g_autoptr(GError) error = NULL;

  if (model == NULL)
    {
      g_set_error (&error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s is no longer in the catalog"), rushes_task_get_model_id (task));
      rushes_window_show_error (self, error);
      return;
    }

  params = rushes_settings_from_task (task);
  rushes_generation_params_set_value (params, RUSHES_CONTROL_SEED, NULL, NULL);

  takes = rushes_shot_plan (&model, 1, params, 1, &error);
  if (takes == NULL)
    {
      rushes_window_show_error (self, error);
      return;
    }

  send_shot (self, takes, rushes_task_get_shot (task), RUSHES_RUN_FLAGS_NONE);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Another take of this shot is on its way")));
  rushes_window_show_pane (self, "tasks");
}

static void
show_details_cb (RushesWindow *self,
                 RushesTask   *task)
{
  RushesClipDetails *details = rushes_clip_details_new (GTK_WINDOW (self), self->engine, task);

  g_signal_connect_object (details, "generate-again", G_CALLBACK (generate_again_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (details, "use-as-draft", G_CALLBACK (use_as_draft_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (details, "use-as-draft", G_CALLBACK (draft_loaded_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_window_present (GTK_WINDOW (details));
}

/* Compare takes the whole window; the preview pauses meanwhile. */
static void
compare_cb (RushesWindow *self,
            GPtrArray    *tasks)
{
  rushes_player_pause (rushes_player_view_get_player (self->player_view));
  rushes_compare_view_set_tasks (self->compare_view, tasks);
  gtk_stack_set_visible_child_name (self->main_stack, "compare");
  gtk_widget_grab_focus (GTK_WIDGET (self->compare_view));
}

static void
compare_closed_cb (RushesWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "studio");
  rushes_compare_view_set_tasks (self->compare_view, NULL);
}

static void
rushes_window_save_state (RushesWindow *self)
{
  int width;
  int height;

  g_assert (RUSHES_IS_WINDOW (self));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  /* A maximized window's default size is its restored size. */
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
rushes_window_restore_state (RushesWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  g_assert (RUSHES_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 800), MAX (height, 600));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
rushes_window_close_request (GtkWindow *window)
{
  rushes_window_save_state (RUSHES_WINDOW (window));
  rushes_composer_save_draft (RUSHES_WINDOW (window)->composer);

  return GTK_WINDOW_CLASS (rushes_window_parent_class)->close_request (window);
}

/* Everything that needs the engine happens here, from rushes_window_new(). */
static void
rushes_window_setup (RushesWindow         *self,
                     RushesEngine         *engine,
                     RushesThumbnailQueue *thumbnails)
{
  self->engine = g_object_ref (engine);
  self->thumbnails = g_object_ref (thumbnails);
  self->settings = g_object_ref (rushes_engine_get_settings (engine));
  rushes_window_restore_state (self);

  rushes_composer_set_engine (self->composer, engine);
  g_signal_connect_object (self->composer, "generate", G_CALLBACK (composer_generate_cb), self, G_CONNECT_SWAPPED);
  rushes_library_view_set_engine (self->library_view, engine, thumbnails);
  g_signal_connect_object (self->library_view, "use-as-draft", G_CALLBACK (use_as_draft_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "delete-task", G_CALLBACK (delete_task_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "play-task", G_CALLBACK (play_task_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "export-task", G_CALLBACK (export_task_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "check-again", G_CALLBACK (check_again_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "mark-failed", G_CALLBACK (mark_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player_view, "use-frame", G_CALLBACK (use_frame_cb), self, G_CONNECT_SWAPPED);
  rushes_reel_view_set_engine (self->reel_view, engine, thumbnails);
  g_signal_connect_object (self->reel_view, "preview-clip", G_CALLBACK (reel_preview_clip_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reel_view, "play-pipeline", G_CALLBACK (reel_play_pipeline_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reel_view, "use-frame", G_CALLBACK (use_frame_cb), self, G_CONNECT_SWAPPED);

  /* Takes: the narrow layout's navigation, Compare and clip details. */
  g_signal_connect_object (self->composer, "generate", G_CALLBACK (generated_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->library_view, "use-as-draft", G_CALLBACK (draft_loaded_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->library_view, "open-task", G_CALLBACK (open_task_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "compare", G_CALLBACK (compare_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_view, "show-details", G_CALLBACK (show_details_cb), self, G_CONNECT_SWAPPED);
  rushes_compare_view_set_engine (self->compare_view, engine);
  g_signal_connect_object (self->compare_view, "close", G_CALLBACK (compare_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "reject-task", G_CALLBACK (delete_task_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "show-details", G_CALLBACK (show_details_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "task-ended", G_CALLBACK (task_ended_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "record-error", G_CALLBACK (record_error_cb), self, G_CONNECT_SWAPPED);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
rushes_window_dispose (GObject *object)
{
  RushesWindow *self = RUSHES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_WINDOW);

  G_OBJECT_CLASS (rushes_window_parent_class)->dispose (object);
}

static void
rushes_window_class_init (RushesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rushes_window_dispose;

  window_class->close_request = rushes_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, composer_pane);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, composer);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, tasks_pane);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, player_view);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, reel_view);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, preview_pane);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RushesWindow, compare_view);

  gtk_widget_class_install_action (widget_class, "win.cancel-task", "s", cancel_task_action);
  gtk_widget_class_install_action (widget_class, "win.show-spending", NULL, show_spending_action);
  gtk_widget_class_install_action (widget_class, "win.show-pane", "s", show_pane_action);

  g_type_ensure (RUSHES_TYPE_COMPARE_VIEW);
  g_type_ensure (RUSHES_TYPE_COMPOSER);
  g_type_ensure (RUSHES_TYPE_LIBRARY_VIEW);
  g_type_ensure (RUSHES_TYPE_PLAYER_VIEW);
  g_type_ensure (RUSHES_TYPE_REEL_VIEW);
}

static void
rushes_window_init (RushesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Folded, the library is where one starts. */
  adw_leaflet_set_visible_child_name (self->leaflet, "tasks");
}

/**
 * rushes_window_new:
 * @application: the application
 * @engine: the engine the window shows and drives
 * @thumbnails: where the gallery's poster frames are made
 *
 * Returns: (transfer none): a new main window
 */
RushesWindow *
rushes_window_new (GtkApplication       *application,
                   RushesEngine         *engine,
                   RushesThumbnailQueue *thumbnails)
{
  RushesWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RUSHES_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (RUSHES_IS_THUMBNAIL_QUEUE (thumbnails), NULL);
  g_return_val_if_fail (rushes_engine_get_settings (engine) != NULL, NULL);

  self = g_object_new (RUSHES_TYPE_WINDOW,
                       "application", application,
                       NULL);
  rushes_window_setup (self, engine, thumbnails);

  return self;
}

/**
 * rushes_window_get_composer:
 * @self: a #RushesWindow
 *
 * Returns: (transfer none): the composer pane
 */
RushesComposer *
rushes_window_get_composer (RushesWindow *self)
{
  g_return_val_if_fail (RUSHES_IS_WINDOW (self), NULL);

  return self->composer;
}
