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

#define G_LOG_DOMAIN "rushes-composer-reuse"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-composer-private.h"
#include "rushes-settings-tags.h"

/* Settings that travel with a clip: a clip dragged from the gallery, or a
 * video Rushes exported (its settings are in its tags), dropped on the
 * composer fill it as they were, with a new seed. The notice above the
 * prompt says what came in, or why nothing did. */

static gboolean
is_video (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *type = g_content_type_guess (name, NULL, 0, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (type);

  return mime != NULL && g_str_has_prefix (mime, "video/");
}

/* A clip's prompt as its name in a sentence: its first words. */
static char *
short_title (const char *prompt)
{
  const guint max = 40;

  if (prompt == NULL || *prompt == '\0')
    return g_strdup (_("the clip"));
  if (g_utf8_strlen (prompt, -1) <= max)
    return g_strdup (prompt);

  {
    g_autofree char *start = g_utf8_substring (prompt, 0, max - 1);

    return g_strconcat (g_strchomp (start), "…", NULL);
  }
}

static void
apply_settings (RushesComposer         *self,
                const char             *model_id,
                RushesGenerationParams *params,
                const char             *origin)
{
  RushesModel *model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine), model_id);
  g_autofree char *notice = NULL;
  g_auto(GStrv) dropped = NULL;

  if (model == NULL)
    {
      /* Translators: a file's name, then a model's id */
      notice = g_strdup_printf (_("“%s” was made with %s, which Rushes does not offer now. Nothing was changed."),
                                origin, model_id);
      _rushes_composer_set_notice (self, notice);
      return;
    }

  /* A new take of the same idea draws its own seed. */
  rushes_generation_params_set_value (params, RUSHES_CONTROL_SEED, NULL, NULL);
  dropped = rushes_settings_drop_missing_images (params);

  rushes_composer_load (self, model_id, params);

  if (dropped[0] != NULL)
    /* Translators: a file's name, then the path of an image */
    notice = g_strdup_printf (_("The settings of “%s” are in, with a new seed. Its image %s is not on this computer: "
                                "choose one, or generate without it."),
                              origin, dropped[0]);
  else
    /* Translators: a file's name */
    notice = g_strdup_printf (_("The settings of “%s” are in, with a new seed."), origin);
  _rushes_composer_set_notice (self, notice);
}

typedef struct
{
  RushesComposer *self;
  char           *name;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->self);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadData, read_data_free)

static void
settings_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReadData) data = user_data;
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *model_id = NULL;

  settings = rushes_media_read_settings_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (settings == NULL || !rushes_settings_parse (settings, &model_id, &params, &error))
    {
      g_autofree char *notice = NULL;

      /* The media layer's message names the file; a parse error does not. */
      if (settings == NULL)
        notice = g_strdup (error->message);
      else
        /* Translators: a file's name, then what is wrong with its settings */
        notice = g_strdup_printf (_("“%s” cannot be used: %s"), data->name, error->message);
      _rushes_composer_set_notice (data->self, notice);
      return;
    }

  apply_settings (data->self, model_id, params, data->name);
}

/**
 * rushes_composer_reuse_file:
 * @self: a #RushesComposer
 * @video: a clip of the library, or a video Rushes exported
 *
 * Fills the composer with the model and settings @video was made with, as
 * a drop of it does; the seed is new. A library clip's settings come from
 * its record, an exported video's from its tags; the notice says what
 * came in, or why nothing did.
 */
void
rushes_composer_reuse_file (RushesComposer *self,
                            GFile          *video)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *id = NULL;
  RushesTask *task = NULL;
  ReadData *data;

  g_return_if_fail (RUSHES_IS_COMPOSER (self));
  g_return_if_fail (G_IS_FILE (video));
  g_return_if_fail (self->engine != NULL);

  folder = g_file_get_parent (video);
  if (folder != NULL)
    {
      id = g_file_get_basename (folder);
      task = rushes_library_lookup (rushes_engine_get_library (self->engine), id);
    }

  if (task != NULL && rushes_task_get_video_file (task) != NULL &&
      g_file_equal (rushes_task_get_video_file (task), video))
    {
      g_autoptr(RushesGenerationParams) params = rushes_settings_from_task (task);
      g_autofree char *title = short_title (rushes_task_get_prompt (task));

      apply_settings (self, rushes_task_get_model_id (task), params, title);
      return;
    }

  data = g_new0 (ReadData, 1);
  data->self = g_object_ref (self);
  data->name = g_file_get_basename (video);
  rushes_media_read_settings_async (video, self->cancellable, settings_read_cb, data);
}

/* Drops ------------------------------------------------------------------- */

static GFile *
first_video (const GValue *value)
{
  if (value == NULL)
    return NULL;

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      GFile *file = g_value_get_object (value);

      return file != NULL && is_video (file) ? file : NULL;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
      if (is_video (l->data))
        return l->data;

  return NULL;
}

/* Pictures are for the image slots: only videos are taken here. */
static void
drop_value_cb (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  if (value != NULL && first_video (value) == NULL)
    gtk_drop_target_reject (target);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         RushesComposer *self)
{
  GFile *video = first_video (value);

  if (video == NULL)
    return FALSE;

  rushes_composer_reuse_file (self, video);
  return TRUE;
}

void
_rushes_composer_reuse_init (RushesComposer *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect_object (target, "notify::value", G_CALLBACK (drop_value_cb), NULL, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
