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

#define G_LOG_DOMAIN "rushes-sandbox-renderer"

#include "config.h"

#include <gst/controller/controller.h>

#include "rushes-sandbox-renderer-private.h"

#define SAMPLE_RATE              48000
#define SAMPLES_PER_BUFFER       480      /* 10 ms, so the volume swells change smoothly */
#define MASTER_VOLUME            0.30

/* The first one is named when none is installed. */
static const char * const aac_encoders[] = { "avenc_aac", "voaacenc", NULL };

/* A soft Cmaj9 pad: sines, each swelling on its own slow cycle, with a
 * detuned root for a gentle chorus; faded in and out, kept quiet. */
gboolean
_rushes_sandbox_add_audio (RushesSandboxJob  *data,
                           GstElement        *bin,
                           GstElement        *mux,
                           GError           **error)
{
  static const struct
  {
    double freq;
    double level;
    double swell_hz;
  } voices[] = {
    { 130.81, 0.30, 0.11 },  /* C3 */
    { 131.37, 0.16, 0.07 },  /* C3, detuned */
    { 196.00, 0.22, 0.09 },  /* G3 */
    { 329.63, 0.13, 0.13 },  /* E4 */
    { 493.88, 0.08, 0.17 },  /* B4 */
    { 587.33, 0.05, 0.05 },  /* D5 */
  };
  g_autoptr(GstControlSource) fade = NULL;
  GstClockTime total = data->duration * GST_SECOND;
  GstClockTime fade_time = MIN (3 * GST_SECOND / 2, total / 3);
  GstElement *mixer, *volume, *convert, *stereo, *encoder, *parse;
  guint n_buffers = data->duration * (SAMPLE_RATE / SAMPLES_PER_BUFFER);

  if (!(mixer = _rushes_sandbox_add_element (bin, "audiomixer", error)) ||
      !(volume = _rushes_sandbox_add_element (bin, "volume", error)) ||
      !(convert = _rushes_sandbox_add_element (bin, "audioconvert", error)) ||
      !(stereo = _rushes_sandbox_add_capsfilter (bin, "audio/x-raw,channels=2,rate=48000", error)) ||
      !(encoder = _rushes_sandbox_add_first_available (bin, aac_encoders, error)) ||
      !(parse = _rushes_sandbox_add_element (bin, "aacparse", error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    {
      g_autoptr(GstControlSource) swell = gst_lfo_control_source_new ();
      GstElement *source, *caps;

      if (!(source = _rushes_sandbox_add_element (bin, "audiotestsrc", error)) ||
          !(caps = _rushes_sandbox_add_capsfilter (bin, "audio/x-raw,format=F32LE,layout=interleaved,"
                                                        "rate=48000,channels=1", error)))
        return FALSE;

      g_object_set (source,
                    "freq", voices[i].freq,
                    "volume", voices[i].level,
                    "samplesperbuffer", SAMPLES_PER_BUFFER,
                    "num-buffers", (int) n_buffers,
                    NULL);
      gst_util_set_object_arg (G_OBJECT (source), "wave", "sine");

      g_object_set (swell,
                    "waveform", GST_LFO_WAVEFORM_SINE,
                    "frequency", voices[i].swell_hz,
                    "timeshift", (GstClockTime) (i * GST_SECOND * 7 / 5),
                    "amplitude", voices[i].level * 0.3,
                    "offset", voices[i].level * 0.7,
                    NULL);
      gst_object_add_control_binding (GST_OBJECT (source),
                                      gst_direct_control_binding_new_absolute (GST_OBJECT (source),
                                                                               "volume", swell));

      if (!_rushes_sandbox_link_elements (error, source, caps, mixer, NULL))
        return FALSE;
    }

  fade = gst_interpolation_control_source_new ();
  g_object_set (fade, "mode", GST_INTERPOLATION_MODE_CUBIC_MONOTONIC, NULL);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), 0, 0.0);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), fade_time, MASTER_VOLUME);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), total - fade_time, MASTER_VOLUME);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (fade), total, 0.0);
  gst_object_add_control_binding (GST_OBJECT (volume),
                                  gst_direct_control_binding_new_absolute (GST_OBJECT (volume),
                                                                           "volume", fade));

  g_object_set (encoder, "bitrate", 128000, NULL);

  return _rushes_sandbox_link_elements (error, mixer, volume, convert, stereo, encoder, parse, mux, NULL);
}

