/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-cli-ports.c — keepsake-cli on a cart reader's port: the
 * keepsake-emulator program on a real pty, read through the reader driver
 * (DESIGN.md "Command-line tool"; cart-reader-protocol.md §7) */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"

typedef struct
{
  GSubprocess *process;
  char        *path;
} Emulator;

static void
emulator_start (Emulator           *emu,
                const char * const *args)
{
  emu->process = ks_test_spawn_emulator (args, G_SUBPROCESS_FLAGS_NONE, &emu->path);
}

static void
emulator_stop (Emulator *emu)
{
  g_subprocess_send_signal (emu->process, SIGTERM);
  g_subprocess_wait (emu->process, NULL, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (emu->process), ==, 0);
  g_clear_object (&emu->process);
  g_clear_pointer (&emu->path, g_free);
}

static void
test_info_and_verify_gen3_cart (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x1234);
  g_autoptr(GBytes) save = gen3_build (KS_GEN3_GAME_EMERALD, blocks, 4, 3);
  g_autofree char *file = ks_test_write_file (dir, "emerald.sav", save);
  const char *args[] = { "--gba-flash", file, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) verify = NULL;
  g_autofree char *sha = NULL;
  Emulator emu;

  emulator_start (&emu, args);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", emu.path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "gen3");
  g_assert_cmpstr (json_object_get_string_member (object, "reader"), ==,
                   "GBxCart RW v1.4a (R42+L14)");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "cart"), "MX29L010 (C209)"));
  g_assert_true (json_object_get_boolean_member (object, "cart_sure"));
  /* the bytes are the image: same SHA-256 */
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, save);
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, sha);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "verify", "--json", emu.path, NULL), ==, 0);
  verify = ks_test_parse_json_object (out);
  g_assert_true (json_object_get_boolean_member (verify, "ok"));

  emulator_stop (&emu);
}

static void
test_list_and_extract_mmc (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autofree char *file = ks_test_write_file (dir, "card.bin", image);
  g_autofree char *target = g_build_filename (dir, "zelda.sav", NULL);
  const char *args[] = { "--mmc", file, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GBytes) extracted = NULL;
  JsonArray *saves;
  Emulator emu;

  emulator_start (&emu, args);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "list", "--json", emu.path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "mmc");
  saves = json_object_get_array_member (object, "saves");
  g_assert_cmpuint (json_array_get_length (saves), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saves, 0), "name"),
                   ==, "ZELDA DX");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (saves, 1), "name"),
                   ==, "POKEMON RED");

  g_assert_cmpint (ks_test_run_cli (NULL, NULL, "extract", emu.path, "ZELDA DX", "-o", target, NULL),
                   ==, 0);
  extracted = ks_test_read_file (target);
  ks_test_assert_bytes_equal (extracted, zelda);

  emulator_stop (&emu);
}

static void
test_gb_cart_and_cart_override (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 33);
  g_autofree char *file = ks_test_write_file (dir, "zelda.sav", ram);
  const char *args[] = { "--gb-sram", file, "--mbc", "5", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) small = NULL;
  Emulator emu;

  emulator_start (&emu, args);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", emu.path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "gb-sav");
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 32768);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "cart"), "MBC5"));

  /* the user names the cart: its first 8 KiB only */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "info", "--json", "--cart", "gb:mbc5:8192",
                                    emu.path, NULL), ==, 0);
  small = ks_test_parse_json_object (out);
  g_assert_cmpint (json_object_get_int_member (small, "size"), ==, 8192);

  /* a bad --cart is bad input */
  g_assert_cmpint (ks_test_run_cli (NULL, &err, "info", "--cart", "gb:mbc9", emu.path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "mbc9"));

  emulator_stop (&emu);
}

static void
test_ports_lists_the_emulated_reader (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 34);
  g_autofree char *file = ks_test_write_file (dir, "cart.sav", ram);
  const char *args[] = { "--gb-sram", file, "--mbc", "1", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *ports;
  gboolean found = FALSE;
  Emulator emu;

  emulator_start (&emu, args);

  g_assert_cmpint (ks_test_run_cli (&out, NULL, "ports", "--json", "--port", emu.path, NULL), ==, 0);
  object = ks_test_parse_json_object (out);
  ports = json_object_get_array_member (object, "ports");
  g_assert_true (json_object_has_member (object, "notes"));
  for (guint i = 0; i < json_array_get_length (ports); i++)
    {
      JsonObject *port = json_array_get_object_element (ports, i);

      g_assert_true (json_object_has_member (port, "usb_vid"));
      g_assert_true (json_object_has_member (port, "looks_like_reader"));
      if (g_str_equal (json_object_get_string_member (port, "path"), emu.path))
        {
          found = TRUE;
          g_assert_true (json_object_get_boolean_member (port, "reader"));
          g_assert_cmpstr (json_object_get_string_member (port, "device"), ==, "GBxCart RW v1.4a");
          g_assert_cmpstr (json_object_get_string_member (port, "firmware"), ==, "R42+L14");
          /* §1.1: a v1.4a takes 1,500,000 baud, and the row says so */
          g_assert_cmpint (json_object_get_int_member (port, "baud"), ==, 1500000);
          g_assert_cmpstr (json_object_get_string_member (port, "transport"), ==, "pty");
        }
    }
  g_assert_true (found);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "ports", "--port", emu.path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "GBxCart RW v1.4a, firmware R42+L14, 1.5 Mbaud"));

  emulator_stop (&emu);
}

static void
test_delete_on_a_port_writes_through_a_job (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autofree char *file = ks_test_write_file (dir, "card.bin", image);
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  const char *args[] = { "--mmc", file, NULL };
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *written;
  Emulator emu;

  g_setenv ("KEEPSAKE_LIBRARY_DIR", library, TRUE);
  emulator_start (&emu, args);
  /* DESIGN.md write protocol: backed up, only changed sectors, read back */
  g_assert_cmpint (ks_test_run_cli (&out, NULL, "delete", emu.path, "0", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  written = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "written");
  g_assert_true (json_object_get_boolean_member (written, "verified"));
  g_assert_cmpint (json_object_get_int_member (written, "sectors_erased"), >, 0);
  g_assert_cmpint (json_object_get_int_member (written, "sectors_erased"), <, 2048);
  g_assert_nonnull (json_object_get_string_member (written, "backup_id"));

  g_assert_cmpint (ks_test_run_cli (&listed, NULL, "list", emu.path, NULL), ==, 0);
  g_assert_null (strstr (listed, "ZELDA DX"));
  g_assert_nonnull (strstr (listed, "POKEMON RED"));
  emulator_stop (&emu);
  g_unsetenv ("KEEPSAKE_LIBRARY_DIR");
}

static void
test_missing_port_is_explained (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (ks_test_run_cli (NULL, &err, "list", "/dev/ttyUSB77", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "plugged in"));
  g_assert_nonnull (strstr (err, "keepsake-cli ports"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-ports/info-and-verify-gen3-cart", test_info_and_verify_gen3_cart);
  g_test_add_func ("/cli-ports/list-and-extract-mmc", test_list_and_extract_mmc);
  g_test_add_func ("/cli-ports/gb-cart-and-cart-override", test_gb_cart_and_cart_override);
  g_test_add_func ("/cli-ports/ports-lists-the-emulated-reader", test_ports_lists_the_emulated_reader);
  g_test_add_func ("/cli-ports/delete-on-a-port-writes-through-a-job",
                   test_delete_on_a_port_writes_through_a_job);
  g_test_add_func ("/cli-ports/missing-port-is-explained", test_missing_port_is_explained);

  return g_test_run ();
}
