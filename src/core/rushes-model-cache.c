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

#define G_LOG_DOMAIN "rushes-model-cache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-model-cache-private.h"
#include "rushes-model-private.h"

/* A provider's live catalog as it is kept in $XDG_CACHE_HOME/rushes/models/:
 * a catalog file (data/models/FORMAT.md) with the provider, the time of
 * the listing and an index of every entry's summary before the entries:
 *
 *   {"format":1,"provider":"wiro","fetched_at":"…","index":[{"id",…},…],
 *   "models":[
 *   {entry},
 *   …
 *   ]}
 *
 * Opening it reads the index and finds where each entry starts and ends,
 * without parsing the entries: json-glib reads some 30 MB/s, too slow for
 * thousands of models at start-up. An entry is parsed when its model is
 * first needed, and a damaged one only spoils its own model. */

#define CACHE_FORMAT 1

void
_rushes_model_cache_entry_free (RushesModelCacheEntry *entry)
{
  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->vendor);
  g_free (entry->unavailable);
  g_clear_pointer (&entry->text, g_bytes_unref);
  g_free (entry);
}

static gsize
skip_space (const char *text,
            gsize       length,
            gsize       pos)
{
  while (pos < length && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t'))
    pos++;
  return pos;
}

/* The end of the string starting at @pos (its opening quote), or 0: the
 * next quote not escaped by an odd run of backslashes. */
static gsize
skip_string (const char *text,
             gsize       length,
             gsize       pos)
{
  for (pos++; pos < length;)
    {
      const char *quote = memchr (text + pos, '"', length - pos);
      gsize at, backslashes = 0;

      if (quote == NULL)
        return 0;
      at = quote - text;
      while (at - backslashes > pos && text[at - backslashes - 1] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        return at + 1;
      pos = at + 1;
    }
  return 0;
}

/* The end of the value starting at @pos, or 0 when the text ends first.
 * Only brackets are matched; the value's syntax is json-glib's to check. */
static gsize
skip_value (const char *text,
            gsize       length,
            gsize       pos)
{
  guint depth = 0;

  if (pos >= length)
    return 0;

  if (text[pos] == '"')
    return skip_string (text, length, pos);

  if (text[pos] != '{' && text[pos] != '[')
    {
      while (pos < length && strchr (",}] \n\r\t", text[pos]) == NULL)
        pos++;
      return pos;
    }

  for (; pos < length; pos++)
    {
      switch (text[pos])
        {
        case '"':
          pos = skip_string (text, length, pos);
          if (pos == 0)
            return 0;
          pos--;
          break;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            return pos + 1;
          break;
        default:
          break;
        }
    }

  return 0;
}

typedef struct
{
  gsize start;
  gsize end;
} Span;

static GArray *split_elements (const char *text, gsize length, gsize pos, gsize *end);

/* The spans of the top-level members @names of the object in @text; the
 * elements of the array member @split go to @elements as they are met. */
static gboolean
find_members (const char         *text,
              gsize               length,
              const char * const *names,
              Span               *spans,
              const char         *split,
              GArray            **elements)
{
  gsize pos = skip_space (text, length, 0);

  if (pos >= length || text[pos] != '{')
    return FALSE;
  pos++;

  for (;;)
    {
      gsize key_start, key_end, value_end;

      pos = skip_space (text, length, pos);
      if (pos < length && text[pos] == '}')
        return TRUE;
      if (pos >= length || text[pos] != '"')
        return FALSE;

      key_start = pos + 1;
      key_end = skip_string (text, length, pos);
      if (key_end == 0)
        return FALSE;

      pos = skip_space (text, length, key_end);
      if (pos >= length || text[pos] != ':')
        return FALSE;
      pos = skip_space (text, length, pos + 1);
      if (key_end - 1 - key_start == strlen (split) && memcmp (text + key_start, split, strlen (split)) == 0 &&
          *elements == NULL)
        *elements = split_elements (text, length, pos, &value_end);
      else
        value_end = skip_value (text, length, pos);
      if (value_end == 0)
        return FALSE;

      for (guint i = 0; names[i] != NULL; i++)
        if (key_end - 1 - key_start == strlen (names[i]) && memcmp (text + key_start, names[i], strlen (names[i])) == 0)
          {
            spans[i].start = pos;
            spans[i].end = value_end;
          }

      pos = skip_space (text, length, value_end);
      if (pos < length && text[pos] == ',')
        pos++;
      else if (pos < length && text[pos] == '}')
        return TRUE;
      else
        return FALSE;
    }
}

/* The spans of the elements of the array at @pos; @end gets where it
 * ends (0 when it does not). */
static GArray *
split_elements (const char *text,
                gsize       length,
                gsize       pos,
                gsize      *end)
{
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (Span));

  *end = 0;
  if (pos >= length || text[pos] != '[')
    return NULL;
  pos = skip_space (text, length, pos + 1);
  if (pos < length && text[pos] == ']')
    {
      *end = pos + 1;
      return g_steal_pointer (&elements);
    }

  for (;;)
    {
      Span element;

      pos = skip_space (text, length, pos);
      element.start = pos;
      element.end = skip_value (text, length, pos);
      if (element.end == 0)
        return NULL;
      g_array_append_val (elements, element);

      pos = skip_space (text, length, element.end);
      if (pos < length && text[pos] == ',')
        pos++;
      else if (pos < length && text[pos] == ']')
        {
          *end = pos + 1;
          return g_steal_pointer (&elements);
        }
      else
        return NULL;
    }
}

static JsonNode *
parse_span (const char  *text,
            Span         span,
            GError     **error)
{
  if (span.end <= span.start)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("a member is missing"));
      return NULL;
    }
  return rushes_json_parse (text + span.start, span.end - span.start, RUSHES_JSON_MAX_CATALOG, error);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* What a model starts from, so that the picker filters on it without
 * reading every entry; anything unexpected leaves it unsaid. */
static guint
summary_modes (JsonObject *summary)
{
  JsonNode *node = json_object_get_member (summary, "modes");
  JsonArray *array;
  guint modes = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      RushesGenerationMode mode;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          !rushes_generation_mode_from_string (json_node_get_string (element), &mode))
        return 0;
      modes |= RUSHES_MODEL_MODE_BIT (mode);
    }

  return modes;
}

/**
 * _rushes_model_cache_read:
 * @text: a cache file
 * @provider_id: the provider it must be of
 * @fetched_at: (out): when the listing was read
 * @entries: (out) (element-type RushesModelCacheEntry): the entries'
 *   summaries, each with its own text
 *
 * Returns: %TRUE, or %FALSE with a %RUSHES_ERROR_INVALID_INPUT when the
 *   file is not a cache of @provider_id as Rushes writes it
 */
gboolean
_rushes_model_cache_read (GBytes      *text,
                          const char  *provider_id,
                          GDateTime  **fetched_at,
                          GPtrArray  **entries,
                          GError     **error)
{
  static const char * const names[] = { "format", "provider", "fetched_at", "index", NULL };
  enum { FORMAT, PROVIDER, FETCHED_AT, INDEX };
  Span spans[G_N_ELEMENTS (names)] = { { 0, 0 } };
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) _rushes_model_cache_entry_free);
  g_autoptr(JsonNode) format = NULL;
  g_autoptr(JsonNode) provider = NULL;
  g_autoptr(JsonNode) time = NULL;
  g_autoptr(JsonNode) index = NULL;
  g_autoptr(GArray) models = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;
  JsonArray *summaries;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (provider_id != NULL, FALSE);

  data = g_bytes_get_data (text, &length);
  if (data == NULL || length > RUSHES_JSON_MAX_CATALOG || !find_members (data, length, names, spans, "models", &models))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("not a cached model list (not a JSON object)"));
      return FALSE;
    }

  format = parse_span (data, spans[FORMAT], NULL);
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64 ||
      json_node_get_int (format) != CACHE_FORMAT)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, _("“format” must be %d"), CACHE_FORMAT);
      return FALSE;
    }

  provider = parse_span (data, spans[PROVIDER], NULL);
  if (provider == NULL || !JSON_NODE_HOLDS_VALUE (provider) ||
      json_node_get_value_type (provider) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (provider), provider_id) != 0)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("“provider” must be “%s”"), provider_id);
      return FALSE;
    }

  time = parse_span (data, spans[FETCHED_AT], NULL);
  if (time != NULL && JSON_NODE_HOLDS_VALUE (time) && json_node_get_value_type (time) == G_TYPE_STRING)
    when = g_date_time_new_from_iso8601 (json_node_get_string (time), NULL);
  if (when == NULL)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("“fetched_at” must be an ISO 8601 time"));
      return FALSE;
    }

  index = parse_span (data, spans[INDEX], &local_error);
  if (index == NULL || !JSON_NODE_HOLDS_ARRAY (index) || models == NULL ||
      json_array_get_length (json_node_get_array (index)) != models->len)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("its index does not match its models"));
      return FALSE;
    }

  summaries = json_node_get_array (index);
  for (guint i = 0; i < models->len; i++)
    {
      JsonNode *node = json_array_get_element (summaries, i);
      JsonObject *summary = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      Span span = g_array_index (models, Span, i);
      RushesModelCacheEntry *entry;
      const char *id = summary != NULL ? get_string (summary, "id") : NULL;
      const char *name = summary != NULL ? get_string (summary, "name") : NULL;

      /* The entry's own id is checked when it is read. */
      if (id == NULL || name == NULL || !g_str_has_prefix (id, provider_id) || id[strlen (provider_id)] != '/')
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("index[%u] needs an “id” of %s and a “name”"), i, provider_id);
          return FALSE;
        }

      entry = g_new0 (RushesModelCacheEntry, 1);
      entry->id = g_strdup (id);
      entry->name = g_strdup (name);
      entry->vendor = g_strdup (get_string (summary, "vendor"));
      entry->unavailable = g_strdup (get_string (summary, "unavailable"));
      entry->retired = json_object_get_boolean_member_with_default (summary, "retired", FALSE);
      entry->modes = summary_modes (summary);
      entry->text = g_bytes_new_from_bytes (text, span.start, span.end - span.start);
      g_ptr_array_add (result, entry);
    }

  *fetched_at = g_steal_pointer (&when);
  *entries = g_steal_pointer (&result);
  return TRUE;
}

static void
add_summary_string (JsonObject *summary,
                    JsonObject *entry,
                    const char *member)
{
  const char *value = get_string (entry, member);

  if (value != NULL)
    json_object_set_string_member (summary, member, value);
}

/**
 * _rushes_model_cache_write:
 * @entries: catalog entries (objects)
 *
 * Returns: (transfer full): the cache file for @entries
 */
GBytes *
_rushes_model_cache_write (const char *provider_id,
                           GDateTime  *fetched_at,
                           JsonArray  *entries)
{
  g_autoptr(JsonArray) index = json_array_new ();
  g_autoptr(JsonNode) index_node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *index_text = NULL;
  g_autofree char *time = NULL;
  g_autofree char *provider = NULL;
  GString *text;

  g_return_val_if_fail (provider_id != NULL, NULL);
  g_return_val_if_fail (fetched_at != NULL, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *summary = json_object_new ();

      add_summary_string (summary, entry, "id");
      add_summary_string (summary, entry, "name");
      add_summary_string (summary, entry, "vendor");
      add_summary_string (summary, entry, "unavailable");
      if (json_object_get_boolean_member_with_default (entry, "retired", FALSE))
        json_object_set_boolean_member (summary, "retired", TRUE);
      if (json_object_has_member (entry, "modes"))
        json_object_set_member (summary, "modes", json_node_copy (json_object_get_member (entry, "modes")));
      json_array_add_object_element (index, summary);
    }
  json_node_set_array (index_node, index);
  index_text = rushes_json_to_string (index_node, FALSE);

  {
    g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), provider_id);

    provider = rushes_json_to_string (node, FALSE);
  }
  time = g_date_time_format_iso8601 (fetched_at);

  text = g_string_new (NULL);
  g_string_append_printf (text, "{\"format\":%d,\"provider\":%s,\"fetched_at\":\"%s\",\"index\":%s,\n\"models\":[",
                          CACHE_FORMAT, provider, time, index_text);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      g_autofree char *entry = rushes_json_to_string (json_array_get_element (entries, i), FALSE);

      g_string_append (text, i > 0 ? ",\n" : "\n");
      g_string_append (text, entry);
    }
  g_string_append (text, "\n]}\n");

  return g_string_free_to_bytes (text);
}
