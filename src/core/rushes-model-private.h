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
RushesModel       *_rushes_model_new_summary          (const char              *id,
                                                       const char              *provider_id,
                                                       const char              *name,
                                                       const char              *vendor,
                                                       gboolean                 retired,
                                                       const char              *unavailable,
                                                       guint                    modes,
                                                       GBytes                  *entry,
                                                       const char              *origin);
void               _rushes_model_set_live             (RushesModel             *self,
                                                       GDateTime               *fetched_at);
const char        *_rushes_model_get_search_key       (RushesModel             *self);
char              *_rushes_model_fold_text            (const char              *text);
gboolean           _rushes_model_summary_available    (RushesModel             *self);
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
  char              *description;
  RushesControlKind  kind;
  char             **values;         /* choice: never empty; other kinds: NULL */
  char             **value_labels;   /* choice: as long as values; a value's own text when it has no label */
  char              *default_value;
  char             **formats;        /* image: never empty; other kinds: NULL */
  gint64             min;            /* integer */
  gint64             max;
  double             number_min;     /* number */
  double             number_max;
  double             step;           /* integer and number: 0 = any */
  guint64            max_bytes;
  guint              max_length;
  guint              min_length;
  guint              modes;
  guint              required : 1;
  guint              accept_file : 1;
  guint              accept_url : 1;
  guint              integer_values : 1;
  guint              generic : 1;    /* a control Rushes does not know by name */
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

/* Where a price rule comes from ("source" of a price entry). */
typedef enum
{
  PRICE_HINT,        /* written into the catalog by hand */
  PRICE_LIST,        /* a row of the provider's published price list */
  PRICE_APPROXIMATE, /* the provider's own approximate cost of a run */
} PriceSource;

typedef struct
{
  GPtrArray  *when;   /* Condition */
  double      per_second;
  double      per_video;
  PriceSource source;
} PriceRule;

struct _RushesModel
{
  GObject    parent_instance;

  char      *id;
  char      *provider_id;
  char      *name;
  char      *vendor;
  char      *description;
  char      *retired_note;
  char      *price_note;
  char      *unavailable;   /* why the model cannot be used; NULL when it can */
  char      *origin;
  char      *search_key;    /* folded name, vendor, id and provider, made on first search */
  GBytes    *pending;       /* the entry's text, until a getter needs it */
  GDateTime *fetched_at;    /* live: when the provider's listing was read */
  char      *paths[2];      /* by RushesGenerationMode; NULL for a mode not offered */
  GPtrArray *controls;     /* Control, catalog order */
  GPtrArray *constraints;  /* Constraint */
  GPtrArray *mappings;     /* Mapping */
  GPtrArray *prices;       /* PriceRule */
  guint      modes;
  guint      poll_delay_ms;
  guint      poll_interval_ms;
  guint      retired : 1;
  guint      summary_unavailable : 1;
  guint      live : 1;
};

/* rushes-model.c */
void        _rushes_model_ensure_loaded      (RushesModel            *self);
void        _rushes_model_control_free       (Control                *control);
void        _rushes_model_condition_free     (Condition              *condition);
Control    *_rushes_model_find_control       (RushesModel            *self,
                                              const char             *name);
gboolean    _rushes_model_value_in           (char                  **values,
                                              const char             *value);

/* rushes-model-parse.c */
gboolean    _rushes_model_scalar_to_string   (JsonNode               *node,
                                              char                  **out);
gboolean    _rushes_model_load_entry         (RushesModel            *self,
                                              JsonNode               *node,
                                              GError                **error);
void        _rushes_model_reset              (RushesModel            *self);

/* rushes-model-validate.c */
gboolean    _rushes_model_control_applies    (const Control          *control,
                                              RushesGenerationMode    mode);
const char *_rushes_model_condition_value    (RushesModel            *self,
                                              RushesGenerationParams *params,
                                              const char             *control);
gboolean    _rushes_model_conditions_hold    (RushesModel            *self,
                                              GPtrArray              *conditions,
                                              RushesGenerationParams *params);
gboolean    _rushes_model_estimate           (RushesModel            *self,
                                              RushesGenerationParams *params,
                                              double                 *cost_usd,
                                              PriceSource            *source);

/* rushes-model-wire.c */
gboolean    _rushes_model_wire_type_from_string (const char          *name,
                                                 WireType            *type);
JsonNode   *_rushes_model_app_value_to_node  (const Control          *control,
                                              const char             *value);
char       *_rushes_model_format_number      (double                  number);

G_END_DECLS
