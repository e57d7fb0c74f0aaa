/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gba-header.h — the Game Boy Advance cartridge header at ROM 0x00-0xBF
 *
 * What a cart reader needs to tell a GBA cart is inserted and to name its
 * backups: the title, the 4-letter game code and the maker code.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The parser reads ROM 0x00-0xBF. */
#define KS_GBA_HEADER_SIZE 0xC0

typedef struct
{
  char     title[13];            /* printable ASCII, trailing NULs and spaces cut */
  char     game_code[5];         /* e.g. "BPEE"; "" when not printable */
  char     maker_code[3];
  guint8   fixed_value;          /* 0xB2, must be 0x96 */
  guint8   version;              /* 0xBC */
  guint8   complement;           /* stored at 0xBD */
  guint8   computed_complement;  /* over 0xA0-0xBC, as the BIOS computes it */
} KsGbaHeader;

gboolean ks_gba_header_parse              (const guint8      *rom,
                                           gsize              size,
                                           KsGbaHeader       *header,
                                           GError           **error);
guint8   ks_gba_header_compute_complement (const guint8      *rom);
/* The fixed value and the complement check both hold, as the BIOS requires
 * before it boots a cart: a cart is seated and answering. */
gboolean ks_gba_header_is_valid           (const KsGbaHeader *header);

G_END_DECLS
