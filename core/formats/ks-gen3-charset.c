/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-charset.c — the international Gen III character set, both ways
 *
 * Spec gen3.md §4 (pokefirered charmap.txt, PKHeX StringConverter3 G3_EN).
 * Glyphs that are not a single Unicode character (the PK MN and POKéBLOCK
 * ligatures) decode to modifier-letter sequences and encode back by
 * longest match, so everything that decodes also encodes.  0xB7 is the
 * Pokédollar sign: pret calls it ¥, PKHeX $; it decodes to "$" and both
 * encode to it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-format.h"
#include "ks-gen3-charset.h"

#define FIRST_CONTROL 0xF7u   /* 0xF7–0xFE: text-engine control codes */

static const char *const glyphs[256] = {
  [0x00] = " ",
  [0x01] = "À", [0x02] = "Á", [0x03] = "Â", [0x04] = "Ç", [0x05] = "È", [0x06] = "É",
  [0x07] = "Ê", [0x08] = "Ë", [0x09] = "Ì", [0x0B] = "Î", [0x0C] = "Ï", [0x0D] = "Ò",
  [0x0E] = "Ó", [0x0F] = "Ô", [0x10] = "Œ", [0x11] = "Ù", [0x12] = "Ú", [0x13] = "Û",
  [0x14] = "Ñ", [0x15] = "ß", [0x16] = "à", [0x17] = "á", [0x19] = "ç", [0x1A] = "è",
  [0x1B] = "é", [0x1C] = "ê", [0x1D] = "ë", [0x1E] = "ì", [0x20] = "î", [0x21] = "ï",
  [0x22] = "ò", [0x23] = "ó", [0x24] = "ô", [0x25] = "œ", [0x26] = "ù", [0x27] = "ú",
  [0x28] = "û", [0x29] = "ñ", [0x2A] = "º", [0x2B] = "ª",
  [0x2D] = "&", [0x2E] = "+", [0x35] = "=", [0x36] = ";",
  [0x51] = "¿", [0x52] = "¡",
  [0x53] = "ᴾᴷ", [0x54] = "ᴹᴺ",
  [0x55] = "ᴾᴼ", [0x56] = "ᴷᴱ", [0x57] = "ᴮᴸ", [0x58] = "ᴼᶜ", [0x59] = "ᴷ",
  [0x5A] = "Í", [0x5B] = "%", [0x5C] = "(", [0x5D] = ")",
  [0x68] = "â", [0x6F] = "í",
  [0x79] = "↑", [0x7A] = "↓", [0x7B] = "←", [0x7C] = "→",
  [0x85] = "<", [0x86] = ">",
  [0xA1] = "0", [0xA2] = "1", [0xA3] = "2", [0xA4] = "3", [0xA5] = "4",
  [0xA6] = "5", [0xA7] = "6", [0xA8] = "7", [0xA9] = "8", [0xAA] = "9",
  [0xAB] = "!", [0xAC] = "?", [0xAD] = ".", [0xAE] = "-", [0xAF] = "·", [0xB0] = "…",
  [0xB1] = "“", [0xB2] = "”", [0xB3] = "‘", [0xB4] = "’",
  [0xB5] = "♂", [0xB6] = "♀", [0xB7] = "$",
  [0xB8] = ",", [0xB9] = "×", [0xBA] = "/",
  [0xBB] = "A", [0xBC] = "B", [0xBD] = "C", [0xBE] = "D", [0xBF] = "E", [0xC0] = "F",
  [0xC1] = "G", [0xC2] = "H", [0xC3] = "I", [0xC4] = "J", [0xC5] = "K", [0xC6] = "L",
  [0xC7] = "M", [0xC8] = "N", [0xC9] = "O", [0xCA] = "P", [0xCB] = "Q", [0xCC] = "R",
  [0xCD] = "S", [0xCE] = "T", [0xCF] = "U", [0xD0] = "V", [0xD1] = "W", [0xD2] = "X",
  [0xD3] = "Y", [0xD4] = "Z",
  [0xD5] = "a", [0xD6] = "b", [0xD7] = "c", [0xD8] = "d", [0xD9] = "e", [0xDA] = "f",
  [0xDB] = "g", [0xDC] = "h", [0xDD] = "i", [0xDE] = "j", [0xDF] = "k", [0xE0] = "l",
  [0xE1] = "m", [0xE2] = "n", [0xE3] = "o", [0xE4] = "p", [0xE5] = "q", [0xE6] = "r",
  [0xE7] = "s", [0xE8] = "t", [0xE9] = "u", [0xEA] = "v", [0xEB] = "w", [0xEC] = "x",
  [0xED] = "y", [0xEE] = "z",
  [0xEF] = "▶", [0xF0] = ":",
  [0xF1] = "Ä", [0xF2] = "Ö", [0xF3] = "Ü", [0xF4] = "ä", [0xF5] = "ö", [0xF6] = "ü",
};

/* Other spellings people type for the same glyph. */
static const struct
{
  const char *text;
  guint8      byte;
} aliases[] = {
  { "'", 0xB4 },     /* §4: 0xB4 is also the apostrophe */
  { "¥", 0xB7 },     /* pret's name for the currency glyph */
};

gboolean
ks_gen3_char_is_glyph (guint8 byte)
{
  return glyphs[byte] != NULL;
}

gboolean
ks_gen3_char_is_control (guint8 byte)
{
  return byte >= FIRST_CONTROL && byte != KS_GEN3_CHAR_TERMINATOR;
}

char *
ks_gen3_decode_text (const guint8 *data,
                     gsize         size)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  for (gsize i = 0; i < size && data[i] != KS_GEN3_CHAR_TERMINATOR; i++)
    {
      if (glyphs[data[i]] != NULL)
        g_string_append (text, glyphs[data[i]]);
      else
        g_string_append_unichar (text, 0xFFFD);
    }

  return g_string_free (text, FALSE);
}

static gsize
match_length (const char *text,
              const char *candidate)
{
  gsize len = strlen (candidate);

  return strncmp (text, candidate, len) == 0 ? len : 0;
}

GBytes *
ks_gen3_encode_text (const char  *text,
                     GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  const guint8 terminator = KS_GEN3_CHAR_TERMINATOR;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("The text is not valid UTF-8."));
      return NULL;
    }

  bytes = g_byte_array_new ();
  for (const char *p = text; *p != '\0';)
    {
      gsize best = 0;
      guint8 byte = 0;

      for (guint b = 0; b < G_N_ELEMENTS (glyphs); b++)
        {
          gsize len = glyphs[b] != NULL ? match_length (p, glyphs[b]) : 0;

          if (len > best)
            {
              best = len;
              byte = (guint8) b;
            }
        }
      for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
        {
          gsize len = match_length (p, aliases[i].text);

          if (len > best)
            {
              best = len;
              byte = aliases[i].byte;
            }
        }

      if (best == 0)
        {
          g_autofree char *character = g_strndup (p, g_utf8_next_char (p) - p);

          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                       _("“%s” has “%s”, which the Gen III character set cannot show; use "
                         "letters, digits, accented letters or simple punctuation."),
                       text, character);
          return NULL;
        }

      g_byte_array_append (bytes, &byte, 1);
      p += best;
    }

  g_byte_array_append (bytes, &terminator, 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
