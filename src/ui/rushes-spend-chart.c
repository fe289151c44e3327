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

#define G_LOG_DOMAIN "rushes-spend-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-spend-chart.h"
#include "rushes-ui-utils.h"

/**
 * RushesSpendChart:
 *
 * One bar per day of a period, drawn with GtkSnapshot: the day's spend,
 * the part still an estimate lighter, a guide line at the highest day with
 * its amount, and day labels under the bars. Hovering a bar says its day
 * and amount.
 */

#define BAR_GAP        2.0
#define LABEL_SPACE   18.0
#define TOP_SPACE     18.0
#define MIN_HEIGHT   140

typedef struct
{
  GDateTime *date;
  double     total;
  gboolean   estimated;
} Day;

struct _RushesSpendChart
{
  GtkWidget  parent_instance;

  GArray    *days;   /* Day */
  double     highest;
};

G_DEFINE_FINAL_TYPE (RushesSpendChart, rushes_spend_chart, GTK_TYPE_WIDGET)

static void
day_clear (Day *day)
{
  g_clear_pointer (&day->date, g_date_time_unref);
}

static PangoLayout *
make_label (GtkWidget  *widget,
            const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Which days get a label: all of a week, about every fifth of a month,
 * the first of each month over longer spans. */
static gboolean
labels_day (RushesSpendChart *self,
            guint             i)
{
  Day *day = &g_array_index (self->days, Day, i);
  guint n = self->days->len;

  if (n <= 10)
    return TRUE;
  if (n <= 40)
    return i == 0 || g_date_time_get_day_of_month (day->date) % 5 == 0;
  return g_date_time_get_day_of_month (day->date) == 1 || i == 0;
}

static void
rushes_spend_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  RushesSpendChart *self = RUSHES_SPEND_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_height = height - LABEL_SPACE - TOP_SPACE;
  GdkRGBA accent = rushes_widget_get_named_color (widget, "accent_bg_color", "#3584e4");
  GdkRGBA text_color;
  GdkRGBA guide;
  GdkRGBA estimate;
  double bar_width;

  if (self->days->len == 0 || plot_height <= 0)
    return;

  text_color = rushes_widget_get_fg_color (widget, 1.0);
  guide = text_color;
  guide.alpha = 0.15;
  estimate = accent;
  estimate.alpha = 0.45;
  bar_width = MAX (1.0, (width - BAR_GAP * (self->days->len - 1)) / self->days->len);

  /* The guide at the highest day, with its amount. */
  if (self->highest > 0)
    {
      g_autofree char *amount = g_strdup_printf ("$%.2f", self->highest);
      g_autoptr(PangoLayout) layout = make_label (widget, amount);

      gtk_snapshot_append_color (snapshot, &guide, &GRAPHENE_RECT_INIT (0, TOP_SPACE, width, 1));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 0));
      gtk_snapshot_append_layout (snapshot, layout, &text_color);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_append_color (snapshot, &guide, &GRAPHENE_RECT_INIT (0, TOP_SPACE + plot_height, width, 1));

  for (guint i = 0; i < self->days->len; i++)
    {
      Day *day = &g_array_index (self->days, Day, i);
      double x = i * (bar_width + BAR_GAP);
      double bar_height = self->highest > 0 ? plot_height * day->total / self->highest : 0;

      /* A day with runs shows even when its amount rounds to nothing. */
      if (day->total > 0)
        bar_height = MAX (bar_height, 2.0);
      if (bar_height > 0)
        gtk_snapshot_append_color (snapshot, day->estimated ? &estimate : &accent,
                                   &GRAPHENE_RECT_INIT (x, TOP_SPACE + plot_height - bar_height,
                                                        bar_width, bar_height));

      if (labels_day (self, i))
        {
          g_autofree char *text = self->days->len <= 7 ? g_date_time_format (day->date, "%a")
                                                       : g_date_time_format (day->date, "%e");
          g_autoptr(PangoLayout) layout = make_label (widget, g_strstrip (text));
          int label_width;

          pango_layout_get_pixel_size (layout, &label_width, NULL);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (CLAMP (x + bar_width / 2 - label_width / 2.0,
                                                               0, width - label_width),
                                                        TOP_SPACE + plot_height + 3));
          gtk_snapshot_append_layout (snapshot, layout, &text_color);
          gtk_snapshot_restore (snapshot);
        }
    }
}

static void
rushes_spend_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = MIN_HEIGHT;
  else
    {
      *minimum = 120;
      *natural = 480;
    }
}

static gboolean
rushes_spend_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  RushesSpendChart *self = RUSHES_SPEND_CHART (widget);
  double width = gtk_widget_get_width (widget);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  Day *day;
  guint i;

  if (self->days->len == 0 || width <= 0)
    return FALSE;

  i = MIN ((guint) (x / (width / self->days->len)), self->days->len - 1);
  day = &g_array_index (self->days, Day, i);
  date = g_date_time_format (day->date, "%x");
  /* Translators: a day and what was spent on it */
  text = g_strdup_printf (day->estimated ? _("%s: about $%.2f") : _("%s: $%.2f"), date, day->total);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
rushes_spend_chart_finalize (GObject *object)
{
  RushesSpendChart *self = RUSHES_SPEND_CHART (object);

  g_array_unref (self->days);

  G_OBJECT_CLASS (rushes_spend_chart_parent_class)->finalize (object);
}

static void
rushes_spend_chart_class_init (RushesSpendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rushes_spend_chart_finalize;

  widget_class->snapshot = rushes_spend_chart_snapshot;
  widget_class->measure = rushes_spend_chart_measure;
  widget_class->query_tooltip = rushes_spend_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "spend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rushes_spend_chart_init (RushesSpendChart *self)
{
  self->days = g_array_new (FALSE, TRUE, sizeof (Day));
  g_array_set_clear_func (self->days, (GDestroyNotify) day_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
rushes_spend_chart_new (void)
{
  return g_object_new (RUSHES_TYPE_SPEND_CHART, NULL);
}

/**
 * rushes_spend_chart_set_days:
 * @first_day: local midnight of the first day shown
 * @n_days: how many days, one bar each
 * @lines: (element-type RushesSpendLine): the report's days (YYYY-MM-DD keys);
 *   days without a line are empty
 */
void
rushes_spend_chart_set_days (RushesSpendChart *self,
                             GDateTime        *first_day,
                             guint             n_days,
                             GPtrArray        *lines)
{
  g_autoptr(GHashTable) by_date = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *description = NULL;
  double total = 0;

  g_return_if_fail (RUSHES_IS_SPEND_CHART (self));
  g_return_if_fail (first_day != NULL);
  g_return_if_fail (lines != NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      RushesSpendLine *line = g_ptr_array_index (lines, i);

      g_hash_table_insert (by_date, line->key, line);
    }

  g_array_set_size (self->days, 0);
  self->highest = 0;
  for (guint i = 0; i < n_days; i++)
    {
      Day day = { 0 };
      g_autofree char *key = NULL;
      RushesSpendLine *line;

      day.date = g_date_time_add_days (first_day, i);
      key = g_date_time_format (day.date, "%Y-%m-%d");
      line = g_hash_table_lookup (by_date, key);
      if (line != NULL)
        {
          day.total = line->total_usd;
          day.estimated = line->estimated;
        }
      self->highest = MAX (self->highest, day.total);
      total += day.total;
      g_array_append_val (self->days, day);
    }

  /* Translators: the chart's description for screen readers */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Spending over %u day, $%.2f in all",
                                              "Spending over %u days, $%.2f in all", n_days),
                                 n_days, total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
rushes_spend_chart_get_n_days (RushesSpendChart *self)
{
  g_return_val_if_fail (RUSHES_IS_SPEND_CHART (self), 0);

  return self->days->len;
}

/**
 * rushes_spend_chart_get_day:
 * @estimated: (out) (optional): whether the day's amount is partly an estimate
 *
 * Returns: what the @day-th bar shows, in USD
 */
double
rushes_spend_chart_get_day (RushesSpendChart *self,
                            guint             day,
                            gboolean         *estimated)
{
  g_return_val_if_fail (RUSHES_IS_SPEND_CHART (self), 0);
  g_return_val_if_fail (day < self->days->len, 0);

  if (estimated != NULL)
    *estimated = g_array_index (self->days, Day, day).estimated;
  return g_array_index (self->days, Day, day).total;
}
