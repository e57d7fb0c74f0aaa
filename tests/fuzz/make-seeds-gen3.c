/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* make-seeds-gen3.c — a starting corpus for fuzz-gen3: a first save of each
 * game, two-slot saves, half size, clock footers, erased flash, a party and
 * a boxed Pokémon, and a damaged slot.  Usage: make-seeds-gen3 DIR */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

/* gen3.md §3.2: party count and party in SaveBlock1 */
static void
add_pokemon (guint8     *blocks,
             KsGen3Game  game)
{
  static const guint8 plain[KS_GEN3_PK3_DATA_SIZE] = {
    0x19, 0, 0, 0, 0x64, 0, 0, 0, 0, 0x46, 0, 0,
    0x54, 0, 0x2D, 0, 0, 0, 0, 0, 0x1E, 0x28, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0x10, 0x85, 0x21, 0xFF, 0xFF, 0xFF, 0x3F, 0, 0, 0, 0,
  };
  guint count_offset = game == KS_GEN3_GAME_FRLG ? 0x034 : 0x234;
  guint8 *party = blocks + GEN3_SB1 + count_offset + 4;
  guint8 *box = blocks + GEN3_PC + 0xF54;

  blocks[GEN3_SB1 + count_offset] = 1;
  party[0x12] = 2;
  party[0x13] = 2;
  gen3_put_pokemon (party, 0x12345685, 0x9ABCDEF0, plain);
  party[0x54] = 5;
  party[0x55] = 0xFF;
  party[0x56] = 20;
  party[0x58] = 20;
  box[0x12] = 2;
  box[0x13] = 2;
  gen3_put_pokemon (box, 0x12345678, 0x9ABCDEF0, plain);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const game_names[KS_GEN3_N_GAMES] = { "rs", "emerald", "frlg" };
  g_autofree guint8 *flash = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DIR\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);

  for (KsGen3Game game = 0; game < KS_GEN3_N_GAMES; game++)
    {
      g_auto(KsGen3Trainer) trainer = { 0 };
      g_autoptr(GBytes) first = NULL;
      g_autofree guint8 *blocks = gen3_blocks_new (game, 0x12345678);
      g_autofree char *name = NULL;

      gen3_test_trainer (&trainer);
      first = ks_gen3_build_new_save (game, &trainer, NULL);
      name = g_strdup_printf ("first-%s.sav", game_names[game]);
      if (!ks_test_write_seed (argv[1], name, first))
        return 1;

      add_pokemon (blocks, game);
      flash = gen3_flash_new (GEN3_FLASH_SIZE + 16);
      gen3_write_slot (flash, 0, game, blocks, 2, 0);
      gen3_write_slot (flash, 1, game, blocks, 3, 1);
      g_free (name);
      name = g_strdup_printf ("two-slots-%s.sav", game_names[game]);
      if (!ks_test_write_seed_data (argv[1], name, flash, GEN3_FLASH_SIZE))
        return 1;

      /* mGBA's 16-byte clock footer */
      memset (flash + GEN3_FLASH_SIZE, 0, 16);
      flash[GEN3_FLASH_SIZE + 8] = 0x40;
      g_free (name);
      name = g_strdup_printf ("footer-%s.sav", game_names[game]);
      if (!ks_test_write_seed_data (argv[1], name, flash, GEN3_FLASH_SIZE + 16))
        return 1;

      g_free (name);
      name = g_strdup_printf ("half-%s.sav", game_names[game]);
      if (!ks_test_write_seed_data (argv[1], name, flash, GEN3_HALF_SIZE))
        return 1;

      /* slot B damaged: the game falls back to A */
      flash[gen3_find_section (flash, 1, 7) * GEN3_SECTOR_SIZE + 0x80] ^= 0xFF;
      g_free (name);
      name = g_strdup_printf ("damaged-%s.sav", game_names[game]);
      if (!ks_test_write_seed_data (argv[1], name, flash, GEN3_FLASH_SIZE))
        return 1;
      g_clear_pointer (&flash, g_free);
    }

  flash = gen3_flash_new (GEN3_FLASH_SIZE);
  if (!ks_test_write_seed_data (argv[1], "erased.sav", flash, GEN3_FLASH_SIZE))
    return 1;
  memset (flash, 0, GEN3_FLASH_SIZE);
  if (!ks_test_write_seed_data (argv[1], "zeros.sav", flash, GEN3_FLASH_SIZE))
    return 1;

  return 0;
}
