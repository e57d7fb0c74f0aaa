/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-reply-stream.c — reply streams (fuzz-lk-host's input): a session
 * recorded from the emulated reader and played back through the link in
 * memory identifies, detects and reads the cart's save, byte for byte */

#include "config.h"

#include <string.h>

#include "ks-reply-stream.h"
#include "ks-test-utils.h"

/* fuzz-lk-host's largest input (tests/fuzz/max-len.tsv) */
#define FUZZ_MAX_LEN 4097

/* What a GB MBC2 cart's 512 four-bit cells read as: the upper half of
 * each byte is 1s */
static GBytes *
mbc2_cells (GBytes *ram)
{
  const guint8 *r = g_bytes_get_data (ram, NULL);
  guint8 cells[512];

  for (guint i = 0; i < 512; i++)
    cells[i] = 0xF0 | (r[i] & 0x0F);
  return g_bytes_new (cells, sizeof cells);
}

/* Records the session with @cart, checks that it read @expected, plays
 * the stream back and checks that the playback reads the same */
static GBytes *
record_and_play (KsEmulatedCart *cart,
                 KsLkProfile     profile,
                 guint8          mode,
                 KsCartKind      kind,
                 GBytes         *expected,
                 gsize           max_size)
{
  g_autoptr(GError) error = NULL;
  KsReplySession recorded, played;
  GBytes *stream;

  stream = ks_reply_stream_record (cart, profile, mode, &recorded, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stream);
  g_assert_no_error (recorded.error);
  g_assert_true (recorded.opened);
  g_assert_cmpint (recorded.info.kind, ==, kind);
  ks_test_assert_bytes_equal (recorded.save, expected);
  g_assert_cmpuint (g_bytes_get_size (stream), <=, max_size);
  g_test_message ("%s: %zu bytes", ks_cart_kind_to_string (kind), g_bytes_get_size (stream));

  ks_reply_stream_play (g_bytes_get_data (stream, NULL), g_bytes_get_size (stream), &played);
  g_assert_no_error (played.error);
  g_assert_true (played.opened);
  g_assert_cmpint (played.info.kind, ==, kind);
  g_assert_cmpuint (played.info.save_size, ==, g_bytes_get_size (expected));
  ks_test_assert_bytes_equal (played.save, expected);

  ks_reply_session_clear (&recorded);
  ks_reply_session_clear (&played);
  return stream;
}

/* A GB MBC2 cart of random cells, recorded on @profile and played back;
 * @expected gets the save it reads */
static GBytes *
record_mbc2 (KsLkProfile   profile,
             guint8        mode,
             guint32       seed,
             GBytes      **expected)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (512, seed);
  g_autoptr(KsEmulatedCart) cart = ks_emulated_cart_new_gb (KS_GB_MBC_MBC2, ram, NULL);

  *expected = mbc2_cells (ram);
  return record_and_play (cart, profile, mode, KS_CART_GB, *expected, FUZZ_MAX_LEN);
}

static void
test_gb_mbc2 (void)
{
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) stream = record_mbc2 (KS_LK_PROFILE_L14, 0x00, 0x3B2, &expected);

  /* fuzz-lk-host's input holds the whole session: identify, detect, read */
  g_assert_cmpuint (g_bytes_get_size (stream), <, 2048);
}

/* The v1.3 firmware acknowledges nothing and keeps its rate */
static void
test_gb_mbc2_v13 (void)
{
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) stream = record_mbc2 (KS_LK_PROFILE_L1, 0x0B, 0x3B3, &expected);

  g_assert_cmpuint (g_bytes_get_size (stream), <, 2048);
}

/* A 512-byte GBA EEPROM: detection reads the 8 KiB address width whole
 * as a probe, so the session does not fit fuzz-lk-host's input */
static void
test_gba_eeprom_512 (void)
{
  g_autoptr(GBytes) image = ks_test_random_bytes (512, 0xE5);
  g_autoptr(KsEmulatedCart) cart = ks_emulated_cart_new_gba_eeprom (512, image, NULL);
  g_autoptr(GBytes) stream = record_and_play (cart, KS_LK_PROFILE_L14, 0x07,
                                              KS_CART_GBA_EEPROM, image, G_MAXSIZE);

  g_assert_cmpuint (g_bytes_get_size (stream), >, FUZZ_MAX_LEN);
}

/* Cut anywhere, a recorded stream ends in an error, or (cut only in the
 * replies after the read, when the driver closes) in the whole save;
 * never in other bytes or a save of another size */
static void
test_cut_stream_fails_cleanly (void)
{
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) stream = record_mbc2 (KS_LK_PROFILE_L14, 0x00, 0x3B2, &expected);
  gsize size, saves = 0;
  const guint8 *data = g_bytes_get_data (stream, &size);

  for (gsize cut = 0; cut < size; cut++)
    {
      KsReplySession session;

      ks_reply_stream_play (data, cut, &session);
      if (session.save != NULL)
        {
          ks_test_assert_bytes_equal (session.save, expected);
          saves++;
        }
      else if (cut > 0)
        g_assert_nonnull (session.error);
      ks_reply_session_clear (&session);
    }
  /* only the last few bytes, the replies while the driver closes, can go */
  g_assert_cmpuint (saves, <, 8);
}

/* Garbage: all 0xFF (each reply 255 bytes of 0xFF), all 0x00 (empty
 * replies), and the recorded stream with every reply's bytes turned over */
static void
test_garbage_fails_cleanly (void)
{
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) stream = record_mbc2 (KS_LK_PROFILE_L14, 0x00, 0x3B2, &expected);
  g_autofree guint8 *ff = g_malloc (FUZZ_MAX_LEN);
  g_autofree guint8 *zero = g_malloc0 (FUZZ_MAX_LEN);
  gsize size = g_bytes_get_size (stream);
  g_autofree guint8 *inverted = g_memdup2 (g_bytes_get_data (stream, NULL), size);
  KsReplySession session;

  memset (ff, 0xFF, FUZZ_MAX_LEN);
  ks_reply_stream_play (ff, FUZZ_MAX_LEN, &session);
  g_assert_null (session.save);
  g_assert_nonnull (session.error);
  ks_reply_session_clear (&session);

  ks_reply_stream_play (zero, FUZZ_MAX_LEN, &session);
  g_assert_false (session.opened);
  g_assert_nonnull (session.error);
  ks_reply_session_clear (&session);

  for (gsize i = 1; i < size; i += 1 + inverted[i])
    for (gsize j = i + 1; j <= i + inverted[i] && j < size; j++)
      inverted[j] ^= 0xFF;
  ks_reply_stream_play (inverted, size, &session);
  g_assert_false (session.opened);
  g_assert_nonnull (session.error);
  ks_reply_session_clear (&session);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reply-stream/record-play/gb-mbc2", test_gb_mbc2);
  g_test_add_func ("/reply-stream/record-play/gb-mbc2-v1.3", test_gb_mbc2_v13);
  g_test_add_func ("/reply-stream/record-play/gba-eeprom-512", test_gba_eeprom_512);
  g_test_add_func ("/reply-stream/cut-stream-fails-cleanly", test_cut_stream_fails_cleanly);
  g_test_add_func ("/reply-stream/garbage-fails-cleanly", test_garbage_fails_cleanly);

  return g_test_run ();
}
