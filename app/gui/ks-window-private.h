/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window-private.h — the window's state, shared by ks-window.c and
 * ks-window-actions.c (and nothing else) */
#pragma once

#include <keepsake.h>

#include "ks-window.h"

G_BEGIN_DECLS

struct _KsWindow
{
  GtkApplicationWindow  parent_instance;

  KsDeviceTree         *device_tree;
  KsDetailsPane        *details_pane;
  GtkRevealer          *message_revealer;
  GtkLabel             *message_label;
  GtkListBox           *jobs_list;

  GSettings            *settings;
  KsLibrary            *library;
  KsLibraryModel       *library_model;   /* the library's node in the tree */
  KsJobQueue           *job_queue;
  KsPortMonitor        *port_monitor;
};

void ks_window_class_add_actions (GtkWidgetClass *widget_class);
void ks_window_update_actions    (KsWindow       *self);
void ks_window_show_message      (KsWindow       *self,
                                  const char     *message);
void ks_window_reload_device     (KsWindow       *self,
                                  KsDevice       *device);
void ks_window_show_backups      (KsWindow       *self);
void ks_window_show_selection    (KsWindow       *self);
void ks_window_restore_backup    (KsWindow       *self,
                                  const KsBackupEntry *entry,
                                  KsDevice       *device);
void ks_window_import            (KsWindow       *self,
                                  KsDevice       *device,
                                  GBytes         *file,
                                  const char     *path);

void ks_window_copy_save         (KsWindow       *self,
                                  KsDevice       *source,
                                  KsSaveItem     *save,
                                  KsDevice       *target);
void ks_window_connect_tree      (KsWindow       *self);

G_END_DECLS
