/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-saturn-ar.c — Action Replay flash dumps (spec saturn.md §3, §7.11) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static KsContainer *
open_dump (GBytes *dump)
{
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_from_bytes (dump, "ar.bin", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ks_container_get_format (container)->id, ==, "saturn-ar");

  return container;
}

static GVariant *
describe (KsContainer *container)
{
  return g_variant_ref_sink (ks_container_describe (container));
}

static guint
n_saves (KsContainer *container)
{
  g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);

  return saves->len;
}

/* A dump whose partition already holds Hyper Duel and Dezaemon */
static GBytes *
dump_with_saves (void)
{
  g_autoptr(GBytes) partition_bytes = ks_test_saturn_ar_partition ();
  g_autoptr(KsSaturnPartition) partition = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) payload2 = NULL;
  g_autoptr(GBytes) decoded = NULL;
  KsSaturnSaveMeta meta;

  partition = ks_saturn_partition_new (g_bytes_get_data (partition_bytes, NULL),
                                       KS_SATURN_AR_DECODED_SIZE, KS_SATURN_AR_BLOCK_SIZE,
                                       KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  ks_test_saturn_hyperduel (&meta, &payload);
  g_assert_true (ks_saturn_partition_write (partition, &meta, payload, NULL));
  ks_test_saturn_dezaemon (&meta, &payload2);
  g_assert_true (ks_saturn_partition_write (partition, &meta, payload2, NULL));
  decoded = g_bytes_new (ks_saturn_partition_get_data (partition, NULL), KS_SATURN_AR_DECODED_SIZE);

  return ks_test_saturn_ar_dump (decoded);
}

static GBytes *
decode_at_0x20000 (GBytes *dump)
{
  const guint8 *data = g_bytes_get_data (dump, NULL);
  KsRle01Status status;
  GBytes *decoded;

  decoded = ks_rle01_decode (data + 0x20000, 0x20000, 0x80000, NULL, &status);
  g_assert_cmpint (status, ==, KS_RLE01_OK);

  return decoded;
}

static void
test_dump_sanity_vector_11 (void)
{
  g_autoptr(GBytes) dump = dump_with_saves ();
  g_autoptr(KsContainer) container = open_dump (dump);
  g_autoptr(GVariant) summary = describe (container);
  g_autoptr(GBytes) decoded = decode_at_0x20000 (dump);
  g_autoptr(GPtrArray) findings = NULL;
  const guint8 *data = g_bytes_get_data (dump, NULL);
  guint32 compressed_size = ks_read_be32 (data + 0x20006);
  guint64 decoded_size = 0;
  gboolean read_only = TRUE;

  g_assert_cmpuint (g_bytes_get_size (dump), ==, 262144);
  g_assert_cmpmem (data + 0x50, 13, "ACTION REPLAY", 13);
  g_assert_cmpmem (data + 0x20000, 5, "RLE01", 5);
  g_assert_cmpuint (0x20000 + compressed_size, <=, 0x40000);
  g_assert_cmpuint (g_bytes_get_size (decoded) % 64, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (decoded), ==, 0x80000);

  g_assert_true (g_variant_lookup (summary, "decoded_size", "t", &decoded_size));
  g_assert_cmpuint (decoded_size, ==, 0x80000);
  g_assert_true (g_variant_lookup (summary, "read_only", "b", &read_only));
  g_assert_false (read_only);
  g_assert_cmpuint (n_saves (container), ==, 2);
  findings = ks_container_verify (container);
  g_assert_cmpuint (findings->len, ==, 0);
}

/* An unedited container builds back to @dump byte for byte */
static void
assert_round_trip (KsContainer *container,
                   GBytes      *dump)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = ks_container_build_verified (container, FALSE, NULL, &error);

  g_assert_no_error (error);
  ks_test_assert_bytes_equal (out, dump);
}

static void
test_unedited_dump_is_byte_identical (void)
{
  g_autoptr(GBytes) dump = dump_with_saves ();
  g_autoptr(KsContainer) container = open_dump (dump);

  assert_round_trip (container, dump);
}

static void
test_insert_writes_firmware_untouched_and_ff_after (void)
{
  g_autoptr(GBytes) dump = dump_with_saves ();
  g_autoptr(KsContainer) container = open_dump (dump);
  g_autoptr(KsContainer) again = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;
  const guint8 *in_data, *out_data;
  guint32 compressed_size;

  ks_test_saturn_daytona96 (&meta, &payload);
  g_assert_true (ks_container_insert (container, payload, "daytona.bin", "DAYTONA96_0", &error));
  g_assert_no_error (error);
  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  in_data = g_bytes_get_data (dump, NULL);
  out_data = g_bytes_get_data (out, NULL);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 0x40000);
  /* the firmware, 0x00000–0x1FFFF, byte for byte */
  g_assert_cmpmem (out_data, 0x20000, in_data, 0x20000);
  /* the stream, then erased flash to 0x40000 */
  compressed_size = ks_read_be32 (out_data + 0x20006);
  g_assert_cmpmem (out_data + 0x20000, 5, "RLE01", 5);
  g_assert_true (ks_bytes_all (out_data + 0x20000 + compressed_size,
                               0x40000 - 0x20000 - compressed_size, 0xFF));

  /* decoded again, the partition holds the new save; the length is kept */
  decoded = decode_at_0x20000 (out);
  g_assert_cmpuint (g_bytes_get_size (decoded), ==, 0x80000);
  again = open_dump (out);
  g_assert_cmpuint (n_saves (again), ==, 3);
  read = ks_container_extract (again, 2, "daytona.bin", &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, payload);
}

static void
test_delete_frees_flash (void)
{
  g_autoptr(GBytes) dump = dump_with_saves ();
  g_autoptr(KsContainer) container = open_dump (dump);
  g_autoptr(KsContainer) again = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  guint32 before, after;

  g_assert_true (ks_container_remove (container, 0, &error));
  g_assert_no_error (error);
  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);

  again = open_dump (out);
  g_assert_cmpuint (n_saves (again), ==, 1);
  /* the freed blocks are zeroed, so the stream shrinks */
  before = ks_read_be32 ((const guint8 *) g_bytes_get_data (dump, NULL) + 0x20006);
  after = ks_read_be32 ((const guint8 *) g_bytes_get_data (out, NULL) + 0x20006);
  g_assert_cmpuint (after, <, before);
}

static void
test_over_capacity_is_refused_with_bytes_over (void)
{
  g_autoptr(GBytes) dump = dump_with_saves ();
  g_autoptr(KsContainer) container = open_dump (dump);
  /* random bytes do not compress: 150 KiB cannot fit the 128 KiB of flash */
  g_autoptr(GBytes) payload = ks_test_random_bytes (150 * 1024, 150);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_container_insert (container, payload, "big.bin", "BIG", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "bytes over"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* nothing changed */
  g_assert_cmpuint (n_saves (container), ==, 2);
  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (out, dump);
}

/* The dump of dump_with_saves() with @hex_at_0x20000 written over it; when
 * @fill is 0–255, 0x20000–0x3FFFF is filled with it first. */
static GBytes *
dump_with_bytes_at_0x20000 (const char *hex_at_0x20000,
                            int         fill)
{
  g_autoptr(GBytes) base = dump_with_saves ();
  g_autoptr(GBytes) head = ks_test_bytes_from_hex (hex_at_0x20000);
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (base), &size);

  if (fill >= 0)
    memset (data + 0x20000, fill, 0x20000);
  memcpy (data + 0x20000, g_bytes_get_data (head, NULL), g_bytes_get_size (head));
  return g_bytes_new_take (data, size);
}

static GBytes *
dump_with_partition_bytes (const char *hex_at_0x20000)
{
  return dump_with_bytes_at_0x20000 (hex_at_0x20000, -1);
}

static void
assert_read_only (KsContainer *container,
                  const char  *reason_part)
{
  g_autoptr(GVariant) summary = describe (container);
  g_autoptr(GBytes) payload = ks_test_random_bytes (10, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean read_only = FALSE;

  g_assert_true (g_variant_lookup (summary, "read_only", "b", &read_only));
  g_assert_true (read_only);
  g_assert_true (g_variant_lookup (summary, "read_only_reason", "s", &reason));
  g_assert_nonnull (strstr (reason, reason_part));

  g_assert_false (ks_container_insert (container, payload, "x.bin", "X", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, reason_part));
  g_clear_error (&error);
  g_assert_false (ks_container_remove (container, 0, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
  g_assert_cmpint (ks_container_free_space (container), ==, 0);
}

static void
test_def_images_are_read_only_with_a_reason (void)
{
  g_autoptr(GBytes) def02 = dump_with_partition_bytes ("44 45 46 30 32 0B 00 08 00 00");
  g_autoptr(GBytes) chained = dump_with_partition_bytes ("52 4C 45 30 31 07 00 00 40 00"
                                                         "44 45 46 30 32 0B 00 08 00 00");
  g_autoptr(KsContainer) def_container = open_dump (def02);
  g_autoptr(KsContainer) chained_container = open_dump (chained);
  g_autoptr(GPtrArray) findings = ks_container_verify (def_container);

  assert_read_only (def_container, "DEF02");
  assert_read_only (chained_container, "RLE01 + DEF02");
  g_assert_nonnull (ks_findings_find (findings, "saturn-ar-def-compression"));
  g_assert_cmpuint (n_saves (def_container), ==, 0);
}

static void
test_uncompressed_variant_is_read (void)
{
  g_autoptr(GBytes) base = dump_with_saves ();
  g_autoptr(GBytes) minimal = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) dump = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (base), &size);

  memset (data + 0x20000, 0, 0x20000);
  memcpy (data + 0x20000, g_bytes_get_data (minimal, NULL), 0x8000);
  dump = g_bytes_new_take (data, size);
  container = open_dump (dump);

  g_assert_cmpuint (n_saves (container), ==, 1);
  payload = ks_container_extract (container, 0, "deza.bin", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (payload), ==, 17);
  assert_read_only (container, "uncompressed");
}

/* §3.6: an uncompressed area written out block by block.  Block 0 is four
 * copies of the magic, block 1 zero; block 2 is Dezaemon 2 (§1.7, one
 * block); blocks 3–4 a save of 40 bytes (n = ⌈70 / 58⌉ = 2): start block 3
 * lists block 4, its stream holds payload bytes 0–25 after the list, block 4
 * bytes 26–39.  The payload is 00 01 02 … 27. */
#define RESERVED_BLOCKS \
  /* block 0 at 0x20000 */ \
  "42 61 63 6B 55 70 52 61 6D 20 46 6F 72 6D 61 74  42 61 63 6B 55 70 52 61 6D 20 46 6F 72 6D 61 74" \
  "42 61 63 6B 55 70 52 61 6D 20 46 6F 72 6D 61 74  42 61 63 6B 55 70 52 61 6D 20 46 6F 72 6D 61 74" \
  /* block 1 at 0x20040 */ \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"

static const char *const TWO_SAVES =
  RESERVED_BLOCKS
  /* block 2 at 0x20080: tag, "DEZA2___SYS", Japanese, comment, date, 17 bytes, 00 00, data */
  "80 00 00 00  44 45 5A 41 32 5F 5F 5F 53 59 53  00  C3 DE BB DE 32 5F BC BD C3 D1"
  "01 67 C5 47  00 00 00 11  00 00"
  "1E 00 00 00 00 00 00 01 02 03 05 04 01 02 03 05 04  00 00 00 00 00 00 00 00 00 00 00"
  /* block 3 at 0x200C0: tag, "KEEPSAKE_01", English, "TWO BLOCKS", date, 40 bytes, list 4, end */
  "80 00 00 00  4B 45 45 50 53 41 4B 45 5F 30 31  01  54 57 4F 20 42 4C 4F 43 4B 53"
  "01 4A 8D 41  00 00 00 28  00 04 00 00"
  "00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17 18 19"
  /* block 4 at 0x20100: continuation tag, bytes 26–39, slack */
  "00 00 00 00  1A 1B 1C 1D 1E 1F 20 21 22 23 24 25 26 27"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

static guint
summary_uint (KsContainer *container,
              const char  *key)
{
  g_autoptr(GVariant) summary = describe (container);
  guint value = G_MAXUINT;

  g_assert_true (g_variant_lookup (summary, key, "u", &value));
  return value;
}

static void
assert_no_warnings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity >= KS_SEVERITY_WARNING)
        g_error ("unexpected finding [%s] %s", finding->code, finding->message);
    }
}

static void
test_uncompressed_erased_flash_is_free (void)
{
  g_autoptr(GBytes) dump = dump_with_bytes_at_0x20000 (TWO_SAVES, 0xFF);
  g_autoptr(KsContainer) container = open_dump (dump);
  g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (
    "00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13"
    "14 15 16 17 18 19 1A 1B 1C 1D 1E 1F 20 21 22 23 24 25 26 27");
  g_autoptr(GError) error = NULL;
  const guint8 *data = g_bytes_get_data (dump, NULL);

  /* block 5, at 0x20140, is erased flash like everything after it */
  g_assert_true (ks_bytes_all (data + 0x20140, 0x40000 - 0x20140, 0xFF));

  g_assert_cmpuint (saves->len, ==, 2);
  g_assert_cmpuint (summary_uint (container, "saves"), ==, 2);
  g_assert_cmpuint (summary_uint (container, "blocks"), ==, 2048);
  /* 2048 − 2 reserved − 1 − 2: the erased blocks are free */
  g_assert_cmpuint (summary_uint (container, "free_blocks"), ==, 2043);

  payload = ks_container_extract (container, 1, "keepsake.bin", &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (payload, expected);

  assert_no_warnings (findings);
  g_assert_nonnull (ks_findings_find (findings, "saturn-ar-uncompressed"));
  assert_round_trip (container, dump);
  assert_read_only (container, "uncompressed");
}

static void
test_uncompressed_all_erased_lists_none (void)
{
  /* blocks 0 and 1 as above, then 0xFF to the end of the flash */
  g_autoptr(GBytes) dump = dump_with_bytes_at_0x20000 (RESERVED_BLOCKS, 0xFF);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  container = open_dump (dump);
  findings = ks_container_verify (container);

  g_assert_cmpuint (n_saves (container), ==, 0);
  g_assert_cmpuint (summary_uint (container, "free_blocks"), ==, 2046);
  assert_no_warnings (findings);
  assert_round_trip (container, dump);
}

/* The two saves of TWO_SAVES, and one warning for what follows them, which
 * says @where the saves end and @counts; no errors. */
static void
assert_two_saves_and_one_finding (GBytes     *dump,
                                  const char *where,
                                  const char *counts)
{
  g_autoptr(KsContainer) container = open_dump (dump);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  const KsFinding *finding = ks_findings_find (findings, "saturn-flash-not-erased");

  g_assert_cmpuint (n_saves (container), ==, 2);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_WARNING);
  g_test_message ("%s", finding->message);
  g_assert_nonnull (strstr (finding->message, where));
  g_assert_nonnull (strstr (finding->message, counts));
  g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_WARNING), ==, 1);
  g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_ERROR), ==, 0);
  assert_round_trip (container, dump);
}

static void
test_uncompressed_garbage_after_saves_is_one_finding (void)
{
  g_autoptr(GBytes) dump = dump_with_bytes_at_0x20000 (TWO_SAVES, 0xFF);
  g_autoptr(GBytes) noise = ks_test_random_bytes (0x20000 - 0x180, 36);
  g_autoptr(GBytes) garbage = NULL;
  g_autoptr(GBytes) direct = NULL;
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (dump), &size);

  /* block 5 erased, then noise from block 6 (0x20180) to the end, as the
   * rest of an older stream might be: the saves end at block 5, and 2042
   * of the 2043 blocks from there are not erased */
  memcpy (data + 0x20180, g_bytes_get_data (noise, NULL), 0x20000 - 0x180);
  garbage = g_bytes_new_take (data, size);
  assert_two_saves_and_one_finding (garbage, "block 5, which begins FF FF FF FF",
                                    "2042 of the 2043");

  /* noise right after the saves, with no erased block between */
  data = g_bytes_unref_to_data (g_bytes_ref (garbage), &size);
  memcpy (data + 0x20140, g_bytes_get_data (noise, NULL), 0x40);
  memcpy (data + 0x20140, "\xC1\x02\x00\x00", 4);
  direct = g_bytes_new_take (data, size);
  assert_two_saves_and_one_finding (direct, "block 5, which begins C1 02 00 00",
                                    "2043 of the 2043");
}

static void
test_rle01_past_the_flash_is_a_finding (void)
{
  g_autoptr(GBytes) dump = dump_with_partition_bytes ("52 4C 45 30 31 07 00 03 00 00");
  g_autoptr(KsContainer) container = open_dump (dump);
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  const KsFinding *finding = ks_findings_find (findings, "saturn-ar-rle01-size");

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_ERROR);
  /* 0x30000 bytes from 0x20000 run 0x10000 = 65536 bytes past 0x40000 */
  g_assert_nonnull (strstr (finding->message, "65536"));
  g_assert_cmpuint (n_saves (container), ==, 0);
  assert_read_only (container, "does not decode");
}

static void
test_truncated_and_odd_dumps (void)
{
  g_autoptr(GBytes) dump = dump_with_saves ();
  g_autoptr(GBytes) short_dump = g_bytes_new_from_bytes (dump, 0, 0x20005);
  g_autoptr(GBytes) cut_stream = g_bytes_new_from_bytes (dump, 0, 0x20100);
  g_autoptr(KsContainer) cut = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (ks_container_new_from_bytes (short_dump, "ar.bin", "saturn-ar", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);

  /* the stream is longer than what is left of the file */
  cut = open_dump (cut_stream);
  findings = ks_container_verify (cut);
  g_assert_nonnull (ks_findings_find (findings, "saturn-ar-size"));
  g_assert_nonnull (ks_findings_find (findings, "saturn-ar-rle01-size"));

  /* all 0xFF after the firmware: no partition, read-only, no crash */
  {
    gsize size;
    guint8 *data = g_bytes_unref_to_data (g_bytes_ref (dump), &size);
    g_autoptr(GBytes) erased = NULL;
    g_autoptr(KsContainer) container = NULL;

    memset (data + 0x20000, 0xFF, 0x20000);
    erased = g_bytes_new_take (data, size);
    container = open_dump (erased);
    assert_read_only (container, "no save partition");
  }
}

static void
test_decoded_length_is_kept (void)
{
  /* a shorter partition (256 KiB) with a 10-byte tail past the last block */
  g_autofree guint8 *decoded = g_malloc0 (0x40000 + 10);
  g_autoptr(GBytes) decoded_bytes = NULL;
  g_autoptr(GBytes) dump = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GBytes) payload = ks_test_random_bytes (64, 2);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  ks_saturn_partition_format (decoded, 0x40000, 64);
  memset (decoded + 0x40000, 0x5A, 10);
  decoded_bytes = g_bytes_new (decoded, 0x40000 + 10);
  dump = ks_test_saturn_ar_dump (decoded_bytes);
  container = open_dump (dump);
  findings = ks_container_verify (container);
  g_assert_nonnull (ks_findings_find (findings, "saturn-ar-decoded-size"));

  g_assert_true (ks_container_insert (container, payload, "p.bin", "P", &error));
  out = ks_container_build_verified (container, FALSE, NULL, &error);
  g_assert_no_error (error);
  again = decode_at_0x20000 (out);
  g_assert_cmpuint (g_bytes_get_size (again), ==, 0x40000 + 10);
  g_assert_true (ks_bytes_all ((const guint8 *) g_bytes_get_data (again, NULL) + 0x40000, 10,
                               0x5A));
}

static void
test_not_an_action_replay (void)
{
  g_autoptr(GBytes) random = ks_test_random_bytes (0x40000, 8);
  const KsFormat *format = ks_format_detect (g_bytes_get_data (random, NULL), 0x40000, NULL);

  g_assert_true (format == NULL || !g_str_equal (format->id, "saturn-ar"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saturn/ar/dump-sanity-vector-11", test_dump_sanity_vector_11);
  g_test_add_func ("/saturn/ar/unedited-dump-is-byte-identical",
                   test_unedited_dump_is_byte_identical);
  g_test_add_func ("/saturn/ar/insert-writes-firmware-untouched-and-ff-after",
                   test_insert_writes_firmware_untouched_and_ff_after);
  g_test_add_func ("/saturn/ar/delete-frees-flash", test_delete_frees_flash);
  g_test_add_func ("/saturn/ar/over-capacity-is-refused-with-bytes-over",
                   test_over_capacity_is_refused_with_bytes_over);
  g_test_add_func ("/saturn/ar/def-images-are-read-only-with-a-reason",
                   test_def_images_are_read_only_with_a_reason);
  g_test_add_func ("/saturn/ar/uncompressed-variant-is-read", test_uncompressed_variant_is_read);
  g_test_add_func ("/saturn/ar/uncompressed-erased-flash-is-free",
                   test_uncompressed_erased_flash_is_free);
  g_test_add_func ("/saturn/ar/uncompressed-all-erased-lists-none",
                   test_uncompressed_all_erased_lists_none);
  g_test_add_func ("/saturn/ar/uncompressed-garbage-after-saves-is-one-finding",
                   test_uncompressed_garbage_after_saves_is_one_finding);
  g_test_add_func ("/saturn/ar/rle01-past-the-flash-is-a-finding",
                   test_rle01_past_the_flash_is_a_finding);
  g_test_add_func ("/saturn/ar/truncated-and-odd-dumps", test_truncated_and_odd_dumps);
  g_test_add_func ("/saturn/ar/decoded-length-is-kept", test_decoded_length_is_kept);
  g_test_add_func ("/saturn/ar/not-an-action-replay", test_not_an_action_replay);

  return g_test_run ();
}
