/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gb-mbc.c — Game Boy cart model (MBC1/2/3/5 + SRAM) and the RAM
 * driver against each other (Pan Docs; cart-reader-protocol.md §1.7, §2) */

#include "config.h"

#include "ks-test-utils.h"

static KsGbMbcModel *
new_cart (KsGbMbc  mbc,
          gsize    ram_size,
          guint32  seed)
{
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("KEEPSAKE TEST", mbc, ram_size);
  g_autoptr(GBytes) ram = ks_test_random_bytes (ram_size, seed);

  return ks_gb_mbc_model_new (mbc, rom, ram);
}

static guint8
read_at (KsBus   *bus,
         guint32  address)
{
  guint8 value = 0;

  g_assert_true (ks_bus_read (bus, address, &value, NULL));
  return value;
}

static void
write_at (KsBus   *bus,
          guint32  address,
          guint8   value)
{
  g_assert_true (ks_bus_write (bus, address, value, NULL));
}

static void
check_read_write (KsGbMbc mbc,
                  gsize   ram_size)
{
  g_autoptr(KsGbMbcModel) cart = new_cart (mbc, ram_size, (guint32) (mbc * 1000 + ram_size));
  KsBus *bus = ks_gb_mbc_model_get_bus (cart);
  g_autofree guint8 *buffer = g_malloc (ram_size);
  g_autoptr(GBytes) replacement = ks_test_random_bytes (ram_size, 99);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_gb_mbc_read_ram (bus, mbc, buffer, ram_size, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buffer, ram_size, ks_gb_mbc_model_peek_ram (cart), ram_size);
  /* the driver leaves the RAM disabled */
  g_assert_false (ks_gb_mbc_model_ram_enabled (cart));

  g_assert_true (ks_gb_mbc_write_ram (bus, mbc, g_bytes_get_data (replacement, NULL), ram_size,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpmem (ks_gb_mbc_model_peek_ram (cart), ram_size,
                   g_bytes_get_data (replacement, NULL), ram_size);
}

static void
test_mbc1_32k_across_banks (void)
{
  check_read_write (KS_GB_MBC_MBC1, 32 * 1024);
}

static void
test_mbc3_32k_across_banks (void)
{
  check_read_write (KS_GB_MBC_MBC3, 32 * 1024);
}

static void
test_mbc5_128k_across_banks (void)
{
  check_read_write (KS_GB_MBC_MBC5, 128 * 1024);
}

static void
test_plain_rom_ram_8k (void)
{
  check_read_write (KS_GB_MBC_NONE, 8 * 1024);
}

static void
test_mbc1_needs_mode_1_for_ram_banks (void)
{
  g_autoptr(KsGbMbcModel) cart = new_cart (KS_GB_MBC_MBC1, 32 * 1024, 5);
  KsBus *bus = ks_gb_mbc_model_get_bus (cart);
  const guint8 *ram = ks_gb_mbc_model_peek_ram (cart);

  write_at (bus, 0x0000, 0x0A);
  write_at (bus, 0x4000, 0x02);
  /* mode 0: bank 0 shows whatever 4000 says */
  g_assert_cmphex (read_at (bus, 0xA010), ==, ram[0x0010]);
  write_at (bus, 0x6000, 0x01);
  g_assert_cmphex (read_at (bus, 0xA010), ==, ram[0x4010]);
}

static void
test_disabled_ram_reads_ff (void)
{
  g_autoptr(KsGbMbcModel) cart = new_cart (KS_GB_MBC_MBC5, 8 * 1024, 6);
  KsBus *bus = ks_gb_mbc_model_get_bus (cart);
  guint8 first = ks_gb_mbc_model_peek_ram (cart)[0];

  g_assert_cmphex (read_at (bus, 0xA000), ==, 0xFF);
  /* a write to disabled RAM goes nowhere */
  write_at (bus, 0xA000, (guint8) ~first);
  g_assert_cmphex (ks_gb_mbc_model_peek_ram (cart)[0], ==, first);
  write_at (bus, 0x0000, 0x0A);
  g_assert_cmphex (read_at (bus, 0xA000), ==, first);
}

static void
test_mbc2_keeps_four_bits (void)
{
  g_autoptr(KsGbMbcModel) cart = new_cart (KS_GB_MBC_MBC2, 512, 7);
  KsBus *bus = ks_gb_mbc_model_get_bus (cart);
  guint8 buffer[512];
  g_autoptr(GBytes) before = ks_gb_mbc_model_dup_ram (cart);
  const guint8 *old = g_bytes_get_data (before, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_gb_mbc_read_ram (bus, KS_GB_MBC_MBC2, buffer, sizeof buffer, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 512; i++)
    g_assert_cmphex (buffer[i], ==, 0xF0 | (old[i] & 0x0F));

  /* writes store the low nibble only; the image keeps its upper bits */
  write_at (bus, 0x0000, 0x0A);
  write_at (bus, 0xA005, 0xA7);
  g_assert_cmphex (read_at (bus, 0xA005), ==, 0xF7);
  g_assert_cmphex (ks_gb_mbc_model_peek_ram (cart)[5], ==, (old[5] & 0xF0) | 0x07);
  /* 512 cells mirror through A000-BFFF */
  g_assert_cmphex (read_at (bus, 0xA205), ==, 0xF7);
  /* A8 set selects a ROM bank rather than disabling the RAM */
  write_at (bus, 0x0100, 0x02);
  g_assert_cmphex (read_at (bus, 0x4000), ==, 0x02);
  g_assert_true (ks_gb_mbc_model_ram_enabled (cart));
}

static void
test_rom_banks_switch (void)
{
  g_autoptr(KsGbMbcModel) mbc1 = new_cart (KS_GB_MBC_MBC1, 8192, 1);
  g_autoptr(KsGbMbcModel) mbc5 = new_cart (KS_GB_MBC_MBC5, 8192, 1);

  /* the placeholder ROM starts every bank with its number */
  g_assert_cmphex (read_at (ks_gb_mbc_model_get_bus (mbc1), 0x4000), ==, 1);
  write_at (ks_gb_mbc_model_get_bus (mbc1), 0x2000, 0x03);
  g_assert_cmphex (read_at (ks_gb_mbc_model_get_bus (mbc1), 0x4000), ==, 3);
  /* MBC1 maps bank 0 to 1; MBC5 does not */
  write_at (ks_gb_mbc_model_get_bus (mbc1), 0x2000, 0x00);
  g_assert_cmphex (read_at (ks_gb_mbc_model_get_bus (mbc1), 0x4000), ==, 1);
  write_at (ks_gb_mbc_model_get_bus (mbc5), 0x2000, 0x00);
  g_assert_cmphex (read_at (ks_gb_mbc_model_get_bus (mbc5), 0x4000), ==, 0);
}

static void
test_mbc3_clock_registers_read_ff (void)
{
  g_autoptr(KsGbMbcModel) cart = new_cart (KS_GB_MBC_MBC3, 8192, 2);
  KsBus *bus = ks_gb_mbc_model_get_bus (cart);

  write_at (bus, 0x0000, 0x0A);
  write_at (bus, 0x4000, 0x08);
  g_assert_cmphex (read_at (bus, 0xA000), ==, 0xFF);
}

static void
test_2k_ram_mirrors (void)
{
  g_autoptr(KsGbMbcModel) cart = new_cart (KS_GB_MBC_MBC1, 2048, 3);
  KsBus *bus = ks_gb_mbc_model_get_bus (cart);

  write_at (bus, 0x0000, 0x0A);
  g_assert_cmphex (read_at (bus, 0xA800), ==, ks_gb_mbc_model_peek_ram (cart)[0]);
}

static void
test_header_names_mbc_and_ram (void)
{
  static const struct
  {
    KsGbMbc mbc;
    gsize   ram;
  } carts[] = {
    { KS_GB_MBC_NONE, 8192 }, { KS_GB_MBC_MBC1, 32768 }, { KS_GB_MBC_MBC2, 512 },
    { KS_GB_MBC_MBC3, 32768 }, { KS_GB_MBC_MBC5, 131072 }, { KS_GB_MBC_MBC5, 65536 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (carts); i++)
    {
      g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("HEADER TEST", carts[i].mbc, carts[i].ram);
      g_autoptr(GError) error = NULL;
      KsGbHeader header;

      g_assert_true (ks_gb_header_parse (g_bytes_get_data (rom, NULL), g_bytes_get_size (rom),
                                         &header, &error));
      g_assert_no_error (error);
      g_assert_true (ks_gb_header_checksum_ok (&header));
      g_assert_cmpstr (header.title, ==, "HEADER TEST");
      g_assert_cmpint (header.mbc, ==, carts[i].mbc);
      g_assert_true (ks_gb_header_has_save (&header));
      g_assert_cmpuint (ks_gb_header_save_size (&header), ==, carts[i].ram);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gb-mbc/ram/mbc1-32k-across-banks", test_mbc1_32k_across_banks);
  g_test_add_func ("/gb-mbc/ram/mbc3-32k-across-banks", test_mbc3_32k_across_banks);
  g_test_add_func ("/gb-mbc/ram/mbc5-128k-across-banks", test_mbc5_128k_across_banks);
  g_test_add_func ("/gb-mbc/ram/plain-rom-ram-8k", test_plain_rom_ram_8k);
  g_test_add_func ("/gb-mbc/ram/mbc1-needs-mode-1-for-ram-banks", test_mbc1_needs_mode_1_for_ram_banks);
  g_test_add_func ("/gb-mbc/ram/disabled-ram-reads-ff", test_disabled_ram_reads_ff);
  g_test_add_func ("/gb-mbc/ram/mbc2-keeps-four-bits", test_mbc2_keeps_four_bits);
  g_test_add_func ("/gb-mbc/ram/mbc3-clock-registers-read-ff", test_mbc3_clock_registers_read_ff);
  g_test_add_func ("/gb-mbc/ram/2k-ram-mirrors", test_2k_ram_mirrors);
  g_test_add_func ("/gb-mbc/rom/banks-switch", test_rom_banks_switch);
  g_test_add_func ("/gb-mbc/rom/placeholder-header-names-mbc-and-ram", test_header_names_mbc_and_ram);

  return g_test_run ();
}
