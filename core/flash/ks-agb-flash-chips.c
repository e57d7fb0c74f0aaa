/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-flash-chips.c — the table of GBA flash save chips
 *
 * IDs, sizes and time-outs from cart-reader-protocol.md §4 (GBATEK and
 * FlashGBX).  The spec gives no time-outs for the two 128 KiB parts; they
 * use the same command set as the MX29L512, so they get its time-outs.
 *
 * Model busy times are typical magnitudes, not guarantees: byte programs
 * stay under the fixed 20 µs gap the LK firmware leaves between bytes
 * without polling (§1.5), as they must on real carts for FlashGBX to work;
 * erases are long enough that the first polls of a 10 ms poll loop see the
 * chip still busy (§7.2).  The SST 39VF512 values are its data sheet's
 * typical times (14 µs, 18 ms, 70 ms).
 */

#include "config.h"

#include "ks-agb-flash-chips.h"

static const KsAgbFlashChip chips[] = {
  { KS_AGB_FLASH_SST_39VF512, 0xBFD4, "SST 39VF512", 64 * 1024, TRUE,
    14, 18000, 70000, 10, 40, 200 },
  { KS_AGB_FLASH_MACRONIX_MX29L512, 0xC21C, "Macronix MX29L512", 64 * 1024, TRUE,
    15, 25000, 100000, 10, 2000, 2000 },
  { KS_AGB_FLASH_PANASONIC_MN63F805, 0x321B, "Panasonic MN63F805MNP", 64 * 1024, TRUE,
    15, 25000, 100000, 10, 500, 500 },
  { KS_AGB_FLASH_ATMEL_AT29LV512, 0x1F3D, "Atmel AT29LV512", 64 * 1024, FALSE,
    10000, 0, 0, 20, 0, 0 },
  { KS_AGB_FLASH_MACRONIX_MX29L010, 0xC209, "Macronix MX29L010", 128 * 1024, TRUE,
    15, 25000, 100000, 10, 2000, 2000 },
  { KS_AGB_FLASH_SANYO_LE26FV10N1TS, 0x6213, "Sanyo LE26FV10N1TS", 128 * 1024, TRUE,
    15, 20000, 80000, 10, 2000, 2000 },
};

const KsAgbFlashChip *
ks_agb_flash_chip_lookup (guint16 id)
{
  for (guint i = 0; i < G_N_ELEMENTS (chips); i++)
    if (chips[i].id == id)
      return &chips[i];

  return NULL;
}

const KsAgbFlashChip *
ks_agb_flash_chip_get (KsAgbFlashChipId chip)
{
  for (guint i = 0; i < G_N_ELEMENTS (chips); i++)
    if (chips[i].chip == chip)
      return &chips[i];

  g_return_val_if_reached (NULL);
}

guint
ks_agb_flash_chip_n_banks (const KsAgbFlashChip *chip)
{
  g_return_val_if_fail (chip != NULL, 1);

  return chip->size / KS_AGB_FLASH_BANK_SIZE;
}
