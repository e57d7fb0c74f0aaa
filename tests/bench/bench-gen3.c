/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* bench-gen3.c — parse + full verify + edit + serialise of one Gen III save,
 * timed (reported, not asserted).  The save is an Emerald two-slot save
 * with a full party and every box slot filled, so the verifier decrypts
 * all 426 Pokémon (gen3.md §7, checks 1–31). */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "gen3-builder.h"

#define ITERATIONS 300

static GBytes *
full_save (void)
{
  static const guint8 plain[KS_GEN3_PK3_DATA_SIZE] = {
    0x19, 0, 0, 0, 0x64, 0, 0, 0, 0, 0x46, 0, 0,
    0x54, 0, 0x2D, 0, 0, 0, 0, 0, 0x1E, 0x28, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0x10, 0x85, 0x21, 0xFF, 0xFF, 0xFF, 0x3F, 0, 0, 0, 0,
  };
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x12345678);
  guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);

  blocks[GEN3_SB1 + 0x234] = 6;
  for (guint i = 0; i < 6; i++)
    {
      guint8 *mon = blocks + GEN3_SB1 + 0x238 + i * 100;

      mon[0x12] = 2;
      mon[0x13] = 2;
      gen3_put_pokemon (mon, 0x12345600 + i, 0x9ABCDEF0, plain);
      mon[0x54] = 5;
      mon[0x55] = 0xFF;
      mon[0x56] = 20;
      mon[0x58] = 20;
    }
  for (guint i = 0; i < 420; i++)
    {
      guint8 *mon = blocks + GEN3_PC + 4 + i * 80;

      mon[0x12] = 2;
      mon[0x13] = 2;
      gen3_put_pokemon (mon, 0x10000000 + i * 7919, 0x9ABCDEF0, plain);
    }

  gen3_write_slot (flash, 0, KS_GEN3_GAME_EMERALD, blocks, 2, 0);
  gen3_write_slot (flash, 1, KS_GEN3_GAME_EMERALD, blocks, 3, 1);
  return g_bytes_new_take (flash, GEN3_FLASH_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = full_save ();
  gint64 parse = 0, verify = 0, edit = 0, serialise = 0, start, t;
  guint findings = 0;

  setlocale (LC_ALL, "");
  for (guint i = 0; i < ITERATIONS; i++)
    {
      g_autoptr(KsContainer) container = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GBytes) output = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *money = g_strdup_printf ("%u", 1000 + i);

      start = g_get_monotonic_time ();
      container = ks_container_new_from_bytes (bytes, "bench.sav", NULL, &error);
      g_assert_no_error (error);
      t = g_get_monotonic_time ();
      parse += t - start;

      start = t;
      found = ks_container_verify (container);
      findings = found->len;
      t = g_get_monotonic_time ();
      verify += t - start;

      start = t;
      if (!ks_gen3_set_trainer_field (ks_container_get_impl (container), "money", money, FALSE,
                                      &error))
        g_error ("%s", error->message);
      ks_container_mark_modified (container);
      t = g_get_monotonic_time ();
      edit += t - start;

      /* serialise through the write gate: build, re-read, verify again */
      start = t;
      output = ks_container_build_verified (container, FALSE, NULL, &error);
      g_assert_no_error (error);
      t = g_get_monotonic_time ();
      serialise += t - start;
    }

  g_print ("gen3: %u iterations on a 128 KiB Emerald save with 426 Pokémon (%u findings)\n",
           ITERATIONS, findings);
  g_print ("  parse (detect, choose slot, assemble blocks)  %8.1f µs\n",
           (double) parse / ITERATIONS);
  g_print ("  full verify (§7 checks 1–31)                  %8.1f µs\n",
           (double) verify / ITERATIONS);
  g_print ("  edit money (gate check + set)                 %8.1f µs\n",
           (double) edit / ITERATIONS);
  g_print ("  serialise + verified write gate               %8.1f µs\n",
           (double) serialise / ITERATIONS);
  g_print ("  total per save                                %8.1f µs\n",
           (double) (parse + verify + edit + serialise) / ITERATIONS);

  return 0;
}
