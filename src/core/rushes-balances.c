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

#define G_LOG_DOMAIN "rushes-balances"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rushes-balances.h"
#include "rushes-credentials.h"
#include "rushes-provider.h"

/* What is left on each account. rushes_balances_read_async() reads them
 * once (rushes-cli balance); the app keeps the last read here, refreshed
 * at start, after each finished run and on demand, for every view that
 * shows one (Preferences, the model picker). */

struct _RushesBalances
{
  GObject            parent_instance;

  RushesConfig      *config;
  RushesSecretStore *secrets;
  RushesHttp        *http;

  GPtrArray         *last;          /* RushesBalance; NULL before the first read */
  GCancellable      *cancellable;
  guint              refreshing : 1;
  guint              again : 1;     /* asked again while reading */
};

G_DEFINE_FINAL_TYPE (RushesBalances, rushes_balances, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFRESHING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
rushes_balance_free (RushesBalance *balance)
{
  if (balance == NULL)
    return;

  g_free (balance->provider_id);
  g_free (balance->note);
  g_free (balance);
}

typedef struct
{
  GPtrArray *balances;   /* RushesBalance, one per provider with a key */
  guint      pending;
} BalancesData;

static void
balances_data_free (BalancesData *data)
{
  g_clear_pointer (&data->balances, g_ptr_array_unref);
  g_free (data);
}

static void
balances_step (GTask *task)
{
  BalancesData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;

  g_task_return_pointer (task, g_steal_pointer (&data->balances), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

typedef struct
{
  GTask          *task;
  RushesBalance  *balance;
  RushesProvider *provider;
} BalanceRead;

static void
balance_read_free (BalanceRead *read)
{
  g_clear_object (&read->provider);
  g_free (read);
}

static void
balance_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BalanceRead *read = user_data;
  g_autoptr(GError) error = NULL;
  double usd;

  if (rushes_provider_balance_finish (RUSHES_PROVIDER (object), result, &usd, &error))
    read->balance->balance_usd = usd;
  else
    read->balance->note = g_strdup (error->message);

  balances_step (read->task);
  balance_read_free (read);
}

static void
balance_credentials_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  BalanceRead *read = user_data;
  BalancesData *data = g_task_get_task_data (read->task);
  g_autoptr(RushesCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = rushes_credentials_lookup_finish (result, &error);
  if (credentials == NULL)
    {
      /* No key: no row for this provider. */
      g_ptr_array_remove (data->balances, read->balance);
      balances_step (read->task);
      balance_read_free (read);
      return;
    }

  if (!rushes_provider_can_report_balance (read->provider))
    {
      read->balance->note = g_strdup_printf (_("not reported by %s"),
                                             rushes_provider_get_name (read->provider));
      balances_step (read->task);
      balance_read_free (read);
      return;
    }

  rushes_provider_balance_async (read->provider, credentials, g_task_get_cancellable (read->task),
                                 balance_cb, read);
}

/* Reading ------------------------------------------------------------------ */

/**
 * rushes_balances_read_async:
 *
 * Reads what is left on the account of every provider with a key. A
 * provider that publishes no balance (Wiro), or a read that fails, gives
 * a row with no amount and a note: never an error of the whole call.
 */
void
rushes_balances_read_async (RushesBalances      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const char * const *ids = rushes_provider_list_ids ();
  GTask *task;
  BalancesData *data;

  g_return_if_fail (RUSHES_IS_BALANCES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_balances_read_async);
  data = g_new0 (BalancesData, 1);
  data->balances = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_balance_free);
  data->pending = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) balances_data_free);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      BalanceRead *read;

      if (!rushes_provider_id_needs_key (ids[i]))
        continue;

      read = g_new0 (BalanceRead, 1);
      read->task = task;
      read->balance = g_new0 (RushesBalance, 1);
      read->balance->provider_id = g_strdup (ids[i]);
      read->balance->balance_usd = NAN;
      read->provider = rushes_provider_new_for_id (ids[i], self->http);
      g_ptr_array_add (data->balances, read->balance);
      data->pending++;
      rushes_credentials_lookup_async (self->config, self->secrets, ids[i], cancellable,
                                       balance_credentials_cb, read);
    }

  balances_step (task);
}

/**
 * rushes_balances_read_finish:
 *
 * Returns: (transfer full) (element-type RushesBalance): one row per
 *   provider with a key, in provider order
 */
GPtrArray *
rushes_balances_read_finish (RushesBalances  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (RUSHES_IS_BALANCES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The cache ------------------------------------------------------------- */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RushesBalances) self = user_data;
  g_autoptr(GPtrArray) balances = NULL;
  g_autoptr(GError) error = NULL;

  balances = rushes_balances_read_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Each row carries its own failure: the call as a whole does not fail. */
  g_clear_pointer (&self->last, g_ptr_array_unref);
  self->last = g_steal_pointer (&balances);
  self->refreshing = FALSE;

  if (self->again)
    {
      self->again = FALSE;
      rushes_balances_refresh (self);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * rushes_balances_refresh:
 *
 * Reads every balance again. Asked while a read is under way, it reads
 * once more after it, so that a run that just finished is counted.
 */
void
rushes_balances_refresh (RushesBalances *self)
{
  g_return_if_fail (RUSHES_IS_BALANCES (self));

  if (self->refreshing)
    {
      self->again = TRUE;
      return;
    }

  self->refreshing = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
  rushes_balances_read_async (self, self->cancellable, refresh_cb, g_object_ref (self));
}

gboolean
rushes_balances_get_refreshing (RushesBalances *self)
{
  g_return_val_if_fail (RUSHES_IS_BALANCES (self), FALSE);

  return self->refreshing;
}

/**
 * rushes_balances_get_last:
 *
 * Returns: (transfer none) (nullable) (element-type RushesBalance): the
 *   last balances read by rushes_balances_refresh(), one per provider with
 *   a key, or %NULL before the first
 */
GPtrArray *
rushes_balances_get_last (RushesBalances *self)
{
  g_return_val_if_fail (RUSHES_IS_BALANCES (self), NULL);

  return self->last;
}

/**
 * rushes_balances_lookup:
 *
 * Returns: (transfer none) (nullable): @provider_id's last balance, or
 *   %NULL when it has no key or none was read yet
 */
const RushesBalance *
rushes_balances_lookup (RushesBalances *self,
                        const char     *provider_id)
{
  g_return_val_if_fail (RUSHES_IS_BALANCES (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  for (guint i = 0; self->last != NULL && i < self->last->len; i++)
    {
      const RushesBalance *balance = g_ptr_array_index (self->last, i);

      if (g_str_equal (balance->provider_id, provider_id))
        return balance;
    }

  return NULL;
}

/**
 * rushes_balance_format:
 *
 * Returns: (transfer full): the amount as the user reads it ("$42.50"),
 *   or the note that says why there is none
 */
char *
rushes_balance_format (const RushesBalance *balance)
{
  g_return_val_if_fail (balance != NULL, NULL);

  if (!isnan (balance->balance_usd))
    /* Translators: an account balance in US dollars */
    return g_strdup_printf (_("$%.2f"), balance->balance_usd);

  return g_strdup (balance->note != NULL ? balance->note : _("unknown"));
}

/* GObject ----------------------------------------------------------------- */

static void
rushes_balances_dispose (GObject *object)
{
  RushesBalances *self = RUSHES_BALANCES (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (rushes_balances_parent_class)->dispose (object);
}

static void
rushes_balances_finalize (GObject *object)
{
  RushesBalances *self = RUSHES_BALANCES (object);

  g_clear_object (&self->config);
  g_clear_object (&self->secrets);
  g_clear_object (&self->http);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_balances_parent_class)->finalize (object);
}

static void
rushes_balances_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RushesBalances *self = RUSHES_BALANCES (object);

  switch (prop_id)
    {
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_balances_class_init (RushesBalancesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_balances_dispose;
  object_class->finalize = rushes_balances_finalize;
  object_class->get_property = rushes_balances_get_property;

  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesBalances::changed:
   *
   * A refresh finished: rushes_balances_get_last() has its result.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rushes_balances_init (RushesBalances *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * rushes_balances_new:
 *
 * Returns: (transfer full): balances read with @secrets' keys
 */
RushesBalances *
rushes_balances_new (RushesConfig      *config,
                     RushesSecretStore *secrets,
                     RushesHttp        *http)
{
  RushesBalances *self;

  g_return_val_if_fail (RUSHES_IS_CONFIG (config), NULL);
  g_return_val_if_fail (RUSHES_IS_SECRET_STORE (secrets), NULL);
  g_return_val_if_fail (RUSHES_IS_HTTP (http), NULL);

  self = g_object_new (RUSHES_TYPE_BALANCES, NULL);
  self->config = g_object_ref (config);
  self->secrets = g_object_ref (secrets);
  self->http = g_object_ref (http);

  return self;
}
