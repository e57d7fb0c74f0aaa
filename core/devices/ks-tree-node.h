/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-tree-node.h — what a row of the device tree shows about its item
 *
 * The items of the device tree (a device, a save, the backup library, a
 * group of backups, a backup) differ in what they are, but each row shows
 * the same things: a title, a one-line subtitle, an icon, an integrity
 * status with the findings behind it, and whether rows can open beneath
 * it.  Each item type implements this interface, whose read-only
 * properties a row binds to and follows as they change (notify); the
 * wording that belongs to the window (the status sentence, an icon's
 * description) is the window's.
 *
 * Properties:
 *   "title"        gchararray, never NULL once the item is shown
 *   "subtitle"     gchararray, may be NULL
 *   "icon-name"    gchararray, a symbolic icon
 *   "status"       KsSaveStatus
 *   "findings"     GPtrArray of KsFinding about this item, or NULL
 *   "has-children" gboolean: rows beneath it now (a device with saves) or
 *                  later (the library, a group)
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_TREE_NODE (ks_tree_node_get_type ())

G_DECLARE_INTERFACE (KsTreeNode, ks_tree_node, KS, TREE_NODE, GObject)

struct _KsTreeNodeInterface
{
  GTypeInterface parent_iface;
};

/* For implementations: overrides the interface's properties from
 * @first_id on, in the order listed above */
void ks_tree_node_override_properties (GObjectClass *klass,
                                       guint         first_id);

#define KS_TREE_NODE_N_PROPERTIES 6

G_END_DECLS
