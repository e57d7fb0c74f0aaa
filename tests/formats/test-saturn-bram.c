/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-saturn-bram.c — backup RAM image files: logical, byte-expanded, gzip,
 * MiSTer (spec saturn.md §2, §7.7, §7.9) */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static KsContainer *
open_image (GBytes     *bytes,
            const char *file_name)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_from_bytes (bytes, file_name, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ks_container_get_format (container)->id, ==, "saturn-bram");

  return container;
}

static GBytes *
gzip_bytes (GBytes *data,
            int     level)
{
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, level);
  out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_output_stream_write_all (out, g_bytes_get_data (data, NULL), g_bytes_get_size (data), NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
gunzip_bytes (GBytes *data)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  in = g_converter_input_stream_new (memory, G_CONVERTER (decompressor));
  g_output_stream_splice (sink, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (sink));
}

static GBytes *
serialize (KsContainer *container)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ks_container_build_verified (container, FALSE, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static guint
n_saves (KsContainer *container)
{
  g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);

  return saves->len;
}

static char *
describe_string (KsContainer *container,
                 const char  *key)
{
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  char *value = NULL;

  g_assert_true (g_variant_lookup (summary, key, "s", &value));
  return value;
}

static guint
describe_uint (KsContainer *container,
               const char  *key)
{
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  guint value = 0;

  g_assert_true (g_variant_lookup (summary, key, "u", &value));
  return value;
}

/* @logical with the Dezaemon save added at block 2 */
static GBytes *
with_dezaemon (GBytes *logical)
{
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (logical), &size);
  g_autoptr(KsSaturnPartition) partition = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  guint block_size = size == 0x8000 ? 64 : size == 0x400000 ? 1024 : 512;
  KsSaturnSaveMeta meta;

  partition = ks_saturn_partition_new (data, size, block_size, KS_SATURN_PARTITION_REQUIRE_FORMAT,
                                       &error);
  g_assert_no_error (error);
  ks_test_saturn_dezaemon (&meta, &payload);
  g_assert_true (ks_saturn_partition_write (partition, &meta, payload, &error));
  g_free (data);

  return g_bytes_new (ks_saturn_partition_get_data (partition, NULL), size);
}

static void
test_interleave_vector_7 (void)
{
  g_autoptr(GBytes) expanded = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_INTERNAL,
                                                             KS_SATURN_CONTAINER_EXPANDED);
  g_autoptr(GBytes) head = ks_test_bytes_from_hex ("FF 42 FF 61 FF 63 FF 6B");
  g_autoptr(GBytes) head_actual = g_bytes_new_from_bytes (expanded, 0, 8);
  g_autoptr(GBytes) free_area = g_bytes_new_from_bytes (expanded, 0x80, 8);
  g_autoptr(GBytes) free_expected = ks_test_bytes_from_hex ("FF 00 FF 00 FF 00 FF 00");
  g_autoptr(KsContainer) container = NULL;
  g_autofree char *layout = NULL;

  g_assert_cmpuint (g_bytes_get_size (expanded), ==, 0x10000);
  ks_test_assert_bytes_equal (head_actual, head);
  ks_test_assert_bytes_equal (free_area, free_expected);

  container = open_image (expanded, "internal.bram");
  layout = describe_string (container, "container");
  g_assert_cmpstr (layout, ==, "byte-expanded");
  g_assert_cmpuint (describe_uint (container, "block_size"), ==, 64);
  g_assert_cmpint (ks_container_free_space (container), ==, 510 * 58 - 30);
}

static void
test_every_container_is_detected (void)
{
  static const struct
  {
    KsSaturnDevice    device;
    KsSaturnContainer container;
    gsize             file_size;
    guint             block_size;
    const char        *layout;
  } cases[] = {
    { KS_SATURN_DEVICE_INTERNAL, KS_SATURN_CONTAINER_LOGICAL, 0x8000, 64, "logical" },
    { KS_SATURN_DEVICE_INTERNAL, KS_SATURN_CONTAINER_EXPANDED, 0x10000, 64, "byte-expanded" },
    { KS_SATURN_DEVICE_CART_4M, KS_SATURN_CONTAINER_LOGICAL, 0x80000, 512, "logical" },
    { KS_SATURN_DEVICE_CART_4M, KS_SATURN_CONTAINER_EXPANDED, 0x100000, 512, "byte-expanded" },
    { KS_SATURN_DEVICE_CART_4M, KS_SATURN_CONTAINER_GZIP, 0, 512, "logical" },
    { KS_SATURN_DEVICE_CART_8M, KS_SATURN_CONTAINER_LOGICAL, 0x100000, 512, "logical" },
    { KS_SATURN_DEVICE_CART_16M, KS_SATURN_CONTAINER_EXPANDED, 0x400000, 512, "byte-expanded" },
    { KS_SATURN_DEVICE_CART_32M, KS_SATURN_CONTAINER_LOGICAL, 0x400000, 1024, "logical" },
    { KS_SATURN_DEVICE_CART_32M, KS_SATURN_CONTAINER_EXPANDED, 0x800000, 1024, "byte-expanded" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) image = ks_saturn_bram_new_formatted (cases[i].device, cases[i].container);
      g_autoptr(KsContainer) container = open_image (image, "image");
      g_autofree char *layout = describe_string (container, "container");

      if (cases[i].file_size != 0)
        g_assert_cmpuint (g_bytes_get_size (image), ==, cases[i].file_size);
      g_assert_cmpstr (layout, ==, cases[i].layout);
      g_assert_cmpuint (describe_uint (container, "block_size"), ==, cases[i].block_size);
      g_autoptr(GPtrArray) findings = ks_container_verify (container);

      g_assert_cmpuint (n_saves (container), ==, 0);
      g_assert_false (ks_findings_has_errors (findings));
    }
}

static void
test_unedited_serialisation_is_byte_identical (void)
{
  g_autoptr(GBytes) logical = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) yabause = ks_test_saturn_expand (logical, 0xFF);
  g_autoptr(GBytes) formatted_cart = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                                   KS_SATURN_CONTAINER_LOGICAL);
  g_autoptr(GBytes) cart = with_dezaemon (formatted_cart);
  g_autoptr(GBytes) cart_expanded = ks_test_saturn_expand (cart, 0x5A);
  g_autoptr(GBytes) bcr_gz = gzip_bytes (cart, 1);    /* not our compression level */
  g_autoptr(GBytes) random = ks_test_random_bytes (0x20000, 77);
  gsize size;
  guint8 *mister = g_bytes_unref_to_data (ks_test_saturn_expand (logical, 0x00), &size);
  GBytes *images[5];

  /* MiSTer: filler may be anything, and a cart half follows */
  mister = g_realloc (mister, 0x110000);
  memcpy (mister + 0x10000, g_bytes_get_data (cart_expanded, NULL), 0x100000);
  for (gsize i = 0; i < 0x10000; i += 2)
    mister[i] = ((const guint8 *) g_bytes_get_data (random, NULL))[i];

  images[0] = logical;
  images[1] = yabause;
  images[2] = cart;
  images[3] = bcr_gz;
  images[4] = g_bytes_new_take (mister, 0x110000);

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      g_autoptr(KsContainer) container = open_image (images[i], "image");
      g_autoptr(GBytes) out = serialize (container);

      g_assert_cmpuint (n_saves (container), ==, i == 4 ? 2 : 1);
      ks_test_assert_bytes_equal (out, images[i]);
    }
  g_bytes_unref (images[4]);
}

static void
test_expanded_edit_keeps_filler (void)
{
  g_autoptr(GBytes) logical = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) random = ks_test_random_bytes (0x10000, 5);
  g_autoptr(GBytes) payload = ks_test_random_bytes (500, 6);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  guint8 *physical = g_bytes_unref_to_data (ks_test_saturn_expand (logical, 0), &size);
  const guint8 *filler = g_bytes_get_data (random, NULL);
  const guint8 *written;

  for (gsize i = 0; i < size; i += 2)
    physical[i] = filler[i];
  image = g_bytes_new_take (physical, size);

  container = open_image (image, "mister.sav");
  g_assert_true (ks_container_insert (container, payload, "extra.bin", "EXTRA", &error));
  g_assert_no_error (error);
  out = serialize (container);
  written = g_bytes_get_data (out, NULL);

  g_assert_cmpuint (g_bytes_get_size (out), ==, 0x10000);
  for (gsize i = 0; i < size; i += 2)
    g_assert_cmpuint (written[i], ==, filler[i]);
  /* the new save's start block, block 3, at odd offsets */
  g_assert_cmpuint (written[2 * (3 * 64) + 1], ==, 0x80);
  g_assert_cmpuint (written[2 * (3 * 64 + 4) + 1], ==, 'E');
}

static void
test_gzip_edit_is_recompressed (void)
{
  g_autoptr(GBytes) image = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                          KS_SATURN_CONTAINER_GZIP);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(KsContainer) container = open_image (image, "cart.bcr");
  g_autoptr(KsContainer) again = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) inflated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  KsSaturnSaveMeta meta;

  ks_test_saturn_daytona96 (&meta, &payload);
  g_assert_true (ks_container_insert (container, payload, "DAYTONA96_0", NULL, &error));
  g_assert_no_error (error);
  out = serialize (container);

  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (out, NULL))[0], ==, 0x1F);
  inflated = gunzip_bytes (out);
  g_assert_cmpuint (g_bytes_get_size (inflated), ==, 0x80000);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (inflated, NULL) + 0x404, 11,
                   "DAYTONA96_0", 11);

  again = open_image (out, "cart.bcr");
  g_assert_cmpuint (n_saves (again), ==, 1);
  g_assert_true (describe_uint (again, "saves") == 1);
  name = describe_string (again, "device");
  g_assert_cmpstr (name, ==, "cartridge");
}

static void
test_mister_pair_fills_internal_then_cart (void)
{
  g_autoptr(GBytes) internal = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_INTERNAL,
                                                             KS_SATURN_CONTAINER_EXPANDED);
  g_autoptr(GBytes) cart = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                         KS_SATURN_CONTAINER_EXPANDED);
  g_autoptr(GByteArray) pair = g_byte_array_new ();
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GBytes) big = ks_test_random_bytes (20000, 9);
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (pair, g_bytes_get_data (internal, NULL), 0x10000);
  g_byte_array_append (pair, g_bytes_get_data (cart, NULL), 0x100000);
  image = g_byte_array_free_to_bytes (g_steal_pointer (&pair));
  container = open_image (image, "Saturn.sav");

  g_assert_true (ks_container_insert (container, big, "a.bin", "FIRST", &error));
  g_assert_true (ks_container_insert (container, big, "b.bin", "SECOND", &error));
  g_assert_no_error (error);
  /* FIRST fills most of the 32 KiB; SECOND goes to the cart */
  g_assert_cmpuint (describe_uint (container, "internal_saves"), ==, 1);
  g_assert_cmpuint (describe_uint (container, "cartridge_saves"), ==, 1);
  saves = ks_container_list (container, NULL);
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 1))->name, ==, "SECOND");
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 1))->blocks, ==,
                   ks_saturn_block_count (20000, 512));

  {
    g_autoptr(GBytes) out = serialize (container);
    g_autoptr(KsContainer) again = open_image (out, "Saturn.sav");
    g_autoptr(GBytes) read = ks_container_extract (again, 1, "second.bin", &error);

    g_assert_no_error (error);
    ks_test_assert_bytes_equal (read, big);
  }
}

static void
test_mister_unformatted_cart_half_is_kept (void)
{
  g_autoptr(GBytes) logical = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) internal = ks_test_saturn_expand (logical, 0xFF);
  g_autoptr(GByteArray) pair = g_byte_array_new ();
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree guint8 *zeros = g_malloc0 (0x100000);
  g_autoptr(GBytes) payload = ks_test_random_bytes (100, 3);
  g_autoptr(GError) error = NULL;

  g_byte_array_append (pair, g_bytes_get_data (internal, NULL), 0x10000);
  g_byte_array_append (pair, zeros, 0x100000);
  image = g_byte_array_free_to_bytes (g_steal_pointer (&pair));
  container = open_image (image, "Saturn.sav");

  findings = ks_container_verify (container);
  g_assert_nonnull (ks_findings_find (findings, "saturn-cart-unformatted"));
  g_assert_false (ks_findings_has_errors (findings));
  g_assert_cmpuint (n_saves (container), ==, 1);

  g_assert_true (ks_container_insert (container, payload, "x.bin", "NEW", &error));
  out = serialize (container);
  g_assert_true (ks_bytes_all ((const guint8 *) g_bytes_get_data (out, NULL) + 0x10000,
                               0x100000, 0));
}

static void
test_4mib_block_size_is_chosen_by_consistency (void)
{
  g_autoptr(GBytes) formatted = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_32M,
                                                              KS_SATURN_CONTAINER_LOGICAL);
  g_autoptr(GBytes) cart = with_dezaemon (formatted);
  g_autoptr(KsContainer) empty = open_image (formatted, "cart.bin");
  g_autoptr(KsContainer) cart_container = open_image (cart, "cart.bin");
  g_autoptr(KsContainer) yaba_container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(KsSaturnPartition) yaba = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = ks_test_random_bytes (3000, 4);
  g_autoptr(GBytes) yaba_bytes = NULL;
  g_autoptr(GBytes) yaba_logical = NULL;
  g_autofree guint8 *data = g_malloc (0x400000);
  KsSaturnSaveMeta meta;

  /* YabaSanshiro: 4 MiB of 64-byte blocks */
  ks_saturn_partition_format (data, 0x400000, 64);
  yaba = ks_saturn_partition_new (data, 0x400000, 64, KS_SATURN_PARTITION_REQUIRE_FORMAT, NULL);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("YABA%u", i);

      memset (&meta, 0, sizeof meta);
      memcpy (meta.name, name, strlen (name));
      meta.size = 3000;
      g_assert_true (ks_saturn_partition_write (yaba, &meta, payload, &error));
    }
  yaba_logical = g_bytes_new (ks_saturn_partition_get_data (yaba, NULL), 0x400000);
  yaba_bytes = ks_test_saturn_expand (yaba_logical, 0xFF);
  yaba_container = open_image (yaba_bytes, "yabasanshiro.bin");

  g_assert_cmpuint (describe_uint (empty, "block_size"), ==, 1024);
  g_assert_cmpuint (describe_uint (cart_container, "block_size"), ==, 1024);
  g_assert_cmpuint (n_saves (cart_container), ==, 1);
  g_assert_cmpuint (describe_uint (yaba_container, "block_size"), ==, 64);
  g_assert_cmpuint (n_saves (yaba_container), ==, 6);
  findings = ks_container_verify (yaba_container);
  g_assert_nonnull (ks_findings_find (findings, "saturn-block-size-chosen"));
}

static void
test_raw_and_bup_in_and_out (void)
{
  g_autoptr(GBytes) image = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_INTERNAL,
                                                          KS_SATURN_CONTAINER_LOGICAL);
  g_autoptr(KsContainer) container = open_image (image, "internal.bkr");
  g_autoptr(GBytes) payload = ks_test_random_bytes (1000, 12);
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) bup = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;
  KsBupHeader header;
  const KsSaveInfo *info;

  /* a raw payload takes its name from the file */
  g_assert_true (ks_container_insert (container, payload, "deza2___sys.bin", NULL, &error));
  g_assert_no_error (error);
  saves = ks_container_list (container, NULL);
  info = g_ptr_array_index (saves, 0);
  g_assert_cmpstr (info->name, ==, "DEZA2___SYS");
  g_assert_cmpstr (info->language, ==, "ja");
  g_assert_nonnull (info->date);

  raw = ks_container_extract (container, 0, "out.bin", &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (raw, payload);

  /* OUT.BUP (any case) is a .BUP with the block count recomputed */
  bup = ks_container_extract (container, 0, "out.bup", &error);
  g_assert_no_error (error);
  g_assert_true (ks_bup_read_header (g_bytes_get_data (bup, NULL), g_bytes_get_size (bup),
                                     &header, &error));
  g_assert_cmpmem (header.meta.name, 11, "DEZA2___SYS", 11);
  g_assert_cmpuint (header.meta.size, ==, 1000);
  g_assert_cmpuint (header.blocks, ==, ks_saturn_block_count (1000, 64));
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (bup, NULL) + 64, 1000,
                   g_bytes_get_data (payload, NULL), 1000);

  /* a name that is too long, or missing characters, is refused */
  g_assert_false (ks_container_insert (container, payload, "x.bin", "TWELVE_CHARS", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE);
  g_clear_error (&error);

  /* delete through the container */
  g_assert_true (ks_container_remove (container, 0, &error));
  g_assert_cmpuint (n_saves (container), ==, 0);
}

static void
test_bup_to_partition_to_bup_vector_9 (void)
{
  g_autoptr(GBytes) bup = ks_test_saturn_daytona_bup ();
  g_autoptr(GBytes) internal_image = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_INTERNAL,
                                                                   KS_SATURN_CONTAINER_LOGICAL);
  g_autoptr(GBytes) cart_image = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                               KS_SATURN_CONTAINER_LOGICAL);
  g_autoptr(KsContainer) internal = open_image (internal_image, "internal.bkr");
  g_autoptr(KsContainer) cart = open_image (cart_image, "cart.bcr");
  g_autoptr(GBytes) internal_out = NULL;
  g_autoptr(GBytes) start_block = NULL;
  g_autoptr(GBytes) expected_start = ks_test_bytes_from_hex (
    "80 00 00 00 44 41 59 54 4F 4E 41 5F 5F 30 30 00 44 41 59 54 4F 4E 41 20 20 20"
    "01 4A 8D 41 00 00 09 9F 00 03");
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) error = NULL;
  KsBupHeader original, round;

  g_assert_true (ks_container_insert (internal, bup, "DAYTONA_.BUP", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ks_container_insert (cart, bup, "DAYTONA_.BUP", NULL, &error));
  g_assert_no_error (error);

  internal_out = serialize (internal);
  start_block = g_bytes_new_from_bytes (internal_out, 2 * 64, 36);
  ks_test_assert_bytes_equal (start_block, expected_start);

  saves = ks_container_list (internal, NULL);
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 0))->blocks, ==, 43);
  g_clear_pointer (&saves, g_ptr_array_unref);
  saves = ks_container_list (cart, NULL);
  g_assert_cmpint (((KsSaveInfo *) g_ptr_array_index (saves, 0))->blocks, ==, 5);

  /* and back out: the same entry and payload, a clean header */
  back = ks_container_extract (cart, 0, "DAYTONA_.BUP", &error);
  g_assert_no_error (error);
  g_assert_true (ks_bup_read_header (g_bytes_get_data (bup, NULL), g_bytes_get_size (bup),
                                     &original, NULL));
  g_assert_true (ks_bup_read_header (g_bytes_get_data (back, NULL), g_bytes_get_size (back),
                                     &round, NULL));
  g_assert_cmpmem (&round.meta, sizeof round.meta, &original.meta, sizeof original.meta);
  g_assert_cmpuint (round.blocks, ==, 5);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (back, NULL))[0x1B], ==, 0x00);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (back, NULL) + 64, 2463,
                   (const guint8 *) g_bytes_get_data (bup, NULL) + 64, 2463);
}

static void
test_bad_input_is_an_error_not_a_crash (void)
{
  g_autofree guint8 *zeros = g_malloc0 (0x8000);
  g_autoptr(GBytes) unformatted = g_bytes_new (zeros, 0x8000);
  g_autoptr(GBytes) odd_size = NULL;
  g_autoptr(GBytes) truncated_gz = NULL;
  g_autoptr(GBytes) gz = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_CART_4M,
                                                       KS_SATURN_CONTAINER_GZIP);
  g_autoptr(KsContainer) forced = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) payload = ks_test_random_bytes (10, 1);
  g_autoptr(GError) error = NULL;
  const KsFormat *detected;
  GByteArray *array;

  /* an unformatted 32 KiB file is not claimed as Saturn backup RAM */
  detected = ks_format_detect (zeros, 0x8000, "internal.bkr");
  g_assert_true (detected == NULL || !g_str_equal (detected->id, "saturn-bram"));

  /* asked for by name, it loads and says why nothing can be written */
  forced = ks_container_new_from_bytes (unformatted, "internal.bkr", "saturn-bram", &error);
  g_assert_no_error (error);
  findings = ks_container_verify (forced);
  g_assert_nonnull (ks_findings_find (findings, "saturn-unformatted"));
  g_assert_false (ks_container_insert (forced, payload, "x.bin", "X", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* the magic, but a size no device has */
  array = g_byte_array_new ();
  g_byte_array_append (array, (const guint8 *) "BackUpRam Format", 16);
  g_byte_array_set_size (array, 12345);
  odd_size = g_byte_array_free_to_bytes (array);
  g_assert_null (ks_container_new_from_bytes (odd_size, "odd.bin", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "12345"));
  g_clear_error (&error);

  /* a gzip file cut short */
  truncated_gz = g_bytes_new_from_bytes (gz, 0, g_bytes_get_size (gz) / 2);
  g_assert_null (ks_container_new_from_bytes (truncated_gz, "cart.bcr", "saturn-bram", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);

  /* random bytes of every device size: never claimed, never a crash when forced */
  for (guint i = 0; i < 5; i++)
    {
      static const gsize sizes[] = { 0x8000, 0x10000, 0x80000, 0x110000, 0x100 };
      g_autoptr(GBytes) random = ks_test_random_bytes (sizes[i], 300 + i);
      g_autoptr(KsContainer) container = NULL;

      detected = ks_format_detect (g_bytes_get_data (random, NULL), sizes[i], NULL);
      g_assert_true (detected == NULL || !g_str_equal (detected->id, "saturn-bram"));
      container = ks_container_new_from_bytes (random, "x", "saturn-bram", NULL);
      if (container != NULL)
        {
          g_autoptr(GPtrArray) random_findings = ks_container_verify (container);
          g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);

          g_assert_true (ks_findings_has_errors (random_findings));
          g_assert_nonnull (saves);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saturn/bram/interleave-vector-7", test_interleave_vector_7);
  g_test_add_func ("/saturn/bram/every-container-is-detected", test_every_container_is_detected);
  g_test_add_func ("/saturn/bram/unedited-serialisation-is-byte-identical",
                   test_unedited_serialisation_is_byte_identical);
  g_test_add_func ("/saturn/bram/expanded-edit-keeps-filler", test_expanded_edit_keeps_filler);
  g_test_add_func ("/saturn/bram/gzip-edit-is-recompressed", test_gzip_edit_is_recompressed);
  g_test_add_func ("/saturn/bram/mister-pair-fills-internal-then-cart",
                   test_mister_pair_fills_internal_then_cart);
  g_test_add_func ("/saturn/bram/mister-unformatted-cart-half-is-kept",
                   test_mister_unformatted_cart_half_is_kept);
  g_test_add_func ("/saturn/bram/4mib-block-size-is-chosen-by-consistency",
                   test_4mib_block_size_is_chosen_by_consistency);
  g_test_add_func ("/saturn/bram/raw-and-bup-in-and-out", test_raw_and_bup_in_and_out);
  g_test_add_func ("/saturn/bram/bup-to-partition-to-bup-vector-9",
                   test_bup_to_partition_to_bup_vector_9);
  g_test_add_func ("/saturn/bram/bad-input-is-an-error-not-a-crash",
                   test_bad_input_is_an_error_not_a_crash);

  return g_test_run ();
}
