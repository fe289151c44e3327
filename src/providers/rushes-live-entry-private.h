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

#include "rushes-types.h"

G_BEGIN_DECLS

/* A live schema, read by a provider into provider-neutral terms, becomes
 * a catalog entry here (data/models/FORMAT.md): each provider knows its
 * schema's syntax, this file what Rushes makes of a setting. */

/**
 * RushesLiveKind:
 *
 * What a schema item is, before Rushes decides which control it becomes.
 */
typedef enum
{
  RUSHES_LIVE_TEXT,
  RUSHES_LIVE_CHOICE,
  RUSHES_LIVE_INTEGER,
  RUSHES_LIVE_NUMBER,
  RUSHES_LIVE_BOOLEAN,
  RUSHES_LIVE_IMAGE,
  RUSHES_LIVE_UNSUPPORTED,
} RushesLiveKind;

/**
 * RushesLiveParam:
 * @wire: the field the value travels in
 * @values: (element-type JsonNode): a choice's wire values, strings or integers
 * @value_labels: (element-type utf8): their labels, parallel (empty: none)
 * @default_value: (nullable): the schema's default, in wire form
 * @wire_type: the catalog's "type" of the field: "string", "integer",
 *   "number", "boolean" or "boolean-string"
 * @url_only: an image that can only be given as a URL
 * @unsupported: (nullable): why Rushes cannot give the setting
 */
typedef struct
{
  char           *wire;
  char           *label;
  char           *description;
  RushesLiveKind  kind;
  GPtrArray      *values;
  GPtrArray      *value_labels;
  JsonNode       *default_value;
  double          min;
  double          max;
  double          step;
  guint           max_length;
  const char     *wire_type;
  char          **formats;
  char           *unsupported;
  guint           has_min : 1;
  guint           has_max : 1;
  guint           url_only : 1;
  guint           required : 1;
} RushesLiveParam;

/* One route of a model and the settings it takes; @modes are
 * RUSHES_MODEL_MODE_BIT()s. */
typedef struct
{
  guint      modes;
  char      *path;
  GPtrArray *params;   /* RushesLiveParam */
} RushesLiveRoute;

/* A well-known wire name and the control it is. */
typedef struct
{
  const char *wire;
  const char *control;
} RushesLiveName;

/* A row of a price list: the price when every input has its value. */
typedef struct
{
  JsonObject *inputs;       /* wire field → wire value */
  double      per_video;
  double      per_second;
  const char *source;       /* "price-list" or "approximate" */
  guint       modes;        /* the modes it is for; 0: all */
} RushesLivePrice;

typedef struct
{
  const char           *provider_id;
  char                 *id;
  char                 *name;
  char                 *vendor;
  char                 *description;
  char                 *price_note;
  char                 *unavailable;
  const RushesLiveName *names;    /* ends with { NULL, NULL } */
  GPtrArray            *routes;   /* RushesLiveRoute */
  GPtrArray            *prices;   /* RushesLivePrice */
} RushesLiveModel;

/* The "size" pseudo-control of RushesLiveName: W*H values made of a
 * resolution and an aspect ratio. */
#define RUSHES_LIVE_SIZE "size"

RushesLiveParam *_rushes_live_param_new        (const char       *wire,
                                                RushesLiveKind    kind);
void             _rushes_live_param_free       (RushesLiveParam  *param);
void             _rushes_live_param_add_value  (RushesLiveParam  *param,
                                                JsonNode         *value,
                                                const char       *label);
RushesLiveRoute *_rushes_live_route_new        (guint             modes,
                                                const char       *path);
void             _rushes_live_route_free       (RushesLiveRoute  *route);
RushesLiveModel *_rushes_live_model_new        (const char       *provider_id,
                                                const RushesLiveName *names);
void             _rushes_live_model_free       (RushesLiveModel  *model);
void             _rushes_live_model_add_price  (RushesLiveModel  *model,
                                                JsonObject       *inputs,
                                                guint             modes,
                                                double            per_video,
                                                double            per_second,
                                                const char       *source);
JsonNode        *_rushes_live_model_build      (RushesLiveModel  *model);
char            *_rushes_live_clean_slug       (const char       *slug);
const char      *_rushes_live_get_string       (JsonObject       *object,
                                                const char       *member);
char            *_rushes_live_dup_first_line   (JsonObject       *object,
                                                const char       *member);
gboolean         _rushes_live_strings_contain  (JsonArray        *array,
                                                const char       *value);
char           **_rushes_live_formats_from_mime (const char      *accept);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesLiveModel, _rushes_live_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesLiveParam, _rushes_live_param_free)

G_END_DECLS
