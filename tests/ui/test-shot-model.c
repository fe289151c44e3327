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

#define G_LOG_DOMAIN "test-shot-model"

#include "config.h"

#include <json-glib/json-glib.h>

#include "rushes-shot-model.h"
#include "rushes-task-private.h"

/* The gallery grouped by shot, against a list of tasks changed the ways
 * the library and the gallery's filters change it: batches appended while
 * loading, a new take on top, removals, a shuffle. After every change the
 * model must hold what a fresh grouping holds, and what it reported must
 * add up to it. */

static RushesTask *
make_task (guint       serial,
           const char *shot,
           gboolean    favourite)
{
  g_autofree char *id = g_strdup_printf ("20260101-%06u", serial);
  g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"id\": \"%s\", \"model\": \"sandbox/preview\","
                                           " \"provider\": \"sandbox\", \"state\": \"succeeded\","
                                           " \"prompt\": \"take %u\", \"params\": {\"duration\": 4},"
                                           " \"created_at\": \"2026-01-01T%02u:%02u:%02u.000Z\","
                                           " \"video\": \"video.mp4\", \"shot\": \"%s\", \"favourite\": %s}",
                                           id, serial, serial / 3600 % 24, serial / 60 % 60, serial % 60,
                                           shot, favourite ? "true" : "false");
  g_autoptr(JsonNode) record = json_from_string (json, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path ("/nonexistent");
  g_autoptr(GError) error = NULL;
  RushesTask *task = _rushes_task_new_from_record (record, folder, &error);

  g_assert_no_error (error);
  return task;
}

/* What the model reported, applied to a list of its own. */
static void
mirror_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           GPtrArray  *mirror)
{
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
assert_grouped (RushesShotModel *model,
                GListModel      *tasks,
                GPtrArray       *mirror)
{
  g_autoptr(RushesShotModel) fresh = rushes_shot_model_new (tasks);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (fresh)));
  g_assert_cmpuint (n, ==, mirror->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RushesShotGroup) group = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(RushesShotGroup) expected = g_list_model_get_item (G_LIST_MODEL (fresh), i);

      g_assert_true (group == g_ptr_array_index (mirror, i));
      g_assert_cmpstr (rushes_shot_group_get_id (group), ==, rushes_shot_group_get_id (expected));
      g_assert_cmpuint (rushes_shot_group_get_n_takes (group), ==, rushes_shot_group_get_n_takes (expected));
      for (guint t = 0; t < rushes_shot_group_get_n_takes (group); t++)
        g_assert_true (rushes_shot_group_get_take (group, t) == rushes_shot_group_get_take (expected, t));
      g_assert_true (rushes_shot_model_lookup (model, rushes_shot_group_get_id (group)) == group);
    }
}

static void
shot_model_follows_changes (void)
{
  g_autoptr(GListStore) tasks = g_list_store_new (RUSHES_TYPE_TASK);
  g_autoptr(RushesShotModel) model = rushes_shot_model_new (G_LIST_MODEL (tasks));
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RushesShotGroup) kept = NULL;
  guint serial = 1000;

  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_cb), mirror);

  /* Loading: newest first, older batches appended, a shot's takes across
   * two batches. */
  for (guint b = 0; b < 5; b++)
    {
      g_ptr_array_set_size (batch, 0);
      for (guint i = 0; i < 7; i++)
        {
          g_autofree char *shot = g_strdup_printf ("shot-%u", (b * 7 + i) / 3);

          g_ptr_array_add (batch, make_task (serial--, shot, i == 4));
        }
      g_list_store_splice (tasks, g_list_model_get_n_items (G_LIST_MODEL (tasks)), 0, batch->pdata, batch->len);
      assert_grouped (model, G_LIST_MODEL (tasks), mirror);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 12);

  /* Takes oldest first; the starred take is the poster, else the first. */
  kept = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpuint (rushes_shot_group_get_n_takes (kept), ==, 3);
  g_assert_cmpint (g_date_time_compare (rushes_task_get_created_at (rushes_shot_group_get_take (kept, 0)),
                                        rushes_task_get_created_at (rushes_shot_group_get_take (kept, 2))), <, 0);
  g_assert_true (rushes_shot_group_get_poster (kept) == rushes_shot_group_get_take (kept, 1));
  g_assert_cmpuint (rushes_shot_group_get_take_number (kept, rushes_shot_group_get_take (kept, 2)), ==, 3);

  /* A new take of an older shot, on top: that shot moves first, and stays
   * the same group (an opened shot stays open). */
  {
    g_autoptr(RushesTask) task = make_task (5000, "shot-1", FALSE);

    g_list_store_insert (tasks, 0, task);
    assert_grouped (model, G_LIST_MODEL (tasks), mirror);
    g_assert_true (g_ptr_array_index (mirror, 0) == kept);
    g_assert_cmpuint (rushes_shot_group_get_n_takes (kept), ==, 4);
    g_assert_true (rushes_shot_group_get_take (kept, 3) == task);
  }

  /* Takes removed: a shot emptied goes. */
  g_list_store_remove (tasks, 5);
  assert_grouped (model, G_LIST_MODEL (tasks), mirror);
  for (guint i = 0; i < 3; i++)
    g_list_store_remove (tasks, g_list_model_get_n_items (G_LIST_MODEL (tasks)) - 1);
  assert_grouped (model, G_LIST_MODEL (tasks), mirror);

  /* Another order (the gallery sorted otherwise). */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (tasks));
    g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (reversed, g_list_model_get_item (G_LIST_MODEL (tasks), n - 1 - i));
    g_list_store_splice (tasks, 0, n, reversed->pdata, reversed->len);
    assert_grouped (model, G_LIST_MODEL (tasks), mirror);
  }

  /* No tasks: nothing grouped. */
  rushes_shot_model_set_model (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (mirror->len, ==, 0);
}

static void
shot_model_compare_takes (void)
{
  g_autoptr(GListStore) tasks = g_list_store_new (RUSHES_TYPE_TASK);
  g_autoptr(RushesShotModel) model = NULL;
  g_autoptr(RushesShotGroup) group = NULL;
  g_autoptr(GPtrArray) takes = NULL;

  /* Six takes, the fifth starred: the starred one, then the first three,
   * in take order. */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(RushesTask) task = make_task (100 - i, "shot", i == 1);

      g_list_store_append (tasks, task);
    }
  model = rushes_shot_model_new (G_LIST_MODEL (tasks));
  group = g_list_model_get_item (G_LIST_MODEL (model), 0);
  takes = rushes_shot_group_get_compare_takes (group, 4);
  g_assert_cmpuint (takes->len, ==, 4);
  g_assert_true (takes->pdata[0] == rushes_shot_group_get_take (group, 0));
  g_assert_true (takes->pdata[1] == rushes_shot_group_get_take (group, 1));
  g_assert_true (takes->pdata[2] == rushes_shot_group_get_take (group, 2));
  g_assert_true (takes->pdata[3] == rushes_shot_group_get_take (group, 4));
  g_assert_true (rushes_task_get_favourite (takes->pdata[3]));

  /* Gathered from an ungrouped gallery, the same. */
  g_clear_object (&group);
  group = rushes_shot_model_collect (G_LIST_MODEL (tasks), "shot");
  g_assert_cmpuint (rushes_shot_group_get_n_takes (group), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rushes/shot-model/follows-changes", shot_model_follows_changes);
  g_test_add_func ("/rushes/shot-model/compare-takes", shot_model_compare_takes);

  return g_test_run ();
}
