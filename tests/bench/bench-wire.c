/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* bench-wire.c — what crosses the USB serial link when a user backs up,
 * restores and inserts through keepsake-cli, counted by the emulated
 * reader (keepsake-emulator --stats), beside FlashGBX 4.5's figures on the
 * same emulated reader and beside a write that rewrites the whole chip.
 *
 * The modelled time is the link's cost on a real GBxCart RW
 * (cart-reader-protocol.md §1.1): every byte at the baud rate in force,
 * 10 bits each, plus 1 ms of USB latency for every command that waits for
 * a reply.  The emulator counts both from its deterministic command
 * stream, so the figures are the same on every run; the firmware's and the
 * chips' own waits, which the emulator also counts, are printed beside
 * them.  Reported, not asserted.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"

typedef struct
{
  guint64 round_trips;
  guint64 bytes;
  guint64 link_usec;
  guint64 device_usec;
  guint   power_ons;
  guint   baud_switches;
} Wire;

typedef struct
{
  GSubprocess *process;
  char        *port;
} Emulator;

static void
emulator_start (Emulator           *emu,
                const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, "--stats");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  emu->process = ks_test_spawn_emulator ((const char * const *) argv->pdata,
                                         G_SUBPROCESS_FLAGS_STDERR_PIPE, &emu->port);
}

static guint64
stat_value (const char *line,
            const char *key)
{
  g_autofree char *needle = g_strconcat (" ", key, "=", NULL);
  const char *at = strstr (line, needle);

  g_assert_nonnull (at);
  return g_ascii_strtoull (at + strlen (needle), NULL, 10);
}

static void
emulator_stop (Emulator *emu,
               Wire     *wire)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  char *line;

  g_subprocess_send_signal (emu->process, SIGTERM);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (emu->process));
  memset (wire, 0, sizeof *wire);
  while ((line = g_data_input_stream_read_line (err, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "keepsake-emulator: stats "))
        {
          wire->round_trips = stat_value (line, "round_trips");
          wire->bytes = stat_value (line, "bytes_in") + stat_value (line, "bytes_out");
          wire->link_usec = stat_value (line, "link_usec");
          wire->device_usec = stat_value (line, "device_usec");
          wire->power_ons = (guint) stat_value (line, "power_ons");
          wire->baud_switches = (guint) stat_value (line, "baud_switches");
        }
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (emu->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wire->round_trips, >, 0);
  g_clear_object (&emu->process);
  g_clear_pointer (&emu->port, g_free);
}

/* keepsake-cli @args --json with its backup library in @home, "PORT"
 * standing for @port; returns the JSON */
static JsonObject *
cli (const char         *home,
     const char         *port,
     const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_ptr_array_add (argv, (char *) g_getenv ("KEEPSAKE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) (g_str_equal (args[i], "PORT") ? port : args[i]));
  g_ptr_array_add (argv, "--json");
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("keepsake-cli %s failed: %s", args[0], err);

  return ks_test_parse_json_object (out);
}

/* Runs one command (@args, "PORT" for the emulator's port) against a
 * fresh emulator serving @emulator_args; @json gets the command's output
 * when not NULL.  The emulator writes its chip back to its file at exit:
 * @restore, when not NULL, is put back in @file afterwards. */
static void
measure (const char * const  *emulator_args,
         const char          *home,
         const char * const  *args,
         Wire                *wire,
         JsonObject         **json,
         const char          *file,
         GBytes              *restore)
{
  Emulator emu = { 0 };
  JsonObject *object;

  emulator_start (&emu, emulator_args);
  object = cli (home, emu.port, args);
  emulator_stop (&emu, wire);

  if (restore != NULL)
    g_assert_true (g_file_set_contents (file, g_bytes_get_data (restore, NULL),
                                        g_bytes_get_size (restore), NULL));
  if (json != NULL)
    *json = object;
  else
    json_object_unref (object);
}

static void
row (const char *label,
     guint64     round_trips,
     guint64     bytes,
     double      seconds,
     const char *note)
{
  g_print ("  %-46s %7" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT " %8.2f  %s\n", label,
           round_trips, bytes, seconds, note);
}

static void
wire_row (const char *label,
          const Wire *wire,
          const char *extra)
{
  g_autofree char *note =
    g_strdup_printf ("%s baud; device/chip waits %.2f s, %u power-on(s)%s%s",
                     wire->baud_switches > 0 ? "1.5M" : "1M", wire->device_usec / 1e6,
                     wire->power_ons, extra != NULL ? "; " : "", extra != NULL ? extra : "");

  row (label, wire->round_trips, wire->bytes, wire->link_usec / 1e6, note);
}

static void
header (const char *title)
{
  g_print ("\n%s\n  %-46s %7s %10s %8s\n", title, "", "trips", "bytes", "model s");
}

static char *
home_dir (const char *dir,
          const char *name)
{
  char *home = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (home, 0700);
  return home;
}

static void
bench_backup (const char *dir,
              const char *save_path)
{
  const char *emulator[] = { "--gba-flash", save_path, NULL };
  const char *backup[] = { "backup", "PORT", NULL };
  g_autofree char *home = home_dir (dir, "backup-home");
  Wire fresh, known;

  measure (emulator, home, backup, &fresh, NULL, NULL, NULL);
  measure (emulator, home, backup, &known, NULL, NULL, NULL);

  header ("Back up a 128 KiB GBA flash save (Pokemon Emerald, MX29L010), checked:");
  row ("Keepsake before (issue 14: 64-byte reads, x2)", 4146, 266986, 6.8, "");
  row ("FlashGBX 4.5 (one read, no check)", 2202, 135305, 3.6, "");
  wire_row ("Keepsake, save not in the library (2 reads)", &fresh, NULL);
  wire_row ("Keepsake, save already in the library (1 read)", &known, NULL);
  g_print ("  goal: <= 2.8 s, still checked\n");
}

/* One write job: its wire figures and the sectors it erased */
static void
measure_write (const char * const *emulator,
               const char         *home,
               const char * const *args,
               const char         *file,
               GBytes             *original,
               Wire               *wire,
               char              **note)
{
  g_autoptr(JsonObject) json = NULL;
  JsonObject *written;

  measure (emulator, home, args, wire, &json, file, original);
  written = json_object_has_member (json, "written")
            ? json_object_get_object_member (json, "written") : json;
  *note = g_strdup_printf ("%u sectors",
                           (guint) json_object_get_int_member (written, "sectors_erased"));
}

static void
bench_restore (const char *dir,
               const char *save_path,
               const char *edited_path,
               const char *other_path)
{
  const char *emulator[] = { "--gba-flash", save_path, NULL };
  const char *backup[] = { "backup", "PORT", NULL };
  const char *restore[] = { "restore", "PORT", edited_path, NULL };
  const char *rewrite[] = { "restore", "PORT", other_path, NULL };
  g_autofree char *home_new = home_dir (dir, "restore-new");
  g_autofree char *home_known = home_dir (dir, "restore-known");
  g_autofree char *home_full = home_dir (dir, "restore-full");
  g_autoptr(GBytes) original = ks_test_read_file (save_path);
  g_autofree char *note_new = NULL;
  g_autofree char *note_known = NULL;
  g_autofree char *note_full = NULL;
  Wire wire_new, wire_backup, wire_known, wire_full;

  /* each write starts from the unedited save */
  measure_write (emulator, home_new, restore, save_path, original, &wire_new, &note_new);
  measure (emulator, home_known, backup, &wire_backup, NULL, NULL, NULL);
  measure_write (emulator, home_known, restore, save_path, original, &wire_known, &note_known);
  measure_write (emulator, home_full, rewrite, save_path, original, &wire_full, &note_full);

  header ("Restore a Pokemon save changed in one field (money) to the cart:");
  row ("Keepsake before (14 sectors, 3 full reads)", 8973, 583357, 14.8, "");
  row ("FlashGBX 4.5 (32 sectors)", 2866, 254382, 5.4, "");
  wire_row ("Keepsake, cart's save not in the library", &wire_new, note_new);
  wire_row ("Keepsake, cart's save in the library", &wire_known, note_known);
  wire_row ("Keepsake, a save that differs everywhere", &wire_full, note_full);
  g_print ("  goal: <= 4.3 s\n");
}

static void
bench_mmc (const char *dir)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  /* a save that does not compress: the worst case for the card's RLE */
  g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 0xB0);
  g_autoptr(GBytes) full = NULL;
  g_autofree char *card_path = ks_test_write_file (dir, "card.bin", card);
  g_autofree char *save_path = ks_test_write_file (dir, "noise.sav", sram);
  g_autofree char *full_path = NULL;
  g_autofree char *home_insert = home_dir (dir, "mmc-insert");
  g_autofree char *home_named = home_dir (dir, "mmc-named");
  g_autofree char *home_full = home_dir (dir, "mmc-full");
  g_autofree char *note_insert = NULL;
  g_autofree char *note_named = NULL;
  g_autofree char *note_full = NULL;
  const char *emulator[] = { "--mmc", card_path, NULL };
  const char *insert[] = { "insert", "PORT", save_path, "--name", "NOISE", NULL };
  const char *named[] = { "insert", "PORT", save_path, "--name", "NOISE", "--cart", "mmc", NULL };
  const char *rewrite[] = { "restore", "PORT", NULL, "--force", "--cart", "mmc", NULL };
  Wire wire_insert, wire_named, wire_full;
  guint8 *bytes;
  gsize size;

  /* a card whose every 256-byte sector differs from the first one's */
  size = g_bytes_get_size (card);
  bytes = g_memdup2 (g_bytes_get_data (card, NULL), size);
  for (gsize at = 0; at < size; at += 256)
    for (gsize i = 0; i < 256; i++)
      bytes[at + i] = (guint8) (bytes[at + i] ^ (0x5A + i));
  full = g_bytes_new_take (bytes, size);
  full_path = ks_test_write_file (dir, "other-card.bin", full);
  rewrite[2] = full_path;

  measure_write (emulator, home_insert, insert, card_path, card, &wire_insert, &note_insert);
  measure_write (emulator, home_named, named, card_path, card, &wire_named, &note_named);
  measure_write (emulator, home_full, rewrite, card_path, card, &wire_full, &note_full);

  header ("Insert an 8 KiB save into a Mega Memory Card holding two (SST 28SF040, 512 KiB):");
  row ("Keepsake before (card read 3 times)", 12261, 1685028, 29.0,
       "issue 14's figure, for its own 8 KiB save");
  row ("FlashGBX 4.5", 0, 0, 0, "cannot: no Mega Memory Card support");
  wire_row ("Keepsake, keepsake-cli insert", &wire_insert, note_insert);
  wire_row ("Keepsake, keepsake-cli insert --cart mmc", &wire_named, note_named);
  wire_row ("Keepsake, whole-chip rewrite (restore --force)", &wire_full, note_full);
  g_print ("  goal: <= 12 s\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x2468ACE0);
  g_autofree guint8 *other_blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x13579BDF);
  /* both slots written, as on a cart that has been played */
  g_autoptr(GBytes) save = gen3_build (KS_GEN3_GAME_EMERALD, blocks, 2, 1);
  g_autoptr(GBytes) other = gen3_build (KS_GEN3_GAME_EMERALD, other_blocks, 8, 7);
  g_autoptr(KsContainer) container = gen3_open (save);
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *save_path = ks_test_write_file (dir, "emerald.sav", save);
  g_autofree char *edited_path = NULL;
  g_autofree char *other_path = ks_test_write_file (dir, "other.sav", other);

  ks_gen3_set_trainer_field (gen3_save (container), "money", "654321", FALSE, &error);
  g_assert_no_error (error);
  ks_container_mark_modified (container);
  edited = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  edited_path = ks_test_write_file (dir, "emerald-edited.sav", edited);

  g_print ("What crosses the link, counted by keepsake-emulator --stats; modelled time = "
           "bytes at the baud rate (10 bits a byte) + 1 ms a round trip (FlashGBX 4.5 and "
           "Keepsake-before figures from issue 14, same model).  The inserted save is 8 KiB "
           "of noise, the worst case for the card's compression:\n");
  bench_backup (dir, save_path);
  bench_restore (dir, save_path, edited_path, other_path);
  bench_mmc (dir);
  return 0;
}
