/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-mmc-rle.c — the Mega Memory Card's run-length code
 *
 * The input is decoded as a stream (bounded by the 128 KiB a card restores
 * at most), and encoded as SRAM with the card's marker choice and with an
 * arbitrary marker.  Must hold (abort() otherwise): decoding never passes
 * its limit or reads past the stream; encoding then decoding gives the
 * input back, whatever the marker.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <keepsake.h>

#include "fuzz-malloc.h"

/* mega-memory-card.md §3: 16 banks of 8 KiB */
#define DECODE_LIMIT  (16 * 8192)
/* §4.5: the largest SRAM the card backs up; longer inputs (other formats'
 * seeds) are cut for the encoder, which has no paths that need more */
#define ENCODE_LIMIT  (128 * 1024)

static void
round_trip (const guint8 *data,
            gsize         size,
            guint8        marker)
{
  g_autoptr(GBytes) stream = ks_mmc_rle_encode (data, size, marker);
  g_autoptr(GBytes) decoded = NULL;
  KsMmcRleStatus status;
  gsize length;
  const guint8 *s = g_bytes_get_data (stream, &length);

  /* worst case: every byte a marker-escaped run of one */
  if (length < 2 || length > 3 * size + 1 || s[0] != marker)
    abort ();

  decoded = ks_mmc_rle_decode (s, length, size, &status);
  if (g_bytes_get_size (decoded) != size ||
      memcmp (g_bytes_get_data (decoded, NULL), data, size) != 0 ||
      status.truncated || status.consumed != length)
    abort ();
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) decoded = NULL;
  KsMmcRleStatus status;
  KsMmcRleReader reader;
  guint8 value;
  guint copies;
  gsize produced = 0, tokens = 0;
  gsize n = MIN (size, (size_t) ENCODE_LIMIT);

  decoded = ks_mmc_rle_decode (data, size, DECODE_LIMIT, &status);
  if (g_bytes_get_size (decoded) > DECODE_LIMIT || status.consumed > size)
    abort ();

  ks_mmc_rle_reader_init (&reader, data, size);
  while (ks_mmc_rle_reader_next (&reader, &value, &copies))
    {
      if (copies < 1 || copies > 256 || reader.pos > size)
        abort ();
      produced += copies;
      tokens++;
    }
  if (tokens > size)
    abort ();
  if (!status.limit_reached && produced != g_bytes_get_size (decoded))
    abort ();

  if (n > 0)
    {
      round_trip (data, n, ks_mmc_rle_choose_marker (data, n));
      round_trip (data, n, data[0]);
    }

  return 0;
}
