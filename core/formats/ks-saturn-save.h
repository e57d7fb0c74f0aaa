/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-save.h — one Saturn save's directory entry, and the save as a file
 *
 * The entry is the same everywhere (spec saturn.md §1.3 on media, §5 in a
 * .BUP): an 11-byte name, a language byte, a 10-byte comment, a date and the
 * payload size, all kept as raw bytes.  A save leaves or enters a device as
 * a .BUP (full entry) or as its raw payload (then the entry is made up).
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

/* §1.3 field sizes */
#define KS_SATURN_NAME_SIZE    11
#define KS_SATURN_COMMENT_SIZE 10

typedef struct
{
  guint8  name[KS_SATURN_NAME_SIZE];
  guint8  language;                     /* 0 JP, 1 EN, 2 FR, 3 DE, 4 ES, 5 IT; any byte kept */
  guint8  comment[KS_SATURN_COMMENT_SIZE];
  guint32 date;                         /* minutes since 1980 (§1.8) */
  guint32 size;                         /* payload bytes */
} KsSaturnSaveMeta;

char       *ks_saturn_language_code      (guint8                   language);
KsSaveInfo *ks_saturn_save_info_new      (guint                    index,
                                          const KsSaturnSaveMeta  *meta,
                                          gint                     blocks);
gboolean    ks_saturn_save_meta_set_name (KsSaturnSaveMeta        *meta,
                                          const char              *name,
                                          GError                 **error);
void        ks_saturn_save_meta_name_from_file (KsSaturnSaveMeta  *meta,
                                                const char        *file_name);
gboolean    ks_saturn_save_import        (GBytes                  *file,
                                          const char              *file_name,
                                          const char              *name,
                                          KsSaturnSaveMeta        *meta,
                                          GBytes                 **payload,
                                          GError                 **error);
GBytes     *ks_saturn_save_export        (const KsSaturnSaveMeta  *meta,
                                          GBytes                  *payload,
                                          guint                    blocks,
                                          const char              *out_name);

G_END_DECLS
