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

#define G_LOG_DOMAIN "rushes-media-error"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/pbutils/pbutils.h>

#include "rushes-media-error-private.h"

G_DEFINE_QUARK (rushes-media-error-quark, rushes_media_error)

static char *
display_name_from_uri (const char *uri)
{
  g_autofree char *path = uri != NULL ? g_filename_from_uri (uri, NULL, NULL) : NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_strdup (uri != NULL ? uri : "");
}

/*
 * Returns the description of the plugin a missing-plugin message asks for
 * ("H.265 decoder"), or %NULL for any other message. @blocks_video says
 * whether the picture cannot be shown without it: anything but an audio or
 * subtitle decoder.
 */
char *
_rushes_media_missing_plugin (GstMessage *message,
                               gboolean   *blocks_video)
{
  const GstStructure *structure;
  const char *type;
  const GValue *detail;

  if (!gst_is_missing_plugin_message (message))
    return NULL;

  structure = gst_message_get_structure (message);
  type = gst_structure_get_string (structure, "type");
  detail = gst_structure_get_value (structure, "detail");

  *blocks_video = TRUE;
  if (g_strcmp0 (type, "decoder") == 0 && detail != NULL && G_VALUE_HOLDS (detail, GST_TYPE_CAPS))
    {
      const GstCaps *caps = gst_value_get_caps (detail);

      if (caps != NULL && gst_caps_get_size (caps) > 0)
        {
          const char *media = gst_structure_get_name (gst_caps_get_structure (caps, 0));

          *blocks_video = !(g_str_has_prefix (media, "audio/") ||
                            g_str_has_prefix (media, "text/") ||
                            g_str_has_prefix (media, "subpicture/") ||
                            g_str_has_prefix (media, "application/x-subtitle"));
        }
    }

  return gst_missing_plugin_message_get_description (message);
}

GError *
_rushes_media_missing_plugin_error (const char *uri,
                                     const char *missing_plugin)
{
  g_autofree char *name = display_name_from_uri (uri);

  return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                      /* Translators: the first %s is a file name, the second a GStreamer
                       * plugin description such as “H.265 (Main Profile) decoder” */
                      _("“%s” needs a plugin that is not installed: %s"),
                      name, missing_plugin);
}

/* For a clip that never prerolls and never says why (see
 * PREROLL_IDLE_TIMEOUT): in practice a damaged file. */
GError *
_rushes_media_stalled_error (const char *uri)
{
  g_autofree char *name = display_name_from_uri (uri);

  return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                      _("“%s” is not a video, or it is damaged"), name);
}

/*
 * Turns an ERROR message into an error a user can act on. @missing_plugin
 * is the description of a plugin that a missing-plugin message asked for
 * before the error, which is then the real reason.
 */
GError *
_rushes_media_error_from_message (GstMessage *message,
                                   const char *uri,
                                   const char *missing_plugin)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  g_autofree char *name = display_name_from_uri (uri);

  g_return_val_if_fail (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR, NULL);

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("Error from %s: %s (%s)",
           GST_MESSAGE_SRC_NAME (message), gst_error->message, debug != NULL ? debug : "");

  if (missing_plugin != NULL)
    return _rushes_media_missing_plugin_error (uri, missing_plugin);

  if (gst_error->domain == GST_RESOURCE_ERROR)
    {
      switch ((GstResourceError) gst_error->code)
        {
        case GST_RESOURCE_ERROR_NOT_FOUND:
          return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_NOT_FOUND,
                              _("“%s” does not exist"), name);

        case GST_RESOURCE_ERROR_OPEN_READ:
        case GST_RESOURCE_ERROR_OPEN_READ_WRITE:
        case GST_RESOURCE_ERROR_READ:
        case GST_RESOURCE_ERROR_NOT_AUTHORIZED:
          return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_UNREADABLE,
                              /* Translators: %s is a file name, then GStreamer's reason */
                              _("“%s” cannot be read: %s"), name, gst_error->message);

        case GST_RESOURCE_ERROR_FAILED:
        case GST_RESOURCE_ERROR_TOO_LAZY:
        case GST_RESOURCE_ERROR_BUSY:
        case GST_RESOURCE_ERROR_OPEN_WRITE:
        case GST_RESOURCE_ERROR_CLOSE:
        case GST_RESOURCE_ERROR_WRITE:
        case GST_RESOURCE_ERROR_SEEK:
        case GST_RESOURCE_ERROR_SYNC:
        case GST_RESOURCE_ERROR_SETTINGS:
        case GST_RESOURCE_ERROR_NO_SPACE_LEFT:
        case GST_RESOURCE_ERROR_NUM_ERRORS:
        default:
          break;
        }
    }
  else if (gst_error->domain == GST_STREAM_ERROR)
    {
      switch ((GstStreamError) gst_error->code)
        {
        case GST_STREAM_ERROR_TYPE_NOT_FOUND:
        case GST_STREAM_ERROR_WRONG_TYPE:
        case GST_STREAM_ERROR_DEMUX:
        case GST_STREAM_ERROR_DECODE:
        case GST_STREAM_ERROR_FORMAT:
          return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_INVALID,
                              _("“%s” is not a video, or it is damaged"), name);

        case GST_STREAM_ERROR_CODEC_NOT_FOUND:
          return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                              _("“%s” uses a format that no installed plugin can play"), name);

        case GST_STREAM_ERROR_FAILED:
        case GST_STREAM_ERROR_TOO_LAZY:
        case GST_STREAM_ERROR_NOT_IMPLEMENTED:
        case GST_STREAM_ERROR_MUX:
        case GST_STREAM_ERROR_ENCODE:
        case GST_STREAM_ERROR_DECRYPT:
        case GST_STREAM_ERROR_DECRYPT_NOKEY:
        case GST_STREAM_ERROR_NUM_ERRORS:
        default:
          break;
        }
    }
  else if (g_error_matches (gst_error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN))
    {
      return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
                          _("“%s” uses a format that no installed plugin can play"), name);
    }

  return g_error_new (RUSHES_MEDIA_ERROR, RUSHES_MEDIA_ERROR_FAILED,
                      /* Translators: %s is a file name, then GStreamer's reason */
                      _("“%s” cannot be played: %s"), name, gst_error->message);
}
