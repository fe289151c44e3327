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

#define G_LOG_DOMAIN "rushes-library"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-file.h"
#include "rushes-image-format.h"
#include "rushes-json.h"
#include "rushes-library-private.h"
#include "rushes-task-lock.h"
#include "rushes-task-private.h"


/**
 * RushesLibrary:
 *
 * The on-disk library as a #GListModel of #RushesTask, newest first:
 * `<directory>/<task-id>/task.json` (+ `input.<ext>`, `video.mp4`). It is
 * the single writer of task files; a damaged task.json costs one task,
 * reported in rushes_library_get_load_errors(), never the library.
 */
struct _RushesLibrary
{
  GObject    parent_instance;

  GFile        *directory;
  GPtrArray    *tasks;          /* RushesTask, newest first */
  GHashTable   *index;          /* task id → RushesTask (borrowed from tasks) */
  GPtrArray    *load_errors;    /* GError */
  GFileMonitor *monitor;        /* the library folder: new task folders */
  GHashTable   *task_monitors;  /* task id → GFileMonitor of an unfinished task's folder */
  GHashTable   *pending;        /* folder names to look at again */
  guint         pending_source;
  guint         loading;        /* loads under way */
};

typedef struct
{
  GPtrArray *tasks;
  GPtrArray *errors;
} LoadData;

typedef struct
{
  RushesLibrary *library;
  GPtrArray     *tasks;
} LoadBatch;

typedef struct
{
  RushesModel            *model;
  RushesGenerationParams *params;
  char                   *shot;
  RushesTask             *task;
} CreateData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->tasks, g_ptr_array_unref);
  g_clear_pointer (&data->errors, g_ptr_array_unref);
  g_free (data);
}

static void
load_batch_free (LoadBatch *batch)
{
  g_clear_object (&batch->library);
  g_clear_pointer (&batch->tasks, g_ptr_array_unref);
  g_free (batch);
}

static void
create_data_free (CreateData *data)
{
  g_clear_object (&data->model);
  g_clear_object (&data->params);
  g_clear_object (&data->task);
  g_free (data->shot);
  g_free (data);
}

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesLibrary, rushes_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rushes_library_get_item_type (GListModel *model)
{
  return RUSHES_TYPE_TASK;
}

static guint
rushes_library_get_n_items (GListModel *model)
{
  return RUSHES_LIBRARY (model)->tasks->len;
}

static gpointer
rushes_library_get_item (GListModel *model,
                         guint       position)
{
  RushesLibrary *self = RUSHES_LIBRARY (model);

  if (position >= self->tasks->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->tasks, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rushes_library_get_item_type;
  iface->get_n_items = rushes_library_get_n_items;
  iface->get_item = rushes_library_get_item;
}

/* Newest first; ids (which start with the creation time) break ties. */
static int
compare_tasks (RushesTask *a,
               RushesTask *b)
{
  int order = g_date_time_compare (rushes_task_get_created_at (b), rushes_task_get_created_at (a));

  return order != 0 ? order : g_strcmp0 (rushes_task_get_id (b), rushes_task_get_id (a));
}

static int
compare_task_pointers (gconstpointer a,
                       gconstpointer b)
{
  return compare_tasks (*(RushesTask * const *)a, *(RushesTask * const *)b);
}

static void
insert_sorted (RushesLibrary *self,
               RushesTask    *task)
{
  guint position = 0;

  while (position < self->tasks->len &&
         compare_tasks (g_ptr_array_index (self->tasks, position), task) < 0)
    position++;

  g_ptr_array_insert (self->tasks, position, g_object_ref (task));
  g_hash_table_insert (self->index, (gpointer) rushes_task_get_id (task), task);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* Adds tasks read from disk that the library does not have yet, as one
 * change: views over the library then filter and sort once per batch,
 * not once per task. A batch older than every task already in (the
 * usual case: folders are read newest first) is a plain append. */
static void
add_tasks (RushesLibrary *self,
           GPtrArray     *tasks)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) merged = NULL;
  guint old_len = self->tasks->len;
  guint position, low, high, i, j;

  for (i = 0; i < tasks->len; i++)
    {
      RushesTask *task = g_ptr_array_index (tasks, i);

      if (g_hash_table_contains (self->index, rushes_task_get_id (task)))
        continue;
      g_ptr_array_add (added, g_object_ref (task));
      g_hash_table_insert (self->index, (gpointer) rushes_task_get_id (task), task);
    }
  if (added->len == 0)
    return;
  g_ptr_array_sort (added, compare_task_pointers);

  /* The first task already in that is older than the newest one added. */
  low = 0;
  high = old_len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare_tasks (g_ptr_array_index (self->tasks, middle), g_ptr_array_index (added, 0)) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  position = low;

  merged = g_ptr_array_new_full (old_len - position + added->len, g_object_unref);
  for (i = position, j = 0; i < old_len || j < added->len;)
    {
      if (j == added->len ||
          (i < old_len && compare_tasks (g_ptr_array_index (self->tasks, i), g_ptr_array_index (added, j)) < 0))
        g_ptr_array_add (merged, g_object_ref (g_ptr_array_index (self->tasks, i++)));
      else
        g_ptr_array_add (merged, g_object_ref (g_ptr_array_index (added, j++)));
    }

  g_ptr_array_set_size (self->tasks, position);
  g_ptr_array_extend_and_steal (self->tasks, g_steal_pointer (&merged));
  g_list_model_items_changed (G_LIST_MODEL (self), position, old_len - position, self->tasks->len - position);
}

static gboolean
deliver_batch_cb (gpointer user_data)
{
  LoadBatch *batch = user_data;

  add_tasks (batch->library, batch->tasks);
  return G_SOURCE_REMOVE;
}

/* Reads a task's record as another process may have left it: no link is
 * followed, nothing but a bounded regular file is read, and the nesting
 * of its JSON is checked before json-glib parses it. */
static RushesTask *
read_record (GFile   *folder,
             GError **error)
{
  g_autoptr(GFile) file = g_file_get_child (folder, RUSHES_TASK_RECORD_NAME);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!rushes_file_load_contents (file, RUSHES_JSON_MAX_RECORD, &contents, &length, error))
    return NULL;

  root = rushes_json_parse (contents, length, RUSHES_JSON_MAX_RECORD, error);
  if (root == NULL)
    return NULL;

  return _rushes_task_new_from_record (root, folder, error);
}

static RushesTask *
load_task (GFile   *folder,
           GError **error)
{
  g_autoptr(GFile) file = g_file_get_child (folder, RUSHES_TASK_RECORD_NAME);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (folder);
  RushesTask *task;

  task = read_record (folder, &local_error);

  /* A clip whose video went missing (moved away, a failed disk) is
   * downloaded again while the provider still has it. */
  if (task != NULL && rushes_task_get_state (task) == RUSHES_TASK_STATE_SUCCEEDED &&
      rushes_task_get_video_file (task) != NULL &&
      !rushes_file_is_regular (rushes_task_get_video_file (task)))
    _rushes_task_set_has_video (task, FALSE);
  if (task != NULL && !g_str_equal (rushes_task_get_id (task), name))
    {
      g_clear_object (&task);
      g_set_error_literal (&local_error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("its id does not match its folder"));
    }
  if (task == NULL)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                 _("Task record %s skipped: %s"), path, local_error->message);

  return task;
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The first tasks go to the library at once, so that a large library
 * shows its newest clips while the rest is still being read. */
#define FIRST_BATCH 48
#define BATCH       512

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *directory = task_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  LoadData *data;
  GFileInfo *info;
  guint batch_size = FIRST_BATCH;

  data = g_new0 (LoadData, 1);
  data->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  data->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  enumerator = g_file_enumerate_children (directory,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error);
  if (enumerator == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, data, (GDestroyNotify) load_data_free);
      else
        {
          load_data_free (data);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, &error)) != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY && g_file_info_get_name (info)[0] != '.')
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
      g_object_unref (info);
    }

  if (error != NULL)
    {
      load_data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Task ids start with their creation time: newest first. */
  g_ptr_array_sort (names, compare_names_descending);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) folder = g_file_get_child (directory, g_ptr_array_index (names, i));
      GError *task_error = NULL;
      RushesTask *loaded = load_task (folder, &task_error);

      if (loaded != NULL)
        g_ptr_array_add (data->tasks, loaded);
      else
        g_ptr_array_add (data->errors, task_error);

      if (data->tasks->len >= batch_size && i + 1 < names->len)
        {
          LoadBatch *batch = g_new0 (LoadBatch, 1);

          batch->library = g_object_ref (source_object);
          batch->tasks = g_steal_pointer (&data->tasks);
          data->tasks = g_ptr_array_new_with_free_func (g_object_unref);
          g_main_context_invoke_full (g_task_get_context (task), g_task_get_priority (task),
                                      deliver_batch_cb, batch, (GDestroyNotify) load_batch_free);
          batch_size = BATCH;
        }
    }

  g_task_return_pointer (task, data, (GDestroyNotify) load_data_free);
}

static char *
new_task_id (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%04x", stamp, g_random_int_range (0, 0x10000));
}

/* Records are private (prompts, keys' traces): 0600 in a 0700 folder. */
static gboolean
write_record (RushesTask  *task,
              GError     **error)
{
  g_autoptr(JsonNode) record = _rushes_task_to_record (task);
  g_autoptr(GFile) file = g_file_get_child (rushes_task_get_folder (task), RUSHES_TASK_RECORD_NAME);
  g_autofree char *text = rushes_json_to_string (record, TRUE);
  g_autoptr(GError) local_error = NULL;

  if (!rushes_file_set_contents (file, text, -1, 0600, &local_error))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Copies a local image into the task's folder as @stem.<its format>. */
static gboolean
copy_image (RushesTask    *task,
            const char    *control,
            const char    *path,
            const char    *stem,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 header[RUSHES_IMAGE_FORMAT_HEADER_SIZE];
  gsize n_read = 0;
  const char *format;

  stream = g_file_read (source, cancellable, &local_error);
  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, cancellable, &local_error);
  format = rushes_image_format_sniff (header, n_read);
  if (local_error == NULL && format == NULL)
    g_set_error_literal (&local_error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("it is not a JPEG, PNG or WebP image"));

  if (local_error == NULL)
    {
      name = g_strdup_printf ("%s.%s", stem, g_str_equal (format, "jpeg") ? "jpg" : format);
      copy = g_file_get_child (rushes_task_get_folder (task), name);
      g_file_copy (source, copy, G_FILE_COPY_NOFOLLOW_SYMLINKS, cancellable, NULL, NULL, &local_error);
    }
  if (local_error != NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                   _("Cannot copy the image %s into the library: %s"), path, local_error->message);
      return FALSE;
    }

  _rushes_task_set_input_name (task, control, name);
  return TRUE;
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RushesLibrary *self = source_object;
  CreateData *data = task_data;
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  const char *image;
  int attempts = 0;

  if (!rushes_model_validate (data->model, data->params, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!rushes_file_make_private_folder (self->directory, &error))
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED, "%s", error->message);
      return;
    }

  /* Ids start with the second: two tasks in one second differ by their
   * random tail, and a clash is tried again. */
  for (;;)
    {
      g_autofree char *id = new_task_id ();
      int saved_errno;

      g_clear_object (&folder);
      folder = g_file_get_child (self->directory, id);
      if (g_mkdir (g_file_peek_path (folder), 0700) == 0)
        break;

      saved_errno = errno;
      if (saved_errno != EEXIST || ++attempts >= 16)
        {
          g_autofree char *path = g_file_get_path (folder);

          g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                                   _("Cannot create the task folder %s: %s"), path, g_strerror (saved_errno));
          return;
        }
    }

  complete = rushes_model_complete_params (data->model, data->params);
  now = g_date_time_new_now_utc ();
  {
    g_autofree char *id = g_file_get_basename (folder);

    data->task = _rushes_task_new (id, data->model, complete, folder, now);
    if (data->shot != NULL)
      _rushes_task_set_shot (data->task, data->shot);
  }

  /* Keep copies of local images: the submit (and a later resubmit by the
   * user) must not depend on the originals staying where they were, and
   * a provider only ever sends these copies. */
  {
    const struct { const char *control; const char *stem; } images[] = {
      { RUSHES_CONTROL_IMAGE, "input" },
      { RUSHES_CONTROL_END_IMAGE, "input-end" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (images); i++)
      {
        image = rushes_generation_params_get_value (complete, images[i].control);
        if (image == NULL || g_str_has_prefix (image, "http://") || g_str_has_prefix (image, "https://"))
          continue;

        if (!copy_image (data->task, images[i].control, image, images[i].stem, cancellable, &error))
          {
            g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                             G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                             NULL, NULL);
            GFile *child;

            while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
              g_file_delete (child, NULL, NULL);
            g_file_delete (folder, NULL, NULL);
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          }
      }
  }

  if (!write_record (data->task, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
rushes_library_finalize (GObject *object)
{
  RushesLibrary *self = (RushesLibrary *)object;

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->task_monitors, g_hash_table_unref);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->directory);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->load_errors, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_library_parent_class)->finalize (object);
}

static void
rushes_library_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RushesLibrary *self = RUSHES_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_library_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RushesLibrary *self = RUSHES_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_object (value);
      if (self->directory == NULL)
        self->directory = g_file_new_build_filename (g_get_user_data_dir (), "rushes", "library", NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_library_class_init (RushesLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_library_finalize;
  object_class->get_property = rushes_library_get_property;
  object_class->set_property = rushes_library_set_property;

  /**
   * RushesLibrary:directory:
   *
   * The library folder; `$XDG_DATA_HOME/rushes/library` by default.
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RushesLibrary:loading:
   *
   * Whether task folders are still being read: an empty library may
   * just not be loaded yet.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_library_init (RushesLibrary *self)
{
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->load_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

/**
 * rushes_library_new:
 * @directory: (nullable): the library folder, %NULL for
 *   `$XDG_DATA_HOME/rushes/library`
 *
 * Returns: (transfer full): an empty library; call rushes_library_load_async()
 */
RushesLibrary *
rushes_library_new (GFile *directory)
{
  g_return_val_if_fail (!directory || G_IS_FILE (directory), NULL);

  return g_object_new (RUSHES_TYPE_LIBRARY, "directory", directory, NULL);
}

/**
 * rushes_library_get_directory:
 *
 * Returns: (transfer none): the library folder
 */
GFile *
rushes_library_get_directory (RushesLibrary *self)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), NULL);

  return self->directory;
}

/* The records read last (the batches before them are in already), then
 * the caller's callback. */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RushesLibrary *self = RUSHES_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  LoadData *data;

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (data != NULL)
    {
      g_ptr_array_set_size (self->load_errors, 0);
      for (guint i = 0; i < data->errors->len; i++)
        {
          GError *load_error = g_ptr_array_index (data->errors, i);

          g_debug ("%s", load_error->message);
          g_ptr_array_add (self->load_errors, g_error_copy (load_error));
        }
      add_tasks (self, data->tasks);
      load_data_free (data);
    }

  g_assert (self->loading > 0);
  if (--self->loading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rushes_library_load_async:
 *
 * Reads every task folder, newest first, adding the tasks in batches as
 * they are read (#RushesLibrary:loading is %TRUE meanwhile). Tasks already
 * in the library keep their objects. A missing library folder is an empty
 * library.
 */
void
rushes_library_load_async (RushesLibrary       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (RUSHES_IS_LIBRARY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_library_load_async);

  if (self->loading++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  thread_task = g_task_new (self, cancellable, loaded_cb, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, rushes_library_load_async);
  g_task_set_task_data (thread_task, g_object_ref (self->directory), g_object_unref);
  g_task_run_in_thread (thread_task, load_thread);
}

/**
 * rushes_library_load_finish:
 *
 * Returns: %TRUE when the library folder could be read; damaged task
 *   records do not fail the load (see rushes_library_get_load_errors())
 */
gboolean
rushes_library_load_finish (RushesLibrary  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rushes_library_get_loading:
 *
 * Returns: %TRUE while a load is still reading task folders
 */
gboolean
rushes_library_get_loading (RushesLibrary *self)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), FALSE);

  return self->loading > 0;
}

/**
 * rushes_library_get_load_errors:
 *
 * Returns: (transfer none) (element-type GError): the task records the last
 *   load skipped, each message naming the file and the reason
 */
GPtrArray *
rushes_library_get_load_errors (RushesLibrary *self)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), NULL);

  return self->load_errors;
}

/**
 * rushes_library_lookup:
 *
 * Returns: (transfer none) (nullable): the task with exactly @task_id
 */
RushesTask *
rushes_library_lookup (RushesLibrary *self,
                       const char    *task_id)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (task_id != NULL, NULL);

  return g_hash_table_lookup (self->index, task_id);
}

/**
 * rushes_library_find:
 * @id_or_prefix: a task id or a prefix of exactly one task id
 * @error: %RUSHES_ERROR_NOT_FOUND, or %RUSHES_ERROR_INVALID_INPUT when the
 *   prefix is ambiguous
 *
 * Returns: (transfer none) (nullable): the task
 */
RushesTask *
rushes_library_find (RushesLibrary  *self,
                     const char     *id_or_prefix,
                     GError        **error)
{
  RushesTask *found;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();

  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);

  found = rushes_library_lookup (self, id_or_prefix);
  if (found != NULL)
    return found;

  for (guint i = 0; i < self->tasks->len && id_or_prefix[0] != '\0'; i++)
    if (g_str_has_prefix (rushes_task_get_id (g_ptr_array_index (self->tasks, i)), id_or_prefix))
      g_ptr_array_add (matches, g_ptr_array_index (self->tasks, i));

  if (matches->len == 1)
    return g_ptr_array_index (matches, 0);

  if (matches->len == 0)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND,
                 _("No task “%s” in the library"), id_or_prefix);
  else
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                 _("“%s” matches %u tasks; give more of the id"), id_or_prefix, matches->len);
  return NULL;
}

/**
 * rushes_library_search:
 * @text: (nullable): what to look for; %NULL or "" matches every task
 *
 * Returns: (transfer full): a snapshot of the matching tasks, newest first
 *   (see rushes_task_matches())
 */
GListModel *
rushes_library_search (RushesLibrary *self,
                       const char    *text)
{
  GListStore *store;

  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), NULL);

  store = g_list_store_new (RUSHES_TYPE_TASK);
  for (guint i = 0; i < self->tasks->len; i++)
    {
      RushesTask *task = g_ptr_array_index (self->tasks, i);

      if (rushes_task_matches (task, text))
        g_list_store_append (store, task);
    }

  return G_LIST_MODEL (store);
}

/**
 * rushes_library_list_unfinished:
 *
 * Returns: (transfer container) (element-type RushesTask): the tasks a
 *   resume should follow, oldest first: queued, running and downloading
 *   ones, plus those caught mid-submit (the runner marks them uncertain)
 */
GPtrArray *
rushes_library_list_unfinished (RushesLibrary *self)
{
  GPtrArray *result;

  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = self->tasks->len; i > 0; i--)
    {
      RushesTask *task = g_ptr_array_index (self->tasks, i - 1);

      switch (rushes_task_get_state (task))
        {
        case RUSHES_TASK_STATE_SUBMITTING:
        case RUSHES_TASK_STATE_QUEUED:
        case RUSHES_TASK_STATE_RUNNING:
        case RUSHES_TASK_STATE_DOWNLOADING:
          g_ptr_array_add (result, g_object_ref (task));
          break;
        case RUSHES_TASK_STATE_SUCCEEDED:
          /* Paid for, but its video is missing: fetch it again. */
          if (rushes_task_get_video_file (task) == NULL && rushes_task_get_remote_id (task) != NULL)
            g_ptr_array_add (result, g_object_ref (task));
          break;
        case RUSHES_TASK_STATE_DRAFT:
        case RUSHES_TASK_STATE_FAILED:
        case RUSHES_TASK_STATE_CANCELLED:
        case RUSHES_TASK_STATE_UNCERTAIN:
        default:
          break;
        }
    }

  return result;
}

/**
 * rushes_library_create_task_async:
 * @model: the model to use
 * @params: what the user asked for (copied)
 *
 * Validates @params against @model, creates the task folder, copies a
 * local start image into it, writes task.json (state draft) and puts the
 * task at the top of the library.
 */
void
rushes_library_create_task_async (RushesLibrary          *self,
                                  RushesModel            *model,
                                  RushesGenerationParams *params,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  rushes_library_create_take_async (self, model, params, NULL, cancellable, callback, user_data);
}

/**
 * rushes_library_create_take_async:
 * @shot: (nullable): the shot the new task is a take of (the id of the
 *   shot's first task); %NULL for a new shot
 *
 * rushes_library_create_task_async() for one take of a fan-out: the takes
 * of one Generate share a shot.
 */
void
rushes_library_create_take_async (RushesLibrary          *self,
                                  RushesModel            *model,
                                  RushesGenerationParams *params,
                                  const char             *shot,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (RUSHES_IS_LIBRARY (self));
  g_return_if_fail (RUSHES_IS_MODEL (model));
  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (params));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (CreateData, 1);
  data->model = g_object_ref (model);
  data->params = rushes_generation_params_copy (params);
  data->shot = g_strdup (shot);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_library_create_task_async);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

/**
 * rushes_library_create_task_finish:
 *
 * Returns: (transfer full) (nullable): the new task; %RUSHES_ERROR_INVALID_INPUT
 *   when the parameters are not valid for the model
 */
RushesTask *
rushes_library_create_task_finish (RushesLibrary  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  CreateData *data;
  RushesTask *known;

  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));

  /* The folder watch may have read the new record first: one task, the
   * one already in the library, whoever follows it. */
  known = rushes_library_lookup (self, rushes_task_get_id (data->task));
  if (known != NULL)
    {
      _rushes_task_update_from (known, data->task);
      return g_object_ref (known);
    }

  insert_sorted (self, data->task);
  return g_object_ref (data->task);
}

/**
 * _rushes_library_save_task:
 * @fields: the fields the writer owns
 *
 * Writes the task's record as one read-modify-write under the task's
 * record lock, so that two processes never undo each other's changes:
 *
 * - when the record is as this process last saw it (its revision did not
 *   move), the task is written as it is;
 * - when another process wrote since, its record is the base and only
 *   @fields are taken from @task; @task then takes over the rest;
 * - a write that would lose the remote id or take the task back (a
 *   queued task to uncertain) is refused with %G_IO_ERROR_WRONG_ETAG, and
 *   @task takes over the record as it is.
 *
 * Each write increments the record's revision.
 */
gboolean
_rushes_library_save_task (RushesLibrary     *self,
                           RushesTask        *task,
                           RushesTaskFields   fields,
                           GError           **error)
{
  g_autoptr(RushesTaskLock) lock = NULL;
  g_autoptr(RushesTask) stored = NULL;
  g_autoptr(RushesTask) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  GFile *folder;

  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_TASK (task), FALSE);
  g_return_val_if_fail (fields != 0, FALSE);

  folder = rushes_task_get_folder (task);
  lock = _rushes_task_lock_record (folder, error);
  if (lock == NULL)
    return FALSE;

  stored = read_record (folder, &local_error);
  if (stored == NULL)
    {
      g_autofree char *path = g_file_get_path (folder);

      /* The folder went to the trash, or its record is damaged: writing
       * would make a task out of half a folder. */
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                   _("Cannot update task %s: its record cannot be read (%s)"),
                   rushes_task_get_id (task), local_error->message);
      return FALSE;
    }

  if (_rushes_task_get_revision (stored) == _rushes_task_get_revision (task))
    {
      merged = g_object_ref (task);
    }
  else
    {
      g_debug ("Task %s: revision %" G_GUINT64_FORMAT " on disk, %" G_GUINT64_FORMAT " here; merging",
               rushes_task_get_id (task), _rushes_task_get_revision (stored), _rushes_task_get_revision (task));
      merged = read_record (folder, error);
      if (merged == NULL)
        return FALSE;
      _rushes_task_take_fields (merged, task, fields);
    }

  /* The rules hold against the record as stored, whoever wrote it. */
  if (!_rushes_task_can_replace (merged, stored, error))
    {
      _rushes_task_update_from (task, stored);
      return FALSE;
    }

  _rushes_task_set_revision (merged, _rushes_task_get_revision (stored) + 1);
  if (!write_record (merged, error))
    {
      _rushes_task_set_revision (merged, _rushes_task_get_revision (stored));
      return FALSE;
    }

  if (merged != task)
    _rushes_task_update_from (task, merged);
  return TRUE;
}

/**
 * _rushes_library_reload_task:
 *
 * Takes over @task's record as it is on disk now: what a process must do
 * after taking a task's follower lock, before deciding anything.
 */
gboolean
_rushes_library_reload_task (RushesLibrary  *self,
                             RushesTask     *task,
                             GError        **error)
{
  g_autoptr(RushesTask) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_TASK (task), FALSE);

  stored = read_record (rushes_task_get_folder (task), &local_error);
  if (stored == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED,
                   _("Cannot read the record of task %s: %s"), rushes_task_get_id (task), local_error->message);
      return FALSE;
    }

  if (rushes_task_get_state (stored) == RUSHES_TASK_STATE_SUCCEEDED &&
      rushes_task_get_video_file (stored) != NULL &&
      !rushes_file_is_regular (rushes_task_get_video_file (stored)))
    _rushes_task_set_has_video (stored, FALSE);

  _rushes_task_update_from (task, stored);
  return TRUE;
}

/* Changes made by others ------------------------------------------------- */

static void watch_task (RushesLibrary *self,
                        RushesTask    *task);

/* Looks again at the folders that changed: a new task (rushes-cli
 * generate) appears; an unfinished one (rushes-cli wait) takes over what
 * its record says now. */
static gboolean
pending_cb (gpointer user_data)
{
  RushesLibrary *self = user_data;
  g_autoptr(GHashTable) pending = g_steal_pointer (&self->pending);
  GHashTableIter iter;
  const char *name;

  self->pending_source = 0;
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      g_autoptr(GFile) folder = g_file_get_child (self->directory, name);
      g_autoptr(RushesTask) loaded = NULL;
      RushesTask *known = rushes_library_lookup (self, name);

      /* Half-written folders and records are looked at again later. */
      loaded = load_task (folder, NULL);
      if (loaded == NULL)
        continue;

      if (known == NULL)
        {
          insert_sorted (self, loaded);
          watch_task (self, loaded);
        }
      else
        {
          _rushes_task_update_from (known, loaded);
          if (rushes_task_is_finished (known))
            g_hash_table_remove (self->task_monitors, name);
        }
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_look (RushesLibrary *self,
               const char    *name)
{
  if (name == NULL || name[0] == '.')
    return;

  g_hash_table_add (self->pending, g_strdup (name));
  if (self->pending_source == 0)
    self->pending_source = g_timeout_add (100, pending_cb, self);
}

static void
library_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  RushesLibrary *self = user_data;
  g_autofree char *name = NULL;

  if (event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_RENAMED)
    return;

  name = g_file_get_basename (event == G_FILE_MONITOR_EVENT_RENAMED && other_file != NULL ? other_file : file);
  if (rushes_library_lookup (self, name) == NULL)
    schedule_look (self, name);
}

static void
task_folder_changed_cb (GFileMonitor      *monitor,
                        GFile             *file,
                        GFile             *other_file,
                        GFileMonitorEvent  event,
                        gpointer           user_data)
{
  RushesLibrary *self = user_data;
  const char *name = g_object_get_data (G_OBJECT (monitor), "rushes-task-id");

  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT ||
      event == G_FILE_MONITOR_EVENT_CREATED ||
      event == G_FILE_MONITOR_EVENT_MOVED_IN ||
      event == G_FILE_MONITOR_EVENT_RENAMED)
    schedule_look (self, name);
}

/* Only unfinished tasks change; a library of thousands of finished clips
 * needs no watch each (and would exhaust inotify's). */
static void
watch_task (RushesLibrary *self,
            RushesTask    *task)
{
  g_autoptr(GFileMonitor) monitor = NULL;

  if (self->monitor == NULL ||
      (rushes_task_is_finished (task) && rushes_task_get_state (task) != RUSHES_TASK_STATE_UNCERTAIN) ||
      g_hash_table_contains (self->task_monitors, rushes_task_get_id (task)))
    return;

  monitor = g_file_monitor_directory (rushes_task_get_folder (task), G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (monitor == NULL)
    return;

  g_object_set_data_full (G_OBJECT (monitor), "rushes-task-id", g_strdup (rushes_task_get_id (task)), g_free);
  g_signal_connect_object (monitor, "changed", G_CALLBACK (task_folder_changed_cb), self, 0);
  g_hash_table_insert (self->task_monitors, g_strdup (rushes_task_get_id (task)), g_steal_pointer (&monitor));
}

static void
cancel_and_unref_monitor (gpointer data)
{
  g_file_monitor_cancel (data);
  g_object_unref (data);
}

/**
 * rushes_library_watch:
 * @self: a #RushesLibrary
 * @error: where to put an error
 *
 * Keeps the library in step with what other processes (rushes-cli) do
 * to the folder: new tasks appear, unfinished ones change state.
 *
 * Returns: %FALSE when the folder cannot be watched
 */
gboolean
rushes_library_watch (RushesLibrary  *self,
                      GError        **error)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), FALSE);

  if (self->monitor != NULL)
    return TRUE;

  if (!g_file_make_directory_with_parents (self->directory, NULL, error))
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return FALSE;
      g_clear_error (error);
    }

  self->monitor = g_file_monitor_directory (self->directory, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
  if (self->monitor == NULL)
    return FALSE;

  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->task_monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cancel_and_unref_monitor);
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (library_changed_cb), self, 0);

  for (guint i = 0; i < self->tasks->len; i++)
    watch_task (self, g_ptr_array_index (self->tasks, i));

  return TRUE;
}

/* Favourites, removal, trash -------------------------------------------- */

/**
 * rushes_library_set_favourite:
 * @self: a #RushesLibrary
 * @task: a task of the library
 * @favourite: whether the clip is a favourite
 * @error: where to put an error
 *
 * Marks @task and writes it to its record.
 *
 * Returns: %FALSE when the record cannot be written (the mark is undone)
 */
gboolean
rushes_library_set_favourite (RushesLibrary  *self,
                              RushesTask     *task,
                              gboolean        favourite,
                              GError        **error)
{
  g_return_val_if_fail (RUSHES_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_TASK (task), FALSE);

  if (rushes_task_get_favourite (task) == !!favourite)
    return TRUE;

  _rushes_task_set_favourite (task, favourite);
  if (!_rushes_library_save_task (self, task, RUSHES_TASK_FIELDS_USER, error))
    {
      _rushes_task_set_favourite (task, !favourite);
      return FALSE;
    }

  return TRUE;
}

/**
 * rushes_library_remove:
 * @self: a #RushesLibrary
 * @task: a task of the library
 *
 * Takes @task out of the list, and nothing else: its folder stays on
 * disk until rushes_library_trash_async(), so a removal can be undone
 * with rushes_library_restore().
 */
void
rushes_library_remove (RushesLibrary *self,
                       RushesTask    *task)
{
  guint position;

  g_return_if_fail (RUSHES_IS_LIBRARY (self));
  g_return_if_fail (RUSHES_IS_TASK (task));

  if (!g_ptr_array_find (self->tasks, task, &position))
    return;

  g_hash_table_remove (self->index, rushes_task_get_id (task));
  g_ptr_array_remove_index (self->tasks, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/**
 * rushes_library_restore:
 * @self: a #RushesLibrary
 * @task: a task taken out with rushes_library_remove()
 *
 * Puts @task back in its place.
 */
void
rushes_library_restore (RushesLibrary *self,
                        RushesTask    *task)
{
  g_return_if_fail (RUSHES_IS_LIBRARY (self));
  g_return_if_fail (RUSHES_IS_TASK (task));

  if (rushes_library_lookup (self, rushes_task_get_id (task)) == NULL)
    insert_sorted (self, task);
}

static void
trash_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *folder = task_data;
  g_autoptr(GError) error = NULL;

  /* Never deleted for good: where there is no trash, nothing happens. */
  if (!g_file_trash (folder, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rushes_library_trash_async:
 * @self: a #RushesLibrary
 * @task: a task removed with rushes_library_remove()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Moves the task's folder (record, video, images) to the trash, where
 * the file manager can restore it.
 */
void
rushes_library_trash_async (RushesLibrary       *self,
                            RushesTask          *task,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;

  g_return_if_fail (RUSHES_IS_LIBRARY (self));
  g_return_if_fail (RUSHES_IS_TASK (task));

  gtask = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, rushes_library_trash_async);
  g_task_set_task_data (gtask, g_object_ref (rushes_task_get_folder (task)), g_object_unref);
  g_task_run_in_thread (gtask, trash_thread);
}

gboolean
rushes_library_trash_finish (RushesLibrary  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
