/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-charset.h — the international Gen III character set, both ways
 *
 * Spec gen3.md §4.  Strings end at 0xFF; fixed-size fields are padded after
 * the terminator.  Japanese text uses another table and is out of scope.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KS_GEN3_CHAR_TERMINATOR 0xFF

/* UTF-8 for @size bytes of game text, up to the first 0xFF.  Bytes with no
 * Western glyph (and control codes) read as U+FFFD. */
char     *ks_gen3_decode_text      (const guint8  *data,
                                    gsize          size);
/* The game bytes for @text followed by the 0xFF terminator.  A character
 * the Western table cannot show fails with KS_FORMAT_ERROR_BAD_VALUE. */
GBytes   *ks_gen3_encode_text      (const char    *text,
                                    GError       **error);
/* TRUE when @byte is a printable glyph of the Western table. */
gboolean  ks_gen3_char_is_glyph    (guint8         byte);
/* TRUE for the text engine's control codes 0xF7–0xFE (§4). */
gboolean  ks_gen3_char_is_control  (guint8         byte);

G_END_DECLS
