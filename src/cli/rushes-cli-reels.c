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

#define G_LOG_DOMAIN "rushes-cli-reels"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "rushes-cli-private.h"
#include "rushes-mlt-writer.h"
#include "rushes-otio-writer.h"
#include "rushes-reel-clip.h"
#include "rushes-reel-renderer.h"

/* assemble and reel: library clips end to end, into a video (MP4, WebM)
 * or a hand-off to an editor (OpenTimelineIO, MLT), the file's extension
 * deciding; and the reels the app keeps, over the same files. */

#define BAR_WIDTH 24

typedef enum
{
  OUTPUT_MP4,
  OUTPUT_WEBM,
  OUTPUT_OTIO,
  OUTPUT_MLT,
} OutputKind;

/* How a reel is written, from the command line. */
typedef struct
{
  char     *output;
  char     *size;
  gboolean  force;
} OutputOptions;

typedef struct
{
  gboolean interactive;
  int      last_step;
  gboolean drawn;
} RenderProgress;

static void
output_options_clear (OutputOptions *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->size, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OutputOptions, output_options_clear)

static gboolean
stderr_is_terminal (void)
{
  return isatty (STDERR_FILENO) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
}

static char *
format_seconds (gint64 microseconds)
{
  return g_strdup_printf ("%.2f s", microseconds / (double) G_TIME_SPAN_SECOND);
}

/* “cut” or “crossfade:SECONDS” */
static gboolean
parse_transition (const char            *text,
                  RushesReelTransition  *transition,
                  gint64                *duration,
                  GError               **error)
{
  const char *seconds;
  char *end = NULL;
  double value;

  if (text == NULL || g_str_equal (text, "cut"))
    {
      *transition = RUSHES_REEL_TRANSITION_CUT;
      *duration = 0;
      return TRUE;
    }

  if (!g_str_has_prefix (text, "crossfade:"))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("--transition takes “cut” or “crossfade:SECONDS”, not “%s”"), text);
      return FALSE;
    }

  seconds = text + strlen ("crossfade:");
  value = g_ascii_strtod (seconds, &end);
  if (end == seconds || *end != '\0' || !isfinite (value) || value <= 0 || value > 3600)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("A crossfade lasts a number of seconds above 0, such as “crossfade:0.5”, not “%s”"), seconds);
      return FALSE;
    }

  *transition = RUSHES_REEL_TRANSITION_CROSSFADE;
  *duration = (gint64) llround (value * G_TIME_SPAN_SECOND);
  return TRUE;
}

/* “WxH”, such as 1280x720 */
static gboolean
parse_size (const char  *text,
            int         *width,
            int         *height,
            GError     **error)
{
  guint64 w = 0, h = 0;
  g_auto(GStrv) parts = NULL;

  *width = *height = 0;
  if (text == NULL)
    return TRUE;

  parts = g_strsplit (text, "x", 2);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 16, 8192, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 16, 8192, &h, NULL))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("--size takes WIDTHxHEIGHT in pixels, from 16 to 8192, such as 1280x720, not “%s”"), text);
      return FALSE;
    }

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static gboolean
output_kind_for (const char  *path,
                 OutputKind  *kind,
                 GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".mp4"))
    *kind = OUTPUT_MP4;
  else if (g_str_has_suffix (lower, ".webm"))
    *kind = OUTPUT_WEBM;
  else if (g_str_has_suffix (lower, ".otio"))
    *kind = OUTPUT_OTIO;
  else if (g_str_has_suffix (lower, ".mlt"))
    *kind = OUTPUT_MLT;
  else
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("The output's extension says what to write: .mp4 or .webm (a video), "
                     ".otio (OpenTimelineIO, for Kdenlive and DaVinci Resolve) or .mlt (for Shotcut); "
                     "“%s” has none of them"), path);
      return FALSE;
    }

  return TRUE;
}

/* A finished clip of the library, by id or unique prefix. */
static RushesTask *
find_clip (RushesLibrary  *library,
           const char     *id,
           GError        **error)
{
  RushesTask *task = rushes_library_find (library, id, error);

  if (task == NULL)
    return NULL;

  if (rushes_task_get_state (task) != RUSHES_TASK_STATE_SUCCEEDED || rushes_task_get_video_file (task) == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s has no video in the library yet"), rushes_task_get_id (task));
      return NULL;
    }

  return task;
}

/* The reel of @ids, in order, with @transition at every cut. */
static gboolean
fill_reel (RushesReel     *reel,
           RushesLibrary  *library,
           char          **ids,
           const char     *transition_text,
           GError        **error)
{
  RushesReelTransition transition;
  gint64 duration;

  if (!parse_transition (transition_text, &transition, &duration, error))
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      RushesTask *task = find_clip (library, ids[i], error);

      if (task == NULL)
        return FALSE;
      if (rushes_reel_get_n_entries (reel) >= RUSHES_REEL_MAX_ENTRIES)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("A reel holds at most %u clips"), RUSHES_REEL_MAX_ENTRIES);
          return FALSE;
        }
      rushes_reel_append (reel, rushes_task_get_id (task));
    }

  for (guint i = 0; i + 1 < rushes_reel_get_n_entries (reel); i++)
    if (!rushes_reel_set_transition (reel, i, transition, duration, error))
      return FALSE;

  return TRUE;
}

static GPtrArray *
resolve_clips (RushesCli      *cli,
               RushesReel     *reel,
               RushesLibrary  *library,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rushes_reel_clip_resolve_async (reel, library, cli->cancellable, rushes_cli_store_result_cb, &result);
  return rushes_reel_clip_resolve_finish (rushes_cli_wait_for (&result), error);
}

/* Progress on stderr: a bar redrawn in place on a terminal, one line per
 * tenth otherwise. */
static void
render_progress_cb (double   fraction,
                    gpointer user_data)
{
  RenderProgress *progress = user_data;
  int percent = (int) floor (CLAMP (fraction, 0.0, 1.0) * 100);

  if (progress->interactive)
    {
      char bar[BAR_WIDTH + 1];
      int filled = percent * BAR_WIDTH / 100;

      memset (bar, '#', filled);
      memset (bar + filled, '-', BAR_WIDTH - filled);
      bar[BAR_WIDTH] = '\0';
      g_printerr ("\r\033[K[%s] %3d%%  %s", bar, percent, _("rendering"));
      progress->drawn = TRUE;
    }
  else if (percent / 10 > progress->last_step)
    {
      progress->last_step = percent / 10;
      g_printerr (_("rendering %d%%\n"), progress->last_step * 10);
    }
}

static void
render_progress_end (RenderProgress *progress)
{
  if (progress->drawn)
    g_printerr ("\n");
  progress->drawn = FALSE;
}

static int
report_write_error (RushesCli    *cli,
                    const GError *error,
                    const char   *path)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr (_("Interrupted: %s was not written.\n"), path);
      return EXIT_INTERRUPTED;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return rushes_cli_usage_error (_("%s exists already; nothing was overwritten (--force replaces it)"), path);

  return rushes_cli_report_error (error);
}

static int
render_video (RushesCli               *cli,
              GPtrArray               *clips,
              GFile                   *destination,
              RushesReelRenderOptions *options)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (destination);
  g_autofree char *video_encoder = NULL;
  g_autofree char *audio_encoder = NULL;
  g_autofree char *length = NULL;
  RenderProgress progress = { stderr_is_terminal (), 0, FALSE };
  int width, height, fps_n, fps_d;
  gint64 total = 0;

  /* What does not fit is said before anything is written. */
  if (!rushes_reel_clip_layout (clips, RUSHES_REEL_LAYOUT_STRICT, NULL, &total, &error))
    return rushes_cli_report_error (error);
  rushes_reel_renderer_get_frame (clips, options, &width, &height, &fps_n, &fps_d);
  length = format_seconds (total);

  rushes_reel_renderer_render_async (clips, destination, options, render_progress_cb, &progress,
                                     cli->cancellable, rushes_cli_store_result_cb, &result);
  if (!rushes_reel_renderer_render_finish (rushes_cli_wait_for (&result), &video_encoder, &audio_encoder, &error))
    {
      render_progress_end (&progress);
      return report_write_error (cli, error, path);
    }

  render_progress_end (&progress);
  /* Translators: “Rendered 12.00 s at 1280×720, 30/1 fps, with x264enc and avenc_aac.” */
  g_printerr (_("Rendered %s at %d×%d, %d/%d fps, with %s and %s.\n"), length, width, height, fps_n, fps_d,
              video_encoder != NULL ? video_encoder : "?", audio_encoder != NULL ? audio_encoder : "?");
  g_print ("%s\n", path);
  return EXIT_OK;
}

static int
write_handoff (RushesCli               *cli,
               GPtrArray               *clips,
               const char              *name,
               GFile                   *destination,
               OutputKind               kind,
               RushesReelRenderOptions *options)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (destination);
  gboolean written;

  if (kind == OUTPUT_OTIO)
    {
      rushes_otio_writer_write_async (clips, name, RUSHES_REEL_LAYOUT_STRICT, destination, cli->cancellable,
                                      rushes_cli_store_result_cb, &result);
      written = rushes_otio_writer_write_finish (rushes_cli_wait_for (&result), &error);
    }
  else
    {
      rushes_mlt_writer_write_async (clips, name, options, destination, cli->cancellable,
                                     rushes_cli_store_result_cb, &result);
      written = rushes_mlt_writer_write_finish (rushes_cli_wait_for (&result), &error);
    }

  if (!written)
    return report_write_error (cli, error, path);

  g_printerr (kind == OUTPUT_OTIO ? _("Wrote an OpenTimelineIO timeline of %u clips.\n")
                                  : _("Wrote an MLT project of %u clips.\n"), clips->len);
  g_print ("%s\n", path);
  return EXIT_OK;
}

/* The reel to @options->output, as its extension says. */
static int
write_reel (RushesCli           *cli,
            RushesReel          *reel,
            RushesLibrary       *library,
            const OutputOptions *output,
            const char          *name)
{
  RushesReelRenderOptions options = { 0 };
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autofree char *path = NULL;
  OutputKind kind;

  if (!output_kind_for (output->output, &kind, &error) ||
      !parse_size (output->size, &options.width, &options.height, &error))
    return rushes_cli_report_error (error);

  if (rushes_reel_get_n_entries (reel) == 0)
    return rushes_cli_usage_error (_("The reel has no clips"));

  destination = g_file_new_for_commandline_arg (output->output);
  path = g_file_get_path (destination);
  if (path == NULL)
    return rushes_cli_usage_error (_("%s is not a local file"), output->output);
  if (!output->force && g_file_query_exists (destination, NULL))
    return rushes_cli_usage_error (_("%s exists already; nothing was overwritten (--force replaces it)"), path);

  clips = resolve_clips (cli, reel, library, &error);
  if (clips == NULL)
    return report_write_error (cli, error, path);

  options.format = kind == OUTPUT_WEBM ? RUSHES_REEL_FORMAT_WEBM : RUSHES_REEL_FORMAT_MP4;
  options.flags = output->force ? RUSHES_REEL_RENDER_FLAGS_OVERWRITE : RUSHES_REEL_RENDER_FLAGS_NONE;

  if (kind == OUTPUT_MP4 || kind == OUTPUT_WEBM)
    return render_video (cli, clips, destination, &options);

  return write_handoff (cli, clips, name, destination, kind, &options);
}

static void
add_output_entries (GOptionContext *context,
                    OutputOptions  *output,
                    char          **transition)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output->output,
      N_("Where to write: .mp4 or .webm renders a video, .otio and .mlt hand the cut to an editor"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &output->size,
      N_("The video's frame, such as 1280x720 (default: the first clip's); other shapes are boxed"), N_("WxH") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &output->force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };
  const GOptionEntry transition_entries[] = {
    { "transition", 't', 0, G_OPTION_ARG_STRING, transition,
      N_("How each clip goes over to the next: “cut” (default) or “crossfade:SECONDS”; "
         "a crossfade overlaps the two clips, so the reel is shorter by its length"), N_("TRANSITION") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (transition != NULL)
    g_option_context_add_main_entries (context, transition_entries, GETTEXT_PACKAGE);
}

int
rushes_cli_command_assemble (RushesCli  *cli,
                             int         argc,
                             char      **argv)
{
  g_auto(OutputOptions) output = { 0 };
  g_autofree char *transition = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (N_("ID… -o FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesReel) reel = NULL;
  g_autofree char *name = NULL;
  RushesLibrary *library;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Put library clips end to end, in the order given, into one video\n"
                                  "(FILE.mp4, FILE.webm) or a cut to finish in an editor (FILE.otio for\n"
                                  "Kdenlive and DaVinci Resolve, FILE.mlt for Shotcut). Clips of another\n"
                                  "shape than the frame are letterboxed or pillarboxed. Ctrl+C stops and\n"
                                  "leaves nothing behind."));
  add_output_entries (context, &output, &transition);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return rushes_cli_usage_error (_("“assemble” takes the ids of the clips to put end to end"));
  if (output.output == NULL)
    return rushes_cli_usage_error (_("“assemble” needs -o FILE"));

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  {
    g_autofree char *basename = g_path_get_basename (output.output);
    char *dot = strrchr (basename, '.');

    if (dot != NULL && dot != basename)
      *dot = '\0';
    name = g_filename_display_name (basename);
  }

  reel = rushes_reel_new (name);
  if (!fill_reel (reel, library, argv + 1, transition, &error))
    return rushes_cli_report_error (error);

  return write_reel (cli, reel, library, &output, name);
}

/* reel ------------------------------------------------------------------- */

static GPtrArray *
list_reels (RushesCli  *cli,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) load_errors = NULL;
  RushesReelStore *store;
  GPtrArray *reels;

  if (rushes_cli_get_engine (cli, error) == NULL)
    return NULL;

  store = rushes_engine_get_reel_store (cli->engine);
  rushes_reel_store_list_async (store, cli->cancellable, rushes_cli_store_result_cb, &result);
  reels = rushes_reel_store_list_finish (store, rushes_cli_wait_for (&result), &load_errors, error);

  for (guint i = 0; load_errors != NULL && i < load_errors->len; i++)
    g_printerr ("rushes-cli: warning: %s\n", ((GError *) g_ptr_array_index (load_errors, i))->message);

  return reels;
}

/* By name, else by id or a unique start of one. */
static RushesReel *
find_reel (GPtrArray   *reels,
           const char  *name,
           GError     **error)
{
  RushesReel *found = NULL;
  guint by_name = 0, by_id = 0;

  for (guint i = 0; i < reels->len; i++)
    if (g_str_equal (rushes_reel_get_name (g_ptr_array_index (reels, i)), name))
      {
        found = g_ptr_array_index (reels, i);
        by_name++;
      }

  if (by_name > 1)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%u reels are called “%s”: give the id of one (rushes-cli reel list)"), by_name, name);
      return NULL;
    }
  if (found != NULL)
    return g_object_ref (found);

  for (guint i = 0; i < reels->len; i++)
    {
      RushesReel *reel = g_ptr_array_index (reels, i);

      if (g_str_equal (rushes_reel_get_id (reel), name))
        return g_object_ref (reel);
      if (name[0] != '\0' && g_str_has_prefix (rushes_reel_get_id (reel), name))
        {
          found = reel;
          by_id++;
        }
    }

  if (by_id == 1)
    return g_object_ref (found);

  if (by_id == 0)
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND, _("No reel “%s”"), name);
  else
    g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                 _("“%s” matches %u reels; give more of the id"), name, by_id);
  return NULL;
}

static int
reel_list (RushesCli  *cli,
           int         argc,
           char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the reels as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reels = NULL;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context, _("List the reels, the most recently changed first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return rushes_cli_usage_error (_("“reel list” takes no arguments"));

  reels = list_reels (cli, &error);
  if (reels == NULL)
    return rushes_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < reels->len; i++)
        json_array_add_element (array, rushes_reel_to_json (g_ptr_array_index (reels, i)));
      json_node_set_array (node, array);
      rushes_cli_print_json (node);
      return EXIT_OK;
    }

  if (reels->len == 0)
    g_printerr (_("No reels yet: “rushes-cli reel create NAME ID…” makes one.\n"));

  for (guint i = 0; i < reels->len; i++)
    {
      RushesReel *reel = g_ptr_array_index (reels, i);
      g_autofree char *modified = rushes_cli_format_time (rushes_reel_get_modified (reel));
      guint n = rushes_reel_get_n_entries (reel);
      g_autofree char *clips = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clip", "%u clips", n), n);

      g_print ("%s  %s  %-9s  %s\n", rushes_reel_get_id (reel), modified, clips, rushes_reel_get_name (reel));
    }

  return EXIT_OK;
}

static int
reel_show (RushesCli  *cli,
           int         argc,
           char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the reel as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("NAME"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) layout_error = NULL;
  g_autoptr(GPtrArray) reels = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(RushesReel) reel = NULL;
  g_autofree RushesReelSpan *spans = NULL;
  g_autofree char *modified = NULL;
  RushesLibrary *library;
  int exit_code = EXIT_OK;
  gint64 total = 0;

  g_option_context_set_summary (context, _("Show a reel: its clips, their trims and transitions, and its length."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return rushes_cli_usage_error (_("“reel show” takes one reel name or id"));

  reels = list_reels (cli, &error);
  if (reels == NULL || (reel = find_reel (reels, argv[1], &error)) == NULL)
    return rushes_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonNode) node = rushes_reel_to_json (reel);

      rushes_cli_print_json (node);
      return EXIT_OK;
    }

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL || (clips = resolve_clips (cli, reel, library, &error)) == NULL)
    return rushes_cli_report_error (error);
  rushes_reel_clip_layout (clips, RUSHES_REEL_LAYOUT_STRICT, &spans, &total, &layout_error);

  modified = rushes_cli_format_time (rushes_reel_get_modified (reel));
  g_print ("%-10s %s\n", _("Reel"), rushes_reel_get_name (reel));
  g_print ("%-10s %s\n", _("Id"), rushes_reel_get_id (reel));
  g_print ("%-10s %s\n", _("Changed"), modified);
  if (spans != NULL)
    {
      g_autofree char *length = format_seconds (total);

      g_print ("%-10s %s\n", _("Length"), length);
    }
  else
    g_print ("%-10s %s\n", _("Length"), layout_error->message);

  for (guint i = 0; i < clips->len; i++)
    {
      const RushesReelClip *clip = g_ptr_array_index (clips, i);
      g_autofree char *prompt = rushes_cli_excerpt (clip->prompt, 40);

      if (clip->file == NULL)
        {
          g_print ("%3u  %s  %s\n", i + 1, clip->task_id, _("— no longer in the library: a gap"));
          continue;
        }

      if (spans != NULL)
        {
          g_autofree char *start = format_seconds (spans[i].start);
          g_autofree char *in = format_seconds (spans[i].in_point);
          g_autofree char *out = format_seconds (spans[i].out_point);

          g_print ("%3u  %s  %s %s  [%s – %s]  %s\n", i + 1, clip->task_id, _("at"), start, in, out, prompt);
        }
      else
        g_print ("%3u  %s  %s\n", i + 1, clip->task_id, prompt);

      if (i + 1 < clips->len && clip->transition == RUSHES_REEL_TRANSITION_CROSSFADE)
        {
          g_autofree char *fade = format_seconds (clip->transition_duration);

          g_print ("     %s %s\n", _("crossfade"), fade);
        }
    }

  return EXIT_OK;
}

static int
reel_create (RushesCli  *cli,
             int         argc,
             char      **argv)
{
  g_autofree char *transition = NULL;
  const GOptionEntry entries[] = {
    { "transition", 't', 0, G_OPTION_ARG_STRING, &transition,
      N_("How each clip goes over to the next: “cut” (default) or “crossfade:SECONDS”"), N_("TRANSITION") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("NAME ID…"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reels = NULL;
  g_autoptr(RushesReel) reel = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *stripped = NULL;
  RushesLibrary *library;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context, _("Make a reel of library clips, in the order given; the app shows it too."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    return rushes_cli_usage_error (_("“reel create” takes a name, then the ids of its clips"));
  stripped = g_utf8_validate (argv[1], -1, NULL) ? g_strstrip (g_strdup (argv[1])) : NULL;
  if (stripped == NULL || stripped[0] == '\0')
    return rushes_cli_usage_error (_("A reel needs a name"));

  reels = list_reels (cli, &error);
  if (reels == NULL)
    return rushes_cli_report_error (error);
  for (guint i = 0; i < reels->len; i++)
    if (g_str_equal (rushes_reel_get_name (g_ptr_array_index (reels, i)), argv[1]))
      return rushes_cli_usage_error (_("There is a reel called “%s” already"), argv[1]);

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  reel = rushes_reel_new (argv[1]);
  if (!fill_reel (reel, library, argv + 2, transition, &error))
    return rushes_cli_report_error (error);

  file = rushes_reel_store_get_file (rushes_engine_get_reel_store (cli->engine), rushes_reel_get_id (reel));
  if (!rushes_reel_save (reel, file, cli->cancellable, &error))
    return rushes_cli_report_error (error);

  g_print ("%s\n", rushes_reel_get_id (reel));
  return EXIT_OK;
}

static int
reel_render (RushesCli  *cli,
             int         argc,
             char      **argv)
{
  g_auto(OutputOptions) output = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("NAME -o FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reels = NULL;
  g_autoptr(RushesReel) reel = NULL;
  RushesLibrary *library;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Render a reel to FILE.mp4 or FILE.webm, or hand it to an editor as\n"
                                  "FILE.otio (Kdenlive, DaVinci Resolve) or FILE.mlt (Shotcut)."));
  add_output_entries (context, &output, NULL);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return rushes_cli_usage_error (_("“reel render” takes one reel name or id"));
  if (output.output == NULL)
    return rushes_cli_usage_error (_("“reel render” needs -o FILE"));

  reels = list_reels (cli, &error);
  if (reels == NULL || (reel = find_reel (reels, argv[1], &error)) == NULL)
    return rushes_cli_report_error (error);

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  return write_reel (cli, reel, library, &output, rushes_reel_get_name (reel));
}

static int
reel_delete (RushesCli  *cli,
             int         argc,
             char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("NAME"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reels = NULL;
  g_autoptr(RushesReel) reel = NULL;
  g_autoptr(GFile) file = NULL;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context, _("Delete a reel. Its clips stay in the library."));
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return rushes_cli_usage_error (_("“reel delete” takes one reel name or id"));

  reels = list_reels (cli, &error);
  if (reels == NULL || (reel = find_reel (reels, argv[1], &error)) == NULL)
    return rushes_cli_report_error (error);

  file = rushes_reel_store_get_file (rushes_engine_get_reel_store (cli->engine), rushes_reel_get_id (reel));
  if (!g_file_delete (file, cli->cancellable, &error))
    return rushes_cli_report_error (error);

  g_printerr (_("Deleted the reel “%s”.\n"), rushes_reel_get_name (reel));
  return EXIT_OK;
}

static const struct {
  const char       *name;
  RushesCliCommand  func;
  const char       *summary;
} reel_commands[] = {
  { "list", reel_list, N_("List the reels") },
  { "show", reel_show, N_("Show a reel's clips, trims, transitions and length") },
  { "create", reel_create, N_("Make a reel of library clips") },
  { "render", reel_render, N_("Render a reel, or hand it to an editor") },
  { "delete", reel_delete, N_("Delete a reel (its clips stay)") },
};

int
rushes_cli_command_reel (RushesCli  *cli,
                         int         argc,
                         char      **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (reel_commands); i++)
      if (g_str_equal (argv[1], reel_commands[i].name))
        {
          g_autofree char *prgname = g_strconcat ("rushes-cli reel ", reel_commands[i].name, NULL);

          g_set_prgname (prgname);
          return reel_commands[i].func (cli, argc - 1, argv + 1);
        }

  g_printerr ("%s", _("Usage: rushes-cli reel COMMAND [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (reel_commands); i++)
    g_printerr ("  %-8s %s\n", reel_commands[i].name, _(reel_commands[i].summary));

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return argc < 2 ? EXIT_USAGE : EXIT_OK;

  g_printerr (_("\nrushes-cli: unknown reel command “%s”\n"), argv[1]);
  return EXIT_USAGE;
}
