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

#define G_LOG_DOMAIN "rushes-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "rushes-engine.h"
#include "rushes-cli-progress.h"

/* Exit codes, as documented in README.md. */
enum {
  EXIT_OK          = 0,
  EXIT_FAILED      = 1,
  EXIT_USAGE       = 2,
  EXIT_AUTH        = 3,
  EXIT_UNREACHABLE = 4,
  EXIT_INTERRUPTED = 130,
};

typedef struct
{
  RushesConfig       *config;
  RushesModelCatalog *catalog;
  RushesLibrary      *library;
  RushesSecretStore  *secrets;
  RushesTaskRunner   *runner;
  GCancellable       *cancellable;
  guint               sigint_source;
  guint               sigterm_source;
  guint               interrupted : 1;
} RushesCli;

typedef int (*RushesCliCommand) (RushesCli  *cli,
                                 int         argc,
                                 char      **argv);

static void
rushes_cli_clear (RushesCli *cli)
{
  g_clear_handle_id (&cli->sigint_source, g_source_remove);
  g_clear_handle_id (&cli->sigterm_source, g_source_remove);
  g_clear_object (&cli->runner);
  g_clear_object (&cli->secrets);
  g_clear_object (&cli->library);
  g_clear_object (&cli->catalog);
  g_clear_object (&cli->config);
  g_clear_object (&cli->cancellable);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The CLI is sequential: run the main context until an async call answers. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static int
report_error (const GError *error)
{
  g_printerr ("rushes-cli: %s\n", error->message);
  return rushes_error_get_exit_code (error);
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("rushes-cli: %s\n", message);
  return EXIT_USAGE;
}

static gboolean
interrupt_cb (gpointer user_data)
{
  RushesCli *cli = user_data;

  /* A second Ctrl+C while we are stopping should not be needed, but
   * must not be ignored either. */
  if (cli->interrupted)
    exit (EXIT_INTERRUPTED);

  cli->interrupted = TRUE;
  g_cancellable_cancel (cli->cancellable);

  return G_SOURCE_CONTINUE;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = usage_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

static void
print_load_errors (GPtrArray *errors)
{
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);

      g_printerr ("rushes-cli: warning: %s\n", error->message);
    }
}

static gboolean
ensure_config (RushesCli  *cli,
               GError    **error)
{
  if (cli->config == NULL)
    cli->config = rushes_config_new_from_environment (error);

  return cli->config != NULL;
}

static void
ensure_catalog (RushesCli *cli)
{
  if (cli->catalog != NULL)
    return;

  cli->catalog = rushes_model_catalog_new_default ();
  print_load_errors (rushes_model_catalog_get_load_errors (cli->catalog));
}

static gboolean
ensure_library (RushesCli  *cli,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (cli->library != NULL)
    return TRUE;

  cli->library = rushes_library_new (NULL);
  rushes_library_load_async (cli->library, cli->cancellable, store_result_cb, &result);
  if (!rushes_library_load_finish (cli->library, wait_for (&result), error))
    {
      g_clear_object (&cli->library);
      return FALSE;
    }

  print_load_errors (rushes_library_get_load_errors (cli->library));
  return TRUE;
}

static RushesSecretStore *
ensure_secrets (RushesCli *cli)
{
  if (cli->secrets == NULL)
    cli->secrets = RUSHES_SECRET_STORE (rushes_libsecret_store_new ());

  return cli->secrets;
}

static gboolean
ensure_runner (RushesCli  *cli,
               GError    **error)
{
  if (cli->runner != NULL)
    return TRUE;

  if (!ensure_config (cli, error) || !ensure_library (cli, error))
    return FALSE;

  ensure_catalog (cli);
  cli->runner = rushes_task_runner_new (cli->library, cli->catalog, ensure_secrets (cli), cli->config);

  return TRUE;
}

static char *
lookup_secret (RushesCli         *cli,
               const char        *provider_id,
               RushesSecretKind   kind,
               GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  RushesSecretStore *secrets = ensure_secrets (cli);

  rushes_secret_store_lookup_async (secrets, provider_id, kind, cli->cancellable, store_result_cb, &result);
  return rushes_secret_store_lookup_finish (secrets, wait_for (&result), error);
}

/* Before anything is created or sent: a provider without a key would
 * only fail later, after leaving a task behind. */
static gboolean
check_credentials (RushesCli   *cli,
                   const char  *provider_id,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *variable = NULL;
  const char *name = rushes_provider_id_get_name (provider_id);

  /* The Sandbox renders offline and needs no account. */
  if (!rushes_provider_id_needs_key (provider_id) ||
      rushes_config_get_env_secret (cli->config, provider_id, RUSHES_SECRET_API_KEY) != NULL)
    return TRUE;

  variable = g_ascii_strup (provider_id, -1);
  key = lookup_secret (cli, provider_id, RUSHES_SECRET_API_KEY, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                   _("Cannot read the %s API key from the keyring (%s). Set RUSHES_%s_API_KEY instead."),
                   name, local_error->message, variable);
      return FALSE;
    }

  if (key == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                   _("No API key for %s. Store one with “rushes-cli keys set %s” or set RUSHES_%s_API_KEY."),
                   name, provider_id, variable);
      return FALSE;
    }

  return TRUE;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
excerpt (const char *text,
         guint       max_chars)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  glong length;

  g_strdelimit (flat, "\n\r\t", ' ');
  length = g_utf8_strlen (flat, -1);
  if (length <= max_chars)
    return g_steal_pointer (&flat);

  {
    g_autofree char *cut = g_utf8_substring (flat, 0, max_chars - 1);
    return g_strconcat (cut, "…", NULL);
  }
}

/* models ---------------------------------------------------------------- */

/* One line on what a control takes, for “models”; NULL for the prompt. */
static char *
describe_control (RushesModel *model,
                  const char  *control)
{
  const char * const *values = rushes_model_get_allowed_values (model, control);
  const char *default_value = rushes_model_get_default_value (model, control);
  gint64 min, max;

  if (values != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) values);

      if (default_value != NULL)
        return g_strdup_printf (_("%s (default %s)"), joined, default_value);
      return g_steal_pointer (&joined);
    }

  switch (rushes_model_get_control_kind (model, control))
    {
    case RUSHES_CONTROL_KIND_IMAGE:
      if (!rushes_model_accepts_image_source (model, control, FALSE))
        return g_strdup (_("an https:// URL only (no local file)"));
      if (!rushes_model_accepts_image_source (model, control, TRUE))
        return g_strdup (_("a local file only (no URL)"));
      return g_strdup (_("a local file or an https:// URL"));

    case RUSHES_CONTROL_KIND_BOOLEAN:
      if (default_value != NULL)
        return g_strdup_printf (_("on or off (default %s)"), g_str_equal (default_value, "true") ? _("on") : _("off"));
      return g_strdup (_("on or off"));

    case RUSHES_CONTROL_KIND_INTEGER:
      rushes_model_get_range (model, control, &min, &max);
      return g_strdup_printf (_("a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT), min, max);

    case RUSHES_CONTROL_KIND_TEXT:
      return g_str_equal (control, RUSHES_CONTROL_PROMPT) ? NULL : g_strdup (_("text"));

    case RUSHES_CONTROL_KIND_CHOICE:
    default:
      return NULL;
    }
}

static int
command_models (RushesCli  *cli,
                int         argc,
                char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the catalog as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  GListModel *models;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context, _("List the video models Rushes knows."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return usage_error (_("“models” takes no arguments"));

  ensure_catalog (cli);
  models = G_LIST_MODEL (cli->catalog);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < g_list_model_get_n_items (models); i++)
        {
          g_autoptr(RushesModel) model = g_list_model_get_item (models, i);
          JsonNode *entry = rushes_model_to_json (model);

          json_object_set_boolean_member (json_node_get_object (entry), "needs_key",
                                          rushes_provider_id_needs_key (rushes_model_get_provider_id (model)));
          json_array_add_element (array, entry);
        }
      json_node_set_array (node, array);
      print_json (node);
      return EXIT_OK;
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(RushesModel) model = g_list_model_get_item (models, i);
      g_auto(GStrv) controls = rushes_model_list_controls (model);
      g_autoptr(RushesGenerationParams) defaults = NULL;
      double usd;

      g_print ("%s\n", rushes_model_get_id (model));
      g_print ("    %s (%s)%s\n",
               rushes_model_get_name (model),
               rushes_provider_id_get_name (rushes_model_get_provider_id (model)),
               rushes_model_get_retired (model) ? _(" — retired upstream") : "");
      if (!rushes_provider_id_needs_key (rushes_model_get_provider_id (model)))
        g_print ("    %s\n", _("Offline preview made on this computer, not AI: free, no account, no network"));

      for (guint j = 0; controls[j] != NULL; j++)
        {
          g_autofree char *described = describe_control (model, controls[j]);

          if (described != NULL)
            g_print ("    %-15s %s\n", controls[j], described);
        }

      defaults = rushes_generation_params_new ();
      if (rushes_model_estimate_cost (model, defaults, &usd))
        g_print ("    %-15s about $%.2f with the defaults\n", _("price"), usd);
      if (rushes_model_get_retired (model) && rushes_model_get_retired_note (model) != NULL)
        g_print ("    %-15s %s\n", _("note"), rushes_model_get_retired_note (model));
    }

  return EXIT_OK;
}

/* generate / wait --------------------------------------------------------- */

typedef struct
{
  RushesCli         *cli;
  RushesTask        *task;
  RushesCliProgress *progress;
  GError            *error;
  guint              done : 1;
  guint              succeeded : 1;
} FollowData;

static void
follow_data_clear (FollowData *data)
{
  g_clear_object (&data->progress);
  g_clear_object (&data->task);
  g_clear_error (&data->error);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FollowData *data = user_data;

  data->succeeded = rushes_task_runner_run_finish (RUSHES_TASK_RUNNER (source), result, &data->error);
  data->done = TRUE;
  if (data->progress != NULL)
    rushes_cli_progress_finish (data->progress);
}

static void
follow_start (FollowData     *data,
              RushesCli      *cli,
              RushesTask     *task,
              RushesRunFlags  flags,
              gboolean        show_bar)
{
  data->cli = cli;
  data->task = g_object_ref (task);
  data->progress = rushes_cli_progress_new (task, show_bar);
  rushes_task_runner_run_async (cli->runner, task, flags, cli->cancellable, run_done_cb, data);
}

/* Says what happened to a followed task and returns its exit code. */
static int
follow_report (FollowData *data)
{
  const char *id = rushes_task_get_id (data->task);

  if (data->succeeded)
    return EXIT_OK;

  if (g_error_matches (data->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr (_("Stopped following %s. It goes on at the provider: “rushes-cli wait %s” picks it up again.\n"),
                  id, id);
      return EXIT_INTERRUPTED;
    }

  g_printerr ("rushes-cli: %s: %s\n", id, data->error->message);
  if (g_error_matches (data->error, RUSHES_ERROR, RUSHES_ERROR_UNCERTAIN))
    g_printerr (_("The request may have reached the provider and been billed, so it is not sent again. Check the provider's dashboard.\n"));
  else if (g_error_matches (data->error, RUSHES_ERROR, RUSHES_ERROR_UNREACHABLE) &&
           rushes_task_get_remote_id (data->task) != NULL)
    g_printerr (_("The task is kept: “rushes-cli wait %s” follows it again.\n"), id);

  return rushes_error_get_exit_code (data->error);
}

static gboolean
stderr_is_terminal (void)
{
  return isatty (STDERR_FILENO) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
}

/* With no --model: the first model of a provider that has a key, else the
 * offline Sandbox, as in the app. */
static RushesModel *
choose_default_model (RushesCli  *cli,
                      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) ready = NULL;
  RushesModel *model;

  if (!ensure_runner (cli, error))
    return NULL;

  rushes_task_runner_list_ready_providers_async (cli->runner, cli->cancellable, store_result_cb, &result);
  ready = rushes_task_runner_list_ready_providers_finish (cli->runner, wait_for (&result), error);
  if (ready == NULL)
    return NULL;

  model = rushes_model_catalog_get_default_model (cli->catalog, (const char * const *) ready);
  if (model == NULL)
    {
      g_set_error_literal (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           _("--model is required; “rushes-cli models” lists them"));
      return NULL;
    }

  g_printerr (_("Using %s (%s); choose another with --model.\n"),
              rushes_model_get_name (model), rushes_model_get_id (model));
  return model;
}

/* Prints the estimate; nothing is created or sent. */
static int
print_estimate (RushesModel            *model,
                RushesGenerationParams *params,
                gboolean                json)
{
  const char *note = rushes_model_get_price_note (model);
  gboolean known;
  double usd = 0;

  known = rushes_model_estimate_cost (model, params, &usd);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, rushes_model_get_id (model));
      json_builder_set_member_name (builder, "estimate_usd");
      if (known)
        json_builder_add_double_value (builder, usd);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "price_note");
      if (note != NULL)
        json_builder_add_string_value (builder, note);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else if (known)
    {
      g_print (_("About $%.2f for %s with these settings.\n"), usd, rushes_model_get_name (model));
      if (note != NULL)
        g_print (_("This is an estimate: %s\n"), note);
    }
  else
    {
      g_print (_("No price is known for %s with these settings.\n"), rushes_model_get_name (model));
      if (note != NULL)
        g_print ("%s\n", note);
    }

  g_printerr (_("Nothing was sent.\n"));
  return EXIT_OK;
}

static int
command_generate (RushesCli  *cli,
                  int         argc,
                  char      **argv)
{
  g_autofree char *model_id = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *image = NULL;
  g_autofree char *end_image = NULL;
  g_autofree char *aspect_ratio = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *resolution = NULL;
  g_autofree char *negative_prompt = NULL;
  g_autofree char *seed = NULL;
  g_auto(GStrv) settings = NULL;
  gboolean audio = FALSE;
  gboolean no_audio = FALSE;
  gboolean estimate = FALSE;
  gboolean detach = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model_id, N_("Catalog id of the model (see “rushes-cli models”); without it, the first model of a provider with a key, else the offline preview"), N_("ID") },
    { "prompt", 'p', 0, G_OPTION_ARG_STRING, &prompt, N_("What the video shows"), N_("TEXT") },
    { "image", 'i', 0, G_OPTION_ARG_STRING, &image, N_("Start image: a JPEG, PNG or WebP file, or its URL"), N_("PATH|URL") },
    { "end-image", 0, 0, G_OPTION_ARG_STRING, &end_image, N_("Last frame, for models that take one: a file or its URL"), N_("PATH|URL") },
    { "aspect-ratio", 'a', 0, G_OPTION_ARG_STRING, &aspect_ratio, N_("16:9, 9:16, 1:1 or auto, as the model offers"), N_("RATIO") },
    { "duration", 'd', 0, G_OPTION_ARG_STRING, &duration, N_("Length in seconds, as the model offers"), N_("SECONDS") },
    { "resolution", 'r', 0, G_OPTION_ARG_STRING, &resolution, N_("480p, 720p or 1080p, as the model offers"), N_("RES") },
    { "audio", 0, 0, G_OPTION_ARG_NONE, &audio, N_("Generate sound, for models that can choose"), NULL },
    { "no-audio", 0, 0, G_OPTION_ARG_NONE, &no_audio, N_("Generate no sound, for models that can choose"), NULL },
    { "negative-prompt", 0, 0, G_OPTION_ARG_STRING, &negative_prompt, N_("What the video should not show, for models that take it"), N_("TEXT") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("A whole number that makes a result repeatable, for models that take one"), N_("N") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings, N_("Another setting the model lists under “models”, e.g. quality=fast (repeatable)"), N_("NAME=VALUE") },
    { "estimate", 0, 0, G_OPTION_ARG_NONE, &estimate, N_("Print the estimated cost and send nothing"), NULL },
    { "detach", 0, 0, G_OPTION_ARG_NONE, &detach, N_("Return once the provider accepted the task"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the task record (or the estimate) as JSON"), NULL },
    { NULL }
  };
  /* Pointers to the option variables: they are filled by the parse below. */
  const struct {
    const char  *control;
    char       **value;
  } values[] = {
    { RUSHES_CONTROL_PROMPT, &prompt },
    { RUSHES_CONTROL_IMAGE, &image },
    { RUSHES_CONTROL_END_IMAGE, &end_image },
    { RUSHES_CONTROL_ASPECT_RATIO, &aspect_ratio },
    { RUSHES_CONTROL_DURATION, &duration },
    { RUSHES_CONTROL_RESOLUTION, &resolution },
    { RUSHES_CONTROL_NEGATIVE_PROMPT, &negative_prompt },
    { RUSHES_CONTROL_SEED, &seed },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RushesGenerationParams) params = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RushesTask) task = NULL;
  RushesModel *model;
  FollowData follow = { 0 };
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context, _("Send a generation, follow it and download the video into the library."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return usage_error (_("Unexpected argument “%s”; quote the prompt: --prompt \"…\""), argv[1]);
  if (audio && no_audio)
    return usage_error (_("Give --audio or --no-audio, not both"));

  if (!ensure_config (cli, &error))
    return report_error (error);

  ensure_catalog (cli);
  if (model_id != NULL)
    model = rushes_model_catalog_find (cli->catalog, model_id, &error);
  else
    model = choose_default_model (cli, &error);
  if (model == NULL)
    return report_error (error);

  params = rushes_generation_params_new ();
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (*values[i].value != NULL &&
          !rushes_generation_params_set_value (params, values[i].control, *values[i].value, &error))
        return report_error (error);
    }
  if ((audio || no_audio) &&
      !rushes_generation_params_set_value (params, RUSHES_CONTROL_AUDIO, audio ? "true" : "false", &error))
    return report_error (error);
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (settings[i], "=", 2);

      if (pair[0] == NULL || pair[1] == NULL || *g_strstrip (pair[0]) == '\0')
        return usage_error (_("--set takes NAME=VALUE, not “%s”"), settings[i]);
      if (!rushes_generation_params_set_value (params, pair[0], pair[1], &error))
        return report_error (error);
    }

  if (!rushes_model_validate (model, params, &error))
    return report_error (error);

  if (estimate)
    return print_estimate (model, params, json);

  if (rushes_model_get_retired (model))
    g_printerr (_("Note: %s\n"), rushes_model_get_retired_note (model) != NULL
                                   ? rushes_model_get_retired_note (model)
                                   : _("this model was retired upstream; the provider may refuse it."));

  if (!check_credentials (cli, rushes_model_get_provider_id (model), &error))
    return report_error (error);

  if (!ensure_runner (cli, &error))
    return report_error (error);

  rushes_library_create_task_async (cli->library, model, params, cli->cancellable, store_result_cb, &result);
  task = rushes_library_create_task_finish (cli->library, wait_for (&result), &error);
  if (task == NULL)
    return report_error (error);

  follow_start (&follow, cli, task,
                detach ? RUSHES_RUN_FLAGS_DETACH : RUSHES_RUN_FLAGS_NONE,
                stderr_is_terminal ());
  while (!follow.done)
    g_main_context_iteration (NULL, TRUE);

  exit_code = follow_report (&follow);

  if (json)
    {
      g_autoptr(JsonNode) record = rushes_task_to_json (task);

      print_json (record);
    }
  else if (exit_code == EXIT_OK)
    {
      g_print ("%s\n", rushes_task_get_id (task));
    }

  follow_data_clear (&follow);
  return exit_code;
}

static int
command_wait (RushesCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the task records as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("[ID…]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree FollowData *follows = NULL;
  g_autoptr(JsonArray) records = NULL;
  gboolean all_done;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Follow unfinished tasks to their end and download their videos.\n"
                                  "Without an ID, every unfinished task in the library: this is how\n"
                                  "an interrupted “generate” resumes. Nothing is sent twice."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;

  if (!ensure_runner (cli, &error))
    return report_error (error);

  if (argc > 1)
    {
      tasks = g_ptr_array_new_with_free_func (g_object_unref);
      for (int i = 1; i < argc; i++)
        {
          RushesTask *task = rushes_library_find (cli->library, argv[i], &error);

          if (task == NULL)
            return report_error (error);
          g_ptr_array_add (tasks, g_object_ref (task));
        }
    }
  else
    {
      tasks = rushes_library_list_unfinished (cli->library);
      if (tasks->len == 0)
        {
          g_printerr (_("No unfinished tasks.\n"));
          if (json)
            g_print ("[]\n");
          return EXIT_OK;
        }
    }

  /* Several tasks at once: plain lines, bars would overwrite each other. */
  follows = g_new0 (FollowData, tasks->len);
  for (guint i = 0; i < tasks->len; i++)
    follow_start (&follows[i], cli, g_ptr_array_index (tasks, i), RUSHES_RUN_FLAGS_NONE,
                  tasks->len == 1 && stderr_is_terminal ());

  do
    {
      g_main_context_iteration (NULL, TRUE);
      all_done = TRUE;
      for (guint i = 0; i < tasks->len; i++)
        all_done &= follows[i].done;
    }
  while (!all_done);

  records = json_array_new ();
  for (guint i = 0; i < tasks->len; i++)
    {
      int code = follow_report (&follows[i]);

      /* The worst outcome decides: interrupted > unreachable > auth > usage > failed. */
      exit_code = MAX (exit_code, code);
      if (json)
        json_array_add_element (records, rushes_task_to_json (follows[i].task));
      else if (code == EXIT_OK)
        g_print ("%s\n", rushes_task_get_id (follows[i].task));
      follow_data_clear (&follows[i]);
    }

  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, records);
      print_json (node);
    }

  return exit_code;
}

/* list / show ----------------------------------------------------------- */

static int
command_list (RushesCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  g_autofree char *search = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the task records as JSON"), NULL },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("Only tasks whose prompt, model, state or id contains TEXT"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tasks = NULL;
  int exit_code = EXIT_OK;
  guint n_tasks;

  g_option_context_set_summary (context, _("List the tasks in the library, newest first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return usage_error (_("“list” takes no arguments; use --search TEXT to filter"));

  if (!ensure_library (cli, &error))
    return report_error (error);

  tasks = rushes_library_search (cli->library, search);
  n_tasks = g_list_model_get_n_items (tasks);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < n_tasks; i++)
        {
          g_autoptr(RushesTask) task = g_list_model_get_item (tasks, i);

          json_array_add_element (array, rushes_task_to_json (task));
        }
      json_node_set_array (node, array);
      print_json (node);
      return EXIT_OK;
    }

  if (n_tasks == 0)
    {
      g_printerr (search != NULL ? _("No task matches “%s”.\n") : _("The library is empty.\n"), search);
      return EXIT_OK;
    }

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (tasks, i);
      g_autofree char *created = format_time (rushes_task_get_created_at (task));
      g_autofree char *prompt = excerpt (rushes_task_get_prompt (task), 40);

      g_print ("%s  %-11s  %s  %-24s  %s\n",
               rushes_task_get_id (task),
               rushes_task_state_to_string (rushes_task_get_state (task)),
               created,
               rushes_task_get_model_id (task),
               prompt);
    }

  return EXIT_OK;
}

static int
command_show (RushesCli  *cli,
              int         argc,
              char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the task record as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("ID"));
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *finished = NULL;
  RushesGenerationParams *params;
  g_auto(GStrv) controls = NULL;
  GFile *video;
  RushesTask *task;
  int exit_code = EXIT_OK;
  double progress, cost;

  g_option_context_set_summary (context, _("Show one task: its parameters, state, cost and files."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return usage_error (_("“show” takes one task id (or a unique start of one)"));

  if (!ensure_library (cli, &error))
    return report_error (error);

  task = rushes_library_find (cli->library, argv[1], &error);
  if (task == NULL)
    return report_error (error);

  if (json)
    {
      g_autoptr(JsonNode) record = rushes_task_to_json (task);

      print_json (record);
      return EXIT_OK;
    }

  created = format_time (rushes_task_get_created_at (task));
  finished = format_time (rushes_task_get_finished_at (task));
  progress = rushes_task_get_progress (task);
  cost = rushes_task_get_cost_usd (task);
  video = rushes_task_get_video_file (task);

  g_print ("%-12s %s\n", _("Task"), rushes_task_get_id (task));
  g_print ("%-12s %s\n", _("Model"), rushes_task_get_model_id (task));
  g_print ("%-12s %s\n", _("Provider"), rushes_provider_id_get_name (rushes_task_get_provider_id (task)));
  g_print ("%-12s %s", _("State"), rushes_task_state_to_string (rushes_task_get_state (task)));
  if (progress >= 0 && !rushes_task_is_finished (task))
    g_print (" (%d%%)", (int) (progress * 100));
  g_print ("\n");
  g_print ("%-12s %s\n", _("Prompt"), rushes_task_get_prompt (task));

  params = rushes_task_get_params (task);
  controls = rushes_generation_params_list_controls (params);
  for (guint i = 0; controls[i] != NULL; i++)
    {
      if (g_str_equal (controls[i], "prompt"))
        continue;
      g_print ("%-12s %s\n", controls[i], rushes_generation_params_get_value (params, controls[i]));
    }

  if (rushes_task_get_remote_id (task) != NULL)
    g_print ("%-12s %s\n", _("Remote id"), rushes_task_get_remote_id (task));
  g_print ("%-12s %s\n", _("Created"), created);
  if (rushes_task_get_finished_at (task) != NULL)
    g_print ("%-12s %s\n", _("Finished"), finished);
  if (cost >= 0)
    g_print ("%-12s $%.4f\n", _("Cost"), cost);
  if (video != NULL)
    {
      g_autofree char *path = g_file_get_path (video);

      g_print ("%-12s %s\n", _("Video"), path);
    }
  if (rushes_task_get_error_message (task) != NULL)
    g_print ("%-12s %s (%s)\n", _("Error"), rushes_task_get_error_message (task),
             rushes_task_get_error_code (task));

  return EXIT_OK;
}

/* cancel / export ---------------------------------------------------------- */

static int
command_cancel (RushesCli  *cli,
                int         argc,
                char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  RushesTask *task;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context, _("Cancel a task that is queued or running at its provider."));
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return usage_error (_("“cancel” takes one task id"));

  if (!ensure_runner (cli, &error))
    return report_error (error);

  task = rushes_library_find (cli->library, argv[1], &error);
  if (task == NULL)
    return report_error (error);

  /* Without a cancel at the provider, the runner says so; no key needed. */
  if (rushes_provider_id_can_cancel (rushes_task_get_provider_id (task)) &&
      !check_credentials (cli, rushes_task_get_provider_id (task), &error))
    return report_error (error);

  rushes_task_runner_cancel_async (cli->runner, task, cli->cancellable, store_result_cb, &result);
  if (!rushes_task_runner_cancel_finish (cli->runner, wait_for (&result), &error))
    return report_error (error);

  g_printerr (_("Cancelled %s.\n"), rushes_task_get_id (task));
  return EXIT_OK;
}

static int
command_export (RushesCli  *cli,
                int         argc,
                char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("ID DESTINATION"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autofree char *path = NULL;
  RushesTask *task;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Copy a task's video out of the library. DESTINATION is a file,\n"
                                  "or a folder that receives ID.mp4. Nothing is overwritten."));
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 3)
    return usage_error (_("“export” takes a task id and a destination"));

  if (!ensure_library (cli, &error))
    return report_error (error);

  task = rushes_library_find (cli->library, argv[1], &error);
  if (task == NULL)
    return report_error (error);

  destination = g_file_new_for_commandline_arg (argv[2]);
  rushes_library_export_video_async (cli->library, task, destination, cli->cancellable, store_result_cb, &result);
  if (!rushes_library_export_video_finish (cli->library, wait_for (&result), &error))
    return report_error (error);

  if (g_file_query_file_type (destination, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_strconcat (rushes_task_get_id (task), ".mp4", NULL);
      g_autoptr(GFile) file = g_file_get_child (destination, name);

      path = g_file_get_path (file);
    }
  else
    {
      path = g_file_get_path (destination);
    }

  g_print ("%s\n", path);
  return EXIT_OK;
}

/* keys ------------------------------------------------------------------ */

/* Reads one line from stdin; on a terminal, without echo. The secret
 * never comes from argv, where other users and shell history see it. */
static char *
read_secret (const char *prompt)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved;
  int c;

  if (terminal)
    {
      struct termios quiet;

      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  g_strstrip (line->str);
  if (c == EOF && line->str[0] == '\0')
    return NULL;

  return g_strdup (line->str);
}

static gboolean
store_secret (RushesCli         *cli,
              const char        *provider_id,
              RushesSecretKind   kind,
              const char        *value,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  RushesSecretStore *secrets = ensure_secrets (cli);

  if (value == NULL || *value == '\0')
    {
      rushes_secret_store_clear_async (secrets, provider_id, kind, cli->cancellable, store_result_cb, &result);
      return rushes_secret_store_clear_finish (secrets, wait_for (&result), error);
    }

  rushes_secret_store_store_async (secrets, provider_id, kind, value, cli->cancellable, store_result_cb, &result);
  return rushes_secret_store_store_finish (secrets, wait_for (&result), error);
}

static void
print_key_status (RushesCli        *cli,
                  const char       *provider_id,
                  RushesSecretKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *variable = g_ascii_strup (provider_id, -1);
  const char *what = kind == RUSHES_SECRET_API_KEY ? _("API key") : _("API secret");
  const char *suffix = kind == RUSHES_SECRET_API_KEY ? "API_KEY" : "API_SECRET";

  if (rushes_config_get_env_secret (cli->config, provider_id, kind) != NULL)
    {
      g_print (_("%s %s: set by RUSHES_%s_%s (overrides the keyring)\n"),
               rushes_provider_id_get_name (provider_id), what, variable, suffix);
      return;
    }

  stored = lookup_secret (cli, provider_id, kind, &error);
  if (error != NULL)
    g_print (_("%s %s: unknown, the keyring cannot be read (%s)\n"),
             rushes_provider_id_get_name (provider_id), what, error->message);
  else if (stored != NULL)
    g_print (_("%s %s: stored in the keyring\n"), rushes_provider_id_get_name (provider_id), what);
  else
    g_print (_("%s %s: not set\n"), rushes_provider_id_get_name (provider_id), what);
}

static int
command_keys (RushesCli  *cli,
              int         argc,
              char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("set|clear|status PROVIDER"));
  g_autoptr(GError) error = NULL;
  g_autofree char *providers_text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) providers = NULL;
  const char * const *ids = rushes_provider_list_ids ();
  const char *action;
  const char *provider_id;
  int exit_code = EXIT_OK;

  /* The Sandbox has no account. */
  for (guint i = 0; ids[i] != NULL; i++)
    if (rushes_provider_id_needs_key (ids[i]))
      g_strv_builder_add (builder, ids[i]);
  providers = g_strv_builder_end (builder);
  providers_text = g_strjoinv (", ", providers);
  {
    g_autofree char *summary = g_strdup_printf (_("Store, remove or check a provider's API key in the keyring.\n"
                                                  "“set” reads the key (and Wiro's secret) from the terminal or\n"
                                                  "standard input, one per line, never from the command line.\n"
                                                  "Providers: %s."), providers_text);
    g_option_context_set_summary (context, summary);
  }
  if (!parse_options (context, &argc, &argv, &exit_code))
    return exit_code;

  if (!ensure_config (cli, &error))
    return report_error (error);

  if (argc == 2 && g_str_equal (argv[1], "status"))
    {
      for (guint i = 0; providers[i] != NULL; i++)
        {
          print_key_status (cli, providers[i], RUSHES_SECRET_API_KEY);
          if (rushes_provider_id_uses_secret (providers[i]))
            print_key_status (cli, providers[i], RUSHES_SECRET_API_SECRET);
        }
      return EXIT_OK;
    }

  if (argc != 3)
    return usage_error (_("Usage: rushes-cli keys set|clear|status PROVIDER (one of %s)"), providers_text);

  action = argv[1];
  provider_id = argv[2];
  if (rushes_provider_id_is_known (provider_id) && !rushes_provider_id_needs_key (provider_id))
    return usage_error (_("%s needs no key: it works offline, without an account"),
                        rushes_provider_id_get_name (provider_id));
  if (!rushes_provider_id_is_known (provider_id))
    return usage_error (_("Unknown provider “%s”; choose one of %s"), provider_id, providers_text);

  if (g_str_equal (action, "status"))
    {
      print_key_status (cli, provider_id, RUSHES_SECRET_API_KEY);
      if (rushes_provider_id_uses_secret (provider_id))
        print_key_status (cli, provider_id, RUSHES_SECRET_API_SECRET);
      return EXIT_OK;
    }
  else if (g_str_equal (action, "set"))
    {
      g_autofree char *key_prompt = g_strdup_printf (_("%s API key: "), rushes_provider_id_get_name (provider_id));
      g_autofree char *key = read_secret (key_prompt);
      g_autofree char *secret = NULL;

      if (key == NULL || *key == '\0')
        return usage_error (_("No API key given; nothing was stored"));

      if (rushes_provider_id_uses_secret (provider_id))
        {
          g_autofree char *secret_prompt =
            g_strdup_printf (_("%s API secret (leave empty for a key-only project): "),
                             rushes_provider_id_get_name (provider_id));
          secret = read_secret (secret_prompt);
        }

      if (!store_secret (cli, provider_id, RUSHES_SECRET_API_KEY, key, &error) ||
          (rushes_provider_id_uses_secret (provider_id) &&
           !store_secret (cli, provider_id, RUSHES_SECRET_API_SECRET, secret, &error)))
        {
          g_printerr (_("rushes-cli: cannot store the key in the keyring: %s\n"), error->message);
          return EXIT_AUTH;
        }

      g_printerr (_("Stored the %s key in the keyring.\n"), rushes_provider_id_get_name (provider_id));
      return EXIT_OK;
    }
  else if (g_str_equal (action, "clear"))
    {
      if (!store_secret (cli, provider_id, RUSHES_SECRET_API_KEY, NULL, &error) ||
          (rushes_provider_id_uses_secret (provider_id) &&
           !store_secret (cli, provider_id, RUSHES_SECRET_API_SECRET, NULL, &error)))
        {
          g_printerr (_("rushes-cli: cannot remove the key from the keyring: %s\n"), error->message);
          return EXIT_AUTH;
        }

      g_printerr (_("Removed the %s key from the keyring.\n"), rushes_provider_id_get_name (provider_id));
      return EXIT_OK;
    }

  return usage_error (_("Unknown keys action “%s”; use set, clear or status"), action);
}

/* main ------------------------------------------------------------------ */

static const struct {
  const char       *name;
  RushesCliCommand  func;
  const char       *summary;
} commands[] = {
  { "models", command_models, N_("List the models and what each offers") },
  { "generate", command_generate, N_("Send a generation and follow it to the end") },
  { "list", command_list, N_("List the tasks in the library") },
  { "show", command_show, N_("Show one task") },
  { "wait", command_wait, N_("Follow unfinished tasks (resume after an interruption)") },
  { "cancel", command_cancel, N_("Cancel a queued or running task") },
  { "export", command_export, N_("Copy a task's video out of the library") },
  { "keys", command_keys, N_("Store, remove or check provider keys") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: rushes-cli COMMAND [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "%s", _("\n“rushes-cli COMMAND --help” describes a command's options.\n"
                           "Exit codes: 0 success, 1 generation failed or cancelled, 2 invalid usage or input,\n"
                           "3 authentication or account problem, 4 provider unreachable or outcome uncertain.\n"));
}

int
main (int   argc,
      char *argv[])
{
  RushesCli cli = { 0 };
  int exit_code;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("rushes-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("rushes-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[1], commands[i].name))
        continue;

      cli.cancellable = g_cancellable_new ();
      cli.sigint_source = g_unix_signal_add (SIGINT, interrupt_cb, &cli);
      cli.sigterm_source = g_unix_signal_add (SIGTERM, interrupt_cb, &cli);

      /* The command sees itself as argv[0], as GOptionContext expects. */
      {
        g_autofree char *prgname = g_strconcat ("rushes-cli ", commands[i].name, NULL);

        g_set_prgname (prgname);
      }
      exit_code = commands[i].func (&cli, argc - 1, argv + 1);
      rushes_cli_clear (&cli);
      return exit_code;
    }

  g_printerr (_("rushes-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
