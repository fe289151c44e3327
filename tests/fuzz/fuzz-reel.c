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

/* A reel file as the reel store reads it (guarded parse, reel reader),
 * laid out the way the renderer lays its clips out, then written as
 * rushes_reel_save() writes it and read back: it must read, and write the
 * same again. */

#define G_LOG_DOMAIN "fuzz-reel"

#include "config.h"

#include <string.h>

#include "rushes-fuzz.h"
#include "rushes-json.h"
#include "rushes-providers.h"
#include "rushes-reel.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rushes_fuzz_init ();
  return 0;
}

static RushesReel *
read_reel (const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(JsonNode) root = rushes_json_parse (text, length, RUSHES_JSON_MAX_RECORD, error);

  if (root == NULL)
    return NULL;
  return rushes_reel_new_from_json (root, error);
}

static char *
write_reel (RushesReel *reel)
{
  g_autoptr(JsonNode) root = rushes_reel_to_json (reel);

  return rushes_json_to_string (root, TRUE);
}

/* Every clip 8 s long, as if the library's videos were: the spans and the
 * total of a reel that lays out stay within it. */
static void
lay_out (RushesReel            *reel,
         RushesReelLayoutFlags  flags)
{
  guint n = rushes_reel_get_n_entries (reel);
  g_autofree RushesReelClipTiming *timings = g_new0 (RushesReelClipTiming, MAX (n, 1));
  g_autofree RushesReelSpan *spans = g_new0 (RushesReelSpan, MAX (n, 1));
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  for (guint i = 0; i < n; i++)
    {
      RushesReelEntry *entry = rushes_reel_get_entry (reel, i);

      g_assert_true (rushes_reel_id_is_valid (rushes_reel_entry_get_task_id (entry)));
      timings[i].clip_duration = 8 * G_TIME_SPAN_SECOND;
      timings[i].in_point = rushes_reel_entry_get_in_point (entry);
      timings[i].out_point = rushes_reel_entry_get_out_point (entry);
      timings[i].transition = rushes_reel_entry_get_transition (entry);
      timings[i].transition_duration = rushes_reel_entry_get_transition_duration (entry);
    }

  if (!rushes_reel_layout (timings, n, flags, spans, &total, &error))
    {
      g_assert_nonnull (error);
      return;
    }

  g_assert_cmpint (total, >=, 0);
  g_assert_cmpint (total, <=, (gint64) n * 8 * G_TIME_SPAN_SECOND);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (spans[i].in_point, >=, 0);
      g_assert_cmpint (spans[i].in_point, <, spans[i].out_point);
      g_assert_cmpint (spans[i].out_point, <=, timings[i].clip_duration);
      g_assert_cmpint (spans[i].start, >=, 0);
      g_assert_cmpint (spans[i].start, <=, total);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesReel) reel = NULL;
  g_autoptr(RushesReel) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  reel = read_reel ((const char *) data, size, &error);
  if (reel == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_true (rushes_reel_id_is_valid (rushes_reel_get_id (reel)));
  g_assert_cmpuint (rushes_reel_get_n_entries (reel), <=, RUSHES_REEL_MAX_ENTRIES);

  lay_out (reel, RUSHES_REEL_LAYOUT_STRICT);
  lay_out (reel, RUSHES_REEL_LAYOUT_CLAMP);

  written = write_reel (reel);
  again = read_reel (written, strlen (written), &error);
  if (again == NULL)
    g_error ("Rushes cannot read the reel it wrote (%s):\n%s", error->message, written);

  rewritten = write_reel (again);
  if (!g_str_equal (written, rewritten))
    g_error ("A reel read back is written differently:\n%s\n---\n%s", written, rewritten);

  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&reel));

  return 0;
}
