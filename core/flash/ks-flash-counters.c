/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-flash-counters.c — per-sector erase and program counts of a model */

#include "config.h"

#include <string.h>

#include "ks-flash-counters.h"

void
ks_flash_counters_init (KsFlashCounters *counters,
                        guint            n_sectors,
                        guint32          sector_size)
{
  g_return_if_fail (counters != NULL);
  g_return_if_fail (n_sectors > 0 && sector_size > 0);

  memset (counters, 0, sizeof *counters);
  counters->n_sectors = n_sectors;
  counters->sector_size = sector_size;
  counters->sector_erases = g_new0 (guint32, n_sectors);
  counters->sector_programs = g_new0 (guint32, n_sectors);
}

void
ks_flash_counters_clear (KsFlashCounters *counters)
{
  g_return_if_fail (counters != NULL);

  g_clear_pointer (&counters->sector_erases, g_free);
  g_clear_pointer (&counters->sector_programs, g_free);
  counters->n_sectors = 0;
}

void
ks_flash_counters_reset (KsFlashCounters *counters)
{
  g_return_if_fail (counters != NULL);

  memset (counters->sector_erases, 0, counters->n_sectors * sizeof (guint32));
  memset (counters->sector_programs, 0, counters->n_sectors * sizeof (guint32));
  counters->programs = 0;
  counters->sector_erase_ops = 0;
  counters->chip_erase_ops = 0;
}

void
ks_flash_counters_count_program (KsFlashCounters *counters,
                                 guint32          address)
{
  guint sector = address / counters->sector_size;

  g_return_if_fail (sector < counters->n_sectors);

  counters->sector_programs[sector]++;
  counters->programs++;
}

static void
count_erased_sectors (KsFlashCounters *counters,
                      guint32          address,
                      guint32          size)
{
  guint first = address / counters->sector_size;
  guint last = (address + size - 1) / counters->sector_size;

  g_return_if_fail (size > 0 && last < counters->n_sectors);

  for (guint s = first; s <= last; s++)
    counters->sector_erases[s]++;
}

void
ks_flash_counters_count_sector_erase (KsFlashCounters *counters,
                                      guint32          address,
                                      guint32          size)
{
  g_return_if_fail (counters != NULL);

  count_erased_sectors (counters, address, size);
  counters->sector_erase_ops++;
}

void
ks_flash_counters_count_chip_erase (KsFlashCounters *counters)
{
  g_return_if_fail (counters != NULL);

  count_erased_sectors (counters, 0, counters->n_sectors * counters->sector_size);
  counters->chip_erase_ops++;
}

guint64
ks_flash_counters_operations (const KsFlashCounters *counters)
{
  g_return_val_if_fail (counters != NULL, 0);

  return counters->programs + counters->sector_erase_ops + counters->chip_erase_ops;
}

guint
ks_flash_counters_sectors_erased (const KsFlashCounters *counters)
{
  guint n = 0;

  g_return_val_if_fail (counters != NULL, 0);

  for (guint s = 0; s < counters->n_sectors; s++)
    if (counters->sector_erases[s] > 0)
      n++;

  return n;
}
