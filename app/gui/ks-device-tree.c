/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-tree.c — a GtkListView over a GtkTreeListModel: device rows at
 * the top level, their saves beneath, with expanders; after the devices,
 * the backup library: its backups grouped by cart or game, newest first
 *
 * The top level is a flattened list of two models, the devices and a
 * one-row list holding the KsLibraryModel, so the library always comes
 * last.  The selected row is exposed as the "selected-item" property (a
 * KsDevice, a KsSaveItem, the KsLibraryModel, a KsBackupGroup or a
 * KsBackupItem), so the window can follow it without knowing the model.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-device-row.h"
#include "ks-device-tree-private.h"

struct _KsDeviceTree
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  GtkListView         *list_view;

  GListStore          *devices;
  GListStore          *library_row;   /* the KsLibraryModel, once set */
  GtkTreeListModel    *tree_model;
  GtkSingleSelection  *selection;

  /* Where the selection was: its device, and the save's position among
   * the device's saves (GTK_INVALID_LIST_POSITION on the device's row).
   * A reading that replaces the selected save selects the save now at
   * that position, or the device. */
  KsDevice            *kept_device;
  guint                kept_save;
};

G_DEFINE_FINAL_TYPE (KsDeviceTree, ks_device_tree, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A reader's cart on top of its Mega Memory Card, in a list of its own
 * that follows the reader as the cart appears or goes away */
static void
on_top_cart (KsDevice   *device,
             GParamSpec *pspec,
             GListStore *top)
{
  KsDevice *cart = ks_device_get_top_cart (device);

  g_list_store_splice (top, 0, g_list_model_get_n_items (G_LIST_MODEL (top)),
                       (gpointer *) &cart, cart != NULL ? 1 : 0);
}

/* GtkTreeListModel asks for a row's children once, when it is first
 * expanded: a device gives its saves store (possibly empty, filled in
 * place by each reading), so saves that appear later show beneath it. */
static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *children = NULL;

  /* a reader: its saves, then the Game Boy cart on top of its card, if
   * there is one, with its own save beneath */
  if (KS_IS_DEVICE (item) && ks_device_get_kind (item) == KS_DEVICE_KIND_READER &&
      ks_device_get_cart_override (item) == NULL)
    {
      GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
      GListStore *top = g_list_store_new (KS_TYPE_DEVICE);

      on_top_cart (item, NULL, top);
      g_signal_connect_object (item, "notify::top-cart", G_CALLBACK (on_top_cart), top, 0);
      g_list_store_append (parts, ks_device_get_saves (item));
      g_list_store_append (parts, top);
      g_object_unref (top);
      return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
    }

  if (KS_IS_DEVICE (item))
    children = ks_device_get_saves (item);
  else if (KS_IS_LIBRARY_MODEL (item))
    children = ks_library_model_get_groups (item);
  else if (KS_IS_BACKUP_GROUP (item))
    children = ks_backup_group_get_backups (item);

  return children != NULL ? g_object_ref (children) : NULL;
}

static void
update_empty_state (KsDeviceTree *self)
{
  gtk_stack_set_visible_child_name (self->stack, ks_device_tree_is_empty (self) ? "empty" : "tree");
}

static void
on_library_changed (KsDeviceTree *self)
{
  update_empty_state (self);
}

static guint device_position (KsDeviceTree *self,
                              KsDevice     *device);

/* The save at @index of @device, if its row is shown; else the device */
static void
restore_selection (KsDeviceTree *self,
                   KsDevice     *device,
                   guint         index)
{
  guint position = device_position (self, device);
  g_autoptr(GtkTreeListRow) row = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), position);
  if (index != GTK_INVALID_LIST_POSITION && gtk_tree_list_row_get_expanded (row) &&
      index < g_list_model_get_n_items (ks_device_get_saves (device)))
    position += 1 + index;
  gtk_single_selection_set_selected (self->selection, position);
}

static void
on_selected_changed (KsDeviceTree *self)
{
  KsDevice *device = ks_device_tree_get_selected_device (self);
  KsSaveItem *save = ks_device_tree_get_selected_save (self);
  guint index = GTK_INVALID_LIST_POSITION;

  /* the selected row went away under the person (a reading replaced the
   * save): the selection goes back where it was */
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION &&
      self->kept_device != NULL &&
      g_list_store_find (self->devices, self->kept_device, NULL))
    {
      KsDevice *kept = self->kept_device;

      self->kept_device = NULL;
      restore_selection (self, kept, self->kept_save);
      return;
    }

  if (save != NULL && device != NULL &&
      !g_list_store_find (G_LIST_STORE (ks_device_get_saves (device)), save, &index))
    index = GTK_INVALID_LIST_POSITION;
  self->kept_device = device != NULL && g_list_store_find (self->devices, device, NULL) ? device
                                                                                        : NULL;
  self->kept_save = index;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
ks_device_tree_dispose (GObject *object)
{
  KsDeviceTree *self = KS_DEVICE_TREE (object);

  ks_device_tree_dispose_menu (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_DEVICE_TREE);
  g_clear_object (&self->selection);
  g_clear_object (&self->devices);
  g_clear_object (&self->library_row);

  G_OBJECT_CLASS (ks_device_tree_parent_class)->dispose (object);
}

static void
ks_device_tree_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KsDeviceTree *self = KS_DEVICE_TREE (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, ks_device_tree_get_selected_item (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_device_tree_class_init (KsDeviceTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_device_tree_dispose;
  object_class->get_property = ks_device_tree_get_property;

  /* A save dragged onto another device row: (source, save, target) */
  g_signal_new ("copy-save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 3, KS_TYPE_DEVICE, KS_TYPE_SAVE_ITEM, KS_TYPE_DEVICE);
  /* A backup of the library dragged onto a device row: (backup, target) */
  g_signal_new ("restore-backup", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, KS_TYPE_BACKUP_ITEM, KS_TYPE_DEVICE);
  /* A drop where nothing can land: (the reason, a sentence) */
  g_signal_new ("drop-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Files from the file manager dropped on a device row: (target, GSList of GFile) */
  g_signal_new ("import-files", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, KS_TYPE_DEVICE, G_TYPE_POINTER);

  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ks-device-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, KsDeviceTree, stack);
  gtk_widget_class_bind_template_child (widget_class, KsDeviceTree, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "devicetree");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ks_device_tree_init (KsDeviceTree *self)
{
  GtkListItemFactory *factory;
  GListStore *top;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->devices = g_list_store_new (KS_TYPE_DEVICE);
  self->library_row = g_list_store_new (KS_TYPE_LIBRARY_MODEL);
  top = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (top, self->devices);
  g_list_store_append (top, self->library_row);
  self->tree_model = gtk_tree_list_model_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (top))),
                                              FALSE, TRUE, create_children, NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->tree_model));
  /* nothing is chosen for the user: a new device selects itself (add_device) */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_changed), self);

  self->kept_save = GTK_INVALID_LIST_POSITION;
  factory = ks_device_row_factory_new ();

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  ks_device_tree_setup_drop (GTK_WIDGET (self->list_view));
  ks_device_tree_setup_menu (GTK_WIDGET (self->list_view));

  update_empty_state (self);
}

/* The position of @device's row, or GTK_INVALID_LIST_POSITION */
static guint
device_position (KsDeviceTree *self,
                 KsDevice     *device)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == (GObject *) device)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
select_device (KsDeviceTree *self,
               KsDevice     *device)
{
  guint position = device_position (self, device);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  /* rows above it may just have grown (a reader read its cart) */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

/* A device read again (or starting to): its rows follow by themselves
 * (bound to its properties, its saves updated in place); whoever shows
 * the selection is told when the selected device, or the device of the
 * selected save, changed. */
static void
on_device_changed (KsDevice     *device,
                   KsDeviceTree *self)
{
  if (ks_device_tree_get_selected_device (self) == device)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
on_device_top_cart (KsDevice     *device,
                    GParamSpec   *pspec,
                    KsDeviceTree *self)
{
  KsDevice *cart = ks_device_get_top_cart (device);

  if (cart != NULL)
    g_signal_connect_object (cart, "changed", G_CALLBACK (on_device_changed), self, 0);
}

void
ks_device_tree_add_device (KsDeviceTree *self,
                           KsDevice     *device)
{
  g_return_if_fail (KS_IS_DEVICE_TREE (self));
  g_return_if_fail (KS_IS_DEVICE (device));

  g_list_store_append (self->devices, device);
  g_signal_connect_object (device, "changed", G_CALLBACK (on_device_changed), self, 0);
  g_signal_connect_object (device, "notify::top-cart", G_CALLBACK (on_device_top_cart), self, 0);
  on_device_top_cart (device, NULL, self);
  update_empty_state (self);
  /* the first device is selected; later ones (a reader plugged in, a
   * file reopened) leave the selection where the person put it */
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    select_device (self, device);
}

/* Takes @device's row (and its saves) out of the tree. */
gboolean
ks_device_tree_remove_device (KsDeviceTree *self,
                              KsDevice     *device)
{
  guint position;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), FALSE);
  g_return_val_if_fail (KS_IS_DEVICE (device), FALSE);

  if (!g_list_store_find (self->devices, device, &position))
    return FALSE;

  g_signal_handlers_disconnect_by_data (device, self);
  if (ks_device_get_top_cart (device) != NULL)
    g_signal_handlers_disconnect_by_data (ks_device_get_top_cart (device), self);
  g_list_store_remove (self->devices, position);
  update_empty_state (self);
  return TRUE;
}

/* Selects the device opened from @path, if there is one. */
gboolean
ks_device_tree_select_path (KsDeviceTree *self,
                            const char   *path)
{
  guint n;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      if (g_strcmp0 (ks_device_get_path (device), path) == 0)
        return select_device (self, device);
    }

  return FALSE;
}

GListModel *
ks_device_tree_get_devices (KsDeviceTree *self)
{
  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), NULL);

  return G_LIST_MODEL (self->devices);
}

/* The rows as shown: devices and, under expanded devices, their saves. */
GListModel *
ks_device_tree_get_rows (KsDeviceTree *self)
{
  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), NULL);

  return G_LIST_MODEL (self->tree_model);
}

/* Nothing to show: no device, and no backup in the library either */
gboolean
ks_device_tree_is_empty (KsDeviceTree *self)
{
  g_autoptr(KsLibraryModel) library = NULL;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), TRUE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->devices)) > 0)
    return FALSE;

  library = g_list_model_get_item (G_LIST_MODEL (self->library_row), 0);
  return library == NULL || ks_library_model_get_n_backups (library) == 0;
}

/* Shows @library as the last row of the tree. */
void
ks_device_tree_set_library (KsDeviceTree   *self,
                            KsLibraryModel *library)
{
  g_return_if_fail (KS_IS_DEVICE_TREE (self));
  g_return_if_fail (KS_IS_LIBRARY_MODEL (library));

  g_list_store_splice (self->library_row, 0, g_list_model_get_n_items (G_LIST_MODEL (self->library_row)),
                       (gpointer *) &library, 1);
  g_signal_connect_object (library, "notify::n-backups", G_CALLBACK (on_library_changed), self,
                           G_CONNECT_SWAPPED);
  update_empty_state (self);
}

/* The library shown as the last row, or NULL */
KsLibrary *
ks_device_tree_get_library (KsDeviceTree *self)
{
  g_autoptr(KsLibraryModel) library = NULL;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), NULL);

  library = g_list_model_get_item (G_LIST_MODEL (self->library_row), 0);
  return library != NULL ? ks_library_model_get_library (library) : NULL;
}

/* Selects the row of the backup with @id (expanding the library and its
 * group), if it is shown. */
gboolean
ks_device_tree_select_backup (KsDeviceTree *self,
                              const char   *id)
{
  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  /* rows are created as they are expanded: walk down, expanding */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (KS_IS_LIBRARY_MODEL (item))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (KS_IS_BACKUP_GROUP (item))
        {
          KsLibraryModel *library = g_list_model_get_item (G_LIST_MODEL (self->library_row), 0);
          KsBackupItem *backup = ks_library_model_find (library, id);
          guint position;

          g_object_unref (library);
          if (backup != NULL &&
              g_list_store_find (G_LIST_STORE (ks_backup_group_get_backups (KS_BACKUP_GROUP (item))),
                                 backup, &position))
            {
              gtk_tree_list_row_set_expanded (row, TRUE);
              gtk_single_selection_set_selected (self->selection, i + 1 + position);
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* Borrowed: a GtkTreeListRow keeps its item alive. */
static gpointer
row_item (GtkTreeListRow *row)
{
  gpointer item = gtk_tree_list_row_get_item (row);

  g_object_unref (item);
  return item;
}

/* The selected KsDevice or KsSaveItem, or NULL. */
gpointer
ks_device_tree_get_selected_item (KsDeviceTree *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? row_item (row) : NULL;
}

/* The selected device, or the device of the selected save. */
KsDevice *
ks_device_tree_get_selected_device (KsDeviceTree *self)
{
  GtkTreeListRow *row;
  g_autoptr(GtkTreeListRow) parent = NULL;
  gpointer item;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;

  item = row_item (row);
  if (KS_IS_DEVICE (item))
    return item;

  parent = gtk_tree_list_row_get_parent (row);
  return parent != NULL && KS_IS_DEVICE (row_item (parent)) ? row_item (parent) : NULL;
}

KsSaveItem *
ks_device_tree_get_selected_save (KsDeviceTree *self)
{
  gpointer item = ks_device_tree_get_selected_item (self);

  return KS_IS_SAVE_ITEM (item) ? item : NULL;
}

KsBackupItem *
ks_device_tree_get_selected_backup (KsDeviceTree *self)
{
  gpointer item = ks_device_tree_get_selected_item (self);

  return KS_IS_BACKUP_ITEM (item) ? item : NULL;
}

/* Gives the keyboard focus to the selected row (the list, when no row is
 * selected or shown); FALSE when the tree shows no list */
gboolean
ks_device_tree_focus_selected (KsDeviceTree *self)
{
  guint position;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "tree") != 0)
    return FALSE;

  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
