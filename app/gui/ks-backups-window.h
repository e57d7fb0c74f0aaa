/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backups-window.h — every backup in the library, per cart or game,
 * newest first, with restore to a device */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_BACKUPS_WINDOW (ks_backups_window_get_type ())

G_DECLARE_FINAL_TYPE (KsBackupsWindow, ks_backups_window, KS, BACKUPS_WINDOW, GtkWindow)

/* Asked to restore @entry to @device; the main window runs the job. */
typedef void (*KsRestoreFunc) (const KsBackupEntry *entry,
                               KsDevice            *device,
                               gpointer             user_data);

KsBackupsWindow *ks_backups_window_new        (GtkWindow     *parent,
                                               KsLibrary     *library,
                                               GListModel    *devices,
                                               KsRestoreFunc  restore,
                                               gpointer       user_data);
guint            ks_backups_window_get_n_rows (KsBackupsWindow *self);
const char      *ks_backups_window_get_message (KsBackupsWindow *self);
gboolean         ks_backups_window_restore    (KsBackupsWindow *self,
                                               guint            row,
                                               guint            device);

G_END_DECLS
