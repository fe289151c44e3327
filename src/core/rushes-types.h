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

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _RushesConfig            RushesConfig;
typedef struct _RushesGenerationParams  RushesGenerationParams;
typedef struct _RushesHttp              RushesHttp;
typedef struct _RushesLibrary           RushesLibrary;
typedef struct _RushesModel             RushesModel;
typedef struct _RushesModelCatalog      RushesModelCatalog;
typedef struct _RushesSecretStore       RushesSecretStore;
typedef struct _RushesTask              RushesTask;
typedef struct _RushesTaskRunner        RushesTaskRunner;

/**
 * RushesTaskState:
 * @RUSHES_TASK_STATE_DRAFT: created in the library, nothing sent yet
 * @RUSHES_TASK_STATE_SUBMITTING: the submit request is on its way
 * @RUSHES_TASK_STATE_QUEUED: the provider accepted the task (the remote id is known)
 * @RUSHES_TASK_STATE_RUNNING: the provider is generating
 * @RUSHES_TASK_STATE_DOWNLOADING: the provider is done, the video is being fetched
 * @RUSHES_TASK_STATE_SUCCEEDED: the video is in the library
 * @RUSHES_TASK_STATE_FAILED: the generation (or its submit) failed
 * @RUSHES_TASK_STATE_CANCELLED: cancelled by the user (locally or upstream)
 * @RUSHES_TASK_STATE_UNCERTAIN: the submit went out and no answer came back;
 *   the task may exist (and be billed) upstream. Never re-sent automatically.
 *
 * The nicks ("draft", "submitting", …) are the `state` strings of task records.
 */
typedef enum
{
  RUSHES_TASK_STATE_DRAFT,
  RUSHES_TASK_STATE_SUBMITTING,
  RUSHES_TASK_STATE_QUEUED,
  RUSHES_TASK_STATE_RUNNING,
  RUSHES_TASK_STATE_DOWNLOADING,
  RUSHES_TASK_STATE_SUCCEEDED,
  RUSHES_TASK_STATE_FAILED,
  RUSHES_TASK_STATE_CANCELLED,
  RUSHES_TASK_STATE_UNCERTAIN,
} RushesTaskState;

/**
 * RushesRemoteState:
 *
 * A task's state as a provider reports it, in provider-neutral terms.
 */
typedef enum
{
  RUSHES_REMOTE_STATE_QUEUED,
  RUSHES_REMOTE_STATE_RUNNING,
  RUSHES_REMOTE_STATE_SUCCEEDED,
  RUSHES_REMOTE_STATE_FAILED,
  RUSHES_REMOTE_STATE_CANCELLED,
} RushesRemoteState;

/**
 * RushesGenerationMode:
 *
 * Text-to-video when no start image is given, image-to-video otherwise.
 * The nicks ("text-to-video", "image-to-video") are used in catalog files.
 */
typedef enum
{
  RUSHES_GENERATION_MODE_TEXT_TO_VIDEO,
  RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO,
} RushesGenerationMode;

/**
 * RushesControlKind:
 * @RUSHES_CONTROL_KIND_TEXT: free text with an optional length limit (prompt, negative prompt)
 * @RUSHES_CONTROL_KIND_IMAGE: a local image file or an http(s) URL
 * @RUSHES_CONTROL_KIND_CHOICE: one of a list of values (aspect ratio, duration, resolution)
 * @RUSHES_CONTROL_KIND_INTEGER: a whole number within a range (seed)
 * @RUSHES_CONTROL_KIND_BOOLEAN: on or off (audio)
 * @RUSHES_CONTROL_KIND_NUMBER: a number, fractions allowed, within a range
 *   and with a step (a live schema's CFG scale)
 */
typedef enum
{
  RUSHES_CONTROL_KIND_TEXT,
  RUSHES_CONTROL_KIND_IMAGE,
  RUSHES_CONTROL_KIND_CHOICE,
  RUSHES_CONTROL_KIND_INTEGER,
  RUSHES_CONTROL_KIND_BOOLEAN,
  RUSHES_CONTROL_KIND_NUMBER,
} RushesControlKind;

/**
 * RushesRunFlags:
 * @RUSHES_RUN_FLAGS_NONE: submit (if needed), follow to the end and download
 * @RUSHES_RUN_FLAGS_DETACH: return as soon as the submit has answered and the
 *   remote id is stored; a later run follows the task
 * @RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET: the user chose to send this run
 *   although it passes a budget ("Send Anyway", --allow-over-budget)
 */
typedef enum /*< flags >*/
{
  RUSHES_RUN_FLAGS_NONE               = 0,
  RUSHES_RUN_FLAGS_DETACH             = 1 << 0,
  RUSHES_RUN_FLAGS_ALLOW_OVER_BUDGET  = 1 << 1,
} RushesRunFlags;

/**
 * RushesQuoteSource:
 * @RUSHES_QUOTE_SOURCE_CATALOG: a price hint written into the catalog, or
 *   a provider's approximate cost of a run: an estimate
 * @RUSHES_QUOTE_SOURCE_PRICE_LIST: the provider's own price list, from its
 *   live listing, matched against the settings (Wiro's `dynamicprice`)
 * @RUSHES_QUOTE_SOURCE_PROVIDER: the provider priced these exact settings
 *   just now (WaveSpeed's `/model/price`)
 *
 * Where a quote's amount comes from; the nicks ("catalog", "price-list",
 * "provider") are what `rushes-cli generate --estimate --json` prints.
 */
typedef enum
{
  RUSHES_QUOTE_SOURCE_CATALOG,
  RUSHES_QUOTE_SOURCE_PRICE_LIST,
  RUSHES_QUOTE_SOURCE_PROVIDER,
} RushesQuoteSource;

/**
 * RushesSecretKind:
 * @RUSHES_SECRET_API_KEY: the provider's API key
 * @RUSHES_SECRET_API_SECRET: the API secret (Wiro signs requests with it; optional)
 */
typedef enum
{
  RUSHES_SECRET_API_KEY,
  RUSHES_SECRET_API_SECRET,
} RushesSecretKind;

const char      *rushes_task_state_to_string        (RushesTaskState      state);
gboolean         rushes_task_state_from_string      (const char          *string,
                                                     RushesTaskState     *state);
gboolean         rushes_task_state_is_finished      (RushesTaskState      state);
const char      *rushes_generation_mode_to_string   (RushesGenerationMode mode);
gboolean         rushes_generation_mode_from_string (const char          *string,
                                                     RushesGenerationMode *mode);
const char      *rushes_control_kind_to_string      (RushesControlKind    kind);
const char      *rushes_quote_source_to_string      (RushesQuoteSource    source);
gboolean         rushes_control_kind_from_string    (const char          *string,
                                                     RushesControlKind   *kind);

G_END_DECLS
