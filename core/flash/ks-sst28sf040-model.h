/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-sst28sf040-model.h — a simulated SST 28SF040 (the Mega Memory Card's
 * 512 KiB storage flash), faithful to the data sheet as
 * cart-reader-protocol.md §5 and §7.2 describe it
 */
#pragma once

#include <glib.h>

#include "ks-bus.h"
#include "ks-flash-clock.h"
#include "ks-flash-counters.h"

G_BEGIN_DECLS

/* SST 28SF040(A) data sheet (cart-reader-protocol.md §5) */
#define KS_SST28SF040_SIZE          (512 * 1024)
#define KS_SST28SF040_SECTOR_SIZE   256
#define KS_SST28SF040_MANUFACTURER  0xBF
#define KS_SST28SF040_DEVICE        0x04

/* Busy times the model simulates (§7.2); the data-sheet maxima are
 * 40 µs, 4 ms and 20 ms (§5). */
#define KS_SST28SF040_PROGRAM_USEC       20
#define KS_SST28SF040_SECTOR_ERASE_USEC  3000
#define KS_SST28SF040_CHIP_ERASE_USEC    15000

typedef struct _KsSst28sf040Model KsSst28sf040Model;

KsSst28sf040Model     *ks_sst28sf040_model_new            (KsFlashClock      *clock,
                                                           GBytes            *contents);
void                   ks_sst28sf040_model_free           (KsSst28sf040Model *self);
/* The chip's own address space, 0x00000-0x7FFFF (higher bits ignored). */
KsBus                 *ks_sst28sf040_model_get_bus        (KsSst28sf040Model *self);
const guint8          *ks_sst28sf040_model_peek           (KsSst28sf040Model *self);
/* The array after any operation in progress has run to its end. */
GBytes                *ks_sst28sf040_model_dup_contents   (KsSst28sf040Model *self);
gboolean               ks_sst28sf040_model_is_protected   (KsSst28sf040Model *self);
gboolean               ks_sst28sf040_model_is_busy        (KsSst28sf040Model *self);
/* Switching the power off cuts an operation in progress short
 * (ks-flash-operation.h says what it leaves); an unpowered chip reads 0xFF
 * and ignores writes.  It powers up write-protected, in read mode. */
void                   ks_sst28sf040_model_set_powered    (KsSst28sf040Model *self,
                                                           gboolean           powered);
const KsFlashCounters *ks_sst28sf040_model_get_counters   (KsSst28sf040Model *self);
void                   ks_sst28sf040_model_reset_counters (KsSst28sf040Model *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsSst28sf040Model, ks_sst28sf040_model_free)

G_END_DECLS
