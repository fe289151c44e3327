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

#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include "rushes-core.h"

static void
test_sanitize (void)
{
  const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain text", "plain text" },
    { "Content \033[31mviolation\033[0m", "Content violation" },
    { "title\033]0;pwned\007 here", "title here" },
    { "osc \033]8;;http://x\033\\link\033]8;;\033\\", "osc link" },
    { "two\nlines\tand tab", "two lines and tab" },
    { "bell\007 nul-free \x01\x1f del\x7f", "bell nul-free  del" },
    { "c1 \xc2\x9b" "2J here", "c1 2J here" },
    { "caf\xc3\xa9 \xe2\x9c\x93", "caf\xc3\xa9 \xe2\x9c\x93" },
    { "broken \xff utf8", "broken \xef\xbf\xbd utf8" },
    { "trailing escape \033", "trailing escape " },
    /* An ESC before a character of several bytes (found by the fuzz
     * targets of every provider: half of "é" was left, invalid UTF-8). */
    { "caf\033\xc3\xa9 \033\xef\xbb\xbf!", "caf\xc3\xa9 \xef\xbb\xbf!" },
    { "esc \0337saved\0338", "esc saved" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = rushes_text_sanitize (cases[i].in);

      g_assert_cmpstr (clean, ==, cases[i].out);
      g_assert_true (g_utf8_validate (clean, -1, NULL));
    }

  g_assert_null (rushes_text_sanitize (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rushes/text/sanitize", test_sanitize);

  return g_test_run ();
}
