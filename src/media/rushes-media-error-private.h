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

#include <gst/gst.h>

#include "rushes-media-error.h"

G_BEGIN_DECLS

/* GStreamer's messages turned into RUSHES_MEDIA_ERROR errors that name
 * the file and the reason: for the player, the exporter and the
 * thumbnailer alike. */
char   *_rushes_media_missing_plugin       (GstMessage  *message,
                                            gboolean    *blocks_video);
GError *_rushes_media_error_from_message   (GstMessage  *message,
                                            const char  *uri,
                                            const char  *missing_plugin);
GError *_rushes_media_missing_plugin_error (const char  *uri,
                                            const char  *missing_plugin);
GError *_rushes_media_stalled_error        (const char  *uri);

G_END_DECLS
