/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-rom.c — placeholder ROM images with valid headers
 *
 * Game Boy header fields as Pan Docs lays them out (ks-gb-header.c); GBA
 * header fields as GBATEK does (ks-gba-header.c).
 */

#include "config.h"

#include <string.h>

#include "ks-bytes.h"
#include "ks-cart-rom.h"
#include "ks-gba-header.h"

/* Pan Docs: Game Boy header offsets */
#define GB_ENTRY           0x100
#define GB_TITLE           0x134
#define GB_TITLE_MAX       15
#define GB_CART_TYPE       0x147
#define GB_ROM_SIZE        0x148
#define GB_RAM_SIZE        0x149
#define GB_DESTINATION     0x14A
#define GB_HEADER_CHECKSUM 0x14D
#define GB_GLOBAL_CHECKSUM 0x14E
#define GB_CODE_START      0x150
#define GB_BANK_SIZE       0x4000

/* GBATEK: GBA header offsets */
#define GBA_TITLE          0xA0
#define GBA_TITLE_MAX      12
#define GBA_GAME_CODE      0xAC
#define GBA_MAKER_CODE     0xB0
#define GBA_FIXED          0xB2
#define GBA_FIXED_VALUE    0x96
#define GBA_COMPLEMENT     0xBD
#define GBA_CODE_START     0xC0
#define GBA_ROM_SIZE       0x10000

/* SM83: nop; jp $0150 — and at $0150: jr $0150 */
static const guint8 gb_entry[] = { 0x00, 0xC3, 0x50, 0x01 };
static const guint8 gb_loop[] = { 0x18, 0xFE };
/* ARM: b $000000C0 — and at $C0: b $C0 */
static const guint8 gba_entry[] = { 0x2E, 0x00, 0x00, 0xEA };
static const guint8 gba_loop[] = { 0xFE, 0xFF, 0xFF, 0xEA };

static const char mmc_note[] =
  "Keepsake emulated Mega Memory Card: a placeholder program ROM made by Keepsake.";

/* Pan Docs: cartridge type bytes for a battery-backed save (or none) */
static guint8
gb_cart_type (KsGbMbc mbc,
              gsize   ram_size)
{
  switch (mbc)
    {
    case KS_GB_MBC_MBC1:
      return ram_size > 0 ? 0x03 : 0x01;
    case KS_GB_MBC_MBC2:
      return 0x06;
    case KS_GB_MBC_MBC3:
      return ram_size > 0 ? 0x13 : 0x11;
    case KS_GB_MBC_MBC5:
      return ram_size > 0 ? 0x1B : 0x19;
    case KS_GB_MBC_NONE:
    default:
      return ram_size > 0 ? 0x09 : 0x00;
    }
}

/* Pan Docs: RAM size codes */
static guint8
gb_ram_code (KsGbMbc mbc,
             gsize   ram_size)
{
  if (mbc == KS_GB_MBC_MBC2)
    return 0x00;

  switch (ram_size)
    {
    case 2 * 1024:
      return 0x01;
    case 8 * 1024:
      return 0x02;
    case 32 * 1024:
      return 0x03;
    case 128 * 1024:
      return 0x04;
    case 64 * 1024:
      return 0x05;
    default:
      return 0x00;
    }
}

static void
put_text (guint8     *at,
          const char *text,
          gsize       max)
{
  memcpy (at, text, MIN (strlen (text), max));
}

static void
finish_gb_header (guint8 *rom,
                  gsize   size)
{
  guint16 sum = 0;

  rom[GB_HEADER_CHECKSUM] = ks_gb_header_compute_checksum (rom);
  for (gsize i = 0; i < size; i++)
    if (i != GB_GLOBAL_CHECKSUM && i != GB_GLOBAL_CHECKSUM + 1)
      sum = (guint16) (sum + rom[i]);
  ks_write_be16 (rom + GB_GLOBAL_CHECKSUM, sum);
}

static guint8 *
new_gb_image (gsize        size,
              const char  *title,
              guint8       cart_type,
              guint8       rom_code,
              guint8       ram_code)
{
  guint8 *rom = g_malloc (size);

  memset (rom, 0xFF, size);
  for (gsize bank = 0; bank < size / GB_BANK_SIZE; bank++)
    rom[bank * GB_BANK_SIZE] = (guint8) bank;

  memset (rom + GB_ENTRY, 0x00, GB_CODE_START - GB_ENTRY);
  memcpy (rom + GB_ENTRY, gb_entry, sizeof gb_entry);
  put_text (rom + GB_TITLE, title, GB_TITLE_MAX);
  rom[GB_CART_TYPE] = cart_type;
  rom[GB_ROM_SIZE] = rom_code;
  rom[GB_RAM_SIZE] = ram_code;
  rom[GB_DESTINATION] = 0x01;
  memcpy (rom + GB_CODE_START, gb_loop, sizeof gb_loop);

  return rom;
}

GBytes *
ks_cart_rom_new_gb (const char *title,
                    KsGbMbc     mbc,
                    gsize       ram_size)
{
  /* Pan Docs: ROM size code n is 32 KiB << n; MBC carts get four banks */
  guint8 rom_code = mbc == KS_GB_MBC_NONE ? 0x00 : 0x01;
  gsize size = (gsize) 0x8000 << rom_code;
  guint8 *rom;

  g_return_val_if_fail (title != NULL, NULL);

  rom = new_gb_image (size, title, gb_cart_type (mbc, ram_size), rom_code,
                      gb_ram_code (mbc, ram_size));
  finish_gb_header (rom, size);

  return g_bytes_new_take (rom, size);
}

GBytes *
ks_cart_rom_new_mmc_program (void)
{
  /* always the same bytes: made once, shared by every MMC model */
  static gsize made = 0;

  if (g_once_init_enter (&made))
    {
      guint8 *rom = new_gb_image (KS_CART_ROM_MMC_PROGRAM_SIZE, "KEEPSAKE MMC", 0x00, 0x00, 0x00);

      memcpy (rom + 0x200, mmc_note, sizeof mmc_note);
      finish_gb_header (rom, KS_CART_ROM_MMC_PROGRAM_SIZE);
      g_once_init_leave (&made, (gsize) g_bytes_new_take (rom, KS_CART_ROM_MMC_PROGRAM_SIZE));
    }

  return g_bytes_ref ((GBytes *) made);
}

GBytes *
ks_cart_rom_new_gba (const char *title,
                     const char *game_code)
{
  guint8 *rom;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (game_code != NULL && strlen (game_code) == 4, NULL);

  rom = g_malloc (GBA_ROM_SIZE);
  memset (rom, 0xFF, GBA_ROM_SIZE);
  memset (rom, 0x00, GBA_CODE_START);
  memcpy (rom, gba_entry, sizeof gba_entry);
  put_text (rom + GBA_TITLE, title, GBA_TITLE_MAX);
  memcpy (rom + GBA_GAME_CODE, game_code, 4);
  memcpy (rom + GBA_MAKER_CODE, "00", 2);
  rom[GBA_FIXED] = GBA_FIXED_VALUE;
  rom[GBA_COMPLEMENT] = ks_gba_header_compute_complement (rom);
  memcpy (rom + GBA_CODE_START, gba_loop, sizeof gba_loop);

  return g_bytes_new_take (rom, GBA_ROM_SIZE);
}
