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

#define G_LOG_DOMAIN "rushes-reel-clip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-error.h"
#include "rushes-generation-params.h"
#include "rushes-media-error.h"
#include "rushes-media-info.h"
#include "rushes-reel-clip.h"
#include "rushes-task.h"

G_DEFINE_BOXED_TYPE (RushesReelClip, rushes_reel_clip, rushes_reel_clip_copy, rushes_reel_clip_free)

static void
ensure_gstreamer (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      gst_init (NULL, NULL);
      gst_pb_utils_init ();
      g_once_init_leave (&initialised, 1);
    }
}

static void
free_clips (gpointer data)
{
  g_ptr_array_unref (data);
}

/**
 * rushes_reel_clip_new:
 * @task_id: the library clip
 * @file: (nullable): its video
 *
 * A whole clip followed by a cut, not yet probed.
 */
RushesReelClip *
rushes_reel_clip_new (const char *task_id,
                      GFile      *file)
{
  RushesReelClip *clip;

  g_return_val_if_fail (task_id != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  clip = g_new0 (RushesReelClip, 1);
  clip->task_id = g_strdup (task_id);
  clip->file = file != NULL ? g_object_ref (file) : NULL;
  clip->in_point = -1;
  clip->out_point = -1;
  clip->transition = RUSHES_REEL_TRANSITION_CUT;
  return clip;
}

RushesReelClip *
rushes_reel_clip_copy (const RushesReelClip *clip)
{
  RushesReelClip *copy;

  g_return_val_if_fail (clip != NULL, NULL);

  copy = g_memdup2 (clip, sizeof *clip);
  copy->task_id = g_strdup (clip->task_id);
  copy->file = clip->file != NULL ? g_object_ref (clip->file) : NULL;
  copy->prompt = g_strdup (clip->prompt);
  copy->model = g_strdup (clip->model);
  copy->seed = g_strdup (clip->seed);
  return copy;
}

void
rushes_reel_clip_free (RushesReelClip *clip)
{
  if (clip == NULL)
    return;

  g_free (clip->task_id);
  g_clear_object (&clip->file);
  g_free (clip->prompt);
  g_free (clip->model);
  g_free (clip->seed);
  g_free (clip);
}

/**
 * rushes_reel_clip_probe:
 * @clip: a clip with a file
 * @error: a #RUSHES_MEDIA_ERROR naming the file when it is missing, cannot
 *   be read or has no picture
 *
 * Reads the video's duration, display size, frame rate and whether it has
 * sound into @clip. Blocks for as long as GStreamer takes to read the
 * file's headers: call it off the main thread, as
 * rushes_reel_clip_resolve_async() does.
 */
gboolean
rushes_reel_clip_probe (RushesReelClip  *clip,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(RushesMediaInfo) info = NULL;

  g_return_val_if_fail (clip != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (clip->file), FALSE);

  info = rushes_media_info_probe (clip->file, cancellable, error);
  if (info == NULL)
    return FALSE;

  clip->width = info->width;
  clip->height = info->height;
  clip->fps_n = info->fps_n;
  clip->fps_d = info->fps_d;
  clip->has_audio = info->has_audio;
  clip->duration = info->duration;

  return TRUE;
}

/**
 * rushes_reel_clip_layout:
 * @clips: (element-type RushesReelClip): probed clips, in reel order
 * @flags: whether a crossfade or out point that does not fit is refused
 *   or shortened
 * @spans: (out) (transfer full) (array) (optional): where each clip lies;
 *   free with g_free()
 * @total_duration: (out) (optional): the reel's length, in microseconds
 * @error: a %RUSHES_ERROR_NOT_FOUND naming a clip that is no longer in the
 *   library, or the layout's %RUSHES_ERROR_INVALID_INPUT
 *
 * rushes_reel_layout() over resolved clips.
 */
gboolean
rushes_reel_clip_layout (GPtrArray              *clips,
                         RushesReelLayoutFlags   flags,
                         RushesReelSpan        **spans,
                         gint64                 *total_duration,
                         GError                **error)
{
  g_autofree RushesReelClipTiming *timings = NULL;
  g_autofree RushesReelSpan *result = NULL;

  g_return_val_if_fail (clips != NULL, FALSE);

  timings = g_new0 (RushesReelClipTiming, MAX (clips->len, 1));
  result = g_new0 (RushesReelSpan, MAX (clips->len, 1));

  for (guint i = 0; i < clips->len; i++)
    {
      const RushesReelClip *clip = g_ptr_array_index (clips, i);

      if (clip->file == NULL)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                       _("Clip %u is no longer in the library: remove it from the reel first"), i + 1);
          return FALSE;
        }

      timings[i] = (RushesReelClipTiming) {
        .clip_duration = clip->duration,
        .in_point = clip->in_point,
        .out_point = clip->out_point,
        .transition = clip->transition,
        .transition_duration = clip->transition_duration,
      };
    }

  if (!rushes_reel_layout (timings, clips->len, flags, result, total_duration, error))
    return FALSE;

  if (spans != NULL)
    *spans = g_steal_pointer (&result);
  return TRUE;
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *clips = task_data;

  for (guint i = 0; i < clips->len; i++)
    {
      RushesReelClip *clip = g_ptr_array_index (clips, i);
      GError *error = NULL;

      if (clip->file == NULL)
        continue;

      /* A video deleted behind the library's back is a gap, like a
       * deleted clip. */
      if (!g_file_query_exists (clip->file, cancellable))
        {
          g_clear_object (&clip->file);
          continue;
        }

      if (!rushes_reel_clip_probe (clip, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, g_ptr_array_ref (clips), free_clips);
}

/**
 * rushes_reel_clip_resolve_async:
 * @reel: the reel
 * @library: the library its clips come from
 *
 * Finds each entry's clip in @library and probes its video, off the main
 * thread. An entry whose clip is gone (or never succeeded, or whose video
 * is missing) resolves to a clip without file: the reel shows a gap
 * there. Must be called on the main context, where @library lives.
 */
void
rushes_reel_clip_resolve_async (RushesReel          *reel,
                                RushesLibrary       *library,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) clips = NULL;

  g_return_if_fail (RUSHES_IS_REEL (reel));
  g_return_if_fail (RUSHES_IS_LIBRARY (library));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_gstreamer ();

  /* Tasks are read here, on their own context; only copies go to the
   * thread. */
  clips = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_reel_clip_free);
  for (guint i = 0; i < rushes_reel_get_n_entries (reel); i++)
    {
      RushesReelEntry *entry = rushes_reel_get_entry (reel, i);
      const char *task_id = rushes_reel_entry_get_task_id (entry);
      RushesTask *library_task = rushes_library_lookup (library, task_id);
      GFile *video = NULL;
      RushesReelClip *clip;

      if (library_task != NULL && rushes_task_get_state (library_task) == RUSHES_TASK_STATE_SUCCEEDED)
        video = rushes_task_get_video_file (library_task);

      clip = rushes_reel_clip_new (task_id, video);
      clip->in_point = rushes_reel_entry_get_in_point (entry);
      clip->out_point = rushes_reel_entry_get_out_point (entry);
      clip->transition = rushes_reel_entry_get_transition (entry);
      clip->transition_duration = rushes_reel_entry_get_transition_duration (entry);

      if (library_task != NULL)
        {
          RushesGenerationParams *params = rushes_task_get_params (library_task);

          clip->prompt = g_strdup (rushes_task_get_prompt (library_task));
          clip->model = g_strdup (rushes_task_get_model_id (library_task));
          if (params != NULL)
            clip->seed = g_strdup (rushes_generation_params_get_value (params, RUSHES_CONTROL_SEED));
        }

      g_ptr_array_add (clips, clip);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_reel_clip_resolve_async);
  g_task_set_task_data (task, g_steal_pointer (&clips), free_clips);
  g_task_run_in_thread (task, resolve_thread);
}

/**
 * rushes_reel_clip_resolve_finish:
 * @error: a #RUSHES_MEDIA_ERROR naming a video that exists but cannot be
 *   read
 *
 * Returns: (transfer full) (element-type RushesReelClip): one clip per
 *   entry, in reel order
 */
GPtrArray *
rushes_reel_clip_resolve_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_reel_clip_resolve_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
