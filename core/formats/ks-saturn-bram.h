/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-bram.h — Saturn backup RAM image files (spec saturn.md §2)
 *
 * The §1 partition as emulators and dumps store it: logical (Mednafen .bkr
 * and .bcr, raw or gzip), byte-expanded (Yabause, Kronos, SSF, MiSTer,
 * SAROO, hardware dumps), and MiSTer's internal + cartridge pair.  The
 * format is "saturn-bram"; detection is automatic.
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

typedef enum
{
  KS_SATURN_DEVICE_INTERNAL,   /* 32 KiB, 64-byte blocks */
  KS_SATURN_DEVICE_CART_4M,    /* 4 Mbit (512 KiB), 512-byte blocks */
  KS_SATURN_DEVICE_CART_8M,    /* 1 MiB, 512-byte blocks */
  KS_SATURN_DEVICE_CART_16M,   /* 2 MiB, 512-byte blocks */
  KS_SATURN_DEVICE_CART_32M,   /* 4 MiB, 1 KiB blocks */
} KsSaturnDevice;

typedef enum
{
  KS_SATURN_CONTAINER_LOGICAL,   /* Mednafen .bkr / .bcr */
  KS_SATURN_CONTAINER_EXPANDED,  /* Yabause: each byte behind a 0xFF filler */
  KS_SATURN_CONTAINER_GZIP,      /* standalone Mednafen .bcr */
} KsSaturnContainer;

extern const KsFormat ks_saturn_bram_format;

GBytes *ks_saturn_bram_new_formatted (KsSaturnDevice     device,
                                      KsSaturnContainer  container);
guint   ks_saturn_device_block_size  (KsSaturnDevice     device);
gsize   ks_saturn_device_size        (KsSaturnDevice     device);

G_END_DECLS
