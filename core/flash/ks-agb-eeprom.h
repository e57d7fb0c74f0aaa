/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-eeprom.h — what Keepsake knows of the GBA's serial save EEPROM:
 * its two sizes, its 8-byte blocks, the address width each size takes and
 * the size probe (save-chips.md §1)
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* §1.1: the chip is read and written in blocks of 64 bits */
#define KS_AGB_EEPROM_BLOCK_SIZE   8
#define KS_AGB_EEPROM_SMALL_SIZE   512     /* 4 Kbit: 64 blocks, 6-bit addresses */
#define KS_AGB_EEPROM_LARGE_SIZE   8192    /* 64 Kbit: 1024 blocks, 14-bit addresses */
/* §1.2: GBATEK's write time, about 108,000 cycles of the 16.78 MHz CPU */
#define KS_AGB_EEPROM_WRITE_USEC   6500

/* §1.3: the reader's type byte, which is the address width it sends */
typedef enum
{
  KS_AGB_EEPROM_ADDRESS_6  = 1,   /* "4 Kbit" */
  KS_AGB_EEPROM_ADDRESS_14 = 2,   /* "64 Kbit" */
} KsAgbEepromWidth;

typedef enum
{
  KS_AGB_EEPROM_PROBE_SMALL,      /* 512 bytes */
  KS_AGB_EEPROM_PROBE_LARGE,      /* 8 KiB */
  KS_AGB_EEPROM_PROBE_BLANK,      /* all 0xFF both ways: blank, or no EEPROM */
  KS_AGB_EEPROM_PROBE_UNCLEAR,    /* answers that fit neither size */
} KsAgbEepromProbe;

/* 512 or 8192; FALSE for any other size */
gboolean          ks_agb_eeprom_is_size         (gsize          size);
/* The address width a chip of @size takes (512 → 6 bits, 8192 → 14) */
KsAgbEepromWidth  ks_agb_eeprom_width_for_size  (gsize          size);
guint             ks_agb_eeprom_address_bits    (KsAgbEepromWidth width);
/* §1.4: the size from the 512 bytes read with 6-bit addresses and the
 * 8 KiB read with 14-bit addresses */
KsAgbEepromProbe  ks_agb_eeprom_probe_decide    (const guint8  *small_read,
                                                 const guint8  *large_read);

G_END_DECLS
