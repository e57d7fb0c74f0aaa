/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-copy-check.c — a copy is checked whole before it runs: format,
 * size, space and names, every problem at once */

#include "config.h"

#include "ks-test-utils.h"
#include "mmc-builder.h"

static KsContainer *
open_as (GBytes         *bytes,
         const KsFormat *format)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_with_format (bytes, "x", format, &error);

  g_assert_no_error (error);
  return container;
}

static GBytes *
zeros (gsize size)
{
  return g_bytes_new_take (g_malloc0 (size), size);
}

/* mega-memory-card.md §8 worked example: save 0 "ZELDA DX" (8 KiB), save 1
 * "POKEMON RED" (32 KiB) */
static KsContainer *
worked_example (void)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();

  return open_as (image, &ks_mmc_format);
}

static void
test_mmc_entry_to_gb_cart_of_the_same_size_passes (void)
{
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(GBytes) sram = zeros (8192);
  g_autoptr(KsContainer) cart = open_as (sram, &ks_gb_sav_format);
  g_autoptr(GPtrArray) problems = ks_copy_check (card, 0, cart, "the cart");

  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_mmc_entry_to_gb_cart_of_another_size_is_refused (void)
{
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(GBytes) sram = zeros (32768);
  g_autoptr(KsContainer) cart = open_as (sram, &ks_gb_sav_format);
  g_autoptr(GPtrArray) problems = ks_copy_check (card, 0, cart, "the cart");

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "The save is 8192 bytes; the cart holds 32768 bytes.");
}

/* Inserts @sram under new names until the card has no room for it. */
static void
insert_until_full (KsContainer *card,
                   GBytes      *sram,
                   const char  *prefix)
{
  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (i, <, 99);
      if (!ks_container_insert (card, sram, "fill.sav", name, &error))
        {
          g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE);
          return;
        }
    }
}

/* Fills @image with 8 KiB saves of noise (about 33 blocks each), then with
 * one-block saves, until not even a block is left. */
static GBytes *
fill_up (GBytes *image)
{
  g_autoptr(KsContainer) card = open_as (image, &ks_mmc_format);
  g_autoptr(GBytes) noise = ks_test_random_bytes (8192, 100);
  g_autoptr(GBytes) small = ks_test_mmc_zelda_sram ();

  insert_until_full (card, noise, "NOISE");
  insert_until_full (card, small, "SMALL");
  return ks_container_build_verified (card, FALSE, NULL, NULL);
}

static void
test_name_clash_and_no_space_are_both_listed (void)
{
  g_autoptr(KsContainer) source = worked_example ();
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) noise = ks_test_random_bytes (128 * 1024, 11);
  g_autoptr(GBytes) filled = NULL;
  g_autoptr(KsContainer) full = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  /* 128 KiB of noise barely compresses: three of them, then 8 KiB ones
   * until nothing fits */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("BIG %u", i);
      GBytes *bigger = ks_test_mmc_insert (image, noise, name);

      g_bytes_unref (image);
      image = bigger;
    }
  filled = fill_up (image);
  g_assert_nonnull (filled);
  full = open_as (filled, &ks_mmc_format);

  problems = ks_copy_check (source, 1, full, "the card");
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "the card already holds a save named “POKEMON RED”.");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "Not enough space on the card:"));
}

static void
test_unknown_target_is_refused (void)
{
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(GPtrArray) problems = ks_copy_check (card, 0, NULL, "mystery.bin");

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "does not know the format of mystery.bin"));
}

static void
test_gb_cart_into_card_passes (void)
{
  g_autoptr(GBytes) sram = ks_test_mmc_zelda_sram ();
  g_autoptr(KsContainer) cart = open_as (sram, &ks_gb_sav_format);
  g_autoptr(GBytes) fresh = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = open_as (fresh, &ks_mmc_format);
  g_autoptr(GPtrArray) problems = ks_copy_check (cart, G_MAXUINT, card, "the card");

  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/copy-check/mmc-entry-to-gb-cart-of-the-same-size-passes",
                   test_mmc_entry_to_gb_cart_of_the_same_size_passes);
  g_test_add_func ("/copy-check/mmc-entry-to-gb-cart-of-another-size-is-refused",
                   test_mmc_entry_to_gb_cart_of_another_size_is_refused);
  g_test_add_func ("/copy-check/name-clash-and-no-space-are-both-listed",
                   test_name_clash_and_no_space_are_both_listed);
  g_test_add_func ("/copy-check/unknown-target-is-refused", test_unknown_target_is_refused);
  g_test_add_func ("/copy-check/gb-cart-into-card-passes", test_gb_cart_into_card_passes);

  return g_test_run ();
}
