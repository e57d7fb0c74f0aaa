/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-rle.c — run-length code of the Datel Mega Memory Card
 *
 * Stream (mega-memory-card.md §3):
 *   byte 0      marker M
 *   then        a byte != M is a literal; M c v is v repeated c+1 times
 *               (1..256 copies); a data byte equal to M is always a run
 * Marker choice (§3): the byte value with the fewest occurrences, counts
 * capped at 255, lowest value on ties.
 * Encoder (§4.1): the firmware's state machine, so our streams match the
 * card's byte for byte, except for its end-of-stream bug (§9.7): a final
 * lone M is written as M 00 M, not as a raw M.
 * The stream carries no length; the decoder stops at a byte limit the
 * caller gives (the device stops at banks x 8 KiB) or where the stream ends.
 */

#include "config.h"

#include <string.h>

#include "ks-mmc-rle.h"

/* §3: the firmware counts byte values in one byte each, saturating */
#define RLE_COUNT_CAP 255
/* §3: c + 1 copies, so one run holds at most 256 */
#define RLE_RUN_MAX   256

void
ks_mmc_rle_reader_init (KsMmcRleReader *reader,
                        const guint8   *stream,
                        gsize           length)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (stream != NULL || length == 0);

  memset (reader, 0, sizeof *reader);
  reader->stream = stream;
  reader->length = length;

  if (length == 0)
    {
      /* not even a marker */
      reader->truncated = TRUE;
      return;
    }

  reader->marker = stream[0];
  reader->pos = 1;
}

/* The next token as @copies of @value.  FALSE at the end of the stream;
 * reader->truncated then says whether it ended inside a run token. */
gboolean
ks_mmc_rle_reader_next (KsMmcRleReader *reader,
                        guint8         *value,
                        guint          *copies)
{
  const guint8 *p;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL && copies != NULL, FALSE);

  if (reader->pos >= reader->length)
    return FALSE;

  p = reader->stream + reader->pos;
  if (p[0] != reader->marker)
    {
      *value = p[0];
      *copies = 1;
      reader->pos++;
      return TRUE;
    }

  if (reader->length - reader->pos < 3)
    {
      reader->truncated = TRUE;
      return FALSE;
    }

  *copies = (guint) p[1] + 1;
  *value = p[2];
  reader->pos += 3;
  return TRUE;
}

/* Identical run tokens in a row (erased flash is M M M M ..., zero-filled
 * SRAM M FF 00 M FF 00 ...), taken at once as if ks_mmc_rle_reader_next()
 * had been called for each: all those that start before stream offset
 * @end, or until they have given at least @room copies.  Returns how many tokens
 * were taken (0 unless the next token is a run followed by the same run;
 * then at least 2) and sets @value and @copies to those of one of them.
 * A token is taken only when all three of its bytes are in the stream. */
gsize
ks_mmc_rle_reader_next_repeats (KsMmcRleReader *reader,
                                gsize           end,
                                gsize           room,
                                guint8         *value,
                                guint          *copies)
{
  const guint8 *p;
  gsize most, n;
  guint each;

  g_return_val_if_fail (reader != NULL, 0);
  g_return_val_if_fail (value != NULL && copies != NULL, 0);

  end = MIN (end, reader->length);
  if (reader->pos >= end || reader->length - reader->pos < 6 || room == 0)
    return 0;
  p = reader->stream + reader->pos;
  if (p[0] != reader->marker || memcmp (p, p + 3, 3) != 0)
    return 0;

  each = (guint) p[1] + 1;
  most = MIN ((end - reader->pos + 2) / 3, (reader->length - reader->pos) / 3);
  most = MIN (most, (room + each - 1) / each);
  if (most < 2)
    return 0;

  /* n tokens repeat when their bytes equal themselves shifted by one
   * token: doubling n, then halving the gap between the last n that
   * repeats and the first that does not, finds the whole stretch in a few
   * comparisons */
  n = 2;
  while (n < most)
    {
      gsize next = MIN (2 * n, most);

      if (memcmp (p, p + 3, 3 * (next - 1)) != 0)
        {
          while (next - n > 1)
            {
              gsize mid = n + (next - n) / 2;

              if (memcmp (p, p + 3, 3 * (mid - 1)) == 0)
                n = mid;
              else
                next = mid;
            }
          break;
        }
      n = next;
    }

  *copies = each;
  *value = p[2];
  reader->pos += 3 * n;
  return n;
}

guint8
ks_mmc_rle_choose_marker (const guint8 *data,
                          gsize         size)
{
  guint counts[256] = { 0 };
  guint best = 0;

  g_return_val_if_fail (data != NULL || size == 0, 0);

  for (gsize i = 0; i < size; i++)
    counts[data[i]]++;
  for (guint v = 0; v < 256; v++)
    counts[v] = MIN (counts[v], (guint) RLE_COUNT_CAP);

  /* Strictly fewer, so the lowest value wins ties; when every count hit the
   * cap (possible from 64 KiB up) that leaves 0x00, as the spec advises. */
  for (guint v = 1; v < 256; v++)
    if (counts[v] < counts[best])
      best = v;

  return (guint8) best;
}

static void
emit_run (GByteArray *out,
          guint8      marker,
          guint       extra,
          guint8      value)
{
  const guint8 token[3] = { marker, (guint8) extra, value };

  g_byte_array_append (out, token, 3);
}

/* How many of the @size bytes after @at equal *@at (at least 1 when the
 * first does): doubling stretches, each checked by one comparison of the
 * bytes against themselves shifted by one. */
static gsize
equal_stretch (const guint8 *at,
               gsize         size)
{
  gsize same = 0, step = 1;

  while (same < size)
    {
      gsize try = MIN (same + step, size);

      if (memcmp (at + same, at + same + 1, try - same) != 0)
        {
          if (step == 1)
            break;
          step = 1;
          continue;
        }
      same = try;
      step *= 2;
    }

  return same;
}

/* §4.1 exactly: @n counts the repeats of @prev beyond the first. */
GBytes *
ks_mmc_rle_encode (const guint8 *data,
                   gsize         size,
                   guint8        marker)
{
  GByteArray *out;
  guint8 prev;
  guint n = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  out = g_byte_array_sized_new (MIN (size, G_MAXUINT / 4) / 2 + 16);
  g_byte_array_append (out, &marker, 1);
  prev = data[0];

  for (gsize i = 1; i < size; i++)
    {
      guint8 cur = data[i];

      if (cur == prev)
        {
          /* the whole stretch of equal bytes at once: every 256th of them
           * ends a full run (n reaching 255 and one byte more) */
          gsize same = equal_stretch (data + i - 1, size - i);

          for (gsize runs = (n + same) / RLE_RUN_MAX; runs > 0; runs--)
            emit_run (out, marker, RLE_RUN_MAX - 1, prev);
          n = (guint) ((n + same) % RLE_RUN_MAX);
          i += same - 1;
          continue;
        }

      if (n >= 2 || prev == marker)
        emit_run (out, marker, n, prev);
      else if (n == 0)
        g_byte_array_append (out, &prev, 1);
      else
        {
          /* a pair costs two literals, less than a run token */
          const guint8 pair[2] = { prev, prev };

          g_byte_array_append (out, pair, 2);
        }
      n = 0;
      prev = cur;
    }

  /* The firmware writes a final lone M raw, which its own decoder then
   * reads as the start of a run (§4.1); M 00 M is what it should write. */
  if (n != 0 || prev == marker)
    emit_run (out, marker, n, prev);
  else
    g_byte_array_append (out, &prev, 1);

  return g_byte_array_free_to_bytes (out);
}

/* Decodes at most @limit bytes, stopping even inside a run as the device
 * does when it has filled the cart's banks. */
GBytes *
ks_mmc_rle_decode (const guint8   *stream,
                   gsize           length,
                   gsize           limit,
                   KsMmcRleStatus *status)
{
  KsMmcRleReader reader;
  GByteArray *out;
  guint8 value;
  guint copies;

  g_return_val_if_fail (stream != NULL || length == 0, NULL);

  /* GByteArray counts in guint; no save comes near that. */
  limit = MIN (limit, (gsize) G_MAXUINT);

  /* A stream can grow at most 256/3-fold; never reserve more than that. */
  out = g_byte_array_sized_new ((guint) MIN (limit, MIN (length, G_MAXUINT / RLE_RUN_MAX) * 86));
  ks_mmc_rle_reader_init (&reader, stream, length);

  while (out->len < limit)
    {
      gsize old = out->len, n, tokens;

      /* a stretch of literals, up to the next marker, at once */
      if (reader.pos < length && stream[reader.pos] != reader.marker)
        {
          const guint8 *next_marker = memchr (stream + reader.pos, reader.marker,
                                              length - reader.pos);

          n = (next_marker != NULL ? (gsize) (next_marker - stream) : length) - reader.pos;
          n = MIN (n, limit - old);
          g_byte_array_append (out, stream + reader.pos, (guint) n);
          reader.pos += n;
          continue;
        }

      tokens = ks_mmc_rle_reader_next_repeats (&reader, length, limit - old, &value, &copies);
      if (tokens == 0)
        {
          if (!ks_mmc_rle_reader_next (&reader, &value, &copies))
            break;
          tokens = 1;
        }
      n = MIN ((gsize) copies * tokens, limit - old);

      g_byte_array_set_size (out, (guint) (old + n));
      memset (out->data + old, value, n);
    }

  if (status != NULL)
    {
      status->consumed = reader.pos;
      status->truncated = reader.truncated;
      status->limit_reached = out->len >= limit;
    }

  return g_byte_array_free_to_bytes (out);
}
