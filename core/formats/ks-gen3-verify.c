/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-verify.c — every integrity check of spec gen3.md §7
 *
 * File (checks 1–3), each slot's sectors (4–12), the game's slot choice
 * (13–15), game detection (16–18), the extra sectors (19–20), the trainer
 * block of the loaded slot (21–27) and every party and box Pokémon
 * (28–31).  Severities follow §7: an error is something the game would
 * reject or misload, and blocks writing; a warning is suspicious or upsets
 * other tools; info is for the user's picture.  Codes are stable.
 *
 * Findings about the slot being edited (its sectors, its data, how the
 * game would boot it) also go to the caller's "blocking" list: those are
 * the ones that refuse an edit (ks_gen3_check_writable()).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-gen3-charset.h"
#include "ks-gen3-pokemon.h"
#include "ks-gen3-private.h"

/* §1.8 */
#define SPECIAL_SENTINEL          0x0000B39Du
#define RECORDED_BATTLE_SIZE      3968u       /* pokeemerald struct RecordedBattleSave */
#define RECORDED_BATTLE_FLAGS     1260u       /* offset of battleFlags in it */

/* §3.1, §3.4 */
#define DEX_BYTES                 52u
#define DEX_COUNT                 386u        /* national dex of Gen III */
#define PARTY_SIZE                6u

/* §3.1 options and limits (pokefirered include/global.h, constants) */
#define MAX_BUTTON_MODE           2u
#define MAX_TEXT_SPEED            2u
#define MAX_WINDOW_FRAME          19u
#define OPTIONS_RESERVED_BITS     0xF000u

/* §5.1–5.3 (PKHeX Legal.cs, pokefirered include/constants/species.h) */
#define PK3_FLAG_BAD_EGG          0x01u
#define PK3_FLAG_HAS_SPECIES      0x02u
#define PK3_FLAG_IS_EGG           0x04u
#define PK3_FLAGS_UNUSED          0xF8u
#define PARTY_LEVEL               0x54u
#define PARTY_MAIL                0x55u
#define PARTY_HP                  0x56u
#define PARTY_MAX_HP              0x58u
#define MAIL_NONE                 0xFFu
#define FIRST_MAIL_ITEM           121u
#define LAST_MAIL_ITEM            132u
#define MAX_MOVE                  354u
#define MAX_EV_TOTAL              510u
#define MAX_LEVEL                 100u
#define LAST_JOHTO_SPECIES        251u
#define FIRST_HOENN_SPECIES       277u
#define LAST_HOENN_SPECIES        411u

/* A broken save can have hundreds of bad Pokémon; the first ones name the
 * problem, the rest are counted. */
#define MAX_POKEMON_FINDINGS      32u

enum
{
  SCOPE_OTHER = -2,   /* about the file, not the slot being edited */
  SCOPE_EDIT = -1,    /* about the slot being edited, whichever it is */
};

typedef struct
{
  KsGen3Save *save;
  GPtrArray  *findings;
  GPtrArray  *blocking;
  guint       pokemon_findings;
  guint       pokemon_suppressed;
  KsSeverity  pokemon_suppressed_severity;
} Check;

static void add (Check      *check,
                 gint        scope,
                 KsSeverity  severity,
                 const char *code,
                 const char *format,
                 ...) G_GNUC_PRINTF (5, 6);

static void
add (Check      *check,
     gint        scope,
     KsSeverity  severity,
     const char *code,
     const char *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  ks_findings_add (check->findings, severity, code, "%s", message);

  if (check->blocking != NULL && severity == KS_SEVERITY_ERROR &&
      (scope == SCOPE_EDIT || (scope >= 0 && scope == check->save->selection.loaded_slot)))
    ks_findings_add (check->blocking, severity, code, "%s", message);
}

static char
slot_letter (guint slot)
{
  return slot == 0 ? 'A' : 'B';
}

static const guint8 *
flash_sector (KsGen3Save *save,
              guint       physical)
{
  return save->data + physical * KS_GEN3_SECTOR_SIZE;
}

/* Offset of the first non-zero byte in data[from, to), or -1. */
static gssize
first_nonzero (const guint8 *data,
               gsize         from,
               gsize         to)
{
  for (gsize i = from; i < to; i++)
    if (data[i] != 0)
      return (gssize) i;

  return -1;
}

/* Checks 1–3; check 1 (size) is load()'s error. */
static void
check_file (Check *check)
{
  KsGen3Save *save = check->save;

  if (save->n_slots < 2)
    add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-half-size",
         _("The file is a 64 KiB half-size dump: it holds slot A only, with no slot B, Hall of "
           "Fame or e-Reader sectors, and a cartridge cannot use it as it is."));

  if (save->footer_length > 0)
    add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-footer",
         _("A %zu-byte emulator clock footer follows the flash data at 0x20000; "
           "it is kept byte-for-byte."),
         save->footer_length);
}

static char *
missing_sections (guint16 mask)
{
  GString *text = g_string_new (NULL);

  for (guint id = 0; id < KS_GEN3_N_SECTIONS; id++)
    if (!(mask & (1u << id)))
      g_string_append_printf (text, "%s%u", text->len > 0 ? ", " : "", id);

  return g_string_free (text, FALSE);
}

/* Checks 4–11 for one slot, and 12 (parity) for it. */
static void
check_slot (Check *check,
            guint  s)
{
  KsGen3Save *save = check->save;
  const KsGen3Slot *slot = &save->selection.slots[s];
  guint32 min_counter = G_MAXUINT32, max_counter = 0;
  gboolean any_valid = FALSE;
  gint p0 = -1;

  if (slot->status == KS_GEN3_SLOT_ABSENT || slot->status == KS_GEN3_SLOT_EMPTY)
    return;

  for (guint p = 0; p < KS_GEN3_SECTORS_PER_SLOT; p++)
    {
      const KsGen3Sector *sector = &slot->sectors[p];
      guint physical = s * KS_GEN3_SECTORS_PER_SLOT + p;
      const guint8 *data = flash_sector (save, physical);
      gsize length;
      gssize at;

      if (!sector->is_signed)
        {
          add (check, (gint) s, KS_SEVERITY_ERROR, "gen3-sector-unsigned",
               _("Sector %u (slot %c) has no save signature while other sectors of the slot do: "
                 "the slot was only partly written."),
               physical, slot_letter (s));
          continue;
        }

      if (!sector->id_ok)
        {
          add (check, (gint) s, KS_SEVERITY_ERROR, "gen3-sector-id",
               _("Sector %u (slot %c) claims section %u; sections run from 0 to 13."),
               physical, slot_letter (s), sector->id);
          continue;
        }

      length = ks_gen3_section_size (save->game, sector->id);
      if (!sector->valid)
        add (check, (gint) s, KS_SEVERITY_ERROR, "gen3-sector-checksum",
             _("Sector %u (slot %c, section %u): the stored checksum is 0x%04X, but the game "
               "computes 0x%04X over the section’s %zu bytes."),
             physical, slot_letter (s), sector->id, sector->stored_checksum,
             ks_gen3_checksum (data, length), length);

      at = first_nonzero (data, length, KS_GEN3_SECTOR_DATA_SIZE);
      if (at >= 0)
        add (check, (gint) s, KS_SEVERITY_WARNING, "gen3-sector-tail",
             _("Sector %u (slot %c, section %u) has non-zero bytes from offset 0x%03X, past the "
               "section’s %zu bytes: the game ignores them, but tools that "
               "checksum all 3968 bytes (PKHeX) compute a different checksum."),
             physical, slot_letter (s), sector->id, (guint) at, length);

      at = first_nonzero (data, KS_GEN3_SECTOR_DATA_SIZE, KS_GEN3_OFFSET_ID);
      if (at >= 0)
        add (check, (gint) s, KS_SEVERITY_WARNING, "gen3-sector-padding",
             _("Sector %u (slot %c) has non-zero bytes in its unused footer area from offset "
               "0x%03X; the game writes zeros there."),
             physical, slot_letter (s), (guint) at);

      if (sector->valid)
        {
          any_valid = TRUE;
          min_counter = MIN (min_counter, sector->counter);
          max_counter = MAX (max_counter, sector->counter);
          if (sector->id == 0 && p0 < 0)
            p0 = (gint) p;
        }
    }

  if (slot->mask != KS_GEN3_ALL_SECTIONS)
    {
      g_autofree char *missing = missing_sections (slot->mask);

      add (check, (gint) s, KS_SEVERITY_ERROR, "gen3-slot-incomplete",
           _("Slot %c has no valid sector for section %s: the game treats the slot as damaged."),
           slot_letter (s), missing);
    }

  if (any_valid && min_counter != max_counter)
    add (check, (gint) s, KS_SEVERITY_WARNING, "gen3-slot-mixed-counters",
         _("The valid sectors of slot %c carry different save counters, from %u to %u; the game "
           "takes %u, the counter of the last valid sector."),
         slot_letter (s), min_counter, max_counter, slot->counter);

  if (p0 >= 0)
    {
      for (guint p = 0; p < KS_GEN3_SECTORS_PER_SLOT; p++)
        {
          const KsGen3Sector *sector = &slot->sectors[p];
          guint expected = (p + KS_GEN3_SECTORS_PER_SLOT - (guint) p0) % KS_GEN3_SECTORS_PER_SLOT;

          if (sector->valid && sector->id != expected)
            {
              add (check, (gint) s, KS_SEVERITY_WARNING, "gen3-slot-order",
                   _("The sections of slot %c are not in the game’s rotation order: sector %u "
                     "holds section %u where %u would follow. The game still loads them by id."),
                   slot_letter (s), s * KS_GEN3_SECTORS_PER_SLOT + p, sector->id, expected);
              break;
            }
        }
    }

  /* Check 12: the game reads the slot of the counter's parity, so a valid
   * slot with the wrong parity sends it to the other slot. */
  if (slot->status == KS_GEN3_SLOT_OK && slot->counter % 2 != s)
    {
      if (save->n_slots < 2)
        add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-half-size-parity",
             _("Slot A’s save counter %u is odd: on a 128 KiB cartridge the game would look for "
               "this save in slot B."),
             slot->counter);
      else if (slot->counter % 2)
        add (check, SCOPE_EDIT, KS_SEVERITY_ERROR, "gen3-slot-parity",
             _("Slot %c is valid, but its save counter %u is odd, while the game reads odd "
               "counters from slot %c; booting with counter %u, it loads slot %c’s data."),
             slot_letter (s), slot->counter, slot_letter (1 - s),
             save->selection.game_counter, slot_letter (save->selection.game_counter % 2));
      else
        add (check, SCOPE_EDIT, KS_SEVERITY_ERROR, "gen3-slot-parity",
             _("Slot %c is valid, but its save counter %u is even, while the game reads even "
               "counters from slot %c; booting with counter %u, it loads slot %c’s data."),
             slot_letter (s), slot->counter, slot_letter (1 - s),
             save->selection.game_counter, slot_letter (save->selection.game_counter % 2));
    }
}

static const char *
status_text (KsGen3SlotStatus status)
{
  switch (status)
    {
    case KS_GEN3_SLOT_OK:
      return _("valid");
    case KS_GEN3_SLOT_ERROR:
      return _("damaged");
    case KS_GEN3_SLOT_ABSENT:
      return _("not in the file");
    case KS_GEN3_SLOT_EMPTY:
    default:
      return _("erased");
    }
}

/* Checks 13–15. */
static void
check_boot (Check *check)
{
  KsGen3Save *save = check->save;
  const KsGen3Selection *sel = &save->selection;
  guint damaged;

  switch (sel->boot)
    {
    case KS_GEN3_BOOT_OK:
      add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-boot-ok",
           _("The game loads slot %c (save counter %u) and offers Continue."),
           slot_letter ((guint) sel->loaded_slot), sel->game_counter);
      break;
    case KS_GEN3_BOOT_PREVIOUS_LOADED:
      damaged = sel->slots[0].status == KS_GEN3_SLOT_ERROR ? 0 : 1;
      add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-boot-previous-loaded",
           _("Slot %c is damaged, so the game says “The save file is corrupted. The previous save "
             "file will be loaded.” and loads slot %c (save counter %u)."),
           slot_letter (damaged), slot_letter ((guint) sel->loaded_slot), sel->game_counter);
      break;
    case KS_GEN3_BOOT_DELETED:
      add (check, SCOPE_EDIT, KS_SEVERITY_ERROR, "gen3-boot-deleted",
           _("No slot is valid: the game says the save file has been deleted and offers only "
             "New Game."));
      break;
    case KS_GEN3_BOOT_EMPTY:
    default:
      add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-boot-empty",
           _("Both slots are erased: the game offers only New Game."));
      break;
    }

  if (save->n_slots < 2 || sel->loaded_slot < 0)
    return;

  if (sel->boot != KS_GEN3_BOOT_DELETED && sel->pkhex_slot >= 0 &&
      sel->pkhex_slot != sel->loaded_slot)
    add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-pkhex-slot",
         _("PKHeX would edit slot %c, but the game loads slot %c: tools may change a save the "
           "game does not use."),
         slot_letter ((guint) sel->pkhex_slot), slot_letter ((guint) sel->loaded_slot));

  {
    guint backup = 1 - (guint) sel->loaded_slot;
    const KsGen3Slot *slot = &sel->slots[backup];

    if (slot->status == KS_GEN3_SLOT_OK)
      add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-backup-slot",
           _("Slot %c, the game’s backup, is valid (save counter %u)."),
           slot_letter (backup), slot->counter);
    else
      add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-backup-slot",
           _("Slot %c, the game’s backup, is %s: there is no previous save to fall back on."),
           slot_letter (backup), status_text (slot->status));
  }
}

/* Checks 16–18. */
static void
check_detection (Check *check)
{
  KsGen3Save *save = check->save;
  const KsGen3Detection *d = &save->detection;
  guint32 word;

  if (!d->has_sb2)
    return;

  if (save->game_overridden)
    add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-game",
         _("Read as %s, as chosen. Detection said: %s"),
         ks_gen3_game_to_name (save->game), save->detection_reason);
  else
    add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-game", "%s", save->detection_reason);

  if (d->dummy_ff)
    add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-dummy-flags-ff",
         _("SaveBlock2 0xAC–0xB3 (sector %u) are all 0xFF, a known corruption of "
           "FireRed/LeafGreen saves; the game cannot be told from them, so choose it."),
         d->sb2_sector);
  else if (d->disagree && !save->game_overridden)
    add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-game-ambiguous",
         _("The game detection signals disagree; check the game. %s"), save->detection_reason);

  /* Check 18, on the loaded section 0, or the one detection read when
   * the loaded slot has none. */
  word = (save->loaded_mask & 1) ? ks_read_le32 (save->blocks + KS_GEN3_SB2_GAME_WORD)
                                  : d->game_word;
  if (save->game == KS_GEN3_GAME_FRLG && word != 1)
    add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-frlg-dummy-flags",
         _("SaveBlock2 0xAC holds 0x%08X, not FireRed/LeafGreen’s 01 00 00 00: the game never "
           "reads it, but tools detect the game from it."),
         word);
}

static guint32
byte_sum (const guint8 *data,
          gsize         size)
{
  guint32 sum = 0;

  for (gsize i = 0; i < size; i++)
    sum += data[i];

  return sum;
}

/* Checks 19–20. */
static void
check_extra_sectors (Check *check)
{
  KsGen3Save *save = check->save;
  gboolean hof_signed[2], hof_valid[2];
  static const char *const special_names[KS_GEN3_N_GAMES][2] = {
    [KS_GEN3_GAME_RS] = { NULL, NULL },
    [KS_GEN3_GAME_EMERALD] = { N_("Trainer Hill"), N_("Recorded Battle") },
    [KS_GEN3_GAME_FRLG] = { N_("Trainer Tower"), N_("Trainer Tower") },
  };

  if (save->n_slots < 2)
    return;

  for (guint i = 0; i < 2; i++)
    {
      guint physical = KS_GEN3_SECTOR_HOF_1 + i;
      const guint8 *data = flash_sector (save, physical);

      /* §1.8: the Hall of Fame keeps its checksum in the id field. */
      hof_signed[i] = ks_read_le32 (data + KS_GEN3_OFFSET_SIGNATURE) == KS_GEN3_SIGNATURE;
      hof_valid[i] = hof_signed[i] &&
                     ks_read_le16 (data + KS_GEN3_OFFSET_ID) ==
                     ks_gen3_checksum (data, KS_GEN3_SECTOR_DATA_SIZE);
      if (hof_signed[i] && !hof_valid[i])
        add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-hof-corrupt",
             _("Hall of Fame sector %u is damaged (its checksum at 0xFF4 does not match); only "
               "the Hall of Fame viewer fails."),
             physical);
    }
  if (hof_valid[0] != hof_valid[1])
    add (check, SCOPE_OTHER, KS_SEVERITY_WARNING, "gen3-hof-inconsistent",
         _("Only Hall of Fame sector %u is valid; the two sectors are written together, so the "
           "Hall of Fame will not load."),
         hof_valid[0] ? KS_GEN3_SECTOR_HOF_1 : KS_GEN3_SECTOR_HOF_2);

  /* §1.8: sectors 30/31 have a sentinel and their own sums, never the
   * Hall of Fame rule.  Ruby/Sapphire do not use them. */
  if (special_names[save->game][0] == NULL)
    return;

  for (guint i = 0; i < 2; i++)
    {
      guint physical = KS_GEN3_SECTOR_SPECIAL_1 + i;
      const guint8 *data = flash_sector (save, physical);
      gboolean present = ks_read_le32 (data) == SPECIAL_SENTINEL;
      const char *what = _(special_names[save->game][i]);

      if (!present)
        {
          add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-special-sector",
               _("Sector %u holds no %s data (no 0xB39D sentinel)."), physical, what);
          continue;
        }

      add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-special-sector",
           _("Sector %u holds %s data (0xB39D sentinel present)."), physical, what);

      if (save->game == KS_GEN3_GAME_EMERALD && physical == KS_GEN3_SECTOR_SPECIAL_2)
        {
          const guint8 *battle = data + 4;
          guint32 stored = ks_read_le32 (battle + RECORDED_BATTLE_SIZE - 4);
          guint32 sum = byte_sum (battle, RECORDED_BATTLE_SIZE - 4);
          guint32 flags = ks_read_le32 (battle + RECORDED_BATTLE_FLAGS);

          if (flags == 0)
            add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-recorded-battle-invalid",
                 _("The recorded battle in sector 31 has no battle flags; the game will not "
                   "offer to play it."));
          else if (sum != stored)
            add (check, SCOPE_OTHER, KS_SEVERITY_INFO, "gen3-recorded-battle-invalid",
                 _("The recorded battle in sector 31 sums to 0x%08X but records 0x%08X; the game "
                   "will not offer to play it."),
                 sum, stored);
        }
    }
}

/* Check 21. */
static void
check_name (Check        *check,
            const guint8 *name)
{
  gssize end = -1;
  gboolean control = FALSE, glyph = FALSE;

  for (guint i = 0; i < KS_GEN3_SB2_NAME_SIZE; i++)
    if (name[i] == KS_GEN3_CHAR_TERMINATOR)
      {
        end = i;
        break;
      }

  if (end == 0)
    {
      add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-name-empty",
           _("The trainer name (SaveBlock2 0x00) is empty."));
      return;
    }
  if (end < 0)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-name-unterminated",
         _("The trainer name (SaveBlock2 0x00) has no 0xFF end within its 8 bytes."));

  for (guint i = 0; i < (end < 0 ? KS_GEN3_SB2_NAME_SIZE : (guint) end); i++)
    {
      if (ks_gen3_char_is_control (name[i]))
        control = TRUE;
      else if (!ks_gen3_char_is_glyph (name[i]))
        glyph = TRUE;
    }

  if (control)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-name-control",
         _("The trainer name (SaveBlock2 0x00) contains text-engine control codes (0xF7–0xFE)."));
  if (glyph)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-name-glyph",
         _("The trainer name (SaveBlock2 0x00) contains bytes with no Western glyph "
           "(Japanese or special characters)."));
}

/* Checks 21–24. */
static void
check_trainer_sb2 (Check *check)
{
  KsGen3Save *save = check->save;
  const guint8 *sb2 = save->blocks + KS_GEN3_SB2_START;
  guint16 options = ks_read_le16 (sb2 + KS_GEN3_SB2_OPTIONS);
  guint hours = ks_read_le16 (sb2 + KS_GEN3_SB2_HOURS);

  check_name (check, sb2);

  if (sb2[KS_GEN3_SB2_GENDER] > 1)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-gender",
         _("The trainer gender (SaveBlock2 0x08) is %u; only 0 (male) and 1 (female) exist."),
         sb2[KS_GEN3_SB2_GENDER]);

  if (sb2[KS_GEN3_SB2_BUTTON_MODE] > MAX_BUTTON_MODE)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-options",
         _("The button mode (SaveBlock2 0x13) is %u; it runs from 0 to 2."), sb2[KS_GEN3_SB2_BUTTON_MODE]);
  if ((options & 0x7) > MAX_TEXT_SPEED)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-options",
         _("The text speed (SaveBlock2 0x14 bits 0–2) is %u; it runs from 0 to 2."),
         options & 0x7u);
  if (((options >> 3) & 0x1F) > MAX_WINDOW_FRAME)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-options",
         _("The window frame (SaveBlock2 0x14 bits 3–7) is %u; it runs from 0 to 19."),
         (options >> 3) & 0x1Fu);
  if (options & OPTIONS_RESERVED_BITS)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-options",
         _("Unused option bits 12–15 of SaveBlock2 0x14 are set (0x%04X)."), options);

  if (hours > KS_GEN3_HOURS_MAX || sb2[KS_GEN3_SB2_MINUTES] > KS_GEN3_MINUTES_MAX || sb2[KS_GEN3_SB2_SECONDS] > KS_GEN3_MINUTES_MAX ||
      sb2[KS_GEN3_SB2_FRAMES] > KS_GEN3_MINUTES_MAX)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-play-time",
         _("The play time (SaveBlock2 0x0E) reads %u:%02u:%02u and %u frames; the game counts to "
           "999:59:59 and 59 frames."),
         hours, sb2[KS_GEN3_SB2_MINUTES], sb2[KS_GEN3_SB2_SECONDS], sb2[KS_GEN3_SB2_FRAMES]);
}

static void
check_money (Check *check)
{
  KsGen3Save *save = check->save;
  const KsGen3Layout *layout = ks_gen3_layout (save->game);
  const guint8 *sb1 = save->blocks + KS_GEN3_SB1_START;
  guint32 key = ks_gen3_get_key (save);
  guint32 money = ks_read_le32 (sb1 + layout->money) ^ key;
  guint coins = (ks_read_le16 (sb1 + layout->coins) ^ key) & 0xFFFF;

  /* Check 24, decoded with this slot's own key (§3.3). */
  if (money > KS_GEN3_MONEY_MAX)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-money-limit",
         _("Money (SaveBlock1 0x%X) decodes to %u, over the game’s limit of 999,999."),
         layout->money, money);
  if (coins > KS_GEN3_COINS_MAX)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-coins-limit",
         _("Coins (SaveBlock1 0x%X) decode to %u, over the game’s limit of 9,999."),
         layout->coins, coins);
}

/* Check 26: pokefirered pokedex_screen.c counts an entry only when the
 * copies agree. */
static void
check_dex (Check *check)
{
  KsGen3Save *save = check->save;
  const KsGen3Layout *layout = ks_gen3_layout (save->game);
  const guint8 *sb2 = save->blocks + KS_GEN3_SB2_START;
  const guint8 *sb1 = save->blocks + KS_GEN3_SB1_START;
  g_autoptr(GString) list = g_string_new (NULL);
  guint count = 0;

  for (guint n = 1; n <= DEX_COUNT; n++)
    {
      guint byte = (n - 1) >> 3;
      guint8 bit = (guint8) (1u << ((n - 1) & 7));
      gboolean owned = (sb2[KS_GEN3_SB2_DEX_OWNED + byte] & bit) != 0;
      gboolean seen = (sb2[KS_GEN3_SB2_DEX_SEEN + byte] & bit) != 0;
      gboolean seen_2 = (sb1[layout->seen_2 + byte] & bit) != 0;
      gboolean seen_3 = (sb1[layout->seen_3 + byte] & bit) != 0;

      if (seen == seen_2 && seen == seen_3 && (!owned || seen))
        continue;

      if (count < 10)
        g_string_append_printf (list, "%s#%u", count > 0 ? ", " : "", n);
      count++;
    }

  /* The list names the first ten; the rest are a count in the sentence. */
  if (count > 10)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-dex-mismatch",
         g_dngettext (GETTEXT_PACKAGE,
                      "Pokédex entries %s and %u more will not count in the game: their flags "
                      "disagree between SaveBlock2 0x28/0x5C and the copies at SaveBlock1 0x%X "
                      "and 0x%X.",
                      "Pokédex entries %s and %u more will not count in the game: their flags "
                      "disagree between SaveBlock2 0x28/0x5C and the copies at SaveBlock1 0x%X "
                      "and 0x%X.",
                      count - 10),
         list->str, count - 10, layout->seen_2, layout->seen_3);
  else if (count > 0)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-dex-mismatch",
         _("Pokédex entries %s will not count in the game: their flags disagree between "
           "SaveBlock2 0x28/0x5C and the copies at SaveBlock1 0x%X and 0x%X."),
         list->str, layout->seen_2, layout->seen_3);
}

/* Check 27. */
static void
check_boxes (Check *check)
{
  KsGen3Save *save = check->save;
  const KsGen3Layout *layout = ks_gen3_layout (save->game);
  const guint8 *pc = save->blocks + KS_GEN3_PC_START;

  if (ks_gen3_blocks_loaded (save, KS_GEN3_PC_START + KS_GEN3_PC_CURRENT_BOX, 1) &&
      pc[KS_GEN3_PC_CURRENT_BOX] >= KS_GEN3_N_BOXES)
    add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-box-current",
         _("The current box (PC offset 0x0000) is %u; boxes run from 0 to 13."),
         pc[KS_GEN3_PC_CURRENT_BOX]);

  if (!ks_gen3_blocks_loaded (save, KS_GEN3_PC_START + KS_GEN3_PC_BOX_NAMES,
                              KS_GEN3_N_BOXES * KS_GEN3_PC_BOX_NAME_SIZE + KS_GEN3_N_BOXES))
    return;

  for (guint b = 0; b < KS_GEN3_N_BOXES; b++)
    {
      guint offset = KS_GEN3_PC_BOX_NAMES + b * KS_GEN3_PC_BOX_NAME_SIZE;

      if (memchr (pc + offset, KS_GEN3_CHAR_TERMINATOR, KS_GEN3_PC_BOX_NAME_SIZE) == NULL)
        add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-box-name",
             _("The name of box %u (PC offset 0x%04X) has no 0xFF end within its 9 bytes."),
             b + 1, offset);
      if (pc[KS_GEN3_PC_WALLPAPERS + b] > layout->max_wallpaper)
        add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-box-wallpaper",
             _("Box %u’s wallpaper (PC offset 0x%04X) is %u; this game has wallpapers 0 to %u."),
             b + 1, KS_GEN3_PC_WALLPAPERS + b, pc[KS_GEN3_PC_WALLPAPERS + b], layout->max_wallpaper);
    }
}

static void add_pokemon (Check      *check,
                         KsSeverity  severity,
                         const char *code,
                         const char *where,
                         const char *format,
                         ...) G_GNUC_PRINTF (5, 6);

static void
add_pokemon (Check      *check,
             KsSeverity  severity,
             const char *code,
             const char *where,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (check->pokemon_findings >= MAX_POKEMON_FINDINGS)
    {
      check->pokemon_suppressed++;
      check->pokemon_suppressed_severity = MAX (check->pokemon_suppressed_severity, severity);
      /* The blocking list still has to see an error the user cannot. */
      if (check->blocking != NULL && severity == KS_SEVERITY_ERROR && check->blocking->len == 0)
        ks_findings_add (check->blocking, severity, code, _("%s: the data is damaged."), where);
      return;
    }

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  check->pokemon_findings++;
  add (check, SCOPE_EDIT, severity, code, "%s: %s", where, what);
}

static gboolean
species_known (guint species)
{
  return (species >= 1 && species <= LAST_JOHTO_SPECIES) ||
         (species >= FIRST_HOENN_SPECIES && species <= LAST_HOENN_SPECIES);
}

static gboolean
language_known (guint language)
{
  /* §5.1: 1 JP, 2 EN, 3 FR, 4 IT, 5 DE, 7 ES; 6 is unused */
  return (language >= 1 && language <= 5) || language == 7;
}

/* Checks 28–31 for one stored Pokémon. */
static void
check_pokemon (Check        *check,
               const guint8 *mon,
               gboolean      party,
               const char   *where)
{
  const KsGen3Layout *layout = ks_gen3_layout (check->save->game);
  KsGen3Pk3 pk3;
  gboolean egg;
  guint ev_total = 0;

  if (ks_bytes_all (mon, party ? KS_GEN3_PK3_PARTY_SIZE : KS_GEN3_PK3_BOX_SIZE, 0))
    return;

  if (!ks_gen3_pk3_read (mon, &pk3))
    {
      add_pokemon (check, KS_SEVERITY_ERROR, "gen3-pokemon-checksum", where,
                   _("the checksum at 0x1C is 0x%04X but the data sums to 0x%04X, so the game "
                     "shows a Bad Egg."),
                   pk3.stored_checksum, pk3.checksum);
      return;
    }

  egg = (pk3.flags & PK3_FLAG_IS_EGG) != 0;
  if (pk3.flags & PK3_FLAG_BAD_EGG)
    add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-bad-egg", where,
                 _("it is marked as a Bad Egg (0x13 bit 0)."));
  if (((pk3.flags & PK3_FLAG_HAS_SPECIES) != 0) != (pk3.species != 0))
    add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-has-species", where,
                 _("the has-species flag (0x13 bit 1) is %s but the species is %u."),
                 (pk3.flags & PK3_FLAG_HAS_SPECIES) ? _("set") : _("clear"), pk3.species);
  if (pk3.misc_is_egg != egg)
    add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-egg-flag", where,
                 _("the egg flag at 0x13 bit 2 and the one in the IV word disagree."));
  if (pk3.flags & PK3_FLAGS_UNUSED)
    add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-flags", where,
                 _("unused bits 3–7 of 0x13 are set (0x%02X)."), pk3.flags);

  if (pk3.species != 0)
    {
      if (!species_known (pk3.species))
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-species", where,
                     _("species %u is not a Pokémon (1–251 and 277–411 are)."), pk3.species);
      if (pk3.item > layout->max_item)
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-item", where,
                     _("held item %u is past this game’s last item, %u."),
                     pk3.item, layout->max_item);
      for (guint i = 0; i < 4; i++)
        if (pk3.moves[i] > MAX_MOVE)
          {
            add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-move", where,
                         _("move %u is %u; moves run to %u."), i + 1, pk3.moves[i], MAX_MOVE);
            break;
          }
      for (guint i = 0; i < 6; i++)
        ev_total += pk3.evs[i];
      if (ev_total > MAX_EV_TOTAL)
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-evs", where,
                     _("its effort values add up to %u, over the limit of %u."),
                     ev_total, MAX_EV_TOTAL);
      if (!language_known (pk3.language))
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-language", where,
                     _("language %u is not one the games use."), pk3.language);
    }

  if (party)
    {
      guint level = mon[PARTY_LEVEL];
      guint hp = ks_read_le16 (mon + PARTY_HP);
      guint max_hp = ks_read_le16 (mon + PARTY_MAX_HP);
      gboolean mail_item = pk3.item >= FIRST_MAIL_ITEM && pk3.item <= LAST_MAIL_ITEM;

      if (level == 0 || level > MAX_LEVEL)
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-level", where,
                     _("its level (0x54) is %u; levels run from 1 to 100."), level);
      if (hp > max_hp)
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-hp", where,
                     _("its HP (%u) is above its maximum HP (%u)."), hp, max_hp);
      if (max_hp == 0 && !egg)
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-max-hp", where,
                     _("its maximum HP (0x58) is 0."));
      if (!mail_item && mon[PARTY_MAIL] != MAIL_NONE)
        add_pokemon (check, KS_SEVERITY_WARNING, "gen3-pokemon-mail", where,
                     _("its mail index (0x55) is %u though it holds no mail."), mon[PARTY_MAIL]);
    }
}

/* Check 25 and the party's Pokémon. */
static void
check_party (Check *check)
{
  KsGen3Save *save = check->save;
  const KsGen3Layout *layout = ks_gen3_layout (save->game);
  const guint8 *sb1 = save->blocks + KS_GEN3_SB1_START;
  guint count = sb1[layout->party_count];

  if (!ks_gen3_blocks_loaded (save, KS_GEN3_SB1_START + layout->party_count,
                              layout->party - layout->party_count +
                              PARTY_SIZE * KS_GEN3_PK3_PARTY_SIZE))
    return;

  if (count > PARTY_SIZE)
    add (check, SCOPE_EDIT, KS_SEVERITY_ERROR, "gen3-party-count",
         _("The party count (SaveBlock1 0x%X) is %u; the party holds 6, and the game would read "
           "past it."),
         layout->party_count, count);

  for (guint i = 0; i < PARTY_SIZE; i++)
    {
      guint offset = layout->party + i * KS_GEN3_PK3_PARTY_SIZE;
      const guint8 *mon = sb1 + offset;

      if (i < count)
        {
          g_autofree char *where = g_strdup_printf (_("Party Pokémon %u (SaveBlock1 0x%X)"),
                                                    i + 1, offset);

          check_pokemon (check, mon, TRUE, where);
        }
      else if (first_nonzero (mon, 0, PARTY_MAIL) >= 0 ||
               first_nonzero (mon, PARTY_MAIL + 1, KS_GEN3_PK3_PARTY_SIZE) >= 0)
        {
          /* The game sets the mail byte to 0xFF in empty slots. */
          add (check, SCOPE_EDIT, KS_SEVERITY_WARNING, "gen3-party-tail",
               _("Party slot %u (SaveBlock1 0x%X) is past the party count of %u but holds data."),
               i + 1, offset, count);
        }
    }
}

static void
check_box_pokemon (Check *check)
{
  KsGen3Save *save = check->save;
  const guint8 *pc = save->blocks + KS_GEN3_PC_START;

  for (guint b = 0; b < KS_GEN3_N_BOXES; b++)
    for (guint s = 0; s < KS_GEN3_BOX_SLOTS; s++)
      {
        guint offset = KS_GEN3_PC_BOXES + (b * KS_GEN3_BOX_SLOTS + s) * KS_GEN3_PK3_BOX_SIZE;
        g_autofree char *where = NULL;

        if (!ks_gen3_blocks_loaded (save, KS_GEN3_PC_START + offset, KS_GEN3_PK3_BOX_SIZE))
          continue;
        if (ks_bytes_all (pc + offset, KS_GEN3_PK3_BOX_SIZE, 0))
          continue;

        where = g_strdup_printf (_("Box %u, slot %u (PC offset 0x%04X)"), b + 1, s + 1, offset);
        check_pokemon (check, pc + offset, FALSE, where);
      }
}

static void
check_loaded_data (Check *check)
{
  KsGen3Save *save = check->save;
  const KsGen3Layout *layout = ks_gen3_layout (save->game);

  if (save->selection.loaded_slot < 0)
    return;

  if (save->loaded_mask & 1)
    check_trainer_sb2 (check);
  if (ks_gen3_blocks_loaded (save, KS_GEN3_SB1_START + layout->money, 8) && (save->loaded_mask & 1))
    check_money (check);
  if ((save->loaded_mask & 1) &&
      ks_gen3_blocks_loaded (save, KS_GEN3_SB1_START + layout->seen_2, DEX_BYTES) &&
      ks_gen3_blocks_loaded (save, KS_GEN3_SB1_START + layout->seen_3, DEX_BYTES))
    check_dex (check);
  check_party (check);
  check_boxes (check);
  check_box_pokemon (check);

  if (check->pokemon_suppressed > 0)
    add (check, SCOPE_OTHER, check->pokemon_suppressed_severity, "gen3-pokemon-more",
         g_dngettext (GETTEXT_PACKAGE, "%u more finding about Pokémon is not listed.",
                      "%u more findings about Pokémon are not listed.", check->pokemon_suppressed),
         check->pokemon_suppressed);
}

void
ks_gen3_verify (KsGen3Save *save,
                GPtrArray  *findings,
                GPtrArray  *blocking)
{
  Check check = { 0 };

  g_return_if_fail (save != NULL);
  g_return_if_fail (findings != NULL);

  check.save = save;
  check.findings = findings;
  check.blocking = blocking;
  check.pokemon_suppressed_severity = KS_SEVERITY_INFO;

  check_file (&check);
  for (guint s = 0; s < save->n_slots; s++)
    check_slot (&check, s);
  check_boot (&check);
  check_detection (&check);
  check_extra_sectors (&check);
  check_loaded_data (&check);
}
