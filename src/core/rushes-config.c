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

#define G_LOG_DOMAIN "rushes-config"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rushes-config.h"
#include "rushes-error.h"

#define DEFAULT_HTTP_TIMEOUT_MS (60 * 1000)
/* A download slower than DEFAULT_DOWNLOAD_MIN_RATE on average over
 * DEFAULT_DOWNLOAD_STALL_MS is given up; the task stays downloading and the
 * next run resumes it on a fresh connection. Video CDNs serve megabytes per
 * second: under 16 KiB/s for 30 s (480 KiB) the connection is as good as
 * dead (a trickling proxy, a throttled or half-dead edge) yet sends just
 * enough to dodge the read timeout, and a 100 MB clip would take hours.
 * 30 s rides out a network switch or a laptop waking up. */
#define DEFAULT_DOWNLOAD_STALL_MS (30 * 1000)
#define DEFAULT_DOWNLOAD_MIN_RATE (16 * 1024)

struct _RushesConfig
{
  GObject     parent_instance;

  GHashTable *base_urls;    /* provider id → URL without trailing slash */
  GHashTable *socket_urls;
  GHashTable *env_secrets;  /* "wiro/0" (id/kind) → secret from the environment */

  guint       poll_interval_ms;
  guint       http_timeout_ms;
  guint       download_stall_ms;
  guint       download_min_rate;
  guint       debug_http : 1;
  guint       debug_catalog : 1;
};

G_DEFINE_FINAL_TYPE (RushesConfig, rushes_config, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POLL_INTERVAL_MS,
  PROP_HTTP_TIMEOUT_MS,
  PROP_DOWNLOAD_STALL_MS,
  PROP_DOWNLOAD_MIN_RATE,
  PROP_DEBUG_HTTP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *provider_id;
  const char *base_url;
  const char *socket_url;
} endpoint_defaults[] = {
  { RUSHES_PROVIDER_WIRO, "https://api.wiro.ai/v1", "wss://socket.wiro.ai/v1" },
  { RUSHES_PROVIDER_WAVESPEED, "https://api.wavespeed.ai/api/v3", NULL },
  { RUSHES_PROVIDER_APIXO, "https://api.apixo.ai/api/v1", NULL },
};

/* The test environment sets every variable to "": empty means unset. */
static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static char *
env_name (const char *provider_id,
          const char *suffix)
{
  g_autofree char *upper = g_ascii_strup (provider_id, -1);

  return g_strdup_printf ("RUSHES_%s_%s", upper, suffix);
}

static char *
secret_key (const char       *provider_id,
            RushesSecretKind  kind)
{
  return g_strdup_printf ("%s/%d", provider_id, kind);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Plain http/ws would expose keys and signatures on the network, so it is
 * allowed to loopback addresses only (test servers, local gateways). */
static char *
check_url (const char  *url,
           const char  *secure_scheme,
           const char  *plain_scheme,
           const char  *what,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  g_autofree char *result = NULL;
  gsize len;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s “%s” is not a valid URL"), what, url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, secure_scheme) != 0)
    {
      if (g_ascii_strcasecmp (scheme, plain_scheme) != 0)
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s “%s” must start with %s://"), what, url, secure_scheme);
          return NULL;
        }
      if (!host_is_loopback (g_uri_get_host (uri)))
        {
          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       _("%s “%s”: plain %s:// is only allowed to loopback addresses; use %s://"),
                       what, url, plain_scheme, secure_scheme);
          return NULL;
        }
    }

  result = g_strdup (url);
  len = strlen (result);
  while (len > 0 && result[len - 1] == '/')
    result[--len] = '\0';

  return g_steal_pointer (&result);
}

static gboolean
parse_seconds (const char  *name,
               const char  *value,
               guint       *msec,
               GError     **error)
{
  char *end = NULL;
  double seconds = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !isfinite (seconds) || seconds <= 0 || seconds > 86400)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("%s must be a number of seconds greater than 0, not “%s”"), name, value);
      return FALSE;
    }

  *msec = MAX (1, (guint) (seconds * 1000.0 + 0.5));
  return TRUE;
}

static void
rushes_config_finalize (GObject *object)
{
  RushesConfig *self = (RushesConfig *)object;

  g_clear_pointer (&self->base_urls, g_hash_table_unref);
  g_clear_pointer (&self->socket_urls, g_hash_table_unref);
  g_clear_pointer (&self->env_secrets, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_config_parent_class)->finalize (object);
}

static void
rushes_config_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RushesConfig *self = RUSHES_CONFIG (object);

  switch (prop_id)
    {
    case PROP_POLL_INTERVAL_MS:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    case PROP_HTTP_TIMEOUT_MS:
      g_value_set_uint (value, self->http_timeout_ms);
      break;
    case PROP_DOWNLOAD_STALL_MS:
      g_value_set_uint (value, self->download_stall_ms);
      break;
    case PROP_DOWNLOAD_MIN_RATE:
      g_value_set_uint (value, self->download_min_rate);
      break;
    case PROP_DEBUG_HTTP:
      g_value_set_boolean (value, self->debug_http);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_config_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RushesConfig *self = RUSHES_CONFIG (object);

  switch (prop_id)
    {
    case PROP_POLL_INTERVAL_MS:
      rushes_config_set_poll_interval_ms (self, g_value_get_uint (value));
      break;
    case PROP_HTTP_TIMEOUT_MS:
      rushes_config_set_http_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_DOWNLOAD_STALL_MS:
      rushes_config_set_download_stall_ms (self, g_value_get_uint (value));
      break;
    case PROP_DOWNLOAD_MIN_RATE:
      rushes_config_set_download_min_rate (self, g_value_get_uint (value));
      break;
    case PROP_DEBUG_HTTP:
      rushes_config_set_debug_http (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_config_class_init (RushesConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_config_finalize;
  object_class->get_property = rushes_config_get_property;
  object_class->set_property = rushes_config_set_property;

  /**
   * RushesConfig:poll-interval-ms:
   *
   * Time between status reads; 0 follows the model's polling hint.
   */
  properties[PROP_POLL_INTERVAL_MS] =
    g_param_spec_uint ("poll-interval-ms", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RushesConfig:http-timeout-ms:
   *
   * How long a request may wait for its answer before it is given up.
   */
  properties[PROP_HTTP_TIMEOUT_MS] =
    g_param_spec_uint ("http-timeout-ms", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_HTTP_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RushesConfig:download-stall-ms:
   *
   * The window over which a download's throughput is averaged: a download
   * that receives less than #RushesConfig:download-min-rate over a whole
   * window is given up (and resumed by the next run).
   */
  properties[PROP_DOWNLOAD_STALL_MS] =
    g_param_spec_uint ("download-stall-ms", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_DOWNLOAD_STALL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RushesConfig:download-min-rate:
   *
   * The slowest average download rate accepted, in bytes per second;
   * 0 never gives a download up for being slow.
   */
  properties[PROP_DOWNLOAD_MIN_RATE] =
    g_param_spec_uint ("download-min-rate", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_DOWNLOAD_MIN_RATE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RushesConfig:debug-http:
   *
   * Whether request and response summaries (secrets redacted) go to stderr.
   */
  properties[PROP_DEBUG_HTTP] =
    g_param_spec_boolean ("debug-http", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_config_init (RushesConfig *self)
{
  self->base_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->socket_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->env_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->http_timeout_ms = DEFAULT_HTTP_TIMEOUT_MS;
  self->download_stall_ms = DEFAULT_DOWNLOAD_STALL_MS;
  self->download_min_rate = DEFAULT_DOWNLOAD_MIN_RATE;

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_defaults); i++)
    {
      g_hash_table_insert (self->base_urls,
                           g_strdup (endpoint_defaults[i].provider_id),
                           g_strdup (endpoint_defaults[i].base_url));
      if (endpoint_defaults[i].socket_url != NULL)
        g_hash_table_insert (self->socket_urls,
                             g_strdup (endpoint_defaults[i].provider_id),
                             g_strdup (endpoint_defaults[i].socket_url));
    }
}

/**
 * rushes_config_new:
 *
 * Returns: (transfer full): a configuration with the built-in defaults,
 *   ignoring the environment
 */
RushesConfig *
rushes_config_new (void)
{
  return g_object_new (RUSHES_TYPE_CONFIG, NULL);
}

/**
 * rushes_config_new_from_environment:
 * @error: return location for a %RUSHES_ERROR_INVALID_INPUT naming the
 *   variable that is wrong
 *
 * Reads `RUSHES_<PROVIDER>_API_KEY`, `RUSHES_<PROVIDER>_API_SECRET`,
 * `RUSHES_<PROVIDER>_BASE_URL`, `RUSHES_WIRO_SOCKET_URL`,
 * `RUSHES_POLL_INTERVAL`, `RUSHES_HTTP_TIMEOUT` and `RUSHES_DOWNLOAD_STALL`
 * (the stall window; seconds, fractions allowed) and `RUSHES_DEBUG` (a list
 * containing "http", "catalog" or "all"). Empty variables count as unset.
 *
 * Returns: (transfer full) (nullable): the configuration
 */
RushesConfig *
rushes_config_new_from_environment (GError **error)
{
  g_autoptr(RushesConfig) self = rushes_config_new ();
  const char *value;

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_defaults); i++)
    {
      const char *provider_id = endpoint_defaults[i].provider_id;
      g_autofree char *key_var = env_name (provider_id, "API_KEY");
      g_autofree char *secret_var = env_name (provider_id, "API_SECRET");
      g_autofree char *base_var = env_name (provider_id, "BASE_URL");
      g_autofree char *socket_var = env_name (provider_id, "SOCKET_URL");

      if ((value = getenv_nonempty (key_var)) != NULL)
        g_hash_table_insert (self->env_secrets, secret_key (provider_id, RUSHES_SECRET_API_KEY), g_strdup (value));
      if ((value = getenv_nonempty (secret_var)) != NULL)
        g_hash_table_insert (self->env_secrets, secret_key (provider_id, RUSHES_SECRET_API_SECRET), g_strdup (value));

      if ((value = getenv_nonempty (base_var)) != NULL)
        {
          g_autofree char *url = check_url (value, "https", "http", base_var, error);

          if (url == NULL)
            return NULL;
          g_hash_table_insert (self->base_urls, g_strdup (provider_id), g_steal_pointer (&url));
        }

      if (endpoint_defaults[i].socket_url != NULL &&
          (value = getenv_nonempty (socket_var)) != NULL)
        {
          g_autofree char *url = check_url (value, "wss", "ws", socket_var, error);

          if (url == NULL)
            return NULL;
          g_hash_table_insert (self->socket_urls, g_strdup (provider_id), g_steal_pointer (&url));
        }
    }

  if ((value = getenv_nonempty ("RUSHES_POLL_INTERVAL")) != NULL &&
      !parse_seconds ("RUSHES_POLL_INTERVAL", value, &self->poll_interval_ms, error))
    return NULL;

  if ((value = getenv_nonempty ("RUSHES_HTTP_TIMEOUT")) != NULL &&
      !parse_seconds ("RUSHES_HTTP_TIMEOUT", value, &self->http_timeout_ms, error))
    return NULL;

  if ((value = getenv_nonempty ("RUSHES_DOWNLOAD_STALL")) != NULL &&
      !parse_seconds ("RUSHES_DOWNLOAD_STALL", value, &self->download_stall_ms, error))
    return NULL;

  if ((value = getenv_nonempty ("RUSHES_DEBUG")) != NULL)
    {
      g_auto(GStrv) items = g_strsplit_set (value, ",: ", -1);

      self->debug_http = g_strv_contains ((const char * const *)items, "http") ||
                         g_strv_contains ((const char * const *)items, "all");
      self->debug_catalog = g_strv_contains ((const char * const *)items, "catalog") ||
                            g_strv_contains ((const char * const *)items, "all");
    }

  return g_steal_pointer (&self);
}

/**
 * rushes_config_get_base_url:
 *
 * Returns: (nullable): the REST endpoint of @provider_id, without a
 *   trailing slash
 */
const char *
rushes_config_get_base_url (RushesConfig *self,
                            const char   *provider_id)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  return g_hash_table_lookup (self->base_urls, provider_id);
}

gboolean
rushes_config_set_base_url (RushesConfig  *self,
                            const char    *provider_id,
                            const char    *url,
                            GError       **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (RUSHES_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (provider_id != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  checked = check_url (url, "https", "http", _("The endpoint"), error);
  if (checked == NULL)
    return FALSE;

  g_hash_table_insert (self->base_urls, g_strdup (provider_id), g_steal_pointer (&checked));
  return TRUE;
}

/**
 * rushes_config_get_socket_url:
 *
 * Returns: (nullable): the live-progress endpoint of @provider_id
 */
const char *
rushes_config_get_socket_url (RushesConfig *self,
                              const char   *provider_id)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  return g_hash_table_lookup (self->socket_urls, provider_id);
}

gboolean
rushes_config_set_socket_url (RushesConfig  *self,
                              const char    *provider_id,
                              const char    *url,
                              GError       **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (RUSHES_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (provider_id != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  checked = check_url (url, "wss", "ws", _("The socket endpoint"), error);
  if (checked == NULL)
    return FALSE;

  g_hash_table_insert (self->socket_urls, g_strdup (provider_id), g_steal_pointer (&checked));
  return TRUE;
}

/**
 * rushes_config_get_env_secret:
 *
 * Returns: (nullable): the credential set in the environment
 *   (`RUSHES_WIRO_API_KEY` …); it overrides the secret store
 */
const char *
rushes_config_get_env_secret (RushesConfig     *self,
                              const char       *provider_id,
                              RushesSecretKind  kind)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (RUSHES_IS_CONFIG (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  key = secret_key (provider_id, kind);
  return g_hash_table_lookup (self->env_secrets, key);
}

guint
rushes_config_get_poll_interval_ms (RushesConfig *self)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), 0);

  return self->poll_interval_ms;
}

void
rushes_config_set_poll_interval_ms (RushesConfig *self,
                                    guint         msec)
{
  g_return_if_fail (RUSHES_IS_CONFIG (self));

  if (self->poll_interval_ms == msec)
    return;

  self->poll_interval_ms = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL_MS]);
}

guint
rushes_config_get_http_timeout_ms (RushesConfig *self)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), DEFAULT_HTTP_TIMEOUT_MS);

  return self->http_timeout_ms;
}

void
rushes_config_set_http_timeout_ms (RushesConfig *self,
                                   guint         msec)
{
  g_return_if_fail (RUSHES_IS_CONFIG (self));
  g_return_if_fail (msec > 0);

  if (self->http_timeout_ms == msec)
    return;

  self->http_timeout_ms = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_TIMEOUT_MS]);
}

guint
rushes_config_get_download_stall_ms (RushesConfig *self)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), DEFAULT_DOWNLOAD_STALL_MS);

  return self->download_stall_ms;
}

void
rushes_config_set_download_stall_ms (RushesConfig *self,
                                     guint         msec)
{
  g_return_if_fail (RUSHES_IS_CONFIG (self));
  g_return_if_fail (msec > 0);

  if (self->download_stall_ms == msec)
    return;

  self->download_stall_ms = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD_STALL_MS]);
}

guint
rushes_config_get_download_min_rate (RushesConfig *self)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), DEFAULT_DOWNLOAD_MIN_RATE);

  return self->download_min_rate;
}

void
rushes_config_set_download_min_rate (RushesConfig *self,
                                     guint         bytes_per_second)
{
  g_return_if_fail (RUSHES_IS_CONFIG (self));

  if (self->download_min_rate == bytes_per_second)
    return;

  self->download_min_rate = bytes_per_second;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD_MIN_RATE]);
}

gboolean
rushes_config_get_debug_http (RushesConfig *self)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), FALSE);

  return self->debug_http;
}

void
rushes_config_set_debug_http (RushesConfig *self,
                              gboolean      debug_http)
{
  g_return_if_fail (RUSHES_IS_CONFIG (self));

  debug_http = !!debug_http;
  if (self->debug_http == debug_http)
    return;

  self->debug_http = debug_http;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEBUG_HTTP]);
}

/**
 * rushes_config_get_debug_catalog:
 *
 * Returns: whether `RUSHES_DEBUG=catalog` asks for the catalog's merges of
 *   built-in and live entries to be told on stderr
 */
gboolean
rushes_config_get_debug_catalog (RushesConfig *self)
{
  g_return_val_if_fail (RUSHES_IS_CONFIG (self), FALSE);

  return self->debug_catalog;
}

void
rushes_config_set_debug_catalog (RushesConfig *self,
                                 gboolean      debug_catalog)
{
  g_return_if_fail (RUSHES_IS_CONFIG (self));

  self->debug_catalog = !!debug_catalog;
}

/**
 * rushes_config_check_url:
 * @url: an address a provider gave, to send data to
 * @what: what it is, for the message ("The upload address")
 *
 * The rule of the endpoint settings, for addresses that come from a
 * provider's answer: https://, or plain http:// to a loopback address.
 *
 * Returns: %TRUE when @url may be used; else a %RUSHES_ERROR_INVALID_INPUT
 */
gboolean
rushes_config_check_url (const char  *url,
                         const char  *what,
                         GError     **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  checked = check_url (url, "https", "http", what, error);
  return checked != NULL;
}
