/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc.h — Datel / InterAct Mega Memory Card flash images
 *
 * The card keeps up to 99 Game Boy saves, run-length coded, in a 512 KiB
 * SST 28SF040 flash.  ks_mmc_format reads, edits and verifies a dump of
 * that flash; the functions below are what a caller needs beyond the
 * KsFormat table (a blank image, name rules, salvage).
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

/* mega-memory-card.md §1 */
#define KS_MMC_IMAGE_SIZE   0x80000   /* the whole 28SF040, flash order */
#define KS_MMC_BLOCK_SIZE   0x100     /* one flash sector */
#define KS_MMC_BLOCKS       0x800
#define KS_MMC_DATA_BLOCKS  0x7F0     /* blocks 0x000-0x7EF hold saves */
/* §4.5 */
#define KS_MMC_MAX_SAVES    99
#define KS_MMC_NAME_LENGTH  16
#define KS_MMC_SRAM_BANK_SIZE    8192      /* one SRAM bank, A000-BFFF (§3) */
#define KS_MMC_MAX_SRAM_BANKS    16

/* The loaded image behind a KsContainer of ks_mmc_format
 * (ks_container_get_impl()). */
typedef struct _KsMmc KsMmc;

extern const KsFormat ks_mmc_format;

GBytes  *ks_mmc_new_formatted_image  (void);
guint8   ks_mmc_header_checksum      (const guint8  *header_sector);

char    *ks_mmc_name_from_file_name  (const char    *file_name);
char    *ks_mmc_name_normalise       (const char    *name,
                                      GError       **error);
GBytes  *ks_mmc_sram_from_sav        (GBytes        *sav,
                                      GError       **error);

guint32  ks_mmc_save_size_candidates (KsMmc         *self,
                                      guint          index);
/* Who holds data block @block (below KS_MMC_DATA_BLOCKS): the save's
 * index + 1, KS_MMC_BLOCK_FREE, or KS_MMC_BLOCK_ORPHANED for a block marked
 * with a save number the card does not count (§10) */
#define KS_MMC_BLOCK_FREE      0
#define KS_MMC_BLOCK_ORPHANED  (-1)
gint     ks_mmc_get_block_owner      (KsMmc         *self,
                                      guint          block);
GBytes  *ks_mmc_extract_banks        (KsMmc         *self,
                                      guint          index,
                                      guint          banks,
                                      GError       **error);

G_END_DECLS
