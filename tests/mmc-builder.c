/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* mmc-builder.c — shared Mega Memory Card builders (see mmc-builder.h) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "mmc-builder.h"

GBytes *
ks_test_mmc_zelda_sram (void)
{
  guint8 *sram = g_malloc0 (8192);

  sram[0] = 0x01;
  sram[1] = sram[2] = 0x02;
  sram[3] = sram[4] = sram[5] = 0x03;

  return g_bytes_new_take (sram, 8192);
}

GBytes *
ks_test_mmc_pokemon_sram (void)
{
  guint8 *sram = g_malloc0 (32768);

  for (guint i = 0; i < 252; i++)
    sram[i] = (guint8) (i + 1);
  sram[32765] = 0xFD;
  sram[32766] = 0xFE;
  sram[32767] = 0xFF;

  return g_bytes_new_take (sram, 32768);
}

GBytes *
ks_test_mmc_insert (GBytes     *image,
                    GBytes     *sram,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) container = NULL;
  GBytes *output;

  container = ks_container_new_from_bytes (image, NULL, "mmc", &error);
  g_assert_no_error (error);
  ks_container_insert (container, sram, "save.sav", name, &error);
  g_assert_no_error (error);
  output = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  return output;
}

GBytes *
ks_test_mmc_worked_example (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) one = ks_test_mmc_insert (formatted, zelda, "ZELDA DX");

  return ks_test_mmc_insert (one, pokemon, "POKEMON RED");
}

GBytes *
ks_test_mmc_seed_post_stream (void)
{
  return ks_test_bytes_from_hex (
    "EE EE 49 00 01 02 04 01 0B 01 05 05 0A 05 04 09"
    "03 07 03 EE 04 00 01 02 00 04 01 01 EE 1C 00 B4"
    "01 1F 3F F9 F5 F2 F7 F7 E6 F8 7C FA FF FE FC C0"
    "13 0F 17 62 60 60 64 E1 C1 00 10 08 04 03 01 02"
    "07 1F 3F 7F 7F 1F EE 10 00 02 01 81 80 40 04 24"
    "A6 23 03 11 10 80 08 00 64 B2 38 79 F8 71 7B 77"
    "E7 6B B7 17 0F 0F 07 0F FC 19 21 91 91 10 60 EE"
    "12 00 03 81 C0 F0 78 7F 3F 3B BD BC BC EE 02 3E"
    "3F 1F 1F 0F 83 C1 C2 E4 E0 F0 F0 F1 F2 EC F0 80");
}

GBytes *
ks_test_mmc_seed_post_image (void)
{
  /* the post's name table (0x7F800) and mapping table (0x7F000), as posted */
  g_autoptr(GBytes) names = ks_test_bytes_from_hex (
    "50 4F 4B 45 4D 4F 4E 20 52 45 44 20 20 20 20 20"
    "50 4F 4B 45 4D 4F 4E 20 42 4C 55 45 20 20 20 20"
    "50 4F 4B 45 4D 4F 4E 20 59 45 4C 4C 4F 57 20 20"
    "50 4F 4B 45 4D 4F 4E 20 52 45 44 32 20 20 20 20"
    "59 45 4C 4C 20 20 20 20 20 20 20 20 20 20 20 20");
  g_autoptr(GBytes) map = ks_test_bytes_from_hex (
    "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01"
    "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01"
    "01 01 01 01 01 01 01 01 01 01 01 01 01 02 02 02"
    "02 02 02 02 02 02 03 03 03 03 03 03 03 03 03 03"
    "03 03 03 03 03 03 03 03 03 03 03 03 03 04 04 04"
    "04 04 04 04 04 04 04 04 04 04 04 04 04 04 04 04"
    "04 04 04 04 04 04 04 04 04 04 04 04 04 04 04 04"
    "04 04 04 04 04 04 04 04 04 04 04 04 04 04 04 04"
    "04 04 04 04 04 04 04 04 04 04 04 04 04 04 04 04"
    "04 04 04 04 04 04 04 04 04 04 04 04 04 04 04 04"
    "04 04 04 04 04 04 04 04 04 05 05 05 05 05 05 05"
    "05 05 05 00 00 00 00 00 00 00 00 00 00 00 00 00");
  g_autoptr(GBytes) stream = ks_test_mmc_seed_post_stream ();
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  guint8 *image = g_memdup2 (g_bytes_get_data (formatted, NULL), KS_MMC_IMAGE_SIZE);

  memcpy (image + 0x7F800, g_bytes_get_data (names, NULL), g_bytes_get_size (names));
  memcpy (image + 0x7F000, g_bytes_get_data (map, NULL), g_bytes_get_size (map));
  memcpy (image, g_bytes_get_data (stream, NULL), g_bytes_get_size (stream));
  image[0x7FF00] = 5;
  image[0x7FFFF] = ks_mmc_header_checksum (image + 0x7FF00);

  return g_bytes_new_take (image, KS_MMC_IMAGE_SIZE);
}
