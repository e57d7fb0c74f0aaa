/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-tree-dnd.c — rows as drag sources, the tree as one drop
 * target
 *
 * A save row offers two things: a reference to the save (for a drop on
 * another device row: "copy-save") and a file, exported on drag start under
 * a unique name in the cache folder (for the file manager).  A backup row
 * of the library offers the backup ("restore-backup") and its file the same
 * way.  A device row (or a save row, for its device) accepts a save
 * reference, a backup, or files from the file manager ("import-files").
 * Nothing is written here but the export: the window plans, asks and runs.
 * A drop where nothing can land ("drop-refused") says why.
 *
 * The drop target is the list as a whole, not each row: the row a drop
 * lands on is the row under the pointer when the button is released,
 * looked up then, and the row that is lit while dragging is looked up the
 * same way after every motion and every step of the autoscroll.  A list
 * recycles its row widgets as it scrolls, so a target attached to a row
 * widget can end up standing for another row than the one it lit.  The
 * autoscroll is ours too: GTK 4.8's own keeps scrolling after a drop on
 * X11 (no "leave" follows the drop), and stops only when the list reaches
 * its end; ours stops when the pointer leaves the edge, the drag leaves,
 * or the drop happens.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-device-tree-private.h"

G_DEFINE_BOXED_TYPE (KsSaveRef, ks_save_ref, ks_save_ref_copy, ks_save_ref_free)

KsSaveRef *
ks_save_ref_new (KsDevice   *device,
                 KsSaveItem *save)
{
  KsSaveRef *ref = g_new0 (KsSaveRef, 1);

  ref->device = g_object_ref (device);
  ref->save = g_object_ref (save);
  return ref;
}

KsSaveRef *
ks_save_ref_copy (const KsSaveRef *ref)
{
  return ks_save_ref_new (ref->device, ref->save);
}

void
ks_save_ref_free (KsSaveRef *ref)
{
  g_clear_object (&ref->device);
  g_clear_object (&ref->save);
  g_free (ref);
}

/* The device and save of a row widget, the expander of ks-device-row.ui
 * (save NULL on a device row). */
static gboolean
row_objects (GtkWidget    *row_widget,
             KsDevice    **device,
             KsSaveItem  **save)
{
  GtkTreeListRow *row = GTK_IS_TREE_EXPANDER (row_widget)
                        ? gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (row_widget)) : NULL;
  g_autoptr(GObject) item = NULL;

  *device = NULL;
  *save = NULL;
  if (row == NULL)
    return FALSE;

  item = gtk_tree_list_row_get_item (row);
  if (KS_IS_DEVICE (item))
    {
      *device = KS_DEVICE (item);
      return TRUE;
    }

  if (KS_IS_SAVE_ITEM (item))
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
      g_autoptr(GObject) parent_item = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;

      if (KS_IS_DEVICE (parent_item))
        {
          *device = KS_DEVICE (parent_item);   /* the store keeps it alive */
          *save = KS_SAVE_ITEM (item);         /* the device's saves keep it alive */
          return TRUE;
        }
    }

  return FALSE;
}

/* Writes @bytes under a unique @name in the cache folder, for the file
 * manager to copy. */
static GFile *
write_drag_file (const char *name,
                 GBytes     *bytes)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "keepsake", "drag", NULL);
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  target = ks_image_file_unique_path (path);
  if (!ks_image_file_create (target, bytes, NULL, &error))
    {
      g_debug ("Drag export failed: %s", error->message);
      return NULL;
    }

  return g_file_new_for_path (target);
}

/* The save, as the file manager should get it */
static GFile *
export_for_drag (KsDevice   *device,
                 KsSaveItem *save)
{
  g_autofree char *name = g_strdup_printf ("%s.sav", ks_save_item_get_name (save));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (ks_device_get_container (device) == NULL)
    return NULL;

  g_strdelimit (name, "/\\:*?\"<>|", '_');
  g_strstrip (name);
  /* a cart's only save is the device's bytes: there is nothing to extract */
  if (ks_save_item_is_whole_image (save))
    bytes = g_bytes_ref (ks_device_get_bytes (device));
  else
    bytes = ks_container_extract (ks_device_get_container (device), ks_save_item_get_index (save),
                                  name, &error);

  return bytes != NULL ? write_drag_file (name, bytes) : NULL;
}

/* A backup's stored bytes, checked against their SHA-256, for the file
 * manager */
static GFile *
export_backup_for_drag (KsDeviceTree *tree,
                        KsBackupItem *backup)
{
  KsLibrary *library = ks_device_tree_get_library (tree);
  g_autofree char *name = ks_backup_item_suggest_name (backup);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (library == NULL)
    return NULL;

  bytes = ks_library_load (library, ks_backup_item_get_entry (backup), &error);
  if (bytes == NULL)
    {
      g_debug ("Drag export failed: %s", error->message);
      return NULL;
    }

  return write_drag_file (name, bytes);
}

/* The drag source of a row (ks-device-row.ui): what the row carries */
GdkContentProvider *
ks_device_tree_drag_prepare (GtkDragSource *source,
                             double         x,
                             double         y,
                             gpointer       user_data)
{
  KsDevice *device;
  KsSaveItem *save;
  g_autoptr(KsSaveRef) ref = NULL;
  g_autoptr(GFile) file = NULL;
  GdkContentProvider *providers[2];
  guint n = 0;
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GObject) item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (widget));

  if (KS_IS_BACKUP_ITEM (item))
    {
      GtkWidget *tree = gtk_widget_get_ancestor (widget, KS_TYPE_DEVICE_TREE);

      providers[n++] = gdk_content_provider_new_typed (KS_TYPE_BACKUP_ITEM, item);
      file = tree != NULL ? export_backup_for_drag (KS_DEVICE_TREE (tree), KS_BACKUP_ITEM (item))
                          : NULL;
      if (file != NULL)
        providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, file);
      return gdk_content_provider_new_union (providers, n);
    }

  if (!row_objects (widget, &device, &save) || save == NULL)
    return NULL;

  ref = ks_save_ref_new (device, save);
  providers[n++] = gdk_content_provider_new_typed (KS_TYPE_SAVE_REF, ref);
  file = export_for_drag (device, save);
  if (file != NULL)
    providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, file);

  return gdk_content_provider_new_union (providers, n);
}

/* ---- the drop target ---- */

/* Pointer this close to the list's top or bottom edge scrolls it */
#define EDGE_SIZE 32
/* Pixels per frame at the very edge */
#define SCROLL_STEP 12.0

typedef struct
{
  GtkWidget     *list_view;
  GtkDropTarget *target;
  GtkWidget     *lit;           /* the row widget lit as the target */
  double         x, y;          /* the pointer, in the list's coordinates */
  double         scroll;        /* pixels per frame, signed; 0: still */
  guint          tick;
} Drop;

static void
drop_free (Drop *drop)
{
  g_clear_weak_pointer (&drop->lit);
  g_free (drop);
}

/* The row widget (with its list item) under (@x, @y) of the list: the
 * list's children are its rows, each holding one of ours.  (Picking the
 * deepest widget at the point is not enough: between a row's labels it
 * finds the list itself.) */
static GtkWidget *
row_at (Drop   *drop,
        double  x,
        double  y)
{
  for (GtkWidget *child = gtk_widget_get_first_child (drop->list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (!GTK_IS_TREE_EXPANDER (row) ||
          !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, drop->list_view, &bounds))
        continue;
      if (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT ((float) x, (float) y)))
        return row;
    }

  return NULL;
}

/* Whether @value can be dropped on the device and save of @row */
static gboolean
takes (GtkWidget    *row,
       const GValue *value,
       KsDevice    **device)
{
  KsSaveItem *save;

  if (row == NULL ||
      !row_objects (row, device, &save))
    return FALSE;

  /* a save dropped back on its own device: nothing to do */
  if (value != NULL && G_VALUE_HOLDS (value, KS_TYPE_SAVE_REF) &&
      ((KsSaveRef *) g_value_get_boxed (value))->device == *device)
    return FALSE;

  return TRUE;
}

static void
light (Drop      *drop,
       GtkWidget *row)
{
  GtkWidget *highlight = row != NULL ? gtk_widget_get_parent (row) : NULL;

  if (drop->lit == highlight)
    return;

  if (drop->lit != NULL)
    gtk_widget_remove_css_class (drop->lit, "drop-row");
  g_set_weak_pointer (&drop->lit, highlight);
  if (highlight != NULL)
    gtk_widget_add_css_class (highlight, "drop-row");
}

/* Lights the row under the pointer if it takes the drop.  The whole list
 * accepts the drag, so a drop where it cannot land is told why
 * (refuse_drop()) instead of vanishing without a word. */
static GdkDragAction
follow_pointer (Drop *drop)
{
  const GValue *value = gtk_drop_target_get_value (drop->target);
  GtkWidget *row = row_at (drop, drop->x, drop->y);
  KsDevice *device;

  light (drop, takes (row, value, &device) ? row : NULL);
  return GDK_ACTION_COPY;
}

/* Why nothing happens when @value is dropped on @row (which does not take
 * it), in one sentence, for the window's message bar */
static void
refuse_drop (GtkWidget    *tree,
             GtkWidget    *row,
             const GValue *value)
{
  KsDevice *device;
  KsSaveItem *save;
  g_autofree char *message = NULL;

  if (row != NULL && row_objects (row, &device, &save) &&
      G_VALUE_HOLDS (value, KS_TYPE_SAVE_REF))
    {
      KsSaveRef *ref = g_value_get_boxed (value);

      message = g_strdup_printf (_("“%s” is already on %s; drop it on another device to copy "
                                   "it there."),
                                 ks_save_item_get_name (ref->save), ks_device_get_title (device));
    }
  else if (row != NULL)
    message = g_strdup (_("The backup library keeps what Back Up and every write store; drop "
                          "onto a device's row to copy or restore there."));
  else
    message = g_strdup (_("Drop onto a device's row, or onto one of its saves, to copy there."));

  g_signal_emit_by_name (tree, "drop-refused", message);
}

static void
stop_scrolling (Drop *drop)
{
  drop->scroll = 0;
  if (drop->tick != 0)
    {
      gtk_widget_remove_tick_callback (drop->list_view, drop->tick);
      drop->tick = 0;
    }
}

static GtkAdjustment *
vadjustment (Drop *drop)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (drop->list_view));
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Drop *drop = user_data;
  GtkAdjustment *adjustment = vadjustment (drop);

  /* no drag any more (it ended somewhere we were not told of) */
  if (gtk_drop_target_get_current_drop (drop->target) == NULL || drop->scroll == 0 ||
      adjustment == NULL)
    {
      drop->tick = 0;
      drop->scroll = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + drop->scroll);
  /* The rows moved under a still pointer: light the one there now, and
   * tell the drag whether it may drop there, as a motion would (the
   * drag source only drops where the target last said yes). */
  {
    GdkDragAction action = follow_pointer (drop);

    gdk_drop_status (gtk_drop_target_get_current_drop (drop->target), action, action);
  }
  return G_SOURCE_CONTINUE;
}

static void
update_scrolling (Drop *drop)
{
  double height = gtk_widget_get_height (drop->list_view);

  if (drop->y < EDGE_SIZE)
    drop->scroll = -SCROLL_STEP * (EDGE_SIZE - drop->y) / EDGE_SIZE;
  else if (height - drop->y < EDGE_SIZE)
    drop->scroll = SCROLL_STEP * (EDGE_SIZE - (height - drop->y)) / EDGE_SIZE;
  else
    drop->scroll = 0;

  if (drop->scroll == 0)
    stop_scrolling (drop);
  else if (drop->tick == 0)
    drop->tick = gtk_widget_add_tick_callback (drop->list_view, scroll_tick, drop, NULL);
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                Drop          *drop)
{
  drop->x = x;
  drop->y = y;
  update_scrolling (drop);
  return follow_pointer (drop);
}

static void
on_drop_leave (GtkDropTarget *target,
               Drop          *drop)
{
  stop_scrolling (drop);
  light (drop, NULL);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Drop          *drop)
{
  GtkWidget *tree = gtk_widget_get_ancestor (drop->list_view, KS_TYPE_DEVICE_TREE);
  /* the row under the pointer now, at release */
  GtkWidget *row = row_at (drop, x, y);
  KsDevice *device;
  KsSaveItem *save;

  stop_scrolling (drop);
  light (drop, NULL);

  if (tree == NULL)
    return FALSE;
  if (!takes (row, value, &device) ||
      !row_objects (row, &device, &save))
    {
      refuse_drop (tree, row, value);
      return FALSE;
    }

  if (G_VALUE_HOLDS (value, KS_TYPE_SAVE_REF))
    {
      KsSaveRef *ref = g_value_get_boxed (value);

      g_signal_emit_by_name (tree, "copy-save", ref->device, ref->save, device);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, KS_TYPE_BACKUP_ITEM))
    {
      g_signal_emit_by_name (tree, "restore-backup", g_value_get_object (value), device);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      g_signal_emit_by_name (tree, "import-files", device, files);
      return TRUE;
    }

  return FALSE;
}

/* GTK's own autoscroll of a list listens with a GtkDropControllerMotion of
 * the list; ours replaces it (see the top of this file). */
static void
silence_list_autoscroll (GtkWidget *list_view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list_view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_CONTROLLER_MOTION (controller))
        gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_NONE);
    }
}

/* Called once, for the tree's list view */
void
ks_device_tree_setup_drop (GtkWidget *list_view)
{
  Drop *drop = g_new0 (Drop, 1);
  GType types[] = { KS_TYPE_SAVE_REF, KS_TYPE_BACKUP_ITEM, GDK_TYPE_FILE_LIST };

  drop->list_view = list_view;
  drop->target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop->target, types, G_N_ELEMENTS (types));
  /* the value is read while dragging, to refuse a save's own device */
  gtk_drop_target_set_preload (drop->target, TRUE);
  g_signal_connect (drop->target, "motion", G_CALLBACK (on_drop_motion), drop);
  g_signal_connect (drop->target, "enter", G_CALLBACK (on_drop_motion), drop);
  g_signal_connect (drop->target, "leave", G_CALLBACK (on_drop_leave), drop);
  g_signal_connect (drop->target, "drop", G_CALLBACK (on_drop), drop);
  g_object_set_data_full (G_OBJECT (drop->target), "ks-drop", drop, (GDestroyNotify) drop_free);
  gtk_widget_add_controller (list_view, GTK_EVENT_CONTROLLER (drop->target));

  silence_list_autoscroll (list_view);
}

/* The list view's scrolling during a drag: pixels per frame, 0 when still */
double
ks_device_tree_get_drop_scroll (GtkWidget *list_view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list_view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      Drop *drop = g_object_get_data (G_OBJECT (controller), "ks-drop");

      if (drop != NULL)
        return drop->tick != 0 ? drop->scroll : 0;
    }

  return 0;
}
