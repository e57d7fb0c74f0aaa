/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-bup.h — the .BUP ("Vmem") single-save file (spec saturn.md §5) */
#pragma once

#include <glib.h>

#include "ks-saturn-save.h"

G_BEGIN_DECLS

/* §5: a 64-byte header, then the payload */
#define KS_BUP_HEADER_SIZE 64

typedef struct
{
  KsSaturnSaveMeta meta;              /* date: 0x28, or 0x34 when 0x28 is 0 */
  guint32          save_id;
  guint16          blocks;            /* informational; often junk */
  gsize            payload_available; /* bytes after the header */
} KsBupHeader;

extern const KsFormat ks_bup_format;

gboolean ks_bup_has_magic   (const guint8           *data,
                             gsize                   size);
gboolean ks_bup_is_bup_name (const char             *file_name);
gboolean ks_bup_read_header (const guint8           *data,
                             gsize                   size,
                             KsBupHeader            *header,
                             GError                **error);
GBytes  *ks_bup_build       (const KsSaturnSaveMeta *meta,
                             const guint8           *payload,
                             guint                   blocks);

G_END_DECLS
