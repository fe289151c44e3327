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

#define G_LOG_DOMAIN "test-composer"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rushes-providers.h"
#include "rushes-application.h"
#include "rushes-composer.h"
#include "rushes-exporter.h"
#include "rushes-fake-provider.h"
#include "rushes-image-slot.h"
#include "rushes-test-utils.h"
#include "rushes-window.h"

#define KEY "wk_composer_test_key"
#define WAVESPEED_KEY "ws_composer_test_wavespeed_key"
#define SECRET "ws_composer_test_secret"

static const char *video_path;
static GPtrArray *notifications;

typedef struct
{
  RushesApplication *app;
  RushesWindow      *window;
  RushesComposer    *composer;
  RushesFakeProvider *fake;
} Fixture;

typedef void (*ComposerTestFunc) (Fixture *fixture);

typedef struct
{
  ComposerTestFunc func;
  /* Runs before the application starts, with the fake up and the key stored. */
  void (*prepare) (RushesSecretStore *secrets);
} ComposerTest;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->composer),
                                                   RUSHES_TYPE_COMPOSER, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
set_prompt (Fixture    *fixture,
            const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (fixture, "prompt_view"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static gboolean
generate_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (child (fixture, "generate_button"));
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  guint *pending = user_data;

  g_assert_true (rushes_secret_store_store_finish (RUSHES_SECRET_STORE (object), result, NULL));
  (*pending)--;
}

static gboolean
nothing_pending (gpointer data)
{
  return *(guint *) data == 0;
}

/* Key lookups answer from an idle: the composer knows every provider's. */
static gboolean
keys_known (gpointer data)
{
  Fixture *fixture = data;
  const char * const *providers = rushes_provider_list_ids ();

  for (guint i = 0; providers[i] != NULL; i++)
    if (rushes_composer_get_key_state (fixture->composer, providers[i]) == RUSHES_COMPOSER_KEY_UNKNOWN)
      return FALSE;

  return TRUE;
}

static gboolean
wiro_key_set (gpointer data)
{
  Fixture *fixture = data;

  return rushes_composer_get_key_state (fixture->composer, "wiro") == RUSHES_COMPOSER_KEY_PRESENT;
}

static void
store_key (Fixture *fixture)
{
  RushesSecretStore *secrets = rushes_engine_get_secret_store (rushes_application_get_engine (fixture->app));
  guint pending = 2;

  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_KEY, KEY, NULL, stored_cb, &pending);
  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_SECRET, SECRET, NULL, stored_cb, &pending);
  rushes_test_wait_until (nothing_pending, &pending, "both secrets are stored");

  /* As after Preferences: the store says which provider changed, and
   * the composer looks at its key again. */
  rushes_test_wait_until (wiro_key_set, fixture, "the composer sees the Wiro key");
}

static void
run_test_cb (GApplication *application,
             gpointer      user_data)
{
  const ComposerTest *test = user_data;
  Fixture fixture = { 0 };
  GList *windows;

  fixture.app = RUSHES_APPLICATION (application);
  fixture.window = RUSHES_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  fixture.composer = rushes_window_get_composer (fixture.window);
  fixture.fake = g_object_get_data (G_OBJECT (application), "test-fake");
  rushes_test_wait_until (keys_known, &fixture, "the composer knows which providers have a key");

  test->func (&fixture);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));

  g_application_quit (application);
}

static void
run_composer_test (gconstpointer data)
{
  g_autoptr(RushesFakeProvider) fake = rushes_fake_provider_new (video_path);
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *socket_url = NULL;
  RushesApplication *app;

  rushes_test_init_system_data ();
  notifications = rushes_test_notifications_start ();

  rushes_fake_provider_set_wiro_credentials (fake, KEY, SECRET);
  rushes_fake_provider_set_step_interval (fake, 10);
  g_assert_true (rushes_fake_provider_start (fake, &error));
  g_assert_no_error (error);
  base_url = rushes_fake_provider_get_base_url (fake, "wiro");
  socket_url = rushes_fake_provider_get_socket_url (fake);
  g_setenv ("RUSHES_WIRO_BASE_URL", base_url, TRUE);
  g_setenv ("RUSHES_WIRO_SOCKET_URL", socket_url, TRUE);
  {
    g_autofree char *wavespeed_url = rushes_fake_provider_get_base_url (fake, "wavespeed");

    rushes_fake_provider_set_wavespeed_key (fake, WAVESPEED_KEY);
    g_setenv ("RUSHES_WAVESPEED_BASE_URL", wavespeed_url, TRUE);
  }
  g_setenv ("RUSHES_POLL_INTERVAL", "0.05", TRUE);

  if (((const ComposerTest *) data)->prepare != NULL)
    ((const ComposerTest *) data)->prepare (secrets);

  app = rushes_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  rushes_application_set_secret_store (app, secrets);
  g_object_set_data (G_OBJECT (app), "test-fake", fake);
  g_signal_connect_after (app, "startup", G_CALLBACK (rushes_test_add_icon_theme_path), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_test_cb), (gpointer) data);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_finalize_object (app);
}

/* Each catalog entry shows the controls it has, and no other. */
static void
composer_controls (Fixture *fixture)
{
  GListModel *catalog = G_LIST_MODEL (rushes_engine_get_catalog (rushes_application_get_engine (fixture->app)));
  const struct {
    const char *control;
    const char *widget;
  } rows[] = {
    { "aspect_ratio", "aspect_ratio_row" },
    { "duration", "duration_row" },
    { "resolution", "resolution_row" },
    { "audio", "audio_row" },
    { "negative_prompt", "negative_prompt_row" },
    { "seed", "seed_row" },
    { "end_image", "end_image_slot" },
  };

  g_assert_cmpuint (g_list_model_get_n_items (catalog), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (catalog, i);
      gboolean takes_image, url_only;

      g_test_message ("%s", rushes_model_get_id (model));
      g_assert_true (rushes_composer_select_model (fixture->composer, rushes_model_get_id (model)));
      g_assert_true (rushes_composer_get_model (fixture->composer) == model);

      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        g_assert_cmpint (gtk_widget_get_visible (child (fixture, rows[r].widget)), ==,
                         rushes_model_has_control (model, rows[r].control));

      takes_image = rushes_model_has_control (model, "image") &&
                    rushes_model_supports_mode (model, RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO);
      /* A provider that takes image URLs only gets a URL row, not a file slot. */
      url_only = takes_image && !rushes_model_accepts_image_source (model, "image", FALSE);
      g_assert_cmpint (gtk_widget_get_visible (child (fixture, "image_slot")), ==, takes_image && !url_only);
      g_assert_cmpint (gtk_widget_get_visible (child (fixture, "image_url_row")), ==, url_only);

      /* The choices offered are exactly the model's values. */
      if (rushes_model_has_control (model, "duration"))
        {
          GListModel *items = gtk_drop_down_get_model (GTK_DROP_DOWN (child (fixture, "duration_dropdown")));

          g_assert_cmpuint (g_list_model_get_n_items (items), ==,
                            g_strv_length ((char **) rushes_model_get_allowed_values (model, "duration")));
        }
      if (rushes_model_has_control (model, "aspect_ratio"))
        {
          guint n = 0;

          for (GtkWidget *b = gtk_widget_get_first_child (child (fixture, "aspect_ratio_box")); b; b = gtk_widget_get_next_sibling (b))
            n++;
          g_assert_cmpuint (n, ==, g_strv_length ((char **) rushes_model_get_allowed_values (model, "aspect_ratio")));
        }
    }
}

static void
composer_validation (Fixture *fixture)
{
  g_autofree char *long_prompt = NULL;
  g_autofree char *not_image = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *count = child (fixture, "count_label");
  guint limit;

  store_key (fixture);
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2"));

  set_prompt (fixture, "");
  g_assert_false (generate_enabled (fixture));
  g_assert_nonnull (strstr (rushes_composer_get_blocker (fixture->composer), "prompt"));

  set_prompt (fixture, "A lighthouse in a storm");
  g_assert_cmpstr (rushes_composer_get_blocker (fixture->composer), ==, NULL);
  g_assert_true (generate_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (count, "error"));

  limit = rushes_model_get_max_length (rushes_composer_get_model (fixture->composer), "prompt");
  g_assert_cmpuint (limit, >, 0);
  long_prompt = g_strnfill (limit + 1, 'a');
  set_prompt (fixture, long_prompt);
  g_assert_false (generate_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (count, "error"));

  /* A file that is not an image: the slot says so, nothing can be sent,
   * and the prompt is kept. */
  set_prompt (fixture, "A lighthouse in a storm");
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  not_image = g_build_filename (g_get_user_cache_dir (), "notes.png", NULL);
  g_assert_true (g_file_set_contents (not_image, "just text", -1, NULL));
  file = g_file_new_for_path (not_image);
  rushes_image_slot_set_file (RUSHES_IMAGE_SLOT (child (fixture, "image_slot")), file);
  g_assert_false (generate_enabled (fixture));
  g_assert_nonnull (rushes_image_slot_get_error (RUSHES_IMAGE_SLOT (child (fixture, "image_slot"))));

  rushes_image_slot_set_file (RUSHES_IMAGE_SLOT (child (fixture, "image_slot")), NULL);
  g_assert_null (rushes_image_slot_get_error (RUSHES_IMAGE_SLOT (child (fixture, "image_slot"))));
  g_assert_true (generate_enabled (fixture));
}

static void
composer_needs_key (Fixture *fixture)
{
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2"));
  set_prompt (fixture, "A lighthouse in a storm");

  g_assert_false (generate_enabled (fixture));
  g_assert_nonnull (strstr (rushes_composer_get_blocker (fixture->composer), "Wiro API key"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (fixture, "generate_button")), ==,
                   rushes_composer_get_blocker (fixture->composer));

  store_key (fixture);
  g_assert_true (generate_enabled (fixture));
}

static void
composer_switch_model (Fixture *fixture)
{
  g_autoptr(RushesGenerationParams) params = NULL;

  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2-pro"));
  set_prompt (fixture, "Fox in snow");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "resolution_dropdown")), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "duration_dropdown")), 2);
  params = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_value (params, "resolution"), ==, "1080p");
  g_assert_cmpstr (rushes_generation_params_get_value (params, "duration"), ==, "12");
  g_clear_object (&params);

  /* Sora 2 has no 1080p: that value changes, the rest stays, the pane says so. */
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2"));
  params = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_value (params, "resolution"), ==, "720p");
  g_assert_cmpstr (rushes_generation_params_get_value (params, "duration"), ==, "12");
  g_assert_cmpstr (rushes_generation_params_get_prompt (params), ==, "Fox in snow");
  g_assert_nonnull (rushes_composer_get_notice (fixture->composer));
  g_assert_nonnull (strstr (rushes_composer_get_notice (fixture->composer), "1080p → 720p"));
}

static void
composer_draft_restored (Fixture *fixture)
{
  g_autoptr(RushesGenerationParams) params = NULL;
  RushesComposer *composer;
  RushesWindow *window;

  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2-pro"));
  set_prompt (fixture, "A paper boat on a rainy street");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "duration_dropdown")), 1);

  /* As after a crash or a quit: a new window from what is on disk. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  window = rushes_window_new (GTK_APPLICATION (fixture->app), rushes_application_get_engine (fixture->app),
                              rushes_application_get_thumbnail_queue (fixture->app));
  composer = rushes_window_get_composer (window);

  params = rushes_composer_dup_params (composer);
  g_assert_cmpstr (rushes_model_get_id (rushes_composer_get_model (composer)), ==, "wiro/openai/sora-2-pro");
  g_assert_cmpstr (rushes_generation_params_get_prompt (params), ==, "A paper boat on a rainy street");
  g_assert_cmpstr (rushes_generation_params_get_value (params, "duration"), ==, "8");
}

static char *
draft_path (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "rushes", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return g_build_filename (folder, "draft.json", NULL);
}

/* A draft someone else wrote: values of the wrong type, a duration no one
 * could type, a setting the model does not have. */
static void
plant_draft (RushesSecretStore *secrets)
{
  g_autofree char *path = draft_path ();
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "{ \"version\": 1, \"model\": \"wiro/openai/sora-2\", \"prompt\": { \"text\": 1 },"
                       "  \"params\": { \"duration\": \"eight\", \"resolution\": \"720p\", \"seed\": 12 } }",
                       -1, &error);
  g_assert_no_error (error);
}

static void
composer_draft_planted (Fixture *fixture)
{
  g_autoptr(RushesGenerationParams) params = rushes_composer_dup_params (fixture->composer);
  RushesModel *model = rushes_composer_get_model (fixture->composer);

  g_assert_cmpstr (rushes_model_get_id (model), ==, "wiro/openai/sora-2");
  g_assert_null (rushes_generation_params_get_prompt (params));
  g_assert_cmpstr (rushes_generation_params_get_value (params, "resolution"), ==, "720p");
  g_assert_cmpstr (rushes_generation_params_get_value (params, "duration"), ==,
                   rushes_model_get_default_value (model, "duration"));
  g_assert_null (rushes_generation_params_get_value (params, "seed"));
}

/* A draft that is not a file: reading it must not hang the start. */
static void
plant_fifo_draft (RushesSecretStore *secrets)
{
  g_autofree char *path = draft_path ();

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
}

static void
composer_draft_not_a_file (Fixture *fixture)
{
  g_autofree char *path = draft_path ();

  /* The Sandbox needs no key: the default without any. */
  g_assert_cmpstr (rushes_model_get_id (rushes_composer_get_model (fixture->composer)), ==, "sandbox/preview");

  /* Saving replaces it with a file readable by its owner only. */
  set_prompt (fixture, "A heron at low tide");
  rushes_composer_save_draft (fixture->composer);
  {
    GStatBuf buf;

    g_assert_cmpint (g_lstat (path, &buf), ==, 0);
    g_assert_true (S_ISREG (buf.st_mode));
    g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  }
}

static GFile *
write_image (const char *name,
             gboolean    picture)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  if (picture)
    g_file_set_contents (path, (const char *) png, sizeof png, &error);
  else
    g_file_set_contents (path, "just text", -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/* The error is shown on the control it is about, and on no other. */
static void
composer_errors_on_rows (Fixture *fixture)
{
  RushesImageSlot *start = RUSHES_IMAGE_SLOT (child (fixture, "image_slot"));
  RushesImageSlot *end = RUSHES_IMAGE_SLOT (child (fixture, "end_image_slot"));
  GtkWidget *seed = child (fixture, "seed_row");
  g_autoptr(GFile) picture = write_image ("start.png", TRUE);
  g_autoptr(GFile) notes = write_image ("notes.png", FALSE);
  g_autoptr(RushesGenerationParams) params = NULL;

  g_assert_true (rushes_composer_select_model (fixture->composer, "wavespeed/google/veo3.1-fast"));
  set_prompt (fixture, "A heron at low tide");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (start)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (end)));

  /* A good start image, an end image that is not a picture. */
  rushes_image_slot_set_file (start, picture);
  rushes_image_slot_set_file (end, notes);
  g_assert_false (generate_enabled (fixture));
  g_assert_nonnull (rushes_image_slot_get_error (end));
  g_assert_cmpstr (rushes_image_slot_get_error (end), ==, rushes_composer_get_blocker (fixture->composer));
  g_assert_null (rushes_image_slot_get_error (start));

  /* The other way round. */
  rushes_image_slot_set_file (start, notes);
  rushes_image_slot_set_file (end, picture);
  g_assert_nonnull (rushes_image_slot_get_error (start));
  g_assert_null (rushes_image_slot_get_error (end));

  rushes_image_slot_set_file (start, picture);
  g_assert_null (rushes_image_slot_get_error (start));
  g_assert_null (rushes_image_slot_get_error (end));
  g_assert_false (gtk_widget_has_css_class (seed, "error"));

  /* A seed that is not a number is not sent as a random one: its row
   * says why nothing can be sent. */
  gtk_editable_set_text (GTK_EDITABLE (seed), "forty-two");
  g_assert_false (generate_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (seed, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (seed), ==, rushes_composer_get_blocker (fixture->composer));
  g_assert_null (rushes_image_slot_get_error (start));
  g_assert_false (gtk_widget_has_css_class (child (fixture, "duration_row"), "error"));

  gtk_editable_set_text (GTK_EDITABLE (seed), "42");
  g_assert_false (gtk_widget_has_css_class (seed, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (seed));
  params = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_value (params, "seed"), ==, "42");

  /* Two choices fine alone: the one the model limits is marked. */
  g_assert_true (rushes_composer_select_model (fixture->composer, "apixo/hailuo-2-3"));

  /* APIXO takes URLs only: the local start image is refused on its row. */
  g_assert_true (gtk_widget_get_visible (child (fixture, "image_url_row")));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "image_url_row"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "image_url_row")), "");
  g_assert_false (gtk_widget_has_css_class (child (fixture, "image_url_row"), "error"));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "duration_dropdown")), 2);
  g_assert_false (gtk_widget_has_css_class (child (fixture, "resolution_row"), "error"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "resolution_dropdown")), 1);
  g_assert_cmpstr (rushes_composer_get_blocker (fixture->composer), ==, "Hailuo 2.3 makes 10 s clips at 768p (720p) only");
  g_assert_true (gtk_widget_has_css_class (child (fixture, "resolution_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (child (fixture, "duration_row"), "error"));
}

static gboolean
task_finished (gpointer data)
{
  RushesLibrary *library = data;
  g_autoptr(RushesTask) task = g_list_model_get_item (G_LIST_MODEL (library), 0);

  return task != NULL && rushes_task_is_finished (task);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

static void
composer_submit (Fixture *fixture)
{
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (fixture->app));
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(RushesGenerationParams) before = NULL;
  g_autoptr(RushesGenerationParams) after = NULL;

  store_key (fixture);
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2"));
  set_prompt (fixture, "A kite over the dunes");
  before = rushes_composer_dup_params (fixture->composer);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));

  rushes_test_wait_until (task_finished, library, "the task ends");
  task = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpstr (rushes_task_get_prompt (task), ==, "A kite over the dunes");

  /* The gallery gets a poster frame from the downloaded video. */
  {
    g_autoptr(GFile) poster = g_file_get_child (rushes_task_get_folder (task), "thumbnail.png");

    rushes_test_wait_until (file_exists, poster, "the poster frame is made");
  }

  /* Playing it puts the player in the preview pane; one of its frames
   * becomes the start image of the next clip. */
  {
    GtkWidget *window = GTK_WIDGET (fixture->window);
    GObject *view = gtk_widget_get_template_child (window, RUSHES_TYPE_WINDOW, "library_view");
    GObject *stack = gtk_widget_get_template_child (window, RUSHES_TYPE_WINDOW, "preview_stack");
    GObject *player = gtk_widget_get_template_child (window, RUSHES_TYPE_WINDOW, "player_view");
    g_autoptr(GFile) frame = g_file_get_child (rushes_task_get_folder (task), "thumbnail.png");
    g_autofree char *frame_path = g_file_get_path (frame);
    g_autoptr(RushesGenerationParams) chained = NULL;

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
    g_signal_emit_by_name (view, "play-task", task);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "player");

    g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2-pro"));
    g_signal_emit_by_name (player, "use-frame", frame);
    chained = rushes_composer_dup_params (fixture->composer);
    g_assert_cmpstr (rushes_generation_params_get_value (chained, "image"), ==, frame_path);
  }

  /* The window had the focus: no notification. (The poster frame is made
   * after the application decided, and the bus delivers in order.) */
  rushes_test_notifications_sync ();
  g_assert_cmpuint (notifications->len, ==, 0);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2"), ==, 1);

  /* The composer keeps everything for the next variation. */
  after = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_prompt (after), ==, rushes_generation_params_get_prompt (before));
}

static gboolean
nothing_running (gpointer data)
{
  return rushes_engine_get_n_following (rushes_application_get_engine (data)) == 0;
}

static gboolean
one_running (gpointer data)
{
  return rushes_engine_get_n_following (rushes_application_get_engine (data)) == 1;
}

static gboolean
notified (gpointer data)
{
  return notifications->len > 0;
}

/* Closing the window does not stop a paid generation: the application
 * keeps following it, and Quit asks first. */
static void
composer_outlives_window (Fixture *fixture)
{
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (fixture->app));
  g_autoptr(RushesTask) task = NULL;
  AdwMessageDialog *dialog;

  rushes_fake_provider_set_step_interval (fixture->fake, 200);
  store_key (fixture);
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2"));
  set_prompt (fixture, "A slow one");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));
  rushes_test_wait_until (one_running, fixture->app, "the generation is followed");
  g_assert_cmpuint (rushes_engine_get_n_following (rushes_application_get_engine (fixture->app)), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  dialog = rushes_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (rushes_engine_get_n_following (rushes_application_get_engine (fixture->app)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));

  rushes_test_wait_until (nothing_running, fixture->app, "the generation ends");
  task = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2"), ==, 1);

  /* With no window left, the desktop tells the user, once. */
  rushes_test_wait_until (notified, NULL, "the desktop is sent a notification");
  rushes_test_notifications_sync ();
  g_assert_cmpuint (notifications->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notifications, 0), ==, "Your Clip Is Ready\nA slow one");
}

static gboolean
all_finished (gpointer data)
{
  RushesLibrary *library = data;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (!rushes_task_is_finished (task))
        return FALSE;
    }

  return g_list_model_get_n_items (G_LIST_MODEL (library)) > 0;
}

static gboolean
dialog_shown (gpointer data)
{
  *(gpointer *) data = rushes_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  return *(gpointer *) data != NULL;
}

/* A run over a budget is refused before anything is created or sent; the
 * user can send it anyway, on purpose, once. */
static void
composer_over_budget (Fixture *fixture)
{
  RushesEngine *engine = rushes_application_get_engine (fixture->app);
  RushesLibrary *library = rushes_engine_get_library (engine);
  GSettings *settings = rushes_engine_get_settings (engine);
  GtkWidget *cost = child (fixture, "cost_label");
  AdwMessageDialog *dialog;
  g_autoptr(RushesTask) task = NULL;

  store_key (fixture);
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2"));
  set_prompt (fixture, "A lighthouse in a storm");
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (child (fixture, "generate_button"))), "$"));
  g_assert_false (gtk_widget_has_css_class (cost, "error"));

  /* The cost line warns before Generate is pressed. */
  g_settings_set_double (settings, "budget-daily", 0.05);
  g_assert_true (gtk_widget_has_css_class (cost, "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (cost)), "daily budget of $0.05"));
  g_assert_true (generate_enabled (fixture));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));
  rushes_test_wait_until (dialog_shown, &dialog, "the composer asks before passing the budget");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "daily budget of $0.05"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2"), ==, 0);

  /* Send Anyway sends it, and the budget stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));
  rushes_test_wait_until (dialog_shown, &dialog, "the composer asks before passing the budget");
  adw_message_dialog_response (dialog, "send");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rushes_test_wait_until (all_finished, library, "the run sent anyway ends");
  task = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2"), ==, 1);
  g_assert_cmpfloat (g_settings_get_double (settings, "budget-daily"), ==, 0.05);

  /* Near a budget, but within it: a warning. */
  g_settings_set_double (settings, "budget-daily", 0);
  g_assert_false (gtk_widget_has_css_class (cost, "error"));
  g_settings_set_double (settings, "budget-per-run", 0.45);
  g_assert_true (gtk_widget_has_css_class (cost, "warning"));
  g_assert_false (gtk_widget_has_css_class (cost, "error"));
  g_settings_reset (settings, "budget-per-run");
}

static gboolean
four_finished (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) == 4 && all_finished (data);
}

/* Takes of one Generate, over two models, make one shot. */
static void
composer_takes (Fixture *fixture)
{
  RushesEngine *engine = rushes_application_get_engine (fixture->app);
  RushesLibrary *library = rushes_engine_get_library (engine);
  const char *also[] = { "wiro/openai/sora-2-pro", NULL };
  GtkSpinButton *takes = GTK_SPIN_BUTTON (child (fixture, "takes_spin"));
  g_autoptr(RushesTask) first = NULL;

  store_key (fixture);
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2"));
  set_prompt (fixture, "A paper boat on a river");

  gtk_spin_button_set_value (takes, 3);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (fixture, "generate_button"))), ==,
                   "_Generate 3 Takes · $1.20");

  /* With a second model, a shot of 8 at most: 4 per model. */
  g_assert_true (rushes_composer_set_other_models (fixture->composer, also));
  {
    double min, max;

    gtk_spin_button_get_range (takes, &min, &max);
    g_assert_cmpfloat (max, ==, 4);
  }
  gtk_spin_button_set_value (takes, 2);
  g_assert_true (generate_enabled (fixture));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (fixture, "cost_label"))), "for 4 takes"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));
  rushes_test_wait_until (four_finished, library, "the four takes end");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 4);
  first = g_list_model_get_item (G_LIST_MODEL (library), 0);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (G_LIST_MODEL (library), i);

      g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
      g_assert_cmpstr (rushes_task_get_shot (task), ==, rushes_task_get_shot (first));
    }
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2"), ==, 2);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2-pro"), ==, 2);
}

static gboolean
notice_says (gpointer data)
{
  void **args = data;
  const char *notice = rushes_composer_get_notice (args[0]);

  return notice != NULL && strstr (notice, args[1]) != NULL;
}

static void
wait_for_notice (Fixture    *fixture,
                 const char *text)
{
  gpointer args[] = { fixture->composer, (gpointer) text };

  rushes_test_wait_until (notice_says, args, text);
}

/* A clip of the library, or a video Rushes exported, fills the composer
 * with its settings and a new seed; another video says why it cannot. */
static void
composer_reuse (Fixture *fixture)
{
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (fixture->app));
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported_path = g_build_filename (g_get_tmp_dir (), "reused.mp4", NULL);
  g_autoptr(GFile) exported = g_file_new_for_path (exported_path);
  g_autoptr(GFile) plain = g_file_new_for_path (video_path);
  RushesExportMetadata meta;

  store_key (fixture);
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/openai/sora-2-pro"));
  set_prompt (fixture, "A heron lifts off a misty lake");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "duration_dropdown")), 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));
  rushes_test_wait_until (task_finished, library, "the task ends");
  task = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);

  /* Something else in the composer, then the clip dropped on it. */
  g_assert_true (rushes_composer_select_model (fixture->composer, "sandbox/preview"));
  set_prompt (fixture, "Something else");
  rushes_composer_reuse_file (fixture->composer, rushes_task_get_video_file (task));
  wait_for_notice (fixture, "are in, with a new seed");
  g_assert_cmpstr (rushes_model_get_id (rushes_composer_get_model (fixture->composer)), ==, "wiro/openai/sora-2-pro");
  params = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_prompt (params), ==, "A heron lifts off a misty lake");
  g_assert_cmpstr (rushes_generation_params_get_value (params, "duration"), ==,
                   rushes_generation_params_get_value (rushes_task_get_params (task), "duration"));
  g_clear_object (&params);

  /* The same clip exported: its settings come from its tags. */
  rushes_export_metadata_init_for_task (&meta, task);
  rushes_exporter_export_async (rushes_task_get_video_file (task), exported, RUSHES_EXPORT_FORMAT_MP4,
                                RUSHES_EXPORT_FLAGS_OVERWRITE, &meta, NULL, NULL, NULL,
                                rushes_test_store_result_cb, &result);
  rushes_export_metadata_clear (&meta);
  g_assert_true (rushes_exporter_export_finish (rushes_test_await (&result), &error));
  g_assert_no_error (error);

  g_assert_true (rushes_composer_select_model (fixture->composer, "sandbox/preview"));
  set_prompt (fixture, "Something else again");
  rushes_composer_reuse_file (fixture->composer, exported);
  wait_for_notice (fixture, "The settings of “reused.mp4” are in");
  g_assert_cmpstr (rushes_model_get_id (rushes_composer_get_model (fixture->composer)), ==, "wiro/openai/sora-2-pro");
  params = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_prompt (params), ==, "A heron lifts off a misty lake");

  /* A video Rushes did not export: the composer keeps what it has. */
  rushes_composer_reuse_file (fixture->composer, plain);
  wait_for_notice (fixture, "carries no Rushes settings");
  g_clear_object (&params);
  params = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_prompt (params), ==, "A heron lifts off a misty lake");

  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2-pro"), ==, 1);
  g_unlink (exported_path);
}

static gboolean
live_price_shown (gpointer data)
{
  Fixture *fixture = data;
  const char *line = gtk_label_get_label (GTK_LABEL (child (fixture, "cost_label")));

  return g_str_has_prefix (line, "Live price: $");
}

static void
stored_one_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_assert_true (rushes_secret_store_store_finish (RUSHES_SECRET_STORE (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A model only the live listing has: its schema's own settings get rows,
 * their values reach the provider under the schema's wire names, and a
 * provider that prices runs itself gives the price. */
static void
composer_live_models (Fixture *fixture)
{
  RushesEngine *engine = rushes_application_get_engine (fixture->app);
  RushesLibrary *library = rushes_engine_get_library (engine);
  GtkWidget *group = child (fixture, "generic_group");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) refreshed = NULL;
  g_autoptr(GPtrArray) dropdowns = NULL;
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesModel) before = NULL;
  GtkDropDown *mode = NULL;
  gboolean stored = FALSE;

  store_key (fixture);
  rushes_secret_store_store_async (rushes_engine_get_secret_store (engine), "wavespeed", RUSHES_SECRET_API_KEY,
                                   WAVESPEED_KEY, NULL, stored_one_cb, &stored);
  rushes_test_wait_until (flag_set, &stored, "the WaveSpeed key is stored");

  /* A built-in model the listing also has, whose price only the listing
   * gives: after the refresh, the composer's model is the catalog's merged
   * one, priced. */
  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/google/veo3-1-fast"));
  before = g_object_ref (rushes_composer_get_model (fixture->composer));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "cost_label"))), ==,
                   "No price estimate for this model");

  rushes_engine_refresh_catalog_async (engine, NULL, rushes_test_store_result_cb, &result);
  refreshed = rushes_engine_refresh_catalog_finish (engine, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refreshed->len, ==, 2);

  g_assert_true (rushes_composer_get_model (fixture->composer) != before);
  g_assert_true (rushes_composer_get_model (fixture->composer) ==
                 rushes_model_catalog_lookup (rushes_engine_get_catalog (engine), "wiro/google/veo3-1-fast"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (child (fixture, "cost_label"))), "Estimated cost: $"));

  g_assert_true (rushes_composer_select_model (fixture->composer, "wiro/klingai/kling-v2-5-turbo"));
  g_assert_true (gtk_widget_get_visible (group));
  dropdowns = rushes_test_find_widgets (group, GTK_TYPE_DROP_DOWN);
  for (guint i = 0; i < dropdowns->len; i++)
    {
      GListModel *labels = gtk_drop_down_get_model (g_ptr_array_index (dropdowns, i));

      for (guint j = 0; j < g_list_model_get_n_items (labels); j++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), j), "Standard") == 0)
          {
            mode = g_ptr_array_index (dropdowns, i);
            gtk_drop_down_set_selected (mode, j);
          }
    }
  g_assert_nonnull (mode);
  params = rushes_composer_dup_params (fixture->composer);
  g_assert_cmpstr (rushes_generation_params_get_value (params, "mode"), ==, "std");

  set_prompt (fixture, "A kite surfer at golden hour");
  g_assert_true (generate_enabled (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));
  rushes_test_wait_until (task_finished, library, "the live model's run ends");
  {
    g_autoptr(RushesTask) task = g_list_model_get_item (G_LIST_MODEL (library), 0);

    g_assert_cmpstr (rushes_task_get_error_message (task), ==, NULL);
    g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  }
  fields = rushes_fake_provider_dup_last_fields (fixture->fake, "/Run/klingai/kling-v2-5-turbo");
  g_assert_nonnull (fields);
  g_assert_cmpstr (g_hash_table_lookup (fields, "mode"), ==, "std");

  /* WaveSpeed prices the run itself, for these settings. */
  g_assert_true (rushes_composer_select_model (fixture->composer, "wavespeed/google/veo3.1"));
  rushes_test_wait_until (live_price_shown, fixture, "WaveSpeed's price for the run");
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/model/price"), >=, 1);
}

/* As if Rushes had quit right after the provider accepted the task. */
static void
submit_and_stop (RushesSecretStore *secrets)
{
  g_autoptr(RushesConfig) config = rushes_config_new_from_environment (NULL);
  g_autoptr(RushesModelCatalog) catalog = rushes_model_catalog_new_default ();
  g_autoptr(RushesLibrary) library = rushes_library_new (NULL);
  g_autoptr(RushesTaskRunner) runner = NULL;
  g_autoptr(RushesGenerationParams) params = rushes_generation_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(GError) error = NULL;
  guint pending = 2;

  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_KEY, KEY, NULL, stored_cb, &pending);
  rushes_secret_store_store_async (secrets, "wiro", RUSHES_SECRET_API_SECRET, SECRET, NULL, stored_cb, &pending);
  rushes_test_wait_until (nothing_pending, &pending, "both secrets are stored");

  rushes_library_load_async (library, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_library_load_finish (library, rushes_test_await (&result), &error));
  g_clear_object (&result);

  rushes_generation_params_set_prompt (params, "Left running when Rushes quit");
  rushes_library_create_task_async (library, rushes_model_catalog_lookup (catalog, "wiro/openai/sora-2"),
                                    params, NULL, rushes_test_store_result_cb, &result);
  task = rushes_library_create_task_finish (library, rushes_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  runner = rushes_task_runner_new (library, catalog, secrets, config);
  rushes_task_runner_run_async (runner, task, RUSHES_RUN_FLAGS_DETACH, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_task_runner_run_finish (runner, rushes_test_await (&result), &error));
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_QUEUED);
}

static gboolean
first_task_succeeded (gpointer data)
{
  g_autoptr(RushesTask) task = g_list_model_get_item (G_LIST_MODEL (data), 0);

  return task != NULL && rushes_task_get_state (task) == RUSHES_TASK_STATE_SUCCEEDED;
}

static void
composer_resume_at_start (Fixture *fixture)
{
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (fixture->app));

  rushes_test_wait_until (first_task_succeeded, library, "the task left running succeeds");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/Run/openai/sora-2"), ==, 1);
}

/* With no account at all, the Sandbox is chosen and runs end to end. */
static void
composer_sandbox_without_keys (Fixture *fixture)
{
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (fixture->app));
  g_autoptr(RushesTask) task = NULL;

  g_assert_cmpstr (rushes_model_get_id (rushes_composer_get_model (fixture->composer)), ==, "sandbox/preview");
  set_prompt (fixture, "A quiet harbour at dawn");
  g_assert_true (generate_enabled (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.generate", NULL));

  rushes_test_wait_until (task_finished, library, "the task ends");
  task = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  g_assert_nonnull (rushes_task_get_video_file (task));
  g_assert_true (g_file_query_exists (rushes_task_get_video_file (task), NULL));
  g_assert_cmpuint (rushes_fake_provider_count_requests (fixture->fake, "/"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_assert_cmpint (argc, ==, 2);
  video_path = argv[1];

  {
    static const ComposerTest test = { composer_controls, NULL };
    g_test_add_data_func ("/rushes/composer/controls", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_validation, NULL };
    g_test_add_data_func ("/rushes/composer/validation", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_errors_on_rows, NULL };
    g_test_add_data_func ("/rushes/composer/errors-on-rows", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_needs_key, NULL };
    g_test_add_data_func ("/rushes/composer/needs-key", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_switch_model, NULL };
    g_test_add_data_func ("/rushes/composer/switch-model", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_draft_restored, NULL };
    g_test_add_data_func ("/rushes/composer/draft-restored", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_draft_planted, plant_draft };
    g_test_add_data_func ("/rushes/composer/draft-planted", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_draft_not_a_file, plant_fifo_draft };
    g_test_add_data_func ("/rushes/composer/draft-not-a-file", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_submit, NULL };
    g_test_add_data_func ("/rushes/composer/submit", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_outlives_window, NULL };
    g_test_add_data_func ("/rushes/composer/outlives-window", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_over_budget, NULL };
    g_test_add_data_func ("/rushes/composer/over-budget", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_takes, NULL };
    g_test_add_data_func ("/rushes/composer/takes", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_reuse, NULL };
    g_test_add_data_func ("/rushes/composer/reuse", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_live_models, NULL };
    g_test_add_data_func ("/rushes/composer/live-models", &test, run_composer_test);
  }

  {
    static const ComposerTest test = { composer_sandbox_without_keys, NULL };
    g_test_add_data_func ("/rushes/composer/sandbox-without-keys", &test, run_composer_test);
  }
  {
    static const ComposerTest test = { composer_resume_at_start, submit_and_stop };
    g_test_add_data_func ("/rushes/composer/resume-at-start", &test, run_composer_test);
  }

  return g_test_run ();
}
