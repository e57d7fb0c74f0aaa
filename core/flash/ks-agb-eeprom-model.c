/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-eeprom-model.c — the GBA save EEPROM, bit by bit
 *
 * save-chips.md §1.2: a request is 2 bits (11 read, 10 write) and an
 * address, most significant bit first; a read answers 4 bits of nothing
 * and the block's 64 bits; a write takes 64 bits and a stop bit and keeps
 * the chip busy for a while.  §1.6 is how this model takes what the chip's
 * data sheet does not settle: it counts bits by its own width, /CS high
 * drops a request it has not finished taking but keeps an accepted read,
 * and an undriven D0 reads 1.
 */

#include "config.h"

#include <string.h>

#include "ks-agb-eeprom-model.h"

#define REQUEST_BITS   2
#define REQUEST_READ   0x3
#define REQUEST_WRITE  0x2
/* §1.2: a read's data follow 4 bits that mean nothing */
#define READ_LEAD_BITS 4
#define BLOCK_BITS     (KS_AGB_EEPROM_BLOCK_SIZE * 8)

typedef enum
{
  STATE_IDLE,        /* deselected, or waiting for /CS */
  STATE_REQUEST,     /* taking the request and address bits */
  STATE_READING,     /* an accepted read: giving bits on RD */
  STATE_WRITE_DATA,  /* taking a write's 64 bits */
  STATE_WRITE_STOP,  /* the bit that ends a write */
} State;

struct _KsAgbEepromModel
{
  KsFlashClock    *clock;
  guint8          *data;
  gsize            size;
  guint            address_bits;
  gboolean         powered;
  gboolean         selected;
  guint64          busy_until;

  State            state;
  guint            n_bits;      /* bits taken in this state */
  guint            request;
  guint            address;
  guint8           block[KS_AGB_EEPROM_BLOCK_SIZE];

  KsFlashCounters  counters;
};

static guint
n_blocks (KsAgbEepromModel *self)
{
  return (guint) (self->size / KS_AGB_EEPROM_BLOCK_SIZE);
}

/* §1.2: only as many low address bits as the chip has blocks select one */
static guint8 *
block_at (KsAgbEepromModel *self,
          guint             address)
{
  return self->data + (gsize) (address % n_blocks (self)) * KS_AGB_EEPROM_BLOCK_SIZE;
}

static void
reset_transfer (KsAgbEepromModel *self)
{
  self->state = STATE_IDLE;
  self->n_bits = 0;
  self->request = 0;
  self->address = 0;
  memset (self->block, 0, sizeof self->block);
}

KsAgbEepromModel *
ks_agb_eeprom_model_new (KsFlashClock *clock,
                         gsize         size,
                         GBytes       *contents)
{
  KsAgbEepromModel *self;

  g_return_val_if_fail (clock != NULL, NULL);
  g_return_val_if_fail (ks_agb_eeprom_is_size (size), NULL);

  self = g_new0 (KsAgbEepromModel, 1);
  self->clock = clock;
  self->size = size;
  self->address_bits = ks_agb_eeprom_address_bits (ks_agb_eeprom_width_for_size (size));
  self->data = g_malloc (size);
  memset (self->data, 0xFF, size);
  if (contents != NULL)
    memcpy (self->data, g_bytes_get_data (contents, NULL),
            MIN (g_bytes_get_size (contents), size));
  self->powered = TRUE;
  ks_flash_counters_init (&self->counters, n_blocks (self), KS_AGB_EEPROM_BLOCK_SIZE);
  reset_transfer (self);

  return self;
}

void
ks_agb_eeprom_model_free (KsAgbEepromModel *self)
{
  if (self == NULL)
    return;

  ks_flash_counters_clear (&self->counters);
  g_free (self->data);
  g_free (self);
}

gsize
ks_agb_eeprom_model_get_size (KsAgbEepromModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

gboolean
ks_agb_eeprom_model_is_busy (KsAgbEepromModel *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->clock->now_usec < self->busy_until;
}

void
ks_agb_eeprom_model_select (KsAgbEepromModel *self,
                            gboolean          selected)
{
  g_return_if_fail (self != NULL);

  if (selected == self->selected)
    return;
  self->selected = selected;

  /* §1.6: /CS high drops what is half taken, keeps an accepted read */
  if (!selected && self->state != STATE_READING)
    reset_transfer (self);
  else if (selected && self->state == STATE_IDLE)
    self->state = STATE_REQUEST;
}

static void
program_block (KsAgbEepromModel *self)
{
  guint8 *target = block_at (self, self->address);
  guint32 at = (guint32) (target - self->data);

  memcpy (target, self->block, KS_AGB_EEPROM_BLOCK_SIZE);
  for (guint i = 0; i < KS_AGB_EEPROM_BLOCK_SIZE; i++)
    ks_flash_counters_count_program (&self->counters, at + i);
  self->busy_until = self->clock->now_usec + KS_AGB_EEPROM_WRITE_USEC;
}

void
ks_agb_eeprom_model_clock_in (KsAgbEepromModel *self,
                              guint             bit)
{
  g_return_if_fail (self != NULL);

  if (!self->powered || !self->selected || ks_agb_eeprom_model_is_busy (self))
    return;

  bit &= 1;
  switch (self->state)
    {
    case STATE_REQUEST:
      self->n_bits++;
      if (self->n_bits <= REQUEST_BITS)
        {
          self->request = self->request << 1 | bit;
          /* every request starts with a 1 */
          if (self->n_bits == 1 && bit == 0)
            self->n_bits = 0;
          return;
        }
      self->address = self->address << 1 | bit;
      if (self->n_bits < REQUEST_BITS + self->address_bits)
        return;
      self->n_bits = 0;
      if (self->request == REQUEST_READ)
        {
          memcpy (self->block, block_at (self, self->address), sizeof self->block);
          self->state = STATE_READING;
        }
      else
        {
          memset (self->block, 0, sizeof self->block);
          self->state = STATE_WRITE_DATA;
        }
      return;

    case STATE_WRITE_DATA:
      if (bit)
        self->block[self->n_bits / 8] |= (guint8) (0x80 >> (self->n_bits % 8));
      if (++self->n_bits == BLOCK_BITS)
        self->state = STATE_WRITE_STOP;
      return;

    case STATE_WRITE_STOP:
      program_block (self);
      reset_transfer (self);
      return;

    case STATE_READING:   /* the stop bit of a read, and whatever follows */
    case STATE_IDLE:
    default:
      return;
    }
}

guint
ks_agb_eeprom_model_clock_out (KsAgbEepromModel *self)
{
  guint bit;

  g_return_val_if_fail (self != NULL, 1);

  if (!self->powered || !self->selected)
    return 1;
  /* §1.2: busy reads 0 */
  if (ks_agb_eeprom_model_is_busy (self))
    return 0;
  if (self->state != STATE_READING)
    return 1;

  if (self->n_bits < READ_LEAD_BITS)
    bit = 0;
  else
    {
      guint i = self->n_bits - READ_LEAD_BITS;

      bit = self->block[i / 8] >> (7 - i % 8) & 1;
    }

  if (++self->n_bits == READ_LEAD_BITS + BLOCK_BITS)
    {
      reset_transfer (self);
      self->state = STATE_REQUEST;   /* still selected */
    }
  return bit;
}

const guint8 *
ks_agb_eeprom_model_peek (KsAgbEepromModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

GBytes *
ks_agb_eeprom_model_dup_contents (KsAgbEepromModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_bytes_new (self->data, self->size);
}

void
ks_agb_eeprom_model_set_powered (KsAgbEepromModel *self,
                                 gboolean          powered)
{
  g_return_if_fail (self != NULL);

  self->powered = powered;
  if (!powered)
    {
      self->selected = FALSE;
      reset_transfer (self);
    }
}

const KsFlashCounters *
ks_agb_eeprom_model_get_counters (KsAgbEepromModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->counters;
}

void
ks_agb_eeprom_model_reset_counters (KsAgbEepromModel *self)
{
  g_return_if_fail (self != NULL);

  ks_flash_counters_reset (&self->counters);
}
