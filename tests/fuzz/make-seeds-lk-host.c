/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* make-seeds-lk-host.c — reply streams for fuzz-lk-host, recorded from the
 * emulated reader (ks-reply-stream.h): each is the emulator's answer to
 * every burst of a whole session, so played back it identifies the
 * reader, detects the cart and reads its save with the check.
 * Writes the files into the folder named by argv[1]. */

#include "config.h"

#include <stdio.h>

#include "ks-reply-stream.h"
#include "ks-test-utils.h"

/* fuzz-lk-host's largest input (max-len.tsv) */
#define MAX_LEN 4097

/* Records the session with @cart (taken), writes it as @name; when
 * @whole, the session must end with the cart's save within MAX_LEN,
 * otherwise the stream is cut to MAX_LEN */
static gboolean
record (const char     *dir,
        const char     *name,
        KsEmulatedCart *cart,
        KsLkProfile     profile,
        guint8          mode,
        gboolean        whole)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stream = NULL;
  KsReplySession session;
  gsize size;
  gboolean ok;

  stream = ks_reply_stream_record (cart, profile, mode, &session, &error);
  ks_emulated_cart_free (cart);
  if (stream == NULL)
    {
      fprintf (stderr, "%s: %s\n", name, error->message);
      ks_reply_session_clear (&session);
      return FALSE;
    }
  size = g_bytes_get_size (stream);
  if (whole && (session.save == NULL || size > MAX_LEN))
    {
      fprintf (stderr, "%s: the session ended without a save or needs %zu bytes (%s)\n",
               name, size, session.error != NULL ? session.error->message : "no error");
      ks_reply_session_clear (&session);
      return FALSE;
    }
  ks_reply_session_clear (&session);

  ok = ks_test_write_seed_data (dir, name, g_bytes_get_data (stream, NULL), MIN (size, MAX_LEN));
  printf ("%s: %zu bytes%s\n", name, size, size > MAX_LEN ? ", cut to the largest input" : "");
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) nibbles = ks_test_random_bytes (512, 0x3B2);
  g_autoptr(GBytes) eeprom = ks_test_random_bytes (512, 0xE5);

  if (argc != 2)
    {
      fprintf (stderr, "usage: make-seeds-lk-host DIR\n");
      return 2;
    }

  /* a GB MBC2 cart, 512 four-bit cells: the whole session is about 1.9 KB */
  if (!record (argv[1], "gb-mbc2-l14", ks_emulated_cart_new_gb (KS_GB_MBC_MBC2, nibbles, NULL),
               KS_LK_PROFILE_L14, 0x00, TRUE) ||
      /* the v1.3 firmware: no acknowledgements, no rate switch */
      !record (argv[1], "gb-mbc2-l1", ks_emulated_cart_new_gb (KS_GB_MBC_MBC2, nibbles, NULL),
               KS_LK_PROFILE_L1, 0x0B, TRUE) ||
      /* an empty slot: detection finds nothing to read */
      !record (argv[1], "empty-slot", ks_emulated_cart_new_empty (), KS_LK_PROFILE_L14, 0x03,
               FALSE) ||
      /* a 512-byte GBA EEPROM: detection probes both address widths and
       * reads the 8 KiB one whole, so the session (about 10 KB) is cut
       * inside that probe */
      !record (argv[1], "gba-eeprom-512-probe",
               ks_emulated_cart_new_gba_eeprom (512, eeprom, NULL), KS_LK_PROFILE_L14, 0x07,
               FALSE))
    return 1;

  return 0;
}
