/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-s3511-model.c — the S-3511 clock and the GPIO port in front of it
 *
 * save-chips.md §3.1 (the port: a data latch, a direction register whose
 * set bits let the GBA drive a pin, a control register that makes the port
 * readable) and §3.2 (the chip: CS high starts a transfer, the command
 * byte comes bit 7 first on rising SCK edges, data bytes bit 0 first; the
 * chip puts its next bit on SIO at each rising edge of a read).  Keepsake
 * models the 24-hour mode only: the hour's bit 7 is set from 12:00 on.
 */

#include "config.h"

#include <string.h>

#include "ks-bytes.h"
#include "ks-rtc-footer.h"
#include "ks-s3511-model.h"

#define PIN_SCK  0x1
#define PIN_SIO  0x2
#define PIN_CS   0x4
#define PINS     0x7
/* §3.2: commands are 0110 rrr d */
#define COMMAND_FIXED      0x6
#define REG_RESET          0
#define REG_STATUS         1
#define REG_DATE_TIME      2
#define REG_TIME           3
#define STATUS_WRITABLE    0x6A
#define SECONDS_PER_DAY    86400
#define USEC_PER_SECOND    1000000

typedef enum
{
  STATE_IDLE,
  STATE_COMMAND,
  STATE_READ,
  STATE_WRITE,
  STATE_IGNORE,
} State;

struct _KsS3511Model
{
  KsFlashClock *clock;
  gboolean      running;
  /* the time as seconds since 2000-01-01 00:00:00 at the cart clock's base_usec */
  gint64        base_seconds;
  guint64       base_usec;
  guint         base_weekday;
  guint8        status;

  guint16       latch;
  guint16       direction;
  guint16       control;
  guint         pins;          /* what the GBA drives now */
  guint         sio_out;

  State         state;
  guint         reg;
  guint         n_bits;
  guint         n_bytes;
  guint         command;
  guint8        bytes[7];
};

static gint64
seconds_now (KsS3511Model *self)
{
  if (!self->running)
    return self->base_seconds;

  return self->base_seconds + (gint64) ((self->clock->now_usec - self->base_usec) / USEC_PER_SECOND);
}

static void
time_to_bcd (KsS3511Model *self,
             guint8       *bcd)
{
  gint64 seconds = seconds_now (self);
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) now = g_date_time_add_seconds (epoch, (gdouble) seconds);
  guint days = (guint) (seconds / SECONDS_PER_DAY - self->base_seconds / SECONDS_PER_DAY);

  ks_gba_rtc_bcd_from_time (now, (self->base_weekday + days) % 7, bcd);
}

static void
set_time (KsS3511Model *self,
          const guint8 *bcd)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) then = ks_gba_rtc_bcd_to_time (bcd);

  /* a date the chip could not hold is taken as its reset value */
  self->base_seconds = then != NULL ? g_date_time_difference (then, epoch) / G_TIME_SPAN_SECOND : 0;
  self->base_usec = self->clock->now_usec;
  self->base_weekday = ks_bcd_to_int (bcd[3]) % 7;
}

static void
reset_chip (KsS3511Model *self)
{
  static const guint8 midnight[7] = { 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00 };

  set_time (self, midnight);
  self->status = 0;
}

KsS3511Model *
ks_s3511_model_new (KsFlashClock *clock,
                    const guint8 *bcd,
                    guint8        status,
                    gboolean      running)
{
  KsS3511Model *self;

  g_return_val_if_fail (clock != NULL && bcd != NULL, NULL);

  self = g_new0 (KsS3511Model, 1);
  self->clock = clock;
  self->running = running;
  set_time (self, bcd);
  self->status = status;
  self->sio_out = 1;
  return self;
}

void
ks_s3511_model_free (KsS3511Model *self)
{
  g_free (self);
}

static void
begin_data (KsS3511Model *self)
{
  gboolean read = self->command & 1;

  self->reg = self->command >> 1 & 0x7;
  self->n_bits = self->n_bytes = 0;
  memset (self->bytes, 0, sizeof self->bytes);

  if (self->command >> 4 != COMMAND_FIXED)
    {
      self->state = STATE_IGNORE;
      return;
    }
  if (self->reg == REG_RESET)
    {
      reset_chip (self);
      self->state = STATE_IGNORE;
      return;
    }

  self->state = read ? STATE_READ : STATE_WRITE;
  if (!read)
    return;

  if (self->reg == REG_STATUS)
    self->bytes[0] = self->status;
  else if (self->reg == REG_DATE_TIME)
    time_to_bcd (self, self->bytes);
  else if (self->reg == REG_TIME)
    {
      guint8 all[7];

      time_to_bcd (self, all);
      memcpy (self->bytes, all + 4, 3);
    }
}

static guint
data_length (guint reg)
{
  return reg == REG_STATUS ? 1 : reg == REG_DATE_TIME ? 7 : reg == REG_TIME ? 3 : 0;
}

static void
finish_write (KsS3511Model *self)
{
  if (self->reg == REG_STATUS)
    self->status = (guint8) ((self->status & ~STATUS_WRITABLE) | (self->bytes[0] & STATUS_WRITABLE));
  else if (self->reg == REG_DATE_TIME)
    set_time (self, self->bytes);
  self->state = STATE_IGNORE;
}

static void
rising_edge (KsS3511Model *self,
             guint         sio)
{
  switch (self->state)
    {
    case STATE_COMMAND:
      self->command = self->command << 1 | sio;
      if (++self->n_bits == 8)
        begin_data (self);
      break;

    case STATE_READ:
      if (self->n_bytes < data_length (self->reg))
        self->sio_out = self->bytes[self->n_bytes] >> self->n_bits & 1;
      else
        self->sio_out = 1;
      if (++self->n_bits == 8)
        {
          self->n_bits = 0;
          self->n_bytes++;
        }
      break;

    case STATE_WRITE:
      if (self->n_bytes < G_N_ELEMENTS (self->bytes))
        self->bytes[self->n_bytes] |= (guint8) (sio << self->n_bits);
      if (++self->n_bits == 8)
        {
          self->n_bits = 0;
          if (++self->n_bytes == data_length (self->reg))
            finish_write (self);
        }
      break;

    case STATE_IDLE:
    case STATE_IGNORE:
    default:
      break;
    }
}

/* The pins the GBA drives changed: CS starts and ends transfers, a rising
 * SCK moves one bit */
static void
update_pins (KsS3511Model *self)
{
  guint before = self->pins;
  guint after = (self->latch & self->direction & PINS) | (before & ~self->direction & PINS);

  self->pins = after;
  if (!(before & PIN_CS) && (after & PIN_CS))
    {
      self->state = STATE_COMMAND;
      self->n_bits = 0;
      self->command = 0;
    }
  else if ((before & PIN_CS) && !(after & PIN_CS))
    {
      self->state = STATE_IDLE;
      self->sio_out = 1;
    }
  else if ((after & PIN_CS) && !(before & PIN_SCK) && (after & PIN_SCK))
    rising_edge (self, after & PIN_SIO ? 1 : 0);
}

void
ks_s3511_model_write (KsS3511Model *self,
                      guint32       word_address,
                      guint16       value)
{
  g_return_if_fail (self != NULL);

  switch (word_address)
    {
    case KS_GPIO_REG_DATA:
      self->latch = value;
      update_pins (self);
      break;
    case KS_GPIO_REG_DIRECTION:
      self->direction = value;
      update_pins (self);
      break;
    case KS_GPIO_REG_CONTROL:
      self->control = value & 1;
      break;
    default:
      break;
    }
}

gboolean
ks_s3511_model_read (KsS3511Model *self,
                     guint32       word_address,
                     guint16      *value)
{
  g_return_val_if_fail (self != NULL && value != NULL, FALSE);

  if (!(self->control & 1))
    return FALSE;

  switch (word_address)
    {
    case KS_GPIO_REG_DATA:
      /* pins the GBA does not drive show the chip's SIO */
      *value = (guint16) ((self->pins & self->direction & PINS) |
                          (!(self->direction & PIN_SIO) && self->sio_out ? PIN_SIO : 0));
      return TRUE;
    case KS_GPIO_REG_DIRECTION:
      *value = self->direction;
      return TRUE;
    case KS_GPIO_REG_CONTROL:
      *value = self->control;
      return TRUE;
    default:
      return FALSE;
    }
}

void
ks_s3511_model_peek_time (KsS3511Model *self,
                          guint8       *bcd)
{
  g_return_if_fail (self != NULL && bcd != NULL);

  time_to_bcd (self, bcd);
}

guint8
ks_s3511_model_get_status (KsS3511Model *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->status;
}

void
ks_s3511_model_set_powered (KsS3511Model *self,
                            gboolean      powered)
{
  g_return_if_fail (self != NULL);

  /* the clock runs on its battery; the port and a transfer do not */
  self->latch = self->direction = self->control = 0;
  self->pins = 0;
  self->state = STATE_IDLE;
  self->sio_out = 1;
}
