/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-reader-memory.c — per-port facts, in one table behind a lock */

#include "config.h"

#include "ks-reader-memory.h"

typedef struct
{
  guint     read_size;
  gboolean  fast_failed;
  char     *cart_key;
  GBytes   *save;
} Entry;

G_LOCK_DEFINE_STATIC (memory);
static GHashTable *ports;   /* path → Entry */

static void
entry_free (Entry *entry)
{
  g_free (entry->cart_key);
  g_clear_pointer (&entry->save, g_bytes_unref);
  g_free (entry);
}

/* Called with the lock held */
static Entry *
lookup (const char *port,
        gboolean    create)
{
  Entry *entry;

  if (ports == NULL)
    {
      if (!create)
        return NULL;
      ports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) entry_free);
    }

  entry = g_hash_table_lookup (ports, port);
  if (entry == NULL && create)
    {
      entry = g_new0 (Entry, 1);
      entry->read_size = KS_READER_READ_SIZE_MAX;
      g_hash_table_insert (ports, g_strdup (port), entry);
    }

  return entry;
}

void
ks_reader_memory_forget (const char *port)
{
  g_return_if_fail (port != NULL);

  G_LOCK (memory);
  if (ports != NULL)
    g_hash_table_remove (ports, port);
  G_UNLOCK (memory);
}

guint
ks_reader_memory_get_read_size (const char *port)
{
  Entry *entry;
  guint size;

  g_return_val_if_fail (port != NULL, KS_READER_READ_SIZE_MIN);

  G_LOCK (memory);
  entry = lookup (port, FALSE);
  size = entry != NULL ? entry->read_size : KS_READER_READ_SIZE_MAX;
  G_UNLOCK (memory);

  return size;
}

void
ks_reader_memory_set_read_size (const char *port,
                                guint       size)
{
  g_return_if_fail (port != NULL);
  g_return_if_fail (size >= KS_READER_READ_SIZE_MIN && size <= KS_READER_READ_SIZE_MAX);

  G_LOCK (memory);
  lookup (port, TRUE)->read_size = size;
  G_UNLOCK (memory);
}

gboolean
ks_reader_memory_get_fast_failed (const char *port)
{
  Entry *entry;
  gboolean failed;

  g_return_val_if_fail (port != NULL, TRUE);

  G_LOCK (memory);
  entry = lookup (port, FALSE);
  failed = entry != NULL && entry->fast_failed;
  G_UNLOCK (memory);

  return failed;
}

void
ks_reader_memory_set_fast_failed (const char *port)
{
  g_return_if_fail (port != NULL);

  G_LOCK (memory);
  lookup (port, TRUE)->fast_failed = TRUE;
  G_UNLOCK (memory);
}

GBytes *
ks_reader_memory_dup_save (const char *port,
                           const char *cart_key)
{
  Entry *entry;
  GBytes *save = NULL;

  g_return_val_if_fail (port != NULL, NULL);
  g_return_val_if_fail (cart_key != NULL, NULL);

  G_LOCK (memory);
  entry = lookup (port, FALSE);
  if (entry != NULL && entry->save != NULL && g_strcmp0 (entry->cart_key, cart_key) == 0)
    save = g_bytes_ref (entry->save);
  G_UNLOCK (memory);

  return save;
}

void
ks_reader_memory_set_save (const char *port,
                           const char *cart_key,
                           GBytes     *save)
{
  Entry *entry;

  g_return_if_fail (port != NULL);
  g_return_if_fail (cart_key != NULL);

  G_LOCK (memory);
  entry = lookup (port, TRUE);
  g_free (entry->cart_key);
  entry->cart_key = g_strdup (cart_key);
  g_clear_pointer (&entry->save, g_bytes_unref);
  entry->save = save != NULL ? g_bytes_ref (save) : NULL;
  G_UNLOCK (memory);
}
