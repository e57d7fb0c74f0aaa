/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-saturn.c — keepsake-cli on Saturn images, .BUP files and folders:
 * the JSON keys and exit codes of DESIGN.md */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static JsonObject *
run_json (int         expected_status,
          const char *command,
          const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, &err, command, "--json", path, NULL), ==,
                   expected_status);
  return ks_test_parse_json_object (out);
}

static void
test_list_json_keys (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autofree char *path = ks_test_write_file (dir, "internal.bkr", image);
  g_autoptr(JsonObject) object = run_json (0, "list", path);
  JsonArray *saves = json_object_get_array_member (object, "saves");
  JsonObject *save;

  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "saturn-bram");
  g_assert_cmpuint (json_array_get_length (saves), ==, 1);
  save = json_array_get_object_element (saves, 0);
  g_assert_cmpint (json_object_get_int_member (save, "index"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (save, "name"), ==, "DEZA2___SYS");
  g_assert_cmpint (json_object_get_int_member (save, "size"), ==, 17);
  g_assert_cmpstr (json_object_get_string_member (save, "comment"), ==, "ﾃﾞｻﾞ2_ｼｽﾃﾑ");
  g_assert_cmpstr (json_object_get_string_member (save, "language"), ==, "ja");
  g_assert_cmpstr (json_object_get_string_member (save, "date"), ==, "2024-10-29 13:27");
  g_assert_cmpint (json_object_get_int_member (save, "blocks"), ==, 1);
  /* 509 free blocks × 58 − 30 */
  g_assert_cmpint (json_object_get_int_member (object, "free"), ==, 29492);
}

static void
test_extract_bup_or_raw_by_name (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autofree char *path = ks_test_write_file (dir, "internal.bkr", image);
  g_autofree char *bup_path = g_build_filename (dir, "DEZA.BUP", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "deza.bin", NULL);
  g_autoptr(GBytes) bup = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("1E 00 00 00 00 00 00 01 02 03 05 04"
                                                       "01 02 03 05 04");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "extract", "--json", path, "DEZA2___SYS",
                                    "-o", bup_path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 64 + 17);
  g_assert_true (json_object_get_boolean_member (object, "verified"));
  bup = ks_test_read_file (bup_path);
  g_assert_cmpmem (g_bytes_get_data (bup, NULL), 4, "Vmem", 4);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (bup, NULL) + 0x10, 11, "DEZA2___SYS", 11);

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "extract", path, "0", "-o", raw_path, NULL), ==, 0);
  raw = ks_test_read_file (raw_path);
  ks_test_assert_bytes_equal (raw, expected);
}

static void
test_insert_and_delete_keep_a_backup (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) payload = ks_test_random_bytes (2000, 4);
  g_autofree char *path = ks_test_write_file (dir, "internal.bkr", image);
  g_autofree char *save_path = ks_test_write_file (dir, "my-save.bin", payload);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) listed = NULL;
  g_autofree char *kept = NULL;
  JsonObject *written;
  JsonArray *saves;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "insert", "--json", path, save_path,
                                    "--name", "SPILL", NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  written = json_object_get_object_member (object, "written");
  g_assert_true (json_object_get_boolean_member (written, "verified"));
  ks_test_assert_kept_in_library (written, path, image);

  listed = run_json (0, "list", path);
  saves = json_object_get_array_member (listed, "saves");
  g_assert_cmpuint (json_array_get_length (saves), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saves, 1), "name"),
                   ==, "SPILL");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (saves, 1), "blocks"),
                   ==, 35);

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "delete", path, "SPILL", NULL), ==, 0);
  g_clear_pointer (&listed, json_object_unref);
  listed = run_json (0, "list", path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (listed, "saves")), ==, 1);
  /* no PATH.bak beside the card image */
  kept = g_strconcat (path, ".bak", NULL);
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));

  /* a name clash is bad input: exit 2, message, file untouched */
  {
    g_autofree char *err = NULL;
    g_autoptr(GBytes) before = ks_test_read_file (path);
    g_autoptr(GBytes) after = NULL;

    g_assert_cmpint (ks_test_run_cli (NULL, &err, "insert", path, save_path, "--name",
                                      "DEZA2___SYS", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "already here"));
    after = ks_test_read_file (path);
    ks_test_assert_bytes_equal (after, before);
  }
}

static GBytes *
ar_dump_with_dezaemon (void)
{
  g_autoptr(GBytes) partition_bytes = ks_test_saturn_ar_partition ();
  g_autoptr(KsSaturnPartition) partition = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) decoded = NULL;
  KsSaturnSaveMeta meta;

  partition = ks_saturn_partition_new (g_bytes_get_data (partition_bytes, NULL), 0x80000, 64,
                                       KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  ks_test_saturn_dezaemon (&meta, &payload);
  g_assert_true (ks_saturn_partition_write (partition, &meta, payload, NULL));
  decoded = g_bytes_new (ks_saturn_partition_get_data (partition, NULL), 0x80000);

  return ks_test_saturn_ar_dump (decoded);
}

static void
test_action_replay_insert_and_over_capacity (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) dump = ar_dump_with_dezaemon ();
  g_autoptr(GBytes) small = ks_test_random_bytes (3000, 5);
  g_autoptr(GBytes) big = ks_test_random_bytes (150 * 1024, 6);
  g_autofree char *path = ks_test_write_file (dir, "ar.bin", dump);
  g_autofree char *small_path = ks_test_write_file (dir, "small.bin", small);
  g_autofree char *big_path = ks_test_write_file (dir, "big.bin", big);
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  listed = run_json (0, "list", path);
  g_assert_cmpstr (json_object_get_string_member (listed, "format"), ==, "saturn-ar");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (listed, "saves")), ==, 1);

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "insert", path, small_path, "--name", "SMALL",
                                    NULL), ==, 0);
  g_clear_pointer (&listed, json_object_unref);
  listed = run_json (0, "list", path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (listed, "saves")), ==, 2);

  before = ks_test_read_file (path);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "insert", path, big_path, "--name", "BIG", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "bytes over"));
  after = ks_test_read_file (path);
  ks_test_assert_bytes_equal (after, before);
}

static void
test_verify_exits_1_on_a_looping_block_list (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (image), &size);
  g_autoptr(GBytes) looping = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) object = NULL;
  gboolean found = FALSE;
  JsonArray *findings;

  /* block 2 lists 3, 4, 3 … */
  memcpy (data + 0x80 + 0x22, "\x00\x03\x00\x04\x00\x03\x00\x00", 8);
  ks_write_be32 (data + 0x80 + 0x1E, 100);
  looping = g_bytes_new_take (data, size);
  path = ks_test_write_file (dir, "loop.bkr", looping);

  object = run_json (1, "verify", path);
  g_assert_false (json_object_get_boolean_member (object, "ok"));
  findings = json_object_get_array_member (object, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "code"), "saturn-block-loop"))
        {
          g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* extracting the broken save is refused with a reason */
  {
    g_autofree char *err = NULL;
    g_autofree char *out_path = g_build_filename (dir, "x.bin", NULL);

    g_assert_cmpint (ks_test_run_cli (NULL, &err, "extract", path, "0", "-o", out_path, NULL),
                     ==, 2);
    g_assert_nonnull (strstr (err, "block list is broken"));
  }
}

static void
test_gzip_bcr_and_bup_round_trip (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) gz = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                       KS_SATURN_CONTAINER_GZIP);
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autofree char *path = ks_test_write_file (dir, "cart.bcr", gz);
  g_autofree char *bup_path = ks_test_write_file (dir, "DAYTONA_.BUP", bup);
  g_autofree char *back_path = g_build_filename (dir, "back.BUP", NULL);
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) back = NULL;
  JsonObject *save;

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "insert", path, bup_path, NULL), ==, 0);
  written = ks_test_read_file (path);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (written, NULL))[0], ==, 0x1F);
  listed = run_json (0, "list", path);
  save = json_array_get_object_element (json_object_get_array_member (listed, "saves"), 0);
  g_assert_cmpstr (json_object_get_string_member (save, "name"), ==, "DAYTONA__00");
  g_assert_cmpstr (json_object_get_string_member (save, "date"), ==, "2021-03-09 18:41");
  g_assert_cmpint (json_object_get_int_member (save, "blocks"), ==, 5);

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "extract", path, "0", "-o", back_path, NULL),
                   ==, 0);
  back = ks_test_read_file (back_path);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (back, NULL) + 64, 2463,
                   (const guint8 *) g_bytes_get_data (bup, NULL) + 64, 2463);
}

static void
test_folder_of_bup_files (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "MEMCART", NULL);
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) raw = ks_test_random_bytes (500, 7);
  g_autofree char *raw_path = ks_test_write_file (dir, "racing.bin", raw);
  g_autofree char *out_path = g_build_filename (dir, "racing-out.bin", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(JsonObject) inserted = NULL;
  g_autoptr(JsonObject) verified = NULL;
  g_autoptr(GBytes) extracted = NULL;
  JsonArray *saves;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_free (ks_test_write_file (folder, "DAYTONA_.BUP", bup));

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "insert", "--json", folder, raw_path,
                                    "--name", "RACING", NULL), ==, 0);
  inserted = ks_test_parse_json_object (out);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (
                   json_object_get_object_member (inserted, "written"), "path"), "RACING.BUP"));

  listed = run_json (0, "list", folder);
  g_assert_cmpstr (json_object_get_string_member (listed, "format"), ==, "bup-folder");
  saves = json_object_get_array_member (listed, "saves");
  g_assert_cmpuint (json_array_get_length (saves), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saves, 0), "name"),
                   ==, "DAYTONA__00");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saves, 1), "name"),
                   ==, "RACING");

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "extract", folder, "RACING", "-o", out_path, NULL),
                   ==, 0);
  extracted = ks_test_read_file (out_path);
  ks_test_assert_bytes_equal (extracted, raw);

  verified = run_json (0, "verify", folder);
  g_assert_true (json_object_get_boolean_member (verified, "ok"));
}

static void
test_def_image_is_read_only_exit_2 (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) dump = ar_dump_with_dezaemon ();
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (dump), &size);
  g_autoptr(GBytes) def = NULL;
  g_autoptr(GBytes) payload = ks_test_random_bytes (10, 1);
  g_autofree char *path = NULL;
  g_autofree char *save_path = ks_test_write_file (dir, "x.bin", payload);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) info = NULL;

  memcpy (data + 0x20000, "DEF02", 5);
  def = g_bytes_new_take (data, size);
  path = ks_test_write_file (dir, "ar.bin", def);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", path, NULL), ==, 0);
  info = ks_test_parse_json_object (out);
  g_assert_true (json_object_get_boolean_member (info, "read_only"));
  g_assert_nonnull (strstr (json_object_get_string_member (info, "read_only_reason"), "DEF02"));

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "insert", path, save_path, "--name", "X", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "DEF02"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/saturn/list-json-keys", test_list_json_keys);
  g_test_add_func ("/cli/saturn/extract-bup-or-raw-by-name", test_extract_bup_or_raw_by_name);
  g_test_add_func ("/cli/saturn/insert-and-delete-keep-a-backup",
                   test_insert_and_delete_keep_a_backup);
  g_test_add_func ("/cli/saturn/action-replay-insert-and-over-capacity",
                   test_action_replay_insert_and_over_capacity);
  g_test_add_func ("/cli/saturn/verify-exits-1-on-a-looping-block-list",
                   test_verify_exits_1_on_a_looping_block_list);
  g_test_add_func ("/cli/saturn/gzip-bcr-and-bup-round-trip",
                   test_gzip_bcr_and_bup_round_trip);
  g_test_add_func ("/cli/saturn/folder-of-bup-files", test_folder_of_bup_files);
  g_test_add_func ("/cli/saturn/def-image-is-read-only-exit-2", test_def_image_is_read_only_exit_2);

  return g_test_run ();
}
