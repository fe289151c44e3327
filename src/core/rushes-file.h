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

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest file Rushes reads whole from its own folders that a user or
 * another program may have planted there (records, catalogs, reels). */
#define RUSHES_FILE_MAX_RECORD (16u * 1024 * 1024)

gboolean  rushes_file_load_contents      (GFile        *file,
                                          gsize         max_size,
                                          char        **contents,
                                          gsize        *length,
                                          GError      **error);
gboolean  rushes_file_set_contents       (GFile        *file,
                                          const char   *contents,
                                          gssize        length,
                                          int           mode,
                                          GError      **error);
void      rushes_file_replace_for_task   (GFile        *file,
                                          char         *text,
                                          GTask        *task);
GFile    *rushes_file_new_temp_beside    (GFile        *destination,
                                          GError      **error);
gboolean  rushes_file_commit             (GFile        *temp,
                                          GFile        *destination,
                                          gboolean      overwrite,
                                          GError      **error);
gboolean  rushes_file_sync_folder        (GFile        *folder,
                                          GError      **error);
gboolean  rushes_file_make_private_folder (GFile       *folder,
                                           GError     **error);
gboolean  rushes_file_is_regular         (GFile        *file);
int       rushes_file_get_default_mode   (void);

G_END_DECLS
