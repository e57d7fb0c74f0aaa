/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gb-sav.c — plain Game Boy .sav files
 *
 * Sizes from the RAM size codes (2, 8, 32, 64, 128 KiB), MBC2's 512 bytes,
 * MBC3 clock footers of 44 or 48 bytes kept byte for byte
 * (mega-memory-card.md §9.8, cart-reader-protocol.md §6).
 */

#include "config.h"

#include "ks-test-utils.h"

/* VBA-M/BGB clock footer: seconds 30, minutes 15, hours 10, day low 5,
 * day high/flags 1 (day 261), the same latched, then the Unix time
 * 0x65A0BC00 as a u64 */
static const char rtc_footer_48[] =
  "1E 00 00 00 0F 00 00 00 0A 00 00 00 05 00 00 00 01 00 00 00"
  "1E 00 00 00 0F 00 00 00 0A 00 00 00 05 00 00 00 01 00 00 00"
  "00 BC A0 65 00 00 00 00";

static KsContainer *
open_as_gb_sav (GBytes     *bytes,
                const char *file_name)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_from_bytes (bytes, file_name, "gb-sav", &error);

  g_assert_no_error (error);
  g_assert_nonnull (container);

  return container;
}

static void
test_probe_scores_are_low_and_size_based (void)
{
  const gsize sizes[] = {
    512, 2048, 8192, 32768, 65536, 131072, 8192 + 48, 32768 + 44, 65536 + 48,
  };
  const gsize not_sizes[] = { 0, 1, 4096, 16384, 131072 + 16, 131072 + 48, 2048 + 48, 524288 };
  g_autofree guint8 *zeros = g_malloc0 (524288);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_assert_cmpuint (ks_gb_sav_format.probe (zeros, sizes[i], NULL), ==, 10);
      g_assert_cmpuint (ks_gb_sav_format.probe (zeros, sizes[i], "Game.sav"), ==, 15);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_sizes); i++)
    g_assert_cmpuint (ks_gb_sav_format.probe (zeros, not_sizes[i], "Game.sav"), ==, 0);
}

static void
test_layouts (void)
{
  KsGbSavLayout layout;

  g_assert_true (ks_gb_sav_layout_from_size (512, &layout));
  g_assert_true (layout.mbc2);
  g_assert_cmpuint (layout.ram_size, ==, 512);
  g_assert_cmpuint (layout.footer_size, ==, 0);

  g_assert_true (ks_gb_sav_layout_from_size (2048, &layout));
  g_assert_false (layout.mbc2);
  g_assert_cmpuint (layout.ram_size, ==, 2048);

  g_assert_true (ks_gb_sav_layout_from_size (32768 + 48, &layout));
  g_assert_cmpuint (layout.ram_size, ==, 32768);
  g_assert_cmpuint (layout.footer_size, ==, 48);

  g_assert_true (ks_gb_sav_layout_from_size (8192 + 44, &layout));
  g_assert_cmpuint (layout.ram_size, ==, 8192);
  g_assert_cmpuint (layout.footer_size, ==, 44);

  g_assert_false (ks_gb_sav_layout_from_size (24576, &layout));
  g_assert_cmpuint (layout.ram_size, ==, 24576);
}

static void
test_detected_by_size (void)
{
  g_autoptr(GBytes) bytes = ks_test_random_bytes (32768, 7);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GError) error = NULL;

  container = ks_container_new_from_bytes (bytes, "Link's Awakening.sav", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ks_container_get_format (container) == &ks_gb_sav_format);
  g_assert_cmpstr (ks_gb_sav_format.id, ==, "gb-sav");
  g_assert_cmpstr (ks_gb_sav_format.platform, ==, "GB");
  g_assert_false (ks_container_has_saves (container));
}

static void
test_rtc_footer_kept_byte_for_byte (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 11);
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex (rtc_footer_48);
  g_autoptr(GBytes) file = ks_test_bytes_concat (ram, footer);
  g_autoptr(KsContainer) container = open_as_gb_sav (file, "Pokemon Gold.sav");
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GVariantDict) dict = NULL;
  const char *clock = NULL;
  guint64 ram_size = 0, saved_at = 0;
  guint32 footer_size = 0, banks = 0;

  output = ks_container_build_verified (container, FALSE, &findings, NULL);
  g_assert_nonnull (output);
  ks_test_assert_bytes_equal (output, file);

  g_assert_nonnull (ks_findings_find (findings, "gb-sav-rtc-footer"));
  g_assert_null (ks_findings_find (findings, "gb-sav-rtc-range"));
  g_assert_false (ks_findings_has_errors (findings));

  summary = g_variant_ref_sink (ks_container_describe (container));
  dict = g_variant_dict_new (summary);
  g_assert_true (g_variant_dict_lookup (dict, "ram_size", "t", &ram_size));
  g_assert_cmpuint (ram_size, ==, 32768);
  g_assert_true (g_variant_dict_lookup (dict, "banks", "u", &banks));
  g_assert_cmpuint (banks, ==, 4);
  g_assert_true (g_variant_dict_lookup (dict, "rtc_footer", "u", &footer_size));
  g_assert_cmpuint (footer_size, ==, 48);
  g_assert_true (g_variant_dict_lookup (dict, "rtc_clock", "&s", &clock));
  g_assert_cmpstr (clock, ==, "day 261, 10:15:30");
  g_assert_true (g_variant_dict_lookup (dict, "rtc_saved_at", "t", &saved_at));
  g_assert_cmpuint (saved_at, ==, 0x65A0BC00);
}

static void
test_short_rtc_footer (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 12);
  g_autoptr(GBytes) full = ks_test_bytes_from_hex (rtc_footer_48);
  g_autoptr(GBytes) footer = g_bytes_new_from_bytes (full, 0, 44);
  g_autoptr(GBytes) file = ks_test_bytes_concat (ram, footer);
  g_autoptr(KsContainer) container = open_as_gb_sav (file, NULL);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  g_autoptr(GVariantDict) dict = g_variant_dict_new (summary);
  guint64 saved_at = 0;

  g_assert_true (g_variant_dict_lookup (dict, "rtc_saved_at", "t", &saved_at));
  g_assert_cmpuint (saved_at, ==, 0x65A0BC00);
}

static void
test_rtc_out_of_range_is_a_warning (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 13);
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex (
    /* seconds 61 */
    "3D 00 00 00 0F 00 00 00 0A 00 00 00 05 00 00 00 01 00 00 00"
    "1E 00 00 00 0F 00 00 00 0A 00 00 00 05 00 00 00 01 00 00 00"
    "00 BC A0 65 00 00 00 00");
  g_autoptr(GBytes) file = ks_test_bytes_concat (ram, footer);
  g_autoptr(KsContainer) container = open_as_gb_sav (file, NULL);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  const KsFinding *finding = ks_findings_find (findings, "gb-sav-rtc-range");

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "seconds 61"));
  /* a check that did run outranks "nothing to check" */
  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_WARNING);
}

static void
test_blank_mirror_and_mbc2_findings (void)
{
  g_autofree guint8 *mirror = g_malloc (8192);
  g_autoptr(GBytes) blank = NULL;
  g_autoptr(GBytes) mirrored = NULL;
  g_autoptr(GBytes) mbc2 = ks_test_random_bytes (512, 5);
  g_autoptr(KsContainer) c1 = NULL;
  g_autoptr(KsContainer) c2 = NULL;
  g_autoptr(KsContainer) c3 = NULL;
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GBytes) quarter = ks_test_random_bytes (2048, 4);

  blank = g_bytes_new_take (memset (g_malloc (8192), 0xFF, 8192), 8192);
  for (guint q = 0; q < 4; q++)
    memcpy (mirror + q * 2048, g_bytes_get_data (quarter, NULL), 2048);
  mirrored = g_bytes_new (mirror, 8192);

  c1 = open_as_gb_sav (blank, NULL);
  f1 = ks_container_verify (c1);
  g_assert_nonnull (ks_findings_find (f1, "gb-sav-blank"));
  g_assert_false (ks_findings_has_errors (f1));

  c2 = open_as_gb_sav (mirrored, NULL);
  f2 = ks_container_verify (c2);
  g_assert_nonnull (ks_findings_find (f2, "gb-sav-2k-mirror"));

  c3 = open_as_gb_sav (mbc2, NULL);
  f3 = ks_container_verify (c3);
  g_assert_nonnull (ks_findings_find (f3, "gb-sav-mbc2"));
  g_assert_false (ks_findings_has_errors (f3));
}

/* A raw .sav has no magic and no checksum: random 64 and 128 KiB files
 * are "unverifiable", never "Verified: no problems found". */
static void
test_random_saves_are_unverifiable (void)
{
  const gsize sizes[] = { 65536, 131072, 8192 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) ram = ks_test_random_bytes (sizes[i], 40 + i);
      g_autoptr(KsContainer) container = open_as_gb_sav (ram, "random.sav");
      g_autoptr(GPtrArray) findings = ks_container_verify (container);
      g_autofree char *verdict = ks_findings_describe_verdict (findings);

      g_assert_nonnull (ks_findings_find (findings, KS_FINDING_UNVERIFIABLE));
      g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_UNVERIFIABLE);
      g_assert_cmpint (ks_save_status_from_findings (findings), ==, KS_SAVE_STATUS_UNVERIFIABLE);
      g_assert_cmpstr (verdict, ==, "Keepsake has no checks for this kind of save.");
      g_assert_null (strstr (verdict, "Verified"));
    }
}

static void
test_odd_size_is_an_error_finding (void)
{
  g_autoptr(GBytes) bytes = ks_test_random_bytes (24576, 9);
  g_autoptr(KsContainer) container = open_as_gb_sav (bytes, NULL);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  const KsFinding *finding = ks_findings_find (findings, "gb-sav-size");
  g_autoptr(GBytes) output = NULL;

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "24576 bytes"));

  /* still byte-identical when re-serialised (the gate refuses to write it) */
  output = ks_gb_sav_format.serialize (ks_container_get_impl (container), NULL);
  ks_test_assert_bytes_equal (output, bytes);
}

static void
test_load_refuses_empty_and_oversized (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) huge = ks_test_random_bytes (131072 + 49, 1);
  g_autoptr(GError) error = NULL;
  KsContainer *container;

  container = ks_container_new_from_bytes (empty, NULL, "gb-sav", &error);
  g_assert_null (container);
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);

  container = ks_container_new_from_bytes (huge, NULL, "gb-sav", &error);
  g_assert_null (container);
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "128 KiB"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gb/sav/probe-scores-are-low-and-size-based",
                   test_probe_scores_are_low_and_size_based);
  g_test_add_func ("/gb/sav/layouts", test_layouts);
  g_test_add_func ("/gb/sav/detected-by-size", test_detected_by_size);
  g_test_add_func ("/gb/sav/rtc-footer-kept-byte-for-byte", test_rtc_footer_kept_byte_for_byte);
  g_test_add_func ("/gb/sav/short-rtc-footer", test_short_rtc_footer);
  g_test_add_func ("/gb/sav/rtc-out-of-range-is-a-warning", test_rtc_out_of_range_is_a_warning);
  g_test_add_func ("/gb/sav/blank-mirror-and-mbc2-findings", test_blank_mirror_and_mbc2_findings);
  g_test_add_func ("/gb/sav/odd-size-is-an-error-finding", test_odd_size_is_an_error_finding);
  g_test_add_func ("/gb/sav/random-saves-are-unverifiable", test_random_saves_are_unverifiable);
  g_test_add_func ("/gb/sav/load-refuses-empty-and-oversized",
                   test_load_refuses_empty_and_oversized);

  return g_test_run ();
}
