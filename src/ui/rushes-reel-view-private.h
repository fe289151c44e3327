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

#include "rushes-reel-clip.h"
#include "rushes-reel-view.h"
#include "rushes-trim-bar.h"

G_BEGIN_DECLS

/* The reel view's state, shared by rushes-reel-view.c (the reels, the
 * strip, trims and transitions), rushes-reel-view-reels.c (the reels:
 * listed, new, renamed, deleted) and rushes-reel-view-output.c (playing,
 * rendering, handing off, the next shot). */
struct _RushesReelView
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkMenuButton        *reels_button;
  GtkPopover           *reels_popover;
  GtkListBox           *reels_list;
  GtkLabel             *name_label;
  GtkLabel             *summary_label;
  GtkButton            *play_button;
  GtkButton            *next_shot_button;
  GtkButton            *render_button;
  GtkRevealer          *gap_revealer;
  GtkLabel             *gap_label;
  GtkRevealer          *render_revealer;
  GtkLabel             *render_label;
  GtkProgressBar       *render_progress;
  GtkStack             *strip_stack;
  GtkScrolledWindow    *strip_scroller;
  GtkBox               *strip_box;
  GtkWidget            *inspector_separator;
  GtkStack             *inspector_stack;
  GtkLabel             *clip_title;
  RushesTrimBar        *trim_bar;
  GtkLabel             *trim_label;
  GtkLabel             *cut_title;
  GtkSpinButton        *fade_spin;
  GtkAdjustment        *fade_adjustment;
  GtkLabel             *cut_note;

  /* Owned */
  RushesEngine         *engine;
  RushesThumbnailQueue *thumbnails;
  RushesLibrary        *library;
  GListStore           *reels;          /* RushesReel, most recently changed first */
  RushesReel           *reel;           /* the one open, or NULL */
  GPtrArray            *tiles;          /* RushesReelTile, in reel order */
  GPtrArray            *joins;          /* GtkButton between two tiles */
  GHashTable           *probes;         /* task id → RushesReelClip, probed */
  GHashTable           *probing;        /* task ids being probed */
  GCancellable         *cancellable;    /* loads, saves, probes; cancelled on dispose */
  GCancellable         *render_cancellable;
  GtkFileChooserNative *chooser;
  RushesTask           *preview_task;   /* what the preview is to show next */
  gint64                preview_position;
  guint                 preview_source;
  char                 *transition;     /* the selected join's: "cut", "crossfade" or "" */
  gint64                total;          /* the reel's length in µs; -1 when it cannot be laid out */
  int                   selected;       /* the selected clip, or -1 */
  int                   selected_join;  /* the clip whose end the selected join follows, or -1 */
  guint                 pending;        /* plays, hand-offs and frame grabs under way */

  guint                 loaded : 1;
  guint                 listing : 1;
  guint                 saving : 1;
  guint                 save_again : 1;
  guint                 rendering : 1;
  guint                 syncing : 1;
};

enum {
  REEL_VIEW_PREVIEW_CLIP,
  REEL_VIEW_PLAY_PIPELINE,
  REEL_VIEW_USE_FRAME,
  REEL_VIEW_N_SIGNALS
};

extern guint _rushes_reel_view_signals[REEL_VIEW_N_SIGNALS];

/* rushes-reel-view.c */
void        _rushes_reel_view_refresh          (RushesReelView  *self);
void        _rushes_reel_view_save             (RushesReelView  *self);
void        _rushes_reel_view_toast            (RushesReelView  *self,
                                                const char      *text);
void        _rushes_reel_view_sync_actions     (RushesReelView  *self);
RushesTask *_rushes_reel_view_lookup_task      (RushesReelView  *self,
                                                RushesReelEntry *entry);
const RushesReelClip *_rushes_reel_view_lookup_probe (RushesReelView  *self,
                                                      const char      *task_id);

/* rushes-reel-view-reels.c */
void        _rushes_reel_view_reels_class_init  (GtkWidgetClass *widget_class);
void        _rushes_reel_view_reels_init        (RushesReelView *self);
void        _rushes_reel_view_list_reels        (RushesReelView *self);

/* rushes-reel-view-output.c */
void        _rushes_reel_view_output_class_init (GtkWidgetClass *widget_class);
void        _rushes_reel_view_output_dispose    (RushesReelView *self);

G_END_DECLS
