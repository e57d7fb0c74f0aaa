/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-library.c — the backup library: stored once by SHA-256, indexed,
 * listed newest first, checked on load, pruned without losing the last copy */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

static KsLibrary *
new_library (char **dir)
{
  *dir = ks_test_make_tmpdir ();
  return ks_library_new (*dir);
}

static void
test_add_stores_content_once (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KsLibrary) library = new_library (&dir);
  g_autoptr(GBytes) save = ks_test_random_bytes (8192, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsBackupEntry) first = NULL;
  g_autoptr(KsBackupEntry) second = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *sha = ks_sha256_hex (save);
  g_autofree char *prefix = g_strndup (sha, 2);
  g_autofree char *name = g_strconcat (sha, ".bin", NULL);
  g_autofree char *object = g_build_filename (dir, "objects", prefix, name, NULL);
  g_autoptr(GDir) objects = NULL;
  guint n_objects = 0;

  first = ks_library_add (library, save, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  second = ks_library_add (library, save, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                           KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);

  /* two manual backups: two entries, one object */
  g_assert_cmpstr (first->sha256, ==, sha);
  g_assert_cmpstr (first->id, !=, second->id);
  g_assert_true (g_file_test (object, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *objects_dir = g_build_filename (dir, "objects", prefix, NULL);

    objects = g_dir_open (objects_dir, 0, NULL);
    while (g_dir_read_name (objects) != NULL)
      n_objects++;
  }
  g_assert_cmpuint (n_objects, ==, 1);

  entries = ks_library_list (library, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((KsBackupEntry *) entries->pdata[0])->id, ==, second->id);
  g_assert_cmpuint (((KsBackupEntry *) entries->pdata[0])->size, ==, 8192);
  g_assert_cmpstr (((KsBackupEntry *) entries->pdata[0])->format_id, ==, "gen3");
}

static void
test_before_write_is_not_stored_twice (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KsLibrary) library = new_library (&dir);
  g_autoptr(GBytes) save = ks_test_random_bytes (256, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsBackupEntry) a = NULL;
  g_autoptr(KsBackupEntry) b = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  a = ks_library_add (library, save, "a.sav", "a.sav", NULL, KS_BACKUP_REASON_BEFORE_WRITE,
                      &error);
  g_assert_no_error (error);
  b = ks_library_add (library, save, "a.sav", "a.sav", NULL, KS_BACKUP_REASON_BEFORE_WRITE,
                      &error);
  g_assert_no_error (error);

  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpint (b->reason, ==, KS_BACKUP_REASON_BEFORE_WRITE);
  entries = ks_library_list (library, "a.sav", NULL, &error);
  g_assert_cmpuint (entries->len, ==, 1);
}

static void
test_lookup_by_prefix_and_load (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KsLibrary) library = new_library (&dir);
  g_autoptr(GBytes) save = ks_test_random_bytes (1000, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsBackupEntry) added = NULL;
  g_autoptr(KsBackupEntry) found = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autofree char *prefix = NULL;

  added = ks_library_add (library, save, "x", "X", NULL, KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  prefix = g_strndup (added->id, strlen (added->id) - 3);

  found = ks_library_lookup (library, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->id, ==, added->id);

  loaded = ks_library_load (library, found, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (loaded, save);

  g_assert_null (ks_library_lookup (library, "19990101", &error));
  g_assert_error (error, KS_LIBRARY_ERROR, KS_LIBRARY_ERROR_NOT_FOUND);
}

static void
test_load_refuses_damaged_object (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KsLibrary) library = new_library (&dir);
  g_autoptr(GBytes) save = ks_test_random_bytes (64, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) loaded = NULL;

  entry = ks_library_add (library, save, "x", "X", NULL, KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  prefix = g_strndup (entry->sha256, 2);
  name = g_strconcat (entry->sha256, ".bin", NULL);
  path = g_build_filename (dir, "objects", prefix, name, NULL);
  g_assert_true (g_file_set_contents (path, "tampered", -1, NULL));

  loaded = ks_library_load (library, entry, &error);
  g_assert_null (loaded);
  g_assert_error (error, KS_LIBRARY_ERROR, KS_LIBRARY_ERROR_DAMAGED);
}

static void
test_prune_keeps_newest_per_save (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KsLibrary) library = new_library (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autofree char *newest = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GBytes) save = ks_test_random_bytes (32, 10 + i);
      g_autoptr(KsBackupEntry) entry =
        ks_library_add (library, save, "port", "GAME", NULL, KS_BACKUP_REASON_MANUAL, &error);

      g_assert_no_error (error);
      g_free (newest);
      newest = g_strdup (entry->id);
    }
  {
    g_autoptr(GBytes) save = ks_test_random_bytes (32, 99);
    g_autoptr(KsBackupEntry) entry =
      ks_library_add (library, save, "port", "OTHER", NULL, KS_BACKUP_REASON_MANUAL, &error);

    g_assert_no_error (error);
  }

  /* keep 2 per save: two of GAME's four go; OTHER's only copy stays */
  g_assert_cmpint (ks_library_prune (library, 0, 2, &error), ==, 2);
  g_assert_no_error (error);
  left = ks_library_list (library, NULL, "GAME", &error);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_cmpstr (((KsBackupEntry *) left->pdata[0])->id, ==, newest);

  /* by age: everything is older than 1 µs, but the newest copy of each stays */
  g_assert_cmpint (ks_library_prune (library, 1, 0, &error), ==, 1);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = ks_library_list (library, NULL, "GAME", &error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (((KsBackupEntry *) left->pdata[0])->id, ==, newest);
  other = ks_library_list (library, NULL, "OTHER", &error);
  g_assert_cmpuint (other->len, ==, 1);

  /* the newest one still loads: its object was not removed */
  {
    g_autoptr(GBytes) bytes = ks_library_load (library, left->pdata[0], &error);

    g_assert_no_error (error);
    g_assert_nonnull (bytes);
  }
}

static void
test_index_written_without_bak (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KsLibrary) library = new_library (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *bak = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) save = ks_test_random_bytes (16, 20 + i);
      g_autoptr(KsBackupEntry) entry =
        ks_library_add (library, save, "p", "t", NULL, KS_BACKUP_REASON_MANUAL, &error);

      g_assert_no_error (error);
    }

  bak = g_build_filename (dir, "index.ini.bak", NULL);
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
}

typedef struct
{
  const char *dir;
  guint       seed;
} Writer;

static gpointer
add_ten (gpointer data)
{
  Writer *w = data;
  g_autoptr(KsLibrary) library = ks_library_new (w->dir);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GBytes) save = ks_test_random_bytes (64, w->seed + i);
      g_autoptr(GError) error = NULL;
      g_autoptr(KsBackupEntry) entry =
        ks_library_add (library, save, "p", "t", NULL, KS_BACKUP_REASON_MANUAL, &error);

      g_assert_no_error (error);
    }
  return NULL;
}

/* two Keepsake processes (here: two library objects, each with its own
 * lock) adding at once lose no entry */
/* One answer to "where is the library?" for the window and keepsake-cli:
 * the Preferences folder, else $KEEPSAKE_LIBRARY_DIR, else the XDG one */
static void
test_find_path_settings_then_environment_then_default (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *saved_env = g_strdup (g_getenv ("KEEPSAKE_LIBRARY_DIR"));
  g_autofree char *fallback = ks_library_default_path ();
  g_autofree char *found = NULL;

  g_settings_set_string (settings, "backup-folder", "/srv/saves/library");
  g_setenv ("KEEPSAKE_LIBRARY_DIR", "/tmp/from-environment", TRUE);
  found = ks_library_find_path (settings);
  g_assert_cmpstr (found, ==, "/srv/saves/library");
  g_free (found);
  /* keepsake-cli passes no settings: the app's schema is looked up */
  found = ks_library_find_path (NULL);
  g_assert_cmpstr (found, ==, "/srv/saves/library");
  g_free (found);

  g_settings_reset (settings, "backup-folder");
  found = ks_library_find_path (NULL);
  g_assert_cmpstr (found, ==, "/tmp/from-environment");
  g_free (found);

  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
  found = ks_library_find_path (settings);
  g_assert_cmpstr (found, ==, fallback);

  if (saved_env != NULL)
    g_setenv ("KEEPSAKE_LIBRARY_DIR", saved_env, TRUE);
}

static void
test_concurrent_writers_lose_nothing (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsLibrary) library = ks_library_new (dir);
  Writer a = { dir, 100 }, b = { dir, 200 };
  GThread *ta = g_thread_new ("a", add_ten, &a);
  GThread *tb = g_thread_new ("b", add_ten, &b);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_thread_join (ta);
  g_thread_join (tb);
  entries = ks_library_list (library, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 20);
}

/* gen3.md §3.5: a backup tells what changed since the one before it of the
 * same cart: field by field for a Pokémon save, else whether the bytes did */
static void
test_describe_changes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KsLibrary) library = new_library (&dir);
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x05A81CBB);
  g_autoptr(GBytes) before = gen3_build (KS_GEN3_GAME_EMERALD, blocks, -1, 1);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(KsContainer) container = gen3_open (before);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsBackupEntry) first = NULL;
  g_autoptr(KsBackupEntry) second = NULL;
  g_autoptr(KsBackupEntry) third = NULL;
  g_autoptr(KsBackupEntry) other = NULL;
  g_autoptr(KsBackupEntry) other_changed = NULL;
  g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 5);
  g_autoptr(GBytes) sram_changed = ks_test_random_bytes (8192, 6);
  g_autofree char *when = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  /* the test trainer's 3000 money becomes 5000 */
  g_assert_true (ks_gen3_set_trainer_field (gen3_save (container), "money", "5000", FALSE, &error));
  after = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  first = ks_library_add (library, before, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_usleep (2000);
  second = ks_library_add (library, after, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                           KS_BACKUP_REASON_BEFORE_WRITE, &error);
  g_usleep (2000);
  third = ks_library_add (library, after, "/dev/ttyACM0", "POKEMON EMER", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_usleep (2000);
  other = ks_library_add (library, sram, "/dev/ttyACM1", "", "", KS_BACKUP_REASON_MANUAL, &error);
  g_usleep (2000);
  other_changed = ks_library_add (library, sram_changed, "/dev/ttyACM1", "", "",
                                  KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);

  /* the first backup of a cart has nothing to compare with */
  g_assert_null (ks_library_describe_changes (library, first, &error));
  g_assert_no_error (error);

  when = ks_backup_entry_dup_when (first);
  expected = g_strdup_printf ("Since the backup of %s: money 3000 → 5000.", when);
  text = ks_library_describe_changes (library, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&when, g_free);
  g_clear_pointer (&expected, g_free);

  when = ks_backup_entry_dup_when (second);
  expected = g_strdup_printf ("The same bytes as the backup of %s.", when);
  text = ks_library_describe_changes (library, third, &error);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&when, g_free);
  g_clear_pointer (&expected, g_free);

  /* untitled backups are compared by source; a raw save only by bytes */
  when = ks_backup_entry_dup_when (other);
  expected = g_strdup_printf ("The bytes differ from the backup of %s; Keepsake compares fields "
                              "only in Pokémon saves.", when);
  text = ks_library_describe_changes (library, other_changed, &error);
  g_assert_cmpstr (text, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  /* plain digits: the C locale groups no thousands */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/add/content-stored-once-by-sha256", test_add_stores_content_once);
  g_test_add_func ("/library/add/before-write-not-stored-twice", test_before_write_is_not_stored_twice);
  g_test_add_func ("/library/lookup/prefix-and-load", test_lookup_by_prefix_and_load);
  g_test_add_func ("/library/load/refuses-damaged-object", test_load_refuses_damaged_object);
  g_test_add_func ("/library/prune/keeps-newest-per-save", test_prune_keeps_newest_per_save);
  g_test_add_func ("/library/index/no-bak-files", test_index_written_without_bak);
  g_test_add_func ("/library/find-path/settings-then-environment-then-default",
                   test_find_path_settings_then_environment_then_default);
  g_test_add_func ("/library/index/concurrent-writers-lose-nothing",
                   test_concurrent_writers_lose_nothing);
  g_test_add_func ("/library/describe-changes/since-the-previous-backup", test_describe_changes);

  return g_test_run ();
}
