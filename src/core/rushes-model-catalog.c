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

#define G_LOG_DOMAIN "rushes-model-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-file.h"
#include "rushes-json.h"
#include "rushes-model-catalog.h"
#include "rushes-model-private.h"
#include "rushes-models-resources.h"
#include "rushes-provider.h"

#define CATALOG_FORMAT 1
#define BUILTIN_PATH RESOURCE_PREFIX "/models"

/**
 * RushesModelCatalog:
 *
 * Every model the app knows: a #GListModel of #RushesModel, built-in entries
 * (the JSON files of data/models, compiled into the engine) first, then the user's own
 * files in `$XDG_CONFIG_HOME/rushes/models/`. A user entry with the id of a
 * built-in one replaces it. A file that cannot be used is skipped as a whole
 * and reported in rushes_model_catalog_get_load_errors().
 */
struct _RushesModelCatalog
{
  GObject    parent_instance;

  GPtrArray *models;       /* RushesModel */
  GPtrArray *load_errors;  /* GError */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesModelCatalog, rushes_model_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
rushes_model_catalog_get_item_type (GListModel *model)
{
  return RUSHES_TYPE_MODEL;
}

static guint
rushes_model_catalog_get_n_items (GListModel *model)
{
  return RUSHES_MODEL_CATALOG (model)->models->len;
}

static gpointer
rushes_model_catalog_get_item (GListModel *model,
                               guint       position)
{
  RushesModelCatalog *self = RUSHES_MODEL_CATALOG (model);

  if (position >= self->models->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->models, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rushes_model_catalog_get_item_type;
  iface->get_n_items = rushes_model_catalog_get_n_items;
  iface->get_item = rushes_model_catalog_get_item;
}

static void
add_load_error (RushesModelCatalog *self,
                const char         *origin,
                const GError       *error)
{
  g_ptr_array_add (self->load_errors,
                   g_error_new (RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                                _("Model file %s skipped: %s"), origin, error->message));
  g_debug ("Model file %s skipped: %s", origin, error->message);
}

static void
rushes_model_catalog_finalize (GObject *object)
{
  RushesModelCatalog *self = (RushesModelCatalog *)object;

  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->load_errors, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_model_catalog_parent_class)->finalize (object);
}

static void
rushes_model_catalog_class_init (RushesModelCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_model_catalog_finalize;
}

static void
rushes_model_catalog_init (RushesModelCatalog *self)
{
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
  self->load_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

/**
 * rushes_model_catalog_new:
 *
 * Returns: (transfer full): an empty catalog (see
 *   rushes_model_catalog_new_default())
 */
RushesModelCatalog *
rushes_model_catalog_new (void)
{
  return g_object_new (RUSHES_TYPE_MODEL_CATALOG, NULL);
}

/**
 * rushes_model_catalog_new_default:
 *
 * Returns: (transfer full): the built-in models plus the user's files in
 *   `$XDG_CONFIG_HOME/rushes/models/`
 */
RushesModelCatalog *
rushes_model_catalog_new_default (void)
{
  RushesModelCatalog *self = rushes_model_catalog_new ();
  g_autoptr(GFile) user_dir = g_file_new_build_filename (g_get_user_config_dir (), "rushes", "models", NULL);

  rushes_model_catalog_load_builtin (self);
  rushes_model_catalog_load_directory (self, user_dir);

  return self;
}

/**
 * rushes_model_catalog_load_data:
 * @origin: a name for messages (the file's path)
 * @data: the contents of a catalog file
 *
 * Adds the models of one catalog file, all or none. A model whose id is
 * already known replaces the earlier one in place.
 *
 * Returns: %TRUE on success; %FALSE with a %RUSHES_ERROR_INVALID_INPUT
 *   (the error is not added to the load errors: callers decide)
 */
gboolean
rushes_model_catalog_load_data (RushesModelCatalog  *self,
                                const char          *origin,
                                GBytes              *data,
                                GError             **error)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *format;
  JsonNode *entries;
  gsize size;
  const char *text = g_bytes_get_data (data, &size);

  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  root = rushes_json_parse (text, size, RUSHES_JSON_MAX_CATALOG, &local_error);
  if (root == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, "%s", local_error->message);
      return FALSE;
    }

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("the file must hold a JSON object with “format” and “models”"));
      return FALSE;
    }

  format = json_object_get_member (json_node_get_object (root), "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_INT64 ||
      json_node_get_int (format) != CATALOG_FORMAT)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("“format” must be %d"), CATALOG_FORMAT);
      return FALSE;
    }

  entries = json_object_get_member (json_node_get_object (root), "models");
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("“models” must be an array"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (entries)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (entries), i);
      RushesModel *model = _rushes_model_new_from_json (entry, origin, error);

      if (model == NULL)
        return FALSE;
      g_ptr_array_add (models, model);

      if (!rushes_provider_id_is_known (rushes_model_get_provider_id (model)))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("model “%s”: unknown provider “%s”"),
                       rushes_model_get_id (model), rushes_model_get_provider_id (model));
          return FALSE;
        }

      for (guint j = 0; j + 1 < models->len; j++)
        if (g_str_equal (rushes_model_get_id (g_ptr_array_index (models, j)), rushes_model_get_id (model)))
          {
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("model “%s” appears twice"), rushes_model_get_id (model));
            return FALSE;
          }
    }

  for (guint i = 0; i < models->len; i++)
    {
      RushesModel *model = g_ptr_array_index (models, i);
      gboolean replaced = FALSE;

      for (guint j = 0; j < self->models->len && !replaced; j++)
        {
          if (!g_str_equal (rushes_model_get_id (g_ptr_array_index (self->models, j)),
                            rushes_model_get_id (model)))
            continue;

          g_object_unref (g_ptr_array_index (self->models, j));
          g_ptr_array_index (self->models, j) = g_object_ref (model);
          g_list_model_items_changed (G_LIST_MODEL (self), j, 1, 1);
          replaced = TRUE;
        }

      if (!replaced)
        {
          g_ptr_array_add (self->models, g_object_ref (model));
          g_list_model_items_changed (G_LIST_MODEL (self), self->models->len - 1, 0, 1);
        }
    }

  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/**
 * rushes_model_catalog_load_builtin:
 *
 * Adds the models compiled into the engine.
 */
void
rushes_model_catalog_load_builtin (RushesModelCatalog *self)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  GResource *resource;

  g_return_if_fail (RUSHES_IS_MODEL_CATALOG (self));

  /* Naming the resource keeps it linked in from the static library. */
  resource = rushes_models_get_resource ();
  names = g_resource_enumerate_children (resource, BUILTIN_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    {
      add_load_error (self, BUILTIN_PATH, error);
      return;
    }

  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", BUILTIN_PATH, names[i], NULL);
      g_autoptr(GBytes) data = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      data = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (data == NULL || !rushes_model_catalog_load_data (self, path, data, &error))
        add_load_error (self, path, error);
      g_clear_error (&error);
    }
}

/**
 * rushes_model_catalog_load_directory:
 * @directory: a folder of `*.json` catalog files; a missing folder is fine
 *
 * Adds the models of every `*.json` file in @directory, in name order.
 */
void
rushes_model_catalog_load_directory (RushesModelCatalog *self,
                                     GFile              *directory)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = NULL;
  GFileInfo *info;

  g_return_if_fail (RUSHES_IS_MODEL_CATALOG (self));
  g_return_if_fail (G_IS_FILE (directory));

  dir_path = g_file_get_path (directory);
  enumerator = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        add_load_error (self, dir_path, error);
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, NULL, &error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_suffix (name, ".json") && name[0] != '.')
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  if (error != NULL)
    {
      add_load_error (self, dir_path, error);
      g_clear_error (&error);
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (directory, g_ptr_array_index (names, i));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GBytes) data = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      /* The user's folder may hold anything: a link to /dev/zero, a FIFO,
       * a huge file. Each costs only itself. */
      if (rushes_file_load_contents (file, RUSHES_JSON_MAX_CATALOG, &contents, &length, &error))
        data = g_bytes_new_take (g_steal_pointer (&contents), length);

      if (data == NULL || !rushes_model_catalog_load_data (self, path, data, &error))
        add_load_error (self, path, error);
      g_clear_error (&error);
    }
}

/**
 * rushes_model_catalog_get_load_errors:
 *
 * Returns: (transfer none) (element-type GError): why files were skipped;
 *   each message names the file and the reason
 */
GPtrArray *
rushes_model_catalog_get_load_errors (RushesModelCatalog *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), NULL);

  return self->load_errors;
}

/**
 * rushes_model_catalog_lookup:
 *
 * Returns: (transfer none) (nullable): the model with @model_id
 */
RushesModel *
rushes_model_catalog_lookup (RushesModelCatalog *self,
                             const char         *model_id)
{
  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  for (guint i = 0; i < self->models->len; i++)
    {
      RushesModel *model = g_ptr_array_index (self->models, i);

      if (g_str_equal (rushes_model_get_id (model), model_id))
        return model;
    }

  return NULL;
}

/**
 * rushes_model_catalog_find:
 * @error: a %RUSHES_ERROR_INVALID_INPUT naming the known models
 *
 * Returns: (transfer none) (nullable): the model with @model_id
 */
RushesModel *
rushes_model_catalog_find (RushesModelCatalog  *self,
                           const char          *model_id,
                           GError             **error)
{
  RushesModel *model;
  g_autoptr(GString) known = NULL;

  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  model = rushes_model_catalog_lookup (self, model_id);
  if (model != NULL)
    return model;

  known = g_string_new (NULL);
  for (guint i = 0; i < self->models->len; i++)
    {
      if (i > 0)
        g_string_append (known, ", ");
      g_string_append (known, rushes_model_get_id (g_ptr_array_index (self->models, i)));
    }

  g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
               _("Unknown model “%s”; known models: %s"), model_id, known->str);
  return NULL;
}

/**
 * rushes_model_catalog_get_default_model:
 * @provider_ids: the providers that can be used now, in order of
 *   preference (rushes_task_runner_list_ready_providers_finish())
 *
 * The model a new generation starts with: the first model, in catalog
 * order, of the first provider in @provider_ids that has one that is not
 * retired. With no key stored that is the offline Sandbox preview.
 *
 * Returns: (transfer none) (nullable): the default model
 */
RushesModel *
rushes_model_catalog_get_default_model (RushesModelCatalog *self,
                                        const char * const *provider_ids)
{
  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), NULL);
  g_return_val_if_fail (provider_ids != NULL, NULL);

  for (guint i = 0; provider_ids[i] != NULL; i++)
    for (guint j = 0; j < self->models->len; j++)
      {
        RushesModel *model = g_ptr_array_index (self->models, j);

        if (g_str_equal (rushes_model_get_provider_id (model), provider_ids[i]) &&
            !rushes_model_get_retired (model))
          return model;
      }

  return NULL;
}
