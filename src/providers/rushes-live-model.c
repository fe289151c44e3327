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

#define G_LOG_DOMAIN "rushes-live-model"

#include "config.h"

#include <string.h>

#include "rushes-image-format.h"
#include "rushes-live-entry-private.h"
#include "rushes-provider-utils.h"

/* A provider's live listing as its catalog reader understands it
 * (RushesLiveModel: routes, parameters, prices), before rushes-live-entry.c
 * makes it a catalog entry; and the string helpers the two listings'
 * readers share. */

RushesLiveParam *
_rushes_live_param_new (const char     *wire,
                        RushesLiveKind  kind)
{
  RushesLiveParam *param = g_new0 (RushesLiveParam, 1);

  param->wire = g_strdup (wire);
  param->kind = kind;
  param->wire_type = "string";
  param->values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  param->value_labels = g_ptr_array_new_with_free_func (g_free);
  return param;
}

void
_rushes_live_param_free (RushesLiveParam *param)
{
  if (param == NULL)
    return;

  g_free (param->wire);
  g_free (param->label);
  g_free (param->description);
  g_clear_pointer (&param->values, g_ptr_array_unref);
  g_clear_pointer (&param->value_labels, g_ptr_array_unref);
  g_clear_pointer (&param->default_value, json_node_unref);
  g_strfreev (param->formats);
  g_free (param->unsupported);
  g_free (param);
}

/**
 * _rushes_live_param_add_value:
 * @value: (transfer full): a wire value, a string or an integer
 * @label: (nullable): how the schema names it
 */
void
_rushes_live_param_add_value (RushesLiveParam *param,
                              JsonNode        *value,
                              const char      *label)
{
  g_ptr_array_add (param->values, value);
  g_ptr_array_add (param->value_labels, g_strdup (label != NULL ? label : ""));
}

RushesLiveRoute *
_rushes_live_route_new (guint       modes,
                        const char *path)
{
  RushesLiveRoute *route = g_new0 (RushesLiveRoute, 1);

  route->modes = modes;
  route->path = g_strdup (path);
  route->params = g_ptr_array_new_with_free_func ((GDestroyNotify) _rushes_live_param_free);
  return route;
}

void
_rushes_live_route_free (RushesLiveRoute *route)
{
  g_free (route->path);
  g_clear_pointer (&route->params, g_ptr_array_unref);
  g_free (route);
}

static void
live_price_free (RushesLivePrice *price)
{
  g_clear_pointer (&price->inputs, json_object_unref);
  g_free (price);
}

RushesLiveModel *
_rushes_live_model_new (const char           *provider_id,
                        const RushesLiveName *names)
{
  RushesLiveModel *model = g_new0 (RushesLiveModel, 1);

  model->provider_id = provider_id;
  model->names = names;
  model->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) _rushes_live_route_free);
  model->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) live_price_free);
  return model;
}

void
_rushes_live_model_free (RushesLiveModel *model)
{
  if (model == NULL)
    return;

  g_free (model->id);
  g_free (model->name);
  g_free (model->vendor);
  g_free (model->description);
  g_free (model->price_note);
  g_free (model->unavailable);
  g_clear_pointer (&model->routes, g_ptr_array_unref);
  g_clear_pointer (&model->prices, g_ptr_array_unref);
  g_free (model);
}

/**
 * _rushes_live_model_add_price:
 * @inputs: (transfer none) (nullable): the wire values the row is for
 * @modes: the modes it is for; 0 for all
 */
void
_rushes_live_model_add_price (RushesLiveModel *model,
                              JsonObject      *inputs,
                              guint            modes,
                              double           per_video,
                              double           per_second,
                              const char      *source)
{
  RushesLivePrice *price = g_new0 (RushesLivePrice, 1);

  price->inputs = inputs != NULL ? json_object_ref (inputs) : json_object_new ();
  price->modes = modes;
  price->per_video = per_video;
  price->per_second = per_second;
  price->source = source;
  g_ptr_array_add (model->prices, price);
}

/**
 * _rushes_live_get_string:
 *
 * Returns: (nullable): a member of a listing as a string, only when the
 *   listing gives a string there (a slug must not be made of a number)
 */
const char *
_rushes_live_get_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * _rushes_live_strings_contain:
 * @array: (nullable): a listing's array
 *
 * Returns: whether @array holds the string @value
 */
gboolean
_rushes_live_strings_contain (JsonArray  *array,
                              const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), value))
        return TRUE;
    }
  return FALSE;
}

/**
 * _rushes_live_dup_first_line:
 *
 * Returns: (transfer full) (nullable): the first line of a text member,
 *   made safe and cut to a sentence's length: a model's description
 */
char *
_rushes_live_dup_first_line (JsonObject *object,
                             const char *member)
{
  g_autofree char *text = _rushes_json_dup_string (object, member);
  char *end;

  if (text == NULL)
    return NULL;
  end = strchr (text, '\n');
  if (end != NULL)
    *end = '\0';
  g_strstrip (text);
  return *text != '\0' ? _rushes_shorten_message (text) : NULL;
}

/**
 * _rushes_live_clean_slug:
 *
 * Returns: (transfer full): a Wiro slug the way its Run path and the
 *   catalog id want it: lower case, dots and spaces as dashes
 *   ("hailuo-2.3-Fast" → "hailuo-2-3-fast")
 */
char *
_rushes_live_clean_slug (const char *slug)
{
  g_autofree char *lower = g_ascii_strdown (slug, -1);
  GString *clean = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        g_string_append_c (clean, *p);
      else if ((*p == '.' || *p == ' ') && clean->len > 0 && clean->str[clean->len - 1] != '-')
        g_string_append_c (clean, '-');
    }

  return g_string_free (clean, FALSE);
}

/**
 * _rushes_live_formats_from_mime:
 * @accept: (nullable): "image/jpeg,image/png", or "image/" and a star
 *
 * Returns: (transfer full) (nullable): the image formats Rushes knows that
 *   @accept takes (all of them for none or any image), or %NULL when it
 *   takes no image
 */
char **
_rushes_live_formats_from_mime (const char *accept)
{
  g_auto(GStrv) types = NULL;
  GStrvBuilder *builder;
  char **result;

  if (accept == NULL || *accept == '\0')
    return g_strdupv ((char **) rushes_image_format_list ());

  types = g_strsplit (accept, ",", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; types[i] != NULL; i++)
    {
      const char * const *known = rushes_image_format_list ();

      g_strstrip (types[i]);
      if (g_ascii_strcasecmp (types[i], "image/*") == 0)
        {
          g_strv_builder_unref (builder);
          return g_strdupv ((char **) known);
        }
      for (guint j = 0; known[j] != NULL; j++)
        if (g_ascii_strcasecmp (types[i], rushes_image_format_get_mime_type (known[j])) == 0 ||
            (g_str_equal (known[j], "jpeg") && g_ascii_strcasecmp (types[i], "image/jpg") == 0))
          g_strv_builder_add (builder, known[j]);
    }

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  if (result[0] == NULL)
    g_clear_pointer (&result, g_strfreev);
  return result;
}
