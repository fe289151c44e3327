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

#define G_LOG_DOMAIN "rushes-cli-generate"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "rushes-cli-private.h"
#include "rushes-cli-progress.h"
#include "rushes-settings-tags.h"

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
  rushes_task_runner_run_async (rushes_engine_get_runner (cli->engine), task, flags, cli->cancellable, run_done_cb, data);
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

/* With no --model: the engine's default, as in the app. */
static RushesModel *
choose_default_model (RushesCli  *cli,
                      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) ready = NULL;
  RushesEngine *engine = rushes_cli_get_engine (cli, error);
  RushesModel *model;

  if (engine == NULL)
    return NULL;

  rushes_engine_list_ready_providers_async (engine, cli->cancellable, rushes_cli_store_result_cb, &result);
  ready = rushes_engine_list_ready_providers_finish (engine, rushes_cli_wait_for (&result), error);
  if (ready == NULL)
    return NULL;

  model = rushes_engine_get_default_model (engine, (const char * const *) ready);
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

/* "live quote from WaveSpeed" and the like, for a sentence. */
static char *
describe_source (const RushesQuote *quote,
                 RushesModel       *model)
{
  const char *provider = rushes_provider_id_get_name (rushes_model_get_provider_id (model));

  switch (quote->source)
    {
    case RUSHES_QUOTE_SOURCE_PROVIDER:
      return g_strdup_printf (_("a live quote from %s"), provider);
    case RUSHES_QUOTE_SOURCE_PRICE_LIST:
      return g_strdup_printf (_("%s's live price list"), provider);
    case RUSHES_QUOTE_SOURCE_CATALOG:
    default:
      return g_strdup (_("an estimate"));
    }
}

/* Prints the quote of every take and their total; nothing is created
 * or sent (but a provider that prices runs is asked). */
static int
print_estimate (RushesCli *cli,
                GPtrArray *takes,
                gboolean   json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_quote_free);
  gboolean all_known = TRUE;
  gboolean all_live = TRUE;
  double total = 0;

  for (guint i = 0; i < takes->len; i++)
    {
      RushesTake *take = g_ptr_array_index (takes, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      RushesQuote *quote;

      rushes_engine_quote_async (cli->engine, take->model, take->params, cli->cancellable,
                                 rushes_cli_store_result_cb, &result);
      quote = rushes_engine_quote_finish (cli->engine, rushes_cli_wait_for (&result), &error);
      if (quote == NULL && !g_error_matches (error, RUSHES_ERROR, RUSHES_ERROR_NOT_FOUND))
        return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? EXIT_INTERRUPTED
                                                                          : rushes_cli_report_error (error);
      g_ptr_array_add (quotes, quote);
      all_known &= quote != NULL;
      all_live &= quote != NULL && quote->live;
      total += quote != NULL ? quote->amount_usd : 0;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "takes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < takes->len; i++)
    {
      RushesTake *take = g_ptr_array_index (takes, i);
      RushesQuote *quote = g_ptr_array_index (quotes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, rushes_model_get_id (take->model));
      json_builder_set_member_name (builder, "seed");
      if (rushes_generation_params_get_value (take->params, RUSHES_CONTROL_SEED) != NULL)
        json_builder_add_string_value (builder, rushes_generation_params_get_value (take->params, RUSHES_CONTROL_SEED));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "estimate_usd");
      if (quote != NULL)
        json_builder_add_double_value (builder, quote->amount_usd);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "live");
      json_builder_add_boolean_value (builder, quote != NULL && quote->live);
      json_builder_set_member_name (builder, "source");
      if (quote != NULL)
        json_builder_add_string_value (builder, rushes_quote_source_to_string (quote->source));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "price_note");
      if (quote != NULL && quote->note != NULL)
        json_builder_add_string_value (builder, quote->note);
      else if (rushes_model_get_price_note (take->model) != NULL)
        json_builder_add_string_value (builder, rushes_model_get_price_note (take->model));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);

      if (!json && takes->len > 1)
        {
          g_autofree char *source = quote != NULL ? describe_source (quote, take->model) : NULL;

          if (quote != NULL)
            g_print (_("Take %u: $%.2f with %s (%s)\n"), i + 1, quote->amount_usd,
                     rushes_model_get_name (take->model), source);
          else
            g_print (_("Take %u: no price known for %s\n"), i + 1, rushes_model_get_name (take->model));
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "estimate_usd");
  if (all_known)
    json_builder_add_double_value (builder, total);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "live");
  json_builder_add_boolean_value (builder, all_live);
  /* One model (the common case): its id and price note, as for one take. */
  {
    RushesTake *first = g_ptr_array_index (takes, 0);
    RushesQuote *quote = g_ptr_array_index (quotes, 0);
    gboolean one_model = TRUE;

    for (guint i = 1; i < takes->len; i++)
      one_model &= ((RushesTake *) g_ptr_array_index (takes, i))->model == first->model;
    json_builder_set_member_name (builder, "model");
    if (one_model)
      json_builder_add_string_value (builder, rushes_model_get_id (first->model));
    else
      json_builder_add_null_value (builder);
    json_builder_set_member_name (builder, "source");
    if (one_model && quote != NULL)
      json_builder_add_string_value (builder, rushes_quote_source_to_string (quote->source));
    else
      json_builder_add_null_value (builder);
    json_builder_set_member_name (builder, "price_note");
    if (one_model && quote != NULL && quote->note != NULL)
      json_builder_add_string_value (builder, quote->note);
    else if (one_model && rushes_model_get_price_note (first->model) != NULL)
      json_builder_add_string_value (builder, rushes_model_get_price_note (first->model));
    else
      json_builder_add_null_value (builder);
  }
  json_builder_end_object (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      rushes_cli_print_json (root);
    }
  else
    {
      RushesTake *first = g_ptr_array_index (takes, 0);
      RushesQuote *quote = g_ptr_array_index (quotes, 0);
      const char *note = quote != NULL && quote->note != NULL ? quote->note : rushes_model_get_price_note (first->model);

      if (takes->len > 1 && all_known)
        g_print (g_dngettext (GETTEXT_PACKAGE, "About $%.2f for %u take in all.\n",
                              "About $%.2f for %u takes in all.\n", takes->len), total, takes->len);
      else if (takes->len > 1)
        g_print (_("At least $%.2f for %u takes: some have no known price.\n"), total, takes->len);
      else if (all_known && quote->live)
        {
          g_autofree char *source = describe_source (quote, first->model);

          g_print (_("$%.2f for %s with these settings: %s.\n"), total, rushes_model_get_name (first->model), source);
        }
      else if (all_known)
        g_print (_("About $%.2f for %s with these settings.\n"), total, rushes_model_get_name (first->model));
      else
        g_print (_("No price is known for %s with these settings.\n"), rushes_model_get_name (first->model));
      if (note != NULL && takes->len == 1)
        g_print (all_known && !quote->live ? _("This is an estimate: %s\n") : "%s\n", note);
    }

  g_printerr (_("Nothing was sent.\n"));
  return EXIT_OK;
}

/* The takes of a shot run side by side, a few at a time per provider:
 * providers limit how many tasks of one account run at once. */
#define MAX_RUNNING_PER_PROVIDER 4

static guint
running_for (FollowData *follows,
             guint       n,
             const char *provider_id)
{
  guint running = 0;

  for (guint i = 0; i < n; i++)
    if (follows[i].task != NULL && !follows[i].done &&
        g_str_equal (rushes_task_get_provider_id (follows[i].task), provider_id))
      running++;
  return running;
}

/* Starts the takes whose provider has room; returns whether all ended. */
static gboolean
run_takes_step (RushesCli      *cli,
                GPtrArray      *tasks,
                FollowData     *follows,
                RushesRunFlags  flags)
{
  gboolean all_done = TRUE;

  for (guint i = 0; i < tasks->len; i++)
    {
      RushesTask *task = g_ptr_array_index (tasks, i);

      if (follows[i].task == NULL &&
          running_for (follows, tasks->len, rushes_task_get_provider_id (task)) < MAX_RUNNING_PER_PROVIDER)
        follow_start (&follows[i], cli, task, flags, tasks->len == 1 && stderr_is_terminal ());
      all_done &= follows[i].done;
    }

  return all_done;
}

/* The model and settings of an earlier take, from the library or from the
 * tags of a file exported by Rushes. */
static gboolean
read_like (RushesCli               *cli,
           const char              *like,
           char                   **model_id,
           RushesGenerationParams **params,
           GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  RushesLibrary *library;
  RushesTask *task;

  if (g_file_test (like, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (like);
      g_autofree char *settings = rushes_media_read_settings (file, &local_error);

      if (settings == NULL || !rushes_settings_parse (settings, model_id, params, &local_error))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s cannot be used with --like: %s"), like, local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  library = rushes_cli_load_library (cli, error);
  if (library == NULL)
    return FALSE;
  task = rushes_library_find (library, like, &local_error);
  if (task == NULL)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("--like takes a task id or a video exported by Rushes: %s"), local_error->message);
      return FALSE;
    }

  *model_id = g_strdup (rushes_task_get_model_id (task));
  *params = rushes_settings_from_task (task);
  return TRUE;
}

/* A local image named by settings from another computer may not be here. */
static void
drop_missing_images (RushesGenerationParams *params)
{
  g_auto(GStrv) dropped = rushes_settings_drop_missing_images (params);

  for (guint i = 0; dropped[i] != NULL; i++)
    g_printerr (_("Note: the image %s is not on this computer; the take goes without it.\n"), dropped[i]);
}

/* A schema's own switch (--set camera_fixed=on) takes what people type
 * for one, as --audio does. */
static void
normalize_switch (GPtrArray   *models,
                  const char  *control,
                  char       **value)
{
  static const char * const yes[] = { "on", "yes", "1", "true", NULL };
  static const char * const no[] = { "off", "no", "0", "false", NULL };
  g_autofree char *lower = g_ascii_strdown (*value, -1);

  g_strstrip (lower);
  for (guint i = 0; i < models->len; i++)
    {
      RushesModel *model = g_ptr_array_index (models, i);

      if (!rushes_model_has_control (model, control) ||
          rushes_model_get_control_kind (model, control) != RUSHES_CONTROL_KIND_BOOLEAN)
        continue;
      if (g_strv_contains (yes, lower) || g_strv_contains (no, lower))
        {
          g_free (*value);
          *value = g_strdup (g_strv_contains (yes, lower) ? "true" : "false");
        }
      return;
    }
}

int
rushes_cli_command_generate (RushesCli  *cli,
                             int         argc,
                             char      **argv)
{
  g_auto(GStrv) model_ids = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *image = NULL;
  g_autofree char *end_image = NULL;
  g_autofree char *aspect_ratio = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *resolution = NULL;
  g_autofree char *negative_prompt = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *like = NULL;
  g_auto(GStrv) settings = NULL;
  gboolean audio = FALSE;
  gboolean no_audio = FALSE;
  gboolean estimate = FALSE;
  gboolean detach = FALSE;
  gboolean json = FALSE;
  gboolean over_budget = FALSE;
  gboolean keep_seed = FALSE;
  int variations = 1;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &model_ids, N_("Catalog id of the model (see “rushes-cli models”); repeat it to fan out over several models; without it, the first model of a provider with a key, else the offline preview"), N_("ID") },
    { "prompt", 'p', 0, G_OPTION_ARG_STRING, &prompt, N_("What the video shows"), N_("TEXT") },
    { "image", 'i', 0, G_OPTION_ARG_STRING, &image, N_("Start image: a JPEG, PNG or WebP file, or its URL"), N_("PATH|URL") },
    { "end-image", 0, 0, G_OPTION_ARG_STRING, &end_image, N_("Last frame, for models that take one: a file or its URL"), N_("PATH|URL") },
    { "aspect-ratio", 'a', 0, G_OPTION_ARG_STRING, &aspect_ratio, N_("16:9, 9:16, 1:1 or auto, as the model offers"), N_("RATIO") },
    { "duration", 'd', 0, G_OPTION_ARG_STRING, &duration, N_("Length in seconds, as the model offers"), N_("SECONDS") },
    { "resolution", 'r', 0, G_OPTION_ARG_STRING, &resolution, N_("480p, 720p or 1080p, as the model offers"), N_("RES") },
    { "audio", 0, 0, G_OPTION_ARG_NONE, &audio, N_("Generate sound, for models that can choose"), NULL },
    { "no-audio", 0, 0, G_OPTION_ARG_NONE, &no_audio, N_("Generate no sound, for models that can choose"), NULL },
    { "negative-prompt", 0, 0, G_OPTION_ARG_STRING, &negative_prompt, N_("What the video should not show, for models that take it"), N_("TEXT") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("A whole number that makes a result repeatable, for models that take one (the takes of --variations count up from it)"), N_("N") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings, N_("Another setting the model lists under “models”, e.g. quality=fast (repeatable)"), N_("NAME=VALUE") },
    { "variations", 'n', 0, G_OPTION_ARG_INT, &variations, N_("Takes per model, each with its own seed (1 to 8 takes in all)"), N_("N") },
    { "like", 0, 0, G_OPTION_ARG_STRING, &like, N_("Start from the model and settings of a task, or of a video Rushes exported; any option given overrides them"), N_("ID|FILE.mp4") },
    { "keep-seed", 0, 0, G_OPTION_ARG_NONE, &keep_seed, N_("With --like, keep its seed instead of drawing a new one"), NULL },
    { "estimate", 0, 0, G_OPTION_ARG_NONE, &estimate, N_("Print what it would cost (the provider's live price where it gives one) and send nothing"), NULL },
    { "detach", 0, 0, G_OPTION_ARG_NONE, &detach, N_("Return once the provider accepted the tasks"), NULL },
    { "allow-over-budget", 0, 0, G_OPTION_ARG_NONE, &over_budget, N_("Send it even if it passes a budget, on purpose"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the task record (an array of them for several takes) or the estimate as JSON"), NULL },
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
  g_autoptr(GPtrArray) models = g_ptr_array_new ();
  g_autoptr(GPtrArray) takes = NULL;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree FollowData *follows = NULL;
  g_autofree char *like_model = NULL;
  g_autofree RushesModel **take_models = NULL;
  g_autofree RushesGenerationParams **take_params = NULL;
  RushesRunFlags flags;
  RushesLibrary *library;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Send a generation, follow it and download the video into the library.\n"
                                  "Several --model and --variations make one shot of several takes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return rushes_cli_usage_error (_("Unexpected argument “%s”; quote the prompt: --prompt \"…\""), argv[1]);
  if (audio && no_audio)
    return rushes_cli_usage_error (_("Give --audio or --no-audio, not both"));
  if (variations < 1 || variations > RUSHES_SHOT_MAX_TAKES)
    return rushes_cli_usage_error (_("--variations takes 1 to %d"), RUSHES_SHOT_MAX_TAKES);
  if (keep_seed && like == NULL)
    return rushes_cli_usage_error (_("--keep-seed goes with --like"));

  if (rushes_cli_get_engine (cli, &error) == NULL)
    return rushes_cli_report_error (error);

  if (like != NULL)
    {
      if (!read_like (cli, like, &like_model, &params, &error))
        return rushes_cli_report_error (error);
      if (!keep_seed && seed == NULL)
        rushes_generation_params_set_value (params, RUSHES_CONTROL_SEED, NULL, NULL);
      drop_missing_images (params);
    }
  else
    {
      params = rushes_generation_params_new ();
    }

  for (guint i = 0; model_ids != NULL && model_ids[i] != NULL; i++)
    {
      RushesModel *model = rushes_model_catalog_find (rushes_engine_get_catalog (cli->engine), model_ids[i], &error);

      if (model == NULL)
        return rushes_cli_report_error (error);
      g_ptr_array_add (models, model);
    }
  if (models->len == 0 && like_model != NULL)
    {
      RushesModel *model = rushes_model_catalog_find (rushes_engine_get_catalog (cli->engine), like_model, &error);

      if (model == NULL)
        return rushes_cli_report_error (error);
      g_ptr_array_add (models, model);
    }
  if (models->len == 0)
    {
      RushesModel *model = choose_default_model (cli, &error);

      if (model == NULL)
        return rushes_cli_report_error (error);
      g_ptr_array_add (models, model);
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (*values[i].value != NULL &&
          !rushes_generation_params_set_value (params, values[i].control, *values[i].value, &error))
        return rushes_cli_report_error (error);
    }
  if ((audio || no_audio) &&
      !rushes_generation_params_set_value (params, RUSHES_CONTROL_AUDIO, audio ? "true" : "false", &error))
    return rushes_cli_report_error (error);
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (settings[i], "=", 2);

      if (pair[0] == NULL || pair[1] == NULL || *g_strstrip (pair[0]) == '\0')
        return rushes_cli_usage_error (_("--set takes NAME=VALUE, not “%s”"), settings[i]);
      normalize_switch (models, pair[0], &pair[1]);
      if (!rushes_generation_params_set_value (params, pair[0], pair[1], &error))
        return rushes_cli_report_error (error);
    }

  /* Every take is planned and checked before anything is created or sent. */
  takes = rushes_shot_plan ((RushesModel **) models->pdata, models->len, params, variations, &error);
  if (takes == NULL)
    return rushes_cli_report_error (error);

  if (estimate)
    return print_estimate (cli, takes, json);

  take_models = g_new0 (RushesModel *, takes->len);
  take_params = g_new0 (RushesGenerationParams *, takes->len);
  for (guint i = 0; i < takes->len; i++)
    {
      RushesTake *take = g_ptr_array_index (takes, i);

      take_models[i] = take->model;
      take_params[i] = take->params;
      if (i > 0 && take->model == take_models[i - 1])
        continue;
      if (rushes_model_get_retired (take->model))
        g_printerr (_("Note: %s\n"), rushes_model_get_retired_note (take->model) != NULL
                                       ? rushes_model_get_retired_note (take->model)
                                       : _("this model was retired upstream; the provider may refuse it."));
      if (!rushes_cli_check_credentials (cli, rushes_model_get_provider_id (take->model), &error))
        return rushes_cli_report_error (error);
    }

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  /* The same rule as the app's, for the whole shot, before anything is
   * created or sent, with a live quote where the provider gives one. */
  if (!over_budget)
    {
      g_autoptr(GAsyncResult) result = NULL;

      rushes_engine_check_budget_async (cli->engine, take_models, take_params, takes->len, cli->cancellable,
                                        rushes_cli_store_result_cb, &result);
      if (!rushes_engine_check_budget_finish (cli->engine, rushes_cli_wait_for (&result), &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            return EXIT_INTERRUPTED;
          g_printerr ("rushes-cli: %s\n", error->message);
          g_printerr (_("Use --allow-over-budget to send it anyway, or change the budget with “rushes-cli budget”.\n"));
          return EXIT_USAGE;
        }
    }

  for (guint i = 0; i < takes->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      RushesTask *task;

      rushes_library_create_take_async (library, take_models[i], take_params[i],
                                        i > 0 ? rushes_task_get_shot (g_ptr_array_index (tasks, 0)) : NULL,
                                        cli->cancellable, rushes_cli_store_result_cb, &result);
      task = rushes_library_create_task_finish (library, rushes_cli_wait_for (&result), &error);
      if (task == NULL)
        {
          if (tasks->len > 0)
            g_printerr (_("rushes-cli: take %u cannot be created; the takes before it go on.\n"), i + 1);
          else
            return rushes_cli_report_error (error);
          exit_code = rushes_cli_report_error (error);
          g_clear_error (&error);
          break;
        }
      g_ptr_array_add (tasks, task);
    }

  flags = (detach ? RUSHES_RUN_FLAGS_DETACH : RUSHES_RUN_FLAGS_NONE) |
          (over_budget ? RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET : RUSHES_RUN_FLAGS_NONE);
  follows = g_new0 (FollowData, tasks->len);
  while (!run_takes_step (cli, tasks, follows, flags))
    g_main_context_iteration (NULL, TRUE);

  /* The first failure decides; one take's failure stops no other. */
  for (guint i = 0; i < tasks->len; i++)
    {
      int code = follow_report (&follows[i]);

      if (exit_code == EXIT_OK)
        exit_code = code;
      if (!json && code == EXIT_OK)
        g_print ("%s\n", rushes_task_get_id (g_ptr_array_index (tasks, i)));
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      if (tasks->len == 1)
        root = rushes_task_to_json (g_ptr_array_index (tasks, 0));
      else
        {
          g_autoptr(JsonArray) records = json_array_new ();

          for (guint i = 0; i < tasks->len; i++)
            json_array_add_element (records, rushes_task_to_json (g_ptr_array_index (tasks, i)));
          root = json_node_new (JSON_NODE_ARRAY);
          json_node_set_array (root, records);
        }
      rushes_cli_print_json (root);
    }

  for (guint i = 0; i < tasks->len; i++)
    follow_data_clear (&follows[i]);
  return exit_code;
}

int
rushes_cli_command_wait (RushesCli  *cli,
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
  RushesLibrary *library;
  gboolean all_done;
  int exit_code = EXIT_OK;

  g_option_context_set_summary (context,
                                _("Follow unfinished tasks to their end and download their videos.\n"
                                  "Without an ID, every unfinished task in the library: this is how\n"
                                  "an interrupted “generate” resumes. Nothing is sent twice."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rushes_cli_parse_options (context, &argc, &argv, &exit_code))
    return exit_code;

  library = rushes_cli_load_library (cli, &error);
  if (library == NULL)
    return rushes_cli_report_error (error);

  if (argc > 1)
    {
      tasks = g_ptr_array_new_with_free_func (g_object_unref);
      for (int i = 1; i < argc; i++)
        {
          RushesTask *task = rushes_library_find (library, argv[i], &error);

          if (task == NULL)
            return rushes_cli_report_error (error);
          g_ptr_array_add (tasks, g_object_ref (task));
        }
    }
  else
    {
      tasks = rushes_library_list_unfinished (library);
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
      rushes_cli_print_json (node);
    }

  return exit_code;
}
