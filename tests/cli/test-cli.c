/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli.c — keepsake-cli as a user runs it: exit codes, messages, JSON */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ks-test-utils.h"

static void
test_version_prints_version (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "keepsake-cli " PACKAGE_VERSION "\n");
}

static void
test_info_unrecognised_reports_size_and_sha256 (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) bytes = ks_test_bytes_from_hex ("00 01 02 03 04 05 06 07");
  g_autofree char *path = ks_test_write_file (dir, "mystery.bin", bytes);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;

  /* the facts, and exit status 2: unrecognised data is bad input */
  g_assert_cmpint (ks_test_run_cli (&out, &err, "info", "--json", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not recognised"));
  g_assert_nonnull (strstr (err, "--format"));
  object = ks_test_parse_json_object (out);
  g_assert_true (json_object_get_null_member (object, "format"));
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 8);
  /* sha256sum of 00 01 02 03 04 05 06 07 */
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==,
                   "8a851ff82ee7048ad09ec3847f1ddf44944104d2cbd17ef4e3db22c6785a0d45");

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", path, NULL), ==, 2);
  g_assert_nonnull (strstr (out, "not recognised"));
  g_assert_nonnull (strstr (out, "8a851ff82ee7048ad09ec3847f1ddf44944104d2cbd17ef4e3db22c6785a0d45"));
}

static void
test_info_empty_file (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree char *path = ks_test_write_file (dir, "empty.sav", empty);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;

  /* nothing in it is a format: the facts, and exit status 2 */
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", path, NULL), ==, 2);
  object = ks_test_parse_json_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_bad_input_exits_2_with_message (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.sav", NULL);
  g_autoptr(GBytes) bytes = ks_test_random_bytes (4096, 3);
  g_autofree char *garbage = ks_test_write_file (dir, "garbage.bin", bytes);
  g_autofree char *err = NULL;

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "info", missing, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "missing.sav"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "verify", garbage, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not recognised"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "list", garbage, NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not a command"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "info", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Usage"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "info", "--format", "nonsense", garbage, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "nonsense"));
}

static void
test_help_lists_commands (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "info FILE"));
  g_assert_nonnull (strstr (out, "verify FILE"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version-prints-version", test_version_prints_version);
  g_test_add_func ("/cli/info/unrecognised-reports-size-and-sha256",
                   test_info_unrecognised_reports_size_and_sha256);
  g_test_add_func ("/cli/info/empty-file", test_info_empty_file);
  g_test_add_func ("/cli/bad-input-exits-2-with-message", test_bad_input_exits_2_with_message);
  g_test_add_func ("/cli/help-lists-commands", test_help_lists_commands);

  return g_test_run ();
}
