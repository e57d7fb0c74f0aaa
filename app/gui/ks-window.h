/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window.h — the main window: device tree, details, jobs */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

#include "ks-application.h"
#include "ks-confirm-dialog.h"
#include "ks-device-tree.h"
#include "ks-details-pane.h"
#include "ks-intents.h"
#include "ks-jobs-area.h"

G_BEGIN_DECLS

#define KS_TYPE_WINDOW (ks_window_get_type ())

G_DECLARE_FINAL_TYPE (KsWindow, ks_window, KS, WINDOW, GtkApplicationWindow)

KsWindow      *ks_window_new              (KsApplication *application);
gboolean       ks_window_open_file        (KsWindow      *self,
                                           GFile         *file);
void           ks_window_reopen_files     (KsWindow      *self);
void           ks_window_remember_file    (KsWindow      *self,
                                           const char    *path,
                                           gboolean       open);
KsDeviceTree  *ks_window_get_device_tree  (KsWindow      *self);
KsDetailsPane *ks_window_get_details_pane (KsWindow      *self);
KsJobsArea    *ks_window_get_jobs_area    (KsWindow      *self);
const char    *ks_window_get_message      (KsWindow      *self);
KsLibrary     *ks_window_get_library      (KsWindow      *self);
KsJob         *ks_window_get_newest_job   (KsWindow      *self);
void           ks_window_run_job          (KsWindow      *self,
                                           KsJob         *job,
                                           KsDevice      *device);
/* The question a drop, an import or a restore is waiting on, or NULL */
KsConfirmDialog *ks_window_get_question   (KsWindow      *self);
/* What turns the person's intents into jobs, for this window */
KsIntents     *ks_window_get_intents      (KsWindow      *self);
void           ks_window_add_device       (KsWindow      *self,
                                           KsDevice      *device);
KsDevice      *ks_window_open_port        (KsWindow      *self,
                                           const char    *path);
/* Shows @message in the window's message bar. */
void           ks_window_show_message     (KsWindow      *self,
                                           const char    *message);

G_END_DECLS
