/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* gen3-builder.c — synthetic Gen III flash images (spec gen3.md §8) */

#include "config.h"

#include <string.h>

#include "gen3-builder.h"

#define SIGNATURE        0x08012025u

void
gen3_test_trainer (KsGen3Trainer *trainer)
{
  memset (trainer, 0, sizeof *trainer);
  trainer->name = g_strdup ("ASH");
  trainer->gender = KS_GEN3_GENDER_MALE;
  trainer->tid = 12345;
  trainer->sid = 54321;
  trainer->money = 3000;
  trainer->coins = 50;
  trainer->hours = 12;
  trainer->minutes = 34;
  trainer->seconds = 56;
  trainer->badges[0] = TRUE;
  trainer->badges[1] = TRUE;
}

guint8 *
gen3_blocks_new (KsGen3Game game,
                 guint32    key)
{
  g_auto(KsGen3Trainer) trainer = { 0 };
  g_autoptr(GError) error = NULL;
  guint8 *blocks;

  gen3_test_trainer (&trainer);
  blocks = ks_gen3_new_blocks (game, &trainer, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (blocks);

  return blocks;
}

guint8 *
gen3_flash_new (gsize size)
{
  guint8 *flash = g_malloc (size);

  memset (flash, 0xFF, size);
  return flash;
}

/* §1.5, written out again: u32 words summed, high + low halves, 16 bits. */
static guint16
checksum (const guint8 *data,
          gsize         size)
{
  guint32 sum = 0;

  for (gsize i = 0; i < size; i += 4)
    sum += (guint32) data[i] | (guint32) data[i + 1] << 8 | (guint32) data[i + 2] << 16 |
           (guint32) data[i + 3] << 24;

  return (guint16) ((sum >> 16) + (sum & 0xFFFF));
}

static void
put16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xFF;
  p[1] = v >> 8;
}

static void
put32 (guint8 *p, guint32 v)
{
  put16 (p, v & 0xFFFF);
  put16 (p + 2, v >> 16);
}

void
gen3_write_sector (guint8       *sector,
                   KsGen3Game    game,
                   const guint8 *blocks,
                   guint         id,
                   guint32       counter)
{
  gsize size = ks_gen3_section_size (game, id);

  memset (sector, 0, GEN3_SECTOR_SIZE);
  memcpy (sector, blocks + id * GEN3_SECTOR_DATA, size);
  put16 (sector + 0xFF4, (guint16) id);
  put16 (sector + 0xFF6, checksum (sector, size));
  put32 (sector + 0xFF8, SIGNATURE);
  put32 (sector + 0xFFC, counter);
}

void
gen3_write_slot_order (guint8       *flash,
                       guint         slot,
                       KsGen3Game    game,
                       const guint8 *blocks,
                       guint32       counter,
                       const guint   order[14])
{
  for (guint p = 0; p < 14; p++)
    gen3_write_sector (flash + (slot * 14 + p) * GEN3_SECTOR_SIZE, game, blocks, order[p], counter);
}

void
gen3_write_slot (guint8       *flash,
                 guint         slot,
                 KsGen3Game    game,
                 const guint8 *blocks,
                 guint32       counter,
                 guint         rotation)
{
  guint order[14];

  for (guint id = 0; id < 14; id++)
    order[(rotation + id) % 14] = id;
  gen3_write_slot_order (flash, slot, game, blocks, counter, order);
}

void
gen3_fix_checksum (guint8     *flash,
                   guint       physical,
                   KsGen3Game  game)
{
  guint8 *sector = flash + physical * GEN3_SECTOR_SIZE;
  guint id = sector[0xFF4] | sector[0xFF5] << 8;

  g_assert_cmpuint (id, <, 14);
  put16 (sector + 0xFF6, checksum (sector, ks_gen3_section_size (game, id)));
}

gint
gen3_find_section (const guint8 *flash,
                   guint         slot,
                   guint         id)
{
  for (guint p = 0; p < 14; p++)
    {
      const guint8 *sector = flash + (slot * 14 + p) * GEN3_SECTOR_SIZE;

      if ((guint) (sector[0xFF4] | sector[0xFF5] << 8) == id)
        return (gint) (slot * 14 + p);
    }

  return -1;
}

GBytes *
gen3_build (KsGen3Game    game,
            const guint8 *blocks,
            gint64        a,
            gint64        b)
{
  guint8 *flash = gen3_flash_new (GEN3_FLASH_SIZE);

  if (a >= 0)
    gen3_write_slot (flash, 0, game, blocks, (guint32) a, 0);
  if (b >= 0)
    gen3_write_slot (flash, 1, game, blocks, (guint32) b, 1);

  return g_bytes_new_take (flash, GEN3_FLASH_SIZE);
}

KsContainer *
gen3_open (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_from_bytes (bytes, "test.sav", "gen3", &error);

  g_assert_no_error (error);
  g_assert_nonnull (container);

  return container;
}

KsGen3Save *
gen3_save (KsContainer *container)
{
  g_assert_true (ks_container_get_format (container) == &ks_gen3_format);

  return ks_container_get_impl (container);
}

void
gen3_put_pokemon (guint8       *mon,
                  guint32       pid,
                  guint32       otid,
                  const guint8 *plain)
{
  put32 (mon, pid);
  put32 (mon + 4, otid);
  ks_gen3_pk3_encrypt (mon, plain);
}

gboolean
gen3_has_finding (GPtrArray  *findings,
                  const char *code)
{
  return ks_findings_find (findings, code) != NULL;
}

void
gen3_assert_finding (GPtrArray  *findings,
                     KsSeverity  severity,
                     const char *code)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->code, code) && finding->severity == severity)
        return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      g_printerr ("  %s %s: %s\n", ks_severity_to_string (finding->severity), finding->code,
                  finding->message);
    }
  g_error ("no %s finding with code %s", ks_severity_to_string (severity), code);
}
