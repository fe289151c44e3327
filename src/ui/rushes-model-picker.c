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

#define G_LOG_DOMAIN "rushes-model-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "rushes-model-picker.h"
#include "rushes-picker-row.h"

/* The model picker: every model of the catalog, which may hold hundreds
 * once the providers' live listings are in, searched by name, vendor and
 * id and filtered by provider, by what a model starts from and by the
 * user's favourites. Each row shows its provider and its price where one
 * is known; retired and unavailable models stay listed, marked. The
 * provider filter shows what is left on each account.
 *
 * One picker chooses the composer's model (a click chooses and closes);
 * another, with check boxes, the other models a shot also goes to. The
 * list is a GtkListView over "slots": position i of the list shows the
 * i-th model the filters keep, and a key press gives the slots in view
 * their new models instead of removing rows and making new ones (GTK 4.8
 * builds up to 200 rows for a list, and building them again on each key
 * press took several frames). Filtering reads what each model keeps in
 * memory, never a file. */

/* A position of the list: the model shown there now. */
#define RUSHES_TYPE_PICKER_SLOT (rushes_picker_slot_get_type ())
G_DECLARE_FINAL_TYPE (RushesPickerSlot, rushes_picker_slot, RUSHES, PICKER_SLOT, GObject)

struct _RushesPickerSlot
{
  GObject      parent_instance;
  RushesModel *model;
};

G_DEFINE_FINAL_TYPE (RushesPickerSlot, rushes_picker_slot, G_TYPE_OBJECT)

static guint slot_changed_signal;

static void
rushes_picker_slot_finalize (GObject *object)
{
  g_clear_object (&RUSHES_PICKER_SLOT (object)->model);

  G_OBJECT_CLASS (rushes_picker_slot_parent_class)->finalize (object);
}

static void
rushes_picker_slot_class_init (RushesPickerSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rushes_picker_slot_finalize;

  slot_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rushes_picker_slot_init (RushesPickerSlot *self)
{
}

static void
slot_set_model (RushesPickerSlot *slot,
                RushesModel      *model)
{
  if (g_set_object (&slot->model, model))
    g_signal_emit (slot, slot_changed_signal, 0);
}

struct _RushesModelPicker
{
  GtkPopover          parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *provider_dropdown;
  GtkToggleButton    *text_toggle;
  GtkToggleButton    *image_toggle;
  GtkToggleButton    *favourites_toggle;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *status_label;

  /* Owned */
  RushesEngine       *engine;
  GtkStringList      *provider_names;
  GPtrArray          *provider_ids;     /* NULL for "all", then registry order */
  GPtrArray          *sorted;           /* RushesModel: the catalog, in the list's order */
  GPtrArray          *shown;            /* RushesModel: those the filters keep */
  GListStore         *slots;            /* RushesPickerSlot, one per model shown */
  GtkSingleSelection *selection;
  GHashTable         *favourites;       /* model id set */
  GHashTable         *chosen;           /* model → model: multi mode */
  GHashTable         *ready;            /* provider ids with a key; NULL until known */
  GHashTable         *bound;            /* Row set: the rows in view */
  guint               price_source;     /* prices of bound rows, after the frame */
  RushesModel        *current;
  GHashTable         *matches;          /* models the search finds; NULL without a search */
  const char         *provider_id;      /* the provider filter, or NULL */

  gboolean            multiple;
  guint               syncing_providers : 1;
};

G_DEFINE_FINAL_TYPE (RushesModelPicker, rushes_model_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_MULTIPLE,
  N_PROPS
};

enum {
  MODEL_CHOSEN,
  CHOSEN_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Search ------------------------------------------------------------------ */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RushesModelPicker *self = user_data;
  RushesModel *model = item;
  gboolean text = gtk_toggle_button_get_active (self->text_toggle);
  gboolean image = gtk_toggle_button_get_active (self->image_toggle);

  if (self->provider_id != NULL && g_strcmp0 (rushes_model_get_provider_id (model), self->provider_id) != 0)
    return FALSE;
  if (gtk_toggle_button_get_active (self->favourites_toggle) &&
      !g_hash_table_contains (self->favourites, rushes_model_get_id (model)))
    return FALSE;
  /* One of the two alone narrows; both, or neither, show every model. */
  if (text != image &&
      !rushes_model_supports_mode (model, text ? RUSHES_GENERATION_MODE_TEXT_TO_VIDEO
                                                : RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO))
    return FALSE;

  return self->matches == NULL || g_hash_table_contains (self->matches, model);
}

static guint
provider_rank (const char *provider_id)
{
  const char * const *ids = rushes_provider_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], provider_id))
      return i;

  return G_MAXUINT;
}

/* Favourites first and retired models last; providers in registry
 * order; otherwise the catalog's own order (the sort is stable). */
static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  RushesModelPicker *self = user_data;
  RushesModel *ma = *(RushesModel * const *) a;
  RushesModel *mb = *(RushesModel * const *) b;
  gboolean fa = g_hash_table_contains (self->favourites, rushes_model_get_id (ma));
  gboolean fb = g_hash_table_contains (self->favourites, rushes_model_get_id (mb));
  guint ra, rb;

  if (fa != fb)
    return fa ? -1 : 1;

  if (rushes_model_get_retired (ma) != rushes_model_get_retired (mb))
    return rushes_model_get_retired (ma) ? 1 : -1;

  ra = provider_rank (rushes_model_get_provider_id (ma));
  rb = provider_rank (rushes_model_get_provider_id (mb));
  if (ra != rb)
    return ra < rb ? -1 : 1;

  return 0;
}

/* "3 hours ago", for when the providers' listings were read. */
static char *
format_age (GTimeSpan age)
{
  gint64 minutes = age / G_TIME_SPAN_MINUTE;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute ago", "%u minutes ago", (gulong) minutes),
                            (guint) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour ago", "%u hours ago", (gulong) (minutes / 60)),
                            (guint) (minutes / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day ago", "%u days ago", (gulong) (minutes / 1440)),
                          (guint) (minutes / 1440));
}

/* How many models show, when the live listings were read, and why the
 * last refresh could not read one: a note, never a dialog. */
static void
update_shown (RushesModelPicker *self)
{
  guint n = self->shown->len;
  guint total = g_list_model_get_n_items (G_LIST_MODEL (rushes_engine_get_catalog (self->engine)));
  GPtrArray *results = rushes_engine_get_catalog_refresh_results (self->engine);
  GTimeSpan age = rushes_engine_get_catalog_age (self->engine);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) problems = g_string_new (NULL);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  if (n == total)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%'u model", "%'u models", total), total);
  else
    /* Translators: how many models the filters show, of how many */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%'u of %'u model", "%'u of %'u models", total),
                            n, total);

  if (rushes_engine_get_catalog_refreshing (self->engine))
    /* Translators: after the count of models */
    g_string_append (text, _(" · reading the providers' models…"));
  else if (age >= 0)
    {
      g_autofree char *when = format_age (age);

      /* Translators: after the count of models; %s is "3 hours ago" */
      g_string_append_printf (text, _(" · listed %s"), when);
    }

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      RushesCatalogRefresh *result = g_ptr_array_index (results, i);

      if (result->error == NULL)
        continue;
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      /* Translators: a provider's name, then why its models could not be read */
      g_string_append_printf (problems, _("%s: %s"), rushes_provider_id_get_name (result->provider_id),
                              result->error->message);
    }
  if (problems->len > 0)
    /* Translators: after the count of models, when a provider's listing could not be read */
    g_string_append (text, _(" · a listing could not be read"));

  gtk_label_set_label (self->status_label, text->str);
  /* Setting a tooltip costs a round trip to the display: only on a change. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->status_label)),
                 problems->len > 0 ? problems->str : NULL) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), problems->len > 0 ? problems->str : NULL);
}

/* The catalog's own search: every word in the name, vendor, id or
 * provider, whatever the case and accents. */
static void
run_search (RushesModelPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GPtrArray) found = NULL;

  g_clear_pointer (&self->matches, g_hash_table_unref);
  if (*stripped == '\0')
    return;

  found = rushes_model_catalog_search (rushes_engine_get_catalog (self->engine), text, RUSHES_MODEL_SEARCH_NONE);
  self->matches = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (self->matches, g_object_ref (g_ptr_array_index (found, i)));
}

/* The models the filters keep, into the slots: the slots in both lists
 * get their new model, and only the ones beyond change the list. */
static void
refilter (RushesModelPicker *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_slots = g_list_model_get_n_items (G_LIST_MODEL (self->slots));

  for (guint i = 0; i < self->sorted->len; i++)
    if (filter_func (g_ptr_array_index (self->sorted, i), self))
      g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (self->sorted, i)));

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = g_steal_pointer (&shown);

  for (guint i = 0; i < MIN (n_slots, self->shown->len); i++)
    {
      g_autoptr(RushesPickerSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->slots), i);

      slot_set_model (slot, g_ptr_array_index (self->shown, i));
    }

  if (self->shown->len > n_slots)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_slots; i < self->shown->len; i++)
        {
          RushesPickerSlot *slot = g_object_new (RUSHES_TYPE_PICKER_SLOT, NULL);

          slot->model = g_object_ref (g_ptr_array_index (self->shown, i));
          g_ptr_array_add (added, slot);
        }
      g_list_store_splice (self->slots, n_slots, 0, added->pdata, added->len);
    }
  else if (self->shown->len < n_slots)
    g_list_store_splice (self->slots, self->shown->len, n_slots - self->shown->len, NULL, 0);

  update_shown (self);
}

/* The catalog in the list's order, then filtered again. */
static void
resort (RushesModelPicker *self)
{
  GListModel *catalog = G_LIST_MODEL (rushes_engine_get_catalog (self->engine));

  g_ptr_array_set_size (self->sorted, 0);
  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    g_ptr_array_add (self->sorted, g_list_model_get_item (catalog, i));
  /* Stable: the catalog's order stays within each group. */
  g_ptr_array_sort_with_data (self->sorted, sort_func, self);

  refilter (self);
}

static void
search_changed_cb (RushesModelPicker *self)
{
  run_search (self);
  refilter (self);
}

static void
filters_changed_cb (RushesModelPicker *self)
{
  refilter (self);
}

static void
provider_changed_cb (RushesModelPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->provider_dropdown);

  if (self->syncing_providers)
    return;

  self->provider_id = selected < self->provider_ids->len ? g_ptr_array_index (self->provider_ids, selected) : NULL;
  filters_changed_cb (self);
}

/* Providers and balances ------------------------------------------------- */

/* Each provider with what is left on its account, where it says. */
static void
sync_providers (RushesModelPicker *self)
{
  RushesBalances *balances = rushes_engine_get_balances (self->engine);
  guint selected = gtk_drop_down_get_selected (self->provider_dropdown);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All Providers"));
  for (guint i = 1; i < self->provider_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->provider_ids, i);
      const RushesBalance *balance = rushes_balances_lookup (balances, id);
      g_autofree char *text = NULL;

      if (balance != NULL)
        {
          g_autofree char *amount = rushes_balance_format (balance);

          /* Translators: a provider's name, then its balance or why it has none */
          text = g_strdup_printf (_("%s · %s"), rushes_provider_id_get_name (id), amount);
        }
      else if (self->ready != NULL && rushes_provider_id_needs_key (id) && !g_hash_table_contains (self->ready, id))
        /* Translators: a provider's name */
        text = g_strdup_printf (_("%s · no key"), rushes_provider_id_get_name (id));
      else
        text = g_strdup (rushes_provider_id_get_name (id));

      gtk_string_list_append (names, text);
    }

  self->syncing_providers = TRUE;
  gtk_drop_down_set_model (self->provider_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->provider_dropdown, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  self->syncing_providers = FALSE;
}

/* Rows -------------------------------------------------------------------- */

typedef struct
{
  RushesModel      *model;   /* bound, borrowed */
  RushesPickerSlot *slot;    /* bound, borrowed */
  gulong            changed_id;
  RushesPickerRow  *widget;
} Row;

/* A model starred or not, kept in GSettings */
static void
set_favourite (RushesModelPicker *self,
               RushesModel       *model,
               gboolean           active)
{
  GSettings *settings = rushes_engine_get_settings (self->engine);

  if (active == g_hash_table_contains (self->favourites, rushes_model_get_id (model)))
    return;

  if (active)
    g_hash_table_add (self->favourites, g_strdup (rushes_model_get_id (model)));
  else
    g_hash_table_remove (self->favourites, rushes_model_get_id (model));

  if (settings != NULL)
    {
      g_autofree const char **ids = (const char **) g_hash_table_get_keys_as_array (self->favourites, NULL);

      g_settings_set_strv (settings, "favourite-models", ids);
    }

  /* The list is not sorted again under the pointer: at the next opening. */
  if (gtk_toggle_button_get_active (self->favourites_toggle))
    filters_changed_cb (self);
}

/* A model checked or unchecked in a picker of several */
static void
set_checked (RushesModelPicker *self,
             RushesModel       *model,
             gboolean           active)
{
  if (active == g_hash_table_contains (self->chosen, model))
    return;

  if (active)
    g_hash_table_add (self->chosen, g_object_ref (model));
  else
    g_hash_table_remove (self->chosen, model);

  g_signal_emit (self, signals[CHOSEN_CHANGED], 0);
}

static void
row_toggled_cb (RushesPickerRow     *widget,
                RushesPickerRowPart  part,
                Row                 *row)
{
  RushesModelPicker *self = g_object_get_data (G_OBJECT (widget), "rushes-picker");

  if (self == NULL || row->model == NULL)
    return;

  if (part == RUSHES_PICKER_ROW_PART_STAR)
    set_favourite (self, row->model, rushes_picker_row_get_favourite (widget));
  else
    set_checked (self, row->model, rushes_picker_row_get_checked (widget));
}

/* A row's tooltip is made when it shows: setting one on each bound row
 * would cost a round trip to the display per row and key press. It says
 * what the model is, why it is marked, and where its price comes from. */
static gboolean
row_query_tooltip_cb (GtkWidget  *box,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      Row        *row)
{
  RushesModelPicker *self = g_object_get_data (G_OBJECT (row->widget), "rushes-picker");
  RushesModel *model = row->model;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *parts[3] = { NULL, NULL, NULL };

  if (model == NULL || self == NULL)
    return FALSE;

  switch (keyboard ? RUSHES_PICKER_ROW_PART_NONE : rushes_picker_row_pick_part (row->widget, x, y))
    {
    case RUSHES_PICKER_ROW_PART_STAR:
      gtk_tooltip_set_text (tooltip, rushes_picker_row_get_favourite (row->widget)
                                       ? _("A Favourite: Listed First (Ctrl+D)")
                                       : _("Make It a Favourite (Ctrl+D)"));
      return TRUE;
    case RUSHES_PICKER_ROW_PART_CHECK:
      gtk_tooltip_set_text (tooltip, _("Also Send to This Model"));
      return TRUE;
    case RUSHES_PICKER_ROW_PART_NONE:
    default:
      break;
    }

  parts[0] = rushes_model_get_description (model);
  if (rushes_model_get_retired (model))
    parts[1] = rushes_model_get_retired_note (model);
  else if (!rushes_model_get_available (model))
    parts[1] = rushes_model_get_unavailable_reason (model);
  else if (self->ready != NULL && rushes_provider_id_needs_key (rushes_model_get_provider_id (model)) &&
           !g_hash_table_contains (self->ready, rushes_model_get_provider_id (model)))
    parts[1] = _("Add the provider's key in Preferences");
  parts[2] = rushes_model_get_price_note (model);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, parts[i]);
    }

  if (text->len == 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          RushesModelPicker        *self)
{
  Row *row = g_new0 (Row, 1);

  row->widget = RUSHES_PICKER_ROW (rushes_picker_row_new (self->multiple));
  g_signal_connect (row->widget, "toggled", G_CALLBACK (row_toggled_cb), row);

  gtk_widget_set_has_tooltip (GTK_WIDGET (row->widget), TRUE);
  g_signal_connect (row->widget, "query-tooltip", G_CALLBACK (row_query_tooltip_cb), row);
  g_object_set_data_full (G_OBJECT (item), "rushes-row", row, g_free);
  gtk_list_item_set_child (item, GTK_WIDGET (row->widget));
}

/* The price for the model's defaults, as the composer would first show
 * it: worked out once per model, not at each bind. */
static GQuark
price_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("rushes-picker-price");

  return quark;
}

static const char *
work_out_price (RushesModel *model)
{
  char *text = g_object_get_qdata (G_OBJECT (model), price_quark ());

  if (text == NULL)
    {
      g_autoptr(RushesGenerationParams) defaults = rushes_generation_params_new ();
      double cost;

      if (!rushes_model_estimate_cost (model, defaults, &cost))
        text = g_strdup ("");
      else if (cost <= 0)
        text = g_strdup (_("Free"));
      else
        text = g_strdup_printf ("$%.2f", cost);
      g_object_set_qdata_full (G_OBJECT (model), price_quark (), text, g_free);
    }

  return *text != '\0' ? text : NULL;
}

static gboolean
has_price (RushesModel *model)
{
  return g_object_get_qdata (G_OBJECT (model), price_quark ()) != NULL;
}

static void bind_row (RushesModelPicker *self,
                      Row               *row,
                      RushesModel       *model);

/* The prices of the rows in view whose models' entries were not read yet
 * (a cached live listing is read model by model, when first needed):
 * after the frame that shows the rows, a few milliseconds at a time, so
 * that a search that brings in new rows is not held up by reading them. */
static gboolean
price_rows_cb (gpointer user_data)
{
  RushesModelPicker *self = user_data;
  gint64 start = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      RushesModel *model = ((Row *) row)->model;

      if (model == NULL || has_price (model))
        continue;

      work_out_price (model);
      bind_row (self, row, model);
      if (g_get_monotonic_time () - start > 4 * G_TIME_SPAN_MILLISECOND)
        return G_SOURCE_CONTINUE;
    }

  self->price_source = 0;
  return G_SOURCE_REMOVE;
}

/* The price now when the model's entry is read, else after the frame. */
static const char *
get_price (RushesModelPicker *self,
           RushesModel       *model)
{
  if (has_price (model) || rushes_model_get_loaded (model))
    return work_out_price (model);

  if (self->price_source == 0)
    {
      self->price_source = g_idle_add_full (G_PRIORITY_LOW, price_rows_cb, self, NULL);
      g_source_set_name_by_id (self->price_source, "[rushes] picker prices");
    }
  return NULL;
}

static void
bind_row (RushesModelPicker *self,
          Row               *row,
          RushesModel       *model)
{
  const char *provider_id = rushes_model_get_provider_id (model);
  const char *id = rushes_model_get_id (model);
  const char *tag = NULL;
  gboolean favourite = g_hash_table_contains (self->favourites, id);
  g_autofree char *detail = NULL;

  row->model = model;

  /* Translators: a provider's name, then the model's id at that provider */
  detail = g_strdup_printf (_("%s · %s"), rushes_provider_id_get_name (provider_id),
                            g_str_has_prefix (id, provider_id) && id[strlen (provider_id)] == '/'
                              ? id + strlen (provider_id) + 1 : id);

  if (rushes_model_get_retired (model))
    tag = _("Retired");
  else if (!rushes_model_peek_available (model))
    tag = _("Unavailable");
  else if (self->ready != NULL && rushes_provider_id_needs_key (provider_id) &&
           !g_hash_table_contains (self->ready, provider_id))
    tag = _("No Key");

  rushes_picker_row_set (row->widget, rushes_model_get_name (model), detail, get_price (self, model), tag,
                         !self->multiple && model == self->current);

  rushes_picker_row_set_favourite (row->widget, favourite);
  if (self->multiple)
    rushes_picker_row_set_checked (row->widget, g_hash_table_contains (self->chosen, model));
}

static void
slot_changed_cb (RushesPickerSlot *slot,
                 Row              *row)
{
  RushesModelPicker *self = g_object_get_data (G_OBJECT (row->widget), "rushes-picker");

  bind_row (self, row, slot->model);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         RushesModelPicker        *self)
{
  Row *row = g_object_get_data (G_OBJECT (item), "rushes-row");
  RushesPickerSlot *slot = gtk_list_item_get_item (item);

  row->slot = slot;
  row->changed_id = g_signal_connect (slot, "changed", G_CALLBACK (slot_changed_cb), row);
  g_object_set_data (G_OBJECT (row->widget), "rushes-picker", self);
  bind_row (self, row, slot->model);
  g_hash_table_add (self->bound, row);
}

/* The rows in view show a change that leaves the list as it is. */
static void
sync_bound_rows (RushesModelPicker *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    bind_row (self, row, ((Row *) row)->model);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RushesModelPicker        *self)
{
  Row *row = g_object_get_data (G_OBJECT (item), "rushes-row");

  g_hash_table_remove (self->bound, row);
  g_clear_signal_handler (&row->changed_id, row->slot);
  row->slot = NULL;
  row->model = NULL;
}

static Row *
find_bound_row (RushesModelPicker *self,
                RushesModel       *model)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (((Row *) row)->model == model)
      return row;

  return NULL;
}

/* Choosing ---------------------------------------------------------------- */

static void
choose (RushesModelPicker *self,
        RushesModel       *model)
{
  if (self->multiple)
    {
      Row *row = find_bound_row (self, model);
      gboolean chosen = !g_hash_table_contains (self->chosen, model);

      if (row != NULL)
        rushes_picker_row_set_checked (row->widget, chosen);
      set_checked (self, model, chosen);
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[MODEL_CHOSEN], 0, model);
}

static void
activate_cb (RushesModelPicker *self,
             guint              position)
{
  g_autoptr(RushesPickerSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (slot != NULL && slot->model != NULL)
    choose (self, slot->model);
}

/* Enter in the search chooses the first model shown. */
static void
search_activate_cb (RushesModelPicker *self)
{
  if (self->shown->len > 0)
    choose (self, g_ptr_array_index (self->shown, 0));
}

/* Down from the search goes to the list. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       RushesModelPicker     *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

/* Ctrl+D stars or unstars the model of the row with the keyboard focus. */
static void
toggle_favourite_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RushesModelPicker *self = RUSHES_MODEL_PICKER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GHashTableIter iter;
  gpointer row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      RushesPickerRow *row_widget = ((Row *) row)->widget;

      if (((Row *) row)->model == NULL ||
          (focus != GTK_WIDGET (row_widget) && !gtk_widget_is_ancestor (GTK_WIDGET (row_widget), focus)))
        continue;

      rushes_picker_row_set_favourite (row_widget, !rushes_picker_row_get_favourite (row_widget));
      set_favourite (self, ((Row *) row)->model, rushes_picker_row_get_favourite (row_widget));
      return;
    }
}

/* The providers' models and balances, read again on demand. */
static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RushesModelPicker *self = RUSHES_MODEL_PICKER (widget);

  rushes_engine_refresh_catalog (self->engine);
  rushes_balances_refresh (rushes_engine_get_balances (self->engine));
}

static void
refreshing_changed_cb (RushesModelPicker *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.refresh",
                                 !rushes_engine_get_catalog_refreshing (self->engine) &&
                                 !rushes_balances_get_refreshing (rushes_engine_get_balances (self->engine)));
  update_shown (self);
}

/* A refreshed catalog has other models: the search runs again on them. */
static void
catalog_changed_cb (RushesModelPicker *self)
{
  if (self->matches != NULL)
    run_search (self);
  resort (self);
}

/* Opening sorts again (favourites starred last time come first), and
 * reads the providers' models if they were never read or a day ago. */
static void
show_cb (RushesModelPicker *self)
{
  GTimeSpan age = rushes_engine_get_catalog_age (self->engine);

  resort (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  if (age < 0 || age >= 24 * G_TIME_SPAN_HOUR)
    rushes_engine_refresh_catalog (self->engine);
  update_shown (self);
}

static void
load_favourites (RushesModelPicker *self)
{
  GSettings *settings = rushes_engine_get_settings (self->engine);
  g_auto(GStrv) ids = settings != NULL ? g_settings_get_strv (settings, "favourite-models") : NULL;

  g_hash_table_remove_all (self->favourites);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_hash_table_add (self->favourites, g_strdup (ids[i]));
}

/* GObject ----------------------------------------------------------------- */

static void
rushes_model_picker_constructed (GObject *object)
{
  RushesModelPicker *self = RUSHES_MODEL_PICKER (object);
  GListModel *catalog = G_LIST_MODEL (rushes_engine_get_catalog (self->engine));
  const char * const *ids = rushes_provider_list_ids ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  G_OBJECT_CLASS (rushes_model_picker_parent_class)->constructed (object);

  g_ptr_array_add (self->provider_ids, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (self->provider_ids, (gpointer) ids[i]);
  sync_providers (self);
  load_favourites (self);

  self->slots = g_list_store_new (RUSHES_TYPE_PICKER_SLOT);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);
  rushes_picker_row_serve_list (GTK_WIDGET (self->list_view));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->provider_dropdown, "notify::selected", G_CALLBACK (provider_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_toggle, "toggled", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_toggle, "toggled", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->favourites_toggle, "toggled", G_CALLBACK (filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (rushes_engine_get_balances (self->engine), "changed", G_CALLBACK (sync_providers), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (rushes_engine_get_balances (self->engine), "notify::refreshing",
                           G_CALLBACK (refreshing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::catalog-refreshing",
                           G_CALLBACK (refreshing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (catalog, "items-changed", G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "show", G_CALLBACK (show_cb), NULL);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  resort (self);
  refreshing_changed_cb (self);
}

static void
rushes_model_picker_dispose (GObject *object)
{
  RushesModelPicker *self = RUSHES_MODEL_PICKER (object);

  g_clear_handle_id (&self->price_source, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_MODEL_PICKER);

  G_OBJECT_CLASS (rushes_model_picker_parent_class)->dispose (object);
}

static void
rushes_model_picker_finalize (GObject *object)
{
  RushesModelPicker *self = RUSHES_MODEL_PICKER (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->current);
  g_clear_pointer (&self->provider_ids, g_ptr_array_unref);
  g_clear_pointer (&self->favourites, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->ready, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_model_picker_parent_class)->finalize (object);
}

static void
rushes_model_picker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RushesModelPicker *self = RUSHES_MODEL_PICKER (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;

    case PROP_MULTIPLE:
      self->multiple = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_model_picker_class_init (RushesModelPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rushes_model_picker_constructed;
  object_class->dispose = rushes_model_picker_dispose;
  object_class->finalize = rushes_model_picker_finalize;
  object_class->set_property = rushes_model_picker_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, RUSHES_TYPE_ENGINE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MULTIPLE] =
    g_param_spec_boolean ("multiple", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesModelPicker::model-chosen:
   * @model: the model clicked
   *
   * A picker of one model was used; it closes.
   */
  signals[MODEL_CHOSEN] =
    g_signal_new ("model-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RUSHES_TYPE_MODEL);

  /**
   * RushesModelPicker::chosen-changed:
   *
   * A model was checked or unchecked in a picker of several.
   */
  signals[CHOSEN_CHANGED] =
    g_signal_new ("chosen-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-model-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, provider_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, text_toggle);
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, image_toggle);
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, favourites_toggle);
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, RushesModelPicker, status_label);

  gtk_widget_class_install_action (widget_class, "picker.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "picker.toggle-favourite", NULL, toggle_favourite_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "picker.toggle-favourite", NULL);
}

static void
rushes_model_picker_init (RushesModelPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->provider_ids = g_ptr_array_new ();
  self->favourites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->chosen = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->bound = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->sorted = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public ------------------------------------------------------------------ */

/**
 * rushes_model_picker_new:
 * @engine: whose catalog, balances and settings (favourites) it shows
 * @multiple: check boxes to choose several models, instead of a click
 *   choosing one
 *
 * Returns: (transfer full): a new picker
 */
RushesModelPicker *
rushes_model_picker_new (RushesEngine *engine,
                         gboolean      multiple)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (engine), NULL);

  return g_object_new (RUSHES_TYPE_MODEL_PICKER, "engine", engine, "multiple", multiple, NULL);
}

/**
 * rushes_model_picker_set_current:
 * @model: (nullable): the model the composer has now, marked in the list
 */
void
rushes_model_picker_set_current (RushesModelPicker *self,
                                 RushesModel       *model)
{
  g_return_if_fail (RUSHES_IS_MODEL_PICKER (self));

  g_return_if_fail (!model || RUSHES_IS_MODEL (model));

  g_set_object (&self->current, model);
  sync_bound_rows (self);
}

/**
 * rushes_model_picker_set_chosen:
 * @models: (element-type RushesModel): the models checked
 */
void
rushes_model_picker_set_chosen (RushesModelPicker *self,
                                GPtrArray         *models)
{
  g_return_if_fail (RUSHES_IS_MODEL_PICKER (self));

  g_hash_table_remove_all (self->chosen);
  for (guint i = 0; models != NULL && i < models->len; i++)
    g_hash_table_add (self->chosen, g_object_ref (g_ptr_array_index (models, i)));
  sync_bound_rows (self);
}

/**
 * rushes_model_picker_dup_chosen:
 *
 * Returns: (transfer full) (element-type RushesModel): the models checked,
 *   in catalog order
 */
GPtrArray *
rushes_model_picker_dup_chosen (RushesModelPicker *self)
{
  GListModel *catalog;
  GPtrArray *models;

  g_return_val_if_fail (RUSHES_IS_MODEL_PICKER (self), NULL);

  catalog = G_LIST_MODEL (rushes_engine_get_catalog (self->engine));
  models = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (catalog) && g_hash_table_size (self->chosen) > models->len; i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (catalog, i);

      if (g_hash_table_contains (self->chosen, model))
        g_ptr_array_add (models, g_steal_pointer (&model));
    }

  return models;
}

/**
 * rushes_model_picker_set_ready_providers:
 * @provider_ids: (array zero-terminated=1): the providers with a key
 *
 * Models of other providers are marked: they need a key first.
 */
void
rushes_model_picker_set_ready_providers (RushesModelPicker  *self,
                                         const char * const *provider_ids)
{
  g_return_if_fail (RUSHES_IS_MODEL_PICKER (self));

  g_clear_pointer (&self->ready, g_hash_table_unref);
  self->ready = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; provider_ids != NULL && provider_ids[i] != NULL; i++)
    g_hash_table_add (self->ready, g_strdup (provider_ids[i]));

  sync_providers (self);
  sync_bound_rows (self);
}

/**
 * rushes_model_picker_set_search_text:
 *
 * Types @text in the search, as the user would.
 */
void
rushes_model_picker_set_search_text (RushesModelPicker *self,
                                     const char        *text)
{
  g_return_if_fail (RUSHES_IS_MODEL_PICKER (self));

  /* Replacing the text empties the entry for a moment, which a search
   * entry reports at once: that would list every model in between. The
   * entry also waits a moment before it says; the benchmark and the tests
   * do not. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  search_changed_cb (self);
}

/**
 * rushes_model_picker_get_n_shown:
 *
 * Returns: how many models the list shows
 */
guint
rushes_model_picker_get_n_shown (RushesModelPicker *self)
{
  g_return_val_if_fail (RUSHES_IS_MODEL_PICKER (self), 0);

  return self->shown->len;
}

/**
 * rushes_model_picker_get_shown:
 * @position: a row of the list
 *
 * Returns: (transfer none) (nullable): the model the list shows there
 */
RushesModel *
rushes_model_picker_get_shown (RushesModelPicker *self,
                               guint              position)
{
  g_return_val_if_fail (RUSHES_IS_MODEL_PICKER (self), NULL);

  return position < self->shown->len ? g_ptr_array_index (self->shown, position) : NULL;
}
