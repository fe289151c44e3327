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

#pragma once

/* What every fuzz target shares: a hostile input must never make Rushes
 * abort, overflow, leak or log a critical. libFuzzer hands the bytes over
 * exactly sized (no terminating NUL), as libsoup hands over a body.
 *
 * G_SLICE=always-malloc comes from the environment (run-fuzz.py sets it):
 * GLib's constructor has started GSlice before any of this runs, and GSlice
 * would hide overruns and leaks from ASan. */

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "rushes-provider.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* The HTTP statuses an answer is read with: success, the client errors the
 * providers document, a server error. */
static const guint rushes_fuzz_statuses[] = { 200, 400, 401, 402, 404, 429, 500 };

/* GLib stops on g_error() and on fatal criticals with a breakpoint
 * (SIGTRAP), which libFuzzer does not catch: the process would die without
 * the input being kept. An abort is caught. */
static void
rushes_fuzz_trap_cb (int signum)
{
  abort ();
}

static inline void
rushes_fuzz_init (void)
{
  signal (SIGTRAP, rushes_fuzz_trap_cb);

  /* As in the test suite (G_DEBUG=fatal-warnings): a warning or critical
   * on some input is a bug, and aborting makes libFuzzer keep the input. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* Provider text is data: whatever Rushes keeps of an answer is valid UTF-8
 * without control characters or escape sequences (rushes_text_sanitize). */
static inline void
rushes_fuzz_assert_clean_text (const char *text)
{
  if (text == NULL)
    return;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f));
    }
}

/* A status read from an answer: clean text, numbers in range (or -1 for
 * unknown), a copy equal to it. */
static inline void
rushes_fuzz_check_status (const RushesRemoteStatus *status)
{
  g_autoptr(RushesRemoteStatus) copy = NULL;

  if (status == NULL)
    return;

  rushes_fuzz_assert_clean_text (status->remote_id);
  rushes_fuzz_assert_clean_text (status->remote_token);
  rushes_fuzz_assert_clean_text (status->video_url);
  rushes_fuzz_assert_clean_text (status->message);
  g_assert_true (status->progress == -1 || (status->progress >= 0 && status->progress <= 1));
  g_assert_true (status->cost_usd == -1 || status->cost_usd >= 0);
  g_assert_true (status->video_size >= -1);

  copy = rushes_remote_status_copy (status);
  g_assert_cmpint (copy->state, ==, status->state);
  g_assert_cmpint (copy->terminal, ==, status->terminal);
  g_assert_cmpstr (copy->remote_id, ==, status->remote_id);
  g_assert_cmpstr (copy->remote_token, ==, status->remote_token);
  g_assert_cmpstr (copy->video_url, ==, status->video_url);
  g_assert_cmpstr (copy->message, ==, status->message);
}
