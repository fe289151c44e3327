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

#include "rushes-composer-private.h"
#include "rushes-file.h"
#include "rushes-json.h"

/* The draft: what the composer holds, written to the state folder a moment
 * after each change and read back at the next start, so that a crash or a
 * quit loses nothing the creator typed. The file is the user's to damage
 * and anyone's to plant: it is read like any file from outside, and its
 * values go through the same checks as typed ones. */

#define DRAFT_VERSION 1
#define SAVE_DELAY_MS 400

static GFile *
draft_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "rushes", "draft.json", NULL);

  return g_file_new_for_path (path);
}

/* The string value of @member, or NULL when it has none. */
static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * rushes_composer_save_draft:
 * @self: a #RushesComposer
 *
 * Writes the draft now (atomically, readable by its owner only), instead
 * of after the short delay that follows each change.
 */
void
rushes_composer_save_draft (RushesComposer *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *prompt;

  g_return_if_fail (RUSHES_IS_COMPOSER (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->model == NULL)
    return;

  prompt = rushes_generation_params_get_prompt (self->params);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DRAFT_VERSION);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, rushes_model_get_id (self->model));
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, prompt != NULL ? prompt : "");
  json_builder_set_member_name (builder, "params");
  json_builder_add_value (builder, rushes_generation_params_to_json (self->params));
  json_builder_set_member_name (builder, "takes");
  json_builder_add_int_value (builder, gtk_spin_button_get_value_as_int (self->takes_spin));
  json_builder_set_member_name (builder, "also");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->also->len; i++)
    json_builder_add_string_value (builder, rushes_model_get_id (g_ptr_array_index (self->also, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = rushes_json_to_string (root, TRUE);

  /* Prompts are private, like the clips. */
  file = draft_file ();
  folder = g_file_get_parent (file);
  if (!rushes_file_make_private_folder (folder, &error) ||
      !rushes_file_set_contents (file, text, -1, 0600, &error))
    g_message ("Cannot save the draft: %s", error->message);
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

/* The draft's values, read again as if typed: a value the user could not
 * have set is left out. */
static RushesGenerationParams *
read_params (JsonObject *object)
{
  g_autoptr(RushesGenerationParams) stored = NULL;
  g_autoptr(GError) error = NULL;
  RushesGenerationParams *params = rushes_generation_params_new ();
  g_auto(GStrv) controls = NULL;

  if (json_object_has_member (object, "params"))
    stored = rushes_generation_params_new_from_json (json_object_get_member (object, "params"), &error);
  if (stored == NULL)
    {
      if (error != NULL)
        g_message ("Ignoring the draft's settings: %s", error->message);
      return params;
    }

  controls = rushes_generation_params_list_controls (stored);
  for (guint i = 0; controls[i] != NULL; i++)
    {
      g_autoptr(GError) value_error = NULL;

      if (!rushes_generation_params_set_value (params, controls[i],
                                               rushes_generation_params_get_value (stored, controls[i]),
                                               &value_error))
        g_message ("Ignoring the draft's %s: %s", controls[i], value_error->message);
    }

  return params;
}

/* The takes and the other models of the shot; a model the catalog no
 * longer has is left out. */
static void
restore_shot (RushesComposer *self,
              JsonObject     *object)
{
  g_autoptr(GPtrArray) also = g_ptr_array_new ();
  JsonNode *takes = json_object_get_member (object, "takes");
  JsonNode *ids = json_object_get_member (object, "also");

  if (ids != NULL && JSON_NODE_HOLDS_ARRAY (ids))
    {
      JsonArray *array = json_node_get_array (ids);

      for (guint i = 0; i < json_array_get_length (array) && i < RUSHES_SHOT_MAX_TAKES; i++)
        {
          JsonNode *id = json_array_get_element (array, i);
          RushesModel *model = NULL;

          if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
            model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine),
                                                 json_node_get_string (id));
          if (model != NULL)
            g_ptr_array_add (also, model);
        }
    }
  _rushes_composer_set_also (self, also);

  /* The spin button keeps the value within what the shot allows. */
  if (takes != NULL && JSON_NODE_HOLDS_VALUE (takes) && json_node_get_value_type (takes) == G_TYPE_INT64)
    gtk_spin_button_set_value (self->takes_spin, (double) CLAMP (json_node_get_int (takes), 1, RUSHES_SHOT_MAX_TAKES));
}

/* Restores the last draft; FALSE when there is none to restore. */
gboolean
_rushes_composer_restore_draft (RushesComposer *self)
{
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = draft_file ();
  g_autofree char *text = NULL;
  gsize length = 0;
  JsonObject *object;
  const char *model_id;
  const char *prompt;

  if (!rushes_file_load_contents (file, RUSHES_JSON_MAX_RECORD, &text, &length, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_message ("Ignoring the draft: %s", error->message);
      return FALSE;
    }

  root = rushes_json_parse (text, length, RUSHES_JSON_MAX_RECORD, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_message ("Ignoring the damaged draft %s: %s", g_file_peek_path (file),
                 error != NULL ? error->message : "not an object");
      return FALSE;
    }

  object = json_node_get_object (root);
  model_id = get_string_member (object, "model");
  if (model_id == NULL || rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine), model_id) == NULL)
    return FALSE;

  params = read_params (object);
  prompt = get_string_member (object, "prompt");
  /* The prompt view takes valid UTF-8 only. */
  rushes_generation_params_set_prompt (params, prompt != NULL && g_utf8_validate (prompt, -1, NULL) ? prompt : "");

  rushes_composer_load (self, model_id, params);
  restore_shot (self, object);
  return TRUE;
}
