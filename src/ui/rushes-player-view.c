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

#define G_LOG_DOMAIN "rushes-player-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rushes-paintable.h"
#include "rushes-player-view.h"
#include "rushes-ui-utils.h"

/* The preview pane's player: the clip letterboxed on black, and below it
 * a title, a seek bar with times, and one row of controls (frame steps and
 * play, speed, loop, volume, frame actions, fullscreen). Errors replace
 * the video with a status page that says why.
 *
 * The controls row fits the pane's 260 px minimum: mute lives in the
 * volume popover, and the two frame actions share one menu. */

#define NS_PER_SECOND G_GINT64_CONSTANT (1000000000)
/* Short clips are watched on repeat; longer ones play once. */
#define LOOP_BY_DEFAULT_MAX (20 * NS_PER_SECOND)

struct _RushesPlayerView
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkPicture           *picture;
  GtkLabel             *title_label;
  GtkLabel             *position_label;
  GtkLabel             *duration_label;
  GtkScale             *seek_scale;
  GtkAdjustment        *seek_adjustment;
  GtkButton            *play_button;
  GtkLabel             *speed_label;
  GtkMenuButton        *volume_button;
  GtkAdjustment        *volume_adjustment;
  GtkMenuButton        *frame_button;
  GtkButton            *fullscreen_button;
  AdwStatusPage        *error_page;

  /* Owned */
  RushesPlayer         *player;
  char                 *title;
  GCancellable         *cancellable;
  GtkWindow            *window;  /* weak: the root, for its fullscreen state */
  GtkFileChooserNative *chooser;

  guint                 loop_decided : 1;
  guint                 title_from_file : 1;
};

typedef struct
{
  RushesPlayerView *self;
  GFile            *file;
} UseFrameData;

static void
use_frame_data_free (UseFrameData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UseFrameData, use_frame_data_free)

G_DEFINE_FINAL_TYPE (RushesPlayerView, rushes_player_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PLAYER,
  PROP_TITLE,
  PROP_LOOP,
  PROP_MUTED,
  PROP_RATE,
  N_PROPS
};

enum {
  USE_FRAME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (RushesPlayerView *self,
            const char       *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_debug ("%s", text);
}

static GtkWindow *
get_window (RushesPlayerView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
rushes_player_view_sync_actions (RushesPlayerView *self)
{
  gboolean loaded = (rushes_player_get_uri (self->player) != NULL || rushes_player_get_pipeline (self->player) != NULL) &&
                    rushes_player_get_error (self->player) == NULL;
  gboolean seekable = loaded && rushes_player_get_seekable (self->player);
  gboolean has_frame = rushes_paintable_get_texture (RUSHES_PAINTABLE (rushes_player_get_paintable (self->player))) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.toggle-play", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.step-back", seekable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.step-forward", seekable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.save-frame", has_frame);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.use-frame", has_frame);
  gtk_widget_set_sensitive (GTK_WIDGET (self->seek_scale), seekable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->frame_button), has_frame);
}

static void
playing_changed_cb (RushesPlayerView *self)
{
  gboolean playing = rushes_player_get_playing (self->player);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, playing ? _("Pause") : _("Play"),
                                  -1);
}

static void
position_changed_cb (RushesPlayerView *self)
{
  gint64 position = rushes_player_get_position (self->player);
  g_autofree char *text = rushes_format_position (position);

  gtk_adjustment_set_value (self->seek_adjustment, (double) position / NS_PER_SECOND);
  gtk_label_set_label (self->position_label, text);
}

static void
duration_changed_cb (RushesPlayerView *self)
{
  gint64 duration = rushes_player_get_duration (self->player);
  g_autofree char *text = rushes_format_position (duration);

  gtk_adjustment_set_upper (self->seek_adjustment, duration > 0 ? (double) duration / NS_PER_SECOND : 1.0);
  gtk_label_set_label (self->duration_label, text);

  if (!self->loop_decided && duration > 0)
    {
      self->loop_decided = TRUE;
      rushes_player_set_loop (self->player, duration <= LOOP_BY_DEFAULT_MAX);
    }
}

static void
error_changed_cb (RushesPlayerView *self)
{
  const GError *error = rushes_player_get_error (self->player);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "video");
    }

  rushes_player_view_sync_actions (self);
}

static void
volume_changed_cb (RushesPlayerView *self)
{
  double volume = rushes_player_get_volume (self->player);
  const char *icon;

  if (rushes_player_get_muted (self->player) || volume <= 0.0)
    icon = "audio-volume-muted-symbolic";
  else if (volume < 0.34)
    icon = "audio-volume-low-symbolic";
  else if (volume < 0.67)
    icon = "audio-volume-medium-symbolic";
  else
    icon = "audio-volume-high-symbolic";

  gtk_menu_button_set_icon_name (self->volume_button, icon);
}

static void
rate_changed_cb (RushesPlayerView *self)
{
  /* Translators: the playback speed on its menu button, as in “1.5×” */
  g_autofree char *label = g_strdup_printf (_("%g×"), rushes_player_get_rate (self->player));

  gtk_label_set_label (self->speed_label, label);
}

static void
forward_notify_cb (RushesPlayerView *self,
                   GParamSpec       *pspec)
{
  /* The view's loop, muted and rate mirror the player's, for the
   * property actions. */
  if (g_strcmp0 (pspec->name, "loop") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
  else if (g_strcmp0 (pspec->name, "muted") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
  else if (g_strcmp0 (pspec->name, "rate") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

static gboolean
seek_scale_change_value_cb (GtkRange         *range,
                            GtkScrollType     scroll,
                            double            value,
                            RushesPlayerView *self)
{
  rushes_player_seek (self->player, (gint64) (value * NS_PER_SECOND));

  return FALSE;
}

static void
picture_pressed_cb (GtkGestureClick  *gesture,
                    int               n_press,
                    double            x,
                    double            y,
                    RushesPlayerView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->picture));

  /* A click plays or pauses, as in GNOME Videos; the second click of a
   * double click undoes that and toggles fullscreen instead. */
  if (n_press == 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "player.toggle-play", NULL);
  else if (n_press == 2)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "player.toggle-play", NULL);
      gtk_widget_activate_action (GTK_WIDGET (self), "player.toggle-fullscreen", NULL);
    }
}

static gboolean
volume_scroll_cb (GtkEventControllerScroll *controller,
                  double                    dx,
                  double                    dy,
                  RushesPlayerView         *self)
{
  rushes_player_set_volume (self->player, rushes_player_get_volume (self->player) - dy * 0.05);

  return TRUE;
}

static void
fullscreen_changed_cb (RushesPlayerView *self)
{
  GtkWindow *window = get_window (self);
  gboolean fullscreen = window != NULL && gtk_window_is_fullscreen (window);
  const char *label = fullscreen ? _("Leave Fullscreen") : _("Fullscreen");
  g_autofree char *tooltip = g_strdup_printf ("%s (F)", label);

  gtk_button_set_icon_name (self->fullscreen_button,
                            fullscreen ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fullscreen_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fullscreen_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* A file name for a frame: the title's first words, or the clip's name,
 * and the time. */
static char *
frame_basename (RushesPlayerView *self)
{
  g_autofree char *stem = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  gint64 position = rushes_player_get_position (self->player);
  const char *dot;

  if (self->title != NULL && *self->title != '\0')
    stem = g_utf8_substring (self->title, 0, MIN (g_utf8_strlen (self->title, -1), 40));
  else
    stem = g_strdup (_("Frame"));

  /* “video.mp4 1.50 s.png” would read as a video. */
  if (self->title_from_file && (dot = strrchr (stem, '.')) != NULL && dot != stem)
    stem[dot - stem] = '\0';

  for (const char *p = stem; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (name, c == '/' || c == '\\' || g_unichar_iscntrl (c) ? '_' : c);
    }
  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));

  g_string_append_printf (name, " %d.%02d s.png",
                          (int) (position / NS_PER_SECOND),
                          (int) (position % NS_PER_SECOND / 10000000));

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
frame_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RushesPlayerView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rushes_player_grab_frame_finish (RUSHES_PLAYER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Frame saved"));
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     RushesPlayerView *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  /* A name typed without an extension still gets a PNG that file
   * managers recognise. */
  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *lower = basename != NULL ? g_ascii_strdown (basename, -1) : NULL;

    if (lower != NULL && !g_str_has_suffix (lower, ".png"))
      {
        g_autofree char *with_extension = g_strconcat (basename, ".png", NULL);
        g_autoptr(GFile) parent = g_file_get_parent (file);

        if (parent != NULL)
          g_set_object (&file, g_file_get_child (parent, with_extension));
      }
  }

  rushes_player_grab_frame_async (self->player, file, self->cancellable,
                                  frame_saved_cb, g_object_ref (self));
}

static void
save_frame_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = frame_basename (self);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Frame"),
                                               get_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _("PNG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
frame_for_composer_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(UseFrameData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!rushes_player_grab_frame_finish (RUSHES_PLAYER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (data->self, error->message);
      return;
    }

  g_signal_emit (data->self, signals[USE_FRAME], 0, data->file);
}

static void
use_frame_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (widget);
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  UseFrameData *data;

  /* A new file each time: an earlier frame may still be in a draft. The
   * grab creates the folder. */
  basename = g_strdup_printf ("frame-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "ms.png",
                              g_get_real_time (),
                              rushes_player_get_position (self->player) / 1000000);
  path = g_build_filename (g_get_user_state_dir (), "rushes", "frames", basename, NULL);

  data = g_new0 (UseFrameData, 1);
  data->self = g_object_ref (self);
  data->file = g_file_new_for_path (path);
  rushes_player_grab_frame_async (self->player, data->file, self->cancellable,
                                  frame_for_composer_cb, data);
}

static void
toggle_play_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  rushes_player_toggle (RUSHES_PLAYER_VIEW (widget)->player);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rushes_player_step_frame (RUSHES_PLAYER_VIEW (widget)->player,
                            g_str_equal (action_name, "player.step-forward"));
}

static void
toggle_fullscreen_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkWindow *window = get_window (RUSHES_PLAYER_VIEW (widget));

  if (window == NULL)
    return;

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static gboolean
leave_fullscreen_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  GtkWindow *window = get_window (RUSHES_PLAYER_VIEW (widget));

  /* Escape means something else elsewhere unless we are fullscreen. */
  if (window == NULL || !gtk_window_is_fullscreen (window))
    return FALSE;

  gtk_window_unfullscreen (window);
  return TRUE;
}

static void
rushes_player_view_root (GtkWidget *widget)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (widget);

  GTK_WIDGET_CLASS (rushes_player_view_parent_class)->root (widget);

  g_set_weak_pointer (&self->window, get_window (self));
  if (self->window != NULL)
    g_signal_connect_object (self->window, "notify::fullscreened",
                             G_CALLBACK (fullscreen_changed_cb), self, G_CONNECT_SWAPPED);
  fullscreen_changed_cb (self);
}

static void
rushes_player_view_unroot (GtkWidget *widget)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (widget);

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, fullscreen_changed_cb, self);
  g_clear_weak_pointer (&self->window);

  GTK_WIDGET_CLASS (rushes_player_view_parent_class)->unroot (widget);
}

static void
rushes_player_view_dispose (GObject *object)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  /* Someone else may keep the player: its signals must not reach a
   * disposed view. */
  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      rushes_player_set_uri (self->player, NULL);
      g_clear_object (&self->player);
    }

  /* The bin's child is a template child: let AdwBin drop it first, or
   * both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_PLAYER_VIEW);

  G_OBJECT_CLASS (rushes_player_view_parent_class)->dispose (object);
}

static void
rushes_player_view_finalize (GObject *object)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rushes_player_view_parent_class)->finalize (object);
}

static void
rushes_player_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LOOP:
      g_value_set_boolean (value, rushes_player_get_loop (self->player));
      break;

    case PROP_MUTED:
      g_value_set_boolean (value, rushes_player_get_muted (self->player));
      break;

    case PROP_RATE:
      g_value_set_double (value, rushes_player_get_rate (self->player));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_player_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RushesPlayerView *self = RUSHES_PLAYER_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOOP:
      /* The user chose: a later duration does not overrule it. */
      self->loop_decided = TRUE;
      rushes_player_set_loop (self->player, g_value_get_boolean (value));
      break;

    case PROP_MUTED:
      rushes_player_set_muted (self->player, g_value_get_boolean (value));
      break;

    case PROP_RATE:
      rushes_player_set_rate (self->player, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_player_view_class_init (RushesPlayerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_player_view_dispose;
  object_class->finalize = rushes_player_view_finalize;
  object_class->get_property = rushes_player_view_get_property;
  object_class->set_property = rushes_player_view_set_property;

  widget_class->root = rushes_player_view_root;
  widget_class->unroot = rushes_player_view_unroot;

  /**
   * RushesPlayerView:player:
   *
   * The player behind the view, for its properties and signals.
   */
  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL,
                         RUSHES_TYPE_PLAYER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * RushesPlayerView:title:
   *
   * What the clip is, shown above the seek bar.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* The player's settings, for the `player.loop`, `player.muted` and
   * `player.rate` property actions. */
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         RUSHES_PLAYER_MIN_RATE, RUSHES_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesPlayerView::use-frame:
   * @file: a PNG of the frame shown, in `$XDG_STATE_HOME/rushes/frames/`
   *
   * The user wants the frame as the start image of a new generation.
   */
  signals[USE_FRAME] =
    g_signal_new ("use-frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-player-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, stack);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, picture);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, position_label);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, duration_label);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, seek_scale);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, seek_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, play_button);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, speed_label);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, volume_button);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, volume_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, frame_button);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, RushesPlayerView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, seek_scale_change_value_cb);

  gtk_widget_class_install_action (widget_class, "player.toggle-play", NULL, toggle_play_action);
  gtk_widget_class_install_action (widget_class, "player.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "player.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "player.toggle-fullscreen", NULL, toggle_fullscreen_action);
  gtk_widget_class_install_action (widget_class, "player.save-frame", NULL, save_frame_action);
  gtk_widget_class_install_action (widget_class, "player.use-frame", NULL, use_frame_action);
  gtk_widget_class_install_property_action (widget_class, "player.loop", "loop");
  gtk_widget_class_install_property_action (widget_class, "player.muted", "muted");
  gtk_widget_class_install_property_action (widget_class, "player.rate", "rate");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "player.toggle-play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, 0, "player.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, 0, "player.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "player.toggle-fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "player.muted", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, leave_fullscreen_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "playerview");
}

static void
rushes_player_view_init (RushesPlayerView *self)
{
  GtkGesture *click;
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->player = rushes_player_new ();

  gtk_picture_set_paintable (self->picture, rushes_player_get_paintable (self->player));

  g_signal_connect_swapped (self->player, "notify::playing", G_CALLBACK (playing_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::position", G_CALLBACK (position_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::duration", G_CALLBACK (duration_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::error", G_CALLBACK (error_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::seekable", G_CALLBACK (rushes_player_view_sync_actions), self);
  g_signal_connect_swapped (self->player, "notify::uri", G_CALLBACK (rushes_player_view_sync_actions), self);
  g_signal_connect_swapped (self->player, "notify::pipeline", G_CALLBACK (rushes_player_view_sync_actions), self);
  g_signal_connect_swapped (self->player, "notify::volume", G_CALLBACK (volume_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::muted", G_CALLBACK (volume_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::rate", G_CALLBACK (rate_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::loop", G_CALLBACK (forward_notify_cb), self);
  g_signal_connect_swapped (self->player, "notify::muted", G_CALLBACK (forward_notify_cb), self);
  g_signal_connect_swapped (self->player, "notify::rate", G_CALLBACK (forward_notify_cb), self);
  g_signal_connect_object (rushes_player_get_paintable (self->player), "invalidate-size",
                           G_CALLBACK (rushes_player_view_sync_actions), self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->player, "volume", self->volume_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (picture_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->picture), GTK_EVENT_CONTROLLER (click));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (volume_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->volume_button), scroll);

  playing_changed_cb (self);
  position_changed_cb (self);
  duration_changed_cb (self);
  volume_changed_cb (self);
  rate_changed_cb (self);
  error_changed_cb (self);
}

static void
set_title (RushesPlayerView *self,
           const char       *title)
{
  if (g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  gtk_label_set_label (self->title_label, self->title != NULL ? self->title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), self->title != NULL && *self->title != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), self->title);
}

GtkWidget *
rushes_player_view_new (void)
{
  return g_object_new (RUSHES_TYPE_PLAYER_VIEW, NULL);
}

/**
 * rushes_player_view_set_file:
 * @video: (nullable): the clip, or %NULL for none
 * @title: (nullable): what to call it (a prompt excerpt); the file's name
 *   when %NULL
 *
 * Loads @video paused on its first frame; call rushes_player_play() on
 * rushes_player_view_get_player() to start it. Clips up to 20 s loop.
 */
void
rushes_player_view_set_file (RushesPlayerView *self,
                             GFile            *video,
                             const char       *title)
{
  g_autofree char *display_title = NULL;

  g_return_if_fail (RUSHES_IS_PLAYER_VIEW (self));
  g_return_if_fail (video == NULL || G_IS_FILE (video));

  self->title_from_file = title == NULL && video != NULL;
  if (self->title_from_file)
    {
      g_autofree char *basename = g_file_get_basename (video);

      display_title = g_filename_display_name (basename);
    }
  else
    {
      display_title = g_strdup (title);
    }

  set_title (self, display_title);

  /* Each clip gets the default loop for its length again, and normal
   * speed. */
  self->loop_decided = FALSE;
  rushes_player_set_rate (self->player, 1.0);
  rushes_player_set_file (self->player, video);
  rushes_player_view_sync_actions (self);
}

/**
 * rushes_player_view_set_pipeline:
 * @pipeline: (nullable): a reel's GES pipeline
 *   (rushes_reel_preview_new_async()), or %NULL for nothing
 * @title: (nullable): what to call it (the reel's name)
 *
 * Loads @pipeline paused on its first frame, as rushes_player_set_pipeline()
 * does, at normal speed and without looping: a reel plays once.
 */
void
rushes_player_view_set_pipeline (RushesPlayerView *self,
                                 GstElement       *pipeline,
                                 const char       *title)
{
  g_return_if_fail (RUSHES_IS_PLAYER_VIEW (self));
  g_return_if_fail (pipeline == NULL || GST_IS_ELEMENT (pipeline));

  self->title_from_file = FALSE;
  set_title (self, title);

  self->loop_decided = TRUE;
  rushes_player_set_loop (self->player, FALSE);
  rushes_player_set_rate (self->player, 1.0);
  rushes_player_set_pipeline (self->player, pipeline, title);
  rushes_player_view_sync_actions (self);
}

/**
 * rushes_player_view_get_player:
 *
 * Returns: (transfer none): the view's player
 */
RushesPlayer *
rushes_player_view_get_player (RushesPlayerView *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_VIEW (self), NULL);

  return self->player;
}

const char *
rushes_player_view_get_title (RushesPlayerView *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_VIEW (self), NULL);

  return self->title;
}
