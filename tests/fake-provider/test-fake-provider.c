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

static const char * const lifecycle[] = {
  "task_queue",
  "task_accept",
  "task_preprocess_start",
  "task_preprocess_end",
  "task_assign",
  "task_start",
  "task_output_full",
  "task_end",
  "task_postprocess_start",
  "task_postprocess_end",
  NULL
};

static void
test_run_multipart (Fixture       *f,
                    gconstpointer  data)
{
  static const guint8 image_data[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d };
  g_autoptr(GBytes) image = g_bytes_new_static (image_data, sizeof image_data);
  g_autofree char *url = g_strconcat (f->base_url, "/Run/openai/sora-2", NULL);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image);
  g_autofree char *file_summary = g_strdup_printf ("file:start.png:%zu:%s", sizeof image_data, sha256);
  g_autofree char *api_key = NULL;
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) task = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GBytes) served = NULL;
  JsonObject *object;
  JsonObject *parameters;
  const char *token;

  soup_multipart_append_form_string (multipart, "prompt", "She turns around and smiles");
  soup_multipart_append_form_string (multipart, "seconds", "8");
  soup_multipart_append_form_string (multipart, "resolution", "720p");
  soup_multipart_append_form_string (multipart, "ratio", "9:16");
  soup_multipart_append_form_file (multipart, "inputImage", "start.png", "image/png", image);
  msg = soup_message_new_from_multipart (url, multipart);
  sign_message (msg, KEY, SECRET);

  root = send_json (f, msg, SOUP_STATUS_OK);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "result"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "errors")), ==, 0);
  g_assert_true (g_ascii_string_to_unsigned (member_string (object, "taskid"), 10, 1, G_MAXUINT64, NULL, NULL));
  token = member_string (object, "socketaccesstoken");
  g_assert_cmpuint (strlen (token), ==, 30);

  fields = rushes_fake_provider_dup_last_fields (f->provider, "/Run/openai/sora-2");
  g_assert_cmpstr (g_hash_table_lookup (fields, "prompt"), ==, "She turns around and smiles");
  g_assert_cmpstr (g_hash_table_lookup (fields, "seconds"), ==, "8");
  g_assert_cmpstr (g_hash_table_lookup (fields, "ratio"), ==, "9:16");
  g_assert_cmpstr (g_hash_table_lookup (fields, "inputImage"), ==, file_summary);
  api_key = rushes_fake_provider_dup_last_header (f->provider, "/Run/openai/sora-2", "X-Api-Key");
  g_assert_cmpstr (api_key, ==, KEY);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->provider, "/Run/openai/sora-2"), ==, 1);

  /* Like Wiro, the uploaded image comes back as a URL. */
  task = get_detail (f, token);
  parameters = json_object_get_object_member (json_node_get_object (task), "parameters");
  g_assert_cmpstr (member_string (parameters, "prompt"), ==, "She turns around and smiles");
  served = download (f, member_string (parameters, "inputImage"), NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (served, image));
}

static void
test_run_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) fields = NULL;

  /* The official client sends JSON; numbers for strings must be tolerated. */
  root = wiro_call (f, "/Run/openai/sora-2-pro",
                    "{\"prompt\":\"Rain on a window\",\"seconds\":12,\"resolution\":\"1080p\","
                    "\"ratio\":\"auto\",\"inputImage\":[\"https://example.com/a.png\"]}");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "result"));

  fields = rushes_fake_provider_dup_last_fields (f->provider, "/Run/openai/sora-2-pro");
  g_assert_cmpstr (g_hash_table_lookup (fields, "prompt"), ==, "Rain on a window");
  g_assert_cmpstr (g_hash_table_lookup (fields, "seconds"), ==, "12");
  g_assert_cmpstr (g_hash_table_lookup (fields, "inputImage"), ==, "[\"https://example.com/a.png\"]");
  g_assert_null (rushes_fake_provider_dup_last_fields (f->provider, "/Run/openai/sora-2"));
}

static void
test_signature_vector (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base_url, "/Tool/Detail", NULL);
  static const char json[] = "{\"slugowner\":\"openai\",\"slugproject\":\"sora-2\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(SoupMessage) good = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(SoupMessage) bad = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(JsonNode) accepted = NULL;
  g_autoptr(JsonNode) rejected = NULL;

  /* The seed's openssl recipe is the reference, not GLib's HMAC. */
  soup_message_set_request_body_from_bytes (good, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (good), "x-api-key", KEY);
  soup_message_headers_replace (soup_message_get_request_headers (good), "x-nonce", VECTOR_NONCE);
  soup_message_headers_replace (soup_message_get_request_headers (good), "x-signature", VECTOR_SIGNATURE);
  accepted = send_json (f, good, SOUP_STATUS_OK);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (accepted), "result"));

  soup_message_set_request_body_from_bytes (bad, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (bad), "x-api-key", KEY);
  soup_message_headers_replace (soup_message_get_request_headers (bad), "x-nonce", "1734513808");
  soup_message_headers_replace (soup_message_get_request_headers (bad), "x-signature", VECTOR_SIGNATURE);
  rejected = send_json (f, bad, SOUP_STATUS_UNAUTHORIZED);
  assert_wiro_error (rejected, 99, "authorization");
}

static void
test_bad_auth (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base_url, "/Run/openai/sora-2", NULL);
  static const char json[] = "{\"prompt\":\"x\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  const struct {
    const char *key;
    const char *secret;
    gboolean    key_only_project;
    guint       status;
  } cases[] = {
    { KEY, "wrong-secret", FALSE, SOUP_STATUS_UNAUTHORIZED },
    { "wrong-key", SECRET, FALSE, SOUP_STATUS_UNAUTHORIZED },
    { KEY, NULL, FALSE, SOUP_STATUS_UNAUTHORIZED },
    { NULL, NULL, FALSE, SOUP_STATUS_UNAUTHORIZED },
    { KEY, SECRET, FALSE, SOUP_STATUS_OK },
    { KEY, NULL, TRUE, SOUP_STATUS_OK },
    { "wrong-key", NULL, TRUE, SOUP_STATUS_UNAUTHORIZED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
      g_autoptr(JsonNode) root = NULL;

      rushes_fake_provider_set_wiro_credentials (f->provider, KEY, cases[i].key_only_project ? NULL : SECRET);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      if (cases[i].secret != NULL)
        sign_message (msg, cases[i].key, cases[i].secret);
      else if (cases[i].key != NULL)
        soup_message_headers_replace (headers, "x-api-key", cases[i].key);

      root = send_json (f, msg, cases[i].status);
      if (cases[i].status == SOUP_STATUS_UNAUTHORIZED)
        assert_wiro_error (root, 99, "authorization");
      else
        g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "result"));
    }
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  const struct {
    const char *path;
    const char *body;
    const char *field;
  } cases[] = {
    { "/Run/openai/sora-2", "{\"seconds\":\"4\"}", "[prompt]" },
    { "/Run/openai/sora-2", "{\"prompt\":\"\"}", "[prompt]" },
    { "/Run/openai/sora-2", "{\"prompt\":\"x\",\"seconds\":\"5\"}", "[seconds]" },
    { "/Run/openai/sora-2", "{\"prompt\":\"x\",\"resolution\":\"1080p\"}", "[resolution]" },
    { "/Run/openai/sora-2-pro", "{\"prompt\":\"x\",\"resolution\":\"4k\"}", "[resolution]" },
    { "/Run/openai/sora-2", "{\"prompt\":\"x\",\"ratio\":\"4:3\"}", "[ratio]" },
    { "/Run/openai/sora-2", "{\"prompt\":\"x\",\"inputImage\":\"not a url\"}", "[inputImage]" },
    { "/Run/openai/sora-2", "{\"prompt\":\"x\",\"inputImage\":[\"https://a/1.png\",\"https://a/2.png\"]}", "[inputImage]" },
  };
  g_autofree char *url = g_strconcat (f->base_url, "/Run/openai/sora-2", NULL);
  g_autoptr(GBytes) image = g_bytes_new_static ("image", 5);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) two_files = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) unlisted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = wiro_call (f, cases[i].path, cases[i].body);

      assert_wiro_error (root, 0, cases[i].field);
    }

  soup_multipart_append_form_string (multipart, "prompt", "x");
  soup_multipart_append_form_file (multipart, "inputImage", "a.png", "image/png", image);
  soup_multipart_append_form_string (multipart, "inputImage", "https://example.com/b.png");
  msg = soup_message_new_from_multipart (url, multipart);
  sign_message (msg, KEY, SECRET);
  two_files = send_json (f, msg, SOUP_STATUS_OK);
  assert_wiro_error (two_files, 0, "[inputImage]");

  /* Every listed model is judged by the schema Tool/Detail serves for it;
   * a model the catalog does not list is taken as sent. */
  listed = wiro_call (f, "/Run/google/veo3-1", "{\"prompt\":\"x\",\"durationSeconds\":\"6\"}");
  assert_wiro_error (listed, 0, "[generateAudio]");
  unlisted = wiro_call (f, "/Run/someone/new-model", "{\"anything\":\"x\"}");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (unlisted), "result"));
}

static void
test_detail_lifecycle (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const string_members[] = {
    "id", "uuid", "socketaccesstoken", "status", "pexit", "totalcost", "cps", "starttime",
    "endtime", "elapsedseconds", "createtime", "canceltime", "categories", "size",
  };
  g_autofree char *id = NULL;
  g_autofree char *token = run_task (f, "sora-2", &id);
  g_autofree char *by_id = g_strdup_printf ("{\"taskid\":\"%s\"}", id);
  g_autoptr(JsonNode) first = get_detail (f, token);
  g_autoptr(JsonNode) task = wait_for_status (f, token, "task_postprocess_end");
  g_autoptr(JsonNode) categories = NULL;
  g_autoptr(JsonNode) same = NULL;
  g_autoptr(GBytes) video = NULL;
  g_autofree char *size = NULL;
  JsonObject *object = json_node_get_object (task);
  JsonObject *output;

  g_assert_cmpstr (member_string (json_node_get_object (first), "status"), !=, "task_postprocess_end");
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    member_string (object, string_members[i]);
  g_assert_cmpstr (member_string (object, "id"), ==, id);
  g_assert_cmpstr (member_string (object, "pexit"), ==, "0");
  g_assert_cmpstr (member_string (object, "totalcost"), ==, "0.140000000000");
  g_assert_true (json_node_is_null (json_object_get_member (object, "guestid")));

  /* A JSON-encoded string, not an array. */
  categories = json_from_string (member_string (object, "categories"), NULL);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (categories));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "outputs")), ==, 1);
  output = json_array_get_object_element (json_object_get_array_member (object, "outputs"), 0);
  size = g_strdup_printf ("%zu", g_bytes_get_size (rushes_fake_provider_get_video_bytes (f->provider)));
  g_assert_cmpstr (member_string (output, "contenttype"), ==, "video/mp4");
  g_assert_cmpstr (member_string (output, "size"), ==, size);
  g_assert_cmpuint (strlen (member_string (output, "id")), ==, 32);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (output, "ispublic")), ==, G_TYPE_INT64);
  g_assert_true (g_str_has_prefix (member_string (output, "url"), "http://127.0.0.1:"));

  video = download (f, member_string (output, "url"), NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (video, rushes_fake_provider_get_video_bytes (f->provider)));

  same = wiro_call (f, "/Task/Detail", by_id);
  g_assert_cmpstr (member_string (json_array_get_object_element (json_object_get_array_member (json_node_get_object (same), "tasklist"), 0), "socketaccesstoken"),
                   ==, token);
}

static void
test_socket_frames (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *token = run_task (f, "sora-2", &id);
  g_autoptr(SocketClient) client = socket_follow (f, token);
  g_autofree char *url = NULL;
  g_autofree char *detail_url = NULL;
  guint next = 0;
  gboolean saw_progress = FALSE;
  gboolean saw_log = FALSE;
  JsonNode *message;

  socket_wait_for_frame (client, "task_postprocess_end");

  for (guint i = 0; i < client->frames->len; i++)
    {
      JsonObject *frame = json_node_get_object (g_ptr_array_index (client->frames, i));
      const char *type = member_string (frame, "type");

      g_assert_cmpstr (member_string (frame, "id"), ==, id);
      g_assert_cmpstr (member_string (frame, "tasktoken"), ==, token);
      g_assert_true (json_object_get_boolean_member (frame, "result"));
      message = json_object_get_member (frame, "message");
      g_assert_nonnull (message);

      if (g_str_equal (type, "task_output"))
        {
          g_assert_cmpstr (lifecycle[next - 1], ==, "task_start");
          if (JSON_NODE_HOLDS_OBJECT (message))
            {
              JsonObject *progress = json_node_get_object (message);

              g_assert_cmpstr (member_string (progress, "type"), ==, "progressGenerate");
              g_assert_cmpstr (member_string (progress, "stepTotal"), ==, "10");
              if (g_str_equal (member_string (progress, "percentage"), "20"))
                g_assert_cmpstr (member_string (progress, "stepCurrent"), ==, "2");
              saw_progress = TRUE;
            }
          else
            {
              g_assert_cmpint (json_node_get_value_type (message), ==, G_TYPE_STRING);
              saw_log = TRUE;
            }
          continue;
        }

      g_assert_cmpstr (type, ==, lifecycle[next++]);
      if (g_str_equal (type, "task_output_full"))
        member_string (json_node_get_object (message), "raw");
      else if (g_str_equal (type, "task_postprocess_end"))
        {
          JsonObject *output = json_array_get_object_element (json_node_get_array (message), 0);

          g_assert_cmpstr (member_string (output, "contenttype"), ==, "video/mp4");
          url = g_strdup (member_string (output, "url"));
        }
      else
        g_assert_true (JSON_NODE_HOLDS_NULL (message));
    }

  g_assert_null (lifecycle[next]);
  g_assert_true (saw_progress);
  g_assert_true (saw_log);
  detail_url = wait_for_output_url (f, token);
  g_assert_cmpstr (url, ==, detail_url);
}

static void
test_cancel_queued (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *by_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(SocketClient) client = NULL;
  JsonObject *object;
  JsonObject *task;

  rushes_fake_provider_set_step_interval (f->provider, 60 * 1000);
  token = run_task (f, "sora-2", &id);
  by_id = g_strdup_printf ("{\"taskid\":\"%s\"}", id);

  /* The seed's form: {"taskid"} */
  root = wiro_call (f, "/Task/Cancel", by_id);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "result"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "errors")), ==, 0);
  g_assert_false (json_object_has_member (object, "total"));
  task = json_array_get_object_element (json_object_get_array_member (object, "tasklist"), 0);
  g_assert_cmpstr (member_string (task, "status"), ==, "task_cancel");
  g_assert_cmpstr (member_string (task, "canceltime"), !=, "0");

  again = wiro_call (f, "/Task/Cancel", by_id);
  assert_wiro_error (again, 1, "cancellable");

  client = socket_follow (f, token);
  socket_wait_for_frame (client, "task_cancel");
  g_assert_cmpstr (frame_type (g_ptr_array_index (client->frames, 0)), ==, "task_queue");
}

static void
test_kill_running (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *by_token = NULL;
  g_autoptr(JsonNode) running = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) killed = NULL;
  g_autoptr(JsonNode) task = NULL;
  JsonObject *object;

  token = run_task (f, "sora-2", NULL);
  by_token = g_strdup_printf ("{\"tasktoken\":\"%s\"}", token);
  running = wait_for_status (f, token, "task_start");
  rushes_fake_provider_set_step_interval (f->provider, 60 * 1000);

  refused = wiro_call (f, "/Task/Cancel", by_token);
  assert_wiro_error (refused, 1, "cancellable");

  /* The docs' form: {"tasktoken"} */
  killed = wiro_call (f, "/Task/Kill", by_token);
  object = json_node_get_object (killed);
  g_assert_true (json_object_get_boolean_member (object, "result"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "errors")), ==, 0);
  g_assert_cmpstr (member_string (json_array_get_object_element (json_object_get_array_member (object, "tasklist"), 0), "status"),
                   ==, "task_cancel");

  task = get_detail (f, token);
  g_assert_cmpstr (member_string (json_node_get_object (task), "status"), ==, "task_cancel");
}

static void
test_fault_submit_errors (Fixture       *f,
                          gconstpointer  data)
{
  const struct {
    const char *fault;
    guint       status;
    gint64      code;
  } cases[] = {
    { "submit-401", SOUP_STATUS_UNAUTHORIZED, 99 },
    { "submit-error-97", SOUP_STATUS_OK, 97 },
    { "submit-error-96", SOUP_STATUS_OK, 96 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = json_message_new (f, "/Run/openai/sora-2", "{\"prompt\":\"x\"}");
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *token = NULL;

      rushes_fake_provider_add_fault (f->provider, cases[i].fault);
      root = send_json (f, msg, cases[i].status);
      assert_wiro_error (root, cases[i].code, "");

      /* Once only. */
      token = run_task (f, "sora-2", NULL);
    }

  rushes_fake_provider_add_fault (f->provider, "submit-error-97*2");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) root = wiro_call (f, "/Run/openai/sora-2", "{\"prompt\":\"x\"}");

      assert_wiro_error (root, 97, "Insufficient balance");
    }
  g_free (run_task (f, "sora-2", NULL));
}

static void
test_fault_submit_network (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SoupMessage) dropped = json_message_new (f, "/Run/openai/sora-2", "{\"prompt\":\"x\"}");
  g_autoptr(SoupMessage) unanswered = json_message_new (f, "/Run/openai/sora-2", "{\"prompt\":\"x\"}");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  rushes_fake_provider_add_fault (f->provider, "submit-drop");
  body = send_message (f, dropped, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
  /* A POST is not replayed on a dropped connection. */
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->provider, "/Run/openai/sora-2"), ==, 1);
  g_clear_error (&error);

  rushes_fake_provider_add_fault (f->provider, "submit-no-answer");
  soup_session_send_and_read_async (f->session, unanswered, G_PRIORITY_DEFAULT, cancellable,
                                    store_result_cb, &result);
  while (rushes_fake_provider_count_requests (f->provider, "/Run/openai/sora-2") < 2)
    g_main_context_iteration (NULL, TRUE);
  iterate_for (200);
  g_assert_null (result);

  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (soup_session_send_and_read_finish (f->session, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_free (run_task (f, "sora-2", NULL));
}

static void
test_fault_status (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autofree char *json = g_strdup_printf ("{\"tasktoken\":\"%s\"}", token);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) task = NULL;
  const struct {
    const char *fault;
    guint       status;
  } cases[] = {
    { "status-429*2", 429 },
    { NULL, 429 },
    { "status-500", SOUP_STATUS_INTERNAL_SERVER_ERROR },
    { "status-malformed", SOUP_STATUS_OK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = json_message_new (f, "/Task/Detail", json);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].fault != NULL)
        rushes_fake_provider_add_fault (f->provider, cases[i].fault);
      body = send_message (f, msg, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);

      if (cases[i].status == 429)
        g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"), ==, "1");
      else
        g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
    }

  task = get_detail (f, token);
}

static void
test_fault_pexit (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autoptr(SocketClient) client = NULL;
  g_autoptr(JsonNode) task = NULL;
  JsonObject *object;

  rushes_fake_provider_add_fault (f->provider, "pexit-1");
  token = run_task (f, "sora-2", NULL);
  client = socket_follow (f, token);
  socket_wait_for_frame (client, "task_postprocess_end");
  g_assert_true (socket_has_frame (client, "task_error"));
  g_assert_true (socket_has_frame (client, "task_error_full"));

  task = get_detail (f, token);
  object = json_node_get_object (task);
  g_assert_cmpstr (member_string (object, "status"), ==, "task_postprocess_end");
  g_assert_cmpstr (member_string (object, "pexit"), ==, "1");
  g_assert_cmpstr (member_string (object, "totalcost"), ==, "0");
  g_assert_cmpstr (member_string (object, "debugerror"), !=, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "outputs")), ==, 0);
}

static void
test_fault_socket_refuse (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SocketClient) refused = NULL;
  g_autoptr(SocketClient) accepted = NULL;

  rushes_fake_provider_add_fault (f->provider, "socket-refuse");
  refused = socket_connect (f, &error);
  g_assert_null (refused);
  g_assert_error (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET);
  g_clear_error (&error);

  accepted = socket_connect (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->provider, "/wiro/socket"), ==, 2);
}

static void
test_fault_socket_drop (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autoptr(SocketClient) client = NULL;
  g_autoptr(JsonNode) task = NULL;
  JsonNode *last;

  rushes_fake_provider_add_fault (f->provider, "socket-drop");
  token = run_task (f, "sora-2", NULL);
  client = socket_follow (f, token);
  while (!client->closed)
    g_main_context_iteration (NULL, TRUE);

  last = g_ptr_array_index (client->frames, client->frames->len - 1);
  g_assert_cmpstr (frame_type (last), ==, "task_start");
  /* No closing handshake: nothing said why. */
  g_assert_cmpint (soup_websocket_connection_get_close_code (client->connection), ==, 0);

  /* Polling still sees the task through. */
  task = wait_for_status (f, token, "task_postprocess_end");
}

static void
test_fault_socket_drop_replay (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autoptr(JsonNode) running = wait_for_status (f, token, "task_start");
  g_autoptr(SocketClient) client = NULL;
  JsonNode *last;

  /* The drop comes while the frames sent so far are replayed to a late subscriber. */
  rushes_fake_provider_set_step_interval (f->provider, 60 * 1000);
  rushes_fake_provider_add_fault (f->provider, "socket-drop");
  client = socket_follow (f, token);
  while (!client->closed)
    g_main_context_iteration (NULL, TRUE);

  last = g_ptr_array_index (client->frames, client->frames->len - 1);
  g_assert_cmpstr (frame_type (last), ==, "task_start");
  g_assert_cmpstr (frame_type (g_ptr_array_index (client->frames, 0)), ==, "task_queue");
}

static void
test_socket_unknown_token (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SocketClient) client = socket_follow (f, "no-such-token");

  while (!client->closed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (soup_websocket_connection_get_close_code (client->connection),
                   ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_assert_cmpuint (client->frames->len, ==, 0);
}

static void
test_fault_socket_variants (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autoptr(SocketClient) client = NULL;
  gboolean null_output = FALSE;

  rushes_fake_provider_add_fault (f->provider, "socket-frames-variants");
  token = run_task (f, "sora-2", NULL);
  client = socket_follow (f, token);
  socket_wait_for_frame (client, "task_postprocess_end");

  g_assert_cmpstr (frame_type (g_ptr_array_index (client->frames, 0)), ==, "connected");
  g_assert_true (socket_has_frame (client, "<binary>"));
  g_assert_true (socket_has_frame (client, "task_stream_ready"));
  for (guint i = 0; i < client->frames->len; i++)
    {
      JsonNode *frame = g_ptr_array_index (client->frames, i);

      if (g_str_equal (frame_type (frame), "task_output") &&
          JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (frame), "message")))
        null_output = TRUE;
    }
  g_assert_true (null_output);
}

static void
test_download_range (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autofree char *url = wait_for_output_url (f, token);
  GBytes *video = rushes_fake_provider_get_video_bytes (f->provider);
  gsize size = g_bytes_get_size (video);
  gsize offset = size / 3;
  g_autofree char *range = g_strdup_printf ("bytes=%zu-", offset);
  g_autofree char *past_end = g_strdup_printf ("bytes=%zu-", size);
  g_autofree char *content_range = g_strdup_printf ("bytes %zu-%zu/%zu", offset, size - 1, size);
  g_autoptr(SoupMessage) partial = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(SoupMessage) head = soup_message_new (SOUP_METHOD_HEAD, url);
  g_autoptr(GBytes) tail = NULL;
  g_autoptr(GBytes) expected = g_bytes_new_from_bytes (video, offset, size - offset);
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GBytes) nothing = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (partial), "Range", range);
  tail = send_message (f, partial, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (partial), ==, SOUP_STATUS_PARTIAL_CONTENT);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (partial), "Content-Range"),
                   ==, content_range);
  g_assert_true (g_bytes_equal (tail, expected));

  empty = download (f, url, past_end, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);

  nothing = send_message (f, head, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (head), ==, SOUP_STATUS_OK);
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (head)), ==, size);
  g_assert_cmpuint (g_bytes_get_size (nothing), ==, 0);
}

static void
test_fault_download_drop (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autofree char *url = wait_for_output_url (f, token);
  GBytes *video = rushes_fake_provider_get_video_bytes (f->provider);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autofree char *range = NULL;

  rushes_fake_provider_add_fault (f->provider, "download-drop");
  soup_session_send_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  stream = soup_session_send_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (msg)),
                   ==, g_bytes_get_size (video));

  for (;;)
    {
      g_autoptr(GAsyncResult) read_result = NULL;
      g_autoptr(GBytes) chunk = NULL;

      g_input_stream_read_bytes_async (stream, 8192, G_PRIORITY_DEFAULT, NULL, store_result_cb, &read_result);
      while (read_result == NULL)
        g_main_context_iteration (NULL, TRUE);
      chunk = g_input_stream_read_bytes_finish (stream, read_result, &error);
      if (chunk == NULL || g_bytes_get_size (chunk) == 0)
        break;
      g_byte_array_append (received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_cmpuint (received->len, ==, g_bytes_get_size (video) / 2);

  /* What a resuming client does. */
  range = g_strdup_printf ("bytes=%u-", received->len);
  rest = download (f, url, range, SOUP_STATUS_PARTIAL_CONTENT);
  g_byte_array_append (received, g_bytes_get_data (rest, NULL), g_bytes_get_size (rest));
  whole = g_byte_array_free_to_bytes (g_steal_pointer (&received));
  g_assert_true (g_bytes_equal (whole, video));
}

static void
test_fault_download_slow (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* Five 16 KiB chunks, 50 ms apart. */
  rushes_fake_provider_set_output_size (f->provider, 5 * 16 * 1024);
  token = run_task (f, "sora-2", NULL);
  url = wait_for_output_url (f, token);
  msg = soup_message_new (SOUP_METHOD_GET, url);

  rushes_fake_provider_add_fault (f->provider, "download-slow*2");
  start = g_get_monotonic_time ();
  body = download (f, url, NULL, SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * 50 * 1000);
  g_assert_true (g_bytes_equal (body, rushes_fake_provider_get_video_bytes (f->provider)));

  /* A client giving up halfway leaves the server serving. */
  soup_session_send_async (f->session, msg, G_PRIORITY_DEFAULT, cancellable, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  stream = soup_session_send_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_clear_object (&stream);
  iterate_for (3 * 50);
  again = download (f, url, NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (again, body));
}

static void
test_generated_output (Fixture       *f,
                       gconstpointer  data)
{
  const gsize size = 3 * 65536 + 12345;
  const gsize offset = 2 * 65521 + 7;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *range = g_strdup_printf ("bytes=%zu-", offset);
  g_autoptr(JsonNode) task = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) tail = NULL;
  g_autoptr(GBytes) expected_tail = NULL;
  GBytes *blob;

  rushes_fake_provider_set_output_size (f->provider, size);
  token = run_task (f, "sora-2", NULL);
  url = wait_for_output_url (f, token);
  task = get_detail (f, token);
  g_assert_cmpstr (member_string (json_node_get_object (task), "size"), ==, "208953");

  blob = rushes_fake_provider_get_video_bytes (f->provider);
  g_assert_cmpuint (g_bytes_get_size (blob), ==, size);
  /* Not periodic at a power of two: a resume at a wrong chunk boundary shows. */
  g_assert_true (memcmp (g_bytes_get_data (blob, NULL), (const guint8 *) g_bytes_get_data (blob, NULL) + 65536, 64) != 0);

  whole = download (f, url, NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (whole, blob));
  tail = download (f, url, range, SOUP_STATUS_PARTIAL_CONTENT);
  expected_tail = g_bytes_new_from_bytes (blob, offset, size - offset);
  g_assert_true (g_bytes_equal (tail, expected_tail));
}

static void
test_files_api (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->base_url, "/File/Upload", NULL);
  g_autoptr(GBytes) image = g_bytes_new_static ("not really a png", 16);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) uploaded = NULL;
  g_autoptr(JsonNode) folder = NULL;
  g_autoptr(JsonNode) tool = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(GBytes) served = NULL;
  JsonObject *file;
  JsonObject *schema;
  JsonArray *items;
  gboolean has_1080p = FALSE;

  soup_multipart_append_form_file (multipart, "file", "my photo.png", "image/png", image);
  soup_multipart_append_form_string (multipart, "folderid", "folder-1");
  msg = soup_message_new_from_multipart (url, multipart);
  sign_message (msg, KEY, SECRET);
  uploaded = send_json (f, msg, SOUP_STATUS_OK);
  file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (uploaded), "list"), 0);
  g_assert_cmpstr (member_string (file, "name"), ==, "my photo.png");
  g_assert_cmpstr (member_string (file, "size"), ==, "16");
  g_assert_cmpstr (member_string (file, "parentid"), ==, "folder-1");
  served = download (f, member_string (file, "url"), NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (served, image));

  folder = wiro_call (f, "/File/FolderCreate", "{\"name\":\"rushes\"}");
  file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (folder), "list"), 0);
  g_assert_cmpstr (member_string (file, "name"), ==, "rushes");

  tool = wiro_call (f, "/Tool/Detail", "{\"slugowner\":\"openai\",\"slugproject\":\"sora-2-pro\"}");
  schema = json_array_get_object_element (json_object_get_array_member (json_node_get_object (tool), "tool"), 0);
  items = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (schema, "parameters"), 0), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (!g_str_equal (member_string (item, "id"), "resolution"))
        continue;
      for (guint j = 0; j < json_array_get_length (json_object_get_array_member (item, "options")); j++)
        {
          JsonObject *option = json_array_get_object_element (json_object_get_array_member (item, "options"), j);

          has_1080p |= g_str_equal (member_string (option, "value"), "1080p");
        }
    }
  g_assert_true (has_1080p);

  unknown = wiro_call (f, "/Tool/Detail", "{\"slugowner\":\"nobody\",\"slugproject\":\"nothing\"}");
  assert_wiro_error (unknown, 1, "not-exist");
}

static void
test_control (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autofree char *json = g_strdup_printf ("{\"tasktoken\":\"%s\"}", token);
  g_autoptr(SoupMessage) failing = json_message_new (f, "/Task/Detail", json);
  g_autoptr(GBytes) ok = control_call (f, SOUP_METHOD_POST, "/fault", "status-500\n", SOUP_STATUS_OK);
  g_autoptr(GBytes) bad = control_call (f, SOUP_METHOD_POST, "/fault", "no-such-fault", SOUP_STATUS_BAD_REQUEST);
  g_autoptr(GBytes) failed_body = NULL;
  g_autoptr(GBytes) listing = NULL;
  g_autoptr(GBytes) reset = NULL;
  g_autoptr(GBytes) empty_listing = NULL;
  g_autoptr(JsonNode) requests = NULL;
  g_autoptr(JsonNode) no_requests = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *run;

  failed_body = send_message (f, failing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (failing), ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);

  listing = control_call (f, SOUP_METHOD_GET, "/requests", NULL, SOUP_STATUS_OK);
  requests = parse_json (listing);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (requests)), ==, 2);
  run = json_array_get_object_element (json_node_get_array (requests), 0);
  g_assert_cmpstr (member_string (run, "method"), ==, "POST");
  g_assert_cmpstr (member_string (run, "path"), ==, "/wiro/v1/Run/openai/sora-2");
  g_assert_cmpstr (member_string (run, "content_type"), ==, "application/json");
  g_assert_cmpstr (member_string (json_object_get_object_member (run, "fields"), "seconds"), ==, "4");
  g_assert_cmpstr (member_string (json_object_get_object_member (run, "headers"), "x-api-key"), ==, KEY);

  reset = control_call (f, SOUP_METHOD_POST, "/reset", NULL, SOUP_STATUS_OK);
  empty_listing = control_call (f, SOUP_METHOD_GET, "/requests", NULL, SOUP_STATUS_OK);
  no_requests = parse_json (empty_listing);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (no_requests)), ==, 0);
  g_assert_cmpuint (rushes_fake_provider_count_requests (f->provider, "/Task/Detail"), ==, 0);
}

/* WaveSpeed and APIXO ----------------------------------------------------- */

static void
test_wavespeed_lifecycle (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autoptr(GBytes) video = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *authorization = NULL;
  JsonObject *prediction;
  JsonArray *outputs;

  rushes_fake_provider_set_wavespeed_key (f->provider, BEARER_KEY);
  id = wavespeed_submit (f, "openai/sora-2", "{\"prompt\":\"A kite\",\"aspect_ratio\":\"16:9\"}");
  g_assert_cmpuint (strlen (id), ==, 32);

  path = g_strdup_printf ("/predictions/%s/result", id);
  done = bearer_wait (f, "wavespeed", path, "status", "completed");
  prediction = envelope_data (done, 200);
  g_assert_cmpstr (member_string (prediction, "model"), ==, "openai/sora-2");
  g_assert_true (g_str_has_suffix (member_string (json_object_get_object_member (prediction, "urls"), "get"), path));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (prediction, "timings"), "inference"), >, 0);
  outputs = json_object_get_array_member (prediction, "outputs");
  g_assert_cmpuint (json_array_get_length (outputs), ==, 1);

  video = download (f, json_array_get_string_element (outputs, 0), NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (video, rushes_fake_provider_get_video_bytes (f->provider)));

  fields = rushes_fake_provider_dup_last_fields (f->provider, "/wavespeed/api/v3/openai/sora-2");
  g_assert_cmpstr (g_hash_table_lookup (fields, "aspect_ratio"), ==, "16:9");
  authorization = rushes_fake_provider_dup_last_header (f->provider, "/openai/sora-2", "authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " BEARER_KEY);
}

static void
test_wavespeed_upload (Fixture       *f,
                       gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4 };
  g_autofree char *base = rushes_fake_provider_get_base_url (f->provider, "wavespeed");
  g_autofree char *url = g_strconcat (base, "/media/upload/binary", NULL);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) served = NULL;
  JsonObject *answer;

  soup_multipart_append_form_file (multipart, "file", "start.png", "image/png", bytes);
  msg = soup_message_new_from_multipart (url, multipart);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer any");
  root = send_json (f, msg, SOUP_STATUS_OK);
  answer = envelope_data (root, 200);
  g_assert_cmpstr (member_string (answer, "type"), ==, "image");
  g_assert_cmpstr (member_string (answer, "filename"), ==, "start.png");
  g_assert_cmpint (json_object_get_int_member (answer, "size"), ==, sizeof png);

  served = download (f, member_string (answer, "download_url"), NULL, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (served, bytes));
}

static void
test_wavespeed_checks (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) unauthorized = NULL;
  g_autoptr(JsonNode) duration = NULL;
  g_autoptr(JsonNode) image = NULL;
  g_autoptr(JsonNode) size = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) ok = NULL;

  rushes_fake_provider_set_wavespeed_key (f->provider, BEARER_KEY);
  unauthorized = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/openai/sora-2", "{\"prompt\":\"x\"}",
                              "wrong", SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (envelope_data (unauthorized, 401));

  /* Durations are integers; images are URLs; Sora's sizes use "*". */
  duration = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/openai/sora-2/text-to-video",
                          "{\"prompt\":\"x\",\"duration\":\"8\"}", BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (member_string (json_node_get_object (duration), "message"), "duration"));
  image = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/google/veo3.1-fast/image-to-video",
                       "{\"prompt\":\"x\",\"image\":\"/home/me/start.png\"}", BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (member_string (json_node_get_object (image), "message"), "image"));
  size = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/openai/sora",
                      "{\"prompt\":\"x\",\"size\":\"720x720\"}", BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (member_string (json_node_get_object (size), "message"), "size"));
  unknown = bearer_call (f, "wavespeed", SOUP_METHOD_GET, "/predictions/nope/result", NULL, BEARER_KEY,
                         SOUP_STATUS_NOT_FOUND);
  g_assert_null (envelope_data (unknown, 404));

  ok = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/openai/sora",
                    "{\"prompt\":\"x\",\"size\":\"720*720\"}", BEARER_KEY, SOUP_STATUS_OK);
  envelope_data (ok, 200);
}

static void
test_wavespeed_outcomes (Fixture       *f,
                         gconstpointer  data)
{
  const struct {
    const char *fault;
    const char *status;
    gint64      code;
  } outcomes[] = {
    { "task-failed", "failed", 1200 },
    { "task-cancelled", "cancelled", 0 },
    { "task-timeout", "timeout", 5004 },
    { "task-deleted", "deleted", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *prediction;

      rushes_fake_provider_add_fault (f->provider, outcomes[i].fault);
      id = wavespeed_submit (f, "alibaba/wan-2.6/text-to-video", "{\"prompt\":\"x\",\"duration\":5}");
      path = g_strdup_printf ("/predictions/%s/result", id);
      root = bearer_wait (f, "wavespeed", path, "status", outcomes[i].status);
      prediction = envelope_data (root, 200);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (prediction, "outputs")), ==, 0);
      if (outcomes[i].code != 0)
        {
          g_assert_cmpint (json_object_get_int_member (prediction, "code"), ==, outcomes[i].code);
          g_assert_cmpstr (member_string (prediction, "error"), !=, "");
        }
    }
}

static void
test_wavespeed_variants (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  rushes_fake_provider_add_fault (f->provider, "response-variants");
  root = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/openai/sora-2", "{\"prompt\":\"x\"}",
                      BEARER_KEY, SOUP_STATUS_OK);
  object = json_node_get_object (root);
  g_assert_cmpstr (member_string (object, "code"), ==, "200");
  g_assert_cmpstr (member_string (json_object_get_object_member (json_object_get_object_member (object, "data"),
                                                                 "timings"), "inference"), ==, "0");
}

static void
test_envelope_faults (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) balance = NULL;
  g_autoptr(JsonNode) in_200 = NULL;
  g_autoptr(JsonNode) limited = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  rushes_fake_provider_add_fault (f->provider, "submit-402");
  balance = bearer_call (f, "apixo", SOUP_METHOD_POST, "/generateTask/kling-2-6",
                         "{\"input\":{\"prompt\":\"x\"}}", BEARER_KEY, SOUP_STATUS_PAYMENT_REQUIRED);
  g_assert_null (envelope_data (balance, 402));

  /* A refusal sent with HTTP 200: only the envelope says so. */
  rushes_fake_provider_add_fault (f->provider, "submit-error-in-200");
  in_200 = bearer_call (f, "wavespeed", SOUP_METHOD_POST, "/openai/sora-2", "{\"prompt\":\"x\"}",
                        BEARER_KEY, SOUP_STATUS_OK);
  g_assert_nonnull (envelope_data (in_200, 400));

  id = wavespeed_submit (f, "openai/sora-2", "{\"prompt\":\"x\"}");
  path = g_strdup_printf ("/predictions/%s/result", id);
  rushes_fake_provider_add_fault (f->provider, "status-429");
  limited = bearer_call (f, "wavespeed", SOUP_METHOD_GET, path, NULL, BEARER_KEY, 429);
  g_assert_null (envelope_data (limited, 429));
  after = bearer_call (f, "wavespeed", SOUP_METHOD_GET, path, NULL, BEARER_KEY, SOUP_STATUS_OK);
  envelope_data (after, 200);
}

static char *
apixo_generate (Fixture    *f,
                const char *model,
                const char *json)
{
  g_autofree char *path = g_strconcat ("/generateTask/", model, NULL);
  g_autoptr(JsonNode) root = bearer_call (f, "apixo", SOUP_METHOD_POST, path, json, BEARER_KEY, SOUP_STATUS_OK);

  return g_strdup (member_string (envelope_data (root, 200), "taskId"));
}

static void
test_apixo_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  /* The docs disagree on the length field; both forms, in both types. */
  const char *inputs[] = {
    "{\"request_type\":\"async\",\"provider\":\"auto\",\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"x\","
    "\"aspect_ratio\":\"portrait\",\"n_frames\":\"10\",\"remove_watermark\":true}}",
    "{\"request_type\":\"async\",\"input\":{\"mode\":\"image-to-video\",\"prompt\":\"x\","
    "\"image_urls\":[\"https://example.com/a.png\"],\"duration\":15}}",
  };

  rushes_fake_provider_set_apixo_key (f->provider, BEARER_KEY);
  /* Steps slow enough that the first status read comes before the first
   * step even on a loaded machine (or under a sanitizer). */
  rushes_fake_provider_set_step_interval (f->provider, 250);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *id = apixo_generate (f, "sora-2", inputs[i]);
      g_autofree char *path = g_strdup_printf ("/statusTask/sora-2?taskId=%s", id);
      g_autoptr(JsonNode) first = bearer_call (f, "apixo", SOUP_METHOD_GET, path, NULL, BEARER_KEY, SOUP_STATUS_OK);
      g_autoptr(JsonNode) done = NULL;
      g_autoptr(JsonNode) result = NULL;
      g_autoptr(GBytes) video = NULL;
      JsonObject *task;

      g_assert_true (g_str_has_prefix (id, "task_"));
      g_assert_cmpstr (member_string (envelope_data (first, 200), "state"), ==, "pending");
      done = bearer_wait (f, "apixo", path, "state", "success");
      task = envelope_data (done, 200);
      g_assert_cmpint (json_object_get_int_member (task, "completeTime"), >=,
                       json_object_get_int_member (task, "createTime"));

      /* resultJson is a string holding JSON. */
      result = json_from_string (member_string (task, "resultJson"), NULL);
      video = download (f, json_array_get_string_element (
                              json_object_get_array_member (json_node_get_object (result), "resultUrls"), 0),
                        NULL, SOUP_STATUS_OK);
      g_assert_true (g_bytes_equal (video, rushes_fake_provider_get_video_bytes (f->provider)));
    }
}

static void
test_apixo_failure (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *task;

  rushes_fake_provider_add_fault (f->provider, "task-failed");
  id = apixo_generate (f, "veo-3-1", "{\"input\":{\"mode\":\"fast\",\"prompt\":\"x\"}}");
  path = g_strdup_printf ("/statusTask/veo-3-1?taskId=%s", id);
  root = bearer_wait (f, "apixo", path, "state", "failed");
  task = envelope_data (root, 200);
  g_assert_cmpstr (member_string (task, "failCode"), ==, "CONTENT_VIOLATION");
  g_assert_cmpstr (member_string (task, "failMsg"), ==, "Content violates usage policy");
  g_assert_false (json_object_has_member (task, "resultJson"));
}

static void
test_apixo_checks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) local = NULL;
  g_autoptr(JsonNode) length = NULL;
  g_autoptr(JsonNode) no_prompt = NULL;
  g_autoptr(JsonNode) no_id = NULL;
  g_autoptr(JsonNode) other_model = NULL;
  g_autoptr(JsonNode) unauthorized = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  JsonObject *data_object;

  local = bearer_call (f, "apixo", SOUP_METHOD_POST, "/generateTask/sora-2",
                       "{\"input\":{\"mode\":\"image-to-video\",\"prompt\":\"x\",\"image_urls\":[\"/tmp/a.png\"]}}",
                       BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  data_object = envelope_data (local, 400);
  g_assert_nonnull (strstr (member_string (data_object, "error"), "image_urls"));
  length = bearer_call (f, "apixo", SOUP_METHOD_POST, "/generateTask/sora-2",
                        "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"x\",\"n_frames\":\"12\"}}",
                        BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (member_string (envelope_data (length, 400), "error"), "n_frames"));
  no_prompt = bearer_call (f, "apixo", SOUP_METHOD_POST, "/generateTask/hailuo-2-3", "{\"input\":{}}",
                           BEARER_KEY, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (member_string (envelope_data (no_prompt, 400), "error"), "input.prompt"));

  id = apixo_generate (f, "hailuo-2-3", "{\"input\":{\"mode\":\"standard-text-to-video\",\"prompt\":\"x\"}}");
  no_id = bearer_call (f, "apixo", SOUP_METHOD_GET, "/statusTask/hailuo-2-3", NULL, BEARER_KEY,
                       SOUP_STATUS_BAD_REQUEST);
  envelope_data (no_id, 400);
  path = g_strdup_printf ("/statusTask/sora-2?taskId=%s", id);
  other_model = bearer_call (f, "apixo", SOUP_METHOD_GET, path, NULL, BEARER_KEY, SOUP_STATUS_NOT_FOUND);
  g_assert_null (envelope_data (other_model, 404));
  unauthorized = bearer_call (f, "apixo", SOUP_METHOD_GET, path, NULL, NULL, SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (envelope_data (unauthorized, 401));
}

static void
test_apixo_variants (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *task;
  JsonNode *result;

  rushes_fake_provider_add_fault (f->provider, "response-variants");
  {
    g_autoptr(JsonNode) submitted = bearer_call (f, "apixo", SOUP_METHOD_POST, "/generateTask/kling-2-6",
                                                 "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"x\"}}",
                                                 BEARER_KEY, SOUP_STATUS_OK);

    g_assert_cmpstr (member_string (json_node_get_object (submitted), "code"), ==, "200");
    id = g_strdup (member_string (json_object_get_object_member (json_node_get_object (submitted), "data"),
                                  "taskId"));
  }
  path = g_strdup_printf ("/statusTask/kling-2-6?taskId=%s", id);
  for (;;)
    {
      g_clear_pointer (&root, json_node_unref);
      root = bearer_call (f, "apixo", SOUP_METHOD_GET, path, NULL, BEARER_KEY, SOUP_STATUS_OK);
      task = json_object_get_object_member (json_node_get_object (root), "data");
      if (g_str_equal (member_string (task, "state"), "success"))
        break;
      iterate_for (5);
    }

  /* Numbers as strings, and resultJson as the object itself. */
  g_assert_cmpstr (member_string (json_node_get_object (root), "code"), ==, "200");
  member_string (task, "createTime");
  result = json_object_get_member (task, "resultJson");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (result));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* meson passes the MP4 it built; without it the output is a generated blob. */
  if (argc > 1)
    test_video_path = argv[1];

  ADD_TEST ("wiro/run", test_run_multipart);
  ADD_TEST ("wiro/run-json", test_run_json);
  ADD_TEST ("wiro/signature-vector", test_signature_vector);
  ADD_TEST ("wiro/bad-auth", test_bad_auth);
  ADD_TEST ("wiro/validation", test_validation);
  ADD_TEST ("wiro/detail-lifecycle", test_detail_lifecycle);
  ADD_TEST ("wiro/socket-frames", test_socket_frames);
  ADD_TEST ("wiro/socket-unknown-token", test_socket_unknown_token);
  ADD_TEST ("wiro/cancel-queued", test_cancel_queued);
  ADD_TEST ("wiro/kill-running", test_kill_running);
  ADD_TEST ("wiro/files-api", test_files_api);
  ADD_TEST ("fault/submit-errors", test_fault_submit_errors);
  ADD_TEST ("fault/submit-network", test_fault_submit_network);
  ADD_TEST ("fault/status", test_fault_status);
  ADD_TEST ("fault/pexit", test_fault_pexit);
  ADD_TEST ("fault/socket-refuse", test_fault_socket_refuse);
  ADD_TEST ("fault/socket-drop", test_fault_socket_drop);
  ADD_TEST ("fault/socket-drop-replay", test_fault_socket_drop_replay);
  ADD_TEST ("fault/socket-variants", test_fault_socket_variants);
  ADD_TEST ("fault/download-drop", test_fault_download_drop);
  ADD_TEST ("fault/download-slow", test_fault_download_slow);
  ADD_TEST ("files/range", test_download_range);
  ADD_TEST ("files/generated", test_generated_output);
  ADD_TEST ("control", test_control);
  ADD_TEST ("wavespeed/lifecycle", test_wavespeed_lifecycle);
  ADD_TEST ("wavespeed/upload", test_wavespeed_upload);
  ADD_TEST ("wavespeed/checks", test_wavespeed_checks);
  ADD_TEST ("wavespeed/outcomes", test_wavespeed_outcomes);
  ADD_TEST ("wavespeed/variants", test_wavespeed_variants);
  ADD_TEST ("apixo/lifecycle", test_apixo_lifecycle);
  ADD_TEST ("apixo/failure", test_apixo_failure);
  ADD_TEST ("apixo/checks", test_apixo_checks);
  ADD_TEST ("apixo/variants", test_apixo_variants);
  ADD_TEST ("fault/envelope", test_envelope_faults);

  test_fake_provider_add_catalog_tests ();
  test_fake_provider_add_hostile_tests ();

  return g_test_run ();
}
