/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-test-utils.h — helpers every test program shares */
#pragma once

#include <json-glib/json-glib.h>
#include <keepsake.h>

G_BEGIN_DECLS

/* Bytes from a hex string with optional spaces/newlines: "01 02 0A". */
GBytes *ks_test_bytes_from_hex (const char   *hex);
/* A fresh empty folder under $TMPDIR, removed with its files at exit. */
char   *ks_test_make_tmpdir    (void);
char   *ks_test_write_file     (const char   *dir,
                                const char   *name,
                                GBytes       *contents);
GBytes *ks_test_read_file      (const char   *path);
/* A copy of @bytes with the bytes at @offsets flipped (XOR 0xA5) */
GBytes *ks_test_bytes_changed  (GBytes       *bytes,
                                const gsize  *offsets,
                                guint         n);
/* Runs $KEEPSAKE_CLI with the NULL-terminated arguments; returns its exit
 * status and (optionally) what it printed. */
int     ks_test_run_cli        (char        **out_stdout,
                                char        **out_stderr,
                                const char   *first_arg,
                                ...) G_GNUC_NULL_TERMINATED;
/* For seed generators: write a file, or say why not and return FALSE. */
gboolean ks_test_write_seed      (const char   *dir,
                                  const char   *name,
                                  GBytes       *bytes);
gboolean ks_test_write_seed_data (const char   *dir,
                                  const char   *name,
                                  const void   *data,
                                  gsize         size);
/* Starts $KEEPSAKE_EMULATOR with the NULL-terminated @args (stdout piped,
 * and @flags on top) and sets @port to the pty it serves (its first
 * line). */
GSubprocess *ks_test_spawn_emulator (const char * const *args,
                                     GSubprocessFlags    flags,
                                     char              **port);
/* Parse @text as a JSON object (asserting that it is one). */
JsonObject *ks_test_parse_json_object (const char *text);
/* Fill @size bytes with a deterministic pseudo-random sequence from @seed. */
GBytes *ks_test_random_bytes   (gsize         size,
                                guint32       seed);
/* @a followed by @b */
GBytes *ks_test_bytes_concat   (GBytes       *a,
                                GBytes       *b);
void    ks_test_assert_bytes_equal (GBytes   *actual,
                                    GBytes   *expected);
/* A CLI write's "written" report: the previous content @previous is in the
 * backup library the CLI uses, under the report's backup_id, and no
 * PATH.bak lies beside @path (one write path, DESIGN.md) */
void    ks_test_assert_kept_in_library (JsonObject *written,
                                        const char *path,
                                        GBytes     *previous);

G_END_DECLS
