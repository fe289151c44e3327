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

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-library-private.h"
#include "rushes-task-private.h"
#include "rushes-test-async.h"

static const guint8 png_bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

static GFile *
library_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "rushes", "library", NULL);
}

static RushesTask *
create_task (RushesLibrary          *library,
             RushesModel            *model,
             RushesGenerationParams *params,
             GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_library_create_task_async (library, model, params, NULL, rushes_test_store_result_cb, &result);
  return rushes_library_create_task_finish (library, rushes_test_await (&result), error);
}

static RushesGenerationParams *
fox_params (const char *prompt)
{
  RushesGenerationParams *params = rushes_generation_params_new ();

  rushes_generation_params_set_prompt (params, prompt);
  rushes_generation_params_set_duration (params, 8);
  return params;
}

static void
test_create_and_reload (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  RushesModel *model = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesLibrary) reloaded = NULL;
  g_autoptr(RushesGenerationParams) params = fox_params ("A red fox in the snow");
  g_autofree char *image = g_build_filename (g_get_user_cache_dir (), "fox.png", NULL);
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(RushesTask) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GFile) record_file = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  JsonObject *object;
  JsonObject *record_params;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (image, (const char *) png_bytes, sizeof png_bytes, &error);
  g_assert_no_error (error);
  rushes_generation_params_set_image (params, image);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  task = create_task (library, model, params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_DRAFT);

  /* The defaults are part of the task; the image is copied into its folder. */
  g_assert_cmpstr (rushes_generation_params_get_aspect_ratio (rushes_task_get_params (task)), ==, "auto");
  g_assert_nonnull (rushes_task_get_input_file (task));
  copy = g_file_get_path (rushes_task_get_input_file (task));
  g_assert_true (g_str_has_suffix (copy, "/input.png"));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  record_file = g_file_get_child (rushes_task_get_folder (task), "task.json");
  g_assert_true (g_file_query_exists (record_file, NULL));

  record = rushes_task_to_json (task);
  object = json_node_get_object (record);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, rushes_task_get_id (task));
  g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "wiro/openai/sora-2");
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "wiro");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (object, "prompt"), ==, "A red fox in the snow");
  record_params = json_object_get_object_member (object, "params");
  g_assert_cmpstr (json_object_get_string_member (record_params, "aspect_ratio"), ==, "auto");
  g_assert_cmpint (json_object_get_int_member (record_params, "duration"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (record_params, "resolution"), ==, "720p");
  g_assert_cmpstr (json_object_get_string_member (record_params, "image"), ==, image);
  g_assert_true (json_object_get_null_member (object, "remote_id"));
  g_assert_true (json_object_get_null_member (object, "finished_at"));
  g_assert_true (json_object_get_null_member (object, "progress"));
  g_assert_true (json_object_get_null_member (object, "cost_usd"));
  g_assert_true (json_object_get_null_member (object, "video"));
  g_assert_true (json_object_get_null_member (object, "error"));
  created_at = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "created_at"), NULL);
  g_assert_nonnull (created_at);
  /* The token authorises the live channel: it stays in the private file. */
  g_assert_false (json_object_has_member (object, "remote_token"));

  /* Changes reach the disk and come back. */
  _rushes_task_set_remote (task, "534574", "eDcCm5yyUfIvMFspTwww49OUfgXkQt");
  _rushes_task_set_state (task, RUSHES_TASK_STATE_QUEUED);
  _rushes_task_set_cost_usd (task, 0.14);
  g_assert_true (_rushes_library_save_task (library, task, RUSHES_TASK_FIELDS_ALL, &error));
  g_assert_no_error (error);

  reloaded = rushes_test_open_library ();
  g_assert_cmpuint (rushes_library_get_load_errors (reloaded)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
  loaded = g_list_model_get_item (G_LIST_MODEL (reloaded), 0);
  g_assert_cmpstr (rushes_task_get_id (loaded), ==, rushes_task_get_id (task));
  g_assert_cmpint (rushes_task_get_state (loaded), ==, RUSHES_TASK_STATE_QUEUED);
  g_assert_cmpstr (rushes_task_get_remote_id (loaded), ==, "534574");
  g_assert_cmpstr (_rushes_task_get_remote_token (loaded), ==, "eDcCm5yyUfIvMFspTwww49OUfgXkQt");
  g_assert_cmpfloat (rushes_task_get_cost_usd (loaded), ==, 0.14);
  g_assert_cmpuint (rushes_generation_params_get_duration (rushes_task_get_params (loaded)), ==, 8);
  g_assert_cmpstr (rushes_task_get_prompt (loaded), ==, "A red fox in the snow");
  g_assert_true (g_date_time_equal (rushes_task_get_created_at (loaded), rushes_task_get_created_at (task)) ||
                 g_date_time_difference (rushes_task_get_created_at (task), rushes_task_get_created_at (loaded)) < 1000);
  folder = g_file_get_path (rushes_task_get_folder (loaded));
  g_assert_true (g_str_has_suffix (folder, rushes_task_get_id (task)));

  g_clear_object (&loaded);
  g_clear_object (&reloaded);
  g_clear_object (&task);
  g_assert_finalize_object (g_steal_pointer (&library));
}

static void
write_record (const char *id,
              const char *contents)
{
  g_autoptr(GFile) dir = library_dir ();
  g_autoptr(GFile) folder = g_file_get_child (dir, id);
  g_autofree char *path = g_build_filename (g_file_peek_path (folder), "task.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (folder), 0700), ==, 0);
  if (contents != NULL)
    {
      g_file_set_contents (path, contents, -1, &error);
      g_assert_no_error (error);
    }
}

#define RECORD(ID, CREATED, STATE, PROMPT) \
  "{\"version\": 1, \"id\": \"" ID "\", \"model\": \"wiro/openai/sora-2\", \"provider\": \"wiro\", " \
  "\"state\": \"" STATE "\", \"prompt\": \"" PROMPT "\", " \
  "\"params\": {\"aspect_ratio\": \"auto\", \"duration\": 4, \"resolution\": \"720p\", \"image\": null}, " \
  "\"remote_id\": null, \"created_at\": \"" CREATED "\", \"finished_at\": null, \"progress\": null, " \
  "\"cost_usd\": null, \"video\": null, \"error\": null}"

static void
test_damaged_records (void)
{
  g_autoptr(RushesLibrary) library = NULL;
  const char *good = RECORD ("20260101-100000-aaaa", "2026-01-01T10:00:00.000Z", "queued", "A good one");
  g_autofree char *truncated = g_strndup (good, strlen (good) / 2);
  g_autoptr(RushesTask) first = NULL;
  g_autoptr(RushesTask) second = NULL;
  GPtrArray *errors;
  guint mentions = 0;

  write_record ("20260101-100000-aaaa", good);
  write_record ("20260102-100000-bbbb", RECORD ("20260102-100000-bbbb", "2026-01-02T10:00:00.000Z",
                                                "succeeded", "A newer one"));
  write_record ("20260103-100000-cccc", truncated);
  write_record ("20260104-100000-dddd", "\x01\x02 garbage \xff");
  write_record ("20260105-100000-eeee", NULL);
  write_record ("20260106-100000-ffff", RECORD ("20260106-100000-ffff", "2026-01-06T10:00:00.000Z",
                                                "exploded", "Bad state"));
  write_record ("20260107-100000-abab", RECORD ("someone-else", "2026-01-07T10:00:00.000Z", "queued", "Moved"));
  write_record ("20260108-100000-cdcd", "{\"version\": 2, \"id\": \"20260108-100000-cdcd\"}");
  write_record ("20260109-100000-efef", "[1, 2]");

  library = rushes_test_open_library ();
  errors = rushes_library_get_load_errors (library);
  g_assert_cmpuint (errors->len, ==, 7);
  for (guint i = 0; i < errors->len; i++)
    {
      GError *error = g_ptr_array_index (errors, i);

      g_assert_true (g_str_has_prefix (error->message, "Task record /"));
      mentions += strstr (error->message, "20260103-100000-cccc/task.json") != NULL;
      mentions += strstr (error->message, "unknown state “exploded”") != NULL;
      mentions += strstr (error->message, "does not match its folder") != NULL;
      mentions += strstr (error->message, "newer Rushes") != NULL;
    }
  g_assert_cmpuint (mentions, ==, 4);

  /* The damage costs those tasks only; the rest is there, newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (library), 0);
  second = g_list_model_get_item (G_LIST_MODEL (library), 1);
  g_assert_cmpstr (rushes_task_get_prompt (first), ==, "A newer one");
  g_assert_cmpstr (rushes_task_get_prompt (second), ==, "A good one");
}


/* What views over the library saw: every items-changed applied to a copy,
 * which must end up equal to the library itself. */
typedef struct
{
  GPtrArray *shadow;    /* RushesTask */
  GArray    *changes;   /* guint[3]: position, removed, added */
  guint      loading_notifies;
} Watcher;

static void
watcher_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Watcher    *watcher)
{
  guint change[3] = { position, removed, added };

  g_assert_cmpuint (position + removed, <=, watcher->shadow->len);
  g_ptr_array_remove_range (watcher->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watcher->shadow, position + i, g_list_model_get_item (model, position + i));
  g_array_append_vals (watcher->changes, change, 1);
}

static void
watcher_loading_cb (RushesLibrary *library,
                    GParamSpec    *pspec,
                    Watcher       *watcher)
{
  watcher->loading_notifies++;
}

static void
watcher_assert_in_step (Watcher       *watcher,
                        RushesLibrary *library)
{
  g_assert_cmpuint (watcher->shadow->len, ==, g_list_model_get_n_items (G_LIST_MODEL (library)));
  for (guint i = 0; i < watcher->shadow->len; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (G_LIST_MODEL (library), i);

      g_assert_true (task == g_ptr_array_index (watcher->shadow, i));
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (rushes_task_get_created_at (g_ptr_array_index (watcher->shadow, i - 1)),
                                              rushes_task_get_created_at (task)), >, 0);
    }
}

static void
write_dated_record (GDateTime *created)
{
  g_autofree char *stamp = g_date_time_format (created, "%Y%m%d-%H%M%S");
  g_autofree char *iso = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *id = g_strdup_printf ("%s-%04x", stamp, g_date_time_get_second (created));
  g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"id\": \"%s\", \"model\": \"wiro/openai/sora-2\","
                                           " \"provider\": \"wiro\", \"state\": \"failed\", \"prompt\": \"Take %s\","
                                           " \"params\": {\"aspect_ratio\": \"auto\", \"duration\": 4, \"resolution\": \"720p\", \"image\": null},"
                                           " \"remote_id\": null, \"created_at\": \"%s\", \"finished_at\": null, \"progress\": null,"
                                           " \"cost_usd\": null, \"video\": null, \"error\": \"no\"}",
                                           id, stamp, iso);

  write_record (id, json);
}

static void
load_watched (RushesLibrary *library,
              Watcher       *watcher)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rushes_library_load_async (library, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_library_get_loading (library));
  g_assert_true (rushes_library_load_finish (library, rushes_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_false (rushes_library_get_loading (library));
}

/* A large library shows its newest clips first, while the rest is read:
 * the first batch is small and every later one is appended after it. */
static void
test_batched_load (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 3, 1, 0, 0, 0);
  g_autoptr(RushesLibrary) library = rushes_library_new (NULL);
  Watcher watcher = { g_ptr_array_new_with_free_func (g_object_unref), g_array_new (FALSE, FALSE, sizeof (guint) * 3), 0 };
  guint total = 1200;
  guint *change;

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_minutes (base, i);

      write_dated_record (created);
    }

  g_signal_connect (library, "items-changed", G_CALLBACK (watcher_items_changed_cb), &watcher);
  g_signal_connect (library, "notify::loading", G_CALLBACK (watcher_loading_cb), &watcher);
  load_watched (library, &watcher);

  g_assert_cmpuint (watcher.loading_notifies, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, total);
  watcher_assert_in_step (&watcher, library);

  /* Several batches, the first one small, each one a plain append. */
  g_assert_cmpuint (watcher.changes->len, >=, 3);
  change = &g_array_index (watcher.changes, guint, 0);
  g_assert_cmpuint (change[0], ==, 0);
  g_assert_cmpuint (change[1], ==, 0);
  g_assert_cmpuint (change[2], <, 100);
  for (guint i = 1, seen = change[2]; i < watcher.changes->len; i++)
    {
      change = &g_array_index (watcher.changes, guint, i * 3);
      g_assert_cmpuint (change[0], ==, seen);
      g_assert_cmpuint (change[1], ==, 0);
      seen += change[2];
    }

  /* The very first task shown is the newest one. */
  {
    g_autoptr(RushesTask) newest = g_list_model_get_item (G_LIST_MODEL (library), 0);
    g_autoptr(GDateTime) last = g_date_time_add_minutes (base, total - 1);

    g_assert_true (g_date_time_equal (rushes_task_get_created_at (newest), last));
  }

  g_ptr_array_unref (watcher.shadow);
  g_array_unref (watcher.changes);
}

/* Loading again adds only what is new, wherever it falls in time, and
 * says exactly which part of the list changed. */
static void
test_reload_merges (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 3, 1, 0, 0, 0);
  g_autoptr(RushesLibrary) library = rushes_library_new (NULL);
  Watcher watcher = { g_ptr_array_new_with_free_func (g_object_unref), g_array_new (FALSE, FALSE, sizeof (guint) * 3), 0 };
  g_autoptr(RushesTask) kept = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_hours (base, 2 * i);

      write_dated_record (created);
    }
  g_signal_connect (library, "items-changed", G_CALLBACK (watcher_items_changed_cb), &watcher);
  load_watched (library, &watcher);
  watcher_assert_in_step (&watcher, library);
  kept = g_list_model_get_item (G_LIST_MODEL (library), 3);

  /* Between the old ones, newer than all and older than all. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_hours (base, 4 * i + 1);

      write_dated_record (created);
    }
  {
    g_autoptr(GDateTime) newest = g_date_time_add_hours (base, 100);
    g_autoptr(GDateTime) oldest = g_date_time_add_hours (base, -100);

    write_dated_record (newest);
    write_dated_record (oldest);
  }

  g_array_set_size (watcher.changes, 0);
  load_watched (library, &watcher);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 17);
  watcher_assert_in_step (&watcher, library);
  g_assert_cmpuint (watcher.changes->len, ==, 1);

  /* Tasks already in keep their objects. */
  g_assert_nonnull (rushes_library_lookup (library, rushes_task_get_id (kept)));
  g_assert_true (rushes_library_lookup (library, rushes_task_get_id (kept)) == kept);

  /* Nothing new: nothing changes. */
  g_array_set_size (watcher.changes, 0);
  load_watched (library, &watcher);
  g_assert_cmpuint (watcher.changes->len, ==, 0);

  g_ptr_array_unref (watcher.shadow);
  g_array_unref (watcher.changes);
}

static void
test_find_and_search (void)
{
  g_autoptr(RushesLibrary) library = NULL;
  g_autoptr(GListModel) matches = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *task;

  write_record ("20260101-100000-aaaa", RECORD ("20260101-100000-aaaa", "2026-01-01T10:00:00.000Z",
                                                "queued", "A fox jumps"));
  write_record ("20260101-100000-aabb", RECORD ("20260101-100000-aabb", "2026-01-01T10:00:00.500Z",
                                                "succeeded", "A FOX sleeps"));
  write_record ("20260102-100000-cccc", RECORD ("20260102-100000-cccc", "2026-01-02T10:00:00.000Z",
                                                "submitting", "A cat"));
  library = rushes_test_open_library ();

  task = rushes_library_find (library, "20260102", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rushes_task_get_prompt (task), ==, "A cat");
  g_assert_nonnull (rushes_library_find (library, "20260101-100000-aabb", &error));

  g_assert_null (rushes_library_find (library, "20260101", &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (rushes_library_find (library, "2030", &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND);

  matches = rushes_library_search (library, "fox");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 2);
  task = g_list_model_get_item (matches, 0);
  g_assert_cmpstr (rushes_task_get_prompt (task), ==, "A FOX sleeps");
  g_object_unref (task);

  all = rushes_library_search (library, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);

  /* What a resume follows, oldest first. */
  unfinished = rushes_library_list_unfinished (library);
  g_assert_cmpuint (unfinished->len, ==, 2);
  g_assert_cmpstr (rushes_task_get_prompt (g_ptr_array_index (unfinished, 0)), ==, "A fox jumps");
  g_assert_cmpstr (rushes_task_get_prompt (g_ptr_array_index (unfinished, 1)), ==, "A cat");
}

static void
test_invalid_params (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesGenerationParams) params = fox_params ("A fox");
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = library_dir ();

  rushes_generation_params_set_duration (params, 5);
  task = create_task (library, rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"), params, &error);
  g_assert_null (task);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Duration 5 s is not offered by Sora 2; choose 4, 8 or 12 s");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  g_assert_false (g_file_query_exists (dir, NULL));
}

/* Whatever is planted in a task folder costs only that task, and a record
 * cannot point Rushes at a file outside its folder. */
static void
test_hostile_records (void)
{
  g_autoptr(RushesLibrary) library = NULL;
  g_autoptr(GFile) dir = library_dir ();
  g_autoptr(GString) deep = g_string_new ("{\"version\": 1, \"id\": ");
  g_autofree char *link_path = NULL;
  g_autofree char *fifo_path = NULL;
  g_autofree char *video_link = NULL;
  GPtrArray *errors;
  RushesTask *planted;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  write_record ("20260101-100000-aaaa", RECORD ("20260101-100000-aaaa", "2026-01-01T10:00:00.000Z",
                                                "succeeded", "Good"));
  write_record ("20260102-100000-bbbb", deep->str);
  write_record ("20260103-100000-cccc", NULL);
  link_path = g_build_filename (g_file_peek_path (dir), "20260103-100000-cccc", "task.json", NULL);
  g_assert_cmpint (symlink ("/dev/zero", link_path), ==, 0);
  write_record ("20260104-100000-dddd", NULL);
  fifo_path = g_build_filename (g_file_peek_path (dir), "20260104-100000-dddd", "task.json", NULL);
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  /* A clip whose video.mp4 is a link: its video counts as missing. */
  write_record ("20260106-100000-ffff",
                "{\"version\": 1, \"id\": \"20260106-100000-ffff\", \"model\": \"wiro/openai/sora-2\", "
                "\"provider\": \"wiro\", \"state\": \"succeeded\", \"prompt\": \"Linked\", "
                "\"params\": {\"aspect_ratio\": \"auto\", \"duration\": 4, \"resolution\": \"720p\"}, "
                "\"remote_id\": \"42\", \"created_at\": \"2026-01-06T10:00:00.000Z\", \"video\": \"video.mp4\"}");
  video_link = g_build_filename (g_file_peek_path (dir), "20260106-100000-ffff", "video.mp4", NULL);
  g_assert_cmpint (symlink ("/dev/zero", video_link), ==, 0);
  write_record ("20260105-100000-eeee",
                "{\"version\": 1, \"id\": \"20260105-100000-eeee\", \"model\": \"wiro/openai/sora-2\", "
                "\"provider\": \"wiro\", \"state\": \"draft\", \"prompt\": \"Planted\", "
                "\"params\": {\"aspect_ratio\": \"auto\", \"duration\": 4, \"resolution\": \"720p\", "
                "\"image\": \"/etc/passwd\"}, \"created_at\": \"2026-01-05T10:00:00.000Z\", "
                "\"input\": \"../../../secret\", \"input_end\": \"/etc/shadow\"}");

  library = rushes_test_open_library ();
  errors = rushes_library_get_load_errors (library);
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 3);

  planted = rushes_library_lookup (library, "20260106-100000-ffff");
  g_assert_nonnull (planted);
  g_assert_null (rushes_task_get_video_file (planted));

  planted = rushes_library_lookup (library, "20260105-100000-eeee");
  g_assert_nonnull (planted);
  g_assert_null (rushes_task_get_input_file (planted));
  g_assert_null (rushes_task_get_image_file (planted, RUSHES_CONTROL_END_IMAGE));
}

/* Any time a record holds is written back so that it reads again: the year
 * 178 was written "178-…", which no reader takes, and the task was gone
 * after its next save; a time with no UTC equivalent could not be written
 * at all (both found by fuzz-task-record). */
static void
test_record_times (void)
{
  g_autoptr(RushesLibrary) library = NULL;
  g_autoptr(RushesLibrary) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *old;

  write_record ("20260101-100000-aaaa", RECORD ("20260101-100000-aaaa", "0178-12-06T13:59:20.381Z",
                                                "succeeded", "Old"));
  write_record ("20260102-100000-bbbb", RECORD ("20260102-100000-bbbb", "0001-01-01T00:00:00+01:00",
                                                "succeeded", "Before time"));

  library = rushes_test_open_library ();
  g_assert_cmpuint (rushes_library_get_load_errors (library)->len, ==, 1);
  g_assert_null (rushes_library_lookup (library, "20260102-100000-bbbb"));
  old = rushes_library_lookup (library, "20260101-100000-aaaa");
  g_assert_nonnull (old);
  g_assert_true (rushes_library_set_favourite (library, old, TRUE, &error));
  g_assert_no_error (error);

  reloaded = rushes_test_open_library ();
  old = rushes_library_lookup (reloaded, "20260101-100000-aaaa");
  g_assert_nonnull (old);
  g_assert_cmpint (g_date_time_get_year (rushes_task_get_created_at (old)), ==, 178);
  g_assert_true (rushes_task_get_favourite (old));
}

/* json-glib 1.6 wrote a progress of 1e-08 as "1e-08.0", which no parser
 * reads: after its next save the task was gone from the library (found by
 * fuzz-task-record). */
static void
test_record_tiny_numbers (void)
{
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  RushesModel *model = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  g_autoptr(RushesLibrary) library = rushes_test_open_library ();
  g_autoptr(RushesLibrary) reloaded = NULL;
  g_autoptr(RushesGenerationParams) params = fox_params ("A red fox in the snow");
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *loaded;

  task = create_task (library, model, params, &error);
  g_assert_no_error (error);
  _rushes_task_set_state (task, RUSHES_TASK_STATE_RUNNING);
  _rushes_task_set_progress (task, 1e-08);
  _rushes_task_set_cost_usd (task, 2.5e-05);
  g_assert_true (_rushes_library_save_task (library, task, RUSHES_TASK_FIELDS_RUN, &error));
  g_assert_no_error (error);

  reloaded = rushes_test_open_library ();
  g_assert_cmpuint (rushes_library_get_load_errors (reloaded)->len, ==, 0);
  loaded = rushes_library_lookup (reloaded, rushes_task_get_id (task));
  g_assert_nonnull (loaded);
  g_assert_cmpfloat (rushes_task_get_progress (loaded), ==, 1e-08);
  g_assert_cmpfloat (rushes_task_get_cost_usd (loaded), ==, 2.5e-05);
}

/* Numbers no integer holds: converting them was undefined behaviour (the
 * sanitizer build stops on it; found with fuzz-task-record's UBSan). */
static void
test_record_numbers (void)
{
  g_autoptr(RushesLibrary) library = NULL;
  g_autoptr(GFile) dir = library_dir ();
  g_autoptr(GFile) file = g_file_new_build_filename (g_file_peek_path (dir), "20260102-100000-bbbb", "task.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  RushesTask *task;
  GPtrArray *errors;

  write_record ("20260101-100000-aaaa", "{\"version\": 1e300, \"id\": \"20260101-100000-aaaa\"}");
  write_record ("20260102-100000-bbbb", "{\"version\": 1, \"id\": \"20260102-100000-bbbb\", "
                "\"model\": \"wiro/openai/sora-2\", \"provider\": \"wiro\", \"state\": \"draft\", "
                "\"params\": {}, \"created_at\": \"2026-01-02T10:00:00.000Z\", \"revision\": 1e300}");

  library = rushes_test_open_library ();
  errors = rushes_library_get_load_errors (library);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message, "record version 1e+300"));

  task = rushes_library_lookup (library, "20260102-100000-bbbb");
  g_assert_nonnull (task);
  g_assert_cmpuint (_rushes_task_get_revision (task), ==, 0);
  g_assert_true (rushes_library_set_favourite (library, task, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  root = json_from_string (contents, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "revision"), ==, 1);
}

/* Two processes write one record: neither undoes the other, and nothing
 * takes a task back or loses its remote id. */
static void
test_concurrent_writes (void)
{
  g_autoptr(RushesLibrary) first = NULL;
  g_autoptr(RushesLibrary) second = NULL;
  g_autoptr(RushesLibrary) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  RushesTask *mine;
  RushesTask *theirs;
  RushesTask *stored;

  write_record ("20260101-100000-aaaa", RECORD ("20260101-100000-aaaa", "2026-01-01T10:00:00.000Z",
                                                "submitting", "Shared"));
  first = rushes_test_open_library ();
  second = rushes_test_open_library ();
  mine = rushes_library_lookup (first, "20260101-100000-aaaa");
  theirs = rushes_library_lookup (second, "20260101-100000-aaaa");

  /* The follower here writes the remote id; the other process, which read
   * the record before, marks it a favourite: both stay. */
  _rushes_task_set_remote (mine, "534574", "token");
  _rushes_task_set_state (mine, RUSHES_TASK_STATE_QUEUED);
  g_assert_true (_rushes_library_save_task (first, mine, RUSHES_TASK_FIELDS_RUN, &error));
  g_assert_no_error (error);
  g_assert_true (rushes_library_set_favourite (second, theirs, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rushes_task_get_remote_id (theirs), ==, "534574");
  g_assert_cmpint (rushes_task_get_state (theirs), ==, RUSHES_TASK_STATE_QUEUED);

  /* A stale writer cannot take the task back nor drop its remote id. */
  _rushes_task_set_remote (theirs, NULL, NULL);
  _rushes_task_set_state (theirs, RUSHES_TASK_STATE_UNCERTAIN);
  g_assert_false (_rushes_library_save_task (second, theirs, RUSHES_TASK_FIELDS_RUN, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_cmpint (rushes_task_get_state (theirs), ==, RUSHES_TASK_STATE_QUEUED);
  g_assert_cmpstr (rushes_task_get_remote_id (theirs), ==, "534574");

  reloaded = rushes_test_open_library ();
  stored = rushes_library_lookup (reloaded, "20260101-100000-aaaa");
  g_assert_cmpstr (rushes_task_get_remote_id (stored), ==, "534574");
  g_assert_cmpint (rushes_task_get_state (stored), ==, RUSHES_TASK_STATE_QUEUED);
  g_assert_true (rushes_task_get_favourite (stored));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/library/create-and-reload", test_create_and_reload);
  g_test_add_func ("/rushes/library/damaged-records", test_damaged_records);
  g_test_add_func ("/rushes/library/find-and-search", test_find_and_search);
  g_test_add_func ("/rushes/library/batched-load", test_batched_load);
  g_test_add_func ("/rushes/library/reload-merges", test_reload_merges);
  g_test_add_func ("/rushes/library/invalid-params", test_invalid_params);
  g_test_add_func ("/rushes/library/hostile-records", test_hostile_records);
  g_test_add_func ("/rushes/library/record-times", test_record_times);
  g_test_add_func ("/rushes/library/record-numbers", test_record_numbers);
  g_test_add_func ("/rushes/library/record-tiny-numbers", test_record_tiny_numbers);
  g_test_add_func ("/rushes/library/concurrent-writes", test_concurrent_writes);

  return g_test_run ();
}
