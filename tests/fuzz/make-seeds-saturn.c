/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* make-seeds-saturn.c — a starting corpus for fuzz-saturn-partition,
 * fuzz-saturn-rle01 and fuzz-bup: backup RAM images in each container,
 * RLE01 streams and Action Replay partitions, .BUP files.
 * Usage: make-seeds-saturn DIR */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

/* @image (logical) with the three saturn.md §1.7 samples written in */
static GBytes *
with_samples (GBytes *image,
              guint   block_size)
{
  g_autoptr(KsSaturnPartition) partition = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  KsSaturnSaveMeta meta;

  partition = ks_saturn_partition_new (g_bytes_get_data (image, NULL), g_bytes_get_size (image),
                                       block_size, KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  ks_test_saturn_hyperduel (&meta, &a);
  ks_saturn_partition_write (partition, &meta, a, NULL);
  ks_test_saturn_dezaemon (&meta, &b);
  ks_saturn_partition_write (partition, &meta, b, NULL);
  ks_test_saturn_daytona96 (&meta, &c);
  ks_saturn_partition_write (partition, &meta, c, NULL);

  return g_bytes_new (ks_saturn_partition_get_data (partition, NULL), g_bytes_get_size (image));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) minimal = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) internal = NULL;
  g_autoptr(GBytes) internal_expanded = NULL;
  g_autoptr(GBytes) cart = NULL;
  g_autoptr(GBytes) cart_formatted = NULL;
  g_autoptr(GBytes) cart_gz = NULL;
  g_autoptr(GBytes) ar_partition = ks_test_saturn_ar_partition ();
  g_autoptr(GBytes) ar_with_saves = NULL;
  g_autoptr(GBytes) ar_dump = NULL;
  g_autoptr(GBytes) ar_stream = NULL;
  g_autoptr(GBytes) vector_1 = ks_test_bytes_from_hex ("52 4C 45 30 31 07 00 00 00 12"
                                                       "41 42 07 06 00 07 00 43");
  g_autoptr(GBytes) vector_2 = ks_test_bytes_from_hex ("52 4C 45 30 31 01 00 00 00 10"
                                                       "01 FF 00 01 2D 00");
  g_autoptr(GBytes) daytona_bup = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) daytona_cut = NULL;
  g_autoptr(GBytes) looping = NULL;
  gboolean ok = TRUE;

  if (argc != 2)
    {
      g_printerr ("Usage: make-seeds-saturn DIR\n");
      return 2;
    }

  internal = with_samples (minimal, 64);
  internal_expanded = ks_test_saturn_expand (internal, 0xFF);
  cart_formatted = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                 KS_SATURN_CONTAINER_LOGICAL);
  cart = with_samples (cart_formatted, 512);
  cart_gz = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M, KS_SATURN_CONTAINER_GZIP);
  ar_with_saves = with_samples (ar_partition, 64);
  ar_dump = ks_test_saturn_ar_dump (ar_with_saves);
  /* what fuzz-saturn-rle01 puts at 0x20000 itself */
  ar_stream = ks_rle01_encode (g_bytes_get_data (ar_with_saves, NULL),
                               g_bytes_get_size (ar_with_saves));
  daytona_cut = g_bytes_new_from_bytes (daytona_bup, 0, 1000);

  {
    /* §7.8 with block 2 listing 3, 4, 3: a loop */
    gsize size;
    guint8 *data = g_bytes_unref_to_data (g_bytes_ref (minimal), &size);

    memcpy (data + 0x80 + 0x22, "\x00\x03\x00\x04\x00\x03\x00\x00", 8);
    looping = g_bytes_new_take (data, size);
  }

  ok &= ks_test_write_seed (argv[1], "saturn-minimal.bkr", minimal);
  ok &= ks_test_write_seed (argv[1], "saturn-internal.bkr", internal);
  ok &= ks_test_write_seed (argv[1], "saturn-internal-expanded.bram", internal_expanded);
  ok &= ks_test_write_seed (argv[1], "saturn-looping.bkr", looping);
  ok &= ks_test_write_seed (argv[1], "saturn-cart.bcr", cart);
  ok &= ks_test_write_seed (argv[1], "saturn-cart-gz.bcr", cart_gz);
  ok &= ks_test_write_seed (argv[1], "saturn-ar.bin", ar_dump);
  ok &= ks_test_write_seed (argv[1], "saturn-ar-stream.rle01", ar_stream);
  ok &= ks_test_write_seed (argv[1], "saturn-rle01-vector-1", vector_1);
  ok &= ks_test_write_seed (argv[1], "saturn-rle01-vector-2", vector_2);
  ok &= ks_test_write_seed (argv[1], "saturn-DAYTONA_.BUP", daytona_bup);
  ok &= ks_test_write_seed (argv[1], "saturn-cut.BUP", daytona_cut);

  return ok ? 0 : 1;
}
