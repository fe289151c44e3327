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

#define G_LOG_DOMAIN "rushes-libsecret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rushes-error.h"
#include "rushes-libsecret-store.h"

/**
 * RushesLibsecretStore:
 *
 * Secrets in the user's keyring (Secret Service), one item per provider
 * and kind.
 */
struct _RushesLibsecretStore
{
  GObject parent_instance;
};

static void secret_store_iface_init (RushesSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesLibsecretStore, rushes_libsecret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_SECRET_STORE, secret_store_iface_init))

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID_BASE ".Credential", SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static const char *
kind_to_string (RushesSecretKind kind)
{
  return kind == RUSHES_SECRET_API_SECRET ? "api-secret" : "api-key";
}

static GHashTable *
make_attributes (const char       *provider_id,
                 RushesSecretKind  kind)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "provider", g_strdup (provider_id));
  g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (kind_to_string (kind)));
  return attributes;
}

static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else
    {
      g_task_return_new_error (task, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                               _("The keyring is not available: %s"), error->message);
      g_error_free (error);
    }
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

static void
rushes_libsecret_store_lookup_async (RushesSecretStore   *store,
                                     const char          *provider_id,
                                     RushesSecretKind     kind,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = make_attributes (provider_id, kind);

  g_task_set_source_tag (task, rushes_libsecret_store_lookup_async);
  secret_password_lookupv (get_schema (), attributes, cancellable, lookup_cb, g_steal_pointer (&task));
}

static char *
rushes_libsecret_store_lookup_finish (RushesSecretStore  *store,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  /* Returned as secret memory; callers free it with g_free, so copy. */
  g_autoptr(GError) local_error = NULL;
  char *secret = g_task_propagate_pointer (G_TASK (result), &local_error);
  char *copy;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

static void rushes_libsecret_store_store_async (RushesSecretStore   *store,
                                                const char          *provider_id,
                                                RushesSecretKind     kind,
                                                const char          *secret,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);

static void
boolean_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  if (g_task_get_source_tag (task) == rushes_libsecret_store_store_async)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);

  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
rushes_libsecret_store_store_async (RushesSecretStore   *store,
                                    const char          *provider_id,
                                    RushesSecretKind     kind,
                                    const char          *secret,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = make_attributes (provider_id, kind);
  g_autofree char *label = NULL;

  label = g_strdup_printf (kind == RUSHES_SECRET_API_SECRET ? _("Rushes: %s API secret") : _("Rushes: %s API key"),
                           provider_id);

  g_task_set_source_tag (task, rushes_libsecret_store_store_async);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          cancellable, boolean_cb, g_steal_pointer (&task));
}

static gboolean
rushes_libsecret_store_boolean_finish (RushesSecretStore  *store,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rushes_libsecret_store_clear_async (RushesSecretStore   *store,
                                    const char          *provider_id,
                                    RushesSecretKind     kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = make_attributes (provider_id, kind);

  g_task_set_source_tag (task, rushes_libsecret_store_clear_async);
  secret_password_clearv (get_schema (), attributes, cancellable, boolean_cb, g_steal_pointer (&task));
}

static void
secret_store_iface_init (RushesSecretStoreInterface *iface)
{
  iface->lookup_async = rushes_libsecret_store_lookup_async;
  iface->lookup_finish = rushes_libsecret_store_lookup_finish;
  iface->store_async = rushes_libsecret_store_store_async;
  iface->store_finish = rushes_libsecret_store_boolean_finish;
  iface->clear_async = rushes_libsecret_store_clear_async;
  iface->clear_finish = rushes_libsecret_store_boolean_finish;
}

static void
rushes_libsecret_store_class_init (RushesLibsecretStoreClass *klass)
{
}

static void
rushes_libsecret_store_init (RushesLibsecretStore *self)
{
}

/**
 * rushes_libsecret_store_new:
 *
 * Returns: (transfer full): a store backed by the user's keyring
 */
RushesSecretStore *
rushes_libsecret_store_new (void)
{
  return g_object_new (RUSHES_TYPE_LIBSECRET_STORE, NULL);
}
