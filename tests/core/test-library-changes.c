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

#define G_LOG_DOMAIN "test-library-changes"

#include "config.h"

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-test-async.h"

static RushesTask *
create_task (RushesLibrary *library,
             const char    *prompt)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *task;

  rushes_generation_params_set_prompt (params, prompt);
  rushes_library_create_task_async (library, rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"),
                                    params, NULL, rushes_test_store_result_cb, &result);
  task = rushes_library_create_task_finish (library, rushes_test_await (&result), &error);
  g_assert_no_error (error);

  return task;
}

static void
test_favourite_is_kept (void)
{
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesLibrary) reopened = NULL;
  g_autoptr(RushesTask) task = create_task (library, "A favourite");
  g_autoptr(GError) error = NULL;
  RushesTask *again;

  g_assert_false (rushes_task_get_favourite (task));
  g_assert_true (rushes_library_set_favourite (library, task, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rushes_task_get_favourite (task));

  reopened = rushes_test_open_library ();
  again = rushes_library_lookup (reopened, rushes_task_get_id (task));
  g_assert_nonnull (again);
  g_assert_true (rushes_task_get_favourite (again));
}

static void
test_remove_restore_trash (void)
{
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesTask) first = create_task (library, "First");
  g_autoptr(RushesTask) second = create_task (library, "Second");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesLibrary) reopened = NULL;
  g_autofree char *folder = g_file_get_path (rushes_task_get_folder (first));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);

  /* Removing is only from the list: undo puts it back in its place. */
  rushes_library_remove (library, first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  rushes_library_restore (library, first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  {
    g_autoptr(RushesTask) last = g_list_model_get_item (G_LIST_MODEL (library), 1);

    g_assert_true (last == first);
  }

  /* Trash: gone from the library folder, kept in the trash (which GIO
   * finds through the home folder, absent in an isolated test). */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  rushes_library_remove (library, first);
  rushes_library_trash_async (library, first, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_library_trash_finish (library, rushes_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  reopened = rushes_test_open_library ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened)), ==, 1);
}

static gboolean
has_one_item (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) == 1;
}

static gboolean
is_favourite (gpointer data)
{
  return rushes_task_get_favourite (data);
}

/* The app's library follows what rushes-cli does to the same folder. */
static void
test_watch_other_process (void)
{
  g_autoptr(RushesLibrary) app = rushes_test_open_library ();
  g_autoptr(RushesLibrary) cli = rushes_test_open_library ();
  g_autoptr(RushesTask) created = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *seen;

  g_assert_true (rushes_library_watch (app, &error));
  g_assert_no_error (error);

  created = create_task (cli, "Made from a terminal");
  rushes_test_wait_until (has_one_item, app, "the app's library shows the new task");
  seen = rushes_library_lookup (app, rushes_task_get_id (created));
  g_assert_nonnull (seen);
  g_assert_cmpstr (rushes_task_get_prompt (seen), ==, "Made from a terminal");

  /* An unfinished task's record changes: the app's copy follows. */
  g_assert_true (rushes_library_set_favourite (cli, created, TRUE, &error));
  rushes_test_wait_until (is_favourite, seen, "the app's copy of the task is a favourite too");
}

/* The folder watch may read a new task's record before its creation is
 * finished: the library still holds it once, and both are one object. */
static void
test_watch_sees_own_creation_first (void)
{
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RushesTask) created = NULL;
  g_autoptr(RushesTask) listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rushes_library_watch (library, &error));
  g_assert_no_error (error);

  rushes_generation_params_set_prompt (params, "Seen twice");
  rushes_library_create_task_async (library, rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"),
                                    params, NULL, rushes_test_store_result_cb, &result);
  /* Finished only once the watch has listed it. */
  rushes_test_wait_until (has_one_item, library, "the watch lists the new task");
  created = rushes_library_create_task_finish (library, rushes_test_await (&result), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  listed = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_true (listed == created);
  g_assert_cmpstr (rushes_task_get_prompt (created), ==, "Seen twice");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/library/favourite-is-kept", test_favourite_is_kept);
  g_test_add_func ("/rushes/library/remove-restore-trash", test_remove_restore_trash);
  g_test_add_func ("/rushes/library/watch-other-process", test_watch_other_process);
  g_test_add_func ("/rushes/library/watch-sees-own-creation-first", test_watch_sees_own_creation_first);

  return g_test_run ();
}
