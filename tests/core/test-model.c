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

#include "config.h"

#include <glib/gstdio.h>

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-model-private.h"

/* Entries shaped like issue 4's models (APIXO nested input and value
 * translation, WaveSpeed size tables and integers, Hailuo's 10 s only at
 * 768p), under the wiro provider id so they load before those providers exist. */
static const char test_catalog[] =
  "{ \"format\": 1, \"models\": ["
  "  { \"id\": \"wiro/test/hailuo\", \"provider\": \"wiro\", \"name\": \"Hailuo\","
  "    \"modes\": [\"image-to-video\"], \"path\": \"hailuo-2-3\","
  "    \"controls\": {"
  "      \"prompt\": { \"max_length\": 20 },"
  "      \"image\": { \"sources\": [\"url\"], \"formats\": [\"jpeg\", \"png\"] },"
  "      \"duration\": { \"values\": [6, 10], \"default\": 6 },"
  "      \"resolution\": { \"values\": [\"720p\", \"1080p\"], \"default\": \"1080p\" }"
  "    },"
  "    \"constraints\": [ { \"when\": { \"duration\": 10 }, \"allow\": { \"resolution\": [\"720p\"] } } ],"
  "    \"request\": ["
  "      { \"field\": \"request_type\", \"value\": \"async\" },"
  "      { \"field\": \"input.mode\", \"from\": [\"resolution\", \"mode\"],"
  "        \"map\": { \"720p image-to-video\": \"standard-image-to-video\", \"1080p image-to-video\": \"pro-image-to-video\" } },"
  "      { \"field\": \"input.prompt\", \"from\": \"prompt\" },"
  "      { \"field\": \"input.image_urls[0]\", \"from\": \"image\" },"
  "      { \"field\": \"input.duration\", \"from\": \"duration\" }"
  "    ] },"
  "  { \"id\": \"wiro/test/sora-apixo\", \"provider\": \"wiro\", \"name\": \"Sora via APIXO\","
  "    \"modes\": [\"text-to-video\", \"image-to-video\"], \"path\": \"sora-2\","
  "    \"controls\": {"
  "      \"prompt\": { \"max_length\": 10000 },"
  "      \"image\": { \"sources\": [\"url\"] },"
  "      \"aspect_ratio\": { \"values\": [\"16:9\", \"9:16\"], \"default\": \"16:9\" },"
  "      \"duration\": { \"values\": [10, 15], \"default\": 10 }"
  "    },"
  "    \"request\": ["
  "      { \"field\": \"request_type\", \"value\": \"async\" },"
  "      { \"field\": \"input.mode\", \"from\": \"mode\" },"
  "      { \"field\": \"input.prompt\", \"from\": \"prompt\" },"
  "      { \"field\": \"input.image_urls[0]\", \"from\": \"image\" },"
  "      { \"field\": \"input.aspect_ratio\", \"from\": \"aspect_ratio\", \"map\": { \"16:9\": \"landscape\", \"9:16\": \"portrait\" } },"
  "      { \"field\": \"input.n_frames\", \"from\": \"duration\", \"type\": \"string\" },"
  "      { \"field\": \"input.remove_watermark\", \"value\": true }"
  "    ],"
  "    \"price\": [ { \"when\": { \"duration\": 15 }, \"per_video\": 0.3 }, { \"per_video\": 0.2 } ] },"
  "  { \"id\": \"wiro/test/wan\", \"provider\": \"wiro\", \"name\": \"Wan\","
  "    \"modes\": [\"text-to-video\"], \"path\": { \"text-to-video\": \"alibaba/wan-2.6/text-to-video\" },"
  "    \"controls\": {"
  "      \"prompt\": {},"
  "      \"aspect_ratio\": { \"values\": [\"16:9\", \"9:16\"], \"default\": \"16:9\" },"
  "      \"resolution\": { \"values\": [\"720p\", \"1080p\"], \"default\": \"720p\" },"
  "      \"duration\": { \"min\": 5, \"max\": 15, \"step\": 5, \"default\": 5 },"
  "      \"audio\": { \"default\": false },"
  "      \"seed\": { \"min\": -1, \"max\": 2147483647 }"
  "    },"
  "    \"request\": ["
  "      { \"field\": \"prompt\", \"from\": \"prompt\" },"
  "      { \"field\": \"size\", \"from\": [\"resolution\", \"aspect_ratio\"],"
  "        \"map\": { \"720p 16:9\": \"1280*720\", \"720p 9:16\": \"720*1280\", \"1080p 16:9\": \"1920*1080\" } },"
  "      { \"field\": \"duration\", \"from\": \"duration\" },"
  "      { \"field\": \"generate_audio\", \"from\": \"audio\" },"
  "      { \"field\": \"seed\", \"from\": \"seed\" }"
  "    ] }"
  "] }";

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

static RushesGenerationParams *
params_new (const char *first_control,
            ...)
{
  RushesGenerationParams *params = rushes_generation_params_new ();
  const char *control = first_control;
  va_list args;

  va_start (args, first_control);
  while (control != NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *value = va_arg (args, const char *);

      g_assert_true (rushes_generation_params_set_value (params, control, value, &error));
      g_assert_no_error (error);
      control = va_arg (args, const char *);
    }
  va_end (args);

  return params;
}

static void
assert_invalid (RushesModel            *model,
                RushesGenerationParams *params,
                const char             *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rushes_model_validate (model, params, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_invalid_containing (RushesModel            *model,
                           RushesGenerationParams *params,
                           const char             *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rushes_model_validate (model, params, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static void
assert_valid (RushesModel            *model,
              RushesGenerationParams *params)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rushes_model_validate (model, params, &error));
  g_assert_no_error (error);
}

static char *
write_file (const char   *name,
            const guint8 *header,
            gsize         header_length,
            gsize         total_length)
{
  g_autofree guint8 *contents = g_malloc0 (total_length);
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  memcpy (contents, header, MIN (header_length, total_length));
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_file_set_contents (path, (const char *) contents, total_length, &error);
  g_assert_no_error (error);
  return path;
}

static const guint8 png_header[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
static const guint8 jpeg_header[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F' };
static const guint8 webp_header[] = { 'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ' };
static const guint8 gif_header[] = { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0 };

static void
test_params_from_strings (void)
{
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(RushesGenerationParams) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_image = NULL;

  g_assert_true (rushes_generation_params_set_value (params, "duration", "8s", &error));
  g_assert_cmpuint (rushes_generation_params_get_duration (params), ==, 8);
  g_assert_true (rushes_generation_params_set_value (params, "duration", " 12 s", &error));
  g_assert_cmpstr (rushes_generation_params_get_value (params, "duration"), ==, "12");

  g_assert_false (rushes_generation_params_set_value (params, "duration", "eight", &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Duration “eight” is not a whole number of seconds");
  g_clear_error (&error);
  g_assert_false (rushes_generation_params_set_value (params, "duration", "0", &error));
  g_clear_error (&error);
  g_assert_cmpuint (rushes_generation_params_get_duration (params), ==, 12);

  g_assert_true (rushes_generation_params_set_value (params, "audio", "On", &error));
  g_assert_cmpstr (rushes_generation_params_get_value (params, "audio"), ==, "true");
  g_assert_false (rushes_generation_params_set_value (params, "audio", "maybe", &error));
  g_clear_error (&error);

  /* Relative image paths are resolved when given. */
  g_assert_true (rushes_generation_params_set_value (params, "image", "pic.png", &error));
  expected_image = g_canonicalize_filename ("pic.png", NULL);
  g_assert_cmpstr (rushes_generation_params_get_image (params), ==, expected_image);
  g_assert_false (rushes_generation_params_image_is_url (params));
  g_assert_cmpint (rushes_generation_params_get_mode (params), ==, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);

  rushes_generation_params_set_image (params, "https://example.com/a.png");
  g_assert_true (rushes_generation_params_image_is_url (params));

  /* An empty value unsets. */
  g_assert_true (rushes_generation_params_set_value (params, "image", "", &error));
  g_assert_null (rushes_generation_params_get_image (params));
  g_assert_cmpint (rushes_generation_params_get_mode (params), ==, RUSHES_GENERATION_MODE_TEXT_TO_VIDEO);

  rushes_generation_params_set_prompt (params, "A fox");
  json = rushes_generation_params_to_json (params);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==, "{\"aspect_ratio\":null,\"duration\":12,\"resolution\":null,\"image\":null,\"audio\":true}");

  copy = rushes_generation_params_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_generation_params_get_duration (copy), ==, 12);
  g_assert_cmpstr (rushes_generation_params_get_value (copy, "audio"), ==, "true");
  /* Records carry the prompt beside the params. */
  g_assert_null (rushes_generation_params_get_prompt (copy));
}

static void
test_validate_values (void)
{
  g_autoptr(RushesModelCatalog) catalog = load_catalog ();
  RushesModel *sora = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  RushesModel *pro = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2-pro");
  g_autoptr(RushesGenerationParams) ok = params_new ("prompt", "A fox", "duration", "8",
                                                     "aspect_ratio", "9:16", "resolution", "720p", NULL);
  g_autoptr(RushesGenerationParams) five = params_new ("prompt", "A fox", "duration", "5", NULL);
  g_autoptr(RushesGenerationParams) square = params_new ("prompt", "A fox", "aspect_ratio", "1:1", NULL);
  g_autoptr(RushesGenerationParams) full_hd = params_new ("prompt", "A fox", "resolution", "1080p", NULL);
  g_autoptr(RushesGenerationParams) seeded = params_new ("prompt", "A fox", "seed", "3", NULL);
  g_autoptr(GError) error = NULL;

  assert_valid (sora, ok);
  assert_invalid (sora, five, "Duration 5 s is not offered by Sora 2; choose 4, 8 or 12 s");
  assert_invalid (sora, square, "Aspect ratio 1:1 is not offered by Sora 2; choose 16:9, 9:16 or auto");
  assert_invalid (sora, full_hd, "Resolution 1080p is not offered by Sora 2; choose 720p");
  assert_valid (pro, full_hd);
  assert_invalid (sora, seeded, "Sora 2 offers no seed setting");

  g_assert_null (rushes_model_catalog_find (catalog, "wiro/openai/sora-3", &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "Unknown model “wiro/openai/sora-3”; known models: "));
  g_assert_nonnull (strstr (error->message, "wiro/openai/sora-2-pro"));
}

static void
test_validate_prompt (void)
{
  g_autoptr(RushesModelCatalog) catalog = load_catalog ();
  RushesModel *sora = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  RushesModel *hailuo = rushes_model_catalog_lookup (catalog, "wiro/test/hailuo");
  g_autoptr(RushesGenerationParams) none = params_new ("duration", "4", NULL);
  g_autoptr(RushesGenerationParams) blank = params_new ("prompt", " \n\t ", NULL);
  g_autoptr(RushesGenerationParams) long_prompt = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) accents = params_new ("prompt", "Élan, café, naïve — ok",
                                                          "image", "https://example.com/a.png", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  assert_invalid (sora, none, "The prompt is empty; Sora 2 needs one");
  assert_invalid (sora, blank, "The prompt is empty");

  for (guint i = 0; i < 10001; i++)
    g_string_append_c (text, 'a');
  rushes_generation_params_set_prompt (long_prompt, text->str);
  assert_invalid (sora, long_prompt, "The prompt is 10001 characters long; Sora 2 accepts at most 10000");

  /* Characters, not bytes: 22 characters, more than 20 bytes. */
  assert_invalid (hailuo, accents, "The prompt is 22 characters long; Hailuo accepts at most 20");
}

static void
test_validate_image (void)
{
  g_autoptr(RushesModelCatalog) catalog = load_catalog ();
  RushesModel *sora = rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2");
  RushesModel *hailuo = rushes_model_catalog_lookup (catalog, "wiro/test/hailuo");
  RushesModel *wan = rushes_model_catalog_lookup (catalog, "wiro/test/wan");
  g_autofree char *png = write_file ("start.png", png_header, sizeof png_header, 64);
  g_autofree char *jpeg = write_file ("start.jpg", jpeg_header, sizeof jpeg_header, 64);
  g_autofree char *webp = write_file ("start.webp", webp_header, sizeof webp_header, 64);
  g_autofree char *gif = write_file ("start.gif", gif_header, sizeof gif_header, 64);
  g_autofree char *big = write_file ("big.png", png_header, sizeof png_header, 10000001);
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "missing.png", NULL);
  g_autofree char *message = NULL;
  const char *images[] = { png, jpeg, webp };

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      g_autoptr(RushesGenerationParams) params = params_new ("prompt", "A fox", "image", images[i], NULL);

      assert_valid (sora, params);
    }

  {
    g_autoptr(RushesGenerationParams) params = params_new ("prompt", "A fox", "image", gif, NULL);

    message = g_strdup_printf ("The start image “%s” is not a JPEG, PNG or WebP picture", gif);
    assert_invalid (sora, params, message);
    g_clear_pointer (&message, g_free);
  }

  {
    g_autoptr(RushesGenerationParams) params = params_new ("prompt", "A fox", "image", missing, NULL);

    message = g_strdup_printf ("Cannot read the start image “%s”: ", missing);
    assert_invalid_containing (sora, params, message);
    g_clear_pointer (&message, g_free);
  }

  {
    g_autoptr(RushesGenerationParams) params = params_new ("prompt", "A fox", "image", big, NULL);

    /* g_format_size() puts a no-break space before the unit. */
    message = g_strdup_printf ("The start image “%s” is 10.0\u00a0MB (10000001 bytes); Sora 2 accepts at most "
                               "10.0\u00a0MB (10000000 bytes)", big);
    assert_invalid (sora, params, message);
    g_clear_pointer (&message, g_free);
  }

  {
    g_autoptr(RushesGenerationParams) url = params_new ("prompt", "A fox", "image", "https://example.com/a.webp", NULL);
    g_autoptr(RushesGenerationParams) local = params_new ("prompt", "A fox", "image", png, NULL);
    g_autoptr(RushesGenerationParams) without = params_new ("prompt", "A fox", NULL);

    assert_valid (sora, url);
    assert_valid (hailuo, url);
    message = g_strdup_printf ("Wiro takes image URLs only: give the start image for Hailuo as an https:// "
                               "address, not the local file “%s”", png);
    assert_invalid (hailuo, local, message);
    assert_invalid (hailuo, without, "Hailuo needs a start image");
    assert_invalid (wan, url, "Wan does not take a start image");
  }
}

static void
test_constraints (void)
{
  g_autoptr(RushesModelCatalog) catalog = load_catalog ();
  RushesModel *hailuo = rushes_model_catalog_lookup (catalog, "wiro/test/hailuo");
  g_autoptr(RushesGenerationParams) conflict = params_new ("prompt", "A fox", "image", "https://x/a.png",
                                                           "duration", "10", "resolution", "1080p", NULL);
  g_autoptr(RushesGenerationParams) ten = params_new ("prompt", "A fox", "image", "https://x/a.png",
                                                      "duration", "10", NULL);
  g_autoptr(RushesGenerationParams) complete = NULL;
  g_autoptr(RushesGenerationParams) defaults = NULL;

  assert_invalid (hailuo, conflict, "With duration 10 s, Hailuo offers only resolution 720p");

  /* The 1080p default gives way to what the constraint allows. */
  assert_valid (hailuo, ten);
  complete = rushes_model_complete_params (hailuo, ten);
  g_assert_cmpstr (rushes_generation_params_get_resolution (complete), ==, "720p");

  g_clear_object (&ten);
  ten = params_new ("prompt", "A fox", "image", "https://x/a.png", NULL);
  defaults = rushes_model_complete_params (hailuo, ten);
  g_assert_cmpstr (rushes_generation_params_get_resolution (defaults), ==, "1080p");
  g_assert_cmpuint (rushes_generation_params_get_duration (defaults), ==, 6);
}

static char *
request_json (RushesModel            *model,
              RushesGenerationParams *params)
{
  g_autoptr(RushesGenerationParams) complete = rushes_model_complete_params (model, params);
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  assert_valid (model, params);
  request = _rushes_model_build_request (model, complete, &error);
  g_assert_no_error (error);
  body = _rushes_wire_request_to_json (request, &error);
  g_assert_no_error (error);
  text = json_to_string (body, FALSE);

  return g_strdup_printf ("%s %s", request->path, text);
}

static void
test_request_mapping (void)
{
  g_autoptr(RushesModelCatalog) catalog = load_catalog ();
  g_autoptr(RushesGenerationParams) sora = params_new ("prompt", "A fox", "duration", "8",
                                                       "aspect_ratio", "9:16", NULL);
  g_autoptr(RushesGenerationParams) apixo = params_new ("prompt", "A fox", "aspect_ratio", "9:16",
                                                        "image", "https://x/a.png", NULL);
  g_autoptr(RushesGenerationParams) hailuo = params_new ("prompt", "A fox", "image", "https://x/a.png",
                                                         "duration", "10", NULL);
  g_autoptr(RushesGenerationParams) wan = params_new ("prompt", "A fox", "aspect_ratio", "9:16",
                                                      "duration", "15", "seed", "-1", NULL);
  g_autoptr(RushesGenerationParams) wan_missing = params_new ("prompt", "A fox", "aspect_ratio", "9:16",
                                                              "resolution", "1080p", NULL);
  g_autofree char *text = NULL;

  /* Sora on Wiro: form values are strings ("8"), the defaults fill the rest. */
  text = request_json (rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"), sora);
  g_assert_cmpstr (text, ==, "openai/sora-2 {\"prompt\":\"A fox\",\"seconds\":\"8\",\"resolution\":\"720p\",\"ratio\":\"9:16\"}");
  g_clear_pointer (&text, g_free);

  text = request_json (rushes_model_catalog_lookup (catalog, "wiro/test/sora-apixo"), apixo);
  g_assert_cmpstr (text, ==, "sora-2 {\"request_type\":\"async\",\"input\":{\"mode\":\"image-to-video\","
                   "\"prompt\":\"A fox\",\"image_urls\":[\"https://x/a.png\"],\"aspect_ratio\":\"portrait\","
                   "\"n_frames\":\"10\",\"remove_watermark\":true}}");
  g_clear_pointer (&text, g_free);

  text = request_json (rushes_model_catalog_lookup (catalog, "wiro/test/hailuo"), hailuo);
  g_assert_cmpstr (text, ==, "hailuo-2-3 {\"request_type\":\"async\",\"input\":{\"mode\":\"standard-image-to-video\","
                   "\"prompt\":\"A fox\",\"image_urls\":[\"https://x/a.png\"],\"duration\":10}}");
  g_clear_pointer (&text, g_free);

  text = request_json (rushes_model_catalog_lookup (catalog, "wiro/test/wan"), wan);
  g_assert_cmpstr (text, ==, "alibaba/wan-2.6/text-to-video {\"prompt\":\"A fox\",\"size\":\"720*1280\","
                   "\"duration\":15,\"generate_audio\":false,\"seed\":-1}");

  /* A combination the size table lacks is refused before sending. */
  assert_invalid (rushes_model_catalog_lookup (catalog, "wiro/test/wan"), wan_missing,
                  "Wan does not offer 1080p 9:16 (resolution with aspect_ratio)");
}

static void
test_estimate (void)
{
  g_autoptr(RushesModelCatalog) catalog = load_catalog ();
  g_autoptr(RushesGenerationParams) eight = params_new ("prompt", "A fox", "duration", "8", NULL);
  g_autoptr(RushesGenerationParams) pro = params_new ("prompt", "A fox", "duration", "12", "resolution", "1080p", NULL);
  g_autoptr(RushesGenerationParams) defaults = rushes_generation_params_new ();
  g_autoptr(RushesGenerationParams) fifteen = params_new ("duration", "15", NULL);
  double cost = -1;

  g_assert_true (rushes_model_estimate_cost (rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"), eight, &cost));
  g_assert_cmpfloat_with_epsilon (cost, 0.8, 1e-9);
  g_assert_true (rushes_model_estimate_cost (rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2-pro"), pro, &cost));
  g_assert_cmpfloat_with_epsilon (cost, 6.0, 1e-9);
  g_assert_true (rushes_model_estimate_cost (rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"), defaults, &cost));
  g_assert_cmpfloat_with_epsilon (cost, 0.4, 1e-9);
  g_assert_true (rushes_model_estimate_cost (rushes_model_catalog_lookup (catalog, "wiro/test/sora-apixo"), fifteen, &cost));
  g_assert_cmpfloat_with_epsilon (cost, 0.3, 1e-9);
  g_assert_false (rushes_model_estimate_cost (rushes_model_catalog_lookup (catalog, "wiro/test/wan"), defaults, &cost));
}

static void
test_to_json (void)
{
  g_autoptr(RushesModelCatalog) catalog = load_catalog ();
  g_autoptr(JsonNode) node = rushes_model_to_json (rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"));
  JsonObject *object = json_node_get_object (node);
  JsonObject *controls = json_object_get_object_member (object, "controls");
  JsonObject *duration = json_object_get_object_member (controls, "duration");
  JsonArray *values = json_object_get_array_member (duration, "values");

  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "wiro/openai/sora-2");
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "wiro");
  g_assert_true (json_object_get_boolean_member (object, "retired"));
  g_assert_cmpuint (json_array_get_length (values), ==, 3);
  g_assert_cmpint (json_array_get_int_element (values, 2), ==, 12);
  g_assert_cmpint (json_object_get_int_member (duration, "default"), ==, 4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "price_estimate_usd"), 0.4, 1e-9);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (controls, "image"), "required"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/model/params-from-strings", test_params_from_strings);
  g_test_add_func ("/rushes/model/validate-values", test_validate_values);
  g_test_add_func ("/rushes/model/validate-prompt", test_validate_prompt);
  g_test_add_func ("/rushes/model/validate-image", test_validate_image);
  g_test_add_func ("/rushes/model/constraints", test_constraints);
  g_test_add_func ("/rushes/model/request-mapping", test_request_mapping);
  g_test_add_func ("/rushes/model/estimate", test_estimate);
  g_test_add_func ("/rushes/model/to-json", test_to_json);

  return g_test_run ();
}
