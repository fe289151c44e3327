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

#define G_LOG_DOMAIN "rushes-reel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rushes-error.h"
#include "rushes-reel-private.h"

/*
 * A reel names its clips by task id only: the library stays the one owner
 * of the videos, and a reel whose clip was deleted still loads, showing
 * the gap. Entries never change in place: an edit puts a changed copy in
 * the list and says so with items-changed, so a list view of the reel
 * rebinds just that row. The file format is in rushes-reel-file.c.
 */

#define MAX_ID_LENGTH   128

struct _RushesReelEntry
{
  GObject              parent_instance;

  char                *task_id;
  gint64               in_point;
  gint64               out_point;
  gint64               transition_duration;
  RushesReelTransition transition;
};

struct _RushesReel
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  GDateTime *created;
  GDateTime *modified;
  GPtrArray *entries;   /* RushesReelEntry, never changed in place */
};

G_DEFINE_FINAL_TYPE (RushesReelEntry, rushes_reel_entry, G_TYPE_OBJECT)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RushesReel, rushes_reel, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_TASK_ID,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static char *
format_seconds (gint64 microseconds)
{
  return g_strdup_printf (_("%.2f s"), microseconds / (double) G_TIME_SPAN_SECOND);
}

static char *
new_reel_id (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%04x", stamp, g_random_int_range (0, 0x10000));
}

static RushesReelEntry *
entry_copy (RushesReelEntry *entry)
{
  RushesReelEntry *copy = rushes_reel_entry_new (entry->task_id);

  copy->in_point = entry->in_point;
  copy->out_point = entry->out_point;
  copy->transition = entry->transition;
  copy->transition_duration = entry->transition_duration;
  return copy;
}

static void
touch (RushesReel *self)
{
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Puts @entry in place of the one at @position. */
static void
replace_entry (RushesReel      *self,
               guint            position,
               RushesReelEntry *entry)
{
  g_ptr_array_index (self->entries, position) = entry;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  touch (self);
}

/* Layout */

static gboolean
resolve_trim (const RushesReelClipTiming  *timing,
              guint                        number,
              gboolean                     clamp,
              RushesReelSpan              *span,
              GError                     **error)
{
  gint64 in_point, out_point;

  if (timing->clip_duration <= 0)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("Clip %u has no duration"), number);
      return FALSE;
    }

  in_point = timing->in_point < 0 ? 0 : timing->in_point;
  out_point = timing->out_point < 0 ? timing->clip_duration : timing->out_point;
  span->clamped = FALSE;

  /* A video made again may come back a few frames shorter than the trim
   * that was set on the first one. */
  if (out_point > timing->clip_duration)
    {
      if (!clamp)
        {
          g_autofree char *out_text = format_seconds (out_point);
          g_autofree char *duration_text = format_seconds (timing->clip_duration);

          g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                       /* Translators: “Clip 2 ends at 5.00 s, after the end of its video (4.00 s)” */
                       _("Clip %u ends at %s, after the end of its video (%s)"),
                       number, out_text, duration_text);
          return FALSE;
        }
      out_point = timing->clip_duration;
      span->clamped = TRUE;
    }

  if (out_point - in_point < RUSHES_REEL_MIN_SOLO)
    {
      g_autofree char *in_text = format_seconds (in_point);
      g_autofree char *out_text = format_seconds (out_point);
      g_autofree char *min_text = format_seconds (RUSHES_REEL_MIN_SOLO);

      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   /* Translators: “Clip 2 runs from 3.00 s to 3.05 s; a clip lasts at least 0.10 s” */
                   _("Clip %u runs from %s to %s; a clip lasts at least %s"),
                   number, in_text, out_text, min_text);
      return FALSE;
    }

  span->in_point = in_point;
  span->out_point = out_point;
  span->start = 0;
  span->overlap = 0;
  return TRUE;
}

/**
 * rushes_reel_layout:
 * @timings: (array length=n_clips): the clips, in reel order
 * @n_clips: how many
 * @flags: whether what does not fit is refused or shortened
 * @spans: (out caller-allocates) (array length=n_clips): where each clip lies
 * @total_duration: (out) (optional): the reel's length, in microseconds
 * @error: a %RUSHES_ERROR_INVALID_INPUT naming the clips (numbered from 1)
 *
 * Lays the clips end to end. A crossfade overlaps the two clips it joins,
 * so each one shortens the reel by its own length: three 4 s clips joined
 * by two 0.5 s crossfades last 11 s. AI clips have no spare frames around
 * their trim, so a crossfade eats into both clips.
 *
 * A crossfade fits when both clips keep at least %RUSHES_REEL_MIN_SOLO
 * outside all their crossfades. With %RUSHES_REEL_LAYOUT_CLAMP one that
 * does not fit is shortened (to nothing: a cut, when there is no room at
 * all) and an out point beyond its video's end is brought back to it;
 * otherwise both are refused. A clip shorter than %RUSHES_REEL_MIN_SOLO
 * after its trim, or without duration, is always refused.
 *
 * Returns: whether the clips could be laid out
 */
gboolean
rushes_reel_layout (const RushesReelClipTiming  *timings,
                    guint                        n_clips,
                    RushesReelLayoutFlags        flags,
                    RushesReelSpan              *spans,
                    gint64                      *total_duration,
                    GError                     **error)
{
  gboolean clamp = (flags & RUSHES_REEL_LAYOUT_CLAMP) != 0;
  gint64 position = 0;

  g_return_val_if_fail (timings != NULL || n_clips == 0, FALSE);
  g_return_val_if_fail (spans != NULL || n_clips == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_clips; i++)
    if (!resolve_trim (&timings[i], i + 1, clamp, &spans[i], error))
      return FALSE;

  for (guint i = 0; i + 1 < n_clips; i++)
    {
      gint64 length = spans[i].out_point - spans[i].in_point;
      gint64 next_length = spans[i + 1].out_point - spans[i + 1].in_point;
      gint64 incoming = i > 0 ? spans[i - 1].overlap : 0;
      gint64 wanted = 0;
      gint64 room_here = length - incoming - RUSHES_REEL_MIN_SOLO;
      gint64 room_next = next_length - RUSHES_REEL_MIN_SOLO;
      gint64 room = MIN (room_here, room_next);

      if (timings[i].transition == RUSHES_REEL_TRANSITION_CROSSFADE)
        wanted = MAX (timings[i].transition_duration, 0);
      if (wanted == 0)
        continue;

      if (wanted > room)
        {
          if (!clamp)
            {
              g_autofree char *wanted_text = format_seconds (wanted);
              g_autofree char *room_text = format_seconds (MAX (room, 0));

              g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                           /* Translators: “The crossfade between clips 2 and 3 lasts 3.00 s,
                            * but clip 3 leaves room for 1.40 s at most” */
                           _("The crossfade between clips %u and %u lasts %s, but clip %u leaves room for %s at most"),
                           i + 1, i + 2, wanted_text,
                           room_next < room_here ? i + 2 : i + 1, room_text);
              return FALSE;
            }
          wanted = MAX (room, 0);
          spans[i].clamped = TRUE;
        }

      spans[i].overlap = wanted;
    }

  for (guint i = 0; i < n_clips; i++)
    {
      spans[i].start = position;
      position += spans[i].out_point - spans[i].in_point - spans[i].overlap;
    }

  if (total_duration != NULL)
    *total_duration = position;

  return TRUE;
}

/**
 * rushes_reel_transition_to_string:
 *
 * Returns: the name of @transition in reel files
 */
const char *
rushes_reel_transition_to_string (RushesReelTransition transition)
{
  switch (transition)
    {
    case RUSHES_REEL_TRANSITION_CUT:
      return "cut";
    case RUSHES_REEL_TRANSITION_CROSSFADE:
      return "crossfade";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rushes_reel_transition_from_string:
 * @transition: (out): the transition named @string
 *
 * Returns: whether @string names a transition
 */
gboolean
rushes_reel_transition_from_string (const char           *string,
                                    RushesReelTransition *transition)
{
  g_return_val_if_fail (transition != NULL, FALSE);

  if (g_strcmp0 (string, "cut") == 0)
    *transition = RUSHES_REEL_TRANSITION_CUT;
  else if (g_strcmp0 (string, "crossfade") == 0)
    *transition = RUSHES_REEL_TRANSITION_CROSSFADE;
  else
    return FALSE;

  return TRUE;
}

/**
 * rushes_reel_id_is_valid:
 *
 * Reel ids name files and task ids name library folders: only letters,
 * digits, “-”, “_” and “.” (not first), at most 128 of them. Whatever a
 * reel file says, it can name nothing outside those folders.
 *
 * Returns: whether @id may be a reel or task id
 */
gboolean
rushes_reel_id_is_valid (const char *id)
{
  gsize length;

  if (id == NULL || id[0] == '\0' || id[0] == '.')
    return FALSE;

  length = strlen (id);
  if (length > MAX_ID_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_' && id[i] != '.')
      return FALSE;

  return TRUE;
}

/* RushesReelEntry */

static void
rushes_reel_entry_finalize (GObject *object)
{
  RushesReelEntry *self = RUSHES_REEL_ENTRY (object);

  g_free (self->task_id);

  G_OBJECT_CLASS (rushes_reel_entry_parent_class)->finalize (object);
}

static void
rushes_reel_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RushesReelEntry *self = RUSHES_REEL_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_TASK_ID:
      g_value_set_string (value, self->task_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_entry_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RushesReelEntry *self = RUSHES_REEL_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_TASK_ID:
      self->task_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_entry_class_init (RushesReelEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_reel_entry_finalize;
  object_class->get_property = rushes_reel_entry_get_property;
  object_class->set_property = rushes_reel_entry_set_property;

  entry_properties[ENTRY_PROP_TASK_ID] =
    g_param_spec_string ("task-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
rushes_reel_entry_init (RushesReelEntry *self)
{
  self->in_point = -1;
  self->out_point = -1;
  self->transition = RUSHES_REEL_TRANSITION_CUT;
}

/**
 * rushes_reel_entry_new:
 * @task_id: the library clip, by its task id
 *
 * One clip of a reel, whole, followed by a cut. Entries do not change:
 * the reel replaces one when it is trimmed or its transition set.
 */
RushesReelEntry *
rushes_reel_entry_new (const char *task_id)
{
  g_return_val_if_fail (rushes_reel_id_is_valid (task_id), NULL);

  return g_object_new (RUSHES_TYPE_REEL_ENTRY, "task-id", task_id, NULL);
}

const char *
rushes_reel_entry_get_task_id (RushesReelEntry *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_ENTRY (self), NULL);

  return self->task_id;
}

/**
 * rushes_reel_entry_get_in_point:
 *
 * Returns: where the clip starts in its video, in microseconds; -1 for
 *   the start
 */
gint64
rushes_reel_entry_get_in_point (RushesReelEntry *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_ENTRY (self), -1);

  return self->in_point;
}

/**
 * rushes_reel_entry_get_out_point:
 *
 * Returns: where the clip ends in its video, in microseconds; -1 for the end
 */
gint64
rushes_reel_entry_get_out_point (RushesReelEntry *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_ENTRY (self), -1);

  return self->out_point;
}

/**
 * rushes_reel_entry_get_transition:
 *
 * Returns: how the clip goes over to the next one
 */
RushesReelTransition
rushes_reel_entry_get_transition (RushesReelEntry *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_ENTRY (self), RUSHES_REEL_TRANSITION_CUT);

  return self->transition;
}

/**
 * rushes_reel_entry_get_transition_duration:
 *
 * Returns: the crossfade's length in microseconds; 0 for a cut
 */
gint64
rushes_reel_entry_get_transition_duration (RushesReelEntry *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL_ENTRY (self), 0);

  return self->transition_duration;
}

/* RushesReel: the list model */

static GType
rushes_reel_get_item_type (GListModel *model)
{
  return RUSHES_TYPE_REEL_ENTRY;
}

static guint
rushes_reel_get_n_items (GListModel *model)
{
  return RUSHES_REEL (model)->entries->len;
}

static gpointer
rushes_reel_get_item (GListModel *model,
                      guint       position)
{
  RushesReel *self = RUSHES_REEL (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rushes_reel_get_item_type;
  iface->get_n_items = rushes_reel_get_n_items;
  iface->get_item = rushes_reel_get_item;
}

/* RushesReel */

static void
rushes_reel_finalize (GObject *object)
{
  RushesReel *self = RUSHES_REEL (object);

  g_free (self->id);
  g_free (self->name);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (rushes_reel_parent_class)->finalize (object);
}

static void
rushes_reel_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RushesReel *self = RUSHES_REEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RushesReel *self = RUSHES_REEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      rushes_reel_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_reel_constructed (GObject *object)
{
  RushesReel *self = RUSHES_REEL (object);

  G_OBJECT_CLASS (rushes_reel_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = new_reel_id ();

  /* Setting the name at construction is no change. */
  g_date_time_unref (self->modified);
  self->modified = g_date_time_ref (self->created);
}

static void
rushes_reel_class_init (RushesReelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = rushes_reel_constructed;
  object_class->finalize = rushes_reel_finalize;
  object_class->get_property = rushes_reel_get_property;
  object_class->set_property = rushes_reel_set_property;

  /**
   * RushesReel:id:
   *
   * The reel's file name, without `.json`; made up when not given.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             flags | G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "",
                                               flags | G_PARAM_READWRITE | G_PARAM_CONSTRUCT);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME,
                                                 flags | G_PARAM_READABLE);
  /**
   * RushesReel:modified:
   *
   * When the reel last changed: its name, its clips, their order, trims or
   * transitions.
   */
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME,
                                                  flags | G_PARAM_READABLE);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_reel_init (RushesReel *self)
{
  self->name = g_strdup ("");
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->created = g_date_time_new_now_utc ();
  self->modified = g_date_time_ref (self->created);
}

/**
 * rushes_reel_new:
 * @name: (nullable): what the user calls it
 *
 * An empty reel with a new id.
 */
RushesReel *
rushes_reel_new (const char *name)
{
  return g_object_new (RUSHES_TYPE_REEL, "name", name != NULL ? name : "", NULL);
}

const char *
rushes_reel_get_id (RushesReel *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL (self), NULL);

  return self->id;
}

const char *
rushes_reel_get_name (RushesReel *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL (self), NULL);

  return self->name;
}

/**
 * rushes_reel_set_name:
 * @name: (nullable): the new name, valid UTF-8; cut to
 *   %RUSHES_REEL_MAX_NAME bytes
 */
void
rushes_reel_set_name (RushesReel *self,
                      const char *name)
{
  g_autofree char *copy = NULL;
  const char *end;

  g_return_if_fail (RUSHES_IS_REEL (self));
  g_return_if_fail (name == NULL || g_utf8_validate (name, -1, NULL));

  if (name == NULL)
    name = "";

  /* Cut on a character boundary, so that the file stays readable. */
  end = name + strlen (name);
  if (end - name > RUSHES_REEL_MAX_NAME)
    end = g_utf8_find_prev_char (name, name + RUSHES_REEL_MAX_NAME + 1);
  copy = g_strndup (name, end - name);

  if (g_strcmp0 (self->name, copy) == 0)
    return;

  g_free (self->name);
  self->name = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  touch (self);
}

/**
 * rushes_reel_get_created:
 *
 * Returns: (transfer none): when the reel was made, in UTC
 */
GDateTime *
rushes_reel_get_created (RushesReel *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL (self), NULL);

  return self->created;
}

/**
 * rushes_reel_get_modified:
 *
 * Returns: (transfer none): when the reel last changed, in UTC
 */
GDateTime *
rushes_reel_get_modified (RushesReel *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL (self), NULL);

  return self->modified;
}

guint
rushes_reel_get_n_entries (RushesReel *self)
{
  g_return_val_if_fail (RUSHES_IS_REEL (self), 0);

  return self->entries->len;
}

/**
 * rushes_reel_get_entry:
 *
 * Returns: (transfer none): the entry at @position
 */
RushesReelEntry *
rushes_reel_get_entry (RushesReel *self,
                       guint       position)
{
  g_return_val_if_fail (RUSHES_IS_REEL (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

/**
 * rushes_reel_insert:
 * @position: where; past the end appends
 * @task_id: the library clip
 *
 * Adds the whole clip, followed by a cut. The same clip may appear more
 * than once.
 */
void
rushes_reel_insert (RushesReel *self,
                    guint       position,
                    const char *task_id)
{
  g_return_if_fail (RUSHES_IS_REEL (self));
  g_return_if_fail (rushes_reel_id_is_valid (task_id));
  g_return_if_fail (self->entries->len < RUSHES_REEL_MAX_ENTRIES);

  position = MIN (position, self->entries->len);
  g_ptr_array_insert (self->entries, position, rushes_reel_entry_new (task_id));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  touch (self);
}

void
rushes_reel_append (RushesReel *self,
                    const char *task_id)
{
  g_return_if_fail (RUSHES_IS_REEL (self));

  rushes_reel_insert (self, G_MAXUINT, task_id);
}

void
rushes_reel_remove (RushesReel *self,
                    guint       position)
{
  g_return_if_fail (RUSHES_IS_REEL (self));
  g_return_if_fail (position < self->entries->len);

  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  touch (self);
}

/**
 * rushes_reel_move:
 * @from: the entry's position
 * @to: its position afterwards
 *
 * Moves an entry with its trim and the transition that follows it.
 */
void
rushes_reel_move (RushesReel *self,
                  guint       from,
                  guint       to)
{
  gpointer entry;

  g_return_if_fail (RUSHES_IS_REEL (self));
  g_return_if_fail (from < self->entries->len);
  g_return_if_fail (to < self->entries->len);

  if (from == to)
    return;

  entry = g_ptr_array_steal_index (self->entries, from);
  g_ptr_array_insert (self->entries, to, entry);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to),
                              ABS ((int) from - (int) to) + 1, ABS ((int) from - (int) to) + 1);
  touch (self);
}

/**
 * rushes_reel_set_trim:
 * @in_point: where the clip starts in its video, in microseconds; -1 for
 *   its start
 * @out_point: where it ends; -1 for its end
 * @error: a %RUSHES_ERROR_INVALID_INPUT when the in point is not before
 *   the out point, or one is negative or over a day
 *
 * The points are checked against the clip's length only when the reel is
 * laid out (rushes_reel_compute_layout()): the reel does not know it.
 */
gboolean
rushes_reel_set_trim (RushesReel  *self,
                      guint        position,
                      gint64       in_point,
                      gint64       out_point,
                      GError     **error)
{
  RushesReelEntry *entry;

  g_return_val_if_fail (RUSHES_IS_REEL (self), FALSE);
  g_return_val_if_fail (position < self->entries->len, FALSE);

  if (!_rushes_reel_time_is_valid (in_point) || !_rushes_reel_time_is_valid (out_point) || out_point == 0 ||
      (in_point >= 0 && out_point >= 0 && in_point >= out_point))
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("Clip %u cannot start at %.2f s and end at %.2f s"), position + 1,
                   in_point / (double) G_TIME_SPAN_SECOND, out_point / (double) G_TIME_SPAN_SECOND);
      return FALSE;
    }

  entry = g_ptr_array_index (self->entries, position);
  if (entry->in_point == in_point && entry->out_point == out_point)
    return TRUE;

  entry = entry_copy (entry);
  entry->in_point = in_point;
  entry->out_point = out_point;
  g_object_unref (g_ptr_array_index (self->entries, position));
  replace_entry (self, position, entry);

  return TRUE;
}

/**
 * rushes_reel_set_transition:
 * @position: the entry whose end the transition follows
 * @transition: a cut or a crossfade
 * @duration: the crossfade's length in microseconds (ignored for a cut)
 * @error: a %RUSHES_ERROR_INVALID_INPUT for a crossfade without length or
 *   longer than a day
 *
 * Whether the crossfade fits between the two clips is known only when
 * the reel is laid out (rushes_reel_compute_layout()).
 */
gboolean
rushes_reel_set_transition (RushesReel            *self,
                            guint                  position,
                            RushesReelTransition   transition,
                            gint64                 duration,
                            GError               **error)
{
  RushesReelEntry *entry;

  g_return_val_if_fail (RUSHES_IS_REEL (self), FALSE);
  g_return_val_if_fail (position < self->entries->len, FALSE);
  g_return_val_if_fail (transition == RUSHES_REEL_TRANSITION_CUT ||
                        transition == RUSHES_REEL_TRANSITION_CROSSFADE, FALSE);

  if (transition == RUSHES_REEL_TRANSITION_CUT)
    duration = 0;
  else if (duration <= 0 || duration > RUSHES_REEL_MAX_TIME)
    {
      g_set_error (error, RUSHES_ERROR, RUSHES_ERROR_INVALID_INPUT,
                   _("A crossfade cannot last %.2f s"), duration / (double) G_TIME_SPAN_SECOND);
      return FALSE;
    }

  entry = g_ptr_array_index (self->entries, position);
  if (entry->transition == transition && entry->transition_duration == duration)
    return TRUE;

  entry = entry_copy (entry);
  entry->transition = transition;
  entry->transition_duration = duration;
  g_object_unref (g_ptr_array_index (self->entries, position));
  replace_entry (self, position, entry);

  return TRUE;
}

/**
 * rushes_reel_count_uses:
 *
 * For the question asked before a clip is deleted.
 *
 * Returns: how many entries show the clip of @task_id
 */
guint
rushes_reel_count_uses (RushesReel *self,
                        const char *task_id)
{
  guint n = 0;

  g_return_val_if_fail (RUSHES_IS_REEL (self), 0);
  g_return_val_if_fail (task_id != NULL, 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      RushesReelEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->task_id, task_id))
        n++;
    }

  return n;
}

/**
 * rushes_reel_compute_layout:
 * @clip_durations: (array): the length of each entry's video, in
 *   microseconds, one per entry
 * @flags: whether what does not fit is refused or shortened
 * @spans: (out) (transfer full) (array) (optional): where each entry lies;
 *   free with g_free()
 * @total_duration: (out) (optional): the reel's length, in microseconds
 *
 * rushes_reel_layout() over the reel's entries.
 */
gboolean
rushes_reel_compute_layout (RushesReel             *self,
                            const gint64           *clip_durations,
                            RushesReelLayoutFlags   flags,
                            RushesReelSpan        **spans,
                            gint64                 *total_duration,
                            GError                **error)
{
  g_autofree RushesReelClipTiming *timings = NULL;
  g_autofree RushesReelSpan *result = NULL;
  guint n;

  g_return_val_if_fail (RUSHES_IS_REEL (self), FALSE);
  g_return_val_if_fail (clip_durations != NULL || self->entries->len == 0, FALSE);

  n = self->entries->len;
  timings = g_new0 (RushesReelClipTiming, MAX (n, 1));
  result = g_new0 (RushesReelSpan, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      RushesReelEntry *entry = g_ptr_array_index (self->entries, i);

      timings[i] = (RushesReelClipTiming) {
        .clip_duration = clip_durations[i],
        .in_point = entry->in_point,
        .out_point = entry->out_point,
        .transition = entry->transition,
        .transition_duration = entry->transition_duration,
      };
    }

  if (!rushes_reel_layout (timings, n, flags, result, total_duration, error))
    return FALSE;

  if (spans != NULL)
    *spans = g_steal_pointer (&result);
  return TRUE;
}

/* For rushes-reel-file.c */

gboolean
_rushes_reel_time_is_valid (gint64 microseconds)
{
  return microseconds == -1 || (microseconds >= 0 && microseconds <= RUSHES_REEL_MAX_TIME);
}

RushesReelEntry *
_rushes_reel_entry_new_full (const char           *task_id,
                             gint64                in_point,
                             gint64                out_point,
                             RushesReelTransition  transition,
                             gint64                transition_duration)
{
  RushesReelEntry *entry = rushes_reel_entry_new (task_id);

  entry->in_point = in_point;
  entry->out_point = out_point;
  entry->transition = transition;
  entry->transition_duration = transition == RUSHES_REEL_TRANSITION_CROSSFADE ? transition_duration : 0;
  return entry;
}

/* Takes @entries (of RushesReelEntry). */
RushesReel *
_rushes_reel_new_loaded (const char *id,
                         const char *name,
                         GDateTime  *created,
                         GDateTime  *modified,
                         GPtrArray  *entries)
{
  RushesReel *reel = g_object_new (RUSHES_TYPE_REEL, "id", id, "name", name, NULL);

  g_ptr_array_extend_and_steal (reel->entries, entries);
  g_date_time_unref (reel->created);
  reel->created = g_date_time_ref (created);
  g_date_time_unref (reel->modified);
  reel->modified = g_date_time_ref (modified);

  return reel;
}
