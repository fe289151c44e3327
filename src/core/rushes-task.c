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

#define G_LOG_DOMAIN "rushes-task"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-enums.h"
#include "rushes-error.h"
#include "rushes-task-private.h"
#include "rushes-text.h"

/**
 * RushesTask:
 *
 * One generation: what was asked, where it stands upstream, and its files
 * in the library folder. Tasks are created and changed by #RushesLibrary
 * and #RushesTaskRunner only; every change is notified on the main context.
 */
struct _RushesTask
{
  GObject                 parent_instance;

  char                   *id;
  char                   *model_id;
  char                   *provider_id;
  RushesGenerationParams *params;
  GFile                  *folder;
  char                   *remote_id;
  char                   *remote_token;
  char                   *shot;             /* the Generate this take came from; its own id alone */
  GDateTime              *created_at;
  GDateTime              *finished_at;
  char                   *status_text;
  char                   *error_code;
  char                   *error_message;
  char                   *input_name;       /* the start image's copy in the folder */
  GFile                  *input_file;
  char                   *end_input_name;   /* the end image's copy */
  GFile                  *end_input_file;
  guint64                 revision;         /* of the record this task was read from or last wrote */
  GFile                  *video_file;
  double                  progress;
  double                  cost_usd;
  RushesTaskState         state;
  guint                   favourite : 1;
};

G_DEFINE_FINAL_TYPE (RushesTask, rushes_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MODEL_ID,
  PROP_PROVIDER_ID,
  PROP_STATE,
  PROP_PROMPT,
  PROP_PARAMS,
  PROP_REMOTE_ID,
  PROP_CREATED_AT,
  PROP_FINISHED_AT,
  PROP_PROGRESS,
  PROP_COST_USD,
  PROP_STATUS_TEXT,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  PROP_FOLDER,
  PROP_VIDEO_FILE,
  PROP_FAVOURITE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
notify (RushesTask *self,
        guint       prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  /* Milliseconds keep tasks created in the same second in order. Four
   * digits for the year, always: g_date_time_new_from_iso8601() reads
   * nothing else, and "%Y" writes the year 178 as "178". */
  utc = g_date_time_to_utc (time);
  g_assert (utc != NULL);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (utc), g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc), g_date_time_get_second (utc),
                          g_date_time_get_microsecond (utc) / 1000);
}

static void
rushes_task_finalize (GObject *object)
{
  RushesTask *self = (RushesTask *)object;

  g_free (self->id);
  g_free (self->model_id);
  g_free (self->provider_id);
  g_clear_object (&self->params);
  g_clear_object (&self->folder);
  g_free (self->remote_id);
  g_free (self->remote_token);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  g_free (self->status_text);
  g_free (self->error_code);
  g_free (self->error_message);
  g_free (self->input_name);
  g_clear_object (&self->input_file);
  g_free (self->end_input_name);
  g_free (self->shot);
  g_clear_object (&self->end_input_file);
  g_clear_object (&self->video_file);

  G_OBJECT_CLASS (rushes_task_parent_class)->finalize (object);
}

static void
rushes_task_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RushesTask *self = RUSHES_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;
    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, rushes_task_get_prompt (self));
      break;
    case PROP_PARAMS:
      g_value_set_object (value, self->params);
      break;
    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_FINISHED_AT:
      g_value_set_boxed (value, self->finished_at);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_COST_USD:
      g_value_set_double (value, self->cost_usd);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_ERROR_CODE:
      g_value_set_string (value, self->error_code);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_FAVOURITE:
      g_value_set_boolean (value, self->favourite);
      break;

    case PROP_VIDEO_FILE:
      g_value_set_object (value, self->video_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_task_class_init (RushesTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rushes_task_finalize;
  object_class->get_property = rushes_task_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_MODEL_ID] = g_param_spec_string ("model-id", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_ID] = g_param_spec_string ("provider-id", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL,
                                              RUSHES_TYPE_TASK_STATE, RUSHES_TASK_STATE_DRAFT, flags);
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, NULL, flags);
  properties[PROP_PARAMS] = g_param_spec_object ("params", NULL, NULL, RUSHES_TYPE_GENERATION_PARAMS, flags);
  properties[PROP_REMOTE_ID] = g_param_spec_string ("remote-id", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_FINISHED_AT] = g_param_spec_boxed ("finished-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * RushesTask:progress:
   *
   * 0..1 as the provider reports it, or -1 when it reports none.
   */
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1, 1, -1, flags);
  /**
   * RushesTask:cost-usd:
   *
   * What the provider billed, or -1 when unknown.
   */
  properties[PROP_COST_USD] = g_param_spec_double ("cost-usd", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  /**
   * RushesTask:status-text:
   *
   * The provider's latest word on the task (its stage or a log line); not
   * stored in the record.
   */
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  properties[PROP_ERROR_CODE] = g_param_spec_string ("error-code", NULL, NULL, NULL, flags);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, flags);
  properties[PROP_FOLDER] = g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_VIDEO_FILE] = g_param_spec_object ("video-file", NULL, NULL, G_TYPE_FILE, flags);
  /**
   * RushesTask:favourite:
   *
   * Whether the user marked the clip as a favourite.
   */
  properties[PROP_FAVOURITE] = g_param_spec_boolean ("favourite", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_task_init (RushesTask *self)
{
  self->progress = -1;
  self->cost_usd = -1;
}

RushesTask *
_rushes_task_new (const char             *id,
                  RushesModel            *model,
                  RushesGenerationParams *params,
                  GFile                  *folder,
                  GDateTime              *created_at)
{
  RushesTask *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (RUSHES_IS_MODEL (model), NULL);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (created_at != NULL, NULL);

  self = g_object_new (RUSHES_TYPE_TASK, NULL);
  self->id = g_strdup (id);
  self->model_id = g_strdup (rushes_model_get_id (model));
  self->provider_id = g_strdup (rushes_model_get_provider_id (model));
  self->params = rushes_generation_params_copy (params);
  self->folder = g_object_ref (folder);
  self->created_at = g_date_time_ref (created_at);
  self->shot = g_strdup (id);

  return self;
}

static const char *
record_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
record_number (JsonObject *object,
               const char *member,
               double     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out = json_node_get_double (node);
  return isfinite (*out);
}

/* A time that has no UTC equivalent within GDateTime's years 1 to 9999
 * (0001-01-01T00:00:00+01:00) could not be written back: not a time. */
static GDateTime *
record_time (JsonObject *object,
             const char *member)
{
  const char *text = record_string (object, member);
  g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  g_autoptr(GDateTime) utc = time != NULL ? g_date_time_to_utc (time) : NULL;

  return utc != NULL ? g_steal_pointer (&time) : NULL;
}

/**
 * _rushes_task_new_from_record:
 * @record: the parsed task.json
 * @folder: the task's folder
 *
 * Returns: (transfer full) (nullable): the task, or %NULL with a
 *   %RUSHES_ERROR_PROTOCOL saying what is wrong with the record
 */
RushesTask *
_rushes_task_new_from_record (JsonNode    *record,
                              GFile       *folder,
                              GError     **error)
{
  g_autoptr(RushesTask) self = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *text;
  double number;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  if (!JSON_NODE_HOLDS_OBJECT (record))
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (record);

  if (!record_number (object, "version", &number) || number < 1)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("no record version"));
      return NULL;
    }
  if (number > RUSHES_TASK_RECORD_VERSION)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("written by a newer Rushes (record version %g)"), number);
      return NULL;
    }

  self = g_object_new (RUSHES_TYPE_TASK, NULL);
  self->folder = g_object_ref (folder);
  self->id = g_strdup (record_string (object, "id"));
  self->model_id = g_strdup (record_string (object, "model"));
  self->provider_id = g_strdup (record_string (object, "provider"));
  self->created_at = record_time (object, "created_at");
  if (self->id == NULL || self->model_id == NULL || self->provider_id == NULL || self->created_at == NULL)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("id, model, provider or created_at is missing"));
      return NULL;
    }

  text = record_string (object, "state");
  if (!rushes_task_state_from_string (text, &self->state))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("unknown state “%s”"), text != NULL ? text : "");
      return NULL;
    }

  node = json_object_get_member (object, "params");
  self->params = node != NULL ? rushes_generation_params_new_from_json (node, error) : NULL;
  if (self->params == NULL)
    {
      if (node == NULL)
        g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL, _("params are missing"));
      return NULL;
    }
  rushes_generation_params_set_prompt (self->params, record_string (object, "prompt"));

  /* Records before shots: each task is a shot of one. */
  self->shot = g_strdup (record_string (object, "shot") != NULL ? record_string (object, "shot") : self->id);
  self->remote_id = g_strdup (record_string (object, "remote_id"));
  self->remote_token = g_strdup (record_string (object, "remote_token"));
  self->finished_at = record_time (object, "finished_at");
  /* Written back as a gint64: a larger number is no revision (and
   * converting 1e300 to an integer is undefined). */
  if (record_number (object, "revision", &number) && number >= 0 && number < (double) G_MAXINT64)
    self->revision = (guint64) number;
  /* Only the task's own copies: a record is not trusted to name a path
   * (an input of ../../../secret would upload that file). */
  text = record_string (object, "input");
  if (text != NULL && !_rushes_task_is_input_name (text, "input"))
    g_debug ("Task %s: ignoring the input “%s”", self->id, text);
  else
    _rushes_task_set_input_name (self, RUSHES_CONTROL_IMAGE, text);
  text = record_string (object, "input_end");
  if (text != NULL && !_rushes_task_is_input_name (text, "input-end"))
    g_debug ("Task %s: ignoring the end input “%s”", self->id, text);
  else
    _rushes_task_set_input_name (self, RUSHES_CONTROL_END_IMAGE, text);
  if (record_string (object, "video") != NULL)
    self->video_file = g_file_get_child (folder, RUSHES_TASK_VIDEO_NAME);
  if (record_number (object, "progress", &number))
    self->progress = CLAMP (number, 0, 1);
  if (record_number (object, "cost_usd", &number) && number >= 0)
    self->cost_usd = number;
  node = json_object_get_member (object, "favourite");
  self->favourite = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                    json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);

  node = json_object_get_member (object, "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      self->error_code = g_strdup (record_string (json_node_get_object (node), "code"));
      self->error_message = g_strdup (record_string (json_node_get_object (node), "message"));
    }

  return g_steal_pointer (&self);
}

static void
add_common_members (RushesTask  *self,
                    JsonBuilder *builder,
                    gboolean     full_video_path)
{
  g_autofree char *created_at = format_time (self->created_at);
  g_autofree char *finished_at = format_time (self->finished_at);
  GFile *video = rushes_task_get_video_file (self);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model_id);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, self->provider_id);
  json_builder_set_member_name (builder, "shot");
  json_builder_add_string_value (builder, self->shot);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, rushes_task_state_to_string (self->state));
  json_builder_set_member_name (builder, "prompt");
  if (rushes_task_get_prompt (self) != NULL)
    json_builder_add_string_value (builder, rushes_task_get_prompt (self));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "params");
  json_builder_add_value (builder, rushes_generation_params_to_json (self->params));
  json_builder_set_member_name (builder, "remote_id");
  if (self->remote_id != NULL)
    json_builder_add_string_value (builder, self->remote_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at);
  json_builder_set_member_name (builder, "finished_at");
  if (finished_at != NULL)
    json_builder_add_string_value (builder, finished_at);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "progress");
  if (self->progress >= 0)
    json_builder_add_double_value (builder, self->progress);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "cost_usd");
  if (self->cost_usd >= 0)
    json_builder_add_double_value (builder, self->cost_usd);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "favourite");
  json_builder_add_boolean_value (builder, self->favourite);

  json_builder_set_member_name (builder, "video");
  if (video == NULL)
    json_builder_add_null_value (builder);
  else if (full_video_path)
    {
      g_autofree char *path = g_file_get_path (video);

      json_builder_add_string_value (builder, path);
    }
  else
    json_builder_add_string_value (builder, RUSHES_TASK_VIDEO_NAME);

  json_builder_set_member_name (builder, "error");
  if (self->error_message != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, self->error_code != NULL ? self->error_code : "failed");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, self->error_message);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
}

/**
 * _rushes_task_to_record:
 *
 * Returns: (transfer full): the contents of task.json: the public record
 *   plus the version, the remote token and file names relative to the folder
 */
JsonNode *
_rushes_task_to_record (RushesTask *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RUSHES_TASK_RECORD_VERSION);
  add_common_members (self, builder, FALSE);
  json_builder_set_member_name (builder, "remote_token");
  if (self->remote_token != NULL)
    json_builder_add_string_value (builder, self->remote_token);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "input");
  if (self->input_name != NULL)
    json_builder_add_string_value (builder, self->input_name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "input_end");
  if (self->end_input_name != NULL)
    json_builder_add_string_value (builder, self->end_input_name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, (gint64) self->revision);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * rushes_task_to_json:
 *
 * The public task record, as `rushes-cli show --json` prints it: id, model,
 * provider, state, prompt, params {aspect_ratio, duration, resolution,
 * image, …}, remote_id, created_at, finished_at (ISO 8601 UTC or null),
 * progress (0..1 or null), cost_usd (number or null), video (absolute path
 * or null), error ({code, message} or null).
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
rushes_task_to_json (RushesTask *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  json_builder_begin_object (builder);
  add_common_members (self, builder, TRUE);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
rushes_task_get_id (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->id;
}

const char *
rushes_task_get_model_id (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->model_id;
}

const char *
rushes_task_get_provider_id (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->provider_id;
}

RushesTaskState
rushes_task_get_state (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), RUSHES_TASK_STATE_DRAFT);

  return self->state;
}

const char *
rushes_task_get_prompt (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return rushes_generation_params_get_prompt (self->params);
}

/**
 * rushes_task_get_params:
 *
 * Returns: (transfer none): the complete parameters the task was created
 *   with (model defaults filled in); do not modify them
 */
RushesGenerationParams *
rushes_task_get_params (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->params;
}

/**
 * rushes_task_get_remote_id:
 *
 * Returns: (nullable): the provider's id for the task, once the submit answered
 */
const char *
rushes_task_get_remote_id (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->remote_id;
}

GDateTime *
rushes_task_get_created_at (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->created_at;
}

/**
 * rushes_task_get_finished_at:
 *
 * Returns: (nullable): when the task reached succeeded, failed or cancelled
 */
GDateTime *
rushes_task_get_finished_at (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->finished_at;
}

/**
 * rushes_task_get_progress:
 *
 * Returns: 0..1, or -1 when the provider reports no progress
 */
double
rushes_task_get_progress (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), -1);

  return self->progress;
}

/**
 * rushes_task_get_cost_usd:
 *
 * Returns: what the provider billed in USD, or -1 when unknown
 */
double
rushes_task_get_cost_usd (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), -1);

  return self->cost_usd;
}

const char *
rushes_task_get_status_text (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->status_text;
}

/**
 * rushes_task_get_error_code:
 *
 * Returns: (nullable): the nick of the #RushesError that ended the task
 *   ("failed", "auth", "uncertain", …)
 */
const char *
rushes_task_get_error_code (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->error_message != NULL ? (self->error_code != NULL ? self->error_code : "failed") : NULL;
}

const char *
rushes_task_get_error_message (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->error_message;
}

/**
 * rushes_task_get_folder:
 *
 * Returns: (transfer none): the task's folder in the library
 */
GFile *
rushes_task_get_folder (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->folder;
}

/**
 * rushes_task_get_input_file:
 *
 * Returns: (transfer none) (nullable): the library's copy of a local start image
 */
GFile *
rushes_task_get_input_file (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->input_file;
}

/**
 * rushes_task_get_thumbnail_file:
 *
 * Returns: (transfer full) (nullable): where the task's poster frame is
 *   kept (`thumbnail.png` in its folder; it may not exist yet), or %NULL
 *   for a task without a folder
 */
GFile *
rushes_task_get_thumbnail_file (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  if (rushes_task_get_folder (self) == NULL)
    return NULL;

  return g_file_get_child (rushes_task_get_folder (self), "thumbnail.png");
}

/**
 * rushes_task_get_video_file:
 *
 * Returns: (transfer none) (nullable): the finished video in the library
 */
GFile *
rushes_task_get_video_file (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->video_file;
}

/**
 * rushes_task_is_finished:
 *
 * Returns: %TRUE when the task succeeded, failed or was cancelled
 */
gboolean
rushes_task_is_finished (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), FALSE);

  return rushes_task_state_is_finished (self->state);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/**
 * rushes_task_matches:
 * @text: (nullable): what the user searches for
 *
 * Returns: %TRUE when @text is empty or found (ignoring case) in the
 *   task's id, prompt, model, state or remote id
 */
gboolean
rushes_task_matches (RushesTask *self,
                     const char *text)
{
  g_autofree char *needle = NULL;

  g_return_val_if_fail (RUSHES_IS_TASK (self), FALSE);

  if (text == NULL || text[0] == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  return contains_casefold (self->id, needle) ||
         contains_casefold (rushes_task_get_prompt (self), needle) ||
         contains_casefold (self->model_id, needle) ||
         contains_casefold (rushes_task_state_to_string (self->state), needle) ||
         contains_casefold (self->remote_id, needle);
}

const char *
_rushes_task_get_remote_token (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->remote_token;
}

/* Reaching succeeded, failed or cancelled stamps finished_at. */
void
_rushes_task_set_state (RushesTask      *self,
                        RushesTaskState  state)
{
  g_return_if_fail (RUSHES_IS_TASK (self));

  if (self->state == state)
    return;

  self->state = state;
  if (rushes_task_state_is_finished (state) && self->finished_at == NULL)
    {
      self->finished_at = g_date_time_new_now_utc ();
      notify (self, PROP_FINISHED_AT);
    }
  notify (self, PROP_STATE);
}

void
_rushes_task_set_remote (RushesTask *self,
                         const char *remote_id,
                         const char *remote_token)
{
  g_return_if_fail (RUSHES_IS_TASK (self));

  if (set_string (&self->remote_id, remote_id))
    notify (self, PROP_REMOTE_ID);
  set_string (&self->remote_token, remote_token);
}

void
_rushes_task_set_progress (RushesTask *self,
                           double      progress)
{
  g_return_if_fail (RUSHES_IS_TASK (self));

  progress = progress < 0 ? -1 : MIN (progress, 1);
  if (self->progress == progress)
    return;

  self->progress = progress;
  notify (self, PROP_PROGRESS);
}

void
_rushes_task_set_cost_usd (RushesTask *self,
                           double      cost_usd)
{
  g_return_if_fail (RUSHES_IS_TASK (self));

  cost_usd = cost_usd < 0 ? -1 : cost_usd;
  if (self->cost_usd == cost_usd)
    return;

  self->cost_usd = cost_usd;
  notify (self, PROP_COST_USD);
}

void
_rushes_task_set_status_text (RushesTask *self,
                              const char *status_text)
{
  g_autofree char *clean = rushes_text_sanitize (status_text);

  g_return_if_fail (RUSHES_IS_TASK (self));

  if (set_string (&self->status_text, clean))
    notify (self, PROP_STATUS_TEXT);
}

/* Records @error (NULL clears): its nick as code, its message as message. */
void
_rushes_task_set_error (RushesTask   *self,
                        const GError *error)
{
  g_autofree char *message = NULL;
  const char *code = NULL;

  g_return_if_fail (RUSHES_IS_TASK (self));

  if (error != NULL)
    {
      code = error->domain == RUSHES_ERROR ? rushes_error_code_to_string (error->code) : "failed";
      /* Messages carry provider text: stored as data, never as escapes. */
      message = rushes_text_sanitize (error->message);
    }

  if (set_string (&self->error_code, code))
    notify (self, PROP_ERROR_CODE);
  if (set_string (&self->error_message, message))
    notify (self, PROP_ERROR_MESSAGE);
}

/*
 * Whether @name is what the library calls a copy of an image: @stem
 * ("input", "input-end") with the extension of a format it takes.
 */
gboolean
_rushes_task_is_input_name (const char *name,
                            const char *stem)
{
  static const char * const extensions[] = { "png", "jpg", "webp", NULL };
  gsize stem_length = strlen (stem);

  if (name == NULL || strncmp (name, stem, stem_length) != 0 || name[stem_length] != '.')
    return FALSE;

  return g_strv_contains (extensions, name + stem_length + 1);
}

void
_rushes_task_set_input_name (RushesTask *self,
                             const char *control,
                             const char *basename)
{
  gboolean end;

  g_return_if_fail (RUSHES_IS_TASK (self));
  g_return_if_fail (control != NULL);

  end = g_str_equal (control, RUSHES_CONTROL_END_IMAGE);
  g_return_if_fail (end || g_str_equal (control, RUSHES_CONTROL_IMAGE));
  g_return_if_fail (basename == NULL || _rushes_task_is_input_name (basename, end ? "input-end" : "input"));

  if (!set_string (end ? &self->end_input_name : &self->input_name, basename))
    return;

  g_clear_object (end ? &self->end_input_file : &self->input_file);
  if (basename != NULL)
    *(end ? &self->end_input_file : &self->input_file) = g_file_get_child (self->folder, basename);
}

/**
 * rushes_task_get_image_file:
 * @self: a #RushesTask
 * @control: %RUSHES_CONTROL_IMAGE or %RUSHES_CONTROL_END_IMAGE
 *
 * Returns: (transfer none) (nullable): the library's copy of a local image
 *   the task was made with: what a provider sends, never the original path
 */
GFile *
rushes_task_get_image_file (RushesTask *self,
                            const char *control)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);

  if (g_str_equal (control, RUSHES_CONTROL_IMAGE))
    return self->input_file;
  if (g_str_equal (control, RUSHES_CONTROL_END_IMAGE))
    return self->end_input_file;
  return NULL;
}

guint64
_rushes_task_get_revision (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), 0);

  return self->revision;
}

void
_rushes_task_set_revision (RushesTask *self,
                           guint64     revision)
{
  g_return_if_fail (RUSHES_IS_TASK (self));

  self->revision = revision;
}

/* How far a task has come: a record never goes back to a lower rank. */
static int
state_rank (RushesTaskState state)
{
  switch (state)
    {
    case RUSHES_TASK_STATE_DRAFT:
      return 0;
    case RUSHES_TASK_STATE_SUBMITTING:
      return 1;
    case RUSHES_TASK_STATE_UNCERTAIN:
      return 2;
    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_DOWNLOADING:
      return 3;
    case RUSHES_TASK_STATE_SUCCEEDED:
    case RUSHES_TASK_STATE_FAILED:
    case RUSHES_TASK_STATE_CANCELLED:
    default:
      return 4;
    }
}

/*
 * _rushes_task_can_replace:
 * @self: the task as a writer wants to record it
 * @stored: the same task as its record says now
 *
 * The rules no write may break, whoever makes it: a remote id, the receipt
 * of a paid run, is never lost or changed; a task never goes back (a
 * queued task does not become uncertain, a succeeded one does not become
 * anything else).
 *
 * Returns: %TRUE when @self may replace @stored, else %FALSE with a
 *   %G_IO_ERROR_WRONG_ETAG saying why
 */
gboolean
_rushes_task_can_replace (RushesTask  *self,
                          RushesTask  *stored,
                          GError     **error)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_TASK (stored), FALSE);

  if (stored->remote_id != NULL && g_strcmp0 (self->remote_id, stored->remote_id) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("Task %s already has the remote id %s; it is kept"), self->id, stored->remote_id);
      return FALSE;
    }

  if (state_rank (self->state) < state_rank (stored->state) ||
      (state_rank (stored->state) == 4 && self->state != stored->state))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("Task %s is %s already; it does not go back to %s"), self->id,
                   rushes_task_state_to_string (stored->state), rushes_task_state_to_string (self->state));
      return FALSE;
    }

  return TRUE;
}

/*
 * _rushes_task_take_fields:
 * @self: a task as its record says now
 * @from: the same task with a writer's changes
 * @fields: the writer's fields
 *
 * Copies what a writer owns onto the stored task, so that a write after
 * another process's changes keeps both.
 */
void
_rushes_task_take_fields (RushesTask       *self,
                          RushesTask       *from,
                          RushesTaskFields  fields)
{
  g_return_if_fail (RUSHES_IS_TASK (self));
  g_return_if_fail (RUSHES_IS_TASK (from));

  if (fields & RUSHES_TASK_FIELDS_USER)
    _rushes_task_set_favourite (self, from->favourite);

  if (fields & RUSHES_TASK_FIELDS_RUN)
    {
      g_autoptr(RushesTask) copy = g_object_ref (from);
      gboolean favourite = self->favourite;

      _rushes_task_update_from (self, copy);
      /* update_from takes everything; the user's fields stay as stored. */
      _rushes_task_set_favourite (self, favourite);
    }
}

void
_rushes_task_set_has_video (RushesTask *self,
                            gboolean    has_video)
{
  g_return_if_fail (RUSHES_IS_TASK (self));

  if ((self->video_file != NULL) == !!has_video)
    return;

  g_clear_object (&self->video_file);
  if (has_video)
    self->video_file = g_file_get_child (self->folder, RUSHES_TASK_VIDEO_NAME);
  notify (self, PROP_VIDEO_FILE);
}

/**
 * rushes_task_get_shot:
 * @self: a #RushesTask
 *
 * Returns: the id of the shot the task is a take of: the takes one
 *   Generate made share it; a single run is a shot of one (its own id)
 */
const char *
rushes_task_get_shot (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), NULL);

  return self->shot != NULL ? self->shot : self->id;
}

void
_rushes_task_set_shot (RushesTask *self,
                       const char *shot)
{
  g_return_if_fail (RUSHES_IS_TASK (self));
  g_return_if_fail (shot != NULL);

  set_string (&self->shot, shot);
}

/**
 * rushes_task_get_favourite:
 * @self: a #RushesTask
 *
 * Returns: whether the user marked the clip as a favourite
 */
gboolean
rushes_task_get_favourite (RushesTask *self)
{
  g_return_val_if_fail (RUSHES_IS_TASK (self), FALSE);

  return self->favourite;
}

void
_rushes_task_set_favourite (RushesTask *self,
                            gboolean    favourite)
{
  g_return_if_fail (RUSHES_IS_TASK (self));

  if (self->favourite == !!favourite)
    return;

  self->favourite = !!favourite;
  notify (self, PROP_FAVOURITE);
}

static void
replace_string (RushesTask  *self,
                char       **field,
                const char  *value,
                guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  if (prop_id != PROP_0)
    notify (self, prop_id);
}

/*
 * _rushes_task_update_from:
 * @self: the task the application shows
 * @other: the same task as another process (rushes-cli) last wrote it
 *
 * Takes over what changed on disk; each property that changes notifies.
 */
void
_rushes_task_update_from (RushesTask *self,
                          RushesTask *other)
{
  g_return_if_fail (RUSHES_IS_TASK (self));
  g_return_if_fail (RUSHES_IS_TASK (other));
  g_return_if_fail (g_strcmp0 (self->id, other->id) == 0);

  g_object_freeze_notify (G_OBJECT (self));

  self->revision = other->revision;
  _rushes_task_set_remote (self, other->remote_id, other->remote_token);
  _rushes_task_set_progress (self, other->progress);
  _rushes_task_set_cost_usd (self, other->cost_usd);
  _rushes_task_set_has_video (self, other->video_file != NULL);
  _rushes_task_set_favourite (self, other->favourite);
  replace_string (self, &self->error_code, other->error_code, PROP_ERROR_CODE);
  replace_string (self, &self->error_message, other->error_message, PROP_ERROR_MESSAGE);

  if ((self->finished_at == NULL) != (other->finished_at == NULL) ||
      (self->finished_at != NULL && !g_date_time_equal (self->finished_at, other->finished_at)))
    {
      g_clear_pointer (&self->finished_at, g_date_time_unref);
      if (other->finished_at != NULL)
        self->finished_at = g_date_time_ref (other->finished_at);
      notify (self, PROP_FINISHED_AT);
    }

  /* Last, so that watchers of the state see the rest already updated. */
  _rushes_task_set_state (self, other->state);

  g_object_thaw_notify (G_OBJECT (self));
}
