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
#include "rushes-wiro-provider-private.h"

/* Answers as printed in seeds/000 (Wiro's openai/sora-2 page). */
static const char seed_run[] =
  "{\n"
  "    \"errors\": [],\n"
  "    \"taskid\": \"2221\",\n"
  "    \"socketaccesstoken\": \"eDcCm5yyUfIvMFspTwww49OUfgXkQt\",\n"
  "    \"result\": true\n"
  "}";

#define SEED_TASK(STATUS, CATEGORIES) \
  "{\n" \
  "  \"total\": \"1\",\n" \
  "  \"errors\": [],\n" \
  "  \"tasklist\": [\n" \
  "      {\n" \
  "          \"id\": \"534574\",\n" \
  "          \"uuid\": \"15bce51f-442f-4f44-a71d-13c6374a62bd\",\n" \
  "          \"name\": \"\",\n" \
  "          \"socketaccesstoken\": \"eDcCm5yyUfIvMFspTwww49OUfgXkQt\",\n" \
  "          \"parameters\": {\n" \
  "              \"inputImage\": \"https://api.wiro.ai/v1/File/mCmUXgZLG1FNjjjwmbtPFr2LVJA112/inputImage-6060136.png\"\n" \
  "          },\n" \
  "          \"debugoutput\": \"\",\n" \
  "          \"debugerror\": \"\",\n" \
  "          \"starttime\": \"1734513809\",\n" \
  "          \"endtime\": \"1734513813\",\n" \
  "          \"elapsedseconds\": \"6.0000\",\n" \
  "          \"status\": \"" STATUS "\",\n" \
  "          \"cps\": \"0.000585000000\",\n" \
  "          \"totalcost\": \"0.003510000000\",\n" \
  "          \"guestid\": null,\n" \
  "          \"projectid\": \"699\",\n" \
  "          \"modelid\": \"598\",\n" \
  "          \"description\": \"\",\n" \
  "          \"basemodelid\": \"0\",\n" \
  "          \"runtype\": \"model\",\n" \
  "          \"modelfolderid\": \"\",\n" \
  "          \"modelfileid\": \"\",\n" \
  "          \"callbackurl\": \"\",\n" \
  "          \"marketplaceid\": null,\n" \
  "          \"createtime\": \"1734513807\",\n" \
  "          \"canceltime\": \"0\",\n" \
  "          \"assigntime\": \"1734513807\",\n" \
  "          \"accepttime\": \"1734513807\",\n" \
  "          \"preprocessstarttime\": \"1734513807\",\n" \
  "          \"preprocessendtime\": \"1734513807\",\n" \
  "          \"postprocessstarttime\": \"1734513813\",\n" \
  "          \"postprocessendtime\": \"1734513814\",\n" \
  "          \"pexit\": \"0\",\n" \
  "          \"categories\": " CATEGORIES ",\n" \
  "          \"outputs\": [\n" \
  "              {\n" \
  "                  \"id\": \"6bc392c93856dfce3a7d1b4261e15af3\",\n" \
  "                  \"name\": \"0.png\",\n" \
  "                  \"contenttype\": \"image/png\",\n" \
  "                  \"parentid\": \"6c1833f39da71e6175bf292b18779baf\",\n" \
  "                  \"uuid\": \"15bce51f-442f-4f44-a71d-13c6374a62bd\",\n" \
  "                  \"size\": \"202472\",\n" \
  "                  \"addedtime\": \"1734513812\",\n" \
  "                  \"modifiedtime\": \"1734513812\",\n" \
  "                  \"accesskey\": \"dFKlMApaSgMeHKsJyaDeKrefcHahUK\",\n" \
  "                  \"foldercount\": \"0\",\n" \
  "                  \"filecount\": \"0\",\n" \
  "                  \"ispublic\": 0,\n" \
  "                  \"expiretime\": null,\n" \
  "                  \"url\": \"https://cdn1.wiro.ai/6a6af820-c5050aee-40bd7b83-a2e186c6-7f61f7da-3894e49c-fc0eeb66-9b500fe2/0.png\"\n" \
  "              }\n" \
  "          ],\n" \
  "          \"size\": \"202472\"\n" \
  "      }\n" \
  "  ],\n" \
  "  \"result\": true\n" \
  "}"

/* The seed's categories, printed with unescaped quotes (invalid JSON). */
#define CATEGORIES_AS_PRINTED "\"[\"tool\",\"image-to-image\",\"quick-showcase\",\"compare-landscape\"]\""
#define CATEGORIES_STRING "\"[\\\"tool\\\",\\\"image-to-image\\\"]\""
#define CATEGORIES_ARRAY "[\"tool\", \"image-to-image\"]"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = _rushes_wiro_parse_json (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_signature (void)
{
  g_autofree char *signature = NULL;

  /* echo -n "wiro-test-secret1734513807" | openssl dgst -sha256 -hmac "wiro-test-key" */
  signature = _rushes_wiro_sign ("wiro-test-key", "wiro-test-secret", "1734513807");
  g_assert_cmpstr (signature, ==, "b8964555ec9bac5c1ecb2646d319ee267da56fff3c374c0c0dd802f2d1540432");

  /* The seed's placeholders: echo -n "XXXXXXXXX1759922562" | openssl dgst -sha256 -hmac "YOUR_WIRO_API_KEY" */
  g_free (signature);
  signature = _rushes_wiro_sign ("YOUR_WIRO_API_KEY", "XXXXXXXXX", "1759922562");
  g_assert_cmpstr (signature, ==, "56d389e0003b6b0e98387286fd2e194b2d90fa5ce18c03fa6dae89d56b4dbf68");
}

static void
test_parse_run (void)
{
  g_autoptr(JsonNode) root = parse (seed_run);
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (_rushes_wiro_check_envelope (root, 200, RUSHES_HTTP_SUBMIT, &error));
  g_assert_no_error (error);

  status = _rushes_wiro_parse_run (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->remote_id, ==, "2221");
  g_assert_cmpstr (status->remote_token, ==, "eDcCm5yyUfIvMFspTwww49OUfgXkQt");
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_QUEUED);
}

static void
test_parse_run_without_id (void)
{
  g_autoptr(JsonNode) root = parse ("{\"errors\": [], \"result\": true}");
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  /* Accepted but unidentifiable: the task may exist, so it is uncertain. */
  status = _rushes_wiro_parse_run (root, &error);
  g_assert_null (status);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
}

static void
assert_seed_detail (const char *text)
{
  g_autoptr(JsonNode) root = parse (text);
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (_rushes_wiro_check_envelope (root, 200, RUSHES_HTTP_READ, &error));
  status = _rushes_wiro_parse_task_list (root, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);

  g_assert_cmpstr (status->remote_id, ==, "534574");
  g_assert_cmpstr (status->remote_token, ==, "eDcCm5yyUfIvMFspTwww49OUfgXkQt");
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_SUCCEEDED);
  g_assert_true (status->terminal);
  g_assert_cmpfloat_with_epsilon (status->cost_usd, 0.00351, 1e-9);
  /* The seed's only output is a PNG: no video among the outputs. */
  g_assert_null (status->video_url);
}

static void
test_parse_detail_categories (void)
{
  assert_seed_detail (SEED_TASK ("task_postprocess_end", CATEGORIES_AS_PRINTED));
  assert_seed_detail (SEED_TASK ("task_postprocess_end", CATEGORIES_STRING));
  assert_seed_detail (SEED_TASK ("task_postprocess_end", CATEGORIES_ARRAY));
}

static void
test_parse_garbage (void)
{
  const char *garbage[] = {
    "",
    "not json at all",
    "{\"tasklist\": [",
    "<html><body>502 Bad Gateway</body></html>",
    "\"categories\": \"[\"",
  };
  const char *wrong_shapes[] = {
    "[]",
    "42",
    "{\"tasklist\": \"none\"}",
    "{\"tasklist\": [17]}",
    "{\"tasklist\": []}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = _rushes_wiro_parse_json (garbage[i], -1, &error);

      g_assert_null (root);
      g_assert_nonnull (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (wrong_shapes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = parse (wrong_shapes[i]);
      g_autoptr(RushesRemoteStatus) status = _rushes_wiro_parse_task_list (root, &error);

      g_assert_null (status);
      g_assert_nonnull (error);
      g_assert_true (error->domain == RUSHES_ERROR);
    }
}

static void
test_parse_states (void)
{
  const struct {
    const char        *status;
    RushesRemoteState  state;
    gboolean           terminal;
  } cases[] = {
    { "task_queue", RUSHES_REMOTE_STATE_QUEUED, FALSE },
    { "task_assign", RUSHES_REMOTE_STATE_QUEUED, FALSE },
    { "task_start", RUSHES_REMOTE_STATE_RUNNING, FALSE },
    { "task_output", RUSHES_REMOTE_STATE_RUNNING, FALSE },
    /* As Task/Detail's stored status, task_error is a fatal failure
     * before the task ran (Wiro's client: a terminal state). */
    { "task_error", RUSHES_REMOTE_STATE_FAILED, TRUE },
    { "task_error_full", RUSHES_REMOTE_STATE_RUNNING, FALSE },
    /* task_end is not an outcome: postprocessing still runs. */
    { "task_end", RUSHES_REMOTE_STATE_RUNNING, FALSE },
    { "task_postprocess_start", RUSHES_REMOTE_STATE_RUNNING, FALSE },
    { "task_postprocess_end", RUSHES_REMOTE_STATE_SUCCEEDED, TRUE },
    { "task_cancel", RUSHES_REMOTE_STATE_CANCELLED, TRUE },
    { "task_something_new", RUSHES_REMOTE_STATE_RUNNING, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"result\": true, \"errors\": [], \"tasklist\": "
                                               "[{\"id\": 7, \"status\": \"%s\", \"pexit\": \"0\", "
                                               "\"totalcost\": 0.5, \"outputs\": []}]}", cases[i].status);
      g_autoptr(JsonNode) root = parse (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(RushesRemoteStatus) status = _rushes_wiro_parse_task_list (root, &error);

      g_assert_no_error (error);
      g_assert_cmpint (status->state, ==, cases[i].state);
      g_assert_cmpint (status->terminal, ==, cases[i].terminal);
      /* Numbers where strings were documented are read the same. */
      g_assert_cmpstr (status->remote_id, ==, "7");
      g_assert_cmpfloat (status->cost_usd, ==, 0.5);
    }
}

static void
test_parse_outcome (void)
{
  g_autoptr(JsonNode) failed = parse ("{\"result\": true, \"errors\": [], \"tasklist\": [{\"id\": \"9\", "
                                      "\"status\": \"task_postprocess_end\", \"pexit\": \"1\", "
                                      "\"debugerror\": \"loading\\nCUDA out of memory\\n\", "
                                      "\"totalcost\": \"0\", \"outputs\": []}]}");
  g_autoptr(JsonNode) video = parse ("{\"result\": true, \"errors\": [], \"tasklist\": [{\"id\": \"9\", "
                                     "\"status\": \"task_postprocess_end\", \"pexit\": \"0\", "
                                     "\"totalcost\": \"0.140000000000\", \"outputs\": ["
                                     "{\"name\": \"0.png\", \"contenttype\": \"image/png\", \"url\": \"https://x/0.png\"},"
                                     "{\"name\": \"0.mp4\", \"contenttype\": \"video/mp4\", \"url\": \"https://x/0.mp4\"}]}]}");
  g_autoptr(RushesRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = _rushes_wiro_parse_task_list (failed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_FAILED);
  g_assert_true (status->terminal);
  g_assert_cmpfloat (status->cost_usd, ==, 0);
  g_assert_nonnull (strstr (status->message, "CUDA out of memory"));
  g_assert_nonnull (strstr (status->message, "exit code 1"));

  g_clear_pointer (&status, rushes_remote_status_free);
  status = _rushes_wiro_parse_task_list (video, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_SUCCEEDED);
  g_assert_cmpstr (status->video_url, ==, "https://x/0.mp4");
  g_assert_cmpfloat_with_epsilon (status->cost_usd, 0.14, 1e-9);
}

static void
assert_envelope (const char     *text,
                 guint           http_status,
                 RushesHttpKind  kind,
                 RushesError     code,
                 const char     *fragment)
{
  g_autoptr(JsonNode) root = parse (text);
  g_autoptr(GError) error = NULL;

  g_assert_false (_rushes_wiro_check_envelope (root, http_status, kind, &error));
  g_assert_error (error, RUSHES_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_envelope (void)
{
  assert_envelope ("{\"result\": false, \"errors\": [{\"code\": 97, \"message\": \"Insufficient balance\"}]}",
                   200, RUSHES_HTTP_SUBMIT, RUSHES_ERROR_AUTH, "insufficient balance");
  assert_envelope ("{\"result\": false, \"errors\": [{\"code\": \"96\", \"message\": \"Too many\"}]}",
                   200, RUSHES_HTTP_SUBMIT, RUSHES_ERROR_AUTH, "concurrency limit");
  assert_envelope ("{\"result\": false, \"errors\": [{\"code\": 98, \"message\": \"Sign in\"}]}",
                   200, RUSHES_HTTP_READ, RUSHES_ERROR_AUTH, "signing in");
  assert_envelope ("{\"result\": false, \"errors\": [{\"code\": 99, \"message\": \"Token invalid\"}]}",
                   401, RUSHES_HTTP_READ, RUSHES_ERROR_AUTH, "authorization");
  assert_envelope ("{\"message\": \"Unauthorized\"}", 401, RUSHES_HTTP_SUBMIT, RUSHES_ERROR_AUTH, "authorization");
  assert_envelope ("{\"result\": false, \"errors\": [{\"code\": 1, \"message\": \"Model not found\"}]}",
                   200, RUSHES_HTTP_SUBMIT, RUSHES_ERROR_FAILED, "retired");
  assert_envelope ("{\"result\": false, \"errors\": [{\"code\": 0, \"message\": \"seconds is invalid\"}]}",
                   200, RUSHES_HTTP_SUBMIT, RUSHES_ERROR_FAILED, "seconds is invalid");
  assert_envelope ("{\"result\": false, \"errors\": []}", 200, RUSHES_HTTP_READ, RUSHES_ERROR_PROTOCOL,
                   "no reason given");
}

/* Provider text is data: an error given as a bare string is cleaned too
 * (found by fuzz-wiro-answer). */
static void
test_envelope_text (void)
{
  g_autoptr(JsonNode) root = parse ("{\"result\": false, \"errors\": [\"Bad \\u001b[31mkey\\u0007\\n\"]}");
  g_autoptr(GError) error = NULL;

  g_assert_false (_rushes_wiro_check_envelope (root, 200, RUSHES_HTTP_READ, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "Wiro answered with an error: Bad key ");
}

static void
test_socket_messages (void)
{
  const char *token = "eDcCm5yyUfIvMFspTwww49OUfgXkQt";
  const char *ignored[] = {
    "{\"type\": \"connected\"}",
    "{\"type\": \"task_unheard_of\", \"message\": null}",
    "{\"type\": \"task_start\", \"tasktoken\": \"someone-else\", \"message\": null}",
    "{\"message\": \"no type\"}",
    "[1, 2, 3]",
    "garbage{",
    "",
  };
  g_autoptr(RushesRemoteStatus) status = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    g_assert_null (_rushes_wiro_parse_socket_message (ignored[i], strlen (ignored[i]), token));

#define FRAME(TYPE, MESSAGE) \
  "{\"type\": \"" TYPE "\", \"id\": \"534574\", \"tasktoken\": \"eDcCm5yyUfIvMFspTwww49OUfgXkQt\", " \
  "\"message\": " MESSAGE ", \"result\": true}"

  status = _rushes_wiro_parse_socket_message (FRAME ("task_queue", "null"), strlen (FRAME ("task_queue", "null")), token);
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_QUEUED);
  g_assert_false (status->terminal);
  g_clear_pointer (&status, rushes_remote_status_free);

  /* A log line (string message). */
  status = _rushes_wiro_parse_socket_message (FRAME ("task_output", "\"step 3 of 10\""),
                                              strlen (FRAME ("task_output", "\"step 3 of 10\"")), token);
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_RUNNING);
  g_assert_cmpstr (status->message, ==, "step 3 of 10");
  g_assert_cmpfloat (status->progress, <, 0);
  g_clear_pointer (&status, rushes_remote_status_free);

  /* progressGenerate, numbers as strings. */
#define PROGRESS "{\"type\": \"progressGenerate\", \"percentage\": \"60\", \"stepCurrent\": \"6\", \"stepTotal\": \"10\"}"
  status = _rushes_wiro_parse_socket_message (FRAME ("task_output", PROGRESS), strlen (FRAME ("task_output", PROGRESS)), token);
  g_assert_cmpfloat_with_epsilon (status->progress, 0.6, 1e-9);
  g_clear_pointer (&status, rushes_remote_status_free);

  /* {"raw": …} for the *_full types; stderr lines are not failures. */
  status = _rushes_wiro_parse_socket_message (FRAME ("task_error_full", "{\"raw\": \"warning\"}"),
                                              strlen (FRAME ("task_error_full", "{\"raw\": \"warning\"}")), token);
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_RUNNING);
  g_assert_false (status->terminal);
  g_clear_pointer (&status, rushes_remote_status_free);

  /* task_end is not the end. */
  status = _rushes_wiro_parse_socket_message (FRAME ("task_end", "null"), strlen (FRAME ("task_end", "null")), token);
  g_assert_false (status->terminal);
  g_clear_pointer (&status, rushes_remote_status_free);

  /* The outputs array at task_postprocess_end. */
#define OUTPUTS "[{\"name\": \"0.mp4\", \"contenttype\": \"video/mp4\", \"size\": \"123\", \"url\": \"https://cdn/0.mp4\"}]"
  status = _rushes_wiro_parse_socket_message (FRAME ("task_postprocess_end", OUTPUTS),
                                              strlen (FRAME ("task_postprocess_end", OUTPUTS)), token);
  g_assert_true (status->terminal);
  g_assert_cmpstr (status->video_url, ==, "https://cdn/0.mp4");
  g_clear_pointer (&status, rushes_remote_status_free);

  status = _rushes_wiro_parse_socket_message (FRAME ("task_cancel", "null"), strlen (FRAME ("task_cancel", "null")), token);
  g_assert_true (status->terminal);
  g_assert_cmpint (status->state, ==, RUSHES_REMOTE_STATE_CANCELLED);
}

static char *
nested (guint depth)
{
  GString *text = g_string_sized_new (depth * 2 + 8);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* json-glib parses recursively: 300,000 nested arrays in an answer or a
 * socket frame would overflow the stack and kill the process. */
static void
test_parse_deep (void)
{
  g_autofree char *deep = nested (300000);
  g_autofree char *frame = g_strdup_printf ("{\"type\":\"task_output\",\"message\":%s}", deep);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _rushes_wiro_parse_json (deep, -1, &error);
  g_autoptr(RushesRemoteStatus) status = NULL;

  g_assert_null (root);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);

  status = _rushes_wiro_parse_socket_message (frame, strlen (frame), "token");
  g_assert_null (status);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/wiro/signature", test_signature);
  g_test_add_func ("/rushes/wiro/parse-run", test_parse_run);
  g_test_add_func ("/rushes/wiro/parse-run-without-id", test_parse_run_without_id);
  g_test_add_func ("/rushes/wiro/parse-detail-categories", test_parse_detail_categories);
  g_test_add_func ("/rushes/wiro/parse-garbage", test_parse_garbage);
  g_test_add_func ("/rushes/wiro/parse-deep", test_parse_deep);
  g_test_add_func ("/rushes/wiro/parse-states", test_parse_states);
  g_test_add_func ("/rushes/wiro/parse-outcome", test_parse_outcome);
  g_test_add_func ("/rushes/wiro/envelope", test_envelope);
  g_test_add_func ("/rushes/wiro/envelope-text", test_envelope_text);
  g_test_add_func ("/rushes/wiro/socket-messages", test_socket_messages);

  return g_test_run ();
}
