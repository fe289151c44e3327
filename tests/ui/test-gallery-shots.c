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

#define G_LOG_DOMAIN "test-gallery-shots"

#include "config.h"

#include "rushes-clip-card.h"
#include "rushes-library-view.h"
#include "rushes-providers.h"
#include "rushes-shot-model.h"
#include "rushes-test-takes.h"
#include "rushes-window.h"

/* The gallery grouped by shot, over a library of 10,000 clips in 4,000
 * shots of one to four takes: one card per shot with its number of
 * takes, opened to its takes, its starred take as its poster, filters and
 * sorting that still apply, and clips selected to compare. */

#define N_CLIPS 10000

/* Shot sizes, over and over: 10 clips in 4 shots. */
static const guint shot_sizes[] = { 4, 1, 3, 2 };

static const char *prompts[] = {
  "A lighthouse on a cliff as a storm rolls in, waves crashing below",
  "A red kite over green dunes at golden hour",
  "Origami cranes falling like snow in a quiet library",
  "A street musician playing violin in the rain, neon reflections",
};

static void
write_library (void)
{
  g_autofree char *poster = rushes_test_write_poster ("poster.png", 0.6);
  g_autofree char *video = g_build_filename (g_get_user_cache_dir (), "clip.mp4", NULL);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  guint clip = 0;

  g_assert_true (g_file_set_contents (video, "never played here", -1, NULL));

  for (guint shot = 0; clip < N_CLIPS; shot++)
    {
      guint size = shot_sizes[shot % G_N_ELEMENTS (shot_sizes)];
      g_autofree char *shot_id = g_strdup_printf ("shot-%05u", shot);

      for (guint take = 0; take < size && clip < N_CLIPS; take++, clip++)
        {
          g_autoptr(GDateTime) created = g_date_time_add_seconds (base, clip * 37.0);
          RushesTestTake spec = {
            .model = "wavespeed/google/veo3.1-fast",
            .prompt = prompts[shot % G_N_ELEMENTS (prompts)],
            .shot = shot_id,
            .seed = 1000 + take,
            .duration = 8,
            .cost_usd = 0.8,
            /* The third take of a four-take shot is the one kept. */
            .favourite = size == 4 && take == 2,
            .video = video,
            .poster = poster,
            .created_at = created,
          };
          g_autofree char *id = rushes_test_write_take (&spec);
        }
    }
}

static RushesShotGroup *
shot_at (RushesLibraryView *view,
         guint              position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (rushes_library_view_get_shown (view)), position);
  g_autoptr(GObject) inner = NULL;

  g_assert_true (GTK_IS_TREE_LIST_ROW (item));
  inner = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));
  g_assert_true (RUSHES_IS_SHOT_GROUP (inner));

  /* The library keeps it. */
  return RUSHES_SHOT_GROUP (inner);
}

static RushesTask *
take_at (RushesLibraryView *view,
         guint              position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (rushes_library_view_get_shown (view)), position);
  g_autoptr(GObject) inner = NULL;

  g_assert_true (GTK_IS_TREE_LIST_ROW (item));
  g_assert_cmpuint (gtk_tree_list_row_get_depth (GTK_TREE_LIST_ROW (item)), ==, 1);
  inner = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));
  g_assert_true (RUSHES_IS_TASK (inner));

  return RUSHES_TASK (inner);
}

static void
compare_cb (RushesLibraryView  *view,
            GPtrArray          *tasks,
            GPtrArray         **compared)
{
  *compared = g_ptr_array_ref (tasks);
}

static void
shots_grouping (RushesApplication *app,
                GtkWindow         *window)
{
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (app));
  RushesLibraryView *view = RUSHES_LIBRARY_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_LIBRARY_VIEW, NULL));
  GListModel *shown = G_LIST_MODEL (rushes_library_view_get_shown (view));
  GListModel *shots = rushes_library_view_get_shots (view);
  g_autoptr(GPtrArray) compared = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  RushesShotGroup *newest, *four;
  GtkTreeListRow *row;
  gint64 start;
  double grouping_ms, ungrouping_ms;
  guint n_shots = 0;

  gtk_window_set_default_size (window, 1280, 800);
  rushes_test_wait_for_library (app, N_CLIPS);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_CLIPS);
  g_assert_cmpuint (g_list_model_get_n_items (shots), ==, 0);

  for (guint clip = 0, shot = 0; clip < N_CLIPS; shot++)
    clip += shot_sizes[shot % G_N_ELEMENTS (shot_sizes)], n_shots++;

  /* The gallery's menu groups it. */
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.group-shots", NULL));
  grouping_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_true (g_settings_get_boolean (rushes_engine_get_settings (rushes_application_get_engine (app)),
                                         "gallery-group-shots"));
  g_assert_cmpuint (g_list_model_get_n_items (shots), ==, n_shots);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shots);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);

  /* Newest first: the last shot written (of clip 9,999) comes first. The
   * shots go 4, 1, 3, 2 takes: shot 3,999 has 2. */
  newest = shot_at (view, 0);
  g_assert_cmpstr (rushes_shot_group_get_id (newest), ==, "shot-03999");
  g_assert_cmpuint (rushes_shot_group_get_n_takes (newest), ==, 2);
  /* No take starred: the first take stands for it. */
  g_assert_true (rushes_shot_group_get_poster (newest) == rushes_shot_group_get_take (newest, 0));

  four = shot_at (view, 3);
  g_assert_cmpstr (rushes_shot_group_get_id (four), ==, "shot-03996");
  g_assert_cmpuint (rushes_shot_group_get_n_takes (four), ==, 4);
  for (guint i = 1; i < 4; i++)
    g_assert_cmpint (g_date_time_compare (rushes_task_get_created_at (rushes_shot_group_get_take (four, i - 1)),
                                          rushes_task_get_created_at (rushes_shot_group_get_take (four, i))), <, 0);
  /* The starred take is the poster. */
  g_assert_true (rushes_task_get_favourite (rushes_shot_group_get_take (four, 2)));
  g_assert_true (rushes_shot_group_get_poster (four) == rushes_shot_group_get_take (four, 2));

  /* The cards shown: one per shot, "4 takes" on the shot of four. */
  cards = rushes_test_find_widgets (GTK_WIDGET (view), RUSHES_TYPE_CLIP_CARD);
  g_assert_cmpuint (cards->len, >, 4);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < cards->len; i++)
      if (rushes_clip_card_get_shot (cards->pdata[i]) == four)
        {
          g_assert_nonnull (rushes_test_find_label (cards->pdata[i], "4 takes"));
          g_assert_true (rushes_clip_card_get_task (cards->pdata[i]) == rushes_shot_group_get_take (four, 2));
          found = TRUE;
        }
    g_assert_true (found);
  }

  /* Opened, its takes follow it in order, numbered. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (shown, 3);

    row = GTK_TREE_LIST_ROW (item);
    gtk_tree_list_row_set_expanded (row, TRUE);
  }
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shots + 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (take_at (view, 4 + i) == rushes_shot_group_get_take (four, i));
  g_assert_true (shot_at (view, 8) == shot_at (view, 8));
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_clear_pointer (&cards, g_ptr_array_unref);
  cards = rushes_test_find_widgets (GTK_WIDGET (view), RUSHES_TYPE_CLIP_CARD);
  {
    guint numbered = 0;

    for (guint i = 0; i < cards->len; i++)
      if (rushes_clip_card_get_shot (cards->pdata[i]) == NULL &&
          rushes_test_find_label (cards->pdata[i], "Take ") != NULL)
        numbered++;
    g_assert_cmpuint (numbered, ==, 4);
  }

  /* Two takes selected: Compare plays them. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), 4, TRUE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), 6, FALSE);
  g_assert_true (gtk_widget_is_visible (rushes_test_find_label (GTK_WIDGET (view), "2 clips selected")));
  g_signal_connect (view, "compare", G_CALLBACK (compare_cb), &compared);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.compare", NULL));
  g_assert_nonnull (compared);
  g_assert_cmpuint (compared->len, ==, 2);
  g_assert_true (compared->pdata[0] == rushes_shot_group_get_take (four, 0));
  g_assert_true (compared->pdata[1] == rushes_shot_group_get_take (four, 2));
  g_clear_pointer (&compared, g_ptr_array_unref);

  /* A shot card's Compare takes its takes (up to four). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.compare-shot", "s", "shot-03996"));
  g_assert_nonnull (compared);
  g_assert_cmpuint (compared->len, ==, 4);
  g_clear_pointer (&compared, g_ptr_array_unref);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (shown));

  /* Closed again. */
  gtk_tree_list_row_set_expanded (row, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shots);

  /* Starring another take makes it the poster. */
  g_assert_true (rushes_library_set_favourite (library, rushes_shot_group_get_take (newest, 1), TRUE, NULL));
  g_assert_true (rushes_shot_group_get_poster (newest) == rushes_shot_group_get_take (newest, 1));

  /* Filters apply to takes: favourites only leaves the starred takes, one
   * per shot of four and the one just starred. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.state", "s", "favourites"));
  g_assert_cmpuint (g_list_model_get_n_items (shots), ==, N_CLIPS / 10 + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.state", "s", "all"));
  g_assert_cmpuint (g_list_model_get_n_items (shots), ==, n_shots);

  /* Oldest first: the first shot written comes first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.sort", "s", "oldest"));
  g_assert_cmpstr (rushes_shot_group_get_id (shot_at (view, 0)), ==, "shot-00000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.sort", "s", "newest"));

  /* A new take of a shot joins it where it is. */
  {
    RushesTask *first = rushes_shot_group_get_take (four, 0);
    g_autoptr(RushesGenerationParams) params = rushes_generation_params_copy (rushes_task_get_params (first));
    RushesModel *model = rushes_model_catalog_lookup (rushes_engine_get_catalog (rushes_application_get_engine (app)),
                                                      rushes_task_get_model_id (first));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(RushesTask) task = NULL;

    rushes_generation_params_set_prompt (params, rushes_task_get_prompt (first));
    rushes_library_create_take_async (library, model, params, "shot-03996", NULL, rushes_test_store_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    task = rushes_library_create_task_finish (library, result, NULL);
    g_assert_nonnull (task);
    /* Still running: not in the gallery yet. */
    g_assert_cmpuint (rushes_shot_group_get_n_takes (four), ==, 4);
    g_assert_true (shot_at (view, 3) == four);
  }

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.group-shots", NULL));
  ungrouping_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_CLIPS);
  g_assert_cmpuint (g_list_model_get_n_items (shots), ==, 0);

  /* Said, not checked: the benchmark (gallery-grouped) holds the targets. */
  g_test_message ("%u clips in %u shots: grouped in %.1f ms, ungrouped in %.1f ms",
                  N_CLIPS, n_shots, grouping_ms, ungrouping_ms);
}

static void
shots_grouping_10000 (void)
{
  write_library ();
  rushes_test_run_app (shots_grouping);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/gallery-shots/10000-clips", shots_grouping_10000);

  return g_test_run ();
}
