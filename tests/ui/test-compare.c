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

#define G_LOG_DOMAIN "test-compare"

#include "config.h"

#include <gst/gst.h>

#include "rushes-clip-details.h"
#include "rushes-compare-take.h"
#include "rushes-compare-view.h"
#include "rushes-library-view.h"
#include "rushes-providers.h"
#include "rushes-test-sync.h"
#include "rushes-test-takes.h"
#include "rushes-wipe.h"

/* Compare in the running app: a shot of three takes from its card, the
 * takes playing together in the window (their frames compared sample
 * after sample against one frame's duration), a step, Star, Reject with
 * the take gone to the trash, the A/B wipe of the two left, Details, and
 * back. Renders compare-3-1280x800.png and compare-wipe-1280x800.png. */

#define FRAME (GST_SECOND / 30)

static const char *clip_paths[3];

static void
write_library (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 3, 2, 9, 0, 0);
  const char *prompt = "A lighthouse on a cliff as a storm rolls in, waves crashing below";

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_seconds (base, i);
      g_autofree char *poster_name = g_strdup_printf ("poster-%u.png", i);
      g_autofree char *poster = rushes_test_write_poster (poster_name, 0.2 * i);
      RushesTestTake take = {
        .model = "wavespeed/google/veo3.1-fast",
        .prompt = prompt,
        .shot = "shot-lighthouse",
        .seed = 1207 + i,
        /* The third take was asked for longer. */
        .duration = i == 2 ? 8 : 4,
        .cost_usd = 0.8,
        .video = clip_paths[i],
        .poster = poster,
        .created_at = created,
      };
      g_autofree char *id = rushes_test_write_take (&take);
    }
}

static gboolean
group_running (gpointer data)
{
  RushesPlayerGroup *group = data;

  for (guint i = 0; i < rushes_player_group_get_n_players (group); i++)
    if (!rushes_player_get_playing (rushes_player_group_get_player (group, i)))
      return FALSE;
  return rushes_player_group_get_n_players (group) > 0 &&
         rushes_player_group_get_position (group) > 400 * GST_MSECOND;
}

static gboolean
group_settled (gpointer data)
{
  RushesPlayerGroup *group = data;

  return !rushes_player_group_get_busy (group);
}

static gint64
shown_time (RushesPlayer *player)
{
  return rushes_test_sync_shown_time (player);
}

/* While the window draws them: the takes stay within one frame. */
static void
assert_in_sync (RushesPlayerGroup *group)
{
  RushesTestSync sync;

  rushes_test_sync_measure (group, 1.0, FRAME, &sync);
  g_test_message ("%u samples of the takes in the window: frames shown at most %.2f ms apart, pipelines "
                  "%.2f ms (one frame is %.2f ms)",
                  sync.samples, sync.shown_worst / 1e6, sync.pipeline_worst / 1e6, FRAME / 1e6);
  rushes_test_sync_assert (&sync, FRAME);
}

static void
compare_in_window (RushesApplication *app,
                   GtkWindow         *window)
{
  RushesEngine *engine = rushes_application_get_engine (app);
  RushesLibrary *library = rushes_engine_get_library (engine);
  RushesLibraryView *view = RUSHES_LIBRARY_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_LIBRARY_VIEW, NULL));
  RushesCompareView *compare = RUSHES_COMPARE_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_COMPARE_VIEW, NULL));
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (compare), GTK_TYPE_STACK));
  RushesPlayerGroup *group = rushes_compare_view_get_group (compare);
  g_autoptr(GPtrArray) takes = NULL;
  g_autoptr(RushesTask) rejected = NULL;
  RushesClipDetails *details;
  RushesWipe *wipe;
  GPtrArray *tasks;

  rushes_test_wait_for_library (app, 3);
  rushes_test_set_window_size (window, 1280, 800);

  /* The shot's card offers Compare. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.group-shots", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.compare-shot", "s", "shot-lighthouse"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "compare");
  tasks = rushes_compare_view_get_tasks (compare);
  g_assert_cmpuint (tasks->len, ==, 3);
  g_assert_cmpuint (rushes_player_group_get_n_players (group), ==, 3);
  takes = rushes_test_find_widgets (GTK_WIDGET (compare), RUSHES_TYPE_COMPARE_TAKE);
  g_assert_cmpuint (takes->len, ==, 3);

  /* What each is, and what sets it apart. */
  g_assert_nonnull (rushes_test_find_label (takes->pdata[0], "Veo 3.1 Fast"));
  g_assert_nonnull (rushes_test_find_label (takes->pdata[0], "Seed 1207 · $0.80"));
  g_assert_nonnull (rushes_test_find_label (takes->pdata[2], "Seed 1209"));
  g_assert_nonnull (rushes_test_find_label (takes->pdata[0], "Duration: 4 s"));
  g_assert_nonnull (rushes_test_find_label (takes->pdata[2], "Duration: 8 s"));

  /* It plays at once, every take together, in the window. */
  g_assert_true (rushes_player_group_get_playing (group));
  rushes_test_wait_until (group_running, group, "the takes play");
  assert_in_sync (group);
  rushes_test_render_png (GTK_WIDGET (window), "compare-3-1280x800.png");

  /* Paused and stepped: one frame for all. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.toggle-play", NULL));
  rushes_test_wait_until (group_settled, group, "the pause is aligned");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.step-forward", NULL));
  rushes_test_wait_until (group_settled, group, "the step is done");
  for (guint i = 1; i < 3; i++)
    g_assert_cmpint (ABS (shown_time (rushes_player_group_get_player (group, i)) -
                          shown_time (rushes_player_group_get_player (group, 0))), <=, FRAME / 2);

  /* Star keeps take B. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.star", "u", 1));
  g_assert_true (rushes_task_get_favourite (g_ptr_array_index (tasks, 1)));
  g_assert_true (gtk_widget_has_css_class (takes->pdata[1], "starred"));

  /* Reject sends take C to the trash, with Undo; it leaves Compare. */
  rejected = g_object_ref (g_ptr_array_index (tasks, 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.reject", "u", 2));
  g_assert_cmpuint (tasks->len, ==, 2);
  g_assert_cmpuint (rushes_player_group_get_n_players (group), ==, 2);
  g_assert_null (rushes_library_lookup (library, rushes_task_get_id (rejected)));
  g_assert_nonnull (rushes_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, NULL));

  /* Two takes: the wipe. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.mode", "s", "wipe"));
  wipe = RUSHES_WIPE (rushes_test_find_widget (GTK_WIDGET (compare), RUSHES_TYPE_WIPE, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wipe)));
  g_assert_true (rushes_wipe_get_start (wipe) == rushes_player_get_paintable (rushes_player_group_get_player (group, 0)));
  g_assert_true (rushes_wipe_get_end (wipe) == rushes_player_get_paintable (rushes_player_group_get_player (group, 1)));
  rushes_wipe_set_position (wipe, 0.42);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.toggle-play", NULL));
  rushes_test_wait_until (group_running, group, "the takes play again");
  assert_in_sync (group);
  rushes_test_render_png (GTK_WIDGET (window), "compare-wipe-1280x800.png");

  /* Details of a take. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.details", "u", 0));
  details = rushes_test_find_toplevel (RUSHES_TYPE_CLIP_DETAILS);
  g_assert_nonnull (details);
  g_assert_true (rushes_clip_details_get_task (details) == g_ptr_array_index (tasks, 0));
  gtk_window_destroy (GTK_WINDOW (details));

  /* Back: the library, and no player left running. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.close", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "studio");
  g_assert_cmpuint (rushes_player_group_get_n_players (group), ==, 0);
  g_assert_false (rushes_player_group_get_playing (group));
}

static void
compare_takes (void)
{
  write_library ();
  rushes_test_run_app (compare_in_window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  if (argc < 4)
    {
      g_printerr ("Usage: %s CLIP CLIP CLIP\n", argv[0]);
      return 1;
    }
  for (guint i = 0; i < 3; i++)
    clip_paths[i] = argv[i + 1];

  g_test_add_func ("/rushes/compare/takes", compare_takes);

  return g_test_run ();
}
