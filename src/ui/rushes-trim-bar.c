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

#define G_LOG_DOMAIN "rushes-trim-bar"

#include "config.h"

#include <glib/gi18n.h>

#include <gst/gst.h>

#include "rushes-trim-bar.h"
#include "rushes-ui-utils.h"

/* A clip's length as a bar, the part the reel keeps lit between two
 * handles. Dragging a handle moves it frame by frame; so do the arrow keys
 * (a second with Shift) for the handle last used. The bar only says where
 * the handles are (RushesTrimBar::trim-changed, while they move and once
 * they stop): whoever shows the clip follows them, frame by frame. */

#define HANDLE_WIDTH   10
#define TRACK_HEIGHT   28
#define GRAB_DISTANCE  16
#define MIN_WIDTH      120
#define NAT_WIDTH      320

struct _RushesTrimBar
{
  GtkWidget         parent_instance;

  gint64            duration;         /* µs */
  int               fps_n;            /* the frame rate: frames sit on its grid */
  int               fps_d;
  gint64            frame_duration;   /* µs, rounded */
  gint64            in_point;         /* µs, on the frame grid */
  gint64            out_point;
  RushesTrimHandle  active;
  gint64            drag_origin;      /* the handle's position when grabbed */
  guint             dragging : 1;
};

G_DEFINE_FINAL_TYPE (RushesTrimBar, rushes_trim_bar, GTK_TYPE_WIDGET)

enum {
  TRIM_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a clip keeps at least: a few frames, never nothing. */
static gint64
min_length (RushesTrimBar *self)
{
  return MAX (3 * self->frame_duration, 100 * G_TIME_SPAN_MILLISECOND);
}

static gint64
frame_index (RushesTrimBar *self,
             gint64         position)
{
  return (gint64) gst_util_uint64_scale_round (MAX (position, 0), self->fps_n,
                                               (guint64) self->fps_d * G_TIME_SPAN_SECOND);
}

static gint64
frame_time (RushesTrimBar *self,
            gint64         index)
{
  return (gint64) gst_util_uint64_scale_round (MAX (index, 0), (guint64) self->fps_d * G_TIME_SPAN_SECOND,
                                               self->fps_n);
}

/* On the frame grid, exactly: 15 frames at 30/1 are 0.5 s, not 15 × 33333 µs */
static gint64
snap (RushesTrimBar *self,
      gint64         position)
{
  return MIN (frame_time (self, frame_index (self, position)), self->duration);
}

static double
x_for (RushesTrimBar *self,
       gint64         position)
{
  double usable = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - HANDLE_WIDTH, 1);

  return self->duration > 0 ? HANDLE_WIDTH / 2.0 + usable * position / self->duration : HANDLE_WIDTH / 2.0;
}

static gint64
position_at (RushesTrimBar *self,
             double         x)
{
  double usable = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - HANDLE_WIDTH, 1);

  return (gint64) (CLAMP ((x - HANDLE_WIDTH / 2.0) / usable, 0.0, 1.0) * self->duration);
}

static void
update_accessible (RushesTrimBar *self)
{
  g_autofree char *text = g_strdup_printf (_("Trim from %.2f s to %.2f s of %.2f s"),
                                           self->in_point / (double) G_TIME_SPAN_SECOND,
                                           self->out_point / (double) G_TIME_SPAN_SECOND,
                                           self->duration / (double) G_TIME_SPAN_SECOND);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
rushes_trim_bar_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RushesTrimBar *self = RUSHES_TRIM_BAR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg = rushes_widget_get_named_color (widget, "window_fg_color", "#808080");
  GdkRGBA accent = rushes_widget_get_named_color (widget, "accent_bg_color", "#3584e4");
  GdkRGBA track, kept;
  GskRoundedRect rounded;
  double top = (height - TRACK_HEIGHT) / 2.0;
  double x_in = x_for (self, self->in_point);
  double x_out = x_for (self, self->out_point);
  gboolean focused = gtk_widget_has_visible_focus (widget);

  track = fg;
  track.alpha = 0.1;
  kept = accent;
  kept.alpha = 0.35;

  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (0, top, width, TRACK_HEIGHT), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, top, width, TRACK_HEIGHT));
  if (self->duration > 0)
    gtk_snapshot_append_color (snapshot, &kept, &GRAPHENE_RECT_INIT (x_in, top, x_out - x_in, TRACK_HEIGHT));
  gtk_snapshot_pop (snapshot);

  if (self->duration <= 0)
    return;

  for (guint i = 0; i < 2; i++)
    {
      double x = i == 0 ? x_in : x_out;
      GdkRGBA handle = accent;
      GdkRGBA grip = { 1, 1, 1, 0.9 };

      if (focused && self->active == i)
        handle.alpha = 1;
      else if (focused)
        handle.alpha = 0.7;

      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (x - HANDLE_WIDTH / 2.0, top - 2, HANDLE_WIDTH, TRACK_HEIGHT + 4),
                                       3);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &handle, &rounded.bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &grip, &GRAPHENE_RECT_INIT (x - 1, top + TRACK_HEIGHT / 2.0 - 6, 2, 12));
    }
}

static void
rushes_trim_bar_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NAT_WIDTH;
    }
  else
    *minimum = *natural = TRACK_HEIGHT + 4;
}

/* Moves a handle within the clip, a few frames from the other one. */
static void
move_handle (RushesTrimBar    *self,
             RushesTrimHandle  handle,
             gint64            position,
             gboolean          done)
{
  gint64 in_point = self->in_point;
  gint64 out_point = self->out_point;

  if (self->duration <= 0)
    return;

  position = snap (self, CLAMP (position, 0, self->duration));
  if (handle == RUSHES_TRIM_HANDLE_IN)
    in_point = CLAMP (position, 0, MAX (out_point - min_length (self), 0));
  else
    out_point = CLAMP (position, MIN (in_point + min_length (self), self->duration), self->duration);

  self->active = handle;
  if (in_point == self->in_point && out_point == self->out_point && !done)
    return;

  self->in_point = in_point;
  self->out_point = out_point;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[TRIM_CHANGED], 0, handle, done);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               RushesTrimBar  *self)
{
  double to_in = ABS (x - x_for (self, self->in_point));
  double to_out = ABS (x - x_for (self, self->out_point));

  if (self->duration <= 0 || MIN (to_in, to_out) > GRAB_DISTANCE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  /* Handles on top of each other: the one on the side there is room for */
  if (to_in == to_out)
    self->active = x < x_for (self, self->in_point) ? RUSHES_TRIM_HANDLE_IN : RUSHES_TRIM_HANDLE_OUT;
  else
    self->active = to_in < to_out ? RUSHES_TRIM_HANDLE_IN : RUSHES_TRIM_HANDLE_OUT;

  self->drag_origin = self->active == RUSHES_TRIM_HANDLE_IN ? self->in_point : self->out_point;
  self->dragging = TRUE;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                RushesTrimBar  *self)
{
  if (!self->dragging)
    return;

  move_handle (self, self->active, position_at (self, x_for (self, self->drag_origin) + offset_x), FALSE);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             RushesTrimBar  *self)
{
  if (!self->dragging)
    return;

  self->dragging = FALSE;
  move_handle (self, self->active, position_at (self, x_for (self, self->drag_origin) + offset_x), TRUE);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RushesTrimBar         *self)
{
  gint64 position = self->active == RUSHES_TRIM_HANDLE_IN ? self->in_point : self->out_point;
  gint64 frame = frame_index (self, position);
  gint64 step = (state & GDK_SHIFT_MASK) != 0 ? MAX (frame_index (self, G_TIME_SPAN_SECOND), 1) : 1;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_handle (self, self->active, frame_time (self, frame - step), TRUE);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_handle (self, self->active, frame_time (self, frame + step), TRUE);
      return TRUE;
    /* I and O pick the handle, as in video editors */
    case GDK_KEY_i:
      self->active = RUSHES_TRIM_HANDLE_IN;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_o:
      self->active = RUSHES_TRIM_HANDLE_OUT;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
rushes_trim_bar_class_init (RushesTrimBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = rushes_trim_bar_snapshot;
  widget_class->measure = rushes_trim_bar_measure;

  /**
   * RushesTrimBar::trim-changed:
   * @handle: the handle that moved
   * @done: %FALSE while a handle is dragged, %TRUE once it is let go of
   *   (and for each key press)
   *
   * The in or out point moved; read them with
   * rushes_trim_bar_get_in_point() and rushes_trim_bar_get_out_point().
   */
  signals[TRIM_CHANGED] =
    g_signal_new ("trim-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_css_name (widget_class, "trimbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rushes_trim_bar_init (RushesTrimBar *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->fps_n = 30;
  self->fps_d = 1;
  self->frame_duration = G_TIME_SPAN_SECOND / 30;
  self->active = RUSHES_TRIM_HANDLE_IN;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
rushes_trim_bar_new (void)
{
  return g_object_new (RUSHES_TYPE_TRIM_BAR, NULL);
}

/**
 * rushes_trim_bar_set_clip:
 * @duration: the whole clip, in microseconds; 0 while unknown
 * @fps_n: its frame rate; 0 for 30/1
 * @fps_d: the frame rate's denominator
 *
 * Shows a new clip, kept whole until rushes_trim_bar_set_range().
 */
void
rushes_trim_bar_set_clip (RushesTrimBar *self,
                          gint64         duration,
                          int            fps_n,
                          int            fps_d)
{
  g_return_if_fail (RUSHES_IS_TRIM_BAR (self));

  self->duration = MAX (duration, 0);
  self->fps_n = fps_n > 0 && fps_d > 0 ? fps_n : 30;
  self->fps_d = fps_n > 0 && fps_d > 0 ? fps_d : 1;
  self->frame_duration = frame_time (self, 1);
  self->in_point = 0;
  self->out_point = self->duration;
  self->dragging = FALSE;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
rushes_trim_bar_get_duration (RushesTrimBar *self)
{
  g_return_val_if_fail (RUSHES_IS_TRIM_BAR (self), 0);

  return self->duration;
}

/**
 * rushes_trim_bar_get_frame_duration:
 *
 * Returns: one frame, in microseconds, rounded
 */
gint64
rushes_trim_bar_get_frame_duration (RushesTrimBar *self)
{
  g_return_val_if_fail (RUSHES_IS_TRIM_BAR (self), 0);

  return self->frame_duration;
}

/**
 * rushes_trim_bar_set_range:
 * @in_point: where the clip starts, in microseconds; -1 for its start
 * @out_point: where it ends; -1 for its end
 *
 * Shows a trim; emits nothing.
 */
void
rushes_trim_bar_set_range (RushesTrimBar *self,
                           gint64         in_point,
                           gint64         out_point)
{
  g_return_if_fail (RUSHES_IS_TRIM_BAR (self));

  self->in_point = in_point < 0 ? 0 : MIN (in_point, self->duration);
  self->out_point = out_point < 0 ? self->duration : CLAMP (out_point, self->in_point, self->duration);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
rushes_trim_bar_get_in_point (RushesTrimBar *self)
{
  g_return_val_if_fail (RUSHES_IS_TRIM_BAR (self), 0);

  return self->in_point;
}

gint64
rushes_trim_bar_get_out_point (RushesTrimBar *self)
{
  g_return_val_if_fail (RUSHES_IS_TRIM_BAR (self), 0);

  return self->out_point;
}

/**
 * rushes_trim_bar_move_handle:
 * @position: where to, in microseconds; snapped to a frame and kept within
 *   the clip, a few frames from the other handle
 * @done: whether the move is over (a drag let go of)
 *
 * What a drag or a key press does, for tests and keyboard users alike.
 */
void
rushes_trim_bar_move_handle (RushesTrimBar    *self,
                             RushesTrimHandle  handle,
                             gint64            position,
                             gboolean          done)
{
  g_return_if_fail (RUSHES_IS_TRIM_BAR (self));
  g_return_if_fail (handle == RUSHES_TRIM_HANDLE_IN || handle == RUSHES_TRIM_HANDLE_OUT);

  move_handle (self, handle, position, done);
}
