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

#define G_LOG_DOMAIN "rushes-test-takes"

#include "config.h"

#include <math.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rushes-test-takes.h"

/* What the tests of shots, Compare, clip details and the adaptive window
 * share: a library of takes written as the app leaves it, the app run
 * around a test, the window at an exact size, and renders (the waits and
 * finders are support's). */

static void
link_or_copy (const char *from,
              const char *to)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GError) error = NULL;

  if (link (from, to) == 0)
    return;

  source = g_file_new_for_path (from);
  destination = g_file_new_for_path (to);
  g_assert_true (g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/**
 * rushes_test_write_take:
 *
 * Returns: (transfer full): the new task's id
 */
char *
rushes_test_write_take (const RushesTestTake *take)
{
  static guint serial;
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "rushes", "library", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *created = take->created_at != NULL ? take->created_at : now;
  g_autofree char *stamp = g_date_time_format (created, "%Y%m%d-%H%M%S");
  g_autofree char *iso = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *id = g_strdup_printf ("%s-%05x", stamp, serial++ & 0xfffff);
  g_autofree char *folder = g_build_filename (library, id, NULL);
  g_autofree char *record = g_build_filename (folder, "task.json", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char *state = take->state != NULL ? take->state : "succeeded";
  gboolean succeeded = g_str_equal (state, "succeeded");
  g_auto(GStrv) model_parts = g_strsplit (take->model, "/", 2);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, take->model);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, model_parts[0]);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, take->prompt);
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "aspect_ratio");
  json_builder_add_string_value (builder, take->aspect_ratio != NULL ? take->aspect_ratio : "16:9");
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, take->duration > 0 ? take->duration : 8);
  json_builder_set_member_name (builder, "resolution");
  json_builder_add_string_value (builder, take->resolution != NULL ? take->resolution : "720p");
  if (take->seed >= 0)
    {
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, take->seed);
    }
  json_builder_set_member_name (builder, "image");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "remote_id");
  {
    g_autofree char *remote = g_strdup_printf ("rq-%08x", g_str_hash (id));

    json_builder_add_string_value (builder, remote);
  }
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "finished_at");
  {
    g_autoptr(GDateTime) finished = g_date_time_add_seconds (created, 94);
    g_autofree char *finished_iso = g_date_time_format (finished, "%Y-%m-%dT%H:%M:%S.000Z");

    json_builder_add_string_value (builder, finished_iso);
  }
  json_builder_set_member_name (builder, "progress");
  json_builder_add_double_value (builder, 1.0);
  json_builder_set_member_name (builder, "cost_usd");
  json_builder_add_double_value (builder, take->cost_usd);
  json_builder_set_member_name (builder, "video");
  if (succeeded && take->video != NULL)
    json_builder_add_string_value (builder, "video.mp4");
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "shot");
  json_builder_add_string_value (builder, take->shot != NULL ? take->shot : id);
  json_builder_set_member_name (builder, "favourite");
  json_builder_add_boolean_value (builder, take->favourite);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_assert_true (g_file_set_contents (record, json, -1, NULL));

  if (succeeded && take->video != NULL)
    {
      g_autofree char *video = g_build_filename (folder, "video.mp4", NULL);

      link_or_copy (take->video, video);
    }
  if (succeeded && take->poster != NULL)
    {
      g_autofree char *poster = g_build_filename (folder, "thumbnail.png", NULL);

      link_or_copy (take->poster, poster);
    }

  return g_steal_pointer (&id);
}

/**
 * rushes_test_write_poster:
 * @hue: 0..1, the colour of the gradient
 *
 * Returns: (transfer full): the path of a 480×270 PNG in the cache folder
 */
char *
rushes_test_write_poster (const char *name,
                          double      hue)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 270);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 480, 270);
  double r = 0.5 + 0.4 * sin (2 * G_PI * hue), g = 0.5 + 0.4 * sin (2 * G_PI * (hue + 1.0 / 3));
  double b = 0.5 + 0.4 * sin (2 * G_PI * (hue + 2.0 / 3));

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  cairo_pattern_add_color_stop_rgb (gradient, 0, r * 0.4, g * 0.4, b * 0.6);
  cairo_pattern_add_color_stop_rgb (gradient, 1, r, g, b);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return g_steal_pointer (&path);
}

static void
run_test_cb (GApplication *application,
             gpointer      user_data)
{
  RushesTestAppFunc func = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GList *windows;

  /* Folding and page changes happen at once: no animation to wait out. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  func (RUSHES_APPLICATION (application), window);

  /* Each window holds a reference on the application. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  g_application_quit (application);
}

/**
 * rushes_test_run_app:
 *
 * Runs @func once Rushes has started and shown its window over the
 * library on disk, then quits and checks that nothing leaked.
 */
void
rushes_test_run_app (RushesTestAppFunc func)
{
  g_autoptr(RushesSecretStore) secrets = rushes_memory_secret_store_new ();
  RushesApplication *app;

  rushes_test_init_system_data ();
  app = rushes_application_new ();
  /* Not the keyring: a lookup would start one on the test's bus. */
  rushes_application_set_secret_store (app, secrets);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "startup", G_CALLBACK (rushes_test_add_icon_theme_path), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_test_cb), func);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_finalize_object (app);
}

typedef struct
{
  RushesLibrary *library;
  guint          n_clips;
} LibraryWait;

static gboolean
library_loaded (gpointer data)
{
  LibraryWait *wait = data;

  return !rushes_library_get_loading (wait->library) &&
         g_list_model_get_n_items (G_LIST_MODEL (wait->library)) == wait->n_clips;
}

/**
 * rushes_test_wait_for_library:
 * @n_clips: how many clips the library on disk holds
 *
 * Waits until Rushes has read them all.
 */
void
rushes_test_wait_for_library (RushesApplication *app,
                              guint              n_clips)
{
  LibraryWait wait = { rushes_engine_get_library (rushes_application_get_engine (app)), n_clips };

  rushes_test_wait_until (library_loaded, &wait, "the library is loaded");
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} SizeWait;

static gboolean
size_is (gpointer data)
{
  SizeWait *wait = data;

  return gtk_widget_get_width (wait->widget) == wait->width &&
         gtk_widget_get_height (wait->widget) == wait->height;
}

static gboolean
size_changed (gpointer data)
{
  SizeWait *wait = data;

  return gtk_widget_get_width (wait->widget) > 0 &&
         (gtk_widget_get_width (wait->widget) != wait->width ||
          gtk_widget_get_height (wait->widget) != wait->height);
}

/**
 * rushes_test_set_window_size:
 *
 * Gives @window's content exactly @width × @height, whatever room its
 * client-side decorations take around it, and waits until it is drawn so.
 */
void
rushes_test_set_window_size (GtkWindow *window,
                             int        width,
                             int        height)
{
  SizeWait wait = { GTK_WIDGET (window), gtk_widget_get_width (GTK_WIDGET (window)),
                    gtk_widget_get_height (GTK_WIDGET (window)) };
  int default_width, default_height;

  gtk_window_get_default_size (window, &default_width, &default_height);
  if (wait.width > 0 && wait.width == width && wait.height == height)
    return;

  /* The decorations' share: the default size less the size laid out. */
  if (wait.width > 0 && default_width > 0 && default_height > 0)
    gtk_window_set_default_size (window, width + (default_width - wait.width), height + (default_height - wait.height));
  else
    {
      gtk_window_set_default_size (window, width, height);
      rushes_test_wait_until (size_changed, &wait, "the window is laid out");
      gtk_window_get_default_size (window, &default_width, &default_height);
      gtk_window_set_default_size (window, width + (default_width - gtk_widget_get_width (GTK_WIDGET (window))),
                                   height + (default_height - gtk_widget_get_height (GTK_WIDGET (window))));
    }

  wait.width = width;
  wait.height = height;
  rushes_test_wait_until (size_is, &wait, "the window takes its new size");
  rushes_test_wait_for_frames (GTK_WIDGET (window), 2);
}

/**
 * rushes_test_render_png:
 * @name: a file name in the test's build folder
 *
 * Renders @widget (a window, usually) as it is now.
 */
void
rushes_test_render_png (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* A widget being redrawn (a video plays in it) has no picture until its
   * frame is drawn: take the next one. */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (tries > 0)
        rushes_test_wait_for_frames (widget, 1);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered %s", path);
}
