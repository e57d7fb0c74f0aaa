/* ks-device-tree.c — a GtkListView over a GtkTreeListModel: device rows at
 * the top level, their saves beneath, with expanders
 *
 * The selected row is exposed as the "selected-item" property (a KsDevice or
 * a KsSaveItem), so the window can follow it without knowing the model.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-device-tree-private.h"

struct _KsDeviceTree
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  GtkListView         *list_view;

  GListStore          *devices;
  GtkTreeListModel    *tree_model;
  GtkSingleSelection  *selection;
};

G_DEFINE_FINAL_TYPE (KsDeviceTree, ks_device_tree, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *saves;

  if (!KS_IS_DEVICE (item))
    return NULL;

  saves = ks_device_get_saves (item);
  if (g_list_model_get_n_items (saves) == 0)
    return NULL;

  return g_object_ref (saves);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");

  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());   /* integrity badge */
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
  ks_device_tree_setup_dnd (expander, list_item);
}

/* The device's own badge: the worst of its findings, once it was read */
static KsSaveStatus
device_status (KsDevice *device)
{
  GPtrArray *findings = ks_device_get_findings (device);

  if (ks_device_get_busy (device) || ks_device_get_container (device) == NULL)
    return ks_findings_has_errors (findings) ? KS_SAVE_STATUS_ERROR : KS_SAVE_STATUS_UNKNOWN;
  if (ks_findings_has_errors (findings))
    return KS_SAVE_STATUS_ERROR;
  if (ks_findings_count (findings, KS_SEVERITY_WARNING) > 0)
    return KS_SAVE_STATUS_WARNING;
  return KS_SAVE_STATUS_OK;
}

static const char *
status_sentence (KsSaveStatus status)
{
  switch (status)
    {
    case KS_SAVE_STATUS_OK:
      return _("Verified: no problems found");
    case KS_SAVE_STATUS_WARNING:
      return _("Verified, with warnings");
    case KS_SAVE_STATUS_ERROR:
      return _("Errors found: not safe to write as it is");
    case KS_SAVE_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *badge = gtk_widget_get_next_sibling (labels);
  gpointer item = gtk_tree_list_row_get_item (row);
  KsSaveStatus status = KS_SAVE_STATUS_UNKNOWN;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);

  if (KS_IS_DEVICE (item))
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), ks_device_get_icon_name (item));
      gtk_label_set_text (GTK_LABEL (title), ks_device_get_title (item));
      gtk_label_set_text (GTK_LABEL (subtitle), ks_device_get_subtitle (item));
      status = device_status (item);
    }
  else if (KS_IS_SAVE_ITEM (item))
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
      g_autoptr(GObject) device = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;
      g_autofree char *size = g_format_size_full (ks_save_item_get_size (item),
                                                  G_FORMAT_SIZE_IEC_UNITS);

      /* a save shows its platform, as its device does */
      gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                    KS_IS_DEVICE (device) ? ks_device_get_icon_name (KS_DEVICE (device))
                                                          : "document-save-symbolic");
      gtk_label_set_text (GTK_LABEL (title), ks_save_item_get_name (item));
      gtk_label_set_text (GTK_LABEL (subtitle), size);
      status = ks_save_item_get_status (item);
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (badge), ks_save_status_icon_name (status));
  gtk_widget_set_tooltip_text (badge, status_sentence (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_sentence (status) != NULL ? status_sentence (status) : "",
                                  -1);

  g_clear_object (&item);
}

static void
update_empty_state (KsDeviceTree *self)
{
  gtk_stack_set_visible_child_name (self->stack, ks_device_tree_is_empty (self) ? "empty" : "tree");
}

static void
on_selected_changed (KsDeviceTree *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
ks_device_tree_dispose (GObject *object)
{
  KsDeviceTree *self = KS_DEVICE_TREE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_DEVICE_TREE);
  g_clear_object (&self->selection);
  g_clear_object (&self->devices);

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

  gtk_widget_init_template (GTK_WIDGET (self));

  self->devices = g_list_store_new (KS_TYPE_DEVICE);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->devices)),
                                              FALSE, TRUE, create_children, NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->tree_model));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  update_empty_state (self);
}

static gboolean
select_device (KsDeviceTree *self,
               KsDevice     *device)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == (GObject *) device)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* A reader finished (or started) reading: its row and its saves change.
 * GtkTreeListModel asks for a row's children once, so the row is put in
 * again to be asked anew. */
static void
on_device_busy (KsDevice     *device,
                GParamSpec   *pspec,
                KsDeviceTree *self)
{
  ks_device_tree_replace_device (self, device, device);
}

void
ks_device_tree_add_device (KsDeviceTree *self,
                           KsDevice     *device)
{
  g_return_if_fail (KS_IS_DEVICE_TREE (self));
  g_return_if_fail (KS_IS_DEVICE (device));

  g_list_store_append (self->devices, device);
  g_signal_connect_object (device, "notify::busy", G_CALLBACK (on_device_busy), self, 0);
  update_empty_state (self);
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

  g_signal_handlers_disconnect_by_func (device, on_device_busy, self);
  g_list_store_remove (self->devices, position);
  update_empty_state (self);
  return TRUE;
}

/* Puts @fresh where @old was (a device read again), keeping it selected
 * if @old was. */
gboolean
ks_device_tree_replace_device (KsDeviceTree *self,
                               KsDevice     *old,
                               KsDevice     *fresh)
{
  guint position;
  gboolean was_selected;

  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), FALSE);
  g_return_val_if_fail (KS_IS_DEVICE (old), FALSE);
  g_return_val_if_fail (KS_IS_DEVICE (fresh), FALSE);

  if (!g_list_store_find (self->devices, old, &position))
    return FALSE;

  was_selected = ks_device_tree_get_selected_device (self) == old;
  if (old != fresh)
    {
      g_signal_handlers_disconnect_by_func (old, on_device_busy, self);
      g_signal_connect_object (fresh, "notify::busy", G_CALLBACK (on_device_busy), self, 0);
    }
  g_list_store_splice (self->devices, position, 1, (gpointer *) &fresh, 1);
  if (was_selected)
    select_device (self, fresh);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);

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

gboolean
ks_device_tree_is_empty (KsDeviceTree *self)
{
  g_return_val_if_fail (KS_IS_DEVICE_TREE (self), TRUE);

  return g_list_model_get_n_items (G_LIST_MODEL (self->devices)) == 0;
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
