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

#define G_LOG_DOMAIN "rushes-player"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/audio/streamvolume.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-paintable-private.h"
#include "rushes-player-private.h"
#include "rushes-video-sink.h"

/**
 * RushesPlayer:
 *
 * Plays one clip with playbin into a #RushesPaintable, or a pipeline it
 * is given (a reel's GES timeline: rushes_player_set_pipeline()). It lives on the
 * main thread: GStreamer's bus is watched from the main context, frames
 * reach the paintable through #RushesVideoSink, and every property changes
 * and notifies there.
 *
 * Seeks are flushing and accurate (clips are short, and frame stepping
 * needs exact frames). While one is in flight a newer request replaces
 * any waiting one, so dragging the seek bar never piles up seeks, and
 * #RushesPlayer:position reports the requested position meanwhile.
 */
G_DEFINE_FINAL_TYPE (RushesPlayer, rushes_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_FILE,
  PROP_PIPELINE,
  PROP_PAINTABLE,
  PROP_ERROR,
  PROP_PLAYING,
  PROP_POSITION,
  PROP_DURATION,
  PROP_SEEKABLE,
  PROP_LOOP,
  PROP_VOLUME,
  PROP_MUTED,
  PROP_RATE,
  PROP_BUSY,
  N_PROPS
};

enum {
  ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What error messages call what plays. */
static const char *
source_name (RushesPlayer *self)
{
  return self->custom != NULL ? self->custom_name : self->uri;
}

/* playbin is a GstStreamVolume; a GES pipeline has one inside it (its
 * playsink). The volume there is linear; the cubic curve is how loudness
 * is heard (GST_STREAM_VOLUME_FORMAT_CUBIC). */
static void
apply_volume (RushesPlayer *self)
{
  g_autoptr(GstElement) volume = NULL;

  if (self->pipeline == NULL)
    return;

  if (GST_IS_STREAM_VOLUME (self->pipeline))
    volume = gst_object_ref (self->pipeline);
  else if (GST_IS_BIN (self->pipeline))
    volume = gst_bin_get_by_interface (GST_BIN (self->pipeline), GST_TYPE_STREAM_VOLUME);

  if (volume == NULL)
    return;

  gst_stream_volume_set_volume (GST_STREAM_VOLUME (volume), GST_STREAM_VOLUME_FORMAT_CUBIC, self->volume);
  gst_stream_volume_set_mute (GST_STREAM_VOLUME (volume), self->muted);
}

/* How often the position is read while playing: smooth enough for a
 * seek bar and the time label, cheap for the pipeline. */
#define POSITION_INTERVAL_MS 40

/* decodebin can lose a demuxer's error when it races with autoplugging
 * (qtdemux on a truncated MP4 does, about one time in three): the clip
 * then never prerolls and no message says why. A load with no bus
 * message for this long is reported as a damaged file. */
#define PREROLL_IDLE_TIMEOUT_S 5

static void
rushes_player_set_position_internal (RushesPlayer *self,
                                     gint64        position)
{
  if (self->duration > 0)
    position = CLAMP (position, 0, self->duration);
  else
    position = MAX (position, 0);

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Whether a load, seek or step has yet to show its frame: what a group of
 * players waits for before it starts them together. */
static void
rushes_player_update_busy (RushesPlayer *self)
{
  gboolean busy = _rushes_player_has_source (self) && self->error == NULL &&
                  (!self->prerolled || self->seeking || self->seek_queued || self->stepping ||
                   self->pausing);

  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* While a seek is on its way the pipeline still reports the old position;
 * the requested one is what the user expects to see. */
static void
rushes_player_update_position (RushesPlayer *self)
{
  gint64 position;

  GstClockTime frame_time, frame_duration;

  if (self->seeking || self->seek_queued)
    {
      rushes_player_set_position_internal (self, self->seek_target);
    }
  else if (self->ended)
    {
      rushes_player_set_position_internal (self, self->duration);
    }
  else if (self->prerolled && self->pipeline != NULL &&
           gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position))
    {
      /* Paused inside the shown frame: say the frame's own time, so that
       * stepping reads in whole frames. */
      if (!self->playing &&
          _rushes_paintable_get_frame_time (self->paintable, &frame_time, &frame_duration) &&
          position >= (gint64) frame_time &&
          position < (gint64) (frame_time + frame_duration + frame_duration / 2))
        position = frame_time;

      rushes_player_set_position_internal (self, position);
    }
}

static void
rushes_player_update_duration (RushesPlayer *self)
{
  gint64 duration = 0;
  g_autoptr(GstQuery) query = NULL;
  gboolean seekable = FALSE;

  if (!gst_element_query_duration (self->pipeline, GST_FORMAT_TIME, &duration) || duration < 0)
    duration = 0;

  query = gst_query_new_seeking (GST_FORMAT_TIME);
  if (gst_element_query (self->pipeline, query))
    gst_query_parse_seeking (query, NULL, &seekable, NULL, NULL);
  g_debug ("%s: %" G_GINT64_FORMAT " ns, %s", source_name (self), duration, seekable ? "seekable" : "not seekable");
  /* GES's compositions seek, but do not say so. */
  if (self->custom != NULL && duration > 0)
    seekable = TRUE;

  if (self->duration != duration)
    {
      self->duration = duration;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }

  if (self->seekable != !!seekable)
    {
      self->seekable = !!seekable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEEKABLE]);
    }
}

/* A step shows its frame after STEP_DONE, with no message to say so. */
static void
frame_shown_cb (RushesPlayer *self)
{
  if (!self->playing)
    rushes_player_update_position (self);
}

static gboolean
position_cb (gpointer user_data)
{
  RushesPlayer *self = user_data;

  rushes_player_update_position (self);

  return G_SOURCE_CONTINUE;
}

void
_rushes_player_set_playing_internal (RushesPlayer *self,
                                    gboolean      playing)
{
  playing = !!playing;

  if (playing && self->position_source == 0)
    self->position_source = g_timeout_add (POSITION_INTERVAL_MS, position_cb, self);
  else if (!playing)
    g_clear_handle_id (&self->position_source, g_source_remove);

  if (self->playing == playing)
    return;

  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
rushes_player_issue_seek (RushesPlayer *self,
                          gint64        position)
{
  GstSeekType stop_type = GST_SEEK_TYPE_NONE;
  gint64 stop = GST_CLOCK_TIME_NONE;

  self->seek_target = MAX (position, 0);

  /* A pause still prerolling answers with an ASYNC_DONE of its own: the
   * seek waits for it, or that message would pass for the seek's. */
  if (!self->prerolled || self->seeking || self->pausing)
    {
      self->seek_queued = TRUE;
      rushes_player_update_busy (self);
      return;
    }

  self->seek_queued = FALSE;
  /* GES's compositions keep the end of the part they last played as
   * their segment's: a seek past it that leaves the end alone fails. */
  if (self->custom != NULL && self->duration > 0)
    {
      stop_type = GST_SEEK_TYPE_SET;
      stop = self->duration;
    }
  if (gst_element_seek (self->pipeline, self->rate, GST_FORMAT_TIME,
                        GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                        GST_SEEK_TYPE_SET, self->seek_target,
                        stop_type, stop))
    self->seeking = TRUE;
  else
    g_debug ("Seek to %" GST_TIME_FORMAT " at rate %.2f refused",
             GST_TIME_ARGS (self->seek_target), self->rate);
  rushes_player_update_busy (self);
}

static void
rushes_player_set_error (RushesPlayer *self,
                         GError       *error)
{
  /* The first error is the reason; later ones are its consequences. */
  if (self->error != NULL)
    {
      g_error_free (error);
      return;
    }

  g_debug ("Cannot play %s: %s", source_name (self), error->message);
  self->error = error;
  g_clear_handle_id (&self->preroll_watchdog, g_source_remove);

  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  self->prerolled = FALSE;
  self->seeking = FALSE;
  self->seek_queued = FALSE;
  self->stepping = FALSE;
  self->pausing = FALSE;
  _rushes_paintable_clear (self->paintable);

  g_object_freeze_notify (G_OBJECT (self));
  _rushes_player_set_playing_internal (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  rushes_player_update_busy (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
rushes_player_handle_eos (RushesPlayer *self)
{
  if (self->loop && self->seekable)
    {
      rushes_player_issue_seek (self, 0);
      rushes_player_update_position (self);
      return;
    }

  self->ended = TRUE;
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);

  g_object_freeze_notify (G_OBJECT (self));
  _rushes_player_set_playing_internal (self, FALSE);
  rushes_player_update_position (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[ENDED], 0);
}

static void
rushes_player_handle_async_done (RushesPlayer *self)
{
  gboolean first = !self->prerolled;

  g_clear_handle_id (&self->preroll_watchdog, g_source_remove);
  self->prerolled = TRUE;
  self->seeking = FALSE;
  self->stepping = FALSE;
  self->pausing = FALSE;

  /* The frame of this preroll is already waiting for the main loop. */
  rushes_video_sink_deliver_pending (self->custom_sink != NULL ? self->custom_sink : self->video_sink);

  g_object_freeze_notify (G_OBJECT (self));

  if (first)
    rushes_player_update_duration (self);

  if (self->seek_queued)
    rushes_player_issue_seek (self, self->seek_target);
  else if (first && self->rate != 1.0)
    rushes_player_issue_seek (self, 0);

  rushes_player_update_position (self);
  rushes_player_update_busy (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
preroll_watchdog_cb (gpointer user_data)
{
  RushesPlayer *self = user_data;

  self->preroll_watchdog = 0;
  g_debug ("%s did not preroll; taking it as damaged", source_name (self));
  rushes_player_set_error (self, _rushes_media_stalled_error (source_name (self)));

  return G_SOURCE_REMOVE;
}

static void
rushes_player_arm_watchdog (RushesPlayer *self)
{
  g_clear_handle_id (&self->preroll_watchdog, g_source_remove);
  self->preroll_watchdog = g_timeout_add_seconds (PREROLL_IDLE_TIMEOUT_S, preroll_watchdog_cb, self);
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  RushesPlayer *self = user_data;

  /* What the pipeline played before posted before it was stopped. */
  if (bus != (self->custom != NULL ? self->custom_bus : self->bus))
    return G_SOURCE_CONTINUE;

  /* Any message shows that loading goes on. */
  if (self->preroll_watchdog != 0)
    rushes_player_arm_watchdog (self);

  switch ((int) GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      rushes_player_set_error (self, _rushes_media_error_from_message (message, source_name (self), NULL));
      break;

    case GST_MESSAGE_WARNING:
      {
        g_autoptr(GError) warning = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_warning (message, &warning, &debug);
        g_debug ("Warning from %s: %s (%s)",
                 GST_MESSAGE_SRC_NAME (message), warning->message, debug != NULL ? debug : "");
      }
      break;

    case GST_MESSAGE_ELEMENT:
      {
        gboolean blocks_video = FALSE;
        g_autofree char *missing = _rushes_media_missing_plugin (message, &blocks_video);

        /* playbin plays the sound alone when only the video decoder is
         * missing; for a video player that is an error. A missing audio
         * decoder only costs the sound. */
        if (missing != NULL && blocks_video)
          rushes_player_set_error (self, _rushes_media_missing_plugin_error (source_name (self), missing));
        else if (missing != NULL)
          g_debug ("Playing %s without sound: %s is missing", source_name (self), missing);
      }
      break;

    case GST_MESSAGE_EOS:
      if (self->error == NULL)
        rushes_player_handle_eos (self);
      break;

    case GST_MESSAGE_ASYNC_DONE:
      if (self->error == NULL)
        rushes_player_handle_async_done (self);
      break;

    case GST_MESSAGE_DURATION_CHANGED:
      if (self->prerolled)
        rushes_player_update_duration (self);
      break;

    case GST_MESSAGE_STEP_DONE:
      self->stepping = FALSE;
      rushes_player_update_position (self);
      rushes_player_update_busy (self);
      break;

    case GST_MESSAGE_CLOCK_LOST:
      /* Select a new clock, as the GStreamer manual says. */
      if (self->playing)
        {
          gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
          gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
        }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static void
drop_custom (RushesPlayer *self)
{
  if (self->custom == NULL)
    return;

  gst_element_set_state (self->custom, GST_STATE_NULL);
  gst_bus_remove_watch (self->custom_bus);
  gst_clear_object (&self->custom_bus);
  gst_clear_object (&self->custom_sink);
  gst_clear_object (&self->custom);
  g_clear_pointer (&self->custom_name, g_free);
  self->pipeline = self->playbin;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

/* Stops what plays, back to playbin with nothing loaded; notifies what
 * changes but the URI. */
static void
unload (RushesPlayer *self)
{
  gboolean had_error = self->error != NULL;

  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_handle_id (&self->preroll_watchdog, g_source_remove);
  _rushes_paintable_clear (self->paintable);
  drop_custom (self);
  g_clear_error (&self->error);

  self->prerolled = FALSE;
  self->seeking = FALSE;
  self->seek_queued = FALSE;
  self->stepping = FALSE;
  self->pausing = FALSE;
  self->ended = FALSE;
  _rushes_player_set_playing_internal (self, FALSE);
  rushes_player_set_position_internal (self, 0);
  if (self->duration != 0)
    {
      self->duration = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
  if (self->seekable)
    {
      self->seekable = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEEKABLE]);
    }
  if (had_error)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
rushes_player_dispose (GObject *object)
{
  RushesPlayer *self = RUSHES_PLAYER (object);

  g_clear_handle_id (&self->position_source, g_source_remove);
  g_clear_handle_id (&self->preroll_watchdog, g_source_remove);

  if (self->bus != NULL)
    {
      gst_bus_remove_watch (self->bus);
      gst_clear_object (&self->bus);
    }

  if (self->custom != NULL)
    {
      gst_element_set_state (self->custom, GST_STATE_NULL);
      self->pipeline = self->playbin;
      gst_bus_remove_watch (self->custom_bus);
      gst_clear_object (&self->custom_bus);
      gst_clear_object (&self->custom_sink);
      gst_clear_object (&self->custom);
    }
  if (self->playbin != NULL)
    {
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      self->pipeline = NULL;
      gst_clear_object (&self->playbin);
    }
  gst_clear_object (&self->video_sink);

  g_clear_object (&self->paintable);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (rushes_player_parent_class)->dispose (object);
}

static void
rushes_player_finalize (GObject *object)
{
  RushesPlayer *self = RUSHES_PLAYER (object);

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->custom_name, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (rushes_player_parent_class)->finalize (object);
}

static void
rushes_player_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RushesPlayer *self = RUSHES_PLAYER (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_FILE:
      g_value_set_object (value, rushes_player_get_file (self));
      break;

    case PROP_PIPELINE:
      g_value_set_object (value, self->custom);
      break;

    case PROP_PAINTABLE:
      g_value_set_object (value, self->paintable);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_POSITION:
      g_value_set_int64 (value, self->position);
      break;

    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;

    case PROP_SEEKABLE:
      g_value_set_boolean (value, self->seekable);
      break;

    case PROP_LOOP:
      g_value_set_boolean (value, self->loop);
      break;

    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;

    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_player_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RushesPlayer *self = RUSHES_PLAYER (object);

  switch (prop_id)
    {
    case PROP_URI:
      rushes_player_set_uri (self, g_value_get_string (value));
      break;

    case PROP_FILE:
      rushes_player_set_file (self, g_value_get_object (value));
      break;

    case PROP_PIPELINE:
      rushes_player_set_pipeline (self, g_value_get_object (value), NULL);
      break;

    case PROP_PLAYING:
      rushes_player_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_LOOP:
      rushes_player_set_loop (self, g_value_get_boolean (value));
      break;

    case PROP_VOLUME:
      rushes_player_set_volume (self, g_value_get_double (value));
      break;

    case PROP_MUTED:
      rushes_player_set_muted (self, g_value_get_boolean (value));
      break;

    case PROP_RATE:
      rushes_player_set_rate (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rushes_player_class_init (RushesPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rushes_player_dispose;
  object_class->finalize = rushes_player_finalize;
  object_class->get_property = rushes_player_get_property;
  object_class->set_property = rushes_player_set_property;

  /**
   * RushesPlayer:uri:
   *
   * The clip to play, or %NULL. Setting it loads the clip paused on its
   * first frame.
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:file:
   *
   * #RushesPlayer:uri as a #GFile.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:pipeline:
   *
   * The pipeline played instead of #RushesPlayer:uri, or %NULL
   * (rushes_player_set_pipeline()).
   */
  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL,
                         GST_TYPE_ELEMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:paintable:
   *
   * The video picture, for a #GtkPicture.
   */
  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL,
                         GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * RushesPlayer:error:
   *
   * Why the clip cannot be played (a #RUSHES_MEDIA_ERROR), or %NULL.
   * Loading another clip clears it.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:playing:
   *
   * Whether the clip plays; %FALSE while paused and after it ended.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:position:
   *
   * The playback position in nanoseconds.
   */
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:duration:
   *
   * The clip's duration in nanoseconds, 0 while unknown.
   */
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:seekable:
   *
   * Whether the clip can be seeked, stepped and looped.
   */
  properties[PROP_SEEKABLE] =
    g_param_spec_boolean ("seekable", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:loop:
   *
   * Whether the clip starts again when it ends.
   */
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:volume:
   *
   * The volume from 0 to 1 on a cubic scale, as people hear it (what a
   * volume slider should show).
   */
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL,
                         0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:muted:
   */
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:rate:
   *
   * The playback speed, from %RUSHES_PLAYER_MIN_RATE to
   * %RUSHES_PLAYER_MAX_RATE; the sound keeps its pitch.
   */
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         RUSHES_PLAYER_MIN_RATE, RUSHES_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RushesPlayer:busy:
   *
   * Whether a load, seek or frame step has yet to show its frame. Players
   * that must start together (#RushesPlayerGroup) wait until none is.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RushesPlayer::ended:
   *
   * The clip played to its end without #RushesPlayer:loop. The player is
   * paused on the last frame; rushes_player_play() starts it again.
   */
  signals[ENDED] =
    g_signal_new ("ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gst_init (NULL, NULL);
  gst_pb_utils_init ();
}

static void
rushes_player_init (RushesPlayer *self)
{
  GstElement *video_sink;
  GstElement *scaletempo;

  self->volume = 1.0;
  self->rate = 1.0;
  self->paintable = rushes_paintable_new ();
  g_signal_connect_object (self->paintable, "invalidate-contents",
                           G_CALLBACK (frame_shown_cb), self, G_CONNECT_SWAPPED);

  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      self->error = g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                                 _("GStreamer’s playbin element is not installed"));
      return;
    }
  gst_object_ref_sink (self->playbin);

  video_sink = rushes_video_sink_new (self->paintable);
  self->video_sink = RUSHES_VIDEO_SINK (gst_object_ref (video_sink));
  /* No subtitles in generated clips; the rest of playbin's defaults. */
  gst_util_set_object_arg (G_OBJECT (self->playbin), "flags", "video+audio+soft-volume+deinterlace");
  g_object_set (self->playbin, "video-sink", video_sink, NULL);

  /* Slow and fast playback at the natural pitch. */
  scaletempo = gst_element_factory_make ("scaletempo", NULL);
  if (scaletempo != NULL)
    g_object_set (self->playbin, "audio-filter", scaletempo, NULL);

  self->pipeline = self->playbin;
  self->bus = gst_element_get_bus (self->playbin);
  gst_bus_add_watch (self->bus, bus_cb, self);
}

/**
 * rushes_player_new:
 *
 * Returns: (transfer full): a new player with no clip
 */
RushesPlayer *
rushes_player_new (void)
{
  return g_object_new (RUSHES_TYPE_PLAYER, NULL);
}

const char *
rushes_player_get_uri (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), NULL);

  return self->uri;
}

/**
 * rushes_player_set_uri:
 * @uri: (nullable): the clip to play
 *
 * Loads @uri paused, on its first frame; setting the same URI again
 * retries after an error. Clears #RushesPlayer:error.
 */
void
rushes_player_set_uri (RushesPlayer *self,
                       const char   *uri)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  if (self->playbin == NULL)
    return;

  if (g_strcmp0 (self->uri, uri) == 0 && self->error == NULL && self->custom == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  unload (self);

  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_clear_object (&self->file);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  if (uri != NULL)
    {
      g_object_set (self->playbin, "uri", uri, NULL);
      rushes_player_arm_watchdog (self);
      /* A failure here also posts the ERROR that says why. */
      gst_element_set_state (self->playbin, GST_STATE_PAUSED);
    }
  rushes_player_update_busy (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rushes_player_get_file:
 *
 * Returns: (transfer none) (nullable): the clip as a #GFile
 */
GFile *
rushes_player_get_file (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), NULL);

  if (self->file == NULL && self->uri != NULL)
    self->file = g_file_new_for_uri (self->uri);

  return self->file;
}

void
rushes_player_set_file (RushesPlayer *self,
                        GFile        *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (RUSHES_IS_PLAYER (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file != NULL)
    uri = g_file_get_uri (file);

  rushes_player_set_uri (self, uri);
}

/**
 * rushes_player_set_pipeline:
 * @pipeline: (nullable): a pipeline with a “video-sink” property and no
 *   bus watch yet, in the NULL state: a reel's #GESPipeline in preview
 *   mode (rushes_reel_preview_new_async()), or %NULL for none
 * @name: (nullable): what error messages call it
 *
 * Plays @pipeline instead of a clip, into the same paintable: the player
 * gives it its video sink (and its audio filter, where it takes one) and
 * loads it paused on its first frame. Seeking, frame steps, speed, loop,
 * volume and frame grabs work as for a clip. #RushesPlayer:uri becomes
 * %NULL; setting a URI or file drops the pipeline, stopped.
 */
void
rushes_player_set_pipeline (RushesPlayer *self,
                            GstElement   *pipeline,
                            const char   *name)
{
  gboolean had_uri;

  g_return_if_fail (RUSHES_IS_PLAYER (self));
  g_return_if_fail (pipeline == NULL || GST_IS_PIPELINE (pipeline));
  g_return_if_fail (pipeline == NULL ||
                    g_object_class_find_property (G_OBJECT_GET_CLASS (pipeline), "video-sink") != NULL);

  if (self->playbin == NULL)
    return;

  if (pipeline == self->custom && self->error == NULL && (pipeline != NULL || self->uri == NULL))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  had_uri = self->uri != NULL;
  unload (self);
  g_clear_pointer (&self->uri, g_free);
  g_clear_object (&self->file);
  if (had_uri)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }

  if (pipeline != NULL)
    {
      self->custom = gst_object_ref (pipeline);
      self->custom_name = g_strdup (name != NULL ? name : GST_OBJECT_NAME (pipeline));
      self->custom_sink = RUSHES_VIDEO_SINK (gst_object_ref_sink (rushes_video_sink_new (self->paintable)));
      g_object_set (pipeline, "video-sink", self->custom_sink, NULL);
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (pipeline), "audio-filter") != NULL)
        {
          GstElement *scaletempo = gst_element_factory_make ("scaletempo", NULL);

          if (scaletempo != NULL)
            g_object_set (pipeline, "audio-filter", scaletempo, NULL);
        }

      self->custom_bus = gst_element_get_bus (pipeline);
      gst_bus_add_watch (self->custom_bus, bus_cb, self);
      self->pipeline = pipeline;
      apply_volume (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);

      rushes_player_arm_watchdog (self);
      gst_element_set_state (pipeline, GST_STATE_PAUSED);
    }
  rushes_player_update_busy (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rushes_player_get_pipeline:
 *
 * Returns: (transfer none) (nullable): the pipeline played instead of a
 *   clip
 */
GstElement *
rushes_player_get_pipeline (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), NULL);

  return self->custom;
}

/**
 * rushes_player_get_paintable:
 *
 * Returns: (transfer none): the video picture; the same object for the
 *   player's lifetime
 */
GdkPaintable *
rushes_player_get_paintable (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), NULL);

  return GDK_PAINTABLE (self->paintable);
}

/**
 * rushes_player_get_error:
 *
 * Returns: (transfer none) (nullable): why the clip cannot be played
 */
const GError *
rushes_player_get_error (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), NULL);

  return self->error;
}

gboolean
rushes_player_get_playing (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), FALSE);

  return self->playing;
}

void
rushes_player_set_playing (RushesPlayer *self,
                           gboolean      playing)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  if (playing)
    rushes_player_play (self);
  else
    rushes_player_pause (self);
}

/**
 * rushes_player_play:
 *
 * Plays the clip; from the start again once it has ended. Does nothing
 * without a clip or after an error.
 */
void
rushes_player_play (RushesPlayer *self)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  if (!_rushes_player_has_source (self) || self->error != NULL || self->playing)
    return;

  if (self->ended)
    {
      self->ended = FALSE;
      rushes_player_issue_seek (self, 0);
      rushes_player_update_position (self);
    }

  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  _rushes_player_set_playing_internal (self, TRUE);
}

void
rushes_player_pause (RushesPlayer *self)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  if (!self->playing)
    return;

  if (gst_element_set_state (self->pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_ASYNC)
    self->pausing = TRUE;
  g_object_freeze_notify (G_OBJECT (self));
  _rushes_player_set_playing_internal (self, FALSE);
  rushes_player_update_position (self);
  rushes_player_update_busy (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
rushes_player_toggle (RushesPlayer *self)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  if (self->playing)
    rushes_player_pause (self);
  else
    rushes_player_play (self);
}

/**
 * rushes_player_get_position:
 *
 * Returns: the position in nanoseconds, as of the latest update (every
 *   few tens of milliseconds while playing)
 */
gint64
rushes_player_get_position (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), 0);

  return self->position;
}

/**
 * rushes_player_get_duration:
 *
 * Returns: the duration in nanoseconds, 0 while unknown
 */
gint64
rushes_player_get_duration (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), 0);

  return self->duration;
}

/**
 * rushes_player_get_frame_duration:
 *
 * Returns: how long one frame lasts, in nanoseconds, from the video's
 *   frame rate; 1/30 s until the first frame is shown
 */
gint64
rushes_player_get_frame_duration (RushesPlayer *self)
{
  GstClockTime duration;

  g_return_val_if_fail (RUSHES_IS_PLAYER (self), 0);

  if (_rushes_paintable_get_frame_time (self->paintable, NULL, &duration) && duration > 0)
    return (gint64) duration;

  return GST_SECOND / 30;
}

gboolean
rushes_player_get_seekable (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), FALSE);

  return self->seekable;
}

/**
 * rushes_player_seek:
 * @position: nanoseconds from the start
 *
 * Shows the frame at @position (clamped to the clip), playing on from
 * there if the player was playing.
 */
void
rushes_player_seek (RushesPlayer *self,
                    gint64        position)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  if (!_rushes_player_has_source (self) || self->error != NULL)
    return;

  if (self->duration > 0)
    position = CLAMP (position, 0, self->duration);
  else
    position = MAX (position, 0);

  self->ended = FALSE;
  rushes_player_issue_seek (self, position);
  rushes_player_update_position (self);
}

/**
 * rushes_player_step_frame:
 * @forward: %TRUE for the next frame, %FALSE for the previous one
 *
 * Steps one frame while paused. While playing it only pauses, on the frame
 * shown, so a step never skips what the user was looking at.
 */
void
rushes_player_step_frame (RushesPlayer *self,
                          gboolean      forward)
{
  GstClockTime frame_time = 0;
  GstClockTime frame_duration = GST_SECOND / 30;
  gboolean have_frame;
  gint64 target;

  g_return_if_fail (RUSHES_IS_PLAYER (self));

  if (!_rushes_player_has_source (self) || self->error != NULL || !self->prerolled)
    return;

  if (self->playing)
    {
      rushes_player_pause (self);
      return;
    }

  have_frame = _rushes_paintable_get_frame_time (self->paintable, &frame_time, &frame_duration);

  /* Forward with a step event (the decoder just goes on) unless a seek is
   * pending, whose frame is not shown yet. */
  if (forward && !self->seeking && !self->seek_queued)
    {
      if (self->ended)
        return;

      if (gst_element_send_event (self->pipeline,
                                  gst_event_new_step (GST_FORMAT_BUFFERS, 1, 1.0, TRUE, FALSE)))
        self->stepping = TRUE;
      rushes_player_update_busy (self);
      return;
    }

  /* Aim at the middle of the wanted frame, so that rounding in the
   * container's timestamps cannot land on its neighbour. */
  if (self->seeking || self->seek_queued)
    target = self->seek_target + (forward ? 1 : -1) * (gint64) frame_duration;
  else if (have_frame)
    target = (gint64) (frame_time + frame_duration / 2) - (gint64) frame_duration;
  else
    target = self->position - (gint64) frame_duration;

  if (target < 0)
    return;

  self->ended = FALSE;
  rushes_player_issue_seek (self, target);
  rushes_player_update_position (self);
}

gboolean
rushes_player_get_loop (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), FALSE);

  return self->loop;
}

void
rushes_player_set_loop (RushesPlayer *self,
                        gboolean      loop)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  loop = !!loop;
  if (self->loop == loop)
    return;

  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

double
rushes_player_get_volume (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), 0.0);

  return self->volume;
}

void
rushes_player_set_volume (RushesPlayer *self,
                          double        volume)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (self->volume == volume)
    return;

  self->volume = volume;
  apply_volume (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

gboolean
rushes_player_get_muted (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), FALSE);

  return self->muted;
}

void
rushes_player_set_muted (RushesPlayer *self,
                         gboolean      muted)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  muted = !!muted;
  if (self->muted == muted)
    return;

  self->muted = muted;
  apply_volume (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

double
rushes_player_get_rate (RushesPlayer *self)
{
  g_return_val_if_fail (RUSHES_IS_PLAYER (self), 1.0);

  return self->rate;
}

/**
 * rushes_player_set_rate:
 * @rate: the speed, clamped to 0.25–2
 *
 * Changes the speed from the current position, with a seek.
 */
void
rushes_player_set_rate (RushesPlayer *self,
                        double        rate)
{
  g_return_if_fail (RUSHES_IS_PLAYER (self));

  rate = CLAMP (rate, RUSHES_PLAYER_MIN_RATE, RUSHES_PLAYER_MAX_RATE);
  if (self->rate == rate)
    return;

  self->rate = rate;

  /* Before the first preroll the rate goes with the first seek. */
  if (self->prerolled && !self->ended)
    {
      gint64 position = self->position;

      if (!self->seeking && !self->seek_queued)
        gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position);
      else
        position = self->seek_target;

      rushes_player_issue_seek (self, position);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}
