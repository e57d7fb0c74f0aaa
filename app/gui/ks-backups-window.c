/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backups-window.c — the backup library as a list: a heading per cart or
 * game, its backups newest first (time, source, format, size, why it was
 * made), each with Restore… */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-backups-window.h"

struct _KsBackupsWindow
{
  GtkWindow      parent_instance;

  KsLibrary     *library;
  KsRestoreFunc  restore;
  gpointer       user_data;

  GPtrArray     *entries;     /* KsBackupEntry, newest first within a title */
  GtkListBox    *list;
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
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL && message[0] != '\0');
}

static void
on_restore_clicked (GtkButton       *button,
                    KsBackupsWindow *self)
{
  const KsBackupEntry *entry = g_object_get_data (G_OBJECT (button), "ks-entry");

  say (self, NULL);
  self->restore (entry, GTK_WINDOW (self), self->user_data);
}

static GtkWidget *
make_row (KsBackupsWindow     *self,
          const KsBackupEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->time);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  g_autofree char *size = g_format_size_full (entry->size, G_FORMAT_SIZE_IEC_UNITS);
  const KsFormat *format = ks_format_lookup (entry->format_id);
  /* Translators: where a backup came from, its format, its size, why it was made */
  g_autofree char *detail = g_strdup_printf (_("%s · %s · %s · %s"), entry->source,
                                             format != NULL ? _(format->name) : _("unknown format"),
                                             size, ks_backup_reason_describe (entry->reason));
  g_autofree char *restore_name = g_strdup_printf (_("Restore the backup of %s"), when);
  GtkWidget *time_label = gtk_label_new (when);
  GtkWidget *detail_label = gtk_label_new (detail);
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore…"));

  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (detail_label, detail);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_box_append (GTK_BOX (texts), time_label);
  gtk_box_append (GTK_BOX (texts), detail_label);
  gtk_widget_set_hexpand (texts, TRUE);

  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (restore, _("Write this backup back to a device"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (restore), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  restore_name, -1);
  g_object_set_data (G_OBJECT (restore), "ks-entry", (gpointer) entry);
  g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked), self);

  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), restore);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* The row carries its entry, so the header function never looks into
   * an array that may already be gone while the window is torn down (the
   * list box calls it as it removes its rows). */
  g_object_set_data (G_OBJECT (row), "ks-entry", (gpointer) entry);
  return row;
}

static void
add_header (GtkListBoxRow *row,
            GtkListBoxRow *before,
            gpointer       user_data)
{
  const KsBackupEntry *entry = g_object_get_data (G_OBJECT (row), "ks-entry");
  const KsBackupEntry *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "ks-entry")
                                                 : NULL;

  if (entry == NULL)
    return;

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
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (self->entries, i)));
}

static void
ks_backups_window_dispose (GObject *object)
{
  KsBackupsWindow *self = KS_BACKUPS_WINDOW (object);

  /* the rows go before the entries they point at */
  if (self->list != NULL)
    gtk_list_box_set_header_func (self->list, NULL, NULL, NULL);
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  self->list = NULL;
  self->message = NULL;
  g_clear_object (&self->library);
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
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *placeholder = gtk_label_new (_("No backups yet. Back Up (Ctrl+B) stores a cart's save here, "
                                            "and every write keeps the previous content here first."));

  gtk_window_set_title (GTK_WINDOW (self), _("Backups"));
  gtk_window_set_titlebar (GTK_WINDOW (self), gtk_header_bar_new ());
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 480);

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_header_func (self->list, add_header, NULL, NULL);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Backups"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);

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
                       KsRestoreFunc  restore,
                       gpointer       user_data)
{
  KsBackupsWindow *self;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (restore != NULL, NULL);

  self = g_object_new (KS_TYPE_BACKUPS_WINDOW, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  self->restore = restore;
  self->user_data = user_data;

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

GtkWidget *
ks_backups_window_get_restore_button (KsBackupsWindow *self,
                                      guint            row)
{
  GtkListBoxRow *list_row;

  g_return_val_if_fail (KS_IS_BACKUPS_WINDOW (self), NULL);

  list_row = gtk_list_box_get_row_at_index (self->list, row);
  if (list_row == NULL)
    return NULL;

  return gtk_widget_get_last_child (gtk_list_box_row_get_child (list_row));
}
