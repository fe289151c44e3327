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

#define G_LOG_DOMAIN "rushes-shot-group"

#include "config.h"

#include "rushes-shot-group-private.h"

/**
 * RushesShotGroup:
 *
 * The takes of one shot shown in the gallery (those the search and
 * filters let through), oldest first: take 1 is the first one made. As a
 * #GListModel of #RushesTask it is the list an expanded shot card shows.
 *
 * #RushesShotModel fills it: it gathers the takes of a pass over the
 * gallery with _rushes_shot_group_add(), then _rushes_shot_group_commit()
 * replaces the takes shown if they changed.
 */
struct _RushesShotGroup
{
  GObject    parent_instance;

  /* Owned */
  char      *id;
  GPtrArray *takes;     /* RushesTask, oldest first */
  GPtrArray *pending;   /* the takes of the pass in progress, or NULL */
};

static void rushes_shot_group_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesShotGroup, rushes_shot_group, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rushes_shot_group_list_model_init))

enum {
  PROP_0,
  PROP_N_TAKES,
  PROP_POSTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rushes_shot_group_get_item_type (GListModel *model)
{
  return RUSHES_TYPE_TASK;
}

static guint
rushes_shot_group_get_n_items (GListModel *model)
{
  return RUSHES_SHOT_GROUP (model)->takes->len;
}

static gpointer
rushes_shot_group_get_item (GListModel *model,
                            guint       position)
{
  RushesShotGroup *self = RUSHES_SHOT_GROUP (model);

  if (position >= self->takes->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->takes, position));
}

static void
rushes_shot_group_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rushes_shot_group_get_item_type;
  iface->get_n_items = rushes_shot_group_get_n_items;
  iface->get_item = rushes_shot_group_get_item;
}

static void
favourite_changed_cb (RushesShotGroup *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSTER]);
}

/* A star decides the poster of a shot of several takes. */
static void
watch_takes (RushesShotGroup *self,
             gboolean         watch)
{
  for (guint i = 0; self->takes->len > 1 && i < self->takes->len; i++)
    {
      if (watch)
        g_signal_connect_swapped (g_ptr_array_index (self->takes, i), "notify::favourite",
                                  G_CALLBACK (favourite_changed_cb), self);
      else
        g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->takes, i), favourite_changed_cb, self);
    }
}

static int
compare_takes (gconstpointer a,
               gconstpointer b)
{
  RushesTask *ta = *(RushesTask **) a;
  RushesTask *tb = *(RushesTask **) b;
  int order = g_date_time_compare (rushes_task_get_created_at (ta), rushes_task_get_created_at (tb));

  return order != 0 ? order : g_strcmp0 (rushes_task_get_id (ta), rushes_task_get_id (tb));
}

static void
rushes_shot_group_finalize (GObject *object)
{
  RushesShotGroup *self = RUSHES_SHOT_GROUP (object);

  watch_takes (self, FALSE);
  g_clear_pointer (&self->takes, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (rushes_shot_group_parent_class)->finalize (object);
}

static void
rushes_shot_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RushesShotGroup *self = RUSHES_SHOT_GROUP (object);

  switch (prop_id)
    {
    case PROP_N_TAKES:
      g_value_set_uint (value, self->takes->len);
      break;

    case PROP_POSTER:
      g_value_set_object (value, rushes_shot_group_get_poster (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_shot_group_class_init (RushesShotGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_shot_group_finalize;
  object_class->get_property = rushes_shot_group_get_property;

  properties[PROP_N_TAKES] =
    g_param_spec_uint ("n-takes", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesShotGroup:poster:
   *
   * The take that stands for the shot: the starred one, else the first.
   */
  properties[PROP_POSTER] =
    g_param_spec_object ("poster", NULL, NULL,
                         RUSHES_TYPE_TASK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_shot_group_init (RushesShotGroup *self)
{
  self->takes = g_ptr_array_new_with_free_func (g_object_unref);
}

RushesShotGroup *
_rushes_shot_group_new (const char *id)
{
  RushesShotGroup *self = g_object_new (RUSHES_TYPE_SHOT_GROUP, NULL);

  self->id = g_strdup (id);
  return self;
}

/* A take seen in the pass over the gallery in progress. */
void
_rushes_shot_group_add (RushesShotGroup *self,
                        RushesTask      *task)
{
  g_assert (RUSHES_IS_SHOT_GROUP (self));

  if (self->pending == NULL)
    self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->pending, g_object_ref (task));
}

/* A pass that only adds takes starts from those shown. Returns whether
 * the group was not in the pass yet. */
gboolean
_rushes_shot_group_keep (RushesShotGroup *self)
{
  g_assert (RUSHES_IS_SHOT_GROUP (self));

  if (self->pending != NULL)
    return FALSE;

  self->pending = g_ptr_array_new_full (self->takes->len + 1, g_object_unref);
  for (guint i = 0; i < self->takes->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (self->takes, i)));
  return TRUE;
}

/* Ends a pass: the takes seen replace those shown. Returns whether they
 * changed. */
gboolean
_rushes_shot_group_commit (RushesShotGroup *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);
  guint old_len = self->takes->len;
  gboolean same;

  g_assert (RUSHES_IS_SHOT_GROUP (self));

  if (pending == NULL)
    pending = g_ptr_array_new_with_free_func (g_object_unref);
  if (pending->len > 1)
    g_ptr_array_sort (pending, compare_takes);

  same = pending->len == old_len;
  for (guint i = 0; same && i < old_len; i++)
    same = g_ptr_array_index (pending, i) == g_ptr_array_index (self->takes, i);
  if (same)
    return FALSE;

  watch_takes (self, FALSE);
  g_ptr_array_unref (self->takes);
  self->takes = g_steal_pointer (&pending);
  watch_takes (self, TRUE);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->takes->len);
  if (old_len != self->takes->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TAKES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSTER]);

  return TRUE;
}

/**
 * rushes_shot_group_get_id:
 *
 * Returns: the shot's id, shared by its takes' tasks
 */
const char *
rushes_shot_group_get_id (RushesShotGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_SHOT_GROUP (self), NULL);

  return self->id;
}

guint
rushes_shot_group_get_n_takes (RushesShotGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_SHOT_GROUP (self), 0);

  return self->takes->len;
}

/**
 * rushes_shot_group_get_take:
 * @index: 0 for take 1
 *
 * Returns: (transfer none): the take
 */
RushesTask *
rushes_shot_group_get_take (RushesShotGroup *self,
                            guint            index)
{
  g_return_val_if_fail (RUSHES_IS_SHOT_GROUP (self), NULL);
  g_return_val_if_fail (index < self->takes->len, NULL);

  return g_ptr_array_index (self->takes, index);
}

/**
 * rushes_shot_group_get_poster:
 *
 * The take that stands for the shot: the starred (favourite) one, else
 * the first.
 *
 * Returns: (transfer none) (nullable): the take, %NULL for an empty shot
 */
RushesTask *
rushes_shot_group_get_poster (RushesShotGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_SHOT_GROUP (self), NULL);

  for (guint i = 0; i < self->takes->len; i++)
    if (rushes_task_get_favourite (g_ptr_array_index (self->takes, i)))
      return g_ptr_array_index (self->takes, i);

  return self->takes->len > 0 ? g_ptr_array_index (self->takes, 0) : NULL;
}

/**
 * rushes_shot_group_get_take_number:
 *
 * Returns: @task's number in the shot, from 1; 0 when it is not one of
 *   its takes
 */
guint
rushes_shot_group_get_take_number (RushesShotGroup *self,
                                   RushesTask      *task)
{
  guint index;

  g_return_val_if_fail (RUSHES_IS_SHOT_GROUP (self), 0);

  return g_ptr_array_find (self->takes, task, &index) ? index + 1 : 0;
}

/**
 * rushes_shot_group_get_compare_takes:
 * @max_takes: how many can be compared at once
 *
 * The takes to compare from the shot, in take order: the starred ones
 * first, then the others, those with a video only.
 *
 * Returns: (transfer container) (element-type RushesTask): the takes
 */
GPtrArray *
rushes_shot_group_get_compare_takes (RushesShotGroup *self,
                                     guint            max_takes)
{
  GPtrArray *takes = g_ptr_array_new ();
  g_autofree gboolean *chosen = NULL;
  guint n_chosen = 0;

  g_return_val_if_fail (RUSHES_IS_SHOT_GROUP (self), takes);

  chosen = g_new0 (gboolean, self->takes->len + 1);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->takes->len && n_chosen < max_takes; i++)
      {
        RushesTask *task = g_ptr_array_index (self->takes, i);

        if (!chosen[i] && rushes_task_get_video_file (task) != NULL &&
            rushes_task_get_favourite (task) == (pass == 0))
          {
            chosen[i] = TRUE;
            n_chosen++;
          }
      }

  for (guint i = 0; i < self->takes->len; i++)
    if (chosen[i])
      g_ptr_array_add (takes, g_ptr_array_index (self->takes, i));

  return takes;
}
