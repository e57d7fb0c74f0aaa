/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backups-window.c — the backup library as a list: a heading per cart or
 * game, its backups newest first (time, source, format, size, why it was
 * made), and Restore to the device chosen at the top */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-backups-window.h"

struct _KsBackupsWindow
{
  GtkWindow      parent_instance;

  KsLibrary     *library;
  GListModel    *devices;
  KsRestoreFunc  restore;
  gpointer       user_data;

  GPtrArray     *entries;     /* KsBackupEntry, newest first within a title */
  GtkListBox    *list;
  GtkDropDown   *target;
  GtkLabel      *message;
};

G_DEFINE_FINAL_TYPE (KsBackupsWindow, ks_backups_window, GTK_TYPE_WINDOW)

static const char *
entry_title (const KsBackupEntry *entry)
{
  return entry->title != NULL && entry->title[0] != '\0' ? entry->title : _("Untitled");
}

/* Groups by title (alphabetically), newest first inside a group. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const KsBackupEntry *ea = *(const KsBackupEntry * const *) a;
  const KsBackupEntry *eb = *(const KsBackupEntry * const *) b;
  int by_title = g_utf8_collate (entry_title (ea), entry_title (eb));

  return by_title != 0 ? by_title : g_date_time_compare (eb->time, ea->time);
}

static void
say (KsBackupsWindow *self,
     const char      *message)
{
  gtk_label_set_text (self->message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL && message[0] != '\0');
}

/* Restores row @row's backup to device @device (positions as shown);
 * refuses, with a sentence, a device whose format differs. */
gboolean
ks_backups_window_restore (KsBackupsWindow *self,
                           guint            row,
                           guint            device_position)
{
  const KsBackupEntry *entry;
  g_autoptr(KsDevice) device = NULL;
  KsContainer *container;

  g_return_val_if_fail (KS_IS_BACKUPS_WINDOW (self), FALSE);

  if (row >= self->entries->len)
    return FALSE;
  entry = g_ptr_array_index (self->entries, row);

  device = g_list_model_get_item (self->devices, device_position);
  if (device == NULL)
    {
      say (self, _("Open or plug in the device to restore to first."));
      return FALSE;
    }

  container = ks_device_get_container (device);
  if (container != NULL && entry->format_id[0] != '\0' &&
      !g_str_equal (ks_container_get_format (container)->id, entry->format_id))
    {
      const KsFormat *backup_format = ks_format_lookup (entry->format_id);
      /* Translators: a device, then two format names, “Mega Memory Card” */
      g_autofree char *message = g_strdup_printf (_("%s is in the format “%s”, but this backup is in "
                                                    "the format “%s”. Choose a device of the same "
                                                    "kind."),
                                                  ks_device_get_title (device),
                                                  _(ks_container_get_format (container)->name),
                                                  backup_format != NULL ? _(backup_format->name)
                                                                        : entry->format_id);
      say (self, message);
      return FALSE;
    }

  say (self, NULL);
  self->restore (entry, device, self->user_data);
  return TRUE;
}

static void
on_restore_clicked (GtkButton       *button,
                    KsBackupsWindow *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ks-row"));

  ks_backups_window_restore (self, row, gtk_drop_down_get_selected (self->target));
}

static GtkWidget *
make_row (KsBackupsWindow     *self,
          const KsBackupEntry *entry,
          guint                index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *when = g_date_time_format (entry->time, "%Y-%m-%d %H:%M:%S");
  g_autofree char *size = g_format_size (entry->size);
  g_autofree char *detail = g_strdup_printf ("%s · %s · %s · %s", entry->source,
                                             entry->format_id[0] != '\0' ? entry->format_id : _("unknown format"),
                                             size, ks_backup_reason_describe (entry->reason));
  GtkWidget *time_label = gtk_label_new (when);
  GtkWidget *detail_label = gtk_label_new (detail);
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));

  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_box_append (GTK_BOX (texts), time_label);
  gtk_box_append (GTK_BOX (texts), detail_label);
  gtk_widget_set_hexpand (texts, TRUE);

  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (restore, _("Write this backup to the device chosen above"));
  g_object_set_data (G_OBJECT (restore), "ks-row", GUINT_TO_POINTER (index));
  g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked), self);

  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), restore);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  return box;
}

static void
add_header (GtkListBoxRow *row,
            GtkListBoxRow *before,
            gpointer       user_data)
{
  KsBackupsWindow *self = user_data;
  const KsBackupEntry *entry = g_ptr_array_index (self->entries, gtk_list_box_row_get_index (row));
  const KsBackupEntry *previous = before != NULL
    ? g_ptr_array_index (self->entries, gtk_list_box_row_get_index (before)) : NULL;

  if (previous == NULL || g_utf8_collate (entry_title (entry), entry_title (previous)) != 0)
    {
      GtkWidget *label = gtk_label_new (entry_title (entry));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_header (row, label);
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
reload (KsBackupsWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = ks_library_list (self->library, NULL, NULL, &error);
  if (self->entries == NULL)
    {
      self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_backup_entry_free);
      say (self, error->message);
    }
  g_ptr_array_sort (self->entries, compare_entries);

  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (self->entries, i), i));
}

static void
ks_backups_window_dispose (GObject *object)
{
  KsBackupsWindow *self = KS_BACKUPS_WINDOW (object);

  g_clear_object (&self->library);
  g_clear_object (&self->devices);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_backups_window_parent_class)->dispose (object);
}

static void
ks_backups_window_class_init (KsBackupsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ks_backups_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ks_backups_window_init (KsBackupsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Restore _to:"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *placeholder = gtk_label_new (_("No backups yet. Back Up (Ctrl+B) stores a cart's save here, "
                                            "and every write keeps the previous content here first."));

  gtk_window_set_title (GTK_WINDOW (self), _("Backups"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 480);

  self->target = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->target));
  gtk_widget_set_hexpand (GTK_WIDGET (self->target), TRUE);
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->target));

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_header_func (self->list, add_header, self, NULL);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Backups"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_window_set_child (GTK_WINDOW (self), box);
}

KsBackupsWindow *
ks_backups_window_new (GtkWindow     *parent,
                       KsLibrary     *library,
                       GListModel    *devices,
                       KsRestoreFunc  restore,
                       gpointer       user_data)
{
  KsBackupsWindow *self;
  GtkExpression *title;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (devices), NULL);

  self = g_object_new (KS_TYPE_BACKUPS_WINDOW, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  self->devices = g_object_ref (devices);
  self->restore = restore;
  self->user_data = user_data;

  title = gtk_property_expression_new (KS_TYPE_DEVICE, NULL, "title");
  gtk_drop_down_set_expression (self->target, title);
  gtk_expression_unref (title);
  gtk_drop_down_set_model (self->target, devices);

  reload (self);
  return self;
}

guint
ks_backups_window_get_n_rows (KsBackupsWindow *self)
{
  g_return_val_if_fail (KS_IS_BACKUPS_WINDOW (self), 0);

  return self->entries->len;
}

const char *
ks_backups_window_get_message (KsBackupsWindow *self)
{
  g_return_val_if_fail (KS_IS_BACKUPS_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}
