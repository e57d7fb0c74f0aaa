/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-emulated-cart.c — one simulated cart: which models, on which bus */

#include "config.h"

#include "ks-cart-rom.h"
#include "ks-emulated-cart.h"

struct _KsEmulatedCart
{
  KsEmulatedCartKind  kind;
  KsFlashClock        clock;
  GBytes             *gba_rom;
  KsAgbFlashModel    *agb_flash;
  KsAgbSramModel     *agb_sram;
  KsAgbEepromModel   *agb_eeprom;
  KsS3511Model       *gba_rtc;
  KsGbMbcModel       *gb;
  KsMmcCartModel     *mmc;
  KsEmulatedCart     *top;
};

static KsEmulatedCart *
new_cart (KsEmulatedCartKind kind)
{
  KsEmulatedCart *self = g_new0 (KsEmulatedCart, 1);

  self->kind = kind;
  return self;
}

KsEmulatedCart *
ks_emulated_cart_new_empty (void)
{
  return new_cart (KS_EMULATED_CART_NONE);
}

KsEmulatedCart *
ks_emulated_cart_new_gba_flash (KsAgbFlashChipId  chip,
                                GBytes           *save,
                                GBytes           *rom)
{
  KsEmulatedCart *self = new_cart (KS_EMULATED_CART_GBA_FLASH);

  self->gba_rom = rom != NULL ? g_bytes_ref (rom) : ks_cart_rom_new_gba ("KEEPSAKE", "KSFL");
  self->agb_flash = ks_agb_flash_model_new (&self->clock, chip, save);

  return self;
}

KsEmulatedCart *
ks_emulated_cart_new_gba_sram (GBytes *save,
                               GBytes *rom)
{
  KsEmulatedCart *self;

  g_return_val_if_fail (save != NULL, NULL);

  self = new_cart (KS_EMULATED_CART_GBA_SRAM);
  self->gba_rom = rom != NULL ? g_bytes_ref (rom) : ks_cart_rom_new_gba ("KEEPSAKE", "KSSR");
  self->agb_sram = ks_agb_sram_model_new (save);

  return self;
}

KsEmulatedCart *
ks_emulated_cart_new_gba_eeprom (gsize   size,
                                 GBytes *save,
                                 GBytes *rom)
{
  KsEmulatedCart *self;

  g_return_val_if_fail (ks_agb_eeprom_is_size (size), NULL);

  self = new_cart (KS_EMULATED_CART_GBA_EEPROM);
  self->gba_rom = rom != NULL ? g_bytes_ref (rom) : ks_cart_rom_new_gba ("KEEPSAKE", "KSEE");
  self->agb_eeprom = ks_agb_eeprom_model_new (&self->clock, size, save);

  return self;
}

KsEmulatedCart *
ks_emulated_cart_new_gb (KsGbMbc  mbc,
                         GBytes  *ram,
                         GBytes  *rom)
{
  g_autoptr(GBytes) placeholder = NULL;
  KsEmulatedCart *self;

  g_return_val_if_fail (ram != NULL, NULL);

  if (rom == NULL)
    rom = placeholder = ks_cart_rom_new_gb ("KEEPSAKE", mbc, g_bytes_get_size (ram));

  self = new_cart (KS_EMULATED_CART_GB);
  self->gb = ks_gb_mbc_model_new (mbc, rom, ram);

  return self;
}

KsEmulatedCart *
ks_emulated_cart_new_mmc (GBytes              *flash,
                          KsEmulatedCart      *top,
                          KsMmcRegisterDecode  decode)
{
  KsEmulatedCart *self;

  g_return_val_if_fail (top == NULL || top->kind == KS_EMULATED_CART_GB, NULL);

  self = new_cart (KS_EMULATED_CART_MMC);
  self->top = top;
  self->mmc = ks_mmc_cart_model_new (&self->clock, flash,
                                     top != NULL ? ks_gb_mbc_model_get_bus (top->gb) : NULL,
                                     decode);

  return self;
}

void
ks_emulated_cart_free (KsEmulatedCart *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->gba_rom, g_bytes_unref);
  g_clear_pointer (&self->agb_flash, ks_agb_flash_model_free);
  g_clear_pointer (&self->agb_sram, ks_agb_sram_model_free);
  g_clear_pointer (&self->agb_eeprom, ks_agb_eeprom_model_free);
  g_clear_pointer (&self->gba_rtc, ks_s3511_model_free);
  g_clear_pointer (&self->mmc, ks_mmc_cart_model_free);
  g_clear_pointer (&self->gb, ks_gb_mbc_model_free);
  g_clear_pointer (&self->top, ks_emulated_cart_free);
  g_free (self);
}

KsEmulatedCartKind
ks_emulated_cart_get_kind (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, KS_EMULATED_CART_NONE);

  return self->kind;
}

gboolean
ks_emulated_cart_is_gba (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->kind == KS_EMULATED_CART_GBA_FLASH || self->kind == KS_EMULATED_CART_GBA_SRAM ||
         self->kind == KS_EMULATED_CART_GBA_EEPROM;
}

KsFlashClock *
ks_emulated_cart_get_clock (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->clock;
}

KsBus *
ks_emulated_cart_get_gb_bus (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->mmc != NULL)
    return ks_mmc_cart_model_get_bus (self->mmc);
  if (self->gb != NULL)
    return ks_gb_mbc_model_get_bus (self->gb);

  return NULL;
}

KsBus *
ks_emulated_cart_get_save_bus (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->agb_flash != NULL)
    return ks_agb_flash_model_get_bus (self->agb_flash);
  if (self->agb_sram != NULL)
    return ks_agb_sram_model_get_bus (self->agb_sram);

  return NULL;
}

GBytes *
ks_emulated_cart_get_gba_rom (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->gba_rom;
}

void
ks_emulated_cart_set_powered (KsEmulatedCart *self,
                              gboolean        powered)
{
  g_return_if_fail (self != NULL);

  if (self->agb_flash != NULL)
    ks_agb_flash_model_set_powered (self->agb_flash, powered);
  if (self->agb_sram != NULL)
    ks_agb_sram_model_set_powered (self->agb_sram, powered);
  if (self->agb_eeprom != NULL)
    ks_agb_eeprom_model_set_powered (self->agb_eeprom, powered);
  if (self->gba_rtc != NULL)
    ks_s3511_model_set_powered (self->gba_rtc, powered);
  if (self->gb != NULL)
    ks_gb_mbc_model_set_powered (self->gb, powered);
  if (self->mmc != NULL)
    ks_mmc_cart_model_set_powered (self->mmc, powered);
  if (self->top != NULL)
    ks_emulated_cart_set_powered (self->top, powered);
}

void
ks_emulated_cart_reset (KsEmulatedCart *self)
{
  g_return_if_fail (self != NULL);

  if (self->gb != NULL)
    ks_gb_mbc_model_reset (self->gb);
  if (self->top != NULL)
    ks_emulated_cart_reset (self->top);
}

guint64
ks_emulated_cart_flash_operations (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->agb_flash != NULL)
    return ks_flash_counters_operations (ks_agb_flash_model_get_counters (self->agb_flash));
  if (self->agb_eeprom != NULL)
    return ks_flash_counters_operations (ks_agb_eeprom_model_get_counters (self->agb_eeprom));
  if (self->mmc != NULL)
    return ks_flash_counters_operations (
      ks_sst28sf040_model_get_counters (ks_mmc_cart_model_get_flash (self->mmc)));

  return 0;
}

GBytes *
ks_emulated_cart_dup_save (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case KS_EMULATED_CART_GBA_FLASH:
      return ks_agb_flash_model_dup_contents (self->agb_flash);
    case KS_EMULATED_CART_GBA_SRAM:
      return ks_agb_sram_model_dup_contents (self->agb_sram);
    case KS_EMULATED_CART_GBA_EEPROM:
      return ks_agb_eeprom_model_dup_contents (self->agb_eeprom);
    case KS_EMULATED_CART_GB:
      return ks_gb_mbc_model_dup_ram (self->gb);
    case KS_EMULATED_CART_MMC:
      return ks_sst28sf040_model_dup_contents (ks_mmc_cart_model_get_flash (self->mmc));
    case KS_EMULATED_CART_NONE:
    default:
      return g_bytes_new (NULL, 0);
    }
}

KsAgbFlashModel *
ks_emulated_cart_get_agb_flash (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->agb_flash;
}

KsAgbSramModel *
ks_emulated_cart_get_agb_sram (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->agb_sram;
}

void
ks_emulated_cart_set_gba_rtc (KsEmulatedCart *self,
                              KsS3511Model   *rtc)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ks_emulated_cart_is_gba (self));

  g_clear_pointer (&self->gba_rtc, ks_s3511_model_free);
  self->gba_rtc = rtc;
}

KsS3511Model *
ks_emulated_cart_get_gba_rtc (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->gba_rtc;
}

KsAgbEepromModel *
ks_emulated_cart_get_agb_eeprom (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->agb_eeprom;
}

KsGbMbcModel *
ks_emulated_cart_get_gb_mbc (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->gb;
}

KsMmcCartModel *
ks_emulated_cart_get_mmc (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->mmc;
}

KsEmulatedCart *
ks_emulated_cart_get_top (KsEmulatedCart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->top;
}
