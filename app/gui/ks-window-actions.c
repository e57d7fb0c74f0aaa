/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window-actions.c — what the window can do to the selected device or
 * save: Back Up, Restore, Erase, Verify, Export, Import, Delete, Edit
 * Trainer, Backups.  Each is a GAction with an accelerator and a menu entry
 * that reads the selection and hands it to the intents (ks-intents.h),
 * which ask where something would be replaced and queue the jobs. */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-window-private.h"

/* The job target of a device: its port or its file */
static const char *
device_target (KsDevice *device)
{
  return device != NULL ? ks_device_get_path (device) : NULL;
}

/* ---- actions: the selection, handed to the intents ---- */

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);

  if (device != NULL)
    ks_intents_back_up (self->intents, device);
}

typedef void (*FileChosen) (KsWindow *self,
                            GFile    *file);

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  KsWindow *self = user_data;
  FileChosen callback = g_object_get_data (G_OBJECT (dialog), "ks-callback");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      callback (self, file);
    }

  g_object_unref (dialog);
}

static void
choose_file (KsWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *suggested_name,
             FileChosen            callback)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_object_set_data (G_OBJECT (chooser), "ks-callback", callback);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
restore_from_file (KsWindow *self,
                   GFile    *file)
{
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);

  if (device_target (device) != NULL)
    ks_intents_restore_file (self->intents, device, file);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsBackupItem *backup = ks_device_tree_get_selected_backup (self->device_tree);

  if (backup != NULL)
    {
      ks_intents_choose_restore_target (self->intents, ks_backup_item_get_entry (backup),
                                        self->last_device, NULL);
      return;
    }

  choose_file (self, _("Restore a Save to the Device"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Restore"), NULL, restore_from_file);
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);

  if (device != NULL)
    ks_intents_erase (self->intents, device);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);

  ks_intents_verify (self->intents, ks_device_tree_get_selected_device (self->device_tree),
                     ks_device_tree_get_selected_backup (self->device_tree));
}

static void
export_to_file (KsWindow *self,
                GFile    *file)
{
  ks_intents_export (self->intents, ks_device_tree_get_selected_device (self->device_tree),
                     ks_device_tree_get_selected_save (self->device_tree),
                     ks_device_tree_get_selected_backup (self->device_tree), file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsSaveItem *save = ks_device_tree_get_selected_save (self->device_tree);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  KsBackupItem *backup = ks_device_tree_get_selected_backup (self->device_tree);
  g_autofree char *name = NULL;

  if (backup != NULL)
    name = ks_backup_item_suggest_name (backup);
  else if (device == NULL)
    return;
  else
    name = save != NULL ? g_strdup_printf ("%s.sav", ks_save_item_get_name (save))
                        : g_strdup (ks_device_get_title (device));
  g_strdelimit (name, "/\\:*?\"<>|", '_');
  choose_file (self, _("Export"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name, export_to_file);
}

static void
import_from_file (KsWindow *self,
                  GFile    *file)
{
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);

  if (device != NULL)
    ks_intents_import_file (self->intents, device, file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (KS_WINDOW (widget), _("Import a Save"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
               NULL, import_from_file);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  KsSaveItem *save = ks_device_tree_get_selected_save (self->device_tree);

  if (save != NULL && device != NULL)
    ks_intents_delete_save (self->intents, device, save);
}

static void
edit_trainer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);

  ks_intents_edit_trainer (self->intents, ks_device_tree_get_selected_device (self->device_tree),
                           ks_device_tree_get_selected_backup (self->device_tree));
}

static void
show_backups_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ks_window_show_backups (KS_WINDOW (widget));
}

/* A file or folder leaves the tree (and the list of files reopened at the
 * next start); the file itself is not touched.  The first device is
 * selected in its place. */
static void
close_device_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(KsDevice) first = NULL;
  GListModel *devices = ks_device_tree_get_devices (self->device_tree);

  device = g_object_ref (ks_device_tree_get_selected_device (self->device_tree));
  if (ks_device_get_kind (device) == KS_DEVICE_KIND_READER)
    return;

  ks_device_tree_remove_device (self->device_tree, device);
  ks_window_remember_file (self, ks_device_get_path (device), FALSE);
  first = g_list_model_get_item (devices, 0);
  if (first != NULL && ks_device_get_path (first) != NULL)
    ks_device_tree_select_path (self->device_tree, ks_device_get_path (first));
  ks_window_update_actions (self);
}

/* ---- drag and drop (ks-device-tree-dnd.c emits, ks-intents-transfer.c plans and runs) ---- */

static void
on_copy_save (KsDeviceTree *tree,
              KsDevice     *source,
              KsSaveItem   *save,
              KsDevice     *target,
              KsWindow     *self)
{
  ks_intents_copy_save (self->intents, source, save, target);
}

static void
on_restore_backup (KsDeviceTree *tree,
                   KsBackupItem *backup,
                   KsDevice     *target,
                   KsWindow     *self)
{
  ks_intents_restore_backup (self->intents, ks_backup_item_get_entry (backup), target);
}

static void
on_import_files (KsDeviceTree *tree,
                 KsDevice     *target,
                 GSList       *files,
                 KsWindow     *self)
{
  for (GSList *l = files; l != NULL; l = l->next)
    ks_intents_import_file (self->intents, target, l->data);
}

static void
on_drop_refused (KsDeviceTree *tree,
                 const char   *reason,
                 KsWindow     *self)
{
  ks_window_show_message (self, reason);
}

void
ks_window_connect_tree (KsWindow *self)
{
  g_signal_connect (self->device_tree, "drop-refused", G_CALLBACK (on_drop_refused), self);
  g_signal_connect (self->device_tree, "copy-save", G_CALLBACK (on_copy_save), self);
  g_signal_connect (self->device_tree, "import-files", G_CALLBACK (on_import_files), self);
  g_signal_connect (self->device_tree, "restore-backup", G_CALLBACK (on_restore_backup), self);
}

/* Enables exactly the actions that apply to the selection. */
void
ks_window_update_actions (KsWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  KsSaveItem *save = ks_device_tree_get_selected_save (self->device_tree);
  KsContainer *container = device != NULL ? ks_device_get_container (device) : NULL;
  /* backups and restores address a whole cart or file, not a folder */
  gboolean has_target = device_target (device) != NULL &&
                        ks_device_get_kind (device) != KS_DEVICE_KIND_FOLDER;
  gboolean is_port = has_target && ks_target_is_port (device_target (device));
  gboolean holds_saves = container != NULL && ks_container_has_saves (container);
  gboolean is_gen3 = container != NULL && g_str_equal (ks_container_get_format (container)->id, "gen3");
  /* a backup can be verified, exported and restored to a device, and a
   * Gen III one edited (into a new backup) */
  KsBackupItem *selected_backup = ks_device_tree_get_selected_backup (self->device_tree);
  gboolean backup = selected_backup != NULL;
  gboolean backup_is_gen3 = backup &&
                            g_str_equal (ks_backup_item_get_entry (selected_backup)->format_id, "gen3");

  gtk_widget_action_set_enabled (widget, "win.backup", has_target);
  gtk_widget_action_set_enabled (widget, "win.restore", (has_target && save == NULL) || backup);
  gtk_widget_action_set_enabled (widget, "win.erase", is_port && save == NULL);
  gtk_widget_action_set_enabled (widget, "win.verify", device != NULL || backup);
  gtk_widget_action_set_enabled (widget, "win.export", backup ||
                                 (device != NULL && (save != NULL || ks_device_get_bytes (device) != NULL)));
  gtk_widget_action_set_enabled (widget, "win.import", has_target && (holds_saves || is_port));
  gtk_widget_action_set_enabled (widget, "win.delete", save != NULL && holds_saves &&
                                 !ks_save_item_is_whole_image (save));
  gtk_widget_action_set_enabled (widget, "win.edit-trainer", is_gen3 || backup_is_gen3);
  gtk_widget_action_set_enabled (widget, "win.close-device",
                                 device != NULL && ks_device_get_kind (device) != KS_DEVICE_KIND_READER);
}

void
ks_window_class_add_actions (GtkWidgetClass *widget_class)
{
  /* accelerators: ks-application.c, so menus show them */
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.erase", NULL, erase_action);
  gtk_widget_class_install_action (widget_class, "win.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.edit-trainer", NULL, edit_trainer_action);
  gtk_widget_class_install_action (widget_class, "win.show-backups", NULL, show_backups_action);
  gtk_widget_class_install_action (widget_class, "win.close-device", NULL, close_device_action);
}
