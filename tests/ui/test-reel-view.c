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

#define G_LOG_DOMAIN "test-reel-view"

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>

#include "rushes-application.h"
#include "rushes-composer.h"
#include "rushes-library-view.h"
#include "rushes-paintable.h"
#include "rushes-player-private.h"
#include "rushes-player-view.h"
#include "rushes-providers.h"
#include "rushes-reel-tile.h"
#include "rushes-reel-view.h"
#include "rushes-sandbox-renderer.h"
#include "rushes-test-player.h"
#include "rushes-test-utils.h"
#include "rushes-trim-bar.h"
#include "rushes-window.h"

/* The Reels panel in the running app, over a library of Sandbox clips
 * rendered once for the whole program: reels made, filled, reordered,
 * trimmed, given crossfades, played through GES in the preview, rendered
 * and handed off, and what a deleted clip leaves behind. Renders the
 * screenshots of the reel view. */

#define N_CLIPS 5
#define CLIP_SECONDS 4
/* GES renders and Sandbox clips on two shared cores */
#define LONG_WAIT 180

typedef struct
{
  const char *prompt;
  guint       width;
  guint       height;
  const char *aspect;
} ClipSpec;

static const ClipSpec clip_specs[N_CLIPS] = {
  { "A lighthouse at dusk, waves breaking below", 640, 360, "16:9" },
  { "A fox running through fresh snow", 360, 640, "9:16" },
  { "Paper lanterns rising over a lake", 480, 480, "1:1" },
  { "Neon city seen from a moving tram", 640, 360, "16:9" },
  { "Dew on a spider web at dawn, macro", 640, 360, "16:9" },
};

static char *clip_cache;           /* the rendered clips, shared by every test */
static char *task_ids[N_CLIPS];

typedef void (*ReelTestFunc) (RushesApplication *app,
                              RushesWindow      *window,
                              RushesReelView    *view);

/* Clips, once ---------------------------------------------------------------- */

static void
render_clips (void)
{
  clip_cache = g_test_build_filename (G_TEST_BUILT, "reel-view-clips", NULL);
  g_assert_cmpint (g_mkdir_with_parents (clip_cache, 0700), ==, 0);

  for (guint i = 0; i < N_CLIPS; i++)
    {
      g_autofree char *name = g_strdup_printf ("clip-%u.mp4", i);
      g_autofree char *path = g_build_filename (clip_cache, name, NULL);
      g_autoptr(GFile) output = g_file_new_for_path (path);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      task_ids[i] = g_strdup_printf ("20261120-10%02u00-%04x", i, 0xa0 + i);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      rushes_sandbox_render_async (clip_specs[i].prompt, NULL, clip_specs[i].width, clip_specs[i].height,
                                   CLIP_SECONDS, output, NULL, NULL, NULL, NULL, rushes_test_store_result_cb, &result);
      g_assert_true (rushes_sandbox_render_finish (rushes_test_await_for (LONG_WAIT, &result), &error));
      g_assert_no_error (error);
    }
}

/* The library as the app and rushes-cli leave it, the clips copied in. */
static void
write_library (void)
{
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "rushes", "library", NULL);

  for (guint i = 0; i < N_CLIPS; i++)
    {
      g_autofree char *folder = g_build_filename (library, task_ids[i], NULL);
      g_autofree char *json_path = g_build_filename (folder, "task.json", NULL);
      g_autofree char *name = g_strdup_printf ("clip-%u.mp4", i);
      g_autofree char *source_path = g_build_filename (clip_cache, name, NULL);
      g_autofree char *video_path = g_build_filename (folder, "video.mp4", NULL);
      g_autoptr(GFile) source = g_file_new_for_path (source_path);
      g_autoptr(GFile) video = g_file_new_for_path (video_path);
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      json = g_strdup_printf ("{\"version\": 1, \"id\": \"%s\", \"model\": \"sandbox/preview\", \"provider\": \"sandbox\","
                              " \"state\": \"succeeded\", \"prompt\": \"%s\","
                              " \"params\": {\"aspect_ratio\": \"%s\", \"duration\": %u, \"resolution\": \"480p\", \"image\": null},"
                              " \"remote_id\": \"sandbox-%u\", \"created_at\": \"2026-11-20T10:%02u:00.000Z\","
                              " \"finished_at\": \"2026-11-20T10:%02u:05.000Z\", \"progress\": 1.0, \"cost_usd\": 0.0,"
                              " \"video\": \"video.mp4\", \"error\": null, \"remote_token\": null, \"input\": null}",
                              task_ids[i], clip_specs[i].prompt, clip_specs[i].aspect, CLIP_SECONDS, i, i, i);
      g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
      g_assert_true (g_file_copy (source, video, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Running the app -------------------------------------------------------------- */

static gboolean
view_ready (gpointer data)
{
  RushesApplication *app = data;

  return !rushes_library_get_loading (rushes_engine_get_library (rushes_application_get_engine (app)));
}

static gboolean
reels_loaded (gpointer data)
{
  return rushes_reel_view_get_loaded (data);
}

static void
run_test_cb (GApplication *application,
             gpointer      user_data)
{
  ReelTestFunc func = user_data;
  RushesWindow *window = RUSHES_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  RushesReelView *view = RUSHES_REEL_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_REEL_VIEW, NULL));
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (rushes_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON,
                                                                        "reels-button"));
  GList *windows;

  g_assert_nonnull (view);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));

  /* The Reels button in the header bar shows the panel */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_toggle_button_set_active (button, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  rushes_test_wait_until (view_ready, application, "the library is loaded");
  rushes_test_wait_until (reels_loaded, view, "the reels are read");
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);

  func (RUSHES_APPLICATION (application), window, view);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));

  g_application_quit (application);
}

static void
run_reel_test (gconstpointer data)
{
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  RushesApplication *app;

  write_library ();
  rushes_test_init_system_data ();
  app = rushes_application_new ();
  rushes_application_set_secret_store (app, secrets);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "startup", G_CALLBACK (rushes_test_add_icon_theme_path), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_test_cb), (gpointer) data);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_finalize_object (app);
}

/* Helpers -------------------------------------------------------------------- */

static GtkWidget *
child (RushesReelView *view,
       const char     *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), RUSHES_TYPE_REEL_VIEW, name));
}

static const char *
label_text (RushesReelView *view,
            const char     *name)
{
  return gtk_label_get_label (GTK_LABEL (child (view, name)));
}

static void
activate (RushesReelView *view,
          const char     *action,
          GVariant       *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (view), action, parameter));
}

/* An action's state, as the buttons bound to it show it */
static gboolean
sensitive (RushesReelView *view,
           const char     *button)
{
  return gtk_widget_get_sensitive (child (view, button));
}

/* Every clip probed and the reel laid out */
static gboolean
laid_out (gpointer data)
{
  RushesReelView *view = data;
  const char *summary = label_text (view, "summary_label");

  return strstr (summary, " s") != NULL && strstr (summary, "·") != NULL;
}

static double
summary_seconds (RushesReelView *view)
{
  const char *summary = strstr (label_text (view, "summary_label"), "· ");

  g_assert_nonnull (summary);
  return g_ascii_strtod (summary + strlen ("· "), NULL);
}

static RushesReelTile *
tile_at (RushesReelView *view,
         guint           position)
{
  g_autoptr(GPtrArray) tiles = rushes_test_find_widgets (child (view, "strip_box"), RUSHES_TYPE_REEL_TILE);

  g_assert_cmpuint (position, <, tiles->len);
  return g_ptr_array_index (tiles, position);
}

static guint
n_tiles (RushesReelView *view)
{
  g_autoptr(GPtrArray) tiles = rushes_test_find_widgets (child (view, "strip_box"), RUSHES_TYPE_REEL_TILE);

  return tiles->len;
}

static RushesTask *
library_task (RushesApplication *app,
              guint              i)
{
  return rushes_library_lookup (rushes_engine_get_library (rushes_application_get_engine (app)), task_ids[i]);
}

/* The reel as rushes-cli reads it from its file */
static RushesReel *
reel_on_disk (RushesApplication *app,
              RushesReel        *reel)
{
  RushesReelStore *store = rushes_engine_get_reel_store (rushes_application_get_engine (app));
  g_autoptr(GFile) file = rushes_reel_store_get_file (store, rushes_reel_get_id (reel));

  return rushes_reel_load (file, NULL, NULL);
}

typedef struct
{
  RushesApplication *app;
  RushesReel        *reel;
  guint              n_entries;
  const char        *first;
} DiskWait;

static gboolean
saved_as (gpointer data)
{
  DiskWait *wait = data;
  g_autoptr(RushesReel) saved = reel_on_disk (wait->app, wait->reel);

  return saved != NULL && rushes_reel_get_n_entries (saved) == wait->n_entries &&
         (wait->first == NULL ||
          g_str_equal (rushes_reel_entry_get_task_id (rushes_reel_get_entry (saved, 0)), wait->first)) &&
         g_str_equal (rushes_reel_get_name (saved), rushes_reel_get_name (wait->reel));
}

static void
assert_saved (RushesApplication *app,
              RushesReel        *reel,
              const char        *first)
{
  DiskWait wait = { app, reel, rushes_reel_get_n_entries (reel), first };

  rushes_test_wait_until (saved_as, &wait, "the reel's file says what the view shows");
}

static RushesReel *
fill_reel (RushesReelView *view,
           guint           n)
{
  RushesReel *reel;

  activate (view, "reel.new", NULL);
  reel = rushes_reel_view_get_reel (view);
  g_assert_nonnull (reel);
  for (guint i = 0; i < n; i++)
    activate (view, "reel.add-clip", g_variant_new_string (task_ids[i]));
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, n);
  rushes_test_wait_until (laid_out, view, "the reel is laid out");

  return reel;
}

static gboolean
toplevel_shown (gpointer data)
{
  return rushes_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gpointer
await_toplevel (GType type)
{
  rushes_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), "a dialog is shown");
  return rushes_test_find_toplevel (type);
}

static RushesPlayer *
preview_player (RushesWindow *window)
{
  GtkWidget *player_view = rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_PLAYER_VIEW, NULL);

  return rushes_player_view_get_player (RUSHES_PLAYER_VIEW (player_view));
}

static gboolean
view_idle (gpointer data)
{
  return !rushes_reel_view_get_busy (data);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_query_exists (data, NULL);
}

/* The last clip is out of the library */
static gboolean
last_clip_gone (gpointer data)
{
  return library_task (data, N_CLIPS - 1) == NULL;
}

static gboolean
crossfade_saved (gpointer data)
{
  DiskWait *wait = data;
  g_autoptr(RushesReel) saved = reel_on_disk (wait->app, wait->reel);

  return saved != NULL && rushes_reel_get_n_entries (saved) > 1 &&
         rushes_reel_entry_get_transition_duration (rushes_reel_get_entry (saved, 1)) == G_TIME_SPAN_SECOND;
}

/* Cases ---------------------------------------------------------------------- */

/* A reel made, filled, reordered, thinned, renamed, deleted; its file
 * follows every step. */
static void
reel_view_edits (RushesApplication *app,
                 RushesWindow      *window,
                 RushesReelView    *view)
{
  GtkStack *strip_stack = GTK_STACK (child (view, "strip_stack"));
  g_autofree char *trailer_id = NULL;
  g_autoptr(GFile) trailer_file = NULL;
  AdwMessageDialog *dialog;
  RushesReel *reel;

  /* No reel yet: the panel says what reels are for */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (strip_stack), ==, "no-reel");
  g_object_unref (rushes_test_render_widget (GTK_WIDGET (window), "reel-none.png"));
  g_assert_cmpuint (g_list_model_get_n_items (rushes_reel_view_get_reels (view)), ==, 0);
  g_assert_false (sensitive (view, "play_button"));

  activate (view, "reel.new", NULL);
  reel = rushes_reel_view_get_reel (view);
  g_assert_nonnull (reel);
  g_assert_cmpstr (rushes_reel_get_name (reel), ==, "Reel 1");
  g_assert_cmpstr (label_text (view, "name_label"), ==, "Reel 1");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (strip_stack), ==, "empty");
  assert_saved (app, reel, NULL);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  g_object_unref (rushes_test_render_widget (GTK_WIDGET (window), "reel-empty.png"));

  for (guint i = 0; i < 3; i++)
    activate (view, "reel.add-clip", g_variant_new_string (task_ids[i]));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (strip_stack), ==, "strip");
  g_assert_cmpuint (n_tiles (view), ==, 3);
  rushes_test_wait_until (laid_out, view, "the reel is laid out");
  g_assert_nonnull (strstr (label_text (view, "summary_label"), "3 clips"));
  g_assert_cmpfloat (ABS (summary_seconds (view) - 3 * CLIP_SECONDS), <, 0.3);
  g_assert_true (sensitive (view, "play_button"));
  g_assert_true (sensitive (view, "render_button"));
  assert_saved (app, reel, task_ids[0]);

  /* The first clip to the end: 1, 2, 0, and it stays selected */
  activate (view, "reel.move-clip", g_variant_new ("(uu)", 0, 2));
  g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, 0)), ==, task_ids[1]);
  g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, 2)), ==, task_ids[0]);
  g_assert_true (rushes_reel_tile_get_entry (tile_at (view, 2)) == rushes_reel_get_entry (reel, 2));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tile_at (view, 2)), "selected"));
  assert_saved (app, reel, task_ids[1]);

  /* What Delete does: the selected clip goes, the next one is selected */
  activate (view, "reel.select-clip", g_variant_new_uint32 (0));
  activate (view, "reel.remove-clip", NULL);
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 2);
  g_assert_cmpuint (n_tiles (view), ==, 2);
  g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, 0)), ==, task_ids[2]);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tile_at (view, 0)), "selected"));
  g_assert_cmpfloat (ABS (summary_seconds (view) - 2 * CLIP_SECONDS), <, 0.3);
  assert_saved (app, reel, task_ids[2]);

  /* Renamed */
  activate (view, "reel.rename", NULL);
  dialog = await_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "  Trailer ");
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (rushes_reel_get_name (reel), ==, "Trailer");
  g_assert_cmpstr (label_text (view, "name_label"), ==, "Trailer");
  assert_saved (app, reel, task_ids[2]);
  trailer_id = g_strdup (rushes_reel_get_id (reel));
  trailer_file = rushes_reel_store_get_file (rushes_engine_get_reel_store (rushes_application_get_engine (app)), trailer_id);

  /* A second reel, then back to the first */
  activate (view, "reel.new", NULL);
  g_assert_cmpstr (rushes_reel_get_name (rushes_reel_view_get_reel (view)), ==, "Reel 2");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (strip_stack), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (rushes_reel_view_get_reels (view)), ==, 2);
  activate (view, "reel.open", g_variant_new_string (trailer_id));
  g_assert_true (rushes_reel_view_get_reel (view) == reel);
  g_assert_cmpuint (n_tiles (view), ==, 2);

  /* Deleted, once confirmed: its file goes, its clips stay */
  activate (view, "reel.delete", NULL);
  dialog = await_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (rushes_reel_view_get_reels (view)), ==, 1);
  g_assert_cmpstr (rushes_reel_get_name (rushes_reel_view_get_reel (view)), ==, "Reel 2");
  rushes_test_wait_until (file_gone, trailer_file, "the reel's file is deleted");
  g_assert_nonnull (library_task (app, 2));
}

typedef struct
{
  RushesPlayer *player;
  GFile        *video;
  gint64        position;   /* ns */
} PreviewWait;

/* The preview shows that frame of that video, and nothing is pending */
static gboolean
preview_shows (gpointer data)
{
  PreviewWait *wait = data;
  GFile *shown = rushes_player_get_file (wait->player);

  return shown != NULL && g_file_equal (shown, wait->video) && rushes_test_player_settled (wait->player) &&
         ABS (rushes_player_get_position (wait->player) - wait->position) <= GST_MSECOND;
}

static GtkDropTarget *
strip_drop_target (RushesReelView *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (child (view, "strip_stack"));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  g_assert_not_reached ();
}

/* What a drop on the strip delivers, at @x in the strip */
static gboolean
drop (RushesReelView *view,
      GType           type,
      gpointer        object,
      double          x)
{
  GtkDropTarget *target = strip_drop_target (view);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  double stack_x = 0, stack_y = 0;

  g_assert_true (gtk_widget_translate_coordinates (child (view, "strip_box"), child (view, "strip_stack"),
                                                   x, 10, &stack_x, &stack_y));
  g_value_init (&value, type);
  g_value_set_object (&value, object);
  g_signal_emit_by_name (target, "drop", &value, stack_x, stack_y, &accepted);

  return accepted;
}

static double
tile_middle (RushesReelView *view,
             guint           position)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (tile_at (view, position)), child (view, "strip_box"), &bounds));
  return bounds.origin.x + bounds.size.width / 2;
}

/* Drag and drop: a clip from the gallery (its video file) lands where it
 * is dropped; a clip of the strip dropped elsewhere moves there; a file
 * that is not a finished clip of the library is refused. */
static void
reel_view_drops (RushesApplication *app,
                 RushesWindow      *window,
                 RushesReelView    *view)
{
  RushesReel *reel = fill_reel (view, 2);
  g_autofree char *stranger_path = g_build_filename (g_get_user_data_dir (), "elsewhere.mp4", NULL);
  g_autoptr(GFile) stranger = g_file_new_for_path (stranger_path);
  RushesReelEntry *moving;

  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);

  /* Between the two clips */
  g_assert_true (drop (view, G_TYPE_FILE, rushes_task_get_video_file (library_task (app, 3)), tile_middle (view, 0) + 80));
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 3);
  g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, 1)), ==, task_ids[3]);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);

  /* Before the first */
  g_assert_true (drop (view, G_TYPE_FILE, rushes_task_get_video_file (library_task (app, 4)), 1));
  g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, 0)), ==, task_ids[4]);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);

  /* The first clip dragged past the last: 3, 1, 0, 4 → … 4 at the end */
  moving = rushes_reel_get_entry (reel, 0);
  g_assert_true (drop (view, RUSHES_TYPE_REEL_ENTRY, moving, tile_middle (view, 3) + 40));
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 4);
  g_assert_true (rushes_reel_get_entry (reel, 3) == moving);
  g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, 0)), ==, task_ids[0]);
  assert_saved (app, reel, task_ids[0]);

  /* Not a clip of the library */
  g_assert_true (g_file_set_contents (stranger_path, "not a library clip", -1, NULL));
  g_assert_false (drop (view, G_TYPE_FILE, stranger, 1));
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 4);
}

/* Trim handles snap to frames, the numbers follow the drag, the reel
 * changes once the handle is let go of, and the preview shows the frame
 * the handle stands on. */
static void
reel_view_trim (RushesApplication *app,
                RushesWindow      *window,
                RushesReelView    *view)
{
  RushesTrimBar *bar = RUSHES_TRIM_BAR (child (view, "trim_bar"));
  RushesPlayer *player = preview_player (window);
  RushesReel *reel = fill_reel (view, 2);
  RushesReelEntry *entry;
  double before = summary_seconds (view);
  gint64 duration, frame;
  g_autofree char *whole = NULL;

  activate (view, "reel.select-clip", g_variant_new_uint32 (1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (view, "inspector_stack"))), ==, "clip");
  g_assert_cmpstr (label_text (view, "clip_title"), ==, "Clip 2");
  duration = rushes_trim_bar_get_duration (bar);
  frame = rushes_trim_bar_get_frame_duration (bar);
  g_assert_cmpint (ABS (duration - CLIP_SECONDS * G_TIME_SPAN_SECOND), <, 100 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (frame, ==, G_TIME_SPAN_SECOND / 30);
  whole = g_strdup_printf ("In 0.00 s · Out %.2f s · %.2f s of %.2f s", duration / 1e6, duration / 1e6, duration / 1e6);
  g_assert_cmpstr (label_text (view, "trim_label"), ==, whole);

  /* Selecting a clip shows it in the preview, on its first frame */
  {
    PreviewWait wait = { player, rushes_task_get_video_file (library_task (app, 1)), 0 };

    rushes_test_wait_until (preview_shows, &wait, "the clip is shown");
  }

  /* Off the frame grid: on it */
  rushes_trim_bar_move_handle (bar, RUSHES_TRIM_HANDLE_IN, 507 * G_TIME_SPAN_MILLISECOND, TRUE);
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_in_point (entry), ==, 500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (rushes_reel_entry_get_out_point (entry), ==, -1);

  /* Dragging: the numbers move, the reel does not yet */
  rushes_trim_bar_move_handle (bar, RUSHES_TRIM_HANDLE_OUT, 3 * G_TIME_SPAN_SECOND, FALSE);
  g_assert_true (g_str_has_prefix (label_text (view, "trim_label"), "In 0.50 s · Out 3.00 s · 2.50 s of"));
  g_assert_cmpint (rushes_reel_entry_get_out_point (rushes_reel_get_entry (reel, 1)), ==, -1);

  rushes_trim_bar_move_handle (bar, RUSHES_TRIM_HANDLE_OUT, 3 * G_TIME_SPAN_SECOND, TRUE);
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_out_point (entry), ==, 3 * G_TIME_SPAN_SECOND);
  g_assert_true (g_str_has_prefix (label_text (view, "trim_label"), "In 0.50 s · Out 3.00 s · 2.50 s of"));
  g_assert_cmpfloat (ABS (summary_seconds (view) - (before - duration / 1e6 + 2.5)), <, 0.011);
  assert_saved (app, reel, task_ids[0]);

  /* The preview stands on the last kept frame, exactly */
  {
    PreviewWait wait = { player, rushes_task_get_video_file (library_task (app, 1)), 3 * GST_SECOND - GST_SECOND / 30 };

    rushes_test_wait_until (preview_shows, &wait, "the last kept frame is shown");
  }
  g_assert_false (rushes_player_get_playing (player));

  /* A handle cannot cross the other one */
  rushes_trim_bar_move_handle (bar, RUSHES_TRIM_HANDLE_IN, 3 * G_TIME_SPAN_SECOND, TRUE);
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_in_point (entry), <, rushes_reel_entry_get_out_point (entry));
  g_assert_cmpint (rushes_reel_entry_get_out_point (entry) - rushes_reel_entry_get_in_point (entry), >=,
                   100 * G_TIME_SPAN_MILLISECOND);

  /* The whole clip again */
  activate (view, "reel.reset-trim", NULL);
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_in_point (entry), ==, -1);
  g_assert_cmpint (rushes_reel_entry_get_out_point (entry), ==, -1);
  g_assert_cmpstr (label_text (view, "trim_label"), ==, whole);
  g_assert_cmpfloat (ABS (summary_seconds (view) - before), <, 0.011);
}

/* The join between two clips: a cut, or a crossfade that shortens the reel
 * by its length. */
static void
reel_view_transition (RushesApplication *app,
                      RushesWindow      *window,
                      RushesReelView    *view)
{
  RushesReel *reel = fill_reel (view, 3);
  GtkAdjustment *fade = GTK_ADJUSTMENT (gtk_widget_get_template_child (GTK_WIDGET (view), RUSHES_TYPE_REEL_VIEW,
                                                                       "fade_adjustment"));
  double total = summary_seconds (view);
  g_autofree char *value = NULL;
  RushesReelEntry *entry;

  activate (view, "reel.select-join", g_variant_new_uint32 (1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (view, "inspector_stack"))), ==, "cut");
  g_assert_cmpstr (label_text (view, "cut_title"), ==, "Clips 2 → 3");
  g_object_get (view, "transition", &value, NULL);
  g_assert_cmpstr (value, ==, "cut");
  g_assert_false (gtk_widget_get_sensitive (child (view, "fade_spin")));

  activate (view, "reel.transition", g_variant_new_string ("crossfade"));
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_transition (entry), ==, RUSHES_REEL_TRANSITION_CROSSFADE);
  g_assert_cmpint (rushes_reel_entry_get_transition_duration (entry), ==, 500 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (gtk_widget_get_sensitive (child (view, "fade_spin")));
  g_assert_cmpfloat (ABS (summary_seconds (view) - (total - 0.5)), <, 0.011);
  g_assert_nonnull (strstr (label_text (view, "cut_note"), "0.50 s shorter"));
  /* Never longer than the clips leave room for */
  g_assert_cmpfloat (gtk_adjustment_get_upper (fade), <, CLIP_SECONDS);

  gtk_adjustment_set_value (fade, 1.0);
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_transition_duration (entry), ==, G_TIME_SPAN_SECOND);
  g_assert_cmpfloat (ABS (summary_seconds (view) - (total - 1.0)), <, 0.011);
  {
    DiskWait wait = { app, reel, 3, task_ids[0] };

    rushes_test_wait_until (crossfade_saved, &wait, "the crossfade is saved");
  }

  /* A cut again: the reel's whole length */
  activate (view, "reel.transition", g_variant_new_string ("cut"));
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_transition (entry), ==, RUSHES_REEL_TRANSITION_CUT);
  g_assert_cmpfloat (ABS (summary_seconds (view) - total), <, 0.011);
  g_assert_false (gtk_widget_get_sensitive (child (view, "fade_spin")));
}

static gboolean
reel_playing (gpointer data)
{
  RushesPlayer *player = data;

  return rushes_player_get_pipeline (player) != NULL && rushes_test_player_settled (player) &&
         rushes_player_get_playing (player) && rushes_player_get_position (player) > 500 * GST_MSECOND;
}

/* Play: the whole reel as one piece in the preview, through GES. */
static void
reel_view_plays (RushesApplication *app,
                 RushesWindow      *window,
                 RushesReelView    *view)
{
  RushesPlayer *player = preview_player (window);
  RushesReel *reel = fill_reel (view, 3);
  GdkTexture *texture;

  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CROSSFADE, 500 * G_TIME_SPAN_MILLISECOND, NULL));
  activate (view, "reel.play", NULL);
  rushes_test_wait_until_for (LONG_WAIT, reel_playing, player, "the reel plays in the preview");
  g_assert_no_error (rushes_player_get_error (player));
  g_assert_null (rushes_player_get_uri (player));
  g_assert_cmpint (ABS (rushes_player_get_duration (player) - (3 * CLIP_SECONDS - 0.5) * GST_SECOND), <, 200 * GST_MSECOND);

  /* The first clip's frame */
  texture = rushes_paintable_get_texture (RUSHES_PAINTABLE (rushes_player_get_paintable (player)));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, clip_specs[0].width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, clip_specs[0].height);
  g_assert_false (rushes_player_get_loop (player));
  rushes_player_pause (player);
}

/* A clip a reel uses is not deleted unasked; once it is, the reel shows
 * the gap and will not be played or rendered over it. */
static void
reel_view_delete_asks (RushesApplication *app,
                       RushesWindow      *window,
                       RushesReelView    *view)
{
  GtkWidget *library_view = rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_LIBRARY_VIEW, NULL);
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (app));
  RushesReel *reel = fill_reel (view, 3);
  g_autoptr(RushesTask) used = g_object_ref (library_task (app, 1));
  g_autoptr(RushesTask) unused = g_object_ref (library_task (app, N_CLIPS - 1));
  g_autofree char *output_path = g_build_filename (g_get_user_data_dir (), "gap.mp4", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (output_path);
  AdwMessageDialog *dialog;

  rushes_reel_set_name (reel, "Trailer");
  assert_saved (app, reel, task_ids[0]);

  /* Asked, naming the reel; Cancel keeps the clip */
  g_signal_emit_by_name (library_view, "delete-task", used);
  dialog = await_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Move Clip to Trash?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Trailer”"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (rushes_library_lookup (library, task_ids[1]) == used);
  g_assert_false (rushes_reel_tile_is_gap (tile_at (view, 1)));

  /* Moved to the trash: a gap in its place */
  g_signal_emit_by_name (library_view, "delete-task", used);
  dialog = await_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "trash");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (rushes_library_lookup (library, task_ids[1]));
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 3);
  g_assert_true (rushes_reel_tile_is_gap (tile_at (view, 1)));
  g_assert_false (rushes_reel_tile_is_gap (tile_at (view, 0)));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "gap_revealer"))));
  g_assert_nonnull (strstr (label_text (view, "gap_label"), "1 clip of this reel is no longer in the library"));
  g_assert_false (sensitive (view, "play_button"));
  g_assert_false (sensitive (view, "render_button"));
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  g_object_unref (rushes_test_render_widget (GTK_WIDGET (window), "reel-gap.png"));

  /* Rendering refuses, and writes nothing */
  rushes_reel_view_render (view, output, RUSHES_REEL_FORMAT_MP4);
  rushes_test_wait_until (view_idle, view, "the render is refused");
  g_assert_false (g_file_query_exists (output, NULL));

  /* A clip no reel uses goes at once */
  g_signal_emit_by_name (library_view, "delete-task", unused);
  rushes_test_wait_until (last_clip_gone, app, "the unused clip is moved to the trash");
  g_assert_null (rushes_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The gap removed, the reel plays again */
  activate (view, "reel.remove-gaps", NULL);
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 2);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "gap_revealer"))));
  g_assert_true (sensitive (view, "play_button"));
}

static double
discover_seconds (GFile *file,
                  int   *width,
                  int   *height)
{
  g_autoptr(GstDiscoverer) discoverer = gst_discoverer_new (30 * GST_SECOND, NULL);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GstDiscovererInfo) info = gst_discoverer_discover_uri (discoverer, uri, NULL);
  GList *videos;

  g_assert_nonnull (info);
  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_nonnull (videos);
  *width = gst_discoverer_video_info_get_width (videos->data);
  *height = gst_discoverer_video_info_get_height (videos->data);
  gst_discoverer_stream_info_list_free (videos);

  return gst_discoverer_info_get_duration (info) / (double) GST_SECOND;
}

static gboolean
nothing_hidden_in (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      return FALSE;

  return TRUE;
}

/* Render…, its Cancel, and Export for Editors, off the main thread. */
static void
reel_view_outputs (RushesApplication *app,
                   RushesWindow      *window,
                   RushesReelView    *view)
{
  RushesReel *reel = fill_reel (view, 3);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "renders", NULL);
  g_autofree char *video_path = g_build_filename (folder, "Reel 1.mp4", NULL);
  g_autofree char *cancelled_path = g_build_filename (folder, "cancelled.webm", NULL);
  g_autofree char *otio_path = g_build_filename (folder, "Reel 1.otio", NULL);
  g_autofree char *mlt_path = g_build_filename (folder, "Reel 1.mlt", NULL);
  g_autoptr(GFile) video = g_file_new_for_path (video_path);
  g_autoptr(GFile) cancelled = g_file_new_for_path (cancelled_path);
  g_autoptr(GFile) otio = g_file_new_for_path (otio_path);
  g_autoptr(GFile) mlt = g_file_new_for_path (mlt_path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (rushes_reel_set_transition (reel, 1, RUSHES_REEL_TRANSITION_CROSSFADE, 500 * G_TIME_SPAN_MILLISECOND, NULL));

  rushes_reel_view_render (view, video, RUSHES_REEL_FORMAT_MP4);
  g_assert_true (rushes_reel_view_get_busy (view));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "render_revealer"))));
  g_assert_false (sensitive (view, "render_button"));
  rushes_test_wait_until_for (LONG_WAIT, view_idle, view, "the reel is rendered");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (view, "render_revealer"))));
  g_assert_true (g_file_query_exists (video, NULL));
  /* The first clip's frame, the reel's length less the crossfade */
  g_assert_cmpfloat (ABS (discover_seconds (video, &width, &height) - (3 * CLIP_SECONDS - 0.5)), <, 0.3);
  g_assert_cmpint (width, ==, clip_specs[0].width);
  g_assert_cmpint (height, ==, clip_specs[0].height);

  /* Cancelled: nothing left, not even a temporary file */
  rushes_reel_view_render (view, cancelled, RUSHES_REEL_FORMAT_WEBM);
  activate (view, "reel.cancel-render", NULL);
  rushes_test_wait_until_for (LONG_WAIT, view_idle, view, "the render stops");
  g_assert_false (g_file_query_exists (cancelled, NULL));
  rushes_test_wait_until (nothing_hidden_in, folder, "no temporary file is left");

  rushes_reel_view_export (view, otio, "otio");
  rushes_test_wait_until (view_idle, view, "the OpenTimelineIO file is written");
  g_assert_true (json_parser_load_from_file (parser, otio_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "OTIO_SCHEMA"),
                   ==, "Timeline.1");

  rushes_reel_view_export (view, mlt, "mlt");
  rushes_test_wait_until (view_idle, view, "the MLT project is written");
  g_assert_true (g_file_get_contents (mlt_path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "<mlt"));
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (xml, task_ids[i]));
}

typedef struct
{
  RushesComposer *composer;
} ComposerWait;

static gboolean
start_image_set (gpointer data)
{
  g_autoptr(RushesGenerationParams) params = rushes_composer_dup_params (data);

  return rushes_generation_params_get_value (params, RUSHES_CONTROL_IMAGE) != NULL;
}

/* Next Shot from Last Frame: the reel's last frame starts the composer's
 * next generation. */
static void
reel_view_next_shot (RushesApplication *app,
                     RushesWindow      *window,
                     RushesReelView    *view)
{
  RushesComposer *composer = rushes_window_get_composer (window);
  RushesReel *reel = fill_reel (view, 2);
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GdkTexture) frame = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  g_assert_true (rushes_composer_select_model (composer, "sandbox/preview"));
  g_assert_true (rushes_reel_set_trim (reel, 1, -1, 3 * G_TIME_SPAN_SECOND, NULL));
  g_assert_true (sensitive (view, "next_shot_button"));

  activate (view, "reel.next-shot", NULL);
  rushes_test_wait_until (start_image_set, composer, "the composer has a start image");
  params = rushes_composer_dup_params (composer);
  path = rushes_generation_params_get_value (params, RUSHES_CONTROL_IMAGE);

  /* The last clip's own frame, at its size */
  frame = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (frame), ==, clip_specs[1].width);
  g_assert_cmpint (gdk_texture_get_height (frame), ==, clip_specs[1].height);
}

static gboolean
in_crossfade (gpointer data)
{
  RushesPlayer *player = data;
  gint64 position = rushes_player_get_position (player);

  return rushes_test_player_settled (player) && rushes_player_get_playing (player) &&
         position > 7750 * GST_MSECOND && position < 8000 * GST_MSECOND;
}

static gboolean
posters_shown (gpointer data)
{
  for (guint i = 0; i < n_tiles (data); i++)
    {
      GtkStack *posters = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (tile_at (data, i)),
                                                                    RUSHES_TYPE_REEL_TILE, "poster_stack"));

      if (g_strcmp0 (gtk_stack_get_visible_child_name (posters), "poster") != 0)
        return FALSE;
    }

  return TRUE;
}

/* The screenshots of the README: five clips with a crossfade selected, and
 * the reel playing in the preview pane. */
static void
reel_view_screenshots (RushesApplication *app,
                       RushesWindow      *window,
                       RushesReelView    *view)
{
  RushesPlayer *player = preview_player (window);
  RushesReel *reel = fill_reel (view, N_CLIPS);
  g_autoptr(GdkTexture) strip = NULL;
  g_autoptr(GdkTexture) playing = NULL;

  /* Renders show where things end up, not a crossfade of the preview's
   * pages or of the inspector half done. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  rushes_reel_set_name (reel, "Lighthouse teaser");
  g_assert_true (rushes_reel_set_transition (reel, 1, RUSHES_REEL_TRANSITION_CROSSFADE, 500 * G_TIME_SPAN_MILLISECOND, NULL));
  g_assert_true (rushes_reel_set_transition (reel, 3, RUSHES_REEL_TRANSITION_CROSSFADE, G_TIME_SPAN_SECOND, NULL));
  g_assert_true (rushes_reel_set_trim (reel, 2, 500 * G_TIME_SPAN_MILLISECOND, 3500 * G_TIME_SPAN_MILLISECOND, NULL));
  activate (view, "reel.select-join", g_variant_new_uint32 (1));
  g_assert_cmpuint (n_tiles (view), ==, N_CLIPS);

  /* Posters are made and decoded in threads */
  rushes_test_wait_until_for (LONG_WAIT, posters_shown, view, "every tile shows its poster");
  /* 1280×800 inside the frame that the window's default size counts */
  gtk_window_set_default_size (GTK_WINDOW (window), 1290, 810);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  strip = rushes_test_render_widget (GTK_WIDGET (window), "reel-5-clips-1280x800.png");
  g_assert_cmpint (gdk_texture_get_width (strip), ==, 1280);
  g_assert_cmpint (gdk_texture_get_height (strip), ==, 800);

  activate (view, "reel.play", NULL);
  rushes_test_wait_until_for (LONG_WAIT, reel_playing, player, "the reel plays in the preview");

  /* In the middle of the crossfade from clip 2 into clip 3 */
  rushes_player_seek (player, 7700 * GST_MSECOND);
  rushes_test_wait_until_for (LONG_WAIT, in_crossfade, player, "the reel plays its crossfade");
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);
  playing = rushes_test_render_widget (GTK_WIDGET (window), "reel-playing-1280x800.png");
  rushes_player_pause (player);
}

int
main (int   argc,
      char *argv[])
{
  rushes_test_quiet_audio_sinks ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (&argc, &argv);
  rushes_providers_register_builtin ();
  render_clips ();

  g_test_add_data_func ("/rushes/reel-view/edits", reel_view_edits, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/drops", reel_view_drops, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/trim", reel_view_trim, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/transition", reel_view_transition, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/plays", reel_view_plays, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/delete-asks", reel_view_delete_asks, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/outputs", reel_view_outputs, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/next-shot", reel_view_next_shot, run_reel_test);
  g_test_add_data_func ("/rushes/reel-view/screenshots", reel_view_screenshots, run_reel_test);

  return g_test_run ();
}
