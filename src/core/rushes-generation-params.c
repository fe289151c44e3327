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

#define G_LOG_DOMAIN "rushes-generation-params"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-generation-params.h"

/**
 * RushesGenerationParams:
 *
 * What the user asked for, in app-level, provider-neutral terms: a map from
 * control name (#RUSHES_CONTROL_PROMPT, #RUSHES_CONTROL_DURATION, …) to a
 * normalised string value. Unset controls take the model's default when the
 * task is created (rushes_model_complete_params()).
 */
struct _RushesGenerationParams
{
  GObject     parent_instance;

  GHashTable *values;  /* control name → normalised value */
};

G_DEFINE_FINAL_TYPE (RushesGenerationParams, rushes_generation_params, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROMPT,
  PROP_IMAGE,
  PROP_ASPECT_RATIO,
  PROP_DURATION,
  PROP_RESOLUTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const record_controls[] = {
  RUSHES_CONTROL_ASPECT_RATIO,
  RUSHES_CONTROL_DURATION,
  RUSHES_CONTROL_RESOLUTION,
  RUSHES_CONTROL_IMAGE,
};

static gboolean
is_image_control (const char *control)
{
  RushesControlKind kind;

  return rushes_control_get_builtin_kind (control, &kind) && kind == RUSHES_CONTROL_KIND_IMAGE;
}

static gboolean
is_integer_control (const char *control)
{
  return g_str_equal (control, RUSHES_CONTROL_DURATION) ||
         g_str_equal (control, RUSHES_CONTROL_SEED);
}

static gboolean
is_boolean_control (const char *control)
{
  RushesControlKind kind;

  return rushes_control_get_builtin_kind (control, &kind) && kind == RUSHES_CONTROL_KIND_BOOLEAN;
}

static gboolean
is_url (const char *value)
{
  return value != NULL &&
         (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"));
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static GParamSpec *
pspec_for_control (const char *control)
{
  if (g_str_equal (control, RUSHES_CONTROL_PROMPT))
    return properties[PROP_PROMPT];
  if (g_str_equal (control, RUSHES_CONTROL_IMAGE))
    return properties[PROP_IMAGE];
  if (g_str_equal (control, RUSHES_CONTROL_ASPECT_RATIO))
    return properties[PROP_ASPECT_RATIO];
  if (g_str_equal (control, RUSHES_CONTROL_DURATION))
    return properties[PROP_DURATION];
  if (g_str_equal (control, RUSHES_CONTROL_RESOLUTION))
    return properties[PROP_RESOLUTION];
  return NULL;
}

/* Stores an already normalised value; NULL unsets. */
static void
store_value (RushesGenerationParams *self,
             const char             *control,
             const char             *value)
{
  const char *old = g_hash_table_lookup (self->values, control);
  GParamSpec *pspec;

  if (g_strcmp0 (old, value) == 0)
    return;

  if (value == NULL)
    g_hash_table_remove (self->values, control);
  else
    g_hash_table_insert (self->values, g_strdup (control), g_strdup (value));

  pspec = pspec_for_control (control);
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static char *
normalize_image (const char *value)
{
  if (is_url (value))
    return g_strdup (value);

  if (g_str_has_prefix (value, "file://"))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (value);

      return g_file_get_path (file);
    }

  /* Relative paths are resolved now: the task may run from elsewhere. */
  return g_canonicalize_filename (value, NULL);
}

static char *
normalize_value (const char  *control,
                 const char  *value,
                 GError     **error)
{
  if (is_image_control (control))
    return normalize_image (value);

  if (is_integer_control (control))
    {
      g_autofree char *copy = g_strstrip (g_strdup (value));
      gint64 number;
      char *end = NULL;
      gsize len = strlen (copy);

      /* "8s" and "8 s" are how people write durations. */
      if (g_str_equal (control, RUSHES_CONTROL_DURATION) && len > 1 && copy[len - 1] == 's')
        {
          copy[len - 1] = '\0';
          g_strchomp (copy);
        }

      number = g_ascii_strtoll (copy, &end, 10);
      if (copy[0] == '\0' || end == NULL || *end != '\0' ||
          (g_str_equal (control, RUSHES_CONTROL_DURATION) && (number <= 0 || number > G_MAXINT)))
        {
          if (g_str_equal (control, RUSHES_CONTROL_DURATION))
            rushes_error_set_invalid_input (error, control,
                                            _("Duration “%s” is not a whole number of seconds"), value);
          else
            rushes_error_set_invalid_input (error, control,
                                            _("Seed “%s” is not a whole number"), value);
          return NULL;
        }

      return g_strdup_printf ("%" G_GINT64_FORMAT, number);
    }

  if (is_boolean_control (control))
    {
      static const char * const yes[] = { "true", "yes", "on", "1", NULL };
      static const char * const no[] = { "false", "no", "off", "0", NULL };
      g_autofree char *lower = g_ascii_strdown (value, -1);

      g_strstrip (lower);
      if (g_strv_contains (yes, lower))
        return g_strdup ("true");
      if (g_strv_contains (no, lower))
        return g_strdup ("false");

      rushes_error_set_invalid_input (error, control,
                                      _("“%s” is not on or off"), value);
      return NULL;
    }

  if (g_str_equal (control, RUSHES_CONTROL_PROMPT) ||
      g_str_equal (control, RUSHES_CONTROL_NEGATIVE_PROMPT))
    return g_strdup (value);

  return g_strstrip (g_strdup (value));
}

static void
rushes_generation_params_finalize (GObject *object)
{
  RushesGenerationParams *self = (RushesGenerationParams *)object;

  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_generation_params_parent_class)->finalize (object);
}

static void
rushes_generation_params_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RushesGenerationParams *self = RUSHES_GENERATION_PARAMS (object);

  switch (prop_id)
    {
    case PROP_PROMPT:
      g_value_set_string (value, rushes_generation_params_get_prompt (self));
      break;
    case PROP_IMAGE:
      g_value_set_string (value, rushes_generation_params_get_image (self));
      break;
    case PROP_ASPECT_RATIO:
      g_value_set_string (value, rushes_generation_params_get_aspect_ratio (self));
      break;
    case PROP_DURATION:
      g_value_set_uint (value, rushes_generation_params_get_duration (self));
      break;
    case PROP_RESOLUTION:
      g_value_set_string (value, rushes_generation_params_get_resolution (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_generation_params_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RushesGenerationParams *self = RUSHES_GENERATION_PARAMS (object);

  switch (prop_id)
    {
    case PROP_PROMPT:
      rushes_generation_params_set_prompt (self, g_value_get_string (value));
      break;
    case PROP_IMAGE:
      rushes_generation_params_set_image (self, g_value_get_string (value));
      break;
    case PROP_ASPECT_RATIO:
      rushes_generation_params_set_aspect_ratio (self, g_value_get_string (value));
      break;
    case PROP_DURATION:
      rushes_generation_params_set_duration (self, g_value_get_uint (value));
      break;
    case PROP_RESOLUTION:
      rushes_generation_params_set_resolution (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_generation_params_class_init (RushesGenerationParamsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rushes_generation_params_finalize;
  object_class->get_property = rushes_generation_params_get_property;
  object_class->set_property = rushes_generation_params_set_property;

  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, NULL, flags);
  /**
   * RushesGenerationParams:image:
   *
   * The start image: an absolute path or an http(s) URL.
   */
  properties[PROP_IMAGE] = g_param_spec_string ("image", NULL, NULL, NULL, flags);
  properties[PROP_ASPECT_RATIO] = g_param_spec_string ("aspect-ratio", NULL, NULL, NULL, flags);
  /**
   * RushesGenerationParams:duration:
   *
   * Whole seconds; 0 when unset.
   */
  properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_RESOLUTION] = g_param_spec_string ("resolution", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_generation_params_init (RushesGenerationParams *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

RushesGenerationParams *
rushes_generation_params_new (void)
{
  return g_object_new (RUSHES_TYPE_GENERATION_PARAMS, NULL);
}

/**
 * rushes_generation_params_copy:
 *
 * Returns: (transfer full): an independent copy of @self
 */
RushesGenerationParams *
rushes_generation_params_copy (RushesGenerationParams *self)
{
  RushesGenerationParams *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (self), NULL);

  copy = rushes_generation_params_new ();
  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->values, g_strdup (key), g_strdup (value));

  return copy;
}

const char *
rushes_generation_params_get_prompt (RushesGenerationParams *self)
{
  return rushes_generation_params_get_value (self, RUSHES_CONTROL_PROMPT);
}

void
rushes_generation_params_set_prompt (RushesGenerationParams *self,
                                     const char             *prompt)
{
  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (self));

  store_value (self, RUSHES_CONTROL_PROMPT, prompt != NULL && prompt[0] != '\0' ? prompt : NULL);
}

/**
 * rushes_generation_params_get_image:
 *
 * Returns: (nullable): the start image, an absolute path or an http(s) URL
 */
const char *
rushes_generation_params_get_image (RushesGenerationParams *self)
{
  return rushes_generation_params_get_value (self, RUSHES_CONTROL_IMAGE);
}

/**
 * rushes_generation_params_set_image:
 * @image: (nullable): a path (relative paths are made absolute), a file://
 *   URI or an http(s) URL
 */
void
rushes_generation_params_set_image (RushesGenerationParams *self,
                                    const char             *image)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (self));

  if (image != NULL && image[0] != '\0')
    normalized = normalize_image (image);
  store_value (self, RUSHES_CONTROL_IMAGE, normalized);
}

const char *
rushes_generation_params_get_aspect_ratio (RushesGenerationParams *self)
{
  return rushes_generation_params_get_value (self, RUSHES_CONTROL_ASPECT_RATIO);
}

void
rushes_generation_params_set_aspect_ratio (RushesGenerationParams *self,
                                           const char             *aspect_ratio)
{
  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (self));

  store_value (self, RUSHES_CONTROL_ASPECT_RATIO,
               aspect_ratio != NULL && aspect_ratio[0] != '\0' ? aspect_ratio : NULL);
}

/**
 * rushes_generation_params_get_duration:
 *
 * Returns: the duration in whole seconds, or 0 when unset
 */
guint
rushes_generation_params_get_duration (RushesGenerationParams *self)
{
  const char *value = rushes_generation_params_get_value (self, RUSHES_CONTROL_DURATION);

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : 0;
}

/**
 * rushes_generation_params_set_duration:
 * @seconds: whole seconds, 0 to unset
 */
void
rushes_generation_params_set_duration (RushesGenerationParams *self,
                                       guint                   seconds)
{
  g_autofree char *value = NULL;

  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (self));

  if (seconds > 0)
    value = g_strdup_printf ("%u", seconds);
  store_value (self, RUSHES_CONTROL_DURATION, value);
}

const char *
rushes_generation_params_get_resolution (RushesGenerationParams *self)
{
  return rushes_generation_params_get_value (self, RUSHES_CONTROL_RESOLUTION);
}

void
rushes_generation_params_set_resolution (RushesGenerationParams *self,
                                         const char             *resolution)
{
  g_return_if_fail (RUSHES_IS_GENERATION_PARAMS (self));

  store_value (self, RUSHES_CONTROL_RESOLUTION,
               resolution != NULL && resolution[0] != '\0' ? resolution : NULL);
}

/**
 * rushes_generation_params_get_value:
 * @control: a control name such as #RUSHES_CONTROL_DURATION
 *
 * Returns: (nullable): the normalised value ("8", "true", "/abs/path.png"),
 *   or %NULL when unset
 */
const char *
rushes_generation_params_get_value (RushesGenerationParams *self,
                                    const char             *control)
{
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);

  return g_hash_table_lookup (self->values, control);
}

/**
 * rushes_generation_params_set_value:
 * @control: a control name such as #RUSHES_CONTROL_DURATION
 * @value: (nullable): the value as a user typed it ("8", "8s", "on",
 *   "pic.png"); %NULL or "" unsets
 * @error: a %RUSHES_ERROR_INVALID_INPUT about @control
 *   (rushes_error_get_control()) when @value cannot be read
 *
 * Whether the model offers the value is checked later by
 * rushes_model_validate().
 */
gboolean
rushes_generation_params_set_value (RushesGenerationParams  *self,
                                    const char              *control,
                                    const char              *value,
                                    GError                 **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  if (value != NULL && value[0] != '\0')
    {
      normalized = normalize_value (control, value, error);
      if (normalized == NULL)
        return FALSE;
    }

  store_value (self, control, normalized);
  return TRUE;
}

/**
 * rushes_generation_params_list_controls:
 *
 * Returns: (transfer full): the names of the controls that are set, sorted
 */
char **
rushes_generation_params_list_controls (RushesGenerationParams *self)
{
  g_autofree const char **keys = NULL;
  GStrvBuilder *builder;
  char **result;
  guint n;

  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->values, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, keys);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}

RushesGenerationMode
rushes_generation_params_get_mode (RushesGenerationParams *self)
{
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (self), RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);

  return rushes_generation_params_get_image (self) != NULL
    ? RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO
    : RUSHES_GENERATION_MODE_TEXT_TO_VIDEO;
}

/**
 * rushes_generation_params_image_is_url:
 *
 * Returns: %TRUE when the start image is an http(s) URL rather than a file
 */
gboolean
rushes_generation_params_image_is_url (RushesGenerationParams *self)
{
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (self), FALSE);

  return is_url (rushes_generation_params_get_image (self));
}

static JsonNode *
value_to_node (const char *control,
               const char *value)
{
  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);
  if (is_integer_control (control))
    return json_node_init_int (json_node_alloc (), g_ascii_strtoll (value, NULL, 10));
  if (is_boolean_control (control))
    return json_node_init_boolean (json_node_alloc (), g_str_equal (value, "true"));
  return json_node_init_string (json_node_alloc (), value);
}

/**
 * rushes_generation_params_to_json:
 *
 * Every control except the prompt (task records carry it on their own):
 * aspect_ratio, duration, resolution and image always (null when unset),
 * others when set. Durations and seeds are numbers, audio a boolean.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
rushes_generation_params_to_json (RushesGenerationParams *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_auto(GStrv) controls = NULL;

  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (record_controls); i++)
    json_object_set_member (object, record_controls[i],
                            value_to_node (record_controls[i],
                                           g_hash_table_lookup (self->values, record_controls[i])));

  controls = rushes_generation_params_list_controls (self);
  for (guint i = 0; controls[i] != NULL; i++)
    {
      if (g_str_equal (controls[i], RUSHES_CONTROL_PROMPT) || json_object_has_member (object, controls[i]))
        continue;
      json_object_set_member (object, controls[i],
                              value_to_node (controls[i], g_hash_table_lookup (self->values, controls[i])));
    }

  return json_node_init_object (json_node_alloc (), object);
}

/**
 * rushes_generation_params_new_from_json:
 * @node: an object as written by rushes_generation_params_to_json()
 *
 * Returns: (transfer full) (nullable): the parameters, or %NULL with a
 *   %RUSHES_ERROR_INVALID_INPUT when @node is not such an object
 */
RushesGenerationParams *
rushes_generation_params_new_from_json (JsonNode  *node,
                                        GError   **error)
{
  g_autoptr(RushesGenerationParams) self = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("“params” is not an object"));
      return NULL;
    }

  self = rushes_generation_params_new ();
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (member))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("“params.%s” is not a plain value"), name);
          return NULL;
        }

      switch (json_node_get_value_type (member))
        {
        case G_TYPE_INT64:
          text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));
          break;
        case G_TYPE_BOOLEAN:
          text = g_strdup (json_node_get_boolean (member) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          text = g_strdup (json_node_get_string (member));
          break;
        default:
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("“params.%s” has an unexpected type"), name);
          return NULL;
        }

      /* Stored values were normalised when they were set. */
      g_hash_table_insert (self->values, g_strdup (name), g_steal_pointer (&text));
    }

  return g_steal_pointer (&self);
}
