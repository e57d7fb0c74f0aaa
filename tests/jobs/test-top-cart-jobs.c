/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-top-cart-jobs.c — writing the Game Boy cart on top of the Mega
 * Memory Card, and Game Boy RAM in general, only where it changes; every
 * job on the cart on top; a card entry copied onto it through the same
 * port (mega-memory-card.md §3, §5; DESIGN.md "The write protocol") */

#include "config.h"

#include <string.h>

#include "ks-job-result.h"
#include "ks-test-emulator.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"

/* ---- helpers ------------------------------------------------------------------------ */

static KsTestEmulator *
mmc_with_top (GBytes *card,
              GBytes *ram)
{
  KsEmulatedCart *top = ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, ram, NULL);

  return ks_test_emulator_start (ks_emulated_cart_new_mmc (card, top,
                                                           KS_MMC_DECODE_OSCR_COMPATIBLE),
                                 KS_LK_PROFILE_L14, NULL);
}

static KsCartOverride
top_override (void)
{
  g_autoptr(GError) error = NULL;
  KsCartOverride override;

  g_assert_true (ks_cart_override_parse ("mmc-top", &override, &error));
  g_assert_no_error (error);
  return override;
}

/* Stops the emulator; the top cart's RAM and the card's flash now */
static void
chips_after (KsTestEmulator  *emu,
             GBytes         **top,
             GBytes         **card)
{
  KsEmulatedCart *cart = ks_test_emulator_get_cart (emu);

  ks_test_emulator_stop (emu, NULL);
  *top = ks_emulated_cart_dup_save (ks_emulated_cart_get_top (cart));
  if (card != NULL)
    *card = ks_emulated_cart_dup_save (cart);
}

/* ---- the writer ------------------------------------------------------------------------- */

static void
test_writer_top_cart_only_changed_pieces (void)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x90);
  g_autoptr(KsTestEmulator) emu = mmc_with_top (card, ram);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  /* two bytes of bank 0's first piece, one in bank 3: two 256-byte pieces */
  const gsize offsets[] = { 0x0010, 0x00FF, 0x6001 };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (ram, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GBytes) top_now = NULL;
  g_autoptr(GBytes) card_now = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsWriteResult) result = { 0 };
  KsEmulatedCart *cart = ks_test_emulator_get_cart (emu);
  KsCartOverride override = top_override ();
  KsLkEmulatorStats stats;
  KsCartInfo info;

  g_assert_true (ks_cart_detect (reader, &override, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ks_cart_writer_sector_size (&info), ==, 256);
  ks_write_result_init (&result);

  g_assert_true (ks_cart_writer_write (reader, &info, ram, wanted, NULL, NULL, NULL, &result,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.sectors_written, ==, 2);
  g_assert_cmpuint (result.sectors_erased, ==, 0);
  g_assert_cmpuint (result.bytes_programmed, ==, 512);
  g_assert_cmpuint (result.rewritten->len, ==, 2);
  g_assert_cmpuint (g_array_index (result.rewritten, guint, 0), ==, 0x00);
  g_assert_cmpuint (g_array_index (result.rewritten, guint, 1), ==, 0x60);
  g_assert_true (result.verified);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, &stats);
  /* the whole RAM alone is 32768 bytes on the wire; two pieces, the
   * detection and the read back are a fraction of it */
  g_test_message ("%" G_GUINT64_FORMAT " bytes sent to the reader", stats.bytes_in);
  g_assert_cmpuint (stats.bytes_in, <, 32768 / 4);

  top_now = ks_emulated_cart_dup_save (ks_emulated_cart_get_top (cart));
  ks_test_assert_bytes_equal (top_now, wanted);
  card_now = ks_emulated_cart_dup_save (cart);
  ks_test_assert_bytes_equal (card_now, card);
  g_assert_cmpuint (ks_emulated_cart_flash_operations (cart), ==, 0);
  g_assert_cmpuint (ks_mmc_cart_model_get_register (ks_emulated_cart_get_mmc (cart)), ==, 0x80);
  g_assert_false (ks_gb_mbc_model_ram_enabled (
    ks_emulated_cart_get_gb_mbc (ks_emulated_cart_get_top (cart))));
  ks_cart_info_clear (&info);
}

static void
test_writer_gb_cart_only_changed_pieces (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x91);
  KsEmulatedCart *cart = ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, ram, NULL);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  const gsize offsets[] = { 0x7FFF };
  g_autoptr(GBytes) wanted = ks_test_bytes_changed (ram, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsWriteResult) result = { 0 };
  KsCartInfo info;

  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, KS_CART_GB);
  ks_write_result_init (&result);

  g_assert_true (ks_cart_writer_write (reader, &info, ram, wanted, NULL, NULL, NULL, &result,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.sectors_written, ==, 1);
  g_assert_cmpuint (result.bytes_programmed, ==, 256);
  g_assert_cmpuint (g_array_index (result.rewritten, guint, 0), ==, 0x7F);
  g_assert_true (result.verified);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (cart);
  ks_test_assert_bytes_equal (now, wanted);
  g_assert_false (ks_gb_mbc_model_ram_enabled (ks_emulated_cart_get_gb_mbc (cart)));
  ks_cart_info_clear (&info);
}

/* ---- jobs ------------------------------------------------------------------------------ */

typedef KsTestJobs Fixture;

static void
run (Fixture *f,
     KsJob   *job)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
}

static gboolean
keep_as_is (KsContainer  *container,
            gpointer      user_data,
            GError      **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static void
test_jobs_backup_restore_write_erase (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x92);
  g_autoptr(GBytes) other = ks_test_random_bytes (32768, 0x93);
  g_autoptr(KsTestEmulator) emu = mmc_with_top (card, ram);
  const char *port = ks_test_emulator_get_path (emu);
  KsCartOverride override = top_override ();
  g_autoptr(KsJob) backup = ks_job_backup_new (f->library, port, &override);
  g_autoptr(KsJob) restore = ks_job_restore_new (f->library, port, &override, other, NULL, FALSE);
  g_autoptr(KsJob) edit = NULL;
  g_autoptr(KsJob) erase = ks_job_erase_new (f->library, port, &override);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) top_now = NULL;
  g_autoptr(GBytes) card_now = NULL;
  g_autoptr(GError) error = NULL;
  guint edits = 0;

  run (f, backup);
  stored = ks_library_load (f->library, ks_job_get_backup (backup), &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (stored, ram);
  ks_test_assert_bytes_equal (ks_job_get_content (backup), ram);

  run (f, restore);
  g_assert_true (ks_job_get_result (restore)->verified);
  g_assert_cmpuint (ks_job_get_result (restore)->sectors_written, ==, 128);
  /* save RAM has no sectors to erase: the result speaks of bytes only */
  {
    g_autofree char *sentence = ks_job_describe_result (restore);

    g_assert_cmpuint (ks_job_get_result (restore)->sectors_erased, ==, 0);
    g_assert_true (g_str_has_prefix (sentence, "Done: 32.0\u00a0KiB written, read back and "
                                               "verified."));
    g_assert_null (strstr (sentence, "sector"));
  }

  /* an edit that changes nothing writes nothing, and still compares */
  edit = ks_job_write_save_new (f->library, port, &override, NULL, FALSE, keep_as_is, &edits,
                                NULL);
  run (f, edit);
  g_assert_cmpuint (edits, ==, 1);
  g_assert_cmpuint (ks_job_get_result (edit)->sectors_written, ==, 0);
  g_assert_true (ks_job_get_result (edit)->verified);

  run (f, erase);
  g_assert_true (ks_job_get_result (erase)->verified);

  chips_after (emu, &top_now, &card_now);
  g_assert_true (ks_bytes_all (g_bytes_get_data (top_now, NULL), 32768, 0xFF));
  ks_test_assert_bytes_equal (card_now, card);
}

/* Copies entry @save of the worked example's card to a cart on top of
 * the same card, holding @ram; returns the cart's RAM afterwards. */
static GBytes *
copy_entry_to_top (Fixture    *f,
                   const char *save,
                   GBytes     *ram)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(KsTestEmulator) emu = mmc_with_top (card, ram);
  const char *port = ks_test_emulator_get_path (emu);
  KsCartOverride override = top_override ();
  g_autoptr(KsJob) copy = ks_job_copy_new (f->library, port, NULL, save, port, &override,
                                           KS_COPY_CHOICE_REPLACE, NULL, FALSE);
  g_autoptr(GBytes) card_now = NULL;
  GBytes *top_now = NULL;

  run (f, copy);
  g_assert_true (ks_job_get_result (copy)->verified);
  chips_after (emu, &top_now, &card_now);
  ks_test_assert_bytes_equal (card_now, card);
  return top_now;
}

static void
test_copy_entry_same_size (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x94);
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) now = copy_entry_to_top (f, "POKEMON RED", ram);

  ks_test_assert_bytes_equal (now, pokemon);
}

/* §3: the card writes the save's banks and leaves the rest of the RAM */
static void
test_copy_smaller_entry_keeps_the_rest (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x95);
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) now = copy_entry_to_top (f, "ZELDA DX", ram);
  g_autoptr(GBytes) head = g_bytes_new_from_bytes (now, 0, 8192);
  g_autoptr(GBytes) tail = g_bytes_new_from_bytes (now, 8192, 32768 - 8192);
  g_autoptr(GBytes) ram_tail = g_bytes_new_from_bytes (ram, 8192, 32768 - 8192);

  g_assert_cmpuint (g_bytes_get_size (now), ==, 32768);
  ks_test_assert_bytes_equal (head, zelda);
  ks_test_assert_bytes_equal (tail, ram_tail);
}

/* §3: the card stops when the cart's banks are full */
static void
test_copy_bigger_entry_is_cut (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0x96);
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) head = g_bytes_new_from_bytes (pokemon, 0, 8192);
  g_autoptr(GBytes) now = copy_entry_to_top (f, "POKEMON RED", ram);

  ks_test_assert_bytes_equal (now, head);
}

/* A file restored to the cart on top must fit it exactly: only the card's
 * own entries follow the card's restore */
static void
test_restore_of_wrong_size_refused (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x97);
  g_autoptr(GBytes) small = ks_test_random_bytes (8192, 0x98);
  g_autoptr(KsTestEmulator) emu = mmc_with_top (card, ram);
  KsCartOverride override = top_override ();
  g_autoptr(KsJob) restore = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu),
                                                 &override, small, NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) top_now = NULL;

  ks_job_queue_push (f->queue, restore);
  g_assert_false (ks_job_wait (restore, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "8192"));

  chips_after (emu, &top_now, NULL);
  ks_test_assert_bytes_equal (top_now, ram);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, ks_test_jobs_set_up, (func), ks_test_jobs_tear_down)

  g_test_add_func ("/top-cart-jobs/writer/top-cart-writes-only-changed-pieces",
                   test_writer_top_cart_only_changed_pieces);
  g_test_add_func ("/top-cart-jobs/writer/gb-cart-writes-only-changed-pieces",
                   test_writer_gb_cart_only_changed_pieces);
  ADD ("/top-cart-jobs/jobs/backup-restore-write-save-erase", test_jobs_backup_restore_write_erase);
  ADD ("/top-cart-jobs/copy/entry-same-size", test_copy_entry_same_size);
  ADD ("/top-cart-jobs/copy/smaller-entry-keeps-the-rest", test_copy_smaller_entry_keeps_the_rest);
  ADD ("/top-cart-jobs/copy/bigger-entry-is-cut", test_copy_bigger_entry_is_cut);
  ADD ("/top-cart-jobs/restore/wrong-size-refused", test_restore_of_wrong_size_refused);

  return g_test_run ();
}
