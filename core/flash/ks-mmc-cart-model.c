/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-cart-model.c — the Mega Memory Card's mapper around a 28SF040
 *
 * cart-reader-protocol.md §3 and §7.2:
 *   0x0000-0x3FFF  the card's program ROM (here Keepsake's placeholder)
 *   0x2000-0x3FFF  writes set the mapper register:
 *                    (v & 0xE0) == 0x80  storage bank v & 0x1F: 0x4000-0x7FFF
 *                                        shows flash (bank << 14) | (cpu & 0x3FFF)
 *                    (v & 0xC0) == 0xC0  pass-through to the cart on top
 *                    otherwise           KsMmcRegisterDecode decides
 *   0x4000-0x7FFF  storage flash, the top cart, or the program ROM
 *   0xA000-0xBFFF  the top cart's RAM in pass-through mode
 * In pass-through mode writes to 0x0000-0x1FFF and 0x4000-0x7FFF reach the
 * top cart's MBC (the card's own program enables the cart's RAM through
 * them, mega-memory-card.md §5); 0x2000-0x3FFF is always the card's
 * register.  With no cart on top, pass-through reads give 0xFF.
 */

#include "config.h"

#include "ks-cart-rom.h"
#include "ks-mmc-cart-model.h"

#define PROGRAM_ROM_END   0x3FFF
#define REGISTER_START    0x2000
#define REGISTER_END      0x3FFF
#define WINDOW_START      0x4000
#define WINDOW_END        0x7FFF
#define WINDOW_MASK       0x3FFF
#define CART_RAM_START    0xA000
#define CART_RAM_END      0xBFFF

/* §3: register decoding */
#define STORAGE_MASK      0xE0
#define STORAGE_VALUE     0x80
#define PASSTHROUGH_MASK  0xC0
#define PASSTHROUGH_VALUE 0xC0
#define BANK_MASK         0x1F
#define BANK_SHIFT        14

typedef enum
{
  VIEW_STORAGE,
  VIEW_PASSTHROUGH,
  VIEW_PROGRAM_ROM,
} View;

struct _KsMmcCartModel
{
  KsBus                bus;
  KsMmcRegisterDecode  decode;
  KsSst28sf040Model   *flash;
  KsBus               *top_cart;
  GBytes              *program_rom;
  guint8               reg;
  gboolean             powered;
};

static View
view_of (KsMmcCartModel *self,
         guint          *bank)
{
  *bank = self->reg & BANK_MASK;

  if ((self->reg & STORAGE_MASK) == STORAGE_VALUE)
    return VIEW_STORAGE;
  if ((self->reg & PASSTHROUGH_MASK) == PASSTHROUGH_VALUE)
    return VIEW_PASSTHROUGH;

  return self->decode == KS_MMC_DECODE_OSCR_COMPATIBLE ? VIEW_STORAGE : VIEW_PROGRAM_ROM;
}

static guint8
program_rom_byte (KsMmcCartModel *self,
                  guint32         address)
{
  gsize size;
  const guint8 *rom = g_bytes_get_data (self->program_rom, &size);

  return rom[address % size];
}

static gboolean
model_read (KsBus    *bus,
            guint32   address,
            guint8   *value,
            GError  **error)
{
  KsMmcCartModel *self = (KsMmcCartModel *) bus;
  guint bank;
  View view = view_of (self, &bank);

  address &= 0xFFFF;
  *value = 0xFF;

  if (!self->powered)
    return TRUE;

  if (address <= PROGRAM_ROM_END)
    *value = program_rom_byte (self, address);
  else if (address <= WINDOW_END)
    {
      switch (view)
        {
        case VIEW_STORAGE:
          return ks_bus_read (ks_sst28sf040_model_get_bus (self->flash),
                              (guint32) bank << BANK_SHIFT | (address & WINDOW_MASK), value, error);
        case VIEW_PASSTHROUGH:
          if (self->top_cart != NULL)
            return ks_bus_read (self->top_cart, address, value, error);
          break;
        case VIEW_PROGRAM_ROM:
        default:
          *value = program_rom_byte (self, address & WINDOW_MASK);
          break;
        }
    }
  else if (address >= CART_RAM_START && address <= CART_RAM_END &&
           view == VIEW_PASSTHROUGH && self->top_cart != NULL)
    return ks_bus_read (self->top_cart, address, value, error);

  return TRUE;
}

static gboolean
model_write (KsBus    *bus,
             guint32   address,
             guint8    value,
             GError  **error)
{
  KsMmcCartModel *self = (KsMmcCartModel *) bus;
  guint bank;
  View view = view_of (self, &bank);

  address &= 0xFFFF;

  if (!self->powered)
    return TRUE;

  if (address >= REGISTER_START && address <= REGISTER_END)
    {
      self->reg = value;
      return TRUE;
    }

  if (view == VIEW_STORAGE && address >= WINDOW_START && address <= WINDOW_END)
    return ks_bus_write (ks_sst28sf040_model_get_bus (self->flash),
                         (guint32) bank << BANK_SHIFT | (address & WINDOW_MASK), value, error);

  if (view == VIEW_PASSTHROUGH && self->top_cart != NULL &&
      (address < REGISTER_START || (address >= WINDOW_START && address <= WINDOW_END) ||
       (address >= CART_RAM_START && address <= CART_RAM_END)))
    return ks_bus_write (self->top_cart, address, value, error);

  return TRUE;
}

static void
model_wait_usec (KsBus   *bus,
                 guint64  usec)
{
  KsMmcCartModel *self = (KsMmcCartModel *) bus;

  ks_bus_wait_usec (ks_sst28sf040_model_get_bus (self->flash), usec);
}

static const KsBusOps model_bus_ops = {
  .read = model_read,
  .write = model_write,
  .wait_usec = model_wait_usec,
};

KsMmcCartModel *
ks_mmc_cart_model_new (KsFlashClock        *clock,
                       GBytes              *flash,
                       KsBus               *top_cart,
                       KsMmcRegisterDecode  decode)
{
  KsMmcCartModel *self;

  g_return_val_if_fail (clock != NULL, NULL);

  self = g_new0 (KsMmcCartModel, 1);
  self->bus.ops = &model_bus_ops;
  self->decode = decode;
  self->flash = ks_sst28sf040_model_new (clock, flash);
  self->top_cart = top_cart;
  self->program_rom = ks_cart_rom_new_mmc_program ();
  self->powered = TRUE;
  /* At power-up the register holds storage bank 0 (the value the card's
   * own program writes first). */
  self->reg = STORAGE_VALUE;

  return self;
}

void
ks_mmc_cart_model_free (KsMmcCartModel *self)
{
  if (self == NULL)
    return;

  ks_sst28sf040_model_free (self->flash);
  g_bytes_unref (self->program_rom);
  g_free (self);
}

KsBus *
ks_mmc_cart_model_get_bus (KsMmcCartModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->bus;
}

KsSst28sf040Model *
ks_mmc_cart_model_get_flash (KsMmcCartModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->flash;
}

GBytes *
ks_mmc_cart_model_get_program_rom (KsMmcCartModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->program_rom;
}

guint8
ks_mmc_cart_model_get_register (KsMmcCartModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->reg;
}

void
ks_mmc_cart_model_set_powered (KsMmcCartModel *self,
                               gboolean        powered)
{
  g_return_if_fail (self != NULL);

  self->powered = powered;
  self->reg = STORAGE_VALUE;
  ks_sst28sf040_model_set_powered (self->flash, powered);
}
