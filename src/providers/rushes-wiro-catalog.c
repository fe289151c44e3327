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

#define G_LOG_DOMAIN "rushes-wiro-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-live-entry-private.h"
#include "rushes-model-private.h"
#include "rushes-provider-utils.h"
#include "rushes-wiro-provider-private.h"

/* Wiro's live catalog (research/models.md §1.2): Tool/List, filtered to
 * video categories, names the models; Tool/Detail gives each one's
 * settings and prices. Items are read the way Wiro's official client
 * reads them: "required" as true or "true", a default as a string, a
 * number or a boolean, "categories" as an array or a JSON string,
 * "parameters" possibly null, and "dynamicprice" a JSON string that may
 * be garbage. */

#define PAGE_SIZE     100
#define MAX_PAGES     50
#define MAX_IN_FLIGHT 4

static const RushesLiveName wiro_names[] = {
  { "prompt", RUSHES_CONTROL_PROMPT },
  { "negativePrompt", RUSHES_CONTROL_NEGATIVE_PROMPT },
  { "inputImage", RUSHES_CONTROL_IMAGE },
  { "inputImageFirst", RUSHES_CONTROL_IMAGE },
  { "inputImageUrl", RUSHES_CONTROL_IMAGE },
  { "inputImageFirstUrl", RUSHES_CONTROL_IMAGE },
  { "inputImage2", RUSHES_CONTROL_END_IMAGE },
  { "inputImageLast", RUSHES_CONTROL_END_IMAGE },
  { "inputImage2Url", RUSHES_CONTROL_END_IMAGE },
  { "inputImageLastUrl", RUSHES_CONTROL_END_IMAGE },
  { "ratio", RUSHES_CONTROL_ASPECT_RATIO },
  { "aspectRatio", RUSHES_CONTROL_ASPECT_RATIO },
  { "duration", RUSHES_CONTROL_DURATION },
  { "durationSeconds", RUSHES_CONTROL_DURATION },
  { "seconds", RUSHES_CONTROL_DURATION },
  { "resolution", RUSHES_CONTROL_RESOLUTION },
  { "generateAudio", RUSHES_CONTROL_AUDIO },
  { "sound", RUSHES_CONTROL_AUDIO },
  { "seed", RUSHES_CONTROL_SEED },
  { NULL, NULL }
};

static gboolean
get_required (JsonObject *item)
{
  g_autofree char *text = _rushes_json_dup_string (item, "required");

  return g_strcmp0 (text, "true") == 0;
}

/* A number, or a string holding one ("0.5"). */
static gboolean
get_number (JsonObject *item,
            const char *member,
            double     *value)
{
  return _rushes_json_get_double (item, member, value) && isfinite (*value);
}

/* "categories": an array, or a string holding one. */
static JsonArray *
dup_categories (JsonObject *tool)
{
  JsonNode *node = json_object_get_member (tool, "categories");
  g_autoptr(JsonNode) parsed = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      parsed = rushes_json_parse (text, strlen (text), RUSHES_JSON_MAX_ANSWER, NULL);
      if (parsed != NULL && JSON_NODE_HOLDS_ARRAY (parsed))
        return json_array_ref (json_node_get_array (parsed));
    }

  return NULL;
}

static guint
modes_of (JsonArray *categories)
{
  guint modes = 0;

  if (_rushes_live_strings_contain (categories, "text-to-video"))
    modes |= RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);
  if (_rushes_live_strings_contain (categories, "image-to-video"))
    modes |= RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);
  return modes;
}

/* A scalar as a JSON string node, the way select values travel. */
static JsonNode *
string_node (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_init_string (json_node_alloc (),
                                  g_ascii_formatd (buffer, sizeof buffer, "%.15g", json_node_get_double (node)));
  if (!_rushes_model_scalar_to_string (node, &text))
    return NULL;
  return json_node_init_string (json_node_alloc (), text);
}

static gboolean
is_whole (double value)
{
  return value == floor (value) && fabs (value) < G_MAXINT32;
}

static RushesLiveParam *
read_item (JsonObject *item)
{
  const char *id = _rushes_live_get_string (item, "id");
  const char *type = _rushes_live_get_string (item, "type");
  g_autoptr(RushesLiveParam) param = NULL;
  JsonNode *default_node = json_object_get_member (item, "default");
  double maxcount = 1;

  if (id == NULL || *id == '\0')
    return NULL;
  if (type == NULL)
    type = "text";

  param = _rushes_live_param_new (id, RUSHES_LIVE_UNSUPPORTED);
  param->label = _rushes_json_dup_string (item, "label");
  param->description = _rushes_json_dup_string (item, "description");
  if (param->description == NULL)
    param->description = _rushes_json_dup_string (item, "note");
  if (param->description == NULL)
    param->description = _rushes_json_dup_string (item, "help");
  param->required = get_required (item);
  param->default_value = string_node (default_node);
  param->has_min = get_number (item, "min", &param->min);
  param->has_max = get_number (item, "max", &param->max);
  if (!get_number (item, "step", &param->step) || param->step < 0)
    param->step = 0;
  get_number (item, "maxcount", &maxcount);

  if (g_str_equal (type, "text") || g_str_equal (type, "textarea"))
    {
      /* Older models take an image as a URL in a text field "…Url". */
      param->kind = g_str_has_suffix (id, "Url") ? RUSHES_LIVE_IMAGE : RUSHES_LIVE_TEXT;
      param->url_only = param->kind == RUSHES_LIVE_IMAGE;
    }
  else if (g_str_equal (type, "select"))
    {
      JsonNode *options = json_object_get_member (item, "options");

      param->kind = RUSHES_LIVE_CHOICE;
      for (guint i = 0; options != NULL && JSON_NODE_HOLDS_ARRAY (options) &&
                        i < json_array_get_length (json_node_get_array (options)); i++)
        {
          JsonNode *option = json_array_get_element (json_node_get_array (options), i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (option) ? json_node_get_object (option) : NULL;
          JsonNode *value = string_node (object != NULL ? json_object_get_member (object, "value") : option);
          g_autofree char *label = _rushes_json_dup_string (object, "label");

          if (value != NULL)
            _rushes_live_param_add_value (param, value, label);
        }
      if (param->values->len == 0)
        param->unsupported = g_strdup (_("a choice without options"));
    }
  else if (g_str_equal (type, "range"))
    {
      double number = 0;
      gboolean whole_default = param->default_value == NULL ||
                               (get_number (item, "default", &number) && is_whole (number));

      param->kind = param->has_min && param->has_max && is_whole (param->min) && is_whole (param->max) &&
                    (param->step == 0 || is_whole (param->step)) && whole_default
                      ? RUSHES_LIVE_INTEGER : RUSHES_LIVE_NUMBER;
    }
  else if (g_str_equal (type, "number") || g_str_equal (type, "float"))
    param->kind = RUSHES_LIVE_NUMBER;
  else if (g_str_equal (type, "fileinput") || (g_str_equal (type, "combinefileinput") && maxcount <= 1))
    param->kind = RUSHES_LIVE_IMAGE;
  else if (g_str_equal (type, "multifileinput") || g_str_equal (type, "combinefileinput"))
    param->unsupported = g_strdup (_("it takes several files"));
  else
    param->unsupported = g_strdup_printf (_("its type “%s” is unknown"), type);

  if (param->kind == RUSHES_LIVE_IMAGE && param->unsupported == NULL)
    {
      /* Only the start and end images travel as Rushes' image controls. */
      gboolean known = FALSE;

      for (guint i = 0; wiro_names[i].wire != NULL; i++)
        known |= g_str_equal (wiro_names[i].wire, id) &&
                 (g_str_equal (wiro_names[i].control, RUSHES_CONTROL_IMAGE) ||
                  g_str_equal (wiro_names[i].control, RUSHES_CONTROL_END_IMAGE));
      if (!known && param->url_only)
        param->kind = RUSHES_LIVE_TEXT;
      else if (!known)
        param->unsupported = g_strdup (_("it takes a file other than the start or end image"));
    }

  return g_steal_pointer (&param);
}

static void
read_prices (RushesLiveModel *model,
             JsonObject      *tool)
{
  g_autofree char *dynamic = _rushes_json_dup_string (tool, "dynamicprice");
  g_autoptr(JsonNode) rows = NULL;
  double approximate;
  gboolean listed = FALSE;

  if (dynamic != NULL && *dynamic != '\0')
    rows = rushes_json_parse (dynamic, strlen (dynamic), RUSHES_JSON_MAX_ANSWER, NULL);
  if (dynamic != NULL && *dynamic != '\0' && (rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows)))
    g_debug ("%s: dynamicprice is not a list of prices; ignored", model->id);

  for (guint i = 0; rows != NULL && JSON_NODE_HOLDS_ARRAY (rows) &&
                    i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (rows), i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *inputs = row != NULL ? json_object_get_member (row, "inputs") : NULL;
      g_autofree char *method = _rushes_json_dup_string (row, "priceMethod");
      double price;

      if (row == NULL || !get_number (row, "price", &price) || price < 0 ||
          (inputs != NULL && !JSON_NODE_HOLDS_OBJECT (inputs)))
        continue;

      /* Per request and per output: one video. Per second of video: the
       * duration asked for. Compute time, tokens, pixels: not known
       * before the run. */
      if (g_strcmp0 (method, "cpr") == 0 || g_strcmp0 (method, "cpo") == 0)
        _rushes_live_model_add_price (model, inputs != NULL ? json_node_get_object (inputs) : NULL, 0,
                                      price, 0, "price-list");
      else if (g_strcmp0 (method, "cp-outputVideoLength") == 0)
        _rushes_live_model_add_price (model, inputs != NULL ? json_node_get_object (inputs) : NULL, 0,
                                      0, price, "price-list");
      else
        continue;
      listed = TRUE;
    }

  if (get_number (tool, "approximatelycost", &approximate) && approximate > 0)
    _rushes_live_model_add_price (model, NULL, 0, approximate, 0, "approximate");

  if (listed)
    model->price_note = g_strdup (_("Wiro's price list as its catalog gave it; settings it does not list cost "
                                    "Wiro's approximate price of a run."));
  else if (model->prices->len > 0)
    model->price_note = g_strdup (_("Wiro's approximate cost of a run; Wiro bills its own rate."));
}

/**
 * _rushes_wiro_tool_to_entry:
 * @tool: a TOOL of Tool/Detail (or of Tool/List)
 *
 * Returns: (transfer full) (nullable): the model's catalog entry, listed
 *   as unavailable with the reason when it cannot be used; %NULL for a
 *   tool that is not a video model or has no slugs
 */
JsonNode *
_rushes_wiro_tool_to_entry (JsonObject *tool)
{
  g_autoptr(RushesLiveModel) model = NULL;
  g_autoptr(JsonArray) categories = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *project = NULL;
  g_autofree char *path = NULL;
  JsonNode *parameters;
  RushesLiveRoute *route;
  guint modes;

  g_return_val_if_fail (tool != NULL, NULL);

  owner = _rushes_live_get_string (tool, "cleanslugowner") != NULL ? _rushes_live_clean_slug (_rushes_live_get_string (tool, "cleanslugowner"))
        : _rushes_live_get_string (tool, "slugowner") != NULL ? _rushes_live_clean_slug (_rushes_live_get_string (tool, "slugowner")) : NULL;
  project = _rushes_live_get_string (tool, "cleanslugproject") != NULL
              ? _rushes_live_clean_slug (_rushes_live_get_string (tool, "cleanslugproject"))
              : _rushes_live_get_string (tool, "slugproject") != NULL ? _rushes_live_clean_slug (_rushes_live_get_string (tool, "slugproject"))
                                                         : NULL;
  if (owner == NULL || project == NULL || *owner == '\0' || *project == '\0')
    return NULL;

  categories = dup_categories (tool);
  modes = modes_of (categories);
  if (modes == 0)
    return NULL;

  model = _rushes_live_model_new (RUSHES_PROVIDER_WIRO, wiro_names);
  model->id = g_strdup_printf ("wiro/%s/%s", owner, project);
  model->name = _rushes_json_dup_string (tool, "title");
  if (model->name == NULL || *model->name == '\0')
    {
      g_free (model->name);
      model->name = g_strdup (project);
    }
  model->vendor = _rushes_json_dup_string (tool, "slugowner");
  if (model->vendor == NULL)
    model->vendor = g_strdup (owner);
  model->description = _rushes_live_dup_first_line (tool, "description");

  path = g_strdup_printf ("%s/%s", owner, project);
  route = _rushes_live_route_new (modes, path);
  g_ptr_array_add (model->routes, route);

  parameters = json_object_get_member (tool, "parameters");
  if (parameters == NULL || !JSON_NODE_HOLDS_ARRAY (parameters))
    model->unavailable = g_strdup (_("Wiro publishes no settings for it"));

  for (guint i = 0; model->unavailable == NULL && i < json_array_get_length (json_node_get_array (parameters)); i++)
    {
      JsonNode *group = json_array_get_element (json_node_get_array (parameters), i);
      JsonArray *items = JSON_NODE_HOLDS_OBJECT (group) ? _rushes_json_get_array (json_node_get_object (group), "items")
                                                        : NULL;

      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          JsonNode *node = json_array_get_element (items, j);
          RushesLiveParam *param = JSON_NODE_HOLDS_OBJECT (node) ? read_item (json_node_get_object (node)) : NULL;

          if (param != NULL)
            g_ptr_array_add (route->params, param);
        }
    }

  read_prices (model, tool);
  return _rushes_live_model_build (model);
}

/* ------------------------------------------------------------------ */
/* Tool/List, then Tool/Detail for each model */

typedef struct
{
  char *owner;
  char *project;
  char *title;
} Listed;

typedef struct
{
  RushesHttp        *http;
  RushesCredentials *credentials;
  GCancellable      *cancellable;    /* stops every request when one fails */
  gulong             cancelled_id;
  GPtrArray         *listed;         /* Listed, in listing order */
  GHashTable        *seen;           /* "owner/project" */
  GPtrArray         *entries;        /* JsonNode or NULL, parallel to listed */
  guint              start;
  guint              pages;
  guint              next;           /* the next model to ask about */
  guint              in_flight;
  GError            *error;
} ListData;

typedef struct
{
  GTask *task;
  guint  index;
} DetailCall;

static void
node_unref0 (JsonNode *node)
{
  if (node != NULL)
    json_node_unref (node);
}

static void
listed_free (Listed *listed)
{
  g_free (listed->owner);
  g_free (listed->project);
  g_free (listed->title);
  g_free (listed);
}

static void
list_data_free (ListData *data)
{
  g_clear_object (&data->http);
  g_clear_pointer (&data->credentials, rushes_credentials_free);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->listed, g_ptr_array_unref);
  g_clear_pointer (&data->seen, g_hash_table_unref);
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void list_page (GTask *task);
static void detail_next (GTask *task);

static void
list_finish (GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonArray) entries = NULL;

  if (data->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  entries = json_array_new ();
  for (guint i = 0; i < data->entries->len; i++)
    if (g_ptr_array_index (data->entries, i) != NULL)
      json_array_add_element (entries, json_node_ref (g_ptr_array_index (data->entries, i)));
  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) json_array_unref);
}

/* A model whose detail could not be read is listed with the reason. */
static JsonNode *
unreadable_entry (Listed     *listed,
                  const char *reason)
{
  g_autoptr(RushesLiveModel) model = _rushes_live_model_new (RUSHES_PROVIDER_WIRO, wiro_names);
  g_autofree char *path = g_strdup_printf ("%s/%s", listed->owner, listed->project);

  model->id = g_strdup_printf ("wiro/%s", path);
  model->name = g_strdup (listed->title != NULL ? listed->title : listed->project);
  model->unavailable = g_strdup_printf (_("Wiro could not describe it: %s"), reason);
  g_ptr_array_add (model->routes, _rushes_live_route_new (RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_TEXT_TO_VIDEO),
                                                          path));
  return _rushes_live_model_build (model);
}

static void
detail_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DetailCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  ListData *data = g_task_get_task_data (task);
  Listed *listed = g_ptr_array_index (data->listed, call->index);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  JsonArray *tools;

  data->in_flight--;
  root = rushes_http_send_json_finish (RUSHES_HTTP (object), result, &http_status, &error);
  if (root != NULL && !_rushes_wiro_check_envelope (root, http_status, RUSHES_HTTP_READ, &error))
    g_clear_pointer (&root, json_node_unref);

  if (root == NULL)
    {
      /* Without the network or the key no detail can be read: the whole
       * refresh fails and the cache stays. Anything else spoils one model. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_AUTH) ||
          g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE))
        {
          if (data->error == NULL)
            data->error = g_steal_pointer (&error);
          g_cancellable_cancel (data->cancellable);
        }
      else
        g_ptr_array_index (data->entries, call->index) = unreadable_entry (listed, error->message);
    }
  else
    {
      JsonObject *answer = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      JsonNode *first;

      tools = _rushes_json_get_array (answer, "tool");
      first = tools != NULL && json_array_get_length (tools) > 0 ? json_array_get_element (tools, 0) : NULL;
      if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
        g_ptr_array_index (data->entries, call->index) = unreadable_entry (listed, _("its answer holds no model"));
      else
        g_ptr_array_index (data->entries, call->index) = _rushes_wiro_tool_to_entry (json_node_get_object (first));
    }

  g_free (call);
  detail_next (g_steal_pointer (&task));
}

static void
detail_next (GTask *task)
{
  ListData *data = g_task_get_task_data (task);

  while (data->error == NULL && data->in_flight < MAX_IN_FLIGHT && data->next < data->listed->len)
    {
      Listed *listed = g_ptr_array_index (data->listed, data->next);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) body = NULL;
      g_autofree char *json = NULL;
      DetailCall *call = g_new0 (DetailCall, 1);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "slugowner");
      json_builder_add_string_value (builder, listed->owner);
      json_builder_set_member_name (builder, "slugproject");
      json_builder_add_string_value (builder, listed->project);
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
      json = rushes_json_to_string (body, FALSE);

      call->task = g_object_ref (task);
      call->index = data->next++;
      data->in_flight++;
      _rushes_wiro_send_json (data->http, data->credentials, "Tool/Detail", json, RUSHES_JSON_MAX_ANSWER,
                              data->cancellable, detail_cb, call);
    }

  if (data->in_flight == 0 && (data->error != NULL || data->next >= data->listed->len))
    list_finish (task);
  g_object_unref (task);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  JsonObject *answer;
  JsonArray *tools;
  gint64 total = -1;
  guint count;

  root = rushes_http_send_json_finish (RUSHES_HTTP (object), result, &http_status, &error);
  if (root == NULL || !_rushes_wiro_check_envelope (root, http_status, RUSHES_HTTP_READ, &error))
    {
      data->error = g_steal_pointer (&error);
      list_finish (task);
      return;
    }

  answer = json_node_get_object (root);
  tools = _rushes_json_get_array (answer, "tool");
  if (tools == NULL)
    {
      data->error = g_error_new_literal (RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                                         _("Wiro's model list holds no models"));
      list_finish (task);
      return;
    }

  count = json_array_get_length (tools);
  for (guint i = 0; i < count; i++)
    {
      JsonNode *node = json_array_get_element (tools, i);
      JsonObject *tool = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *owner = _rushes_live_get_string (tool, "cleanslugowner") != NULL ? _rushes_live_get_string (tool, "cleanslugowner")
                                                                      : _rushes_live_get_string (tool, "slugowner");
      const char *project = _rushes_live_get_string (tool, "cleanslugproject") != NULL ? _rushes_live_get_string (tool, "cleanslugproject")
                                                                          : _rushes_live_get_string (tool, "slugproject");
      g_autofree char *key = NULL;
      Listed *listed;

      /* Entries without slugs cannot be asked about: left out. */
      if (owner == NULL || project == NULL)
        {
          g_debug ("Tool/List entry %u of the page at %u has no slugs; left out", i, data->start);
          continue;
        }

      listed = g_new0 (Listed, 1);
      listed->owner = _rushes_live_clean_slug (owner);
      listed->project = _rushes_live_clean_slug (project);
      listed->title = _rushes_json_dup_string (tool, "title");
      key = g_strdup_printf ("%s/%s", listed->owner, listed->project);
      if (*listed->owner == '\0' || *listed->project == '\0' || g_hash_table_contains (data->seen, key))
        {
          listed_free (listed);
          continue;
        }
      g_hash_table_add (data->seen, g_steal_pointer (&key));
      g_ptr_array_add (data->listed, listed);
      g_ptr_array_add (data->entries, NULL);
    }

  /* "total" counts every match; a listing that does not say stops at a
   * short page. */
  if (!_rushes_json_get_int (answer, "total", &total))
    total = -1;
  data->start += count;
  data->pages++;
  if (count == PAGE_SIZE && (total < 0 || data->start < total) && data->pages < MAX_PAGES)
    {
      list_page (g_steal_pointer (&task));
      return;
    }

  detail_next (g_steal_pointer (&task));
}

static void
list_page (GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *json = NULL;
  g_autofree char *start = g_strdup_printf ("%u", data->start);
  g_autofree char *limit = g_strdup_printf ("%u", PAGE_SIZE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, start);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_string_value (builder, limit);
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "text-to-video");
  json_builder_add_string_value (builder, "image-to-video");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sort");
  json_builder_add_string_value (builder, "relevance");
  json_builder_set_member_name (builder, "hideworkflows");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  json = rushes_json_to_string (body, FALSE);

  _rushes_wiro_send_json (data->http, data->credentials, "Tool/List", json, RUSHES_JSON_MAX_LISTING,
                          data->cancellable, list_cb, task);
}

void
_rushes_wiro_list_models_async (RushesProvider          *provider,
                                const RushesCredentials *credentials,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  GTask *task;
  ListData *data;

  task = g_task_new (provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, _rushes_wiro_list_models_async);

  data = g_new0 (ListData, 1);
  data->http = g_object_ref (_rushes_wiro_provider_get_http (RUSHES_WIRO_PROVIDER (provider)));
  data->credentials = rushes_credentials_copy (credentials);
  data->cancellable = g_cancellable_new ();
  data->listed = g_ptr_array_new_with_free_func ((GDestroyNotify) listed_free);
  data->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) node_unref0);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                data->cancellable, NULL);

  list_page (task);
}

JsonArray *
_rushes_wiro_list_models_finish (RushesProvider  *provider,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
