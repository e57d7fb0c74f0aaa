/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-mbc-model.c — MBC1/2/3/5 banking over ROM and save RAM
 *
 * Register map (Pan Docs, "MBC1" … "MBC5"):
 *   MBC1  0000-1FFF RAM enable (low nibble A), 2000-3FFF ROM bank (5 bits,
 *         0 → 1), 4000-5FFF RAM bank / upper ROM bits (2 bits), 6000-7FFF
 *         banking mode (RAM banks are used only in mode 1).
 *   MBC2  0000-3FFF: A8 clear = RAM enable, A8 set = ROM bank (4 bits);
 *         512 4-bit cells at A000-A1FF, mirrored up to BFFF.
 *   MBC3  0000-1FFF RAM enable, 2000-3FFF ROM bank (7 bits, 0 → 1),
 *         4000-5FFF RAM bank 0-7 or clock register 08-0C; with a clock
 *         (ks_gb_mbc_model_set_clock()), 00 then 01 at 6000-7FFF latches
 *         the running time into the registers A000 shows (save-chips.md
 *         §4.1); the clock stands while the day-high register's halt bit
 *         is set.
 *   MBC5  0000-1FFF RAM enable, 2000-2FFF ROM bank low 8 bits, 3000-3FFF
 *         bit 8, 4000-5FFF RAM bank 0-F.
 * Disabled or missing RAM reads 0xFF.
 *
 * Choices where the hardware is not uniform:
 *   - The upper four bits of an MBC2 cell are open bus on hardware; the
 *     model reads them as 1s (as most emulators do) and keeps the image's
 *     upper bits as they were loaded.
 *   - Without ks_gb_mbc_model_set_clock() the model is a cart without a
 *     clock: an MBC3 clock register selected at 4000 reads 0xFF and
 *     ignores writes.  With a clock, a write to a selected register sets
 *     that field of the running time (clock_write()).
 */

#include "config.h"

#include <string.h>

#include "ks-gb-mbc-model.h"

/* Pan Docs: the areas of the GB bus a cart answers */
#define ROM_BANK_SIZE    0x4000
#define RAM_BANK_SIZE    0x2000
#define RAM_START        0xA000
#define RAM_END          0xBFFF
#define RAM_ENABLE_VALUE 0x0A
#define MBC2_RAM_CELLS   512
#define MBC2_ROM_SELECT  0x0100   /* A8 set: the write selects a ROM bank */
#define MBC3_CLOCK_FIRST 0x08
#define MBC3_CLOCK_LAST  0x0C
/* save-chips.md §4.1: day high: bit 0 day bit 8, bit 6 halt, bit 7 carry */
#define MBC3_DH_DAY8     0x01
#define MBC3_DH_HALT     0x40
#define MBC3_DH_CARRY    0x80
#define MBC3_DAYS        512

struct _KsGbMbcModel
{
  KsBus     bus;
  KsGbMbc   mbc;
  GBytes   *rom;
  guint8   *ram;
  gsize     ram_size;
  gboolean  powered;
  gboolean  ram_enabled;
  guint     rom_bank;      /* as written; 0 maps to 1 where the MBC does that */
  guint     ram_bank;
  guint     mode;          /* MBC1 banking mode */
  /* MBC3 clock: seconds counted since day 0 at base_usec of *clock */
  KsFlashClock *clock;
  guint64   base_seconds;
  guint64   base_usec;
  gboolean  halted;
  gboolean  carry;
  guint8    latched[5];
  guint8    latch_last;    /* the last value written to 6000-7FFF */
};

static guint64
clock_seconds (KsGbMbcModel *self)
{
  if (self->halted)
    return self->base_seconds;
  return self->base_seconds + (self->clock->now_usec - self->base_usec) / G_USEC_PER_SEC;
}

static void
clock_latch (KsGbMbcModel *self)
{
  guint64 seconds = clock_seconds (self);
  guint64 days = seconds / 86400;
  gboolean carry = self->carry || days >= MBC3_DAYS;

  self->latched[0] = (guint8) (seconds % 60);
  self->latched[1] = (guint8) (seconds / 60 % 60);
  self->latched[2] = (guint8) (seconds / 3600 % 24);
  self->latched[3] = (guint8) (days % MBC3_DAYS & 0xFF);
  self->latched[4] = (guint8) ((days % MBC3_DAYS) >> 8 & MBC3_DH_DAY8) |
                     (self->halted ? MBC3_DH_HALT : 0) | (carry ? MBC3_DH_CARRY : 0);
}

/* §4.1: a write to a clock register sets that field of the running
 * clock (not of the latched copy, which the next latch replaces); the
 * day-high register also sets the halt and carry flags */
static void
clock_write (KsGbMbcModel *self,
             guint         reg,
             guint8        value)
{
  guint64 seconds = clock_seconds (self);
  guint64 days = seconds / 86400 % MBC3_DAYS;
  guint second = (guint) (seconds % 60), minute = (guint) (seconds / 60 % 60);
  guint hour = (guint) (seconds / 3600 % 24);

  switch (reg)
    {
    case 0x08:
      second = value % 60;
      break;
    case 0x09:
      minute = value % 60;
      break;
    case 0x0A:
      hour = value % 24;
      break;
    case 0x0B:
      days = (days & 0x100) | value;
      break;
    case 0x0C:
    default:
      days = (days & 0xFF) | (guint64) (value & MBC3_DH_DAY8) << 8;
      self->halted = (value & MBC3_DH_HALT) != 0;
      self->carry = (value & MBC3_DH_CARRY) != 0;
      break;
    }

  self->base_seconds = days * 86400 + hour * 3600u + minute * 60u + second;
  self->base_usec = self->clock->now_usec;
}

static gsize
rom_offset (KsGbMbcModel *self,
            guint32       address)
{
  gsize rom_size = g_bytes_get_size (self->rom);
  guint bank = 0;

  if (address >= ROM_BANK_SIZE)
    {
      switch (self->mbc)
        {
        case KS_GB_MBC_MBC1:
          bank = (self->ram_bank & 0x03) << 5 | MAX (self->rom_bank & 0x1F, 1u);
          break;
        case KS_GB_MBC_MBC2:
          bank = MAX (self->rom_bank & 0x0F, 1u);
          break;
        case KS_GB_MBC_MBC3:
          bank = MAX (self->rom_bank & 0x7F, 1u);
          break;
        case KS_GB_MBC_MBC5:
          bank = self->rom_bank & 0x1FF;
          break;
        default:
          bank = 1;
          break;
        }
    }
  else if (self->mbc == KS_GB_MBC_MBC1 && self->mode == 1)
    bank = (self->ram_bank & 0x03) << 5;

  return ((gsize) bank * ROM_BANK_SIZE + (address % ROM_BANK_SIZE)) % rom_size;
}

/* The RAM byte behind @address, or -1 when nothing answers there. */
static gssize
ram_offset (KsGbMbcModel *self,
            guint32       address)
{
  guint bank;

  if (self->ram_size == 0)
    return -1;
  if (self->mbc != KS_GB_MBC_NONE && !self->ram_enabled)
    return -1;

  switch (self->mbc)
    {
    case KS_GB_MBC_MBC2:
      return (address & (MBC2_RAM_CELLS - 1)) % self->ram_size;
    case KS_GB_MBC_MBC1:
      bank = self->mode == 1 ? self->ram_bank & 0x03 : 0;
      break;
    case KS_GB_MBC_MBC3:
      if (self->ram_bank >= MBC3_CLOCK_FIRST)
        return -1;
      bank = self->ram_bank & 0x07;
      break;
    case KS_GB_MBC_MBC5:
      bank = self->ram_bank & 0x0F;
      break;
    default:
      bank = 0;
      break;
    }

  return ((gsize) bank * RAM_BANK_SIZE + (address - RAM_START)) % self->ram_size;
}

static gboolean
model_read (KsBus    *bus,
            guint32   address,
            guint8   *value,
            GError  **error)
{
  KsGbMbcModel *self = (KsGbMbcModel *) bus;

  address &= 0xFFFF;
  *value = 0xFF;

  if (!self->powered)
    return TRUE;

  if (address < 2 * ROM_BANK_SIZE)
    {
      *value = ((const guint8 *) g_bytes_get_data (self->rom, NULL))[rom_offset (self, address)];
    }
  else if (address >= RAM_START && address <= RAM_END)
    {
      gssize offset = ram_offset (self, address);

      if (offset >= 0)
        *value = self->mbc == KS_GB_MBC_MBC2 ? 0xF0 | (self->ram[offset] & 0x0F) : self->ram[offset];
      else if (self->clock != NULL && self->ram_bank <= MBC3_CLOCK_LAST)
        *value = self->latched[self->ram_bank - MBC3_CLOCK_FIRST];
    }

  return TRUE;
}

static void
write_register (KsGbMbcModel *self,
                guint32       address,
                guint8        value)
{
  switch (self->mbc)
    {
    case KS_GB_MBC_MBC1:
      if (address < 0x2000)
        self->ram_enabled = (value & 0x0F) == RAM_ENABLE_VALUE;
      else if (address < 0x4000)
        self->rom_bank = value & 0x1F;
      else if (address < 0x6000)
        self->ram_bank = value & 0x03;
      else
        self->mode = value & 0x01;
      break;

    case KS_GB_MBC_MBC2:
      if (address < 0x4000)
        {
          if (address & MBC2_ROM_SELECT)
            self->rom_bank = value & 0x0F;
          else
            self->ram_enabled = (value & 0x0F) == RAM_ENABLE_VALUE;
        }
      break;

    case KS_GB_MBC_MBC3:
      if (address < 0x2000)
        self->ram_enabled = (value & 0x0F) == RAM_ENABLE_VALUE;
      else if (address < 0x4000)
        self->rom_bank = value & 0x7F;
      else if (address < 0x6000)
        self->ram_bank = value & 0x0F;
      else
        {
          /* §4.1: 00 then 01 latches the running time */
          if (self->clock != NULL && self->latch_last == 0x00 && value == 0x01)
            clock_latch (self);
          self->latch_last = value;
        }
      break;

    case KS_GB_MBC_MBC5:
      if (address < 0x2000)
        self->ram_enabled = (value & 0x0F) == RAM_ENABLE_VALUE;
      else if (address < 0x3000)
        self->rom_bank = (self->rom_bank & 0x100) | value;
      else if (address < 0x4000)
        self->rom_bank = (self->rom_bank & 0xFF) | (guint) (value & 0x01) << 8;
      else if (address < 0x6000)
        self->ram_bank = value & 0x0F;
      break;

    default:
      /* No MBC: writes to ROM go nowhere. */
      break;
    }
}

static gboolean
model_write (KsBus    *bus,
             guint32   address,
             guint8    value,
             GError  **error)
{
  KsGbMbcModel *self = (KsGbMbcModel *) bus;

  address &= 0xFFFF;

  if (!self->powered)
    return TRUE;

  if (address < 2 * ROM_BANK_SIZE)
    write_register (self, address, value);
  else if (address >= RAM_START && address <= RAM_END)
    {
      gssize offset = ram_offset (self, address);

      if (offset < 0 && self->clock != NULL && self->ram_enabled &&
          self->ram_bank >= MBC3_CLOCK_FIRST && self->ram_bank <= MBC3_CLOCK_LAST)
        clock_write (self, self->ram_bank, value);
      if (offset < 0)
        return TRUE;
      if (self->mbc == KS_GB_MBC_MBC2)
        self->ram[offset] = (self->ram[offset] & 0xF0) | (value & 0x0F);
      else
        self->ram[offset] = value;
    }

  return TRUE;
}

static const KsBusOps model_bus_ops = {
  .read = model_read,
  .write = model_write,
};

KsGbMbcModel *
ks_gb_mbc_model_new (KsGbMbc  mbc,
                     GBytes  *rom,
                     GBytes  *ram)
{
  KsGbMbcModel *self;

  g_return_val_if_fail (mbc == KS_GB_MBC_NONE || mbc == KS_GB_MBC_MBC1 ||
                        mbc == KS_GB_MBC_MBC2 || mbc == KS_GB_MBC_MBC3 ||
                        mbc == KS_GB_MBC_MBC5, NULL);
  g_return_val_if_fail (rom != NULL && g_bytes_get_size (rom) >= 2 * ROM_BANK_SIZE, NULL);
  g_return_val_if_fail (ram != NULL, NULL);

  self = g_new0 (KsGbMbcModel, 1);
  self->bus.ops = &model_bus_ops;
  self->mbc = mbc;
  self->rom = g_bytes_ref (rom);
  self->ram_size = g_bytes_get_size (ram);
  self->ram = g_malloc (MAX (self->ram_size, 1));
  if (self->ram_size > 0)
    memcpy (self->ram, g_bytes_get_data (ram, NULL), self->ram_size);
  self->powered = TRUE;
  ks_gb_mbc_model_reset (self);

  return self;
}

void
ks_gb_mbc_model_free (KsGbMbcModel *self)
{
  if (self == NULL)
    return;

  g_bytes_unref (self->rom);
  g_free (self->ram);
  g_free (self);
}

KsBus *
ks_gb_mbc_model_get_bus (KsGbMbcModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->bus;
}

KsGbMbc
ks_gb_mbc_model_get_mbc (KsGbMbcModel *self)
{
  g_return_val_if_fail (self != NULL, KS_GB_MBC_NONE);

  return self->mbc;
}

gsize
ks_gb_mbc_model_get_ram_size (KsGbMbcModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ram_size;
}

const guint8 *
ks_gb_mbc_model_peek_ram (KsGbMbcModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ram;
}

GBytes *
ks_gb_mbc_model_dup_ram (KsGbMbcModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_bytes_new (self->ram, self->ram_size);
}

gboolean
ks_gb_mbc_model_ram_enabled (KsGbMbcModel *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->ram_enabled;
}

void
ks_gb_mbc_model_set_powered (KsGbMbcModel *self,
                             gboolean      powered)
{
  g_return_if_fail (self != NULL);

  self->powered = powered;
  ks_gb_mbc_model_reset (self);
}

void
ks_gb_mbc_model_reset (KsGbMbcModel *self)
{
  g_return_if_fail (self != NULL);

  self->ram_enabled = FALSE;
  self->rom_bank = 1;
  self->ram_bank = 0;
  self->mode = 0;
}

void
ks_gb_mbc_model_set_clock (KsGbMbcModel *self,
                           KsFlashClock *clock,
                           const guint8 *registers)
{
  g_return_if_fail (self != NULL && clock != NULL && registers != NULL);
  g_return_if_fail (self->mbc == KS_GB_MBC_MBC3);

  self->clock = clock;
  self->base_usec = clock->now_usec;
  self->base_seconds = (guint64) (((registers[4] & MBC3_DH_DAY8) << 8 | registers[3]) * 86400u +
                                  registers[2] % 24 * 3600u + registers[1] % 60 * 60u +
                                  registers[0] % 60);
  self->halted = (registers[4] & MBC3_DH_HALT) != 0;
  self->carry = (registers[4] & MBC3_DH_CARRY) != 0;
  self->latch_last = 0xFF;
  clock_latch (self);
}
