/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* bench-write.c — the write protocol's sector-minimal writes against
 * rewriting the whole chip, through keepsake-emulator --timing
 * (1,000,000 baud, 1 ms USB round trips, the firmware's and the chips'
 * waits).  Reported, not asserted.
 *
 * Mega Memory Card: inserting one 8 KiB save into a card that holds two
 * others.  A whole-chip rewrite of the SST 28SF040 (2048 sector erases plus
 * every byte that is not 0xFF, one USB round trip per byte,
 * cart-reader-protocol.md §7.1) takes tens of minutes in real time, so
 * it is estimated from three timed runs: a write that changes nothing (the
 * read back alone), one that erases 64 sectors and programs nothing, and
 * the insert itself.  Set KEEPSAKE_BENCH_FULL=1 to time the whole rewrite
 * instead.
 *
 * GBA flash: restoring a Gen III save that changed in one field, against
 * rewriting all 32 sectors of the 128 KiB chip (timed).
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"
#include "mmc-builder.h"

typedef struct
{
  GSubprocess *process;
  KsLkReader  *reader;
  KsCartInfo   info;
} Bench;

static void
bench_start (Bench              *b,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *path = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("KEEPSAKE_EMULATOR"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  b->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (b->process));
  path = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);

  b->reader = ks_lk_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ks_cart_detect (b->reader, NULL, &b->info, &error));
  g_assert_no_error (error);
}

static void
bench_stop (Bench *b)
{
  ks_lk_reader_close (b->reader);
  g_clear_object (&b->reader);
  g_subprocess_send_signal (b->process, SIGTERM);
  g_subprocess_wait (b->process, NULL, NULL);
  g_clear_object (&b->process);
  ks_cart_info_clear (&b->info);
}

/* Writes @content over what the writer is told the cart holds (@previous):
 * every sector where they differ is erased and programmed. */
static void
timed_write (Bench         *b,
             GBytes        *previous,
             GBytes        *content,
             KsWriteResult *result)
{
  g_autoptr(GError) error = NULL;

  ks_write_result_init (result);
  g_assert_true (ks_cart_writer_write (b->reader, &b->info, previous, content, NULL, NULL, NULL,
                                       result, &error));
  g_assert_no_error (error);
  g_assert_true (result->verified);
}

/* @content with one byte changed in each of the sectors @first.. (@n of
 * them): a "previous" that makes the writer rewrite exactly those */
static GBytes *
differing_in (GBytes *content,
              guint32 sector_size,
              guint   first,
              guint   n)
{
  gsize size = g_bytes_get_size (content);
  guint8 *copy = g_memdup2 (g_bytes_get_data (content, NULL), size);

  for (guint s = first; s < first + n && (gsize) s * sector_size < size; s++)
    copy[(gsize) s * sector_size] ^= 0x01;
  return g_bytes_new_take (copy, size);
}

static guint64
non_ff (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint64 n = 0;

  for (gsize i = 0; i < size; i++)
    n += data[i] != 0xFF;
  return n;
}

static void
report (const char          *label,
        const KsWriteResult *result,
        double               seconds)
{
  g_print ("  %-34s %5u sectors erased, %7" G_GUINT64_FORMAT " bytes programmed, %8.2f s\n",
           label, result->sectors_erased, result->bytes_programmed, seconds);
}

static void
bench_mmc (const char *dir)
{
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 0xB0);
  g_autoptr(GBytes) inserted = NULL;
  g_autofree char *path = ks_test_write_file (dir, "card.bin", card);
  const char *args[] = { "--timing", "--mmc", path, NULL };
  g_auto(KsWriteResult) readback = { 0 };
  g_auto(KsWriteResult) erase_only = { 0 };
  g_auto(KsWriteResult) insert = { 0 };
  g_autoptr(GBytes) erase_previous = NULL;
  Bench b = { 0 };
  double r, e, m, t_sector, t_byte, full;
  guint64 full_bytes;
  guint first_blank = 0;
  const guint8 *data;

  /* a save that does not compress: the worst case for the card's RLE */
  inserted = ks_test_mmc_insert (card, sram, "NOISE");
  full_bytes = non_ff (inserted);

  bench_start (&b, args);

  timed_write (&b, card, card, &readback);
  r = readback.elapsed_usec / 1e6;

  /* 64 sectors that are blank in the card and stay blank */
  data = g_bytes_get_data (card, NULL);
  for (guint s = 2047; s > 64; s--)
    if (ks_bytes_all (data + s * 256, 256 * 64, 0xFF))
      {
        first_blank = s;
        break;
      }
  erase_previous = differing_in (card, 256, first_blank, 64);
  timed_write (&b, erase_previous, card, &erase_only);
  e = erase_only.elapsed_usec / 1e6;

  timed_write (&b, card, inserted, &insert);
  m = insert.elapsed_usec / 1e6;

  t_sector = (e - r) / erase_only.sectors_erased;
  t_byte = insert.bytes_programmed > 0
           ? MAX (0.0, (m - r - insert.sectors_erased * t_sector) / insert.bytes_programmed) : 0;
  full = r + 2048 * t_sector + full_bytes * t_byte;

  g_print ("Mega Memory Card (SST 28SF040, 2048 x 256-byte sectors), insert one 8 KiB save "
           "into a card holding two:\n");
  report ("read back only (no change)", &readback, r);
  report ("erase 64 blank sectors", &erase_only, e);
  report ("insert, changed sectors only", &insert, m);
  if (g_getenv ("KEEPSAKE_BENCH_FULL") != NULL)
    {
      g_auto(KsWriteResult) whole = { 0 };
      g_autoptr(GBytes) everything = differing_in (card, 256, 0, 2048);

      timed_write (&b, everything, inserted, &whole);
      report ("whole-chip rewrite (timed)", &whole, whole.elapsed_usec / 1e6);
    }
  else
    g_print ("  %-34s %5u sectors erased, %7" G_GUINT64_FORMAT " bytes programmed, %8.2f s "
             "(estimated: %.1f ms a sector, %.2f ms a byte)\n",
             "whole-chip rewrite", 2048, full_bytes, full, t_sector * 1000, t_byte * 1000);
  g_print ("  the insert erases %.1f %% of the sectors and takes %.1f %% of the time\n",
           100.0 * insert.sectors_erased / 2048, 100.0 * m / full);

  bench_stop (&b);
}

static void
bench_gen3 (const char *dir)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x2468ACE0);
  /* both slots written, as on a cart that has been played */
  g_autoptr(GBytes) save = gen3_build (KS_GEN3_GAME_EMERALD, blocks, 2, 1);
  g_autoptr(KsContainer) container = gen3_open (save);
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GBytes) everything = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ks_test_write_file (dir, "emerald.sav", save);
  const char *args[] = { "--timing", "--gba-flash", path, NULL };
  g_auto(KsWriteResult) one_field = { 0 };
  g_auto(KsWriteResult) whole = { 0 };
  Bench b = { 0 };

  ks_gen3_set_trainer_field (gen3_save (container), "money", "654321", FALSE, &error);
  g_assert_no_error (error);
  ks_container_mark_modified (container);
  edited = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  bench_start (&b, args);
  timed_write (&b, save, edited, &one_field);
  /* and back, rewriting every sector */
  everything = differing_in (save, 4096, 0, 32);
  timed_write (&b, everything, save, &whole);
  bench_stop (&b);

  g_print ("GBA flash (MX29L010, 32 x 4 KiB sectors), restore a Gen III save changed in one "
           "field (money):\n");
  report ("changed sectors only", &one_field, one_field.elapsed_usec / 1e6);
  report ("full 128 KiB rewrite", &whole, whole.elapsed_usec / 1e6);
  g_print ("  (the game saves into the other slot: one field costs the 14 sectors of a slot)\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = ks_test_make_tmpdir ();

  g_print ("Writing through keepsake-emulator --timing; every time includes reading the "
           "whole save back:\n");
  bench_gen3 (dir);
  bench_mmc (dir);
  return 0;
}
