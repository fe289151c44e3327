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

#define G_LOG_DOMAIN "test-fake-provider"

#include "config.h"

#include <string.h>

#include "test-fake-provider.h"

/* Reads what @stream has now, at most @max bytes; %NULL at its end. */
static GBytes *
read_some (GInputStream *stream,
           gsize         max)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_input_stream_read_bytes_async (stream, max, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = g_input_stream_read_bytes_finish (stream, result, &error);
  g_assert_no_error (error);
  if (g_bytes_get_size (bytes) == 0)
    g_clear_pointer (&bytes, g_bytes_unref);

  return bytes;
}

static GInputStream *
open_stream (Fixture      *f,
             SoupMessage  *msg,
             GCancellable *cancellable)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *stream;

  soup_session_send_async (f->session, msg, G_PRIORITY_DEFAULT, cancellable, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  stream = soup_session_send_finish (f->session, result, &error);
  g_assert_no_error (error);

  return stream;
}

static void
test_fault_download_html (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) video = NULL;
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_set_step_interval (f->provider, 1);
  token = run_task (f, "sora-2", NULL);
  url = wait_for_output_url (f, token);
  msg = soup_message_new (SOUP_METHOD_GET, url);

  /* Even a resuming client gets the whole page, with 200. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", "bytes=100-");
  rushes_fake_provider_add_fault (f->provider, "download-html");
  page = send_message (f, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "text/html");
  g_assert_cmpuint (g_bytes_get_size (page), ==, 39);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), 39, "Access denied"));

  video = download (f, url, NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (video, rushes_fake_provider_get_video_bytes (f->provider)));
}

static void
test_fault_download_stall (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) again = NULL;
  gsize received = 0;
  gint64 burst_time;

  rushes_fake_provider_set_output_size (f->provider, 4096);
  rushes_fake_provider_set_step_interval (f->provider, 1);
  token = run_task (f, "sora-2", NULL);
  url = wait_for_output_url (f, token);
  msg = soup_message_new (SOUP_METHOD_GET, url);

  /* The headers promise everything; the body comes 64 bytes, then a byte at a time. */
  rushes_fake_provider_add_fault (f->provider, "download-stall");
  stream = open_stream (f, msg, cancellable);
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (msg)), ==, 4096);
  while (received < 64)
    {
      g_autoptr(GBytes) bytes = read_some (stream, 4096);

      g_assert_nonnull (bytes);
      received += g_bytes_get_size (bytes);
    }
  burst_time = g_get_monotonic_time ();
  while (received < 66)
    {
      g_autoptr(GBytes) bytes = read_some (stream, 4096);

      g_assert_nonnull (bytes);
      received += g_bytes_get_size (bytes);
    }
  /* Two more bytes took at least one interval: a quarter of a second. */
  g_assert_cmpint (g_get_monotonic_time () - burst_time, >=, 250 * 1000);
  g_assert_cmpuint (received, <, 4096);

  /* The client gives up; the server goes on serving others. */
  g_cancellable_cancel (cancellable);
  g_clear_object (&stream);
  again = download (f, url, NULL, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (again), ==, 4096);
}

/* Terminal statuses ------------------------------------------------------ */

static void
test_wiro_task_error (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *kill = NULL;
  g_autoptr(SocketClient) client = NULL;
  g_autoptr(JsonNode) task = NULL;
  g_autoptr(JsonNode) refused = NULL;
  JsonObject *object;

  rushes_fake_provider_add_fault (f->provider, "task-error");
  token = run_task (f, "sora-2", &id);
  client = socket_follow (f, token);

  /* Task/Detail's stored status of a fatal failure before the task ran. */
  task = wait_for_status (f, token, "task_error");
  object = json_node_get_object (task);
  g_assert_nonnull (strstr (member_string (object, "debugerror"), "User has no output folder"));
  g_assert_cmpstr (member_string (object, "pexit"), ==, "");
  g_assert_cmpstr (member_string (object, "totalcost"), ==, "0");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "outputs")), ==, 0);
  /* The socket never says a word about it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (client->frames->len, ==, 0);
  g_assert_false (client->closed);

  /* Terminal: nothing to kill. */
  kill = g_strdup_printf ("{\"taskid\":\"%s\"}", id);
  refused = wiro_call (f, "/Task/Kill", kill);
  assert_wiro_error (refused, 1, "not in a cancellable state");
}

/* Nesting and size -------------------------------------------------------- */

static guint
count_char (GBytes *bytes,
            char    c)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  guint count = 0;

  for (gsize i = 0; i < size; i++)
    count += data[i] == c;

  return count;
}

/* Sends @msg and checks its answer is JSON nested 300,000 arrays deep
 * after @prefix, without ever parsing it. */
static void
assert_nested_answer (Fixture     *f,
                      SoupMessage *msg,
                      const char  *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = send_message (f, msg, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "application/json");
  g_assert_cmpuint (g_bytes_get_size (body), >, 600000);
  g_assert_true (memcmp (g_bytes_get_data (body, NULL), prefix, strlen (prefix)) == 0);
  g_assert_cmpuint (count_char (body, '['), >=, 300000);
  g_assert_cmpuint (count_char (body, '['), ==, count_char (body, ']'));
}

static SoupMessage *
bearer_message (Fixture    *f,
                const char *provider,
                const char *path)
{
  g_autofree char *base = rushes_fake_provider_get_base_url (f->provider, provider);
  g_autofree char *url = g_strconcat (base, path, NULL);
  SoupMessage *msg = soup_message_new (SOUP_METHOD_GET, url);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " BEARER_KEY);

  return msg;
}

static char *
apixo_submit (Fixture *f)
{
  g_autoptr(JsonNode) root = bearer_call (f, "apixo", SOUP_METHOD_POST, "/generateTask/kling-2-6",
                                          "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"x\"}}",
                                          BEARER_KEY, SOUP_STATUS_OK);

  return g_strdup (member_string (envelope_data (root, 200), "taskId"));
}

static void
test_fault_deep_nesting (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autofree char *json = g_strdup_printf ("{\"tasktoken\":\"%s\"}", token);
  g_autofree char *prediction = wavespeed_submit (f, "openai/sora-2", "{\"prompt\":\"x\"}");
  g_autofree char *result = g_strdup_printf ("/predictions/%s/result", prediction);
  g_autofree char *task_id = apixo_submit (f);
  g_autofree char *status = g_strdup_printf ("/statusTask/kling-2-6?taskId=%s", task_id);
  g_autoptr(SoupMessage) wiro = json_message_new (f, "/Task/Detail", json);
  g_autoptr(SoupMessage) wavespeed = bearer_message (f, "wavespeed", result);
  g_autoptr(SoupMessage) apixo = bearer_message (f, "apixo", status);
  g_autoptr(SocketClient) client = NULL;
  gsize size;
  const char *frame;

  rushes_fake_provider_add_fault (f->provider, "status-deep-nesting*3");
  assert_nested_answer (f, wiro, "{\"total\":\"1\",\"errors\":[],\"tasklist\":[[[[");
  assert_nested_answer (f, wavespeed, "{\"code\":200,\"message\":\"success\",\"data\":[[[[");
  assert_nested_answer (f, apixo, "{\"code\":200,\"message\":\"success\",\"data\":[[[[");

  /* A socket frame too: larger than libsoup's default limit of 128 KiB,
   * so this client lifts it. */
  rushes_fake_provider_add_fault (f->provider, "socket-deep-nesting");
  client = socket_follow (f, token);
  soup_websocket_connection_set_max_incoming_payload_size (client->connection, 0);
  socket_wait_for_frame (client, "<large>");
  frame = g_bytes_get_data (client->large, &size);
  g_assert_true (g_str_has_prefix (frame, "{\"type\":\"task_output\""));
  g_assert_cmpuint (count_char (client->large, '['), ==, 300000);
  g_assert_true (g_str_has_suffix (frame + size - 20, ",\"result\":true}") || memcmp (frame + size - 15, ",\"result\":true}", 15) == 0);
}

static void
test_fault_status_huge (Fixture       *f,
                        gconstpointer  data)
{
  static const char prefix[] = "{\"code\":200,\"message\":\"success\",\"data\":";
  g_autofree char *prediction = wavespeed_submit (f, "openai/sora-2", "{\"prompt\":\"x\"}");
  g_autofree char *result = g_strdup_printf ("/predictions/%s/result", prediction);
  g_autoptr(SoupMessage) msg = bearer_message (f, "wavespeed", result);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) start = g_byte_array_new ();
  g_autoptr(JsonNode) after = NULL;
  SoupMessageHeaders *headers;
  gsize received = 0;

  /* No Content-Length warns the client: it has to stop reading itself. */
  rushes_fake_provider_add_fault (f->provider, "status-huge");
  stream = open_stream (f, msg, cancellable);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  headers = soup_message_get_response_headers (msg);
  g_assert_cmpint (soup_message_headers_get_encoding (headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, 0);

  while (received < 8 * 1024 * 1024)
    {
      g_autoptr(GBytes) bytes = read_some (stream, 256 * 1024);

      g_assert_nonnull (bytes);
      if (start->len < 4096)
        g_byte_array_append (start, g_bytes_get_data (bytes, NULL), MIN (4096, g_bytes_get_size (bytes)));
      received += g_bytes_get_size (bytes);
    }
  g_assert_true (memcmp (start->data, prefix, strlen (prefix)) == 0);
  for (guint i = strlen (prefix); i < start->len; i++)
    g_assert_cmpint (start->data[i], ==, ' ');

  g_cancellable_cancel (cancellable);
  g_clear_object (&stream);
  after = bearer_call (f, "wavespeed", SOUP_METHOD_GET, result, NULL, BEARER_KEY, SOUP_STATUS_OK);
  envelope_data (after, 200);
}

/* Redirects --------------------------------------------------------------- */

static void
test_fault_redirect (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autofree char *json = g_strdup_printf ("{\"tasktoken\":\"%s\"}", token);
  g_autofree char *prediction = wavespeed_submit (f, "openai/sora-2", "{\"prompt\":\"x\"}");
  g_autofree char *result = g_strdup_printf ("/predictions/%s/result", prediction);
  g_autoptr(SoupMessage) detail = json_message_new (f, "/Task/Detail", json);
  g_autoptr(SoupMessage) status = bearer_message (f, "wavespeed", result);
  g_autoptr(SoupMessage) followed = NULL;
  g_autoptr(SoupMessage) leaked = NULL;
  g_autoptr(SoupMessage) again = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) task = NULL;
  g_autoptr(GUri) location = NULL;
  g_autofree char *expected = NULL;

  /* To the same path on another host name of the same server. */
  soup_message_add_flags (detail, SOUP_MESSAGE_NO_REDIRECT);
  rushes_fake_provider_add_fault (f->provider, "redirect-302");
  body = send_message (f, detail, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (detail), ==, SOUP_STATUS_FOUND);
  location = g_uri_parse (soup_message_headers_get_one (soup_message_get_response_headers (detail), "Location"),
                          G_URI_FLAGS_ENCODED, NULL);
  g_assert_cmpstr (g_uri_get_host (location), ==, "localhost");
  g_assert_cmpstr (g_uri_get_path (location), ==, "/wiro/v1/Task/Detail");

  soup_message_add_flags (status, SOUP_MESSAGE_NO_REDIRECT);
  rushes_fake_provider_add_fault (f->provider, "redirect-303");
  other = send_message (f, status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (status), ==, SOUP_STATUS_SEE_OTHER);
  expected = g_strdup_printf ("%s%s", "/wavespeed/api/v3", result);
  g_uri_unref (g_steal_pointer (&location));
  location = g_uri_parse (soup_message_headers_get_one (soup_message_get_response_headers (status), "Location"),
                          G_URI_FLAGS_ENCODED, NULL);
  g_assert_cmpstr (g_uri_get_path (location), ==, expected);
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->provider, NULL), ==, 0);

  /* A client that follows with its keys: the other host answers the same
   * API, and the log says which credentials arrived there. */
  {
    g_autofree char *url = g_uri_to_string (location);
    g_autoptr(GBytes) answer = NULL;

    leaked = soup_message_new (SOUP_METHOD_GET, url);
    soup_message_headers_replace (soup_message_get_request_headers (leaked), "Authorization", "Bearer " BEARER_KEY);
    answer = send_message (f, leaked, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (leaked), ==, SOUP_STATUS_OK);
  }
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->provider, NULL), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->provider, "Authorization"), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->provider, "x-api-key"), ==, 0);

  /* A request to the other host is never sent further. */
  rushes_fake_provider_add_fault (f->provider, "redirect-302");
  {
    g_autofree char *url = g_strdup_printf ("http://localhost:%d/wiro/v1/Task/Detail", g_uri_get_port (location));
    g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
    g_autoptr(JsonNode) root = NULL;

    followed = soup_message_new (SOUP_METHOD_POST, url);
    soup_message_set_request_body_from_bytes (followed, "application/json", request);
    sign_message (followed, KEY, SECRET);
    root = send_json (f, followed, SOUP_STATUS_OK);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "result"));
  }
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->provider, "x-signature"), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_foreign_requests (f->provider, NULL), ==, 2);

  /* The fault waits for a request to the usual host. */
  again = json_message_new (f, "/Task/Detail", json);
  soup_message_add_flags (again, SOUP_MESSAGE_NO_REDIRECT);
  g_clear_pointer (&body, g_bytes_unref);
  body = send_message (f, again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (again), ==, SOUP_STATUS_FOUND);
  task = get_detail (f, token);
}

/* Outputs ---------------------------------------------------------------- */

static void
test_fault_output_size_mismatch (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *announced = NULL;
  g_autoptr(JsonNode) task = NULL;
  g_autoptr(GBytes) video = NULL;
  JsonObject *output;
  gsize served = g_bytes_get_size (rushes_fake_provider_get_video_bytes (f->provider));

  rushes_fake_provider_set_step_interval (f->provider, 1);
  rushes_fake_provider_add_fault (f->provider, "output-size-mismatch");
  token = run_task (f, "sora-2", NULL);
  task = wait_for_status (f, token, "task_postprocess_end");
  output = json_array_get_object_element (json_object_get_array_member (json_node_get_object (task), "outputs"), 0);
  announced = g_strdup_printf ("%zu", served + 65536);
  g_assert_cmpstr (member_string (output, "size"), ==, announced);
  g_assert_cmpstr (member_string (json_node_get_object (task), "size"), ==, announced);

  video = download (f, member_string (output, "url"), NULL, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (video), ==, served);
}

static void
test_fault_output_file_url (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *prediction = NULL;
  g_autofree char *result = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *status = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autoptr(JsonNode) success = NULL;
  g_autoptr(JsonNode) urls = NULL;

  rushes_fake_provider_set_step_interval (f->provider, 1);
  rushes_fake_provider_add_fault (f->provider, "output-file-url*2");
  prediction = wavespeed_submit (f, "openai/sora-2", "{\"prompt\":\"x\"}");
  result = g_strdup_printf ("/predictions/%s/result", prediction);
  done = bearer_wait (f, "wavespeed", result, "status", "completed");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (envelope_data (done, 200), "outputs"), 0),
                   ==, "file:///etc/passwd");

  task_id = apixo_submit (f);
  status = g_strdup_printf ("/statusTask/kling-2-6?taskId=%s", task_id);
  success = bearer_wait (f, "apixo", status, "state", "success");
  urls = json_from_string (member_string (envelope_data (success, 200), "resultJson"), NULL);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_node_get_object (urls), "resultUrls"), 0),
                   ==, "file:///etc/passwd");
}

/* Messages --------------------------------------------------------------- */

static void
assert_hostile (const char *text)
{
  g_assert_nonnull (strstr (text, "\x1b[2J"));
  g_assert_nonnull (strstr (text, "\x1b]0;"));
  g_assert_nonnull (strchr (text, '\r'));
  g_assert_nonnull (strchr (text, '\b'));
}

static void
test_fault_hostile_messages (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) envelope_refused = NULL;
  g_autofree char *token = NULL;
  g_autofree char *prediction = NULL;
  g_autofree char *result = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *status = NULL;
  g_autoptr(SocketClient) client = NULL;
  g_autoptr(JsonNode) task = NULL;
  g_autoptr(JsonNode) failed = NULL;
  g_autoptr(JsonNode) apixo_failed = NULL;
  JsonObject *error;

  rushes_fake_provider_set_step_interval (f->provider, 1);
  rushes_fake_provider_add_fault (f->provider, "submit-error-hostile");
  refused = wiro_call (f, "/Run/openai/sora-2", "{\"prompt\":\"x\"}");
  error = json_array_get_object_element (json_object_get_array_member (json_node_get_object (refused), "errors"), 0);
  assert_hostile (member_string (error, "message"));

  rushes_fake_provider_add_fault (f->provider, "submit-error-hostile");
  envelope_refused = bearer_call (f, "apixo", SOUP_METHOD_POST, "/generateTask/kling-2-6",
                                  "{\"input\":{\"prompt\":\"x\"}}", BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  assert_hostile (member_string (json_node_get_object (envelope_refused), "message"));
  assert_hostile (member_string (envelope_data (envelope_refused, 400), "error"));

  /* Wiro: a failed run whose error lines would take over a terminal. */
  rushes_fake_provider_add_fault (f->provider, "task-failed-hostile");
  token = run_task (f, "sora-2", NULL);
  client = socket_follow (f, token);
  task = wait_for_status (f, token, "task_postprocess_end");
  g_assert_cmpstr (member_string (json_node_get_object (task), "pexit"), ==, "1");
  assert_hostile (member_string (json_node_get_object (task), "debugerror"));
  socket_wait_for_frame (client, "task_error");
  for (guint i = 0; i < client->frames->len; i++)
    {
      JsonNode *frame = g_ptr_array_index (client->frames, i);

      if (g_str_equal (frame_type (frame), "task_error"))
        assert_hostile (member_string (json_node_get_object (frame), "message"));
    }

  rushes_fake_provider_add_fault (f->provider, "task-failed-hostile");
  prediction = wavespeed_submit (f, "openai/sora-2", "{\"prompt\":\"x\"}");
  result = g_strdup_printf ("/predictions/%s/result", prediction);
  failed = bearer_wait (f, "wavespeed", result, "status", "failed");
  assert_hostile (member_string (envelope_data (failed, 200), "error"));

  rushes_fake_provider_add_fault (f->provider, "task-failed-hostile");
  task_id = apixo_submit (f);
  status = g_strdup_printf ("/statusTask/kling-2-6?taskId=%s", task_id);
  apixo_failed = bearer_wait (f, "apixo", status, "state", "failed");
  assert_hostile (member_string (envelope_data (apixo_failed, 200), "failMsg"));
}

void
test_fake_provider_add_hostile_tests (void)
{
  ADD_TEST ("wiro/task-error", test_wiro_task_error);
  ADD_TEST ("fault/deep-nesting", test_fault_deep_nesting);
  ADD_TEST ("fault/status-huge", test_fault_status_huge);
  ADD_TEST ("fault/redirect", test_fault_redirect);
  ADD_TEST ("fault/output-size-mismatch", test_fault_output_size_mismatch);
  ADD_TEST ("fault/output-file-url", test_fault_output_file_url);
  ADD_TEST ("fault/hostile-messages", test_fault_hostile_messages);
  ADD_TEST ("fault/download-html", test_fault_download_html);
  ADD_TEST ("fault/download-stall", test_fault_download_stall);
}
