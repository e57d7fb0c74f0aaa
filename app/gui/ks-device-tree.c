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
  GListModel *children = NULL;

  /* a Mega Memory Card's reader: its saves, then the Game Boy cart on top
   * of the card, with its own save beneath */
  if (KS_IS_DEVICE (item) && ks_device_get_top_cart (item) != NULL)
    {
      GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
      GListStore *top = g_list_store_new (KS_TYPE_DEVICE);

      g_list_store_append (top, ks_device_get_top_cart (item));
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

  /* a library or a group may fill later: it gets an expander anyway */
  if (children == NULL || (KS_IS_DEVICE (item) && g_list_model_get_n_items (children) == 0))
    return NULL;

  return g_object_ref (children);
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
  return ks_save_status_from_findings (findings);
}

static const char *
status_sentence (KsSaveStatus status)
{
  switch (status)
    {
    case KS_SAVE_STATUS_OK:
      return _("Verified: no problems found");
    case KS_SAVE_STATUS_UNVERIFIABLE:
      return _("Not verifiable: Keepsake has no checks for this kind of save");
    case KS_SAVE_STATUS_WARNING:
      return _("Verified, with warnings");
    case KS_SAVE_STATUS_ERROR:
      return _("Errors found: not safe to write as it is");
    case KS_SAVE_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}

/* What a row's icon shows, in words, for screen readers and tooltips */
static const char *
icon_description (const char *icon_name)
{
  static const struct {
    const char *icon;
    const char *text;
  } icons[] = {
    { "ks-gb-cart-symbolic", N_("Game Boy cart") },
    { "ks-gba-cart-symbolic", N_("Game Boy Advance cart") },
    { "ks-memory-card-symbolic", N_("Mega Memory Card") },
    { "ks-saturn-symbolic", N_("Saturn backup memory") },
    { "ks-reader-symbolic", N_("Cart reader") },
    { "ks-save-folder-symbolic", N_("Folder of saves") },
    { "ks-image-file-symbolic", N_("File") },
    { "ks-library-symbolic", N_("Backup library") },
    { "folder-symbolic", N_("Backups of one cart or game") },
    { "document-save-symbolic", N_("Backup") },
    { "content-loading-symbolic", N_("Reading") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_strcmp0 (icons[i].icon, icon_name) == 0)
      return _(icons[i].text);

  return "";
}

static void
set_icon (GtkWidget  *icon,
          const char *icon_name)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  icon_description (icon_name), -1);
}

static const char *
group_title (KsBackupGroup *group)
{
  const char *title = ks_backup_group_get_title (group);

  return title[0] != '\0' ? title : _("Untitled");
}

static void
show_count (GtkWidget *subtitle,
            guint      n)
{
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u backup",
                                                         "%u backups", n), n);

  gtk_label_set_text (GTK_LABEL (subtitle), count);
}

/* The library's and a group's counts follow refreshes while shown (they
 * are updated in place, so their rows are not bound again) */
static void
on_library_count (KsLibraryModel *library,
                  GParamSpec     *pspec,
                  GtkWidget      *subtitle)
{
  show_count (subtitle, ks_library_model_get_n_backups (library));
}

static void
on_group_count (GListModel *backups,
                guint       position,
                guint       removed,
                guint       added,
                GtkWidget  *subtitle)
{
  show_count (subtitle, g_list_model_get_n_items (backups));
}

/* The library, a group or a backup: icon, title, subtitle and status */
static KsSaveStatus
bind_library_row (gpointer    item,
                  GtkWidget  *icon,
                  GtkWidget  *title,
                  GtkWidget  *subtitle)
{
  if (KS_IS_LIBRARY_MODEL (item))
    {
      set_icon (icon, "ks-library-symbolic");
      gtk_label_set_text (GTK_LABEL (title), _("Backup Library"));
      show_count (subtitle, ks_library_model_get_n_backups (item));
      g_signal_connect_object (item, "notify::n-backups", G_CALLBACK (on_library_count),
                               subtitle, 0);
    }
  else if (KS_IS_BACKUP_GROUP (item))
    {
      GListModel *backups = ks_backup_group_get_backups (item);

      set_icon (icon, "folder-symbolic");
      gtk_label_set_text (GTK_LABEL (title), group_title (item));
      show_count (subtitle, g_list_model_get_n_items (backups));
      g_signal_connect_object (backups, "items-changed", G_CALLBACK (on_group_count),
                               subtitle, 0);
    }
  else if (KS_IS_BACKUP_ITEM (item))
    {
      const KsBackupEntry *entry = ks_backup_item_get_entry (item);
      g_autofree char *when = ks_backup_item_dup_when (item);
      g_autofree char *size = g_format_size_full (entry->size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *detail = g_strdup_printf ("%s · %s", size,
                                                 ks_backup_reason_describe (entry->reason));

      set_icon (icon, "document-save-symbolic");
      gtk_label_set_text (GTK_LABEL (title), when);
      gtk_label_set_text (GTK_LABEL (subtitle), detail);
      return ks_backup_item_get_status (item);
    }

  return KS_SAVE_STATUS_UNKNOWN;
}

static const char * const badge_classes[] = {
  "badge-ok", "badge-unverifiable", "badge-warning", "badge-error",
};

/* The badge's icon, its colour (style.css) and the same in words for the
 * tooltip and for screen readers */
static void
set_badge (GtkWidget    *badge,
           KsSaveStatus  status)
{
  const char *name = ks_save_status_to_string (status);

  for (guint i = 0; i < G_N_ELEMENTS (badge_classes); i++)
    gtk_widget_remove_css_class (badge, badge_classes[i]);
  if (name != NULL)
    {
      g_autofree char *css_class = g_strconcat ("badge-", name, NULL);

      gtk_widget_add_css_class (badge, css_class);
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (badge), ks_save_status_icon_name (status));
  gtk_widget_set_tooltip_text (badge, status_sentence (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_sentence (status) != NULL ? status_sentence (status) : "",
                                  -1);
}

/* A save's badge also names what its checks found about it (warnings
 * and errors, the first few), in its tooltip and its accessible
 * description, so a save row carries its findings as a device row's
 * details do */
static void
describe_save_badge (GtkWidget  *badge,
                     KsDevice   *device,
                     KsSaveItem *save)
{
  g_autoptr(GPtrArray) findings = ks_device_dup_save_findings (device, save);
  g_autoptr(GString) text = g_string_new (status_sentence (ks_save_item_get_status (save)));
  g_autoptr(GString) problems = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < findings->len && shown < 3; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == KS_SEVERITY_INFO)
        continue;
      g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "", finding->message);
      shown++;
    }
  if (problems->len == 0)
    return;

  g_string_append_printf (text, "\n%s", problems->str);
  gtk_widget_set_tooltip_text (badge, text->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problems->str, -1);
}

/* A backup verified while its row is shown gets its badge at once */
static void
on_backup_status (KsBackupItem *item,
                  GParamSpec   *pspec,
                  GtkWidget    *badge)
{
  set_badge (badge, ks_backup_item_get_status (item));
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
      set_icon (icon, ks_device_get_icon_name (item));
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
      set_icon (icon, KS_IS_DEVICE (device) ? ks_device_get_icon_name (KS_DEVICE (device))
                                            : "document-save-symbolic");
      gtk_label_set_text (GTK_LABEL (title), ks_save_item_get_name (item));
      gtk_label_set_text (GTK_LABEL (subtitle), size);
      status = ks_save_item_get_status (item);
    }
  else
    {
      status = bind_library_row (item, icon, title, subtitle);
      if (KS_IS_BACKUP_ITEM (item))
        g_signal_connect_object (item, "notify::status", G_CALLBACK (on_backup_status), badge, 0);
    }

  set_badge (badge, status);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (KS_IS_SAVE_ITEM (item))
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
      g_autoptr(GObject) device = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;

      if (KS_IS_DEVICE (device))
        describe_save_badge (badge, KS_DEVICE (device), item);
    }
  g_clear_object (&item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *labels = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *subtitle = gtk_widget_get_last_child (labels);
  GtkWidget *badge = gtk_widget_get_last_child (box);
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (KS_IS_BACKUP_ITEM (item))
    g_signal_handlers_disconnect_by_func (item, on_backup_status, badge);
  else if (KS_IS_LIBRARY_MODEL (item))
    g_signal_handlers_disconnect_by_func (item, on_library_count, subtitle);
  else if (KS_IS_BACKUP_GROUP (item))
    g_signal_handlers_disconnect_by_func (ks_backup_group_get_backups (KS_BACKUP_GROUP (item)),
                                          on_group_count, subtitle);
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

static void
on_selected_changed (KsDeviceTree *self)
{
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

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  ks_device_tree_setup_drop (GTK_WIDGET (self->list_view));
  ks_device_tree_setup_menu (GTK_WIDGET (self->list_view));

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
          /* rows above it may just have grown (a reader read its cart) */
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
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
  g_signal_connect_object (device, "notify::top-cart", G_CALLBACK (on_device_busy), self, 0);
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

  g_signal_handlers_disconnect_by_func (device, on_device_busy, self);
  g_list_store_remove (self->devices, position);
  update_empty_state (self);
  return TRUE;
}

/* Puts @fresh where @old was (a device read again), keeping it selected
 * (and in view) if @old was. */
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
      g_signal_connect_object (fresh, "notify::top-cart", G_CALLBACK (on_device_busy), self, 0);
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
