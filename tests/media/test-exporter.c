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

#define G_LOG_DOMAIN "test-exporter"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-exporter.h"
#include "rushes-media-error.h"
#include "rushes-test-async.h"

#define PROMPT "A lighthouse on a rocky cliff at dawn, waves crashing below"
#define MODEL  "sandbox/preview"

/* The fake clip (tests/fake-provider/meson.build): 2 s, 320×180, 30 fps,
 * with sound. Its audio runs to 2.2 s. */
#define CLIP_WIDTH    320
#define CLIP_HEIGHT   180
#define CLIP_DURATION (2 * GST_SECOND)

static const char *clip_path;

static GFile *
output_file (const char *name)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "exports", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return g_file_new_for_path (path);
}

/* Exports the fake clip; returns the error, if any, and the progress. */
static GError *
export_clip_full (GFile              *destination,
                  RushesExportFormat  format,
                  RushesExportFlags   flags,
                  gint64              frame_position,
                  GCancellable       *cancellable,
                  GArray            **progress)
{
  g_autoptr(GFile) video = g_file_new_for_path (clip_path);
  RushesExportMetadata meta = { PROMPT, MODEL, frame_position };
  RushesTestJob export;
  GError *error = NULL;

  rushes_test_job_init (&export);

  rushes_exporter_export_async (video, destination, format, flags, &meta,
                                rushes_test_job_progress_cb, &export, cancellable,
                                rushes_test_job_done_cb, &export);
  rushes_test_await (&export.result);

  if (!rushes_exporter_export_finish (export.result, &error))
    g_assert_nonnull (error);

  /* However fast or slow the machine: 0 first, then only forward, and 1
   * last when, and only when, the export is in place. */
  g_assert_cmpuint (export.progress->len, >=, 1);
  g_assert_cmpfloat (g_array_index (export.progress, double, 0), ==, 0.0);
  for (guint i = 1; i < export.progress->len; i++)
    g_assert_cmpfloat (g_array_index (export.progress, double, i), >, g_array_index (export.progress, double, i - 1));
  if (error == NULL)
    g_assert_cmpfloat (g_array_index (export.progress, double, export.progress->len - 1), ==, 1.0);
  else
    g_assert_cmpfloat (g_array_index (export.progress, double, export.progress->len - 1), <, 1.0);

  if (progress != NULL)
    *progress = g_array_ref (export.progress);
  rushes_test_job_clear (&export);

  return error;
}

static void
export_clip (GFile              *destination,
             RushesExportFormat  format)
{
  g_autoptr(GError) error = NULL;

  error = export_clip_full (destination, format, RUSHES_EXPORT_FLAGS_NONE, -1, NULL, NULL);
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (destination, NULL));
}

/* No hidden .part file may stay beside an export. */
static void
assert_folder_holds (GFile      *folder,
                     const char *only)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  guint n = 0;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);

  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_assert_cmpstr (g_file_info_get_name (info), ==, only);
      g_object_unref (info);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, only != NULL ? 1 : 0);
}

/* The user's file: readable as any new file of theirs, not private like
 * the hidden one it was written to. */
static void
assert_user_mode (GFile *file)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, rushes_file_get_default_mode ());
}

static GstDiscovererInfo *
discover (GFile *file)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  GstDiscovererInfo *info;

  discoverer = gst_discoverer_new (rushes_test_scaled_usec (RUSHES_TEST_WAIT_SECONDS) * GST_USECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);

  return info;
}

static char *
container_caps (GstDiscovererInfo *info)
{
  g_autoptr(GstDiscovererStreamInfo) stream = gst_discoverer_info_get_stream_info (info);
  g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (stream);

  g_assert_true (GST_IS_DISCOVERER_CONTAINER_INFO (stream));
  return g_strdup (gst_structure_get_name (gst_caps_get_structure (caps, 0)));
}

static char *
first_stream_caps (GList *streams)
{
  g_autoptr(GstCaps) caps = NULL;

  g_assert_nonnull (streams);
  caps = gst_discoverer_stream_info_get_caps (streams->data);
  return g_strdup (gst_structure_get_name (gst_caps_get_structure (caps, 0)));
}

/* Demuxers may report a tag more than once (Matroska also names each
 * track): the value must be among them. */
static gboolean
has_tag (GstDiscovererInfo *info,
         const char        *tag,
         const char        *value)
{
  const GstTagList *tags = gst_discoverer_info_get_tags (info);
  guint n = tags != NULL ? gst_tag_list_get_tag_size (tags, tag) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *found = NULL;

      if (gst_tag_list_peek_string_index (tags, tag, i, &found) && g_strcmp0 (found, value) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
assert_plays_as_long_as_clip (GstDiscovererInfo *info)
{
  GstClockTime duration = gst_discoverer_info_get_duration (info);

  g_assert_cmpuint (duration, >=, CLIP_DURATION - 200 * GST_MSECOND);
  g_assert_cmpuint (duration, <=, CLIP_DURATION + 400 * GST_MSECOND);
}

static guint64
file_size (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  return g_file_info_get_size (info);
}

static void
exporter_mp4 (void)
{
  g_autoptr(GFile) output = output_file ("clip.mp4");
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *container = NULL;
  g_autofree char *video = NULL;
  g_autofree char *audio = NULL;
  GList *streams;

  export_clip (output, RUSHES_EXPORT_FORMAT_MP4);
  assert_user_mode (output);

  info = discover (output);
  container = container_caps (info);
  g_assert_cmpstr (container, ==, "video/quicktime");
  streams = gst_discoverer_info_get_video_streams (info);
  video = first_stream_caps (streams);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (streams->data), ==, CLIP_WIDTH);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (streams->data), ==, CLIP_HEIGHT);
  gst_discoverer_stream_info_list_free (streams);
  streams = gst_discoverer_info_get_audio_streams (info);
  audio = first_stream_caps (streams);
  gst_discoverer_stream_info_list_free (streams);
  assert_plays_as_long_as_clip (info);

  /* The streams are copied, not re-encoded */
  g_assert_cmpstr (video, ==, "video/x-h264");
  g_assert_cmpstr (audio, ==, "audio/mpeg");

  g_assert_true (has_tag (info, GST_TAG_TITLE, PROMPT));
  g_assert_true (has_tag (info, GST_TAG_COMMENT, MODEL));
}

/* By type, not by sniffing: the isolated test folders hide the MIME
 * database that GdkPixbuf would ask. */
static GdkPixbufAnimation *
load_image (const char *path,
            const char *type)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  loader = gdk_pixbuf_loader_new_with_type (type, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_write (loader, (const guint8 *) contents, length, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_animation (loader));
}

static GdkPixbuf *
load_picture (const char *path,
              const char *type)
{
  g_autoptr(GdkPixbufAnimation) animation = load_image (path, type);

  return g_object_ref (gdk_pixbuf_animation_get_static_image (animation));
}

static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle,
                gsize       needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

static void
exporter_png (void)
{
  g_autoptr(GFile) output = output_file ("frame.png");
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *caps = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (output);
  gsize length;
  GList *streams;

  export_clip (output, RUSHES_EXPORT_FORMAT_PNG);
  assert_user_mode (output);

  info = discover (output);
  streams = gst_discoverer_info_get_video_streams (info);
  caps = first_stream_caps (streams);
  g_assert_cmpstr (caps, ==, "image/png");
  g_assert_true (gst_discoverer_video_info_is_image (streams->data));
  g_assert_cmpuint (gst_discoverer_video_info_get_width (streams->data), ==, CLIP_WIDTH);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (streams->data), ==, CLIP_HEIGHT);
  gst_discoverer_stream_info_list_free (streams);

  /* A complete image another decoder reads */
  pixbuf = load_picture (path, "png");
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, CLIP_WIDTH);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, CLIP_HEIGHT);

  /* The prompt and model travel with the picture */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (contains_bytes (contents, length, "iTXtTitle\0\0\0\0\0" PROMPT, 14 + strlen (PROMPT)));
  g_assert_true (contains_bytes (contents, length, "iTXtComment\0\0\0\0\0" MODEL, 16 + strlen (MODEL)));
}

/* Walks the GIF's blocks: the number of images and their total delay. */
static void
parse_gif (const guint8 *gif,
           gsize         length,
           guint        *n_images,
           guint        *total_delay,
           gboolean     *loops)
{
  gsize at = 13;

  *n_images = *total_delay = 0;
  *loops = FALSE;

  g_assert_cmpuint (length, >, 13);
  g_assert_cmpmem (gif, 6, "GIF89a", 6);
  if (gif[10] & 0x80)
    at += 3 * (1u << ((gif[10] & 0x07) + 1));

  while (at < length && gif[at] != 0x3b)
    {
      if (gif[at] == 0x21)
        {
          guint8 label = gif[at + 1];

          if (label == 0xf9)
            *total_delay += gif[at + 4] | (gif[at + 5] << 8);
          if (label == 0xff && memcmp (gif + at + 3, "NETSCAPE2.0", 11) == 0)
            *loops = TRUE;
          at += 2;
        }
      else
        {
          g_assert_cmphex (gif[at], ==, 0x2c);
          if (gif[at + 9] & 0x80)
            at += 3 * (1u << ((gif[at + 9] & 0x07) + 1));
          at += 10 + 1; /* descriptor, then the LZW code size */
          (*n_images)++;
        }

      /* Data sub-blocks up to the empty one */
      while (at < length && gif[at] != 0)
        at += gif[at] + 1;
      at++;
    }

  g_assert_cmpuint (at, <, length);
  g_assert_cmphex (gif[at], ==, 0x3b);
}

/* The mean difference of two same-sized pictures, per channel, 0..255 */
static double
mean_difference (GdkPixbuf *a,
                 GdkPixbuf *b)
{
  int width = gdk_pixbuf_get_width (a);
  int height = gdk_pixbuf_get_height (a);
  guint64 sum = 0;

  g_assert_cmpint (gdk_pixbuf_get_width (b), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (b), ==, height);

  for (int y = 0; y < height; y++)
    {
      const guint8 *pa = gdk_pixbuf_read_pixels (a) + y * gdk_pixbuf_get_rowstride (a);
      const guint8 *pb = gdk_pixbuf_read_pixels (b) + y * gdk_pixbuf_get_rowstride (b);

      for (int x = 0; x < width; x++)
        {
          for (int c = 0; c < 3; c++)
            sum += ABS (pa[c] - pb[c]);
          pa += gdk_pixbuf_get_n_channels (a);
          pb += gdk_pixbuf_get_n_channels (b);
        }
    }

  return sum / (3.0 * width * height);
}

static void
exporter_gif (void)
{
  g_autoptr(GFile) output = output_file ("clip.gif");
  g_autoptr(GFile) first_frame = output_file ("first.png");
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GdkPixbufAnimation) animation = NULL;
  g_autoptr(GdkPixbuf) gif_frame = NULL;
  g_autoptr(GdkPixbuf) video_frame = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *container = NULL;
  g_autofree char *path = g_file_get_path (output);
  g_autofree char *first_path = g_file_get_path (first_frame);
  g_autofree guint8 *contents = NULL;
  gsize length;
  guint n_images, total_delay;
  gboolean loops;

  export_clip (output, RUSHES_EXPORT_FORMAT_GIF);

  info = discover (output);
  container = container_caps (info);
  g_assert_cmpstr (container, ==, "image/gif");
  assert_plays_as_long_as_clip (info);

  /* Animated, looping, and as long as the clip at 12 frames a second */
  g_assert_true (g_file_get_contents (path, (char **) &contents, &length, NULL));
  parse_gif (contents, length, &n_images, &total_delay, &loops);
  g_test_message ("GIF: %" G_GSIZE_FORMAT " bytes, %u images, %u cs", length, n_images, total_delay);
  g_assert_cmpuint (n_images, >, 1);
  g_assert_cmpuint (n_images, <=, 2 * RUSHES_EXPORT_GIF_FPS + 3);
  g_assert_true (loops);
  g_assert_cmpuint (total_delay, >=, 190);
  g_assert_cmpuint (total_delay, <=, 240);

  animation = load_image (path, "gif");
  g_assert_false (gdk_pixbuf_animation_is_static_image (animation));
  g_assert_cmpint (gdk_pixbuf_animation_get_width (animation), ==, CLIP_WIDTH);
  g_assert_cmpint (gdk_pixbuf_animation_get_height (animation), ==, CLIP_HEIGHT);

  /* The first image is the clip's first frame, in at most 255 colours */
  g_assert_no_error (export_clip_full (first_frame, RUSHES_EXPORT_FORMAT_PNG,
                                       RUSHES_EXPORT_FLAGS_NONE, 0, NULL, NULL));
  gif_frame = gdk_pixbuf_copy (gdk_pixbuf_animation_get_static_image (animation));
  video_frame = load_picture (first_path, "png");
  g_assert_cmpfloat (mean_difference (gif_frame, video_frame), <, 8.0);
}

static void
exporter_webm (void)
{
  g_autoptr(GFile) output = output_file ("clip.webm");
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *container = NULL;
  g_autofree char *video = NULL;
  g_autofree char *audio = NULL;
  GList *streams;

  export_clip (output, RUSHES_EXPORT_FORMAT_WEBM);

  info = discover (output);
  container = container_caps (info);
  g_assert_cmpstr (container, ==, "video/webm");
  streams = gst_discoverer_info_get_video_streams (info);
  video = first_stream_caps (streams);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (streams->data), ==, CLIP_WIDTH);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (streams->data), ==, CLIP_HEIGHT);
  gst_discoverer_stream_info_list_free (streams);
  streams = gst_discoverer_info_get_audio_streams (info);
  audio = first_stream_caps (streams);
  gst_discoverer_stream_info_list_free (streams);
  assert_plays_as_long_as_clip (info);

  g_assert_true (g_str_equal (video, "video/x-vp9") || g_str_equal (video, "video/x-vp8"));
  g_assert_cmpstr (audio, ==, "audio/x-opus");

  g_assert_true (has_tag (info, GST_TAG_TITLE, PROMPT));
}

static void
exporter_reports_progress (void)
{
  g_autoptr(GFile) output = output_file ("clip.webm");
  g_autoptr(GArray) progress = NULL;
  g_autoptr(GError) error = NULL;

  error = export_clip_full (output, RUSHES_EXPORT_FORMAT_WEBM, RUSHES_EXPORT_FLAGS_NONE, -1, NULL, &progress);
  g_assert_no_error (error);

  /* The start and the end, even when the transcode is done before the
   * pipeline's position is first read: what is in between depends on the
   * machine's speed. */
  g_assert_cmpuint (progress->len, >=, 2);
  g_assert_cmpfloat (g_array_index (progress, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (progress, double, progress->len - 1), ==, 1.0);
}

/* Once the pipeline reports its position, the hidden file exists. */
static void
cancel_under_way_cb (double   fraction,
                     gpointer user_data)
{
  if (fraction > 0.0)
    g_cancellable_cancel (user_data);
}

static void
exporter_cancel (void)
{
  g_autoptr(GFile) output = output_file ("clip.gif");
  g_autoptr(GFile) folder = g_file_get_parent (output);
  g_autoptr(GFile) video = g_file_new_for_path (clip_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RushesTestJob export = { NULL, NULL };

  /* Cancelled in the middle of the transcode */
  rushes_exporter_export_async (video, output, RUSHES_EXPORT_FORMAT_GIF, RUSHES_EXPORT_FLAGS_NONE,
                                NULL, cancel_under_way_cb, cancellable,
                                cancellable, rushes_test_job_done_cb, &export);
  rushes_test_await (&export.result);
  g_assert_false (rushes_exporter_export_finish (export.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&export.result);
  g_clear_error (&error);
  assert_folder_holds (folder, NULL);

  /* Cancelled before it starts */
  error = export_clip_full (output, RUSHES_EXPORT_FORMAT_WEBM, RUSHES_EXPORT_FLAGS_NONE, -1,
                            cancellable, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_folder_holds (folder, NULL);
}

static void
exporter_keeps_existing (void)
{
  g_autoptr(GFile) output = output_file ("mine.mp4");
  g_autoptr(GFile) folder = g_file_get_parent (output);
  g_autofree char *path = g_file_get_path (output);
  g_autofree char *contents = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "my own work", -1, NULL));

  for (RushesExportFormat format = 0; format < RUSHES_EXPORT_N_FORMATS; format++)
    {
      error = export_clip_full (output, format, RUSHES_EXPORT_FLAGS_NONE, -1, NULL, NULL);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
      g_assert_nonnull (strstr (error->message, "mine.mp4"));
      g_clear_error (&error);

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "my own work");
      g_clear_pointer (&contents, g_free);
      assert_folder_holds (folder, "mine.mp4");
    }

  /* Unless the user agreed to replace it */
  error = export_clip_full (output, RUSHES_EXPORT_FORMAT_MP4, RUSHES_EXPORT_FLAGS_OVERWRITE, -1, NULL, NULL);
  g_assert_no_error (error);
  info = discover (output);
  assert_plays_as_long_as_clip (info);
  assert_folder_holds (folder, "mine.mp4");
}

static void
exporter_bad_source (void)
{
  g_autoptr(GFile) output = output_file ("clip.webm");
  g_autoptr(GFile) folder = g_file_get_parent (output);
  g_autofree char *garbage = g_build_filename (g_get_user_data_dir (), "garbage.mp4", NULL);
  g_autoptr(GFile) video = g_file_new_for_path (garbage);
  g_autoptr(GError) error = NULL;
  RushesTestJob export = { NULL, NULL };

  g_assert_true (g_file_set_contents (garbage, "this is no video at all, only words", -1, NULL));

  rushes_exporter_export_async (video, output, RUSHES_EXPORT_FORMAT_WEBM, RUSHES_EXPORT_FLAGS_NONE,
                                NULL, NULL, NULL, NULL, rushes_test_job_done_cb, &export);
  rushes_test_await (&export.result);
  g_assert_false (rushes_exporter_export_finish (export.result, &error));
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == RUSHES_MEDIA_ERROR);
  g_assert_nonnull (strstr (error->message, "garbage.mp4"));
  g_clear_object (&export.result);
  assert_folder_holds (folder, NULL);
}

static void
exporter_bad_destination (void)
{
  g_autofree char *missing_path = g_build_filename (g_get_user_data_dir (), "no such folder", "clip.gif", NULL);
  g_autofree char *locked_path = g_build_filename (g_get_user_data_dir (), "locked", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) locked_folder = g_file_new_for_path (locked_path);
  g_autoptr(GFile) locked = g_file_get_child (locked_folder, "clip.gif");
  g_autoptr(GError) error = NULL;

  /* The messages name the folder, not the hidden file */
  error = export_clip_full (missing, RUSHES_EXPORT_FORMAT_GIF, RUSHES_EXPORT_FLAGS_NONE, -1, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no such folder"));
  g_assert_null (strstr (error->message, ".part"));
  g_clear_error (&error);

  /* Root may write anywhere: then there is no folder to refuse it. */
  if (geteuid () == 0)
    return;

  g_assert_cmpint (g_mkdir_with_parents (locked_path, 0500), ==, 0);
  error = export_clip_full (locked, RUSHES_EXPORT_FORMAT_GIF, RUSHES_EXPORT_FLAGS_NONE, -1, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_null (strstr (error->message, ".part"));
  g_chmod (locked_path, 0700);
}

static void
exporter_missing_element (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GFile) output = output_file ("clip.webm");
      g_autoptr(GFile) folder = g_file_get_parent (output);
      GstPluginFeature *vp9enc = gst_registry_lookup_feature (gst_registry_get (), "vp9enc");
      g_autoptr(GError) error = NULL;

      /* As on a system without gstreamer1.0-plugins-good */
      g_assert_nonnull (vp9enc);
      gst_registry_remove_feature (gst_registry_get (), vp9enc);
      gst_object_unref (vp9enc);

      error = export_clip_full (output, RUSHES_EXPORT_FORMAT_WEBM, RUSHES_EXPORT_FLAGS_NONE, -1, NULL, NULL);
      g_test_message ("%s", error != NULL ? error->message : "no error");
      g_assert_error (error, RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN);
      g_assert_nonnull (strstr (error->message, "vp9enc"));
      g_assert_nonnull (strstr (error->message, "gstreamer1.0-plugins-good"));
      assert_folder_holds (folder, NULL);
      return;
    }

  /* In a child, so the other tests keep the element. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
exporter_estimate (gconstpointer data)
{
  RushesExportFormat format = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("clip.%s", rushes_export_format_get_extension (format));
  g_autoptr(GFile) output = output_file (name);
  guint64 estimate, size;

  estimate = rushes_exporter_estimate_size (CLIP_DURATION, CLIP_WIDTH, CLIP_HEIGHT, format);
  export_clip (output, format);
  size = file_size (output);

  g_test_message ("%s: estimated %" G_GUINT64_FORMAT " bytes, wrote %" G_GUINT64_FORMAT,
                  name, estimate, size);
  g_assert_cmpuint (estimate, <=, 3 * size);
  g_assert_cmpuint (size, <=, 3 * estimate);
}

static void
exporter_estimate_scales (void)
{
  guint64 short_clip = rushes_exporter_estimate_size (5 * GST_SECOND, 1280, 720, RUSHES_EXPORT_FORMAT_WEBM);
  guint64 long_clip = rushes_exporter_estimate_size (10 * GST_SECOND, 1280, 720, RUSHES_EXPORT_FORMAT_WEBM);
  guint64 gif_720 = rushes_exporter_estimate_size (5 * GST_SECOND, 1280, 720, RUSHES_EXPORT_FORMAT_GIF);
  guint64 gif_1080 = rushes_exporter_estimate_size (5 * GST_SECOND, 1920, 1080, RUSHES_EXPORT_FORMAT_GIF);
  int width, height;

  /* Twice as long, about twice as big */
  g_assert_cmpuint (long_clip, >, 19 * short_clip / 10);
  g_assert_cmpuint (long_clip, <, 21 * short_clip / 10);

  /* A GIF is as big whatever the clip's size: it is scaled down first */
  g_assert_cmpuint (gif_720, ==, gif_1080);
  rushes_exporter_get_gif_size (1920, 1080, &width, &height);
  g_assert_cmpint (width, ==, 480);
  g_assert_cmpint (height, ==, 270);
  rushes_exporter_get_gif_size (1080, 1920, &width, &height);
  g_assert_cmpint (width, ==, 270);
  g_assert_cmpint (height, ==, 480);
  rushes_exporter_get_gif_size (320, 180, &width, &height);
  g_assert_cmpint (width, ==, 320);
  g_assert_cmpint (height, ==, 180);

  g_assert_cmpuint (rushes_exporter_estimate_size (5 * GST_SECOND, 1280, 720, RUSHES_EXPORT_FORMAT_MP4), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (&argc, &argv);

  /* Subprocesses get no arguments; the clip's path goes by environment. */
  if (argc == 2)
    g_setenv ("RUSHES_TEST_CLIP", argv[1], TRUE);
  clip_path = g_getenv ("RUSHES_TEST_CLIP");
  g_assert_nonnull (clip_path);

  g_test_add_func ("/rushes/exporter/mp4", exporter_mp4);
  g_test_add_func ("/rushes/exporter/png", exporter_png);
  g_test_add_func ("/rushes/exporter/gif", exporter_gif);
  g_test_add_func ("/rushes/exporter/webm", exporter_webm);
  g_test_add_func ("/rushes/exporter/progress", exporter_reports_progress);
  g_test_add_func ("/rushes/exporter/cancel", exporter_cancel);
  g_test_add_func ("/rushes/exporter/keeps-existing", exporter_keeps_existing);
  g_test_add_func ("/rushes/exporter/bad-source", exporter_bad_source);
  g_test_add_func ("/rushes/exporter/bad-destination", exporter_bad_destination);
  g_test_add_func ("/rushes/exporter/missing-element", exporter_missing_element);
  g_test_add_data_func ("/rushes/exporter/estimate/gif", GINT_TO_POINTER (RUSHES_EXPORT_FORMAT_GIF), exporter_estimate);
  g_test_add_data_func ("/rushes/exporter/estimate/webm", GINT_TO_POINTER (RUSHES_EXPORT_FORMAT_WEBM), exporter_estimate);
  g_test_add_func ("/rushes/exporter/estimate/scales", exporter_estimate_scales);

  return g_test_run ();
}
