/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-slots.c — which slot the game loads, exactly as the game decides
 *
 * Spec gen3.md §1.7 (pret GetSaveValidStatus, identical in RS, FRLG and E):
 * each slot's 14 sectors are scanned in physical order; a signed sector
 * whose checksum matches at its section's length sets that section's bit
 * and makes its counter the slot's counter.  A slot with no signature is
 * EMPTY, one with all 14 bits OK, anything else ERROR.  The two statuses
 * give the boot outcome and the save counter, and the data is then copied
 * from slot (counter % 2) — not necessarily the slot that was OK.
 *
 * §1.9 also gives PKHeX's rule, so the verifier can say when another tool
 * would edit a different slot than the game loads.
 */

#include "config.h"

#include <string.h>

#include "ks-bytes.h"
#include "ks-gen3-private.h"

void
ks_gen3_read_sector (const guint8 *sector,
                     KsGen3Game    game,
                     KsGen3Sector *out)
{
  out->id = ks_read_le16 (sector + KS_GEN3_OFFSET_ID);
  out->stored_checksum = ks_read_le16 (sector + KS_GEN3_OFFSET_CHECKSUM);
  out->signature = ks_read_le32 (sector + KS_GEN3_OFFSET_SIGNATURE);
  out->counter = ks_read_le32 (sector + KS_GEN3_OFFSET_COUNTER);
  out->is_signed = out->signature == KS_GEN3_SIGNATURE;
  /* §1.7: an id of 14 or more would index the game's size table out of
   * bounds; such a sector is rejected before any checksum is computed. */
  out->id_ok = out->is_signed && out->id < KS_GEN3_N_SECTIONS;
  out->valid = out->id_ok &&
               ks_gen3_checksum (sector, ks_gen3_section_size (game, out->id)) ==
               out->stored_checksum;
}

static void
scan_slot (const guint8 *flash,
           guint         index,
           KsGen3Game    game,
           KsGen3Slot   *slot)
{
  gboolean has_signature = FALSE;

  for (guint p = 0; p < KS_GEN3_SECTORS_PER_SLOT; p++)
    {
      const guint8 *sector = flash + (index * KS_GEN3_SECTORS_PER_SLOT + p) * KS_GEN3_SECTOR_SIZE;
      KsGen3Sector *s = &slot->sectors[p];

      ks_gen3_read_sector (sector, game, s);
      if (s->is_signed)
        has_signature = TRUE;
      if (s->valid)
        {
          slot->mask |= 1u << s->id;
          slot->counter = s->counter;
        }
    }

  if (!has_signature)
    slot->status = KS_GEN3_SLOT_EMPTY;
  else if (slot->mask == KS_GEN3_ALL_SECTIONS)
    slot->status = KS_GEN3_SLOT_OK;
  else
    slot->status = KS_GEN3_SLOT_ERROR;
}

/* With no slot OK the game starts a new game; a tool still has to show
 * something (and can be forced to rewrite it), so take the slot with the
 * most valid sections, then the newer counter. */
static gint
salvage_slot (const KsGen3Selection *sel,
              guint                  n_slots)
{
  const KsGen3Slot *a = &sel->slots[0];
  const KsGen3Slot *b = &sel->slots[1];
  guint bits_a, bits_b;

  if (n_slots < 2 || b->status != KS_GEN3_SLOT_ERROR)
    return a->status == KS_GEN3_SLOT_ERROR ? 0 : -1;
  if (a->status != KS_GEN3_SLOT_ERROR)
    return 1;

  bits_a = 0;
  bits_b = 0;
  for (guint i = 0; i < KS_GEN3_N_SECTIONS; i++)
    {
      bits_a += (a->mask >> i) & 1;
      bits_b += (b->mask >> i) & 1;
    }
  if (bits_a != bits_b)
    return bits_b > bits_a ? 1 : 0;

  return b->counter > a->counter ? 1 : 0;
}

void
ks_gen3_select (const guint8    *flash,
                guint            n_slots,
                KsGen3Game       game,
                KsGen3Selection *sel)
{
  const KsGen3Slot *a, *b;
  gboolean a_ok, b_ok;

  memset (sel, 0, sizeof *sel);

  for (guint i = 0; i < 2; i++)
    {
      if (i < n_slots)
        scan_slot (flash, i, game, &sel->slots[i]);
      else
        sel->slots[i].status = KS_GEN3_SLOT_ABSENT;
    }

  a = &sel->slots[0];
  b = &sel->slots[1];
  a_ok = a->status == KS_GEN3_SLOT_OK;
  b_ok = b->status == KS_GEN3_SLOT_OK;

  if (a_ok && b_ok)
    {
      /* The one wrap-around case the game handles: 0 follows 0xFFFFFFFF,
       * so it compares counter + 1 (u32) for that pair only. */
      if ((a->counter == G_MAXUINT32 && b->counter == 0) ||
          (a->counter == 0 && b->counter == G_MAXUINT32))
        sel->game_counter = (guint32) (a->counter + 1) < (guint32) (b->counter + 1) ? b->counter
                                                                                    : a->counter;
      else
        sel->game_counter = a->counter < b->counter ? b->counter : a->counter;
      sel->boot = KS_GEN3_BOOT_OK;
    }
  else if (a_ok)
    {
      sel->game_counter = a->counter;
      sel->boot = b->status == KS_GEN3_SLOT_ERROR ? KS_GEN3_BOOT_PREVIOUS_LOADED : KS_GEN3_BOOT_OK;
    }
  else if (b_ok)
    {
      sel->game_counter = b->counter;
      sel->boot = a->status == KS_GEN3_SLOT_ERROR ? KS_GEN3_BOOT_PREVIOUS_LOADED : KS_GEN3_BOOT_OK;
    }
  else if (a->status != KS_GEN3_SLOT_ERROR && b->status != KS_GEN3_SLOT_ERROR)
    {
      sel->game_counter = 0;
      sel->boot = KS_GEN3_BOOT_EMPTY;
    }
  else
    {
      sel->game_counter = 0;
      sel->boot = KS_GEN3_BOOT_DELETED;
    }

  switch (sel->boot)
    {
    case KS_GEN3_BOOT_OK:
    case KS_GEN3_BOOT_PREVIOUS_LOADED:
      /* CopySaveSlotData reads slot (counter % 2), whatever was OK.  A
       * half-size file has only slot A; PKHeX always uses it (§1.1). */
      sel->loaded_slot = n_slots < 2 ? 0 : (gint) (sel->game_counter % 2);
      break;
    case KS_GEN3_BOOT_DELETED:
      sel->loaded_slot = salvage_slot (sel, n_slots);
      break;
    case KS_GEN3_BOOT_EMPTY:
    default:
      sel->loaded_slot = -1;
      break;
    }

  sel->pkhex_slot = ks_gen3_pkhex_slot (flash, n_slots);
}

/* PKHeX SAV3.IsAllMainSectorsPresent: the 14 ids form 0..13, nothing else
 * (no signature, no checksum). */
static gboolean
pkhex_slot_present (const guint8 *flash,
                    guint         slot,
                    guint32      *counter)
{
  guint16 mask = 0;

  for (guint p = 0; p < KS_GEN3_SECTORS_PER_SLOT; p++)
    {
      const guint8 *sector = flash + (slot * KS_GEN3_SECTORS_PER_SLOT + p) * KS_GEN3_SECTOR_SIZE;
      guint16 id = ks_read_le16 (sector + KS_GEN3_OFFSET_ID);

      if (id >= KS_GEN3_N_SECTIONS)
        return FALSE;
      mask |= 1u << id;
      if (id == 0)
        *counter = ks_read_le32 (sector + KS_GEN3_OFFSET_COUNTER);
    }

  return mask == KS_GEN3_ALL_SECTIONS;
}

/* PKHeX SAV3.GetActiveSlot / SAV3BlockDetection.CompareFooters (§1.9). */
gint
ks_gen3_pkhex_slot (const guint8 *flash,
                    guint         n_slots)
{
  guint32 ca = 0, cb = 0;
  gboolean a, b;

  if (n_slots < 2)
    return 0;

  a = pkhex_slot_present (flash, 0, &ca);
  b = pkhex_slot_present (flash, 1, &cb);
  if (!a)
    return b ? 1 : 0;
  if (!b)
    return 0;

  /* 0xFFFFFFFF reads as "never written" unless the other is 0xFFFFFFFE. */
  if (cb == G_MAXUINT32 && ca != G_MAXUINT32 - 1)
    return 0;
  if (ca == G_MAXUINT32 && cb != G_MAXUINT32 - 1)
    return 1;

  return cb > ca ? 1 : 0;
}
