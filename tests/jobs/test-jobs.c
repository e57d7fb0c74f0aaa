/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-jobs.c — backup, restore, write-save and erase jobs against the
 * emulated reader: the write protocol of DESIGN.md end to end, power loss,
 * cancellation, and two devices at once */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-emulator.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"
#include "saturn-builder.h"

typedef KsTestJobs Fixture;

static KsTestEmulator *
start (KsEmulatedCart     *cart,
       const char * const *faults)
{
  return ks_test_emulator_start (cart, KS_LK_PROFILE_L14, faults);
}

static GBytes *
cart_save_after (KsTestEmulator *emu)
{
  ks_test_emulator_stop (emu, NULL);
  return ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
}

/* A Gen III Emerald save on 128 KiB flash, and the same save with one
 * trainer field changed by Keepsake's own editor */
static GBytes *
gen3_original (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x12345678);

  return gen3_build (KS_GEN3_GAME_EMERALD, blocks, -1, 1);
}

static GBytes *
gen3_with_money (GBytes     *original,
                 const char *money)
{
  g_autoptr(KsContainer) container = gen3_open (original);
  g_autoptr(GError) error = NULL;
  GBytes *edited;

  ks_gen3_set_trainer_field (gen3_save (container), "money", money, FALSE, &error);
  g_assert_no_error (error);
  ks_container_mark_modified (container);
  edited = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  return edited;
}

static guint
sectors_differing (GBytes *a,
                   GBytes *b,
                   gsize   sector)
{
  gsize size;
  const guint8 *x = g_bytes_get_data (a, &size);
  const guint8 *y = g_bytes_get_data (b, NULL);
  guint n = 0;

  for (gsize at = 0; at < size; at += sector)
    n += memcmp (x + at, y + at, MIN (sector, size - at)) != 0;
  return n;
}

/* ---- backup --------------------------------------------------------------------- */

static void
test_backup_lands_in_library (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL), NULL);
  g_autoptr(KsJob) job = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const KsBackupEntry *entry;

  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_cmpfloat (ks_job_get_fraction (job), ==, 1.0);

  entry = ks_job_get_backup (job);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->reason, ==, KS_BACKUP_REASON_MANUAL);
  g_assert_cmpstr (entry->format_id, ==, "gen3");
  g_assert_cmpuint (entry->size, ==, 128 * 1024);
  stored = ks_library_load (f->library, entry, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (stored, image);
  ks_test_assert_bytes_equal (ks_job_get_content (job), image);

  entries = ks_library_list (f->library, ks_test_emulator_get_path (emu), NULL, &error);
  g_assert_cmpuint (entries->len, ==, 1);
}

/* ---- restore -------------------------------------------------------------------- */

static void
test_restore_edited_gen3 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(GBytes) edited = gen3_with_money (image, "123456");
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image,
                                                         NULL);
  g_autoptr(KsTestEmulator) emu = start (cart, NULL);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) previous = NULL;
  g_autoptr(GBytes) now = NULL;
  const KsWriteResult *result;
  const KsFlashCounters *counters;

  ks_agb_flash_model_reset_counters (ks_emulated_cart_get_agb_flash (cart));
  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, edited, NULL,
                            FALSE);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);

  result = ks_job_get_result (job);
  g_assert_true (result->verified);
  g_assert_cmpint (result->first_mismatch, ==, -1);
  /* only the sectors of the slot the game would write */
  g_assert_cmpuint (result->sectors_erased, ==, sectors_differing (image, edited, 4096));
  g_assert_cmpuint (result->sectors_erased, <, 32);
  counters = ks_agb_flash_model_get_counters (ks_emulated_cart_get_agb_flash (cart));
  g_assert_cmpuint (counters->sector_erase_ops, ==, result->sectors_erased);

  /* step 1: the previous content is in the library */
  g_assert_nonnull (result->backup_id);
  g_assert_cmpint (ks_job_get_backup (job)->reason, ==, KS_BACKUP_REASON_BEFORE_WRITE);
  previous = ks_library_load (f->library, ks_job_get_backup (job), &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (previous, image);

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, edited);
}

static void
test_restore_refuses_bad_checksum (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(GBytes) edited = gen3_with_money (image, "5000");
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image,
                                                         NULL);
  g_autoptr(KsTestEmulator) emu = start (cart, NULL);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(GBytes) now = NULL;
  gsize size = g_bytes_get_size (edited);
  guint8 *bytes = g_memdup2 (g_bytes_get_data (edited, NULL), size);

  /* one byte of section data changes, its checksum does not */
  bytes[gen3_find_section (bytes, 0, 1) * 4096 + 0x20] ^= 0x01;
  broken = g_bytes_new_take (bytes, size);

  ks_agb_flash_model_reset_counters (ks_emulated_cart_get_agb_flash (cart));
  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, broken, NULL,
                            FALSE);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Nothing was written"));
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_FAILED);
  g_assert_cmpuint (ks_flash_counters_operations (
                      ks_agb_flash_model_get_counters (ks_emulated_cart_get_agb_flash (cart))),
                    ==, 0);

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, image);
}

/* ---- write-save on the Mega Memory Card ------------------------------------------- */

typedef struct
{
  GBytes *sram;
  char   *name;
} Insert;

static void
insert_free (gpointer data)
{
  Insert *insert = data;

  g_bytes_unref (insert->sram);
  g_free (insert->name);
  g_free (insert);
}

static gboolean
insert_edit (KsContainer  *container,
             gpointer      user_data,
             GError      **error)
{
  Insert *insert = user_data;

  return ks_container_insert (container, insert->sram, "save.sav", insert->name, error);
}

static KsJob *
mmc_insert_job (Fixture    *f,
                const char *port,
                GBytes     *sram,
                const char *name)
{
  Insert *insert = g_new0 (Insert, 1);

  insert->sram = g_bytes_ref (sram);
  insert->name = g_strdup (name);
  return ks_job_write_save_new (f->library, port, NULL, NULL, FALSE, insert_edit, insert,
                                insert_free);
}

static void
test_mmc_insert_touches_only_needed_sectors (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) sram = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) expected = ks_test_mmc_insert (image, sram, "LINKS AWAKE");
  KsEmulatedCart *cart = ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE);
  g_autoptr(KsTestEmulator) emu = start (cart, NULL);
  KsSst28sf040Model *chip = ks_mmc_cart_model_get_flash (ks_emulated_cart_get_mmc (cart));
  g_autoptr(KsJob) job = mmc_insert_job (f, ks_test_emulator_get_path (emu), sram, "LINKS AWAKE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const KsWriteResult *result;
  const KsFlashCounters *counters;
  guint changed = sectors_differing (image, expected, 256);

  ks_sst28sf040_model_reset_counters (chip);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);

  result = ks_job_get_result (job);
  counters = ks_sst28sf040_model_get_counters (chip);
  g_test_message ("MMC insert: %u of 2048 sectors changed, %u erased, %" G_GUINT64_FORMAT
                  " bytes programmed", changed, result->sectors_erased, result->bytes_programmed);
  g_assert_cmpuint (changed, >, 0);
  g_assert_cmpuint (result->sectors_erased, ==, changed);
  g_assert_cmpuint (counters->sector_erase_ops, ==, changed);
  g_assert_cmpuint (ks_flash_counters_sectors_erased (counters), ==, changed);
  g_assert_cmpuint (counters->chip_erase_ops, ==, 0);
  g_assert_cmpuint (counters->programs, ==, result->bytes_programmed);
  g_assert_true (result->verified);

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, expected);
  card = ks_container_new_from_bytes (now, NULL, "mmc", &error);
  g_assert_no_error (error);
  findings = ks_container_verify (card);
  for (guint i = 0; i < findings->len; i++)
    g_assert_cmpint (((KsFinding *) findings->pdata[i])->severity, !=, KS_SEVERITY_ERROR);
}


/* ---- what crosses the wire (the emulator's counts are deterministic) ------------ */

static void
test_backup_reads_twice_unless_kept (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL), NULL);
  g_autoptr(KsJob) first = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_autoptr(KsJob) second = NULL;
  g_autoptr(GError) error = NULL;
  KsLkEmulatorStats before, after;

  /* a save the library does not keep: two reads of 4 KiB transfers */
  g_assert_true (ks_test_jobs_run (f, first, &error));
  g_assert_no_error (error);
  ks_test_emulator_stop (emu, &before);
  g_assert_cmpuint (before.bytes_out, >=, 2 * 128 * 1024);
  g_assert_cmpuint (before.bytes_out, <, 2 * 128 * 1024 + 1024);
  g_assert_cmpuint (before.round_trips, <, 130);
  g_assert_cmpuint (before.power_ons, ==, 1);
  g_assert_cmpuint (before.gba_cart_at_5v, ==, 0);
  ks_test_jobs_tear_down (f, NULL);
  ks_test_jobs_set_up (f, NULL);

  /* the same save, kept by the library: one read is checked by it.  The
   * reader's memory of the port is forgotten first, so only the library
   * vouches for the save. */
  ks_backup_entry_free (ks_library_add (f->library, image, "elsewhere", "", "gen3",
                                        KS_BACKUP_REASON_MANUAL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&emu, ks_test_emulator_free);
  emu = start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL), NULL);
  second = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_assert_true (ks_test_jobs_run (f, second, &error));
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (ks_job_get_content (second), image);
  ks_test_emulator_stop (emu, &after);
  g_assert_cmpuint (after.bytes_out, >=, 128 * 1024);
  g_assert_cmpuint (after.bytes_out, <, 128 * 1024 + 1024);
}

static void
test_restore_reads_once_and_back_only_what_changed (Fixture       *f,
                                                    gconstpointer  data)
{
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(GBytes) edited = gen3_with_money (image, "424242");
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL), NULL);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = NULL;
  KsLkEmulatorStats stats;
  guint changed = sectors_differing (image, edited, 4096);

  ks_backup_entry_free (ks_library_add (f->library, image, "elsewhere", "", "gen3",
                                        KS_BACKUP_REASON_MANUAL, &error));
  g_assert_no_error (error);
  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, edited, NULL,
                            FALSE);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);

  /* one read of the save (the library vouches for it), then per changed
   * sector a blank check, the program packets, a verify and the read
   * back, and a byte of each partner sector: never the whole save again */
  ks_test_emulator_stop (emu, &stats);
  g_test_message ("%u sectors: %" G_GUINT64_FORMAT " round trips, %" G_GUINT64_FORMAT
                  " bytes", changed, stats.round_trips, stats.bytes_in + stats.bytes_out);
  g_assert_cmpuint (stats.bytes_out, <, 128 * 1024 + changed * 4 * 4096 + 4096);
  g_assert_cmpuint (stats.round_trips, <, 80 + changed * 40);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, edited);
}

static void
test_named_cart_is_powered_once (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(KsTestEmulator) emu = NULL;
  g_autoptr(KsJob) probed = NULL;
  g_autoptr(KsJob) named = NULL;
  g_autoptr(GError) error = NULL;
  KsCartOverride override;
  KsLkEmulatorStats stats;

  /* detection looks for a GBA cart at 3.3 V first, then powers the card
   * at 5 V: two power-ons */
  emu = start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  probed = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_assert_true (ks_test_jobs_run (f, probed, &error));
  g_assert_no_error (error);
  ks_test_emulator_stop (emu, &stats);
  g_assert_cmpuint (stats.power_ons, ==, 2);
  g_clear_pointer (&emu, ks_test_emulator_free);

  /* named, it is powered once, at its voltage */
  g_assert_true (ks_cart_override_parse ("mmc", &override, &error));
  emu = start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  named = ks_job_backup_new (f->library, ks_test_emulator_get_path (emu), &override);
  g_assert_true (ks_test_jobs_run (f, named, &error));
  g_assert_no_error (error);
  ks_test_emulator_stop (emu, &stats);
  g_assert_cmpuint (stats.power_ons, ==, 1);
  ks_test_assert_bytes_equal (ks_job_get_content (named), image);
}

static void
test_mmc_insert_after_a_read_confirms_by_crc (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) sram = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) expected = ks_test_mmc_insert (image, sram, "LINKS AWAKE");
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) now = NULL;
  KsLkEmulatorStats before, after;
  KsCartInfo info;

  /* a read of the card, as the window or the CLI makes before a write */
  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));
  read = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, image);
  g_clear_object (&reader);
  ks_cart_info_clear (&info);
  ks_test_emulator_get_stats (emu, &before);

  /* the write job confirms the card by its 32 CRCs: the 512 KiB are not
   * read again, before the write or after it */
  job = mmc_insert_job (f, ks_test_emulator_get_path (emu), sram, "LINKS AWAKE");
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (job)->verified);
  ks_test_emulator_stop (emu, &after);
  g_test_message ("read: %" G_GUINT64_FORMAT " bytes out; insert: %" G_GUINT64_FORMAT
                  " bytes out, %" G_GUINT64_FORMAT " round trips", before.bytes_out,
                  after.bytes_out - before.bytes_out, after.round_trips - before.round_trips);
  g_assert_cmpuint (before.bytes_out, >=, KS_SST28SF040_SIZE);
  g_assert_cmpuint (after.bytes_out - before.bytes_out, <, 64 * 1024);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, expected);
}

/* ---- power loss and cancel ------------------------------------------------------ */

/* After a write that failed: the backup its error names holds @image,
 * and restoring it onto the cart @again serves (in @format) brings back
 * every byte */
static void
check_restored_from_library (Fixture        *f,
                             KsJob          *failed,
                             KsTestEmulator *again,
                             GBytes         *image,
                             const char     *format)
{
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(KsJob) restore = NULL;
  g_autoptr(GError) error = NULL;

  entry = ks_library_lookup (f->library, ks_job_get_result (failed)->backup_id, &error);
  g_assert_no_error (error);
  stored = ks_library_load (f->library, entry, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (stored, image);

  restore = ks_job_restore_new (f->library, ks_test_emulator_get_path (again), NULL, stored,
                                format, FALSE);
  g_assert_true (ks_test_jobs_run (f, restore, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (restore)->verified);
  now = cart_save_after (again);
  ks_test_assert_bytes_equal (now, image);
}

static void
test_power_loss_then_restore_from_library (Fixture       *f,
                                           gconstpointer  data)
{
  const char *faults[] = { "power-loss:40", NULL };
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 0x77);
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_mmc (image, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), faults);
  g_autoptr(KsJob) job = mmc_insert_job (f, ks_test_emulator_get_path (emu), sram, "NOISE");
  g_autoptr(KsTestEmulator) again = NULL;
  g_autoptr(KsJob) check = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_nonnull (error);
  g_test_message ("power loss: %s", error->message);
  /* the message points at the backup */
  g_assert_nonnull (ks_job_get_result (job)->backup_id);
  g_assert_nonnull (strstr (error->message, ks_job_get_result (job)->backup_id));
  g_clear_error (&error);

  /* the card comes back (a new power-up, a new port) in the state the
   * power loss left */
  damaged = cart_save_after (emu);
  again = start (ks_emulated_cart_new_mmc (damaged, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);

  /* the next run sees it differs from the copy taken before the write */
  check = ks_job_backup_new (f->library, ks_test_emulator_get_path (again), NULL);
  g_assert_true (ks_test_jobs_run (f, check, &error));
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (ks_job_get_content (check), image));

  /* and restoring the library copy brings back every byte */
  check_restored_from_library (f, job, again, image, "mmc");
}

static void
cancel_when_writing (KsJob      *job,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  g_autofree char *phase = ks_job_dup_phase (job);

  if (strstr (phase, "sector") != NULL)
    ks_job_cancel (job);
}

/* A GBA flash restore at 1,500,000 baud in 1 KiB program packets, the
 * power lost at its @n-th flash operation (1: the first erase; 600: a
 * byte of the first sector's program): a clear error naming the backup,
 * and the library copy puts every byte back. */
static void
check_gba_power_loss (Fixture *f,
                      guint    n)
{
  g_autofree char *fault = g_strdup_printf ("power-loss:%u", n);
  const char *faults[] = { fault, NULL };
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(GBytes) edited = gen3_with_money (image, "777777");
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL), faults);
  g_autoptr(KsTestEmulator) again = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;

  job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, edited, NULL,
                            FALSE);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_nonnull (error);
  g_test_message ("power loss at operation %u: %s", n, error->message);
  g_assert_nonnull (ks_job_get_result (job)->backup_id);
  g_assert_nonnull (strstr (error->message, ks_job_get_result (job)->backup_id));
  g_clear_error (&error);

  damaged = cart_save_after (emu);
  again = start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, damaged, NULL),
                 NULL);
  check_restored_from_library (f, job, again, image, "gen3");
}

static void
test_gba_power_loss_mid_erase (Fixture       *f,
                               gconstpointer  data)
{
  check_gba_power_loss (f, 1);
}

static void
test_gba_power_loss_mid_program (Fixture       *f,
                                 gconstpointer  data)
{
  check_gba_power_loss (f, 600);
}

/* A restore of @edited over @image on a Game Boy MBC5 cart whose reader
 * goes away after @n commands */
static KsJob *
restore_cut_after (Fixture  *f,
                   GBytes   *image,
                   GBytes   *edited,
                   guint64   n,
                   GBytes  **cart_after)
{
  g_autofree char *fault = g_strdup_printf ("disconnect:%" G_GUINT64_FORMAT, n);
  const char *faults[] = { fault, NULL };
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, image, NULL), faults);
  KsJob *job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, edited,
                                   "gb-sav", FALSE);

  ks_test_jobs_run (f, job, NULL);
  *cart_after = cart_save_after (emu);
  return job;
}

/* The link lost while the written pieces are read back, after every one
 * was written: the message says the new content is probably in place and
 * to check it with verify, never to restore the previous one (which would
 * undo a good write).  The last command after which the reader may go
 * away and the job still end well is found by bisection; the host notices
 * a reader gone only at its next command, so near that end one run may
 * differ from the next, and a few commands earlier are tried too, down to
 * the first cut within the read back. */
static void
test_readback_cut_after_complete_write (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (8192, 21);
  const gsize changed[] = { 0x1234 };
  g_autoptr(GBytes) edited = ks_test_bytes_changed (image, changed, 1);
  g_autoptr(KsJob) whole = NULL;
  g_autoptr(KsJob) cut = NULL;
  g_autoptr(GBytes) now = NULL;
  const GError *error;
  const KsWriteResult *result = NULL;
  KsLkEmulatorStats stats = { 0 };
  guint64 good, bad;

  {
    g_autoptr(KsTestEmulator) emu =
      start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, image, NULL), NULL);

    whole = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL, edited,
                                "gb-sav", FALSE);
    g_assert_true (ks_test_jobs_run (f, whole, NULL));
    ks_test_emulator_stop (emu, &stats);
  }

  /* good: gone after it, the job ends well; bad: gone after it, it fails */
  good = stats.commands;
  bad = 1;
  while (good - bad > 1)
    {
      guint64 mid = bad + (good - bad) / 2;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(KsJob) job = restore_cut_after (f, image, edited, mid, &after);

      if (ks_job_get_state (job) == KS_JOB_STATE_DONE)
        good = mid;
      else
        bad = mid;
    }

  for (guint64 n = bad; n > 0 && n + 8 > bad; n--)
    {
      g_clear_object (&cut);
      g_clear_pointer (&now, g_bytes_unref);
      cut = restore_cut_after (f, image, edited, n, &now);
      result = ks_job_get_result (cut);
      if (ks_job_get_state (cut) == KS_JOB_STATE_FAILED && result->all_written &&
          !result->verified)
        break;
    }

  g_assert_cmpint (ks_job_get_state (cut), ==, KS_JOB_STATE_FAILED);
  g_assert_true (result->all_written);
  g_assert_false (result->verified);
  error = ks_job_get_error (cut);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "probably in place"));
  g_assert_nonnull (strstr (error->message, "keepsake-cli verify"));
  g_assert_null (strstr (error->message, "restore it"));
  g_assert_nonnull (strstr (error->message, result->backup_id));
  /* and it is in place */
  ks_test_assert_bytes_equal (now, edited);
}

static void
test_cancel_mid_write_puts_sectors_back (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(GBytes) edited = gen3_with_money (image, "777");
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL), NULL);
  g_autoptr(KsJob) job = ks_job_restore_new (f->library, ks_test_emulator_get_path (emu), NULL,
                                             edited, NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = NULL;

  g_signal_connect (job, "notify::fraction", G_CALLBACK (cancel_when_writing), NULL);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("cancel: %s", error->message);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_CANCELLED);
  g_assert_cmpuint (ks_job_get_result (job)->rewritten->len, >, 0);
  g_assert_nonnull (strstr (error->message, "put back"));

  now = cart_save_after (emu);
  ks_test_assert_bytes_equal (now, image);
}

/* ---- erase ---------------------------------------------------------------------- */

static void
test_erase_backs_up_first (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) image = gen3_original ();
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL), NULL);
  g_autoptr(KsJob) job = ks_job_erase_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) now = NULL;

  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  stored = ks_library_load (f->library, ks_job_get_backup (job), &error);
  ks_test_assert_bytes_equal (stored, image);
  now = cart_save_after (emu);
  g_assert_true (ks_bytes_all (g_bytes_get_data (now, NULL), g_bytes_get_size (now), 0xFF));
}

/* ---- copy ----------------------------------------------------------------------- */

static void
test_copy_gb_cart_to_mmc_and_back (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) blank = ks_test_random_bytes (32768, 0x3C);
  g_autoptr(KsTestEmulator) gb =
    start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC1, zelda, NULL), NULL);
  g_autoptr(KsTestEmulator) mmc =
    start (ks_emulated_cart_new_mmc (card, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsTestEmulator) gb32 =
    start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, blank, NULL), NULL);
  g_autoptr(KsJob) to_card = NULL;
  g_autoptr(KsJob) to_cart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GBytes) cart_now = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GBytes) copied = NULL;

  /* GB cart SRAM → a new Mega Memory Card entry, through the MMC's insert */
  to_card = ks_job_copy_new (f->library, ks_test_emulator_get_path (gb), NULL, NULL,
                             ks_test_emulator_get_path (mmc), NULL,
                             KS_COPY_CHOICE_ADD, NULL, FALSE);
  g_assert_true (ks_test_jobs_run (f, to_card, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (to_card)->verified);

  /* a Mega Memory Card entry → a GB cart's whole RAM */
  to_cart = ks_job_copy_new (f->library, ks_test_emulator_get_path (mmc), NULL, "POKEMON RED",
                             ks_test_emulator_get_path (gb32), NULL,
                             KS_COPY_CHOICE_REPLACE, NULL, FALSE);
  g_assert_true (ks_test_jobs_run (f, to_cart, &error));
  g_assert_no_error (error);

  now = cart_save_after (mmc);
  container = ks_container_new_from_bytes (now, NULL, "mmc", &error);
  g_assert_no_error (error);
  saves = ks_container_list (container, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saves->len, ==, 3);
  copied = ks_container_extract (container, 2, "copy.sav", &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (copied, zelda);

  cart_now = cart_save_after (gb32);
  ks_test_assert_bytes_equal (cart_now, pokemon);
}

static void
test_copy_saturn_between_files (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GBytes) internal = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) partition = ks_test_saturn_ar_partition ();
  g_autoptr(GBytes) ar = ks_test_saturn_ar_dump (partition);
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autofree char *internal_path = ks_test_write_file (f->dir, "internal.bin", internal);
  g_autofree char *ar_path = ks_test_write_file (f->dir, "ar.bin", ar);
  g_autofree char *bup_path = ks_test_write_file (f->dir, "DAYTONA_.BUP", bup);
  g_autofree char *bak = g_strconcat (ar_path, ".bak", NULL);
  g_autoptr(KsJob) to_ar = NULL;
  g_autoptr(KsJob) bup_to_ar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  /* backup RAM → Action Replay, then .BUP → Action Replay */
  to_ar = ks_job_copy_new (f->library, internal_path, NULL, "0", ar_path, NULL,
                            KS_COPY_CHOICE_ADD, NULL, FALSE);
  g_assert_true (ks_test_jobs_run (f, to_ar, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (to_ar)->verified);
  bup_to_ar = ks_job_copy_new (f->library, bup_path, NULL, "0", ar_path, NULL,
                            KS_COPY_CHOICE_ADD, NULL, FALSE);
  g_assert_true (ks_test_jobs_run (f, bup_to_ar, &error));
  g_assert_no_error (error);

  now = ks_test_read_file (ar_path);
  container = ks_container_new_from_bytes (now, "ar.bin", NULL, &error);
  g_assert_no_error (error);
  saves = ks_container_list (container, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saves->len, ==, 2);

  /* files: the previous content went to the library, not to NAME.bak */
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  backups = ks_library_list (f->library, ar_path, NULL, &error);
  g_assert_cmpuint (backups->len, ==, 2);
}

/* Two drops of the same save planned before either ran: the first adds it,
 * the second finds it there and writes nothing; the person's choice then
 * replaces it, or keeps both under a free name. */
static void
test_copy_same_save_twice_is_never_doubled (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autofree char *card_path = ks_test_write_file (f->dir, "card.bin", card);
  g_autofree char *save_path = ks_test_write_file (f->dir, "LINKS AWAKENING.sav", zelda);
  g_autoptr(KsJob) first = ks_job_copy_new (f->library, save_path, NULL, NULL, card_path, NULL,
                                            KS_COPY_CHOICE_ADD, NULL, FALSE);
  g_autoptr(KsJob) second = ks_job_copy_new (f->library, save_path, NULL, NULL, card_path, NULL,
                                             KS_COPY_CHOICE_ADD, NULL, FALSE);
  g_autoptr(KsJob) replace = ks_job_copy_new (f->library, save_path, NULL, NULL, card_path, NULL,
                                              KS_COPY_CHOICE_REPLACE, NULL, FALSE);
  g_autoptr(KsJob) both = ks_job_copy_new (f->library, save_path, NULL, NULL, card_path, NULL,
                                           KS_COPY_CHOICE_KEEP_BOTH, "LINKS AWAKENI 2", FALSE);
  g_autoptr(GBytes) after_first = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_test_jobs_run (f, first, &error));
  g_assert_no_error (error);
  after_first = ks_test_read_file (card_path);

  g_assert_false (ks_test_jobs_run (f, second, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS);
  g_assert_true (g_str_has_prefix (error->message,
                                   "A save named “LINKS AWAKENING” is already there"));
  g_clear_error (&error);
  now = ks_test_read_file (card_path);
  ks_test_assert_bytes_equal (now, after_first);

  g_assert_true (ks_test_jobs_run (f, replace, &error));
  g_assert_no_error (error);
  g_assert_true (ks_test_jobs_run (f, both, &error));
  g_assert_no_error (error);

  g_clear_pointer (&now, g_bytes_unref);
  now = ks_test_read_file (card_path);
  container = ks_container_new_from_bytes (now, "card.bin", "mmc", &error);
  g_assert_no_error (error);
  saves = ks_container_list (container, &error);
  g_assert_cmpuint (saves->len, ==, 4);
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 2))->name, ==, "LINKS AWAKENING");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 3))->name, ==, "LINKS AWAKENI 2");
}

/* A folder of .BUP files takes a save as a new file; replacing it keeps
 * the old file in the library first; a .BUP of the folder goes back into
 * backup RAM. */
static void
test_copy_into_and_out_of_a_bup_folder (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GBytes) internal = ks_test_saturn_minimal_internal ();
  g_autofree char *internal_path = ks_test_write_file (f->dir, "internal.bin", internal);
  g_autofree char *folder = g_build_filename (f->dir, "bup", NULL);
  g_autofree char *written = g_build_filename (folder, "DEZA2___SYS.BUP", NULL);
  g_autofree char *second = g_build_filename (folder, "DEZA2___S_2.BUP", NULL);
  g_autoptr(KsJob) in = ks_job_copy_new (f->library, internal_path, NULL, "0", folder, NULL,
                                         KS_COPY_CHOICE_ADD, NULL, FALSE);
  g_autoptr(KsJob) again = ks_job_copy_new (f->library, internal_path, NULL, "0", folder, NULL,
                                            KS_COPY_CHOICE_ADD, NULL, FALSE);
  g_autoptr(KsJob) replace = ks_job_copy_new (f->library, internal_path, NULL, "0", folder, NULL,
                                              KS_COPY_CHOICE_REPLACE, NULL, FALSE);
  g_autoptr(KsJob) both = ks_job_copy_new (f->library, internal_path, NULL, "0", folder, NULL,
                                           KS_COPY_CHOICE_KEEP_BOTH, "DEZA2___S_2", FALSE);
  g_autoptr(KsJob) out = NULL;
  g_autoptr(GBytes) bup = NULL;
  g_autoptr(GBytes) blank = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) check = NULL;
  g_autoptr(GPtrArray) saves = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (ks_test_jobs_run (f, in, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_get_result (in)->verified);
  bup = ks_test_read_file (written);
  /* "Vmem" magic, then the 11-byte name */
  g_assert_cmpmem (g_bytes_get_data (bup, NULL), 4, "Vmem", 4);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (bup, NULL) + 0x10, 11, "DEZA2___SYS", 11);

  g_assert_false (ks_test_jobs_run (f, again, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (ks_test_jobs_run (f, replace, &error));
  g_assert_no_error (error);
  backups = ks_library_list (f->library, written, NULL, &error);
  g_assert_cmpuint (backups->len, ==, 1);

  g_assert_true (ks_test_jobs_run (f, both, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));

  /* and back out: the folder's .BUP into a formatted backup RAM with room */
  blank = ks_test_saturn_minimal_internal ();
  {
    g_autofree char *blank_path = ks_test_write_file (f->dir, "other.bin", blank);
    g_autoptr(GBytes) now = NULL;

    out = ks_job_copy_new (f->library, second, NULL, NULL, blank_path, NULL, KS_COPY_CHOICE_ADD,
                           NULL, FALSE);
    g_assert_true (ks_test_jobs_run (f, out, &error));
    g_assert_no_error (error);
    now = ks_test_read_file (blank_path);
    check = ks_container_new_from_bytes (now, "other.bin", NULL, &error);
    g_assert_no_error (error);
    saves = ks_container_list (check, &error);
    g_assert_cmpuint (saves->len, ==, 2);
    g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 1))->name, ==, "DEZA2___S_2");
  }
}

/* ---- workers -------------------------------------------------------------------- */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  guint    running;
  guint    max_running;
} Meeting;

static gboolean
meet (KsJob         *job,
      gpointer       data,
      GCancellable  *cancellable,
      GError       **error)
{
  Meeting *m = data;
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  g_mutex_lock (&m->lock);
  m->running++;
  m->max_running = MAX (m->max_running, m->running);
  g_cond_broadcast (&m->cond);
  /* wait (a while) for a second job to be running too */
  while (m->max_running < 2 && g_cond_wait_until (&m->cond, &m->lock, deadline))
    ;
  m->running--;
  g_mutex_unlock (&m->lock);
  ks_job_set_progress (job, 1, 1, "met");
  return TRUE;
}

static void
test_devices_in_parallel_ports_in_series (Fixture       *f,
                                          gconstpointer  data)
{
  Meeting m = { 0 };
  g_autoptr(KsJob) a = ks_job_new (KS_JOB_KIND_BACKUP, "a", "/dev/ttyA", meet, &m, NULL);
  g_autoptr(KsJob) b = ks_job_new (KS_JOB_KIND_BACKUP, "b", "/dev/ttyB", meet, &m, NULL);
  g_autoptr(KsJob) c = ks_job_new (KS_JOB_KIND_BACKUP, "c", "/dev/ttyC", meet, &m, NULL);
  g_autoptr(KsJob) d = ks_job_new (KS_JOB_KIND_BACKUP, "d", "/dev/ttyC", meet, &m, NULL);

  g_mutex_init (&m.lock);
  g_cond_init (&m.cond);

  /* two devices: both run at once */
  ks_job_queue_push (f->queue, a);
  ks_job_queue_push (f->queue, b);
  g_assert_true (ks_job_wait (a, NULL));
  g_assert_true (ks_job_wait (b, NULL));
  g_assert_cmpuint (m.max_running, ==, 2);

  /* one port: one job at a time, never two */
  m.max_running = 0;
  ks_job_queue_push (f->queue, c);
  ks_job_queue_push (f->queue, d);
  g_assert_true (ks_job_wait (c, NULL));
  g_assert_true (ks_job_wait (d, NULL));
  g_assert_cmpuint (m.max_running, ==, 1);

  g_mutex_clear (&m.lock);
  g_cond_clear (&m.cond);
}

static void
test_two_carts_backed_up_at_once (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) gba = gen3_original ();
  g_autoptr(GBytes) mmc = ks_test_mmc_worked_example ();
  g_autoptr(KsTestEmulator) one =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_SANYO_LE26FV10N1TS, gba, NULL), NULL);
  g_autoptr(KsTestEmulator) two =
    start (ks_emulated_cart_new_mmc (mmc, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE), NULL);
  g_autoptr(KsJob) a = ks_job_backup_new (f->library, ks_test_emulator_get_path (one), NULL);
  g_autoptr(KsJob) b = ks_job_backup_new (f->library, ks_test_emulator_get_path (two), NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  ks_job_queue_push (f->queue, a);
  ks_job_queue_push (f->queue, b);
  g_assert_cmpuint (ks_job_queue_get_n_active (f->queue), >=, 1);
  g_assert_true (ks_job_wait (a, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_wait (b, &error));
  g_assert_no_error (error);

  ks_test_assert_bytes_equal (ks_job_get_content (a), gba);
  ks_test_assert_bytes_equal (ks_job_get_content (b), mmc);
  entries = ks_library_list (f->library, NULL, NULL, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  /* progress reached the main loop coalesced, not once per piece */
  g_assert_cmpuint (ks_job_get_n_notifies (b), <, 512 / 4);
}

/* A device row reads its cart while jobs use the same port (the reload
 * after a write, then the next job): each waits for the other's turn, and
 * neither is told another program holds the port.  @queue: the row reads
 * as a job on the port's worker (as the window makes it), else on a
 * thread of its own, the port lock keeping the turns. */
static void
check_device_read_between_jobs (Fixture    *f,
                                KsJobQueue *queue)
{
  g_autoptr(GBytes) gba = gen3_original ();
  g_autoptr(KsTestEmulator) emu =
    start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, gba, NULL), NULL);
  const char *port = ks_test_emulator_get_path (emu);
  g_autoptr(KsJob) first = ks_job_verify_new (f->library, port, NULL);
  g_autoptr(KsJob) second = ks_job_verify_new (f->library, port, NULL);
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint active;

  ks_job_queue_push (f->queue, first);
  device = queue != NULL ? ks_device_new_for_port_on_queue (port, queue)
                         : ks_device_new_for_port (port);
  ks_job_queue_push (f->queue, second);
  /* on the queue, the read is one of the port's jobs */
  if (queue != NULL)
    g_assert_cmpuint (ks_job_queue_get_n_active (f->queue), >=, 2);

  g_assert_true (ks_job_wait (first, &error));
  g_assert_no_error (error);
  g_assert_true (ks_job_wait (second, &error));
  g_assert_no_error (error);
  while (ks_device_get_busy (device) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (ks_device_get_busy (device));
  g_assert_false (ks_findings_has_errors (ks_device_get_findings (device)));
  ks_test_assert_bytes_equal (ks_device_get_bytes (device), gba);
  if (queue == NULL)
    return;

  /* a reload is a job on the same worker too */
  active = ks_job_queue_get_n_active (f->queue);
  ks_device_reload (device);
  g_assert_true (ks_device_get_busy (device));
  g_assert_cmpuint (ks_job_queue_get_n_active (f->queue), ==, active + 1);
  while (ks_device_get_busy (device) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ks_device_get_busy (device));
  ks_test_assert_bytes_equal (ks_device_get_bytes (device), gba);
}

static void
test_device_read_and_job_take_turns_on_a_port (Fixture       *f,
                                               gconstpointer  data)
{
  check_device_read_between_jobs (f, NULL);
}

static void
test_device_read_is_a_job_on_the_port_worker (Fixture       *f,
                                              gconstpointer  data)
{
  check_device_read_between_jobs (f, f->queue);
}

static gboolean
busy_redraw (gpointer data)
{
  g_usleep (2000);
  return G_SOURCE_CONTINUE;
}

static gboolean
quick (KsJob         *job,
       gpointer       data,
       GCancellable  *cancellable,
       GError       **error)
{
  ks_job_set_progress (job, 1, 1, "done");
  return TRUE;
}

/* A window that redraws frame after frame (GTK's redraw runs at
 * G_PRIORITY_HIGH_IDLE + 20; an autoscroll on a software renderer never
 * stops asking) must still see the job end: the row must not stay at
 * "Waiting for the device…". */
static void
test_end_reaches_a_busy_main_loop (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(KsJob) job = ks_job_new (KS_JOB_KIND_VERIFY, "quick", "/dev/ttyQ", quick, NULL, NULL);
  GSource *redraw = g_idle_source_new ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_source_set_priority (redraw, G_PRIORITY_HIGH_IDLE + 20);
  g_source_set_callback (redraw, busy_redraw, NULL, NULL);
  g_source_attach (redraw, NULL);

  ks_job_queue_push (f->queue, job);
  while (ks_job_get_state (job) < KS_JOB_STATE_DONE && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_destroy (redraw);
  g_source_unref (redraw);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, ks_test_jobs_set_up, (func), ks_test_jobs_tear_down)

  ADD ("/jobs/backup/lands-in-library-equal-to-cart", test_backup_lands_in_library);
  ADD ("/jobs/wire/backup-reads-twice-unless-the-library-keeps-the-save",
       test_backup_reads_twice_unless_kept);
  ADD ("/jobs/wire/restore-reads-once-and-back-only-what-changed",
       test_restore_reads_once_and_back_only_what_changed);
  ADD ("/jobs/wire/named-cart-is-powered-once", test_named_cart_is_powered_once);
  ADD ("/jobs/wire/mmc-insert-after-a-read-confirms-by-crc",
       test_mmc_insert_after_a_read_confirms_by_crc);
  ADD ("/jobs/restore/edited-gen3-lands-verified-previous-in-library", test_restore_edited_gen3);
  ADD ("/jobs/restore/refuses-gen3-with-bad-checksum", test_restore_refuses_bad_checksum);
  ADD ("/jobs/write-save/mmc-insert-touches-only-needed-sectors",
       test_mmc_insert_touches_only_needed_sectors);
  ADD ("/jobs/restore/gba-power-loss-mid-erase-then-restore-from-library",
       test_gba_power_loss_mid_erase);
  ADD ("/jobs/restore/gba-power-loss-mid-1k-program-then-restore-from-library",
       test_gba_power_loss_mid_program);
  ADD ("/jobs/write-save/power-loss-then-restore-from-library",
       test_power_loss_then_restore_from_library);
  ADD ("/jobs/restore/cancel-mid-write-puts-sectors-back", test_cancel_mid_write_puts_sectors_back);
  ADD ("/jobs/restore/read-back-cut-after-a-complete-write-says-check-it",
       test_readback_cut_after_complete_write);
  ADD ("/jobs/erase/backs-up-first", test_erase_backs_up_first);
  ADD ("/jobs/copy/gb-cart-to-mmc-and-mmc-entry-to-gb-cart", test_copy_gb_cart_to_mmc_and_back);
  ADD ("/jobs/copy/saturn-ram-and-bup-to-action-replay-file", test_copy_saturn_between_files);
  ADD ("/jobs/copy/same-save-twice-is-never-doubled", test_copy_same_save_twice_is_never_doubled);
  ADD ("/jobs/copy/into-and-out-of-a-bup-folder", test_copy_into_and_out_of_a_bup_folder);
  ADD ("/jobs/queue/devices-in-parallel-ports-in-series", test_devices_in_parallel_ports_in_series);
  ADD ("/jobs/queue/two-carts-backed-up-at-once", test_two_carts_backed_up_at_once);
  ADD ("/jobs/queue/device-read-and-job-take-turns-on-a-port",
       test_device_read_and_job_take_turns_on_a_port);
  ADD ("/jobs/queue/device-read-is-a-job-on-the-port-worker",
       test_device_read_is_a_job_on_the_port_worker);
  ADD ("/jobs/queue/end-reaches-a-busy-main-loop", test_end_reaches_a_busy_main_loop);

  return g_test_run ();
}
