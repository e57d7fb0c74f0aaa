/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window-private.h — the window's state, shared by ks-window.c and
 * ks-window-actions.c (and nothing else) */
#pragma once

#include <keepsake.h>

#include "ks-confirm-dialog.h"
#include "ks-jobs-area.h"
#include "ks-window.h"

G_BEGIN_DECLS

struct _KsWindow
{
  GtkApplicationWindow  parent_instance;

  KsDeviceTree         *device_tree;
  KsDetailsPane        *details_pane;
  GtkWidget            *message_bar;
  GtkLabel             *message_label;
  KsJobsArea           *jobs_area;
  GtkMenuButton        *primary_menu_button;

  GSettings            *settings;
  KsLibrary            *library;
  KsLibraryModel       *library_model;   /* the library's node in the tree */
  KsJobQueue           *job_queue;
  KsPortMonitor        *port_monitor;

  /* ks-window-transfer.c: drops, imports and restores waiting for their
   * question, and the question on screen (weak) */
  GQueue                transfers;
  KsConfirmDialog      *question;
  /* the device most recently selected (weak): where Restore starts */
  KsDevice             *last_device;
};

void ks_window_class_add_actions (GtkWidgetClass *widget_class);
void ks_window_update_actions    (KsWindow       *self);
void ks_window_show_message      (KsWindow       *self,
                                  const char     *message);
void ks_window_reload_device     (KsWindow       *self,
                                  KsDevice       *device);
void ks_window_show_backups      (KsWindow       *self);
void ks_window_show_selection    (KsWindow       *self);
void ks_window_run_job_titled    (KsWindow       *self,
                                  KsJob          *job,
                                  KsDevice       *device,
                                  const char     *title);

/* ks-window-transfer.c: a save, a file or a backup onto a device, planned
 * (ks-copy-plan.h), asked about where it replaces something, then run */
void ks_window_copy_save         (KsWindow       *self,
                                  KsDevice       *source,
                                  KsSaveItem     *save,
                                  KsDevice       *target);
void ks_window_import_file       (KsWindow       *self,
                                  KsDevice       *target,
                                  GFile          *file);
void ks_window_restore_file      (KsWindow       *self,
                                  KsDevice       *target,
                                  GFile          *file);
void ks_window_restore_backup    (KsWindow       *self,
                                  const KsBackupEntry *entry,
                                  KsDevice       *target);
void ks_window_restore_backup_now (KsWindow      *self,
                                  const KsBackupEntry *entry,
                                  KsDevice       *target);
void ks_window_choose_restore_target (KsWindow   *self,
                                  const KsBackupEntry *entry,
                                  GtkWindow      *parent);
void ks_window_clear_transfers   (KsWindow       *self);

void ks_window_connect_tree      (KsWindow       *self);
/* ks-window-panes.c: F6 and Tab between tree, details and jobs */
void ks_window_setup_pane_keys   (KsWindow       *self);

G_END_DECLS
