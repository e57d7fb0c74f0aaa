/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-eeprom.c — keepsake-cli on a GBA EEPROM cart: info says what
 * was detected and from what, --cart names the size, restore writes only
 * the blocks that change (save-chips.md §1.4, §1.5) */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ks-test-emulator.h"
#include "ks-test-utils.h"

static KsTestEmulator *
eeprom_cart (gsize   size,
             GBytes *image)
{
  return ks_test_emulator_start (ks_emulated_cart_new_gba_eeprom (size, image, NULL),
                                 KS_LK_PROFILE_L14, NULL);
}

static void
test_info_says_what_and_from_what (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xC1);
  g_autoptr(KsTestEmulator) emu = eeprom_cart (512, image);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  /* a raw GBA save (save-chips.md §6): nothing in it to check, and no
   * error either */
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", ks_test_emulator_get_path (emu), NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "format         gba-sav\n"));
  g_assert_nonnull (strstr (out, "chip_kind      EEPROM, 4 Kbit\n"));
  g_assert_nonnull (strstr (out, "cart           GBA EEPROM save “KEEPSAKE”, 512 bytes of save\n"));
  g_assert_nonnull (strstr (out, "detection      Save chip: a 512-byte EEPROM, found by the "
                                 "probe (it answers 6-bit addresses).\n"));
  g_assert_nonnull (strstr (out, "size           512\n"));

  g_assert_cmpint (ks_test_run_cli (&json, NULL, "info", ks_test_emulator_get_path (emu),
                                    "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "cart"), ==,
                   "GBA EEPROM save “KEEPSAKE”, 512 bytes of save");
  g_assert_true (json_object_get_boolean_member (object, "cart_sure"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "detection"), "512-byte"));
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 512);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "gba-sav");

  /* verify says there is nothing to check; that is not a failure */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", ks_test_emulator_get_path (emu), NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Keepsake has no checks for this kind of save"));
}

static void
test_override_and_restore_of_changed_blocks (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  g_autoptr(GBytes) image = ks_test_random_bytes (8192, 0xC2);
  const gsize offsets[] = { 100, 5000 };
  g_autoptr(GBytes) edited = ks_test_bytes_changed (image, offsets, G_N_ELEMENTS (offsets));
  g_autofree char *save = ks_test_write_file (dir, "edited.sav", edited);
  g_autoptr(KsTestEmulator) emu = eeprom_cart (8192, image);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) now = NULL;

  g_setenv ("KEEPSAKE_LIBRARY_DIR", library, TRUE);

  /* a size no EEPROM has is refused before the port is touched */
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "info", ks_test_emulator_get_path (emu),
                                    "--cart", "gba-eeprom-4k", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "gba-eeprom-512, gba-eeprom-8k"));
  g_clear_pointer (&err, g_free);

  /* --clock: a choice Keepsake does not know, and a cart without a clock,
   * are refused before anything is written (save-chips.md §3.5) */
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "restore", ks_test_emulator_get_path (emu),
                                    save, "--clock", "reset", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "keep, now or from-backup"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "restore", ks_test_emulator_get_path (emu),
                                    save, "--cart", "gba-eeprom-8k", "--clock=now", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no clock"));
  g_assert_nonnull (strstr (err, "Nothing was written"));

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "restore", ks_test_emulator_get_path (emu),
                                    save, "--cart", "gba-eeprom-8k", NULL), ==, 0);
  /* two blocks changed: 16 bytes written, then read back */
  g_assert_nonnull (strstr (out, "programmed 16 bytes"));
  g_assert_nonnull (strstr (out, "read back and identical"));

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, edited);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

/* CLI parity with the window (save-chips.md §3.5): restore of a file
 * with mGBA's footer onto a cart whose S-3511 answers, --clock=from-backup */
static void
test_restore_sets_clock_from_the_file (void)
{
  /* 2025-03-14, weekday 5, 15:09:26 (hour 0x15 with the PM flag), status
   * 0x40, Unix time 0 */
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex ("25 03 14 05 95 09 26 40 "
                                                     "00 00 00 00 00 00 00 00");
  /* the clock stands at 2026-12-07, weekday 1, 11:36:00 */
  const guint8 standing[7] = { 0x26, 0x12, 0x07, 0x01, 0x11, 0x36, 0x00 };
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xC3);
  g_autoptr(GBytes) other = ks_test_random_bytes (512, 0xC4);
  g_autoptr(GBytes) with_clock = ks_test_bytes_concat (other, footer);
  g_autofree char *save = ks_test_write_file (dir, "clocked.sav", with_clock);
  KsEmulatedCart *cart = ks_emulated_cart_new_gba_eeprom (512, image, NULL);
  KsS3511Model *rtc = ks_s3511_model_new (ks_emulated_cart_get_clock (cart), standing, 0x40,
                                          FALSE);
  g_autoptr(KsTestEmulator) emu = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GBytes) now = NULL;
  guint8 time_after[7];

  ks_emulated_cart_set_gba_rtc (cart, rtc);
  emu = ks_test_emulator_start (cart, KS_LK_PROFILE_L14, NULL);
  g_setenv ("KEEPSAKE_LIBRARY_DIR", library, TRUE);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "restore", ks_test_emulator_get_path (emu),
                                    save, "--clock=from-backup", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Set the cart's clock to Friday 2025-03-14 15:09:26 and "
                                 "read it back."));
  ks_s3511_model_peek_time (rtc, time_after);
  g_assert_cmpmem (time_after, 7, g_bytes_get_data (footer, NULL), 7);

  ks_test_emulator_stop (emu, NULL);
  now = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (now, other);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-eeprom/info-says-what-and-from-what", test_info_says_what_and_from_what);
  g_test_add_func ("/cli-eeprom/override-and-restore-of-changed-blocks",
                   test_override_and_restore_of_changed_blocks);

  g_test_add_func ("/cli-eeprom/restore-sets-clock-from-the-file",
                   test_restore_sets_clock_from_the_file);

  return g_test_run ();
}
