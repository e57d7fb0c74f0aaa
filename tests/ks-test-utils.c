/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-test-utils.c — shared test helpers */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ks-test-utils.h"

GBytes *
ks_test_bytes_from_hex (const char *hex)
{
  GByteArray *array = g_byte_array_new ();
  int high = -1;

  for (const char *p = hex; *p != '\0'; p++)
    {
      int v = g_ascii_xdigit_value (*p);

      if (v < 0)
        {
          g_assert_true (g_ascii_isspace (*p));
          continue;
        }
      if (high < 0)
        high = v;
      else
        {
          guint8 b = (guint8) (high << 4 | v);

          g_byte_array_append (array, &b, 1);
          high = -1;
        }
    }
  g_assert_cmpint (high, ==, -1);

  return g_byte_array_free_to_bytes (array);
}

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

char *
ks_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("keepsake-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));

  return dir;
}

char *
ks_test_write_file (const char *dir,
                    const char *name,
                    GBytes     *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  g_file_set_contents (path, data != NULL ? data : "", size, &error);
  g_assert_no_error (error);

  return path;
}

GBytes *
ks_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, size);
}

int
ks_test_run_cli (char       **out_stdout,
                 char       **out_stderr,
                 const char  *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("KEEPSAKE_CLI");
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);

  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

GBytes *
ks_test_random_bytes (gsize   size,
                      guint32 seed)
{
  guint8 *data = g_malloc (size > 0 ? size : 1);
  guint32 x = seed != 0 ? seed : 0x9E3779B9u;

  for (gsize i = 0; i < size; i++)
    {
      /* xorshift32: deterministic, the same on every machine */
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      data[i] = x & 0xFF;
    }

  return g_bytes_new_take (data, size);
}

void
ks_test_assert_bytes_equal (GBytes *actual,
                            GBytes *expected)
{
  gsize a_size, e_size;
  const guint8 *a = g_bytes_get_data (actual, &a_size);
  const guint8 *e = g_bytes_get_data (expected, &e_size);

  for (gsize i = 0; i < MIN (a_size, e_size); i++)
    if (a[i] != e[i])
      g_error ("bytes differ first at offset 0x%" G_GSIZE_MODIFIER "x: 0x%02x, expected 0x%02x",
               i, a[i], e[i]);
  g_assert_cmpuint (a_size, ==, e_size);
}

gboolean
ks_test_write_seed_data (const char *dir,
                         const char *name,
                         const void *data,
                         gsize       size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, data != NULL ? data : "", size, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
ks_test_write_seed (const char *dir,
                    const char *name,
                    GBytes     *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return ks_test_write_seed_data (dir, name, data, size);
}

JsonObject *
ks_test_parse_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

GBytes *
ks_test_bytes_changed (GBytes      *bytes,
                       const gsize *offsets,
                       guint        n)
{
  gsize size = g_bytes_get_size (bytes);
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);

  for (guint i = 0; i < n; i++)
    copy[offsets[i]] ^= 0xA5;
  return g_bytes_new_take (copy, size);
}

GSubprocess *
ks_test_spawn_emulator (const char * const *args,
                        GSubprocessFlags    flags,
                        char              **port)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *process;

  g_assert_nonnull (g_getenv ("KEEPSAKE_EMULATOR"));
  g_ptr_array_add (argv, (char *) g_getenv ("KEEPSAKE_EMULATOR"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | flags, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *port = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*port);

  return process;
}

void
ks_test_assert_kept_in_library (JsonObject *written,
                                const char *path,
                                GBytes     *previous)
{
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autofree char *library_path = ks_library_find_path (NULL);
  g_autoptr(KsLibrary) library = ks_library_new (library_path);
  g_autoptr(KsBackupEntry) entry = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));
  g_assert_true (json_object_has_member (written, "backup_id"));
  id = json_object_get_string_member (written, "backup_id");
  g_assert_nonnull (id);
  entry = ks_library_lookup (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->source, ==, path);
  kept = ks_library_load (library, entry, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (kept, previous);
}

GBytes *
ks_test_bytes_concat (GBytes *a,
                      GBytes *b)
{
  GByteArray *array = g_byte_array_new ();

  g_byte_array_append (array, g_bytes_get_data (a, NULL), (guint) g_bytes_get_size (a));
  g_byte_array_append (array, g_bytes_get_data (b, NULL), (guint) g_bytes_get_size (b));

  return g_byte_array_free_to_bytes (array);
}
