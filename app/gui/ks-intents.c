/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-intents.c — the intents that act on one device or backup: Back Up,
 * Erase, Delete, Verify, Export, Edit Trainer; and the road every job
 * takes onto the queue.  Copies, imports and restores are in
 * ks-intents-transfer.c.  Everything that touches a device runs as a job
 * (core/jobs). */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-intents-private.h"
#include "ks-trainer-editor.h"

G_DEFINE_FINAL_TYPE (KsIntents, ks_intents, G_TYPE_OBJECT)

enum {
  JOB_QUEUED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

void
ks_intents_say (KsIntents  *self,
                const char *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* A job's title names what the user sees in the tree ("Back up POKEMON
 * EMER"), not the port or path core knows the device by. */
static char *
job_title (KsJob    *job,
           KsDevice *device)
{
  const char *name = ks_device_get_title (device);

  switch (ks_job_get_kind (job))
    {
    case KS_JOB_KIND_BACKUP:
      return g_strdup_printf (_("Back up %s"), name);
    case KS_JOB_KIND_RESTORE:
      return g_strdup_printf (_("Restore %s"), name);
    case KS_JOB_KIND_ERASE:
      return g_strdup_printf (_("Erase %s"), name);
    case KS_JOB_KIND_WRITE_SAVE:
      return g_strdup_printf (_("Write %s"), name);
    case KS_JOB_KIND_COPY:
      return g_strdup_printf (_("Copy a save to %s"), name);
    case KS_JOB_KIND_VERIFY:
    default:
      return g_strdup_printf (_("Verify %s"), name);
    }
}

void
ks_intents_queue_job (KsIntents  *self,
                      KsJob      *job,
                      KsDevice   *device,
                      const char *title)
{
  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (KS_IS_JOB (job));
  g_return_if_fail (device == NULL || KS_IS_DEVICE (device));

  if (title != NULL)
    ks_job_set_title (job, title);
  else if (device != NULL && ks_device_get_title (device) != NULL)
    {
      g_autofree char *generic = job_title (job, device);

      ks_job_set_title (job, generic);
    }

  /* shown and watched before it can run, so no end goes unseen */
  g_signal_emit (self, signals[JOB_QUEUED], 0, job, device);
  ks_job_queue_push (self->job_queue, job);
}

/* ---- one device or backup ---- */

void
ks_intents_back_up (KsIntents *self,
                    KsDevice  *device)
{
  g_autoptr(KsJob) job = NULL;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (KS_IS_DEVICE (device));

  if (device_target (device) == NULL)
    return;

  job = ks_job_backup_new (self->library, device_target (device), device_override (device));
  ks_intents_queue_job (self, job, device, NULL);
}

/* One question, named for its action; Escape cancels.  @device is the one
 * the answer acts on, as it was when the question was asked. */
static KsConfirmDialog *
confirm (KsIntents  *self,
         KsDevice   *device,
         const char *question,
         const char *detail,
         const char *accept,
         GCallback   callback)
{
  KsConfirmDialog *dialog = ks_confirm_dialog_new (self->parent, question, detail);

  ks_confirm_dialog_add_choice (dialog, accept, GTK_RESPONSE_ACCEPT, TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "ks-device", g_object_ref (device), g_object_unref);
  g_signal_connect_object (dialog, "response", callback, self, 0);
  g_set_weak_pointer (&self->question, dialog);
  return dialog;
}

static void
on_erase_response (KsConfirmDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  KsIntents *self = user_data;
  KsDevice *device = g_object_get_data (G_OBJECT (dialog), "ks-device");
  g_autoptr(KsJob) job = NULL;

  if (response != GTK_RESPONSE_ACCEPT || device_target (device) == NULL)
    return;

  job = ks_job_erase_new (self->library, device_target (device), device_override (device));
  ks_intents_queue_job (self, job, device, NULL);
}

void
ks_intents_erase (KsIntents *self,
                  KsDevice  *device)
{
  g_autofree char *question = NULL;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (KS_IS_DEVICE (device));

  if (device_target (device) == NULL)
    return;

  question = g_strdup_printf (_("Erase the save on %s?"), ks_device_get_title (device));
  gtk_window_present (GTK_WINDOW (confirm (self, device, question,
                                           _("The current save is stored in the backup library "
                                             "first, so it can be restored."),
                                           _("_Erase"), G_CALLBACK (on_erase_response))));
}

static void
on_delete_response (KsConfirmDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  KsIntents *self = user_data;
  KsDevice *device = g_object_get_data (G_OBJECT (dialog), "ks-device");
  KsSaveItem *save = g_object_get_data (G_OBJECT (dialog), "ks-save");
  g_autoptr(KsJob) job = NULL;

  if (response != GTK_RESPONSE_ACCEPT || ks_device_get_container (device) == NULL)
    return;

  job = ks_job_write_save_new (self->library, device_target (device), device_override (device),
                               ks_container_get_format (ks_device_get_container (device))->id,
                               FALSE, ks_job_edit_remove,
                               GUINT_TO_POINTER (ks_save_item_get_index (save)), NULL);
  ks_intents_queue_job (self, job, device, NULL);
}

void
ks_intents_delete_save (KsIntents  *self,
                        KsDevice   *device,
                        KsSaveItem *save)
{
  g_autofree char *question = NULL;
  KsConfirmDialog *dialog;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (KS_IS_DEVICE (device));
  g_return_if_fail (KS_IS_SAVE_ITEM (save));

  question = g_strdup_printf (_("Delete “%s” from %s?"), ks_save_item_get_name (save),
                              ks_device_get_title (device));
  dialog = confirm (self, device, question,
                    _("The device's current content is stored in the backup library first."),
                    _("_Delete"), G_CALLBACK (on_delete_response));
  g_object_set_data_full (G_OBJECT (dialog), "ks-save", g_object_ref (save), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Verify is a job like the others: the cart is read as a backup reads it
 * (twice, or checked by the reader's CRC), a backup is checked against its
 * SHA-256; then the format's checks run.  Nothing is written. */
void
ks_intents_verify (KsIntents    *self,
                   KsDevice     *device,
                   KsBackupItem *backup)
{
  g_autoptr(KsJob) job = NULL;

  g_return_if_fail (KS_IS_INTENTS (self));

  if (backup != NULL)
    {
      const KsBackupEntry *entry = ks_backup_item_get_entry (backup);

      job = ks_job_verify_backup_new (self->library, entry);
      /* the window puts the findings on the backup's row */
      g_object_set_data_full (G_OBJECT (job), "ks-backup-id", g_strdup (entry->id), g_free);
      ks_intents_queue_job (self, job, NULL, NULL);
      return;
    }

  if (device == NULL)
    return;

  /* a folder of .BUP files is read from disk in a moment: read it again */
  if (ks_device_get_kind (device) == KS_DEVICE_KIND_FOLDER)
    {
      ks_device_reload (device);
      return;
    }

  job = ks_job_verify_new (self->library, device_target (device), device_override (device));
  ks_intents_queue_job (self, job, device, NULL);
}

void
ks_intents_export (KsIntents    *self,
                   KsDevice     *device,
                   KsSaveItem   *save,
                   KsBackupItem *backup,
                   GFile        *file)
{
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
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
      ks_intents_say (self, error->message);
      return;
    }

  message = g_strdup_printf (_("Exported to %s (read back and identical)."), target);
  ks_intents_say (self, message);
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
  KsIntents *self = user_data;
  KsDevice *device = g_object_get_data (G_OBJECT (editor), "ks-device");
  KsBackupItem *backup = g_object_get_data (G_OBJECT (editor), "ks-backup");
  KsGen3Trainer *trainer = g_new0 (KsGen3Trainer, 1);
  g_autoptr(KsJob) job = NULL;
  GWeakRef *editor_ref = g_new0 (GWeakRef, 1);

  ks_trainer_editor_get_trainer (editor, trainer);
  /* a backup is never changed: the edit becomes a new backup beside it */
  if (backup != NULL)
    job = ks_job_edit_backup_new (self->library, ks_backup_item_get_entry (backup),
                                  ks_job_edit_set_trainer, trainer, ks_job_edit_trainer_free);
  else
    job = ks_job_write_save_new (self->library, device_target (device), device_override (device),
                                 "gen3", FALSE, ks_job_edit_set_trainer, trainer,
                                 ks_job_edit_trainer_free);
  g_weak_ref_init (editor_ref, editor);
  g_signal_connect (job, "finished", G_CALLBACK (on_trainer_job_finished), editor_ref);
  ks_intents_queue_job (self, job, device, NULL);
}

void
ks_intents_edit_trainer (KsIntents    *self,
                         KsDevice     *device,
                         KsBackupItem *backup)
{
  g_autoptr(KsContainer) stored = NULL;
  g_autoptr(GError) error = NULL;
  KsContainer *container = NULL;
  KsTrainerEditor *editor;

  g_return_if_fail (KS_IS_INTENTS (self));

  if (backup != NULL)
    {
      const KsBackupEntry *entry = ks_backup_item_get_entry (backup);
      g_autoptr(GBytes) bytes = ks_library_load (self->library, entry, &error);

      /* the stored id is checked against the bytes: an older Keepsake kept
       * 128 KiB saves of any game as gen3 */
      if (bytes != NULL && g_strcmp0 (ks_backup_entry_format_for_content (entry, bytes), "gen3") != 0)
        {
          ks_intents_say (self, _("This is not a Pokémon Gen III save, so it has no trainer to "
                                  "edit."));
          return;
        }
      if (bytes != NULL)
        stored = ks_container_new_from_bytes (bytes, entry->title, "gen3", &error);
      if (stored == NULL)
        {
          ks_intents_say (self, error->message);
          return;
        }
      container = stored;
    }
  else if (device != NULL)
    container = ks_device_get_container (device);

  if (container == NULL)
    return;

  editor = ks_trainer_editor_new (self->parent, container, &error);
  if (editor == NULL)
    {
      ks_intents_say (self, error->message);
      return;
    }

  if (backup != NULL)
    g_object_set_data_full (G_OBJECT (editor), "ks-backup", g_object_ref (backup), g_object_unref);
  else
    g_object_set_data_full (G_OBJECT (editor), "ks-device", g_object_ref (device), g_object_unref);
  g_signal_connect_object (editor, "save-requested", G_CALLBACK (on_trainer_save_requested), self,
                           0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- the object ---- */

void
ks_intents_set_parent (KsIntents *self,
                       GtkWindow *parent)
{
  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  g_set_weak_pointer (&self->parent, parent);
}

KsConfirmDialog *
ks_intents_get_question (KsIntents *self)
{
  g_return_val_if_fail (KS_IS_INTENTS (self), NULL);

  return self->question;
}

static void
ks_intents_dispose (GObject *object)
{
  KsIntents *self = KS_INTENTS (object);

  ks_intents_clear_transfers (self);
  g_clear_weak_pointer (&self->question);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->devices);
  g_clear_object (&self->job_queue);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (ks_intents_parent_class)->dispose (object);
}

static void
ks_intents_class_init (KsIntentsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ks_intents_dispose;

  /* (job, device or NULL): a job about to be queued */
  signals[JOB_QUEUED] = g_signal_new ("job-queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2, KS_TYPE_JOB,
                                      KS_TYPE_DEVICE);
  /* (sentence): a refusal, an error or an outcome to show */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ks_intents_init (KsIntents *self)
{
  g_queue_init (&self->transfers);
}

KsIntents *
ks_intents_new (KsLibrary  *library,
                KsJobQueue *job_queue,
                GListModel *devices)
{
  KsIntents *self;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (KS_IS_JOB_QUEUE (job_queue), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (devices), NULL);

  self = g_object_new (KS_TYPE_INTENTS, NULL);
  self->library = g_object_ref (library);
  self->job_queue = g_object_ref (job_queue);
  self->devices = g_object_ref (devices);
  return self;
}
