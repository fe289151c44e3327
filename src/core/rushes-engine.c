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

#define G_LOG_DOMAIN "rushes-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-engine.h"
#include "rushes-error.h"
#include "rushes-provider.h"

/**
 * RushesEngine:
 *
 * The one object the app and rushes-cli both create: the catalog, the
 * library, the task runner, the secret store and the configuration, and
 * the policies that must not differ between them — which key a provider
 * is used with, and which model a new generation starts with.
 *
 * Providers must be registered (rushes_providers_register_builtin())
 * before an engine is made: its catalog refuses entries of unknown
 * providers.
 */

struct _RushesEngine
{
  GObject             parent_instance;

  /* Owned */
  RushesConfig       *config;
  RushesSecretStore  *secrets;
  GSettings          *settings;   /* nullable: no schema installed */
  RushesLibrary      *library;
  RushesModelCatalog *catalog;
  RushesTaskRunner   *runner;
  RushesBalances     *balances;
  RushesReelStore    *reels;      /* made on first use */
  GHashTable         *following;           /* task id → RushesTask */
  GCancellable       *follow_cancellable;
  GCancellable       *catalog_cancellable; /* the refresh under way */
  GPtrArray          *catalog_results;     /* RushesCatalogRefresh of the last refresh */
};

typedef struct
{
  GStrvBuilder *ready;
  guint         next;
} ReadyData;

static void
ready_data_free (ReadyData *data)
{
  g_strv_builder_unref (data->ready);
  g_free (data);
}

G_DEFINE_FINAL_TYPE (RushesEngine, rushes_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_SECRET_STORE,
  PROP_SETTINGS,
  PROP_LIBRARY,
  PROP_CATALOG,
  PROP_N_FOLLOWING,
  PROP_CATALOG_REFRESHING,
  N_PROPS
};

enum {
  TASK_ENDED,
  RECORD_ERROR,
  CATALOG_REFRESHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void ready_next (GTask *task);

static void
ready_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadyData *data = g_task_get_task_data (task);
  const char *provider_id = rushes_provider_list_ids ()[data->next];
  g_autoptr(RushesCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = rushes_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* No key, or a keyring that cannot be read, only means this provider
   * is not ready. */
  if (credentials != NULL)
    g_strv_builder_add (data->ready, provider_id);
  else
    g_debug ("%s is not ready: %s", provider_id, error->message);

  data->next++;
  ready_next (g_steal_pointer (&task));
}

static void
ready_next (GTask *task)
{
  RushesEngine *self = g_task_get_source_object (task);
  ReadyData *data = g_task_get_task_data (task);
  const char * const *ids = rushes_provider_list_ids ();

  for (; ids[data->next] != NULL; data->next++)
    {
      if (!rushes_provider_id_needs_key (ids[data->next]))
        continue;

      rushes_credentials_lookup_async (self->config, self->secrets, ids[data->next],
                                       g_task_get_cancellable (task), ready_lookup_cb, task);
      return;
    }

  /* Providers that need no key come last: they are the fallback. */
  for (guint i = 0; ids[i] != NULL; i++)
    if (!rushes_provider_id_needs_key (ids[i]))
      g_strv_builder_add (data->ready, ids[i]);

  g_task_return_pointer (task, g_strv_builder_end (data->ready), (GDestroyNotify) g_strfreev);
  g_object_unref (task);
}

typedef struct
{
  RushesEngine *self;
  RushesTask   *task;
} FollowData;

static void
follow_data_free (FollowData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->task);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowData, follow_data_free)

static void
follow_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FollowData) data = user_data;
  RushesEngine *self = data->self;
  g_autoptr(GError) error = NULL;

  rushes_task_runner_run_finish (RUSHES_TASK_RUNNER (object), result, &error);

  /* No longer followed by the time anyone hears of its end: a handler
   * may follow the next one. */
  if (self->following != NULL &&
      g_hash_table_remove (self->following, rushes_task_get_id (data->task)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FOLLOWING]);

  /* Stopping to follow is not an end: the task goes on upstream and is
   * picked up again at the next start. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[TASK_ENDED], 0, data->task, error);
}

static void
record_error_cb (RushesEngine *self,
                 RushesTask   *task,
                 const GError *error)
{
  g_signal_emit (self, signals[RECORD_ERROR], 0, task, error);
}

static void
budget_check_cb (RushesTask          *task,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             callback_data)
{
  RushesEngine *self = user_data;
  RushesModel *model = rushes_model_catalog_lookup (self->catalog, rushes_task_get_model_id (task));
  RushesGenerationParams *params = rushes_task_get_params (task);

  /* A model gone from the catalog fails later, with its own reason: it
   * counts as nothing here. */
  rushes_engine_check_budget_async (self, &model, &params, model != NULL ? 1 : 0, cancellable,
                                    callback, callback_data);
}

static gboolean
budget_check_finish_cb (GAsyncResult  *result,
                        gpointer       user_data,
                        GError       **error)
{
  return rushes_engine_check_budget_finish (RUSHES_ENGINE (user_data), result, error);
}

static void
rushes_engine_constructed (GObject *object)
{
  RushesEngine *self = RUSHES_ENGINE (object);

  G_OBJECT_CLASS (rushes_engine_parent_class)->constructed (object);

  g_assert (RUSHES_IS_SECRET_STORE (self->secrets));

  if (self->config == NULL)
    self->config = rushes_config_new ();
  if (self->catalog == NULL)
    {
      /* From the cache: nothing waits on the network at start. */
      self->catalog = rushes_model_catalog_new ();
      rushes_model_catalog_set_debug (self->catalog, rushes_config_get_debug_catalog (self->config));
      rushes_model_catalog_load_default (self->catalog);
    }
  if (self->library == NULL)
    self->library = rushes_library_new (NULL);

  self->runner = rushes_task_runner_new (self->library, self->catalog, self->secrets, self->config);
  g_signal_connect_object (self->runner, "record-error", G_CALLBACK (record_error_cb), self, G_CONNECT_SWAPPED);
  /* The runner lives no longer than the engine (dispose drops it first). */
  rushes_task_runner_set_budget_check (self->runner, budget_check_cb, budget_check_finish_cb, self);
  self->balances = rushes_balances_new (self->config, self->secrets, rushes_task_runner_get_http (self->runner));
  self->following = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->follow_cancellable = g_cancellable_new ();
}

static void
rushes_engine_dispose (GObject *object)
{
  RushesEngine *self = RUSHES_ENGINE (object);

  if (self->follow_cancellable != NULL)
    g_cancellable_cancel (self->follow_cancellable);
  g_clear_object (&self->follow_cancellable);
  g_clear_pointer (&self->following, g_hash_table_unref);
  if (self->catalog_cancellable != NULL)
    g_cancellable_cancel (self->catalog_cancellable);
  g_clear_pointer (&self->catalog_results, g_ptr_array_unref);
  if (self->balances != NULL)
    g_object_run_dispose (G_OBJECT (self->balances));
  g_clear_object (&self->balances);
  g_clear_object (&self->runner);
  g_clear_object (&self->reels);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_object (&self->secrets);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (rushes_engine_parent_class)->dispose (object);
}

static void
rushes_engine_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RushesEngine *self = RUSHES_ENGINE (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secrets);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_CATALOG_REFRESHING:
      g_value_set_boolean (value, self->catalog_cancellable != NULL);
      break;

    case PROP_N_FOLLOWING:
      g_value_set_uint (value, rushes_engine_get_n_following (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_engine_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RushesEngine *self = RUSHES_ENGINE (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    case PROP_SECRET_STORE:
      self->secrets = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_engine_class_init (RushesEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rushes_engine_constructed;
  object_class->dispose = rushes_engine_dispose;
  object_class->get_property = rushes_engine_get_property;
  object_class->set_property = rushes_engine_set_property;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, RUSHES_TYPE_CONFIG, flags);
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL, RUSHES_TYPE_SECRET_STORE, flags);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, flags);
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, RUSHES_TYPE_LIBRARY, flags);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RUSHES_TYPE_MODEL_CATALOG, flags);

  properties[PROP_N_FOLLOWING] =
    g_param_spec_uint ("n-following", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CATALOG_REFRESHING] =
    g_param_spec_boolean ("catalog-refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesEngine::catalog-refreshed:
   * @self: the engine
   *
   * A refresh started with rushes_engine_refresh_catalog() ended:
   * rushes_engine_get_catalog_refresh_results() says how each provider
   * fared.
   */
  signals[CATALOG_REFRESHED] =
    g_signal_new ("catalog-refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * RushesEngine::task-ended:
   * @self: the engine
   * @task: a task followed with rushes_engine_follow()
   * @error: (nullable): why it did not succeed
   *
   * A followed task reached its end, or following it failed (a provider
   * out of reach keeps the task, which can be followed again).
   */
  signals[TASK_ENDED] =
    g_signal_new ("task-ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RUSHES_TYPE_TASK, G_TYPE_ERROR);

  /**
   * RushesEngine::record-error:
   * @self: the engine
   * @task: the task whose record could not be written
   * @error: why (for a submitted task, with its remote id)
   *
   * Forwards #RushesTaskRunner::record-error: the app and the CLI tell
   * the user at once.
   */
  signals[RECORD_ERROR] =
    g_signal_new ("record-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RUSHES_TYPE_TASK, G_TYPE_ERROR);
}

static void
rushes_engine_init (RushesEngine *self)
{
}

/**
 * rushes_engine_new_settings:
 *
 * The app's settings, which rushes-cli shares (the default model, later
 * budgets).
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when the
 *   schema is not installed (a build tree run without
 *   GSETTINGS_SCHEMA_DIR): the engine then goes by its defaults
 */
GSettings *
rushes_engine_new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID_BASE, TRUE);
  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed", APPLICATION_ID_BASE);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * rushes_engine_new:
 * @config: (nullable): endpoints and environment overrides
 * @secrets: where keys live
 * @settings: (nullable): the app's settings (rushes_engine_new_settings())
 *
 * Returns: (transfer full): an engine over the user's library and the
 *   default catalog
 */
RushesEngine *
rushes_engine_new (RushesConfig      *config,
                   RushesSecretStore *secrets,
                   GSettings         *settings)
{
  return rushes_engine_new_full (config, secrets, settings, NULL, NULL);
}

/**
 * rushes_engine_new_full:
 * @library: (nullable): the library; the user's by default
 * @catalog: (nullable): the catalog; the default one by default
 *
 * Returns: (transfer full): a new engine
 */
RushesEngine *
rushes_engine_new_full (RushesConfig       *config,
                        RushesSecretStore  *secrets,
                        GSettings          *settings,
                        RushesLibrary      *library,
                        RushesModelCatalog *catalog)
{
  g_return_val_if_fail (!config || RUSHES_IS_CONFIG (config), NULL);
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (secrets), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!library || RUSHES_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (!catalog || RUSHES_IS_MODEL_CATALOG (catalog), NULL);

  return g_object_new (RUSHES_TYPE_ENGINE,
                       "config", config,
                       "secret-store", secrets,
                       "settings", settings,
                       "library", library,
                       "catalog", catalog,
                       NULL);
}

RushesConfig *
rushes_engine_get_config (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->config;
}

RushesSecretStore *
rushes_engine_get_secret_store (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->secrets;
}

/**
 * rushes_engine_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, if the schema is installed
 */
GSettings *
rushes_engine_get_settings (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->settings;
}

RushesLibrary *
rushes_engine_get_library (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->library;
}

/**
 * rushes_engine_get_reel_store:
 *
 * Returns: (transfer none): the reels of the user's library, in
 *   `$XDG_DATA_HOME/rushes/reels/`, the same for the app and rushes-cli
 */
RushesReelStore *
rushes_engine_get_reel_store (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  if (self->reels == NULL)
    self->reels = rushes_reel_store_new (NULL);

  return self->reels;
}

RushesModelCatalog *
rushes_engine_get_catalog (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->catalog;
}

RushesTaskRunner *
rushes_engine_get_runner (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->runner;
}

RushesHttp *
rushes_engine_get_http (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return rushes_task_runner_get_http (self->runner);
}

/* Refreshing the catalog ------------------------------------------------- */

static void
catalog_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RushesEngine) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = rushes_engine_refresh_catalog_finish (self, result, &error);
  g_clear_object (&self->catalog_cancellable);
  if (results == NULL)
    return;

  g_clear_pointer (&self->catalog_results, g_ptr_array_unref);
  self->catalog_results = g_steal_pointer (&results);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_REFRESHING]);
  g_signal_emit (self, signals[CATALOG_REFRESHED], 0);
}

/**
 * rushes_engine_refresh_catalog:
 *
 * rushes_engine_refresh_catalog_async() for the app's views: one refresh
 * at a time, whoever asks (the model pickers, the daily refresh), with
 * #RushesEngine:catalog-refreshing while it runs and
 * #RushesEngine::catalog-refreshed when it ends.
 */
void
rushes_engine_refresh_catalog (RushesEngine *self)
{
  g_return_if_fail (RUSHES_IS_ENGINE (self));

  if (self->catalog_cancellable != NULL)
    return;

  self->catalog_cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_REFRESHING]);
  rushes_engine_refresh_catalog_async (self, self->catalog_cancellable, catalog_refreshed_cb, g_object_ref (self));
}

gboolean
rushes_engine_get_catalog_refreshing (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), FALSE);

  return self->catalog_cancellable != NULL;
}

/**
 * rushes_engine_get_catalog_refresh_results:
 *
 * Returns: (transfer none) (nullable) (element-type RushesCatalogRefresh):
 *   how each provider fared in the last rushes_engine_refresh_catalog(),
 *   or %NULL before one ended
 */
GPtrArray *
rushes_engine_get_catalog_refresh_results (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->catalog_results;
}

/**
 * rushes_engine_get_balances:
 *
 * Returns: (transfer none): what is left on each account with a key
 */
RushesBalances *
rushes_engine_get_balances (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return self->balances;
}

/**
 * rushes_engine_lookup_credentials_async:
 *
 * The key (and secret) the engine signs @provider_id's requests with:
 * see rushes_credentials_lookup_async().
 */
void
rushes_engine_lookup_credentials_async (RushesEngine        *self,
                                        const char          *provider_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (RUSHES_IS_ENGINE (self));
  g_return_if_fail (provider_id != NULL);

  rushes_credentials_lookup_async (self->config, self->secrets, provider_id,
                                   cancellable, callback, user_data);
}

/**
 * rushes_engine_lookup_credentials_finish:
 *
 * Returns: (transfer full): the credentials, or %NULL with an error
 */
RushesCredentials *
rushes_engine_lookup_credentials_finish (RushesEngine  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);

  return rushes_credentials_lookup_finish (result, error);
}

/**
 * rushes_engine_list_ready_providers_async:
 *
 * Finds the providers Rushes can use now: those with a usable API key,
 * in rushes_provider_list_ids() order, then those that need none (the
 * offline Sandbox). Pass the result to rushes_engine_get_default_model().
 */
void
rushes_engine_list_ready_providers_async (RushesEngine        *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  ReadyData *data;

  g_return_if_fail (RUSHES_IS_ENGINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_engine_list_ready_providers_async);

  data = g_new0 (ReadyData, 1);
  data->ready = g_strv_builder_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) ready_data_free);

  ready_next (task);
}

/**
 * rushes_engine_list_ready_providers_finish:
 *
 * Returns: (transfer full): the ids of the usable providers, in order of
 *   preference; %NULL only with an error (%G_IO_ERROR_CANCELLED)
 */
char **
rushes_engine_list_ready_providers_finish (RushesEngine  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rushes_engine_follow:
 * @self: a #RushesEngine
 * @task: a task of the library
 *
 * Follows @task to its end (submitting it first if it is a draft) until
 * rushes_engine_stop_following(); #RushesEngine::task-ended says how it
 * ended. A task already followed is left as it is.
 */
void
rushes_engine_follow (RushesEngine *self,
                      RushesTask   *task)
{
  rushes_engine_follow_full (self, task, RUSHES_RUN_FLAGS_NONE);
}

/**
 * rushes_engine_follow_full:
 * @flags: %RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET for a run the user chose
 *   to send although it passes a budget
 *
 * rushes_engine_follow() with run flags.
 */
void
rushes_engine_follow_full (RushesEngine   *self,
                           RushesTask     *task,
                           RushesRunFlags  flags)
{
  FollowData *data;

  g_return_if_fail (RUSHES_IS_ENGINE (self));
  g_return_if_fail (RUSHES_IS_TASK (task));

  if (g_cancellable_is_cancelled (self->follow_cancellable) ||
      g_hash_table_contains (self->following, rushes_task_get_id (task)))
    return;

  g_hash_table_insert (self->following, g_strdup (rushes_task_get_id (task)), g_object_ref (task));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FOLLOWING]);

  data = g_new0 (FollowData, 1);
  data->self = g_object_ref (self);
  data->task = g_object_ref (task);
  rushes_task_runner_run_async (self->runner, task, flags & ~RUSHES_RUN_FLAGS_DETACH,
                                self->follow_cancellable, follow_done_cb, data);
}

/* Sending a shot ----------------------------------------------------------- */

typedef struct
{
  GPtrArray      *takes;    /* RushesTake */
  GPtrArray      *tasks;    /* RushesTask, created so far */
  char           *shot;     /* an existing shot the takes join, or NULL */
  RushesRunFlags  flags;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_pointer (&data->shot, g_free);
  g_clear_pointer (&data->takes, g_ptr_array_unref);
  g_clear_pointer (&data->tasks, g_ptr_array_unref);
  g_free (data);
}

static void send_next (GTask *task);

static void
take_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RushesEngine *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(RushesTask) created = NULL;
  g_autoptr(GError) error = NULL;

  created = rushes_library_create_task_finish (RUSHES_LIBRARY (object), result, &error);
  if (created == NULL)
    {
      /* The takes created before go on: each is its own paid run. */
      if (data->tasks->len > 0)
        g_prefix_error (&error,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Only %u take of the shot was sent: ",
                                     "Only %u takes of the shot were sent: ", data->tasks->len),
                        data->tasks->len);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (data->tasks, g_object_ref (created));
  rushes_engine_follow_full (self, created, data->flags);
  send_next (g_steal_pointer (&task));
}

static void
send_next (GTask *task)
{
  RushesEngine *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  RushesTake *take;

  if (data->tasks->len == data->takes->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->tasks), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  /* Every take of one Generate is one shot: the first take names it,
   * unless they join a shot made before. */
  take = g_ptr_array_index (data->takes, data->tasks->len);
  rushes_library_create_take_async (self->library, take->model, take->params,
                                    data->tasks->len > 0
                                      ? rushes_task_get_shot (g_ptr_array_index (data->tasks, 0))
                                      : data->shot,
                                    g_task_get_cancellable (task), take_created_cb, task);
}

static void
send_budget_checked_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!rushes_engine_check_budget_finish (RUSHES_ENGINE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  send_next (task);
}

/**
 * rushes_engine_send_async:
 * @takes: (element-type RushesTake): a shot planned with rushes_shot_plan()
 * @flags: %RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET when the user chose to pass
 *   a budget
 *
 * Sends a shot: checks its takes against the budgets as a whole (each at
 * its live quote where the provider gives one, rushes_engine_quote_async()), then
 * creates a task for each take in one shot and follows it. Nothing is
 * created when the shot passes a budget: the error has
 * rushes_error_get_budget() set, and the same takes can be sent again
 * with %RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET.
 */
void
rushes_engine_send_async (RushesEngine        *self,
                          GPtrArray           *takes,
                          RushesRunFlags       flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  rushes_engine_send_to_shot_async (self, takes, NULL, flags, cancellable, callback, user_data);
}

/**
 * rushes_engine_send_to_shot_async:
 * @takes: (element-type RushesTake): takes planned with rushes_shot_plan()
 * @shot: (nullable): the id of a shot the takes join (another take of a
 *   clip, made again), or %NULL for a new shot
 * @flags: as for rushes_engine_send_async()
 *
 * rushes_engine_send_async(), the takes joining @shot; finished with
 * rushes_engine_send_finish().
 */
void
rushes_engine_send_to_shot_async (RushesEngine        *self,
                                  GPtrArray           *takes,
                                  const char          *shot,
                                  RushesRunFlags       flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree RushesModel **models = NULL;
  g_autofree RushesGenerationParams **params = NULL;
  GTask *task;
  SendData *data;

  g_return_if_fail (RUSHES_IS_ENGINE (self));
  g_return_if_fail (takes != NULL && takes->len > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_engine_send_async);

  data = g_new0 (SendData, 1);
  data->takes = g_ptr_array_ref (takes);
  data->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  data->shot = g_strdup (shot);
  data->flags = flags & ~RUSHES_RUN_FLAGS_DETACH;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (flags & RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET)
    {
      send_next (task);
      return;
    }

  /* The shot as a whole against the budgets, each take at its live quote
   * where the provider gives one. */
  models = g_new0 (RushesModel *, takes->len);
  params = g_new0 (RushesGenerationParams *, takes->len);
  for (guint i = 0; i < takes->len; i++)
    {
      RushesTake *take = g_ptr_array_index (takes, i);

      models[i] = take->model;
      params[i] = take->params;
    }
  rushes_engine_check_budget_async (self, models, params, takes->len, cancellable, send_budget_checked_cb, task);
}

/**
 * rushes_engine_send_finish:
 *
 * Returns: (transfer full) (element-type RushesTask): the tasks created
 *   and followed, one per take
 */
GPtrArray *
rushes_engine_send_finish (RushesEngine  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rushes_engine_get_n_following:
 *
 * Returns: how many tasks the engine is following
 */
guint
rushes_engine_get_n_following (RushesEngine *self)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), 0);

  return self->following != NULL ? g_hash_table_size (self->following) : 0;
}

gboolean
rushes_engine_is_following (RushesEngine *self,
                            RushesTask   *task)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_TASK (task), FALSE);

  return self->following != NULL && g_hash_table_contains (self->following, rushes_task_get_id (task));
}

/**
 * rushes_engine_stop_following:
 *
 * Stops following every task (at quit): they go on at their providers
 * and are picked up again at the next start. Later calls to
 * rushes_engine_follow() do nothing.
 */
void
rushes_engine_stop_following (RushesEngine *self)
{
  g_return_if_fail (RUSHES_IS_ENGINE (self));

  g_cancellable_cancel (self->follow_cancellable);
}

/**
 * rushes_engine_estimate_cost:
 * @cost_usd: (out): the estimate in USD
 *
 * What a run would cost: the catalog's price hints.
 *
 * Returns: %TRUE when a price is known
 */
gboolean
rushes_engine_estimate_cost (RushesEngine           *self,
                             RushesModel            *model,
                             RushesGenerationParams *params,
                             double                 *cost_usd)
{
  g_return_val_if_fail (RUSHES_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (RUSHES_IS_MODEL (model), FALSE);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), FALSE);
  g_return_val_if_fail (cost_usd != NULL, FALSE);

  return rushes_model_estimate_cost (model, params, cost_usd);
}

/**
 * rushes_engine_get_budget:
 * @budget: (out caller-allocates): the user's budgets (none without settings)
 */
void
rushes_engine_get_budget (RushesEngine *self,
                          RushesBudget *budget)
{
  g_return_if_fail (RUSHES_IS_ENGINE (self));

  rushes_budget_load (budget, self->settings);
}

/**
 * rushes_engine_check_budget:
 * @models: (array length=n_runs): the model of each run about to be sent
 * @params: (array length=n_runs): what each run asks for
 *
 * Checks runs about to be sent, together (a fan-out of takes is one
 * decision), against the user's budgets: rushes_budget_check() with each
 * run's estimate. A run without a known price counts as nothing.
 *
 * Returns: %TRUE when they fit; else a %RUSHES_ERROR_INVALID_INPUT with
 *   rushes_error_get_budget() set
 */
static double *
estimate_runs (RushesEngine            *self,
               RushesModel            **models,
               RushesGenerationParams **params,
               guint                    n_runs)
{
  double *estimates = g_new0 (double, n_runs);

  /* A run without a known price counts as nothing. */
  for (guint i = 0; i < n_runs; i++)
    if (!rushes_engine_estimate_cost (self, models[i], params[i], &estimates[i]))
      estimates[i] = 0;

  return estimates;
}

gboolean
rushes_engine_check_budget (RushesEngine            *self,
                            RushesModel            **models,
                            RushesGenerationParams **params,
                            guint                    n_runs,
                            GError                 **error)
{
  g_autofree double *estimates = NULL;
  RushesBudget budget;

  g_return_val_if_fail (RUSHES_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (models != NULL && params != NULL, FALSE);

  rushes_budget_load (&budget, self->settings);
  if (!rushes_budget_is_set (&budget))
    return TRUE;

  estimates = estimate_runs (self, models, params, n_runs);
  return rushes_budget_check (&budget, G_LIST_MODEL (self->library), self->catalog, estimates, n_runs,
                              NULL, NULL, error);
}

/**
 * rushes_engine_measure_budget:
 * @estimates: (array length=n_runs): what each run about to be sent would
 *   cost (a live quote where the caller has one)
 * @use: (out caller-allocates): the budget they would use most of
 *
 * How close runs about to be sent come to a budget, for a warning before
 * a check refuses them.
 *
 * Returns: %FALSE when no budget is set
 */
gboolean
rushes_engine_measure_budget (RushesEngine    *self,
                              const double    *estimates,
                              guint            n_runs,
                              RushesBudgetUse *use)
{
  RushesBudget budget;

  g_return_val_if_fail (RUSHES_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (estimates != NULL || n_runs == 0, FALSE);
  g_return_val_if_fail (use != NULL, FALSE);

  rushes_budget_load (&budget, self->settings);
  if (!rushes_budget_is_set (&budget))
    return FALSE;

  return rushes_budget_measure (&budget, G_LIST_MODEL (self->library), self->catalog, estimates, n_runs,
                                NULL, NULL, use);
}

/**
 * rushes_engine_get_default_model:
 * @ready_providers: the providers that can be used now
 *   (rushes_engine_list_ready_providers_finish())
 *
 * The model a new generation starts with, in the app and in rushes-cli
 * alike: the model chosen in Preferences, if the catalog has it; else the
 * first current model of the first ready provider — a provider with a key
 * before the offline Sandbox; else the first current model of all.
 *
 * Returns: (transfer none) (nullable): the default model; %NULL only for
 *   an empty catalog
 */
RushesModel *
rushes_engine_get_default_model (RushesEngine       *self,
                                 const char * const *ready_providers)
{
  GListModel *models;
  RushesModel *model = NULL;

  g_return_val_if_fail (RUSHES_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ready_providers != NULL, NULL);

  if (self->settings != NULL)
    {
      g_autofree char *preferred = g_settings_get_string (self->settings, "default-model");

      if (preferred[0] != '\0')
        model = rushes_model_catalog_lookup (self->catalog, preferred);
      if (model != NULL)
        return model;
    }

  model = rushes_model_catalog_get_default_model (self->catalog, ready_providers);
  if (model != NULL)
    return model;

  models = G_LIST_MODEL (self->catalog);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(RushesModel) candidate = g_list_model_get_item (models, i);

      if (model == NULL || (rushes_model_get_retired (model) && !rushes_model_get_retired (candidate)))
        model = candidate;
    }

  return model;
}
