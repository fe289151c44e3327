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

#define G_LOG_DOMAIN "rushes-shot-model"

#include "config.h"

#include <gtk/gtk.h>

#include "rushes-shot-group-private.h"
#include "rushes-shot-model.h"

/**
 * RushesShotModel:
 *
 * The gallery grouped by shot: a #GListModel of #RushesShotGroup, one per
 * shot of the tasks it is given, in the order in which each shot first
 * appears among them (so the gallery's sort and filters apply to shots).
 *
 * Tasks added after the others (the library loading, older batch after
 * older batch) only join their shots or add shots at the end. Any other
 * change is answered with one pass over all the tasks, O(n) with a hash
 * table: tens of milliseconds for 10,000 clips. The groups are kept from
 * pass to pass, so that a shot card and an opened shot survive a change,
 * and only the span of shots that moved is reported as changed.
 */
struct _RushesShotModel
{
  GObject     parent_instance;

  /* Owned */
  GListModel *tasks;
  GPtrArray  *shots;     /* RushesShotGroup, in order */
  guint       n_tasks;   /* of the tasks, as of the last pass */
  GHashTable *by_id;     /* shot id (owned by the group) → RushesShotGroup */
};

static void rushes_shot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesShotModel, rushes_shot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rushes_shot_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rushes_shot_model_get_item_type (GListModel *model)
{
  return RUSHES_TYPE_SHOT_GROUP;
}

static guint
rushes_shot_model_get_n_items (GListModel *model)
{
  return RUSHES_SHOT_MODEL (model)->shots->len;
}

static gpointer
rushes_shot_model_get_item (GListModel *model,
                            guint       position)
{
  RushesShotModel *self = RUSHES_SHOT_MODEL (model);

  if (position >= self->shots->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->shots, position));
}

static void
rushes_shot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rushes_shot_model_get_item_type;
  iface->get_n_items = rushes_shot_model_get_n_items;
  iface->get_item = rushes_shot_model_get_item;
}

static void
rushes_shot_model_regroup (RushesShotModel *self)
{
  g_autoptr(GPtrArray) old_shots = g_steal_pointer (&self->shots);
  g_autoptr(GHashTable) old_by_id = g_steal_pointer (&self->by_id);
  guint n_tasks = self->tasks != NULL ? g_list_model_get_n_items (self->tasks) : 0;
  guint prefix, suffix, old_len, new_len;

  self->shots = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->n_tasks = n_tasks;

  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (self->tasks, i);
      const char *id = rushes_task_get_shot (task);
      RushesShotGroup *group;

      if (id == NULL)
        id = rushes_task_get_id (task);

      group = g_hash_table_lookup (self->by_id, id);
      if (group == NULL)
        {
          group = old_by_id != NULL ? g_hash_table_lookup (old_by_id, id) : NULL;
          group = group != NULL ? g_object_ref (group) : _rushes_shot_group_new (id);
          g_ptr_array_add (self->shots, group);
          g_hash_table_insert (self->by_id, (gpointer) rushes_shot_group_get_id (group), group);
        }
      _rushes_shot_group_add (group, task);
    }

  for (guint i = 0; i < self->shots->len; i++)
    _rushes_shot_group_commit (g_ptr_array_index (self->shots, i));

  /* The shots before and after the span that changed kept their place. */
  old_len = old_shots != NULL ? old_shots->len : 0;
  new_len = self->shots->len;
  for (prefix = 0; prefix < MIN (old_len, new_len); prefix++)
    if (g_ptr_array_index (old_shots, prefix) != g_ptr_array_index (self->shots, prefix))
      break;
  for (suffix = 0; suffix < MIN (old_len, new_len) - prefix; suffix++)
    if (g_ptr_array_index (old_shots, old_len - 1 - suffix) != g_ptr_array_index (self->shots, new_len - 1 - suffix))
      break;

  if (prefix + suffix < MAX (old_len, new_len))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix, new_len - prefix - suffix);
}

/* Tasks after all the others: they join shots or make new ones at the
 * end, and no shot moves. */
static void
rushes_shot_model_append (RushesShotModel *self,
                          guint            position,
                          guint            added)
{
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();
  guint old_len = self->shots->len;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (self->tasks, i);
      const char *id = rushes_task_get_shot (task) != NULL ? rushes_task_get_shot (task) : rushes_task_get_id (task);
      RushesShotGroup *group = g_hash_table_lookup (self->by_id, id);

      if (group == NULL)
        {
          group = _rushes_shot_group_new (id);
          g_ptr_array_add (self->shots, group);
          g_hash_table_insert (self->by_id, (gpointer) rushes_shot_group_get_id (group), group);
        }
      if (_rushes_shot_group_keep (group))
        g_ptr_array_add (touched, group);
      _rushes_shot_group_add (group, task);
    }

  for (guint i = 0; i < touched->len; i++)
    _rushes_shot_group_commit (g_ptr_array_index (touched, i));

  self->n_tasks += added;
  if (self->shots->len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, self->shots->len - old_len);
}

static void
tasks_changed_cb (RushesShotModel *self,
                  guint            position,
                  guint            removed,
                  guint            added)
{
  if (removed == 0 && position == self->n_tasks)
    rushes_shot_model_append (self, position, added);
  else
    rushes_shot_model_regroup (self);
}

static void
rushes_shot_model_dispose (GObject *object)
{
  RushesShotModel *self = RUSHES_SHOT_MODEL (object);

  if (self->tasks != NULL)
    g_signal_handlers_disconnect_by_func (self->tasks, tasks_changed_cb, self);
  g_clear_object (&self->tasks);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->shots, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_shot_model_parent_class)->dispose (object);
}

static void
rushes_shot_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RushesShotModel *self = RUSHES_SHOT_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->tasks);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_shot_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RushesShotModel *self = RUSHES_SHOT_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      rushes_shot_model_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_shot_model_class_init (RushesShotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_shot_model_dispose;
  object_class->get_property = rushes_shot_model_get_property;
  object_class->set_property = rushes_shot_model_set_property;

  /**
   * RushesShotModel:model:
   *
   * The tasks to group, a #GListModel of #RushesTask, or %NULL.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_shot_model_init (RushesShotModel *self)
{
  self->shots = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * rushes_shot_model_new:
 * @tasks: (nullable): the tasks to group
 *
 * Returns: (transfer full): a new model
 */
RushesShotModel *
rushes_shot_model_new (GListModel *tasks)
{
  g_return_val_if_fail (tasks == NULL || G_IS_LIST_MODEL (tasks), NULL);

  return g_object_new (RUSHES_TYPE_SHOT_MODEL, "model", tasks, NULL);
}

/**
 * rushes_shot_model_get_model:
 *
 * Returns: (transfer none) (nullable): the tasks grouped
 */
GListModel *
rushes_shot_model_get_model (RushesShotModel *self)
{
  g_return_val_if_fail (RUSHES_IS_SHOT_MODEL (self), NULL);

  return self->tasks;
}

/**
 * rushes_shot_model_set_model:
 * @tasks: (nullable): the tasks to group; %NULL empties the model and
 *   costs nothing while the gallery is not grouped
 */
void
rushes_shot_model_set_model (RushesShotModel *self,
                             GListModel      *tasks)
{
  g_return_if_fail (RUSHES_IS_SHOT_MODEL (self));
  g_return_if_fail (tasks == NULL || G_IS_LIST_MODEL (tasks));

  if (self->tasks == tasks)
    return;

  if (self->tasks != NULL)
    g_signal_handlers_disconnect_by_func (self->tasks, tasks_changed_cb, self);
  g_set_object (&self->tasks, tasks);
  if (tasks != NULL)
    g_signal_connect_swapped (tasks, "items-changed", G_CALLBACK (tasks_changed_cb), self);

  rushes_shot_model_regroup (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * rushes_shot_model_lookup:
 * @shot: a shot id
 *
 * Returns: (transfer none) (nullable): the shot's group, if any of its
 *   takes is among the tasks
 */
RushesShotGroup *
rushes_shot_model_lookup (RushesShotModel *self,
                          const char      *shot)
{
  g_return_val_if_fail (RUSHES_IS_SHOT_MODEL (self), NULL);
  g_return_val_if_fail (shot != NULL, NULL);

  return g_hash_table_lookup (self->by_id, shot);
}

/**
 * rushes_shot_model_item_get_task:
 * @item: an item of the gallery: a #RushesTask, or a #GtkTreeListRow of
 *   the gallery grouped by shot
 *
 * Returns: (transfer full) (nullable): the clip @item stands for: itself,
 *   the take of a row, or the poster take of a shot
 */
RushesTask *
rushes_shot_model_item_get_task (gpointer item)
{
  g_autoptr(GObject) inner = NULL;

  if (RUSHES_IS_TASK (item))
    return g_object_ref (item);
  if (!GTK_IS_TREE_LIST_ROW (item))
    return NULL;

  inner = gtk_tree_list_row_get_item (item);
  if (RUSHES_IS_TASK (inner))
    return RUSHES_TASK (g_steal_pointer (&inner));
  if (RUSHES_IS_SHOT_GROUP (inner) && rushes_shot_group_get_poster (RUSHES_SHOT_GROUP (inner)) != NULL)
    return g_object_ref (rushes_shot_group_get_poster (RUSHES_SHOT_GROUP (inner)));

  return NULL;
}

/**
 * rushes_shot_model_collect:
 * @tasks: a #GListModel of #RushesTask, such as the gallery
 * @shot: a shot id
 *
 * Gathers the takes of one shot among @tasks, whether or not the gallery
 * is grouped: one pass over them.
 *
 * Returns: (transfer full): the shot's group, holding its takes
 */
RushesShotGroup *
rushes_shot_model_collect (GListModel *tasks,
                           const char *shot)
{
  RushesShotGroup *group;
  guint n_tasks;

  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), NULL);
  g_return_val_if_fail (shot != NULL, NULL);

  group = _rushes_shot_group_new (shot);
  n_tasks = g_list_model_get_n_items (tasks);
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(RushesTask) task = g_list_model_get_item (tasks, i);

      if (g_strcmp0 (rushes_task_get_shot (task), shot) == 0)
        _rushes_shot_group_add (group, task);
    }
  _rushes_shot_group_commit (group);

  return group;
}
