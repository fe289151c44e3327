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

#define G_LOG_DOMAIN "rushes-take-diff"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "rushes-take-diff.h"

/* What sets one take apart from the others it is compared with: the
 * settings whose values are not all the same, and the words of its prompt
 * that the other prompts lack. The seed is not a difference here: every
 * take has its own, and Compare shows it anyway. */

/**
 * rushes_take_diff_control_label:
 * @control: a control name
 *
 * Returns: (transfer full): its label: Rushes' own for the controls it
 *   knows ("Aspect ratio"), else the name made readable ("Camera motion")
 */
char *
rushes_take_diff_control_label (const char *control)
{
  const char *label;
  g_autofree char *spaced = NULL;

  g_return_val_if_fail (control != NULL, NULL);

  label = rushes_control_get_label (control);
  if (label != NULL)
    return g_strdup (label);

  spaced = g_strdelimit (g_strdup (control), "_-", ' ');
  if (spaced[0] != '\0')
    {
      g_autofree char *first = g_utf8_substring (spaced, 0, 1);
      g_autofree char *upper = g_utf8_strup (first, -1);

      return g_strconcat (upper, g_utf8_offset_to_pointer (spaced, 1), NULL);
    }
  return g_steal_pointer (&spaced);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * rushes_take_diff_list_controls:
 * @params: a clip's settings
 *
 * Returns: (transfer full): the names of the controls @params sets, in
 *   alphabetical order, so that lists of them read the same every time
 */
char **
rushes_take_diff_list_controls (RushesGenerationParams *params)
{
  char **controls;

  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);

  controls = rushes_generation_params_list_controls (params);
  if (controls == NULL)
    return g_new0 (char *, 1);

  qsort (controls, g_strv_length (controls), sizeof (char *), compare_names);
  return controls;
}

static const char *
value_of (RushesTask *task,
          const char *control)
{
  return rushes_generation_params_get_value (rushes_task_get_params (task), control);
}

/**
 * rushes_take_diff_params:
 * @tasks: (element-type RushesTask): the takes compared
 * @index: the take to describe
 *
 * Returns: (transfer full) (element-type utf8): "Label: value" for each
 *   setting of take @index whose value is not the same in every take (a
 *   setting a take lacks reads "none"), in a stable order
 */
GPtrArray *
rushes_take_diff_params (GPtrArray *tasks,
                         guint      index)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  RushesTask *task;

  g_return_val_if_fail (tasks != NULL && index < tasks->len, lines);

  task = g_ptr_array_index (tasks, index);

  /* Every control any take has. */
  for (guint i = 0; i < tasks->len; i++)
    {
      g_auto(GStrv) names = rushes_generation_params_list_controls (rushes_task_get_params (g_ptr_array_index (tasks, i)));

      for (guint n = 0; names != NULL && names[n] != NULL; n++)
        if (!g_ptr_array_find_with_equal_func (controls, names[n], g_str_equal, NULL))
          g_ptr_array_add (controls, g_strdup (names[n]));
    }
  g_ptr_array_sort (controls, compare_names);

  for (guint c = 0; c < controls->len; c++)
    {
      const char *control = g_ptr_array_index (controls, c);
      const char *mine = value_of (task, control);
      gboolean differs = FALSE;

      if (g_str_equal (control, RUSHES_CONTROL_PROMPT) || g_str_equal (control, RUSHES_CONTROL_SEED))
        continue;

      for (guint i = 0; i < tasks->len && !differs; i++)
        differs = g_strcmp0 (value_of (g_ptr_array_index (tasks, i), control), mine) != 0;
      if (!differs)
        continue;

      {
        g_autofree char *label = rushes_take_diff_control_label (control);
        g_autofree char *value = NULL;

        if (mine == NULL)
          value = g_strdup (C_("setting", "none"));
        else if (g_str_equal (control, RUSHES_CONTROL_IMAGE) || g_str_equal (control, RUSHES_CONTROL_END_IMAGE))
          value = g_path_get_basename (mine);
        else
          value = rushes_control_format_value (control, mine);

        /* Translators: a setting and its value, as in “Duration: 8 s” */
        g_ptr_array_add (lines, g_strdup_printf (_("%s: %s"), label, value));
      }
    }

  return lines;
}

static char *
word_key (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  GString *key = g_string_new (NULL);

  /* “storm,” and “Storm” are the same word. */
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static GHashTable *
word_set (const char *prompt)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) words = g_strsplit_set (prompt != NULL ? prompt : "", " \t\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *key = word_key (words[i]);

      if (*key != '\0')
        g_hash_table_add (set, key);
      else
        g_free (key);
    }

  return set;
}

/**
 * rushes_take_diff_prompt_markup:
 * @tasks: (element-type RushesTask): the takes compared
 * @index: the take to describe
 *
 * Returns: (transfer full) (nullable): take @index's prompt as Pango
 *   markup, the words that are not in every other prompt in bold; %NULL
 *   when every take has the same prompt
 */
char *
rushes_take_diff_prompt_markup (GPtrArray *tasks,
                                guint      index)
{
  const char *prompt;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  gboolean all_same = TRUE;

  g_return_val_if_fail (tasks != NULL && index < tasks->len, NULL);

  prompt = rushes_task_get_prompt (g_ptr_array_index (tasks, index));
  for (guint i = 0; i < tasks->len; i++)
    {
      if (i == index)
        continue;
      all_same &= g_strcmp0 (rushes_task_get_prompt (g_ptr_array_index (tasks, i)), prompt) == 0;
      g_ptr_array_add (others, word_set (rushes_task_get_prompt (g_ptr_array_index (tasks, i))));
    }
  if (all_same)
    return NULL;

  /* Split on single spaces so that the prompt keeps its own spacing. */
  words = g_strsplit (prompt != NULL ? prompt : "", " ", -1);
  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autofree char *key = word_key (words[w]);
      g_autofree char *escaped = g_markup_escape_text (words[w], -1);
      gboolean shared = TRUE;

      for (guint o = 0; o < others->len && shared && *key != '\0'; o++)
        shared = g_hash_table_contains (g_ptr_array_index (others, o), key);

      if (w > 0)
        g_string_append_c (markup, ' ');
      if (shared)
        g_string_append (markup, escaped);
      else
        g_string_append_printf (markup, "<b>%s</b>", escaped);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
