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

/* The self-test is one program over several files; what they share. */

#define KEY        "test-key"
#define SECRET     "test-secret"
#define BEARER_KEY "bearer-test-key"
/* echo -n "test-secret1734513807" | openssl dgst -sha256 -hmac "test-key" */
#define VECTOR_NONCE     "1734513807"
#define VECTOR_SIGNATURE "e843f5e4ef86b64976d1e75eb4164d4f145813524596c9daa0c83c70668a9f98"
/* Text frames longer than this are kept as they came, never parsed. */
#define LARGE_FRAME      (64 * 1024)

extern const char *test_video_path;

typedef struct
{
  RushesFakeProvider *provider;
  SoupSession        *session;
  char               *base_url;
} Fixture;

typedef struct
{
  SoupWebsocketConnection *connection;
  GPtrArray               *frames;     /* JsonNode; a binary frame is the string "<binary>", a large one "<large>" */
  GBytes                  *large;      /* the last large text frame */
  gboolean                 closed;
} SocketClient;

#define ADD_TEST(path, func) \
  g_test_add ("/rushes/fake-provider/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

void          fixture_setup         (Fixture       *f,
                                     gconstpointer  data);
void          fixture_teardown      (Fixture       *f,
                                     gconstpointer  data);
void          store_result_cb       (GObject       *source,
                                     GAsyncResult  *result,
                                     gpointer       user_data);
void          iterate_for           (guint          msec);
GBytes       *send_message          (Fixture       *f,
                                     SoupMessage   *msg,
                                     GError       **error);
void          sign_message          (SoupMessage   *msg,
                                     const char    *key,
                                     const char    *secret);
SoupMessage  *json_message_new      (Fixture       *f,
                                     const char    *path,
                                     const char    *json);
JsonNode     *parse_json            (GBytes        *bytes);
JsonNode     *send_json             (Fixture       *f,
                                     SoupMessage   *msg,
                                     guint          expected_status);
JsonNode     *wiro_call             (Fixture       *f,
                                     const char    *path,
                                     const char    *json);
void          assert_wiro_error     (JsonNode      *root,
                                     gint64         code,
                                     const char    *message_part);
const char   *member_string         (JsonObject    *object,
                                     const char    *name);
char         *run_task              (Fixture       *f,
                                     const char    *model,
                                     char         **id);
JsonNode     *get_detail            (Fixture       *f,
                                     const char    *token);
JsonNode     *wait_for_status       (Fixture       *f,
                                     const char    *token,
                                     const char    *status);
char         *wait_for_output_url   (Fixture       *f,
                                     const char    *token);
GBytes       *download              (Fixture       *f,
                                     const char    *url,
                                     const char    *range,
                                     guint          expected_status);
void          socket_client_free    (SocketClient  *client);
SocketClient *socket_connect        (Fixture       *f,
                                     GError       **error);
SocketClient *socket_follow         (Fixture       *f,
                                     const char    *token);
const char   *frame_type            (JsonNode      *frame);
gboolean      socket_has_frame      (SocketClient  *client,
                                     const char    *type);
void          socket_wait_for_frame (SocketClient  *client,
                                     const char    *type);
GBytes       *control_call          (Fixture       *f,
                                     const char    *method,
                                     const char    *route,
                                     const char    *text,
                                     guint          expected_status);
JsonNode     *bearer_call           (Fixture       *f,
                                     const char    *provider,
                                     const char    *method,
                                     const char    *path,
                                     const char    *json,
                                     const char    *key,
                                     guint          expected_status);
JsonObject   *envelope_data         (JsonNode      *root,
                                     gint64         code);
JsonNode     *bearer_wait           (Fixture       *f,
                                     const char    *provider,
                                     const char    *path,
                                     const char    *member,
                                     const char    *value);
char         *wavespeed_submit      (Fixture       *f,
                                     const char    *model,
                                     const char    *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SocketClient, socket_client_free)

void          test_fake_provider_add_catalog_tests (void);
void          test_fake_provider_add_hostile_tests (void);

G_END_DECLS
