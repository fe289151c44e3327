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
#define G_LOG_DOMAIN "rushes-sandbox-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rushes-error.h"
#include "rushes-model-private.h"
#include "rushes-sandbox-provider.h"
#include "rushes-sandbox-renderer.h"

#define PROVIDER_ID   "sandbox"
#define PROVIDER_NAME "Sandbox"
/* Written in the task's folder; the runner then takes it as the video. */
#define OUTPUT_NAME   "sandbox-preview.mp4"

/**
 * RushesSandboxProvider:
 *
 * The offline Sandbox: no account, no network, no cost. A submit starts a
 * local GStreamer render of an honest preview (the prompt over a moving
 * background, or the start image panned and zoomed; see
 * rushes-sandbox-renderer.h) and answers with a local task id; status reads
 * report its progress like a provider's; the finished file in the task's
 * folder is the "download". A render cut short by a quit is simply made
 * again when the task is followed anew: it costs nothing.
 *
 * Unlike the network providers it keeps state: the renders under way.
 */
struct _RushesSandboxProvider
{
  GObject     parent_instance;

  GHashTable *renders;  /* remote id → Render */
};

static void provider_iface_init (RushesProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesSandboxProvider, rushes_sandbox_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RUSHES_TYPE_PROVIDER, provider_iface_init))

/* Shared by the provider's table and the render's callbacks. */
typedef struct
{
  char         *id;
  GFile        *output;
  GCancellable *cancellable;
  GError       *error;
  double        fraction;   /* < 0 until the first frames are written */
  guint         again : 1;  /* started anew after a restart */
  guint         finished : 1;
  guint         cancelled : 1;
} Render;

static void
render_clear (gpointer data)
{
  Render *render = data;

  g_free (render->id);
  g_clear_object (&render->output);
  g_clear_object (&render->cancellable);
  g_clear_error (&render->error);
}

static Render *
render_ref (Render *render)
{
  return g_rc_box_acquire (render);
}

static void
render_unref (gpointer render)
{
  g_rc_box_release_full (render, render_clear);
}

/* ------------------------------------------------------------------ */

static void
render_progress_cb (double   fraction,
                    gpointer user_data)
{
  Render *render = user_data;

  render->fraction = fraction;
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Render *render = user_data;

  if (!rushes_sandbox_render_finish (result, &render->error))
    g_debug ("Render %s ended: %s", render->id, render->error->message);
  render->finished = TRUE;
  render_unref (render);
}

static RushesRemoteStatus *
render_get_status (Render *render)
{
  RushesRemoteStatus *status;

  if (!render->finished && render->fraction < 0)
    {
      status = rushes_remote_status_new (RUSHES_REMOTE_STATE_QUEUED);
      status->message = g_strdup (render->again ? _("Rendering the offline preview again: it stopped with Rushes")
                                                : _("Preparing the offline preview"));
    }
  else if (!render->finished)
    {
      status = rushes_remote_status_new (RUSHES_REMOTE_STATE_RUNNING);
      status->progress = render->fraction;
      status->message = g_strdup (_("Rendering the offline preview on this computer"));
    }
  else if (render->cancelled)
    {
      status = rushes_remote_status_new (RUSHES_REMOTE_STATE_CANCELLED);
      status->terminal = TRUE;
      status->message = g_strdup (_("Cancelled"));
    }
  else if (render->error != NULL)
    {
      status = rushes_remote_status_new (RUSHES_REMOTE_STATE_FAILED);
      status->terminal = TRUE;
      status->message = g_strdup_printf (_("The offline preview could not be rendered: %s"),
                                         render->error->message);
    }
  else
    {
      status = rushes_remote_status_new (RUSHES_REMOTE_STATE_SUCCEEDED);
      status->terminal = TRUE;
      status->progress = 1;
      status->cost_usd = 0;
      status->video_url = g_file_get_uri (render->output);
      status->message = g_strdup (_("The offline preview is ready"));
    }

  status->remote_id = g_strdup (render->id);
  return status;
}

static const char *
field_string (RushesWireRequest *request,
              const char        *name)
{
  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i);

      if (g_str_equal (field->field, name) && JSON_NODE_HOLDS_VALUE (field->value) &&
          json_node_get_value_type (field->value) == G_TYPE_STRING)
        return json_node_get_string (field->value);
    }

  return NULL;
}

static gint64
field_integer (RushesWireRequest *request,
               const char        *name)
{
  for (guint i = 0; i < request->fields->len; i++)
    {
      RushesWireField *field = g_ptr_array_index (request->fields, i);

      if (g_str_equal (field->field, name) && JSON_NODE_HOLDS_VALUE (field->value) &&
          json_node_get_value_type (field->value) == G_TYPE_INT64)
        return json_node_get_int (field->value);
    }

  return 0;
}

/* The catalog entry's request says what to render: "prompt", "image",
 * "size" ("W*H", from resolution × aspect ratio) and "duration". */
static Render *
render_start (RushesSandboxProvider  *self,
              RushesModel            *model,
              RushesTask             *task,
              const char             *id,
              GError                **error)
{
  g_autoptr(RushesWireRequest) request = NULL;
  g_autoptr(GFile) image = NULL;
  const char *prompt;
  const char *size;
  const char *image_value;
  gint64 duration;
  guint width = 0, height = 0;
  Render *render;

  request = _rushes_model_build_request (model, rushes_task_get_params (task), error);
  if (request == NULL)
    return NULL;

  prompt = field_string (request, "prompt");
  size = field_string (request, "size");
  duration = field_integer (request, "duration");
  image_value = field_string (request, "image");
  if (prompt == NULL || size == NULL || sscanf (size, "%u*%u", &width, &height) != 2 || duration <= 0)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The catalog entry for %s must send “prompt”, “size” (W*H) and “duration” to the Sandbox"),
                   rushes_model_get_name (model));
      return NULL;
    }

  /* The start image from the library's copy of it. */
  if (image_value != NULL && rushes_task_get_input_file (task) != NULL)
    image = g_object_ref (rushes_task_get_input_file (task));
  else if (image_value != NULL)
    image = g_file_new_for_path (image_value);

  render = g_rc_box_new0 (Render);
  render->id = g_strdup (id);
  render->output = g_file_get_child (rushes_task_get_folder (task), OUTPUT_NAME);
  render->cancellable = g_cancellable_new ();
  render->fraction = -1;
  g_hash_table_replace (self->renders, render->id, render);

  g_debug ("Rendering %s: %u×%u, %" G_GINT64_FORMAT " s", id, width, height, duration);
  rushes_sandbox_render_async (prompt, image, width, height, (guint) duration, render->output,
                               render_progress_cb, render_ref (render), render_unref,
                               render->cancellable, render_done_cb, render_ref (render));
  return render;
}

/* ------------------------------------------------------------------ */

static void
rushes_sandbox_provider_submit_async (RushesProvider          *provider,
                                      const RushesCredentials *credentials,
                                      RushesModel             *model,
                                      RushesTask              *rushes_task,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  RushesSandboxProvider *self = RUSHES_SANDBOX_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strdup_printf ("sandbox-%.8s", uuid);
  Render *render;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_sandbox_provider_submit_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  render = render_start (self, model, rushes_task, id, &error);
  if (render == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, render_get_status (render), (GDestroyNotify) rushes_remote_status_free);
}

static void
rushes_sandbox_provider_status_async (RushesProvider          *provider,
                                      const RushesCredentials *credentials,
                                      RushesModel             *model,
                                      RushesTask              *rushes_task,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  RushesSandboxProvider *self = RUSHES_SANDBOX_PROVIDER (provider);
  const char *id = rushes_task_get_remote_id (rushes_task);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RushesRemoteStatus *status;
  Render *render;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_sandbox_provider_status_async);

  render = g_hash_table_lookup (self->renders, id);
  if (render == NULL)
    {
      g_autoptr(GFile) output = g_file_get_child (rushes_task_get_folder (rushes_task), OUTPUT_NAME);

      /* Rushes stopped: a finished file is the result; otherwise render
       * again, which costs nothing. */
      if (g_file_query_exists (output, NULL))
        {
          status = rushes_remote_status_new (RUSHES_REMOTE_STATE_SUCCEEDED);
          status->remote_id = g_strdup (id);
          status->terminal = TRUE;
          status->progress = 1;
          status->cost_usd = 0;
          status->video_url = g_file_get_uri (output);
          g_task_return_pointer (task, status, (GDestroyNotify) rushes_remote_status_free);
          return;
        }

      render = render_start (self, model, rushes_task, id, &error);
      if (render == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      render->again = TRUE;
    }

  status = render_get_status (render);
  /* Its outcome is told once; the table only holds renders under way. */
  if (status->terminal)
    g_hash_table_remove (self->renders, id);

  g_task_return_pointer (task, status, (GDestroyNotify) rushes_remote_status_free);
}

static void
rushes_sandbox_provider_cancel_async (RushesProvider          *provider,
                                      const RushesCredentials *credentials,
                                      RushesModel             *model,
                                      RushesTask              *rushes_task,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  RushesSandboxProvider *self = RUSHES_SANDBOX_PROVIDER (provider);
  const char *id = rushes_task_get_remote_id (rushes_task);
  g_autoptr(GTask) task = NULL;
  RushesRemoteStatus *status;
  Render *render;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_sandbox_provider_cancel_async);

  render = g_hash_table_lookup (self->renders, id);
  if (render != NULL && render->finished && !render->cancelled)
    {
      /* It ended first and keeps its outcome. */
      g_task_return_pointer (task, render_get_status (render), (GDestroyNotify) rushes_remote_status_free);
      return;
    }

  if (render != NULL)
    {
      render->cancelled = TRUE;
      g_cancellable_cancel (render->cancellable);
      g_hash_table_remove (self->renders, id);
    }

  /* Without a render under way there is nothing left to stop. */
  status = rushes_remote_status_new (RUSHES_REMOTE_STATE_CANCELLED);
  status->remote_id = g_strdup (id);
  status->terminal = TRUE;
  g_task_return_pointer (task, status, (GDestroyNotify) rushes_remote_status_free);
}

/* ------------------------------------------------------------------ */

static const char *
rushes_sandbox_provider_get_id (RushesProvider *provider)
{
  return PROVIDER_ID;
}

static const char *
rushes_sandbox_provider_get_name (RushesProvider *provider)
{
  return PROVIDER_NAME;
}

static void
provider_iface_init (RushesProviderInterface *iface)
{
  iface->get_id = rushes_sandbox_provider_get_id;
  iface->get_name = rushes_sandbox_provider_get_name;
  iface->submit_async = rushes_sandbox_provider_submit_async;
  iface->status_async = rushes_sandbox_provider_status_async;
  iface->cancel_async = rushes_sandbox_provider_cancel_async;
}

static void
rushes_sandbox_provider_dispose (GObject *object)
{
  RushesSandboxProvider *self = (RushesSandboxProvider *)object;

  if (self->renders != NULL)
    {
      GHashTableIter iter;
      gpointer render;

      /* A render no one follows any more stops; the next run makes it again. */
      g_hash_table_iter_init (&iter, self->renders);
      while (g_hash_table_iter_next (&iter, NULL, &render))
        g_cancellable_cancel (((Render *) render)->cancellable);
      g_clear_pointer (&self->renders, g_hash_table_unref);
    }

  G_OBJECT_CLASS (rushes_sandbox_provider_parent_class)->dispose (object);
}

static void
rushes_sandbox_provider_class_init (RushesSandboxProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_sandbox_provider_dispose;
}

static void
rushes_sandbox_provider_init (RushesSandboxProvider *self)
{
  self->renders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, render_unref);
}

/**
 * rushes_sandbox_provider_new:
 * @http: the engine's HTTP layer (the Sandbox sends no requests)
 *
 * Returns: (transfer full): the Sandbox provider
 */
RushesProvider *
rushes_sandbox_provider_new (RushesHttp *http)
{
  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  return g_object_new (RUSHES_TYPE_SANDBOX_PROVIDER, NULL);
}
