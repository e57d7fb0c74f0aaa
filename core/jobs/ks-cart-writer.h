/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-writer.h — write a cart's save through an LK reader, touching only
 * the sectors that change (DESIGN.md, write protocol steps 3 to 5)
 *
 * Given what the cart holds now and what it should hold, the writer erases
 * and programs only the flash sectors whose bytes differ — 4 KiB on GBA
 * flash (cart-reader-protocol.md §4), 256 bytes on the Mega Memory Card's
 * SST 28SF040 (§5) — and programs no byte that is 0xFF after the erase.
 * SRAM (GBA, Game Boy) has no erase: only the differing pieces are written.
 * Then what was written is read back and compared, and on the Mega Memory
 * Card the reader's CRC-32 of every bank covers the rest.
 */
#pragma once

#include <gio/gio.h>

#include "ks-cart-detect.h"
#include "ks-lk-reader.h"

G_BEGIN_DECLS

/* What a write did (DESIGN.md, write protocol step 5) */
typedef struct
{
  guint     sectors_erased;
  guint     sectors_written;     /* sectors (SRAM: pieces) whose bytes changed */
  guint64   bytes_programmed;
  gint64    elapsed_usec;
  gboolean  verified;            /* read back and equal */
  gboolean  all_written;         /* every changed sector was written (the read back may not
                                  * have finished) */
  gint64    first_mismatch;      /* offset of the first byte that read back wrong, or -1 */
  char     *backup_id;           /* the library copy of the previous content, or NULL */
  guint32   sector_size;
  GArray   *rewritten;           /* guint: the sectors erased/written, in order */
  char     *written_path;        /* a new file the job created (a .BUP in a folder), or NULL */
  char     *clock_set_to;        /* what a restore set the cart's clock to, or NULL */
} KsWriteResult;

void     ks_write_result_init      (KsWriteResult *result);
void     ks_write_result_clear     (KsWriteResult *result);

/* Called with the bytes done, the total and a sentence for the phase. */
typedef void (*KsCartWriteProgress) (guint64     done,
                                     guint64     total,
                                     const char *phase,
                                     gpointer    user_data);

/* The sector size the writer works in for @cart (SRAM: the piece size). */
guint32  ks_cart_writer_sector_size (const KsCartInfo   *cart);

/* Writes @content over @previous (both the cart's whole save).  Checks
 * @cancellable between sectors; a cancelled or failed write fills @result
 * with what was done so far (result->rewritten names the sectors that now
 * hold @content).  KS_FLASH_ERROR_VERIFY when the read back differs. */
gboolean ks_cart_writer_write      (KsLkReader          *reader,
                                    const KsCartInfo    *cart,
                                    GBytes              *previous,
                                    GBytes              *content,
                                    GCancellable        *cancellable,
                                    KsCartWriteProgress  progress,
                                    gpointer             user_data,
                                    KsWriteResult       *result,
                                    GError             **error);

/* Erases the whole save (flash: every sector that is not blank already;
 * SRAM: fills it with 0xFF). */
gboolean ks_cart_writer_erase      (KsLkReader          *reader,
                                    const KsCartInfo    *cart,
                                    GBytes              *previous,
                                    GCancellable        *cancellable,
                                    KsCartWriteProgress  progress,
                                    gpointer             user_data,
                                    KsWriteResult       *result,
                                    GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsWriteResult, ks_write_result_clear)

G_END_DECLS
