/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-rle01.c — RLE01, the Action Replay save compression
 * (spec saturn.md §3.3 header, §3.4 grammar)
 *
 *   header   "RLE01" | key K | u32 BE compressedSize (header included)
 *   payload  b ≠ K → b;  K 00 → K;  K c v (c = 1…255) → v repeated c times
 *
 * No end marker and no decoded length: the payload ends after
 * compressedSize − 10 bytes.  The encoder follows the firmware's rules (as
 * Save Game Copier reversed them): K is the least frequent byte value,
 * lowest first on ties; runs are cut at 255; a run shorter than 4 is written
 * as literals.  Any run length decodes, so other encoders' output reads too.
 */

#include "config.h"

#include <string.h>

#include "ks-bytes.h"
#include "ks-saturn-rle01.h"

#define RLE01_MAGIC      "RLE01"
#define RLE01_MAGIC_SIZE 5
#define RLE01_KEY        5
#define RLE01_SIZE       6
/* §3.4: runs are at most 255 bytes; shorter than 4 costs more than literals */
#define RLE01_MAX_RUN    255
#define RLE01_MIN_RUN    4

/* Decodes the stream at @data (header first).  Never reads past @size or
 * writes more than @max_output bytes.  Returns NULL with @status set when
 * the stream is not whole; @info says how far it got either way. */
GBytes *
ks_rle01_decode (const guint8  *data,
                 gsize          size,
                 gsize          max_output,
                 KsRle01Info   *info,
                 KsRle01Status *status)
{
  g_autofree guint8 *out = NULL;
  KsRle01Info local_info = { 0 };
  KsRle01Status local_status;
  gsize pos, end, length = 0, capacity;
  guint8 key;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (info == NULL)
    info = &local_info;
  if (status == NULL)
    status = &local_status;
  memset (info, 0, sizeof *info);

  if (size < RLE01_MAGIC_SIZE || memcmp (data, RLE01_MAGIC, RLE01_MAGIC_SIZE) != 0)
    {
      *status = KS_RLE01_NO_MAGIC;
      return NULL;
    }

  if (size < KS_RLE01_HEADER_SIZE)
    {
      *status = KS_RLE01_SHORT_HEADER;
      return NULL;
    }

  key = data[RLE01_KEY];
  info->key = key;
  info->compressed_size = ks_read_be32 (data + RLE01_SIZE);

  if (info->compressed_size < KS_RLE01_HEADER_SIZE)
    {
      *status = KS_RLE01_BAD_SIZE;
      return NULL;
    }

  if (info->compressed_size > size)
    {
      *status = KS_RLE01_PAST_END;
      return NULL;
    }

  end = info->compressed_size;
  pos = KS_RLE01_HEADER_SIZE;
  /* an output grows at most 255 bytes per 3 stream bytes */
  capacity = MAX (MIN (max_output, (end - pos) * (RLE01_MAX_RUN / 3 + 1)), (gsize) 1);
  out = g_malloc (capacity);
  *status = KS_RLE01_OK;

  while (pos < end)
    {
      guint8 b = data[pos];
      guint count = 1;
      guint8 value = b;

      if (b != key)
        {
          /* a stretch of literals, up to the next key, at once */
          const guint8 *next_key = memchr (data + pos, key, end - pos);
          gsize n = (next_key != NULL ? (gsize) (next_key - data) : end) - pos;

          if (n > max_output - length)
            {
              memcpy (out + length, data + pos, max_output - length);
              length = max_output;
              *status = KS_RLE01_TOO_LONG;
              break;
            }
          memcpy (out + length, data + pos, n);
          length += n;
          pos += n;
          continue;
        }

      /* the key: K 00 is the key byte itself, K n v is v n times */
      if (pos + 1 >= end)
        {
          *status = KS_RLE01_CUT_ESCAPE;
          break;
        }
      count = data[pos + 1];
      if (count == 0)
        {
          count = 1;
          pos += 2;
        }
      else
        {
          if (pos + 2 >= end)
            {
              *status = KS_RLE01_CUT_ESCAPE;
              break;
            }
          value = data[pos + 2];
          pos += 3;
        }

      if (count > max_output - length)
        {
          *status = KS_RLE01_TOO_LONG;
          break;
        }

      if (count == 1)
        out[length++] = value;
      else
        {
          memset (out + length, value, count);
          length += count;
        }
    }

  info->decoded_size = length;
  if (*status != KS_RLE01_OK)
    return NULL;

  return g_bytes_new_take (g_realloc (g_steal_pointer (&out), MAX (length, (gsize) 1)), length);
}

/* §3.4: the least frequent byte value, the lowest on ties (so the first
 * value that never occurs, when there is one). */
guint8
ks_rle01_pick_key (const guint8 *data,
                   gsize         size)
{
  gsize counts[256] = { 0 };
  guint best = 0;
  gsize i = 0;

  g_return_val_if_fail (data != NULL || size == 0, 0);

  /* eight at a time: this runs over the whole 512 KiB partition */
  for (; i + 8 <= size; i += 8)
    {
      counts[data[i]]++;
      counts[data[i + 1]]++;
      counts[data[i + 2]]++;
      counts[data[i + 3]]++;
      counts[data[i + 4]]++;
      counts[data[i + 5]]++;
      counts[data[i + 6]]++;
      counts[data[i + 7]]++;
    }
  for (; i < size; i++)
    counts[data[i]]++;

  for (guint v = 1; v < 256; v++)
    if (counts[v] < counts[best])
      best = v;

  return (guint8) best;
}

/* Header and payload for @data with the firmware's choice of key. */
GBytes *
ks_rle01_encode (const guint8 *data,
                 gsize         size)
{
  g_return_val_if_fail (data != NULL || size == 0, NULL);

  return ks_rle01_encode_with_key (data, size, ks_rle01_pick_key (data, size));
}

/* Any key works (a key byte in the data costs two bytes a time); the result
 * always decodes back to @data. */
GBytes *
ks_rle01_encode_with_key (const guint8 *data,
                          gsize         size,
                          guint8        key)
{
  guint8 *out, *p;
  gsize i = 0, length;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  /* worst case: every byte the key, written as K 00 */
  out = g_malloc (KS_RLE01_HEADER_SIZE + 2 * size);
  memcpy (out, RLE01_MAGIC, RLE01_MAGIC_SIZE);
  out[RLE01_KEY] = key;
  p = out + KS_RLE01_HEADER_SIZE;

  while (i < size)
    {
      guint8 value = data[i];
      gsize run = 1;

      while (i + run < size && run < RLE01_MAX_RUN && data[i + run] == value)
        run++;

      if (run >= RLE01_MIN_RUN)
        {
          *p++ = key;
          *p++ = (guint8) run;
          *p++ = value;
        }
      else
        for (gsize k = 0; k < run; k++)
          {
            *p++ = value;
            if (value == key)
              *p++ = 0x00;
          }

      i += run;
    }

  length = p - out;
  ks_write_be32 (out + RLE01_SIZE, (guint32) MIN (length, (gsize) G_MAXUINT32));
  return g_bytes_new_take (g_realloc (out, length), length);
}
