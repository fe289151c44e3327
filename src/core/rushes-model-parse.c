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

#define G_LOG_DOMAIN "rushes-model-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-image-format.h"
#include "rushes-model-private.h"

/* Reading one entry of a catalog file into a RushesModel. Entries are
 * described in data/models/FORMAT.md; anything the format does not allow
 * is refused with where it is ("model “x”, controls.duration: …"), so
 * the rest of the model's code can rely on what is checked here. */

/* A JSON string, integer or boolean as app-level text ("8", "true"). */
gboolean
_rushes_model_scalar_to_string (JsonNode  *node,
                                char     **out)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    case G_TYPE_INT64:
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    case G_TYPE_BOOLEAN:
      *out = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static const char *
get_string (JsonObject  *object,
            const char  *member,
            gboolean     required,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                     _("%s: “%s” is missing"), where, member);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “%s” must be a non-empty string"), where, member);
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     char       **out,
                     const char  *where,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  value = get_string (object, member, TRUE, where, error);
  if (value == NULL)
    return FALSE;

  *out = g_strdup (value);
  return TRUE;
}

static gboolean
get_number (JsonObject  *object,
            const char  *member,
            double       min,
            double       max,
            double      *out,
            const char  *where,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL)
    return TRUE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “%s” must be a number"), where, member);
      return FALSE;
    }

  *out = json_node_get_double (node);
  if (*out < min || *out > max)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “%s” is out of range"), where, member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *member,
             gboolean     fallback,
             gboolean    *out,
             const char  *where,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = fallback;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “%s” must be true or false"), where, member);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A string or an array of strings → GStrv. */
static char **
get_string_list (JsonObject  *object,
                 const char  *member,
                 const char  *where,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GStrvBuilder *builder;
  char **result;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *single[] = { (char *)json_node_get_string (node), NULL };

      return g_strdupv (single);
    }

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “%s” must be a string or a non-empty array of strings"), where, member);
      return NULL;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_strv_builder_unref (builder);
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: “%s” must contain strings only"), where, member);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/* "value_labels": {"std": "Standard"} → one label per value, the value
 * itself where none is given. */
static char **
parse_value_labels (JsonObject  *object,
                    char       **values,
                    const char  *where,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, "value_labels");
  JsonObject *labels;
  GStrvBuilder *builder;
  char **result;

  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “value_labels” must be an object"), where);
      return NULL;
    }
  labels = node != NULL ? json_node_get_object (node) : NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; values[i] != NULL; i++)
    {
      JsonNode *label = labels != NULL ? json_object_get_member (labels, values[i]) : NULL;

      if (label != NULL && (!JSON_NODE_HOLDS_VALUE (label) || json_node_get_value_type (label) != G_TYPE_STRING))
        {
          g_strv_builder_unref (builder);
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: the label of “%s” must be a string"), where, values[i]);
          return NULL;
        }
      g_strv_builder_add (builder, label != NULL ? json_node_get_string (label) : values[i]);
    }

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

static gboolean
parse_modes (JsonObject  *object,
             guint       *modes,
             const char  *where,
             GError     **error)
{
  g_auto(GStrv) names = NULL;

  *modes = RUSHES_MODEL_ALL_MODES;
  if (!json_object_has_member (object, "modes"))
    return TRUE;

  names = get_string_list (object, "modes", where, error);
  if (names == NULL)
    return FALSE;

  *modes = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      RushesGenerationMode mode;

      if (!rushes_generation_mode_from_string (names[i], &mode))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: unknown mode “%s” (use text-to-video or image-to-video)"),
                       where, names[i]);
          return FALSE;
        }
      *modes |= RUSHES_MODEL_MODE_BIT (mode);
    }

  return TRUE;
}

static Control *
parse_control (const char  *name,
               JsonNode    *node,
               const char  *model_where,
               GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s, controls.%s", model_where, name);
  Control *control;
  JsonObject *object;
  const char *kind_name;
  gboolean flag;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: must be an object"), where);
      return NULL;
    }
  object = json_node_get_object (node);

  control = g_new0 (Control, 1);
  control->name = g_strdup (name);
  control->kind = G_MAXINT;
  control->min = G_MININT32;
  control->max = G_MAXINT32;

  if (rushes_control_get_builtin_kind (name, &control->kind))
    control->label = g_strdup (rushes_control_get_label (name));

  if (json_object_has_member (object, "label"))
    {
      const char *label = get_string (object, "label", TRUE, where, error);

      if (label == NULL)
        goto failed;
      g_free (control->label);
      control->label = g_strdup (label);
    }
  if (control->label == NULL)
    control->label = g_strdup (name);
  if (!get_optional_string (object, "description", &control->description, where, error))
    goto failed;

  kind_name = json_object_has_member (object, "kind") ? get_string (object, "kind", TRUE, where, error) : NULL;
  if (kind_name == NULL && json_object_has_member (object, "kind"))
    goto failed;
  if (kind_name != NULL)
    {
      RushesControlKind kind;

      if (!rushes_control_kind_from_string (kind_name, &kind) ||
          (control->kind != (RushesControlKind) G_MAXINT && control->kind != kind))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: kind “%s” is not possible here"), where, kind_name);
          goto failed;
        }
      control->kind = kind;
    }
  if (control->kind == (RushesControlKind) G_MAXINT)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: unknown control; give its “kind”"), where);
      goto failed;
    }

  if (!parse_modes (object, &control->modes, where, error))
    goto failed;

  if (!get_boolean (object, "required", g_str_equal (name, RUSHES_CONTROL_PROMPT), &flag, where, error))
    goto failed;
  control->required = flag;

  switch (control->kind)
    {
    case RUSHES_CONTROL_KIND_TEXT:
      {
        double max_length = 0, min_length = 0;

        if (!get_number (object, "max_length", 1, G_MAXINT, &max_length, where, error) ||
            !get_number (object, "min_length", 0, G_MAXINT, &min_length, where, error))
          goto failed;
        control->max_length = (guint) max_length;
        control->min_length = (guint) min_length;
      }
      break;

    case RUSHES_CONTROL_KIND_IMAGE:
      {
        g_auto(GStrv) sources = NULL;
        double max_bytes = 0;

        if (json_object_has_member (object, "formats"))
          {
            control->formats = get_string_list (object, "formats", where, error);
            if (control->formats == NULL)
              goto failed;
            for (guint i = 0; control->formats[i] != NULL; i++)
              if (rushes_image_format_get_mime_type (control->formats[i]) == NULL)
                {
                  g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                               _("%s: unknown image format “%s” (use jpeg, png or webp)"),
                               where, control->formats[i]);
                  goto failed;
                }
          }
        else
          {
            control->formats = g_strdupv ((char **) rushes_image_format_list ());
          }

        if (!get_number (object, "max_bytes", 1, (double) G_MAXINT64, &max_bytes, where, error))
          goto failed;
        control->max_bytes = (guint64) max_bytes;

        control->accept_file = control->accept_url = TRUE;
        if (json_object_has_member (object, "sources"))
          {
            sources = get_string_list (object, "sources", where, error);
            if (sources == NULL)
              goto failed;
            control->accept_file = _rushes_model_value_in (sources, "file");
            control->accept_url = _rushes_model_value_in (sources, "url");
            if (g_strv_length (sources) != (guint) control->accept_file + control->accept_url)
              {
                g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                             _("%s: “sources” may contain only “file” and “url”"), where);
                goto failed;
              }
          }
      }
      break;

    case RUSHES_CONTROL_KIND_CHOICE:
      {
        JsonNode *values = json_object_get_member (object, "values");
        GStrvBuilder *builder = g_strv_builder_new ();
        gboolean all_integers = TRUE;

        if (values != NULL && JSON_NODE_HOLDS_ARRAY (values) &&
            json_array_get_length (json_node_get_array (values)) > 0)
          {
            JsonArray *array = json_node_get_array (values);

            for (guint i = 0; i < json_array_get_length (array); i++)
              {
                JsonNode *element = json_array_get_element (array, i);
                g_autofree char *text = NULL;

                if (!_rushes_model_scalar_to_string (element, &text) ||
                    json_node_get_value_type (element) == G_TYPE_BOOLEAN)
                  {
                    g_strv_builder_unref (builder);
                    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                                 _("%s: “values” must hold strings or whole numbers"), where);
                    goto failed;
                  }
                all_integers &= node_is_integer (element);
                g_strv_builder_add (builder, text);
              }
          }
        else if (values == NULL && json_object_has_member (object, "min") && json_object_has_member (object, "max"))
          {
            double min = 0, max = 0, step = 1;

            if (!get_number (object, "min", G_MININT32, G_MAXINT32, &min, where, error) ||
                !get_number (object, "max", min, min + 1000, &max, where, error) ||
                !get_number (object, "step", 1, 1000, &step, where, error))
              {
                g_strv_builder_unref (builder);
                goto failed;
              }
            for (gint64 v = (gint64) min; v <= (gint64) max; v += (gint64) step)
              {
                g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);

                g_strv_builder_add (builder, text);
              }
          }
        else
          {
            g_strv_builder_unref (builder);
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("%s: give “values” (a non-empty array) or “min” and “max”"), where);
            goto failed;
          }

        control->values = g_strv_builder_end (builder);
        g_strv_builder_unref (builder);
        control->integer_values = all_integers;
        control->value_labels = parse_value_labels (object, control->values, where, error);
        if (control->value_labels == NULL)
          goto failed;

        if (g_str_equal (name, RUSHES_CONTROL_DURATION))
          for (guint i = 0; control->values[i] != NULL; i++)
            if (!all_integers || g_ascii_strtoll (control->values[i], NULL, 10) <= 0)
              {
                g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                             _("%s: durations are whole seconds greater than 0"), where);
                goto failed;
              }
      }
      break;

    case RUSHES_CONTROL_KIND_INTEGER:
      {
        double min = control->min, max = control->max, step = 0;

        if (!get_number (object, "min", (double) G_MININT64, (double) G_MAXINT64, &min, where, error) ||
            !get_number (object, "max", min, (double) G_MAXINT64, &max, where, error) ||
            !get_number (object, "step", 0, (double) G_MAXINT32, &step, where, error))
          goto failed;
        if (step != floor (step))
          {
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("%s: “step” must be a whole number"), where);
            goto failed;
          }
        control->min = (gint64) min;
        control->max = (gint64) max;
        control->step = step;
      }
      break;

    case RUSHES_CONTROL_KIND_NUMBER:
      control->number_min = -G_MAXDOUBLE;
      control->number_max = G_MAXDOUBLE;
      if (!get_number (object, "min", -G_MAXDOUBLE, G_MAXDOUBLE, &control->number_min, where, error) ||
          !get_number (object, "max", control->number_min, G_MAXDOUBLE, &control->number_max, where, error) ||
          !get_number (object, "step", 0, G_MAXDOUBLE, &control->step, where, error))
        goto failed;
      break;

    case RUSHES_CONTROL_KIND_BOOLEAN:
      break;

    default:
      g_assert_not_reached ();
    }

  if (json_object_has_member (object, "default"))
    {
      JsonNode *node_default = json_object_get_member (object, "default");
      g_autofree char *text = NULL;
      gboolean valid = _rushes_model_scalar_to_string (node_default, &text);

      switch (control->kind)
        {
        case RUSHES_CONTROL_KIND_CHOICE:
          valid = valid && _rushes_model_value_in (control->values, text);
          break;
        case RUSHES_CONTROL_KIND_INTEGER:
          valid = valid && node_is_integer (node_default) &&
                  json_node_get_int (node_default) >= control->min &&
                  json_node_get_int (node_default) <= control->max;
          break;
        case RUSHES_CONTROL_KIND_BOOLEAN:
          valid = valid && json_node_get_value_type (node_default) == G_TYPE_BOOLEAN;
          break;
        case RUSHES_CONTROL_KIND_NUMBER:
          valid = node_is_number (node_default) &&
                  json_node_get_double (node_default) >= control->number_min &&
                  json_node_get_double (node_default) <= control->number_max;
          if (valid)
            {
              g_free (text);
              text = _rushes_model_format_number (json_node_get_double (node_default));
            }
          break;
        case RUSHES_CONTROL_KIND_TEXT:
        case RUSHES_CONTROL_KIND_IMAGE:
        default:
          valid = FALSE;
          break;
        }

      if (!valid)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: “default” is not one of the allowed values"), where);
          goto failed;
        }
      control->default_value = g_steal_pointer (&text);
    }

  control->generic = !rushes_control_get_builtin_kind (name, NULL);

  /* What the rest of the model's code relies on. */
  g_assert ((control->kind == RUSHES_CONTROL_KIND_CHOICE) == (control->values != NULL && control->values[0] != NULL));
  g_assert ((control->values == NULL) == (control->value_labels == NULL));
  g_assert ((control->kind == RUSHES_CONTROL_KIND_IMAGE) == (control->formats != NULL && control->formats[0] != NULL));
  g_assert (control->kind != RUSHES_CONTROL_KIND_IMAGE || control->accept_file || control->accept_url);

  return control;

failed:
  _rushes_model_control_free (control);
  return NULL;
}

/* An object of control → value or [values], e.g. {"duration": [10]}. */
static GPtrArray *
parse_conditions (RushesModel  *self,
                  JsonObject   *parent,
                  const char   *member,
                  gboolean      allow_mode,
                  const char   *where,
                  GError      **error)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) _rushes_model_condition_free);
  JsonNode *node = json_object_get_member (parent, member);
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return g_steal_pointer (&conditions);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “%s” must be an object"), where, member);
      return NULL;
    }

  /* Members in file order: messages list conditions the way they were written. */
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (json_node_get_object (node), name);
      Condition *condition;
      GStrvBuilder *builder;

      if (!(allow_mode && g_str_equal (name, "mode")) && _rushes_model_find_control (self, name) == NULL)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: “%s” names an unknown control “%s”"), where, member, name);
          return NULL;
        }

      builder = g_strv_builder_new ();
      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          /* A condition no value meets is a mistake, and an "allow" of
           * nothing would leave a default with no value to give way to. */
          if (json_array_get_length (array) == 0)
            {
              g_strv_builder_unref (builder);
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s: “%s.%s” must not be empty"), where, member, name);
              return NULL;
            }

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *text = NULL;

              if (!_rushes_model_scalar_to_string (json_array_get_element (array, i), &text))
                {
                  g_strv_builder_unref (builder);
                  g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                               _("%s: “%s.%s” must hold plain values"), where, member, name);
                  return NULL;
                }
              g_strv_builder_add (builder, text);
            }
        }
      else
        {
          g_autofree char *text = NULL;

          if (!_rushes_model_scalar_to_string (value, &text))
            {
              g_strv_builder_unref (builder);
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s: “%s.%s” must be a plain value or an array"), where, member, name);
              return NULL;
            }
          g_strv_builder_add (builder, text);
        }

      condition = g_new0 (Condition, 1);
      condition->control = g_strdup (name);
      condition->values = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
      g_ptr_array_add (conditions, condition);
    }

  return g_steal_pointer (&conditions);
}

static gboolean
parse_constraints (RushesModel  *self,
                   JsonObject   *object,
                   const char   *model_where,
                   GError      **error)
{
  JsonNode *node = json_object_get_member (object, "constraints");

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “constraints” must be an array"), model_where);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *where = g_strdup_printf ("%s, constraints[%u]", model_where, i);
      Constraint *constraint;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: must be an object"), where);
          return FALSE;
        }

      constraint = g_new0 (Constraint, 1);
      g_ptr_array_add (self->constraints, constraint);

      constraint->when = parse_conditions (self, json_node_get_object (element), "when", TRUE, where, error);
      if (constraint->when == NULL)
        return FALSE;
      constraint->allow = parse_conditions (self, json_node_get_object (element), "allow", FALSE, where, error);
      if (constraint->allow == NULL)
        return FALSE;
      if (constraint->when->len == 0 || constraint->allow->len == 0)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: needs both “when” and “allow”"), where);
          return FALSE;
        }

      for (guint j = 0; j < constraint->allow->len; j++)
        {
          Condition *allow = g_ptr_array_index (constraint->allow, j);
          Control *control = _rushes_model_find_control (self, allow->control);

          /* parse_conditions() refused unknown controls, and "mode" in "allow". */
          g_assert (control != NULL);

          if (control->kind != RUSHES_CONTROL_KIND_CHOICE)
            {
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s: “allow” may only limit choices, not “%s”"), where, allow->control);
              return FALSE;
            }
          for (guint k = 0; allow->values[k] != NULL; k++)
            if (!_rushes_model_value_in (control->values, allow->values[k]))
              {
                g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                             _("%s: “%s” is not a value of “%s”"), where, allow->values[k], allow->control);
                return FALSE;
              }
        }

      if (!get_optional_string (json_node_get_object (element), "message", &constraint->message, where, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_request (RushesModel  *self,
               JsonObject   *object,
               const char   *model_where,
               GError      **error)
{
  JsonNode *node = json_object_get_member (object, "request");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “request” must be a non-empty array"), model_where);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *where = g_strdup_printf ("%s, request[%u]", model_where, i);
      JsonObject *entry;
      Mapping *mapping;
      const char *field;
      gboolean has_image = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: must be an object"), where);
          return FALSE;
        }
      entry = json_node_get_object (element);

      field = get_string (entry, "field", TRUE, where, error);
      if (field == NULL)
        return FALSE;

      mapping = g_new0 (Mapping, 1);
      g_ptr_array_add (self->mappings, mapping);
      mapping->field = g_strdup (field);

      if (!parse_modes (entry, &mapping->modes, where, error))
        return FALSE;

      if (json_object_has_member (entry, "value") == json_object_has_member (entry, "from"))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: give either “from” or “value”"), where);
          return FALSE;
        }

      if (json_object_has_member (entry, "value"))
        {
          mapping->value = json_node_copy (json_object_get_member (entry, "value"));
          continue;
        }

      mapping->from = get_string_list (entry, "from", where, error);
      if (mapping->from == NULL)
        return FALSE;

      for (guint j = 0; mapping->from[j] != NULL; j++)
        {
          Control *control = _rushes_model_find_control (self, mapping->from[j]);

          if (control == NULL && !g_str_equal (mapping->from[j], "mode"))
            {
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s: “from” names an unknown control “%s”"), where, mapping->from[j]);
              return FALSE;
            }
          has_image |= control != NULL && control->kind == RUSHES_CONTROL_KIND_IMAGE;
        }

      if (json_object_has_member (entry, "type"))
        {
          const char *type_name = get_string (entry, "type", TRUE, where, error);

          if (type_name == NULL)
            return FALSE;
          if (!_rushes_model_wire_type_from_string (type_name, &mapping->type))
            {
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s: unknown type “%s”"), where, type_name);
              return FALSE;
            }
        }

      if (json_object_has_member (entry, "map"))
        {
          JsonNode *map = json_object_get_member (entry, "map");

          if (!JSON_NODE_HOLDS_OBJECT (map))
            {
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s: “map” must be an object"), where);
              return FALSE;
            }
          mapping->map = json_object_ref (json_node_get_object (map));
        }

      if (has_image && (g_strv_length (mapping->from) != 1 || mapping->map != NULL || mapping->type != WIRE_AUTO))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: an image is mapped on its own, without “map” or “type”"), where);
          return FALSE;
        }

      if (g_strv_length (mapping->from) > 1 && mapping->map == NULL)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: several controls need a “map”"), where);
          return FALSE;
        }

      /* A translated choice must translate every value it can take. */
      if (mapping->map != NULL && g_strv_length (mapping->from) == 1)
        {
          Control *control = _rushes_model_find_control (self, mapping->from[0]);

          if (control != NULL && control->kind == RUSHES_CONTROL_KIND_CHOICE)
            {
              for (guint j = 0; control->values[j] != NULL; j++)
                if (!json_object_has_member (mapping->map, control->values[j]))
                  {
                    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                                 _("%s: “map” lacks the value “%s”"), where, control->values[j]);
                    return FALSE;
                  }
            }
          else if (control == NULL)
            {
              for (guint mode = 0; mode < 2; mode++)
                if ((self->modes & RUSHES_MODEL_MODE_BIT (mode)) && (mapping->modes & RUSHES_MODEL_MODE_BIT (mode)) &&
                    !json_object_has_member (mapping->map, rushes_generation_mode_to_string (mode)))
                  {
                    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                                 _("%s: “map” lacks the mode “%s”"), where,
                                 rushes_generation_mode_to_string (mode));
                    return FALSE;
                  }
            }
        }
    }

  return TRUE;
}

static gboolean
parse_price_source (JsonObject   *rule,
                    PriceSource  *source,
                    const char   *where,
                    GError      **error)
{
  g_autofree char *name = NULL;

  *source = PRICE_HINT;
  if (!get_optional_string (rule, "source", &name, where, error))
    return FALSE;
  if (name == NULL || g_str_equal (name, "hint"))
    return TRUE;
  if (g_str_equal (name, "price-list"))
    *source = PRICE_LIST;
  else if (g_str_equal (name, "approximate"))
    *source = PRICE_APPROXIMATE;
  else
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: unknown price source “%s” (use hint, price-list or approximate)"), where, name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_prices (RushesModel  *self,
              JsonObject   *object,
              const char   *model_where,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, "price");

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “price” must be an array"), model_where);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *where = g_strdup_printf ("%s, price[%u]", model_where, i);
      PriceRule *rule;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: must be an object"), where);
          return FALSE;
        }

      rule = g_new0 (PriceRule, 1);
      g_ptr_array_add (self->prices, rule);
      if (!parse_price_source (json_node_get_object (element), &rule->source, where, error))
        return FALSE;
      rule->when = parse_conditions (self, json_node_get_object (element), "when", TRUE, where, error);
      if (rule->when == NULL ||
          !get_number (json_node_get_object (element), "per_second", 0, 1e6, &rule->per_second, where, error) ||
          !get_number (json_node_get_object (element), "per_video", 0, 1e6, &rule->per_video, where, error))
        return FALSE;

      if (rule->per_second > 0 && _rushes_model_find_control (self, RUSHES_CONTROL_DURATION) == NULL)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: “per_second” needs a duration control"), where);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_paths (RushesModel  *self,
             JsonObject   *object,
             const char   *where,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, "path");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *path = get_string (object, "path", TRUE, where, error);

      if (path == NULL)
        return FALSE;
      self->paths[0] = g_strdup (path);
      self->paths[1] = g_strdup (path);
      return TRUE;
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      for (guint mode = 0; mode < 2; mode++)
        {
          g_autofree char *path_where = g_strdup_printf ("%s, path", where);

          if (!(self->modes & RUSHES_MODEL_MODE_BIT (mode)))
            continue;

          self->paths[mode] = g_strdup (get_string (json_node_get_object (node),
                                                    rushes_generation_mode_to_string (mode),
                                                    TRUE, path_where, error));
          if (self->paths[mode] == NULL)
            return FALSE;
        }
      return TRUE;
    }

  g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
               _("%s: “path” must be a string or an object keyed by mode"), where);
  return FALSE;
}

/**
 * _rushes_model_reset:
 *
 * Forgets everything an entry gave the model, before it is read (again).
 */
void
_rushes_model_reset (RushesModel *self)
{
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->vendor, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->retired_note, g_free);
  g_clear_pointer (&self->price_note, g_free);
  g_clear_pointer (&self->unavailable, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->paths[0], g_free);
  g_clear_pointer (&self->paths[1], g_free);
  g_ptr_array_set_size (self->controls, 0);
  g_ptr_array_set_size (self->constraints, 0);
  g_ptr_array_set_size (self->mappings, 0);
  g_ptr_array_set_size (self->prices, 0);
  self->modes = 0;
  self->retired = FALSE;
}

/* The vendor a model id names: "google" in "wiro/google/veo3-1". */
static char *
vendor_from_id (const char *id)
{
  g_auto(GStrv) parts = g_strsplit (id, "/", 3);

  return g_strv_length (parts) == 3 ? g_strdup (parts[1]) : NULL;
}

/**
 * _rushes_model_load_entry:
 * @node: one entry of a catalog file's "models" array
 *
 * Reads the entry into @self (reset first). On failure @self is left
 * reset.
 *
 * Returns: %TRUE, or %FALSE with a %RUSHES_ERROR_INVALID_INPUT saying what
 *   is wrong and where
 */
gboolean
_rushes_model_load_entry (RushesModel  *self,
                          JsonNode     *node,
                          GError      **error)
{
  g_autofree char *where = NULL;
  JsonObject *object;
  JsonNode *controls;
  g_autoptr(GList) control_names = NULL;
  JsonNode *member;
  const char *text;
  gboolean retired;
  double delay = 0, interval = 5;

  _rushes_model_reset (self);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("a model entry must be an object"));
      return FALSE;
    }
  object = json_node_get_object (node);

  text = get_string (object, "id", TRUE, _("model"), error);
  if (text == NULL)
    goto failed;
  self->id = g_strdup (text);
  where = g_strdup_printf (_("model “%s”"), self->id);

  if ((text = get_string (object, "provider", TRUE, where, error)) == NULL)
    goto failed;
  self->provider_id = g_strdup (text);
  if (!g_str_has_prefix (self->id, self->provider_id) || self->id[strlen (self->provider_id)] != '/')
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: the id must start with the provider, “%s/”"), where, self->provider_id);
      goto failed;
    }

  if ((text = get_string (object, "name", TRUE, where, error)) == NULL)
    goto failed;
  self->name = g_strdup (text);

  if (!get_optional_string (object, "description", &self->description, where, error) ||
      !get_optional_string (object, "vendor", &self->vendor, where, error) ||
      !get_optional_string (object, "unavailable", &self->unavailable, where, error))
    goto failed;
  if (self->vendor == NULL)
    self->vendor = vendor_from_id (self->id);

  if (!get_boolean (object, "retired", FALSE, &retired, where, error))
    goto failed;
  self->retired = retired;
  if (!get_optional_string (object, "retired_note", &self->retired_note, where, error) ||
      !get_optional_string (object, "price_note", &self->price_note, where, error))
    goto failed;

  if (!json_object_has_member (object, "modes"))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “modes” is missing"), where);
      goto failed;
    }
  if (!parse_modes (object, &self->modes, where, error) || !parse_paths (self, object, where, error))
    goto failed;

  controls = json_object_get_member (object, "controls");
  if (controls == NULL || !JSON_NODE_HOLDS_OBJECT (controls))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “controls” must be an object"), where);
      goto failed;
    }
  control_names = json_object_get_members (json_node_get_object (controls));
  for (GList *l = control_names; l != NULL; l = l->next)
    {
      Control *control = parse_control (l->data, json_object_get_member (json_node_get_object (controls), l->data),
                                        where, error);

      if (control == NULL)
        goto failed;
      g_ptr_array_add (self->controls, control);
    }

  if (_rushes_model_find_control (self, RUSHES_CONTROL_PROMPT) == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: the “prompt” control is missing"), where);
      goto failed;
    }
  if ((self->modes & RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO)) &&
      _rushes_model_find_control (self, RUSHES_CONTROL_IMAGE) == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: image-to-video needs an “image” control"), where);
      goto failed;
    }

  if (!parse_constraints (self, object, where, error) ||
      !parse_request (self, object, where, error) ||
      !parse_prices (self, object, where, error))
    goto failed;

  member = json_object_get_member (object, "polling");
  if (member != NULL)
    {
      g_autofree char *polling_where = g_strdup_printf ("%s, polling", where);

      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: must be an object"), polling_where);
          goto failed;
        }
      if (!get_number (json_node_get_object (member), "first_delay", 0, 3600, &delay, polling_where, error) ||
          !get_number (json_node_get_object (member), "interval", 0.1, 3600, &interval, polling_where, error))
        goto failed;
    }
  self->poll_delay_ms = (guint) (delay * 1000);
  self->poll_interval_ms = (guint) (interval * 1000);

  return TRUE;

failed:
  _rushes_model_reset (self);
  return FALSE;
}

/**
 * _rushes_model_new_from_json:
 * @node: one entry of a catalog file's "models" array
 * @origin: where the entry comes from, for messages
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with a
 *   %RUSHES_ERROR_INVALID_INPUT saying what is wrong and where
 */
RushesModel *
_rushes_model_new_from_json (JsonNode    *node,
                             const char  *origin,
                             GError     **error)
{
  g_autoptr(RushesModel) self = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  self = g_object_new (RUSHES_TYPE_MODEL, NULL);
  self->origin = g_strdup (origin);
  if (!_rushes_model_load_entry (self, node, error))
    return NULL;

  return g_steal_pointer (&self);
}
