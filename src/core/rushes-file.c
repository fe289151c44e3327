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

#define G_LOG_DOMAIN "rushes-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rushes-file.h"

/*
 * Files in Rushes' folders are not a trust boundary: a user, a backup
 * tool or another program can put anything there. Reading follows no
 * symbolic link, reads only regular files and never more than a bound (a
 * catalog symlinked to /dev/zero grew without end; a FIFO hung the CLI).
 * Writing goes to a temporary file beside the destination, is flushed,
 * renamed over it, and the folder is flushed too, so that a crash leaves
 * the old file or the new one, never half of one.
 */

/* @what is "Cannot open %s" with the file's name already in it. */
static gboolean
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      char        *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", what, g_strerror (saved_errno));
  g_free (what);
  return FALSE;
}

static char *
describe (const char *format,
          const char *path) G_GNUC_FORMAT (1);

/* Translatable formats with one %s, the file's display name. */
static char *
describe (const char *format,
          const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, display);
#pragma GCC diagnostic pop
}

/**
 * rushes_file_load_contents:
 * @file: a local file
 * @max_size: the largest size accepted
 * @contents: (out): the contents, nul-terminated
 * @length: (out) (optional): their length
 * @error: %G_IO_ERROR_NOT_FOUND, %G_IO_ERROR_NOT_REGULAR_FILE for a link,
 *   a folder, a device or a FIFO, %G_IO_ERROR_INVALID_DATA when larger
 *   than @max_size, or the error of the read
 *
 * Reads a whole file that someone else may have placed, safely.
 */
gboolean
rushes_file_load_contents (GFile   *file,
                           gsize    max_size,
                           char   **contents,
                           gsize   *length,
                           GError **error)
{
  g_autofree char *buffer = NULL;
  const char *path;
  struct stat st;
  gsize filled = 0;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Not a local file"));
      return FALSE;
    }

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("%s is a symbolic link; Rushes does not follow links in its folders"), display);
          return FALSE;
        }
      return set_error_from_errno (error, saved_errno, describe (_("Cannot open %s"), path));
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_error_from_errno (error, saved_errno, describe (_("Cannot read %s"), path));
    }

  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("%s is not a regular file"), display);
      return FALSE;
    }

  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *limit = g_format_size (max_size);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is larger than %s"), display, limit);
      return FALSE;
    }

  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  /* The file may grow while it is read: stop one chunk past the bound. */
  {
    g_autoptr(GByteArray) bytes = g_byte_array_sized_new (MIN ((gsize) st.st_size, max_size) + 1);
    guint8 chunk[16384];

    for (;;)
      {
        gssize n = read (fd, chunk, sizeof chunk);

        if (n < 0 && errno == EINTR)
          continue;
        if (n < 0)
          {
            int saved_errno = errno;

            close (fd);
            return set_error_from_errno (error, saved_errno, describe (_("Cannot read %s"), path));
          }
        if (n == 0)
          break;
        if (bytes->len + (gsize) n > max_size)
          {
            g_autofree char *display = g_filename_display_name (path);
            g_autofree char *limit = g_format_size (max_size);

            close (fd);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is larger than %s"), display, limit);
            return FALSE;
          }
        g_byte_array_append (bytes, chunk, n);
      }
    close (fd);

    filled = bytes->len;
    g_byte_array_append (bytes, (const guint8 *) "", 1);
    buffer = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  }

  buffer[filled] = '\0';
  *contents = g_steal_pointer (&buffer);
  if (length != NULL)
    *length = filled;
  return TRUE;
}

/**
 * rushes_file_sync_folder:
 * @folder: a local folder
 *
 * Flushes the folder itself, so that a rename in it survives a power cut.
 */
gboolean
rushes_file_sync_folder (GFile   *folder,
                         GError **error)
{
  const char *path;
  int fd;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  path = g_file_peek_path (folder);
  if (path == NULL)
    return TRUE;

  fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      return set_error_from_errno (error, saved_errno, describe (_("Cannot open the folder %s"), path));
    }

  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return set_error_from_errno (error, saved_errno, describe (_("Cannot flush the folder %s"), path));
    }

  close (fd);
  return TRUE;
}

/**
 * rushes_file_new_temp_beside:
 * @destination: where the file will go
 *
 * Creates an empty hidden file beside @destination (readable by its owner
 * only), for a writer that renames it over @destination with
 * rushes_file_commit() when done, or deletes it.
 *
 * Returns: (transfer full): the temporary file, or %NULL with @error set
 */
GFile *
rushes_file_new_temp_beside (GFile   *destination,
                             GError **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *template = NULL;
  int fd;

  g_return_val_if_fail (G_IS_FILE (destination), NULL);

  parent = g_file_get_parent (destination);
  name = g_file_get_basename (destination);
  if (parent == NULL || g_file_peek_path (parent) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Not a local file"));
      return NULL;
    }

  template = g_strdup_printf ("%s/.%s.XXXXXX", g_file_peek_path (parent), name);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_autofree char *folder = g_file_get_parse_name (parent);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot write in %s: %s"), folder, g_strerror (errno));
      return NULL;
    }
  close (fd);

  return g_file_new_for_path (template);
}

static gboolean
no_hard_links (int saved_errno)
{
  return saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == EOPNOTSUPP ||
         saved_errno == ENOSYS || saved_errno == EMLINK;
}

/* Sets errno on failure. */
static gboolean
rename_if_absent (const char *temp_path,
                  const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0)
    {
      errno = EEXIST;
      return FALSE;
    }
  if (errno != ENOENT)
    return FALSE;

  return g_rename (temp_path, path) == 0;
}

/**
 * rushes_file_commit:
 * @temp: a file written beside @destination
 * @destination: where it goes
 * @overwrite: whether an existing @destination is replaced
 *
 * Flushes @temp, renames it to @destination and flushes the folder. On
 * failure @temp is deleted and @destination is untouched.
 */
gboolean
rushes_file_commit (GFile    *temp,
                    GFile    *destination,
                    gboolean  overwrite,
                    GError  **error)
{
  g_autoptr(GFile) parent = NULL;
  const char *temp_path;
  const char *path;
  int fd;

  g_return_val_if_fail (G_IS_FILE (temp), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  temp_path = g_file_peek_path (temp);
  path = g_file_peek_path (destination);
  g_return_val_if_fail (temp_path != NULL && path != NULL, FALSE);

  fd = g_open (temp_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (temp_path);
      return set_error_from_errno (error, saved_errno, describe (_("Cannot write %s"), path));
    }
  close (fd);

  if (!overwrite)
    {
      /* link() fails when the destination exists: no race with another
       * writer. FAT, exFAT and many network shares have no hard links
       * (EPERM, ENOTSUP): there the check and the rename are two steps,
       * as in g_file_move(). */
      if (link (temp_path, path) == 0)
        {
          g_unlink (temp_path);
        }
      else if (!no_hard_links (errno) || !rename_if_absent (temp_path, path))
        {
          int saved_errno = errno;

          g_unlink (temp_path);
          return set_error_from_errno (error, saved_errno, describe (_("Cannot write %s"), path));
        }
    }
  else if (g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      return set_error_from_errno (error, saved_errno, describe (_("Cannot write %s"), path));
    }

  parent = g_file_get_parent (destination);
  return parent == NULL || rushes_file_sync_folder (parent, error);
}

static void
replaced_for_task_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * rushes_file_replace_for_task:
 * @file: the file to write, replaced if it exists
 * @text: (transfer full): what to write, a nul-terminated text
 * @task: (transfer full): returns %TRUE, or the error, once @file is
 *   written; its cancellable cancels the write
 *
 * Writes @text to @file off the main thread, through a temporary file
 * renamed at the end, for an asynchronous writer whose result is
 * whether the file is in place (the reel hand-offs).
 */
void
rushes_file_replace_for_task (GFile *file,
                              char  *text,
                              GTask *task)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (text != NULL);
  g_return_if_fail (G_IS_TASK (task));

  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       g_task_get_cancellable (task), replaced_for_task_cb, task);
}

/**
 * rushes_file_set_contents:
 * @file: a local file
 * @contents: (array length=length): what to write
 * @length: its length, or -1 for a nul-terminated string
 * @mode: the file's permissions (0600 for records)
 *
 * Replaces @file atomically: a crash leaves the old contents or the new
 * ones. The folder is flushed after the rename.
 */
gboolean
rushes_file_set_contents (GFile       *file,
                          const char  *contents,
                          gssize       length,
                          int          mode,
                          GError     **error)
{
  g_autoptr(GFile) temp = NULL;
  const char *temp_path;
  gsize remaining;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (contents);

  temp = rushes_file_new_temp_beside (file, error);
  if (temp == NULL)
    return FALSE;

  temp_path = g_file_peek_path (temp);
  fd = g_open (temp_path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_TRUNC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      return set_error_from_errno (error, saved_errno, describe (_("Cannot write %s"), g_file_peek_path (file)));
    }
  if (fchmod (fd, mode) != 0)
    g_debug ("Cannot set the mode of %s: %s", temp_path, g_strerror (errno));

  remaining = length;
  while (remaining > 0)
    {
      gssize n = write (fd, contents + (length - remaining), remaining);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (temp_path);
          return set_error_from_errno (error, saved_errno, describe (_("Cannot write %s"), g_file_peek_path (file)));
        }
      remaining -= n;
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      return set_error_from_errno (error, saved_errno, describe (_("Cannot write %s"), g_file_peek_path (file)));
    }

  return rushes_file_commit (temp, file, TRUE, error);
}

/**
 * rushes_file_make_private_folder:
 * @folder: a local folder
 *
 * Creates @folder and its parents where missing; @folder itself is
 * readable by its owner only (0700): clips and prompts are private.
 */
gboolean
rushes_file_make_private_folder (GFile   *folder,
                                 GError **error)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  path = g_file_peek_path (folder);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      return set_error_from_errno (error, saved_errno, describe (_("Cannot create the folder %s"), path));
    }
  if (g_chmod (path, 0700) != 0)
    g_debug ("Cannot make %s private: %s", path, g_strerror (errno));

  return TRUE;
}

/**
 * rushes_file_is_regular:
 * @file: a file in one of Rushes' folders
 *
 * A link planted where Rushes keeps a video (or its .part) would make it
 * play, or append to, whatever the link names: such a file counts as
 * missing.
 *
 * Returns: whether @file is a regular file itself, not a link to one
 */
gboolean
rushes_file_is_regular (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  return info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR;
}

/**
 * rushes_file_get_default_mode:
 *
 * The permissions any program gives a new file: 0666 less the process's
 * umask. For files made for the user outside Rushes' own folders (exports,
 * saved frames); rushes_file_new_temp_beside() makes private files.
 *
 * Returns: the mode, 0600 when the umask cannot be read
 */
int
rushes_file_get_default_mode (void)
{
  static gsize cached;

  /* umask() can only be read by setting it, which races with every other
   * thread creating a file: the kernel tells it in /proc instead. */
  if (g_once_init_enter (&cached))
    {
      g_autofree char *status = NULL;
      const char *line = NULL;
      guint64 mask = 0077;

      if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
          (line = strstr (status, "\nUmask:")) != NULL)
        mask = g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8) & 0777;

      /* Stored plus one: g_once needs a value other than 0. */
      g_once_init_leave (&cached, (0666 & ~mask) + 1);
    }

  return (int) cached - 1;
}
