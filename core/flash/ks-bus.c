/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-bus.c — the bus operations, with plain-access fallbacks for the
 * optional ones */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-bus.h"
#include "ks-flash-error.h"

/* JEDEC unlock addresses and the byte-program command
 * (cart-reader-protocol.md §4) */
#define JEDEC_UNLOCK1_ADDR 0x5555
#define JEDEC_UNLOCK2_ADDR 0x2AAA
#define JEDEC_UNLOCK1_DATA 0xAA
#define JEDEC_UNLOCK2_DATA 0x55
#define JEDEC_PROGRAM      0xA0
/* Completion polling of ks_bus_program_polled_by_access(): a read every
 * 10 µs, at most 1 ms a byte (25 times the SST 28SF040's 40 µs, §5) */
#define POLL_USEC          10
#define POLL_TRIES         100

gboolean
ks_bus_read (KsBus    *bus,
             guint32   address,
             guint8   *value,
             GError  **error)
{
  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return bus->ops->read (bus, address, value, error);
}

gboolean
ks_bus_write (KsBus    *bus,
              guint32   address,
              guint8    value,
              GError  **error)
{
  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);

  return bus->ops->write (bus, address, value, error);
}

gboolean
ks_bus_read_bulk (KsBus    *bus,
                  guint32   address,
                  guint8   *buffer,
                  gsize     size,
                  GError  **error)
{
  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (buffer != NULL || size == 0, FALSE);

  if (size == 0)
    return TRUE;

  if (bus->ops->read_bulk != NULL)
    return bus->ops->read_bulk (bus, address, buffer, size, error);

  for (gsize i = 0; i < size; i++)
    if (!bus->ops->read (bus, address + (guint32) i, &buffer[i], error))
      return FALSE;

  return TRUE;
}

gboolean
ks_bus_write_bulk (KsBus         *bus,
                   guint32        address,
                   const guint8  *data,
                   gsize          size,
                   GError       **error)
{
  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (size == 0)
    return TRUE;

  if (bus->ops->write_bulk != NULL)
    return bus->ops->write_bulk (bus, address, data, size, error);

  for (gsize i = 0; i < size; i++)
    if (!bus->ops->write (bus, address + (guint32) i, data[i], error))
      return FALSE;

  return TRUE;
}

gboolean
ks_bus_write_sequence (KsBus             *bus,
                       const KsBusWrite  *writes,
                       guint              n_writes,
                       GError           **error)
{
  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (writes != NULL || n_writes == 0, FALSE);
  g_return_val_if_fail (n_writes <= KS_BUS_MAX_SEQUENCE, FALSE);

  if (n_writes == 0)
    return TRUE;

  if (bus->ops->write_sequence != NULL)
    return bus->ops->write_sequence (bus, writes, n_writes, error);

  for (guint i = 0; i < n_writes; i++)
    if (!bus->ops->write (bus, writes[i].address, writes[i].value, error))
      return FALSE;

  return TRUE;
}

gboolean
ks_bus_jedec_program (KsBus         *bus,
                      guint32        address,
                      const guint8  *data,
                      gsize          size,
                      guint          gap_usec,
                      GError       **error)
{
  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (size == 0)
    return TRUE;

  if (bus->ops->jedec_program != NULL)
    return bus->ops->jedec_program (bus, address, data, size, gap_usec, error);

  for (gsize i = 0; i < size; i++)
    {
      const KsBusWrite program[] = {
        { JEDEC_UNLOCK1_ADDR, JEDEC_UNLOCK1_DATA },
        { JEDEC_UNLOCK2_ADDR, JEDEC_UNLOCK2_DATA },
        { JEDEC_UNLOCK1_ADDR, JEDEC_PROGRAM },
        { address + (guint32) i, data[i] },
      };

      if (!ks_bus_write_sequence (bus, program, G_N_ELEMENTS (program), error))
        return FALSE;
      ks_bus_wait_usec (bus, gap_usec);
    }

  return TRUE;
}

gboolean
ks_bus_page_program (KsBus         *bus,
                     guint32        address,
                     const guint8  *data,
                     gsize          size,
                     guint          page_usec,
                     GError       **error)
{
  const KsBusWrite unlock[] = {
    { JEDEC_UNLOCK1_ADDR, JEDEC_UNLOCK1_DATA },
    { JEDEC_UNLOCK2_ADDR, JEDEC_UNLOCK2_DATA },
    { JEDEC_UNLOCK1_ADDR, JEDEC_PROGRAM },
  };

  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (address % KS_BUS_PAGE_SIZE == 0 && size % KS_BUS_PAGE_SIZE == 0, FALSE);

  if (size == 0)
    return TRUE;

  if (bus->ops->page_program != NULL)
    return bus->ops->page_program (bus, address, data, size, page_usec, error);

  /* plain accesses take no time on a model's bus: no byte is late */
  for (gsize at = 0; at < size; at += KS_BUS_PAGE_SIZE)
    {
      if (!ks_bus_write_sequence (bus, unlock, G_N_ELEMENTS (unlock), error))
        return FALSE;
      for (gsize i = 0; i < KS_BUS_PAGE_SIZE; i++)
        if (!ks_bus_write (bus, address + (guint32) (at + i), data[at + i], error))
          return FALSE;
      ks_bus_wait_usec (bus, page_usec);
    }

  return TRUE;
}

void
ks_bus_wait_usec (KsBus   *bus,
                  guint64  usec)
{
  g_return_if_fail (bus != NULL && bus->ops != NULL);

  if (usec > 0 && bus->ops->wait_usec != NULL)
    bus->ops->wait_usec (bus, usec);
}

gboolean
ks_bus_program_polled_by_access (KsBus            *bus,
                                 const KsBusWrite *setup,
                                 guint             n_setup,
                                 guint32           address,
                                 const guint8     *data,
                                 gsize             size,
                                 GError          **error)
{
  KsBusWrite sequence[KS_BUS_MAX_SEQUENCE];

  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (n_setup < KS_BUS_MAX_SEQUENCE, FALSE);
  g_return_val_if_fail (setup != NULL || n_setup == 0, FALSE);

  for (guint i = 0; i < n_setup; i++)
    sequence[i] = setup[i];

  for (gsize i = 0; i < size; i++)
    {
      guint8 value = 0;
      guint tries = 0;

      if (data[i] == 0xFF)
        continue;

      sequence[n_setup].address = address + (guint32) i;
      sequence[n_setup].value = data[i];
      if (!ks_bus_write_sequence (bus, sequence, n_setup + 1, error))
        return FALSE;

      /* done when the byte reads back, or when two reads agree (the
       * toggle bit stopped, cart-reader-protocol.md §5) on another value */
      for (;;)
        {
          guint8 previous = value;

          if (tries > 0)
            ks_bus_wait_usec (bus, POLL_USEC);
          if (!ks_bus_read (bus, address + (guint32) i, &value, error))
            return FALSE;
          if (value == data[i])
            break;
          if (tries > 0 && value == previous)
            {
              g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                           _("The flash at 0x%05X reads %02X after programming %02X; was the "
                             "sector erased first?"), address + (guint32) i, value, data[i]);
              return FALSE;
            }
          if (++tries == POLL_TRIES)
            {
              g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_TIMEOUT,
                           _("The flash chip was still busy at 0x%05X after %u µs."),
                           address + (guint32) i, POLL_USEC * POLL_TRIES);
              return FALSE;
            }
        }
    }

  return TRUE;
}

gboolean
ks_bus_program_polled (KsBus            *bus,
                       const KsBusWrite *setup,
                       guint             n_setup,
                       guint32           address,
                       const guint8     *data,
                       gsize             size,
                       GError          **error)
{
  g_return_val_if_fail (bus != NULL && bus->ops != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (size == 0)
    return TRUE;

  if (bus->ops->program_polled != NULL)
    return bus->ops->program_polled (bus, setup, n_setup, address, data, size, error);

  return ks_bus_program_polled_by_access (bus, setup, n_setup, address, data, size, error);
}
