/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-pokemon.h — one stored Pokémon (PK3): decrypt, order, checksum
 *
 * Spec gen3.md §5.  80 bytes in a box, 100 in the party.  The 48 bytes at
 * 0x20 are four 12-byte substructures, XORed with PID ^ OTID and ordered by
 * PID % 24; their u16 sum is the checksum at 0x1C.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KS_GEN3_PK3_BOX_SIZE     80
#define KS_GEN3_PK3_PARTY_SIZE   100
#define KS_GEN3_PK3_DATA_OFFSET  0x20
#define KS_GEN3_PK3_DATA_SIZE    48
#define KS_GEN3_PK3_SUB_SIZE     12

typedef enum
{
  KS_GEN3_SUB_GROWTH,    /* G: species, item, experience, PP ups, friendship */
  KS_GEN3_SUB_ATTACKS,   /* A: 4 moves, 4 PP */
  KS_GEN3_SUB_EVS,       /* E: EVs and contest condition */
  KS_GEN3_SUB_MISC,      /* M: pokérus, met data, IVs, ribbons */
} KsGen3Substructure;

/* The fields a verifier looks at, decoded. */
typedef struct
{
  guint32  pid;
  guint32  otid;
  guint8   language;
  guint8   flags;             /* 0x13: bit 0 bad egg, 1 has species, 2 is egg */
  guint16  stored_checksum;
  guint16  checksum;          /* of the decrypted data */
  guint16  species;
  guint16  item;
  guint32  experience;
  guint16  moves[4];
  guint8   pp[4];
  guint8   evs[6];
  gboolean misc_is_egg;       /* M: IV word bit 30 */
} KsGen3Pk3;

guint     ks_gen3_pk3_position  (guint32              pid,
                                 KsGen3Substructure   sub);
void      ks_gen3_pk3_decrypt   (const guint8        *mon,
                                 guint8               plain[KS_GEN3_PK3_DATA_SIZE]);
void      ks_gen3_pk3_encrypt   (guint8              *mon,
                                 const guint8         plain[KS_GEN3_PK3_DATA_SIZE]);
guint16   ks_gen3_pk3_checksum  (const guint8         plain[KS_GEN3_PK3_DATA_SIZE]);
gboolean  ks_gen3_pk3_read      (const guint8        *mon,
                                 KsGen3Pk3           *out);

G_END_DECLS
