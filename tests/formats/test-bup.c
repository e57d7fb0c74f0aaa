/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-bup.c — .BUP single saves and folders of them (spec saturn.md §5, §7.9) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static void
test_daytona_header_vector_9 (void)
{
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KsBupHeader header;

  g_assert_cmpuint (g_bytes_get_size (bup), ==, 2527);
  g_assert_true (ks_bup_read_header (g_bytes_get_data (bup, NULL), 2527, &header, &error));
  g_assert_no_error (error);
  /* 0x10–0x1A; the '.' at 0x1B is junk, not part of the name */
  g_assert_cmpmem (header.meta.name, 11, "DAYTONA__00", 11);
  g_assert_cmpmem (header.meta.comment, 10, "DAYTONA   ", 10);
  g_assert_cmpuint (header.meta.language, ==, 0);
  g_assert_cmpuint (header.meta.date, ==, 0x014A8D41);
  g_assert_cmpuint (header.meta.size, ==, 2463);
  g_assert_cmpuint (header.blocks, ==, 43);
  g_assert_cmpuint (header.save_id, ==, 3);
  g_assert_cmpuint (header.payload_available, ==, 2463);

  date = ks_saturn_date_to_datetime (header.meta.date);
  text = g_date_time_format (date, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (text, ==, "2021-03-09 18:41");
}

static KsContainer *
open_bup (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_from_bytes (bytes, "SAVE.BUP", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ks_container_get_format (container)->id, ==, "bup");

  return container;
}

static void
test_format_detects_describes_verifies (void)
{
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autoptr(KsContainer) container = open_bup (bup);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = NULL, *date = NULL, *comment = NULL;

  g_assert_true (g_variant_lookup (summary, "name", "&s", &name));
  g_assert_cmpstr (name, ==, "DAYTONA__00");
  g_assert_true (g_variant_lookup (summary, "comment", "&s", &comment));
  g_assert_cmpstr (comment, ==, "DAYTONA   ");
  g_assert_true (g_variant_lookup (summary, "date", "&s", &date));
  g_assert_cmpstr (date, ==, "2021-03-09 18:41");
  g_assert_cmpuint (findings->len, ==, 0);

  /* a single save: no list, and no edits */
  g_assert_false (ks_container_has_saves (container));
  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (out, bup);
}

static GBytes *
patched (GBytes     *bytes,
         gsize       offset,
         const char *hex)
{
  g_autoptr(GBytes) patch = ks_test_bytes_from_hex (hex);
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &size);

  memcpy (data + offset, g_bytes_get_data (patch, NULL), g_bytes_get_size (patch));
  return g_bytes_new_take (data, size);
}

static void
test_junk_fields_are_tolerated (void)
{
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  /* bup_parse.py: the language in the block-size field, the date in the last 8 bytes */
  g_autoptr(GBytes) junk = patched (bup, 0x30, "00 01 FF FF 12 34 56 78 01 4A 8D 41 01 4A 8D 41");
  g_autoptr(GBytes) no_date = patched (bup, 0x28, "00 00 00 00");
  g_autoptr(KsContainer) container = open_bup (junk);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  KsBupHeader header;

  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_true (ks_bup_read_header (g_bytes_get_data (junk, NULL), 2527, &header, NULL));
  g_assert_cmpuint (header.meta.date, ==, 0x014A8D41);
  g_assert_cmpuint (header.meta.size, ==, 2463);

  /* 0x28 empty: the date at 0x34 stands in */
  g_assert_true (ks_bup_read_header (g_bytes_get_data (no_date, NULL), 2527, &header, NULL));
  g_assert_cmpuint (header.meta.date, ==, 0x014A8D41);
}

static void
test_truncated_and_trailing (void)
{
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (bup, 0, 1000);
  g_autoptr(GByteArray) longer = g_byte_array_new ();
  g_autoptr(GBytes) longer_bytes = NULL;
  g_autoptr(KsContainer) cut_container = open_bup (cut);
  g_autoptr(KsContainer) long_container = NULL;
  g_autoptr(GPtrArray) cut_findings = ks_container_verify (cut_container);
  g_autoptr(GPtrArray) long_findings = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;

  g_assert_nonnull (ks_findings_find (cut_findings, "bup-truncated"));
  g_assert_true (ks_findings_has_errors (cut_findings));
  /* a cut .BUP is not put on a device */
  g_assert_false (ks_saturn_save_import (cut, "CUT.BUP", NULL, &meta, &payload, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);

  g_byte_array_append (longer, g_bytes_get_data (bup, NULL), 2527);
  g_byte_array_append (longer, (const guint8 *) "JUNK", 4);
  longer_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
  long_container = open_bup (longer_bytes);
  long_findings = ks_container_verify (long_container);
  g_assert_nonnull (ks_findings_find (long_findings, "bup-trailing-bytes"));
  g_assert_false (ks_findings_has_errors (long_findings));
}

static void
test_not_a_bup (void)
{
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) header_cut = g_bytes_new_from_bytes (bup, 0, 40);
  g_autoptr(GBytes) random = ks_test_random_bytes (500, 3);
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;
  g_autoptr(GBytes) payload = NULL;

  g_assert_null (ks_container_new_from_bytes (header_cut, "X.BUP", "bup", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ks_container_new_from_bytes (random, "X.BUP", "bup", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  /* named .BUP but not one: refused rather than taken as a raw payload */
  g_assert_false (ks_saturn_save_import (random, "X.BUP", NULL, &meta, &payload, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
}

static void
test_build_writes_a_clean_header (void)
{
  g_autoptr(GBytes) source = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) built = NULL;
  g_autoptr(GBytes) header = NULL;
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (
    "56 6D 65 6D 00 00 00 00 00 00 00 00 00 00 00 00"
    "44 41 59 54 4F 4E 41 5F 5F 30 30 00"
    "44 41 59 54 4F 4E 41 20 20 20 00"
    "00"
    "01 4A 8D 41 00 00 09 9F"
    "00 2B 00 00 01 4A 8D 41 00 00 00 00 00 00 00 00");
  KsBupHeader parsed;

  g_assert_true (ks_bup_read_header (g_bytes_get_data (source, NULL), 2527, &parsed, NULL));
  built = ks_bup_build (&parsed.meta, (const guint8 *) g_bytes_get_data (source, NULL) + 64, 43);
  g_assert_cmpuint (g_bytes_get_size (built), ==, 2527);
  header = g_bytes_new_from_bytes (built, 0, 64);
  ks_test_assert_bytes_equal (header, expected);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (built, NULL) + 64, 2463,
                   (const guint8 *) g_bytes_get_data (source, NULL) + 64, 2463);
}

static void
test_folder_is_a_device (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) daytona = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) junk = ks_test_random_bytes (100, 1);
  g_autoptr(GBytes) raw = ks_test_random_bytes (300, 2);
  g_autoptr(KsBupFolder) folder = NULL;
  g_autoptr(KsBupFolder) reopened = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *second = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path2 = NULL;
  g_autofree char *name2 = NULL;
  KsWriteReport report = { 0 };
  guint index;

  g_free (ks_test_write_file (dir, "DAYTONA_.BUP", daytona));
  g_free (ks_test_write_file (dir, "broken.bup", junk));
  g_free (ks_test_write_file (dir, "notes.txt", junk));

  g_assert_cmpint (ks_target_kind_of (dir), ==, KS_TARGET_FOLDER);
  folder = ks_bup_folder_open (dir, &error);
  g_assert_no_error (error);
  saves = ks_bup_folder_list (folder);
  g_assert_cmpuint (saves->len, ==, 1);
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 0))->name, ==, "DAYTONA__00");
  findings = ks_bup_folder_verify (folder);
  g_assert_nonnull (ks_findings_find (findings, "bup-folder-unreadable"));
  g_assert_nonnull (strstr (((KsFinding *) g_ptr_array_index (findings, 0))->message,
                            "broken.bup"));

  /* by save name or by file name; .BUP out is the file, anything else the payload */
  g_assert_true (ks_bup_folder_find_save (folder, "DAYTONA_.BUP", &index, &error));
  g_assert_true (ks_bup_folder_find_save (folder, "DAYTONA__00", &index, &error));
  copy = ks_bup_folder_extract (folder, index, "copy.BUP", &error);
  ks_test_assert_bytes_equal (copy, daytona);
  payload = ks_bup_folder_extract (folder, index, "payload.bin", &error);
  g_assert_cmpuint (g_bytes_get_size (payload), ==, 2463);
  g_assert_false (ks_bup_folder_find_save (folder, "NOPE", &index, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* what goes in (the copy job writes it, as a new file, ks-jobs.h): a
   * raw payload becomes NAME.BUP under the name given; a .BUP goes as it
   * is, under its own name */
  written = ks_bup_folder_prepare (folder, raw, "game.bin", "MYGAME_01", &path, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "MYGAME_01.BUP");
  g_assert_cmpstr (name, ==, "MYGAME_01");
  g_assert_true (ks_bup_has_magic (g_bytes_get_data (written, NULL), g_bytes_get_size (written)));
  g_assert_cmpuint (g_bytes_get_size (written), ==, 64 + 300);
  g_clear_pointer (&written, g_bytes_unref);
  g_clear_pointer (&name, g_free);
  written = ks_bup_folder_prepare (folder, daytona, "DAYTONA_.BUP", NULL, &copied, &name, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (written, daytona);
  g_assert_cmpstr (name, ==, "DAYTONA__00");
  g_assert_true (g_str_has_suffix (copied, ".BUP"));

  /* and a file written there is one more save */
  second = g_build_filename (dir, "MYGAME_01.BUP", NULL);
  g_clear_pointer (&written, g_bytes_unref);
  written = ks_bup_folder_prepare (folder, raw, "game.bin", "MYGAME_01", &path2, &name2, &error);
  g_assert_true (ks_image_file_create (second, written, &report, &error));
  g_assert_no_error (error);
  ks_write_report_clear (&report);
  reopened = ks_bup_folder_open (dir, &error);
  g_clear_pointer (&saves, g_ptr_array_unref);
  saves = ks_bup_folder_list (reopened);
  g_assert_cmpuint (saves->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bup/daytona-header-vector-9", test_daytona_header_vector_9);
  g_test_add_func ("/bup/format-detects-describes-verifies",
                   test_format_detects_describes_verifies);
  g_test_add_func ("/bup/junk-fields-are-tolerated", test_junk_fields_are_tolerated);
  g_test_add_func ("/bup/truncated-and-trailing", test_truncated_and_trailing);
  g_test_add_func ("/bup/not-a-bup", test_not_a_bup);
  g_test_add_func ("/bup/build-writes-a-clean-header", test_build_writes_a_clean_header);
  g_test_add_func ("/bup/folder-is-a-device", test_folder_is_a_device);

  return g_test_run ();
}
