/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-private.h — what the Gen III files share and nobody else sees
 *
 * The flash layout constants of spec gen3.md §1, the loaded save, the slot
 * selection, the detection signals and the per-game field offsets of §3.
 */
#pragma once

#include "ks-gen3.h"
#include "ks-gen3-trainer.h"

G_BEGIN_DECLS

/* §1.2–1.3: sector geometry */
#define KS_GEN3_SECTOR_SIZE          0x1000u
#define KS_GEN3_SECTOR_DATA_SIZE     0xF80u      /* SECTOR_DATA_SIZE, 3968 */
#define KS_GEN3_SECTORS_PER_SLOT     14u
#define KS_GEN3_N_SECTIONS           14u
#define KS_GEN3_ALL_SECTIONS         0x3FFFu     /* one bit per section id */
#define KS_GEN3_FLASH_SIZE           0x20000u    /* 1 Mbit flash, 32 sectors */
#define KS_GEN3_HALF_FLASH_SIZE      0x10000u    /* §1.1 512 Kbit emulator setting */
#define KS_GEN3_OFFSET_ID            0xFF4u
#define KS_GEN3_OFFSET_CHECKSUM      0xFF6u
#define KS_GEN3_OFFSET_SIGNATURE     0xFF8u
#define KS_GEN3_OFFSET_COUNTER       0xFFCu
#define KS_GEN3_SIGNATURE            0x08012025u /* SECTOR_SIGNATURE */

/* §1.8: sectors after the two slots */
#define KS_GEN3_SECTOR_HOF_1         28u
#define KS_GEN3_SECTOR_HOF_2         29u
#define KS_GEN3_SECTOR_SPECIAL_1     30u         /* E Trainer Hill, FRLG Trainer Tower */
#define KS_GEN3_SECTOR_SPECIAL_2     31u         /* E Recorded Battle, FRLG Trainer Tower */

/* The logical blocks of the loaded slot are kept as the game's 14 section
 * buffers back to back: SaveBlock2 is section 0, SaveBlock1 starts at
 * section 1 and the PC storage at section 5 (§1.4), so a logical offset is
 * a plain offset from the block's first section. */
#define KS_GEN3_BLOCKS_SIZE          (KS_GEN3_N_SECTIONS * KS_GEN3_SECTOR_DATA_SIZE)
#define KS_GEN3_SB2_START            0u
#define KS_GEN3_SB1_START            (1u * KS_GEN3_SECTOR_DATA_SIZE)
#define KS_GEN3_PC_START             (5u * KS_GEN3_SECTOR_DATA_SIZE)
#define KS_GEN3_PC_SIZE              0x83D0u     /* §1.4, every game */

/* §3.1: SaveBlock2, the same in every game */
#define KS_GEN3_SB2_NAME             0x00u       /* 7 characters + 0xFF */
#define KS_GEN3_SB2_NAME_SIZE        8u
#define KS_GEN3_SB2_GENDER           0x08u
#define KS_GEN3_SB2_TID              0x0Au
#define KS_GEN3_SB2_SID              0x0Cu
#define KS_GEN3_SB2_HOURS            0x0Eu
#define KS_GEN3_SB2_MINUTES          0x10u
#define KS_GEN3_SB2_SECONDS          0x11u
#define KS_GEN3_SB2_FRAMES           0x12u
#define KS_GEN3_SB2_BUTTON_MODE      0x13u
#define KS_GEN3_SB2_OPTIONS          0x14u       /* u16 bitfield */
#define KS_GEN3_SB2_DEX_OWNED        0x28u       /* 52 bytes */
#define KS_GEN3_SB2_DEX_SEEN         0x5Cu       /* 52 bytes, copy 1 of 3 */

/* §3.4: the PC storage block, the same in every game */
#define KS_GEN3_PC_CURRENT_BOX       0x0000u
#define KS_GEN3_PC_BOXES             0x0004u     /* 14 × 30 box Pokémon of 80 bytes */
#define KS_GEN3_PC_BOX_NAMES         0x8344u
#define KS_GEN3_PC_BOX_NAME_SIZE     9u          /* 8 characters + 0xFF */
#define KS_GEN3_PC_WALLPAPERS        0x83C2u
#define KS_GEN3_N_BOXES              14u
#define KS_GEN3_BOX_SLOTS            30u

/* §2: SaveBlock2 offsets used to tell the games apart */
#define KS_GEN3_SB2_CLOCK_OFFSET     0x98u       /* §3.6: RS/E, s16 days, s8 h, m, s */
#define KS_GEN3_SB2_BERRY_UPDATE     0xA0u       /* §3.6: the same layout */
#define KS_GEN3_SB2_GAME_WORD        0xACu       /* E key, FRLG dummy flags, RS Battle Tower */
#define KS_GEN3_SB2_GAME_WORD_END    0xB4u       /* §2.3 checks 0xAC..0xB3 for all-0xFF */
#define KS_GEN3_SB2_RS_END           0x890u      /* RS SaveBlock2 ends here */
#define KS_GEN3_SB2_E_END            0xF2Cu      /* Emerald SaveBlock2 ends here */

typedef struct
{
  guint16  id;
  guint16  stored_checksum;
  guint32  signature;
  guint32  counter;
  gboolean is_signed;     /* signature matches */
  gboolean id_ok;         /* signed and id < 14 */
  gboolean valid;         /* id_ok and the checksum matches at this game's length */
} KsGen3Sector;

typedef struct
{
  KsGen3SlotStatus status;
  guint32          counter;   /* from the last valid sector in physical order (§1.7) */
  guint16          mask;      /* bit per section id found valid */
  KsGen3Sector     sectors[KS_GEN3_SECTORS_PER_SLOT];
} KsGen3Slot;

typedef struct
{
  KsGen3Slot slots[2];
  KsGen3Boot boot;
  guint32    game_counter;    /* gSaveCounter after GetSaveValidStatus */
  gint       loaded_slot;     /* the slot the tool shows and edits, -1 for none */
  gint       pkhex_slot;      /* what PKHeX would edit (§1.9), -1 when not applicable */
} KsGen3Selection;

typedef struct
{
  gboolean   has_sb2;         /* some slot had a signed section 0 to read */
  guint      sb2_sector;      /* physical sector it was read from */
  guint32    game_word;       /* u32 at SB2 0xAC */
  KsGen3Game word_game;       /* what PKHeX's 0xAC rule says (§2.1) */
  gboolean   dummy_ff;        /* SB2 0xAC..0xB3 all 0xFF (§2.3) */
  gboolean   rs_range_used;   /* non-zero bytes in SB2 [0x890, 0xF2C) */
  guint      checksum_games;  /* bit per game whose section 0/4 lengths fit best (§2.4) */
  gboolean   disagree;        /* the signals point at different games */
} KsGen3Detection;

struct _KsGen3Save
{
  GBytes          *image;
  const guint8    *data;
  gsize            size;
  gsize            flash_size;
  gsize            footer_length;
  guint            n_slots;

  KsGen3Game       game;
  KsGen3Game       detected_game;
  gboolean         game_overridden;
  KsGen3Detection  detection;
  char            *detection_reason;

  KsGen3Selection  selection;
  guint            last_written;  /* physical index of section 0 in the loaded slot */
  guint16          loaded_mask;   /* sections copied into blocks */
  guint8          *blocks;        /* KS_GEN3_BLOCKS_SIZE bytes */

  gboolean         edited;
  gboolean         forced;
};

/* Per-game offsets of spec §3, logical offsets inside their block. */
typedef struct
{
  gboolean has_key;          /* E and FRLG XOR money, coins, ... with a key */
  guint    key;              /* SB2 offset of the key */
  guint    party_count;      /* SB1 */
  guint    party;            /* SB1, 6 × 100 bytes */
  guint    money;            /* SB1 */
  guint    coins;            /* SB1 */
  guint    seen_2;           /* SB1, 52 bytes */
  guint    seen_3;           /* SB1, 52 bytes */
  guint    flags;            /* SB1, event flags */
  guint    flags_size;
  guint    badge_flag;       /* flag number of badge 1; badges 2–8 follow */
  guint    max_item;         /* §5.2, PKHeX Legal.cs */
  guint    max_wallpaper;
} KsGen3Layout;

const KsGen3Layout *ks_gen3_layout         (KsGen3Game        game);

void     ks_gen3_read_sector               (const guint8     *sector,
                                            KsGen3Game        game,
                                            KsGen3Sector     *out);
void     ks_gen3_select                    (const guint8     *flash,
                                            guint             n_slots,
                                            KsGen3Game        game,
                                            KsGen3Selection  *out);
gint     ks_gen3_pkhex_slot                (const guint8     *flash,
                                            guint             n_slots);
void     ks_gen3_detect                    (KsGen3Save       *save);

void     ks_gen3_write_slot                (guint8           *flash,
                                            guint             slot,
                                            KsGen3Game        game,
                                            const guint8     *blocks,
                                            guint32           counter,
                                            guint             first_sector);

/* @blocking, when not NULL, also receives (copies of) the error findings
 * that stop an edit of the loaded slot: its own sectors, its data, and how
 * the game would boot it. */
void     ks_gen3_verify                    (KsGen3Save       *save,
                                            GPtrArray        *findings,
                                            GPtrArray        *blocking);

guint32  ks_gen3_get_key                   (KsGen3Save       *save);
gboolean ks_gen3_apply_trainer             (KsGen3Save          *save,
                                            const KsGen3Trainer *current,
                                            const KsGen3Trainer *trainer,
                                            GError             **error);
gboolean ks_gen3_blocks_loaded             (KsGen3Save       *save,
                                            gsize             offset,
                                            gsize             length);

G_END_DECLS
