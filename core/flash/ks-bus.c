/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-bus.c — the bus operations, with plain-access fallbacks for the
 * optional ones */

#include "config.h"

#include "ks-bus.h"

/* JEDEC unlock addresses and the byte-program command
 * (cart-reader-protocol.md §4) */
#define JEDEC_UNLOCK1_ADDR 0x5555
#define JEDEC_UNLOCK2_ADDR 0x2AAA
#define JEDEC_UNLOCK1_DATA 0xAA
#define JEDEC_UNLOCK2_DATA 0x55
#define JEDEC_PROGRAM      0xA0

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

void
ks_bus_wait_usec (KsBus   *bus,
                  guint64  usec)
{
  g_return_if_fail (bus != NULL && bus->ops != NULL);

  if (usec > 0 && bus->ops->wait_usec != NULL)
    bus->ops->wait_usec (bus, usec);
}
