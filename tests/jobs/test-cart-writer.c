/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cart-writer.c — the sector-minimal write through the reader, against
 * the emulated GBxCart RW and the chip models' own counters
 * (cart-reader-protocol.md §4, §5, §7.1) */

#include "config.h"

#include <string.h>

#include "ks-test-emulator.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"

static void
detect (KsLkReader *reader,
        KsCartInfo *info)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_cart_detect (reader, NULL, info, &error));
  g_assert_no_error (error);
}

static void
test_gba_flash_one_sector (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (128 * 1024, 0x71);
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image,
                                                         NULL);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  KsAgbFlashModel *model = ks_emulated_cart_get_agb_flash (cart);
  /* two bytes in the second bank's sector 3: one sector to rewrite */
  const gsize offsets[] = { 0x13010, 0x13FFF };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (image, offsets, 2);
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsWriteResult) result = { 0 };
  KsCartInfo info;

  detect (reader, &info);
  ks_write_result_init (&result);
  ks_agb_flash_model_reset_counters (model);

  g_assert_true (ks_cart_writer_write (reader, &info, image, wanted, NULL, NULL, NULL, &result,
                                       &error));
  g_assert_no_error (error);

  g_assert_cmpuint (result.sectors_erased, ==, 1);
  g_assert_cmpuint (result.rewritten->len, ==, 1);
  g_assert_cmpuint (g_array_index (result.rewritten, guint, 0), ==, 0x13);
  g_assert_true (result.verified);
  g_assert_cmpint (result.first_mismatch, ==, -1);
  /* the chip saw exactly one sector erase, and programs only inside it */
  g_assert_cmpuint (ks_agb_flash_model_get_counters (model)->sector_erase_ops, ==, 1);
  g_assert_cmpuint (ks_flash_counters_sectors_erased (ks_agb_flash_model_get_counters (model)), ==, 1);
  g_assert_cmpuint (ks_agb_flash_model_get_counters (model)->chip_erase_ops, ==, 0);
  g_assert_cmpuint (ks_agb_flash_model_get_counters (model)->programs, <=, 4096);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (cart);
  ks_test_assert_bytes_equal (now, wanted);
  ks_cart_info_clear (&info);
}

static void
test_mmc_only_changed_sectors_no_ff_programs (void)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  KsEmulatedCart *cart = ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  KsSst28sf040Model *chip = ks_mmc_cart_model_get_flash (ks_emulated_cart_get_mmc (cart));
  const KsFlashCounters *counters = ks_sst28sf040_model_get_counters (chip);
  /* two 256-byte sectors change, far apart */
  const gsize offsets[] = { 0x40010, 0x7F0FF };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (image, offsets, 2);
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsWriteResult) result = { 0 };
  const guint8 *w;
  guint64 non_ff = 0;
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_MMC);
  ks_write_result_init (&result);
  ks_sst28sf040_model_reset_counters (chip);

  g_assert_true (ks_cart_writer_write (reader, &info, image, wanted, NULL, NULL, NULL, &result,
                                       &error));
  g_assert_no_error (error);

  w = g_bytes_get_data (wanted, NULL);
  for (gsize i = 0; i < 256; i++)
    non_ff += (w[0x40000 + i] != 0xFF) + (w[0x7F000 + i] != 0xFF);

  g_assert_cmpuint (result.sectors_erased, ==, 2);
  g_assert_cmpuint (counters->sector_erase_ops, ==, 2);
  g_assert_cmpuint (ks_flash_counters_sectors_erased (counters), ==, 2);
  g_assert_cmpuint (counters->sector_erases[0x40000 / 256], ==, 1);
  g_assert_cmpuint (counters->sector_erases[0x7F000 / 256], ==, 1);
  /* 0xFF after an erase is never programmed */
  g_assert_cmpuint (counters->programs, ==, non_ff);
  g_assert_cmpuint (result.bytes_programmed, ==, non_ff);
  g_assert_true (result.verified);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (cart);
  ks_test_assert_bytes_equal (now, wanted);
  ks_cart_info_clear (&info);
}

static void
test_unchanged_content_writes_nothing (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (64 * 1024, 0x72);
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_SST_39VF512, image, NULL);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_auto(KsWriteResult) result = { 0 };
  KsCartInfo info;

  detect (reader, &info);
  ks_write_result_init (&result);
  ks_agb_flash_model_reset_counters (ks_emulated_cart_get_agb_flash (cart));

  g_assert_true (ks_cart_writer_write (reader, &info, image, image, NULL, NULL, NULL, &result,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.sectors_erased, ==, 0);
  g_assert_cmpuint (result.bytes_programmed, ==, 0);
  g_assert_true (result.verified);
  g_assert_cmpuint (ks_flash_counters_operations (
                      ks_agb_flash_model_get_counters (ks_emulated_cart_get_agb_flash (cart))),
                    ==, 0);
  ks_cart_info_clear (&info);
}

typedef struct
{
  GCancellable *cancellable;
} CancelAfterFirst;

static void
cancel_after_first_sector (guint64     done,
                           guint64     total,
                           const char *phase,
                           gpointer    user_data)
{
  CancelAfterFirst *data = user_data;

  /* the first sector is done once any bytes count */
  if (done > 0)
    g_cancellable_cancel (data->cancellable);
}

static void
test_cancel_stops_between_sectors (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (128 * 1024, 0x73);
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_SANYO_LE26FV10N1TS, image,
                                                         NULL);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  const gsize offsets[] = { 0x0000, 0x5000, 0x9000, 0x1F000 };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (image, offsets, 4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelAfterFirst data = { cancellable };
  g_autoptr(GError) error = NULL;
  g_auto(KsWriteResult) result = { 0 };
  KsCartInfo info;

  detect (reader, &info);
  ks_write_result_init (&result);

  g_assert_false (ks_cart_writer_write (reader, &info, image, wanted, cancellable,
                                        cancel_after_first_sector, &data, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* exactly the first sector was rewritten, whole; nothing half done */
  g_assert_cmpuint (result.rewritten->len, ==, 1);
  g_assert_cmpuint (result.sectors_written, ==, 1);
  g_assert_cmpuint (result.sectors_erased, ==, 1);
  g_assert_false (result.verified);
  ks_cart_info_clear (&info);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cart-writer/gba-flash/one-changed-sector-one-erase", test_gba_flash_one_sector);
  g_test_add_func ("/cart-writer/mmc/only-changed-sectors-and-no-ff-programs",
                   test_mmc_only_changed_sectors_no_ff_programs);
  g_test_add_func ("/cart-writer/unchanged-content-writes-nothing",
                   test_unchanged_content_writes_nothing);
  g_test_add_func ("/cart-writer/cancel/stops-between-sectors", test_cancel_stops_between_sectors);

  return g_test_run ();
}
