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

#define G_LOG_DOMAIN "rushes-fake-provider"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rushes-fake-apixo-private.h"
#include "rushes-fake-catalog.h"
#include "rushes-fake-provider-private.h"
#include "rushes-fake-wavespeed-private.h"
#include "rushes-fake-wiro-private.h"

#define DEFAULT_BLOB_SIZE      (1024 * 1024)
/* The other host a redirect fault sends clients to: another name for the
 * same server, so that it answers, but another origin. */
#define FOREIGN_HOST           "localhost"
#define DEFAULT_STEP_INTERVAL  20
#define DEFAULT_WAVESPEED_BALANCE 42.5
#define DEFAULT_APIXO_BALANCE  74.87

struct _RushesFakeProvider
{
  GObject                parent_instance;

  /* Owned */
  char                  *video_path;
  SoupServer            *server;
  GMainContext          *context;
  RushesFakeWiro        *wiro;
  RushesFakeEnvelopeApi *wavespeed;
  RushesFakeEnvelopeApi *apixo;
  GBytes                *video;            /* the mapped MP4 */
  RushesFakeContent     *output;           /* what task outputs serve; NULL until needed */
  GBytes                *materialized;     /* a generated output as one buffer, for tests */
  GHashTable            *faults;           /* name -> remaining count */
  GPtrArray             *requests;         /* RushesFakeRequest */
  GHashTable            *files;            /* name under /files/ -> RushesFakeContent */
  GPtrArray             *held_streams;     /* GIOStream of requests never answered */

  double                 wavespeed_balance;
  double                 apixo_balance;
  guint64                output_size;      /* 0: serve the video */
  guint                  port;
  guint                  step_interval;
};

G_DEFINE_FINAL_TYPE (RushesFakeProvider, rushes_fake_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VIDEO_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const fault_names[] = {
  "submit-401",
  "submit-error-97",
  "submit-error-96",
  "submit-402",
  "submit-error-in-200",
  "submit-no-answer",
  "submit-drop",
  "status-429",
  "status-500",
  "status-malformed",
  "download-drop",
  "download-slow",
  "download-gone",
  "download-html",
  "download-stall",
  "pexit-1",
  "task-failed",
  "task-cancelled",
  "task-timeout",
  "response-variants",
  "socket-drop",
  "socket-refuse",
  "socket-frames-variants",
  "tool-parameters-null",
  "tool-dynamicprice-garbage",
  "tool-no-prompt",
  "tool-list-malformed",
  "task-deleted",
  "multipart-upload-gone",
  "two-step-upload-gone",
  "wavespeed-balance-401",
  "wavespeed-balance-garbage",
  "apixo-balance-401",
  "apixo-balance-garbage",
  "task-error",
  "task-failed-hostile",
  "submit-error-hostile",
  "output-size-mismatch",
  "output-file-url",
  "status-deep-nesting",
  "status-huge",
  "socket-deep-nesting",
  "redirect-302",
  "redirect-303",
  NULL
};

static void
rushes_fake_field_free (gpointer data)
{
  RushesFakeField *field = data;

  g_free (field->name);
  g_free (field->value);
  g_free (field->filename);
  g_free (field->content_type);
  g_clear_pointer (&field->data, g_bytes_unref);
  g_free (field->sha256);
  g_free (field);
}

static void
rushes_fake_request_free (gpointer data)
{
  RushesFakeRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->content_type);
  g_free (request->body_error);
  g_ptr_array_unref (request->fields);
  g_hash_table_unref (request->headers);
  g_free (request);
}

static void
rushes_fake_request_add_text (RushesFakeRequest *request,
                              const char        *name,
                              char              *value,
                              gboolean           is_json)
{
  RushesFakeField *field = g_new0 (RushesFakeField, 1);

  field->name = g_strdup (name);
  field->value = value;
  field->is_json = is_json;
  g_ptr_array_add (request->fields, field);
}

static void
collect_header_cb (const char *name,
                   const char *value,
                   gpointer    user_data)
{
  GHashTable *headers = user_data;
  g_autofree char *key = g_ascii_strdown (name, -1);
  const char *previous = g_hash_table_lookup (headers, key);

  if (previous != NULL)
    g_hash_table_insert (headers, g_steal_pointer (&key), g_strdup_printf ("%s, %s", previous, value));
  else
    g_hash_table_insert (headers, g_steal_pointer (&key), g_strdup (value));
}

static void
rushes_fake_request_decode_multipart (RushesFakeRequest  *request,
                                      SoupMessageHeaders *headers,
                                      GBytes             *body)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);
  int n_parts;

  if (multipart == NULL)
    {
      request->body_error = g_strdup ("Malformed multipart body");
      return;
    }

  n_parts = soup_multipart_get_length (multipart);
  for (int i = 0; i < n_parts; i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name;
      const char *filename;
      RushesFakeField *field;

      soup_multipart_get_part (multipart, i, &part_headers, &part_body);
      if (!soup_message_headers_get_content_disposition (part_headers, &disposition, &params) ||
          g_ascii_strcasecmp (disposition, "form-data") != 0 ||
          (name = g_hash_table_lookup (params, "name")) == NULL)
        {
          g_clear_pointer (&request->body_error, g_free);
          request->body_error = g_strdup ("Multipart part without a form-data name");
          continue;
        }

      filename = g_hash_table_lookup (params, "filename");
      if (filename == NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (part_body, &size);

          rushes_fake_request_add_text (request, name, g_strndup (data, size), FALSE);
          continue;
        }

      field = g_new0 (RushesFakeField, 1);
      field->name = g_strdup (name);
      field->filename = g_strdup (filename);
      field->content_type = g_strdup (soup_message_headers_get_content_type (part_headers, NULL));
      field->data = g_bytes_ref (part_body);
      field->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, part_body);
      g_ptr_array_add (request->fields, field);
    }
}

static void
add_json_member_cb (JsonObject  *object,
                    const char  *name,
                    JsonNode    *node,
                    gpointer     user_data)
{
  RushesFakeRequest *request = user_data;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    rushes_fake_request_add_text (request, name, g_strdup (json_node_get_string (node)), FALSE);
  else
    rushes_fake_request_add_text (request, name, json_to_string (node, FALSE), TRUE);
}

static void
rushes_fake_request_decode_json (RushesFakeRequest *request,
                                 GBytes            *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, size, &error))
    {
      request->body_error = g_strdup_printf ("Malformed JSON body: %s", error->message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      request->body_error = g_strdup ("The JSON body is not an object");
      return;
    }

  json_object_foreach_member (json_node_get_object (root), add_json_member_cb, request);
}

static void
rushes_fake_request_decode_form (RushesFakeRequest *request,
                                 GBytes            *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *text = g_strndup (data, size);
  g_autoptr(GHashTable) form = soup_form_decode (text);
  GHashTableIter iter;
  gpointer name;
  gpointer value;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &name, &value))
    rushes_fake_request_add_text (request, name, g_strdup (value), FALSE);
}

static RushesFakeRequest *
rushes_fake_request_new (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RushesFakeRequest *request = g_new0 (RushesFakeRequest, 1);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  request->fields = g_ptr_array_new_with_free_func (rushes_fake_field_free);
  request->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  soup_message_headers_foreach (headers, collect_header_cb, request->headers);
  request->foreign = g_str_has_prefix (g_hash_table_lookup (request->headers, "host") ?: "", FOREIGN_HOST ":");

  if (request->content_type == NULL || g_bytes_get_size (body) == 0)
    return request;

  if (g_ascii_strcasecmp (request->content_type, "multipart/form-data") == 0)
    rushes_fake_request_decode_multipart (request, headers, body);
  else if (g_ascii_strcasecmp (request->content_type, "application/json") == 0)
    rushes_fake_request_decode_json (request, body);
  else if (g_ascii_strcasecmp (request->content_type, "application/x-www-form-urlencoded") == 0)
    rushes_fake_request_decode_form (request, body);

  return request;
}

static char *
rushes_fake_field_dup_summary (const RushesFakeField *field)
{
  if (field->data == NULL)
    return g_strdup (field->value);

  return g_strdup_printf ("file:%s:%" G_GSIZE_FORMAT ":%s",
                          field->filename, g_bytes_get_size (field->data), field->sha256);
}

/* A suffix ending in "/" names a folder: "/files/" matches every served file. */
static gboolean
path_matches (const char *path,
              const char *path_suffix)
{
  if (g_str_has_suffix (path_suffix, "/"))
    return strstr (path, path_suffix) != NULL;

  return g_str_has_suffix (path, path_suffix);
}

static RushesFakeRequest *
rushes_fake_provider_find_last_request (RushesFakeProvider *self,
                                        const char         *path_suffix)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      RushesFakeRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (path_matches (request->path, path_suffix))
        return request;
    }

  return NULL;
}

static gboolean
rushes_fake_provider_parse_fault (const char  *fault,
                                  char       **name,
                                  guint       *count,
                                  GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (fault, "*", 2);
  guint64 times = 1;

  if (!g_strv_contains (fault_names, parts[0]))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown fault “%s”", parts[0]);
      return FALSE;
    }

  if (parts[1] != NULL &&
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &times, error))
    {
      g_prefix_error (error, "Bad repeat count in fault “%s”: ", fault);
      return FALSE;
    }

  if (name != NULL)
    *name = g_strdup (parts[0]);
  if (count != NULL)
    *count = times;

  return TRUE;
}

static char *
rushes_fake_provider_build_url (RushesFakeProvider *self,
                                const char         *scheme,
                                const char         *path)
{
  g_assert (self->port != 0);

  return g_strdup_printf ("%s://127.0.0.1:%u%s", scheme, self->port, path);
}

static RushesFakeContent *
rushes_fake_provider_get_output (RushesFakeProvider *self)
{
  if (self->output != NULL)
    return self->output;

  if (self->output_size > 0)
    self->output = _rushes_fake_content_new_generated (self->output_size);
  else if (self->video != NULL)
    self->output = _rushes_fake_content_new_bytes (self->video, "video/mp4");
  else
    self->output = _rushes_fake_content_new_generated (DEFAULT_BLOB_SIZE);

  return self->output;
}

static void
rushes_fake_provider_add_content (RushesFakeProvider *self,
                                  const char         *name,
                                  RushesFakeContent  *content)
{
  g_hash_table_insert (self->files, g_strdup (name), content);
}

static void
held_stream_free (gpointer data)
{
  GIOStream *stream = data;

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

/**
 * _rushes_fake_clear_source:
 * @source: a timer or idle of a task or a download, or %NULL
 *
 * Stops it and drops it.
 */
void
_rushes_fake_clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
rushes_fake_request_to_json (const RushesFakeRequest *request,
                             JsonBuilder             *builder)
{
  GHashTableIter iter;
  gpointer name;
  gpointer value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, request->method);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, request->path);
  json_builder_set_member_name (builder, "foreign");
  json_builder_add_boolean_value (builder, request->foreign);
  json_builder_set_member_name (builder, "content_type");
  if (request->content_type != NULL)
    json_builder_add_string_value (builder, request->content_type);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < request->fields->len; i++)
    {
      const RushesFakeField *field = g_ptr_array_index (request->fields, i);

      json_builder_set_member_name (builder, field->name);
      if (field->data == NULL)
        {
          json_builder_add_string_value (builder, field->value);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "filename");
      json_builder_add_string_value (builder, field->filename);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (field->data));
      json_builder_set_member_name (builder, "content_type");
      json_builder_add_string_value (builder, field->content_type);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, field->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, request->headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
control_handler_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  RushesFakeProvider *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/_fake/fault") && method == SOUP_METHOD_POST)
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autofree char *fault = g_strstrip (g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
      g_autoptr(GError) error = NULL;

      if (!rushes_fake_provider_check_fault (fault, &error))
        {
          respond_text (msg, SOUP_STATUS_BAD_REQUEST, error->message);
          return;
        }

      rushes_fake_provider_add_fault (self, fault);
      respond_text (msg, SOUP_STATUS_OK, "ok\n");
    }
  else if (g_str_equal (path, "/_fake/requests") && method == SOUP_METHOD_GET)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < self->requests->len; i++)
        rushes_fake_request_to_json (g_ptr_array_index (self->requests, i), builder);
      json_builder_end_array (builder);
      _rushes_fake_respond_json (msg, SOUP_STATUS_OK, builder);
    }
  else if (g_str_has_prefix (path, "/_fake/balance/") && method == SOUP_METHOD_POST)
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autofree char *text = g_strstrip (g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
      const char *provider = path + strlen ("/_fake/balance/");
      char *end = NULL;
      double balance = g_ascii_strtod (text, &end);

      if (!g_str_equal (provider, "wavespeed") && !g_str_equal (provider, "apixo"))
        respond_text (msg, SOUP_STATUS_NOT_FOUND, "Only wavespeed and apixo have a balance\n");
      else if (*text == '\0' || *end != '\0' || !isfinite (balance))
        respond_text (msg, SOUP_STATUS_BAD_REQUEST, "The body must be a number of USD\n");
      else
        {
          rushes_fake_provider_set_balance (self, provider, balance);
          respond_text (msg, SOUP_STATUS_OK, "ok\n");
        }
    }
  else if (g_str_equal (path, "/_fake/reset") && method == SOUP_METHOD_POST)
    {
      g_hash_table_remove_all (self->faults);
      g_ptr_array_set_size (self->requests, 0);
      respond_text (msg, SOUP_STATUS_OK, "ok\n");
    }
  else
    {
      respond_text (msg, SOUP_STATUS_NOT_FOUND, "Unknown control route\n");
    }
}

static void
rushes_fake_provider_dispose (GObject *object)
{
  RushesFakeProvider *self = RUSHES_FAKE_PROVIDER (object);

  /* Disconnecting first ends every download and request in flight. */
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->wiro);
  g_clear_pointer (&self->wavespeed, _rushes_fake_envelope_api_free);
  g_clear_pointer (&self->apixo, _rushes_fake_envelope_api_free);
  g_clear_pointer (&self->held_streams, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_fake_provider_parent_class)->dispose (object);
}

static void
rushes_fake_provider_finalize (GObject *object)
{
  RushesFakeProvider *self = RUSHES_FAKE_PROVIDER (object);

  g_free (self->video_path);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->video, g_bytes_unref);
  g_clear_pointer (&self->output, _rushes_fake_content_unref);
  g_clear_pointer (&self->materialized, g_bytes_unref);
  g_hash_table_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->files);

  G_OBJECT_CLASS (rushes_fake_provider_parent_class)->finalize (object);
}

static void
rushes_fake_provider_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RushesFakeProvider *self = RUSHES_FAKE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_VIDEO_PATH:
      g_value_set_string (value, self->video_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_fake_provider_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RushesFakeProvider *self = RUSHES_FAKE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_VIDEO_PATH:
      self->video_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_fake_provider_class_init (RushesFakeProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_fake_provider_dispose;
  object_class->finalize = rushes_fake_provider_finalize;
  object_class->get_property = rushes_fake_provider_get_property;
  object_class->set_property = rushes_fake_provider_set_property;

  /**
   * RushesFakeProvider:video-path:
   *
   * The MP4 that finished tasks serve as their output, or %NULL for a generated blob.
   */
  properties[PROP_VIDEO_PATH] =
    g_param_spec_string ("video-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_fake_provider_init (RushesFakeProvider *self)
{
  self->step_interval = DEFAULT_STEP_INTERVAL;
  self->wavespeed_balance = DEFAULT_WAVESPEED_BALANCE;
  self->apixo_balance = DEFAULT_APIXO_BALANCE;
  self->faults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->requests = g_ptr_array_new_with_free_func (rushes_fake_request_free);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _rushes_fake_content_unref);
  self->held_streams = g_ptr_array_new_with_free_func (held_stream_free);
  self->wiro = _rushes_fake_wiro_new (self);
  self->wavespeed = _rushes_fake_wavespeed_new (self);
  self->apixo = _rushes_fake_apixo_new (self);
}

const RushesFakeField *
_rushes_fake_request_get_field (const RushesFakeRequest *request,
                                const char              *name)
{
  for (guint i = request->fields->len; i > 0; i--)
    {
      const RushesFakeField *field = g_ptr_array_index (request->fields, i - 1);

      if (g_str_equal (field->name, name))
        return field;
    }

  return NULL;
}

const char *
_rushes_fake_request_get_text (const RushesFakeRequest *request,
                               const char              *name)
{
  const RushesFakeField *field = _rushes_fake_request_get_field (request, name);

  return field != NULL ? field->value : NULL;
}

RushesFakeRequest *
_rushes_fake_provider_record (RushesFakeProvider *self,
                              SoupServerMessage  *msg)
{
  RushesFakeRequest *request = rushes_fake_request_new (msg);

  g_debug ("%s %s (%u fields)", request->method, request->path, request->fields->len);
  g_ptr_array_add (self->requests, request);

  return request;
}

gboolean
_rushes_fake_provider_take_fault (RushesFakeProvider *self,
                                  const char         *fault)
{
  guint remaining = GPOINTER_TO_UINT (g_hash_table_lookup (self->faults, fault));

  g_assert (g_strv_contains (fault_names, fault));

  if (remaining == 0)
    return FALSE;

  g_debug ("Applying fault %s", fault);
  if (remaining == 1)
    g_hash_table_remove (self->faults, fault);
  else
    g_hash_table_insert (self->faults, g_strdup (fault), GUINT_TO_POINTER (remaining - 1));

  return TRUE;
}

/* The redirect faults: an API answer sends the client to the same path on
 * FOREIGN_HOST, which serves the same API; what arrives there is recorded
 * as foreign, credentials included. A foreign request is never redirected.
 *
 * Returns: %TRUE once @msg has been answered with a redirect */
gboolean
_rushes_fake_provider_redirect (RushesFakeProvider      *self,
                                SoupServerMessage       *msg,
                                const RushesFakeRequest *request)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *location = NULL;
  guint status;

  if (request->foreign)
    return FALSE;
  if (_rushes_fake_provider_take_fault (self, "redirect-302"))
    status = SOUP_STATUS_FOUND;
  else if (_rushes_fake_provider_take_fault (self, "redirect-303"))
    status = SOUP_STATUS_SEE_OTHER;
  else
    return FALSE;

  location = g_strdup_printf ("http://" FOREIGN_HOST ":%u%s%s%s", self->port, g_uri_get_path (uri),
                              g_uri_get_query (uri) != NULL ? "?" : "", g_uri_get_query (uri) ?: "");
  soup_server_message_set_redirect (msg, status, location);

  return TRUE;
}

guint
_rushes_fake_provider_get_step_interval (RushesFakeProvider *self)
{
  return self->step_interval;
}

GMainContext *
_rushes_fake_provider_get_context (RushesFakeProvider *self)
{
  return self->context;
}

char *
_rushes_fake_provider_publish_output (RushesFakeProvider *self,
                                      const char         *name,
                                      guint64            *size)
{
  RushesFakeContent *output = rushes_fake_provider_get_output (self);
  g_autofree char *path = g_strconcat ("/files/", name, NULL);

  rushes_fake_provider_add_content (self, name, _rushes_fake_content_ref (output));
  *size = _rushes_fake_content_get_size (output);

  return rushes_fake_provider_build_url (self, "http", path);
}

/* Returns: (transfer none) (nullable): what /files/@name serves */
RushesFakeContent *
_rushes_fake_provider_lookup_file (RushesFakeProvider *self,
                                   const char         *name)
{
  return g_hash_table_lookup (self->files, name);
}

char *
_rushes_fake_provider_publish_bytes (RushesFakeProvider *self,
                                     const char         *name,
                                     GBytes             *bytes,
                                     const char         *content_type)
{
  g_autofree char *path = g_strconcat ("/files/", name, NULL);

  rushes_fake_provider_add_content (self, name, _rushes_fake_content_new_bytes (bytes, content_type));

  return rushes_fake_provider_build_url (self, "http", path);
}

/* The request was read; the client waits for an answer that never comes. */
void
_rushes_fake_provider_hold_connection (RushesFakeProvider *self,
                                       SoupServerMessage  *msg)
{
  g_ptr_array_add (self->held_streams, soup_server_message_steal_connection (msg));
}

void
_rushes_fake_provider_drop_connection (SoupServerMessage *msg)
{
  held_stream_free (soup_server_message_steal_connection (msg));
}

void
_rushes_fake_respond_json (SoupServerMessage *msg,
                           guint              status,
                           JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

char *
_rushes_fake_random_string (guint length)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *string = g_malloc (length + 1);

  for (guint i = 0; i < length; i++)
    string[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  string[length] = '\0';

  return string;
}

/* Returns: (transfer full): @value as JSON the way a person writes it:
 *   "0.8", where json-glib 1.6 writes "0.80000000000000004" */
char *
_rushes_fake_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (isfinite (value));

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

double
_rushes_fake_provider_get_balance (RushesFakeProvider *self,
                                   const char         *provider)
{
  return g_str_equal (provider, "wavespeed") ? self->wavespeed_balance : self->apixo_balance;
}

/* @name: a file of catalog/
 * @text: (out) (optional): its text, NUL-terminated
 *
 * Returns: (transfer full): its JSON, which the build has checked */
JsonNode *
_rushes_fake_load_catalog (const char  *name,
                           GBytes     **text)
{
  g_autofree char *path = g_strconcat ("/org/rushes/FakeProvider/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  bytes = g_resource_lookup_data (_rushes_fake_catalog_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* Resource data is always NUL-terminated. */
  root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);
  if (text != NULL)
    *text = g_steal_pointer (&bytes);

  return root;
}

/* The request body as JSON, or NULL with the reason. */
JsonNode *
_rushes_fake_request_parse_body (SoupServerMessage  *msg,
                                 char              **error)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (g_bytes_get_size (body) == 0)
    {
      *error = g_strdup ("The request has no body");
      return NULL;
    }

  root = json_from_string (g_bytes_get_data (body, NULL), &local_error);
  if (root == NULL)
    {
      *error = g_strdup_printf ("Malformed JSON body: %s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      *error = g_strdup ("The JSON body is not an object");
      return NULL;
    }

  return root;
}

char *
_rushes_fake_provider_build_url (RushesFakeProvider *self,
                                 const char         *path)
{
  return rushes_fake_provider_build_url (self, "http", path);
}

/**
 * rushes_fake_provider_new:
 * @video_path: (nullable): the MP4 to serve as every task's output
 *
 * Without a video, outputs are a generated blob of 1 MiB
 * (see rushes_fake_provider_set_output_size()).
 */
RushesFakeProvider *
rushes_fake_provider_new (const char *video_path)
{
  return g_object_new (RUSHES_TYPE_FAKE_PROVIDER,
                       "video-path", video_path,
                       NULL);
}

/**
 * rushes_fake_provider_set_port:
 *
 * The port rushes_fake_provider_start() listens on; 0 (the default) picks a free one.
 */
void
rushes_fake_provider_set_port (RushesFakeProvider *self,
                               guint               port)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));
  g_return_if_fail (self->server == NULL);
  g_return_if_fail (port <= G_MAXUINT16);

  self->port = port;
}

/**
 * rushes_fake_provider_start:
 *
 * Maps the video and listens on 127.0.0.1. The server, the task clocks and
 * the sockets run on the thread-default main context of the caller.
 */
gboolean
rushes_fake_provider_start (RushesFakeProvider  *self,
                            GError             **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->video_path != NULL)
    {
      mapped = g_mapped_file_new (self->video_path, FALSE, error);
      if (mapped == NULL)
        return FALSE;
      self->video = g_mapped_file_get_bytes (mapped);
    }

  self->context = g_main_context_ref_thread_default ();
  self->server = soup_server_new ("server-header", "rushes-fake-provider ", NULL);
  soup_server_add_handler (self->server, "/files", _rushes_fake_files_handler_cb, self, NULL);
  soup_server_add_handler (self->server, "/_fake", control_handler_cb, self, NULL);
  _rushes_fake_wiro_add_handlers (self->wiro, self->server);
  _rushes_fake_envelope_api_add_handler (self->wavespeed, self->server);
  _rushes_fake_wavespeed_add_storage_handler (self->wavespeed, self->server);
  _rushes_fake_envelope_api_add_handler (self->apixo, self->server);

  if (!soup_server_listen_local (self->server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_clear_object (&self->server);
      g_clear_pointer (&self->context, g_main_context_unref);
      g_clear_pointer (&self->video, g_bytes_unref);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  g_debug ("Listening on 127.0.0.1:%u", self->port);

  return TRUE;
}

/**
 * rushes_fake_provider_get_base_url:
 * @provider: "wiro", "wavespeed" or "apixo"
 *
 * Returns: (transfer full): the REST base, without a trailing slash
 */
char *
rushes_fake_provider_get_base_url (RushesFakeProvider *self,
                                   const char         *provider)
{
  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (self->server != NULL, NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  if (g_str_equal (provider, "wiro"))
    return rushes_fake_provider_build_url (self, "http", "/wiro/v1");
  if (g_str_equal (provider, "wavespeed"))
    return rushes_fake_provider_build_url (self, "http", RUSHES_FAKE_WAVESPEED_PREFIX);
  if (g_str_equal (provider, "apixo"))
    return rushes_fake_provider_build_url (self, "http", RUSHES_FAKE_APIXO_PREFIX);

  g_return_val_if_reached (NULL);
}

char *
rushes_fake_provider_get_socket_url (RushesFakeProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (self->server != NULL, NULL);

  return rushes_fake_provider_build_url (self, "ws", "/wiro/socket");
}

char *
rushes_fake_provider_get_control_url (RushesFakeProvider *self)
{
  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (self->server != NULL, NULL);

  return rushes_fake_provider_build_url (self, "http", "/_fake");
}

/**
 * rushes_fake_provider_set_wiro_credentials:
 * @key: (nullable): the API key; %NULL accepts any non-empty key
 * @secret: (nullable): the API secret, %NULL for a key-only project
 */
void
rushes_fake_provider_set_wiro_credentials (RushesFakeProvider *self,
                                           const char         *key,
                                           const char         *secret)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));
  g_return_if_fail (key != NULL || secret == NULL);

  _rushes_fake_wiro_set_credentials (self->wiro, key, secret);
}

/**
 * rushes_fake_provider_set_wiro_cost:
 * @cost_usd: what every successful Wiro task bills, or a negative value
 *   for the catalog's prices
 */
void
rushes_fake_provider_set_wiro_cost (RushesFakeProvider *self,
                                    double              cost_usd)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));

  if (cost_usd < 0)
    {
      _rushes_fake_wiro_set_cost (self->wiro, NULL);
    }
  else
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      /* Twelve decimals, as Wiro writes totalcost. */
      _rushes_fake_wiro_set_cost (self->wiro, g_ascii_formatd (buffer, sizeof buffer, "%.12f", cost_usd));
    }
}

/**
 * rushes_fake_provider_set_wavespeed_key:
 * @key: (nullable): the API key to accept as `Authorization: Bearer`; %NULL
 *   accepts any non-empty key
 */
void
rushes_fake_provider_set_wavespeed_key (RushesFakeProvider *self,
                                        const char         *key)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));

  _rushes_fake_envelope_api_set_key (self->wavespeed, key);
}

/**
 * rushes_fake_provider_set_apixo_key:
 * @key: (nullable): the API key to accept as `Authorization: Bearer`; %NULL
 *   accepts any non-empty key
 */
void
rushes_fake_provider_set_apixo_key (RushesFakeProvider *self,
                                    const char         *key)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));

  _rushes_fake_envelope_api_set_key (self->apixo, key);
}

/**
 * rushes_fake_provider_set_balance:
 * @provider: "wavespeed" or "apixo" (Wiro publishes no balance)
 * @balance: USD
 *
 * What the balance routes answer from now on: 42.5 and 74.87 until set.
 */
void
rushes_fake_provider_set_balance (RushesFakeProvider *self,
                                  const char         *provider,
                                  double              balance)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));
  g_return_if_fail (provider != NULL);
  g_return_if_fail (isfinite (balance));

  if (g_str_equal (provider, "wavespeed"))
    self->wavespeed_balance = balance;
  else if (g_str_equal (provider, "apixo"))
    self->apixo_balance = balance;
  else
    g_return_if_reached ();
}

/**
 * rushes_fake_provider_set_wavespeed_strict:
 * @strict: whether a submit or a price quote naming a field the model's
 *   schema does not is refused (the default); otherwise such fields are
 *   dropped silently, as the live API does
 *
 * Types, enums and ranges are checked either way, for every model
 * `GET /models` lists with a schema.
 */
void
rushes_fake_provider_set_wavespeed_strict (RushesFakeProvider *self,
                                           gboolean            strict)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));

  _rushes_fake_wavespeed_set_strict (self->wavespeed, strict);
}

/**
 * rushes_fake_provider_set_step_interval:
 *
 * Sets the time between two task state changes, from the next change on.
 */
void
rushes_fake_provider_set_step_interval (RushesFakeProvider *self,
                                        guint               msec)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));

  self->step_interval = msec;
}

/**
 * rushes_fake_provider_set_output_size:
 * @size: bytes, or 0 to serve the video again
 *
 * Makes the outputs of tasks that finish from now on a generated blob of
 * @size bytes, streamed without ever holding it in memory.
 */
void
rushes_fake_provider_set_output_size (RushesFakeProvider *self,
                                      guint64             size)
{
  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));

  if (self->output_size == size)
    return;

  self->output_size = size;
  g_clear_pointer (&self->output, _rushes_fake_content_unref);
  g_clear_pointer (&self->materialized, g_bytes_unref);
}

/**
 * rushes_fake_provider_check_fault:
 * @fault: a fault name, optionally followed by "*N"
 *
 * Returns: whether rushes_fake_provider_add_fault() accepts @fault
 */
gboolean
rushes_fake_provider_check_fault (const char  *fault,
                                  GError     **error)
{
  g_return_val_if_fail (fault != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return rushes_fake_provider_parse_fault (fault, NULL, NULL, error);
}

/**
 * rushes_fake_provider_add_fault:
 * @fault: a fault name, optionally followed by "*N" to apply it N times
 *
 * Adding a fault that is already pending adds to its count.
 */
void
rushes_fake_provider_add_fault (RushesFakeProvider *self,
                                const char         *fault)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint count;

  g_return_if_fail (RUSHES_IS_FAKE_PROVIDER (self));
  g_return_if_fail (fault != NULL);

  if (!rushes_fake_provider_parse_fault (fault, &name, &count, &error))
    {
      g_critical ("%s", error->message);
      return;
    }

  count += GPOINTER_TO_UINT (g_hash_table_lookup (self->faults, name));
  g_hash_table_insert (self->faults, g_steal_pointer (&name), GUINT_TO_POINTER (count));
}

/**
 * rushes_fake_provider_count_requests:
 * @path_suffix: the end of the path, e.g. "/Task/Detail"; one ending in "/"
 *   matches every path under it, e.g. "/files/"
 */
guint
rushes_fake_provider_count_requests (RushesFakeProvider *self,
                                     const char         *path_suffix)
{
  guint count = 0;

  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), 0);
  g_return_val_if_fail (path_suffix != NULL, 0);

  for (guint i = 0; i < self->requests->len; i++)
    {
      const RushesFakeRequest *request = g_ptr_array_index (self->requests, i);

      if (path_matches (request->path, path_suffix))
        count++;
    }

  return count;
}

/**
 * rushes_fake_provider_count_foreign_requests:
 * @header: (nullable): a header name, in any case
 *
 * Counts the requests that followed a redirect fault to the other host
 * (`localhost` instead of `127.0.0.1`); with @header, only those that
 * carried it there, e.g. "authorization" or "x-api-key".
 */
guint
rushes_fake_provider_count_foreign_requests (RushesFakeProvider *self,
                                             const char         *header)
{
  g_autofree char *key = NULL;
  guint count = 0;

  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), 0);

  if (header != NULL)
    key = g_ascii_strdown (header, -1);
  for (guint i = 0; i < self->requests->len; i++)
    {
      const RushesFakeRequest *request = g_ptr_array_index (self->requests, i);

      if (request->foreign && (key == NULL || g_hash_table_contains (request->headers, key)))
        count++;
    }

  return count;
}

/**
 * rushes_fake_provider_dup_last_fields:
 *
 * Returns: (transfer full) (nullable): name -> value of the last matching request:
 *   form text as sent, a file part as "file:<filename>:<size>:<sha256hex>", a JSON
 *   member as its string or, for other JSON values, as JSON text. A repeated name
 *   keeps its last value. %NULL if no request matched.
 */
GHashTable *
rushes_fake_provider_dup_last_fields (RushesFakeProvider *self,
                                      const char         *path_suffix)
{
  RushesFakeRequest *request;
  GHashTable *fields;

  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (path_suffix != NULL, NULL);

  request = rushes_fake_provider_find_last_request (self, path_suffix);
  if (request == NULL)
    return NULL;

  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < request->fields->len; i++)
    {
      const RushesFakeField *field = g_ptr_array_index (request->fields, i);

      g_hash_table_insert (fields, g_strdup (field->name), rushes_fake_field_dup_summary (field));
    }

  return fields;
}

/**
 * rushes_fake_provider_dup_last_header:
 * @name: a header name, in any case
 *
 * Returns: (transfer full) (nullable): the header of the last matching request
 */
char *
rushes_fake_provider_dup_last_header (RushesFakeProvider *self,
                                      const char         *path_suffix,
                                      const char         *name)
{
  RushesFakeRequest *request;
  g_autofree char *key = NULL;

  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (path_suffix != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  request = rushes_fake_provider_find_last_request (self, path_suffix);
  if (request == NULL)
    return NULL;

  key = g_ascii_strdown (name, -1);

  return g_strdup (g_hash_table_lookup (request->headers, key));
}

/**
 * rushes_fake_provider_get_video_bytes:
 *
 * The bytes a task output serves now. A generated output is built in memory
 * on the first call.
 *
 * Returns: (transfer none): the output, valid until the output size changes
 *   or @self is finalized
 */
GBytes *
rushes_fake_provider_get_video_bytes (RushesFakeProvider *self)
{
  RushesFakeContent *output;

  g_return_val_if_fail (RUSHES_IS_FAKE_PROVIDER (self), NULL);
  g_return_val_if_fail (self->server != NULL, NULL);

  output = rushes_fake_provider_get_output (self);
  if (_rushes_fake_content_get_bytes (output) != NULL)
    return _rushes_fake_content_get_bytes (output);

  if (self->materialized == NULL)
    self->materialized = _rushes_fake_content_dup_all (output);

  return self->materialized;
}
