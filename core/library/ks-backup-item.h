/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backup-item.h — one backup of the library as a list row
 *
 * A GObject around a KsBackupEntry, for the device tree's library node.
 * Its integrity badge is unknown until someone verifies the stored bytes
 * (the details pane does, when the row is selected) and sets it.
 */
#pragma once

#include <glib-object.h>

#include "ks-library.h"
#include "ks-save-item.h"

G_BEGIN_DECLS

#define KS_TYPE_BACKUP_ITEM (ks_backup_item_get_type ())

G_DECLARE_FINAL_TYPE (KsBackupItem, ks_backup_item, KS, BACKUP_ITEM, GObject)

KsBackupItem        *ks_backup_item_new        (const KsBackupEntry *entry);
const KsBackupEntry *ks_backup_item_get_entry  (KsBackupItem        *self);
/* A file name for the backup's bytes: "POKEMON EMER 2026-11-21 10-22-07.sav"
 * (local time; characters file systems refuse become '_') */
char                *ks_backup_item_suggest_name (KsBackupItem      *self);
/* "2026-11-21 10:22:07" in local time */
char                *ks_backup_item_dup_when   (KsBackupItem        *self);
KsSaveStatus         ks_backup_item_get_status (KsBackupItem        *self);
void                 ks_backup_item_set_status (KsBackupItem        *self,
                                                KsSaveStatus         status);
/* What verifying the stored bytes found (KsFinding), or NULL before; the
 * status follows them. */
GPtrArray           *ks_backup_item_get_findings (KsBackupItem      *self);
void                 ks_backup_item_set_findings (KsBackupItem      *self,
                                                  GPtrArray         *findings);

G_END_DECLS
