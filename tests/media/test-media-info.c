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

#define G_LOG_DOMAIN "test-media-info"

#include "config.h"

#include <glib/gstdio.h>

#include "rushes-media-error.h"
#include "rushes-media-info.h"
#include "rushes-test-async.h"

/* What the clip details show about a video, read from the file: length,
 * size, frame rate, codecs; and errors that name the file. */

static const char *wide_clip;     /* 1280×720 H.264 with AAC, 4 s */
static const char *square_clip;   /* 720×720 H.264, silent */

static RushesMediaInfo *
probe (const char  *path,
       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  rushes_media_info_probe_async (file, NULL, rushes_test_store_result_cb, &result);

  return rushes_media_info_probe_finish (rushes_test_await (&result), error);
}

static void
media_info_reads_video (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesMediaInfo) info = probe (wide_clip, &error);
  GStatBuf buf;

  g_assert_no_error (error);
  g_assert_cmpint (info->width, ==, 1280);
  g_assert_cmpint (info->height, ==, 720);
  g_assert_cmpint (info->fps_n, ==, 30);
  g_assert_cmpint (info->fps_d, ==, 1);
  g_assert_cmpint (info->duration, >=, 3900 * 1000);
  g_assert_cmpint (info->duration, <=, 4100 * 1000);
  g_assert_nonnull (strstr (info->video_codec, "H.264"));
  g_assert_true (info->has_audio);
  g_assert_nonnull (info->audio_codec);
  g_assert_nonnull (strstr (info->audio_codec, "AAC"));
  g_assert_cmpint (g_stat (wide_clip, &buf), ==, 0);
  g_assert_cmpuint (info->size, ==, (guint64) buf.st_size);
}

static void
media_info_silent_video (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesMediaInfo) info = probe (square_clip, &error);
  g_autoptr(RushesMediaInfo) copy = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (info->width, ==, 720);
  g_assert_cmpint (info->height, ==, 720);
  g_assert_false (info->has_audio);
  g_assert_null (info->audio_codec);

  copy = rushes_media_info_copy (info);
  g_assert_cmpstr (copy->video_codec, ==, info->video_codec);
  g_assert_true (copy->video_codec != info->video_codec);
}

static void
media_info_errors (void)
{
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "missing.mp4", NULL);
  g_autofree char *garbage = g_build_filename (g_get_user_cache_dir (), "garbage.mp4", NULL);
  g_autoptr(GError) error = NULL;
  RushesMediaInfo *info;

  info = probe (missing, &error);
  g_assert_null (info);
  g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.mp4"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (garbage, "not a video at all", -1, NULL));
  info = probe (garbage, &error);
  g_assert_null (info);
  g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 3)
    {
      g_printerr ("Usage: %s WIDE.mp4 SQUARE.mp4\n", argv[0]);
      return 1;
    }
  wide_clip = argv[1];
  square_clip = argv[2];

  g_test_add_func ("/rushes/media-info/reads-video", media_info_reads_video);
  g_test_add_func ("/rushes/media-info/silent-video", media_info_silent_video);
  g_test_add_func ("/rushes/media-info/errors", media_info_errors);

  return g_test_run ();
}
