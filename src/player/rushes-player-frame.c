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

#define G_LOG_DOMAIN "rushes-player"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-core.h"
#include "rushes-paintable-private.h"
#include "rushes-player-private.h"
#include "rushes-png.h"

/* Save Frame and Use Frame: the frame shown, as a PNG at the video's own
 * size, encoded and written on a worker thread. */

typedef struct
{
  GstSample *sample;
  GFile     *destination;
} GrabData;

static void
grab_data_free (GrabData *data)
{
  g_clear_pointer (&data->sample, gst_sample_unref);
  g_clear_object (&data->destination);
  g_free (data);
}

static void
grab_frame_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GrabData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GFile) parent = NULL;

  /* The video's own size */
  png = rushes_media_sample_to_png (data->sample, 0, NULL, &error);
  if (png == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The folder may be new (the frames kept for the composer). */
  parent = g_file_get_parent (data->destination);
  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  /* Written beside the destination, flushed and renamed: a reader never
   * sees half a PNG. The user's file, with the mode any program gives. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !rushes_file_set_contents (data->destination, g_bytes_get_data (png, NULL),
                                 g_bytes_get_size (png), rushes_file_get_default_mode (), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rushes_player_grab_frame_async:
 * @destination: where to write the PNG; replaced if it exists
 *
 * Saves the frame shown now as a PNG at the video's own size, creating
 * the folder if needed. The frame is taken when this is called; encoding
 * and writing happen on a worker thread.
 */
void
rushes_player_grab_frame_async (RushesPlayer        *self,
                                GFile               *destination,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GrabData *data;
  GstSample *sample;

  g_return_if_fail (RUSHES_IS_PLAYER (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_player_grab_frame_async);

  sample = _rushes_paintable_get_sample (RUSHES_PAINTABLE (rushes_player_get_paintable (self)));
  if (sample == NULL)
    {
      g_task_return_new_error (task, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NO_FRAME,
                               _("There is no frame to save yet"));
      return;
    }

  data = g_new0 (GrabData, 1);
  data->sample = sample;
  data->destination = g_object_ref (destination);
  g_task_set_task_data (task, data, (GDestroyNotify) grab_data_free);
  g_task_run_in_thread (task, grab_frame_thread);
}

gboolean
rushes_player_grab_frame_finish (RushesPlayer  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_player_grab_frame_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
