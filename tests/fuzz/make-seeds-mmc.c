/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* make-seeds-mmc.c — a starting corpus for fuzz-mmc-catalogue and
 * fuzz-mmc-rle: cards (formatted, the mega-memory-card.md §8 worked
 * example, the tables of the forum post of §7, erased) in the fuzzer's
 * compact, catalogue-first form of at most 8 KiB, and RLE streams.
 * Usage: make-seeds-mmc DIR */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "mmc-builder.h"

/* The fuzzer's compact form: catalogue (4 KiB), then the first blocks. */
static GBytes *
compact (GBytes *image,
         gsize   data_blocks)
{
  GByteArray *array = g_byte_array_new ();
  const guint8 *data = g_bytes_get_data (image, NULL);

  g_byte_array_append (array, data + 0x7F000, 0x1000);
  g_byte_array_append (array, data, (guint) (data_blocks * 256));

  return g_byte_array_free_to_bytes (array);
}

static GBytes *
stream_of (GBytes *sram)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (sram, &size);

  return ks_mmc_rle_encode (data, size, ks_mmc_rle_choose_marker (data, size));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) post = ks_test_mmc_seed_post_image ();
  g_autoptr(GBytes) erased = g_bytes_new_take (memset (g_malloc (KS_MMC_IMAGE_SIZE), 0xFF,
                                                       KS_MMC_IMAGE_SIZE), KS_MMC_IMAGE_SIZE);
  g_autoptr(GBytes) worked_compact = compact (worked, 4);
  g_autoptr(GBytes) post_compact = compact (post, 2);
  g_autoptr(GBytes) formatted_compact = compact (formatted, 0);
  g_autoptr(GBytes) worked_16 = compact (worked, 16);
  g_autoptr(GBytes) post_16 = compact (post, 16);
  g_autoptr(GBytes) erased_16 = compact (erased, 16);
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) zelda_stream = stream_of (zelda);
  g_autoptr(GBytes) pokemon_stream = stream_of (pokemon);
  g_autoptr(GBytes) post_stream = ks_test_mmc_seed_post_stream ();
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (post_stream, 0, 20);
  gboolean ok = TRUE;

  if (argc != 2)
    {
      g_printerr ("Usage: make-seeds-mmc DIR\n");
      return 2;
    }

  ok &= ks_test_write_seed (argv[1], "mmc-worked-example.bin", worked_16);
  ok &= ks_test_write_seed (argv[1], "mmc-seed-post.bin", post_16);
  ok &= ks_test_write_seed (argv[1], "mmc-erased.bin", erased_16);
  ok &= ks_test_write_seed (argv[1], "mmc-compact-formatted.bin", formatted_compact);
  ok &= ks_test_write_seed (argv[1], "mmc-compact-worked-example.bin", worked_compact);
  ok &= ks_test_write_seed (argv[1], "mmc-compact-seed-post.bin", post_compact);
  ok &= ks_test_write_seed (argv[1], "mmc-rle-zelda.bin", zelda_stream);
  ok &= ks_test_write_seed (argv[1], "mmc-rle-pokemon.bin", pokemon_stream);
  ok &= ks_test_write_seed (argv[1], "mmc-rle-seed-post.bin", post_stream);
  ok &= ks_test_write_seed (argv[1], "mmc-rle-truncated.bin", cut);

  return ok ? 0 : 1;
}
