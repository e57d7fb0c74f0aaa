/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-sram-model.c — battery-backed SRAM on the GBA save bus
 *
 * The chip decodes only as many address lines as it has cells, so a
 * 32 KiB part repeats at 0x8000 (GBATEK, "GBA Cart Backup SRAM/FRAM").
 */

#include "config.h"

#include <string.h>

#include "ks-agb-sram-model.h"

#define SAVE_BUS_MASK 0xFFFF

struct _KsAgbSramModel
{
  KsBus     bus;
  guint8   *data;
  gsize     size;
  gboolean  powered;
};

static gboolean
model_read (KsBus    *bus,
            guint32   address,
            guint8   *value,
            GError  **error)
{
  KsAgbSramModel *self = (KsAgbSramModel *) bus;

  *value = self->powered ? self->data[(address & SAVE_BUS_MASK) % self->size] : 0xFF;
  return TRUE;
}

static gboolean
model_write (KsBus    *bus,
             guint32   address,
             guint8    value,
             GError  **error)
{
  KsAgbSramModel *self = (KsAgbSramModel *) bus;

  if (self->powered)
    self->data[(address & SAVE_BUS_MASK) % self->size] = value;
  return TRUE;
}

static const KsBusOps model_bus_ops = {
  .read = model_read,
  .write = model_write,
};

KsAgbSramModel *
ks_agb_sram_model_new (GBytes *contents)
{
  KsAgbSramModel *self;
  gsize size;
  const guint8 *bytes;

  g_return_val_if_fail (contents != NULL, NULL);

  bytes = g_bytes_get_data (contents, &size);
  g_return_val_if_fail (size == 32 * 1024 || size == 64 * 1024, NULL);

  self = g_new0 (KsAgbSramModel, 1);
  self->bus.ops = &model_bus_ops;
  self->size = size;
  self->data = g_memdup2 (bytes, size);
  self->powered = TRUE;

  return self;
}

void
ks_agb_sram_model_free (KsAgbSramModel *self)
{
  if (self == NULL)
    return;

  g_free (self->data);
  g_free (self);
}

KsBus *
ks_agb_sram_model_get_bus (KsAgbSramModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->bus;
}

const guint8 *
ks_agb_sram_model_peek (KsAgbSramModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

GBytes *
ks_agb_sram_model_dup_contents (KsAgbSramModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_bytes_new (self->data, self->size);
}

void
ks_agb_sram_model_set_powered (KsAgbSramModel *self,
                               gboolean        powered)
{
  g_return_if_fail (self != NULL);

  self->powered = powered;
}
