/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gba-clock.c — the S-3511 clock on a GBA cart's GPIO port: the
 * model driven as the reader's firmware drives it, and detection reading
 * it through the LK reader over a real pty (save-chips.md §3) */

#include "config.h"

#include <string.h>

#include "ks-test-emulator.h"
#include "ks-test-utils.h"

/* 2026-12-07, weekday 1, 11:36:00, BCD */
static const guint8 monday[7] = { 0x26, 0x12, 0x07, 0x01, 0x11, 0x36, 0x00 };

/* §3.2 on the port: CS high, the command bit 7 first on rising SCK */
static void
begin (KsS3511Model *rtc,
       guint8        command,
       gboolean      read)
{
  ks_s3511_model_write (rtc, KS_GPIO_REG_CONTROL, 1);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 1);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DIRECTION, 7);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 5);
  for (guint i = 0; i < 8; i++)
    {
      guint bit = command >> (7 - i) & 1;

      ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, (guint16) (4 | bit << 1));
      ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, (guint16) (5 | bit << 1));
    }
  if (read)
    ks_s3511_model_write (rtc, KS_GPIO_REG_DIRECTION, 5);
}

static void
end (KsS3511Model *rtc)
{
  ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 1);
  ks_s3511_model_write (rtc, KS_GPIO_REG_CONTROL, 0);
}

/* data bytes bit 0 first */
static void
read_bytes (KsS3511Model *rtc,
            guint8        command,
            guint8       *out,
            guint         n)
{
  begin (rtc, command, TRUE);
  for (guint i = 0; i < n; i++)
    {
      out[i] = 0;
      for (guint b = 0; b < 8; b++)
        {
          guint16 value = 0;

          ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 4);
          ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 5);
          g_assert_true (ks_s3511_model_read (rtc, KS_GPIO_REG_DATA, &value));
          out[i] |= (guint8) (((value >> 1) & 1) << b);
        }
    }
  end (rtc);
}

static void
write_bytes (KsS3511Model *rtc,
             guint8        command,
             const guint8 *data,
             guint         n)
{
  begin (rtc, command, FALSE);
  for (guint i = 0; i < n; i++)
    for (guint b = 0; b < 8; b++)
      {
        guint bit = data[i] >> b & 1;

        ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, (guint16) (4 | bit << 1));
        ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, (guint16) (5 | bit << 1));
      }
  end (rtc);
}

static void
test_model_reads_date_and_status (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(KsS3511Model) rtc = ks_s3511_model_new (&clock, monday, 0x40, TRUE);
  guint8 date[7], status;

  read_bytes (rtc, 0x65, date, 7);
  g_assert_cmpmem (date, 7, monday, 7);
  read_bytes (rtc, 0x63, &status, 1);
  g_assert_cmpuint (status, ==, 0x40);

  /* the port is ROM while its control register says so */
  {
    guint16 value;

    g_assert_false (ks_s3511_model_read (rtc, KS_GPIO_REG_DATA, &value));
  }
}

static void
test_model_time_runs_and_crosses_midnight (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(KsS3511Model) rtc = ks_s3511_model_new (&clock, monday, 0x40, TRUE);
  /* 12 h 24 min later: 2026-12-08, weekday 2, 00:00:00 */
  const guint8 tuesday[7] = { 0x26, 0x12, 0x08, 0x02, 0x00, 0x00, 0x00 };
  /* and 12:30:15 that day, the hour with its PM flag */
  const guint8 afternoon[7] = { 0x26, 0x12, 0x08, 0x02, 0x80 | 0x12, 0x30, 0x15 };
  guint8 date[7];

  ks_flash_clock_advance (&clock, (guint64) (12 * 3600 + 24 * 60) * G_USEC_PER_SEC);
  read_bytes (rtc, 0x65, date, 7);
  g_assert_cmpmem (date, 7, tuesday, 7);

  ks_flash_clock_advance (&clock, (guint64) (12 * 3600 + 30 * 60 + 15) * G_USEC_PER_SEC);
  read_bytes (rtc, 0x65, date, 7);
  g_assert_cmpmem (date, 7, afternoon, 7);
}

static void
test_model_stopped_clock_stays (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(KsS3511Model) rtc = ks_s3511_model_new (&clock, monday, 0xC0, FALSE);
  guint8 date[7];

  ks_flash_clock_advance (&clock, (guint64) 3600 * G_USEC_PER_SEC);
  read_bytes (rtc, 0x65, date, 7);
  g_assert_cmpmem (date, 7, monday, 7);
}

static void
test_model_write_and_reset (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(KsS3511Model) rtc = ks_s3511_model_new (&clock, monday, 0xC0, TRUE);
  const guint8 new_year[7] = { 0x27, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00 };
  const guint8 reset[7] = { 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00 };
  const guint8 status_24h = 0x40;
  guint8 date[7];

  write_bytes (rtc, 0x64, new_year, 7);
  read_bytes (rtc, 0x65, date, 7);
  g_assert_cmpmem (date, 7, new_year, 7);
  write_bytes (rtc, 0x62, &status_24h, 1);
  /* §3.2: the power-lost flag is not written; the reset clears it */
  g_assert_cmpuint (ks_s3511_model_get_status (rtc), ==, 0xC0);
  write_bytes (rtc, 0x60, NULL, 0);
  g_assert_cmpuint (ks_s3511_model_get_status (rtc), ==, 0x00);
  read_bytes (rtc, 0x65, date, 7);
  g_assert_cmpmem (date, 7, reset, 7);
}

/* ---- through the reader ------------------------------------------------------------- */

static KsTestEmulator *
start_with_clock (guint8   status,
                  gboolean running)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (128 * 1024, 0xC10C);
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image,
                                                         NULL);

  ks_emulated_cart_set_gba_rtc (cart, ks_s3511_model_new (ks_emulated_cart_get_clock (cart),
                                                          monday, status, running));
  return ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
}

static void
detect (KsLkReader *reader,
        KsCartInfo *info)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_cart_detect (reader, NULL, info, &error));
  g_assert_no_error (error);
}

static void
test_detection_reads_a_running_clock (void)
{
  g_autoptr(KsTestEmulator) emu = start_with_clock (0x40, TRUE);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  KsLkStats before, after;
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_FLASH);
  g_assert_true (info.has_clock);
  /* §3.3: the status first, then the date; the detection took under 10 s
   * of the cart's time */
  g_assert_cmpuint (info.clock[0], ==, 0x40);
  g_assert_cmpmem (info.clock + 1, 6, monday, 6);
  g_assert_cmpuint (info.clock[7], <, 0x10);
  g_assert_nonnull (strstr (info.notes, "Clock: an S-3511 on the GPIO port, reading "
                                        "Monday 2026-12-07 11:36:0"));
  g_assert_nonnull (strstr (info.notes, "running"));
  {
    g_autofree char *described = ks_cart_info_describe (&info);

    /* what the details pane and keepsake-cli info show */
    g_assert_true (g_str_has_prefix (described, "GBA flash save “KEEPSAKE”, Macronix MX29L010 "
                                                "(C209), 128.0\u00a0KiB of save, clock "
                                                "Monday 2026-12-07 11:36:0"));
    g_assert_true (g_str_has_suffix (described, ", running"));
  }

  /* one command, 8 bytes */
  ks_lk_reader_get_stats (reader, &before);
  {
    guint8 clock[KS_LK_GBA_RTC_SIZE];
    g_autoptr(GError) error = NULL;

    g_assert_true (ks_lk_reader_read_gba_rtc (reader, clock, &error));
    g_assert_no_error (error);
  }
  ks_lk_reader_get_stats (reader, &after);
  g_assert_cmpuint (after.round_trips - before.round_trips, ==, 1);
  g_assert_cmpuint (after.bytes_received - before.bytes_received, ==, 8);
  ks_cart_info_clear (&info);
}

static void
test_detection_says_a_clock_lost_power (void)
{
  g_autoptr(KsTestEmulator) emu = start_with_clock (0xC0, FALSE);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  KsCartInfo info;

  detect (reader, &info);
  g_assert_true (info.has_clock);
  g_assert_cmpuint (info.clock[0], ==, 0xC0);
  g_assert_nonnull (strstr (info.notes, "lost power since it was last set"));
  {
    g_autofree char *described = ks_cart_info_describe (&info);

    g_assert_true (g_str_has_suffix (described, "clock Monday 2026-12-07 11:36:00, lost "
                                                "power (the battery may be dry)"));
  }
  ks_cart_info_clear (&info);
}

static void
test_backup_keeps_the_clock_in_mgba_footer (void)
{
  g_autoptr(KsTestEmulator) emu = start_with_clock (0x40, TRUE);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) chip = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *bytes;
  gsize size;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  KsGbaRtc rtc;
  KsCartInfo info;

  detect (reader, &info);
  read = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (read, &size);

  /* §3.4: the save, then 7 BCD bytes, the status, the u64 time of the read */
  g_assert_cmpuint (size, ==, 131072 + 16);
  chip = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  g_assert_cmpmem (bytes, 131072, g_bytes_get_data (chip, NULL), 131072);
  g_assert_cmpmem (bytes + 131072, 7, info.clock + 1, 7);
  g_assert_cmpuint (bytes[131072 + 7], ==, 0x40);
  g_assert_true (ks_gba_rtc_footer_parse (bytes + 131072, 16, &rtc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rtc.saved_unix, ==, info.clock_read_unix);
  g_assert_cmpint (ABS (rtc.saved_unix - now), <=, 60);
  ks_cart_info_clear (&info);
}

static void
test_cart_without_clock_has_none (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (32 * 1024, 0xC10D);
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gba_sram (image, NULL), KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_SRAM);
  g_assert_false (info.has_clock);
  g_assert_null (strstr (info.notes, "Clock"));
  ks_cart_info_clear (&info);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gba-clock/model/reads-date-and-status", test_model_reads_date_and_status);
  g_test_add_func ("/gba-clock/model/time-runs-and-crosses-midnight",
                   test_model_time_runs_and_crosses_midnight);
  g_test_add_func ("/gba-clock/model/stopped-clock-stays", test_model_stopped_clock_stays);
  g_test_add_func ("/gba-clock/model/write-and-reset", test_model_write_and_reset);
  g_test_add_func ("/gba-clock/reader/detection-reads-a-running-clock",
                   test_detection_reads_a_running_clock);
  g_test_add_func ("/gba-clock/reader/detection-says-a-clock-lost-power",
                   test_detection_says_a_clock_lost_power);
  g_test_add_func ("/gba-clock/reader/backup-keeps-the-clock-in-mgba-footer",
                   test_backup_keeps_the_clock_in_mgba_footer);
  g_test_add_func ("/gba-clock/reader/cart-without-clock-has-none",
                   test_cart_without_clock_has_none);

  return g_test_run ();
}
