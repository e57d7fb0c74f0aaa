/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gba-sav.h — a GBA cart's save chip as a plain .sav file
 *
 * The bytes of the cart's EEPROM, SRAM or flash, as cart readers and
 * emulators write them, optionally followed by mGBA's 16-byte clock footer
 * (save-chips.md §6).  Pokémon Gen III saves are the same bytes with a
 * structure Keepsake knows; they open as gen3, and this format takes the
 * rest.
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

/* §6: the largest save chip, a 1 Mbit flash */
#define KS_GBA_SAV_MAX_SIZE  (128 * 1024)

extern const KsFormat ks_gba_sav_format;

/* The chip's bytes in a file of @file_size (without the clock footer);
 * FALSE when no GBA cart gives a save of that size */
gboolean ks_gba_sav_chip_size (gsize  file_size,
                               gsize *chip_size);

G_END_DECLS
