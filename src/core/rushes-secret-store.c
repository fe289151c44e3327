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

#define G_LOG_DOMAIN "rushes-secret-store"

#include "config.h"

#include "rushes-secret-store.h"

/**
 * RushesSecretStore:
 *
 * Where API keys and secrets live, per provider. The libsecret
 * implementation is for real use, the memory one for tests. Environment
 * variables (#RushesConfig) override whatever is stored.
 */

G_DEFINE_INTERFACE (RushesSecretStore, rushes_secret_store, G_TYPE_OBJECT)

static void
rushes_secret_store_default_init (RushesSecretStoreInterface *iface)
{
}

/**
 * rushes_secret_store_lookup_async:
 * @provider_id: "wiro", …
 * @kind: the key or the secret
 */
void
rushes_secret_store_lookup_async (RushesSecretStore   *self,
                                  const char          *provider_id,
                                  RushesSecretKind     kind,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RUSHES_IS_SECRET_STORE (self));
  g_return_if_fail (provider_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_SECRET_STORE_GET_IFACE (self)->lookup_async (self, provider_id, kind, cancellable, callback, user_data);
}

/**
 * rushes_secret_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL without an
 *   error when none is stored
 */
char *
rushes_secret_store_lookup_finish (RushesSecretStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (self), NULL);

  return RUSHES_SECRET_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

/**
 * rushes_secret_store_store_async:
 * @secret: the value, never logged
 */
void
rushes_secret_store_store_async (RushesSecretStore   *self,
                                 const char          *provider_id,
                                 RushesSecretKind     kind,
                                 const char          *secret,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RUSHES_IS_SECRET_STORE (self));
  g_return_if_fail (provider_id != NULL);
  g_return_if_fail (secret != NULL && secret[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_SECRET_STORE_GET_IFACE (self)->store_async (self, provider_id, kind, secret,
                                                     cancellable, callback, user_data);
}

gboolean
rushes_secret_store_store_finish (RushesSecretStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (self), FALSE);

  return RUSHES_SECRET_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

/**
 * rushes_secret_store_clear_async:
 *
 * Removes a stored secret; clearing one that is not stored succeeds.
 */
void
rushes_secret_store_clear_async (RushesSecretStore   *self,
                                 const char          *provider_id,
                                 RushesSecretKind     kind,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RUSHES_IS_SECRET_STORE (self));
  g_return_if_fail (provider_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  RUSHES_SECRET_STORE_GET_IFACE (self)->clear_async (self, provider_id, kind, cancellable, callback, user_data);
}

gboolean
rushes_secret_store_clear_finish (RushesSecretStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (self), FALSE);

  return RUSHES_SECRET_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}
