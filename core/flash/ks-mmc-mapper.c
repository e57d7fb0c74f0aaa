/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-mapper.c — flash addresses to (register value, GB address)
 *
 * cart-reader-protocol.md §3: write 0x80 | bank to 0x2000 (the original
 * program's encoding, recommended over OSCR's raw bank number), then the
 * flash byte (bank << 14) | offset is at 0x4000 + offset.  Command
 * sequences carry their own register write first, as the §7.1 recipes do,
 * so they work whatever the register held before.
 */

#include "config.h"

#include "ks-mmc-mapper.h"

#define REGISTER_ADDR     0x2000
#define STORAGE_VALUE     0x80
#define PASSTHROUGH_VALUE 0xC0
#define WINDOW_START      0x4000
#define WINDOW_MASK       0x3FFF
#define BANK_SHIFT        14
#define FLASH_MASK        0x7FFFF

static guint
bank_of (guint32 address)
{
  return (address & FLASH_MASK) >> BANK_SHIFT;
}

static guint32
window_of (guint32 address)
{
  return WINDOW_START | (address & WINDOW_MASK);
}

gboolean
ks_mmc_mapper_select_bank (KsMmcMapper  *mapper,
                           guint         bank,
                           GError      **error)
{
  g_return_val_if_fail (mapper != NULL, FALSE);
  g_return_val_if_fail (bank < KS_MMC_N_BANKS, FALSE);

  if (mapper->bank == (gint) bank)
    return TRUE;

  mapper->bank = -1;
  if (!ks_bus_write (mapper->gb, REGISTER_ADDR, STORAGE_VALUE | bank, error))
    return FALSE;
  mapper->bank = bank;

  return TRUE;
}

gboolean
ks_mmc_mapper_select_passthrough (KsMmcMapper  *mapper,
                                  GError      **error)
{
  g_return_val_if_fail (mapper != NULL, FALSE);

  mapper->bank = -1;
  return ks_bus_write (mapper->gb, REGISTER_ADDR, PASSTHROUGH_VALUE, error);
}

static gboolean
mapper_read (KsBus    *bus,
             guint32   address,
             guint8   *value,
             GError  **error)
{
  KsMmcMapper *mapper = (KsMmcMapper *) bus;

  if (!ks_mmc_mapper_select_bank (mapper, bank_of (address), error))
    return FALSE;

  if (!ks_bus_read (mapper->gb, window_of (address), value, error))
    {
      mapper->bank = -1;
      return FALSE;
    }

  return TRUE;
}

static gboolean
mapper_write (KsBus    *bus,
              guint32   address,
              guint8    value,
              GError  **error)
{
  KsMmcMapper *mapper = (KsMmcMapper *) bus;

  if (!ks_mmc_mapper_select_bank (mapper, bank_of (address), error))
    return FALSE;

  if (!ks_bus_write (mapper->gb, window_of (address), value, error))
    {
      mapper->bank = -1;
      return FALSE;
    }

  return TRUE;
}

static gboolean
mapper_read_bulk (KsBus    *bus,
                  guint32   address,
                  guint8   *buffer,
                  gsize     size,
                  GError  **error)
{
  KsMmcMapper *mapper = (KsMmcMapper *) bus;
  gsize done = 0;

  while (done < size)
    {
      guint32 at = address + (guint32) done;
      gsize n = MIN (size - done, (gsize) (KS_MMC_BANK_SIZE - (at & WINDOW_MASK)));

      if (!ks_mmc_mapper_select_bank (mapper, bank_of (at), error))
        return FALSE;
      if (!ks_bus_read_bulk (mapper->gb, window_of (at), buffer + done, n, error))
        {
          mapper->bank = -1;
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

static gboolean
mapper_write_sequence (KsBus             *bus,
                       const KsBusWrite  *writes,
                       guint              n_writes,
                       GError           **error)
{
  KsMmcMapper *mapper = (KsMmcMapper *) bus;
  KsBusWrite gb[KS_BUS_MAX_SEQUENCE];
  guint n = 0;
  gint bank = -1;

  for (guint i = 0; i < n_writes; i++)
    {
      guint wanted = bank_of (writes[i].address);

      if (bank != (gint) wanted)
        {
          g_return_val_if_fail (n < KS_BUS_MAX_SEQUENCE, FALSE);
          gb[n].address = REGISTER_ADDR;
          gb[n].value = STORAGE_VALUE | wanted;
          n++;
          bank = wanted;
        }
      g_return_val_if_fail (n < KS_BUS_MAX_SEQUENCE, FALSE);
      gb[n].address = window_of (writes[i].address);
      gb[n].value = writes[i].value;
      n++;
    }

  mapper->bank = -1;
  if (!ks_bus_write_sequence (mapper->gb, gb, n, error))
    return FALSE;
  mapper->bank = bank;

  return TRUE;
}

/* §1.5, §7.1: the LK firmware's FLASH_PROGRAM runs three command cycles
 * before each byte.  The register write comes first, as in every command
 * sequence here, and fills the cycles the chip's own setup leaves free:
 * writing the bank it already holds changes nothing. */
#define FLASH_PROGRAM_CYCLES 3

static gboolean
mapper_program_polled (KsBus            *bus,
                       const KsBusWrite *setup,
                       guint             n_setup,
                       guint32           address,
                       const guint8     *data,
                       gsize             size,
                       GError          **error)
{
  KsMmcMapper *mapper = (KsMmcMapper *) bus;
  guint bank = bank_of (address);
  KsBusWrite gb[KS_BUS_MAX_SEQUENCE];
  guint n = 0;

  g_return_val_if_fail (size > 0 && bank_of (address + (guint32) size - 1) == bank, FALSE);
  g_return_val_if_fail (n_setup < KS_BUS_MAX_SEQUENCE - 1, FALSE);

  do
    {
      gb[n].address = REGISTER_ADDR;
      gb[n].value = STORAGE_VALUE | bank;
      n++;
    }
  while (n + n_setup < FLASH_PROGRAM_CYCLES);

  for (guint i = 0; i < n_setup; i++)
    {
      g_return_val_if_fail (bank_of (setup[i].address) == bank, FALSE);
      gb[n].address = window_of (setup[i].address);
      gb[n].value = setup[i].value;
      n++;
    }

  mapper->bank = -1;
  if (!ks_bus_program_polled (mapper->gb, gb, n, window_of (address), data, size, error))
    return FALSE;
  mapper->bank = bank;

  return TRUE;
}

static void
mapper_wait_usec (KsBus   *bus,
                  guint64  usec)
{
  KsMmcMapper *mapper = (KsMmcMapper *) bus;

  ks_bus_wait_usec (mapper->gb, usec);
}

static const KsBusOps mapper_bus_ops = {
  .read = mapper_read,
  .write = mapper_write,
  .read_bulk = mapper_read_bulk,
  .write_sequence = mapper_write_sequence,
  .wait_usec = mapper_wait_usec,
  .program_polled = mapper_program_polled,
};

void
ks_mmc_mapper_init (KsMmcMapper *mapper,
                    KsBus       *gb_bus)
{
  g_return_if_fail (mapper != NULL);
  g_return_if_fail (gb_bus != NULL);

  mapper->bus.ops = &mapper_bus_ops;
  mapper->gb = gb_bus;
  mapper->bank = -1;
}

KsBus *
ks_mmc_mapper_get_bus (KsMmcMapper *mapper)
{
  g_return_val_if_fail (mapper != NULL, NULL);

  return &mapper->bus;
}
