/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window-panes.c — the keyboard between the window's three panes
 *
 * F6 and Shift+F6 move the focus from the tree to the details to the jobs
 * and round again, as in GNOME's file manager.  Tab and Shift+Tab leave
 * the tree for the next or previous pane (a list view keeps Tab among its
 * own rows otherwise); in the other panes Tab walks their controls as
 * GTK does and goes on to the next pane after the last.  A pane with
 * nothing that takes the focus (no jobs yet) is skipped.
 */

#include "config.h"

#include "ks-window-private.h"

static GtkWidget *
pane (KsWindow *self,
      guint     index)
{
  switch (index % 3)
    {
    case 0:
      return GTK_WIDGET (self->device_tree);
    case 1:
      return GTK_WIDGET (self->details_pane);
    case 2:
    default:
      return GTK_WIDGET (self->jobs_area);
    }
}

/* The pane holding the focus, or 0 (the tree) when none does */
static guint
focused_pane (KsWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (guint i = 0; i < 3; i++)
    if (focus != NULL && (focus == pane (self, i) || gtk_widget_is_ancestor (focus, pane (self, i))))
      return i;

  return 0;
}

/* Focuses the next (@step 1) or previous (@step 2, i.e. -1 mod 3) pane
 * that takes the focus */
static gboolean
move_to_pane (KsWindow *self,
              guint     step)
{
  guint from = focused_pane (self);

  for (guint i = 1; i <= 3; i++)
    {
      GtkWidget *next = pane (self, from + i * step);

      if (!gtk_widget_get_visible (next))
        continue;
      /* the tree: its selected row, else the list itself */
      if (next == GTK_WIDGET (self->device_tree) &&
          ks_device_tree_focus_selected (self->device_tree))
        return TRUE;
      if (gtk_widget_child_focus (next, GTK_DIR_TAB_FORWARD))
        return TRUE;
    }

  return FALSE;
}

static gboolean
on_next_pane (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  return move_to_pane (KS_WINDOW (widget), 1);
}

static gboolean
on_previous_pane (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return move_to_pane (KS_WINDOW (widget), 2);
}

static gboolean
on_tree_tab (GtkWidget *tree,
             GVariant  *args,
             gpointer   user_data)
{
  return move_to_pane (KS_WINDOW (gtk_widget_get_root (tree)), GPOINTER_TO_UINT (user_data));
}

static GtkShortcut *
shortcut (guint            keyval,
          GdkModifierType  modifiers,
          GtkShortcutFunc  callback,
          gpointer         data)
{
  return gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                           gtk_callback_action_new (callback, data, NULL));
}

void
ks_window_setup_pane_keys (KsWindow *self)
{
  GtkEventController *window_keys = gtk_shortcut_controller_new ();
  GtkEventController *tree_keys = gtk_shortcut_controller_new ();

  /* before GtkPaned's own F6, which knows only its two children */
  gtk_event_controller_set_propagation_phase (window_keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (window_keys),
                                        shortcut (GDK_KEY_F6, 0, on_next_pane, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (window_keys),
                                        shortcut (GDK_KEY_F6, GDK_SHIFT_MASK, on_previous_pane, NULL));
  gtk_widget_add_controller (GTK_WIDGET (self), window_keys);

  /* before the list's rows see Tab */
  gtk_event_controller_set_propagation_phase (tree_keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tree_keys),
                                        shortcut (GDK_KEY_Tab, 0, on_tree_tab, GUINT_TO_POINTER (1)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tree_keys),
                                        shortcut (GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, on_tree_tab,
                                                  GUINT_TO_POINTER (2)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tree_keys),
                                        shortcut (GDK_KEY_Tab, GDK_SHIFT_MASK, on_tree_tab,
                                                  GUINT_TO_POINTER (2)));
  gtk_widget_add_controller (GTK_WIDGET (self->device_tree), tree_keys);
}
