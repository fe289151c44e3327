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

#define G_LOG_DOMAIN "rushes-clip-details"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-cli-command.h"
#include "rushes-clip-details.h"
#include "rushes-take-diff.h"

/* Everything about one clip: its full prompt; its model, provider and
 * every parameter, the seed included; the remote id; when it was made
 * and what it cost; and what the video file holds — its size, length,
 * picture size, frame rate and codecs, read from the file on a worker
 * thread. From here a clip is made again (same settings, new seed, as a
 * take of the same shot), put back in the composer, or copied as the
 * rushes-cli command that makes it. */

struct _RushesClipDetails
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *prompt_label;
  AdwPreferencesGroup  *generation_group;
  AdwPreferencesGroup  *history_group;
  AdwPreferencesGroup  *video_group;
  GtkButton            *generate_button;

  /* Owned */
  RushesEngine         *engine;
  RushesTask           *task;
  RushesMediaInfo      *media;
  GCancellable         *cancellable;

  /* Borrowed: the rows the probe fills */
  GtkLabel             *size_value;
  GtkLabel             *duration_value;
  GtkLabel             *resolution_value;
  GtkLabel             *frame_rate_value;
  GtkLabel             *video_codec_value;
  GtkLabel             *audio_codec_value;
};

G_DEFINE_FINAL_TYPE (RushesClipDetails, rushes_clip_details, ADW_TYPE_WINDOW)

enum {
  GENERATE_AGAIN,
  USE_AS_DRAFT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkLabel *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  /* Short values on one line, long ones (ids, prompts) wrapped. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (value, -1) + 3, 28));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  /* Selectable labels take the focus first: the row's title names it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);

  return GTK_LABEL (label);
}

static char *
format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (time);
  /* Translators: a date and time in the clip details; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M:%S"));
}

static char *
format_seconds (double seconds)
{
  if (seconds < 60)
    /* Translators: a length of time in seconds, as in “8.0 s” */
    return g_strdup_printf (_("%.1f s"), seconds);

  /* Translators: a length of time in minutes and seconds, as in “2 min 05 s” */
  return g_strdup_printf (_("%d min %02d s"), (int) seconds / 60, (int) seconds % 60);
}

static void
fill_generation (RushesClipDetails *self)
{
  RushesGenerationParams *params = rushes_task_get_params (self->task);
  RushesModel *model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine),
                                                    rushes_task_get_model_id (self->task));
  g_auto(GStrv) controls = rushes_take_diff_list_controls (params);
  g_autofree char *model_text = NULL;
  const char *provider = rushes_task_get_provider_id (self->task);

  model_text = model != NULL
    ? g_strdup_printf ("%s\n%s", rushes_model_get_name (model), rushes_task_get_model_id (self->task))
    : g_strdup (rushes_task_get_model_id (self->task));
  add_row (self->generation_group, _("Model"), model_text);
  add_row (self->generation_group, _("Provider"),
           provider != NULL && rushes_provider_id_get_name (provider) != NULL
             ? rushes_provider_id_get_name (provider) : (provider != NULL ? provider : "—"));

  /* Every parameter, in a stable order, the seed among them. */
  for (guint i = 0; controls[i] != NULL; i++)
    {
      const char *value = rushes_generation_params_get_value (params, controls[i]);
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;

      if (value == NULL || g_str_equal (controls[i], RUSHES_CONTROL_PROMPT))
        continue;

      label = rushes_take_diff_control_label (controls[i]);
      text = rushes_control_format_value (controls[i], value);
      add_row (self->generation_group, label, text);
    }
  if (rushes_generation_params_get_value (params, RUSHES_CONTROL_SEED) == NULL)
    add_row (self->generation_group, rushes_control_get_label (RUSHES_CONTROL_SEED),
             model != NULL && !rushes_model_has_control (model, RUSHES_CONTROL_SEED)
               ? _("The model takes none") : _("Chosen by the provider"));

  add_row (self->generation_group, _("Remote ID"),
           rushes_task_get_remote_id (self->task) != NULL ? rushes_task_get_remote_id (self->task) : "—");
  add_row (self->generation_group, _("Task ID"), rushes_task_get_id (self->task));

  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), model != NULL);
  if (model == NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->generate_button),
                                 _("The model of this clip is no longer in the catalog"));
}

static void
fill_history (RushesClipDetails *self)
{
  GDateTime *created = rushes_task_get_created_at (self->task);
  GDateTime *finished = rushes_task_get_finished_at (self->task);
  g_autofree char *created_text = format_date (created);
  g_autofree char *finished_text = format_date (finished);
  double cost = rushes_task_get_cost_usd (self->task);
  g_autofree char *cost_text = NULL;

  add_row (self->history_group, _("State"), rushes_task_state_to_string (rushes_task_get_state (self->task)));
  add_row (self->history_group, _("Created"), created_text);
  add_row (self->history_group, _("Finished"), finished_text);
  if (created != NULL && finished != NULL)
    {
      g_autofree char *took = format_seconds (g_date_time_difference (finished, created) / (double) G_TIME_SPAN_SECOND);

      add_row (self->history_group, _("Took"), took);
    }

  cost_text = cost > 0 ? g_strdup_printf ("$%.2f", cost) : g_strdup (_("Free or not reported"));
  add_row (self->history_group, _("Cost"), cost_text);
  if (rushes_task_get_error_message (self->task) != NULL)
    add_row (self->history_group, _("Error"), rushes_task_get_error_message (self->task));
}

static void
show_media (RushesClipDetails *self)
{
  RushesMediaInfo *media = self->media;
  g_autofree char *size = g_format_size (media->size);
  g_autofree char *duration = format_seconds (media->duration / (double) G_USEC_PER_SEC);
  /* Translators: a picture's width and height in pixels */
  g_autofree char *resolution = g_strdup_printf (_("%d × %d"), media->width, media->height);
  g_autofree char *rate = media->fps_d > 0
    /* Translators: frames per second */
    ? g_strdup_printf (_("%.3g fps"), (double) media->fps_n / media->fps_d)
    : g_strdup (_("Unknown"));

  gtk_label_set_label (self->size_value, size);
  gtk_label_set_label (self->duration_value, duration);
  gtk_label_set_label (self->resolution_value, resolution);
  gtk_label_set_label (self->frame_rate_value, rate);
  gtk_label_set_label (self->video_codec_value, media->video_codec != NULL ? media->video_codec : _("Unknown"));
  gtk_label_set_label (self->audio_codec_value,
                       !media->has_audio ? _("None (silent)")
                       : media->audio_codec != NULL ? media->audio_codec : _("Unknown"));
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RushesClipDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  RushesMediaInfo *media = rushes_media_info_probe_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (media == NULL)
    {
      gtk_label_set_label (self->duration_value, error->message);
      return;
    }

  self->media = media;
  show_media (self);
}

static void
fill_video (RushesClipDetails *self)
{
  GFile *video = rushes_task_get_video_file (self->task);
  const char *reading = video != NULL ? _("Reading…") : "—";

  self->size_value = add_row (self->video_group, _("File size"), reading);
  self->duration_value = add_row (self->video_group, _("Duration"), reading);
  self->resolution_value = add_row (self->video_group, _("Resolution"), reading);
  self->frame_rate_value = add_row (self->video_group, _("Frame rate"), reading);
  self->video_codec_value = add_row (self->video_group, _("Video codec"), reading);
  self->audio_codec_value = add_row (self->video_group, _("Sound"), reading);

  if (video == NULL)
    {
      adw_preferences_group_set_description (self->video_group, _("This clip has no video"));
      return;
    }

  rushes_media_info_probe_async (video, self->cancellable, probed_cb, g_object_ref (self));
}

static void
copy_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RushesClipDetails *self = RUSHES_CLIP_DETAILS (widget);
  g_autofree char *command = rushes_cli_command_for_task (self->task);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Command copied: paste it in a terminal")));
}

static void
generate_again_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RushesClipDetails *self = RUSHES_CLIP_DETAILS (widget);
  g_autoptr(RushesTask) task = g_object_ref (self->task);

  g_signal_emit (self, signals[GENERATE_AGAIN], 0, task);
  gtk_window_close (GTK_WINDOW (self));
}

static void
use_as_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RushesClipDetails *self = RUSHES_CLIP_DETAILS (widget);
  g_autoptr(RushesTask) task = g_object_ref (self->task);

  g_signal_emit (self, signals[USE_AS_DRAFT], 0, task);
  gtk_window_close (GTK_WINDOW (self));
}

static void
rushes_clip_details_dispose (GObject *object)
{
  RushesClipDetails *self = RUSHES_CLIP_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->media, rushes_media_info_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_CLIP_DETAILS);

  G_OBJECT_CLASS (rushes_clip_details_parent_class)->dispose (object);
}

static void
rushes_clip_details_class_init (RushesClipDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_clip_details_dispose;

  /**
   * RushesClipDetails::generate-again:
   * @task: the clip to make again with a new seed
   */
  signals[GENERATE_AGAIN] =
    g_signal_new ("generate-again", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesClipDetails::use-as-draft:
   * @task: the clip whose prompt and settings go back into the composer
   */
  signals[USE_AS_DRAFT] =
    g_signal_new ("use-as-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-clip-details.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesClipDetails, window_title);
  gtk_widget_class_bind_template_child (widget_class, RushesClipDetails, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RushesClipDetails, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, RushesClipDetails, generation_group);
  gtk_widget_class_bind_template_child (widget_class, RushesClipDetails, history_group);
  gtk_widget_class_bind_template_child (widget_class, RushesClipDetails, video_group);
  gtk_widget_class_bind_template_child (widget_class, RushesClipDetails, generate_button);

  gtk_widget_class_install_action (widget_class, "details.copy-settings", NULL, copy_settings_action);
  gtk_widget_class_install_action (widget_class, "details.generate-again", NULL, generate_again_action);
  gtk_widget_class_install_action (widget_class, "details.use-as-draft", NULL, use_as_draft_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "details.copy-settings", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rushes_clip_details_init (RushesClipDetails *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rushes_clip_details_new:
 * @parent: (nullable): the window it belongs to
 * @engine: the engine whose catalog names the model
 * @task: the clip
 *
 * Returns: (transfer none): the details window, not shown yet; it reads
 *   the video file at once
 */
RushesClipDetails *
rushes_clip_details_new (GtkWindow    *parent,
                         RushesEngine *engine,
                         RushesTask   *task)
{
  RushesClipDetails *self;
  const char *prompt;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RUSHES_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (RUSHES_IS_TASK (task), NULL);

  self = g_object_new (RUSHES_TYPE_CLIP_DETAILS,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  self->task = g_object_ref (task);

  prompt = rushes_task_get_prompt (task);
  gtk_label_set_label (self->prompt_label, prompt != NULL && *prompt != '\0' ? prompt : _("No prompt"));
  adw_window_title_set_subtitle (self->window_title, rushes_task_get_id (task));

  fill_generation (self);
  fill_history (self);
  fill_video (self);

  return self;
}

/**
 * rushes_clip_details_get_task:
 *
 * Returns: (transfer none): the clip shown
 */
RushesTask *
rushes_clip_details_get_task (RushesClipDetails *self)
{
  g_return_val_if_fail (RUSHES_IS_CLIP_DETAILS (self), NULL);

  return self->task;
}

/**
 * rushes_clip_details_get_media_info:
 *
 * Returns: (transfer none) (nullable): what the video file holds, once read
 */
const RushesMediaInfo *
rushes_clip_details_get_media_info (RushesClipDetails *self)
{
  g_return_val_if_fail (RUSHES_IS_CLIP_DETAILS (self), NULL);

  return self->media;
}
