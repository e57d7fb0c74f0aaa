/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-detect.h — what is in the reader's slot, and how sure that is
 *
 * GBA: the ROM header says a cart is seated; the save chip is SRAM when a
 * written byte reads back changed, otherwise the flash ID names it; when
 * neither answers, two reads of the serial EEPROM tell whether there is
 * one and which size (save-chips.md §1.4).  GB:
 * the Mega Memory Card answers the 28SF040 ID (BF 04) through its 0x80
 * register; any other cart is described by its header (MBC, RAM size).
 * A Game Boy cart plugged on top of the Mega Memory Card is never what the
 * reader sees first: it is reached through the card (ks-mmc-top-cart.h),
 * when the override asks for it ("mmc-top") or ks_cart_detect_top() does.
 * Detection is a guess the user can correct: every result says whether it
 * is sure, and an override (ks_cart_override_parse()) replaces it.
 */
#pragma once

#include <glib.h>

#include "ks-agb-flash-chips.h"
#include "ks-gb-header.h"
#include "ks-lk-reader.h"

G_BEGIN_DECLS

typedef enum
{
  KS_CART_NONE,          /* nothing answered */
  KS_CART_GBA_FLASH,
  KS_CART_GBA_SRAM,
  KS_CART_GBA_OTHER,     /* a GBA cart whose save chip is not recognised */
  KS_CART_GB,
  KS_CART_MMC,
  KS_CART_GB_ON_MMC,     /* a Game Boy cart on top of the Mega Memory Card */
  KS_CART_GBA_EEPROM,    /* 512 bytes or 8 KiB (save_size) */
} KsCartKind;

typedef enum
{
  KS_CART_PLATFORM_AUTO,  /* GBA first at 3.3 V; Game Boy only when no GBA cart answers */
  KS_CART_PLATFORM_GBA,
  KS_CART_PLATFORM_GB,
} KsCartPlatform;

typedef struct
{
  KsCartKind            kind;
  gboolean              sure;
  char                 *title;       /* from the header, or NULL */
  char                 *game_code;   /* GBA, or NULL */
  char                 *notes;       /* what was seen, and why it is unsure */
  guint16               flash_id;    /* GBA flash */
  const KsAgbFlashChip *flash_chip;
  KsGbMbc               mbc;         /* GB */
  gsize                 save_size;   /* bytes the reader reads; 0 = none */
  const char           *format_id;   /* the format the save should be in, or NULL */
  /* GBA: the S-3511 clock on the GPIO port, as the reader gave it
   * (save-chips.md §3.3), when its answer was a valid date and time */
  gboolean              has_clock;
  guint8                clock[8];
  gint64                clock_read_unix;
  /* GB: the MBC3 clock's latched registers (seconds, minutes, hours, day
   * low, day high) when the header names a timer (save-chips.md §4.1) */
  gboolean              has_mbc3_clock;
  guint8                mbc3_clock[5];
} KsCartInfo;

typedef struct
{
  KsCartPlatform  platform;
  KsCartKind      kind;        /* KS_CART_NONE: detect */
  gsize           save_size;   /* 0: as detected */
  KsGbMbc         mbc;         /* KS_GB_MBC_UNKNOWN: as detected */
  guint16         flash_id;    /* 0: as detected */
} KsCartOverride;

void        ks_cart_override_init        (KsCartOverride       *override);
/* "gba", "gb", "gba-flash[:SIZE|:ID]", "gba-sram[:SIZE]",
 * "gba-flash-atmel", "gba-eeprom-512", "gba-eeprom-8k",
 * "gb:MBC[:SIZE]" (MBC = none, mbc1, mbc2, mbc3, mbc5), "mmc",
 * "mmc-top[:SIZE]" (the Game Boy cart on top of the Mega Memory Card;
 * SIZE a multiple of 8192 from 8192 to 131072);
 * ID is 4 hex digits such as C209; SIZE is in bytes. */
gboolean    ks_cart_override_parse       (const char           *spec,
                                          KsCartOverride       *override,
                                          GError              **error);

gboolean    ks_cart_detect               (KsLkReader           *reader,
                                          const KsCartOverride *override,
                                          KsCartInfo           *info,
                                          GError              **error);
/* With a Mega Memory Card in the reader: the Game Boy cart on top of it,
 * sized by the card's bank test (mega-memory-card.md §5); kind
 * KS_CART_NONE, with a note, when no cart with save RAM answers there. */
gboolean    ks_cart_detect_top           (KsLkReader           *reader,
                                          KsCartInfo           *info,
                                          GError              **error);
void        ks_cart_info_clear           (KsCartInfo           *info);
const char *ks_cart_kind_to_string       (KsCartKind            kind);
/* Whether the cart is a GBA cart (read in an AGB session) */
gboolean    ks_cart_kind_is_gba          (KsCartKind            kind);
/* "GBA flash save, Macronix MX29L010 (C209), 131072 bytes", and the clock
 * and whether it runs when the cart has one */
char       *ks_cart_info_describe        (const KsCartInfo     *info);
/* The format the cart's kind calls for, never a guess across kinds (a GBA
 * save is not a GB .sav): what detection named (Gen III for a Pokémon
 * Ruby/Sapphire/Emerald/FireRed/LeafGreen cart), else the raw GBA save for
 * any other GBA save chip (save-chips.md §6), else NULL */
const char *ks_cart_info_format_id       (const KsCartInfo     *info);
/* The same, with the save read from the cart: a raw GBA save whose bytes a
 * GBA format recognises (Gen III slots on a cart whose header does not name
 * the game) opens as that format */
const char *ks_cart_info_format_for_bytes (const KsCartInfo    *info,
                                           GBytes              *bytes,
                                           const char          *file_name);
/* A key naming the cart's save layout (kind, chip, controller, size), for
 * ks-reader-memory.h: two carts with the same key take the same save */
char       *ks_cart_info_dup_key         (const KsCartInfo     *info);
/* A file name for the save: "POKEMON EMER.sav", "mega-memory-card.bin",
 * "mmc-top-cart.sav" */
char       *ks_cart_info_suggest_name    (const KsCartInfo     *info);

G_END_DECLS
