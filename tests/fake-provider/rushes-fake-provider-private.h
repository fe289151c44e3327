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

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rushes-fake-provider.h"

G_BEGIN_DECLS

/* One decoded request field: form text, a file part, or a top-level JSON member. */
typedef struct
{
  char     *name;
  char     *value;         /* text; JSON text when is_json; NULL for a file part */
  char     *filename;      /* file parts only */
  char     *content_type;  /* file parts only */
  GBytes   *data;          /* file parts only */
  char     *sha256;        /* file parts only */
  gboolean  is_json;       /* value holds a JSON value other than a string */
} RushesFakeField;

typedef struct
{
  char       *method;
  char       *path;
  char       *content_type;  /* media type without parameters, or NULL */
  char       *body_error;    /* why the body could not be decoded, or NULL */
  GPtrArray  *fields;        /* RushesFakeField, in request order */
  GHashTable *headers;       /* lower-case name -> value */
  gboolean    foreign;       /* it came to the other host a redirect fault names */
} RushesFakeRequest;

/* What a URL under /files/ serves (rushes-fake-files.c). */
typedef struct _RushesFakeContent RushesFakeContent;

RushesFakeContent     *_rushes_fake_content_new_bytes     (GBytes                  *bytes,
                                                            const char              *content_type);
RushesFakeContent     *_rushes_fake_content_new_generated (guint64                  size);
RushesFakeContent     *_rushes_fake_content_new_padded    (const char              *prefix,
                                                            guint64                  padding,
                                                            const char              *suffix,
                                                            const char              *content_type);
RushesFakeContent     *_rushes_fake_content_ref           (RushesFakeContent       *content);
void                   _rushes_fake_content_unref         (gpointer                 content);
guint64                _rushes_fake_content_get_size      (RushesFakeContent       *content);
GBytes                *_rushes_fake_content_get_bytes     (RushesFakeContent       *content);
GBytes                *_rushes_fake_content_dup_all       (RushesFakeContent       *content);
void                   _rushes_fake_files_handler_cb      (SoupServer              *server,
                                                            SoupServerMessage       *msg,
                                                            const char              *path,
                                                            GHashTable              *query,
                                                            gpointer                 user_data);
void                   _rushes_fake_respond_streamed      (RushesFakeProvider      *self,
                                                            SoupServerMessage       *msg,
                                                            guint                    status,
                                                            RushesFakeContent       *content);

/* Hostile answers (rushes-fake-hostile.c). */
const char            *_rushes_fake_hostile_text          (void);
GBytes                *_rushes_fake_dup_nested_json       (const char              *prefix,
                                                            const char              *suffix);
void                   _rushes_fake_respond_nested        (SoupServerMessage       *msg,
                                                            const char              *prefix,
                                                            const char              *suffix);
void                   _rushes_fake_respond_huge          (RushesFakeProvider      *provider,
                                                            SoupServerMessage       *msg,
                                                            const char              *prefix,
                                                            const char              *suffix);

const RushesFakeField *_rushes_fake_request_get_field      (const RushesFakeRequest *request,
                                                            const char              *name);
const char            *_rushes_fake_request_get_text      (const RushesFakeRequest *request,
                                                            const char              *name);

RushesFakeRequest     *_rushes_fake_provider_record       (RushesFakeProvider      *self,
                                                            SoupServerMessage       *msg);
gboolean               _rushes_fake_provider_take_fault   (RushesFakeProvider      *self,
                                                            const char              *fault);
gboolean               _rushes_fake_provider_redirect     (RushesFakeProvider      *self,
                                                            SoupServerMessage       *msg,
                                                            const RushesFakeRequest *request);
guint                  _rushes_fake_provider_get_step_interval (RushesFakeProvider *self);
void                   _rushes_fake_clear_source          (GSource                **source);
GMainContext          *_rushes_fake_provider_get_context  (RushesFakeProvider      *self);
char                  *_rushes_fake_provider_publish_output (RushesFakeProvider    *self,
                                                             const char            *name,
                                                             guint64               *size);
RushesFakeContent     *_rushes_fake_provider_lookup_file  (RushesFakeProvider    *self,
                                                             const char            *name);
char                  *_rushes_fake_provider_publish_bytes (RushesFakeProvider     *self,
                                                            const char             *name,
                                                            GBytes                 *bytes,
                                                            const char             *content_type);
void                   _rushes_fake_provider_hold_connection (RushesFakeProvider   *self,
                                                              SoupServerMessage    *msg);
void                   _rushes_fake_provider_drop_connection (SoupServerMessage    *msg);

void                   _rushes_fake_respond_json          (SoupServerMessage       *msg,
                                                            guint                    status,
                                                            JsonBuilder             *builder);
char                  *_rushes_fake_random_string         (guint                    length);

char                  *_rushes_fake_provider_build_url    (RushesFakeProvider      *self,
                                                            const char              *path);
JsonNode              *_rushes_fake_request_parse_body    (SoupServerMessage       *msg,
                                                            char                   **error);
JsonNode              *_rushes_fake_load_catalog          (const char              *name,
                                                            GBytes                 **text);
char                  *_rushes_fake_format_number         (double                   value);
double                 _rushes_fake_provider_get_balance  (RushesFakeProvider      *self,
                                                            const char              *provider);

/* Shared by the providers that answer {code, message, data} (WaveSpeed, APIXO):
 * one RushesFakeEnvelopeApi each, told apart by its RushesFakeEnvelopeApiInfo. */

typedef struct _RushesFakeEnvelopeApi RushesFakeEnvelopeApi;

/* Which injected faults a request is open to, ahead of the key check. */
typedef enum {
  RUSHES_FAKE_ENVELOPE_CALL_OTHER,
  RUSHES_FAKE_ENVELOPE_CALL_SUBMIT,
  RUSHES_FAKE_ENVELOPE_CALL_STATUS,
} RushesFakeEnvelopeCall;

/* The first member of each provider's task struct: what the shared clock
 * and the task table need. */
typedef struct
{
  RushesFakeEnvelopeApi *api;         /* borrowed: owns the task */
  char                  *id;
  char                  *model;
  const char            *status;      /* spelled as the provider's protocol spells it */
  guint                  step;
  gboolean               variants;
  gboolean               hostile;     /* fails with hostile_text */
  gboolean               file_url;    /* succeeds with a file: URL */
  char                  *output_url;  /* NULL until the task succeeds */
  GSource               *source;
} RushesFakeEnvelopeTask;

typedef struct
{
  const char *prefix;        /* where the API is served, without a trailing "/" */
  const char *unauthorized;  /* the message of the 401 for a missing or wrong key */
  gsize       task_size;     /* of the provider's task struct */

  /* Answers a request for prefix/@route; calls _rushes_fake_envelope_api_admit()
   * first, as only the provider knows which faults the route is open to. */
  void (*route)      (RushesFakeEnvelopeApi   *api,
                      SoupServerMessage       *msg,
                      const RushesFakeRequest *request,
                      const char              *method,
                      const char              *path,
                      const char              *route,
                      GHashTable              *query);
  /* Gives a task its final status once its processing steps are over. */
  void (*finish)     (RushesFakeEnvelopeTask  *task);
  /* Optional: frees what the provider's part of a task owns. */
  void (*task_clear) (RushesFakeEnvelopeTask  *task);
} RushesFakeEnvelopeApiInfo;

void                   _rushes_fake_respond_envelope      (SoupServerMessage       *msg,
                                                            guint                    status,
                                                            int                      code,
                                                            const char              *message,
                                                            JsonNode                *data,
                                                            gboolean                 variants);

void                   _rushes_fake_respond_envelope_text (SoupServerMessage       *msg,
                                                            guint                    status,
                                                            int                      code,
                                                            const char              *message,
                                                            const char              *data_json);

RushesFakeEnvelopeApi *_rushes_fake_envelope_api_new      (RushesFakeProvider              *provider,
                                                            const RushesFakeEnvelopeApiInfo *info);
void                   _rushes_fake_envelope_api_free     (RushesFakeEnvelopeApi   *api);
RushesFakeProvider    *_rushes_fake_envelope_api_get_provider (RushesFakeEnvelopeApi *api);
void                   _rushes_fake_envelope_api_set_data (RushesFakeEnvelopeApi   *api,
                                                            gpointer                 data,
                                                            GDestroyNotify           data_free);
gpointer               _rushes_fake_envelope_api_get_data (RushesFakeEnvelopeApi   *api);
void                   _rushes_fake_envelope_api_set_key  (RushesFakeEnvelopeApi   *api,
                                                            const char              *key);
void                   _rushes_fake_envelope_api_add_handler (RushesFakeEnvelopeApi *api,
                                                              SoupServer            *server);
gboolean               _rushes_fake_envelope_api_admit    (RushesFakeEnvelopeApi   *api,
                                                            SoupServerMessage       *msg,
                                                            const RushesFakeRequest *request,
                                                            RushesFakeEnvelopeCall   call);
gpointer               _rushes_fake_envelope_api_add_task (RushesFakeEnvelopeApi   *api,
                                                            char                    *id,
                                                            const char              *model,
                                                            const char              *status);
gpointer               _rushes_fake_envelope_api_lookup_task (RushesFakeEnvelopeApi *api,
                                                              const char            *id);

G_END_DECLS
