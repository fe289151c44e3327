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

/* The Rushes settings a video exported by Rushes carries in its tags,
 * which `rushes-cli generate --like FILE` reads back from any video file:
 * rushes_settings_parse(), then the settings written again must read back
 * the same. */

#define G_LOG_DOMAIN "fuzz-settings"

#include "config.h"

#include "rushes-fuzz.h"
#include "rushes-providers.h"
#include "rushes-settings.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rushes_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A tag is a string: it ends at its first NUL. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *model_id = NULL;
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autofree char *again_model_id = NULL;
  g_autoptr(RushesGenerationParams) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  if (!rushes_settings_parse (text, &model_id, &params, &error))
    {
      g_assert_nonnull (error);
      g_assert_null (model_id);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (model_id);
  g_assert_nonnull (params);

  written = rushes_settings_to_string (model_id, params);
  if (!rushes_settings_parse (written, &again_model_id, &again, &error))
    g_error ("Rushes cannot read the settings it wrote (%s):\n%s", error->message, written);
  g_assert_cmpstr (again_model_id, ==, model_id);

  rewritten = rushes_settings_to_string (again_model_id, again);
  if (!g_str_equal (written, rewritten))
    g_error ("Settings read back are written differently:\n%s\n---\n%s", written, rewritten);

  return 0;
}
