/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* saturn-builder.c — synthetic Saturn saves and images (see the header) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static void
set_meta (KsSaturnSaveMeta *meta,
          const char       *name,
          guint8            language,
          const guint8     *comment,
          guint32           date,
          guint32           size)
{
  memset (meta, 0, sizeof *meta);
  memcpy (meta->name, name, MIN (strlen (name), (gsize) KS_SATURN_NAME_SIZE));
  meta->language = language;
  memcpy (meta->comment, comment, KS_SATURN_COMMENT_SIZE);
  meta->date = date;
  meta->size = size;
}

/* @size bytes: @head first, then filler from @seed */
static GBytes *
payload_with_head (const char *head_hex,
                   gsize       size,
                   guint32     seed)
{
  g_autoptr(GBytes) head = ks_test_bytes_from_hex (head_hex);
  g_autoptr(GBytes) filler = ks_test_random_bytes (size, seed);
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (filler), &size);

  g_assert_cmpuint (g_bytes_get_size (head), <=, size);
  memcpy (data, g_bytes_get_data (head, NULL), g_bytes_get_size (head));

  return g_bytes_new_take (data, size);
}

void
ks_test_saturn_hyperduel (KsSaturnSaveMeta  *meta,
                          GBytes           **payload)
{
  static const guint8 comment[] = { 0xCA, 0xB2, 0xCA, 0xDF, 0xB0, 0xC3, 0xDE, 0xAD, 0xB4, 0xD9 };

  set_meta (meta, "HYPERDUEL_0", 0, comment, 0x00A3D478, 260);
  /* payload 0–19 (0x00AC–0x00BF), then 20–26 (block 3 at 0x00C4) */
  *payload = payload_with_head ("96 09 24 0A BF CB FC FF 00 01 01 01 02 09 03 02 03 0A 06 01"
                                "02 09 03 02 03 0A 06 00", 260, 1);
}

void
ks_test_saturn_dezaemon (KsSaturnSaveMeta  *meta,
                         GBytes           **payload)
{
  static const guint8 comment[] = { 0xC3, 0xDE, 0xBB, 0xDE, 0x32, 0x5F, 0xBC, 0xBD, 0xC3, 0xD1 };

  set_meta (meta, "DEZA2___SYS", 0, comment, 0x0167C547, 17);
  *payload = ks_test_bytes_from_hex ("1E 00 00 00 00 00 00 01 02 03 05 04 01 02 03 05 04");
}

void
ks_test_saturn_daytona96 (KsSaturnSaveMeta  *meta,
                          GBytes           **payload)
{
  static const guint8 comment[] = { 'R', 'E', 'C', 'O', 'R', 'D', 'S', 0x00, 0x06, 0x02 };

  set_meta (meta, "DAYTONA96_0", 1, comment, 0x0167BFE3, 4033);
  *payload = ks_test_random_bytes (4033, 96);
}

GBytes *
ks_test_saturn_daytona_bup (void)
{
  g_autoptr(GBytes) header = ks_test_bytes_from_hex (
    "56 6D 65 6D 00 00 00 03 00 09 03 00 00 00 00 00"
    "44 41 59 54 4F 4E 41 5F 5F 30 30 2E"
    "44 41 59 54 4F 4E 41 20 20 20 00"
    "00"
    "01 4A 8D 41 00 00 09 9F"
    "00 2B A9 F0 01 4A 8D 41 00 00 00 00 00 00 00 00");
  g_autoptr(GBytes) payload = payload_with_head ("53 45 47 41 2D 53 41 54 55 52 4E 20", 2463, 2527);
  GByteArray *file = g_byte_array_new ();

  g_assert_cmpuint (g_bytes_get_size (header), ==, 64);
  g_byte_array_append (file, g_bytes_get_data (header, NULL), 64);
  g_byte_array_append (file, g_bytes_get_data (payload, NULL), 2463);

  return g_byte_array_free_to_bytes (file);
}

GBytes *
ks_test_saturn_minimal_internal (void)
{
  g_autoptr(GBytes) block2 = ks_test_bytes_from_hex (
    "80 00 00 00 44 45 5A 41 32 5F 5F 5F 53 59 53 00"
    "C3 DE BB DE 32 5F BC BD C3 D1 01 67 C5 47 00 00"
    "00 11 00 00 1E 00 00 00 00 00 00 01 02 03 05 04"
    "01 02 03 05 04");
  guint8 *image = g_malloc0 (0x8000);

  for (guint i = 0; i < 4; i++)
    memcpy (image + 16 * i, "BackUpRam Format", 16);
  memcpy (image + 0x80, g_bytes_get_data (block2, NULL), g_bytes_get_size (block2));

  return g_bytes_new_take (image, 0x8000);
}

GBytes *
ks_test_saturn_expand (GBytes *logical,
                       guint8  filler)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (logical, &size);
  guint8 *out = g_malloc (2 * size);

  for (gsize i = 0; i < size; i++)
    {
      out[2 * i] = filler;
      out[2 * i + 1] = data[i];
    }

  return g_bytes_new_take (out, 2 * size);
}

GBytes *
ks_test_saturn_ar_partition (void)
{
  guint8 *data = g_malloc (KS_SATURN_AR_DECODED_SIZE);

  ks_saturn_partition_format (data, KS_SATURN_AR_DECODED_SIZE, KS_SATURN_AR_BLOCK_SIZE);
  return g_bytes_new_take (data, KS_SATURN_AR_DECODED_SIZE);
}

GBytes *
ks_test_saturn_ar_dump (GBytes *partition)
{
  g_autoptr(GBytes) firmware = ks_test_random_bytes (KS_SATURN_AR_PARTITION_OFFSET, 0xA4);
  g_autoptr(GBytes) stream = NULL;
  guint8 *dump = g_malloc (KS_SATURN_AR_FLASH_SIZE);
  gsize stream_size;

  memcpy (dump, g_bytes_get_data (firmware, NULL), KS_SATURN_AR_PARTITION_OFFSET);
  memset (dump, 0, 0x100);
  memcpy (dump, "SEGA SEGASATURN ", 16);
  memcpy (dump + 0x50, "ACTION REPLAY +U", 16);

  stream = ks_rle01_encode (g_bytes_get_data (partition, NULL), g_bytes_get_size (partition));
  stream_size = g_bytes_get_size (stream);
  g_assert_cmpuint (KS_SATURN_AR_PARTITION_OFFSET + stream_size, <=, KS_SATURN_AR_FLASH_SIZE);
  memcpy (dump + KS_SATURN_AR_PARTITION_OFFSET, g_bytes_get_data (stream, NULL), stream_size);
  memset (dump + KS_SATURN_AR_PARTITION_OFFSET + stream_size, 0xFF,
          KS_SATURN_AR_FLASH_SIZE - KS_SATURN_AR_PARTITION_OFFSET - stream_size);

  return g_bytes_new_take (dump, KS_SATURN_AR_FLASH_SIZE);
}
