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

/* A cached live listing ($XDG_CACHE_HOME/rushes/models/<provider>.json),
 * read at start as the catalog reads it (rushes_model_catalog_load_live,
 * over the built-in models: a model in both is merged) for each provider
 * with a listing, then every model used. The cache is a
 * file on disk: whoever wrote it, it is read as untrusted input. */

#define G_LOG_DOMAIN "fuzz-live-cache"

#include "config.h"

#include "rushes-fuzz-models.h"
#include "rushes-providers.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rushes_fuzz_init ();
  rushes_providers_register_builtin ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const providers[] = { "wiro", "wavespeed" };
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new ();
      g_autoptr(GError) error = NULL;

      rushes_model_catalog_load_builtin (catalog);
      if (rushes_model_catalog_load_live (catalog, providers[i], bytes, "/fuzz/cache/live.json", &error))
        rushes_fuzz_use_catalog (catalog, TRUE);
      else
        g_assert_nonnull (error);
      g_assert_finalize_object (g_steal_pointer (&catalog));
    }

  return 0;
}
