/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gen3-pokemon.c — stored Pokémon: encryption, order, checksum, and
 * the per-Pokémon checks (spec gen3.md §5, §7 checks 25 and 28–31, §8
 * T27–T31) */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

#define RS   KS_GEN3_GAME_RS
#define E    KS_GEN3_GAME_EMERALD

/* T27's plain substructures, in G, A, E, M order */
static const char *const plain_hex =
  "19 00 00 00 64 00 00 00 00 46 00 00"   /* G: species 25, exp 100, friendship 70 */
  "54 00 2D 00 00 00 00 00 1E 28 00 00"   /* A: moves 84, 45; PP 30, 40 */
  "00 00 00 00 00 00 00 00 00 00 00 00"   /* E */
  "00 10 85 21 FF FF FF 3F 00 00 00 00";  /* M: met 0x10, level 5, game 3, ball 4, IVs 31 */

/* T27: stored order E, G, M, A, XORed with 0x88888875 */
static const char *const encrypted_hex =
  "7588888875888888758888886c8888881188888875ce888875980da98a7777b7"
  "758888882188a588758888886ba08888";

static GBytes *
plain_data (void)
{
  GBytes *plain = ks_test_bytes_from_hex (plain_hex);

  g_assert_cmpuint (g_bytes_get_size (plain), ==, KS_GEN3_PK3_DATA_SIZE);
  return plain;
}

/* A box Pokémon with T27's data, nickname and flags set as the game would. */
static void
make_pikachu (guint8 *mon,
              guint32 pid)
{
  g_autoptr(GBytes) plain = plain_data ();
  static const guint8 nickname[10] = { 0xCA, 0xDD, 0xDF, 0xD5, 0xD7, 0xDC, 0xE9, 0xFF, 0xFF, 0xFF };

  memset (mon, 0, KS_GEN3_PK3_BOX_SIZE);
  memcpy (mon + 0x08, nickname, sizeof nickname);
  mon[0x12] = 2;      /* English */
  mon[0x13] = 0x02;   /* has species */
  gen3_put_pokemon (mon, pid, 0x9ABCDEF0, g_bytes_get_data (plain, NULL));
}

/* T27 */
static void
test_worked_example (void)
{
  g_autoptr(GBytes) plain = plain_data ();
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (encrypted_hex);
  guint8 mon[KS_GEN3_PK3_BOX_SIZE];
  guint8 back[KS_GEN3_PK3_DATA_SIZE];
  KsGen3Pk3 pk3;

  g_assert_cmpuint (0x12345685 % 24, ==, 13);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345685, KS_GEN3_SUB_EVS), ==, 0);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345685, KS_GEN3_SUB_GROWTH), ==, 1);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345685, KS_GEN3_SUB_MISC), ==, 2);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345685, KS_GEN3_SUB_ATTACKS), ==, 3);

  make_pikachu (mon, 0x12345685);
  g_assert_cmphex (mon[0x1C] | mon[0x1D] << 8, ==, 0xE09F);
  g_assert_cmphex (ks_gen3_pk3_checksum (g_bytes_get_data (plain, NULL)), ==, 0xE09F);
  g_assert_cmpmem (mon + 0x20, KS_GEN3_PK3_DATA_SIZE,
                   g_bytes_get_data (expected, NULL), KS_GEN3_PK3_DATA_SIZE);

  ks_gen3_pk3_decrypt (mon, back);
  g_assert_cmpmem (back, sizeof back, g_bytes_get_data (plain, NULL), KS_GEN3_PK3_DATA_SIZE);

  g_assert_true (ks_gen3_pk3_read (mon, &pk3));
  g_assert_cmpuint (pk3.species, ==, 25);
  g_assert_cmpuint (pk3.experience, ==, 100);
  g_assert_cmpuint (pk3.moves[0], ==, 84);
  g_assert_cmpuint (pk3.moves[1], ==, 45);
  g_assert_cmpuint (pk3.pp[1], ==, 40);
  g_assert_false (pk3.misc_is_egg);

  /* any flipped encrypted byte breaks the checksum: a Bad Egg */
  for (guint i = 0; i < KS_GEN3_PK3_DATA_SIZE; i++)
    {
      guint8 copy[KS_GEN3_PK3_BOX_SIZE];

      memcpy (copy, mon, sizeof copy);
      copy[0x20 + i] ^= 0x01;
      g_assert_false (ks_gen3_pk3_read (copy, &pk3));
    }
}

/* T28 */
static void
test_order_does_not_change_the_checksum (void)
{
  guint8 mon[KS_GEN3_PK3_BOX_SIZE];
  KsGen3Pk3 pk3;

  g_assert_cmpuint (0x12345678 % 24, ==, 0);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345678, KS_GEN3_SUB_GROWTH), ==, 0);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345678, KS_GEN3_SUB_ATTACKS), ==, 1);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345678, KS_GEN3_SUB_EVS), ==, 2);
  g_assert_cmpuint (ks_gen3_pk3_position (0x12345678, KS_GEN3_SUB_MISC), ==, 3);

  make_pikachu (mon, 0x12345678);
  g_assert_cmphex (mon[0x1C] | mon[0x1D] << 8, ==, 0xE09F);
  g_assert_true (ks_gen3_pk3_read (mon, &pk3));
  g_assert_cmpuint (pk3.species, ==, 25);
}

/* §5.2: every PID % 24 is a different arrangement of all four. */
static void
test_all_orders_are_permutations (void)
{
  GHashTable *seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint32 pid = 0; pid < 24; pid++)
    {
      guint used = 0, key = 0;

      for (guint sub = 0; sub < 4; sub++)
        {
          guint position = ks_gen3_pk3_position (pid, sub);

          used |= 1u << position;
          key = key * 4 + position;
        }
      g_assert_cmpuint (used, ==, 0xF);
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (key + 1)));
      g_hash_table_add (seen, GUINT_TO_POINTER (key + 1));
    }
  g_hash_table_unref (seen);
}

static KsContainer *
open_blocks (KsGen3Game    game,
             const guint8 *blocks)
{
  g_autoptr(GBytes) bytes = gen3_build (game, blocks, -1, 1);

  return gen3_open (bytes);
}

/* T29 */
static void
test_empty_slot_and_species_flag (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autoptr(KsContainer) empty = NULL;
  g_autoptr(KsContainer) flagged = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint8 *mon = blocks + GEN3_PC + 4;

  empty = open_blocks (RS, blocks);
  clean = ks_container_verify (empty);
  for (guint i = 0; i < clean->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (clean, i);

      g_assert_false (g_str_has_prefix (finding->code, "gen3-pokemon"));
    }

  mon[0x13] = 0x02;
  flagged = open_blocks (RS, blocks);
  findings = ks_container_verify (flagged);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pokemon-has-species");
  g_assert_false (ks_findings_has_errors (findings));
}

/* T30: box 2, slot 20 (PC offset 4 + 49 × 80 = 0xF54) spans sections 5 and 6. */
static void
test_pokemon_across_a_section_boundary (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(KsContainer) reread = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  guint8 mon[KS_GEN3_PK3_BOX_SIZE];
  const guint8 *pc;
  const guint8 *flash;
  gint s5, s6;
  KsGen3Pk3 pk3;

  g_assert_cmpuint (4 + (1 * 30 + 19) * 80, ==, 0xF54);
  make_pikachu (mon, 0x12345685);
  memcpy (blocks + GEN3_PC + 0xF54, mon, sizeof mon);
  container = open_blocks (E, blocks);

  /* on flash the Pokémon really is cut in two */
  flash = g_bytes_get_data (ks_container_get_original (container), NULL);
  s5 = gen3_find_section (flash, 1, 5);
  s6 = gen3_find_section (flash, 1, 6);
  g_assert_cmpmem (flash + s5 * GEN3_SECTOR_SIZE + 0xF54, 0xF80 - 0xF54, mon, 0xF80 - 0xF54);
  g_assert_cmpmem (flash + s6 * GEN3_SECTOR_SIZE, 80 - (0xF80 - 0xF54), mon + (0xF80 - 0xF54),
                   80 - (0xF80 - 0xF54));

  pc = ks_gen3_get_block (gen3_save (container), KS_GEN3_BLOCK_PC, NULL);
  g_assert_true (ks_gen3_pk3_read (pc + 0xF54, &pk3));
  g_assert_cmpuint (pk3.species, ==, 25);
  findings = ks_container_verify (container);
  g_assert_false (ks_findings_has_errors (findings));
  g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_WARNING), ==, 0);

  g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "money", "1", FALSE, &error));
  ks_container_mark_modified (container);
  output = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  reread = gen3_open (output);
  pc = ks_gen3_get_block (gen3_save (reread), KS_GEN3_BLOCK_PC, NULL);
  g_assert_cmpmem (pc + 0xF54, sizeof mon, mon, sizeof mon);
}

/* T31 and check 25 */
static void
test_party_checks (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autoptr(KsContainer) seven = NULL;
  g_autoptr(KsContainer) level0 = NULL;
  g_autoptr(KsContainer) tail = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) level_findings = NULL;
  g_autoptr(GPtrArray) tail_findings = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *party = blocks + GEN3_SB1 + 0x238;

  blocks[GEN3_SB1 + 0x234] = 7;
  seven = open_blocks (RS, blocks);
  findings = ks_container_verify (seven);
  gen3_assert_finding (findings, KS_SEVERITY_ERROR, "gen3-party-count");
  /* an error in the slot being edited refuses the edit */
  g_assert_false (ks_gen3_set_trainer_field (gen3_save (seven), "money", "5", FALSE, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);

  blocks[GEN3_SB1 + 0x234] = 1;
  make_pikachu (party, 0x12345685);
  party[0x54] = 0;                         /* level 0 */
  party[0x55] = 0xFF;                      /* no mail */
  party[0x56] = 20;                        /* HP 20 */
  party[0x58] = 20;                        /* max HP 20 */
  level0 = open_blocks (RS, blocks);
  level_findings = ks_container_verify (level0);
  gen3_assert_finding (level_findings, KS_SEVERITY_WARNING, "gen3-pokemon-level");
  g_assert_false (ks_findings_has_errors (level_findings));

  /* an empty slot past the count: only the mail byte 0xFF is expected */
  party[0x54] = 5;
  party[100 + 0x55] = 0xFF;
  party[100 + 0x10] = 0x01;
  tail = open_blocks (RS, blocks);
  tail_findings = ks_container_verify (tail);
  gen3_assert_finding (tail_findings, KS_SEVERITY_WARNING, "gen3-party-tail");
  g_assert_false (gen3_has_finding (tail_findings, "gen3-pokemon-level"));
}

/* Check 28: a box Pokémon with a broken checksum. */
static void
test_bad_egg_is_an_error (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const KsFinding *finding;
  guint8 *mon = blocks + GEN3_PC + 4 + 80 * 3;

  make_pikachu (mon, 0x12345685);
  mon[0x30] ^= 0x40;
  container = open_blocks (E, blocks);
  findings = ks_container_verify (container);
  finding = ks_findings_find (findings, "gen3-pokemon-checksum");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "Box 1, slot 4"));
  g_assert_nonnull (strstr (finding->message, "Bad Egg"));
}

/* Checks 29–30 on decrypted data. */
static void
test_field_checks (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autoptr(GBytes) plain_bytes = plain_data ();
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint8 plain[KS_GEN3_PK3_DATA_SIZE];
  guint8 *mon = blocks + GEN3_PC + 4;

  memcpy (plain, g_bytes_get_data (plain_bytes, NULL), sizeof plain);
  plain[0] = 0x00;
  plain[1] = 0x01;          /* species 256: an unused placeholder */
  plain[2] = 0x79;
  plain[3] = 0x01;          /* item 377, past Emerald's 376 */
  plain[12] = 0x63;
  plain[13] = 0x01;         /* move 355 */
  memset (plain + 24, 255, 3);  /* EVs 765 */
  memset (mon, 0, 80);
  mon[0x12] = 6;            /* language 6 is unused */
  mon[0x13] = 0x02 | 0x04;  /* egg flag without the IV egg bit */
  gen3_put_pokemon (mon, 0x12345685, 0x9ABCDEF0, plain);
  container = open_blocks (E, blocks);
  findings = ks_container_verify (container);

  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pokemon-species");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pokemon-item");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pokemon-move");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pokemon-evs");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pokemon-language");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pokemon-egg-flag");
  g_assert_false (ks_findings_has_errors (findings));
}

/* Hundreds of Bad Eggs: the first ones are listed, the rest counted. */
static void
test_many_bad_pokemon_are_summarised (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  for (guint i = 0; i < 420; i++)
    memset (blocks + GEN3_PC + 4 + i * 80, (guint8) (i + 1), 80);
  container = open_blocks (RS, blocks);
  findings = ks_container_verify (container);
  g_assert_cmpuint (findings->len, <, 60);
  gen3_assert_finding (findings, KS_SEVERITY_ERROR, "gen3-pokemon-more");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gen3/pokemon/t27-worked-example", test_worked_example);
  g_test_add_func ("/gen3/pokemon/t28-order-does-not-change-the-checksum",
                   test_order_does_not_change_the_checksum);
  g_test_add_func ("/gen3/pokemon/all-orders-are-permutations", test_all_orders_are_permutations);
  g_test_add_func ("/gen3/pokemon/t29-empty-slot-and-species-flag",
                     test_empty_slot_and_species_flag);
  g_test_add_func ("/gen3/pokemon/t30-across-a-section-boundary",
                     test_pokemon_across_a_section_boundary);
  g_test_add_func ("/gen3/pokemon/t31-party-checks", test_party_checks);
  g_test_add_func ("/gen3/pokemon/bad-egg-is-an-error", test_bad_egg_is_an_error);
  g_test_add_func ("/gen3/pokemon/field-checks", test_field_checks);
  g_test_add_func ("/gen3/pokemon/many-bad-pokemon-are-summarised",
                     test_many_bad_pokemon_are_summarised);

  return g_test_run ();
}
