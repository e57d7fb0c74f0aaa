/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gb-header.c — the Game Boy cartridge header at 0x100-0x14F
 *
 * Synthetic headers written out byte for byte (Pan Docs, "The Cartridge
 * Header"); the checksums were worked out by hand with x = x - b - 1.
 */

#include "config.h"

#include "ks-test-utils.h"

static const char logo_hex[] =
  "CE ED 66 66 CC 0D 00 0B 03 73 00 83 00 0C 00 0D"
  "00 08 11 1F 88 89 00 0E DC CC 6E E6 DD DD D9 99"
  "BB BB 67 63 6E 0E EC CC DD DC 99 9F BB B9 33 3E";

/* 0x134-0x14C, then the header checksum 0x14D and global checksum 0x14E */
static const char dmg_mbc1_hex[] =
  /* title "KEEPSAKE TEST", NUL padded to 16 bytes (no CGB flag) */
  "4B 45 45 50 53 41 4B 45 20 54 45 53 54 00 00 00"
  /* licensee 00 00, SGB 00, type 03 = MBC1+RAM+BATTERY, ROM 01 = 64 KiB,
   * RAM 02 = 8 KiB, destination 01, old licensee 33, version 00 */
  "00 00 00 03 01 02 01 33 00"
  "04 12 34";

static const char cgb_mbc3_hex[] =
  /* "KS_CRYSTAL", NUL, manufacturer "AKSE", CGB flag C0 */
  "4B 53 5F 43 52 59 53 54 41 4C 00 41 4B 53 45 C0"
  /* licensee "01", SGB 03, type 10 = MBC3+TIMER+RAM+BATTERY, ROM 06 = 2 MiB,
   * RAM 03 = 32 KiB, destination 01, old licensee 33, version 01 */
  "30 31 03 10 06 03 01 33 01"
  "32 AB CD";

static const char mbc2_hex[] =
  "4D 42 43 32 20 54 45 53 54 00 00 00 00 00 00 00"
  /* type 06 = MBC2+BATTERY, RAM code 00 */
  "00 00 00 06 00 00 00 01 02"
  "7A 00 00";

static GBytes *
make_rom (const char *from_0x134)
{
  g_autoptr(GBytes) logo = ks_test_bytes_from_hex (logo_hex);
  g_autoptr(GBytes) tail = ks_test_bytes_from_hex (from_0x134);
  guint8 *rom = g_malloc0 (KS_GB_HEADER_SIZE);

  g_assert_cmpuint (g_bytes_get_size (tail), ==, KS_GB_HEADER_SIZE - 0x134);
  /* the entry point: nop; jp 0x150 */
  rom[0x100] = 0x00;
  rom[0x101] = 0xC3;
  rom[0x102] = 0x50;
  rom[0x103] = 0x01;
  memcpy (rom + 0x104, g_bytes_get_data (logo, NULL), 48);
  memcpy (rom + 0x134, g_bytes_get_data (tail, NULL), g_bytes_get_size (tail));

  return g_bytes_new_take (rom, KS_GB_HEADER_SIZE);
}

static void
parse_ok (GBytes     *rom,
          KsGbHeader *header)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_gb_header_parse (g_bytes_get_data (rom, NULL), g_bytes_get_size (rom),
                                     header, &error));
  g_assert_no_error (error);
}

static void
test_dmg_mbc1_battery (void)
{
  g_autoptr(GBytes) rom = make_rom (dmg_mbc1_hex);
  KsGbHeader header;

  parse_ok (rom, &header);
  g_assert_cmpstr (header.title, ==, "KEEPSAKE TEST");
  g_assert_cmpstr (header.manufacturer, ==, "");
  g_assert_cmpint (header.cgb, ==, KS_GB_CGB_NONE);
  g_assert_false (header.sgb);
  g_assert_cmpuint (header.cart_type, ==, 0x03);
  g_assert_cmpint (header.mbc, ==, KS_GB_MBC_MBC1);
  g_assert_cmpstr (ks_gb_mbc_to_string (header.mbc), ==, "MBC1");
  g_assert_cmpuint (header.features, ==, KS_GB_CART_RAM | KS_GB_CART_BATTERY);
  g_assert_cmpuint (header.rom_size, ==, 64 * 1024);
  g_assert_true (header.ram_size_known);
  g_assert_cmpuint (header.ram_size, ==, 8192);
  g_assert_cmpuint (header.version, ==, 0);
  g_assert_cmpuint (header.header_checksum, ==, 0x04);
  g_assert_cmpuint (header.computed_checksum, ==, 0x04);
  g_assert_true (ks_gb_header_checksum_ok (&header));
  g_assert_cmpuint (header.global_checksum, ==, 0x1234);
  g_assert_true (header.logo_ok);
  g_assert_true (ks_gb_header_has_save (&header));
  g_assert_cmpuint (ks_gb_header_save_size (&header), ==, 8192);
}

static void
test_cgb_only_mbc3_clock_and_manufacturer (void)
{
  g_autoptr(GBytes) rom = make_rom (cgb_mbc3_hex);
  KsGbHeader header;

  parse_ok (rom, &header);
  /* the CGB flag shortens the title; the NUL at 0x13E frees 0x13F-0x142 */
  g_assert_cmpstr (header.title, ==, "KS_CRYSTAL");
  g_assert_cmpstr (header.manufacturer, ==, "AKSE");
  g_assert_cmpuint (header.cgb_flag, ==, 0xC0);
  g_assert_cmpint (header.cgb, ==, KS_GB_CGB_ONLY);
  g_assert_true (header.sgb);
  g_assert_cmpint (header.mbc, ==, KS_GB_MBC_MBC3);
  g_assert_cmpuint (header.features, ==, KS_GB_CART_RAM | KS_GB_CART_BATTERY | KS_GB_CART_RTC);
  g_assert_cmpuint (header.rom_size, ==, 2 * 1024 * 1024);
  g_assert_cmpuint (header.ram_size, ==, 32768);
  g_assert_cmpuint (header.version, ==, 1);
  g_assert_cmpuint (header.computed_checksum, ==, 0x32);
  g_assert_true (ks_gb_header_checksum_ok (&header));
  g_assert_cmpuint (header.global_checksum, ==, 0xABCD);
}

static void
test_mbc2_has_512_half_bytes (void)
{
  g_autoptr(GBytes) rom = make_rom (mbc2_hex);
  KsGbHeader header;

  parse_ok (rom, &header);
  g_assert_cmpstr (header.title, ==, "MBC2 TEST");
  g_assert_cmpint (header.mbc, ==, KS_GB_MBC_MBC2);
  g_assert_cmpuint (header.ram_size_code, ==, 0x00);
  g_assert_cmpuint (header.ram_size, ==, 512);
  g_assert_true (ks_gb_header_has_save (&header));
  g_assert_cmpuint (header.computed_checksum, ==, 0x7A);
  g_assert_true (ks_gb_header_checksum_ok (&header));
}

static void
test_bad_checksum_and_logo_are_reported (void)
{
  g_autoptr(GBytes) rom = make_rom (dmg_mbc1_hex);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (rom, NULL), KS_GB_HEADER_SIZE);
  KsGbHeader header;

  data[0x14D] = 0x05;
  data[0x110] ^= 0x01;
  g_assert_true (ks_gb_header_parse (data, KS_GB_HEADER_SIZE, &header, NULL));
  g_assert_cmpuint (header.header_checksum, ==, 0x05);
  g_assert_cmpuint (header.computed_checksum, ==, 0x04);
  g_assert_false (ks_gb_header_checksum_ok (&header));
  g_assert_false (header.logo_ok);
}

static void
test_ram_size_codes (void)
{
  const guint32 expected[] = { 0, 2048, 8192, 32768, 131072, 65536 };
  g_autoptr(GBytes) rom = make_rom (dmg_mbc1_hex);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (rom, NULL), KS_GB_HEADER_SIZE);
  KsGbHeader header;

  for (guint code = 0; code < G_N_ELEMENTS (expected); code++)
    {
      data[0x149] = (guint8) code;
      g_assert_true (ks_gb_header_parse (data, KS_GB_HEADER_SIZE, &header, NULL));
      g_assert_true (header.ram_size_known);
      g_assert_cmpuint (header.ram_size, ==, expected[code]);
    }

  data[0x149] = 0x06;
  g_assert_true (ks_gb_header_parse (data, KS_GB_HEADER_SIZE, &header, NULL));
  g_assert_false (header.ram_size_known);
  g_assert_cmpuint (header.ram_size, ==, 0);
  g_assert_false (ks_gb_header_has_save (&header));
}

static void
test_cartridge_types (void)
{
  const struct
  {
    guint8           code;
    KsGbMbc          mbc;
    KsGbCartFeatures features;
  } cases[] = {
    { 0x00, KS_GB_MBC_NONE, 0 },
    { 0x01, KS_GB_MBC_MBC1, 0 },
    { 0x05, KS_GB_MBC_MBC2, KS_GB_CART_RAM },
    { 0x09, KS_GB_MBC_NONE, KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0x0D, KS_GB_MBC_MMM01, KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0x0F, KS_GB_MBC_MBC3, KS_GB_CART_RTC | KS_GB_CART_BATTERY },
    { 0x13, KS_GB_MBC_MBC3, KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0x1B, KS_GB_MBC_MBC5, KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0x1E, KS_GB_MBC_MBC5, KS_GB_CART_RUMBLE | KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0x20, KS_GB_MBC_MBC6, 0 },
    { 0x22, KS_GB_MBC_MBC7,
      KS_GB_CART_SENSOR | KS_GB_CART_RUMBLE | KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0xFC, KS_GB_MBC_POCKET_CAMERA, KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0xFE, KS_GB_MBC_HUC3, KS_GB_CART_RTC | KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0xFF, KS_GB_MBC_HUC1, KS_GB_CART_RAM | KS_GB_CART_BATTERY },
    { 0x04, KS_GB_MBC_UNKNOWN, 0 },
    { 0x42, KS_GB_MBC_UNKNOWN, 0 },
  };
  g_autoptr(GBytes) rom = make_rom (dmg_mbc1_hex);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (rom, NULL), KS_GB_HEADER_SIZE);
  KsGbHeader header;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      data[0x147] = cases[i].code;
      g_assert_true (ks_gb_header_parse (data, KS_GB_HEADER_SIZE, &header, NULL));
      g_assert_cmpint (header.mbc, ==, cases[i].mbc);
      g_assert_cmpuint (header.features, ==, cases[i].features);
    }
}

static void
test_sixteen_byte_title_without_cgb_flag (void)
{
  g_autoptr(GBytes) rom = make_rom (dmg_mbc1_hex);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (rom, NULL), KS_GB_HEADER_SIZE);
  KsGbHeader header;

  memcpy (data + 0x134, "ABCDEFGHIJKLMNOP", 16);
  g_assert_true (ks_gb_header_parse (data, KS_GB_HEADER_SIZE, &header, NULL));
  g_assert_cmpstr (header.title, ==, "ABCDEFGHIJKLMNOP");

  /* 0x80 in the last byte is a CGB flag, not a letter; control bytes show as '?' */
  data[0x143] = 0x80;
  data[0x135] = 0x07;
  g_assert_true (ks_gb_header_parse (data, KS_GB_HEADER_SIZE, &header, NULL));
  g_assert_cmpint (header.cgb, ==, KS_GB_CGB_ENHANCED);
  g_assert_cmpstr (header.title, ==, "A?CDEFGHIJKLMNO");
  /* a full-length title leaves no room for a manufacturer code */
  g_assert_cmpstr (header.manufacturer, ==, "");
}

static void
test_short_input_is_an_error (void)
{
  g_autoptr(GBytes) rom = make_rom (dmg_mbc1_hex);
  g_autoptr(GError) error = NULL;
  KsGbHeader header;

  g_assert_false (ks_gb_header_parse (g_bytes_get_data (rom, NULL), 0x14F, &header, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0x14F"));
}

static void
test_blank_and_erased_headers_do_not_crash (void)
{
  guint8 data[KS_GB_HEADER_SIZE];
  KsGbHeader header;

  memset (data, 0xFF, sizeof data);
  g_assert_true (ks_gb_header_parse (data, sizeof data, &header, NULL));
  g_assert_cmpint (header.mbc, ==, KS_GB_MBC_HUC1);
  g_assert_false (header.ram_size_known);
  g_assert_false (ks_gb_header_checksum_ok (&header));
  g_assert_false (header.logo_ok);
  g_assert_cmpstr (header.title, ==, "???????????????");

  memset (data, 0x00, sizeof data);
  g_assert_true (ks_gb_header_parse (data, sizeof data, &header, NULL));
  g_assert_cmpstr (header.title, ==, "");
  g_assert_cmpint (header.mbc, ==, KS_GB_MBC_NONE);
  /* 25 times x = x - 0 - 1 from 0 → -25 = 0xE7 */
  g_assert_cmpuint (header.computed_checksum, ==, 0xE7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gb/header/dmg-mbc1-battery", test_dmg_mbc1_battery);
  g_test_add_func ("/gb/header/cgb-only-mbc3-clock-and-manufacturer",
                   test_cgb_only_mbc3_clock_and_manufacturer);
  g_test_add_func ("/gb/header/mbc2-has-512-half-bytes", test_mbc2_has_512_half_bytes);
  g_test_add_func ("/gb/header/bad-checksum-and-logo-are-reported",
                   test_bad_checksum_and_logo_are_reported);
  g_test_add_func ("/gb/header/ram-size-codes", test_ram_size_codes);
  g_test_add_func ("/gb/header/cartridge-types", test_cartridge_types);
  g_test_add_func ("/gb/header/sixteen-byte-title-without-cgb-flag",
                   test_sixteen_byte_title_without_cgb_flag);
  g_test_add_func ("/gb/header/short-input-is-an-error", test_short_input_is_an_error);
  g_test_add_func ("/gb/header/blank-and-erased-headers-do-not-crash",
                   test_blank_and_erased_headers_do_not_crash);

  return g_test_run ();
}
