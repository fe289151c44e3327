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

#define G_LOG_DOMAIN "test-model-picker"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rushes-providers.h"
#include "rushes-fake-provider.h"
#include "rushes-model-picker.h"
#include "rushes-picker-row.h"
#include "rushes-test-catalog.h"
#include "rushes-test-async.h"
#include "rushes-test-utils.h"

typedef struct
{
  RushesEngine      *engine;
  RushesModelPicker *picker;
  GtkWidget         *window;
  guint              chosen_signals;
  RushesModel       *chosen;
} Fixture;

static void
fixture_set_up_picker (Fixture  *fixture,
                       gboolean  multiple)
{
  GtkWidget *button;

  rushes_test_start_gtk ();
  fixture->picker = g_object_ref_sink (rushes_model_picker_new (fixture->engine, multiple));

  /* A popover shows from a button in a window, as in the composer. */
  fixture->window = gtk_window_new ();
  button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (fixture->picker));
  gtk_window_set_child (GTK_WINDOW (fixture->window), button);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(GSettings) settings = rushes_engine_new_settings ();

  g_assert_nonnull (settings);
  fixture->engine = rushes_engine_new (NULL, secrets, settings);
  fixture_set_up_picker (fixture, GPOINTER_TO_INT (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->chosen);
  gtk_popover_popdown (GTK_POPOVER (fixture->picker));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->picker);
  g_assert_finalize_object (fixture->engine);
}

static GPtrArray *
shown_ids (Fixture *fixture)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rushes_model_picker_get_n_shown (fixture->picker); i++)
    g_ptr_array_add (ids, g_strdup (rushes_model_get_id (rushes_model_picker_get_shown (fixture->picker, i))));

  return ids;
}

static gboolean
shows (Fixture    *fixture,
       const char *id)
{
  g_autoptr(GPtrArray) ids = shown_ids (fixture);

  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static GObject *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->picker), RUSHES_TYPE_MODEL_PICKER, name);

  g_assert_nonnull (object);
  return object;
}

/* Every model of the catalog, current ones first. */
static void
test_lists_catalog (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *catalog = G_LIST_MODEL (rushes_engine_get_catalog (fixture->engine));
  gboolean retired_seen = FALSE;

  g_assert_cmpuint (rushes_model_picker_get_n_shown (fixture->picker), ==, g_list_model_get_n_items (catalog));
  for (guint i = 0; i < rushes_model_picker_get_n_shown (fixture->picker); i++)
    {
      RushesModel *model = rushes_model_picker_get_shown (fixture->picker, i);

      if (rushes_model_get_retired (model))
        retired_seen = TRUE;
      else
        g_assert_false (retired_seen);
    }
  g_assert_true (retired_seen);
}

/* Every word, in any case and with or without accents, in the name, the
 * id or the provider. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = NULL;

  rushes_model_picker_set_search_text (fixture->picker, "veo");
  ids = shown_ids (fixture);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_true (shows (fixture, "wavespeed/google/veo3.1-fast"));
  g_assert_true (shows (fixture, "apixo/veo-3-1"));
  g_assert_true (shows (fixture, "wiro/google/veo3-1"));
  g_assert_true (shows (fixture, "wiro/google/veo3-1-fast"));

  rushes_model_picker_set_search_text (fixture->picker, "VÉO  fast");
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = shown_ids (fixture);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (shows (fixture, "wavespeed/google/veo3.1-fast"));
  g_assert_true (shows (fixture, "wiro/google/veo3-1-fast"));

  /* A provider's name. */
  rushes_model_picker_set_search_text (fixture->picker, "apixo kling");
  g_assert_true (shows (fixture, "apixo/kling-2-6"));
  g_assert_false (shows (fixture, "wavespeed/kwaivgi/kling-v3.0-pro"));

  rushes_model_picker_set_search_text (fixture->picker, "no such model");
  g_assert_cmpuint (rushes_model_picker_get_n_shown (fixture->picker), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, "empty");

  rushes_model_picker_set_search_text (fixture->picker, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, "list");
}

/* The provider, and what a model starts from. */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  GtkDropDown *providers = GTK_DROP_DOWN (child (fixture, "provider_dropdown"));
  const char * const *ids = rushes_provider_list_ids ();
  guint apixo = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], "apixo"))
      apixo = i + 1;
  g_assert_cmpuint (apixo, >, 0);

  gtk_drop_down_set_selected (providers, apixo);
  g_assert_cmpuint (rushes_model_picker_get_n_shown (fixture->picker), >, 0);
  for (guint i = 0; i < rushes_model_picker_get_n_shown (fixture->picker); i++)
    {
      RushesModel *model = rushes_model_picker_get_shown (fixture->picker, i);

      g_assert_cmpstr (rushes_model_get_provider_id (model), ==, "apixo");
    }
  gtk_drop_down_set_selected (providers, 0);

  /* WaveSpeed's first Sora makes videos from a prompt only. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "image_toggle")), TRUE);
  g_assert_false (shows (fixture, "wavespeed/openai/sora"));
  g_assert_true (shows (fixture, "sandbox/preview"));
  for (guint i = 0; i < rushes_model_picker_get_n_shown (fixture->picker); i++)
    {
      RushesModel *model = rushes_model_picker_get_shown (fixture->picker, i);

      g_assert_true (rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO));
    }

  /* Both: every model again. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "text_toggle")), TRUE);
  g_assert_true (shows (fixture, "wavespeed/openai/sora"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "image_toggle")), FALSE);
  g_assert_true (shows (fixture, "wavespeed/openai/sora"));
}

/* Favourites are kept in the settings and come first. */
static void
test_favourites (Fixture       *fixture,
                 gconstpointer  data)
{
  GSettings *settings = rushes_engine_get_settings (fixture->engine);
  const char *favourites[] = { "apixo/hailuo-2-3", NULL };
  g_autoptr(RushesModelPicker) other = NULL;
  RushesModel *first;

  g_settings_set_strv (settings, "favourite-models", favourites);
  other = g_object_ref_sink (rushes_model_picker_new (fixture->engine, FALSE));
  first = rushes_model_picker_get_shown (other, 0);
  g_assert_cmpstr (rushes_model_get_id (first), ==, "apixo/hailuo-2-3");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (other),
                                                                                  RUSHES_TYPE_MODEL_PICKER,
                                                                                  "favourites_toggle")),
                                TRUE);
  g_assert_cmpuint (rushes_model_picker_get_n_shown (other), ==, 1);
  g_settings_reset (settings, "favourite-models");
}

static void
model_chosen_cb (RushesModelPicker *picker,
                 RushesModel       *model,
                 Fixture           *fixture)
{
  fixture->chosen_signals++;
  g_set_object (&fixture->chosen, model);
}

/* A click chooses one model; Enter in the search, the first shown. */
static void
test_choose_one (Fixture       *fixture,
                 gconstpointer  data)
{
  g_signal_connect (fixture->picker, "model-chosen", G_CALLBACK (model_chosen_cb), fixture);

  rushes_model_picker_set_search_text (fixture->picker, "apixo hailuo");
  g_signal_emit_by_name (child (fixture, "search_entry"), "activate");
  g_assert_cmpuint (fixture->chosen_signals, ==, 1);
  g_assert_cmpstr (rushes_model_get_id (fixture->chosen), ==, "apixo/hailuo-2-3");

  rushes_model_picker_set_search_text (fixture->picker, "seedance");
  g_signal_emit_by_name (child (fixture, "list_view"), "activate", 1);
  g_assert_cmpuint (fixture->chosen_signals, ==, 2);
  g_assert_true (g_str_has_suffix (rushes_model_get_id (fixture->chosen), "seedance-1-5-pro") ||
                 g_str_has_suffix (rushes_model_get_id (fixture->chosen), "seedance-v1.5-pro") ||
                 g_str_has_suffix (rushes_model_get_id (fixture->chosen), "seedance-pro-v1-5"));
}

/* With check boxes: a click checks and unchecks, and nothing closes. */
static void
test_choose_several (Fixture       *fixture,
                     gconstpointer  data)
{
  RushesModelCatalog *catalog = rushes_engine_get_catalog (fixture->engine);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = NULL;

  g_ptr_array_add (chosen, rushes_model_catalog_lookup (catalog, "apixo/veo-3-1"));
  rushes_model_picker_set_chosen (fixture->picker, chosen);

  rushes_model_picker_set_search_text (fixture->picker, "wan");
  g_signal_emit_by_name (child (fixture, "list_view"), "activate", 0);
  after = rushes_model_picker_dup_chosen (fixture->picker);
  g_assert_cmpuint (after->len, ==, 2);
  g_clear_pointer (&after, g_ptr_array_unref);

  g_signal_emit_by_name (child (fixture, "list_view"), "activate", 0);
  after = rushes_model_picker_dup_chosen (fixture->picker);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (rushes_model_get_id (g_ptr_array_index (after, 0)), ==, "apixo/veo-3-1");
}

/* The picker shown from its button, its rows laid out */
static GPtrArray *
pop_up (Fixture *fixture)
{
  GtkWidget *button = gtk_window_get_child (GTK_WINDOW (fixture->window));
  GPtrArray *rows;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  rushes_test_wait_for_frames (GTK_WIDGET (fixture->picker), 3);
  rows = rushes_test_find_widgets (GTK_WIDGET (child (fixture, "list_view")), RUSHES_TYPE_PICKER_ROW);
  g_assert_cmpuint (rows->len, >, 0);

  return rows;
}

static gboolean
is_favourite (Fixture    *fixture,
              const char *id)
{
  g_auto(GStrv) ids = g_settings_get_strv (rushes_engine_get_settings (fixture->engine), "favourite-models");

  return g_strv_contains ((const char * const *) ids, id);
}

/* Rows draw their star and check box: a click on either lands on it and
 * turns it over (stars kept in the settings, checks chosen), elsewhere it
 * is the list's; Ctrl+D stars the focused row's model. */
static void
test_row_parts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  RushesPickerRow *row;
  RushesModel *model;
  int width, height;

  rushes_model_picker_set_search_text (fixture->picker, "apixo hailuo");
  rows = pop_up (fixture);
  g_assert_cmpuint (rushes_model_picker_get_n_shown (fixture->picker), ==, 1);
  model = rushes_model_picker_get_shown (fixture->picker, 0);
  row = g_ptr_array_index (rows, 0);
  width = gtk_widget_get_width (GTK_WIDGET (row));
  height = gtk_widget_get_height (GTK_WIDGET (row));
  g_assert_cmpint (width, >, 100);

  g_assert_cmpint (rushes_picker_row_pick_part (row, width - 8 - 17, height / 2), ==, RUSHES_PICKER_ROW_PART_STAR);
  g_assert_cmpint (rushes_picker_row_pick_part (row, width / 2, height / 2), ==, RUSHES_PICKER_ROW_PART_NONE);
  g_assert_cmpint (rushes_picker_row_pick_part (row, 8 + 12, height / 2), ==, RUSHES_PICKER_ROW_PART_CHECK);

  /* The star, clicked */
  g_assert_false (is_favourite (fixture, rushes_model_get_id (model)));
  rushes_picker_row_set_favourite (row, TRUE);
  g_signal_emit_by_name (row, "toggled", RUSHES_PICKER_ROW_PART_STAR);
  g_assert_true (is_favourite (fixture, rushes_model_get_id (model)));

  /* The check box, clicked */
  rushes_picker_row_set_checked (row, TRUE);
  g_signal_emit_by_name (row, "toggled", RUSHES_PICKER_ROW_PART_CHECK);
  chosen = rushes_model_picker_dup_chosen (fixture->picker);
  g_assert_cmpuint (chosen->len, ==, 1);
  g_assert_true (g_ptr_array_index (chosen, 0) == model);

  /* Ctrl+D on the focused row */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (row))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "picker.toggle-favourite", NULL));
  g_assert_false (is_favourite (fixture, rushes_model_get_id (model)));
  g_assert_false (rushes_picker_row_get_favourite (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "picker.toggle-favourite", NULL));
  g_assert_true (is_favourite (fixture, rushes_model_get_id (model)));
  g_settings_reset (rushes_engine_get_settings (fixture->engine), "favourite-models");
}

static gboolean
rows_priced (gpointer data)
{
  GPtrArray *rows = data;

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (rows, i)) &&
        rushes_picker_row_get_price (g_ptr_array_index (rows, i)) == NULL)
      return FALSE;

  return TRUE;
}

/* Models of a cached live listing are read when first needed: their rows
 * show at once, and their prices follow after the frame. */
static void
test_live_prices (void)
{
  g_autoptr(GBytes) cache = rushes_test_make_live_cache (300);
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(GSettings) settings = rushes_engine_new_settings ();
  g_autoptr(GPtrArray) rows = NULL;
  Fixture fixture = { 0 };
  guint unpriced = 0;

  rushes_test_install_live_cache ("wiro", cache);
  fixture.engine = rushes_engine_new (NULL, secrets, settings);
  fixture_set_up_picker (&fixture, FALSE);

  /* Shown with nothing found, then the search that finds models not read
   * yet: their rows are made and bound at once, before any frame. */
  rushes_model_picker_set_search_text (fixture.picker, "no such model");
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_window_get_child (GTK_WINDOW (fixture.window))));
  rushes_test_wait_for_frames (GTK_WIDGET (fixture.picker), 3);
  rushes_model_picker_set_search_text (fixture.picker, "vendor 1");
  rows = rushes_test_find_widgets (GTK_WIDGET (child (&fixture, "list_view")), RUSHES_TYPE_PICKER_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    if (rushes_picker_row_get_price (g_ptr_array_index (rows, i)) == NULL)
      unpriced++;
  g_assert_cmpuint (unpriced, >, 0);

  rushes_test_wait_until (rows_priced, rows, "the prices of the rows in view");
  fixture_tear_down (&fixture, NULL);
}

static gboolean
refreshed (gpointer data)
{
  Fixture *fixture = data;

  return !rushes_engine_get_catalog_refreshing (fixture->engine) &&
         rushes_engine_get_catalog_refresh_results (fixture->engine) != NULL;
}

/* A model only the provider's live listing has appears after Refresh, and
 * the picker says when the listings were read. */
static void
test_refresh (void)
{
  g_autoptr(RushesFakeProvider) fake = rushes_fake_provider_new (NULL);
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(GSettings) settings = rushes_engine_new_settings ();
  g_autoptr(RushesConfig) config = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wiro_url = NULL;
  Fixture fixture = { 0 };
  GObject *status;

  rushes_fake_provider_set_wiro_credentials (fake, "picker-key", "picker-secret");
  g_assert_true (rushes_fake_provider_start (fake, &error));
  g_assert_no_error (error);
  wiro_url = rushes_fake_provider_get_base_url (fake, "wiro");
  g_setenv ("RUSHES_WIRO_BASE_URL", wiro_url, TRUE);
  config = rushes_config_new_from_environment (&error);
  g_assert_no_error (error);

  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_KEY, "picker-key", NULL,
                                   rushes_test_store_result_cb, &result);
  g_assert_true (rushes_secret_store_store_finish (secrets, rushes_test_await (&result), &error));
  g_clear_object (&result);
  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_SECRET, "picker-secret", NULL,
                                   rushes_test_store_result_cb, &result);
  g_assert_true (rushes_secret_store_store_finish (secrets, rushes_test_await (&result), &error));

  fixture.engine = rushes_engine_new (config, secrets, settings);
  rushes_test_start_gtk ();
  fixture.picker = g_object_ref_sink (rushes_model_picker_new (fixture.engine, FALSE));

  rushes_model_picker_set_search_text (fixture.picker, "turbo");
  g_assert_false (shows (&fixture, "wiro/klingai/kling-v2-5-turbo"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.picker), "picker.refresh", NULL));
  rushes_test_wait_until (refreshed, &fixture, "the providers' models are read");
  g_assert_true (shows (&fixture, "wiro/klingai/kling-v2-5-turbo"));

  status = gtk_widget_get_template_child (GTK_WIDGET (fixture.picker), RUSHES_TYPE_MODEL_PICKER, "status_label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (status)), "listed just now"));

  g_assert_finalize_object (fixture.picker);
  g_assert_finalize_object (fixture.engine);
  g_unsetenv ("RUSHES_WIRO_BASE_URL");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_test_init_system_data ();
  rushes_providers_register_builtin ();

#define ADD(path, func, multiple) \
  g_test_add ("/rushes/model-picker/" path, Fixture, GINT_TO_POINTER (multiple), fixture_set_up, func, fixture_tear_down)

  ADD ("lists-catalog", test_lists_catalog, FALSE);
  ADD ("search", test_search, FALSE);
  ADD ("filters", test_filters, FALSE);
  ADD ("favourites", test_favourites, FALSE);
  ADD ("choose-one", test_choose_one, FALSE);
  ADD ("choose-several", test_choose_several, TRUE);
  ADD ("row-parts", test_row_parts, TRUE);
  g_test_add_func ("/rushes/model-picker/refresh", test_refresh);
  g_test_add_func ("/rushes/model-picker/live-prices", test_live_prices);

  return g_test_run ();
}
