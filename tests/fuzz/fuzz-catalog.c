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

/* A catalog file (the built-in ones, a user's own) as the
 * catalog loads it, then every model it holds used the way the composer
 * and rushes-cli use it: shown, checked, priced and turned into a request. */

#define G_LOG_DOMAIN "fuzz-catalog"

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
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;

  if (!rushes_model_catalog_load_data (catalog, "/fuzz/models/fuzz.json", bytes, &error))
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
      return 0;
    }
  g_assert_no_error (error);

  rushes_fuzz_use_catalog (catalog, FALSE);

  g_assert_finalize_object (g_steal_pointer (&catalog));

  return 0;
}
