/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-text.c — Shift-JIS / JIS X 0201 ↔ UTF-8 (spec saturn.md §1.3)
 *
 * ASCII and the half-width kana (0xA1–0xDF, JIS X 0201) come from a table;
 * a field with Shift-JIS lead/trail pairs goes through the system converter
 * (CP932 through iconv).  When that refuses the field — a stray byte, a
 * cut-off double-byte character, or no converter at all — each character is
 * decoded on its own, so a damaged comment still shows what it can.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-format.h"
#include "ks-saturn-text.h"

/* CP932 rather than SHIFT_JIS: it keeps 0x5C and 0x7E as backslash and
 * tilde, as PC tools show them, and knows the NEC/IBM extensions. */
#define SATURN_CHARSET "CP932"

/* JIS X 0201: 0xA1–0xDF are half-width katakana, U+FF61–U+FF9F in order */
#define KANA_FIRST   0xA1
#define KANA_LAST    0xDF
#define KANA_UNICODE 0xFF61

static gboolean
is_lead_byte (guint8 b)
{
  return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
}

static gboolean
is_trail_byte (guint8 b)
{
  return (b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFC);
}

static gboolean
has_control (const char *utf8)
{
  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7F)
        return TRUE;
    }

  return FALSE;
}

static void
close_converter (gpointer converter)
{
  if (converter != (gpointer) -1)
    g_iconv_close ((GIConv) converter);
}

/* The CP932 → UTF-8 converter, opened once per thread: a card lists
 * hundreds of names, and opening a converter costs more than most names
 * take to convert.  NULL when the system has none. */
static GIConv
saturn_converter (void)
{
  static GPrivate key = G_PRIVATE_INIT (close_converter);
  GIConv converter = g_private_get (&key);

  if (converter == NULL)
    {
      converter = g_iconv_open ("UTF-8", SATURN_CHARSET);
      g_private_set (&key, converter);
    }
  if (converter == (GIConv) -1)
    return NULL;

  /* back to the initial state, whatever the last use left */
  g_iconv (converter, NULL, NULL, NULL, NULL);
  return converter;
}

/* One Shift-JIS lead/trail pair; FALSE when it is not a character the
 * converter knows. */
static gboolean
append_double_byte (GString      *out,
                    const guint8 *pair)
{
  char in_buf[2] = { (char) pair[0], (char) pair[1] };
  char utf8[8] = { 0 };
  char *in = in_buf, *outp = utf8;
  gsize in_left = 2, out_left = sizeof utf8 - 1;
  GIConv converter = saturn_converter ();

  if (converter == NULL)
    return FALSE;

  if (g_iconv (converter, &in, &in_left, &outp, &out_left) == (gsize) -1 || in_left != 0 ||
      has_control (utf8))
    return FALSE;

  g_string_append (out, utf8);
  return TRUE;
}

/* Character by character: ASCII and half-width kana from the table, only
 * double-byte characters through iconv. */
static char *
decode_piecewise (const guint8 *raw,
                  gsize         size)
{
  GString *out = g_string_sized_new (size + 1);

  for (gsize i = 0; i < size; i++)
    {
      guint8 b = raw[i];

      if (b >= 0x20 && b < 0x7F)
        g_string_append_c (out, (char) b);
      else if (b >= KANA_FIRST && b <= KANA_LAST)
        g_string_append_unichar (out, KANA_UNICODE + (b - KANA_FIRST));
      else if (is_lead_byte (b) && i + 1 < size && is_trail_byte (raw[i + 1]) &&
               append_double_byte (out, raw + i))
        i++;
      else
        g_string_append_unichar (out, 0xFFFD);
    }

  return g_string_free (out, FALSE);
}

/* The field up to its first NUL, as UTF-8 for display; never NULL. */
char *
ks_saturn_text_to_utf8 (const guint8 *raw,
                        gsize         size)
{
  gsize length = 0;
  gboolean double_byte = FALSE;

  g_return_val_if_fail (raw != NULL || size == 0, NULL);

  while (length < size && raw[length] != 0)
    double_byte |= is_lead_byte (raw[length++]);

  /* most names are ASCII or kana: the table does those without iconv */
  if (double_byte && saturn_converter () != NULL)
    {
      g_autofree char *converted = g_convert_with_iconv ((const char *) raw, length,
                                                         saturn_converter (), NULL, NULL,
                                                         NULL);

      if (converted != NULL && !has_control (converted))
        return g_steal_pointer (&converted);
    }

  return decode_piecewise (raw, length);
}

/* The bytes the console would store for @text (not NUL-terminated). */
guint8 *
ks_saturn_text_from_utf8 (const char  *text,
                          gsize       *length,
                          GError     **error)
{
  gsize written = 0;
  char *converted;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  converted = g_convert (text, -1, SATURN_CHARSET, "UTF-8", NULL, &written, NULL);
  if (converted == NULL)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("“%s” has characters a Saturn cannot store; use ASCII, kana or "
                     "Shift-JIS characters."), text);
      return NULL;
    }

  *length = written;
  return (guint8 *) converted;
}
