/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-write.c — writing a slot the way the game writes it
 *
 * Spec gen3.md §1.6 (pret HandleWriteSector): for each section id the game
 * zeroes a 4 KiB buffer, copies the section's real length of data, then
 * sets the id, the checksum over that length, the signature and the save
 * counter.  The sector for id is ((first + id) % 14) in the slot, so the
 * ids form a rotation starting where section 0 lands.  Bytes between the
 * section's length and the footer are therefore always zero (§1.3).
 */

#include "config.h"

#include <string.h>

#include "ks-bytes.h"
#include "ks-gen3-private.h"

void
ks_gen3_write_slot (guint8       *flash,
                    guint         slot,
                    KsGen3Game    game,
                    const guint8 *blocks,
                    guint32       counter,
                    guint         first_sector)
{
  g_return_if_fail (flash != NULL);
  g_return_if_fail (blocks != NULL);
  g_return_if_fail (slot < 2);

  for (guint id = 0; id < KS_GEN3_N_SECTIONS; id++)
    {
      guint physical = slot * KS_GEN3_SECTORS_PER_SLOT +
                       (first_sector + id) % KS_GEN3_SECTORS_PER_SLOT;
      guint8 *sector = flash + physical * KS_GEN3_SECTOR_SIZE;
      gsize length = ks_gen3_section_size (game, id);

      memset (sector, 0, KS_GEN3_SECTOR_SIZE);
      memcpy (sector, blocks + id * KS_GEN3_SECTOR_DATA_SIZE, length);
      ks_write_le16 (sector + KS_GEN3_OFFSET_ID, (guint16) id);
      ks_write_le16 (sector + KS_GEN3_OFFSET_CHECKSUM, ks_gen3_checksum (sector, length));
      ks_write_le32 (sector + KS_GEN3_OFFSET_SIGNATURE, KS_GEN3_SIGNATURE);
      ks_write_le32 (sector + KS_GEN3_OFFSET_COUNTER, counter);
    }
}
