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

#define G_LOG_DOMAIN "rushes-fake-wavespeed"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rushes-fake-wavespeed-catalog-private.h"

/* How much of a refused value an error message quotes. */
#define MAX_QUOTED 40
/* Seedance's "smart duration" (-1) is priced as its longest clip. */
#define SEEDANCE_SMART_SECONDS 12
/* The promotion the fake runs on Seedance: 20 % off. */
#define SEEDANCE_DISCOUNT 0.8

struct _RushesFakeWavespeedCatalog
{
  JsonNode *models;                    /* array of model objects, as catalog/wavespeed-models.json has them */
  GBytes   *models_text;               /* the file itself, NUL-terminated */
};

RushesFakeWavespeedCatalog *
_rushes_fake_wavespeed_catalog_new (void)
{
  RushesFakeWavespeedCatalog *self = g_new0 (RushesFakeWavespeedCatalog, 1);

  self->models = _rushes_fake_load_catalog ("wavespeed-models.json", &self->models_text);
  g_assert (JSON_NODE_HOLDS_ARRAY (self->models));

  return self;
}

void
_rushes_fake_wavespeed_catalog_free (RushesFakeWavespeedCatalog *self)
{
  json_node_unref (self->models);
  g_bytes_unref (self->models_text);
  g_free (self);
}

/* Returns: the `data` of GET /models as the file has it, so that its
 *   numbers go out as written */
const char *
_rushes_fake_wavespeed_catalog_get_models_text (RushesFakeWavespeedCatalog *self)
{
  return g_bytes_get_data (self->models_text, NULL);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static JsonObject *
lookup_model (RushesFakeWavespeedCatalog *self,
              const char                 *model_id)
{
  JsonArray *models = json_node_get_array (self->models);

  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);

      if (g_strcmp0 (get_string (model, "model_id"), model_id) == 0)
        return model;
    }

  return NULL;
}

/* The live form first, then the older OpenAPI-style one. */
static JsonObject *
lookup_schema (RushesFakeWavespeedCatalog *self,
               const char                 *model_id)
{
  JsonObject *api_schema = get_object (lookup_model (self, model_id), "api_schema");
  JsonArray *schemas = get_array (api_schema, "api_schemas");

  if (schemas != NULL && json_array_get_length (schemas) > 0)
    return get_object (json_array_get_object_element (schemas, 0), "request_schema");

  return get_object (get_object (get_object (api_schema, "components"), "schemas"), "Request");
}

gboolean
_rushes_fake_wavespeed_catalog_lists (RushesFakeWavespeedCatalog *self,
                                      const char                 *model_id)
{
  return lookup_model (self, model_id) != NULL;
}

gboolean
_rushes_fake_wavespeed_catalog_has_schema (RushesFakeWavespeedCatalog *self,
                                           const char                 *model_id)
{
  return lookup_schema (self, model_id) != NULL;
}

/* ------------------------------------------------------------------ */
/* Checks against the served schema */

static const char *
describe_type (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_BOOLEAN:
      return "boolean";
    case G_TYPE_INT64:
      return "integer";
    default:
      return "number";
    }
}

/* "string \"8\"", as WaveSpeed quotes what it refused. */
static char *
describe_value (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  if (g_utf8_strlen (text, -1) > MAX_QUOTED)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, MAX_QUOTED);

      return g_strdup_printf ("%s %s…", describe_type (node), cut);
    }

  return g_strdup_printf ("%s %s", describe_type (node), text);
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  if (!JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b))
    return FALSE;
  if (is_number (a) && is_number (b))
    return json_node_get_double (a) == json_node_get_double (b);

  return json_node_get_value_type (a) == json_node_get_value_type (b) && json_node_equal (a, b);
}

/* Media inputs take a URL or, as the reference-to-video pages say, a data URI. */
static gboolean
is_media_reference (const char *text)
{
  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "data:");
}

static char *
check_type (const char *name,
            JsonObject *property,
            JsonNode   *node)
{
  const char *type = get_string (property, "type");
  g_autofree char *got = describe_value (node);
  gboolean ok;

  if (JSON_NODE_HOLDS_NULL (node))
    ok = json_object_get_boolean_member_with_default (property, "nullable", FALSE);
  else if (g_strcmp0 (type, "string") == 0)
    ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
  else if (g_strcmp0 (type, "integer") == 0)
    ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
  else if (g_strcmp0 (type, "number") == 0)
    ok = is_number (node);
  else if (g_strcmp0 (type, "boolean") == 0)
    ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
  else if (g_strcmp0 (type, "array") == 0)
    ok = JSON_NODE_HOLDS_ARRAY (node);
  else if (g_strcmp0 (type, "object") == 0)
    ok = JSON_NODE_HOLDS_OBJECT (node);
  else
    ok = TRUE;

  if (ok)
    return NULL;

  return g_strdup_printf ("Invalid request body: field \"%s\" must be %s %s, got %s", name,
                          g_strcmp0 (type, "integer") == 0 || g_strcmp0 (type, "array") == 0 ||
                          g_strcmp0 (type, "object") == 0 ? "an" : "a", type, got);
}

static char *
check_value (const char *name,
             JsonObject *property,
             JsonNode   *node)
{
  JsonArray *allowed = get_array (property, "enum");
  JsonNode *minimum = json_object_get_member (property, "minimum");
  JsonNode *maximum = json_object_get_member (property, "maximum");
  g_autofree char *error = check_type (name, property, node);
  g_autofree char *got = NULL;

  if (error != NULL)
    return g_steal_pointer (&error);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;

  got = describe_value (node);
  if (allowed != NULL)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (allowed); i++)
        {
          g_autofree char *text = json_to_string (json_array_get_element (allowed, i), FALSE);

          if (values_equal (json_array_get_element (allowed, i), node))
            return NULL;
          g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", text);
        }
      return g_strdup_printf ("Invalid request body: field \"%s\" must be one of %s, got %s", name, list->str, got);
    }

  if (is_number (node) &&
      ((is_number (minimum) && json_node_get_double (node) < json_node_get_double (minimum)) ||
       (is_number (maximum) && json_node_get_double (node) > json_node_get_double (maximum))))
    {
      g_autofree char *low = is_number (minimum) ? json_to_string (minimum, FALSE) : g_strdup ("-inf");
      g_autofree char *high = is_number (maximum) ? json_to_string (maximum, FALSE) : g_strdup ("inf");

      return g_strdup_printf ("Invalid request body: field \"%s\" must be between %s and %s, got %s",
                              name, low, high, got);
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      glong length = g_utf8_strlen (json_node_get_string (node), -1);

      if (json_object_has_member (property, "maxLength") &&
          length > json_object_get_int_member (property, "maxLength"))
        return g_strdup_printf ("Invalid request body: field \"%s\" is longer than %" G_GINT64_FORMAT " characters",
                                name, json_object_get_int_member (property, "maxLength"));
      if (g_strcmp0 (get_string (property, "x-ui-component"), "uploader") == 0 &&
          !is_media_reference (json_node_get_string (node)))
        return g_strdup_printf ("Invalid request body: field \"%s\" must be a URL, got %s", name, got);
    }

  return NULL;
}

/* @strict: refuse fields the schema does not name; otherwise they are
 *   dropped, as the live API's input whitelist does
 * @require: refuse a body without the schema's required fields (a submit;
 *   a price quote takes partial inputs)
 *
 * Returns: (transfer full) (nullable): why WaveSpeed would refuse @inputs,
 *   with @code 1400 (missing) or 1401 (invalid); %NULL if it would not, or
 *   if @model_id has no schema */
char *
_rushes_fake_wavespeed_catalog_check (RushesFakeWavespeedCatalog *self,
                                      const char                 *model_id,
                                      JsonObject                 *inputs,
                                      gboolean                    strict,
                                      gboolean                    require,
                                      int                        *code)
{
  JsonObject *schema = lookup_schema (self, model_id);
  JsonObject *properties = get_object (schema, "properties");
  JsonArray *required = get_array (schema, "required");
  g_autoptr(GList) names = NULL;

  if (schema == NULL)
    return NULL;

  *code = RUSHES_FAKE_WAVESPEED_MISSING_PARAMETER;
  for (guint i = 0; require && required != NULL && i < json_array_get_length (required); i++)
    {
      const char *name = json_array_get_string_element (required, i);
      JsonNode *node = json_object_get_member (inputs, name);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return g_strdup_printf ("Invalid request body: field \"%s\" is required", name);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          *json_node_get_string (node) == '\0')
        return g_strdup_printf ("Invalid request body: field \"%s\" must not be empty", name);
    }

  *code = RUSHES_FAKE_WAVESPEED_INVALID_PARAMETER;
  names = json_object_get_members (inputs);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *property = get_object (properties, name);
      char *error;

      if (property == NULL)
        {
          /* Sync mode is the platform's, whatever the model. */
          if (g_str_equal (name, "enable_sync_mode"))
            {
              JsonNode *node = json_object_get_member (inputs, name);

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
                continue;
              return g_strdup ("Invalid request body: field \"enable_sync_mode\" must be a boolean");
            }
          if (strict)
            return g_strdup_printf ("Invalid request body: field \"%s\" is not a parameter of %s", name, model_id);
          continue;
        }

      error = check_value (name, property, json_object_get_member (inputs, name));
      if (error != NULL)
        return error;
    }

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Prices */

/* What a run would use: the input, else the schema's default. */
static JsonNode *
get_input (RushesFakeWavespeedCatalog *self,
           const char                 *model_id,
           JsonObject                 *inputs,
           const char                 *name)
{
  JsonNode *node = inputs != NULL ? json_object_get_member (inputs, name) : NULL;
  JsonObject *property;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;

  property = get_object (get_object (lookup_schema (self, model_id), "properties"), name);
  return property != NULL ? json_object_get_member (property, "default") : NULL;
}

static double
get_number_input (RushesFakeWavespeedCatalog *self,
                  const char                 *model_id,
                  JsonObject                 *inputs,
                  const char                 *name)
{
  JsonNode *node = get_input (self, model_id, inputs, name);

  return is_number (node) ? json_node_get_double (node) : 0;
}

static gboolean
get_boolean_input (RushesFakeWavespeedCatalog *self,
                   const char                 *model_id,
                   JsonObject                 *inputs,
                   const char                 *name)
{
  JsonNode *node = get_input (self, model_id, inputs, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static const char *
get_string_input (RushesFakeWavespeedCatalog *self,
                  const char                 *model_id,
                  JsonObject                 *inputs,
                  const char                 *name)
{
  JsonNode *node = get_input (self, model_id, inputs, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

/* The price of one run with @inputs (defaults filling the gaps) and the
 * price after a discount, 0 when there is none, as the official CLI reads
 * it. The rules are the fake's, written out in README.md; the models'
 * `formula` strings say the same. */
void
_rushes_fake_wavespeed_catalog_price (RushesFakeWavespeedCatalog *self,
                                      const char                 *model_id,
                                      JsonObject                 *inputs,
                                      double                     *price,
                                      double                     *discounted)
{
  JsonObject *model = lookup_model (self, model_id);
  double seconds = get_number_input (self, model_id, inputs, "duration");
  const char *resolution = get_string_input (self, model_id, inputs, "resolution");
  double value;

  g_assert (model != NULL);

  if (g_str_has_prefix (model_id, "google/veo3.1-fast/") && !g_str_has_suffix (model_id, "/video-extend"))
    value = seconds * (get_boolean_input (self, model_id, inputs, "generate_audio") ? 0.15 : 0.10) *
            (g_str_equal (resolution, "4k") ? 2 : 1);
  else if (g_str_has_prefix (model_id, "google/veo3.1/"))
    value = seconds * (get_boolean_input (self, model_id, inputs, "generate_audio") ? 0.40 : 0.20);
  else if (g_str_has_prefix (model_id, "bytedance/seedance-v1.5-pro/") && lookup_schema (self, model_id) != NULL)
    {
      double per_second = g_str_equal (resolution, "480p") ? 0.012 : g_str_equal (resolution, "1080p") ? 0.058 : 0.026;

      value = (seconds == -1 ? SEEDANCE_SMART_SECONDS : seconds) * per_second *
              (get_boolean_input (self, model_id, inputs, "generate_audio") ? 2 : 1);
    }
  else if (g_str_equal (model_id, "alibaba/wan-2.6/text-to-video"))
    {
      const char *size = get_string_input (self, model_id, inputs, "size");

      value = seconds * (g_str_equal (size, "1920*1080") || g_str_equal (size, "1080*1920") ? 0.15 : 0.10);
    }
  else if (g_str_equal (model_id, "alibaba/wan-2.6/image-to-video"))
    value = seconds * (g_str_equal (resolution, "1080p") ? 0.15 : 0.10);
  else if (g_str_has_prefix (model_id, "kwaivgi/kling-v3.0-pro/"))
    value = seconds * (get_boolean_input (self, model_id, inputs, "sound") ? 0.21 : 0.14);
  else if (g_str_equal (model_id, "minimax/hailuo-2.3/t2v-standard"))
    value = seconds == 10 ? 0.56 : 0.23;
  else if (g_str_equal (model_id, "minimax/hailuo-2.3/i2v-standard"))
    value = seconds == 10 ? 0.56 : 0.28;
  else
    value = json_object_get_double_member_with_default (model, "base_price", 0);

  /* Cents and their fractions, not binary noise. */
  *price = round (value * 1e6) / 1e6;
  if (g_str_has_prefix (model_id, "bytedance/"))
    *discounted = round (value * SEEDANCE_DISCOUNT * 1e6) / 1e6;
  else if (g_str_has_prefix (model_id, "alibaba/"))
    *discounted = 0;
  else
    *discounted = *price;
}
