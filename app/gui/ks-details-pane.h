/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-pane.h — facts and verify findings of the selected row */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_DETAILS_PANE (ks_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (KsDetailsPane, ks_details_pane, KS, DETAILS_PANE, GtkWidget)

void        ks_details_pane_show       (KsDetailsPane *self,
                                        KsDevice      *device,
                                        KsSaveItem    *save);
void        ks_details_pane_show_backup  (KsDetailsPane  *self,
                                          KsBackupItem   *backup);
void        ks_details_pane_show_library (KsDetailsPane  *self,
                                          KsLibraryModel *library,
                                          KsBackupGroup  *group);
const char *ks_details_pane_get_title  (KsDetailsPane *self);
char       *ks_details_pane_get_text   (KsDetailsPane *self);

G_END_DECLS
