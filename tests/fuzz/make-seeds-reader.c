/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* make-seeds-reader.c — host sessions for fuzz-lk-emulator: byte 0 picks
 * the cart, the rest is what a host sends (cart-reader-protocol.md §7.1).
 * Writes the files into the folder named by argv[1]. */

#include "config.h"

#include <stdio.h>

#include <keepsake.h>

#include "ks-test-utils.h"

static void
put (GByteArray *s,
     const char *hex)
{
  for (const char *p = hex; p[0] != '\0' && p[1] != '\0'; )
    {
      guint8 b;

      if (p[0] == ' ')
        {
          p++;
          continue;
        }
      b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (s, &b, 1);
      p += 2;
    }
}

/* 68 56 A1, then the §7.1 session recipe */
static const char identify[] = "68 56 A1";
static const char agb_session[] =
  "A2 A4 A6 01 0000000C 00000000 A6 01 00000000 00000002 A6 01 00000010 00000000 "
  "A6 04 00000000 00000000 F4 A2 F2 F4 C9";
static const char dmg_session[] =
  "A3 A5 A6 01 0000000B 00000000 A6 01 00000000 00000001 A6 01 00000008 00000000 "
  "A6 01 00000009 00000000 A6 04 00000000 00000000 F4 A3 F2 F4 B4";

int
main (int   argc,
      char *argv[])
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: make-seeds-reader DIR\n");
      return 2;
    }

  {
    /* GBA flash: ID, bank 1, a 64-byte read, a sector erase, a C7 write */
    g_autoptr(GByteArray) s = g_byte_array_new ();

    put (s, "00");
    put (s, identify);
    put (s, agb_session);
    put (s, "D4 00 03 00005555 00AA 00002AAA 0055 00005555 0090 A6 02 00000000 00000002 "
            "A6 04 00000000 00000000 C3 D4 00 03 00005555 00AA 00002AAA 0055 00005555 00F0");
    put (s, "D4 00 04 00005555 00AA 00002AAA 0055 00005555 00B0 00000000 0001 "
            "A6 02 00000000 00000040 A6 04 00000000 00000000 C3 C3");
    put (s, "D4 00 06 00005555 00AA 00002AAA 0055 00005555 0080 00005555 00AA 00002AAA 0055 "
            "00001000 0030 A6 02 00000000 00000004 A6 04 00000000 00001000 C7 01 12345678");
    if (!ks_test_write_seed_data (argv[1], "gba-flash-session", s->data, s->len))
      return 1;
  }

  {
    /* GB MBC5: header read, RAM enable, bank 1, SRAM read and write */
    g_autoptr(GByteArray) s = g_byte_array_new ();

    put (s, "42");
    put (s, identify);
    put (s, dmg_session);
    put (s, "A6 02 00000000 00000050 A6 04 00000000 00000100 B1 "
            "B2 00000000 0A B2 00004000 01 A6 01 00000008 00000001 A6 01 00000001 00000003 "
            "A6 02 00000000 00000040 A6 04 00000000 0000A000 B1 "
            "A6 02 00000000 00000004 B3 DEADBEEF D5 00000010");
    if (!ks_test_write_seed_data (argv[1], "gb-mbc5-session", s->data, s->len))
      return 1;
  }

  {
    /* Mega Memory Card: ID through 0x2000, SDP reads, sector erase, program */
    g_autoptr(GByteArray) s = g_byte_array_new ();

    put (s, "04");
    put (s, identify);
    put (s, dmg_session);
    put (s, "D4 00 02 00002000 0080 00004000 0090 A6 02 00000000 00000002 "
            "A6 04 00000000 00004000 B1 D4 00 01 00004000 00FF "
            "A6 02 00000000 00000001 A6 04 00000000 00005823 B1 A6 04 00000000 00005820 B1 "
            "A6 04 00000000 00005822 B1 A6 04 00000000 00004418 B1 A6 04 00000000 0000441B B1 "
            "A6 04 00000000 00004419 B1 A6 04 00000000 0000441A B1 "
            "D4 00 03 00002000 0080 00004000 0020 00004100 00D0 "
            "D4 00 02 00004100 0010 00004100 0055 "
            "A6 04 00000000 00004000 D5 00004000");
    if (!ks_test_write_seed_data (argv[1], "mmc-session", s->data, s->len))
      return 1;
  }

  {
    /* the v1.3 on L1, unknown commands, resynchronisation zeros, bad keys */
    g_autoptr(GByteArray) s = g_byte_array_new ();

    put (s, "82");
    put (s, identify);
    put (s, "00 00 00 FF 3E 3C 5D 2F A6 07 00000099 00000001 AD 01 000000FF AE "
            "A7 01 01 01 00002000 0080 00002000 0080 00004000 0010 00000000 0000 "
            "00000000 0000 00000000 0000 A6 02 00000000 00000002 D3 12FF FE 5A");
    if (!ks_test_write_seed_data (argv[1], "l1-odd-commands", s->data, s->len))
      return 1;
  }

  return 0;
}
