/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-gen3.c — keepsake-cli on Gen III saves: info, verify and trainer,
 * their JSON keys and exit codes (DESIGN.md "Command-line tool") */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"

/* An Emerald first save (slot B, counter 1) in a fresh folder. */
static char *
write_emerald (const char *dir,
               const char *name)
{
  g_auto(KsGen3Trainer) trainer = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  gen3_test_trainer (&trainer);
  bytes = ks_gen3_build_new_save (KS_GEN3_GAME_EMERALD, &trainer, &error);
  g_assert_no_error (error);

  return ks_test_write_file (dir, name, bytes);
}

/* Slot A with an odd counter 5 and slot B with 2, both valid: the game
 * loads B, a parity error in the slot being edited (gen3.md §7 check 12). */
static char *
write_parity_error (const char *dir)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_RS, 0);
  g_autoptr(GBytes) bytes = gen3_build (KS_GEN3_GAME_RS, blocks, 5, 2);

  return ks_test_write_file (dir, "parity.sav", bytes);
}

static void
test_info_json (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = write_emerald (dir, "emerald.sav");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "gen3");
  g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "GBA");
  g_assert_cmpstr (json_object_get_string_member (object, "game"), ==, "emerald");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "game_detection"), "Emerald"));
  g_assert_false (json_object_get_boolean_member (object, "game_overridden"));
  g_assert_cmpstr (json_object_get_string_member (object, "active_slot"), ==, "B");
  g_assert_cmpstr (json_object_get_string_member (object, "boot_status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (object, "save_counter"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "footer_length"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 131072);
  g_assert_cmpint (json_object_get_int_member (object, "errors"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "trainer_name"), ==, "ASH");
}

static void
test_game_override (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = write_emerald (dir, "emerald.sav");
  g_autoptr(GBytes) random = ks_test_random_bytes (32768, 7);
  g_autofree char *gb = ks_test_write_file (dir, "other.sav", random);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", "--game", "frlg", path, NULL),
                   ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "game"), ==, "frlg");
  g_assert_true (json_object_get_boolean_member (object, "game_overridden"));
  g_clear_pointer (&out, g_free);

  /* read with the wrong lengths, section 0 fails its checksum */
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--game", "rs", path, NULL), ==, 1);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "verify", "--game", "crystal", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "crystal"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "info", "--format", "gb-sav", "--game", "rs", gb,
                                    NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Gen III"));
}

static void
test_verify_exit_codes (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *good = write_emerald (dir, "good.sav");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GBytes) bytes = ks_test_read_file (good);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(GBytes) odd = NULL;
  g_autofree char *broken_path = NULL;
  g_autofree char *odd_path = NULL;
  JsonArray *findings;
  gboolean seen = FALSE;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--json", good, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&object, json_object_unref);

  /* the only slot damaged: the game would say the save was deleted */
  data[gen3_find_section (data, 1, 2) * GEN3_SECTOR_SIZE + 0x40] ^= 0x10;
  broken = g_bytes_new (data, GEN3_FLASH_SIZE);
  broken_path = ks_test_write_file (dir, "broken.sav", broken);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--json", broken_path, NULL), ==, 1);
  object = ks_test_parse_json_object (out);
  g_assert_false (json_object_get_boolean_member (object, "ok"));
  findings = json_object_get_array_member (object, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      g_assert_true (json_object_has_member (finding, "severity"));
      g_assert_true (json_object_has_member (finding, "message"));
      if (g_str_equal (json_object_get_string_member (finding, "code"), "gen3-sector-checksum"))
        {
          seen = TRUE;
          g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
          g_assert_nonnull (strstr (json_object_get_string_member (finding, "message"), "Sector"));
        }
    }
  g_assert_true (seen);
  g_clear_pointer (&out, g_free);

  /* a size no Gen III save has, with its signatures: exit 2 and why */
  odd = g_bytes_new (data, GEN3_FLASH_SIZE - 4096 + 5);
  odd_path = ks_test_write_file (dir, "odd.sav", odd);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "verify", odd_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "126,981 bytes"));
}

static void
test_trainer_json (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = write_emerald (dir, "emerald.sav");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *play_time;
  JsonObject *clock;
  JsonArray *badges;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "trainer", "--json", path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "game"), ==, "emerald");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "ASH");
  g_assert_cmpstr (json_object_get_string_member (object, "gender"), ==, "male");
  g_assert_cmpint (json_object_get_int_member (object, "tid"), ==, 12345);
  g_assert_cmpint (json_object_get_int_member (object, "sid"), ==, 54321);
  g_assert_cmpint (json_object_get_int_member (object, "money"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (object, "coins"), ==, 50);
  play_time = json_object_get_object_member (object, "play_time");
  g_assert_cmpint (json_object_get_int_member (play_time, "hours"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (play_time, "minutes"), ==, 34);
  g_assert_cmpint (json_object_get_int_member (play_time, "seconds"), ==, 56);
  g_assert_cmpint (json_object_get_int_member (play_time, "frames"), ==, 0);
  badges = json_object_get_array_member (object, "badges");
  g_assert_cmpuint (json_array_get_length (badges), ==, 8);
  g_assert_true (json_array_get_boolean_element (badges, 0));
  g_assert_true (json_array_get_boolean_element (badges, 1));
  g_assert_false (json_array_get_boolean_element (badges, 2));
  g_assert_false (json_object_has_member (object, "written"));
  /* gen3.md §3.6: Emerald keeps its clock offset (none set here) */
  clock = json_object_get_object_member (object, "clock_offset");
  g_assert_nonnull (clock);
  g_assert_cmpint (json_object_get_int_member (clock, "days"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (clock, "seconds"), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "trainer", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ASH"));
  g_assert_nonnull (strstr (out, "Emerald"));
  g_assert_nonnull (strstr (out, "in-game clock  the same as the cart's clock\n"));
}

static void
test_trainer_set_writes_and_keeps_backup (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = write_emerald (dir, "emerald.sav");
  g_autoptr(GBytes) before = ks_test_read_file (path);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) reread = NULL;
  JsonObject *written;

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "trainer", "--json", "--set", "money=5000",
                                    "--set", "name=Lea", "--set", "badge8=true", path, NULL),
                   ==, 0);
  object = ks_test_parse_json_object (out);
  /* the trainer and the write report in one object */
  g_assert_cmpint (json_object_get_int_member (object, "money"), ==, 5000);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Lea");
  written = json_object_get_object_member (object, "written");
  g_assert_nonnull (written);
  g_assert_true (json_object_get_boolean_member (written, "verified"));
  ks_test_assert_kept_in_library (written, path, before);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "trainer", "--json", path, NULL), ==, 0);
  reread = ks_test_parse_json_object (out);
  g_assert_cmpint (json_object_get_int_member (reread, "money"), ==, 5000);
  g_assert_cmpstr (json_object_get_string_member (reread, "name"), ==, "Lea");
  g_assert_true (json_array_get_boolean_element (
    json_object_get_array_member (reread, "badges"), 7));
  g_clear_pointer (&out, g_free);

  /* the edit went into slot A, counter 2; B is the game's backup */
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", path, NULL), ==, 0);
  g_clear_pointer (&reread, json_object_unref);
  reread = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (reread, "active_slot"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (reread, "save_counter"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (reread, "slot_b_status"), ==, "ok");
}

static void
test_trainer_refuses_without_force (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = write_parity_error (dir);
  g_autoptr(GBytes) before = ks_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (ks_test_run_cli (&out, &err, "trainer", "--set", "money=1", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--force"));
  g_assert_nonnull (strstr (err, "odd"));
  after = ks_test_read_file (path);
  g_assert_true (g_bytes_equal (after, before));
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "trainer", "--json", "--force", "--set", "money=1",
                                    path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "money"), ==, 1);
  ks_test_assert_kept_in_library (json_object_get_object_member (object, "written"), path, before);
}

static void
test_trainer_bad_input (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = write_emerald (dir, "emerald.sav");
  g_autoptr(GBytes) random = ks_test_random_bytes (32768, 9);
  g_autofree char *gb = ks_test_write_file (dir, "other.sav", random);
  g_autofree char *erased_path = NULL;
  g_autofree guint8 *erased = gen3_flash_new (GEN3_FLASH_SIZE + 16);
  g_autoptr(GBytes) erased_bytes = g_bytes_new (erased, GEN3_FLASH_SIZE + 16);
  g_autofree char *err = NULL;

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "trainer", "--set", "money=1000000", path, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "999999"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "trainer", "--set", "money", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "KEY=VALUE"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "trainer", "--set", "name=日本", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "日"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "trainer", "--format", "gb-sav", gb, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Gen III"));
  g_clear_pointer (&err, g_free);

  /* erased flash with an mGBA footer: nothing says Pokémon, so it is a
   * raw GBA save (save-chips.md §6); read as Gen III it holds no game yet */
  erased_path = ks_test_write_file (dir, "erased.sav", erased_bytes);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "trainer", erased_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“GBA cartridge save”; trainer works on Pokémon Gen III saves"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "trainer", "--format", "gen3", erased_path, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "no game"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/gen3/info-json", test_info_json);
  g_test_add_func ("/cli/gen3/game-override", test_game_override);
  g_test_add_func ("/cli/gen3/verify-exit-codes", test_verify_exit_codes);
  g_test_add_func ("/cli/gen3/trainer-json", test_trainer_json);
  g_test_add_func ("/cli/gen3/trainer-set-writes-and-keeps-backup",
                     test_trainer_set_writes_and_keeps_backup);
  g_test_add_func ("/cli/gen3/trainer-refuses-without-force", test_trainer_refuses_without_force);
  g_test_add_func ("/cli/gen3/trainer-bad-input", test_trainer_bad_input);

  return g_test_run ();
}
