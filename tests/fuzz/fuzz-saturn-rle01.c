/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-saturn-rle01.c — the Action Replay's RLE01 code and the flash dump
 * around it (spec saturn.md §3)
 *
 * The input is decoded as a stream, encoded as data, and placed at 0x20000
 * of an Action Replay dump that then goes through the saturn-ar format.
 * Must hold (abort() otherwise): decoding never passes its limit; encoding
 * then decoding gives the data back, with the size field right; an
 * unedited dump serialises to itself; an accepted insert fits the flash,
 * keeps the firmware and loads again with one save more.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <keepsake.h>

#include "fuzz-describe.h"
#include "fuzz-malloc.h"
#include "fuzz-sample.h"

#define DECODE_LIMIT  0x80000
/* the encoder has no size-dependent paths past a few runs (4 KiB is
 * sixteen full runs); the AR insert below encodes a whole partition anyway */
#define ENCODE_LIMIT  (4 * 1024)
/* A stream of a few bytes can decode to a 4 MiB partition of 65,536
 * blocks, and a damaged partition of 20 KiB can hold 300 saves, each
 * listed, checked and converted to text: about 10 µs a save, milliseconds
 * an input.  A dump whose partition is larger than SMALL_PARTITION or
 * holds more than FEW_SAVES is only loaded and described, except on one
 * input in SAMPLE_LARGE (fuzz-sample.h): what only a large partition does
 * is still fuzzed, at a cost the fuzzer can afford, and every save is
 * handled by the same code as the first few. */
#define SMALL_PARTITION  (64 * 1024)
#define FEW_SAVES        32
#define SAMPLE_LARGE     16

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
round_trip (const guint8 *data,
            gsize         size)
{
  g_autoptr(GBytes) stream = ks_rle01_encode (data, size);
  g_autoptr(GBytes) decoded = NULL;
  KsRle01Info info;
  KsRle01Status status;
  gsize length;
  const guint8 *s = g_bytes_get_data (stream, &length);

  if (length < KS_RLE01_HEADER_SIZE || ks_read_be32 (s + 6) != length)
    abort ();

  decoded = ks_rle01_decode (s, length, size, &info, &status);
  if (decoded == NULL || status != KS_RLE01_OK || g_bytes_get_size (decoded) != size ||
      (size > 0 && memcmp (g_bytes_get_data (decoded, NULL), data, size) != 0))
    abort ();
}

static void
exercise_dump (const guint8 *data,
               gsize         size)
{
  g_autofree guint8 *dump = g_malloc (KS_SATURN_AR_FLASH_SIZE);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) payload = g_bytes_new_static ("fuzz payload", 12);
  gsize n = MIN (size, (gsize) (KS_SATURN_AR_FLASH_SIZE - KS_SATURN_AR_PARTITION_OFFSET));
  guint64 decoded = 0;
  guint32 n_saves = 0;

  memset (dump, 0, KS_SATURN_AR_PARTITION_OFFSET);
  memcpy (dump, "SEGA SEGASATURN ", 16);
  memcpy (dump + 0x50, "ACTION REPLAY +U", 16);
  /* erased flash after the input */
  memset (dump + KS_SATURN_AR_PARTITION_OFFSET, 0xFF,
          KS_SATURN_AR_FLASH_SIZE - KS_SATURN_AR_PARTITION_OFFSET);
  memcpy (dump + KS_SATURN_AR_PARTITION_OFFSET, data, n);
  image = g_bytes_new (dump, KS_SATURN_AR_FLASH_SIZE);

  container = ks_container_new_with_format (image, "ar.bin", &ks_saturn_ar_format, NULL);
  if (container == NULL)
    abort ();

  summary = fuzz_describe (container);
  g_variant_lookup (summary, "decoded_size", "t", &decoded);
  g_variant_lookup (summary, "saves", "u", &n_saves);
  if ((decoded > SMALL_PARTITION || n_saves > FEW_SAVES) && !fuzz_sampled (data, size, SAMPLE_LARGE))
    return;

  findings = ks_container_verify (container);
  saves = ks_container_list (container, NULL);
  for (guint i = 0; i < saves->len && i < 16; i++)
    {
      g_autoptr(GBytes) raw = ks_container_extract (container, i, "x.bin", NULL);
      const KsSaveInfo *info = g_ptr_array_index (saves, i);

      if (raw != NULL && g_bytes_get_size (raw) != info->size)
        abort ();
    }

  out = ks_saturn_ar_format.serialize (ks_container_get_impl (container), NULL);
  if (out == NULL || !g_bytes_equal (out, image))
    abort ();

  if (ks_container_insert (container, payload, "fuzz.bin", "FUZZ_SAVE", NULL))
    {
      g_autoptr(GBytes) edited = ks_saturn_ar_format.serialize (ks_container_get_impl (container),
                                                                NULL);
      g_autoptr(KsContainer) again = NULL;
      g_autoptr(GPtrArray) again_saves = NULL;

      if (edited == NULL || g_bytes_get_size (edited) != KS_SATURN_AR_FLASH_SIZE ||
          memcmp (g_bytes_get_data (edited, NULL), dump, KS_SATURN_AR_PARTITION_OFFSET) != 0)
        abort ();
      again = ks_container_new_with_format (edited, "ar.bin", &ks_saturn_ar_format, NULL);
      again_saves = again != NULL ? ks_container_list (again, NULL) : NULL;
      if (again_saves == NULL || again_saves->len != saves->len + 1)
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KsRle01Info info;
  KsRle01Status status;
  g_autoptr(GBytes) decoded = ks_rle01_decode (data, size, DECODE_LIMIT, &info, &status);

  if (info.decoded_size > DECODE_LIMIT || (decoded != NULL) != (status == KS_RLE01_OK))
    abort ();
  if (decoded != NULL)
    {
      if (info.compressed_size > size)
        abort ();
      round_trip (g_bytes_get_data (decoded, NULL),
                  MIN (g_bytes_get_size (decoded), (gsize) ENCODE_LIMIT));
    }

  round_trip (data, MIN (size, (size_t) ENCODE_LIMIT));
  exercise_dump (data, size);

  return 0;
}
