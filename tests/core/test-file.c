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

#define G_LOG_DOMAIN "test-file"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rushes-core.h"

static GFile *
temp_child (const char *name)
{
  return g_file_new_build_filename (g_get_user_data_dir (), name, NULL);
}

static void
test_load_refuses (void)
{
  g_autoptr(GFile) real = temp_child ("real.json");
  g_autoptr(GFile) link = temp_child ("link.json");
  g_autoptr(GFile) fifo = temp_child ("fifo.json");
  g_autoptr(GFile) big = temp_child ("big.json");
  g_autoptr(GFile) missing = temp_child ("missing.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *large = g_strnfill (2048, ' ');
  gsize length = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (real), "{}", -1, NULL));
  g_assert_true (rushes_file_load_contents (real, 16, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{}");
  g_assert_cmpuint (length, ==, 2);
  g_clear_pointer (&contents, g_free);

  /* A planted link is not followed, even to a readable file. */
  g_assert_cmpint (symlink (g_file_peek_path (real), g_file_peek_path (link)), ==, 0);
  g_assert_false (rushes_file_load_contents (link, 16, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  /* A FIFO would block a reader for ever. */
  g_assert_cmpint (mkfifo (g_file_peek_path (fifo), 0600), ==, 0);
  g_assert_false (rushes_file_load_contents (fifo, 16, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (g_file_peek_path (big), large, -1, NULL));
  g_assert_false (rushes_file_load_contents (big, 1024, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_false (rushes_file_load_contents (missing, 16, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_set_contents (void)
{
  g_autoptr(GFile) folder = temp_child ("private");
  g_autoptr(GFile) record = g_file_get_child (folder, "task.json");
  g_autoptr(GFile) target = temp_child ("target");
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  GStatBuf st;

  g_assert_true (rushes_file_make_private_folder (folder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (g_file_peek_path (folder), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_true (rushes_file_set_contents (record, "one", -1, 0600, &error));
  g_assert_true (rushes_file_set_contents (record, "two", -1, 0600, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (g_file_peek_path (record), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (g_file_peek_path (record), &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "two");

  /* No temporary file is left behind. */
  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, &error);
  g_assert_no_error (error);
  {
    guint n = 0;

    while (g_file_enumerator_next_file (children, NULL, NULL) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  /* Without overwrite, an existing destination stays and the temp goes. */
  temp = rushes_file_new_temp_beside (record, &error);
  g_assert_no_error (error);
  g_assert_false (rushes_file_commit (temp, record, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (g_file_query_exists (temp, NULL));
  g_clear_object (&temp);
  g_clear_error (&error);

  temp = rushes_file_new_temp_beside (target, &error);
  g_assert_true (rushes_file_commit (temp, target, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (target, NULL));
}

static void
test_default_mode (void)
{
  /* Not the usual 022, so that a fixed 0644 would fail. The mode is read
   * once per process: this is the first call. */
  mode_t mask = umask (0027);

  g_assert_cmpint (rushes_file_get_default_mode (), ==, 0640);
  umask (mask);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rushes/file/load-refuses", test_load_refuses);
  g_test_add_func ("/rushes/file/set-contents", test_set_contents);
  g_test_add_func ("/rushes/file/default-mode", test_default_mode);

  return g_test_run ();
}
