/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-saturn-partition.c — Saturn backup RAM: the saturn.md §1 partition
 * parser and the §2 containers (logical, byte-expanded, gzip, MiSTer)
 *
 * The input goes through the saturn-bram format (detection, load, verify,
 * list, extract, serialize, insert, delete) and, as logical bytes, straight
 * into partitions of 64- and 512-byte blocks.  Must hold (abort()
 * otherwise): an unedited image serialises to the input; a save that was
 * inserted reads back identical and takes exactly the §1.5 block count;
 * deleting it gives the blocks back; an edited image loads again.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <keepsake.h>

#include "fuzz-describe.h"
#include "fuzz-malloc.h"
#include "fuzz-sample.h"

/* Partitions larger than this add nothing the parser does not do already */
#define PARTITION_LIMIT (64 * 1024)
/* A few kilobytes of gzip inflate to an 8 MiB cart image, which the format
 * inflates, parses as 65,536 blocks and, once edited, deflates again: tens
 * of milliseconds an input.  Gzip that inflates to more than the largest
 * internal RAM image (32 KiB, 64 KiB byte-expanded) goes through the
 * format on one input in SAMPLE_LARGE only (fuzz-sample.h). */
#define SMALL_INFLATED  (64 * 1024)
#define SAMPLE_LARGE    16

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
exercise_partition (const guint8 *data,
                    gsize         size,
                    guint         block_size)
{
  g_autoptr(KsSaturnPartition) partition = NULL;
  g_autoptr(GPtrArray) findings = ks_findings_new ();
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree guint8 *logical = NULL;
  gsize length = MIN (size, (gsize) PARTITION_LIMIT);
  guint free_before, n;
  KsSaturnSaveMeta meta;
  gint index;

  length = MAX (length - length % block_size, 3 * block_size);
  logical = g_malloc0 (length);
  memcpy (logical, data, MIN (size, length));

  partition = ks_saturn_partition_new (logical, length, block_size,
                                       KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  if (partition == NULL)
    abort ();

  ks_saturn_partition_verify (partition, findings);
  saves = ks_saturn_partition_list (partition, 0);
  for (guint i = 0; i < saves->len; i++)
    {
      g_autoptr(GBytes) read = ks_saturn_partition_read (partition, i, NULL);
      const KsSaveInfo *info = g_ptr_array_index (saves, i);

      if (!g_utf8_validate (info->name, -1, NULL) || !g_utf8_validate (info->comment, -1, NULL))
        abort ();
      if (read != NULL &&
          g_bytes_get_size (read) != ks_saturn_partition_get_meta (partition, i)->size)
        abort ();
    }

  /* an insert whose name no save has, sized from the input */
  memset (&meta, 0, sizeof meta);
  memcpy (meta.name, "\x01FUZZ\x02SAVE\x03", KS_SATURN_NAME_SIZE);
  meta.size = size > 0 ? data[0] * 7 : 0;
  payload = g_bytes_new (logical, MIN ((gsize) meta.size, length));
  meta.size = g_bytes_get_size (payload);
  free_before = ks_saturn_partition_get_free_blocks (partition);
  if (!ks_saturn_partition_write (partition, &meta, payload, NULL))
    return;

  n = ks_saturn_block_count (meta.size, block_size);
  index = ks_saturn_partition_find (partition, meta.name);
  if (index < 0 || ks_saturn_partition_get_free_blocks (partition) != free_before - n ||
      ks_saturn_partition_get_chain (partition, index, NULL) != n)
    abort ();

  {
    g_autoptr(GBytes) read = ks_saturn_partition_read (partition, index, NULL);

    if (read == NULL || !g_bytes_equal (read, payload))
      abort ();
  }

  if (!ks_saturn_partition_delete (partition, index, FALSE, NULL) ||
      ks_saturn_partition_get_free_blocks (partition) != free_before)
    abort ();
}

/* Whether gzip @data inflates to more than @limit bytes (FALSE when it
 * is not gzip, or breaks off before) */
static gboolean
inflates_beyond (const guint8 *data,
                 gsize         size,
                 gsize         limit)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autofree guint8 *out = NULL;
  gsize in_pos = 0, out_pos = 0;

  if (size < 2 || data[0] != 0x1F || data[1] != 0x8B)
    return FALSE;

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  out = g_malloc (limit + 1);
  while (out_pos <= limit)
    {
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor), data + in_pos, size - in_pos,
                                    out + out_pos, limit + 1 - out_pos, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, NULL);
      in_pos += bytes_read;
      out_pos += bytes_written;
      if (result == G_CONVERTER_ERROR || result == G_CONVERTER_FINISHED ||
          (bytes_read == 0 && bytes_written == 0))
        break;
    }

  return out_pos > limit;
}

static void
exercise_format (const guint8 *data,
                 gsize         size)
{
  g_autoptr(GBytes) image = g_bytes_new_static (data, size);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) payload = g_bytes_new_static ("fuzz", 4);

  if (ks_saturn_bram_format.probe (data, size, NULL) > 100)
    abort ();
  if (inflates_beyond (data, size, SMALL_INFLATED) && !fuzz_sampled (data, size, SAMPLE_LARGE))
    return;

  container = ks_container_new_with_format (image, "fuzz.bkr", &ks_saturn_bram_format, NULL);
  if (container == NULL)
    return;

  summary = fuzz_describe (container);
  findings = ks_container_verify (container);
  saves = ks_container_list (container, NULL);
  for (guint i = 0; i < saves->len && i < 16; i++)
    {
      g_autoptr(GBytes) raw = ks_container_extract (container, i, "x.bin", NULL);
      g_autoptr(GBytes) bup = ks_container_extract (container, i, "x.BUP", NULL);

      if ((raw == NULL) != (bup == NULL))
        abort ();
    }

  out = ks_saturn_bram_format.serialize (ks_container_get_impl (container), NULL);
  if (out == NULL || !g_bytes_equal (out, image))
    abort ();

  if (saves->len > 0)
    ks_container_remove (container, 0, NULL);
  ks_container_insert (container, payload, "fuzz.bin", "FUZZ_SAVE", NULL);
  if (ks_container_is_modified (container))
    {
      g_autoptr(GBytes) edited = ks_saturn_bram_format.serialize (ks_container_get_impl (container),
                                                                  NULL);
      g_autoptr(KsContainer) again = NULL;

      if (edited == NULL || g_bytes_get_size (edited) == 0)
        abort ();
      again = ks_container_new_with_format (edited, "fuzz.bkr", &ks_saturn_bram_format, NULL);
      if (again == NULL)
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  exercise_format (data, size);
  exercise_partition (data, size, 64);
  if (size >= 3 * 512)
    exercise_partition (data, size, 512);

  return 0;
}
