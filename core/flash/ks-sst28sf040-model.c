/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-sst28sf040-model.c — SST 28SF040 as a state machine over a byte array
 *
 * Follows cart-reader-protocol.md §5 (the data sheet) and §7.2:
 *   - Software Data Protection: on at power-up; seven reads in a row at
 *     1823 1820 1822 0418 041B 0419 041A switch it off, the same ending in
 *     040A switch it on.  Only A12..A0 are compared.  A write between the
 *     reads breaks the sequence.
 *   - Commands: 20 then D0 at SA (sector erase, 256 bytes); 10 then PD at
 *     PA (byte program, AND into the old value); 30 then 30 (chip erase);
 *     FF (reset); 90 (read ID: BF at even, 04 at odd addresses).  Erase and
 *     program are ignored while protected; the chip returns to read mode.
 *   - While busy, reads give Data# and toggle-bit status and writes are
 *     ignored.
 */

#include "config.h"

#include <string.h>

#include "ks-flash-operation.h"
#include "ks-sst28sf040-model.h"

/* §5 command bytes */
#define CMD_SECTOR_ERASE        0x20
#define CMD_SECTOR_ERASE_CONFIRM 0xD0
#define CMD_BYTE_PROGRAM        0x10
#define CMD_CHIP_ERASE          0x30
#define CMD_RESET               0xFF
#define CMD_READ_ID             0x90

/* §5: the SDP sequences compare A12..A0 of seven consecutive reads */
#define SDP_ADDRESS_MASK 0x1FFF
#define SDP_LENGTH       7
static const guint16 sdp_unprotect[SDP_LENGTH] = { 0x1823, 0x1820, 0x1822, 0x0418, 0x041B, 0x0419, 0x041A };
static const guint16 sdp_protect[SDP_LENGTH] = { 0x1823, 0x1820, 0x1822, 0x0418, 0x041B, 0x0419, 0x040A };

#define ADDRESS_MASK (KS_SST28SF040_SIZE - 1)

typedef enum
{
  MODE_READ,
  MODE_ID,
  MODE_ERASE_SETUP,
  MODE_PROGRAM_SETUP,
  MODE_CHIP_ERASE_SETUP,
} Mode;

struct _KsSst28sf040Model
{
  KsBus             bus;
  KsFlashClock     *clock;
  guint8           *data;
  Mode              mode;
  gboolean          protected;
  gboolean          powered;
  guint16           reads[SDP_LENGTH];   /* last reads, oldest first */
  guint             n_reads;
  KsFlashOperation  op;
  KsFlashCounters   counters;
};

static gboolean
is_busy (KsSst28sf040Model *self)
{
  return ks_flash_operation_busy (&self->op, self->clock->now_usec, self->data);
}

static gboolean
reads_match (KsSst28sf040Model *self,
             const guint16     *sequence)
{
  if (self->n_reads < SDP_LENGTH)
    return FALSE;

  for (guint i = 0; i < SDP_LENGTH; i++)
    if (self->reads[i] != sequence[i])
      return FALSE;

  return TRUE;
}

static void
note_read (KsSst28sf040Model *self,
           guint32            address)
{
  if (self->n_reads == SDP_LENGTH)
    memmove (self->reads, self->reads + 1, (SDP_LENGTH - 1) * sizeof (guint16));
  else
    self->n_reads++;
  self->reads[self->n_reads - 1] = address & SDP_ADDRESS_MASK;

  if (reads_match (self, sdp_unprotect))
    self->protected = FALSE;
  else if (reads_match (self, sdp_protect))
    self->protected = TRUE;
}

static gboolean
model_read (KsBus    *bus,
            guint32   address,
            guint8   *value,
            GError  **error)
{
  KsSst28sf040Model *self = (KsSst28sf040Model *) bus;

  address &= ADDRESS_MASK;

  if (!self->powered)
    {
      *value = 0xFF;
      return TRUE;
    }

  note_read (self, address);

  if (is_busy (self))
    *value = ks_flash_operation_status (&self->op, self->data, address);
  else if (self->mode == MODE_ID)
    *value = (address & 1) == 0 ? KS_SST28SF040_MANUFACTURER : KS_SST28SF040_DEVICE;
  else
    *value = self->data[address];

  return TRUE;
}

static void
decode_command (KsSst28sf040Model *self,
                guint8             value)
{
  switch (value)
    {
    case CMD_SECTOR_ERASE:
      self->mode = MODE_ERASE_SETUP;
      break;
    case CMD_BYTE_PROGRAM:
      self->mode = MODE_PROGRAM_SETUP;
      break;
    case CMD_CHIP_ERASE:
      self->mode = MODE_CHIP_ERASE_SETUP;
      break;
    case CMD_READ_ID:
      self->mode = MODE_ID;
      break;
    case CMD_RESET:
    default:
      /* §5: reset, and anything the chip does not know, return to read mode */
      self->mode = MODE_READ;
      break;
    }
}

static gboolean
model_write (KsBus    *bus,
             guint32   address,
             guint8    value,
             GError  **error)
{
  KsSst28sf040Model *self = (KsSst28sf040Model *) bus;
  Mode mode = self->mode;

  address &= ADDRESS_MASK;

  if (!self->powered)
    return TRUE;

  /* A write between the seven reads breaks an SDP sequence. */
  self->n_reads = 0;

  if (is_busy (self))
    return TRUE;

  self->mode = MODE_READ;

  switch (mode)
    {
    case MODE_PROGRAM_SETUP:
      if (!self->protected)
        {
          ks_flash_counters_count_program (&self->counters, address);
          ks_flash_operation_begin_program (&self->op, address, value, self->clock->now_usec,
                                            KS_SST28SF040_PROGRAM_USEC);
        }
      break;

    case MODE_ERASE_SETUP:
      if (value == CMD_SECTOR_ERASE_CONFIRM && !self->protected)
        {
          guint32 sector = address & ~(guint32) (KS_SST28SF040_SECTOR_SIZE - 1);

          ks_flash_counters_count_sector_erase (&self->counters, sector,
                                                KS_SST28SF040_SECTOR_SIZE);
          ks_flash_operation_begin_erase (&self->op, sector, KS_SST28SF040_SECTOR_SIZE,
                                          self->clock->now_usec, KS_SST28SF040_SECTOR_ERASE_USEC);
        }
      break;

    case MODE_CHIP_ERASE_SETUP:
      if (value == CMD_CHIP_ERASE && !self->protected)
        {
          ks_flash_counters_count_chip_erase (&self->counters);
          ks_flash_operation_begin_erase (&self->op, 0, KS_SST28SF040_SIZE,
                                          self->clock->now_usec, KS_SST28SF040_CHIP_ERASE_USEC);
        }
      break;

    case MODE_READ:
    case MODE_ID:
    default:
      decode_command (self, value);
      break;
    }

  return TRUE;
}

static void
model_wait_usec (KsBus   *bus,
                 guint64  usec)
{
  KsSst28sf040Model *self = (KsSst28sf040Model *) bus;

  ks_flash_clock_advance (self->clock, usec);
}

static const KsBusOps model_bus_ops = {
  .read = model_read,
  .write = model_write,
  .wait_usec = model_wait_usec,
};

/* @contents: the array at power-up (512 KiB; shorter is padded with 0xFF,
 * longer is cut), or NULL for an erased chip. */
KsSst28sf040Model *
ks_sst28sf040_model_new (KsFlashClock *clock,
                         GBytes       *contents)
{
  KsSst28sf040Model *self;

  g_return_val_if_fail (clock != NULL, NULL);

  self = g_new0 (KsSst28sf040Model, 1);
  self->bus.ops = &model_bus_ops;
  self->clock = clock;
  self->data = g_malloc (KS_SST28SF040_SIZE);
  memset (self->data, 0xFF, KS_SST28SF040_SIZE);
  if (contents != NULL)
    {
      gsize size;
      const guint8 *bytes = g_bytes_get_data (contents, &size);

      memcpy (self->data, bytes, MIN (size, (gsize) KS_SST28SF040_SIZE));
    }
  self->mode = MODE_READ;
  self->protected = TRUE;   /* §5: the chip powers up protected */
  self->powered = TRUE;
  ks_flash_counters_init (&self->counters, KS_SST28SF040_SIZE / KS_SST28SF040_SECTOR_SIZE,
                          KS_SST28SF040_SECTOR_SIZE);

  return self;
}

void
ks_sst28sf040_model_free (KsSst28sf040Model *self)
{
  if (self == NULL)
    return;

  ks_flash_counters_clear (&self->counters);
  g_free (self->data);
  g_free (self);
}

KsBus *
ks_sst28sf040_model_get_bus (KsSst28sf040Model *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->bus;
}

const guint8 *
ks_sst28sf040_model_peek (KsSst28sf040Model *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  is_busy (self);
  return self->data;
}

GBytes *
ks_sst28sf040_model_dup_contents (KsSst28sf040Model *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  ks_flash_operation_complete (&self->op, self->data);
  return g_bytes_new (self->data, KS_SST28SF040_SIZE);
}

gboolean
ks_sst28sf040_model_is_protected (KsSst28sf040Model *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->protected;
}

gboolean
ks_sst28sf040_model_is_busy (KsSst28sf040Model *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return is_busy (self);
}

void
ks_sst28sf040_model_set_powered (KsSst28sf040Model *self,
                                 gboolean           powered)
{
  g_return_if_fail (self != NULL);

  if (!powered && is_busy (self))
    ks_flash_operation_interrupt (&self->op, self->data);
  self->mode = MODE_READ;
  self->protected = TRUE;
  self->n_reads = 0;
  self->powered = powered;
}

const KsFlashCounters *
ks_sst28sf040_model_get_counters (KsSst28sf040Model *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->counters;
}

void
ks_sst28sf040_model_reset_counters (KsSst28sf040Model *self)
{
  g_return_if_fail (self != NULL);

  ks_flash_counters_reset (&self->counters);
}
