/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-saturn-text.c — names and comments for display (spec saturn.md §1.3, §1.7) */

#include "config.h"

#include "ks-test-utils.h"

static char *
decode_hex (const char *hex)
{
  g_autoptr(GBytes) raw = ks_test_bytes_from_hex (hex);
  gsize size;
  const guint8 *data = g_bytes_get_data (raw, &size);

  return ks_saturn_text_to_utf8 (data, size);
}

static void
test_half_width_kana_comments (void)
{
  g_autofree char *hyperduel = decode_hex ("CA B2 CA DF B0 C3 DE AD B4 D9");
  g_autofree char *dezaemon = decode_hex ("C3 DE BB DE 32 5F BC BD C3 D1");

  g_assert_cmpstr (hyperduel, ==, "ﾊｲﾊﾟｰﾃﾞｭｴﾙ");
  g_assert_cmpstr (dezaemon, ==, "ﾃﾞｻﾞ2_ｼｽﾃﾑ");
}

static void
test_text_ends_at_nul_and_garbage_is_not_shown (void)
{
  /* §1.7 Daytona: "RECORDS", NUL, then 06 02 */
  g_autofree char *daytona = decode_hex ("52 45 43 4F 52 44 53 00 06 02");
  g_autofree char *empty = decode_hex ("00 41 42");

  g_assert_cmpstr (daytona, ==, "RECORDS");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_shift_jis_double_byte (void)
{
  /* 82 A0 = あ, 83 41 = ア */
  g_autofree char *text = decode_hex ("82 A0 83 41 41");

  g_assert_cmpstr (text, ==, "あアA");
}

static void
test_damaged_text_still_shows_what_it_can (void)
{
  /* a lead byte cut off at the end, a control byte, an unused byte 0xA0 */
  g_autofree char *cut = decode_hex ("41 B1 81");
  g_autofree char *control = decode_hex ("41 06 42");
  g_autofree char *unused = decode_hex ("A0 B1");

  g_assert_cmpstr (cut, ==, "Aｱ\xEF\xBF\xBD");
  g_assert_cmpstr (control, ==, "A\xEF\xBF\xBD" "B");
  g_assert_cmpstr (unused, ==, "\xEF\xBF\xBDｱ");
  g_assert_true (g_utf8_validate (cut, -1, NULL));
}

static void
test_from_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *kana = NULL;
  g_autofree guint8 *bad = NULL;
  gsize length = 0;

  kana = ks_saturn_text_from_utf8 ("ﾃﾞｻﾞ2", &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 5);
  g_assert_cmpmem (kana, length, "\xC3\xDE\xBB\xDE\x32", 5);

  bad = ks_saturn_text_from_utf8 ("😀", &length, &error);
  g_assert_null (bad);
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saturn/text/half-width-kana-comments", test_half_width_kana_comments);
  g_test_add_func ("/saturn/text/ends-at-nul-and-garbage-is-not-shown",
                   test_text_ends_at_nul_and_garbage_is_not_shown);
  g_test_add_func ("/saturn/text/shift-jis-double-byte", test_shift_jis_double_byte);
  g_test_add_func ("/saturn/text/damaged-text-still-shows-what-it-can",
                   test_damaged_text_still_shows_what_it_can);
  g_test_add_func ("/saturn/text/from-utf8", test_from_utf8);

  return g_test_run ();
}
