/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-atmel-flash.c — the Atmel AT29LV512 page-write flash: its model and
 * the driver's page writes against each other (save-chips.md §2) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"

typedef struct
{
  KsFlashClock     clock;
  GBytes          *contents;
  KsAgbFlashModel *model;
  KsBus           *bus;
  KsAgbFlash       flash;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock.now_usec = 0;
  f->contents = ks_test_random_bytes (64 * 1024, 0xA7);
  f->model = ks_agb_flash_model_new (&f->clock, KS_AGB_FLASH_ATMEL_AT29LV512, f->contents);
  f->bus = ks_agb_flash_model_get_bus (f->model);
  ks_agb_flash_init (&f->flash, f->bus, ks_agb_flash_model_get_chip (f->model));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ks_agb_flash_model_free (f->model);
  g_bytes_unref (f->contents);
}

static void
write_byte (Fixture *f,
            guint32  address,
            guint8   value)
{
  g_assert_true (ks_bus_write (f->bus, address, value, NULL));
}

static void
unlock_program (Fixture *f)
{
  /* §2: 5555=AA, 2AAA=55, 5555=A0 */
  write_byte (f, 0x5555, 0xAA);
  write_byte (f, 0x2AAA, 0x55);
  write_byte (f, 0x5555, 0xA0);
}

static const guint8 *
original (Fixture *f)
{
  return g_bytes_get_data (f->contents, NULL);
}

static void
test_id_is_1f3d (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint16 id = 0;

  g_assert_true (ks_agb_flash_read_id (f->bus, &id, &error));
  g_assert_no_error (error);
  g_assert_cmphex (id, ==, 0x1F3D);
  g_assert_false (ks_agb_flash_chip_lookup (id)->has_erase);
}

static void
test_page_write_replaces_one_page_without_erase (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr(GBytes) page = ks_test_random_bytes (256, 0x55);
  const KsFlashCounters *counters = ks_agb_flash_model_get_counters (f->model);
  g_autoptr(GError) error = NULL;
  const guint8 *now;

  /* pages 5 and 6: bytes are replaced, not ANDed, and nothing is erased */
  g_assert_true (ks_agb_flash_write_pages (&f->flash, 5 * 128, g_bytes_get_data (page, NULL),
                                           256, &error));
  g_assert_no_error (error);

  now = ks_agb_flash_model_peek (f->model);
  g_assert_cmpmem (now + 5 * 128, 256, g_bytes_get_data (page, NULL), 256);
  g_assert_cmpmem (now, 5 * 128, original (f), 5 * 128);
  g_assert_cmpmem (now + 7 * 128, 65536 - 7 * 128, original (f) + 7 * 128, 65536 - 7 * 128);
  g_assert_cmpuint (counters->programs, ==, 256);
  g_assert_cmpuint (counters->sector_erase_ops, ==, 0);
  g_assert_cmpuint (counters->chip_erase_ops, ==, 0);
}

static void
test_partial_page_fills_the_rest_with_ff (Fixture       *f,
                                          gconstpointer  data)
{
  const guint8 *now;
  guint8 value;

  unlock_program (f);
  for (guint i = 0; i < 10; i++)
    write_byte (f, 0x300 + i, (guint8) i);
  /* a read ends the load: the page is programmed from what was loaded */
  g_assert_true (ks_bus_read (f->bus, 0x000, &value, NULL));
  ks_flash_clock_advance (&f->clock, 10000);

  now = ks_agb_flash_model_peek (f->model);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (now[0x300 + i], ==, i);
  g_assert_true (ks_bytes_all (now + 0x30A, 128 - 10, 0xFF));
  g_assert_cmpmem (now + 0x380, 128, original (f) + 0x380, 128);
}

static void
test_late_byte_ends_the_page (Fixture       *f,
                              gconstpointer  data)
{
  const guint8 *now;

  unlock_program (f);
  write_byte (f, 0x1000, 0x11);
  /* §2: more than 150 µs before the next byte: the chip programs what it
   * has and is busy when the next one comes */
  ks_flash_clock_advance (&f->clock, 200);
  write_byte (f, 0x1001, 0x22);
  g_assert_true (ks_agb_flash_model_is_busy (f->model));
  ks_flash_clock_advance (&f->clock, 10000);
  g_assert_false (ks_agb_flash_model_is_busy (f->model));

  now = ks_agb_flash_model_peek (f->model);
  g_assert_cmpuint (now[0x1000], ==, 0x11);
  g_assert_cmpuint (now[0x1001], ==, 0xFF);
}

static void
test_busy_page_reads_data_polling_status (Fixture       *f,
                                          gconstpointer  data)
{
  guint8 page[128], value = 0;

  memset (page, 0x00, sizeof page);
  unlock_program (f);
  for (guint i = 0; i < 128; i++)
    write_byte (f, 0x2000 + i, page[i]);
  /* the 128th byte starts the program at once: 10 ms busy, bit 7 of the
   * first byte read inverted */
  g_assert_true (ks_agb_flash_model_is_busy (f->model));
  g_assert_true (ks_bus_read (f->bus, 0x2000, &value, NULL));
  g_assert_cmpuint (value & 0x80, ==, 0x80);
  ks_flash_clock_advance (&f->clock, 10000);
  g_assert_true (ks_bus_read (f->bus, 0x2000, &value, NULL));
  g_assert_cmpuint (value, ==, 0x00);
}

static void
test_unaligned_page_write_is_refused (Fixture       *f,
                                      gconstpointer  data)
{
  guint8 page[128] = { 0 };
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      ks_agb_flash_write_pages (&f->flash, 64, page, sizeof page, &error);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*");
}

static void
test_power_off_loses_a_page_still_loading (Fixture       *f,
                                           gconstpointer  data)
{
  unlock_program (f);
  write_byte (f, 0x4000, 0x12);
  ks_agb_flash_model_set_powered (f->model, FALSE);
  ks_agb_flash_model_set_powered (f->model, TRUE);
  ks_flash_clock_advance (&f->clock, 20000);
  g_assert_cmpmem (ks_agb_flash_model_peek (f->model), 65536, original (f), 65536);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/atmel-flash/id-is-1f3d", test_id_is_1f3d);
  ADD ("/atmel-flash/page-write-replaces-one-page-without-erase",
       test_page_write_replaces_one_page_without_erase);
  ADD ("/atmel-flash/partial-page-fills-the-rest-with-ff", test_partial_page_fills_the_rest_with_ff);
  ADD ("/atmel-flash/late-byte-ends-the-page", test_late_byte_ends_the_page);
  ADD ("/atmel-flash/busy-page-reads-data-polling-status",
       test_busy_page_reads_data_polling_status);
  ADD ("/atmel-flash/unaligned-page-write-is-refused", test_unaligned_page_write_is_refused);
  ADD ("/atmel-flash/power-off-loses-a-page-still-loading",
       test_power_off_loses_a_page_still_loading);

#undef ADD

  return g_test_run ();
}
