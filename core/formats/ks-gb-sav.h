/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-sav.h — a Game Boy cartridge's save RAM as a plain .sav file
 *
 * The bytes of the cart's RAM, bank 0 first, as cart readers and emulators
 * write them; MBC3 carts may carry a clock footer after the RAM.
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

/* MBC2: 512 half-bytes inside the controller, one per file byte */
#define KS_GB_SAV_MBC2_SIZE         512
/* MBC3 clock footers (VBA-M and BGB layout): 10 registers as u32, then
 * the time they were saved as a u32 (44 bytes) or u64 (48 bytes) */
#define KS_GB_SAV_RTC_FOOTER_SHORT  44
#define KS_GB_SAV_RTC_FOOTER_LONG   48
/* The largest cart RAM: 16 banks of 8 KiB (MBC5, Pocket Camera) */
#define KS_GB_SAV_MAX_RAM_SIZE      (128 * 1024)

typedef struct
{
  gsize    ram_size;      /* bytes of cart RAM at the start of the file */
  gsize    footer_size;   /* 0, 44 or 48 */
  gboolean mbc2;          /* 512 bytes of 4-bit RAM */
} KsGbSavLayout;

extern const KsFormat ks_gb_sav_format;

gboolean ks_gb_sav_layout_from_size   (gsize          file_size,
                                       KsGbSavLayout *layout);
gboolean ks_gb_sav_is_standard_ram    (gsize          ram_size);

G_END_DECLS
