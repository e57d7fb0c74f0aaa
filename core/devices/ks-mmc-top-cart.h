/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-top-cart.h — the Game Boy cart plugged on top of a Mega Memory
 * Card, reached through the card's pass-through mode
 *
 * mega-memory-card.md §1 and §5, cart-reader-protocol.md §3: 0xC0 at 0x2000
 * hands 0x4000 and up to the cart on top (its MBC's RAM-bank register at
 * 0x4000, its save RAM at 0xA000-0xBFFF); 0x80 gives the bus back to the
 * card.  0x0000-0x3FFF keeps showing the card's program ROM, so the top
 * cart's header cannot be read: its RAM is driven the way the card's own
 * program drives every cart (0x0A at 0x0000 enables it, the bank goes to
 * 0x4000) and its size is measured with the card's own bank test.
 *
 * Every function runs in a DMG session on the reader's Game Boy bus.
 */
#pragma once

#include <glib.h>

#include "ks-mmc-mapper.h"

G_BEGIN_DECLS

/* mega-memory-card.md §4.5, §5: the card's test stops at 16 banks of 8 KiB */
#define KS_MMC_TOP_CART_MAX_BANKS 16

/* Pass-through on, then the cart's RAM enabled as the card's program does
 * it at power-on (§5). */
gboolean ks_mmc_top_cart_enter        (KsMmcMapper  *mapper,
                                       GError      **error);
/* The cart's RAM disabled, then the bus handed back to the card (0x80). */
gboolean ks_mmc_top_cart_leave        (KsMmcMapper  *mapper,
                                       GError      **error);
/* 0x4000 = @bank: RAM bank @bank at 0xA000-0xBFFF (inside enter/leave). */
gboolean ks_mmc_top_cart_select_bank  (KsMmcMapper  *mapper,
                                       guint         bank,
                                       GError      **error);
/* The card's bank test (§5), entering and leaving pass-through itself:
 * @banks is the number of 8 KiB RAM banks of the cart on top (1-16), or 0
 * when no RAM answers there.  The bytes the test changes are put back and
 * read back; if they do not read back as they were, this fails and says
 * so. */
gboolean ks_mmc_top_cart_count_banks  (KsMmcMapper  *mapper,
                                       guint        *banks,
                                       GError      **error);
/* What the card's restore leaves in a cart that holds @current when it
 * restores a save of @entry (§3, §5): the first MIN(size) bytes of @entry
 * over @current.  A longer save is cut at the cart's size (the card stops
 * when the cart's banks are full); a shorter one leaves the rest of the RAM
 * as it was (the card's firmware would also decode some garbage from the
 * tail of the save's last block there, which Keepsake does not copy). */
GBytes  *ks_mmc_top_cart_fit_save     (GBytes       *entry,
                                       GBytes       *current);

G_END_DECLS
