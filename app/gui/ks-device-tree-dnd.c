/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-tree-dnd.c — rows as drag sources and device rows as drop
 * targets
 *
 * A save row offers two things: a reference to the save (for a drop on
 * another device row: "copy-save") and a file, exported on drag start under
 * a unique name in the cache folder (for the file manager).  A backup row
 * of the library offers the backup ("restore-backup") and its file the same
 * way.  A device row (or a save row, for its device) accepts a save
 * reference, a backup, or files from the file manager ("import-files").
 * Nothing is written here but the export: the window checks and runs the
 * jobs.
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

/* The device and save of a list item's row (save NULL on a device row). */
static gboolean
row_objects (GtkListItem  *list_item,
             KsDevice    **device,
             KsSaveItem  **save)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
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

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  KsDevice *device;
  KsSaveItem *save;
  g_autoptr(KsSaveRef) ref = NULL;
  g_autoptr(GFile) file = NULL;
  GdkContentProvider *providers[2];
  guint n = 0;
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (KS_IS_BACKUP_ITEM (item))
    {
      GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
      GtkWidget *tree = gtk_widget_get_ancestor (widget, KS_TYPE_DEVICE_TREE);

      providers[n++] = gdk_content_provider_new_typed (KS_TYPE_BACKUP_ITEM, item);
      file = tree != NULL ? export_backup_for_drag (KS_DEVICE_TREE (tree), KS_BACKUP_ITEM (item))
                          : NULL;
      if (file != NULL)
        providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, file);
      return gdk_content_provider_new_union (providers, n);
    }

  if (!row_objects (list_item, &device, &save) || save == NULL)
    return NULL;

  ref = ks_save_ref_new (device, save);
  providers[n++] = gdk_content_provider_new_typed (KS_TYPE_SAVE_REF, ref);
  file = export_for_drag (device, save);
  if (file != NULL)
    providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, file);

  return gdk_content_provider_new_union (providers, n);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkWidget *tree = gtk_widget_get_ancestor (widget, KS_TYPE_DEVICE_TREE);
  KsDevice *device;
  KsSaveItem *save;

  if (tree == NULL || !row_objects (list_item, &device, &save))
    return FALSE;

  if (G_VALUE_HOLDS (value, KS_TYPE_SAVE_REF))
    {
      KsSaveRef *ref = g_value_get_boxed (value);

      if (ref->device == device)
        return FALSE;   /* dropped back where it came from */

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

/* Called once per row widget (factory "setup"). */
void
ks_device_tree_setup_dnd (GtkWidget   *row_widget,
                          GtkListItem *list_item)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { KS_TYPE_SAVE_REF, KS_TYPE_BACKUP_ITEM, GDK_TYPE_FILE_LIST };

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), list_item);
  gtk_widget_add_controller (row_widget, GTK_EVENT_CONTROLLER (source));

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), list_item);
  gtk_widget_add_controller (row_widget, GTK_EVENT_CONTROLLER (target));
}
