/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-copy-plan.c — a copy, an import or a restore is planned whole
 * before it runs: its effect on the target (add, replace a save of the
 * same name, replace everything), the choices that fit, and every problem
 * of each choice at once (kind, size, space, name) */

#include "config.h"

#include <glib/gstdio.h>

#include "ks-test-utils.h"
#include "mmc-builder.h"
#include "saturn-builder.h"

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

/* mega-memory-card.md §8, the worked example: save 0 "ZELDA DX" (8 KiB),
 * save 1 "POKEMON RED" (32 KiB) */
static KsContainer *
worked_example (void)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();

  return open_as (image, &ks_mmc_format);
}

static KsCopyPlan *
plan_save (KsContainer *source,
           guint        index,
           KsContainer *target,
           const char  *title)
{
  KsCopySource from = { .container = source, .index = index };
  KsCopyTarget to = { .container = target, .title = title };

  return ks_copy_plan_new (&from, &to);
}

static const KsCopyProblem *
problem (KsCopyPlan *plan,
         guint       i)
{
  GPtrArray *problems = ks_copy_plan_get_problems (plan);

  g_assert_cmpuint (i, <, problems->len);
  return g_ptr_array_index (problems, i);
}

static void
test_mmc_entry_to_gb_cart_of_the_same_size_replaces_its_save (void)
{
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(GBytes) sram = zeros (8192);
  g_autoptr(KsContainer) cart = open_as (sram, &ks_gb_sav_format);
  g_autoptr(KsCopyPlan) plan = plan_save (card, 0, cart, "the cart");

  /* a cart holds one save: the copy replaces it, and says so */
  g_assert_cmpint (ks_copy_plan_get_effect (plan), ==, KS_COPY_EFFECT_REPLACE_ALL);
  g_assert_cmpint (ks_copy_plan_get_default_choice (plan), ==, KS_COPY_CHOICE_REPLACE);
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_REPLACE));
  g_assert_false (ks_copy_plan_can (plan, KS_COPY_CHOICE_ADD));
  g_assert_false (ks_copy_plan_can (plan, KS_COPY_CHOICE_KEEP_BOTH));
  g_assert_cmpuint (ks_copy_plan_get_target_size (plan), ==, 8192);
  g_assert_cmpuint (ks_copy_plan_get_problems (plan)->len, ==, 0);
}

static void
test_mmc_entry_to_gb_cart_of_another_size_is_refused (void)
{
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(GBytes) sram = zeros (32768);
  g_autoptr(KsContainer) cart = open_as (sram, &ks_gb_sav_format);
  g_autoptr(KsCopyPlan) plan = plan_save (card, 0, cart, "the cart");

  g_assert_true (ks_copy_plan_is_refused (plan));
  g_assert_cmpuint (ks_copy_plan_get_problems (plan)->len, ==, 1);
  g_assert_cmpint (problem (plan, 0)->kind, ==, KS_COPY_PROBLEM_SIZE);
  g_assert_cmpstr (problem (plan, 0)->message, ==,
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
  g_autoptr(KsCopyPlan) plan = NULL;

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

  /* "POKEMON RED" is there already: replacing it frees its blocks and
   * fits; a second copy beside it does not fit */
  plan = plan_save (source, 1, full, "the card");
  g_assert_cmpint (ks_copy_plan_get_effect (plan), ==, KS_COPY_EFFECT_REPLACE_SAVE);
  g_assert_cmpstr (ks_copy_plan_get_replaced_name (plan), ==, "POKEMON RED");
  g_assert_cmpuint (ks_copy_plan_get_replaced_size (plan), ==, 32768);
  g_assert_cmpstr (ks_copy_plan_get_new_name (plan), ==, "POKEMON RED 2");
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_REPLACE));
  g_assert_false (ks_copy_plan_can (plan, KS_COPY_CHOICE_KEEP_BOTH));
  g_assert_cmpuint (ks_copy_plan_get_problems (plan)->len, ==, 1);
  g_assert_cmpint (problem (plan, 0)->kind, ==, KS_COPY_PROBLEM_SPACE);
  g_assert_cmpint (problem (plan, 0)->choice, ==, KS_COPY_CHOICE_KEEP_BOTH);
  g_assert_true (g_str_has_prefix (problem (plan, 0)->message, "Not enough space on the card:"));
}

static void
test_unknown_target_is_refused (void)
{
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(KsCopyPlan) plan = plan_save (card, 0, NULL, "mystery.bin");

  g_assert_true (ks_copy_plan_is_refused (plan));
  g_assert_cmpint (problem (plan, 0)->kind, ==, KS_COPY_PROBLEM_KIND);
  g_assert_nonnull (strstr (problem (plan, 0)->message, "does not know the format of mystery.bin"));
}

static void
test_gb_cart_into_card_adds_to_free_space (void)
{
  g_autoptr(GBytes) sram = ks_test_mmc_zelda_sram ();
  g_autoptr(KsContainer) cart = open_as (sram, &ks_gb_sav_format);
  g_autoptr(GBytes) fresh = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = open_as (fresh, &ks_mmc_format);
  KsCopySource from = { .container = cart, .index = G_MAXUINT, .name = "ZELDA DX" };
  KsCopyTarget to = { .container = card, .title = "the card" };
  g_autoptr(KsCopyPlan) plan = ks_copy_plan_new (&from, &to);

  g_assert_cmpint (ks_copy_plan_get_effect (plan), ==, KS_COPY_EFFECT_ADD);
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_ADD));
  g_assert_cmpstr (ks_copy_plan_get_name (plan), ==, "ZELDA DX");
  g_assert_cmpuint (ks_copy_plan_get_problems (plan)->len, ==, 0);
}

/* The Mega Memory Card takes two saves of one name (its "Unique names"
 * option is off by default); a copy never makes two unasked. */
static void
test_same_save_twice_onto_a_card_asks (void)
{
  g_autoptr(KsContainer) source = worked_example ();
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(KsCopyPlan) plan = plan_save (source, 0, card, "the card");
  g_autoptr(GBytes) file = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ks_copy_plan_get_effect (plan), ==, KS_COPY_EFFECT_REPLACE_SAVE);
  g_assert_cmpstr (ks_copy_plan_get_replaced_name (plan), ==, "ZELDA DX");
  g_assert_cmpstr (ks_copy_plan_get_new_name (plan), ==, "ZELDA DX 2");
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_REPLACE));
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_KEEP_BOTH));
  g_assert_false (ks_copy_plan_can (plan, KS_COPY_CHOICE_ADD));

  /* a plain add (the choice an earlier plan made) now refuses */
  file = ks_copy_extract (source, 0, FALSE, &file_name, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "ZELDA DX");
  g_assert_false (ks_copy_insert (card, file, file_name, name, KS_COPY_CHOICE_ADD, NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS);
  g_clear_error (&error);

  /* replace keeps one "ZELDA DX"; keep both adds "ZELDA DX 2" */
  g_assert_true (ks_copy_insert (card, file, file_name, name, KS_COPY_CHOICE_REPLACE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ks_copy_insert (card, file, file_name, name, KS_COPY_CHOICE_KEEP_BOTH,
                                 "ZELDA DX 2", &error));
  g_assert_no_error (error);
  saves = ks_container_list (card, NULL);
  g_assert_cmpuint (saves->len, ==, 3);
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 0))->name, ==, "POKEMON RED");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 1))->name, ==, "ZELDA DX");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 2))->name, ==, "ZELDA DX 2");
}

static void
test_a_saturn_save_keeps_both_under_a_saturn_name (void)
{
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autoptr(KsContainer) source = open_as (image, &ks_saturn_bram_format);
  g_autoptr(KsContainer) target = open_as (image, &ks_saturn_bram_format);
  g_autoptr(KsCopyPlan) plan = plan_save (source, 0, target, "internal.bkr");

  /* "DEZA2___SYS" is 11 bytes, the most a name holds: the number takes
   * the place of its last characters, and "_" joins as games do */
  g_assert_cmpint (ks_copy_plan_get_effect (plan), ==, KS_COPY_EFFECT_REPLACE_SAVE);
  g_assert_cmpstr (ks_copy_plan_get_replaced_name (plan), ==, "DEZA2___SYS");
  g_assert_cmpstr (ks_copy_plan_get_new_name (plan), ==, "DEZA2___S_2");
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_KEEP_BOTH));
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_REPLACE));
}

static void
test_a_game_boy_save_is_refused_by_saturn_backup_ram (void)
{
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autoptr(KsContainer) saturn = open_as (image, &ks_saturn_bram_format);
  g_autoptr(KsCopyPlan) plan = plan_save (card, 0, saturn, "internal.bkr");

  g_assert_true (ks_copy_plan_is_refused (plan));
  g_assert_cmpuint (ks_copy_plan_get_problems (plan)->len, ==, 1);
  g_assert_cmpint (problem (plan, 0)->kind, ==, KS_COPY_PROBLEM_KIND);
  g_assert_cmpstr (problem (plan, 0)->message, ==,
                   "This is a Game Boy save, and internal.bkr holds Sega Saturn saves.");
}

/* A whole image: the card's own 512 KiB backup goes back over the card */
static void
test_a_card_image_restores_over_a_card (void)
{
  g_autoptr(GBytes) backup = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) fresh = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = open_as (fresh, &ks_mmc_format);
  KsCopySource from = { .file = backup, .file_name = "card.bin", .image_format = "mmc" };
  KsCopyTarget to = { .container = card, .title = "the card" };
  g_autoptr(KsCopyPlan) plan = ks_copy_plan_new (&from, &to);

  g_assert_cmpint (ks_copy_plan_get_effect (plan), ==, KS_COPY_EFFECT_REPLACE_ALL);
  g_assert_true (ks_copy_plan_can (plan, KS_COPY_CHOICE_REPLACE));
  g_assert_cmpuint (ks_copy_plan_get_problems (plan)->len, ==, 0);
  g_assert_cmpuint (ks_copy_plan_get_target_size (plan), ==, 512 * 1024);
  g_assert_cmpuint (ks_copy_plan_get_target_saves (plan), ==, 0);
}

/* What the job row says before the job runs comes from core, from the
 * plan and the choice: the window and any other front end say the same */
static void
test_the_plan_describes_each_choice (void)
{
  g_autoptr(KsContainer) source = worked_example ();
  g_autoptr(KsContainer) card = worked_example ();
  g_autoptr(KsCopyPlan) twice = plan_save (source, 0, card, "the card");
  g_autoptr(GBytes) fresh = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) empty = open_as (fresh, &ks_mmc_format);
  g_autoptr(KsCopyPlan) add = plan_save (source, 1, empty, "the card");
  g_autoptr(GBytes) sram = ks_test_mmc_pokemon_sram ();
  g_autoptr(KsContainer) cart = open_as (sram, &ks_gb_sav_format);
  g_autoptr(KsCopyPlan) over_cart = plan_save (source, 1, cart, "Game Boy cart");
  g_autoptr(GBytes) backup = ks_test_mmc_worked_example ();
  KsCopySource image = { .file = backup, .file_name = "card.bin", .image_format = "mmc" };
  KsCopyTarget to_empty = { .container = empty, .title = "the card" };
  g_autoptr(KsCopyPlan) restore = ks_copy_plan_new (&image, &to_empty);
  g_autofree char *replace = NULL;
  g_autofree char *both = NULL;
  g_autofree char *added = NULL;
  g_autofree char *whole_save = NULL;
  g_autofree char *everything = NULL;

  replace = ks_job_describe_plan (KS_JOB_KIND_COPY, twice, KS_COPY_CHOICE_REPLACE, "x",
                                  "the card");
  g_assert_cmpstr (replace, ==, "Replaces “ZELDA DX” on the card; the one there now is stored "
                                "in the backup library first.");
  both = ks_job_describe_plan (KS_JOB_KIND_COPY, twice, KS_COPY_CHOICE_KEEP_BOTH, "x",
                               "the card");
  g_assert_cmpstr (both, ==, "Adds a new save “ZELDA DX 2” beside “ZELDA DX” on the card; "
                             "nothing there is replaced.");
  g_assert_cmpint (ks_copy_plan_get_effect (add), ==, KS_COPY_EFFECT_ADD);
  added = ks_job_describe_plan (KS_JOB_KIND_COPY, add, KS_COPY_CHOICE_ADD, "x", "the card");
  g_assert_cmpstr (added, ==, "Adds a new save “POKEMON RED” to the card; nothing there is "
                              "replaced.");
  g_assert_cmpint (ks_copy_plan_get_effect (over_cart), ==, KS_COPY_EFFECT_REPLACE_ALL);
  whole_save = ks_job_describe_plan (KS_JOB_KIND_COPY, over_cart, KS_COPY_CHOICE_REPLACE, "x",
                                     "Game Boy cart");
  g_assert_cmpstr (whole_save, ==, "Replaces the 32.0\302\240KiB save on Game Boy cart; the "
                                   "current save is stored in the backup library first.");
  everything = ks_job_describe_plan (KS_JOB_KIND_RESTORE, restore, KS_COPY_CHOICE_REPLACE,
                                     "The backup", "the card");
  g_assert_cmpstr (everything, ==, "Replaces everything on the card; the current content is "
                                   "stored in the backup library first.");
}

static void
test_an_image_of_another_kind_or_size_is_refused (void)
{
  g_autoptr(GBytes) backup = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) internal = ks_test_saturn_minimal_internal ();
  g_autoptr(KsContainer) saturn = open_as (internal, &ks_saturn_bram_format);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (backup, 0, 256 * 1024);
  g_autoptr(GBytes) fresh = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = open_as (fresh, &ks_mmc_format);
  KsCopySource mmc = { .file = backup, .file_name = "card.bin", .image_format = "mmc" };
  KsCopySource cut = { .file = half, .file_name = "half.bin", .image_format = "mmc" };
  KsCopyTarget to_saturn = { .container = saturn, .title = "internal.bkr" };
  KsCopyTarget to_card = { .container = card, .title = "the card" };
  g_autoptr(KsCopyPlan) other_kind = ks_copy_plan_new (&mmc, &to_saturn);
  g_autoptr(KsCopyPlan) other_size = ks_copy_plan_new (&cut, &to_card);

  g_assert_true (ks_copy_plan_is_refused (other_kind));
  g_assert_cmpint (problem (other_kind, 0)->kind, ==, KS_COPY_PROBLEM_KIND);
  g_assert_cmpstr (problem (other_kind, 0)->message, ==,
                   "internal.bkr holds a “Saturn backup RAM” image, and this is a “Mega Memory "
                   "Card” image.");

  g_assert_true (ks_copy_plan_is_refused (other_size));
  g_assert_cmpint (problem (other_size, 0)->kind, ==, KS_COPY_PROBLEM_SIZE);
  g_assert_cmpstr (problem (other_size, 0)->message, ==,
                   "The backup is 262144 bytes; the card holds 524288 bytes.");
}

/* A target whose content is in no known format (a GBA EEPROM cart of an
 * unknown game, a random file) still has a platform and a size: a 512 KiB
 * card image never goes over an 8 KiB EEPROM, a GB image never onto a GBA
 * cart; one of the same platform and size may replace it */
static void
test_an_image_over_unknown_content_keeps_platform_and_size (void)
{
  g_autoptr(GBytes) backup = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) eeprom = ks_test_random_bytes (8192, 0x51);
  g_autoptr(GBytes) same_size = ks_test_random_bytes (512 * 1024, 0x52);
  KsCopySource mmc = { .file = backup, .file_name = "card.bin", .image_format = "mmc" };
  KsCopyTarget small = { .content = eeprom, .title = "the 8 KiB cart", .platform = "GB" };
  KsCopyTarget gba = { .content = same_size, .title = "the GBA cart", .platform = "GBA" };
  KsCopyTarget file = { .content = same_size, .title = "blank.bin" };
  g_autoptr(KsCopyPlan) too_big = ks_copy_plan_new (&mmc, &small);
  g_autoptr(KsCopyPlan) other_platform = ks_copy_plan_new (&mmc, &gba);
  g_autoptr(KsCopyPlan) fits = ks_copy_plan_new (&mmc, &file);

  g_assert_true (ks_copy_plan_is_refused (too_big));
  g_assert_cmpint (problem (too_big, 0)->kind, ==, KS_COPY_PROBLEM_SIZE);
  g_assert_cmpstr (problem (too_big, 0)->message, ==,
                   "The backup is 524288 bytes; the 8 KiB cart holds 8192 bytes.");
  g_assert_cmpuint (ks_copy_plan_get_target_size (too_big), ==, 8192);

  g_assert_true (ks_copy_plan_is_refused (other_platform));
  g_assert_cmpint (problem (other_platform, 0)->kind, ==, KS_COPY_PROBLEM_KIND);
  g_assert_cmpstr (problem (other_platform, 0)->message, ==,
                   "the GBA cart takes GBA saves, and this is a “Mega Memory Card” image.");

  g_assert_true (ks_copy_plan_can (fits, KS_COPY_CHOICE_REPLACE));
  g_assert_cmpuint (ks_copy_plan_get_problems (fits)->len, ==, 0);

  /* a cart with a clock holds its save and mGBA's 16-byte footer: a plain
   * save of the same size fits, one byte more does not */
  {
    g_autoptr(GBytes) with_clock = ks_test_random_bytes (8192 + 16, 0x53);
    g_autoptr(GBytes) plain = ks_test_random_bytes (8192, 0x54);
    g_autoptr(GBytes) odd = ks_test_random_bytes (8193, 0x55);
    KsCopySource save = { .file = plain, .file_name = "save.sav", .image_format = "gb-sav" };
    KsCopySource odd_save = { .file = odd, .file_name = "odd.sav", .image_format = "gb-sav" };
    KsCopyTarget cart = { .content = with_clock, .title = "the cart" };
    g_autoptr(KsCopyPlan) plain_fits = ks_copy_plan_new (&save, &cart);
    g_autoptr(KsCopyPlan) odd_refused = ks_copy_plan_new (&odd_save, &cart);

    g_assert_true (ks_copy_plan_can (plain_fits, KS_COPY_CHOICE_REPLACE));
    g_assert_true (ks_copy_plan_is_refused (odd_refused));
    g_assert_cmpint (problem (odd_refused, 0)->kind, ==, KS_COPY_PROBLEM_SIZE);
  }
}

/* .BUP folders: a save becomes a new file; the same save again asks */
static void
test_a_bup_folder_takes_a_new_file_and_asks_for_the_same_save (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autoptr(KsContainer) internal = open_as (image, &ks_saturn_bram_format);
  g_autoptr(KsBupFolder) folder = NULL;
  g_autoptr(KsCopyPlan) fresh = NULL;
  g_autoptr(KsCopyPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  KsCopySource from = { .container = internal, .index = 0 };
  KsCopyTarget to = { .title = "saves" };

  g_free (ks_test_write_file (dir, "DAYTONA_.BUP", bup));
  folder = ks_bup_folder_open (dir, &error);
  g_assert_no_error (error);
  to.folder = folder;

  fresh = ks_copy_plan_new (&from, &to);
  g_assert_cmpint (ks_copy_plan_get_effect (fresh), ==, KS_COPY_EFFECT_ADD);
  g_assert_cmpstr (ks_copy_plan_get_name (fresh), ==, "DEZA2___SYS");
  g_assert_true (ks_copy_plan_can (fresh, KS_COPY_CHOICE_ADD));

  /* once it is there, the same save clashes */
  {
    g_autoptr(GBytes) file = NULL;
    g_autofree char *file_name = NULL;
    g_autofree char *name = NULL;

    file = ks_copy_extract (internal, 0, TRUE, &file_name, &name, &error);
    g_assert_no_error (error);
    g_assert_null (name);   /* a .BUP carries its name */
    g_autoptr(GBytes) content = NULL;
    g_autofree char *base = NULL;
    g_autofree char *save_name = NULL;
    KsWriteReport report = { 0 };

    content = ks_bup_folder_prepare (folder, file, file_name, NULL, &base, &save_name, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (base, ==, "DEZA2___SYS.BUP");
    written = g_build_filename (dir, base, NULL);
    g_assert_true (ks_image_file_create (written, content, &report, &error));
    g_assert_no_error (error);
    ks_write_report_clear (&report);
  }
  g_clear_pointer (&folder, ks_bup_folder_free);
  folder = ks_bup_folder_open (dir, &error);
  to.folder = folder;
  again = ks_copy_plan_new (&from, &to);
  g_assert_cmpint (ks_copy_plan_get_effect (again), ==, KS_COPY_EFFECT_REPLACE_SAVE);
  g_assert_cmpstr (ks_copy_plan_get_replaced_name (again), ==, "DEZA2___SYS");
  g_assert_cmpuint (ks_copy_plan_get_replaced_size (again), ==, 17);
  g_assert_cmpstr (ks_copy_plan_get_new_name (again), ==, "DEZA2___S_2");
  g_assert_true (ks_copy_plan_can (again, KS_COPY_CHOICE_REPLACE));
  g_assert_true (ks_copy_plan_can (again, KS_COPY_CHOICE_KEEP_BOTH));

  g_unlink (written);
  {
    g_autofree char *daytona = g_build_filename (dir, "DAYTONA_.BUP", NULL);

    g_unlink (daytona);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/copy-plan/mmc-entry-to-gb-cart-of-the-same-size-replaces-its-save",
                   test_mmc_entry_to_gb_cart_of_the_same_size_replaces_its_save);
  g_test_add_func ("/copy-plan/mmc-entry-to-gb-cart-of-another-size-is-refused",
                   test_mmc_entry_to_gb_cart_of_another_size_is_refused);
  g_test_add_func ("/copy-plan/name-clash-and-no-space-are-both-listed",
                   test_name_clash_and_no_space_are_both_listed);
  g_test_add_func ("/copy-plan/unknown-target-is-refused", test_unknown_target_is_refused);
  g_test_add_func ("/copy-plan/gb-cart-into-card-adds-to-free-space",
                   test_gb_cart_into_card_adds_to_free_space);
  g_test_add_func ("/copy-plan/same-save-twice-onto-a-card-asks", test_same_save_twice_onto_a_card_asks);
  g_test_add_func ("/copy-plan/a-saturn-save-keeps-both-under-a-saturn-name",
                   test_a_saturn_save_keeps_both_under_a_saturn_name);
  g_test_add_func ("/copy-plan/a-game-boy-save-is-refused-by-saturn-backup-ram",
                   test_a_game_boy_save_is_refused_by_saturn_backup_ram);
  g_test_add_func ("/copy-plan/a-card-image-restores-over-a-card", test_a_card_image_restores_over_a_card);
  g_test_add_func ("/copy-plan/the-plan-describes-each-choice",
                   test_the_plan_describes_each_choice);
  g_test_add_func ("/copy-plan/an-image-of-another-kind-or-size-is-refused",
                   test_an_image_of_another_kind_or_size_is_refused);
  g_test_add_func ("/copy-plan/image/over-unknown-content",
                   test_an_image_over_unknown_content_keeps_platform_and_size);
  g_test_add_func ("/copy-plan/a-bup-folder-takes-a-new-file-and-asks-for-the-same-save",
                   test_a_bup_folder_takes_a_new_file_and_asks_for_the_same_save);

  return g_test_run ();
}
