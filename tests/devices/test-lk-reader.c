/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-lk-reader.c — the LK reader driver through a real pty against the
 * emulated GBxCart RW (cart-reader-protocol.md §1, §7.1, §7.2) */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "ks-test-emulator.h"
#include "ks-test-utils.h"

/* ---- helpers ------------------------------------------------------------------ */

static KsTestEmulator *
start (KsEmulatedCart     *cart,
       const char * const *faults)
{
  return ks_test_emulator_start (cart, KS_LK_PROFILE_L14, faults);
}

static KsEmulatedCart *
gba_flash_cart (KsAgbFlashChipId  chip,
                GBytes          **image)
{
  *image = ks_test_random_bytes (ks_agb_flash_chip_get (chip)->size, 0x6BA + chip);
  return ks_emulated_cart_new_gba_flash (chip, *image, NULL);
}

static void
detect (KsLkReader *reader,
        KsCartInfo *info)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_cart_detect (reader, NULL, info, &error));
  g_assert_no_error (error);
}

static GBytes *
backup (KsLkReader          *reader,
        const KsCartInfo    *info,
        KsReaderBackupFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ks_reader_backup_read (reader, info, flags, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* ---- identification ------------------------------------------------------------- */

static void
test_identify_v14a_l14 (void)
{
  g_autoptr(KsTestEmulator) emu = start (ks_emulated_cart_new_empty (), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  const KsLkIdentity *id = ks_lk_reader_get_identity (reader);
  g_autofree char *firmware = ks_lk_reader_dup_firmware (reader);
  g_autofree char *name = ks_lk_reader_dup_device_name (reader);

  /* §7.2: 68→06, 56→2A, A1→08 4C 000E 06 <ts> 0B "GBxCart RW\0" 01 00 */
  g_assert_true (id->gbxcart);
  g_assert_cmpuint (id->pcb, ==, 6);
  g_assert_cmpuint (id->ofw, ==, 42);
  g_assert_cmpuint (id->fw_ver, ==, 14);
  g_assert_cmpuint (id->build_time, ==, 1747991884);
  g_assert_cmpstr (id->name, ==, "GBxCart RW");
  g_assert_true (id->power_control);
  g_assert_cmpstr (firmware, ==, "R42+L14");
  g_assert_cmpstr (name, ==, "GBxCart RW v1.4a");
  /* libserialport cannot open ptys (ks-serial-link.h) */
  g_assert_cmpstr (ks_lk_reader_get_backend (reader), ==, "pty");
}

static void
test_identify_v13_l1_reads_without_acks (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 13);
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC1, ram, NULL),
                            KS_LK_PROFILE_L1, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autofree char *firmware = ks_lk_reader_dup_firmware (reader);
  g_autofree char *name = ks_lk_reader_dup_device_name (reader);
  g_autoptr(GBytes) read = NULL;
  KsLkStats stats;
  KsCartInfo info;

  g_assert_cmpstr (firmware, ==, "L1");
  g_assert_cmpstr (name, ==, "GBxCart RW v1.3");
  g_assert_false (ks_lk_reader_get_identity (reader)->power_control);

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GB);
  read = backup (reader, &info, KS_READER_BACKUP_NONE);
  ks_test_assert_bytes_equal (read, ram);

  /* no ack was waited for and none went missing */
  ks_lk_reader_get_stats (reader, &stats);
  g_assert_cmpuint (stats.retries, ==, 0);
  ks_cart_info_clear (&info);
}

/* ---- reads ---------------------------------------------------------------------- */

static void
check_gba_flash (KsAgbFlashChipId chip,
                 guint16          id)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (chip, &image), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsLkEmulatorStats stats;
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_FLASH);
  g_assert_true (info.sure);
  g_assert_cmphex (info.flash_id, ==, id);
  g_assert_cmpstr (info.title, ==, "KEEPSAKE");
  g_assert_cmpuint (info.save_size, ==, g_bytes_get_size (image));

  read = backup (reader, &info, KS_READER_BACKUP_VERIFY);
  ks_test_assert_bytes_equal (read, image);

  g_clear_object (&reader);
  ks_test_emulator_stop (emu, &stats);
  /* detection never put 5 V on the GBA cart */
  g_assert_cmpuint (stats.gba_cart_at_5v, ==, 0);
  /* and reading changed nothing on the chip */
  g_assert_cmpuint (ks_emulated_cart_flash_operations (ks_test_emulator_get_cart (emu)), ==, 0);
  ks_cart_info_clear (&info);
}

static void
test_gba_flash_macronix_128k_equals_image (void)
{
  check_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, 0xC209);
}

static void
test_gba_flash_sanyo_128k_equals_image (void)
{
  check_gba_flash (KS_AGB_FLASH_SANYO_LE26FV10N1TS, 0x6213);
}

static void
test_gba_flash_sst_64k_equals_image (void)
{
  check_gba_flash (KS_AGB_FLASH_SST_39VF512, 0xBFD4);
}

static void
check_gba_sram (gsize size)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (size, (guint32) size);
  g_autoptr(KsTestEmulator) emu = start (ks_emulated_cart_new_gba_sram (image, NULL), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) after = NULL;
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_SRAM);
  g_assert_cmpuint (info.save_size, ==, size);
  read = backup (reader, &info, KS_READER_BACKUP_NONE);
  ks_test_assert_bytes_equal (read, image);

  /* the probe wrote its bytes back */
  g_clear_object (&reader);
  ks_test_emulator_stop (emu, NULL);
  after = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (after, image);
  ks_cart_info_clear (&info);
}

static void
test_gba_sram_32k_probe_and_read (void)
{
  check_gba_sram (32 * 1024);
}

static void
test_gba_fram_64k_probe_and_read (void)
{
  check_gba_sram (64 * 1024);
}

static void
check_gb (KsGbMbc mbc,
          gsize   size)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (size, (guint32) (mbc * 7 + size));
  g_autoptr(KsTestEmulator) emu = start (ks_emulated_cart_new_gb (mbc, ram, NULL), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsLkEmulatorStats stats;
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GB);
  g_assert_true (info.sure);
  g_assert_cmpint (info.mbc, ==, mbc);
  g_assert_cmpuint (info.save_size, ==, size);
  g_assert_cmpstr (info.format_id, ==, "gb-sav");

  read = backup (reader, &info, KS_READER_BACKUP_VERIFY);
  if (mbc == KS_GB_MBC_MBC2)
    {
      const guint8 *r = g_bytes_get_data (read, NULL), *e = g_bytes_get_data (ram, NULL);

      /* 4-bit cells: the upper half reads as 1s (ks-gb-mbc-model.c) */
      g_assert_cmpuint (g_bytes_get_size (read), ==, 512);
      for (guint i = 0; i < 512; i++)
        g_assert_cmphex (r[i], ==, 0xF0 | (e[i] & 0x0F));
    }
  else
    ks_test_assert_bytes_equal (read, ram);

  g_clear_object (&reader);
  ks_test_emulator_stop (emu, &stats);
  /* the driver left the RAM disabled, as OSCR does */
  g_assert_false (ks_gb_mbc_model_ram_enabled (ks_emulated_cart_get_gb_mbc (ks_test_emulator_get_cart (emu))));
  ks_cart_info_clear (&info);
}

static void
test_gb_mbc1_32k_across_banks (void)
{
  check_gb (KS_GB_MBC_MBC1, 32 * 1024);
}

static void
test_gb_mbc3_32k_across_banks (void)
{
  check_gb (KS_GB_MBC_MBC3, 32 * 1024);
}

static void
test_gb_mbc5_128k_across_banks (void)
{
  check_gb (KS_GB_MBC_MBC5, 128 * 1024);
}

static void
test_gb_mbc2_nibbles (void)
{
  check_gb (KS_GB_MBC_MBC2, 512);
}

static void
test_mmc_full_read_checked_by_crc (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x28);
  g_autoptr(GBytes) top_ram = ks_test_random_bytes (8192, 9);
  KsEmulatedCart *top = ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, top_ram, NULL);
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, top, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_MMC);
  g_assert_true (info.sure);
  g_assert_cmpstr (info.format_id, ==, "mmc");
  g_assert_cmpuint (info.save_size, ==, 524288);

  /* every bank confirmed by the reader's CALC_CRC32 */
  read = backup (reader, &info, KS_READER_BACKUP_VERIFY);
  ks_test_assert_bytes_equal (read, image);
  ks_cart_info_clear (&info);
}

static void
test_mmc_bank_crc_matches_zlib (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x29);
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  KsMmcMapper mapper;
  guint32 crc = 0;
  g_autoptr(GBytes) bank7 = g_bytes_new_from_bytes (image, 7 * 0x4000, 0x4000);
  g_autoptr(GBytes) hex = NULL;

  g_assert_true (ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, &error));
  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  g_assert_true (ks_mmc_mapper_select_bank (&mapper, 7, &error));
  g_assert_true (ks_lk_reader_crc32 (reader, 0x4000, 0x4000, &crc, &error));
  g_assert_no_error (error);
  /* zlib CRC-32 of the bank, computed independently */
  {
    const guint8 *p = g_bytes_get_data (bank7, NULL);
    guint32 c = 0xFFFFFFFF;

    for (gsize i = 0; i < 0x4000; i++)
      {
        c ^= p[i];
        for (guint k = 0; k < 8; k++)
          c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
      }
    g_assert_cmphex (crc, ==, c ^ 0xFFFFFFFF);
  }

  /* "123456789" is the CRC-32 check value's input: CBF43926 */
  hex = ks_test_bytes_from_hex ("31 32 33 34 35 36 37 38 39");
  g_assert_cmphex (crc32 (0, g_bytes_get_data (hex, NULL), 9), ==, 0xCBF43926);
}

/* ---- detection ------------------------------------------------------------------- */

static void
test_detect_empty_slot (void)
{
  g_autoptr(KsTestEmulator) emu = start (ks_emulated_cart_new_empty (), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_NONE);
  read = ks_reader_backup_read (reader, &info, 0, NULL, NULL, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_CART);
  ks_cart_info_clear (&info);
}

static void
test_detect_override_replaces_guess (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 21);
  g_autoptr(KsTestEmulator) emu = start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, ram, NULL), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  KsCartOverride override;
  KsCartInfo info;

  g_assert_true (ks_cart_override_parse ("gb:mbc5:8192", &override, &error));
  g_assert_true (ks_cart_detect (reader, &override, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, KS_CART_GB);
  g_assert_cmpuint (info.save_size, ==, 8192);
  g_assert_true (info.sure);
  read = backup (reader, &info, 0);
  g_assert_cmpmem (g_bytes_get_data (read, NULL), 8192, g_bytes_get_data (ram, NULL), 8192);

  g_assert_false (ks_cart_override_parse ("gb:mbc9", &override, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (ks_cart_override_parse ("gba-flash:6213", &override, NULL));
  g_assert_cmphex (override.flash_id, ==, 0x6213);
  g_assert_true (ks_cart_override_parse ("gba-flash:65536", &override, NULL));
  g_assert_cmpuint (override.save_size, ==, 65536);
  ks_cart_info_clear (&info);
}

/* A Game Boy ROM whose header names cartridge type @cart_type (Pan Docs:
 * byte 0x147), its header checksum (0x14D: x = x - byte - 1 over
 * 0x134-0x14C) made right again */
static GBytes *
gb_rom_of_type (guint8 cart_type)
{
  g_autoptr(GBytes) plain = ks_cart_rom_new_gb ("KEEPSAKE", KS_GB_MBC_MBC5, 8192);
  gsize size;
  guint8 *rom = g_bytes_unref_to_data (g_steal_pointer (&plain), &size);
  guint8 sum = 0;

  rom[0x147] = cart_type;
  for (guint i = 0x134; i <= 0x14C; i++)
    sum = (guint8) (sum - rom[i] - 1);
  rom[0x14D] = sum;
  return g_bytes_new_take (rom, size);
}

/* save-chips.md §5: a cart whose controller Keepsake does not drive is
 * detected, marked unsure, and the details say why in one sentence that
 * names the chip and the reader's part; HuC-1 and the Pocket Camera are
 * read like MBC5 */
static void
test_detect_says_why_a_controller_is_not_read (void)
{
  static const struct
  {
    guint8      cart_type;
    KsGbMbc     mbc;
    gboolean    sure;
    const char *note;
  } carts[] = {
    { 0x20, KS_GB_MBC_MBC6, FALSE,
      "MBC6 carts (Net de Get) keep their save in RAM and in a flash chip the game writes" },
    { 0x22, KS_GB_MBC_MBC7, FALSE,
      "MBC7 carts (Kirby Tilt 'n' Tumble, Command Master) keep their save in a serial "
      "EEPROM behind the controller; the reader has commands for it" },
    { 0xFD, KS_GB_MBC_TAMA5, FALSE,
      "TAMA5 carts (Game de Hakken!! Tamagotchi 3) keep their save and clock behind the "
      "TAMA5, reached four bits at a time through its registers; the reader has no "
      "command for it" },
    { 0xFE, KS_GB_MBC_HUC3, FALSE,
      "HuC-3 carts (Robopon, Pocket Family) share one window between the save RAM, the "
      "clock and the infrared port" },
    { 0xFC, KS_GB_MBC_POCKET_CAMERA, TRUE, "Memory controller and RAM size from the cart header." },
    { 0xFF, KS_GB_MBC_HUC1, TRUE, "Memory controller and RAM size from the cart header." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (carts); i++)
    {
      g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0x60 + i);
      g_autoptr(GBytes) rom = gb_rom_of_type (carts[i].cart_type);
      g_autoptr(KsTestEmulator) emu = start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, ram, rom),
                                             NULL);
      g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
      KsCartInfo info;

      detect (reader, &info);
      g_test_message ("type %02X: %s", carts[i].cart_type, info.notes);
      g_assert_cmpint (info.kind, ==, KS_CART_GB);
      g_assert_cmpint (info.mbc, ==, carts[i].mbc);
      g_assert_cmpint (info.sure, ==, carts[i].sure);
      g_assert_nonnull (info.notes);
      g_assert_nonnull (strstr (info.notes, carts[i].note));
      /* never the sentence of a cart that keeps nothing */
      g_assert_null (strstr (info.notes, "keeps no save"));
      if (!carts[i].sure)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) read = ks_reader_backup_read (reader, &info, 0, NULL, NULL, NULL,
                                                          &error);

          /* a backup is refused, naming the controller */
          g_assert_null (read);
          g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_CART);
          g_assert_nonnull (strstr (error->message, ks_gb_mbc_to_string (carts[i].mbc)));
        }
      ks_cart_info_clear (&info);
    }
}

/* ---- faults: each ends in a clean retry or a clear error -------------------------- */

/* @must_retry: the fault lands where only a resynchronisation (or
 * dropping the junk) can cure it; elsewhere, detection's repeated
 * single-byte reads may absorb it first. */
static void
check_fault_recovers_stats (const char *fault,
                            guint       reply_ms,
                            guint       probe_ms,
                            gboolean    must_retry,
                            KsLkStats  *out)
{
  const char *faults[] = { fault, NULL };
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         faults);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsLkEmulatorStats emu_stats;
  KsLkStats stats;
  KsCartInfo info;

  ks_lk_reader_set_timeouts (reader, reply_ms, probe_ms);
  detect (reader, &info);
  read = backup (reader, &info, 0);
  ks_test_assert_bytes_equal (read, image);

  ks_lk_reader_get_stats (reader, &stats);
  g_clear_object (&reader);
  ks_test_emulator_stop (emu, &emu_stats);
  g_assert_cmpuint (emu_stats.faults_fired, ==, 1);
  /* the driver noticed: it resynchronised, or dropped the junk byte */
  if (must_retry)
    g_assert_cmpuint (stats.retries + stats.junk_bytes, >=, 1);
  if (stats.resyncs > 0)
    g_assert_cmpuint (emu_stats.unknown_commands, >=, 1);   /* the 0x00 bytes of §1.1 */
  if (out != NULL)
    *out = stats;
  ks_cart_info_clear (&info);
}

static void
check_fault_recovers_within (const char *fault,
                             guint       reply_ms,
                             guint       probe_ms,
                             gboolean    must_retry)
{
  check_fault_recovers_stats (fault, reply_ms, probe_ms, must_retry, NULL);
}

/* The flow the fault tests run (detect, then read 128 KiB of flash in
 * 4 KiB transfers at 1,500,000 baud), once without a fault: where its
 * commands, reads and host bytes fall */
static void
dry_run (KsLkEmulatorStats *emu_stats)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;

  detect (reader, &info);
  read = backup (reader, &info, 0);
  ks_test_assert_bytes_equal (read, image);
  g_clear_object (&reader);
  ks_test_emulator_stop (emu, emu_stats);
  ks_cart_info_clear (&info);
}

static void
check_fault_recovers (const char *fault)
{
  check_fault_recovers_within (fault, 200, 25, TRUE);
}

static void
test_fault_drop_ack (void)
{
  check_fault_recovers ("drop-ack:12");
}

static void
test_fault_junk_byte (void)
{
  check_fault_recovers ("junk:60");
}

static void
test_fault_short_read (void)
{
  KsLkEmulatorStats dry;
  KsLkStats stats;
  g_autofree char *fault = NULL;

  /* a 4 KiB read of the save comes back half: it is read again in 1 KiB
   * transfers, and so is the rest */
  dry_run (&dry);
  fault = g_strdup_printf ("short-read:%" G_GUINT64_FORMAT, dry.reads - 4);
  check_fault_recovers_stats (fault, 200, 25, TRUE, &stats);
  g_assert_cmpuint (stats.read_fallbacks, ==, 1);
}

static void
test_fault_error_reply (void)
{
  check_fault_recovers ("error:70");
}

static void
test_fault_lost_byte (void)
{
  KsLkEmulatorStats dry;
  g_autofree char *fault = NULL;

  /* the second-last read command of the save lost on the way (after the
   * last come the switch back to bank 0, 27 bytes, power-off and 0x3C) */
  dry_run (&dry);
  fault = g_strdup_printf ("lose-byte:%" G_GUINT64_FORMAT, dry.bytes_in - 30);
  check_fault_recovers (fault);
}

static void
test_fault_late_reply (void)
{
  KsLkEmulatorStats dry;
  KsLkStats stats;
  g_autofree char *fault = NULL;

  /* 1.5 s late, on one of the last commands, a 4 KiB read: longer than a
   * reply time-out, shorter than FlashGBX's whole recovery (1 s + 20 ×
   * 75 ms), so the driver gets back in step, with smaller reads */
  dry_run (&dry);
  fault = g_strdup_printf ("delay:%" G_GUINT64_FORMAT, dry.commands - 3);
  check_fault_recovers_stats (fault, KS_LK_REPLY_TIMEOUT_MS, KS_LK_PROBE_TIMEOUT_MS, TRUE, &stats);
  g_assert_cmpuint (stats.read_fallbacks, ==, 1);
}

static void
test_fault_error_on_every_step_kind (void)
{
  /* one error reply at each of the first 40 commands in turn: every step
   * of identification, session setup, detection and reading recovers.
   * Not the 2nd: 0x02 is a valid answer to OFW_FW_VER ("R2"), so an error
   * there cannot be told from a reply (§1.2); the reading still works. */
  for (guint n = 1; n <= 40; n++)
    {
      if (n == 2)
        continue;

      g_autofree char *fault = g_strdup_printf ("error:%u", n);

      g_test_message ("error reply at command %u", n);
      check_fault_recovers_within (fault, 200, 25, FALSE);
    }
}

static void
test_fault_junk_after_each_step_kind (void)
{
  /* an unasked byte after each of the first 40 replies in turn: it is
   * dropped, or caught before it shifts any answer */
  for (guint n = 1; n <= 40; n++)
    {
      g_autofree char *fault = g_strdup_printf ("junk:%u", n);

      g_test_message ("junk byte after command %u", n);
      check_fault_recovers_within (fault, 200, 25, FALSE);
    }
}

static void
test_fault_disconnect_is_a_clear_error (void)
{
  const char *faults[] = { "disconnect:60", NULL };
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         faults);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;
  gint64 start_time = g_get_monotonic_time ();

  detect (reader, &info);
  read = ks_reader_backup_read (reader, &info, 0, NULL, NULL, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED);
  g_assert_nonnull (strstr (error->message, "went away"));
  /* no retries against a port that is gone */
  g_assert_cmpint (g_get_monotonic_time () - start_time, <, 2 * G_USEC_PER_SEC);
  ks_cart_info_clear (&info);
}

static void
check_silent (guint reply_ms,
              guint probe_ms,
              double bound_s)
{
  const char *faults[] = { "silent:60", NULL };
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         faults);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;
  gint64 start_time;
  double elapsed;

  ks_lk_reader_set_timeouts (reader, reply_ms, probe_ms);
  detect (reader, &info);

  start_time = g_get_monotonic_time ();
  read = ks_reader_backup_read (reader, &info, 0, NULL, NULL, NULL, &error);
  elapsed = (g_get_monotonic_time () - start_time) / (double) G_USEC_PER_SEC;

  g_assert_null (read);
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "stopped answering"));
  /* one reply time-out, then 20 resynchronisation bytes of one probe
   * time-out each (§1.1) at 1,500,000 baud and again at 1,000,000, plus
   * slack; never a hang */
  g_test_message ("silent device detected after %.2f s (bound %.2f s)", elapsed, bound_s);
  g_assert_cmpfloat (elapsed, <, bound_s);
  ks_cart_info_clear (&info);
}

static void
test_fault_silent_times_out_fast (void)
{
  /* 200 ms + 20 × 25 ms at 1,500,000 baud, then 20 × 25 ms at 1,000,000
   * = 1.2 s */
  check_silent (200, 25, 2.0);
}

static void
test_fault_silent_times_out_with_flashgbx_limits (void)
{
  /* 1 s + 20 × 75 ms at 1,500,000 baud, then 20 × 75 ms at 1,000,000
   * = 4 s */
  check_silent (KS_LK_REPLY_TIMEOUT_MS, KS_LK_PROBE_TIMEOUT_MS, 5.0);
}

static void
test_fault_power_loss_mid_erase (void)
{
  const char *faults[] = { "power-loss:1", NULL };
  g_autoptr(GBytes) image = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x70);
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), faults);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  const guint8 *old = g_bytes_get_data (image, NULL);
  const guint8 *now;
  KsMmcMapper mapper;

  g_assert_true (ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, &error));
  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  g_assert_false (ks_sst28sf040_erase_sector (ks_mmc_mapper_get_bus (&mapper), 0x23400, &error));
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED);

  g_clear_object (&reader);
  ks_test_emulator_stop (emu, NULL);
  after = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  now = g_bytes_get_data (after, NULL);
  /* half erased, half as before; nothing else touched */
  g_assert_true (ks_bytes_all (now + 0x23400, 0x80, 0xFF));
  g_assert_cmpmem (now + 0x23480, 0x80, old + 0x23480, 0x80);
  g_assert_cmpmem (now, 0x23400, old, 0x23400);
}

/* ---- writes through the reader: the drivers' primitives ---------------------------- */

static void
test_gba_flash_erase_program_through_reader (void)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) payload = ks_test_random_bytes (0x1000, 5);
  g_autoptr(GError) error = NULL;
  guint8 back[0x1000];
  const KsFlashCounters *counters;
  KsCartInfo info;
  KsAgbFlash flash;
  guint non_ff = 0;

  for (gsize i = 0; i < 0x1000; i++)
    non_ff += ((const guint8 *) g_bytes_get_data (payload, NULL))[i] != 0xFF;

  detect (reader, &info);
  ks_agb_flash_init (&flash, ks_lk_reader_get_bus (reader), info.flash_chip);
  g_assert_true (ks_agb_flash_erase_sector (&flash, 0x15000, &error));
  g_assert_no_error (error);
  g_assert_true (ks_agb_flash_program (&flash, 0x15000, g_bytes_get_data (payload, NULL), 0x1000,
                                       &error));
  g_assert_no_error (error);
  g_assert_true (ks_agb_flash_read (&flash, 0x15000, back, sizeof back, &error));
  g_assert_cmpmem (back, sizeof back, g_bytes_get_data (payload, NULL), 0x1000);

  g_clear_object (&reader);
  ks_test_emulator_stop (emu, NULL);
  counters = ks_agb_flash_model_get_counters (
    ks_emulated_cart_get_agb_flash (ks_test_emulator_get_cart (emu)));
  g_assert_cmpuint (ks_flash_counters_sectors_erased (counters), ==, 1);
  g_assert_cmpuint (counters->sector_erases[0x15], ==, 1);
  g_assert_cmpuint (counters->programs, >=, non_ff);
  ks_cart_info_clear (&info);
}

static void
test_program_without_erase_fails_verification (void)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_SANYO_LE26FV10N1TS, &image),
                                         NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) payload = ks_test_random_bytes (0x100, 6);
  g_autoptr(GError) error = NULL;
  KsCartInfo info;
  KsAgbFlash flash;

  detect (reader, &info);
  ks_agb_flash_init (&flash, ks_lk_reader_get_bus (reader), info.flash_chip);
  g_assert_false (ks_agb_flash_program (&flash, 0x300, g_bytes_get_data (payload, NULL), 0x100,
                                        &error));
  g_assert_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY);
  ks_cart_info_clear (&info);
}

static void
test_mmc_erase_program_through_reader (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x71);
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) payload = ks_test_random_bytes (0x100, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  KsSst28sf040Model *chip;
  KsMmcMapper mapper;
  KsBus *flash;
  const guint8 *now, *old = g_bytes_get_data (image, NULL);

  g_assert_true (ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, &error));
  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  flash = ks_mmc_mapper_get_bus (&mapper);
  g_assert_true (ks_sst28sf040_erase_sector (flash, 0x7F300, &error));
  g_assert_no_error (error);
  g_assert_true (ks_sst28sf040_program (flash, 0x7F300, g_bytes_get_data (payload, NULL), 0x100,
                                        &error));
  g_assert_no_error (error);

  g_clear_object (&reader);
  ks_test_emulator_stop (emu, NULL);
  chip = ks_mmc_cart_model_get_flash (ks_emulated_cart_get_mmc (ks_test_emulator_get_cart (emu)));
  after = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  now = g_bytes_get_data (after, NULL);
  g_assert_cmpmem (now + 0x7F300, 0x100, g_bytes_get_data (payload, NULL), 0x100);
  g_assert_cmpmem (now, 0x7F300, old, 0x7F300);
  g_assert_cmpmem (now + 0x7F400, 0xC00, old + 0x7F400, 0xC00);
  g_assert_cmpuint (ks_flash_counters_sectors_erased (ks_sst28sf040_model_get_counters (chip)), ==, 1);
  g_assert_true (ks_sst28sf040_model_is_protected (chip));
}

static void
test_missing_unprotect_leaves_mmc_unchanged (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x72);
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  /* §7.1's packets, without the seven unprotect reads before them */
  const KsBusWrite erase[] = { { 0x2000, 0x80 }, { 0x4000, 0x20 }, { 0x4100, 0xD0 } };
  const KsBusWrite program[] = { { 0x4100, 0x10 }, { 0x4100, 0x00 } };
  const KsBusWrite chip_erase[] = { { 0x2000, 0x80 }, { 0x4000, 0x30 }, { 0x4000, 0x30 } };
  KsBus *bus;

  g_assert_true (ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, &error));
  bus = ks_lk_reader_get_bus (reader);
  g_assert_true (ks_bus_write_sequence (bus, erase, G_N_ELEMENTS (erase), &error));
  g_assert_true (ks_bus_write_sequence (bus, program, G_N_ELEMENTS (program), &error));
  g_assert_true (ks_bus_write_sequence (bus, chip_erase, G_N_ELEMENTS (chip_erase), &error));
  g_assert_no_error (error);

  g_clear_object (&reader);
  ks_test_emulator_stop (emu, NULL);
  after = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (after, image);
}

/* ---- transfers and the link's rate (§1.1, §1.5) -------------------------------------- */

static void
test_transfer_reads_in_4k (void)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsLkStats before, after;
  KsCartInfo info;

  detect (reader, &info);
  ks_lk_reader_get_stats (reader, &before);
  read = backup (reader, &info, 0);
  ks_test_assert_bytes_equal (read, image);
  ks_lk_reader_get_stats (reader, &after);

  /* 32 reads of 4096 bytes, two bank switches, the TRANSFER_SIZE and the
   * ADDRESS of each bank: not 2048 reads of 64 */
  g_assert_cmpuint (ks_lk_reader_get_read_size (reader), ==, 4096);
  g_assert_cmpuint (after.read_fallbacks, ==, 0);
  g_assert_cmpuint (after.round_trips - before.round_trips, <=, 32 + 8);
  g_assert_cmpuint (after.bytes_received - before.bytes_received, <=, 128 * 1024 + 16);
  ks_cart_info_clear (&info);
}

static void
test_transfer_steps_down_and_remembers (void)
{
  g_autoptr(GBytes) image = NULL;
  /* a reader that sends no more than 256 bytes a read */
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start_limited (gba_flash_cart (KS_AGB_FLASH_SANYO_LE26FV10N1TS, &image),
                                    KS_LK_PROFILE_L14, NULL, 256);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(KsLkReader) again = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) reread = NULL;
  KsLkStats stats;
  KsCartInfo info;

  /* 4096 comes back short, 1024 too, 256 works: the read is still right */
  detect (reader, &info);
  read = backup (reader, &info, 0);
  ks_test_assert_bytes_equal (read, image);
  ks_lk_reader_get_stats (reader, &stats);
  g_assert_cmpuint (stats.read_fallbacks, ==, 2);
  g_assert_cmpuint (ks_lk_reader_get_read_size (reader), ==, 256);
  g_assert_cmpuint (ks_reader_memory_get_read_size (ks_test_emulator_get_path (emu)), ==, 256);
  g_clear_object (&reader);
  ks_cart_info_clear (&info);

  /* the next connection to that reader starts where the last one ended */
  again = ks_test_emulator_open_reader (emu);
  detect (again, &info);
  reread = backup (again, &info, KS_READER_BACKUP_VERIFY);
  ks_test_assert_bytes_equal (reread, image);
  ks_lk_reader_get_stats (again, &stats);
  g_assert_cmpuint (stats.read_fallbacks, ==, 0);
  g_assert_cmpuint (ks_lk_reader_get_read_size (again), ==, 256);
  ks_cart_info_clear (&info);
}

static void
test_transfer_small_read_too_long_steps_down (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32 * 1024, 0x5B);
  /* a reader that sends no more than 256 bytes: the Game Boy header (336
   * bytes) is shorter than a full transfer, yet too long for it */
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start_limited (ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, ram, NULL),
                                    KS_LK_PROFILE_L14, NULL, 256);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) read = NULL;
  KsCartOverride override;
  g_autoptr(GError) error = NULL;
  KsCartInfo info;

  g_assert_true (ks_cart_override_parse ("gb:mbc5:32768", &override, &error));
  g_assert_true (ks_cart_detect (reader, &override, &info, &error));
  g_assert_no_error (error);
  read = backup (reader, &info, 0);
  ks_test_assert_bytes_equal (read, ram);
  g_assert_cmpuint (ks_lk_reader_get_read_size (reader), ==, 256);
  ks_cart_info_clear (&info);
}

static void
test_baud_switches_to_1m5_and_back (void)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autofree char *rate = ks_lk_reader_dup_rate (reader);
  g_autoptr(GBytes) read = NULL;
  KsLkEmulatorStats emu_stats;
  KsCartInfo info;

  /* §1.1: a v1.4a goes to 1,500,000 baud, as with FlashGBX */
  g_assert_cmpuint (ks_lk_reader_get_baud (reader), ==, 1500000);
  g_assert_cmpstr (rate, ==, "1.5 Mbaud");
  detect (reader, &info);
  read = backup (reader, &info, KS_READER_BACKUP_VERIFY);
  ks_test_assert_bytes_equal (read, image);
  g_assert_cmpuint (ks_lk_reader_get_baud (reader), ==, 1500000);

  /* closing leaves the reader at 1,000,000 baud, where it started */
  g_clear_object (&reader);
  ks_test_emulator_stop (emu, &emu_stats);
  g_assert_cmpuint (emu_stats.baud_switches, ==, 2);
  g_assert_cmpuint (emu_stats.garbled_bytes, ==, 0);
  ks_cart_info_clear (&info);
}

static void
test_baud_v13_stays_at_1m (void)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                            KS_LK_PROFILE_L1, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  KsLkEmulatorStats emu_stats;

  /* FlashGBX switches only PCB 5 and 6; a v1.3 is never sent 0x3E */
  g_assert_cmpuint (ks_lk_reader_get_baud (reader), ==, 1000000);
  g_clear_object (&reader);
  ks_test_emulator_stop (emu, &emu_stats);
  g_assert_cmpuint (emu_stats.baud_switches, ==, 0);
  g_assert_cmpuint (emu_stats.unknown_commands, ==, 0);
}

static void
test_baud_ignored_switch_falls_back (void)
{
  const char *faults[] = { "baud:1", NULL };
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsTestEmulator) emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
                                         faults);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(KsLkReader) again = NULL;
  g_autoptr(GBytes) read = NULL;
  KsLkEmulatorStats emu_stats;
  KsLkStats stats;
  KsCartInfo info;

  /* the reader stayed at 1,000,000 baud: the check at 1,500,000 fails,
   * the driver goes back and works on at 1,000,000 */
  g_assert_cmpuint (ks_lk_reader_get_baud (reader), ==, 1000000);
  ks_lk_reader_get_stats (reader, &stats);
  g_assert_cmpuint (stats.baud_fallbacks, ==, 1);
  detect (reader, &info);
  read = backup (reader, &info, KS_READER_BACKUP_VERIFY);
  ks_test_assert_bytes_equal (read, image);
  g_clear_object (&reader);

  /* and does not try the fast rate on that port again this session */
  g_assert_true (ks_reader_memory_get_fast_failed (ks_test_emulator_get_path (emu)));
  again = ks_test_emulator_open_reader (emu);
  g_assert_cmpuint (ks_lk_reader_get_baud (again), ==, 1000000);
  g_clear_object (&again);
  ks_test_emulator_stop (emu, &emu_stats);
  g_assert_cmpuint (emu_stats.faults_fired, ==, 1);
  g_assert_cmpuint (emu_stats.garbled_bytes, >=, 1);
  ks_cart_info_clear (&info);
}

static void
test_baud_reader_back_at_1m_mid_read (void)
{
  g_autoptr(GBytes) image = NULL;
  KsLkEmulatorStats dry;
  g_autofree char *fault = NULL;
  g_autoptr(KsTestEmulator) emu = NULL;
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GBytes) read = NULL;
  KsLkStats stats;
  KsCartInfo info;

  /* the reader's UART falls back to 1,000,000 baud in the middle of the
   * read (a reset): the exchange fails, the driver follows it down and the
   * read still comes out right */
  dry_run (&dry);
  fault = g_strdup_printf ("slow:%" G_GUINT64_FORMAT, dry.commands - 10);
  emu = start (gba_flash_cart (KS_AGB_FLASH_MACRONIX_MX29L010, &image),
               (const char * const[]) { fault, NULL });
  reader = ks_test_emulator_open_reader (emu);
  detect (reader, &info);
  read = backup (reader, &info, 0);
  ks_test_assert_bytes_equal (read, image);
  ks_lk_reader_get_stats (reader, &stats);
  g_assert_cmpuint (stats.baud_fallbacks, ==, 1);
  g_assert_cmpuint (ks_lk_reader_get_baud (reader), ==, 1000000);
  ks_cart_info_clear (&info);
}

static void
test_baud_faults_at_1m5_recover (void)
{
  KsLkEmulatorStats dry;

  /* the faults of §7.2 at the fast rate, on the last 4 KiB reads: each a
   * clean retry (the flow ends with the switch back to bank 0, the
   * power-off and 0x3C) */
  dry_run (&dry);
  for (guint i = 0; i < 3; i++)
    {
      const char *kinds[] = { "junk", "error", "short-read" };
      guint64 at[] = { dry.commands - 4, dry.round_trips - 3, dry.reads - 2 };
      g_autofree char *fault = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, kinds[i], at[i]);

      g_test_message ("%s", fault);
      check_fault_recovers_within (fault, 200, 25, FALSE);
    }
}

static void
test_mmc_sector_programmed_in_one_round_trip (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x73);
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GBytes) payload = ks_test_random_bytes (0x100, 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  KsMmcMapper mapper;
  KsBus *flash;
  KsLkStats before, stats;

  g_assert_true (ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, &error));
  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  flash = ks_mmc_mapper_get_bus (&mapper);
  g_assert_true (ks_sst28sf040_unprotect (flash, &error));
  ks_lk_reader_get_stats (reader, &before);
  g_assert_true (ks_sst28sf040_rewrite_sector_unprotected (flash, 0x41200,
                                                           g_bytes_get_data (payload, NULL),
                                                           &error));
  g_assert_no_error (error);
  ks_lk_reader_get_stats (reader, &stats);
  g_assert_true (ks_sst28sf040_protect (flash, &error));

  /* the erase packet, a few reads until the sector is blank, the command
   * slots, TRANSFER_SIZE, ADDRESS, one FLASH_PROGRAM for 256 bytes, and
   * the read back: not four round trips a byte */
  g_test_message ("%" G_GUINT64_FORMAT " round trips", stats.round_trips - before.round_trips);
  g_assert_cmpuint (stats.round_trips - before.round_trips, <=, 16);

  g_clear_object (&reader);
  ks_test_emulator_stop (emu, NULL);
  after = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (after, NULL) + 0x41200, 0x100,
                   g_bytes_get_data (payload, NULL), 0x100);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), 0x41200, g_bytes_get_data (image, NULL),
                   0x41200);
  g_assert_true (ks_sst28sf040_model_is_protected (
    ks_mmc_cart_model_get_flash (ks_emulated_cart_get_mmc (ks_test_emulator_get_cart (emu)))));
}

/* ---- ports that are not readers ------------------------------------------------------ */

static void
test_open_errors_are_explained (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "ttyUSB9", NULL);
  g_autoptr(GBytes) bytes = ks_test_bytes_from_hex ("00");
  g_autofree char *file = ks_test_write_file (dir, "plain.bin", bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsLkReader) reader = NULL;

  reader = ks_lk_reader_open (missing, &error);
  g_assert_null (reader);
  g_assert_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "keepsake-cli ports"));
  g_clear_error (&error);

  reader = ks_lk_reader_open (file, &error);
  g_assert_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_NOT_A_PORT);
  g_clear_error (&error);

  reader = ks_lk_reader_open ("/dev/null", &error);
  g_assert_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_NOT_A_PORT);
}

static void
test_silent_port_is_not_lk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KsLkReader) reader = NULL;
  int master = ks_lk_emulator_open_pty (&path, &error);
  gint64 start_time = g_get_monotonic_time ();

  g_assert_no_error (error);
  /* a tty where nothing answers: probes time out (75 ms each) */
  reader = ks_lk_reader_open (path, &error);
  g_assert_null (reader);
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_NOT_LK);
  g_assert_cmpint (g_get_monotonic_time () - start_time, <, G_USEC_PER_SEC);
  close (master);
}

/* ---- a link the caller provides ------------------------------------------------ */

/* The emulator serves one end of a socket pair in this process; the link's
 * functions read and write the other end, and its sleep function only
 * adds up what the driver asks to wait */
typedef struct
{
  int           fd;
  guint64       slept_usec;
  KsLkEmulator *emulator;
  int           device_fd;
} SocketLink;

static gboolean
socket_write (gpointer      user_data,
              const guint8 *data,
              gsize         size,
              GError      **error)
{
  SocketLink *link = user_data;

  return write (link->fd, data, size) == (ssize_t) size;
}

static gssize
socket_read (gpointer  user_data,
             guint8   *buffer,
             gsize     size,
             guint     timeout_ms,
             GError  **error)
{
  SocketLink *link = user_data;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gsize done = 0;

  while (done < size)
    {
      struct pollfd pfd = { link->fd, POLLIN, 0 };
      gint64 left = MAX (deadline - g_get_monotonic_time (), 0) / 1000;
      ssize_t n;

      if (poll (&pfd, 1, (int) left) <= 0)
        break;
      n = read (link->fd, buffer + done, size - done);
      if (n <= 0)
        return -1;
      done += n;
    }
  return done;
}

static gint
socket_input_waiting (gpointer user_data)
{
  SocketLink *link = user_data;
  int n = 0;

  return ioctl (link->fd, FIONREAD, &n) == 0 ? n : -1;
}

static void
socket_sleep (gpointer user_data,
              guint64  usec)
{
  SocketLink *link = user_data;

  link->slept_usec += usec;
}

static void
socket_close (gpointer user_data)
{
  SocketLink *link = user_data;

  close (link->fd);
  link->fd = -1;
}

static const KsSerialLinkFuncs socket_funcs = {
  .backend = "socket",
  .write = socket_write,
  .read = socket_read,
  .input_waiting = socket_input_waiting,
};

static gpointer
serve_socket (gpointer data)
{
  SocketLink *link = data;

  return GINT_TO_POINTER (ks_lk_emulator_serve (link->emulator, link->device_fd));
}

static void
test_custom_link_reads_and_never_sleeps (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (32 * 1024, 0x50C);
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_sram (image, NULL);
  SocketLink socket_link = { 0 };
  KsSerialLink *link;
  KsLkStats stats;
  KsCartInfo info;
  GThread *thread;
  int sv[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), ==, 0);
  socket_link.fd = sv[0];
  socket_link.device_fd = sv[1];
  socket_link.emulator = ks_lk_emulator_new (cart);
  thread = g_thread_new ("emulator", serve_socket, &socket_link);

  link = ks_serial_link_new_custom ("emulator-in-process", &socket_funcs, &socket_link,
                                    socket_close);
  ks_serial_link_set_sleep_func (link, socket_sleep, &socket_link);
  reader = ks_lk_reader_open_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ks_lk_reader_get_path (reader), ==, "emulator-in-process");
  g_assert_cmpstr (ks_lk_reader_get_backend (reader), ==, "socket");
  /* L14 goes to 1,500,000 baud after identifying (§1.1) */
  g_assert_cmpuint (ks_lk_reader_get_baud (reader), ==, KS_LK_BAUD_FAST);

  detect (reader, &info);
  g_assert_cmpint (info.kind, ==, KS_CART_GBA_SRAM);
  read = backup (reader, &info, KS_READER_BACKUP_VERIFY);
  ks_test_assert_bytes_equal (read, image);

  /* closing switches back to 1,000,000 baud and closes the socket: the
   * emulator sees the host go */
  ks_lk_reader_close (reader);
  g_assert_cmpint (socket_link.fd, ==, -1);
  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (thread)), ==, KS_LK_EMULATOR_HOST_CLOSED);

  /* every wait the driver counted went to the link's sleep function: at
   * least the 20 ms after each of the two rate switches */
  ks_lk_reader_get_stats (reader, &stats);
  g_assert_cmpuint (socket_link.slept_usec, ==, stats.waited_usec);
  g_assert_cmpuint (socket_link.slept_usec, >=, 2 * 20 * 1000);

  close (sv[1]);
  ks_lk_emulator_free (socket_link.emulator);
  ks_emulated_cart_free (cart);
  ks_cart_info_clear (&info);
}

/* ---- the emulator's CRC32 limit ---------------------------------------------- */

/* Everything the emulator answers to @stream, sent at once over a socket */
static GBytes *
emulator_answers (KsLkEmulator *emulator,
                  const guint8 *stream,
                  gsize         size)
{
  GByteArray *answers = g_byte_array_new ();
  guint8 buffer[256];
  ssize_t n;
  int sv[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), ==, 0);
  g_assert_cmpint (write (sv[1], stream, size), ==, (ssize_t) size);
  shutdown (sv[1], SHUT_WR);
  g_assert_cmpint (ks_lk_emulator_serve (emulator, sv[0]), ==, KS_LK_EMULATOR_HOST_CLOSED);
  close (sv[0]);
  while ((n = read (sv[1], buffer, sizeof buffer)) > 0)
    g_byte_array_append (answers, buffer, n);
  close (sv[1]);

  return g_byte_array_free_to_bytes (answers);
}

static void
test_emulator_crc32_limit (void)
{
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("KEEPSAKE", KS_GB_MBC_MBC1, 8192);
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0xC2C);
  g_autoptr(KsEmulatedCart) cart = ks_emulated_cart_new_gb (KS_GB_MBC_MBC1, ram, rom);
  KsLkEmulator *emulator = ks_lk_emulator_new (cart);
  /* §1.4: CALC_CRC32 (D5) with a big-endian length, from ADDRESS 0 */
  const guint8 stream[] = { 0xD5, 0x00, 0x00, 0x01, 0x00, 0xD5, 0x00, 0x00, 0x01, 0x01 };
  g_autoptr(GBytes) answers = NULL;
  const guint8 *a;
  gsize size;
  guint8 expected[4];

  ks_lk_emulator_set_profile (emulator, KS_LK_PROFILE_L1);
  ks_lk_emulator_set_crc32_limit (emulator, 256);
  answers = emulator_answers (emulator, stream, sizeof stream);
  a = g_bytes_get_data (answers, &size);

  /* 256 bytes are within the limit: the CRC of the ROM's first 256 bytes
   * (L1 powers the cart from the start); 257 are refused with 02 */
  ks_write_be32 (expected, (guint32) crc32 (0, g_bytes_get_data (rom, NULL), 256));
  g_assert_cmpuint (size, ==, 5);
  g_assert_cmpmem (a, 4, expected, 4);
  g_assert_cmpuint (a[4], ==, KS_LK_STATUS_ERROR);

  ks_lk_emulator_free (emulator);
}

/* A byte a GB cart's ROM does not take: FLASH_PROGRAM polls until its
 * time-out (500 ms of device time, however the emulator gets there) and
 * answers 02; so does one its RAM does not hold */
static void
test_emulator_program_rom_times_out (void)
{
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("KEEPSAKE", KS_GB_MBC_MBC1, 8192);
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0xD3);
  g_autoptr(KsEmulatedCart) cart = ks_emulated_cart_new_gb (KS_GB_MBC_MBC1, ram, rom);
  KsLkEmulator *emulator = ks_lk_emulator_new (cart);
  const guint8 setup[] = {
    0xF2,                                              /* cart power on */
    0xA6, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,   /* TRANSFER_SIZE 1 */
    0xA7, 0x00, KS_LK_FLASH_METHOD_UNBUFFERED, 0x00,  /* three command writes to 0000 */
    0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,
  };
  const guint8 ram_setup[] = {
    0xA6, KS_LK_VAR_8, 0x00, 0x00, 0x00, KS_LK_VAR8_DMG_READ_CS_PULSE,
    0x00, 0x00, 0x00, 0x01,                            /* reads pulse /CS */
    0xA6, KS_LK_VAR_32, 0x00, 0x00, 0x00, KS_LK_VAR32_ADDRESS,
    0x00, 0x00, 0xA0, 0x00,                            /* address A000 */
  };
  guint8 program[] = { 0xD3, 0x5A ^ *(const guint8 *) g_bytes_get_data (rom, NULL) };
  g_autoptr(GBytes) set_up = NULL;
  g_autoptr(GBytes) answer = NULL;
  KsLkEmulatorStats before, after;
  const guint8 *a;
  gsize size;

  set_up = emulator_answers (emulator, setup, sizeof setup);
  a = g_bytes_get_data (set_up, &size);
  g_assert_cmpuint (size, >=, 2);
  /* the variable and the flash commands were taken */
  g_assert_cmpuint (a[size - 2], ==, KS_LK_STATUS_OK);
  g_assert_cmpuint (a[size - 1], ==, KS_LK_STATUS_OK);

  ks_lk_emulator_get_stats (emulator, &before);
  answer = emulator_answers (emulator, program, sizeof program);
  ks_lk_emulator_get_stats (emulator, &after);
  a = g_bytes_get_data (answer, &size);
  g_assert_cmpuint (size, ==, 1);
  g_assert_cmpuint (a[0], ==, KS_LK_STATUS_ERROR);
  g_assert_cmpuint (after.device_usec - before.device_usec, ==, 500000);
  g_clear_pointer (&answer, g_bytes_unref);

  /* the same in the cart's RAM, read with /CS (so what the RAM holds):
   * a byte it does not hold is never seen either */
  set_up = (g_bytes_unref (set_up), emulator_answers (emulator, ram_setup, sizeof ram_setup));
  a = g_bytes_get_data (set_up, &size);
  g_assert_cmpuint (size, ==, 2);
  g_assert_cmpuint (a[0], ==, KS_LK_STATUS_OK);
  g_assert_cmpuint (a[1], ==, KS_LK_STATUS_OK);
  program[1] = 0x5A ^ ((const guint8 *) g_bytes_get_data (ram, NULL))[0];
  ks_lk_emulator_get_stats (emulator, &before);
  answer = emulator_answers (emulator, program, sizeof program);
  ks_lk_emulator_get_stats (emulator, &after);
  a = g_bytes_get_data (answer, &size);
  g_assert_cmpuint (size, ==, 1);
  g_assert_cmpuint (a[0], ==, KS_LK_STATUS_ERROR);
  g_assert_cmpuint (after.device_usec - before.device_usec, ==, 500000);
  ks_lk_emulator_free (emulator);
}

/* On a Mega Memory Card the same above the flash window: in the storage
 * view the card starts in, the RAM area shows nothing (0xFF), so a 0x00
 * programmed there is never seen; 02 after 500 ms of device time */
static void
test_emulator_program_mmc_ram_area_times_out (void)
{
  g_autoptr(GBytes) image = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) top_rom = ks_cart_rom_new_gb ("KEEPSAKE", KS_GB_MBC_MBC3, 8192);
  g_autoptr(GBytes) top_ram = ks_test_random_bytes (8192, 0xD4);
  /* the card takes the top cart */
  KsEmulatedCart *top = ks_emulated_cart_new_gb (KS_GB_MBC_MBC3, top_ram, top_rom);
  g_autoptr(KsEmulatedCart) cart = ks_emulated_cart_new_mmc (image, top,
                                                             KS_MMC_DECODE_OSCR_COMPATIBLE);
  KsLkEmulator *emulator = ks_lk_emulator_new (cart);
  const guint8 setup[] = {
    0xF2,                                              /* cart power on */
    0xA6, KS_LK_VAR_16, 0x00, 0x00, 0x00, KS_LK_VAR16_TRANSFER_SIZE,
    0x00, 0x00, 0x00, 0x01,                            /* TRANSFER_SIZE 1 */
    0xA7, 0x00, KS_LK_FLASH_METHOD_UNBUFFERED, 0x00,  /* three command writes to 0000 */
    0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0,
  };
  const guint32 addresses[] = { 0xA000, 0xBFFF };
  g_autoptr(GBytes) set_up = emulator_answers (emulator, setup, sizeof setup);
  const guint8 *took = g_bytes_get_data (set_up, NULL);

  /* the variable and the flash commands were taken */
  g_assert_cmpuint (g_bytes_get_size (set_up), >=, 2);
  g_assert_cmpuint (took[g_bytes_get_size (set_up) - 2], ==, KS_LK_STATUS_OK);
  g_assert_cmpuint (took[g_bytes_get_size (set_up) - 1], ==, KS_LK_STATUS_OK);
  for (guint k = 0; k < G_N_ELEMENTS (addresses); k++)
    {
      const guint8 place[] = {
        0xA6, KS_LK_VAR_8, 0x00, 0x00, 0x00, KS_LK_VAR8_DMG_READ_CS_PULSE,
        0x00, 0x00, 0x00, 0x01,
        0xA6, KS_LK_VAR_32, 0x00, 0x00, 0x00, KS_LK_VAR32_ADDRESS,
        0x00, 0x00, (guint8) (addresses[k] >> 8), (guint8) addresses[k],
      };
      const guint8 probe[] = { 0xD3, 0x00 };   /* program 0x00 */
      g_autoptr(GBytes) placed = emulator_answers (emulator, place, sizeof place);
      g_autoptr(GBytes) answer = NULL;
      KsLkEmulatorStats before, after;
      const guint8 *a;
      gsize size;

      ks_lk_emulator_get_stats (emulator, &before);
      answer = emulator_answers (emulator, probe, sizeof probe);
      ks_lk_emulator_get_stats (emulator, &after);
      a = g_bytes_get_data (answer, &size);
      g_assert_cmpuint (size, ==, 1);
      g_assert_cmpuint (a[0], ==, KS_LK_STATUS_ERROR);
      g_assert_cmpuint (after.device_usec - before.device_usec, ==, 500000);
      g_assert_cmpuint (g_bytes_get_size (placed), ==, 2);
    }
  ks_lk_emulator_free (emulator);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk-reader/identify/gbxcart-v1.4a-r42-l14", test_identify_v14a_l14);
  g_test_add_func ("/lk-reader/custom-link/reads-and-never-sleeps",
                   test_custom_link_reads_and_never_sleeps);
  g_test_add_func ("/lk-reader/emulator/crc32-limit", test_emulator_crc32_limit);
  g_test_add_func ("/lk-reader/emulator/program-rom-times-out",
                   test_emulator_program_rom_times_out);
  g_test_add_func ("/lk-reader/emulator/program-mmc-ram-area-times-out",
                   test_emulator_program_mmc_ram_area_times_out);
  g_test_add_func ("/lk-reader/identify/v1.3-l1-reads-without-acks",
                   test_identify_v13_l1_reads_without_acks);
  g_test_add_func ("/lk-reader/read/gba-flash-macronix-128k-equals-image",
                   test_gba_flash_macronix_128k_equals_image);
  g_test_add_func ("/lk-reader/read/gba-flash-sanyo-128k-equals-image",
                   test_gba_flash_sanyo_128k_equals_image);
  g_test_add_func ("/lk-reader/read/gba-flash-sst-64k-equals-image",
                   test_gba_flash_sst_64k_equals_image);
  g_test_add_func ("/lk-reader/read/gba-sram-32k-probe-and-read", test_gba_sram_32k_probe_and_read);
  g_test_add_func ("/lk-reader/read/gba-fram-64k-probe-and-read", test_gba_fram_64k_probe_and_read);
  g_test_add_func ("/lk-reader/read/gb-mbc1-32k-across-banks", test_gb_mbc1_32k_across_banks);
  g_test_add_func ("/lk-reader/read/gb-mbc3-32k-across-banks", test_gb_mbc3_32k_across_banks);
  g_test_add_func ("/lk-reader/read/gb-mbc5-128k-across-banks", test_gb_mbc5_128k_across_banks);
  g_test_add_func ("/lk-reader/read/gb-mbc2-nibbles", test_gb_mbc2_nibbles);
  g_test_add_func ("/lk-reader/read/mmc-512k-checked-by-crc", test_mmc_full_read_checked_by_crc);
  g_test_add_func ("/lk-reader/read/mmc-bank-crc-is-zlib-crc32", test_mmc_bank_crc_matches_zlib);
  g_test_add_func ("/lk-reader/detect/empty-slot", test_detect_empty_slot);
  g_test_add_func ("/lk-reader/detect/override-replaces-guess", test_detect_override_replaces_guess);
  g_test_add_func ("/lk-reader/detect/says-why-a-controller-is-not-read",
                   test_detect_says_why_a_controller_is_not_read);
  g_test_add_func ("/lk-reader/fault/dropped-ack-retries", test_fault_drop_ack);
  g_test_add_func ("/lk-reader/fault/junk-byte-is-dropped", test_fault_junk_byte);
  g_test_add_func ("/lk-reader/fault/short-read-retries", test_fault_short_read);
  g_test_add_func ("/lk-reader/fault/error-reply-resyncs-and-retries", test_fault_error_reply);
  g_test_add_func ("/lk-reader/fault/lost-byte-resyncs-and-retries", test_fault_lost_byte);
  g_test_add_func ("/lk-reader/fault/late-reply-resyncs-and-retries", test_fault_late_reply);
  g_test_add_func ("/lk-reader/fault/error-at-each-of-the-first-40-commands",
                   test_fault_error_on_every_step_kind);
  g_test_add_func ("/lk-reader/fault/junk-after-each-of-the-first-40-commands",
                   test_fault_junk_after_each_step_kind);
  g_test_add_func ("/lk-reader/fault/disconnect-is-a-clear-error",
                   test_fault_disconnect_is_a_clear_error);
  g_test_add_func ("/lk-reader/fault/silent-device-times-out-within-1.5s",
                   test_fault_silent_times_out_fast);
  g_test_add_func ("/lk-reader/fault/silent-device-times-out-within-3.5s-at-flashgbx-limits",
                   test_fault_silent_times_out_with_flashgbx_limits);
  g_test_add_func ("/lk-reader/fault/power-loss-mid-erase-leaves-half-erased-sector",
                   test_fault_power_loss_mid_erase);
  g_test_add_func ("/lk-reader/write/gba-flash-erase-program-through-reader",
                   test_gba_flash_erase_program_through_reader);
  g_test_add_func ("/lk-reader/write/program-without-erase-fails-verification",
                   test_program_without_erase_fails_verification);
  g_test_add_func ("/lk-reader/write/mmc-erase-program-touches-one-sector",
                   test_mmc_erase_program_through_reader);
  g_test_add_func ("/lk-reader/write/missing-unprotect-leaves-mmc-unchanged",
                   test_missing_unprotect_leaves_mmc_unchanged);
  g_test_add_func ("/lk-reader/transfer/reads-in-4k", test_transfer_reads_in_4k);
  g_test_add_func ("/lk-reader/transfer/short-reads-step-down-and-are-remembered",
                   test_transfer_steps_down_and_remembers);
  g_test_add_func ("/lk-reader/transfer/a-shorter-read-too-long-for-the-reader-steps-down",
                   test_transfer_small_read_too_long_steps_down);
  g_test_add_func ("/lk-reader/baud/v1.4a-switches-to-1.5m-and-back",
                   test_baud_switches_to_1m5_and_back);
  g_test_add_func ("/lk-reader/baud/v1.3-stays-at-1m", test_baud_v13_stays_at_1m);
  g_test_add_func ("/lk-reader/baud/ignored-switch-falls-back-to-1m",
                   test_baud_ignored_switch_falls_back);
  g_test_add_func ("/lk-reader/baud/reader-back-at-1m-mid-read-is-followed",
                   test_baud_reader_back_at_1m_mid_read);
  g_test_add_func ("/lk-reader/baud/faults-at-1.5m-on-4k-reads-recover",
                   test_baud_faults_at_1m5_recover);
  g_test_add_func ("/lk-reader/write/mmc-sector-programmed-in-one-round-trip",
                   test_mmc_sector_programmed_in_one_round_trip);
  g_test_add_func ("/lk-reader/open/errors-are-explained", test_open_errors_are_explained);
  g_test_add_func ("/lk-reader/open/silent-port-is-not-lk", test_silent_port_is_not_lk);

  return g_test_run ();
}
