/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-same-write.c — one write path: the same edit made as the window
 * makes it (the write job its Delete and its trainer editor's Save run,
 * with the window's edits, ks-job-edits.h, in this process) and made with keepsake-cli leaves the same bytes and the
 * same backup library entries */

#include "config.h"

#include <json-glib/json-glib.h>

#include "gen3-builder.h"
#include "ks-test-jobs.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"

/* One file named @name in each of two folders, both holding @bytes; the
 * window's library is the fixture's, the CLI's a folder of its own */
static void
twin_files (const char  *name,
            GBytes      *bytes,
            char       **window_file,
            char       **cli_file,
            char       **cli_library)
{
  g_autofree char *window_dir = ks_test_make_tmpdir ();
  g_autofree char *cli_dir = ks_test_make_tmpdir ();

  *window_file = ks_test_write_file (window_dir, name, bytes);
  *cli_file = ks_test_write_file (cli_dir, name, bytes);
  *cli_library = g_build_filename (cli_dir, "library", NULL);
}

/* The two libraries hold one entry each, alike but for the source path */
static void
assert_same_library (KsLibrary  *window,
                     const char *cli_path)
{
  g_autoptr(KsLibrary) cli = ks_library_new (cli_path);
  g_autoptr(GPtrArray) a = ks_library_list (window, NULL, NULL, NULL);
  g_autoptr(GPtrArray) b = ks_library_list (cli, NULL, NULL, NULL);
  const KsBackupEntry *x;
  const KsBackupEntry *y;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpuint (b->len, ==, 1);
  x = g_ptr_array_index (a, 0);
  y = g_ptr_array_index (b, 0);
  g_assert_cmpstr (x->sha256, ==, y->sha256);
  g_assert_cmpstr (x->title, ==, y->title);
  g_assert_cmpstr (x->format_id, ==, y->format_id);
  g_assert_cmpuint (x->size, ==, y->size);
  g_assert_cmpint (x->reason, ==, KS_BACKUP_REASON_BEFORE_WRITE);
  g_assert_cmpint (y->reason, ==, KS_BACKUP_REASON_BEFORE_WRITE);
}

static void
assert_same_files (const char *a,
                   const char *b)
{
  g_autoptr(GBytes) x = ks_test_read_file (a);
  g_autoptr(GBytes) y = ks_test_read_file (b);
  g_autofree char *bak_a = g_strconcat (a, ".bak", NULL);
  g_autofree char *bak_b = g_strconcat (b, ".bak", NULL);

  ks_test_assert_bytes_equal (y, x);
  g_assert_false (g_file_test (bak_a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (bak_b, G_FILE_TEST_EXISTS));
}

static void
test_delete (KsTestJobs    *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autofree char *window_file = NULL;
  g_autofree char *cli_file = NULL;
  g_autofree char *cli_library = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  twin_files ("card.bin", card, &window_file, &cli_file, &cli_library);

  job = ks_job_write_save_new (f->library, window_file, NULL, "mmc", FALSE, ks_job_edit_remove,
                               GUINT_TO_POINTER (0), NULL);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);

  g_setenv ("KEEPSAKE_LIBRARY_DIR", cli_library, TRUE);
  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "delete", cli_file, "0", NULL), ==, 0);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");

  /* the edit changed something, and the same thing */
  after = ks_test_read_file (window_file);
  g_assert_false (g_bytes_equal (after, card));
  assert_same_files (window_file, cli_file);
  assert_same_library (f->library, cli_library);
}

static void
test_trainer (KsTestJobs    *f,
              gconstpointer  data)
{
  g_auto(KsGen3Trainer) trainer = { 0 };
  KsGen3Trainer *edited = g_new0 (KsGen3Trainer, 1);
  g_autoptr(GBytes) save = NULL;
  g_autoptr(KsContainer) shown = NULL;
  g_autofree char *window_file = NULL;
  g_autofree char *cli_file = NULL;
  g_autofree char *cli_library = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  gen3_test_trainer (&trainer);
  save = ks_gen3_build_new_save (KS_GEN3_GAME_EMERALD, &trainer, &error);
  g_assert_no_error (error);
  twin_files ("emerald.sav", save, &window_file, &cli_file, &cli_library);

  /* the editor shows the loaded trainer; the person changes the money */
  shown = ks_container_new_from_bytes (save, "emerald.sav", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ks_gen3_get_trainer (ks_container_get_impl (shown), edited, &error));
  edited->money = 4321;
  job = ks_job_write_save_new (f->library, window_file, NULL, "gen3", FALSE, ks_job_edit_set_trainer,
                               edited, ks_job_edit_trainer_free);
  g_assert_true (ks_test_jobs_run (f, job, &error));
  g_assert_no_error (error);

  g_setenv ("KEEPSAKE_LIBRARY_DIR", cli_library, TRUE);
  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "trainer", "--set", "money=4321", cli_file, NULL),
                   ==, 0);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");

  after = ks_test_read_file (window_file);
  g_assert_false (g_bytes_equal (after, save));
  assert_same_files (window_file, cli_file);
  assert_same_library (f->library, cli_library);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/same-write/delete", KsTestJobs, NULL, ks_test_jobs_set_up, test_delete,
              ks_test_jobs_tear_down);
  g_test_add ("/cli/same-write/trainer", KsTestJobs, NULL, ks_test_jobs_set_up, test_trainer,
              ks_test_jobs_tear_down);

  return g_test_run ();
}
