/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-mbc-model.h — a simulated Game Boy cartridge: ROM and save RAM
 * behind an MBC1, MBC2, MBC3 or MBC5 (or no MBC), on the 16-bit GB bus
 */
#pragma once

#include <glib.h>

#include "ks-bus.h"
#include "ks-flash-clock.h"
#include "ks-gb-header.h"

G_BEGIN_DECLS

typedef struct _KsGbMbcModel KsGbMbcModel;

/* @rom: the cart's ROM (its header is what a reader sees at 0x0100);
 * @ram: the save RAM at power-up, 0 bytes for none; MBC2 takes 512 bytes,
 * one 4-bit cell per byte. */
KsGbMbcModel *ks_gb_mbc_model_new         (KsGbMbc       mbc,
                                           GBytes       *rom,
                                           GBytes       *ram);
void          ks_gb_mbc_model_free        (KsGbMbcModel *self);
KsBus        *ks_gb_mbc_model_get_bus     (KsGbMbcModel *self);
KsGbMbc       ks_gb_mbc_model_get_mbc     (KsGbMbcModel *self);
gsize         ks_gb_mbc_model_get_ram_size (KsGbMbcModel *self);
const guint8 *ks_gb_mbc_model_peek_ram    (KsGbMbcModel *self);
GBytes       *ks_gb_mbc_model_dup_ram     (KsGbMbcModel *self);
gboolean      ks_gb_mbc_model_ram_enabled (KsGbMbcModel *self);
/* Power off: reads give 0xFF, writes do nothing.  Power on (or the reader's
 * /RESET pulse): the MBC registers return to their reset values. */
void          ks_gb_mbc_model_set_powered (KsGbMbcModel *self,
                                           gboolean      powered);
void          ks_gb_mbc_model_reset       (KsGbMbcModel *self);

/* MBC3: gives the cart a clock (save-chips.md §4.1) set to @registers
 * (seconds, minutes, hours, day low, day high) at @clock's present time;
 * it runs on @clock unless the halt bit is set */
void          ks_gb_mbc_model_set_clock   (KsGbMbcModel *self,
                                           KsFlashClock *clock,
                                           const guint8 *registers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsGbMbcModel, ks_gb_mbc_model_free)

G_END_DECLS
