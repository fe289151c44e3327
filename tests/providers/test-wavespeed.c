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

#include <string.h>

#include "rushes-providers.h"
#include "rushes-core.h"
#include "rushes-wavespeed-provider-private.h"
#include "rushes-test-balance.h"

/* A prediction as seeds/002 and /004 describe it (response parameters:
 * code, message, data.id, model, outputs, urls.get, has_nsfw_contents,
 * status, created_at, error, timings.inference). */
#define PREDICTION(STATUS, OUTPUTS, ERROR, EXTRA) \
  "{\"code\": 200, \"message\": \"success\", \"data\": {" \
  "\"id\": \"5c8a6f7a1b2c4d3e9f00aa11bb22cc33\", \"model\": \"openai/sora-2\", " \
  "\"outputs\": " OUTPUTS ", " \
  "\"urls\": {\"get\": \"https://api.wavespeed.ai/api/v3/predictions/5c8a6f7a1b2c4d3e9f00aa11bb22cc33/result\"}, " \
  "\"has_nsfw_contents\": [], \"status\": \"" STATUS "\", " \
  "\"created_at\": \"2023-04-01T12:34:56.789Z\", \"error\": \"" ERROR "\", " \
  "\"timings\": {\"inference\": 0}" EXTRA "}}"

#define VIDEO_URL "https://d1q70pf5vjeyhc.cloudfront.net/predictions/5c8a/1.mp4"

static RushesRemoteStatus *
prediction (const char     *text,
            guint           http_status,
            RushesHttpKind  kind)
{
  g_autoptr(JsonNode) root = rushes_test_parse_json (text);
  g_autoptr(GError) error = NULL;
  RushesRemoteStatus *status = _rushes_wavespeed_parse_prediction (root, http_status, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static GError *
prediction_error (const char     *text,
                  guint           http_status,
                  RushesHttpKind  kind)
{
  g_autoptr(JsonNode) root = text != NULL ? rushes_test_parse_json (text) : json_node_new (JSON_NODE_NULL);
  GError *error = NULL;

  g_assert_null (_rushes_wavespeed_parse_prediction (root, http_status, kind, &error));
  g_assert_nonnull (error);
  return error;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
test_submit (void)
{
  g_autoptr(RushesRemoteStatus) status = prediction (PREDICTION ("created", "[]", "", ""), 200, RUSHES_HTTP_SUBMIT);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_QUEUED);
  g_assert_cmpstr (status->remote_id, ==, "5c8a6f7a1b2c4d3e9f00aa11bb22cc33");
  g_assert_false (status->terminal);
  g_assert_null (status->video_url);
  /* No percentage and no cost in WaveSpeed's answers. */
  g_assert_cmpfloat (status->progress, <, 0);
  g_assert_cmpfloat (status->cost_usd, <, 0);

  /* Accepted, but without an id the task cannot be followed. */
  error = prediction_error ("{\"code\": 200, \"message\": \"success\", \"data\": {\"status\": \"created\"}}",
                            200, RUSHES_HTTP_SUBMIT);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
}

static void
test_states (void)
{
  g_autoptr(RushesRemoteStatus) processing = prediction (PREDICTION ("processing", "[]", "", ""), 200, RUSHES_HTTP_READ);
  g_autoptr(RushesRemoteStatus) completed = prediction (PREDICTION ("completed", "[\"" VIDEO_URL "\", \"https://x/2.mp4\"]",
                                                                    "", ""), 200, RUSHES_HTTP_READ);
  g_autoptr(RushesRemoteStatus) failed = prediction (PREDICTION ("failed", "[]",
                                                                 "Failed to download image from the URL",
                                                                 ", \"code\": 1402"), 200, RUSHES_HTTP_READ);
  g_autoptr(RushesRemoteStatus) moderated = prediction (PREDICTION ("failed", "[]", "", ", \"code\": 1200"),
                                                        200, RUSHES_HTTP_READ);
  g_autoptr(RushesRemoteStatus) bare = prediction (PREDICTION ("failed", "[]", "", ""), 200, RUSHES_HTTP_READ);
  g_autoptr(RushesRemoteStatus) cancelled = prediction (PREDICTION ("cancelled", "[]", "", ""), 200, RUSHES_HTTP_READ);
  g_autoptr(RushesRemoteStatus) timeout = prediction (PREDICTION ("timeout", "[]", "Task timed out", ""),
                                                      200, RUSHES_HTTP_READ);

  g_assert_cmpint (processing->state, ==, RUSHES_REMOTE_STATE_RUNNING);
  g_assert_false (processing->terminal);

  g_assert_cmpint (completed->state, ==, RUSHES_REMOTE_STATE_SUCCEEDED);
  g_assert_true (completed->terminal);
  g_assert_cmpstr (completed->video_url, ==, VIDEO_URL);

  g_assert_cmpint (failed->state, ==, RUSHES_REMOTE_STATE_FAILED);
  g_assert_true (failed->terminal);
  g_assert_cmpstr (failed->message, ==, "WaveSpeed reports the generation failed: WaveSpeed could not fetch the "
                                        "input image (code 1402): Failed to download image from the URL");
  g_assert_cmpstr (moderated->message, ==, "WaveSpeed reports the generation failed: content moderation refused "
                                           "the prompt or the image (code 1200)");
  g_assert_cmpstr (bare->message, ==, "WaveSpeed reports the generation failed without saying why");

  g_assert_cmpint (cancelled->state, ==, RUSHES_REMOTE_STATE_CANCELLED);
  g_assert_true (cancelled->terminal);
  g_assert_cmpint (timeout->state, ==, RUSHES_REMOTE_STATE_FAILED);
  g_assert_true (timeout->terminal);
  assert_contains (timeout->message, "timed out");
}

/* Provider text is data: an output given as a bare URL string is cleaned
 * like every other string of an answer. */
static void
test_output_text (void)
{
  g_autoptr(RushesRemoteStatus) completed =
    prediction (PREDICTION ("completed", "[\"https://x.example/1\\u001b[2J.mp4\"]", "", ""), 200, RUSHES_HTTP_READ);

  g_assert_cmpstr (completed->video_url, ==, "https://x.example/1.mp4");
}

/* 2^63 is one past the largest gint64: no code (converting it was
 * undefined behaviour, and read as -2^63 it made a success an error). */
static void
test_code_range (void)
{
  g_autoptr(RushesRemoteStatus) created =
    prediction ("{\"code\": \"9223372036854775808\", \"message\": \"success\", "
                "\"data\": {\"id\": \"abc\", \"status\": \"created\"}}", 200, RUSHES_HTTP_SUBMIT);

  g_assert_cmpint (created->state, ==, RUSHES_REMOTE_STATE_QUEUED);
  g_assert_cmpstr (created->remote_id, ==, "abc");
}

/* Values documented as numbers may arrive as strings, and outputs as objects. */
static void
test_variants (void)
{
  g_autoptr(RushesRemoteStatus) status =
    prediction ("{\"code\": \"200\", \"message\": \"success\", \"data\": {\"id\": 123456, \"status\": \"completed\","
                " \"outputs\": [{\"url\": \"" VIDEO_URL "\"}], \"timings\": {\"inference\": \"41250\"},"
                " \"an_unknown_field\": {\"nested\": true}}}", 200, RUSHES_HTTP_READ);
  g_autoptr(RushesRemoteStatus) failed =
    prediction (PREDICTION ("failed", "[]", "flagged", ", \"code\": \"1200\""), 200, RUSHES_HTTP_READ);

  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_SUCCEEDED);
  g_assert_cmpstr (status->remote_id, ==, "123456");
  g_assert_cmpstr (status->video_url, ==, VIDEO_URL);
  assert_contains (failed->message, "(code 1200): flagged");
}

static void
test_errors (void)
{
  g_autoptr(GError) unauthorized = prediction_error ("{\"code\": 401, \"message\": \"Unauthorized\", \"data\": null}",
                                                     401, RUSHES_HTTP_SUBMIT);
  g_autoptr(GError) in_200 = prediction_error ("{\"code\": 400, \"message\": \"Invalid request\", "
                                               "\"data\": {\"error\": \"prompt is required\"}}",
                                               200, RUSHES_HTTP_SUBMIT);
  g_autoptr(GError) task_code = prediction_error ("{\"code\": 1401, \"message\": \"duration must be 4, 6 or 8\"}",
                                                  400, RUSHES_HTTP_SUBMIT);
  g_autoptr(GError) unknown_model = prediction_error ("{\"code\": 404, \"message\": \"model not found\"}",
                                                      404, RUSHES_HTTP_SUBMIT);
  g_autoptr(GError) limited = prediction_error ("{\"code\": 429, \"message\": \"Too Many Requests\"}",
                                                429, RUSHES_HTTP_READ);
  g_autoptr(GError) broke = prediction_error (NULL, 500, RUSHES_HTTP_SUBMIT);
  g_autoptr(GError) no_data = prediction_error ("{\"code\": 200, \"message\": \"success\"}", 200, RUSHES_HTTP_READ);
  g_autoptr(GError) not_object = prediction_error ("[1, 2]", 200, RUSHES_HTTP_SUBMIT);

  g_assert_error (unauthorized, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_cmpstr (unauthorized->message, ==, "WaveSpeed refused the API key (HTTP 401): Unauthorized. Check the key.");
  g_assert_error (in_200, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_cmpstr (in_200->message, ==, "WaveSpeed rejected the request (HTTP 400): prompt is required");
  g_assert_error (task_code, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_cmpstr (task_code->message, ==, "WaveSpeed rejected the request: a setting has a value the model does "
                                           "not take (code 1401): duration must be 4, 6 or 8");
  g_assert_error (unknown_model, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  assert_contains (unknown_model->message, "may have been retired");
  g_assert_error (limited, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  g_assert_error (broke, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
  g_assert_error (no_data, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_error (not_object, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
}

static void
test_upload (void)
{
  g_autoptr(JsonNode) seed = rushes_test_parse_json ("{\"code\": 200, \"message\": \"success\", \"data\": {\"type\": \"image\", "
                                    "\"download_url\": \"https://d1q70pf5vjeyhc.cloudfront.net/media/image.png\", "
                                    "\"filename\": \"image.png\", \"size\": 1024000}}");
  g_autoptr(JsonNode) other_page = rushes_test_parse_json ("{\"code\": 200, \"message\": \"success\", "
                                          "\"data\": {\"url\": \"https://x.example/u.png\"}}");
  g_autoptr(JsonNode) nowhere = rushes_test_parse_json ("{\"code\": 200, \"message\": \"success\", \"data\": {\"type\": \"image\"}}");
  g_autoptr(JsonNode) refused = rushes_test_parse_json ("{\"code\": 413, \"message\": \"File too large\", \"data\": null}");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *other_url = NULL;

  url = _rushes_wavespeed_parse_upload (seed, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://d1q70pf5vjeyhc.cloudfront.net/media/image.png");
  other_url = _rushes_wavespeed_parse_upload (other_page, 200, &error);
  g_assert_cmpstr (other_url, ==, "https://x.example/u.png");

  g_assert_null (_rushes_wavespeed_parse_upload (nowhere, 200, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (_rushes_wavespeed_parse_upload (refused, 413, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  assert_contains (error->message, "File too large");
}

/* The two-step upload's ticket: where to PUT, with which headers, and the
 * URL to submit; never a plain address off this computer, never a key. */
static void
test_upload_ticket (void)
{
  g_autoptr(JsonNode) ticket = rushes_test_parse_json ("{\"code\": 200, \"message\": \"success\", \"data\": {"
                                      "\"upload\": {\"method\": \"PUT\", "
                                      "\"url\": \"https://bucket.example/m/1/a.png?X-Amz-Signature=abc\", "
                                      "\"headers\": {\"Content-Type\": \"image/png\", \"x-amz-acl\": \"private\"}}, "
                                      "\"download_url\": \"https://cdn.example/m/1/a.png\"}}");
  g_autoptr(JsonNode) plain = rushes_test_parse_json ("{\"code\": 200, \"data\": {\"upload\": {\"url\": \"http://bucket.example/a\", "
                                     "\"headers\": {}}, \"download_url\": \"https://cdn.example/a\"}}");
  g_autoptr(JsonNode) keyed = rushes_test_parse_json ("{\"code\": 200, \"data\": {\"upload\": {\"url\": \"https://bucket.example/a\", "
                                     "\"headers\": {\"Authorization\": \"Bearer x\"}}, "
                                     "\"download_url\": \"https://cdn.example/a\"}}");
  g_autoptr(JsonNode) nowhere = rushes_test_parse_json ("{\"code\": 200, \"data\": {\"upload\": {\"method\": \"PUT\"}}}");
  g_autoptr(JsonNode) refused = rushes_test_parse_json ("{\"code\": 401, \"message\": \"Unauthorized\", \"data\": null}");
  g_autoptr(JsonObject) headers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *put_url = NULL;
  g_autofree char *download_url = NULL;

  g_assert_true (_rushes_wavespeed_parse_upload_ticket (ticket, 200, &put_url, &headers, &download_url, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (put_url, ==, "https://bucket.example/m/1/a.png?X-Amz-Signature=abc");
  g_assert_cmpstr (download_url, ==, "https://cdn.example/m/1/a.png");
  g_assert_cmpuint (json_object_get_size (headers), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (headers, "Content-Type"), ==, "image/png");

  g_assert_false (_rushes_wavespeed_parse_upload_ticket (plain, 200, &put_url, &headers, &download_url, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (_rushes_wavespeed_parse_upload_ticket (keyed, 200, &put_url, &headers, &download_url, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_false (_rushes_wavespeed_parse_upload_ticket (nowhere, 200, &put_url, &headers, &download_url, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_false (_rushes_wavespeed_parse_upload_ticket (refused, 401, &put_url, &headers, &download_url, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_clear_error (&error);

  /* A header name refused is named cleaned, as provider text is (found by
   * fuzz-wavespeed-answer). */
  {
    g_autoptr(JsonNode) escaped = rushes_test_parse_json ("{\"code\": 200, \"data\": {\"upload\": {\"url\": \"https://bucket.example/a\", "
                                         "\"headers\": {\"X-\\u001b]8;;evil\\u0007Bad\\nName\": \"1\"}}, "
                                         "\"download_url\": \"https://cdn.example/a\"}}");

    g_assert_false (_rushes_wavespeed_parse_upload_ticket (escaped, 200, &put_url, &headers, &download_url, &error));
    g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
    g_assert_nonnull (strstr (error->message, "(“X-Bad Name”)"));
  }
}

/* The balance: a number, or a string holding one; garbage and refusals
 * are errors (the engine shows them as a note). */
static void
test_balance (void)
{
  const RushesTestBalance good[] = {
    { "{\"code\": 200, \"message\": \"success\", \"data\": {\"balance\": 42.5}}", 42.5 },
    { "{\"code\": 200, \"message\": \"success\", \"data\": {\"balance\": \"42.50\"}}", 42.5 },
  };

  rushes_test_balance_check (_rushes_wavespeed_parse_balance, good, G_N_ELEMENTS (good));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/wavespeed/submit", test_submit);
  g_test_add_func ("/rushes/wavespeed/states", test_states);
  g_test_add_func ("/rushes/wavespeed/output-text", test_output_text);
  g_test_add_func ("/rushes/wavespeed/code-range", test_code_range);
  g_test_add_func ("/rushes/wavespeed/variants", test_variants);
  g_test_add_func ("/rushes/wavespeed/errors", test_errors);
  g_test_add_func ("/rushes/wavespeed/upload", test_upload);
  g_test_add_func ("/rushes/wavespeed/upload-ticket", test_upload_ticket);

  g_test_add_func ("/rushes/wavespeed/balance", test_balance);

  return g_test_run ();
}
