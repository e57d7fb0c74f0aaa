/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gen3-diff.c — the badge names, a slot's sectors as the slot scan
 * saw them, and what changed in a trainer between two saves, in words
 * (spec gen3.md §1.7, §3.5) */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

#define E    KS_GEN3_GAME_EMERALD
#define FRLG KS_GEN3_GAME_FRLG
#define RS   KS_GEN3_GAME_RS

static void
test_badge_names (void)
{
  g_assert_cmpstr (ks_gen3_badge_name (RS, 0), ==, "Stone");
  g_assert_cmpstr (ks_gen3_badge_name (E, 2), ==, "Dynamo");
  g_assert_cmpstr (ks_gen3_badge_name (E, 7), ==, "Rain");
  g_assert_cmpstr (ks_gen3_badge_name (FRLG, 0), ==, "Boulder");
  g_assert_cmpstr (ks_gen3_badge_name (FRLG, 7), ==, "Earth");
}

static void
test_changes_in_words (void)
{
  KsGen3Trainer before = { .name = (char *) "ASH", .tid = 12345, .sid = 54321,
                           .money = 3000, .coins = 50, .hours = 12, .minutes = 34,
                           .seconds = 56, .badges = { TRUE, TRUE } };
  KsGen3Trainer after = before;
  g_autofree char *text = NULL;

  /* nothing changed: nothing to say */
  g_assert_null (ks_gen3_trainer_describe_changes (E, &before, &after));

  /* 12:34:56 → 13:47:10 is 1 h 12 min 14 s more */
  after.money = 5000;
  after.hours = 13;
  after.minutes = 47;
  after.seconds = 10;
  after.badges[2] = TRUE;
  text = ks_gen3_trainer_describe_changes (E, &before, &after);
  g_assert_cmpstr (text, ==, "money 3000 → 5000, play time +1 h 12 min, badges earned: Dynamo");
  g_clear_pointer (&text, g_free);

  /* the other way round: less money, less play time, a badge lost */
  text = ks_gen3_trainer_describe_changes (E, &after, &before);
  g_assert_cmpstr (text, ==, "money 5000 → 3000, play time −1 h 12 min, badges lost: Dynamo");
  g_clear_pointer (&text, g_free);

  /* a new name and coins; forty seconds of play; FRLG badge names */
  after = before;
  after.name = (char *) "RED";
  after.coins = 9999;
  after.seconds = 36;   /* 56 → 36 of the next minute: +40 s */
  after.minutes = 35;
  after.badges[7] = TRUE;
  text = ks_gen3_trainer_describe_changes (FRLG, &before, &after);
  g_assert_cmpstr (text, ==, "name ASH → RED, coins 50 → 9999, play time +40 s, badges earned: Earth");
  g_clear_pointer (&text, g_free);

  /* whole hours, and a new trainer ID */
  after = before;
  after.hours = 14;
  after.tid = 1;
  text = ks_gen3_trainer_describe_changes (RS, &before, &after);
  g_assert_cmpstr (text, ==, "trainer ID 12345 → 00001, play time +2 h");
}

/* A slot written by the game: 14 valid sectors; the other slot erased */
static void
test_sector_states (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x05A81CBB);
  g_autoptr(GBytes) good = gen3_build (E, blocks, 8, -1);
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(KsContainer) container = gen3_open (good);
  KsGen3Save *save = gen3_save (container);
  guint8 *flash;
  guint id = 99;

  for (guint p = 0; p < 14; p++)
    {
      g_assert_cmpint (ks_gen3_get_sector_state (save, 0, p, &id), ==, KS_GEN3_SECTOR_VALID);
      g_assert_cmpuint (id, ==, p);     /* slot A is written with rotation 0 */
      g_assert_cmpint (ks_gen3_get_sector_state (save, 1, p, NULL), ==, KS_GEN3_SECTOR_UNSIGNED);
    }
  g_clear_pointer (&container, ks_container_unref);

  /* one data byte of sector 3 changed (its checksum no longer matches);
   * sector 9's signature 25 20 01 08 at 0xFF8 broken to 00 20 01 08 */
  flash = g_memdup2 (g_bytes_get_data (good, NULL), GEN3_FLASH_SIZE);
  flash[3 * GEN3_SECTOR_SIZE + 0x10] ^= 0x01;
  flash[9 * GEN3_SECTOR_SIZE + 0xFF8] = 0x00;
  bad = g_bytes_new_take (flash, GEN3_FLASH_SIZE);
  container = gen3_open (bad);
  save = gen3_save (container);

  g_assert_cmpint (ks_gen3_get_slot_status (save, 0), ==, KS_GEN3_SLOT_ERROR);
  g_assert_cmpint (ks_gen3_get_sector_state (save, 0, 3, &id), ==, KS_GEN3_SECTOR_DAMAGED);
  g_assert_cmpuint (id, ==, 3);
  g_assert_cmpint (ks_gen3_get_sector_state (save, 0, 9, NULL), ==, KS_GEN3_SECTOR_UNSIGNED);
  g_assert_cmpint (ks_gen3_get_sector_state (save, 0, 4, NULL), ==, KS_GEN3_SECTOR_VALID);
}

/* A 64 KiB half-size dump has no slot B: its sectors read as unsigned */
static void
test_sector_states_half_size (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x05A81CBB);
  g_autoptr(GBytes) full = gen3_build (E, blocks, 1, -1);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (full, 0, GEN3_HALF_SIZE);
  g_autoptr(KsContainer) container = gen3_open (half);
  KsGen3Save *save = gen3_save (container);

  g_assert_true (ks_gen3_is_half_size (save));
  g_assert_cmpint (ks_gen3_get_sector_state (save, 0, 0, NULL), ==, KS_GEN3_SECTOR_VALID);
  g_assert_cmpint (ks_gen3_get_sector_state (save, 1, 0, NULL), ==, KS_GEN3_SECTOR_UNSIGNED);
}

int
main (int   argc,
      char *argv[])
{
  /* plain digits: the C locale groups no thousands */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gen3/trainer/badge-names", test_badge_names);
  g_test_add_func ("/gen3/trainer/changes-in-words", test_changes_in_words);
  g_test_add_func ("/gen3/slot/sector-states", test_sector_states);
  g_test_add_func ("/gen3/slot/sector-states-half-size", test_sector_states_half_size);

  return g_test_run ();
}
