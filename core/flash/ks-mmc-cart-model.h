/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-cart-model.h — a simulated Datel Mega Memory Card on the GB bus,
 * optionally with a Game Boy cart plugged on top
 * (cart-reader-protocol.md §3 and §7.2; mega-memory-card.md §1)
 */
#pragma once

#include <glib.h>

#include "ks-bus.h"
#include "ks-flash-clock.h"
#include "ks-sst28sf040-model.h"

G_BEGIN_DECLS

/* How a register value with neither 0x80 nor 0xC0 set is read: the spec
 * leaves it open (§3, "Conflict"). */
typedef enum
{
  /* as OSCR's tested dumper expects: bits 4..0 select a storage bank */
  KS_MMC_DECODE_OSCR_COMPATIBLE,
  /* as SONIC3D's clone CPLD: the program ROM shows at 0x4000-0x7FFF */
  KS_MMC_DECODE_CLONE_STRICT,
} KsMmcRegisterDecode;

typedef struct _KsMmcCartModel KsMmcCartModel;

/* @flash: the 512 KiB storage flash at power-up, or NULL for an erased
 * chip; @top_cart: the bus of the cart plugged on top, or NULL for none
 * (not owned; it must outlive the model). */
KsMmcCartModel    *ks_mmc_cart_model_new         (KsFlashClock        *clock,
                                                  GBytes              *flash,
                                                  KsBus               *top_cart,
                                                  KsMmcRegisterDecode  decode);
void               ks_mmc_cart_model_free        (KsMmcCartModel      *self);
KsBus             *ks_mmc_cart_model_get_bus     (KsMmcCartModel      *self);
KsSst28sf040Model *ks_mmc_cart_model_get_flash   (KsMmcCartModel      *self);
GBytes            *ks_mmc_cart_model_get_program_rom (KsMmcCartModel  *self);
/* The last value written to the 0x2000 register */
guint8             ks_mmc_cart_model_get_register (KsMmcCartModel     *self);
void               ks_mmc_cart_model_set_powered (KsMmcCartModel      *self,
                                                  gboolean             powered);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsMmcCartModel, ks_mmc_cart_model_free)

G_END_DECLS
