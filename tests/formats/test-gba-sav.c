/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gba-sav.c — raw GBA saves (save-chips.md §6): the chip's bytes,
 * 512 B to 128 KiB, with or without mGBA's 16-byte clock footer; nothing
 * to check, so the verdict is "unverifiable", never "verified"; a Pokémon
 * Gen III save stays Gen III.
 */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"
#include "ks-cart-detect.h"
#include "ks-test-utils.h"

/* mGBA footer (§3.4): 2026-12-07, weekday 1, 11:36:05 in BCD, status 0x40
 * (24-hour mode), then the Unix time 0x65A0BC00 as a u64 */
static const char footer_running[] = "26 12 07 01 11 36 05 40  00 BC A0 65 00 00 00 00";
/* the same clock with the power-lost flag (status 0xC0) */
static const char footer_power_lost[] = "26 12 07 01 11 36 05 C0  00 BC A0 65 00 00 00 00";
/* a month 0x13 no clock shows */
static const char footer_bad_month[] = "26 13 07 01 11 36 05 40  00 BC A0 65 00 00 00 00";

static KsContainer *
open_as_gba_sav (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_from_bytes (bytes, "GAME.sav", "gba-sav", &error);

  g_assert_no_error (error);
  g_assert_nonnull (container);
  return container;
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *code)
{
  return ks_findings_find (findings, code) != NULL;
}

static void
test_random_8k_is_unverifiable (void)
{
  g_autoptr(GBytes) bytes = ks_test_random_bytes (8192, 0x17);
  g_autoptr(KsContainer) container = open_as_gba_sav (bytes);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  const char *kind = NULL;
  guint64 size = 0;

  g_assert_cmpstr (ks_container_get_format (container)->platform, ==, "GBA");
  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_UNVERIFIABLE);
  g_assert_false (ks_findings_has_errors (findings));
  sentence = ks_findings_describe_verdict (findings);
  g_assert_null (strstr (sentence, "Verified"));

  g_assert_true (g_variant_lookup (summary, "save_size", "t", &size));
  g_assert_cmpuint (size, ==, 8192);
  g_assert_true (g_variant_lookup (summary, "chip_kind", "&s", &kind));
  g_assert_cmpstr (kind, ==, "EEPROM, 64 Kbit");
  g_assert_false (g_variant_lookup (summary, "rtc_clock", "&s", &kind));

  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (out, bytes);
}

static void
test_every_chip_size_loads (void)
{
  const gsize sizes[] = { 512, 8192, 32768, 65536, 131072 };
  const char *const kinds[] = {
    "EEPROM, 4 Kbit", "EEPROM, 64 Kbit", "SRAM or FRAM, 256 Kbit", "Flash or SRAM, 512 Kbit",
    "Flash, 1 Mbit",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) bytes = ks_test_random_bytes (sizes[i], i + 1);
      g_autoptr(KsContainer) container = open_as_gba_sav (bytes);
      g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
      g_autoptr(GPtrArray) findings = ks_container_verify (container);
      const char *kind = NULL;

      g_assert_true (g_variant_lookup (summary, "chip_kind", "&s", &kind));
      g_assert_cmpstr (kind, ==, kinds[i]);
      g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_UNVERIFIABLE);
    }
}

static void
test_probe_leaves_plain_sizes_to_others (void)
{
  g_autofree guint8 *zeros = g_malloc0 (131072 + 16);
  const gsize plain[] = { 512, 8192, 32768, 65536, 131072 };
  const gsize not_sizes[] = { 0, 1, 511, 4096, 8191, 16384, 131072 + 7, 131072 + 48,
                              131072 + 32, 8192 + 48 };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      /* a size alone: below a Game Boy .sav (10), above a Gen III size (5) */
      g_assert_cmpuint (ks_gba_sav_format.probe (zeros, plain[i], "GAME.sav"), ==, 8);
      /* with the clock footer only a GBA cart gives that size */
      g_assert_cmpuint (ks_gba_sav_format.probe (zeros, plain[i] + 16, "GAME.sav"), ==, 20);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_sizes); i++)
    g_assert_cmpuint (ks_gba_sav_format.probe (zeros, not_sizes[i], NULL), ==, 0);
}

static void
test_odd_sizes_refused_with_a_sentence (void)
{
  const gsize sizes[] = { 0, 1, 8191, 8193, 24576, 131072 + 17, 131072 + 16 + 1, 262144 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) bytes = ks_test_random_bytes (sizes[i], 3);
      g_autoptr(GError) error = NULL;
      g_autoptr(KsContainer) container = ks_container_new_from_bytes (bytes, "GAME.sav",
                                                                      "gba-sav", &error);

      g_assert_null (container);
      g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "a GBA save is 512, 8,192, 32,768, 65,536 or "
                                                "131,072 bytes"));
    }
}

static void
test_all_ff_flash_is_blank_not_broken (void)
{
  g_autofree guint8 *ff = g_malloc (131072);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean blank = FALSE;
  g_autoptr(GVariant) summary = NULL;

  memset (ff, 0xFF, 131072);
  bytes = g_bytes_new (ff, 131072);
  container = open_as_gba_sav (bytes);
  findings = ks_container_verify (container);
  summary = g_variant_ref_sink (ks_container_describe (container));

  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_UNVERIFIABLE);
  g_assert_true (has_finding (findings, "gba-sav-blank"));
  g_assert_true (g_variant_lookup (summary, "blank", "b", &blank));
  g_assert_true (blank);
}

static void
test_clock_footer_read_and_kept (void)
{
  g_autoptr(GBytes) chip = ks_test_random_bytes (32768, 0x33);
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex (footer_running);
  g_autoptr(GBytes) bytes = ks_test_bytes_concat (chip, footer);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *clock = NULL;
  guint64 saved = 0, size = 0;
  guint32 footer_size = 0;
  gboolean lost = TRUE;
  gsize n;

  /* detected without help: 32 KiB + 16 is no Game Boy or Gen III size */
  g_assert_true (ks_format_detect (g_bytes_get_data (bytes, &n), g_bytes_get_size (bytes),
                                   "GAME.sav") == &ks_gba_sav_format);
  container = open_as_gba_sav (bytes);
  findings = ks_container_verify (container);
  summary = g_variant_ref_sink (ks_container_describe (container));

  g_assert_true (g_variant_lookup (summary, "save_size", "t", &size));
  g_assert_cmpuint (size, ==, 32768);
  g_assert_true (g_variant_lookup (summary, "rtc_footer", "u", &footer_size));
  g_assert_cmpuint (footer_size, ==, 16);
  g_assert_true (g_variant_lookup (summary, "rtc_clock", "&s", &clock));
  g_assert_cmpstr (clock, ==, "Monday 2026-12-07 11:36:05");
  g_assert_true (g_variant_lookup (summary, "rtc_saved_at", "t", &saved));
  g_assert_cmpuint (saved, ==, 0x65A0BC00);
  g_assert_true (g_variant_lookup (summary, "rtc_power_lost", "b", &lost));
  g_assert_false (lost);
  g_assert_true (has_finding (findings, "gba-sav-rtc-footer"));
  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_UNVERIFIABLE);

  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (out, bytes);
}

static void
test_clock_footer_problems (void)
{
  g_autoptr(GBytes) chip = ks_test_random_bytes (512, 0x44);
  g_autoptr(GBytes) lost_footer = ks_test_bytes_from_hex (footer_power_lost);
  g_autoptr(GBytes) bad_footer = ks_test_bytes_from_hex (footer_bad_month);
  g_autoptr(GBytes) lost = ks_test_bytes_concat (chip, lost_footer);
  g_autoptr(GBytes) bad = ks_test_bytes_concat (chip, bad_footer);
  g_autoptr(KsContainer) lost_container = open_as_gba_sav (lost);
  g_autoptr(KsContainer) bad_container = open_as_gba_sav (bad);
  g_autoptr(GPtrArray) lost_findings = ks_container_verify (lost_container);
  g_autoptr(GPtrArray) bad_findings = ks_container_verify (bad_container);

  /* a dry battery is worth saying, not a fault of the file */
  g_assert_true (has_finding (lost_findings, "gba-sav-rtc-power-lost"));
  g_assert_cmpint (ks_findings_get_verdict (lost_findings), ==, KS_VERDICT_UNVERIFIABLE);
  /* a check that ran and failed outranks "unverifiable" */
  g_assert_true (has_finding (bad_findings, "gba-sav-rtc-range"));
  g_assert_cmpint (ks_findings_get_verdict (bad_findings), ==, KS_VERDICT_WARNING);
}

static void
test_gen3_stays_gen3 (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x12345678);
  g_autoptr(GBytes) save = gen3_build (KS_GEN3_GAME_EMERALD, blocks, 1, -1);
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex (footer_running);
  g_autoptr(GBytes) with_clock = ks_test_bytes_concat (save, footer);
  g_autoptr(GBytes) random = ks_test_random_bytes (131072, 9);
  KsCartInfo info = { 0 };

  g_assert_true (ks_format_detect (g_bytes_get_data (save, NULL), g_bytes_get_size (save),
                                   "POKEMON EMER.sav") == &ks_gen3_format);
  g_assert_true (ks_format_detect (g_bytes_get_data (with_clock, NULL),
                                   g_bytes_get_size (with_clock), NULL) == &ks_gen3_format);

  /* a cart: a Pokémon game code names Gen III before anything is read */
  info.kind = KS_CART_GBA_FLASH;
  info.save_size = 131072;
  info.format_id = "gen3";
  g_assert_cmpstr (ks_cart_info_format_id (&info), ==, "gen3");

  /* any other GBA cart takes the raw format, unless its bytes are Gen III
   * slots (a Pokémon save on a cart whose header does not say so) */
  info.format_id = NULL;
  g_assert_cmpstr (ks_cart_info_format_id (&info), ==, "gba-sav");
  g_assert_cmpstr (ks_cart_info_format_for_bytes (&info, random, "GAME.sav"), ==, "gba-sav");
  g_assert_cmpstr (ks_cart_info_format_for_bytes (&info, with_clock, "GAME.sav"), ==, "gen3");
}

static void
test_cart_kinds_take_the_raw_format (void)
{
  g_autoptr(GBytes) eeprom = ks_test_random_bytes (8192, 0x17);
  KsCartInfo info = { 0 };

  info.kind = KS_CART_GBA_EEPROM;
  info.save_size = 8192;
  g_assert_cmpstr (ks_cart_info_format_id (&info), ==, "gba-sav");
  /* the bytes alone would look like a Game Boy save; the cart is GBA */
  g_assert_cmpstr (ks_cart_info_format_for_bytes (&info, eeprom, "GAME.sav"), ==, "gba-sav");

  info.kind = KS_CART_GBA_SRAM;
  info.save_size = 32768;
  g_assert_cmpstr (ks_cart_info_format_id (&info), ==, "gba-sav");

  /* no save chip found: nothing to open */
  info.kind = KS_CART_GBA_OTHER;
  info.save_size = 0;
  g_assert_null (ks_cart_info_format_id (&info));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gba-sav/random-8k-is-unverifiable", test_random_8k_is_unverifiable);
  g_test_add_func ("/gba-sav/every-chip-size-loads", test_every_chip_size_loads);
  g_test_add_func ("/gba-sav/probe-leaves-plain-sizes-to-others",
                   test_probe_leaves_plain_sizes_to_others);
  g_test_add_func ("/gba-sav/odd-sizes-refused-with-a-sentence",
                   test_odd_sizes_refused_with_a_sentence);
  g_test_add_func ("/gba-sav/all-ff-flash-is-blank-not-broken",
                   test_all_ff_flash_is_blank_not_broken);
  g_test_add_func ("/gba-sav/clock-footer-read-and-kept", test_clock_footer_read_and_kept);
  g_test_add_func ("/gba-sav/clock-footer-problems", test_clock_footer_problems);
  g_test_add_func ("/gba-sav/gen3-stays-gen3", test_gen3_stays_gen3);
  g_test_add_func ("/gba-sav/cart-kinds-take-the-raw-format", test_cart_kinds_take_the_raw_format);

  return g_test_run ();
}
