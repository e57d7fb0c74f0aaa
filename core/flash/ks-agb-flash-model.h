/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-flash-model.h — a simulated GBA flash save chip on the 16-bit
 * save bus: Macronix MX29L010 (C2 09) and Sanyo LE26FV10N1TS (62 13), both
 * 128 KiB in two banks, the 64 KiB SST 39VF512 (BF D4), and the 64 KiB
 * Atmel AT29LV512 (1F 3D) that writes 128-byte pages without an erase
 * (cart-reader-protocol.md §4 and §7.2, save-chips.md §2)
 */
#pragma once

#include <glib.h>

#include "ks-agb-flash-chips.h"
#include "ks-bus.h"
#include "ks-flash-clock.h"
#include "ks-flash-counters.h"

G_BEGIN_DECLS

typedef struct _KsAgbFlashModel KsAgbFlashModel;

/* @contents: the array at power-up (shorter is padded with 0xFF, longer is
 * cut), or NULL for an erased chip. */
KsAgbFlashModel       *ks_agb_flash_model_new            (KsFlashClock      *clock,
                                                          KsAgbFlashChipId   chip,
                                                          GBytes            *contents);
void                   ks_agb_flash_model_free           (KsAgbFlashModel   *self);
/* The save bus: 0x0000-0xFFFF (GBA 0x0E000000-0x0E00FFFF) */
KsBus                 *ks_agb_flash_model_get_bus        (KsAgbFlashModel   *self);
const KsAgbFlashChip  *ks_agb_flash_model_get_chip       (KsAgbFlashModel   *self);
guint                  ks_agb_flash_model_get_bank       (KsAgbFlashModel   *self);
gboolean               ks_agb_flash_model_in_id_mode     (KsAgbFlashModel   *self);
gboolean               ks_agb_flash_model_is_busy        (KsAgbFlashModel   *self);
const guint8          *ks_agb_flash_model_peek           (KsAgbFlashModel   *self);
GBytes                *ks_agb_flash_model_dup_contents   (KsAgbFlashModel   *self);
/* Switching the power off cuts an operation in progress short; the chip
 * comes back in read mode on bank 0. */
void                   ks_agb_flash_model_set_powered    (KsAgbFlashModel   *self,
                                                          gboolean           powered);
const KsFlashCounters *ks_agb_flash_model_get_counters   (KsAgbFlashModel   *self);
void                   ks_agb_flash_model_reset_counters (KsAgbFlashModel   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsAgbFlashModel, ks_agb_flash_model_free)

G_END_DECLS
