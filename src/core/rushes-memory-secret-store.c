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

#define G_LOG_DOMAIN "rushes-memory-secret-store"

#include "config.h"

#include <string.h>

#include "rushes-memory-secret-store.h"

/**
 * RushesMemorySecretStore:
 *
 * Secrets kept in memory for the life of the object: for tests, and for
 * sessions without a keyring.
 */
struct _RushesMemorySecretStore
{
  GObject     parent_instance;

  GHashTable *secrets;  /* "provider/kind" → secret */
};

static void secret_store_iface_init (RushesSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesMemorySecretStore, rushes_memory_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_SECRET_STORE, secret_store_iface_init))

static char *
make_key (const char       *provider_id,
          RushesSecretKind  kind)
{
  return g_strdup_printf ("%s/%d", provider_id, kind);
}

static void
free_secret (gpointer data)
{
  char *secret = data;

  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
rushes_memory_secret_store_lookup_async (RushesSecretStore   *store,
                                         const char          *provider_id,
                                         RushesSecretKind     kind,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  RushesMemorySecretStore *self = RUSHES_MEMORY_SECRET_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (provider_id, kind);

  g_task_set_source_tag (task, rushes_memory_secret_store_lookup_async);
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->secrets, key)), g_free);
}

static char *
rushes_memory_secret_store_lookup_finish (RushesSecretStore  *store,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rushes_memory_secret_store_store_async (RushesSecretStore   *store,
                                        const char          *provider_id,
                                        RushesSecretKind     kind,
                                        const char          *secret,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  RushesMemorySecretStore *self = RUSHES_MEMORY_SECRET_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, rushes_memory_secret_store_store_async);
  g_hash_table_insert (self->secrets, make_key (provider_id, kind), g_strdup (secret));
  g_task_return_boolean (task, TRUE);
}

static gboolean
rushes_memory_secret_store_boolean_finish (RushesSecretStore  *store,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rushes_memory_secret_store_clear_async (RushesSecretStore   *store,
                                        const char          *provider_id,
                                        RushesSecretKind     kind,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  RushesMemorySecretStore *self = RUSHES_MEMORY_SECRET_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (provider_id, kind);

  g_task_set_source_tag (task, rushes_memory_secret_store_clear_async);
  g_hash_table_remove (self->secrets, key);
  g_task_return_boolean (task, TRUE);
}

static void
secret_store_iface_init (RushesSecretStoreInterface *iface)
{
  iface->lookup_async = rushes_memory_secret_store_lookup_async;
  iface->lookup_finish = rushes_memory_secret_store_lookup_finish;
  iface->store_async = rushes_memory_secret_store_store_async;
  iface->store_finish = rushes_memory_secret_store_boolean_finish;
  iface->clear_async = rushes_memory_secret_store_clear_async;
  iface->clear_finish = rushes_memory_secret_store_boolean_finish;
}

static void
rushes_memory_secret_store_finalize (GObject *object)
{
  RushesMemorySecretStore *self = (RushesMemorySecretStore *)object;

  g_clear_pointer (&self->secrets, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_memory_secret_store_parent_class)->finalize (object);
}

static void
rushes_memory_secret_store_class_init (RushesMemorySecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_memory_secret_store_finalize;
}

static void
rushes_memory_secret_store_init (RushesMemorySecretStore *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_secret);
}

/**
 * rushes_memory_secret_store_new:
 *
 * Returns: (transfer full): an empty in-memory store
 */
RushesSecretStore *
rushes_memory_secret_store_new (void)
{
  return g_object_new (RUSHES_TYPE_MEMORY_SECRET_STORE, NULL);
}
