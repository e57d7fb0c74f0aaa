/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-stored-format.c — a backup's stored format id is a record of what
 * its bytes were taken for, not a promise (DESIGN.md "The write
 * protocol"): a 128 KiB flash save of a game that is not Pokémon, stored as
 * "gen3" by a Keepsake that did not yet know raw GBA saves, goes back onto
 * its own cart */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"
#include "ks-test-emulator.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"

typedef KsTestJobs Fixture;

#define FLASH_SIZE (128u * 1024u)

/* A cart whose placeholder ROM names no Pokémon game: its flash is read as
 * a raw GBA save ("gba-sav", save-chips.md §6) */
static KsTestEmulator *
flash_cart (GBytes *save)
{
  return ks_test_emulator_start (
    ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, save, NULL),
    KS_LK_PROFILE_L14, NULL);
}

static GBytes *
cart_save_after (KsTestEmulator *emu)
{
  ks_test_emulator_stop (emu, NULL);
  return ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
}

/* A backup entry as an older Keepsake stored it */
static KsBackupEntry *
store (Fixture    *f,
       GBytes     *content,
       const char *format_id)
{
  g_autoptr(GError) error = NULL;
  KsBackupEntry *entry = ks_library_add (f->library, content, "/dev/ttyACM0", "", format_id,
                                         KS_BACKUP_REASON_MANUAL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

static GBytes *
frlg (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_FRLG, 0x0BADF00D);

  return gen3_build (KS_GEN3_GAME_FRLG, blocks, -1, 1);
}

/* Restores @entry onto the cart holding @on as the window and
 * keepsake-cli do; returns whether the job succeeded and the cart after */
static gboolean
restore (Fixture        *f,
         KsBackupEntry  *entry,
         GBytes         *on,
         GBytes        **after,
         GError        **error)
{
  g_autoptr(KsTestEmulator) emu = flash_cart (on);
  KsAgbFlashModel *chip = ks_emulated_cart_get_agb_flash (ks_test_emulator_get_cart (emu));
  g_autoptr(GBytes) content = ks_library_load (f->library, entry, NULL);
  g_autoptr(KsJob) job = NULL;
  gboolean ok;

  g_assert_nonnull (content);
  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, content,
                            ks_backup_entry_format_for_content (entry, content), FALSE);
  ok = ks_test_jobs_run (f, job, error);
  if (!ok)
    {
      /* nothing was erased or programmed */
      g_test_message ("restore refused: %s", (*error)->message);
      g_assert_cmpuint (ks_flash_counters_operations (ks_agb_flash_model_get_counters (chip)),
                        ==, 0);
    }
  else
    {
      /* write protocol step 1: what the cart held is kept first */
      g_autoptr(KsBackupEntry) before = NULL;
      g_autoptr(GBytes) kept = NULL;

      g_assert_true (ks_job_get_result (job)->verified);
      g_assert_nonnull (ks_job_get_result (job)->backup_id);
      before = ks_library_lookup (f->library, ks_job_get_result (job)->backup_id, NULL);
      g_assert_nonnull (before);
      g_assert_cmpint (before->reason, ==, KS_BACKUP_REASON_BEFORE_WRITE);
      kept = ks_library_load (f->library, before, NULL);
      ks_test_assert_bytes_equal (kept, on);
    }
  *after = cart_save_after (emu);
  return ok;
}

/* @backup stored under @format_id, which does not fit its bytes, goes
 * back onto a cart holding another save of its kind: opened as the cart
 * calls for, written and read back */
static void
assert_restored_by_its_bytes (Fixture    *f,
                              GBytes     *backup,
                              const char *format_id,
                              guint8      seed)
{
  g_autoptr(GBytes) now = ks_test_random_bytes (FLASH_SIZE, seed);
  g_autoptr(KsBackupEntry) entry = store (f, backup, format_id);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (entry->format_id, ==, format_id);
  g_assert_null (ks_backup_entry_format_for_content (entry, backup));
  g_assert_true (restore (f, entry, now, &after, &error));
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (after, backup);
}

/* The case: a non-Pokémon 128 KiB flash backup stored as "gen3" */
static void
test_old_gen3_entry_restores (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) backup = ks_test_random_bytes (FLASH_SIZE, 0x51);

  /* the bytes are not a Gen III save: the stored id is not used */
  assert_restored_by_its_bytes (f, backup, "gen3", 0x52);
}

/* A Gen III save stored as gen3 still opens as gen3: restored over
 * another Gen III save on a cart whose header names no Pokémon game */
static void
test_gen3_entry_stays_gen3 (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) backup = frlg ();
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_FRLG, 0x0BADF00D);
  g_autoptr(GBytes) now = gen3_build (KS_GEN3_GAME_FRLG, blocks, -1, 3);
  g_autoptr(KsBackupEntry) entry = store (f, backup, "gen3");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_bytes_get_size (backup), ==, FLASH_SIZE);
  g_assert_false (g_bytes_equal (backup, now));
  g_assert_cmpstr (ks_backup_entry_format_for_content (entry, backup), ==, "gen3");

  g_assert_true (restore (f, entry, now, &after, &error));
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (after, backup);
}

/* The kind and size checks are not weakened: a Pokémon save over a cart
 * holding another game's save, or 64 KiB over 128 KiB, is still refused */
static void
test_other_kind_or_size_still_refused (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GBytes) pokemon = frlg ();
  g_autoptr(GBytes) half = ks_test_random_bytes (FLASH_SIZE / 2, 0x53);
  g_autoptr(GBytes) now = ks_test_random_bytes (FLASH_SIZE, 0x54);
  g_autoptr(KsBackupEntry) gen3_entry = store (f, pokemon, "gen3");
  g_autoptr(KsBackupEntry) half_entry = store (f, half, "gen3");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (restore (f, gen3_entry, now, &after, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Nothing was written."));
  g_assert_nonnull (strstr (error->message, "Gen III"));
  ks_test_assert_bytes_equal (after, now);
  g_clear_error (&error);
  g_clear_pointer (&after, g_bytes_unref);

  g_assert_null (ks_backup_entry_format_for_content (half_entry, half));
  g_assert_false (restore (f, half_entry, now, &after, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "The backup is 65536 bytes"));
  ks_test_assert_bytes_equal (after, now);
}

/* A format id Keepsake does not know, or none: the bytes decide */
static void
test_unknown_or_empty_id_detected (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) first = ks_test_random_bytes (FLASH_SIZE, 0x60);
  g_autoptr(GBytes) second = ks_test_random_bytes (FLASH_SIZE, 0x61);

  assert_restored_by_its_bytes (f, first, "nonsense", 0x70);
  assert_restored_by_its_bytes (f, second, "", 0x71);
}

/* Bytes no format takes: a clear refusal, the cart untouched */
static void
test_truncated_backup_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) full = ks_test_random_bytes (FLASH_SIZE, 0x55);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (full, 0, 100000);
  g_autoptr(GBytes) now = ks_test_random_bytes (FLASH_SIZE, 0x56);
  g_autoptr(KsBackupEntry) entry = store (f, truncated, "gen3");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (ks_backup_entry_format_for_content (entry, truncated));
  g_assert_false (restore (f, entry, now, &after, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Nothing was written."));
  g_assert_nonnull (strstr (error->message, "100000"));
  ks_test_assert_bytes_equal (after, now);
}

/* An erased chip's backup (all 0xFF), stored as gen3, is a backup like
 * any other: the cart it came from is put back to erased, and what it
 * held is kept first (restore() checks the before-write copy) */
static void
test_erased_backup_restores (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree guint8 *erased = gen3_flash_new (FLASH_SIZE);
  g_autoptr(GBytes) backup = g_bytes_new (erased, FLASH_SIZE);

  assert_restored_by_its_bytes (f, backup, "gen3", 0x57);
}

/* Ids that fit their bytes are kept as stored: raw GBA and Game Boy saves
 * have no magic number, so their sizes are all they are known by */
static void
test_fitting_ids_kept (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) flash = ks_test_random_bytes (FLASH_SIZE, 0x58);
  g_autoptr(GBytes) sram = ks_test_random_bytes (32768, 0x59);
  g_autoptr(GBytes) pokemon = frlg ();
  g_autoptr(KsBackupEntry) gba = store (f, flash, "gba-sav");
  g_autoptr(KsBackupEntry) gb = store (f, sram, "gb-sav");
  g_autoptr(KsBackupEntry) gen3 = store (f, pokemon, "gen3");
  g_autoptr(KsBackupEntry) gen3_as_gba = store (f, pokemon, "gba-sav");

  g_assert_cmpstr (ks_backup_entry_format_for_content (gba, flash), ==, "gba-sav");
  g_assert_cmpstr (ks_backup_entry_format_for_content (gb, sram), ==, "gb-sav");
  g_assert_cmpstr (ks_backup_entry_format_for_content (gen3, pokemon), ==, "gen3");
  /* Gen III slots claim the bytes more surely than a raw GBA save does */
  g_assert_null (ks_backup_entry_format_for_content (gen3_as_gba, pokemon));
}

/* What a person is shown the bytes are: the stored format while it fits,
 * else the best of its platform (an old gen3 entry of a raw GBA save is a
 * GBA cartridge save, not the Game Boy save plain detection would call
 * 128 KiB), else detection, else nothing */
static void
test_content_format_shown (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) flash = ks_test_random_bytes (FLASH_SIZE, 0x5A);
  g_autoptr(GBytes) pokemon = frlg ();
  g_autoptr(GBytes) odd = ks_test_random_bytes (1000, 0x5B);
  g_autoptr(KsBackupEntry) old_gen3 = store (f, flash, "gen3");
  g_autoptr(KsBackupEntry) gen3 = store (f, pokemon, "gen3");
  g_autoptr(KsBackupEntry) nonsense = store (f, pokemon, "nonsense");
  g_autoptr(KsBackupEntry) unknown = store (f, odd, "");

  g_assert_cmpstr (ks_backup_entry_content_format (old_gen3, flash)->id, ==, "gba-sav");
  g_assert_cmpstr (ks_backup_entry_content_format (gen3, pokemon)->id, ==, "gen3");
  g_assert_cmpstr (ks_backup_entry_content_format (nonsense, pokemon)->id, ==, "gen3");
  g_assert_null (ks_backup_entry_content_format (unknown, odd));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, ks_test_jobs_set_up, (func), ks_test_jobs_tear_down)

  ADD ("/stored-format/old-gen3-entry-restores", test_old_gen3_entry_restores);
  ADD ("/stored-format/gen3-entry-stays-gen3", test_gen3_entry_stays_gen3);
  ADD ("/stored-format/fitting-ids-kept", test_fitting_ids_kept);
  ADD ("/stored-format/content-format-shown", test_content_format_shown);
  ADD ("/stored-format/other-kind-or-size-still-refused", test_other_kind_or_size_still_refused);
  ADD ("/stored-format/unknown-or-empty-id-detected", test_unknown_or_empty_id_detected);
  ADD ("/stored-format/truncated-backup-refused", test_truncated_backup_refused);
  ADD ("/stored-format/erased-backup-restores", test_erased_backup_restores);

#undef ADD

  return g_test_run ();
}
