/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-rle01.h — the Action Replay's RLE01 compression (spec saturn.md §3.3–§3.4) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* §3.3: "RLE01", key byte, u32 BE size of header + payload */
#define KS_RLE01_HEADER_SIZE 10

typedef enum
{
  KS_RLE01_OK,
  KS_RLE01_NO_MAGIC,        /* the bytes do not start with "RLE01" */
  KS_RLE01_SHORT_HEADER,    /* fewer than 10 bytes */
  KS_RLE01_BAD_SIZE,        /* compressedSize < 10 */
  KS_RLE01_PAST_END,        /* compressedSize runs past the bytes given */
  KS_RLE01_CUT_ESCAPE,      /* the stream ends inside a key sequence */
  KS_RLE01_TOO_LONG,        /* the output would pass the limit */
} KsRle01Status;

typedef struct
{
  guint8  key;
  guint32 compressed_size;  /* header included */
  gsize   decoded_size;     /* as far as decoding got */
} KsRle01Info;

GBytes *ks_rle01_decode   (const guint8   *data,
                           gsize           size,
                           gsize           max_output,
                           KsRle01Info    *info,
                           KsRle01Status  *status);
guint8  ks_rle01_pick_key (const guint8   *data,
                           gsize           size);
GBytes *ks_rle01_encode   (const guint8   *data,
                           gsize           size);
GBytes *ks_rle01_encode_with_key (const guint8 *data,
                                  gsize         size,
                                  guint8        key);

G_END_DECLS
