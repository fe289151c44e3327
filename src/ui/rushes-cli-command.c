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

#define G_LOG_DOMAIN "rushes-cli-command"

#include "config.h"

#include <string.h>

#include "rushes-cli-command.h"
#include "rushes-take-diff.h"

/* A clip's settings as the rushes-cli command that makes another take of
 * it, for Copy Settings: pasted into a shell, it gives rushes-cli exactly
 * the prompt and values the clip had, whatever quotes, dollars, backticks
 * or newlines the prompt holds. */

/* Options of `rushes-cli generate` for the controls it names; any other
 * control goes with --set NAME=VALUE. */
static const struct {
  const char *control;
  const char *option;
} options[] = {
  { RUSHES_CONTROL_IMAGE, "--image" },
  { RUSHES_CONTROL_END_IMAGE, "--end-image" },
  { RUSHES_CONTROL_ASPECT_RATIO, "--aspect-ratio" },
  { RUSHES_CONTROL_DURATION, "--duration" },
  { RUSHES_CONTROL_RESOLUTION, "--resolution" },
  { RUSHES_CONTROL_NEGATIVE_PROMPT, "--negative-prompt" },
  { RUSHES_CONTROL_SEED, "--seed" },
};

static gboolean
is_plain (const char *word)
{
  if (*word == '\0')
    return FALSE;

  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_./:=+,%@-", *p) == NULL)
      return FALSE;

  return TRUE;
}

/**
 * rushes_cli_quote:
 * @word: one argument
 *
 * Returns: (transfer full): @word as a POSIX shell reads it back: as it
 *   is when it holds nothing the shell treats specially, else in single
 *   quotes (a quote inside written '\'')
 */
char *
rushes_cli_quote (const char *word)
{
  GString *quoted;

  g_return_val_if_fail (word != NULL, NULL);

  if (is_plain (word))
    return g_strdup (word);

  quoted = g_string_new ("'");
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (quoted, "'\\''");
      else
        g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');

  return g_string_free (quoted, FALSE);
}

static void
append_option (GString    *line,
               const char *option,
               const char *value,
               gboolean    always_quote)
{
  g_autofree char *quoted = NULL;

  g_string_append_c (line, ' ');
  g_string_append (line, option);
  if (value == NULL)
    return;

  if (always_quote)
    {
      /* Text reads best in quotes, even a single word. */
      g_autofree char *inner = rushes_cli_quote (value);

      quoted = inner[0] == '\'' ? g_steal_pointer (&inner) : g_strconcat ("'", inner, "'", NULL);
    }
  else
    quoted = rushes_cli_quote (value);

  g_string_append_c (line, ' ');
  g_string_append (line, quoted);
}

static gboolean
has_option (const char *control)
{
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (g_str_equal (options[i].control, control))
      return TRUE;

  return g_str_equal (control, RUSHES_CONTROL_PROMPT) || g_str_equal (control, RUSHES_CONTROL_AUDIO);
}

/**
 * rushes_cli_command_line:
 * @model_id: the model's catalog id
 * @params: the settings, prompt included
 *
 * Returns: (transfer full): `rushes-cli generate --model … --prompt '…'`
 *   with every setting of @params, each quoted for a POSIX shell
 */
char *
rushes_cli_command_line (const char             *model_id,
                         RushesGenerationParams *params)
{
  g_autoptr(GString) line = g_string_new ("rushes-cli generate");
  g_auto(GStrv) controls = NULL;
  const char *audio;

  g_return_val_if_fail (model_id != NULL, NULL);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);

  append_option (line, "--model", model_id, FALSE);
  append_option (line, "--prompt", rushes_generation_params_get_prompt (params) != NULL
                                     ? rushes_generation_params_get_prompt (params) : "", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const char *value = rushes_generation_params_get_value (params, options[i].control);

      if (value != NULL)
        append_option (line, options[i].option, value,
                       g_str_equal (options[i].control, RUSHES_CONTROL_NEGATIVE_PROMPT));
    }

  audio = rushes_generation_params_get_value (params, RUSHES_CONTROL_AUDIO);
  if (audio != NULL)
    append_option (line, g_str_equal (audio, "true") ? "--audio" : "--no-audio", NULL, FALSE);

  /* The model's own settings, in a stable order. */
  controls = rushes_take_diff_list_controls (params);
  for (guint i = 0; controls[i] != NULL; i++)
    {
      const char *value = rushes_generation_params_get_value (params, controls[i]);
      g_autofree char *pair = NULL;

      if (value == NULL || has_option (controls[i]))
        continue;
      pair = g_strconcat (controls[i], "=", value, NULL);
      append_option (line, "--set", pair, FALSE);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/**
 * rushes_cli_command_for_task:
 * @task: a clip
 *
 * The command that makes the clip again, its seed included. A local start
 * or end image is named by the task's own copy, which outlives the
 * original.
 *
 * Returns: (transfer full): the command line
 */
char *
rushes_cli_command_for_task (RushesTask *task)
{
  g_autoptr(RushesGenerationParams) params = NULL;

  g_return_val_if_fail (RUSHES_IS_TASK (task), NULL);

  params = rushes_settings_from_task (task);
  return rushes_cli_command_line (rushes_task_get_model_id (task), params);
}
