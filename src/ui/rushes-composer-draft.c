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

#define G_LOG_DOMAIN "rushes-composer-draft"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-composer-private.h"

/* The draft: what the composer holds, written to the state folder a moment
 * after each change and read back at the next start, so that a crash or a
 * quit loses nothing the creator typed. */

#define DRAFT_VERSION 1
#define SAVE_DELAY_MS 400

static char *
draft_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "rushes", "draft.json", NULL);
}

/**
 * rushes_composer_save_draft:
 * @self: a #RushesComposer
 *
 * Writes the draft now (atomically), instead of after the short delay
 * that follows each change.
 */
void
rushes_composer_save_draft (RushesComposer *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = draft_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  const char *prompt;

  g_return_if_fail (RUSHES_IS_COMPOSER (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->model == NULL)
    return;

  prompt = rushes_generation_params_get_prompt (self->params);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DRAFT_VERSION);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, rushes_model_get_id (self->model));
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, prompt != NULL ? prompt : "");
  json_builder_set_member_name (builder, "params");
  json_builder_add_value (builder, rushes_generation_params_to_json (self->params));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);

  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_message ("Cannot save the draft to %s: %s", path, error != NULL ? error->message : g_strerror (errno));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  RushesComposer *self = user_data;

  self->save_source = 0;
  rushes_composer_save_draft (self);

  return G_SOURCE_REMOVE;
}

void
_rushes_composer_schedule_save (RushesComposer *self)
{
  if (self->updating || self->model == NULL)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Restores the last draft; FALSE when there is none to restore. */
gboolean
_rushes_composer_restore_draft (RushesComposer *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = draft_path ();
  JsonObject *object;
  RushesModel *model;
  const char *model_id;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  if (!json_parser_load_from_file (parser, path, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_message ("Ignoring the damaged draft %s: %s", path, error != NULL ? error->message : _("not an object"));
      return FALSE;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  model_id = json_object_get_string_member_with_default (object, "model", NULL);
  model = model_id != NULL ? rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine), model_id) : NULL;
  if (model == NULL)
    return FALSE;

  if (json_object_has_member (object, "params"))
    params = rushes_generation_params_new_from_json (json_object_get_member (object, "params"), &error);
  if (params == NULL)
    params = rushes_generation_params_new ();
  rushes_generation_params_set_prompt (params, json_object_get_string_member_with_default (object, "prompt", ""));

  rushes_composer_load (self, model_id, params);
  return TRUE;
}
