/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* saturn-builder.h — synthetic Saturn saves and images for tests and fuzz seeds
 *
 * The sample entries are the real ones of spec saturn.md §1.7 and §5 (names,
 * comments, dates, sizes); their payloads start with the bytes the spec
 * quotes and continue with deterministic filler.  No game data is shipped.
 */
#pragma once

#include <keepsake.h>

G_BEGIN_DECLS

/* §1.7: "HYPERDUEL_0", 260 bytes; payload bytes 0–19 and 20–26 as quoted */
void    ks_test_saturn_hyperduel     (KsSaturnSaveMeta *meta,
                                      GBytes          **payload);
/* §1.7: "DEZA2___SYS", 17 bytes, exactly as in the real file */
void    ks_test_saturn_dezaemon      (KsSaturnSaveMeta *meta,
                                      GBytes          **payload);
/* §1.7: "DAYTONA96_0", 4033 bytes, comment "RECORDS" NUL 06 02 */
void    ks_test_saturn_daytona96     (KsSaturnSaveMeta *meta,
                                      GBytes          **payload);
/* §5: DAYTONA_.BUP, 2527 bytes, with its junk name byte and padding */
GBytes *ks_test_saturn_daytona_bup   (void);
/* §7 vector 8: 32 KiB, 4 × "BackUpRam Format", the Dezaemon save in block 2 */
GBytes *ks_test_saturn_minimal_internal (void);
/* Logical → byte-expanded with @filler before every byte (§2) */
GBytes *ks_test_saturn_expand        (GBytes           *logical,
                                      guint8            filler);
/* A formatted 512 KiB partition of 64-byte blocks, as the AR decodes it */
GBytes *ks_test_saturn_ar_partition  (void);
/* A 256 KiB Action Replay dump: "SEGA SEGASATURN" at 0, "ACTION REPLAY" at
 * 0x50, pseudo-random firmware to 0x1FFFF, @partition RLE01-encoded at
 * 0x20000, 0xFF after it. */
GBytes *ks_test_saturn_ar_dump       (GBytes           *partition);

G_END_DECLS
