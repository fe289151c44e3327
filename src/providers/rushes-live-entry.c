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

#define G_LOG_DOMAIN "rushes-live-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-controls.h"
#include "rushes-image-format.h"
#include "rushes-live-entry-private.h"
#include "rushes-model-private.h"
#include "rushes-provider-utils.h"

/* How a live schema becomes a catalog entry.
 *
 * A setting whose wire name the provider's table knows becomes the control
 * Rushes has for it (the start image, the duration…), its values turned
 * into app-level ones ("768P" → "768p", "adaptive" → "auto", "on"/"off" →
 * a switch) and mapped back on the wire. Any other setting becomes a
 * generic control named after its wire field, of the kind its type says:
 * a choice, a whole number, a number, a switch or text. Each keeps its
 * wire type. A setting Rushes cannot give (several files, a video, an
 * unknown type) is left out; when it is required and has no default, the
 * model is listed as unavailable with the reason. Routes that differ only
 * by mode (WaveSpeed's text-to-video and image-to-video) become one entry:
 * a control exists in the modes whose route has it, and a value only one
 * route offers is allowed in that mode only (a constraint). */

#define MAX_RANGE_VALUES 1000

/* A control as the routes describe it so far. */
typedef struct
{
  char              *name;
  char              *label;
  char              *description;
  RushesControlKind  kind;
  GPtrArray         *values;          /* char *, app-level */
  GPtrArray         *value_labels;    /* char * */
  GPtrArray         *mode_values[2];  /* char *, the values each mode's route offers */
  char              *default_value;
  double             min;
  double             max;
  double             step;
  guint              max_length;
  char             **formats;
  guint              modes;
  guint              has_min : 1;
  guint              has_max : 1;
  guint              integer_values : 1;
  guint              url_only : 1;
  guint              required : 1;
  guint              routes;             /* how many routes have the control */
  guint              defaulted;          /* how many of them give a default */
  guint              has_default : 1;
  guint              defaults_differ : 1;
} Draft;

/* A field of the request. */
typedef struct
{
  char       *field;
  char      **from;
  const char *type;
  JsonObject *map;      /* app value → wire value */
  guint       modes;
} Field;

typedef struct
{
  RushesLiveModel *model;
  GPtrArray       *drafts;    /* Draft, in the order met */
  GPtrArray       *fields;    /* Field */
  char            *unavailable;
  guint            modes;
} Builder;

/* ------------------------------------------------------------------ */
/* Drafts */

static void
draft_free (Draft *draft)
{
  g_free (draft->name);
  g_free (draft->label);
  g_free (draft->description);
  g_clear_pointer (&draft->values, g_ptr_array_unref);
  g_clear_pointer (&draft->value_labels, g_ptr_array_unref);
  g_clear_pointer (&draft->mode_values[0], g_ptr_array_unref);
  g_clear_pointer (&draft->mode_values[1], g_ptr_array_unref);
  g_free (draft->default_value);
  g_strfreev (draft->formats);
  g_free (draft);
}

static void
field_free (Field *field)
{
  g_free (field->field);
  g_strfreev (field->from);
  g_clear_pointer (&field->map, json_object_unref);
  g_free (field);
}

static Draft *
find_draft (Builder    *b,
            const char *name)
{
  for (guint i = 0; i < b->drafts->len; i++)
    {
      Draft *draft = g_ptr_array_index (b->drafts, i);

      if (g_str_equal (draft->name, name))
        return draft;
    }

  return NULL;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *value)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return TRUE;
  return FALSE;
}

/* The text of a scalar wire value ("5", "true", "16:9"); NULL otherwise. */
static char *
wire_text (JsonNode *node)
{
  char *text = NULL;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return _rushes_model_format_number (json_node_get_double (node));
  if (!_rushes_model_scalar_to_string (node, &text))
    return NULL;
  return text;
}

/* A control of @kind named @name for a route, or NULL when the name is
 * taken by a control of another kind. */
static Draft *
claim_draft (Builder           *b,
             RushesLiveRoute   *route,
             const char        *name,
             RushesControlKind  kind,
             RushesLiveParam   *param)
{
  Draft *draft = find_draft (b, name);

  if (draft != NULL && (draft->kind != kind || (draft->modes & route->modes) != 0))
    return NULL;

  if (draft == NULL)
    {
      draft = g_new0 (Draft, 1);
      draft->name = g_strdup (name);
      draft->kind = kind;
      draft->label = g_strdup (param->label != NULL && param->label[0] != '\0' ? param->label : param->wire);
      draft->description = g_strdup (param->description);
      draft->min = -G_MAXDOUBLE;
      draft->max = G_MAXDOUBLE;
      g_ptr_array_add (b->drafts, draft);
    }

  draft->modes |= route->modes;
  draft->routes++;
  draft->required |= param->required;
  if (param->max_length > 0 && (draft->max_length == 0 || param->max_length < draft->max_length))
    draft->max_length = param->max_length;
  return draft;
}

/* One default for every route, or none: a route without a default would
 * otherwise be sent another route's (Seedance's image-to-video follows the
 * image's aspect ratio when it is left out). */
static void
draft_set_default (Draft      *draft,
                   const char *value)
{
  draft->defaulted++;
  if (!draft->has_default)
    {
      draft->has_default = TRUE;
      draft->default_value = g_strdup (value);
    }
  else if (g_strcmp0 (draft->default_value, value) != 0)
    draft->defaults_differ = TRUE;
}

/* A choice's values for the modes of @route. */
static void
draft_add_values (Draft           *draft,
                  RushesLiveRoute *route,
                  GPtrArray       *values,
                  GPtrArray       *labels)
{
  if (draft->values == NULL)
    {
      draft->values = g_ptr_array_new_with_free_func (g_free);
      draft->value_labels = g_ptr_array_new_with_free_func (g_free);
    }

  for (guint mode = 0; mode < 2; mode++)
    if (route->modes & RUSHES_MODEL_MODE_BIT (mode))
      {
        if (draft->mode_values[mode] == NULL)
          draft->mode_values[mode] = g_ptr_array_new_with_free_func (g_free);
        for (guint i = 0; i < values->len; i++)
          g_ptr_array_add (draft->mode_values[mode], g_strdup (g_ptr_array_index (values, i)));
      }

  for (guint i = 0; i < values->len; i++)
    if (!str_array_contains (draft->values, g_ptr_array_index (values, i)))
      {
        const char *label = labels != NULL ? g_ptr_array_index (labels, i) : NULL;

        g_ptr_array_add (draft->values, g_strdup (g_ptr_array_index (values, i)));
        g_ptr_array_add (draft->value_labels, g_strdup (label != NULL && label[0] != '\0'
                                                          ? label : (char *) g_ptr_array_index (values, i)));
      }
}

static void
draft_add_range (Draft           *draft,
                 RushesLiveParam *param)
{
  if (param->has_min)
    draft->min = draft->has_min ? MIN (draft->min, param->min) : param->min;
  if (param->has_max)
    draft->max = draft->has_max ? MAX (draft->max, param->max) : param->max;
  draft->has_min |= param->has_min;
  draft->has_max |= param->has_max;
  if (param->step > 0)
    draft->step = draft->step > 0 ? MIN (draft->step, param->step) : param->step;
}

static void
add_field (Builder         *b,
           RushesLiveRoute *route,
           const char      *wire,
           const char      *from1,
           const char      *from2,
           const char      *type,
           JsonObject      *map)
{
  Field *field;

  for (guint i = 0; i < b->fields->len; i++)
    {
      Field *other = g_ptr_array_index (b->fields, i);
      g_autoptr(JsonNode) a = NULL;
      g_autoptr(JsonNode) c = NULL;

      if (!g_str_equal (other->field, wire) || g_strcmp0 (other->type, type) != 0 ||
          g_strcmp0 (other->from[0], from1) != 0 || g_strcmp0 (other->from[1], from2) != 0 ||
          (other->map == NULL) != (map == NULL))
        continue;
      if (map != NULL)
        {
          a = json_node_init_object (json_node_alloc (), other->map);
          c = json_node_init_object (json_node_alloc (), map);
          if (!json_node_equal (a, c))
            continue;
        }
      other->modes |= route->modes;
      return;
    }

  field = g_new0 (Field, 1);
  field->field = g_strdup (wire);
  field->from = g_new0 (char *, 3);
  field->from[0] = g_strdup (from1);
  field->from[1] = g_strdup (from2);
  field->type = type;
  field->map = map != NULL ? json_object_ref (map) : NULL;
  field->modes = route->modes;
  g_ptr_array_add (b->fields, field);
}

/* ------------------------------------------------------------------ */
/* Settings Rushes knows by name */

/* "on"/"off", "true"/"false", "yes"/"no", "1"/"0", as (on, off). */
static gboolean
boolean_pair (RushesLiveParam  *param,
              JsonNode        **on,
              JsonNode        **off)
{
  static const char * const yes[] = { "true", "on", "yes", "1", "enabled", NULL };
  static const char * const no[] = { "false", "off", "no", "0", "disabled", NULL };

  *on = *off = NULL;
  if (param->kind != RUSHES_LIVE_CHOICE || param->values->len != 2)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      JsonNode *value = g_ptr_array_index (param->values, i);
      g_autofree char *text = wire_text (value);
      g_autofree char *lower = text != NULL ? g_ascii_strdown (text, -1) : NULL;

      if (lower != NULL && g_strv_contains (yes, lower))
        *on = value;
      else if (lower != NULL && g_strv_contains (no, lower))
        *off = value;
    }

  return *on != NULL && *off != NULL;
}

/* A schema's default as an app-level boolean ("true"), or NULL. */
static char *
boolean_default (RushesLiveParam *param,
                 JsonNode        *on,
                 JsonNode        *off)
{
  g_autofree char *text = wire_text (param->default_value);
  g_autofree char *on_text = on != NULL ? wire_text (on) : g_strdup ("true");
  g_autofree char *off_text = off != NULL ? wire_text (off) : g_strdup ("false");

  if (text == NULL)
    return NULL;
  if (g_ascii_strcasecmp (text, on_text) == 0)
    return g_strdup ("true");
  if (g_ascii_strcasecmp (text, off_text) == 0)
    return g_strdup ("false");
  return NULL;
}

static gboolean
make_boolean (Builder         *b,
              RushesLiveRoute *route,
              RushesLiveParam *param,
              const char      *name)
{
  g_autoptr(JsonObject) map = NULL;
  g_autofree char *default_value = NULL;
  JsonNode *on = NULL, *off = NULL;
  const char *type = param->wire_type;
  Draft *draft;

  if (param->kind == RUSHES_LIVE_CHOICE)
    {
      if (!boolean_pair (param, &on, &off))
        return FALSE;
      if (json_node_get_value_type (on) == G_TYPE_STRING && g_str_equal (json_node_get_string (on), "true") &&
          json_node_get_value_type (off) == G_TYPE_STRING && g_str_equal (json_node_get_string (off), "false"))
        type = "boolean-string";
      else
        {
          map = json_object_new ();
          json_object_set_member (map, "true", json_node_copy (on));
          json_object_set_member (map, "false", json_node_copy (off));
          type = NULL;
        }
    }
  else if (param->kind != RUSHES_LIVE_BOOLEAN)
    return FALSE;

  draft = claim_draft (b, route, name, RUSHES_CONTROL_KIND_BOOLEAN, param);
  if (draft == NULL)
    return FALSE;

  default_value = boolean_default (param, on, off);
  if (default_value != NULL)
    draft_set_default (draft, default_value);
  add_field (b, route, param->wire, name, NULL, type, map);
  return TRUE;
}

/* A choice whose app values are @app_values (parallel to the wire ones). */
static gboolean
make_choice_from (Builder         *b,
                  RushesLiveRoute *route,
                  RushesLiveParam *param,
                  const char      *name,
                  GPtrArray       *app_values,
                  gboolean         integer_values)
{
  g_autoptr(JsonObject) map = json_object_new ();
  g_autofree char *default_text = wire_text (param->default_value);
  gboolean mapped = FALSE;
  Draft *draft;

  if (app_values->len == 0)
    return FALSE;

  draft = claim_draft (b, route, name, RUSHES_CONTROL_KIND_CHOICE, param);
  if (draft == NULL || (draft->values != NULL && draft->integer_values != integer_values))
    return FALSE;
  draft->integer_values = integer_values;

  for (guint i = 0; i < app_values->len; i++)
    {
      JsonNode *wire = g_ptr_array_index (param->values, i);
      g_autofree char *text = wire_text (wire);

      json_object_set_member (map, g_ptr_array_index (app_values, i), json_node_copy (wire));
      mapped |= g_strcmp0 (text, g_ptr_array_index (app_values, i)) != 0;
      if (default_text != NULL && g_strcmp0 (text, default_text) == 0)
        draft_set_default (draft, g_ptr_array_index (app_values, i));
    }

  draft_add_values (draft, route, app_values, param->value_labels);
  add_field (b, route, param->wire, name, NULL, mapped ? NULL : param->wire_type, mapped ? map : NULL);
  return TRUE;
}

/* The app values of a choice's wire values through @convert; FALSE when
 * one cannot be converted or two become the same. */
static GPtrArray *
convert_values (RushesLiveParam *param,
                char          *(*convert) (const char *text))
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < param->values->len; i++)
    {
      g_autofree char *text = wire_text (g_ptr_array_index (param->values, i));
      char *value = text != NULL ? convert (text) : NULL;

      if (value == NULL || str_array_contains (values, value))
        {
          g_free (value);
          return NULL;
        }
      g_ptr_array_add (values, value);
    }

  return g_steal_pointer (&values);
}

static char *
convert_resolution (const char *text)
{
  return g_ascii_strdown (text, -1);
}

static char *
convert_aspect_ratio (const char *text)
{
  if (g_ascii_strcasecmp (text, "adaptive") == 0 || g_ascii_strcasecmp (text, "match_input_image") == 0 ||
      g_ascii_strcasecmp (text, "auto") == 0)
    return g_strdup ("auto");
  return g_strdup (text);
}

static char *
convert_same (const char *text)
{
  return g_strdup (text);
}

/* Whole seconds above 0 ("8"); NULL for anything else (-1 = "let the
 * model choose" is not a length). */
static char *
convert_seconds (const char *text)
{
  gint64 seconds;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT, &seconds, NULL))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
}

static gboolean
make_duration (Builder         *b,
               RushesLiveRoute *route,
               RushesLiveParam *param)
{
  g_autoptr(RushesLiveParam) usable = NULL;
  g_autoptr(GPtrArray) values = NULL;

  if (param->kind == RUSHES_LIVE_CHOICE)
    {
      /* Values that are not lengths (-1) are left out, the rest kept. */
      usable = _rushes_live_param_new (param->wire, RUSHES_LIVE_CHOICE);
      usable->wire_type = param->wire_type;
      usable->required = param->required;
      usable->default_value = param->default_value != NULL ? json_node_copy (param->default_value) : NULL;
      for (guint i = 0; i < param->values->len; i++)
        {
          g_autofree char *text = wire_text (g_ptr_array_index (param->values, i));
          g_autofree char *seconds = text != NULL ? convert_seconds (text) : NULL;

          if (seconds != NULL)
            _rushes_live_param_add_value (usable, json_node_copy (g_ptr_array_index (param->values, i)),
                                          g_ptr_array_index (param->value_labels, i));
        }
    }
  else if ((param->kind == RUSHES_LIVE_INTEGER || param->kind == RUSHES_LIVE_NUMBER) &&
           param->has_min && param->has_max)
    {
      double step = param->step >= 1 ? floor (param->step) : 1;
      double min = MAX (ceil (param->min), 1);

      if (param->max < min || (param->max - min) / step > MAX_RANGE_VALUES)
        return FALSE;
      usable = _rushes_live_param_new (param->wire, RUSHES_LIVE_CHOICE);
      usable->wire_type = param->wire_type;
      usable->required = param->required;
      usable->default_value = param->default_value != NULL ? json_node_copy (param->default_value) : NULL;
      for (double v = min; v <= param->max; v += step)
        {
          JsonNode *value = g_str_equal (param->wire_type, "string")
            ? json_node_init_string (json_node_alloc (), "")
            : json_node_init_int (json_node_alloc (), (gint64) v);

          if (g_str_equal (param->wire_type, "string"))
            {
              g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);

              json_node_set_string (value, text);
            }
          _rushes_live_param_add_value (usable, value, NULL);
        }
    }
  else
    return FALSE;

  values = convert_values (usable, convert_seconds);
  if (values == NULL)
    return FALSE;
  return make_choice_from (b, route, usable, RUSHES_CONTROL_DURATION, values, TRUE);
}

static gboolean
make_seed (Builder         *b,
           RushesLiveRoute *route,
           RushesLiveParam *param)
{
  g_autofree char *default_text = wire_text (param->default_value);
  Draft *draft;
  gint64 number;

  if (param->kind != RUSHES_LIVE_INTEGER && param->kind != RUSHES_LIVE_NUMBER)
    return FALSE;

  draft = claim_draft (b, route, RUSHES_CONTROL_SEED, RUSHES_CONTROL_KIND_INTEGER, param);
  if (draft == NULL)
    return FALSE;
  draft_add_range (draft, param);
  draft->step = 0;
  if (default_text != NULL && g_ascii_string_to_signed (default_text, 10, G_MININT32, G_MAXINT32, &number, NULL))
    draft_set_default (draft, default_text);
  add_field (b, route, param->wire, RUSHES_CONTROL_SEED, NULL, param->wire_type, NULL);
  return TRUE;
}

static gboolean
make_text (Builder         *b,
           RushesLiveRoute *route,
           RushesLiveParam *param,
           const char      *name)
{
  Draft *draft;

  if (param->kind != RUSHES_LIVE_TEXT)
    return FALSE;

  draft = claim_draft (b, route, name, RUSHES_CONTROL_KIND_TEXT, param);
  if (draft == NULL)
    return FALSE;
  add_field (b, route, param->wire, name, NULL, "string", NULL);
  return TRUE;
}

static gboolean
make_image (Builder         *b,
            RushesLiveRoute *route,
            RushesLiveParam *param,
            const char      *name)
{
  Draft *draft;

  if (param->kind != RUSHES_LIVE_IMAGE)
    return FALSE;

  draft = claim_draft (b, route, name, RUSHES_CONTROL_KIND_IMAGE, param);
  if (draft == NULL)
    return FALSE;
  if (draft->formats == NULL)
    draft->formats = param->formats != NULL ? g_strdupv (param->formats)
                                            : g_strdupv ((char **) rushes_image_format_list ());
  draft->url_only |= param->url_only;
  /* The start image is required through the modes; an end image needs one. */
  draft->required = FALSE;
  if (g_str_equal (name, RUSHES_CONTROL_END_IMAGE))
    draft->modes &= RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);
  add_field (b, route, param->wire, name, NULL, NULL, NULL);
  return TRUE;
}

/* W*H sizes as a resolution ("720p", the shorter side) and an aspect
 * ratio ("16:9", the nearest common one). */
static gboolean
split_size (const char  *text,
            char       **resolution,
            char       **aspect_ratio)
{
  static const struct { const char *name; double ratio; } ratios[] = {
    { "21:9", 21.0 / 9 }, { "16:9", 16.0 / 9 }, { "3:2", 3.0 / 2 }, { "4:3", 4.0 / 3 }, { "1:1", 1 },
    { "3:4", 3.0 / 4 }, { "2:3", 2.0 / 3 }, { "9:16", 9.0 / 16 }, { "9:21", 9.0 / 21 },
  };
  g_auto(GStrv) parts = g_strsplit (text, "*", 2);
  guint64 width, height, a, c;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 16, 16384, &width, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 16, 16384, &height, NULL))
    return FALSE;

  *resolution = g_strdup_printf ("%" G_GUINT64_FORMAT "p", MIN (width, height));
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    if (fabs ((double) width / height - ratios[i].ratio) / ratios[i].ratio < 0.02)
      {
        *aspect_ratio = g_strdup (ratios[i].name);
        return TRUE;
      }

  for (a = width, c = height; c != 0;)
    {
      guint64 t = a % c;

      a = c;
      c = t;
    }
  *aspect_ratio = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, width / a, height / a);
  return TRUE;
}

static gboolean
make_size (Builder         *b,
           RushesLiveRoute *route,
           RushesLiveParam *param)
{
  g_autoptr(GPtrArray) resolutions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ratios = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) map = json_object_new ();
  g_autofree char *default_text = wire_text (param->default_value);
  g_autoptr(RushesLiveParam) label_source = NULL;
  Draft *resolution, *aspect_ratio;

  if (param->kind != RUSHES_LIVE_CHOICE)
    return FALSE;

  for (guint i = 0; i < param->values->len; i++)
    {
      g_autofree char *text = wire_text (g_ptr_array_index (param->values, i));
      g_autofree char *res = NULL;
      g_autofree char *ratio = NULL;
      g_autofree char *key = NULL;

      if (text == NULL || !split_size (text, &res, &ratio))
        return FALSE;
      key = g_strdup_printf ("%s %s", res, ratio);
      if (json_object_has_member (map, key))
        return FALSE;
      json_object_set_string_member (map, key, text);
      if (!str_array_contains (resolutions, res))
        g_ptr_array_add (resolutions, g_strdup (res));
      if (!str_array_contains (ratios, ratio))
        g_ptr_array_add (ratios, g_strdup (ratio));
    }
  if (map == NULL || json_object_get_size (map) == 0)
    return FALSE;

  /* A route with a resolution of its own cannot take one from the size. */
  if ((find_draft (b, RUSHES_CONTROL_RESOLUTION) != NULL &&
       (find_draft (b, RUSHES_CONTROL_RESOLUTION)->modes & route->modes) != 0) ||
      (find_draft (b, RUSHES_CONTROL_ASPECT_RATIO) != NULL &&
       (find_draft (b, RUSHES_CONTROL_ASPECT_RATIO)->modes & route->modes) != 0))
    return FALSE;

  label_source = _rushes_live_param_new (param->wire, RUSHES_LIVE_CHOICE);
  label_source->required = param->required;
  resolution = claim_draft (b, route, RUSHES_CONTROL_RESOLUTION, RUSHES_CONTROL_KIND_CHOICE, label_source);
  aspect_ratio = claim_draft (b, route, RUSHES_CONTROL_ASPECT_RATIO, RUSHES_CONTROL_KIND_CHOICE, label_source);
  if (resolution == NULL || aspect_ratio == NULL)
    return FALSE;
  draft_add_values (resolution, route, resolutions, NULL);
  draft_add_values (aspect_ratio, route, ratios, NULL);

  if (default_text != NULL)
    {
      g_autofree char *res = NULL;
      g_autofree char *ratio = NULL;

      if (split_size (default_text, &res, &ratio))
        {
          draft_set_default (resolution, res);
          draft_set_default (aspect_ratio, ratio);
        }
    }

  add_field (b, route, param->wire, RUSHES_CONTROL_RESOLUTION, RUSHES_CONTROL_ASPECT_RATIO, NULL, map);
  return TRUE;
}

static gboolean
make_semantic (Builder         *b,
               RushesLiveRoute *route,
               RushesLiveParam *param,
               const char      *control)
{
  g_autoptr(GPtrArray) values = NULL;

  if (g_str_equal (control, RUSHES_CONTROL_PROMPT) || g_str_equal (control, RUSHES_CONTROL_NEGATIVE_PROMPT))
    return make_text (b, route, param, control);
  if (g_str_equal (control, RUSHES_CONTROL_IMAGE) || g_str_equal (control, RUSHES_CONTROL_END_IMAGE))
    return make_image (b, route, param, control);
  if (g_str_equal (control, RUSHES_CONTROL_DURATION))
    return make_duration (b, route, param);
  if (g_str_equal (control, RUSHES_CONTROL_SEED))
    return make_seed (b, route, param);
  if (g_str_equal (control, RUSHES_CONTROL_AUDIO))
    return make_boolean (b, route, param, control);
  if (g_str_equal (control, RUSHES_LIVE_SIZE))
    return make_size (b, route, param);

  if (param->kind != RUSHES_LIVE_CHOICE)
    return FALSE;
  if (g_str_equal (control, RUSHES_CONTROL_RESOLUTION))
    values = convert_values (param, convert_resolution);
  else if (g_str_equal (control, RUSHES_CONTROL_ASPECT_RATIO))
    values = convert_values (param, convert_aspect_ratio);
  if (values == NULL)
    return FALSE;
  return make_choice_from (b, route, param, control, values, FALSE);
}

/* ------------------------------------------------------------------ */
/* Any other setting */

static gboolean
make_generic (Builder         *b,
              RushesLiveRoute *route,
              RushesLiveParam *param)
{
  const char *name = param->wire;
  g_autofree char *default_text = wire_text (param->default_value);
  JsonNode *on, *off;
  Draft *draft;

  /* Modes are told apart by constraints on "mode" when there are routes
   * for each: a setting of that name would hide them. */
  if (rushes_control_get_builtin_kind (name, NULL) ||
      (g_str_equal (name, "mode") && b->model->routes->len > 1))
    return FALSE;

  switch (param->kind)
    {
    case RUSHES_LIVE_CHOICE:
      {
        g_autoptr(GPtrArray) values = NULL;
        gboolean integers = TRUE;

        if (boolean_pair (param, &on, &off))
          return make_boolean (b, route, param, name);

        values = convert_values (param, convert_same);
        for (guint i = 0; i < param->values->len; i++)
          {
            JsonNode *value = g_ptr_array_index (param->values, i);

            integers &= JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64;
          }
        return values != NULL && make_choice_from (b, route, param, name, values, integers);
      }

    case RUSHES_LIVE_INTEGER:
    case RUSHES_LIVE_NUMBER:
      {
        RushesControlKind kind = param->kind == RUSHES_LIVE_INTEGER ? RUSHES_CONTROL_KIND_INTEGER
                                                                    : RUSHES_CONTROL_KIND_NUMBER;
        double number;
        char *end = NULL;

        draft = claim_draft (b, route, name, kind, param);
        if (draft == NULL)
          return FALSE;
        draft_add_range (draft, param);
        if (default_text != NULL)
          {
            number = g_ascii_strtod (default_text, &end);
            if (end != default_text && *end == '\0' && isfinite (number) &&
                (kind == RUSHES_CONTROL_KIND_NUMBER || number == floor (number)))
              {
                g_autofree char *text = _rushes_model_format_number (number);

                draft_set_default (draft, text);
              }
          }
        add_field (b, route, param->wire, name, NULL, param->wire_type, NULL);
        return TRUE;
      }

    case RUSHES_LIVE_BOOLEAN:
      return make_boolean (b, route, param, name);

    case RUSHES_LIVE_TEXT:
      return make_text (b, route, param, name);

    case RUSHES_LIVE_IMAGE:
    case RUSHES_LIVE_UNSUPPORTED:
    default:
      return FALSE;
    }
}

static const char *
semantic_name (Builder    *b,
               const char *wire)
{
  for (guint i = 0; b->model->names[i].wire != NULL; i++)
    if (g_str_equal (b->model->names[i].wire, wire))
      return b->model->names[i].control;
  return NULL;
}

static void
set_unavailable (Builder    *b,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

static void
set_unavailable (Builder    *b,
                 const char *format,
                 ...)
{
  va_list args;

  if (b->unavailable != NULL)
    return;

  va_start (args, format);
  b->unavailable = g_strdup_vprintf (format, args);
  va_end (args);
}

/* Which modes a route can serve: image-to-video needs a start image Rushes
 * can give, text-to-video a start image that is not required. */
static void
settle_modes (Builder         *b,
              RushesLiveRoute *route)
{
  RushesLiveParam *image = NULL;

  for (guint i = 0; i < route->params->len && image == NULL; i++)
    {
      RushesLiveParam *param = g_ptr_array_index (route->params, i);

      if (param->kind == RUSHES_LIVE_IMAGE && g_strcmp0 (semantic_name (b, param->wire), RUSHES_CONTROL_IMAGE) == 0)
        image = param;
    }

  if (image == NULL)
    route->modes &= ~RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);
  else if (image->required)
    route->modes &= ~RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);
}

static void
add_route (Builder         *b,
           RushesLiveRoute *route)
{
  for (guint i = 0; i < route->params->len; i++)
    {
      RushesLiveParam *param = g_ptr_array_index (route->params, i);
      const char *control = semantic_name (b, param->wire);
      gboolean made = FALSE;

      if (param->unsupported == NULL && param->kind != RUSHES_LIVE_UNSUPPORTED)
        {
          if (control != NULL)
            made = make_semantic (b, route, param, control);
          if (!made)
            made = make_generic (b, route, param);
        }

      if (made)
        continue;

      /* Settings Rushes cannot give go unsent: the provider's default
       * applies. Without a default, a required one makes the model
       * unusable. */
      if (param->required && param->default_value == NULL)
        set_unavailable (b, _("it needs “%s”, a setting Rushes cannot give (%s)"),
                         param->label != NULL ? param->label : param->wire,
                         param->unsupported != NULL ? param->unsupported : _("its type is not supported"));
      else
        g_debug ("%s: “%s” left out: %s", b->model->id, param->wire,
                 param->unsupported != NULL ? param->unsupported : "not supported");
    }
}

/* ------------------------------------------------------------------ */
/* The entry */

static void
add_modes_member (JsonObject *object,
                  const char *member,
                  guint       modes)
{
  JsonArray *array = json_array_new ();

  for (guint mode = 0; mode < 2; mode++)
    if (modes & RUSHES_MODEL_MODE_BIT (mode))
      json_array_add_string_element (array, rushes_generation_mode_to_string (mode));
  json_object_set_array_member (object, member, array);
}

static JsonNode *
app_value_node (Draft      *draft,
                const char *value)
{
  if (draft->kind == RUSHES_CONTROL_KIND_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), g_str_equal (value, "true"));
  if (draft->kind == RUSHES_CONTROL_KIND_INTEGER ||
      (draft->kind == RUSHES_CONTROL_KIND_CHOICE && draft->integer_values))
    return json_node_init_int (json_node_alloc (), g_ascii_strtoll (value, NULL, 10));
  if (draft->kind == RUSHES_CONTROL_KIND_NUMBER)
    return json_node_init_double (json_node_alloc (), g_ascii_strtod (value, NULL));
  return json_node_init_string (json_node_alloc (), value);
}

static JsonObject *
control_object (Builder *b,
                Draft   *draft)
{
  JsonObject *object = json_object_new ();

  if (!rushes_control_get_builtin_kind (draft->name, NULL))
    {
      json_object_set_string_member (object, "kind", rushes_control_kind_to_string (draft->kind));
      json_object_set_string_member (object, "label", draft->label);
    }
  if (draft->description != NULL && draft->description[0] != '\0')
    json_object_set_string_member (object, "description", draft->description);
  if (draft->modes != b->modes)
    add_modes_member (object, "modes", draft->modes);
  if (draft->kind != RUSHES_CONTROL_KIND_IMAGE)
    json_object_set_boolean_member (object, "required", draft->required);

  switch (draft->kind)
    {
    case RUSHES_CONTROL_KIND_TEXT:
      if (draft->max_length > 0)
        json_object_set_int_member (object, "max_length", draft->max_length);
      break;

    case RUSHES_CONTROL_KIND_IMAGE:
      {
        JsonArray *formats = json_array_new ();
        JsonArray *sources = json_array_new ();

        for (guint i = 0; draft->formats[i] != NULL; i++)
          json_array_add_string_element (formats, draft->formats[i]);
        json_object_set_array_member (object, "formats", formats);
        if (!draft->url_only)
          json_array_add_string_element (sources, "file");
        json_array_add_string_element (sources, "url");
        json_object_set_array_member (object, "sources", sources);
      }
      break;

    case RUSHES_CONTROL_KIND_CHOICE:
      {
        JsonArray *values = json_array_new ();
        JsonObject *labels = json_object_new ();

        for (guint i = 0; i < draft->values->len; i++)
          {
            const char *value = g_ptr_array_index (draft->values, i);
            const char *label = g_ptr_array_index (draft->value_labels, i);

            json_array_add_element (values, app_value_node (draft, value));
            if (!g_str_equal (value, label))
              json_object_set_string_member (labels, value, label);
          }
        json_object_set_array_member (object, "values", values);
        if (json_object_get_size (labels) > 0 && rushes_control_get_builtin_kind (draft->name, NULL) == FALSE)
          json_object_set_object_member (object, "value_labels", labels);
        else
          json_object_unref (labels);
      }
      break;

    case RUSHES_CONTROL_KIND_INTEGER:
      if (draft->has_min)
        json_object_set_int_member (object, "min", (gint64) ceil (MAX (draft->min, (double) G_MININT32)));
      if (draft->has_max)
        json_object_set_int_member (object, "max", (gint64) floor (MIN (draft->max, (double) G_MAXINT32)));
      if (draft->step >= 1)
        json_object_set_int_member (object, "step", (gint64) draft->step);
      break;

    case RUSHES_CONTROL_KIND_NUMBER:
      if (draft->has_min)
        json_object_set_double_member (object, "min", draft->min);
      if (draft->has_max)
        json_object_set_double_member (object, "max", draft->max);
      if (draft->step > 0)
        json_object_set_double_member (object, "step", draft->step);
      break;

    case RUSHES_CONTROL_KIND_BOOLEAN:
    default:
      break;
    }

  if (draft->default_value != NULL && !draft->defaults_differ && draft->defaulted == draft->routes &&
      draft->kind != RUSHES_CONTROL_KIND_TEXT &&
      draft->kind != RUSHES_CONTROL_KIND_IMAGE &&
      (draft->kind != RUSHES_CONTROL_KIND_CHOICE || str_array_contains (draft->values, draft->default_value)))
    json_object_set_member (object, "default", app_value_node (draft, draft->default_value));

  return object;
}

/* A value one mode's route does not offer is allowed in the other only. */
static JsonArray *
mode_constraints (Builder *b)
{
  JsonArray *constraints = json_array_new ();

  if (b->modes != RUSHES_MODEL_ALL_MODES)
    return constraints;

  for (guint i = 0; i < b->drafts->len; i++)
    {
      Draft *draft = g_ptr_array_index (b->drafts, i);

      if (draft->kind != RUSHES_CONTROL_KIND_CHOICE || draft->modes != RUSHES_MODEL_ALL_MODES)
        continue;

      for (guint mode = 0; mode < 2; mode++)
        {
          GPtrArray *offered = draft->mode_values[mode];
          JsonObject *constraint, *when, *allow;
          JsonArray *values;

          if (offered == NULL || offered->len == 0 || offered->len == draft->values->len)
            continue;

          constraint = json_object_new ();
          when = json_object_new ();
          allow = json_object_new ();
          json_object_set_string_member (when, "mode", rushes_generation_mode_to_string (mode));
          values = json_array_new ();
          for (guint j = 0; j < offered->len; j++)
            json_array_add_element (values, app_value_node (draft, g_ptr_array_index (offered, j)));
          json_object_set_array_member (allow, draft->name, values);
          json_object_set_object_member (constraint, "when", when);
          json_object_set_object_member (constraint, "allow", allow);
          json_array_add_object_element (constraints, constraint);
        }
    }

  return constraints;
}

static Field *
field_for_wire (Builder    *b,
                const char *wire)
{
  for (guint i = 0; i < b->fields->len; i++)
    {
      Field *field = g_ptr_array_index (b->fields, i);

      if (g_str_equal (field->field, wire))
        return field;
    }
  return NULL;
}

/* A price row's wire inputs as conditions on controls; NULL when the row
 * can never hold in Rushes' terms (an input it does not send, a count of
 * files). */
static JsonObject *
price_conditions (Builder         *b,
                  RushesLivePrice *price)
{
  g_autoptr(JsonObject) when = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (price->inputs);

  if (price->modes != 0 && price->modes != b->modes)
    for (guint mode = 0; mode < 2; mode++)
      if (price->modes & RUSHES_MODEL_MODE_BIT (mode))
        json_object_set_string_member (when, "mode", rushes_generation_mode_to_string (mode));

  for (GList *l = members; l != NULL; l = l->next)
    {
      Field *field = field_for_wire (b, l->data);
      g_autofree char *text = wire_text (json_object_get_member (price->inputs, l->data));
      const char *app = NULL;
      Draft *draft;

      if (field == NULL || field->from[1] != NULL || text == NULL || g_str_has_prefix (text, "QUANTITY:"))
        return NULL;
      draft = find_draft (b, field->from[0]);
      if (draft == NULL || draft->kind == RUSHES_CONTROL_KIND_IMAGE)
        return NULL;

      if (field->map != NULL)
        {
          g_autoptr(GList) keys = json_object_get_members (field->map);

          for (GList *k = keys; k != NULL && app == NULL; k = k->next)
            {
              g_autofree char *wire = wire_text (json_object_get_member (field->map, k->data));

              if (g_strcmp0 (wire, text) == 0)
                app = k->data;
            }
          if (app == NULL)
            return NULL;
          json_object_set_string_member (when, draft->name, app);
        }
      else
        {
          if (draft->kind == RUSHES_CONTROL_KIND_BOOLEAN)
            {
              g_autofree char *lower = g_ascii_strdown (text, -1);

              if (!g_str_equal (lower, "true") && !g_str_equal (lower, "false"))
                return NULL;
              json_object_set_string_member (when, draft->name, lower);
              continue;
            }
          if (draft->kind == RUSHES_CONTROL_KIND_CHOICE && !str_array_contains (draft->values, text))
            return NULL;
          json_object_set_string_member (when, draft->name, text);
        }
    }

  return g_steal_pointer (&when);
}

static JsonArray *
build_prices (Builder *b)
{
  JsonArray *rules = json_array_new ();

  for (guint i = 0; i < b->model->prices->len; i++)
    {
      RushesLivePrice *price = g_ptr_array_index (b->model->prices, i);
      g_autoptr(JsonObject) when = price_conditions (b, price);
      JsonObject *rule;

      if (when == NULL || !isfinite (price->per_video) || !isfinite (price->per_second) ||
          price->per_video < 0 || price->per_second < 0 || price->per_video > 1e6 || price->per_second > 1e6 ||
          (price->per_second > 0 && find_draft (b, RUSHES_CONTROL_DURATION) == NULL))
        {
          g_debug ("%s: price row %u left out", b->model->id, i);
          continue;
        }

      rule = json_object_new ();
      if (json_object_get_size (when) > 0)
        json_object_set_object_member (rule, "when", g_steal_pointer (&when));
      if (price->per_video > 0 || price->per_second == 0)
        json_object_set_double_member (rule, "per_video", price->per_video);
      if (price->per_second > 0)
        json_object_set_double_member (rule, "per_second", price->per_second);
      json_object_set_string_member (rule, "source", price->source);
      json_array_add_object_element (rules, rule);
    }

  return rules;
}

static void
set_path (JsonObject      *entry,
          RushesLiveModel *model,
          guint            modes)
{
  GPtrArray *routes = model->routes;
  JsonObject *paths;

  /* Without a route the path is never used (the model cannot be), but an
   * entry has one. */
  if (routes->len == 0)
    {
      const char *slash = strchr (model->id, '/');

      json_object_set_string_member (entry, "path", slash != NULL && slash[1] != '\0' ? slash + 1 : model->id);
      return;
    }
  if (routes->len == 1)
    {
      json_object_set_string_member (entry, "path", ((RushesLiveRoute *) g_ptr_array_index (routes, 0))->path);
      return;
    }

  paths = json_object_new ();
  for (guint i = 0; i < routes->len; i++)
    {
      RushesLiveRoute *route = g_ptr_array_index (routes, i);

      for (guint mode = 0; mode < 2; mode++)
        if ((route->modes & modes & RUSHES_MODEL_MODE_BIT (mode)) &&
            !json_object_has_member (paths, rushes_generation_mode_to_string (mode)))
          json_object_set_string_member (paths, rushes_generation_mode_to_string (mode), route->path);
    }
  json_object_set_object_member (entry, "path", paths);
}

/* What an entry needs to be read when the model cannot be used: a prompt,
 * and a start image for image-to-video. */
static void
set_minimal (JsonObject *entry,
             guint       modes)
{
  JsonObject *controls = json_object_new ();
  JsonArray *request = json_array_new ();
  JsonObject *prompt = json_object_new ();

  json_object_set_object_member (controls, RUSHES_CONTROL_PROMPT, json_object_new ());
  json_object_set_string_member (prompt, "field", RUSHES_CONTROL_PROMPT);
  json_object_set_string_member (prompt, "from", RUSHES_CONTROL_PROMPT);
  json_array_add_object_element (request, prompt);
  if (modes & RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO))
    {
      JsonObject *image = json_object_new ();

      json_object_set_object_member (controls, RUSHES_CONTROL_IMAGE, json_object_new ());
      json_object_set_string_member (image, "field", RUSHES_CONTROL_IMAGE);
      json_object_set_string_member (image, "from", RUSHES_CONTROL_IMAGE);
      json_array_add_object_element (request, image);
    }
  json_object_set_object_member (entry, "controls", controls);
  json_object_set_array_member (entry, "request", request);
}

static JsonObject *
build_entry (Builder *b)
{
  RushesLiveModel *model = b->model;
  JsonObject *entry = json_object_new ();
  guint all_modes = 0;

  for (guint i = 0; i < model->routes->len; i++)
    all_modes |= ((RushesLiveRoute *) g_ptr_array_index (model->routes, i))->modes;

  json_object_set_string_member (entry, "id", model->id);
  json_object_set_string_member (entry, "provider", model->provider_id);
  json_object_set_string_member (entry, "name", model->name);
  if (model->vendor != NULL)
    json_object_set_string_member (entry, "vendor", model->vendor);
  if (model->description != NULL && model->description[0] != '\0')
    json_object_set_string_member (entry, "description", model->description);

  if (model->unavailable != NULL)
    set_unavailable (b, "%s", model->unavailable);
  if (model->routes->len == 0)
    set_unavailable (b, "%s", _("its listing has no route Rushes can use"));

  if (b->unavailable == NULL)
    {
      for (guint i = 0; i < model->routes->len; i++)
        settle_modes (b, g_ptr_array_index (model->routes, i));
      for (guint i = 0; i < model->routes->len; i++)
        b->modes |= ((RushesLiveRoute *) g_ptr_array_index (model->routes, i))->modes;
      if (b->modes == 0)
        set_unavailable (b, "%s", _("it takes neither a prompt alone nor a start image Rushes can give"));
    }

  if (b->unavailable == NULL)
    {
      for (guint i = 0; i < model->routes->len; i++)
        if (((RushesLiveRoute *) g_ptr_array_index (model->routes, i))->modes != 0)
          add_route (b, g_ptr_array_index (model->routes, i));
      if (find_draft (b, RUSHES_CONTROL_PROMPT) == NULL)
        set_unavailable (b, "%s", _("its schema has no prompt"));
    }

  if (b->unavailable != NULL)
    {
      guint modes = b->modes != 0 ? b->modes : (all_modes != 0 ? all_modes : RUSHES_MODEL_ALL_MODES);

      add_modes_member (entry, "modes", modes);
      set_path (entry, model, modes);
      set_minimal (entry, modes);
      json_object_set_string_member (entry, "unavailable", b->unavailable);
      return entry;
    }

  add_modes_member (entry, "modes", b->modes);
  set_path (entry, model, b->modes);

  {
    JsonObject *controls = json_object_new ();
    JsonArray *request = json_array_new ();
    JsonArray *constraints = mode_constraints (b);
    JsonArray *prices = build_prices (b);

    for (guint i = 0; i < b->drafts->len; i++)
      {
        Draft *draft = g_ptr_array_index (b->drafts, i);

        if (draft->modes != 0)
          json_object_set_object_member (controls, draft->name, control_object (b, draft));
      }
    for (guint i = 0; i < b->fields->len; i++)
      {
        Field *field = g_ptr_array_index (b->fields, i);
        JsonObject *mapping = json_object_new ();

        field->modes &= b->modes;
        if (field->modes == 0)
          {
            json_object_unref (mapping);
            continue;
          }
        json_object_set_string_member (mapping, "field", field->field);
        if (field->from[1] != NULL)
          {
            JsonArray *from = json_array_new ();

            json_array_add_string_element (from, field->from[0]);
            json_array_add_string_element (from, field->from[1]);
            json_object_set_array_member (mapping, "from", from);
          }
        else
          json_object_set_string_member (mapping, "from", field->from[0]);
        if (field->type != NULL)
          json_object_set_string_member (mapping, "type", field->type);
        if (field->map != NULL)
          json_object_set_object_member (mapping, "map", json_object_ref (field->map));
        if (field->modes != b->modes)
          add_modes_member (mapping, "modes", field->modes);
        json_array_add_object_element (request, mapping);
      }

    json_object_set_object_member (entry, "controls", controls);
    if (json_array_get_length (constraints) > 0)
      json_object_set_array_member (entry, "constraints", constraints);
    else
      json_array_unref (constraints);
    json_object_set_array_member (entry, "request", request);
    if (json_array_get_length (prices) > 0)
      json_object_set_array_member (entry, "price", prices);
    else
      json_array_unref (prices);
  }

  if (model->price_note != NULL)
    json_object_set_string_member (entry, "price_note", model->price_note);
  {
    JsonObject *polling = json_object_new ();

    json_object_set_int_member (polling, "first_delay", 10);
    json_object_set_int_member (polling, "interval", 5);
    json_object_set_object_member (entry, "polling", polling);
  }

  return entry;
}

/**
 * _rushes_live_model_build:
 *
 * Makes the catalog entry of @model. The entry is checked the way the
 * catalog reads it: one that does not read (a schema too strange for the
 * format) comes back as an unavailable entry that says why.
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
_rushes_live_model_build (RushesLiveModel *model)
{
  Builder b = { 0 };
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(RushesModel) check = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (model->id != NULL && model->name != NULL, NULL);

  b.model = model;
  b.drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
  b.fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  json_node_take_object (node, build_entry (&b));

  check = _rushes_model_new_from_json (node, model->id, &error);
  if (check == NULL && b.unavailable == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("its schema does not make a usable entry (%s)"), error->message);
      RushesLiveRoute *route;

      g_debug ("%s: %s", model->id, reason);
      g_ptr_array_set_size (b.drafts, 0);
      g_ptr_array_set_size (b.fields, 0);
      b.modes = 0;
      g_free (model->unavailable);
      model->unavailable = g_steal_pointer (&reason);
      for (guint i = 0; i < model->routes->len; i++)
        {
          route = g_ptr_array_index (model->routes, i);
          g_ptr_array_set_size (route->params, 0);
        }
      json_node_take_object (node, build_entry (&b));
    }

  g_ptr_array_unref (b.drafts);
  g_ptr_array_unref (b.fields);
  g_free (b.unavailable);
  return g_steal_pointer (&node);
}
