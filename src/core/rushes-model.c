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

#include "rushes-error.h"
#include "rushes-model-private.h"

/* RushesModel: one catalog entry. Reading an entry is in
 * rushes-model-parse.c, checking what the user asked for in
 * rushes-model-validate.c, and the provider's request in
 * rushes-model-wire.c; the types they share are in rushes-model-private.h. */

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

void
_rushes_model_control_free (Control *control)
{
  g_free (control->name);
  g_free (control->label);
  g_strfreev (control->values);
  g_free (control->default_value);
  g_strfreev (control->formats);
  g_free (control);
}

void
_rushes_model_condition_free (Condition *condition)
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

Control *
_rushes_model_find_control (RushesModel *self,
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

/* Whether @value is one of @values; NULL is in none. */
gboolean
_rushes_model_value_in (char       **values,
                        const char  *value)
{
  return values != NULL && value != NULL && g_strv_contains ((const char * const *)values, value);
}

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
  self->controls = g_ptr_array_new_with_free_func ((GDestroyNotify) _rushes_model_control_free);
  self->constraints = g_ptr_array_new_with_free_func ((GDestroyNotify) constraint_free);
  self->mappings = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_free);
  self->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) price_rule_free);
}

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

  found = _rushes_model_find_control (self, control);
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

  return (self->modes & RUSHES_MODEL_MODE_BIT (mode)) != 0;
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

  return _rushes_model_find_control (self, control) != NULL;
}

RushesControlKind
rushes_model_get_control_kind (RushesModel *self,
                               const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), RUSHES_CONTROL_KIND_TEXT);
  g_return_val_if_fail (control != NULL, RUSHES_CONTROL_KIND_TEXT);

  found = _rushes_model_find_control (self, control);
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

  found = _rushes_model_find_control (self, control);
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

  found = _rushes_model_find_control (self, control);
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

  found = _rushes_model_find_control (self, control);
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

  found = _rushes_model_find_control (self, control);
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

  found = _rushes_model_find_control (self, control);
  if (found == NULL || found->kind != RUSHES_CONTROL_KIND_INTEGER)
    return FALSE;

  if (min != NULL)
    *min = found->min;
  if (max != NULL)
    *max = found->max;
  return TRUE;
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

      if (!_rushes_model_conditions_hold (rule->when, complete))
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
    if (self->modes & RUSHES_MODEL_MODE_BIT (mode))
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
            json_builder_add_value (builder, _rushes_model_app_value_to_node (control, control->values[j]));
          json_builder_end_array (builder);
        }
      if (control->default_value != NULL)
        {
          json_builder_set_member_name (builder, "default");
          json_builder_add_value (builder, _rushes_model_app_value_to_node (control, control->default_value));
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
          g_assert (control->formats != NULL);
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
      if (control->modes != RUSHES_MODEL_ALL_MODES)
        {
          json_builder_set_member_name (builder, "modes");
          json_builder_begin_array (builder);
          for (guint mode = 0; mode < 2; mode++)
            if (control->modes & RUSHES_MODEL_MODE_BIT (mode))
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

  /* parse_paths() gives each mode the model offers a route. */
  g_assert (self->paths[0] != NULL || self->paths[1] != NULL);

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

