/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-reader-backup.h — the whole save of the inserted cart, read through
 * an LK reader into memory
 *
 * The bytes are the image a file of the cart's format holds: a GBA flash
 * or SRAM save, a Game Boy cart's RAM (bank 0 first), the Mega Memory
 * Card's 512 KiB flash in flash order (mega-memory-card.md §1).
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
   * cart-reader-protocol.md §1.7). */
  KS_READER_BACKUP_VERIFY = 1 << 0,
} KsReaderBackupFlags;

/* Called after each piece with the bytes done and the total. */
typedef void (*KsReaderProgress) (gsize    done,
                                  gsize    total,
                                  gpointer user_data);

GBytes *ks_reader_backup_read (KsLkReader          *reader,
                               const KsCartInfo    *cart,
                               KsReaderBackupFlags  flags,
                               GCancellable        *cancellable,
                               KsReaderProgress     progress,
                               gpointer             user_data,
                               GError             **error);

G_END_DECLS
