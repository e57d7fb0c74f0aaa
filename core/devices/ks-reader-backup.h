/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-reader-backup.h — the whole save of the inserted cart, read through
 * an LK reader into memory
 *
 * The bytes are the image a file of the cart's format holds: a GBA flash
 * or SRAM save, a Game Boy cart's RAM (bank 0 first), the Mega Memory
 * Card's 512 KiB flash in flash order (mega-memory-card.md §1).  A GBA
 * cart with a clock (KsCartInfo.has_clock) adds mGBA's 16-byte clock footer
 * with what detection read from the clock (save-chips.md §3.4).
 *
 * Reads are checked where the caller asks: the Mega Memory Card, on the
 * Game Boy ROM bus, by the reader's CRC-32 of every 16 KiB bank
 * (cart-reader-protocol.md §1.4 CALC_CRC32); the save RAM and flash of the
 * other carts, where the reader has no CRC, by a second read, which is
 * skipped when the first one's SHA-256 equals a save kept already (in the
 * backup library, or read and checked on this port before,
 * ks-reader-memory.h): a damaged read does not come out equal to a
 * checked copy.  A checked read is remembered for the port.
 */
#pragma once

#include <gio/gio.h>

#include "ks-cart-detect.h"
#include "ks-lk-reader.h"

G_BEGIN_DECLS

typedef enum
{
  KS_READER_BACKUP_NONE   = 0,
  /* Check the bytes: the Mega Memory Card's banks against the reader's
   * CRC-32, any other save by reading it a second time (as FlashGBX does,
   * cart-reader-protocol.md §1.7) unless the first read is the save last
   * checked on this port (see ks_reader_backup_read_checked()). */
  KS_READER_BACKUP_VERIFY = 1 << 0,
} KsReaderBackupFlags;

/* Called after each piece with the bytes done and the total. */
typedef void (*KsReaderProgress) (gsize    done,
                                  gsize    total,
                                  gpointer user_data);

/* Whether a save with this SHA-256 (lower-case hex) is kept already */
typedef gboolean (*KsReaderKnownFunc) (const char *sha256,
                                       gpointer    user_data);

GBytes  *ks_reader_backup_read         (KsLkReader          *reader,
                                        const KsCartInfo    *cart,
                                        KsReaderBackupFlags  flags,
                                        GCancellable        *cancellable,
                                        KsReaderProgress     progress,
                                        gpointer             user_data,
                                        GError             **error);
/* A checked read (KS_READER_BACKUP_VERIFY) that uses what is known:
 * @expected, what the cart is believed to hold (or NULL; by default what
 * was last checked on this port), is confirmed by the CRCs alone where the
 * reader computes them, without reading the save; @known tells of saves
 * kept elsewhere (the backup library). */
GBytes  *ks_reader_backup_read_checked (KsLkReader          *reader,
                                        const KsCartInfo    *cart,
                                        GBytes              *expected,
                                        KsReaderKnownFunc    known,
                                        gpointer             known_data,
                                        GCancellable        *cancellable,
                                        KsReaderProgress     progress,
                                        gpointer             user_data,
                                        GError             **error);
/* Whether the reader can check every byte of @cart's save by CRC-32 (the
 * Mega Memory Card) */
gboolean ks_reader_backup_has_crc      (const KsCartInfo    *cart);
/* Compares the reader's CRC-32 of every bank with @content's.  @same is
 * FALSE, and @first_bad the first differing bank, when one differs. */
gboolean ks_reader_backup_check_crc    (KsLkReader          *reader,
                                        const KsCartInfo    *cart,
                                        GBytes              *content,
                                        gboolean            *same,
                                        guint               *first_bad,
                                        GError             **error);

G_END_DECLS
