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

#define G_LOG_DOMAIN "rushes-shot"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-shot.h"

/*
 * A shot is the group of takes one Generate makes: one idea fanned out
 * over seeds (variations) and over models. Each take is its own task with
 * its own seed where the model takes one, recorded in its parameters, so
 * that a take can be made again exactly.
 */

void
rushes_take_free (RushesTake *take)
{
  if (take == NULL)
    return;

  g_clear_object (&take->model);
  g_clear_object (&take->params);
  g_free (take);
}

static gint64
random_seed (gint64 min,
             gint64 max)
{
  /* g_random_int_range() takes 32-bit bounds: seeds beyond them are
   * drawn in the part of the range it can cover. */
  gint32 low = (gint32) CLAMP (min, G_MININT32, G_MAXINT32 - 1);
  gint32 high = (gint32) CLAMP (max, low, G_MAXINT32 - 1);

  return g_random_int_range (low, high + 1);
}

/**
 * rushes_shot_plan:
 * @models: (array length=n_models): the models to fan out over (one or more)
 * @params: what the user asked for
 * @variations: takes per model, 1 to %RUSHES_SHOT_MAX_TAKES in all
 * @error: a %RUSHES_ERROR_INVALID_INPUT naming the model whose take is
 *   invalid; nothing is planned then
 *
 * Plans the takes of one shot: @variations per model, each with a seed of
 * its own where the model takes one — a random one, or the user's seed
 * counting up from it. Every take is validated before any is created.
 *
 * Returns: (transfer full) (element-type RushesTake): the takes, model by
 *   model
 */
GPtrArray *
rushes_shot_plan (RushesModel            **models,
                  guint                    n_models,
                  RushesGenerationParams  *params,
                  guint                    variations,
                  GError                 **error)
{
  g_autofree RushesGenerationParams **each = NULL;

  g_return_val_if_fail (models != NULL && n_models > 0, NULL);
  g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params), NULL);

  each = g_new (RushesGenerationParams *, n_models);
  for (guint m = 0; m < n_models; m++)
    each[m] = params;

  return rushes_shot_plan_full (models, n_models, each, variations, error);
}

/**
 * rushes_shot_plan_full:
 * @models: (array length=n_models): the models to fan out over
 * @params: (array length=n_models): what each model is asked for
 * @variations: takes per model, 1 to %RUSHES_SHOT_MAX_TAKES in all
 *
 * rushes_shot_plan() with parameters of each model's own: the composer
 * leaves out of a model's take the settings it does not have.
 *
 * Returns: (transfer full) (element-type RushesTake): the takes, model by
 *   model
 */
GPtrArray *
rushes_shot_plan_full (RushesModel            **models,
                       guint                    n_models,
                       RushesGenerationParams **params,
                       guint                    variations,
                       GError                 **error)
{
  g_autoptr(GPtrArray) takes = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_take_free);

  g_return_val_if_fail (models != NULL && n_models > 0, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (variations < 1 || (guint64) variations * n_models > RUSHES_SHOT_MAX_TAKES)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("A shot has 1 to %d takes; %u models × %u variations make %u"),
                   RUSHES_SHOT_MAX_TAKES, n_models, variations, n_models * variations);
      rushes_error_set_control (*error, "takes");
      return NULL;
    }

  for (guint m = 0; m < n_models; m++)
    {
      RushesModel *model = models[m];
      gboolean seeded = rushes_model_has_control (model, RUSHES_CONTROL_SEED);
      const char *seed_text = rushes_generation_params_get_value (params[m], RUSHES_CONTROL_SEED);
      gint64 min = 0, max = G_MAXINT32, user_seed = 0;
      gboolean has_user_seed = seed_text != NULL &&
                               g_ascii_string_to_signed (seed_text, 10, G_MININT64, G_MAXINT64, &user_seed, NULL);

      g_return_val_if_fail (RUSHES_IS_MODEL (model), NULL);
      g_return_val_if_fail (RUSHES_IS_GENERATION_PARAMS (params[m]), NULL);

      if (seeded)
        rushes_model_get_range (model, RUSHES_CONTROL_SEED, &min, &max);

      for (guint v = 0; v < variations; v++)
        {
          g_autoptr(RushesGenerationParams) take_params = rushes_generation_params_copy (params[m]);
          g_autoptr(GError) local_error = NULL;
          RushesTake *take;

          if (seeded && (variations > 1 || n_models > 1 || !has_user_seed))
            {
              gint64 seed = has_user_seed ? user_seed + v : random_seed (min, max);
              g_autofree char *text = NULL;

              if (seed > max)
                seed = min + (seed - max - 1) % (max - min + 1);
              text = g_strdup_printf ("%" G_GINT64_FORMAT, seed);
              rushes_generation_params_set_value (take_params, RUSHES_CONTROL_SEED, text, NULL);
            }
          else if (!seeded)
            {
              /* A seed given for a fan-out over models applies where it can. */
              if (n_models > 1)
                rushes_generation_params_set_value (take_params, RUSHES_CONTROL_SEED, NULL, NULL);
            }

          if (!rushes_model_validate (model, take_params, &local_error))
            {
              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           /* Translators: a model's name, then what is wrong */
                           _("%s: %s"), rushes_model_get_name (model), local_error->message);
              rushes_error_set_control (*error, rushes_error_get_control (local_error));
              return NULL;
            }

          take = g_new0 (RushesTake, 1);
          take->model = g_object_ref (model);
          take->params = g_steal_pointer (&take_params);
          g_ptr_array_add (takes, take);
        }
    }

  return g_steal_pointer (&takes);
}
