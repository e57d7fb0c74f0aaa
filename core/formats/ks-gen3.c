/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3.c — Pokémon Gen III flash saves: the format and the save
 *
 * Layout (spec gen3.md §1): 32 sectors of 4 KiB.  Sectors 0–13 are slot A,
 * 14–27 slot B, 28–31 the Hall of Fame and e-Reader data.  A slot sector
 * holds 3968 data bytes, then its section id (u16 at 0xFF4), checksum
 * (u16 at 0xFF6), the signature 0x08012025 (0xFF8) and the save counter
 * (0xFFC).  Sections 0, 1–4 and 5–13 are the game's three logical blocks.
 * Accepted sizes (§1.1): 128 KiB; 64 KiB half-size dumps (slot A only); and
 * 128 KiB followed by an emulator clock footer, kept byte-for-byte.
 *
 * Loading is tolerant: what the game would make of the bytes (§1.7) is
 * state and findings, not an error.  Serialising without edits returns the
 * original bytes.  An edit is written as the game writes a save (§1.6,
 * §1.10 option 2): into the other slot with counter + 1 and the rotation
 * moved on by one, so the slot that was loaded stays as the game's own
 * backup; sectors 28–31 and any footer are untouched.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-gen3-charset.h"
#include "ks-gen3-private.h"

/* §1.1: PKHeX's SaveHandlerFooterRTC strips a footer of 7 bytes or of an
 * even length from 12 to 48 (mGBA writes 16); the MiSTer core appends 512. */
#define FOOTER_ODD_LENGTH      7u
#define FOOTER_EVEN_MIN        12u
#define FOOTER_EVEN_MAX        48u
#define FOOTER_MISTER_LENGTH   512u

/* A slot signature anywhere is as good as a magic number; sizes alone are
 * shared with Game Boy .sav files, which probe at 10. */
#define PROBE_SIGNED           100u
#define PROBE_SIGNED_BAD_SIZE  40u
#define PROBE_SIZE_ONLY        5u

static const char *const game_ids[KS_GEN3_N_GAMES] = {
  [KS_GEN3_GAME_RS] = "rs",
  [KS_GEN3_GAME_EMERALD] = "emerald",
  [KS_GEN3_GAME_FRLG] = "frlg",
};

static const char *const game_names[KS_GEN3_N_GAMES] = {
  [KS_GEN3_GAME_RS] = N_("Ruby/Sapphire"),
  [KS_GEN3_GAME_EMERALD] = N_("Emerald"),
  [KS_GEN3_GAME_FRLG] = N_("FireRed/LeafGreen"),
};

const char *
ks_gen3_game_to_id (KsGen3Game game)
{
  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, NULL);

  return game_ids[game];
}

const char *
ks_gen3_game_to_name (KsGen3Game game)
{
  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, NULL);

  return _(game_names[game]);
}

gboolean
ks_gen3_game_from_id (const char *id,
                      KsGen3Game *game)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint g = 0; g < KS_GEN3_N_GAMES; g++)
    if (g_ascii_strcasecmp (id, game_ids[g]) == 0)
      {
        if (game != NULL)
          *game = g;
        return TRUE;
      }

  return FALSE;
}

static gboolean
footer_length_supported (gsize length)
{
  return length == FOOTER_ODD_LENGTH ||
         (length % 2 == 0 && length >= FOOTER_EVEN_MIN && length <= FOOTER_EVEN_MAX) ||
         length == FOOTER_MISTER_LENGTH;
}

static gboolean
size_supported (gsize  size,
                gsize *flash_size)
{
  gsize flash;

  if (size == KS_GEN3_HALF_FLASH_SIZE)
    flash = KS_GEN3_HALF_FLASH_SIZE;
  else if (size == KS_GEN3_FLASH_SIZE ||
           (size > KS_GEN3_FLASH_SIZE && footer_length_supported (size - KS_GEN3_FLASH_SIZE)))
    flash = KS_GEN3_FLASH_SIZE;
  else
    return FALSE;

  if (flash_size != NULL)
    *flash_size = flash;
  return TRUE;
}

/* 131077 → "131,077": sizes in messages are read by people. */
static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *text = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }

  return g_string_free (text, FALSE);
}

static guint
gen3_probe (const guint8 *data,
            gsize         size,
            const char   *file_name)
{
  gsize sectors = MIN (size, (gsize) KS_GEN3_FLASH_SIZE) / KS_GEN3_SECTOR_SIZE;
  gboolean supported = size_supported (size, NULL);

  sectors = MIN (sectors, (gsize) 2 * KS_GEN3_SECTORS_PER_SLOT);
  for (gsize i = 0; i < sectors; i++)
    if (ks_read_le32 (data + i * KS_GEN3_SECTOR_SIZE + KS_GEN3_OFFSET_SIGNATURE) ==
        KS_GEN3_SIGNATURE)
      return supported ? PROBE_SIGNED : PROBE_SIGNED_BAD_SIZE;

  return supported ? PROBE_SIZE_ONLY : 0;
}

/* Choose the slot as the game does with the current game's lengths, and
 * copy the valid sections of the slot it loads (pret CopySaveSlotData). */
static void
analyse (KsGen3Save *save)
{
  KsGen3Selection *sel = &save->selection;
  const KsGen3Slot *slot;

  ks_gen3_select (save->data, save->n_slots, save->game, sel);

  memset (save->blocks, 0, KS_GEN3_BLOCKS_SIZE);
  save->loaded_mask = 0;
  save->last_written = 0;

  if (sel->loaded_slot < 0)
    return;

  slot = &sel->slots[sel->loaded_slot];
  for (guint p = 0; p < KS_GEN3_SECTORS_PER_SLOT; p++)
    {
      const KsGen3Sector *s = &slot->sectors[p];
      guint physical = sel->loaded_slot * KS_GEN3_SECTORS_PER_SLOT + p;
      const guint8 *sector = save->data + physical * KS_GEN3_SECTOR_SIZE;

      /* The game remembers where any sector with id 0 was, valid or not,
       * and starts its next save one sector further on. */
      if (s->id == 0)
        save->last_written = p;
      if (!s->valid)
        continue;

      memcpy (save->blocks + s->id * KS_GEN3_SECTOR_DATA_SIZE, sector,
              ks_gen3_section_size (save->game, s->id));
      save->loaded_mask |= 1u << s->id;
    }
}

static void
gen3_free (gpointer self)
{
  KsGen3Save *save = self;

  if (save == NULL)
    return;

  g_clear_pointer (&save->image, g_bytes_unref);
  g_clear_pointer (&save->detection_reason, g_free);
  g_clear_pointer (&save->blocks, g_free);
  g_free (save);
}

static KsGen3Save *
load_save (GBytes      *image,
           GError     **error)
{
  KsGen3Save *save;
  gsize size, flash_size;
  const guint8 *data = g_bytes_get_data (image, &size);

  if (!size_supported (size, &flash_size))
    {
      g_autofree char *count = format_count (size);

      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The file is %s bytes; a Gen III save is 131,072 bytes (65,536 for a "
                     "half-size dump), optionally followed by an emulator clock footer of 7, "
                     "12 to 48 or 512 bytes."),
                   count);
      return NULL;
    }

  save = g_new0 (KsGen3Save, 1);
  save->image = g_bytes_ref (image);
  save->data = data;
  save->size = size;
  save->flash_size = flash_size;
  save->footer_length = size - flash_size;
  save->n_slots = flash_size == KS_GEN3_FLASH_SIZE ? 2 : 1;
  save->blocks = g_malloc0 (KS_GEN3_BLOCKS_SIZE);

  ks_gen3_detect (save);
  analyse (save);

  return save;
}

static gpointer
gen3_load (GBytes  *image,
           GError **error)
{
  return load_save (image, error);
}

static const char *
boot_id (KsGen3Boot boot)
{
  switch (boot)
    {
    case KS_GEN3_BOOT_OK:
      return "ok";
    case KS_GEN3_BOOT_PREVIOUS_LOADED:
      return "previous-loaded";
    case KS_GEN3_BOOT_DELETED:
      return "deleted";
    case KS_GEN3_BOOT_EMPTY:
    default:
      return "empty";
    }
}

static const char *
slot_status_id (KsGen3SlotStatus status)
{
  switch (status)
    {
    case KS_GEN3_SLOT_OK:
      return "ok";
    case KS_GEN3_SLOT_ERROR:
      return "error";
    case KS_GEN3_SLOT_ABSENT:
      return "absent";
    case KS_GEN3_SLOT_EMPTY:
    default:
      return "empty";
    }
}

static void
gen3_describe (gpointer      self,
               GVariantDict *summary)
{
  KsGen3Save *save = self;
  const KsGen3Selection *sel = &save->selection;
  gboolean has_data = ks_gen3_has_game_data (save);

  g_variant_dict_insert (summary, "game", "s",
                         has_data ? ks_gen3_game_to_id (save->game) : "unknown");
  if (has_data)
    g_variant_dict_insert (summary, "game_name", "s", ks_gen3_game_to_name (save->game));
  g_variant_dict_insert (summary, "game_detection", "s", save->detection_reason);
  g_variant_dict_insert (summary, "game_overridden", "b", save->game_overridden);
  g_variant_dict_insert (summary, "boot_status", "s", boot_id (sel->boot));
  g_variant_dict_insert (summary, "active_slot", "s",
                         sel->loaded_slot < 0 ? "none" : sel->loaded_slot == 0 ? "A" : "B");
  g_variant_dict_insert (summary, "save_counter", "t", (guint64) ks_gen3_get_save_counter (save));
  g_variant_dict_insert (summary, "slot_a_status", "s", slot_status_id (sel->slots[0].status));
  g_variant_dict_insert (summary, "slot_a_counter", "t", (guint64) sel->slots[0].counter);
  g_variant_dict_insert (summary, "slot_b_status", "s", slot_status_id (sel->slots[1].status));
  if (sel->slots[1].status != KS_GEN3_SLOT_ABSENT)
    g_variant_dict_insert (summary, "slot_b_counter", "t", (guint64) sel->slots[1].counter);
  g_variant_dict_insert (summary, "half_size", "b", save->n_slots < 2);
  g_variant_dict_insert (summary, "footer_length", "t", (guint64) save->footer_length);

  if (sel->loaded_slot >= 0 && (save->loaded_mask & 1))
    {
      g_autofree char *name = ks_gen3_decode_text (save->blocks + KS_GEN3_SB2_NAME, KS_GEN3_SB2_NAME_SIZE);

      g_variant_dict_insert (summary, "trainer_name", "s", name);
      g_variant_dict_insert (summary, "trainer_id", "t",
                             (guint64) ks_read_le16 (save->blocks + KS_GEN3_SB2_TID));
    }
}

static void
gen3_verify (gpointer   self,
             GPtrArray *findings)
{
  ks_gen3_verify (self, findings, NULL);
}

/* What the new file must look like to the game: the slot just written is
 * the one it boots, and it holds exactly the edited blocks. */
static gboolean
check_output (KsGen3Save  *save,
              GBytes      *output,
              guint        target,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  KsGen3Save *check;
  gboolean ok;

  check = load_save (output, &local_error);
  if (check == NULL)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The new save does not read back: %s"), local_error->message);
      return FALSE;
    }

  check->game = save->game;
  analyse (check);

  ok = (check->selection.boot == KS_GEN3_BOOT_OK ||
        check->selection.boot == KS_GEN3_BOOT_PREVIOUS_LOADED) &&
       check->selection.loaded_slot == (gint) target &&
       check->loaded_mask == KS_GEN3_ALL_SECTIONS;
  for (guint id = 0; ok && id < KS_GEN3_N_SECTIONS; id++)
    ok = memcmp (check->blocks + id * KS_GEN3_SECTOR_DATA_SIZE,
                 save->blocks + id * KS_GEN3_SECTOR_DATA_SIZE,
                 ks_gen3_section_size (save->game, id)) == 0;
  gen3_free (check);

  if (!ok)
    g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                 _("The new save would not boot from slot %c as written; nothing was written."),
                 target == 0 ? 'A' : 'B');
  return ok;
}

static GBytes *
gen3_serialize (gpointer   self,
                GError   **error)
{
  KsGen3Save *save = self;
  const KsGen3Selection *sel = &save->selection;
  g_autoptr(GBytes) output = NULL;
  guint8 *out;
  guint target, first;
  guint32 counter;

  if (!save->edited)
    return g_bytes_ref (save->image);

  /* The setters refused the edit up front; checking again keeps
   * serialize() safe on its own (spec §7 write gate). */
  if (!save->forced && !ks_gen3_check_writable (save, error))
    return NULL;
  g_return_val_if_fail (sel->loaded_slot >= 0, NULL);

  if (save->n_slots < 2)
    {
      /* §1.1: a half-size file has no second slot to write into, so slot
       * A is rewritten in place, keeping its counter and rotation (§1.10
       * option 1). */
      target = 0;
      counter = sel->slots[0].counter;
      first = save->last_written;
    }
  else
    {
      guint32 base = sel->boot == KS_GEN3_BOOT_DELETED ? sel->slots[sel->loaded_slot].counter
                                                       : sel->game_counter;

      /* §1.6: counter + 1 picks the other slot, and the rotation moves on
       * by one.  A salvaged slot (forced, no slot OK) may have a counter of
       * the wrong parity; the next counter of the right one keeps the
       * loaded slot intact as the backup. */
      target = 1 - (guint) sel->loaded_slot;
      counter = base + 1;
      if (counter % 2 != target)
        counter++;
      first = (save->last_written + 1) % KS_GEN3_SECTORS_PER_SLOT;
    }

  out = g_memdup2 (save->data, save->size);
  ks_gen3_write_slot (out, target, save->game, save->blocks, counter, first);
  output = g_bytes_new_take (out, save->size);

  if (!check_output (save, output, target, error))
    return NULL;

  return g_steal_pointer (&output);
}

const KsFormat ks_gen3_format = {
  .id = "gen3",
  .name = N_("Pokémon Gen III save (Ruby/Sapphire/Emerald/FireRed/LeafGreen)"),
  .platform = "GBA",
  .probe = gen3_probe,
  .load = gen3_load,
  .free = gen3_free,
  .describe = gen3_describe,
  .verify = gen3_verify,
  .serialize = gen3_serialize,
};

gboolean
ks_gen3_has_game_data (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, FALSE);

  return save->detection.has_sb2;
}

KsGen3Game
ks_gen3_get_game (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, KS_GEN3_GAME_RS);

  return save->game;
}

KsGen3Game
ks_gen3_get_detected_game (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, KS_GEN3_GAME_RS);

  return save->detected_game;
}

/* A sentence: the game and the signals that chose it. */
const char *
ks_gen3_get_game_detection (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, NULL);

  return save->detection_reason;
}

gboolean
ks_gen3_is_game_overridden (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, FALSE);

  return save->game_overridden;
}

/* The caller knows better (spec §2.5, kwsch/PKHeX #1551): read the save as
 * @game.  Section lengths, field offsets and the slot choice follow the
 * game, so this re-reads the slots; call it before editing. */
void
ks_gen3_set_game (KsGen3Save *save,
                  KsGen3Game  game)
{
  g_return_if_fail (save != NULL);
  g_return_if_fail ((guint) game < KS_GEN3_N_GAMES);
  g_return_if_fail (!save->edited);

  save->game = game;
  save->game_overridden = game != save->detected_game;
  analyse (save);
}

KsGen3Boot
ks_gen3_get_boot_status (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, KS_GEN3_BOOT_EMPTY);

  return save->selection.boot;
}

/* 0 for slot A, 1 for slot B: the slot whose data the game loads (and a
 * tool shows and edits), or -1 when there is none. */
gint
ks_gen3_get_active_slot (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, -1);

  return save->selection.loaded_slot;
}

guint32
ks_gen3_get_save_counter (KsGen3Save *save)
{
  const KsGen3Selection *sel;

  g_return_val_if_fail (save != NULL, 0);

  sel = &save->selection;
  if (sel->boot == KS_GEN3_BOOT_DELETED && sel->loaded_slot >= 0)
    return sel->slots[sel->loaded_slot].counter;

  return sel->game_counter;
}

KsGen3SlotStatus
ks_gen3_get_slot_status (KsGen3Save *save,
                         guint       slot)
{
  g_return_val_if_fail (save != NULL, KS_GEN3_SLOT_ABSENT);
  g_return_val_if_fail (slot < 2, KS_GEN3_SLOT_ABSENT);

  return save->selection.slots[slot].status;
}

guint32
ks_gen3_get_slot_counter (KsGen3Save *save,
                          guint       slot)
{
  g_return_val_if_fail (save != NULL, 0);
  g_return_val_if_fail (slot < 2, 0);

  return save->selection.slots[slot].counter;
}

/* Sector @position (0–13, physical order) of @slot, and the section id it
 * carries (meaningful when the sector is signed). */
KsGen3SectorState
ks_gen3_get_sector_state (KsGen3Save *save,
                          guint       slot,
                          guint       position,
                          guint      *section_id)
{
  const KsGen3Sector *sector;

  g_return_val_if_fail (save != NULL, KS_GEN3_SECTOR_UNSIGNED);
  g_return_val_if_fail (slot < 2, KS_GEN3_SECTOR_UNSIGNED);
  g_return_val_if_fail (position < KS_GEN3_SECTORS_PER_SLOT, KS_GEN3_SECTOR_UNSIGNED);

  sector = &save->selection.slots[slot].sectors[position];
  if (section_id != NULL)
    *section_id = sector->id;
  if (slot >= save->n_slots || !sector->is_signed)
    return KS_GEN3_SECTOR_UNSIGNED;

  return sector->valid ? KS_GEN3_SECTOR_VALID : KS_GEN3_SECTOR_DAMAGED;
}

gsize
ks_gen3_get_footer_length (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, 0);

  return save->footer_length;
}

gboolean
ks_gen3_is_half_size (KsGen3Save *save)
{
  g_return_val_if_fail (save != NULL, FALSE);

  return save->n_slots < 2;
}

/* The loaded slot's logical block as the game holds it in RAM: sections
 * that were missing or broken read as zero. */
const guint8 *
ks_gen3_get_block (KsGen3Save  *save,
                   KsGen3Block  block,
                   gsize       *size)
{
  g_return_val_if_fail (save != NULL, NULL);

  if (size != NULL)
    *size = ks_gen3_block_size (save->game, block);

  switch (block)
    {
    case KS_GEN3_BLOCK_SB2:
      return save->blocks + KS_GEN3_SB2_START;
    case KS_GEN3_BLOCK_SB1:
      return save->blocks + KS_GEN3_SB1_START;
    case KS_GEN3_BLOCK_PC:
      return save->blocks + KS_GEN3_PC_START;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* §1.10, §7 write gate: the slot being edited must be free of errors,
 * because rewriting it would hide the damage. */
gboolean
ks_gen3_check_writable (KsGen3Save  *save,
                        GError     **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) blocking = NULL;
  const KsFinding *first;

  g_return_val_if_fail (save != NULL, FALSE);

  if (save->selection.loaded_slot < 0)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
                   _("This save holds no game yet: both slots are empty."));
      return FALSE;
    }

  findings = ks_findings_new ();
  blocking = ks_findings_new ();
  ks_gen3_verify (save, findings, blocking);
  if (blocking->len == 0)
    return TRUE;

  first = g_ptr_array_index (blocking, 0);
  if (blocking->len == 1)
    g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                 _("The save the game loads (slot %c) has an error, and rewriting it would "
                   "hide it: %s"),
                 save->selection.loaded_slot == 0 ? 'A' : 'B', first->message);
  else
    g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                 _("The save the game loads (slot %c) has %u errors, and rewriting it would "
                   "hide them. The first: %s"),
                 save->selection.loaded_slot == 0 ? 'A' : 'B', blocking->len, first->message);
  return FALSE;
}

guint32
ks_gen3_get_key (KsGen3Save *save)
{
  const KsGen3Layout *layout = ks_gen3_layout (save->game);

  if (!layout->has_key)
    return 0;

  return ks_read_le32 (save->blocks + KS_GEN3_SB2_START + layout->key);
}

/* TRUE when every section under blocks[offset, offset + length) was copied
 * from a valid sector. */
gboolean
ks_gen3_blocks_loaded (KsGen3Save *save,
                       gsize       offset,
                       gsize       length)
{
  gsize first, last;

  if (length == 0 || offset + length > KS_GEN3_BLOCKS_SIZE)
    return FALSE;

  first = offset / KS_GEN3_SECTOR_DATA_SIZE;
  last = (offset + length - 1) / KS_GEN3_SECTOR_DATA_SIZE;
  for (gsize id = first; id <= last; id++)
    if (!(save->loaded_mask & (1u << id)))
      return FALSE;

  return TRUE;
}
