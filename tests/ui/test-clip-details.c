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

#define G_LOG_DOMAIN "test-clip-details"

#include "config.h"

#include "rushes-cli-command.h"
#include "rushes-clip-details.h"
#include "rushes-composer.h"
#include "rushes-library-view.h"
#include "rushes-providers.h"
#include "rushes-test-takes.h"
#include "rushes-window.h"

/* The details of a clip from the gallery: its full prompt, model,
 * provider, every parameter and the seed, remote id, times, cost, and
 * what the file holds (read from it); Copy Settings puts the rushes-cli
 * command on the clipboard; Generate Again makes another take of the shot
 * with a new seed; Use as Draft fills the composer. Renders
 * clip-details.png. */

static const char *clip_path;

static const char *prompt =
  "A lighthouse on a cliff as a storm rolls in, waves crashing below; the beam sweeps across the rain";

static void
write_library (void)
{
  g_autofree char *poster = rushes_test_write_poster ("poster.png", 0.6);
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 3, 2, 9, 14, 5);
  RushesTestTake take = {
    .model = "wavespeed/google/veo3.1-fast",
    .prompt = prompt,
    .shot = "shot-lighthouse",
    .seed = 4242,
    .duration = 8,
    .resolution = "720p",
    .cost_usd = 1.2,
    .video = clip_path,
    .poster = poster,
    .created_at = created,
  };
  g_autofree char *id = rushes_test_write_take (&take);
}

static gboolean
media_read (gpointer data)
{
  return rushes_clip_details_get_media_info (data) != NULL;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
string_set (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
two_tasks (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) == 2;
}

static RushesClipDetails *
open_details (RushesLibraryView *view,
              RushesTask        *task)
{
  RushesClipDetails *details;

  g_signal_emit_by_name (view, "show-details", task);
  details = rushes_test_find_toplevel (RUSHES_TYPE_CLIP_DETAILS);
  g_assert_nonnull (details);
  g_assert_true (rushes_clip_details_get_task (details) == task);

  return details;
}

static void
details_content (RushesApplication *app,
                 GtkWindow         *window)
{
  RushesEngine *engine = rushes_application_get_engine (app);
  RushesLibrary *library = rushes_engine_get_library (engine);
  RushesLibraryView *view = RUSHES_LIBRARY_VIEW (rushes_test_find_widget (GTK_WIDGET (window), RUSHES_TYPE_LIBRARY_VIEW, NULL));
  g_autoptr(RushesTask) task = NULL;
  g_autoptr(RushesTask) again = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *command = NULL;
  RushesClipDetails *details;
  const RushesMediaInfo *media;
  GtkWidget *root;
  const char *labels[] = {
    prompt, "Veo 3.1 Fast\nwavespeed/google/veo3.1-fast", "WaveSpeed",
    "4242", "8 s", "720p", "16:9", "rq-", "2 March 2026", "$1.20", "1 min 34 s",
  };

  rushes_test_wait_for_library (app, 1);
  task = g_list_model_get_item (G_LIST_MODEL (library), 0);

  /* From the clip menu, as from Compare. */
  details = open_details (view, task);
  root = GTK_WIDGET (details);
  rushes_test_wait_until (media_read, details, "the video file is read");
  media = rushes_clip_details_get_media_info (details);
  g_assert_cmpint (media->width, ==, 320);
  g_assert_cmpint (media->height, ==, 180);

  /* Everything the record says, and what the file holds. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (rushes_test_find_label (root, labels[i]) == NULL)
      g_error ("The details do not show “%s”", labels[i]);
  g_assert_nonnull (rushes_test_find_label (root, "320 × 180"));
  g_assert_nonnull (rushes_test_find_label (root, "30 fps"));
  g_assert_nonnull (rushes_test_find_label (root, "H.264"));
  g_assert_nonnull (rushes_test_find_label (root, "MPEG-4 AAC"));
  {
    g_autofree char *size = g_format_size (media->size);

    g_assert_cmpuint (media->size, >, 1000);
    g_assert_nonnull (rushes_test_find_label (root, size));
  }
  gtk_window_set_default_size (GTK_WINDOW (details), 560, 760);
  rushes_test_wait_for_frames (root, 3);
  rushes_test_render_png (root, "clip-details.png");

  /* Copy Settings: the command, on the clipboard. */
  g_assert_true (gtk_widget_activate_action (root, "details.copy-settings", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (root), NULL, clipboard_read_cb, &copied);
  rushes_test_wait_until (string_set, &copied, "the clipboard is read");
  command = rushes_cli_command_for_task (task);
  g_assert_cmpstr (copied, ==, command);
  g_assert_true (g_str_has_prefix (copied, "rushes-cli generate --model wavespeed/google/veo3.1-fast --prompt 'A lighthouse"));
  g_assert_nonnull (strstr (copied, "--seed 4242"));

  /* Generate Again: another take of the shot, same settings, new seed. */
  g_assert_true (gtk_widget_activate_action (root, "details.generate-again", NULL));
  g_assert_null (rushes_test_find_toplevel (RUSHES_TYPE_CLIP_DETAILS));
  rushes_test_wait_until (two_tasks, library, "the new take is created");
  again = g_list_model_get_item (G_LIST_MODEL (library), 0);
  g_assert_false (again == task);
  g_assert_cmpstr (rushes_task_get_shot (again), ==, "shot-lighthouse");
  g_assert_cmpstr (rushes_task_get_model_id (again), ==, "wavespeed/google/veo3.1-fast");
  g_assert_cmpstr (rushes_task_get_prompt (again), ==, prompt);
  g_assert_cmpstr (rushes_generation_params_get_value (rushes_task_get_params (again), RUSHES_CONTROL_DURATION), ==, "8");
  g_assert_nonnull (rushes_generation_params_get_value (rushes_task_get_params (again), RUSHES_CONTROL_SEED));
  g_assert_cmpstr (rushes_generation_params_get_value (rushes_task_get_params (again), RUSHES_CONTROL_SEED), !=, "4242");

  /* Use as Draft: the composer gets the model and the prompt. */
  details = open_details (view, task);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "details.use-as-draft", NULL));
  {
    RushesComposer *composer = rushes_window_get_composer (RUSHES_WINDOW (window));
    g_autoptr(RushesGenerationParams) params = rushes_composer_dup_params (composer);

    g_assert_cmpstr (rushes_model_get_id (rushes_composer_get_model (composer)), ==, "wavespeed/google/veo3.1-fast");
    g_assert_cmpstr (rushes_generation_params_get_prompt (params), ==, prompt);
    g_assert_cmpstr (rushes_generation_params_get_value (params, RUSHES_CONTROL_SEED), ==, "4242");
  }
}

static void
clip_details (void)
{
  write_library ();
  rushes_test_run_app (details_content);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rushes_providers_register_builtin ();

  if (argc < 2)
    {
      g_printerr ("Usage: %s CLIP.mp4\n", argv[0]);
      return 1;
    }
  clip_path = argv[1];

  g_test_add_func ("/rushes/clip-details/content", clip_details);

  return g_test_run ();
}
