/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-flash-chips.h — the GBA flash save chips Keepsake knows
 *
 * IDs as FlashGBX builds them: (manufacturer at 0x0000) << 8 | device at
 * 0x0001 (cart-reader-protocol.md §4).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KS_AGB_FLASH_SST_39VF512,        /* BF D4: 64 KiB */
  KS_AGB_FLASH_MACRONIX_MX29L512,  /* C2 1C: 64 KiB */
  KS_AGB_FLASH_PANASONIC_MN63F805, /* 32 1B: 64 KiB */
  KS_AGB_FLASH_ATMEL_AT29LV512,    /* 1F 3D: 64 KiB, 128-byte pages, no erase */
  KS_AGB_FLASH_MACRONIX_MX29L010,  /* C2 09: 128 KiB, two banks (Pokémon carts) */
  KS_AGB_FLASH_SANYO_LE26FV10N1TS, /* 62 13: 128 KiB, two banks (Pokémon carts) */
} KsAgbFlashChipId;

/* §4: 4 KiB sectors, 64 KiB banks on the 16-bit save bus */
#define KS_AGB_FLASH_SECTOR_SIZE 0x1000
#define KS_AGB_FLASH_BANK_SIZE   0x10000

typedef struct
{
  KsAgbFlashChipId  chip;
  guint16           id;              /* (manufacturer << 8) | device */
  const char       *name;
  guint32           size;            /* bytes */
  gboolean          has_erase;       /* FALSE: Atmel page writes */
  /* Busy times a model simulates, µs */
  guint32           program_usec;
  guint32           sector_erase_usec;
  guint32           chip_erase_usec;
  /* GBATEK's time-outs a driver allows, ms (§4) */
  guint32           program_timeout_ms;
  guint32           sector_erase_timeout_ms;
  guint32           chip_erase_timeout_ms;
} KsAgbFlashChip;

const KsAgbFlashChip *ks_agb_flash_chip_lookup    (guint16           id);
const KsAgbFlashChip *ks_agb_flash_chip_get       (KsAgbFlashChipId  chip);
guint                 ks_agb_flash_chip_n_banks   (const KsAgbFlashChip *chip);

G_END_DECLS
