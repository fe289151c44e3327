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

#pragma once

#include <gio/gio.h>

#include "rushes-types.h"

G_BEGIN_DECLS

#define RUSHES_TYPE_SECRET_STORE (rushes_secret_store_get_type ())

G_DECLARE_INTERFACE (RushesSecretStore, rushes_secret_store, RUSHES, SECRET_STORE, GObject)

struct _RushesSecretStoreInterface
{
  GTypeInterface parent_iface;

  void      (*lookup_async)  (RushesSecretStore   *self,
                              const char          *provider_id,
                              RushesSecretKind     kind,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  char     *(*lookup_finish) (RushesSecretStore   *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*store_async)   (RushesSecretStore   *self,
                              const char          *provider_id,
                              RushesSecretKind     kind,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*store_finish)  (RushesSecretStore   *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*clear_async)   (RushesSecretStore   *self,
                              const char          *provider_id,
                              RushesSecretKind     kind,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*clear_finish)  (RushesSecretStore   *self,
                              GAsyncResult        *result,
                              GError             **error);
};

void      rushes_secret_store_lookup_async  (RushesSecretStore   *self,
                                             const char          *provider_id,
                                             RushesSecretKind     kind,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char     *rushes_secret_store_lookup_finish (RushesSecretStore   *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void      rushes_secret_store_store_async   (RushesSecretStore   *self,
                                             const char          *provider_id,
                                             RushesSecretKind     kind,
                                             const char          *secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  rushes_secret_store_store_finish  (RushesSecretStore   *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void      rushes_secret_store_clear_async   (RushesSecretStore   *self,
                                             const char          *provider_id,
                                             RushesSecretKind     kind,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  rushes_secret_store_clear_finish  (RushesSecretStore   *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
