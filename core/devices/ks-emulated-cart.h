/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-emulated-cart.h — the cart inserted in an emulated reader: chip
 * models on the buses the LK firmware drives
 *
 * A GBA cart puts a ROM on the ROM bus and a save chip (flash or SRAM) on
 * the save bus, or a serial EEPROM at the top of the ROM bus, which the
 * emulator clocks bit by bit (save-chips.md §1.6); a Game Boy cart (or a Mega Memory Card, maybe with a Game
 * Boy cart on top) answers on the 16-bit GB bus.  All models share the
 * cart's virtual clock.
 */
#pragma once

#include <glib.h>

#include "ks-agb-eeprom-model.h"
#include "ks-agb-flash-model.h"
#include "ks-agb-sram-model.h"
#include "ks-bus.h"
#include "ks-flash-clock.h"
#include "ks-gb-mbc-model.h"
#include "ks-mmc-cart-model.h"
#include "ks-s3511-model.h"

G_BEGIN_DECLS

typedef enum
{
  KS_EMULATED_CART_NONE,        /* an empty slot: every bus floats */
  KS_EMULATED_CART_GBA_FLASH,
  KS_EMULATED_CART_GBA_SRAM,
  KS_EMULATED_CART_GBA_EEPROM,
  KS_EMULATED_CART_GB,
  KS_EMULATED_CART_MMC,
} KsEmulatedCartKind;

typedef struct _KsEmulatedCart KsEmulatedCart;

KsEmulatedCart     *ks_emulated_cart_new_empty       (void);
/* @save: the chip at power-up or NULL for an erased one; @rom: NULL for a
 * placeholder ROM with a valid header */
KsEmulatedCart     *ks_emulated_cart_new_gba_flash   (KsAgbFlashChipId     chip,
                                                      GBytes              *save,
                                                      GBytes              *rom);
KsEmulatedCart     *ks_emulated_cart_new_gba_sram    (GBytes              *save,
                                                      GBytes              *rom);
/* @size: 512 or 8192; @save: the chip at power-up or NULL for a blank one */
KsEmulatedCart     *ks_emulated_cart_new_gba_eeprom  (gsize                size,
                                                      GBytes              *save,
                                                      GBytes              *rom);
KsEmulatedCart     *ks_emulated_cart_new_gb          (KsGbMbc              mbc,
                                                      GBytes              *ram,
                                                      GBytes              *rom);
/* Takes @top (a KS_EMULATED_CART_GB cart, or NULL). */
KsEmulatedCart     *ks_emulated_cart_new_mmc         (GBytes              *flash,
                                                      KsEmulatedCart      *top,
                                                      KsMmcRegisterDecode  decode);
void                ks_emulated_cart_free            (KsEmulatedCart      *self);

KsEmulatedCartKind  ks_emulated_cart_get_kind        (KsEmulatedCart      *self);
gboolean            ks_emulated_cart_is_gba          (KsEmulatedCart      *self);
KsFlashClock       *ks_emulated_cart_get_clock       (KsEmulatedCart      *self);
/* The GB bus of a GB cart or MMC; NULL otherwise */
KsBus              *ks_emulated_cart_get_gb_bus      (KsEmulatedCart      *self);
/* The save bus of a GBA cart; NULL otherwise */
KsBus              *ks_emulated_cart_get_save_bus    (KsEmulatedCart      *self);
/* The GBA ROM; NULL otherwise */
GBytes             *ks_emulated_cart_get_gba_rom     (KsEmulatedCart      *self);
void                ks_emulated_cart_set_powered     (KsEmulatedCart      *self,
                                                      gboolean             powered);
/* The /RESET pulse of the reader (DMG_MBC_RESET): MBC registers reset. */
void                ks_emulated_cart_reset           (KsEmulatedCart      *self);
/* Erases and programs the cart's flash has accepted (0 without flash). */
guint64             ks_emulated_cart_flash_operations (KsEmulatedCart     *self);
/* The save memory now: flash array, SRAM, EEPROM, or the MMC's flash. */
GBytes             *ks_emulated_cart_dup_save        (KsEmulatedCart      *self);

KsAgbFlashModel    *ks_emulated_cart_get_agb_flash   (KsEmulatedCart      *self);
KsAgbSramModel     *ks_emulated_cart_get_agb_sram    (KsEmulatedCart      *self);
/* Gives a GBA cart a clock on its GPIO port (save-chips.md §3); takes
 * @rtc, which must run on this cart's clock (ks_emulated_cart_get_clock()) */
void                ks_emulated_cart_set_gba_rtc     (KsEmulatedCart      *self,
                                                      KsS3511Model        *rtc);
/* The GBA cart's clock, or NULL */
KsS3511Model       *ks_emulated_cart_get_gba_rtc     (KsEmulatedCart      *self);
/* The GBA cart's EEPROM, or NULL */
KsAgbEepromModel   *ks_emulated_cart_get_agb_eeprom  (KsEmulatedCart      *self);
KsGbMbcModel       *ks_emulated_cart_get_gb_mbc      (KsEmulatedCart      *self);
KsMmcCartModel     *ks_emulated_cart_get_mmc         (KsEmulatedCart      *self);
KsEmulatedCart     *ks_emulated_cart_get_top         (KsEmulatedCart      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsEmulatedCart, ks_emulated_cart_free)

G_END_DECLS
