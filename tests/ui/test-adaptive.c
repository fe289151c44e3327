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

#define G_LOG_DOMAIN "test-adaptive"

#include "config.h"

#include "rushes-library-view.h"
#include "rushes-player-view.h"
#include "rushes-providers.h"
#include "rushes-test-takes.h"
#include "rushes-window.h"

/* The window below about 1000 px: the composer, the library and the
 * preview become views of their own, with buttons between them, and what
 * the user does leads to the view that shows it. Nothing is narrower than
 * it can be used at 800×600; renders narrow-800x600.png. */

static const char *clip_path;

static const char *prompts[] = {
  "A lighthouse on a cliff as a storm rolls in, waves crashing below",
  "A red kite over green dunes at golden hour",
  "Origami cranes falling like snow in a quiet library",
  "Koi fish gliding under lily pads, morning light",
  "A vintage train crossing a stone bridge in autumn",
  "Fireflies in a summer forest at dusk",
};

static void
write_library (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 3, 2, 9, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_minutes (base, i * 7);
      g_autofree char *hue_poster = NULL;
      g_autofree char *name = g_strdup_printf ("poster-%u.png", i);
      RushesTestTake take = {
        .model = i % 2 == 0 ? "wavespeed/google/veo3.1-fast" : "sandbox/preview",
        .prompt = prompts[i],
        .seed = i % 2 == 0 ? 4200 + i : -1,
        .duration = i % 2 == 0 ? 8 : 4,
        .cost_usd = i % 2 == 0 ? 0.8 : 0,
        .video = clip_path,
        .created_at = created,
      };
      g_autofree char *id = NULL;

      hue_poster = rushes_test_write_poster (name, 0.1 + 0.15 * i);
      take.poster = hue_poster;
      id = rushes_test_write_take (&take);
    }
}

static void
resize (GtkWindow *window,
        int        width,
        int        height)
{
  rushes_test_set_window_size (window, width, height);
}

static GtkWidget *
pane (GtkWindow  *window,
      const char *name)
{
  GtkWidget *found = rushes_test_find_widget (GTK_WIDGET (window), GTK_TYPE_WIDGET, name);

  g_assert_nonnull (found);
  return found;
}

/* Laid out inside the window, not beside it as a folded leaflet keeps the
 * views it does not show. */
static gboolean
on_screen (GtkWindow  *window,
           const char *name)
{
  GtkWidget *widget = pane (window, name);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds))
    return FALSE;

  return bounds.origin.x < gtk_widget_get_width (GTK_WIDGET (window)) &&
         bounds.origin.x + bounds.size.width > 0;
}

static gboolean
player_loaded (gpointer data)
{
  RushesPlayer *player = data;

  return rushes_player_get_duration (player) > 0 || rushes_player_get_error (player) != NULL;
}

static void
adaptive_layout (RushesApplication *app,
                 GtkWindow         *window)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (rushes_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL));
  RushesLibraryView *view = RUSHES_LIBRARY_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_LIBRARY_VIEW, NULL));
  RushesPlayerView *player_view = RUSHES_PLAYER_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_PLAYER_VIEW, NULL));
  g_autoptr(RushesTask) task = NULL;
  int fold_width = 0;

  rushes_test_wait_for_library (app, G_N_ELEMENTS (prompts));

  /* Wide: the three panes side by side, none below its smallest width. */
  resize (window, 1280, 800);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (pane (window, "composer-pane")), >=, 340);
  g_assert_cmpint (gtk_widget_get_width (pane (window, "tasks-pane")), >=, 360);
  g_assert_cmpint (gtk_widget_get_width (pane (window, "preview-pane")), >=, 300);
  g_assert_true (on_screen (window, "composer-pane"));
  g_assert_true (on_screen (window, "preview-pane"));

  /* Where it folds: a little above 1000 px. */
  for (int width = 1100; width >= 900; width -= 10)
    {
      resize (window, width, 800);
      if (adw_leaflet_get_folded (leaflet))
        {
          fold_width = width;
          break;
        }
    }
  g_test_message ("the panes fold at %d px and below", fold_width);
  g_assert_cmpint (fold_width, >=, 960);
  g_assert_cmpint (fold_width, <=, 1040);

  /* Narrow: one view at a time, the library first, at the whole width. */
  resize (window, 800, 600);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "tasks");
  g_assert_cmpint (gtk_widget_get_width (pane (window, "tasks-pane")), >=, 790);
  g_assert_false (on_screen (window, "composer-pane"));
  g_assert_false (on_screen (window, "preview-pane"));
  /* Three columns of clips fit. */
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  rushes_test_render_png (GTK_WIDGET (window), "narrow-800x600.png");

  /* To the composer and back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "s", "composer"));
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "composer");
  g_assert_cmpint (gtk_widget_get_width (pane (window, "composer-pane")), >=, 790);
  rushes_test_render_png (GTK_WIDGET (window), "narrow-composer-800x600.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "s", "tasks"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "tasks");

  /* Opening a clip shows the preview, playing it. */
  task = g_list_model_get_item (rushes_library_view_get_gallery (view), 0);
  g_signal_emit_by_name (view, "open-task", task);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "preview");
  rushes_test_wait_until (player_loaded, rushes_player_view_get_player (player_view), "the clip is loaded");
  g_assert_no_error (rushes_player_get_error (rushes_player_view_get_player (player_view)));
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (gtk_widget_get_width (pane (window, "preview-pane")), >=, 790);
  rushes_test_render_png (GTK_WIDGET (window), "narrow-preview-800x600.png");

  /* Back, with the header's button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "s", "tasks"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "tasks");

  /* Using a clip as a draft leads to the composer. */
  g_signal_emit_by_name (view, "use-as-draft", task);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "composer");

  /* Wide again: all three side by side. */
  resize (window, 1280, 800);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (on_screen (window, "tasks-pane"));
  g_assert_true (on_screen (window, "preview-pane"));

  /* The smallest window still folds into full-width views. */
  resize (window, 600, 600);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (pane (window, "composer-pane")), >=, 590);
}

static void
adaptive_narrow (void)
{
  write_library ();
  rushes_test_run_app (adaptive_layout);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  if (argc < 2)
    {
      g_printerr ("Usage: %s CLIP.mp4\n", argv[0]);
      return 1;
    }
  clip_path = argv[1];

  g_test_add_func ("/rushes/adaptive/narrow", adaptive_narrow);

  return g_test_run ();
}
