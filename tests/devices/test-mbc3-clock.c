/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-mbc3-clock.c — the MBC3 clock: the model's latch, detection reading
 * it through the LK reader over a real pty, and BGB's and VBA-M's 48-byte
 * footer after the RAM in a backup (save-chips.md §4) */

#include "config.h"

#include <string.h>

#include "ks-test-emulator.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"

/* S=5 M=4 H=3, day 0x12A (DL 0x2A, DH bit 0) */
static const guint8 registers[5] = { 0x05, 0x04, 0x03, 0x2A, 0x01 };

static void
latch_and_read (KsBus  *bus,
                guint8 *out)
{
  g_assert_true (ks_bus_write (bus, 0x0000, 0x0A, NULL));
  g_assert_true (ks_bus_write (bus, 0x6000, 0x00, NULL));
  g_assert_true (ks_bus_write (bus, 0x6000, 0x01, NULL));
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (ks_bus_write (bus, 0x4000, (guint8) (0x08 + i), NULL));
      g_assert_true (ks_bus_read (bus, 0xA000, &out[i], NULL));
    }
}

static void
test_model_latches_the_running_time (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0x3C);
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("CLOCK", KS_GB_MBC_MBC3, 8192);
  g_autoptr(KsGbMbcModel) model = ks_gb_mbc_model_new (KS_GB_MBC_MBC3, rom, ram);
  const guint8 later[5] = { 0x0A, 0x05, 0x03, 0x2A, 0x01 };
  guint8 out[5];

  ks_gb_mbc_model_set_clock (model, &clock, registers);
  ks_flash_clock_advance (&clock, 65 * G_USEC_PER_SEC);
  /* §4.1: nothing moves until 00 then 01 latches it */
  g_assert_true (ks_bus_write (ks_gb_mbc_model_get_bus (model), 0x4000, 0x08, NULL));
  g_assert_true (ks_bus_read (ks_gb_mbc_model_get_bus (model), 0xA000, &out[0], NULL));
  g_assert_cmpuint (out[0], ==, 0x05);

  latch_and_read (ks_gb_mbc_model_get_bus (model), out);
  g_assert_cmpmem (out, 5, later, 5);
}

static void
test_model_halted_clock_stands (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0x3D);
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("CLOCK", KS_GB_MBC_MBC3, 8192);
  g_autoptr(KsGbMbcModel) model = ks_gb_mbc_model_new (KS_GB_MBC_MBC3, rom, ram);
  const guint8 halted[5] = { 0x05, 0x04, 0x03, 0x2A, 0x41 };
  guint8 out[5];

  ks_gb_mbc_model_set_clock (model, &clock, halted);
  ks_flash_clock_advance (&clock, 3600 * (guint64) G_USEC_PER_SEC);
  latch_and_read (ks_gb_mbc_model_get_bus (model), out);
  g_assert_cmpmem (out, 5, halted, 5);
}

/* A Game Boy ROM whose header says MBC3+TIMER+RAM+BATTERY (0x10), with
 * its header checksum (Pan Docs) */
static GBytes *
timer_rom (void)
{
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("CLOCK CART", KS_GB_MBC_MBC3, 32768);
  gsize size;
  guint8 *bytes = g_bytes_unref_to_data (g_steal_pointer (&rom), &size);
  guint8 sum = 0;

  bytes[0x147] = 0x10;
  for (guint i = 0x134; i <= 0x14C; i++)
    sum = (guint8) (sum - bytes[i] - 1);
  bytes[0x14D] = sum;
  return g_bytes_new_take (bytes, size);
}

static KsTestEmulator *
start_timer_cart (GBytes *ram)
{
  g_autoptr(GBytes) rom = timer_rom ();
  KsEmulatedCart *cart = ks_emulated_cart_new_gb (KS_GB_MBC_MBC3, ram, rom);

  ks_gb_mbc_model_set_clock (ks_emulated_cart_get_gb_mbc (cart), ks_emulated_cart_get_clock (cart),
                             registers);
  return ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
}

static void
test_backup_keeps_the_clock_in_48_byte_footer (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x3E);
  g_autoptr(KsTestEmulator) emu = start_timer_cart (ram);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  const guint8 *bytes;
  gsize size;
  KsMbc3Rtc rtc;
  KsCartInfo info;

  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, KS_CART_GB);
  g_assert_true (info.has_mbc3_clock);
  g_assert_cmpmem (info.mbc3_clock, 5, registers, 5);
  g_assert_nonnull (strstr (info.notes, "Clock: the MBC3's, on day 298 at 03:04:05, running."));
  described = ks_cart_info_describe (&info);
  g_assert_true (g_str_has_suffix (described, ", clock day 298 03:04:05, running"));

  read = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (read, &size);
  g_assert_cmpuint (size, ==, 32768 + 48);
  g_assert_cmpmem (bytes, 32768, g_bytes_get_data (ram, NULL), 32768);

  /* §4.2: 5 running registers, 5 latched, each a u32 LE, then a u64 time */
  {
    const guint8 expected[40] = {
      0x05, 0, 0, 0,  0x04, 0, 0, 0,  0x03, 0, 0, 0,  0x2A, 0, 0, 0,  0x01, 0, 0, 0,
      0x05, 0, 0, 0,  0x04, 0, 0, 0,  0x03, 0, 0, 0,  0x2A, 0, 0, 0,  0x01, 0, 0, 0,
    };

    g_assert_cmpmem (bytes + 32768, 40, expected, 40);
  }
  g_assert_true (ks_mbc3_rtc_footer_parse (bytes + 32768, 48, &rtc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rtc.saved_unix, ==, info.clock_read_unix);
  g_assert_false (ks_mbc3_rtc_halted (&rtc));
  ks_cart_info_clear (&info);
}

static void
test_restore_with_footer_writes_ram_only (KsTestJobs    *f,
                                          gconstpointer  data)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x3F);
  const gsize offsets[] = { 9000 };
  g_autoptr(GBytes) changed = ks_test_bytes_changed (ram, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(KsTestEmulator) emu = start_timer_cart (ram);
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GBytes) content = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  guint8 footer[48] = { 0 };
  guint8 out[5];

  /* a file from an emulator: the RAM and a footer with another time */
  g_byte_array_append (file, g_bytes_get_data (changed, NULL), 32768);
  footer[0] = 0x30;
  g_byte_array_append (file, footer, sizeof footer);
  content = g_byte_array_free_to_bytes (g_steal_pointer (&file));

  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, content, NULL,
                            FALSE);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, changed);
  /* the clock was not set from the file (the cart powered again to look) */
  ks_gb_mbc_model_set_powered (ks_emulated_cart_get_gb_mbc (ks_test_emulator_get_cart (emu)),
                               TRUE);
  latch_and_read (ks_gb_mbc_model_get_bus (ks_emulated_cart_get_gb_mbc (
                    ks_test_emulator_get_cart (emu))), out);
  g_assert_cmpuint (out[0], !=, 0x30);
  g_assert_cmpmem (out + 1, 4, registers + 1, 4);
}

static void
test_model_takes_register_writes (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0x40);
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("CLOCK", KS_GB_MBC_MBC3, 8192);
  g_autoptr(KsGbMbcModel) model = ks_gb_mbc_model_new (KS_GB_MBC_MBC3, rom, ram);
  KsBus *bus = ks_gb_mbc_model_get_bus (model);
  /* S=50 M=40 H=22, day 0x105: DL 0x05, DH day bit 8 */
  const guint8 set[5] = { 50, 40, 22, 0x05, 0x01 };
  const guint8 ten_later[5] = { 0, 41, 22, 0x05, 0x01 };
  guint8 out[5];

  ks_gb_mbc_model_set_clock (model, &clock, registers);
  g_assert_true (ks_bus_write (bus, 0x0000, 0x0A, NULL));
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (ks_bus_write (bus, 0x4000, (guint8) (0x08 + i), NULL));
      g_assert_true (ks_bus_write (bus, 0xA000, set[i], NULL));
    }
  latch_and_read (bus, out);
  g_assert_cmpmem (out, 5, set, 5);

  /* the clock runs on from what was written */
  ks_flash_clock_advance (&clock, 10 * G_USEC_PER_SEC);
  latch_and_read (bus, out);
  g_assert_cmpmem (out, 5, ten_later, 5);

  /* the cart's RAM is untouched by clock writes */
  g_assert_true (ks_bus_write (bus, 0x4000, 0x00, NULL));
  g_assert_true (ks_bus_read (bus, 0xA000, &out[0], NULL));
  g_assert_cmpuint (out[0], ==, ((const guint8 *) g_bytes_get_data (ram, NULL))[0]);
}

static GBytes *
ram_with_footer (GBytes       *ram,
                 const guint8 *now)
{
  GByteArray *file = g_byte_array_new ();
  guint8 footer[48] = { 0 };

  g_byte_array_append (file, g_bytes_get_data (ram, NULL), (guint) g_bytes_get_size (ram));
  for (guint i = 0; i < 5; i++)
    footer[4 * i] = footer[20 + 4 * i] = now[i];
  g_byte_array_append (file, footer, sizeof footer);
  return g_byte_array_free_to_bytes (file);
}

static void
test_restore_sets_clock_from_backup (KsTestJobs    *f,
                                     gconstpointer  data)
{
  /* S=48 M=21 H=7, day 16, running */
  const guint8 wanted[5] = { 48, 21, 7, 16, 0x00 };
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x41);
  const gsize offsets[] = { 77 };
  g_autoptr(GBytes) changed = ks_test_bytes_changed (ram, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GBytes) content = ram_with_footer (changed, wanted);
  g_autoptr(KsTestEmulator) emu = start_timer_cart (ram);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  KsGbMbcModel *model;
  guint8 out[5];

  job = ks_job_restore_new_full (f->library, ks_test_emulator_get_path (emu), NULL, content, NULL,
                                 FALSE, KS_CLOCK_FROM_BACKUP);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_cmpstr (ks_job_get_result (job)->clock_set_to, ==, "day 16, 07:21:48");

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, changed);
  model = ks_emulated_cart_get_gb_mbc (ks_test_emulator_get_cart (emu));
  ks_gb_mbc_model_set_powered (model, TRUE);
  latch_and_read (ks_gb_mbc_model_get_bus (model), out);
  /* a running clock: the seconds may have moved on a little */
  g_assert_cmpuint (out[0], >=, 48);
  g_assert_cmpuint (out[0], <=, 53);
  g_assert_cmpmem (out + 1, 4, wanted + 1, 4);
}

static void
test_restore_refuses_now_for_mbc3 (KsTestJobs    *f,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x42);
  const gsize offsets[] = { 5 };
  g_autoptr(GBytes) changed = ks_test_bytes_changed (ram, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(KsTestEmulator) emu = start_timer_cart (ram);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;

  job = ks_job_restore_new_full (f->library, ks_test_emulator_get_path (emu), NULL, changed, NULL,
                                 FALSE, KS_CLOCK_NOW);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "cannot be set to now"));

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, ram);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mbc3-clock/model/latches-the-running-time",
                   test_model_latches_the_running_time);
  g_test_add_func ("/mbc3-clock/model/halted-clock-stands", test_model_halted_clock_stands);
  g_test_add_func ("/mbc3-clock/reader/backup-keeps-the-clock-in-48-byte-footer",
                   test_backup_keeps_the_clock_in_48_byte_footer);
  g_test_add_func ("/mbc3-clock/model/takes-register-writes", test_model_takes_register_writes);
  g_test_add ("/mbc3-clock/jobs/restore-sets-clock-from-backup", KsTestJobs, NULL,
              ks_test_jobs_set_up, test_restore_sets_clock_from_backup, ks_test_jobs_tear_down);
  g_test_add ("/mbc3-clock/jobs/restore-refuses-now", KsTestJobs, NULL,
              ks_test_jobs_set_up, test_restore_refuses_now_for_mbc3, ks_test_jobs_tear_down);
  g_test_add ("/mbc3-clock/jobs/restore-with-footer-writes-ram-only", KsTestJobs, NULL,
              ks_test_jobs_set_up, test_restore_with_footer_writes_ram_only,
              ks_test_jobs_tear_down);

  return g_test_run ();
}
