/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-pokemon.c — one stored Pokémon (PK3): decrypt, order, checksum
 *
 * Spec gen3.md §5.2 (pokefirered src/pokemon.c GetSubstruct,
 * EncryptBoxMon/DecryptBoxMon): the 12 u32 words at 0x20 are XORed with
 * PID ^ OTID; PID % 24 gives where G, A, E and M sit; the checksum at 0x1C
 * is the u16 sum of the decrypted data, which does not depend on the order.
 * "Plain" data here is always in G, A, E, M order.
 */

#include "config.h"

#include <string.h>

#include "ks-bytes.h"
#include "ks-gen3-pokemon.h"

#define OFFSET_PID        0x00
#define OFFSET_OTID       0x04
#define OFFSET_LANGUAGE   0x12
#define OFFSET_FLAGS      0x13
#define OFFSET_CHECKSUM   0x1C
#define MISC_IS_EGG_BIT   (1u << 30)

/* §5.2: the order of G, A, E, M for each PID % 24, as position letters. */
static const char orders[24][5] = {
  "GAEM", "GAME", "GEAM", "GEMA", "GMAE", "GMEA",
  "AGEM", "AGME", "AEGM", "AEMG", "AMGE", "AMEG",
  "EGAM", "EGMA", "EAGM", "EAMG", "EMGA", "EMAG",
  "MGAE", "MGEA", "MAGE", "MAEG", "MEGA", "MEAG",
};

static const char sub_letters[4] = { 'G', 'A', 'E', 'M' };

/* Where (0–3) substructure @sub sits in the stored order. */
guint
ks_gen3_pk3_position (guint32            pid,
                      KsGen3Substructure sub)
{
  const char *order = orders[pid % 24];

  g_return_val_if_fail ((guint) sub < 4, 0);

  return (guint) (strchr (order, sub_letters[sub]) - order);
}

static guint32
mon_key (const guint8 *mon)
{
  return ks_read_le32 (mon + OFFSET_PID) ^ ks_read_le32 (mon + OFFSET_OTID);
}

void
ks_gen3_pk3_decrypt (const guint8 *mon,
                     guint8        plain[KS_GEN3_PK3_DATA_SIZE])
{
  guint8 stored[KS_GEN3_PK3_DATA_SIZE];
  guint32 key, pid;

  g_return_if_fail (mon != NULL);

  key = mon_key (mon);
  pid = ks_read_le32 (mon + OFFSET_PID);
  for (guint i = 0; i < KS_GEN3_PK3_DATA_SIZE; i += 4)
    ks_write_le32 (stored + i, ks_read_le32 (mon + KS_GEN3_PK3_DATA_OFFSET + i) ^ key);

  for (guint sub = 0; sub < 4; sub++)
    memcpy (plain + sub * KS_GEN3_PK3_SUB_SIZE,
            stored + ks_gen3_pk3_position (pid, sub) * KS_GEN3_PK3_SUB_SIZE,
            KS_GEN3_PK3_SUB_SIZE);
}

/* Stores @plain (G, A, E, M order) into @mon with its PID and OTID, and
 * sets the checksum, as the game does after changing a field. */
void
ks_gen3_pk3_encrypt (guint8       *mon,
                     const guint8  plain[KS_GEN3_PK3_DATA_SIZE])
{
  guint8 stored[KS_GEN3_PK3_DATA_SIZE];
  guint32 key, pid;

  g_return_if_fail (mon != NULL);

  key = mon_key (mon);
  pid = ks_read_le32 (mon + OFFSET_PID);
  for (guint sub = 0; sub < 4; sub++)
    memcpy (stored + ks_gen3_pk3_position (pid, sub) * KS_GEN3_PK3_SUB_SIZE,
            plain + sub * KS_GEN3_PK3_SUB_SIZE,
            KS_GEN3_PK3_SUB_SIZE);

  ks_write_le16 (mon + OFFSET_CHECKSUM, ks_gen3_pk3_checksum (plain));
  for (guint i = 0; i < KS_GEN3_PK3_DATA_SIZE; i += 4)
    ks_write_le32 (mon + KS_GEN3_PK3_DATA_OFFSET + i, ks_read_le32 (stored + i) ^ key);
}

guint16
ks_gen3_pk3_checksum (const guint8 plain[KS_GEN3_PK3_DATA_SIZE])
{
  guint16 sum = 0;

  for (guint i = 0; i < KS_GEN3_PK3_DATA_SIZE; i += 2)
    sum += ks_read_le16 (plain + i);

  return sum;
}

/* Decodes what the verifier checks; returns whether the checksum holds
 * (the game shows a Bad Egg when it does not). */
gboolean
ks_gen3_pk3_read (const guint8 *mon,
                  KsGen3Pk3    *out)
{
  guint8 plain[KS_GEN3_PK3_DATA_SIZE];
  const guint8 *g = plain;
  const guint8 *a = plain + KS_GEN3_PK3_SUB_SIZE;
  const guint8 *e = plain + 2 * KS_GEN3_PK3_SUB_SIZE;
  const guint8 *m = plain + 3 * KS_GEN3_PK3_SUB_SIZE;

  g_return_val_if_fail (mon != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  ks_gen3_pk3_decrypt (mon, plain);

  memset (out, 0, sizeof *out);
  out->pid = ks_read_le32 (mon + OFFSET_PID);
  out->otid = ks_read_le32 (mon + OFFSET_OTID);
  out->language = mon[OFFSET_LANGUAGE];
  out->flags = mon[OFFSET_FLAGS];
  out->stored_checksum = ks_read_le16 (mon + OFFSET_CHECKSUM);
  out->checksum = ks_gen3_pk3_checksum (plain);

  out->species = ks_read_le16 (g + 0);
  out->item = ks_read_le16 (g + 2);
  out->experience = ks_read_le32 (g + 4);
  for (guint i = 0; i < 4; i++)
    {
      out->moves[i] = ks_read_le16 (a + 2 * i);
      out->pp[i] = a[8 + i];
    }
  memcpy (out->evs, e, 6);
  out->misc_is_egg = (ks_read_le32 (m + 4) & MISC_IS_EGG_BIT) != 0;

  return out->checksum == out->stored_checksum;
}
