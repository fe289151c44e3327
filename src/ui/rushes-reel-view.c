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

#define G_LOG_DOMAIN "rushes-reel-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "rushes-reel-tile.h"
#include "rushes-reel-view-private.h"

/* The Reels panel under the library and the preview: the reels (switch,
 * new, rename, delete), the open reel as a strip of its clips with the
 * joins between them, and below the strip what is selected — a clip's
 * trim, or a join's transition. Clips come in by dragging them from the
 * gallery; the strip's own clips drag to a new place; Delete removes the
 * selected one. Every change is saved at once, atomically, to the reel's
 * file, which rushes-cli reads too. A clip that left the library stays in
 * its place as a gap until it comes back (Undo) or is removed.
 *
 * Nothing here runs while nothing happens: no timers, no tick callbacks.
 * Clips are probed (length, frame rate) once each, off the main thread. */

guint _rushes_reel_view_signals[REEL_VIEW_N_SIGNALS];

G_DEFINE_FINAL_TYPE (RushesReelView, rushes_reel_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TRANSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* Helpers ----------------------------------------------------------------- */

static double
seconds (gint64 microseconds)
{
  return microseconds / (double) G_TIME_SPAN_SECOND;
}

void
_rushes_reel_view_toast (RushesReelView *self,
                         const char     *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * _rushes_reel_view_lookup_task:
 *
 * Returns: (transfer none) (nullable): the entry's clip in the library, if
 *   it is there and finished; %NULL for a gap
 */
RushesTask *
_rushes_reel_view_lookup_task (RushesReelView  *self,
                               RushesReelEntry *entry)
{
  RushesTask *task;

  if (self->library == NULL)
    return NULL;

  task = rushes_library_lookup (self->library, rushes_reel_entry_get_task_id (entry));
  if (task == NULL || rushes_task_get_state (task) != RUSHES_TASK_STATE_SUCCEEDED ||
      rushes_task_get_video_file (task) == NULL)
    return NULL;

  return task;
}

const RushesReelClip *
_rushes_reel_view_lookup_probe (RushesReelView *self,
                                const char     *task_id)
{
  return g_hash_table_lookup (self->probes, task_id);
}

static gint64
frame_duration_of (const RushesReelClip *probe)
{
  if (probe != NULL && probe->fps_n > 0 && probe->fps_d > 0)
    return (gint64) gst_util_uint64_scale_round (G_TIME_SPAN_SECOND, probe->fps_d, probe->fps_n);

  return G_TIME_SPAN_SECOND / 30;
}

/* How long an entry plays, trimmed, crossfades aside; -1 while unknown. */
static gint64
entry_length (RushesReelView  *self,
              RushesReelEntry *entry)
{
  const RushesReelClip *probe = g_hash_table_lookup (self->probes, rushes_reel_entry_get_task_id (entry));
  gint64 in_point = rushes_reel_entry_get_in_point (entry);
  gint64 out_point = rushes_reel_entry_get_out_point (entry);

  if (probe == NULL || probe->duration <= 0)
    return -1;

  in_point = MAX (in_point, 0);
  out_point = out_point < 0 ? probe->duration : MIN (out_point, probe->duration);
  return MAX (out_point - in_point, 0);
}

static guint
count_gaps (RushesReelView *self)
{
  guint gaps = 0;

  for (guint i = 0; self->reel != NULL && i < rushes_reel_get_n_entries (self->reel); i++)
    if (_rushes_reel_view_lookup_task (self, rushes_reel_get_entry (self->reel, i)) == NULL)
      gaps++;

  return gaps;
}

/* Saving ------------------------------------------------------------------ */


static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RushesReelView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!rushes_reel_save_finish (RUSHES_REEL (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _rushes_reel_view_toast (self, error->message);
    }

  if (self->save_again && self->reel != NULL)
    _rushes_reel_view_save (self);
}

/* One save at a time, the latest state last: two renames racing could
 * otherwise leave the older one on disk. */
void
_rushes_reel_view_save (RushesReelView *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->reel == NULL || self->engine == NULL)
    return;

  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }

  self->saving = TRUE;
  self->save_again = FALSE;
  file = rushes_reel_store_get_file (rushes_engine_get_reel_store (self->engine), rushes_reel_get_id (self->reel));
  rushes_reel_save_async (self->reel, file, self->cancellable, saved_cb, g_object_ref (self));
}

/* Probing ----------------------------------------------------------------- */

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *clips = task_data;

  /* A clip that cannot be read keeps its length unknown; rendering says
   * why. */
  for (guint i = 0; i < clips->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!rushes_reel_clip_probe (g_ptr_array_index (clips, i), cancellable, &error))
        g_debug ("%s", error->message);
    }

  g_task_return_boolean (task, TRUE);
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RushesReelView *self = RUSHES_REEL_VIEW (object);
  GPtrArray *clips = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  for (guint i = 0; i < clips->len; i++)
    {
      RushesReelClip *clip = g_ptr_array_index (clips, i);

      g_hash_table_remove (self->probing, clip->task_id);
      g_hash_table_replace (self->probes, g_strdup (clip->task_id), rushes_reel_clip_copy (clip));
    }

  _rushes_reel_view_refresh (self);
}

/* The clips of the open reel not probed yet, in one worker thread. */
static void
probe_missing (RushesReelView *self)
{
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GTask) task = NULL;

  if (self->reel == NULL)
    return;

  clips = g_ptr_array_new_with_free_func ((GDestroyNotify) rushes_reel_clip_free);
  for (guint i = 0; i < rushes_reel_get_n_entries (self->reel); i++)
    {
      RushesReelEntry *entry = rushes_reel_get_entry (self->reel, i);
      const char *task_id = rushes_reel_entry_get_task_id (entry);
      RushesTask *library_task = _rushes_reel_view_lookup_task (self, entry);

      if (library_task == NULL || g_hash_table_contains (self->probes, task_id) ||
          g_hash_table_contains (self->probing, task_id))
        continue;

      g_hash_table_add (self->probing, g_strdup (task_id));
      g_ptr_array_add (clips, rushes_reel_clip_new (task_id, rushes_task_get_video_file (library_task)));
    }

  if (clips->len == 0)
    return;

  task = g_task_new (self, self->cancellable, probed_cb, NULL);
  g_task_set_source_tag (task, probe_missing);
  g_task_set_task_data (task, g_steal_pointer (&clips), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, probe_thread);
}

/* The strip --------------------------------------------------------------- */

static gboolean
preview_cb (gpointer user_data)
{
  RushesReelView *self = user_data;
  g_autoptr(RushesTask) task = g_steal_pointer (&self->preview_task);

  self->preview_source = 0;
  g_signal_emit (self, _rushes_reel_view_signals[REEL_VIEW_PREVIEW_CLIP], 0, task, self->preview_position);

  return G_SOURCE_REMOVE;
}

/* The preview shows @task at @position once this main loop turn is over:
 * clips added or selected in a row load once, the last one, and a trim
 * handle dragged seeks once per turn. */
static void
preview (RushesReelView *self,
         RushesTask     *task,
         gint64          position)
{
  g_set_object (&self->preview_task, task);
  self->preview_position = MAX (position, 0);
  if (self->preview_source == 0)
    self->preview_source = g_idle_add_full (G_PRIORITY_DEFAULT, preview_cb, self, NULL);
}

static void
select_clip (RushesReelView *self,
             int             position)
{
  RushesReelEntry *entry;
  RushesTask *task;

  if (self->reel == NULL || position < 0 || (guint) position >= rushes_reel_get_n_entries (self->reel))
    position = -1;

  self->selected = position;
  self->selected_join = -1;
  _rushes_reel_view_refresh (self);

  if (position < 0)
    return;

  /* The clip in the preview, on its first kept frame */
  entry = rushes_reel_get_entry (self->reel, position);
  task = _rushes_reel_view_lookup_task (self, entry);
  if (task != NULL)
    preview (self, task, rushes_reel_entry_get_in_point (entry));
}

static void
select_join (RushesReelView *self,
             int             position)
{
  if (self->reel == NULL || position < 0 || (guint) position + 1 >= rushes_reel_get_n_entries (self->reel))
    position = -1;

  self->selected = -1;
  self->selected_join = position;
  _rushes_reel_view_refresh (self);
}

static void
tile_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 RushesReelView  *self)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (tile);
  select_clip (self, rushes_reel_tile_get_position (RUSHES_REEL_TILE (tile)));
}

static void
tile_focus_cb (GtkEventControllerFocus *controller,
               RushesReelView          *self)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int position = rushes_reel_tile_get_position (RUSHES_REEL_TILE (tile));

  if (position != self->selected)
    select_clip (self, position);
}

static GdkContentProvider *
tile_drag_prepare_cb (GtkDragSource  *source,
                      double          x,
                      double          y,
                      RushesReelView *self)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (tile);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (RUSHES_TYPE_REEL_ENTRY, rushes_reel_tile_get_entry (RUSHES_REEL_TILE (tile)));
}

static GtkWidget *
make_tile (RushesReelView *self)
{
  GtkWidget *tile = rushes_reel_tile_new (self->thumbnails);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  g_signal_connect_object (click, "pressed", G_CALLBACK (tile_pressed_cb), self, 0);
  gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (focus, "enter", G_CALLBACK (tile_focus_cb), self, 0);
  gtk_widget_add_controller (tile, focus);
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (tile_drag_prepare_cb), self, 0);
  gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (drag));

  return tile;
}

static GtkWidget *
make_join (RushesReelView *self,
           guint           position)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "numeric");
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "reel-join");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reel.select-join");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", position);

  return button;
}

static void
sync_join (RushesReelView *self,
           GtkWidget      *join,
           guint           position)
{
  RushesReelEntry *entry = rushes_reel_get_entry (self->reel, position);
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (join));
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  gboolean crossfade = rushes_reel_entry_get_transition (entry) == RUSHES_REEL_TRANSITION_CROSSFADE;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (crossfade)
    {
      text = g_strdup_printf (_("%.1f s"), seconds (rushes_reel_entry_get_transition_duration (entry)));
      /* Translators: “Crossfade of 0.50 s from clip 2 into clip 3” */
      tooltip = g_strdup_printf (_("Crossfade of %.2f s from clip %u into clip %u"),
                                 seconds (rushes_reel_entry_get_transition_duration (entry)), position + 1, position + 2);
    }
  else
    {
      text = g_strdup (C_("transition", "Cut"));
      /* Translators: “Cut from clip 2 to clip 3” */
      tooltip = g_strdup_printf (_("Cut from clip %u to clip %u"), position + 1, position + 2);
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), crossfade ? "rushes-transition-crossfade-symbolic"
                                                             : "rushes-transition-cut-symbolic");
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (join, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (join), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (join), "u", position);

  if (self->selected_join == (int) position)
    gtk_widget_add_css_class (join, "selected");
  else
    gtk_widget_remove_css_class (join, "selected");
  if (crossfade)
    gtk_widget_add_css_class (join, "crossfade");
  else
    gtk_widget_remove_css_class (join, "crossfade");
}

/* Tiles and joins are kept and given new entries, so that the focus stays
 * where it was while the reel changes. */
static void
update_strip (RushesReelView *self)
{
  guint n = self->reel != NULL ? rushes_reel_get_n_entries (self->reel) : 0;

  while (self->tiles->len > n)
    {
      gtk_box_remove (self->strip_box, g_ptr_array_index (self->tiles, self->tiles->len - 1));
      g_ptr_array_remove_index (self->tiles, self->tiles->len - 1);
    }
  while (self->joins->len > (n > 0 ? n - 1 : 0))
    {
      gtk_box_remove (self->strip_box, g_ptr_array_index (self->joins, self->joins->len - 1));
      g_ptr_array_remove_index (self->joins, self->joins->len - 1);
    }
  while (self->tiles->len < n)
    {
      if (self->tiles->len > 0)
        {
          GtkWidget *join = make_join (self, self->tiles->len - 1);

          g_ptr_array_add (self->joins, join);
          gtk_box_append (self->strip_box, join);
        }
      g_ptr_array_add (self->tiles, make_tile (self));
      gtk_box_append (self->strip_box, g_ptr_array_index (self->tiles, self->tiles->len - 1));
    }

  for (guint i = 0; i < n; i++)
    {
      RushesReelEntry *entry = rushes_reel_get_entry (self->reel, i);
      RushesReelTile *tile = g_ptr_array_index (self->tiles, i);

      rushes_reel_tile_set_entry (tile, i, entry, _rushes_reel_view_lookup_task (self, entry),
                                  entry_length (self, entry));
      rushes_reel_tile_set_selected (tile, self->selected == (int) i);
      if (i + 1 < n)
        sync_join (self, g_ptr_array_index (self->joins, i), i);
    }

  if (self->reel == NULL)
    gtk_stack_set_visible_child_name (self->strip_stack, "no-reel");
  else if (n == 0)
    gtk_stack_set_visible_child_name (self->strip_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->strip_stack, "strip");
}

/* The reel's length, or why it cannot be laid out; the banner for gaps. */
static void
update_summary (RushesReelView *self)
{
  guint n = self->reel != NULL ? rushes_reel_get_n_entries (self->reel) : 0;
  guint gaps = count_gaps (self);
  g_autofree gint64 *durations = g_new0 (gint64, MAX (n, 1));
  g_autoptr(GError) error = NULL;
  g_autofree char *clips = NULL;
  gboolean known = TRUE;

  gtk_label_set_label (self->name_label, self->reel != NULL ? rushes_reel_get_name (self->reel) : _("Reels"));

  for (guint i = 0; i < n; i++)
    {
      const RushesReelClip *probe = g_hash_table_lookup (self->probes,
                                                         rushes_reel_entry_get_task_id (rushes_reel_get_entry (self->reel, i)));

      if (probe == NULL || probe->duration <= 0)
        known = FALSE;
      else
        durations[i] = probe->duration;
    }

  self->total = -1;
  if (n > 0 && gaps == 0 && known &&
      !rushes_reel_compute_layout (self->reel, durations, RUSHES_REEL_LAYOUT_STRICT, NULL, &self->total, &error))
    self->total = -1;

  clips = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clip", "%u clips", n), n);
  if (self->reel == NULL || n == 0)
    gtk_label_set_label (self->summary_label, self->reel != NULL ? clips : "");
  else if (self->total >= 0)
    {
      /* Translators: “5 clips · 18.50 s” */
      g_autofree char *text = g_strdup_printf (_("%s · %.2f s"), clips, seconds (self->total));

      gtk_label_set_label (self->summary_label, text);
    }
  else if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s · %s", clips, error->message);

      gtk_label_set_label (self->summary_label, text);
    }
  else
    gtk_label_set_label (self->summary_label, clips);

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), error != NULL ? error->message : NULL);

  gtk_revealer_set_reveal_child (self->gap_revealer, gaps > 0);
  if (gaps > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u clip of this reel is no longer in the library. The reel cannot be played or rendered until it comes back or is removed.",
                                                            "%u clips of this reel are no longer in the library. The reel cannot be played or rendered until they come back or are removed.",
                                                            gaps),
                                               gaps);

      gtk_label_set_label (self->gap_label, text);
    }
}

static char *
format_trim (RushesReelView  *self,
             RushesReelEntry *entry)
{
  const RushesReelClip *probe = g_hash_table_lookup (self->probes, rushes_reel_entry_get_task_id (entry));
  gint64 in_point = MAX (rushes_reel_entry_get_in_point (entry), 0);
  gint64 out_point = rushes_reel_entry_get_out_point (entry);

  if (probe == NULL || probe->duration <= 0)
    return g_strdup (_("Reading the clip…"));

  if (out_point < 0 || out_point > probe->duration)
    out_point = probe->duration;

  /* Translators: “In 0.50 s · Out 3.80 s · 3.30 s of 4.03 s” */
  return g_strdup_printf (_("In %.2f s · Out %.2f s · %.2f s of %.2f s"), seconds (in_point), seconds (out_point),
                          seconds (out_point - in_point), seconds (probe->duration));
}

/* A crossfade no longer than either clip leaves room for */
static gint64
longest_crossfade (RushesReelView *self,
                   guint           position)
{
  gint64 before = entry_length (self, rushes_reel_get_entry (self->reel, position));
  gint64 after = entry_length (self, rushes_reel_get_entry (self->reel, position + 1));

  if (before < 0 || after < 0)
    return 10 * G_TIME_SPAN_SECOND;

  return MAX (MIN (before, after) - RUSHES_REEL_MIN_SOLO, 100 * G_TIME_SPAN_MILLISECOND);
}

static void
set_transition_state (RushesReelView *self,
                      const char     *transition)
{
  if (g_strcmp0 (self->transition, transition) == 0)
    return;

  g_free (self->transition);
  self->transition = g_strdup (transition);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSITION]);
}

static void
update_inspector (RushesReelView *self)
{
  self->syncing = TRUE;

  if (self->reel != NULL && self->selected >= 0)
    {
      RushesReelEntry *entry = rushes_reel_get_entry (self->reel, self->selected);
      const RushesReelClip *probe = g_hash_table_lookup (self->probes, rushes_reel_entry_get_task_id (entry));
      g_autofree char *title = g_strdup_printf (_("Clip %d"), self->selected + 1);
      g_autofree char *trim = format_trim (self, entry);
      gboolean gap = _rushes_reel_view_lookup_task (self, entry) == NULL;

      gtk_label_set_label (self->clip_title, title);
      gtk_label_set_label (self->trim_label, gap ? _("Missing from the library") : trim);
      gtk_widget_set_sensitive (GTK_WIDGET (self->trim_bar), !gap && probe != NULL);
      if (probe != NULL && (probe->duration != rushes_trim_bar_get_duration (self->trim_bar) ||
                            frame_duration_of (probe) != rushes_trim_bar_get_frame_duration (self->trim_bar)))
        rushes_trim_bar_set_clip (self->trim_bar, probe->duration, probe->fps_n, probe->fps_d);
      else if (probe == NULL)
        rushes_trim_bar_set_clip (self->trim_bar, 0, 0, 0);
      rushes_trim_bar_set_range (self->trim_bar, rushes_reel_entry_get_in_point (entry),
                                 rushes_reel_entry_get_out_point (entry));
      gtk_stack_set_visible_child_name (self->inspector_stack, "clip");
      set_transition_state (self, "");
    }
  else if (self->reel != NULL && self->selected_join >= 0)
    {
      RushesReelEntry *entry = rushes_reel_get_entry (self->reel, self->selected_join);
      gboolean crossfade = rushes_reel_entry_get_transition (entry) == RUSHES_REEL_TRANSITION_CROSSFADE;
      /* Translators: the join between two clips, “Clips 2 → 3” */
      g_autofree char *title = g_strdup_printf (_("Clips %d → %d"), self->selected_join + 1, self->selected_join + 2);
      gint64 longest = longest_crossfade (self, self->selected_join);
      g_autofree char *note = NULL;

      gtk_label_set_label (self->cut_title, title);
      gtk_adjustment_set_upper (self->fade_adjustment, MAX (seconds (longest), 0.1));
      if (crossfade)
        gtk_adjustment_set_value (self->fade_adjustment, seconds (rushes_reel_entry_get_transition_duration (entry)));
      gtk_widget_set_sensitive (GTK_WIDGET (self->fade_spin), crossfade);

      if (crossfade)
        /* Translators: the crossfade's length */
        note = g_strdup_printf (_("The two clips overlap: the reel is %.2f s shorter"),
                                seconds (rushes_reel_entry_get_transition_duration (entry)));
      else
        note = g_strdup (_("The next clip starts where this one ends"));
      gtk_label_set_label (self->cut_note, note);
      gtk_stack_set_visible_child_name (self->inspector_stack, "cut");
      set_transition_state (self, crossfade ? "crossfade" : "cut");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->inspector_stack, "hint");
      set_transition_state (self, "");
    }

  self->syncing = FALSE;
}

void
_rushes_reel_view_sync_actions (RushesReelView *self)
{
  guint n = self->reel != NULL ? rushes_reel_get_n_entries (self->reel) : 0;
  gboolean whole = n > 0 && count_gaps (self) == 0;
  RushesReelEntry *last = n > 0 ? rushes_reel_get_entry (self->reel, n - 1) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.rename", self->reel != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.delete", self->reel != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.play", whole && self->total >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.render", whole && self->total >= 0 && !self->rendering);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.export", whole && self->total >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.cancel-render", self->rendering);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.next-shot",
                                 last != NULL && _rushes_reel_view_lookup_task (self, last) != NULL &&
                                 _rushes_reel_view_lookup_probe (self, rushes_reel_entry_get_task_id (last)) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.remove-clip", self->selected >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.reset-trim", self->selected >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.remove-gaps", count_gaps (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reel.transition", self->selected_join >= 0);
}

void
_rushes_reel_view_refresh (RushesReelView *self)
{
  guint n = self->reel != NULL ? rushes_reel_get_n_entries (self->reel) : 0;

  if (self->selected >= (int) n)
    self->selected = -1;
  if (self->selected_join + 1 >= (int) n)
    self->selected_join = -1;

  update_strip (self);
  update_summary (self);
  update_inspector (self);
  /* Nothing to select, nothing to say about it */
  gtk_widget_set_visible (self->inspector_separator, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector_stack), n > 0);
  _rushes_reel_view_sync_actions (self);
}

/* The open reel ------------------------------------------------------------ */

static void
reel_items_changed_cb (RushesReelView *self,
                       guint           position,
                       guint           removed,
                       guint           added)
{
  _rushes_reel_view_refresh (self);
  probe_missing (self);
  _rushes_reel_view_save (self);
}

static void
reel_name_changed_cb (RushesReelView *self)
{
  _rushes_reel_view_refresh (self);
  _rushes_reel_view_save (self);
}

/* A clip leaving the library (or coming back, on Undo) makes or fills a
 * gap. */
static void
library_items_changed_cb (RushesReelView *self)
{
  if (self->reel == NULL)
    return;

  _rushes_reel_view_refresh (self);
  probe_missing (self);
}

/**
 * rushes_reel_view_open_reel:
 * @reel: (nullable): one of rushes_reel_view_get_reels(), or %NULL for none
 */
void
rushes_reel_view_open_reel (RushesReelView *self,
                            RushesReel     *reel)
{
  g_return_if_fail (RUSHES_IS_REEL_VIEW (self));
  g_return_if_fail (reel == NULL || RUSHES_IS_REEL (reel));

  if (self->reel == reel)
    return;

  if (self->reel != NULL)
    g_signal_handlers_disconnect_by_data (self->reel, self);
  g_set_object (&self->reel, reel);
  self->selected = -1;
  self->selected_join = -1;

  if (reel != NULL)
    {
      g_signal_connect_object (reel, "items-changed", G_CALLBACK (reel_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (reel, "notify::name", G_CALLBACK (reel_name_changed_cb), self, G_CONNECT_SWAPPED);
    }

  _rushes_reel_view_refresh (self);
  probe_missing (self);
}

/* Edits -------------------------------------------------------------------- */

/**
 * rushes_reel_view_insert_clip:
 * @position: where in the open reel; past its end for the end
 * @task: a finished clip of the library
 *
 * What a drop from the gallery does. The clip is selected.
 */
void
rushes_reel_view_insert_clip (RushesReelView *self,
                              guint           position,
                              RushesTask     *task)
{
  g_return_if_fail (RUSHES_IS_REEL_VIEW (self));
  g_return_if_fail (RUSHES_IS_TASK (task));

  if (self->reel == NULL)
    rushes_reel_view_new_reel (self, NULL);

  if (rushes_reel_get_n_entries (self->reel) >= RUSHES_REEL_MAX_ENTRIES)
    {
      g_autofree char *text = g_strdup_printf (_("A reel holds at most %u clips"), RUSHES_REEL_MAX_ENTRIES);

      _rushes_reel_view_toast (self, text);
      return;
    }

  position = MIN (position, rushes_reel_get_n_entries (self->reel));
  rushes_reel_insert (self->reel, position, rushes_task_get_id (task));
  select_clip (self, position);
}

static void
move_clip (RushesReelView *self,
           guint           from,
           guint           to)
{
  guint n = rushes_reel_get_n_entries (self->reel);

  if (from >= n)
    return;

  to = MIN (to, n - 1);
  if (from != to)
    rushes_reel_move (self->reel, from, to);
  select_clip (self, to);
}

static void
remove_clip (RushesReelView *self,
             guint           position)
{
  guint n = rushes_reel_get_n_entries (self->reel);

  if (position >= n)
    return;

  rushes_reel_remove (self->reel, position);
  n--;
  /* The next clip, so that Delete pressed again goes on removing */
  if (n == 0)
    select_clip (self, -1);
  else
    {
      select_clip (self, MIN (position, n - 1));
      if (self->tiles->len > (guint) self->selected)
        gtk_widget_grab_focus (g_ptr_array_index (self->tiles, self->selected));
    }
}

static void
trim_changed_cb (RushesReelView   *self,
                 RushesTrimHandle  handle,
                 gboolean          done,
                 RushesTrimBar    *bar)
{
  RushesReelEntry *entry;
  RushesTask *task;
  gint64 in_point = rushes_trim_bar_get_in_point (bar);
  gint64 out_point = rushes_trim_bar_get_out_point (bar);
  gint64 shown;

  if (self->syncing || self->reel == NULL || self->selected < 0)
    return;

  entry = rushes_reel_get_entry (self->reel, self->selected);
  task = _rushes_reel_view_lookup_task (self, entry);
  if (task == NULL)
    return;

  /* The frame the handle stands on: the first kept, or the last. */
  shown = handle == RUSHES_TRIM_HANDLE_IN ? in_point : out_point - rushes_trim_bar_get_frame_duration (bar);
  preview (self, task, shown);

  if (!done)
    {
      /* The numbers follow the drag; the reel changes once, when let go */
      g_autofree char *text = NULL;
      gint64 duration = rushes_trim_bar_get_duration (bar);

      text = g_strdup_printf (_("In %.2f s · Out %.2f s · %.2f s of %.2f s"), seconds (in_point), seconds (out_point),
                              seconds (out_point - in_point), seconds (duration));
      gtk_label_set_label (self->trim_label, text);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    gint64 duration = rushes_trim_bar_get_duration (bar);

    /* The whole clip is no trim: it stays whole if the file is replaced */
    if (!rushes_reel_set_trim (self->reel, self->selected, in_point > 0 ? in_point : -1,
                               out_point < duration ? out_point : -1, &error))
      _rushes_reel_view_toast (self, error->message);
  }
}

static void
fade_changed_cb (RushesReelView *self)
{
  g_autoptr(GError) error = NULL;
  RushesReelEntry *entry;
  gint64 duration;

  if (self->syncing || self->reel == NULL || self->selected_join < 0)
    return;

  entry = rushes_reel_get_entry (self->reel, self->selected_join);
  if (rushes_reel_entry_get_transition (entry) != RUSHES_REEL_TRANSITION_CROSSFADE)
    return;

  duration = (gint64) (gtk_adjustment_get_value (self->fade_adjustment) * G_TIME_SPAN_SECOND + 0.5);
  if (!rushes_reel_set_transition (self->reel, self->selected_join, RUSHES_REEL_TRANSITION_CROSSFADE,
                                   duration, &error))
    _rushes_reel_view_toast (self, error->message);
}

static void
apply_transition (RushesReelView *self,
                  const char     *transition)
{
  g_autoptr(GError) error = NULL;
  RushesReelTransition kind;
  gint64 duration;

  if (self->syncing || self->reel == NULL || self->selected_join < 0 ||
      !rushes_reel_transition_from_string (transition, &kind))
    return;

  /* Half a second unless the clips leave less room */
  duration = MIN ((gint64) 500 * G_TIME_SPAN_MILLISECOND, longest_crossfade (self, self->selected_join));
  if (kind == RUSHES_REEL_TRANSITION_CROSSFADE &&
      rushes_reel_entry_get_transition (rushes_reel_get_entry (self->reel, self->selected_join)) == kind)
    return;

  if (!rushes_reel_set_transition (self->reel, self->selected_join, kind, duration, &error))
    _rushes_reel_view_toast (self, error->message);
}

/* Drag and drop ------------------------------------------------------------ */

/* Where a drop at @x (in @widget) goes: before the first tile whose
 * middle lies right of it. */
static guint
drop_position (RushesReelView *self,
               GtkWidget      *widget,
               double          x)
{
  double box_x = x, box_y = 0;
  guint position = 0;

  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self->strip_box), x, 0, &box_x, &box_y))
    return self->tiles->len;

  for (guint i = 0; i < self->tiles->len; i++)
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (g_ptr_array_index (self->tiles, i), GTK_WIDGET (self->strip_box), &bounds) &&
          box_x > bounds.origin.x + bounds.size.width / 2)
        position = i + 1;
    }

  return position;
}

static void
clear_drop_marks (RushesReelView *self)
{
  for (guint i = 0; i < self->tiles->len; i++)
    {
      gtk_widget_remove_css_class (g_ptr_array_index (self->tiles, i), "drop-before");
      gtk_widget_remove_css_class (g_ptr_array_index (self->tiles, i), "drop-after");
    }
}

static GdkDragAction
drop_motion_cb (GtkDropTarget  *target,
                double          x,
                double          y,
                RushesReelView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint position = drop_position (self, widget, x);

  clear_drop_marks (self);
  if (position < self->tiles->len)
    gtk_widget_add_css_class (g_ptr_array_index (self->tiles, position), "drop-before");
  else if (self->tiles->len > 0)
    gtk_widget_add_css_class (g_ptr_array_index (self->tiles, self->tiles->len - 1), "drop-after");

  return gdk_drop_get_actions (gtk_drop_target_get_current_drop (target)) & GDK_ACTION_MOVE ? GDK_ACTION_MOVE
                                                                                            : GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget  *target,
               RushesReelView *self)
{
  clear_drop_marks (self);
}

/* A library clip's video is <library>/<task id>/video.mp4. */
static RushesTask *
task_for_video (RushesReelView *self,
                GFile          *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *task_id = folder != NULL ? g_file_get_basename (folder) : NULL;
  RushesTask *task = task_id != NULL ? rushes_library_lookup (self->library, task_id) : NULL;
  GFile *video = task != NULL ? rushes_task_get_video_file (task) : NULL;

  if (video == NULL || !g_file_equal (video, file) || rushes_task_get_state (task) != RUSHES_TASK_STATE_SUCCEEDED)
    return NULL;

  return task;
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         RushesReelView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint position = drop_position (self, widget, x);

  clear_drop_marks (self);
  if (self->library == NULL)
    return FALSE;

  if (G_VALUE_HOLDS (value, RUSHES_TYPE_REEL_ENTRY))
    {
      RushesReelEntry *entry = g_value_get_object (value);

      for (guint i = 0; self->reel != NULL && i < rushes_reel_get_n_entries (self->reel); i++)
        if (rushes_reel_get_entry (self->reel, i) == entry)
          {
            move_clip (self, i, position > i ? position - 1 : position);
            return TRUE;
          }

      return FALSE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      RushesTask *task = task_for_video (self, g_value_get_object (value));

      if (task == NULL)
        {
          _rushes_reel_view_toast (self, _("Only finished clips of the library can go into a reel"));
          return FALSE;
        }

      rushes_reel_view_insert_clip (self, position, task);
      return TRUE;
    }

  return FALSE;
}

/* Actions ------------------------------------------------------------------ */

static void
add_clip_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);
  RushesTask *task = self->library != NULL ? rushes_library_lookup (self->library, g_variant_get_string (parameter, NULL))
                                           : NULL;

  if (task != NULL && rushes_task_get_state (task) == RUSHES_TASK_STATE_SUCCEEDED)
    rushes_reel_view_insert_clip (self, G_MAXUINT, task);
}

static void
move_clip_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);
  guint from, to;

  g_variant_get (parameter, "(uu)", &from, &to);
  if (self->reel != NULL)
    move_clip (self, from, to);
}

static void
remove_clip_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);

  if (self->reel != NULL && self->selected >= 0)
    remove_clip (self, self->selected);
}

static void
remove_gaps_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);

  for (guint i = self->reel != NULL ? rushes_reel_get_n_entries (self->reel) : 0; i > 0; i--)
    if (_rushes_reel_view_lookup_task (self, rushes_reel_get_entry (self->reel, i - 1)) == NULL)
      rushes_reel_remove (self->reel, i - 1);
}

static void
reset_trim_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);

  if (self->reel != NULL && self->selected >= 0)
    rushes_reel_set_trim (self->reel, self->selected, -1, -1, NULL);
}

static void
select_clip_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  select_clip (RUSHES_REEL_VIEW (widget), (int) g_variant_get_uint32 (parameter));
}

static void
select_join_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  select_join (RUSHES_REEL_VIEW (widget), (int) g_variant_get_uint32 (parameter));
}

/* GObject ------------------------------------------------------------------ */

static void
rushes_reel_view_map (GtkWidget *widget)
{
  RushesReelView *self = RUSHES_REEL_VIEW (widget);

  GTK_WIDGET_CLASS (rushes_reel_view_parent_class)->map (widget);

  /* Shown again: reels rushes-cli made meanwhile appear. */
  if (self->loaded)
    _rushes_reel_view_list_reels (self);
}

static void
rushes_reel_view_dispose (GObject *object)
{
  RushesReelView *self = RUSHES_REEL_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_object (&self->preview_task);
  _rushes_reel_view_output_dispose (self);
  if (self->reel != NULL)
    g_signal_handlers_disconnect_by_data (self->reel, self);
  g_clear_object (&self->reel);
  g_clear_object (&self->reels);
  g_clear_object (&self->library);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->engine);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_clear_pointer (&self->joins, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUSHES_TYPE_REEL_VIEW);

  G_OBJECT_CLASS (rushes_reel_view_parent_class)->dispose (object);
}

static void
rushes_reel_view_finalize (GObject *object)
{
  RushesReelView *self = RUSHES_REEL_VIEW (object);

  g_clear_pointer (&self->probes, g_hash_table_unref);
  g_clear_pointer (&self->probing, g_hash_table_unref);
  g_clear_pointer (&self->transition, g_free);

  G_OBJECT_CLASS (rushes_reel_view_parent_class)->finalize (object);
}

static void
rushes_reel_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RushesReelView *self = RUSHES_REEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRANSITION:
      g_value_set_string (value, self->transition);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RushesReelView *self = RUSHES_REEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRANSITION:
      /* The reel changes, and the state follows it through refresh(). */
      apply_transition (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_view_class_init (RushesReelViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rushes_reel_view_dispose;
  object_class->finalize = rushes_reel_view_finalize;
  object_class->get_property = rushes_reel_view_get_property;
  object_class->set_property = rushes_reel_view_set_property;

  widget_class->map = rushes_reel_view_map;

  /**
   * RushesReelView:transition:
   *
   * The selected join's transition, “cut” or “crossfade”; “” when no
   * join is selected. Setting it changes the reel.
   */
  properties[PROP_TRANSITION] =
    g_param_spec_string ("transition", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesReelView::preview-clip:
   * @task: a clip of the open reel
   * @position: the frame to show, in microseconds from the clip's start
   *
   * A clip was selected, or one of its trim handles moved: the preview
   * shows that frame of it, paused.
   */
  _rushes_reel_view_signals[REEL_VIEW_PREVIEW_CLIP] =
    g_signal_new ("preview-clip", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, RUSHES_TYPE_TASK, G_TYPE_INT64);

  /**
   * RushesReelView::play-pipeline:
   * @pipeline: the reel as one GES pipeline (rushes_reel_preview_new_async())
   * @title: the reel's name
   *
   * Play was asked for: the preview plays @pipeline
   * (rushes_player_set_pipeline()).
   */
  _rushes_reel_view_signals[REEL_VIEW_PLAY_PIPELINE] =
    g_signal_new ("play-pipeline", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, GST_TYPE_ELEMENT, G_TYPE_STRING);

  /**
   * RushesReelView::use-frame:
   * @frame: a PNG of the reel's last frame
   *
   * Next Shot from Last Frame: @frame is to be the composer's start image.
   */
  _rushes_reel_view_signals[REEL_VIEW_USE_FRAME] =
    g_signal_new ("use-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rushes-reel-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, reels_button);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, reels_popover);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, reels_list);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, name_label);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, play_button);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, next_shot_button);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, render_button);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, gap_revealer);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, gap_label);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, render_revealer);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, render_label);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, render_progress);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, strip_stack);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, strip_scroller);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, strip_box);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, inspector_separator);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, inspector_stack);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, clip_title);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, trim_bar);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, trim_label);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, cut_title);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, fade_spin);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, fade_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RushesReelView, cut_note);

  gtk_widget_class_install_action (widget_class, "reel.add-clip", "s", add_clip_action);
  gtk_widget_class_install_action (widget_class, "reel.move-clip", "(uu)", move_clip_action);
  gtk_widget_class_install_action (widget_class, "reel.remove-clip", NULL, remove_clip_action);
  gtk_widget_class_install_action (widget_class, "reel.remove-gaps", NULL, remove_gaps_action);
  gtk_widget_class_install_action (widget_class, "reel.reset-trim", NULL, reset_trim_action);
  gtk_widget_class_install_action (widget_class, "reel.select-clip", "u", select_clip_action);
  gtk_widget_class_install_action (widget_class, "reel.select-join", "u", select_join_action);
  gtk_widget_class_install_property_action (widget_class, "reel.transition", "transition");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "reel.remove-clip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "reel.remove-clip", NULL);
  _rushes_reel_view_reels_class_init (widget_class);
  _rushes_reel_view_output_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "reelview");
  g_type_ensure (RUSHES_TYPE_TRIM_BAR);
}

static void
rushes_reel_view_init (RushesReelView *self)
{
  GType types[] = { RUSHES_TYPE_REEL_ENTRY, G_TYPE_FILE };
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->reels = g_list_store_new (RUSHES_TYPE_REEL);
  self->tiles = g_ptr_array_new ();
  self->joins = g_ptr_array_new ();
  self->probes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) rushes_reel_clip_free);
  self->probing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->transition = g_strdup ("");
  self->selected = -1;
  self->selected_join = -1;
  self->total = -1;

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "motion", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->strip_stack), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (self->trim_bar, "trim-changed", G_CALLBACK (trim_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fade_adjustment, "value-changed", G_CALLBACK (fade_changed_cb), self, G_CONNECT_SWAPPED);
  _rushes_reel_view_reels_init (self);

  _rushes_reel_view_refresh (self);
}

/* Public ------------------------------------------------------------------- */

/**
 * rushes_reel_view_set_engine:
 * @engine: the engine whose library the reels' clips come from, and whose
 *   reel store keeps them
 * @thumbnails: (nullable): where missing poster frames are made
 *
 * Reads the reels and opens the most recently changed one.
 */
void
rushes_reel_view_set_engine (RushesReelView       *self,
                             RushesEngine         *engine,
                             RushesThumbnailQueue *thumbnails)
{
  g_return_if_fail (RUSHES_IS_REEL_VIEW (self));
  g_return_if_fail (RUSHES_IS_ENGINE (engine));
  g_return_if_fail (thumbnails == NULL || RUSHES_IS_THUMBNAIL_QUEUE (thumbnails));
  g_return_if_fail (self->engine == NULL);

  self->engine = g_object_ref (engine);
  g_set_object (&self->thumbnails, thumbnails);
  self->library = g_object_ref (rushes_engine_get_library (engine));
  g_signal_connect_object (self->library, "items-changed", G_CALLBACK (library_items_changed_cb), self, G_CONNECT_SWAPPED);

  _rushes_reel_view_list_reels (self);
}

/**
 * rushes_reel_view_get_loaded:
 *
 * Returns: whether the reels have been read
 */
gboolean
rushes_reel_view_get_loaded (RushesReelView *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_VIEW (self), FALSE);

  return self->loaded;
}

/**
 * rushes_reel_view_get_reels:
 *
 * Returns: (transfer none): the reels, most recently made or changed first
 */
GListModel *
rushes_reel_view_get_reels (RushesReelView *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_VIEW (self), NULL);

  return G_LIST_MODEL (self->reels);
}

/**
 * rushes_reel_view_get_reel:
 *
 * Returns: (transfer none) (nullable): the reel open
 */
RushesReel *
rushes_reel_view_get_reel (RushesReelView *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_VIEW (self), NULL);

  return self->reel;
}

/**
 * rushes_reel_view_list_uses:
 * @task_id: a library clip
 *
 * What the question before a clip is deleted names.
 *
 * Returns: (transfer full) (nullable): the names of the reels that use
 *   @task_id, as the view holds them; %NULL while the reels are not read
 */
GStrv
rushes_reel_view_list_uses (RushesReelView *self,
                            const char     *task_id)
{
  g_autoptr(GStrvBuilder) names = NULL;

  g_return_val_if_fail (RUSHES_IS_REEL_VIEW (self), NULL);
  g_return_val_if_fail (task_id != NULL, NULL);

  if (!self->loaded)
    return NULL;

  names = g_strv_builder_new ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->reels)); i++)
    {
      g_autoptr(RushesReel) reel = g_list_model_get_item (G_LIST_MODEL (self->reels), i);

      if (rushes_reel_count_uses (reel, task_id) > 0)
        g_strv_builder_add (names, rushes_reel_get_name (reel));
    }

  return g_strv_builder_end (names);
}
