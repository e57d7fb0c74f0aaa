/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-save.c — the directory entry as display facts, and a save as a
 * file: .BUP with its entry, or the raw payload (spec saturn.md §1.3, §5)
 *
 * A raw payload carries no entry, so one is made the way the console would:
 * the name the user gives (or the file name, upper-cased, cut to 11), the
 * language byte 0 that an all-zero BupDir has, and the date now.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-saturn-bup.h"
#include "ks-saturn-date.h"
#include "ks-saturn-save.h"
#include "ks-saturn-text.h"

/* §1.3: language byte values, in order */
static const char *const language_codes[] = { "ja", "en", "fr", "de", "es", "it" };

/* A stable short code ("ja" … "it"); other bytes, which Kronos writes and
 * games accept (§1.9), show as their value. */
char *
ks_saturn_language_code (guint8 language)
{
  if (language < G_N_ELEMENTS (language_codes))
    return g_strdup (language_codes[language]);

  return g_strdup_printf ("0x%02X", language);
}

KsSaveInfo *
ks_saturn_save_info_new (guint                   index,
                         const KsSaturnSaveMeta *meta,
                         gint                    blocks)
{
  g_autofree char *name = NULL;
  KsSaveInfo *info;

  g_return_val_if_fail (meta != NULL, NULL);

  name = ks_saturn_text_to_utf8 (meta->name, KS_SATURN_NAME_SIZE);
  info = ks_save_info_new (index, name, meta->size);
  info->comment = ks_saturn_text_to_utf8 (meta->comment, KS_SATURN_COMMENT_SIZE);
  info->language = ks_saturn_language_code (meta->language);
  info->date = ks_saturn_date_to_datetime (meta->date);
  info->blocks = blocks;

  return info;
}

/* @name as the console stores it: 1 to 11 bytes, NUL-padded. */
gboolean
ks_saturn_save_meta_set_name (KsSaturnSaveMeta  *meta,
                              const char        *name,
                              GError           **error)
{
  g_autofree guint8 *raw = NULL;
  gsize length = 0;

  g_return_val_if_fail (meta != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  raw = ks_saturn_text_from_utf8 (name, &length, error);
  if (raw == NULL)
    return FALSE;

  if (length == 0 || length > KS_SATURN_NAME_SIZE || memchr (raw, 0, length) != NULL)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("A Saturn save name is 1 to %u bytes; “%s” is %zu."),
                   KS_SATURN_NAME_SIZE, name, length);
      return FALSE;
    }

  memset (meta->name, 0, sizeof meta->name);
  memcpy (meta->name, raw, length);
  return TRUE;
}

/* "deza2___sys.bin" → "DEZA2___SYS": games name saves in upper-case ASCII. */
void
ks_saturn_save_meta_name_from_file (KsSaturnSaveMeta *meta,
                                    const char       *file_name)
{
  g_autofree char *base = NULL;
  const char *dot;
  gsize n = 0;

  g_return_if_fail (meta != NULL);

  memset (meta->name, 0, sizeof meta->name);
  base = g_path_get_basename (file_name != NULL ? file_name : "");
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    base[dot - base] = '\0';

  for (const char *p = base; *p != '\0' && n < KS_SATURN_NAME_SIZE; p++)
    {
      char c = g_ascii_toupper (*p);

      meta->name[n++] = g_ascii_isalnum (c) || c == '_' ? c : '_';
    }

  if (n == 0)
    memcpy (meta->name, "SAVE", 4);
}

/* A save file handed to a device: a .BUP gives the whole entry; anything
 * else is a raw payload and gets a made-up entry.  @name, when given,
 * replaces the name either way. */
gboolean
ks_saturn_save_import (GBytes            *file,
                       const char        *file_name,
                       const char        *name,
                       KsSaturnSaveMeta  *meta,
                       GBytes           **payload,
                       GError           **error)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  data = g_bytes_get_data (file, &size);
  memset (meta, 0, sizeof *meta);

  if (ks_bup_is_bup_name (file_name) || ks_bup_has_magic (data, size))
    {
      KsBupHeader header;

      if (!ks_bup_read_header (data, size, &header, error))
        return FALSE;

      if (header.payload_available < header.meta.size)
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                       _("The .BUP file is cut short: its header promises %u bytes of save "
                         "data but only %zu follow."),
                       header.meta.size, header.payload_available);
          return FALSE;
        }

      *meta = header.meta;
      *payload = g_bytes_new_from_bytes (file, KS_BUP_HEADER_SIZE, header.meta.size);
    }
  else
    {
      if (size > G_MAXUINT32)
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                       _("A Saturn save holds at most 4 GiB."));
          return FALSE;
        }

      if (name == NULL)
        ks_saturn_save_meta_name_from_file (meta, file_name);
      meta->date = ks_saturn_date_now ();
      meta->size = (guint32) size;
      *payload = g_bytes_ref (file);
    }

  if (name != NULL && !ks_saturn_save_meta_set_name (meta, name, error))
    {
      g_clear_pointer (payload, g_bytes_unref);
      return FALSE;
    }

  return TRUE;
}

/* The file for a save leaving a device: OUT.BUP (any case) gets a .BUP with
 * @blocks in its block-size field, any other name the raw payload. */
GBytes *
ks_saturn_save_export (const KsSaturnSaveMeta *meta,
                       GBytes                 *payload,
                       guint                   blocks,
                       const char             *out_name)
{
  g_return_val_if_fail (meta != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  if (ks_bup_is_bup_name (out_name))
    return ks_bup_build (meta, g_bytes_get_data (payload, NULL), blocks);

  return g_bytes_ref (payload);
}
