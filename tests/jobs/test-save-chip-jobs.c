/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-save-chip-jobs.c — backup and restore of GBA EEPROM and Atmel page
 * flash carts through the one write protocol (DESIGN.md, "The write
 * protocol"; save-chips.md §1.5, §2): backed up first, only the 8-byte
 * blocks or 128-byte pages that change written, read back; a power loss
 * halfway is put right from the library copy */

#include "config.h"

#include <string.h>

#include "ks-test-emulator.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"

typedef KsTestJobs Fixture;

static KsTestEmulator *
start_eeprom (gsize                size,
              GBytes              *image,
              const char * const  *faults)
{
  return ks_test_emulator_start (ks_emulated_cart_new_gba_eeprom (size, image, NULL),
                                 KS_LK_PROFILE_L14, faults);
}

static GBytes *
cart_save_after (KsTestEmulator *emu)
{
  ks_test_emulator_stop (emu, NULL);
  return ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
}

static const KsFlashCounters *
counters_of (KsTestEmulator *emu)
{
  return ks_agb_eeprom_model_get_counters (
    ks_emulated_cart_get_agb_eeprom (ks_test_emulator_get_cart (emu)));
}

static void
test_backup_job_stores_the_save (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (8192, 0xB8);
  g_autoptr(KsTestEmulator) emu = start_eeprom (8192, image, NULL);
  g_autoptr(KsJob) job = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (ks_job_get_content (job), image);
  g_assert_nonnull (ks_job_get_result (job)->backup_id);
}

static void
test_restore_writes_only_changed_blocks (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (8192, 0xB9);
  /* blocks 3 and 4 side by side, block 900 alone */
  const gsize offsets[] = { 3 * 8 + 1, 4 * 8 + 7, 900 * 8 };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (image, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(KsTestEmulator) emu = start_eeprom (8192, image, NULL);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  const KsFlashCounters *counters = counters_of (emu);

  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, wanted, NULL,
                            FALSE);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_nonnull (ks_job_get_result (job)->backup_id);
  g_assert_cmpuint (ks_job_get_result (job)->bytes_programmed, ==, 3 * 8);

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, wanted);
  /* the chip took three block writes, at 3, 4 and 900, and nothing else */
  g_assert_cmpuint (counters->programs, ==, 3 * 8);
  g_assert_cmpuint (counters->sector_programs[3], ==, 8);
  g_assert_cmpuint (counters->sector_programs[4], ==, 8);
  g_assert_cmpuint (counters->sector_programs[900], ==, 8);
}

static void
test_restore_of_wrong_size_is_refused (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xBA);
  g_autoptr(GBytes) other = ks_test_random_bytes (8192, 0xBB);
  g_autoptr(KsTestEmulator) emu = start_eeprom (512, image, NULL);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;

  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, other, NULL,
                            FALSE);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_nonnull (error);
  g_test_message ("wrong size: %s", error->message);

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, image);
  g_assert_cmpuint (counters_of (emu)->programs, ==, 0);
}

static void
test_power_loss_mid_write_is_put_back (Fixture       *f,
                                       gconstpointer  data)
{
  /* the 5th block written is the last the chip takes */
  const char *faults[] = { "power-loss:40", NULL };
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xBC);
  g_autoptr(GBytes) other = ks_test_random_bytes (512, 0xBD);
  g_autoptr(KsTestEmulator) emu = start_eeprom (512, image, faults);
  g_autoptr(KsTestEmulator) again = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(KsJob) restore = NULL;
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;

  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, other, NULL,
                            FALSE);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_nonnull (error);
  g_test_message ("power loss: %s", error->message);
  g_assert_nonnull (ks_job_get_result (job)->backup_id);
  g_assert_nonnull (strstr (error->message, ks_job_get_result (job)->backup_id));
  g_clear_error (&error);

  /* half written: the first 5 blocks new, the rest old */
  damaged = cart_save_after (emu);
  g_assert_cmpmem (g_bytes_get_data (damaged, NULL), 40, g_bytes_get_data (other, NULL), 40);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (damaged, NULL) + 40, 472,
                   (const guint8 *) g_bytes_get_data (image, NULL) + 40, 472);

  /* the copy taken before the write brings every byte back */
  entry = ks_library_lookup (f->library, ks_job_get_result (job)->backup_id, &error);
  g_assert_no_error (error);
  stored = ks_library_load (f->library, entry, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (stored, image);

  again = start_eeprom (512, damaged, NULL);
  restore = ks_job_restore_new (f->library, ks_test_emulator_get_path (again), NULL, stored,
                                NULL, FALSE);
  g_assert_true (ks_test_jobs_run (f, restore, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (restore)->verified);
  now = cart_save_after (again);
  ks_test_assert_bytes_equal (now, image);
}

static void
test_atmel_restore_writes_only_changed_pages (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (64 * 1024, 0xA8);
  /* pages 0 and 300, and two bytes of page 511 */
  const gsize offsets[] = { 5, 300 * 128 + 64, 511 * 128, 511 * 128 + 127 };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (image, offsets, G_N_ELEMENTS (offsets));
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_ATMEL_AT29LV512, image,
                                                         NULL);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  const KsFlashCounters *counters =
    ks_agb_flash_model_get_counters (ks_emulated_cart_get_agb_flash (cart));
  g_autoptr(KsJob) backup = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_test_jobs_run (f, backup, &error));
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (ks_job_get_content (backup), image);

  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, wanted, NULL,
                            FALSE);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_cmpuint (ks_job_get_result (job)->sectors_erased, ==, 0);
  g_assert_cmpuint (ks_job_get_result (job)->bytes_programmed, ==, 3 * 128);

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, wanted);
  g_assert_cmpuint (counters->programs, ==, 3 * 128);
  g_assert_cmpuint (counters->sector_erase_ops + counters->chip_erase_ops, ==, 0);
}

static void
test_clock_cart_restore_writes_save_and_leaves_clock (Fixture       *f,
                                                     gconstpointer  data)
{
  /* 2026-12-07, weekday 1, 11:36:00 */
  const guint8 monday[7] = { 0x26, 0x12, 0x07, 0x01, 0x11, 0x36, 0x00 };
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xCE);
  const gsize offsets[] = { 17 };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (image, offsets, G_N_ELEMENTS (offsets));
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_eeprom (512, image, NULL);
  g_autoptr(KsTestEmulator) emu = NULL;
  g_autoptr(KsJob) backup = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  KsS3511Model *rtc;
  guint8 time_after[7];

  rtc = ks_s3511_model_new (ks_emulated_cart_get_clock (cart), monday, 0x40, FALSE);
  ks_emulated_cart_set_gba_rtc (cart, rtc);
  emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);

  /* the backup holds the save and mGBA's clock footer */
  backup = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_assert_true (ks_test_jobs_run (f, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (ks_job_get_content (backup)), ==, 512 + 16);
  g_assert_cmpmem (g_bytes_get_data (ks_job_get_content (backup), NULL), 512,
                   g_bytes_get_data (image, NULL), 512);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (ks_job_get_content (backup), NULL) + 512,
                   7, monday, 7);

  /* a restore writes the save's changed block and never sets the clock */
  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, wanted, NULL,
                            FALSE);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_cmpuint (ks_job_get_result (job)->bytes_programmed, ==, 8);

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, wanted);
  ks_s3511_model_peek_time (rtc, time_after);
  g_assert_cmpmem (time_after, 7, monday, 7);
  g_assert_cmpuint (ks_s3511_model_get_status (rtc), ==, 0x40);
}

/* A 512-byte EEPROM cart with a stopped S-3511 reading @bcd, status 0x40 */
static KsTestEmulator *
start_clock_cart (GBytes        *image,
                  const guint8  *bcd,
                  KsS3511Model **rtc)
{
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_eeprom (512, image, NULL);

  *rtc = ks_s3511_model_new (ks_emulated_cart_get_clock (cart), bcd, 0x40, FALSE);
  ks_emulated_cart_set_gba_rtc (cart, *rtc);
  return ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
}

/* 2026-12-07, weekday 1, 11:36:00 */
static const guint8 monday[7] = { 0x26, 0x12, 0x07, 0x01, 0x11, 0x36, 0x00 };

static void
test_clock_cart_restore_sets_clock_from_backup (Fixture       *f,
                                                gconstpointer  data)
{
  /* mGBA footer (save-chips.md §3.4): 2025-03-14, weekday 5, 15:09:26
   * (hour 0x15 with the PM flag: 0x95), status 0x40, Unix time 0 */
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex ("25 03 14 05 95 09 26 40 "
                                                     "00 00 00 00 00 00 00 00");
  const guint8 wanted_time[7] = { 0x25, 0x03, 0x14, 0x05, 0x95, 0x09, 0x26 };
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xD1);
  const gsize offsets[] = { 300 };
  g_autoptr(GBytes) changed = ks_test_bytes_changed (image, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GBytes) content = ks_test_bytes_concat (changed, footer);
  g_autoptr(KsBackupEntry) before = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  KsS3511Model *rtc;
  g_autoptr(KsTestEmulator) emu = start_clock_cart (image, monday, &rtc);
  guint8 time_after[7];

  job = ks_job_restore_new_full (f->library, ks_test_emulator_get_path (emu), NULL, content, NULL,
                                 FALSE, KS_CLOCK_FROM_BACKUP);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_cmpuint (ks_job_get_result (job)->bytes_programmed, ==, 8);
  g_assert_cmpstr (ks_job_get_result (job)->clock_set_to, ==, "Friday 2025-03-14 15:09:26");

  /* the library holds what the cart held before: its save and its clock */
  before = ks_library_lookup (f->library, ks_job_get_result (job)->backup_id, &error);
  g_assert_no_error (error);
  kept = ks_library_load (f->library, before, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (kept), ==, 512 + 16);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), 512, g_bytes_get_data (image, NULL), 512);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (kept, NULL) + 512, 7, monday, 7);

  ks_s3511_model_peek_time (rtc, time_after);
  g_assert_cmpmem (time_after, 7, wanted_time, 7);
  g_assert_cmpuint (ks_s3511_model_get_status (rtc), ==, 0x40);
  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, changed);
}

static gint64
bcd_seconds (const guint8 *bcd)
{
  guint f[7];

  for (guint i = 0; i < 7; i++)
    f[i] = ((i == 4 ? bcd[i] & 0x7F : bcd[i]) >> 4) * 10 + (bcd[i] & 0xF);
  {
    g_autoptr(GDateTime) t = g_date_time_new_utc (2000 + (gint) f[0], (gint) f[1], (gint) f[2],
                                                  (gint) f[4], (gint) f[5], f[6]);
    return g_date_time_to_unix (t);
  }
}

static void
test_clock_cart_restore_sets_clock_to_now (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xD2);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  KsS3511Model *rtc;
  g_autoptr(KsTestEmulator) emu = start_clock_cart (image, monday, &rtc);
  guint8 time_after[7];
  gint64 local_start, local_end, set;

  /* local time as the clock shows it: seconds of a UTC calendar */
  start = g_date_time_new_now_local ();
  job = ks_job_restore_new_full (f->library, ks_test_emulator_get_path (emu), NULL, image, NULL,
                                 FALSE, KS_CLOCK_NOW);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  end = g_date_time_new_now_local ();
  g_assert_nonnull (ks_job_get_result (job)->clock_set_to);

  ks_s3511_model_peek_time (rtc, time_after);
  local_start = g_date_time_to_unix (start) + g_date_time_get_utc_offset (start) / G_TIME_SPAN_SECOND;
  local_end = g_date_time_to_unix (end) + g_date_time_get_utc_offset (end) / G_TIME_SPAN_SECOND;
  set = bcd_seconds (time_after);
  g_assert_cmpint (set, >=, local_start);
  g_assert_cmpint (set, <=, local_end + 1);
  /* weekday 0 is Sunday */
  g_assert_cmpuint (time_after[3], ==, g_date_time_get_day_of_week (end) % 7);
  g_assert_cmpuint (ks_s3511_model_get_status (rtc), ==, 0x40);
}

static void
test_clock_from_backup_without_footer_refused (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xD3);
  const gsize offsets[] = { 40 };
  g_autoptr(GBytes) changed = ks_test_bytes_changed (image, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = NULL;
  KsS3511Model *rtc;
  g_autoptr(KsTestEmulator) emu = start_clock_cart (image, monday, &rtc);
  guint8 time_after[7];

  job = ks_job_restore_new_full (f->library, ks_test_emulator_get_path (emu), NULL, changed, NULL,
                                 FALSE, KS_CLOCK_FROM_BACKUP);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Nothing was written"));
  g_assert_nonnull (strstr (error->message, "no clock footer"));

  /* neither the save nor the clock changed */
  ks_s3511_model_peek_time (rtc, time_after);
  g_assert_cmpmem (time_after, 7, monday, 7);
  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, image);
}

/* A file from the file manager written as the cart's whole save (the
 * copy job) takes the same clock choice: from its own footer, checked
 * before anything is written */
static void
test_clock_cart_copy_of_a_file_sets_clock_from_its_footer (Fixture       *f,
                                                           gconstpointer  data)
{
  /* mGBA footer (save-chips.md §3.4): 2024-02-29, weekday 4, 08:15:00,
   * status 0x40, Unix time 0 */
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex ("24 02 29 04 08 15 00 40 "
                                                     "00 00 00 00 00 00 00 00");
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xD4);
  const gsize offsets[] = { 7, 511 };
  g_autoptr(GBytes) changed = ks_test_bytes_changed (image, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GBytes) with_clock = ks_test_bytes_concat (changed, footer);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *bare = ks_test_write_file (dir, "bare.sav", changed);
  g_autofree char *clocked = ks_test_write_file (dir, "clocked.sav", with_clock);
  g_autoptr(KsJob) refused = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  KsS3511Model *rtc;
  g_autoptr(KsTestEmulator) emu = start_clock_cart (image, monday, &rtc);
  const char *port = ks_test_emulator_get_path (emu);
  guint8 time_after[7];

  /* a file without a footer: refused, the cart's save and clock as they were */
  refused = ks_job_copy_new_full (f->library, bare, NULL, NULL, port, NULL,
                                  KS_COPY_CHOICE_REPLACE, NULL, FALSE, KS_CLOCK_FROM_BACKUP);
  g_assert_false (ks_test_jobs_run (f, refused, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Nothing was written"));
  g_assert_nonnull (strstr (error->message, "no clock footer"));
  g_assert_cmpuint (counters_of (emu)->programs, ==, 0);
  ks_s3511_model_peek_time (rtc, time_after);
  g_assert_cmpmem (time_after, 7, monday, 7);
  g_clear_error (&error);

  job = ks_job_copy_new_full (f->library, clocked, NULL, NULL, port, NULL,
                              KS_COPY_CHOICE_REPLACE, NULL, FALSE, KS_CLOCK_FROM_BACKUP);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_cmpuint (ks_job_get_result (job)->bytes_programmed, ==, 2 * 8);
  g_assert_cmpstr (ks_job_get_result (job)->clock_set_to, ==, "Thursday 2024-02-29 08:15:00");

  ks_s3511_model_peek_time (rtc, time_after);
  g_assert_cmpmem (time_after, 7, g_bytes_get_data (footer, NULL), 7);
  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, changed);
}

static void
test_clock_choice_parse (void)
{
  g_autoptr(GError) error = NULL;
  KsClockChoice choice = KS_CLOCK_NOW;

  g_assert_true (ks_clock_choice_parse ("keep", &choice, NULL));
  g_assert_cmpint (choice, ==, KS_CLOCK_KEEP);
  g_assert_true (ks_clock_choice_parse ("now", &choice, NULL));
  g_assert_cmpint (choice, ==, KS_CLOCK_NOW);
  g_assert_true (ks_clock_choice_parse ("from-backup", &choice, NULL));
  g_assert_cmpint (choice, ==, KS_CLOCK_FROM_BACKUP);
  g_assert_false (ks_clock_choice_parse ("reset", &choice, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "keep, now or from-backup"));
}

static void
test_atmel_override_names_the_chip (void)
{
  g_autoptr(GError) error = NULL;
  KsCartOverride override;

  g_assert_true (ks_cart_override_parse ("gba-flash-atmel", &override, &error));
  g_assert_no_error (error);
  g_assert_cmpint (override.kind, ==, KS_CART_GBA_FLASH);
  g_assert_cmphex (override.flash_id, ==, 0x1F3D);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, ks_test_jobs_set_up, (func), ks_test_jobs_tear_down)

  ADD ("/save-chip-jobs/eeprom/backup/stores-the-save", test_backup_job_stores_the_save);
  ADD ("/save-chip-jobs/eeprom/restore/writes-only-changed-blocks", test_restore_writes_only_changed_blocks);
  ADD ("/save-chip-jobs/eeprom/restore/wrong-size-is-refused", test_restore_of_wrong_size_is_refused);
  ADD ("/save-chip-jobs/eeprom/restore/power-loss-mid-write-is-put-back",
       test_power_loss_mid_write_is_put_back);

  ADD ("/save-chip-jobs/atmel/restore-writes-only-changed-pages",
       test_atmel_restore_writes_only_changed_pages);
  ADD ("/save-chip-jobs/clock/restore-writes-save-and-leaves-clock",
       test_clock_cart_restore_writes_save_and_leaves_clock);
  ADD ("/save-chip-jobs/clock/restore-sets-clock-from-backup",
       test_clock_cart_restore_sets_clock_from_backup);
  ADD ("/save-chip-jobs/clock/restore-sets-clock-to-now", test_clock_cart_restore_sets_clock_to_now);
  ADD ("/save-chip-jobs/clock/from-backup-without-footer-refused",
       test_clock_from_backup_without_footer_refused);
  ADD ("/save-chip-jobs/clock/copy-of-a-file-sets-clock-from-its-footer",
       test_clock_cart_copy_of_a_file_sets_clock_from_its_footer);
  g_test_add_func ("/save-chip-jobs/clock/choice-parse", test_clock_choice_parse);
  g_test_add_func ("/save-chip-jobs/atmel/override-names-the-chip",
                   test_atmel_override_names_the_chip);

#undef ADD

  return g_test_run ();
}
