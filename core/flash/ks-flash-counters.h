/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-flash-counters.h — how often a simulated chip was erased and programmed
 *
 * Models count every erase and program they accept, per sector, so a test
 * (or a later write job's test) can assert that a write touched only the
 * sectors it had to, and the emulator can cut the power at the Nth one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint     n_sectors;
  guint32   sector_size;
  guint32  *sector_erases;     /* erases that covered the sector (chip erases too) */
  guint32  *sector_programs;   /* bytes programmed inside the sector */
  guint64   programs;          /* all byte programs */
  guint64   sector_erase_ops;  /* sector-erase commands */
  guint64   chip_erase_ops;    /* chip-erase commands */
} KsFlashCounters;

void     ks_flash_counters_init          (KsFlashCounters *counters,
                                          guint            n_sectors,
                                          guint32          sector_size);
void     ks_flash_counters_clear         (KsFlashCounters *counters);
void     ks_flash_counters_reset         (KsFlashCounters *counters);
void     ks_flash_counters_count_program (KsFlashCounters *counters,
                                          guint32          address);
void     ks_flash_counters_count_sector_erase (KsFlashCounters *counters,
                                              guint32          address,
                                              guint32          size);
void     ks_flash_counters_count_chip_erase   (KsFlashCounters *counters);
/* Program and erase operations together: what "the Nth operation" counts. */
guint64  ks_flash_counters_operations    (const KsFlashCounters *counters);
/* The number of sectors erased at least once since the last reset. */
guint    ks_flash_counters_sectors_erased (const KsFlashCounters *counters);

G_END_DECLS
