/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-read.c — one read for every reader: keepsake-cli, a job and a
 * device row read the same target (a file, the emulated reader's port) to
 * the same bytes (ks_target_read()) */

#include "config.h"

#include <glib/gstdio.h>

#include "gen3-builder.h"
#include "ks-test-emulator.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"

/* An Emerald save in both slots (gen3.md §8, the tests' own writer) */
static GBytes *
emerald_save (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x1234);

  return gen3_build (KS_GEN3_GAME_EMERALD, blocks, 4, 3);
}

/* What `keepsake-cli extract TARGET 0` writes: the one save, whole */
static GBytes *
cli_extract (KsTestJobs *f,
             const char *target)
{
  g_autofree char *out_path = g_build_filename (f->dir, "extracted.sav", NULL);
  g_autofree char *err = NULL;
  GBytes *bytes;

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "extract", target, "0", "-o", out_path, NULL),
                   ==, 0);
  bytes = ks_test_read_file (out_path);
  g_assert_cmpint (g_unlink (out_path), ==, 0);
  return bytes;
}

/* What a backup job stores of TARGET */
static GBytes *
job_backup (KsTestJobs *f,
            const char *target)
{
  g_autoptr(KsJob) job = ks_job_backup_new (f->library, target, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);
  return g_bytes_ref (ks_job_get_content (job));
}

static GBytes *
device_read (KsDevice *device)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (ks_device_get_busy (device) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ks_device_get_busy (device));
  g_assert_false (ks_findings_has_errors (ks_device_get_findings (device)));
  return g_bytes_ref (ks_device_get_bytes (device));
}

static void
test_file (KsTestJobs    *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) save = emerald_save ();
  g_autofree char *path = ks_test_write_file (f->dir, "emerald.sav", save);
  g_autoptr(GBytes) by_cli = cli_extract (f, path);
  g_autoptr(GBytes) by_job = job_backup (f, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDevice) device = ks_device_new_for_file (path, &error);
  g_autoptr(GBytes) by_device = NULL;

  g_assert_no_error (error);
  by_device = device_read (device);
  ks_test_assert_bytes_equal (by_cli, save);
  ks_test_assert_bytes_equal (by_job, save);
  ks_test_assert_bytes_equal (by_device, save);
}

static void
test_port (KsTestJobs    *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) save = emerald_save ();
  g_autoptr(GBytes) rom = ks_cart_rom_new_gba ("POKEMON EMER", "BPEE");
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, save,
                                                            rom),
                            KS_LK_PROFILE_L14, NULL);
  const char *port = ks_test_emulator_get_path (emu);
  g_autoptr(GBytes) by_cli = cli_extract (f, port);
  g_autoptr(GBytes) by_job = job_backup (f, port);
  g_autoptr(KsDevice) device = ks_device_new_for_port_on_queue (port, f->queue);
  g_autoptr(GBytes) by_device = device_read (device);

  ks_test_assert_bytes_equal (by_cli, save);
  ks_test_assert_bytes_equal (by_job, save);
  ks_test_assert_bytes_equal (by_device, save);
}

/* What the read refuses, the command says once and exits 2 */
static void
test_bad_targets (KsTestJobs    *f,
                  gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "documents", NULL);
  g_autoptr(GBytes) text = g_bytes_new_static ("notes\n", 6);
  g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
  g_autofree char *note = NULL;
  g_autofree char *empty = ks_test_write_file (f->dir, "empty.sav", nothing);
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  note = ks_test_write_file (other, "notes.txt", text);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "list", other, NULL), ==, 2);
  expected = g_strdup_printf ("keepsake-cli: %s is a folder without .BUP files. Keepsake opens a "
                              "folder when it keeps Saturn saves as .BUP files; open a save file "
                              "or a cart reader instead.\n", other);
  g_assert_cmpstr (err, ==, expected);

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "list", empty, NULL), ==, 2);
  expected = g_strdup_printf ("keepsake-cli: %s: The file is empty: there is no save in it.\n",
                              empty);
  g_assert_cmpstr (err, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/read/file-same-bytes-as-a-job-and-a-device", KsTestJobs, NULL,
              ks_test_jobs_set_up, test_file, ks_test_jobs_tear_down);
  g_test_add ("/cli/read/port-same-bytes-as-a-job-and-a-device", KsTestJobs, NULL,
              ks_test_jobs_set_up, test_port, ks_test_jobs_tear_down);

  g_test_add ("/cli/read/bad-targets-exit-2", KsTestJobs, NULL, ks_test_jobs_set_up,
              test_bad_targets, ks_test_jobs_tear_down);

  return g_test_run ();
}
