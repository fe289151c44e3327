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

#define G_LOG_DOMAIN "rushes-reel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-file.h"
#include "rushes-json.h"
#include "rushes-reel-private.h"

/*
 * A reel file, `$XDG_DATA_HOME/rushes/reels/<id>.json`:
 *
 *   {
 *     "format": "rushes-reel",
 *     "version": 1,
 *     "id": "20260314-101500-3f2a",
 *     "name": "Lighthouse",
 *     "created": "2026-03-14T10:15:00Z",
 *     "modified": "2026-03-14T10:20:00Z",
 *     "entries": [
 *       { "task": "<task id>", "in_us": 500000, "out_us": 3500000,
 *         "transition": "crossfade", "transition_us": 500000 },
 *       { "task": "<task id>", "transition": "cut" }
 *     ]
 *   }
 *
 * Times are integer microseconds; a missing in or out point means the
 * clip's start or end. The transition of an entry leads into the next one.
 * Unknown members are ignored, so that a later minor change still loads
 * here; a later "version" is refused. The file is read as untrusted input:
 * bounded size and nesting, checked types and ranges, ids that can name
 * nothing outside the library and reel folders.
 */

#define REEL_FORMAT "rushes-reel"

typedef struct
{
  GFile *file;
  char  *text;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_free (data->text);
  g_free (data);
}

/* Reading */

static gboolean
get_int (JsonObject  *object,
         const char  *member,
         gint64       fallback,
         gint64      *value,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("“%s” is not a whole number"), member);
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

/* Sets *@value to %NULL when the member is missing and not @required. */
static gboolean
get_string (JsonObject   *object,
            const char   *member,
            gboolean      required,
            const char  **value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL && !required)
    return TRUE;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   node == NULL ? _("“%s” is missing") : _("“%s” is not a string"), member);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static GDateTime *
get_time (JsonObject  *object,
          const char  *member,
          GError     **error)
{
  const char *text;
  GDateTime *time;

  if (!get_string (object, member, TRUE, &text, error))
    return NULL;

  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                 _("“%s” is not a date and time"), member);

  return time;
}

static RushesReelEntry *
entry_from_json (JsonNode  *node,
                 GError   **error)
{
  RushesReelTransition transition = RUSHES_REEL_TRANSITION_CUT;
  JsonObject *object;
  const char *task_id, *transition_name;
  gint64 in_point, out_point, transition_duration;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("it is not an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!get_string (object, "task", TRUE, &task_id, error))
    return NULL;
  if (!rushes_reel_id_is_valid (task_id))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("its task id is not valid"));
      return NULL;
    }

  if (!get_int (object, "in_us", -1, &in_point, error) ||
      !get_int (object, "out_us", -1, &out_point, error) ||
      !get_int (object, "transition_us", 0, &transition_duration, error) ||
      !get_string (object, "transition", FALSE, &transition_name, error))
    return NULL;

  if (!_rushes_reel_time_is_valid (in_point) || !_rushes_reel_time_is_valid (out_point) ||
      (in_point >= 0 && out_point >= 0 && in_point >= out_point) || out_point == 0)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("its in and out points are not valid"));
      return NULL;
    }

  if (transition_name != NULL && !rushes_reel_transition_from_string (transition_name, &transition))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("its transition “%s” is not known"), transition_name);
      return NULL;
    }

  if (transition == RUSHES_REEL_TRANSITION_CROSSFADE &&
      (transition_duration <= 0 || transition_duration > RUSHES_REEL_MAX_TIME))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("its crossfade has no valid duration"));
      return NULL;
    }

  return _rushes_reel_entry_new_full (task_id, in_point, out_point, transition, transition_duration);
}

/**
 * rushes_reel_to_json:
 *
 * Returns: (transfer full): the reel as written to its file
 */
JsonNode *
rushes_reel_to_json (RushesReel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;

  g_return_val_if_fail (RUSHES_IS_REEL (self), NULL);

  created = g_date_time_format_iso8601 (rushes_reel_get_created (self));
  modified = g_date_time_format_iso8601 (rushes_reel_get_modified (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, REEL_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RUSHES_REEL_FORMAT_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, rushes_reel_get_id (self));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, rushes_reel_get_name (self));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, modified);

  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rushes_reel_get_n_entries (self); i++)
    {
      RushesReelEntry *entry = rushes_reel_get_entry (self, i);
      gint64 in_point = rushes_reel_entry_get_in_point (entry);
      gint64 out_point = rushes_reel_entry_get_out_point (entry);
      RushesReelTransition transition = rushes_reel_entry_get_transition (entry);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "task");
      json_builder_add_string_value (builder, rushes_reel_entry_get_task_id (entry));
      if (in_point >= 0)
        {
          json_builder_set_member_name (builder, "in_us");
          json_builder_add_int_value (builder, in_point);
        }
      if (out_point >= 0)
        {
          json_builder_set_member_name (builder, "out_us");
          json_builder_add_int_value (builder, out_point);
        }
      json_builder_set_member_name (builder, "transition");
      json_builder_add_string_value (builder, rushes_reel_transition_to_string (transition));
      if (transition == RUSHES_REEL_TRANSITION_CROSSFADE)
        {
          json_builder_set_member_name (builder, "transition_us");
          json_builder_add_int_value (builder, rushes_reel_entry_get_transition_duration (entry));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * rushes_reel_new_from_json:
 * @node: a reel, as rushes_reel_to_json() makes it (or a later version of
 *   Rushes would: unknown members are ignored)
 * @error: a %RUSHES_ERROR_PROTOCOL saying what is wrong
 *
 * Reads a reel from outside input: every member is checked, and a file of
 * a later format version is refused.
 *
 * Returns: (transfer full) (nullable): the reel
 */
RushesReel *
rushes_reel_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  JsonObject *object;
  JsonNode *entries_node;
  JsonArray *entries;
  const char *format, *id, *name;
  gint64 version;
  guint n;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("it is not a reel"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!get_string (object, "format", FALSE, &format, NULL) ||
      (format != NULL && !g_str_equal (format, REEL_FORMAT)))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("it is not a reel"));
      return NULL;
    }

  if (!get_int (object, "version", -1, &version, error))
    return NULL;
  if (version < 1)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("it has no valid version"));
      return NULL;
    }
  if (version > RUSHES_REEL_FORMAT_VERSION)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("it was written by a later version of Rushes (reel format %" G_GINT64_FORMAT ")"),
                   version);
      return NULL;
    }

  if (!get_string (object, "id", TRUE, &id, error))
    return NULL;
  if (!rushes_reel_id_is_valid (id))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("its id is not valid"));
      return NULL;
    }

  if (!get_string (object, "name", FALSE, &name, error))
    return NULL;
  if (name != NULL && (strlen (name) > RUSHES_REEL_MAX_NAME || !g_utf8_validate (name, -1, NULL)))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("its name is not valid"));
      return NULL;
    }

  if ((created = get_time (object, "created", error)) == NULL ||
      (modified = get_time (object, "modified", error)) == NULL)
    return NULL;

  entries_node = json_object_get_member (object, "entries");
  if (entries_node == NULL || !JSON_NODE_HOLDS_ARRAY (entries_node))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("it has no list of clips"));
      return NULL;
    }
  entries = json_node_get_array (entries_node);
  n = json_array_get_length (entries);
  if (n > RUSHES_REEL_MAX_ENTRIES)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("it has more than %u clips"), RUSHES_REEL_MAX_ENTRIES);
      return NULL;
    }

  list = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RushesReelEntry *entry = entry_from_json (json_array_get_element (entries, i), &local_error);

      if (entry == NULL)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                       /* Translators: “clip 3: its in and out points are not valid” */
                       _("clip %u: %s"), i + 1, local_error->message);
          return NULL;
        }
      g_ptr_array_add (list, entry);
    }

  return _rushes_reel_new_loaded (id, name, created, modified, g_steal_pointer (&list));
}

/* Files */

/* Private (prompts are the user's own words), and atomic: a temporary
 * file, flushed, renamed over the reel, the folder flushed; a crash leaves
 * the old reel or the new one. */
static gboolean
write_reel_text (GFile       *file,
                 const char  *text,
                 GError     **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (g_file_peek_path (file) == NULL || parent == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The reel cannot be saved to %s: it is not a local file"), uri);
      return FALSE;
    }

  return rushes_file_make_private_folder (parent, error) &&
         rushes_file_set_contents (file, text, -1, 0600, error);
}

/**
 * rushes_reel_load:
 * @file: a reel file
 * @error: the #GIOError when the file cannot be read (%G_IO_ERROR_NOT_FOUND
 *   when it does not exist, %G_IO_ERROR_NOT_REGULAR_FILE for a symbolic
 *   link, a folder, a FIFO or a device, %G_IO_ERROR_INVALID_DATA when too
 *   large), or a %RUSHES_ERROR_PROTOCOL when it is damaged, truncated or
 *   not a reel; the message names the file
 *
 * Reads a reel file, at most %RUSHES_JSON_MAX_RECORD bytes, as untrusted
 * input. Blocks: see rushes_reel_load_async().
 *
 * Returns: (transfer full) (nullable): the reel
 */
RushesReel *
rushes_reel_load (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  RushesReel *reel = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  name = g_file_get_parse_name (file);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Bounded, regular files only, no link followed: whoever put the file
   * there, it is read as untrusted input. */
  if (rushes_file_load_contents (file, RUSHES_JSON_MAX_RECORD, &contents, &length, &local_error) &&
      (root = rushes_json_parse (contents, length, RUSHES_JSON_MAX_RECORD, &local_error)) != NULL)
    reel = rushes_reel_new_from_json (root, &local_error);

  if (reel == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  /* Translators: the file, then (after the colon) the reason */
                                  _("The reel file %s cannot be read: "), name);
      return NULL;
    }

  return reel;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  RushesReel *reel = rushes_reel_load (task_data, cancellable, &error);

  if (reel == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reel, g_object_unref);
}

/**
 * rushes_reel_load_async:
 *
 * rushes_reel_load() off the main thread.
 */
void
rushes_reel_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_reel_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * rushes_reel_load_finish:
 *
 * Returns: (transfer full) (nullable): the reel
 */
RushesReel *
rushes_reel_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_reel_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rushes_reel_save:
 * @file: where; its folder is made (mode 0700) when missing
 *
 * Writes the reel atomically (rushes_file_set_contents()): a temporary
 * file (mode 0600), flushed, renamed over @file, then the folder flushed.
 * A crash leaves the previous version or this one, never a mix. Blocks:
 * see rushes_reel_save_async().
 */
gboolean
rushes_reel_save (RushesReel    *self,
                  GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RUSHES_IS_REEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  root = rushes_reel_to_json (self);
  text = rushes_json_to_string (root, TRUE);
  return write_reel_text (file, text, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !write_reel_text (data->file, data->text, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rushes_reel_save_async:
 *
 * rushes_reel_save() off the main thread. The reel is read at once: later
 * changes are not part of this save.
 */
void
rushes_reel_save_async (RushesReel          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) root = NULL;
  SaveData *data;

  g_return_if_fail (RUSHES_IS_REEL (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  root = rushes_reel_to_json (self);
  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->text = rushes_json_to_string (root, TRUE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_reel_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
rushes_reel_save_finish (RushesReel    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_REEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_reel_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
