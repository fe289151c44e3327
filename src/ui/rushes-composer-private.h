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

#include <adwaita.h>

#include "rushes-composer.h"
#include "rushes-image-slot.h"
#include "rushes-model-picker.h"

G_BEGIN_DECLS

/* Shared by the files of RushesComposer:
 *   rushes-composer.c           the widget, the model list, keys, why
 *                               Generate is not available, public API
 *   rushes-composer-controls.c  the rows of the model's controls and the
 *                               values in them
 *   rushes-composer-draft.c     the draft on disk
 *   rushes-composer-generic.c   the rows of settings known only by a
 *                               provider's schema
 *   rushes-composer-reuse.c     settings from a clip or an exported video
 *                               dropped on it */

struct _RushesComposer
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwActionRow       *model_row;
  GtkMenuButton      *model_button;
  GtkRevealer        *notice_revealer;
  GtkLabel           *notice_label;
  GtkTextView        *prompt_view;
  GtkLabel           *count_label;
  GtkBox             *images_box;
  RushesImageSlot    *image_slot;
  RushesImageSlot    *end_image_slot;
  AdwEntryRow        *image_url_row;
  AdwPreferencesGroup *settings_group;
  AdwActionRow       *aspect_ratio_row;
  GtkBox             *aspect_ratio_box;
  AdwActionRow       *duration_row;
  GtkDropDown        *duration_dropdown;
  AdwActionRow       *resolution_row;
  GtkDropDown        *resolution_dropdown;
  AdwActionRow       *audio_row;
  GtkSwitch          *audio_switch;
  AdwEntryRow        *negative_prompt_row;
  AdwEntryRow        *seed_row;
  AdwPreferencesGroup *generic_group;
  AdwPreferencesGroup *takes_group;
  AdwActionRow       *takes_row;
  GtkSpinButton      *takes_spin;
  AdwActionRow       *models_row;
  GtkMenuButton      *models_button;
  GtkLabel           *cost_label;
  GtkButton          *generate_button;
  GtkLabel           *reason_label;

  /* Borrowed */
  RushesEngine       *engine;
  RushesModelPicker  *model_picker;     /* owned by its menu button */
  RushesModelPicker  *also_picker;

  /* Owned */
  RushesModel        *model;
  RushesGenerationParams *params;
  GPtrArray          *also;             /* RushesModel: other models of the shot */
  GHashTable         *key_states;       /* provider id → KeyState */
  GHashTable         *generic_rows;     /* control → its row, for generic controls */
  GCancellable       *cancellable;
  GStrv               duration_values;
  GStrv               resolution_values;
  char               *blocker;
  char               *notice;
  GError             *input_error;      /* a value that could not be read */
  guint               save_source;
  RushesQuote        *quote;            /* for quote_key, once answered */
  char               *quote_key;        /* the model and settings asked about */
  GCancellable       *quote_cancellable;
  guint               quote_source;
  RushesBudgetUse     budget_use;       /* the last measure, while budget_cached */
  double              budget_total;     /* … of these estimates */
  double              budget_dearest;
  gboolean            budgeted;

  guint               updating : 1;
  guint               budget_cached : 1;
};

/* rushes-composer.c */
void     _rushes_composer_update_state    (RushesComposer *self);
GPtrArray *_rushes_composer_plan          (RushesComposer *self,
                                           guint           variations,
                                           GError        **error);
void     _rushes_composer_set_notice      (RushesComposer *self,
                                           const char     *notice);
void     _rushes_composer_sync_model_list (RushesComposer *self);
void     _rushes_composer_set_also        (RushesComposer *self,
                                           GPtrArray      *models);

/* rushes-composer-controls.c */
void     _rushes_composer_controls_init   (RushesComposer *self);
void     _rushes_composer_show_error      (RushesComposer *self,
                                           const GError   *error);
void     _rushes_composer_apply_model     (RushesComposer *self,
                                           RushesModel    *model,
                                           gboolean        announce);

/* rushes-composer-generic.c */
void       _rushes_composer_generic_sync    (RushesComposer *self);
void       _rushes_composer_generic_update  (RushesComposer *self);
GtkWidget *_rushes_composer_generic_get_row (RushesComposer *self,
                                             const char     *control);

/* rushes-composer-reuse.c */
void     _rushes_composer_reuse_init      (RushesComposer *self);

/* rushes-composer-draft.c */
void     _rushes_composer_schedule_save   (RushesComposer *self);
gboolean _rushes_composer_restore_draft   (RushesComposer *self);

G_END_DECLS
