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

#define G_LOG_DOMAIN "rushes-session-secret-store"

#include "config.h"

#include <string.h>

#include "rushes-session-secret-store.h"

/**
 * RushesSessionSecretStore:
 *
 * A #RushesSecretStore in two layers: secrets kept for this run only, in
 * memory, over a persistent store (the keyring). Lookups see the session
 * layer first. Storing goes to the persistent store; when that fails (no
 * Secret Service), the caller may keep the secret for the session with
 * rushes_session_secret_store_store_for_session().
 */
struct _RushesSessionSecretStore
{
  GObject            parent_instance;

  /* Owned */
  RushesSecretStore *persistent;
  GHashTable        *session;  /* "provider/kind" → secret */
};

static void secret_store_iface_init (RushesSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesSessionSecretStore, rushes_session_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_SECRET_STORE, secret_store_iface_init))

enum {
  PROP_0,
  PROP_PERSISTENT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char             *provider_id;
  RushesSecretKind  kind;
  gboolean          had_session;
} OperationData;

static void
operation_data_free (OperationData *data)
{
  g_free (data->provider_id);
  g_free (data);
}

static OperationData *
operation_data_new (const char       *provider_id,
                    RushesSecretKind  kind)
{
  OperationData *data = g_new0 (OperationData, 1);

  data->provider_id = g_strdup (provider_id);
  data->kind = kind;
  return data;
}

static char *
make_key (const char       *provider_id,
          RushesSecretKind  kind)
{
  return g_strdup_printf ("%s/%d", provider_id, kind);
}

/* Session secrets are wiped from memory when replaced or forgotten. */
static void
free_secret (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
emit_changed (RushesSessionSecretStore *self,
              const char               *provider_id,
              RushesSecretKind          kind)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (provider_id), provider_id, kind);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = rushes_secret_store_lookup_finish (RUSHES_SECRET_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, free_secret);
}

static void
rushes_session_secret_store_lookup_async (RushesSecretStore   *store,
                                          const char          *provider_id,
                                          RushesSecretKind     kind,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  RushesSessionSecretStore *self = RUSHES_SESSION_SECRET_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (provider_id, kind);
  const char *secret;

  g_task_set_source_tag (task, rushes_session_secret_store_lookup_async);

  secret = g_hash_table_lookup (self->session, key);
  if (secret != NULL)
    {
      g_task_return_pointer (task, g_strdup (secret), free_secret);
      return;
    }

  rushes_secret_store_lookup_async (self->persistent, provider_id, kind, cancellable,
                                    lookup_cb, g_steal_pointer (&task));
}

static char *
rushes_session_secret_store_lookup_finish (RushesSecretStore  *store,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RushesSessionSecretStore *self = g_task_get_source_object (task);
  OperationData *data = g_task_get_task_data (task);
  g_autofree char *key = NULL;
  GError *error = NULL;

  if (!rushes_secret_store_store_finish (RUSHES_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The keyring holds it now; a stale session copy would shadow it. */
  key = make_key (data->provider_id, data->kind);
  g_hash_table_remove (self->session, key);

  emit_changed (self, data->provider_id, data->kind);
  g_task_return_boolean (task, TRUE);
}

static void
rushes_session_secret_store_store_async (RushesSecretStore   *store,
                                         const char          *provider_id,
                                         RushesSecretKind     kind,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  RushesSessionSecretStore *self = RUSHES_SESSION_SECRET_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, rushes_session_secret_store_store_async);
  g_task_set_task_data (task, operation_data_new (provider_id, kind), (GDestroyNotify) operation_data_free);

  rushes_secret_store_store_async (self->persistent, provider_id, kind, secret, cancellable,
                                   store_cb, g_steal_pointer (&task));
}

static gboolean
rushes_session_secret_store_boolean_finish (RushesSecretStore  *store,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RushesSessionSecretStore *self = g_task_get_source_object (task);
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Without a keyring there is nothing stored there to clear: a secret
   * kept for the session is gone, and that is what the user asked for. */
  if (!rushes_secret_store_clear_finish (RUSHES_SECRET_STORE (object), result, &error) &&
      (!data->had_session || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      if (data->had_session)
        emit_changed (self, data->provider_id, data->kind);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (error != NULL)
    g_debug ("Forgot the %s session secret; the keyring could not be cleared: %s",
             data->provider_id, error->message);

  emit_changed (self, data->provider_id, data->kind);
  g_task_return_boolean (task, TRUE);
}

static void
rushes_session_secret_store_clear_async (RushesSecretStore   *store,
                                         const char          *provider_id,
                                         RushesSecretKind     kind,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  RushesSessionSecretStore *self = RUSHES_SESSION_SECRET_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (provider_id, kind);
  OperationData *data = operation_data_new (provider_id, kind);

  g_task_set_source_tag (task, rushes_session_secret_store_clear_async);
  g_task_set_task_data (task, data, (GDestroyNotify) operation_data_free);

  data->had_session = g_hash_table_remove (self->session, key);

  rushes_secret_store_clear_async (self->persistent, provider_id, kind, cancellable,
                                   clear_cb, g_steal_pointer (&task));
}

static void
secret_store_iface_init (RushesSecretStoreInterface *iface)
{
  iface->lookup_async = rushes_session_secret_store_lookup_async;
  iface->lookup_finish = rushes_session_secret_store_lookup_finish;
  iface->store_async = rushes_session_secret_store_store_async;
  iface->store_finish = rushes_session_secret_store_boolean_finish;
  iface->clear_async = rushes_session_secret_store_clear_async;
  iface->clear_finish = rushes_session_secret_store_boolean_finish;
}

static void
rushes_session_secret_store_finalize (GObject *object)
{
  RushesSessionSecretStore *self = RUSHES_SESSION_SECRET_STORE (object);

  g_clear_object (&self->persistent);
  g_clear_pointer (&self->session, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_session_secret_store_parent_class)->finalize (object);
}

static void
rushes_session_secret_store_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RushesSessionSecretStore *self = RUSHES_SESSION_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PERSISTENT:
      g_value_set_object (value, self->persistent);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_session_secret_store_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  RushesSessionSecretStore *self = RUSHES_SESSION_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PERSISTENT:
      self->persistent = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_session_secret_store_class_init (RushesSessionSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_session_secret_store_finalize;
  object_class->get_property = rushes_session_secret_store_get_property;
  object_class->set_property = rushes_session_secret_store_set_property;

  /**
   * RushesSessionSecretStore:persistent:
   *
   * The store that keeps secrets across runs (the keyring).
   */
  properties[PROP_PERSISTENT] =
    g_param_spec_object ("persistent", NULL, NULL,
                         RUSHES_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesSessionSecretStore::changed:
   * @provider_id: the provider whose secret changed (also the detail)
   * @kind: which secret
   *
   * Emitted after a secret was stored, kept for the session or removed
   * through this store, so views can say which providers have a key.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, RUSHES_TYPE_SECRET_KIND);
}

static void
rushes_session_secret_store_init (RushesSessionSecretStore *self)
{
  self->session = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_secret);
}

/**
 * rushes_session_secret_store_new:
 * @persistent: the store that keeps secrets across runs
 *
 * Returns: (transfer full): a store that also keeps secrets for this run
 */
RushesSecretStore *
rushes_session_secret_store_new (RushesSecretStore *persistent)
{
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (persistent), NULL);

  return g_object_new (RUSHES_TYPE_SESSION_SECRET_STORE,
                       "persistent", persistent,
                       NULL);
}

/**
 * rushes_session_secret_store_get_persistent:
 *
 * Returns: (transfer none): the store below the session layer
 */
RushesSecretStore *
rushes_session_secret_store_get_persistent (RushesSessionSecretStore *self)
{
  g_return_val_if_fail (RUSHES_IS_SESSION_SECRET_STORE (self), NULL);

  return self->persistent;
}

/**
 * rushes_session_secret_store_store_for_session:
 * @secret: the value, never logged
 *
 * Keeps @secret in memory until the store is finalized (when Rushes
 * quits); nothing is written anywhere.
 */
void
rushes_session_secret_store_store_for_session (RushesSessionSecretStore *self,
                                               const char               *provider_id,
                                               RushesSecretKind          kind,
                                               const char               *secret)
{
  g_return_if_fail (RUSHES_IS_SESSION_SECRET_STORE (self));
  g_return_if_fail (provider_id != NULL);
  g_return_if_fail (secret != NULL && secret[0] != '\0');

  g_hash_table_insert (self->session, make_key (provider_id, kind), g_strdup (secret));
  emit_changed (self, provider_id, kind);
}

/**
 * rushes_session_secret_store_has_session_secret:
 *
 * Returns: %TRUE when the secret is kept for this session only
 */
gboolean
rushes_session_secret_store_has_session_secret (RushesSessionSecretStore *self,
                                                const char               *provider_id,
                                                RushesSecretKind          kind)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (RUSHES_IS_SESSION_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (provider_id != NULL, FALSE);

  key = make_key (provider_id, kind);
  return g_hash_table_contains (self->session, key);
}
