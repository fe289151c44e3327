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

#define G_LOG_DOMAIN "rushes-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rushes-credentials.h"
#include "rushes-error.h"
#include "rushes-provider.h"

/**
 * RushesCredentials:
 *
 * The key (and secret) a provider's requests are signed with. They come
 * from rushes_credentials_lookup_async() only, so that the engine, the
 * CLI and Preferences' Test button use the same pair.
 */

G_DEFINE_BOXED_TYPE (RushesCredentials, rushes_credentials,
                     rushes_credentials_copy, rushes_credentials_free)

typedef struct
{
  RushesSecretStore *secrets;
  char              *provider_id;
  char              *api_key;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_clear_object (&data->secrets);
  g_free (data->provider_id);
  if (data->api_key != NULL)
    memset (data->api_key, 0, strlen (data->api_key));
  g_free (data->api_key);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LookupData, lookup_data_free)

/**
 * rushes_credentials_new:
 * @api_key: the API key
 * @api_secret: (nullable): the API secret
 */
RushesCredentials *
rushes_credentials_new (const char *api_key,
                        const char *api_secret)
{
  RushesCredentials *self;

  g_return_val_if_fail (api_key != NULL, NULL);

  self = g_new0 (RushesCredentials, 1);
  self->api_key = g_strdup (api_key);
  self->api_secret = g_strdup (api_secret);
  return self;
}

RushesCredentials *
rushes_credentials_copy (const RushesCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return rushes_credentials_new (self->api_key, self->api_secret);
}

void
rushes_credentials_free (RushesCredentials *self)
{
  if (self == NULL)
    return;

  /* Do not leave secrets behind in freed memory. */
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  if (self->api_secret != NULL)
    memset (self->api_secret, 0, strlen (self->api_secret));
  g_free (self->api_key);
  g_free (self->api_secret);
  g_free (self);
}

/* Keys are pasted from web pages and shells: surrounding white space is
 * never part of one, and a control character inside one would make
 * libsoup drop the header (a trailing CR did, with a CRITICAL). */
static char *
clean_credential (const char  *value,
                  const char  *provider_id,
                  const char  *what,
                  GError     **error)
{
  g_autofree char *clean = NULL;
  const char *name;

  if (value == NULL)
    return NULL;

  clean = g_strstrip (g_strdup (value));
  if (clean[0] == '\0')
    return NULL;

  for (const char *p = clean; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      {
        name = rushes_provider_id_get_name (provider_id);
        g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_AUTH,
                     /* Translators: the first %s is "API key" or "API secret", the second a provider name */
                     _("The %s for %s contains a character that cannot be sent (a control or non-ASCII character); paste it again"),
                     what, name != NULL ? name : provider_id);
        return NULL;
      }

  return g_steal_pointer (&clean);
}

static void
return_credentials (GTask      *task,
                    const char *provider_id,
                    const char *key,
                    const char *secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean_key = clean_credential (key, provider_id, _("API key"), &error);
  g_autofree char *clean_secret = NULL;

  if (error == NULL)
    clean_secret = clean_credential (secret, provider_id, _("API secret"), &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (clean_key == NULL)
    {
      g_autofree char *variable = g_ascii_strup (provider_id, -1);
      const char *name = rushes_provider_id_get_name (provider_id);

      GError *missing = g_error_new (RUSHES_ERROR, RUSHES_ERROR_AUTH,
                                     _("No API key for %s: store one, or set RUSHES_%s_API_KEY"),
                                     name != NULL ? name : provider_id, variable);

      rushes_error_set_missing_key (missing, provider_id);
      g_task_return_error (task, missing);
    }
  else
    g_task_return_pointer (task, rushes_credentials_new (clean_key, clean_secret),
                           (GDestroyNotify) rushes_credentials_free);

  if (clean_key != NULL)
    memset (clean_key, 0, strlen (clean_key));
  if (clean_secret != NULL)
    memset (clean_secret, 0, strlen (clean_secret));
}

static void
lookup_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = rushes_secret_store_lookup_finish (RUSHES_SECRET_STORE (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    return_credentials (task, data->provider_id, data->api_key, secret);

  if (secret != NULL)
    memset (secret, 0, strlen (secret));
}

static void
lookup_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  data->api_key = rushes_secret_store_lookup_finish (RUSHES_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->api_key == NULL || !rushes_provider_id_uses_secret (data->provider_id))
    {
      return_credentials (task, data->provider_id, data->api_key, NULL);
      return;
    }

  /* Not in the call below: arguments are evaluated in no fixed order. */
  cancellable = g_task_get_cancellable (task);
  rushes_secret_store_lookup_async (data->secrets, data->provider_id, RUSHES_SECRET_API_SECRET,
                                    cancellable, lookup_secret_cb, g_steal_pointer (&task));
}

/**
 * rushes_credentials_lookup_async:
 * @config: the configuration (its environment overrides)
 * @secrets: the secret store
 * @provider_id: "wiro", …
 *
 * Finds the key (and secret) @provider_id is used with: the environment
 * wins over the store, key and secret together — mixing an environment
 * key with a stored secret would sign with a pair that does not belong
 * together. A provider that needs no key (the Sandbox) gets empty
 * credentials. Keys are stripped of surrounding white space.
 */
void
rushes_credentials_lookup_async (RushesConfig        *config,
                                 RushesSecretStore   *secrets,
                                 const char          *provider_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(LookupData) data = NULL;
  const char *env_key;

  g_return_if_fail (RUSHES_IS_CONFIG (config));
  g_return_if_fail (RUSHES_IS_SECRET_STORE (secrets));
  g_return_if_fail (provider_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_credentials_lookup_async);

  /* The Sandbox renders locally: there is no account to sign in to. */
  if (!rushes_provider_id_needs_key (provider_id))
    {
      g_task_return_pointer (task, rushes_credentials_new ("", NULL),
                             (GDestroyNotify) rushes_credentials_free);
      return;
    }

  env_key = rushes_config_get_env_secret (config, provider_id, RUSHES_SECRET_API_KEY);
  if (env_key != NULL)
    {
      return_credentials (task, provider_id, env_key,
                          rushes_provider_id_uses_secret (provider_id) ?
                          rushes_config_get_env_secret (config, provider_id, RUSHES_SECRET_API_SECRET) : NULL);
      return;
    }

  data = g_new0 (LookupData, 1);
  data->secrets = g_object_ref (secrets);
  data->provider_id = g_strdup (provider_id);
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) lookup_data_free);

  rushes_secret_store_lookup_async (secrets, provider_id, RUSHES_SECRET_API_KEY, cancellable,
                                    lookup_key_cb, g_steal_pointer (&task));
}

/**
 * rushes_credentials_lookup_finish:
 *
 * Returns: (transfer full): the credentials, or %NULL with a
 *   %RUSHES_ERROR_AUTH when there is no usable key, or the store's error
 */
RushesCredentials *
rushes_credentials_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
