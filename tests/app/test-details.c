/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-details.c — the details pane of the real window on each kind of
 * the demo's saves, read as a person reads it: the Pokémon cart's trainer
 * card (money, play time, badges, both slots and their sectors), the Mega
 * Memory Card's capacity map, the Saturn saves' language and date, the
 * Game Boy cart's RAM with no claim to have verified it, and a backup's
 * changes since the one before; and never an internal summary key */

#include "config.h"

#include <gtk/gtk.h>

#include "ks-application.h"
#include "ks-badge-icon.h"
#include "ks-capacity-map.h"
#include "ks-sector-diagram.h"
#include "ks-test-emulator.h"
#include "ks-test-utils.h"
#include "ks-window-private.h"
#include "ui-test-utils.h"

static KsApplication *app;
static KsWindow *window;

static KsDevice *
device_by_platform (const char *platform)
{
  return ks_test_ui_device_by_platform (ks_window_get_device_tree (window), platform);
}

static KsDetailsPane *
pane (void)
{
  return ks_window_get_details_pane (window);
}

/* The pane's text, checked for what a person must never see: summary keys
 * ("slot_a_counter") and the readable forms the old pane made of them */
static char *
read_details (void)
{
  static const char *const old_keys[] = {
    "Slot a counter", "Slot a status", "Footer length", "Game rs", "Game overridden",
    "Capacity bar", "Option inverse", "Blocks orphaned", "Ram size", "Logical size",
  };
  g_autoptr(GRegex) key = g_regex_new ("[a-z]+_[a-z_]+", 0, 0, NULL);
  GString *shown;
  char *text;

  ks_test_ui_iterate ();
  text = ks_details_pane_get_text (pane ());
  shown = g_string_new (text);
  g_free (text);
  /* sizes keep their unit on the same line: "8.0 KiB" with a no-break space */
  g_string_replace (shown, "\u00a0", " ", 0);
  text = g_string_free (shown, FALSE);
  if (g_regex_match (key, text, 0, NULL))
    g_error ("an internal key shows in the details:\n%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (old_keys); i++)
    if (strstr (text, old_keys[i]) != NULL)
      g_error ("“%s” shows in the details:\n%s", old_keys[i], text);

  return text;
}

static void
assert_shows (const char *text,
              const char *what)
{
  if (strstr (text, what) == NULL)
    g_error ("the details lack “%s”:\n%s", what, text);
}

static guint
count_widgets (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);

  return n;
}

static guint
count_earned_badges (GtkWidget *widget)
{
  guint n = KS_IS_BADGE_ICON (widget) && ks_badge_icon_get_earned (KS_BADGE_ICON (widget)) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_earned_badges (child);

  return n;
}

static void
select_device (KsDevice *device)
{
  ks_test_ui_select_device (ks_window_get_device_tree (window), device);
}

static void
test_gen3_trainer_card (void)
{
  KsDevice *cart = device_by_platform ("gba");
  g_autoptr(KsSaveItem) whole = NULL;
  g_autofree char *text = NULL;
  KsSectorDiagram *slot_a;

  select_device (cart);
  text = read_details ();

  /* the demo trainer (ks-demo.c): Emerald, SAGE, 12,345 money, 50 coins,
   * 12:34:56, the first three badges */
  assert_shows (text, "Game: Emerald");
  assert_shows (text, "How Keepsake recognised the game");
  assert_shows (text, "Name: SAGE");
  assert_shows (text, "Gender: Girl");
  assert_shows (text, "Trainer ID: 24680");
  assert_shows (text, "Secret ID: 13579");
  assert_shows (text, "Money: 12345");
  assert_shows (text, "Coins: 50");
  assert_shows (text, "Play time: 12 h 34 min 56 s");
  assert_shows (text, "Stone Badge, earned");
  assert_shows (text, "Dynamo Badge, earned");
  assert_shows (text, "Heat Badge, not earned");
  assert_shows (text, "Rain Badge, not earned");
  g_assert_cmpuint (count_widgets (GTK_WIDGET (pane ()), KS_TYPE_BADGE_ICON), ==, 8);
  g_assert_cmpuint (count_earned_badges (GTK_WIDGET (pane ())), ==, 3);

  /* a new game's first save lands in slot B with counter 1 (gen3.md
   * §1.6); slot A was never written */
  assert_shows (text, "Continue, from slot B");
  assert_shows (text, "Slot A\nState: Empty: never saved\nSlot A sectors: all 14 blank");
  assert_shows (text, "Slot B\nState: OK: the game loads this slot\nSave counter: 1\n"
                      "Slot B sectors: all 14 intact");
  g_assert_cmpuint (count_widgets (GTK_WIDGET (pane ()), KS_TYPE_SECTOR_DIAGRAM), ==, 2);
  slot_a = KS_SECTOR_DIAGRAM (ks_test_ui_find_child (GTK_WIDGET (pane ()), KS_TYPE_SECTOR_DIAGRAM));
  g_assert_cmpuint (ks_sector_diagram_get_n_sectors (slot_a), ==, 14);
  for (guint i = 0; i < 14; i++)
    g_assert_cmpint (ks_sector_diagram_get_mark (slot_a, i), ==, KS_SECTOR_BLANK);
  g_clear_pointer (&text, g_free);

  /* the cart's one save row is the whole image: the same card */
  whole = g_list_model_get_item (ks_device_get_saves (cart), 0);
  g_assert_true (ks_save_item_is_whole_image (whole));
  ks_details_pane_show (pane (), cart, whole);
  text = read_details ();
  assert_shows (text, "Money: 12345");
  assert_shows (text, "Slot B sectors: all 14 intact");
  /* a save row carries the verifier's verdict too, not an empty heading */
  assert_shows (text, "Verified: no problems found.");
}

static void
test_mmc_capacity_map (void)
{
  KsDevice *card = device_by_platform ("gb");
  g_autofree char *text = NULL;
  KsCapacityMap *map;
  guint free_blocks = 0;

  select_device (card);
  text = read_details ();

  map = KS_CAPACITY_MAP (ks_test_ui_find_child (GTK_WIDGET (pane ()), KS_TYPE_CAPACITY_MAP));
  g_assert_nonnull (map);
  g_assert_cmpuint (ks_capacity_map_get_n_blocks (map), ==, 2032);
  for (guint b = 0; b < 2032; b++)
    {
      gint owner = ks_capacity_map_get_owner (map, b);

      g_assert_cmpint (owner, >=, 0);
      g_assert_cmpint (owner, <=, 3);
      free_blocks += owner == KS_CAPACITY_FREE ? 1 : 0;
    }
  /* the first save is written first, from block 0 */
  g_assert_cmpint (ks_capacity_map_get_owner (map, 0), ==, 1);
  g_assert_cmpuint (free_blocks, >, 1500);

  assert_shows (text, "3 saves use ");
  assert_shows (text, " of 2032 blocks; ");
  assert_shows (text, "; 0 orphaned");
  assert_shows (text, "KEEPSAKE RPG: 8.0 KiB in ");
  assert_shows (text, "KEEPSAKE RACER: 32.0 KiB in ");
  assert_shows (text, "Free");
  /* a fresh card's options (mega-memory-card.md §2.1) */
  assert_shows (text, "Icons: On");
  assert_shows (text, "Inverse display: On");
  assert_shows (text, "Sound: On");
  assert_shows (text, "Unique names: Off");
}

static void
test_saturn_saves (void)
{
  KsDevice *saturn = device_by_platform ("saturn");
  KsDevice *folder = device_by_platform ("folder");
  g_autoptr(KsSaveItem) first = g_list_model_get_item (ks_device_get_saves (saturn), 0);
  g_autofree char *text = NULL;

  select_device (saturn);
  text = read_details ();
  assert_shows (text, "Container: Plain bytes");
  assert_shows (text, "Save data size: 32.0 KiB");
  assert_shows (text, "Internal memory: ");
  assert_shows (text, " blocks used, ");
  assert_shows (text, "Name: KSDEMO_RACE");
  assert_shows (text, "Comment: KEEPSAKE");
  assert_shows (text, "Language: English");
  assert_shows (text, "Saved: 1997-06-01 10:30");
  g_assert_nonnull (ks_test_ui_find_child (GTK_WIDGET (pane ()), GTK_TYPE_LEVEL_BAR));
  g_clear_pointer (&text, g_free);

  /* one save selected: its own entry */
  ks_details_pane_show (pane (), saturn, first);
  text = read_details ();
  assert_shows (text, "KSDEMO_RACE");
  assert_shows (text, "Language: English");
  assert_shows (text, "Saved: ");
  assert_shows (text, "Space on the medium: ");
  assert_shows (text, "Verified: no problems found.");
  g_clear_pointer (&text, g_free);

  select_device (folder);
  text = read_details ();
  assert_shows (text, "Name: KSDEMO_SHMP");
  assert_shows (text, "Language: English");
}

static void
test_game_boy_is_not_claimed_verified (void)
{
  KsDemo *demo = ks_application_get_demo (app);
  KsDevice *top = ks_device_get_top_cart (device_by_platform ("gb"));
  g_autoptr(KsDevice) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (top);
  select_device (device_by_platform ("gb"));
  ks_details_pane_show (pane (), top, NULL);
  text = read_details ();
  assert_shows (text, "Save RAM: 32.0 KiB");
  assert_shows (text, "Banks: 4 banks of 8 KiB");
  assert_shows (text, "Keepsake has no checks for this kind of save.");
  g_assert_null (strstr (text, "Verified"));
  g_clear_pointer (&text, g_free);

  /* the same RAM as a plain .sav file */
  file = ks_device_new_for_file (ks_demo_get_gb_path (demo), &error);
  g_assert_no_error (error);
  ks_details_pane_show (pane (), file, NULL);
  text = read_details ();
  assert_shows (text, "Save RAM: 32.0 KiB");
  assert_shows (text, "Keepsake has no checks for this kind of save.");
  g_assert_null (strstr (text, "Verified"));
}

/* @content written to @path, opened as a file device and shown */
static char *
read_file_details (const char *path,
                   GBytes     *content)
{
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (content, NULL),
                                      g_bytes_get_size (content), &error));
  device = ks_device_new_for_file (path, &error);
  g_assert_no_error (error);
  ks_details_pane_show (pane (), device, NULL);

  return read_details ();
}

/* A .BUP with a Japanese comment (Shift-JIS 83 5A 81 5B 83 75, "セーブ",
 * language byte 0), and Mednafen's gzip-compressed cartridge file: the
 * container in words and the save data's size beside the file's */
static void
test_saturn_japanese_and_gzip (void)
{
  static const guint8 comment[] = { 0x83, 0x5A, 0x81, 0x5B, 0x83, 0x75 };
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *bup_path = g_build_filename (dir, "JPSAVE.BUP", NULL);
  g_autofree char *bcr_path = g_build_filename (dir, "cart.bcr", NULL);
  g_autoptr(GBytes) payload = ks_test_random_bytes (200, 3);
  g_autoptr(GBytes) bup = NULL;
  g_autoptr(GBytes) bcr = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                         KS_SATURN_CONTAINER_GZIP);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KsSaturnSaveMeta meta = { 0 };

  g_assert_true (ks_saturn_save_meta_set_name (&meta, "JPSAVE", &error));
  memcpy (meta.comment, comment, sizeof comment);
  meta.language = 0;
  meta.size = 200;
  bup = ks_bup_build (&meta, g_bytes_get_data (payload, NULL), 0);
  text = read_file_details (bup_path, bup);
  assert_shows (text, "Container: .BUP file");
  assert_shows (text, "Name: JPSAVE");
  assert_shows (text, "Comment: セーブ");
  assert_shows (text, "Language: Japanese");
  g_clear_pointer (&text, g_free);

  g_assert_cmpuint (g_bytes_get_size (bcr), <, 64 * 1024);
  text = read_file_details (bcr_path, bcr);
  assert_shows (text, "Container: Mednafen, gzip-compressed");
  assert_shows (text, "Save data size: 512.0 KiB");
  /* saturn.md §1.2: a formatted partition keeps two blocks for itself */
  assert_shows (text, "Cartridge: 2 of 1024 blocks used, 1022 free (512 bytes each)");
  assert_shows (text, "File size: 570 bytes\n");
  assert_shows (text, "No saves yet.");
}

/* A Game Boy cart read in a reader: its title and mapper from the header */
static void
test_game_boy_cart_title_and_mapper (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 21);
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("KS MAPPER", KS_GB_MBC_MBC1, 8192);
  g_autoptr(KsTestEmulator) emu = ks_test_emulator_start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC1,
                                                                                   ram, rom),
                                                          KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsDevice) device = ks_device_new_for_port (ks_test_emulator_get_path (emu));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  while (ks_device_get_busy (device) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ks_device_get_busy (device));

  ks_details_pane_show (pane (), device, NULL);
  text = read_details ();
  assert_shows (text, "Cart title: KS MAPPER");
  assert_shows (text, "Mapper: MBC1");
  assert_shows (text, "Save RAM: 8.0 KiB");
  assert_shows (text, "Keepsake has no checks for this kind of save.");
  g_assert_null (strstr (text, "Verified"));
}

static void
test_backup_tells_what_changed (void)
{
  KsDemo *demo = ks_application_get_demo (app);
  KsLibrary *library = ks_window_get_library (window);
  g_autoptr(GBytes) before = ks_test_read_file (ks_demo_get_gen3_path (demo));
  g_autoptr(GBytes) after = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsBackupItem) item = NULL;
  KsBackupEntry *first, *second;
  g_autofree char *text = NULL;

  /* the same save after an hour and a quarter of play and some money */
  container = ks_container_new_from_bytes (before, "pokemon.sav", "gen3", &error);
  g_assert_no_error (error);
  g_assert_true (ks_gen3_set_trainer_field (ks_container_get_impl (container), "money", "20000",
                                            FALSE, &error));
  g_assert_true (ks_gen3_set_trainer_field (ks_container_get_impl (container), "hours", "13",
                                            FALSE, &error));
  g_assert_true (ks_gen3_set_trainer_field (ks_container_get_impl (container), "minutes", "49",
                                            FALSE, &error));
  g_assert_no_error (error);
  after = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  first = ks_library_add (library, before, "details-test", "DETAILS TEST", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_usleep (2000);   /* ids and times order the backups */
  second = ks_library_add (library, after, "details-test", "DETAILS TEST", "gen3",
                           KS_BACKUP_REASON_BEFORE_WRITE, &error);
  g_assert_no_error (error);

  item = ks_backup_item_new (second);
  ks_details_pane_show_backup (pane (), item);
  text = read_details ();
  assert_shows (text, "Since the previous backup");
  assert_shows (text, "money 12345 → 20000");
  assert_shows (text, "play time +1 h 15 min");
  assert_shows (text, "Why: ");
  assert_shows (text, "From: details-test");
  assert_shows (text, "Format: Pokémon Gen III save");
  g_clear_pointer (&text, g_free);
  g_clear_object (&item);

  item = ks_backup_item_new (first);
  ks_details_pane_show_backup (pane (), item);
  text = read_details ();
  assert_shows (text, "The first backup of this cart");

  ks_backup_entry_free (first);
  ks_backup_entry_free (second);
}

/* A raw 128 KiB GBA flash save that an older Keepsake stored as Gen III:
 * the pane says what the bytes are, not what was stored */
static void
test_backup_format_from_its_bytes (void)
{
  KsLibrary *library = ks_window_get_library (window);
  g_autoptr(GBytes) flash = ks_test_random_bytes (128 * 1024, 0x61);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsBackupItem) item = NULL;
  g_autofree char *text = NULL;
  KsBackupEntry *entry;

  entry = ks_library_add (library, flash, "old-gba-cart", "OLD GBA CART", "gen3",
                          KS_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);

  item = ks_backup_item_new (entry);
  ks_details_pane_show_backup (pane (), item);
  text = read_details ();
  assert_shows (text, "Format: GBA cartridge save");
  g_assert_null (strstr (text, "Gen III"));
  ks_backup_entry_free (entry);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ks_test_ui_init (&argc, &argv))
    return 77;

  window = ks_test_ui_new_demo_window (&app);

  g_test_add_func ("/details/gen3-trainer-card", test_gen3_trainer_card);
  g_test_add_func ("/details/mmc-capacity-map", test_mmc_capacity_map);
  g_test_add_func ("/details/saturn-saves", test_saturn_saves);
  g_test_add_func ("/details/game-boy-is-not-claimed-verified", test_game_boy_is_not_claimed_verified);
  g_test_add_func ("/details/saturn-japanese-and-gzip", test_saturn_japanese_and_gzip);
  g_test_add_func ("/details/game-boy-cart-title-and-mapper", test_game_boy_cart_title_and_mapper);
  g_test_add_func ("/details/backup-tells-what-changed", test_backup_tells_what_changed);
  g_test_add_func ("/details/backup-format-from-its-bytes", test_backup_format_from_its_bytes);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
