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

#define G_LOG_DOMAIN "rushes-reel-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-reel-store.h"

#define REEL_SUFFIX ".json"

/**
 * RushesReelStore:
 *
 * The reels folder, `$XDG_DATA_HOME/rushes/reels/` unless told otherwise:
 * one `<id>.json` file per reel (see rushes_reel_save()). Listing reads
 * every reel, so that the question asked before a clip is deleted can
 * name the reels that use it. A damaged file costs its reel only.
 */
struct _RushesReelStore
{
  GObject  parent_instance;

  GFile   *directory;
};

typedef struct
{
  GPtrArray *reels;    /* RushesReel */
  GPtrArray *errors;   /* GError */
} ListResult;

static void
list_result_free (ListResult *result)
{
  g_clear_pointer (&result->reels, g_ptr_array_unref);
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_FINAL_TYPE (RushesReelStore, rushes_reel_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Most recently changed first, then by id for a stable order. */
static int
compare_reels (gconstpointer a,
               gconstpointer b)
{
  RushesReel *reel_a = *(RushesReel * const *) a;
  RushesReel *reel_b = *(RushesReel * const *) b;
  int order = g_date_time_compare (rushes_reel_get_modified (reel_b), rushes_reel_get_modified (reel_a));

  return order != 0 ? order : strcmp (rushes_reel_get_id (reel_a), rushes_reel_get_id (reel_b));
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *directory = task_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  ListResult *result;
  GFileInfo *info;

  result = g_new0 (ListResult, 1);
  result->reels = g_ptr_array_new_with_free_func (g_object_unref);
  result->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  enumerator = g_file_enumerate_children (directory,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error);
  if (enumerator == NULL)
    {
      /* No folder yet: no reels yet. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
      else
        {
          list_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, &error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autofree char *id = NULL;
      g_autoptr(GFile) file = NULL;
      GError *reel_error = NULL;
      RushesReel *reel;

      /* Hidden names are the temporary files of saves under way. */
      if (name[0] == '.' || !g_str_has_suffix (name, REEL_SUFFIX))
        continue;

      id = g_strndup (name, strlen (name) - strlen (REEL_SUFFIX));
      file = g_file_get_child (directory, name);
      reel = rushes_reel_load (file, cancellable, &reel_error);

      if (reel != NULL && !g_str_equal (rushes_reel_get_id (reel), id))
        {
          g_set_error (&reel_error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                       _("The reel file %s is skipped: its id does not match its name"),
                       g_file_peek_path (file));
          g_clear_object (&reel);
        }

      if (reel != NULL)
        g_ptr_array_add (result->reels, reel);
      else
        g_ptr_array_add (result->errors, reel_error);
    }

  if (error != NULL)
    {
      list_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_sort (result->reels, compare_reels);
  g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
}

static void
rushes_reel_store_finalize (GObject *object)
{
  RushesReelStore *self = RUSHES_REEL_STORE (object);

  g_clear_object (&self->directory);

  G_OBJECT_CLASS (rushes_reel_store_parent_class)->finalize (object);
}

static void
rushes_reel_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RushesReelStore *self = RUSHES_REEL_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_store_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RushesReelStore *self = RUSHES_REEL_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_store_constructed (GObject *object)
{
  RushesReelStore *self = RUSHES_REEL_STORE (object);

  G_OBJECT_CLASS (rushes_reel_store_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_file_new_build_filename (g_get_user_data_dir (), "rushes", "reels", NULL);
}

static void
rushes_reel_store_class_init (RushesReelStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rushes_reel_store_constructed;
  object_class->finalize = rushes_reel_store_finalize;
  object_class->get_property = rushes_reel_store_get_property;
  object_class->set_property = rushes_reel_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_reel_store_init (RushesReelStore *self)
{
}

/**
 * rushes_reel_store_new:
 * @directory: (nullable): the reels folder; %NULL for
 *   `$XDG_DATA_HOME/rushes/reels`
 */
RushesReelStore *
rushes_reel_store_new (GFile *directory)
{
  g_return_val_if_fail (directory == NULL || G_IS_FILE (directory), NULL);

  return g_object_new (RUSHES_TYPE_REEL_STORE, "directory", directory, NULL);
}

/**
 * rushes_reel_store_get_directory:
 *
 * Returns: (transfer none): the reels folder
 */
GFile *
rushes_reel_store_get_directory (RushesReelStore *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_STORE (self), NULL);

  return self->directory;
}

/**
 * rushes_reel_store_get_file:
 * @reel_id: a valid reel id (rushes_reel_id_is_valid())
 *
 * Returns: (transfer full): the file of the reel, for rushes_reel_save()
 *   and rushes_reel_load()
 */
GFile *
rushes_reel_store_get_file (RushesReelStore *self,
                            const char      *reel_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (RUSHES_IS_REEL_STORE (self), NULL);
  g_return_val_if_fail (rushes_reel_id_is_valid (reel_id), NULL);

  name = g_strconcat (reel_id, REEL_SUFFIX, NULL);
  return g_file_get_child (self->directory, name);
}

/**
 * rushes_reel_store_list_async:
 *
 * Reads every reel in the folder, off the main thread.
 */
void
rushes_reel_store_list_async (RushesReelStore     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RUSHES_IS_REEL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_reel_store_list_async);
  g_task_set_task_data (task, g_object_ref (self->directory), g_object_unref);
  g_task_run_in_thread (task, list_thread);
}

/**
 * rushes_reel_store_list_finish:
 * @load_errors: (out) (optional) (transfer full) (element-type GError):
 *   one error for each reel file that could not be read, naming it
 * @error: when the folder itself cannot be read (a missing folder is an
 *   empty list)
 *
 * Returns: (transfer full) (element-type RushesReel): the reels, most
 *   recently changed first
 */
GPtrArray *
rushes_reel_store_list_finish (RushesReelStore  *self,
                               GAsyncResult     *result,
                               GPtrArray       **load_errors,
                               GError          **error)
{
  ListResult *list;
  GPtrArray *reels;

  g_return_val_if_fail (RUSHES_IS_REEL_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rushes_reel_store_list_async, NULL);

  list = g_task_propagate_pointer (G_TASK (result), error);
  if (list == NULL)
    return NULL;

  reels = g_steal_pointer (&list->reels);
  if (load_errors != NULL)
    *load_errors = g_steal_pointer (&list->errors);
  list_result_free (list);

  return reels;
}
