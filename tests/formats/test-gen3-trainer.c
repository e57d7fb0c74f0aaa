/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gen3-trainer.c — trainer fields read and written, and the checks on
 * the trainer block (spec gen3.md §3, §7 checks 21–27, §8 T22, T23, T25,
 * T26) */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

#define RS   KS_GEN3_GAME_RS
#define E    KS_GEN3_GAME_EMERALD
#define FRLG KS_GEN3_GAME_FRLG

static KsContainer *
open_blocks (KsGen3Game    game,
             const guint8 *blocks)
{
  g_autoptr(GBytes) bytes = gen3_build (game, blocks, -1, 1);

  return gen3_open (bytes);
}

/* Serialises through the write gate and opens the result. */
static KsContainer *
write_and_reopen (KsContainer *container)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = NULL;

  ks_container_mark_modified (container);
  output = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  return gen3_open (output);
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
  p[2] = (v >> 16) & 0xFF;
  p[3] = v >> 24;
}

/* T22 */
static void
test_money_and_coins_use_the_key (void)
{
  g_autofree guint8 *e_blocks = gen3_blocks_new (E, 0x12345678);
  g_autofree guint8 *rs_blocks = gen3_blocks_new (RS, 0);
  g_autoptr(KsContainer) e = NULL;
  g_autoptr(KsContainer) rs = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_auto(KsGen3Trainer) trainer = { 0 };
  g_auto(KsGen3Trainer) rs_trainer = { 0 };
  g_autoptr(GBytes) money = ks_test_bytes_from_hex ("C0 5D 34 12");
  g_autoptr(GBytes) coins = ks_test_bytes_from_hex ("4A 56");

  /* the builder stored 3000 and 50 with the key: the bytes of the spec */
  g_assert_cmpmem (e_blocks + GEN3_SB1 + 0x490, 4, g_bytes_get_data (money, NULL), 4);
  g_assert_cmpmem (e_blocks + GEN3_SB1 + 0x494, 2, g_bytes_get_data (coins, NULL), 2);
  e = open_blocks (E, e_blocks);
  g_assert_true (ks_gen3_get_trainer (gen3_save (e), &trainer, NULL));
  g_assert_cmpuint (trainer.money, ==, 3000);
  g_assert_cmpuint (trainer.coins, ==, 50);

  /* the same raw values in Ruby/Sapphire, which has no key */
  memcpy (rs_blocks + GEN3_SB1 + 0x490, g_bytes_get_data (money, NULL), 4);
  memcpy (rs_blocks + GEN3_SB1 + 0x494, g_bytes_get_data (coins, NULL), 2);
  rs = open_blocks (RS, rs_blocks);
  g_assert_true (ks_gen3_get_trainer (gen3_save (rs), &rs_trainer, NULL));
  g_assert_cmpuint (rs_trainer.money, ==, 0x12345DC0);
  g_assert_cmpuint (rs_trainer.coins, ==, 22090);
  findings = ks_container_verify (rs);
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-money-limit");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-coins-limit");
}

/* T23 */
static void
test_each_slot_uses_its_own_key (void)
{
  g_autofree guint8 *a = gen3_blocks_new (E, 0x11111111);
  g_autofree guint8 *b = gen3_blocks_new (E, 0x22222222);
  g_autofree guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);
  g_autoptr(KsContainer) both = NULL;
  g_autoptr(KsContainer) only_a = NULL;
  g_autoptr(GBytes) both_bytes = NULL;
  g_autoptr(GBytes) a_bytes = NULL;
  g_auto(KsGen3Trainer) from_b = { 0 };
  g_auto(KsGen3Trainer) from_a = { 0 };
  const guint32 raw = 0x22222222 ^ 1000;

  put32 (a + GEN3_SB1 + 0x490, raw);
  put32 (b + GEN3_SB1 + 0x490, raw);
  gen3_write_slot (flash, 0, E, a, 2, 0);
  gen3_write_slot (flash, 1, E, b, 3, 1);
  both_bytes = g_bytes_new (flash, GEN3_FLASH_SIZE);
  both = gen3_open (both_bytes);
  g_assert_true (ks_gen3_get_trainer (gen3_save (both), &from_b, NULL));
  g_assert_cmpuint (from_b.money, ==, 1000);

  /* slot B damaged: the game loads A, decoded with A's key */
  flash[gen3_find_section (flash, 1, 3) * GEN3_SECTOR_SIZE] ^= 1;
  a_bytes = g_bytes_new (flash, GEN3_FLASH_SIZE);
  only_a = gen3_open (a_bytes);
  g_assert_cmpint (ks_gen3_get_active_slot (gen3_save (only_a)), ==, 0);
  g_assert_true (ks_gen3_get_trainer (gen3_save (only_a), &from_a, NULL));
  g_assert_cmpuint (from_a.money, ==, raw ^ 0x11111111);
  g_assert_cmpuint (from_a.money, !=, from_b.money);
}

/* T25 */
static void
test_dex_copies_must_agree (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autoptr(KsContainer) one = NULL;
  g_autoptr(KsContainer) all = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  const KsFinding *finding;

  /* national #25: byte 3, bit 0 of each array */
  blocks[0x28 + 3] |= 0x01;
  one = open_blocks (E, blocks);
  findings = ks_container_verify (one);
  finding = ks_findings_find (findings, "gen3-dex-mismatch");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "#25"));

  blocks[0x5C + 3] |= 0x01;
  blocks[GEN3_SB1 + 0x988 + 3] |= 0x01;
  blocks[GEN3_SB1 + 0x3B24 + 3] |= 0x01;
  all = open_blocks (E, blocks);
  clean = ks_container_verify (all);
  g_assert_false (gen3_has_finding (clean, "gen3-dex-mismatch"));
}

/* T26 */
static void
test_options_bits (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autoptr(KsContainer) good = NULL;
  g_autoptr(KsContainer) bad = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) bad_findings = NULL;
  KsGen3Options options;

  blocks[0x14] = 0x02;
  blocks[0x15] = 0x03;
  good = open_blocks (RS, blocks);
  g_assert_true (ks_gen3_get_options (gen3_save (good), &options));
  g_assert_cmpuint (options.text_speed, ==, 2);
  g_assert_cmpuint (options.window_frame, ==, 0);
  g_assert_true (options.sound_stereo);
  g_assert_true (options.battle_style_set);
  g_assert_false (options.battle_scene_off);
  findings = ks_container_verify (good);
  g_assert_false (gen3_has_finding (findings, "gen3-options"));

  blocks[0x14] = 0x03 | (20 << 3);   /* text speed 3, window frame 20 */
  bad = open_blocks (RS, blocks);
  bad_findings = ks_container_verify (bad);
  gen3_assert_finding (bad_findings, KS_SEVERITY_WARNING, "gen3-options");
}

/* Check 21 */
static void
test_name_checks (void)
{
  static const struct { const char *hex; const char *code; } names[] = {
    { "BB E7 FE DC FF FF FF FF", "gen3-name-control" },
    { "FF FF FF FF FF FF FF FF", "gen3-name-empty" },
    { "BB BB BB BB BB BB BB BB", "gen3-name-unterminated" },
    { "BB 0A DC FF FF FF FF FF", "gen3-name-glyph" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
      g_autoptr(GBytes) name = ks_test_bytes_from_hex (names[i].hex);
      g_autoptr(KsContainer) container = NULL;
      g_autoptr(GPtrArray) findings = NULL;

      memcpy (blocks, g_bytes_get_data (name, NULL), 8);
      container = open_blocks (RS, blocks);
      findings = ks_container_verify (container);
      gen3_assert_finding (findings, KS_SEVERITY_WARNING, names[i].code);
      g_assert_false (ks_findings_has_errors (findings));
    }
}

/* Checks 22–23, 27 */
static void
test_trainer_block_checks (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (FRLG, 0xA1B2C3D4);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  blocks[0x08] = 2;                            /* gender */
  blocks[0x13] = 3;                            /* button mode */
  blocks[0x10] = 60;                           /* minutes */
  blocks[GEN3_PC + 0] = 14;                    /* current box */
  memset (blocks + GEN3_PC + 0x8344, 0xBB, 9); /* box 1 name without 0xFF */
  blocks[GEN3_PC + 0x83C2 + 3] = 16;           /* FRLG has wallpapers 0–15 */
  container = open_blocks (FRLG, blocks);
  findings = ks_container_verify (container);

  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-gender");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-options");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-play-time");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-box-current");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-box-name");
  gen3_assert_finding (findings, KS_SEVERITY_WARNING, "gen3-box-wallpaper");
  g_assert_false (ks_findings_has_errors (findings));
}

/* Every --set key, through the write gate, in every game. */
static void
test_set_every_field (void)
{
  static const char *const sets[][2] = {
    { "name", "May-2." }, { "gender", "female" }, { "tid", "1" }, { "sid", "65535" },
    { "money", "999999" }, { "coins", "9999" }, { "hours", "999" }, { "minutes", "59" },
    { "seconds", "0" }, { "badge1", "false" }, { "badge3", "true" }, { "badge8", "1" },
  };

  for (KsGen3Game game = 0; game < KS_GEN3_N_GAMES; game++)
    {
      g_autofree guint8 *blocks = gen3_blocks_new (game, 0x0BADCAFE);
      g_autoptr(KsContainer) container = open_blocks (game, blocks);
      g_autoptr(KsContainer) reread = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(KsGen3Trainer) trainer = { 0 };

      for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
        {
          g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), sets[i][0], sets[i][1],
                                                    FALSE, &error));
          g_assert_no_error (error);
        }

      reread = write_and_reopen (container);
      findings = ks_container_verify (reread);
      g_assert_false (ks_findings_has_errors (findings));
      g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_WARNING), ==, 0);
      g_assert_cmpint (ks_gen3_get_game (gen3_save (reread)), ==, game);

      g_assert_true (ks_gen3_get_trainer (gen3_save (reread), &trainer, &error));
      g_assert_cmpstr (trainer.name, ==, "May-2.");
      g_assert_cmpuint (trainer.gender, ==, KS_GEN3_GENDER_FEMALE);
      g_assert_cmpuint (trainer.tid, ==, 1);
      g_assert_cmpuint (trainer.sid, ==, 65535);
      g_assert_cmpuint (trainer.money, ==, 999999);
      g_assert_cmpuint (trainer.coins, ==, 9999);
      g_assert_cmpuint (trainer.hours, ==, 999);
      g_assert_cmpuint (trainer.minutes, ==, 59);
      g_assert_cmpuint (trainer.seconds, ==, 0);
      g_assert_false (trainer.badges[0]);
      g_assert_true (trainer.badges[1]);
      g_assert_true (trainer.badges[2]);
      g_assert_false (trainer.badges[3]);
      g_assert_true (trainer.badges[7]);
    }
}

/* §3.2: badge flags 1 and 8 land on the game's own bits. */
static void
test_badge_flag_offsets (void)
{
  static const struct
  {
    KsGen3Game game;
    guint      byte1;
    guint8     bit1;
    guint      byte8;
    guint8     bit8;
  } games[] = {
    { RS, 0x1220 + 0x100, 0x80, 0x1220 + 0x101, 0x40 },     /* flags 0x807, 0x80E */
    { E, 0x1270 + 0x10C, 0x80, 0x1270 + 0x10D, 0x40 },      /* flags 0x867, 0x86E */
    { FRLG, 0xEE0 + 0x104, 0x01, 0xEE0 + 0x104, 0x80 },     /* flags 0x820, 0x827: section 2 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (games); i++)
    {
      g_autofree guint8 *blocks = gen3_blocks_new (games[i].game, 0x0BADCAFE);
      g_autoptr(KsContainer) container = NULL;
      g_autoptr(GError) error = NULL;
      const guint8 *sb1;
      KsGen3Save *save;

      blocks[GEN3_SB1 + games[i].byte1] = 0;
      blocks[GEN3_SB1 + games[i].byte8] = 0;
      container = open_blocks (games[i].game, blocks);
      save = gen3_save (container);
      g_assert_true (ks_gen3_set_trainer_field (save, "badge1", "true", FALSE, &error));
      g_assert_true (ks_gen3_set_trainer_field (save, "badge8", "true", FALSE, &error));
      g_assert_no_error (error);
      sb1 = ks_gen3_get_block (save, KS_GEN3_BLOCK_SB1, NULL);
      g_assert_cmphex (sb1[games[i].byte1] & games[i].bit1, ==, games[i].bit1);
      g_assert_cmphex (sb1[games[i].byte8] & games[i].bit8, ==, games[i].bit8);
      g_assert_cmphex (sb1[games[i].byte1] | sb1[games[i].byte8], ==,
                       games[i].bit1 | games[i].bit8);
    }
}

static void
test_bad_values_are_refused (void)
{
  static const char *const sets[][3] = {
    { "money", "1000000", "999999" },
    { "coins", "10000", "9999" },
    { "hours", "1000", "999" },
    { "minutes", "60", "59" },
    { "tid", "65536", "65535" },
    { "money", "-1", "999999" },
    { "money", "lots", "999999" },
    { "gender", "other", "male or female" },
    { "badge2", "maybe", "true or false" },
    { "name", "ABCDEFGH", "at most 7" },
    { "name", "", "empty" },
    { "name", "Ash日", "“日”" },
    { "level", "5", "not a trainer field" },
  };
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autoptr(KsContainer) container = open_blocks (E, blocks);

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ks_gen3_set_trainer_field (gen3_save (container), sets[i][0], sets[i][1],
                                                 FALSE, &error));
      g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
      if (strstr (error->message, sets[i][2]) == NULL)
        g_error ("“%s” does not mention “%s”", error->message, sets[i][2]);
    }

  /* nothing was edited, so nothing is written */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) output = ks_container_get_format (container)->serialize (
      ks_container_get_impl (container), &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (output, ks_container_get_original (container)));
  }
}

/* The name field as the game writes it, and the bytes of other fields
 * left alone by an edit. */
static void
test_name_bytes_and_untouched_fields (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (RS, 0);
  g_autoptr(GBytes) trash = ks_test_bytes_from_hex ("BB E7 DC FF 00 12 34 FF");
  g_autoptr(GBytes) may = ks_test_bytes_from_hex ("C7 D5 ED FF FF FF FF FF");
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GError) error = NULL;
  KsGen3Save *save;

  memcpy (blocks, g_bytes_get_data (trash, NULL), 8);
  container = open_blocks (RS, blocks);
  save = gen3_save (container);

  g_assert_true (ks_gen3_set_trainer_field (save, "money", "1", FALSE, &error));
  /* the same name again: unchanged bytes, padding included */
  g_assert_true (ks_gen3_set_trainer_field (save, "name", "Ash", FALSE, &error));
  g_assert_cmpmem (ks_gen3_get_block (save, KS_GEN3_BLOCK_SB2, NULL), 8,
                   g_bytes_get_data (trash, NULL), 8);

  g_assert_true (ks_gen3_set_trainer_field (save, "name", "May", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (ks_gen3_get_block (save, KS_GEN3_BLOCK_SB2, NULL), 8,
                   g_bytes_get_data (may, NULL), 8);
}

/* The typed setter the trainer editor binds to. */
static void
test_set_trainer_struct (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (FRLG, 0xA1B2C3D4);
  g_autoptr(KsContainer) container = open_blocks (FRLG, blocks);
  g_autoptr(KsContainer) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsGen3Trainer) trainer = { 0 };
  g_auto(KsGen3Trainer) check = { 0 };

  g_assert_true (ks_gen3_get_trainer (gen3_save (container), &trainer, &error));
  g_free (trainer.name);
  trainer.name = g_strdup ("Léa");
  trainer.money = 424242;
  trainer.frames = 30;
  trainer.badges[5] = TRUE;
  g_assert_true (ks_gen3_set_trainer (gen3_save (container), &trainer, FALSE, &error));
  g_assert_no_error (error);

  reread = write_and_reopen (container);
  g_assert_true (ks_gen3_get_trainer (gen3_save (reread), &check, &error));
  g_assert_cmpstr (check.name, ==, "Léa");
  g_assert_cmpuint (check.money, ==, 424242);
  g_assert_cmpuint (check.frames, ==, 30);
  g_assert_true (check.badges[5]);
  g_assert_cmpuint (check.tid, ==, 12345);

  trainer.frames = 60;
  g_assert_false (ks_gen3_set_trainer (gen3_save (reread), &trainer, FALSE, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
}

/* gen3.md §3.6: SB2 0x98 s16 days, s8 hours, minutes, seconds; 0xA0 the
 * last berry-tree update in the same layout */
static void
test_clock_offset_read_in_rs_and_emerald (void)
{
  /* +3 days 04:05:06, then a berry update on day 258 at 23:59:00 */
  g_autoptr(GBytes) offset = ks_test_bytes_from_hex ("03 00 04 05 06 00 00 00"
                                                     "02 01 17 3B 00 00 00 00");
  /* −1 day 02:00:00: the game's clock runs ahead of the cart's */
  g_autoptr(GBytes) ahead = ks_test_bytes_from_hex ("FF FF FE 00 00");
  const KsGen3Game games[] = { RS, E };

  for (guint i = 0; i < G_N_ELEMENTS (games); i++)
    {
      g_autofree guint8 *blocks = gen3_blocks_new (games[i], games[i] == E ? 0x12345678 : 0);
      g_autoptr(KsContainer) container = NULL;
      g_autoptr(KsContainer) ahead_container = NULL;
      g_autofree char *text = NULL;
      g_autofree char *ahead_text = NULL;
      KsGen3Time clock, berry;

      memcpy (blocks + 0x98, g_bytes_get_data (offset, NULL), 16);
      container = open_blocks (games[i], blocks);
      g_assert_true (ks_gen3_get_clock (gen3_save (container), &clock, &berry));
      g_assert_cmpint (clock.days, ==, 3);
      g_assert_cmpint (clock.hours, ==, 4);
      g_assert_cmpint (clock.minutes, ==, 5);
      g_assert_cmpint (clock.seconds, ==, 6);
      g_assert_cmpint (berry.days, ==, 258);
      g_assert_cmpint (berry.hours, ==, 23);
      g_assert_cmpint (berry.minutes, ==, 59);
      text = ks_gen3_describe_clock_offset (&clock);
      g_assert_cmpstr (text, ==, "3 days 04:05:06 behind the cart's clock");

      memcpy (blocks + 0x98, g_bytes_get_data (ahead, NULL), 5);
      ahead_container = open_blocks (games[i], blocks);
      g_assert_true (ks_gen3_get_clock (gen3_save (ahead_container), &clock, NULL));
      g_assert_cmpint (clock.days, ==, -1);
      g_assert_cmpint (clock.hours, ==, -2);
      ahead_text = ks_gen3_describe_clock_offset (&clock);
      g_assert_cmpstr (ahead_text, ==, "1 day 02:00:00 ahead of the cart's clock");
    }
}

static void
test_clock_offset_absent_in_frlg (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (FRLG, 0x12345678);
  g_autoptr(KsContainer) container = NULL;
  const KsGen3Time zero = { 0 };
  g_autofree char *same = ks_gen3_describe_clock_offset (&zero);
  KsGen3Time clock;

  /* FireRed/LeafGreen have no clock: whatever those bytes hold */
  memset (blocks + 0x98, 0x11, 8);
  container = open_blocks (FRLG, blocks);
  g_assert_false (ks_gen3_get_clock (gen3_save (container), &clock, NULL));
  g_assert_cmpstr (same, ==, "the same as the cart's clock");
}

/* An edit of a save with mGBA's clock footer keeps the footer byte for
 * byte (gen3.md §1.1, §3.6), and the clock offset too */
static void
test_edit_keeps_clock_footer_and_offset (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (E, 0x12345678);
  g_autoptr(GBytes) offset = ks_test_bytes_from_hex ("03 00 04 05 06");
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex ("26 12 07 01 11 36 05 40 "
                                                     "00 BC A0 65 00 00 00 00");
  g_autoptr(GBytes) flash = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(KsContainer) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsGen3Trainer) trainer = { 0 };
  KsGen3Time clock;
  gsize size;
  const guint8 *data;

  memcpy (blocks + 0x98, g_bytes_get_data (offset, NULL), 5);
  flash = gen3_build (E, blocks, -1, 1);
  file = ks_test_bytes_concat (flash, footer);
  container = gen3_open (file);
  g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "money", "4321", FALSE, &error));
  g_assert_no_error (error);
  ks_container_mark_modified (container);
  output = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (output, &size);
  g_assert_cmpuint (size, ==, 131072 + 16);
  g_assert_cmpmem (data + 131072, 16, g_bytes_get_data (footer, NULL), 16);

  reopened = gen3_open (output);
  g_assert_true (ks_gen3_get_trainer (gen3_save (reopened), &trainer, NULL));
  g_assert_cmpuint (trainer.money, ==, 4321);
  g_assert_true (ks_gen3_get_clock (gen3_save (reopened), &clock, NULL));
  g_assert_cmpint (clock.days, ==, 3);
  g_assert_cmpint (clock.seconds, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gen3/trainer/t22-money-and-coins-use-the-key",
                     test_money_and_coins_use_the_key);
  g_test_add_func ("/gen3/trainer/t23-each-slot-uses-its-own-key", test_each_slot_uses_its_own_key);
  g_test_add_func ("/gen3/trainer/t25-dex-copies-must-agree", test_dex_copies_must_agree);
  g_test_add_func ("/gen3/trainer/t26-options-bits", test_options_bits);
  g_test_add_func ("/gen3/trainer/name-checks", test_name_checks);
  g_test_add_func ("/gen3/trainer/block-checks", test_trainer_block_checks);
  g_test_add_func ("/gen3/trainer/set-every-field", test_set_every_field);
  g_test_add_func ("/gen3/trainer/badge-flag-offsets", test_badge_flag_offsets);
  g_test_add_func ("/gen3/trainer/bad-values-are-refused", test_bad_values_are_refused);
  g_test_add_func ("/gen3/trainer/name-bytes-and-untouched-fields",
                     test_name_bytes_and_untouched_fields);
  g_test_add_func ("/gen3/trainer/set-trainer-struct", test_set_trainer_struct);
  g_test_add_func ("/gen3/trainer/clock-offset-read-in-rs-and-emerald",
                   test_clock_offset_read_in_rs_and_emerald);
  g_test_add_func ("/gen3/trainer/clock-offset-absent-in-frlg", test_clock_offset_absent_in_frlg);
  g_test_add_func ("/gen3/trainer/edit-keeps-clock-footer-and-offset",
                   test_edit_keeps_clock_footer_and_offset);

  return g_test_run ();
}
