/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window-private.h — the window's state, shared by ks-window.c and
 * ks-window-actions.c (and nothing else) */
#pragma once

#include <keepsake.h>

#include "ks-intents.h"
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

  /* turns what the person asks for into jobs (ks-intents.h) */
  KsIntents            *intents;
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

void ks_window_connect_tree      (KsWindow       *self);
/* ks-window-panes.c: F6 and Tab between tree, details and jobs */
void ks_window_setup_pane_keys   (KsWindow       *self);

G_END_DECLS
