/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-demo.h — the demo: sample images and three emulated cart readers, all
 * made by Keepsake's own code (DESIGN.md, "The GTK application")
 *
 * No game data: the Pokémon save is a freshly started game
 * (ks-gen3-new.h), the Game Boy saves are patterned bytes, the Saturn saves
 * carry made-up payloads.  The readers are the LK emulator on real
 * pseudo-terminals, so the app reaches them through the same driver,
 * libserialport and tty as a GBxCart RW.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The names of the files ks_demo_start() writes into its folder */
#define KS_DEMO_GEN3_FILE    "pokemon-emerald.sav"
#define KS_DEMO_MMC_FILE     "mega-memory-card.bin"
#define KS_DEMO_GB_FILE      "game-boy-cart.sav"
#define KS_DEMO_EEPROM_FILE  "gba-eeprom-cart.sav"
#define KS_DEMO_SATURN_FILE  "saturn-internal.bkr"
#define KS_DEMO_BUP_FOLDER   "saturn-bup"
/* Present in a folder the demo made, so it may empty it the next time */
#define KS_DEMO_MARKER_FILE  ".keepsake-demo"

/* The demo trainer of the Pokémon save */
#define KS_DEMO_TRAINER_NAME "SAGE"
#define KS_DEMO_TRAINER_TID  24680
#define KS_DEMO_TRAINER_SID  13579
/* The names the demo's Mega Memory Card holds its saves under */
#define KS_DEMO_MMC_SAVES    3

typedef struct _KsDemo KsDemo;

/* Writes the images into @dir (created if needed; a folder an earlier demo
 * made is emptied first, any other non-empty folder is refused) and starts
 * the three readers, each served on its own thread. */
KsDemo     *ks_demo_start          (const char  *dir,
                                    GError     **error);
/* Stops the readers and writes what their chips hold back to the image
 * files, as keepsake-emulator does.  Later calls do nothing. */
gboolean    ks_demo_stop           (KsDemo      *self,
                                    GError     **error);
/* Stops (reporting nothing) and frees. */
void        ks_demo_free           (KsDemo      *self);

const char *ks_demo_get_dir        (KsDemo      *self);
/* Reader 1: a GBA cart with the Pokémon flash save */
const char *ks_demo_get_gba_port   (KsDemo      *self);
/* Reader 2: a Mega Memory Card with a Game Boy cart (MBC5) on top */
const char *ks_demo_get_mmc_port   (KsDemo      *self);
/* Reader 3: a GBA cart with an 8 KiB EEPROM save and a running clock
 * (save-chips.md §1, §3) */
const char *ks_demo_get_eeprom_port (KsDemo     *self);
const char *ks_demo_get_eeprom_path (KsDemo     *self);
const char *ks_demo_get_gen3_path  (KsDemo      *self);
const char *ks_demo_get_mmc_path   (KsDemo      *self);
const char *ks_demo_get_gb_path    (KsDemo      *self);
const char *ks_demo_get_saturn_path (KsDemo     *self);
const char *ks_demo_get_bup_folder (KsDemo      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsDemo, ks_demo_free)

G_END_DECLS
