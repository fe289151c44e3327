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

#include <gio/gio.h>

#include "rushes-credentials.h"
#include "rushes-generation-params.h"
#include "rushes-http.h"
#include "rushes-model.h"
#include "rushes-task.h"
#include "rushes-types.h"

G_BEGIN_DECLS

/**
 * RushesRemoteStatus:
 * @state: the provider's view of the task
 * @remote_id: (nullable): the provider's task id
 * @remote_token: (nullable): a per-task token some providers use (Wiro's task token)
 * @progress: 0..1, or a negative value when unknown
 * @cost_usd: the cost so far in USD, or a negative value when unknown
 * @video_url: (nullable): where the finished video can be downloaded
 * @message: (nullable): a failure reason, or the latest log line
 * @terminal: %TRUE when the provider says the task reached its end; for a
 *   live channel this means "read the status for the outcome"
 * @video_size: the size of the video in bytes as the provider reports it,
 *   or -1 when it does not (Wiro does; a download must match it)
 */
typedef struct
{
  RushesRemoteState  state;
  char              *remote_id;
  char              *remote_token;
  double             progress;
  double             cost_usd;
  char              *video_url;
  char              *message;
  gboolean           terminal;
  gint64             video_size;
} RushesRemoteStatus;

#define RUSHES_TYPE_REMOTE_STATUS (rushes_remote_status_get_type ())

GType               rushes_remote_status_get_type (void) G_GNUC_CONST;
RushesRemoteStatus *rushes_remote_status_new      (RushesRemoteState         state);
RushesRemoteStatus *rushes_remote_status_copy     (const RushesRemoteStatus *self);
void                rushes_remote_status_free     (RushesRemoteStatus       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesRemoteStatus, rushes_remote_status_free)

/* Called on the calling thread's main context for every live update. */
typedef void (*RushesProviderWatchFunc) (const RushesRemoteStatus *status,
                                         gpointer                  user_data);

#define RUSHES_TYPE_PROVIDER (rushes_provider_get_type ())

G_DECLARE_INTERFACE (RushesProvider, rushes_provider, RUSHES, PROVIDER, GObject)

struct _RushesProviderInterface
{
  GTypeInterface parent_iface;

  const char         *(*get_id)        (RushesProvider          *self);
  const char         *(*get_name)      (RushesProvider          *self);

  void                (*submit_async)  (RushesProvider          *self,
                                        const RushesCredentials *credentials,
                                        RushesModel             *model,
                                        RushesTask              *task,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
  RushesRemoteStatus *(*submit_finish) (RushesProvider          *self,
                                        GAsyncResult            *result,
                                        GError                 **error);
  void                (*status_async)  (RushesProvider          *self,
                                        const RushesCredentials *credentials,
                                        RushesModel             *model,
                                        RushesTask              *task,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
  RushesRemoteStatus *(*status_finish) (RushesProvider          *self,
                                        GAsyncResult            *result,
                                        GError                 **error);
  /* Optional: providers without a cancel request leave it unset. */
  void                (*cancel_async)  (RushesProvider          *self,
                                        const RushesCredentials *credentials,
                                        RushesModel             *model,
                                        RushesTask              *task,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
  RushesRemoteStatus *(*cancel_finish) (RushesProvider          *self,
                                        GAsyncResult            *result,
                                        GError                 **error);

  /* Optional: upload a local file, giving back a URL the provider accepts. */
  void                (*upload_async)  (RushesProvider          *self,
                                        const RushesCredentials *credentials,
                                        GFile                   *file,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
  char               *(*upload_finish) (RushesProvider          *self,
                                        GAsyncResult            *result,
                                        GError                 **error);

  /* Optional: a live channel. Completes with TRUE after a terminal event,
   * with an error when the channel fails or drops before one. */
  void                (*watch_async)   (RushesProvider          *self,
                                        const RushesCredentials *credentials,
                                        RushesModel             *model,
                                        RushesTask              *task,
                                        RushesProviderWatchFunc  func,
                                        gpointer                 func_data,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
  gboolean            (*watch_finish)  (RushesProvider          *self,
                                        GAsyncResult            *result,
                                        GError                 **error);

  /* Optional: one harmless authenticated request, to test a key. */
  void                (*check_async)   (RushesProvider          *self,
                                        const RushesCredentials *credentials,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
  gboolean            (*check_finish)  (RushesProvider          *self,
                                        GAsyncResult            *result,
                                        GError                 **error);

  /* Optional: what is left on the account, in USD. */
  void                (*balance_async)  (RushesProvider          *self,
                                         const RushesCredentials *credentials,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data);
  gboolean            (*balance_finish) (RushesProvider          *self,
                                         GAsyncResult            *result,
                                         double                  *balance_usd,
                                         GError                 **error);

  /* Optional: the provider's video models today, as catalog entries. */
  void                (*list_models_async)  (RushesProvider          *self,
                                             const RushesCredentials *credentials,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
  JsonArray          *(*list_models_finish) (RushesProvider          *self,
                                             GAsyncResult            *result,
                                             GError                 **error);

  /* Optional: what a run would cost, as the provider says. */
  void                (*quote_async)   (RushesProvider          *self,
                                        const RushesCredentials *credentials,
                                        RushesModel             *model,
                                        RushesGenerationParams  *params,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
  gboolean            (*quote_finish)  (RushesProvider          *self,
                                        GAsyncResult            *result,
                                        double                  *cost_usd,
                                        GError                 **error);
};

const char         *rushes_provider_get_id        (RushesProvider          *self);
const char         *rushes_provider_get_name      (RushesProvider          *self);

void                rushes_provider_submit_async  (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   RushesModel             *model,
                                                   RushesTask              *task,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
RushesRemoteStatus *rushes_provider_submit_finish (RushesProvider          *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);
void                rushes_provider_status_async  (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   RushesModel             *model,
                                                   RushesTask              *task,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
RushesRemoteStatus *rushes_provider_status_finish (RushesProvider          *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);
gboolean            rushes_provider_can_cancel    (RushesProvider          *self);
void                rushes_provider_cancel_async  (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   RushesModel             *model,
                                                   RushesTask              *task,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
RushesRemoteStatus *rushes_provider_cancel_finish (RushesProvider          *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);

gboolean            rushes_provider_can_upload    (RushesProvider          *self);
void                rushes_provider_upload_async  (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   GFile                   *file,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
char               *rushes_provider_upload_finish (RushesProvider          *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);

gboolean            rushes_provider_can_watch     (RushesProvider          *self);
void                rushes_provider_watch_async   (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   RushesModel             *model,
                                                   RushesTask              *task,
                                                   RushesProviderWatchFunc  func,
                                                   gpointer                 func_data,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
gboolean            rushes_provider_watch_finish  (RushesProvider          *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);

gboolean            rushes_provider_can_check     (RushesProvider          *self);
void                rushes_provider_check_async   (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
gboolean            rushes_provider_check_finish  (RushesProvider          *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);

/**
 * RushesProviderFlags:
 * @RUSHES_PROVIDER_USES_SECRET: requests are signed with an API secret
 *   besides the key (optional: Wiro's key-only projects have none)
 * @RUSHES_PROVIDER_NEEDS_KEY: the provider needs an API key (not the Sandbox)
 * @RUSHES_PROVIDER_CAN_CANCEL: its tasks can be cancelled
 * @RUSHES_PROVIDER_LOCAL: it makes videos on this computer (the Sandbox):
 *   the only kind whose video may be a `file:` URL
 */
typedef enum /*< flags >*/
{
  RUSHES_PROVIDER_FLAGS_NONE  = 0,
  RUSHES_PROVIDER_USES_SECRET = 1 << 0,
  RUSHES_PROVIDER_NEEDS_KEY   = 1 << 1,
  RUSHES_PROVIDER_CAN_CANCEL  = 1 << 2,
  RUSHES_PROVIDER_LOCAL       = 1 << 3,
} RushesProviderFlags;

/**
 * RushesProviderInfo:
 * @id: "wiro", …
 * @name: the display name, untranslated (marked with N_())
 * @flags: what the provider needs and can do
 * @new_provider: makes the provider over the engine's HTTP layer
 *
 * What the app and the CLI know of a provider before they have one.
 */
typedef struct
{
  const char          *id;
  const char          *name;
  RushesProviderFlags  flags;
  RushesProvider      *(*new_provider) (RushesHttp *http);
} RushesProviderInfo;

void                rushes_provider_register      (const RushesProviderInfo *info);
gboolean            rushes_provider_can_report_balance (RushesProvider     *self);
void                rushes_provider_balance_async (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
gboolean            rushes_provider_balance_finish (RushesProvider         *self,
                                                    GAsyncResult           *result,
                                                    double                 *balance_usd,
                                                    GError                **error);

gboolean            rushes_provider_can_list_models (RushesProvider        *self);
void                rushes_provider_list_models_async (RushesProvider      *self,
                                                       const RushesCredentials *credentials,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
JsonArray          *rushes_provider_list_models_finish (RushesProvider     *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);
gboolean            rushes_provider_can_quote     (RushesProvider          *self);
void                rushes_provider_quote_async   (RushesProvider          *self,
                                                   const RushesCredentials *credentials,
                                                   RushesModel             *model,
                                                   RushesGenerationParams  *params,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
gboolean            rushes_provider_quote_finish  (RushesProvider          *self,
                                                   GAsyncResult            *result,
                                                   double                  *cost_usd,
                                                   GError                 **error);

RushesProvider     *rushes_provider_new_for_id    (const char              *provider_id,
                                                   RushesHttp              *http);
const char * const *rushes_provider_list_ids      (void);
gboolean            rushes_provider_id_is_known   (const char              *provider_id);
const char         *rushes_provider_id_get_name   (const char              *provider_id);
gboolean            rushes_provider_id_uses_secret (const char             *provider_id);
gboolean            rushes_provider_id_needs_key  (const char              *provider_id);
gboolean            rushes_provider_id_can_cancel (const char              *provider_id);
gboolean            rushes_provider_id_is_local   (const char              *provider_id);

G_END_DECLS
