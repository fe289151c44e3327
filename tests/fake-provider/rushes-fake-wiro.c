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

#define G_LOG_DOMAIN "rushes-fake-wiro"

#include "config.h"

#include <string.h>

#include "rushes-fake-provider-private.h"
#include "rushes-fake-wiro-catalog-private.h"
#include "rushes-fake-wiro-private.h"

#define FIRST_TASK_ID   534574
#define TOKEN_LENGTH    30
#define PROGRESS_STEPS  10
#define SUCCESS_COST    "0.140000000000"
#define COST_PER_SECOND "0.000585000000"
#define STATUS_TOO_MANY_REQUESTS 429
/* What output-size-mismatch adds to the size an output announces. */
#define SIZE_MISMATCH    65536
/* Properly escaped, unlike the seed's printout: a JSON-encoded string. */
#define CATEGORIES      "[\"tool\",\"text-to-video\",\"image-to-video\"]"

typedef enum {
  MESSAGE_NULL,
  MESSAGE_LOG,
  MESSAGE_PROGRESS,
  MESSAGE_FULL_OUTPUT,
  MESSAGE_FULL_ERROR,
  MESSAGE_OUTPUTS,
  MESSAGE_FATAL,                       /* Task/Detail's status becomes task_error */
} WiroMessageKind;

typedef struct
{
  const char      *type;
  WiroMessageKind  kind;
  const char      *text;       /* MESSAGE_LOG */
  guint            progress;   /* MESSAGE_PROGRESS: steps done out of PROGRESS_STEPS */
} WiroStep;

static const WiroStep success_steps[] = {
  { "task_queue", MESSAGE_NULL },
  { "task_accept", MESSAGE_NULL },
  { "task_preprocess_start", MESSAGE_NULL },
  { "task_preprocess_end", MESSAGE_NULL },
  { "task_assign", MESSAGE_NULL },
  { "task_start", MESSAGE_NULL },
  { "task_output", MESSAGE_LOG, "Loading the video model" },
  { "task_output", MESSAGE_PROGRESS, NULL, 2 },
  { "task_output", MESSAGE_PROGRESS, NULL, 4 },
  { "task_output", MESSAGE_PROGRESS, NULL, 6 },
  { "task_output", MESSAGE_PROGRESS, NULL, 8 },
  { "task_output", MESSAGE_PROGRESS, NULL, 10 },
  { "task_output", MESSAGE_LOG, "Saved 0.mp4" },
  { "task_output_full", MESSAGE_FULL_OUTPUT },
  { "task_end", MESSAGE_NULL },
  { "task_postprocess_start", MESSAGE_NULL },
  { "task_postprocess_end", MESSAGE_OUTPUTS },
};

static const WiroStep failure_steps[] = {
  { "task_queue", MESSAGE_NULL },
  { "task_accept", MESSAGE_NULL },
  { "task_preprocess_start", MESSAGE_NULL },
  { "task_preprocess_end", MESSAGE_NULL },
  { "task_assign", MESSAGE_NULL },
  { "task_start", MESSAGE_NULL },
  { "task_output", MESSAGE_LOG, "Loading the video model" },
  { "task_output", MESSAGE_PROGRESS, NULL, 2 },
  { "task_error", MESSAGE_LOG, "RuntimeError: the upstream model rejected the request" },
  { "task_output_full", MESSAGE_FULL_OUTPUT },
  { "task_error_full", MESSAGE_FULL_ERROR },
  { "task_end", MESSAGE_NULL },
  { "task_postprocess_start", MESSAGE_NULL },
  { "task_postprocess_end", MESSAGE_OUTPUTS },
};

/* A fatal failure before the task ran (Wiro-MCP's TERMINAL_STATUSES):
 * Task/Detail's status becomes task_error, with the reason in debugerror;
 * the socket says nothing. */
static const WiroStep fatal_steps[] = {
  { "task_queue", MESSAGE_NULL },
  { "task_error", MESSAGE_FATAL, "User has no output folder" },
};

/* The Task/Detail timestamp each state sets. */
static const struct {
  const char *status;
  const char *field;
} state_times[] = {
  { "task_accept", "accepttime" },
  { "task_preprocess_start", "preprocessstarttime" },
  { "task_preprocess_end", "preprocessendtime" },
  { "task_assign", "assigntime" },
  { "task_start", "starttime" },
  { "task_end", "endtime" },
  { "task_postprocess_start", "postprocessstarttime" },
  { "task_postprocess_end", "postprocessendtime" },
  { "task_cancel", "canceltime" },
};

struct _RushesFakeWiro
{
  GObject             parent_instance;

  /* Borrowed */
  RushesFakeProvider *provider;

  /* Owned */
  RushesFakeWiroCatalog *catalog;
  char               *key;
  char               *secret;
  GHashTable         *tasks;           /* id -> WiroTask */
  GHashTable         *tasks_by_token;  /* token -> WiroTask, borrowed */
  GPtrArray          *clients;         /* WiroClient */
  char               *cost;            /* totalcost of every success, or NULL: the catalog's */

  guint               next_id;
};

typedef struct
{
  char *type;
  char *text;
} WiroFrame;

typedef struct
{
  RushesFakeWiro  *wiro;               /* borrowed: owns the task */
  char            *id;
  char            *uuid;
  char            *token;
  char            *owner;
  char            *model;
  char            *callback_url;
  JsonNode        *parameters;
  const WiroStep  *steps;
  gsize            n_steps;
  gsize            next_step;
  const char      *status;
  char            *totalcost;
  char            *pexit;
  GString         *stdout_text;
  GString         *stderr_text;
  GPtrArray       *frames;             /* WiroFrame, every frame sent so far */
  JsonNode        *outputs;            /* array */
  GSource         *source;
  guint64          size;
  gint64           createtime;
  gboolean         silent;             /* sends no frame at all */
  gboolean         hostile;            /* its error lines are hostile_text */
  gboolean         size_mismatch;      /* announces more bytes than it serves */
  gint64           times[G_N_ELEMENTS (state_times)];
} WiroTask;

typedef struct
{
  RushesFakeWiro          *wiro;       /* borrowed: owns the client */
  SoupWebsocketConnection *connection;
  char                    *token;
  gboolean                 variants;
  gboolean                 drop;
  gboolean                 deep;       /* gets one frame nested too deep for a parser */
} WiroClient;

G_DEFINE_FINAL_TYPE (RushesFakeWiro, rushes_fake_wiro, G_TYPE_OBJECT)

static void
wiro_frame_free (gpointer data)
{
  WiroFrame *frame = data;

  g_free (frame->type);
  g_free (frame->text);
  g_free (frame);
}

static void
wiro_task_free (gpointer data)
{
  WiroTask *task = data;

  _rushes_fake_clear_source (&task->source);
  g_free (task->id);
  g_free (task->uuid);
  g_free (task->token);
  g_free (task->owner);
  g_free (task->model);
  g_free (task->callback_url);
  g_free (task->pexit);
  g_free (task->totalcost);
  json_node_unref (task->parameters);
  json_node_unref (task->outputs);
  g_string_free (task->stdout_text, TRUE);
  g_string_free (task->stderr_text, TRUE);
  g_ptr_array_unref (task->frames);
  g_free (task);
}

static void
wiro_client_free (gpointer data)
{
  WiroClient *client = data;

  /* The last reference closes the stream without a closing handshake. */
  g_signal_handlers_disconnect_by_data (client->connection, client);
  g_object_unref (client->connection);
  g_free (client->token);
  g_free (client);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 gint64       usec)
{
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, usec / G_USEC_PER_SEC);

  add_string_member (builder, name, seconds);
}

void
_rushes_fake_wiro_respond_error (SoupServerMessage *msg,
                                 guint              status,
                                 int                code,
                                 const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "result");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  add_string_member (builder, "message", message);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _rushes_fake_respond_json (msg, status, builder);
}

/* task_error is terminal as Task/Detail's status only, which a log event
 * never sets. */
static gboolean
wiro_task_is_terminal (const WiroTask *task)
{
  return g_str_equal (task->status, "task_postprocess_end") ||
         g_str_equal (task->status, "task_cancel") ||
         g_str_equal (task->status, "task_error");
}

static const char *
wiro_step_get_text (const WiroTask *task,
                    const WiroStep *step)
{
  if (task->hostile && g_str_equal (step->type, "task_error"))
    return _rushes_fake_hostile_text ();

  return step->text;
}

/* Returns: when @task reached @status, in µs, or 0 */
static gint64
wiro_task_get_time (const WiroTask *task,
                    const char     *status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (state_times); i++)
    {
      if (g_str_equal (state_times[i].status, status))
        return task->times[i];
    }

  g_assert_not_reached ();
}

static void
wiro_task_set_status (WiroTask   *task,
                      const char *status)
{
  task->status = status;
  for (gsize i = 0; i < G_N_ELEMENTS (state_times); i++)
    {
      if (g_str_equal (state_times[i].status, status))
        task->times[i] = g_get_real_time ();
    }
}

static void
wiro_task_to_json (const WiroTask *task,
                   JsonBuilder    *builder)
{
  gint64 start = wiro_task_get_time (task, "task_start");
  gint64 end = wiro_task_get_time (task, "task_end");
  char elapsed[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, task->size);

  if (start == 0)
    end = start;
  else if (end == 0)
    end = g_get_real_time ();
  g_ascii_formatd (elapsed, sizeof elapsed, "%.4f", (double) (end - start) / G_USEC_PER_SEC);

  json_builder_begin_object (builder);
  add_string_member (builder, "id", task->id);
  add_string_member (builder, "uuid", task->uuid);
  add_string_member (builder, "name", "");
  add_string_member (builder, "socketaccesstoken", task->token);
  json_builder_set_member_name (builder, "parameters");
  json_builder_add_value (builder, json_node_copy (task->parameters));
  add_string_member (builder, "debugoutput", "");
  add_string_member (builder, "debugerror", task->stderr_text->str);
  add_string_member (builder, "elapsedseconds", elapsed);
  add_string_member (builder, "status", task->status);
  add_string_member (builder, "cps", COST_PER_SECOND);
  add_string_member (builder, "totalcost", task->totalcost);
  json_builder_set_member_name (builder, "guestid");
  json_builder_add_null_value (builder);
  add_string_member (builder, "projectid", "699");
  add_string_member (builder, "modelid", "598");
  add_string_member (builder, "modelslugowner", task->owner);
  add_string_member (builder, "modelslugproject", task->model);
  add_string_member (builder, "description", "");
  add_string_member (builder, "basemodelid", "0");
  add_string_member (builder, "runtype", "model");
  add_string_member (builder, "modelfolderid", "");
  add_string_member (builder, "modelfileid", "");
  add_string_member (builder, "callbackurl", task->callback_url);
  json_builder_set_member_name (builder, "marketplaceid");
  json_builder_add_null_value (builder);
  add_time_member (builder, "createtime", task->createtime);
  for (gsize i = 0; i < G_N_ELEMENTS (state_times); i++)
    add_time_member (builder, state_times[i].field, task->times[i]);
  add_string_member (builder, "pexit", task->pexit);
  add_string_member (builder, "categories", CATEGORIES);
  json_builder_set_member_name (builder, "outputs");
  json_builder_add_value (builder, json_node_copy (task->outputs));
  add_string_member (builder, "size", size);
  json_builder_end_object (builder);
}

static char *
wiro_frame_to_string (const WiroTask *task,
                      const char     *type,
                      JsonNode       *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "type", type);
  add_string_member (builder, "id", task->id);
  add_string_member (builder, "tasktoken", task->token);
  json_builder_set_member_name (builder, "message");
  if (message != NULL)
    json_builder_add_value (builder, json_node_copy (message));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "result");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
wiro_client_drop (WiroClient *client)
{
  RushesFakeWiro *self = client->wiro;

  g_debug ("Dropping a socket connection");
  /* No closing handshake: the client sees the connection vanish. */
  g_io_stream_close (soup_websocket_connection_get_io_stream (client->connection), NULL, NULL);
  g_ptr_array_remove (self->clients, client);
}

/* Returns: FALSE when the fault dropped the client, which is then freed. */
static gboolean
wiro_client_send (WiroClient      *client,
                  const WiroTask  *task,
                  const WiroFrame *frame)
{
  static const guint8 binary[] = { 0x00, 0x01, 0x02, 0xff };
  g_autofree char *unknown = NULL;
  g_autofree char *null_output = NULL;

  if (soup_websocket_connection_get_state (client->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return TRUE;

  soup_websocket_connection_send_text (client->connection, frame->text);
  if (!g_str_equal (frame->type, "task_start"))
    return TRUE;

  if (client->variants)
    {
      /* A type Sora tasks never send (realtime models only), then a binary frame
       * and a log event without a message. */
      unknown = wiro_frame_to_string (task, "task_stream_ready", NULL);
      null_output = wiro_frame_to_string (task, "task_output", NULL);
      soup_websocket_connection_send_text (client->connection, unknown);
      soup_websocket_connection_send_binary (client->connection, binary, sizeof binary);
      soup_websocket_connection_send_text (client->connection, null_output);
    }

  if (client->drop)
    {
      wiro_client_drop (client);
      return FALSE;
    }

  return TRUE;
}

static void
wiro_task_emit (WiroTask   *task,
                const char *type,
                JsonNode   *message)
{
  RushesFakeWiro *self = task->wiro;
  WiroFrame *frame;

  if (task->silent)
    return;

  frame = g_new0 (WiroFrame, 1);

  frame->type = g_strdup (type);
  frame->text = wiro_frame_to_string (task, type, message);
  g_ptr_array_add (task->frames, frame);

  /* Backwards: sending may drop the client at i - 1. */
  for (guint i = self->clients->len; i > 0; i--)
    {
      WiroClient *client = g_ptr_array_index (self->clients, i - 1);

      if (g_strcmp0 (client->token, task->token) == 0)
        wiro_client_send (client, task, frame);
    }
}

static JsonNode *
wiro_task_build_message (WiroTask       *task,
                         const WiroStep *step)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *percentage = NULL;
  g_autofree char *current = NULL;
  g_autofree char *total = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *remaining = NULL;
  JsonArray *outputs;

  switch (step->kind)
    {
    case MESSAGE_NULL:
    case MESSAGE_FATAL:
      return NULL;

    case MESSAGE_LOG:
      return json_node_init_string (json_node_alloc (), wiro_step_get_text (task, step));

    case MESSAGE_PROGRESS:
      percentage = g_strdup_printf ("%u", step->progress * 100 / PROGRESS_STEPS);
      current = g_strdup_printf ("%u", step->progress);
      total = g_strdup_printf ("%u", PROGRESS_STEPS);
      elapsed = g_strdup_printf ("%us", step->progress);
      remaining = g_strdup_printf ("%us", PROGRESS_STEPS - step->progress);
      json_builder_begin_object (builder);
      add_string_member (builder, "type", "progressGenerate");
      add_string_member (builder, "task", "Generate");
      add_string_member (builder, "percentage", percentage);
      add_string_member (builder, "stepCurrent", current);
      add_string_member (builder, "stepTotal", total);
      add_string_member (builder, "speed", "1.0");
      add_string_member (builder, "speedType", "it/s");
      add_string_member (builder, "elapsedTime", elapsed);
      add_string_member (builder, "remainingTime", remaining);
      json_builder_end_object (builder);
      break;

    case MESSAGE_FULL_OUTPUT:
    case MESSAGE_FULL_ERROR:
      json_builder_begin_object (builder);
      add_string_member (builder, "raw",
                         step->kind == MESSAGE_FULL_OUTPUT ? task->stdout_text->str : task->stderr_text->str);
      json_builder_end_object (builder);
      break;

    case MESSAGE_OUTPUTS:
      outputs = json_node_get_array (task->outputs);
      json_builder_begin_array (builder);
      for (guint i = 0; i < json_array_get_length (outputs); i++)
        {
          JsonObject *output = json_array_get_object_element (outputs, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "name", json_object_get_string_member (output, "name"));
          add_string_member (builder, "contenttype", json_object_get_string_member (output, "contenttype"));
          add_string_member (builder, "size", json_object_get_string_member (output, "size"));
          add_string_member (builder, "url", json_object_get_string_member (output, "url"));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      break;

    default:
      g_assert_not_reached ();
    }

  return json_builder_get_root (builder);
}

/* Wiro file ids are 32 hex digits. */
static char *
random_file_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_compute_checksum_for_string (G_CHECKSUM_MD5, uuid, -1);
}

static void
wiro_task_publish_output (WiroTask *task)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = random_file_id ();
  g_autofree char *parent_id = random_file_id ();
  g_autofree char *access_key = _rushes_fake_random_string (TOKEN_LENGTH);
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *size = NULL;
  gint64 now = g_get_real_time ();

  name = g_strconcat (id, ".mp4", NULL);
  url = _rushes_fake_provider_publish_output (task->wiro->provider, name, &task->size);
  if (task->size_mismatch)
    task->size += SIZE_MISMATCH;
  size = g_strdup_printf ("%" G_GUINT64_FORMAT, task->size);

  json_builder_begin_object (builder);
  add_string_member (builder, "id", id);
  add_string_member (builder, "name", "0.mp4");
  add_string_member (builder, "contenttype", "video/mp4");
  add_string_member (builder, "parentid", parent_id);
  add_string_member (builder, "uuid", task->uuid);
  add_string_member (builder, "size", size);
  add_time_member (builder, "addedtime", now);
  add_time_member (builder, "modifiedtime", now);
  add_string_member (builder, "accesskey", access_key);
  add_string_member (builder, "foldercount", "0");
  add_string_member (builder, "filecount", "0");
  json_builder_set_member_name (builder, "ispublic");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "expiretime");
  json_builder_add_null_value (builder);
  add_string_member (builder, "url", url);
  json_builder_end_object (builder);

  json_array_add_element (json_node_get_array (task->outputs), json_builder_get_root (builder));
}

static void wiro_task_schedule (WiroTask *task);

static void
wiro_task_advance (WiroTask *task)
{
  const WiroStep *step = &task->steps[task->next_step++];
  gboolean failed = task->steps == failure_steps;
  g_autoptr(JsonNode) message = NULL;

  if (step->kind == MESSAGE_LOG || step->kind == MESSAGE_FATAL)
    g_string_append_printf (g_str_equal (step->type, "task_error") ? task->stderr_text : task->stdout_text,
                            "%s\n", wiro_step_get_text (task, step));

  /* Log events leave the status alone: Task/Detail reports the last lifecycle state. */
  if (step->kind == MESSAGE_FATAL ||
      (!g_str_equal (step->type, "task_output") && !g_str_equal (step->type, "task_error")))
    wiro_task_set_status (task, step->type);

  if (g_str_equal (step->type, "task_end"))
    {
      g_free (task->pexit);
      task->pexit = g_strdup (failed ? "1" : "0");
    }
  else if (g_str_equal (step->type, "task_postprocess_end") && !failed)
    {
      char *cost = task->wiro->cost != NULL
                   ? g_strdup (task->wiro->cost)
                   : _rushes_fake_wiro_catalog_dup_cost (task->wiro->catalog, task->owner, task->model,
                                                         json_node_get_object (task->parameters));

      wiro_task_publish_output (task);
      g_free (task->totalcost);
      task->totalcost = cost != NULL ? cost : g_strdup (SUCCESS_COST);
    }

  message = wiro_task_build_message (task, step);
  g_debug ("Task %s: %s", task->id, step->type);
  wiro_task_emit (task, step->type, message);

  if (task->next_step < task->n_steps)
    wiro_task_schedule (task);
}

static gboolean
wiro_task_step_cb (gpointer user_data)
{
  WiroTask *task = user_data;

  g_clear_pointer (&task->source, g_source_unref);
  wiro_task_advance (task);

  return G_SOURCE_REMOVE;
}

static void
wiro_task_schedule (WiroTask *task)
{
  RushesFakeProvider *provider = task->wiro->provider;

  g_assert (task->source == NULL);

  task->source = g_timeout_source_new (_rushes_fake_provider_get_step_interval (provider));
  g_source_set_callback (task->source, wiro_task_step_cb, task, NULL);
  g_source_attach (task->source, _rushes_fake_provider_get_context (provider));
}

static void
wiro_task_cancel (WiroTask *task)
{
  _rushes_fake_clear_source (&task->source);

  wiro_task_set_status (task, "task_cancel");
  wiro_task_emit (task, "task_cancel", NULL);
}

static JsonNode *
wiro_build_parameters (RushesFakeWiro          *self,
                       const RushesFakeRequest *request,
                       const char              *task_uuid)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < request->fields->len; i++)
    {
      const RushesFakeField *field = g_ptr_array_index (request->fields, i);

      json_builder_set_member_name (builder, field->name);
      if (field->data != NULL)
        {
          /* Like Wiro, keep an uploaded input as a URL. */
          const char *dot = strrchr (field->filename, '.');
          g_autofree char *extension = g_strdup (dot != NULL ? dot : "");
          g_autofree char *name = NULL;
          g_autofree char *url = NULL;

          g_strcanon (extension, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS ".", '_');
          name = g_strdup_printf ("%s-%s-%u%s", task_uuid, field->name, i, extension);
          url = _rushes_fake_provider_publish_bytes (self->provider, name, field->data,
                                                     field->content_type != NULL ? field->content_type
                                                                                 : "application/octet-stream");
          json_builder_add_string_value (builder, url);
        }
      else if (field->is_json)
        json_builder_add_value (builder, json_from_string (field->value, NULL));
      else
        json_builder_add_string_value (builder, field->value);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static WiroTask *
wiro_task_new (RushesFakeWiro          *self,
               const RushesFakeRequest *request,
               const char              *owner,
               const char              *model)
{
  WiroTask *task = g_new0 (WiroTask, 1);
  const char *callback_url = _rushes_fake_request_get_text (request, "callbackUrl");

  task->wiro = self;
  task->id = g_strdup_printf ("%u", self->next_id++);
  task->uuid = g_uuid_string_random ();
  task->token = _rushes_fake_random_string (TOKEN_LENGTH);
  task->owner = g_strdup (owner);
  task->model = g_strdup (model);
  task->callback_url = g_strdup (callback_url != NULL ? callback_url : "");
  task->parameters = wiro_build_parameters (self, request, task->uuid);
  task->pexit = g_strdup ("");
  task->totalcost = g_strdup ("0");
  task->stdout_text = g_string_new (NULL);
  task->stderr_text = g_string_new (NULL);
  task->frames = g_ptr_array_new_with_free_func (wiro_frame_free);
  task->outputs = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (task->outputs, json_array_new ());
  task->createtime = g_get_real_time ();
  task->size_mismatch = _rushes_fake_provider_take_fault (self->provider, "output-size-mismatch");
  if (_rushes_fake_provider_take_fault (self->provider, "task-error"))
    {
      task->steps = fatal_steps;
      task->n_steps = G_N_ELEMENTS (fatal_steps);
      task->silent = TRUE;
    }
  else if (_rushes_fake_provider_take_fault (self->provider, "pexit-1") ||
           (task->hostile = _rushes_fake_provider_take_fault (self->provider, "task-failed-hostile")))
    {
      task->steps = failure_steps;
      task->n_steps = G_N_ELEMENTS (failure_steps);
    }
  else
    {
      task->steps = success_steps;
      task->n_steps = G_N_ELEMENTS (success_steps);
    }

  g_hash_table_insert (self->tasks, task->id, task);
  g_hash_table_insert (self->tasks_by_token, task->token, task);

  return task;
}

static gboolean
wiro_check_auth (RushesFakeWiro          *self,
                 const RushesFakeRequest *request)
{
  const char *key = g_hash_table_lookup (request->headers, "x-api-key");
  const char *nonce = g_hash_table_lookup (request->headers, "x-nonce");
  const char *signature = g_hash_table_lookup (request->headers, "x-signature");
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;

  if (key == NULL || *key == '\0')
    return FALSE;
  if (self->key == NULL)
    return TRUE;
  if (!g_str_equal (key, self->key))
    return FALSE;
  if (self->secret == NULL)
    return TRUE;

  if (nonce == NULL || signature == NULL ||
      !g_ascii_string_to_unsigned (nonce, 10, 0, G_MAXUINT64, NULL, NULL))
    return FALSE;

  message = g_strconcat (self->secret, nonce, NULL);
  expected = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                        (const guchar *) self->key, strlen (self->key),
                                        message, -1);

  return g_str_equal (signature, expected);
}

static void
wiro_respond_task_list (SoupServerMessage *msg,
                        const WiroTask    *task,
                        gboolean           with_total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (with_total)
    add_string_member (builder, "total", "1");
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "tasklist");
  json_builder_begin_array (builder);
  wiro_task_to_json (task, builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "result");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  _rushes_fake_respond_json (msg, SOUP_STATUS_OK, builder);
}

/* Wiro accepts the task token (as "tasktoken" or "socketaccesstoken") or the task id. */
static WiroTask *
wiro_lookup_task (RushesFakeWiro          *self,
                  SoupServerMessage       *msg,
                  const RushesFakeRequest *request)
{
  const char *token = _rushes_fake_request_get_text (request, "tasktoken");
  const char *id = _rushes_fake_request_get_text (request, "taskid");
  WiroTask *task = NULL;

  if (token == NULL)
    token = _rushes_fake_request_get_text (request, "socketaccesstoken");

  if (token == NULL && id == NULL)
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 0, "taskid or socketaccesstoken is required");
      return NULL;
    }

  if (token != NULL)
    task = g_hash_table_lookup (self->tasks_by_token, token);
  else
    task = g_hash_table_lookup (self->tasks, id);

  if (task == NULL)
    _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 1, "There is no task yet.");

  return task;
}

static void
wiro_run (RushesFakeWiro          *self,
          SoupServerMessage       *msg,
          const RushesFakeRequest *request,
          const char              *owner,
          const char              *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *error = NULL;
  WiroTask *task;

  if (!_rushes_fake_wiro_catalog_check_run (self->catalog, owner, model, request, &error))
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 0, error);
      return;
    }

  task = wiro_task_new (self, request, owner, model);
  wiro_task_advance (task);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  add_string_member (builder, "taskid", task->id);
  add_string_member (builder, "socketaccesstoken", task->token);
  json_builder_set_member_name (builder, "result");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  _rushes_fake_respond_json (msg, SOUP_STATUS_OK, builder);
}

static void
wiro_cancel (RushesFakeWiro          *self,
             SoupServerMessage       *msg,
             const RushesFakeRequest *request,
             gboolean                 kill)
{
  WiroTask *task = wiro_lookup_task (self, msg, request);

  if (task == NULL)
    return;

  /* Cancel is for queued tasks only; Kill stops a running one too. */
  if (wiro_task_is_terminal (task) || (!kill && wiro_task_get_time (task, "task_start") != 0))
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 1, "Task is not in a cancellable state.");
      return;
    }

  wiro_task_cancel (task);
  wiro_respond_task_list (msg, task, FALSE);
}

static void
wiro_respond_file_list (SoupServerMessage *msg,
                        const char        *id,
                        const char        *name,
                        const char        *content_type,
                        gsize              size,
                        const char        *parent_id,
                        const char        *url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "result");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string_member (builder, "id", id);
  add_string_member (builder, "name", name);
  add_string_member (builder, "contenttype", content_type);
  add_string_member (builder, "size", size_text);
  add_string_member (builder, "parentid", parent_id);
  add_time_member (builder, "addedtime", g_get_real_time ());
  if (url != NULL)
    {
      g_autofree char *access_key = _rushes_fake_random_string (TOKEN_LENGTH);

      add_string_member (builder, "url", url);
      add_string_member (builder, "accesskey", access_key);
    }
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _rushes_fake_respond_json (msg, SOUP_STATUS_OK, builder);
}

static void
wiro_file_upload (RushesFakeWiro          *self,
                  SoupServerMessage       *msg,
                  const RushesFakeRequest *request)
{
  const RushesFakeField *file = _rushes_fake_request_get_field (request, "file");
  const char *folder_id = _rushes_fake_request_get_text (request, "folderid");
  const char *content_type;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;

  if (file == NULL || file->data == NULL)
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 0, "Request files [file] required");
      return;
    }

  id = _rushes_fake_random_string (TOKEN_LENGTH);
  name = g_strdup_printf ("%s-%s", id, file->filename);
  g_strcanon (name, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "._-", '_');
  content_type = file->content_type != NULL ? file->content_type : "application/octet-stream";
  url = _rushes_fake_provider_publish_bytes (self->provider, name, file->data, content_type);

  wiro_respond_file_list (msg, id, file->filename, content_type, g_bytes_get_size (file->data),
                          folder_id != NULL ? folder_id : "", url);
}

static void
wiro_folder_create (SoupServerMessage       *msg,
                    const RushesFakeRequest *request)
{
  const char *name = _rushes_fake_request_get_text (request, "name");
  const char *parent_id = _rushes_fake_request_get_text (request, "parentid");
  g_autofree char *id = NULL;

  if (name == NULL || *name == '\0')
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 0, "Request parameter [name] required");
      return;
    }

  id = _rushes_fake_random_string (TOKEN_LENGTH);
  wiro_respond_file_list (msg, id, name, "", 0, parent_id != NULL ? parent_id : "", NULL);
}

/* Faults that stand for the network or the service itself come before any check. */
static gboolean
wiro_apply_submit_fault (RushesFakeWiro    *self,
                         SoupServerMessage *msg)
{
  if (_rushes_fake_provider_take_fault (self->provider, "submit-no-answer"))
    _rushes_fake_provider_hold_connection (self->provider, msg);
  else if (_rushes_fake_provider_take_fault (self->provider, "submit-drop"))
    _rushes_fake_provider_drop_connection (msg);
  else if (_rushes_fake_provider_take_fault (self->provider, "submit-401"))
    _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, 99, "Project authorization is not valid.");
  else if (_rushes_fake_provider_take_fault (self->provider, "submit-error-97"))
    _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 97, "Insufficient balance");
  else if (_rushes_fake_provider_take_fault (self->provider, "submit-error-96"))
    _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 96, "Concurrent task limit reached");
  else if (_rushes_fake_provider_take_fault (self->provider, "submit-error-hostile"))
    _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 0, _rushes_fake_hostile_text ());
  else
    return FALSE;

  return TRUE;
}

static gboolean
wiro_apply_status_fault (RushesFakeWiro    *self,
                         SoupServerMessage *msg)
{
  static const char malformed[] = "{\"total\": \"1\", \"errors\": [], \"tasklist\": [{\"id\": ";
  static const char server_error[] = "<html><body><h1>500 Internal Server Error</h1></body></html>\n";

  if (_rushes_fake_provider_take_fault (self->provider, "status-429"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      _rushes_fake_wiro_respond_error (msg, STATUS_TOO_MANY_REQUESTS, 0, "Too many requests");
      /* libsoup 3.2 has no phrase for 429. */
      soup_server_message_set_status (msg, STATUS_TOO_MANY_REQUESTS, "Too Many Requests");
    }
  else if (_rushes_fake_provider_take_fault (self->provider, "status-500"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        server_error, sizeof server_error - 1);
    }
  else if (_rushes_fake_provider_take_fault (self->provider, "status-malformed"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        malformed, sizeof malformed - 1);
    }
  else if (_rushes_fake_provider_take_fault (self->provider, "status-deep-nesting"))
    _rushes_fake_respond_nested (msg, "{\"total\":\"1\",\"errors\":[],\"tasklist\":", ",\"result\":true}");
  else if (_rushes_fake_provider_take_fault (self->provider, "status-huge"))
    _rushes_fake_respond_huge (self->provider, msg, "{\"total\":\"1\",\"errors\":[],\"tasklist\":",
                               "[],\"result\":true}");
  else
    return FALSE;

  return TRUE;
}

static void
rest_handler_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  RushesFakeWiro *self = user_data;
  RushesFakeRequest *request = _rushes_fake_provider_record (self->provider, msg);
  g_auto(GStrv) route = NULL;
  guint n_parts;

  if (_rushes_fake_provider_redirect (self->provider, msg, request))
    return;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST || !g_str_has_prefix (path, "/wiro/v1/"))
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_NOT_FOUND, 0, "Error parsing url.");
      return;
    }

  route = g_strsplit (path + strlen ("/wiro/v1/"), "/", -1);
  n_parts = g_strv_length (route);

  if (n_parts == 3 && g_str_equal (route[0], "Run") && wiro_apply_submit_fault (self, msg))
    return;
  if (n_parts == 2 && g_str_equal (route[0], "Task") && g_str_equal (route[1], "Detail") &&
      wiro_apply_status_fault (self, msg))
    return;

  if (!wiro_check_auth (self, request))
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, 99, "Project authorization is not valid.");
      return;
    }

  if (request->body_error != NULL)
    {
      _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_OK, 0, request->body_error);
      return;
    }

  if (n_parts == 3 && g_str_equal (route[0], "Run") && *route[1] != '\0' && *route[2] != '\0')
    wiro_run (self, msg, request, route[1], route[2]);
  else if (n_parts != 2)
    _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_NOT_FOUND, 0, "Error parsing url.");
  else if (g_str_equal (route[0], "Task") && g_str_equal (route[1], "Detail"))
    {
      WiroTask *task = wiro_lookup_task (self, msg, request);

      if (task != NULL)
        wiro_respond_task_list (msg, task, TRUE);
    }
  else if (g_str_equal (route[0], "Task") && g_str_equal (route[1], "Cancel"))
    wiro_cancel (self, msg, request, FALSE);
  else if (g_str_equal (route[0], "Task") && g_str_equal (route[1], "Kill"))
    wiro_cancel (self, msg, request, TRUE);
  else if (g_str_equal (route[0], "Tool") && g_str_equal (route[1], "List"))
    _rushes_fake_wiro_catalog_list (self->catalog, msg, request);
  else if (g_str_equal (route[0], "Tool") && g_str_equal (route[1], "Detail"))
    _rushes_fake_wiro_catalog_detail (self->catalog, msg, request);
  else if (g_str_equal (route[0], "File") && g_str_equal (route[1], "Upload"))
    wiro_file_upload (self, msg, request);
  else if (g_str_equal (route[0], "File") && g_str_equal (route[1], "FolderCreate"))
    wiro_folder_create (msg, request);
  else
    _rushes_fake_wiro_respond_error (msg, SOUP_STATUS_NOT_FOUND, 0, "Error parsing url.");
}

static void
wiro_client_subscribe (WiroClient *client,
                       WiroTask   *task)
{
  g_free (client->token);
  client->token = g_strdup (task->token);

  /* Frames sent before the client asked are replayed, so that a client
   * connecting after Run still sees the whole lifecycle in order. */
  for (guint i = 0; i < task->frames->len; i++)
    {
      if (!wiro_client_send (client, task, g_ptr_array_index (task->frames, i)))
        return;
    }

  /* A task_output whose message no recursive parser survives, once. */
  if (client->deep && soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_autofree char *prefix = g_strdup_printf ("{\"type\":\"task_output\",\"id\":\"%s\",\"tasktoken\":\"%s\","
                                                 "\"message\":", task->id, task->token);
      g_autoptr(GBytes) frame = _rushes_fake_dup_nested_json (prefix, ",\"result\":true}");

      client->deep = FALSE;
      soup_websocket_connection_send_message (client->connection, SOUP_WEBSOCKET_DATA_TEXT, frame);
    }
}

static void
socket_message_cb (SoupWebsocketConnection *connection,
                   SoupWebsocketDataType    type,
                   GBytes                  *message,
                   WiroClient              *client)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  const char *token;
  WiroTask *task;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;

  text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", NULL), "task_info") != 0)
    return;

  token = json_object_get_string_member_with_default (object, "tasktoken", NULL);
  task = token != NULL ? g_hash_table_lookup (client->wiro->tasks_by_token, token) : NULL;
  if (task == NULL)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "Unknown task token");
      return;
    }

  wiro_client_subscribe (client, task);
}

static void
socket_closed_cb (SoupWebsocketConnection *connection,
                  WiroClient              *client)
{
  g_ptr_array_remove (client->wiro->clients, client);
}

static void
socket_handler_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  RushesFakeWiro *self = user_data;

  _rushes_fake_provider_record (self->provider, msg);

  /* Leaving the status unset lets libsoup go on with the handshake. */
  if (_rushes_fake_provider_take_fault (self->provider, "socket-refuse"))
    soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
}

static void
socket_connected_cb (SoupServer              *server,
                     SoupServerMessage       *msg,
                     const char              *path,
                     SoupWebsocketConnection *connection,
                     gpointer                 user_data)
{
  RushesFakeWiro *self = user_data;
  WiroClient *client = g_new0 (WiroClient, 1);

  client->wiro = self;
  client->connection = g_object_ref (connection);
  client->variants = _rushes_fake_provider_take_fault (self->provider, "socket-frames-variants");
  client->drop = _rushes_fake_provider_take_fault (self->provider, "socket-drop");
  client->deep = _rushes_fake_provider_take_fault (self->provider, "socket-deep-nesting");
  g_ptr_array_add (self->clients, client);

  g_signal_connect (connection, "message", G_CALLBACK (socket_message_cb), client);
  g_signal_connect (connection, "closed", G_CALLBACK (socket_closed_cb), client);

  if (client->variants)
    soup_websocket_connection_send_text (connection, "{\"type\":\"connected\",\"version\":\"1.0\"}");
}

static void
rushes_fake_wiro_dispose (GObject *object)
{
  RushesFakeWiro *self = RUSHES_FAKE_WIRO (object);

  g_hash_table_remove_all (self->tasks_by_token);
  g_hash_table_remove_all (self->tasks);
  g_ptr_array_set_size (self->clients, 0);

  G_OBJECT_CLASS (rushes_fake_wiro_parent_class)->dispose (object);
}

static void
rushes_fake_wiro_finalize (GObject *object)
{
  RushesFakeWiro *self = RUSHES_FAKE_WIRO (object);

  g_clear_pointer (&self->catalog, _rushes_fake_wiro_catalog_free);
  g_free (self->key);
  g_free (self->secret);
  g_free (self->cost);
  g_hash_table_unref (self->tasks_by_token);
  g_hash_table_unref (self->tasks);
  g_ptr_array_unref (self->clients);

  G_OBJECT_CLASS (rushes_fake_wiro_parent_class)->finalize (object);
}

static void
rushes_fake_wiro_class_init (RushesFakeWiroClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_fake_wiro_dispose;
  object_class->finalize = rushes_fake_wiro_finalize;
}

static void
rushes_fake_wiro_init (RushesFakeWiro *self)
{
  self->next_id = FIRST_TASK_ID;
  self->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, wiro_task_free);
  self->tasks_by_token = g_hash_table_new (g_str_hash, g_str_equal);
  self->clients = g_ptr_array_new_with_free_func (wiro_client_free);
}

RushesFakeWiro *
_rushes_fake_wiro_new (RushesFakeProvider *provider)
{
  RushesFakeWiro *self = g_object_new (RUSHES_TYPE_FAKE_WIRO, NULL);

  self->provider = provider;
  self->catalog = _rushes_fake_wiro_catalog_new (provider);

  return self;
}

/* Every success of any model bills @cost (a decimal string, as Wiro
 * writes totalcost), or the catalog's price again with %NULL. */
void
_rushes_fake_wiro_set_cost (RushesFakeWiro *self,
                            const char     *cost)
{
  g_free (self->cost);
  self->cost = g_strdup (cost);
}

void
_rushes_fake_wiro_set_credentials (RushesFakeWiro *self,
                                   const char     *key,
                                   const char     *secret)
{
  g_assert (RUSHES_IS_FAKE_WIRO (self));

  g_free (self->key);
  self->key = g_strdup (key);
  g_free (self->secret);
  self->secret = g_strdup (secret);
}

void
_rushes_fake_wiro_add_handlers (RushesFakeWiro *self,
                                SoupServer     *server)
{
  g_assert (RUSHES_IS_FAKE_WIRO (self));

  soup_server_add_handler (server, "/wiro/v1", rest_handler_cb, self, NULL);
  soup_server_add_handler (server, "/wiro/socket", socket_handler_cb, self, NULL);
  soup_server_add_websocket_handler (server, "/wiro/socket", NULL, NULL, socket_connected_cb, self, NULL);
}
