/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* bench-lk-read.c — reading carts through the emulated reader in real
 * time (keepsake-emulator --timing: bytes at the baud rate, 1 ms USB round
 * trips, the firmware's and the chips' waits), against the serial link's
 * limit: 8N1 moves a tenth of the baud rate in bytes a second (150,000 at
 * the 1,500,000 baud a v1.4a runs at).  Reported, not asserted. */

#include "config.h"

#include <signal.h>

#include "ks-test-utils.h"

/* cart-reader-protocol.md §1.1: 10 bits per byte on the wire */
#define BITS_PER_BYTE 10.0

static void
bench (const char         *label,
       const char * const *args,
       GBytes             *image)
{
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) process = ks_test_spawn_emulator (args, G_SUBPROCESS_FLAGS_NONE, &path);
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  KsCartInfo info;
  KsLkStats stats;
  gint64 start;
  double seconds, wire_s, payload_rate, link_bytes_per_s;
  gsize size = g_bytes_get_size (image);

  reader = ks_lk_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ks_cart_detect (reader, NULL, &info, &error));
  g_assert_no_error (error);
  /* the session is up: time the read alone */
  ks_lk_reader_get_stats (reader, &stats);
  {
    KsLkStats before = stats;

    start = g_get_monotonic_time ();
    read = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_NONE, NULL, NULL, NULL, &error);
    seconds = (g_get_monotonic_time () - start) / 1e6;
    g_assert_no_error (error);
    ks_test_assert_bytes_equal (read, image);
    ks_lk_reader_get_stats (reader, &stats);
    stats.commands -= before.commands;
    stats.bytes_sent -= before.bytes_sent;
    stats.bytes_received -= before.bytes_received;
  }

  link_bytes_per_s = ks_lk_reader_get_baud (reader) / BITS_PER_BYTE;
  wire_s = (stats.bytes_sent + stats.bytes_received) / link_bytes_per_s;
  payload_rate = size / seconds;
  g_print ("%-28s %7" G_GSIZE_FORMAT " bytes in %6.2f s: %7.0f bytes/s = %5.1f %% of the "
           "link's %.0f bytes/s\n", label, size, seconds, payload_rate,
           100.0 * payload_rate / link_bytes_per_s, link_bytes_per_s);
  g_print ("%-28s %7" G_GUINT64_FORMAT " commands, %" G_GUINT64_FORMAT " bytes on the wire "
           "(%.2f s of pure transfer, %.0f %% of the time); the rest is round trips and "
           "waits\n", "", stats.commands, stats.bytes_sent + stats.bytes_received, wire_s,
           100.0 * wire_s / seconds);

  g_clear_object (&reader);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  ks_cart_info_clear (&info);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) flash = ks_test_random_bytes (128 * 1024, 1);
  g_autoptr(GBytes) card = ks_test_random_bytes (KS_SST28SF040_SIZE, 2);
  g_autofree char *flash_path = ks_test_write_file (dir, "flash.sav", flash);
  g_autofree char *card_path = ks_test_write_file (dir, "card.bin", card);
  const char *gba[] = { "--timing", "--gba-flash", flash_path, NULL };
  const char *mmc[] = { "--timing", "--mmc", card_path, NULL };

  g_print ("Reading through keepsake-emulator --timing "
           "(1,500,000 baud 8N1 on the v1.4a, 1 ms USB round trip):\n");
  /* §1.5: 4 KiB C3 reads, a round trip each */
  bench ("GBA flash 128 KiB (C3 x 4096)", gba, flash);
  /* §7.1: 4 KiB B1 reads through the 0x2000 register */
  bench ("Mega Memory Card 512 KiB", mmc, card);

  return 0;
}
