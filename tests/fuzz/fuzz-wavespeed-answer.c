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

/* A WaveSpeed answer (submit, prediction result, upload and its two-step
 * ticket, balance), end to end as the provider reads it: RushesHttp's
 * guarded parse, then each reader at each HTTP status. */

#define G_LOG_DOMAIN "fuzz-wavespeed-answer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rushes-fuzz.h"
#include "rushes-json.h"
#include "rushes-providers.h"
#include "rushes-wavespeed-provider-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rushes_fuzz_init ();
  return 0;
}

/* The two-step upload: where the bytes go and with which headers. The PUT
 * carries no credentials and no header that could smuggle another. */
static void
check_ticket (JsonNode *root,
              guint     status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *put_url = NULL;
  g_autofree char *download_url = NULL;
  g_autoptr(JsonObject) headers = NULL;
  g_autoptr(GList) names = NULL;

  if (!_rushes_wavespeed_parse_upload_ticket (root, status, &put_url, &headers, &download_url, &error))
    {
      g_assert_nonnull (error);
      rushes_fuzz_assert_clean_text (error->message);
      return;
    }

  rushes_fuzz_assert_clean_text (put_url);
  rushes_fuzz_assert_clean_text (download_url);
  g_assert_true (g_str_has_prefix (download_url, "https://") || g_str_has_prefix (download_url, "http://"));
  names = json_object_get_members (headers);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *value = json_object_get_string_member (headers, l->data);

      g_assert_cmpint (g_ascii_strcasecmp (l->data, "Authorization"), !=, 0);
      g_assert_null (strpbrk (l->data, "\r\n"));
      g_assert_nonnull (value);
      g_assert_null (strpbrk (value, "\r\n"));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const RushesHttpKind kinds[] = { RUSHES_HTTP_READ, RUSHES_HTTP_SUBMIT, RUSHES_HTTP_LOOKUP };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (size == 0)
    return 0;

  root = rushes_json_parse ((const char *) data, size, RUSHES_JSON_MAX_ANSWER, &error);
  if (root == NULL)
    {
      g_assert_nonnull (error);
      /* RushesHttp hands a failed answer that is not JSON on as null. */
      root = json_node_new (JSON_NODE_NULL);
    }

  for (guint s = 0; s < G_N_ELEMENTS (rushes_fuzz_statuses); s++)
    {
      guint status = rushes_fuzz_statuses[s];
      g_autoptr(GError) upload_error = NULL;
      g_autoptr(GError) balance_error = NULL;
      g_autofree char *url = NULL;
      double balance = NAN;

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr(GError) prediction_error = NULL;
          g_autoptr(RushesRemoteStatus) prediction = NULL;

          prediction = _rushes_wavespeed_parse_prediction (root, status, kinds[k], &prediction_error);
          g_assert_true ((prediction != NULL) != (prediction_error != NULL));
          rushes_fuzz_check_status (prediction);
          if (prediction_error != NULL)
            rushes_fuzz_assert_clean_text (prediction_error->message);
        }

      url = _rushes_wavespeed_parse_upload (root, status, &upload_error);
      g_assert_true ((url != NULL) != (upload_error != NULL));
      rushes_fuzz_assert_clean_text (url);
      if (upload_error != NULL)
        rushes_fuzz_assert_clean_text (upload_error->message);
      else
        g_assert_true (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));

      check_ticket (root, status);

      if (_rushes_wavespeed_parse_balance (root, status, &balance, &balance_error))
        g_assert_true (isfinite (balance));
      else
        rushes_fuzz_assert_clean_text (balance_error->message);
    }

  return 0;
}
