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
  g_autofree char *token = run_task (f, "sora-2", NULL);
  g_autofree char *url = wait_for_output_url (f, token);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) video = NULL;
  g_autoptr(GError) error = NULL;

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

void
test_fake_provider_add_hostile_tests (void)
{
  ADD_TEST ("fault/download-html", test_fault_download_html);
  ADD_TEST ("fault/download-stall", test_fault_download_stall);
}
