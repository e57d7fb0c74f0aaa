/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-reader-device.c — a cart reader as a device row: read on a worker
 * while the main loop runs, then its cart's saves listed like a file's;
 * files and .BUP folders as devices beside it */

#include "config.h"

#include "ks-test-emulator.h"
#include "ks-test-utils.h"

static gboolean
count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @device is no longer busy; returns how many
 * times a 1 ms timer fired meanwhile. */
static guint
wait_until_read (KsDevice *device)
{
  guint ticks = 0;
  guint timer = g_timeout_add (1, count_tick, &ticks);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (ks_device_get_busy (device) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  g_assert_false (ks_device_get_busy (device));

  return ticks;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_gba_reader_lists_the_pokemon_save (void)
{
  g_auto(KsGen3Trainer) trainer = { .name = (char *) "MAY", .tid = 1, .sid = 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) save = ks_gen3_build_new_save (KS_GEN3_GAME_FRLG, &trainer, &error);
  g_autoptr(GBytes) rom = ks_cart_rom_new_gba ("POKEMON FIRE", "BPRE");
  g_autoptr(KsTestEmulator) emu = NULL;
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(KsSaveItem) item = NULL;
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  guint ticks;

  trainer.name = NULL;   /* not ours to free */
  g_assert_no_error (error);
  emu = ks_test_emulator_start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010,
                                                                save, rom),
                                KS_LK_PROFILE_L14, NULL);

  device = ks_device_new_for_port (ks_test_emulator_get_path (emu));
  g_signal_connect (device, "notify", G_CALLBACK (on_notify), notified);

  /* the constructor returned before the cart was read */
  g_assert_true (ks_device_get_busy (device));
  g_assert_cmpint (ks_device_get_kind (device), ==, KS_DEVICE_KIND_READER);
  g_assert_cmpstr (ks_device_get_subtitle (device), ==, "Reading…");
  g_assert_cmpstr (ks_device_get_platform (device), ==, "reader");
  g_assert_cmpstr (ks_device_get_path (device), ==, ks_test_emulator_get_path (emu));
  g_assert_null (ks_device_get_container (device));

  ticks = wait_until_read (device);
  g_test_message ("the main loop ticked %u times while the reader read", ticks);
  g_assert_cmpuint (ticks, >, 0);

  g_assert_true (g_ptr_array_find_with_equal_func (notified, "busy", g_str_equal, NULL));
  g_assert_cmpstr (ks_device_get_reader_name (device), ==, "GBxCart RW v1.4a (R42+L14)");
  g_assert_nonnull (strstr (ks_device_get_cart (device), "MX29L010"));
  g_assert_cmpstr (ks_device_get_title (device), ==, "POKEMON FIRE");
  g_assert_cmpstr (ks_device_get_platform (device), ==, "gba");
  g_assert_cmpstr (ks_device_get_icon_name (device), ==, "ks-gba-cart-symbolic");
  g_assert_cmpstr (ks_container_get_format (ks_device_get_container (device))->id, ==, "gen3");
  ks_test_assert_bytes_equal (ks_device_get_bytes (device), save);
  g_assert_false (ks_findings_has_errors (ks_device_get_findings (device)));

  /* a single-save format: one row, the whole image */
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (device)), ==, 1);
  item = g_list_model_get_item (ks_device_get_saves (device), 0);
  g_assert_true (ks_save_item_is_whole_image (item));
  g_assert_cmpstr (ks_save_item_get_name (item), ==, "POKEMON FIRE");
  g_assert_cmpuint (ks_save_item_get_size (item), ==, 128 * 1024);
  g_assert_cmpint (ks_save_item_get_status (item), ==, KS_SAVE_STATUS_OK);

  /* reading again gives the same rows */
  ks_device_reload (device);
  g_assert_true (ks_device_get_busy (device));
  wait_until_read (device);
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (device)), ==, 1);
}

static void
test_mmc_reader_lists_the_cards_saves (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDemo) demo = ks_demo_start (dir, &error);
  g_autoptr(KsDevice) device = NULL;
  GListModel *saves;

  g_assert_no_error (error);
  device = ks_device_new_for_port (ks_demo_get_mmc_port (demo));
  wait_until_read (device);

  g_assert_cmpstr (ks_device_get_title (device), ==, "Mega Memory Card");
  g_assert_cmpstr (ks_device_get_platform (device), ==, "gb");
  g_assert_cmpstr (ks_container_get_format (ks_device_get_container (device))->id, ==, "mmc");
  g_assert_cmpstr (ks_device_get_icon_name (device), ==, "ks-memory-card-symbolic");
  saves = ks_device_get_saves (device);
  g_assert_cmpuint (g_list_model_get_n_items (saves), ==, KS_DEMO_MMC_SAVES);
  for (guint i = 0; i < KS_DEMO_MMC_SAVES; i++)
    {
      g_autoptr(KsSaveItem) item = g_list_model_get_item (saves, i);

      g_assert_false (ks_save_item_is_whole_image (item));
      g_assert_true (g_str_has_prefix (ks_save_item_get_name (item), "KEEPSAKE "));
      g_assert_cmpint (ks_save_item_get_status (item), ==, KS_SAVE_STATUS_OK);
    }
}

static void
test_empty_slot_says_so (void)
{
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (ks_emulated_cart_new_empty (),
                                                          KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsDevice) device = ks_device_new_for_port (ks_test_emulator_get_path (emu));

  wait_until_read (device);
  g_assert_cmpstr (ks_device_get_subtitle (device), ==, "No cart inserted");
  g_assert_cmpstr (ks_device_get_title (device), ==, "GBxCart RW v1.4a (R42+L14)");
  g_assert_cmpstr (ks_device_get_platform (device), ==, "reader");
  g_assert_null (ks_device_get_container (device));
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (device)), ==, 0);
}

static void
test_missing_port_becomes_a_finding (void)
{
  g_autoptr(KsDevice) device = ks_device_new_for_port ("/dev/ttyKEEPSAKE-NOT-THERE");
  const KsFinding *finding;

  wait_until_read (device);
  finding = ks_findings_find (ks_device_get_findings (device), "reader-read-failed");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_ERROR);
  g_assert_cmpstr (ks_device_get_subtitle (device), ==, finding->message);
  g_assert_nonnull (strstr (finding->message, "/dev/ttyKEEPSAKE-NOT-THERE"));
}

static void
test_folder_lists_its_bup_files (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDemo) demo = ks_demo_start (dir, &error);
  g_autoptr(KsDevice) folder = NULL;
  g_autoptr(KsDevice) saturn = NULL;
  g_autoptr(KsSaveItem) item = NULL;

  g_assert_no_error (error);
  folder = ks_device_new_for_folder (ks_demo_get_bup_folder (demo), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_device_get_kind (folder), ==, KS_DEVICE_KIND_FOLDER);
  g_assert_cmpstr (ks_device_get_platform (folder), ==, "folder");
  g_assert_cmpstr (ks_device_get_icon_name (folder), ==, "ks-save-folder-symbolic");
  g_assert_cmpstr (ks_device_get_subtitle (folder), ==, "Saturn .BUP folder · 2 saves");
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (folder)), ==, 2);
  item = g_list_model_get_item (ks_device_get_saves (folder), 0);
  g_assert_cmpint (ks_save_item_get_status (item), ==, KS_SAVE_STATUS_OK);

  saturn = ks_device_new_for_file (ks_demo_get_saturn_path (demo), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ks_device_get_platform (saturn), ==, "saturn");
  g_assert_cmpstr (ks_device_get_icon_name (saturn), ==, "ks-saturn-symbolic");
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (saturn)), ==, 3);
}

static void
test_save_named_by_an_error_is_marked (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDemo) demo = ks_demo_start (dir, &error);
  g_autoptr(GBytes) gen3 = NULL;
  g_autoptr(GByteArray) broken = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(KsSaveItem) item = NULL;

  g_assert_no_error (error);
  /* a Gen III save with one sector's data flipped fails its checksum */
  gen3 = ks_test_read_file (ks_demo_get_gen3_path (demo));
  broken = g_byte_array_new ();
  g_byte_array_append (broken, g_bytes_get_data (gen3, NULL), g_bytes_get_size (gen3));
  for (guint i = 0; i < 0x20000; i += 0x1000)
    broken->data[i + 0x10] ^= 0xFF;
  path = g_build_filename (dir, "broken.sav", NULL);
  {
    g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&broken));

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes), NULL));
  }

  device = ks_device_new_for_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (ks_findings_has_errors (ks_device_get_findings (device)));
  item = g_list_model_get_item (ks_device_get_saves (device), 0);
  g_assert_cmpint (ks_save_item_get_status (item), ==, KS_SAVE_STATUS_ERROR);

  /* the whole image's save carries every finding of its device */
  {
    g_autoptr(GPtrArray) findings = ks_device_dup_save_findings (device, item);

    g_assert_cmpuint (findings->len, ==, ks_device_get_findings (device)->len);
    g_assert_true (ks_findings_has_errors (findings));
  }
}

/* A raw Game Boy .sav: its one save says there is nothing to check */
static void
test_raw_sav_save_is_unverifiable (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ram = ks_test_random_bytes (32 * 1024, 3);
  g_autofree char *path = ks_test_write_file (dir, "tetris.sav", ram);
  g_autoptr(KsDevice) device = ks_device_new_for_file (path, &error);
  g_autoptr(KsSaveItem) item = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *verdict = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ks_device_get_icon_name (device), ==, "ks-gb-cart-symbolic");
  item = g_list_model_get_item (ks_device_get_saves (device), 0);
  findings = ks_device_dup_save_findings (device, item);
  g_assert_nonnull (ks_findings_find (findings, KS_FINDING_UNVERIFIABLE));
  g_assert_cmpint (ks_save_item_get_status (item), ==, KS_SAVE_STATUS_UNVERIFIABLE);
  verdict = ks_findings_describe_verdict (findings);
  g_assert_cmpstr (verdict, ==, "Keepsake has no checks for this kind of save.");
}

/* A Game Boy cart read in the reader: its header's title and mapper */
static void
test_gb_reader_knows_title_and_mapper (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 13);
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("KS MAPPER", KS_GB_MBC_MBC3, 32768);
  g_autoptr(KsTestEmulator) emu = NULL;
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(KsDevice) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cart.sav", NULL);

  emu = ks_test_emulator_start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC3, ram, rom),
                                KS_LK_PROFILE_L14, NULL);
  device = ks_device_new_for_port (ks_test_emulator_get_path (emu));
  g_assert_cmpint (ks_device_get_cart_mapper (device), ==, KS_GB_MBC_UNKNOWN);
  wait_until_read (device);

  g_assert_cmpstr (ks_device_get_platform (device), ==, "gb");
  g_assert_cmpstr (ks_device_get_cart_title (device), ==, "KS MAPPER");
  g_assert_cmpint (ks_device_get_cart_mapper (device), ==, KS_GB_MBC_MBC3);

  /* a file has no header to name one */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (ram, NULL), 32768, &error));
  file = ks_device_new_for_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_device_get_cart_mapper (file), ==, KS_GB_MBC_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader-device/gba-reader-lists-the-pokemon-save",
                   test_gba_reader_lists_the_pokemon_save);
  g_test_add_func ("/reader-device/mmc-reader-lists-the-cards-saves",
                   test_mmc_reader_lists_the_cards_saves);
  g_test_add_func ("/reader-device/empty-slot-says-so", test_empty_slot_says_so);
  g_test_add_func ("/reader-device/gb-reader-knows-title-and-mapper",
                   test_gb_reader_knows_title_and_mapper);
  g_test_add_func ("/reader-device/missing-port-becomes-a-finding",
                   test_missing_port_becomes_a_finding);
  g_test_add_func ("/reader-device/folder-lists-its-bup-files", test_folder_lists_its_bup_files);
  g_test_add_func ("/reader-device/raw-sav-save-is-unverifiable", test_raw_sav_save_is_unverifiable);
  g_test_add_func ("/reader-device/save-named-by-an-error-is-marked",
                   test_save_named_by_an_error_is_marked);

  return g_test_run ();
}
