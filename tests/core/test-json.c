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

#include "config.h"

#include <string.h>

#include "rushes-core.h"

/* The guard in front of every parse of untrusted text (rushes_json_parse). */

static char *
repeat (const char *unit,
        guint       times)
{
  GString *text = g_string_sized_new (strlen (unit) * times);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

static void
assert_refused (const char *text,
                gsize       length,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = rushes_json_parse (text, length, RUSHES_JSON_MAX_ANSWER, &error);

  g_assert_null (root);
  g_assert_error (error, RUSHES_ERROR, RUSHES_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, reason));
}

static JsonNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = rushes_json_parse (text, strlen (text), RUSHES_JSON_MAX_ANSWER, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

/* json-glib 1.6 takes "{…}{…}" as valid, keeps the last value and leaks the
 * ones before it (found by fuzz-wiro-answer: "1{}" leaked 240 bytes): an
 * answer of "[]" a million times would leak hundreds of megabytes at each
 * status read, and "{"ok":false}{"ok":true}" would read as the second. */
static void
test_one_value (void)
{
  g_autofree char *many = repeat ("[]", 500000);
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(JsonNode) bom = NULL;
  g_autoptr(JsonNode) strings = NULL;
  g_autoptr(JsonNode) scalar = NULL;

  assert_refused ("{}{}", 4, "more than one value");
  assert_refused ("{\"result\":false} {\"result\":true}", 33, "more than one value");
  assert_refused ("[1]\n[2]", 7, "more than one value");
  assert_refused ("1{}", 3, "more than one value");
  assert_refused ("\"x\"[]", 5, "more than one value");
  assert_refused ("var a = {}", 10, "more than one value");
  assert_refused (many, strlen (many), "more than one value");

  /* What is one value still parses: around whitespace, after a byte order
   * mark, with brackets inside strings. */
  plain = parse_ok ("\n  {\"a\": [1, {\"b\": []}]}  \n");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (plain));
  bom = parse_ok ("\xEF\xBB\xBF{\"format\": 1}");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (bom));
  strings = parse_ok ("{\"a\": \"}{\", \"b\": \"\\\"[\"}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (strings), "a"), ==, "}{");
  scalar = parse_ok ("42");
  g_assert_cmpint (json_node_get_int (scalar), ==, 42);
}

/* The nesting is counted outside strings: a text that json-glib 1.6 reads
 * with other string boundaries than the guard hid 300,000 nested arrays
 * from it and overflowed the stack (a single-quoted string or a comment
 * holding a '"', a short \u escape or a lone surrogate that json-glib reads
 * past the closing quote). */
static void
test_hidden_nesting (void)
{
  const char * const openings[] = {
    "['\"',",
    "[/*\"*/",
    "[// \"\n",
    "[\"\\u1\",\",",
    "[\"\\uD800\",\",",
    "[\"\\uDC00\",\",",
    "[\"\\uD800\\u0041\",\",",
  };
  const char * const reasons[] = {
    "single-quoted", "comment", "comment", "\\u escape", "\\u escape", "\\u escape", "\\u escape",
  };
  g_autofree char *open = repeat ("[", 300000);
  g_autofree char *close = repeat ("]", 300000);
  g_autoptr(JsonNode) escapes = NULL;
  JsonArray *array;

  for (guint i = 0; i < G_N_ELEMENTS (openings); i++)
    {
      g_autofree char *text = g_strconcat (openings[i], open, close, "]", NULL);

      assert_refused (text, strlen (text), reasons[i]);
    }

  /* json-glib reads octal escapes into bytes that are not UTF-8: a task
   * record holding one was written back unreadable (found by
   * fuzz-task-record). */
  assert_refused ("[\"\\202\"]", 7, "escape that JSON does not have");
  assert_refused ("[\"\\x41\"]", 7, "escape that JSON does not have");

  /* Escapes as JSON has them still parse. */
  escapes = parse_ok ("[\"caf\\u00e9\", \"\\ud83c\\udfac\", \"a\\\"b\\\\\", \"\\/\\n\"]");
  array = json_node_get_array (escapes);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "caf\u00e9");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "\U0001F3AC");
  g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "a\"b\\");
}

/* json-glib 1.6 appends ".0" to doubles written in exponent notation
 * ("1e-08.0"): rushes_json_to_string() writes numbers that parse back, and
 * leaves strings alone. */
static void
test_write_numbers (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"tiny\": 1e-08, \"huge\": -1.5e+300, \"half\": 0.5, "
                                       "\"whole\": 2.0, \"int\": 7, \"text\": \"1e-08.0 \\\"2E+5.0\\\"\", "
                                       "\"list\": [3e-07, {\"e\": 4E-10}]}");
  JsonObject *object;

  for (guint pretty = 0; pretty < 2; pretty++)
    {
      g_autofree char *text = rushes_json_to_string (node, pretty);
      g_autoptr(JsonNode) back = parse_ok (text);

      object = json_node_get_object (back);
      g_assert_cmpfloat (json_object_get_double_member (object, "tiny"), ==, 1e-08);
      g_assert_cmpfloat (json_object_get_double_member (object, "huge"), ==, -1.5e+300);
      g_assert_cmpfloat (json_object_get_double_member (object, "half"), ==, 0.5);
      g_assert_cmpfloat (json_object_get_double_member (object, "whole"), ==, 2.0);
      g_assert_cmpint (json_object_get_int_member (object, "int"), ==, 7);
      g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, "1e-08.0 \"2E+5.0\"");
      g_assert_cmpfloat (json_node_get_double (json_array_get_element (json_object_get_array_member (object, "list"), 0)),
                         ==, 3e-07);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rushes/json/one-value", test_one_value);
  g_test_add_func ("/rushes/json/hidden-nesting", test_hidden_nesting);
  g_test_add_func ("/rushes/json/write-numbers", test_write_numbers);

  return g_test_run ();
}
