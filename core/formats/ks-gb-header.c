/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-header.c — Game Boy cartridge header parser
 *
 * Layout (Pan Docs, "The Cartridge Header"):
 *   0x104-0x133  logo bitmap the boot ROM compares
 *   0x134-0x143  title (16 bytes; 15 when 0x143 is a CGB flag, 11 plus a
 *                4-letter manufacturer code on later CGB carts)
 *   0x143        CGB flag: 0x80 enhanced, 0xC0 CGB only
 *   0x146        SGB flag (0x03)
 *   0x147        cartridge type: MBC kind, RAM, battery, clock, rumble
 *   0x148        ROM size code: 32 KiB << code
 *   0x149        RAM size code
 *   0x14C        version
 *   0x14D        header checksum: x = x - byte - 1 over 0x134-0x14C
 *   0x14E-0x14F  global checksum, big-endian (sum of every other ROM byte)
 *
 * Pure code over the first 0x150 bytes of a ROM; the cart-reader job gives
 * it real carts.  The Mega Memory Card never reads this header
 * (mega-memory-card.md §5), but Keepsake uses it to name backups and
 * to size the save it reads off a cart.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-format.h"
#include "ks-gb-header.h"

/* Pan Docs: offsets inside the ROM */
#define GB_LOGO            0x104
#define GB_LOGO_SIZE       48
#define GB_TITLE           0x134
#define GB_MANUFACTURER    0x13F
#define GB_CGB_FLAG        0x143
#define GB_SGB_FLAG        0x146
#define GB_CART_TYPE       0x147
#define GB_ROM_SIZE        0x148
#define GB_RAM_SIZE        0x149
#define GB_VERSION         0x14C
#define GB_HEADER_CHECKSUM 0x14D
#define GB_GLOBAL_CHECKSUM 0x14E

/* Pan Docs: the CGB flag values; bit 7 set means the title is at most 15 bytes */
#define GB_CGB_ENHANCED    0x80
#define GB_CGB_ONLY        0xC0
#define GB_SGB_SUPPORTED   0x03

/* Pan Docs: MBC2 has 512 x 4 bits of RAM inside the controller, whatever 0x149 says */
#define GB_MBC2_RAM_SIZE   512

/* The bitmap at 0x104 that every licensed cart carries and the boot ROM
 * checks; a reader that sees anything else is reading a badly seated cart. */
static const guint8 gb_logo[GB_LOGO_SIZE] = {
  0xCE, 0xED, 0x66, 0x66, 0xCC, 0x0D, 0x00, 0x0B, 0x03, 0x73, 0x00, 0x83,
  0x00, 0x0C, 0x00, 0x0D, 0x00, 0x08, 0x11, 0x1F, 0x88, 0x89, 0x00, 0x0E,
  0xDC, 0xCC, 0x6E, 0xE6, 0xDD, 0xDD, 0xD9, 0x99, 0xBB, 0xBB, 0x67, 0x63,
  0x6E, 0x0E, 0xEC, 0xCC, 0xDD, 0xDC, 0x99, 0x9F, 0xBB, 0xB9, 0x33, 0x3E,
};

#define RAM KS_GB_CART_RAM
#define BAT KS_GB_CART_BATTERY
#define RTC KS_GB_CART_RTC
#define RUM KS_GB_CART_RUMBLE
#define SEN KS_GB_CART_SENSOR

/* Pan Docs: cartridge type byte 0x147.  The names in the comments are the
 * ones Pan Docs gives; the features come from those names, except the
 * clocks of HuC3 and TAMA5, which FlashGBX saves as RTC footers
 * (cart-reader-protocol.md §6). */
static const struct
{
  guint8           code;
  KsGbMbc          mbc;
  KsGbCartFeatures features;
} cart_types[] = {
  { 0x00, KS_GB_MBC_NONE, 0 },                          /* ROM ONLY */
  { 0x01, KS_GB_MBC_MBC1, 0 },                          /* MBC1 */
  { 0x02, KS_GB_MBC_MBC1, RAM },                        /* MBC1+RAM */
  { 0x03, KS_GB_MBC_MBC1, RAM | BAT },                  /* MBC1+RAM+BATTERY */
  { 0x05, KS_GB_MBC_MBC2, RAM },                        /* MBC2 (RAM built in) */
  { 0x06, KS_GB_MBC_MBC2, RAM | BAT },                  /* MBC2+BATTERY */
  { 0x08, KS_GB_MBC_NONE, RAM },                        /* ROM+RAM */
  { 0x09, KS_GB_MBC_NONE, RAM | BAT },                  /* ROM+RAM+BATTERY */
  { 0x0B, KS_GB_MBC_MMM01, 0 },                         /* MMM01 */
  { 0x0C, KS_GB_MBC_MMM01, RAM },                       /* MMM01+RAM */
  { 0x0D, KS_GB_MBC_MMM01, RAM | BAT },                 /* MMM01+RAM+BATTERY */
  { 0x0F, KS_GB_MBC_MBC3, RTC | BAT },                  /* MBC3+TIMER+BATTERY */
  { 0x10, KS_GB_MBC_MBC3, RTC | RAM | BAT },            /* MBC3+TIMER+RAM+BATTERY */
  { 0x11, KS_GB_MBC_MBC3, 0 },                          /* MBC3 */
  { 0x12, KS_GB_MBC_MBC3, RAM },                        /* MBC3+RAM */
  { 0x13, KS_GB_MBC_MBC3, RAM | BAT },                  /* MBC3+RAM+BATTERY */
  { 0x19, KS_GB_MBC_MBC5, 0 },                          /* MBC5 */
  { 0x1A, KS_GB_MBC_MBC5, RAM },                        /* MBC5+RAM */
  { 0x1B, KS_GB_MBC_MBC5, RAM | BAT },                  /* MBC5+RAM+BATTERY */
  { 0x1C, KS_GB_MBC_MBC5, RUM },                        /* MBC5+RUMBLE */
  { 0x1D, KS_GB_MBC_MBC5, RUM | RAM },                  /* MBC5+RUMBLE+RAM */
  { 0x1E, KS_GB_MBC_MBC5, RUM | RAM | BAT },            /* MBC5+RUMBLE+RAM+BATTERY */
  { 0x20, KS_GB_MBC_MBC6, 0 },                          /* MBC6 */
  { 0x22, KS_GB_MBC_MBC7, SEN | RUM | RAM | BAT },      /* MBC7+SENSOR+RUMBLE+RAM+BATTERY */
  { 0xFC, KS_GB_MBC_POCKET_CAMERA, RAM | BAT },         /* POCKET CAMERA */
  { 0xFD, KS_GB_MBC_TAMA5, RTC | BAT },                 /* BANDAI TAMA5 */
  { 0xFE, KS_GB_MBC_HUC3, RTC | RAM | BAT },            /* HuC3 */
  { 0xFF, KS_GB_MBC_HUC1, RAM | BAT },                  /* HuC1+RAM+BATTERY */
};

#undef RAM
#undef BAT
#undef RTC
#undef RUM
#undef SEN

/* Pan Docs: RAM size code 0x149.  Code 0x01 (2 KiB) is listed as unused by
 * licensed carts but appears on homebrew and some early ROM+RAM carts. */
static const guint32 ram_sizes[] = {
  0,              /* 0x00: none (MBC2 and MBC7 carry their own) */
  2 * 1024,       /* 0x01 */
  8 * 1024,       /* 0x02: 1 bank */
  32 * 1024,      /* 0x03: 4 banks of 8 KiB */
  128 * 1024,     /* 0x04: 16 banks */
  64 * 1024,      /* 0x05: 8 banks */
};

/* Pan Docs: ROM size code 0x148 is 32 KiB << code for 0x00-0x08. */
#define GB_ROM_SIZE_CODE_MAX 0x08
#define GB_ROM_SIZE_UNIT     (32 * 1024)

guint8
ks_gb_header_compute_checksum (const guint8 *rom)
{
  guint8 x = 0;

  g_return_val_if_fail (rom != NULL, 0);

  for (guint i = GB_TITLE; i < GB_HEADER_CHECKSUM; i++)
    x = (guint8) (x - rom[i] - 1);

  return x;
}

static void
parse_title (const guint8 *rom,
             KsGbHeader   *header)
{
  /* A CGB flag takes the title's last byte (Pan Docs). */
  guint length = (rom[GB_CGB_FLAG] & GB_CGB_ENHANCED) != 0 ? 15 : 16;
  guint end = 0;
  gboolean nul_early = FALSE;

  while (end < length && rom[GB_TITLE + end] != 0x00)
    end++;

  for (guint i = 0; i < end; i++)
    {
      guint8 c = rom[GB_TITLE + i];

      header->title[i] = (c >= 0x20 && c < 0x7F) ? (char) c : '?';
    }
  header->title[end] = '\0';
  g_strchomp (header->title);

  /* Later CGB carts shorten the title to 11 bytes and put a 4-letter
   * manufacturer code at 0x13F.  A full 11-letter title cannot be told from
   * a 15-letter one, so only a title ended by a NUL early enough counts. */
  nul_early = end < GB_MANUFACTURER - GB_TITLE;
  if (header->cgb != KS_GB_CGB_NONE && nul_early)
    {
      gboolean code = TRUE;

      for (guint i = 0; i < 4; i++)
        {
          guint8 c = rom[GB_MANUFACTURER + i];

          if (!g_ascii_isupper (c) && !g_ascii_isdigit (c))
            code = FALSE;
        }
      if (code)
        memcpy (header->manufacturer, rom + GB_MANUFACTURER, 4);
    }
}

gboolean
ks_gb_header_parse (const guint8  *rom,
                    gsize          size,
                    KsGbHeader    *header,
                    GError       **error)
{
  g_return_val_if_fail (rom != NULL || size == 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (header, 0, sizeof *header);

  if (size < KS_GB_HEADER_SIZE)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("A Game Boy cartridge header ends at ROM offset 0x14F; only %zu"
                     " bytes were read."), size);
      return FALSE;
    }

  header->cgb_flag = rom[GB_CGB_FLAG];
  if (header->cgb_flag == GB_CGB_ONLY)
    header->cgb = KS_GB_CGB_ONLY;
  else if ((header->cgb_flag & GB_CGB_ENHANCED) != 0)
    header->cgb = KS_GB_CGB_ENHANCED;
  else
    header->cgb = KS_GB_CGB_NONE;

  parse_title (rom, header);

  header->sgb = rom[GB_SGB_FLAG] == GB_SGB_SUPPORTED;

  header->cart_type = rom[GB_CART_TYPE];
  header->mbc = KS_GB_MBC_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (cart_types); i++)
    if (cart_types[i].code == header->cart_type)
      {
        header->mbc = cart_types[i].mbc;
        header->features = cart_types[i].features;
      }

  header->rom_size_code = rom[GB_ROM_SIZE];
  if (header->rom_size_code <= GB_ROM_SIZE_CODE_MAX)
    header->rom_size = (guint32) GB_ROM_SIZE_UNIT << header->rom_size_code;

  header->ram_size_code = rom[GB_RAM_SIZE];
  header->ram_size_known = header->ram_size_code < G_N_ELEMENTS (ram_sizes);
  if (header->mbc == KS_GB_MBC_MBC2)
    {
      header->ram_size = GB_MBC2_RAM_SIZE;
      header->ram_size_known = TRUE;
    }
  else if (header->ram_size_known)
    header->ram_size = ram_sizes[header->ram_size_code];

  header->version = rom[GB_VERSION];
  header->header_checksum = rom[GB_HEADER_CHECKSUM];
  header->computed_checksum = ks_gb_header_compute_checksum (rom);
  header->global_checksum = (guint16) ((rom[GB_GLOBAL_CHECKSUM] << 8) |
                                       rom[GB_GLOBAL_CHECKSUM + 1]);
  header->logo_ok = memcmp (rom + GB_LOGO, gb_logo, GB_LOGO_SIZE) == 0;

  return TRUE;
}

gboolean
ks_gb_header_checksum_ok (const KsGbHeader *header)
{
  g_return_val_if_fail (header != NULL, FALSE);

  return header->header_checksum == header->computed_checksum;
}

/* A cart whose RAM outlives power-off: the only ones with a save to back up. */
gboolean
ks_gb_header_has_save (const KsGbHeader *header)
{
  g_return_val_if_fail (header != NULL, FALSE);

  return (header->features & KS_GB_CART_BATTERY) != 0 && header->ram_size > 0;
}

/* Bytes of save RAM a reader fetches from the cart: the .sav size without
 * the optional clock footer that emulators append for MBC3 carts. */
gsize
ks_gb_header_save_size (const KsGbHeader *header)
{
  g_return_val_if_fail (header != NULL, 0);

  return ks_gb_header_has_save (header) ? header->ram_size : 0;
}

const char *
ks_gb_mbc_to_string (KsGbMbc mbc)
{
  switch (mbc)
    {
    case KS_GB_MBC_NONE:
      return "none";
    case KS_GB_MBC_MBC1:
      return "MBC1";
    case KS_GB_MBC_MBC2:
      return "MBC2";
    case KS_GB_MBC_MBC3:
      return "MBC3";
    case KS_GB_MBC_MBC5:
      return "MBC5";
    case KS_GB_MBC_MBC6:
      return "MBC6";
    case KS_GB_MBC_MBC7:
      return "MBC7";
    case KS_GB_MBC_MMM01:
      return "MMM01";
    case KS_GB_MBC_POCKET_CAMERA:
      return "Pocket Camera";
    case KS_GB_MBC_TAMA5:
      return "TAMA5";
    case KS_GB_MBC_HUC1:
      return "HuC1";
    case KS_GB_MBC_HUC3:
      return "HuC3";
    case KS_GB_MBC_UNKNOWN:
    default:
      return "unknown";
    }
}
