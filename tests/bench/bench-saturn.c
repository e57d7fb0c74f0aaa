/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* bench-saturn.c — Saturn speed: RLE01 encode and decode of an Action
 * Replay partition, opening and editing an AR dump, parsing full backup
 * RAM, gzip containers and the 4 MiB block-size choice.  Reported, not
 * asserted. */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* A 512 KiB AR partition with @n saves of @size pseudo-random bytes */
static GBytes *
ar_partition_with (guint n,
                   gsize size)
{
  g_autoptr(GBytes) empty = ks_test_saturn_ar_partition ();
  g_autoptr(KsSaturnPartition) partition = NULL;

  partition = ks_saturn_partition_new (g_bytes_get_data (empty, NULL), 0x80000, 64,
                                       KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) payload = ks_test_random_bytes (size, i + 1);
      g_autofree char *name = g_strdup_printf ("BENCH%02u", i);
      KsSaturnSaveMeta meta = { 0 };

      memcpy (meta.name, name, strlen (name));
      meta.size = size;
      ks_saturn_partition_write (partition, &meta, payload, NULL);
    }

  return g_bytes_new (ks_saturn_partition_get_data (partition, NULL), 0x80000);
}

static void
bench_rle01 (const char *label,
             GBytes     *decoded)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (decoded, &size);
  g_autoptr(GBytes) stream = ks_rle01_encode (data, size);
  const guint rounds = 100;
  double encode_s, decode_s;
  gint64 start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    g_bytes_unref (ks_rle01_encode (data, size));
  encode_s = seconds_since (start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    g_bytes_unref (ks_rle01_decode (g_bytes_get_data (stream, NULL), g_bytes_get_size (stream),
                                    0x80000, NULL, NULL));
  decode_s = seconds_since (start);

  g_print ("rle01 %-10s %7" G_GSIZE_FORMAT " -> %7" G_GSIZE_FORMAT " bytes  encode %7.1f MB/s  "
           "decode %7.1f MB/s\n", label, size, g_bytes_get_size (stream),
           rounds * size / encode_s / 1e6, rounds * size / decode_s / 1e6);
}

static void
bench_open (const char *label,
            GBytes     *image,
            guint       rounds)
{
  gint64 start = g_get_monotonic_time ();
  guint n_saves = 0, n_findings = 0;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(KsContainer) container = ks_container_new_from_bytes (image, "x", NULL, NULL);
      g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);
      g_autoptr(GPtrArray) findings = ks_container_verify (container);

      n_saves = saves->len;
      n_findings = findings->len;
    }

  g_print ("open+list+verify %-24s %3u saves %u findings  %8.2f ms\n", label, n_saves,
           n_findings, seconds_since (start) * 1e3 / rounds);
}

static void
bench_ar_insert (GBytes *dump)
{
  g_autoptr(GBytes) payload = ks_test_random_bytes (4000, 77);
  const guint rounds = 20;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(KsContainer) container = ks_container_new_from_bytes (dump, "ar.bin", NULL, NULL);
      g_autoptr(GBytes) out = NULL;

      ks_container_insert (container, payload, "new.bin", "NEWSAVE", NULL);
      out = ks_container_build_verified (container, FALSE, NULL, NULL);
      g_assert_nonnull (out);
    }

  g_print ("AR insert 4000 B + encode + verified write image  %8.2f ms\n",
           seconds_since (start) * 1e3 / rounds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) empty = ks_test_saturn_ar_partition ();
  g_autoptr(GBytes) typical = ar_partition_with (12, 2000);
  g_autoptr(GBytes) fuller = ar_partition_with (25, 4000);
  g_autoptr(GBytes) dump = ks_test_saturn_ar_dump (typical);
  g_autoptr(GBytes) internal = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) cart_gz = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                            KS_SATURN_CONTAINER_GZIP);
  g_autoptr(GBytes) cart_32m = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_32M,
                                                             KS_SATURN_CONTAINER_EXPANDED);

  bench_rle01 ("empty", empty);
  bench_rle01 ("12 saves", typical);
  bench_rle01 ("25 saves", fuller);
  bench_open ("AR dump (12 saves)", dump, 50);
  bench_open ("internal .bkr", internal, 500);
  bench_open ("512 KiB .bcr (gzip)", cart_gz, 50);
  bench_open ("8 MiB expanded 32 Mbit", cart_32m, 5);
  bench_ar_insert (dump);

  return 0;
}
