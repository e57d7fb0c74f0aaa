/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-mmc.c — keepsake-cli on Mega Memory Card images and GB .sav
 * files: JSON keys (DESIGN.md "Command-line tool"), exit codes 0/1/2,
 * the backup library copy kept by every write */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ks-test-utils.h"
#include "mmc-builder.h"

static char *
write_card (const char *dir,
            const char *name,
            GBytes     *image)
{
  return ks_test_write_file (dir, name, image);
}

static void
test_list_json_keys (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autofree char *card = write_card (dir, "SaveData.bin", image);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *saves;
  JsonObject *save;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "list", "--json", card, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "mmc");
  g_assert_cmpint (json_object_get_int_member (object, "free"), ==, (2032 - 4) * 256);
  saves = json_object_get_array_member (object, "saves");
  g_assert_cmpuint (json_array_get_length (saves), ==, 2);

  save = json_array_get_object_element (saves, 0);
  g_assert_cmpint (json_object_get_int_member (save, "index"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (save, "name"), ==, "ZELDA DX");
  g_assert_cmpint (json_object_get_int_member (save, "size"), ==, 8192);
  g_assert_cmpint (json_object_get_int_member (save, "blocks"), ==, 1);

  save = json_array_get_object_element (saves, 1);
  g_assert_cmpint (json_object_get_int_member (save, "index"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (save, "name"), ==, "POKEMON RED");
  g_assert_cmpint (json_object_get_int_member (save, "size"), ==, 32768);
  g_assert_cmpint (json_object_get_int_member (save, "blocks"), ==, 3);

  /* the plain listing too */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "list", card, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "POKEMON RED"));
  g_assert_nonnull (strstr (out, "3 blocks"));
}

static void
test_info_describes_the_card (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autofree char *card = write_card (dir, "card.bin", image);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", card, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "mmc");
  g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "GB");
  g_assert_cmpint (json_object_get_int_member (object, "saves"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "checksum"), ==, "0xAD");
  g_assert_true (json_object_get_boolean_member (object, "checksum_ok"));
  g_assert_cmpint (json_object_get_int_member (object, "errors"), ==, 0);
}

static void
test_extract_writes_plain_sav (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autofree char *card = write_card (dir, "card.bin", image);
  g_autofree char *target = g_build_filename (dir, "red.sav", NULL);
  g_autofree char *default_target = g_build_filename (dir, "ZELDA DX.sav", NULL);
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) written_default = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *out = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  /* by name, to a chosen file */
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "extract", "--json", card, "POKEMON RED",
                                    "-o", target, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "index"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, target);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 32768);
  g_assert_true (json_object_get_boolean_member (object, "verified"));
  written = ks_test_read_file (target);
  ks_test_assert_bytes_equal (written, pokemon);

  /* by index, to the default name "ZELDA DX.sav" (run inside @dir) */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "extract", card, "0", NULL), ==, 0);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  written_default = ks_test_read_file (default_target);
  ks_test_assert_bytes_equal (written_default, zelda);
}

static void
test_insert_keeps_backup_and_names_from_file (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_mmc_new_formatted_image ();
  g_autofree char *card = write_card (dir, "card.bin", image);
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autofree char *zelda_path = ks_test_write_file (dir, "Zelda DX.sav", zelda);
  g_autofree char *pokemon_path = ks_test_write_file (dir, "red.sav", pokemon);
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GBytes) expected = ks_test_mmc_worked_example ();
  g_autoptr(JsonObject) object = NULL;
  JsonObject *written;
  g_autofree char *out = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "insert", "--json", card, zelda_path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "inserted"), ==, "Zelda DX.sav");
  written = json_object_get_object_member (object, "written");
  g_assert_cmpstr (json_object_get_string_member (written, "path"), ==, card);
  g_assert_cmpint (json_object_get_int_member (written, "bytes_written"), ==, 524288);
  g_assert_true (json_object_get_boolean_member (written, "verified"));

  /* the previous content is kept in the backup library, not beside the card */
  ks_test_assert_kept_in_library (written, card, image);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "insert", card, pokemon_path,
                                    "--name", "pokemon red", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "backup library"));

  /* the mega-memory-card.md §8 worked example, through the command line */
  result = ks_test_read_file (card);
  ks_test_assert_bytes_equal (result, expected);
}

static void
test_insert_refusals_exit_2 (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) filled = NULL;
  g_autofree char *card = NULL;
  g_autoptr(GBytes) mbc2 = ks_test_random_bytes (512, 1);
  g_autofree char *mbc2_path = ks_test_write_file (dir, "mbc2.sav", mbc2);
  g_autoptr(GBytes) big = ks_test_random_bytes (131072, 103);
  g_autofree char *big_path = ks_test_write_file (dir, "big.sav", big);
  g_autoptr(GBytes) small = ks_test_mmc_zelda_sram ();
  g_autofree char *small_path = ks_test_write_file (dir, "small.sav", small);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *err = NULL;

  /* three incompressible 128 KiB saves leave 484 blocks free */
  filled = g_bytes_ref (image);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) save = ks_test_random_bytes (131072, 100 + i);
      GBytes *next = ks_test_mmc_insert (filled, save, "BIG");

      g_bytes_unref (filled);
      filled = next;
    }
  card = write_card (dir, "card.bin", filled);
  before = ks_test_read_file (card);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "insert", card, big_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "needs 516 blocks, only 484 free (32 missing)"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "insert", card, mbc2_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "MBC2"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "insert", card, small_path,
                                    "--name", "BAD_NAME", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“_”"));
  g_clear_pointer (&err, g_free);

  /* nothing was written */
  after = ks_test_read_file (card);
  ks_test_assert_bytes_equal (after, before);
}

static void
test_delete_renumbers (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autofree char *card = write_card (dir, "card.bin", image);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GBytes) kept = NULL;
  JsonArray *saves;
  const guint8 *data;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "delete", "--json", card, "ZELDA DX", NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "deleted"), ==, 0);
  g_assert_true (json_object_has_member (object, "written"));
  ks_test_assert_kept_in_library (json_object_get_object_member (object, "written"), card, image);

  result = ks_test_read_file (card);
  data = g_bytes_get_data (result, NULL);
  g_assert_cmpuint (data[0x7F000], ==, 0x00);
  g_assert_cmpuint (data[0x7F001], ==, 0x01);
  g_assert_cmpuint (data[0x7F7F0], ==, 0xFE);
  g_assert_cmpuint (data[0x7FF00], ==, 0x01);
  g_assert_cmpuint (data[0x7FFFF], ==, 0xAC);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "list", "--json", card, NULL), ==, 0);
  listed = ks_test_parse_json_object (out);
  saves = json_object_get_array_member (listed, "saves");
  g_assert_cmpuint (json_array_get_length (saves), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saves, 0), "name"),
                   ==, "POKEMON RED");

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "delete", card, "5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no save"));
}

static void
test_verify_exit_codes (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) good = ks_test_mmc_worked_example ();
  g_autofree char *good_path = write_card (dir, "good.bin", good);
  guint8 *bad = g_memdup2 (g_bytes_get_data (good, NULL), 524288);
  g_autoptr(GBytes) bad_bytes = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(GBytes) erased = g_bytes_new_take (memset (g_malloc (524288), 0xFF, 524288), 524288);
  g_autofree char *erased_path = write_card (dir, "erased.bin", erased);
  g_autoptr(GBytes) short_image = g_bytes_new_take (g_malloc0 (524287), 524287);
  g_autofree char *short_path = write_card (dir, "short.bin", short_image);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) bad_object = NULL;
  g_autoptr(JsonObject) erased_object = NULL;
  JsonArray *findings;
  gboolean found = FALSE;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--json", good_path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "mmc");
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  findings = json_object_get_array_member (object, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 0);

  bad[0x7FFFF] = 0x00;
  bad_bytes = g_bytes_new_take (bad, 524288);
  bad_path = write_card (dir, "bad.bin", bad_bytes);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--json", "--format", "mmc",
                                    bad_path, NULL), ==, 1);
  bad_object = ks_test_parse_json_object (out);
  g_assert_false (json_object_get_boolean_member (bad_object, "ok"));
  findings = json_object_get_array_member (bad_object, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "code"), "mmc-header-checksum"))
        {
          g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
          g_assert_nonnull (strstr (json_object_get_string_member (finding, "message"), "0xAD"));
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* an erased card is a warning, not an error */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--json", erased_path, NULL), ==, 0);
  erased_object = ks_test_parse_json_object (out);
  g_assert_true (json_object_get_boolean_member (erased_object, "ok"));
  g_assert_nonnull (strstr (out, "mmc-erased"));

  /* a wrong size read as a card: bad input */
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "verify", "--format", "mmc", short_path, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "524,288"));
}

static void
test_gb_sav_files (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) sav = ks_test_random_bytes (32768 + 48, 9);
  g_autofree char *path = ks_test_write_file (dir, "Gold.sav", sav);
  g_autoptr(GBytes) odd = ks_test_random_bytes (24576, 9);
  g_autofree char *odd_path = ks_test_write_file (dir, "odd.sav", odd);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(JsonObject) verify = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", path, NULL), ==, 0);
  info = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (info, "format"), ==, "gb-sav");
  g_assert_cmpstr (json_object_get_string_member (info, "platform"), ==, "GB");
  g_assert_cmpint (json_object_get_int_member (info, "ram_size"), ==, 32768);
  g_assert_cmpint (json_object_get_int_member (info, "rtc_footer"), ==, 48);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--json", path, NULL), ==, 0);
  verify = ks_test_parse_json_object (out);
  g_assert_true (json_object_get_boolean_member (verify, "ok"));
  g_assert_nonnull (strstr (out, "gb-sav-rtc-footer"));

  /* a single save: listed as one, number 0, as the window shows it */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, &err, "list", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  0  Gold.sav"));
  g_assert_nonnull (strstr (out, "32816"));
  g_clear_pointer (&err, g_free);

  /* an odd size read as a GB save: verify finds the error */
  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "verify", "--format", "gb-sav", odd_path, NULL),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/mmc/list-json-keys", test_list_json_keys);
  g_test_add_func ("/cli/mmc/info-describes-the-card", test_info_describes_the_card);
  g_test_add_func ("/cli/mmc/extract-writes-plain-sav", test_extract_writes_plain_sav);
  g_test_add_func ("/cli/mmc/insert-keeps-backup-and-names-from-file",
                   test_insert_keeps_backup_and_names_from_file);
  g_test_add_func ("/cli/mmc/insert-refusals-exit-2", test_insert_refusals_exit_2);
  g_test_add_func ("/cli/mmc/delete-renumbers", test_delete_renumbers);
  g_test_add_func ("/cli/mmc/verify-exit-codes", test_verify_exit_codes);
  g_test_add_func ("/cli/mmc/gb-sav-files", test_gb_sav_files);

  return g_test_run ();
}
