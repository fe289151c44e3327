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

#define G_LOG_DOMAIN "rushes-picker-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rushes-picker-row.h"

/* One row of the model picker. GTK 4.8's list view keeps 200 rows alive
 * around what is in view and makes them again as a search changes the
 * list: a row built of labels took several frames a key press. This one
 * draws its texts itself, measures to a fixed height, and makes its text
 * layouts only when it is drawn; its star (and check box) stay real
 * buttons, for the pointer, the keyboard and accessibility. */

#define PADDING_X   8
#define PADDING_Y   6
#define SPACING     8
#define TAG_PAD_X   6
#define TAG_PAD_Y   1
#define SMALL_SCALE PANGO_SCALE_SMALL

struct _RushesPickerRow
{
  GtkWidget        parent_instance;

  GtkWidget       *check;      /* nullable: a picker of one model has none */
  GtkWidget       *star;

  char            *name;
  char            *detail;
  char            *price;
  char            *tag;
  gboolean         current;

  /* Made when drawn, kept until the texts change */
  PangoLayout     *name_layout;
  PangoLayout     *detail_layout;
  PangoLayout     *price_layout;
  PangoLayout     *tag_layout;
  PangoLayout     *current_layout;
};

G_DEFINE_FINAL_TYPE (RushesPickerRow, rushes_picker_row, GTK_TYPE_WIDGET)

static void
clear_layouts (RushesPickerRow *self)
{
  g_clear_object (&self->name_layout);
  g_clear_object (&self->detail_layout);
  g_clear_object (&self->price_layout);
  g_clear_object (&self->tag_layout);
  g_clear_object (&self->current_layout);
}

static PangoLayout *
make_layout (RushesPickerRow *self,
             const char      *text,
             gboolean         small,
             gboolean         numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (SMALL_SCALE));
  if (numeric)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* The height of a line of text at @scale, from the font's metrics: the
 * same for every row, so no layout is made to measure one. */
static int
line_height (GtkWidget *widget,
             double     scale)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int height = pango_font_metrics_get_height (metrics);

  if (height <= 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);

  return (int) ceil (height * scale / PANGO_SCALE);
}

static void
rushes_picker_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  RushesPickerRow *self = RUSHES_PICKER_ROW (widget);
  int star_min, star_nat, check_min = 0, check_nat = 0;

  gtk_widget_measure (self->star, orientation, -1, &star_min, &star_nat, NULL, NULL);
  if (self->check != NULL)
    gtk_widget_measure (self->check, orientation, -1, &check_min, &check_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The texts ellipsize: any width from a short name on. */
      *minimum = 2 * PADDING_X + 120 + SPACING + star_min + (self->check != NULL ? check_min + SPACING : 0);
      *natural = MAX (*minimum, 360);
    }
  else
    {
      int text = line_height (widget, 1.0) + line_height (widget, SMALL_SCALE);

      *minimum = *natural = 2 * PADDING_Y + MAX (text, MAX (star_nat, check_nat));
    }
}

static void
rushes_picker_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  RushesPickerRow *self = RUSHES_PICKER_ROW (widget);
  int star_w, star_h, check_w, check_h;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  gtk_widget_measure (self->star, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &star_w, NULL, NULL);
  gtk_widget_measure (self->star, GTK_ORIENTATION_VERTICAL, star_w, NULL, &star_h, NULL, NULL);
  gtk_widget_size_allocate (self->star,
                            &(GtkAllocation) { rtl ? PADDING_X : width - PADDING_X - star_w,
                                               (height - star_h) / 2, star_w, star_h },
                            -1);

  if (self->check != NULL)
    {
      gtk_widget_measure (self->check, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &check_w, NULL, NULL);
      gtk_widget_measure (self->check, GTK_ORIENTATION_VERTICAL, check_w, NULL, &check_h, NULL, NULL);
      gtk_widget_size_allocate (self->check,
                                &(GtkAllocation) { rtl ? width - PADDING_X - check_w : PADDING_X,
                                                   (height - check_h) / 2, check_w, check_h },
                                -1);
    }

  /* Ellipsizing depends on the width. */
  g_clear_object (&self->name_layout);
  g_clear_object (&self->detail_layout);
}

static GdkRGBA
widget_color (GtkWidget *widget,
              double     alpha)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= alpha;

  return color;
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             int            x,
             int            y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
rushes_picker_row_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RushesPickerRow *self = RUSHES_PICKER_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GdkRGBA color = widget_color (widget, 1.0);
  GdkRGBA dim = widget_color (widget, 0.55);
  int start = PADDING_X, end = width - PADDING_X;
  int name_h, detail_h, text_w, w, h, top;

  /* The buttons' room, then the right-hand texts from the end inwards. */
  end -= gtk_widget_get_width (self->star) + SPACING;
  if (self->check != NULL)
    start += gtk_widget_get_width (self->check) + SPACING;

  if (self->current)
    {
      if (self->current_layout == NULL)
        self->current_layout = make_layout (self, "✓", FALSE, FALSE);
      pango_layout_get_pixel_size (self->current_layout, &w, &h);
      end -= w;
      draw_layout (snapshot, self->current_layout, rtl ? width - end - w : end, (height - h) / 2, &color);
      end -= SPACING;
    }

  if (self->price != NULL)
    {
      if (self->price_layout == NULL)
        self->price_layout = make_layout (self, self->price, TRUE, TRUE);
      pango_layout_get_pixel_size (self->price_layout, &w, &h);
      end -= w;
      draw_layout (snapshot, self->price_layout, rtl ? width - end - w : end, (height - h) / 2, &color);
      end -= SPACING;
    }

  if (self->tag != NULL)
    {
      GskRoundedRect pill;
      GdkRGBA fill = widget_color (widget, 0.1);
      int x;

      if (self->tag_layout == NULL)
        self->tag_layout = make_layout (self, self->tag, TRUE, FALSE);
      pango_layout_get_pixel_size (self->tag_layout, &w, &h);
      end -= w + 2 * TAG_PAD_X;
      x = rtl ? width - end - w - 2 * TAG_PAD_X : end;
      gsk_rounded_rect_init_from_rect (&pill,
                                       &GRAPHENE_RECT_INIT (x, (height - h) / 2 - TAG_PAD_Y,
                                                            w + 2 * TAG_PAD_X, h + 2 * TAG_PAD_Y),
                                       (h + 2 * TAG_PAD_Y) / 2.0);
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot, &fill, &pill.bounds);
      gtk_snapshot_pop (snapshot);
      draw_layout (snapshot, self->tag_layout, x + TAG_PAD_X, (height - h) / 2, &color);
      end -= SPACING;
    }

  /* The name, and under it the provider and id, in what is left. */
  text_w = MAX (end - start, 1);
  if (self->name_layout == NULL)
    {
      self->name_layout = make_layout (self, self->name != NULL ? self->name : "", FALSE, FALSE);
      pango_layout_set_ellipsize (self->name_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (self->name_layout, text_w * PANGO_SCALE);
    }
  if (self->detail_layout == NULL)
    {
      self->detail_layout = make_layout (self, self->detail != NULL ? self->detail : "", TRUE, FALSE);
      pango_layout_set_ellipsize (self->detail_layout, PANGO_ELLIPSIZE_MIDDLE);
      pango_layout_set_width (self->detail_layout, text_w * PANGO_SCALE);
    }
  pango_layout_get_pixel_size (self->name_layout, &w, &name_h);
  pango_layout_get_pixel_size (self->detail_layout, &w, &detail_h);
  top = (height - name_h - detail_h) / 2;
  if (rtl)
    {
      pango_layout_set_alignment (self->name_layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_alignment (self->detail_layout, PANGO_ALIGN_RIGHT);
    }
  draw_layout (snapshot, self->name_layout, rtl ? width - end : start, top, &color);
  draw_layout (snapshot, self->detail_layout, rtl ? width - end : start, top + name_h, &dim);

  gtk_widget_snapshot_child (widget, self->star, snapshot);
  if (self->check != NULL)
    gtk_widget_snapshot_child (widget, self->check, snapshot);
}

static void
rushes_picker_row_dispose (GObject *object)
{
  RushesPickerRow *self = RUSHES_PICKER_ROW (object);

  g_clear_pointer (&self->star, gtk_widget_unparent);
  g_clear_pointer (&self->check, gtk_widget_unparent);
  clear_layouts (self);

  G_OBJECT_CLASS (rushes_picker_row_parent_class)->dispose (object);
}

static void
rushes_picker_row_finalize (GObject *object)
{
  RushesPickerRow *self = RUSHES_PICKER_ROW (object);

  g_free (self->name);
  g_free (self->detail);
  g_free (self->price);
  g_free (self->tag);

  G_OBJECT_CLASS (rushes_picker_row_parent_class)->finalize (object);
}

/* A new font or direction makes the texts again. */
static void
rushes_picker_row_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rushes_picker_row_parent_class)->css_changed (widget, change);

  clear_layouts (RUSHES_PICKER_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
rushes_picker_row_direction_changed (GtkWidget        *widget,
                                     GtkTextDirection  previous)
{
  clear_layouts (RUSHES_PICKER_ROW (widget));
  gtk_widget_queue_allocate (widget);
}

static void
rushes_picker_row_class_init (RushesPickerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_picker_row_dispose;
  object_class->finalize = rushes_picker_row_finalize;
  widget_class->measure = rushes_picker_row_measure;
  widget_class->size_allocate = rushes_picker_row_size_allocate;
  widget_class->snapshot = rushes_picker_row_snapshot;
  widget_class->css_changed = rushes_picker_row_css_changed;
  widget_class->direction_changed = rushes_picker_row_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "modelrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rushes_picker_row_init (RushesPickerRow *self)
{
  self->star = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->star), "non-starred-symbolic");
  gtk_widget_add_css_class (self->star, "flat");
  gtk_widget_add_css_class (self->star, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Favourite"), -1);
  gtk_widget_set_parent (self->star, GTK_WIDGET (self));
}

/**
 * rushes_picker_row_new:
 * @with_check: a check box before the texts, for a picker of several
 *   models
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
rushes_picker_row_new (gboolean with_check)
{
  RushesPickerRow *self = g_object_new (RUSHES_TYPE_PICKER_ROW, NULL);

  if (with_check)
    {
      self->check = gtk_check_button_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Also Send to This Model"), -1);
      gtk_widget_insert_after (self->check, GTK_WIDGET (self), NULL);
    }

  return GTK_WIDGET (self);
}

static gboolean
replace (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * rushes_picker_row_set:
 * @name: the model's name
 * @detail: its provider and id
 * @price: (nullable): its price for the defaults
 * @tag: (nullable): why it is marked: retired, unavailable, no key
 * @current: whether it is the model chosen now
 */
void
rushes_picker_row_set (RushesPickerRow *self,
                       const char      *name,
                       const char      *detail,
                       const char      *price,
                       const char      *tag,
                       gboolean         current)
{
  gboolean changed = FALSE;
  g_autofree char *label = NULL;

  g_return_if_fail (RUSHES_IS_PICKER_ROW (self));

  if (replace (&self->name, name))
    {
      g_clear_object (&self->name_layout);
      changed = TRUE;
    }
  if (replace (&self->detail, detail))
    {
      g_clear_object (&self->detail_layout);
      changed = TRUE;
    }
  if (replace (&self->price, price))
    {
      g_clear_object (&self->price_layout);
      changed = TRUE;
    }
  if (replace (&self->tag, tag))
    {
      g_clear_object (&self->tag_layout);
      changed = TRUE;
    }
  if (self->current != current)
    {
      self->current = current;
      changed = TRUE;
    }
  if (!changed)
    return;

  /* What a screen reader says of the row: everything it shows. */
  label = g_strjoin (", ", name != NULL ? name : "", detail != NULL ? detail : "",
                     price != NULL ? price : "", tag != NULL ? tag : "",
                     current ? _("chosen") : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkToggleButton *
rushes_picker_row_get_star (RushesPickerRow *self)
{
  g_return_val_if_fail (RUSHES_IS_PICKER_ROW (self), NULL);

  return GTK_TOGGLE_BUTTON (self->star);
}

/**
 * rushes_picker_row_get_check:
 *
 * Returns: (nullable): the check box of a row of a picker of several
 */
GtkCheckButton *
rushes_picker_row_get_check (RushesPickerRow *self)
{
  g_return_val_if_fail (RUSHES_IS_PICKER_ROW (self), NULL);

  return self->check != NULL ? GTK_CHECK_BUTTON (self->check) : NULL;
}
