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

#include "rushes-library-view.h"
#include "rushes-shot-model.h"

G_BEGIN_DECLS

/* Shared by the files of RushesLibraryView:
 *   rushes-library-view.c        the widget: running tasks, the gallery,
 *                                search, filters, sorting, the clip menu
 *   rushes-library-view-takes.c  takes: grouping by shot, several clips
 *                                selected, Compare, clip details */

/* How many takes play side by side in Compare. */
#define COMPARE_MAX_TAKES 4

typedef enum {
  SHOW_ALL,
  SHOW_SUCCEEDED,
  SHOW_PROBLEMS,
  SHOW_FAVOURITES,
} ShowFilter;

typedef enum {
  SORT_NEWEST,
  SORT_OLDEST,
  SORT_COST,
} SortOrder;

struct _RushesLibraryView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkStack           *stack;
  GtkSpinner         *loading_spinner;
  GtkRevealer        *active_revealer;
  GtkLabel           *active_header;
  GtkScrolledWindow  *active_scroller;
  GtkListBox         *active_list;
  GtkScrolledWindow  *gallery_scroller;
  GtkGridView        *gallery;
  GtkRevealer        *compare_revealer;
  GtkLabel           *selection_label;
  GMenuModel         *clip_menu;
  GMenu              *provider_section;

  /* Owned */
  RushesEngine       *engine;
  RushesThumbnailQueue *thumbnails;
  RushesLibrary      *library;
  GtkFilterListModel *active_model;
  GtkFilterListModel *gallery_filtered;
  GtkSortListModel   *gallery_model;
  RushesShotModel    *shot_model;       /* grouped by shot, when grouping */
  GtkTreeListModel   *shot_tree;        /* the shots and the takes of opened ones */
  GtkMultiSelection  *selection;
  RushesTask         *selected_task;    /* the one clip selected, played */
  GtkCustomFilter    *active_filter;
  GtkCustomFilter    *gallery_filter;
  GtkCustomSorter    *sorter;
  GtkPopover         *context_popover;
  RushesTask         *context_task;
  char               *search;
  GStrv               search_providers;  /* ids whose name the search matches */
  char               *provider;
  ShowFilter          show;
  SortOrder           sort;
  guint               columns_source;
  guint               wanted_columns;
  guint               elapsed_source;

  guint               group_shots : 1;
};

void       _rushes_library_view_class_init_takes (GtkWidgetClass    *widget_class);
void       _rushes_library_view_init_takes       (RushesLibraryView *self);
void       _rushes_library_view_setup_card       (RushesLibraryView *self,
                                                  GtkWidget         *card);
void       _rushes_library_view_apply_grouping   (RushesLibraryView *self);
void       _rushes_library_view_sync_selection   (RushesLibraryView *self);
void       _rushes_library_view_sync_takes_actions (RushesLibraryView *self,
                                                    RushesTask        *task);
GPtrArray *_rushes_library_view_selected_tasks   (RushesLibraryView *self,
                                                  gboolean           whole_shots);

G_END_DECLS
