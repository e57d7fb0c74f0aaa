/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ui-test-utils.c — helpers the UI tests share */

#include "config.h"

#include "ui-test-utils.h"

void
ks_test_ui_iterate (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
ks_test_ui_devices_busy (KsDeviceTree *tree)
{
  GListModel *devices = ks_device_tree_get_devices (tree);

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (ks_device_get_busy (device))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row of @item must be shown (its parent expanded) and in view: the
 * list view makes widgets for the rows it shows. */
GtkWidget *
ks_test_ui_row_widget (KsDeviceTree *tree,
                       gpointer      item)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (tree));

  g_assert_nonnull (list_view);
  ks_test_ui_iterate ();

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *expander = gtk_widget_get_first_child (row);
      g_autoptr(GObject) shown = NULL;

      if (!GTK_IS_TREE_EXPANDER (expander))
        continue;
      shown = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
      if (shown == item)
        return expander;
    }

  return NULL;
}

/* The row widget's controller of @type (GTK_TYPE_DRAG_SOURCE, GTK_TYPE_DROP_TARGET) */
GtkEventController *
ks_test_ui_row_controller (GtkWidget *row,
                           GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;   /* the widget keeps it */
    }

  return NULL;
}

/* What a drag of @row would carry: the drag source's "prepare" handler runs
 * as it does when a drag starts. */
GdkContentProvider *
ks_test_ui_drag_prepare (GtkWidget *row)
{
  GtkEventController *source = ks_test_ui_row_controller (row, GTK_TYPE_DRAG_SOURCE);
  GdkContentProvider *provider = NULL;

  g_assert_nonnull (source);
  g_signal_emit_by_name (source, "prepare", 1.0, 1.0, &provider);
  return provider;
}

/* A drop of @value on @row: the drop target's "drop" handler runs as it
 * does when the user lets go over the row.  Returns whether it was taken. */
gboolean
ks_test_ui_drop (GtkWidget    *row,
                 const GValue *value)
{
  GtkEventController *target = ks_test_ui_row_controller (row, GTK_TYPE_DROP_TARGET);
  gboolean taken = FALSE;

  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", value, 1.0, 1.0, &taken);
  return taken;
}
