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

#define G_LOG_DOMAIN "test-cli-command"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "rushes-cli-command.h"

/* Copy Settings: the clip's settings as a rushes-cli command line. Pasted
 * into a shell it must give rushes-cli exactly the clip's prompt and
 * values: checked by running it through /bin/sh with a stand-in for
 * rushes-cli that prints what it receives, and through the real one. */

static const char *real_cli;

static const char *nasty_prompt =
  "It's a \"storm\" — $HOME `date` $(id) \\ back\\slash; rm -rf / & echo *\n"
  "second line\twith a tab, ünïcödé and '' two quotes";

static void
quote_words (void)
{
  struct {
    const char *word;
    const char *quoted;
  } cases[] = {
    { "sandbox/preview", "sandbox/preview" },
    { "16:9", "16:9" },
    { "-42", "-42" },
    { "quality=fast", "quality=fast" },
    { "", "''" },
    { "two words", "'two words'" },
    { "it's", "'it'\\''s'" },
    { "$HOME", "'$HOME'" },
    { "a\nb", "'a\nb'" },
    { "~/image.png", "'~/image.png'" },
    { "#hash", "'#hash'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = rushes_cli_quote (cases[i].word);

      g_assert_cmpstr (quoted, ==, cases[i].quoted);
    }
}

static RushesGenerationParams *
make_params (void)
{
  RushesGenerationParams *params = rushes_generation_params_new ();

  rushes_generation_params_set_prompt (params, nasty_prompt);
  g_assert_true (rushes_generation_params_set_value (params, RUSHES_CONTROL_ASPECT_RATIO, "16:9", NULL));
  g_assert_true (rushes_generation_params_set_value (params, RUSHES_CONTROL_DURATION, "8", NULL));
  g_assert_true (rushes_generation_params_set_value (params, RUSHES_CONTROL_RESOLUTION, "720p", NULL));
  g_assert_true (rushes_generation_params_set_value (params, RUSHES_CONTROL_AUDIO, "true", NULL));
  g_assert_true (rushes_generation_params_set_value (params, RUSHES_CONTROL_NEGATIVE_PROMPT, "no 'text', no \"logos\"", NULL));
  g_assert_true (rushes_generation_params_set_value (params, RUSHES_CONTROL_SEED, "1234", NULL));

  return params;
}

static void
command_line_reads (void)
{
  g_autoptr(RushesGenerationParams) params = make_params ();
  g_autofree char *line = rushes_cli_command_line ("wavespeed/google/veo3.1-fast", params);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "rushes-cli", "generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", nasty_prompt,
    "--aspect-ratio", "16:9", "--duration", "8", "--resolution", "720p",
    "--negative-prompt", "no 'text', no \"logos\"", "--seed", "1234", "--audio", NULL,
  };

  g_test_message ("%s", line);
  g_assert_true (g_str_has_prefix (line, "rushes-cli generate --model wavespeed/google/veo3.1-fast --prompt '"));
  g_assert_nonnull (strstr (line, " --duration 8 "));
  g_assert_nonnull (strstr (line, " --seed 1234"));

  /* GLib's own reading of shell quoting agrees. */
  g_assert_true (g_shell_parse_argv (line, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (argv, expected);
}

/* /bin/sh runs the line with a rushes-cli that writes how many arguments
 * it has, then each, every one followed by a NUL byte. */
static void
command_line_through_shell (void)
{
  g_autoptr(RushesGenerationParams) params = make_params ();
  g_autofree char *line = rushes_cli_command_line ("wavespeed/google/veo3.1-fast", params);
  g_autofree char *bin = g_build_filename (g_get_user_cache_dir (), "bin", NULL);
  g_autofree char *stand_in = g_build_filename (bin, "rushes-cli", NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) received = g_ptr_array_new ();
  const char *argv[] = { "/bin/sh", "-c", line, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  const char *p;
  int status = -1;
  const char *expected[] = {
    "generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", nasty_prompt,
    "--aspect-ratio", "16:9", "--duration", "8", "--resolution", "720p",
    "--negative-prompt", "no 'text', no \"logos\"", "--seed", "1234", "--audio",
  };

  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stand_in, "#!/bin/sh\nprintf '%s\\0' \"$#\"\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\n", -1, NULL));
  g_assert_cmpint (g_chmod (stand_in, 0700), ==, 0);
  path = g_strconcat (bin, ":", g_getenv ("PATH"), NULL);
  envp = g_environ_setenv (envp, "PATH", path, TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* NUL-separated: the count first, then the arguments. */
  g_assert_cmpint (atoi (out), ==, G_N_ELEMENTS (expected));
  p = out + strlen (out) + 1;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++, p += strlen (p) + 1)
    g_ptr_array_add (received, (gpointer) p);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (received, i), ==, expected[i]);
}

/* The real rushes-cli takes every option, and the model every value. */
static void
command_line_accepted (void)
{
  g_autoptr(RushesGenerationParams) params = make_params ();
  g_autofree char *line = rushes_cli_command_line ("wavespeed/google/veo3.1-fast", params);
  g_autofree char *bin = g_build_filename (g_get_user_cache_dir (), "real-bin", NULL);
  g_autofree char *link = g_build_filename (bin, "rushes-cli", NULL);
  g_autofree char *path = NULL;
  g_autofree char *script = g_strconcat (line, " --estimate --json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  int status = -1;

  if (real_cli == NULL)
    {
      g_test_skip ("the path of rushes-cli was not given");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_cmpint (symlink (real_cli, link), ==, 0);
  path = g_strconcat (bin, ":", g_getenv ("PATH"), NULL);
  envp = g_environ_setenv (envp, "PATH", path, TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("rushes-cli refused the command: %s", err);
  g_assert_nonnull (strstr (out, "\"seed\" : \"1234\""));
  g_assert_nonnull (strstr (out, "wavespeed/google/veo3.1-fast"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc > 1)
    real_cli = argv[1];

  g_test_add_func ("/rushes/cli-command/quote", quote_words);
  g_test_add_func ("/rushes/cli-command/reads", command_line_reads);
  g_test_add_func ("/rushes/cli-command/through-shell", command_line_through_shell);
  g_test_add_func ("/rushes/cli-command/accepted", command_line_accepted);

  return g_test_run ();
}
