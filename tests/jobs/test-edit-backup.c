/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-edit-backup.c — a backup is never changed: an edit of one (the
 * trainer editor on a backup) is verified and stored beside it */

#include "config.h"

#include "gen3-builder.h"
#include "ks-test-utils.h"

static gboolean
set_money (KsContainer  *container,
           gpointer      user_data,
           GError      **error)
{
  if (!ks_gen3_set_trainer_field (ks_container_get_impl (container), "money", user_data, FALSE,
                                  error))
    return FALSE;

  ks_container_mark_modified (container);
  return TRUE;
}

static KsBackupEntry *
store_emerald (KsLibrary *library,
               GBytes   **bytes)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x12345678);
  g_autoptr(GError) error = NULL;
  KsBackupEntry *entry;

  *bytes = gen3_build (KS_GEN3_GAME_EMERALD, blocks, -1, 1);
  entry = ks_library_add (library, *bytes, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  return entry;
}

static gboolean
run (KsJob   *job,
     GError **error)
{
  ks_job_run (job);
  return ks_job_wait (job, error);
}

static void
test_edit_is_stored_as_a_new_backup (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsLibrary) library = ks_library_new (dir);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(KsBackupEntry) entry = store_emerald (library, &original);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const KsBackupEntry *fresh;
  KsGen3Trainer trainer = { 0 };

  job = ks_job_edit_backup_new (library, entry, set_money, g_strdup ("654321"), g_free);
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_EDIT_BACKUP);
  g_assert_true (run (job, &error));
  g_assert_no_error (error);

  fresh = ks_job_get_backup (job);
  g_assert_nonnull (fresh);
  g_assert_cmpstr (fresh->id, !=, entry->id);
  g_assert_cmpint (fresh->reason, ==, KS_BACKUP_REASON_EDITED);
  g_assert_cmpstr (fresh->title, ==, "POKEMON EMER");
  g_assert_cmpstr (fresh->source, ==, "/dev/ttyACM0");
  g_assert_cmpstr (fresh->format_id, ==, "gen3");

  /* the original is kept byte for byte */
  kept = ks_library_load (library, entry, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (kept, original);

  /* the new one holds the edit and verifies clean */
  edited = ks_library_load (library, fresh, &error);
  g_assert_no_error (error);
  container = gen3_open (edited);
  g_assert_true (ks_gen3_get_trainer (gen3_save (container), &trainer, &error));
  g_assert_cmpuint (trainer.money, ==, 654321);
  ks_gen3_trainer_clear (&trainer);
  findings = ks_container_verify (container);
  g_assert_false (ks_findings_has_errors (findings));

  all = ks_library_list (library, NULL, NULL, &error);
  g_assert_cmpuint (all->len, ==, 2);
}

static void
test_refused_edit_stores_nothing (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsLibrary) library = ks_library_new (dir);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(KsBackupEntry) entry = store_emerald (library, &original);
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  /* more money than the game holds (999,999) */
  job = ks_job_edit_backup_new (library, entry, set_money, g_strdup ("1000000"), g_free);
  g_assert_false (run (job, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_FAILED);

  all = ks_library_list (library, NULL, NULL, NULL);
  g_assert_cmpuint (all->len, ==, 1);
}

/* A 128 KiB save that is not Pokémon, kept as "gen3" by an older
 * Keepsake, opens as its bytes are (ks_backup_entry_format_for_content());
 * the trainer edit says it has no trainer instead of reading another
 * format's data as a Gen III save, and stores nothing */
static void
test_trainer_edit_of_an_old_gen3_backup_refused (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsLibrary) library = ks_library_new (dir);
  g_autoptr(GBytes) bytes = ks_test_random_bytes (131072, 0x65);
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  KsGen3Trainer *trainer = g_new0 (KsGen3Trainer, 1);

  gen3_test_trainer (trainer);
  entry = ks_library_add (library, bytes, "/dev/ttyACM0", "", "gen3", KS_BACKUP_REASON_MANUAL,
                          &error);
  g_assert_no_error (error);
  job = ks_job_edit_backup_new (library, entry, ks_job_edit_set_trainer, trainer,
                                ks_job_edit_trainer_free);
  g_assert_false (run (job, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "This is not a Pokémon Gen III save, so it has no trainer to edit.");

  all = ks_library_list (library, NULL, NULL, NULL);
  g_assert_cmpuint (all->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit-backup/edit-is-stored-as-a-new-backup", test_edit_is_stored_as_a_new_backup);
  g_test_add_func ("/edit-backup/refused-edit-stores-nothing", test_refused_edit_stores_nothing);
  g_test_add_func ("/edit-backup/trainer-edit-of-an-old-gen3-backup-refused",
                   test_trainer_edit_of_an_old_gen3_backup_refused);

  return g_test_run ();
}
