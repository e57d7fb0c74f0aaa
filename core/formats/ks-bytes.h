/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-bytes.h — fixed-endian integer access for format code
 *
 * Formats read and write fields at byte offsets; these helpers keep the
 * endianness visible at every call (Gen III is little-endian, Saturn
 * big-endian) and never do unaligned word loads.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

static inline guint16
ks_read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
ks_read_le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static inline guint16
ks_read_be16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static inline guint32
ks_read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | (guint32) p[3];
}

static inline void
ks_write_le16 (guint8  *p,
               guint16  v)
{
  p[0] = v & 0xFF;
  p[1] = v >> 8;
}

static inline void
ks_write_le32 (guint8  *p,
               guint32  v)
{
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
  p[2] = (v >> 16) & 0xFF;
  p[3] = v >> 24;
}

static inline void
ks_write_be16 (guint8  *p,
               guint16  v)
{
  p[0] = v >> 8;
  p[1] = v & 0xFF;
}

static inline void
ks_write_be32 (guint8  *p,
               guint32  v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xFF;
  p[2] = (v >> 8) & 0xFF;
  p[3] = v & 0xFF;
}

/* Binary-coded decimal, as clock chips keep their fields: 59 is 0x59 */
static inline guint8
ks_bcd_from_int (guint value)
{
  return (guint8) ((value / 10) << 4 | value % 10);
}

static inline guint
ks_bcd_to_int (guint8 value)
{
  return (value >> 4) * 10 + (value & 0xF);
}

/* TRUE when every byte of data[0..size) equals value (empty ranges too).
 * Each byte equal to the next one and the first equal to value: one
 * memcmp() over the range, as fast as the C library compares, which
 * matters for whole images (an erased 512 KiB card is checked this way). */
static inline gboolean
ks_bytes_all (const guint8 *data,
              gsize         size,
              guint8        value)
{
  if (size == 0)
    return TRUE;
  return data[0] == value && memcmp (data, data + 1, size - 1) == 0;
}

G_END_DECLS
