/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-backup.c — keepsake-cli backup, restore, erase and backups
 * against the emulated reader (DESIGN.md "Command-line tool", "The write
 * protocol") */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-emulator.h"
#include "ks-test-utils.h"

static char *
use_library (const char *dir)
{
  char *library = g_build_filename (dir, "library", NULL);

  g_setenv ("KEEPSAKE_LIBRARY_DIR", library, TRUE);
  return library;
}

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static GBytes *
gen3_image (guint32 money)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_FRLG, 0x0BADF00D);
  g_autoptr(GBytes) bytes = gen3_build (KS_GEN3_GAME_FRLG, blocks, -1, 1);
  g_autoptr(KsContainer) container = NULL;
  g_autofree char *value = g_strdup_printf ("%u", money);
  g_autoptr(GError) error = NULL;
  GBytes *out;

  if (money == 0)
    return g_steal_pointer (&bytes);

  container = gen3_open (bytes);
  ks_gen3_set_trainer_field (gen3_save (container), "money", value, FALSE, &error);
  g_assert_no_error (error);
  ks_container_mark_modified (container);
  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  return out;
}

static KsTestEmulator *
gba_cart (GBytes *image)
{
  return ks_test_emulator_start (
    ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image, NULL),
    KS_LK_PROFILE_L14, NULL);
}

static void
test_backup_port_into_library (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = use_library (dir);
  g_autofree char *out_file = g_build_filename (dir, "cart.sav", NULL);
  g_autoptr(GBytes) image = gen3_image (0);
  g_autoptr(KsTestEmulator) emu = gba_cart (image);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) list_parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listed = NULL;
  g_autoptr(GBytes) written = NULL;
  JsonObject *backup;
  JsonArray *backups;

  g_assert_cmpint (ks_test_run_cli (&out, &err, "backup", ks_test_emulator_get_path (emu),
                                    "-o", out_file, "--json", NULL), ==, 0);
  backup = json_object_get_object_member (parse (parser, out), "backup");
  g_assert_cmpstr (json_object_get_string_member (backup, "reason"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (backup, "format"), ==, "gen3");
  g_assert_cmpint (json_object_get_int_member (backup, "size"), ==, 131072);
  /* progress on stderr, as plain lines when it is not a terminal; the
   * phase says how fast the link runs (a v1.4a at 1,500,000 baud) */
  g_assert_nonnull (strstr (err, "Reading the cart (1.5 Mbaud)\n"));
  g_assert_null (strstr (err, "\r"));

  written = ks_test_read_file (out_file);
  ks_test_assert_bytes_equal (written, image);

  g_assert_cmpint (ks_test_run_cli (&listed, NULL, "backups", "list", "--json", NULL), ==, 0);
  backups = json_object_get_array_member (parse (list_parser, listed), "backups");
  g_assert_cmpuint (json_array_get_length (backups), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (backups, 0), "id"),
                   ==, json_object_get_string_member (backup, "id"));
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

static void
test_restore_then_backups_restore (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = use_library (dir);
  g_autoptr(GBytes) image = gen3_image (0);
  g_autoptr(GBytes) edited = gen3_image (424242);
  g_autofree char *save = ks_test_write_file (dir, "edited.sav", edited);
  g_autoptr(KsTestEmulator) emu = gba_cart (image);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) again = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) now = NULL;
  JsonObject *result;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "restore", ks_test_emulator_get_path (emu), save,
                                    "--json", NULL), ==, 0);
  result = parse (parser, out);
  g_assert_true (json_object_get_boolean_member (result, "verified"));
  g_assert_cmpint (json_object_get_int_member (result, "sectors_erased"), >, 0);
  g_assert_cmpint (json_object_get_int_member (result, "sectors_erased"), <, 32);
  g_assert_cmpint (json_object_get_int_member (result, "bytes_programmed"), >, 0);
  g_assert_true (json_object_has_member (result, "elapsed_ms"));
  id = g_strdup (json_object_get_string_member (result, "backup_id"));
  g_assert_nonnull (id);

  /* the backup taken before the write puts the cart back */
  g_assert_cmpint (ks_test_run_cli (&out2, NULL, "backups", "restore", id,
                                    ks_test_emulator_get_path (emu), "--json", NULL), ==, 0);
  g_assert_true (json_object_get_boolean_member (parse (again, out2), "verified"));

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, image);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

static void
test_restore_file_keeps_previous_in_library (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = use_library (dir);
  g_autoptr(GBytes) image = gen3_image (0);
  g_autoptr(GBytes) edited = gen3_image (99);
  g_autofree char *target = ks_test_write_file (dir, "game.sav", image);
  g_autofree char *save = ks_test_write_file (dir, "edited.sav", edited);
  g_autofree char *bak = g_strconcat (target, ".bak", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) list_parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;
  g_autoptr(GBytes) now = NULL;
  JsonArray *backups;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "restore", target, save, "--json", NULL), ==, 0);
  g_assert_true (json_object_get_boolean_member (parse (parser, out), "verified"));
  now = ks_test_read_file (target);
  ks_test_assert_bytes_equal (now, edited);
  /* the library keeps the previous content; no NAME.bak beside the file */
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  g_assert_cmpint (ks_test_run_cli (&listed, NULL, "backups", "--json", NULL), ==, 0);
  backups = json_object_get_array_member (parse (list_parser, listed), "backups");
  g_assert_cmpuint (json_array_get_length (backups), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (backups, 0),
                                                  "reason"), ==, "before-write");
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

static void
test_restore_refuses_bad_save (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = use_library (dir);
  g_autoptr(GBytes) image = gen3_image (0);
  g_autoptr(GBytes) edited = gen3_image (7);
  gsize size = g_bytes_get_size (edited);
  guint8 *bytes = g_memdup2 (g_bytes_get_data (edited, NULL), size);
  g_autoptr(GBytes) broken = NULL;
  g_autofree char *save = NULL;
  g_autoptr(KsTestEmulator) emu = gba_cart (image);
  g_autofree char *err = NULL;
  g_autoptr(GBytes) now = NULL;

  bytes[gen3_find_section (bytes, 0, 1) * 4096 + 0x40] ^= 0x80;
  broken = g_bytes_new_take (bytes, size);
  save = ks_test_write_file (dir, "broken.sav", broken);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "restore", ks_test_emulator_get_path (emu), save,
                                    NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Nothing was written"));
  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, image);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

static void
test_erase_needs_yes (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = use_library (dir);
  g_autoptr(GBytes) image = gen3_image (0);
  g_autoptr(KsTestEmulator) emu = gba_cart (image);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GBytes) now = NULL;

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "erase", ks_test_emulator_get_path (emu), NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "erase", ks_test_emulator_get_path (emu), "--yes",
                                    NULL), ==, 0);
  g_assert_nonnull (strstr (out, "backup library"));

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  g_assert_true (ks_bytes_all (g_bytes_get_data (now, NULL), g_bytes_get_size (now), 0xFF));
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

static void
test_trainer_set_on_a_port (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = use_library (dir);
  g_autoptr(GBytes) image = gen3_image (0);
  g_autoptr(KsTestEmulator) emu = gba_cart (image);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "trainer", ks_test_emulator_get_path (emu),
                                    "--set", "money=31337", NULL), ==, 0);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "trainer", ks_test_emulator_get_path (emu),
                                    "--json", NULL), ==, 0);
  g_assert_cmpint (json_object_get_int_member (parse (parser, out), "money"), ==, 31337);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

/* The Game Boy cart on top of the Mega Memory Card, named with --cart */
static void
test_backup_cart_on_top_of_mmc (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = use_library (dir);
  g_autofree char *out_file = g_build_filename (dir, "top.sav", NULL);
  g_autoptr(GBytes) card = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x5A);
  KsEmulatedCart *top = ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, ram, NULL);
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_mmc (card, top, KS_MMC_DECODE_OSCR_COMPATIBLE),
                            KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsTestEmulator) bare =
    ks_test_emulator_start (ks_emulated_cart_new_mmc (card, NULL, KS_MMC_DECODE_OSCR_COMPATIBLE),
                            KS_LK_PROFILE_L14, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *help = NULL;
  g_autoptr(GBytes) written = NULL;
  JsonObject *backup;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "backup", "--cart", "mmc-top",
                                    ks_test_emulator_get_path (emu), "-o", out_file, "--json",
                                    NULL), ==, 0);
  backup = json_object_get_object_member (parse (parser, out), "backup");
  g_assert_cmpstr (json_object_get_string_member (backup, "format"), ==, "gb-sav");
  g_assert_cmpint (json_object_get_int_member (backup, "size"), ==, 32768);
  written = ks_test_read_file (out_file);
  ks_test_assert_bytes_equal (written, ram);

  /* nothing on top: said plainly, exit 2 */
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "backup", "--cart", "mmc-top",
                                    ks_test_emulator_get_path (bare), NULL), ==, 2);
  g_assert_nonnull (strstr (err, "No Game Boy cart with save RAM answers on top of the Mega "
                                 "Memory Card."));

  g_assert_cmpint (ks_test_run_cli (&help, NULL, "backup", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "mmc-top[:SIZE]"));
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

/* A 128 KiB flash save of a game that is not Pokémon, kept as "gen3" by
 * a Keepsake that did not yet know raw GBA saves, goes back onto its cart:
 * the stored format id is checked against the bytes (DESIGN.md "The write
 * protocol"); a truncated one is refused plainly */
static void
test_backups_restore_old_gen3_entry (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library_dir = use_library (dir);
  g_autoptr(KsLibrary) library = ks_library_new (library_dir);
  g_autoptr(GBytes) backup = ks_test_random_bytes (131072, 0x61);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (backup, 0, 100000);
  g_autoptr(GBytes) image = ks_test_random_bytes (131072, 0x62);
  g_autoptr(KsTestEmulator) emu = gba_cart (image);
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(KsBackupEntry) short_entry = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(KsBackupEntry) before = NULL;
  JsonObject *result;

  short_entry = ks_library_add (library, truncated, "/dev/ttyACM0", "", "gen3",
                                KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "backups", "restore", short_entry->id,
                                    ks_test_emulator_get_path (emu), NULL), ==, 2);
  g_test_message ("truncated: %s", err);
  g_assert_nonnull (strstr (err, "Nothing was written."));
  g_assert_nonnull (strstr (err, "100000 bytes"));
  g_clear_pointer (&err, g_free);

  entry = ks_library_add (library, backup, "/dev/ttyACM0", "", "gen3", KS_BACKUP_REASON_MANUAL,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_run_cli (&out, &err, "backups", "restore", entry->id,
                                    ks_test_emulator_get_path (emu), "--json", NULL), ==, 0);
  result = parse (parser, out);
  g_assert_true (json_object_get_boolean_member (result, "verified"));

  /* what the cart held is in the library, taken before the write */
  before = ks_library_lookup (library, json_object_get_string_member (result, "backup_id"),
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->reason, ==, KS_BACKUP_REASON_BEFORE_WRITE);
  g_assert_cmpstr (before->format_id, ==, "gba-sav");
  kept = ks_library_load (library, before, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (kept, image);

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, backup);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-backup/backup/port-into-library", test_backup_port_into_library);
  g_test_add_func ("/cli-backup/restore/port-then-backups-restore", test_restore_then_backups_restore);
  g_test_add_func ("/cli-backup/restore/file-keeps-previous-in-library",
                   test_restore_file_keeps_previous_in_library);
  g_test_add_func ("/cli-backup/restore/refuses-bad-save", test_restore_refuses_bad_save);
  g_test_add_func ("/cli-backup/backups-restore/old-gen3-entry", test_backups_restore_old_gen3_entry);
  g_test_add_func ("/cli-backup/erase/needs-yes", test_erase_needs_yes);
  g_test_add_func ("/cli-backup/trainer/set-on-a-port", test_trainer_set_on_a_port);
  g_test_add_func ("/cli-backup/backup/cart-on-top-of-mmc", test_backup_cart_on_top_of_mmc);

  return g_test_run ();
}
