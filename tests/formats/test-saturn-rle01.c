/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-saturn-rle01.c — the Action Replay's compression (spec saturn.md §3.3, §3.4, §7.1–§7.3) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static GBytes *
decode_hex (const char    *hex,
            KsRle01Status *status)
{
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex (hex);

  return ks_rle01_decode (g_bytes_get_data (stream, NULL), g_bytes_get_size (stream),
                          0x80000, NULL, status);
}

static void
assert_round_trip (GBytes *data)
{
  g_autoptr(GBytes) stream = ks_rle01_encode (g_bytes_get_data (data, NULL),
                                              g_bytes_get_size (data));
  g_autoptr(GBytes) decoded = NULL;
  KsRle01Info info;
  KsRle01Status status;

  decoded = ks_rle01_decode (g_bytes_get_data (stream, NULL), g_bytes_get_size (stream),
                             G_MAXSIZE, &info, &status);
  g_assert_cmpint (status, ==, KS_RLE01_OK);
  g_assert_cmpuint (info.compressed_size, ==, g_bytes_get_size (stream));
  ks_test_assert_bytes_equal (decoded, data);
}

static void
test_decode_vector_1 (void)
{
  g_autoptr(GBytes) stream = ks_test_bytes_from_hex ("52 4C 45 30 31 07 00 00 00 12"
                                                     "41 42 07 06 00 07 00 43");
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("41 42 00 00 00 00 00 00 07 43");
  g_autoptr(GBytes) decoded = NULL;
  KsRle01Info info;
  KsRle01Status status;

  decoded = ks_rle01_decode (g_bytes_get_data (stream, NULL), g_bytes_get_size (stream),
                             0x80000, &info, &status);
  g_assert_cmpint (status, ==, KS_RLE01_OK);
  g_assert_cmpuint (info.key, ==, 0x07);
  /* compressedSize counts the header: 10 + 8 */
  g_assert_cmpuint (info.compressed_size, ==, 0x12);
  ks_test_assert_bytes_equal (decoded, expected);
}

static void
test_encode_vector_2 (void)
{
  g_autofree guint8 *zeros = g_malloc0 (300);
  g_autoptr(GBytes) stream = ks_rle01_encode (zeros, 300);
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("52 4C 45 30 31 01 00 00 00 10"
                                                       "01 FF 00 01 2D 00");

  /* key 0x01: the first value that never occurs; runs of 255 + 45 */
  g_assert_cmpuint (ks_rle01_pick_key (zeros, 300), ==, 0x01);
  ks_test_assert_bytes_equal (stream, expected);
}

static void
test_encode_vector_3 (void)
{
  g_autoptr(GBytes) data = ks_test_bytes_from_hex ("00 00 00 07 07 07 07");
  g_autoptr(GBytes) stream = ks_rle01_encode_with_key (g_bytes_get_data (data, NULL), 7, 0x07);
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("52 4C 45 30 31 07 00 00 00 10"
                                                       "00 00 00 07 04 07");
  g_autoptr(GBytes) single = ks_test_bytes_from_hex ("07");
  g_autoptr(GBytes) single_stream = ks_rle01_encode_with_key ((const guint8 *) "\x07", 1, 0x07);
  g_autoptr(GBytes) literal = NULL;
  KsRle01Status status;

  /* a run of 3 stays literal; a run of 4 of the key is an ordinary run */
  ks_test_assert_bytes_equal (stream, expected);

  /* a literal key is K 00 */
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (single_stream, NULL) + 10, 2, "\x07\x00", 2);
  literal = decode_hex ("52 4C 45 30 31 07 00 00 00 0C 07 00", &status);
  g_assert_cmpint (status, ==, KS_RLE01_OK);
  ks_test_assert_bytes_equal (literal, single);
}

static void
test_any_run_length_decodes (void)
{
  KsRle01Status status;
  g_autoptr(GBytes) one = decode_hex ("52 4C 45 30 31 AA 00 00 00 0D AA 01 55", &status);
  g_autoptr(GBytes) two = decode_hex ("52 4C 45 30 31 AA 00 00 00 0D AA 02 AA", &status);
  g_autoptr(GBytes) empty = decode_hex ("52 4C 45 30 31 AA 00 00 00 0A", &status);
  g_autoptr(GBytes) expected_one = ks_test_bytes_from_hex ("55");
  g_autoptr(GBytes) expected_two = ks_test_bytes_from_hex ("AA AA");

  ks_test_assert_bytes_equal (one, expected_one);
  ks_test_assert_bytes_equal (two, expected_two);
  g_assert_nonnull (empty);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
}

static void
test_bytes_after_the_stream_are_not_read (void)
{
  KsRle01Status status;
  g_autoptr(GBytes) decoded = decode_hex ("52 4C 45 30 31 07 00 00 00 0C 41 42 FF FF FF", &status);
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("41 42");

  ks_test_assert_bytes_equal (decoded, expected);
}

static void
test_bad_streams_are_refused (void)
{
  static const struct { const char *hex; KsRle01Status status; } cases[] = {
    { "44 45 46 30 32 07 00 00 00 0C 41 42", KS_RLE01_NO_MAGIC },
    { "52 4C 45 30 31 07 00 00", KS_RLE01_SHORT_HEADER },
    { "52 4C 45 30 31 07 00 00 00 09", KS_RLE01_BAD_SIZE },
    /* compressedSize past the bytes there are (the end of the flash) */
    { "52 4C 45 30 31 07 00 00 01 00 41 42", KS_RLE01_PAST_END },
    { "52 4C 45 30 31 07 FF FF FF FF 41 42", KS_RLE01_PAST_END },
    /* the stream ends inside K c v */
    { "52 4C 45 30 31 07 00 00 00 0B 07", KS_RLE01_CUT_ESCAPE },
    { "52 4C 45 30 31 07 00 00 00 0C 07 05", KS_RLE01_CUT_ESCAPE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KsRle01Status status = KS_RLE01_OK;
      g_autoptr(GBytes) decoded = decode_hex (cases[i].hex, &status);

      g_assert_null (decoded);
      g_assert_cmpint (status, ==, cases[i].status);
    }
}

static void
test_output_is_bounded (void)
{
  /* 255-byte runs, 3 stream bytes each: a small stream, a big output */
  GByteArray *stream = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint8 header[10] = { 'R', 'L', 'E', '0', '1', 0x07 };
  KsRle01Info info;
  KsRle01Status status;
  g_autoptr(GBytes) decoded = NULL;

  g_byte_array_append (stream, header, 10);
  for (guint i = 0; i < 10000; i++)
    g_byte_array_append (stream, (const guint8 *) "\x07\xFF\x00", 3);
  ks_write_be32 (stream->data + 6, stream->len);
  bytes = g_byte_array_free_to_bytes (stream);

  decoded = ks_rle01_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0x80000,
                             &info, &status);
  g_assert_null (decoded);
  g_assert_cmpint (status, ==, KS_RLE01_TOO_LONG);
  g_assert_cmpuint (info.decoded_size, <=, 0x80000);
}

/* Literals are copied a stretch at a time, up to the next key: a stream of
 * 6 literals, a run and 3 literals decodes within a limit of 12 (every
 * byte), and past a limit of 11 or 5 it stops as the byte-wise decoder
 * does, with exactly the limit decoded. */
static void
test_literal_stretches_and_the_limit (void)
{
  static const guint8 stream[] = {
    'R', 'L', 'E', '0', '1', 0x07, 0x00, 0x00, 0x00, 0x17,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15,      /* six literals */
    0x07, 0x03, 0x55,                        /* 0x55 three times */
    0x07, 0x00,                              /* the key byte itself */
    0x20, 0x21,                              /* two literals */
  };
  static const guint8 expected[] = {
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x55, 0x55, 0x55, 0x07, 0x20, 0x21,
  };
  const gsize limits[] = { 12, 11, 5, 6, 0 };
  const KsRle01Status statuses[] = {
    KS_RLE01_OK, KS_RLE01_TOO_LONG, KS_RLE01_TOO_LONG, KS_RLE01_TOO_LONG, KS_RLE01_TOO_LONG,
  };
  const gsize decoded_sizes[] = { 12, 11, 5, 6, 0 };

  g_assert_cmpuint (sizeof stream, ==, 0x17);
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      KsRle01Info info;
      KsRle01Status status;
      g_autoptr(GBytes) decoded = ks_rle01_decode (stream, sizeof stream, limits[i], &info, &status);

      g_test_message ("limit %zu", limits[i]);
      g_assert_cmpint (status, ==, statuses[i]);
      g_assert_cmpuint (info.decoded_size, ==, decoded_sizes[i]);
      if (status == KS_RLE01_OK)
        g_assert_cmpmem (g_bytes_get_data (decoded, NULL), g_bytes_get_size (decoded),
                         expected, sizeof expected);
      else
        g_assert_null (decoded);
    }
}

static void
test_key_is_least_frequent_lowest_on_ties (void)
{
  guint8 data[512];

  for (guint i = 0; i < 512; i++)
    data[i] = i & 0xFF;       /* every value twice */
  data[0x42] = 0x41;          /* now 0x42 once, 0x41 three times */
  data[0x142] = 0x43;         /* and 0x42 not at all */
  g_assert_cmpuint (ks_rle01_pick_key (data, 512), ==, 0x42);
  data[0x42] = 0x42;          /* 0x42 once: still the least frequent */
  g_assert_cmpuint (ks_rle01_pick_key (data, 512), ==, 0x42);
  data[0x142] = 0x42;         /* all twice again: the lowest, 0x00 */
  g_assert_cmpuint (ks_rle01_pick_key (data, 512), ==, 0x00);
}

static void
test_decode_encode_decode_identity (void)
{
  g_autoptr(GBytes) random = ks_test_random_bytes (70000, 11);
  g_autoptr(GBytes) partition = ks_test_saturn_ar_partition ();
  g_autofree guint8 *all_values = g_malloc (256 * 300);
  g_autofree guint8 *runs = g_malloc (10000);
  g_autoptr(GBytes) all_values_bytes = NULL;
  g_autoptr(GBytes) runs_bytes = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree guint8 *ff = g_malloc (0x80000);

  /* every byte value occurs, so the key must be escaped as K 00 */
  for (guint i = 0; i < 256 * 300; i++)
    all_values[i] = (i / 3) & 0xFF;
  all_values_bytes = g_bytes_new (all_values, 256 * 300);
  /* run lengths 1…255 and past, each followed by another value */
  for (guint i = 0, len = 1, v = 0; i < 10000; len = len % 300 + 1, v++)
    for (guint k = 0; k < len && i < 10000; k++)
      runs[i++] = v & 1 ? 0x00 : 0x01;
  runs_bytes = g_bytes_new (runs, 10000);
  memset (ff, 0xFF, 0x80000);

  assert_round_trip (random);
  assert_round_trip (partition);
  assert_round_trip (all_values_bytes);
  assert_round_trip (runs_bytes);
  assert_round_trip (empty);
  {
    g_autoptr(GBytes) ff_bytes = g_bytes_new (ff, 0x80000);

    assert_round_trip (ff_bytes);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saturn/rle01/decode-vector-1", test_decode_vector_1);
  g_test_add_func ("/saturn/rle01/encode-vector-2", test_encode_vector_2);
  g_test_add_func ("/saturn/rle01/encode-vector-3", test_encode_vector_3);
  g_test_add_func ("/saturn/rle01/any-run-length-decodes", test_any_run_length_decodes);
  g_test_add_func ("/saturn/rle01/bytes-after-the-stream-are-not-read",
                   test_bytes_after_the_stream_are_not_read);
  g_test_add_func ("/saturn/rle01/bad-streams-are-refused", test_bad_streams_are_refused);
  g_test_add_func ("/saturn/rle01/output-is-bounded", test_output_is_bounded);
  g_test_add_func ("/saturn/rle01/literal-stretches-and-the-limit",
                   test_literal_stretches_and_the_limit);
  g_test_add_func ("/saturn/rle01/key-is-least-frequent-lowest-on-ties",
                   test_key_is_least_frequent_lowest_on_ties);
  g_test_add_func ("/saturn/rle01/decode-encode-decode-identity",
                   test_decode_encode_decode_identity);

  return g_test_run ();
}
