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

#include <json-glib/json-glib.h>

#include "rushes-core.h"

G_BEGIN_DECLS

/* Exit codes, as documented in README.md. */
enum {
  EXIT_OK          = 0,
  EXIT_FAILED      = 1,
  EXIT_USAGE       = 2,
  EXIT_AUTH        = 3,
  EXIT_UNREACHABLE = 4,
  EXIT_INTERRUPTED = 130,
};

/* The state of one rushes-cli run: the engine, made when a command
 * first needs it, and the cancellable that Ctrl+C fires. */
typedef struct
{
  RushesEngine       *engine;
  GCancellable       *cancellable;
  guint               sigint_source;
  guint               sigterm_source;
  guint               library_loaded : 1;
  guint               interrupted : 1;
} RushesCli;

typedef int (*RushesCliCommand) (RushesCli  *cli,
                                 int         argc,
                                 char      **argv);

/* rushes-cli.c: what every command shares */
void           rushes_cli_store_result_cb (GObject        *source,
                                           GAsyncResult   *result,
                                           gpointer        user_data);
GAsyncResult  *rushes_cli_wait_for        (GAsyncResult  **slot);
int            rushes_cli_report_error    (const GError   *error);
int            rushes_cli_usage_error     (const char     *format,
                                           ...) G_GNUC_PRINTF (1, 2);
gboolean       rushes_cli_parse_options   (GOptionContext *context,
                                           int            *argc,
                                           char         ***argv,
                                           int            *exit_code);
void           rushes_cli_print_json      (JsonNode       *node);
RushesEngine  *rushes_cli_get_engine      (RushesCli      *cli,
                                           GError        **error);
RushesLibrary *rushes_cli_load_library    (RushesCli      *cli,
                                           GError        **error);
gboolean       rushes_cli_check_credentials (RushesCli    *cli,
                                             const char   *provider_id,
                                             GError      **error);
char          *rushes_cli_format_time     (GDateTime      *time);
char          *rushes_cli_excerpt         (const char     *text,
                                           guint           max_chars);

/* One file per group of commands */
int rushes_cli_command_models   (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_generate (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_wait     (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_list     (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_show     (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_cancel   (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_export   (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_keys     (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_balance  (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_spend    (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_budget   (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_assemble (RushesCli *cli, int argc, char **argv);
int rushes_cli_command_reel     (RushesCli *cli, int argc, char **argv);

G_END_DECLS
