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

#include "rushes-model.h"

G_BEGIN_DECLS

/* What providers and the task runner use of a model beyond its
 * public API: its wire request, its route and its polling hints. */

/**
 * RushesWireField:
 * @field: the wire field, a dotted path with optional array slots
 *   ("prompt", "input.aspect_ratio", "input.image_urls[0]")
 * @value: the wire value, already translated and typed
 * @image_control: (nullable): set when @value is an image reference (the
 *   app-level path or URL as a string): the provider decides how it travels
 *   (file part, upload, URL)
 */
typedef struct
{
  char       *field;
  JsonNode   *value;
  const char *image_control;
} RushesWireField;

/**
 * RushesWireRequest:
 * @path: the model's route for the mode ("openai/sora-2")
 * @fields: (element-type RushesWireField): the fields, in catalog order
 */
typedef struct
{
  char      *path;
  GPtrArray *fields;
} RushesWireRequest;

void               _rushes_wire_request_free          (RushesWireRequest       *request);
JsonNode          *_rushes_wire_request_to_json       (RushesWireRequest       *request,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesWireRequest, _rushes_wire_request_free)

RushesModel       *_rushes_model_new_from_json        (JsonNode                *node,
                                                       const char              *origin,
                                                       GError                 **error);
RushesWireRequest *_rushes_model_build_request        (RushesModel             *self,
                                                       RushesGenerationParams  *params,
                                                       GError                 **error);
const char        *_rushes_model_get_path             (RushesModel             *self,
                                                       RushesGenerationMode     mode);
guint              _rushes_model_get_poll_delay_ms    (RushesModel             *self);
guint              _rushes_model_get_poll_interval_ms (RushesModel             *self);

/* ------------------------------------------------------------------ */
/* Shared by the files of RushesModel:
 *   rushes-model.c           the object, its getters, the estimate, to_json
 *   rushes-model-parse.c     a catalog entry (data/models/FORMAT.md) → model
 *   rushes-model-validate.c  params against the model, defaults, constraints
 *   rushes-model-wire.c      params → the provider's request fields */

#define RUSHES_MODEL_MODE_BIT(mode) (1u << (mode))
#define RUSHES_MODEL_ALL_MODES (RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_TEXT_TO_VIDEO) | \
                                RUSHES_MODEL_MODE_BIT (RUSHES_GENERATION_MODE_IMAGE_TO_VIDEO))

/* How a mapped value is typed on the wire ("type" of a request entry). */
typedef enum
{
  WIRE_AUTO,
  WIRE_STRING,
  WIRE_INTEGER,
  WIRE_NUMBER,
  WIRE_BOOLEAN,
  WIRE_BOOLEAN_STRING,
} WireType;

/* One control of the entry; which fields are used depends on @kind. */
typedef struct
{
  char              *name;
  char              *label;
  RushesControlKind  kind;
  char             **values;         /* choice: never empty; other kinds: NULL */
  char              *default_value;
  char             **formats;        /* image: never empty; other kinds: NULL */
  gint64             min;
  gint64             max;
  guint64            max_bytes;
  guint              max_length;
  guint              min_length;
  guint              modes;
  guint              required : 1;
  guint              accept_file : 1;
  guint              accept_url : 1;
  guint              integer_values : 1;
} Control;

/* A control ("mode" too, where allowed) taking one of @values. */
typedef struct
{
  char  *control;
  char **values;
} Condition;

typedef struct
{
  GPtrArray *when;   /* Condition */
  GPtrArray *allow;  /* Condition */
  char      *message;
} Constraint;

/* One wire field: a fixed @value, or the value of the controls in @from,
 * translated through @map and typed by @type. */
typedef struct
{
  char       *field;
  char      **from;
  JsonNode   *value;
  JsonObject *map;
  WireType    type;
  guint       modes;
} Mapping;

typedef struct
{
  GPtrArray *when;   /* Condition */
  double     per_second;
  double     per_video;
} PriceRule;

struct _RushesModel
{
  GObject    parent_instance;

  char      *id;
  char      *provider_id;
  char      *name;
  char      *description;
  char      *retired_note;
  char      *price_note;
  char      *origin;
  char      *paths[2];      /* by RushesGenerationMode; NULL for a mode not offered */
  GPtrArray *controls;     /* Control, catalog order */
  GPtrArray *constraints;  /* Constraint */
  GPtrArray *mappings;     /* Mapping */
  GPtrArray *prices;       /* PriceRule */
  guint      modes;
  guint      poll_delay_ms;
  guint      poll_interval_ms;
  guint      retired : 1;
};

/* rushes-model.c */
void        _rushes_model_control_free       (Control                *control);
void        _rushes_model_condition_free     (Condition              *condition);
Control    *_rushes_model_find_control       (RushesModel            *self,
                                              const char             *name);
gboolean    _rushes_model_value_in           (char                  **values,
                                              const char             *value);

/* rushes-model-parse.c */
gboolean    _rushes_model_scalar_to_string   (JsonNode               *node,
                                              char                  **out);

/* rushes-model-validate.c */
gboolean    _rushes_model_control_applies    (const Control          *control,
                                              RushesGenerationMode    mode);
const char *_rushes_model_condition_value    (RushesGenerationParams *params,
                                              const char             *control);
gboolean    _rushes_model_conditions_hold    (GPtrArray              *conditions,
                                              RushesGenerationParams *params);

/* rushes-model-wire.c */
gboolean    _rushes_model_wire_type_from_string (const char          *name,
                                                 WireType            *type);
JsonNode   *_rushes_model_app_value_to_node  (const Control          *control,
                                              const char             *value);

G_END_DECLS
