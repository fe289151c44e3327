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

#define G_LOG_DOMAIN "rushes-wipe"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rushes-wipe.h"

/**
 * RushesWipe:
 *
 * An A/B wipe: two pictures over each other, the start one (A) left of a
 * divider and the end one (B) right of it, each letterboxed on black as a
 * player shows it. The divider is dragged, or clicked to, with the
 * pointer, and moved with the arrow keys when focused.
 *
 * It draws only when a picture changes or the divider moves: it has no
 * clock of its own.
 */

#define HANDLE_RADIUS 14
#define KEY_STEP      0.05

struct _RushesWipe
{
  GtkWidget     parent_instance;

  /* Owned */
  GdkPaintable *start;
  GdkPaintable *end;
  double        position;
  double        drag_start;
};

G_DEFINE_FINAL_TYPE (RushesWipe, rushes_wipe, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a picture goes: as large as fits, centred, its shape kept. */
static graphene_rect_t
fit (GdkPaintable *paintable,
     double        width,
     double        height)
{
  double ratio = paintable != NULL ? gdk_paintable_get_intrinsic_aspect_ratio (paintable) : 0;
  double w = width, h = height;

  if (ratio > 0)
    {
      if (width / height > ratio)
        w = height * ratio;
      else
        h = width / ratio;
    }

  return GRAPHENE_RECT_INIT ((width - w) / 2, (height - h) / 2, w, h);
}

static void
snapshot_side (GtkSnapshot  *snapshot,
               GdkPaintable *paintable,
               double        width,
               double        height,
               double        from,
               double        to)
{
  graphene_rect_t rect;

  if (paintable == NULL || to <= from)
    return;

  rect = fit (paintable, width, height);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (from, 0, to - from, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x, rect.origin.y));
  gdk_paintable_snapshot (paintable, snapshot, rect.size.width, rect.size.height);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_tag (RushesWipe  *self,
              GtkSnapshot *snapshot,
              const char  *text,
              double       x,
              gboolean     right)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA shade = { 0, 0, 0, 0.6 };
  int w, h;
  graphene_rect_t box;

  pango_layout_get_pixel_size (layout, &w, &h);
  box = GRAPHENE_RECT_INIT (right ? x - w - 20 : x + 8, 8, w + 12, h + 4);
  {
    GskRoundedRect rounded;

    gsk_rounded_rect_init_from_rect (&rounded, &box, 6);
    gtk_snapshot_push_rounded_clip (snapshot, &rounded);
    gtk_snapshot_append_color (snapshot, &shade, &box);
    gtk_snapshot_pop (snapshot);
  }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (box.origin.x + 6, box.origin.y + 2));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
rushes_wipe_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  RushesWipe *self = RUSHES_WIPE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double split = round (width * self->position);
  GdkRGBA black = { 0, 0, 0, 1 };
  GdkRGBA white = { 1, 1, 1, 0.95 };
  GdkRGBA shadow = { 0, 0, 0, 0.35 };
  GskRoundedRect handle;

  if (width <= 0 || height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, &black, &GRAPHENE_RECT_INIT (0, 0, width, height));
  snapshot_side (snapshot, self->start, width, height, 0, split);
  snapshot_side (snapshot, self->end, width, height, split, width);

  /* The divider, and a handle in its middle to take hold of. */
  gtk_snapshot_append_color (snapshot, &shadow, &GRAPHENE_RECT_INIT (split - 2, 0, 4, height));
  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (split - 1, 0, 2, height));
  gsk_rounded_rect_init_from_rect (&handle,
                                   &GRAPHENE_RECT_INIT (split - HANDLE_RADIUS, height / 2 - HANDLE_RADIUS,
                                                        2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS),
                                   HANDLE_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &handle);
  gtk_snapshot_append_color (snapshot, &white, &handle.bounds);
  gtk_snapshot_pop (snapshot);
  {
    GdkRGBA dark = { 0.2, 0.2, 0.2, 1 };

    /* Two small arrows: ◂ ▸ */
    for (int side = -1; side <= 1; side += 2)
      for (int i = 0; i < 5; i++)
        {
          double x = split + side * (4 + i);
          double half = 5 - i;

          gtk_snapshot_append_color (snapshot, &dark,
                                     &GRAPHENE_RECT_INIT (x - (side < 0 ? 1 : 0), height / 2 - half, 1, 2 * half));
        }
  }

  /* Which take is which side. */
  if (split > 40)
    snapshot_tag (self, snapshot, "A", 0, FALSE);
  if (width - split > 40)
    snapshot_tag (self, snapshot, "B", width, TRUE);
}

static void
rushes_wipe_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  /* Room for the handle; otherwise as large as it is given. */
  *minimum = 2 * HANDLE_RADIUS + 8;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 360;
}

static void
drag_begin_cb (RushesWipe     *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width <= 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start = x / width;
  rushes_wipe_set_position (self, self->drag_start);
}

static void
drag_update_cb (RushesWipe     *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width > 0)
    rushes_wipe_set_position (self, self->drag_start + offset_x / width);
}

static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  RushesWipe *self = RUSHES_WIPE (widget);

  rushes_wipe_set_position (self, self->position + g_variant_get_double (args));
  return TRUE;
}

static void
paintable_changed_cb (RushesWipe *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_paintable (RushesWipe    *self,
               GdkPaintable **slot,
               GdkPaintable  *paintable,
               GParamSpec    *pspec)
{
  if (*slot == paintable)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, paintable_changed_cb, self);
  g_set_object (slot, paintable);
  if (paintable != NULL)
    {
      g_signal_connect_swapped (paintable, "invalidate-contents", G_CALLBACK (paintable_changed_cb), self);
      g_signal_connect_swapped (paintable, "invalidate-size", G_CALLBACK (paintable_changed_cb), self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
rushes_wipe_dispose (GObject *object)
{
  RushesWipe *self = RUSHES_WIPE (object);

  set_paintable (self, &self->start, NULL, properties[PROP_START]);
  set_paintable (self, &self->end, NULL, properties[PROP_END]);

  G_OBJECT_CLASS (rushes_wipe_parent_class)->dispose (object);
}

static void
rushes_wipe_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RushesWipe *self = RUSHES_WIPE (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_object (value, self->start);
      break;

    case PROP_END:
      g_value_set_object (value, self->end);
      break;

    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_wipe_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RushesWipe *self = RUSHES_WIPE (object);

  switch (prop_id)
    {
    case PROP_START:
      rushes_wipe_set_start (self, g_value_get_object (value));
      break;

    case PROP_END:
      rushes_wipe_set_end (self, g_value_get_object (value));
      break;

    case PROP_POSITION:
      rushes_wipe_set_position (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_wipe_class_init (RushesWipeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_wipe_dispose;
  object_class->get_property = rushes_wipe_get_property;
  object_class->set_property = rushes_wipe_set_property;

  widget_class->snapshot = rushes_wipe_snapshot;
  widget_class->measure = rushes_wipe_measure;

  /**
   * RushesWipe:start:
   *
   * Take A, left of the divider.
   */
  properties[PROP_START] =
    g_param_spec_object ("start", NULL, NULL,
                         GDK_TYPE_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesWipe:end:
   *
   * Take B, right of the divider.
   */
  properties[PROP_END] =
    g_param_spec_object ("end", NULL, NULL,
                         GDK_TYPE_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesWipe:position:
   *
   * Where the divider is, from 0 (all B) to 1 (all A).
   */
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL,
                         0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, move_cb, "d", -KEY_STEP);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, move_cb, "d", KEY_STEP);

  gtk_widget_class_set_css_name (widget_class, "wipe");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
rushes_wipe_init (RushesWipe *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->position = 0.5;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Wipe between take A and take B"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 50.0,
                                  -1);
}

GtkWidget *
rushes_wipe_new (void)
{
  return g_object_new (RUSHES_TYPE_WIPE, NULL);
}

/**
 * rushes_wipe_get_start:
 *
 * Returns: (transfer none) (nullable): take A's picture
 */
GdkPaintable *
rushes_wipe_get_start (RushesWipe *self)
{
  g_return_val_if_fail (RUSHES_IS_WIPE (self), NULL);

  return self->start;
}

void
rushes_wipe_set_start (RushesWipe   *self,
                       GdkPaintable *paintable)
{
  g_return_if_fail (RUSHES_IS_WIPE (self));
  g_return_if_fail (!paintable || GDK_IS_PAINTABLE (paintable));

  set_paintable (self, &self->start, paintable, properties[PROP_START]);
}

/**
 * rushes_wipe_get_end:
 *
 * Returns: (transfer none) (nullable): take B's picture
 */
GdkPaintable *
rushes_wipe_get_end (RushesWipe *self)
{
  g_return_val_if_fail (RUSHES_IS_WIPE (self), NULL);

  return self->end;
}

void
rushes_wipe_set_end (RushesWipe   *self,
                     GdkPaintable *paintable)
{
  g_return_if_fail (RUSHES_IS_WIPE (self));
  g_return_if_fail (!paintable || GDK_IS_PAINTABLE (paintable));

  set_paintable (self, &self->end, paintable, properties[PROP_END]);
}

double
rushes_wipe_get_position (RushesWipe *self)
{
  g_return_val_if_fail (RUSHES_IS_WIPE (self), 0.5);

  return self->position;
}

/**
 * rushes_wipe_set_position:
 * @position: where the divider goes, 0 to 1 of the width
 */
void
rushes_wipe_set_position (RushesWipe *self,
                          double      position)
{
  g_return_if_fail (RUSHES_IS_WIPE (self));

  position = CLAMP (position, 0.0, 1.0);
  if (self->position == position)
    return;

  self->position = position;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, position * 100.0,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
