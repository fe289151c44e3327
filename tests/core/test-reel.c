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

#define G_LOG_DOMAIN "test-reel"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rushes-error.h"
#include "rushes-json.h"
#include "rushes-reel.h"
#include "rushes-reel-store.h"
#include "rushes-test-async.h"

#define SECOND G_TIME_SPAN_SECOND

static const char *task_a = "20260314-101500-aaaa";
static const char *task_b = "20260314-101600-bbbb";
static const char *task_c = "20260314-101700-cccc";

static GFile *
reels_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "rushes", "reels", NULL);
}

static GFile *
reel_file (const char *name)
{
  g_autoptr(GFile) dir = reels_dir ();

  return g_file_get_child (dir, name);
}

static void
write_file (GFile      *file,
            const char *contents,
            gssize      length)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (parent), 0700), ==, 0);
  g_file_set_contents (g_file_peek_path (file), contents, length, &error);
  g_assert_no_error (error);
}

static RushesReel *
three_clip_reel (void)
{
  RushesReel *reel = rushes_reel_new ("Lighthouse");

  rushes_reel_append (reel, task_a);
  rushes_reel_append (reel, task_b);
  rushes_reel_append (reel, task_c);
  return reel;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  Changes *changes = user_data;

  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
assert_order (RushesReel  *reel,
              const char **ids)
{
  guint n = g_strv_length ((char **) ids);

  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reel)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RushesReelEntry) item = g_list_model_get_item (G_LIST_MODEL (reel), i);

      g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, i)), ==, ids[i]);
      g_assert_true (item == rushes_reel_get_entry (reel, i));
    }
}

/* Editing */

static void
test_new (void)
{
  g_autoptr(RushesReel) reel = rushes_reel_new ("Lighthouse");
  g_autoptr(RushesReel) other = rushes_reel_new (NULL);

  g_assert_true (rushes_reel_id_is_valid (rushes_reel_get_id (reel)));
  g_assert_cmpstr (rushes_reel_get_name (reel), ==, "Lighthouse");
  g_assert_cmpstr (rushes_reel_get_name (other), ==, "");
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (reel)) == RUSHES_TYPE_REEL_ENTRY);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (reel), 0));
  g_assert_cmpint (g_date_time_compare (rushes_reel_get_created (reel), rushes_reel_get_modified (reel)), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&reel));
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_edit (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  g_autoptr(GDateTime) before = g_date_time_ref (rushes_reel_get_modified (reel));
  Changes changes = { 0 };
  guint notified = 0;

  g_signal_connect (reel, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect_swapped (reel, "notify::modified", G_CALLBACK (count_cb), &notified);

  assert_order (reel, (const char *[]) { task_a, task_b, task_c, NULL });

  rushes_reel_move (reel, 0, 2);
  assert_order (reel, (const char *[]) { task_b, task_c, task_a, NULL });
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 3);
  g_assert_cmpuint (changes.added, ==, 3);
  /* Every change moves the modification time on, and says so */
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (g_date_time_compare (rushes_reel_get_modified (reel), before), >=, 0);

  rushes_reel_move (reel, 2, 1);
  assert_order (reel, (const char *[]) { task_b, task_a, task_c, NULL });
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 2);

  rushes_reel_insert (reel, 1, task_c);
  assert_order (reel, (const char *[]) { task_b, task_c, task_a, task_c, NULL });
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (rushes_reel_count_uses (reel, task_c), ==, 2);
  g_assert_cmpuint (rushes_reel_count_uses (reel, task_a), ==, 1);
  g_assert_cmpuint (rushes_reel_count_uses (reel, "20990101-000000-0000"), ==, 0);

  /* Past the end appends */
  rushes_reel_insert (reel, 99, task_a);
  g_assert_cmpuint (changes.position, ==, 4);

  rushes_reel_remove (reel, 0);
  assert_order (reel, (const char *[]) { task_c, task_a, task_c, task_a, NULL });
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);

  /* A move to the same place changes nothing */
  changes.count = 0;
  rushes_reel_move (reel, 2, 2);
  g_assert_cmpuint (changes.count, ==, 0);

  rushes_reel_set_name (reel, "Harbour");
  g_assert_cmpstr (rushes_reel_get_name (reel), ==, "Harbour");

  g_signal_handlers_disconnect_by_data (reel, &changes);
  g_signal_handlers_disconnect_by_data (reel, &notified);
  g_assert_finalize_object (g_steal_pointer (&reel));
}

static void
test_trim_and_transition (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  g_autoptr(RushesReelEntry) old = g_object_ref (rushes_reel_get_entry (reel, 1));
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  RushesReelEntry *entry;

  g_signal_connect (reel, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  g_assert_true (rushes_reel_set_trim (reel, 1, SECOND / 2, 3 * SECOND, &error));
  g_assert_no_error (error);
  entry = rushes_reel_get_entry (reel, 1);
  g_assert_cmpint (rushes_reel_entry_get_in_point (entry), ==, SECOND / 2);
  g_assert_cmpint (rushes_reel_entry_get_out_point (entry), ==, 3 * SECOND);
  /* Entries do not change: the edited one takes the old one's place */
  g_assert_true (entry != old);
  g_assert_cmpint (rushes_reel_entry_get_in_point (old), ==, -1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);

  /* Unchanged: no signal */
  changes.count = 0;
  g_assert_true (rushes_reel_set_trim (reel, 1, SECOND / 2, 3 * SECOND, &error));
  g_assert_cmpuint (changes.count, ==, 0);

  /* Only the in point, or only the out point */
  g_assert_true (rushes_reel_set_trim (reel, 0, SECOND, -1, &error));
  g_assert_true (rushes_reel_set_trim (reel, 2, -1, 2 * SECOND, &error));
  g_assert_no_error (error);

  g_assert_false (rushes_reel_set_trim (reel, 1, 3 * SECOND, 3 * SECOND, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Clip 2"));
  g_clear_error (&error);
  g_assert_false (rushes_reel_set_trim (reel, 1, -5, -1, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (rushes_reel_set_trim (reel, 1, -1, RUSHES_REEL_MAX_TIME + 1, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* The failed edits left the entry alone */
  g_assert_cmpint (rushes_reel_entry_get_in_point (rushes_reel_get_entry (reel, 1)), ==, SECOND / 2);

  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND / 2, &error));
  g_assert_no_error (error);
  entry = rushes_reel_get_entry (reel, 0);
  g_assert_cmpint (rushes_reel_entry_get_transition (entry), ==, RUSHES_REEL_TRANSITION_CROSSFADE);
  g_assert_cmpint (rushes_reel_entry_get_transition_duration (entry), ==, SECOND / 2);
  /* The trim stays */
  g_assert_cmpint (rushes_reel_entry_get_in_point (entry), ==, SECOND);

  g_assert_false (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CROSSFADE, 0, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A cut has no duration, whatever is passed */
  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CUT, 12345, &error));
  g_assert_cmpint (rushes_reel_entry_get_transition_duration (rushes_reel_get_entry (reel, 0)), ==, 0);

  g_signal_handlers_disconnect_by_data (reel, &changes);
  g_clear_object (&old);
  g_assert_finalize_object (g_steal_pointer (&reel));
}

static void
test_ids (void)
{
  g_assert_true (rushes_reel_id_is_valid ("20260314-101500-3f2a"));
  g_assert_true (rushes_reel_id_is_valid ("a.b_c-D"));
  g_assert_false (rushes_reel_id_is_valid (NULL));
  g_assert_false (rushes_reel_id_is_valid (""));
  g_assert_false (rushes_reel_id_is_valid (".hidden"));
  g_assert_false (rushes_reel_id_is_valid ("../library"));
  g_assert_false (rushes_reel_id_is_valid ("a/b"));
  g_assert_false (rushes_reel_id_is_valid ("a b"));
  g_assert_false (rushes_reel_id_is_valid ("é"));
}

/* Layout arithmetic */

static void
assert_span (const RushesReelSpan *span,
             gint64                in_point,
             gint64                out_point,
             gint64                start,
             gint64                overlap)
{
  g_assert_cmpint (span->in_point, ==, in_point);
  g_assert_cmpint (span->out_point, ==, out_point);
  g_assert_cmpint (span->start, ==, start);
  g_assert_cmpint (span->overlap, ==, overlap);
}

static void
test_layout_cuts (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  const gint64 durations[] = { 4 * SECOND, 4 * SECOND, 4 * SECOND };
  g_autofree RushesReelSpan *spans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  g_assert_true (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_STRICT,
                                             &spans, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 12 * SECOND);
  assert_span (&spans[0], 0, 4 * SECOND, 0, 0);
  assert_span (&spans[1], 0, 4 * SECOND, 4 * SECOND, 0);
  assert_span (&spans[2], 0, 4 * SECOND, 8 * SECOND, 0);

  /* Nothing at all */
  g_assert_true (rushes_reel_layout (NULL, 0, RUSHES_REEL_LAYOUT_STRICT, NULL, &total, &error));
  g_assert_cmpint (total, ==, 0);
}

/* The issue's own numbers: three 4 s clips and two 0.5 s crossfades last
 * 11 s, each crossfade starting half a second before its clip ends. */
static void
test_layout_crossfades (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  const gint64 durations[] = { 4 * SECOND, 4 * SECOND, 4 * SECOND };
  g_autofree RushesReelSpan *spans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND / 2, NULL));
  g_assert_true (rushes_reel_set_transition (reel, 1, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND / 2, NULL));
  /* The last clip's transition leads nowhere */
  g_assert_true (rushes_reel_set_transition (reel, 2, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND, NULL));

  g_assert_true (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_STRICT,
                                             &spans, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 11 * SECOND);
  assert_span (&spans[0], 0, 4 * SECOND, 0, SECOND / 2);
  assert_span (&spans[1], 0, 4 * SECOND, 3 * SECOND + SECOND / 2, SECOND / 2);
  assert_span (&spans[2], 0, 4 * SECOND, 7 * SECOND, 0);
  g_assert_false (spans[0].clamped || spans[1].clamped || spans[2].clamped);
}

static void
test_layout_trims (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  const gint64 durations[] = { 4 * SECOND, 6 * SECOND, 5 * SECOND };
  g_autofree RushesReelSpan *spans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  g_assert_true (rushes_reel_set_trim (reel, 0, SECOND, -1, NULL));
  g_assert_true (rushes_reel_set_trim (reel, 1, -1, 2 * SECOND, NULL));
  g_assert_true (rushes_reel_set_trim (reel, 2, SECOND, 4 * SECOND, NULL));
  g_assert_true (rushes_reel_set_transition (reel, 1, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND / 4, NULL));

  g_assert_true (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_STRICT,
                                             &spans, &total, &error));
  g_assert_no_error (error);
  /* 3 s + 2 s + 3 s, less the quarter second shared */
  g_assert_cmpint (total, ==, 8 * SECOND - SECOND / 4);
  assert_span (&spans[0], SECOND, 4 * SECOND, 0, 0);
  assert_span (&spans[1], 0, 2 * SECOND, 3 * SECOND, SECOND / 4);
  assert_span (&spans[2], SECOND, 4 * SECOND, 5 * SECOND - SECOND / 4, 0);
}

/* The transition after an entry travels with it. */
static void
test_layout_follows_order (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  const gint64 durations[] = { 2 * SECOND, 4 * SECOND, 4 * SECOND };
  g_autofree RushesReelSpan *spans = NULL;
  gint64 total;

  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND, NULL));
  rushes_reel_move (reel, 0, 2);
  g_assert_cmpstr (rushes_reel_entry_get_task_id (rushes_reel_get_entry (reel, 2)), ==, task_a);

  /* Now last: its crossfade plays no part */
  g_assert_true (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_STRICT,
                                             &spans, &total, NULL));
  g_assert_cmpint (total, ==, 10 * SECOND);
  g_assert_cmpint (spans[2].overlap, ==, 0);
  g_clear_pointer (&spans, g_free);

  rushes_reel_move (reel, 2, 1);
  g_assert_true (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_STRICT,
                                             &spans, &total, NULL));
  g_assert_cmpint (total, ==, 9 * SECOND);
  g_assert_cmpint (spans[1].overlap, ==, SECOND);
  g_assert_cmpint (spans[2].start, ==, 5 * SECOND);
}

static void
test_layout_too_long (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  const gint64 durations[] = { 4 * SECOND, SECOND, 4 * SECOND };
  g_autofree RushesReelSpan *spans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  /* Clip 2 lasts 1 s: two 0.5 s crossfades leave nothing of it */
  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND / 2, NULL));
  g_assert_true (rushes_reel_set_transition (reel, 1, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND / 2, NULL));

  g_assert_false (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_STRICT,
                                              &spans, &total, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "between clips 2 and 3"));
  g_assert_nonnull (strstr (error->message, "clip 2 leaves room for 0.40 s"));
  g_assert_null (spans);
  g_assert_cmpint (total, ==, -1);
  g_clear_error (&error);

  /* Clamped: the second crossfade gets what is left, each clip keeps its
   * own tenth of a second */
  g_assert_true (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_CLAMP,
                                             &spans, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spans[0].overlap, ==, SECOND / 2);
  g_assert_false (spans[0].clamped);
  g_assert_cmpint (spans[1].overlap, ==, SECOND - SECOND / 2 - RUSHES_REEL_MIN_SOLO);
  g_assert_true (spans[1].clamped);
  g_assert_cmpint (total, ==, 9 * SECOND - SECOND / 2 - spans[1].overlap);
  g_clear_pointer (&spans, g_free);

  /* Longer than the next clip, in strict mode: that clip is named */
  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CUT, 0, NULL));
  g_assert_true (rushes_reel_set_transition (reel, 1, RUSHES_REEL_TRANSITION_CROSSFADE, 3 * SECOND, NULL));
  g_assert_false (rushes_reel_compute_layout (reel, durations, RUSHES_REEL_LAYOUT_STRICT,
                                              NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "clip 2 leaves room for 0.90 s"));
  g_clear_error (&error);

  rushes_reel_move (reel, 1, 0);
  g_assert_false (rushes_reel_compute_layout (reel, (const gint64[]) { SECOND, 4 * SECOND, 4 * SECOND },
                                              RUSHES_REEL_LAYOUT_STRICT, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "between clips 1 and 2 lasts 3.00 s"));
  g_assert_nonnull (strstr (error->message, "clip 1 leaves room"));
  g_clear_error (&error);

  /* No room at all: the clamp makes it a cut */
  g_assert_true (rushes_reel_layout ((const RushesReelClipTiming[]) {
                                       { SECOND / 10, -1, -1, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND },
                                       { SECOND, -1, -1, RUSHES_REEL_TRANSITION_CUT, 0 },
                                     }, 2, RUSHES_REEL_LAYOUT_CLAMP,
                                     (RushesReelSpan[2]) { 0 }, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, SECOND + SECOND / 10);
}

static void
test_layout_bad_trims (void)
{
  /* An out point past the video's end */
  const RushesReelClipTiming past_end[] = {
    { 4 * SECOND, -1, -1, RUSHES_REEL_TRANSITION_CUT, 0 },
    { 3 * SECOND, SECOND, 5 * SECOND, RUSHES_REEL_TRANSITION_CUT, 0 },
  };
  /* An in point past the end: refused even when clamping */
  const RushesReelClipTiming in_past_end[] = {
    { 4 * SECOND, 5 * SECOND, -1, RUSHES_REEL_TRANSITION_CUT, 0 },
  };
  /* A clip that is too short after its trim */
  const RushesReelClipTiming too_short[] = {
    { 4 * SECOND, SECOND, SECOND + 1000, RUSHES_REEL_TRANSITION_CUT, 0 },
  };
  /* A video without duration (unreadable, or an image) */
  const RushesReelClipTiming no_duration[] = {
    { 4 * SECOND, -1, -1, RUSHES_REEL_TRANSITION_CUT, 0 },
    { 0, -1, -1, RUSHES_REEL_TRANSITION_CUT, 0 },
  };
  RushesReelSpan spans[2];
  g_autoptr(GError) error = NULL;
  gint64 total;

  g_assert_false (rushes_reel_layout (past_end, 2, RUSHES_REEL_LAYOUT_STRICT, spans, &total, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Clip 2 ends at 5.00 s, after the end of its video (3.00 s)"));
  g_clear_error (&error);
  g_assert_true (rushes_reel_layout (past_end, 2, RUSHES_REEL_LAYOUT_CLAMP, spans, &total, &error));
  g_assert_true (spans[1].clamped);
  g_assert_cmpint (spans[1].out_point, ==, 3 * SECOND);
  g_assert_cmpint (total, ==, 6 * SECOND);

  g_assert_false (rushes_reel_layout (in_past_end, 1, RUSHES_REEL_LAYOUT_CLAMP, spans, &total, &error));
  g_assert_nonnull (strstr (error->message, "Clip 1 runs from 5.00 s to 4.00 s"));
  g_clear_error (&error);

  g_assert_false (rushes_reel_layout (too_short, 1, RUSHES_REEL_LAYOUT_CLAMP, spans, &total, &error));
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (rushes_reel_layout (no_duration, 2, RUSHES_REEL_LAYOUT_CLAMP, spans, &total, &error));
  g_assert_nonnull (strstr (error->message, "Clip 2 has no duration"));
}

/* Files */

static void
assert_same_reel (RushesReel *a,
                  RushesReel *b)
{
  g_assert_cmpstr (rushes_reel_get_id (a), ==, rushes_reel_get_id (b));
  g_assert_cmpstr (rushes_reel_get_name (a), ==, rushes_reel_get_name (b));
  g_assert_cmpint (g_date_time_compare (rushes_reel_get_created (a), rushes_reel_get_created (b)), ==, 0);
  g_assert_cmpint (g_date_time_compare (rushes_reel_get_modified (a), rushes_reel_get_modified (b)), ==, 0);
  g_assert_cmpuint (rushes_reel_get_n_entries (a), ==, rushes_reel_get_n_entries (b));

  for (guint i = 0; i < rushes_reel_get_n_entries (a); i++)
    {
      RushesReelEntry *x = rushes_reel_get_entry (a, i);
      RushesReelEntry *y = rushes_reel_get_entry (b, i);

      g_assert_cmpstr (rushes_reel_entry_get_task_id (x), ==, rushes_reel_entry_get_task_id (y));
      g_assert_cmpint (rushes_reel_entry_get_in_point (x), ==, rushes_reel_entry_get_in_point (y));
      g_assert_cmpint (rushes_reel_entry_get_out_point (x), ==, rushes_reel_entry_get_out_point (y));
      g_assert_cmpint (rushes_reel_entry_get_transition (x), ==, rushes_reel_entry_get_transition (y));
      g_assert_cmpint (rushes_reel_entry_get_transition_duration (x), ==,
                       rushes_reel_entry_get_transition_duration (y));
    }
}

static guint
count_children (GFile *folder)
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
      n++;
      g_object_unref (info);
    }
  g_assert_no_error (error);
  return n;
}

static void
test_save_load (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  g_autoptr(RushesReel) loaded = NULL;
  g_autoptr(RushesReelStore) store = rushes_reel_store_new (NULL);
  g_autoptr(GFile) dir = reels_dir ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  rushes_reel_set_name (reel, "Phare — “dawn” <test> & \"quotes\"");
  g_assert_true (rushes_reel_set_trim (reel, 0, 250000, 3750000, NULL));
  g_assert_true (rushes_reel_set_trim (reel, 2, -1, 2 * SECOND, NULL));
  g_assert_true (rushes_reel_set_transition (reel, 0, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND / 2, NULL));

  /* The default store lives in the user's data folder */
  g_assert_true (g_file_equal (rushes_reel_store_get_directory (store), dir));
  file = rushes_reel_store_get_file (store, rushes_reel_get_id (reel));

  g_assert_true (rushes_reel_save (reel, file, NULL, &error));
  g_assert_no_error (error);

  /* Private: the folder 0700, the file 0600, nothing else left beside it */
  g_assert_cmpint (g_stat (g_file_peek_path (dir), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_children (dir), ==, 1);

  loaded = rushes_reel_load (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_reel (reel, loaded);

  /* Saving again replaces the file */
  rushes_reel_remove (reel, 1);
  g_assert_true (rushes_reel_save (reel, file, NULL, &error));
  g_clear_object (&loaded);
  loaded = rushes_reel_load (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_reel (reel, loaded);
  g_assert_cmpuint (count_children (dir), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&reel));
}

static void
test_save_load_async (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  g_autoptr(RushesReel) loaded = NULL;
  g_autoptr(GFile) file = reel_file ("async.json");
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;

  rushes_reel_save_async (reel, file, NULL, rushes_test_store_result_cb, &saved);
  /* What is saved is the reel as it was when asked */
  rushes_reel_remove (reel, 0);
  g_assert_true (rushes_reel_save_finish (reel, rushes_test_await (&saved), &error));
  g_assert_no_error (error);

  rushes_reel_load_async (file, NULL, rushes_test_store_result_cb, &read);
  loaded = rushes_reel_load_finish (rushes_test_await (&read), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_reel_get_n_entries (loaded), ==, 3);
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 2);
}

static void
test_load_missing (void)
{
  g_autoptr(GFile) file = reel_file ("nothing.json");
  g_autoptr(GError) error = NULL;

  g_assert_null (rushes_reel_load (file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, g_file_peek_path (file)));
}

/* Every prefix of a valid file is refused, with the file's name. */
static void
test_load_truncated (void)
{
  g_autoptr(RushesReel) reel = three_clip_reel ();
  g_autoptr(GFile) file = reel_file ("truncated.json");
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (rushes_reel_set_transition (reel, 1, RUSHES_REEL_TRANSITION_CROSSFADE, SECOND, NULL));
  root = rushes_reel_to_json (reel);
  text = json_to_string (root, TRUE);
  length = strlen (text);

  /* Whitespace after the closing brace may go: the file is then whole. */
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RushesReel) loaded = NULL;

      write_file (file, text, cut);
      loaded = rushes_reel_load (file, NULL, &error);
      if (loaded != NULL)
        g_error ("A reel cut after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes loaded", cut, length);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, g_file_peek_path (file)));
    }
}

static void
assert_refused (const char *contents,
                gssize      length,
                const char *reason)
{
  g_autoptr(GFile) file = reel_file ("hostile.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesReel) reel = NULL;

  write_file (file, contents, length);
  reel = rushes_reel_load (file, NULL, &error);
  if (reel != NULL)
    g_error ("Loaded a hostile reel: %s", contents);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, g_file_peek_path (file)));
  if (reason != NULL && strstr (error->message, reason) == NULL)
    g_error ("“%s” does not say “%s”", error->message, reason);
}

#define HEAD "{\"version\":1,\"id\":\"r1\",\"created\":\"2026-03-14T10:15:00Z\",\"modified\":\"2026-03-14T10:15:00Z\","

static void
test_load_hostile (void)
{
  g_autoptr(GString) deep = g_string_new (HEAD "\"entries\":");
  g_autoptr(GString) many = g_string_new (HEAD "\"entries\":[");
  g_autofree char *huge = NULL;
  g_autoptr(GFile) good = reel_file ("good.json");
  g_autoptr(GFile) link = reel_file ("link.json");
  g_autoptr(GFile) fifo = reel_file ("fifo.json");
  g_autoptr(GFile) folder = reel_file ("folder.json");
  g_autoptr(GError) error = NULL;
  gsize huge_length = RUSHES_JSON_MAX_RECORD + 10;

  assert_refused ("", 0, "empty");
  assert_refused ("[]", -1, "not a reel");
  assert_refused ("\"reel\"", -1, "not a reel");
  assert_refused ("{}", -1, "version");
  assert_refused ("{\"format\":\"something-else\",\"version\":1}", -1, "not a reel");
  assert_refused (HEAD "\"entries\":[]", -1, NULL);
  assert_refused ("{\"version\":2,\"id\":\"r1\"}", -1, "later version");
  assert_refused ("{\"version\":\"1\",\"id\":\"r1\"}", -1, "whole number");
  assert_refused ("{\"version\":1.5,\"id\":\"r1\"}", -1, "whole number");
  assert_refused ("{\"version\":1,\"id\":\"../../etc/passwd\",\"created\":\"2026-03-14T10:15:00Z\","
                  "\"modified\":\"2026-03-14T10:15:00Z\",\"entries\":[]}", -1, "id is not valid");
  assert_refused ("{\"version\":1,\"id\":\"r1\",\"created\":\"yesterday\","
                  "\"modified\":\"2026-03-14T10:15:00Z\",\"entries\":[]}", -1, "date");
  assert_refused (HEAD "\"entries\":{}}", -1, "list of clips");
  assert_refused (HEAD "\"entries\":[1]}", -1, "clip 1");
  assert_refused (HEAD "\"entries\":[{}]}", -1, "“task” is missing");
  assert_refused (HEAD "\"entries\":[{\"task\":\"../secrets\"}]}", -1, "task id");
  assert_refused (HEAD "\"entries\":[{\"task\":\"t\",\"in_us\":-7}]}", -1, "in and out");
  assert_refused (HEAD "\"entries\":[{\"task\":\"t\",\"in_us\":5,\"out_us\":5}]}", -1, "in and out");
  assert_refused (HEAD "\"entries\":[{\"task\":\"t\",\"out_us\":99999999999999}]}", -1, "in and out");
  assert_refused (HEAD "\"entries\":[{\"task\":\"t\",\"in_us\":\"0\"}]}", -1, "whole number");
  assert_refused (HEAD "\"entries\":[{\"task\":\"t\",\"transition\":\"wipe\"}]}", -1, "wipe");
  assert_refused (HEAD "\"entries\":[{\"task\":\"t\",\"transition\":\"crossfade\"}]}", -1, "crossfade");
  assert_refused (HEAD "\"entries\":[{\"task\":\"t\",\"transition\":7}]}", -1, "string");
  assert_refused (HEAD "\"name\":[\"x\"],\"entries\":[]}", -1, "string");
  assert_refused (HEAD "\"entries\":[]}\0garbage", sizeof (HEAD "\"entries\":[]}\0garbage") - 1, NULL);
  assert_refused ("\xff\xfe{}", -1, NULL);

  /* Nested deep enough to overflow json-glib's recursive parser */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, deep->len, "nested");

  /* More clips than a reel may hold */
  for (guint i = 0; i <= RUSHES_REEL_MAX_ENTRIES; i++)
    g_string_append_printf (many, "%s{\"task\":\"t%u\"}", i > 0 ? "," : "", i);
  g_string_append (many, "]}");
  assert_refused (many->str, many->len, "more than");

  /* Larger than a record may be */
  huge = g_malloc (huge_length);
  memset (huge, ' ', huge_length);
  huge[0] = '{';
  huge[huge_length - 1] = '}';
  assert_refused (huge, huge_length, "larger than");

  /* Not followed: a link to a valid reel */
  write_file (good, "{\"version\":1,\"id\":\"good\",\"created\":\"2026-03-14T10:15:00Z\","
                    "\"modified\":\"2026-03-14T10:15:00Z\",\"entries\":[]}", -1);
  g_object_unref (rushes_reel_load (good, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (symlink (g_file_peek_path (good), g_file_peek_path (link)), ==, 0);
  g_assert_null (rushes_reel_load (link, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  /* Neither a FIFO (that would block the open), nor a folder */
  g_assert_cmpint (mkfifo (g_file_peek_path (fifo), 0600), ==, 0);
  g_assert_null (rushes_reel_load (fifo, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_cmpint (g_mkdir (g_file_peek_path (folder), 0700), ==, 0);
  g_assert_null (rushes_reel_load (folder, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_unknown_members (void)
{
  g_autoptr(GFile) file = reel_file ("later.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesReel) reel = NULL;

  /* A later minor addition does not stop this version from reading it */
  write_file (file, HEAD "\"colour\":\"red\",\"entries\":[{\"task\":\"t1\",\"speed\":2,"
                     "\"transition\":\"crossfade\",\"transition_us\":250000},{\"task\":\"t2\"}]}", -1);
  reel = rushes_reel_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), ==, 2);
  g_assert_cmpint (rushes_reel_entry_get_transition_duration (rushes_reel_get_entry (reel, 0)), ==, 250000);
  g_assert_cmpint (rushes_reel_entry_get_transition (rushes_reel_get_entry (reel, 1)), ==,
                   RUSHES_REEL_TRANSITION_CUT);
  g_assert_cmpstr (rushes_reel_get_name (reel), ==, "");
}

static void
test_store_list (void)
{
  g_autoptr(RushesReelStore) store = rushes_reel_store_new (NULL);
  g_autoptr(RushesReel) older = three_clip_reel ();
  g_autoptr(RushesReel) newer = NULL;
  g_autoptr(GFile) older_file = NULL;
  g_autoptr(GFile) newer_file = NULL;
  g_autoptr(GFile) damaged = reel_file ("damaged.json");
  g_autoptr(GFile) misnamed = reel_file ("misnamed.json");
  g_autoptr(GFile) partial = reel_file (".20260314-101500-aaaa.json.XYZ123");
  g_autoptr(GFile) other = reel_file ("notes.txt");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) reels = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;

  /* No folder yet: no reels */
  rushes_reel_store_list_async (store, NULL, rushes_test_store_result_cb, &result);
  reels = rushes_reel_store_list_finish (store, rushes_test_await (&result), &errors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reels->len, ==, 0);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&reels, g_ptr_array_unref);
  g_clear_pointer (&errors, g_ptr_array_unref);
  g_clear_object (&result);

  older_file = rushes_reel_store_get_file (store, rushes_reel_get_id (older));
  g_assert_true (rushes_reel_save (older, older_file, NULL, &error));
  newer = g_object_new (RUSHES_TYPE_REEL, "name", "Newer", NULL);
  rushes_reel_append (newer, task_b);
  newer_file = rushes_reel_store_get_file (store, rushes_reel_get_id (newer));
  g_assert_true (rushes_reel_save (newer, newer_file, NULL, &error));
  g_assert_no_error (error);

  write_file (damaged, "{\"version\":1,", -1);
  write_file (misnamed, "{\"version\":1,\"id\":\"other\",\"created\":\"2026-03-14T10:15:00Z\","
                        "\"modified\":\"2026-03-14T10:15:00Z\",\"entries\":[]}", -1);
  write_file (partial, "{", -1);
  write_file (other, "not a reel", -1);

  rushes_reel_store_list_async (store, NULL, rushes_test_store_result_cb, &result);
  reels = rushes_reel_store_list_finish (store, rushes_test_await (&result), &errors, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (reels->len, ==, 2);
  g_assert_cmpuint (errors->len, ==, 2);
  /* Most recently changed first */
  if (g_date_time_compare (rushes_reel_get_modified (older), rushes_reel_get_modified (newer)) < 0)
    g_assert_cmpstr (rushes_reel_get_id (g_ptr_array_index (reels, 0)), ==, rushes_reel_get_id (newer));
  for (guint i = 0; i < errors->len; i++)
    {
      GError *load_error = g_ptr_array_index (errors, i);

      g_assert_true (strstr (load_error->message, g_file_peek_path (damaged)) != NULL ||
                     strstr (load_error->message, g_file_peek_path (misnamed)) != NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rushes/reel/new", test_new);
  g_test_add_func ("/rushes/reel/edit", test_edit);
  g_test_add_func ("/rushes/reel/trim-and-transition", test_trim_and_transition);
  g_test_add_func ("/rushes/reel/ids", test_ids);
  g_test_add_func ("/rushes/reel/layout/cuts", test_layout_cuts);
  g_test_add_func ("/rushes/reel/layout/crossfades", test_layout_crossfades);
  g_test_add_func ("/rushes/reel/layout/trims", test_layout_trims);
  g_test_add_func ("/rushes/reel/layout/follows-order", test_layout_follows_order);
  g_test_add_func ("/rushes/reel/layout/too-long", test_layout_too_long);
  g_test_add_func ("/rushes/reel/layout/bad-trims", test_layout_bad_trims);
  g_test_add_func ("/rushes/reel/file/save-load", test_save_load);
  g_test_add_func ("/rushes/reel/file/save-load-async", test_save_load_async);
  g_test_add_func ("/rushes/reel/file/missing", test_load_missing);
  g_test_add_func ("/rushes/reel/file/truncated", test_load_truncated);
  g_test_add_func ("/rushes/reel/file/hostile", test_load_hostile);
  g_test_add_func ("/rushes/reel/file/unknown-members", test_unknown_members);
  g_test_add_func ("/rushes/reel/store/list", test_store_list);

  return g_test_run ();
}
