/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-gen3-charset.c — the Western Gen III character set both ways (spec
 * gen3.md §4, §8 T24) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"

static void
assert_encodes (const char *text,
                const char *hex)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (hex);
  g_autoptr(GBytes) bytes = ks_gen3_encode_text (text, &error);
  g_autofree char *back = NULL;

  g_assert_no_error (error);
  ks_test_assert_bytes_equal (bytes, expected);

  back = ks_gen3_decode_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpstr (back, ==, text);
}

/* T24 */
static void
test_names (void)
{
  assert_encodes ("Ash", "BB E7 DC FF");
  assert_encodes ("May-2.", "C7 D5 ED AE A3 AD FF");
  assert_encodes ("BRENDAN", "BC CC BF C8 BE BB C8 FF");
}

static void
test_table (void)
{
  assert_encodes (" 0123456789", "00 A1 A2 A3 A4 A5 A6 A7 A8 A9 AA FF");
  assert_encodes ("AZaz", "BB D4 D5 EE FF");
  assert_encodes ("!?.-·…“”‘’♂♀$,×/", "AB AC AD AE AF B0 B1 B2 B3 B4 B5 B6 B7 B8 B9 BA FF");
  assert_encodes ("ÀÉéßÑñŒœ", "01 06 1B 15 14 29 10 25 FF");
  assert_encodes ("ÄÖÜäöü:▶", "F1 F2 F3 F4 F5 F6 F0 EF FF");
  assert_encodes ("&+=;¿¡%()<>", "2D 2E 35 36 51 52 5B 5C 5D 85 86 FF");
  assert_encodes ("ᴾᴷᴹᴺ", "53 54 FF");
}

/* Every glyph decodes and encodes back to its byte. */
static void
test_every_glyph_round_trips (void)
{
  for (guint b = 0; b < 0xFF; b++)
    {
      guint8 in[2] = { (guint8) b, 0xFF };
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (!ks_gen3_char_is_glyph (in[0]))
        continue;
      text = ks_gen3_decode_text (in, 2);
      bytes = ks_gen3_encode_text (text, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), in, 2);
    }
}

static void
test_aliases (void)
{
  g_autoptr(GBytes) apostrophe = ks_gen3_encode_text ("O'Ma", NULL);
  g_autoptr(GBytes) yen = ks_gen3_encode_text ("¥", NULL);
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("C9 B4 C7 D5 FF");

  ks_test_assert_bytes_equal (apostrophe, expected);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (yen, NULL))[0], ==, 0xB7);
}

static void
test_unencodable_is_refused (void)
{
  static const char *const texts[] = { "Ash日", "a\tb", "Ω", "\xff\xfe" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = ks_gen3_encode_text (texts[i], &error);

      g_assert_null (bytes);
      g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = ks_gen3_encode_text ("Ash日", &error);

    g_assert_null (bytes);
    g_assert_nonnull (strstr (error->message, "“日”"));
  }
}

static void
test_decode_stops_and_marks (void)
{
  static const guint8 name[8] = { 0xBB, 0x0A, 0xFE, 0xDC, 0xFF, 0xBB, 0xBB, 0xBB };
  g_autofree char *text = ks_gen3_decode_text (name, sizeof name);

  /* 0x0A has no Western glyph, 0xFE is a control code: both U+FFFD */
  g_assert_cmpstr (text, ==, "A\xef\xbf\xbd\xef\xbf\xbdh");
  g_assert_true (ks_gen3_char_is_control (0xFE));
  g_assert_true (ks_gen3_char_is_control (0xFA));
  g_assert_false (ks_gen3_char_is_control (0xFF));
  g_assert_false (ks_gen3_char_is_glyph (0x0A));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gen3/charset/t24-names", test_names);
  g_test_add_func ("/gen3/charset/table", test_table);
  g_test_add_func ("/gen3/charset/every-glyph-round-trips", test_every_glyph_round_trips);
  g_test_add_func ("/gen3/charset/aliases", test_aliases);
  g_test_add_func ("/gen3/charset/unencodable-is-refused", test_unencodable_is_refused);
  g_test_add_func ("/gen3/charset/decode-stops-and-marks", test_decode_stops_and_marks);

  return g_test_run ();
}
