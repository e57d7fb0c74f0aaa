/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-answers.c — keepsake-cli answers ordinary questions the same way
 * every time: single-save containers list and extract their one save (on a
 * file and on a cart reader's port), garbage is never a success, a
 * replacement of another kind or size is refused unless forced, --force
 * does what its help says, and refusals say things once and stay short */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"
#include "saturn-builder.h"

static GBytes *
emerald (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x2468);

  return gen3_build (KS_GEN3_GAME_EMERALD, blocks, 4, 3);
}

static void
use_own_library (const char *dir)
{
  g_autofree char *library = g_build_filename (dir, "library", NULL);

  g_setenv ("KEEPSAKE_LIBRARY_DIR", library, TRUE);
}

/* list shows the one save, number 0, of @size bytes; `extract 0` writes
 * @expected to a new file */
static void
check_one_save (const char *dir,
                const char *target,
                gsize       size,
                GBytes     *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *output = g_build_filename (dir, "extracted.sav", NULL);
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(GBytes) written = NULL;
  JsonArray *saves;
  JsonObject *save;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "list", "--json", target, NULL), ==, 0);
  listed = ks_test_parse_json_object (out);
  saves = json_object_get_array_member (listed, "saves");
  g_assert_cmpuint (json_array_get_length (saves), ==, 1);
  save = json_array_get_object_element (saves, 0);
  g_assert_cmpint (json_object_get_int_member (save, "index"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (save, "size"), ==, size);

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "extract", target, "0", "-o", output, NULL), ==, 0);
  written = ks_test_read_file (output);
  ks_test_assert_bytes_equal (written, expected);
  g_remove (output);

  /* there is no second save */
  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "extract", target, "1", "-o", output, NULL), ==, 2);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_single_save_files_list_and_extract (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) save = emerald ();
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autofree char *sav_path = ks_test_write_file (dir, "emerald.sav", save);
  g_autofree char *bup_path = ks_test_write_file (dir, "DAYTONA_.BUP", bup);
  g_autofree char *out = NULL;

  check_one_save (dir, sav_path, 131072, save);
  check_one_save (dir, bup_path, g_bytes_get_size (bup), bup);

  /* the name is the file's */
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "list", sav_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  0  emerald.sav"));
}

static void
test_gba_cart_on_a_port_lists_its_save (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) save = emerald ();
  g_autofree char *file = ks_test_write_file (dir, "cart.sav", save);
  const char *args[] = { "--gba-flash", file, NULL };
  g_autoptr(GSubprocess) emulator = NULL;
  g_autofree char *port = NULL;

  emulator = ks_test_spawn_emulator (args, G_SUBPROCESS_FLAGS_NONE, &port);
  check_one_save (dir, port, 131072, save);
  g_subprocess_send_signal (emulator, SIGTERM);
  g_subprocess_wait (emulator, NULL, NULL);
}

/* 512 KiB of noise reads as a Mega Memory Card of garbled saves: listed,
 * but with exit status 1 and the count of errors */
static void
test_garbage_is_listed_with_exit_1 (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) noise = ks_test_random_bytes (524288, 77);
  g_autofree char *path = ks_test_write_file (dir, "noise.bin", noise);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, &err, "list", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "errors"));
  g_assert_nonnull (strstr (err, "keepsake-cli verify"));
}

/* insert and delete refuse a container whose checks find errors, as
 * --force's help says, and write with --force */
static void
test_force_does_what_it_says (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) noise = ks_test_random_bytes (524288, 77);
  g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 5);
  g_autofree char *path = ks_test_write_file (dir, "noise.bin", noise);
  g_autofree char *save = ks_test_write_file (dir, "game.sav", sram);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *err = NULL;

  use_own_library (dir);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "insert", path, save, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--force"));
  g_assert_nonnull (strstr (err, "keepsake-cli verify"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "delete", path, "0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--force"));
  g_clear_pointer (&err, g_free);

  /* nothing was written so far */
  after = ks_test_read_file (path);
  ks_test_assert_bytes_equal (after, noise);
  g_clear_pointer (&after, g_bytes_unref);

  /* forced, it writes (the errors were there before; the edit adds none) */
  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "insert", "--force", path, save, NULL), ==, 0);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
  after = ks_test_read_file (path);
  g_assert_false (g_bytes_equal (after, noise));
}

static guint
count (const char *text,
       const char *what)
{
  guint n = 0;

  for (const char *at = strstr (text, what); at != NULL; at = strstr (at + 1, what))
    n++;
  return n;
}

/* A restore of another kind (noise a Game Boy save by its size) or
 * another size (half of a Gen III save) over a Gen III save: refused, in
 * one paragraph, the file untouched; --force writes it */
static void
test_restore_of_another_kind_or_size_is_refused (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) save = emerald ();
  g_autoptr(GBytes) noise = ks_test_random_bytes (131072, 8);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (save, 0, 65536);
  g_autofree char *target = ks_test_write_file (dir, "emerald.sav", save);
  g_autofree char *noise_path = ks_test_write_file (dir, "noise.sav", noise);
  g_autofree char *half_path = ks_test_write_file (dir, "half.sav", half);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *err = NULL;

  use_own_library (dir);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "restore", target, noise_path, NULL), ==, 2);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "--force"));
  /* one message, one paragraph (what else a sanitizer build may print on
   * stderr is not the command's) */
  g_assert_cmpuint (count (err, "keepsake-cli:"), ==, 1);
  g_assert_true (strstr (err, "--force") < strchr (strstr (err, "keepsake-cli:"), '\n'));
  g_assert_cmpuint (count (err, "Nothing was written"), ==, 1);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "restore", target, half_path, NULL), ==, 2);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "65536"));
  g_assert_cmpuint (count (err, "keepsake-cli:"), ==, 1);
  g_clear_pointer (&err, g_free);

  after = ks_test_read_file (target);
  ks_test_assert_bytes_equal (after, save);
  g_clear_pointer (&after, g_bytes_unref);

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "restore", "--force", target, noise_path, NULL),
                   ==, 0);
  after = ks_test_read_file (target);
  ks_test_assert_bytes_equal (after, noise);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

/* Noise restored as a Mega Memory Card over a card: the checks find a
 * hundred errors; the refusal names five and counts the rest */
static void
test_long_refusals_are_summarised (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) card = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) noise = ks_test_random_bytes (524288, 77);
  g_autofree char *target = ks_test_write_file (dir, "card.bin", card);
  g_autofree char *noise_path = ks_test_write_file (dir, "noise.bin", noise);
  g_autofree char *err = NULL;

  use_own_library (dir);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "restore", "--format", "mmc", target, noise_path,
                                    NULL), ==, 2);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
  g_test_message ("%s", err);
  g_assert_cmpuint (count (err, "Nothing was written"), ==, 1);
  g_assert_nonnull (strstr (err, "more errors"));
  g_assert_cmpuint (strlen (err), <, 2000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/answers/single-save-files-list-and-extract",
                   test_single_save_files_list_and_extract);
  g_test_add_func ("/cli/answers/gba-cart-on-a-port-lists-its-save",
                   test_gba_cart_on_a_port_lists_its_save);
  g_test_add_func ("/cli/answers/garbage-is-listed-with-exit-1", test_garbage_is_listed_with_exit_1);
  g_test_add_func ("/cli/answers/force-does-what-it-says", test_force_does_what_it_says);
  g_test_add_func ("/cli/answers/restore-of-another-kind-or-size-is-refused",
                   test_restore_of_another_kind_or_size_is_refused);
  g_test_add_func ("/cli/answers/long-refusals-are-summarised", test_long_refusals_are_summarised);

  return g_test_run ();
}
