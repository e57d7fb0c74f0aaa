/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gba-header.c — Game Boy Advance cartridge header parser
 *
 * Layout (GBATEK, "GBA Cartridge Header"):
 *   0x00-0x03  ARM branch to the start code
 *   0x04-0x9F  logo bitmap
 *   0xA0-0xAB  title, upper-case ASCII, NUL-padded
 *   0xAC-0xAF  game code ("AXVE"…)
 *   0xB0-0xB1  maker code ("01" = Nintendo)
 *   0xB2       fixed value 0x96
 *   0xBC       software version
 *   0xBD       complement check: chk = 0 - sum(0xA0..0xBC) - 0x19
 *
 * Pure code over the first 0xC0 bytes of a ROM; the cart reader uses it to
 * tell whether a GBA cart is seated (cart-reader-protocol.md §7).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-format.h"
#include "ks-gba-header.h"

/* GBATEK: offsets and values */
#define GBA_TITLE          0xA0
#define GBA_TITLE_SIZE     12
#define GBA_GAME_CODE      0xAC
#define GBA_MAKER_CODE     0xB0
#define GBA_FIXED          0xB2
#define GBA_FIXED_VALUE    0x96
#define GBA_VERSION        0xBC
#define GBA_COMPLEMENT     0xBD
#define GBA_COMPLEMENT_BIAS 0x19

guint8
ks_gba_header_compute_complement (const guint8 *rom)
{
  guint8 chk = 0;

  g_return_val_if_fail (rom != NULL, 0);

  for (guint i = GBA_TITLE; i < GBA_COMPLEMENT; i++)
    chk = (guint8) (chk - rom[i]);

  return (guint8) (chk - GBA_COMPLEMENT_BIAS);
}

/* Copies printable ASCII; anything else makes the whole code empty. */
static void
copy_code (char         *out,
           const guint8 *in,
           guint         length)
{
  for (guint i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (in[i]))
        {
          out[0] = '\0';
          return;
        }
      out[i] = (char) in[i];
    }
  out[length] = '\0';
}

gboolean
ks_gba_header_parse (const guint8  *rom,
                     gsize          size,
                     KsGbaHeader   *header,
                     GError       **error)
{
  guint end = 0;

  g_return_val_if_fail (rom != NULL || size == 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (header, 0, sizeof *header);

  if (size < KS_GBA_HEADER_SIZE)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("A GBA cartridge header ends at ROM offset 0xBF; only %zu"
                     " bytes were read."), size);
      return FALSE;
    }

  while (end < GBA_TITLE_SIZE && rom[GBA_TITLE + end] != 0x00)
    end++;
  for (guint i = 0; i < end; i++)
    {
      guint8 c = rom[GBA_TITLE + i];

      header->title[i] = (c >= 0x20 && c < 0x7F) ? (char) c : '?';
    }
  header->title[end] = '\0';
  g_strchomp (header->title);

  copy_code (header->game_code, rom + GBA_GAME_CODE, 4);
  copy_code (header->maker_code, rom + GBA_MAKER_CODE, 2);
  header->fixed_value = rom[GBA_FIXED];
  header->version = rom[GBA_VERSION];
  header->complement = rom[GBA_COMPLEMENT];
  header->computed_complement = ks_gba_header_compute_complement (rom);

  return TRUE;
}

gboolean
ks_gba_header_is_valid (const KsGbaHeader *header)
{
  g_return_val_if_fail (header != NULL, FALSE);

  return header->fixed_value == GBA_FIXED_VALUE &&
         header->complement == header->computed_complement;
}
