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

#define G_LOG_DOMAIN "rushes-poster-cache"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "rushes-poster-cache.h"

/**
 * RushesPosterCache:
 *
 * Poster frames (thumbnail.png) decoded for the gallery. A scrolling
 * gallery binds several cards a frame, so decoding never happens on the
 * main thread: it runs on a small pool of threads, the newest request
 * first (the cards on screen now, not the ones scrolled past), and a
 * cancelled request is dropped before it is decoded. The most recently
 * used textures are kept, so scrolling back shows them at once.
 */

#define DEFAULT_CAPACITY 128

struct _RushesPosterCache
{
  GObject     parent_instance;

  GQueue      lru;        /* Entry, most recently used first */
  GHashTable *entries;    /* key → GList link in lru */
  guint       capacity;
  guint64     next_serial;
};

typedef struct
{
  char       *key;
  char       *path;
  GdkTexture *texture;
} Entry;

typedef struct
{
  char    *path;
  char    *key;
  int      width;
  guint64  serial;
} DecodeData;

G_DEFINE_FINAL_TYPE (RushesPosterCache, rushes_poster_cache, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_free (entry->path);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
decode_data_free (DecodeData *data)
{
  g_free (data->path);
  g_free (data->key);
  g_free (data);
}

static char *
make_key (const char *path,
          int         width)
{
  return g_strdup_printf ("%d:%s", width, path);
}

/* Never scaled up: a small poster stays as sharp as it is. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              natural_width,
                  int              natural_height,
                  gpointer         user_data)
{
  int width = GPOINTER_TO_INT (user_data);

  if (width > 0 && width < natural_width)
    gdk_pixbuf_loader_set_size (loader, width, MAX (1, (int) (natural_height * (double) width / natural_width + 0.5)));
}

static GdkTexture *
decode (const char  *path,
        int          width,
        GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  GdkPixbuf *pixbuf;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_FAILED,
                   "%s", local_error->message);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), GINT_TO_POINTER (width));
  if (!gdk_pixbuf_loader_write (loader, (const guchar *) contents, length, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      /* Closed all the same, or the loader complains when finalized. */
      gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, local_error->message);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not an image", path);
      return NULL;
    }

  return gdk_texture_new_for_pixbuf (pixbuf);
}

static void
decode_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;
  DecodeData *decode_data = g_task_get_task_data (task);
  GError *error = NULL;
  GdkTexture *texture;

#ifdef __linux__
  static gsize niced;

  /* One thread, below the main thread: on a machine with few cores a
   * decode must never cost the gallery a frame. (On Linux a thread has
   * its own nice value.) */
  if (g_once_init_enter (&niced))
    {
      if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
        g_debug ("Poster decoding runs at normal priority: %s", g_strerror (errno));
      g_once_init_leave (&niced, 1);
    }
#endif

  /* Scrolled past before its turn came. */
  if (g_task_return_error_if_cancelled (task))
    return;

  texture = decode (decode_data->path, decode_data->width, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* Newest request first. */
static int
compare_requests (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  DecodeData *da = g_task_get_task_data ((GTask *) a);
  DecodeData *db = g_task_get_task_data ((GTask *) b);

  return da->serial < db->serial ? 1 : da->serial > db->serial ? -1 : 0;
}

static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool = g_thread_pool_new (decode_func, NULL, 1, TRUE, NULL);

      g_thread_pool_set_sort_function (new_pool, compare_requests, NULL);
      g_once_init_leave (&pool, new_pool);
    }

  return pool;
}

static void
cache_insert (RushesPosterCache *self,
              const char        *key,
              const char        *path,
              GdkTexture        *texture)
{
  GList *link = g_hash_table_lookup (self->entries, key);
  Entry *entry;

  if (link != NULL)
    {
      entry = link->data;
      g_set_object (&entry->texture, texture);
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return;
    }

  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->path = g_strdup (path);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->entries, entry->key, self->lru.head);

  while (self->lru.length > self->capacity)
    {
      Entry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->entries, oldest->key);
      entry_free (oldest);
    }
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RushesPosterCache *self = g_task_get_source_object (task);
  DecodeData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cache_insert (self, data->key, data->path, texture);
  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

static void
rushes_poster_cache_finalize (GObject *object)
{
  RushesPosterCache *self = RUSHES_POSTER_CACHE (object);

  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (rushes_poster_cache_parent_class)->finalize (object);
}

static void
rushes_poster_cache_class_init (RushesPosterCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rushes_poster_cache_finalize;
}

static void
rushes_poster_cache_init (RushesPosterCache *self)
{
  g_queue_init (&self->lru);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->capacity = DEFAULT_CAPACITY;
}

/**
 * rushes_poster_cache_new:
 * @capacity: how many decoded posters to keep
 *
 * Returns: (transfer full): a new, empty cache
 */
RushesPosterCache *
rushes_poster_cache_new (guint capacity)
{
  RushesPosterCache *self;

  g_return_val_if_fail (capacity > 0, NULL);

  self = g_object_new (RUSHES_TYPE_POSTER_CACHE, NULL);
  self->capacity = capacity;

  return self;
}

/**
 * rushes_poster_cache_get_default:
 *
 * Returns: (transfer none): the cache the gallery's cards share
 */
RushesPosterCache *
rushes_poster_cache_get_default (void)
{
  static RushesPosterCache *cache;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, rushes_poster_cache_new (DEFAULT_CAPACITY));

  return cache;
}

/**
 * rushes_poster_cache_get_size:
 *
 * Returns: how many decoded posters the cache holds now
 */
guint
rushes_poster_cache_get_size (RushesPosterCache *self)
{
  g_return_val_if_fail (RUSHES_IS_POSTER_CACHE (self), 0);

  return self->lru.length;
}

/**
 * rushes_poster_cache_lookup:
 * @file: a poster image
 * @width: the width it was asked for
 *
 * Returns: (transfer full) (nullable): the poster decoded for @width, if
 *   the cache still has it
 */
GdkTexture *
rushes_poster_cache_lookup (RushesPosterCache *self,
                            GFile             *file,
                            int                width)
{
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  GList *link;

  g_return_val_if_fail (RUSHES_IS_POSTER_CACHE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    return NULL;
  key = make_key (path, width);
  link = g_hash_table_lookup (self->entries, key);
  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return g_object_ref (((Entry *) link->data)->texture);
}

/**
 * rushes_poster_cache_load_async:
 * @file: a poster image on a local disk
 * @width: the width to decode it at (never wider than the image), or 0 for
 *   its own size
 *
 * Decodes @file off the main thread and keeps the result. Requests made
 * later are served first; a cancelled one is not decoded at all.
 */
void
rushes_poster_cache_load_async (RushesPosterCache   *self,
                                GFile               *file,
                                int                  width,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) decode_task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  DecodeData *data;
  char *path;

  g_return_if_fail (RUSHES_IS_POSTER_CACHE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rushes_poster_cache_load_async);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "%s: posters are read from local files only", uri);
      return;
    }

  texture = rushes_poster_cache_lookup (self, file, width);
  if (texture != NULL)
    {
      g_free (path);
      g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      return;
    }

  data = g_new0 (DecodeData, 1);
  data->path = path;
  data->key = make_key (path, width);
  data->width = width;
  data->serial = self->next_serial++;

  /* Without a source object: the decoding thread may drop the last
   * reference to this task, and must never drop the cache's. */
  decode_task = g_task_new (NULL, cancellable, decoded_cb, g_steal_pointer (&task));
  g_task_set_source_tag (decode_task, rushes_poster_cache_load_async);
  /* Once decoded, a poster is kept even if its card no longer wants it. */
  g_task_set_check_cancellable (decode_task, FALSE);
  g_task_set_task_data (decode_task, data, (GDestroyNotify) decode_data_free);
  g_thread_pool_push (get_pool (), g_steal_pointer (&decode_task), NULL);
}

/**
 * rushes_poster_cache_load_finish:
 *
 * Returns: (transfer full): the decoded poster; %G_IO_ERROR_NOT_FOUND when
 *   the file does not exist (yet)
 */
GdkTexture *
rushes_poster_cache_load_finish (RushesPosterCache  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (RUSHES_IS_POSTER_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rushes_poster_cache_forget:
 * @file: a poster image that changed on disk
 *
 * Drops every decoded copy of @file, so the next load reads it again.
 */
void
rushes_poster_cache_forget (RushesPosterCache *self,
                            GFile             *file)
{
  g_autofree char *path = NULL;
  GList *link;

  g_return_if_fail (RUSHES_IS_POSTER_CACHE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    return;

  link = self->lru.head;
  while (link != NULL)
    {
      GList *next = link->next;
      Entry *entry = link->data;

      if (g_str_equal (entry->path, path))
        {
          g_hash_table_remove (self->entries, entry->key);
          g_queue_delete_link (&self->lru, link);
          entry_free (entry);
        }
      link = next;
    }
}
