/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-mmc.c — Mega Memory Card flash images
 *
 * Follows mega-memory-card.md: the fresh format (§2.1), the worked
 * example reproduced byte for byte (§8), allocation (§4.2), delete and
 * renumbering (§4.4), limits (§4.5), writer rules (§9), reader rules and
 * the end-of-save search (§10), and the 2016 forum post's tables (§7).
 */

#include "config.h"

#include "ks-test-utils.h"
#include "mmc-builder.h"

#define IMAGE_SIZE 0x80000

static KsContainer *
open_mmc (GBytes *image)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_from_bytes (image, "card.bin", "mmc", &error);

  g_assert_no_error (error);
  g_assert_nonnull (container);

  return container;
}

/* The new image through the write gate (serialise, re-load, verify). */
static GBytes *
gated_image (KsContainer *container)
{
  g_autoptr(GError) error = NULL;
  GBytes *output = ks_container_build_verified (container, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (output);

  return output;
}

static GBytes *
raw_image (KsContainer *container)
{
  g_autoptr(GError) error = NULL;
  GBytes *output = ks_mmc_format.serialize (ks_container_get_impl (container), &error);

  g_assert_no_error (error);
  return output;
}

static void
insert_ok (KsContainer *container,
           GBytes      *sav,
           const char  *file_name,
           const char  *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_container_insert (container, sav, file_name, name, &error));
  g_assert_no_error (error);
}

static GBytes *
extract_ok (KsContainer *container,
            guint        index)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ks_container_extract (container, index, "out.sav", &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
}

static GPtrArray *
list_ok (KsContainer *container)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *saves = ks_container_list (container, &error);

  g_assert_no_error (error);
  return saves;
}

static void
assert_save (GPtrArray  *saves,
             guint       index,
             const char *name,
             guint64     size,
             gint        blocks)
{
  const KsSaveInfo *info;

  g_assert_cmpuint (index, <, saves->len);
  info = g_ptr_array_index (saves, index);
  g_assert_cmpuint (info->index, ==, index);
  g_assert_cmpstr (info->name, ==, name);
  g_assert_cmpuint (info->size, ==, size);
  g_assert_cmpint (info->blocks, ==, blocks);
}

static void
assert_range (GBytes     *image,
              gsize       offset,
              const char *hex)
{
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (hex);
  g_autoptr(GBytes) actual = g_bytes_new_from_bytes (image, offset, g_bytes_get_size (expected));

  ks_test_assert_bytes_equal (actual, expected);
}

static void
assert_fill (GBytes *image,
             gsize   offset,
             gsize   length,
             guint8  value)
{
  const guint8 *data = g_bytes_get_data (image, NULL);

  for (gsize i = offset; i < offset + length; i++)
    if (data[i] != value)
      g_error ("byte 0x%05" G_GSIZE_MODIFIER "X is 0x%02X, expected 0x%02X", i, data[i], value);
}

static guint8 *
mutable_copy (GBytes *image)
{
  return g_memdup2 (g_bytes_get_data (image, NULL), g_bytes_get_size (image));
}

static GBytes *
take_image (guint8 *image)
{
  return g_bytes_new_take (image, IMAGE_SIZE);
}

static void
fix_checksum (guint8 *image)
{
  image[0x7FFFF] = ks_mmc_header_checksum (image + 0x7FF00);
}

static guint32
summary_u (KsContainer *container,
           const char  *key)
{
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  g_autoptr(GVariantDict) dict = g_variant_dict_new (summary);
  guint32 value = 0;

  g_assert_true (g_variant_dict_lookup (dict, key, "u", &value));
  return value;
}

static GBytes *
sram_with_prefix (gsize  size,
                  gsize  random_prefix,
                  guint  seed)
{
  g_autoptr(GBytes) random = ks_test_random_bytes (random_prefix, seed);
  guint8 *sram = g_malloc0 (size);

  memcpy (sram, g_bytes_get_data (random, NULL), random_prefix);
  return g_bytes_new_take (sram, size);
}

static const KsFinding *
assert_finding (GPtrArray  *findings,
                const char *code,
                KsSeverity  severity)
{
  const KsFinding *finding = ks_findings_find (findings, code);

  if (finding == NULL)
    g_error ("no finding %s", code);
  g_assert_cmpint (finding->severity, ==, severity);

  return finding;
}

/* §2.1 "Fresh format" */
static void
test_fresh_format (void)
{
  g_autoptr(GBytes) image = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_bytes_get_size (image), ==, 524288);
  assert_fill (image, 0x00000, 0x7F000, 0xFF);     /* data area untouched by the format */
  assert_fill (image, 0x7F000, 0x800, 0x00);       /* mapping table, catalogue entries too */
  assert_fill (image, 0x7F800, 0x700, 0x20);       /* names */
  assert_fill (image, 0x7FF00, 0x10, 0x00);        /* count and unused */
  assert_range (image, 0x7FF10, "FF FF FF 00");    /* icons, inverse, sound on; unique off */
  assert_fill (image, 0x7FF14, 0xEB, 0x00);
  /* 0xAE + 3 x 0xFF = 0x3AB */
  assert_range (image, 0x7FFFF, "AB");

  g_assert_cmpuint (ks_mmc_format.probe (g_bytes_get_data (image, NULL), IMAGE_SIZE, NULL), ==, 90);
  container = ks_container_new_from_bytes (image, "SaveData.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ks_container_get_format (container) == &ks_mmc_format);

  saves = list_ok (container);
  g_assert_cmpuint (saves->len, ==, 0);
  g_assert_cmpint (ks_container_free_space (container), ==, 2032 * 256);

  findings = ks_container_verify (container);
  g_assert_cmpuint (findings->len, ==, 0);
}

static GBytes *
worked_example_by_hand (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GString) s1 = g_string_new ("04 01 02 02 04 02 03");
  g_autoptr(GString) s2 = g_string_new ("01 01 00 01");
  g_autoptr(GBytes) stream1 = NULL;
  g_autoptr(GBytes) stream2 = NULL;
  g_autoptr(GBytes) names = NULL;
  guint8 *image = mutable_copy (formatted);

  /* §8 save 1: marker, literal, pair, 3 x 03, 31 x 256 + 250 zeros */
  for (guint i = 0; i < 31; i++)
    g_string_append (s1, " 04 FF 00");
  g_string_append (s1, " 04 F9 00");
  stream1 = ks_test_bytes_from_hex (s1->str);
  g_assert_cmpuint (g_bytes_get_size (stream1), ==, 103);

  /* §8 save 2: escaped 01, 251 literals, 127 runs of 256 zeros, 00 FD FE FF */
  for (guint v = 0x02; v <= 0xFC; v++)
    g_string_append_printf (s2, " %02X", v);
  for (guint i = 0; i < 127; i++)
    g_string_append (s2, " 01 FF 00");
  g_string_append (s2, " 00 FD FE FF");
  stream2 = ks_test_bytes_from_hex (s2->str);
  g_assert_cmpuint (g_bytes_get_size (stream2), ==, 640);

  /* block 0x000 = 0x00000-0x00066, tail 0xFF; blocks 0x001-0x003 */
  memcpy (image + 0x00000, g_bytes_get_data (stream1, NULL), 103);
  memcpy (image + 0x00100, g_bytes_get_data (stream2, NULL), 640);

  /* mapping: 01, 02 02 02, 0x7F7F0-0x7F7FF = FF */
  image[0x7F000] = 0x01;
  image[0x7F001] = image[0x7F002] = image[0x7F003] = 0x02;
  memset (image + 0x7F7F0, 0xFF, 16);

  names = ks_test_bytes_from_hex ("5A 45 4C 44 41 20 44 58 20 20 20 20 20 20 20 20"
                                  "50 4F 4B 45 4D 4F 4E 20 52 45 44 20 20 20 20 20");
  memcpy (image + 0x7F800, g_bytes_get_data (names, NULL), 32);

  /* header: 02, checksum 0xAE + 0x02 + 3 x 0xFF = 0x3AD */
  image[0x7FF00] = 0x02;
  image[0x7FFFF] = 0xAD;

  return take_image (image);
}

/* §8, built by Keepsake's insert on a freshly formatted image */
static void
test_worked_example_byte_for_byte (void)
{
  g_autoptr(GBytes) expected = worked_example_by_hand ();
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) after_one = NULL;
  g_autoptr(GBytes) after_two = NULL;
  g_autoptr(GBytes) shared = ks_test_mmc_worked_example ();
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(KsContainer) card2 = NULL;

  card = open_mmc (formatted);
  /* the name from the file name, upper-cased as the card shows names */
  insert_ok (card, zelda, "Zelda DX.sav", NULL);
  after_one = gated_image (card);

  card2 = open_mmc (after_one);
  insert_ok (card2, pokemon, "red.sav", "POKEMON RED");
  after_two = gated_image (card2);

  ks_test_assert_bytes_equal (after_two, expected);
  ks_test_assert_bytes_equal (shared, expected);

  /* the spec's own spot checks */
  assert_range (after_two, 0x001F8, "F6 F7 F8 F9 FA FB FC 01 FF 00 01 FF 00 01 FF 00");
  assert_range (after_two, 0x00000, "04 01 02 02 04 02 03 04 FF 00");
  assert_range (after_two, 0x00064, "04 F9 00 FF");
  assert_fill (after_two, 0x00067, 0x99, 0xFF);
  assert_range (after_two, 0x00100, "01 01 00 01 02 03");
  assert_range (after_two, 0x0037C, "00 FD FE FF FF");
  assert_fill (after_two, 0x00380, 0x80, 0xFF);
  assert_range (after_two, 0x7F000, "01 02 02 02 00");
  assert_fill (after_two, 0x7F004, 0x7EC, 0x00);
  assert_fill (after_two, 0x7F7F0, 16, 0xFF);
  assert_range (after_two, 0x7F800, "5A 45 4C 44 41 20 44 58 20 20 20 20 20 20 20 20");
  assert_range (after_two, 0x7F810, "50 4F 4B 45 4D 4F 4E 20 52 45 44 20 20 20 20 20");
  assert_fill (after_two, 0x7F820, 0x6E0, 0x20);
  assert_range (after_two, 0x7FF00, "02 00");
  assert_range (after_two, 0x7FF10, "FF FF FF 00");
  assert_range (after_two, 0x7FFFF, "AD");
}

static void
test_worked_example_list_and_extract (void)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(KsContainer) card = open_mmc (image);
  g_autoptr(GPtrArray) saves = list_ok (card);
  g_autoptr(GPtrArray) findings = ks_container_verify (card);
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) out0 = NULL;
  g_autoptr(GBytes) out1 = NULL;
  g_autoptr(GError) error = NULL;
  guint index = 99;

  g_assert_cmpuint (saves->len, ==, 2);
  assert_save (saves, 0, "ZELDA DX", 8192, 1);
  assert_save (saves, 1, "POKEMON RED", 32768, 3);
  g_assert_cmpint (ks_container_free_space (card), ==, (2032 - 4) * 256);
  g_assert_cmpuint (findings->len, ==, 0);

  out0 = extract_ok (card, 0);
  out1 = extract_ok (card, 1);
  ks_test_assert_bytes_equal (out0, zelda);
  ks_test_assert_bytes_equal (out1, pokemon);

  g_assert_true (ks_container_find_save (card, "POKEMON RED", &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);

  g_assert_cmpuint (summary_u (card, "saves"), ==, 2);
  g_assert_cmpuint (summary_u (card, "blocks_used"), ==, 4);
  g_assert_cmpuint (summary_u (card, "blocks_free"), ==, 2028);
  g_assert_cmpuint (summary_u (card, "blocks_orphaned"), ==, 0);
  /* (4 saves' blocks + 16 reserved entries + 8) / 32 */
  g_assert_cmpuint (summary_u (card, "capacity_bar"), ==, 0);
}

/* The card shares the bytes it was loaded from until an edit: an insert or
 * a delete changes a copy, never the caller's image, and an unedited card
 * serialises to those very bytes. */
static void
test_edits_leave_the_loaded_image_alone (void)
{
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) before = g_bytes_new (g_bytes_get_data (worked, NULL), g_bytes_get_size (worked));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 5);
  g_autoptr(GBytes) unedited = NULL;
  g_autoptr(GBytes) inserted = NULL;
  g_autoptr(GBytes) removed = NULL;
  gpointer card = ks_mmc_format.load (worked, &error);

  g_assert_no_error (error);
  unedited = ks_mmc_format.serialize (card, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (unedited, before);

  g_assert_true (ks_mmc_format.insert (card, sram, "NEW.sav", "NEW", &error));
  g_assert_no_error (error);
  inserted = ks_mmc_format.serialize (card, &error);
  g_assert_false (g_bytes_equal (inserted, before));
  ks_test_assert_bytes_equal (worked, before);

  g_assert_true (ks_mmc_format.remove (card, 0, &error));
  g_assert_no_error (error);
  removed = ks_mmc_format.serialize (card, &error);
  g_assert_false (g_bytes_equal (removed, inserted));
  ks_test_assert_bytes_equal (worked, before);
  ks_test_assert_bytes_equal (unedited, before);
  ks_mmc_format.free (card);

  /* a delete as the first edit copies too */
  card = ks_mmc_format.load (worked, &error);
  g_assert_true (ks_mmc_format.remove (card, 1, &error));
  ks_mmc_format.free (card);
  ks_test_assert_bytes_equal (worked, before);
}

static guint
count_findings (GPtrArray  *findings,
                const char *code)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((const KsFinding *) g_ptr_array_index (findings, i))->code, code))
      n++;
  return n;
}

/* A damaged catalogue can give every save a bad name: past three saves, a
 * problem is one finding that lists the saves' numbers, and saves of the
 * same name are one finding for that name */
static void
test_many_bad_names_are_summarised (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = open_mmc (formatted);
  g_autoptr(GBytes) built = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) damaged = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint8 *data;

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 0x70 + i);
      g_autofree char *name = g_strdup_printf ("SAVE %u", i + 1);

      insert_ok (card, sram, "save.sav", name);
    }
  built = raw_image (card);
  data = mutable_copy (built);

  /* saves 1-8: a control byte in the name; 9-12: blank names, so also
   * four saves of one name; the names sit in slots 0x7F800 + 16 n */
  for (guint n = 0; n < 8; n++)
    data[0x7F800 + 16 * n + 2] = 0x01;
  memset (data + 0x7F800 + 16 * 8, ' ', 16 * 4);
  image = take_image (data);
  damaged = open_mmc (image);
  findings = ks_container_verify (damaged);

  g_assert_cmpuint (count_findings (findings, "mmc-name-not-ascii"), ==, 1);
  g_assert_cmpstr (assert_finding (findings, "mmc-name-not-ascii", KS_SEVERITY_WARNING)->message,
                   ==, "The names of 8 saves (saves 1, 2, 3, 4, 5, 6, 7 and 8) hold bytes outside "
                   "printable ASCII; the card shows them as odd tiles, and 0x00 cuts a name short.");
  g_assert_cmpuint (count_findings (findings, "mmc-name-empty"), ==, 1);
  g_assert_cmpstr (assert_finding (findings, "mmc-name-empty", KS_SEVERITY_WARNING)->message, ==,
                   "4 saves have an empty name (saves 9, 10, 11 and 12); the card's keyboard does "
                   "not allow one.");
  g_assert_cmpuint (count_findings (findings, "mmc-duplicate-name"), ==, 1);
  g_assert_cmpstr (assert_finding (findings, "mmc-duplicate-name", KS_SEVERITY_INFO)->message, ==,
                   "Saves 9, 10, 11 and 12 are all named “”.");
}

static void
test_no_edit_is_byte_identical (void)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  guint8 *odd = mutable_copy (worked);

  /* odd but loadable: stale bytes everywhere, an orphan, a bad checksum,
   * nonzero unused header bytes, reserved entries 0xFD */
  for (guint b = 4; b < 0x7F0; b += 7)
    memset (odd + b * 256, (guint8) b, 256);
  odd[0x7F010] = 0x09;
  memset (odd + 0x7F7F0, 0xFD, 16);
  odd[0x7FF05] = 0x42;
  odd[0x7FFFF] ^= 0x5A;

  g_ptr_array_add (images, g_bytes_ref (worked));
  g_ptr_array_add (images, take_image (odd));
  g_ptr_array_add (images, ks_test_mmc_seed_post_image ());
  g_ptr_array_add (images, ks_mmc_new_formatted_image ());
  g_ptr_array_add (images, ks_test_random_bytes (IMAGE_SIZE, 77));
  g_ptr_array_add (images, g_bytes_new_take (memset (g_malloc (IMAGE_SIZE), 0xFF, IMAGE_SIZE),
                                             IMAGE_SIZE));

  for (guint i = 0; i < images->len; i++)
    {
      GBytes *image = g_ptr_array_index (images, i);
      g_autoptr(KsContainer) card = open_mmc (image);
      g_autoptr(GPtrArray) saves = list_ok (card);
      g_autoptr(GPtrArray) findings = ks_container_verify (card);
      g_autoptr(GBytes) output = NULL;

      /* reading, listing and verifying change nothing */
      g_assert_nonnull (saves);
      g_assert_nonnull (findings);
      output = raw_image (card);
      ks_test_assert_bytes_equal (output, image);
    }
}

/* §4.4 */
static void
test_delete_renumbers_and_frees (void)
{
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) tetris = sram_with_prefix (8192, 16, 3);
  g_autoptr(GBytes) three = ks_test_mmc_insert (worked, tetris, "TETRIS");
  g_autoptr(KsContainer) card = open_mmc (three);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) after2 = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) out0 = NULL;
  g_autoptr(GBytes) out1 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) card2 = NULL;

  assert_range (three, 0x7F000, "01 02 02 02 03 00");

  g_assert_true (ks_container_remove (card, 0, &error));
  g_assert_no_error (error);
  after = gated_image (card);

  /* ZELDA's block freed, every higher number down by one */
  assert_range (after, 0x7F000, "00 01 01 01 02 00");
  /* including the reserved entries: 0xFF > 1 becomes 0xFE, as on the card */
  assert_fill (after, 0x7F7F0, 16, 0xFE);
  /* names move up a slot; the last slot keeps its bytes (spaces) */
  assert_range (after, 0x7F800, "50 4F 4B 45 4D 4F 4E 20 52 45 44 20 20 20 20 20"
                                "54 45 54 52 49 53 20 20 20 20 20 20 20 20 20 20");
  assert_fill (after, 0x7F820, 0x6E0, 0x20);
  /* count 2, checksum 0xAE + 2 + 3 x 0xFF */
  assert_range (after, 0x7FF00, "02");
  assert_range (after, 0x7FFFF, "AD");
  /* freed, never erased */
  assert_range (after, 0x00000, "04 01 02 02 04 02 03 04 FF 00");

  saves = list_ok (card);
  g_assert_cmpuint (saves->len, ==, 2);
  assert_save (saves, 0, "POKEMON RED", 32768, 3);
  assert_save (saves, 1, "TETRIS", 8192, 1);
  out0 = extract_ok (card, 0);
  out1 = extract_ok (card, 1);
  ks_test_assert_bytes_equal (out0, pokemon);
  ks_test_assert_bytes_equal (out1, tetris);

  /* a later delete lowers the reserved entries again (as deletes in
   * separate power-ons do on the card, §2.3) */
  card2 = open_mmc (after);
  g_assert_true (ks_container_remove (card2, 0, &error));
  g_assert_no_error (error);
  after2 = gated_image (card2);
  assert_range (after2, 0x7F000, "00 00 00 00 01 00");
  assert_fill (after2, 0x7F7F0, 16, 0xFD);
  assert_range (after2, 0x7FF00, "01");
  assert_range (after2, 0x7F800, "54 45 54 52 49 53 20 20 20 20 20 20 20 20 20 20");

  /* the last index is gone */
  g_assert_false (ks_container_remove (card2, 1, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND);
}

/* An insert reads only the new save and a delete renumbers the others
 * (§4.2, §4.4): the edited card must list exactly what its bytes give when
 * loaded afresh, down to every block's owner and every size candidate. */
static void
assert_same_as_reloaded (KsContainer *card)
{
  g_autoptr(GBytes) bytes = raw_image (card);
  g_autoptr(KsContainer) again = open_mmc (bytes);
  g_autoptr(GPtrArray) edited = list_ok (card);
  g_autoptr(GPtrArray) loaded = list_ok (again);
  KsMmc *a = ks_container_get_impl (card);
  KsMmc *b = ks_container_get_impl (again);

  g_assert_cmpuint (edited->len, ==, loaded->len);
  for (guint i = 0; i < edited->len; i++)
    {
      const KsSaveInfo *x = g_ptr_array_index (edited, i);
      const KsSaveInfo *y = g_ptr_array_index (loaded, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->size, ==, y->size);
      g_assert_cmpint (x->blocks, ==, y->blocks);
      g_assert_cmpuint (ks_mmc_save_size_candidates (a, i), ==,
                        ks_mmc_save_size_candidates (b, i));
    }
  for (guint block = 0; block < KS_MMC_DATA_BLOCKS; block++)
    g_assert_cmpint (ks_mmc_get_block_owner (a, block), ==, ks_mmc_get_block_owner (b, block));
}

static void
test_edits_list_as_reloaded (void)
{
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) tetris = sram_with_prefix (8192, 16, 3);
  g_autoptr(GBytes) big = sram_with_prefix (32768, 700, 5);
  g_autoptr(GBytes) three = ks_test_mmc_insert (worked, tetris, "TETRIS");
  g_autofree guint8 *orphaned = mutable_copy (three);
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;

  /* blocks 0x10-0x13 marked as save 9 of 3: orphans an insert frees */
  memset (orphaned + 0x7F010, 0x09, 4);
  damaged = take_image (g_steal_pointer (&orphaned));
  card = open_mmc (damaged);

  insert_ok (card, big, "big.sav", "BIG ONE");
  assert_same_as_reloaded (card);
  g_assert_true (ks_container_remove (card, 1, &error));
  g_assert_no_error (error);
  assert_same_as_reloaded (card);
  insert_ok (card, tetris, "tetris.sav", "TETRIS AGAIN");
  assert_same_as_reloaded (card);
  g_assert_true (ks_container_remove (card, 0, &error));
  g_assert_no_error (error);
  g_assert_true (ks_container_remove (card, 2, &error));
  g_assert_no_error (error);
  assert_same_as_reloaded (card);
  saves = list_ok (card);
  g_assert_cmpuint (saves->len, ==, 2);
  assert_save (saves, 0, "TETRIS", 8192, 1);
  g_assert_cmpstr (((const KsSaveInfo *) g_ptr_array_index (saves, 1))->name, ==, "BIG ONE");
  g_assert_cmpuint (((const KsSaveInfo *) g_ptr_array_index (saves, 1))->size, ==, 32768);
}

/* §4.2: first fit, block by block, into holes left by a delete */
static void
test_insert_reuses_holes_non_contiguously (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) a = sram_with_prefix (8192, 16, 10);
  g_autoptr(GBytes) b = sram_with_prefix (8192, 350, 11);
  g_autoptr(GBytes) c = sram_with_prefix (8192, 16, 12);
  g_autoptr(GBytes) d = sram_with_prefix (8192, 600, 13);
  g_autoptr(GBytes) i1 = ks_test_mmc_insert (formatted, a, "A");
  g_autoptr(GBytes) i2 = ks_test_mmc_insert (i1, b, "B");
  g_autoptr(GBytes) i3 = ks_test_mmc_insert (i2, c, "C");
  g_autoptr(KsContainer) card = open_mmc (i3);
  g_autoptr(GBytes) deleted = NULL;
  g_autoptr(GBytes) final = NULL;
  g_autoptr(KsContainer) card2 = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  assert_range (i3, 0x7F000, "01 02 02 03 00");

  g_assert_true (ks_container_remove (card, 1, &error));
  deleted = gated_image (card);
  assert_range (deleted, 0x7F000, "01 00 00 02 00");

  final = ks_test_mmc_insert (deleted, d, "D");
  /* D takes the hole (1, 2) and then the first block after C (4) */
  assert_range (final, 0x7F000, "01 03 03 02 03 00");

  card2 = open_mmc (final);
  saves = list_ok (card2);
  assert_save (saves, 2, "D", 8192, 3);
  out = extract_ok (card2, 2);
  ks_test_assert_bytes_equal (out, d);
}

/* A stream of 8 KiB: marker 01, @literals bytes 02, 03, …, then zeros.
 * With 254 literals the first run's marker is the block's last byte; with
 * 253 its count is. */
static GBytes *
straddle_sram (guint literals)
{
  guint8 *sram = g_malloc0 (8192);

  for (guint i = 0; i < literals; i++)
    sram[i] = (guint8) (0x02 + i);

  return g_bytes_new_take (sram, 8192);
}

static GBytes *
straddle_stream (guint literals)
{
  GByteArray *stream = g_byte_array_new ();
  guint8 marker = 0x01;
  guint rest = 8192 - literals;

  g_byte_array_append (stream, &marker, 1);
  for (guint i = 0; i < literals; i++)
    {
      guint8 v = (guint8) (0x02 + i);

      g_byte_array_append (stream, &v, 1);
    }
  for (; rest > 256; rest -= 256)
    g_byte_array_append (stream, (const guint8 *) "\x01\xFF\x00", 3);
  {
    const guint8 last[3] = { 0x01, (guint8) (rest - 1), 0x00 };

    g_byte_array_append (stream, last, 3);
  }

  return g_byte_array_free_to_bytes (stream);
}

/* Blocks of one save need not be contiguous, and a token may straddle two
 * of them (§3, and the forum post's "Watch also for instances when an RLE
 * marker falls near the end of a block"). */
static void
test_tokens_straddle_non_contiguous_blocks (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) s1 = straddle_stream (254);
  g_autoptr(GBytes) s2 = straddle_stream (253);
  g_autoptr(GBytes) sram1 = straddle_sram (254);
  g_autoptr(GBytes) sram2 = straddle_sram (253);
  g_autoptr(GBytes) enc1 = NULL;
  g_autoptr(GBytes) enc2 = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) out1 = NULL;
  g_autoptr(GBytes) out2 = NULL;
  guint8 *data = mutable_copy (formatted);
  const guint8 *p1 = g_bytes_get_data (s1, NULL);
  const guint8 *p2 = g_bytes_get_data (s2, NULL);

  /* our encoder writes exactly these streams */
  enc1 = ks_mmc_rle_encode (g_bytes_get_data (sram1, NULL), 8192, 0x01);
  enc2 = ks_mmc_rle_encode (g_bytes_get_data (sram2, NULL), 8192, 0x01);
  ks_test_assert_bytes_equal (enc1, s1);
  ks_test_assert_bytes_equal (enc2, s2);
  g_assert_cmpuint (ks_mmc_rle_choose_marker (g_bytes_get_data (sram1, NULL), 8192), ==, 0x01);
  g_assert_cmpuint (g_bytes_get_size (s1), ==, 351);
  g_assert_cmpuint (g_bytes_get_size (s2), ==, 350);

  /* save 1 in blocks 0x010 and 0x020, save 2 in 0x015 and 0x018 */
  memcpy (data + 0x01000, p1, 256);
  memcpy (data + 0x02000, p1 + 256, 351 - 256);
  memcpy (data + 0x01500, p2, 256);
  memcpy (data + 0x01800, p2 + 256, 350 - 256);
  data[0x7F010] = data[0x7F020] = 0x01;
  data[0x7F015] = data[0x7F018] = 0x02;
  memset (data + 0x7F7F0, 0xFF, 16);
  memcpy (data + 0x7F800, "STRADDLE M     ", 15);
  memcpy (data + 0x7F810, "STRADDLE M C   ", 15);
  data[0x7FF00] = 2;
  fix_checksum (data);
  image = take_image (data);

  /* M at the last byte of 0x010; count and value at the start of 0x020 */
  assert_range (image, 0x010FC, "FD FE FF 01");
  assert_range (image, 0x02000, "FF 00 01 FF 00");
  /* M and count at the end of 0x015; the value starts 0x018 */
  assert_range (image, 0x015FB, "FC FD FE 01 FF");
  assert_range (image, 0x01800, "00 01 FF 00");

  card = open_mmc (image);
  saves = list_ok (card);
  assert_save (saves, 0, "STRADDLE M", 8192, 2);
  assert_save (saves, 1, "STRADDLE M C", 8192, 2);
  out1 = extract_ok (card, 0);
  out2 = extract_ok (card, 1);
  ks_test_assert_bytes_equal (out1, sram1);
  ks_test_assert_bytes_equal (out2, sram2);

  findings = ks_container_verify (card);
  g_assert_false (ks_findings_has_errors (findings));
}

/* The §3 run that straddles blocks 1 and 2 of the worked example */
static void
test_worked_example_run_straddles_blocks (void)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(KsContainer) card = open_mmc (image);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;

  assert_range (image, 0x001FF, "01");
  assert_range (image, 0x00200, "FF 00");
  /* decoding one bank: 252 ascending bytes, then zeros from that run */
  first = ks_mmc_extract_banks (ks_container_get_impl (card), 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (first), ==, 8192);
  data = g_bytes_get_data (first, NULL);
  g_assert_cmpuint (data[251], ==, 0xFC);
  g_assert_true (ks_bytes_all (data + 252, 8192 - 252, 0x00));
}

static void
test_full_card_refuses_with_missing_count (void)
{
  g_autoptr(GBytes) image = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) next = NULL;
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) small = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint inserted = 0, needed, free_blocks;
  const guint8 *sram;

  /* incompressible 128 KiB saves: all counts capped, marker 0x00 */
  for (;; inserted++)
    {
      g_autoptr(GBytes) save = ks_test_random_bytes (131072, 100 + inserted);
      g_autoptr(KsContainer) c = open_mmc (image);

      if (!ks_container_insert (c, save, "big.sav", NULL, NULL))
        break;
      g_bytes_unref (image);
      image = gated_image (c);
    }
  g_assert_cmpuint (inserted, ==, 3);

  next = ks_test_random_bytes (131072, 100 + inserted);
  sram = g_bytes_get_data (next, NULL);
  stream = ks_mmc_rle_encode (sram, 131072, ks_mmc_rle_choose_marker (sram, 131072));
  needed = (guint) ((g_bytes_get_size (stream) + 255) / 256);

  card = open_mmc (image);
  free_blocks = summary_u (card, "blocks_free");
  g_assert_cmpuint (needed, >, free_blocks);
  /* pinned: 3 x 516 blocks used, 484 left, the fourth needs 516 */
  g_assert_cmpuint (needed, ==, 516);
  g_assert_cmpuint (free_blocks, ==, 484);

  before = raw_image (card);
  g_assert_false (ks_container_insert (card, next, "big.sav", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE);
  expected = g_strdup_printf ("“BIG” needs %u blocks, only %u free (%u missing).",
                              needed, free_blocks, needed - free_blocks);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "needs 516 blocks, only 484 free (32 missing)"));
  g_clear_error (&error);

  /* a refused insert leaves the image as it was */
  after = raw_image (card);
  ks_test_assert_bytes_equal (after, before);

  /* a small save still fits */
  small = ks_test_mmc_zelda_sram ();
  insert_ok (card, small, "zelda.sav", NULL);
  g_assert_cmpuint (summary_u (card, "saves"), ==, 4);
}

/* §4.5: backup is refused when count >= 99 */
static void
test_ninety_nine_saves_at_most (void)
{
  g_autoptr(GBytes) image = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = open_mmc (image);
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GPtrArray) saves = NULL;

  for (guint i = 0; i < 99; i++)
    {
      g_autofree char *name = g_strdup_printf ("SAVE %02u", i + 1);

      insert_ok (card, zelda, "zelda.sav", name);
    }

  g_assert_false (ks_container_insert (card, zelda, "zelda.sav", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "99"));

  full = gated_image (card);
  assert_range (full, 0x7FF00, "63");
  saves = list_ok (card);
  assert_save (saves, 98, "SAVE 99", 8192, 1);
}

/* §9.8: what the card reads from each kind of .sav */
static void
test_insert_converts_sav_files (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = open_mmc (formatted);
  g_autoptr(GBytes) two_k = ks_test_random_bytes (2048, 21);
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 22);
  g_autoptr(GByteArray) with_footer = g_byte_array_new ();
  g_autoptr(GBytes) footer_file = NULL;
  g_autoptr(GBytes) out0 = NULL;
  g_autoptr(GBytes) out1 = NULL;
  g_autoptr(GBytes) mbc2 = ks_test_random_bytes (512, 23);
  g_autoptr(GBytes) huge = ks_test_random_bytes (262144, 24);
  g_autoptr(GBytes) odd = ks_test_random_bytes (24576, 25);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;

  /* 2 KiB: repeated four times, or the mirrors would overwrite it */
  insert_ok (card, two_k, "tetris dx.sav", NULL);
  out0 = extract_ok (card, 0);
  g_assert_cmpuint (g_bytes_get_size (out0), ==, 8192);
  data = g_bytes_get_data (out0, NULL);
  for (guint q = 0; q < 4; q++)
    g_assert_cmpmem (data + q * 2048, 2048, g_bytes_get_data (two_k, NULL), 2048);

  /* an MBC3 clock footer is dropped: the card saves no clock */
  g_byte_array_append (with_footer, g_bytes_get_data (ram, NULL), 32768);
  for (guint i = 0; i < 48; i++)
    {
      guint8 b = (guint8) i;

      g_byte_array_append (with_footer, &b, 1);
    }
  footer_file = g_bytes_new (with_footer->data, with_footer->len);
  insert_ok (card, footer_file, "gold.sav", NULL);
  out1 = extract_ok (card, 1);
  ks_test_assert_bytes_equal (out1, ram);

  findings = ks_container_verify (card);
  assert_finding (findings, "mmc-save-2k-mirror", KS_SEVERITY_INFO);

  g_assert_false (ks_container_insert (card, mbc2, "mbc2.sav", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "MBC2"));
  g_clear_error (&error);

  g_assert_false (ks_container_insert (card, huge, "huge.sav", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "128 KiB"));
  g_clear_error (&error);

  g_assert_false (ks_container_insert (card, odd, "odd.sav", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "24576"));
  g_assert_cmpuint (summary_u (card, "saves"), ==, 2);
}

static void
test_names (void)
{
  const struct
  {
    const char *file_name;
    const char *name;
  } from_file[] = {
    { "Zelda DX.sav", "ZELDA DX" },
    { "/home/me/saves/Pokemon Red (USA).sav", "POKEMON RED USA" },
    { "pokemon_yellow.srm", "POKEMON YELLOW" },
    { "Pokémon Émeraude.sav", "POKEMON EMERAUDE" },
    { "Super Mario Land 2 - 6 Golden Coins.sav", "SUPER MARIO LAND" },
    { ".hidden", ".HIDDEN" },
    { "  .sav", "SAVE" },
    { "(((.sav", "SAVE" },
    { "#1 game.v2.sav", "#1 GAME.V2" },
    { NULL, "SAVE" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = NULL;
  char *name;

  for (guint i = 0; i < G_N_ELEMENTS (from_file); i++)
    {
      g_autofree char *made = ks_mmc_name_from_file_name (from_file[i].file_name);

      g_assert_cmpstr (made, ==, from_file[i].name);
    }

  ok = ks_mmc_name_normalise ("  pokemon red ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ok, ==, "POKEMON RED");

  name = ks_mmc_name_normalise ("POKéMON", &error);
  g_assert_null (name);
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“é”"));
  g_clear_error (&error);

  name = ks_mmc_name_normalise ("ABCDEFGHIJKLMNOPQ", &error);
  g_assert_null (name);
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "17"));
  g_clear_error (&error);

  name = ks_mmc_name_normalise ("   ", &error);
  g_assert_null (name);
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
}

static void
test_unique_names_option (void)
{
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(KsContainer) plain = open_mmc (worked);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *data = mutable_copy (worked);

  /* duplicates are allowed when the option is off */
  insert_ok (plain, zelda, "x.sav", "ZELDA DX");
  findings = ks_container_verify (plain);
  assert_finding (findings, "mmc-duplicate-name", KS_SEVERITY_INFO);

  data[0x7FF13] = 0xFF;
  fix_checksum (data);
  image = take_image (data);
  card = open_mmc (image);
  g_assert_false (ks_container_insert (card, zelda, "x.sav", "zelda dx", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS);
  g_clear_error (&error);
  insert_ok (card, zelda, "x.sav", "ZELDA DX 2");
}

/* Insert rewrites the catalogue and programs its own blocks; every other
 * sector stays as it was (the write-minimal-sectors job relies on it). */
static void
test_insert_touches_only_its_sectors (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) stale = ks_test_random_bytes (0x7F000, 31);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GString) changed = g_string_new (NULL);
  guint8 *data = mutable_copy (formatted);
  const guint8 *a, *b;

  /* free blocks full of stale bytes from deleted saves */
  memcpy (data, g_bytes_get_data (stale, NULL), 0x7F000);
  before = take_image (data);

  card = open_mmc (before);
  insert_ok (card, pokemon, "red.sav", "POKEMON RED");
  after = gated_image (card);

  a = g_bytes_get_data (before, NULL);
  b = g_bytes_get_data (after, NULL);
  for (guint sector = 0; sector < 0x800; sector++)
    if (memcmp (a + sector * 256, b + sector * 256, 256) != 0)
      g_string_append_printf (changed, "%03X ", sector);

  /* three data blocks; mapping sectors 0x7F0 (entries 0-0xFF) and 0x7F7
   * (the reserved entries, 00 → FF); the name slot's sector; the header */
  g_assert_cmpstr (changed->str, ==, "000 001 002 7F0 7F7 7F8 7FF ");
}

/* An erased chip: the card formats it at power-on (§2.1) */
static void
test_erased_card (void)
{
  g_autoptr(GBytes) erased = g_bytes_new_take (memset (g_malloc (IMAGE_SIZE), 0xFF, IMAGE_SIZE),
                                               IMAGE_SIZE);
  g_autoptr(GBytes) expected = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GBytes) output = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;
  const KsFinding *finding;

  g_assert_cmpuint (ks_mmc_format.probe (g_bytes_get_data (erased, NULL), IMAGE_SIZE, NULL),
                    ==, 40);
  card = ks_container_new_from_bytes (erased, "blank.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ks_container_get_format (card) == &ks_mmc_format);

  findings = ks_container_verify (card);
  g_assert_cmpuint (findings->len, ==, 1);
  finding = assert_finding (findings, "mmc-erased", KS_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "Erased card"));
  g_assert_nonnull (strstr (finding->message, "format it at power-on"));

  saves = list_ok (card);
  g_assert_cmpuint (saves->len, ==, 0);
  g_assert_cmpint (ks_container_free_space (card), ==, 2032 * 256);

  /* inserting formats the catalogue first: the worked example again */
  insert_ok (card, zelda, "z.sav", "ZELDA DX");
  insert_ok (card, pokemon, "p.sav", "POKEMON RED");
  output = gated_image (card);
  ks_test_assert_bytes_equal (output, expected);
}

static void
test_wrong_sizes_are_refused (void)
{
  const gsize sizes[] = { 0, 1, 0x7FFFF, 0x80001, 0x100000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (MAX (sizes[i], 1)), sizes[i]);
      g_autoptr(GError) error = NULL;
      KsContainer *card = ks_container_new_from_bytes (bytes, NULL, "mmc", &error);

      g_assert_null (card);
      g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "524,288"));
      g_assert_cmpuint (ks_mmc_format.probe (g_bytes_get_data (bytes, NULL), sizes[i], NULL),
                        ==, 0);
    }
}

static void
test_header_checksum_error_still_lists (void)
{
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) fixed = NULL;
  const KsFinding *finding;
  guint8 *data = mutable_copy (worked);

  data[0x7FFFF] = 0xAC;
  image = take_image (data);
  g_assert_cmpuint (ks_mmc_format.probe (g_bytes_get_data (image, NULL), IMAGE_SIZE, NULL), ==, 20);

  card = open_mmc (image);
  findings = ks_container_verify (card);
  finding = assert_finding (findings, "mmc-header-checksum", KS_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "0xAC"));
  g_assert_nonnull (strstr (finding->message, "0xAD"));
  g_assert_nonnull (strstr (finding->message, "wipe its catalogue"));

  /* the saves can still be salvaged */
  saves = list_ok (card);
  g_assert_cmpuint (saves->len, ==, 2);
  out = extract_ok (card, 0);
  ks_test_assert_bytes_equal (out, zelda);

  /* any edit writes the right checksum */
  g_assert_true (ks_container_remove (card, 1, NULL));
  fixed = gated_image (card);
  assert_range (fixed, 0x7FFFF, "AC");   /* 0xAE + 1 + 3 x 0xFF = 0x3AC */
  assert_range (fixed, 0x7FF00, "01");
}

static void
test_catalogue_damage_findings (void)
{
  g_autoptr(GBytes) worked = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) pokemon = ks_test_mmc_pokemon_sram ();
  g_autoptr(GError) error = NULL;

  /* count 1: POKEMON RED's blocks become orphans and its name sits past
   * the count; an insert frees the orphans before taking blocks */
  {
    guint8 *data = mutable_copy (worked);
    g_autoptr(GBytes) image = NULL;
    g_autoptr(KsContainer) card = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    g_autoptr(GBytes) small = sram_with_prefix (8192, 8, 40);
    g_autoptr(GBytes) out = NULL;
    g_autoptr(GBytes) after = NULL;
    const KsFinding *finding;

    data[0x7FF00] = 1;
    fix_checksum (data);
    image = take_image (data);
    card = open_mmc (image);
    findings = ks_container_verify (card);
    finding = assert_finding (findings, "mmc-orphan-block", KS_SEVERITY_WARNING);
    g_assert_nonnull (strstr (finding->message, "3 data blocks"));
    g_assert_nonnull (strstr (finding->message, "block 0x001"));
    finding = assert_finding (findings, "mmc-name-beyond-count", KS_SEVERITY_WARNING);
    g_assert_nonnull (strstr (finding->message, "POKEMON RED"));
    g_assert_cmpuint (summary_u (card, "blocks_orphaned"), ==, 3);

    insert_ok (card, small, "small.sav", "SMALL");
    after = gated_image (card);
    /* the new save 2 would otherwise have inherited blocks 1-3 */
    assert_range (after, 0x7F000, "01 02 00 00 00");
    out = extract_ok (card, 1);
    ks_test_assert_bytes_equal (out, small);
  }

  /* count above the 112 name slots */
  {
    guint8 *data = mutable_copy (worked);
    g_autoptr(GBytes) image = NULL;
    g_autoptr(KsContainer) card = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    g_autoptr(GPtrArray) saves = NULL;

    data[0x7FF00] = 0xC8;
    fix_checksum (data);
    image = take_image (data);
    card = open_mmc (image);
    findings = ks_container_verify (card);
    assert_finding (findings, "mmc-count-invalid", KS_SEVERITY_ERROR);
    assert_finding (findings, "mmc-save-no-blocks", KS_SEVERITY_ERROR);
    saves = list_ok (card);
    g_assert_cmpuint (saves->len, ==, 112);
    g_assert_false (ks_container_insert (card, pokemon, "p.sav", NULL, &error));
    g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (ks_container_remove (card, 0, &error));
    g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* between 99 and 112: the card lists them but refuses new backups */
  {
    guint8 *data = mutable_copy (worked);
    g_autoptr(GBytes) image = NULL;
    g_autoptr(KsContainer) card = NULL;
    g_autoptr(GPtrArray) findings = NULL;

    data[0x7FF00] = 100;
    fix_checksum (data);
    image = take_image (data);
    card = open_mmc (image);
    findings = ks_container_verify (card);
    assert_finding (findings, "mmc-count-over-limit", KS_SEVERITY_WARNING);
  }

  /* a listed save with no blocks */
  {
    guint8 *data = mutable_copy (worked);
    g_autoptr(GBytes) image = NULL;
    g_autoptr(KsContainer) card = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    g_autoptr(GPtrArray) saves = NULL;
    const KsFinding *finding;

    memcpy (data + 0x7F820, "GHOST", 5);
    data[0x7FF00] = 3;
    fix_checksum (data);
    image = take_image (data);
    card = open_mmc (image);
    findings = ks_container_verify (card);
    finding = assert_finding (findings, "mmc-save-no-blocks", KS_SEVERITY_ERROR);
    g_assert_nonnull (strstr (finding->message, "Save 3 “GHOST”"));
    saves = list_ok (card);
    assert_save (saves, 2, "GHOST", 0, 0);
    g_assert_null (ks_container_extract (card, 2, "ghost.sav", &error));
    g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* names: a 0x00 cuts the name on screen; lower case is off the keyboard */
  {
    guint8 *data = mutable_copy (worked);
    g_autoptr(GBytes) image = NULL;
    g_autoptr(KsContainer) card = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    g_autoptr(GPtrArray) saves = NULL;

    data[0x7F803] = 0x00;
    memcpy (data + 0x7F810, "pokemon red", 11);
    data[0x7FF10] = 0x01;
    data[0x7FF20] = 0x33;
    fix_checksum (data);
    image = take_image (data);
    card = open_mmc (image);
    findings = ks_container_verify (card);
    assert_finding (findings, "mmc-name-not-ascii", KS_SEVERITY_WARNING);
    assert_finding (findings, "mmc-name-keyboard", KS_SEVERITY_INFO);
    assert_finding (findings, "mmc-header-option", KS_SEVERITY_INFO);
    assert_finding (findings, "mmc-header-unused", KS_SEVERITY_INFO);
    g_assert_false (ks_findings_has_errors (findings));
    saves = list_ok (card);
    assert_save (saves, 0, "ZEL", 8192, 1);
    assert_save (saves, 1, "pokemon red", 32768, 3);
  }
}

static void
test_truncated_save (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GBytes) salvaged = NULL;
  g_autoptr(GError) error = NULL;
  const KsFinding *finding;
  guint8 *data = mutable_copy (formatted);

  /* marker 04, 253 literals, then a run cut after its count: the chain
   * runs out inside the token */
  data[0] = 0x04;
  for (guint i = 1; i < 254; i++)
    data[i] = (guint8) (0x10 + i % 0xE0);
  data[254] = 0x04;
  data[255] = 0xFF;
  data[0x7F000] = 0x01;
  memcpy (data + 0x7F800, "CUT", 3);
  data[0x7FF00] = 1;
  fix_checksum (data);
  image = take_image (data);

  card = open_mmc (image);
  findings = ks_container_verify (card);
  finding = assert_finding (findings, "mmc-save-truncated", KS_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "block 0x000"));
  saves = list_ok (card);
  assert_save (saves, 0, "CUT", 253, 1);

  g_assert_null (ks_container_extract (card, 0, "cut.sav", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);

  /* salvage: what decodes, as the card would restore it into one bank */
  salvaged = ks_mmc_extract_banks (ks_container_get_impl (card), 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (salvaged), ==, 253);
}

/* §10: a 32 KiB save of zeros also shows a candidate end at 24 KiB */
static void
test_size_ambiguity_prefers_standard_sizes (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (32768), 32768);
  g_autoptr(GBytes) image = ks_test_mmc_insert (formatted, zeros, "ZEROS");
  g_autoptr(KsContainer) card = open_mmc (image);
  g_autoptr(GPtrArray) saves = list_ok (card);
  g_autoptr(GPtrArray) findings = ks_container_verify (card);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) short_one = NULL;
  const KsFinding *finding;

  /* marker 01, 128 runs: 385 bytes in 2 blocks; 96 runs end at byte 289 */
  assert_range (image, 0x00000, "01 01 FF 00 01 FF 00");
  assert_range (image, 0x0017E, "01 FF 00 FF");
  assert_save (saves, 0, "ZEROS", 32768, 2);
  g_assert_cmpuint (ks_mmc_save_size_candidates (ks_container_get_impl (card), 0), ==,
                    (1u << 3) | (1u << 4));
  finding = assert_finding (findings, "mmc-save-size-ambiguous", KS_SEVERITY_INFO);
  g_assert_nonnull (strstr (finding->message, "24 KiB, 32 KiB"));

  out = extract_ok (card, 0);
  ks_test_assert_bytes_equal (out, zeros);

  /* the user may still pick the other candidate */
  short_one = ks_mmc_extract_banks (ks_container_get_impl (card), 0, 3, NULL);
  g_assert_cmpuint (g_bytes_get_size (short_one), ==, 24576);
}

static void
test_nonstandard_size_is_a_warning (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GBytes) sram = ks_test_random_bytes (16384, 50);
  const guint8 *sram_data = g_bytes_get_data (sram, NULL);
  g_autoptr(GBytes) stream = ks_mmc_rle_encode (sram_data, 16384,
                                                ks_mmc_rle_choose_marker (sram_data, 16384));
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) out = NULL;
  guint8 *data = mutable_copy (formatted);
  gsize length = g_bytes_get_size (stream);
  guint blocks = (guint) ((length + 255) / 256);

  /* a 16 KiB save written by some other tool */
  memcpy (data, g_bytes_get_data (stream, NULL), length);
  memset (data + 0x7F000, 0x01, blocks);
  memcpy (data + 0x7F800, "SIXTEEN", 7);
  data[0x7FF00] = 1;
  fix_checksum (data);
  image = take_image (data);

  card = open_mmc (image);
  findings = ks_container_verify (card);
  assert_finding (findings, "mmc-save-size-nonstandard", KS_SEVERITY_WARNING);
  g_assert_false (ks_findings_has_errors (findings));
  out = extract_ok (card, 0);
  ks_test_assert_bytes_equal (out, sram);
}

/* §4.1: the firmware writes a final lone marker raw */
static void
test_firmware_end_bug (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(GString) hex = g_string_new ("05");
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) card = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) out = NULL;
  const guint8 *sram;
  guint8 *data = mutable_copy (formatted);

  /* 8191 zeros, then the last SRAM byte 05 = M, raw; the tail (0xFF)
   * follows, so the card would read 05 FF FF: 256 x 0xFF */
  for (guint i = 0; i < 31; i++)
    g_string_append (hex, " 05 FF 00");
  g_string_append (hex, " 05 FE 00 05");
  stream = ks_test_bytes_from_hex (hex->str);
  memcpy (data, g_bytes_get_data (stream, NULL), g_bytes_get_size (stream));
  data[0x7F000] = 0x01;
  memcpy (data + 0x7F800, "BUGGY", 5);
  data[0x7FF00] = 1;
  fix_checksum (data);
  image = take_image (data);

  card = open_mmc (image);
  findings = ks_container_verify (card);
  assert_finding (findings, "mmc-save-firmware-end-bug", KS_SEVERITY_WARNING);
  g_assert_false (ks_findings_has_errors (findings));

  out = extract_ok (card, 0);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 8192);
  sram = g_bytes_get_data (out, NULL);
  g_assert_true (ks_bytes_all (sram, 8191, 0x00));
  g_assert_cmpuint (sram[8191], ==, 0x05);
}

/* the forum post (§7): its tables and its sample bytes */
static void
test_seed_post_tables (void)
{
  g_autoptr(GBytes) image = ks_test_mmc_seed_post_image ();
  g_autoptr(KsContainer) card = open_mmc (image);
  g_autoptr(GPtrArray) saves = list_ok (card);
  g_autoptr(GBytes) start = NULL;
  g_autoptr(GBytes) posted = ks_test_bytes_from_hex (
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 00 00 01 02 04 01 0B 01");
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (saves->len, ==, 5);
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 0))->name, ==, "POKEMON RED");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 1))->name, ==, "POKEMON BLUE");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 2))->name, ==, "POKEMON YELLOW");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 3))->name, ==, "POKEMON RED2");
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 4))->name, ==, "YELL");
  /* counted from the posted mapping rows */
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 0))->blocks, ==, 45);
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 1))->blocks, ==, 9);
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 2))->blocks, ==, 23);
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 3))->blocks, ==, 92);
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 4))->blocks, ==, 10);
  g_assert_cmpuint (summary_u (card, "blocks_free"), ==, 2032 - 179);

  /* POKEMON RED starts with the posted bytes and decodes as posted */
  start = ks_mmc_extract_banks (ks_container_get_impl (card), 0, 4, &error);
  g_assert_no_error (error);
  head = g_bytes_new_from_bytes (start, 0, 0x50);
  ks_test_assert_bytes_equal (head, posted);
}

static void
test_round_trips (void)
{
  const gsize sizes[] = { 8192, 32768, 65536, 131072 };
  g_autoptr(GBytes) image = ks_mmc_new_formatted_image ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) random = ks_test_random_bytes (sizes[i], 60 + i);
      g_autoptr(GBytes) sparse = sram_with_prefix (sizes[i], sizes[i] / 5, 70 + i);
      g_autoptr(GBytes) one = ks_test_mmc_insert (image, random, "RANDOM");
      g_autoptr(GBytes) two = ks_test_mmc_insert (one, sparse, "SPARSE");
      g_autoptr(KsContainer) card = open_mmc (two);
      g_autoptr(GBytes) out0 = extract_ok (card, 0);
      g_autoptr(GBytes) out1 = extract_ok (card, 1);
      g_autoptr(GBytes) reserialised = raw_image (card);
      g_autoptr(GPtrArray) findings = ks_container_verify (card);

      ks_test_assert_bytes_equal (out0, random);
      ks_test_assert_bytes_equal (out1, sparse);
      ks_test_assert_bytes_equal (reserialised, two);
      g_assert_false (ks_findings_has_errors (findings));

      /* and delete gives back the card without them */
      g_assert_true (ks_container_remove (card, 1, NULL));
      g_assert_true (ks_container_remove (card, 0, NULL));
      g_assert_cmpuint (summary_u (card, "blocks_free"), ==, 2032);
    }
}

static void
test_random_images_do_not_crash (void)
{
  for (guint seed = 1; seed <= 24; seed++)
    {
      g_autoptr(GBytes) random = ks_test_random_bytes (IMAGE_SIZE, seed);
      guint8 *data = mutable_copy (random);
      g_autoptr(GBytes) image = NULL;
      g_autoptr(KsContainer) card = NULL;
      g_autoptr(GPtrArray) saves = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GBytes) zelda = ks_test_mmc_zelda_sram ();

      /* half of them with a plausible header */
      if (seed % 2 == 0)
        {
          data[0x7FF00] = (guint8) (seed * 3);
          fix_checksum (data);
        }
      image = take_image (data);
      card = open_mmc (image);
      saves = list_ok (card);
      findings = ks_container_verify (card);
      for (guint i = 0; i < saves->len; i++)
        {
          GBytes *out = ks_container_extract (card, i, "x.sav", NULL);

          g_clear_pointer (&out, g_bytes_unref);
        }
      if (ks_container_insert (card, zelda, "z.sav", NULL, NULL))
        {
          guint index = summary_u (card, "saves") - 1;
          g_autoptr(GBytes) out = extract_ok (card, index);

          ks_test_assert_bytes_equal (out, zelda);
        }
    }
}

/* §2.3, §10: who holds each data block, for the capacity map: the worked
 * example's save 1 in block 0x000, save 2 in 0x001-0x003; a block marked
 * 07 on a card counting 2 saves is orphaned; an erased card is all free */
static void
test_block_owners (void)
{
  g_autoptr(GBytes) example = worked_example_by_hand ();
  g_autoptr(GBytes) orphaned = NULL;
  g_autoptr(GBytes) erased = NULL;
  g_autoptr(KsContainer) container = open_mmc (example);
  KsMmc *card = ks_container_get_impl (container);
  guint8 *image;

  g_assert_cmpint (ks_mmc_get_block_owner (card, 0x000), ==, 1);
  g_assert_cmpint (ks_mmc_get_block_owner (card, 0x001), ==, 2);
  g_assert_cmpint (ks_mmc_get_block_owner (card, 0x003), ==, 2);
  g_assert_cmpint (ks_mmc_get_block_owner (card, 0x004), ==, KS_MMC_BLOCK_FREE);
  g_assert_cmpint (ks_mmc_get_block_owner (card, 0x7EF), ==, KS_MMC_BLOCK_FREE);
  g_clear_pointer (&container, ks_container_unref);

  image = mutable_copy (example);
  image[0x7F000 + 0x100] = 0x07;
  orphaned = take_image (image);
  container = open_mmc (orphaned);
  card = ks_container_get_impl (container);
  g_assert_cmpint (ks_mmc_get_block_owner (card, 0x100), ==, KS_MMC_BLOCK_ORPHANED);
  g_assert_cmpint (ks_mmc_get_block_owner (card, 0x000), ==, 1);
  g_clear_pointer (&container, ks_container_unref);

  erased = g_bytes_new_take (memset (g_malloc (IMAGE_SIZE), 0xFF, IMAGE_SIZE), IMAGE_SIZE);
  container = open_mmc (erased);
  card = ks_container_get_impl (container);
  for (guint b = 0; b < KS_MMC_DATA_BLOCKS; b++)
    g_assert_cmpint (ks_mmc_get_block_owner (card, b), ==, KS_MMC_BLOCK_FREE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mmc/format/fresh-image-checksum-0xab", test_fresh_format);
  g_test_add_func ("/mmc/worked-example/insert-reproduces-it-byte-for-byte",
                   test_worked_example_byte_for_byte);
  g_test_add_func ("/mmc/worked-example/list-and-extract", test_worked_example_list_and_extract);
  g_test_add_func ("/mmc/worked-example/run-straddles-blocks-1-and-2",
                   test_worked_example_run_straddles_blocks);
  g_test_add_func ("/mmc/serialize/no-edit-is-byte-identical", test_no_edit_is_byte_identical);
  g_test_add_func ("/mmc/edit/leaves-the-loaded-image-alone",
                   test_edits_leave_the_loaded_image_alone);
  g_test_add_func ("/mmc/delete/renumbers-frees-and-lowers-reserved-entries",
                   test_delete_renumbers_and_frees);
  g_test_add_func ("/mmc/edit/lists-as-reloaded", test_edits_list_as_reloaded);
  g_test_add_func ("/mmc/insert/reuses-holes-non-contiguously",
                   test_insert_reuses_holes_non_contiguously);
  g_test_add_func ("/mmc/read/tokens-straddle-non-contiguous-blocks",
                   test_tokens_straddle_non_contiguous_blocks);
  g_test_add_func ("/mmc/insert/full-card-says-how-many-blocks-are-missing",
                   test_full_card_refuses_with_missing_count);
  g_test_add_func ("/mmc/insert/ninety-nine-saves-at-most", test_ninety_nine_saves_at_most);
  g_test_add_func ("/mmc/insert/converts-sav-files", test_insert_converts_sav_files);
  g_test_add_func ("/mmc/insert/names", test_names);
  g_test_add_func ("/mmc/insert/unique-names-option", test_unique_names_option);
  g_test_add_func ("/mmc/insert/touches-only-its-sectors", test_insert_touches_only_its_sectors);
  g_test_add_func ("/mmc/read/erased-card-formats-at-power-on", test_erased_card);
  g_test_add_func ("/mmc/read/wrong-sizes-are-refused", test_wrong_sizes_are_refused);
  g_test_add_func ("/mmc/verify/header-checksum-error-still-lists",
                   test_header_checksum_error_still_lists);
  g_test_add_func ("/mmc/verify/catalogue-damage", test_catalogue_damage_findings);
  g_test_add_func ("/mmc/verify/many-bad-names-are-summarised", test_many_bad_names_are_summarised);
  g_test_add_func ("/mmc/verify/truncated-save", test_truncated_save);
  g_test_add_func ("/mmc/size/ambiguity-prefers-standard-sizes",
                   test_size_ambiguity_prefers_standard_sizes);
  g_test_add_func ("/mmc/size/nonstandard-size-is-a-warning", test_nonstandard_size_is_a_warning);
  g_test_add_func ("/mmc/size/firmware-end-bug", test_firmware_end_bug);
  g_test_add_func ("/mmc/seed-post/tables-names-and-blocks", test_seed_post_tables);
  g_test_add_func ("/mmc/round-trip/insert-extract-delete", test_round_trips);
  g_test_add_func ("/mmc/read/random-images-do-not-crash", test_random_images_do_not_crash);
  g_test_add_func ("/mmc/read/block-owners", test_block_owners);

  return g_test_run ();
}
