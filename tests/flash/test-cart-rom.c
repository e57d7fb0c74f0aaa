/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cart-rom.c — placeholder ROMs and the GBA header parser that reads
 * them (GBATEK "GBA Cartridge Header") */

#include "config.h"

#include "ks-test-utils.h"

static void
test_gba_rom_has_valid_header (void)
{
  g_autoptr(GBytes) rom = ks_cart_rom_new_gba ("KEEPSAKE", "KSPK");
  g_autoptr(GError) error = NULL;
  KsGbaHeader header;

  g_assert_true (ks_gba_header_parse (g_bytes_get_data (rom, NULL), g_bytes_get_size (rom),
                                      &header, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (header.title, ==, "KEEPSAKE");
  g_assert_cmpstr (header.game_code, ==, "KSPK");
  g_assert_cmpstr (header.maker_code, ==, "00");
  g_assert_cmphex (header.fixed_value, ==, 0x96);
  g_assert_true (ks_gba_header_is_valid (&header));
}

static void
test_gba_header_complement_vector (void)
{
  guint8 rom[0xC0] = { 0 };
  KsGbaHeader header;

  /* all zero from 0xA0: chk = 0 - 0x96 - 0x19 = 0x51 with the fixed byte */
  rom[0xB2] = 0x96;
  g_assert_cmphex (ks_gba_header_compute_complement (rom), ==, 0x51);
  rom[0xBD] = 0x51;
  g_assert_true (ks_gba_header_parse (rom, sizeof rom, &header, NULL));
  g_assert_true (ks_gba_header_is_valid (&header));
  g_assert_cmpstr (header.game_code, ==, "");

  rom[0xBD] = 0x52;
  g_assert_true (ks_gba_header_parse (rom, sizeof rom, &header, NULL));
  g_assert_false (ks_gba_header_is_valid (&header));
}

static void
test_gba_header_from_empty_slot (void)
{
  g_autofree guint8 *ff = g_malloc (0xC0);
  g_autoptr(GError) error = NULL;
  KsGbaHeader header;

  /* a reader with no cart reads a floating bus */
  memset (ff, 0xFF, 0xC0);
  g_assert_true (ks_gba_header_parse (ff, 0xC0, &header, NULL));
  g_assert_false (ks_gba_header_is_valid (&header));

  g_assert_false (ks_gba_header_parse (ff, 0xBF, &header, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cart-rom/gba/has-valid-header", test_gba_rom_has_valid_header);
  g_test_add_func ("/cart-rom/gba/header-complement-vector", test_gba_header_complement_vector);
  g_test_add_func ("/cart-rom/gba/header-from-empty-slot", test_gba_header_from_empty_slot);

  return g_test_run ();
}
