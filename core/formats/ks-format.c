/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-format.c — the table of known formats and detection by probing */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-format.h"

G_DEFINE_QUARK (ks-format-error-quark, ks_format_error)

extern const KsFormat ks_mmc_format;
extern const KsFormat ks_gb_sav_format;
extern const KsFormat ks_gen3_format;
extern const KsFormat ks_gba_sav_format;
extern const KsFormat ks_saturn_bram_format;
extern const KsFormat ks_saturn_ar_format;
extern const KsFormat ks_bup_format;

/* Each format module defines one const KsFormat; list it here once.
 * Order matters only for ties between equally confident probes. */
static const KsFormat *const formats[] = {
  &ks_mmc_format,
  &ks_gb_sav_format,
  &ks_gen3_format,
  &ks_gba_sav_format,
  &ks_saturn_bram_format,
  &ks_saturn_ar_format,
  &ks_bup_format,
  NULL,
};

KsSaveInfo *
ks_save_info_new (guint       index,
                  const char *name,
                  guint64     size)
{
  KsSaveInfo *info = g_new0 (KsSaveInfo, 1);

  info->index = index;
  info->name = g_strdup (name != NULL ? name : "");
  info->size = size;
  info->blocks = -1;

  return info;
}

void
ks_save_info_free (KsSaveInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->comment);
  g_free (info->language);
  g_clear_pointer (&info->date, g_date_time_unref);
  g_free (info);
}

const KsFormat *const *
ks_formats_all (guint *n_formats)
{
  if (n_formats != NULL)
    *n_formats = G_N_ELEMENTS (formats) - 1;

  return formats;
}

const KsFormat *
ks_format_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    if (g_str_equal (formats[i]->id, id))
      return formats[i];

  return NULL;
}

const KsFormat *
ks_format_detect (const guint8 *data,
                  gsize         size,
                  const char   *file_name)
{
  const KsFormat *best = NULL;
  guint best_score = 0;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    {
      guint score = formats[i]->probe (data, size, file_name);

      if (score > best_score)
        {
          best = formats[i];
          best_score = score;
        }
    }

  return best;
}
