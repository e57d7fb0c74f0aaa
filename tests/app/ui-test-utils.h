/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ui-test-utils.h — helpers the UI tests share */
#pragma once

#include "ks-window.h"

G_BEGIN_DECLS

/* Lets layout, list models and idle handlers settle. */
void     ks_test_ui_iterate        (void);
/* TRUE while any device in @tree is still being read */
gboolean ks_test_ui_devices_busy   (KsDeviceTree *tree);

/* The row widget (a GtkTreeExpander) showing @item, or NULL when none is
 * shown */
GtkWidget          *ks_test_ui_row_widget     (KsDeviceTree *tree,
                                               gpointer      item);
GtkEventController *ks_test_ui_row_controller (GtkWidget    *row,
                                               GType         type);
/* Synthetic drag and drop through the rows' own controllers */
GdkContentProvider *ks_test_ui_drag_prepare   (GtkWidget    *row);
gboolean            ks_test_ui_drop           (GtkWidget    *row,
                                               const GValue *value);

G_END_DECLS
