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

#define G_LOG_DOMAIN "rushes-model-wire"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-model-private.h"

/* App-level parameters → the provider's request: the catalog's "request"
 * entries name a wire field for each fixed value or control, translate
 * values through a map and type them; the fields' dotted paths then make
 * the JSON body. */

static const char * const wire_type_names[] = {
  [WIRE_AUTO] = "auto",
  [WIRE_STRING] = "string",
  [WIRE_INTEGER] = "integer",
  [WIRE_NUMBER] = "number",
  [WIRE_BOOLEAN] = "boolean",
  [WIRE_BOOLEAN_STRING] = "boolean-string",
};

static void
wire_field_free (RushesWireField *field)
{
  g_free (field->field);
  g_clear_pointer (&field->value, json_node_unref);
  g_free (field);
}

void
_rushes_wire_request_free (RushesWireRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->path);
  g_clear_pointer (&request->fields, g_ptr_array_unref);
  g_free (request);
}

gboolean
_rushes_model_wire_type_from_string (const char  *name,
                                     WireType    *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (wire_type_names); i++)
    if (g_str_equal (name, wire_type_names[i]))
      {
        *type = i;
        return TRUE;
      }

  return FALSE;
}

/* The control a mapping's value comes from, for errors: the first one it
 * names, or the start image when it reads only the mode, which follows it. */
static const char *
mapping_control (const Mapping *mapping)
{
  g_assert (mapping->from != NULL);

  for (guint i = 0; mapping->from[i] != NULL; i++)
    if (!g_str_equal (mapping->from[i], "mode"))
      return mapping->from[i];

  return RUSHES_CONTROL_IMAGE;
}

static JsonNode *
convert_value (JsonNode       *in,
               const Mapping  *mapping,
               GError        **error)
{
  WireType type = mapping->type;
  g_autofree char *text = NULL;

  g_assert (type < G_N_ELEMENTS (wire_type_names));

  if (type == WIRE_AUTO)
    return json_node_copy (in);

  if (JSON_NODE_HOLDS_VALUE (in) && json_node_get_value_type (in) == G_TYPE_DOUBLE)
    text = _rushes_model_format_number (json_node_get_double (in));
  else if (!_rushes_model_scalar_to_string (in, &text))
    {
      rushes_error_set_invalid_input (error, mapping_control (mapping),
                                      _("The catalog maps “%s” to something that is not a plain value"),
                                      mapping->field);
      return NULL;
    }

  switch (type)
    {
    case WIRE_STRING:
      return json_node_init_string (json_node_alloc (), text);

    case WIRE_INTEGER:
    case WIRE_NUMBER:
      {
        char *end = NULL;
        double number = g_ascii_strtod (text, &end);

        if (end == text || *end != '\0' || !isfinite (number) ||
            (type == WIRE_INTEGER && number != floor (number)))
          break;
        if (type == WIRE_INTEGER)
          return json_node_init_int (json_node_alloc (), (gint64) number);
        return json_node_init_double (json_node_alloc (), number);
      }

    case WIRE_BOOLEAN:
    case WIRE_BOOLEAN_STRING:
      if (!g_str_equal (text, "true") && !g_str_equal (text, "false"))
        break;
      if (type == WIRE_BOOLEAN)
        return json_node_init_boolean (json_node_alloc (), g_str_equal (text, "true"));
      return json_node_init_string (json_node_alloc (), text);

    case WIRE_AUTO:
    default:
      g_assert_not_reached ();
    }

  rushes_error_set_invalid_input (error, mapping_control (mapping),
                                  _("The catalog sends “%s” for “%s”, which is not a %s"),
                                  text, mapping->field, wire_type_names[type]);
  return NULL;
}

/* @number as short a text as reads back the same: 0.1 as "0.1". */
char *
_rushes_model_format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
  if (g_ascii_strtod (buffer, NULL) != number)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", number);
  return g_strdup (buffer);
}

/* An app-level value as JSON: numbers for integers and for choices of
 * whole numbers, booleans for booleans, strings otherwise. */
JsonNode *
_rushes_model_app_value_to_node (const Control *control,
                                 const char    *value)
{
  if (control != NULL &&
      (control->kind == RUSHES_CONTROL_KIND_INTEGER ||
       (control->kind == RUSHES_CONTROL_KIND_CHOICE && control->integer_values)))
    return json_node_init_int (json_node_alloc (), g_ascii_strtoll (value, NULL, 10));
  if (control != NULL && control->kind == RUSHES_CONTROL_KIND_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), g_str_equal (value, "true"));
  if (control != NULL && control->kind == RUSHES_CONTROL_KIND_NUMBER)
    return json_node_init_double (json_node_alloc (), g_ascii_strtod (value, NULL));
  return json_node_init_string (json_node_alloc (), value);
}

/**
 * _rushes_model_build_request:
 * @params: complete parameters (rushes_model_complete_params())
 *
 * Translates app-level parameters into the model's wire fields.
 *
 * Returns: (transfer full) (nullable): the request
 */
RushesWireRequest *
_rushes_model_build_request (RushesModel             *self,
                             RushesGenerationParams  *params,
                             GError                 **error)
{
  g_autoptr(RushesWireRequest) request = NULL;
  RushesGenerationMode mode;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);

  mode = rushes_generation_params_get_mode (params);
  request = g_new0 (RushesWireRequest, 1);
  request->path = g_strdup (self->paths[mode]);
  request->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) wire_field_free);

  for (guint i = 0; i < self->mappings->len; i++)
    {
      Mapping *mapping = g_ptr_array_index (self->mappings, i);
      g_autoptr(JsonNode) value = NULL;
      g_autoptr(GString) key = NULL;
      const Control *single = NULL;
      RushesWireField *field;
      gboolean complete = TRUE;

      /* parse_request() gives every mapping a field and either a value or controls. */
      g_assert (mapping->field != NULL && mapping->field[0] != '\0');
      g_assert ((mapping->value != NULL) != (mapping->from != NULL && mapping->from[0] != NULL));

      if (!(mapping->modes & RUSHES_MODEL_MODE_BIT (mode)))
        continue;

      field = g_new0 (RushesWireField, 1);
      field->field = g_strdup (mapping->field);

      if (mapping->value != NULL)
        {
          field->value = json_node_copy (mapping->value);
          g_ptr_array_add (request->fields, field);
          continue;
        }

      key = g_string_new (NULL);
      for (guint j = 0; mapping->from[j] != NULL; j++)
        {
          const char *part = _rushes_model_condition_value (self, params, mapping->from[j]);

          if (part == NULL)
            {
              complete = FALSE;
              break;
            }
          if (j > 0)
            g_string_append_c (key, ' ');
          g_string_append (key, part);
        }

      /* Optional controls that are not set are simply not sent. */
      if (!complete)
        {
          wire_field_free (field);
          continue;
        }

      if (mapping->from[1] == NULL)
        single = _rushes_model_find_control (self, mapping->from[0]);

      if (single != NULL && single->kind == RUSHES_CONTROL_KIND_IMAGE)
        {
          g_assert (mapping->map == NULL && mapping->type == WIRE_AUTO);
          field->image_control = single->name;
          field->value = json_node_init_string (json_node_alloc (), key->str);
          g_ptr_array_add (request->fields, field);
          continue;
        }

      if (mapping->map != NULL)
        {
          JsonNode *mapped = json_object_get_member (mapping->map, key->str);

          if (mapped == NULL)
            {
              g_autofree char *shown = g_strjoinv (_(" with "), mapping->from);

              wire_field_free (field);
              rushes_error_set_invalid_input (error, mapping_control (mapping),
                                              _("%s does not offer %s (%s)"), self->name, key->str, shown);
              return NULL;
            }
          value = json_node_copy (mapped);
        }
      else if (mapping->type == WIRE_STRING)
        /* As typed: a number's text, not its double's ("0.7", not 0.69999…). */
        value = json_node_init_string (json_node_alloc (), key->str);
      else
        value = _rushes_model_app_value_to_node (single, key->str);

      field->value = convert_value (value, mapping, error);
      if (field->value == NULL)
        {
          wire_field_free (field);
          return NULL;
        }
      g_ptr_array_add (request->fields, field);
    }

  return g_steal_pointer (&request);
}

static void
node_assign (JsonNode *dest,
             JsonNode *src)
{
  switch (json_node_get_node_type (src))
    {
    case JSON_NODE_OBJECT:
      json_node_init_object (dest, json_node_get_object (src));
      break;
    case JSON_NODE_ARRAY:
      json_node_init_array (dest, json_node_get_array (src));
      break;
    case JSON_NODE_NULL:
      json_node_init_null (dest);
      break;
    case JSON_NODE_VALUE:
    default:
      {
        GValue value = G_VALUE_INIT;

        json_node_get_value (src, &value);
        json_node_init (dest, JSON_NODE_VALUE);
        json_node_set_value (dest, &value);
        g_value_unset (&value);
      }
      break;
    }
}

/* Parses "name" or "name[3]". */
static gboolean
parse_segment (const char  *segment,
               char       **name,
               int         *index)
{
  const char *bracket = strchr (segment, '[');
  char *end = NULL;
  gint64 number;

  *index = -1;
  if (bracket == NULL)
    {
      *name = g_strdup (segment);
      return segment[0] != '\0';
    }

  number = g_ascii_strtoll (bracket + 1, &end, 10);
  if (bracket == segment || end == bracket + 1 || g_strcmp0 (end, "]") != 0 || number < 0 || number > 64)
    return FALSE;

  *name = g_strndup (segment, bracket - segment);
  *index = (int) number;
  return TRUE;
}

/**
 * _rushes_wire_request_to_json:
 *
 * Builds a JSON body from the fields' dotted paths: "input.prompt" nests,
 * "input.image_urls[1]" fills an array slot (earlier slots become null
 * until set). Image fields must already hold what the provider sends (a URL).
 *
 * Returns: (transfer full) (nullable): an object node
 */
JsonNode *
_rushes_wire_request_to_json (RushesWireRequest  *request,
                              GError            **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), body);

  g_return_val_if_fail (request != NULL, NULL);

  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i);
      g_auto(GStrv) segments = NULL;
      JsonNode *current = root;

      g_assert (field->field != NULL && field->field[0] != '\0' && field->value != NULL);
      segments = g_strsplit (field->field, ".", -1);

      for (guint j = 0; segments[j] != NULL; j++)
        {
          gboolean last = segments[j + 1] == NULL;
          g_autofree char *name = NULL;
          JsonObject *object;
          JsonNode *child;
          int index;

          if (!JSON_NODE_HOLDS_OBJECT (current) || !parse_segment (segments[j], &name, &index))
            goto conflict;

          object = json_node_get_object (current);
          child = json_object_get_member (object, name);

          if (index >= 0)
            {
              JsonArray *array;

              if (child == NULL)
                {
                  json_object_set_array_member (object, name, json_array_new ());
                  child = json_object_get_member (object, name);
                }
              if (!JSON_NODE_HOLDS_ARRAY (child))
                goto conflict;
              array = json_node_get_array (child);
              while (json_array_get_length (array) <= (guint) index)
                json_array_add_null_element (array);
              child = json_array_get_element (array, index);

              if (last)
                {
                  if (!JSON_NODE_HOLDS_NULL (child))
                    goto conflict;
                  node_assign (child, field->value);
                }
              else if (JSON_NODE_HOLDS_NULL (child))
                {
                  g_autoptr(JsonObject) slot = json_object_new ();

                  json_node_init_object (child, slot);
                }
              current = child;
              continue;
            }

          if (last)
            {
              if (child != NULL)
                goto conflict;
              json_object_set_member (object, name, json_node_copy (field->value));
              break;
            }

          if (child == NULL)
            {
              json_object_set_object_member (object, name, json_object_new ());
              child = json_object_get_member (object, name);
            }
          current = child;
        }
      continue;

    conflict:
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The catalog's request field “%s” clashes with another field"), field->field);
      return NULL;
    }

  return g_steal_pointer (&root);
}
