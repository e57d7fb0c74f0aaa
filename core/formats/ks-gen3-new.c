/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-new.c — a freshly started Gen III game, built from nothing
 *
 * The logical blocks follow what NewGameInitData leaves (pret new_game.c):
 * default options (text speed mid), an empty party, box names "BOX1" to
 * "BOX14" with wallpapers cycling through the first four, FireRed/
 * LeafGreen's dummy flags 01 00 at SaveBlock2 0xAC, and Emerald's
 * ClearFrontierRecord, which leaves 0xFF at the start of both Battle
 * Frontier opponent names (SaveBlock2 0xEE1 and 0xEE9).  Emerald and
 * FireRed/LeafGreen get an encryption key, as after the game's first
 * re-key, and every field gen3.md §3.3 lists as encrypted holds its value
 * XORed with it (FireRed/LeafGreen's Trainer Tower times, whose offset §3.3
 * does not give, stay zero).
 *
 * The flash image is the state after the first save (spec §1.6 step 4):
 * counter 1 in slot B, section 0 at sector 15, slot A and sectors 28–31
 * still erased (0xFF).
 */

#include "config.h"

#include <string.h>

#include "ks-bytes.h"
#include "ks-gen3-charset.h"
#include "ks-gen3-new.h"
#include "ks-gen3-private.h"

#define OPTIONS_TEXT_SPEED_MID   1u        /* SetDefaultOptions */
#define FRLG_DUMMY_FLAG_1        0xACu     /* unkFlag1 = TRUE */
#define E_OPPONENT_NAME_1        0xEE1u    /* frontier.opponentNames[0][0] */
#define E_OPPONENT_NAME_2        0xEE9u    /* frontier.opponentNames[1][0] */
#define DEFAULT_WALLPAPERS       4u        /* MAX_DEFAULT_WALLPAPER + 1 */
#define NUM_GAME_STATS           64u       /* E and FRLG include/constants/game_stat.h */
#define FIRST_SAVE_COUNTER       1u        /* §1.6: counters reset to 0, first save adds 1 */
#define FIRST_SAVE_SECTOR        1u        /* lastWrittenSector 0 + 1 */

typedef struct
{
  guint offset;
  guint count;
} Pocket;

typedef struct
{
  Pocket pockets[5];        /* §3.2 bag: items, key items, balls, TM/HM, berries */
  guint  game_stats;        /* SB1, u32 × 64, XOR key */
  guint  berry_powder;      /* SB2, u32, XOR key */
} Encrypted;

/* §3.2, §3.3 (pret global.h; PKHeX SaveBlock3Large{E,FRLG}.cs) */
static const Encrypted encrypted[KS_GEN3_N_GAMES] = {
  [KS_GEN3_GAME_EMERALD] = {
    .pockets = { { 0x560, 30 }, { 0x5D8, 30 }, { 0x650, 16 }, { 0x690, 64 }, { 0x790, 46 } },
    .game_stats = 0x159C,
    .berry_powder = 0x1F4,
  },
  [KS_GEN3_GAME_FRLG] = {
    .pockets = { { 0x310, 42 }, { 0x3B8, 30 }, { 0x430, 13 }, { 0x464, 58 }, { 0x54C, 43 } },
    .game_stats = 0x1200,
    .berry_powder = 0xAF8,
  },
};

static void
apply_key (guint8     *blocks,
           KsGen3Game  game,
           guint32     key)
{
  const KsGen3Layout *layout = ks_gen3_layout (game);
  const Encrypted *e = &encrypted[game];
  guint8 *sb2 = blocks + KS_GEN3_SB2_START;
  guint8 *sb1 = blocks + KS_GEN3_SB1_START;

  if (!layout->has_key)
    return;

  ks_write_le32 (sb2 + layout->key, key);
  /* every encrypted value is 0 in a new game, so each stores the key */
  ks_write_le32 (sb1 + layout->money, key);
  ks_write_le16 (sb1 + layout->coins, (guint16) (key & 0xFFFF));
  for (guint p = 0; p < G_N_ELEMENTS (e->pockets); p++)
    for (guint i = 0; i < e->pockets[p].count; i++)
      ks_write_le16 (sb1 + e->pockets[p].offset + 4 * i + 2, (guint16) (key & 0xFFFF));
  for (guint i = 0; i < NUM_GAME_STATS; i++)
    ks_write_le32 (sb1 + e->game_stats + 4 * i, key);
  ks_write_le32 (sb2 + e->berry_powder, key);
}

static void
init_storage (guint8 *blocks)
{
  guint8 *pc = blocks + KS_GEN3_PC_START;

  /* pret ResetPokemonStorageSystem: gText_Box + number, wallpaper b % 4 */
  for (guint b = 0; b < KS_GEN3_N_BOXES; b++)
    {
      g_autofree char *name = g_strdup_printf ("BOX%u", b + 1);
      g_autoptr(GBytes) bytes = ks_gen3_encode_text (name, NULL);
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);

      memcpy (pc + KS_GEN3_PC_BOX_NAMES + b * KS_GEN3_PC_BOX_NAME_SIZE, data, MIN (size, (gsize) KS_GEN3_PC_BOX_NAME_SIZE));
      pc[KS_GEN3_PC_WALLPAPERS + b] = (guint8) (b % DEFAULT_WALLPAPERS);
    }
}

/* The 14 section buffers (KS_GEN3_BLOCKS_SIZE = 14 × 3968 bytes) of a new
 * game with @trainer's fields; @key is ignored for Ruby/Sapphire. */
guint8 *
ks_gen3_new_blocks (KsGen3Game            game,
                    const KsGen3Trainer  *trainer,
                    guint32               key,
                    GError              **error)
{
  g_autofree guint8 *blocks = NULL;
  KsGen3Trainer blank = { 0 };
  KsGen3Save scratch = { 0 };

  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, NULL);
  g_return_val_if_fail (trainer != NULL && trainer->name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  blocks = g_malloc0 (KS_GEN3_BLOCKS_SIZE);

  ks_write_le16 (blocks + KS_GEN3_SB2_START + KS_GEN3_SB2_OPTIONS, OPTIONS_TEXT_SPEED_MID);
  if (game == KS_GEN3_GAME_FRLG)
    blocks[KS_GEN3_SB2_START + FRLG_DUMMY_FLAG_1] = 1;
  if (game == KS_GEN3_GAME_EMERALD)
    {
      blocks[KS_GEN3_SB2_START + E_OPPONENT_NAME_1] = KS_GEN3_CHAR_TERMINATOR;
      blocks[KS_GEN3_SB2_START + E_OPPONENT_NAME_2] = KS_GEN3_CHAR_TERMINATOR;
    }
  apply_key (blocks, game, key);
  init_storage (blocks);

  /* With the encrypted zeros in place every field reads 0, so the
   * trainer's values go through the same checks and encoding as an edit. */
  scratch.game = game;
  scratch.blocks = blocks;
  if (!ks_gen3_apply_trainer (&scratch, &blank, trainer, error))
    return NULL;

  return g_steal_pointer (&blocks);
}

/* A game-like key that is neither 0 nor 1: 0 would read as Ruby/Sapphire
 * and 1 as FireRed/LeafGreen's dummy flags (spec §2.2). */
static guint32
key_for (const KsGen3Trainer *trainer)
{
  guint32 seed = ((guint32) trainer->sid << 16) | trainer->tid;
  guint32 key = seed * 1103515245u + 24691u;   /* the GBA games' LCG constants */

  return key > 1 ? key : key + 2;
}

GBytes *
ks_gen3_build_new_save (KsGen3Game            game,
                        const KsGen3Trainer  *trainer,
                        GError              **error)
{
  g_autofree guint8 *blocks = NULL;
  guint8 *flash;

  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, NULL);
  g_return_val_if_fail (trainer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  blocks = ks_gen3_new_blocks (game, trainer, key_for (trainer), error);
  if (blocks == NULL)
    return NULL;

  flash = g_malloc (KS_GEN3_FLASH_SIZE);
  memset (flash, 0xFF, KS_GEN3_FLASH_SIZE);
  ks_gen3_write_slot (flash, 1, game, blocks, FIRST_SAVE_COUNTER, FIRST_SAVE_SECTOR);

  return g_bytes_new_take (flash, KS_GEN3_FLASH_SIZE);
}
