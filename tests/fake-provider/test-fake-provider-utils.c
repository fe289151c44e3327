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

const char *test_video_path;

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->provider = rushes_fake_provider_new (test_video_path);
  rushes_fake_provider_set_wiro_credentials (f->provider, KEY, SECRET);
  g_assert_true (rushes_fake_provider_start (f->provider, &error));
  g_assert_no_error (error);
  /* Loopback only; the default proxy resolver would read GSettings. */
  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  f->base_url = rushes_fake_provider_get_base_url (f->provider, "wiro");
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->base_url, g_free);
  g_assert_finalize_object (f->provider);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

void
iterate_for (guint msec)
{
  gboolean done = FALSE;

  g_timeout_add (msec, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GBytes *
send_message (Fixture      *f,
              SoupMessage  *msg,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return soup_session_send_and_read_finish (f->session, result, error);
}

void
sign_message (SoupMessage *msg,
              const char  *key,
              const char  *secret)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  /* Milliseconds, like the official client. */
  g_autofree char *nonce = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000);
  g_autofree char *text = g_strconcat (secret, nonce, NULL);
  g_autofree char *signature = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                                          (const guchar *) key, strlen (key), text, -1);

  soup_message_headers_replace (headers, "x-api-key", key);
  soup_message_headers_replace (headers, "x-nonce", nonce);
  soup_message_headers_replace (headers, "x-signature", signature);
}

SoupMessage *
json_message_new (Fixture    *f,
                  const char *path,
                  const char *json)
{
  g_autofree char *url = g_strconcat (f->base_url, path, NULL);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST, url);

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  sign_message (msg, KEY, SECRET);

  return msg;
}

JsonNode *
parse_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

JsonNode *
send_json (Fixture     *f,
           SoupMessage *msg,
           guint        expected_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = send_message (f, msg, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "application/json");

  return parse_json (body);
}

JsonNode *
wiro_call (Fixture    *f,
           const char *path,
           const char *json)
{
  g_autoptr(SoupMessage) msg = json_message_new (f, path, json);

  return send_json (f, msg, SOUP_STATUS_OK);
}

void
assert_wiro_error (JsonNode   *root,
                   gint64      code,
                   const char *message_part)
{
  JsonObject *object = json_node_get_object (root);
  JsonArray *errors = json_object_get_array_member (object, "errors");
  JsonObject *error;

  g_assert_false (json_object_get_boolean_member (object, "result"));
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  error = json_array_get_object_element (errors, 0);
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, code);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), message_part));
}

const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);

  return json_node_get_string (node);
}

/* Returns: the task token; @id receives the task id. */
char *
run_task (Fixture     *f,
          const char  *model,
          char       **id)
{
  g_autofree char *path = g_strconcat ("/Run/openai/", model, NULL);
  g_autoptr(JsonNode) root = wiro_call (f, path, "{\"prompt\":\"A slow pan over a harbour\",\"seconds\":\"4\","
                                                 "\"resolution\":\"720p\",\"ratio\":\"16:9\"}");
  JsonObject *object = json_node_get_object (root);

  g_assert_true (json_object_get_boolean_member (object, "result"));
  if (id != NULL)
    *id = g_strdup (member_string (object, "taskid"));

  return g_strdup (member_string (object, "socketaccesstoken"));
}

/* Returns: the Task/Detail task object */
JsonNode *
get_detail (Fixture    *f,
            const char *token)
{
  g_autofree char *json = g_strdup_printf ("{\"tasktoken\":\"%s\"}", token);
  g_autoptr(JsonNode) root = wiro_call (f, "/Task/Detail", json);
  JsonObject *object = json_node_get_object (root);
  JsonArray *tasks = json_object_get_array_member (object, "tasklist");

  g_assert_true (json_object_get_boolean_member (object, "result"));
  g_assert_cmpstr (member_string (object, "total"), ==, "1");
  g_assert_cmpuint (json_array_get_length (tasks), ==, 1);

  return json_node_copy (json_array_get_element (tasks, 0));
}

JsonNode *
wait_for_status (Fixture    *f,
                 const char *token,
                 const char *status)
{
  for (;;)
    {
      g_autoptr(JsonNode) task = get_detail (f, token);

      if (g_str_equal (member_string (json_node_get_object (task), "status"), status))
        return g_steal_pointer (&task);
      iterate_for (5);
    }
}

char *
wait_for_output_url (Fixture    *f,
                     const char *token)
{
  g_autoptr(JsonNode) task = wait_for_status (f, token, "task_postprocess_end");
  JsonArray *outputs = json_object_get_array_member (json_node_get_object (task), "outputs");

  g_assert_cmpuint (json_array_get_length (outputs), ==, 1);

  return g_strdup (member_string (json_array_get_object_element (outputs, 0), "url"));
}

GBytes *
download (Fixture    *f,
          const char *url,
          const char *range,
          guint       expected_status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  if (range != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", range);
  body = send_message (f, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);

  return body;
}

static void
socket_message_cb (SoupWebsocketConnection *connection,
                   SoupWebsocketDataType    type,
                   GBytes                  *message,
                   SocketClient            *client)
{
  if (type == SOUP_WEBSOCKET_DATA_BINARY)
    g_ptr_array_add (client->frames, json_node_init_string (json_node_alloc (), "<binary>"));
  else if (g_bytes_get_size (message) > LARGE_FRAME)
    {
      /* A frame nested deep enough to overflow json-glib's stack: kept as it came. */
      g_clear_pointer (&client->large, g_bytes_unref);
      client->large = g_bytes_ref (message);
      g_ptr_array_add (client->frames, json_node_init_string (json_node_alloc (), "<large>"));
    }
  else
    g_ptr_array_add (client->frames, parse_json (message));
}

static void
socket_closed_cb (SoupWebsocketConnection *connection,
                  SocketClient            *client)
{
  client->closed = TRUE;
}

void
socket_client_free (SocketClient *client)
{
  g_signal_handlers_disconnect_by_data (client->connection, client);
  g_object_unref (client->connection);
  g_ptr_array_unref (client->frames);
  g_clear_pointer (&client->large, g_bytes_unref);
  g_free (client);
}

SocketClient *
socket_connect (Fixture     *f,
                GError     **error)
{
  g_autofree char *url = rushes_fake_provider_get_socket_url (f->provider);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  SoupWebsocketConnection *connection;
  SocketClient *client;

  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  connection = soup_session_websocket_connect_finish (f->session, result, error);
  if (connection == NULL)
    return NULL;

  client = g_new0 (SocketClient, 1);
  client->connection = connection;
  client->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_signal_connect (connection, "message", G_CALLBACK (socket_message_cb), client);
  g_signal_connect (connection, "closed", G_CALLBACK (socket_closed_cb), client);

  return client;
}

SocketClient *
socket_follow (Fixture    *f,
               const char *token)
{
  g_autoptr(GError) error = NULL;
  SocketClient *client = socket_connect (f, &error);
  g_autofree char *hello = g_strdup_printf ("{\"type\": \"task_info\", \"tasktoken\": \"%s\"}", token);

  g_assert_no_error (error);
  soup_websocket_connection_send_text (client->connection, hello);

  return client;
}

const char *
frame_type (JsonNode *frame)
{
  if (JSON_NODE_HOLDS_VALUE (frame))
    return json_node_get_string (frame);

  return json_object_get_string_member (json_node_get_object (frame), "type");
}

gboolean
socket_has_frame (SocketClient *client,
                  const char   *type)
{
  for (guint i = 0; i < client->frames->len; i++)
    {
      if (g_str_equal (frame_type (g_ptr_array_index (client->frames, i)), type))
        return TRUE;
    }

  return FALSE;
}

void
socket_wait_for_frame (SocketClient *client,
                       const char   *type)
{
  while (!socket_has_frame (client, type))
    {
      g_assert_false (client->closed);
      g_main_context_iteration (NULL, TRUE);
    }
}

GBytes *
control_call (Fixture    *f,
              const char *method,
              const char *route,
              const char *text,
              guint       expected_status)
{
  g_autofree char *base = rushes_fake_provider_get_control_url (f->provider);
  g_autofree char *url = g_strconcat (base, route, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  if (text != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (text, strlen (text));

      soup_message_set_request_body_from_bytes (msg, "text/plain", request);
    }
  body = send_message (f, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);

  return body;
}

JsonNode *
bearer_call (Fixture    *f,
             const char *provider,
             const char *method,
             const char *path,
             const char *json,
             const char *key,
             guint       expected_status)
{
  g_autofree char *base = rushes_fake_provider_get_base_url (f->provider, provider);
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);

  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  if (key != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", key, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
    }

  return send_json (f, msg, expected_status);
}

JsonObject *
envelope_data (JsonNode *root,
               gint64    code)
{
  JsonObject *object = json_node_get_object (root);

  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, code);
  g_assert_true (json_object_has_member (object, "message"));
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "data")))
    return NULL;
  return json_object_get_object_member (object, "data");
}

/* Polls until @member of the data has @value; returns that answer. */
JsonNode *
bearer_wait (Fixture    *f,
             const char *provider,
             const char *path,
             const char *member,
             const char *value)
{
  for (;;)
    {
      g_autoptr(JsonNode) root = bearer_call (f, provider, SOUP_METHOD_GET, path, NULL, BEARER_KEY, SOUP_STATUS_OK);
      JsonObject *data = envelope_data (root, 200);

      if (g_str_equal (member_string (data, member), value))
        return g_steal_pointer (&root);
      iterate_for (5);
    }
}

char *
wavespeed_submit (Fixture    *f,
                  const char *model,
                  const char *json)
{
  g_autofree char *path = g_strconcat ("/", model, NULL);
  g_autoptr(JsonNode) root = bearer_call (f, "wavespeed", SOUP_METHOD_POST, path, json, BEARER_KEY, SOUP_STATUS_OK);
  JsonObject *data = envelope_data (root, 200);

  g_assert_cmpstr (member_string (data, "status"), ==, "created");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "outputs")), ==, 0);
  g_assert_cmpstr (member_string (data, "error"), ==, "");

  return g_strdup (member_string (data, "id"));
}

