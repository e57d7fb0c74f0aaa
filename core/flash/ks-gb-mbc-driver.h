/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-mbc-driver.h — reaching a Game Boy cart's save RAM through its MBC
 *
 * The writes a reader makes on the GB bus to enable the RAM and walk its
 * 8 KiB banks at A000-BFFF (cart-reader-protocol.md §1.7 and §2).
 */
#pragma once

#include <glib.h>

#include "ks-bus.h"
#include "ks-gb-header.h"

G_BEGIN_DECLS

/* The GB bus window save RAM appears in */
#define KS_GB_RAM_WINDOW      0xA000
#define KS_GB_RAM_BANK_SIZE   0x2000

/* TRUE for controllers whose RAM is enabled by 0x0A at 0000 and banked by
 * a write to 4000 (plain ROM+RAM, MBC1/2/3/5, HuC1, Pocket Camera). */
gboolean ks_gb_mbc_has_standard_ram   (KsGbMbc   mbc);
gboolean ks_gb_mbc_set_ram_enabled    (KsBus    *bus,
                                       KsGbMbc   mbc,
                                       gboolean  enabled,
                                       GError  **error);
gboolean ks_gb_mbc_select_ram_bank    (KsBus    *bus,
                                       KsGbMbc   mbc,
                                       guint     bank,
                                       GError  **error);
/* The whole save RAM, bank 0 first; the RAM is disabled again afterwards
 * so a power glitch cannot write to it. */
gboolean ks_gb_mbc_read_ram           (KsBus    *bus,
                                       KsGbMbc   mbc,
                                       guint8   *buffer,
                                       gsize     size,
                                       GError  **error);
gboolean ks_gb_mbc_write_ram          (KsBus        *bus,
                                       KsGbMbc       mbc,
                                       const guint8 *data,
                                       gsize         size,
                                       GError      **error);

G_END_DECLS
