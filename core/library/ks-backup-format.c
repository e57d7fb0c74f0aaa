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

/* The format of @platform that claims @data most surely, with its score
 * (NULL when none does) */
static const KsFormat *
best_of_platform (const char   *platform,
                  const guint8 *data,
                  gsize         size,
                  guint        *best_score)
{
  guint n_formats;
  const KsFormat *const *formats = ks_formats_all (&n_formats);
  const KsFormat *best = NULL;

  *best_score = 0;
  for (guint i = 0; i < n_formats; i++)
    if (g_str_equal (formats[i]->platform, platform))
      {
        guint score = formats[i]->probe (data, size, NULL);

        if (score > *best_score)
          {
            best = formats[i];
            *best_score = score;
          }
      }

  return best;
}

/* Whether another format of @format's platform claims @data more surely
 * than @format does: Gen III guesses 128 KiB from the size alone, while
 * the raw GBA save claims every chip size */
static gboolean
known_better (const KsFormat *format,
              guint           score,
              const guint8   *data,
              gsize           size)
{
  guint best_score;
  const KsFormat *best = best_of_platform (format->platform, data, size, &best_score);

  return best != NULL && best != format && best_score > score;
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

const KsFormat *
ks_backup_entry_content_format (const KsBackupEntry *entry,
                                GBytes              *content)
{
  const char *fitting;
  const KsFormat *stored, *best;
  const guint8 *data;
  gsize size;
  guint score;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  fitting = ks_backup_entry_format_for_content (entry, content);
  if (fitting != NULL)
    return ks_format_lookup (fitting);

  /* the device it came from was of the stored format's platform */
  data = g_bytes_get_data (content, &size);
  stored = entry->format_id != NULL ? ks_format_lookup (entry->format_id) : NULL;
  best = stored != NULL ? best_of_platform (stored->platform, data, size, &score) : NULL;
  return best != NULL ? best : ks_format_detect (data, size, NULL);
}
