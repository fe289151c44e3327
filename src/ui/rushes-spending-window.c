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

#define G_LOG_DOMAIN "rushes-spending-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rushes-spend-chart.h"
#include "rushes-spending-window.h"

/**
 * RushesSpendingWindow:
 *
 * What the runs cost, from the library's records: today, this week, this
 * month or all time; a bar per day, and the totals by provider and by
 * model. Amounts a provider has not reported yet are the catalog's
 * estimates, and say so.
 */

struct _RushesSpendingWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkLabel             *total_label;
  GtkLabel             *summary_label;
  RushesSpendChart     *chart;
  AdwPreferencesGroup  *budget_group;
  AdwPreferencesGroup  *provider_group;
  AdwPreferencesGroup  *model_group;

  /* Owned */
  RushesEngine         *engine;
  GDateTime            *now;      /* fixed by tests, else NULL: the time of each refresh */
  char                 *period;   /* "today", "week", "month" or "all" */
  GPtrArray            *rows;     /* the rows added to the groups, to remove them */

  guint                 refresh_source;
};

G_DEFINE_FINAL_TYPE (RushesSpendingWindow, rushes_spending_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GDateTime *
current_time (RushesSpendingWindow *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

static void
clear_rows (RushesSpendingWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_rows (RushesSpendingWindow *self,
          AdwPreferencesGroup  *group,
          GPtrArray            *lines,
          gboolean              providers)
{
  RushesModelCatalog *catalog = rushes_engine_get_catalog (self->engine);

  for (guint i = 0; i < lines->len; i++)
    {
      RushesSpendLine *line = g_ptr_array_index (lines, i);
      g_autofree char *runs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", line->runs),
                                               line->runs);
      g_autofree char *amount = g_strdup_printf (line->estimated ? _("about $%.2f") : "$%.2f", line->total_usd);
      const char *title = line->key;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);

      if (providers && rushes_provider_id_get_name (line->key) != NULL)
        title = rushes_provider_id_get_name (line->key);
      else if (!providers && rushes_model_catalog_lookup (catalog, line->key) != NULL)
        title = rushes_model_get_name (rushes_model_catalog_lookup (catalog, line->key));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), runs);
      gtk_widget_add_css_class (label, "numeric");
      if (line->estimated)
        {
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_tooltip_text (label, _("Partly the catalog's estimate: the provider has not reported every cost yet"));
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* One budget: what its period spent, against it. */
static void
add_budget_row (RushesSpendingWindow *self,
                const char           *title,
                double                limit,
                double                spent,
                gboolean              estimated)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  g_autofree char *subtitle = NULL;

  if (spent > limit + 0.005)
    /* Translators: spent, then the budget, in US dollars */
    subtitle = g_strdup_printf (_("$%.2f of $%.2f: over"), spent, limit);
  else
    /* Translators: spent, the budget, and what is left, in US dollars */
    subtitle = g_strdup_printf (_("$%.2f of $%.2f: $%.2f left"), spent, limit, limit - spent);
  if (estimated)
    {
      g_autofree char *with_note = g_strconcat (subtitle, " · ", _("partly estimated"), NULL);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_note);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (spent / limit, 0, 1));
  /* Near the limit the bar says so, as the composer's cost line does;
   * the level bar's own offsets colour a fuller bar as better. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (bar, "budget-bar");
  if (spent > limit + 0.005)
    gtk_widget_add_css_class (bar, "error");
  else if (spent >= 0.8 * limit)
    gtk_widget_add_css_class (bar, "warning");
  gtk_widget_set_size_request (bar, 160, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_preferences_group_add (self->budget_group, row);
  g_ptr_array_add (self->rows, row);
}

/* Today against the daily budget, this month against the monthly one. */
static void
add_budget_rows (RushesSpendingWindow *self,
                 GDateTime            *now)
{
  RushesLibrary *library = rushes_engine_get_library (self->engine);
  RushesModelCatalog *catalog = rushes_engine_get_catalog (self->engine);
  RushesBudget budget;

  rushes_engine_get_budget (self->engine, &budget);
  gtk_widget_set_visible (GTK_WIDGET (self->budget_group), budget.daily > 0 || budget.monthly > 0);

  if (budget.daily > 0)
    {
      g_autoptr(GDateTime) day = rushes_spend_start_of_day (now, NULL);
      g_autoptr(RushesSpendReport) report = rushes_spend_report_new (G_LIST_MODEL (library), catalog, day, NULL, NULL);
      gboolean estimated;
      double spent = rushes_spend_report_get_total (report, &estimated);

      add_budget_row (self, _("Daily Budget"), budget.daily, spent, estimated);
    }

  if (budget.monthly > 0)
    {
      g_autoptr(GDateTime) month = rushes_spend_start_of_month (now, NULL);
      g_autoptr(RushesSpendReport) report = rushes_spend_report_new (G_LIST_MODEL (library), catalog, month, NULL,
                                                                     NULL);
      gboolean estimated;
      double spent = rushes_spend_report_get_total (report, &estimated);

      add_budget_row (self, _("Monthly Budget"), budget.monthly, spent, estimated);
    }
}

/* The period's first day and its number of days, for the chart. */
static GDateTime *
period_start (RushesSpendingWindow *self,
              GDateTime            *now,
              GPtrArray            *all_days,
              guint                *n_days)
{
  GDateTime *start;

  if (g_str_equal (self->period, "today"))
    {
      *n_days = 1;
      return rushes_spend_start_of_day (now, NULL);
    }
  if (g_str_equal (self->period, "week"))
    {
      *n_days = 7;
      return rushes_spend_start_of_week (now, NULL);
    }
  if (g_str_equal (self->period, "month"))
    {
      g_autoptr(GDateTime) next = NULL;

      start = rushes_spend_start_of_month (now, NULL);
      next = g_date_time_add_months (start, 1);
      *n_days = (guint) (g_date_time_difference (next, start) / G_TIME_SPAN_DAY);
      /* A month with a change of daylight saving time is a day short of an hour. */
      if (g_date_time_difference (next, start) % G_TIME_SPAN_DAY > G_TIME_SPAN_HOUR * 12)
        (*n_days)++;
      return start;
    }

  /* All time: from the first day with a run to today. */
  {
    g_autoptr(GDateTime) today = rushes_spend_start_of_day (now, NULL);
    g_autoptr(GTimeZone) local = g_time_zone_new_local ();
    RushesSpendLine *first = all_days->len > 0 ? g_ptr_array_index (all_days, 0) : NULL;
    int year, month, day;

    if (first == NULL || sscanf (first->key, "%d-%d-%d", &year, &month, &day) != 3)
      {
        *n_days = 1;
        return g_date_time_ref (today);
      }
    start = g_date_time_new (local, year, month, day, 0, 0, 0);
    *n_days = (guint) ((g_date_time_difference (today, start) + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY) + 1;
    return start;
  }
}

static void
refresh (RushesSpendingWindow *self)
{
  g_autoptr(GDateTime) now = current_time (self);
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) first_day = NULL;
  g_autoptr(RushesSpendReport) report = NULL;
  g_autoptr(RushesSpendReport) everything = NULL;
  g_autofree char *total = NULL;
  g_autofree char *summary = NULL;
  RushesLibrary *library = rushes_engine_get_library (self->engine);
  RushesModelCatalog *catalog = rushes_engine_get_catalog (self->engine);
  gboolean estimated;
  guint n_days;
  double amount;

  if (g_str_equal (self->period, "today"))
    since = rushes_spend_start_of_day (now, NULL);
  else if (g_str_equal (self->period, "week"))
    since = rushes_spend_start_of_week (now, NULL);
  else if (g_str_equal (self->period, "month"))
    since = rushes_spend_start_of_month (now, NULL);

  report = rushes_spend_report_new (G_LIST_MODEL (library), catalog, since, NULL, NULL);
  everything = since == NULL ? NULL : rushes_spend_report_new (G_LIST_MODEL (library), catalog, NULL, NULL, NULL);

  clear_rows (self);
  if (rushes_spend_report_get_runs (report) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  amount = rushes_spend_report_get_total (report, &estimated);
  total = g_strdup_printf (estimated ? _("About $%.2f") : "$%.2f", amount);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run sent to a provider", "%u runs sent to providers",
                                          rushes_spend_report_get_runs (report)),
                             rushes_spend_report_get_runs (report));
  if (estimated)
    {
      g_autofree char *with_note = g_strconcat (summary, " · ",
                                                _("part of it is an estimate until the providers report the cost"),
                                                NULL);
      g_free (summary);
      summary = g_steal_pointer (&with_note);
    }
  gtk_label_set_label (self->total_label, total);
  gtk_label_set_label (self->summary_label, summary);

  first_day = period_start (self, now, rushes_spend_report_get_by_day (report), &n_days);
  rushes_spend_chart_set_days (self->chart, first_day, n_days, rushes_spend_report_get_by_day (report));

  add_budget_rows (self, now);
  add_rows (self, self->provider_group, rushes_spend_report_get_by_provider (report), TRUE);
  add_rows (self, self->model_group, rushes_spend_report_get_by_model (report), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static gboolean
refresh_cb (gpointer user_data)
{
  RushesSpendingWindow *self = user_data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* A batch of library changes (a load, rushes-cli) refreshes once. */
static void
library_changed_cb (RushesSpendingWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_cb, self, NULL);
}

static void
rushes_spending_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RushesSpendingWindow *self = RUSHES_SPENDING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_spending_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RushesSpendingWindow *self = RUSHES_SPENDING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      rushes_spending_window_set_period (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_spending_window_dispose (GObject *object)
{
  RushesSpendingWindow *self = RUSHES_SPENDING_WINDOW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->now, g_date_time_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_SPENDING_WINDOW);

  G_OBJECT_CLASS (rushes_spending_window_parent_class)->dispose (object);
}

static void
rushes_spending_window_finalize (GObject *object)
{
  RushesSpendingWindow *self = RUSHES_SPENDING_WINDOW (object);

  g_free (self->period);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (rushes_spending_window_parent_class)->finalize (object);
}

static void
rushes_spending_window_class_init (RushesSpendingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_spending_window_dispose;
  object_class->finalize = rushes_spending_window_finalize;
  object_class->get_property = rushes_spending_window_get_property;
  object_class->set_property = rushes_spending_window_set_property;

  /**
   * RushesSpendingWindow:period:
   *
   * "today", "week", "month" or "all".
   */
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-spending-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, budget_group);
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, provider_group);
  gtk_widget_class_bind_template_child (widget_class, RushesSpendingWindow, model_group);

  gtk_widget_class_install_property_action (widget_class, "spending.period", "period");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (RUSHES_TYPE_SPEND_CHART);
}

static void
rushes_spending_window_init (RushesSpendingWindow *self)
{
  self->rows = g_ptr_array_new ();
  self->period = g_strdup ("month");

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rushes_spending_window_new:
 * @parent: (nullable): the main window
 * @engine: whose library is added up
 *
 * Returns: (transfer floating): a new window, showing this month
 */
RushesSpendingWindow *
rushes_spending_window_new (GtkWindow    *parent,
                            RushesEngine *engine)
{
  RushesSpendingWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RUSHES_IS_ENGINE (engine), NULL);

  self = g_object_new (RUSHES_TYPE_SPENDING_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  g_signal_connect_object (rushes_engine_get_library (engine), "items-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "task-ended", G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  if (rushes_engine_get_settings (engine) != NULL)
    g_signal_connect_object (rushes_engine_get_settings (engine), "changed",
                             G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);

  return self;
}

const char *
rushes_spending_window_get_period (RushesSpendingWindow *self)
{
  g_return_val_if_fail (RUSHES_IS_SPENDING_WINDOW (self), NULL);

  return self->period;
}

/**
 * rushes_spending_window_set_period:
 * @period: "today", "week", "month" or "all"
 */
void
rushes_spending_window_set_period (RushesSpendingWindow *self,
                                   const char           *period)
{
  static const char * const periods[] = { "today", "week", "month", "all", NULL };

  g_return_if_fail (RUSHES_IS_SPENDING_WINDOW (self));
  g_return_if_fail (period != NULL && g_strv_contains (periods, period));

  if (g_str_equal (self->period, period))
    return;

  g_free (self->period);
  self->period = g_strdup (period);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
  if (self->engine != NULL)
    refresh (self);
}

/**
 * rushes_spending_window_set_now:
 * @now: (nullable): the time the periods are counted from (tests); %NULL
 *   for the clock
 */
void
rushes_spending_window_set_now (RushesSpendingWindow *self,
                                GDateTime            *now)
{
  g_return_if_fail (RUSHES_IS_SPENDING_WINDOW (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  if (self->engine != NULL)
    refresh (self);
}
