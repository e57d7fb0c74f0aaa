/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-intents.h — what a person asks for (back up, restore, copy, import,
 * export, erase, delete, verify, edit the trainer), turned into jobs
 *
 * One function per intent.  Each works out what the write would do
 * (ks-copy-plan.h), asks in a KsConfirmDialog wherever something would be
 * replaced (Escape answers Cancel and nothing is queued), and queues the
 * job on the application's job queue.  The window is told through
 * signals: "job-queued" for each job just before it is queued (to show
 * its row and read the device again when it ends), and "message" for a
 * sentence the message bar shows (a refusal, an export).  Questions and
 * editors open over the window set with ks_intents_set_parent().
 */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

#include "ks-confirm-dialog.h"

G_BEGIN_DECLS

#define KS_TYPE_INTENTS (ks_intents_get_type ())

G_DECLARE_FINAL_TYPE (KsIntents, ks_intents, KS, INTENTS, GObject)

/* @devices (KsDevice) are the ones a backup can be restored to */
KsIntents       *ks_intents_new                  (KsLibrary           *library,
                                                  KsJobQueue          *job_queue,
                                                  GListModel          *devices);
/* The window questions and editors open over (weak), or NULL */
void             ks_intents_set_parent           (KsIntents           *self,
                                                  GtkWindow           *parent);
/* The question on screen (a copy, import or restore waiting on it), or
 * NULL */
KsConfirmDialog *ks_intents_get_question         (KsIntents           *self);

/* Queues @job, titled @title (NULL: the kind of job and @device's title),
 * after "job-queued" has been emitted for it */
void             ks_intents_queue_job            (KsIntents           *self,
                                                  KsJob               *job,
                                                  KsDevice            *device,
                                                  const char          *title);

void             ks_intents_back_up              (KsIntents           *self,
                                                  KsDevice            *device);
void             ks_intents_erase                (KsIntents           *self,
                                                  KsDevice            *device);
void             ks_intents_delete_save          (KsIntents           *self,
                                                  KsDevice            *device,
                                                  KsSaveItem          *save);
/* A device (@backup NULL) or a library backup */
void             ks_intents_verify               (KsIntents           *self,
                                                  KsDevice            *device,
                                                  KsBackupItem        *backup);
/* A backup, a save of @device (@save), or @device's whole image, to @file */
void             ks_intents_export               (KsIntents           *self,
                                                  KsDevice            *device,
                                                  KsSaveItem          *save,
                                                  KsBackupItem        *backup,
                                                  GFile               *file);
/* Opens the trainer editor on @device's Gen III save or on @backup; its
 * Save writes the device, or stores the edit as a new backup */
void             ks_intents_edit_trainer         (KsIntents           *self,
                                                  KsDevice            *device,
                                                  KsBackupItem        *backup);

/* ks-intents-transfer.c: a save, a file or a backup onto a device */
void             ks_intents_copy_save            (KsIntents           *self,
                                                  KsDevice            *source,
                                                  KsSaveItem          *save,
                                                  KsDevice            *target);
void             ks_intents_import_file          (KsIntents           *self,
                                                  KsDevice            *target,
                                                  GFile               *file);
void             ks_intents_restore_file         (KsIntents           *self,
                                                  KsDevice            *target,
                                                  GFile               *file);
void             ks_intents_restore_backup       (KsIntents           *self,
                                                  const KsBackupEntry *entry,
                                                  KsDevice            *target);
/* Asks to which device @entry goes back (starting on its own device, else
 * @preferred), over @parent (NULL: the parent window) */
void             ks_intents_choose_restore_target (KsIntents          *self,
                                                  const KsBackupEntry *entry,
                                                  KsDevice            *preferred,
                                                  GtkWindow           *parent);

G_END_DECLS
