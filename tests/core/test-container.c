/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-container.c — detection and the verify gate, on a toy format
 *
 * The toy format: "TOY1", then entries of [u8 name length][name][u8 size]
 * [payload].  An entry named BAD is an error finding, as a broken checksum
 * would be in a real format.
 */

#include "config.h"

#include "ks-test-utils.h"

typedef struct
{
  GPtrArray *names;     /* char* */
  GPtrArray *payloads;  /* GBytes* */
} Toy;

static guint
toy_probe (const guint8 *data,
           gsize         size,
           const char   *file_name)
{
  return size >= 4 && memcmp (data, "TOY1", 4) == 0 ? 100 : 0;
}

static void
toy_free (gpointer self)
{
  Toy *toy = self;

  g_ptr_array_unref (toy->names);
  g_ptr_array_unref (toy->payloads);
  g_free (toy);
}

static gpointer
toy_load (GBytes  *image,
          GError **error)
{
  gsize size, pos = 4;
  const guint8 *data = g_bytes_get_data (image, &size);
  Toy *toy = g_new0 (Toy, 1);

  toy->names = g_ptr_array_new_with_free_func (g_free);
  toy->payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  while (pos < size)
    {
      guint name_len = data[pos];
      guint payload_len;

      if (pos + 1 + name_len + 1 > size ||
          pos + 2 + name_len + data[pos + 1 + name_len] > size)
        {
          toy_free (toy);
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID, "Truncated entry at %zu.", pos);
          return NULL;
        }
      payload_len = data[pos + 1 + name_len];
      g_ptr_array_add (toy->names, g_strndup ((const char *) data + pos + 1, name_len));
      g_ptr_array_add (toy->payloads, g_bytes_new (data + pos + 2 + name_len, payload_len));
      pos += 2 + name_len + payload_len;
    }

  return toy;
}

static void
toy_verify (gpointer   self,
            GPtrArray *findings)
{
  Toy *toy = self;

  for (guint i = 0; i < toy->names->len; i++)
    if (g_str_equal (g_ptr_array_index (toy->names, i), "BAD"))
      ks_findings_add (findings, KS_SEVERITY_ERROR, "toy-bad", "Entry %u is bad.", i);
    else if (g_str_equal (g_ptr_array_index (toy->names, i), "WORSE"))
      ks_findings_add (findings, KS_SEVERITY_ERROR, "toy-worse", "Entry %u is worse.", i);
}

static GBytes *
toy_serialize (gpointer  self,
               GError  **error)
{
  Toy *toy = self;
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "TOY1", 4);
  for (guint i = 0; i < toy->names->len; i++)
    {
      const char *name = g_ptr_array_index (toy->names, i);
      gsize psize;
      const guint8 *payload = g_bytes_get_data (g_ptr_array_index (toy->payloads, i), &psize);
      guint8 len = strlen (name);
      guint8 plen = psize;

      g_byte_array_append (out, &len, 1);
      g_byte_array_append (out, (const guint8 *) name, len);
      g_byte_array_append (out, &plen, 1);
      g_byte_array_append (out, payload, psize);
    }

  return g_byte_array_free_to_bytes (out);
}

static GPtrArray *
toy_list (gpointer self)
{
  Toy *toy = self;
  GPtrArray *saves = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_save_info_free);

  for (guint i = 0; i < toy->names->len; i++)
    g_ptr_array_add (saves, ks_save_info_new (i, g_ptr_array_index (toy->names, i),
                                              g_bytes_get_size (g_ptr_array_index (toy->payloads, i))));
  return saves;
}

static gboolean
toy_insert (gpointer     self,
            GBytes      *file,
            const char  *file_name,
            const char  *name,
            GError     **error)
{
  Toy *toy = self;

  g_ptr_array_add (toy->names, g_strdup (name != NULL ? name : file_name));
  g_ptr_array_add (toy->payloads, g_bytes_ref (file));
  return TRUE;
}

static const KsFormat toy_format = {
  .id = "toy",
  .name = "Toy container",
  .platform = "Test",
  .probe = toy_probe,
  .load = toy_load,
  .free = toy_free,
  .verify = toy_verify,
  .serialize = toy_serialize,
  .list = toy_list,
  .insert = toy_insert,
};

static KsContainer *
open_toy (const char *hex)
{
  g_autoptr(GBytes) bytes = ks_test_bytes_from_hex (hex);
  g_autoptr(GError) error = NULL;
  KsContainer *container = ks_container_new_with_format (bytes, "x.toy", &toy_format, &error);

  g_assert_no_error (error);
  return container;
}

/* "TOY1" + entry "AB" with payload 01 02 */
#define TOY_AB "54 4F 59 31  02 41 42  02 01 02"

static void
test_unknown_bytes_are_not_recognised (void)
{
  g_autoptr(GBytes) garbage = ks_test_random_bytes (1000, 7);
  g_autoptr(GError) error = NULL;

  g_assert_null (ks_container_new_from_bytes (garbage, "x.bin", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED);
  g_clear_error (&error);
  g_assert_null (ks_container_new_from_bytes (garbage, "x.bin", "no-such-format", &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED);
}

static void
test_describe_gives_size_and_sha256 (void)
{
  g_autoptr(KsContainer) toy = open_toy (TOY_AB);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (toy));
  const char *sha256 = NULL;
  guint64 size = 0;

  g_assert_true (g_variant_lookup (summary, "size", "t", &size));
  g_assert_true (g_variant_lookup (summary, "sha256", "&s", &sha256));
  g_assert_cmpuint (size, ==, 10);
  /* a stable order: the common keys lead, as listed */
  {
    const char *expected[] = { "format", "format_name", "platform", "size", "sha256" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        const char *key = NULL;

        g_variant_get_child (summary, i, "{&sv}", &key, NULL);
        g_assert_cmpstr (key, ==, expected[i]);
      }
  }
  /* sha256sum of the ten bytes 54 4F 59 31 02 41 42 02 01 02 */
  g_assert_cmpstr (sha256, ==, "2009ba223cf87e992456f058cfb26d1baba2326f2a2517f68e6f20b139e2f319");
}

static void
test_find_save_by_index_or_name (void)
{
  g_autoptr(KsContainer) toy = open_toy (TOY_AB "  02 43 44  01 09");
  g_autoptr(GError) error = NULL;
  guint index = 99;

  g_assert_true (ks_container_find_save (toy, "1", &index, &error));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (ks_container_find_save (toy, "AB", &index, &error));
  g_assert_cmpuint (index, ==, 0);
  g_assert_false (ks_container_find_save (toy, "ZZ", &index, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ks_container_find_save (toy, "2", &index, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND);
}

static void
test_gate_passes_clean_edit (void)
{
  g_autoptr(KsContainer) toy = open_toy (TOY_AB);
  g_autoptr(GBytes) payload = ks_test_bytes_from_hex ("07");
  g_autoptr(GBytes) expected = ks_test_bytes_from_hex (TOY_AB " 02 43 44 01 07");
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_container_insert (toy, payload, "CD", NULL, &error));
  g_assert_true (ks_container_is_modified (toy));
  output = ks_container_build_verified (toy, FALSE, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (output, expected);
}

static void
test_gate_refuses_new_error_even_forced (void)
{
  g_autoptr(KsContainer) toy = open_toy (TOY_AB);
  g_autoptr(GBytes) payload = ks_test_bytes_from_hex ("07");
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_container_insert (toy, payload, "BAD", NULL, &error));
  g_assert_null (ks_container_build_verified (toy, FALSE, NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Entry 1 is bad."));
  g_clear_error (&error);
  g_assert_null (ks_container_build_verified (toy, TRUE, NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
}

static void
test_gate_force_accepts_errors_already_there (void)
{
  /* "TOY1" + entry "BAD" */
  g_autoptr(KsContainer) toy = open_toy ("54 4F 59 31  03 42 41 44  00");
  g_autoptr(GBytes) payload = ks_test_bytes_from_hex ("07");
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_container_insert (toy, payload, "OK", NULL, &error));
  g_assert_null (ks_container_build_verified (toy, FALSE, NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
  g_clear_error (&error);

  output = ks_container_build_verified (toy, TRUE, &findings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (output);
  g_assert_nonnull (ks_findings_find (findings, "toy-bad"));

  /* but forcing never lets a new kind of error in */
  g_assert_true (ks_container_insert (toy, payload, "WORSE", NULL, &error));
  g_assert_null (ks_container_build_verified (toy, TRUE, NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED);
}

static void
test_single_save_formats_have_no_list (void)
{
  KsFormat single = toy_format;
  g_autoptr(GBytes) bytes = ks_test_bytes_from_hex (TOY_AB);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GError) error = NULL;

  single.list = NULL;
  single.insert = NULL;
  container = ks_container_new_with_format (bytes, NULL, &single, &error);
  g_assert_false (ks_container_has_saves (container));
  g_assert_null (ks_container_list (container, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (ks_container_insert (container, bytes, "x", NULL, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/container/unknown-bytes-are-not-recognised", test_unknown_bytes_are_not_recognised);
  g_test_add_func ("/container/describe-gives-size-and-sha256", test_describe_gives_size_and_sha256);
  g_test_add_func ("/container/find-save-by-index-or-name", test_find_save_by_index_or_name);
  g_test_add_func ("/container/gate/passes-clean-edit", test_gate_passes_clean_edit);
  g_test_add_func ("/container/gate/refuses-new-error-even-forced", test_gate_refuses_new_error_even_forced);
  g_test_add_func ("/container/gate/force-accepts-errors-already-there",
                   test_gate_force_accepts_errors_already_there);
  g_test_add_func ("/container/single-save-formats-have-no-list", test_single_save_formats_have_no_list);

  return g_test_run ();
}
