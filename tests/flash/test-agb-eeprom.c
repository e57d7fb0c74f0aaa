/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-agb-eeprom.c — the GBA save EEPROM model bit by bit, and the size
 * probe's decision (save-chips.md §1.2, §1.4, §1.6) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"

/* A block of 8 bytes as the spec writes it: byte 0 first, bit 7 first */
static const guint8 block_a[8] = { 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0 };
static const guint8 block_b[8] = { 0xA5, 0x00, 0xFF, 0x01, 0x80, 0x7E, 0x3C, 0xC3 };

static void
send_bits (KsAgbEepromModel *chip,
           guint32           value,
           guint             n_bits)
{
  for (guint i = 0; i < n_bits; i++)
    ks_agb_eeprom_model_clock_in (chip, value >> (n_bits - 1 - i) & 1);
}

static void
send_block (KsAgbEepromModel *chip,
            const guint8     *block)
{
  for (guint i = 0; i < 64; i++)
    ks_agb_eeprom_model_clock_in (chip, block[i / 8] >> (7 - i % 8) & 1);
}

/* §1.2: 11, the address, 0; /CS high and low again; 4 bits of nothing,
 * then 64 bits.  Returns the 4 lead bits in @lead. */
static void
read_block (KsAgbEepromModel *chip,
            guint32           address,
            guint             address_bits,
            guint8           *out,
            guint            *lead)
{
  ks_agb_eeprom_model_select (chip, TRUE);
  send_bits (chip, 0x3, 2);
  send_bits (chip, address, address_bits);
  send_bits (chip, 0, 1);
  ks_agb_eeprom_model_select (chip, FALSE);
  ks_agb_eeprom_model_select (chip, TRUE);
  *lead = 0;
  for (guint i = 0; i < 4; i++)
    *lead = *lead << 1 | ks_agb_eeprom_model_clock_out (chip);
  memset (out, 0, 8);
  for (guint i = 0; i < 64; i++)
    out[i / 8] |= (guint8) (ks_agb_eeprom_model_clock_out (chip) << (7 - i % 8));
  ks_agb_eeprom_model_select (chip, FALSE);
}

/* §1.2: 10, the address, 64 bits, 0 */
static void
write_block (KsAgbEepromModel *chip,
             guint32           address,
             guint             address_bits,
             const guint8     *block)
{
  ks_agb_eeprom_model_select (chip, TRUE);
  send_bits (chip, 0x2, 2);
  send_bits (chip, address, address_bits);
  send_block (chip, block);
  send_bits (chip, 0, 1);
  ks_agb_eeprom_model_select (chip, FALSE);
}

static GBytes *
with_block (gsize         size,
            guint         index,
            const guint8 *block)
{
  guint8 *data = g_malloc (size);

  memset (data, 0xFF, size);
  memcpy (data + index * 8, block, 8);
  return g_bytes_new_take (data, size);
}

static void
test_read_gives_block_after_four_zero_bits (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) contents = with_block (512, 5, block_a);
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, 512, contents);
  guint8 out[8];
  guint lead;

  /* 11 000101 0 → block 5 */
  read_block (chip, 5, 6, out, &lead);
  g_assert_cmpuint (lead, ==, 0x0);
  g_assert_cmpmem (out, 8, block_a, 8);

  /* and the next request works the same: the chip is back to taking one */
  read_block (chip, 6, 6, out, &lead);
  g_assert_true (ks_bytes_all (out, 8, 0xFF));
}

static void
test_write_programs_block_and_keeps_chip_busy (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, 8192, NULL);
  guint8 out[8];
  guint lead;

  write_block (chip, 0x3FF, 14, block_b);
  g_assert_cmpmem (ks_agb_eeprom_model_peek (chip) + 0x3FF * 8, 8, block_b, 8);
  g_assert_cmpuint (ks_agb_eeprom_model_get_counters (chip)->programs, ==, 8);

  /* §1.2: busy reads 0 for the write's 6.5 ms, and requests are ignored */
  g_assert_true (ks_agb_eeprom_model_is_busy (chip));
  ks_agb_eeprom_model_select (chip, TRUE);
  g_assert_cmpuint (ks_agb_eeprom_model_clock_out (chip), ==, 0);
  ks_agb_eeprom_model_select (chip, FALSE);
  write_block (chip, 0, 14, block_a);
  g_assert_true (ks_bytes_all (ks_agb_eeprom_model_peek (chip), 8, 0xFF));

  ks_flash_clock_advance (&clock, KS_AGB_EEPROM_WRITE_USEC);
  g_assert_false (ks_agb_eeprom_model_is_busy (chip));
  read_block (chip, 0x3FF, 14, out, &lead);
  g_assert_cmpmem (out, 8, block_b, 8);
}

static void
test_large_chip_uses_low_ten_address_bits (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) contents = with_block (8192, 0x005, block_a);
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, 8192, contents);
  guint8 out[8];
  guint lead;

  /* §1.2: 14-bit address 0x3C05 → block 0x005 */
  read_block (chip, 0x3C05, 14, out, &lead);
  g_assert_cmpmem (out, 8, block_a, 8);
}

static void
test_small_chip_sent_fourteen_bits_takes_the_first_six (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) contents = with_block (512, 1, block_a);
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, 512, contents);
  guint8 out[8];
  guint lead;

  /* §1.6: block 0x100 as 14 bits is 00000100000000; the first 6 are 000001 */
  read_block (chip, 0x100, 14, out, &lead);
  g_assert_cmpmem (out, 8, block_a, 8);
  read_block (chip, 0x0FF, 14, out, &lead);
  g_assert_true (ks_bytes_all (out, 8, 0xFF));

  /* a 14-bit write of block 1 lands in block 0 with its address bits as
   * data: the danger the probe avoids */
  write_block (chip, 0x001, 14, block_b);
  g_assert_cmpmem (ks_agb_eeprom_model_peek (chip) + 8, 8, block_a, 8);
  g_assert_false (memcmp (ks_agb_eeprom_model_peek (chip), block_b, 8) == 0);
  /* 8 address bits 00000001, then the block's first 56 bits */
  g_assert_cmpuint (ks_agb_eeprom_model_peek (chip)[0], ==, 0x01);
  g_assert_cmpuint (ks_agb_eeprom_model_peek (chip)[1], ==, block_b[0]);
}

static void
test_large_chip_sent_six_bits_answers_nothing (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) contents = ks_test_random_bytes (8192, 0xEE);
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, 8192, contents);
  g_autoptr(GBytes) after = NULL;
  guint8 out[8];
  guint lead;

  read_block (chip, 0, 6, out, &lead);
  g_assert_cmpuint (lead, ==, 0xF);
  g_assert_true (ks_bytes_all (out, 8, 0xFF));

  write_block (chip, 0, 6, block_a);
  after = ks_agb_eeprom_model_dup_contents (chip);
  ks_test_assert_bytes_equal (after, contents);
  g_assert_cmpuint (ks_agb_eeprom_model_get_counters (chip)->programs, ==, 0);
}

static void
test_cs_high_drops_a_half_taken_request (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) contents = with_block (512, 2, block_a);
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, 512, contents);
  guint8 out[8];
  guint lead;

  /* a write cut short after 20 data bits changes nothing */
  ks_agb_eeprom_model_select (chip, TRUE);
  send_bits (chip, 0x2, 2);
  send_bits (chip, 2, 6);
  send_bits (chip, 0xFFFFF, 20);
  ks_agb_eeprom_model_select (chip, FALSE);
  g_assert_cmpmem (ks_agb_eeprom_model_peek (chip) + 16, 8, block_a, 8);

  read_block (chip, 2, 6, out, &lead);
  g_assert_cmpmem (out, 8, block_a, 8);
}

static void
test_power_off_drops_an_accepted_read (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) contents = with_block (512, 0, block_a);
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, 512, contents);

  ks_agb_eeprom_model_select (chip, TRUE);
  send_bits (chip, 0x3, 2);
  send_bits (chip, 0, 6);
  ks_agb_eeprom_model_set_powered (chip, FALSE);
  ks_agb_eeprom_model_set_powered (chip, TRUE);
  ks_agb_eeprom_model_select (chip, TRUE);
  for (guint i = 0; i < 68; i++)
    g_assert_cmpuint (ks_agb_eeprom_model_clock_out (chip), ==, 1);
}

static void
test_contents_padded_and_cut (void)
{
  KsFlashClock clock = { 0 };
  g_autoptr(GBytes) shorter = ks_test_random_bytes (100, 1);
  g_autoptr(GBytes) longer = ks_test_random_bytes (9000, 2);
  g_autoptr(KsAgbEepromModel) a = ks_agb_eeprom_model_new (&clock, 512, shorter);
  g_autoptr(KsAgbEepromModel) b = ks_agb_eeprom_model_new (&clock, 8192, longer);

  g_assert_cmpmem (ks_agb_eeprom_model_peek (a), 100, g_bytes_get_data (shorter, NULL), 100);
  g_assert_true (ks_bytes_all (ks_agb_eeprom_model_peek (a) + 100, 412, 0xFF));
  g_assert_cmpuint (ks_agb_eeprom_model_get_size (b), ==, 8192);
  g_assert_cmpmem (ks_agb_eeprom_model_peek (b), 8192, g_bytes_get_data (longer, NULL), 8192);
}

/* ---- §1.4: the probe's decision --------------------------------------------------- */

typedef struct
{
  guint8 small[512];
  guint8 large[8192];
} Reads;

/* What the model answers to a whole 6-bit read and a whole 14-bit read */
static void
probe_model (gsize   size,
             GBytes *contents,
             Reads  *reads)
{
  KsFlashClock clock = { 0 };
  g_autoptr(KsAgbEepromModel) chip = ks_agb_eeprom_model_new (&clock, size, contents);
  guint lead;

  for (guint b = 0; b < 64; b++)
    read_block (chip, b, 6, reads->small + b * 8, &lead);
  for (guint b = 0; b < 1024; b++)
    read_block (chip, b, 14, reads->large + b * 8, &lead);
}

static void
test_probe_small_chip (void)
{
  g_autoptr(GBytes) save = ks_test_random_bytes (512, 0x51);
  g_autofree Reads *reads = g_new0 (Reads, 1);

  probe_model (512, save, reads);
  g_assert_cmpmem (reads->small, 512, g_bytes_get_data (save, NULL), 512);
  g_assert_cmpint (ks_agb_eeprom_probe_decide (reads->small, reads->large), ==,
                   KS_AGB_EEPROM_PROBE_SMALL);
}

static void
test_probe_large_chip (void)
{
  g_autoptr(GBytes) save = ks_test_random_bytes (8192, 0x52);
  g_autofree Reads *reads = g_new0 (Reads, 1);

  probe_model (8192, save, reads);
  g_assert_cmpmem (reads->large, 8192, g_bytes_get_data (save, NULL), 8192);
  g_assert_cmpint (ks_agb_eeprom_probe_decide (reads->small, reads->large), ==,
                   KS_AGB_EEPROM_PROBE_LARGE);
}

static void
test_probe_small_chip_with_blank_first_blocks (void)
{
  /* only block 63 holds data: the 14-bit read then sees only 0xFF, and
   * the small chip must still be told by its 6-bit answer */
  g_autoptr(GBytes) save = with_block (512, 63, block_a);
  g_autofree Reads *reads = g_new0 (Reads, 1);

  probe_model (512, save, reads);
  g_assert_true (ks_bytes_all (reads->large, 8192, 0xFF));
  g_assert_cmpint (ks_agb_eeprom_probe_decide (reads->small, reads->large), ==,
                   KS_AGB_EEPROM_PROBE_SMALL);
}

static void
test_probe_blank_and_unclear (void)
{
  g_autofree Reads *reads = g_new0 (Reads, 1);

  memset (reads, 0xFF, sizeof *reads);
  g_assert_cmpint (ks_agb_eeprom_probe_decide (reads->small, reads->large), ==,
                   KS_AGB_EEPROM_PROBE_BLANK);

  /* both widths answer, but not as the small chip's mirror: garbage */
  memset (reads->small, 0x00, sizeof reads->small);
  for (guint i = 0; i < sizeof reads->large; i++)
    reads->large[i] = (guint8) i;
  g_assert_cmpint (ks_agb_eeprom_probe_decide (reads->small, reads->large), ==,
                   KS_AGB_EEPROM_PROBE_UNCLEAR);
}

static void
test_sizes_and_widths (void)
{
  g_assert_true (ks_agb_eeprom_is_size (512));
  g_assert_true (ks_agb_eeprom_is_size (8192));
  g_assert_false (ks_agb_eeprom_is_size (0));
  g_assert_false (ks_agb_eeprom_is_size (1024));
  g_assert_cmpint (ks_agb_eeprom_width_for_size (512), ==, KS_AGB_EEPROM_ADDRESS_6);
  g_assert_cmpint (ks_agb_eeprom_width_for_size (8192), ==, KS_AGB_EEPROM_ADDRESS_14);
  g_assert_cmpuint (ks_agb_eeprom_address_bits (KS_AGB_EEPROM_ADDRESS_6), ==, 6);
  g_assert_cmpuint (ks_agb_eeprom_address_bits (KS_AGB_EEPROM_ADDRESS_14), ==, 14);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agb-eeprom/read/gives-block-after-four-zero-bits",
                   test_read_gives_block_after_four_zero_bits);
  g_test_add_func ("/agb-eeprom/write/programs-block-and-keeps-chip-busy",
                   test_write_programs_block_and_keeps_chip_busy);
  g_test_add_func ("/agb-eeprom/address/large-chip-uses-low-ten-bits",
                   test_large_chip_uses_low_ten_address_bits);
  g_test_add_func ("/agb-eeprom/width/small-chip-sent-14-bits-takes-first-6",
                   test_small_chip_sent_fourteen_bits_takes_the_first_six);
  g_test_add_func ("/agb-eeprom/width/large-chip-sent-6-bits-answers-nothing",
                   test_large_chip_sent_six_bits_answers_nothing);
  g_test_add_func ("/agb-eeprom/cs/high-drops-half-taken-request",
                   test_cs_high_drops_a_half_taken_request);
  g_test_add_func ("/agb-eeprom/power/off-drops-accepted-read",
                   test_power_off_drops_an_accepted_read);
  g_test_add_func ("/agb-eeprom/contents/padded-and-cut", test_contents_padded_and_cut);
  g_test_add_func ("/agb-eeprom/probe/small-chip", test_probe_small_chip);
  g_test_add_func ("/agb-eeprom/probe/large-chip", test_probe_large_chip);
  g_test_add_func ("/agb-eeprom/probe/small-chip-with-blank-first-blocks",
                   test_probe_small_chip_with_blank_first_blocks);
  g_test_add_func ("/agb-eeprom/probe/blank-and-unclear", test_probe_blank_and_unclear);
  g_test_add_func ("/agb-eeprom/sizes-and-widths", test_sizes_and_widths);

  return g_test_run ();
}
