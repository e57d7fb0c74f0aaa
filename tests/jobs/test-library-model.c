/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-library-model.c — the library as a tree node: grouped by title,
 * newest first, refreshed in place (objects kept, statuses kept) */

#include "config.h"

#include "ks-test-utils.h"

typedef struct
{
  guint n_changes;
} Counter;

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Counter    *counter)
{
  counter->n_changes++;
}

static KsBackupEntry *
add (KsLibrary  *library,
     const char *title,
     guint       seed)
{
  g_autoptr(GBytes) save = ks_test_random_bytes (8192, seed);
  g_autoptr(GError) error = NULL;
  KsBackupEntry *entry;

  entry = ks_library_add (library, save, "/dev/ttyACM0", title, "gb-sav",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  /* ids are made from the time to the microsecond: keep them apart */
  g_usleep (2000);
  return entry;
}

static KsBackupGroup *
group_at (KsLibraryModel *model,
          guint           position)
{
  KsBackupGroup *group = g_list_model_get_item (ks_library_model_get_groups (model), position);

  g_object_unref (group);   /* the model keeps it */
  return group;
}

static const char *
id_at (KsBackupGroup *group,
       guint          position)
{
  g_autoptr(KsBackupItem) item = g_list_model_get_item (ks_backup_group_get_backups (group), position);

  return ks_backup_item_get_entry (item)->id;
}

static void
test_groups_by_title_newest_first (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsLibrary) library = ks_library_new (dir);
  g_autoptr(KsLibraryModel) model = ks_library_model_new (library);
  g_autoptr(KsBackupEntry) zelda_old = add (library, "ZELDA", 1);
  g_autoptr(KsBackupEntry) mario = add (library, "MARIO", 2);
  g_autoptr(KsBackupEntry) zelda_new = add (library, "ZELDA", 3);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (ks_library_model_get_groups (model)), ==, 0);
  g_assert_true (ks_library_model_refresh (model, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ks_library_model_get_n_backups (model), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ks_library_model_get_groups (model)), ==, 2);
  g_assert_cmpstr (ks_backup_group_get_title (group_at (model, 0)), ==, "MARIO");
  g_assert_cmpstr (ks_backup_group_get_title (group_at (model, 1)), ==, "ZELDA");
  g_assert_cmpstr (id_at (group_at (model, 1), 0), ==, zelda_new->id);
  g_assert_cmpstr (id_at (group_at (model, 1), 1), ==, zelda_old->id);
  g_assert_cmpstr (id_at (group_at (model, 0), 0), ==, mario->id);
}

static void
test_refresh_keeps_objects_and_status (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsLibrary) library = ks_library_new (dir);
  g_autoptr(KsLibraryModel) model = ks_library_model_new (library);
  g_autoptr(KsBackupEntry) first = add (library, "POKEMON EMER", 1);
  g_autoptr(KsBackupEntry) second = NULL;
  g_autoptr(KsBackupEntry) other = NULL;
  g_autoptr(GError) error = NULL;
  KsBackupGroup *group;
  KsBackupItem *item;
  Counter groups_changed = { 0 };

  g_assert_true (ks_library_model_refresh (model, &error));
  group = group_at (model, 0);
  item = ks_library_model_find (model, first->id);
  g_assert_nonnull (item);
  ks_backup_item_set_status (item, KS_SAVE_STATUS_OK);
  g_signal_connect (ks_library_model_get_groups (model), "items-changed",
                    G_CALLBACK (count_changes), &groups_changed);

  /* nothing new: nothing changes */
  g_assert_true (ks_library_model_refresh (model, &error));
  g_assert_cmpuint (groups_changed.n_changes, ==, 0);

  /* a newer backup of the same game lands on top of the same group; a
   * new game gets a group of its own before it ("MARIO" < "POKEMON") */
  second = add (library, "POKEMON EMER", 2);
  other = add (library, "MARIO", 3);
  g_assert_true (ks_library_model_refresh (model, &error));
  g_assert_no_error (error);
  g_assert_true (group_at (model, 1) == group);
  g_assert_cmpstr (id_at (group, 0), ==, second->id);
  g_assert_true (ks_library_model_find (model, first->id) == item);
  g_assert_cmpint (ks_backup_item_get_status (item), ==, KS_SAVE_STATUS_OK);
  g_assert_cmpuint (ks_library_model_get_n_backups (model), ==, 3);
  g_assert_cmpuint (groups_changed.n_changes, ==, 1);
}

static void
test_pruned_group_goes_away (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsLibrary) library = ks_library_new (dir);
  g_autoptr(KsLibraryModel) model = ks_library_model_new (library);
  g_autoptr(KsBackupEntry) a = add (library, "A", 1);
  g_autoptr(KsBackupEntry) b = add (library, "B", 2);
  g_autofree char *index = g_build_filename (dir, "index.ini", NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_library_model_refresh (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (ks_library_model_get_groups (model)), ==, 2);

  /* "B" leaves the index (as a prune of a whole source would) */
  g_assert_true (g_key_file_load_from_file (keys, index, G_KEY_FILE_KEEP_COMMENTS, &error));
  g_assert_true (g_key_file_remove_group (keys, b->id, &error));
  g_assert_true (g_key_file_save_to_file (keys, index, &error));

  g_assert_true (ks_library_model_refresh (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ks_library_model_get_groups (model)), ==, 1);
  g_assert_cmpstr (ks_backup_group_get_title (group_at (model, 0)), ==, "A");
  g_assert_null (ks_library_model_find (model, b->id));
  g_assert_cmpuint (ks_library_model_get_n_backups (model), ==, 1);
}

static void
test_empty_library_is_empty (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "not-yet", NULL);
  g_autoptr(KsLibrary) library = ks_library_new (missing);
  g_autoptr(KsLibraryModel) model = ks_library_model_new (library);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_library_model_refresh (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ks_library_model_get_n_backups (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ks_library_model_get_groups (model)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library-model/groups-by-title-newest-first", test_groups_by_title_newest_first);
  g_test_add_func ("/library-model/refresh-keeps-objects-and-status", test_refresh_keeps_objects_and_status);
  g_test_add_func ("/library-model/pruned-group-goes-away", test_pruned_group_goes_away);
  g_test_add_func ("/library-model/empty-library-is-empty", test_empty_library_is_empty);

  return g_test_run ();
}
