/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gen3-detect.c — which game wrote the save, and why (spec gen3.md §2,
 * §7 checks 16–18, §8 T17–T21) */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

#define RS   KS_GEN3_GAME_RS
#define E    KS_GEN3_GAME_EMERALD
#define FRLG KS_GEN3_GAME_FRLG

/* Blocks with SaveBlock2 0xAC..0xAF set to @word (little-endian bytes) and
 * the rest of SaveBlock2 past 0x20 cleared, written as the first save of
 * @writer (whose lengths the checksums use). */
static KsContainer *
open_with (KsGen3Game    writer,
           guint8       *blocks)
{
  g_autoptr(GBytes) bytes = gen3_build (writer, blocks, -1, 1);

  return gen3_open (bytes);
}

static guint8 *
plain_blocks (KsGen3Game game)
{
  guint8 *blocks = gen3_blocks_new (game, 0);

  /* only what the test sets decides the game */
  memset (blocks + 0x20, 0, GEN3_SECTOR_DATA - 0x20);
  return blocks;
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
  p[2] = (v >> 16) & 0xFF;
  p[3] = v >> 24;
}

/* T17 */
static void
test_frlg_dummy_flags (void)
{
  g_autofree guint8 *blocks = plain_blocks (FRLG);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  KsGen3Save *save;

  blocks[0xAC] = 0x01;
  put32 (blocks + 0xF20, 0xA1B2C3D4);
  blocks[0xF1F] = 0x42;   /* FRLG data reaches up to 0xF24 */
  container = open_with (FRLG, blocks);
  save = gen3_save (container);
  findings = ks_container_verify (container);

  g_assert_cmpint (ks_gen3_get_game (save), ==, FRLG);
  g_assert_nonnull (strstr (ks_gen3_get_game_detection (save), "01 00 00 00"));
  /* section 0 matches the FRLG and the Emerald lengths, not RS's */
  g_assert_nonnull (strstr (ks_gen3_get_game_detection (save),
                            "fit the lengths of Emerald and FireRed/LeafGreen."));
  g_assert_false (gen3_has_finding (findings, "gen3-game-ambiguous"));
  g_assert_false (gen3_has_finding (findings, "gen3-frlg-dummy-flags"));
  gen3_assert_finding (findings, KS_SEVERITY_INFO, "gen3-game");
  g_assert_false (ks_findings_has_errors (findings));
}

/* T18 */
static void
test_emerald_key_and_frontier (void)
{
  g_autofree guint8 *blocks = plain_blocks (E);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  put32 (blocks + 0xAC, 0x12345678);
  blocks[0xF00] = 0x03;
  blocks[0xEE1] = 0xFF;
  container = open_with (E, blocks);
  findings = ks_container_verify (container);

  g_assert_cmpint (ks_gen3_get_game (gen3_save (container)), ==, E);
  g_assert_nonnull (strstr (ks_gen3_get_game_detection (gen3_save (container)), "0x12345678"));
  g_assert_false (gen3_has_finding (findings, "gen3-game-ambiguous"));
}

/* T19 */
static void
test_ruby_sapphire (void)
{
  g_autofree guint8 *blocks = plain_blocks (RS);
  g_autoptr(KsContainer) zero = NULL;
  g_autoptr(KsContainer) tower = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  zero = open_with (RS, blocks);
  g_assert_cmpint (ks_gen3_get_game (gen3_save (zero)), ==, RS);
  findings = ks_container_verify (zero);
  g_assert_false (gen3_has_finding (findings, "gen3-game-ambiguous"));

  /* a Battle Tower record name "ABCD" at 0xAC (kwsch/PKHeX #1172) */
  blocks[0xAC] = 0xBB;
  blocks[0xAD] = 0xBC;
  blocks[0xAE] = 0xBD;
  blocks[0xAF] = 0xBE;
  tower = open_with (RS, blocks);
  g_assert_cmpint (ks_gen3_get_game (gen3_save (tower)), ==, RS);
  g_assert_nonnull (strstr (ks_gen3_get_game_detection (gen3_save (tower)), "0xBEBDBCBB"));
}

/* T20 */
static void
test_dummy_flags_all_ff (void)
{
  g_autofree guint8 *blocks = plain_blocks (FRLG);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  memset (blocks + 0xAC, 0xFF, 8);
  put32 (blocks + 0xF20, 0xA1B2C3D4);
  container = open_with (FRLG, blocks);
  findings = ks_container_verify (container);

  g_assert_cmpint (ks_gen3_get_game (gen3_save (container)), ==, FRLG);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-dummy-flags-ff");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-frlg-dummy-flags");
}

/* T21 */
static void
test_emerald_on_key_zero (void)
{
  g_autofree guint8 *blocks = plain_blocks (E);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const char *reason;

  blocks[0xEE1] = 0xFF;   /* ClearFrontierRecord */
  blocks[0xEE9] = 0xFF;
  container = open_with (E, blocks);
  findings = ks_container_verify (container);
  reason = ks_gen3_get_game_detection (gen3_save (container));

  g_assert_cmpint (ks_gen3_get_game (gen3_save (container)), ==, E);
  g_assert_cmpint (ks_gen3_get_detected_game (gen3_save (container)), ==, E);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-game-ambiguous");
  g_assert_true (g_str_has_prefix (reason, "The game is probably Emerald."));
  g_assert_nonnull (strstr (reason, "0x890"));
  g_assert_false (ks_findings_has_errors (findings));
}

/* §2.5: the caller overrides, and the slot choice follows the new lengths. */
static void
test_override (void)
{
  g_autofree guint8 *blocks = plain_blocks (E);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) as_e = NULL;
  g_autoptr(GPtrArray) as_rs = NULL;
  g_autoptr(GPtrArray) as_frlg = NULL;
  g_autoptr(GVariant) summary = NULL;
  KsGen3Save *save;
  gboolean overridden = FALSE;

  put32 (blocks + 0xAC, 0x12345678);
  blocks[0xF28] = 0x99;   /* only Emerald's length covers it */
  container = open_with (E, blocks);
  save = gen3_save (container);
  as_e = ks_container_verify (container);
  g_assert_cmpint (ks_gen3_get_game (save), ==, E);
  g_assert_false (ks_findings_has_errors (as_e));

  /* read as Ruby/Sapphire, section 0's checksum no longer matches */
  ks_gen3_set_game (save, RS);
  g_assert_true (ks_gen3_is_game_overridden (save));
  g_assert_cmpint (ks_gen3_get_game (save), ==, RS);
  g_assert_cmpint (ks_gen3_get_detected_game (save), ==, E);
  as_rs = ks_container_verify (container);
  gen3_assert_finding (as_rs, KS_SEVERITY_ERROR, "gen3-sector-checksum");
  g_assert_cmpint (ks_gen3_get_boot_status (save), ==, KS_GEN3_BOOT_DELETED);

  ks_gen3_set_game (save, FRLG);
  as_frlg = ks_container_verify (container);
  gen3_assert_finding (as_frlg, KS_SEVERITY_WARNING, "gen3-frlg-dummy-flags");

  summary = g_variant_ref_sink (ks_container_describe (container));
  g_assert_true (g_variant_lookup (summary, "game_overridden", "b", &overridden));
  g_assert_true (overridden);

  ks_gen3_set_game (save, E);
  g_assert_false (ks_gen3_is_game_overridden (save));
  g_assert_cmpint (ks_gen3_get_boot_status (save), ==, KS_GEN3_BOOT_OK);
}

static void
test_game_ids (void)
{
  KsGen3Game game;

  g_assert_true (ks_gen3_game_from_id ("rs", &game));
  g_assert_cmpint (game, ==, RS);
  g_assert_true (ks_gen3_game_from_id ("Emerald", &game));
  g_assert_cmpint (game, ==, E);
  g_assert_true (ks_gen3_game_from_id ("frlg", &game));
  g_assert_cmpint (game, ==, FRLG);
  g_assert_false (ks_gen3_game_from_id ("crystal", &game));
  g_assert_cmpstr (ks_gen3_game_to_id (E), ==, "emerald");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gen3/detect/t17-frlg-dummy-flags", test_frlg_dummy_flags);
  g_test_add_func ("/gen3/detect/t18-emerald-key-and-frontier", test_emerald_key_and_frontier);
  g_test_add_func ("/gen3/detect/t19-ruby-sapphire", test_ruby_sapphire);
  g_test_add_func ("/gen3/detect/t20-dummy-flags-all-ff", test_dummy_flags_all_ff);
  g_test_add_func ("/gen3/detect/t21-emerald-on-key-zero", test_emerald_on_key_zero);
  g_test_add_func ("/gen3/detect/override", test_override);
  g_test_add_func ("/gen3/detect/game-ids", test_game_ids);

  return g_test_run ();
}
