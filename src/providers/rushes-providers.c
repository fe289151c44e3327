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

#define G_LOG_DOMAIN "rushes-providers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-providers.h"

/**
 * rushes_providers_register_builtin:
 *
 * Registers Wiro, WaveSpeed, APIXO and the offline Sandbox with the
 * engine, in the order a user meets them. The app, rushes-cli and the
 * tests call it once before they create a #RushesEngine; calling it
 * again changes nothing.
 */
void
rushes_providers_register_builtin (void)
{
  static const RushesProviderInfo builtin[] = {
    { RUSHES_PROVIDER_WIRO, N_("Wiro"),
      RUSHES_PROVIDER_USES_SECRET | RUSHES_PROVIDER_NEEDS_KEY | RUSHES_PROVIDER_CAN_CANCEL,
      rushes_wiro_provider_new },
    { RUSHES_PROVIDER_WAVESPEED, N_("WaveSpeed"),
      RUSHES_PROVIDER_NEEDS_KEY,
      rushes_wavespeed_provider_new },
    { RUSHES_PROVIDER_APIXO, N_("APIXO"),
      RUSHES_PROVIDER_NEEDS_KEY,
      rushes_apixo_provider_new },
    { RUSHES_PROVIDER_SANDBOX, N_("Sandbox"),
      RUSHES_PROVIDER_CAN_CANCEL | RUSHES_PROVIDER_LOCAL,
      rushes_sandbox_provider_new },
  };
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
        rushes_provider_register (&builtin[i]);
      g_once_init_leave (&registered, 1);
    }
}
