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

#define G_LOG_DOMAIN "rushes-fake-provider"

#include "config.h"

#include <string.h>

#include "rushes-fake-provider-private.h"

/* Answers no provider should give, for the client's hardening tests. */

/* Deeper than any recursive JSON parser's stack. */
#define NESTING_DEPTH  300000
/* Larger than any sane client reads: 1 GiB of padding. */
#define HUGE_PADDING   (G_GUINT64_CONSTANT (1) << 30)

/* A failure message meant for a terminal: clear the screen, colour, set the
 * window title, a hyperlink, carriage return and backspaces over what was
 * printed, a bell, DEL, a right-to-left override, vertical tab, form feed. */
static const char hostile_text[] =
  "Generation failed\x1b[2J\x1b[H\x1b[1;31m SYSTEM ALERT \x1b[0m"
  "\x1b]0;rushes: pwned\x07"
  "\x1b]8;;https://evil.example/\x07" "click here\x1b]8;;\x07"
  "\r\b\b\b\x07\x7f \xe2\x80\xae" "4pm.exe\x0b\x0c end";

const char *
_rushes_fake_hostile_text (void)
{
  return hostile_text;
}

/* Returns: (transfer full): @prefix, NESTING_DEPTH "[" and as many "]", @suffix */
GBytes *
_rushes_fake_dup_nested_json (const char *prefix,
                              const char *suffix)
{
  gsize prefix_length = strlen (prefix);
  gsize suffix_length = strlen (suffix);
  gsize length = prefix_length + 2 * NESTING_DEPTH + suffix_length;
  char *text = g_malloc (length);

  memcpy (text, prefix, prefix_length);
  memset (text + prefix_length, '[', NESTING_DEPTH);
  memset (text + prefix_length + NESTING_DEPTH, ']', NESTING_DEPTH);
  memcpy (text + prefix_length + 2 * NESTING_DEPTH, suffix, suffix_length);

  return g_bytes_new_take (text, length);
}

/* HTTP 200, application/json: valid JSON nested NESTING_DEPTH deep between
 * @prefix and @suffix. */
void
_rushes_fake_respond_nested (SoupServerMessage *msg,
                             const char        *prefix,
                             const char        *suffix)
{
  g_autoptr(GBytes) body = _rushes_fake_dup_nested_json (prefix, suffix);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

/* HTTP 200, application/json, chunked: @prefix, a GiB of spaces, @suffix —
 * valid JSON, streamed without ever being held. */
void
_rushes_fake_respond_huge (RushesFakeProvider *provider,
                           SoupServerMessage  *msg,
                           const char         *prefix,
                           const char         *suffix)
{
  RushesFakeContent *content = _rushes_fake_content_new_padded (prefix, HUGE_PADDING, suffix, "application/json");

  _rushes_fake_respond_streamed (provider, msg, SOUP_STATUS_OK, content);
  _rushes_fake_content_unref (content);
}
