/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-flash-driver.h — GBA flash save command sequences over the save
 * bus (cart-reader-protocol.md §4 and §7.1)
 *
 * A KsAgbFlash remembers which 64 KiB bank is selected, so reading or
 * writing a whole 128 KiB chip switches banks twice, not per sector.
 * Addresses are chip offsets (0 to size-1); the driver picks the bank.
 */
#pragma once

#include <glib.h>

#include "ks-agb-flash-chips.h"
#include "ks-bus.h"

G_BEGIN_DECLS

typedef struct
{
  KsBus                *bus;
  const KsAgbFlashChip *chip;
  gint                  bank;    /* -1 until the driver has selected one */
} KsAgbFlash;

/* Reads the ID word (manufacturer << 8 | device) and leaves ID mode. */
gboolean ks_agb_flash_read_id      (KsBus                *bus,
                                    guint16              *id,
                                    GError              **error);

void     ks_agb_flash_init         (KsAgbFlash           *flash,
                                    KsBus                *bus,
                                    const KsAgbFlashChip *chip);
gboolean ks_agb_flash_select_bank  (KsAgbFlash           *flash,
                                    guint                 bank,
                                    GError              **error);
gboolean ks_agb_flash_read         (KsAgbFlash           *flash,
                                    guint32               address,
                                    guint8               *buffer,
                                    gsize                 size,
                                    GError              **error);
/* Erases the 4 KiB sector holding @address and checks it reads 0xFF. */
gboolean ks_agb_flash_erase_sector (KsAgbFlash           *flash,
                                    guint32               address,
                                    GError              **error);
gboolean ks_agb_flash_erase_chip   (KsAgbFlash           *flash,
                                    GError              **error);
/* Programs erased flash and reads it back; 256-byte runs that are all 0xFF
 * are skipped.  KS_FLASH_ERROR_VERIFY names the first byte that differs. */
gboolean ks_agb_flash_program      (KsAgbFlash           *flash,
                                    guint32               address,
                                    const guint8         *data,
                                    gsize                 size,
                                    GError              **error);

/* Atmel AT29LV512 (no erase): writes whole 128-byte pages from @address
 * (both multiples of 128) and reads them back (save-chips.md §2).
 * KS_FLASH_ERROR_VERIFY names the first byte that differs. */
gboolean ks_agb_flash_write_pages  (KsAgbFlash           *flash,
                                    guint32               address,
                                    const guint8         *data,
                                    gsize                 size,
                                    GError              **error);

G_END_DECLS
