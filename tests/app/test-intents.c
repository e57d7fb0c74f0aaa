/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-intents.c — the controller that turns intents into jobs, driven on
 * its own: no window, a library in a fresh folder, a job queue, and image
 * files opened as devices
 *
 * - a copy onto a device that holds another save asks before any job is
 *   queued; Cancel queues nothing and leaves the file's bytes as they were;
 *   Replace queues exactly one job, whose row sentence comes from core and
 *   whose end leaves the source's bytes in the file and the old ones in the
 *   library;
 * - a copy that cannot fit says why and queues nothing;
 * - Delete asks first; Cancel writes nothing, Delete takes the save away;
 * - a library backup whose stored format id no longer fits its bytes (a
 *   128 KiB save that is not Pokémon, kept as "gen3") is restored as its
 *   bytes are, not refused as another kind; the trainer editor is not
 *   opened on it.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "gen3-builder.h"
#include "ks-intents.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"
#include "ui-input.h"
#include "ui-test-utils.h"

typedef struct
{
  char       *dir;
  KsLibrary  *library;
  KsJobQueue *queue;
  GListStore *devices;
  KsIntents  *intents;
  GPtrArray  *queued;     /* KsJob, in the order "job-queued" named them */
  char       *message;    /* the last "message", or NULL */
} Fixture;

static void
on_job_queued (KsIntents *intents,
               KsJob     *job,
               KsDevice  *device,
               Fixture   *f)
{
  g_ptr_array_add (f->queued, g_object_ref (job));
}

static void
on_message (KsIntents  *intents,
            const char *message,
            Fixture    *f)
{
  g_free (f->message);
  f->message = g_strdup (message);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *library_dir = NULL;

  f->dir = ks_test_make_tmpdir ();
  library_dir = g_build_filename (f->dir, "library", NULL);
  f->library = ks_library_new (library_dir);
  f->queue = ks_job_queue_new ();
  f->devices = g_list_store_new (KS_TYPE_DEVICE);
  f->queued = g_ptr_array_new_with_free_func (g_object_unref);
  f->intents = ks_intents_new (f->library, f->queue, G_LIST_MODEL (f->devices));
  g_signal_connect (f->intents, "job-queued", G_CALLBACK (on_job_queued), f);
  g_signal_connect (f->intents, "message", G_CALLBACK (on_message), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->intents);
  ks_job_queue_shutdown (f->queue);
  g_clear_object (&f->queue);
  g_clear_object (&f->devices);
  g_clear_object (&f->library);
  g_clear_pointer (&f->queued, g_ptr_array_unref);
  g_clear_pointer (&f->message, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* @bytes written to @name in the fixture's folder and opened as a device */
static KsDevice *
open_file (Fixture    *f,
           const char *name,
           GBytes     *bytes,
           char      **path)
{
  g_autoptr(GError) error = NULL;
  KsDevice *device;

  *path = ks_test_write_file (f->dir, name, bytes);
  device = ks_device_new_for_file (*path, &error);
  g_assert_no_error (error);
  g_list_store_append (f->devices, device);
  return device;
}

static KsSaveItem *
first_save (KsDevice *device)
{
  g_autoptr(KsSaveItem) save = g_list_model_get_item (ks_device_get_saves (device), 0);

  g_assert_nonnull (save);
  return save;
}

static guint
n_backups (Fixture    *f,
           const char *path)
{
  g_autoptr(GPtrArray) backups = ks_library_list (f->library, path, NULL, NULL);

  return backups != NULL ? backups->len : 0;
}

static void
wait_done (KsJob *job)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_job_wait (job, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
}

static void
test_a_copy_over_another_save_asks_before_queuing (Fixture       *f,
                                                   gconstpointer  data)
{
  g_autofree guint8 *mine_blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x11112222);
  g_autofree guint8 *theirs_blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x33334444);
  g_autoptr(GBytes) mine = gen3_build (KS_GEN3_GAME_EMERALD, mine_blocks, -1, 1);
  g_autoptr(GBytes) theirs = gen3_build (KS_GEN3_GAME_EMERALD, theirs_blocks, 4, 5);
  g_autofree char *source_path = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(KsDevice) source = open_file (f, "emerald.sav", mine, &source_path);
  g_autoptr(KsDevice) target = open_file (f, "target.sav", theirs, &target_path);
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  KsConfirmDialog *question;
  KsJob *job;

  /* asked, and nothing queued while the question is open */
  ks_intents_copy_save (f->intents, source, first_save (source), target);
  question = ks_intents_get_question (f->intents);
  g_assert_nonnull (question);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (question)), ==,
                   "Replace the save on target.sav?");
  g_assert_nonnull (ks_confirm_dialog_get_choice (question, KS_COPY_CHOICE_REPLACE));
  g_assert_cmpuint (f->queued->len, ==, 0);
  g_assert_cmpuint (ks_job_queue_get_n_active (f->queue), ==, 0);

  /* Cancel (what Escape answers): nothing queued, stored or written */
  ks_confirm_dialog_respond (question, GTK_RESPONSE_CANCEL);
  ks_test_input_settle (50);
  g_assert_null (ks_intents_get_question (f->intents));
  g_assert_cmpuint (f->queued->len, ==, 0);
  g_assert_cmpuint (n_backups (f, target_path), ==, 0);
  now = ks_test_read_file (target_path);
  ks_test_assert_bytes_equal (now, theirs);
  g_clear_pointer (&now, g_bytes_unref);

  /* again, and Replace: exactly one job, described by core */
  ks_intents_copy_save (f->intents, source, first_save (source), target);
  question = ks_intents_get_question (f->intents);
  g_assert_nonnull (question);
  ks_confirm_dialog_respond (question, KS_COPY_CHOICE_REPLACE);
  g_assert_cmpuint (f->queued->len, ==, 1);
  job = g_ptr_array_index (f->queued, 0);
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_COPY);
  g_assert_cmpstr (ks_job_get_title (job), ==, "Write “emerald.sav” to target.sav");
  g_assert_cmpstr (ks_job_get_summary (job), ==,
                   "Replaces the 128.0\302\240KiB save on target.sav; the current save is stored "
                   "in the backup library first.");
  wait_done (job);
  ks_test_input_settle (50);
  g_assert_cmpuint (f->queued->len, ==, 1);
  g_assert_null (ks_intents_get_question (f->intents));

  /* the file holds the source's save; the library what it held before */
  now = ks_test_read_file (target_path);
  ks_test_assert_bytes_equal (now, mine);
  backups = ks_library_list (f->library, target_path, NULL, NULL);
  g_assert_nonnull (backups);
  g_assert_cmpuint (backups->len, ==, 1);
  kept = ks_library_load (f->library, g_ptr_array_index (backups, 0), NULL);
  ks_test_assert_bytes_equal (kept, theirs);
}

/* A 128 KiB Gen III save does not fit a 32 KiB cartridge save */
static void
test_a_copy_that_cannot_fit_says_why (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x11112222);
  g_autoptr(GBytes) gen3 = gen3_build (KS_GEN3_GAME_EMERALD, blocks, -1, 1);
  g_autoptr(GBytes) small = ks_test_random_bytes (32768, 7);
  g_autofree char *source_path = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(KsDevice) source = open_file (f, "emerald.sav", gen3, &source_path);
  g_autoptr(KsDevice) target = open_file (f, "small.sav", small, &target_path);
  g_autoptr(GBytes) now = NULL;

  ks_intents_copy_save (f->intents, source, first_save (source), target);
  g_assert_null (ks_intents_get_question (f->intents));
  g_assert_cmpuint (f->queued->len, ==, 0);
  g_assert_nonnull (f->message);
  g_assert_true (g_str_has_prefix (f->message, "“emerald.sav” was not copied to small.sav:\n• "));
  now = ks_test_read_file (target_path);
  ks_test_assert_bytes_equal (now, small);
  g_assert_cmpuint (n_backups (f, target_path), ==, 0);
}

static void
test_delete_asks_first (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autofree char *path = NULL;
  g_autoptr(KsDevice) device = open_file (f, "card.bin", card, &path);
  guint n_saves = g_list_model_get_n_items (ks_device_get_saves (device));
  g_autoptr(KsSaveItem) save = g_list_model_get_item (ks_device_get_saves (device), 0);
  g_autofree char *name = g_strdup (ks_save_item_get_name (save));
  g_autofree char *heading = g_strdup_printf ("Delete “%s” from card.bin?", name);
  g_autoptr(GBytes) now = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;
  KsConfirmDialog *question;

  g_assert_cmpuint (n_saves, >, 1);

  ks_intents_delete_save (f->intents, device, save);
  question = ks_intents_get_question (f->intents);
  g_assert_nonnull (question);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (question)), ==, heading);
  ks_confirm_dialog_respond (question, GTK_RESPONSE_CANCEL);
  ks_test_input_settle (50);
  g_assert_cmpuint (f->queued->len, ==, 0);
  now = ks_test_read_file (path);
  ks_test_assert_bytes_equal (now, card);
  g_clear_pointer (&now, g_bytes_unref);

  ks_intents_delete_save (f->intents, device, save);
  ks_confirm_dialog_respond (ks_intents_get_question (f->intents), GTK_RESPONSE_ACCEPT);
  g_assert_cmpuint (f->queued->len, ==, 1);
  g_assert_cmpstr (ks_job_get_title (g_ptr_array_index (f->queued, 0)), ==, "Write card.bin");
  wait_done (g_ptr_array_index (f->queued, 0));

  now = ks_test_read_file (path);
  container = ks_container_new_from_bytes (now, "card.bin", NULL, &error);
  g_assert_no_error (error);
  saves = ks_container_list (container, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saves->len, ==, n_saves - 1);
  g_assert_cmpuint (n_backups (f, path), ==, 1);
}

/* An older Keepsake kept a 128 KiB save that is not Pokémon as "gen3";
 * the stored id is checked against the bytes (DESIGN.md "The write
 * protocol"), so the restore is offered and runs */
static void
test_restore_of_an_old_gen3_backup (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) backup = ks_test_random_bytes (131072, 0x63);
  g_autoptr(GBytes) image = ks_test_random_bytes (131072, 0x64);
  g_autofree char *path = NULL;
  g_autoptr(KsDevice) target = open_file (f, "flash.sav", image, &path);
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  KsConfirmDialog *question;

  entry = ks_library_add (f->library, backup, "/dev/ttyACM0", "", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);

  ks_intents_restore_backup (f->intents, entry, target);
  g_assert_null (f->message);
  question = ks_intents_get_question (f->intents);
  g_assert_nonnull (question);
  g_assert_nonnull (ks_confirm_dialog_get_choice (question, KS_COPY_CHOICE_REPLACE));
  ks_confirm_dialog_respond (question, KS_COPY_CHOICE_REPLACE);
  g_assert_cmpuint (f->queued->len, ==, 1);
  g_assert_cmpint (ks_job_get_kind (g_ptr_array_index (f->queued, 0)), ==, KS_JOB_KIND_RESTORE);
  wait_done (g_ptr_array_index (f->queued, 0));

  now = ks_test_read_file (path);
  ks_test_assert_bytes_equal (now, backup);
  backups = ks_library_list (f->library, path, NULL, NULL);
  g_assert_nonnull (backups);
  g_assert_cmpuint (backups->len, ==, 1);
  kept = ks_library_load (f->library, g_ptr_array_index (backups, 0), NULL);
  ks_test_assert_bytes_equal (kept, image);
}

/* The trainer editor is not opened on such a backup: it says why */
static void
test_trainer_of_an_old_gen3_backup (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) backup = ks_test_random_bytes (131072, 0x66);
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(KsBackupItem) item = NULL;
  g_autoptr(GError) error = NULL;

  entry = ks_library_add (f->library, backup, "/dev/ttyACM0", "", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  item = ks_backup_item_new (entry);

  ks_intents_edit_trainer (f->intents, NULL, item);
  g_assert_cmpstr (f->message, ==,
                   "This is not a Pokémon Gen III save, so it has no trainer to edit.");
  g_assert_null (ks_intents_get_question (f->intents));
  g_assert_cmpuint (f->queued->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (!ks_test_ui_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/intents/copy/over-another-save-asks-before-any-job", Fixture, NULL,
              fixture_set_up, test_a_copy_over_another_save_asks_before_queuing,
              fixture_tear_down);
  g_test_add ("/intents/copy/that-cannot-fit-says-why-and-queues-nothing", Fixture, NULL,
              fixture_set_up, test_a_copy_that_cannot_fit_says_why, fixture_tear_down);
  g_test_add ("/intents/delete/asks-first", Fixture, NULL, fixture_set_up,
              test_delete_asks_first, fixture_tear_down);
  g_test_add ("/intents/restore/old-gen3-backup-restores", Fixture, NULL, fixture_set_up,
              test_restore_of_an_old_gen3_backup, fixture_tear_down);
  g_test_add ("/intents/trainer/old-gen3-backup-says-why", Fixture, NULL, fixture_set_up,
              test_trainer_of_an_old_gen3_backup, fixture_tear_down);

  return g_test_run ();
}
