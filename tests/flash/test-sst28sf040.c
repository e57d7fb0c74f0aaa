/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-sst28sf040.c — the SST 28SF040 model and driver against each other
 * (cart-reader-protocol.md §5 and the §7.2 test assertions) */

#include "config.h"

#include "ks-test-utils.h"

typedef struct
{
  KsFlashClock       clock;
  KsSst28sf040Model *model;
  KsBus             *bus;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) contents = ks_test_random_bytes (KS_SST28SF040_SIZE, 28);

  f->clock.now_usec = 0;
  f->model = ks_sst28sf040_model_new (&f->clock, contents);
  f->bus = ks_sst28sf040_model_get_bus (f->model);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ks_sst28sf040_model_free (f->model);
}

static guint8
raw_read (Fixture *f,
          guint32  address)
{
  g_autoptr(GError) error = NULL;
  guint8 value = 0;

  g_assert_true (ks_bus_read (f->bus, address, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
raw_write (Fixture *f,
           guint32  address,
           guint8   value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_bus_write (f->bus, address, value, &error));
  g_assert_no_error (error);
}

static void
raw_reads (Fixture       *f,
           const guint32 *addresses)
{
  for (guint i = 0; i < 7; i++)
    raw_read (f, addresses[i]);
}

static const guint32 unprotect[] = { 0x1823, 0x1820, 0x1822, 0x0418, 0x041B, 0x0419, 0x041A };
static const guint32 protect[] = { 0x1823, 0x1820, 0x1822, 0x0418, 0x041B, 0x0419, 0x040A };

static void
test_id_answers_bf_04 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 manufacturer = 0, device = 0;
  guint8 first = ks_sst28sf040_model_peek (f->model)[0];

  g_assert_true (ks_sst28sf040_read_id (f->bus, &manufacturer, &device, &error));
  g_assert_no_error (error);
  g_assert_cmphex (manufacturer, ==, 0xBF);
  g_assert_cmphex (device, ==, 0x04);
  g_assert_true (ks_sst28sf040_check_id (f->bus, &error));
  /* the driver's reset (FF) leaves ID mode: address 0 reads data again */
  g_assert_cmphex (raw_read (f, 0), ==, first);
  /* Read-ID is allowed while SDP is on, and does not switch it off */
  g_assert_true (ks_sst28sf040_model_is_protected (f->model));
}

static void
test_sdp_powers_up_protected_and_refuses_erase (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(GBytes) before = ks_sst28sf040_model_dup_contents (f->model);
  g_autoptr(GBytes) after = NULL;

  g_assert_true (ks_sst28sf040_model_is_protected (f->model));

  /* §7.2: a missing unprotect leaves the chip unchanged */
  raw_write (f, 0x100, 0x20);
  raw_write (f, 0x100, 0xD0);
  raw_write (f, 0x000, 0x10);
  raw_write (f, 0x000, 0x00);
  raw_write (f, 0x000, 0x30);
  raw_write (f, 0x000, 0x30);
  ks_flash_clock_advance (&f->clock, 100000);

  after = ks_sst28sf040_model_dup_contents (f->model);
  ks_test_assert_bytes_equal (after, before);
  g_assert_cmpuint (ks_flash_counters_operations (ks_sst28sf040_model_get_counters (f->model)), ==, 0);
}

static void
test_sdp_seven_reads_toggle_protection (Fixture       *f,
                                        gconstpointer  data)
{
  raw_reads (f, unprotect);
  g_assert_false (ks_sst28sf040_model_is_protected (f->model));
  raw_reads (f, protect);
  g_assert_true (ks_sst28sf040_model_is_protected (f->model));
}

static void
test_sdp_compares_only_a12_to_a0 (Fixture       *f,
                                  gconstpointer  data)
{
  /* the MMC bank bits (A18..A14) and A13 are don't-care */
  const guint32 high[] = { 0x7D823, 0x3F820, 0x01822, 0x42418, 0x6641B, 0x0E419, 0x7E41A };

  raw_reads (f, high);
  g_assert_false (ks_sst28sf040_model_is_protected (f->model));
}

static void
test_sdp_write_between_reads_breaks_sequence (Fixture       *f,
                                              gconstpointer  data)
{
  for (guint i = 0; i < 7; i++)
    {
      raw_read (f, unprotect[i]);
      if (i == 3)
        raw_write (f, 0x0000, 0xFF);
    }
  g_assert_true (ks_sst28sf040_model_is_protected (f->model));
}

static void
test_sector_erase_touches_only_its_256_bytes (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GBytes) before = ks_sst28sf040_model_dup_contents (f->model);
  g_autoptr(GError) error = NULL;
  const guint8 *old = g_bytes_get_data (before, NULL);
  const guint8 *now;
  const KsFlashCounters *counters;

  g_assert_true (ks_sst28sf040_erase_sector (f->bus, 0x12345, &error));
  g_assert_no_error (error);

  now = ks_sst28sf040_model_peek (f->model);
  for (guint32 i = 0; i < KS_SST28SF040_SIZE; i++)
    {
      if (i >= 0x12300 && i < 0x12400)
        g_assert_cmphex (now[i], ==, 0xFF);
      else if (now[i] != old[i])
        g_error ("byte 0x%05X changed outside the erased sector", i);
    }

  counters = ks_sst28sf040_model_get_counters (f->model);
  g_assert_cmpuint (counters->sector_erase_ops, ==, 1);
  g_assert_cmpuint (counters->sector_erases[0x123], ==, 1);
  g_assert_cmpuint (ks_flash_counters_sectors_erased (counters), ==, 1);
  g_assert_cmpuint (counters->programs, ==, 0);
  /* the driver protects the chip again afterwards */
  g_assert_true (ks_sst28sf040_model_is_protected (f->model));
}

static void
test_program_can_only_clear_bits (Fixture       *f,
                                  gconstpointer  data)
{
  raw_reads (f, unprotect);
  raw_write (f, 0x200, 0x20);
  raw_write (f, 0x200, 0xD0);
  ks_flash_clock_advance (&f->clock, KS_SST28SF040_SECTOR_ERASE_USEC);
  g_assert_cmphex (raw_read (f, 0x210), ==, 0xFF);

  raw_write (f, 0x210, 0x10);
  raw_write (f, 0x210, 0xF0);
  ks_flash_clock_advance (&f->clock, KS_SST28SF040_PROGRAM_USEC);
  g_assert_cmphex (raw_read (f, 0x210), ==, 0xF0);

  /* 0x0F over 0xF0: AND, not replace */
  raw_write (f, 0x210, 0x10);
  raw_write (f, 0x210, 0x0F);
  ks_flash_clock_advance (&f->clock, KS_SST28SF040_PROGRAM_USEC);
  g_assert_cmphex (raw_read (f, 0x210), ==, 0x00);
}

static void
test_program_without_erase_fails_verification (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const guint8 *now = ks_sst28sf040_model_peek (f->model);
  guint32 at = 0;
  guint8 value;

  /* find a byte whose value cannot be reached by clearing bits of it */
  while (now[at] == 0xFF || now[at] == 0x00)
    at++;
  value = (guint8) ~now[at];

  g_assert_false (ks_sst28sf040_program (f->bus, at, &value, 1, &error));
  g_assert_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY);
  g_assert_true (ks_sst28sf040_model_is_protected (f->model));
}

static void
test_erase_then_program_round_trips (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GBytes) payload = ks_test_random_bytes (0x300, 7);
  g_autoptr(GError) error = NULL;
  guint8 back[0x300];
  const guint8 *p = g_bytes_get_data (payload, NULL);
  guint non_ff = 0;

  for (guint i = 0; i < 0x300; i++)
    non_ff += p[i] != 0xFF;

  for (guint32 s = 0x7F000; s < 0x7F300; s += 0x100)
    g_assert_true (ks_sst28sf040_erase_sector (f->bus, s, &error));
  g_assert_true (ks_sst28sf040_program (f->bus, 0x7F000, p, 0x300, &error));
  g_assert_no_error (error);
  g_assert_true (ks_sst28sf040_read (f->bus, 0x7F000, back, sizeof back, &error));
  g_assert_cmpmem (back, sizeof back, p, 0x300);

  /* 0xFF bytes are skipped: an erased byte is already 0xFF */
  g_assert_cmpuint (ks_sst28sf040_model_get_counters (f->model)->programs, ==, non_ff);
  g_assert_true (ks_sst28sf040_model_is_protected (f->model));
}

static void
test_chip_erase_clears_everything (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const KsFlashCounters *counters;

  g_assert_true (ks_sst28sf040_erase_chip (f->bus, &error));
  g_assert_no_error (error);
  g_assert_true (ks_bytes_all (ks_sst28sf040_model_peek (f->model), KS_SST28SF040_SIZE, 0xFF));

  counters = ks_sst28sf040_model_get_counters (f->model);
  g_assert_cmpuint (counters->chip_erase_ops, ==, 1);
  g_assert_cmpuint (ks_flash_counters_sectors_erased (counters), ==, 2048);
}

static void
test_busy_status_toggles_dq6_and_inverts_dq7 (Fixture       *f,
                                              gconstpointer  data)
{
  guint8 first, second;

  raw_reads (f, unprotect);
  raw_write (f, 0x400, 0x20);
  raw_write (f, 0x400, 0xD0);

  /* erasing: the target is FF, so Data# polling reads DQ7 = 0 */
  first = raw_read (f, 0x400);
  second = raw_read (f, 0x400);
  g_assert_cmphex (first & 0x80, ==, 0);
  g_assert_cmphex (second & 0x80, ==, 0);
  g_assert_cmphex ((first ^ second) & 0x40, ==, 0x40);
  g_assert_true (ks_sst28sf040_model_is_busy (f->model));

  /* writes are ignored while busy */
  raw_write (f, 0x400, 0xFF);
  ks_flash_clock_advance (&f->clock, KS_SST28SF040_SECTOR_ERASE_USEC - 1);
  g_assert_true (ks_sst28sf040_model_is_busy (f->model));
  ks_flash_clock_advance (&f->clock, 1);
  g_assert_false (ks_sst28sf040_model_is_busy (f->model));
  first = raw_read (f, 0x400);
  second = raw_read (f, 0x400);
  g_assert_cmphex (first, ==, 0xFF);
  g_assert_cmphex (second, ==, 0xFF);

  /* programming 0x55: DQ7 reads as the complement of bit 7 of 0x55 */
  raw_write (f, 0x400, 0x10);
  raw_write (f, 0x400, 0x55);
  g_assert_cmphex (raw_read (f, 0x400) & 0x80, ==, 0x80);
  ks_flash_clock_advance (&f->clock, KS_SST28SF040_PROGRAM_USEC);
  g_assert_cmphex (raw_read (f, 0x400), ==, 0x55);
}

static void
test_power_loss_leaves_half_erased_sector (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GBytes) before = ks_sst28sf040_model_dup_contents (f->model);
  const guint8 *old = g_bytes_get_data (before, NULL);
  const guint8 *now;

  raw_reads (f, unprotect);
  raw_write (f, 0x800, 0x20);
  raw_write (f, 0x800, 0xD0);
  ks_sst28sf040_model_set_powered (f->model, FALSE);
  g_assert_cmphex (raw_read (f, 0x800), ==, 0xFF);   /* no power: the bus floats high */

  now = ks_sst28sf040_model_peek (f->model);
  g_assert_true (ks_bytes_all (now + 0x800, 0x80, 0xFF));
  g_assert_cmpmem (now + 0x880, 0x80, old + 0x880, 0x80);

  ks_sst28sf040_model_set_powered (f->model, TRUE);
  g_assert_true (ks_sst28sf040_model_is_protected (f->model));
  g_assert_false (ks_sst28sf040_model_is_busy (f->model));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sst28sf040/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("id/answers-bf-04", test_id_answers_bf_04);
  ADD ("sdp/powers-up-protected-and-refuses-erase", test_sdp_powers_up_protected_and_refuses_erase);
  ADD ("sdp/seven-reads-toggle-protection", test_sdp_seven_reads_toggle_protection);
  ADD ("sdp/compares-only-a12-to-a0", test_sdp_compares_only_a12_to_a0);
  ADD ("sdp/write-between-reads-breaks-sequence", test_sdp_write_between_reads_breaks_sequence);
  ADD ("sector-erase/touches-only-its-256-bytes", test_sector_erase_touches_only_its_256_bytes);
  ADD ("program/can-only-clear-bits", test_program_can_only_clear_bits);
  ADD ("program/without-erase-fails-verification", test_program_without_erase_fails_verification);
  ADD ("program/erase-then-program-round-trips", test_erase_then_program_round_trips);
  ADD ("chip-erase/clears-everything", test_chip_erase_clears_everything);
  ADD ("busy/status-toggles-dq6-and-inverts-dq7", test_busy_status_toggles_dq6_and_inverts_dq7);
  ADD ("power/loss-leaves-half-erased-sector", test_power_loss_leaves_half_erased_sector);

#undef ADD

  return g_test_run ();
}
