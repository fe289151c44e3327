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

#define G_LOG_DOMAIN "rushes-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-error.h"
#include "rushes-json.h"

/* The four hex digits at @at, or -1. */
static gint
read_hex4 (const char *text,
           gsize       length,
           gsize       at)
{
  gint value = 0;

  if (at > length || length - at < 4)
    return -1;

  for (gsize k = at; k < at + 4; k++)
    {
      gint digit = g_ascii_xdigit_value (text[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The length of the \u escape at @at: 6, or 12 for a surrogate pair; 0
 * when it is malformed. json-glib 1.6 reads a short escape (\u1") or a lone
 * surrogate (\uD800") past the closing quote, and the rest of the text
 * then means something else to it than to this guard. */
static gsize
unicode_escape_length (const char *text,
                       gsize       length,
                       gsize       at)
{
  gint unit = read_hex4 (text, length, at + 2);
  gint low;

  if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
    return 0;
  if (unit < 0xD800 || unit > 0xDBFF)
    return 6;

  if (at + 8 > length || text[at + 6] != '\\' || text[at + 7] != 'u')
    return 0;
  low = read_hex4 (text, length, at + 8);
  if (low < 0xDC00 || low > 0xDFFF)
    return 0;
  return 12;
}

/**
 * rushes_json_check:
 * @text: (array length=length): the text
 * @length: its length in bytes
 * @max_length: the largest length accepted
 * @error: a #RUSHES_ERROR_PROTOCOL when the text is too large, nested
 *   deeper than %RUSHES_JSON_MAX_DEPTH, holds more than one value, or
 *   could be read differently by json-glib than by this check
 *
 * Checks what json-glib does not: size, nesting, and that an object or an
 * array is the only value of the text. json-glib 1.6 takes `{…}{…}` (or
 * `1[…]`) as valid and keeps the last value, leaking the ones before it: a
 * hostile answer of `[][][]…` would leak hundreds of megabytes at each
 * status read.
 *
 * The nesting is counted outside strings, so this check must see strings
 * where json-glib does: it refuses what json-glib 1.6 reads beyond JSON and
 * would hide brackets from the count (single-quoted strings, comments),
 * malformed `\u` escapes (which json-glib reads past the closing quote),
 * and escapes JSON does not have (octal ones make invalid UTF-8).
 * Does not check the syntax otherwise.
 */
gboolean
rushes_json_check (const char  *text,
                   gsize        length,
                   gsize        max_length,
                   GError     **error)
{
  gboolean in_string = FALSE;
  gboolean seen_value = FALSE;
  guint depth = 0;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (length > max_length)
    {
      g_autofree char *limit = g_format_size (max_length);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("the JSON text is larger than %s"), limit);
      return FALSE;
    }

  /* json-glib skips a byte order mark (a file saved by some editors). */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\' && i + 1 < length && text[i + 1] == 'u')
            {
              gsize escape = unicode_escape_length (text, length, i);

              if (escape == 0)
                {
                  g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                                       _("the JSON text holds a malformed \\u escape"));
                  return FALSE;
                }
              i += escape - 1;
            }
          else if (c == '\\')
            {
              /* json-glib 1.6 also reads octal escapes (\202), which make
               * strings of invalid UTF-8: only JSON's own escapes. */
              if (i + 1 < length && (text[i + 1] == '\0' || strchr ("\"\\/bfnrt", text[i + 1]) == NULL))
                {
                  g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                                       _("the JSON text holds an escape that JSON does not have"));
                  return FALSE;
                }
              i++;
            }
          continue;
        }

      if (c == '\'' || c == '/')
        {
          g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                               c == '/' ? _("the JSON text holds a comment")
                                        : _("the JSON text holds a single-quoted string"));
          return FALSE;
        }

      if (depth == 0 && (c == '[' || c == '{') && seen_value)
        {
          g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                               _("the JSON text holds more than one value"));
          return FALSE;
        }
      if (depth == 0 && !g_ascii_isspace (c))
        seen_value = TRUE;

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > RUSHES_JSON_MAX_DEPTH)
            {
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                           _("the JSON text is nested deeper than %u levels"),
                           RUSHES_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * rushes_json_parse:
 * @text: (array length=length): JSON text from outside (a provider, a file)
 * @length: its length in bytes
 * @max_length: the largest length accepted (one of the RUSHES_JSON_MAX_* caps)
 * @error: a #RUSHES_ERROR_PROTOCOL
 *
 * Parses @text after rushes_json_check().
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 *   (an empty text is an error too)
 */
JsonNode *
rushes_json_parse (const char  *text,
                   gsize        length,
                   gsize        max_length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!rushes_json_check (text, length, max_length, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text != NULL ? text : "", length, &local_error))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                   _("not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL,
                         _("the JSON text is empty"));
  return root;
}

/**
 * rushes_json_parse_bytes:
 *
 * rushes_json_parse() over @bytes.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
rushes_json_parse_bytes (GBytes  *bytes,
                         gsize    max_length,
                         GError **error)
{
  gsize length;
  const char *text;

  g_return_val_if_fail (bytes != NULL, NULL);

  text = g_bytes_get_data (bytes, &length);
  return rushes_json_parse (text, length, max_length, error);
}

/**
 * rushes_json_to_string:
 * @node: the node to write
 * @pretty: whether to indent
 *
 * json_to_string() without json-glib 1.6's broken numbers: it appends
 * ".0" to every double written without a point, exponents included, so
 * 1e-08 came out as `1e-08.0`, which nothing parses (json-glib #67, fixed
 * in 1.8). A task whose progress was 1e-08 wrote a task.json that no
 * longer read (found by fuzz-task-record). Everything Rushes writes as
 * JSON goes through here.
 *
 * Returns: (transfer full): the JSON text
 */
char *
rushes_json_to_string (JsonNode *node,
                       gboolean  pretty)
{
  g_autofree char *text = NULL;
  GString *fixed;
  gboolean in_string = FALSE;

  g_return_val_if_fail (node != NULL, NULL);

  text = json_to_string (node, pretty);
  fixed = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            g_string_append_c (fixed, *p++);
          else if (*p == '"')
            in_string = FALSE;
          g_string_append_c (fixed, *p);
          continue;
        }

      if (*p == '"')
        in_string = TRUE;
      else if ((*p == 'e' || *p == 'E') && p > text && g_ascii_isdigit (p[-1]))
        {
          /* The exponent of a number: its sign and digits, then json-glib's
           * ".0", which goes. (Outside strings, only numbers have an "e"
           * after a digit.) */
          const char *end = p + 1;

          if (*end == '+' || *end == '-')
            end++;
          while (g_ascii_isdigit (*end))
            end++;
          g_string_append_len (fixed, p, end - p);
          if (end[0] == '.' && end[1] == '0' && !g_ascii_isdigit (end[2]))
            end += 2;
          p = end - 1;
          continue;
        }

      g_string_append_c (fixed, *p);
    }

  return g_string_free (fixed, FALSE);
}
