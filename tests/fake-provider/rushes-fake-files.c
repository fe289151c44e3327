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

#define G_LOG_DOMAIN "rushes-fake-files"

#include "config.h"

#include <string.h>

#include "rushes-fake-provider-private.h"

/* Served bodies go out in chunks so that a 200 MB output is never copied per request. */
#define CHUNK_SIZE             (64 * 1024)
#define SLOW_CHUNK_SIZE        (16 * 1024)
#define SLOW_CHUNK_INTERVAL_MS 50
/* A stalled download: a few bytes at once, then one byte now and then, for ever. */
#define STALL_BURST            64
#define STALL_INTERVAL_MS      250
/* A prime period: a download resumed at a wrong offset gets different bytes. */
#define BLOB_PERIOD            65521
#define BLOB_SEED              0x52555348

/* What a CDN or a captive portal answers instead of the file: 39 bytes. */
static const char access_denied[] = "<html><body>Access denied</body></html>";

typedef enum {
  CONTENT_BYTES,
  CONTENT_GENERATED,
  CONTENT_PADDED,
} ContentKind;

struct _RushesFakeContent
{
  ContentKind  kind;
  GBytes      *bytes;     /* BYTES: the whole; GENERATED: one period plus a chunk; PADDED: the start */
  GBytes      *spaces;    /* PADDED: a chunk of spaces */
  GBytes      *suffix;    /* PADDED: the end */
  guint64      padding;   /* PADDED: spaces between the start and the end */
  guint64      size;
  char        *content_type;
};

typedef struct
{
  RushesFakeProvider *provider;        /* borrowed: the server dies first */
  SoupServerMessage  *msg;             /* borrowed: the state is its object data */
  RushesFakeContent  *content;
  GSource            *source;
  guint64             offset;          /* next byte to hand to libsoup */
  guint64             end;             /* one past the last byte of the response */
  guint64             drop_at;         /* close the connection once this much is written */
  gsize               chunk_size;
  gsize               burst;           /* the size of the first chunk, when not 0 */
  guint               interval_ms;     /* between chunks; 0: as soon as one is written */
} RushesFakeDownload;

static void
rushes_fake_content_clear (gpointer data)
{
  RushesFakeContent *content = data;

  g_clear_pointer (&content->bytes, g_bytes_unref);
  g_clear_pointer (&content->spaces, g_bytes_unref);
  g_clear_pointer (&content->suffix, g_bytes_unref);
  g_clear_pointer (&content->content_type, g_free);
}

RushesFakeContent *
_rushes_fake_content_new_bytes (GBytes     *bytes,
                                const char *content_type)
{
  RushesFakeContent *content = g_rc_box_new0 (RushesFakeContent);

  content->kind = CONTENT_BYTES;
  content->bytes = g_bytes_ref (bytes);
  content->size = g_bytes_get_size (bytes);
  content->content_type = g_strdup (content_type);

  return content;
}

RushesFakeContent *
_rushes_fake_content_new_generated (guint64 size)
{
  RushesFakeContent *content = g_rc_box_new0 (RushesFakeContent);
  g_autoptr(GRand) rand = g_rand_new_with_seed (BLOB_SEED);
  guint8 *pattern = g_malloc (BLOB_PERIOD + CHUNK_SIZE);

  for (gsize i = 0; i < BLOB_PERIOD; i++)
    pattern[i] = g_rand_int_range (rand, 0, 256);
  /* Repeat the start so that any chunk is one contiguous slice. */
  for (gsize i = BLOB_PERIOD; i < BLOB_PERIOD + CHUNK_SIZE; i++)
    pattern[i] = pattern[i - BLOB_PERIOD];

  content->kind = CONTENT_GENERATED;
  content->bytes = g_bytes_new_take (pattern, BLOB_PERIOD + CHUNK_SIZE);
  content->size = size;
  content->content_type = g_strdup ("video/mp4");

  return content;
}

/* @prefix @padding spaces @suffix, streamed without ever being held: for
 * answers far larger than any sane client reads. */
RushesFakeContent *
_rushes_fake_content_new_padded (const char *prefix,
                                 guint64     padding,
                                 const char *suffix,
                                 const char *content_type)
{
  RushesFakeContent *content = g_rc_box_new0 (RushesFakeContent);
  char *spaces = g_malloc (CHUNK_SIZE);

  g_assert (strlen (prefix) < CHUNK_SIZE && strlen (suffix) < CHUNK_SIZE);

  memset (spaces, ' ', CHUNK_SIZE);
  content->kind = CONTENT_PADDED;
  content->bytes = g_bytes_new (prefix, strlen (prefix));
  content->spaces = g_bytes_new_take (spaces, CHUNK_SIZE);
  content->suffix = g_bytes_new (suffix, strlen (suffix));
  content->padding = padding;
  content->size = strlen (prefix) + padding + strlen (suffix);
  content->content_type = g_strdup (content_type);

  return content;
}

RushesFakeContent *
_rushes_fake_content_ref (RushesFakeContent *content)
{
  return g_rc_box_acquire (content);
}

void
_rushes_fake_content_unref (gpointer content)
{
  g_rc_box_release_full (content, rushes_fake_content_clear);
}

guint64
_rushes_fake_content_get_size (RushesFakeContent *content)
{
  return content->size;
}

/* Returns: (transfer none) (nullable): the whole content, if it is held as one buffer */
GBytes *
_rushes_fake_content_get_bytes (RushesFakeContent *content)
{
  return content->kind == CONTENT_BYTES ? content->bytes : NULL;
}

/* Returns: (transfer full): at most @max_length bytes from @offset; fewer at the
 *   end of the content or of one of its parts */
static GBytes *
rushes_fake_content_get_chunk (RushesFakeContent *content,
                               guint64            offset,
                               gsize              max_length)
{
  gsize prefix_size;
  gsize suffix_size;

  g_assert (offset < content->size);
  g_assert (max_length <= CHUNK_SIZE);

  switch (content->kind)
    {
    case CONTENT_BYTES:
      return g_bytes_new_from_bytes (content->bytes, offset, MIN (max_length, content->size - offset));

    case CONTENT_GENERATED:
      return g_bytes_new_from_bytes (content->bytes, offset % BLOB_PERIOD, MIN (max_length, content->size - offset));

    case CONTENT_PADDED:
      prefix_size = g_bytes_get_size (content->bytes);
      suffix_size = g_bytes_get_size (content->suffix);
      if (offset < prefix_size)
        return g_bytes_new_from_bytes (content->bytes, offset, MIN (max_length, prefix_size - offset));
      offset -= prefix_size;
      if (offset < content->padding)
        return g_bytes_new_from_bytes (content->spaces, 0, MIN (max_length, content->padding - offset));
      offset -= content->padding;
      return g_bytes_new_from_bytes (content->suffix, offset, MIN (max_length, suffix_size - offset));

    default:
      g_assert_not_reached ();
    }
}

/* Returns: (transfer full): the whole content as one buffer */
GBytes *
_rushes_fake_content_dup_all (RushesFakeContent *content)
{
  guint8 *data = g_malloc (content->size);
  guint64 offset = 0;

  while (offset < content->size)
    {
      g_autoptr(GBytes) chunk = rushes_fake_content_get_chunk (content, offset, CHUNK_SIZE);

      memcpy (data + offset, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      offset += g_bytes_get_size (chunk);
    }

  return g_bytes_new_take (data, content->size);
}

static void
rushes_fake_download_free (gpointer data)
{
  RushesFakeDownload *download = data;

  _rushes_fake_clear_source (&download->source);
  _rushes_fake_content_unref (download->content);
  g_free (download);
}

static void
rushes_fake_download_append (RushesFakeDownload *download)
{
  SoupMessageBody *body = soup_server_message_get_response_body (download->msg);
  guint64 limit = MIN (download->end, download->drop_at);
  gsize size = download->burst > 0 ? download->burst : download->chunk_size;
  g_autoptr(GBytes) chunk = NULL;

  g_assert (download->offset < limit);

  download->burst = 0;
  chunk = rushes_fake_content_get_chunk (download->content, download->offset,
                                         MIN (size, limit - download->offset));
  download->offset += g_bytes_get_size (chunk);
  soup_message_body_append_bytes (body, chunk);

  if (download->offset == download->end)
    soup_message_body_complete (body);
}

static void
rushes_fake_download_schedule (RushesFakeDownload *download,
                               guint               delay_ms,
                               GSourceFunc         callback)
{
  g_assert (download->source == NULL);

  download->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (download->source, callback, download, NULL);
  g_source_attach (download->source, _rushes_fake_provider_get_context (download->provider));
}

static gboolean
rushes_fake_download_drop_cb (gpointer user_data)
{
  RushesFakeDownload *download = user_data;
  SoupServerMessage *msg = download->msg;

  g_clear_pointer (&download->source, g_source_unref);
  /* Stealing may drop libsoup's reference to the message and with it this state. */
  g_object_ref (msg);
  _rushes_fake_provider_drop_connection (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

static gboolean
rushes_fake_download_trickle_cb (gpointer user_data)
{
  RushesFakeDownload *download = user_data;

  g_clear_pointer (&download->source, g_source_unref);
  rushes_fake_download_append (download);
  soup_server_message_unpause (download->msg);

  return G_SOURCE_REMOVE;
}

static void
rushes_fake_download_wrote_chunk_cb (SoupServerMessage  *msg,
                                     RushesFakeDownload *download)
{
  /* Everything appended so far has been written; without a next chunk
   * libsoup pauses the message, hence the unpause after appending. */
  if (download->offset == download->drop_at)
    rushes_fake_download_schedule (download, 0, rushes_fake_download_drop_cb);
  else if (download->offset == download->end)
    return;
  else if (download->interval_ms > 0)
    rushes_fake_download_schedule (download, download->interval_ms, rushes_fake_download_trickle_cb);
  else
    {
      rushes_fake_download_append (download);
      soup_server_message_unpause (msg);
    }
}

static void
rushes_fake_download_finished_cb (SoupServerMessage  *msg,
                                  RushesFakeDownload *download)
{
  _rushes_fake_clear_source (&download->source);
}

/* Streams bytes @start to @end of @content as the body of @msg, whose
 * status and headers are set. */
static RushesFakeDownload *
rushes_fake_download_new (RushesFakeProvider *provider,
                          SoupServerMessage  *msg,
                          RushesFakeContent  *content,
                          guint64             start,
                          guint64             end)
{
  RushesFakeDownload *download = g_new0 (RushesFakeDownload, 1);

  download->provider = provider;
  download->msg = msg;
  download->content = _rushes_fake_content_ref (content);
  download->offset = start;
  download->end = end;
  download->drop_at = G_MAXUINT64;
  download->chunk_size = CHUNK_SIZE;
  g_object_set_data_full (G_OBJECT (msg), "rushes-fake-download", download, rushes_fake_download_free);

  return download;
}

static void
rushes_fake_download_start (RushesFakeDownload *download)
{
  soup_message_body_set_accumulate (soup_server_message_get_response_body (download->msg), FALSE);
  g_signal_connect (download->msg, "wrote-chunk", G_CALLBACK (rushes_fake_download_wrote_chunk_cb), download);
  g_signal_connect (download->msg, "finished", G_CALLBACK (rushes_fake_download_finished_cb), download);
  if (download->offset == download->drop_at)
    rushes_fake_download_schedule (download, 0, rushes_fake_download_drop_cb);
  else
    rushes_fake_download_append (download);
}

typedef enum {
  RANGE_NONE,
  RANGE_SATISFIABLE,
  RANGE_UNSATISFIABLE,
} RangeKind;

/* Only the single ranges a resuming client sends: "bytes=N-" and "bytes=N-M".
 * Anything else is ignored and the whole body is served, as RFC 9110 allows. */
static RangeKind
parse_range (const char *header,
             guint64     size,
             guint64    *start,
             guint64    *end)
{
  g_auto(GStrv) bounds = NULL;
  guint64 first;
  guint64 last = G_MAXUINT64;

  if (header == NULL || !g_str_has_prefix (header, "bytes=") || strchr (header, ',') != NULL)
    return RANGE_NONE;

  bounds = g_strsplit (header + strlen ("bytes="), "-", 2);
  if (bounds[1] == NULL ||
      !g_ascii_string_to_unsigned (g_strstrip (bounds[0]), 10, 0, G_MAXUINT64, &first, NULL))
    return RANGE_NONE;
  if (*g_strstrip (bounds[1]) != '\0' &&
      (!g_ascii_string_to_unsigned (bounds[1], 10, first, G_MAXUINT64, &last, NULL)))
    return RANGE_NONE;

  if (first >= size)
    return RANGE_UNSATISFIABLE;

  *start = first;
  *end = MIN (last, size - 1) + 1;

  return RANGE_SATISFIABLE;
}

void
_rushes_fake_files_handler_cb (SoupServer        *server,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data)
{
  RushesFakeProvider *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  RushesFakeContent *content = NULL;
  RushesFakeDownload *download;
  guint64 start = 0;
  guint64 end;

  _rushes_fake_provider_record (self, msg);

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_replace (headers, "Allow", "GET, HEAD");
      return;
    }

  if (g_str_has_prefix (path, "/files/"))
    content = _rushes_fake_provider_lookup_file (self, path + strlen ("/files/"));
  if (content == NULL || _rushes_fake_provider_take_fault (self, "download-gone"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  /* The page, not the file, whatever range was asked: libsoup would
   * otherwise cut the page to the range itself. */
  if (_rushes_fake_provider_take_fault (self, "download-html"))
    {
      soup_message_headers_remove (request_headers, "Range");
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        access_denied, sizeof access_denied - 1);
      return;
    }

  end = content->size;
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  switch (parse_range (soup_message_headers_get_one (request_headers, "Range"), content->size, &start, &end))
    {
    case RANGE_NONE:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      break;

    case RANGE_SATISFIABLE:
      soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
      soup_message_headers_set_content_range (headers, start, end - 1, content->size);
      break;

    case RANGE_UNSATISFIABLE:
      {
        g_autofree char *range = g_strdup_printf ("bytes */%" G_GUINT64_FORMAT, content->size);

        soup_server_message_set_status (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, NULL);
        soup_message_headers_replace (headers, "Content-Range", range);
        return;
      }

    default:
      g_assert_not_reached ();
    }

  soup_message_headers_set_content_type (headers, content->content_type, NULL);
  soup_message_headers_set_content_length (headers, end - start);
  if (method == SOUP_METHOD_HEAD || start == end)
    {
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      return;
    }

  download = rushes_fake_download_new (self, msg, content, start, end);
  if (_rushes_fake_provider_take_fault (self, "download-drop"))
    download->drop_at = start + (end - start) / 2;
  if (_rushes_fake_provider_take_fault (self, "download-slow"))
    {
      download->chunk_size = SLOW_CHUNK_SIZE;
      download->interval_ms = SLOW_CHUNK_INTERVAL_MS;
    }
  else if (_rushes_fake_provider_take_fault (self, "download-stall"))
    {
      download->burst = STALL_BURST;
      download->chunk_size = 1;
      download->interval_ms = STALL_INTERVAL_MS;
    }
  rushes_fake_download_start (download);
}

/* Answers @msg with @content in chunked encoding: no Content-Length tells
 * the client in advance how much is coming. */
void
_rushes_fake_respond_streamed (RushesFakeProvider *self,
                               SoupServerMessage  *msg,
                               guint               status,
                               RushesFakeContent  *content)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  g_assert (content->size > 0);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (headers, content->content_type, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  rushes_fake_download_start (rushes_fake_download_new (self, msg, content, 0, content->size));
}
