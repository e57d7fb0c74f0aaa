/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-bup-folder.h — a folder of .BUP files as one Saturn device
 *
 * Pseudo Saturn Kai, Save Game Copier and SAROO keep Saturn saves as one
 * .BUP file each (spec saturn.md §5); a folder of them is a device whose
 * saves are its files; ks_target_read() decides a path is one.  Reading
 * goes through ks_image_file_load();
 * ks_bup_folder_prepare() makes the file a new save goes in as, and the
 * copy job (ks-jobs.h) writes it, as a new file: a folder never gets a
 * file overwritten unasked.
 */
#pragma once

#include <glib.h>

#include "ks-image-file.h"

G_BEGIN_DECLS

typedef struct _KsBupFolder KsBupFolder;

KsBupFolder *ks_bup_folder_open      (const char    *path,
                                      GError       **error);
void         ks_bup_folder_free      (KsBupFolder   *self);
const char  *ks_bup_folder_get_path  (KsBupFolder   *self);
GPtrArray   *ks_bup_folder_list      (KsBupFolder   *self);
const char  *ks_bup_folder_get_file  (KsBupFolder   *self,
                                      guint          index);
const char  *ks_bup_folder_get_file_path (KsBupFolder *self,
                                          guint        index);
GPtrArray   *ks_bup_folder_verify    (KsBupFolder   *self);
gboolean     ks_bup_folder_find_save (KsBupFolder   *self,
                                      const char    *index_or_name,
                                      guint         *index,
                                      GError       **error);
GBytes      *ks_bup_folder_extract   (KsBupFolder   *self,
                                      guint          index,
                                      const char    *out_name,
                                      GError       **error);
GBytes      *ks_bup_folder_prepare   (KsBupFolder   *self,
                                      GBytes        *file,
                                      const char    *file_name,
                                      const char    *name,
                                      char         **file_base,
                                      char         **save_name,
                                      GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsBupFolder, ks_bup_folder_free)

G_END_DECLS
