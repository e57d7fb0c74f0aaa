/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-tree-private.h — drag and drop pieces of the device tree, and
 * its rows' context menu */
#pragma once

#include "ks-device-tree.h"

G_BEGIN_DECLS

/* What a dragged save row carries to another device row */
typedef struct
{
  KsDevice   *device;
  KsSaveItem *save;
} KsSaveRef;

#define KS_TYPE_SAVE_REF (ks_save_ref_get_type ())

GType      ks_save_ref_get_type (void) G_GNUC_CONST;
KsSaveRef *ks_save_ref_new      (KsDevice        *device,
                                 KsSaveItem      *save);
KsSaveRef *ks_save_ref_copy     (const KsSaveRef *ref);
void       ks_save_ref_free     (KsSaveRef       *ref);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsSaveRef, ks_save_ref_free)

GdkContentProvider *ks_device_tree_drag_prepare (GtkDragSource *source,
                                                 double         x,
                                                 double         y,
                                                 gpointer       user_data);
void       ks_device_tree_setup_drop (GtkWidget   *list_view);
double     ks_device_tree_get_drop_scroll (GtkWidget *list_view);

/* ks-device-tree-menu.c: the rows' context menu */
void        ks_device_tree_setup_menu   (GtkWidget    *list_view);
GtkPopover *ks_device_tree_get_row_menu (KsDeviceTree *self);
void        ks_device_tree_dispose_menu (KsDeviceTree *self);

G_END_DECLS
