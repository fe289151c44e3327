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

#define G_LOG_DOMAIN "rushes-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-settings.h"

/*
 * The settings of a clip, as they travel inside an exported file (the
 * MP4's description tag) and come back with `rushes-cli generate --like`
 * or a file dropped on the composer:
 *
 *   {"format": "rushes-settings", "version": 1,
 *    "model": "wavespeed/google/veo3.1-fast",
 *    "prompt": "…",
 *    "params": {"aspect_ratio": "16:9", "duration": 8, "seed": 1234, …}}
 *
 * "params" is the task record's params object (README, "Settings inside
 * exported files").
 */

/**
 * rushes_settings_to_string:
 * @model_id: the catalog id of the model
 * @params: the parameters, prompt included
 *
 * Returns: (transfer full): the settings as compact JSON text
 */
char *
rushes_settings_to_string (const char             *model_id,
                           RushesGenerationParams *params)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *prompt;

  g_return_val_if_fail (model_id != NULL, NULL);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);

  prompt = rushes_generation_params_get_prompt (params);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, RUSHES_SETTINGS_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RUSHES_SETTINGS_VERSION);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model_id);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, prompt != NULL ? prompt : "");
  json_builder_set_member_name (builder, "params");
  json_builder_add_value (builder, rushes_generation_params_to_json (params));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return rushes_json_to_string (root, FALSE);
}

static gboolean
is_url (const char *value)
{
  return g_str_has_prefix (value, "http://") || g_str_has_prefix (value, "https://");
}

/**
 * rushes_settings_for_task:
 *
 * Returns: (transfer full): @task's model, prompt and parameters (its
 *   seed included) as settings text
 */
char *
rushes_settings_for_task (RushesTask *task)
{
  g_autoptr(RushesGenerationParams) params = NULL;

  g_return_val_if_fail (RUSHES_IS_TASK (task), NULL);

  params = rushes_generation_params_copy (rushes_task_get_params (task));
  rushes_generation_params_set_prompt (params, rushes_task_get_prompt (task));
  return rushes_settings_to_string (rushes_task_get_model_id (task), params);
}

/**
 * rushes_settings_from_task:
 *
 * What a new take like @task asks for: its parameters and prompt, with the
 * task's own copies of local images (they outlive the originals). The
 * seed is kept: the caller decides whether to draw a new one.
 *
 * Returns: (transfer full): the parameters, prompt included
 */
RushesGenerationParams *
rushes_settings_from_task (RushesTask *task)
{
  const char *images[] = { RUSHES_CONTROL_IMAGE, RUSHES_CONTROL_END_IMAGE };
  RushesGenerationParams *params;

  g_return_val_if_fail (RUSHES_IS_TASK (task), NULL);

  params = rushes_generation_params_copy (rushes_task_get_params (task));
  rushes_generation_params_set_prompt (params, rushes_task_get_prompt (task));

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      GFile *copy = rushes_task_get_image_file (task, images[i]);
      const char *value = rushes_generation_params_get_value (params, images[i]);

      if (copy != NULL && value != NULL && !is_url (value))
        rushes_generation_params_set_value (params, images[i], g_file_peek_path (copy), NULL);
    }

  return params;
}

/**
 * rushes_settings_drop_missing_images:
 *
 * Settings read from a file may name a local image of another computer:
 * a take goes without it.
 *
 * Returns: (transfer full): the images left out, an empty list if none
 */
GStrv
rushes_settings_drop_missing_images (RushesGenerationParams *params)
{
  const char *images[] = { RUSHES_CONTROL_IMAGE, RUSHES_CONTROL_END_IMAGE };
  g_autoptr(GStrvBuilder) dropped = g_strv_builder_new ();

  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      const char *value = rushes_generation_params_get_value (params, images[i]);

      if (value != NULL && !is_url (value) && !g_file_test (value, G_FILE_TEST_IS_REGULAR))
        {
          g_strv_builder_add (dropped, value);
          rushes_generation_params_set_value (params, images[i], NULL, NULL);
        }
    }

  return g_strv_builder_end (dropped);
}

/**
 * rushes_settings_parse:
 * @text: settings text, from a file's tag (untrusted)
 * @model_id: (out): the model's catalog id
 * @params: (out): the parameters, prompt included
 * @error: a %RUSHES_ERROR_INVALID_INPUT saying what is wrong
 *
 * Returns: whether @text holds Rushes settings
 */
/* The text tags of a video come from anywhere: every member is checked for
 * its type first (json-glib's *_member_with_default() raise a critical on
 * an object or an array, and convert 1e300 to an integer). */
static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
rushes_settings_parse (const char              *text,
                       char                   **model_id,
                       RushesGenerationParams **params,
                       GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *prompt;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (model_id != NULL && params != NULL, FALSE);

  root = rushes_json_parse (text, strlen (text), RUSHES_JSON_MAX_RECORD, &local_error);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || g_strcmp0 (get_string (object, "format"), RUSHES_SETTINGS_FORMAT) != 0)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("it holds no Rushes settings"));
      return FALSE;
    }

  node = json_object_get_member (object, "version");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) ||
       (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE)))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("its settings are damaged: the version is not a number"));
      return FALSE;
    }
  if (node != NULL && json_node_get_double (node) > RUSHES_SETTINGS_VERSION)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("its settings were written by a newer Rushes"));
      return FALSE;
    }

  if (get_string (object, "model") == NULL)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("its settings name no model"));
      return FALSE;
    }

  node = json_object_get_member (object, "params");
  *params = node != NULL ? rushes_generation_params_new_from_json (node, &local_error) : NULL;
  if (*params == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("its settings are damaged: %s"),
                   local_error != NULL ? local_error->message : _("no parameters"));
      return FALSE;
    }

  prompt = get_string (object, "prompt");
  rushes_generation_params_set_prompt (*params, prompt != NULL ? prompt : "");
  *model_id = g_strdup (get_string (object, "model"));
  return TRUE;
}
