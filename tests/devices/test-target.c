/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-target.c — the one read of a target (ks_target_read()): save
 * files, a folder of .BUP files and the emulated reader on a pty, and the
 * inputs it must refuse or explain */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-emulator.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"
#include "saturn-builder.h"

/* An Emerald save in both slots (gen3.md §8, the tests' own writer) */
static GBytes *
emerald_save (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x1234);

  return gen3_build (KS_GEN3_GAME_EMERALD, blocks, 4, 3);
}

/* Reads @path with the format's checks; the read must succeed */
static KsTargetReading *
read_ok (const char *path)
{
  KsTargetReadOptions options = { KS_TARGET_READ_VERIFY };
  g_autoptr(GError) error = NULL;
  KsTargetReading *reading = NULL;

  g_assert_true (ks_target_read (path, &options, NULL, &reading, &error));
  g_assert_no_error (error);
  g_assert_nonnull (reading);
  g_assert_cmpstr (reading->path, ==, path);
  return reading;
}

static KsTargetReading *
assert_file_reads_as (GBytes     *content,
                      const char *name,
                      const char *format_id)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = ks_test_write_file (dir, name, content);
  KsTargetReading *reading = read_ok (path);

  g_assert_cmpint (reading->kind, ==, KS_TARGET_FILE);
  g_assert_cmpstr (reading->file_name, ==, name);
  g_assert_cmpstr (reading->title, ==, name);
  ks_test_assert_bytes_equal (reading->bytes, content);
  g_assert_no_error (reading->format_error);
  g_assert_nonnull (reading->container);
  g_assert_cmpstr (ks_container_get_format (reading->container)->id, ==, format_id);
  g_assert_nonnull (reading->findings);
  g_assert_false (ks_findings_has_errors (reading->findings));
  g_assert_nonnull (reading->saves);
  /* nothing of a port */
  g_assert_null (reading->reader_name);
  g_assert_false (reading->detected);
  g_assert_null (reading->reader);
  g_assert_null (reading->folder);
  return reading;
}

static void
test_gen3_sav (void)
{
  g_autoptr(GBytes) save = emerald_save ();
  g_autoptr(KsTargetReading) reading = NULL;
  const KsSaveInfo *info;

  g_assert_cmpuint (g_bytes_get_size (save), ==, 131072);
  reading = assert_file_reads_as (save, "emerald.sav", "gen3");

  /* a single save lists as one: the whole file, under its name */
  g_assert_cmpuint (reading->saves->len, ==, 1);
  info = g_ptr_array_index (reading->saves, 0);
  g_assert_cmpuint (info->index, ==, 0);
  g_assert_cmpstr (info->name, ==, "emerald.sav");
  g_assert_cmpuint (info->size, ==, 131072);
}

static void
test_mmc_image (void)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(KsTargetReading) reading = NULL;

  g_assert_cmpuint (g_bytes_get_size (card), ==, 524288);
  reading = assert_file_reads_as (card, "card.bin", "mmc");

  /* mega-memory-card.md §8: both saves of the worked example */
  g_assert_cmpuint (reading->saves->len, ==, 2);
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (reading->saves, 0))->name, ==, "ZELDA DX");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (reading->saves, 1))->name, ==,
                   "POKEMON RED");
}

static void
test_saturn_image (void)
{
  g_autoptr(GBytes) internal = ks_test_saturn_minimal_internal ();
  g_autoptr(KsTargetReading) reading = NULL;

  g_assert_cmpuint (g_bytes_get_size (internal), ==, 32768);
  reading = assert_file_reads_as (internal, "internal.bin", "saturn-bram");
  /* saturn.md §7 vector 8: the Dezaemon save in block 2 */
  g_assert_cmpuint (reading->saves->len, ==, 1);
}

static void
test_format_named (void)
{
  g_autoptr(GBytes) save = emerald_save ();
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = ks_test_write_file (dir, "emerald.sav", save);
  g_autoptr(KsTargetReading) reading = NULL;
  KsTargetReadOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  /* --format: the bytes open as the format named, not the one found */
  options.format_id = "gb-sav";
  g_assert_true (ks_target_read (path, &options, NULL, &reading, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ks_container_get_format (reading->container)->id, ==, "gb-sav");
  /* no checks asked for, none run */
  g_assert_null (reading->findings);
}

static void
test_bup_folder (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autofree char *file = ks_test_write_file (dir, "DAYTONA_.BUP", bup);
  g_autoptr(KsTargetReading) reading = read_ok (dir);
  g_autoptr(GPtrArray) saves = NULL;

  g_assert_cmpint (reading->kind, ==, KS_TARGET_FOLDER);
  g_assert_nonnull (reading->folder);
  g_assert_null (reading->bytes);
  g_assert_null (reading->container);
  saves = g_ptr_array_ref (reading->saves);
  g_assert_cmpuint (saves->len, ==, 1);
  g_assert_cmpstr (ks_bup_folder_get_file (reading->folder, 0), ==, "DAYTONA_.BUP");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 0))->name, ==, "DAYTONA__00");
  g_assert_false (ks_findings_has_errors (reading->findings));
}

static void
test_empty_folder (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(KsTargetReading) reading = read_ok (dir);
  g_autoptr(GPtrArray) saves = ks_bup_folder_list (reading->folder);

  /* a folder for .BUP files with none yet: somewhere a save can go */
  g_assert_cmpint (reading->kind, ==, KS_TARGET_FOLDER);
  g_assert_cmpuint (saves->len, ==, 0);
}

/* A Pokémon cart in the emulated GBxCart RW v1.4a: who the reader is,
 * what the cart is, its save read and opened */
static void
test_port (void)
{
  g_autoptr(GBytes) save = emerald_save ();
  g_autoptr(GBytes) rom = ks_cart_rom_new_gba ("POKEMON EMER", "BPEE");
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, save,
                                                            rom),
                            KS_LK_PROFILE_L14, NULL);
  const char *port = ks_test_emulator_get_path (emu);
  g_autoptr(KsTargetReading) reading = NULL;

  g_assert_true (ks_target_is_port (port));
  reading = read_ok (port);
  g_assert_cmpint (reading->kind, ==, KS_TARGET_PORT);
  g_assert_nonnull (strstr (reading->reader_name, "(R42+L14)"));
  g_assert_nonnull (reading->rate);
  g_assert_true (reading->detected);
  g_assert_cmpint (reading->cart_info.kind, ==, KS_CART_GBA_FLASH);
  g_assert_true (reading->cart_info.sure);
  g_assert_cmpstr (reading->cart_info.title, ==, "POKEMON EMER");
  g_assert_cmpstr (reading->title, ==, "POKEMON EMER");
  g_assert_nonnull (strstr (reading->cart, "C209"));
  ks_test_assert_bytes_equal (reading->bytes, save);
  g_assert_cmpstr (ks_container_get_format (reading->container)->id, ==, "gen3");
  g_assert_false (ks_findings_has_errors (reading->findings));
  /* not asked to stay open: closed, the port free for the next user */
  g_assert_null (reading->reader);
  g_assert_null (reading->top);
}

typedef struct
{
  GPtrArray *phases;
  gsize      last_done;
  gsize      total;
} Progress;

static void
on_progress (const char *phase,
             gsize       done,
             gsize       total,
             gpointer    user_data)
{
  Progress *progress = user_data;
  const char *last = progress->phases->len > 0
                       ? g_ptr_array_index (progress->phases, progress->phases->len - 1) : NULL;

  if (g_strcmp0 (last, phase) != 0)
    g_ptr_array_add (progress->phases, g_strdup (phase));
  progress->last_done = done;
  progress->total = total;
}

static void
test_port_kept_open (void)
{
  g_autoptr(GBytes) save = emerald_save ();
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, save,
                                                            NULL),
                            KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsTargetReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func (g_free);
  Progress progress = { phases, 0, 0 };
  KsTargetReadOptions options = { KS_TARGET_READ_KEEP_OPEN };
  g_autofree char *reading_phase = NULL;

  options.progress = on_progress;
  options.progress_data = &progress;
  g_assert_true (ks_target_read (ks_test_emulator_get_path (emu), &options, NULL, &reading,
                                 &error));
  g_assert_no_error (error);

  /* the phases a job shows, in order; GBA flash has no CRC on the reader
   * and no library vouches for the first read: the save is read twice */
  reading_phase = g_strdup_printf ("Reading the cart (%s)", reading->rate);
  g_assert_cmpuint (phases->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (phases, 0), ==, "Identifying the cart");
  g_assert_cmpstr (g_ptr_array_index (phases, 1), ==, reading_phase);
  g_assert_cmpuint (progress.last_done, ==, 2 * 131072);
  g_assert_cmpuint (progress.total, ==, 2 * 131072);

  /* a job that writes next goes on on the open reader */
  g_assert_nonnull (reading->reader);
  g_assert_true (KS_IS_LK_READER (reading->reader));
  ks_test_assert_bytes_equal (reading->bytes, save);
}

/* A Mega Memory Card with a Game Boy cart on top: both read on one open */
static void
test_port_top_cart (void)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) ram = ks_test_mmc_zelda_sram ();
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_mmc (card,
                                                      ks_emulated_cart_new_gb (KS_GB_MBC_MBC5,
                                                                               ram, NULL),
                                                      KS_MMC_DECODE_OSCR_COMPATIBLE),
                            KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsTargetReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  KsTargetReadOptions options = { KS_TARGET_READ_TOP | KS_TARGET_READ_VERIFY };

  g_assert_true (ks_target_read (ks_test_emulator_get_path (emu), &options, NULL, &reading,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpint (reading->cart_info.kind, ==, KS_CART_MMC);
  ks_test_assert_bytes_equal (reading->bytes, card);
  g_assert_cmpstr (ks_container_get_format (reading->container)->id, ==, "mmc");

  g_assert_no_error (reading->top_error);
  g_assert_nonnull (reading->top);
  g_assert_cmpint (reading->top->kind, ==, KS_TARGET_PORT);
  g_assert_cmpint (reading->top->cart_info.kind, ==, KS_CART_GB_ON_MMC);
  g_assert_cmpstr (reading->top->reader_name, ==, reading->reader_name);
  g_assert_cmpuint (g_bytes_get_size (reading->top->bytes), ==, g_bytes_get_size (ram));
  ks_test_assert_bytes_equal (reading->top->bytes, ram);
  g_assert_nonnull (reading->top->findings);
}

/* ---- what it refuses or explains ---- */

static void
test_missing_path (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gone.sav", NULL);
  g_autoptr(KsTargetReading) reading = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_target_read (path, NULL, NULL, &reading, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));
  /* what was learnt: only that it was taken for a file */
  g_assert_nonnull (reading);
  g_assert_cmpint (reading->kind, ==, KS_TARGET_FILE);
  g_assert_null (reading->bytes);
}

static void
test_missing_port (void)
{
  const char *port = "/dev/ttyKEEPSAKE-NOT-THERE";
  g_autoptr(KsTargetReading) reading = NULL;
  g_autoptr(GError) error = NULL;

  /* a reader unplugged is still a port, and says so */
  g_assert_true (ks_target_is_port (port));
  g_assert_false (ks_target_read (port, NULL, NULL, &reading, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, port));
  g_assert_cmpint (reading->kind, ==, KS_TARGET_PORT);
  g_assert_null (reading->reader_name);
  g_assert_false (reading->detected);
}

static void
test_folder_of_other_files (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) text = g_bytes_new_static ("notes\n", 6);
  g_autofree char *file = ks_test_write_file (dir, "notes.txt", text);
  g_autoptr(KsTargetReading) reading = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_target_read (dir, NULL, NULL, &reading, &error));
  g_assert_error (error, KS_TARGET_ERROR, KS_TARGET_ERROR_NOT_A_SAVE_FOLDER);
  g_assert_nonnull (strstr (error->message, "without .BUP files"));
  g_assert_null (reading->folder);
}

static void
test_empty_file (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree char *path = ks_test_write_file (dir, "empty.sav", empty);
  g_autoptr(KsTargetReading) reading = read_ok (path);

  /* read, and no format takes nothing: its size and hash are still facts */
  g_assert_cmpuint (g_bytes_get_size (reading->bytes), ==, 0);
  g_assert_null (reading->container);
  g_assert_error (reading->format_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED);
  g_assert_cmpstr (reading->format_error->message, ==,
                   "The file is empty: there is no save in it.");
}

static void
test_truncated_file (void)
{
  g_autoptr(GBytes) save = emerald_save ();
  /* a copy cut off 100,000 bytes in */
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (save, 0, 100000);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = ks_test_write_file (dir, "emerald.sav", cut);
  g_autoptr(KsTargetReading) reading = read_ok (path);

  ks_test_assert_bytes_equal (reading->bytes, cut);
  /* the name says Gen III, and Gen III says what is wrong with the size */
  g_assert_null (reading->container);
  g_assert_error (reading->format_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (reading->format_error->message,
                                   "The file is 100,000 bytes; a Gen III save is 131,072 bytes"));
}

static void
test_all_ff (void)
{
  g_autoptr(GBytes) erased = NULL;
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  guint8 *ff = g_malloc (131072);

  memset (ff, 0xFF, 131072);
  erased = g_bytes_new_take (ff, 131072);
  path = ks_test_write_file (dir, "emerald.sav", erased);
  reading = read_ok (path);

  /* an erased chip is never taken for a Pokémon save, whatever its name */
  ks_test_assert_bytes_equal (reading->bytes, erased);
  if (reading->container != NULL)
    g_assert_cmpstr (ks_container_get_format (reading->container)->id, !=, "gen3");
  else
    g_assert_nonnull (reading->format_error);
}

/* Device rows read through it: a file's row holds what the read gives,
 * and a folder of other files is refused with the same sentence */
static void
test_device_rows (void)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = ks_test_write_file (dir, "card.bin", card);
  g_autofree char *other = g_build_filename (dir, "documents", NULL);
  g_autofree char *empty = ks_test_make_tmpdir ();
  g_autoptr(GBytes) text = g_bytes_new_static ("notes\n", 6);
  g_autofree char *note = NULL;
  g_autoptr(KsTargetReading) reading = read_ok (path);
  g_autoptr(KsDevice) file = NULL;
  g_autoptr(KsDevice) folder = NULL;
  g_autoptr(GError) error = NULL;

  file = ks_device_new_for_file (path, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (ks_device_get_bytes (file), reading->bytes);
  g_assert_cmpstr (ks_container_get_format (ks_device_get_container (file))->id, ==, "mmc");
  g_assert_cmpuint (ks_device_get_findings (file)->len, ==, reading->findings->len);

  /* a folder is no file row */
  g_assert_null (ks_device_new_for_file (empty, &error));
  g_assert_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  note = ks_test_write_file (other, "notes.txt", text);
  folder = ks_device_new_for_folder (other, &error);
  g_assert_null (folder);
  g_assert_error (error, KS_TARGET_ERROR, KS_TARGET_ERROR_NOT_A_SAVE_FOLDER);
}

static void
test_kinds (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autofree char *file = ks_test_write_file (dir, "x.sav", bytes);

  g_assert_cmpint (ks_target_kind_of (dir), ==, KS_TARGET_FOLDER);
  g_assert_cmpint (ks_target_kind_of (file), ==, KS_TARGET_FILE);
  g_assert_cmpint (ks_target_kind_of ("/dev/ttyUSB77"), ==, KS_TARGET_PORT);
  g_assert_false (ks_target_is_port (file));
  g_assert_false (ks_target_is_port (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/target/kinds", test_kinds);
  g_test_add_func ("/target/file/gen3-sav", test_gen3_sav);
  g_test_add_func ("/target/file/mmc-image", test_mmc_image);
  g_test_add_func ("/target/file/saturn-image", test_saturn_image);
  g_test_add_func ("/target/file/format-named", test_format_named);
  g_test_add_func ("/target/folder/bup-files", test_bup_folder);
  g_test_add_func ("/target/folder/empty", test_empty_folder);
  g_test_add_func ("/target/port/gba-cart", test_port);
  g_test_add_func ("/target/port/kept-open-for-a-write", test_port_kept_open);
  g_test_add_func ("/target/port/mmc-and-top-cart", test_port_top_cart);
  g_test_add_func ("/target/bad/missing-path", test_missing_path);
  g_test_add_func ("/target/bad/missing-port", test_missing_port);
  g_test_add_func ("/target/bad/folder-of-other-files", test_folder_of_other_files);
  g_test_add_func ("/target/bad/empty-file", test_empty_file);
  g_test_add_func ("/target/bad/truncated-file", test_truncated_file);
  g_test_add_func ("/target/bad/all-ff", test_all_ff);
  g_test_add_func ("/target/device/file-and-folder-rows", test_device_rows);

  return g_test_run ();
}
