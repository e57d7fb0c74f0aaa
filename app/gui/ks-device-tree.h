/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-tree.h — the sidebar: devices, and the saves beneath them */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_DEVICE_TREE (ks_device_tree_get_type ())

G_DECLARE_FINAL_TYPE (KsDeviceTree, ks_device_tree, KS, DEVICE_TREE, GtkWidget)

void        ks_device_tree_add_device          (KsDeviceTree *self,
                                                KsDevice     *device);
gboolean    ks_device_tree_remove_device       (KsDeviceTree *self,
                                                KsDevice     *device);
gboolean    ks_device_tree_select_path         (KsDeviceTree *self,
                                                const char   *path);
GListModel *ks_device_tree_get_devices         (KsDeviceTree *self);
GListModel *ks_device_tree_get_rows            (KsDeviceTree *self);
gboolean    ks_device_tree_is_empty            (KsDeviceTree *self);
gpointer    ks_device_tree_get_selected_item   (KsDeviceTree *self);
KsDevice   *ks_device_tree_get_selected_device (KsDeviceTree *self);
KsSaveItem *ks_device_tree_get_selected_save   (KsDeviceTree *self);
KsBackupItem *ks_device_tree_get_selected_backup (KsDeviceTree *self);
void        ks_device_tree_set_library         (KsDeviceTree   *self,
                                                KsLibraryModel *library);
gboolean    ks_device_tree_select_backup       (KsDeviceTree *self,
                                                const char   *id);
KsLibrary  *ks_device_tree_get_library         (KsDeviceTree *self);
gboolean    ks_device_tree_focus_selected      (KsDeviceTree *self);

G_END_DECLS
