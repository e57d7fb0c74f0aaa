/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-saturn-partition.c — the backup-RAM partition (spec saturn.md §1, §7.4, §7.5, §7.8) */

#include "config.h"

#include <string.h>

#include "ks-test-utils.h"
#include "saturn-builder.h"

static KsSaturnPartition *
fresh (gsize size,
       guint block_size)
{
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  KsSaturnPartition *partition;

  ks_saturn_partition_format (data, size, block_size);
  partition = ks_saturn_partition_new (data, size, block_size,
                                       KS_SATURN_PARTITION_REQUIRE_FORMAT, &error);
  g_assert_no_error (error);

  return partition;
}

static KsSaturnPartition *
from_bytes (GBytes *bytes,
            guint   block_size)
{
  g_autoptr(GError) error = NULL;
  KsSaturnPartition *partition;

  partition = ks_saturn_partition_new (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       block_size, KS_SATURN_PARTITION_REQUIRE_FORMAT, &error);
  g_assert_no_error (error);

  return partition;
}

static GPtrArray *
verify (KsSaturnPartition *partition)
{
  GPtrArray *findings = ks_findings_new ();

  ks_saturn_partition_verify (partition, findings);
  return findings;
}

static void
assert_clean (KsSaturnPartition *partition)
{
  g_autoptr(GPtrArray) findings = verify (partition);

  for (guint i = 0; i < findings->len; i++)
    g_test_message ("finding: %s", ((KsFinding *) g_ptr_array_index (findings, i))->message);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
write_ok (KsSaturnPartition      *partition,
          const KsSaturnSaveMeta *meta,
          GBytes                 *payload)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_saturn_partition_write (partition, meta, payload, &error));
  g_assert_no_error (error);
}

/* @hex at logical offset @offset */
static void
assert_bytes_at (KsSaturnPartition *partition,
                 gsize              offset,
                 const char        *hex)
{
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (hex);
  g_autoptr(GBytes) actual = NULL;
  gsize size;
  const guint8 *data = ks_saturn_partition_get_data (partition, &size);

  g_assert_cmpuint (offset + g_bytes_get_size (expected), <=, size);
  actual = g_bytes_new (data + offset, g_bytes_get_size (expected));
  ks_test_assert_bytes_equal (actual, expected);
}

static void
meta_named (KsSaturnSaveMeta *meta,
            const char       *name,
            guint32           size)
{
  memset (meta, 0, sizeof *meta);
  memcpy (meta->name, name, MIN (strlen (name), (gsize) KS_SATURN_NAME_SIZE));
  meta->size = size;
  meta->language = 1;
}

static void
test_block_count_vector_4 (void)
{
  static const struct { guint size, block, n; } cases[] = {
    { 17, 64, 1 }, { 28, 64, 1 }, { 29, 64, 2 }, { 260, 64, 5 }, { 2463, 64, 43 },
    { 24344, 64, 421 }, { 4033, 512, 9 }, { 61713, 512, 123 }, { 24344, 512, 49 },
    { 33988, 256, 137 },
    /* §1.5: .BUP headers written through the BIOS */
    { 336, 64, 7 }, { 12544, 64, 217 },
    /* the empty save still has its start block */
    { 0, 64, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (ks_saturn_block_count (cases[i].size, cases[i].block), ==, cases[i].n);
}

static void
test_minimal_internal_image_vector_8 (void)
{
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autoptr(KsSaturnPartition) partition = from_bytes (image, 64);
  g_autoptr(GPtrArray) saves = ks_saturn_partition_list (partition, 0);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex ("1E 00 00 00 00 00 00 01 02 03 05 04"
                                                       "01 02 03 05 04");
  g_autoptr(GError) error = NULL;
  const KsSaveInfo *info;

  g_assert_cmpuint (saves->len, ==, 1);
  info = g_ptr_array_index (saves, 0);
  g_assert_cmpstr (info->name, ==, "DEZA2___SYS");
  g_assert_cmpuint (info->size, ==, 17);
  g_assert_cmpint (info->blocks, ==, 1);
  g_assert_cmpuint (ks_saturn_partition_get_free_blocks (partition), ==, 512 - 2 - 1);
  g_assert_true (ks_saturn_partition_is_formatted (partition));

  payload = ks_saturn_partition_read (partition, 0, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (payload, expected);
  assert_clean (partition);
}

static void
test_dezaemon_write_gives_vector_8_byte_for_byte (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) expected = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) actual = NULL;
  KsSaturnSaveMeta meta;
  gsize size;
  const guint8 *data;

  ks_test_saturn_dezaemon (&meta, &payload);
  write_ok (partition, &meta, payload);

  /* the terminator 00 00 is written even though the list is empty (§1.4) */
  assert_bytes_at (partition, 0xA2, "00 00 1E 00");
  data = ks_saturn_partition_get_data (partition, &size);
  actual = g_bytes_new (data, size);
  ks_test_assert_bytes_equal (actual, expected);
}

static void
test_hyperduel_layout_section_1_7 (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;
  const guint16 *list;

  ks_test_saturn_hyperduel (&meta, &payload);
  write_ok (partition, &meta, payload);

  assert_bytes_at (partition, 0x0000, "42 61 63 6B 55 70 52 61 6D 20 46 6F 72 6D 61 74");
  assert_bytes_at (partition, 0x0080,
                   "80 00 00 00 48 59 50 45 52 44 55 45 4C 5F 30 00"
                   "CA B2 CA DF B0 C3 DE AD B4 D9"
                   "00 A3 D4 78"
                   "00 00 01 04"
                   "00 03 00 04 00 05 00 06 00 00"
                   "96 09 24 0A BF CB FC FF 00 01 01 01 02 09 03 02 03 0A 06 01");
  assert_bytes_at (partition, 0x00C0, "00 00 00 00 02 09 03 02 03 0A 06 00");

  g_assert_cmpuint (ks_saturn_partition_get_chain (partition, 0, &list), ==, 5);
  g_assert_cmpuint (list[0], ==, 3);
  g_assert_cmpuint (list[3], ==, 6);
  /* 20 + 4 × 60 = 260: the last block is full, zero slack */
  g_assert_cmpuint (ks_saturn_partition_get_free_blocks (partition), ==, 505);

  read = ks_saturn_partition_read (partition, 0, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, payload);
  assert_clean (partition);
}

static void
test_daytona_cart_layout_section_1_7 (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x80000, 512);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;

  ks_test_saturn_daytona96 (&meta, &payload);
  write_ok (partition, &meta, payload);

  /* block 0: 32 copies fill the whole 512-byte block */
  assert_bytes_at (partition, 0x1F0, "42 61 63 6B 55 70 52 61 6D 20 46 6F 72 6D 61 74 00");
  assert_bytes_at (partition, 0x400,
                   "80 00 00 00 44 41 59 54 4F 4E 41 39 36 5F 30 01"
                   "52 45 43 4F 52 44 53 00 06 02"
                   "01 67 BF E3 00 00 0F C1"
                   "00 03 00 04 00 05 00 06 00 07 00 08 00 09 00 0A 00 00");
  g_assert_cmpuint (ks_saturn_partition_get_chain (partition, 0, NULL), ==, 9);

  read = ks_saturn_partition_read (partition, 0, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, payload);
  g_assert_cmpmem (g_bytes_get_data (read, NULL), 8,
                   ks_saturn_partition_get_data (partition, NULL) + 0x434, 8);

  /* the second save of the sample starts at block 11 */
  memcpy (meta.name, "DAYTONA96_1", KS_SATURN_NAME_SIZE);
  write_ok (partition, &meta, payload);
  g_assert_cmpuint (ks_saturn_partition_get_start (partition, 1), ==, 11);
  assert_clean (partition);
}

static void
test_list_spill_over_vector_5 (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(GBytes) payload = ks_test_random_bytes (2000, 5);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data, *p = g_bytes_get_data (payload, NULL);
  const guint16 *list;
  KsSaturnSaveMeta meta;

  meta_named (&meta, "SPILL", 2000);
  write_ok (partition, &meta, payload);
  data = ks_saturn_partition_get_data (partition, NULL);

  g_assert_cmpuint (ks_saturn_partition_get_start (partition, 0), ==, 2);
  g_assert_cmpuint (ks_saturn_partition_get_chain (partition, 0, &list), ==, 35);
  for (guint k = 0; k < 34; k++)
    g_assert_cmpuint (list[k], ==, 3 + k);

  /* block 2: metadata, then entries 3…17 at 0x22…0x3F */
  for (guint e = 3; e <= 17; e++)
    g_assert_cmpuint (ks_read_be16 (data + 2 * 64 + 0x22 + 2 * (e - 3)), ==, e);
  /* block 3: tag 0, entries 18…36 at 0x04…0x29, terminator at 0x2A */
  g_assert_true (ks_bytes_all (data + 3 * 64, 4, 0));
  for (guint e = 18; e <= 36; e++)
    g_assert_cmpuint (ks_read_be16 (data + 3 * 64 + 0x04 + 2 * (e - 18)), ==, e);
  g_assert_cmpuint (ks_read_be16 (data + 3 * 64 + 0x2A), ==, 0);
  /* payload bytes 0…19 at 0x2C…0x3F of block 3 */
  g_assert_cmpmem (data + 3 * 64 + 0x2C, 20, p, 20);
  /* blocks 4…36: payload 20…1999, 60 bytes each */
  for (guint b = 4; b <= 36; b++)
    {
      g_assert_true (ks_bytes_all (data + b * 64, 4, 0));
      g_assert_cmpmem (data + b * 64 + 4, 60, p + 20 + 60 * (b - 4), 60);
    }

  read = ks_saturn_partition_read (partition, 0, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, payload);
  assert_clean (partition);
}

static void
test_lowest_free_blocks_in_list_order (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(GBytes) one = ks_test_random_bytes (20, 1);
  g_autoptr(GBytes) five = ks_test_random_bytes (260, 2);
  g_autoptr(GBytes) three = ks_test_random_bytes (140, 3);
  g_autoptr(GBytes) four = ks_test_random_bytes (200, 4);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;
  const guint16 *list;

  meta_named (&meta, "A", 20);
  write_ok (partition, &meta, one);       /* block 2 */
  meta_named (&meta, "B", 260);
  write_ok (partition, &meta, five);      /* blocks 3–7 */
  meta_named (&meta, "C", 20);
  write_ok (partition, &meta, one);       /* block 8 */
  g_assert_true (ks_saturn_partition_delete (partition, 1, FALSE, &error));
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (partition), ==, 2);

  meta_named (&meta, "D", 140);
  write_ok (partition, &meta, three);
  g_assert_cmpuint (ks_saturn_partition_get_start (partition, 1), ==, 3);

  /* E gets 6, 7, then 9, 10 after C's block 8 */
  meta_named (&meta, "E", 200);
  write_ok (partition, &meta, four);
  g_assert_cmpuint (ks_saturn_partition_get_start (partition, 2), ==, 6);
  g_assert_cmpuint (ks_saturn_partition_get_chain (partition, 2, &list), ==, 4);
  g_assert_cmpuint (list[0], ==, 7);
  g_assert_cmpuint (list[1], ==, 9);
  g_assert_cmpuint (list[2], ==, 10);

  read = ks_saturn_partition_read (partition, 2, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, four);
  assert_clean (partition);
}

static void
test_insert_extract_identity (void)
{
  static const guint block_sizes[] = { 64, 256, 512, 1024 };
  static const guint sizes[] = { 0, 1, 27, 28, 29, 57, 58, 59, 250, 1000, 4033, 24344 };

  for (guint b = 0; b < G_N_ELEMENTS (block_sizes); b++)
    {
      g_autoptr(KsSaturnPartition) partition = fresh (block_sizes[b] == 64 ? 0x8000 : 0x80000,
                                                      block_sizes[b]);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(GBytes) payload = ks_test_random_bytes (sizes[s], 100 + s);
          g_autoptr(GBytes) read = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *name = g_strdup_printf ("SAVE%u", s);
          KsSaturnSaveMeta meta;
          gint index;

          meta_named (&meta, name, sizes[s]);
          if (!ks_saturn_partition_write (partition, &meta, payload, &error))
            {
              /* 24344 bytes do not fit what is left of internal RAM */
              g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE);
              g_assert_cmpuint (block_sizes[b], ==, 64);
              continue;
            }
          index = ks_saturn_partition_find (partition, meta.name);
          g_assert_cmpint (index, >=, 0);
          g_assert_cmpuint (ks_saturn_partition_get_chain (partition, index, NULL), ==,
                            ks_saturn_block_count (sizes[s], block_sizes[b]));
          read = ks_saturn_partition_read (partition, index, &error);
          g_assert_no_error (error);
          ks_test_assert_bytes_equal (read, payload);
        }
      assert_clean (partition);
    }
}

static void
test_filled_to_the_last_block (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
  KsSaturnSaveMeta meta;
  guint n = 0;

  /* saves of varied sizes while a 1000-byte one fits, then one for the rest */
  while (ks_saturn_partition_get_free_bytes (partition) >= 1000)
    {
      g_autoptr(GBytes) payload = ks_test_random_bytes (300 + 97 * n, n + 1);
      g_autofree char *name = g_strdup_printf ("FILL%02u", n++);

      if (g_bytes_get_size (payload) > ks_saturn_partition_get_free_bytes (partition))
        break;
      meta_named (&meta, name, g_bytes_get_size (payload));
      write_ok (partition, &meta, payload);
    }

  {
    guint64 rest = ks_saturn_partition_get_free_bytes (partition);
    g_autoptr(GBytes) last = ks_test_random_bytes (rest, 999);
    g_autoptr(GBytes) read = NULL;

    meta_named (&meta, "LAST", rest);
    write_ok (partition, &meta, last);
    read = ks_saturn_partition_read (partition, ks_saturn_partition_find (partition, meta.name),
                                     &error);
    g_assert_no_error (error);
    ks_test_assert_bytes_equal (read, last);
  }

  g_assert_cmpuint (ks_saturn_partition_get_free_blocks (partition), ==, 0);
  g_assert_cmpuint (ks_saturn_partition_get_free_bytes (partition), ==, 0);
  /* block 511, the very last, holds the end of the last save */
  g_assert_false (ks_bytes_all (ks_saturn_partition_get_data (partition, NULL) + 511 * 64 + 4,
                                60, 0));
  assert_clean (partition);

  meta_named (&meta, "MORE", 0);
  g_assert_false (ks_saturn_partition_write (partition, &meta, nothing, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE);
}

static void
test_delete_clears_only_the_start_tag (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *before = NULL;
  KsSaturnSaveMeta meta;
  const guint8 *after;

  ks_test_saturn_hyperduel (&meta, &payload);
  write_ok (partition, &meta, payload);
  before = g_memdup2 (ks_saturn_partition_get_data (partition, NULL), 0x8000);

  g_assert_true (ks_saturn_partition_delete (partition, 0, FALSE, &error));
  after = ks_saturn_partition_get_data (partition, NULL);
  g_assert_cmpuint (after[0x80], ==, 0x00);
  g_assert_cmpmem (after + 0x81, 0x8000 - 0x81, before + 0x81, 0x8000 - 0x81);
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (partition), ==, 0);
  g_assert_cmpuint (ks_saturn_partition_get_free_blocks (partition), ==, 510);

  /* wiping (the Action Replay's choice) zeroes the save's blocks */
  write_ok (partition, &meta, payload);
  g_assert_true (ks_saturn_partition_delete (partition, 0, TRUE, &error));
  g_assert_true (ks_bytes_all (ks_saturn_partition_get_data (partition, NULL) + 0x80,
                               5 * 64, 0));
  g_assert_false (ks_saturn_partition_delete (partition, 0, FALSE, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND);
}

static void
test_same_name_is_refused (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;

  ks_test_saturn_dezaemon (&meta, &payload);
  write_ok (partition, &meta, payload);
  g_assert_false (ks_saturn_partition_write (partition, &meta, payload, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS);
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (partition), ==, 1);
}

static void
test_listing_decodes_text_and_keeps_raw_bytes (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x80000, 512);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) daytona = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autofree char *date = NULL;
  KsSaturnSaveMeta meta;
  const KsSaveInfo *info;

  ks_test_saturn_hyperduel (&meta, &payload);
  write_ok (partition, &meta, payload);
  ks_test_saturn_daytona96 (&meta, &daytona);
  write_ok (partition, &meta, daytona);

  saves = ks_saturn_partition_list (partition, 10);
  info = g_ptr_array_index (saves, 0);
  g_assert_cmpuint (info->index, ==, 10);
  g_assert_cmpstr (info->comment, ==, "ﾊｲﾊﾟｰﾃﾞｭｴﾙ");
  g_assert_cmpstr (info->language, ==, "ja");
  date = g_date_time_format (info->date, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (date, ==, "2000-05-31 02:00");
  g_assert_cmpint (info->blocks, ==, 1);

  info = g_ptr_array_index (saves, 1);
  g_assert_cmpstr (info->name, ==, "DAYTONA96_0");
  g_assert_cmpstr (info->comment, ==, "RECORDS");
  g_assert_cmpstr (info->language, ==, "en");
  g_assert_cmpint (info->blocks, ==, 9);
  /* the garbage after the NUL is still there, byte for byte */
  g_assert_cmpmem (ks_saturn_partition_get_meta (partition, 1)->comment, 10,
                   "RECORDS\0\x06\x02", 10);
}

static void
test_unformatted_is_a_finding_and_not_written (void)
{
  g_autofree guint8 *zeros = g_malloc0 (0x8000);
  g_autoptr(KsSaturnPartition) partition = NULL;
  g_autoptr(KsSaturnPartition) lenient = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) lenient_findings = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  KsSaturnSaveMeta meta;

  partition = ks_saturn_partition_new (zeros, 0x8000, 64, KS_SATURN_PARTITION_REQUIRE_FORMAT,
                                       &error);
  g_assert_no_error (error);
  g_assert_false (ks_saturn_partition_is_formatted (partition));
  findings = verify (partition);
  g_assert_nonnull (ks_findings_find (findings, "saturn-unformatted"));
  g_assert_true (ks_findings_has_errors (findings));

  ks_test_saturn_dezaemon (&meta, &payload);
  g_assert_false (ks_saturn_partition_write (partition, &meta, payload, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);

  /* the Action Replay's partition need not carry the magic (§3.5) */
  lenient = ks_saturn_partition_new (zeros, 0x8000, 64, KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  lenient_findings = verify (lenient);
  g_assert_null (ks_findings_find (lenient_findings, "saturn-unformatted"));
}

static void
test_bad_geometry_is_an_error (void)
{
  g_autofree guint8 *data = g_malloc0 (0x8000);
  g_autoptr(GError) error = NULL;

  g_assert_null (ks_saturn_partition_new (data, 0x8000 - 1, 64, 0, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ks_saturn_partition_new (data, 128, 64, 0, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ks_saturn_partition_new (data, 0x8000, 32, 0, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
}

/* A one-save image with the list @list_hex written after the metadata */
static KsSaturnPartition *
with_list (const char *list_hex,
           guint32     size)
{
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autoptr(GBytes) list = ks_test_bytes_from_hex (list_hex);
  gsize image_size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (image), &image_size);
  KsSaturnPartition *partition;

  ks_write_be32 (data + 0x80 + 0x1E, size);
  memcpy (data + 0x80 + 0x22, g_bytes_get_data (list, NULL), g_bytes_get_size (list));
  partition = ks_saturn_partition_new (data, image_size, 64, KS_SATURN_PARTITION_REQUIRE_FORMAT,
                                       NULL);
  g_free (data);

  return partition;
}

static void
assert_broken (KsSaturnPartition *partition,
               const char        *code)
{
  g_autoptr(GPtrArray) findings = verify (partition);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  const KsFinding *finding = ks_findings_find (findings, code);

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, KS_SEVERITY_ERROR);
  g_test_message ("%s: %s", code, finding->message);

  payload = ks_saturn_partition_read (partition, 0, &error);
  g_assert_null (payload);
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID);
}

static void
test_looping_list_is_an_error_not_a_hang (void)
{
  g_autoptr(KsSaturnPartition) loop = with_list ("00 03 00 04 00 03 00 00", 100);
  g_autoptr(KsSaturnPartition) self_loop = with_list ("00 02 00 00", 50);

  assert_broken (loop, "saturn-block-loop");
  assert_broken (self_loop, "saturn-block-loop");
  /* the looping save still lists, so it can be deleted */
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (loop), ==, 1);
}

static void
test_list_pointing_outside_is_an_error (void)
{
  g_autoptr(KsSaturnPartition) past = with_list ("00 03 02 58 00 00", 100);
  g_autoptr(KsSaturnPartition) reserved = with_list ("00 01 00 00", 50);
  g_autoptr(GPtrArray) findings = verify (past);

  assert_broken (past, "saturn-block-out-of-range");
  assert_broken (reserved, "saturn-block-out-of-range");
  g_assert_nonnull (strstr (ks_findings_find (findings, "saturn-block-out-of-range")->message,
                            "600"));
}

static void
test_size_past_chain_is_an_error (void)
{
  /* one extra block for a save that needs three */
  g_autoptr(KsSaturnPartition) partition = with_list ("00 03 00 00", 150);

  assert_broken (partition, "saturn-size-past-chain");
}

static void
test_shared_block_is_an_error (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(KsSaturnPartition) damaged = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) payload = ks_test_random_bytes (100, 7);
  KsSaturnSaveMeta meta;
  g_autofree guint8 *data = NULL;

  meta_named (&meta, "FIRST", 100);
  write_ok (partition, &meta, payload);    /* blocks 2, 3, 4 */
  meta_named (&meta, "SECOND", 100);
  write_ok (partition, &meta, payload);    /* blocks 5, 6, 7 */
  g_assert_cmpuint (ks_saturn_partition_get_start (partition, 1), ==, 5);

  /* SECOND's list now names block 3, FIRST's */
  data = g_memdup2 (ks_saturn_partition_get_data (partition, NULL), 0x8000);
  ks_write_be16 (data + 5 * 64 + 0x22, 3);
  damaged = ks_saturn_partition_new (data, 0x8000, 64, KS_SATURN_PARTITION_REQUIRE_FORMAT, NULL);
  findings = verify (damaged);
  g_assert_nonnull (ks_findings_find (findings, "saturn-block-shared"));
  g_assert_true (ks_findings_has_errors (findings));
}

static void
test_warnings_for_odd_but_readable_chains (void)
{
  /* 50 bytes need 2 blocks; a third is listed: readable, but a warning */
  g_autoptr(KsSaturnPartition) extra = with_list ("00 03 00 04 00 00", 50);
  g_autoptr(GPtrArray) findings = verify (extra);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (ks_findings_find (findings, "saturn-block-count"));
  g_assert_false (ks_findings_has_errors (findings));
  payload = ks_saturn_partition_read (extra, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (payload), ==, 50);
}

static void
test_continuation_tag_and_language_findings (void)
{
  g_autoptr(KsSaturnPartition) partition = fresh (0x8000, 64);
  g_autoptr(KsSaturnPartition) damaged = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GBytes) payload = ks_test_random_bytes (100, 8);
  g_autofree guint8 *data = NULL;
  KsSaturnSaveMeta meta;

  meta_named (&meta, "KRONOS", 100);
  meta.language = 7;   /* Kronos writes such bytes; games accept them (§1.9) */
  write_ok (partition, &meta, payload);
  data = g_memdup2 (ks_saturn_partition_get_data (partition, NULL), 0x8000);
  data[3 * 64 + 3] = 0x05;    /* hitomi's "counter" byte */
  damaged = ks_saturn_partition_new (data, 0x8000, 64, KS_SATURN_PARTITION_REQUIRE_FORMAT, NULL);

  findings = verify (damaged);
  g_assert_nonnull (ks_findings_find (findings, "saturn-continuation-tag"));
  g_assert_nonnull (ks_findings_find (findings, "saturn-language"));
  g_assert_false (ks_findings_has_errors (findings));
  saves = ks_saturn_partition_list (damaged, 0);
  g_assert_cmpstr (((KsSaveInfo *) g_ptr_array_index (saves, 0))->language, ==, "0x07");
}

static void
test_duplicate_names_warn (void)
{
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (image), &size);
  g_autoptr(KsSaturnPartition) partition = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  memcpy (data + 3 * 64, data + 2 * 64, 64);
  partition = ks_saturn_partition_new (data, size, 64, KS_SATURN_PARTITION_REQUIRE_FORMAT, NULL);
  g_free (data);
  findings = verify (partition);
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (partition), ==, 2);
  g_assert_nonnull (ks_findings_find (findings, "saturn-duplicate-name"));
}

static void
test_garbage_never_hangs_and_findings_stay_bounded (void)
{
  static const guint block_sizes[] = { 64, 512, 1024 };

  for (guint b = 0; b < G_N_ELEMENTS (block_sizes); b++)
    for (guint fill = 0; fill < 4; fill++)
      {
        gsize size = block_sizes[b] == 64 ? 0x8000 : 0x80000;
        g_autoptr(GBytes) random = ks_test_random_bytes (size, 40 + fill);
        guint8 *data = g_bytes_unref_to_data (g_bytes_ref (random), &size);
        g_autoptr(KsSaturnPartition) partition = NULL;
        g_autoptr(GPtrArray) findings = NULL;
        g_autoptr(GPtrArray) saves = NULL;

        if (fill == 1)
          memset (data, 0xFF, size);
        else if (fill == 2)
          for (gsize i = 0; i < size; i += block_sizes[b])
            data[i] = 0x80;  /* every block a start */
        else if (fill == 3)
          memset (data, 0x00, size);
        memcpy (data, "BackUpRam Format", 16);

        partition = ks_saturn_partition_new (data, size, block_sizes[b],
                                             KS_SATURN_PARTITION_REQUIRE_FORMAT, NULL);
        g_free (data);
        findings = verify (partition);
        saves = ks_saturn_partition_list (partition, 0);
        for (guint i = 0; i < saves->len; i++)
          {
            g_autoptr(GBytes) payload = ks_saturn_partition_read (partition, i, NULL);

            if (payload != NULL)
              g_assert_cmpuint (g_bytes_get_size (payload), ==,
                                ks_saturn_partition_get_meta (partition, i)->size);
          }
        /* at most 50 per kind, plus a count of the rest */
        g_assert_cmpuint (findings->len, <=, 20 * 51);
      }
}

/* §1.4 as written: a block starting FF is a start block on a BIOS device;
 * only a partition in flash (§3.6) ends at the first tag the BIOS never
 * writes.  Vector 8 with blocks 3–511 set to 0xFF; then block 3 with the
 * tag 00 00 00 07 (a counter in byte 3 still belongs to the partition). */
static void
test_flash_partition_ends_at_foreign_tag (void)
{
  g_autoptr(GBytes) image = ks_test_saturn_minimal_internal ();
  g_autoptr(KsSaturnPartition) bios = NULL;
  g_autoptr(KsSaturnPartition) flash = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gsize size;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (image), &size);
  gsize out_size;
  const guint8 *out;

  memset (data + 3 * 64, 0xFF, size - 3 * 64);
  bios = ks_saturn_partition_new (data, size, 64, KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (bios), ==, 1 + 509);

  flash = ks_saturn_partition_new (data, size, 64, KS_SATURN_PARTITION_FLASH, NULL);
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (flash), ==, 1);
  g_assert_cmpuint (ks_saturn_partition_get_free_blocks (flash), ==, 509);
  findings = verify (flash);
  g_assert_cmpuint (findings->len, ==, 0);
  out = ks_saturn_partition_get_data (flash, &out_size);
  g_assert_cmpmem (out, out_size, data, size);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&flash, ks_saturn_partition_free);

  /* block 3 a counter tag, block 4 erased, block 5 not: the saves end at 4 */
  memcpy (data + 3 * 64, "\x00\x00\x00\x07", 4);
  memset (data + 5 * 64, 0x11, 64);
  flash = ks_saturn_partition_new (data, size, 64, KS_SATURN_PARTITION_FLASH, NULL);
  g_assert_cmpuint (ks_saturn_partition_get_n_saves (flash), ==, 1);
  findings = verify (flash);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_nonnull (strstr (((KsFinding *) g_ptr_array_index (findings, 0))->message,
                            "block 4, which begins FF FF FF FF"));
  g_assert_nonnull (strstr (((KsFinding *) g_ptr_array_index (findings, 0))->message,
                            "1 of the 508 blocks"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saturn/partition/block-count-vector-4", test_block_count_vector_4);
  g_test_add_func ("/saturn/partition/minimal-internal-image-vector-8",
                   test_minimal_internal_image_vector_8);
  g_test_add_func ("/saturn/partition/dezaemon-write-gives-vector-8-byte-for-byte",
                   test_dezaemon_write_gives_vector_8_byte_for_byte);
  g_test_add_func ("/saturn/partition/hyperduel-layout-section-1-7",
                   test_hyperduel_layout_section_1_7);
  g_test_add_func ("/saturn/partition/daytona-cart-layout-section-1-7",
                   test_daytona_cart_layout_section_1_7);
  g_test_add_func ("/saturn/partition/list-spill-over-vector-5", test_list_spill_over_vector_5);
  g_test_add_func ("/saturn/partition/lowest-free-blocks-in-list-order",
                   test_lowest_free_blocks_in_list_order);
  g_test_add_func ("/saturn/partition/insert-extract-identity", test_insert_extract_identity);
  g_test_add_func ("/saturn/partition/filled-to-the-last-block", test_filled_to_the_last_block);
  g_test_add_func ("/saturn/partition/delete-clears-only-the-start-tag",
                   test_delete_clears_only_the_start_tag);
  g_test_add_func ("/saturn/partition/same-name-is-refused", test_same_name_is_refused);
  g_test_add_func ("/saturn/partition/listing-decodes-text-and-keeps-raw-bytes",
                   test_listing_decodes_text_and_keeps_raw_bytes);
  g_test_add_func ("/saturn/partition/unformatted-is-a-finding-and-not-written",
                   test_unformatted_is_a_finding_and_not_written);
  g_test_add_func ("/saturn/partition/bad-geometry-is-an-error", test_bad_geometry_is_an_error);
  g_test_add_func ("/saturn/partition/looping-list-is-an-error-not-a-hang",
                   test_looping_list_is_an_error_not_a_hang);
  g_test_add_func ("/saturn/partition/list-pointing-outside-is-an-error",
                   test_list_pointing_outside_is_an_error);
  g_test_add_func ("/saturn/partition/size-past-chain-is-an-error",
                   test_size_past_chain_is_an_error);
  g_test_add_func ("/saturn/partition/shared-block-is-an-error", test_shared_block_is_an_error);
  g_test_add_func ("/saturn/partition/warnings-for-odd-but-readable-chains",
                   test_warnings_for_odd_but_readable_chains);
  g_test_add_func ("/saturn/partition/continuation-tag-and-language-findings",
                   test_continuation_tag_and_language_findings);
  g_test_add_func ("/saturn/partition/duplicate-names-warn", test_duplicate_names_warn);
  g_test_add_func ("/saturn/partition/garbage-never-hangs-and-findings-stay-bounded",
                   test_garbage_never_hangs_and_findings_stay_bounded);
  g_test_add_func ("/saturn/partition/flash-partition-ends-at-foreign-tag",
                   test_flash_partition_ends_at_foreign_tag);

  return g_test_run ();
}
