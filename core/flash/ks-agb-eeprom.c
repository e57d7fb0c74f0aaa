/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-eeprom.c — sizes, address widths and the size probe of the GBA
 * save EEPROM (save-chips.md §1.1-§1.4) */

#include "config.h"

#include <string.h>

#include "ks-agb-eeprom.h"
#include "ks-bytes.h"

#define SMALL_BLOCKS (KS_AGB_EEPROM_SMALL_SIZE / KS_AGB_EEPROM_BLOCK_SIZE)
/* §1.6: a small chip sent 14 address bits keeps the first 6 of them, so
 * block b of a 14-bit read is block b >> 8 */
#define MIRROR_SHIFT 8

gboolean
ks_agb_eeprom_is_size (gsize size)
{
  return size == KS_AGB_EEPROM_SMALL_SIZE || size == KS_AGB_EEPROM_LARGE_SIZE;
}

KsAgbEepromWidth
ks_agb_eeprom_width_for_size (gsize size)
{
  g_return_val_if_fail (ks_agb_eeprom_is_size (size), KS_AGB_EEPROM_ADDRESS_14);

  return size == KS_AGB_EEPROM_SMALL_SIZE ? KS_AGB_EEPROM_ADDRESS_6 : KS_AGB_EEPROM_ADDRESS_14;
}

guint
ks_agb_eeprom_address_bits (KsAgbEepromWidth width)
{
  return width == KS_AGB_EEPROM_ADDRESS_6 ? 6 : 14;
}

static gboolean
is_small_mirror (const guint8 *small_read,
                 const guint8 *large_read)
{
  for (guint b = 0; b < KS_AGB_EEPROM_LARGE_SIZE / KS_AGB_EEPROM_BLOCK_SIZE; b++)
    {
      guint from = (b >> MIRROR_SHIFT) % SMALL_BLOCKS;

      if (memcmp (large_read + b * KS_AGB_EEPROM_BLOCK_SIZE,
                  small_read + from * KS_AGB_EEPROM_BLOCK_SIZE, KS_AGB_EEPROM_BLOCK_SIZE) != 0)
        return FALSE;
    }

  return TRUE;
}

KsAgbEepromProbe
ks_agb_eeprom_probe_decide (const guint8 *small_read,
                            const guint8 *large_read)
{
  gboolean small_answers, large_answers;

  g_return_val_if_fail (small_read != NULL && large_read != NULL, KS_AGB_EEPROM_PROBE_UNCLEAR);

  small_answers = !ks_bytes_all (small_read, KS_AGB_EEPROM_SMALL_SIZE, 0xFF);
  large_answers = !ks_bytes_all (large_read, KS_AGB_EEPROM_LARGE_SIZE, 0xFF);

  if (!small_answers && !large_answers)
    return KS_AGB_EEPROM_PROBE_BLANK;
  if (!small_answers)
    return KS_AGB_EEPROM_PROBE_LARGE;
  if (is_small_mirror (small_read, large_read))
    return KS_AGB_EEPROM_PROBE_SMALL;

  return KS_AGB_EEPROM_PROBE_UNCLEAR;
}
