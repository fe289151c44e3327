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

#define G_LOG_DOMAIN "rushes-wavespeed-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-live-entry-private.h"
#include "rushes-model-private.h"
#include "rushes-provider-utils.h"
#include "rushes-wavespeed-provider-private.h"

/* WaveSpeed's live catalog (research/models.md §2.1), as its official CLI
 * reads it: `GET /models` lists every model with its request schema, at
 * `api_schema.api_schemas[0].request_schema` or, in the older form,
 * `api_schema.components.schemas.Request`. Video models are those of type
 * text-to-video and image-to-video; two routes that differ only by that
 * last segment are one model with two modes. `POST /model/price` prices a
 * run with the body that would be sent. */

#define PROVIDER_NAME "WaveSpeed"

static const RushesLiveName wavespeed_names[] = {
  { "prompt", RUSHES_CONTROL_PROMPT },
  { "negative_prompt", RUSHES_CONTROL_NEGATIVE_PROMPT },
  { "image", RUSHES_CONTROL_IMAGE },
  { "last_image", RUSHES_CONTROL_END_IMAGE },
  { "end_image", RUSHES_CONTROL_END_IMAGE },
  { "aspect_ratio", RUSHES_CONTROL_ASPECT_RATIO },
  { "duration", RUSHES_CONTROL_DURATION },
  { "resolution", RUSHES_CONTROL_RESOLUTION },
  { "generate_audio", RUSHES_CONTROL_AUDIO },
  { "sound", RUSHES_CONTROL_AUDIO },
  { "seed", RUSHES_CONTROL_SEED },
  { "size", RUSHES_LIVE_SIZE },
  { NULL, NULL }
};

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

/* The live form first, then the older OpenAPI-style one. */
static JsonObject *
request_schema (JsonObject *model)
{
  JsonObject *api_schema = _rushes_json_get_object (model, "api_schema");
  JsonArray *schemas = _rushes_json_get_array (api_schema, "api_schemas");

  if (schemas != NULL)
    {
      JsonNode *first = json_array_get_length (schemas) > 0 ? json_array_get_element (schemas, 0) : NULL;

      return first != NULL && JSON_NODE_HOLDS_OBJECT (first)
        ? _rushes_json_get_object (json_node_get_object (first), "request_schema") : NULL;
    }

  return _rushes_json_get_object (_rushes_json_get_object (_rushes_json_get_object (api_schema, "components"),
                                                           "schemas"),
                                  "Request");
}

static gboolean
is_image_name (const char *name)
{
  for (guint i = 0; wavespeed_names[i].wire != NULL; i++)
    if (g_str_equal (wavespeed_names[i].wire, name))
      return g_str_equal (wavespeed_names[i].control, RUSHES_CONTROL_IMAGE) ||
             g_str_equal (wavespeed_names[i].control, RUSHES_CONTROL_END_IMAGE);
  return FALSE;
}

static RushesLiveParam *
read_property (const char *name,
               JsonObject *property,
               gboolean    required)
{
  g_autoptr(RushesLiveParam) param = _rushes_live_param_new (name, RUSHES_LIVE_UNSUPPORTED);
  const char *type = _rushes_live_get_string (property, "type");
  const char *component = _rushes_live_get_string (property, "x-ui-component");
  JsonArray *values = _rushes_json_get_array (property, "enum");
  JsonNode *default_node = json_object_get_member (property, "default");
  double max_length;

  param->label = _rushes_json_dup_string (property, "title");
  param->description = _rushes_json_dup_string (property, "description");
  param->required = required;
  if (default_node != NULL && JSON_NODE_HOLDS_VALUE (default_node))
    param->default_value = json_node_copy (default_node);
  param->has_min = get_number (property, "minimum", &param->min);
  param->has_max = get_number (property, "maximum", &param->max);
  if (!get_number (property, "step", &param->step) || param->step < 0)
    param->step = 0;
  if (get_number (property, "maxLength", &max_length) && max_length >= 1 && max_length < G_MAXINT)
    param->max_length = (guint) max_length;

  if (g_strcmp0 (type, "integer") == 0 || g_strcmp0 (type, "number") == 0 ||
      g_strcmp0 (type, "boolean") == 0 || g_strcmp0 (type, "string") == 0)
    param->wire_type = g_intern_string (type);

  if (json_object_get_boolean_member_with_default (property, "x-hidden", FALSE))
    param->unsupported = g_strdup (_("the schema hides it"));
  else if (g_strcmp0 (component, "uploader") == 0)
    {
      param->formats = _rushes_live_formats_from_mime (_rushes_live_get_string (property, "x-accept"));
      if (param->formats == NULL)
        param->unsupported = g_strdup (_("it takes a file that is not an image"));
      else if (!is_image_name (name))
        param->unsupported = g_strdup (_("it takes a file other than the start or end image"));
      else
        param->kind = RUSHES_LIVE_IMAGE;
    }
  else if (values != NULL && json_array_get_length (values) > 0 && g_strcmp0 (type, "boolean") != 0)
    {
      param->kind = RUSHES_LIVE_CHOICE;
      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          JsonNode *value = json_array_get_element (values, i);

          if (JSON_NODE_HOLDS_VALUE (value))
            _rushes_live_param_add_value (param, json_node_copy (value), NULL);
        }
    }
  else if (g_strcmp0 (type, "integer") == 0)
    param->kind = RUSHES_LIVE_INTEGER;
  else if (g_strcmp0 (type, "number") == 0)
    param->kind = RUSHES_LIVE_NUMBER;
  else if (g_strcmp0 (type, "boolean") == 0)
    param->kind = RUSHES_LIVE_BOOLEAN;
  else if (g_strcmp0 (type, "string") == 0)
    param->kind = RUSHES_LIVE_TEXT;
  else
    param->unsupported = g_strdup_printf (_("its type “%s” is not supported"), type != NULL ? type : "?");

  return g_steal_pointer (&param);
}

/* The schema's settings, in the order it asks them to be shown. */
static void
read_schema (RushesLiveRoute *route,
             JsonObject      *schema)
{
  JsonObject *properties = _rushes_json_get_object (schema, "properties");
  JsonArray *order = _rushes_json_get_array (schema, "x-order-properties");
  JsonArray *required = _rushes_json_get_array (schema, "required");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GList) members = properties != NULL ? json_object_get_members (properties) : NULL;

  for (guint i = 0; order != NULL && i < json_array_get_length (order); i++)
    {
      JsonNode *node = json_array_get_element (order, i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
        ? json_node_get_string (node) : NULL;

      if (name != NULL && _rushes_json_get_object (properties, name) != NULL &&
          !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (char *) name);
    }
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_ptr_array_find_with_equal_func (names, l->data, g_str_equal, NULL))
      g_ptr_array_add (names, l->data);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonObject *property = _rushes_json_get_object (properties, name);

      if (property != NULL)
        g_ptr_array_add (route->params, read_property (name, property, _rushes_live_strings_contain (required, name)));
    }
}

static guint
mode_of_type (const char *type)
{
  if (g_strcmp0 (type, "text-to-video") == 0)
    return RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);
  if (g_strcmp0 (type, "image-to-video") == 0)
    return RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);
  return 0;
}

/* "google/veo3.1-fast/text-to-video" → "google/veo3.1-fast"; NULL when
 * the route is not one of a pair. */
static char *
pair_base (const char *model_id)
{
  const char *slash = strrchr (model_id, '/');

  if (slash == NULL || slash == model_id ||
      (!g_str_equal (slash + 1, "text-to-video") && !g_str_equal (slash + 1, "image-to-video")))
    return NULL;
  return g_strndup (model_id, slash - model_id);
}

/* "Google Veo 3.1 Fast Text-to-Video" → "Google Veo 3.1 Fast". */
static char *
pair_name (const char *name)
{
  static const char * const suffixes[] = { "text-to-video", "image-to-video", "t2v", "i2v", NULL };
  g_autofree char *copy = g_strstrip (g_strdup (name));
  gsize length = strlen (copy);

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      gsize suffix = strlen (suffixes[i]);

      if (length > suffix && g_ascii_strcasecmp (copy + length - suffix, suffixes[i]) == 0)
        {
          copy[length - suffix] = '\0';
          g_strchomp (copy);
          length = strlen (copy);
          while (length > 0 && strchr ("-–(:", copy[length - 1]) != NULL)
            copy[--length] = '\0';
          g_strchomp (copy);
          break;
        }
    }

  return *copy != '\0' ? g_steal_pointer (&copy) : g_strdup (name);
}

static void
add_route (RushesLiveModel *model,
           JsonObject      *listed,
           const char      *model_id,
           guint            mode)
{
  JsonObject *schema = request_schema (listed);
  RushesLiveRoute *route = _rushes_live_route_new (mode, model_id);
  double base_price;

  g_ptr_array_add (model->routes, route);
  if (schema == NULL && model->unavailable == NULL)
    model->unavailable = g_strdup (_("WaveSpeed publishes no request schema for it"));
  else if (schema != NULL)
    read_schema (route, schema);

  /* The price of a run with the defaults: an offline hint; the price
   * endpoint quotes the settings chosen. */
  if (get_number (listed, "base_price", &base_price) && base_price > 0)
    {
      for (guint i = 0; i < model->prices->len; i++)
        {
          RushesLivePrice *price = g_ptr_array_index (model->prices, i);

          if (price->per_video == base_price)
            {
              price->modes |= mode;
              return;
            }
        }
      _rushes_live_model_add_price (model, NULL, mode, base_price, 0, "approximate");
    }
}

/**
 * _rushes_wavespeed_models_to_entries:
 * @models: the `data` of `GET /models`
 *
 * Returns: (transfer full): the video models as catalog entries, each pair
 *   of text-to-video and image-to-video routes as one
 */
JsonArray *
_rushes_wavespeed_models_to_entries (JsonArray *models)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) _rushes_live_model_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *entries = json_array_new ();

  g_return_val_if_fail (models != NULL, entries);

  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonNode *node = json_array_get_element (models, i);
      JsonObject *listed = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *model_id = _rushes_live_get_string (listed, "model_id");
      guint mode = mode_of_type (_rushes_live_get_string (listed, "type"));
      g_autofree char *base = NULL;
      g_autofree char *id = NULL;
      RushesLiveModel *model;

      if (model_id == NULL || mode == 0 || strchr (model_id, '/') == NULL || g_str_has_prefix (model_id, "/") ||
          strstr (model_id, "..") != NULL)
        continue;

      base = pair_base (model_id);
      id = g_strconcat ("wavespeed/", base != NULL ? base : model_id, NULL);
      model = g_hash_table_lookup (by_id, id);
      if (model != NULL)
        {
          gboolean taken = FALSE;

          for (guint j = 0; j < model->routes->len; j++)
            taken |= (((RushesLiveRoute *) g_ptr_array_index (model->routes, j))->modes & mode) != 0;
          if (!taken)
            add_route (model, listed, model_id, mode);
          continue;
        }

      model = _rushes_live_model_new (RUSHES_PROVIDER_WAVESPEED, wavespeed_names);
      model->id = g_steal_pointer (&id);
      model->name = _rushes_json_dup_string (listed, "name");
      if (model->name == NULL || *model->name == '\0')
        {
          g_free (model->name);
          model->name = g_strdup (base != NULL ? base : model_id);
        }
      else if (base != NULL)
        {
          char *name = pair_name (model->name);

          g_free (model->name);
          model->name = name;
        }
      model->vendor = g_strndup (model_id, strchr (model_id, '/') - model_id);
      model->description = _rushes_live_dup_first_line (listed, "description");
      model->price_note = g_strdup (_("WaveSpeed's base price of a run with the defaults; with a key, WaveSpeed "
                                      "quotes the settings chosen."));
      add_route (model, listed, model_id, mode);
      g_hash_table_insert (by_id, model->id, model);
      g_ptr_array_add (groups, model);
    }

  for (guint i = 0; i < groups->len; i++)
    json_array_add_element (entries, _rushes_live_model_build (g_ptr_array_index (groups, i)));

  return entries;
}

/* ------------------------------------------------------------------ */
/* GET /models */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  JsonNode *data;

  root = rushes_http_send_json_finish (RUSHES_HTTP (object), result, &http_status, &error);
  data = root != NULL ? _rushes_wavespeed_get_data (root, http_status, RUSHES_HTTP_READ, &error) : NULL;
  if (data != NULL && !JSON_NODE_HOLDS_ARRAY (data))
    g_set_error_literal (&error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("WaveSpeed's model list is not a list"));

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, _rushes_wavespeed_models_to_entries (json_node_get_array (data)),
                           (GDestroyNotify) json_array_unref);
}

void
_rushes_wavespeed_list_models_async (RushesProvider          *provider,
                                     const RushesCredentials *credentials,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  RushesHttp *http = _rushes_wavespeed_provider_get_http (RUSHES_WAVESPEED_PROVIDER (provider));
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  g_autofree char *url = _rushes_provider_endpoint (http, RUSHES_PROVIDER_WAVESPEED, "models");
  RushesBearerRequest *request;

  g_task_set_source_tag (task, _rushes_wavespeed_list_models_async);

  request = _rushes_bearer_request_new (credentials, PROVIDER_NAME, SOUP_METHOD_GET, url);
  rushes_http_send_json_full_async (http, RUSHES_HTTP_LOOKUP, RUSHES_JSON_MAX_LISTING, NULL,
                                    _rushes_bearer_request_build_message, request,
                                    (GDestroyNotify) _rushes_bearer_request_free,
                                    cancellable, list_cb, g_steal_pointer (&task));
}

JsonArray *
_rushes_wavespeed_list_models_finish (RushesProvider  *provider,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* POST /model/price */

/**
 * _rushes_wavespeed_parse_price:
 * @root: the answer: `data: {"model_id", "price", "discounted_price", …}`
 * @cost_usd: (out): `discounted_price` when above 0, else `price`, as the
 *   official CLI shows it
 */
gboolean
_rushes_wavespeed_parse_price (JsonNode  *root,
                               guint      status,
                               double    *cost_usd,
                               GError   **error)
{
  JsonNode *data = _rushes_wavespeed_get_data (root, status, RUSHES_HTTP_READ, error);
  JsonObject *object = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  double price, discounted;

  if (data == NULL)
    return FALSE;

  if (_rushes_json_get_double (object, "discounted_price", &discounted) && isfinite (discounted) &&
      discounted > 0 && discounted < 1e6)
    {
      *cost_usd = discounted;
      return TRUE;
    }
  if (_rushes_json_get_double (object, "price", &price) && isfinite (price) && price >= 0 && price < 1e6)
    {
      *cost_usd = price;
      return TRUE;
    }

  g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("WaveSpeed's price answer holds no price"));
  return FALSE;
}

void
_rushes_wavespeed_quote_async (RushesProvider          *provider,
                               const RushesCredentials *credentials,
                               RushesModel             *model,
                               RushesGenerationParams  *params,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  RushesHttp *http = _rushes_wavespeed_provider_get_http (RUSHES_WAVESPEED_PROVIDER (provider));
  g_autoptr(RushesGenerationParams) complete = rushes_model_complete_params (model, params);
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(JsonNode) inputs = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = _rushes_provider_endpoint (http, RUSHES_PROVIDER_WAVESPEED, "model/price");
  RushesBearerRequest *call;

  request = _rushes_model_build_request (model, complete, &error);
  if (request == NULL)
    {
      g_task_report_error (provider, callback, user_data, _rushes_provider_read_amount, g_steal_pointer (&error));
      return;
    }

  /* The body the submit would send, but a local image is a file yet, not
   * the URL its upload would give: the price does not depend on it. */
  for (guint i = request->fields->len; i > 0; i--)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i - 1);
      const char *value = field->image_control != NULL ? json_node_get_string (field->value) : NULL;

      if (value != NULL && !g_str_has_prefix (value, "https://") && !g_str_has_prefix (value, "http://"))
        g_ptr_array_remove_index (request->fields, i - 1);
    }
  inputs = _rushes_wire_request_to_json (request, &error);
  if (inputs == NULL)
    {
      g_task_report_error (provider, callback, user_data, _rushes_provider_read_amount, g_steal_pointer (&error));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model_id");
  json_builder_add_string_value (builder, request->path);
  json_builder_set_member_name (builder, "inputs");
  json_builder_add_value (builder, g_steal_pointer (&inputs));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  call = _rushes_bearer_request_new (credentials, PROVIDER_NAME, SOUP_METHOD_POST, url);
  call->json = rushes_json_to_string (body, FALSE);
  _rushes_provider_read_amount (provider, http, call, RUSHES_HTTP_LOOKUP, _rushes_wavespeed_parse_price,
                                cancellable, callback, user_data);
}
