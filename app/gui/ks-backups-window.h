/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backups-window.h — every backup in the library, per cart or game,
 * newest first, each with Restore… (the main window asks where to) */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_BACKUPS_WINDOW (ks_backups_window_get_type ())

G_DECLARE_FINAL_TYPE (KsBackupsWindow, ks_backups_window, KS, BACKUPS_WINDOW, GtkWindow)

/* Restore… of @entry was pressed in @window; the main window asks to
 * which device and runs the job. */
typedef void (*KsRestoreFunc) (const KsBackupEntry *entry,
                               GtkWindow           *window,
                               gpointer             user_data);

KsBackupsWindow *ks_backups_window_new        (GtkWindow     *parent,
                                               KsLibrary     *library,
                                               KsRestoreFunc  restore,
                                               gpointer       user_data);
guint            ks_backups_window_get_n_rows (KsBackupsWindow *self);
const char      *ks_backups_window_get_message (KsBackupsWindow *self);
/* The Restore… button of row @row (as shown), or NULL */
GtkWidget       *ks_backups_window_get_restore_button (KsBackupsWindow *self,
                                                       guint            row);

G_END_DECLS
