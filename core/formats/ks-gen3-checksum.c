/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-checksum.c — the Gen III sector checksum and the lengths it covers
 *
 * Spec gen3.md §1.5: the data is summed as little-endian u32 words into a
 * wrapping u32; the result is (sum >> 16) + (sum & 0xFFFF) kept to 16 bits,
 * so a carry out of bit 15 is dropped, not folded back in.  §1.4: the sum
 * runs over the section's real size for that game, never blindly over the
 * whole 3968-byte data area as PKHeX does.
 */

#include "config.h"

#include "ks-bytes.h"
#include "ks-gen3-private.h"

/* §1.4, from pret include/global.h and PKHeX SAV3.cs: only section 0
 * (SaveBlock2) and section 4 (the tail of SaveBlock1) differ by game. */
static const guint16 section_sizes[KS_GEN3_N_GAMES][KS_GEN3_N_SECTIONS] = {
  [KS_GEN3_GAME_RS] = {
    2192, 3968, 3968, 3968, 3136, 3968, 3968, 3968, 3968, 3968, 3968, 3968, 3968, 2000,
  },
  [KS_GEN3_GAME_EMERALD] = {
    3884, 3968, 3968, 3968, 3848, 3968, 3968, 3968, 3968, 3968, 3968, 3968, 3968, 2000,
  },
  [KS_GEN3_GAME_FRLG] = {
    3876, 3968, 3968, 3968, 3816, 3968, 3968, 3968, 3968, 3968, 3968, 3968, 3968, 2000,
  },
};

/* Every size the game uses is a multiple of 4; a trailing partial word
 * would not be summed, as the game's word loop would not reach it. */
guint16
ks_gen3_checksum (const guint8 *data,
                  gsize         size)
{
  guint32 sum = 0;

  g_return_val_if_fail (data != NULL || size == 0, 0);

  for (gsize i = 0; i + 4 <= size; i += 4)
    sum += ks_read_le32 (data + i);

  return (guint16) ((sum >> 16) + (sum & 0xFFFF));
}

gsize
ks_gen3_section_size (KsGen3Game game,
                      guint      id)
{
  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, 0);
  g_return_val_if_fail (id < KS_GEN3_N_SECTIONS, 0);

  return section_sizes[game][id];
}

gsize
ks_gen3_block_size (KsGen3Game  game,
                    KsGen3Block block)
{
  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, 0);

  switch (block)
    {
    case KS_GEN3_BLOCK_SB2:
      return section_sizes[game][0];
    case KS_GEN3_BLOCK_SB1:
      return 3 * KS_GEN3_SECTOR_DATA_SIZE + section_sizes[game][4];
    case KS_GEN3_BLOCK_PC:
      return KS_GEN3_PC_SIZE;
    default:
      g_return_val_if_reached (0);
    }
}
