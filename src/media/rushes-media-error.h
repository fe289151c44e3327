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

#include <glib.h>

G_BEGIN_DECLS

#define RUSHES_MEDIA_ERROR (rushes_media_error_quark ())

/**
 * RushesMediaError:
 * @RUSHES_MEDIA_ERROR_FAILED: playback or processing failed for another reason
 * @RUSHES_MEDIA_ERROR_NOT_FOUND: the file does not exist
 * @RUSHES_MEDIA_ERROR_UNREADABLE: the file exists but cannot be read
 * @RUSHES_MEDIA_ERROR_INVALID: the file is not a video, or is damaged
 * @RUSHES_MEDIA_ERROR_MISSING_PLUGIN: a GStreamer plugin needed for the
 *   clip (a demuxer, decoder or encoder) is not installed; the message names it
 * @RUSHES_MEDIA_ERROR_NO_FRAME: there is no frame to save yet
 *
 * Errors of the media layer and the player. The messages are translated
 * and meant to be shown as they are.
 */
typedef enum
{
  RUSHES_MEDIA_ERROR_FAILED,
  RUSHES_MEDIA_ERROR_NOT_FOUND,
  RUSHES_MEDIA_ERROR_UNREADABLE,
  RUSHES_MEDIA_ERROR_INVALID,
  RUSHES_MEDIA_ERROR_MISSING_PLUGIN,
  RUSHES_MEDIA_ERROR_NO_FRAME,
} RushesMediaError;

GQuark rushes_media_error_quark (void);

G_END_DECLS
