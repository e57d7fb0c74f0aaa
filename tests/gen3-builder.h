/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* gen3-builder.h — synthetic Gen III flash images for tests and fuzz seeds
 *
 * Spec gen3.md §8: fill the logical blocks with chosen bytes, cut them
 * into sections, add the sector footers of §1.3 and place them in a slot
 * with a chosen counter and rotation (§1.6).  The sector writer here is
 * written from the spec on its own, not shared with core, so the tests
 * check core's reader and writer against an independent one.
 */
#pragma once

#include <keepsake.h>

G_BEGIN_DECLS

#define GEN3_FLASH_SIZE      0x20000u
#define GEN3_HALF_SIZE       0x10000u
#define GEN3_SECTOR_SIZE     0x1000u
#define GEN3_SECTOR_DATA     0xF80u
#define GEN3_BLOCKS_SIZE     (14u * GEN3_SECTOR_DATA)
#define GEN3_SB1             (1u * GEN3_SECTOR_DATA)   /* offset of SaveBlock1 in blocks */
#define GEN3_PC              (5u * GEN3_SECTOR_DATA)   /* offset of the PC storage in blocks */

/* The test trainer: "ASH", male, 12345/54321, 3000 money, 50 coins,
 * 12:34:56, badges 1 and 2. */
void     gen3_test_trainer      (KsGen3Trainer  *trainer);
/* A new game's 14 section buffers (core's ks_gen3_new_blocks) with the test
 * trainer; @key is used by Emerald and FireRed/LeafGreen. */
guint8  *gen3_blocks_new        (KsGen3Game      game,
                                 guint32         key);
/* @size bytes of erased flash (0xFF). */
guint8  *gen3_flash_new         (gsize           size);
/* One slot as the game writes it: section id at physical
 * (rotation + id) % 14, zeroed buffer, checksum at the game's length. */
void     gen3_write_slot        (guint8         *flash,
                                 guint           slot,
                                 KsGen3Game      game,
                                 const guint8   *blocks,
                                 guint32         counter,
                                 guint           rotation);
/* The same with an arbitrary order: order[p] is the section at physical p. */
void     gen3_write_slot_order  (guint8         *flash,
                                 guint           slot,
                                 KsGen3Game      game,
                                 const guint8   *blocks,
                                 guint32         counter,
                                 const guint     order[14]);
/* One sector: section @id of @blocks with footer. */
void     gen3_write_sector      (guint8         *sector,
                                 KsGen3Game      game,
                                 const guint8   *blocks,
                                 guint           id,
                                 guint32         counter);
/* Recomputes the checksum of a slot sector at its game length. */
void     gen3_fix_checksum      (guint8         *flash,
                                 guint           physical,
                                 KsGen3Game      game);
/* The physical sector holding section @id in @slot, or -1. */
gint     gen3_find_section      (const guint8   *flash,
                                 guint           slot,
                                 guint           id);
/* Both slots written from @blocks: counters @a and @b, -1 leaves a slot
 * erased; rotation 0 for A, 1 for B. */
GBytes  *gen3_build             (KsGen3Game      game,
                                 const guint8   *blocks,
                                 gint64          a,
                                 gint64          b);
KsContainer *gen3_open          (GBytes         *bytes);
KsGen3Save  *gen3_save          (KsContainer    *container);
/* Store a Pokémon: @plain in G, A, E, M order, encrypted with its key. */
void     gen3_put_pokemon       (guint8         *mon,
                                 guint32         pid,
                                 guint32         otid,
                                 const guint8   *plain);
/* TRUE when @findings has @code (any severity). */
gboolean gen3_has_finding       (GPtrArray      *findings,
                                 const char     *code);
void     gen3_assert_finding    (GPtrArray      *findings,
                                 KsSeverity      severity,
                                 const char     *code);

G_END_DECLS
