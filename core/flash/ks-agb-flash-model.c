/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-flash-model.c — a JEDEC flash state machine on the GBA save bus
 *
 * cart-reader-protocol.md §4 and §7.2:
 *   - AA at 5555, 55 at 2AAA, then a command at 5555; F0 anywhere resets;
 *   - 90 enters ID mode (manufacturer at 0000, device at 0001), F0 leaves;
 *   - 80, then AA/55 again, then 10 at 5555 (chip erase) or 30 at n000
 *     (erase the 4 KiB sector n of the current bank);
 *   - A0: the next write programs one byte, ANDed into the old value;
 *   - B0 (128 KiB parts only): the next write at 0000 selects bank 0 or 1;
 *   - Atmel AT29LV512 (save-chips.md §2): A0 starts loading a 128-byte
 *     page; the bytes written to one page follow, each within 150 µs of
 *     the last; the page is programmed whole (bytes not loaded read FF)
 *     when its 128th byte arrives, or when the loading stops (a write to
 *     another page, a read, or 150 µs without a byte);
 *   - a write outside a sequence (an SRAM-style write) changes nothing;
 *   - while an erase or program runs, reads give status (Data# and toggle
 *     bit) and writes are ignored.
 */

#include "config.h"

#include <string.h>

#include "ks-agb-flash-model.h"
#include "ks-flash-operation.h"

/* §4 command sequence values */
#define UNLOCK1_ADDR   0x5555
#define UNLOCK2_ADDR   0x2AAA
#define UNLOCK1_DATA   0xAA
#define UNLOCK2_DATA   0x55
#define CMD_ID         0x90
#define CMD_RESET      0xF0
#define CMD_ERASE      0x80
#define CMD_CHIP_ERASE 0x10
#define CMD_SECTOR_ERASE 0x30
#define CMD_PROGRAM    0xA0
#define CMD_BANK       0xB0
#define BANK_ADDR      0x0000

#define SAVE_BUS_MASK  0xFFFF
/* save-chips.md §2: the Atmel part's page and its byte-load time-out */
#define ATMEL_PAGE_SIZE        128
#define ATMEL_LOAD_TIMEOUT_USEC 150

typedef enum
{
  STAGE_IDLE,
  STAGE_UNLOCKED1,
  STAGE_UNLOCKED2,
  STAGE_ERASE_ARMED,
  STAGE_ERASE_UNLOCKED1,
  STAGE_ERASE_UNLOCKED2,
  STAGE_PROGRAM_NEXT,
  STAGE_BANK_NEXT,
  STAGE_PAGE_LOAD,       /* Atmel: loading a page */
} Stage;

struct _KsAgbFlashModel
{
  KsBus                 bus;
  KsFlashClock         *clock;
  const KsAgbFlashChip *chip;
  guint8               *data;
  Stage                 stage;
  gboolean              id_mode;
  guint                 bank;
  gboolean              powered;
  KsFlashOperation      op;
  KsFlashCounters       counters;
  /* Atmel: the page being loaded (-1: none yet), its bytes, and when the
   * last one came */
  gint                  page;
  guint8                page_data[ATMEL_PAGE_SIZE];
  gboolean              page_loaded[ATMEL_PAGE_SIZE];
  guint                 page_count;
  guint64               page_last_usec;
};

/* Programs the loaded page whole, starting at @when; bytes not loaded read
 * FF, as the chip clears the page before it programs it. */
static void
page_commit (KsAgbFlashModel *self,
             guint64          when)
{
  guint32 start;

  self->stage = STAGE_IDLE;
  if (self->page < 0)
    return;

  start = (guint32) self->page * ATMEL_PAGE_SIZE;
  for (guint i = 0; i < ATMEL_PAGE_SIZE; i++)
    {
      self->data[start + i] = self->page_loaded[i] ? self->page_data[i] : 0xFF;
      ks_flash_counters_count_program (&self->counters, start + i);
    }
  /* busy for the page's program time; the bytes are in place already */
  ks_flash_operation_begin_program (&self->op, start, self->data[start], when,
                                    self->chip->program_usec);
  self->page = -1;
}

/* A page whose loading stopped 150 µs ago is programmed now */
static void
page_settle (KsAgbFlashModel *self)
{
  if (self->stage == STAGE_PAGE_LOAD && self->page >= 0 &&
      self->clock->now_usec >= self->page_last_usec + ATMEL_LOAD_TIMEOUT_USEC)
    page_commit (self, self->page_last_usec + ATMEL_LOAD_TIMEOUT_USEC);
}

static void
page_begin (KsAgbFlashModel *self)
{
  self->page = -1;
  self->page_count = 0;
  memset (self->page_loaded, 0, sizeof self->page_loaded);
}

static gboolean
is_busy (KsAgbFlashModel *self)
{
  page_settle (self);
  return ks_flash_operation_busy (&self->op, self->clock->now_usec, self->data);
}

static guint32
offset_of (KsAgbFlashModel *self,
           guint32          address)
{
  return (self->bank * KS_AGB_FLASH_BANK_SIZE + (address & SAVE_BUS_MASK)) % self->chip->size;
}

static gboolean
model_read (KsBus    *bus,
            guint32   address,
            guint8   *value,
            GError  **error)
{
  KsAgbFlashModel *self = (KsAgbFlashModel *) bus;

  address &= SAVE_BUS_MASK;

  /* a read ends an Atmel page load */
  if (self->powered && self->stage == STAGE_PAGE_LOAD)
    page_commit (self, self->clock->now_usec);

  if (!self->powered)
    *value = 0xFF;
  else if (is_busy (self))
    *value = ks_flash_operation_status (&self->op, self->data, offset_of (self, address));
  else if (self->id_mode && address <= 1)
    *value = address == 0 ? self->chip->id >> 8 : self->chip->id & 0xFF;
  else
    *value = self->data[offset_of (self, address)];

  return TRUE;
}

static Stage
command (KsAgbFlashModel *self,
         guint8           value)
{
  switch (value)
    {
    case CMD_ID:
      self->id_mode = TRUE;
      return STAGE_IDLE;
    case CMD_ERASE:
      return STAGE_ERASE_ARMED;
    case CMD_PROGRAM:
      if (!self->chip->has_erase)
        {
          page_begin (self);
          return STAGE_PAGE_LOAD;
        }
      return STAGE_PROGRAM_NEXT;
    case CMD_BANK:
      return self->chip->size > KS_AGB_FLASH_BANK_SIZE ? STAGE_BANK_NEXT : STAGE_IDLE;
    default:
      return STAGE_IDLE;
    }
}

static gboolean
model_write (KsBus    *bus,
             guint32   address,
             guint8    value,
             GError  **error)
{
  KsAgbFlashModel *self = (KsAgbFlashModel *) bus;
  Stage stage = self->stage;

  address &= SAVE_BUS_MASK;

  if (!self->powered || is_busy (self))
    return TRUE;

  if (stage == STAGE_PAGE_LOAD)
    {
      guint32 offset = offset_of (self, address);

      if (self->page < 0 || (gint) (offset / ATMEL_PAGE_SIZE) == self->page)
        {
          self->page = (gint) (offset / ATMEL_PAGE_SIZE);
          if (!self->page_loaded[offset % ATMEL_PAGE_SIZE])
            self->page_count++;
          self->page_loaded[offset % ATMEL_PAGE_SIZE] = TRUE;
          self->page_data[offset % ATMEL_PAGE_SIZE] = value;
          self->page_last_usec = self->clock->now_usec;
          if (self->page_count == ATMEL_PAGE_SIZE)
            page_commit (self, self->clock->now_usec);
          return TRUE;
        }
      /* a write to another page ends the load; the chip is busy now */
      page_commit (self, self->clock->now_usec);
      return TRUE;
    }

  self->stage = STAGE_IDLE;

  /* F0 anywhere resets, except as the data of a program or bank select */
  if (value == CMD_RESET && stage != STAGE_PROGRAM_NEXT && stage != STAGE_BANK_NEXT)
    {
      self->id_mode = FALSE;
      return TRUE;
    }

  switch (stage)
    {
    case STAGE_PROGRAM_NEXT:
      {
        guint32 offset = offset_of (self, address);

        ks_flash_counters_count_program (&self->counters, offset);
        ks_flash_operation_begin_program (&self->op, offset, value, self->clock->now_usec,
                                          self->chip->program_usec);
      }
      break;

    case STAGE_BANK_NEXT:
      if (address == BANK_ADDR)
        self->bank = value & 1;
      break;

    case STAGE_IDLE:
      if (address == UNLOCK1_ADDR && value == UNLOCK1_DATA)
        self->stage = STAGE_UNLOCKED1;
      break;

    case STAGE_UNLOCKED1:
      if (address == UNLOCK2_ADDR && value == UNLOCK2_DATA)
        self->stage = STAGE_UNLOCKED2;
      break;

    case STAGE_UNLOCKED2:
      if (address == UNLOCK1_ADDR)
        self->stage = command (self, value);
      break;

    case STAGE_ERASE_ARMED:
      if (address == UNLOCK1_ADDR && value == UNLOCK1_DATA)
        self->stage = STAGE_ERASE_UNLOCKED1;
      break;

    case STAGE_ERASE_UNLOCKED1:
      if (address == UNLOCK2_ADDR && value == UNLOCK2_DATA)
        self->stage = STAGE_ERASE_UNLOCKED2;
      break;

    case STAGE_ERASE_UNLOCKED2:
      if (address == UNLOCK1_ADDR && value == CMD_CHIP_ERASE)
        {
          ks_flash_counters_count_chip_erase (&self->counters);
          ks_flash_operation_begin_erase (&self->op, 0, self->chip->size, self->clock->now_usec,
                                          self->chip->chip_erase_usec);
        }
      else if (value == CMD_SECTOR_ERASE)
        {
          guint32 sector = offset_of (self, address & ~(guint32) (KS_AGB_FLASH_SECTOR_SIZE - 1));

          ks_flash_counters_count_sector_erase (&self->counters, sector, KS_AGB_FLASH_SECTOR_SIZE);
          ks_flash_operation_begin_erase (&self->op, sector, KS_AGB_FLASH_SECTOR_SIZE,
                                          self->clock->now_usec, self->chip->sector_erase_usec);
        }
      break;

    default:
      break;
    }

  return TRUE;
}

static void
model_wait_usec (KsBus   *bus,
                 guint64  usec)
{
  KsAgbFlashModel *self = (KsAgbFlashModel *) bus;

  ks_flash_clock_advance (self->clock, usec);
}

static const KsBusOps model_bus_ops = {
  .read = model_read,
  .write = model_write,
  .wait_usec = model_wait_usec,
};

KsAgbFlashModel *
ks_agb_flash_model_new (KsFlashClock     *clock,
                        KsAgbFlashChipId  chip,
                        GBytes           *contents)
{
  KsAgbFlashModel *self;
  const KsAgbFlashChip *info = ks_agb_flash_chip_get (chip);

  g_return_val_if_fail (clock != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);

  self = g_new0 (KsAgbFlashModel, 1);
  self->bus.ops = &model_bus_ops;
  self->clock = clock;
  self->chip = info;
  self->data = g_malloc (info->size);
  memset (self->data, 0xFF, info->size);
  if (contents != NULL)
    {
      gsize size;
      const guint8 *bytes = g_bytes_get_data (contents, &size);

      memcpy (self->data, bytes, MIN (size, (gsize) info->size));
    }
  self->powered = TRUE;
  self->page = -1;
  ks_flash_counters_init (&self->counters, info->size / KS_AGB_FLASH_SECTOR_SIZE,
                          KS_AGB_FLASH_SECTOR_SIZE);

  return self;
}

void
ks_agb_flash_model_free (KsAgbFlashModel *self)
{
  if (self == NULL)
    return;

  ks_flash_counters_clear (&self->counters);
  g_free (self->data);
  g_free (self);
}

KsBus *
ks_agb_flash_model_get_bus (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->bus;
}

const KsAgbFlashChip *
ks_agb_flash_model_get_chip (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->chip;
}

guint
ks_agb_flash_model_get_bank (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bank;
}

gboolean
ks_agb_flash_model_in_id_mode (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->id_mode;
}

gboolean
ks_agb_flash_model_is_busy (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return is_busy (self);
}

const guint8 *
ks_agb_flash_model_peek (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  is_busy (self);
  return self->data;
}

GBytes *
ks_agb_flash_model_dup_contents (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->stage == STAGE_PAGE_LOAD)
    page_commit (self, self->clock->now_usec);
  ks_flash_operation_complete (&self->op, self->data);
  return g_bytes_new (self->data, self->chip->size);
}

void
ks_agb_flash_model_set_powered (KsAgbFlashModel *self,
                                gboolean         powered)
{
  g_return_if_fail (self != NULL);

  if (!powered && is_busy (self))
    ks_flash_operation_interrupt (&self->op, self->data);
  /* a page still loading is lost */
  self->page = -1;
  self->stage = STAGE_IDLE;
  self->id_mode = FALSE;
  self->bank = 0;
  self->powered = powered;
}

const KsFlashCounters *
ks_agb_flash_model_get_counters (KsAgbFlashModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->counters;
}

void
ks_agb_flash_model_reset_counters (KsAgbFlashModel *self)
{
  g_return_if_fail (self != NULL);

  ks_flash_counters_reset (&self->counters);
}
