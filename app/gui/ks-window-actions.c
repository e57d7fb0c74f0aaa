/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window-actions.c — what the window can do to the selected device or
 * save: Back Up, Restore, Erase, Verify, Export, Import, Delete, Edit
 * Trainer, Backups.  Each is a GAction with an accelerator and a menu entry;
 * everything that touches a device runs as a job (core/jobs) and shows a
 * row in the jobs area. */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-job-row.h"
#include "ks-trainer-editor.h"
#include "ks-window-private.h"

/* The job target of a device: its port or its file */
static const char *
device_target (KsDevice *device)
{
  return device != NULL ? ks_device_get_path (device) : NULL;
}

/* How the target is reached when it is not the reader's own cart (the
 * Game Boy cart on top of a Mega Memory Card), else NULL */
static const KsCartOverride *
device_override (KsDevice *device)
{
  return device != NULL ? ks_device_get_cart_override (device) : NULL;
}

/* ---- actions ---- */

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  g_autoptr(KsJob) job = NULL;

  if (device_target (device) == NULL)
    return;

  job = ks_job_backup_new (self->library, device_target (device), device_override (device));
  ks_window_run_job (self, job, device);
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
    ks_window_restore_file (self, device, file);
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
      ks_window_choose_restore_target (self, ks_backup_item_get_entry (backup), NULL);
      return;
    }

  choose_file (self, _("Restore a Save to the Device"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Restore"), NULL, restore_from_file);
}

static void
on_erase_response (KsConfirmDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  KsWindow *self = user_data;
  KsDevice *device = g_object_get_data (G_OBJECT (dialog), "ks-device");
  g_autoptr(KsJob) job = NULL;

  if (response != GTK_RESPONSE_ACCEPT || device_target (device) == NULL)
    return;

  job = ks_job_erase_new (self->library, device_target (device), device_override (device));
  ks_window_run_job (self, job, device);
}

/* One question, named for its action; Escape cancels.  @device is the one
 * the answer acts on, as it was when the question was asked. */
static void
confirm (KsWindow   *self,
         KsDevice   *device,
         const char *question,
         const char *detail,
         const char *accept,
         GCallback   callback)
{
  KsConfirmDialog *dialog = ks_confirm_dialog_new (GTK_WINDOW (self), question, detail);

  ks_confirm_dialog_add_choice (dialog, accept, GTK_RESPONSE_ACCEPT, TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "ks-device", g_object_ref (device), g_object_unref);
  g_signal_connect_object (dialog, "response", callback, self, 0);
  g_set_weak_pointer (&self->question, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  g_autofree char *question = NULL;

  if (device_target (device) == NULL)
    return;

  question = g_strdup_printf (_("Erase the save on %s?"), ks_device_get_title (device));
  confirm (self, device, question,
           _("The current save is stored in the backup library first, so it can be restored."),
           _("_Erase"), G_CALLBACK (on_erase_response));
}

/* Verify is a job like the others: the cart is read as a backup reads it
 * (twice, or checked by the reader's CRC), a backup is checked against its
 * SHA-256; then the format's checks run.  Nothing is written. */
static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  KsBackupItem *backup = ks_device_tree_get_selected_backup (self->device_tree);
  g_autoptr(KsJob) job = NULL;

  if (backup != NULL)
    {
      const KsBackupEntry *entry = ks_backup_item_get_entry (backup);

      job = ks_job_verify_backup_new (self->library, entry);
      g_object_set_data_full (G_OBJECT (job), "ks-backup-id", g_strdup (entry->id), g_free);
      ks_window_run_job (self, job, NULL);
      return;
    }

  if (device == NULL)
    return;

  /* a folder of .BUP files is read from disk in a moment: read it again */
  if (ks_device_get_kind (device) == KS_DEVICE_KIND_FOLDER)
    {
      ks_window_reload_device (self, device);
      return;
    }

  job = ks_job_verify_new (self->library, device_target (device), device_override (device));
  ks_window_run_job (self, job, device);
}

static void
export_to_file (KsWindow *self,
                GFile    *file)
{
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  KsSaveItem *save = ks_device_tree_get_selected_save (self->device_tree);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *target = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  KsBackupItem *backup = ks_device_tree_get_selected_backup (self->device_tree);

  if ((device == NULL && backup == NULL) || path == NULL)
    return;

  base = g_path_get_basename (path);
  /* a backup is the library's stored bytes, checked against their SHA-256;
   * a whole-image save (a single-save format) is the device's bytes */
  if (backup != NULL)
    bytes = ks_library_load (self->library, ks_backup_item_get_entry (backup), &error);
  else if (save != NULL && !ks_save_item_is_whole_image (save))
    bytes = ks_container_extract (ks_device_get_container (device), ks_save_item_get_index (save),
                                  base, &error);
  else
    bytes = g_bytes_ref (ks_device_get_bytes (device));

  /* Exports never overwrite: an existing name gets a -1, -2, … suffix. */
  target = ks_image_file_unique_path (path);
  if (bytes == NULL || !ks_image_file_create (target, bytes, NULL, &error))
    {
      ks_window_show_message (self, error->message);
      return;
    }

  {
    g_autofree char *message = g_strdup_printf (_("Exported to %s (read back and identical)."), target);

    ks_window_show_message (self, message);
  }
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
    ks_window_import_file (self, device, file);
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
on_delete_response (KsConfirmDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  KsWindow *self = user_data;
  KsDevice *device = g_object_get_data (G_OBJECT (dialog), "ks-device");
  KsSaveItem *save = g_object_get_data (G_OBJECT (dialog), "ks-save");
  g_autoptr(KsJob) job = NULL;

  if (response != GTK_RESPONSE_ACCEPT || ks_device_get_container (device) == NULL)
    return;

  job = ks_job_write_save_new (self->library, device_target (device), device_override (device),
                               ks_container_get_format (ks_device_get_container (device))->id,
                               FALSE, ks_job_edit_remove,
                               GUINT_TO_POINTER (ks_save_item_get_index (save)), NULL);
  ks_window_run_job (self, job, device);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  KsSaveItem *save = ks_device_tree_get_selected_save (self->device_tree);
  g_autofree char *question = NULL;

  if (save == NULL || device == NULL)
    return;

  question = g_strdup_printf (_("Delete “%s” from %s?"), ks_save_item_get_name (save),
                              ks_device_get_title (device));
  confirm (self, device, question,
           _("The device's current content is stored in the backup library first."),
           _("_Delete"), G_CALLBACK (on_delete_response));
  g_object_set_data_full (G_OBJECT (self->question), "ks-save", g_object_ref (save),
                          g_object_unref);
}

/* ---- the trainer editor: its Save runs a write-save job ---- */

static void
on_trainer_job_finished (KsJob    *job,
                         gpointer  user_data)
{
  GWeakRef *editor_ref = user_data;
  g_autoptr(KsTrainerEditor) editor = g_weak_ref_get (editor_ref);
  g_autofree char *message = ks_job_describe_result (job);

  if (editor != NULL)
    ks_trainer_editor_show_result (editor, ks_job_get_state (job) == KS_JOB_STATE_DONE, message);

  g_weak_ref_clear (editor_ref);
  g_free (editor_ref);
}

static void
on_trainer_save_requested (KsTrainerEditor *editor,
                           gpointer         user_data)
{
  KsWindow *self = user_data;
  KsDevice *device = g_object_get_data (G_OBJECT (editor), "ks-device");
  KsBackupItem *backup = g_object_get_data (G_OBJECT (editor), "ks-backup");
  KsGen3Trainer *trainer = g_new0 (KsGen3Trainer, 1);
  g_autoptr(KsJob) job = NULL;
  GWeakRef *editor_ref = g_new0 (GWeakRef, 1);

  ks_trainer_editor_get_trainer (editor, trainer);
  /* a backup is never changed: the edit becomes a new backup beside it */
  if (backup != NULL)
    job = ks_job_edit_backup_new (self->library, ks_backup_item_get_entry (backup), ks_job_edit_set_trainer,
                                  trainer, ks_job_edit_trainer_free);
  else
    job = ks_job_write_save_new (self->library, device_target (device), device_override (device), "gen3", FALSE,
                                 ks_job_edit_set_trainer, trainer, ks_job_edit_trainer_free);
  g_weak_ref_init (editor_ref, editor);
  g_signal_connect (job, "finished", G_CALLBACK (on_trainer_job_finished), editor_ref);
  ks_window_run_job (self, job, device);
}

static void
edit_trainer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);
  KsBackupItem *backup = ks_device_tree_get_selected_backup (self->device_tree);
  g_autoptr(KsContainer) stored = NULL;
  g_autoptr(GError) error = NULL;
  KsContainer *container = NULL;
  KsTrainerEditor *editor;

  if (backup != NULL)
    {
      const KsBackupEntry *entry = ks_backup_item_get_entry (backup);
      g_autoptr(GBytes) bytes = ks_library_load (self->library, entry, &error);

      if (bytes != NULL)
        stored = ks_container_new_from_bytes (bytes, entry->title, "gen3", &error);
      if (stored == NULL)
        {
          ks_window_show_message (self, error->message);
          return;
        }
      container = stored;
    }
  else if (device != NULL)
    container = ks_device_get_container (device);

  if (container == NULL)
    return;

  editor = ks_trainer_editor_new (GTK_WINDOW (self), container, &error);
  if (editor == NULL)
    {
      ks_window_show_message (self, error->message);
      return;
    }

  if (backup != NULL)
    g_object_set_data_full (G_OBJECT (editor), "ks-backup", g_object_ref (backup), g_object_unref);
  else
    g_object_set_data_full (G_OBJECT (editor), "ks-device", g_object_ref (device), g_object_unref);
  g_signal_connect (editor, "save-requested", G_CALLBACK (on_trainer_save_requested), self);
  gtk_window_present (GTK_WINDOW (editor));
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

/* ---- drag and drop (ks-device-tree-dnd.c emits, ks-window-transfer.c plans and runs) ---- */

static void
on_copy_save (KsDeviceTree *tree,
              KsDevice     *source,
              KsSaveItem   *save,
              KsDevice     *target,
              KsWindow     *self)
{
  ks_window_copy_save (self, source, save, target);
}

static void
on_restore_backup (KsDeviceTree *tree,
                   KsBackupItem *backup,
                   KsDevice     *target,
                   KsWindow     *self)
{
  ks_window_restore_backup (self, ks_backup_item_get_entry (backup), target);
}

static void
on_import_files (KsDeviceTree *tree,
                 KsDevice     *target,
                 GSList       *files,
                 KsWindow     *self)
{
  for (GSList *l = files; l != NULL; l = l->next)
    ks_window_import_file (self, target, l->data);
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
