/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3.h — Pokémon Ruby/Sapphire, Emerald and FireRed/LeafGreen saves
 *
 * The 128 KiB flash image of the Gen III games (spec gen3.md): two slots of
 * 14 sectors, the game's own choice between them, game detection, and the
 * three logical blocks (SaveBlock2, SaveBlock1, PokemonStorage) the game
 * cuts into sections.  The format is registered as "gen3"; the CLI and the
 * window reach the KsGen3Save behind a container with
 * ks_container_get_impl().
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

typedef enum
{
  KS_GEN3_GAME_RS,        /* Ruby / Sapphire */
  KS_GEN3_GAME_EMERALD,
  KS_GEN3_GAME_FRLG,      /* FireRed / LeafGreen */
} KsGen3Game;

#define KS_GEN3_N_GAMES 3

/* What the game makes of one slot (spec §1.7). */
typedef enum
{
  KS_GEN3_SLOT_EMPTY,     /* no sector carries the signature */
  KS_GEN3_SLOT_OK,        /* all 14 sections present with valid checksums */
  KS_GEN3_SLOT_ERROR,     /* signed, but some section is missing or broken */
  KS_GEN3_SLOT_ABSENT,    /* a half-size file has no slot B */
} KsGen3SlotStatus;

/* What the player sees at boot (spec §1.7, pokefirered main_menu.c). */
typedef enum
{
  KS_GEN3_BOOT_EMPTY,             /* both slots erased: New Game only */
  KS_GEN3_BOOT_OK,                /* Continue */
  KS_GEN3_BOOT_PREVIOUS_LOADED,   /* "The save file is corrupted. The previous save file
                                   *  will be loaded." */
  KS_GEN3_BOOT_DELETED,           /* no usable slot: "The save file has been deleted..." */
} KsGen3Boot;

/* One of a slot's 14 sectors, as the slot scan saw it (spec §1.7). */
typedef enum
{
  KS_GEN3_SECTOR_UNSIGNED,  /* no signature: erased, or never written */
  KS_GEN3_SECTOR_VALID,     /* signed, a section id below 14, checksum matches */
  KS_GEN3_SECTOR_DAMAGED,   /* signed, but the id or the checksum is wrong */
} KsGen3SectorState;

typedef enum
{
  KS_GEN3_BLOCK_SB2,      /* SaveBlock2, section 0: trainer, options, Pokédex */
  KS_GEN3_BLOCK_SB1,      /* SaveBlock1, sections 1–4: party, money, bag, flags */
  KS_GEN3_BLOCK_PC,       /* PokemonStorage, sections 5–13: the 14 boxes */
} KsGen3Block;

typedef struct _KsGen3Save KsGen3Save;

extern const KsFormat ks_gen3_format;

const char      *ks_gen3_game_to_id          (KsGen3Game    game);
const char      *ks_gen3_game_to_name        (KsGen3Game    game);
gboolean         ks_gen3_game_from_id        (const char   *id,
                                              KsGen3Game   *game);

guint16          ks_gen3_checksum            (const guint8 *data,
                                              gsize         size);
gsize            ks_gen3_section_size        (KsGen3Game    game,
                                              guint         id);
gsize            ks_gen3_block_size          (KsGen3Game    game,
                                              KsGen3Block   block);

gboolean         ks_gen3_has_game_data       (KsGen3Save   *save);
KsGen3Game       ks_gen3_get_game            (KsGen3Save   *save);
KsGen3Game       ks_gen3_get_detected_game   (KsGen3Save   *save);
const char      *ks_gen3_get_game_detection  (KsGen3Save   *save);
gboolean         ks_gen3_is_game_overridden  (KsGen3Save   *save);
void             ks_gen3_set_game            (KsGen3Save   *save,
                                              KsGen3Game    game);

KsGen3Boot       ks_gen3_get_boot_status     (KsGen3Save   *save);
gint             ks_gen3_get_active_slot     (KsGen3Save   *save);
guint32          ks_gen3_get_save_counter    (KsGen3Save   *save);
KsGen3SlotStatus ks_gen3_get_slot_status     (KsGen3Save   *save,
                                              guint         slot);
guint32          ks_gen3_get_slot_counter    (KsGen3Save   *save,
                                              guint         slot);
KsGen3SectorState ks_gen3_get_sector_state   (KsGen3Save   *save,
                                              guint         slot,
                                              guint         position,
                                              guint        *section_id);
gsize            ks_gen3_get_footer_length   (KsGen3Save   *save);
gboolean         ks_gen3_is_half_size        (KsGen3Save   *save);
const guint8    *ks_gen3_get_block           (KsGen3Save   *save,
                                              KsGen3Block   block,
                                              gsize        *size);

gboolean         ks_gen3_check_writable      (KsGen3Save   *save,
                                              GError      **error);

G_END_DECLS
