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

#define G_LOG_DOMAIN "rushes-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-enums.h"
#include "rushes-error.h"
#include "rushes-image-format.h"
#include "rushes-model-private.h"
#include "rushes-provider.h"

/* Catalog entries are described in data/models/FORMAT.md. */

#define ALL_MODES ((1u << RUSHES_GENERATION_MODE_TEXT_TO_VIDEO) | (1u << RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO))
#define MODE_BIT(mode) (1u << (mode))

typedef enum
{
  WIRE_AUTO,
  WIRE_STRING,
  WIRE_INTEGER,
  WIRE_NUMBER,
  WIRE_BOOLEAN,
  WIRE_BOOLEAN_STRING,
} WireType;

typedef struct
{
  char              *name;
  char              *label;
  RushesControlKind  kind;
  char             **values;
  char              *default_value;
  char             **formats;
  gint64             min;
  gint64             max;
  guint64            max_bytes;
  guint              max_length;
  guint              min_length;
  guint              modes;
  guint              required : 1;
  guint              accept_file : 1;
  guint              accept_url : 1;
  guint              integer_values : 1;
} Control;

typedef struct
{
  char  *control;
  char **values;
} Condition;

typedef struct
{
  GPtrArray *when;   /* Condition */
  GPtrArray *allow;  /* Condition */
  char      *message;
} Constraint;

typedef struct
{
  char       *field;
  char      **from;
  JsonNode   *value;
  JsonObject *map;
  WireType    type;
  guint       modes;
} Mapping;

typedef struct
{
  GPtrArray *when;   /* Condition */
  double     per_second;
  double     per_video;
} PriceRule;

struct _RushesModel
{
  GObject    parent_instance;

  char      *id;
  char      *provider_id;
  char      *name;
  char      *description;
  char      *retired_note;
  char      *price_note;
  char      *origin;
  char      *paths[2];
  GPtrArray *controls;     /* Control, catalog order */
  GPtrArray *constraints;  /* Constraint */
  GPtrArray *mappings;     /* Mapping */
  GPtrArray *prices;       /* PriceRule */
  guint      modes;
  guint      poll_delay_ms;
  guint      poll_interval_ms;
  guint      retired : 1;
};

G_DEFINE_FINAL_TYPE (RushesModel, rushes_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROVIDER_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_RETIRED,
  PROP_RETIRED_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const wire_type_names[] = {
  [WIRE_AUTO] = "auto",
  [WIRE_STRING] = "string",
  [WIRE_INTEGER] = "integer",
  [WIRE_NUMBER] = "number",
  [WIRE_BOOLEAN] = "boolean",
  [WIRE_BOOLEAN_STRING] = "boolean-string",
};

static void
control_free (Control *control)
{
  g_free (control->name);
  g_free (control->label);
  g_strfreev (control->values);
  g_free (control->default_value);
  g_strfreev (control->formats);
  g_free (control);
}

static void
condition_free (Condition *condition)
{
  g_free (condition->control);
  g_strfreev (condition->values);
  g_free (condition);
}

static void
constraint_free (Constraint *constraint)
{
  g_clear_pointer (&constraint->when, g_ptr_array_unref);
  g_clear_pointer (&constraint->allow, g_ptr_array_unref);
  g_free (constraint->message);
  g_free (constraint);
}

static void
mapping_free (Mapping *mapping)
{
  g_free (mapping->field);
  g_strfreev (mapping->from);
  g_clear_pointer (&mapping->value, json_node_unref);
  g_clear_pointer (&mapping->map, json_object_unref);
  g_free (mapping);
}

static void
price_rule_free (PriceRule *rule)
{
  g_clear_pointer (&rule->when, g_ptr_array_unref);
  g_free (rule);
}

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

static Control *
find_control (RushesModel *self,
              const char  *name)
{
  for (guint i = 0; i < self->controls->len; i++)
    {
      Control *control = g_ptr_array_index (self->controls, i);

      if (g_str_equal (control->name, name))
        return control;
    }

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Messages */

/* "4, 8 or 12 s" — the unit once, at the end. */
static char *
format_choices (const Control      *control,
                const char * const *values)
{
  GString *text = g_string_new (NULL);
  guint n = g_strv_length ((char **)values);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, i == n - 1 ? _(" or ") : ", ");
      g_string_append (text, values[i]);
    }

  if (g_str_equal (control->name, RUSHES_CONTROL_DURATION))
    g_string_append (text, _(" s"));

  return g_string_free (text, FALSE);
}

static char *
format_formats (char **formats)
{
  GString *text = g_string_new (NULL);
  guint n = g_strv_length (formats);

  for (guint i = 0; i < n; i++)
    {
      const char *label = rushes_image_format_get_label (formats[i]);

      if (i > 0)
        g_string_append (text, i == n - 1 ? _(" or ") : ", ");
      g_string_append (text, label != NULL ? label : formats[i]);
    }

  return g_string_free (text, FALSE);
}

static char *
lowercase_label (const Control *control)
{
  /* Labels are sentence case: "Aspect ratio" → "aspect ratio" mid-sentence. */
  return g_utf8_strdown (control->label, -1);
}

/* ------------------------------------------------------------------ */
/* Loading */

static gboolean
scalar_to_string (JsonNode  *node,
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

static gboolean
parse_modes (JsonObject  *object,
             guint       *modes,
             const char  *where,
             GError     **error)
{
  g_auto(GStrv) names = NULL;

  *modes = ALL_MODES;
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
      *modes |= MODE_BIT (mode);
    }

  return TRUE;
}

static gboolean
value_in (char       **values,
          const char  *value)
{
  return values != NULL && value != NULL && g_strv_contains ((const char * const *)values, value);
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
            control->accept_file = value_in (sources, "file");
            control->accept_url = value_in (sources, "url");
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

                if (!scalar_to_string (element, &text) ||
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
        double min = control->min, max = control->max;

        if (!get_number (object, "min", (double) G_MININT64, (double) G_MAXINT64, &min, where, error) ||
            !get_number (object, "max", min, (double) G_MAXINT64, &max, where, error))
          goto failed;
        control->min = (gint64) min;
        control->max = (gint64) max;
      }
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
      gboolean valid = scalar_to_string (node_default, &text);

      switch (control->kind)
        {
        case RUSHES_CONTROL_KIND_CHOICE:
          valid = valid && value_in (control->values, text);
          break;
        case RUSHES_CONTROL_KIND_INTEGER:
          valid = valid && node_is_integer (node_default) &&
                  json_node_get_int (node_default) >= control->min &&
                  json_node_get_int (node_default) <= control->max;
          break;
        case RUSHES_CONTROL_KIND_BOOLEAN:
          valid = valid && json_node_get_value_type (node_default) == G_TYPE_BOOLEAN;
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

  return control;

failed:
  control_free (control);
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
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);
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

      if (!(allow_mode && g_str_equal (name, "mode")) && find_control (self, name) == NULL)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: “%s” names an unknown control “%s”"), where, member, name);
          return NULL;
        }

      builder = g_strv_builder_new ();
      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *text = NULL;

              if (!scalar_to_string (json_array_get_element (array, i), &text))
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

          if (!scalar_to_string (value, &text))
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
          Control *control = find_control (self, allow->control);

          if (control->kind != RUSHES_CONTROL_KIND_CHOICE)
            {
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s: “allow” may only limit choices, not “%s”"), where, allow->control);
              return FALSE;
            }
          for (guint k = 0; allow->values[k] != NULL; k++)
            if (!value_in (control->values, allow->values[k]))
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
parse_wire_type (const char  *name,
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
          Control *control = find_control (self, mapping->from[j]);

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
          if (!parse_wire_type (type_name, &mapping->type))
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
          Control *control = find_control (self, mapping->from[0]);

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
                if ((self->modes & MODE_BIT (mode)) && (mapping->modes & MODE_BIT (mode)) &&
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
      rule->when = parse_conditions (self, json_node_get_object (element), "when", TRUE, where, error);
      if (rule->when == NULL ||
          !get_number (json_node_get_object (element), "per_second", 0, 1e6, &rule->per_second, where, error) ||
          !get_number (json_node_get_object (element), "per_video", 0, 1e6, &rule->per_video, where, error))
        return FALSE;

      if (rule->per_second > 0 && find_control (self, RUSHES_CONTROL_DURATION) == NULL)
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

          if (!(self->modes & MODE_BIT (mode)))
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
  g_autofree char *where = NULL;
  JsonObject *object;
  JsonNode *controls;
  g_autoptr(GList) control_names = NULL;
  JsonNode *member;
  const char *text;
  gboolean retired;
  double delay = 0, interval = 5;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("a model entry must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  self = g_object_new (RUSHES_TYPE_MODEL, NULL);
  self->origin = g_strdup (origin);

  text = get_string (object, "id", TRUE, _("model"), error);
  if (text == NULL)
    return NULL;
  self->id = g_strdup (text);
  where = g_strdup_printf (_("model “%s”"), self->id);

  if ((text = get_string (object, "provider", TRUE, where, error)) == NULL)
    return NULL;
  self->provider_id = g_strdup (text);
  if (!g_str_has_prefix (self->id, self->provider_id) || self->id[strlen (self->provider_id)] != '/')
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: the id must start with the provider, “%s/”"), where, self->provider_id);
      return NULL;
    }

  if ((text = get_string (object, "name", TRUE, where, error)) == NULL)
    return NULL;
  self->name = g_strdup (text);

  if (!get_optional_string (object, "description", &self->description, where, error))
    return NULL;

  if (!get_boolean (object, "retired", FALSE, &retired, where, error))
    return NULL;
  self->retired = retired;
  if (!get_optional_string (object, "retired_note", &self->retired_note, where, error) ||
      !get_optional_string (object, "price_note", &self->price_note, where, error))
    return NULL;

  if (!json_object_has_member (object, "modes"))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “modes” is missing"), where);
      return NULL;
    }
  if (!parse_modes (object, &self->modes, where, error) || !parse_paths (self, object, where, error))
    return NULL;

  controls = json_object_get_member (object, "controls");
  if (controls == NULL || !JSON_NODE_HOLDS_OBJECT (controls))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: “controls” must be an object"), where);
      return NULL;
    }
  control_names = json_object_get_members (json_node_get_object (controls));
  for (GList *l = control_names; l != NULL; l = l->next)
    {
      Control *control = parse_control (l->data, json_object_get_member (json_node_get_object (controls), l->data),
                                        where, error);

      if (control == NULL)
        return NULL;
      g_ptr_array_add (self->controls, control);
    }

  if (find_control (self, RUSHES_CONTROL_PROMPT) == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: the “prompt” control is missing"), where);
      return NULL;
    }
  if ((self->modes & MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO)) &&
      find_control (self, RUSHES_CONTROL_IMAGE) == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s: image-to-video needs an “image” control"), where);
      return NULL;
    }

  if (!parse_constraints (self, object, where, error) ||
      !parse_request (self, object, where, error) ||
      !parse_prices (self, object, where, error))
    return NULL;

  member = json_object_get_member (object, "polling");
  if (member != NULL)
    {
      g_autofree char *polling_where = g_strdup_printf ("%s, polling", where);

      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s: must be an object"), polling_where);
          return NULL;
        }
      if (!get_number (json_node_get_object (member), "first_delay", 0, 3600, &delay, polling_where, error) ||
          !get_number (json_node_get_object (member), "interval", 0.1, 3600, &interval, polling_where, error))
        return NULL;
    }
  self->poll_delay_ms = (guint) (delay * 1000);
  self->poll_interval_ms = (guint) (interval * 1000);

  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* Validation */

static gboolean
control_applies (const Control        *control,
                 RushesGenerationMode  mode)
{
  return (control->modes & MODE_BIT (mode)) != 0;
}

static const char *
condition_value (RushesGenerationParams *params,
                 const char             *control)
{
  if (g_str_equal (control, "mode"))
    return rushes_generation_mode_to_string (rushes_generation_params_get_mode (params));
  return rushes_generation_params_get_value (params, control);
}

static gboolean
conditions_hold (GPtrArray              *conditions,
                 RushesGenerationParams *params)
{
  for (guint i = 0; i < conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (conditions, i);

      if (!value_in (condition->values, condition_value (params, condition->control)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_image (RushesModel    *self,
             const Control  *control,
             const char     *value,
             GError        **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = lowercase_label (control);
  guint8 header[RUSHES_IMAGE_FORMAT_HEADER_SIZE];
  gsize n_read = 0;
  const char *format;

  if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
    {
      if (!control->accept_url)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s takes the %s as a local file, not as a URL"), self->name, label);
          return FALSE;
        }
      return TRUE;
    }

  if (!control->accept_file)
    {
      const char *provider = rushes_provider_id_get_name (self->provider_id);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s takes image URLs only: give the %s for %s as an https:// address, not the local "
                     "file “%s”"),
                   provider != NULL ? provider : self->provider_id, label, self->name, value);
      return FALSE;
    }

  file = g_file_new_for_path (value);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("not a regular file"));
  if (local_error == NULL)
    stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("Cannot read the %s “%s”: %s"), label, value, local_error->message);
      return FALSE;
    }

  format = rushes_image_format_sniff (header, n_read);
  if (format == NULL || !value_in (control->formats, format))
    {
      g_autofree char *formats = format_formats (control->formats);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The %s “%s” is not a %s picture"), label, value, formats);
      return FALSE;
    }

  if (control->max_bytes > 0 && (guint64) g_file_info_get_size (info) > control->max_bytes)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (control->max_bytes);

      /* "10.0 MB; at most 10.0 MB" says nothing: then give the bytes. */
      if (g_str_equal (size, limit))
        {
          g_free (size);
          g_free (limit);
          size = g_format_size_full (g_file_info_get_size (info), G_FORMAT_SIZE_LONG_FORMAT);
          limit = g_format_size_full (control->max_bytes, G_FORMAT_SIZE_LONG_FORMAT);
        }

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The %s “%s” is %s; %s accepts at most %s"), label, value, size, self->name, limit);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_value (RushesModel    *self,
             const Control  *control,
             const char     *value,
             GError        **error)
{
  g_autofree char *label = lowercase_label (control);

  switch (control->kind)
    {
    case RUSHES_CONTROL_KIND_TEXT:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (value));
        glong length = g_utf8_strlen (value, -1);

        if (!g_utf8_validate (value, -1, NULL))
          {
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("The %s is not valid UTF-8 text"), label);
            return FALSE;
          }
        if (stripped[0] == '\0')
          {
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("The %s is empty"), label);
            return FALSE;
          }
        if (control->max_length > 0 && length > control->max_length)
          {
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("The %s is %ld characters long; %s accepts at most %u"),
                         label, length, self->name, control->max_length);
            return FALSE;
          }
        if (length < control->min_length)
          {
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("The %s is %ld characters long; %s needs at least %u"),
                         label, length, self->name, control->min_length);
            return FALSE;
          }
        return TRUE;
      }

    case RUSHES_CONTROL_KIND_IMAGE:
      return check_image (self, control, value, error);

    case RUSHES_CONTROL_KIND_CHOICE:
      if (!value_in (control->values, value))
        {
          g_autofree char *shown = rushes_control_format_value (control->name, value);
          g_autofree char *choices = format_choices (control, (const char * const *)control->values);

          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s %s is not offered by %s; choose %s"),
                       control->label, shown, self->name, choices);
          return FALSE;
        }
      return TRUE;

    case RUSHES_CONTROL_KIND_INTEGER:
      {
        char *end = NULL;
        gint64 number = g_ascii_strtoll (value, &end, 10);

        if (end == value || *end != '\0' || number < control->min || number > control->max)
          {
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("%s %s is not offered by %s; choose a whole number from %" G_GINT64_FORMAT
                           " to %" G_GINT64_FORMAT),
                         control->label, value, self->name, control->min, control->max);
            return FALSE;
          }
        return TRUE;
      }

    case RUSHES_CONTROL_KIND_BOOLEAN:
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s must be on or off"), control->label);
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
complete_into (RushesModel            *self,
               RushesGenerationParams *params)
{
  RushesGenerationMode mode = rushes_generation_params_get_mode (params);
  g_autoptr(GHashTable) defaulted = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->controls->len; i++)
    {
      Control *control = g_ptr_array_index (self->controls, i);

      if (control->default_value == NULL || !control_applies (control, mode) ||
          rushes_generation_params_get_value (params, control->name) != NULL)
        continue;

      rushes_generation_params_set_value (params, control->name, control->default_value, NULL);
      g_hash_table_add (defaulted, control->name);
    }

  /* A default that a constraint rules out gives way to the first value the
   * constraint allows, e.g. 768p when 10 s is chosen and 1080p is the default. */
  for (guint i = 0; i < self->constraints->len; i++)
    {
      Constraint *constraint = g_ptr_array_index (self->constraints, i);

      if (!conditions_hold (constraint->when, params))
        continue;

      for (guint j = 0; j < constraint->allow->len; j++)
        {
          Condition *allow = g_ptr_array_index (constraint->allow, j);

          if (g_hash_table_contains (defaulted, allow->control) &&
              !value_in (allow->values, rushes_generation_params_get_value (params, allow->control)))
            rushes_generation_params_set_value (params, allow->control, allow->values[0], NULL);
        }
    }
}

static char *
describe_conditions (RushesModel *self,
                     GPtrArray   *conditions)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (conditions, i);
      Control *control = find_control (self, condition->control);

      if (i > 0)
        g_string_append (text, _(" and "));

      if (control == NULL)
        g_string_append (text, condition->values[0]);
      else
        {
          g_autofree char *label = lowercase_label (control);
          g_autofree char *values = format_choices (control, (const char * const *)condition->values);

          g_string_append_printf (text, "%s %s", label, values);
        }
    }

  return g_string_free (text, FALSE);
}

static gboolean
check_constraints (RushesModel             *self,
                   RushesGenerationParams  *params,
                   GError                 **error)
{
  for (guint i = 0; i < self->constraints->len; i++)
    {
      Constraint *constraint = g_ptr_array_index (self->constraints, i);

      if (!conditions_hold (constraint->when, params) || conditions_hold (constraint->allow, params))
        continue;

      if (constraint->message != NULL)
        {
          g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT, constraint->message);
        }
      else
        {
          g_autofree char *when = describe_conditions (self, constraint->when);
          g_autofree char *allow = describe_conditions (self, constraint->allow);

          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("With %s, %s offers only %s"), when, self->name, allow);
        }
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Wire mapping */

static JsonNode *
convert_value (JsonNode       *in,
               WireType        type,
               const char     *field,
               GError        **error)
{
  g_autofree char *text = NULL;

  if (type == WIRE_AUTO)
    return json_node_copy (in);

  if (!scalar_to_string (in, &text))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The catalog maps “%s” to something that is not a plain value"), field);
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

  g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
               _("The catalog sends “%s” for “%s”, which is not a %s"),
               text, field, wire_type_names[type]);
  return NULL;
}

static JsonNode *
app_value_to_node (const Control *control,
                   const char    *value)
{
  if (control != NULL &&
      (control->kind == RUSHES_CONTROL_KIND_INTEGER ||
       (control->kind == RUSHES_CONTROL_KIND_CHOICE && control->integer_values)))
    return json_node_init_int (json_node_alloc (), g_ascii_strtoll (value, NULL, 10));
  if (control != NULL && control->kind == RUSHES_CONTROL_KIND_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), g_str_equal (value, "true"));
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

      if (!(mapping->modes & MODE_BIT (mode)))
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
          const char *part = condition_value (params, mapping->from[j]);

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
        single = find_control (self, mapping->from[0]);

      if (single != NULL && single->kind == RUSHES_CONTROL_KIND_IMAGE)
        {
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
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("%s does not offer %s (%s)"), self->name, key->str, shown);
              return NULL;
            }
          value = json_node_copy (mapped);
        }
      else
        value = app_value_to_node (single, key->str);

      field->value = convert_value (value, mapping->type, mapping->field, error);
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
      g_auto(GStrv) segments = g_strsplit (field->field, ".", -1);
      JsonNode *current = root;

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

/* ------------------------------------------------------------------ */
/* GObject */

static void
rushes_model_finalize (GObject *object)
{
  RushesModel *self = (RushesModel *)object;

  g_free (self->id);
  g_free (self->provider_id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->retired_note);
  g_free (self->price_note);
  g_free (self->origin);
  g_free (self->paths[0]);
  g_free (self->paths[1]);
  g_clear_pointer (&self->controls, g_ptr_array_unref);
  g_clear_pointer (&self->constraints, g_ptr_array_unref);
  g_clear_pointer (&self->mappings, g_ptr_array_unref);
  g_clear_pointer (&self->prices, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_model_parent_class)->finalize (object);
}

static void
rushes_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RushesModel *self = RUSHES_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_RETIRED:
      g_value_set_boolean (value, self->retired);
      break;
    case PROP_RETIRED_NOTE:
      g_value_set_string (value, self->retired_note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_model_class_init (RushesModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rushes_model_finalize;
  object_class->get_property = rushes_model_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_ID] = g_param_spec_string ("provider-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED] = g_param_spec_boolean ("retired", NULL, NULL, FALSE, flags);
  properties[PROP_RETIRED_NOTE] = g_param_spec_string ("retired-note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_model_init (RushesModel *self)
{
  self->controls = g_ptr_array_new_with_free_func ((GDestroyNotify) control_free);
  self->constraints = g_ptr_array_new_with_free_func ((GDestroyNotify) constraint_free);
  self->mappings = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_free);
  self->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) price_rule_free);
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * rushes_model_get_id:
 *
 * Returns: the catalog id, "provider/…", e.g. "wiro/openai/sora-2"
 */
const char *
rushes_model_get_id (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->id;
}

const char *
rushes_model_get_provider_id (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->provider_id;
}

/**
 * rushes_model_get_name:
 *
 * Returns: the display name ("Sora 2")
 */
const char *
rushes_model_get_name (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->name;
}

const char *
rushes_model_get_description (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->description;
}

/**
 * rushes_model_get_retired:
 *
 * Returns: %TRUE when the model was retired upstream; it may still work
 *   through gateways, so it is shown with rushes_model_get_retired_note()
 *   rather than hidden
 */
gboolean
rushes_model_get_retired (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);

  return self->retired;
}

const char *
rushes_model_get_retired_note (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->retired_note;
}

/**
 * rushes_model_get_price_note:
 *
 * Returns: (nullable): where the price hints come from, or why there are
 *   none; show it beside rushes_model_estimate_cost()
 */
const char *
rushes_model_get_price_note (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->price_note;
}

/**
 * rushes_model_accepts_image_source:
 * @control: an image control, "image" or "end_image"
 * @url: %TRUE for an http(s) URL, %FALSE for a local file
 *
 * APIXO takes URLs only, the Sandbox files only: a UI offers the file
 * chooser, the URL entry or both accordingly.
 *
 * Returns: whether the model takes the image in that form
 */
gboolean
rushes_model_accepts_image_source (RushesModel *self,
                                   const char  *control,
                                   gboolean     url)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  found = find_control (self, control);
  if (found == NULL || found->kind != RUSHES_CONTROL_KIND_IMAGE)
    return FALSE;

  return url ? found->accept_url : found->accept_file;
}

/**
 * rushes_model_get_origin:
 *
 * Returns: where the entry was loaded from (a resource path or a file path)
 */
const char *
rushes_model_get_origin (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->origin;
}

gboolean
rushes_model_supports_mode (RushesModel          *self,
                            RushesGenerationMode  mode)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);

  return (self->modes & MODE_BIT (mode)) != 0;
}

/**
 * rushes_model_list_controls:
 *
 * Returns: (transfer full): the model's control names, in catalog order
 */
char **
rushes_model_list_controls (RushesModel *self)
{
  GStrvBuilder *builder;
  char **result;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->controls->len; i++)
    g_strv_builder_add (builder, ((Control *) g_ptr_array_index (self->controls, i))->name);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}

gboolean
rushes_model_has_control (RushesModel *self,
                          const char  *control)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  return find_control (self, control) != NULL;
}

RushesControlKind
rushes_model_get_control_kind (RushesModel *self,
                               const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), RUSHES_CONTROL_KIND_TEXT);
  g_return_val_if_fail (control != NULL, RUSHES_CONTROL_KIND_TEXT);

  found = find_control (self, control);
  g_return_val_if_fail (found != NULL, RUSHES_CONTROL_KIND_TEXT);

  return found->kind;
}

/**
 * rushes_model_get_allowed_values:
 *
 * Returns: (nullable) (transfer none): the values of a choice control
 *   ({"4", "8", "12"} for Sora 2's duration), %NULL for other controls
 */
const char * const *
rushes_model_get_allowed_values (RushesModel *self,
                                 const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);

  found = find_control (self, control);
  return found != NULL ? (const char * const *) found->values : NULL;
}

/**
 * rushes_model_get_default_value:
 *
 * Returns: (nullable): the value used when the user sets none
 */
const char *
rushes_model_get_default_value (RushesModel *self,
                                const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);

  found = find_control (self, control);
  return found != NULL ? found->default_value : NULL;
}

/**
 * rushes_model_get_max_length:
 *
 * Returns: the longest text a text control takes, in characters; 0 = no limit
 */
guint
rushes_model_get_max_length (RushesModel *self,
                             const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), 0);
  g_return_val_if_fail (control != NULL, 0);

  found = find_control (self, control);
  return found != NULL ? found->max_length : 0;
}

/**
 * rushes_model_get_max_image_bytes:
 *
 * Returns: the largest file an image control takes; 0 = no limit
 */
guint64
rushes_model_get_max_image_bytes (RushesModel *self,
                                  const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), 0);
  g_return_val_if_fail (control != NULL, 0);

  found = find_control (self, control);
  return found != NULL ? found->max_bytes : 0;
}

/**
 * rushes_model_get_range:
 *
 * Returns: %TRUE and the bounds for an integer control
 */
gboolean
rushes_model_get_range (RushesModel *self,
                        const char  *control,
                        gint64      *min,
                        gint64      *max)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  found = find_control (self, control);
  if (found == NULL || found->kind != RUSHES_CONTROL_KIND_INTEGER)
    return FALSE;

  if (min != NULL)
    *min = found->min;
  if (max != NULL)
    *max = found->max;
  return TRUE;
}

/**
 * rushes_model_complete_params:
 *
 * Returns: (transfer full): a copy of @params with the model's defaults
 *   for every control left unset
 */
RushesGenerationParams *
rushes_model_complete_params (RushesModel            *self,
                              RushesGenerationParams *params)
{
  RushesGenerationParams *complete;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);

  complete = rushes_generation_params_copy (params);
  complete_into (self, complete);
  return complete;
}

/**
 * rushes_model_validate:
 * @params: what the user asked for
 * @error: a %RUSHES_ERROR_INVALID_INPUT with a message for the user
 *
 * Checks @params against the model without any network traffic: the mode
 * (start image required or refused), the prompt, every value against what
 * the model offers, the start image (readable, JPEG/PNG/WebP, size) and
 * the model's combined constraints.
 */
gboolean
rushes_model_validate (RushesModel             *self,
                       RushesGenerationParams  *params,
                       GError                 **error)
{
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(RushesWireRequest) request = NULL;
  g_auto(GStrv) names = NULL;
  RushesGenerationMode mode;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), FALSE);

  mode = rushes_generation_params_get_mode (params);
  if (!rushes_model_supports_mode (self, mode))
    {
      if (mode == RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO)
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                     _("%s does not take a start image"), self->name);
      else
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                     _("%s needs a start image"), self->name);
      return FALSE;
    }

  names = rushes_generation_params_list_controls (params);
  for (guint i = 0; names[i] != NULL; i++)
    {
      Control *control = find_control (self, names[i]);
      const char *value = rushes_generation_params_get_value (params, names[i]);

      if (control == NULL)
        {
          const char *builtin = rushes_control_get_label (names[i]);
          g_autofree char *label = builtin != NULL ? g_utf8_strdown (builtin, -1) : NULL;

          if (label != NULL)
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("%s offers no %s setting"), self->name, label);
          else
            g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                         _("%s offers no “%s” setting"), self->name, names[i]);
          return FALSE;
        }
      if (!control_applies (control, mode))
        {
          g_autofree char *label = lowercase_label (control);

          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       mode == RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO
                         ? _("%s offers no %s choice with a start image")
                         : _("%s offers no %s choice without a start image"),
                       self->name, label);
          return FALSE;
        }
      if (!check_value (self, control, value, error))
        return FALSE;
    }

  for (guint i = 0; i < self->controls->len; i++)
    {
      Control *control = g_ptr_array_index (self->controls, i);

      if (!control->required || !control_applies (control, mode) ||
          rushes_generation_params_get_value (params, control->name) != NULL)
        continue;

      if (g_str_equal (control->name, RUSHES_CONTROL_PROMPT))
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                     _("The prompt is empty; %s needs one"), self->name);
      else
        {
          g_autofree char *label = lowercase_label (control);

          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s needs a %s"), self->name, label);
        }
      return FALSE;
    }

  complete = rushes_model_complete_params (self, params);
  if (!check_constraints (self, complete, error))
    return FALSE;

  /* Catches combinations a lookup table does not cover. */
  request = _rushes_model_build_request (self, complete, error);
  return request != NULL;
}

/**
 * rushes_model_estimate_cost:
 * @params: what the user asked for (defaults are applied)
 * @cost_usd: (out): the estimate in US dollars
 *
 * Uses the catalog's price hints, which can lag behind the provider's
 * price list: present the result as an estimate.
 *
 * Returns: %TRUE when the catalog has a price for these parameters
 */
gboolean
rushes_model_estimate_cost (RushesModel            *self,
                            RushesGenerationParams *params,
                            double                 *cost_usd)
{
  g_autoptr(RushesGenerationParams) complete = NULL;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), FALSE);
  g_return_val_if_fail (cost_usd != NULL, FALSE);

  complete = rushes_model_complete_params (self, params);
  for (guint i = 0; i < self->prices->len; i++)
    {
      PriceRule *rule = g_ptr_array_index (self->prices, i);
      guint duration = rushes_generation_params_get_duration (complete);

      if (!conditions_hold (rule->when, complete))
        continue;
      if (rule->per_second > 0 && duration == 0)
        return FALSE;

      *cost_usd = rule->per_video + rule->per_second * duration;
      return TRUE;
    }

  return FALSE;
}

/**
 * rushes_model_to_json:
 *
 * The model as `rushes-cli models --json` shows it: id, name, provider,
 * description, retired, retired_note, modes, controls (kind, values,
 * default, limits), price_estimate_usd (for the defaults, or null) and
 * price_note.
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
rushes_model_to_json (RushesModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RushesGenerationParams) defaults = rushes_generation_params_new ();
  double cost;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, self->provider_id);
  json_builder_set_member_name (builder, "description");
  if (self->description != NULL)
    json_builder_add_string_value (builder, self->description);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "retired");
  json_builder_add_boolean_value (builder, self->retired);
  json_builder_set_member_name (builder, "retired_note");
  if (self->retired_note != NULL)
    json_builder_add_string_value (builder, self->retired_note);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "modes");
  json_builder_begin_array (builder);
  for (guint mode = 0; mode < 2; mode++)
    if (self->modes & MODE_BIT (mode))
      json_builder_add_string_value (builder, rushes_generation_mode_to_string (mode));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "controls");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->controls->len; i++)
    {
      Control *control = g_ptr_array_index (self->controls, i);

      json_builder_set_member_name (builder, control->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, rushes_control_kind_to_string (control->kind));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, control->label);
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder,
                                      g_str_equal (control->name, RUSHES_CONTROL_IMAGE)
                                        ? !rushes_model_supports_mode (self, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO)
                                        : control->required);
      if (control->values != NULL)
        {
          json_builder_set_member_name (builder, "values");
          json_builder_begin_array (builder);
          for (guint j = 0; control->values[j] != NULL; j++)
            json_builder_add_value (builder, app_value_to_node (control, control->values[j]));
          json_builder_end_array (builder);
        }
      if (control->default_value != NULL)
        {
          json_builder_set_member_name (builder, "default");
          json_builder_add_value (builder, app_value_to_node (control, control->default_value));
        }
      if (control->max_length > 0)
        {
          json_builder_set_member_name (builder, "max_length");
          json_builder_add_int_value (builder, control->max_length);
        }
      if (control->kind == RUSHES_CONTROL_KIND_INTEGER)
        {
          json_builder_set_member_name (builder, "min");
          json_builder_add_int_value (builder, control->min);
          json_builder_set_member_name (builder, "max");
          json_builder_add_int_value (builder, control->max);
        }
      if (control->kind == RUSHES_CONTROL_KIND_IMAGE)
        {
          json_builder_set_member_name (builder, "formats");
          json_builder_begin_array (builder);
          for (guint j = 0; control->formats[j] != NULL; j++)
            json_builder_add_string_value (builder, control->formats[j]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "sources");
          json_builder_begin_array (builder);
          if (control->accept_file)
            json_builder_add_string_value (builder, "file");
          if (control->accept_url)
            json_builder_add_string_value (builder, "url");
          json_builder_end_array (builder);
          if (control->max_bytes > 0)
            {
              json_builder_set_member_name (builder, "max_bytes");
              json_builder_add_int_value (builder, control->max_bytes);
            }
        }
      if (control->modes != ALL_MODES)
        {
          json_builder_set_member_name (builder, "modes");
          json_builder_begin_array (builder);
          for (guint mode = 0; mode < 2; mode++)
            if (control->modes & MODE_BIT (mode))
              json_builder_add_string_value (builder, rushes_generation_mode_to_string (mode));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "price_estimate_usd");
  if (rushes_model_estimate_cost (self, defaults, &cost))
    json_builder_add_double_value (builder, cost);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "price_note");
  if (self->price_note != NULL)
    json_builder_add_string_value (builder, self->price_note);
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * _rushes_model_get_path:
 *
 * Returns: the provider route of the model for @mode
 */
const char *
_rushes_model_get_path (RushesModel          *self,
                        RushesGenerationMode  mode)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (mode <= RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO, NULL);

  return self->paths[mode] != NULL ? self->paths[mode] : self->paths[!mode];
}

guint
_rushes_model_get_poll_delay_ms (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), 0);

  return self->poll_delay_ms;
}

guint
_rushes_model_get_poll_interval_ms (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), 5000);

  return self->poll_interval_ms;
}
