/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-agb-eeprom-reader.c — GBA EEPROM carts through the LK reader driver
 * over a real pty, against the emulated GBxCart RW clocking the EEPROM
 * model bit by bit (save-chips.md §1.3-§1.6) */

#include "config.h"

#include <string.h>

#include "ks-test-emulator.h"
#include "ks-test-utils.h"

static KsTestEmulator *
start_eeprom (gsize                size,
              GBytes              *image,
              const char * const  *faults)
{
  return ks_test_emulator_start (ks_emulated_cart_new_gba_eeprom (size, image, NULL),
                                 KS_LK_PROFILE_L14, faults);
}

static void
detect_with (KsLkReader *reader,
             const char *spec,
             KsCartInfo *info)
{
  g_autoptr(GError) error = NULL;
  KsCartOverride override;

  ks_cart_override_init (&override);
  if (spec != NULL)
    {
      g_assert_true (ks_cart_override_parse (spec, &override, &error));
      g_assert_no_error (error);
    }
  g_assert_true (ks_cart_detect (reader, &override, info, &error));
  g_assert_no_error (error);
}

static GBytes *
backup (KsLkReader       *reader,
        const KsCartInfo *info)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ks_reader_backup_read (reader, info, KS_READER_BACKUP_VERIFY, NULL, NULL,
                                         NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static guint64
programs (KsTestEmulator *emu)
{
  KsAgbEepromModel *chip = ks_emulated_cart_get_agb_eeprom (ks_test_emulator_get_cart (emu));

  return ks_agb_eeprom_model_get_counters (chip)->programs;
}

static void
test_8k_detected_by_probe_and_read_twice (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (8192, 0xE8);
  g_autoptr(KsTestEmulator) emu = start_eeprom (8192, image, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  g_autofree char *described = NULL;
  KsLkStats before, after;
  KsCartInfo info;

  detect_with (reader, NULL, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_EEPROM);
  g_assert_cmpuint (info.save_size, ==, 8192);
  g_assert_true (info.sure);
  g_assert_nonnull (strstr (info.notes, "8 KiB EEPROM, found by the probe"));
  described = ks_cart_info_describe (&info);
  g_assert_cmpstr (described, ==, "GBA EEPROM save “KEEPSAKE”, 8.0\u00a0KiB of save");

  /* the wire cost of a checked backup: two whole reads of 8 KiB in 4 KiB
   * replies, and hardly a command besides */
  ks_lk_reader_get_stats (reader, &before);
  read = backup (reader, &info);
  ks_lk_reader_get_stats (reader, &after);
  ks_test_assert_bytes_equal (read, image);
  g_test_message ("8 KiB EEPROM backup, read twice: %" G_GUINT64_FORMAT " commands, %"
                  G_GUINT64_FORMAT " round trips, %" G_GUINT64_FORMAT " bytes sent, %"
                  G_GUINT64_FORMAT " bytes received",
                  after.commands - before.commands, after.round_trips - before.round_trips,
                  after.bytes_sent - before.bytes_sent,
                  after.bytes_received - before.bytes_received);
  g_assert_cmpuint (after.bytes_received - before.bytes_received, >=, 2 * 8192);
  g_assert_cmpuint (after.bytes_received - before.bytes_received, <=, 2 * 8192 + 8);
  g_assert_cmpuint (after.round_trips - before.round_trips, <=, 6);

  /* nothing was written, neither by the probe nor by the backup */
  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  g_assert_cmpuint (programs (emu), ==, 0);
  ks_cart_info_clear (&info);
}

static void
test_512_detected_by_probe (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xE5);
  g_autoptr(KsTestEmulator) emu = start_eeprom (512, image, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;

  detect_with (reader, NULL, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_EEPROM);
  g_assert_cmpuint (info.save_size, ==, 512);
  g_assert_true (info.sure);
  g_assert_nonnull (strstr (info.notes, "512-byte EEPROM, found by the probe"));

  read = backup (reader, &info);
  ks_test_assert_bytes_equal (read, image);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  g_assert_cmpuint (programs (emu), ==, 0);
  ks_cart_info_clear (&info);
}

static void
test_blank_eeprom_needs_the_override (void)
{
  g_autoptr(KsTestEmulator) emu = start_eeprom (8192, NULL, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  KsCartInfo info, named;

  /* all 0xFF both ways: a blank chip and no chip look the same */
  detect_with (reader, NULL, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_OTHER);
  g_assert_false (info.sure);
  g_assert_nonnull (strstr (info.notes, "--cart gba-eeprom-512 or gba-eeprom-8k"));
  g_assert_null (ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL,
                                        NULL, &error));
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_CART);

  detect_with (reader, "gba-eeprom-8k", &named);
  g_assert_cmpint (named.kind, ==, KS_CART_GBA_EEPROM);
  g_assert_cmpuint (named.save_size, ==, 8192);
  g_assert_true (named.sure);
  read = backup (reader, &named);
  g_assert_cmpuint (g_bytes_get_size (read), ==, 8192);
  g_assert_true (ks_bytes_all (g_bytes_get_data (read, NULL), 8192, 0xFF));

  ks_cart_info_clear (&info);
  ks_cart_info_clear (&named);
}

static void
test_override_names_the_size (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xE6);
  g_autoptr(KsTestEmulator) emu = start_eeprom (512, image, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsCartOverride override;
  g_autoptr(GError) error = NULL;
  KsCartInfo info;

  detect_with (reader, "gba-eeprom-512", &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_EEPROM);
  g_assert_cmpuint (info.save_size, ==, 512);
  g_assert_nonnull (strstr (info.notes, "set by the user"));
  read = backup (reader, &info);
  ks_test_assert_bytes_equal (read, image);
  ks_cart_info_clear (&info);

  g_assert_false (ks_cart_override_parse ("gba-eeprom-4k", &override, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ks_cart_override_parse ("gba-eeprom-8k:512", &override, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_short_eeprom_read_is_retried (void)
{
  const char * const faults[] = { "short-read:4", "junk:6", NULL };
  g_autoptr(GBytes) image = ks_test_random_bytes (8192, 0xE7);
  g_autoptr(KsTestEmulator) emu = start_eeprom (8192, image, faults);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsLkStats stats;
  KsCartInfo info;

  detect_with (reader, "gba-eeprom-8k", &info);
  read = backup (reader, &info);
  ks_test_assert_bytes_equal (read, image);
  ks_lk_reader_get_stats (reader, &stats);
  g_assert_cmpuint (stats.retries + stats.junk_bytes, >, 0);
  ks_cart_info_clear (&info);
}

static void
test_write_blocks_through_reader (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xE9);
  g_autoptr(KsTestEmulator) emu = start_eeprom (512, image, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  guint8 blocks[24], back[24];
  KsLkStats before, after;

  for (guint i = 0; i < sizeof blocks; i++)
    blocks[i] = (guint8) (0xA0 + i);

  g_assert_true (ks_lk_reader_start_session (reader, KS_LK_SESSION_AGB, &error));
  ks_lk_reader_get_stats (reader, &before);
  /* blocks 61-63: one C6 with 24 bytes */
  g_assert_true (ks_lk_reader_write_agb_eeprom (reader, KS_AGB_EEPROM_ADDRESS_6, 61, blocks,
                                                sizeof blocks, &error));
  g_assert_no_error (error);
  ks_lk_reader_get_stats (reader, &after);
  g_assert_cmpuint (after.round_trips - before.round_trips, <=, 3);

  g_assert_true (ks_lk_reader_read_agb_eeprom (reader, KS_AGB_EEPROM_ADDRESS_6, 61, back,
                                               sizeof back, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (back, sizeof back, blocks, sizeof blocks);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  g_assert_cmpuint (programs (emu), ==, 24);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agb-eeprom-reader/detect/8k-by-probe-and-read-twice",
                   test_8k_detected_by_probe_and_read_twice);
  g_test_add_func ("/agb-eeprom-reader/detect/512-by-probe", test_512_detected_by_probe);
  g_test_add_func ("/agb-eeprom-reader/detect/blank-eeprom-needs-the-override",
                   test_blank_eeprom_needs_the_override);
  g_test_add_func ("/agb-eeprom-reader/detect/override-names-the-size",
                   test_override_names_the_size);
  g_test_add_func ("/agb-eeprom-reader/fault/short-read-is-retried",
                   test_short_eeprom_read_is_retried);
  g_test_add_func ("/agb-eeprom-reader/write/blocks-through-reader",
                   test_write_blocks_through_reader);

  return g_test_run ();
}
