/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-mmc-cart.c — the Mega Memory Card model, its mapper driver and the
 * 28SF040 driver through the GB bus (cart-reader-protocol.md §3, §7.1,
 * §7.2; mega-memory-card.md §1) */

#include "config.h"

#include "ks-test-utils.h"

typedef struct
{
  KsFlashClock    clock;
  KsGbMbcModel   *top;
  KsMmcCartModel *card;
  KsBus          *gb;
  KsMmcMapper     mapper;
  GBytes         *flash;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("TOP CART", KS_GB_MBC_MBC5, 32768);
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 55);

  f->clock.now_usec = 0;
  f->flash = ks_test_random_bytes (KS_SST28SF040_SIZE, 40);
  f->top = ks_gb_mbc_model_new (KS_GB_MBC_MBC5, rom, ram);
  f->card = ks_mmc_cart_model_new (&f->clock, f->flash, ks_gb_mbc_model_get_bus (f->top),
                                   GPOINTER_TO_INT (data));
  f->gb = ks_mmc_cart_model_get_bus (f->card);
  ks_mmc_mapper_init (&f->mapper, f->gb);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ks_mmc_cart_model_free (f->card);
  ks_gb_mbc_model_free (f->top);
  g_bytes_unref (f->flash);
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
test_whole_card_reads_in_flash_order (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree guint8 *buffer = g_malloc (KS_SST28SF040_SIZE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;

  g_assert_true (ks_sst28sf040_read (ks_mmc_mapper_get_bus (&f->mapper), 0, buffer,
                                     KS_SST28SF040_SIZE, &error));
  g_assert_no_error (error);
  read = g_bytes_new_take (g_steal_pointer (&buffer), KS_SST28SF040_SIZE);
  /* mega-memory-card.md §1: image offset = flash address */
  ks_test_assert_bytes_equal (read, f->flash);
}

static void
test_register_0x80_selects_storage_bank (Fixture       *f,
                                         gconstpointer  data)
{
  const guint8 *flash = g_bytes_get_data (f->flash, NULL);

  write_at (f->gb, 0x2000, 0x80 | 5);
  g_assert_cmphex (read_at (f->gb, 0x4123), ==, flash[5 * 0x4000 + 0x123]);
  g_assert_cmphex (ks_mmc_cart_model_get_register (f->card), ==, 0x85);
}

static void
test_raw_bank_number_depends_on_decode (Fixture       *f,
                                        gconstpointer  data)
{
  const guint8 *flash = g_bytes_get_data (f->flash, NULL);
  const guint8 *rom = g_bytes_get_data (ks_mmc_cart_model_get_program_rom (f->card), NULL);

  /* OSCR writes the bank with bit 7 clear (§3, "Conflict") */
  write_at (f->gb, 0x2000, 0x05);
  if (GPOINTER_TO_INT (data) == KS_MMC_DECODE_OSCR_COMPATIBLE)
    g_assert_cmphex (read_at (f->gb, 0x4150), ==, flash[5 * 0x4000 + 0x150]);
  else
    g_assert_cmphex (read_at (f->gb, 0x4150), ==, rom[0x150]);
}

static void
test_passthrough_reaches_the_cart_on_top (Fixture       *f,
                                          gconstpointer  data)
{
  guint8 buffer[32768];
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_mmc_mapper_select_passthrough (&f->mapper, &error));
  g_assert_true (ks_gb_mbc_read_ram (f->gb, KS_GB_MBC_MBC5, buffer, sizeof buffer, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buffer, sizeof buffer, ks_gb_mbc_model_peek_ram (f->top), sizeof buffer);
  /* 0x0000-0x3FFF is always the card's own program ROM */
  g_assert_cmphex (read_at (f->gb, 0x0150),
                   ==, ((const guint8 *) g_bytes_get_data (ks_mmc_cart_model_get_program_rom (f->card),
                                                           NULL))[0x150]);
}

static void
test_id_through_the_register (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_sst28sf040_check_id (ks_mmc_mapper_get_bus (&f->mapper), &error));
  g_assert_no_error (error);
}

static void
test_erase_and_program_touch_one_sector (Fixture       *f,
                                         gconstpointer  data)
{
  KsBus *bus = ks_mmc_mapper_get_bus (&f->mapper);
  g_autoptr(GBytes) payload = ks_test_random_bytes (256, 3);
  g_autoptr(GError) error = NULL;
  const KsFlashCounters *counters;
  const guint8 *now, *old = g_bytes_get_data (f->flash, NULL);

  g_assert_true (ks_sst28sf040_erase_sector (bus, 0x4A100, &error));
  g_assert_true (ks_sst28sf040_program (bus, 0x4A100, g_bytes_get_data (payload, NULL), 256, &error));
  g_assert_no_error (error);

  now = ks_sst28sf040_model_peek (ks_mmc_cart_model_get_flash (f->card));
  g_assert_cmpmem (now + 0x4A100, 256, g_bytes_get_data (payload, NULL), 256);
  g_assert_cmpmem (now, 0x4A100, old, 0x4A100);
  g_assert_cmpmem (now + 0x4A200, KS_SST28SF040_SIZE - 0x4A200, old + 0x4A200,
                   KS_SST28SF040_SIZE - 0x4A200);

  counters = ks_sst28sf040_model_get_counters (ks_mmc_cart_model_get_flash (f->card));
  g_assert_cmpuint (ks_flash_counters_sectors_erased (counters), ==, 1);
  g_assert_cmpuint (counters->sector_erases[0x4A1], ==, 1);
  g_assert_true (ks_sst28sf040_model_is_protected (ks_mmc_cart_model_get_flash (f->card)));
}

static void
test_missing_unprotect_leaves_card_unchanged (Fixture       *f,
                                              gconstpointer  data)
{
  /* §7.1's sector erase packet, sent without the seven unprotect reads */
  const KsBusWrite erase[] = { { 0x2000, 0x80 }, { 0x4000, 0x20 }, { 0x4100, 0xD0 } };
  const KsBusWrite program[] = { { 0x4100, 0x10 }, { 0x4100, 0x00 } };
  g_autoptr(GBytes) now = NULL;

  g_assert_true (ks_bus_write_sequence (f->gb, erase, G_N_ELEMENTS (erase), NULL));
  ks_flash_clock_advance (&f->clock, 10000);
  g_assert_true (ks_bus_write_sequence (f->gb, program, G_N_ELEMENTS (program), NULL));
  ks_flash_clock_advance (&f->clock, 10000);

  now = ks_sst28sf040_model_dup_contents (ks_mmc_cart_model_get_flash (f->card));
  ks_test_assert_bytes_equal (now, f->flash);
}

static void
test_program_rom_has_our_header (Fixture       *f,
                                 gconstpointer  data)
{
  GBytes *rom = ks_mmc_cart_model_get_program_rom (f->card);
  g_autoptr(GError) error = NULL;
  KsGbHeader header;

  g_assert_cmpuint (g_bytes_get_size (rom), ==, 0x4000);
  g_assert_true (ks_gb_header_parse (g_bytes_get_data (rom, NULL), 0x4000, &header, &error));
  g_assert_true (ks_gb_header_checksum_ok (&header));
  g_assert_cmpstr (header.title, ==, "KEEPSAKE MMC");
  g_assert_false (header.logo_ok);
}

int
main (int   argc,
      char *argv[])
{
  gconstpointer oscr = GINT_TO_POINTER (KS_MMC_DECODE_OSCR_COMPATIBLE);
  gconstpointer strict = GINT_TO_POINTER (KS_MMC_DECODE_CLONE_STRICT);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, decode, func) \
  g_test_add ("/mmc-cart/" path, Fixture, decode, fixture_set_up, func, fixture_tear_down)

  ADD ("whole-card-reads-in-flash-order", oscr, test_whole_card_reads_in_flash_order);
  ADD ("register/0x80-selects-storage-bank", strict, test_register_0x80_selects_storage_bank);
  ADD ("register/raw-bank-oscr-compatible", oscr, test_raw_bank_number_depends_on_decode);
  ADD ("register/raw-bank-clone-strict", strict, test_raw_bank_number_depends_on_decode);
  ADD ("passthrough/reaches-the-cart-on-top", oscr, test_passthrough_reaches_the_cart_on_top);
  ADD ("flash/id-through-the-register", oscr, test_id_through_the_register);
  ADD ("flash/erase-and-program-touch-one-sector", oscr, test_erase_and_program_touch_one_sector);
  ADD ("flash/missing-unprotect-leaves-card-unchanged", oscr,
       test_missing_unprotect_leaves_card_unchanged);
  ADD ("program-rom/has-our-header", oscr, test_program_rom_has_our_header);

#undef ADD

  return g_test_run ();
}
