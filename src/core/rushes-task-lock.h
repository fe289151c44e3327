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

G_BEGIN_DECLS

/*
 * Two locks per task folder, across processes (the app and rushes-cli work
 * on one library):
 *
 * - the follower lock (.lock), held by the one process that drives the
 *   task from submit to video.mp4, for as long as it does;
 * - the record lock (.record-lock), held for the moment of a
 *   read-modify-write of task.json by anyone: the follower, or a process
 *   that marks a favourite, cancels, or marks a task failed.
 *
 * Both are flock() locks: the kernel drops them when a process dies.
 */

typedef struct _RushesTaskLock RushesTaskLock;

RushesTaskLock *_rushes_task_lock_try           (GFile            *folder,
                                                 gboolean         *busy,
                                                 GError          **error);
void            _rushes_task_lock_acquire_async (GFile            *folder,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
RushesTaskLock *_rushes_task_lock_acquire_finish (GAsyncResult    *result,
                                                  gboolean        *waited,
                                                  GError         **error);
RushesTaskLock *_rushes_task_lock_record        (GFile            *folder,
                                                 GError          **error);
void            _rushes_task_lock_release       (RushesTaskLock   *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RushesTaskLock, _rushes_task_lock_release)

G_END_DECLS
