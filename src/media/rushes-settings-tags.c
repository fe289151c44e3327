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

#define G_LOG_DOMAIN "rushes-settings-tags"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/pbutils/pbutils.h>
#include <string.h>

#include "rushes-media-error.h"
#include "rushes-settings.h"
#include "rushes-settings-tags.h"

/*
 * An exported clip carries its settings (rushes-settings.h) as the
 * container's description tag. Reading them back takes the first
 * description value that holds Rushes settings: a stream may have a
 * description of its own.
 */

#define DISCOVER_TIMEOUT (10 * GST_SECOND)

static char *
find_settings (const GstTagList *tags)
{
  guint n;

  if (tags == NULL)
    return NULL;

  n = gst_tag_list_get_tag_size (tags, GST_TAG_DESCRIPTION);
  for (guint i = 0; i < n; i++)
    {
      const char *value = NULL;

      if (gst_tag_list_peek_string_index (tags, GST_TAG_DESCRIPTION, i, &value) && value != NULL &&
          strstr (value, "\"" RUSHES_SETTINGS_FORMAT "\"") != NULL)
        return g_strdup (value);
    }
  return NULL;
}

/**
 * rushes_media_read_settings:
 * @video: a video file, such as one exported by Rushes
 * @error: a %RUSHES_MEDIA_ERROR when it cannot be read, or
 *   %RUSHES_MEDIA_ERROR_INVALID when it carries no Rushes settings
 *
 * Reads the settings an export wrote into @video's tags. Blocks while the
 * file is probed: call it from a thread, or use the async variant.
 *
 * Returns: (transfer full): the settings text, for rushes_settings_parse()
 */
char *
rushes_media_read_settings (GFile   *video,
                            GError **error)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  g_autolist(GstDiscovererStreamInfo) streams = NULL;
  char *settings;

  g_return_val_if_fail (G_IS_FILE (video), NULL);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  uri = g_file_get_uri (video);
  name = g_file_get_parse_name (video);
  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT, &local_error);
  if (discoverer != NULL)
    info = gst_discoverer_discover_uri (discoverer, uri, &local_error);
  if (info == NULL || gst_discoverer_info_get_result (info) != GST_DISCOVERER_OK)
    {
      g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name,
                   local_error != NULL ? local_error->message : _("it is not a video"));
      return NULL;
    }

  settings = find_settings (gst_discoverer_info_get_tags (info));
  streams = gst_discoverer_info_get_stream_list (info);
  for (GList *l = streams; settings == NULL && l != NULL; l = l->next)
    settings = find_settings (gst_discoverer_stream_info_get_tags (l->data));

  if (settings == NULL)
    g_set_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                 _("“%s” carries no Rushes settings: it was not exported by Rushes, or its tags were removed"),
                 name);
  return settings;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *settings = rushes_media_read_settings (task_data, &error);

  if (settings != NULL)
    g_task_return_pointer (task, settings, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * rushes_media_read_settings_async:
 *
 * rushes_media_read_settings() in a thread.
 */
void
rushes_media_read_settings_async (GFile               *video,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (video));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_media_read_settings_async);
  g_task_set_task_data (task, g_object_ref (video), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

/**
 * rushes_media_read_settings_finish:
 *
 * Returns: (transfer full): the settings text, or %NULL with @error set
 */
char *
rushes_media_read_settings_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
