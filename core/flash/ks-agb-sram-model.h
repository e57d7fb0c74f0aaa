/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-sram-model.h — a simulated GBA SRAM (or FRAM) save on the 16-bit
 * save bus: plain byte reads and writes, the save kind a reader tells from
 * flash by writing a byte and reading it back (cart-reader-protocol.md §1.7)
 */
#pragma once

#include <glib.h>

#include "ks-bus.h"

G_BEGIN_DECLS

typedef struct _KsAgbSramModel KsAgbSramModel;

/* @contents: 32 KiB (SRAM) or 64 KiB (FRAM); a 32 KiB part shows twice
 * on the 64 KiB bus. */
KsAgbSramModel *ks_agb_sram_model_new          (GBytes         *contents);
void            ks_agb_sram_model_free         (KsAgbSramModel *self);
KsBus          *ks_agb_sram_model_get_bus      (KsAgbSramModel *self);
const guint8   *ks_agb_sram_model_peek         (KsAgbSramModel *self);
GBytes         *ks_agb_sram_model_dup_contents (KsAgbSramModel *self);
void            ks_agb_sram_model_set_powered  (KsAgbSramModel *self,
                                                gboolean        powered);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsAgbSramModel, ks_agb_sram_model_free)

G_END_DECLS
