/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* mmc-builder.h — Mega Memory Card images and saves that tests, fuzz seeds
 * and benchmarks share (mega-memory-card.md §8, and the forum post of §7) */
#pragma once

#include <keepsake.h>

G_BEGIN_DECLS

/* §8 save 1, "ZELDA DX": 01 02 02 03 03 03, then 8186 zeros */
GBytes *ks_test_mmc_zelda_sram         (void);
/* §8 save 2, "POKEMON RED": 01..FC, 32513 zeros, FD FE FF */
GBytes *ks_test_mmc_pokemon_sram       (void);
/* §8: a formatted card with both saves backed up, made by Keepsake's insert */
GBytes *ks_test_mmc_worked_example     (void);
/* the forum post (§7): the 144 compressed bytes from flash 0x00000 */
GBytes *ks_test_mmc_seed_post_stream   (void);
/* the forum post (§7): its name and mapping tables (5 saves), its 144 bytes
 * at 0x00000, the rest of the data area 0xFF, a valid header */
GBytes *ks_test_mmc_seed_post_image    (void);
/* Inserts @sram under @name into @image and returns the new image; aborts
 * the test when the insert or the verify gate fails. */
GBytes *ks_test_mmc_insert             (GBytes     *image,
                                        GBytes     *sram,
                                        const char *name);

G_END_DECLS
