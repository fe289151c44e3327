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

#define G_LOG_DOMAIN "rushes-model-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rushes-error.h"
#include "rushes-image-format.h"
#include "rushes-model-private.h"
#include "rushes-provider.h"

/* What the user asked for, against what the model offers: before any
 * network traffic, with a message that says exactly what is wrong. The
 * model's defaults fill what the user left unset. */

/* "a, b or c" */
static GString *
join_alternatives (const char * const *items)
{
  GString *text = g_string_new (NULL);
  guint n = g_strv_length ((char **) items);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, i == n - 1 ? _(" or ") : ", ");
      g_string_append (text, items[i]);
    }

  return text;
}

/* "4, 8 or 12 s" — the unit once, at the end. */
static char *
format_choices (const Control      *control,
                const char * const *values)
{
  GString *text = join_alternatives (values);

  if (g_str_equal (control->name, RUSHES_CONTROL_DURATION))
    g_string_append (text, _(" s"));

  return g_string_free (text, FALSE);
}

/* "JPEG, PNG or WebP" */
static char *
format_formats (char **formats)
{
  guint n = g_strv_length (formats);
  g_autofree const char **labels = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      labels[i] = rushes_image_format_get_label (formats[i]);
      g_assert (labels[i] != NULL);
    }

  return g_string_free (join_alternatives (labels), FALSE);
}

static char *
lowercase_label (const Control *control)
{
  /* Labels are sentence case: "Aspect ratio" → "aspect ratio" mid-sentence. */
  return g_utf8_strdown (control->label, -1);
}

gboolean
_rushes_model_control_applies (const Control        *control,
                               RushesGenerationMode  mode)
{
  return (control->modes & RUSHES_MODEL_MODE_BIT (mode)) != 0;
}

/* The value a condition tests: a control's, or for "mode" the mode
 * @params are in — unless the model has a control of that name (a live
 * schema's own "mode", such as Kling's std or pro), which then wins. */
const char *
_rushes_model_condition_value (RushesModel            *self,
                               RushesGenerationParams *params,
                               const char             *control)
{
  if (g_str_equal (control, "mode") && _rushes_model_find_control (self, control) == NULL)
    return rushes_generation_mode_to_string (rushes_generation_params_get_mode (params));
  return rushes_generation_params_get_value (params, control);
}

/* The first of @conditions that @params do not meet, or NULL. */
static const Condition *
find_unmet_condition (RushesModel            *self,
                      GPtrArray              *conditions,
                      RushesGenerationParams *params)
{
  for (guint i = 0; i < conditions->len; i++)
    {
      const Condition *condition = g_ptr_array_index (conditions, i);

      if (!_rushes_model_value_in (condition->values,
                                   _rushes_model_condition_value (self, params, condition->control)))
        return condition;
    }

  return NULL;
}

gboolean
_rushes_model_conditions_hold (RushesModel            *self,
                               GPtrArray              *conditions,
                               RushesGenerationParams *params)
{
  return find_unmet_condition (self, conditions, params) == NULL;
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

  g_assert (control->kind == RUSHES_CONTROL_KIND_IMAGE && control->formats != NULL);

  if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
    {
      if (!control->accept_url)
        {
          rushes_error_set_invalid_input (error, control->name,
                                          _("%s takes the %s as a local file, not as a URL"), self->name, label);
          return FALSE;
        }
      return TRUE;
    }

  if (!control->accept_file)
    {
      const char *provider = rushes_provider_id_get_name (self->provider_id);

      rushes_error_set_invalid_input (error, control->name,
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
      rushes_error_set_invalid_input (error, control->name,
                                      _("Cannot read the %s “%s”: %s"), label, value, local_error->message);
      return FALSE;
    }

  format = rushes_image_format_sniff (header, n_read);
  if (format == NULL || !_rushes_model_value_in (control->formats, format))
    {
      g_autofree char *formats = format_formats (control->formats);

      rushes_error_set_invalid_input (error, control->name,
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

      rushes_error_set_invalid_input (error, control->name,
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
            rushes_error_set_invalid_input (error, control->name,
                                            _("The %s is not valid UTF-8 text"), label);
            return FALSE;
          }
        if (stripped[0] == '\0')
          {
            rushes_error_set_invalid_input (error, control->name,
                                            _("The %s is empty"), label);
            return FALSE;
          }
        if (control->max_length > 0 && length > control->max_length)
          {
            rushes_error_set_invalid_input (error, control->name,
                                            _("The %s is %ld characters long; %s accepts at most %u"),
                                            label, length, self->name, control->max_length);
            return FALSE;
          }
        if (length < control->min_length)
          {
            rushes_error_set_invalid_input (error, control->name,
                                            _("The %s is %ld characters long; %s needs at least %u"),
                                            label, length, self->name, control->min_length);
            return FALSE;
          }
        return TRUE;
      }

    case RUSHES_CONTROL_KIND_IMAGE:
      return check_image (self, control, value, error);

    case RUSHES_CONTROL_KIND_CHOICE:
      g_assert (control->values != NULL);
      if (!_rushes_model_value_in (control->values, value))
        {
          g_autofree char *shown = rushes_control_format_value (control->name, value);
          g_autofree char *choices = format_choices (control, (const char * const *)control->values);

          rushes_error_set_invalid_input (error, control->name,
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
            rushes_error_set_invalid_input (error, control->name,
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
          rushes_error_set_invalid_input (error, control->name,
                                          _("%s must be on or off"), control->label);
          return FALSE;
        }
      return TRUE;

    case RUSHES_CONTROL_KIND_NUMBER:
      {
        char *end = NULL;
        double number = g_ascii_strtod (value, &end);

        if (end == value || *end != '\0' || !isfinite (number) ||
            number < control->number_min || number > control->number_max)
          {
            char min[G_ASCII_DTOSTR_BUF_SIZE], max[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_formatd (min, sizeof min, "%g", control->number_min);
            g_ascii_formatd (max, sizeof max, "%g", control->number_max);
            rushes_error_set_invalid_input (error, control->name,
                                            _("%s %s is not offered by %s; choose a number from %s to %s"),
                                            control->label, value, self->name, min, max);
            return FALSE;
          }
        return TRUE;
      }

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

      if (control->default_value == NULL || !_rushes_model_control_applies (control, mode) ||
          rushes_generation_params_get_value (params, control->name) != NULL)
        continue;

      /* Defaults were checked against the control when the entry was read. */
      if (!rushes_generation_params_set_value (params, control->name, control->default_value, NULL))
        g_assert_not_reached ();
      g_hash_table_add (defaulted, control->name);
    }

  /* A default that a constraint rules out gives way to the first value the
   * constraint allows, e.g. 768p when 10 s is chosen and 1080p is the default. */
  for (guint i = 0; i < self->constraints->len; i++)
    {
      Constraint *constraint = g_ptr_array_index (self->constraints, i);

      if (!_rushes_model_conditions_hold (self, constraint->when, params))
        continue;

      for (guint j = 0; j < constraint->allow->len; j++)
        {
          Condition *allow = g_ptr_array_index (constraint->allow, j);

          g_assert (allow->values[0] != NULL);

          if (g_hash_table_contains (defaulted, allow->control) &&
              !_rushes_model_value_in (allow->values, rushes_generation_params_get_value (params, allow->control)))
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
      Control *control = _rushes_model_find_control (self, condition->control);

      g_assert (condition->values[0] != NULL);

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
      const Condition *unmet;

      if (!_rushes_model_conditions_hold (self, constraint->when, params))
        continue;

      unmet = find_unmet_condition (self, constraint->allow, params);
      if (unmet == NULL)
        continue;

      /* The error is about the value the constraint limits: with 10 s,
       * the resolution is what has to change. */
      if (constraint->message != NULL)
        {
          rushes_error_set_invalid_input (error, unmet->control, "%s", constraint->message);
        }
      else
        {
          g_autofree char *when = describe_conditions (self, constraint->when);
          g_autofree char *allow = describe_conditions (self, constraint->allow);

          rushes_error_set_invalid_input (error, unmet->control,
                                          _("With %s, %s offers only %s"), when, self->name, allow);
        }
      return FALSE;
    }

  return TRUE;
}

/**
 * rushes_model_complete_params:
 *
 * The defaults were checked when the catalog was read: completing
 * cannot fail.
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

  _rushes_model_ensure_loaded (self);
  complete = rushes_generation_params_copy (params);
  complete_into (self, complete);
  return complete;
}

/**
 * rushes_model_validate:
 * @params: what the user asked for
 * @error: a %RUSHES_ERROR_INVALID_INPUT with a message for the user, naming
 *   the control to change (rushes_error_get_control()): "image" when the
 *   model needs a start image or takes none
 *
 * Checks @params against the model without any network traffic: whether
 * the model can be used at all (rushes_model_get_available()), the mode
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

  _rushes_model_ensure_loaded (self);
  if (self->unavailable != NULL)
    {
      rushes_error_set_invalid_input (error, NULL, _("%s cannot be used: %s"), self->name, self->unavailable);
      return FALSE;
    }

  mode = rushes_generation_params_get_mode (params);
  if (!rushes_model_supports_mode (self, mode))
    {
      if (mode == RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO)
        rushes_error_set_invalid_input (error, RUSHES_CONTROL_IMAGE,
                                        _("%s does not take a start image"), self->name);
      else
        rushes_error_set_invalid_input (error, RUSHES_CONTROL_IMAGE,
                                        _("%s needs a start image"), self->name);
      return FALSE;
    }

  names = rushes_generation_params_list_controls (params);
  for (guint i = 0; names[i] != NULL; i++)
    {
      Control *control = _rushes_model_find_control (self, names[i]);
      const char *value = rushes_generation_params_get_value (params, names[i]);

      if (control == NULL)
        {
          const char *builtin = rushes_control_get_label (names[i]);
          g_autofree char *label = builtin != NULL ? g_utf8_strdown (builtin, -1) : NULL;

          if (label != NULL)
            rushes_error_set_invalid_input (error, names[i],
                                            _("%s offers no %s setting"), self->name, label);
          else
            rushes_error_set_invalid_input (error, names[i],
                                            _("%s offers no “%s” setting"), self->name, names[i]);
          return FALSE;
        }
      if (!_rushes_model_control_applies (control, mode))
        {
          g_autofree char *label = lowercase_label (control);

          rushes_error_set_invalid_input (error, names[i],
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

      /* A required setting left unset is sent with its default. */
      if (!control->required || !_rushes_model_control_applies (control, mode) ||
          control->default_value != NULL || rushes_generation_params_get_value (params, control->name) != NULL)
        continue;

      if (g_str_equal (control->name, RUSHES_CONTROL_PROMPT))
        rushes_error_set_invalid_input (error, control->name,
                                        _("The prompt is empty; %s needs one"), self->name);
      else
        {
          g_autofree char *label = lowercase_label (control);

          rushes_error_set_invalid_input (error, control->name,
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
