/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-sst28sf040-driver.h — command sequences for the SST 28SF040, issued
 * over a bus in the chip's own address space (0x00000-0x7FFFF)
 *
 * On a Mega Memory Card that bus is ks-mmc-mapper.h over the Game Boy bus;
 * in tests it is the model's bus.  Erase and program switch Software Data
 * Protection off before and on after, as the card's own program does
 * (cart-reader-protocol.md §3), so the chip is never left unprotected.
 */
#pragma once

#include <glib.h>

#include "ks-bus.h"

G_BEGIN_DECLS

gboolean ks_sst28sf040_read_id      (KsBus         *bus,
                                     guint8        *manufacturer,
                                     guint8        *device,
                                     GError       **error);
/* KS_FLASH_ERROR_WRONG_ID unless the chip answers BF 04 */
gboolean ks_sst28sf040_check_id     (KsBus         *bus,
                                     GError       **error);
gboolean ks_sst28sf040_reset        (KsBus         *bus,
                                     GError       **error);
gboolean ks_sst28sf040_unprotect    (KsBus         *bus,
                                     GError       **error);
gboolean ks_sst28sf040_protect      (KsBus         *bus,
                                     GError       **error);
gboolean ks_sst28sf040_read         (KsBus         *bus,
                                     guint32        address,
                                     guint8        *buffer,
                                     gsize          size,
                                     GError       **error);
/* Erases the 256-byte sector holding @address and checks it reads 0xFF. */
gboolean ks_sst28sf040_erase_sector (KsBus         *bus,
                                     guint32        address,
                                     GError       **error);
/* Erases the whole chip and checks it reads 0xFF. */
gboolean ks_sst28sf040_erase_chip   (KsBus         *bus,
                                     GError       **error);
/* Programs @size bytes from @address, which must have been erased: a
 * program can only clear bits.  Bytes equal to 0xFF are skipped (they
 * would change nothing).  Each byte is checked as it completes. */
gboolean ks_sst28sf040_program      (KsBus         *bus,
                                     guint32        address,
                                     const guint8  *data,
                                     gsize          size,
                                     GError       **error);
/* For many sectors in a row, between one ks_sst28sf040_unprotect() and one
 * ks_sst28sf040_protect() (which the caller owes the chip even after a
 * failure): erases the 256-byte sector at @address, reads it until it is
 * all 0xFF (the erase is done and checked at once: a busy chip answers
 * status bits, never a whole sector of 0xFF), programs the bytes of @data
 * that are not 0xFF with completion polling, and reads the sector back. */
gboolean ks_sst28sf040_rewrite_sector_unprotected (KsBus         *bus,
                                                   guint32        address,
                                                   const guint8  *data,
                                                   GError       **error);

G_END_DECLS
