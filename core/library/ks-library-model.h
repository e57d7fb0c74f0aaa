/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-library-model.h — the backup library as a node of the device tree
 *
 * The library's backups grouped by cart or game title (alphabetically),
 * newest first within a group (the "every backup per cart/game,
 * newest first").  refresh() re-reads the index and updates the groups and
 * their lists in place: a group or a backup that is still there keeps its
 * object, so a tree keeps its rows expanded and selected, and a backup
 * keeps the status it was verified with.
 */
#pragma once

#include <gio/gio.h>

#include "ks-backup-item.h"
#include "ks-library.h"

G_BEGIN_DECLS

#define KS_TYPE_BACKUP_GROUP (ks_backup_group_get_type ())

G_DECLARE_FINAL_TYPE (KsBackupGroup, ks_backup_group, KS, BACKUP_GROUP, GObject)

/* The cart or game title; "" when the backup did not know one */
const char     *ks_backup_group_get_title    (KsBackupGroup  *self);
/* KsBackupItem, newest first */
GListModel     *ks_backup_group_get_backups  (KsBackupGroup  *self);

#define KS_TYPE_LIBRARY_MODEL (ks_library_model_get_type ())

G_DECLARE_FINAL_TYPE (KsLibraryModel, ks_library_model, KS, LIBRARY_MODEL, GObject)

/* Empty until the first ks_library_model_refresh(). */
KsLibraryModel *ks_library_model_new         (KsLibrary      *library);
KsLibrary      *ks_library_model_get_library (KsLibraryModel *self);
/* KsBackupGroup, by title */
GListModel     *ks_library_model_get_groups  (KsLibraryModel *self);
guint           ks_library_model_get_n_backups (KsLibraryModel *self);
/* The backup with this id, or NULL */
KsBackupItem   *ks_library_model_find        (KsLibraryModel *self,
                                              const char     *id);
/* Re-reads the index; on error the lists are left as they were. */
gboolean        ks_library_model_refresh     (KsLibraryModel *self,
                                              GError        **error);

G_END_DECLS
