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

#define G_LOG_DOMAIN "test-library-view"

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rushes-providers.h"
#include "rushes-application.h"
#include "rushes-clip-card.h"
#include "rushes-fake-provider.h"
#include "rushes-library-view.h"
#include "rushes-task-row.h"
#include "rushes-test-utils.h"
#include "rushes-window.h"

typedef void (*ViewTestFunc) (RushesApplication *app,
                              RushesLibraryView *view);

#define N_WAITING 20

static RushesFakeProvider *waiting_fake;

static const char *prompts[] = {
  "A lighthouse in a storm at night, waves crashing",
  "A paper boat drifting down a rainy street",
  "Fox running through fresh snow, slow motion",
  "Neon city seen from a moving tram",
  "Macro shot of dew on a spider web at dawn",
  "Hot air balloons over a desert canyon",
  "An old man playing chess in a park, autumn leaves",
  "Jellyfish glowing in a dark aquarium",
};

static const char *states[] = { "succeeded", "succeeded", "succeeded", "failed", "succeeded", "uncertain", "succeeded", "cancelled" };

/* A library as rushes-cli or the app leaves it on disk: one folder per
 * task with its task.json and, for finished clips, a poster frame. */
static void
write_library (guint n_tasks)
{
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "rushes", "library", NULL);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 1, 12, 0, 0);

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_minutes (base, i);
      g_autofree char *stamp = g_date_time_format (created, "%Y%m%d-%H%M%S");
      g_autofree char *id = g_strdup_printf ("%s-%04x", stamp, i);
      g_autofree char *iso = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S.000Z");
      g_autofree char *folder = g_build_filename (library, id, NULL);
      g_autofree char *json_path = g_build_filename (folder, "task.json", NULL);
      const char *state = states[i % G_N_ELEMENTS (states)];
      gboolean succeeded = g_str_equal (state, "succeeded");
      g_autofree char *json = NULL;

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      json = g_strdup_printf ("{\"version\": 1, \"id\": \"%s\", \"model\": \"%s\", \"provider\": \"wiro\","
                              " \"state\": \"%s\", \"prompt\": \"%s\","
                              " \"params\": {\"aspect_ratio\": \"16:9\", \"duration\": %u, \"resolution\": \"720p\", \"image\": null},"
                              " \"remote_id\": \"%u\", \"created_at\": \"%s\", \"finished_at\": \"%s\","
                              " \"progress\": 1.0, \"cost_usd\": %.2f, \"video\": %s,"
                              " \"error\": %s, \"remote_token\": \"t%u\", \"input\": null}",
                              id, i % 3 == 0 ? "wiro/openai/sora-2-pro" : "wiro/openai/sora-2",
                              state, prompts[i % G_N_ELEMENTS (prompts)],
                              (i % 3 + 1) * 4, 1000 + i, iso, iso,
                              succeeded ? 0.10 + (i % 7) * 0.1 : 0.0,
                              succeeded ? "\"video.mp4\"" : "null",
                              succeeded ? "null" : "{\"code\": \"failed\", \"message\": \"The provider gave up\"}",
                              i);
      g_assert_true (g_file_set_contents (json_path, json, -1, NULL));

      if (succeeded)
        {
          g_autofree char *video = g_build_filename (folder, "video.mp4", NULL);
          g_autofree char *thumbnail = g_build_filename (folder, "thumbnail.png", NULL);
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 180);
          cairo_t *cr = cairo_create (surface);
          cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 320, 180);

          cairo_pattern_add_color_stop_rgb (gradient, 0, 0.1 + 0.1 * (i % 8), 0.37, 0.71);
          cairo_pattern_add_color_stop_rgb (gradient, 1, 0.9, 0.38 + 0.05 * (i % 5), 0.0);
          cairo_set_source (cr, gradient);
          cairo_paint (cr);
          g_assert_cmpint (cairo_surface_write_to_png (surface, thumbnail), ==, CAIRO_STATUS_SUCCESS);
          cairo_pattern_destroy (gradient);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          g_assert_true (g_file_set_contents (video, "not played in this test", -1, NULL));
        }
    }
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(GBytes **) user_data = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
answered (gpointer data)
{
  return *(GBytes **) data != NULL;
}

/* Tasks sent before this start and still waiting upstream: the fake keeps
 * them queued, and the app follows them again (never sends them again). */
static void
write_waiting_tasks (RushesFakeProvider *fake,
                     guint               n_tasks)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *base = rushes_fake_provider_get_base_url (fake, "wiro");
  g_autofree char *url = g_strconcat (base, "/Run/openai/sora-2", NULL);
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "rushes", "library", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  static const char run_body[] = "{\"prompt\": \"A lighthouse\", \"seconds\": \"8\", \"resolution\": \"720p\", \"ratio\": \"16:9\"}";

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr(GBytes) request = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) created = g_date_time_add_minutes (now, -(int) i - 1);
      g_autofree char *stamp = g_date_time_format (created, "%Y%m%d-%H%M%S");
      g_autofree char *id = g_strdup_printf ("%s-w%03x", stamp, i);
      g_autofree char *iso = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S.000Z");
      g_autofree char *folder = g_build_filename (library, id, NULL);
      g_autofree char *json_path = g_build_filename (folder, "task.json", NULL);
      g_autofree char *json = NULL;
      JsonObject *object;

      request = g_bytes_new_static (run_body, strlen (run_body));
      soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key", "key");
      soup_message_set_request_body_from_bytes (message, "application/json", request);
      soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, posted_cb, &answer);
      rushes_test_wait_until (answered, &answer, "the fake provider accepts the task");

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), &error));
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      json = g_strdup_printf ("{\"version\": 1, \"id\": \"%s\", \"model\": \"wiro/openai/sora-2\", \"provider\": \"wiro\","
                              " \"state\": \"queued\", \"prompt\": \"Waiting task %u: %s\","
                              " \"params\": {\"aspect_ratio\": \"16:9\", \"duration\": 8, \"resolution\": \"720p\", \"image\": null},"
                              " \"remote_id\": \"%s\", \"remote_token\": \"%s\", \"created_at\": \"%s\","
                              " \"finished_at\": null, \"video\": null, \"error\": null, \"input\": null}",
                              id, i, prompts[i % G_N_ELEMENTS (prompts)],
                              json_object_get_string_member (object, "taskid"),
                              json_object_get_string_member (object, "socketaccesstoken"), iso);
      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
    }
}

/* As after restoring a library from a backup that left the videos out. */
static void
remove_videos (void)
{
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "rushes", "library", NULL);
  g_autoptr(GDir) dir = g_dir_open (library, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *video = g_build_filename (library, name, "video.mp4", NULL);

      g_remove (video);
    }
}

/* All of it: a large library arrives in batches. */
static gboolean
library_loaded (gpointer data)
{
  return !rushes_library_get_loading (rushes_engine_get_library (rushes_application_get_engine (data)));
}

static const char *
shown_page (RushesLibraryView *view)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view), RUSHES_TYPE_LIBRARY_VIEW, "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static void
run_test_cb (GApplication *application,
             gpointer      user_data)
{
  ViewTestFunc func = user_data;
  RushesApplication *app = RUSHES_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  RushesLibraryView *view = RUSHES_LIBRARY_VIEW (rushes_test_find_widget (GTK_WIDGET (window),
                                                                          RUSHES_TYPE_LIBRARY_VIEW, NULL));
  GList *windows;

  /* Still being read: the gallery says so, not that there are no clips. */
  g_assert_true (rushes_library_get_loading (rushes_engine_get_library (rushes_application_get_engine (app))));
  g_assert_cmpstr (shown_page (view), ==, "loading");

  rushes_test_wait_until (library_loaded, app, "the library is read");
  func (app, view);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  g_application_quit (application);
}

static void
run_view_test (gconstpointer data)
{
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  g_autoptr(RushesFakeProvider) fake = NULL;
  RushesApplication *app;

  rushes_test_init_system_data ();
  rushes_test_notifications_start ();
  write_library (g_str_has_suffix (g_test_get_path (), "thousand") ? 1000
                 : g_str_has_suffix (g_test_get_path (), "empty") ? 0
                 : strstr (g_test_get_path (), "idle") != NULL ? 1000 : 20);
  if (g_str_has_suffix (g_test_get_path (), "missing-videos"))
    remove_videos ();

  /* Tasks waiting upstream, for as long as the test lasts. */
  if (strstr (g_test_get_path (), "waiting") != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *base_url = NULL;
      g_autofree char *socket_url = NULL;

      fake = rushes_fake_provider_new (NULL);
      rushes_fake_provider_set_step_interval (fake, 3600 * 1000);
      g_assert_true (rushes_fake_provider_start (fake, &error));
      g_assert_no_error (error);
      base_url = rushes_fake_provider_get_base_url (fake, "wiro");
      socket_url = rushes_fake_provider_get_socket_url (fake);
      g_setenv ("RUSHES_WIRO_BASE_URL", base_url, TRUE);
      g_setenv ("RUSHES_WIRO_SOCKET_URL", socket_url, TRUE);
      g_setenv ("RUSHES_WIRO_API_KEY", "key", TRUE);
      write_waiting_tasks (fake, N_WAITING);
      waiting_fake = fake;
    }

  app = rushes_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  rushes_application_set_secret_store (app, secrets);
  g_signal_connect_after (app, "startup", G_CALLBACK (rushes_test_add_icon_theme_path), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_test_cb), (gpointer) data);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_finalize_object (app);

  /* The other tests have no key and no provider. */
  if (fake != NULL)
    {
      g_setenv ("RUSHES_WIRO_BASE_URL", "", TRUE);
      g_setenv ("RUSHES_WIRO_SOCKET_URL", "", TRUE);
      g_setenv ("RUSHES_WIRO_API_KEY", "", TRUE);
      waiting_fake = NULL;
    }
}

/* A first start: nothing to read, then the empty state. */
static void
view_empty (RushesApplication *app,
            RushesLibraryView *view)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rushes_engine_get_library (rushes_application_get_engine (app)))), ==, 0);
  g_assert_cmpstr (shown_page (view), ==, "empty");
}

static guint
count_where (GListModel *model,
             const char *state)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (model, i);

      n += g_str_equal (rushes_task_state_to_string (rushes_task_get_state (task)), state);
    }

  return n;
}

static void
view_search (RushesApplication *app,
             RushesLibraryView *view)
{
  GListModel *gallery = rushes_library_view_get_gallery (view);

  g_assert_cmpstr (shown_page (view), ==, "clips");
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 20);

  /* Prompt words, any case. */
  rushes_library_view_set_search (view, "LIGHTHOUSE");
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 3);

  /* Model and provider names. */
  rushes_library_view_set_search (view, "sora-2-pro");
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 7);
  rushes_library_view_set_search (view, "wiro");
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 20);

  rushes_library_view_set_search (view, "no such clip anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 0);
  rushes_library_view_set_search (view, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 20);
}

static void
view_filters (RushesApplication *app,
              RushesLibraryView *view)
{
  GListModel *gallery = rushes_library_view_get_gallery (view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.state", "s", "problems"));
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 5);
  g_assert_cmpuint (count_where (gallery, "failed") + count_where (gallery, "uncertain"), ==, 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.state", "s", "succeeded"));
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, count_where (gallery, "succeeded"));
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 13);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.provider", "s", "wavespeed"));
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.provider", "s", ""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.state", "s", "all"));
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 20);
}

static void
view_sort (RushesApplication *app,
           RushesLibraryView *view)
{
  GListModel *gallery = rushes_library_view_get_gallery (view);
  g_autoptr(RushesTask) first = NULL;
  g_autoptr(RushesTask) last = NULL;
  double previous = G_MAXDOUBLE;

  /* Newest first by default. */
  first = g_list_model_get_item (gallery, 0);
  last = g_list_model_get_item (gallery, 19);
  g_assert_cmpint (g_date_time_compare (rushes_task_get_created_at (first), rushes_task_get_created_at (last)), >, 0);
  g_clear_object (&first);
  g_clear_object (&last);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.sort", "s", "oldest"));
  first = g_list_model_get_item (gallery, 0);
  last = g_list_model_get_item (gallery, 19);
  g_assert_cmpint (g_date_time_compare (rushes_task_get_created_at (first), rushes_task_get_created_at (last)), <, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.sort", "s", "cost"));
  for (guint i = 0; i < g_list_model_get_n_items (gallery); i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (gallery, i);

      g_assert_cmpfloat (rushes_task_get_cost_usd (task), <=, previous);
      previous = rushes_task_get_cost_usd (task);
    }
}

static void
view_favourites (RushesApplication *app,
                 RushesLibraryView *view)
{
  GListModel *gallery = rushes_library_view_get_gallery (view);
  g_autoptr(RushesTask) task = g_list_model_get_item (gallery, 4);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.state", "s", "favourites"));
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 0);

  g_assert_true (rushes_library_set_favourite (rushes_engine_get_library (rushes_application_get_engine (app)), task, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 1);
  {
    g_autoptr(RushesTask) shown = g_list_model_get_item (gallery, 0);

    g_assert_true (shown == task);
  }
}

/* Deleting takes the clip out at once; its folder stays until the undo
 * toast is gone, so nothing paid for disappears by a slip. */
static void
view_delete (RushesApplication *app,
             RushesLibraryView *view)
{
  GListModel *gallery = rushes_library_view_get_gallery (view);
  g_autoptr(RushesTask) task = g_list_model_get_item (gallery, 0);
  g_autofree char *folder = g_file_get_path (rushes_task_get_folder (task));

  g_signal_emit_by_name (view, "delete-task", task);
  g_assert_cmpuint (g_list_model_get_n_items (gallery), ==, 19);
  g_assert_null (rushes_library_lookup (rushes_engine_get_library (rushes_application_get_engine (app)), rushes_task_get_id (task)));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

static RushesTask *
first_uncertain (GListModel *gallery)
{
  for (guint i = 0; i < g_list_model_get_n_items (gallery); i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (gallery, i);

      if (rushes_task_get_state (task) == RUSHES_TASK_STATE_UNCERTAIN)
        return task;
    }

  return NULL;
}

static gboolean
nothing_running (gpointer data)
{
  return rushes_engine_get_n_following (rushes_application_get_engine (data)) == 0;
}

/* An uncertain task: checking again never re-sends it; the user can mark
 * it as failed once the provider shows no trace of it. */
static void
view_uncertain (RushesApplication *app,
                RushesLibraryView *view)
{
  GListModel *gallery = rushes_library_view_get_gallery (view);
  RushesTask *task = first_uncertain (gallery);
  g_autoptr(RushesLibrary) reopened = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_nonnull (task);

  g_signal_emit_by_name (view, "check-again", task);
  rushes_test_wait_until (nothing_running, app, "the check ends");
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_UNCERTAIN);

  g_signal_emit_by_name (view, "mark-failed", task);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_FAILED);
  g_assert_nonnull (strstr (rushes_task_get_error_message (task), "Marked as failed"));

  /* It is in the record, for the next start and for rushes-cli. */
  reopened = rushes_library_new (NULL);
  rushes_library_load_async (reopened, NULL, rushes_test_store_result_cb, &result);
  g_assert_true (rushes_library_load_finish (reopened, rushes_test_await (&result), NULL));
  g_assert_cmpint (rushes_task_get_state (rushes_library_lookup (reopened, rushes_task_get_id (task))), ==,
                   RUSHES_TASK_STATE_FAILED);
}

typedef struct
{
  RushesApplication *app;
  guint              ended;
  guint              most_running;
} Fetches;

static void
fetch_ended_cb (RushesEngine *engine,
                RushesTask   *task,
                const GError *error,
                Fetches      *fetches)
{
  fetches->ended++;
  /* No key here: each one fails, and stays a succeeded clip. */
  g_assert_nonnull (error);
  g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_SUCCEEDED);
  fetches->most_running = MAX (fetches->most_running, rushes_engine_get_n_following (engine));
}

static gboolean
all_fetched (gpointer data)
{
  Fetches *fetches = data;

  return fetches->ended == count_where (G_LIST_MODEL (rushes_engine_get_library (rushes_application_get_engine (fetches->app))), "succeeded") &&
         rushes_engine_get_n_following (rushes_application_get_engine (fetches->app)) == 0;
}

/* Every clip whose video is missing is asked for again, two at a time. */
static void
view_missing_videos (RushesApplication *app,
                     RushesLibraryView *view)
{
  Fetches fetches = { app, 0, 0 };
  GListModel *library = G_LIST_MODEL (rushes_engine_get_library (rushes_application_get_engine (app)));
  /* The first two may be under way already. */
  guint succeeded = count_where (library, "succeeded") + count_where (library, "downloading");

  g_assert_cmpuint (count_where (library, "downloading"), <=, 2);
  g_assert_cmpuint (succeeded, >, 4);
  fetches.most_running = rushes_engine_get_n_following (rushes_application_get_engine (app));
  g_signal_connect (rushes_application_get_engine (app), "task-ended", G_CALLBACK (fetch_ended_cb), &fetches);
  rushes_test_wait_until (all_fetched, &fetches, "every missing video was asked for");
  g_signal_handlers_disconnect_by_data (app, &fetches);

  g_assert_cmpuint (fetches.ended, ==, succeeded);
  g_assert_cmpuint (fetches.most_running, >=, 1);
  g_assert_cmpuint (fetches.most_running, <=, 2);
}

/* Every clip on screen that has a poster frame shows it: the cards load
 * them from disk asynchronously, after their first frames. */
static gboolean
posters_shown (gpointer data)
{
  g_autoptr(GPtrArray) cards = rushes_test_find_widgets (GTK_WIDGET (data), RUSHES_TYPE_CLIP_CARD);
  guint shown = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *card = cards->pdata[i];
      RushesTask *task = rushes_clip_card_get_task (RUSHES_CLIP_CARD (card));
      GtkWidget *picture;

      if (!gtk_widget_get_mapped (card) || task == NULL ||
          rushes_task_get_state (task) != RUSHES_TASK_STATE_SUCCEEDED)
        continue;

      picture = rushes_test_find_widget (card, GTK_TYPE_PICTURE, NULL);
      if (picture == NULL || gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
        return FALSE;
      shown++;
    }

  return shown > 0;
}

static void
render_window (RushesApplication *app,
               const char        *name)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  gtk_window_set_default_size (window, 1280, 800);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  rushes_test_wait_until (posters_shown, window, "the gallery shows its poster frames");
  /* Laid out again around them */
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered %s", path);
}

/* The grid keeps max-columns × 30 cards alive: the maximum follows the
 * gallery's width rather than a fixed eight. */
static void
assert_columns_follow_width (RushesLibraryView *view)
{
  GtkGridView *gallery = GTK_GRID_VIEW (rushes_test_find_widget (GTK_WIDGET (view), GTK_TYPE_GRID_VIEW, NULL));
  int width = gtk_widget_get_width (GTK_WIDGET (gallery));
  guint max_columns = gtk_grid_view_get_max_columns (gallery);

  g_assert_cmpint (width, >, 0);
  g_test_message ("gallery %d px wide: at most %u columns", width, max_columns);
  g_assert_cmpuint (max_columns, >=, width / 160);
  g_assert_cmpuint (max_columns, <=, (width + 119) / 120);
}

static void
view_renders_twenty (RushesApplication *app,
                     RushesLibraryView *view)
{
  render_window (app, "gallery-20.png");
  assert_columns_follow_width (view);
}

static void
view_renders_thousand (RushesApplication *app,
                       RushesLibraryView *view)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkGridView *gallery = GTK_GRID_VIEW (rushes_test_find_widget (GTK_WIDGET (view), GTK_TYPE_GRID_VIEW, NULL));
  guint narrow_columns;

  g_assert_cmpuint (g_list_model_get_n_items (rushes_library_view_get_gallery (view)), ==, 1000);
  render_window (app, "gallery-1000.png");
  assert_columns_follow_width (view);
  narrow_columns = gtk_grid_view_get_max_columns (gallery);

  /* A wider window: more columns may show, and do. */
  gtk_window_set_default_size (window, 1900, 1000);
  rushes_test_wait_for_frames (GTK_WIDGET (window), 5);
  assert_columns_follow_width (view);
  g_assert_cmpuint (gtk_grid_view_get_max_columns (gallery), >, narrow_columns);
}

/* Drawing while nothing changes ------------------------------------------ */

typedef struct
{
  guint paints;
  guint layouts;
} Frames;

static void
count_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->paints++;
}

static void
count_layout_cb (GdkFrameClock *clock,
                 Frames        *frames)
{
  frames->layouts++;
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* What the window's frame clock does in @msec of main loop: frames painted
 * and layouts (a layout also asks the X server for the work area). */
static void
count_frames (GtkWidget *window,
              guint      msec,
              Frames    *frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean done = FALSE;

  *frames = (Frames) { 0 };
  g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint_cb), frames);
  g_signal_connect (clock, "layout", G_CALLBACK (count_layout_cb), frames);
  g_timeout_add (msec, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (clock, frames);
}

/* Until a whole second passes without a layout (and, unless @layouts_only,
 * without a paint): the first frames, posters decoded in threads, the first
 * answers of the provider. A window that never gets there fails the test. */
static void
wait_until_quiet (GtkWidget *window,
                  gboolean   layouts_only)
{
  gint64 deadline = g_get_monotonic_time () + rushes_test_scaled_usec (30);
  Frames frames;

  do
    {
      count_frames (window, rushes_test_scaled_usec (1) / 1000, &frames);
      if (g_get_monotonic_time () > deadline)
        g_test_message ("Still busy after 30 s: %u frames painted and %u layouts in the last second",
                        frames.paints, frames.layouts);
      g_assert_cmpint (g_get_monotonic_time (), <=, deadline);
    }
  while (frames.layouts > 0 || (!layouts_only && frames.paints > 0));
}

/* A library of a thousand clips with nothing running, once shown, draws
 * nothing at all: an idle app uses no processor and lets the laptop sleep.
 * (A spinner spinning on a hidden page relaid the gallery out 150 times a
 * second.) */
static void
view_idle_draws_nothing (RushesApplication *app,
                         RushesLibraryView *view)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  Frames frames;

  g_assert_cmpuint (g_list_model_get_n_items (rushes_library_view_get_gallery (view)), ==, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (rushes_library_view_get_active (view)), ==, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);

  wait_until_quiet (window, FALSE);
  count_frames (window, 3000, &frames);
  g_test_message ("idle, 1000 clips: %u frames painted and %u layouts in 3 s", frames.paints, frames.layouts);
  g_assert_cmpuint (frames.paints, ==, 0);
  g_assert_cmpuint (frames.layouts, ==, 0);
}

static gboolean
all_waiting_followed (gpointer data)
{
  RushesApplication *app = data;

  return rushes_engine_get_n_following (rushes_application_get_engine (app)) == N_WAITING &&
         rushes_fake_provider_count_requests (waiting_fake, "/wiro/socket") >= N_WAITING &&
         rushes_fake_provider_count_requests (waiting_fake, "/Task/Detail") >= N_WAITING;
}

static const char *
elapsed_text (GtkWidget *row)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (row, RUSHES_TYPE_TASK_ROW, "elapsed_label"));

  return gtk_inscription_get_text (GTK_INSCRIPTION (label));
}

/* Twenty tasks waiting upstream: the elapsed time of the rows in sight
 * ticks once a second, and that is all that is drawn, without laying the
 * window out again; the running list takes a few rows and leaves the
 * library in sight. (Pulsing bars and per-row timers drew 60 frames and
 * laid the window out 120 times a second.) */
static void
view_waiting_draws_little (RushesApplication *app,
                           RushesLibraryView *view)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWidget *active_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), RUSHES_TYPE_LIBRARY_VIEW, "active_list"));
  GtkWidget *active_scroller = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), RUSHES_TYPE_LIBRARY_VIEW, "active_scroller"));
  GtkWidget *gallery_scroller = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), RUSHES_TYPE_LIBRARY_VIEW, "gallery_scroller"));
  GListModel *active = rushes_library_view_get_active (view);
  GtkWidget *first_row, *last_row;
  g_autofree char *first_before = NULL;
  g_autofree char *last_before = NULL;
  Frames frames;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  rushes_test_wait_until (all_waiting_followed, app, "every waiting task is followed again");
  g_assert_cmpuint (g_list_model_get_n_items (active), ==, N_WAITING);
  wait_until_quiet (window, TRUE);

  first_row = rushes_test_find_widget (active_list, RUSHES_TYPE_TASK_ROW, NULL);
  last_row = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (GTK_LIST_BOX (active_list), N_WAITING - 1));
  first_before = g_strdup (elapsed_text (first_row));
  last_before = g_strdup (elapsed_text (last_row));

  count_frames (window, 5000, &frames);
  g_test_message ("%u tasks waiting: %u frames painted and %u layouts in 5 s", N_WAITING, frames.paints, frames.layouts);
  /* One frame a second, when the elapsed times change. */
  g_assert_cmpuint (frames.paints, <=, 5 + 2);
  g_assert_cmpuint (frames.layouts, ==, 0);

  /* Still waiting, and the user sees the time go by. */
  for (guint i = 0; i < N_WAITING; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (active, i);

      g_assert_cmpint (rushes_task_get_state (task), ==, RUSHES_TASK_STATE_QUEUED);
    }
  g_assert_cmpstr (elapsed_text (first_row), !=, first_before);
  /* A row scrolled out of sight is not redrawn. */
  g_assert_cmpstr (elapsed_text (last_row), ==, last_before);

  /* The running list stays a few rows high; the library keeps most of
   * the pane. */
  g_test_message ("running list %d px high, library %d px", gtk_widget_get_height (active_scroller),
                  gtk_widget_get_height (gallery_scroller));
  g_assert_cmpint (gtk_widget_get_height (active_scroller), <=, 300);
  g_assert_cmpint (gtk_widget_get_height (gallery_scroller), >=, gtk_widget_get_height (GTK_WIDGET (view)) / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_data_func ("/rushes/library-view/empty", view_empty, run_view_test);
  g_test_add_data_func ("/rushes/library-view/search", view_search, run_view_test);
  g_test_add_data_func ("/rushes/library-view/filters", view_filters, run_view_test);
  g_test_add_data_func ("/rushes/library-view/sort", view_sort, run_view_test);
  g_test_add_data_func ("/rushes/library-view/favourites", view_favourites, run_view_test);
  g_test_add_data_func ("/rushes/library-view/delete", view_delete, run_view_test);
  g_test_add_data_func ("/rushes/library-view/uncertain", view_uncertain, run_view_test);
  g_test_add_data_func ("/rushes/library-view/renders-twenty", view_renders_twenty, run_view_test);
  g_test_add_data_func ("/rushes/library-view/missing-videos", view_missing_videos, run_view_test);
  g_test_add_data_func ("/rushes/library-view/renders-thousand", view_renders_thousand, run_view_test);
  g_test_add_data_func ("/rushes/library-view/idle-draws-nothing", view_idle_draws_nothing, run_view_test);
  g_test_add_data_func ("/rushes/library-view/waiting-draws-little", view_waiting_draws_little, run_view_test);

  return g_test_run ();
}
