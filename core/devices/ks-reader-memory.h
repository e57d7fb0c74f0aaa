/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-reader-memory.h — what this process has learnt about the reader at
 * each port, kept for the rest of the session
 *
 * A reader is opened and closed again for every read and every job, but
 * some facts outlive one connection: the largest read transfer the reader
 * answered in full (cart-reader-protocol.md §1.5: FlashGBX halves its
 * reads after a short one), whether 1,500,000 baud failed on it (§1.1),
 * and the save that was last read from it, or written to it, and checked.
 * That save lets the next job confirm the cart still holds it (the
 * Mega Memory Card's CRC-32 per bank, or one read that equals it) instead
 * of reading everything twice.
 *
 * Nothing here is trusted blindly: a transfer size or a rate that stops
 * working is dropped again, and a remembered save is only ever something
 * the cart is checked against.  Forget a port when it goes away: another
 * reader may appear under the same name.
 *
 * Thread-safe.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* §1.5 and §7.1: the read transfers tried, largest first */
#define KS_READER_READ_SIZE_MAX 4096
#define KS_READER_READ_SIZE_MIN 64

void     ks_reader_memory_forget            (const char *port);
/* The largest read transfer known to work; KS_READER_READ_SIZE_MAX when
 * nothing is known */
guint    ks_reader_memory_get_read_size     (const char *port);
void     ks_reader_memory_set_read_size     (const char *port,
                                             guint       size);
/* TRUE once 1,500,000 baud failed on the port this session */
gboolean ks_reader_memory_get_fast_failed   (const char *port);
void     ks_reader_memory_set_fast_failed   (const char *port);
/* The save last read (and checked) or written (and read back) through the
 * port, and a key naming the cart it belongs to (kind, chip, size): NULL
 * when nothing is known or the key differs. */
GBytes  *ks_reader_memory_dup_save          (const char *port,
                                             const char *cart_key);
void     ks_reader_memory_set_save          (const char *port,
                                             const char *cart_key,
                                             GBytes     *save);

G_END_DECLS
