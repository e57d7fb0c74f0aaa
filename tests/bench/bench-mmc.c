/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* bench-mmc.c — Mega Memory Card speed: RLE encode and decode throughput,
 * opening a full card, and inserting into one.  Reported, not asserted. */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "mmc-builder.h"

#define SRAM_SIZE (128 * 1024)

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_rle (const char *label,
           GBytes     *sram)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (sram, &size);
  guint8 marker = ks_mmc_rle_choose_marker (data, size);
  g_autoptr(GBytes) stream = ks_mmc_rle_encode (data, size, marker);
  const guint rounds = 200;
  gint64 start;
  double encode_s, decode_s;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      GBytes *s = ks_mmc_rle_encode (data, size, ks_mmc_rle_choose_marker (data, size));

      g_bytes_unref (s);
    }
  encode_s = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      GBytes *d = ks_mmc_rle_decode (g_bytes_get_data (stream, NULL), g_bytes_get_size (stream),
                                     size, NULL);

      g_bytes_unref (d);
    }
  decode_s = seconds_since (start);

  g_print ("rle %-8s %7" G_GSIZE_FORMAT " -> %7" G_GSIZE_FORMAT " bytes  encode %7.1f MB/s  "
           "decode %7.1f MB/s\n",
           label, size, g_bytes_get_size (stream),
           rounds * size / encode_s / 1e6, rounds * size / decode_s / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) random = ks_test_random_bytes (SRAM_SIZE, 1);
  g_autofree guint8 *typical = g_malloc0 (SRAM_SIZE);
  g_autoptr(GBytes) typical_bytes = NULL;
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (SRAM_SIZE), SRAM_SIZE);
  g_autoptr(GBytes) card = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) prefix = ks_test_random_bytes (4096, 2);
  gint64 start;
  double s;
  guint saves = 0, listed = 0, errors = 0;

  /* a game save: a few KiB of data, the rest zero-filled banks */
  memcpy (typical, g_bytes_get_data (prefix, NULL), 4096);
  typical_bytes = g_bytes_new (typical, SRAM_SIZE);

  bench_rle ("random", random);
  bench_rle ("typical", typical_bytes);
  bench_rle ("zeros", zeros);

  /* fill a card with 32 KiB saves (4 KiB of data each), timing each insert */
  start = g_get_monotonic_time ();
  for (; saves < 99; saves++)
    {
      g_autoptr(KsContainer) container = ks_container_new_from_bytes (card, NULL, "mmc", NULL);
      g_autoptr(GBytes) save = g_bytes_new (typical, 32768);
      GBytes *next;

      if (!ks_container_insert (container, save, "game.sav", NULL, NULL))
        break;
      next = ks_container_build_verified (container, FALSE, NULL, NULL);
      g_bytes_unref (card);
      card = next;
    }
  s = seconds_since (start);
  g_print ("insert   %u saves of 32 KiB into one card: %.1f ms per insert "
           "(open, insert, serialise, verify)\n", saves, s * 1000 / saves);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(KsContainer) container = ks_container_new_from_bytes (card, NULL, "mmc", NULL);
      g_autoptr(GPtrArray) findings = ks_container_verify (container);
      g_autoptr(GPtrArray) list = ks_container_list (container, NULL);

      listed = list->len;
      errors = ks_findings_count (findings, KS_SEVERITY_ERROR);
    }
  s = seconds_since (start);
  g_print ("open     a card with %u saves: %.1f ms (load, decode every save, verify, list: "
           "%u listed, %u errors)\n", saves, s * 1000 / 20, listed, errors);

  start = g_get_monotonic_time ();
  {
    g_autoptr(KsContainer) container = ks_container_new_from_bytes (card, NULL, "mmc", NULL);

    for (guint i = 0; i < 20; i++)
      {
        GBytes *out = ks_container_extract (container, i, "x.sav", NULL);

        g_bytes_unref (out);
      }
  }
  s = seconds_since (start);
  g_print ("extract  20 saves of 32 KiB: %.2f ms each\n", s * 1000 / 20);

  return 0;
}
