/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-ar.h — Action Replay flash dumps and their save partition
 * (spec saturn.md §3)
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

/* §3.1: two 128 KiB chips, 256 KiB of flash */
#define KS_SATURN_AR_FLASH_SIZE       0x40000
/* §3.2: the save partition follows the firmware */
#define KS_SATURN_AR_PARTITION_OFFSET 0x20000
/* §3.5: the decoded partition, 64-byte blocks, normally 512 KiB */
#define KS_SATURN_AR_BLOCK_SIZE       64
#define KS_SATURN_AR_DECODED_SIZE     0x80000

extern const KsFormat ks_saturn_ar_format;

G_END_DECLS
