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

#define G_LOG_DOMAIN "rushes-model-merge"

#include "config.h"

#include "rushes-json.h"
#include "rushes-model-cache-private.h"

/* A built-in entry and the live entry of the same id become one: the live
 * schema decides which settings and values exist today and how they travel
 * (controls, request, path, modes, prices when it has some); the built-in
 * entry keeps what was written by hand: the name, description, notes, the
 * retired mark, the polling hints, the constraints (as far as the live
 * values still allow them) and, for controls both have, the limits of
 * texts and images. Every difference is noted for RUSHES_DEBUG=catalog. */

static void
note (GPtrArray  *notes,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
note (GPtrArray  *notes,
      const char *format,
      ...)
{
  va_list args;

  if (notes == NULL)
    return;

  va_start (args, format);
  g_ptr_array_add (notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* json_node_copy() shares objects and arrays: this copies them too. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *copy = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      JsonNode *result = json_node_new (JSON_NODE_OBJECT);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data, deep_copy (json_object_get_member (object, l->data)));
      json_node_take_object (result, copy);
      return result;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, deep_copy (json_array_get_element (array, i)));
      json_node_take_array (result, copy);
      return result;
    }

  return json_node_copy (node);
}

static char *
node_text (JsonNode *node)
{
  return node != NULL ? rushes_json_to_string (node, FALSE) : g_strdup ("nothing");
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *member)
{
  JsonNode *node = json_object_get_member (from, member);

  if (node != NULL)
    json_object_set_member (to, member, deep_copy (node));
  else if (json_object_has_member (to, member))
    json_object_remove_member (to, member);
}

/* The wire field the request sends a control in, for notes. */
static const char *
field_of (JsonObject *entry,
          const char *control)
{
  JsonArray *request = get_array (entry, "request");

  for (guint i = 0; request != NULL && i < json_array_get_length (request); i++)
    {
      JsonObject *mapping = json_array_get_object_element (request, i);
      JsonNode *from = mapping != NULL ? json_object_get_member (mapping, "from") : NULL;

      if (from != NULL && JSON_NODE_HOLDS_VALUE (from) && json_node_get_value_type (from) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (from), control) == 0)
        return json_object_get_string_member_with_default (mapping, "field", NULL);
    }

  return NULL;
}

/* Whether @value (a JSON scalar) is among the values the live control
 * offers; controls without a list of values take anything. */
static gboolean
live_offers (JsonObject *control,
             JsonNode   *value)
{
  JsonArray *values = get_array (control, "values");
  g_autofree char *wanted = node_text (value);

  if (values == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      g_autofree char *offered = node_text (json_array_get_element (values, i));

      /* 8 and "8" are the same duration. */
      if (g_str_equal (offered, wanted) ||
          (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
           g_strcmp0 (json_node_get_string (value), offered) == 0))
        return TRUE;
    }

  return FALSE;
}

/* Keeps of @conditions ({"control": value or [values]}) the values the
 * live controls still offer; %NULL when a condition keeps none. */
static JsonObject *
filter_conditions (JsonObject *conditions,
                   JsonObject *live_controls,
                   const char *id,
                   guint       index,
                   GPtrArray  *notes)
{
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (conditions);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (conditions, name);
      JsonObject *control = get_object (live_controls, name);
      g_autoptr(JsonArray) kept = json_array_new ();

      if (control == NULL && !g_str_equal (name, "mode"))
        {
          note (notes, "%s: built-in constraint %u is about “%s”, which the live schema does not have; dropped",
                id, index, name);
          return NULL;
        }

      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *values = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (values); i++)
            if (control == NULL || live_offers (control, json_array_get_element (values, i)))
              json_array_add_element (kept, deep_copy (json_array_get_element (values, i)));
            else
              {
                g_autofree char *text = node_text (json_array_get_element (values, i));

                note (notes, "%s: built-in constraint %u names %s %s, which the live schema does not offer",
                      id, index, name, text);
              }
        }
      else if (control == NULL || live_offers (control, value))
        json_array_add_element (kept, deep_copy (value));

      if (json_array_get_length (kept) == 0)
        {
          note (notes, "%s: built-in constraint %u no longer applies to the live schema; dropped", id, index);
          return NULL;
        }
      json_object_set_array_member (result, name, g_steal_pointer (&kept));
    }

  return g_steal_pointer (&result);
}

static void
merge_constraints (JsonObject *merged,
                   JsonObject *builtin,
                   const char *id,
                   GPtrArray  *notes)
{
  JsonArray *constraints = get_array (builtin, "constraints");
  JsonObject *live_controls = get_object (merged, "controls");
  g_autoptr(JsonArray) kept = json_array_new ();

  if (json_object_has_member (merged, "constraints"))
    note (notes, "%s: the live entry's own constraints give way to the built-in ones", id);

  for (guint i = 0; constraints != NULL && i < json_array_get_length (constraints); i++)
    {
      JsonObject *constraint = json_array_get_object_element (constraints, i);
      g_autoptr(JsonObject) when = NULL;
      g_autoptr(JsonObject) allow = NULL;
      JsonObject *copy;

      if (constraint == NULL || get_object (constraint, "when") == NULL || get_object (constraint, "allow") == NULL)
        continue;

      when = filter_conditions (get_object (constraint, "when"), live_controls, id, i, notes);
      allow = when != NULL ? filter_conditions (get_object (constraint, "allow"), live_controls, id, i, notes) : NULL;
      if (allow == NULL)
        continue;

      copy = json_object_new ();
      json_object_set_object_member (copy, "when", g_steal_pointer (&when));
      json_object_set_object_member (copy, "allow", g_steal_pointer (&allow));
      if (json_object_has_member (constraint, "message"))
        copy_member (copy, constraint, "message");
      json_array_add_object_element (kept, copy);
    }

  if (json_array_get_length (kept) > 0)
    json_object_set_array_member (merged, "constraints", g_steal_pointer (&kept));
  else if (json_object_has_member (merged, "constraints"))
    json_object_remove_member (merged, "constraints");
}

/* What a control offers, as text: its values, a choice's range spelt
 * out, or an integer's bounds; NULL for anything. */
static char *
effective_values (JsonObject *control)
{
  JsonArray *values = get_array (control, "values");
  JsonNode *min = json_object_get_member (control, "min");
  JsonNode *max = json_object_get_member (control, "max");
  GString *text;

  if (values != NULL)
    return node_text (json_object_get_member (control, "values"));
  if (min == NULL || max == NULL || !JSON_NODE_HOLDS_VALUE (min) || !JSON_NODE_HOLDS_VALUE (max))
    return NULL;

  /* A choice's range reads as the list of its values, the way a live
   * schema gives them. */
  if (!json_object_has_member (control, "kind") || g_strcmp0 (json_object_get_string_member_with_default (control, "kind", NULL), "choice") == 0)
    {
      double step = json_object_get_double_member_with_default (control, "step", 1);
      double from = json_node_get_double (min), to = json_node_get_double (max);

      if (step >= 1 && to >= from && (to - from) / step <= 1000)
        {
          text = g_string_new ("[");
          for (double v = from; v <= to; v += step)
            g_string_append_printf (text, "%s%.0f", v > from ? "," : "", v);
          g_string_append_c (text, ']');
          return g_string_free (text, FALSE);
        }
    }

  return g_strdup_printf ("%.15g…%.15g", json_node_get_double (min), json_node_get_double (max));
}

/* The strings both arrays hold; NULL when none, or when one is missing. */
static JsonArray *
intersect_strings (JsonArray *a,
                   JsonArray *b)
{
  g_autoptr(JsonArray) both = json_array_new ();

  if (a == NULL || b == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *node = json_array_get_element (a, i);
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (b) && !found; j++)
        found = nodes_equal (node, json_array_get_element (b, j));
      if (found)
        json_array_add_element (both, deep_copy (node));
    }

  return json_array_get_length (both) > 0 ? g_steal_pointer (&both) : NULL;
}

/* The smaller of two limits, either of which may be missing. */
static void
keep_smaller (JsonObject *live,
              JsonObject *builtin,
              const char *member)
{
  JsonNode *was = json_object_get_member (builtin, member);
  JsonNode *now = json_object_get_member (live, member);

  if (was == NULL || !JSON_NODE_HOLDS_VALUE (was))
    return;
  if (now == NULL || !JSON_NODE_HOLDS_VALUE (now) || json_node_get_double (was) < json_node_get_double (now))
    json_object_set_member (live, member, deep_copy (was));
}

/* The hand-written limits of a control both entries have: they narrow
 * what the live schema takes, never widen it (a live image given as a URL
 * only stays so). */
static void
merge_control (JsonObject *live,
               JsonObject *builtin,
               const char *id,
               const char *name,
               GPtrArray  *notes)
{
  static const char * const narrowed[] = { "formats", "sources", NULL };
  g_autofree char *was_values = effective_values (builtin);
  g_autofree char *now_values = effective_values (live);
  gboolean was_required = json_object_get_boolean_member_with_default (builtin, "required",
                                                                       g_str_equal (name, "prompt"));
  gboolean now_required = json_object_get_boolean_member_with_default (live, "required",
                                                                       g_str_equal (name, "prompt"));

  if (g_strcmp0 (was_values, now_values) != 0)
    note (notes, "%s: %s offers %s built in and %s live; live wins", id, name,
          was_values != NULL ? was_values : "anything", now_values != NULL ? now_values : "anything");
  if (!nodes_equal (json_object_get_member (builtin, "default"), json_object_get_member (live, "default")))
    {
      g_autofree char *was_text = node_text (json_object_get_member (builtin, "default"));
      g_autofree char *now_text = node_text (json_object_get_member (live, "default"));

      note (notes, "%s: %s defaults to %s built in and to %s live; live wins", id, name, was_text, now_text);
    }
  if (was_required != now_required)
    note (notes, "%s: %s is %s built in and %s live; live wins", id, name,
          was_required ? "required" : "optional", now_required ? "required" : "optional");
  if (!g_str_equal (name, "image") &&
      !nodes_equal (json_object_get_member (builtin, "modes"), json_object_get_member (live, "modes")))
    {
      g_autofree char *was_text = node_text (json_object_get_member (builtin, "modes"));
      g_autofree char *now_text = node_text (json_object_get_member (live, "modes"));

      note (notes, "%s: %s exists in %s built in and in %s live; live wins", id, name,
            json_object_has_member (builtin, "modes") ? was_text : "every mode",
            json_object_has_member (live, "modes") ? now_text : "every mode");
    }

  keep_smaller (live, builtin, "max_length");
  keep_smaller (live, builtin, "max_bytes");
  if (json_object_has_member (builtin, "min_length"))
    copy_member (live, builtin, "min_length");

  for (guint i = 0; narrowed[i] != NULL; i++)
    {
      JsonArray *both = intersect_strings (get_array (live, narrowed[i]), get_array (builtin, narrowed[i]));

      if (both != NULL)
        json_object_set_array_member (live, narrowed[i], both);
      else if (get_array (live, narrowed[i]) == NULL && get_array (builtin, narrowed[i]) != NULL)
        copy_member (live, builtin, narrowed[i]);
    }
}

static gboolean
has_price_list (JsonObject *entry)
{
  JsonArray *rules = get_array (entry, "price");

  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (rule != NULL && g_strcmp0 (json_object_get_string_member_with_default (rule, "source", NULL),
                                     "price-list") == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * _rushes_model_merge_entries:
 * @builtin: a built-in catalog entry
 * @live: the live entry of the same id (available)
 * @notes: (element-type utf8) (nullable): where each difference is told
 *
 * Returns: (transfer full): the merged entry
 */
JsonNode *
_rushes_model_merge_entries (JsonObject *builtin,
                             JsonObject *live,
                             GPtrArray  *notes)
{
  static const char * const kept[] = {
    "name", "description", "retired", "retired_note", "polling", NULL
  };
  g_autoptr(JsonNode) live_node = json_node_init_object (json_node_alloc (), live);
  g_autoptr(JsonNode) merged_node = deep_copy (live_node);
  JsonObject *merged = json_node_get_object (merged_node);
  const char *id = json_object_get_string_member_with_default (live, "id", "?");
  JsonObject *builtin_controls = get_object (builtin, "controls");
  JsonObject *live_controls = get_object (merged, "controls");
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (builtin != NULL && live != NULL, NULL);

  for (guint i = 0; kept[i] != NULL; i++)
    {
      JsonNode *was = json_object_get_member (builtin, kept[i]);
      JsonNode *now = json_object_get_member (live, kept[i]);

      if (now != NULL && !nodes_equal (was, now) && g_strcmp0 (kept[i], "description") != 0)
        {
          g_autofree char *was_text = node_text (was);
          g_autofree char *now_text = node_text (now);

          note (notes, "%s: %s is %s built in and %s live; the built-in one is kept", id, kept[i], was_text, now_text);
        }
      copy_member (merged, builtin, kept[i]);
    }
  if (json_object_has_member (builtin, "vendor"))
    copy_member (merged, builtin, "vendor");

  {
    JsonNode *was = json_object_get_member (builtin, "path");
    JsonNode *now = json_object_get_member (live, "path");

    if (!nodes_equal (was, now))
      {
        g_autofree char *was_text = node_text (was);
        g_autofree char *now_text = node_text (now);

        note (notes, "%s: path is %s built in and %s live; live wins", id, was_text, now_text);
      }
    if (!nodes_equal (json_object_get_member (builtin, "modes"), json_object_get_member (live, "modes")))
      {
        g_autofree char *was_text = node_text (json_object_get_member (builtin, "modes"));
        g_autofree char *now_text = node_text (json_object_get_member (live, "modes"));

        note (notes, "%s: modes are %s built in and %s live; live wins", id, was_text, now_text);
      }
  }

  /* Prices: the provider's price list when its listing has one; else the
   * built-in hints, written for these settings, before the provider's
   * rough cost of a run. */
  if (has_price_list (live) || get_array (builtin, "price") == NULL)
    {
      if (get_array (builtin, "price") != NULL)
        note (notes, "%s: the built-in price hints give way to the live price list", id);
    }
  else
    {
      copy_member (merged, builtin, "price");
      copy_member (merged, builtin, "price_note");
    }

  names = builtin_controls != NULL ? json_object_get_members (builtin_controls) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *now = get_object (live_controls, l->data);

      if (now == NULL)
        note (notes, "%s: control %s is built in but not in the live schema; dropped", id, (const char *) l->data);
      else
        {
          const char *was_field = field_of (builtin, l->data);
          const char *now_field = field_of (live, l->data);

          if (g_strcmp0 (was_field, now_field) != 0)
            note (notes, "%s: %s travels as “%s” built in and as “%s” live; live wins", id, (const char *) l->data,
                  was_field != NULL ? was_field : "?", now_field != NULL ? now_field : "?");
          merge_control (now, get_object (builtin_controls, l->data), id, l->data, notes);
        }
    }
  g_clear_pointer (&names, g_list_free);
  names = live_controls != NULL ? json_object_get_members (live_controls) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    if (get_object (builtin_controls, l->data) == NULL)
      note (notes, "%s: the live schema adds control %s", id, (const char *) l->data);

  merge_constraints (merged, builtin, id, notes);

  return g_steal_pointer (&merged_node);
}
