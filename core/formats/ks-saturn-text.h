/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-text.h — Saturn save names and comments as display text
 *
 * Spec saturn.md §1.3/§1.9: names and comments are raw bytes (ASCII, JIS X
 * 0201 half-width kana, Shift-JIS), NUL-padded, sometimes with garbage after
 * the NUL.  Keepsake keeps the raw bytes and converts only for display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *ks_saturn_text_to_utf8   (const guint8 *raw,
                                  gsize         size);
guint8 *ks_saturn_text_from_utf8 (const char   *text,
                                  gsize        *length,
                                  GError      **error);

G_END_DECLS
