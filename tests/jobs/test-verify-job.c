/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-verify-job.c — Verify as a job: a cart is read as a backup reads it
 * and checked with its format, a file or a library backup likewise; the
 * findings come back on the job and nothing is written */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"
#include "ks-test-emulator.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"

typedef KsTestJobs Fixture;

static GBytes *
emerald (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x12345678);

  return gen3_build (KS_GEN3_GAME_EMERALD, blocks, -1, 1);
}

/* The same save with one byte of section 1 of its only slot (B) changed
 * and its checksum not */
static GBytes *
emerald_damaged (GBytes *good)
{
  gsize size = g_bytes_get_size (good);
  guint8 *bytes = g_memdup2 (g_bytes_get_data (good, NULL), size);

  bytes[gen3_find_section (bytes, 1, 1) * 4096 + 0x20] ^= 0x01;
  return g_bytes_new_take (bytes, size);
}

static void
test_cart_verified_without_writing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) image = emerald ();
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image,
                                                         NULL);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  ks_agb_flash_model_reset_counters (ks_emulated_cart_get_agb_flash (cart));
  job = ks_job_verify_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_VERIFY);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);

  g_assert_nonnull (ks_job_get_findings (job));
  g_assert_false (ks_findings_has_errors (ks_job_get_findings (job)));
  ks_test_assert_bytes_equal (ks_job_get_content (job), image);

  /* nothing erased or programmed, and nothing stored */
  g_assert_cmpuint (ks_flash_counters_operations (
                      ks_agb_flash_model_get_counters (ks_emulated_cart_get_agb_flash (cart))),
                    ==, 0);
  backups = ks_library_list (f->library, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
}

static void
test_damaged_cart_reports_the_sector (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GBytes) good = emerald ();
  g_autoptr(GBytes) image = emerald_damaged (good);
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image,
                                                         NULL);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsJob) job = ks_job_verify_new (f->library, ks_test_emulator_get_path (emu), NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  /* the job succeeds: it did verify; what it found is the result */
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  findings = ks_job_get_findings (job);
  g_assert_true (ks_findings_has_errors (findings));
  g_assert_nonnull (ks_findings_find (findings, "gen3-sector-checksum"));
}

static void
test_file_and_backup_verified (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) good = emerald ();
  g_autoptr(GBytes) damaged = emerald_damaged (good);
  g_autofree char *path = NULL;
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(KsJob) file_job = NULL;
  g_autoptr(KsJob) backup_job = NULL;
  g_autoptr(GError) error = NULL;

  path = ks_test_write_file (f->dir, "emerald.sav", damaged);
  file_job = ks_job_verify_new (f->library, path, NULL);
  g_assert_true (ks_test_jobs_run (f, file_job, &error));
  g_assert_nonnull (ks_findings_find (ks_job_get_findings (file_job), "gen3-sector-checksum"));

  entry = ks_library_add (f->library, good, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  backup_job = ks_job_verify_backup_new (f->library, entry);
  g_assert_true (ks_test_jobs_run (f, backup_job, &error));
  g_assert_no_error (error);
  g_assert_false (ks_findings_has_errors (ks_job_get_findings (backup_job)));
  ks_test_assert_bytes_equal (ks_job_get_content (backup_job), good);
}

static void
test_tampered_backup_fails (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) good = emerald ();
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *name = NULL;
  g_autofree char *object = NULL;
  g_autoptr(GBytes) damaged = emerald_damaged (good);

  /* the library's objects are read-only files; the test overwrites one as
   * a failing disk would */

  entry = ks_library_add (f->library, good, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  prefix = g_strndup (entry->sha256, 2);
  name = g_strconcat (entry->sha256, ".bin", NULL);
  object = g_build_filename (f->dir, "objects", prefix, name, NULL);
  g_assert_true (g_file_set_contents (object, g_bytes_get_data (damaged, NULL),
                                      g_bytes_get_size (damaged), &error));

  job = ks_job_verify_backup_new (f->library, entry);
  g_assert_false (ks_test_jobs_run (f, job, &error));
  g_assert_error (error, KS_LIBRARY_ERROR, KS_LIBRARY_ERROR_DAMAGED);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_FAILED);
}

/* A raw Game Boy save has nothing to check: the job says so, in the
 * sentence every front end shows (ks-job-result.h), never "Verified" */
static void
test_raw_sav_result_says_unverifiable (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (64 * 1024, 31);
  g_autofree char *path = ks_test_write_file (f->dir, "random.sav", ram);
  g_autoptr(KsJob) job = ks_job_verify_new (f->library, path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *waiting = ks_job_describe_result (job);
  g_autofree char *sentence = NULL;

  g_assert_cmpstr (waiting, ==, "Waiting…");
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  sentence = ks_job_describe_result (job);
  g_assert_cmpstr (sentence, ==, "Keepsake has no checks for this kind of save.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/verify-job/cart-verified-without-writing", Fixture, NULL, ks_test_jobs_set_up,
              test_cart_verified_without_writing, ks_test_jobs_tear_down);
  g_test_add ("/verify-job/damaged-cart-reports-the-sector", Fixture, NULL, ks_test_jobs_set_up,
              test_damaged_cart_reports_the_sector, ks_test_jobs_tear_down);
  g_test_add ("/verify-job/file-and-backup-verified", Fixture, NULL, ks_test_jobs_set_up,
              test_file_and_backup_verified, ks_test_jobs_tear_down);
  g_test_add ("/verify-job/raw-sav-result-says-unverifiable", Fixture, NULL, ks_test_jobs_set_up,
              test_raw_sav_result_says_unverifiable, ks_test_jobs_tear_down);
  g_test_add ("/verify-job/tampered-backup-fails", Fixture, NULL, ks_test_jobs_set_up,
              test_tampered_backup_fails, ks_test_jobs_tear_down);

  return g_test_run ();
}
