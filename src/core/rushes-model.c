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

#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-model-private.h"
#include "rushes-provider.h"

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
  g_free (control->description);
  g_strfreev (control->values);
  g_strfreev (control->value_labels);
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
  _rushes_model_ensure_loaded (self);
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

/**
 * _rushes_model_ensure_loaded:
 *
 * A model loaded from a cached live catalog starts as its summary (id,
 * name, vendor, retired, available) and reads the rest of its entry the
 * first time anything else is asked of it: a catalog of thousands of
 * models opens at once. An entry that turns out damaged leaves a model
 * that says so (rushes_model_get_unavailable_reason()) and has a prompt,
 * so that everything relying on one still holds.
 */
void
_rushes_model_ensure_loaded (RushesModel *self)
{
  g_autoptr(GBytes) pending = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *vendor = NULL;
  gboolean retired;

  if (self->pending == NULL)
    return;

  pending = g_steal_pointer (&self->pending);
  id = g_strdup (self->id);
  provider_id = g_strdup (self->provider_id);
  name = g_strdup (self->name);
  vendor = g_strdup (self->vendor);
  retired = self->retired;

  node = rushes_json_parse_bytes (pending, RUSHES_JSON_MAX_CATALOG, &error);
  if (node != NULL && _rushes_model_load_entry (self, node, &error))
    {
      if (g_str_equal (self->id, id) && g_str_equal (self->provider_id, provider_id))
        return;
      g_clear_error (&error);
      g_set_error (&error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("the entry does not match its summary (“%s”)"), self->id);
    }

  g_debug ("%s: cached entry unusable: %s", id, error->message);
  _rushes_model_reset (self);
  self->id = g_steal_pointer (&id);
  self->provider_id = g_steal_pointer (&provider_id);
  self->name = g_steal_pointer (&name);
  self->vendor = g_steal_pointer (&vendor);
  self->retired = retired;
  self->unavailable = g_strdup_printf (_("its cached entry is damaged (%s); refresh the catalog"), error->message);
  self->modes = RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);
  self->paths[0] = g_strdup ("");
  {
    Control *prompt = g_new0 (Control, 1);

    prompt->name = g_strdup (RUSHES_CONTROL_PROMPT);
    prompt->label = g_strdup (rushes_control_get_label (RUSHES_CONTROL_PROMPT));
    prompt->kind = RUSHES_CONTROL_KIND_TEXT;
    prompt->modes = RUSHES_MODEL_ALL_MODES;
    prompt->required = TRUE;
    g_ptr_array_add (self->controls, prompt);
  }
}

/**
 * _rushes_model_new_summary:
 * @modes: what it starts from, as RUSHES_MODEL_MODE_BIT()s, or 0 when unknown
 * @entry: the entry's JSON text, read when first needed
 *
 * Returns: (transfer full): a model known by its summary until then
 */
RushesModel *
_rushes_model_new_summary (const char *id,
                           const char *provider_id,
                           const char *name,
                           const char *vendor,
                           gboolean    retired,
                           const char *unavailable,
                           guint       modes,
                           GBytes     *entry,
                           const char *origin)
{
  RushesModel *self;

  g_return_val_if_fail (id != NULL && provider_id != NULL && name != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (RUSHES_TYPE_MODEL, NULL);
  self->id = g_strdup (id);
  self->provider_id = g_strdup (provider_id);
  self->name = g_strdup (name);
  self->vendor = g_strdup (vendor);
  self->retired = retired;
  self->summary_unavailable = unavailable != NULL;
  self->unavailable = g_strdup (unavailable);
  self->modes = modes;
  self->origin = g_strdup (origin);
  self->pending = g_bytes_ref (entry);

  return self;
}

/**
 * _rushes_model_set_live:
 * @fetched_at: when the provider's listing was read
 *
 * Marks the model as read from (or merged with) a live listing.
 */
void
_rushes_model_set_live (RushesModel *self,
                        GDateTime   *fetched_at)
{
  g_return_if_fail (RUSHES_IS_MODEL (self));

  self->live = TRUE;
  g_clear_pointer (&self->fetched_at, g_date_time_unref);
  self->fetched_at = fetched_at != NULL ? g_date_time_ref (fetched_at) : NULL;
}

/* Whether the summary says the model can be used; never reads the entry. */
gboolean
_rushes_model_summary_available (RushesModel *self)
{
  return self->pending != NULL ? !self->summary_unavailable : self->unavailable == NULL;
}

/**
 * _rushes_model_fold_text:
 *
 * Returns: (transfer full): @text in the form searches compare: case
 *   folded and without accents ("Séance" → "seance")
 */
char *
_rushes_model_fold_text (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = NULL;
  GString *result;

  if (decomposed == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (decomposed, -1);
  result = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (result, c);
    }

  return g_string_free (result, FALSE);
}

/**
 * _rushes_model_get_search_key:
 *
 * Returns: the folded text a search looks in: name, vendor, id and the
 *   provider's name, lower case and without accents
 */
const char *
_rushes_model_get_search_key (RushesModel *self)
{
  if (self->search_key == NULL)
    {
      const char *provider = rushes_provider_id_get_name (self->provider_id);
      g_autofree char *joined = g_strjoin ("\n", self->name, self->vendor != NULL ? self->vendor : "",
                                           self->id, provider != NULL ? provider : "", NULL);

      self->search_key = _rushes_model_fold_text (joined);
    }

  return self->search_key;
}

static void
rushes_model_finalize (GObject *object)
{
  RushesModel *self = (RushesModel *)object;

  _rushes_model_reset (self);
  g_free (self->origin);
  g_clear_pointer (&self->pending, g_bytes_unref);
  g_clear_pointer (&self->fetched_at, g_date_time_unref);
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
      g_value_set_string (value, rushes_model_get_description (self));
      break;
    case PROP_RETIRED:
      g_value_set_boolean (value, self->retired);
      break;
    case PROP_RETIRED_NOTE:
      g_value_set_string (value, rushes_model_get_retired_note (self));
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

  _rushes_model_ensure_loaded (self);

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

  _rushes_model_ensure_loaded (self);

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

  _rushes_model_ensure_loaded (self);

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

  /* The cache's index says it: the picker filters on it for thousands of
   * models without reading their entries. */
  if (self->pending == NULL || self->modes == 0)
    _rushes_model_ensure_loaded (self);

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

  _rushes_model_ensure_loaded (self);

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

/* The first price rule that holds for @params (defaults applied), and
 * where it comes from. */
gboolean
_rushes_model_estimate (RushesModel            *self,
                        RushesGenerationParams *params,
                        double                 *cost_usd,
                        PriceSource            *source)
{
  g_autoptr(RushesGenerationParams) complete = NULL;

  complete = rushes_model_complete_params (self, params);
  for (guint i = 0; i < self->prices->len; i++)
    {
      PriceRule *rule = g_ptr_array_index (self->prices, i);
      guint duration = rushes_generation_params_get_duration (complete);

      if (!_rushes_model_conditions_hold (self, rule->when, complete))
        continue;
      if (rule->per_second > 0 && duration == 0)
        return FALSE;

      *cost_usd = rule->per_video + rule->per_second * duration;
      if (source != NULL)
        *source = rule->source;
      return TRUE;
    }

  return FALSE;
}

/**
 * rushes_model_estimate_cost:
 * @params: what the user asked for (defaults are applied)
 * @cost_usd: (out): the estimate in US dollars
 *
 * Uses the catalog's price rules: hints written by hand, or the
 * provider's price list as its live listing gave it
 * (rushes_model_estimate_cost_full() says which). Either can lag behind
 * the provider's price list: present the result as an estimate.
 *
 * Returns: %TRUE when the catalog has a price for these parameters
 */
gboolean
rushes_model_estimate_cost (RushesModel            *self,
                            RushesGenerationParams *params,
                            double                 *cost_usd)
{
  return rushes_model_estimate_cost_full (self, params, cost_usd, NULL);
}

/**
 * rushes_model_estimate_cost_full:
 * @cost_usd: (out): the estimate in US dollars
 * @from_price_list: (out) (optional): %TRUE when the amount is a row of the
 *   provider's own price list (Wiro's `dynamicprice`) matched against
 *   these settings, %FALSE for a hint written into the catalog or a
 *   provider's approximate cost
 *
 * Returns: %TRUE when the catalog has a price for these parameters
 */
gboolean
rushes_model_estimate_cost_full (RushesModel            *self,
                                 RushesGenerationParams *params,
                                 double                 *cost_usd,
                                 gboolean               *from_price_list)
{
  PriceSource source = PRICE_HINT;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), FALSE);
  g_return_val_if_fail (cost_usd != NULL, FALSE);

  if (!_rushes_model_estimate (self, params, cost_usd, &source))
    return FALSE;

  if (from_price_list != NULL)
    *from_price_list = source == PRICE_LIST;
  return TRUE;
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_modes (JsonBuilder *builder,
           guint        modes)
{
  json_builder_begin_array (builder);
  for (guint mode = 0; mode < 2; mode++)
    if (modes & RUSHES_MODEL_MODE_BIT (mode))
      json_builder_add_string_value (builder, rushes_generation_mode_to_string (mode));
  json_builder_end_array (builder);
}

static void
add_control (JsonBuilder *builder,
             RushesModel *self,
             Control     *control)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, rushes_control_kind_to_string (control->kind));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, control->label);
  json_builder_set_member_name (builder, "generic");
  json_builder_add_boolean_value (builder, control->generic);
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, rushes_model_get_control_required (self, control->name));
  if (control->description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, control->description);
    }
  if (control->values != NULL)
    {
      gboolean labelled = FALSE;

      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint j = 0; control->values[j] != NULL; j++)
        {
          json_builder_add_value (builder, _rushes_model_app_value_to_node (control, control->values[j]));
          labelled |= !g_str_equal (control->values[j], control->value_labels[j]);
        }
      json_builder_end_array (builder);
      if (labelled)
        {
          json_builder_set_member_name (builder, "value_labels");
          json_builder_begin_object (builder);
          for (guint j = 0; control->values[j] != NULL; j++)
            {
              json_builder_set_member_name (builder, control->values[j]);
              json_builder_add_string_value (builder, control->value_labels[j]);
            }
          json_builder_end_object (builder);
        }
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
  if (control->kind == RUSHES_CONTROL_KIND_NUMBER)
    {
      if (control->number_min > -G_MAXDOUBLE)
        {
          json_builder_set_member_name (builder, "min");
          json_builder_add_double_value (builder, control->number_min);
        }
      if (control->number_max < G_MAXDOUBLE)
        {
          json_builder_set_member_name (builder, "max");
          json_builder_add_double_value (builder, control->number_max);
        }
    }
  if (control->step > 0)
    {
      json_builder_set_member_name (builder, "step");
      json_builder_add_double_value (builder, control->step);
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
      add_modes (builder, control->modes);
    }
  json_builder_end_object (builder);
}

/**
 * rushes_model_to_json:
 *
 * The model as `rushes-cli models --json` shows it: id, name, provider,
 * vendor, description, retired, retired_note, available,
 * unavailable_reason, live (and fetched_at, when it is), modes, controls
 * (kind, label, generic, required, description, values and their labels,
 * default, limits, step), price_estimate_usd (for the defaults, or null),
 * price_from_price_list and price_note.
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
rushes_model_to_json (RushesModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RushesGenerationParams) defaults = rushes_generation_params_new ();
  gboolean from_price_list = FALSE;
  double cost;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  _rushes_model_ensure_loaded (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, self->provider_id);
  add_nullable_string (builder, "vendor", self->vendor);
  add_nullable_string (builder, "description", self->description);
  json_builder_set_member_name (builder, "retired");
  json_builder_add_boolean_value (builder, self->retired);
  add_nullable_string (builder, "retired_note", self->retired_note);
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, self->unavailable == NULL);
  add_nullable_string (builder, "unavailable_reason", self->unavailable);
  json_builder_set_member_name (builder, "live");
  json_builder_add_boolean_value (builder, self->live);
  if (self->fetched_at != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (self->fetched_at);

      add_nullable_string (builder, "fetched_at", text);
    }

  json_builder_set_member_name (builder, "modes");
  add_modes (builder, self->modes);

  json_builder_set_member_name (builder, "controls");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->controls->len; i++)
    {
      Control *control = g_ptr_array_index (self->controls, i);

      json_builder_set_member_name (builder, control->name);
      add_control (builder, self, control);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "price_estimate_usd");
  if (self->unavailable == NULL && rushes_model_estimate_cost_full (self, defaults, &cost, &from_price_list))
    json_builder_add_double_value (builder, cost);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "price_from_price_list");
  json_builder_add_boolean_value (builder, from_price_list);
  add_nullable_string (builder, "price_note", self->price_note);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * rushes_model_get_vendor:
 *
 * Returns: (nullable): who makes the model ("google" in
 *   "wiro/google/veo3-1", or what the listing calls it: "ByteDance")
 */
const char *
rushes_model_get_vendor (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->vendor;
}

/**
 * rushes_model_get_available:
 *
 * A model listed by a provider may not be usable: its schema has no
 * prompt, a required setting Rushes cannot give, or its cached entry is
 * damaged. It is still listed, with the reason, and refused before
 * anything is sent.
 *
 * Returns: whether the model can be used
 */
gboolean
rushes_model_get_available (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);

  _rushes_model_ensure_loaded (self);
  return self->unavailable == NULL;
}

/**
 * rushes_model_peek_available:
 *
 * Whether the model can be used as far as is known without reading its
 * entry: a model from a cached live listing is known by its summary until
 * it is first used, and lists (the model picker) show thousands of them.
 * Before sending, ask rushes_model_get_available(), which reads the entry
 * and so also knows of a damaged one.
 *
 * Returns: whether the model looks usable
 */
gboolean
rushes_model_peek_available (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);

  return _rushes_model_summary_available (self);
}

/**
 * rushes_model_get_loaded:
 *
 * Returns: whether the model's entry is read: %FALSE for a model of a
 *   cached live listing not used yet, whose first use reads it
 */
gboolean
rushes_model_get_loaded (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);

  return self->pending == NULL;
}

/**
 * rushes_model_get_unavailable_reason:
 *
 * Returns: (nullable): why the model cannot be used, a phrase that reads
 *   after "cannot be used: "; %NULL when it can
 */
const char *
rushes_model_get_unavailable_reason (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  _rushes_model_ensure_loaded (self);
  return self->unavailable;
}

/**
 * rushes_model_get_live:
 *
 * Returns: %TRUE when the model's settings come from its provider's live
 *   listing (alone, or merged with a built-in entry)
 */
gboolean
rushes_model_get_live (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);

  return self->live;
}

/**
 * rushes_model_get_fetched_at:
 *
 * Returns: (nullable) (transfer none): when the live listing the model
 *   comes from was read
 */
GDateTime *
rushes_model_get_fetched_at (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);

  return self->fetched_at;
}

static Control *
find_control_or_warn (RushesModel *self,
                      const char  *control)
{
  Control *found = _rushes_model_find_control (self, control);

  if (found == NULL)
    g_critical ("%s has no control “%s”", self->id, control);
  return found;
}

/**
 * rushes_model_get_control_label:
 *
 * Returns: the control's label: Rushes' own for the controls it knows
 *   ("Aspect ratio"), the schema's label or title for the others
 */
const char *
rushes_model_get_control_label (RushesModel *self,
                                const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);

  found = find_control_or_warn (self, control);
  return found != NULL ? found->label : NULL;
}

/**
 * rushes_model_get_control_description:
 *
 * Returns: (nullable): a sentence on what the control does, from the
 *   schema ("std renders 720p, pro 1080p.")
 */
const char *
rushes_model_get_control_description (RushesModel *self,
                                      const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);

  found = find_control_or_warn (self, control);
  return found != NULL ? found->description : NULL;
}

/**
 * rushes_model_get_control_required:
 *
 * The start image is required when the model has no text-to-video mode.
 *
 * Returns: whether a value must be given (or the default is used)
 */
gboolean
rushes_model_get_control_required (RushesModel *self,
                                   const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  found = find_control_or_warn (self, control);
  if (found == NULL)
    return FALSE;
  if (g_str_equal (found->name, RUSHES_CONTROL_IMAGE))
    return !rushes_model_supports_mode (self, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);
  return found->required;
}

/**
 * rushes_model_control_is_generic:
 *
 * Returns: %TRUE for a control Rushes does not know by name (a schema's
 *   own setting, shown as a generic row of its kind), %FALSE for the
 *   prompt, images, aspect ratio, duration, resolution, audio, negative
 *   prompt and seed
 */
gboolean
rushes_model_control_is_generic (RushesModel *self,
                                 const char  *control)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  found = find_control_or_warn (self, control);
  return found != NULL && found->generic;
}

/**
 * rushes_model_control_supports_mode:
 *
 * Returns: whether the control exists in @mode (an aspect ratio only
 *   text-to-video takes, an end image only image-to-video takes)
 */
gboolean
rushes_model_control_supports_mode (RushesModel          *self,
                                    const char           *control,
                                    RushesGenerationMode  mode)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  found = _rushes_model_find_control (self, control);
  return found != NULL && _rushes_model_control_applies (found, mode) && rushes_model_supports_mode (self, mode);
}

/**
 * rushes_model_get_value_label:
 * @value: one of rushes_model_get_allowed_values()
 *
 * Returns: (nullable): how the schema names the value ("Professional" for
 *   "pro"); the value itself when it has no name; %NULL for a value the
 *   control does not offer
 */
const char *
rushes_model_get_value_label (RushesModel *self,
                              const char  *control,
                              const char  *value)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  found = _rushes_model_find_control (self, control);
  if (found == NULL || found->values == NULL)
    return NULL;

  for (guint i = 0; found->values[i] != NULL; i++)
    if (g_str_equal (found->values[i], value))
      return found->value_labels[i];
  return NULL;
}

/**
 * rushes_model_get_number_range:
 * @min: (out) (optional): the smallest value
 * @max: (out) (optional): the largest value
 * @step: (out) (optional): the step between values, or 0 for any
 *
 * For integer and number controls (a seed, a CFG scale); unbounded ends
 * are -G_MAXDOUBLE and G_MAXDOUBLE.
 *
 * Returns: %TRUE for an integer or number control
 */
gboolean
rushes_model_get_number_range (RushesModel *self,
                               const char  *control,
                               double      *min,
                               double      *max,
                               double      *step)
{
  Control *found;

  g_return_val_if_fail (RUSHES_IS_MODEL (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  found = _rushes_model_find_control (self, control);
  if (found == NULL || (found->kind != RUSHES_CONTROL_KIND_INTEGER && found->kind != RUSHES_CONTROL_KIND_NUMBER))
    return FALSE;

  if (min != NULL)
    *min = found->kind == RUSHES_CONTROL_KIND_INTEGER ? (double) found->min : found->number_min;
  if (max != NULL)
    *max = found->kind == RUSHES_CONTROL_KIND_INTEGER ? (double) found->max : found->number_max;
  if (step != NULL)
    *step = found->kind == RUSHES_CONTROL_KIND_INTEGER && found->step == 0 ? 1 : found->step;
  return TRUE;
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

  _rushes_model_ensure_loaded (self);

  /* parse_paths() gives each mode the model offers a route. */
  g_assert (self->paths[0] != NULL || self->paths[1] != NULL);

  return self->paths[mode] != NULL ? self->paths[mode] : self->paths[!mode];
}

guint
_rushes_model_get_poll_delay_ms (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), 0);

  _rushes_model_ensure_loaded (self);

  return self->poll_delay_ms;
}

guint
_rushes_model_get_poll_interval_ms (RushesModel *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL (self), 5000);

  _rushes_model_ensure_loaded (self);

  return self->poll_interval_ms;
}

