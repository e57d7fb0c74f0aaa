/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-rom.h — placeholder ROMs for simulated carts
 *
 * A reader identifies a cart by its header, so every simulated cart needs
 * a ROM.  These are built from Keepsake's own bytes: a header that passes
 * the checks a reader makes (checksums, fixed values), a start address
 * that loops forever, and no code or logo from anyone else.
 */
#pragma once

#include <glib.h>

#include "ks-gb-header.h"

G_BEGIN_DECLS

/* The Mega Memory Card's program ROM window at GB 0x0000-0x3FFF */
#define KS_CART_ROM_MMC_PROGRAM_SIZE 0x4000

/* A Game Boy ROM whose header names @mbc with a battery-backed RAM of
 * @ram_size bytes (0, 2, 8, 32, 64 or 128 KiB; MBC2 ignores it).  Every
 * 16 KiB bank starts with its own number, so bank switching shows. */
GBytes *ks_cart_rom_new_gb          (const char *title,
                                     KsGbMbc     mbc,
                                     gsize       ram_size);
/* A 64 KiB GBA ROM with a valid header. */
GBytes *ks_cart_rom_new_gba         (const char *title,
                                     const char *game_code);
/* The Mega Memory Card's 16 KiB program ROM, as a placeholder: a header of
 * Keepsake's own, not Datel's program. */
GBytes *ks_cart_rom_new_mmc_program (void);

G_END_DECLS
