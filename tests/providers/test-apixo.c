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

#include "rushes-providers.h"
#include "rushes-apixo-provider-private.h"
#include "rushes-test-balance.h"
#include "rushes-core.h"

/* Answers as seeds/003 (APIXO's sora-2 page) and its docs show them. */
static const char seed_submit[] =
  "{\"code\": 200, \"message\": \"success\", \"data\": {\"taskId\": \"task_12345678\"}}";
static const char seed_processing[] =
  "{\"code\": 200, \"message\": \"success\", \"data\": {\"taskId\": \"task_12345678\", \"state\": \"processing\", "
  "\"createTime\": 1767965610929}}";
static const char seed_pending[] =
  "{\"code\": 200, \"message\": \"success\", \"data\": {\"taskId\": \"task_12345678\", \"state\": \"pending\", "
  "\"createTime\": 1767965610929}}";
static const char seed_success[] =
  "{\"code\": 200, \"message\": \"success\", \"data\": {\"taskId\": \"task_abc123xyz789\", \"state\": \"success\", "
  "\"resultJson\": \"{\\\"resultUrls\\\":[\\\"https://cdn.apixo.ai/output/abc123.mp4\\\"]}\", "
  "\"costTime\": 12500, \"createTime\": 1704067200000, \"completeTime\": 1704067212500}}";
static const char seed_failed[] =
  "{\"code\": 200, \"message\": \"success\", \"data\": {\"taskId\": \"task_abc\", \"state\": \"failed\", "
  "\"failCode\": \"CONTENT_VIOLATION\", \"failMsg\": \"Content violates usage policy\", "
  "\"createTime\": 1704067200000, \"completeTime\": 1704067205000}}";
static const char seed_bad_request[] =
  "{\"code\": 400, \"message\": \"Invalid request\", \"data\": {\"error\": \"Missing required field: input.prompt\"}}";

static RushesRemoteStatus *
status_of (const char *text)
{
  g_autoptr(JsonNode) root = rushes_test_parse_json (text);
  g_autoptr(GError) error = NULL;
  RushesRemoteStatus *status = _rushes_apixo_parse_status (root, 200, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static GError *
submit_error (const char *text,
              guint       http_status)
{
  g_autoptr(JsonNode) root = text != NULL ? rushes_test_parse_json (text) : json_node_new (JSON_NODE_NULL);
  GError *error = NULL;

  g_assert_null (_rushes_apixo_parse_submit (root, http_status, &error));
  g_assert_nonnull (error);
  return error;
}

static void
test_submit (void)
{
  g_autoptr(JsonNode) root = rushes_test_parse_json (seed_submit);
  g_autoptr(JsonNode) numeric = rushes_test_parse_json ("{\"code\": \"200\", \"message\": \"success\", \"data\": {\"taskId\": 987}}");
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(RushesRemoteStatus) number = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) no_id = NULL;

  status = _rushes_apixo_parse_submit (root, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_QUEUED);
  g_assert_cmpstr (status->remote_id, ==, "task_12345678");
  g_assert_false (status->terminal);

  number = _rushes_apixo_parse_submit (numeric, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number->remote_id, ==, "987");

  no_id = submit_error ("{\"code\": 200, \"message\": \"success\", \"data\": {}}", 200);
  g_assert_error (no_id, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
}

static void
test_states (void)
{
  g_autoptr(RushesRemoteStatus) pending = status_of (seed_pending);
  g_autoptr(RushesRemoteStatus) processing = status_of (seed_processing);
  g_autoptr(RushesRemoteStatus) success = status_of (seed_success);
  g_autoptr(RushesRemoteStatus) failed = status_of (seed_failed);

  g_assert_cmpint (pending->state, ==, RUSHES_REMOTE_STATE_QUEUED);
  g_assert_cmpint (processing->state, ==, RUSHES_REMOTE_STATE_RUNNING);
  g_assert_false (processing->terminal);
  g_assert_cmpfloat (processing->progress, <, 0);

  g_assert_cmpint (success->state, ==, RUSHES_REMOTE_STATE_SUCCEEDED);
  g_assert_true (success->terminal);
  g_assert_cmpstr (success->remote_id, ==, "task_abc123xyz789");
  g_assert_cmpstr (success->video_url, ==, "https://cdn.apixo.ai/output/abc123.mp4");

  /* A failure is an ordinary answer: HTTP 200, code 200, state failed. */
  g_assert_cmpint (failed->state, ==, RUSHES_REMOTE_STATE_FAILED);
  g_assert_true (failed->terminal);
  g_assert_cmpstr (failed->message, ==,
                   "APIXO reports the generation failed: Content violates usage policy (CONTENT_VIOLATION)");
}

static void
test_result_json (void)
{
  g_autoptr(JsonNode) string = rushes_test_parse_json ("\"{\\\"resultUrls\\\":[\\\"https://cdn.apixo.ai/a.mp4\\\"]}\"");
  g_autoptr(JsonNode) object = rushes_test_parse_json ("{\"resultUrls\": [\"https://cdn.apixo.ai/b.mp4\"]}");
  g_autoptr(JsonNode) garbage = rushes_test_parse_json ("\"{resultUrls: \"");
  g_autoptr(JsonNode) empty = rushes_test_parse_json ("\"{\\\"resultUrls\\\": []}\"");
  g_autofree char *first = _rushes_apixo_parse_result_json (string);
  g_autofree char *second = _rushes_apixo_parse_result_json (object);
  g_autoptr(RushesRemoteStatus) unreadable = NULL;

  g_assert_cmpstr (first, ==, "https://cdn.apixo.ai/a.mp4");
  g_assert_cmpstr (second, ==, "https://cdn.apixo.ai/b.mp4");
  g_assert_null (_rushes_apixo_parse_result_json (garbage));
  g_assert_null (_rushes_apixo_parse_result_json (empty));
  g_assert_null (_rushes_apixo_parse_result_json (NULL));

  /* Success without a readable video: the runner says so. */
  unreadable = status_of ("{\"code\": 200, \"data\": {\"taskId\": \"t\", \"state\": \"success\", "
                          "\"resultJson\": \"not json\"}}");
  g_assert_cmpint (unreadable->state, ==, RUSHES_REMOTE_STATE_SUCCEEDED);
  g_assert_null (unreadable->video_url);
}

/* Provider text is data: the result URL, read from JSON inside a string,
 * is cleaned like every other string of an answer (found by
 * fuzz-apixo-answer). */
static void
test_result_json_text (void)
{
  g_autoptr(RushesRemoteStatus) status =
    status_of ("{\"code\": 200, \"data\": {\"taskId\": \"t\", \"state\": \"success\", \"resultJson\": "
               "\"{\\\"resultUrls\\\":[\\\"https://cdn.apixo.ai/a\\\\u001b]8;;x\\\\u0007.mp4\\\"]}\"}}");

  g_assert_cmpstr (status->video_url, ==, "https://cdn.apixo.ai/a.mp4");
}

static void
test_failure_messages (void)
{
  g_autoptr(RushesRemoteStatus) code_only = status_of ("{\"code\": 200, \"data\": {\"taskId\": \"t\", "
                                                       "\"state\": \"failed\", \"failCode\": \"INVALID_IMAGE_URL\"}}");
  g_autoptr(RushesRemoteStatus) nothing = status_of ("{\"code\": 200, \"data\": {\"taskId\": \"t\", "
                                                     "\"state\": \"failed\"}}");

  g_assert_cmpstr (code_only->message, ==, "APIXO reports the generation failed (INVALID_IMAGE_URL)");
  g_assert_cmpstr (nothing->message, ==, "APIXO reports the generation failed without saying why");
}

static void
test_errors (void)
{
  g_autoptr(GError) bad_request = submit_error (seed_bad_request, 400);
  g_autoptr(GError) bad_in_200 = submit_error (seed_bad_request, 200);
  g_autoptr(GError) unauthorized = submit_error ("{\"code\": 401, \"message\": \"Invalid or missing API Key\"}", 401);
  g_autoptr(GError) balance = submit_error ("{\"code\": 402, \"message\": \"Insufficient balance\"}", 402);
  g_autoptr(GError) balance_in_200 = submit_error ("{\"code\": 402, \"message\": \"Insufficient balance\"}", 200);
  g_autoptr(GError) unknown_model = submit_error ("{\"code\": 404, \"message\": \"Model not found\"}", 404);
  g_autoptr(GError) limited = submit_error ("{\"code\": 429, \"message\": \"Rate limit exceeded\"}", 429);
  g_autoptr(GError) unavailable = submit_error (NULL, 503);
  g_autoptr(GError) broke = submit_error (NULL, 500);
  g_autoptr(JsonNode) limited_read = rushes_test_parse_json ("{\"code\": 429, \"message\": \"Rate limit exceeded\"}");
  g_autoptr(JsonNode) no_data = rushes_test_parse_json ("{\"code\": 200, \"message\": \"success\"}");
  g_autoptr(GError) read_error = NULL;

  g_assert_error (bad_request, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_cmpstr (bad_request->message, ==, "APIXO rejected the request (HTTP 400): Missing required field: input.prompt");
  g_assert_error (bad_in_200, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_cmpstr (bad_in_200->message, ==, bad_request->message);
  g_assert_error (unauthorized, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_error (balance, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_nonnull (strstr (balance->message, "balance is too low"));
  g_assert_error (balance_in_200, RUSHES_ERROR, RUSHES_ERROR_AUTH);
  g_assert_error (unknown_model, RUSHES_ERROR, RUSHES_ERROR_FAILED);
  g_assert_nonnull (strstr (unknown_model->message, "may have been retired"));
  g_assert_error (limited, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  g_assert_error (unavailable, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  g_assert_error (broke, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);

  g_assert_null (_rushes_apixo_parse_status (limited_read, 429, &read_error));
  g_assert_error (read_error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  g_clear_error (&read_error);
  g_assert_null (_rushes_apixo_parse_status (no_data, 200, &read_error));
  g_assert_error (read_error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
}

/* The balance: a number, or a string holding one; garbage and refusals
 * are errors (the engine shows them as a note). */
static void
test_balance (void)
{
  const RushesTestBalance good[] = {
    { "{\"code\": 200, \"message\": \"success\", \"data\": 74.87}", 74.87 },
    { "{\"code\": 200, \"message\": \"success\", \"data\": \"74.87\"}", 74.87 },
    { "{\"code\": 200, \"data\": 0}", 0.0 },
  };

  rushes_test_balance_check (_rushes_apixo_parse_balance, good, G_N_ELEMENTS (good));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/apixo/submit", test_submit);
  g_test_add_func ("/rushes/apixo/states", test_states);
  g_test_add_func ("/rushes/apixo/result-json", test_result_json);
  g_test_add_func ("/rushes/apixo/result-json-text", test_result_json_text);
  g_test_add_func ("/rushes/apixo/failure-messages", test_failure_messages);
  g_test_add_func ("/rushes/apixo/errors", test_errors);

  g_test_add_func ("/rushes/apixo/balance", test_balance);

  return g_test_run ();
}
