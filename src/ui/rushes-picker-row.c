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
#include "rushes-ui-utils.h"

/* One row of the model picker. GTK 4.8's list view keeps 200 rows alive
 * around what is in view and makes rows again as a search changes the
 * length of the list: a row built of labels and buttons took several
 * frames a key press. This one has no children at all: it draws its
 * texts, its star and its check box itself, measures to a fixed height
 * and makes its text layouts only when drawn. Nor has it controllers of
 * its own: the list's (rushes_picker_row_serve_list()) find the row and
 * the part under the pointer. The keyboard reaches the same: Enter checks
 * a model in a picker of several, Ctrl+D stars it (the picker's
 * shortcut). */

#define PADDING_X   8
#define PADDING_Y   6
#define SPACING     8
#define TAG_PAD_X   6
#define TAG_PAD_Y   1
#define SMALL_SCALE PANGO_SCALE_SMALL
#define STAR_SIZE   34   /* as a circular flat button */
#define CHECK_AREA  24
#define CHECK_BOX   16
#define ICON_SIZE   16

struct _RushesPickerRow
{
  GtkWidget            parent_instance;

  char                *name;
  char                *detail;
  char                *price;
  char                *tag;
  guint                current : 1;
  guint                with_check : 1;
  guint                checked : 1;
  guint                favourite : 1;

  RushesPickerRowPart  hovered;
  RushesPickerRowPart  pressed;

  /* Made when drawn, kept until the texts change */
  PangoLayout         *name_layout;
  PangoLayout         *detail_layout;
  PangoLayout         *price_layout;
  PangoLayout         *tag_layout;
  PangoLayout         *current_layout;
};

G_DEFINE_FINAL_TYPE (RushesPickerRow, rushes_picker_row, GTK_TYPE_WIDGET)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
 * same for every row, so no layout is made to measure one. Asking Pango
 * for metrics shapes sample text, and rows are made by the hundred as a
 * search changes the list: the answer is kept for the last font, language
 * and resolution asked. */
static int
line_height (GtkWidget *widget,
             double     scale)
{
  static PangoFontDescription *cached_font;
  static PangoLanguage *cached_language;
  static double cached_resolution;
  static int cached_height;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  double resolution = pango_cairo_context_get_resolution (context);

  if (cached_font == NULL || language != cached_language || resolution != cached_resolution ||
      !pango_font_description_equal (font, cached_font))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      cached_height = pango_font_metrics_get_height (metrics);
      if (cached_height <= 0)
        cached_height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
      pango_font_metrics_unref (metrics);

      g_clear_pointer (&cached_font, pango_font_description_free);
      cached_font = pango_font_description_copy (font);
      cached_language = language;
      cached_resolution = resolution;
    }

  return (int) ceil (cached_height * scale / PANGO_SCALE);
}

static gboolean
is_rtl (RushesPickerRow *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

/* The star, at the end of the row */
static graphene_rect_t
star_rect (RushesPickerRow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  return GRAPHENE_RECT_INIT (is_rtl (self) ? PADDING_X : width - PADDING_X - STAR_SIZE,
                             (height - STAR_SIZE) / 2, STAR_SIZE, STAR_SIZE);
}

/* The check box's room, at the start of the row */
static graphene_rect_t
check_rect (RushesPickerRow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  return GRAPHENE_RECT_INIT (is_rtl (self) ? width - PADDING_X - CHECK_AREA : PADDING_X,
                             (height - CHECK_AREA) / 2, CHECK_AREA, CHECK_AREA);
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

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The texts ellipsize: any width from a short name on. */
      *minimum = 2 * PADDING_X + 120 + SPACING + STAR_SIZE + (self->with_check ? CHECK_AREA + SPACING : 0);
      *natural = MAX (*minimum, 360);
    }
  else
    {
      int text = line_height (widget, 1.0) + line_height (widget, SMALL_SCALE);

      *minimum = *natural = 2 * PADDING_Y + MAX (text, STAR_SIZE);
    }
}

static void
rushes_picker_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  RushesPickerRow *self = RUSHES_PICKER_ROW (widget);

  /* Ellipsizing depends on the width. */
  g_clear_object (&self->name_layout);
  g_clear_object (&self->detail_layout);
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

/* A symbolic icon of the theme, centred in @area, in @color */
static void
draw_icon (RushesPickerRow       *self,
           GtkSnapshot           *snapshot,
           const char            *icon_name,
           const graphene_rect_t *area,
           const GdkRGBA         *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (area->origin.x + (area->size.width - ICON_SIZE) / 2,
                                                area->origin.y + (area->size.height - ICON_SIZE) / 2));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, ICON_SIZE, ICON_SIZE, color, 1);
  gtk_snapshot_restore (snapshot);
}

/* A round ground under the star while the pointer is on it, as a flat
 * button has. */
static void
draw_star (RushesPickerRow *self,
           GtkSnapshot     *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t area = star_rect (self);
  GdkRGBA color = self->favourite ? rushes_widget_get_named_color (widget, "accent_color", "#1c71d8") : rushes_widget_get_fg_color (widget, 0.7);

  if (self->hovered == RUSHES_PICKER_ROW_PART_STAR || self->pressed == RUSHES_PICKER_ROW_PART_STAR)
    {
      GskRoundedRect circle;
      GdkRGBA ground = rushes_widget_get_fg_color (widget, self->pressed == RUSHES_PICKER_ROW_PART_STAR ? 0.2 : 0.1);

      gsk_rounded_rect_init_from_rect (&circle, &area, STAR_SIZE / 2.0);
      gtk_snapshot_push_rounded_clip (snapshot, &circle);
      gtk_snapshot_append_color (snapshot, &ground, &area);
      gtk_snapshot_pop (snapshot);
    }

  draw_icon (self, snapshot, self->favourite ? "starred-symbolic" : "non-starred-symbolic", &area, &color);
}

/* A check box as Adwaita draws one: a ring, or the accent with a tick. */
static void
draw_check (RushesPickerRow *self,
            GtkSnapshot     *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t area = check_rect (self);
  graphene_rect_t box = GRAPHENE_RECT_INIT (area.origin.x + (CHECK_AREA - CHECK_BOX) / 2,
                                            area.origin.y + (CHECK_AREA - CHECK_BOX) / 2,
                                            CHECK_BOX, CHECK_BOX);
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, &box, 4);

  if (self->checked)
    {
      GdkRGBA fill = rushes_widget_get_named_color (widget, "accent_bg_color", "#3584e4");
      GdkRGBA tick = rushes_widget_get_named_color (widget, "accent_fg_color", "#ffffff");

      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &fill, &box);
      gtk_snapshot_pop (snapshot);
      draw_icon (self, snapshot, "object-select-symbolic", &box, &tick);
    }
  else
    {
      double alpha = self->hovered == RUSHES_PICKER_ROW_PART_CHECK ? 0.3 : 0.15;
      GdkRGBA ring = rushes_widget_get_fg_color (widget, alpha);
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA colors[4] = { ring, ring, ring, ring };

      gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
    }
}

static void
rushes_picker_row_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RushesPickerRow *self = RUSHES_PICKER_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean rtl = is_rtl (self);
  GdkRGBA color = rushes_widget_get_fg_color (widget, 1.0);
  GdkRGBA dim = rushes_widget_get_fg_color (widget, 0.55);
  int start = PADDING_X, end = width - PADDING_X;
  int name_h, detail_h, text_w, w, h, top;

  /* The star's and check box's room, then the right-hand texts from the
   * end inwards. */
  end -= STAR_SIZE + SPACING;
  if (self->with_check)
    start += CHECK_AREA + SPACING;

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
      GdkRGBA fill = rushes_widget_get_fg_color (widget, 0.1);
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

  draw_star (self, snapshot);
  if (self->with_check)
    draw_check (self, snapshot);
}

/* What a screen reader says of the row: everything it shows. */
static void
update_accessible_label (RushesPickerRow *self)
{
  g_autofree char *label = NULL;

  label = g_strjoin (", ",
                     self->name != NULL ? self->name : "",
                     self->detail != NULL ? self->detail : "",
                     self->price != NULL ? self->price : "",
                     self->tag != NULL ? self->tag : "",
                     self->current ? _("chosen") : "",
                     self->favourite ? _("a favourite") : "",
                     self->with_check ? (self->checked ? _("checked") : _("not checked")) : "",
                     NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
rushes_picker_row_dispose (GObject *object)
{
  clear_layouts (RUSHES_PICKER_ROW (object));

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

  /**
   * RushesPickerRow::toggled:
   * @part: the star or the check box
   *
   * A click turned the star or the check box over; the row shows its new
   * state already.
   */
  signals[TOGGLED] =
    g_signal_new ("toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "modelrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rushes_picker_row_init (RushesPickerRow *self)
{
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

  self->with_check = !!with_check;

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
  if (self->current != !!current)
    {
      self->current = !!current;
      changed = TRUE;
    }
  if (!changed)
    return;

  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rushes_picker_row_get_price:
 *
 * Returns: (nullable): the price the row shows
 */
const char *
rushes_picker_row_get_price (RushesPickerRow *self)
{
  g_return_val_if_fail (RUSHES_IS_PICKER_ROW (self), NULL);

  return self->price;
}

/**
 * rushes_picker_row_set_favourite:
 *
 * Draws the star filled (a favourite) or empty.
 */
void
rushes_picker_row_set_favourite (RushesPickerRow *self,
                                 gboolean         favourite)
{
  g_return_if_fail (RUSHES_IS_PICKER_ROW (self));

  if (self->favourite == !!favourite)
    return;

  self->favourite = !!favourite;
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
rushes_picker_row_get_favourite (RushesPickerRow *self)
{
  g_return_val_if_fail (RUSHES_IS_PICKER_ROW (self), FALSE);

  return self->favourite;
}

/**
 * rushes_picker_row_set_checked:
 *
 * Checks or unchecks the check box of a row of a picker of several.
 */
void
rushes_picker_row_set_checked (RushesPickerRow *self,
                               gboolean         checked)
{
  g_return_if_fail (RUSHES_IS_PICKER_ROW (self));
  g_return_if_fail (self->with_check || !checked);

  if (self->checked == !!checked)
    return;

  self->checked = !!checked;
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
rushes_picker_row_get_checked (RushesPickerRow *self)
{
  g_return_val_if_fail (RUSHES_IS_PICKER_ROW (self), FALSE);

  return self->checked;
}

/**
 * rushes_picker_row_pick_part:
 * @x: a point in the row's coordinates
 * @y: …
 *
 * Returns: what a click at @x, @y lands on
 */
RushesPickerRowPart
rushes_picker_row_pick_part (RushesPickerRow *self,
                             double           x,
                             double           y)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);
  graphene_rect_t star, check;

  g_return_val_if_fail (RUSHES_IS_PICKER_ROW (self), RUSHES_PICKER_ROW_PART_NONE);

  star = star_rect (self);
  if (graphene_rect_contains_point (&star, &point))
    return RUSHES_PICKER_ROW_PART_STAR;

  check = check_rect (self);
  if (self->with_check && graphene_rect_contains_point (&check, &point))
    return RUSHES_PICKER_ROW_PART_CHECK;

  return RUSHES_PICKER_ROW_PART_NONE;
}

/* Pointer and clicks, for all the rows of a list ------------------------- */

typedef struct
{
  RushesPickerRow *hovered;   /* weak */
  RushesPickerRow *pressed;   /* strong */
} Serve;

static void
serve_free (Serve *serve)
{
  g_clear_weak_pointer (&serve->hovered);
  g_clear_object (&serve->pressed);
  g_free (serve);
}

/* The row at @x, @y of @list, and the part of it there */
static RushesPickerRow *
row_at (GtkWidget           *list,
        double               x,
        double               y,
        RushesPickerRowPart *part)
{
  GtkWidget *widget = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  double row_x, row_y;

  *part = RUSHES_PICKER_ROW_PART_NONE;
  while (widget != NULL && widget != list && !RUSHES_IS_PICKER_ROW (widget))
    widget = gtk_widget_get_parent (widget);
  if (widget == NULL || widget == list)
    return NULL;

  if (gtk_widget_translate_coordinates (list, widget, x, y, &row_x, &row_y))
    *part = rushes_picker_row_pick_part (RUSHES_PICKER_ROW (widget), row_x, row_y);

  return RUSHES_PICKER_ROW (widget);
}

static void
set_hovered (Serve               *serve,
             RushesPickerRow     *row,
             RushesPickerRowPart  part)
{
  if (serve->hovered != NULL && (serve->hovered != row || serve->hovered->hovered != part))
    {
      serve->hovered->hovered = RUSHES_PICKER_ROW_PART_NONE;
      gtk_widget_set_cursor (GTK_WIDGET (serve->hovered), NULL);
      gtk_widget_queue_draw (GTK_WIDGET (serve->hovered));
    }

  g_set_weak_pointer (&serve->hovered, row);
  if (row != NULL && row->hovered != part)
    {
      row->hovered = part;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (row), part != RUSHES_PICKER_ROW_PART_NONE ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (row));
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           Serve                    *serve)
{
  RushesPickerRowPart part;
  RushesPickerRow *row = row_at (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), x, y, &part);

  set_hovered (serve, row, part);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          Serve                    *serve)
{
  set_hovered (serve, NULL, RUSHES_PICKER_ROW_PART_NONE);
}

static void
clear_pressed (Serve *serve)
{
  if (serve->pressed == NULL)
    return;

  serve->pressed->pressed = RUSHES_PICKER_ROW_PART_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (serve->pressed));
  g_clear_object (&serve->pressed);
}

/* A press on a star or a check box is the row's: the list does not take
 * it as choosing the model. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            Serve           *serve)
{
  RushesPickerRowPart part;
  RushesPickerRow *row = row_at (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y, &part);

  clear_pressed (serve);
  if (row == NULL || part == RUSHES_PICKER_ROW_PART_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  serve->pressed = g_object_ref (row);
  row->pressed = part;
  gtk_widget_queue_draw (GTK_WIDGET (row));
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             Serve           *serve)
{
  g_autoptr(RushesPickerRow) pressed = serve->pressed != NULL ? g_object_ref (serve->pressed) : NULL;
  RushesPickerRowPart pressed_part = pressed != NULL ? pressed->pressed : RUSHES_PICKER_ROW_PART_NONE;
  RushesPickerRowPart part;
  RushesPickerRow *row = row_at (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y, &part);

  clear_pressed (serve);
  if (pressed == NULL || row != pressed || part != pressed_part)
    return;

  if (part == RUSHES_PICKER_ROW_PART_STAR)
    rushes_picker_row_set_favourite (row, !row->favourite);
  else
    rushes_picker_row_set_checked (row, !row->checked);
  g_signal_emit (row, signals[TOGGLED], 0, part);
}

static void
stopped_cb (GtkGestureClick *gesture,
            Serve           *serve)
{
  clear_pressed (serve);
}

/**
 * rushes_picker_row_serve_list:
 * @list: the list view whose rows are #RushesPickerRow
 *
 * Puts on @list the controllers for the stars and check boxes of all its
 * rows: the pointer's hover, and clicks, which turn them over and emit
 * #RushesPickerRow::toggled. One pair for the list, not one per row: rows
 * are made and dropped as a search changes the list.
 */
void
rushes_picker_row_serve_list (GtkWidget *list)
{
  Serve *serve;
  GtkEventController *motion;
  GtkGesture *click;

  g_return_if_fail (GTK_IS_WIDGET (list));

  serve = g_new0 (Serve, 1);
  g_object_set_data_full (G_OBJECT (list), "rushes-picker-row-serve", serve, (GDestroyNotify) serve_free);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), serve);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), serve);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), serve);
  gtk_widget_add_controller (list, motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), serve);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), serve);
  g_signal_connect (click, "stopped", G_CALLBACK (stopped_cb), serve);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (click));
}
