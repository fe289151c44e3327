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

#define G_LOG_DOMAIN "test-model-errors"

#include "config.h"

#include "rushes-providers.h"
#include "rushes-core.h"

/* Every invalid value names the control it is about, so that the composer
 * can mark that control instead of reading messages. The cases are made
 * from each catalog entry's own controls: a model added to data/models/
 * is covered without a line here. */

/* Entries for what the built-in catalog has none of: a model that needs a
 * start image, a constraint, a size table with holes, controls of the
 * entry's own with a length limit and a boolean. */
static const char test_catalog[] =
  "{ \"format\": 1, \"models\": ["
  "  { \"id\": \"wiro/test/hailuo\", \"provider\": \"wiro\", \"name\": \"Hailuo\","
  "    \"modes\": [\"image-to-video\"], \"path\": \"hailuo-2-3\","
  "    \"controls\": {"
  "      \"prompt\": { \"max_length\": 20 },"
  "      \"image\": { \"formats\": [\"jpeg\", \"png\"] },"
  "      \"duration\": { \"values\": [6, 10], \"default\": 6 },"
  "      \"resolution\": { \"values\": [\"720p\", \"1080p\"], \"default\": \"1080p\" },"
  "      \"camera\": { \"kind\": \"text\", \"label\": \"Camera move\", \"max_length\": 8 },"
  "      \"loop\": { \"kind\": \"boolean\", \"label\": \"Loop\" }"
  "    },"
  "    \"constraints\": [ { \"when\": { \"duration\": 10 }, \"allow\": { \"resolution\": [\"720p\"] } } ],"
  "    \"request\": ["
  "      { \"field\": \"prompt\", \"from\": \"prompt\" },"
  "      { \"field\": \"image\", \"from\": \"image\" },"
  "      { \"field\": \"duration\", \"from\": \"duration\" },"
  "      { \"field\": \"resolution\", \"from\": \"resolution\" },"
  "      { \"field\": \"camera\", \"from\": \"camera\" },"
  "      { \"field\": \"loop\", \"from\": \"loop\" }"
  "    ] },"
  "  { \"id\": \"wiro/test/wan\", \"provider\": \"wiro\", \"name\": \"Wan\","
  "    \"modes\": [\"text-to-video\"], \"path\": \"wan\","
  "    \"controls\": {"
  "      \"prompt\": {},"
  "      \"aspect_ratio\": { \"values\": [\"16:9\", \"9:16\"], \"default\": \"16:9\" },"
  "      \"resolution\": { \"values\": [\"720p\", \"1080p\"], \"default\": \"720p\" },"
  "      \"seed\": { \"min\": -1, \"max\": 2147483647 }"
  "    },"
  "    \"request\": ["
  "      { \"field\": \"prompt\", \"from\": \"prompt\" },"
  "      { \"field\": \"size\", \"from\": [\"resolution\", \"aspect_ratio\"],"
  "        \"map\": { \"720p 16:9\": \"1280*720\", \"720p 9:16\": \"720*1280\", \"1080p 16:9\": \"1920*1080\" } },"
  "      { \"field\": \"seed\", \"from\": \"seed\" }"
  "    ] }"
  "] }";

static const char * const known_controls[] = {
  RUSHES_CONTROL_PROMPT,
  RUSHES_CONTROL_IMAGE,
  RUSHES_CONTROL_ASPECT_RATIO,
  RUSHES_CONTROL_DURATION,
  RUSHES_CONTROL_RESOLUTION,
  RUSHES_CONTROL_END_IMAGE,
  RUSHES_CONTROL_AUDIO,
  RUSHES_CONTROL_NEGATIVE_PROMPT,
  RUSHES_CONTROL_SEED,
};

static char *png_path;
static char *text_path;

static char *
write_file (const char *name,
            const void *contents,
            gsize       length)
{
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* In each test's own isolated folder. */
static void
write_images (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  g_free (png_path);
  g_free (text_path);
  png_path = write_file ("start.png", png, sizeof png);
  text_path = write_file ("notes.png", "just text, not a picture", 24);
}

static RushesModelCatalog *
load_catalog (void)
{
  RushesModelCatalog *catalog = rushes_model_catalog_new ();
  g_autoptr(GBytes) data = g_bytes_new_static (test_catalog, strlen (test_catalog));
  g_autoptr(GError) error = NULL;

  rushes_model_catalog_load_builtin (catalog);
  g_assert_true (rushes_model_catalog_load_data (catalog, "test-catalog.json", data, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_model_catalog_get_load_errors (catalog)->len, ==, 0);

  return catalog;
}

/* What rushes-cli shows of a control: its modes and whether it is required. */
static JsonObject *
describe_control (JsonNode   *model_json,
                  const char *control)
{
  JsonObject *controls = json_object_get_object_member (json_node_get_object (model_json), "controls");

  return json_object_get_object_member (controls, control);
}

static gboolean
control_takes_mode (JsonObject           *description,
                    RushesGenerationMode  mode)
{
  JsonArray *modes;

  if (!json_object_has_member (description, "modes"))
    return TRUE;

  modes = json_object_get_array_member (description, "modes");
  for (guint i = 0; i < json_array_get_length (modes); i++)
    if (g_str_equal (json_array_get_string_element (modes, i), rushes_generation_mode_to_string (mode)))
      return TRUE;

  return FALSE;
}

static const char *
valid_image (RushesModel *model,
             const char  *control)
{
  return rushes_model_accepts_image_source (model, control, FALSE) ? png_path : "https://example.com/start.png";
}

/* A value the model takes for @control, in a sentence a user could type. */
static char *
valid_value (RushesModel *model,
             const char  *control)
{
  const char * const *values;
  gint64 min;

  if (!rushes_model_has_control (model, control))
    {
      RushesControlKind kind;

      g_assert_true (rushes_control_get_builtin_kind (control, &kind));
      switch (kind)
        {
        case RUSHES_CONTROL_KIND_IMAGE:
          return g_strdup (png_path);
        case RUSHES_CONTROL_KIND_CHOICE:
          return g_strdup (g_str_equal (control, RUSHES_CONTROL_DURATION) ? "8" : "16:9");
        case RUSHES_CONTROL_KIND_INTEGER:
          return g_strdup ("1");
        case RUSHES_CONTROL_KIND_BOOLEAN:
          return g_strdup ("true");
        case RUSHES_CONTROL_KIND_NUMBER:
          return g_strdup ("0.5");
        case RUSHES_CONTROL_KIND_TEXT:
        default:
          return g_strdup ("blurry");
        }
    }

  if (rushes_model_get_default_value (model, control) != NULL)
    return g_strdup (rushes_model_get_default_value (model, control));

  values = rushes_model_get_allowed_values (model, control);
  if (values != NULL)
    return g_strdup (values[0]);

  switch (rushes_model_get_control_kind (model, control))
    {
    case RUSHES_CONTROL_KIND_IMAGE:
      return g_strdup (valid_image (model, control));
    case RUSHES_CONTROL_KIND_INTEGER:
      g_assert_true (rushes_model_get_range (model, control, &min, NULL));
      return g_strdup_printf ("%" G_GINT64_FORMAT, min);
    case RUSHES_CONTROL_KIND_BOOLEAN:
      return g_strdup ("true");
    case RUSHES_CONTROL_KIND_NUMBER:
      {
        double number_min;

        g_assert_true (rushes_model_get_number_range (model, control, &number_min, NULL, NULL));
        return g_strdup_printf ("%g", number_min > -G_MAXDOUBLE ? number_min : 0.0);
      }
    case RUSHES_CONTROL_KIND_TEXT:
    case RUSHES_CONTROL_KIND_CHOICE:
    default:
      return g_strdup ("slow pan");
    }
}

/* Values the model refuses for @control, whatever the reason. */
static GPtrArray *
invalid_values (RushesModel *model,
                const char  *control)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  gint64 min, max;
  guint max_length;

  switch (rushes_model_get_control_kind (model, control))
    {
    case RUSHES_CONTROL_KIND_TEXT:
      g_ptr_array_add (values, g_strdup (" \n\t "));
      max_length = rushes_model_get_max_length (model, control);
      if (max_length > 0)
        g_ptr_array_add (values, g_strnfill (max_length + 1, 'a'));
      break;

    case RUSHES_CONTROL_KIND_IMAGE:
      if (rushes_model_accepts_image_source (model, control, FALSE))
        g_ptr_array_add (values, g_strdup (text_path));
      else
        g_ptr_array_add (values, g_strdup (png_path));
      if (!rushes_model_accepts_image_source (model, control, TRUE))
        g_ptr_array_add (values, g_strdup ("https://example.com/start.png"));
      break;

    case RUSHES_CONTROL_KIND_CHOICE:
      g_ptr_array_add (values, g_strdup ("not-offered"));
      g_ptr_array_add (values, g_strdup ("7777"));
      break;

    case RUSHES_CONTROL_KIND_INTEGER:
      g_ptr_array_add (values, g_strdup ("not a number"));
      g_assert_true (rushes_model_get_range (model, control, &min, &max));
      if (max < G_MAXINT64)
        g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, max + 1));
      if (min > G_MININT64)
        g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, min - 1));
      break;

    case RUSHES_CONTROL_KIND_BOOLEAN:
      g_ptr_array_add (values, g_strdup ("maybe"));
      break;

    case RUSHES_CONTROL_KIND_NUMBER:
      {
        double number_max;

        g_ptr_array_add (values, g_strdup ("not a number"));
        g_assert_true (rushes_model_get_number_range (model, control, NULL, &number_max, NULL));
        if (number_max < G_MAXDOUBLE)
          g_ptr_array_add (values, g_strdup_printf ("%g", number_max + 1));
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return values;
}

/* A prompt, and a start image in image-to-video. */
static RushesGenerationParams *
params_for_mode (RushesModel          *model,
                 RushesGenerationMode  mode)
{
  RushesGenerationParams *params = rushes_generation_params_new ();

  rushes_generation_params_set_prompt (params, "A fox");
  if (mode == RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO)
    g_assert_true (rushes_generation_params_set_value (params, RUSHES_CONTROL_IMAGE,
                                                       valid_image (model, RUSHES_CONTROL_IMAGE), NULL));
  return params;
}

/* The mode in which @control means something: a control limited to one
 * mode, or a model that needs a start image, asks for image-to-video. */
static RushesGenerationMode
mode_for_control (RushesModel *model,
                  JsonObject  *description,
                  const char  *control)
{
  if (!rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO) ||
      !control_takes_mode (description, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO) ||
      g_str_equal (control, RUSHES_CONTROL_IMAGE) ||
      (rushes_model_get_control_kind (model, control) == RUSHES_CONTROL_KIND_IMAGE &&
       rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO)))
    return RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO;

  return RUSHES_GENERATION_MODE_TEXT_TO_VIDEO;
}

/* Setting @value is refused, or validating is: either way the error is
 * about @control. */
static void
assert_refused_for (RushesModel            *model,
                    RushesGenerationParams *params,
                    const char             *control,
                    const char             *value)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    rushes_generation_params_set_value (params, control, NULL, NULL);
  else if (!rushes_generation_params_set_value (params, control, value, &error))
    {
      g_test_message ("%s, %s = “%s”: %s", rushes_model_get_id (model), control, value, error->message);
      g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
      g_assert_cmpstr (rushes_error_get_control (error), ==, control);
      return;
    }

  g_assert_false (rushes_model_validate (model, params, &error));
  g_test_message ("%s, %s = “%s”: %s", rushes_model_get_id (model), control,
                  value != NULL ? value : "(unset)", error->message);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_cmpstr (rushes_error_get_control (error), ==, control);
}

typedef void (*ModelFunc) (RushesModel *model,
                           gpointer     user_data);

typedef void (*ControlFunc) (RushesModel          *model,
                             const char           *control,
                             JsonObject           *description,
                             RushesGenerationMode  mode,
                             gpointer              user_data);

/* Calls @func for every entry of the built-in and the test catalog. */
static void
foreach_model (ModelFunc func,
               gpointer  user_data)
{
  g_autoptr(RushesModelCatalog) catalog = NULL;
  GListModel *models;

  write_images ();
  catalog = load_catalog ();
  models = G_LIST_MODEL (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (models, i);

      func (model, user_data);
    }
}

typedef struct
{
  ControlFunc func;
  gpointer    user_data;
} ForeachControl;

static void
foreach_control_of_model (RushesModel *model,
                          gpointer     user_data)
{
  ForeachControl *data = user_data;
  g_autoptr(JsonNode) json = rushes_model_to_json (model);
  g_auto(GStrv) controls = rushes_model_list_controls (model);

  for (guint c = 0; controls[c] != NULL; c++)
    {
      JsonObject *description = describe_control (json, controls[c]);

      data->func (model, controls[c], description, mode_for_control (model, description, controls[c]),
                  data->user_data);
    }
}

/* Calls @func for every control of every entry, with the mode in which
 * the control means something. */
static void
foreach_control (ControlFunc func,
                 gpointer    user_data)
{
  ForeachControl data = { func, user_data };

  foreach_model (foreach_control_of_model, &data);
}

static void
check_invalid_values (RushesModel          *model,
                      const char           *control,
                      JsonObject           *description,
                      RushesGenerationMode  mode,
                      gpointer              user_data)
{
  g_autoptr(GPtrArray) values = invalid_values (model, control);
  guint *n_cases = user_data;

  /* The cases start from parameters the model takes. */
  {
    g_autoptr(RushesGenerationParams) params = params_for_mode (model, mode);
    g_autofree char *value = valid_value (model, control);
    g_autoptr(GError) error = NULL;

    g_assert_true (rushes_generation_params_set_value (params, control, value, &error));
    if (!rushes_model_validate (model, params, &error))
      g_error ("%s, %s = “%s”: %s", rushes_model_get_id (model), control, value, error->message);
  }

  for (guint v = 0; v < values->len; v++)
    {
      g_autoptr(RushesGenerationParams) params = params_for_mode (model, mode);

      assert_refused_for (model, params, control, g_ptr_array_index (values, v));
      (*n_cases)++;
    }
}

static void
test_invalid_values (void)
{
  guint n_cases = 0;

  foreach_control (check_invalid_values, &n_cases);

  /* Every kind of control, from more than a dozen entries. */
  g_assert_cmpuint (n_cases, >, 100);
}

/* A control that is required, or one the model has only in the other
 * mode, is named too. */
static void
check_missing_and_other_mode (RushesModel          *model,
                              const char           *control,
                              JsonObject           *description,
                              RushesGenerationMode  mode,
                              gpointer              user_data)
{
  /* A required setting with a default is sent with it when left unset. */
  if (json_object_get_boolean_member (description, "required") && !json_object_has_member (description, "default"))
    {
      g_autoptr(RushesGenerationParams) params = params_for_mode (model, mode);

      assert_refused_for (model, params, control, NULL);
      (*(guint *) user_data)++;
    }

  for (RushesGenerationMode other = 0; other <= RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO; other++)
    {
      g_autoptr(RushesGenerationParams) params = NULL;
      g_autofree char *value = NULL;

      if (control_takes_mode (description, other) || !rushes_model_supports_mode (model, other))
        continue;

      params = params_for_mode (model, other);
      value = valid_value (model, control);
      assert_refused_for (model, params, control, value);
      (*(guint *) user_data)++;
    }
}

static void
test_missing_and_other_mode (void)
{
  guint n_cases = 0;

  foreach_control (check_missing_and_other_mode, &n_cases);
  g_assert_cmpuint (n_cases, >, 20);
}

/* A control Rushes knows that the model does not have. */
static void
check_not_offered (RushesModel *model,
                   gpointer     user_data)
{
  RushesGenerationMode mode = rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO)
                              ? RUSHES_GENERATION_MODE_TEXT_TO_VIDEO
                              : RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO;

  for (guint c = 0; c < G_N_ELEMENTS (known_controls); c++)
    {
      g_autoptr(RushesGenerationParams) params = NULL;
      g_autofree char *value = NULL;

      if (rushes_model_has_control (model, known_controls[c]))
        continue;

      params = params_for_mode (model, mode);
      value = valid_value (model, known_controls[c]);
      assert_refused_for (model, params, known_controls[c], value);
    }
}

static void
test_not_offered (void)
{
  foreach_model (check_not_offered, NULL);
}

/* Two values that are fine alone but not together: the error is about
 * the one the model limits. */
static void
test_combinations (void)
{
  g_autoptr(RushesModelCatalog) catalog = NULL;
  g_autoptr(RushesGenerationParams) hailuo = NULL;
  g_autoptr(RushesGenerationParams) wan = NULL;
  g_autoptr(GError) error = NULL;

  write_images ();
  catalog = load_catalog ();

  /* A constraint: with 10 s, only 720p. */
  hailuo = params_for_mode (rushes_model_catalog_lookup (catalog, "wiro/test/hailuo"),
                            RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);
  g_assert_true (rushes_generation_params_set_value (hailuo, RUSHES_CONTROL_DURATION, "10", NULL));
  g_assert_true (rushes_generation_params_set_value (hailuo, RUSHES_CONTROL_RESOLUTION, "1080p", NULL));
  g_assert_false (rushes_model_validate (rushes_model_catalog_lookup (catalog, "wiro/test/hailuo"), hailuo, &error));
  g_assert_cmpstr (error->message, ==, "With duration 10 s, Hailuo offers only resolution 720p");
  g_assert_cmpstr (rushes_error_get_control (error), ==, RUSHES_CONTROL_RESOLUTION);
  g_clear_error (&error);

  /* A size table without 1080p 9:16: the first control it reads. */
  wan = params_for_mode (rushes_model_catalog_lookup (catalog, "wiro/test/wan"),
                         RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);
  g_assert_true (rushes_generation_params_set_value (wan, RUSHES_CONTROL_RESOLUTION, "1080p", NULL));
  g_assert_true (rushes_generation_params_set_value (wan, RUSHES_CONTROL_ASPECT_RATIO, "9:16", NULL));
  g_assert_false (rushes_model_validate (rushes_model_catalog_lookup (catalog, "wiro/test/wan"), wan, &error));
  g_assert_cmpstr (error->message, ==, "Wan does not offer 1080p 9:16 (resolution with aspect_ratio)");
  g_assert_cmpstr (rushes_error_get_control (error), ==, RUSHES_CONTROL_RESOLUTION);
}

/* The field outlives copies, as a GTask passes the error on. */
static void
test_error_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;

  rushes_error_set_invalid_input (&error, RUSHES_CONTROL_END_IMAGE, "The %s is wrong", "end image");
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The end image is wrong");
  g_assert_cmpstr (rushes_error_get_control (error), ==, RUSHES_CONTROL_END_IMAGE);

  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_cmpstr (rushes_error_get_control (copy), ==, RUSHES_CONTROL_END_IMAGE);

  /* Nothing is set where nobody asked for the error. */
  rushes_error_set_invalid_input (NULL, RUSHES_CONTROL_SEED, "ignored");
}

/* Messages name a control by the same label the composer shows. */
static void
test_labels (void)
{
  g_autoptr(RushesModelCatalog) catalog = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known_controls); i++)
    g_assert_nonnull (rushes_control_get_label (known_controls[i]));
  g_assert_cmpstr (rushes_control_get_label (RUSHES_CONTROL_ASPECT_RATIO), ==, "Aspect ratio");
  g_assert_null (rushes_control_get_label ("camera"));

  catalog = load_catalog ();
  rushes_generation_params_set_prompt (params, "A fox");
  rushes_generation_params_set_value (params, RUSHES_CONTROL_ASPECT_RATIO, "1:1", NULL);
  g_assert_false (rushes_model_validate (rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"), params, &error));
  g_assert_true (g_str_has_prefix (error->message, rushes_control_get_label (RUSHES_CONTROL_ASPECT_RATIO)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/model-errors/invalid-values", test_invalid_values);
  g_test_add_func ("/rushes/model-errors/missing-and-other-mode", test_missing_and_other_mode);
  g_test_add_func ("/rushes/model-errors/not-offered", test_not_offered);
  g_test_add_func ("/rushes/model-errors/combinations", test_combinations);
  g_test_add_func ("/rushes/model-errors/copy", test_error_copy);
  g_test_add_func ("/rushes/model-errors/labels", test_labels);

  status = g_test_run ();
  g_free (png_path);
  g_free (text_path);
  return status;
}
