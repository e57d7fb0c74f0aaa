/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-port-lock.c — a turn per serial port among Keepsake's own threads */

#include "config.h"

#include "ks-port-lock.h"

typedef struct
{
  GThread *owner;
  guint    depth;
} Holder;

static GMutex      lock;
static GCond       released;
static GHashTable *held;   /* path → Holder */

void
ks_port_lock_acquire (const char *path)
{
  Holder *holder;

  g_return_if_fail (path != NULL);

  g_mutex_lock (&lock);
  if (held == NULL)
    held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while ((holder = g_hash_table_lookup (held, path)) != NULL && holder->owner != g_thread_self ())
    g_cond_wait (&released, &lock);

  if (holder == NULL)
    {
      holder = g_new0 (Holder, 1);
      holder->owner = g_thread_self ();
      g_hash_table_insert (held, g_strdup (path), holder);
    }
  holder->depth++;
  g_mutex_unlock (&lock);
}

void
ks_port_lock_release (const char *path)
{
  Holder *holder;

  g_return_if_fail (path != NULL);

  g_mutex_lock (&lock);
  holder = held != NULL ? g_hash_table_lookup (held, path) : NULL;
  /* a reader may be closed on another thread than the one that opened it */
  g_warn_if_fail (holder != NULL);
  if (holder != NULL && --holder->depth == 0)
    {
      g_hash_table_remove (held, path);
      g_cond_broadcast (&released);
    }
  g_mutex_unlock (&lock);
}
