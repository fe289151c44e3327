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

#define G_LOG_DOMAIN "shoot-takes"

#include "config.h"

#include <math.h>

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include "rushes-clip-card.h"
#include "rushes-compare-view.h"
#include "rushes-library-view.h"
#include "rushes-player-private.h"
#include "rushes-player-view.h"
#include "rushes-providers.h"
#include "rushes-test-takes.h"
#include "rushes-wipe.h"

/* The screenshots of shots, Compare and the narrow window in the README:
 * `ninja -C _build screenshots-takes` writes them to data/screenshots/.
 *
 * The library is made here: each clip is a little animated scene drawn
 * with cairo and encoded to H.264 (a lighthouse in four takes from three
 * models, a kite in three, paper cranes in two, and single clips), with
 * records as the app writes them. The takes are drawn, not generated: the
 * screenshots show Rushes, not a model. */

/* The scenes are drawn on a 480×270 canvas, scaled to the clip's size. */
#define WIDTH    480
#define HEIGHT   270
#define CLIP_WIDTH  1280
#define CLIP_HEIGHT 720
#define FPS      30
#define SECONDS  4

typedef enum {
  SCENE_LIGHTHOUSE,
  SCENE_DUNES,
  SCENE_CRANES,
  SCENE_CITY,
  SCENE_POND,
  SCENE_FOREST,
} Scene;

typedef struct
{
  Scene   scene;
  double  hue;       /* the take's own light */
  double  variant;   /* 0..1: where things are, how they move */
} Look;

static void
sky (cairo_t *cr,
     double   r1, double g1, double b1,
     double   r2, double g2, double b2)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 0, HEIGHT);

  cairo_pattern_add_color_stop_rgb (gradient, 0, r1, g1, b1);
  cairo_pattern_add_color_stop_rgb (gradient, 1, r2, g2, b2);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);
}

static void
draw_lighthouse (cairo_t    *cr,
                 const Look *look,
                 double      t)
{
  double dusk = look->hue;
  double beam = look->variant * 2 * G_PI + t * 2.4;

  /* Sky from storm to sunset, by take. */
  sky (cr, 0.12 + 0.5 * dusk, 0.14 + 0.25 * dusk, 0.22 + 0.1 * (1 - dusk),
       0.55 + 0.4 * dusk, 0.42 + 0.2 * dusk, 0.35 + 0.2 * (1 - dusk));

  /* Clouds drifting. */
  for (int i = 0; i < 5; i++)
    {
      double x = fmod (i * 130 + t * (20 + 15 * look->variant) * SECONDS, WIDTH + 160) - 80;

      cairo_set_source_rgba (cr, 0.2, 0.2, 0.25, 0.35);
      cairo_save (cr);
      cairo_translate (cr, x, 40 + 18 * sin (i * 1.7));
      cairo_scale (cr, 2.6, 0.7);
      cairo_arc (cr, 0, 0, 30, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
    }

  /* The beam sweeping. */
  cairo_save (cr);
  cairo_translate (cr, 360, 112);
  cairo_rotate (cr, sin (beam) * 0.9 + G_PI);
  {
    cairo_pattern_t *light = cairo_pattern_create_linear (0, 0, 300, 0);

    cairo_pattern_add_color_stop_rgba (light, 0, 1, 0.95, 0.7, 0.75);
    cairo_pattern_add_color_stop_rgba (light, 1, 1, 0.95, 0.7, 0);
    cairo_set_source (cr, light);
    cairo_move_to (cr, 0, 0);
    cairo_line_to (cr, 300, -40);
    cairo_line_to (cr, 300, 40);
    cairo_close_path (cr);
    cairo_fill (cr);
    cairo_pattern_destroy (light);
  }
  cairo_restore (cr);

  /* Sea, waves rolling in. */
  for (int layer = 0; layer < 3; layer++)
    {
      double base = 180 + layer * 28;

      cairo_move_to (cr, 0, HEIGHT);
      for (int x = 0; x <= WIDTH; x += 8)
        cairo_line_to (cr, x, base + 6 * sin (x / (40.0 + layer * 12) + t * 6 + layer + look->variant * 4));
      cairo_line_to (cr, WIDTH, HEIGHT);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 0.05 + 0.06 * layer + 0.1 * dusk, 0.14 + 0.06 * layer, 0.22 + 0.05 * layer);
      cairo_fill (cr);
    }

  /* Cliff and tower. */
  cairo_set_source_rgb (cr, 0.08, 0.08, 0.09);
  cairo_move_to (cr, 290, HEIGHT);
  cairo_curve_to (cr, 300, 190, 320, 150, 340, 140);
  cairo_line_to (cr, 420, 138);
  cairo_curve_to (cr, 450, 160, 470, 200, WIDTH, 210);
  cairo_line_to (cr, WIDTH, HEIGHT);
  cairo_close_path (cr);
  cairo_fill (cr);
  for (int band = 0; band < 4; band++)
    {
      cairo_set_source_rgb (cr, band % 2 ? 0.75 : 0.92, band % 2 ? 0.15 : 0.92, band % 2 ? 0.15 : 0.9);
      cairo_rectangle (cr, 350 - band * 0.8, 118 + band * 5, 20 + band * 1.6, 5);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 1, 0.93, 0.6);
  cairo_rectangle (cr, 353, 106, 14, 10);
  cairo_fill (cr);

  /* Rain in the stormy takes. */
  if (dusk < 0.4)
    {
      cairo_set_source_rgba (cr, 0.8, 0.85, 0.95, 0.35);
      cairo_set_line_width (cr, 1);
      for (int i = 0; i < 120; i++)
        {
          double x = fmod (i * 37.3 + t * 90, WIDTH);
          double y = fmod (i * 53.1 + t * 900, HEIGHT);

          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x - 4, y + 12);
        }
      cairo_stroke (cr);
    }
}

static void
draw_dunes (cairo_t    *cr,
            const Look *look,
            double      t)
{
  double kx = 80 + 300 * look->variant + 40 * sin (t * 3);
  double ky = 60 + 20 * cos (t * 4 + look->variant * 3);

  sky (cr, 0.35 + 0.3 * look->hue, 0.6, 0.9, 0.98, 0.8 - 0.2 * look->hue, 0.45);
  cairo_set_source_rgb (cr, 1, 0.92, 0.6);
  cairo_arc (cr, 400 - 200 * look->variant, 70, 22, 0, 2 * G_PI);
  cairo_fill (cr);

  for (int layer = 0; layer < 3; layer++)
    {
      cairo_move_to (cr, 0, HEIGHT);
      for (int x = 0; x <= WIDTH; x += 8)
        cairo_line_to (cr, x, 170 + layer * 30 + 18 * sin (x / (70.0 - layer * 10) + layer * 2 + look->variant));
      cairo_line_to (cr, WIDTH, HEIGHT);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 0.25 + 0.1 * layer, 0.5 + 0.1 * layer - 0.1 * look->hue, 0.22);
      cairo_fill (cr);
    }

  /* The kite on its string. */
  cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, kx, ky + 20);
  cairo_curve_to (cr, kx + 30, ky + 90, kx - 20, 180, kx + 10, HEIGHT);
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_translate (cr, kx, ky);
  cairo_rotate (cr, 0.3 * sin (t * 5));
  cairo_set_source_rgb (cr, 0.85, 0.15, 0.12);
  cairo_move_to (cr, 0, -22);
  cairo_line_to (cr, 14, 0);
  cairo_line_to (cr, 0, 24);
  cairo_line_to (cr, -14, 0);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_cranes (cairo_t    *cr,
             const Look *look,
             double      t)
{
  sky (cr, 0.93, 0.9, 0.84, 0.78, 0.72, 0.66);
  /* Shelves of books behind. */
  for (int i = 0; i < 12; i++)
    {
      cairo_set_source_rgba (cr, 0.4 + 0.05 * (i % 3), 0.25, 0.2 + 0.05 * (i % 4), 0.35);
      cairo_rectangle (cr, i * 40, 150 + (i % 2) * 6, 32, 120);
      cairo_fill (cr);
    }
  for (int i = 0; i < 22; i++)
    {
      double x = fmod (i * 61.7 + look->variant * 200, WIDTH);
      double y = fmod (i * 29.3 + t * (40 + i % 5 * 8) * SECONDS, HEIGHT + 40) - 20;
      double hue = fmod (look->hue + i * 0.13, 1.0);

      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, t * 4 + i);
      cairo_set_source_rgb (cr, 0.6 + 0.4 * hue, 0.5 + 0.4 * (1 - hue), 0.6);
      cairo_move_to (cr, -10, 0);
      cairo_line_to (cr, 0, -6);
      cairo_line_to (cr, 10, 0);
      cairo_line_to (cr, 0, 3);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_restore (cr);
    }
}

static void
draw_city (cairo_t    *cr,
           const Look *look,
           double      t)
{
  sky (cr, 0.05, 0.03, 0.12, 0.15, 0.05, 0.2);
  for (int i = 0; i < 30; i++)
    {
      double x = fmod (i * 47.0 - t * 160 * SECONDS / 4 + 600, WIDTH + 60) - 30;
      double h = 60 + fmod (i * 71.3, 140);

      cairo_set_source_rgb (cr, 0.08, 0.06, 0.14);
      cairo_rectangle (cr, x, HEIGHT - h, 36, h);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, i % 2 ? 1 : 0.2, i % 3 ? 0.3 : 0.9, i % 2 ? 0.8 : 1, 0.85);
      cairo_rectangle (cr, x + 6, HEIGHT - h + 10, 24, 4);
      cairo_fill (cr);
    }
  /* The tram window frame. */
  cairo_set_source_rgb (cr, 0.02, 0.02, 0.03);
  cairo_rectangle (cr, 0, 0, WIDTH, 18);
  cairo_rectangle (cr, 0, HEIGHT - 30, WIDTH, 30);
  cairo_rectangle (cr, WIDTH / 2 - 6, 0, 12, HEIGHT);
  cairo_fill (cr);
}

static void
draw_pond (cairo_t    *cr,
           const Look *look,
           double      t)
{
  sky (cr, 0.05, 0.35, 0.38, 0.02, 0.18, 0.22);
  for (int i = 0; i < 6; i++)
    {
      double angle = t * 1.5 + i * 1.1 + look->variant * 3;
      double x = WIDTH / 2 + cos (angle) * (80 + i * 18);
      double y = HEIGHT / 2 + sin (angle) * (40 + i * 9);

      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, angle + G_PI / 2);
      cairo_scale (cr, 1, 0.42);
      cairo_set_source_rgb (cr, 0.95, 0.45 + 0.2 * (i % 2), 0.1);
      cairo_arc (cr, 0, 0, 18, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
    }
  for (int i = 0; i < 5; i++)
    {
      cairo_set_source_rgba (cr, 0.15, 0.5, 0.2, 0.9);
      cairo_arc (cr, 60 + i * 95, 40 + (i % 2) * 180, 26, 0.4, 2 * G_PI - 0.2);
      cairo_line_to (cr, 60 + i * 95, 40 + (i % 2) * 180);
      cairo_fill (cr);
    }
}

static void
draw_forest (cairo_t    *cr,
             const Look *look,
             double      t)
{
  sky (cr, 0.1, 0.16, 0.25, 0.02, 0.06, 0.05);
  for (int i = 0; i < 9; i++)
    {
      double x = i * 58 + 10;

      cairo_set_source_rgb (cr, 0.02, 0.05 + 0.02 * (i % 3), 0.04);
      cairo_move_to (cr, x, HEIGHT);
      cairo_line_to (cr, x + 30, 60 + (i % 4) * 20);
      cairo_line_to (cr, x + 60, HEIGHT);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  for (int i = 0; i < 40; i++)
    {
      double x = fmod (i * 73.1 + 20 * sin (t * 3 + i), WIDTH);
      double y = fmod (i * 41.7 + 15 * cos (t * 2 + i), HEIGHT);
      double glow = 0.5 + 0.5 * sin (t * 12 + i);

      cairo_set_source_rgba (cr, 1, 0.95, 0.4, 0.3 + 0.6 * glow);
      cairo_arc (cr, x, y, 1.5 + glow * 1.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_frame (cairo_t    *cr,
            const Look *look,
            double      t)
{
  switch (look->scene)
    {
    case SCENE_LIGHTHOUSE: draw_lighthouse (cr, look, t); break;
    case SCENE_DUNES: draw_dunes (cr, look, t); break;
    case SCENE_CRANES: draw_cranes (cr, look, t); break;
    case SCENE_CITY: draw_city (cr, look, t); break;
    case SCENE_POND: draw_pond (cr, look, t); break;
    case SCENE_FOREST: draw_forest (cr, look, t); break;
    default: g_assert_not_reached ();
    }
}

/* The clip and its poster (the first frame). */
static void
render_clip (const Look *look,
             const char *video,
             const char *poster)
{
  g_autofree char *description = g_strdup_printf ("appsrc name=src format=time "
                                                   "caps=video/x-raw,format=BGRx,width=%d,height=%d,framerate=%d/1 "
                                                   "! videoconvert ! openh264enc bitrate=4000000 ! h264parse ! mp4mux "
                                                   "! filesink location=\"%s\"", CLIP_WIDTH, CLIP_HEIGHT, FPS, video);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (int frame = 0; frame < FPS * SECONDS; frame++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, CLIP_WIDTH, CLIP_HEIGHT);
      cairo_t *cr = cairo_create (surface);
      GstBuffer *buffer;

      cairo_scale (cr, (double) CLIP_WIDTH / WIDTH, (double) CLIP_HEIGHT / HEIGHT);
      draw_frame (cr, look, (double) frame / FPS);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (frame == FPS * 3 / 2 && poster != NULL)
        g_assert_cmpint (cairo_surface_write_to_png (surface, poster), ==, CAIRO_STATUS_SUCCESS);

      buffer = gst_buffer_new_memdup (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * CLIP_HEIGHT);
      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (frame, GST_SECOND, FPS);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, FPS);
      g_assert_cmpint (gst_app_src_push_buffer (GST_APP_SRC (src), buffer), ==, GST_FLOW_OK);
      cairo_surface_destroy (surface);
    }
  gst_app_src_end_of_stream (GST_APP_SRC (src));

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

typedef struct
{
  const char *model;
  const char *prompt;
  const char *shot;
  gint64      seed;
  guint       duration;
  const char *resolution;
  double      cost;
  gboolean    favourite;
  Look        look;
} Clip;

static const char *lighthouse =
  "A lighthouse on a cliff as a storm rolls in, waves crashing below, the beam sweeping the rain";

/* Oldest first; the lighthouse shot is the newest. */
static const Clip clips[] = {
  { "sandbox/preview", "Fireflies in a summer forest at dusk", NULL, -1, 4, "720p", 0, FALSE, { SCENE_FOREST, 0.3, 0.2 } },
  { "wavespeed/alibaba/wan-2.6", "Koi fish gliding under lily pads, morning light", "shot-koi", 7710, 5, "720p", 0.5, FALSE, { SCENE_POND, 0.5, 0.1 } },
  { "wavespeed/alibaba/wan-2.6", "Koi fish gliding under lily pads, morning light", "shot-koi", 7711, 5, "720p", 0.5, TRUE, { SCENE_POND, 0.5, 0.6 } },
  { "sandbox/preview", "Neon city seen from a moving tram", NULL, -1, 4, "720p", 0, FALSE, { SCENE_CITY, 0.7, 0.4 } },
  { "wavespeed/bytedance/seedance-v1.5-pro", "Origami cranes falling like snow in a quiet library", "shot-cranes", 311, 5, "720p", 0.26, FALSE, { SCENE_CRANES, 0.1, 0.0 } },
  { "wavespeed/bytedance/seedance-v1.5-pro", "Origami cranes falling like snow in a quiet library", "shot-cranes", 312, 5, "720p", 0.26, FALSE, { SCENE_CRANES, 0.6, 0.5 } },
  { "wavespeed/google/veo3.1-fast", "A red kite over green dunes at golden hour", "shot-kite", 52044, 8, "720p", 0.8, FALSE, { SCENE_DUNES, 0.2, 0.1 } },
  { "wavespeed/google/veo3.1-fast", "A red kite over green dunes at golden hour", "shot-kite", 52045, 8, "720p", 0.8, TRUE, { SCENE_DUNES, 0.6, 0.55 } },
  { "wavespeed/google/veo3.1-fast", "A red kite over green dunes at golden hour", "shot-kite", 52046, 8, "720p", 0.8, FALSE, { SCENE_DUNES, 0.9, 0.9 } },
  { "wavespeed/google/veo3.1-fast", NULL, "shot-lighthouse", 18231, 8, "720p", 0.8, FALSE, { SCENE_LIGHTHOUSE, 0.1, 0.0 } },
  { "wavespeed/google/veo3.1-fast", NULL, "shot-lighthouse", 18232, 8, "720p", 0.8, TRUE, { SCENE_LIGHTHOUSE, 0.75, 0.35 } },
  { "wavespeed/bytedance/seedance-v1.5-pro", NULL, "shot-lighthouse", 907, 5, "720p", 0.26, FALSE, { SCENE_LIGHTHOUSE, 0.3, 0.7 } },
  { "wavespeed/alibaba/wan-2.6", NULL, "shot-lighthouse", 5512, 5, "1080p", 0.75, FALSE, { SCENE_LIGHTHOUSE, 0.95, 0.9 } },
};

static void
write_library (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_now_utc ();

  gst_init (NULL, NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (clips); i++)
    {
      g_autofree char *video = g_strdup_printf ("%s/clip-%u.mp4", g_get_user_cache_dir (), i);
      g_autofree char *poster = g_strdup_printf ("%s/clip-%u.png", g_get_user_cache_dir (), i);
      g_autoptr(GDateTime) created = g_date_time_add_minutes (base, -(int) (G_N_ELEMENTS (clips) - i) * 9);
      RushesTestTake take = {
        .model = clips[i].model,
        .prompt = clips[i].prompt != NULL ? clips[i].prompt : lighthouse,
        .shot = clips[i].shot,
        .seed = clips[i].seed,
        .duration = clips[i].duration,
        .resolution = clips[i].resolution,
        .cost_usd = clips[i].cost,
        .favourite = clips[i].favourite,
        .video = video,
        .poster = poster,
        .created_at = created,
      };
      g_autofree char *id = NULL;

      render_clip (&clips[i].look, video, poster);
      id = rushes_test_write_take (&take);
    }
}

/* Every card in sight shows its poster. */
static gboolean
posters_shown (gpointer data)
{
  g_autoptr(GPtrArray) cards = rushes_test_find_widgets (data, RUSHES_TYPE_CLIP_CARD);

  for (guint i = 0; i < cards->len; i++)
    {
      GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (cards->pdata[i], RUSHES_TYPE_CLIP_CARD, "thumbnail_stack"));

      if (gtk_widget_get_mapped (cards->pdata[i]) && rushes_clip_card_get_task (cards->pdata[i]) != NULL &&
          g_strcmp0 (gtk_stack_get_visible_child_name (stack), "thumbnail") != 0)
        return FALSE;
    }
  return cards->len > 0;
}

static gboolean
player_ready (gpointer data)
{
  return rushes_player_get_duration (data) > 0 && !_rushes_player_get_busy (data);
}

typedef struct
{
  RushesPlayerGroup *group;
  gint64             position;
} GroupWait;

static gboolean
group_past (gpointer data)
{
  GroupWait *wait = data;

  return rushes_player_group_get_playing (wait->group) && !rushes_player_group_get_busy (wait->group) &&
         rushes_player_group_get_position (wait->group) >= wait->position;
}

static void
shoot (RushesApplication *app,
       GtkWindow         *window)
{
  RushesLibrary *library = rushes_engine_get_library (rushes_application_get_engine (app));
  RushesLibraryView *view = RUSHES_LIBRARY_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_LIBRARY_VIEW, NULL));
  RushesPlayerView *player_view = RUSHES_PLAYER_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_PLAYER_VIEW, NULL));
  RushesCompareView *compare = RUSHES_COMPARE_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_COMPARE_VIEW, NULL));
  GtkSelectionModel *shown = rushes_library_view_get_shown (view);
  RushesShotGroup *shot;
  g_autoptr(GObject) row = NULL;
  g_autoptr(GPtrArray) three = g_ptr_array_new ();
  g_autoptr(GPtrArray) two = g_ptr_array_new ();
  GroupWait wait;

  rushes_test_wait_for_library (app, G_N_ELEMENTS (clips));
  rushes_test_set_window_size (window, 1280, 800);

  /* The gallery by shot, the lighthouse opened, its kept take playing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "library.group-shots", NULL));
  row = g_list_model_get_item (G_LIST_MODEL (shown), 0);
  gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (row), TRUE);
  shot = RUSHES_SHOT_GROUP (gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (row)));
  g_object_unref (shot);
  g_assert_cmpuint (rushes_shot_group_get_n_takes (shot), ==, 4);
  gtk_selection_model_select_item (shown, 2, TRUE);
  rushes_test_wait_until (player_ready, rushes_player_view_get_player (player_view), "the take is loaded");
  rushes_player_seek (rushes_player_view_get_player (player_view), 2 * GST_SECOND + GST_SECOND / 3);
  rushes_test_wait_until (player_ready, rushes_player_view_get_player (player_view), "the frame is shown");
  rushes_test_wait_until (posters_shown, view, "the posters are shown");
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  rushes_test_render_png (GTK_WIDGET (window), "shot-4-takes-1280x800.png");

  /* Compare three takes of the lighthouse, mid-playback. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (three, rushes_shot_group_get_take (shot, i));
  g_signal_emit_by_name (view, "compare", three);
  wait = (GroupWait) { rushes_compare_view_get_group (compare), 2 * GST_SECOND + GST_SECOND / 2 };
  rushes_test_wait_until (group_past, &wait, "the takes play");
  rushes_test_render_png (GTK_WIDGET (window), "compare-3-1280x800.png");

  /* The two Veo takes, wiped. */
  g_ptr_array_add (two, rushes_shot_group_get_take (shot, 0));
  g_ptr_array_add (two, rushes_shot_group_get_take (shot, 1));
  g_signal_emit_by_name (view, "compare", two);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.mode", "s", "wipe"));
  rushes_wipe_set_position (RUSHES_WIPE (rushes_test_find_widget (GTK_WIDGET (compare), RUSHES_TYPE_WIPE, NULL)), 0.46);
  wait = (GroupWait) { rushes_compare_view_get_group (compare), 1 * GST_SECOND };
  rushes_test_wait_until (group_past, &wait, "the takes play");
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  rushes_test_render_png (GTK_WIDGET (window), "compare-wipe-1280x800.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.close", NULL));

  /* Narrow: the library view alone. */
  gtk_selection_model_unselect_all (shown);
  gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (row), FALSE);
  rushes_test_set_window_size (window, 800, 600);
  rushes_test_wait_until (posters_shown, view, "the posters are shown");
  rushes_test_wait_for_frames (GTK_WIDGET (window), 3);
  rushes_test_render_png (GTK_WIDGET (window), "narrow-800x600.png");
}

static void
shoot_takes (void)
{
  write_library ();
  rushes_test_run_app (shoot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  g_test_add_func ("/rushes/screenshots/takes", shoot_takes);

  return g_test_run ();
}
