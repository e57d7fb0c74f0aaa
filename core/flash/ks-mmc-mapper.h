/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-mapper.h — the Mega Memory Card's storage flash seen from the GB
 * bus: a bus in flash addresses (0x00000-0x7FFFF) over the card's 0x2000
 * register and its 0x4000-0x7FFF window (cart-reader-protocol.md §3, §7.1)
 */
#pragma once

#include <glib.h>

#include "ks-bus.h"

G_BEGIN_DECLS

/* §3: 32 banks of 16 KiB */
#define KS_MMC_BANK_SIZE  0x4000
#define KS_MMC_N_BANKS    32

typedef struct
{
  KsBus  bus;       /* the flash-address bus the SST driver runs on */
  KsBus *gb;
  gint   bank;      /* storage bank the register holds, -1 when unknown */
} KsMmcMapper;

void     ks_mmc_mapper_init               (KsMmcMapper  *mapper,
                                           KsBus        *gb_bus);
KsBus   *ks_mmc_mapper_get_bus            (KsMmcMapper  *mapper);
gboolean ks_mmc_mapper_select_bank        (KsMmcMapper  *mapper,
                                           guint         bank,
                                           GError      **error);
/* Hands 0x4000-0x7FFF and 0xA000-0xBFFF to the cart plugged on top. */
gboolean ks_mmc_mapper_select_passthrough (KsMmcMapper  *mapper,
                                           GError      **error);

G_END_DECLS
