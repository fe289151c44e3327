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

#define G_LOG_DOMAIN "rushes-text"

#include "config.h"

#include <string.h>

#include "rushes-text.h"

/* Skips an escape sequence starting at @p (an ESC), returning what follows
 * it: CSI (ESC [ … final byte), OSC and other strings (ESC ] … BEL or
 * ESC \), or ESC and one printable ASCII character. An ESC before anything
 * else goes alone: skipping one byte of "é" left half a character. */
static const char *
skip_escape (const char *p)
{
  g_assert (*p == '\033');

  p++;
  if (*p == '[')
    {
      for (p++; *p != '\0'; p++)
        if ((guchar) *p >= 0x40 && (guchar) *p <= 0x7e)
          return p + 1;
      return p;
    }
  if (*p == ']' || *p == 'P' || *p == '^' || *p == '_' || *p == 'X')
    {
      for (p++; *p != '\0'; p++)
        {
          if (*p == '\a')
            return p + 1;
          if (*p == '\033' && p[1] == '\\')
            return p + 2;
        }
      return p;
    }
  return (guchar) *p >= 0x20 && (guchar) *p <= 0x7e ? p + 1 : p;
}

/**
 * rushes_text_sanitize:
 * @text: (nullable): text from a provider (a message, a reason, an id)
 *
 * Provider text is data, not instructions to a terminal: escape sequences
 * and C0/C1 control characters are removed (a line break or a tab becomes
 * a space), and invalid UTF-8 is repaired, before the text is stored or
 * printed.
 *
 * Returns: (transfer full) (nullable): the clean text
 */
char *
rushes_text_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *clean;
  const char *p;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  clean = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0';)
    {
      gunichar c;

      if (*p == '\033')
        {
          p = skip_escape (p);
          continue;
        }

      c = g_utf8_get_char (p);
      if (c == '\n' || c == '\t' || c == '\r')
        g_string_append_c (clean, ' ');
      else if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f))
        g_string_append_len (clean, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (clean, FALSE);
}
