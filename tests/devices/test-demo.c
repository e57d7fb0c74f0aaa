/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-demo.c — the demo's images verify clean with their own formats, and
 * its two emulated readers hand back exactly those images through the real
 * LK driver on their ptys (DESIGN.md, "The GTK application": the demo) */

#include "config.h"

#include <glib/gstdio.h>

#include "ks-test-utils.h"

static KsContainer *
open_clean (const char *path,
            const char *format_id)
{
  g_autoptr(GBytes) bytes = ks_test_read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) container = ks_container_new_from_bytes (bytes, NULL, NULL, &error);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ks_container_get_format (container)->id, ==, format_id);
  findings = ks_container_verify (container);
  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      g_test_message ("%s: %s %s", path, finding->code, finding->message);
      g_assert_cmpint (finding->severity, <, KS_SEVERITY_WARNING);
    }

  return g_steal_pointer (&container);
}

static guint
n_saves (KsContainer *container)
{
  g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);

  return saves->len;
}

static void
test_images_verify_clean (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *demo_dir = g_build_filename (dir, "demo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDemo) demo = ks_demo_start (demo_dir, &error);
  g_autoptr(KsContainer) gen3 = NULL;
  g_autoptr(KsContainer) mmc = NULL;
  g_autoptr(KsContainer) gb = NULL;
  g_autoptr(KsContainer) saturn = NULL;
  g_autoptr(KsBupFolder) folder = NULL;
  g_autoptr(GPtrArray) folder_saves = NULL;
  g_autoptr(GPtrArray) folder_findings = NULL;
  g_autoptr(GBytes) gb_bytes = NULL;
  g_auto(KsGen3Trainer) trainer = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (demo);

  gen3 = open_clean (ks_demo_get_gen3_path (demo), "gen3");
  g_assert_true (ks_gen3_get_trainer (ks_container_get_impl (gen3), &trainer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trainer.name, ==, KS_DEMO_TRAINER_NAME);
  g_assert_cmpuint (trainer.tid, ==, KS_DEMO_TRAINER_TID);
  g_assert_cmpuint (trainer.sid, ==, KS_DEMO_TRAINER_SID);
  g_assert_cmpuint (g_bytes_get_size (ks_container_get_original (gen3)), ==, 128 * 1024);

  mmc = open_clean (ks_demo_get_mmc_path (demo), "mmc");
  g_assert_cmpuint (n_saves (mmc), ==, KS_DEMO_MMC_SAVES);
  g_assert_cmpuint (g_bytes_get_size (ks_container_get_original (mmc)), ==, KS_MMC_IMAGE_SIZE);

  gb_bytes = ks_test_read_file (ks_demo_get_gb_path (demo));
  g_assert_cmpuint (g_bytes_get_size (gb_bytes), ==, 32 * 1024);
  gb = ks_container_new_from_bytes (gb_bytes, KS_DEMO_GB_FILE, "gb-sav", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) findings = ks_container_verify (gb);

    g_assert_false (ks_findings_has_errors (findings));
  }

  saturn = open_clean (ks_demo_get_saturn_path (demo), "saturn-bram");
  g_assert_cmpuint (n_saves (saturn), ==, 3);

  folder = ks_bup_folder_open (ks_demo_get_bup_folder (demo), &error);
  g_assert_no_error (error);
  folder_saves = ks_bup_folder_list (folder);
  g_assert_cmpuint (folder_saves->len, ==, 2);
  folder_findings = ks_bup_folder_verify (folder);
  g_assert_false (ks_findings_has_errors (folder_findings));
  g_assert_cmpuint (ks_findings_count (folder_findings, KS_SEVERITY_WARNING), ==, 0);

  g_assert_true (ks_demo_stop (demo, &error));
  g_assert_no_error (error);
}

static GBytes *
read_through_reader (const char *port,
                     KsCartKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsLkReader) reader = ks_lk_reader_open (port, &error);
  g_autofree char *name = NULL;
  KsCartInfo info = { 0 };
  GBytes *bytes;

  g_assert_no_error (error);
  name = ks_lk_reader_dup_device_name (reader);
  g_assert_cmpstr (name, ==, "GBxCart RW v1.4a");

  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, kind);

  bytes = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ks_cart_info_clear (&info);
  ks_lk_reader_close (reader);

  return bytes;
}

static void
test_readers_serve_the_images (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDemo) demo = ks_demo_start (dir, &error);
  g_autoptr(GBytes) gen3 = NULL;
  g_autoptr(GBytes) gen3_read = NULL;
  g_autoptr(GBytes) mmc = NULL;
  g_autoptr(GBytes) mmc_read = NULL;
  g_autoptr(GBytes) eeprom = NULL;
  g_autoptr(GBytes) eeprom_read = NULL;

  g_assert_no_error (error);
  g_assert_true (ks_serial_port_is_pty (ks_demo_get_gba_port (demo)));
  g_assert_true (ks_serial_port_is_pty (ks_demo_get_mmc_port (demo)));

  gen3 = ks_test_read_file (ks_demo_get_gen3_path (demo));
  gen3_read = read_through_reader (ks_demo_get_gba_port (demo), KS_CART_GBA_FLASH);
  ks_test_assert_bytes_equal (gen3_read, gen3);

  mmc = ks_test_read_file (ks_demo_get_mmc_path (demo));
  mmc_read = read_through_reader (ks_demo_get_mmc_port (demo), KS_CART_MMC);
  ks_test_assert_bytes_equal (mmc_read, mmc);

  /* save-chips.md §1: the third reader's cart has an 8 KiB EEPROM */
  g_assert_true (ks_serial_port_is_pty (ks_demo_get_eeprom_port (demo)));
  eeprom = ks_test_read_file (ks_demo_get_eeprom_path (demo));
  g_assert_cmpuint (g_bytes_get_size (eeprom), ==, 8192);
  eeprom_read = read_through_reader (ks_demo_get_eeprom_port (demo), KS_CART_GBA_EEPROM);
  /* §3.4: and its clock, in mGBA's footer after the save */
  g_assert_cmpuint (g_bytes_get_size (eeprom_read), ==, 8192 + 16);
  g_assert_cmpmem (g_bytes_get_data (eeprom_read, NULL), 8192, g_bytes_get_data (eeprom, NULL),
                   8192);

  /* reading changes nothing, so stopping writes nothing back */
  g_assert_true (ks_demo_stop (demo, &error));
  g_assert_no_error (error);
  {
    g_autofree char *bak = g_strconcat (ks_demo_get_gen3_path (demo), ".bak", NULL);

    g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  }
}

static void
test_restart_empties_its_own_folder (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDemo) first = ks_demo_start (dir, &error);
  g_autoptr(KsDemo) second = NULL;
  g_autofree char *stray = g_build_filename (dir, "stray.txt", NULL);

  g_assert_no_error (error);
  g_clear_pointer (&first, ks_demo_free);
  g_assert_true (g_file_set_contents (stray, "x", 1, NULL));

  second = ks_demo_start (dir, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (ks_demo_get_gen3_path (second), G_FILE_TEST_IS_REGULAR));
}

static void
test_refuses_a_foreign_folder (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *own = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDemo) demo = NULL;

  g_assert_true (g_file_set_contents (own, "mine", 4, NULL));
  demo = ks_demo_start (dir, &error);
  g_assert_null (demo);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_assert_true (g_file_test (own, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/images-verify-clean", test_images_verify_clean);
  g_test_add_func ("/demo/readers-serve-the-images", test_readers_serve_the_images);
  g_test_add_func ("/demo/restart-empties-its-own-folder", test_restart_empties_its_own_folder);
  g_test_add_func ("/demo/refuses-a-foreign-folder", test_refuses_a_foreign_folder);

  return g_test_run ();
}
