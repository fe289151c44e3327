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
#include <string.h>

#include "rushes-error.h"
#include "rushes-file.h"
#include "rushes-json.h"
#include "rushes-model-cache-private.h"
#include "rushes-model-catalog.h"
#include "rushes-model-private.h"
#include "rushes-models-resources.h"
#include "rushes-provider.h"

#define CATALOG_FORMAT 1
#define BUILTIN_PATH RESOURCE_PREFIX "/models"

/**
 * RushesModelCatalog:
 *
 * Every model the app knows: a #GListModel of #RushesModel made of three
 * layers. The built-in entries (the JSON files of data/models, compiled
 * into the engine) come first; each provider's live listing, as cached in
 * `$XDG_CACHE_HOME/rushes/models/`, merges with the built-in entry of the
 * same id (rushes-model-merge.c) and adds the models only it knows; the
 * user's own files in `$XDG_CONFIG_HOME/rushes/models/` replace both. A
 * file that cannot be used is skipped as a whole and reported in
 * rushes_model_catalog_get_load_errors(); in a live listing one bad model
 * spoils only itself.
 */

/* One id of the built-in and user layers, in load order. */
typedef struct
{
  char        *id;
  JsonNode    *builtin_entry;  /* for merging with a live entry */
  RushesModel *builtin;
  RushesModel *user;           /* replaces everything */
  RushesModel *merged;         /* builtin + merged_with, made once */
  RushesModel *merged_with;
} Slot;

/* One model of a provider's live listing. */
typedef struct
{
  RushesModel *model;
  GBytes      *text;
} LiveEntry;

typedef struct
{
  char       *provider_id;
  GDateTime  *fetched_at;
  GPtrArray  *entries;   /* LiveEntry, listing order */
} LiveLayer;

struct _RushesModelCatalog
{
  GObject     parent_instance;

  GPtrArray  *models;       /* RushesModel: what the list shows */
  GPtrArray  *load_errors;  /* GError */
  GPtrArray  *slots;        /* Slot */
  GHashTable *slots_by_id;  /* id → Slot */
  GPtrArray  *live;         /* LiveLayer, in the order first loaded */
  gboolean    debug;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesModelCatalog, rushes_model_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
slot_free (Slot *slot)
{
  g_free (slot->id);
  g_clear_pointer (&slot->builtin_entry, json_node_unref);
  g_clear_object (&slot->builtin);
  g_clear_object (&slot->user);
  g_clear_object (&slot->merged);
  g_clear_object (&slot->merged_with);
  g_free (slot);
}

static void
live_entry_free (LiveEntry *entry)
{
  g_clear_object (&entry->model);
  g_clear_pointer (&entry->text, g_bytes_unref);
  g_free (entry);
}

static void
live_layer_free (LiveLayer *layer)
{
  g_free (layer->provider_id);
  g_clear_pointer (&layer->fetched_at, g_date_time_unref);
  g_clear_pointer (&layer->entries, g_ptr_array_unref);
  g_free (layer);
}

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
debug_note (RushesModelCatalog *self,
            const char         *format,
            ...) G_GNUC_PRINTF (2, 3);

/* RUSHES_DEBUG=catalog, the way RUSHES_DEBUG=http tells requests. */
static void
debug_note (RushesModelCatalog *self,
            const char         *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("%s", message);
  if (self->debug)
    g_printerr ("rushes: catalog: %s\n", message);
}

static LiveEntry *
find_live (RushesModelCatalog *self,
           const char         *id)
{
  for (guint i = 0; i < self->live->len; i++)
    {
      LiveLayer *layer = g_ptr_array_index (self->live, i);

      for (guint j = 0; j < layer->entries->len; j++)
        {
          LiveEntry *entry = g_ptr_array_index (layer->entries, j);

          if (g_str_equal (rushes_model_get_id (entry->model), id))
            return entry;
        }
    }

  return NULL;
}

static LiveLayer *
find_layer (RushesModelCatalog *self,
            const char         *provider_id)
{
  for (guint i = 0; i < self->live->len; i++)
    {
      LiveLayer *layer = g_ptr_array_index (self->live, i);

      if (g_str_equal (layer->provider_id, provider_id))
        return layer;
    }

  return NULL;
}

/* The built-in entry with what the live one says of today's settings. */
static RushesModel *
merge_slot (RushesModelCatalog *self,
            Slot               *slot,
            LiveEntry          *live,
            LiveLayer          *layer)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) live_node = NULL;
  g_autoptr(JsonNode) merged_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  RushesModel *merged;

  if (slot->merged != NULL && slot->merged_with == live->model)
    return slot->merged;

  g_clear_object (&slot->merged);
  g_clear_object (&slot->merged_with);
  slot->merged_with = g_object_ref (live->model);

  if (!_rushes_model_summary_available (live->model) || !rushes_model_get_available (live->model))
    {
      debug_note (self, "%s: the live schema cannot be used (%s); the built-in entry stays as it is",
                  slot->id, rushes_model_get_unavailable_reason (live->model));
      slot->merged = g_object_ref (slot->builtin);
      return slot->merged;
    }

  live_node = rushes_json_parse_bytes (live->text, RUSHES_JSON_MAX_CATALOG, &error);
  if (live_node != NULL && JSON_NODE_HOLDS_OBJECT (live_node) &&
      JSON_NODE_HOLDS_OBJECT (slot->builtin_entry))
    merged_node = _rushes_model_merge_entries (json_node_get_object (slot->builtin_entry),
                                               json_node_get_object (live_node), notes);

  for (guint i = 0; i < notes->len; i++)
    debug_note (self, "%s", (const char *) g_ptr_array_index (notes, i));

  origin = g_strdup_printf ("%s + %s", rushes_model_get_origin (slot->builtin), rushes_model_get_origin (live->model));
  merged = merged_node != NULL ? _rushes_model_new_from_json (merged_node, origin, &error) : NULL;
  if (merged == NULL)
    {
      debug_note (self, "%s: the built-in and live entries do not merge (%s); the live entry is used alone",
                  slot->id, error != NULL ? error->message : "?");
      merged = g_object_ref (live->model);
    }
  else
    _rushes_model_set_live (merged, layer->fetched_at);

  slot->merged = merged;
  return merged;
}

static LiveLayer *
layer_of (RushesModelCatalog *self,
          LiveEntry          *entry)
{
  return find_layer (self, rushes_model_get_provider_id (entry->model));
}

/* Makes the list again from the layers, and tells it changed. */
static void
rebuild (RushesModelCatalog *self)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  guint removed = self->models->len;

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      LiveEntry *live = slot->user == NULL && slot->builtin != NULL ? find_live (self, slot->id) : NULL;
      RushesModel *model;

      if (slot->user != NULL)
        model = slot->user;
      else if (live != NULL)
        model = merge_slot (self, slot, live, layer_of (self, live));
      else
        model = slot->builtin;

      g_ptr_array_add (models, g_object_ref (model));
      g_hash_table_add (placed, slot->id);
    }

  for (guint i = 0; i < self->live->len; i++)
    {
      LiveLayer *layer = g_ptr_array_index (self->live, i);

      for (guint j = 0; j < layer->entries->len; j++)
        {
          LiveEntry *entry = g_ptr_array_index (layer->entries, j);
          const char *id = rushes_model_get_id (entry->model);

          if (g_hash_table_contains (placed, id))
            continue;
          g_hash_table_add (placed, (char *) id);
          g_ptr_array_add (models, g_object_ref (entry->model));
        }
    }

  g_ptr_array_unref (self->models);
  self->models = g_steal_pointer (&models);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->models->len);
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
  g_clear_pointer (&self->slots_by_id, g_hash_table_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->live, g_ptr_array_unref);

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
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  self->slots_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->live = g_ptr_array_new_with_free_func ((GDestroyNotify) live_layer_free);
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
 * Returns: (transfer full): the built-in models, the live listings cached
 *   in `$XDG_CACHE_HOME/rushes/models/` and the user's files in
 *   `$XDG_CONFIG_HOME/rushes/models/`
 */
RushesModelCatalog *
rushes_model_catalog_new_default (void)
{
  RushesModelCatalog *self = rushes_model_catalog_new ();

  rushes_model_catalog_load_default (self);
  return self;
}

/**
 * rushes_model_catalog_load_default:
 *
 * Loads what rushes_model_catalog_new_default() has, into a catalog made
 * with rushes_model_catalog_new() (after rushes_model_catalog_set_debug(),
 * for instance). Nothing waits on the network: live models come from the
 * cache.
 */
void
rushes_model_catalog_load_default (RushesModelCatalog *self)
{
  g_autoptr(GFile) user_dir = g_file_new_build_filename (g_get_user_config_dir (), "rushes", "models", NULL);
  g_autoptr(GFile) cache_dir = rushes_model_catalog_get_cache_directory ();

  g_return_if_fail (RUSHES_IS_MODEL_CATALOG (self));

  rushes_model_catalog_load_builtin (self);
  rushes_model_catalog_load_live_directory (self, cache_dir);
  rushes_model_catalog_load_directory (self, user_dir);
}

/**
 * rushes_model_catalog_get_cache_directory:
 *
 * Returns: (transfer full): where live listings are cached,
 *   `$XDG_CACHE_HOME/rushes/models/`
 */
GFile *
rushes_model_catalog_get_cache_directory (void)
{
  return g_file_new_build_filename (g_get_user_cache_dir (), "rushes", "models", NULL);
}

/**
 * rushes_model_catalog_set_debug:
 * @debug: whether to tell on stderr how built-in and live entries merge
 *   (`RUSHES_DEBUG=catalog`, rushes_config_get_debug_catalog())
 */
void
rushes_model_catalog_set_debug (RushesModelCatalog *self,
                                gboolean            debug)
{
  g_return_if_fail (RUSHES_IS_MODEL_CATALOG (self));

  self->debug = !!debug;
}

static gboolean
load_data_full (RushesModelCatalog  *self,
                const char          *origin,
                GBytes              *data,
                gboolean             builtin,
                GError             **error)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *format;
  JsonNode *entries;
  gsize size;
  const char *text = g_bytes_get_data (data, &size);

  root = rushes_json_parse (text, size, RUSHES_JSON_MAX_CATALOG, &local_error);
  if (root == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, "%s", local_error->message);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
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
      Slot *slot = g_hash_table_lookup (self->slots_by_id, rushes_model_get_id (model));

      if (slot == NULL)
        {
          slot = g_new0 (Slot, 1);
          slot->id = g_strdup (rushes_model_get_id (model));
          g_ptr_array_add (self->slots, slot);
          g_hash_table_insert (self->slots_by_id, slot->id, slot);
        }

      if (builtin)
        {
          g_set_object (&slot->builtin, model);
          g_clear_pointer (&slot->builtin_entry, json_node_unref);
          slot->builtin_entry = json_node_ref (json_array_get_element (json_node_get_array (entries), i));
          g_clear_object (&slot->merged);
          g_clear_object (&slot->merged_with);
        }
      else
        g_set_object (&slot->user, model);
    }

  rebuild (self);
  return TRUE;
}

/**
 * rushes_model_catalog_load_data:
 * @origin: a name for messages (the file's path)
 * @data: the contents of a catalog file
 *
 * Adds the models of one catalog file, all or none, as the user's own: a
 * model whose id is already known (built in, live or from another file)
 * is replaced in place.
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
  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  return load_data_full (self, origin, data, FALSE, error);
}

/**
 * rushes_model_catalog_load_live:
 * @provider_id: the provider whose listing @cache holds
 * @cache: a cached live listing (rushes_model_catalog_write_live())
 * @origin: a name for messages (the file's path)
 *
 * Puts @provider_id's live models in place of those it had: a model
 * built in too is merged with its built-in entry, a model of a user's
 * file stays the user's. The listing's models are read as they are
 * needed; one whose entry is damaged says so when it is.
 *
 * Returns: %TRUE, or %FALSE with a %RUSHES_ERROR_INVALID_INPUT when
 *   @cache is not a listing of @provider_id (the models it had stay)
 */
gboolean
rushes_model_catalog_load_live (RushesModelCatalog  *self,
                                const char          *provider_id,
                                GBytes              *cache,
                                const char          *origin,
                                GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  LiveLayer *layer;

  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), FALSE);
  g_return_val_if_fail (provider_id != NULL, FALSE);
  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);

  if (!rushes_provider_id_is_known (provider_id))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("unknown provider “%s”"), provider_id);
      return FALSE;
    }
  if (!_rushes_model_cache_read (cache, provider_id, &fetched_at, &entries, error))
    return FALSE;

  layer = find_layer (self, provider_id);
  if (layer == NULL)
    {
      layer = g_new0 (LiveLayer, 1);
      layer->provider_id = g_strdup (provider_id);
      g_ptr_array_add (self->live, layer);
    }
  g_clear_pointer (&layer->fetched_at, g_date_time_unref);
  layer->fetched_at = g_date_time_ref (fetched_at);
  g_clear_pointer (&layer->entries, g_ptr_array_unref);
  layer->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) live_entry_free);

  for (guint i = 0; i < entries->len; i++)
    {
      RushesModelCacheEntry *cached = g_ptr_array_index (entries, i);
      LiveEntry *entry;

      if (g_hash_table_contains (seen, cached->id))
        {
          debug_note (self, "%s: listed twice in %s; the first is kept", cached->id, origin);
          continue;
        }

      entry = g_new0 (LiveEntry, 1);
      entry->text = g_bytes_ref (cached->text);
      entry->model = _rushes_model_new_summary (cached->id, provider_id, cached->name, cached->vendor,
                                                cached->retired, cached->unavailable, cached->modes,
                                                cached->text, origin);
      _rushes_model_set_live (entry->model, fetched_at);
      g_ptr_array_add (layer->entries, entry);
      g_hash_table_add (seen, (char *) rushes_model_get_id (entry->model));
    }

  rebuild (self);
  return TRUE;
}

/**
 * rushes_model_catalog_write_live:
 * @entries: the provider's models as catalog entries (JSON objects)
 * @fetched_at: when the listing was read
 *
 * Returns: (transfer full): the cache file of a live listing, for
 *   rushes_model_catalog_load_live()
 */
GBytes *
rushes_model_catalog_write_live (const char *provider_id,
                                 GDateTime  *fetched_at,
                                 JsonArray  *entries)
{
  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (fetched_at != NULL, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  return _rushes_model_cache_write (provider_id, fetched_at, entries);
}

/**
 * rushes_model_catalog_load_live_directory:
 * @directory: a folder with one cached listing per provider, `<provider>.json`
 *
 * Loads each provider's cached listing; a missing one is fine, one that
 * cannot be used is reported in the load errors.
 */
void
rushes_model_catalog_load_live_directory (RushesModelCatalog *self,
                                          GFile              *directory)
{
  const char * const *ids = rushes_provider_list_ids ();

  g_return_if_fail (RUSHES_IS_MODEL_CATALOG (self));
  g_return_if_fail (G_IS_FILE (directory));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (ids[i], ".json", NULL);
      g_autoptr(GFile) file = g_file_get_child (directory, name);
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!rushes_file_load_contents (file, RUSHES_JSON_MAX_CATALOG, &contents, &length, &error))
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            add_load_error (self, g_file_peek_path (file), error);
          continue;
        }

      data = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (!rushes_model_catalog_load_live (self, ids[i], data, g_file_peek_path (file), &error))
        add_load_error (self, g_file_peek_path (file), error);
    }
}

/**
 * rushes_model_catalog_get_fetched_at:
 *
 * Returns: (nullable) (transfer none): when the live listing of
 *   @provider_id that the catalog holds was read; %NULL when it holds none
 */
GDateTime *
rushes_model_catalog_get_fetched_at (RushesModelCatalog *self,
                                     const char         *provider_id)
{
  LiveLayer *layer;

  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  layer = find_layer (self, provider_id);
  return layer != NULL ? layer->fetched_at : NULL;
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
      if (data == NULL || !load_data_full (self, path, data, TRUE, &error))
        add_load_error (self, path, error);
      g_clear_error (&error);
    }
}

/**
 * rushes_model_catalog_load_directory:
 * @directory: a folder of `*.json` catalog files; a missing folder is fine
 *
 * Adds the models of every `*.json` file in @directory, in name order, as
 * the user's own (rushes_model_catalog_load_data()).
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

/**
 * rushes_model_catalog_search:
 * @text: what the user typed; every word of it must appear in a model's
 *   name, vendor, id or provider, whatever the case and accents
 * @flags: which models to leave out
 *
 * The picker's filter, fast enough to run on every key press over
 * thousands of models: it reads only what a model's summary has, never
 * a live entry that was not needed yet.
 *
 * Returns: (transfer full) (element-type RushesModel): the matching
 *   models, in catalog order
 */
GPtrArray *
rushes_model_catalog_search (RushesModelCatalog     *self,
                             const char             *text,
                             RushesModelSearchFlags  flags)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (RUSHES_IS_MODEL_CATALOG (self), NULL);

  folded = _rushes_model_fold_text (text != NULL ? text : "");
  words = g_strsplit_set (folded, " \t\n/", -1);

  for (guint i = 0; i < self->models->len; i++)
    {
      RushesModel *model = g_ptr_array_index (self->models, i);
      const char *key;
      gboolean match = TRUE;

      if ((flags & RUSHES_MODEL_SEARCH_HIDE_RETIRED) && rushes_model_get_retired (model))
        continue;
      if ((flags & RUSHES_MODEL_SEARCH_HIDE_UNAVAILABLE) && !_rushes_model_summary_available (model))
        continue;

      key = _rushes_model_get_search_key (model);
      for (guint j = 0; words[j] != NULL && match; j++)
        match = words[j][0] == '\0' || strstr (key, words[j]) != NULL;

      if (match)
        g_ptr_array_add (result, g_object_ref (model));
    }

  return g_steal_pointer (&result);
}
