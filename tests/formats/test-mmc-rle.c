/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-mmc-rle.c — the Mega Memory Card's run-length code
 *
 * mega-memory-card.md §3 (stream and marker choice), §4.1 (encoder),
 * §8 (worked example streams) and the 2016 forum post (§7).
 */

#include "config.h"

#include "ks-test-utils.h"
#include "mmc-builder.h"

/* the forum post (§7): "RLE compressed save data at 0x0000", 144 bytes as
 * posted */
static const char seed_post_stream[] =
  "EE EE 49 00 01 02 04 01 0B 01 05 05 0A 05 04 09"
  "03 07 03 EE 04 00 01 02 00 04 01 01 EE 1C 00 B4"
  "01 1F 3F F9 F5 F2 F7 F7 E6 F8 7C FA FF FE FC C0"
  "13 0F 17 62 60 60 64 E1 C1 00 10 08 04 03 01 02"
  "07 1F 3F 7F 7F 1F EE 10 00 02 01 81 80 40 04 24"
  "A6 23 03 11 10 80 08 00 64 B2 38 79 F8 71 7B 77"
  "E7 6B B7 17 0F 0F 07 0F FC 19 21 91 91 10 60 EE"
  "12 00 03 81 C0 F0 78 7F 3F 3B BD BC BC EE 02 3E"
  "3F 1F 1F 0F 83 C1 C2 E4 E0 F0 F0 F1 F2 EC F0 80";

/* the forum post (§7): "Decompressed save data", the first 0x50 bytes as
 * posted */
static const char seed_post_decoded[] =
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 01 02 04 01 0B 01";

/* What the whole 144-byte sample decodes to: 272 bytes.  Runs: 0x4A, 5,
 * 0x1D, 0x11 and 0x13 zeros and 3 x 0x3E (the post shows only 0x50). */
static const char seed_post_full[] =
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 01 02 04 01 0B 01"
  "05 05 0A 05 04 09 03 07 03 00 00 00 00 00 01 02"
  "00 04 01 01 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 B4 01 1F 3F F9 F5 F2 F7 F7 E6 F8 7C FA FF FE"
  "FC C0 13 0F 17 62 60 60 64 E1 C1 00 10 08 04 03"
  "01 02 07 1F 3F 7F 7F 1F 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 02 01 81 80 40 04 24"
  "A6 23 03 11 10 80 08 00 64 B2 38 79 F8 71 7B 77"
  "E7 6B B7 17 0F 0F 07 0F FC 19 21 91 91 10 60 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 03 81 C0 F0 78 7F 3F 3B BD BC BC 3E 3E 3E"
  "3F 1F 1F 0F 83 C1 C2 E4 E0 F0 F0 F1 F2 EC F0 80";

static GBytes *
decode_bytes (GBytes         *stream,
              gsize           limit,
              KsMmcRleStatus *status)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (stream, &length);

  return ks_mmc_rle_decode (data, length, limit, status);
}

static GBytes *
encode_bytes (GBytes *sram,
              guint8  marker)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (sram, &size);

  return ks_mmc_rle_encode (data, size, marker);
}

static guint8
marker_of (GBytes *sram)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (sram, &size);

  return ks_mmc_rle_choose_marker (data, size);
}

static void
test_seed_post_decodes_as_posted (void)
{
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex (seed_post_stream);
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (seed_post_decoded);
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GBytes) head = NULL;
  KsMmcRleStatus status;

  g_assert_cmpuint (g_bytes_get_size (stream), ==, 144);
  g_assert_cmpuint (g_bytes_get_size (expected), ==, 0x50);

  /* "0x4A (0x49 + 1) bytes of 0x00", then the literals 01 02 04 01 0B 01 */
  decoded = decode_bytes (stream, 0x50, &status);
  ks_test_assert_bytes_equal (decoded, expected);
  g_assert_true (status.limit_reached);
  g_assert_false (status.truncated);
  /* marker, the 0x4A-zero run and six literals */
  g_assert_cmpuint (status.consumed, ==, 1 + 3 + 6);

  g_clear_pointer (&decoded, g_bytes_unref);
  decoded = decode_bytes (stream, G_MAXSIZE, &status);
  head = g_bytes_new_from_bytes (decoded, 0, 0x50);
  ks_test_assert_bytes_equal (head, expected);
}

static void
test_seed_post_whole_sample (void)
{
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex (seed_post_stream);
  g_autoptr(GBytes) shared = ks_test_mmc_seed_post_stream ();
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (seed_post_full);
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GBytes) again = NULL;
  KsMmcRleStatus status;

  /* the builder the other tests use holds the same bytes */
  ks_test_assert_bytes_equal (shared, stream);

  decoded = decode_bytes (stream, G_MAXSIZE, &status);
  g_assert_cmpuint (g_bytes_get_size (decoded), ==, 272);
  ks_test_assert_bytes_equal (decoded, expected);
  g_assert_cmpuint (status.consumed, ==, 144);
  g_assert_false (status.truncated);
  g_assert_false (status.limit_reached);

  /* §4.1 reproduces the card's own bytes: pairs (05 05, F7 F7, 60 60, …)
   * stay literals, 3 x 3E becomes EE 02 3E */
  again = encode_bytes (decoded, 0xEE);
  ks_test_assert_bytes_equal (again, stream);
}

static void
test_worked_example_save_1 (void)
{
  g_autoptr(GBytes) sram = ks_test_mmc_zelda_sram ();
  g_autoptr(GString) hex = g_string_new ("04 01 02 02 04 02 03");
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(GBytes) decoded = NULL;

  /* counts: 0x00 capped, 0x01 = 1, 0x02 = 2, 0x03 = 3, 0x04 = 0 → M = 0x04 */
  g_assert_cmpuint (marker_of (sram), ==, 0x04);

  for (guint i = 0; i < 31; i++)
    g_string_append (hex, " 04 FF 00");
  g_string_append (hex, " 04 F9 00");
  expected = ks_test_bytes_from_hex (hex->str);
  g_assert_cmpuint (g_bytes_get_size (expected), ==, 103);

  stream = encode_bytes (sram, 0x04);
  ks_test_assert_bytes_equal (stream, expected);

  decoded = decode_bytes (stream, 8192, NULL);
  ks_test_assert_bytes_equal (decoded, sram);
}

static void
test_worked_example_save_2 (void)
{
  g_autoptr(GBytes) sram = ks_test_mmc_pokemon_sram ();
  g_autoptr(GString) hex = g_string_new ("01 01 00 01");
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(GBytes) decoded = NULL;

  /* every value 0x01-0xFF once, 0x00 capped → the lowest count-1 value */
  g_assert_cmpuint (marker_of (sram), ==, 0x01);

  for (guint v = 0x02; v <= 0xFC; v++)
    g_string_append_printf (hex, " %02X", v);
  for (guint i = 0; i < 127; i++)
    g_string_append (hex, " 01 FF 00");
  g_string_append (hex, " 00 FD FE FF");
  expected = ks_test_bytes_from_hex (hex->str);
  g_assert_cmpuint (g_bytes_get_size (expected), ==, 640);

  stream = encode_bytes (sram, 0x01);
  ks_test_assert_bytes_equal (stream, expected);

  decoded = decode_bytes (stream, 32768, NULL);
  ks_test_assert_bytes_equal (decoded, sram);
}

static void
test_marker_is_lowest_absent_value (void)
{
  g_autoptr(GBytes) sram = ks_test_bytes_from_hex ("00 00 01 03 03 FF");

  g_assert_cmpuint (marker_of (sram), ==, 0x02);
}

static void
test_marker_is_least_frequent_when_all_occur (void)
{
  guint8 data[1024];

  /* every value at least 4 times, 0x80 only 3 times, 0x90 only 3 times */
  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) i;
  data[0x80] = 0x00;
  data[0x90] = 0x00;

  g_assert_cmpuint (ks_mmc_rle_choose_marker (data, sizeof data), ==, 0x80);
}

/* §3: counts are capped at 255, so values seen 300 and 260 times tie with
 * those seen 400 times, and the lowest value wins — not the least frequent.
 * The forum post's "0x00 when all values occur" only holds by accident. */
static void
test_marker_counts_capped_at_255 (void)
{
  g_autofree guint8 *data = g_malloc (256 * 400);
  gsize n = 0;

  for (guint v = 0; v < 256; v++)
    {
      guint times = v == 0x10 ? 300 : v == 0x20 ? 260 : 400;

      for (guint i = 0; i < times; i++)
        data[n++] = (guint8) v;
    }
  g_assert_cmpuint (ks_mmc_rle_choose_marker (data, n), ==, 0x00);

  /* one value below the cap decides, even if it is high */
  n = 0;
  for (guint v = 0; v < 256; v++)
    {
      guint times = v == 0xC7 ? 254 : 256;

      for (guint i = 0; i < times; i++)
        data[n++] = (guint8) v;
    }
  g_assert_cmpuint (ks_mmc_rle_choose_marker (data, n), ==, 0xC7);

  /* 64 KiB of 0x00-0xFF: every count hits the cap → 0x00 */
  for (guint i = 0; i < 65536; i++)
    data[i] = (guint8) i;
  g_assert_cmpuint (ks_mmc_rle_choose_marker (data, 65536), ==, 0x00);
}

typedef struct
{
  const char *sram;
  guint8      marker;
  const char *stream;
} EncodeVector;

/* §4.1, token by token */
static const EncodeVector encode_vectors[] = {
  /* a single byte is a literal */
  { "07", 0x00, "00 07" },
  /* a pair is two literals, inside the stream */
  { "05 05 06", 0x00, "00 05 05 06" },
  /* ... but a final pair is a run (n != 0 at the end) */
  { "06 05 05", 0x00, "00 06 00 01 05" },
  /* three copies are a run */
  { "05 05 05 06", 0x00, "00 00 02 05 06" },
  /* a data byte equal to the marker is always a run, even alone */
  { "AA 01 AA AA 02", 0xAA, "AA AA 00 AA 01 AA 01 AA 02" },
  /* a final lone marker: M 00 M, not the firmware's raw byte (§9.7) */
  { "01 AA", 0xAA, "AA 01 AA 00 AA" },
  /* the firmware writes a final lone non-marker byte raw */
  { "01 02", 0xAA, "AA 01 02" },
};

static void
test_encode_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (encode_vectors); i++)
    {
      g_autoptr(GBytes) sram = ks_test_bytes_from_hex (encode_vectors[i].sram);
      g_autoptr(GBytes) expected = ks_test_bytes_from_hex (encode_vectors[i].stream);
      g_autoptr(GBytes) stream = encode_bytes (sram, encode_vectors[i].marker);
      g_autoptr(GBytes) decoded = NULL;

      g_test_message ("vector %u: %s", i, encode_vectors[i].sram);
      ks_test_assert_bytes_equal (stream, expected);
      decoded = decode_bytes (stream, g_bytes_get_size (sram), NULL);
      ks_test_assert_bytes_equal (decoded, sram);
    }
}

static void
assert_encodes_as (const guint8 *data,
                   gsize         size,
                   guint8        marker,
                   const char   *stream_hex)
{
  g_autoptr(GBytes) stream = ks_mmc_rle_encode (data, size, marker);
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (stream_hex);

  ks_test_assert_bytes_equal (stream, expected);
}

static void
test_runs_split_at_256 (void)
{
  guint8 data[600];
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) decoded = NULL;

  /* 256 copies fill one token; 257 leave one over; 513 are two runs and a
   * last lone byte, written raw */
  memset (data, 0x33, 256);
  assert_encodes_as (data, 256, 0x00, "00 00 FF 33");

  memset (data, 0x33, 257);
  data[257] = 0x44;
  assert_encodes_as (data, 258, 0x00, "00 00 FF 33 33 44");

  memset (data, 0x33, 513);
  stream = ks_mmc_rle_encode (data, 513, 0x00);
  expected = ks_test_bytes_from_hex ("00 00 FF 33 00 FF 33 33");
  ks_test_assert_bytes_equal (stream, expected);
  decoded = decode_bytes (stream, 600, NULL);
  g_assert_cmpuint (g_bytes_get_size (decoded), ==, 513);
  g_assert_true (ks_bytes_all (g_bytes_get_data (decoded, NULL), 513, 0x33));
}

/* Long stretches are taken whole (ks_mmc_rle_encode's fast path): the
 * tokens must be exactly those the byte-by-byte state machine writes. */
static void
test_long_stretches_encode_as_full_runs (void)
{
  guint8 data[8192 + 1];
  g_autoptr(GString) hex = g_string_new ("01");

  /* a zero-filled 8 KiB bank: 32 runs of 256 zeros, the last one written
   * when the data ends */
  memset (data, 0x00, 8192);
  for (guint i = 0; i < 32; i++)
    g_string_append (hex, " 01 FF 00");
  assert_encodes_as (data, 8192, 0x01, hex->str);

  /* 600 bytes of 0xAA, then 0x55 and a pair of 0x66: two full runs, 88
   * copies (count 0x57), a literal, and the pair as a run because the
   * data ends with it (§4.1: the end writes what is pending as a run) */
  memset (data, 0xAA, 600);
  data[600] = 0x55;
  data[601] = 0x66;
  data[602] = 0x66;
  assert_encodes_as (data, 603, 0x00, "00 00 FF AA 00 FF AA 00 57 AA 55 00 01 66");

  /* a stretch of the marker value itself: runs, and the last lone byte of
   * it as M 00 M */
  memset (data, 0x07, 257);
  assert_encodes_as (data, 257, 0x07, "07 07 FF 07 07 00 07");
}

/* Identical run tokens in a row are decoded at once; the output, the
 * bytes consumed and the stop at the limit are those of token-by-token
 * decoding. */
static void
test_decode_repeated_runs (void)
{
  /* erased flash read as a stream: marker 0xFF, every token FF FF FF */
  g_autofree guint8 *erased = g_malloc (1 + 3 * 600 + 1);
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex ("01 01 FF 00 01 FF 00 01 FF 00 01 FF 00 "
                                                     "01 02 07 42");
  g_autoptr(GBytes) decoded = NULL;
  KsMmcRleStatus status;
  gsize size;
  const guint8 *out;

  /* four runs of 256 zeros, three 0x07 and a literal */
  decoded = decode_bytes (stream, 8192, &status);
  out = g_bytes_get_data (decoded, &size);
  g_assert_cmpuint (size, ==, 4 * 256 + 3 + 1);
  g_assert_true (ks_bytes_all (out, 1024, 0x00));
  g_assert_true (ks_bytes_all (out + 1024, 3, 0x07));
  g_assert_cmpuint (out[1027], ==, 0x42);
  g_assert_cmpuint (status.consumed, ==, 17);
  g_assert_false (status.limit_reached);
  g_clear_pointer (&decoded, g_bytes_unref);

  /* stopping inside the third run: three tokens read, 700 bytes out */
  decoded = decode_bytes (stream, 700, &status);
  g_assert_cmpuint (g_bytes_get_size (decoded), ==, 700);
  g_assert_cmpuint (status.consumed, ==, 10);
  g_assert_true (status.limit_reached);
  g_clear_pointer (&decoded, g_bytes_unref);

  /* erased flash: the marker, 600 whole tokens and one byte of a cut-off
   * token; 600 × 256 bytes of 0xFF */
  memset (erased, 0xFF, 1 + 3 * 600 + 1);
  g_clear_pointer (&stream, g_bytes_unref);
  stream = g_bytes_new (erased, 1 + 3 * 600 + 1);
  decoded = decode_bytes (stream, 1024 * 1024, &status);
  out = g_bytes_get_data (decoded, &size);
  g_assert_cmpuint (size, ==, 600 * 256);
  g_assert_true (ks_bytes_all (out, size, 0xFF));
  g_assert_true (status.truncated);
  g_assert_false (status.limit_reached);
  g_assert_cmpuint (status.consumed, ==, 1 + 3 * 600);
}

/* Decoding token by token with the reader alone, as the device does */
static GByteArray *
decode_token_by_token (GBytes *stream,
                       gsize   limit)
{
  GByteArray *out = g_byte_array_new ();
  KsMmcRleReader reader;
  guint8 value;
  guint copies;

  ks_mmc_rle_reader_init (&reader, g_bytes_get_data (stream, NULL), g_bytes_get_size (stream));
  while (out->len < limit && ks_mmc_rle_reader_next (&reader, &value, &copies))
    for (guint i = 0; i < copies && out->len < limit; i++)
      g_byte_array_append (out, &value, 1);
  return out;
}

/* Sparse banks (long stretches of 0x00 and 0xFF, so long stretches of
 * equal run tokens) and the streams erased flash and stale tails give:
 * the decoder, which takes equal runs at once, gives the bytes the
 * token-by-token reading gives, at every limit tried. */
static void
test_decode_matches_token_by_token (void)
{
  for (guint seed = 1; seed <= 24; seed++)
    {
      g_autoptr(GBytes) random = ks_test_random_bytes (16384, seed);
      g_autofree guint8 *sparse = g_memdup2 (g_bytes_get_data (random, NULL), 16384);
      g_autoptr(GBytes) stream = NULL;
      const gsize limits[] = { 1, 255, 256, 257, 8192, 12345, 16384, 65536 };

      for (gsize i = 0; i < 16384; i++)
        if (sparse[i] % (seed + 7) != 0)
          sparse[i] = (guint8) (i / 3000 % 2 ? 0x00 : 0xFF);
      {
        g_autoptr(GBytes) sram = g_bytes_new (sparse, 16384);

        /* with marker 0xFF, stretches of 0xFF are FF FF FF tokens, as in
         * erased flash */
        stream = encode_bytes (sram, seed % 2 ? 0xFF : (guint8) seed);
      }

      for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
        {
          g_autoptr(GBytes) fast = decode_bytes (stream, limits[l], NULL);
          g_autoptr(GByteArray) slow = decode_token_by_token (stream, limits[l]);
          g_autoptr(GBytes) expected = g_bytes_new (slow->data, slow->len);

          ks_test_assert_bytes_equal (fast, expected);
        }
    }
}

static void
test_reader_takes_repeated_runs (void)
{
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex ("04 04 09 01 04 09 01 04 09 01 04 09 02 "
                                                     "04 00 05 04 00 05");
  KsMmcRleReader reader;
  guint8 value;
  guint copies;

  ks_mmc_rle_reader_init (&reader, g_bytes_get_data (stream, NULL), g_bytes_get_size (stream));

  /* three equal runs of ten 0x01; a fourth differs */
  g_assert_cmpuint (ks_mmc_rle_reader_next_repeats (&reader, 100, 1000, &value, &copies), ==, 3);
  g_assert_cmpuint (value, ==, 0x01);
  g_assert_cmpuint (copies, ==, 10);
  g_assert_cmpuint (reader.pos, ==, 10);

  /* a run followed by a different one is not a repeat */
  g_assert_cmpuint (ks_mmc_rle_reader_next_repeats (&reader, 100, 1000, &value, &copies), ==, 0);
  g_assert_cmpuint (reader.pos, ==, 10);
  g_assert_true (ks_mmc_rle_reader_next (&reader, &value, &copies));
  g_assert_cmpuint (copies, ==, 10);

  /* two runs of one 0x05, but room for only one copy: none taken in
   * bulk (at least two are), and the end offset is respected too */
  g_assert_cmpuint (ks_mmc_rle_reader_next_repeats (&reader, 100, 1, &value, &copies), ==, 0);
  g_assert_cmpuint (ks_mmc_rle_reader_next_repeats (&reader, 14, 1000, &value, &copies), ==, 0);
  g_assert_cmpuint (ks_mmc_rle_reader_next_repeats (&reader, 100, 1000, &value, &copies), ==, 2);
  g_assert_cmpuint (reader.pos, ==, 19);
  g_assert_false (ks_mmc_rle_reader_next (&reader, &value, &copies));
}

static void
test_decode_stops_at_limit_inside_a_run (void)
{
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex ("EE 11 EE FF 22 33");
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("11 22 22 22 22");
  KsMmcRleStatus status;

  /* the card stops the moment it has filled the cart's banks (§3) */
  decoded = decode_bytes (stream, 5, &status);
  ks_test_assert_bytes_equal (decoded, expected);
  g_assert_true (status.limit_reached);
  g_assert_false (status.truncated);
}

static void
test_decode_truncated_streams (void)
{
  const char *const cases[] = {
    "",                 /* not even a marker */
    "EE 01 EE",         /* marker, literal, run marker cut */
    "EE 01 EE 05",      /* count but no value */
  };
  const gsize produced[] = { 0, 1, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) stream = ks_test_bytes_from_hex (cases[i]);
      g_autoptr(GBytes) decoded = NULL;
      KsMmcRleStatus status;

      decoded = decode_bytes (stream, 8192, &status);
      g_assert_true (status.truncated);
      g_assert_false (status.limit_reached);
      g_assert_cmpuint (g_bytes_get_size (decoded), ==, produced[i]);
    }
}

static void
test_reader_reports_tokens (void)
{
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex ("04 01 02 02 04 02 03 04 F9 00");
  KsMmcRleReader reader;
  guint8 value;
  guint copies;
  const guint8 expect_value[] = { 0x01, 0x02, 0x02, 0x03, 0x00 };
  const guint expect_copies[] = { 1, 1, 1, 3, 250 };
  const gsize expect_pos[] = { 2, 3, 4, 7, 10 };

  ks_mmc_rle_reader_init (&reader, g_bytes_get_data (stream, NULL), g_bytes_get_size (stream));
  g_assert_cmpuint (reader.marker, ==, 0x04);
  g_assert_cmpuint (reader.pos, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (expect_value); i++)
    {
      g_assert_true (ks_mmc_rle_reader_next (&reader, &value, &copies));
      g_assert_cmpuint (value, ==, expect_value[i]);
      g_assert_cmpuint (copies, ==, expect_copies[i]);
      g_assert_cmpuint (reader.pos, ==, expect_pos[i]);
    }
  g_assert_false (ks_mmc_rle_reader_next (&reader, &value, &copies));
  g_assert_false (reader.truncated);
}

static void
test_round_trip_random_and_sparse (void)
{
  for (guint seed = 1; seed <= 40; seed++)
    {
      gsize size = seed % 2 ? 8192 : 32768;
      g_autoptr(GBytes) random = ks_test_random_bytes (size, seed);
      g_autofree guint8 *sparse = g_memdup2 (g_bytes_get_data (random, NULL), size);
      g_autoptr(GBytes) sram = NULL;
      g_autoptr(GBytes) stream = NULL;
      g_autoptr(GBytes) decoded = NULL;

      /* keep one byte in seed, zero the rest in runs of every length */
      for (gsize i = 0; i < size; i++)
        if (sparse[i] % seed != 0)
          sparse[i] = (guint8) (sparse[i] < 128 ? 0x00 : 0xFF);
      sram = g_bytes_new (sparse, size);

      stream = encode_bytes (sram, marker_of (sram));
      decoded = decode_bytes (stream, size, NULL);
      ks_test_assert_bytes_equal (decoded, sram);

      /* any marker works, as long as data bytes equal to it are escaped */
      g_clear_pointer (&stream, g_bytes_unref);
      g_clear_pointer (&decoded, g_bytes_unref);
      stream = encode_bytes (sram, sparse[0]);
      decoded = decode_bytes (stream, size, NULL);
      ks_test_assert_bytes_equal (decoded, sram);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mmc/rle/seed-post/decodes-as-posted", test_seed_post_decodes_as_posted);
  g_test_add_func ("/mmc/rle/seed-post/whole-sample-decodes-and-re-encodes-identically",
                   test_seed_post_whole_sample);
  g_test_add_func ("/mmc/rle/worked-example/save-1-stream", test_worked_example_save_1);
  g_test_add_func ("/mmc/rle/worked-example/save-2-stream", test_worked_example_save_2);
  g_test_add_func ("/mmc/rle/marker/lowest-absent-value", test_marker_is_lowest_absent_value);
  g_test_add_func ("/mmc/rle/marker/least-frequent-when-all-occur",
                   test_marker_is_least_frequent_when_all_occur);
  g_test_add_func ("/mmc/rle/marker/counts-capped-at-255-ties-go-to-lowest",
                   test_marker_counts_capped_at_255);
  g_test_add_func ("/mmc/rle/encode/token-vectors", test_encode_vectors);
  g_test_add_func ("/mmc/rle/encode/runs-split-at-256", test_runs_split_at_256);
  g_test_add_func ("/mmc/rle/decode/stops-at-limit-inside-a-run",
                   test_decode_stops_at_limit_inside_a_run);
  g_test_add_func ("/mmc/rle/decode/truncated-streams", test_decode_truncated_streams);
  g_test_add_func ("/mmc/rle/encode/long-stretches-as-full-runs",
                   test_long_stretches_encode_as_full_runs);
  g_test_add_func ("/mmc/rle/decode/repeated-runs-at-once", test_decode_repeated_runs);
  g_test_add_func ("/mmc/rle/decode/reader-takes-repeated-runs", test_reader_takes_repeated_runs);
  g_test_add_func ("/mmc/rle/decode/matches-token-by-token", test_decode_matches_token_by_token);
  g_test_add_func ("/mmc/rle/decode/reader-reports-tokens", test_reader_reports_tokens);
  g_test_add_func ("/mmc/rle/round-trip/random-and-sparse", test_round_trip_random_and_sparse);

  return g_test_run ();
}
