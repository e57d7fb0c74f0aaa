/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ui-test-utils.c — helpers the UI tests share */

#include "config.h"

#include "ks-test-utils.h"
#include "ui-input.h"
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

void
ks_test_ui_wait_devices (KsDeviceTree *tree)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  ks_test_ui_iterate ();
  while (ks_test_ui_devices_busy (tree) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ks_test_ui_devices_busy (tree));
  ks_test_ui_iterate ();
}

static gboolean
window_settled (gpointer data)
{
  KsWindow *window = data;

  return !ks_test_ui_devices_busy (ks_window_get_device_tree (window)) &&
         ks_jobs_area_get_n_running (ks_window_get_jobs_area (window)) == 0;
}

void
ks_test_ui_wait_settled (KsWindow *window)
{
  g_assert_true (ks_test_input_wait_for (window_settled, window, 120000));
  ks_test_input_settle (100);
  g_assert_true (ks_test_input_wait_for (window_settled, window, 120000));
}

static gboolean
window_asking (gpointer data)
{
  KsConfirmDialog *question = ks_window_get_question (data);

  return question != NULL && gtk_widget_get_mapped (GTK_WIDGET (question));
}

static gboolean
window_not_asking (gpointer data)
{
  return ks_window_get_question (data) == NULL;
}

gboolean
ks_test_ui_wait_question (KsWindow *window,
                          gboolean  asking)
{
  return ks_test_input_wait_for (asking ? window_asking : window_not_asking, window, 5000);
}

KsDevice *
ks_test_ui_device_by_platform (KsDeviceTree *tree,
                               const char   *platform)
{
  GListModel *devices = ks_device_tree_get_devices (tree);

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (ks_device_get_platform (device), platform) == 0)
        return device;   /* the store keeps it */
    }

  g_error ("no %s device in the tree", platform);
}

void
ks_test_ui_select_device (KsDeviceTree *tree,
                          KsDevice     *device)
{
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (device)));
  ks_test_ui_iterate ();
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

      graphene_rect_t bounds;

      if (!GTK_IS_TREE_EXPANDER (expander))
        continue;
      shown = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
      /* a list keeps spare row widgets that may still show an old item:
       * only a row on screen counts */
      if (shown == item && gtk_widget_get_mapped (row) && gtk_widget_get_child_visible (row) &&
          gtk_widget_compute_bounds (row, list_view, &bounds) &&
          bounds.origin.y + bounds.size.height > 0 &&
          bounds.origin.y < gtk_widget_get_height (list_view))
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

GtkWidget *
ks_test_ui_find_child (GtkWidget *widget,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ks_test_ui_find_child (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  do
    {
      while (g_main_context_pending (NULL) && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  while (g_get_monotonic_time () < end);
}

/* Expands the rows above @item until it is a row of the tree; FALSE when
 * it is in none */
static gboolean
reveal (KsDeviceTree *tree,
        gpointer      item,
        guint        *position)
{
  GListModel *rows = ks_device_tree_get_rows (tree);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) shown = gtk_tree_list_row_get_item (row);

      if (shown == item)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The row of @item, scrolled into view first, clear of the list's edges
 * (where a drag scrolls it): a pointer aims at what a person sees.  A
 * reader that is still reading adds its saves when it is done, which moves
 * every row below it: the row is measured once no device is reading, so
 * it stays where the pointer is sent. */
GtkWidget *
ks_test_ui_row_on_screen (KsDeviceTree *tree,
                          gpointer      item)
{
  GtkWidget *list = find_list_view (GTK_WIDGET (tree));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  GtkWidget *row;
  graphene_rect_t bounds;
  double height;
  guint position = 0;

  if (ks_test_ui_devices_busy (tree))
    {
      ks_test_ui_wait_devices (tree);
      settle (100);
    }
  row = ks_test_ui_row_widget (tree, item);
  height = gtk_widget_get_height (list);

  if (row == NULL)
    {
      /* not on screen: the list scrolls to it, as keyboard focus would */
      g_assert_true (reveal (tree, item, &position));
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
      settle (150);
      row = ks_test_ui_row_widget (tree, item);
    }
  g_assert_nonnull (row);

  /* clear of the edges, where a drag scrolls the list */
  g_assert_true (gtk_widget_compute_bounds (row, list, &bounds));
  if (bounds.origin.y >= 48 && bounds.origin.y + bounds.size.height <= height - 48)
    return row;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                            bounds.origin.y + bounds.size.height / 2 - height / 2);

  settle (100);
  row = ks_test_ui_row_widget (tree, item);
  g_assert_nonnull (row);
  return row;
}

/* A real drag from @item's row onto @target's row: the target row is
 * found (and scrolled to, as a person's drag scrolls) once the drag is on */
void
ks_test_ui_drag_onto (KsDeviceTree *tree,
                      gpointer      item,
                      gpointer      target)
{
  ks_test_input_drag_begin (ks_test_ui_row_on_screen (tree, item));
  ks_test_input_drag_move (ks_test_ui_row_on_screen (tree, target), -1, -1);
  ks_test_input_drag_end ();
}

/* A registered application and its window, presented at @width × @height
 * (0: the default), with the backup library in a fresh folder of its own;
 * the demo's images go to the returned @demo_dir. */
KsWindow *
ks_test_ui_new_window (KsApplication **app,
                       int             width,
                       int             height,
                       char          **demo_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *library_dir = g_build_filename (dir, "library", NULL);
  KsWindow *window;

  g_setenv ("KEEPSAKE_LIBRARY_DIR", library_dir, TRUE);
  *demo_dir = g_build_filename (dir, "demo", NULL);

  *app = ks_application_new ();
  g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (*app), NULL, &error);
  g_assert_no_error (error);

  window = ks_window_new (*app);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The window the demo tests share: the demo's readers, file and folder
 * shown, each read once */
KsWindow *
ks_test_ui_new_demo_window (KsApplication **app)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = NULL;
  KsWindow *window = ks_test_ui_new_window (app, 1100, 1000, &demo_dir);

  g_assert_true (ks_application_start_demo (*app, demo_dir, &error));
  g_assert_no_error (error);
  ks_test_ui_wait_settled (window);
  return window;
}

/* gtk_test_init() for real input: X11 (XTest speaks it).  FALSE, with the
 * test skipped, where there is no X display with XTest. */
gboolean
ks_test_ui_init (int    *argc,
                 char ***argv)
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  gtk_test_init (argc, argv, NULL);
  if (ks_test_input_available ())
    return TRUE;

  g_test_skip ("no X display with XTest");
  return FALSE;
}
