/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-tree-menu.c — the context menu of the tree's rows
 *
 * The menu is the "row-menu" model of gtk/menus.ui: the window's own
 * actions (win.backup, win.verify, …), so it offers exactly what the
 * header bar and the menu bar offer, enabled for the selection as they
 * are.  A right click first selects the row under the pointer, so the
 * actions apply to the row that was clicked; the Menu key and Shift+F10
 * open it on the selected row.  The popover belongs to the tree widget
 * (whose bin layout leaves popovers alone), not to a row: the list
 * recycles its row widgets.
 */

#include "config.h"

#include "ks-device-tree-private.h"

#define ROW_MENU_RESOURCE RESOURCE_PREFIX "/gtk/menus.ui"

/* The tree row of one of the list's children (a row widget holding the
 * expander of ks-device-row.ui), while it is shown */
static GtkTreeListRow *
shown_item (GtkWidget *child)
{
  GtkWidget *row = gtk_widget_get_first_child (child);

  if (!GTK_IS_TREE_EXPANDER (row) || !gtk_widget_get_mapped (child))
    return NULL;
  return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (row));
}

/* The row widget showing @position, while it is on screen */
static GtkWidget *
row_widget_at_position (GtkWidget *list_view,
                        guint      position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shown_item (child) != NULL && gtk_tree_list_row_get_position (shown_item (child)) == position)
      return child;

  return NULL;
}

/* The position of the row under (@x, @y) of the list, or GTK_INVALID_LIST_POSITION */
static guint
position_at (GtkWidget *list_view,
             double     x,
             double     y)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (shown_item (child) != NULL && gtk_widget_compute_bounds (child, list_view, &bounds) &&
          graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT ((float) x, (float) y)))
        return gtk_tree_list_row_get_position (shown_item (child));
    }

  return GTK_INVALID_LIST_POSITION;
}

static GtkPopover *
row_menu (GtkWidget *tree)
{
  GtkPopover *menu = g_object_get_data (G_OBJECT (tree), "ks-row-menu");

  if (menu == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (ROW_MENU_RESOURCE);
      GMenuModel *model = G_MENU_MODEL (gtk_builder_get_object (builder, "row-menu"));

      menu = GTK_POPOVER (gtk_popover_menu_new_from_model (model));
      gtk_popover_set_has_arrow (menu, FALSE);
      gtk_widget_set_halign (GTK_WIDGET (menu), GTK_ALIGN_START);
      gtk_widget_set_parent (GTK_WIDGET (menu), tree);
      g_object_set_data (G_OBJECT (tree), "ks-row-menu", menu);
    }

  return menu;
}

/* Opens the menu pointing at (@x, @y) of @list_view */
static void
popup_at (GtkWidget *list_view,
          double     x,
          double     y)
{
  GtkWidget *tree = gtk_widget_get_ancestor (list_view, KS_TYPE_DEVICE_TREE);
  GtkPopover *menu = row_menu (tree);
  double tx, ty;

  if (!gtk_widget_translate_coordinates (list_view, tree, x, y, &tx, &ty))
    tx = ty = 0;
  gtk_popover_set_pointing_to (menu, &(GdkRectangle) { (int) tx, (int) ty, 1, 1 });
  gtk_popover_popup (menu);
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    gpointer         user_data)
{
  GtkWidget *list_view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  guint position = position_at (list_view, x, y);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_selection_model_select_item (selection, position, TRUE);
  g_object_set_data (G_OBJECT (gesture), "ks-menu-pending", GINT_TO_POINTER (TRUE));
}

/* The menu opens once the button is up: opened while it is down, the
 * popover would get the release and GTK loses count of its active state.
 * It opens for the row the press selected, wherever the release lands
 * (the details pane may have changed the layout in between). */
static void
on_secondary_release (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      gpointer         user_data)
{
  GtkWidget *list_view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (g_object_steal_data (G_OBJECT (gesture), "ks-menu-pending") != NULL)
    popup_at (list_view, x, y);
}

/* A press taken over by another gesture (a drag) opens no menu */
static void
on_secondary_cancel (GtkGesture       *gesture,
                     GdkEventSequence *sequence,
                     gpointer          user_data)
{
  g_object_set_data (G_OBJECT (gesture), "ks-menu-pending", NULL);
}

/* Menu key, Shift+F10: on the selected row, below its middle */
static gboolean
on_menu_key (GtkWidget *list_view,
             GVariant  *args,
             gpointer   user_data)
{
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
  GtkWidget *row = position != GTK_INVALID_LIST_POSITION
                     ? row_widget_at_position (list_view, position) : NULL;
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (row, list_view, &bounds))
    return FALSE;

  popup_at (list_view, bounds.origin.x + bounds.size.width / 4,
            bounds.origin.y + bounds.size.height / 2);
  return TRUE;
}

void
ks_device_tree_setup_menu (GtkWidget *list_view)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), NULL);
  g_signal_connect (click, "released", G_CALLBACK (on_secondary_release), NULL);
  g_signal_connect (click, "cancel", G_CALLBACK (on_secondary_cancel), NULL);
  gtk_widget_add_controller (list_view, GTK_EVENT_CONTROLLER (click));

  /* the rows take the keys first: capture, or a row would swallow them */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                                    GDK_SHIFT_MASK)),
                                                          gtk_callback_action_new (on_menu_key,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (list_view, keys);
}

/* The row menu while it is open (for tests), else NULL */
GtkPopover *
ks_device_tree_get_row_menu (KsDeviceTree *self)
{
  GtkPopover *menu = g_object_get_data (G_OBJECT (self), "ks-row-menu");

  return menu != NULL && gtk_widget_get_visible (GTK_WIDGET (menu)) ? menu : NULL;
}

/* Takes the menu off the tree: called from its dispose */
void
ks_device_tree_dispose_menu (KsDeviceTree *self)
{
  GtkWidget *menu = g_object_steal_data (G_OBJECT (self), "ks-row-menu");

  if (menu != NULL)
    gtk_widget_unparent (menu);
}
