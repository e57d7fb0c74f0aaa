/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ui-test-utils.h — helpers the UI tests share */
#pragma once

#include "ks-application.h"
#include "ks-window.h"

G_BEGIN_DECLS

/* gtk_test_init() on X11 for real input (ui-input.h); FALSE: skip */
gboolean  ks_test_ui_init          (int            *argc,
                                    char         ***argv);
/* A registered application and its window at @width × @height (0: the
 * default), the library in a fresh folder; @demo_dir: a folder for the
 * demo's images */
KsWindow *ks_test_ui_new_window    (KsApplication **app,
                                    int             width,
                                    int             height,
                                    char          **demo_dir);
/* ks_test_ui_new_window() at 1100 × 1000 (room for every demo row), the
 * demo started in it and every device read */
KsWindow *ks_test_ui_new_demo_window (KsApplication **app);

/* Lets layout, list models and idle handlers settle. */
void     ks_test_ui_iterate        (void);
/* TRUE while any device in @tree is still being read */
gboolean ks_test_ui_devices_busy   (KsDeviceTree *tree);
/* Iterates until no device in @tree is being read (a minute at most) */
void     ks_test_ui_wait_devices   (KsDeviceTree *tree);
/* Iterates until every job of @window ended and every device was read
 * again (two minutes at most) */
void     ks_test_ui_wait_settled   (KsWindow     *window);
/* Iterates until @window shows a question (@asking) or shows none (five
 * seconds at most); FALSE when it did not come to that */
gboolean ks_test_ui_wait_question  (KsWindow     *window,
                                    gboolean      asking);
/* The first device of @platform ("gba", "gb", …) in @tree; aborts the
 * test when there is none */
KsDevice *ks_test_ui_device_by_platform (KsDeviceTree *tree,
                                         const char   *platform);
/* Selects @device's row in @tree, as a click on it would */
void      ks_test_ui_select_device      (KsDeviceTree *tree,
                                         KsDevice     *device);

/* The row widget (a GtkTreeExpander) showing @item, or NULL when none is
 * shown */
GtkWidget          *ks_test_ui_row_widget     (KsDeviceTree *tree,
                                               gpointer      item);
GtkEventController *ks_test_ui_row_controller (GtkWidget    *row,
                                               GType         type);
/* What a drag of @row carries, as its drag source prepares it */
GdkContentProvider *ks_test_ui_drag_prepare   (GtkWidget    *row);
/* The row of @item, scrolled wholly into view (for real pointer input),
 * found once no device is still reading (a read ending moves rows) */
GtkWidget          *ks_test_ui_row_on_screen  (KsDeviceTree *tree,
                                               gpointer      item);
/* A real drag (ui-input.h) from @item's row onto @target's row */
void                ks_test_ui_drag_onto      (KsDeviceTree *tree,
                                               gpointer      item,
                                               gpointer      target);
/* The first widget of @type at or below @widget */
GtkWidget          *ks_test_ui_find_child     (GtkWidget    *widget,
                                               GType         type);

G_END_DECLS
