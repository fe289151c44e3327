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

#define G_LOG_DOMAIN "test-player-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rushes-providers.h"
#include "rushes-paintable.h"
#include "rushes-player-private.h"
#include "rushes-player-view.h"
#include "rushes-test-player.h"
#include "rushes-test-utils.h"

/* The preview pane's smallest width (rushes-window.ui). */
#define PANE_MIN_WIDTH 260

static const char *clip_path;

typedef struct
{
  GtkWindow        *window;
  RushesPlayerView *view;
  RushesPlayer     *player;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay;

  rushes_test_init_system_data ();

  /* GTK inside the first test, with the application's own stylesheet. */
  rushes_test_start_gtk_styled ();

  fixture->view = RUSHES_PLAYER_VIEW (rushes_player_view_new ());
  fixture->player = rushes_player_view_get_player (fixture->view);

  /* The preview pane: a view background, a toast overlay above. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->view));
  gtk_widget_add_css_class (overlay, "pane");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 420, 600);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  g_object_add_weak_pointer (G_OBJECT (fixture->player), (gpointer *) &fixture->player);

  gtk_window_destroy (fixture->window);

  g_assert_null (fixture->view);
  g_assert_null (fixture->player);
}

static void
load (Fixture    *fixture,
      const char *path,
      const char *title)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rushes_player_view_set_file (fixture->view, file, title);
  rushes_test_wait_until (rushes_test_player_settled, fixture->player, "the clip is loaded");
}

static void
view_controls (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *play_button;
  GtkWidget *loop_button;
  g_autoptr(GPtrArray) buttons = NULL;
  int minimum;

  load (fixture, clip_path, NULL);
  g_assert_no_error (rushes_player_get_error (fixture->player));
  g_assert_cmpstr (rushes_player_view_get_title (fixture->view), ==, "fake-video.mp4");

  /* A 2 s clip loops unless the user says otherwise. */
  loop_button = rushes_test_find_with_action (view, "player.loop");
  g_assert_nonnull (loop_button);
  g_assert_true (rushes_player_get_loop (fixture->player));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (loop_button)));
  gtk_widget_activate_action (view, "player.loop", NULL);
  g_assert_false (rushes_player_get_loop (fixture->player));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (loop_button)));

  /* Play and pause through the action the button and Space use. */
  play_button = rushes_test_find_with_action (view, "player.toggle-play");
  g_assert_nonnull (play_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (play_button), ==, "Play (Space)");
  gtk_widget_activate_action (view, "player.toggle-play", NULL);
  g_assert_true (rushes_player_get_playing (fixture->player));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (play_button), ==, "Pause (Space)");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (play_button)), ==, "media-playback-pause-symbolic");
  gtk_widget_activate_action (view, "player.toggle-play", NULL);
  g_assert_false (rushes_player_get_playing (fixture->player));

  /* Speed from its menu's action; the button says it. */
  gtk_widget_activate_action (view, "player.rate", "d", 1.5);
  g_assert_cmpfloat (rushes_player_get_rate (fixture->player), ==, 1.5);
  gtk_widget_activate_action (view, "player.muted", NULL);
  g_assert_true (rushes_player_get_muted (fixture->player));

  /* The keys the tooltips promise. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
    g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;

        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

            if (GTK_IS_NAMED_ACTION (action))
              g_hash_table_insert (keys,
                                   gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut)),
                                   g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))));
          }
      }

    g_assert_cmpstr (g_hash_table_lookup (keys, "space"), ==, "player.toggle-play");
    g_assert_cmpstr (g_hash_table_lookup (keys, "comma"), ==, "player.step-back");
    g_assert_cmpstr (g_hash_table_lookup (keys, "period"), ==, "player.step-forward");
    g_assert_cmpstr (g_hash_table_lookup (keys, "f"), ==, "player.toggle-fullscreen");
    g_assert_cmpstr (g_hash_table_lookup (keys, "m"), ==, "player.muted");
  }

  /* Every button says what it does, to the eye and to a screen reader. */
  buttons = rushes_test_find_widgets (view, GTK_TYPE_BUTTON);
  {
    g_autoptr(GPtrArray) menu_buttons = rushes_test_find_widgets (view, GTK_TYPE_MENU_BUTTON);

    g_ptr_array_extend (buttons, menu_buttons, NULL, NULL);
  }
  g_assert_cmpuint (buttons->len, >=, 8);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = buttons->pdata[i];

      /* The menu buttons' inner toggle buttons inherit from them. */
      if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (button)))
        continue;

      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }

  /* The controls fit the narrowest preview pane. */
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("Minimum width: %d", minimum);
  g_assert_cmpint (minimum, <=, PANE_MIN_WIDTH);

  /* Times in the labels: 2.2 s long (the sound runs past the picture). */
  g_assert_nonnull (rushes_test_find_label (view, "0:02.21"));
}

typedef struct
{
  gint64 position;
  GFile *file;
} UseFrame;

static void
use_frame_cb (RushesPlayerView *view,
              GFile            *file,
              UseFrame         *use)
{
  use->file = g_object_ref (file);
}

static gboolean
frame_used (gpointer data)
{
  return ((UseFrame *) data)->file != NULL;
}

static void
view_use_frame (Fixture       *fixture,
                gconstpointer  data)
{
  UseFrame use = { 0, NULL };
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) frames = g_file_new_build_filename (g_get_user_state_dir (), "rushes", "frames", NULL);
  g_autoptr(GFile) parent = NULL;

  load (fixture, clip_path, "Clip");
  g_signal_connect (fixture->view, "use-frame", G_CALLBACK (use_frame_cb), &use);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "player.use-frame", NULL);
  rushes_test_wait_until (frame_used, &use, "the frame is handed over");

  parent = g_file_get_parent (use.file);
  g_assert_true (g_file_equal (parent, frames));
  texture = gdk_texture_new_from_file (use.file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 320);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 180);

  g_object_unref (use.file);
}

static GdkTexture *render (GtkWidget *widget);

static void
view_shows_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "gone.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  GtkStack *stack;
  AdwStatusPage *page;

  rushes_player_view_set_file (fixture->view, file, "Gone");
  rushes_test_wait_until (rushes_test_player_failed, fixture->player, "the error is reported");

  pages = rushes_test_find_widgets (GTK_WIDGET (fixture->view), GTK_TYPE_STACK);
  stack = pages->pdata[0];
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "gone.mp4"));
  g_assert_false (gtk_widget_is_sensitive (rushes_test_find_with_action (GTK_WIDGET (fixture->view), "player.toggle-play")));

  {
    g_autoptr(GdkTexture) texture = NULL;
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "player-view-error.png", NULL);

    rushes_test_wait_for_frames (GTK_WIDGET (fixture->window), 3);
    texture = render (GTK_WIDGET (fixture->window));
    g_assert_true (gdk_texture_save_to_png (texture, path));
    g_test_message ("Rendered the error page to %s", path);
  }

  /* A good clip brings the video back. */
  load (fixture, clip_path, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "video");
  g_assert_true (gtk_widget_is_sensitive (rushes_test_find_with_action (GTK_WIDGET (fixture->view), "player.toggle-play")));
}

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
}

static guint32
pixel_at (const guchar *pixels,
          gsize         stride,
          int           x,
          int           y)
{
  guint32 pixel;

  memcpy (&pixel, pixels + y * stride + x * 4, sizeof pixel);
  return pixel;
}

static void
view_renders (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  graphene_rect_t bounds;
  int width, height;
  gsize stride;

  load (fixture, clip_path, "A lighthouse on a cliff at dusk, waves breaking, slow dolly in");
  rushes_player_seek (fixture->player, 1200 * G_GINT64_CONSTANT (1000000));
  rushes_test_wait_until (rushes_test_player_settled, fixture->player, "the frame at 1.2 s is shown");
  g_assert_no_error (rushes_player_get_error (fixture->player));
  rushes_test_wait_for_frames (window, 3);

  texture = render (window);
  path = g_test_build_filename (G_TEST_BUILT, "player-view.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered the player view to %s", path);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  for (gsize i = 0; i < stride * height; i += 4)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixel_at (pixels, stride, (int) (i % stride) / 4, (int) (i / stride))));
  g_assert_cmpuint (g_hash_table_size (colours), >, 32);

  /* Letterboxed: black above the picture, the clip's colours in its middle. */
  pictures = rushes_test_find_widgets (window, GTK_TYPE_PICTURE);
  g_assert_true (gtk_widget_compute_bounds (pictures->pdata[0], window, &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 300);
  g_assert_cmpfloat (bounds.size.height, >, 9.0 / 16.0 * bounds.size.width);
  {
    guint32 black = pixel_at (pixels, stride, (int) bounds.origin.x + 4, (int) bounds.origin.y + 4);
    guint32 middle = pixel_at (pixels, stride,
                               (int) (bounds.origin.x + bounds.size.width / 2),
                               (int) (bounds.origin.y + bounds.size.height / 2));
    const guchar *b = (const guchar *) &black;

    g_assert_cmpuint (b[0] + b[1] + b[2], ==, 0);
    g_assert_cmpuint (middle, !=, black);
  }
}

int
main (int   argc,
      char *argv[])
{
  rushes_test_quiet_audio_sinks ();
  /* GTK's test accessibility backend keeps what a screen reader would be
   * told, so the labels can be checked; it talks to no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The main thread owns the main context all along, as GApplication's
   * does in the app: the player's frames and state changes, handed over
   * from GStreamer's threads with g_main_context_invoke(), then always
   * run here. Were the context free, a streaming thread would run them
   * itself, and could drop the last reference to the player there. */
  g_assert_true (g_main_context_acquire (NULL));

  rushes_providers_register_builtin ();

  g_assert_cmpint (argc, ==, 2);
  clip_path = argv[1];

  g_test_add ("/rushes/player-view/controls", Fixture, NULL, fixture_set_up, view_controls, fixture_tear_down);
  g_test_add ("/rushes/player-view/use-frame", Fixture, NULL, fixture_set_up, view_use_frame, fixture_tear_down);
  g_test_add ("/rushes/player-view/errors", Fixture, NULL, fixture_set_up, view_shows_errors, fixture_tear_down);
  g_test_add ("/rushes/player-view/renders", Fixture, NULL, fixture_set_up, view_renders, fixture_tear_down);

  return g_test_run ();
}
