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

#define G_LOG_DOMAIN "rushes-compare-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-compare-take.h"
#include "rushes-compare-view.h"
#include "rushes-take-diff.h"
#include "rushes-ui-utils.h"
#include "rushes-wipe.h"

/* Compare: two to four takes playing side by side on one clock
 * (#RushesPlayerGroup), one set of controls for all of them, and for two
 * takes an A/B wipe. Under each take, what it is (model, seed, cost) and
 * what sets it apart from the others; Star keeps a take, Reject sends it
 * to the trash (the window offers Undo), Details opens its clip details.
 *
 * Takes are laid out in one row, or two by two for four. The view plays
 * as soon as it is given takes, and stops them all when it is given none:
 * nothing runs while it is not shown. */

#define NS_PER_SECOND G_GINT64_CONSTANT (1000000000)

struct _RushesCompareView
{
  AdwBin             parent_instance;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkToggleButton   *wipe_button;
  RushesWipe        *wipe;
  GtkGrid           *takes_grid;
  GtkButton         *play_button;
  GtkLabel          *position_label;
  GtkLabel          *duration_label;
  GtkScale          *seek_scale;
  GtkAdjustment     *seek_adjustment;
  GtkLabel          *speed_label;
  GtkToggleButton   *mute_button;

  /* Owned */
  RushesEngine      *engine;
  RushesPlayerGroup *group;
  GPtrArray         *tasks;
  GPtrArray         *takes;    /* RushesCompareTake, borrowed from the grid */
  char              *mode;
};

G_DEFINE_FINAL_TYPE (RushesCompareView, rushes_compare_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODE,
  PROP_LOOP,
  PROP_MUTED,
  PROP_RATE,
  N_PROPS
};

enum {
  CLOSE,
  REJECT_TASK,
  SHOW_DETAILS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static RushesTask *
task_at (RushesCompareView *self,
         GVariant          *parameter)
{
  guint index = g_variant_get_uint32 (parameter);

  return index < self->tasks->len ? g_ptr_array_index (self->tasks, index) : NULL;
}

static gboolean
wipe_possible (RushesCompareView *self)
{
  return self->tasks->len == 2;
}

static void
apply_mode (RushesCompareView *self)
{
  gboolean wipe = g_strcmp0 (self->mode, "wipe") == 0 && wipe_possible (self);

  gtk_widget_set_visible (GTK_WIDGET (self->wipe), wipe);
  gtk_widget_set_vexpand (GTK_WIDGET (self->takes_grid), !wipe);
  for (guint i = 0; i < self->takes->len; i++)
    rushes_compare_take_set_show_picture (g_ptr_array_index (self->takes, i), !wipe);

  gtk_widget_set_sensitive (GTK_WIDGET (self->wipe_button), wipe_possible (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->wipe_button),
                               wipe_possible (self) ? _("A/B Wipe (W)") : _("The wipe compares two takes"));
}

static void
sync_listening (RushesCompareView *self)
{
  guint heard = rushes_player_group_get_audio_index (self->group);

  for (guint i = 0; i < self->takes->len; i++)
    rushes_compare_take_set_listening (g_ptr_array_index (self->takes, i), i == heard);
}

static const char *
model_name (RushesCompareView *self,
            RushesTask        *task)
{
  RushesModel *model = NULL;

  if (self->engine != NULL)
    model = rushes_model_catalog_lookup (rushes_engine_get_catalog (self->engine), rushes_task_get_model_id (task));

  return model != NULL ? rushes_model_get_name (model) : NULL;
}

/* One take widget per take: in one row, or two by two for four. */
static void
rebuild_takes (RushesCompareView *self)
{
  GtkWidget *child;
  guint columns = self->tasks->len == 4 ? 2 : MAX (self->tasks->len, 1);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->takes_grid))) != NULL)
    gtk_grid_remove (self->takes_grid, child);
  g_ptr_array_set_size (self->takes, 0);

  for (guint i = 0; i < self->tasks->len; i++)
    {
      RushesTask *task = g_ptr_array_index (self->tasks, i);
      GtkWidget *take = rushes_compare_take_new ();
      g_autoptr(GPtrArray) lines = rushes_take_diff_params (self->tasks, i);
      g_autofree char *prompt = rushes_take_diff_prompt_markup (self->tasks, i);
      GdkPaintable *paintable = rushes_player_get_paintable (rushes_player_group_get_player (self->group, i));

      rushes_compare_take_set_take (RUSHES_COMPARE_TAKE (take), task, i, paintable, model_name (self, task));
      rushes_compare_take_set_differences (RUSHES_COMPARE_TAKE (take), lines, prompt);
      gtk_grid_attach (self->takes_grid, take, i % columns, i / columns, 1, 1);
      g_ptr_array_add (self->takes, take);
    }

  if (self->tasks->len == 2)
    {
      rushes_wipe_set_start (self->wipe, rushes_player_get_paintable (rushes_player_group_get_player (self->group, 0)));
      rushes_wipe_set_end (self->wipe, rushes_player_get_paintable (rushes_player_group_get_player (self->group, 1)));
    }
  else
    {
      rushes_wipe_set_start (self->wipe, NULL);
      rushes_wipe_set_end (self->wipe, NULL);
    }

  /* The prompt they share, or how many there are. */
  {
    const char *prompt = self->tasks->len > 0 ? rushes_task_get_prompt (g_ptr_array_index (self->tasks, 0)) : NULL;
    gboolean same = TRUE;
    g_autofree char *title = NULL;

    for (guint i = 1; i < self->tasks->len && same; i++)
      same = g_strcmp0 (rushes_task_get_prompt (g_ptr_array_index (self->tasks, i)), prompt) == 0;

    /* Translators: the title of Compare */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Compare %u Take", "Compare %u Takes", self->tasks->len),
                             self->tasks->len);
    adw_window_title_set_title (self->window_title, title);
    adw_window_title_set_subtitle (self->window_title, same && prompt != NULL ? prompt : "");
  }

  apply_mode (self);
  sync_listening (self);
}

/* Transport ----------------------------------------------------------------- */

static void
playing_changed_cb (RushesCompareView *self)
{
  gboolean playing = rushes_player_group_get_playing (self->group);
  const char *label = playing ? _("Pause") : _("Play");
  g_autofree char *tooltip = g_strdup_printf ("%s (Space)", label);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
position_changed_cb (RushesCompareView *self)
{
  gint64 position = rushes_player_group_get_position (self->group);
  g_autofree char *text = rushes_format_position (position);

  gtk_adjustment_set_value (self->seek_adjustment, (double) position / NS_PER_SECOND);
  gtk_label_set_label (self->position_label, text);
}

static void
duration_changed_cb (RushesCompareView *self)
{
  gint64 duration = rushes_player_group_get_duration (self->group);
  g_autofree char *text = rushes_format_position (duration);

  gtk_adjustment_set_upper (self->seek_adjustment, duration > 0 ? (double) duration / NS_PER_SECOND : 1.0);
  gtk_label_set_label (self->duration_label, text);
}

static void
rate_changed_cb (RushesCompareView *self)
{
  /* Translators: the playback speed on its menu button, as in “1.5×” */
  g_autofree char *label = g_strdup_printf (_("%g×"), rushes_player_group_get_rate (self->group));

  gtk_label_set_label (self->speed_label, label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

static void
forward_notify_cb (RushesCompareView *self,
                   GParamSpec        *pspec)
{
  if (g_str_equal (pspec->name, "loop"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
  else if (g_str_equal (pspec->name, "muted"))
    {
      gboolean muted = rushes_player_group_get_muted (self->group);

      gtk_button_set_icon_name (GTK_BUTTON (self->mute_button),
                                muted ? "audio-volume-muted-symbolic" : "audio-volume-high-symbolic");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
    }
}

static gboolean
seek_change_value_cb (RushesCompareView *self,
                      GtkScrollType      scroll,
                      double             value,
                      GtkRange          *range)
{
  rushes_player_group_seek (self->group, (gint64) (value * NS_PER_SECOND));

  return FALSE;
}

/* Actions ------------------------------------------------------------------- */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE], 0);
}

static void
toggle_play_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  rushes_player_group_toggle (RUSHES_COMPARE_VIEW (widget)->group);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rushes_player_group_step_frame (RUSHES_COMPARE_VIEW (widget)->group,
                                  g_str_equal (action_name, "compare.step-forward"));
}

static void
toggle_wipe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (widget);

  rushes_compare_view_set_mode (self, g_strcmp0 (self->mode, "wipe") == 0 ? "side" : "wipe");
}

static void
star_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (widget);
  RushesTask *task = task_at (self, parameter);
  g_autoptr(GError) error = NULL;

  if (task == NULL || self->engine == NULL)
    return;

  if (!rushes_library_set_favourite (rushes_engine_get_library (self->engine), task,
                                     !rushes_task_get_favourite (task), &error))
    g_message ("Cannot mark the take: %s", error->message);
}

/* The take leaves the comparison at once; the window moves it to the
 * trash, with Undo. */
static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (widget);
  g_autoptr(RushesTask) task = NULL;
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->tasks->len)
    return;

  task = g_object_ref (g_ptr_array_index (self->tasks, index));
  g_ptr_array_remove_index (self->tasks, index);
  rushes_player_group_remove (self->group, index);
  rebuild_takes (self);

  g_signal_emit (self, signals[REJECT_TASK], 0, task);
  if (self->tasks->len == 0)
    g_signal_emit (self, signals[CLOSE], 0);
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (widget);
  RushesTask *task = task_at (self, parameter);

  if (task != NULL)
    g_signal_emit (self, signals[SHOW_DETAILS], 0, task);
}

static void
listen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (widget);

  rushes_player_group_set_audio_index (self->group, g_variant_get_uint32 (parameter));
  rushes_player_group_set_muted (self->group, FALSE);
}

/* GObject ------------------------------------------------------------------- */

static void
rushes_compare_view_dispose (GObject *object)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (object);

  if (self->group != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->group, self);
      rushes_player_group_set_files (self->group, NULL, 0);
      g_clear_object (&self->group);
    }
  g_clear_pointer (&self->takes, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_object (&self->engine);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_COMPARE_VIEW);

  G_OBJECT_CLASS (rushes_compare_view_parent_class)->dispose (object);
}

static void
rushes_compare_view_finalize (GObject *object)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (object);

  g_clear_pointer (&self->mode, g_free);

  G_OBJECT_CLASS (rushes_compare_view_parent_class)->finalize (object);
}

static void
rushes_compare_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;

    case PROP_LOOP:
      g_value_set_boolean (value, rushes_player_group_get_loop (self->group));
      break;

    case PROP_MUTED:
      g_value_set_boolean (value, rushes_player_group_get_muted (self->group));
      break;

    case PROP_RATE:
      g_value_set_double (value, rushes_player_group_get_rate (self->group));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_compare_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RushesCompareView *self = RUSHES_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      rushes_compare_view_set_mode (self, g_value_get_string (value));
      break;

    case PROP_LOOP:
      rushes_player_group_set_loop (self->group, g_value_get_boolean (value));
      break;

    case PROP_MUTED:
      rushes_player_group_set_muted (self->group, g_value_get_boolean (value));
      break;

    case PROP_RATE:
      rushes_player_group_set_rate (self->group, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_compare_view_class_init (RushesCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_compare_view_dispose;
  object_class->finalize = rushes_compare_view_finalize;
  object_class->get_property = rushes_compare_view_get_property;
  object_class->set_property = rushes_compare_view_set_property;

  /**
   * RushesCompareView:mode:
   *
   * "side" (side by side) or "wipe" (an A/B wipe, for two takes).
   */
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "side",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The player group's settings, for the property actions. */
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         RUSHES_PLAYER_MIN_RATE, RUSHES_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesCompareView::close:
   *
   * The user is done comparing.
   */
  signals[CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RushesCompareView::reject-task:
   * @task: a take the user rejected; it has left the comparison
   */
  signals[REJECT_TASK] =
    g_signal_new ("reject-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);
  /**
   * RushesCompareView::show-details:
   * @task: the take whose details the user asked for
   */
  signals[SHOW_DETAILS] =
    g_signal_new ("show-details", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RUSHES_TYPE_TASK);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, window_title);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, wipe_button);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, wipe);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, takes_grid);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, play_button);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, position_label);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, duration_label);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, seek_scale);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, seek_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, speed_label);
  gtk_widget_class_bind_template_child (widget_class, RushesCompareView, mute_button);

  gtk_widget_class_install_action (widget_class, "compare.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "compare.toggle-play", NULL, toggle_play_action);
  gtk_widget_class_install_action (widget_class, "compare.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.toggle-wipe", NULL, toggle_wipe_action);
  gtk_widget_class_install_action (widget_class, "compare.star", "u", star_action);
  gtk_widget_class_install_action (widget_class, "compare.reject", "u", reject_action);
  gtk_widget_class_install_action (widget_class, "compare.details", "u", details_action);
  gtk_widget_class_install_action (widget_class, "compare.listen", "u", listen_action);
  gtk_widget_class_install_property_action (widget_class, "compare.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "compare.loop", "loop");
  gtk_widget_class_install_property_action (widget_class, "compare.muted", "muted");
  gtk_widget_class_install_property_action (widget_class, "compare.rate", "rate");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "compare.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "compare.toggle-play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, 0, "compare.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, 0, "compare.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, 0, "compare.toggle-wipe", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "compare.muted", NULL);

  gtk_widget_class_set_css_name (widget_class, "compareview");

  g_type_ensure (RUSHES_TYPE_WIPE);
}

static void
rushes_compare_view_init (RushesCompareView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mode = g_strdup ("side");
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->takes = g_ptr_array_new ();
  self->group = rushes_player_group_new ();

  g_signal_connect_swapped (self->group, "notify::playing", G_CALLBACK (playing_changed_cb), self);
  g_signal_connect_swapped (self->group, "notify::position", G_CALLBACK (position_changed_cb), self);
  g_signal_connect_swapped (self->group, "notify::duration", G_CALLBACK (duration_changed_cb), self);
  g_signal_connect_swapped (self->group, "notify::rate", G_CALLBACK (rate_changed_cb), self);
  g_signal_connect_swapped (self->group, "notify::loop", G_CALLBACK (forward_notify_cb), self);
  g_signal_connect_swapped (self->group, "notify::muted", G_CALLBACK (forward_notify_cb), self);
  g_signal_connect_swapped (self->group, "notify::audio-index", G_CALLBACK (sync_listening), self);
  g_signal_connect_swapped (self->seek_scale, "change-value", G_CALLBACK (seek_change_value_cb), self);

  playing_changed_cb (self);
  position_changed_cb (self);
  duration_changed_cb (self);
  rate_changed_cb (self);
  apply_mode (self);
}

GtkWidget *
rushes_compare_view_new (void)
{
  return g_object_new (RUSHES_TYPE_COMPARE_VIEW, NULL);
}

/**
 * rushes_compare_view_set_engine:
 * @engine: where the takes' models are named and their stars kept
 */
void
rushes_compare_view_set_engine (RushesCompareView *self,
                                RushesEngine      *engine)
{
  g_return_if_fail (RUSHES_IS_COMPARE_VIEW (self));
  g_return_if_fail (RUSHES_IS_ENGINE (engine));

  g_set_object (&self->engine, engine);
}

/**
 * rushes_compare_view_set_tasks:
 * @tasks: (nullable) (element-type RushesTask): the takes to compare, two
 *   to four with a video; %NULL or none stops and lets go of them
 *
 * Loads the takes and plays them together from the start.
 */
void
rushes_compare_view_set_tasks (RushesCompareView *self,
                               GPtrArray         *tasks)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  g_return_if_fail (RUSHES_IS_COMPARE_VIEW (self));

  g_ptr_array_set_size (self->tasks, 0);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      RushesTask *task = g_ptr_array_index (tasks, i);

      g_return_if_fail (RUSHES_IS_TASK (task));
      if (rushes_task_get_video_file (task) == NULL)
        continue;
      g_ptr_array_add (self->tasks, g_object_ref (task));
      g_ptr_array_add (files, rushes_task_get_video_file (task));
    }

  rushes_player_group_set_files (self->group, (GFile **) files->pdata, files->len);
  rushes_player_group_set_audio_index (self->group, 0);
  rebuild_takes (self);

  if (self->tasks->len > 0)
    rushes_player_group_play (self->group);
}

/**
 * rushes_compare_view_get_tasks:
 *
 * Returns: (transfer none) (element-type RushesTask): the takes compared
 */
GPtrArray *
rushes_compare_view_get_tasks (RushesCompareView *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPARE_VIEW (self), NULL);

  return self->tasks;
}

/**
 * rushes_compare_view_get_group:
 *
 * Returns: (transfer none): the players of the takes
 */
RushesPlayerGroup *
rushes_compare_view_get_group (RushesCompareView *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPARE_VIEW (self), NULL);

  return self->group;
}

const char *
rushes_compare_view_get_mode (RushesCompareView *self)
{
  g_return_val_if_fail (RUSHES_IS_COMPARE_VIEW (self), NULL);

  return self->mode;
}

/**
 * rushes_compare_view_set_mode:
 * @mode: "side" or "wipe"; the wipe shows only with two takes
 */
void
rushes_compare_view_set_mode (RushesCompareView *self,
                              const char        *mode)
{
  g_return_if_fail (RUSHES_IS_COMPARE_VIEW (self));
  g_return_if_fail (g_strcmp0 (mode, "side") == 0 || g_strcmp0 (mode, "wipe") == 0);

  if (g_strcmp0 (self->mode, mode) == 0)
    return;

  g_free (self->mode);
  self->mode = g_strdup (mode);
  apply_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}
