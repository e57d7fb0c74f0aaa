/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-header.h — the Game Boy cartridge header at ROM 0x0100-0x014F
 *
 * What a save manager needs from a cart: its title, whether it is a Game
 * Boy Color game, which memory bank controller (MBC) it has, whether its
 * RAM is kept by a battery and has a clock, and how much RAM there is.
 * The cart reader feeds this parser the first 0x150 bytes of a real cart.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The parser reads ROM 0x0000-0x014F; only 0x0104-0x014F is used. */
#define KS_GB_HEADER_SIZE 0x150

typedef enum
{
  KS_GB_MBC_NONE,           /* ROM only, or ROM + RAM with no banking */
  KS_GB_MBC_MBC1,
  KS_GB_MBC_MBC2,           /* 512 x 4-bit RAM built into the controller */
  KS_GB_MBC_MBC3,
  KS_GB_MBC_MBC5,
  KS_GB_MBC_MBC6,
  KS_GB_MBC_MBC7,           /* accelerometer; EEPROM save, not SRAM */
  KS_GB_MBC_MMM01,
  KS_GB_MBC_POCKET_CAMERA,
  KS_GB_MBC_TAMA5,
  KS_GB_MBC_HUC1,
  KS_GB_MBC_HUC3,
  KS_GB_MBC_UNKNOWN,        /* a cartridge type byte no known cart uses */
} KsGbMbc;

typedef enum
{
  KS_GB_CART_RAM     = 1 << 0,
  KS_GB_CART_BATTERY = 1 << 1,
  KS_GB_CART_RTC     = 1 << 2,   /* a real-time clock (MBC3 "TIMER", HuC3, TAMA5) */
  KS_GB_CART_RUMBLE  = 1 << 3,
  KS_GB_CART_SENSOR  = 1 << 4,
} KsGbCartFeatures;

typedef enum
{
  KS_GB_CGB_NONE,           /* a Game Boy game */
  KS_GB_CGB_ENHANCED,       /* 0x80: runs on both, uses colour */
  KS_GB_CGB_ONLY,           /* 0xC0: Game Boy Color only */
} KsGbCgb;

typedef struct
{
  char             title[17];          /* printable ASCII, trailing spaces and NULs cut */
  char             manufacturer[5];    /* the 4-letter code of later CGB carts, or "" */
  guint8           cgb_flag;           /* raw byte at 0x143 */
  KsGbCgb          cgb;
  gboolean         sgb;                /* 0x146 == 0x03: Super Game Boy functions */
  guint8           cart_type;          /* raw byte at 0x147 */
  KsGbMbc          mbc;
  KsGbCartFeatures features;
  guint8           rom_size_code;      /* raw byte at 0x148 */
  guint32          rom_size;           /* bytes, 0 when the code is unknown */
  guint8           ram_size_code;      /* raw byte at 0x149 */
  gboolean         ram_size_known;     /* FALSE for codes outside 0x00-0x05 */
  guint32          ram_size;           /* bytes of save RAM; MBC2's 512 half-bytes count as 512 */
  guint8           version;            /* 0x14C */
  guint8           header_checksum;    /* stored at 0x14D */
  guint8           computed_checksum;  /* over 0x134-0x14C, as the boot ROM computes it */
  guint16          global_checksum;    /* 0x14E-0x14F, big-endian; needs the whole ROM to check */
  gboolean         logo_ok;            /* 0x104-0x133 hold the logo the boot ROM checks */
} KsGbHeader;

gboolean    ks_gb_header_parse            (const guint8     *rom,
                                           gsize             size,
                                           KsGbHeader       *header,
                                           GError          **error);
guint8      ks_gb_header_compute_checksum (const guint8     *rom);
gboolean    ks_gb_header_checksum_ok      (const KsGbHeader *header);
gboolean    ks_gb_header_has_save         (const KsGbHeader *header);
gsize       ks_gb_header_save_size        (const KsGbHeader *header);
const char *ks_gb_mbc_to_string           (KsGbMbc           mbc);

G_END_DECLS
