/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-detect.c — which of the three games wrote a save
 *
 * Spec gen3.md §2.  Nothing in the save names the game, so two signals are
 * read from the section 0 (SaveBlock2) the game would load:
 *   1. PKHeX's rule on the u32 at SB2 0xAC: 1 is FireRed/LeafGreen's fixed
 *      dummy flags, 0 is Ruby/Sapphire's empty Battle Tower record, anything
 *      else is Emerald's encryption key — unless nothing is stored past 0x890,
 *      where Ruby/Sapphire's SaveBlock2 ends (§2.1).
 *   2. The checksum lengths: sections 0 and 4 are the only ones whose
 *      length differs by game, so the stored checksums say which lengths
 *      the writer used (§2.4).  Zero tails make the shorter games match the
 *      longer lengths too, so the signal is a set of games.
 * When they agree the answer is plain; when they do not (an Emerald save
 * still on key 0, a FireRed save whose dummy flags were overwritten with
 * 0xFF) the verifier warns and the caller can override the choice.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-gen3-private.h"

#define GAME_BIT(game) (1u << (game))
#define ALL_GAMES      (GAME_BIT (KS_GEN3_GAME_RS) | GAME_BIT (KS_GEN3_GAME_EMERALD) | \
                        GAME_BIT (KS_GEN3_GAME_FRLG))

/* §2.2: a key of exactly 1 is a FireRed flag, so the FRLG word is 1. */
#define FRLG_GAME_WORD 1u

/* When the signals leave a choice, Emerald first: it is the only game whose
 * data reaches every length, and an FRLG save would have 1 at 0xAC. */
static const KsGen3Game preference[] = {
  KS_GEN3_GAME_EMERALD,
  KS_GEN3_GAME_FRLG,
  KS_GEN3_GAME_RS,
};

static KsGen3Game
first_of (guint games)
{
  for (guint i = 0; i < G_N_ELEMENTS (preference); i++)
    if (games & GAME_BIT (preference[i]))
      return preference[i];

  return KS_GEN3_GAME_RS;
}

/* Signal 2 over every signed section 0 and 4 of the file. */
static guint
checksum_games (KsGen3Save *save)
{
  guint matches[KS_GEN3_N_GAMES] = { 0 };
  guint best = 0, games = 0;

  for (guint p = 0; p < save->n_slots * KS_GEN3_SECTORS_PER_SLOT; p++)
    {
      const guint8 *sector = save->data + p * KS_GEN3_SECTOR_SIZE;
      guint16 id = ks_read_le16 (sector + KS_GEN3_OFFSET_ID);
      guint16 stored = ks_read_le16 (sector + KS_GEN3_OFFSET_CHECKSUM);

      if (ks_read_le32 (sector + KS_GEN3_OFFSET_SIGNATURE) != KS_GEN3_SIGNATURE ||
          (id != 0 && id != 4))
        continue;

      for (guint g = 0; g < KS_GEN3_N_GAMES; g++)
        if (ks_gen3_checksum (sector, ks_gen3_section_size (g, id)) == stored)
          matches[g]++;
    }

  for (guint g = 0; g < KS_GEN3_N_GAMES; g++)
    best = MAX (best, matches[g]);
  for (guint g = 0; best > 0 && g < KS_GEN3_N_GAMES; g++)
    if (matches[g] == best)
      games |= GAME_BIT (g);

  return games;
}

/* The section 0 the game would load; failing that, any signed section 0,
 * newest counter first, so a damaged save still gets a best guess. */
static const guint8 *
find_sb2 (KsGen3Save            *save,
          const KsGen3Selection *sel,
          guint                 *physical)
{
  const guint8 *found = NULL;
  guint32 found_counter = 0;

  if (sel->loaded_slot >= 0)
    {
      const KsGen3Slot *slot = &sel->slots[sel->loaded_slot];

      for (guint p = KS_GEN3_SECTORS_PER_SLOT; p-- > 0;)
        if (slot->sectors[p].valid && slot->sectors[p].id == 0)
          {
            *physical = sel->loaded_slot * KS_GEN3_SECTORS_PER_SLOT + p;
            return save->data + *physical * KS_GEN3_SECTOR_SIZE;
          }
    }

  for (guint p = 0; p < save->n_slots * KS_GEN3_SECTORS_PER_SLOT; p++)
    {
      const guint8 *sector = save->data + p * KS_GEN3_SECTOR_SIZE;
      guint32 counter = ks_read_le32 (sector + KS_GEN3_OFFSET_COUNTER);

      if (ks_read_le32 (sector + KS_GEN3_OFFSET_SIGNATURE) != KS_GEN3_SIGNATURE ||
          ks_read_le16 (sector + KS_GEN3_OFFSET_ID) != 0)
        continue;
      if (found == NULL || counter > found_counter)
        {
          found = sector;
          found_counter = counter;
          *physical = p;
        }
    }

  return found;
}

static KsGen3Game
word_rule (guint32  word,
           gboolean rs_range_used)
{
  if (word == FRLG_GAME_WORD)
    return KS_GEN3_GAME_FRLG;
  if (word == 0)
    return KS_GEN3_GAME_RS;
  /* kwsch/PKHeX #1172: an RS Battle Tower record makes the word non-zero,
   * but RS never stores anything past 0x890. */
  return rs_range_used ? KS_GEN3_GAME_EMERALD : KS_GEN3_GAME_RS;
}

/* The reasons are whole sentences, each its own message, joined by spaces:
 * a verdict, what SaveBlock2 0xAC says, what the checksums say. */
static char *
word_sentence (const KsGen3Detection *d)
{
  if (d->dummy_ff)
    return g_strdup (_("SaveBlock2 0xAC–0xB3 are all 0xFF, the known corruption of "
                       "FireRed/LeafGreen’s dummy flags."));

  switch (d->word_game)
    {
    case KS_GEN3_GAME_FRLG:
      return g_strdup (_("SaveBlock2 0xAC holds 01 00 00 00, FireRed/LeafGreen’s fixed dummy "
                         "flags."));
    case KS_GEN3_GAME_EMERALD:
      return g_strdup_printf (_("SaveBlock2 0xAC holds 0x%08X, an Emerald encryption key, and "
                                "there is data past 0x890, where Ruby/Sapphire’s SaveBlock2 "
                                "ends."),
                              d->game_word);
    case KS_GEN3_GAME_RS:
    default:
      if (d->game_word == 0 && d->rs_range_used)
        return g_strdup (_("SaveBlock2 0xAC is 0, an empty Ruby/Sapphire Battle Tower record, "
                           "but there is data past 0x890, where Ruby/Sapphire’s SaveBlock2 "
                           "ends."));
      if (d->game_word == 0)
        return g_strdup (_("SaveBlock2 0xAC is 0, an empty Ruby/Sapphire Battle Tower record."));
      return g_strdup_printf (_("SaveBlock2 0xAC holds 0x%08X and nothing is stored past 0x890, "
                                "where Ruby/Sapphire’s SaveBlock2 ends."),
                              d->game_word);
    }
}

/* Game names are data here: one message for one game, one for two (all
 * three is its own sentence). */
static char *
checksum_sentence (guint games)
{
  const char *names[KS_GEN3_N_GAMES];
  guint n = 0;

  if (games == 0)
    return g_strdup (_("No section 0 or 4 checksum matches any game’s length."));
  if (games == ALL_GAMES)
    return g_strdup (_("The section checksums fit every game’s lengths."));

  for (guint g = 0; g < KS_GEN3_N_GAMES; g++)
    if (games & GAME_BIT (g))
      names[n++] = ks_gen3_game_to_name (g);

  if (n == 1)
    /* Translators: %s is a game, “Emerald” */
    return g_strdup_printf (_("The section 0 and 4 checksums fit the lengths of %s."), names[0]);

  g_assert (n == 2);
  /* Translators: two games, “Emerald” and “FireRed/LeafGreen” */
  return g_strdup_printf (_("The section 0 and 4 checksums fit the lengths of %s and %s."),
                          names[0], names[1]);
}

void
ks_gen3_detect (KsGen3Save *save)
{
  KsGen3Detection *d = &save->detection;
  g_autofree char *verdict = NULL;
  g_autofree char *word_text = NULL;
  g_autofree char *checksum_text = NULL;
  KsGen3Selection provisional;
  const guint8 *sb2;
  guint candidates;
  KsGen3Game game;

  memset (d, 0, sizeof *d);
  g_clear_pointer (&save->detection_reason, g_free);

  d->checksum_games = checksum_games (save);

  /* The games agree on every section length but 0 and 4, so any game
   * whose lengths fit those finds the slot the game would load. */
  ks_gen3_select (save->data, save->n_slots, first_of (d->checksum_games), &provisional);
  sb2 = find_sb2 (save, &provisional, &d->sb2_sector);
  if (sb2 == NULL)
    {
      save->detected_game = save->game = KS_GEN3_GAME_RS;
      save->detection_reason = g_strdup (_("No slot holds a section 0 to detect the game from; "
                                           "the save has no game data yet."));
      return;
    }

  d->has_sb2 = TRUE;
  d->game_word = ks_read_le32 (sb2 + KS_GEN3_SB2_GAME_WORD);
  d->dummy_ff = ks_bytes_all (sb2 + KS_GEN3_SB2_GAME_WORD,
                              KS_GEN3_SB2_GAME_WORD_END - KS_GEN3_SB2_GAME_WORD, 0xFF);
  d->rs_range_used = !ks_bytes_all (sb2 + KS_GEN3_SB2_RS_END,
                                    KS_GEN3_SB2_E_END - KS_GEN3_SB2_RS_END, 0x00);
  d->word_game = word_rule (d->game_word, d->rs_range_used);

  candidates = d->checksum_games != 0 ? d->checksum_games : ALL_GAMES;
  /* Data past 0x890 cannot have been written by Ruby/Sapphire. */
  if (d->rs_range_used && (candidates & ~GAME_BIT (KS_GEN3_GAME_RS)) != 0)
    candidates &= ~GAME_BIT (KS_GEN3_GAME_RS);

  if (d->dummy_ff)
    {
      /* §2.3, kwsch/PKHeX #146: cheats leave FireRed/LeafGreen saves with
       * 0xFF over the dummy flags; the word rule then says nothing. */
      game = (candidates & GAME_BIT (KS_GEN3_GAME_FRLG)) ? KS_GEN3_GAME_FRLG
                                                         : first_of (candidates);
      d->disagree = TRUE;
    }
  else if (candidates & GAME_BIT (d->word_game))
    game = d->word_game;
  else
    {
      game = first_of (candidates);
      d->disagree = TRUE;
    }

  if (d->disagree)
    verdict = g_strdup_printf (_("The game is probably %s."), ks_gen3_game_to_name (game));
  else
    verdict = g_strdup_printf (_("The game is %s."), ks_gen3_game_to_name (game));
  word_text = word_sentence (d);
  checksum_text = checksum_sentence (d->checksum_games);
  save->detection_reason = d->disagree
    ? g_strjoin (" ", verdict, word_text, checksum_text, _("Choose the game if this is wrong."),
                 NULL)
    : g_strjoin (" ", verdict, word_text, checksum_text, NULL);

  save->detected_game = save->game = game;
}
