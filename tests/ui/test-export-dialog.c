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

#define G_LOG_DOMAIN "test-export-dialog"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rushes-providers.h"
#include "rushes-export-dialog-private.h"
#include "rushes-task-private.h"
#include "rushes-test-player.h"
#include "rushes-test-utils.h"
#include "rushes-thumbnailer.h"

#define PROMPT "A lighthouse on a rocky cliff at dawn, waves crashing below while gulls circle in the golden light"
#define MODEL  "sandbox/preview"

static const char *clip_path;

typedef struct
{
  GtkWindow          *parent;
  RushesTask         *task;
  GSettings          *settings;
  RushesExportDialog *dialog;
  GFile              *exported;
  char               *failed;
  GFile              *folder;    /* where exports go */
} Fixture;

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
thumbnail_made_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rushes_thumbnailer_make_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* A finished clip as the library keeps it: task.json, video.mp4 and the
 * poster frame the gallery made. */
static RushesTask *
make_task (void)
{
  g_autofree char *folder_path = g_build_filename (g_get_user_data_dir (), "rushes", "library",
                                                   "20261101-120000-00aa", NULL);
  g_autofree char *video_path = g_build_filename (folder_path, "video.mp4", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GFile) video = g_file_new_for_path (video_path);
  g_autoptr(GFile) clip = g_file_new_for_path (clip_path);
  g_autoptr(GFile) thumbnail = g_file_get_child (folder, "thumbnail.png");
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean made = FALSE;
  RushesTask *task;

  g_assert_cmpint (g_mkdir_with_parents (folder_path, 0700), ==, 0);
  g_assert_true (g_file_copy (clip, video, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  rushes_thumbnailer_make_async (video, thumbnail, 320, NULL, thumbnail_made_cb, &made);
  rushes_test_wait_until (is_true, &made, "the poster frame is made");

  record = json_from_string ("{\"version\": 1, \"id\": \"20261101-120000-00aa\","
                             " \"model\": \"" MODEL "\", \"provider\": \"sandbox\","
                             " \"state\": \"succeeded\", \"prompt\": \"" PROMPT "\","
                             " \"params\": {\"aspect_ratio\": \"16:9\", \"duration\": 2, \"resolution\": \"720p\", \"image\": null},"
                             " \"remote_id\": \"1\", \"created_at\": \"2026-11-01T12:00:00.000Z\","
                             " \"finished_at\": \"2026-11-01T12:01:00.000Z\", \"progress\": 1.0,"
                             " \"cost_usd\": 0.0, \"video\": \"video.mp4\", \"error\": null,"
                             " \"remote_token\": \"t\", \"input\": null}", &error);
  g_assert_no_error (error);
  task = _rushes_task_new_from_record (record, folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rushes_task_get_video_file (task));

  return task;
}

static void
exported_cb (RushesExportDialog *dialog,
             GFile              *file,
             Fixture            *fixture)
{
  g_assert_null (fixture->exported);
  g_assert_null (fixture->failed);
  fixture->exported = g_object_ref (file);
}

static void
failed_cb (RushesExportDialog *dialog,
           const char         *message,
           Fixture            *fixture)
{
  g_assert_null (fixture->exported);
  g_assert_null (fixture->failed);
  fixture->failed = g_strdup (message);
}

static gboolean
dialog_settled (gpointer data)
{
  return !_rushes_export_dialog_get_probing (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "exports", NULL);

  rushes_test_init_system_data ();

  /* GTK inside the first test, with the application's own stylesheet. */
  rushes_test_start_gtk_styled ();

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  fixture->folder = g_file_new_for_path (folder);
  fixture->task = make_task ();
  fixture->settings = g_settings_new (APPLICATION_ID_BASE);

  fixture->parent = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_set_default_size (fixture->parent, 1280, 800);
  gtk_window_present (fixture->parent);

  fixture->dialog = rushes_export_dialog_present (fixture->parent, fixture->task, fixture->settings, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "exported", G_CALLBACK (exported_cb), fixture);
  g_signal_connect (fixture->dialog, "failed", G_CALLBACK (failed_cb), fixture);
  rushes_test_wait_until (dialog_settled, fixture->dialog, "the clip is probed");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  /* Gone once GTK lets go and any export has called back */
  rushes_test_wait_until (is_null, &fixture->dialog, "the dialog is finalised");

  gtk_window_destroy (fixture->parent);
  g_assert_finalize_object (fixture->task);
  g_assert_finalize_object (fixture->settings);
  g_clear_object (&fixture->exported);
  g_clear_pointer (&fixture->failed, g_free);
  g_clear_object (&fixture->folder);
}

/* The button that opens the file chooser: there is one. */
static GtkWidget *
choose_button (GtkWidget *dialog)
{
  GtkWidget *button = rushes_test_find_with_action (dialog, "export.choose");

  g_assert_nonnull (button);
  return button;
}

static void
render_to (GtkWidget  *widget,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  rushes_test_wait_for_frames (widget, 3);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered %s", path);
}

static GtkStack *
main_stack (RushesExportDialog *dialog)
{
  g_autoptr(GPtrArray) stacks = rushes_test_find_widgets (GTK_WIDGET (dialog), GTK_TYPE_STACK);

  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (stacks->pdata[i], "progress") != NULL)
      return stacks->pdata[i];

  g_assert_not_reached ();
}

static void
dialog_renders (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *dialog = GTK_WIDGET (fixture->dialog);

  /* What the user sees before choosing: the clip, its size and length,
   * and what each format will weigh. */
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->parent);
  g_assert_cmpint (rushes_export_dialog_get_format (fixture->dialog), ==, RUSHES_EXPORT_FORMAT_MP4);
  g_assert_nonnull (rushes_test_find_label (dialog, PROMPT));
  g_assert_nonnull (rushes_test_find_label (dialog, MODEL " · 0:02 · 320 × 180"));
  g_assert_nonnull (rushes_test_find_label (dialog, "About "));
  g_assert_true (gtk_widget_is_sensitive (choose_button (dialog)));

  /* Cancel closes without a word to the parent */
  gtk_widget_activate_action (dialog, "export.cancel", NULL);
  rushes_test_wait_until (is_null, &fixture->dialog, "the dialog closes");
  g_assert_null (fixture->exported);
  g_assert_null (fixture->failed);

  fixture->dialog = rushes_export_dialog_present (fixture->parent, fixture->task, fixture->settings, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  rushes_test_wait_until (dialog_settled, fixture->dialog, "the clip is probed");
  rushes_export_dialog_set_format (fixture->dialog, RUSHES_EXPORT_FORMAT_GIF);
  render_to (GTK_WIDGET (fixture->dialog), "export-dialog.png");
}

static void
dialog_suggests_names (void)
{
  static const struct {
    const char         *prompt;
    RushesExportFormat  format;
    const char         *name;
  } cases[] = {
    { PROMPT, RUSHES_EXPORT_FORMAT_GIF, "A lighthouse on a rocky cliff.gif" },
    { "Jellyfish glowing in a dark aquarium", RUSHES_EXPORT_FORMAT_MP4, "Jellyfish glowing in a dark aquarium.mp4" },
    { "A cat, sleeping.", RUSHES_EXPORT_FORMAT_PNG, "A cat, sleeping.png" },
    { "Neon city at night: rain/reflections?", RUSHES_EXPORT_FORMAT_WEBM, "Neon city at night rainreflections.webm" },
    { "  .hidden   start  ", RUSHES_EXPORT_FORMAT_MP4, "hidden start.mp4" },
    { "Été à Paris — café", RUSHES_EXPORT_FORMAT_GIF, "Été à Paris — café.gif" },
    { "", RUSHES_EXPORT_FORMAT_MP4, "Clip.mp4" },
    { NULL, RUSHES_EXPORT_FORMAT_WEBM, "Clip.webm" },
    { "Supercalifragilisticexpialidociouslyextraordinarilylong", RUSHES_EXPORT_FORMAT_GIF,
      "Supercalifragilisticexpialidociouslyextr.gif" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = _rushes_export_dialog_suggest_name (cases[i].prompt, cases[i].format);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
dialog_proposes_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) fallback = NULL;
  g_autoptr(GFile) expected = NULL;
  const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);

  g_settings_set_string (fixture->settings, "export-folder", "/srv/clips");
  chosen = _rushes_export_dialog_get_folder (fixture->dialog);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, "/srv/clips");

  g_settings_reset (fixture->settings, "export-folder");
  fallback = _rushes_export_dialog_get_folder (fixture->dialog);
  expected = g_file_new_for_path (videos != NULL ? videos : g_get_home_dir ());
  g_assert_true (g_file_equal (fallback, expected));
}

static gboolean
export_ended (gpointer data)
{
  Fixture *fixture = data;

  return fixture->exported != NULL || fixture->failed != NULL;
}

typedef struct
{
  Fixture      *fixture;
  GMainContext *context;
} ExportWait;

/* The export reports to a context of its own: run what is ready there. */
static gboolean
export_ended_in_context (gpointer data)
{
  ExportWait *wait = data;

  while (g_main_context_iteration (wait->context, FALSE))
    ;

  return export_ended (wait->fixture);
}

static void
dialog_exports (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) destination = g_file_get_child (fixture->folder, "lighthouse.webm");
  g_autoptr(GMainContext) context = g_main_context_new ();
  GtkWidget *dialog = GTK_WIDGET (fixture->dialog);
  ExportWait wait = { fixture, context };

  rushes_export_dialog_set_format (fixture->dialog, RUSHES_EXPORT_FORMAT_WEBM);

  /* The export reports to a context of its own, which waits until the
   * progress page is rendered: the render cannot race the end. */
  g_main_context_push_thread_default (context);
  _rushes_export_dialog_export_to (fixture->dialog, destination, RUSHES_EXPORT_FLAGS_NONE);
  g_main_context_pop_thread_default (context);

  /* Progress in place of the choice, and no second export meanwhile */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack (fixture->dialog)), ==, "progress");
  g_assert_nonnull (rushes_test_find_label (dialog, "Converting to WebM…"));
  g_assert_true (_rushes_export_dialog_get_exporting (fixture->dialog));
  g_assert_false (gtk_widget_get_visible (choose_button (dialog)));
  g_assert_false (gtk_widget_is_sensitive (choose_button (dialog)));
  render_to (dialog, "export-dialog-progress.png");

  rushes_test_wait_until (export_ended_in_context, &wait, "the export ends");

  rushes_test_wait_until (is_null, &fixture->dialog, "the dialog closes when done");
  g_assert_null (fixture->failed);
  g_assert_nonnull (fixture->exported);
  g_assert_true (g_file_equal (fixture->exported, destination));
  g_assert_true (g_file_query_exists (destination, NULL));
}

static void
dialog_reports_failure (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) destination = g_file_get_child (fixture->folder, "taken.gif");
  g_autofree char *contents = NULL;

  g_assert_true (g_file_replace_contents (destination, "taken", 5, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, NULL));

  rushes_export_dialog_set_format (fixture->dialog, RUSHES_EXPORT_FORMAT_GIF);
  _rushes_export_dialog_export_to (fixture->dialog, destination, RUSHES_EXPORT_FLAGS_NONE);
  rushes_test_wait_until (is_null, &fixture->dialog, "the dialog closes on failure");

  g_assert_null (fixture->exported);
  g_assert_nonnull (fixture->failed);
  g_test_message ("%s", fixture->failed);
  g_assert_nonnull (strstr (fixture->failed, "taken.gif"));
  g_assert_true (g_file_load_contents (destination, NULL, &contents, NULL, NULL, NULL));
  g_assert_cmpstr (contents, ==, "taken");
}

static void
dialog_cancels (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) destination = g_file_get_child (fixture->folder, "lighthouse.gif");
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFileInfo) info = NULL;

  rushes_export_dialog_set_format (fixture->dialog, RUSHES_EXPORT_FORMAT_GIF);
  _rushes_export_dialog_export_to (fixture->dialog, destination, RUSHES_EXPORT_FLAGS_NONE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.cancel", NULL);

  /* Finalised only once the export has called back */
  rushes_test_wait_until (is_null, &fixture->dialog, "the cancelled export ends");
  g_assert_null (fixture->exported);
  g_assert_null (fixture->failed);

  /* Nothing left behind, hidden or not */
  children = g_file_enumerate_children (fixture->folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  info = g_file_enumerator_next_file (children, NULL, NULL);
  g_assert_null (info);
}

int
main (int   argc,
      char *argv[])
{
  rushes_test_quiet_audio_sinks ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  rushes_providers_register_builtin ();

  g_assert_cmpint (argc, ==, 2);
  clip_path = argv[1];

  g_test_add ("/rushes/export-dialog/renders", Fixture, NULL, fixture_set_up, dialog_renders, fixture_tear_down);
  g_test_add_func ("/rushes/export-dialog/suggests-names", dialog_suggests_names);
  g_test_add ("/rushes/export-dialog/folder", Fixture, NULL, fixture_set_up, dialog_proposes_folder, fixture_tear_down);
  g_test_add ("/rushes/export-dialog/exports", Fixture, NULL, fixture_set_up, dialog_exports, fixture_tear_down);
  g_test_add ("/rushes/export-dialog/failure", Fixture, NULL, fixture_set_up, dialog_reports_failure, fixture_tear_down);
  g_test_add ("/rushes/export-dialog/cancel", Fixture, NULL, fixture_set_up, dialog_cancels, fixture_tear_down);

  return g_test_run ();
}
