/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-trainer.h — the trainer fields of a Gen III save, read and edited
 *
 * Spec gen3.md §3.  Fields are read from the slot the game loads; money and
 * coins are decoded with that slot's own key.  An edit changes the save in
 * memory; serialising it then writes the game-like new slot (ks-gen3.h).
 * Edits are refused while the slot being edited has error findings, unless
 * @force is TRUE: a forced edit is remembered, and the write that follows
 * accepts the errors that were already there (never new ones).
 */
#pragma once

#include <glib.h>

#include "ks-gen3.h"

G_BEGIN_DECLS

#define KS_GEN3_NAME_MAX_CHARS  7         /* international; 8 bytes with 0xFF */
#define KS_GEN3_MONEY_MAX       999999u   /* pokefirered src/money.c MAX_MONEY */
#define KS_GEN3_COINS_MAX       9999u     /* include/constants/coins.h MAX_COINS */
#define KS_GEN3_HOURS_MAX       999u      /* play time caps at 999:59:59 */
#define KS_GEN3_MINUTES_MAX     59u
#define KS_GEN3_N_BADGES        8

typedef enum
{
  KS_GEN3_GENDER_MALE = 0,
  KS_GEN3_GENDER_FEMALE = 1,
} KsGen3Gender;

typedef struct
{
  char     *name;                        /* UTF-8 */
  guint8    gender;                      /* KsGen3Gender; other values as stored */
  guint16   tid;                         /* trainer ID, the one the player sees */
  guint16   sid;                         /* secret ID */
  guint32   money;
  guint16   coins;
  guint16   hours;
  guint8    minutes;
  guint8    seconds;
  guint8    frames;
  gboolean  badges[KS_GEN3_N_BADGES];
} KsGen3Trainer;

/* SaveBlock2 0x13–0x15 (§3.1), decoded. */
typedef struct
{
  guint     button_mode;                 /* 0 Normal, 1 LR, 2 L=A */
  guint     text_speed;                  /* 0 slow, 1 mid, 2 fast */
  guint     window_frame;                /* 0–19 */
  gboolean  sound_stereo;
  gboolean  battle_style_set;
  gboolean  battle_scene_off;
  gboolean  region_map_zoom;
} KsGen3Options;

/* §3.6: a span of game time as Ruby, Sapphire and Emerald store it */
typedef struct
{
  gint16  days;
  gint8   hours;
  gint8   minutes;
  gint8   seconds;
} KsGen3Time;

void                ks_gen3_trainer_clear      (KsGen3Trainer        *trainer);
gboolean            ks_gen3_get_trainer        (KsGen3Save           *save,
                                                KsGen3Trainer        *trainer,
                                                GError              **error);
gboolean            ks_gen3_set_trainer        (KsGen3Save           *save,
                                                const KsGen3Trainer  *trainer,
                                                gboolean              force,
                                                GError              **error);
gboolean            ks_gen3_set_trainer_field  (KsGen3Save           *save,
                                                const char           *key,
                                                const char           *value,
                                                gboolean              force,
                                                GError              **error);
const char *const  *ks_gen3_trainer_keys       (void);
gboolean            ks_gen3_get_options        (KsGen3Save           *save,
                                                KsGen3Options        *options);
/* §3.6: the offset of the game's clock from the cart's (SB2 0x98) and the
 * game time of the last berry-tree update (0xA0), from the slot the game
 * loads; FALSE for FireRed/LeafGreen (no clock) and a save with no game */
gboolean            ks_gen3_get_clock          (KsGen3Save           *save,
                                                KsGen3Time           *offset,
                                                KsGen3Time           *berry_update);
/* "3 days 04:05:06 behind the cart's clock", "the same as the cart's clock" */
char               *ks_gen3_describe_clock_offset (const KsGen3Time  *offset);
const char         *ks_gen3_badge_name         (KsGen3Game            game,
                                                guint                 badge);
/* What changed from @before to @after, in words ("money 3,000 → 5,000,
 * play time +1 h 12 min"), or NULL when nothing did (ks-gen3-diff.c) */
char               *ks_gen3_trainer_describe_changes (KsGen3Game           game,
                                                      const KsGen3Trainer *before,
                                                      const KsGen3Trainer *after);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsGen3Trainer, ks_gen3_trainer_clear)

G_END_DECLS
