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

#include "config.h"

#include <gtk/gtk.h>

#include "rushes-providers.h"
#include "rushes-poster-cache.h"
#include "rushes-test-async.h"
#include "rushes-test-utils.h"

/* The gallery's poster frames: decoded off the main thread at the size
 * shown, newest request first, kept while recently used. */

static GFile *
write_poster (const char *name,
              int         width,
              int         height)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  cairo_set_source_rgb (cr, 0.8, 0.3, 0.1);
  cairo_paint (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return g_file_new_for_path (path);
}

static GdkTexture *
load (RushesPosterCache  *cache,
      GFile              *file,
      int                 width,
      GCancellable       *cancellable,
      GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_poster_cache_load_async (cache, file, width, cancellable, rushes_test_store_result_cb, &result);
  return rushes_poster_cache_load_finish (cache, rushes_test_await (&result), error);
}

static void
test_sizes (void)
{
  g_autoptr(RushesPosterCache) cache = rushes_poster_cache_new (8);
  g_autoptr(GFile) file = write_poster ("wide.png", 480, 270);
  g_autoptr(GdkTexture) small = NULL;
  g_autoptr(GdkTexture) natural = NULL;
  g_autoptr(GdkTexture) large = NULL;
  g_autoptr(GError) error = NULL;

  /* Exactly the width asked for, in proportion. */
  small = load (cache, file, 160, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (small), ==, 160);
  g_assert_cmpint (gdk_texture_get_height (small), ==, 90);

  natural = load (cache, file, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (natural), ==, 480);
  g_assert_cmpint (gdk_texture_get_height (natural), ==, 270);

  /* Never blown up beyond the poster's own size. */
  large = load (cache, file, 1200, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (large), ==, 480);

  g_assert_cmpuint (rushes_poster_cache_get_size (cache), ==, 3);
  g_assert_finalize_object (g_steal_pointer (&cache));
}

static void
test_lookup_and_forget (void)
{
  g_autoptr(RushesPosterCache) cache = rushes_poster_cache_new (8);
  g_autoptr(GFile) file = write_poster ("poster.png", 320, 180);
  g_autoptr(GdkTexture) loaded = NULL;
  g_autoptr(GdkTexture) found = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (rushes_poster_cache_lookup (cache, file, 160));

  loaded = load (cache, file, 160, NULL, &error);
  g_assert_no_error (error);

  /* Scrolling back: the same texture at once, for the same width only. */
  found = rushes_poster_cache_lookup (cache, file, 160);
  g_assert_true (found == loaded);
  g_assert_null (rushes_poster_cache_lookup (cache, file, 200));

  /* A poster made again replaces the old one. */
  rushes_poster_cache_forget (cache, file);
  g_assert_null (rushes_poster_cache_lookup (cache, file, 160));
  g_assert_cmpuint (rushes_poster_cache_get_size (cache), ==, 0);
  again = load (cache, file, 160, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again != loaded);
}

static void
load_and_drop (RushesPosterCache *cache,
               GFile             *file)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = load (cache, file, 0, NULL, &error);

  g_assert_no_error (error);
  g_object_unref (texture);
}

/* Looking a poster up counts as using it. */
static gboolean
is_cached (RushesPosterCache *cache,
           GFile             *file)
{
  g_autoptr(GdkTexture) texture = rushes_poster_cache_lookup (cache, file, 0);

  return texture != NULL;
}

static void
test_least_recently_used (void)
{
  g_autoptr(RushesPosterCache) cache = rushes_poster_cache_new (2);
  g_autoptr(GFile) first = write_poster ("first.png", 64, 36);
  g_autoptr(GFile) second = write_poster ("second.png", 64, 36);
  g_autoptr(GFile) third = write_poster ("third.png", 64, 36);

  load_and_drop (cache, first);
  load_and_drop (cache, second);

  /* Seen again, so the second one is now the oldest. */
  g_assert_true (is_cached (cache, first));
  load_and_drop (cache, third);

  g_assert_cmpuint (rushes_poster_cache_get_size (cache), ==, 2);
  g_assert_false (is_cached (cache, second));
  g_assert_true (is_cached (cache, first));
  g_assert_true (is_cached (cache, third));
}

static void
test_errors (void)
{
  g_autoptr(RushesPosterCache) cache = rushes_poster_cache_new (8);
  g_autoptr(GFile) missing = g_file_new_build_filename (g_get_user_cache_dir (), "nowhere", "thumbnail.png", NULL);
  g_autoptr(GFile) garbage = g_file_new_build_filename (g_get_user_cache_dir (), "garbage.png", NULL);
  g_autoptr(GFile) file = write_poster ("fine.png", 64, 36);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* Not made yet: the card asks for one. */
  g_assert_null (load (cache, missing, 160, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (g_file_peek_path (garbage), "not a picture", -1, NULL));
  g_assert_null (load (cache, garbage, 160, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "garbage.png"));
  g_clear_error (&error);

  /* Scrolled past before its turn: never decoded. */
  g_cancellable_cancel (cancellable);
  g_assert_null (load (cache, file, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (rushes_poster_cache_get_size (cache), ==, 0);
}

typedef struct
{
  GPtrArray *order;
  guint      pending;
} Completions;

static void
completed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Completions *completions = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = rushes_poster_cache_load_finish (RUSHES_POSTER_CACHE (object), result, &error);
  g_assert_no_error (error);
  g_ptr_array_add (completions->order, GINT_TO_POINTER (gdk_texture_get_width (texture)));
  completions->pending--;
}

/* The cards on screen now come before the ones scrolled past. */
static gboolean
all_completed (gpointer data)
{
  return ((Completions *) data)->pending == 0;
}

static void
test_newest_first (void)
{
  g_autoptr(RushesPosterCache) cache = rushes_poster_cache_new (8);
  /* Large enough to keep the decoder busy while the others queue up. */
  g_autoptr(GFile) busy = write_poster ("busy.png", 4000, 3000);
  g_autoptr(GFile) file = write_poster ("queued.png", 640, 360);
  Completions completions = { g_ptr_array_new (), 0 };
  const int widths[] = { 101, 102, 103, 104 };
  gint first = -1, last = -1;

  rushes_poster_cache_load_async (cache, busy, 0, NULL, completed_cb, &completions);
  completions.pending++;
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      rushes_poster_cache_load_async (cache, file, widths[i], NULL, completed_cb, &completions);
      completions.pending++;
    }
  rushes_test_wait_until (all_completed, &completions, "every load completes");

  /* Whatever ran first, the queued ones came newest first. */
  for (guint i = 0; i < completions.order->len; i++)
    {
      int width = GPOINTER_TO_INT (g_ptr_array_index (completions.order, i));

      if (width == 4000)
        continue;
      if (first == -1)
        first = width;
      if (last != -1)
        g_assert_cmpint (width, <, last);
      last = width;
    }
  g_assert_cmpint (first, ==, 104);
  g_assert_cmpint (last, ==, 101);

  g_ptr_array_unref (completions.order);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();
  /* Image formats are recognised through the system's MIME database. */
  rushes_test_init_system_data ();

  g_test_add_func ("/rushes/poster-cache/sizes", test_sizes);
  g_test_add_func ("/rushes/poster-cache/lookup-and-forget", test_lookup_and_forget);
  g_test_add_func ("/rushes/poster-cache/least-recently-used", test_least_recently_used);
  g_test_add_func ("/rushes/poster-cache/errors", test_errors);
  g_test_add_func ("/rushes/poster-cache/newest-first", test_newest_first);

  return g_test_run ();
}
