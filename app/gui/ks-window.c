/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-window.c — the main window and its window-scoped actions */

#include "config.h"

#include <glib/gi18n.h>
#include <keepsake.h>

#include "ks-backups-window.h"
#include "ks-window-private.h"

G_DEFINE_FINAL_TYPE (KsWindow, ks_window, GTK_TYPE_APPLICATION_WINDOW)

void
ks_window_show_message (KsWindow   *self,
                        const char *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (self->message_bar, TRUE);
}

static void
on_message_close (KsWindow *self)
{
  gtk_widget_set_visible (self->message_bar, FALSE);
}

/* The details pane follows the selection: a device or save, a backup, or
 * the library or one of its groups. */
void
ks_window_show_selection (KsWindow *self)
{
  gpointer item = ks_device_tree_get_selected_item (self->device_tree);

  if (KS_IS_BACKUP_ITEM (item))
    ks_details_pane_show_backup (self->details_pane, item);
  else if (KS_IS_BACKUP_GROUP (item))
    ks_details_pane_show_library (self->details_pane, self->library_model, item);
  else if (KS_IS_LIBRARY_MODEL (item))
    ks_details_pane_show_library (self->details_pane, item, NULL);
  else
    ks_details_pane_show (self->details_pane,
                          ks_device_tree_get_selected_device (self->device_tree),
                          ks_device_tree_get_selected_save (self->device_tree));
}

static void
on_selection_changed (KsWindow     *self,
                      GParamSpec   *pspec,
                      KsDeviceTree *tree)
{
  KsDevice *device = ks_device_tree_get_selected_device (self->device_tree);

  if (device != NULL)
    g_set_weak_pointer (&self->last_device, device);
  ks_window_show_selection (self);
  ks_window_update_actions (self);
}

static void
refresh_library (KsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!ks_library_model_refresh (self->library_model, &error))
    ks_window_show_message (self, error->message);
}

/* Reads @device again (after a job wrote it, or to verify it now): the
 * device updates in place, and so do its rows (a reader reads its cart
 * again on its worker; a file or a folder is read again at once). */
void
ks_window_reload_device (KsWindow *self,
                         KsDevice *device)
{
  g_return_if_fail (KS_IS_WINDOW (self));
  g_return_if_fail (KS_IS_DEVICE (device));

  ks_device_reload (device);
  /* a file that can no longer be read says why on its row and here */
  if (ks_device_get_kind (device) == KS_DEVICE_KIND_FILE && ks_device_get_bytes (device) == NULL)
    ks_window_show_message (self, ks_device_get_subtitle (device));
}

typedef struct
{
  KsWindow *window;
  KsDevice *device;
} JobDone;

/* A verify job read the device again: if the bytes are the ones shown,
 * so are the findings (the same bytes verify the same); if the cart
 * changed under it, the device is read anew.  A backup's findings go on
 * its row. */
static void
verify_finished (KsWindow *self,
                 KsJob    *job,
                 KsDevice *device)
{
  GBytes *content = ks_job_get_content (job);
  const char *backup_id = g_object_get_data (G_OBJECT (job), "ks-backup-id");

  if (backup_id != NULL)
    {
      KsBackupItem *backup = ks_library_model_find (self->library_model, backup_id);

      if (backup != NULL && ks_job_get_findings (job) != NULL)
        ks_backup_item_set_findings (backup, ks_job_get_findings (job));
      if (backup != NULL && ks_device_tree_get_selected_backup (self->device_tree) == backup)
        ks_window_show_selection (self);
      return;
    }

  if (device != NULL && content != NULL &&
      (ks_device_get_bytes (device) == NULL || !g_bytes_equal (content, ks_device_get_bytes (device))))
    ks_window_reload_device (self, device);
}

static void
on_job_finished (KsJob   *job,
                 JobDone *done)
{
  if (done->window != NULL)
    {
      /* any job may have stored a backup (before a write, or by hand) */
      refresh_library (done->window);
      if (ks_job_get_kind (job) == KS_JOB_KIND_VERIFY)
        verify_finished (done->window, job, done->device);
      else if (ks_job_get_kind (job) == KS_JOB_KIND_EDIT_BACKUP && ks_job_get_backup (job) != NULL)
        ks_device_tree_select_backup (done->window->device_tree, ks_job_get_backup (job)->id);
      else if (ks_job_get_kind (job) != KS_JOB_KIND_BACKUP && done->device != NULL)
        ks_window_reload_device (done->window, done->device);
    }

  g_clear_weak_pointer (&done->window);
  g_clear_object (&done->device);
  g_free (done);
}

/* The intents queue a job: it shows as a row in the jobs area, and when it
 * has written @device, the device is read again */
static void
on_job_queued (KsIntents *intents,
               KsJob     *job,
               KsDevice  *device,
               KsWindow  *self)
{
  JobDone *done;

  ks_jobs_area_add (self->jobs_area, job);

  done = g_new0 (JobDone, 1);
  g_set_weak_pointer (&done->window, self);
  done->device = device != NULL ? g_object_ref (device) : NULL;
  g_signal_connect (job, "finished", G_CALLBACK (on_job_finished), done);
}

static void
on_intents_message (KsIntents  *intents,
                    const char *message,
                    KsWindow   *self)
{
  ks_window_show_message (self, message);
}

void
ks_window_run_job (KsWindow *self,
                   KsJob    *job,
                   KsDevice *device)
{
  g_return_if_fail (KS_IS_WINDOW (self));

  ks_intents_queue_job (self->intents, job, device, NULL);
}

static void
restore_backup (const KsBackupEntry *entry,
                GtkWindow           *parent,
                gpointer             user_data)
{
  KsWindow *self = KS_WINDOW (user_data);

  ks_intents_choose_restore_target (self->intents, entry, self->last_device, parent);
}

void
ks_window_show_backups (KsWindow *self)
{
  KsBackupsWindow *backups;

  g_return_if_fail (KS_IS_WINDOW (self));

  backups = ks_backups_window_new (GTK_WINDOW (self), self->library, restore_backup, self);
  gtk_window_present (GTK_WINDOW (backups));
}

/* The job most recently started from this window, or NULL */
KsJob *
ks_window_get_newest_job (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return ks_jobs_area_get_newest_job (self->jobs_area);
}

KsLibrary *
ks_window_get_library (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return self->library;
}

static void
ks_window_dispose (GObject *object)
{
  KsWindow *self = KS_WINDOW (object);

  g_clear_object (&self->intents);
  g_clear_weak_pointer (&self->last_device);
  /* the services are the application's: its jobs go on without this window */
  g_clear_object (&self->job_queue);
  g_clear_object (&self->library_model);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->port_monitor);

  G_OBJECT_CLASS (ks_window_parent_class)->dispose (object);
}

/* Opens @file as a device row and selects it; an unreadable file is
 * explained in the message bar and nothing is added. */
gboolean
ks_window_open_file (KsWindow *self,
                     GFile    *file)
{
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      ks_window_show_message (self, _("Only local files can be opened."));
      return FALSE;
    }

  if (ks_device_tree_select_path (self->device_tree, path))
    return TRUE;

  device = ks_device_new_for_file (path, &error);
  if (device == NULL)
    {
      ks_window_show_message (self, error->message);
      return FALSE;
    }

  /* what the person opens comes to the front (readers that appear do not) */
  ks_device_tree_add_device (self->device_tree, device);
  ks_device_tree_select_path (self->device_tree, path);
  ks_window_remember_file (self, path, TRUE);
  return TRUE;
}

/* Keeps the "open-files" setting in step: @path is open, or was closed */
void
ks_window_remember_file (KsWindow   *self,
                         const char *path,
                         gboolean    open)
{
  g_auto(GStrv) files = g_settings_get_strv (self->settings, "open-files");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    if (!g_str_equal (files[i], path))
      g_strv_builder_add (kept, files[i]);
  if (open)
    g_strv_builder_add (kept, path);

  updated = g_strv_builder_end (kept);
  if (!g_strv_equal ((const char * const *) files, (const char * const *) updated))
    g_settings_set_strv (self->settings, "open-files", (const char * const *) updated);
}


static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  KsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          ks_window_open_file (self, file);
        }
    }

  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Save or Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (images, _("Saves and images"));
  for (const char *const *p = (const char *const[]) { "*.sav", "*.srm", "*.fla", "*.bin", "*.bkr",
                                                       "*.bcr", "*.bup", "*.BUP", "*.ram",
                                                       "*.bram", NULL }; *p; p++)
    gtk_file_filter_add_pattern (images, *p);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ks_window_class_init (KsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ks_window_dispose;

  g_type_ensure (KS_TYPE_DEVICE_TREE);
  g_type_ensure (KS_TYPE_DETAILS_PANE);
  g_type_ensure (KS_TYPE_JOBS_AREA);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KsWindow, device_tree);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, message_bar);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, jobs_area);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, primary_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_message_close);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  ks_window_class_add_actions (widget_class);
}

/* ---- cart readers on serial ports ---- */

/* Adds @device as a row and selects it. */
void
ks_window_add_device (KsWindow *self,
                      KsDevice *device)
{
  g_return_if_fail (KS_IS_WINDOW (self));
  g_return_if_fail (KS_IS_DEVICE (device));

  ks_device_tree_add_device (self->device_tree, device);
}

static KsDevice *
find_device (KsWindow   *self,
             const char *path)
{
  GListModel *devices = ks_device_tree_get_devices (self->device_tree);

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (ks_device_get_path (device), path) == 0)
        return device;
    }

  return NULL;
}

/* Opens again the files that were open when Keepsake last ran; the first
 * device stays selected.  A file that has gone since (moved, deleted) is
 * taken off the list quietly: that is no error of this start. */
void
ks_window_reopen_files (KsWindow *self)
{
  g_auto(GStrv) files = NULL;

  g_return_if_fail (KS_IS_WINDOW (self));

  files = g_settings_get_strv (self->settings, "open-files");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(KsDevice) device = NULL;

      if (!g_file_test (files[i], G_FILE_TEST_IS_REGULAR))
        ks_window_remember_file (self, files[i], FALSE);
      else if (find_device (self, files[i]) == NULL &&
               (device = ks_device_new_for_file (files[i], NULL)) != NULL)
        ks_device_tree_add_device (self->device_tree, device);
    }
}

/* A cart reader on @path as a device row, reading its cart on a worker;
 * a port already shown is selected instead.  Returns the device (owned by
 * the tree). */
KsDevice *
ks_window_open_port (KsWindow   *self,
                     const char *path)
{
  g_autoptr(KsDevice) device = NULL;

  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (ks_device_tree_select_path (self->device_tree, path))
    return find_device (self, path);

  /* its reads run on the port's worker, in turn with the jobs there */
  device = ks_device_new_for_port_on_queue (path, self->job_queue);
  ks_device_tree_add_device (self->device_tree, device);
  return device;
}

static void
on_port_added (KsPortMonitor *monitor,
               const char    *path,
               KsWindow      *self)
{
  ks_window_open_port (self, path);
}

static void
on_port_removed (KsPortMonitor *monitor,
                 const char    *path,
                 KsWindow      *self)
{
  KsDevice *device = find_device (self, path);

  if (device != NULL && ks_device_get_kind (device) == KS_DEVICE_KIND_READER)
    ks_device_tree_remove_device (self->device_tree, device);
}

/* Readers appear as they are plugged in and go when they are pulled; the
 * ones already plugged in appear at once. */
static void
watch_ports (KsWindow *self)
{
  g_auto(GStrv) ports = ks_port_monitor_dup_ports (self->port_monitor);

  g_signal_connect_object (self->port_monitor, "port-added", G_CALLBACK (on_port_added), self, 0);
  g_signal_connect_object (self->port_monitor, "port-removed", G_CALLBACK (on_port_removed),
                           self, 0);
  for (guint i = 0; ports != NULL && ports[i] != NULL; i++)
    ks_window_open_port (self, ports[i]);
}

static void
ks_window_init (KsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    g_autoptr(GtkBuilder) menus = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/menus.ui");

    gtk_menu_button_set_menu_model (self->primary_menu_button,
                                    G_MENU_MODEL (gtk_builder_get_object (menus, "primary-menu")));
  }

  ks_window_connect_tree (self);
  ks_window_setup_pane_keys (self);
  ks_window_update_actions (self);
}

/* The application's services (ks_application_get_library() …): the window
 * holds references, and shows the library's node and the readers */
static void
use_services (KsWindow      *self,
              KsApplication *application)
{
  self->settings = g_object_ref (ks_application_get_settings (application));
  self->library = g_object_ref (ks_application_get_library (application));
  self->library_model = g_object_ref (ks_application_get_library_model (application));
  self->job_queue = g_object_ref (ks_application_get_job_queue (application));
  self->port_monitor = g_object_ref (ks_application_get_port_monitor (application));

  self->intents = ks_intents_new (self->library, self->job_queue,
                                  ks_device_tree_get_devices (self->device_tree));
  ks_intents_set_parent (self->intents, GTK_WINDOW (self));
  g_signal_connect_object (self->intents, "job-queued", G_CALLBACK (on_job_queued), self, 0);
  g_signal_connect_object (self->intents, "message", G_CALLBACK (on_intents_message), self, 0);

  ks_device_tree_set_library (self->device_tree, self->library_model);
  refresh_library (self);
  watch_ports (self);
}

KsWindow *
ks_window_new (KsApplication *application)
{
  /* the header bar and its primary menu replace the menu bar (GNOME's
   * way); the application keeps the menu bar's model for other desktops */
  KsWindow *self = g_object_new (KS_TYPE_WINDOW,
                                 "application", application,
                                 "show-menubar", FALSE,
                                 NULL);

  use_services (self, application);
  return self;
}

KsDeviceTree *
ks_window_get_device_tree (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return self->device_tree;
}

KsJobsArea *
ks_window_get_jobs_area (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return self->jobs_area;
}

KsDetailsPane *
ks_window_get_details_pane (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return self->details_pane;
}

/* The message bar's text while it is shown, else NULL. */
const char *
ks_window_get_message (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (self->message_bar))
    return NULL;

  return gtk_label_get_text (self->message_label);
}

/* The question a drop, an import or a restore is waiting on, or NULL */
KsConfirmDialog *
ks_window_get_question (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return ks_intents_get_question (self->intents);
}

KsIntents *
ks_window_get_intents (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return self->intents;
}
