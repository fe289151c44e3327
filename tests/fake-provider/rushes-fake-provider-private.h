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
} RushesFakeRequest;

const RushesFakeField *_rushes_fake_request_get_field      (const RushesFakeRequest *request,
                                                            const char              *name);
const char            *_rushes_fake_request_get_text      (const RushesFakeRequest *request,
                                                            const char              *name);

RushesFakeRequest     *_rushes_fake_provider_record       (RushesFakeProvider      *self,
                                                            SoupServerMessage       *msg);
gboolean               _rushes_fake_provider_take_fault   (RushesFakeProvider      *self,
                                                            const char              *fault);
guint                  _rushes_fake_provider_get_step_interval (RushesFakeProvider *self);
GMainContext          *_rushes_fake_provider_get_context  (RushesFakeProvider      *self);
char                  *_rushes_fake_provider_publish_output (RushesFakeProvider    *self,
                                                             const char            *name,
                                                             guint64               *size);
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

/* Shared by the providers that answer {code, message, data} (WaveSpeed, APIXO). */
void                   _rushes_fake_respond_envelope      (SoupServerMessage       *msg,
                                                            guint                    status,
                                                            int                      code,
                                                            const char              *message,
                                                            JsonNode                *data,
                                                            gboolean                 variants);
gboolean               _rushes_fake_check_bearer          (const RushesFakeRequest *request,
                                                            const char              *key);
gboolean               _rushes_fake_apply_envelope_submit_fault (RushesFakeProvider *self,
                                                                 SoupServerMessage  *msg);
gboolean               _rushes_fake_apply_envelope_status_fault (RushesFakeProvider *self,
                                                                 SoupServerMessage  *msg);

G_END_DECLS
