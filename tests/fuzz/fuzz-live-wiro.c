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

/* A Wiro Tool/Detail or Tool/List answer, the live schema of Wiro's models,
 * as the live catalog reads it: mended parse, envelope, every tool made a
 * catalog entry (_rushes_wiro_tool_to_entry), the entries cached, read
 * back from the cache and every model used. */

#define G_LOG_DOMAIN "fuzz-live-wiro"

#include "config.h"

#include "rushes-fuzz-models.h"
#include "rushes-providers.h"
#include "rushes-wiro-provider-private.h"

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
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *answer;
  JsonNode *tools;

  if (size == 0)
    return 0;

  root = _rushes_wiro_parse_json ((const char *) data, size, &error);
  if (root == NULL || !_rushes_wiro_check_envelope (root, 200, RUSHES_HTTP_LOOKUP, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }

  answer = json_node_get_object (root);
  tools = json_object_get_member (answer, "tool");
  if (tools == NULL || !JSON_NODE_HOLDS_ARRAY (tools))
    return 0;

  entries = json_array_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (tools)); i++)
    {
      JsonNode *tool = json_array_get_element (json_node_get_array (tools), i);
      JsonNode *entry = JSON_NODE_HOLDS_OBJECT (tool) ? _rushes_wiro_tool_to_entry (json_node_get_object (tool)) : NULL;

      if (entry != NULL)
        {
          g_assert_true (JSON_NODE_HOLDS_OBJECT (entry));
          json_array_add_element (entries, entry);
        }
    }

  rushes_fuzz_use_listing ("wiro", entries);

  return 0;
}
