/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backup-format.c — the format a library backup's bytes open in
 *
 * The format id stored with a backup records what its bytes were taken
 * for, not a promise about them: a Keepsake that did not know raw GBA
 * saves stored a 128 KiB flash save of any game as Gen III
 * (DESIGN.md "The write protocol").  So the stored id is checked against
 * the bytes each time they are opened.
 */

#include "config.h"

#include "ks-container.h"
#include "ks-library.h"

/* Whether another format of @format's platform claims @data more surely
 * than @format does: Gen III guesses 128 KiB from the size alone, while
 * the raw GBA save claims every chip size */
static gboolean
known_better (const KsFormat *format,
              guint           score,
              const guint8   *data,
              gsize           size)
{
  guint n_formats;
  const KsFormat *const *formats = ks_formats_all (&n_formats);

  for (guint i = 0; i < n_formats; i++)
    if (formats[i] != format && g_str_equal (formats[i]->platform, format->platform) &&
        formats[i]->probe (data, size, NULL) > score)
      return TRUE;

  return FALSE;
}

const char *
ks_backup_entry_format_for_content (const KsBackupEntry *entry,
                                    GBytes              *content)
{
  const KsFormat *format;
  g_autoptr(KsContainer) container = NULL;
  const guint8 *data;
  gsize size;
  guint score;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  if (entry->format_id == NULL || entry->format_id[0] == '\0')
    return NULL;
  format = ks_format_lookup (entry->format_id);
  if (format == NULL)
    return NULL;

  /* the bytes alone decide, not the name a cart or file gave them */
  data = g_bytes_get_data (content, &size);
  score = format->probe (data, size, NULL);
  if (score == 0 || known_better (format, score, data, size))
    return NULL;

  container = ks_container_new_with_format (content, NULL, format, NULL);
  if (container == NULL)
    return NULL;

  return entry->format_id;
}
