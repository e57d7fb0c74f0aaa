/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-agb-flash.c — GBA flash save model and driver against each other
 * (cart-reader-protocol.md §4 and §7.2) */

#include "config.h"

#include "ks-test-utils.h"

typedef struct
{
  KsFlashClock     clock;
  KsAgbFlashModel *model;
  KsBus           *bus;
  KsAgbFlash       flash;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  KsAgbFlashChipId chip = GPOINTER_TO_INT (data);
  g_autoptr(GBytes) contents = ks_test_random_bytes (ks_agb_flash_chip_get (chip)->size, 42);

  f->clock.now_usec = 0;
  f->model = ks_agb_flash_model_new (&f->clock, chip, contents);
  f->bus = ks_agb_flash_model_get_bus (f->model);
  ks_agb_flash_init (&f->flash, f->bus, ks_agb_flash_model_get_chip (f->model));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ks_agb_flash_model_free (f->model);
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

static guint8
raw_read (Fixture *f,
          guint32  address)
{
  guint8 value = 0;

  g_assert_true (ks_bus_read (f->bus, address, &value, NULL));
  return value;
}

static void
test_id_matches_chip_and_leaves_id_mode (Fixture       *f,
                                         gconstpointer  data)
{
  const KsAgbFlashChip *chip = ks_agb_flash_chip_get (GPOINTER_TO_INT (data));
  g_autoptr(GError) error = NULL;
  guint16 id = 0;
  guint8 first = ks_agb_flash_model_peek (f->model)[0];

  g_assert_true (ks_agb_flash_read_id (f->bus, &id, &error));
  g_assert_no_error (error);
  g_assert_cmphex (id, ==, chip->id);
  g_assert_true (ks_agb_flash_chip_lookup (id) == chip);
  g_assert_false (ks_agb_flash_model_in_id_mode (f->model));
  g_assert_cmphex (raw_read (f, 0), ==, first);
}

static void
test_known_ids (void)
{
  /* §4: the IDs as FlashGBX builds them, manufacturer byte first */
  g_assert_cmpuint (ks_agb_flash_chip_lookup (0xC209)->size, ==, 131072);
  g_assert_cmpuint (ks_agb_flash_chip_lookup (0x6213)->size, ==, 131072);
  g_assert_cmpuint (ks_agb_flash_chip_lookup (0xBFD4)->size, ==, 65536);
  g_assert_cmpuint (ks_agb_flash_chip_lookup (0xC21C)->size, ==, 65536);
  g_assert_cmpuint (ks_agb_flash_chip_lookup (0x321B)->size, ==, 65536);
  g_assert_false (ks_agb_flash_chip_lookup (0x1F3D)->has_erase);
  g_assert_null (ks_agb_flash_chip_lookup (0xFFFF));
  g_assert_null (ks_agb_flash_chip_lookup (0x09C2));
}

static void
test_lone_write_is_ignored (Fixture       *f,
                            gconstpointer  data)
{
  guint8 before = raw_read (f, 4);

  /* the SRAM probe of §1.7: a plain write of the inverse */
  raw_write (f, 4, (guint8) ~before);
  g_assert_cmphex (raw_read (f, 4), ==, before);
  g_assert_cmpuint (ks_flash_counters_operations (ks_agb_flash_model_get_counters (f->model)), ==, 0);
}

static void
test_read_whole_chip_switches_banks (Fixture       *f,
                                     gconstpointer  data)
{
  const KsAgbFlashChip *chip = ks_agb_flash_model_get_chip (f->model);
  g_autofree guint8 *buffer = g_malloc (chip->size);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_agb_flash_read (&f->flash, 0, buffer, chip->size, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buffer, chip->size, ks_agb_flash_model_peek (f->model), chip->size);
  /* §7.1: finish back on bank 0 */
  g_assert_cmpuint (ks_agb_flash_model_get_bank (f->model), ==, 0);
}

static void
test_sector_erase_touches_only_its_sector (Fixture       *f,
                                           gconstpointer  data)
{
  const KsAgbFlashChip *chip = ks_agb_flash_model_get_chip (f->model);
  guint32 target = chip->size - 0x3000 + 0x123;   /* in the last bank */
  guint32 sector = target & ~0xFFFu;
  g_autoptr(GBytes) before = ks_agb_flash_model_dup_contents (f->model);
  const guint8 *old = g_bytes_get_data (before, NULL);
  const guint8 *now;
  const KsFlashCounters *counters;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_agb_flash_erase_sector (&f->flash, target, &error));
  g_assert_no_error (error);

  now = ks_agb_flash_model_peek (f->model);
  for (guint32 i = 0; i < chip->size; i++)
    {
      if (i >= sector && i < sector + 0x1000)
        g_assert_cmphex (now[i], ==, 0xFF);
      else if (now[i] != old[i])
        g_error ("byte 0x%05X changed outside the erased sector", i);
    }

  counters = ks_agb_flash_model_get_counters (f->model);
  g_assert_cmpuint (counters->sector_erase_ops, ==, 1);
  g_assert_cmpuint (counters->sector_erases[sector / 0x1000], ==, 1);
  g_assert_cmpuint (ks_flash_counters_sectors_erased (counters), ==, 1);
}

static void
test_erase_program_read_round_trips (Fixture       *f,
                                     gconstpointer  data)
{
  const KsAgbFlashChip *chip = ks_agb_flash_model_get_chip (f->model);
  g_autoptr(GBytes) payload = ks_test_random_bytes (chip->size, 9);
  g_autofree guint8 *back = g_malloc (chip->size);
  g_autoptr(GError) error = NULL;
  guint8 *p = g_memdup2 (g_bytes_get_data (payload, NULL), chip->size);
  guint64 non_ff = 0;

  /* an all-FF run is skipped, not programmed */
  memset (p + 0x2000, 0xFF, 0x1000);
  for (guint32 i = 0; i < chip->size; i++)
    if (i < 0x2000 || i >= 0x3000)
      non_ff++;

  g_assert_true (ks_agb_flash_erase_chip (&f->flash, &error));
  g_assert_no_error (error);
  g_assert_true (ks_agb_flash_program (&f->flash, 0, p, chip->size, &error));
  g_assert_no_error (error);
  g_assert_true (ks_agb_flash_read (&f->flash, 0, back, chip->size, &error));
  g_assert_cmpmem (back, chip->size, p, chip->size);
  g_assert_cmpuint (ks_agb_flash_model_get_counters (f->model)->programs, ==, non_ff);
  g_assert_cmpuint (ks_agb_flash_model_get_counters (f->model)->chip_erase_ops, ==, 1);
  g_free (p);
}

static void
test_program_without_erase_fails_verification (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr(GBytes) payload = ks_test_random_bytes (0x100, 77);
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_agb_flash_program (&f->flash, 0x400, g_bytes_get_data (payload, NULL), 0x100,
                                        &error));
  g_assert_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY);
}

static void
test_erase_is_busy_for_the_first_polls (Fixture       *f,
                                        gconstpointer  data)
{
  const KsAgbFlashChip *chip = ks_agb_flash_model_get_chip (f->model);
  const guint32 seq[][2] = {
    { 0x5555, 0xAA }, { 0x2AAA, 0x55 }, { 0x5555, 0x80 },
    { 0x5555, 0xAA }, { 0x2AAA, 0x55 }, { 0x1000, 0x30 },
  };
  guint busy_polls = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seq); i++)
    raw_write (f, seq[i][0], seq[i][1]);

  /* polled every 10 ms as FlashGBX does (§7.1) */
  while (raw_read (f, 0x1000) != 0xFF)
    {
      busy_polls++;
      g_assert_cmpuint (busy_polls, <, 100);
      ks_flash_clock_advance (&f->clock, 10000);
    }
  g_assert_cmpuint (busy_polls, >=, 1);
  g_assert_cmpuint (busy_polls, <=, 3);
  g_assert_cmpuint (chip->sector_erase_usec, <=, 3 * 10000);
}

static void
test_bank_command_exists_only_on_128k (Fixture       *f,
                                       gconstpointer  data)
{
  const KsAgbFlashChip *chip = ks_agb_flash_model_get_chip (f->model);
  const guint32 seq[][2] = { { 0x5555, 0xAA }, { 0x2AAA, 0x55 }, { 0x5555, 0xB0 }, { 0x0000, 0x01 } };
  guint8 upper = chip->size > 0x10000 ? ks_agb_flash_model_peek (f->model)[0x10000] : 0;
  guint8 lower = ks_agb_flash_model_peek (f->model)[0];

  for (guint i = 0; i < G_N_ELEMENTS (seq); i++)
    raw_write (f, seq[i][0], seq[i][1]);

  if (chip->size > 0x10000)
    {
      g_assert_cmpuint (ks_agb_flash_model_get_bank (f->model), ==, 1);
      g_assert_cmphex (raw_read (f, 0), ==, upper);
    }
  else
    {
      /* the 64 KiB part has no bank; nothing was programmed either */
      g_assert_cmpuint (ks_agb_flash_model_get_bank (f->model), ==, 0);
      g_assert_cmphex (raw_read (f, 0), ==, lower);
      g_assert_cmpuint (ks_agb_flash_model_get_counters (f->model)->programs, ==, 0);
    }
}

static void
test_f0_leaves_id_mode_anywhere (Fixture       *f,
                                 gconstpointer  data)
{
  raw_write (f, 0x5555, 0xAA);
  raw_write (f, 0x2AAA, 0x55);
  raw_write (f, 0x5555, 0x90);
  g_assert_true (ks_agb_flash_model_in_id_mode (f->model));
  raw_write (f, 0x1234, 0xF0);
  g_assert_false (ks_agb_flash_model_in_id_mode (f->model));
}

static void
test_power_loss_mid_program_leaves_high_nibble (Fixture       *f,
                                                gconstpointer  data)
{
  raw_write (f, 0x5555, 0xAA);
  raw_write (f, 0x2AAA, 0x55);
  raw_write (f, 0x5555, 0xA0);
  raw_write (f, 0x0020, 0x00);
  g_assert_true (ks_agb_flash_model_is_busy (f->model));
  {
    guint8 old = ks_agb_flash_model_peek (f->model)[0x20];

    ks_agb_flash_model_set_powered (f->model, FALSE);
    g_assert_cmphex (ks_agb_flash_model_peek (f->model)[0x20], ==, old & 0x0F);
  }
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char       *name;
    KsAgbFlashChipId  chip;
  } chips[] = {
    { "macronix-c209", KS_AGB_FLASH_MACRONIX_MX29L010 },
    { "sanyo-6213", KS_AGB_FLASH_SANYO_LE26FV10N1TS },
    { "sst-bfd4", KS_AGB_FLASH_SST_39VF512 },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agb-flash/chips/known-ids", test_known_ids);

  for (guint i = 0; i < G_N_ELEMENTS (chips); i++)
    {
      gconstpointer chip = GINT_TO_POINTER (chips[i].chip);

#define ADD(what, func) \
      G_STMT_START { \
        g_autofree char *path = g_strdup_printf ("/agb-flash/%s/" what, chips[i].name); \
        g_test_add (path, Fixture, chip, fixture_set_up, func, fixture_tear_down); \
      } G_STMT_END

      ADD ("id/matches-chip-and-leaves-id-mode", test_id_matches_chip_and_leaves_id_mode);
      ADD ("lone-write-is-ignored", test_lone_write_is_ignored);
      ADD ("read/whole-chip-switches-banks", test_read_whole_chip_switches_banks);
      ADD ("erase/sector-touches-only-its-sector", test_sector_erase_touches_only_its_sector);
      ADD ("erase/busy-for-the-first-polls", test_erase_is_busy_for_the_first_polls);
      ADD ("program/erase-program-read-round-trips", test_erase_program_read_round_trips);
      ADD ("program/without-erase-fails-verification", test_program_without_erase_fails_verification);
      ADD ("bank/command-exists-only-on-128k", test_bank_command_exists_only_on_128k);
      ADD ("id/f0-leaves-id-mode-anywhere", test_f0_leaves_id_mode_anywhere);
      ADD ("power/loss-mid-program-leaves-high-nibble", test_power_loss_mid_program_leaves_high_nibble);

#undef ADD
    }

  return g_test_run ();
}
