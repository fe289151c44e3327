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

#define G_LOG_DOMAIN "rushes-clip-card"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-clip-card.h"
#include "rushes-poster-cache.h"
#include "rushes-shot-group.h"
#include "rushes-ui-utils.h"

/* One clip in the library gallery: its poster frame (thumbnail.png in
 * the task's folder, once made), prompt, model, duration and cost, and a
 * badge when it did not succeed.
 *
 * Grouped by shot, a card stands for a whole shot: it shows the shot's
 * poster take (the starred one, else the first) with the number of takes,
 * a button that opens the shot (#RushesClipCard:expanded) and one that
 * compares its takes. The takes of an opened shot follow it, each with
 * its number. */

struct _RushesClipCard
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *box;
  GtkStack     *thumbnail_stack;
  GtkPicture   *picture;
  GtkLabel     *state_label;
  GtkToggleButton *favourite_button;
  GtkLabel     *duration_label;
  GtkLabel     *prompt_label;
  GtkLabel     *details_label;
  GtkWidget    *shot_box;
  GtkToggleButton *takes_button;
  GtkImage     *takes_icon;
  GtkLabel     *takes_label;
  GtkButton    *compare_button;
  GtkLabel     *take_label;

  /* Owned */
  RushesEngine *engine;
  RushesThumbnailQueue *thumbnails;
  RushesTask   *task;
  GSignalGroup *task_signals;
  GCancellable *cancellable;
  RushesShotGroup *shot;
  GBinding     *expanded_binding;  /* to the gallery's row of the shot */
  int           poster_width;   /* what the poster shown (or coming) was decoded for */

  guint         expanded : 1;
};

G_DEFINE_FINAL_TYPE (RushesClipCard, rushes_clip_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rushes_clip_card_show_task (RushesClipCard *self,
                                        RushesTask     *task);

static void
show_poster (RushesClipCard *self,
             GdkTexture     *texture)
{
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->thumbnail_stack, texture != NULL ? "thumbnail" : "placeholder");
}

static void
poster_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RushesClipCard) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = rushes_poster_cache_load_finish (RUSHES_POSTER_CACHE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No poster yet: the placeholder stays until one is made. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      if (self->thumbnails != NULL && self->task != NULL)
        rushes_thumbnail_queue_request (self->thumbnails, self->task);
      return;
    }
  if (texture == NULL)
    {
      g_debug ("No poster for %s: %s", self->task != NULL ? rushes_task_get_id (self->task) : "?", error->message);
      return;
    }

  show_poster (self, texture);
}

static GFile *
poster_file (RushesClipCard *self)
{
  return rushes_task_get_thumbnail_file (self->task);
}

/* Decoded at the very size shown, in device pixels: the renderer then
 * copies it instead of scaling it again for every frame of a scroll. */
static int
wanted_poster_width (RushesClipCard *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self->thumbnail_stack)) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
request_poster (RushesClipCard *self,
                gboolean        show_cached)
{
  RushesPosterCache *cache = rushes_poster_cache_get_default ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  self->poster_width = wanted_poster_width (self);
  /* Not laid out yet: size_allocate asks once the width is known. */
  if (self->poster_width <= 0)
    return;

  file = poster_file (self);
  if (show_cached)
    {
      /* Scrolling back: shown at once, without the placeholder in between. */
      texture = rushes_poster_cache_lookup (cache, file, self->poster_width);
      if (texture != NULL)
        {
          show_poster (self, texture);
          return;
        }
    }

  self->cancellable = g_cancellable_new ();
  rushes_poster_cache_load_async (cache, file, self->poster_width, self->cancellable,
                                  poster_loaded_cb, g_object_ref (self));
}

static gboolean
has_poster (RushesClipCard *self)
{
  return self->task != NULL && rushes_task_get_state (self->task) == RUSHES_TASK_STATE_SUCCEEDED;
}

static void
rushes_clip_card_load_thumbnail (RushesClipCard *self)
{
  show_poster (self, NULL);
  if (has_poster (self))
    request_poster (self, TRUE);
  else
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->poster_width = 0;
    }
}

static const char *
badge_for_state (RushesTaskState state)
{
  switch (state)
    {
    case RUSHES_TASK_STATE_FAILED:
      return C_("task state", "Failed");
    case RUSHES_TASK_STATE_CANCELLED:
      return C_("task state", "Cancelled");
    case RUSHES_TASK_STATE_UNCERTAIN:
      return C_("task state", "Uncertain");
    case RUSHES_TASK_STATE_DRAFT:
    case RUSHES_TASK_STATE_SUBMITTING:
    case RUSHES_TASK_STATE_QUEUED:
    case RUSHES_TASK_STATE_RUNNING:
    case RUSHES_TASK_STATE_DOWNLOADING:
    case RUSHES_TASK_STATE_SUCCEEDED:
    default:
      return NULL;
    }
}

static void
rushes_clip_card_sync (RushesClipCard *self)
{
  RushesGenerationParams *params;
  const char *duration, *prompt, *badge;
  g_autoptr(GString) details = NULL;
  double cost;

  if (self->task == NULL)
    return;

  params = rushes_task_get_params (self->task);
  duration = rushes_generation_params_get_value (params, RUSHES_CONTROL_DURATION);
  prompt = rushes_task_get_prompt (self->task);
  badge = badge_for_state (rushes_task_get_state (self->task));
  cost = rushes_task_get_cost_usd (self->task);

  gtk_label_set_label (self->prompt_label, prompt != NULL && *prompt != '\0' ? prompt : _("No prompt"));

  details = g_string_new (NULL);
  {
    RushesModel *model = NULL;

    /* The model's name where the catalog still knows it, its id if not. */
    if (self->engine != NULL)
      model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine),
                                           rushes_task_get_model_id (self->task));
    g_string_append (details, model != NULL ? rushes_model_get_name (model) : rushes_task_get_model_id (self->task));
  }
  if (cost > 0)
    g_string_append_printf (details, " · $%.2f", cost);
  gtk_label_set_label (self->details_label, details->str);

  if (duration != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s s"), duration);

      gtk_label_set_label (self->duration_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->duration_label), duration != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->state_label), badge != NULL);
  if (badge != NULL)
    gtk_label_set_label (self->state_label, badge);
  rushes_widget_set_task_state_class (GTK_WIDGET (self->state_label), rushes_task_get_state (self->task));

  {
    guint n_takes = self->shot != NULL ? rushes_shot_group_get_n_takes (self->shot) : 1;
    g_autofree char *accessible = n_takes > 1
      /* Translators: a shot of several takes in the gallery; %u is their number, %s the prompt */
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Shot of %u take: %s", "Shot of %u takes: %s", n_takes),
                         n_takes, prompt != NULL ? prompt : "")
      : g_strdup_printf (_("Clip: %s"), prompt != NULL ? prompt : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
  }
}

static void
sync_favourite (RushesClipCard *self)
{
  gboolean favourite = self->task != NULL && rushes_task_get_favourite (self->task);
  const char *icon_name;

  g_signal_handlers_block_matched (self->favourite_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_toggle_button_set_active (self->favourite_button, favourite);
  g_signal_handlers_unblock_matched (self->favourite_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  icon_name = favourite ? "starred-symbolic" : "non-starred-symbolic";
  if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (self->favourite_button)), icon_name) != 0)
    gtk_button_set_icon_name (GTK_BUTTON (self->favourite_button), icon_name);
}

/* Tooltips are asked for when shown rather than set for every clip bound
 * while scrolling: setting one makes GTK ask the display where the pointer
 * is, a round trip per card. */
static gboolean
card_query_tooltip_cb (RushesClipCard *self,
                       int             x,
                       int             y,
                       gboolean        keyboard_mode,
                       GtkTooltip     *tooltip)
{
  const char *prompt = self->task != NULL ? rushes_task_get_prompt (self->task) : NULL;

  if (prompt == NULL || *prompt == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, prompt);
  return TRUE;
}

static gboolean
favourite_query_tooltip_cb (RushesClipCard *self,
                            int             x,
                            int             y,
                            gboolean        keyboard_mode,
                            GtkTooltip     *tooltip)
{
  gtk_tooltip_set_text (tooltip, gtk_toggle_button_get_active (self->favourite_button)
                                   ? _("Remove from Favourites") : _("Add to Favourites"));
  return TRUE;
}

static void
favourite_toggled_cb (RushesClipCard  *self,
                      GtkToggleButton *button)
{
  g_autoptr(GError) error = NULL;

  if (self->task == NULL || self->engine == NULL)
    return;

  if (!rushes_library_set_favourite (rushes_engine_get_library (self->engine),
                                     self->task, gtk_toggle_button_get_active (button), &error))
    g_message ("Cannot mark the clip: %s", error->message);

  sync_favourite (self);
}

static void
task_state_cb (RushesClipCard *self)
{
  rushes_clip_card_sync (self);
  rushes_clip_card_load_thumbnail (self);
}

static void
thumbnail_ready_cb (RushesClipCard *self,
                    RushesTask     *task)
{
  g_autoptr(GFile) file = NULL;

  if (task != self->task)
    return;

  file = poster_file (self);
  rushes_poster_cache_forget (rushes_poster_cache_get_default (), file);
  rushes_clip_card_load_thumbnail (self);
}

/* Shots -------------------------------------------------------------------- */

static guint
count_playable_takes (RushesShotGroup *shot)
{
  guint n = 0;

  for (guint i = 0; i < rushes_shot_group_get_n_takes (shot); i++)
    n += rushes_task_get_video_file (rushes_shot_group_get_take (shot, i)) != NULL;

  return n;
}

/* Bound while the gallery scrolls: only labels change here. */
static void
shot_changed_cb (RushesClipCard *self)
{
  guint n_takes;

  n_takes = self->shot != NULL ? rushes_shot_group_get_n_takes (self->shot) : 0;
  gtk_widget_set_visible (self->shot_box, n_takes > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_button), n_takes > 1 && count_playable_takes (self->shot) > 1);
  if (self->shot == NULL)
    return;

  if (n_takes > 1)
    {
      /* Translators: on a shot's card in the gallery */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u take", "%u takes", n_takes), n_takes);

      gtk_label_set_label (self->takes_label, label);
    }

  rushes_clip_card_show_task (self, rushes_shot_group_get_poster (self->shot));
  rushes_clip_card_sync (self);
}

/* Looked up when clicked, not set for every card bound while scrolling. */
static void
compare_clicked_cb (RushesClipCard *self)
{
  if (self->shot != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "library.compare-shot", "s", rushes_shot_group_get_id (self->shot));
}

static void
takes_toggled_cb (RushesClipCard *self)
{
  rushes_clip_card_set_expanded (self, gtk_toggle_button_get_active (self->takes_button));
}

static GtkSizeRequestMode
rushes_clip_card_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (RUSHES_CLIP_CARD (widget)->box);
}

static void
rushes_clip_card_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RushesClipCard *self = RUSHES_CLIP_CARD (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* Laid out by hand rather than by a GtkBinLayout, which would leave no
 * place to notice a new width. */
static void
rushes_clip_card_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RushesClipCard *self = RUSHES_CLIP_CARD (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  /* First laid out, or the gallery's columns changed width: the poster
   * shown stays until the one decoded for the new width replaces it
   * (never set from here directly: that would resize during allocation). */
  if (has_poster (self) && wanted_poster_width (self) != self->poster_width)
    request_poster (self, FALSE);
}

static void
rushes_clip_card_dispose (GObject *object)
{
  RushesClipCard *self = RUSHES_CLIP_CARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_signal_group_set_target (self->task_signals, NULL);
  g_clear_object (&self->task_signals);
  if (self->expanded_binding != NULL)
    g_binding_unbind (self->expanded_binding);
  g_clear_object (&self->expanded_binding);
  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_func (self->shot, shot_changed_cb, self);
  g_clear_object (&self->shot);
  g_clear_object (&self->task);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_CLIP_CARD);

  G_OBJECT_CLASS (rushes_clip_card_parent_class)->dispose (object);
}

static void
rushes_clip_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RushesClipCard *self = RUSHES_CLIP_CARD (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_clip_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RushesClipCard *self = RUSHES_CLIP_CARD (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      rushes_clip_card_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_clip_card_class_init (RushesClipCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_clip_card_dispose;
  object_class->get_property = rushes_clip_card_get_property;
  object_class->set_property = rushes_clip_card_set_property;

  /**
   * RushesClipCard:expanded:
   *
   * Whether the shot the card stands for shows its takes.
   */
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->get_request_mode = rushes_clip_card_get_request_mode;
  widget_class->measure = rushes_clip_card_measure;
  widget_class->size_allocate = rushes_clip_card_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "clipcard");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-clip-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, box);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, picture);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, state_label);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, favourite_button);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, duration_label);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, details_label);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, shot_box);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, takes_button);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, takes_icon);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, takes_label);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, compare_button);
  gtk_widget_class_bind_template_child (widget_class, RushesClipCard, take_label);
}

/* A finished clip drags as its video file: onto the composer, whose
 * settings it fills, or out to another application. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 RushesClipCard *self)
{
  GFile *video = self->task != NULL ? rushes_task_get_video_file (self->task) : NULL;
  GdkPaintable *poster = gtk_picture_get_paintable (self->picture);

  if (video == NULL || rushes_task_get_state (self->task) != RUSHES_TASK_STATE_SUCCEEDED)
    return NULL;

  if (poster != NULL)
    gtk_drag_source_set_icon (source, poster, 0, 0);

  return gdk_content_provider_new_typed (G_TYPE_FILE, video);
}

static void
rushes_clip_card_init (RushesClipCard *self)
{
  GtkDragSource *drag;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_overflow (GTK_WIDGET (self->thumbnail_stack), GTK_OVERFLOW_HIDDEN);
  g_signal_connect_object (self->takes_button, "toggled", G_CALLBACK (takes_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_button, "clicked", G_CALLBACK (compare_clicked_cb), self, G_CONNECT_SWAPPED);

  self->task_signals = g_signal_group_new (RUSHES_TYPE_TASK);
  g_signal_group_connect_swapped (self->task_signals, "notify::state", G_CALLBACK (task_state_cb), self);
  g_signal_group_connect_swapped (self->task_signals, "notify::cost-usd", G_CALLBACK (rushes_clip_card_sync), self);
  g_signal_group_connect_swapped (self->task_signals, "notify::favourite", G_CALLBACK (sync_favourite), self);
  g_signal_connect_object (self->favourite_button, "toggled", G_CALLBACK (favourite_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (card_query_tooltip_cb), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->favourite_button), TRUE);
  g_signal_connect_object (self->favourite_button, "query-tooltip", G_CALLBACK (favourite_query_tooltip_cb),
                           self, G_CONNECT_SWAPPED);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

/**
 * rushes_clip_card_new:
 * @engine: (nullable): the engine whose library and catalog the card uses
 * @thumbnails: (nullable): where missing poster frames are made
 *
 * Returns: (transfer floating): a new card
 */
GtkWidget *
rushes_clip_card_new (RushesEngine         *engine,
                      RushesThumbnailQueue *thumbnails)
{
  RushesClipCard *self;

  g_return_val_if_fail (!engine || RUSHES_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (!thumbnails || RUSHES_IS_THUMBNAIL_QUEUE (thumbnails), NULL);

  self = g_object_new (RUSHES_TYPE_CLIP_CARD, NULL);
  g_set_object (&self->engine, engine);
  if (g_set_object (&self->thumbnails, thumbnails))
    g_signal_connect_object (thumbnails, "ready", G_CALLBACK (thumbnail_ready_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * rushes_clip_card_get_task:
 * @self: a #RushesClipCard
 *
 * Returns: (transfer none) (nullable): the task shown
 */
RushesTask *
rushes_clip_card_get_task (RushesClipCard *self)
{
  g_return_val_if_fail (RUSHES_IS_CLIP_CARD (self), NULL);

  return self->task;
}

static void
rushes_clip_card_show_task (RushesClipCard *self,
                            RushesTask     *task)
{
  if (!g_set_object (&self->task, task))
    return;

  g_signal_group_set_target (self->task_signals, task);
  rushes_clip_card_sync (self);
  sync_favourite (self);
  rushes_clip_card_load_thumbnail (self);
}

/**
 * rushes_clip_card_set_task:
 * @task: (nullable): the clip to show
 *
 * Shows one clip (and no shot).
 */
void
rushes_clip_card_set_task (RushesClipCard *self,
                           RushesTask     *task)
{
  g_return_if_fail (RUSHES_IS_CLIP_CARD (self));
  g_return_if_fail (!task || RUSHES_IS_TASK (task));

  rushes_clip_card_set_shot (self, NULL);
  rushes_clip_card_show_task (self, task);
}

/**
 * rushes_clip_card_get_shot:
 *
 * Returns: (transfer none) (nullable): the shot the card stands for
 */
RushesShotGroup *
rushes_clip_card_get_shot (RushesClipCard *self)
{
  g_return_val_if_fail (RUSHES_IS_CLIP_CARD (self), NULL);

  return self->shot;
}

/**
 * rushes_clip_card_set_shot:
 * @shot: (nullable): the shot to stand for
 *
 * Shows a shot by its poster take, with its number of takes; a shot of one
 * take looks like that clip.
 */
void
rushes_clip_card_set_shot (RushesClipCard  *self,
                           RushesShotGroup *shot)
{
  g_return_if_fail (RUSHES_IS_CLIP_CARD (self));
  g_return_if_fail (!shot || RUSHES_IS_SHOT_GROUP (shot));

  if (self->shot == shot)
    return;

  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_func (self->shot, shot_changed_cb, self);
  g_set_object (&self->shot, shot);
  /* Its takes change, or a star gives it another poster. */
  if (shot != NULL)
    {
      g_signal_connect_swapped (shot, "items-changed", G_CALLBACK (shot_changed_cb), self);
      g_signal_connect_swapped (shot, "notify::poster", G_CALLBACK (shot_changed_cb), self);
    }

  shot_changed_cb (self);
}

/**
 * rushes_clip_card_set_take_number:
 * @number: the take's number in its opened shot, from 1; 0 for none
 */
void
rushes_clip_card_set_take_number (RushesClipCard *self,
                                  guint           number)
{
  g_return_if_fail (RUSHES_IS_CLIP_CARD (self));

  gtk_widget_set_visible (GTK_WIDGET (self->take_label), number > 0);
  if (number > 0)
    {
      /* Translators: a take's number in its shot, on its card */
      g_autofree char *label = g_strdup_printf (_("Take %u"), number);

      gtk_label_set_label (self->take_label, label);
      gtk_widget_add_css_class (GTK_WIDGET (self), "take");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "take");
}

gboolean
rushes_clip_card_get_expanded (RushesClipCard *self)
{
  g_return_val_if_fail (RUSHES_IS_CLIP_CARD (self), FALSE);

  return self->expanded;
}

void
rushes_clip_card_set_expanded (RushesClipCard *self,
                               gboolean        expanded)
{
  g_return_if_fail (RUSHES_IS_CLIP_CARD (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;
  gtk_toggle_button_set_active (self->takes_button, expanded);
  gtk_image_set_from_icon_name (self->takes_icon, expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->takes_button),
                               expanded ? _("Hide the Takes") : _("Show the Takes"));
  if (expanded)
    gtk_widget_add_css_class (GTK_WIDGET (self), "expanded");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "expanded");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/**
 * rushes_clip_card_bind_item:
 * @item: (nullable): an item of the gallery: a #RushesTask, or a
 *   #GtkTreeListRow of the gallery grouped by shot, whose item is a
 *   #RushesShotGroup (the card opens and closes the row) or one of its takes
 *
 * Shows @item, as a gallery's list item factory binds it; %NULL unbinds.
 */
void
rushes_clip_card_bind_item (RushesClipCard *self,
                            gpointer        item)
{
  g_return_if_fail (RUSHES_IS_CLIP_CARD (self));
  g_return_if_fail (item == NULL || RUSHES_IS_TASK (item) || GTK_IS_TREE_LIST_ROW (item));

  if (self->expanded_binding != NULL)
    g_binding_unbind (self->expanded_binding);
  g_clear_object (&self->expanded_binding);

  if (GTK_IS_TREE_LIST_ROW (item))
    {
      GtkTreeListRow *row = item;
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (row);

      if (RUSHES_IS_SHOT_GROUP (inner))
        {
          rushes_clip_card_set_take_number (self, 0);
          rushes_clip_card_set_shot (self, RUSHES_SHOT_GROUP (inner));
          self->expanded_binding = g_object_ref (g_object_bind_property (row, "expanded", self, "expanded",
                                                                         G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
          return;
        }

      {
        g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
        g_autoptr(GObject) group = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;

        rushes_clip_card_set_expanded (self, FALSE);
        rushes_clip_card_set_task (self, RUSHES_TASK (inner));
        rushes_clip_card_set_take_number (self, RUSHES_IS_SHOT_GROUP (group)
                                                  ? rushes_shot_group_get_take_number (RUSHES_SHOT_GROUP (group), RUSHES_TASK (inner))
                                                  : 0);
      }
      return;
    }

  rushes_clip_card_set_expanded (self, FALSE);
  rushes_clip_card_set_task (self, item);
  rushes_clip_card_set_take_number (self, 0);
}
