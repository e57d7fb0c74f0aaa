/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gen3.c — Gen III flash saves: checksum, sizes, the game's slot choice,
 * the game-like write and the round trip (spec gen3.md §1, §7, §8 T1–T16,
 * T32, T33) */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

#define RS   KS_GEN3_GAME_RS
#define E    KS_GEN3_GAME_EMERALD
#define FRLG KS_GEN3_GAME_FRLG

/* SaveBlock2 0x12, play-time frames: a harmless byte that tells the two
 * slots' data apart. */
#define MARKER 0x12

static guint8 *
marked_blocks (KsGen3Game game,
               guint8     marker)
{
  guint8 *blocks = gen3_blocks_new (game, 0x12345678);

  blocks[MARKER] = marker;
  return blocks;
}

/* Slot A from blocks marked 1, slot B from blocks marked 2. */
static guint8 *
two_slot_flash (KsGen3Game game,
                gint64     a,
                gint64     b)
{
  g_autofree guint8 *blocks_a = marked_blocks (game, 1);
  g_autofree guint8 *blocks_b = marked_blocks (game, 2);
  guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);

  if (a >= 0)
    gen3_write_slot (flash, 0, game, blocks_a, (guint32) a, 0);
  if (b >= 0)
    gen3_write_slot (flash, 1, game, blocks_b, (guint32) b, 1);
  return flash;
}

static KsContainer *
open_flash (const guint8 *flash,
            gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (flash, size);

  return gen3_open (bytes);
}

static guint8
loaded_marker (KsGen3Save *save)
{
  return ks_gen3_get_block (save, KS_GEN3_BLOCK_SB2, NULL)[MARKER];
}

static void
assert_blocks_equal (KsGen3Save   *save,
                     const guint8 *blocks)
{
  KsGen3Game game = ks_gen3_get_game (save);
  const guint8 *sb2 = ks_gen3_get_block (save, KS_GEN3_BLOCK_SB2, NULL);

  /* the three blocks are contiguous section buffers, as in @blocks */
  for (guint id = 0; id < 14; id++)
    g_assert_cmpmem (sb2 + id * GEN3_SECTOR_DATA, ks_gen3_section_size (game, id),
                     blocks + id * GEN3_SECTOR_DATA, ks_gen3_section_size (game, id));
}

static void
assert_round_trip (KsContainer *container)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = ks_container_get_format (container)->serialize (
    ks_container_get_impl (container), &error);

  g_assert_no_error (error);
  ks_test_assert_bytes_equal (output, ks_container_get_original (container));
}

/* T1 */
static void
test_checksum_words (void)
{
  g_autoptr(GBytes) one = ks_test_bytes_from_hex ("01 00 01 00");
  g_autoptr(GBytes) carry = ks_test_bytes_from_hex ("01 00 FF FF");
  g_autoptr(GBytes) two = ks_test_bytes_from_hex ("FF FF FF FF FF FF FF FF");
  g_autoptr(GBytes) zero = ks_test_bytes_from_hex ("00 00 00 00 00 00 00 00");

  g_assert_cmphex (ks_gen3_checksum (g_bytes_get_data (one, NULL), 4), ==, 0x0002);
  /* 0xFFFF0001: 0xFFFF + 0x0001 = 0x10000, the carry out of bit 15 is dropped */
  g_assert_cmphex (ks_gen3_checksum (g_bytes_get_data (carry, NULL), 4), ==, 0x0000);
  /* accumulator 0xFFFFFFFE → 0xFFFF + 0xFFFE = 0x1FFFD → 0xFFFD */
  g_assert_cmphex (ks_gen3_checksum (g_bytes_get_data (two, NULL), 8), ==, 0xFFFD);
  g_assert_cmphex (ks_gen3_checksum (g_bytes_get_data (zero, NULL), 8), ==, 0x0000);
}

/* T2: byte k = k mod 256, over each length the games use */
static void
test_checksum_game_lengths (void)
{
  static const struct { gsize size; guint16 expected; } vectors[] = {
    { 3884, 0xA02D }, { 3876, 0xFF90 }, { 2192, 0x5101 }, { 3968, 0xCA26 },
    { 2000, 0x274C }, { 3848, 0xCA6A }, { 3816, 0x3EF4 }, { 3136, 0xFF60 },
  };
  guint8 data[3968];

  for (guint k = 0; k < sizeof data; k++)
    data[k] = k % 256;

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    g_assert_cmphex (ks_gen3_checksum (data, vectors[i].size), ==, vectors[i].expected);
}

/* §1.4 */
static void
test_section_sizes (void)
{
  g_assert_cmpuint (ks_gen3_section_size (RS, 0), ==, 2192);
  g_assert_cmpuint (ks_gen3_section_size (FRLG, 0), ==, 3876);
  g_assert_cmpuint (ks_gen3_section_size (E, 0), ==, 3884);
  g_assert_cmpuint (ks_gen3_section_size (RS, 4), ==, 3136);
  g_assert_cmpuint (ks_gen3_section_size (FRLG, 4), ==, 3816);
  g_assert_cmpuint (ks_gen3_section_size (E, 4), ==, 3848);
  g_assert_cmpuint (ks_gen3_section_size (E, 13), ==, 2000);
  g_assert_cmpuint (ks_gen3_block_size (RS, KS_GEN3_BLOCK_SB1), ==, 15040);
  g_assert_cmpuint (ks_gen3_block_size (FRLG, KS_GEN3_BLOCK_SB1), ==, 15720);
  g_assert_cmpuint (ks_gen3_block_size (E, KS_GEN3_BLOCK_SB1), ==, 15752);
  g_assert_cmpuint (ks_gen3_block_size (E, KS_GEN3_BLOCK_PC), ==, 33744);
}

/* T3 */
static void
test_erased_flash_is_empty (void)
{
  for (guint fill = 0; fill < 2; fill++)
    {
      g_autofree guint8 *flash = g_malloc (GEN3_FLASH_SIZE);
      g_autoptr(KsContainer) container = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(KsGen3Trainer) trainer = { 0 };
      KsGen3Save *save;

      memset (flash, fill == 0 ? 0xFF : 0x00, GEN3_FLASH_SIZE);
      container = open_flash (flash, GEN3_FLASH_SIZE);
      save = gen3_save (container);

      g_assert_cmpint (ks_gen3_get_slot_status (save, 0), ==, KS_GEN3_SLOT_EMPTY);
      g_assert_cmpint (ks_gen3_get_slot_status (save, 1), ==, KS_GEN3_SLOT_EMPTY);
      g_assert_cmpint (ks_gen3_get_boot_status (save), ==, KS_GEN3_BOOT_EMPTY);
      g_assert_cmpint (ks_gen3_get_active_slot (save), ==, -1);
      g_assert_false (ks_gen3_has_game_data (save));

      findings = ks_container_verify (container);
      g_assert_false (ks_findings_has_errors (findings));
      gen3_assert_finding (findings, KS_SEVERITY_INFO, "gen3-boot-empty");

      g_assert_false (ks_gen3_get_trainer (save, &trainer, &error));
      g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND);
      assert_round_trip (container);
    }
}

/* T4 */
static void
test_first_save_lands_in_slot_b (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autoptr(GBytes) bytes = gen3_build (E, blocks, -1, 1);
  g_autoptr(KsContainer) container = gen3_open (bytes);
  g_autoptr(GPtrArray) findings = NULL;
  KsGen3Save *save = gen3_save (container);

  g_assert_cmpint (gen3_find_section (g_bytes_get_data (bytes, NULL), 1, 13), ==, 14);
  g_assert_cmpint (gen3_find_section (g_bytes_get_data (bytes, NULL), 1, 0), ==, 15);

  g_assert_cmpint (ks_gen3_get_slot_status (save, 0), ==, KS_GEN3_SLOT_EMPTY);
  g_assert_cmpint (ks_gen3_get_slot_status (save, 1), ==, KS_GEN3_SLOT_OK);
  g_assert_cmpint (ks_gen3_get_boot_status (save), ==, KS_GEN3_BOOT_OK);
  g_assert_cmpint (ks_gen3_get_active_slot (save), ==, 1);
  g_assert_cmpuint (ks_gen3_get_save_counter (save), ==, 1);
  assert_blocks_equal (save, blocks);

  findings = ks_container_verify (container);
  g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_WARNING), ==, 0);
  gen3_assert_finding (findings, KS_SEVERITY_INFO, "gen3-boot-ok");
  gen3_assert_finding (findings, KS_SEVERITY_INFO, "gen3-backup-slot");
}

/* The same first save built by core for the demo. */
static void
test_new_save_is_clean_for_every_game (void)
{
  for (KsGen3Game game = 0; game < KS_GEN3_N_GAMES; game++)
    {
      g_auto(KsGen3Trainer) trainer = { 0 };
      g_auto(KsGen3Trainer) read = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(KsContainer) container = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      KsGen3Save *save;

      gen3_test_trainer (&trainer);
      bytes = ks_gen3_build_new_save (game, &trainer, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, GEN3_FLASH_SIZE);

      /* detected without --format: a signed sector is the magic */
      container = ks_container_new_from_bytes (bytes, "new.sav", NULL, &error);
      g_assert_no_error (error);
      save = gen3_save (container);
      g_assert_cmpint (ks_gen3_get_game (save), ==, game);
      g_assert_cmpint (ks_gen3_get_active_slot (save), ==, 1);
      g_assert_cmpuint (ks_gen3_get_save_counter (save), ==, 1);

      findings = ks_container_verify (container);
      g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_ERROR), ==, 0);
      g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_WARNING), ==, 0);

      g_assert_true (ks_gen3_get_trainer (save, &read, &error));
      g_assert_cmpstr (read.name, ==, "ASH");
      g_assert_cmpuint (read.money, ==, 3000);
      g_assert_cmpuint (read.coins, ==, 50);
      g_assert_true (read.badges[1]);
      g_assert_false (read.badges[2]);
    }
}

/* T5 */
static void
test_larger_counter_wins (void)
{
  g_autofree guint8 *first = two_slot_flash (RS, 2, 3);
  g_autofree guint8 *second = two_slot_flash (RS, 4, 3);
  g_autoptr(KsContainer) a = open_flash (first, GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) b = open_flash (second, GEN3_FLASH_SIZE);

  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (a)), ==, 1);
  g_assert_cmpuint (loaded_marker (gen3_save (a)), ==, 2);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (b)), ==, 0);
  g_assert_cmpuint (loaded_marker (gen3_save (b)), ==, 1);
  g_assert_cmpuint (ks_gen3_get_save_counter (gen3_save (b)), ==, 4);
}

/* T6 */
static void
test_counter_wrap (void)
{
  g_autofree guint8 *wrap = two_slot_flash (RS, 0, G_MAXUINT32);
  g_autofree guint8 *plain = two_slot_flash (RS, G_MAXUINT32 - 1, G_MAXUINT32);
  g_autoptr(KsContainer) a = open_flash (wrap, GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) b = open_flash (plain, GEN3_FLASH_SIZE);
  g_autoptr(GPtrArray) findings_a = ks_container_verify (a);
  g_autoptr(GPtrArray) findings_b = ks_container_verify (b);

  /* {0xFFFFFFFF, 0}: 0 is the newer save */
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (a)), ==, 0);
  g_assert_cmpuint (ks_gen3_get_save_counter (gen3_save (a)), ==, 0);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (b)), ==, 1);
  g_assert_cmpuint (ks_gen3_get_save_counter (gen3_save (b)), ==, G_MAXUINT32);
  g_assert_false (gen3_has_finding (findings_a, "gen3-slot-parity"));
  g_assert_false (gen3_has_finding (findings_b, "gen3-slot-parity"));
  g_assert_false (ks_findings_has_errors (findings_a));
}

/* T7 */
static void
test_parity_violation_loads_other_slot (void)
{
  g_autofree guint8 *flash = two_slot_flash (RS, 5, 2);
  g_autoptr(KsContainer) container = open_flash (flash, GEN3_FLASH_SIZE);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  KsGen3Save *save = gen3_save (container);

  g_assert_cmpint (ks_gen3_get_boot_status (save), ==, KS_GEN3_BOOT_OK);
  g_assert_cmpuint (ks_gen3_get_save_counter (save), ==, 5);
  /* counter 5 is odd: the game copies slot B, though A holds counter 5 */
  g_assert_cmpint (ks_gen3_get_active_slot (save), ==, 1);
  g_assert_cmpuint (loaded_marker (save), ==, 2);
  gen3_assert_finding (findings, KS_SEVERITY_ERROR, "gen3-slot-parity");
}

/* T8, T9 */
static void
test_damaged_newest_slot_falls_back (gconstpointer data)
{
  gboolean signature = GPOINTER_TO_INT (data);
  g_autofree guint8 *flash = two_slot_flash (RS, 2, 3);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  KsGen3Save *save;

  if (signature)
    flash[gen3_find_section (flash, 1, 3) * GEN3_SECTOR_SIZE + 0xFF8] ^= 0x01;
  else
    flash[gen3_find_section (flash, 1, 7) * GEN3_SECTOR_SIZE + 0x100] ^= 0x5A;

  container = open_flash (flash, GEN3_FLASH_SIZE);
  save = gen3_save (container);
  findings = ks_container_verify (container);

  g_assert_cmpint (ks_gen3_get_slot_status (save, 0), ==, KS_GEN3_SLOT_OK);
  g_assert_cmpint (ks_gen3_get_slot_status (save, 1), ==, KS_GEN3_SLOT_ERROR);
  g_assert_cmpint (ks_gen3_get_boot_status (save), ==, KS_GEN3_BOOT_PREVIOUS_LOADED);
  g_assert_cmpint (ks_gen3_get_active_slot (save), ==, 0);
  g_assert_cmpuint (loaded_marker (save), ==, 1);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-boot-previous-loaded");
  gen3_assert_finding (findings, KS_SEVERITY_ERROR, "gen3-slot-incomplete");
  gen3_assert_finding (findings, KS_SEVERITY_ERROR,
                       signature ? "gen3-sector-unsigned" : "gen3-sector-checksum");
}

/* T10 */
static void
test_both_slots_damaged_is_deleted (void)
{
  g_autofree guint8 *flash = two_slot_flash (RS, 2, 3);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  flash[gen3_find_section (flash, 0, 2) * GEN3_SECTOR_SIZE + 0x10] ^= 0xFF;
  flash[gen3_find_section (flash, 1, 9) * GEN3_SECTOR_SIZE + 0x10] ^= 0xFF;
  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);

  g_assert_cmpint (ks_gen3_get_boot_status (gen3_save (container)), ==, KS_GEN3_BOOT_DELETED);
  gen3_assert_finding (findings, KS_SEVERITY_ERROR, "gen3-boot-deleted");
}

/* T11 */
static void
test_bad_section_ids (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  static const guint duplicate[14] = { 0, 1, 2, 3, 4, 5, 5, 7, 8, 9, 10, 11, 12, 13 };
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const KsFinding *incomplete;
  guint8 *sector;

  gen3_write_slot (flash, 0, RS, blocks, 2, 0);
  gen3_write_slot_order (flash, 1, RS, blocks, 3, duplicate);
  /* slot A, physical 3: section id 14, even with a checksum that matches */
  sector = flash + 3 * GEN3_SECTOR_SIZE;
  sector[0xFF4] = 14;

  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);

  gen3_assert_finding (findings, KS_SEVERITY_ERROR, "gen3-sector-id");
  g_assert_cmpint (ks_gen3_get_slot_status (gen3_save (container), 0), ==, KS_GEN3_SLOT_ERROR);
  g_assert_cmpint (ks_gen3_get_slot_status (gen3_save (container), 1), ==, KS_GEN3_SLOT_ERROR);
  g_assert_cmpint (ks_gen3_get_boot_status (gen3_save (container)), ==, KS_GEN3_BOOT_DELETED);
  incomplete = ks_findings_find (findings, "gen3-slot-incomplete");
  g_assert_nonnull (incomplete);
}

/* T11, second half, on its own: the duplicate leaves section 6 missing. */
static void
test_duplicate_section_leaves_one_missing (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  static const guint duplicate[14] = { 0, 1, 2, 3, 4, 5, 5, 7, 8, 9, 10, 11, 12, 13 };
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const KsFinding *incomplete;

  gen3_write_slot_order (flash, 0, RS, blocks, 2, duplicate);
  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);

  g_assert_cmpint (ks_gen3_get_slot_status (gen3_save (container), 0), ==, KS_GEN3_SLOT_ERROR);
  incomplete = ks_findings_find (findings, "gen3-slot-incomplete");
  g_assert_nonnull (incomplete);
  g_assert_nonnull (strstr (incomplete->message, "section 6"));
}

/* T12 */
static void
test_tail_past_game_length_is_a_warning (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint8 *sector;

  gen3_write_slot (flash, 1, E, blocks, 1, 1);
  sector = flash + gen3_find_section (flash, 1, 0) * GEN3_SECTOR_SIZE;
  sector[0xF30] = 0x77;
  gen3_fix_checksum (flash, gen3_find_section (flash, 1, 0), E);
  /* a PKHeX-style checksum over all 3968 bytes sees the byte */
  g_assert_cmphex (ks_gen3_checksum (sector, 0xF80), !=, sector[0xFF6] | sector[0xFF7] << 8);

  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);
  g_assert_cmpint (ks_gen3_get_game (gen3_save (container)), ==, E);
  g_assert_cmpint (ks_gen3_get_slot_status (gen3_save (container), 1), ==, KS_GEN3_SLOT_OK);
  g_assert_false (ks_findings_has_errors (findings));
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-sector-tail");
}

/* Check 8 */
static void
test_footer_padding_is_a_warning (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  gen3_write_slot (flash, 1, RS, blocks, 1, 1);
  flash[15 * GEN3_SECTOR_SIZE + 0xFA0] = 1;
  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);
  g_assert_false (ks_findings_has_errors (findings));
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-sector-padding");
}

/* T13 */
static void
test_mixed_counters (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  gen3_write_slot (flash, 0, RS, blocks, 4, 0);
  for (guint id = 0; id <= 4; id++)
    gen3_write_sector (flash + id * GEN3_SECTOR_SIZE, RS, blocks, id, 6);

  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-slot-mixed-counters");
  /* the counter of the last valid sector in physical order (13, counter 4) */
  g_assert_cmpuint (ks_gen3_get_slot_counter (gen3_save (container), 0), ==, 4);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (container)), ==, 0);
}

/* T14 */
static void
test_permuted_sections_load_by_id (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (FRLG, 0xA1B2C3D4);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  static const guint order[14] = { 3, 0, 13, 7, 1, 2, 12, 4, 11, 5, 10, 6, 9, 8 };
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  gen3_write_slot_order (flash, 0, FRLG, blocks, 2, order);
  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);

  g_assert_cmpint (ks_gen3_get_boot_status (gen3_save (container)), ==, KS_GEN3_BOOT_OK);
  g_assert_false (ks_findings_has_errors (findings));
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-slot-order");
  assert_blocks_equal (gen3_save (container), blocks);
}

/* T15 */
static void
test_half_size_and_footers_parse (void)
{
  static const gsize footers[] = { 16, 7, 12, 48, 512 };
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE + 512);

  gen3_write_slot (flash, 0, E, blocks, 2, 0);
  gen3_write_slot (flash, 1, E, blocks, 1, 1);

  for (guint i = 0; i < G_N_ELEMENTS (footers); i++)
    {
      g_autoptr(KsContainer) container = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GBytes) output = NULL;
      g_autoptr(GError) error = NULL;
      gsize size = GEN3_FLASH_SIZE + footers[i];

      /* the mGBA footer: 00…40…00; others: a counting pattern */
      for (gsize k = 0; k < footers[i]; k++)
        flash[GEN3_FLASH_SIZE + k] = footers[i] == 16 ? (k == 8 ? 0x40 : 0x00)
                                                      : (guint8) (k * 7 + 1);

      container = open_flash (flash, size);
      g_assert_cmpuint (ks_gen3_get_footer_length (gen3_save (container)), ==, footers[i]);
      g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (container)), ==, 0);
      findings = ks_container_verify (container);
      gen3_assert_finding (findings, KS_SEVERITY_INFO, "gen3-footer");
      assert_round_trip (container);

      g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "money", "12345", FALSE,
                                                &error));
      g_assert_no_error (error);
      ks_container_mark_modified (container);
      output = ks_container_build_verified (container, FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (output), ==, size);
      g_assert_cmpmem ((const guint8 *) g_bytes_get_data (output, NULL) + GEN3_FLASH_SIZE,
                       footers[i], flash + GEN3_FLASH_SIZE, footers[i]);
    }
}

static void
test_half_size_is_rewritten_in_place (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_HALF_SIZE);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(KsContainer) reread = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsGen3Trainer) trainer = { 0 };
  const guint8 *out;

  gen3_write_slot (flash, 0, RS, blocks, 6, 4);
  /* sectors 14 and 15, all that would fit of slot B, are kept as they are */
  memset (flash + 14 * GEN3_SECTOR_SIZE, 0x3C, 2 * GEN3_SECTOR_SIZE);
  container = open_flash (flash, GEN3_HALF_SIZE);

  g_assert_true (ks_gen3_is_half_size (gen3_save (container)));
  g_assert_cmpint (ks_gen3_get_slot_status (gen3_save (container), 1), ==, KS_GEN3_SLOT_ABSENT);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (container)), ==, 0);
  findings = ks_container_verify (container);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-half-size");
  g_assert_false (ks_findings_has_errors (findings));
  assert_round_trip (container);

  g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "coins", "777", FALSE, &error));
  output = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  out = g_bytes_get_data (output, NULL);
  /* same counter, same rotation: section 0 still at physical 4 */
  g_assert_cmpint (gen3_find_section (out, 0, 0), ==, 4);
  g_assert_cmpuint (out[4 * GEN3_SECTOR_SIZE + 0xFFC], ==, 6);
  g_assert_cmpmem (out + 14 * GEN3_SECTOR_SIZE, 2 * GEN3_SECTOR_SIZE,
                   flash + 14 * GEN3_SECTOR_SIZE, 2 * GEN3_SECTOR_SIZE);

  reread = gen3_open (output);
  g_assert_true (ks_gen3_get_trainer (gen3_save (reread), &trainer, &error));
  g_assert_cmpuint (trainer.coins, ==, 777);
}

/* T16 and other sizes no Gen III save has */
static void
test_unsupported_sizes_are_refused (void)
{
  static const gsize sizes[] = {
    0x20005, 0x20000 + 6, 0x20000 + 50, 0x22000, 0x1F000, 0x10010, 4096, 0,
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree guint8 *flash = gen3_flash_new (MAX (sizes[i], (gsize) 1));
      g_autoptr(GBytes) bytes = g_bytes_new (flash, sizes[i]);
      g_autoptr(GError) error = NULL;
      KsContainer *container = ks_container_new_from_bytes (bytes, "bad.sav", "gen3", &error);

      g_assert_null (container);
      g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "131,072"));
    }

  {
    g_autofree guint8 *flash = gen3_flash_new (0x20005);
    g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    KsContainer *container;

    /* detected as Gen III by its signatures, then refused with the sizes */
    gen3_write_slot (flash, 1, RS, blocks, 1, 1);
    bytes = g_bytes_new (flash, 0x20005);
    container = ks_container_new_from_bytes (bytes, "bad.sav", NULL, &error);
    g_assert_null (container);
    g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "131,077"));
  }
}

/* Random bytes at every accepted size, and damaged copies of a real layout:
 * findings, never a crash. */
static void
test_garbage_never_crashes (void)
{
  static const gsize sizes[] = { GEN3_FLASH_SIZE, GEN3_HALF_SIZE, GEN3_FLASH_SIZE + 16 };
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);

  for (guint seed = 1; seed <= 8; seed++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autoptr(GBytes) random = ks_test_random_bytes (sizes[i], seed * 31 + i);
        g_autofree guint8 *flash = g_memdup2 (g_bytes_get_data (random, NULL), sizes[i]);
        g_autoptr(KsContainer) container = NULL;
        g_autoptr(GPtrArray) findings = NULL;
        g_autoptr(GVariant) summary = NULL;

        /* half the runs keep a valid-looking slot with garbage inside */
        if (seed % 2 == 0)
          {
            gen3_write_slot (flash, 0, E, blocks, seed, seed % 14);
            for (guint k = 0; k < 64; k++)
              flash[(k * 2654435761u + seed) % (14 * GEN3_SECTOR_SIZE)] ^= (guint8) (k + 1);
          }

        container = open_flash (flash, sizes[i]);
        findings = ks_container_verify (container);
        summary = g_variant_ref_sink (ks_container_describe (container));
        g_assert_nonnull (summary);
        assert_round_trip (container);
      }
}

/* Check 14: PKHeX looks at ids only and would take slot B. */
static void
test_pkhex_disagreement_is_reported (void)
{
  g_autofree guint8 *flash = two_slot_flash (RS, 2, 3);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  flash[gen3_find_section (flash, 1, 5) * GEN3_SECTOR_SIZE + 0x20] ^= 0x01;
  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (container)), ==, 0);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-pkhex-slot");
}

/* Checks 19–20: the Hall of Fame has its own rule, sectors 30/31 another. */
static void
test_extra_sectors (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint8 *hof = flash + 28 * GEN3_SECTOR_SIZE;
  guint8 *battle = flash + 31 * GEN3_SECTOR_SIZE;

  gen3_write_slot (flash, 1, E, blocks, 1, 1);
  memset (hof, 0, 2 * GEN3_SECTOR_SIZE);
  for (guint i = 0; i < 2; i++)
    {
      guint8 *sector = hof + i * GEN3_SECTOR_SIZE;
      guint16 sum;

      sector[0] = (guint8) (0x11 + i);
      sum = ks_gen3_checksum (sector, GEN3_SECTOR_DATA);
      sector[0xFF4] = sum & 0xFF;
      sector[0xFF5] = sum >> 8;
      sector[0xFF8] = 0x25;
      sector[0xFF9] = 0x20;
      sector[0xFFA] = 0x01;
      sector[0xFFB] = 0x08;
    }
  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);
  g_assert_false (gen3_has_finding (findings, "gen3-hof-corrupt"));
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&container, ks_container_unref);

  /* damage the second Hall of Fame sector, and give sector 31 a sentinel
   * with a wrong byte sum */
  hof[GEN3_SECTOR_SIZE + 100] ^= 0xFF;
  memset (battle, 0, GEN3_SECTOR_SIZE);
  battle[0] = 0x9D;
  battle[1] = 0xB3;
  battle[4 + 1260] = 0x01;   /* battleFlags */
  container = open_flash (flash, GEN3_FLASH_SIZE);
  findings = ks_container_verify (container);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-hof-corrupt");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-hof-inconsistent");
  gen3_assert_finding (findings, KS_SEVERITY_INFO, "gen3-recorded-battle-invalid");
  g_assert_false (ks_findings_has_errors (findings));
}

/* T32 */
static void
test_round_trip_is_byte_identical (void)
{
  static const gint64 counters[][2] = {
    { -1, 1 }, { 2, 3 }, { 4, 3 }, { 0, G_MAXUINT32 }, { 5, 2 }, { -1, -1 },
  };

  for (KsGen3Game game = 0; game < KS_GEN3_N_GAMES; game++)
    for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
      {
        g_autofree guint8 *flash = two_slot_flash (game, counters[i][0], counters[i][1]);
        g_autoptr(KsContainer) container = NULL;

        /* sectors 28–31 with content of their own */
        for (guint k = 0; k < 4 * GEN3_SECTOR_SIZE; k++)
          flash[28 * GEN3_SECTOR_SIZE + k] = (guint8) (k * 13);
        container = open_flash (flash, GEN3_FLASH_SIZE);
        assert_round_trip (container);
      }
}

/* T33, the game-like way (§1.10 option 2) */
static void
test_edit_goes_into_the_other_slot (void)
{
  g_autofree guint8 *flash = two_slot_flash (E, 2, 3);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(KsContainer) reread = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsGen3Trainer) trainer = { 0 };
  const guint8 *out;
  gint old0, new0;

  for (guint k = 0; k < 4 * GEN3_SECTOR_SIZE; k++)
    flash[28 * GEN3_SECTOR_SIZE + k] = (guint8) (k * 13);
  container = open_flash (flash, GEN3_FLASH_SIZE);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (container)), ==, 1);

  g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "money", "123456", FALSE,
                                            &error));
  g_assert_no_error (error);
  ks_container_mark_modified (container);
  output = ks_container_build_verified (container, FALSE, &findings, &error);
  g_assert_no_error (error);
  g_assert_false (ks_findings_has_errors (findings));
  out = g_bytes_get_data (output, NULL);

  /* slot B, the one loaded, and sectors 28–31 are untouched */
  g_assert_cmpmem (out + 14 * GEN3_SECTOR_SIZE, 14 * GEN3_SECTOR_SIZE,
                   flash + 14 * GEN3_SECTOR_SIZE, 14 * GEN3_SECTOR_SIZE);
  g_assert_cmpmem (out + 28 * GEN3_SECTOR_SIZE, 4 * GEN3_SECTOR_SIZE,
                   flash + 28 * GEN3_SECTOR_SIZE, 4 * GEN3_SECTOR_SIZE);

  /* slot A: counter 4, section 0 one sector further on than in B */
  old0 = gen3_find_section (flash, 1, 0) - 14;
  new0 = gen3_find_section (out, 0, 0);
  g_assert_cmpint (new0, ==, (old0 + 1) % 14);
  for (guint id = 0; id < 14; id++)
    {
      const guint8 *a = out + gen3_find_section (out, 0, id) * GEN3_SECTOR_SIZE;
      const guint8 *b = flash + gen3_find_section (flash, 1, id) * GEN3_SECTOR_SIZE;

      g_assert_cmpuint (a[0xFFC], ==, 4);
      /* only section 1, where money lives, differs from the loaded slot */
      if (id != 1)
        {
          g_assert_cmpmem (a, GEN3_SECTOR_DATA, b, GEN3_SECTOR_DATA);
          g_assert_cmpmem (a + 0xFF6, 2, b + 0xFF6, 2);
        }
    }
  g_assert_true (memcmp (out + gen3_find_section (out, 0, 1) * GEN3_SECTOR_SIZE + 0xFF6,
                         flash + gen3_find_section (flash, 1, 1) * GEN3_SECTOR_SIZE + 0xFF6,
                         2) != 0);

  reread = gen3_open (output);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (reread)), ==, 0);
  g_assert_cmpuint (ks_gen3_get_save_counter (gen3_save (reread)), ==, 4);
  g_assert_cmpint (ks_gen3_get_slot_status (gen3_save (reread), 1), ==, KS_GEN3_SLOT_OK);
  g_assert_true (ks_gen3_get_trainer (gen3_save (reread), &trainer, &error));
  g_assert_cmpuint (trainer.money, ==, 123456);
}

/* The wrap-around on write: 0xFFFFFFFF in B, the edit goes to A as 0. */
static void
test_edit_wraps_the_counter (void)
{
  g_autofree guint8 *flash = two_slot_flash (RS, G_MAXUINT32 - 1, G_MAXUINT32);
  g_autoptr(KsContainer) container = open_flash (flash, GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) reread = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "hours", "100", FALSE, &error));
  output = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  reread = gen3_open (output);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (reread)), ==, 0);
  g_assert_cmpuint (ks_gen3_get_save_counter (gen3_save (reread)), ==, 0);
}

/* §7 write gate: errors in the slot being edited refuse the edit. */
static void
test_edit_refused_while_loaded_slot_has_errors (void)
{
  g_autofree guint8 *flash = two_slot_flash (RS, 5, 2);
  g_autoptr(KsContainer) container = open_flash (flash, GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) reread = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsGen3Trainer) before = { 0 };
  g_auto(KsGen3Trainer) after = { 0 };
  KsGen3Save *save = gen3_save (container);

  g_assert_true (ks_gen3_get_trainer (save, &before, NULL));
  g_assert_false (ks_gen3_check_writable (save, NULL));
  g_assert_false (ks_gen3_set_trainer_field (save, "money", "4000", FALSE, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "odd"));
  g_clear_error (&error);
  /* nothing changed, and serialising gives the original back */
  g_assert_true (ks_gen3_get_trainer (save, &after, NULL));
  g_assert_cmpuint (after.money, ==, before.money);
  assert_round_trip (container);

  /* forced: written as the game would (counter 6 into slot A), and the
   * gate accepts the parity error that was already there */
  g_assert_true (ks_gen3_set_trainer_field (save, "money", "4000", TRUE, &error));
  g_assert_no_error (error);
  ks_container_mark_modified (container);
  output = ks_container_build_verified (container, TRUE, NULL, &error);
  g_assert_no_error (error);
  reread = gen3_open (output);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (reread)), ==, 0);
  g_assert_cmpuint (ks_gen3_get_save_counter (gen3_save (reread)), ==, 6);
  g_clear_pointer (&after.name, g_free);
  g_assert_true (ks_gen3_get_trainer (gen3_save (reread), &after, NULL));
  g_assert_cmpuint (after.money, ==, 4000);
}

/* The damaged slot is the one being replaced, not the one edited. */
static void
test_damage_in_the_backup_slot_does_not_block (void)
{
  g_autofree guint8 *flash = two_slot_flash (RS, 2, 3);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(KsContainer) reread = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;

  flash[gen3_find_section (flash, 1, 7) * GEN3_SECTOR_SIZE + 0x100] ^= 0x5A;
  container = open_flash (flash, GEN3_FLASH_SIZE);
  g_assert_true (ks_gen3_check_writable (gen3_save (container), &error));
  g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "name", "MAY", FALSE, &error));
  g_assert_no_error (error);
  output = ks_container_build_verified (container, FALSE, &findings, &error);
  g_assert_no_error (error);
  g_assert_false (ks_findings_has_errors (findings));

  reread = gen3_open (output);
  g_assert_cmpint (ks_gen3_get_boot_status (gen3_save (reread)), ==, KS_GEN3_BOOT_OK);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (reread)), ==, 1);
  g_assert_cmpuint (ks_gen3_get_save_counter (gen3_save (reread)), ==, 3);
}

static void
test_describe_keys (void)
{
  g_autofree guint8 *flash = two_slot_flash (E, 2, 3);
  g_autoptr(KsContainer) container = open_flash (flash, GEN3_FLASH_SIZE);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  g_autoptr(GVariantDict) dict = g_variant_dict_new (summary);
  const char *text;
  guint64 number;

  g_assert_true (g_variant_dict_lookup (dict, "format", "&s", &text));
  g_assert_cmpstr (text, ==, "gen3");
  g_assert_true (g_variant_dict_lookup (dict, "platform", "&s", &text));
  g_assert_cmpstr (text, ==, "GBA");
  g_assert_true (g_variant_dict_lookup (dict, "game", "&s", &text));
  g_assert_cmpstr (text, ==, "emerald");
  g_assert_true (g_variant_dict_lookup (dict, "game_detection", "&s", &text));
  g_assert_nonnull (strstr (text, "Emerald"));
  g_assert_true (g_variant_dict_lookup (dict, "active_slot", "&s", &text));
  g_assert_cmpstr (text, ==, "B");
  g_assert_true (g_variant_dict_lookup (dict, "boot_status", "&s", &text));
  g_assert_cmpstr (text, ==, "ok");
  g_assert_true (g_variant_dict_lookup (dict, "save_counter", "t", &number));
  g_assert_cmpuint (number, ==, 3);
  g_assert_true (g_variant_dict_lookup (dict, "footer_length", "t", &number));
  g_assert_cmpuint (number, ==, 0);
  g_assert_true (g_variant_dict_lookup (dict, "trainer_name", "&s", &text));
  g_assert_cmpstr (text, ==, "ASH");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gen3/checksum/t1-words-and-dropped-carry", test_checksum_words);
  g_test_add_func ("/gen3/checksum/t2-game-lengths", test_checksum_game_lengths);
  g_test_add_func ("/gen3/checksum/section-sizes", test_section_sizes);
  g_test_add_func ("/gen3/file/t3-erased-flash-is-empty", test_erased_flash_is_empty);
  g_test_add_func ("/gen3/slot/t4-first-save-lands-in-slot-b", test_first_save_lands_in_slot_b);
  g_test_add_func ("/gen3/new-save/clean-for-every-game", test_new_save_is_clean_for_every_game);
  g_test_add_func ("/gen3/slot/t5-larger-counter-wins", test_larger_counter_wins);
  g_test_add_func ("/gen3/slot/t6-counter-wrap", test_counter_wrap);
  g_test_add_func ("/gen3/slot/t7-parity-violation-loads-other-slot",
                   test_parity_violation_loads_other_slot);
  g_test_add_data_func ("/gen3/slot/t8-bad-checksum-loads-previous", GINT_TO_POINTER (FALSE),
                        test_damaged_newest_slot_falls_back);
  g_test_add_data_func ("/gen3/slot/t9-missing-signature-loads-previous", GINT_TO_POINTER (TRUE),
                        test_damaged_newest_slot_falls_back);
  g_test_add_func ("/gen3/slot/t10-both-damaged-is-deleted", test_both_slots_damaged_is_deleted);
  g_test_add_func ("/gen3/sector/t11-section-id-14", test_bad_section_ids);
  g_test_add_func ("/gen3/sector/t11-duplicate-section-leaves-one-missing",
                   test_duplicate_section_leaves_one_missing);
  g_test_add_func ("/gen3/sector/t12-tail-past-game-length-is-a-warning",
                   test_tail_past_game_length_is_a_warning);
  g_test_add_func ("/gen3/sector/footer-padding-is-a-warning", test_footer_padding_is_a_warning);
  g_test_add_func ("/gen3/slot/t13-mixed-counters", test_mixed_counters);
  g_test_add_func ("/gen3/slot/t14-permuted-sections-load-by-id",
                     test_permuted_sections_load_by_id);
  g_test_add_func ("/gen3/file/t15-footers-parse-and-survive-a-write",
                     test_half_size_and_footers_parse);
  g_test_add_func ("/gen3/file/t15-half-size-is-rewritten-in-place",
                     test_half_size_is_rewritten_in_place);
  g_test_add_func ("/gen3/file/t16-unsupported-sizes-are-refused",
                     test_unsupported_sizes_are_refused);
  g_test_add_func ("/gen3/file/garbage-never-crashes", test_garbage_never_crashes);
  g_test_add_func ("/gen3/slot/pkhex-disagreement-is-reported",
                     test_pkhex_disagreement_is_reported);
  g_test_add_func ("/gen3/extra/hall-of-fame-and-recorded-battle", test_extra_sectors);
  g_test_add_func ("/gen3/write/t32-round-trip-is-byte-identical",
                     test_round_trip_is_byte_identical);
  g_test_add_func ("/gen3/write/t33-edit-goes-into-the-other-slot",
                     test_edit_goes_into_the_other_slot);
  g_test_add_func ("/gen3/write/counter-wraps", test_edit_wraps_the_counter);
  g_test_add_func ("/gen3/write/refused-while-loaded-slot-has-errors",
                   test_edit_refused_while_loaded_slot_has_errors);
  g_test_add_func ("/gen3/write/damage-in-backup-slot-does-not-block",
                   test_damage_in_the_backup_slot_does_not_block);
  g_test_add_func ("/gen3/describe/keys", test_describe_keys);

  return g_test_run ();
}
