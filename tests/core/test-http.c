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

/* RushesHttp against a hostile server: a tiny SoupServer in the test's own
 * main context, so that each test shapes the answers it needs (sizes,
 * nesting, redirects, stalls) without touching the fake provider. */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>
#include <string.h>

#include "rushes-core.h"
#include "rushes-test-async.h"

#define KEY             "http-test-key"
#define VIDEO_SIZE      (64 * 1024)
#define HUGE_SIZE       ((guint64) 256 * 1024 * 1024)
#define HUGE_CHUNK      (64 * 1024)
#define DEEP_LEVELS     300000
/* Peak memory a refused answer may cost: the cap (4 MiB), the buffer's
 * growth and the socket buffers, far from the answer's 256 MiB. */
#define MEMORY_BOUND    (32 * 1024 * 1024)

typedef struct
{
  SoupServer   *server;
  GUri         *base;
  RushesConfig *config;
  RushesHttp   *http;
  GFile        *destination;
  GBytes       *video;

  /* What the server does */
  goffset       declared_total;      /* > 0: announced instead of the video's size */
  gsize         stall_after;         /* > 0: the next video answer sends this much, then nothing */
  gsize         drop_after;          /* > 0: every video answer sends this much, then closes */
  gsize         listing_size;        /* the size of /listing */

  /* What the server saw */
  guint         video_requests;
  char         *last_range;
  guint         stolen_requests;
  guint64       huge_served;
  GPtrArray    *held;                /* answers left hanging, released at teardown */
} Fixture;

/* ------------------------------------------------------------------ */
/* The server */

static void
huge_wrote_chunk_cb (SoupServerMessage *msg,
                     Fixture           *f)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (f->huge_served >= HUGE_SIZE)
    return;

  if (f->huge_served + HUGE_CHUNK >= HUGE_SIZE)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "\"}", 2);
      soup_message_body_complete (body);
      f->huge_served = HUGE_SIZE;
    }
  else
    {
      soup_message_body_append_take (body, (guchar *) g_strnfill (HUGE_CHUNK, 'x'), HUGE_CHUNK);
      f->huge_served += HUGE_CHUNK;
    }
  soup_server_message_unpause (msg);
}

/* A 256 MiB JSON answer streamed without a length, never held in memory. */
static void
serve_huge (Fixture           *f,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "{\"text\": \"", 10);
  f->huge_served = 10;
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (huge_wrote_chunk_cb), f);
}

static void
serve_deep (SoupServerMessage *msg)
{
  char *text = g_malloc (2 * DEEP_LEVELS);

  memset (text, '[', DEEP_LEVELS);
  memset (text + DEEP_LEVELS, ']', DEEP_LEVELS);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, 2 * DEEP_LEVELS);
}

/* One long string in an array, f->listing_size bytes in all. */
static void
serve_listing (Fixture           *f,
               SoupServerMessage *msg)
{
  char *text = g_malloc (f->listing_size);

  memset (text, 'x', f->listing_size);
  memcpy (text, "[\"", 2);
  memcpy (text + f->listing_size - 2, "\"]", 2);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, f->listing_size);
}

static void
hold_message (Fixture           *f,
              SoupServerMessage *msg)
{
  /* Headers and the bytes so far go out; the rest never comes. */
  g_ptr_array_add (f->held, g_object_ref (msg));
}

static gboolean
drop_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
  return G_SOURCE_REMOVE;
}

static void
drop_wrote_chunk_cb (SoupServerMessage *msg,
                     Fixture           *f)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, drop_cb, g_object_ref (msg), g_object_unref);
}

/* The video, with Range, and the faults the fixture asks for. */
static void
serve_video (Fixture           *f,
             SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  const char *range = soup_message_headers_get_one (request, "Range");
  goffset start = 0;
  gsize length, send;

  f->video_requests++;
  g_free (f->last_range);
  f->last_range = g_strdup (range);

  if (range != NULL)
    {
      g_assert_true (g_str_has_prefix (range, "bytes="));
      start = g_ascii_strtoll (range + strlen ("bytes="), NULL, 10);
      g_assert_cmpint (start, <, VIDEO_SIZE);
      soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
      soup_message_headers_set_content_range (headers, start, VIDEO_SIZE - 1,
                                              f->declared_total > 0 ? f->declared_total : VIDEO_SIZE);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);

  length = VIDEO_SIZE - start;
  soup_message_headers_set_content_type (headers, "video/mp4", NULL);
  soup_message_headers_set_content_length (headers, f->declared_total > 0 && range == NULL
                                                      ? f->declared_total : (goffset) length);
  soup_message_body_set_accumulate (body, FALSE);

  send = length;
  if (f->declared_total > 0)
    send = 16;
  else if (f->stall_after > 0)
    send = MIN (length, f->stall_after);
  else if (f->drop_after > 0)
    send = MIN (length, f->drop_after);

  {
    g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (f->video, start, send);

    soup_message_body_append_bytes (body, chunk);
  }
  if (send == length)
    soup_message_body_complete (body);
  else if (f->drop_after > 0)
    g_signal_connect (msg, "wrote-chunk", G_CALLBACK (drop_wrote_chunk_cb), f);
  else
    hold_message (f, msg);
  f->stall_after = 0;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (path, "/huge"))
    serve_huge (f, msg);
  else if (g_str_equal (path, "/huge-announced"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg),
                                               (goffset) HUGE_SIZE);
      soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "[", 1);
      hold_message (f, msg);
    }
  else if (g_str_equal (path, "/deep"))
    serve_deep (msg);
  else if (g_str_equal (path, "/listing"))
    serve_listing (f, msg);
  else if (g_str_equal (path, "/api"))
    {
      g_autofree char *port = g_strdup_printf ("%d", g_uri_get_port (f->base));
      g_autofree char *target = g_strconcat ("http://localhost:", port, "/stolen?token=t0k3n", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, target);
    }
  else if (g_str_equal (path, "/stolen"))
    {
      f->stolen_requests++;
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
    }
  else if (g_str_equal (path, "/video"))
    serve_video (f, msg);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint8 *video = g_malloc (VIDEO_SIZE);

  for (gsize i = 0; i < VIDEO_SIZE; i++)
    video[i] = (guint8) (i * 7 + i / 251);
  f->video = g_bytes_new_take (video, VIDEO_SIZE);
  f->held = g_ptr_array_new_with_free_func (g_object_unref);

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->config = rushes_config_new ();
  /* An answer the server leaves hanging gives up in 2 s, not a minute. */
  rushes_config_set_http_timeout_ms (f->config, 2000);
  f->http = rushes_http_new (f->config);
  rushes_http_set_retry_policy (f->http, 2, 1);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  f->destination = g_file_new_build_filename (g_get_user_cache_dir (), "video.mp4", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (g_steal_pointer (&f->http));
  g_clear_object (&f->config);
  g_clear_pointer (&f->held, g_ptr_array_unref);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_uri_unref);
  g_clear_object (&f->destination);
  g_clear_pointer (&f->video, g_bytes_unref);
  g_clear_pointer (&f->last_range, g_free);
}

/* ------------------------------------------------------------------ */
/* Client helpers */

static char *
url_for (Fixture    *f,
         const char *path)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (f->base, path, G_URI_FLAGS_NONE, NULL);

  return g_uri_to_string (uri);
}

typedef struct
{
  char           *url;
  RushesHttpKind  kind;
} Request;

static void
request_free (Request *request)
{
  g_free (request->url);
  g_free (request);
}

/* A request as the providers make them: with every kind of credential. */
static SoupMessage *
build_request (gpointer   user_data,
               GError   **error)
{
  Request *request = user_data;
  SoupMessage *message;
  SoupMessageHeaders *headers;

  if (request->kind == RUSHES_HTTP_READ)
    message = soup_message_new (SOUP_METHOD_GET, request->url);
  else
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

      message = soup_message_new (SOUP_METHOD_POST, request->url);
      soup_message_set_request_body_from_bytes (message, "application/json", body);
    }

  headers = soup_message_get_request_headers (message);
  soup_message_headers_append (headers, "x-api-key", KEY);
  soup_message_headers_append (headers, "x-signature", "0123456789abcdef");
  soup_message_headers_append (headers, "Authorization", "Bearer " KEY);
  return message;
}

static JsonNode *
send_request (Fixture              *f,
              RushesHttpKind        kind,
              RushesHttpParseFunc   parse,
              const char           *path,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Request *request = g_new0 (Request, 1);

  request->url = url_for (f, path);
  request->kind = kind;
  rushes_http_send_json_async (f->http, kind, parse, build_request, request, (GDestroyNotify) request_free,
                               NULL, rushes_test_store_result_cb, &result);
  return rushes_http_send_json_finish (f->http, rushes_test_await (&result), NULL, error);
}

static gboolean
download (Fixture  *f,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = url_for (f, "/video");

  rushes_http_download_async (f->http, url, f->destination, NULL, NULL, NULL, rushes_test_store_result_cb, &result);
  return rushes_http_download_finish (f->http, rushes_test_await (&result), error);
}

static char *
part_path (Fixture *f)
{
  return g_strconcat (g_file_peek_path (f->destination), ".part", NULL);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return -1;
  return buf.st_size;
}

static gint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field))
      return g_ascii_strtoll (lines[i] + strlen (field), NULL, 10);

  g_assert_not_reached ();
}

/* ------------------------------------------------------------------ */
/* JSON answers */

static void
test_answer_too_large (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 rss_before, peak;

  /* Only this answer counts in the peak. */
  g_file_set_contents ("/proc/self/clear_refs", "5", -1, NULL);
  rss_before = read_status_kib ("VmRSS:");

  root = send_request (f, RUSHES_HTTP_READ, NULL, "/huge", &error);
  g_assert_null (root);
  g_assert_nonnull (strstr (error->message, "more than 4.2"));
  g_clear_error (&error);

  peak = read_status_kib ("VmHWM:");
  g_test_message ("served %" G_GUINT64_FORMAT " bytes; peak RSS growth %" G_GINT64_FORMAT " KiB",
                  f->huge_served, peak - rss_before);
  g_assert_cmpuint (f->huge_served, <, MEMORY_BOUND);
  g_assert_cmpint ((peak - rss_before) * 1024, <, MEMORY_BOUND);

  /* An answer that announces its size is refused before its body. */
  root = send_request (f, RUSHES_HTTP_WRITE, NULL, "/huge-announced", &error);
  g_assert_null (root);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "more than 4.2"));
  g_clear_error (&error);

  /* A submit's answer came after the request went out. */
  root = send_request (f, RUSHES_HTTP_SUBMIT, NULL, "/huge-announced", &error);
  g_assert_null (root);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN);
}

static void
test_listing_cap (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  Request *request = g_new0 (Request, 1);

  /* Over the answer cap, within the listing cap. */
  f->listing_size = RUSHES_JSON_MAX_ANSWER + 1024;

  root = send_request (f, RUSHES_HTTP_READ, NULL, "/listing", &error);
  g_assert_null (root);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_clear_error (&error);

  request->url = url_for (f, "/listing");
  request->kind = RUSHES_HTTP_READ;
  rushes_http_send_json_full_async (f->http, RUSHES_HTTP_READ, RUSHES_JSON_MAX_LISTING, NULL, build_request,
                                    request, (GDestroyNotify) request_free, NULL, rushes_test_store_result_cb,
                                    &result);
  root = rushes_http_send_json_finish (f->http, rushes_test_await (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (strlen (json_array_get_string_element (json_node_get_array (root), 0)), ==,
                    f->listing_size - 4);
}

/* A provider parser that trusts json-glib, as Wiro's mending one did. */
static JsonNode *
parse_unguarded (const char  *text,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  return json_parser_steal_root (parser);
}

static void
test_answer_too_deep (Fixture       *f,
                      gconstpointer  user_data)
{
  RushesHttpParseFunc parsers[] = { NULL, parse_unguarded };

  /* json-glib 1.6 would recurse 300,000 times and overflow the stack. */
  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = send_request (f, RUSHES_HTTP_READ, parsers[i], "/deep", &error);

      g_assert_null (root);
      g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "nested deeper"));
    }
}

static void
test_no_redirect (Fixture       *f,
                  gconstpointer  user_data)
{
  const RushesHttpKind kinds[] = { RUSHES_HTTP_READ, RUSHES_HTTP_WRITE, RUSHES_HTTP_SUBMIT };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = send_request (f, kinds[i], NULL, "/api", &error);

      /* A submit may have been taken before the redirect: never sent again. */
      RushesError expected = kinds[i] == RUSHES_HTTP_SUBMIT ? RUSHES_ERROR_UNCERTAIN : RUSHES_ERROR_PROTOCOL;

      g_assert_null (root);
      g_assert_error (error, RUSHES_ERROR, expected);
      g_assert_nonnull (strstr (error->message, "redirected"));
      g_assert_nonnull (strstr (error->message, "/stolen"));
      /* The target's query string could hold a token: never shown. */
      g_assert_null (strstr (error->message, "t0k3n"));
    }

  /* The key and the signature never reached the other address. */
  g_assert_cmpuint (f->stolen_requests, ==, 0);
}

/* ------------------------------------------------------------------ */
/* Downloads */

static void
test_download (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *part = part_path (f);

  g_assert_true (download (f, &error));
  g_assert_no_error (error);
  stored = g_file_load_bytes (f->destination, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, f->video));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_download_too_large (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *part = part_path (f);

  f->declared_total = RUSHES_HTTP_MAX_VIDEO_SIZE + 1;
  g_assert_false (download (f, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_clear_error (&error);
  /* Refused before anything was written, and not asked again. */
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (f->video_requests, ==, 1);

  /* The same when a resume reveals the size. */
  g_assert_true (g_file_set_contents (part, "0123456789", 10, &error));
  g_assert_no_error (error);
  g_assert_false (download (f, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_cmpstr (f->last_range, ==, "bytes=10-");
  g_assert_cmpint (file_size (part), ==, 10);
  g_assert_cmpuint (f->video_requests, ==, 2);
}

static void
test_download_stall (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *part = part_path (f);
  gint64 kept;

  /* 100 bytes, then nothing: under 16 KiB/s in any window, at any speed. */
  rushes_config_set_download_stall_ms (f->config, 50);
  f->stall_after = 100;

  g_assert_false (download (f, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "stalled"));
  g_clear_error (&error);
  /* Given up, not retried: the next run resumes from what was kept. */
  g_assert_cmpuint (f->video_requests, ==, 1);
  kept = file_size (part);
  g_assert_cmpint (kept, >=, 0);
  g_assert_cmpint (kept, <=, 100);

  g_assert_true (download (f, &error));
  g_assert_no_error (error);
  if (kept > 0)
    {
      g_autofree char *range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-", kept);

      g_assert_cmpstr (f->last_range, ==, range);
    }
  stored = g_file_load_bytes (f->destination, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, f->video));
}

static void
test_download_attempt_limit (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *part = part_path (f);

  /* Each connection brings 1 KiB, then drops: progress every time, yet
   * the whole video would take 64 attempts. */
  f->drop_after = 1024;
  g_assert_false (download (f, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "20 interrupted attempts"));
  g_assert_cmpuint (f->video_requests, ==, 20);
  g_assert_cmpint (file_size (part), ==, 20 * 1024);
}

/* A link planted in place of the .part is not resumed, nor written
 * through: the file it names stays as it was. */
static void
test_download_planted_link (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *part = part_path (f);
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "precious.txt", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "do not touch", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (symlink (target, part), ==, 0);

  g_assert_true (download (f, &error));
  g_assert_no_error (error);
  /* Asked from the start, not from the size of what the link names. */
  g_assert_null (f->last_range);
  stored = g_file_load_bytes (f->destination, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, f->video));
  g_assert_true (g_file_get_contents (target, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "do not touch");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/rushes/http/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("answer-too-large", test_answer_too_large);
  ADD ("listing-cap", test_listing_cap);
  ADD ("answer-too-deep", test_answer_too_deep);
  ADD ("no-redirect", test_no_redirect);
  ADD ("download", test_download);
  ADD ("download-too-large", test_download_too_large);
  ADD ("download-stall", test_download_stall);
  ADD ("download-attempt-limit", test_download_attempt_limit);
  ADD ("download-planted-link", test_download_planted_link);

  return g_test_run ();
}
