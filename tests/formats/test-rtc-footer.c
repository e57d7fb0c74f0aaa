/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-rtc-footer.c — the clock footers emulators keep after a save, byte
 * for byte as save-chips.md writes them out: mGBA's 16 bytes after a GBA
 * save (§3.4), BGB's and VBA-M's 48 (or 44) after MBC3 RAM (§4.2) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"

/* §3.4: 2026-12-07, weekday 1, 11:36:05 in BCD; status 0x40 (24-hour
 * mode); read at Unix time 0x69355E45, u64 little-endian */
static const guint8 gba_footer[KS_GBA_RTC_FOOTER_SIZE] = {
  0x26, 0x12, 0x07, 0x01, 0x11, 0x36, 0x05,
  0x40,
  0x45, 0x5E, 0x35, 0x69, 0x00, 0x00, 0x00, 0x00,
};

/* §4.2: running S=5 M=4 H=3 DL=0x2A DH=0x41 (halted, day bit 8), latched
 * 1 2 3 4 0, Unix time 1,700,000,000 = 0x6553F100; each u32 and the u64
 * little-endian */
static const guint8 mbc3_footer[KS_MBC3_RTC_FOOTER_SIZE] = {
  0x05, 0, 0, 0,  0x04, 0, 0, 0,  0x03, 0, 0, 0,  0x2A, 0, 0, 0,  0x41, 0, 0, 0,
  0x01, 0, 0, 0,  0x02, 0, 0, 0,  0x03, 0, 0, 0,  0x04, 0, 0, 0,  0x00, 0, 0, 0,
  0x00, 0xF1, 0x53, 0x65, 0x00, 0x00, 0x00, 0x00,
};

static void
test_gba_footer_fields_and_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  guint8 built[KS_GBA_RTC_FOOTER_SIZE];
  KsGbaRtc rtc;

  g_assert_true (ks_gba_rtc_footer_parse (gba_footer, sizeof gba_footer, &rtc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rtc.bcd[0], ==, 0x26);
  g_assert_cmpuint (rtc.bcd[6], ==, 0x05);
  g_assert_cmpuint (rtc.status, ==, 0x40);
  g_assert_cmpint (rtc.saved_unix, ==, 0x69355E45);
  g_assert_true (ks_gba_rtc_is_valid (&rtc));
  g_assert_false (ks_gba_rtc_power_lost (&rtc));
  time = ks_gba_rtc_dup_time (&rtc);
  g_assert_cmpstr (time, ==, "Monday 2026-12-07 11:36:05");

  /* kept byte for byte */
  ks_gba_rtc_footer_build (&rtc, built);
  g_assert_cmpmem (built, sizeof built, gba_footer, sizeof gba_footer);
}

static void
test_gba_clock_from_reader_order (void)
{
  /* §3.3: the reader gives the status first, then the 7 bytes */
  const guint8 clock[KS_GBA_RTC_CLOCK_SIZE] = { 0xC0, 0x00, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00 };
  guint8 built[KS_GBA_RTC_FOOTER_SIZE];
  KsGbaRtc rtc;

  ks_gba_rtc_from_reader (&rtc, clock, 1);
  g_assert_true (ks_gba_rtc_is_valid (&rtc));
  /* a reset clock (2000-01-01) with the power-lost flag: a dry battery */
  g_assert_true (ks_gba_rtc_power_lost (&rtc));
  ks_gba_rtc_footer_build (&rtc, built);
  g_assert_cmpmem (built, 7, clock + 1, 7);
  g_assert_cmpuint (built[7], ==, 0xC0);
  g_assert_cmpuint (built[8], ==, 0x01);
  g_assert_true (ks_bytes_all (built + 9, 7, 0x00));
}

static void
test_gba_clock_validity (void)
{
  KsGbaRtc rtc = { { 0x99, 0x12, 0x31, 0x06, 0x23, 0x59, 0x59 }, 0x40, 0 };

  g_assert_true (ks_gba_rtc_is_valid (&rtc));
  /* the PM flag on the hour is not part of the number */
  rtc.bcd[4] = 0x80 | 0x23;
  g_assert_true (ks_gba_rtc_is_valid (&rtc));
  rtc.bcd[4] = 0x24;
  g_assert_false (ks_gba_rtc_is_valid (&rtc));
  rtc.bcd[4] = 0x12;
  rtc.bcd[1] = 0x1A;    /* not BCD */
  g_assert_false (ks_gba_rtc_is_valid (&rtc));

  /* what a cart without a clock answers */
  memset (&rtc, 0x00, sizeof rtc);
  g_assert_false (ks_gba_rtc_is_valid (&rtc));
  g_assert_null (ks_gba_rtc_dup_time (&rtc));
  memset (&rtc, 0xFF, sizeof rtc);
  g_assert_false (ks_gba_rtc_is_valid (&rtc));
}

static void
test_gba_footer_wrong_size (void)
{
  g_autoptr(GError) error = NULL;
  KsGbaRtc rtc;

  g_assert_false (ks_gba_rtc_footer_parse (gba_footer, 15, &rtc, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ks_gba_rtc_footer_parse (NULL, 0, &rtc, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
}

static void
assert_bcd_for (gint          year,
                gint          month,
                gint          day,
                gint          hour,
                gint          minute,
                gint          second,
                guint         weekday,
                const guint8 *expected)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, second);
  guint8 bcd[7];

  memset (bcd, 0xEE, sizeof bcd);
  ks_gba_rtc_bcd_from_time (time, weekday, bcd);
  g_assert_cmpmem (bcd, sizeof bcd, expected, 7);
}

static void
test_gba_bcd_from_time (void)
{
  /* §3.2: year, month, day, weekday, hour, minute, second, all BCD */
  const guint8 monday_morning[7] = { 0x26, 0x12, 0x07, 0x01, 0x11, 0x36, 0x05 };
  /* 24-hour mode: the hour's bit 7 is set from 12:00 on */
  const guint8 monday_noon[7] = { 0x26, 0x12, 0x07, 0x01, 0x92, 0x00, 0x00 };
  const guint8 before_noon[7] = { 0x26, 0x12, 0x07, 0x01, 0x11, 0x59, 0x59 };
  const guint8 last_second[7] = { 0x99, 0x12, 0x31, 0x04, 0xA3, 0x59, 0x59 };
  /* the chip's reset value: Saturday 2000-01-01 00:00:00 */
  const guint8 year_2000[7] = { 0x00, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00 };
  /* two digits of year: 2100 is 00 again; Sunday is weekday 0 */
  const guint8 year_2100[7] = { 0x00, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00 };
  const guint8 weekday_as_given[7] = { 0x26, 0x12, 0x07, 0x05, 0x11, 0x36, 0x05 };
  g_autoptr(GDateTime) evening = g_date_time_new_utc (2026, 12, 7, 23, 36, 5);
  KsGbaRtc rtc = { { 0 }, KS_S3511_STATUS_24H, 0 };
  g_autofree char *shown = NULL;

  assert_bcd_for (2026, 12, 7, 11, 36, 5, 1, monday_morning);
  assert_bcd_for (2026, 12, 7, 12, 0, 0, 1, monday_noon);
  assert_bcd_for (2026, 12, 7, 11, 59, 59, 1, before_noon);
  assert_bcd_for (2099, 12, 31, 23, 59, 59, 4, last_second);
  assert_bcd_for (2000, 1, 1, 0, 0, 0, 6, year_2000);
  assert_bcd_for (2100, 1, 3, 0, 0, 0, 0, year_2100);

  /* the weekday is the caller's, not the date's: the chip keeps it apart */
  assert_bcd_for (2026, 12, 7, 11, 36, 5, 5, weekday_as_given);

  /* what it builds reads back as the same time */
  ks_gba_rtc_bcd_from_time (evening, 1, rtc.bcd);
  g_assert_true (ks_gba_rtc_is_valid (&rtc));
  shown = ks_gba_rtc_dup_time (&rtc);
  g_assert_cmpstr (shown, ==, "Monday 2026-12-07 23:36:05");
}

static void
test_gba_bcd_to_time (void)
{
  /* 23:36:05 on Monday 2026-12-07, hour 0x23 with bit 7 set (24-hour
   * mode, afternoon); the weekday byte is not read */
  const guint8 evening[7] = { 0x26, 0x12, 0x07, 0x05, 0xA3, 0x36, 0x05 };
  const guint8 reset[7] = { 0x00, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00 };
  const guint8 no_month[7] = { 0x26, 0x00, 0x07, 0x01, 0x11, 0x36, 0x05 };
  const guint8 all_ff[7] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
  g_autoptr(GDateTime) time = ks_gba_rtc_bcd_to_time (evening);
  g_autoptr(GDateTime) midnight = ks_gba_rtc_bcd_to_time (reset);
  g_autoptr(GDateTime) none = ks_gba_rtc_bcd_to_time (no_month);
  g_autoptr(GDateTime) garbage = ks_gba_rtc_bcd_to_time (all_ff);
  g_autofree char *text = NULL;
  guint8 back[7];

  g_assert_nonnull (time);
  text = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
  g_assert_cmpstr (text, ==, "2026-12-07 23:36:05");
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);

  /* and back, with the weekday the caller keeps */
  ks_gba_rtc_bcd_from_time (time, 5, back);
  g_assert_cmpmem (back, sizeof back, evening, sizeof evening);

  g_assert_nonnull (midnight);
  g_assert_cmpint (g_date_time_to_unix (midnight), ==, 946684800);
  g_assert_null (none);
  g_assert_null (garbage);
}

static void
test_mbc3_footer_fields_and_bytes (void)
{
  g_autoptr(GError) error = NULL;
  guint8 built[KS_MBC3_RTC_FOOTER_SIZE];
  KsMbc3Rtc rtc;

  g_assert_true (ks_mbc3_rtc_footer_parse (mbc3_footer, sizeof mbc3_footer, &rtc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rtc.now[0], ==, 5);
  g_assert_cmpuint (rtc.now[2], ==, 3);
  g_assert_cmpuint (rtc.latched[3], ==, 4);
  g_assert_cmpint (rtc.saved_unix, ==, 1700000000);
  g_assert_false (rtc.old_layout);
  g_assert_true (ks_mbc3_rtc_halted (&rtc));
  g_assert_cmpuint (ks_mbc3_rtc_days (&rtc), ==, 0x12A);

  g_assert_cmpuint (ks_mbc3_rtc_footer_build (&rtc, built), ==, 48);
  g_assert_cmpmem (built, sizeof built, mbc3_footer, sizeof mbc3_footer);
}

static void
test_mbc3_old_footer_keeps_its_u32_time (void)
{
  g_autoptr(GError) error = NULL;
  guint8 built[KS_MBC3_RTC_FOOTER_SIZE];
  KsMbc3Rtc rtc;

  /* the first 44 bytes: the same registers, a u32 time */
  g_assert_true (ks_mbc3_rtc_footer_parse (mbc3_footer, 44, &rtc, &error));
  g_assert_no_error (error);
  g_assert_true (rtc.old_layout);
  g_assert_cmpint (rtc.saved_unix, ==, 1700000000);
  g_assert_cmpuint (ks_mbc3_rtc_footer_build (&rtc, built), ==, 44);
  g_assert_cmpmem (built, 44, mbc3_footer, 44);

  g_assert_false (ks_mbc3_rtc_footer_parse (mbc3_footer, 40, &rtc, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rtc-footer/gba/fields-and-bytes", test_gba_footer_fields_and_bytes);
  g_test_add_func ("/rtc-footer/gba/clock-from-reader-order", test_gba_clock_from_reader_order);
  g_test_add_func ("/rtc-footer/gba/validity", test_gba_clock_validity);
  g_test_add_func ("/rtc-footer/gba/wrong-size", test_gba_footer_wrong_size);
  g_test_add_func ("/rtc-footer/gba/bcd-from-time", test_gba_bcd_from_time);
  g_test_add_func ("/rtc-footer/gba/bcd-to-time", test_gba_bcd_to_time);
  g_test_add_func ("/rtc-footer/mbc3/fields-and-bytes", test_mbc3_footer_fields_and_bytes);
  g_test_add_func ("/rtc-footer/mbc3/old-footer-keeps-its-u32-time",
                   test_mbc3_old_footer_keeps_its_u32_time);

  return g_test_run ();
}
