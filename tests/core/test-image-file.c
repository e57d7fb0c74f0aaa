/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-image-file.c — the file write path keeps the old content, never
 * leaves a half-written file, and refuses what it must */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ks-test-utils.h"

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_replace_keeps_previous_as_bak (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) old = ks_test_bytes_from_hex ("01 02 03 04");
  g_autoptr(GBytes) new = ks_test_bytes_from_hex ("01 02 FF 04 05");
  g_autofree char *path = ks_test_write_file (dir, "game.sav", old);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autoptr(GError) error = NULL;
  KsWriteReport report = { 0 };

  g_assert_true (ks_image_file_replace (path, new, &report, &error));
  g_assert_no_error (error);

  on_disk = ks_test_read_file (path);
  ks_test_assert_bytes_equal (on_disk, new);
  g_assert_true (g_str_has_suffix (report.backup_path, "game.sav.bak"));
  backup = ks_test_read_file (report.backup_path);
  ks_test_assert_bytes_equal (backup, old);
  g_assert_cmpuint (report.bytes_written, ==, 5);
  g_assert_true (report.verified);
  /* game.sav and game.sav.bak, no temporary file left behind */
  g_assert_cmpuint (count_entries (dir), ==, 2);
  ks_write_report_clear (&report);
}

static void
test_second_edit_never_overwrites_older_backup (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) v1 = ks_test_bytes_from_hex ("11");
  g_autoptr(GBytes) v2 = ks_test_bytes_from_hex ("22");
  g_autoptr(GBytes) v3 = ks_test_bytes_from_hex ("33");
  g_autofree char *path = ks_test_write_file (dir, "a.sav", v1);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  KsWriteReport r1 = { 0 }, r2 = { 0 };

  g_assert_true (ks_image_file_replace (path, v2, &r1, NULL));
  g_assert_true (ks_image_file_replace (path, v3, &r2, NULL));
  g_assert_cmpstr (r1.backup_path, !=, r2.backup_path);
  first = ks_test_read_file (r1.backup_path);
  second = ks_test_read_file (r2.backup_path);
  ks_test_assert_bytes_equal (first, v1);
  ks_test_assert_bytes_equal (second, v2);
  ks_write_report_clear (&r1);
  ks_write_report_clear (&r2);
}

static void
test_unchanged_content_writes_nothing (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) same = ks_test_bytes_from_hex ("AA BB");
  g_autofree char *path = ks_test_write_file (dir, "same.sav", same);
  KsWriteReport report = { 0 };

  g_assert_true (ks_image_file_replace (path, same, &report, NULL));
  g_assert_cmpuint (report.bytes_written, ==, 0);
  g_assert_true (report.verified);
  ks_write_report_clear (&report);
}

static void
test_unwritable_folder_leaves_file_intact (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) old = ks_test_bytes_from_hex ("01");
  g_autoptr(GBytes) new = ks_test_bytes_from_hex ("02");
  g_autofree char *path = ks_test_write_file (dir, "ro.sav", old);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores folder permissions");
      return;
    }

  g_chmod (dir, 0555);
  g_assert_false (ks_image_file_replace (path, new, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_chmod (dir, 0755);
  on_disk = ks_test_read_file (path);
  ks_test_assert_bytes_equal (on_disk, old);
}

static void
test_load_refuses_folder_and_missing_file (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "nope.sav", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (ks_image_file_load (dir, &error));
  g_assert_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);
  g_assert_null (ks_image_file_load (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "nope.sav"));
}

static void
test_load_refuses_oversized_file (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.bin", NULL);
  g_autoptr(GError) error = NULL;
  FILE *f = fopen (path, "w");

  /* a sparse file: no disk used */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, KS_IMAGE_FILE_MAX_SIZE, SEEK_SET), ==, 0);
  fputc (0, f);
  fclose (f);

  g_assert_null (ks_image_file_load (path, &error));
  g_assert_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_TOO_LARGE);
}

static void
test_create_refuses_existing_and_unique_path_counts_up (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) one = ks_test_bytes_from_hex ("01");
  g_autofree char *path = ks_test_write_file (dir, "out.sav", one);
  g_autofree char *unique = NULL;
  g_autofree char *expected = g_build_filename (dir, "out-1.sav", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_image_file_create (path, one, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);

  unique = ks_image_file_unique_path (path);
  g_assert_cmpstr (unique, ==, expected);
  g_assert_true (ks_image_file_create (unique, one, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image-file/replace-keeps-previous-as-bak", test_replace_keeps_previous_as_bak);
  g_test_add_func ("/image-file/second-edit-never-overwrites-older-backup",
                   test_second_edit_never_overwrites_older_backup);
  g_test_add_func ("/image-file/unchanged-content-writes-nothing", test_unchanged_content_writes_nothing);
  g_test_add_func ("/image-file/unwritable-folder-leaves-file-intact",
                   test_unwritable_folder_leaves_file_intact);
  g_test_add_func ("/image-file/load-refuses-folder-and-missing-file",
                   test_load_refuses_folder_and_missing_file);
  g_test_add_func ("/image-file/load-refuses-oversized-file", test_load_refuses_oversized_file);
  g_test_add_func ("/image-file/create-refuses-existing-and-unique-path-counts-up",
                   test_create_refuses_existing_and_unique_path_counts_up);

  return g_test_run ();
}
