/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-emulator-binary.c — keepsake-emulator as a program: its pty, the
 * reader driver through it, and the images it writes back at exit */

#include "config.h"

#include <signal.h>

#include "ks-test-utils.h"

typedef struct
{
  GSubprocess *process;
  char        *path;
} Emulator;

static void
emulator_start (Emulator    *emu,
                const char  *first_arg,
                ...) G_GNUC_NULL_TERMINATED;

static void
emulator_start (Emulator    *emu,
                const char  *first_arg,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *binary = g_getenv ("KEEPSAKE_EMULATOR");
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  emu->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                    G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);

  /* the first line of stdout is the port */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (emu->process));
  emu->path = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (emu->path);
  g_assert_true (g_str_has_prefix (emu->path, "/dev/pts/"));
}

static int
emulator_stop (Emulator *emu)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_subprocess_send_signal (emu->process, SIGTERM);
  g_subprocess_wait (emu->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (emu->process));
  status = g_subprocess_get_exit_status (emu->process);
  g_clear_object (&emu->process);
  g_clear_pointer (&emu->path, g_free);

  return status;
}

static void
test_binary_serves_gba_flash_read (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_random_bytes (128 * 1024, 77);
  g_autofree char *file = ks_test_write_file (dir, "pokemon.sav", image);
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *bak = g_strconcat (file, ".bak", NULL);
  KsCartInfo info;
  Emulator emu;

  emulator_start (&emu, "--gba-flash", file, "--chip", "sanyo", NULL);

  reader = ks_lk_reader_open (emu.path, &error);
  g_assert_no_error (error);
  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));
  g_assert_no_error (error);
  g_assert_cmphex (info.flash_id, ==, 0x6213);
  read = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, image);
  g_clear_object (&reader);

  g_assert_cmpint (emulator_stop (&emu), ==, 0);
  /* reading changed nothing, so nothing was written */
  after = ks_test_read_file (file);
  ks_test_assert_bytes_equal (after, image);
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  ks_cart_info_clear (&info);
}

static void
test_binary_writes_chip_back_at_exit (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_random_bytes (KS_SST28SF040_SIZE, 78);
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 79);
  g_autofree char *file = ks_test_write_file (dir, "card.bin", image);
  g_autofree char *top = ks_test_write_file (dir, "top.sav", ram);
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) top_after = NULL;
  g_autoptr(GBytes) bak = NULL;
  g_autofree char *bak_path = g_strconcat (file, ".bak", NULL);
  KsMmcMapper mapper;
  Emulator emu;

  emulator_start (&emu, "--mmc", file, "--gb-sram", top, "--mbc", "5", NULL);

  reader = ks_lk_reader_open (emu.path, &error);
  g_assert_no_error (error);
  g_assert_true (ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, &error));
  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  g_assert_true (ks_sst28sf040_erase_sector (ks_mmc_mapper_get_bus (&mapper), 0x100, &error));
  g_assert_no_error (error);
  g_clear_object (&reader);

  g_assert_cmpint (emulator_stop (&emu), ==, 0);
  after = ks_test_read_file (file);
  g_assert_true (ks_bytes_all ((const guint8 *) g_bytes_get_data (after, NULL) + 0x100, 0x100, 0xFF));
  g_assert_cmpmem (g_bytes_get_data (after, NULL), 0x100, g_bytes_get_data (image, NULL), 0x100);
  /* the previous content is kept, as by every Keepsake write */
  bak = ks_test_read_file (bak_path);
  ks_test_assert_bytes_equal (bak, image);
  /* the cart on top was not touched */
  top_after = ks_test_read_file (top);
  ks_test_assert_bytes_equal (top_after, ram);
}

static void
test_binary_power_loss_exits_and_saves (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_random_bytes (128 * 1024, 80);
  g_autofree char *file = ks_test_write_file (dir, "flash.sav", image);
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  KsCartInfo info;
  KsAgbFlash flash;
  Emulator emu;

  emulator_start (&emu, "--gba-flash", file, "--fault", "power-loss:1", NULL);

  reader = ks_lk_reader_open (emu.path, &error);
  g_assert_no_error (error);
  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));
  ks_agb_flash_init (&flash, ks_lk_reader_get_bus (reader), info.flash_chip);
  g_assert_false (ks_agb_flash_erase_sector (&flash, 0x2000, &error));
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED);
  g_clear_object (&reader);

  /* the device went away on its own; the process ends and saves */
  g_subprocess_wait (emu.process, NULL, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (emu.process), ==, 0);
  g_clear_object (&emu.process);
  g_free (emu.path);

  after = ks_test_read_file (file);
  g_assert_true (ks_bytes_all ((const guint8 *) g_bytes_get_data (after, NULL) + 0x2000, 0x800, 0xFF));
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (after, NULL) + 0x2800, 0x800,
                   (const guint8 *) g_bytes_get_data (image, NULL) + 0x2800, 0x800);
  ks_cart_info_clear (&info);
}

static void
test_binary_timing_takes_wire_time (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 81);
  g_autofree char *file = ks_test_write_file (dir, "cart.sav", ram);
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;
  Emulator emu;
  gint64 start;
  double seconds;

  emulator_start (&emu, "--timing", "--gb-sram", file, "--mbc", "1", NULL);
  reader = ks_lk_reader_open (emu.path, &error);
  g_assert_no_error (error);
  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));

  start = g_get_monotonic_time ();
  read = ks_reader_backup_read (reader, &info, 0, NULL, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, ram);
  /* two reads of 4 KiB at 1,500,000 baud: each a 1 ms round trip, and
   * 8192 bytes of 10 bits on the wire */
  g_test_message ("8 KiB in %.3f s at %u baud", seconds, ks_lk_reader_get_baud (reader));
  g_assert_cmpuint (ks_lk_reader_get_baud (reader), ==, 1500000);
  g_assert_cmpfloat (seconds, >=, 2 * 0.001 + 8192 * 10 / 1.5e6);
  g_clear_object (&reader);

  g_assert_cmpint (emulator_stop (&emu), ==, 0);
  ks_cart_info_clear (&info);
}

static void
test_binary_refuses_bad_arguments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;
  const char *binary = g_getenv ("KEEPSAKE_EMULATOR");

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, binary, "--gb-sram", "/nonexistent.sav", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "--mbc"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/emulator-binary/serves-gba-flash-read", test_binary_serves_gba_flash_read);
  g_test_add_func ("/emulator-binary/writes-chip-back-at-exit", test_binary_writes_chip_back_at_exit);
  g_test_add_func ("/emulator-binary/power-loss-exits-and-saves", test_binary_power_loss_exits_and_saves);
  g_test_add_func ("/emulator-binary/timing-takes-wire-time", test_binary_timing_takes_wire_time);
  g_test_add_func ("/emulator-binary/refuses-bad-arguments", test_binary_refuses_bad_arguments);

  return g_test_run ();
}
