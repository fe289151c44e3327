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

#define G_LOG_DOMAIN "rushes-fake-wiro"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rushes-fake-wiro-catalog-private.h"
#include "rushes-fake-wiro-private.h"

#define DEFAULT_LIMIT 20
#define MAX_LIMIT     100
/* Truncated, with a price that is not a number: what a client must survive. */
#define GARBAGE_DYNAMICPRICE \
  "[{\"inputs\":{\"resolution\":\"720p\"},\"price\":\"call us\",\"priceMethod\":\"cp-outputVideoLength\"},{\"inputs\":"

/* The keys a summary leaves out, as Tool/List's documented answer does. */
static const char * const detail_only[] = { "parameters", "readme", "inspire", "samples", NULL };

struct _RushesFakeWiroCatalog
{
  RushesFakeProvider *provider;        /* borrowed: owns Wiro, which owns the catalog */
  JsonNode           *tools;           /* array of tool objects, as catalog/wiro-tools.json has them */
};

RushesFakeWiroCatalog *
_rushes_fake_wiro_catalog_new (RushesFakeProvider *provider)
{
  RushesFakeWiroCatalog *self = g_new0 (RushesFakeWiroCatalog, 1);

  self->provider = provider;
  self->tools = _rushes_fake_load_catalog ("wiro-tools.json", NULL);
  g_assert (JSON_NODE_HOLDS_ARRAY (self->tools));

  return self;
}

void
_rushes_fake_wiro_catalog_free (RushesFakeWiroCatalog *self)
{
  json_node_unref (self->tools);
  g_free (self);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Unlike json_object_get_array_member(), quiet about a missing or other member. */
static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Numbers, booleans and strings as the text a form would send; NULL otherwise. */
static char *
dup_value_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (node)));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static gboolean
get_number (JsonNode *node,
            double   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return FALSE;

  *value = json_node_get_double (node);
  return TRUE;
}

/* Tools carry their categories as an array or as a JSON-encoded string. */
static JsonArray *
dup_categories (JsonObject *tool)
{
  JsonNode *node = json_object_get_member (tool, "categories");
  g_autoptr(JsonNode) parsed = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));
  if (get_string (tool, "categories") != NULL)
    parsed = json_from_string (get_string (tool, "categories"), NULL);
  if (parsed != NULL && JSON_NODE_HOLDS_ARRAY (parsed))
    return json_array_ref (json_node_get_array (parsed));

  return json_array_new ();
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (element), value))
        return TRUE;
    }

  return FALSE;
}

/* The official client sends the clean slugs; the raw ones (dots, capitals)
 * are accepted too, as Wiro appears to. */
static JsonObject *
lookup_tool (RushesFakeWiroCatalog *self,
             const char            *owner,
             const char            *project)
{
  JsonArray *tools = json_node_get_array (self->tools);

  if (owner == NULL || project == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);

      if ((g_ascii_strcasecmp (owner, get_string (tool, "cleanslugowner")) == 0 &&
           g_ascii_strcasecmp (project, get_string (tool, "cleanslugproject")) == 0) ||
          (g_ascii_strcasecmp (owner, get_string (tool, "slugowner")) == 0 &&
           g_ascii_strcasecmp (project, get_string (tool, "slugproject")) == 0))
        return tool;
    }

  return NULL;
}

/* Calls @func on every parameter item of @tool until it returns FALSE. */
static gboolean
foreach_item (JsonObject *tool,
              gboolean  (*func) (JsonObject *item, gpointer user_data),
              gpointer    user_data)
{
  JsonNode *groups = json_object_get_member (tool, "parameters");

  if (groups == NULL || !JSON_NODE_HOLDS_ARRAY (groups))
    return TRUE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (groups)); i++)
    {
      JsonObject *group = json_array_get_object_element (json_node_get_array (groups), i);
      JsonArray *items = get_array (group, "items");

      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          if (!func (json_array_get_object_element (items, j), user_data))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
find_item_cb (JsonObject *item,
              gpointer    user_data)
{
  gpointer *data = user_data;

  if (g_strcmp0 (get_string (item, "id"), data[0]) != 0)
    return TRUE;

  data[1] = item;
  return FALSE;
}

static JsonObject *
find_item (JsonObject *tool,
           const char *id)
{
  gpointer data[2] = { (gpointer) id, NULL };

  foreach_item (tool, find_item_cb, data);

  return data[1];
}

/* ------------------------------------------------------------------ */
/* Tool/List and Tool/Detail */

static JsonNode *
copy_tool (JsonObject *tool,
           gboolean    summary,
           gboolean    garbage_price)
{
  JsonNode *copy = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (tool);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (summary && g_strv_contains (detail_only, name))
        continue;
      if (garbage_price && g_str_equal (name, "dynamicprice"))
        continue;
      json_object_set_member (object, name, json_node_copy (json_object_get_member (tool, name)));
    }
  if (garbage_price)
    json_object_set_string_member (object, "dynamicprice", GARBAGE_DYNAMICPRICE);

  json_node_take_object (copy, object);

  return copy;
}

static void
respond_tools (SoupServerMessage *msg,
               GPtrArray         *tools,
               gint64             total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "result");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  if (total >= 0)
    {
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, total);
    }
  json_builder_set_member_name (builder, "tool");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tools->len; i++)
    json_builder_add_value (builder, json_node_ref (g_ptr_array_index (tools, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _rushes_fake_respond_json (msg, SOUP_STATUS_OK, builder);
}

/* Each entry broken in its own way, then one sound entry: a client keeps
 * what it can read. */
static void
respond_malformed_list (RushesFakeWiroCatalog *self,
                        SoupServerMessage     *msg)
{
  static const char broken[] =
    "null, \"openai/sora-2\", 42, "
    "{\"id\": 1843, \"title\": [\"Veo 3.1\"], \"cleanslugowner\": null, \"cleanslugproject\": {\"veo3-1\": true}, "
    "\"categories\": {\"text-to-video\": true}, \"dynamicprice\": 7}, "
    "{\"id\": \"1844\", \"cleanslugowner\": \"google\", \"cleanslugproject\": \"veo3-1-fast\", "
    "\"categories\": \"[\\\"text-to-video\\\"\", \"parameters\": \"none\"}";
  g_autoptr(JsonNode) sound = copy_tool (lookup_tool (self, "openai", "sora-2"), TRUE, FALSE);
  g_autofree char *sound_text = json_to_string (sound, FALSE);
  g_autofree char *text = g_strdup_printf ("{\"result\": true, \"errors\": [], \"total\": \"lots\", \"tool\": [%s, %s]}",
                                           broken, sound_text);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

/* start and limit are documented as strings; numbers are tolerated. */
static gboolean
get_count (const RushesFakeRequest  *request,
           const char               *name,
           guint64                   fallback,
           guint64                  *value,
           char                    **error)
{
  const char *text = _rushes_fake_request_get_text (request, name);

  *value = fallback;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, value, NULL))
    return TRUE;

  *error = g_strdup_printf ("Request parameter [%s] must be a number", name);
  return FALSE;
}

/* Request members that hold arrays of strings, or NULL. */
static JsonArray *
dup_string_list (const RushesFakeRequest *request,
                 const char              *name)
{
  const RushesFakeField *field = _rushes_fake_request_get_field (request, name);
  g_autoptr(JsonNode) node = NULL;

  if (field == NULL || !field->is_json)
    return NULL;
  node = json_from_string (field->value, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return NULL;

  return json_array_ref (json_node_get_array (node));
}

static gboolean
tool_matches (JsonObject *tool,
              JsonArray  *categories,
              JsonArray  *tags,
              const char *search,
              const char *owner)
{
  if (categories != NULL)
    {
      g_autoptr(JsonArray) own = dup_categories (tool);
      gboolean any = FALSE;

      for (guint i = 0; i < json_array_get_length (categories) && !any; i++)
        {
          JsonNode *wanted = json_array_get_element (categories, i);

          any = JSON_NODE_HOLDS_VALUE (wanted) && json_node_get_value_type (wanted) == G_TYPE_STRING &&
                array_has_string (own, json_node_get_string (wanted));
        }
      if (!any)
        return FALSE;
    }

  if (tags != NULL)
    {
      JsonArray *own = get_array (tool, "tags");
      gboolean any = FALSE;

      for (guint i = 0; i < json_array_get_length (tags) && !any; i++)
        {
          JsonNode *wanted = json_array_get_element (tags, i);

          any = JSON_NODE_HOLDS_VALUE (wanted) && json_node_get_value_type (wanted) == G_TYPE_STRING &&
                array_has_string (own, json_node_get_string (wanted));
        }
      if (!any)
        return FALSE;
    }

  if (owner != NULL && *owner != '\0' &&
      g_ascii_strcasecmp (owner, get_string (tool, "cleanslugowner")) != 0 &&
      g_ascii_strcasecmp (owner, get_string (tool, "slugowner")) != 0)
    return FALSE;

  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *haystack = g_strjoin (" ", get_string (tool, "title"), get_string (tool, "cleanslugowner"),
                                             get_string (tool, "cleanslugproject"), get_string (tool, "description"),
                                             NULL);
      g_autofree char *folded = g_utf8_casefold (haystack, -1);

      if (strstr (folded, needle) == NULL)
        return FALSE;
    }

  return TRUE;
}

static int
compare_ids_ascending (gconstpointer a,
                       gconstpointer b)
{
  JsonObject *first = *(JsonObject **) a;
  JsonObject *second = *(JsonObject **) b;
  guint64 first_id = g_ascii_strtoull (get_string (first, "id"), NULL, 10);
  guint64 second_id = g_ascii_strtoull (get_string (second, "id"), NULL, 10);

  return first_id < second_id ? -1 : first_id > second_id;
}

static int
compare_ids_descending (gconstpointer a,
                        gconstpointer b)
{
  return compare_ids_ascending (b, a);
}

void
_rushes_fake_wiro_catalog_list (RushesFakeWiroCatalog   *self,
                                SoupServerMessage       *msg,
                                const RushesFakeRequest *request)
{
  JsonArray *tools = json_node_get_array (self->tools);
  g_autoptr(JsonArray) categories = dup_string_list (request, "categories");
  g_autoptr(JsonArray) tags = dup_string_list (request, "tags");
  g_autoptr(GPtrArray) matched = g_ptr_array_new ();
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  const char *sort = _rushes_fake_request_get_text (request, "sort");
  const char *order = _rushes_fake_request_get_text (request, "order");
  gboolean summary = g_strcmp0 (_rushes_fake_request_get_text (request, "summary"), "true") == 0;
  gboolean garbage_price;
  g_autofree char *error = NULL;
  guint64 start;
  guint64 limit;

  if (_rushes_fake_provider_take_fault (self->provider, "tool-list-malformed"))
    {
      respond_malformed_list (self, msg);
      return;
    }

  if (!get_count (request, "start", 0, &start, &error) ||
      !get_count (request, "limit", DEFAULT_LIMIT, &limit, &error))
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 0, error);
      return;
    }
  limit = CLAMP (limit, 1, MAX_LIMIT);

  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);

      if (tool_matches (tool, categories, tags, _rushes_fake_request_get_text (request, "search"),
                        _rushes_fake_request_get_text (request, "slugowner")))
        g_ptr_array_add (matched, tool);
    }

  /* "relevance" (and anything else) keeps the catalog's order. */
  if (g_strcmp0 (sort, "id") == 0)
    g_ptr_array_sort (matched, g_strcmp0 (order, "ASC") == 0 ? compare_ids_ascending : compare_ids_descending);

  garbage_price = _rushes_fake_provider_take_fault (self->provider, "tool-dynamicprice-garbage");
  for (guint64 i = start; i < matched->len && i < start + limit; i++)
    g_ptr_array_add (page, copy_tool (g_ptr_array_index (matched, i), summary, garbage_price));

  respond_tools (msg, page, matched->len);
}

static gboolean
drop_prompt (JsonNode *tool)
{
  JsonNode *groups = json_object_get_member (json_node_get_object (tool), "parameters");

  for (guint i = 0; groups != NULL && i < json_array_get_length (json_node_get_array (groups)); i++)
    {
      JsonObject *group = json_array_get_object_element (json_node_get_array (groups), i);
      JsonArray *items = get_array (group, "items");

      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          if (g_strcmp0 (get_string (json_array_get_object_element (items, j), "id"), "prompt") == 0)
            {
              json_array_remove_element (items, j);
              return TRUE;
            }
        }
    }

  return FALSE;
}

void
_rushes_fake_wiro_catalog_detail (RushesFakeWiroCatalog   *self,
                                  SoupServerMessage       *msg,
                                  const RushesFakeRequest *request)
{
  JsonObject *tool = lookup_tool (self, _rushes_fake_request_get_text (request, "slugowner"),
                                  _rushes_fake_request_get_text (request, "slugproject"));
  g_autoptr(GPtrArray) answer = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonNode *copy;

  if (tool == NULL)
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 1, "slug-owner-project-not-exist");
      return;
    }

  copy = copy_tool (tool, FALSE, _rushes_fake_provider_take_fault (self->provider, "tool-dynamicprice-garbage"));
  g_ptr_array_add (answer, copy);
  if (_rushes_fake_provider_take_fault (self->provider, "tool-parameters-null"))
    json_object_set_null_member (json_node_get_object (copy), "parameters");
  else if (_rushes_fake_provider_take_fault (self->provider, "tool-no-prompt"))
    g_assert (drop_prompt (copy));

  respond_tools (msg, answer, -1);
}

/* ------------------------------------------------------------------ */
/* What a Run of a listed model must satisfy */

typedef struct
{
  const RushesFakeRequest *request;
  char                    *error;
} CheckData;

static gboolean
is_url (const char *value)
{
  return g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://");
}

static gboolean
is_required (JsonObject *item)
{
  JsonNode *node = json_object_get_member (item, "required");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  return json_node_get_value_type (node) == G_TYPE_STRING && g_str_equal (json_node_get_string (node), "true");
}

/* Counts the entries of a file input: file parts and URLs under its id,
 * as text or a JSON array, and for fileinput and multifileinput the URLs
 * under "<id>Url" (comma-separated for multifileinput). */
static gboolean
count_files (const RushesFakeRequest  *request,
             const char               *id,
             const char               *type,
             guint                    *count,
             char                    **error)
{
  g_autofree char *url_id = g_strconcat (id, "Url", NULL);
  gboolean has_url_field = g_str_equal (type, "fileinput") || g_str_equal (type, "multifileinput");

  *count = 0;
  for (guint i = 0; i < request->fields->len; i++)
    {
      const RushesFakeField *field = g_ptr_array_index (request->fields, i);

      if (g_str_equal (field->name, id))
        {
          g_autoptr(JsonNode) node = NULL;
          JsonArray *array;

          if (field->data != NULL)
            {
              *count += 1;
              continue;
            }
          if (!field->is_json)
            {
              /* curl -F "inputImage=" sends an empty field: no file. */
              if (*field->value == '\0')
                continue;
              if (!is_url (field->value))
                goto invalid;
              *count += 1;
              continue;
            }

          node = json_from_string (field->value, NULL);
          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            goto invalid;
          array = json_node_get_array (node);
          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonNode *element = json_array_get_element (array, j);

              if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
                  !is_url (json_node_get_string (element)))
                goto invalid;
              *count += 1;
            }
        }
      else if (has_url_field && g_str_equal (field->name, url_id) && !field->is_json && field->data == NULL)
        {
          /* One URL for fileinput, a comma-separated list for multifileinput. */
          g_auto(GStrv) urls = g_str_equal (type, "multifileinput") ? g_strsplit (field->value, ",", -1)
                                                                     : g_strdupv ((char *[]) { field->value, NULL });

          for (guint j = 0; urls[j] != NULL; j++)
            {
              if (*g_strstrip (urls[j]) == '\0')
                continue;
              if (!is_url (urls[j]))
                goto invalid;
              *count += 1;
            }
        }
    }

  return TRUE;

invalid:
  *error = g_strdup_printf ("Request parameter [%s] must be a file or a URL", id);
  return FALSE;
}

static gboolean
check_file_item (JsonObject               *item,
                 const char               *id,
                 const char               *type,
                 const RushesFakeRequest  *request,
                 char                    **error)
{
  gint64 max = g_str_equal (type, "fileinput") ? 1 : json_object_get_int_member_with_default (item, "maxcount", 0);
  guint count;

  if (!count_files (request, id, type, &count, error))
    return FALSE;

  if (count == 0 && is_required (item))
    {
      *error = g_strdup_printf ("Request parameter [%s] required", id);
      return FALSE;
    }
  if (max > 0 && count > max)
    {
      *error = g_strdup_printf ("Request parameter [%s] accepts at most %" G_GINT64_FORMAT " item%s",
                                id, max, max == 1 ? "" : "s");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_value (JsonObject  *item,
             const char  *id,
             const char  *type,
             const char  *value,
             char       **error)
{
  if (g_str_equal (type, "select"))
    {
      JsonArray *options = get_array (item, "options");
      g_autoptr(GPtrArray) allowed = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;

      for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
        {
          JsonObject *option = json_array_get_object_element (options, i);
          char *text = dup_value_text (json_object_get_member (option, "value"));

          if (g_strcmp0 (text, value) == 0)
            {
              g_free (text);
              return TRUE;
            }
          if (text != NULL)
            g_ptr_array_add (allowed, text);
        }

      g_ptr_array_add (allowed, NULL);
      list = g_strjoinv (", ", (char **) allowed->pdata);
      *error = g_strdup_printf ("Request parameter [%s] must be one of %s", id, list);
      return FALSE;
    }

  if (g_str_equal (type, "range") || g_str_equal (type, "number") || g_str_equal (type, "float"))
    {
      double number;
      double min = -INFINITY;
      double max = INFINITY;
      char *end = NULL;

      get_number (json_object_get_member (item, "min"), &min);
      get_number (json_object_get_member (item, "max"), &max);
      number = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || !isfinite (number) || number < min || number > max)
        {
          if (isfinite (min) && isfinite (max))
            *error = g_strdup_printf ("Request parameter [%s] must be a number from %g to %g", id, min, max);
          else
            *error = g_strdup_printf ("Request parameter [%s] must be a number", id);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (type, "checkbox") && !g_str_equal (value, "true") && !g_str_equal (value, "false"))
    {
      *error = g_strdup_printf ("Request parameter [%s] must be true or false", id);
      return FALSE;
    }

  /* text, textarea and types this fake does not know take anything. */
  return TRUE;
}

static gboolean
check_item_cb (JsonObject *item,
               gpointer    user_data)
{
  CheckData *data = user_data;
  const char *id = get_string (item, "id");
  const char *type = get_string (item, "type");
  gboolean present = FALSE;

  if (id == NULL || type == NULL)
    return TRUE;

  if (g_str_has_suffix (type, "fileinput"))
    return check_file_item (item, id, type, data->request, &data->error);

  for (guint i = 0; i < data->request->fields->len; i++)
    {
      const RushesFakeField *field = g_ptr_array_index (data->request->fields, i);

      /* An empty value is no value: the model takes its default. */
      if (!g_str_equal (field->name, id) || (field->data == NULL && *field->value == '\0'))
        continue;
      if (field->data != NULL)
        {
          data->error = g_strdup_printf ("Request parameter [%s] must not be a file", id);
          return FALSE;
        }
      if (!check_value (item, id, type, field->value, &data->error))
        return FALSE;
      present = TRUE;
    }

  if (!present && is_required (item))
    {
      data->error = g_strdup_printf ("Request parameter [%s] required", id);
      return FALSE;
    }

  return TRUE;
}

/* Returns: %FALSE with @error when Wiro would refuse the Run of a listed
 *   model; models not in the catalog are accepted as sent. */
gboolean
_rushes_fake_wiro_catalog_check_run (RushesFakeWiroCatalog    *self,
                                     const char               *owner,
                                     const char               *project,
                                     const RushesFakeRequest  *request,
                                     char                    **error)
{
  JsonObject *tool = lookup_tool (self, owner, project);
  CheckData data = { request, NULL };

  if (tool == NULL || foreach_item (tool, check_item_cb, &data))
    return TRUE;

  *error = data.error;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* What a successful Run costs */

/* The value a task ran with: what it sent, or the item's default. */
static char *
dup_parameter (JsonObject *tool,
               JsonObject *parameters,
               const char *id)
{
  JsonObject *item;
  char *text = dup_value_text (json_object_get_member (parameters, id));

  if (text != NULL && *text != '\0')
    return text;
  g_free (text);

  item = find_item (tool, id);
  return item != NULL ? dup_value_text (json_object_get_member (item, "default")) : NULL;
}

/* "QUANTITY:<n>" matches when the input has n entries. */
static gboolean
row_matches (JsonObject *tool,
             JsonObject *parameters,
             JsonObject *inputs)
{
  g_autoptr(GList) names = json_object_get_members (inputs);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *wanted = dup_value_text (json_object_get_member (inputs, l->data));
      g_autofree char *value = dup_parameter (tool, parameters, l->data);

      if (wanted != NULL && g_str_has_prefix (wanted, "QUANTITY:"))
        {
          JsonNode *node = json_object_get_member (parameters, l->data);
          guint64 count = 0;

          if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
            count = json_array_get_length (json_node_get_array (node));
          else if (value != NULL && *value != '\0')
            count = 1;
          if (count != g_ascii_strtoull (wanted + strlen ("QUANTITY:"), NULL, 10))
            return FALSE;
        }
      else if (g_strcmp0 (wanted, value) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Returns: the seconds of video the task asked for, or 0 */
static double
get_seconds (JsonObject *tool,
             JsonObject *parameters)
{
  static const char * const names[] = { "durationSeconds", "duration", "seconds", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *value = dup_parameter (tool, parameters, names[i]);

      if (value != NULL)
        return g_ascii_strtod (value, NULL);
    }

  return 0;
}

/* Returns: (transfer full) (nullable): Task/Detail's totalcost for a
 *   successful run: the first dynamicprice row whose inputs the run matches
 *   (times the seconds asked for with cp-outputVideoLength, as the video
 *   the real model makes is that long), else approximatelycost; %NULL for
 *   a model not in the catalog. */
char *
_rushes_fake_wiro_catalog_dup_cost (RushesFakeWiroCatalog *self,
                                    const char            *owner,
                                    const char            *project,
                                    JsonObject            *parameters)
{
  JsonObject *tool = lookup_tool (self, owner, project);
  const char *dynamic;
  g_autoptr(JsonNode) rows = NULL;

  if (tool == NULL)
    return NULL;

  dynamic = get_string (tool, "dynamicprice");
  if (dynamic != NULL && *dynamic != '\0')
    rows = json_from_string (dynamic, NULL);

  for (guint i = 0; rows != NULL && JSON_NODE_HOLDS_ARRAY (rows) && i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      JsonObject *row = json_array_get_object_element (json_node_get_array (rows), i);
      double price;

      JsonObject *inputs = get_object (row, "inputs");

      if (inputs == NULL || !row_matches (tool, parameters, inputs) ||
          !get_number (json_object_get_member (row, "price"), &price))
        continue;
      if (g_strcmp0 (get_string (row, "priceMethod"), "cp-outputVideoLength") == 0)
        price *= get_seconds (tool, parameters);

      return g_strdup_printf ("%.12f", price);
    }

  return g_strdup (get_string (tool, "approximatelycost"));
}
