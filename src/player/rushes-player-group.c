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

#define G_LOG_DOMAIN "rushes-player-group"

#include "config.h"

#include "rushes-player-group.h"
#include "rushes-player-private.h"

/**
 * RushesPlayerGroup:
 *
 * Several #RushesPlayer playing side by side on one clock, for comparing
 * takes: play, pause, seek, frame steps and speed act on all of them.
 *
 * Every player runs on the same GStreamer clock, and the group alone gives
 * them their base time: a frame of running time t is shown at base + t in
 * each pipeline, so the pictures stay together however long they play.
 * Running time restarts at 0 with each flushing seek; so every start goes
 * the same way: all players are seeked to one position, the group waits
 * until each has shown that frame (#RushesPlayer:busy), then starts them
 * all with one base time a little ahead of the clock. A pause seeks them
 * all to the frame the reference player shows, so the paused pictures are
 * the same instant too.
 *
 * Takes may differ in length: the longest one is the reference (its
 * position is the group's); shorter ones stop on their last frame. The
 * group loops or ends when all have ended. Nothing runs while it is
 * paused: the players read their position only while playing.
 */

/* How far ahead of the clock a start is set: time for every pipeline to
 * go to PLAYING before its first frame is due. */
#define START_DELAY (80 * GST_MSECOND)

struct _RushesPlayerGroup
{
  GObject       parent_instance;

  /* Owned */
  GPtrArray    *players;
  GstClock     *clock;
  double        rate;
  guint         audio_index;

  guint         playing : 1;        /* asked to play, started or about to */
  guint         start_pending : 1;  /* waiting for every player to settle */
  guint         loop : 1;
  guint         muted : 1;
};

G_DEFINE_FINAL_TYPE (RushesPlayerGroup, rushes_player_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_PLAYERS,
  PROP_PLAYING,
  PROP_BUSY,
  PROP_POSITION,
  PROP_DURATION,
  PROP_RATE,
  PROP_LOOP,
  PROP_MUTED,
  PROP_AUDIO_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
player_usable (RushesPlayer *player)
{
  return rushes_player_get_uri (player) != NULL && rushes_player_get_error (player) == NULL;
}

/* The longest take: the others end before it. */
static RushesPlayer *
reference_player (RushesPlayerGroup *self)
{
  RushesPlayer *reference = NULL;

  for (guint i = 0; i < self->players->len; i++)
    {
      RushesPlayer *player = g_ptr_array_index (self->players, i);

      if (!player_usable (player))
        continue;
      if (reference == NULL || rushes_player_get_duration (player) > rushes_player_get_duration (reference))
        reference = player;
    }

  return reference;
}

static gboolean
any_busy (RushesPlayerGroup *self)
{
  for (guint i = 0; i < self->players->len; i++)
    if (_rushes_player_get_busy (g_ptr_array_index (self->players, i)))
      return TRUE;

  return FALSE;
}

static gboolean
any_playing (RushesPlayerGroup *self)
{
  for (guint i = 0; i < self->players->len; i++)
    if (rushes_player_get_playing (g_ptr_array_index (self->players, i)))
      return TRUE;

  return FALSE;
}

static void
set_playing_internal (RushesPlayerGroup *self,
                      gboolean           playing)
{
  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
seek_all (RushesPlayerGroup *self,
          gint64             position)
{
  for (guint i = 0; i < self->players->len; i++)
    rushes_player_seek (g_ptr_array_index (self->players, i), position);
}

static void
pause_all (RushesPlayerGroup *self)
{
  for (guint i = 0; i < self->players->len; i++)
    rushes_player_pause (g_ptr_array_index (self->players, i));
}

/* Starts every player with one base time, once each shows the frame it
 * was seeked to. */
static void
try_start (RushesPlayerGroup *self)
{
  GstClockTime base_time;

  if (!self->start_pending || any_busy (self))
    return;

  self->start_pending = FALSE;
  base_time = gst_clock_get_time (self->clock) + START_DELAY;
  for (guint i = 0; i < self->players->len; i++)
    _rushes_player_play_at (g_ptr_array_index (self->players, i), base_time);
}

/* Stops every player and shows them all at the reference's frame. */
static void
pause_and_align (RushesPlayerGroup *self)
{
  RushesPlayer *reference;

  pause_all (self);
  reference = reference_player (self);
  if (reference != NULL)
    seek_all (self, rushes_player_get_position (reference));
}

static void
apply_muted (RushesPlayerGroup *self)
{
  for (guint i = 0; i < self->players->len; i++)
    rushes_player_set_muted (g_ptr_array_index (self->players, i),
                             self->muted || i != self->audio_index);
}

static void
player_busy_cb (RushesPlayerGroup *self)
{
  try_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
player_position_cb (RushesPlayerGroup *self,
                    GParamSpec        *pspec,
                    RushesPlayer      *player)
{
  if (player == reference_player (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static void
player_duration_cb (RushesPlayerGroup *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

/* A take ended: the group goes on while any plays, then loops or ends. */
static void
player_ended_cb (RushesPlayerGroup *self)
{
  if (!self->playing || self->start_pending || any_playing (self))
    return;

  if (self->loop)
    {
      seek_all (self, 0);
      self->start_pending = TRUE;
      try_start (self);
      return;
    }

  set_playing_internal (self, FALSE);
}

/* A player that fails is left out; the others go on. */
static void
player_error_cb (RushesPlayerGroup *self)
{
  try_start (self);
  player_ended_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

static void
release_player (RushesPlayerGroup *self,
                RushesPlayer      *player)
{
  g_signal_handlers_disconnect_by_data (player, self);
  rushes_player_set_uri (player, NULL);
  g_object_unref (player);
}

static void
clear_players (RushesPlayerGroup *self)
{
  for (guint i = 0; i < self->players->len; i++)
    release_player (self, g_ptr_array_index (self->players, i));
  g_ptr_array_set_size (self->players, 0);
}

static void
rushes_player_group_dispose (GObject *object)
{
  RushesPlayerGroup *self = RUSHES_PLAYER_GROUP (object);

  if (self->players != NULL)
    clear_players (self);
  g_clear_pointer (&self->players, g_ptr_array_unref);
  gst_clear_object (&self->clock);

  G_OBJECT_CLASS (rushes_player_group_parent_class)->dispose (object);
}

static void
rushes_player_group_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RushesPlayerGroup *self = RUSHES_PLAYER_GROUP (object);

  switch (prop_id)
    {
    case PROP_N_PLAYERS:
      g_value_set_uint (value, self->players->len);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, rushes_player_group_get_busy (self));
      break;

    case PROP_POSITION:
      g_value_set_int64 (value, rushes_player_group_get_position (self));
      break;

    case PROP_DURATION:
      g_value_set_int64 (value, rushes_player_group_get_duration (self));
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_LOOP:
      g_value_set_boolean (value, self->loop);
      break;

    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;

    case PROP_AUDIO_INDEX:
      g_value_set_uint (value, self->audio_index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_player_group_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RushesPlayerGroup *self = RUSHES_PLAYER_GROUP (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      rushes_player_group_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_RATE:
      rushes_player_group_set_rate (self, g_value_get_double (value));
      break;

    case PROP_LOOP:
      rushes_player_group_set_loop (self, g_value_get_boolean (value));
      break;

    case PROP_MUTED:
      rushes_player_group_set_muted (self, g_value_get_boolean (value));
      break;

    case PROP_AUDIO_INDEX:
      rushes_player_group_set_audio_index (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_player_group_class_init (RushesPlayerGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_player_group_dispose;
  object_class->get_property = rushes_player_group_get_property;
  object_class->set_property = rushes_player_group_set_property;

  properties[PROP_N_PLAYERS] =
    g_param_spec_uint ("n-players", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayerGroup:playing:
   *
   * Whether the takes play (or are about to, once each shows the frame
   * they start from).
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayerGroup:busy:
   *
   * Whether a player has yet to show the frame of a load, seek or step.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayerGroup:position:
   *
   * The position of the longest take, in nanoseconds.
   */
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayerGroup:duration:
   *
   * The longest take's duration in nanoseconds, 0 while unknown.
   */
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         RUSHES_PLAYER_MIN_RATE, RUSHES_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayerGroup:audio-index:
   *
   * The take whose sound is heard; the others are silent, as several
   * takes of one idea at once are noise.
   */
  properties[PROP_AUDIO_INDEX] =
    g_param_spec_uint ("audio-index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rushes_player_group_init (RushesPlayerGroup *self)
{
  self->players = g_ptr_array_new ();
  self->clock = gst_system_clock_obtain ();
  self->rate = 1.0;
  self->loop = TRUE;
}

/**
 * rushes_player_group_new:
 *
 * Returns: (transfer full): a group with no takes, looping
 */
RushesPlayerGroup *
rushes_player_group_new (void)
{
  return g_object_new (RUSHES_TYPE_PLAYER_GROUP, NULL);
}

/**
 * rushes_player_group_set_files:
 * @files: (array length=n_files): the takes' videos
 *
 * Loads the takes paused on their first frames, each in a player of its
 * own, replacing any loaded before.
 */
void
rushes_player_group_set_files (RushesPlayerGroup  *self,
                               GFile             **files,
                               guint               n_files)
{
  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));
  g_return_if_fail (files != NULL || n_files == 0);
  for (guint i = 0; i < n_files; i++)
    g_return_if_fail (G_IS_FILE (files[i]));

  g_object_freeze_notify (G_OBJECT (self));

  clear_players (self);
  self->start_pending = FALSE;
  set_playing_internal (self, FALSE);

  for (guint i = 0; i < n_files; i++)
    {
      RushesPlayer *player = rushes_player_new ();

      _rushes_player_use_clock (player, self->clock);
      rushes_player_set_loop (player, FALSE);
      rushes_player_set_rate (player, self->rate);
      g_signal_connect_swapped (player, "notify::busy", G_CALLBACK (player_busy_cb), self);
      g_signal_connect_swapped (player, "notify::position", G_CALLBACK (player_position_cb), self);
      g_signal_connect_swapped (player, "notify::duration", G_CALLBACK (player_duration_cb), self);
      g_signal_connect_swapped (player, "notify::error", G_CALLBACK (player_error_cb), self);
      g_signal_connect_swapped (player, "ended", G_CALLBACK (player_ended_cb), self);
      g_ptr_array_add (self->players, player);
      rushes_player_set_file (player, files[i]);
    }
  apply_muted (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PLAYERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  g_object_thaw_notify (G_OBJECT (self));
}

guint
rushes_player_group_get_n_players (RushesPlayerGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), 0);

  return self->players->len;
}

/**
 * rushes_player_group_get_player:
 *
 * Returns: (transfer none): the player of take @index, for its paintable
 */
RushesPlayer *
rushes_player_group_get_player (RushesPlayerGroup *self,
                                guint              index)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), NULL);
  g_return_val_if_fail (index < self->players->len, NULL);

  return g_ptr_array_index (self->players, index);
}

/**
 * rushes_player_group_remove:
 *
 * Takes take @index out of the comparison; the others go on as they were.
 */
void
rushes_player_group_remove (RushesPlayerGroup *self,
                            guint              index)
{
  RushesPlayer *player;

  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));
  g_return_if_fail (index < self->players->len);

  g_object_freeze_notify (G_OBJECT (self));

  player = g_ptr_array_steal_index (self->players, index);
  release_player (self, player);

  if (self->audio_index >= self->players->len && self->audio_index > 0)
    {
      self->audio_index = self->players->len > 0 ? self->players->len - 1 : 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_INDEX]);
    }
  else if (index < self->audio_index)
    {
      self->audio_index--;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_INDEX]);
    }
  apply_muted (self);

  if (self->players->len == 0)
    {
      self->start_pending = FALSE;
      set_playing_internal (self, FALSE);
    }
  try_start (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PLAYERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
rushes_player_group_get_playing (RushesPlayerGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), FALSE);

  return self->playing;
}

void
rushes_player_group_set_playing (RushesPlayerGroup *self,
                                 gboolean           playing)
{
  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  if (playing)
    rushes_player_group_play (self);
  else
    rushes_player_group_pause (self);
}

/**
 * rushes_player_group_play:
 *
 * Plays every take from the position shown, from the start again once
 * all have ended.
 */
void
rushes_player_group_play (RushesPlayerGroup *self)
{
  RushesPlayer *reference;

  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  reference = reference_player (self);
  if (self->playing || reference == NULL)
    return;

  if (rushes_player_get_duration (reference) > 0 &&
      rushes_player_get_position (reference) >= rushes_player_get_duration (reference))
    seek_all (self, 0);

  self->start_pending = TRUE;
  set_playing_internal (self, TRUE);
  try_start (self);
}

/**
 * rushes_player_group_pause:
 *
 * Pauses every take on the frame of one instant.
 */
void
rushes_player_group_pause (RushesPlayerGroup *self)
{
  gboolean started;

  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  if (!self->playing)
    return;

  started = !self->start_pending;
  self->start_pending = FALSE;
  if (started)
    pause_and_align (self);
  set_playing_internal (self, FALSE);
}

void
rushes_player_group_toggle (RushesPlayerGroup *self)
{
  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  if (self->playing)
    rushes_player_group_pause (self);
  else
    rushes_player_group_play (self);
}

/**
 * rushes_player_group_get_busy:
 *
 * Returns: whether a take has yet to show the frame of a load, seek or
 *   step
 */
gboolean
rushes_player_group_get_busy (RushesPlayerGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), FALSE);

  return any_busy (self);
}

/**
 * rushes_player_group_get_position:
 *
 * Returns: the position of the longest take, in nanoseconds
 */
gint64
rushes_player_group_get_position (RushesPlayerGroup *self)
{
  RushesPlayer *reference;

  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), 0);

  reference = reference_player (self);
  return reference != NULL ? rushes_player_get_position (reference) : 0;
}

/**
 * rushes_player_group_get_duration:
 *
 * Returns: the duration of the longest take, 0 while unknown
 */
gint64
rushes_player_group_get_duration (RushesPlayerGroup *self)
{
  RushesPlayer *reference;

  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), 0);

  reference = reference_player (self);
  return reference != NULL ? rushes_player_get_duration (reference) : 0;
}

/**
 * rushes_player_group_seek:
 * @position: nanoseconds from the start
 *
 * Shows every take at @position (a shorter take its last frame), playing
 * on together from there if the group plays.
 */
void
rushes_player_group_seek (RushesPlayerGroup *self,
                          gint64             position)
{
  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  position = MAX (position, 0);
  if (self->playing)
    {
      pause_all (self);
      self->start_pending = TRUE;
    }
  seek_all (self, position);
  try_start (self);
}

/**
 * rushes_player_group_step_frame:
 * @forward: %TRUE for the next frame, %FALSE for the previous one
 *
 * Steps every take by one frame of the longest take. While playing it
 * only pauses, on the frame shown.
 */
void
rushes_player_group_step_frame (RushesPlayerGroup *self,
                                gboolean           forward)
{
  RushesPlayer *reference;
  gint64 frame, shown, target;

  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  if (self->playing)
    {
      rushes_player_group_pause (self);
      return;
    }

  reference = reference_player (self);
  if (reference == NULL)
    return;

  /* Paused, a player's position is the start of the frame it shows; aim
   * at the middle of the next or previous frame, so that each take shows
   * the frame it has at that instant whatever its own frame rate. */
  frame = rushes_player_get_frame_duration (reference);
  shown = rushes_player_get_position (reference);
  target = forward ? shown + frame + frame / 2 : shown - frame / 2;
  if (target < 0 || (forward && rushes_player_get_duration (reference) > 0 &&
                     target >= rushes_player_get_duration (reference)))
    return;

  seek_all (self, target);
}

double
rushes_player_group_get_rate (RushesPlayerGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), 1.0);

  return self->rate;
}

/**
 * rushes_player_group_set_rate:
 * @rate: the speed of every take, clamped to 0.25–2
 */
void
rushes_player_group_set_rate (RushesPlayerGroup *self,
                              double             rate)
{
  RushesPlayer *reference;
  gint64 position;

  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  rate = CLAMP (rate, RUSHES_PLAYER_MIN_RATE, RUSHES_PLAYER_MAX_RATE);
  if (self->rate == rate)
    return;

  self->rate = rate;

  /* Each player changes speed with a seek of its own: stop them all,
   * then start them again from one position. */
  reference = reference_player (self);
  position = reference != NULL ? rushes_player_get_position (reference) : 0;
  if (self->playing)
    {
      pause_all (self);
      self->start_pending = TRUE;
    }
  for (guint i = 0; i < self->players->len; i++)
    rushes_player_set_rate (g_ptr_array_index (self->players, i), rate);
  seek_all (self, position);
  try_start (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

gboolean
rushes_player_group_get_loop (RushesPlayerGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), FALSE);

  return self->loop;
}

void
rushes_player_group_set_loop (RushesPlayerGroup *self,
                              gboolean           loop)
{
  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  loop = !!loop;
  if (self->loop == loop)
    return;

  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

gboolean
rushes_player_group_get_muted (RushesPlayerGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), FALSE);

  return self->muted;
}

void
rushes_player_group_set_muted (RushesPlayerGroup *self,
                               gboolean           muted)
{
  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  muted = !!muted;
  if (self->muted == muted)
    return;

  self->muted = muted;
  apply_muted (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

guint
rushes_player_group_get_audio_index (RushesPlayerGroup *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER_GROUP (self), 0);

  return self->audio_index;
}

/**
 * rushes_player_group_set_audio_index:
 * @index: the take to hear
 */
void
rushes_player_group_set_audio_index (RushesPlayerGroup *self,
                                     guint              index)
{
  g_return_if_fail (RUSHES_IS_PLAYER_GROUP (self));

  if (self->audio_index == index)
    return;

  self->audio_index = index;
  apply_muted (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_INDEX]);
}
