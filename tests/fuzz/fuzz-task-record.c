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

/* A task.json as the library reads it (guarded parse, record reader), then
 * written the way the library writes it and read back: what Rushes writes,
 * it reads again unchanged. */

#define G_LOG_DOMAIN "fuzz-task-record"

#include "config.h"

#include <string.h>

#include "rushes-fuzz.h"
#include "rushes-json.h"
#include "rushes-providers.h"
#include "rushes-task-private.h"

/* Never created: reading a record touches no file. */
#define FOLDER "/nonexistent/rushes-fuzz/library/task"

static GFile *folder;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rushes_fuzz_init ();
  folder = g_file_new_for_path (FOLDER);
  return 0;
}

/* A record names files by their name in the task's folder only: a planted
 * "../../secret" must not make Rushes upload or play another file. */
static void
assert_inside_folder (GFile *file)
{
  if (file != NULL)
    g_assert_true (g_file_has_parent (file, folder));
}

static RushesTask *
read_record (const char  *text,
             gsize        length,
             GError     **error)
{
  g_autoptr(JsonNode) root = rushes_json_parse (text, length, RUSHES_JSON_MAX_RECORD, error);

  if (root == NULL)
    return NULL;
  return _rushes_task_new_from_record (root, folder, error);
}

static char *
write_record (RushesTask *task)
{
  g_autoptr(JsonNode) record = _rushes_task_to_record (task);
  g_autoptr(JsonNode) shown = rushes_task_to_json (task);
  g_autofree char *shown_text = rushes_json_to_string (shown, FALSE);

  g_assert_nonnull (shown_text);
  /* As RushesLibrary writes task.json. */
  return rushes_json_to_string (record, TRUE);
}

static void
check_task (RushesTask *task)
{
  double progress = rushes_task_get_progress (task);
  double cost = rushes_task_get_cost_usd (task);

  g_assert_nonnull (rushes_task_get_id (task));
  g_assert_nonnull (rushes_task_get_model_id (task));
  g_assert_nonnull (rushes_task_get_provider_id (task));
  g_assert_nonnull (rushes_task_get_created_at (task));
  g_assert_nonnull (rushes_task_get_params (task));
  g_assert_true (progress == -1 || (progress >= 0 && progress <= 1));
  g_assert_true (cost == -1 || cost >= 0);
  (void) rushes_task_is_finished (task);
  (void) rushes_task_matches (task, "sora");

  assert_inside_folder (rushes_task_get_image_file (task, RUSHES_CONTROL_IMAGE));
  assert_inside_folder (rushes_task_get_image_file (task, RUSHES_CONTROL_END_IMAGE));
  assert_inside_folder (rushes_task_get_input_file (task));
  assert_inside_folder (rushes_task_get_video_file (task));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(RushesTask) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  task = read_record ((const char *) data, size, &error);
  if (task == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);
  check_task (task);

  written = write_record (task);
  again = read_record (written, strlen (written), &error);
  if (again == NULL)
    g_error ("Rushes cannot read the record it wrote (%s):\n%s", error->message, written);
  check_task (again);

  rewritten = write_record (again);
  if (!g_str_equal (written, rewritten))
    g_error ("A record read back is written differently:\n%s\n---\n%s", written, rewritten);

  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&task));

  return 0;
}
