/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-tree-node.c — the properties a device tree row binds to */

#include "config.h"

#include "ks-save-item.h"
#include "ks-tree-node.h"

G_DEFINE_INTERFACE (KsTreeNode, ks_tree_node, G_TYPE_OBJECT)

static const char * const property_names[KS_TREE_NODE_N_PROPERTIES] = {
  "title", "subtitle", "icon-name", "status", "findings", "has-children",
};

static void
ks_tree_node_default_init (KsTreeNodeInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_enum ("status", NULL, NULL, KS_TYPE_SAVE_STATUS, KS_SAVE_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boxed ("findings", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("has-children", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

void
ks_tree_node_override_properties (GObjectClass *klass,
                                  guint         first_id)
{
  for (guint i = 0; i < KS_TREE_NODE_N_PROPERTIES; i++)
    g_object_class_override_property (klass, first_id + i, property_names[i]);
}
