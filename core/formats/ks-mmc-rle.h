/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-rle.h — the Mega Memory Card's run-length code
 *
 * A stream is a marker byte M, then tokens: a byte other than M is itself;
 * M, c, v is c+1 copies of v (mega-memory-card.md §3).  The encoder
 * reproduces the card's own program byte for byte (§4.1).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One token at a time, so callers can watch token boundaries (the end of a
 * save is only ever found at one, §10). */
typedef struct
{
  const guint8 *stream;
  gsize         length;
  gsize         pos;          /* the next token starts here */
  guint8        marker;
  gboolean      truncated;    /* the stream ended inside a run token (or had no marker) */
} KsMmcRleReader;

typedef struct
{
  gsize    consumed;          /* stream bytes read, the marker included */
  gboolean truncated;         /* the stream ended inside a run token */
  gboolean limit_reached;     /* decoding stopped at @limit bytes */
} KsMmcRleStatus;

void     ks_mmc_rle_reader_init   (KsMmcRleReader *reader,
                                   const guint8   *stream,
                                   gsize           length);
gboolean ks_mmc_rle_reader_next   (KsMmcRleReader *reader,
                                   guint8         *value,
                                   guint          *copies);
gsize    ks_mmc_rle_reader_next_repeats (KsMmcRleReader *reader,
                                   gsize           end,
                                   gsize           room,
                                   guint8         *value,
                                   guint          *copies);

guint8   ks_mmc_rle_choose_marker (const guint8   *data,
                                   gsize           size);
GBytes  *ks_mmc_rle_encode        (const guint8   *data,
                                   gsize           size,
                                   guint8          marker);
GBytes  *ks_mmc_rle_decode        (const guint8   *stream,
                                   gsize           length,
                                   gsize           limit,
                                   KsMmcRleStatus *status);

G_END_DECLS
